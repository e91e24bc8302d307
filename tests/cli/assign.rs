//! Routing through the real binary: `desk assign auto | explain | rebalance`, `ticket new
//! --assign auto` and `agent status … --rebalance` — each strategy, capacity and status
//! rules, keyword skill inference, determinism, dry runs writing nothing, explanations,
//! rebalancing, permissions, leftover reasons, the `--json` shape, and the per-agent
//! counters against a recomputation from ticket history.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde_json::Value;

use crate::common::{kinds, TestEnv};

/// A home with the example types, the admin who ran init (online, no skills) and `agents`:
/// (name, skills, capacity, status).
fn team(agents: &[(&str, &str, u32, &str)]) -> TestEnv {
    let env = TestEnv::empty();
    env.ok("admin", &["init", "--examples", "--insecure-test-identities"]);
    for (name, skills, capacity, status) in agents {
        let capacity = capacity.to_string();
        let mut args = vec!["agent", "add", name, "--capacity", &capacity, "--status", status];
        if !skills.is_empty() {
            args.extend(["--skills", skills]);
        }
        env.ok("admin", &args);
    }
    env.ok(
        "admin",
        &["agent", "add", "lena", "--role", "lead", "--status", "offline"],
    );
    env
}

/// Edit config.toml: each (from, to) must be in it.
fn configure(env: &TestEnv, edits: &[(&str, &str)]) {
    let path = env.home().join("config.toml");
    let mut config = std::fs::read_to_string(&path).unwrap();
    for (from, to) in edits {
        assert!(config.contains(from), "config.toml has no `{from}`");
        config = config.replacen(from, to, 1);
    }
    std::fs::write(path, config).unwrap();
}

fn incident(env: &TestEnv, title: &str) -> u64 {
    env.incident("carol", title)
}

fn complaint(env: &TestEnv, title: &str) -> u64 {
    env.json(
        "carol",
        &["ticket", "new", "--type", "customer-complaint", "--title", title],
    )["id"]
        .as_u64()
        .unwrap()
}

/// `assign auto --json` as `user` with `extra` flags.
fn auto(env: &TestEnv, user: &str, extra: &[&str]) -> Value {
    let mut args = vec!["assign", "auto"];
    args.extend(extra);
    env.json(user, &args)
}

/// (ticket id, agent) for each assignment in an `assign auto --json` result.
fn assigned(run: &Value) -> Vec<(u64, String)> {
    run["assignments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["ticket"].as_u64().unwrap(),
                a["agent"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn leftovers(run: &Value) -> Vec<(u64, String)> {
    run["leftovers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["ticket"].as_u64().unwrap(),
                l["reason"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn assignee(env: &TestEnv, id: u64) -> Value {
    env.show(id)["assignee"].clone()
}

#[test]
fn balanced_is_the_default_and_every_assignment_event_carries_its_reason() {
    let env = team(&[("ann", "ops", 5, "online"), ("ben", "ops:2", 5, "online")]);
    let id = incident(&env, "checkout returns 502");
    let run = auto(&env, "admin", &[]);
    assert_eq!(assigned(&run), vec![(id, "ann".to_string())]);
    let a = &run["assignments"][0];
    assert_eq!(a["strategy"], "balanced");
    let reason = a["reason"].as_str().unwrap();
    assert_eq!(
        reason,
        "balanced: ann: skills 1.00, load 0/5, quality 0.58, score 0.92"
    );
    let ticket = env.show(id);
    assert_eq!(
        (ticket["status"].as_str(), ticket["assignee"].as_str()),
        (Some("pending"), Some("ann"))
    );
    let events = env.events(id);
    assert_eq!(kinds(&events), ["created", "assigned"]);
    let event = &events[1];
    assert_eq!(event["actor"], "admin");
    assert_eq!(event["assignee"], "ann");
    assert_eq!(event["reason"], reason);
    assert_eq!(
        (event["from_status"].as_str(), event["to_status"].as_str()),
        (Some("unclaimed"), Some("pending"))
    );
    let log = env.ok("admin", &["ticket", "log", &id.to_string()]);
    assert!(log.contains(reason), "{log}");
    assert_eq!(events[0]["reason"], Value::Null, "other events have no reason");
}

#[test]
fn the_skills_strategy_prefers_the_higher_level() {
    let env = team(&[
        ("ann", "ops:2", 5, "online"),
        ("ben", "ops:4", 5, "online"),
        ("cy", "ops:4", 5, "online"),
    ]);
    let id = incident(&env, "disk full");
    // ben and cy tie on skills and load: the name decides.
    let run = auto(&env, "admin", &["--strategy", "skills"]);
    assert_eq!(assigned(&run), vec![(id, "ben".to_string())]);
    assert!(run["assignments"][0]["reason"]
        .as_str()
        .unwrap()
        .starts_with("skills: ben: skills 0.80"));
    // With ben now holding one, cy is as skilled and less loaded.
    let second = incident(&env, "disk full again");
    assert_eq!(
        assigned(&auto(&env, "admin", &["--strategy", "skills"])),
        vec![(second, "cy".to_string())]
    );
}

#[test]
fn the_load_strategy_weighs_open_tickets_by_priority() {
    let env = team(&[("ann", "ops", 4, "online"), ("ben", "ops", 4, "online")]);
    let urgent = env.json(
        "carol",
        &[
            "ticket",
            "new",
            "--type",
            "incident",
            "--title",
            "down",
            "-f",
            "service=api",
            "-p",
            "urgent",
        ],
    )["id"]
        .as_u64()
        .unwrap();
    env.ok("admin", &["ticket", "assign", &urgent.to_string(), "--to", "ann"]);
    let lows: Vec<u64> = (0..2)
        .map(|n| {
            env.json(
                "carol",
                &[
                    "ticket",
                    "new",
                    "--type",
                    "incident",
                    "--title",
                    &format!("slow {n}"),
                    "-f",
                    "service=api",
                    "-p",
                    "low",
                ],
            )["id"]
                .as_u64()
                .unwrap()
        })
        .collect();
    env.ok(
        "admin",
        &["ticket", "assign", &lows[0].to_string(), "--to", "ben"],
    );
    env.ok(
        "admin",
        &["ticket", "assign", &lows[1].to_string(), "--to", "ben"],
    );
    // ann holds one urgent ticket (weight 4), ben two low ones (0.5 each): ben is less loaded.
    let id = incident(&env, "queue backs up");
    let run = auto(&env, "admin", &["--strategy", "load"]);
    assert_eq!(assigned(&run), vec![(id, "ben".to_string())]);
    assert_eq!(
        run["assignments"][0]["reason"],
        "load: ben: skills 1.00, load 2/4, quality 0.58"
    );
}

#[test]
fn round_robin_rotates_by_name_and_remembers_across_runs() {
    let env = team(&[
        ("ann", "ops", 9, "online"),
        ("ben", "ops", 9, "online"),
        ("cy", "ops", 9, "online"),
    ]);
    configure(&env, &[("strategy = \"balanced\"", "strategy = \"round-robin\"")]);
    let ids: Vec<u64> = (0..4).map(|n| incident(&env, &format!("alert {n}"))).collect();
    let run = auto(&env, "admin", &["--limit", "2"]);
    assert_eq!(
        assigned(&run),
        vec![(ids[0], "ann".into()), (ids[1], "ben".into())]
    );
    assert_eq!(run["not_reached"], 2);
    assert_eq!(
        run["assignments"][0]["reason"],
        "round-robin: ann: first in rotation; skills 1.00, load 0/9, quality 0.58"
    );
    // A dry run neither assigns nor moves the rotation.
    let dry = auto(&env, "admin", &["--dry-run"]);
    assert_eq!(
        assigned(&dry),
        vec![(ids[2], "cy".into()), (ids[3], "ann".into())]
    );
    let run = auto(&env, "admin", &[]);
    assert_eq!(
        assigned(&run),
        vec![(ids[2], "cy".into()), (ids[3], "ann".into())]
    );
    assert!(run["assignments"][0]["reason"]
        .as_str()
        .unwrap()
        .contains("next after ben"));
    let next = incident(&env, "alert 5");
    assert_eq!(assigned(&auto(&env, "admin", &[])), vec![(next, "ben".into())]);
}

/// `agent` takes a complaint from carol, replies after `reply_after`, closes it; carol rates it.
fn served(env: &TestEnv, agent: &str, reply_after: Duration, score: u8) -> u64 {
    let id = complaint(env, &format!("served by {agent}"));
    let n = id.to_string();
    env.ok("admin", &["ticket", "assign", &n, "--to", agent]);
    env.advance(reply_after);
    env.ok(agent, &["ticket", "reply", &n, "-m", "sorted"]);
    env.ok(agent, &["ticket", "close", &n]);
    env.ok("carol", &["ticket", "rate", &n, "--score", &score.to_string()]);
    id
}

#[test]
fn the_quality_strategy_favours_fast_well_rated_agents_and_a_new_one_sits_in_the_middle() {
    let env = team(&[
        ("ann", "support", 9, "online"),
        ("ben", "support", 9, "online"),
        ("cy", "support", 9, "online"),
    ]);
    for _ in 0..3 {
        served(&env, "ann", Duration::hours(6), 2);
        served(&env, "ben", Duration::minutes(2), 5);
    }
    let id = complaint(&env, "parcel lost");
    let explain = env.json(
        "admin",
        &["assign", "explain", &id.to_string(), "--strategy", "quality"],
    );
    let order: Vec<&str> = explain["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["agent"].as_str().unwrap())
        .collect();
    assert_eq!(
        order,
        ["ben", "cy", "ann"],
        "new cy between the good and the poor: {explain:#}"
    );
    let quality = |name: &str| {
        explain["candidates"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["agent"] == name)
            .unwrap()["quality"]
            .clone()
    };
    assert!(quality("ben")["csat"].as_f64().unwrap() > quality("cy")["csat"].as_f64().unwrap());
    assert!(quality("ann")["response"].as_f64().unwrap() < 0.5);
    assert_eq!(
        quality("cy")["score"].as_f64().map(|q| (q * 100.0).round()),
        Some(58.0)
    );
    let run = auto(&env, "admin", &["--strategy", "quality"]);
    assert_eq!(assigned(&run), vec![(id, "ben".into())]);
}

#[test]
fn per_type_strategies_come_from_the_config() {
    let env = team(&[
        ("ann", "ops,support", 9, "online"),
        ("ben", "ops,support:1", 9, "online"),
    ]);
    configure(
        &env,
        &[(
            "[routing.types]\n",
            "[routing.types]\ncustomer-complaint = \"load\"\n",
        )],
    );
    let inc = incident(&env, "api down");
    let cs = complaint(&env, "refund");
    // --strategy overrides every type's.
    let forced = auto(&env, "admin", &["--dry-run", "--strategy", "skills"]);
    assert!(forced["assignments"]
        .as_array()
        .unwrap()
        .iter()
        .all(|a| a["strategy"] == "skills"));
    assert_eq!(assigned(&forced), vec![(inc, "ann".into()), (cs, "ann".into())]);
    let run = auto(&env, "admin", &[]);
    let strategies: Vec<(&str, &str)> = run["assignments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["key"].as_str().unwrap(), a["strategy"].as_str().unwrap()))
        .collect();
    assert_eq!(strategies, [("INC-1", "balanced"), ("CS-2", "load")]);
    // Load: ann holds INC-1, so ben takes the complaint despite his weaker support skill.
    assert_eq!(assigned(&run), vec![(inc, "ann".into()), (cs, "ben".into())]);
    let bad = configure_error(&env, "strategy = \"balanced\"", "strategy = \"fastest\"");
    assert!(
        bad.contains("config.toml:") && bad.contains("unknown routing strategy `fastest`"),
        "{bad}"
    );
}

/// Break config.toml with one edit and return the error of `assign auto --dry-run`.
fn configure_error(env: &TestEnv, from: &str, to: &str) -> String {
    let path = env.home().join("config.toml");
    let good = std::fs::read_to_string(&path).unwrap();
    configure(env, &[(from, to)]);
    let stderr = env.fails("admin", &["assign", "auto", "--dry-run"], 5);
    std::fs::write(path, good).unwrap();
    stderr
}

#[test]
fn only_online_agents_below_capacity_with_the_required_skills_get_tickets() {
    let env = team(&[
        ("ann", "ops", 2, "online"),
        ("ben", "ops", 5, "busy"),
        ("cy", "ops", 5, "offline"),
        ("dee", "support", 5, "online"),
    ]);
    let ids: Vec<u64> = (0..3).map(|n| incident(&env, &format!("alert {n}"))).collect();
    let run = auto(&env, "admin", &[]);
    assert_eq!(
        assigned(&run),
        vec![(ids[0], "ann".into()), (ids[1], "ann".into())]
    );
    assert_eq!(
        leftovers(&run),
        vec![(
            ids[2],
            "ann, the only online agent with skill `ops`, is at capacity (2/2)".into()
        )]
    );
    assert_eq!(env.status(ids[2]), "unclaimed");
    // Closing one of ann's frees a place; the leftover goes on the next run.
    let n = ids[0].to_string();
    env.ok("ann", &["ticket", "reply", &n, "-m", "done"]);
    env.ok("carol", &["ticket", "confirm", &n]);
    let listed = env.json("admin", &["agent", "list"]);
    let ann = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == "ann")
        .unwrap()
        .clone();
    assert_eq!(ann["open_tickets"], 1, "a closed ticket is no load: {ann}");
    assert_eq!(assigned(&auto(&env, "admin", &[])), vec![(ids[2], "ann".into())]);
    let explain = env.json("ann", &["assign", "explain", &ids[2].to_string()]);
    let why: BTreeMap<&str, &str> = explain["ineligible"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["agent"].as_str().unwrap(), i["why"].as_str().unwrap()))
        .collect();
    // Ranked as if it came back, so ann's load does not count this ticket: 1/2, free.
    assert!(!why.contains_key("ann"), "{why:?}");
    assert_eq!(explain["choice"], "ann");
    assert_eq!(why["ben"], "busy");
    assert_eq!(why["cy"], "offline");
    assert_eq!(why["dee"], "lacks skill `ops`");
}

#[test]
fn leftovers_say_why_and_fail_if_unassigned_exits_1_after_assigning_what_it_can() {
    let env = team(&[("ann", "ops", 1, "online"), ("ben", "iam", 5, "offline")]);
    let inc = incident(&env, "pager");
    let inc2 = incident(&env, "pager again");
    let acc = env.json(
        "carol",
        &[
            "ticket",
            "new",
            "--type",
            "access-request",
            "--title",
            "aws",
            "-f",
            "system=aws",
            "-f",
            "justification=x",
        ],
    )["id"]
        .as_u64()
        .unwrap();
    let cs = complaint(&env, "rude reply");
    let dry = auto(&env, "admin", &["--dry-run"]);
    assert_eq!(
        leftovers(&dry),
        vec![
            (
                inc2,
                "ann, the only online agent with skill `ops`, is at capacity (1/1)".into()
            ),
            (acc, "no online agent has skill `iam`".into()),
            (cs, "no agent has skill `support`".into()),
        ]
    );
    let out = env.run("admin", &["assign", "auto", "--fail-if-unassigned"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("3 tickets stayed unclaimed (--fail-if-unassigned)"),
        "{stderr}"
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("no agent has skill `support`"), "{stdout}");
    assert_eq!(assignee(&env, inc), "ann", "what could be assigned was");
    // Without the flag, leftovers are not a failure: cron keeps running it.
    env.ok("admin", &["assign", "auto"]);
}

#[test]
fn keywords_in_the_text_infer_skills_that_decide_between_agents() {
    let env = team(&[("ann", "ops", 5, "online"), ("ben", "ops,network:4", 5, "online")]);
    // No keyword: equal skills, ann by name.
    let plain = incident(&env, "checkout is slow");
    let dns = env.json(
        "carol",
        &[
            "ticket",
            "new",
            "--type",
            "incident",
            "--title",
            "Resolver trouble",
            "--body",
            "We see a DNS Timeout on the VPN since 9:00",
            "-f",
            "service=edge",
        ],
    )["id"]
        .as_u64()
        .unwrap();
    let explain = env.json("admin", &["assign", "explain", &dns.to_string()]);
    assert_eq!(explain["needs"]["required"], serde_json::json!(["ops"]));
    assert_eq!(
        explain["needs"]["inferred"],
        serde_json::json!([{"skill": "network", "keywords": ["dns", "vpn", "timeout"]}])
    );
    assert_eq!(explain["choice"], "ben");
    let human = env.ok("admin", &["assign", "explain", &dns.to_string()]);
    assert!(
        human.contains("needs     ops (required), network (keywords: dns, vpn, timeout)"),
        "{human}"
    );
    let run = auto(&env, "admin", &[]);
    assert_eq!(assigned(&run), vec![(plain, "ann".into()), (dns, "ben".into())]);
    assert!(run["assignments"][1]["reason"]
        .as_str()
        .unwrap()
        .contains("skills 0.90"));
}

/// Copy a directory tree (the desk home) so two runs can start from the same store.
fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn the_same_store_and_desk_now_give_the_same_plan() {
    let env = team(&[
        ("ann", "ops,network:2", 3, "online"),
        ("ben", "ops:3,database", 3, "online"),
        ("cy", "ops,support", 2, "online"),
        ("dee", "support", 4, "online"),
    ]);
    served(&env, "dee", Duration::minutes(30), 4);
    for (n, title) in [
        "dns flap",
        "postgres deadlock",
        "disk",
        "latency",
        "cpu",
        "vpn down",
        "oom",
    ]
    .iter()
    .enumerate()
    {
        let priority = ["urgent", "high", "normal", "low"][n % 4];
        env.ok(
            "carol",
            &[
                "ticket",
                "new",
                "--type",
                "incident",
                "--title",
                title,
                "-f",
                "service=api",
                "-p",
                priority,
            ],
        );
    }
    complaint(&env, "refund");
    let now = env.now().to_rfc3339();
    let run_in = |home: &Path| {
        let out = env
            .desk("admin")
            .env("DESK_HOME", home)
            .env("DESK_NOW", &now)
            .args(["assign", "auto", "--json"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let copies: Vec<_> = (0..2).map(|n| env.path().join(format!("copy-{n}"))).collect();
    for copy in &copies {
        copy_tree(&env.home(), copy);
    }
    let first = run_in(&copies[0]);
    let second = run_in(&copies[1]);
    assert_eq!(first, second);
    let plan: Value = serde_json::from_str(&first).unwrap();
    assert_eq!(plan["assignments"].as_array().unwrap().len(), 8, "{plan:#}");
    // And it is the plan a dry run on the original shows.
    let dry = env
        .desk("admin")
        .env("DESK_NOW", &now)
        .args(["assign", "auto", "--dry-run", "--json"])
        .output()
        .unwrap();
    let dry: Value = serde_json::from_slice(&dry.stdout).unwrap();
    assert_eq!(dry["assignments"], plan["assignments"]);
    assert_eq!(dry["dry_run"], true);
}

#[test]
fn a_dry_run_writes_nothing() {
    let env = team(&[("ann", "ops", 5, "online")]);
    configure(&env, &[("strategy = \"balanced\"", "strategy = \"round-robin\"")]);
    let ids: Vec<u64> = (0..2).map(|n| incident(&env, &format!("alert {n}"))).collect();
    let before: Vec<String> = ids.iter().map(|id| env.snapshot(*id)).collect();
    let human = env.run("ann", &["assign", "auto", "--dry-run"]);
    assert!(human.status.success());
    let stdout = String::from_utf8_lossy(&human.stdout);
    assert!(
        stdout.contains("INC-1\thigh\tann\tround-robin: ann: first in rotation"),
        "{stdout}"
    );
    let stderr = String::from_utf8_lossy(&human.stderr);
    assert!(
        stderr.contains("Dry run: would assign 2 tickets; 0 would stay unclaimed. Nothing was written."),
        "{stderr}"
    );
    let after: Vec<String> = ids.iter().map(|id| env.snapshot(*id)).collect();
    assert_eq!(before, after);
    // The rotation did not move either: the real run starts where the dry run did.
    let run = auto(&env, "admin", &[]);
    assert!(run["assignments"][0]["reason"]
        .as_str()
        .unwrap()
        .contains("first in rotation"));
    assert_eq!(run["dry_run"], false);
}

#[test]
fn explain_ranks_every_candidate_with_the_parts_of_its_score() {
    let env = team(&[
        ("ann", "ops:3", 5, "online"),
        ("ben", "ops", 5, "online"),
        ("cy", "ops", 5, "offline"),
    ]);
    let id = incident(&env, "api errors");
    let n = id.to_string();
    let explain = env.json("ben", &["assign", "explain", &n]);
    assert_eq!(explain["ticket"]["key"], "INC-1");
    assert_eq!(explain["strategy"], "balanced");
    assert_eq!(explain["choice"], "ben");
    let first = &explain["candidates"][0];
    assert_eq!(
        (first["rank"].as_u64(), first["agent"].as_str()),
        (Some(1), Some("ben"))
    );
    assert_eq!(first["scores"]["skills"], 1.0);
    assert_eq!(first["scores"]["load"], 1.0);
    assert_eq!(
        (first["open"].as_u64(), first["capacity"].as_u64()),
        (Some(0), Some(5))
    );
    for key in ["csat", "response", "resolution", "score"] {
        assert!(first["quality"][key].is_f64(), "quality.{key}: {first}");
    }
    for key in [
        "first_responses",
        "first_response_secs",
        "resolutions",
        "resolution_secs",
        "csat_count",
        "csat_sum",
    ] {
        assert_eq!(first["stats"][key], 0, "stats.{key}");
    }
    assert_eq!(explain["candidates"][1]["agent"], "ann");
    assert_eq!(explain["candidates"][1]["scores"]["skills"], 0.6);
    let ineligible: Vec<(&str, &str)> = explain["ineligible"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["agent"].as_str().unwrap(), i["why"].as_str().unwrap()))
        .collect();
    assert_eq!(
        ineligible,
        [
            ("admin", "lacks skill `ops`"),
            ("cy", "offline"),
            ("lena", "lacks skill `ops`")
        ]
    );
    assert_eq!(
        explain["reason"],
        "balanced: ben: skills 1.00, load 0/5, quality 0.58, score 0.92"
    );

    let human = env.ok("ben", &["assign", "explain", &n]);
    for line in [
        "INC-1 (incident, high, unclaimed): api errors",
        "  strategy  balanced (weights: skills 0.5, load 0.3, quality 0.2)",
        "  → ben: balanced: ben: skills 1.00, load 0/5, quality 0.58, score 0.92",
        "1\tben\t0.92\t1.00\t0/5\t1.00\t0.58\t0.75 0.50 0.50",
        "2\tann\t",
        "Cannot take it:",
        "  cy     offline",
    ] {
        assert!(human.contains(line), "missing {line:?} in\n{human}");
    }
    // Explaining reads only, so it works on a ticket in any state and writes nothing.
    env.ok("admin", &["assign", "auto"]);
    let before = env.snapshot(id);
    let explain = env.json("ann", &["assign", "explain", &n, "--strategy", "skills"]);
    assert_eq!(explain["ticket"]["status"], "pending");
    assert_eq!(explain["strategy"], "skills");
    assert_eq!(env.snapshot(id), before);
    env.fails("ann", &["assign", "explain", "99"], 3);
}

#[test]
fn explain_shows_the_recorded_decision_apart_from_how_it_would_rank_now() {
    let env = team(&[("ann", "ops:3", 5, "online"), ("ben", "ops", 5, "online")]);
    let id = incident(&env, "api errors");
    let n = id.to_string();
    // Never routed: no recorded decision, only the ranking now.
    let before = env.json("ben", &["assign", "explain", &n]);
    assert!(before["recorded"].is_null(), "{before:#}");
    assert!(!env
        .ok("ben", &["assign", "explain", &n])
        .contains("as recorded then"));

    let routed_at = env.now();
    env.ok("admin", &["assign", "auto"]);
    // The desk moves on: ben goes offline, ann fills up, time passes.
    env.advance(Duration::hours(3));
    env.ok("admin", &["agent", "status", "ben", "offline"]);
    env.ok("admin", &["agent", "set", "ann", "--capacity", "1"]);
    incident(&env, "keeps ann busy");
    env.ok("admin", &["assign", "auto"]);

    let explain = env.json("ann", &["assign", "explain", &n]);
    let recorded = &explain["recorded"];
    assert_eq!(recorded["kind"], "assigned");
    assert_eq!(recorded["actor"], "admin");
    assert_eq!(recorded["assignee"], "ben");
    assert_eq!(
        recorded["at"]
            .as_str()
            .unwrap()
            .parse::<chrono::DateTime<chrono::Utc>>()
            .unwrap(),
        routed_at
    );
    let decision = &recorded["decision"];
    assert_eq!(decision["strategy"], "balanced");
    assert_eq!(decision["required"], serde_json::json!(["ops"]));
    let candidates: Vec<(&str, f64, u64)> = decision["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["agent"].as_str().unwrap(),
                c["skills"].as_f64().unwrap(),
                c["open"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(candidates, [("ben", 1.0, 0), ("ann", 0.6, 0)]);
    assert_eq!(decision["candidates"][0]["score"], 0.9167);
    assert_eq!(decision["eligible"], 2);
    assert_eq!(decision["excluded"][0]["why"], "lacks skill `ops`");
    // …and the keys it always had are the ranking now, where ben is offline.
    assert!(explain["choice"].is_null(), "{explain:#}");
    let why: Vec<&str> = explain["ineligible"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["why"].as_str().unwrap())
        .collect();
    assert!(
        why.contains(&"offline") && why.contains(&"at capacity (1/1)"),
        "{why:?}"
    );

    let human = env.ok("ann", &["assign", "explain", &n]);
    for line in [
        "  assignee  ben",
        &format!(
            "Routed {} UTC by admin, as recorded then:",
            routed_at.format("%Y-%m-%d %H:%M")
        ),
        "  → balanced: ben: skills 1.00, load 0/5, quality 0.58, score 0.92",
        "1\tben\t0.92\t1.00\t0/5\t1.00\t0.58\n2\tann\t0.",
        "Could not take it then:",
        "If it were routed now:",
        "  ben    offline",
    ] {
        assert!(human.contains(line), "missing {line:?} in\n{human}");
    }
    let now = human.find("If it were routed now:").unwrap();
    assert!(human.find("Could not take it then:").unwrap() < now, "{human}");

    // Only agents see routing: the requester is refused, as before.
    env.fails("carol", &["assign", "explain", &n], 4);
}

#[test]
fn explain_says_when_a_person_moved_the_ticket_after_routing() {
    let env = team(&[("ann", "ops:3", 1, "online"), ("ben", "ops", 5, "online")]);
    let id = incident(&env, "api errors");
    let n = id.to_string();
    env.ok("admin", &["assign", "auto"]);
    assert_eq!(assignee(&env, id), "ben");
    env.ok("ben", &["ticket", "transfer", &n, "--to", "ann"]);

    let explain = env.json("ben", &["assign", "explain", &n]);
    let later = &explain["recorded"]["superseded_by"];
    assert_eq!(
        (
            later["kind"].as_str(),
            later["actor"].as_str(),
            later["assignee"].as_str()
        ),
        (Some("transferred"), Some("ben"), Some("ann")),
        "{explain:#}"
    );
    assert_eq!(explain["recorded"]["assignee"], "ben");
    // Ranked now as if it came back: ann's one ticket is this one, so she is not full.
    let ann = explain["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["agent"] == "ann")
        .unwrap_or_else(|| panic!("ann can take it back: {explain:#}"));
    assert_eq!(ann["open"], 0);
    let human = env.ok("ben", &["assign", "explain", &n]);
    assert!(
        human.contains("  since     transferred to ann by ben at "),
        "{human}"
    );
    assert!(human.contains("  assignee  ann"), "{human}");
}

#[test]
fn one_ticket_is_routed_by_id_and_only_when_unclaimed() {
    let env = team(&[("ann", "ops", 5, "online")]);
    let first = incident(&env, "one");
    let second = incident(&env, "two");
    let run = auto(&env, "admin", &[&second.to_string()]);
    assert_eq!(assigned(&run), vec![(second, "ann".into())]);
    assert_eq!(env.status(first), "unclaimed", "only the ticket named");
    let stderr = env.fails("admin", &["assign", "auto", &second.to_string()], 6);
    assert!(
        stderr.contains("cannot auto-assign INC-2: it is pending"),
        "{stderr}"
    );
    env.fails("admin", &["assign", "auto", "INC-42"], 3);
    // A ticket nobody can take is a leftover, exit 0 (or 1 when asked to fail).
    env.ok("admin", &["agent", "status", "ann", "offline"]);
    let run = auto(&env, "admin", &[&first.to_string()]);
    assert_eq!(
        leftovers(&run),
        vec![(first, "no online agent has skill `ops`".into())]
    );
    env.fails(
        "admin",
        &["assign", "auto", &first.to_string(), "--fail-if-unassigned"],
        1,
    );
}

#[test]
fn ticket_new_assign_auto_routes_in_the_same_commit() {
    let env = team(&[("ann", "ops", 5, "online")]);
    let created = env.json(
        "lena",
        &[
            "ticket",
            "new",
            "--type",
            "incident",
            "--title",
            "db down",
            "-f",
            "service=db",
            "--requester",
            "carol",
            "--assign",
            "auto",
        ],
    );
    assert_eq!(created["assignee"], "ann");
    assert_eq!(created["status"], "pending");
    assert_eq!(created["routing"]["agent"], "ann");
    let id = created["id"].as_u64().unwrap();
    let events = env.events(id);
    assert_eq!(kinds(&events), ["created", "assigned"]);
    assert_eq!(events[0]["at"], events[1]["at"]);
    assert_eq!(events[1]["reason"], created["routing"]["reason"]);
    // Nobody able: the ticket is still filed, unclaimed, and says why.
    let human = env.ok(
        "admin",
        &[
            "ticket",
            "new",
            "--type",
            "access-request",
            "--title",
            "vpn",
            "-f",
            "system=vpn",
            "-f",
            "justification=x",
            "--assign",
            "auto",
        ],
    );
    assert!(
        human.contains("Created ACC-2 (access-request): vpn; stays unclaimed: no agent has skill `iam`"),
        "{human}"
    );
    // Only leads and admins assign; nothing is filed when refused.
    let stderr = env.fails(
        "ann",
        &[
            "ticket",
            "new",
            "--type",
            "incident",
            "--title",
            "x",
            "-f",
            "service=x",
            "--assign",
            "auto",
        ],
        4,
    );
    assert!(
        stderr.contains("only leads and admins assign tickets"),
        "{stderr}"
    );
    assert_eq!(env.all_tickets().len(), 2);
    // A plain `ticket new` has no routing key at all.
    let plain = env.json(
        "carol",
        &[
            "ticket",
            "new",
            "--type",
            "incident",
            "--title",
            "y",
            "-f",
            "service=y",
        ],
    );
    assert!(plain.get("routing").is_none(), "{plain}");
}

#[test]
fn only_leads_and_admins_assign_any_agent_may_look() {
    let env = team(&[("ann", "ops", 5, "online")]);
    let id = incident(&env, "pager");
    let before = env.snapshot(id);
    let stderr = env.fails("ann", &["assign", "auto"], 4);
    assert!(
        stderr.contains("permission denied: only leads and admins assign tickets, and `ann` is an agent"),
        "{stderr}"
    );
    assert!(stderr.contains("hint: `--dry-run` shows the plan"), "{stderr}");
    env.fails("ann", &["assign", "rebalance"], 4);
    assert_eq!(env.snapshot(id), before);
    env.ok("ann", &["assign", "auto", "--dry-run"]);
    env.ok("ann", &["assign", "rebalance", "--dry-run"]);
    env.ok("ann", &["assign", "explain", &id.to_string()]);
    // Requesters see none of it.
    for args in [
        vec!["assign", "auto", "--dry-run"],
        vec!["assign", "explain", "1"],
        vec!["assign", "rebalance", "--dry-run"],
    ] {
        let stderr = env.fails("carol", &args, 4);
        assert!(stderr.contains("only agents see routing"), "{stderr}");
    }
    assert_eq!(env.snapshot(id), before);
    // Leads may.
    assert_eq!(assigned(&auto(&env, "lena", &[])), vec![(id, "ann".into())]);
}

#[test]
fn rebalance_returns_the_unstarted_tickets_of_offline_agents() {
    let env = team(&[("ann", "ops", 5, "online"), ("ben", "ops", 5, "online")]);
    let ids: Vec<u64> = (0..3).map(|n| incident(&env, &format!("alert {n}"))).collect();
    for id in &ids {
        env.ok("admin", &["ticket", "assign", &id.to_string(), "--to", "ann"]);
    }
    // ann has started on one: it stays hers.
    env.ok("ann", &["ticket", "reply", &ids[0].to_string(), "-m", "looking"]);
    env.ok("ann", &["agent", "status", "ann", "offline"]);
    let dry = env.json("ben", &["assign", "rebalance", "--dry-run"]);
    assert_eq!(dry["dry_run"], true);
    assert_eq!(assignee(&env, ids[1]), "ann", "the dry run moved nothing");
    let run = env.json("admin", &["assign", "rebalance"]);
    assert_eq!(run["moves"], dry["moves"]);
    let moves: Vec<(u64, Value, &str)> = run["moves"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["ticket"].as_u64().unwrap(),
                m["to"].clone(),
                m["reason"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        moves,
        vec![
            (ids[1], Value::Null, "ann is offline: back to the queue"),
            (ids[2], Value::Null, "ann is offline: back to the queue"),
        ]
    );
    assert_eq!(env.status(ids[0]), "awaiting");
    assert_eq!(assignee(&env, ids[0]), "ann");
    for id in &ids[1..] {
        let ticket = env.show(*id);
        assert_eq!(
            (ticket["status"].as_str(), &ticket["assignee"]),
            (Some("unclaimed"), &Value::Null)
        );
        let events = env.events(*id);
        let last = events.last().unwrap();
        assert_eq!(last["kind"], "unassigned");
        assert_eq!(last["previous_assignee"], "ann");
        assert_eq!(last["reason"], "ann is offline: back to the queue");
    }
    let log = env.ok("admin", &["ticket", "log", &ids[1].to_string()]);
    assert!(
        log.contains("pending → unclaimed  ann → queue  (ann is offline: back to the queue)"),
        "{log}"
    );
    // Idempotent: nothing left to move.
    let again = env.json("admin", &["assign", "rebalance"]);
    assert_eq!(again["moves"], serde_json::json!([]));
    // And the queue is routed again to whoever is online.
    assert_eq!(
        assigned(&auto(&env, "admin", &[])),
        vec![(ids[1], "ben".into()), (ids[2], "ben".into())]
    );
}

#[test]
fn rebalance_can_reassign_at_once_and_agents_can_hand_back_as_they_leave() {
    let env = team(&[("ann", "ops", 5, "online"), ("ben", "ops", 1, "online")]);
    configure(&env, &[("on_offline = \"return\"", "on_offline = \"reassign\"")]);
    let ids: Vec<u64> = (0..2).map(|n| incident(&env, &format!("alert {n}"))).collect();
    for id in &ids {
        env.ok("admin", &["ticket", "assign", &id.to_string(), "--to", "ann"]);
    }
    // Going offline with --rebalance: one commit for the status and the tickets.
    let out = env.json("ann", &["agent", "status", "ann", "offline", "--rebalance"]);
    assert_eq!(out["status"], "offline");
    let moves = out["moves"].as_array().unwrap();
    assert_eq!(moves.len(), 2);
    assert_eq!(moves[0]["to"], "ben");
    assert!(moves[0]["reason"]
        .as_str()
        .unwrap()
        .starts_with("ann is offline; balanced: ben: "));
    // ben's capacity (1) is used by the first: the second goes back to the queue.
    assert_eq!(moves[1]["to"], Value::Null);
    assert_eq!(
        moves[1]["reason"],
        "ann is offline: back to the queue (ben, the only online agent with skill `ops`, is at capacity (1/1))"
    );
    assert_eq!(assignee(&env, ids[0]), "ben");
    let last = env.events(ids[0]).last().unwrap().clone();
    assert_eq!(
        (last["kind"].as_str(), last["previous_assignee"].as_str()),
        (Some("transferred"), Some("ann"))
    );
    assert_eq!(env.status(ids[1]), "unclaimed");
    // The reassignment keeps routing's decision; a person's assignment records none.
    let explain = env.json("lena", &["assign", "explain", &ids[0].to_string()]);
    assert_eq!(explain["recorded"]["kind"], "transferred");
    assert_eq!(explain["recorded"]["decision"]["candidates"][0]["agent"], "ben");
    assert!(env
        .ok("lena", &["assign", "explain", &ids[0].to_string()])
        .contains("(rebalanced from ann)"));
    let explain = env.json("lena", &["assign", "explain", &ids[1].to_string()]);
    assert!(explain["recorded"].is_null(), "{explain:#}");
    // --rebalance is for going offline; someone else's status needs a lead.
    env.fails("ben", &["agent", "status", "ben", "busy", "--rebalance"], 5);
    env.fails("ben", &["agent", "status", "ann", "offline", "--rebalance"], 4);
    let human = env.ok("lena", &["agent", "status", "ben", "offline", "--rebalance"]);
    assert!(human.starts_with("ben: online → offline\n  INC-1 → queue  (ben is offline: back to the queue (no online agent has skill `ops`))"), "{human}");
}

#[test]
fn skill_levels_are_set_changed_and_removed_by_name() {
    let env = team(&[("ann", "ops:2,network", 5, "online")]);
    let out = env.ok("admin", &["agent", "set", "ann", "--add-skill", "ops:4,db:1"]);
    assert_eq!(out.trim(), "ann: ops:2 → ops:4, +db:1");
    let agent = env.json("admin", &["agent", "show", "ann"]);
    assert_eq!(agent["skills"], serde_json::json!(["ops:4", "network", "db:1"]));
    env.ok("admin", &["agent", "set", "ann", "--remove-skill", "db"]);
    assert_eq!(
        env.json("admin", &["agent", "show", "ann"])["skills"],
        serde_json::json!(["ops:4", "network"])
    );
    // Removing a skill the agent does not have is a mistake, not a silent no-op.
    let stderr = env.fails("admin", &["agent", "set", "ann", "--remove-skill", "dbb"], 3);
    assert!(
        stderr.contains("ann has no skill `dbb` (skills: ops:4, network)"),
        "{stderr}"
    );
    for bad in ["ops:6", "ops:0", "Ops", "ops:x"] {
        let stderr = env.fails("admin", &["agent", "set", "ann", "--add-skill", bad], 5);
        assert!(stderr.contains("invalid skill"), "{bad}: {stderr}");
    }
    // Templates name skills without levels.
    let path = env.write_template("bad", "skills = [\"ops:3\"]\n");
    let stderr = env.fails("admin", &["template", "check", path.to_str().unwrap()], 5);
    assert!(stderr.contains("invalid skill `ops:3`"), "{stderr}");
}

#[test]
fn the_json_lists_assignments_and_leftovers() {
    let env = team(&[("ann", "ops", 1, "online")]);
    let a = incident(&env, "a");
    let b = incident(&env, "b");
    let run = auto(&env, "admin", &[]);
    let keys = |v: &Value| -> Vec<String> {
        let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
        k.sort();
        k
    };
    assert_eq!(keys(&run), ["assignments", "dry_run", "leftovers", "not_reached"]);
    assert_eq!(
        keys(&run["assignments"][0]),
        ["agent", "capacity", "key", "open", "priority", "reason", "scores", "strategy", "ticket", "type"]
    );
    assert_eq!(
        keys(&run["assignments"][0]["scores"]),
        ["balanced", "load", "quality", "skills"]
    );
    assert_eq!(
        keys(&run["leftovers"][0]),
        ["key", "priority", "reason", "strategy", "ticket", "type"]
    );
    assert_eq!(run["assignments"][0]["ticket"], a);
    assert_eq!(run["leftovers"][0]["ticket"], b);
    // -q: the ids assigned.
    env.ok("admin", &["agent", "set", "ann", "--capacity", "5"]);
    assert_eq!(env.ok("admin", &["assign", "auto", "-q"]), format!("{b}\n"));
    // An empty queue is a quiet success.
    let out = env.run("admin", &["assign", "auto"]);
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout), "");
    assert!(String::from_utf8_lossy(&out.stderr).contains("Nothing to assign"));
}

/// Per-agent counters recomputed from the tickets' histories: first handler reply and
/// every close counted on their day, timed from when the handler got the ticket; the
/// current rating of each closed ticket counted for its handler on its close day.
fn recompute(env: &TestEnv, ids: &[u64]) -> BTreeMap<String, [i64; 6]> {
    let time = |v: &Value| {
        DateTime::parse_from_rfc3339(v.as_str().unwrap())
            .unwrap()
            .with_timezone(&Utc)
    };
    let mut totals: BTreeMap<String, [i64; 6]> = BTreeMap::new();
    for id in ids {
        let events = env.events(*id);
        let mut handler: Option<String> = None;
        let mut since = time(&events[0]["at"]);
        let mut replied = false;
        let mut closed_on: Option<NaiveDate> = None;
        let mut rating = None;
        for event in &events {
            let at = time(&event["at"]);
            if let Some(to) = event["assignee"].as_str() {
                handler = Some(to.to_string());
                since = at;
            }
            if event["kind"] == "unassigned" {
                handler = None;
            }
            if event["kind"] == "replied" && event["side"] == "handler" && !replied {
                replied = true;
                let t = totals
                    .entry(event["actor"].as_str().unwrap().to_string())
                    .or_default();
                t[0] += 1;
                t[1] += (at - since).num_seconds();
            }
            match event["to_status"].as_str() {
                Some("closed") => {
                    closed_on = Some(at.date_naive());
                    if let Some(h) = &handler {
                        let t = totals.entry(h.clone()).or_default();
                        t[2] += 1;
                        t[3] += (at - since).num_seconds();
                    }
                }
                Some(_) => closed_on = None,
                None => {}
            }
            if let Some(score) = event["score"].as_i64() {
                rating = Some(score);
            }
        }
        if let (Some(_), Some(score), Some(h)) = (closed_on, rating, handler) {
            let t = totals.entry(h).or_default();
            t[4] += 1;
            t[5] += score;
        }
    }
    totals.retain(|_, t| t.iter().any(|n| *n != 0));
    totals
}

#[test]
fn agent_counters_equal_a_recomputation_from_ticket_history() {
    let env = team(&[
        ("ann", "support,ops", 9, "online"),
        ("ben", "support,ops", 9, "online"),
    ]);
    let mut ids = vec![
        served(&env, "ann", Duration::minutes(7), 4),
        served(&env, "ben", Duration::hours(2), 2),
    ];
    // Re-rated: the new score replaces the old.
    env.ok("carol", &["ticket", "rate", &ids[0].to_string(), "--score", "1"]);
    // Transferred before the first reply: the new handler's clock starts at the transfer.
    let moved = complaint(&env, "moved");
    let n = moved.to_string();
    env.ok("admin", &["ticket", "assign", &n, "--to", "ann"]);
    env.advance(Duration::minutes(30));
    env.ok("ann", &["ticket", "transfer", &n, "--to", "ben"]);
    env.advance(Duration::minutes(5));
    env.ok("ben", &["ticket", "reply", &n, "-m", "on it"]);
    env.ok("ben", &["ticket", "close", &n]);
    env.ok("carol", &["ticket", "rate", &n, "--score", "5"]);
    // Reopened after its rating (the rating stops counting), closed again next day.
    env.ok("carol", &["ticket", "reopen", &n]);
    env.advance(Duration::days(1));
    env.ok("admin", &["ticket", "close", &n]);
    ids.push(moved);
    // An internal ticket confirmed by its requester, through routing.
    let inc = incident(&env, "routed");
    env.ok("admin", &["assign", "auto"]);
    let handler = assignee(&env, inc);
    env.advance(Duration::minutes(42));
    env.ok(
        handler.as_str().unwrap(),
        &["ticket", "reply", &inc.to_string(), "-m", "fixed"],
    );
    env.ok("carol", &["ticket", "confirm", &inc.to_string()]);
    ids.push(inc);
    // Unstarted ticket returned to the queue: no counters.
    let back = incident(&env, "back");
    env.ok("admin", &["ticket", "assign", &back.to_string(), "--to", "ann"]);
    env.ok("ann", &["agent", "status", "ann", "offline", "--rebalance"]);
    ids.push(back);

    let expected = recompute(&env, &ids);
    assert_eq!(expected.len(), 2, "{expected:?}");
    let probe = incident(&env, "probe");
    let explain = env.json("admin", &["assign", "explain", &probe.to_string()]);
    let mut counted: BTreeMap<String, [i64; 6]> = BTreeMap::new();
    for agent in explain["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .chain(explain["ineligible"].as_array().unwrap())
    {
        let s = &agent["stats"];
        let row = [
            "first_responses",
            "first_response_secs",
            "resolutions",
            "resolution_secs",
            "csat_count",
            "csat_sum",
        ]
        .map(|k| s[k].as_i64().unwrap());
        if row.iter().any(|n| *n != 0) {
            counted.insert(agent["agent"].as_str().unwrap().to_string(), row);
        }
    }
    assert_eq!(counted, expected);
    assert_eq!(
        counted["ben"][4..],
        [2, 2 + 5],
        "ben: the re-closed ticket's 5 counts again"
    );
}

#[test]
fn statistics_outside_the_quality_window_do_not_count() {
    let env = team(&[("ann", "support", 9, "online")]);
    served(&env, "ann", Duration::minutes(3), 5);
    let id = complaint(&env, "later");
    let stats = |env: &TestEnv| {
        env.json("admin", &["assign", "explain", &id.to_string()])["candidates"][0]["stats"]["csat_count"]
            .as_i64()
            .unwrap()
    };
    assert_eq!(stats(&env), 1);
    env.advance(Duration::days(31));
    assert_eq!(stats(&env), 0);
    configure(&env, &[("window = \"30d\"", "window = \"60d\"")]);
    assert_eq!(stats(&env), 1);
}

#[test]
fn a_misspelt_type_in_the_routing_config_is_warned_about() {
    let env = TestEnv::with_examples();
    let path = env.home().join("config.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replacen("# incident = \"skills\"", "incidnt = \"skills\"", 1),
    )
    .unwrap();
    let out = env.run("admin", &["assign", "auto", "--dry-run"]);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("[routing.types] names `incidnt`, which is not a ticket type")
            && stderr.contains("incident"),
        "{stderr}"
    );
}

#[test]
fn a_ticket_needing_a_skill_waits_for_an_agent_with_it_not_the_idle_admin_until_the_fallback() {
    // The scenario: network agents at capacity, the first admin idle with no
    // skills, and a type that requires none but infers `network` from "vpn".
    let env = team(&[
        ("nia", "network,ops", 1, "online"),
        ("ned", "network,ops", 1, "online"),
    ]);
    env.write_template(
        "outage",
        "description = \"An outage\"\nskills = []\n\n[keywords]\nnetwork = [\"vpn\"]\n",
    );
    for title in ["first", "second"] {
        let id = env.incident("admin", title).to_string();
        env.ok("admin", &["assign", "auto", &id]);
    }
    env.ok("admin", &["requester", "add", "carol"]);
    let filed = env.json(
        "carol",
        &["ticket", "new", "-t", "outage", "--title", "the VPN is down"],
    );
    let id = filed["id"].as_u64().unwrap();
    for strategy in ["balanced", "load", "quality", "round-robin", "skills"] {
        let run = env.json("admin", &["assign", "auto", "--dry-run", "--strategy", strategy]);
        assert_eq!(
            leftovers(&run),
            vec![(
                id,
                "all 2 online agents with skill `network` are at capacity (1/1)".to_string()
            )],
            "{strategy}"
        );
    }
    let human = env.ok("admin", &["assign", "auto"]);
    assert!(
        human.contains("stays unclaimed: all 2 online agents with skill `network`"),
        "{human}"
    );
    assert_eq!(env.status(id), "unclaimed");
    let explained = env.ok("admin", &["assign", "explain", &id.to_string()]);
    assert!(explained.contains("lacks skill `network`"), "{explained}");

    // With a fallback, once the ticket waited that long, anyone free may take it.
    let config = env.home().join("config.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(
        &config,
        text.replace("skill_fallback = \"never\"", "skill_fallback = \"after 30m\""),
    )
    .unwrap();
    env.ok("admin", &["assign", "auto"]);
    assert_eq!(env.status(id), "unclaimed", "not before it waited 30 minutes");
    // The type's own `never` wins over [routing]'s fallback.
    let outage = "description = \"An outage\"\nskills = []\n\n[keywords]\nnetwork = [\"vpn\"]\n";
    env.write_template("outage", &format!("skill_fallback = \"never\"\n{outage}"));
    env.advance(Duration::minutes(31));
    env.ok("admin", &["assign", "auto"]);
    assert_eq!(env.status(id), "unclaimed", "the type says never");
    env.write_template("outage", outage);
    env.ok("admin", &["assign", "auto"]);
    assert_eq!(env.show(id)["assignee"], "admin");
}

#[test]
fn a_types_skill_fallback_lets_its_tickets_go_further_when_routing_says_never() {
    let env = team(&[("nia", "network,ops", 1, "online")]);
    env.write_template(
        "outage",
        "skills = [\"network\"]\nskill_fallback = \"after 10m\"\n",
    );
    let busy = env.incident("admin", "first").to_string();
    env.ok("admin", &["assign", "auto", &busy]);
    assert_eq!(env.show(busy.parse().unwrap())["assignee"], "nia");
    env.ok("admin", &["requester", "add", "carol"]);
    let filed = env.json("carol", &["ticket", "new", "-t", "outage", "--title", "down"]);
    let id = filed["id"].as_u64().unwrap();
    env.ok("admin", &["assign", "auto"]);
    assert_eq!(env.status(id), "unclaimed");
    env.advance(Duration::minutes(11));
    env.ok("admin", &["assign", "auto"]);
    assert_eq!(env.show(id)["assignee"], "admin");

    let shown = env.ok("admin", &["template", "show", "outage"]);
    assert!(shown.contains("fallback   after 10m"), "{shown}");
    let shown = env.json("admin", &["template", "show", "outage"]);
    assert_eq!(shown["skill_fallback"], "after 10m");

    // A bad value is a template error naming the key; nothing is filed with it.
    env.write_template("outage", "skill_fallback = \"soon\"\n");
    let err = env.fails("carol", &["ticket", "new", "-t", "outage", "--title", "x"], 5);
    assert!(
        err.contains("skill_fallback:") && err.contains("after 30m"),
        "{err}"
    );
}
