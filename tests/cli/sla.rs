//! SLA: deadlines from the policy and calendar, `sla check` warnings and breaches that fire
//! once, escalation, re-arming, and the milestones in `ticket show`.

use chrono::Duration;
use serde_json::Value;

use crate::common::{kinds, TestEnv};

/// A home whose config replaces the example SLA section with `sla`.
fn with_sla(sla: &str) -> TestEnv {
    let env = TestEnv::with_examples();
    let path = env.home().join("config.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let start = text.find("[sla]").expect("[sla] in config");
    let end = text.find("[email]").expect("[email] in config");
    std::fs::write(&path, format!("{}{sla}\n{}", &text[..start], &text[end..])).unwrap();
    env
}

const WALL_CLOCK: &str = r#"[sla]
default_policy = "fast"
warn = "75%"
[sla.policies.fast]
first_response = { normal = "1h", high = "30m", urgent = "10m" }
resolution = { normal = "4h", high = "2h", urgent = "1h" }
confirmation = { normal = "2h", high = "2h", urgent = "2h" }
escalation = { raise_priority = true, notify_lead = true, tag = "sla-breached" }
"#;

/// File a normal-priority incident as carol (the policy is the default: the template's
/// `incident` is undefined in these configs); returns its id.
fn incident(env: &TestEnv) -> u64 {
    let args = [
        "ticket",
        "new",
        "--type",
        "incident",
        "--title",
        "db slow",
        "-f",
        "service=db",
        "-p",
        "normal",
    ];
    env.json("carol", &args)["id"].as_u64().unwrap()
}

fn milestone<'a>(shown: &'a Value, name: &str) -> &'a Value {
    shown["sla"]["milestones"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["milestone"] == name)
        .unwrap_or_else(|| panic!("no {name} in {shown}"))
}

fn check(env: &TestEnv) -> Value {
    env.json("admin", &["sla", "check"])
}

#[test]
fn deadlines_come_from_the_policy_and_the_priority() {
    let env = with_sla(WALL_CLOCK);
    let created = env.now();
    let id = incident(&env);
    let shown = env.show(id);
    assert_eq!(shown["sla"]["policy"], "fast");
    let first = milestone(&shown, "first_response");
    assert_eq!(first["state"], "running");
    assert_eq!(
        first["due"],
        (created + Duration::hours(1)).to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
    );
    assert_eq!(
        first["warn_at"],
        (created + Duration::minutes(45)).to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
    );
    assert!(shown["sla"]["milestones"]
        .as_array()
        .unwrap()
        .iter()
        .all(|m| m["milestone"] != "confirmation"));
    let human = env.ok("admin", &["ticket", "show", &id.to_string()]);
    assert!(human.contains("SLA (policy fast):"), "{human}");
    assert!(human.contains("first response  running"), "{human}");
}

#[test]
fn check_warns_once_then_breaches_once_and_escalates() {
    let env = with_sla(WALL_CLOCK);
    let id = incident(&env);
    assert_eq!(check(&env)["items"], serde_json::json!([]), "nothing is due yet");

    env.advance(Duration::minutes(46));
    let report = check(&env);
    assert_eq!(
        (report["at_risk"].as_u64(), report["breached"].as_u64()),
        (Some(1), Some(0))
    );
    assert_eq!(report["items"][0]["milestone"], "first_response");
    assert_eq!(report["items"][0]["fired"], serde_json::json!(["warning"]));
    // Every minute from cron: no second warning.
    let again = check(&env);
    assert_eq!(again["items"][0]["fired"], serde_json::json!([]));
    assert_eq!(kinds(&env.events(id)), ["created", "sla_warning"]);

    env.advance(Duration::minutes(20));
    let report = check(&env);
    assert_eq!(report["breached"], 1);
    assert_eq!(
        report["items"][0]["fired"],
        serde_json::json!(["breach", "priority_changed", "tagged", "escalated"])
    );
    let shown = env.show(id);
    assert_eq!(
        shown["priority"], "high",
        "escalation raised the priority one step"
    );
    assert_eq!(shown["tags"], serde_json::json!(["sla-breached"]));
    check(&env);
    let events = env.events(id);
    assert_eq!(
        kinds(&events),
        [
            "created",
            "sla_warning",
            "sla_breached",
            "priority_changed",
            "tagged",
            "escalated"
        ],
        "escalation's own priority change does not re-arm the warnings"
    );
    assert!(events[2..]
        .iter()
        .all(|e| e["milestone"] == "first_response" && e["actor"] == "desk-sla"));
}

#[test]
fn exit_code_flags_breaches_for_monitoring() {
    let env = with_sla(WALL_CLOCK);
    incident(&env);
    env.ok("admin", &["sla", "check", "--exit-code"]);
    env.advance(Duration::hours(2));
    let stderr = env.fails("admin", &["sla", "check", "--exit-code"], 1);
    assert!(stderr.contains("breached"), "{stderr}");
}

#[test]
fn dry_run_records_nothing() {
    let env = with_sla(WALL_CLOCK);
    let id = incident(&env);
    env.advance(Duration::hours(2));
    let report = env.json("admin", &["sla", "check", "--dry-run"]);
    assert_eq!(report["breached"], 1);
    assert_eq!(kinds(&env.events(id)), ["created"]);
    let human = env.ok("admin", &["sla", "check", "--dry-run"]);
    assert!(human.contains("would record warning, breach"), "{human}");
}

#[test]
fn a_handler_reply_meets_first_response_and_awaiting_pauses_resolution() {
    let env = with_sla(WALL_CLOCK);
    let id = incident(&env);
    env.ok("bob", &["ticket", "claim", &id.to_string()]);
    env.advance(Duration::minutes(10));
    env.ok("bob", &["ticket", "reply", &id.to_string(), "-m", "restarted it"]);
    env.advance(Duration::hours(10));
    let shown = env.show(id);
    assert_eq!(milestone(&shown, "first_response")["state"], "met");
    let resolution = milestone(&shown, "resolution");
    assert_eq!(
        resolution["state"], "paused",
        "awaiting the requester does not count"
    );
    assert!(resolution["used_seconds"].as_u64().unwrap() < 20 * 60);
    let confirmation = milestone(&shown, "confirmation");
    assert_eq!(
        confirmation["state"], "breached",
        "the requester has not confirmed in 2h"
    );
    // The requester answers: resolution runs again from where it stopped.
    env.ok("carol", &["ticket", "reply", &id.to_string(), "-m", "still slow"]);
    let shown = env.show(id);
    assert_eq!(milestone(&shown, "resolution")["state"], "running");
    assert!(shown["sla"]["milestones"]
        .as_array()
        .unwrap()
        .iter()
        .all(|m| m["milestone"] != "confirmation"));
}

#[test]
fn a_reopen_or_a_priority_change_rearms_the_warnings() {
    let env = with_sla(WALL_CLOCK);
    let id = incident(&env);
    env.advance(Duration::minutes(50));
    check(&env);
    assert_eq!(kinds(&env.events(id)).last(), Some(&"sla_warning"));
    // A lead makes it urgent: tighter targets, and the warning may fire again.
    env.ok("dave", &["ticket", "priority", &id.to_string(), "urgent"]);
    let report = check(&env);
    let fired: Vec<&Value> = report["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| &i["fired"])
        .collect();
    assert!(
        fired
            .iter()
            .any(|f| f.as_array().unwrap().contains(&Value::from("warning"))),
        "{report}"
    );
    // Only the handler, leads and admins change priorities.
    env.fails("carol", &["ticket", "priority", &id.to_string(), "low"], 4);
    env.fails("dave", &["ticket", "priority", &id.to_string(), "urgent"], 5);
}

#[test]
fn business_hours_stop_the_clock_at_night_and_on_weekends() {
    // The test clock starts Monday 2026-03-02 09:00 UTC.
    let env = with_sla(
        r#"[sla]
default_policy = "office"
[sla.calendars.office]
timezone = "UTC"
weekdays = "09:00-17:00"
holidays = ["2026-03-03"]
[sla.policies.office]
calendar = "office"
first_response = { normal = "10h" }
"#,
    );
    let id = incident(&env);
    // Filed Monday 09:04: 7 h 56 m that day; Tuesday is a holiday; 2 h 4 m on Wednesday.
    assert_eq!(
        milestone(&env.show(id), "first_response")["due"],
        "2026-03-04T11:04:00Z"
    );
}

#[test]
fn closed_tickets_leave_the_sla_index() {
    let env = with_sla(WALL_CLOCK);
    let id = incident(&env);
    env.ok("bob", &["ticket", "claim", &id.to_string()]);
    env.ok("bob", &["ticket", "reply", &id.to_string(), "-m", "fixed"]);
    env.ok("carol", &["ticket", "confirm", &id.to_string()]);
    env.advance(Duration::days(3));
    assert_eq!(check(&env)["items"], serde_json::json!([]));
    let shown = env.show(id);
    assert!(shown["sla"]["milestones"]
        .as_array()
        .unwrap()
        .iter()
        .all(|m| m["state"] == "met"));
}

#[test]
fn the_tiers_policy_wins_over_the_templates() {
    let env = TestEnv::with_examples();
    env.ok("admin", &["requester", "add", "vera", "--tier", "vip"]);
    let id = env.incident("vera", "checkout down");
    assert_eq!(env.show(id)["sla"]["policy"], "vip");
    let id = env.incident("carol", "checkout slow");
    assert_eq!(
        env.show(id)["sla"]["policy"],
        "incident",
        "standard tier: the template's"
    );
}

#[test]
fn a_bad_sla_config_is_located() {
    let env = with_sla("[sla.policies.p]\nresolution = { normal = \"soon\" }\n");
    let stderr = env.fails("admin", &["sla", "check"], 5);
    assert!(
        stderr.contains("config.toml:") && stderr.contains("sla.policies.p.resolution.normal"),
        "{stderr}"
    );
}

#[test]
fn recompute_applies_a_changed_policy_to_open_tickets() {
    let env = with_sla("[sla]\n");
    let id = incident(&env);
    assert_eq!(env.show(id)["sla"], Value::Null, "no policy is defined");
    let path = env.home().join("config.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replacen("[sla]\n", WALL_CLOCK, 1)).unwrap();
    env.advance(Duration::hours(2));
    assert_eq!(
        check(&env)["items"],
        serde_json::json!([]),
        "its deadlines are not indexed yet"
    );
    let report = env.json("admin", &["sla", "check", "--recompute"]);
    assert_eq!(report["breached"], 1, "{report}");
    assert_eq!(kinds(&env.events(id))[1..3], ["sla_warning", "sla_breached"]);
}

#[test]
fn escalation_can_hand_a_breached_unclaimed_ticket_to_assign_auto() {
    let env = with_sla(
        r#"[sla]
default_policy = "fast"
[sla.policies.fast]
first_response = { normal = "30m" }
escalation = { reassign = true }
"#,
    );
    let id = incident(&env);
    env.advance(Duration::hours(1));
    let report = check(&env);
    let fired = &report["items"][0]["fired"];
    assert_eq!(
        *fired,
        serde_json::json!(["warning", "breach", "assigned"]),
        "{report}"
    );
    let shown = env.show(id);
    assert_eq!(shown["status"], "pending");
    let assigned = env
        .events(id)
        .into_iter()
        .find(|e| e["kind"] == "assigned")
        .expect("assigned event");
    assert!(
        assigned["reason"].as_str().is_some_and(|r| !r.is_empty()),
        "{assigned}"
    );
}

#[test]
fn concurrent_checks_record_each_warning_and_breach_once() {
    use std::process::{Command, Stdio};
    let env = with_sla(WALL_CLOCK);
    let ids: Vec<u64> = (0..4).map(|_| incident(&env)).collect();
    // 3.5 h on: first response (1 h) breached, resolution (4 h) at risk.
    let later = (env.now() + Duration::minutes(210)).to_rfc3339();
    // Eight checks from "cron" and four new tickets at once, all at the same moment.
    let spawn = |args: &[&str]| {
        Command::new(assert_cmd::cargo::cargo_bin("desk"))
            .env_clear()
            .env("DESK_HOME", env.home())
            .env("DESK_USER", "admin")
            .env("DESK_NOW", &later)
            .env("HOME", env.path())
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn desk")
    };
    let mut children: Vec<_> = (0..8).map(|_| spawn(&["sla", "check", "-q"])).collect();
    children.extend((0..4).map(|_| {
        spawn(&[
            "ticket",
            "new",
            "--type",
            "incident",
            "--title",
            "more",
            "-f",
            "service=db",
            "-p",
            "normal",
            "-q",
        ])
    }));
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    for id in ids {
        let kinds = kinds(&env.events(id))
            .iter()
            .map(|k| k.to_string())
            .collect::<Vec<_>>();
        let count = |kind: &str| kinds.iter().filter(|k| *k == kind).count();
        assert_eq!(
            count("sla_warning"),
            2,
            "first response and resolution, once each: {kinds:?}"
        );
        assert_eq!(count("sla_breached"), 1, "{kinds:?}");
    }
}

#[test]
fn a_shanghai_office_skips_the_weekend_and_a_holiday() {
    let env = with_sla(
        r#"[sla]
default_policy = "office"
[sla.calendars.office]
timezone = "Asia/Shanghai"
weekdays = "09:00-12:00,13:00-18:00"
holidays = ["2026-03-09"]
[sla.policies.office]
calendar = "office"
first_response = { normal = "2h" }
"#,
    );
    // Friday 2026-03-06 09:30 UTC is 17:30 in Shanghai: 30 working minutes left that day.
    let friday = chrono::DateTime::parse_from_rfc3339("2026-03-06T09:30:00Z")
        .unwrap()
        .with_timezone(&chrono::Utc);
    env.advance(friday - env.now());
    let id = incident(&env);
    // Saturday, Sunday and Monday (a holiday) do not count: the other 1 h 30 m run on
    // Tuesday from 09:00, so it is due at 10:30 Shanghai time, 02:30 UTC.
    assert_eq!(
        milestone(&env.show(id), "first_response")["due"],
        "2026-03-10T02:30:00Z"
    );
    // Over the weekend nothing is at risk.
    let sunday = chrono::DateTime::parse_from_rfc3339("2026-03-08T12:00:00Z")
        .unwrap()
        .with_timezone(&chrono::Utc);
    env.advance(sunday - env.now());
    assert_eq!(check(&env)["items"], serde_json::json!([]));
}
