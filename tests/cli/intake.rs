//! Intake: requester tiers (rate limits, allowed types, priority boost and floor, SLA
//! policy), `desk requester show|add|set`, CI deduplication, and `--from-json` (one object
//! or JSON Lines). The clock is `DESK_NOW`, one minute further per command; tests that
//! care about windows move it explicitly with [`at`].

use std::collections::BTreeSet;
use std::process::{Command, Output, Stdio};

use chrono::{DateTime, Duration, SecondsFormat, Utc};
use serde_json::{json, Value};

use crate::common::{kinds, TestEnv};

/// The examples home with the standard tier's rate limits replaced by `limits`
/// (a TOML array, e.g. `["3/10m"]`) and `extra` appended to config.toml.
fn with_config(limits: &str, extra: &str) -> TestEnv {
    let env = TestEnv::with_examples();
    let default = desk::domain::config::DEFAULT_CONFIG_TOML;
    let standard = r#"rate_limits = ["20/1h", "100/1d"]"#;
    assert!(
        default.contains(standard),
        "the default config changed: update this test"
    );
    let config = default.replace(standard, &format!("rate_limits = {limits}")) + extra;
    std::fs::write(env.home().join("config.toml"), config).expect("write config");
    env
}

/// Move the clock so the next command runs at `when`.
fn at(env: &TestEnv, when: DateTime<Utc>) {
    env.advance(when - env.now());
}

fn rfc3339(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// `ticket new` for an incident titled `title`, plus `extra` flags.
fn incident_args<'a>(title: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
        "ticket",
        "new",
        "--type",
        "incident",
        "--title",
        title,
        "-f",
        "service=api",
    ];
    args.extend_from_slice(extra);
    args
}

/// `ticket new` for a CI failure under `key`, plus `extra` flags.
fn ci_args<'a>(key: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
        "ticket",
        "new",
        "--type",
        "ci-failure",
        "--title",
        "main is red",
        "-f",
        "repo=acme/shop",
        "-f",
        "job=test",
        "--dedup-key",
        key,
    ];
    args.extend_from_slice(extra);
    args
}

fn id_of(ticket: &Value) -> u64 {
    ticket["id"].as_u64().unwrap_or_else(|| panic!("no id: {ticket}"))
}

/// Run `desk ARGS` as `user` with `input` on standard input.
fn with_stdin(env: &TestEnv, user: &str, args: &[&str], input: &str) -> Output {
    env.desk(user)
        .args(args)
        .write_stdin(input.to_string())
        .output()
        .expect("run desk")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).to_string()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).to_string()
}

#[track_caller]
fn mentions(text: &str, needles: &[&str]) {
    for needle in needles {
        assert!(text.contains(needle), "expected `{needle}` in:\n{text}");
    }
}

// --- rate limits ---

#[test]
fn the_rate_limit_is_reached_exactly_at_n_and_says_when_to_come_back() {
    let env = with_config(r#"["3/10m"]"#, "");
    let first = env.now();
    for n in 1..=3 {
        env.incident("carol", &format!("outage {n}"));
    }
    let now = env.now();
    assert_eq!(now, first + Duration::minutes(3));
    let stderr = env.fails("carol", &incident_args("one too many", &[]), 7);
    let next = rfc3339(first + Duration::minutes(10));
    mentions(
        &stderr,
        &[
            "rate limited",
            "`carol`",
            "tier standard",
            "3/10m",
            &next,
            "in 7m",
        ],
    );
    mentions(&stderr, &["desk requester show"]);
    // A requester cannot override, but learns who can.
    mentions(
        &stderr,
        &["a lead or admin can file it for them past the limit with --over-limit"],
    );
    // Nothing written: three tickets, and the refusal used no id.
    assert_eq!(env.all_tickets().len(), 3);
    let show = env.json("carol", &["requester", "show", "carol"]);
    assert_eq!(show["rate_limits"][0]["used"], 3);
    assert_eq!(show["rate_limited_until"], next.as_str());
    at(&env, first + Duration::minutes(10));
    assert_eq!(env.incident("carol", "back again"), 4);
}

#[test]
fn the_window_rolls_with_desk_now() {
    let env = with_config(r#"["3/10m"]"#, "");
    let first = env.now();
    for n in 1..=3 {
        env.incident("carol", &format!("outage {n}"));
    }
    // One second before the first submission leaves the window: still refused.
    at(&env, first + Duration::minutes(10) - Duration::seconds(1));
    let stderr = env.fails("carol", &incident_args("too early", &[]), 7);
    mentions(&stderr, &[&rfc3339(first + Duration::minutes(10)), "in 1s"]);
    // Exactly one window later the first no longer counts; then one a minute as the
    // second and third leave in turn.
    at(&env, first + Duration::minutes(10));
    env.incident("carol", "at 10");
    env.incident("carol", "at 11");
    env.incident("carol", "at 12");
    // Now the window holds 10, 11 and 12: full until 10 leaves at 20.
    assert_eq!(env.now(), first + Duration::minutes(13));
    let stderr = env.fails("carol", &incident_args("at 13", &[]), 7);
    mentions(&stderr, &[&rfc3339(first + Duration::minutes(20))]);
    assert_eq!(env.all_tickets().len(), 6);
}

#[test]
fn the_tightest_of_several_limits_decides() {
    // 2 per 10 minutes and 3 per day: the day blocks longer once used up.
    let env = with_config(r#"["2/10m", "3/1d"]"#, "");
    let first = env.now();
    env.incident("carol", "one");
    env.incident("carol", "two");
    let stderr = env.fails("carol", &incident_args("three", &[]), 7);
    mentions(&stderr, &["2/10m", &rfc3339(first + Duration::minutes(10))]);
    at(&env, first + Duration::minutes(10));
    env.incident("carol", "three");
    let stderr = env.fails("carol", &incident_args("four", &[]), 7);
    mentions(&stderr, &["3/1d", &rfc3339(first + Duration::days(1))]);
}

#[test]
fn leads_and_admins_file_past_the_limit_and_the_event_records_it() {
    let env = with_config(r#"["2/1h"]"#, "");
    let a = env.incident("carol", "one");
    env.incident("carol", "two");
    let for_carol = incident_args("three", &["--requester", "carol"]);

    // A lead without the flag is told about it.
    let stderr = env.fails("dave", &for_carol, 7);
    mentions(&stderr, &["rate limited", "--over-limit"]);
    // Neither the requester herself nor a plain agent may override.
    let mut own = incident_args("three", &["--over-limit"]);
    let stderr = env.fails("carol", &own, 4);
    mentions(&stderr, &["only leads and admins", "--over-limit"]);
    let mut by_bob = for_carol.clone();
    by_bob.push("--over-limit");
    let stderr = env.fails("bob", &by_bob, 4);
    mentions(&stderr, &["only leads and admins"]);
    assert_eq!(env.all_tickets().len(), 2, "refusals wrote nothing");

    let mut by_dave = for_carol.clone();
    by_dave.push("--over-limit");
    let t = env.json("dave", &by_dave);
    assert_eq!(
        (&t["requester"], &t["status"]),
        (&json!("carol"), &json!("unclaimed"))
    );
    let created = &env.events(id_of(&t))[0];
    assert_eq!(
        (&created["kind"], &created["actor"], &created["over_limit"]),
        (&json!("created"), &json!("dave"), &json!(true))
    );
    by_dave[5] = "four";
    let t = env.json("admin", &by_dave);
    assert_eq!(env.events(id_of(&t))[0]["over_limit"], true);
    // Ordinary filings say false, and so does a flag that was not needed.
    assert_eq!(env.events(a)[0]["over_limit"], false);
    own = incident_args("erik's first", &["--requester", "erik", "--over-limit"]);
    let t = env.json("dave", &own);
    assert_eq!(env.events(id_of(&t))[0]["over_limit"], false);
}

// --- allowed types, template tiers ---

const LAPTOP: &str = r#"description = "A laptop for an employee"
prefix = "LAP"
tiers = ["internal"]
"#;

#[test]
fn a_tier_files_only_its_allowed_types_and_the_error_names_them() {
    let env = TestEnv::with_examples();
    // The template is open to the internal tier, but the internal tier's types leave it out.
    env.write_template("laptop", LAPTOP);
    let stderr = env.fails(
        "bob",
        &["ticket", "new", "--type", "laptop", "--title", "new laptop"],
        4,
    );
    mentions(
        &stderr,
        &[
            "tier `internal`",
            "`laptop`",
            "allowed types: incident, access-request, ci-failure",
        ],
    );
    // A requester record with the internal tier is refused the same way.
    env.ok("bob", &["requester", "add", "ivan", "--tier", "internal"]);
    env.fails(
        "ivan",
        &["ticket", "new", "--type", "laptop", "--title", "new laptop"],
        4,
    );
    assert!(env.all_tickets().is_empty());
    // Allowed types still work.
    assert_eq!(env.incident("bob", "vpn down"), 1);
}

#[test]
fn both_the_template_and_the_tier_must_allow_the_type() {
    let env = TestEnv::with_examples();
    env.write_template(
        "partner",
        "description = \"Partner integration\"\nprefix = \"PRT\"\ntiers = [\"enterprise\"]\n",
    );
    env.ok("bob", &["requester", "add", "vera", "--tier", "vip"]);
    env.ok("bob", &["requester", "add", "erik", "--tier", "enterprise"]);
    let partner = ["ticket", "new", "--type", "partner", "--title", "webhook"];
    // vip may file any type, but this template is for enterprise only.
    let stderr = env.fails("vera", &partner, 4);
    mentions(&stderr, &["`partner`", "tier `vip`", "allowed tiers: enterprise"]);
    // Filing on her behalf does not get round it.
    let mut for_vera = partner.to_vec();
    for_vera.extend(["--requester", "vera"]);
    env.fails("dave", &for_vera, 4);
    assert!(env.all_tickets().is_empty());
    assert_eq!(env.json("erik", &partner)["type"], "partner");
}

#[test]
fn filing_on_behalf_uses_the_requesters_tier_not_the_agents() {
    let env = TestEnv::with_examples();
    let complaint = ["ticket", "new", "--type", "customer-complaint", "--title", "late"];
    // bob files as himself under the internal tier: complaints are not for employees.
    env.fails("bob", &complaint, 4);
    let mut for_carol = complaint.to_vec();
    for_carol.extend(["--requester", "carol"]);
    let t = env.json("bob", &for_carol);
    assert_eq!(
        (&t["requester"], &t["sla_policy"]),
        (&json!("carol"), &json!("customer")),
        "the standard tier sets no policy: the template's applies"
    );
    assert_eq!(env.events(id_of(&t))[0]["actor"], "bob");
}

// --- priority and SLA ---

#[test]
fn vip_priorities_are_boosted_and_enterprise_ones_floored() {
    let env = TestEnv::with_examples();
    env.ok("bob", &["requester", "add", "vera", "--tier", "vip"]);
    env.ok("bob", &["requester", "add", "erik", "--tier", "enterprise"]);
    let filed = |user: &str, priority: Option<&str>| -> String {
        let mut args = incident_args("printer on fire", &[]);
        if let Some(priority) = priority {
            args.extend(["--priority", priority]);
        }
        env.json(user, &args)["priority"].as_str().unwrap().to_string()
    };
    // vip: one step up, from the template's default (high) too.
    assert_eq!(filed("vera", Some("normal")), "high");
    assert_eq!(filed("vera", Some("low")), "normal");
    assert_eq!(filed("vera", None), "urgent");
    assert_eq!(filed("vera", Some("urgent")), "urgent");
    // enterprise: at least normal.
    assert_eq!(filed("erik", Some("low")), "normal");
    assert_eq!(filed("erik", Some("high")), "high");
    // standard: as filed.
    assert_eq!(filed("carol", Some("low")), "low");
    assert_eq!(filed("carol", None), "high");
    // The boost applies to JSON submissions too.
    let out = with_stdin(
        &env,
        "vera",
        &["ticket", "new", "--from-json", "-", "--json"],
        r#"{"type": "incident", "title": "json", "priority": "normal", "fields": {"service": "api"}}"#,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let t: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(t["priority"], "high");
}

#[test]
fn the_tiers_sla_policy_and_the_channel_are_stored_on_the_ticket() {
    let env = with_config(
        r#"["20/1h"]"#,
        "\n[tiers.trial]\ndescription = \"Trial accounts\"\n",
    );
    env.ok("bob", &["requester", "add", "vera", "--tier", "vip"]);
    env.ok("bob", &["requester", "add", "erik", "--tier", "enterprise"]);
    env.ok("bob", &["requester", "add", "tina", "--tier", "trial"]);
    let sla_of = |user: &str| {
        let id = env.incident(user, "slow");
        let shown = env.show(id);
        assert_eq!(shown["channel"], "cli");
        shown["sla_policy"].clone()
    };
    // Tiers with a policy (vip, enterprise) set it; the others leave the template's.
    assert_eq!(
        sla_of("carol"),
        "incident",
        "standard tier: the template's policy"
    );
    assert_eq!(sla_of("vera"), "vip");
    assert_eq!(sla_of("erik"), "enterprise");
    assert_eq!(sla_of("bob"), "incident", "agents (internal tier) too");
    assert_eq!(sla_of("tina"), "incident");
    // `ticket list --json` carries them too.
    let listed = env.all_tickets();
    assert!(listed
        .iter()
        .all(|t| t["sla_policy"].is_string() && t["channel"] == "cli"));
}

#[test]
fn unknown_requesters_get_the_configured_default_tier() {
    let env = TestEnv::with_examples();
    let t = env.json("carol", &incident_args("default tier", &["--priority", "normal"]));
    assert_eq!(
        (&t["priority"], &t["sla_policy"]),
        (&json!("normal"), &json!("incident"))
    );
    let config = env.home().join("config.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    let text = text.replace(r#"default_tier = "standard""#, r#"default_tier = "vip""#);
    std::fs::write(&config, text).unwrap();
    let t = env.json("carol", &incident_args("vip now", &["--priority", "normal"]));
    assert_eq!(
        (&t["priority"], &t["sla_policy"]),
        (&json!("high"), &json!("vip"))
    );
    // A record beats the default.
    env.ok("bob", &["requester", "add", "carol", "--tier", "standard"]);
    let t = env.json("carol", &incident_args("recorded", &["--priority", "normal"]));
    assert_eq!(t["priority"], "normal");
}

// --- deduplication ---

#[test]
fn a_repeated_dedup_key_records_an_occurrence_on_the_open_ticket() {
    let env = TestEnv::with_examples();
    let first = env.json("admin", &ci_args("ci:acme/shop:test", &[]));
    assert_eq!(
        (&first["deduplicated"], &first["occurrences"], &first["dedup_key"]),
        (&json!(false), &json!(1), &json!("ci:acme/shop:test"))
    );
    let id = id_of(&first);

    let again = env.json(
        "admin",
        &ci_args(
            "ci:acme/shop:test",
            &["--body", "run 2 failed in checkout_test", "-f", "commit=abcdef1"],
        ),
    );
    assert_eq!(id_of(&again), id, "the existing ticket's id");
    assert_eq!(
        (&again["deduplicated"], &again["occurrences"]),
        (&json!(true), &json!(2))
    );

    // People see the existing id; scripts with -q get just the id.
    let human = env.ok("admin", &ci_args("ci:acme/shop:test", &[]));
    mentions(&human, &["CI-1", "already open", "occurrence 3"]);
    assert_eq!(
        env.ok("admin", &ci_args("ci:acme/shop:test", &["-q"])).trim(),
        "1"
    );

    assert_eq!(env.all_tickets().len(), 1);
    let shown = env.show(id);
    assert_eq!(shown["occurrences"], 4);
    let events = env.events(id);
    assert_eq!(kinds(&events), ["created", "occurred", "occurred", "occurred"]);
    let occurred = &events[1];
    mentions(
        occurred["message"].as_str().unwrap(),
        &["main is red", "run 2 failed in checkout_test"],
    );
    assert_eq!(occurred["fields"]["commit"], "abcdef1");
    assert_eq!(occurred["fields"]["repo"], "acme/shop");
    assert_eq!(occurred["channel"], "cli");
    // The ticket itself keeps what it was filed with.
    assert_eq!(shown["body"], "");
    assert!(shown["fields"].get("commit").is_none());
}

#[test]
fn after_the_ticket_closes_the_same_key_opens_a_new_one() {
    let env = TestEnv::with_examples();
    let key = "ci:acme/shop:deploy";
    let first = id_of(&env.json("admin", &ci_args(key, &[])));
    env.json("admin", &ci_args(key, &[]));
    env.ok("admin", &["ticket", "close", &first.to_string()]);

    let second = env.json("admin", &ci_args(key, &[]));
    assert_ne!(id_of(&second), first);
    assert_eq!(
        (&second["deduplicated"], &second["occurrences"]),
        (&json!(false), &json!(1))
    );
    // Repeats now land on the new ticket; the closed one keeps its count.
    let again = env.json("admin", &ci_args(key, &[]));
    assert_eq!(
        (id_of(&again), &again["deduplicated"]),
        (id_of(&second), &json!(true))
    );
    assert_eq!(env.show(first)["occurrences"], 2);
    assert_eq!(env.show(first)["status"], "closed");
    // Another key is another problem.
    let other = env.json("admin", &ci_args("ci:acme/shop:lint", &[]));
    assert_eq!(other["deduplicated"], false);
    assert_eq!(env.all_tickets().len(), 3);
}

/// Fails until fixed: reopening a closed ticket whose dedup key a newer open ticket now
/// holds takes the key over (`Txn::add_index_entries` overwrites `i/d/KEY`); closing it
/// again deletes the entry while the newer ticket is still open, so the next CI failure
/// opens a third ticket beside an open one.
#[test]
fn reopening_an_old_ticket_does_not_steal_the_dedup_key_of_the_open_one() {
    let env = TestEnv::with_examples();
    let key = "ci:acme/shop:nightly";
    let old = id_of(&env.json("admin", &ci_args(key, &[])));
    env.ok("admin", &["ticket", "close", &old.to_string()]);
    let current = id_of(&env.json("admin", &ci_args(key, &[])));
    env.ok("admin", &["ticket", "reopen", &old.to_string()]);
    env.ok("admin", &["ticket", "close", &old.to_string()]);
    let again = env.json("admin", &ci_args(key, &[]));
    assert_eq!(
        (id_of(&again), &again["deduplicated"]),
        (current, &json!(true)),
        "the open ticket {current} holds the key"
    );
}

#[test]
fn dedup_occurrences_do_not_count_against_rate_limits() {
    let env = with_config(r#"["3/10m"]"#, "");
    let key = "ci:acme/shop:test";
    let first = id_of(&env.json("carol", &ci_args(key, &[])));
    for _ in 0..5 {
        let again = env.json("carol", &ci_args(key, &[]));
        assert_eq!((id_of(&again), &again["deduplicated"]), (first, &json!(true)));
    }
    let show = env.json("carol", &["requester", "show", "carol"]);
    assert_eq!(show["rate_limits"][0]["used"], 1, "only the first filing counts");
    env.incident("carol", "two");
    env.incident("carol", "three");
    env.fails("carol", &incident_args("four", &[]), 7);
    // Even at the limit, a repeat of an open problem is recorded, not refused.
    let again = env.json("carol", &ci_args(key, &[]));
    assert_eq!(
        (&again["deduplicated"], &again["occurrences"]),
        (&json!(true), &json!(7))
    );
}

fn desk_process(env: &TestEnv, user: &str, args: &[&str]) -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("desk"));
    cmd.env_clear()
        .env("DESK_HOME", env.home())
        .env("DESK_USER", user)
        .env("DESK_NOW", env.now().to_rfc3339())
        .env("HOME", env.path())
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd
}

#[test]
fn sixteen_concurrent_identical_ci_submissions_make_one_ticket_with_sixteen_occurrences() {
    let env = TestEnv::with_examples();
    let args = ci_args("ci:acme/shop:test", &["-q"]);
    let children: Vec<_> = (0..16)
        .map(|_| desk_process(&env, "admin", &args).spawn().expect("spawn desk"))
        .collect();
    let mut ids = BTreeSet::new();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "a concurrent desk failed: {}", stderr(&out));
        ids.insert(stdout(&out).trim().to_string());
    }
    assert_eq!(ids.len(), 1, "every process printed the same id: {ids:?}");
    let tickets = env.all_tickets();
    assert_eq!(tickets.len(), 1);
    let id = id_of(&tickets[0]);
    assert_eq!(ids.into_iter().next().unwrap(), id.to_string());
    assert_eq!(env.show(id)["occurrences"], 16);
    let events = env.events(id);
    assert_eq!(events.len(), 16);
    assert_eq!(kinds(&events[..1]), ["created"]);
    assert!(kinds(&events[1..]).iter().all(|k| *k == "occurred"));
}

// --- JSON on standard input ---

#[test]
fn one_json_object_behaves_like_flags() {
    let env = TestEnv::with_examples();
    let object = r#"{"type": "incident", "title": "Checkout API returns 502", "body": "since 9:00",
        "fields": {"service": "checkout-api", "severity": "sev2"}, "priority": "urgent"}"#;
    let object = object.replace('\n', " ");
    let out = with_stdin(&env, "carol", &["ticket", "new", "--from-json", "-"], &object);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "Created INC-1 (incident): Checkout API returns 502\n"
    );
    let flags = env.ok(
        "carol",
        &[
            "ticket",
            "new",
            "--type",
            "incident",
            "--title",
            "Checkout API returns 502",
            "-f",
            "service=checkout-api",
        ],
    );
    assert_eq!(flags, "Created INC-2 (incident): Checkout API returns 502\n");

    // --json: the same shape as with flags.
    let out = with_stdin(
        &env,
        "carol",
        &["ticket", "new", "--from-json", "-", "--json"],
        &object,
    );
    let from_json: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let from_flags = env.json("carol", &incident_args("flags", &[]));
    let keys = |v: &Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    assert_eq!(keys(&from_json), keys(&from_flags));
    assert_eq!(
        (&from_json["channel"], &from_flags["channel"]),
        (&json!("json"), &json!("cli"))
    );
    assert_eq!(
        (
            &from_json["priority"],
            &from_json["body"],
            &from_json["fields"]["severity"]
        ),
        (&json!("urgent"), &json!("since 9:00"), &json!("sev2"))
    );
    assert_eq!(from_json["deduplicated"], false);

    // -q: the id; and from a file path.
    let path = env.path().join("one.json");
    std::fs::write(&path, &object).unwrap();
    let q = env.ok(
        "carol",
        &["ticket", "new", "--from-json", path.to_str().unwrap(), "-q"],
    );
    assert_eq!(q.trim(), "5");
    env.fails(
        "carol",
        &["ticket", "new", "--from-json", "/nonexistent/x.json"],
        3,
    );
}

#[test]
fn a_pretty_printed_object_is_one_submission() {
    let env = TestEnv::with_examples();
    let pretty = serde_json::to_string_pretty(&json!({
        "type": "ci-failure",
        "title": "build broke",
        "fields": {"repo": "acme/shop", "job": "build", "commit": "abcdef1"},
        "dedup_key": "ci:acme/shop:build",
    }))
    .unwrap();
    assert!(pretty.lines().count() > 5);
    let out = with_stdin(
        &env,
        "admin",
        &["ticket", "new", "--from-json", "-", "--json"],
        &pretty,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let t: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(
        (&t["type"], &t["dedup_key"], &t["fields"]["commit"]),
        (
            &json!("ci-failure"),
            &json!("ci:acme/shop:build"),
            &json!("abcdef1")
        )
    );
    // The same object again deduplicates, exactly as with flags.
    let out = with_stdin(
        &env,
        "admin",
        &["ticket", "new", "--from-json", "-", "--json"],
        &pretty,
    );
    let t: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!((&t["deduplicated"], &t["occurrences"]), (&json!(true), &json!(2)));
    assert_eq!(env.all_tickets().len(), 1);
}

const MIXED: &str = r#"{"type": "incident", "title": "good one", "fields": {"service": "api"}}
{"type": "incident", "fields": {"service": "api"}}

{"type": "incident", "title": "good two", "fields": {"service": "web"}, "priority": "low"}
{"type": "nosuch", "title": "unknown type"}
this is not json
{"type": "customer-complaint", "title": "for ivan", "requester": "ivan"}
{"type": "incident", "title": "bad field", "fields": {"service": "Not Valid!"}}
"#;

#[test]
fn a_json_lines_stream_keeps_the_good_lines_and_reports_each_bad_one() {
    let env = TestEnv::with_examples();
    let out = with_stdin(&env, "carol", &["ticket", "new", "--from-json", "-"], MIXED);
    // The first refusal (line 2, a missing title) decides the exit code.
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    let report = stdout(&out);
    let lines: Vec<&str> = report.lines().collect();
    assert_eq!(lines.len(), 8, "{report}");
    assert_eq!(lines[0], "line 1: Created INC-1 (incident): good one");
    mentions(lines[1], &["line 2: refused (exit 5)", "title"]);
    assert_eq!(lines[2], "line 4: Created INC-2 (incident): good two");
    mentions(lines[3], &["line 5: refused (exit 3)", "nosuch"]);
    mentions(lines[4], &["line 6: refused (exit 5)", "not JSON"]);
    mentions(lines[5], &["line 7: refused (exit 4)", "on behalf"]);
    mentions(lines[6], &["line 8: refused (exit 5)", "service"]);
    assert_eq!(lines[7], "2 created, 0 deduplicated, 5 refused");
    mentions(&stderr(&out), &["5 of 7 submissions refused", "line 2"]);
    let titles: Vec<Value> = env.all_tickets().iter().map(|t| t["title"].clone()).collect();
    assert_eq!(titles.len(), 2);
    assert!(titles.contains(&json!("good one")) && titles.contains(&json!("good two")));
}

#[test]
fn a_json_lines_stream_reports_per_line_in_json() {
    let env = TestEnv::with_examples();
    let out = with_stdin(
        &env,
        "carol",
        &["ticket", "new", "--from-json", "-", "--json"],
        MIXED,
    );
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    let report: Value = serde_json::from_str(&stdout(&out)).expect("one JSON document");
    assert_eq!(
        (&report["created"], &report["deduplicated"], &report["refused"]),
        (&json!(2), &json!(0), &json!(5))
    );
    let results = report["results"].as_array().unwrap();
    let summary: Vec<(u64, &str, Option<u64>)> = results
        .iter()
        .map(|r| {
            (
                r["line"].as_u64().unwrap(),
                r["status"].as_str().unwrap(),
                r["exit_code"].as_u64(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (1, "created", None),
            (2, "refused", Some(5)),
            (4, "created", None),
            (5, "refused", Some(3)),
            (6, "refused", Some(5)),
            (7, "refused", Some(4)),
            (8, "refused", Some(5)),
        ]
    );
    assert_eq!(results[0]["ticket"]["title"], "good one");
    assert_eq!(results[2]["ticket"]["priority"], "low");
    mentions(results[1]["error"].as_str().unwrap(), &["title"]);
    assert!(results[1].get("ticket").is_none_or(Value::is_null));
    assert!(results[0].get("error").is_none_or(Value::is_null));
}

#[test]
fn a_stream_hits_the_rate_limit_exactly_at_n() {
    // The default standard tier: 20 per hour. All lines share one DESK_NOW.
    let env = TestEnv::with_examples();
    let now = env.now();
    let stream: String = (1..=21)
        .map(|n| format!(r#"{{"title": "report {n}", "fields": {{"service": "api"}}}}"#) + "\n")
        .collect();
    let out = with_stdin(
        &env,
        "carol",
        &[
            "ticket",
            "new",
            "--type",
            "incident",
            "--from-json",
            "-",
            "--json",
        ],
        &stream,
    );
    assert_eq!(out.status.code(), Some(7), "{}", stderr(&out));
    let report: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!((&report["created"], &report["refused"]), (&json!(20), &json!(1)));
    let last = &report["results"][20];
    assert_eq!((&last["line"], &last["exit_code"]), (&json!(21), &json!(7)));
    mentions(
        last["error"].as_str().unwrap(),
        &["20/1h", &rfc3339(now + Duration::hours(1))],
    );
    assert_eq!(env.all_tickets().len(), 20);
}

#[test]
fn repeats_within_a_stream_deduplicate() {
    let env = TestEnv::with_examples();
    let line = r#"{"type": "ci-failure", "title": "red", "fields": {"repo": "acme/shop", "job": "e2e"}, "dedup_key": "ci:e2e"}"#;
    let stream = format!("{line}\n{line}\n{line}\n");
    let out = with_stdin(
        &env,
        "admin",
        &["ticket", "new", "--from-json", "-", "--json"],
        &stream,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let report: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(
        (&report["created"], &report["deduplicated"]),
        (&json!(1), &json!(2))
    );
    let statuses: Vec<&str> = report["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["created", "deduplicated", "deduplicated"]);
    assert_eq!(report["results"][2]["ticket"]["occurrences"], 3);
}

#[test]
fn unknown_keys_are_refused() {
    let env = TestEnv::with_examples();
    let typo = r#"{"type": "incident", "tilte": "typo", "fields": {"service": "api"}}"#;
    let out = with_stdin(&env, "carol", &["ticket", "new", "--from-json", "-"], typo);
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    mentions(&stderr(&out), &["tilte"]);
    // In a stream, only that line is refused.
    let stream = format!(
        "{typo}\n{}\n",
        r#"{"type": "incident", "title": "fine", "fields": {"service": "api"}}"#
    );
    let out = with_stdin(
        &env,
        "carol",
        &["ticket", "new", "--from-json", "-", "--json"],
        &stream,
    );
    assert_eq!(out.status.code(), Some(5));
    let report: Value = serde_json::from_str(&stdout(&out)).unwrap();
    mentions(report["results"][0]["error"].as_str().unwrap(), &["tilte"]);
    assert_eq!(report["results"][1]["status"], "created");
    assert_eq!(env.all_tickets().len(), 1);
}

#[test]
fn the_type_flag_is_the_default_for_lines_without_one() {
    let env = TestEnv::with_examples();
    let stream = concat!(
        r#"{"title": "no type given", "fields": {"service": "api"}}"#,
        "\n",
        r#"{"type": "ci-failure", "title": "own type", "fields": {"repo": "acme/shop", "job": "x"}}"#,
        "\n",
    );
    let out = with_stdin(
        &env,
        "admin",
        &[
            "ticket",
            "new",
            "--type",
            "incident",
            "--from-json",
            "-",
            "--json",
        ],
        stream,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let report: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(report["results"][0]["ticket"]["type"], "incident");
    assert_eq!(report["results"][1]["ticket"]["type"], "ci-failure");
    // Without --type, a line without one is refused and says how to fix it.
    let out = with_stdin(
        &env,
        "admin",
        &["ticket", "new", "--from-json", "-"],
        r#"{"title": "no type", "fields": {"service": "api"}}"#,
    );
    assert_eq!(out.status.code(), Some(5));
    mentions(&stderr(&out), &["type", "--type"]);
}

#[test]
fn bad_json_input_writes_nothing() {
    let env = TestEnv::with_examples();
    let cases = [
        // A field that fails validation.
        r#"{"type": "incident", "title": "x", "fields": {"service": "Not Valid!"}}"#,
        // A required field missing.
        r#"{"type": "incident", "title": "x"}"#,
        // Not an object.
        r#"["type", "incident"]"#,
        // A field given as a list.
        r#"{"type": "incident", "title": "x", "fields": {"service": ["a"]}}"#,
        // Truncated.
        r#"{"type": "incident", "title": "#,
    ];
    for input in cases {
        let out = with_stdin(&env, "carol", &["ticket", "new", "--from-json", "-"], input);
        assert_eq!(out.status.code(), Some(5), "{input}: {}", stderr(&out));
    }
    assert!(env.all_tickets().is_empty());
    assert_eq!(env.incident("carol", "first real one"), 1, "no id was used");
}

/// Fails until fixed: input with no submission at all (an empty pipe, blank lines) exits 0
/// with "0 created", so a script that forgot to pipe believes it filed something. It
/// should be invalid input (exit 5) naming what is missing, like any other missing input.
#[test]
fn json_input_with_no_submission_is_invalid() {
    let env = TestEnv::with_examples();
    for input in ["", "\n  \n"] {
        let out = with_stdin(&env, "carol", &["ticket", "new", "--from-json", "-"], input);
        assert_eq!(out.status.code(), Some(5), "{input:?}: {}", stdout(&out));
    }
}

// --- desk requester show / add / set ---

#[test]
fn requester_show_reports_the_tier_and_the_usage_of_each_limit() {
    let env = with_config(r#"["3/10m", "5/1d"]"#, "");
    let first = env.now();
    let a = env.incident("carol", "one");
    let b = env.incident("carol", "two");
    let show = env.json("carol", &["requester", "show", "carol"]);
    assert_eq!(
        (&show["name"], &show["tier"], &show["known"], &show["tier_source"]),
        (
            &json!("carol"),
            &json!("standard"),
            &json!(false),
            &json!("default")
        )
    );
    assert_eq!(show["created_at"], Value::Null);
    assert_eq!(show["tier_description"], "Customers on the standard plan");
    assert_eq!(show["tier_defined"], true);
    assert_eq!(
        show["rate_limits"],
        json!([
            {"limit": "3/10m", "max": 3, "window_seconds": 600, "used": 2, "remaining": 1,
             "next_allowed_at": null},
            {"limit": "5/1d", "max": 5, "window_seconds": 86400, "used": 2, "remaining": 3,
             "next_allowed_at": null},
        ])
    );
    assert_eq!(show["rate_limited_until"], Value::Null);
    assert_eq!(show["allowed_types"], json!(["*"]));
    assert_eq!(
        (
            &show["priority_boost"],
            &show["priority_floor"],
            &show["sla_policy"]
        ),
        (&json!(0), &Value::Null, &Value::Null)
    );
    let human = env.ok("carol", &["requester", "show", "carol"]);
    mentions(
        &human,
        &[
            "carol  tier standard — Customers on the standard plan",
            "no requester record: the default tier",
            "3/10m: 2 used, 1 left",
            "5/1d: 2 used, 3 left",
            "sla policy   the ticket type's",
            "2 (2 open)",
        ],
    );

    // Used up: when the next submission is allowed.
    let c = env.incident("carol", "three");
    env.ok("admin", &["ticket", "close", &a.to_string()]);
    let next = rfc3339(first + Duration::minutes(10));
    let show = env.json("carol", &["requester", "show", "carol"]);
    assert_eq!(show["rate_limits"][0]["remaining"], 0);
    assert_eq!(show["rate_limits"][0]["next_allowed_at"], next.as_str());
    assert_eq!(show["rate_limits"][1]["next_allowed_at"], Value::Null);
    assert_eq!(show["rate_limited_until"], next.as_str());
    // Open tickets first.
    let ids: Vec<u64> = show["tickets"].as_array().unwrap().iter().map(id_of).collect();
    assert_eq!(ids, [b, c, a]);
    let human = env.ok("carol", &["requester", "show", "carol"]);
    mentions(
        &human,
        &[
            "3/10m: 3 used, 0 left; next submission allowed at",
            &next,
            "3 (2 open)",
        ],
    );
    let rows: Vec<&str> = human.lines().filter(|l| l.starts_with("    INC-")).collect();
    assert_eq!(rows.len(), 3, "{human}");
    mentions(rows[0], &["INC-2", "unclaimed", "incident", "two"]);
    mentions(rows[2], &["INC-1", "closed", "incident", "one"]);
    // The window rolls for show too.
    at(&env, first + Duration::minutes(10));
    let show = env.json("carol", &["requester", "show", "carol"]);
    assert_eq!(
        (&show["rate_limits"][0]["used"], &show["rate_limited_until"]),
        (&json!(2), &Value::Null)
    );
}

#[test]
fn requester_show_explains_each_tier_rule() {
    let env = TestEnv::with_examples();
    env.ok("bob", &["requester", "add", "vera", "--tier", "vip"]);
    env.ok("bob", &["requester", "add", "erik", "--tier", "enterprise"]);
    let vera = env.json("vera", &["requester", "show", "vera"]);
    assert_eq!(
        (
            &vera["known"],
            &vera["tier_source"],
            &vera["priority_boost"],
            &vera["sla_policy"]
        ),
        (&json!(true), &json!("record"), &json!(1), &json!("vip"))
    );
    assert!(vera["created_at"].is_string());
    assert_eq!(vera["tickets"], json!([]));
    mentions(
        &env.ok("vera", &["requester", "show", "vera"]),
        &[
            "tier vip — VIP customers",
            "50/1h: 0 used, 50 left",
            "raised 1 step",
        ],
    );
    let erik = env.json("erik", &["requester", "show", "erik"]);
    assert_eq!(
        (&erik["priority_floor"], &erik["rate_limits"]),
        (&json!("normal"), &json!([]))
    );
    mentions(
        &env.ok("erik", &["requester", "show", "erik"]),
        &["rate limits  none", "at least normal"],
    );
    // An agent without a record: the agents' tier, even before filing anything.
    let bob = env.json("dave", &["requester", "show", "bob"]);
    assert_eq!(
        (&bob["tier"], &bob["tier_source"], &bob["known"]),
        (&json!("internal"), &json!("agent"), &json!(false))
    );
    assert_eq!(
        bob["allowed_types"],
        json!(["incident", "access-request", "ci-failure"])
    );
    mentions(
        &env.ok("dave", &["requester", "show", "bob"]),
        &[
            "the agents' tier",
            "types        incident, access-request, ci-failure",
        ],
    );
}

#[test]
fn requester_show_of_someone_never_seen_is_not_found() {
    let env = TestEnv::with_examples();
    env.ok("bob", &["requester", "add", "vera", "--tier", "vip"]);
    let stderr = env.fails("bob", &["requester", "show", "nobody"], 3);
    mentions(
        &stderr,
        &["`nobody` not found", "desk requester add nobody", "standard"],
    );
    // To a requester, someone else is refused whether or not they exist.
    env.fails("carol", &["requester", "show", "nobody"], 4);
    let stderr = env.fails("bob", &["requester", "show", "verra"], 3);
    mentions(&stderr, &["did you mean `vera`?"]);
    // Once they file, they exist (default tier).
    env.incident("nobody", "hello");
    assert_eq!(
        env.json("bob", &["requester", "show", "nobody"])["tier"],
        "standard"
    );
    env.fails("bob", &["requester", "show", "bad name!"], 5);
}

#[test]
fn requester_show_of_a_tier_the_config_does_not_define() {
    // A requester keeps the tier they were given after the config drops it: it then
    // restricts nothing, and `requester show` says so.
    let env = TestEnv::with_examples();
    let config = env.home().join("config.toml");
    let original = std::fs::read_to_string(&config).unwrap();
    std::fs::write(
        &config,
        format!("{original}\n[tiers.gold]\nrate_limits = [\"1/1h\"]\n"),
    )
    .unwrap();
    env.ok("bob", &["requester", "add", "carol", "--tier", "gold"]);
    std::fs::write(&config, original).unwrap();
    env.incident("carol", "hi");
    env.incident("carol", "no limit applies any more");
    let show = env.json("carol", &["requester", "show", "carol"]);
    assert_eq!(
        (
            &show["tier"],
            &show["tier_defined"],
            &show["allowed_types"],
            &show["rate_limits"]
        ),
        (&json!("gold"), &json!(false), &json!(["*"]), &json!([]))
    );
    mentions(
        &env.ok("carol", &["requester", "show", "carol"]),
        &["does not define this tier"],
    );
}

#[test]
fn requester_add_refuses_an_unknown_tier() {
    let env = TestEnv::with_examples();
    let stderr = env.fails("bob", &["requester", "add", "vera", "--tier", "vipp"], 5);
    mentions(
        &stderr,
        &[
            "unknown tier `vipp`",
            "did you mean `vip`?",
            "enterprise, internal, standard, vip",
        ],
    );
    env.fails("bob", &["requester", "add", "vera", "--tier", "bad tier"], 5);
    env.fails("bob", &["requester", "set", "vera", "--tier", "gold"], 5);
    assert_eq!(env.json("bob", &["requester", "list"]), json!([]));
}

#[test]
fn re_adding_a_requester_never_resets_their_tier() {
    let env = TestEnv::with_examples();
    env.ok("bob", &["requester", "add", "carol", "--tier", "vip"]);
    let stderr = env.fails("bob", &["requester", "add", "carol"], 6);
    mentions(
        &stderr,
        &[
            "`carol` already exists (tier vip)",
            "desk requester set carol --tier",
        ],
    );
    env.fails("bob", &["requester", "add", "carol", "--tier", "vip"], 6);
    assert_eq!(env.json("bob", &["requester", "show", "carol"])["tier"], "vip");

    // `set` changes the tier, and says from what.
    let out = env.ok("bob", &["requester", "set", "carol", "--tier", "enterprise"]);
    assert_eq!(out, "Updated requester carol: tier vip → enterprise\n");
    let out = env.json("bob", &["requester", "set", "carol", "--tier", "enterprise"]);
    assert_eq!(
        (&out["name"], &out["tier"]),
        (&json!("carol"), &json!("enterprise"))
    );
    mentions(
        &env.ok("bob", &["requester", "set", "carol", "--tier", "enterprise"]),
        &["unchanged"],
    );
    // `add --tier` on an existing requester changes it too (explicitly, never by default).
    let out = env.ok("bob", &["requester", "add", "carol", "--tier", "standard"]);
    assert_eq!(out, "Updated requester carol: tier enterprise → standard\n");

    // set: only for requesters with a record, and only by agents.
    let stderr = env.fails("bob", &["requester", "set", "zoe", "--tier", "vip"], 3);
    mentions(&stderr, &["`zoe` not found", "desk requester add zoe --tier vip"]);
    let stderr = env.fails("carol", &["requester", "set", "carol", "--tier", "vip"], 4);
    mentions(&stderr, &["only agents manage requesters"]);
    assert_eq!(
        env.json("bob", &["requester", "show", "carol"])["tier"],
        "standard"
    );
}

#[test]
fn a_dedup_key_held_by_another_type_is_a_conflict() {
    let env = TestEnv::with_examples();
    let ci = env.json(
        "bob",
        &[
            "ticket",
            "new",
            "--type",
            "ci-failure",
            "--title",
            "red",
            "-f",
            "repo=a/b",
            "-f",
            "job=t",
            "--dedup-key",
            "k",
        ],
    );
    let stderr = env.fails(
        "bob",
        &[
            "ticket",
            "new",
            "--type",
            "incident",
            "--title",
            "x",
            "-f",
            "service=api",
            "--dedup-key",
            "k",
        ],
        6,
    );
    assert!(stderr.contains("held by open ci-failure ticket CI-1"), "{stderr}");
    assert_eq!(env.show(ci["id"].as_u64().unwrap())["occurrences"], 1);
    assert_eq!(env.all_tickets().len(), 1);
}

#[test]
fn a_misspelt_default_tier_is_a_config_error_not_a_lifted_limit() {
    let env = TestEnv::with_examples();
    let path = env.home().join("config.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace("default_tier = \"standard\"", "default_tier = \"standrd\""),
    )
    .unwrap();
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
            "service=a",
        ],
        5,
    );
    assert!(stderr.contains("no tier `standrd` is defined"), "{stderr}");
    assert!(stderr.contains("config.toml:"), "located: {stderr}");
    assert!(env.all_tickets().is_empty());
}
