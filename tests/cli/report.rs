//! `desk report`: a small history, hot and archived, where every figure is known by hand,
//! checked in table, JSON and CSV.

use chrono::{DateTime, Duration, TimeZone, Utc};
use serde_json::{json, Value};

use crate::common::TestEnv;

/// Minute 0 of the history.
fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 10, 0, 0).unwrap()
}

/// Run `args` as `user` at `minute` after [`t0`].
fn at(env: &TestEnv, minute: i64, user: &str, args: &[&str]) -> String {
    env.advance(t0() + Duration::minutes(minute) - env.now());
    env.ok(user, args)
}

const CONFIG: &str = r#"
[archive]
after = "1h"
batch = 100

[tiers.vip]
description = "VIP customers"
types = ["*"]

[sla]
default_policy = "fast"
warn = "75%"
[sla.policies.fast]
first_response = { normal = "1h" }
resolution = { normal = "4h" }
confirmation = { normal = "2h" }
escalation = { notify_lead = true }
"#;

/// The history (minutes after 10:00 on 2026-03-02; all normal priority):
///
/// | ticket | requester | story | first response | resolution |
/// |---|---|---|---|---|
/// | INC-1 | carol | filed 0, bob claims 10, replies 30, confirmed 40 | 30m | 30m |
/// | INC-2 | carol | filed 60, bob claims 70, first response breached + escalated at the 180 check, reply 190, confirmed 200, reopened 210, reply 220, confirmed 230 | 130m | 130m + 10m = 140m |
/// | CS-3 | frank (vip) | filed 300, bob claims 310, replies 320, closes 330, rated 2 at 340 then 4 at 350 | 20m | 20m |
/// | INC-4 | carol | filed 400, left unclaimed | - | - |
/// | INC-5 | carol | filed 410, bob claims 420, replies 430 (awaiting) | 20m | - |
/// | INC-6 | carol | filed 440, erin claims 450 (pending) | - | - |
/// | CS-7 | frank (vip) | filed 500, erin claims 510, replies 520, closes 530, rated 5 at 540 | 20m | 20m |
///
/// INC-1, INC-2 and CS-3 are archived (closed over an hour before a later write).
fn history() -> TestEnv {
    let env = TestEnv::with_examples();
    std::fs::write(env.home().join("config.toml"), CONFIG).unwrap();
    env.ok("admin", &["requester", "add", "frank", "--tier", "vip"]);
    let incident = [
        "ticket",
        "new",
        "--type",
        "incident",
        "--title",
        "down",
        "-f",
        "service=api",
        "-p",
        "normal",
    ];
    let complaint = ["ticket", "new", "--type", "customer-complaint", "--title", "late"];
    let reply = |minute, user, id: &str| at(&env, minute, user, &["ticket", "reply", id, "-m", "done"]);

    at(&env, 0, "carol", &incident);
    at(&env, 10, "bob", &["ticket", "claim", "1"]);
    reply(30, "bob", "1");
    at(&env, 40, "carol", &["ticket", "confirm", "1"]);

    at(&env, 60, "carol", &incident);
    at(&env, 70, "bob", &["ticket", "claim", "2"]);
    at(&env, 180, "admin", &["sla", "check"]);
    reply(190, "bob", "2");
    at(&env, 200, "carol", &["ticket", "confirm", "2"]);
    at(&env, 210, "carol", &["ticket", "reopen", "2"]);
    reply(220, "bob", "2");
    at(&env, 230, "carol", &["ticket", "confirm", "2"]);

    at(&env, 300, "frank", &complaint);
    at(&env, 310, "bob", &["ticket", "claim", "3"]);
    reply(320, "bob", "3");
    at(&env, 330, "bob", &["ticket", "close", "3"]);
    at(&env, 340, "frank", &["ticket", "rate", "3", "--score", "2"]);
    at(&env, 350, "frank", &["ticket", "rate", "3", "--score", "4"]);

    at(&env, 400, "carol", &incident);
    at(&env, 410, "carol", &incident);
    at(&env, 420, "bob", &["ticket", "claim", "5"]);
    reply(430, "bob", "5");
    at(&env, 440, "carol", &incident);
    at(&env, 450, "erin", &["ticket", "claim", "6"]);

    at(&env, 500, "frank", &complaint);
    at(&env, 510, "erin", &["ticket", "claim", "7"]);
    reply(520, "erin", "7");
    at(&env, 530, "erin", &["ticket", "close", "7"]);
    at(&env, 540, "frank", &["ticket", "rate", "7", "--score", "5"]);

    for id in [1, 2, 3] {
        assert_eq!(env.show(id)["archived"], true, "ticket {id} is archived");
    }
    assert_eq!(env.show(7)["archived"], false);
    // The report runs a day later: the default period (30 days) holds everything.
    env.advance(t0() + Duration::days(1) - env.now());
    env
}

/// `ticket new` for a `normal` incident titled `title`.
fn normal_incident(title: &str) -> [&str; 10] {
    [
        "ticket",
        "new",
        "--type",
        "incident",
        "--title",
        title,
        "-f",
        "service=api",
        "-p",
        "normal",
    ]
}

const MIN: u64 = 60;

fn sla(first_response_breached: u64, closed: u64) -> Value {
    let attainment = |breached: u64| {
        if closed == 0 {
            Value::Null
        } else {
            json!(((closed - breached) as f64 / closed as f64 * 10_000.0).round() / 10_000.0)
        }
    };
    json!([
        {"milestone": "first_response", "breached": first_response_breached, "closed": closed, "attainment": attainment(first_response_breached)},
        {"milestone": "resolution", "breached": 0, "closed": closed, "attainment": attainment(0)},
        {"milestone": "confirmation", "breached": 0, "closed": closed, "attainment": attainment(0)},
    ])
}

fn stats(count: u64, median: u64, p90: u64, mean: u64) -> Value {
    json!({"count": count, "median": median, "p90": p90, "mean": mean})
}

fn no_stats() -> Value {
    json!({"count": 0, "median": null, "p90": null, "mean": null})
}

/// The whole desk over the default period, by hand from the table above.
fn expected_total() -> Value {
    json!({
        "created": 7,
        "closed": 4,
        "reopened": 1,
        "backlog": backlog(),
        "resolution_rate": 0.5714,
        "reopen_rate": 0.25,
        "escalations": 1,
        // 20, 20, 20, 30, 130 minutes: median (rank 3) 20m, p90 (rank 5) 130m, mean 44m.
        "first_response": stats(5, 20 * MIN, 130 * MIN, 44 * MIN),
        // 20, 20, 30, 140 minutes: median (rank 2) 20m, p90 (rank 4) 140m, mean 52.5m.
        "resolution": stats(4, 20 * MIN, 140 * MIN, 3150),
        "sla": sla(1, 4),
        // INC-1, CS-3 and CS-7 met every milestone; INC-2 breached first response.
        "sla_met": 3,
        "sla_attainment": 0.75,
        "kb_answers": 0,
        "csat": {"count": 2, "average": 4.5},
    })
}

/// The backlog of the history: INC-4, INC-5 and INC-6, all filed within the last day.
fn backlog() -> Value {
    json!({"unclaimed": 1, "pending": 1, "awaiting": 1, "total": 3, "ages": [
        {"age": "<1d", "count": 3}, {"age": "1-3d", "count": 0}, {"age": "3-7d", "count": 0},
        {"age": "7-30d", "count": 0}, {"age": ">30d", "count": 0},
    ]})
}

#[test]
fn the_summary_agrees_with_the_history_in_json() {
    let env = history();
    let report = env.json("admin", &["report"]);
    assert_eq!(report["since"], "2026-02-01T10:00:00Z");
    assert_eq!(report["until"], "2026-03-03T10:00:00Z");
    assert_eq!(report["by"], Value::Null);
    assert_eq!(report["total"], expected_total());
    assert_eq!(report["groups"], json!([]));
    // --format json is the same document.
    let text = env.ok("admin", &["report", "--format", "json"]);
    let again: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(again["total"], expected_total());
}

#[test]
fn a_period_counts_only_what_happened_in_it() {
    let env = history();
    let report = env.json(
        "admin",
        &[
            "report",
            "--since",
            "2026-03-02T11:00:00Z",
            "--until",
            "2026-03-02T14:00:00Z",
        ],
    );
    assert_eq!(
        report["total"],
        json!({
            "created": 1,
            "closed": 1,
            "reopened": 1,
            // The backlog is now's, whatever the period.
            "backlog": backlog(),
            "resolution_rate": 1.0,
            "reopen_rate": 1.0,
            "escalations": 1,
            "first_response": stats(1, 130 * MIN, 130 * MIN, 130 * MIN),
            "resolution": stats(1, 140 * MIN, 140 * MIN, 140 * MIN),
            "sla": sla(1, 1),
            "sla_met": 0,
            "sla_attainment": 0.0,
            "kb_answers": 0,
            "csat": {"count": 0, "average": null},
        })
    );
    // Relative forms: a day ago until now holds nothing but the backlog.
    let recent = env.json("admin", &["report", "--since", "12h"]);
    assert_eq!(recent["total"]["created"], 0);
    assert_eq!(recent["total"]["backlog"]["total"], 3);
    assert_eq!(recent["total"]["resolution_rate"], Value::Null);
    env.fails("admin", &["report", "--since", "yesterday"], 5);
    // Reports are for the desk's staff: a requester is refused.
    let err = env.fails("carol", &["report"], 4);
    assert!(err.contains("reports are for the desk's agents"), "{err}");
}

#[test]
fn by_agent_counts_closing_work_for_the_assignee_at_close() {
    let env = history();
    let report = env.json("admin", &["report", "--by", "agent"]);
    assert_eq!(report["by"], "agent");
    let groups = report["groups"].as_array().unwrap();
    let names: Vec<&str> = groups.iter().map(|g| g["group"].as_str().unwrap()).collect();
    assert_eq!(names, ["(unassigned)", "bob", "erin"]);
    let bob = &groups[1];
    assert_eq!(bob["created"], 4, "INC-1, INC-2, CS-3, INC-5");
    assert_eq!(bob["closed"], 3);
    assert_eq!(bob["reopened"], 1);
    assert_eq!(bob["backlog"]["awaiting"], 1);
    assert_eq!(bob["escalations"], 1);
    // 20, 20, 30, 130 minutes.
    assert_eq!(bob["first_response"], stats(4, 20 * MIN, 130 * MIN, 50 * MIN));
    // 20, 30, 140 minutes: mean 63⅓ minutes = 3800 s.
    assert_eq!(bob["resolution"], stats(3, 30 * MIN, 140 * MIN, 3800));
    assert_eq!(bob["sla"][0]["attainment"], 0.6667);
    assert_eq!(bob["csat"], json!({"count": 1, "average": 4.0}));
    let erin = &groups[2];
    assert_eq!(
        (erin["created"].as_u64(), erin["closed"].as_u64()),
        (Some(2), Some(1))
    );
    assert_eq!(erin["backlog"]["pending"], 1);
    assert_eq!(erin["resolution"], stats(1, 20 * MIN, 20 * MIN, 20 * MIN));
    assert_eq!(erin["csat"], json!({"count": 1, "average": 5.0}));
    let unassigned = &groups[0];
    assert_eq!(unassigned["created"], 1);
    assert_eq!(unassigned["backlog"]["unclaimed"], 1);
    assert_eq!(unassigned["first_response"], no_stats());
    assert_eq!(report["total"], expected_total(), "groups never change the total");

    // Bob files for himself: an agent without a requester record is in `agent_tier`.
    env.ok(
        "bob",
        &[
            "ticket",
            "new",
            "--type",
            "incident",
            "--title",
            "disk",
            "-f",
            "service=db",
            "-p",
            "normal",
        ],
    );
    let tiers = env.json("admin", &["report", "--by", "tier"]);
    let tiers: Vec<(&str, u64, u64)> = tiers["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["group"].as_str().unwrap(),
                g["created"].as_u64().unwrap(),
                g["csat"]["count"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(tiers, [("internal", 1, 0), ("standard", 5, 0), ("vip", 2, 2)]);
}

#[test]
fn csv_has_a_header_the_total_and_one_row_per_group() {
    let env = history();
    let text = env.ok("admin", &["report", "--format", "csv", "--by", "type"]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    assert!(lines[0].starts_with("group,created,closed,reopened,backlog_unclaimed,"));
    assert_eq!(lines[0].split(',').count(), 35);
    assert!(lines[0].ends_with(",sla_met,sla_attainment,backlog_age_lt_1d,backlog_age_1_3d,backlog_age_3_7d,backlog_age_7_30d,backlog_age_gt_30d,kb_answers"));
    assert_eq!(
        lines[1],
        "total,7,4,1,1,1,1,3,0.5714,0.25,1,5,1200,7800,2640,4,1200,8400,3150,1,0.75,0,1,0,1,2,4.5,3,0.75,3,0,0,0,0,0"
    );
    // Complaints: CS-3 and CS-7, both closed within 20 minutes and rated.
    assert_eq!(
        lines[2],
        "customer-complaint,2,2,0,0,0,0,0,1,0,0,2,1200,1200,1200,2,1200,1200,1200,0,1,0,1,0,1,2,4.5,2,1,0,0,0,0,0,0"
    );
    // Incidents: 5 filed, INC-1 and INC-2 closed; responses 20, 30, 130 minutes.
    assert_eq!(
        lines[3],
        "incident,5,2,1,1,1,1,3,0.4,0.5,1,3,1800,7800,3600,2,1800,8400,5100,1,0.5,0,1,0,1,0,,1,0.5,3,0,0,0,0,0"
    );
}

#[test]
fn the_table_reads_like_a_summary() {
    let env = history();
    // Piped: tab-separated rows without a header.
    let text = env.ok("admin", &["report"]);
    let rows: Vec<&str> = text.lines().collect();
    assert_eq!(
        rows,
        [
            "period\t2026-02-01T10:00:00+00:00 – 2026-03-03T10:00:00+00:00",
            "created\t7",
            "closed\t4",
            "backlog\t3 (unclaimed 1, pending 1, awaiting 1)",
            "backlog age\t<1d 3, 1-3d 0, 3-7d 0, 7-30d 0, >30d 0",
            "resolution rate\t57.1%",
            "reopen rate\t25.0% (1 reopened)",
            "escalations\t1",
            "first response\tmedian 20m, p90 2h 10m, mean 44m (5 tickets)",
            "resolution time\tmedian 20m, p90 2h 20m, mean 52m (4 tickets)",
            "SLA attainment\tfirst_response 75.0%, resolution 100.0%, confirmation 100.0%",
            "SLA met\t75.0% (3 of 4 closed)",
            "CSAT\t4.50 (2)",
            "KB answers\t0",
        ]
    );
    let by_priority = env.ok("admin", &["report", "--by", "priority"]);
    assert_eq!(
        by_priority.lines().collect::<Vec<_>>(),
        [
            "normal\t7\t4\t3\t57.1%\t25.0%\t1\t20m\t2h 10m\t20m\t2h 20m\t75.0%\t100.0%\t100.0%\t4.50 (2)",
            "total\t7\t4\t3\t57.1%\t25.0%\t1\t20m\t2h 10m\t20m\t2h 20m\t75.0%\t100.0%\t100.0%\t4.50 (2)",
        ]
    );
}

#[test]
fn by_agent_is_the_performance_table_leads_review() {
    let env = history();
    let text = env.ok("admin", &["report", "--by", "agent"]);
    // AGENT, HANDLED, OPEN, FRT MED, AVG HANDLING, HANDLING P90, SLA MET, REOPENED, CSAT.
    assert_eq!(
        text.lines().collect::<Vec<_>>(),
        [
            "(unassigned)\t0\t1\t-\t-\t-\t-\t-\t-",
            // Bob: INC-1, INC-2 (breached first response, reopened) and CS-3; INC-5 open.
            "bob\t3\t1\t20m\t1h 03m\t2h 20m\t66.7%\t33.3%\t4.00 (1)",
            "erin\t1\t1\t20m\t20m\t20m\t100.0%\t0.0%\t5.00 (1)",
            "total\t4\t3\t20m\t52m\t2h 20m\t75.0%\t25.0%\t4.50 (2)",
        ]
    );
}

#[test]
fn by_requester_week_and_weekday() {
    let env = history();
    let by_requester = env.json("admin", &["report", "--by", "requester"]);
    let groups: Vec<(&str, u64, u64)> = by_requester["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["group"].as_str().unwrap(),
                g["created"].as_u64().unwrap(),
                g["closed"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(groups, [("carol", 5, 2), ("frank", 2, 2)]);
    assert!(
        by_requester.get("heatmap").is_none(),
        "only hour and weekday carry the heatmap"
    );

    // 2026-03-02 is the Monday of ISO week 10: everything happened then.
    let by_week = env.json("admin", &["report", "--by", "week"]);
    assert_eq!(by_week["groups"][0]["group"], "2026-W10");
    assert_eq!(by_week["groups"][0]["created"], 7);
    assert_eq!(
        by_week["groups"][0]["backlog"]["total"], 0,
        "the backlog is in the total only"
    );
    let by_weekday = env.json("admin", &["report", "--by", "weekday"]);
    assert_eq!(by_weekday["groups"].as_array().unwrap().len(), 1);
    assert_eq!(by_weekday["groups"][0]["group"], "Mon");
    assert_eq!(by_weekday["groups"][0]["closed"], 4);
    assert_eq!(by_weekday["total"], expected_total());
}

#[test]
fn the_heatmap_counts_arrivals_and_handling_by_weekday_and_hour() {
    let env = history();
    let report = env.json("admin", &["report", "--by", "hour"]);
    let heatmap = &report["heatmap"];
    assert_eq!(heatmap["weekdays"][0], "Mon");
    let row = |name: &str, day: usize| -> Vec<u64> {
        heatmap[name][day]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_u64().unwrap())
            .collect()
    };
    let mut arrivals = vec![0; 24];
    // Filed at 10:00, 11:00, 15:00, 16:40, 16:50, 17:20 and 18:20 (UTC, Monday).
    for (hour, count) in [(10, 1), (11, 1), (15, 1), (16, 2), (17, 1), (18, 1)] {
        arrivals[hour] = count;
    }
    assert_eq!(row("arrivals", 0), arrivals);
    let mut handled = vec![0; 24];
    // Handler replies at 10:30, 13:10, 13:40, 15:20, 17:10, 18:40 and closes at 10:40,
    // 13:20, 13:50, 15:30, 18:50.
    for (hour, count) in [(10, 2), (13, 4), (15, 2), (17, 1), (18, 2)] {
        handled[hour] = count;
    }
    assert_eq!(row("handled", 0), handled);
    for day in 1..7 {
        assert_eq!(row("arrivals", day), vec![0; 24]);
    }
    let hours: Vec<&str> = report["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["group"].as_str().unwrap())
        .collect();
    // Groups are the hours anything was measured in: 19:00 holds CS-7's rating.
    assert_eq!(hours, ["10", "11", "13", "15", "16", "17", "18", "19"]);

    // The same history read in Shanghai (UTC+8): 10:00 UTC is 18:00 there.
    let shanghai = env.json("admin", &["report", "--by", "hour", "--tz", "asia/shanghai"]);
    assert_eq!(shanghai["tz"], "Asia/Shanghai");
    // Hours sort by the clock: 00:40 and 00:50 on Tuesday (16:40, 16:50 UTC) come first.
    assert_eq!(shanghai["groups"][0]["group"], "00");
    assert_eq!(shanghai["groups"][0]["created"], 2);
    assert_eq!(shanghai["heatmap"]["arrivals"][0][18], 1);
    assert_eq!(
        shanghai["heatmap"]["arrivals"][1][0], 2,
        "16:40 and 16:50 UTC are Tuesday 00:40 and 00:50 in Shanghai"
    );
    let err = env.fails("admin", &["report", "--tz", "Mars/Olympus"], 2);
    assert!(err.contains("IANA time zone"), "{err}");
}

#[test]
fn response_and_resolution_count_business_hours_under_a_calendar() {
    let env = TestEnv::with_examples();
    std::fs::write(
        env.home().join("config.toml"),
        r#"
[sla]
default_policy = "office"
[sla.calendars.office]
timezone = "Asia/Shanghai"
weekdays = "09:00-12:00,13:00-18:00"
[sla.policies.office]
calendar = "office"
first_response = { normal = "8h" }
"#,
    )
    .unwrap();
    // Friday 2026-03-06 17:30 in Shanghai (09:30 UTC): 30 working minutes left that day.
    let friday = DateTime::parse_from_rfc3339("2026-03-06T09:30:00Z")
        .unwrap()
        .with_timezone(&Utc);
    env.advance(friday - env.now());
    env.ok(
        "carol",
        &[
            "ticket",
            "new",
            "--type",
            "incident",
            "--title",
            "vpn",
            "-f",
            "service=vpn",
            "-p",
            "normal",
        ],
    );
    // Claimed and answered Monday 10:00 Shanghai: 30 min Friday + 1 h Monday = 90 minutes.
    let monday = DateTime::parse_from_rfc3339("2026-03-09T02:00:00Z")
        .unwrap()
        .with_timezone(&Utc);
    env.advance(monday - env.now());
    env.ok("bob", &["ticket", "claim", "1"]);
    env.ok("bob", &["ticket", "reply", "1", "-m", "fixed"]);
    env.ok("carol", &["ticket", "confirm", "1"]);
    let report = env.json("admin", &["report", "--since", "2026-03-01"]);
    // The claim and reply happen a minute apart on the test clock: 91 working minutes to the
    // reply; resolution stops at the reply (awaiting) 91 minutes in.
    assert_eq!(report["total"]["first_response"]["median"], 91 * MIN);
    assert_eq!(report["total"]["resolution"]["median"], 91 * MIN);
    // 64 hours by the wall clock, 91 working minutes against an 8h target: met.
    assert_eq!(report["total"]["sla"][0]["breached"], 0, "{report:#}");
    assert_eq!(report["total"]["sla_met"], 1);

    // Filed Monday ~10:03 and answered Tuesday ~11:05 Shanghai: about 9 working hours, past
    // the 8h target, and no `sla check` ran: missed.
    env.ok(
        "carol",
        &[
            "ticket",
            "new",
            "--type",
            "incident",
            "--title",
            "dns",
            "-f",
            "service=dns",
            "-p",
            "normal",
        ],
    );
    env.advance(Duration::hours(25));
    env.ok("bob", &["ticket", "claim", "2"]);
    env.ok("bob", &["ticket", "reply", "2", "-m", "fixed"]);
    env.ok("carol", &["ticket", "confirm", "2"]);
    let report = env.json("admin", &["report", "--since", "2026-03-01"]);
    let first_response = &report["total"]["sla"][0];
    assert_eq!(first_response["milestone"], "first_response");
    assert_eq!(
        (
            first_response["breached"].as_u64(),
            first_response["closed"].as_u64()
        ),
        (Some(1), Some(2)),
        "{report:#}"
    );
}

#[test]
fn output_goes_to_a_file_for_file_formats_only() {
    let env = history();
    let path = env.path().join("report.csv");
    env.ok(
        "admin",
        &["report", "--format", "csv", "-o", path.to_str().unwrap()],
    );
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("group,created,"), "{text}");
    // Without --format, the extension picks it.
    let page = env.path().join("week.html");
    env.ok("admin", &["report", "-o", page.to_str().unwrap()]);
    assert!(std::fs::read_to_string(&page)
        .unwrap()
        .starts_with("<!DOCTYPE html>"));
    let text_file = env.path().join("report.txt");
    let err = env.fails("admin", &["report", "-o", text_file.to_str().unwrap()], 5);
    assert!(err.contains("--output takes a file format"), "{err}");
    assert!(!text_file.exists(), "nothing written");
}

#[test]
fn a_terminal_gets_bars_and_the_heatmap_a_pipe_does_not() {
    let env = history();
    let Some(screen) = env.on_terminal(
        160,
        "report --by hour",
        &[("NO_COLOR", "1"), ("DESK_USER", "admin")],
    ) else {
        return;
    };
    assert!(screen.contains("HOUR"), "{screen}");
    assert!(screen.contains('█'), "a bar beside each hour:\n{screen}");
    let arrivals = screen
        .lines()
        .skip_while(|l| !l.starts_with("arrivals"))
        .nth(1)
        .expect("the arrivals heatmap");
    // Monday: nothing before 10:00, then 10, 11, (none at 12-14), 15, 16 (twice), 17, 18.
    assert!(
        arrivals.starts_with("Mon      ··········▒▒···▒█▒▒·····   7"),
        "{screen}"
    );
    assert!(!screen.contains("\x1b["), "NO_COLOR: no colour codes:\n{screen}");
    let coloured = env
        .on_terminal(160, "report --by hour", &[("DESK_USER", "admin")])
        .unwrap();
    assert!(coloured.contains("\x1b[36m"), "colour on a terminal:\n{coloured}");

    let piped = env.ok("admin", &["report", "--by", "hour"]);
    assert!(!piped.contains("arrivals") && !piped.contains('█'), "{piped}");
}

/// A Chromium to render the HTML report with: `DESK_TEST_CHROMIUM`, else one on PATH; when
/// none is there and we may install packages (root with apt-get, as on CI), Debian's.
pub(crate) fn chromium() -> std::path::PathBuf {
    #[allow(
        clippy::disallowed_methods,
        reason = "a test-only override, not a desk variable"
    )]
    if let Some(path) = std::env::var_os("DESK_TEST_CHROMIUM") {
        return path.into();
    }
    let find = || {
        ["chromium", "chromium-browser", "google-chrome"]
            .into_iter()
            .flat_map(|name| {
                ["/usr/bin", "/usr/local/bin", "/snap/bin"].map(|dir| std::path::Path::new(dir).join(name))
            })
            .find(|path| path.exists())
    };
    if let Some(path) = find() {
        return path;
    }
    let is_root = std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|out| out.stdout.starts_with(b"0\n"));
    if is_root && std::path::Path::new("/usr/bin/apt-get").exists() {
        eprintln!("installing Debian's chromium for the HTML report test");
        let apt = |args: &[&str]| {
            std::process::Command::new("apt-get")
                .args(args)
                .env("DEBIAN_FRONTEND", "noninteractive")
                .status()
                .is_ok_and(|s| s.success())
        };
        let _ = apt(&["update", "-qq"]);
        let _ = apt(&["install", "-y", "-qq", "chromium"]);
    }
    find().expect(
        "the HTML report test renders the page in Chromium: install it (apt-get install chromium) \
         or point DESK_TEST_CHROMIUM at one",
    )
}

/// Pixels of `png` within 8 of `rgb` in every channel.
fn pixels_like(png: &std::path::Path, rgb: [u8; 3]) -> usize {
    let decoder = png::Decoder::new(std::fs::File::open(png).unwrap());
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).unwrap();
    let channels = info.color_type.samples();
    assert!(channels >= 3, "colour screenshot, got {:?}", info.color_type);
    buf[..info.buffer_size()]
        .chunks(channels)
        .filter(|px| px.iter().zip(rgb).all(|(a, b)| a.abs_diff(b) <= 8))
        .count()
}

#[test]
fn the_html_report_renders_its_charts_in_a_real_browser() {
    let env = history();
    let page = env.path().join("report.html");
    env.ok(
        "admin",
        &[
            "report",
            "--by",
            "hour",
            "--format",
            "html",
            "-o",
            page.to_str().unwrap(),
        ],
    );
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    for needle in [
        "<svg",
        "tickets per day",
        "Workload heatmap",
        "<td>total</td>",
        "Definitions",
    ] {
        assert!(html.contains(needle), "missing {needle}");
    }
    // Self-contained: no scripts, no external assets.
    for external in ["<script", "src=", "href=", "url("] {
        assert!(!html.contains(external), "found {external}");
    }
    // The figures are the report's: 7 created, CSAT 4.50 over 2 ratings.
    assert!(html.contains("<div class=\"v\">7</div><div class=\"k\">created</div>"));
    assert!(html.contains("4.50 (2)"));

    let shot = env.path().join("report.png");
    let out = std::process::Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--hide-scrollbars",
            "--window-size=1200,2600",
            &format!("--screenshot={}", shot.display()),
        ])
        .arg(format!("file://{}", page.display()))
        .env("HOME", env.path())
        .output()
        .expect("run chromium");
    assert!(
        shot.exists(),
        "chromium took no screenshot: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The series colours (html.rs) cover real area on the page: the bars and the heatmap drew.
    let created = pixels_like(&shot, [0x2f, 0x6d, 0xb5]);
    let closed = pixels_like(&shot, [0x2e, 0x9e, 0x5b]);
    let heat = pixels_like(&shot, [0xd9, 0x48, 0x0f]);
    assert!(created > 500, "created bars: {created} pixels");
    assert!(closed > 500, "closed bars: {closed} pixels");
    assert!(heat > 200, "busiest heatmap cells: {heat} pixels");
}

#[test]
fn answers_from_the_knowledge_base_are_counted() {
    let env = TestEnv::with_examples();
    env.ok(
        "bob",
        &[
            "kb",
            "add",
            "--title",
            "Reset the VPN client",
            "--body",
            "Quit, delete the profile, log in again.",
        ],
    );
    for _ in 0..2 {
        env.ok(
            "carol",
            &[
                "ticket",
                "new",
                "--type",
                "incident",
                "--title",
                "vpn drops",
                "-f",
                "service=vpn",
            ],
        );
    }
    env.ok("bob", &["ticket", "claim", "1"]);
    env.ok("bob", &["ticket", "reply", "1", "--kb", "1"]);
    env.ok("bob", &["ticket", "claim", "2"]);
    env.ok("bob", &["ticket", "reply", "2", "-m", "rebooted the gateway"]);
    let report = env.json("bob", &["report", "--by", "agent"]);
    assert_eq!(report["total"]["kb_answers"], 1);
    assert_eq!(report["groups"][0]["group"], "bob");
    assert_eq!(report["groups"][0]["kb_answers"], 1);
    assert_eq!(
        report["total"]["first_response"]["count"], 2,
        "a KB answer is a first response"
    );
}

/// The period includes its end instant: a ticket filed this second is in `--since 7d`, and
/// `--until` a time counts what happened at that very second (not one second later).
#[test]
fn the_window_includes_its_end_second() {
    let env = TestEnv::with_examples();
    std::fs::write(env.home().join("config.toml"), CONFIG).unwrap();
    let filed = [
        "ticket",
        "new",
        "--type",
        "incident",
        "--title",
        "now",
        "-f",
        "service=api",
    ];
    at(&env, 0, "carol", &filed);
    // Same DESK_NOW as the filing: created 1, not 0.
    env.advance(t0() - env.now());
    let report = env.json("admin", &["report", "--since", "7d"]);
    assert_eq!(report["total"]["created"], 1, "{}", report["total"]);
    let t = t0().to_rfc3339();
    let before = (t0() - Duration::seconds(1)).to_rfc3339();
    let after = (t0() + Duration::seconds(1)).to_rfc3339();
    let created = |since: &str, until: &str| -> Value {
        env.advance(t0() + Duration::minutes(5) - env.now());
        env.json("admin", &["report", "--since", since, "--until", until])["total"]["created"].clone()
    };
    assert_eq!(created("1d", &t), 1, "--until the filing second includes it");
    assert_eq!(
        created("1d", &before),
        0,
        "--until one second before leaves it out"
    );
    assert_eq!(created(&t, &after), 1, "--since the filing second includes it");
    assert_eq!(created(&after, "2026-03-03"), 0);
    // A date as --until is that whole day: 2026-03-02 holds the 10:00 filing.
    assert_eq!(created("2026-03-02", "2026-03-02"), 1);
    assert_eq!(created("2026-03-01", "2026-03-01"), 0);
}

/// SLA met counts a ticket as missed when any `sla_breached` event exists for it, even one
/// recorded after its close (here: after a reopen), as docs/reports.md defines it.
#[test]
fn a_breach_after_a_reopen_misses_the_sla() {
    let env = TestEnv::with_examples();
    std::fs::write(env.home().join("config.toml"), CONFIG).unwrap();
    let filed = normal_incident("flaky");
    at(&env, 0, "carol", &filed);
    at(&env, 10, "bob", &["ticket", "claim", "1"]);
    at(&env, 20, "bob", &["ticket", "reply", "1", "-m", "fixed"]);
    at(&env, 30, "carol", &["ticket", "confirm", "1"]);
    at(&env, 40, "carol", &["ticket", "reopen", "1"]);
    // Resolution used 20m before the close; 4h target: breached 220m after the reopen.
    at(&env, 340, "admin", &["sla", "check"]);
    let kinds: Vec<String> = env
        .events(1)
        .iter()
        .map(|e| e["kind"].as_str().unwrap().to_string())
        .collect();
    let close = kinds.iter().position(|k| k == "confirmed").unwrap();
    let breach = kinds
        .iter()
        .rposition(|k| k == "sla_breached")
        .expect("a breach was recorded");
    assert!(breach > close, "{kinds:?}");
    env.advance(t0() + Duration::minutes(350) - env.now());
    let total = env.json("admin", &["report", "--since", "1d"])["total"].clone();
    // One ticket closed in the period (the close at 30), and it missed: 0 of 1 met.
    assert_eq!(total["closed"], 1, "{total}");
    assert_eq!(total["sla_met"], 0, "{total}");
    assert_eq!(total["sla_attainment"], 0.0, "{total}");
}

/// Attainment comes from the tickets' own times against the targets: a milestone reached
/// late counts as missed though no `sla check` ran to record a breach (issue 17).
#[test]
fn a_milestone_reached_late_is_missed_without_an_sla_check() {
    let env = TestEnv::with_examples();
    std::fs::write(env.home().join("config.toml"), CONFIG).unwrap();
    let filed = normal_incident("slow");
    // 1: first reply one minute after its 1h deadline.
    at(&env, 0, "carol", &filed);
    at(&env, 10, "bob", &["ticket", "claim", "1"]);
    at(&env, 61, "bob", &["ticket", "reply", "1", "-m", "fixed"]);
    at(&env, 62, "carol", &["ticket", "confirm", "1"]);
    // 2: answered on its deadline to the minute (met), confirmed 2h01m later (missed).
    at(&env, 100, "carol", &filed);
    at(&env, 110, "bob", &["ticket", "claim", "2"]);
    at(&env, 160, "bob", &["ticket", "reply", "2", "-m", "fixed"]);
    at(&env, 281, "carol", &["ticket", "confirm", "2"]);
    // 3: everything in time.
    at(&env, 300, "carol", &filed);
    at(&env, 310, "bob", &["ticket", "claim", "3"]);
    at(&env, 320, "bob", &["ticket", "reply", "3", "-m", "fixed"]);
    at(&env, 330, "carol", &["ticket", "confirm", "3"]);
    for id in 1..=3 {
        assert!(
            env.events(id).iter().all(|e| e["kind"] != "sla_breached"),
            "no check ran, so no breach was recorded"
        );
    }
    env.advance(t0() + Duration::days(1) - env.now());
    let total = env.json("admin", &["report", "--since", "2026-03-01"])["total"].clone();
    let breached: Vec<(&str, u64)> = total["sla"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["milestone"].as_str().unwrap(), m["breached"].as_u64().unwrap()))
        .collect();
    assert_eq!(
        breached,
        [("first_response", 1), ("resolution", 0), ("confirmation", 1)],
        "{total:#}"
    );
    assert_eq!(total["sla_met"], 1, "{total}");
    // The same answer once `sla check` has run (it records nothing for closed tickets).
    env.ok("admin", &["sla", "check"]);
    let again = env.json("admin", &["report", "--since", "2026-03-01"])["total"].clone();
    assert_eq!(again["sla"], total["sla"]);
}
