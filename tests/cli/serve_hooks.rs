//! Inbound webhooks on `desk serve`: a generic JSON hook mapped by `[webhooks.NAME]`, and
//! Slack's slash command, each recorded as the ticket's channel.

use hmac::{Hmac, Mac};
use serde_json::{json, Value};
use sha2::Sha256;

use crate::common::TestEnv;
use crate::serve::{token, Served};

fn append_config(env: &TestEnv, text: &str) {
    let path = env.home().join("config.toml");
    let mut config = std::fs::read_to_string(&path).unwrap();
    config.push_str(text);
    std::fs::write(&path, config).unwrap();
}

#[test]
fn a_webhook_maps_any_json_to_a_ticket_and_dedups_repeats() {
    let env = TestEnv::with_examples();
    append_config(
        &env,
        r#"
[webhooks.alertmanager]
type = "incident"
title = "{/commonLabels/alertname} on {/commonLabels/instance}"
body = "{/commonAnnotations/description}"
dedup_key = "am:{/groupKey}"
fields.service = "{/commonLabels/service}"
"#,
    );
    env.ok("admin", &["agent", "add", "alerts"]);
    let secret = token(
        &env,
        &["--user", "alerts", "--scope", "ticket:new", "--type", "incident"],
    );
    let reader = token(
        &env,
        &["--user", "alerts", "--scope", "ticket:read", "--name", "reader"],
    );
    let served = Served::start(&env, None);
    let alert = json!({
        "groupKey": "{}:{alertname=\"DiskFull\"}",
        "commonLabels": {"alertname": "DiskFull", "instance": "db-1", "service": "postgres"},
        "commonAnnotations": {"description": "/var at 97%"},
    })
    .to_string();
    let (status, filed) = served.call("POST", "/api/v1/hooks/alertmanager", Some(&secret), Some(&alert));
    assert_eq!(status, 201, "{filed}");
    let id = filed["id"].as_u64().unwrap();
    let ticket = env.show(id);
    assert_eq!(
        (
            ticket["title"].as_str(),
            ticket["body"].as_str(),
            ticket["fields"]["service"].as_str()
        ),
        (Some("DiskFull on db-1"), Some("/var at 97%"), Some("postgres"))
    );
    assert_eq!(ticket["channel"], "alertmanager", "the hook is the channel");
    // The same alert again is an occurrence of the open ticket, not a new one.
    let (_, again) = served.call("POST", "/api/v1/hooks/alertmanager", Some(&secret), Some(&alert));
    assert_eq!(
        (again["id"].as_u64(), again["deduplicated"].as_bool()),
        (Some(id), Some(true)),
        "{again}"
    );
    assert_eq!(env.show(id)["occurrences"], 2);

    // A token without ticket:new, an unknown hook, a body that is not JSON, a document
    // the mapping does not fit (no title comes out of it): nothing filed.
    let before = env.all_tickets().len();
    let (status, unfit) = served.call(
        "POST",
        "/api/v1/hooks/alertmanager",
        Some(&secret),
        Some(r#"{"commonLabels": {"service": "x"}}"#),
    );
    assert_eq!(
        (status, unfit["error"]["message"].as_str()),
        (400, Some("missing `title`")),
        "{unfit}"
    );
    assert_eq!(
        served
            .call("POST", "/api/v1/hooks/alertmanager", Some(&reader), Some(&alert))
            .0,
        403
    );
    assert_eq!(
        served
            .call("POST", "/api/v1/hooks/nosuch", Some(&secret), Some(&alert))
            .0,
        404
    );
    assert_eq!(
        served
            .call("POST", "/api/v1/hooks/alertmanager", Some(&secret), Some("{nope"))
            .0,
        400
    );
    assert_eq!(
        served
            .call("POST", "/api/v1/hooks/alertmanager", None, Some(&alert))
            .0,
        401
    );
    assert_eq!(env.all_tickets().len(), before);
}

fn slack_post(served: &Served, secret: &str, timestamp: i64, form: &str) -> (u16, Value) {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(format!("v0:{timestamp}:{form}").as_bytes());
    let signature: String = mac
        .finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let mut response = agent
        .post(&format!("{}/api/v1/hooks/slack", served.base))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("X-Slack-Request-Timestamp", &timestamp.to_string())
        .header("X-Slack-Signature", &format!("v0={signature}"))
        .send(form)
        .unwrap();
    let status = response.status().as_u16();
    let text = response.body_mut().read_to_string().unwrap();
    (
        status,
        serde_json::from_str(&text).unwrap_or_else(|_| json!({"raw": text})),
    )
}

#[test]
fn slacks_slash_command_files_for_the_slack_user_when_signed_and_fresh() {
    let env = TestEnv::with_examples();
    let secret_file = env.path().join("slack-secret");
    std::fs::write(&secret_file, "s3cr3t\n").unwrap();
    append_config(
        &env,
        &format!(
            "\n[slack]\nsigning_secret = \"file:{}\"\nuser = \"bob\"\ndefault_type = \"customer-complaint\"\n",
            secret_file.display()
        ),
    );
    env.ok("admin", &["requester", "add", "carol"]);
    let served = Served::start(&env, None);
    let now = env.now().timestamp();
    let form = "command=%2Fdesk&text=access-request+VPN+for+the+new+hire&user_name=carol&channel_name=ops";

    // Forged, stale or unsigned requests file nothing.
    let before = env.all_tickets().len();
    assert_eq!(slack_post(&served, "wrong", now, form).0, 401);
    assert_eq!(
        slack_post(&served, "s3cr3t", now - 600, form).0,
        401,
        "replayed later"
    );
    assert_eq!(env.all_tickets().len(), before);

    // A required field is missing: Slack shows why, nothing is filed.
    let (status, answer) = slack_post(&served, "s3cr3t", now, form);
    assert_eq!(status, 200);
    assert!(
        answer["text"].as_str().unwrap().starts_with("Could not file it"),
        "{answer}"
    );
    assert_eq!(env.all_tickets().len(), before);

    let form = "command=%2Fdesk&text=the+VPN+drops+every+hour&user_name=carol&channel_name=ops";
    let (status, answer) = slack_post(&served, "s3cr3t", now, form);
    assert_eq!(status, 200);
    assert_eq!(answer["response_type"], "ephemeral");
    let text = answer["text"].as_str().unwrap();
    assert!(text.starts_with("Filed CS-"), "{answer}");
    let ticket = env
        .all_tickets()
        .into_iter()
        .find(|t| t["title"] == "the VPN drops every hour")
        .expect("filed");
    assert_eq!(
        (ticket["channel"].as_str(), ticket["requester"].as_str()),
        (Some("slack"), Some("carol"))
    );
}
