//! The channel a ticket came through: recorded by every intake path, named by scripts with
//! `ticket new --channel`, shown by `ticket show`, and grouped by `report --by channel`.

use serde_json::Value;

use crate::common::TestEnv;

fn from_json(env: &TestEnv, extra: &[&str], input: &str) -> std::process::Output {
    let mut args = vec!["ticket", "new", "--from-json", "-", "--json"];
    args.extend_from_slice(extra);
    env.desk("carol")
        .args(&args)
        .write_stdin(input.as_bytes().to_vec())
        .output()
        .expect("run desk")
}

fn channel_of(out: &std::process::Output) -> String {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    v["channel"].as_str().expect("a channel").to_string()
}

const INCIDENT: &str = r#"{"type":"incident","title":"db down","fields":{"service":"api"}}"#;

#[test]
fn every_intake_path_records_a_channel_and_scripts_name_their_own() {
    let env = TestEnv::with_examples();
    let base = [
        "ticket",
        "new",
        "--type",
        "incident",
        "--title",
        "db down",
        "-f",
        "service=api",
    ];
    assert_eq!(env.json("carol", &base)["channel"], "cli");
    let mut web = base.to_vec();
    web.extend(["--channel", "web"]);
    let t = env.json("carol", &web);
    assert_eq!(t["channel"], "web");
    let id = t["id"].to_string();
    assert_eq!(env.show(t["id"].as_u64().unwrap())["channel"], "web");
    let created = &env.events(t["id"].as_u64().unwrap())[0];
    assert_eq!(created["channel"], "web", "the created event says so too");
    let text = env.ok("admin", &["ticket", "show", &id]);
    assert!(
        text.lines()
            .any(|l| l.contains("filed via") && l.ends_with("web")),
        "{text}"
    );

    assert_eq!(channel_of(&from_json(&env, &[], INCIDENT)), "json");
    assert_eq!(channel_of(&from_json(&env, &["--channel", "ci"], INCIDENT)), "ci");
    let im = INCIDENT.replace("{\"type\"", "{\"channel\":\"im\",\"type\"");
    assert_eq!(
        channel_of(&from_json(&env, &["--channel", "ci"], &im)),
        "im",
        "the submission's own key wins over the flag"
    );

    // CSV imports and e-mail record theirs.
    let csv = env.path().join("old.csv");
    std::fs::write(&csv, "title,requester\nprinter jam,carol\n").unwrap();
    env.ok(
        "admin",
        &["import", csv.to_str().unwrap(), "--type", "customer-complaint"],
    );
    let mail = "From: erik@example.com\r\nSubject: refund\r\n\r\nplease\r\n";
    let out = env
        .desk("mailer")
        .args(["ingest", "email", "--json"])
        .write_stdin(mail.as_bytes().to_vec())
        .output()
        .unwrap();
    assert_eq!(channel_of(&out), "email");
    let channels: Vec<String> = env
        .all_tickets()
        .iter()
        .map(|t| t["channel"].as_str().unwrap_or("(none)").to_string())
        .collect();
    assert!(channels.iter().all(|c| c != "(none)"), "{channels:?}");
    assert!(channels.contains(&"import".to_string()), "{channels:?}");
}

#[test]
fn a_channel_must_be_a_lowercase_word() {
    let env = TestEnv::with_examples();
    for bad in ["Web", "web site", "1web", "网页", ""] {
        let stderr = env.fails(
            "carol",
            &[
                "ticket",
                "new",
                "--type",
                "incident",
                "--title",
                "x",
                "-f",
                "service=api",
                "--channel",
                bad,
            ],
            2,
        );
        assert!(stderr.contains("is not a lowercase word"), "{bad:?}: {stderr}");
    }
    let bad = INCIDENT.replace("{\"type\"", "{\"channel\":\"Web Site\",\"type\"");
    let out = from_json(&env, &[], &bad);
    assert_eq!(out.status.code(), Some(5));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("channel `Web Site` is not a lowercase word"),
        "{stderr}"
    );
    assert!(env.all_tickets().is_empty(), "nothing was filed");
}

#[test]
fn report_groups_tickets_by_channel() {
    let env = TestEnv::with_examples();
    let file = |channel: Option<&str>| {
        let mut args = vec![
            "ticket",
            "new",
            "--type",
            "incident",
            "--title",
            "db down",
            "-f",
            "service=api",
        ];
        if let Some(channel) = channel {
            args.extend(["--channel", channel]);
        }
        env.ok("carol", &args);
    };
    file(None);
    file(Some("web"));
    file(Some("web"));
    file(Some("im"));
    let report = env.json("admin", &["report", "--by", "channel"]);
    assert_eq!(report["by"], "channel");
    let groups: Vec<(&str, u64)> = report["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| (g["group"].as_str().unwrap(), g["created"].as_u64().unwrap()))
        .collect();
    assert_eq!(groups, [("cli", 1), ("im", 1), ("web", 2)]);
    let text = env.ok("admin", &["report", "--by", "channel"]);
    assert!(text.contains("web"), "{text}");
}
