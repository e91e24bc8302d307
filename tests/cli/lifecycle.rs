//! The work-order lifecycle through the real binary: both workflows end to end, reopen,
//! transfer and assign, comments, the event log, and every illegal move in every state
//! (exit 6, the message names the state and the legal moves, nothing is written).

use chrono::{DateTime, Utc};
use serde_json::Value;

use crate::common::{kinds, TestEnv};

fn time(value: &Value) -> DateTime<Utc> {
    let text = value.as_str().unwrap_or_else(|| panic!("not a time: {value}"));
    DateTime::parse_from_rfc3339(text)
        .unwrap_or_else(|e| panic!("`{text}` is not RFC 3339: {e}"))
        .with_timezone(&Utc)
}

fn complaint(env: &TestEnv, requester: &str, title: &str) -> u64 {
    let v = env.json(
        requester,
        &["ticket", "new", "--type", "customer-complaint", "--title", title],
    );
    v["id"].as_u64().expect("id")
}

#[test]
fn internal_workflow_claim_reply_requester_reply_reply_confirm() {
    let env = TestEnv::with_examples();
    let id = env.incident("carol", "checkout is down");
    let n = id.to_string();
    let n = n.as_str();
    let created = env.show(id);
    assert_eq!(created["status"], "unclaimed");
    assert_eq!(created["assignee"], Value::Null);
    assert_eq!(created["workflow"], "internal");

    let mut times = vec![time(&created["created_at"])];
    let mut step = |user: &str, args: &[&str], status: &str| {
        times.push(env.now());
        let t = env.json(user, args);
        assert_eq!(t["status"], status, "after {args:?} as {user}: {t}");
        assert_eq!(t["id"], id);
        t
    };
    let t = step("bob", &["ticket", "claim", n], "pending");
    assert_eq!(t["assignee"], "bob");
    step(
        "bob",
        &["ticket", "reply", n, "-m", "restarted the pods"],
        "awaiting",
    );
    step("carol", &["ticket", "reply", n, "-m", "still failing"], "pending");
    step(
        "bob",
        &["ticket", "reply", n, "-m", "rolled back the deploy"],
        "awaiting",
    );
    let closed_at = env.now();
    let t = step("carol", &["ticket", "confirm", n], "closed");
    assert_eq!(t["assignee"], "bob", "closing keeps the handler");
    assert_eq!(time(&t["closed_at"]), closed_at);

    let events = env.events(id);
    assert_eq!(
        kinds(&events),
        ["created", "claimed", "replied", "replied", "replied", "confirmed"]
    );
    let actors: Vec<&str> = events.iter().map(|e| e["actor"].as_str().unwrap()).collect();
    assert_eq!(actors, ["carol", "bob", "bob", "carol", "bob", "carol"]);
    let at: Vec<DateTime<Utc>> = events.iter().map(|e| time(&e["at"])).collect();
    assert_eq!(at, times, "each event carries the time of its command");
    let sides: Vec<&Value> = events.iter().map(|e| &e["side"]).collect();
    assert_eq!(sides[2], "handler");
    assert_eq!(sides[3], "requester");
    assert_eq!(sides[4], "handler");
    let moves: Vec<(Value, Value)> = events
        .iter()
        .map(|e| (e["from_status"].clone(), e["to_status"].clone()))
        .collect();
    assert_eq!(moves[1], ("unclaimed".into(), "pending".into()));
    assert_eq!(moves[2], ("pending".into(), "awaiting".into()));
    assert_eq!(moves[3], ("awaiting".into(), "pending".into()));
    assert_eq!(moves[5], ("awaiting".into(), "closed".into()));
    assert_eq!(events[3]["message"], "still failing");
}

#[test]
fn customer_workflow_handler_closes_after_a_reply_and_the_requester_rates() {
    let env = TestEnv::with_examples();
    let id = complaint(&env, "carol", "charged twice");
    let n = id.to_string();
    let n = n.as_str();
    assert_eq!(env.show(id)["workflow"], "customer");
    env.ok("bob", &["ticket", "claim", n]);
    env.ok("bob", &["ticket", "reply", n, "-m", "refund issued"]);
    let t = env.json("bob", &["ticket", "close", n]);
    assert_eq!(t["status"], "closed");
    assert_eq!(t["rating"], Value::Null);

    let t = env.json("carol", &["ticket", "rate", n, "--score", "4", "-m", "quick"]);
    assert_eq!(t["rating"], 4);
    assert_eq!(t["status"], "closed", "rating does not move the ticket");
    let t = env.json("carol", &["ticket", "rate", n, "--score", "2"]);
    assert_eq!(t["rating"], 2, "a second rating replaces the first");
    assert_eq!(env.show(id)["rating"], 2);

    let events = env.events(id);
    assert_eq!(
        kinds(&events),
        ["created", "claimed", "replied", "closed", "rated", "rated"]
    );
    assert_eq!(events[3]["actor"], "bob");
    assert_eq!(
        (&events[4]["score"], &events[4]["message"]),
        (&Value::from(4), &Value::from("quick"))
    );
    assert_eq!(events[5]["score"], 2);
    assert_eq!(events[5]["actor"], "carol");
}

#[test]
fn reopen_returns_to_the_handler_when_owned() {
    let env = TestEnv::with_examples();
    let id = env.incident("carol", "vpn drops");
    let n = id.to_string();
    let n = n.as_str();
    env.ok("bob", &["ticket", "claim", n]);
    env.ok("bob", &["ticket", "reply", n, "-m", "fixed"]);
    env.ok("carol", &["ticket", "confirm", n]);
    let t = env.json("carol", &["ticket", "reopen", n]);
    assert_eq!(t["status"], "pending");
    assert_eq!(t["assignee"], "bob");
    assert_eq!(t["closed_at"], Value::Null);
    let events = env.events(id);
    let last = events.last().unwrap();
    assert_eq!(last["kind"], "reopened");
    assert_eq!(
        (&last["from_status"], &last["to_status"]),
        (&"closed".into(), &"pending".into())
    );
    // The handler can carry on from there.
    assert_eq!(
        env.json("bob", &["ticket", "reply", n, "-m", "again"])["status"],
        "awaiting"
    );
}

#[test]
fn reopen_returns_to_the_queue_when_never_owned() {
    let env = TestEnv::with_examples();
    let id = env.incident("carol", "duplicate report");
    let n = id.to_string();
    let n = n.as_str();
    assert_eq!(env.json("admin", &["ticket", "close", n])["status"], "closed");
    let t = env.json("carol", &["ticket", "reopen", n]);
    assert_eq!(t["status"], "unclaimed");
    assert_eq!(t["assignee"], Value::Null);
    assert_eq!(t["closed_at"], Value::Null);
    // Back in the queue: an agent can claim it again.
    assert_eq!(env.json("erin", &["ticket", "claim", n])["assignee"], "erin");
}

#[test]
fn lead_assigns_and_handlers_transfer() {
    let env = TestEnv::with_examples();
    let id = env.incident("carol", "disk full");
    let n = id.to_string();
    let n = n.as_str();
    let t = env.json("dave", &["ticket", "assign", n, "--to", "erin"]);
    assert_eq!(
        (&t["status"], &t["assignee"]),
        (&"pending".into(), &"erin".into())
    );

    // The handler hands it on; the state stays.
    let t = env.json("erin", &["ticket", "transfer", n, "--to", "bob"]);
    assert_eq!((&t["status"], &t["assignee"]), (&"pending".into(), &"bob".into()));
    env.ok("bob", &["ticket", "reply", n, "-m", "looking"]);
    // A lead moves an awaiting ticket without changing its state.
    let t = env.json("dave", &["ticket", "transfer", n, "--to", "erin"]);
    assert_eq!(
        (&t["status"], &t["assignee"]),
        (&"awaiting".into(), &"erin".into())
    );
    // The new handler may now reply; the old one may not.
    env.fails("bob", &["ticket", "reply", n, "-m", "me again"], 4);
    env.ok("erin", &["ticket", "reply", n, "-m", "taking over"]);

    let events = env.events(id);
    assert_eq!(
        kinds(&events),
        [
            "created",
            "assigned",
            "transferred",
            "replied",
            "transferred",
            "replied"
        ]
    );
    assert_eq!(
        (&events[1]["actor"], &events[1]["assignee"]),
        (&"dave".into(), &"erin".into())
    );
    assert_eq!(events[2]["previous_assignee"], "erin");
    assert_eq!(events[2]["assignee"], "bob");
    assert_eq!(events[4]["previous_assignee"], "bob");
    assert_eq!(
        events[4]["to_status"],
        Value::Null,
        "a transfer of an awaiting ticket is not a state change"
    );

    // Assigning to whoever already has it is refused and writes nothing.
    let before = env.snapshot(id);
    env.fails("dave", &["ticket", "assign", n, "--to", "erin"], 5);
    // An unknown agent is not found.
    env.fails("dave", &["ticket", "transfer", n, "--to", "nobody"], 3);
    assert_eq!(env.snapshot(id), before);
}

#[test]
fn comments_never_change_the_state() {
    let env = TestEnv::with_examples();
    let id = env.incident("carol", "slow queries");
    let n = id.to_string();
    let n = n.as_str();
    let mut expected = vec!["created"];
    let comment_in = |state: &str, expected: &mut Vec<&str>| {
        let before = env.show(id);
        assert_eq!(before["status"], state);
        let after = env.json(
            "erin",
            &["ticket", "comment", n, "-m", &format!("note while {state}")],
        );
        assert_eq!(after["status"], before["status"]);
        assert_eq!(after["assignee"], before["assignee"]);
        assert_eq!(after["closed_at"], before["closed_at"]);
        expected.push("commented");
    };
    comment_in("unclaimed", &mut expected);
    env.ok("bob", &["ticket", "claim", n]);
    expected.push("claimed");
    comment_in("pending", &mut expected);
    env.ok("bob", &["ticket", "reply", n, "-m", "added an index"]);
    expected.push("replied");
    comment_in("awaiting", &mut expected);
    env.ok("carol", &["ticket", "confirm", n]);
    expected.push("confirmed");
    comment_in("closed", &mut expected);

    let events = env.events(id);
    assert_eq!(kinds(&events), expected);
    for event in events.iter().filter(|e| e["kind"] == "commented") {
        assert_eq!(event["actor"], "erin");
        assert_eq!(event["from_status"], Value::Null);
        assert_eq!(event["to_status"], Value::Null);
        assert!(event["message"].as_str().unwrap().starts_with("note while"));
    }
}

#[test]
fn the_log_shows_every_event_in_order_in_every_output_mode() {
    let env = TestEnv::with_examples();
    let id = env.incident("carol", "cert expiring");
    let n = id.to_string();
    let n = n.as_str();
    let script: [(&str, &[&str]); 6] = [
        ("bob", &["ticket", "claim", n]),
        ("erin", &["ticket", "comment", n, "-m", "renewal is in the vault"]),
        ("dave", &["ticket", "transfer", n, "--to", "erin"]),
        ("erin", &["ticket", "reply", n, "-m", "renewed"]),
        ("carol", &["ticket", "confirm", n]),
        ("carol", &["ticket", "reopen", n]),
    ];
    let mut expected_at = vec![time(&env.show(id)["created_at"])];
    for (user, args) in script {
        expected_at.push(env.now());
        env.ok(user, args);
    }

    let events = env.events(id);
    assert_eq!(
        kinds(&events),
        [
            "created",
            "claimed",
            "commented",
            "transferred",
            "replied",
            "confirmed",
            "reopened"
        ]
    );
    let actors: Vec<&str> = events.iter().map(|e| e["actor"].as_str().unwrap()).collect();
    assert_eq!(actors, ["carol", "bob", "erin", "dave", "erin", "carol", "carol"]);
    let at: Vec<DateTime<Utc>> = events.iter().map(|e| time(&e["at"])).collect();
    assert_eq!(at, expected_at);
    let seqs: Vec<u64> = events.iter().map(|e| e["seq"].as_u64().unwrap()).collect();
    assert_eq!(seqs, (0..7).collect::<Vec<_>>());

    // `ticket show --json` carries the same history.
    let shown = env.show(id);
    assert_eq!(shown["events"].as_array().unwrap(), &events);

    // Piped, the human log is one tab-separated line per event: time, kind, actor, detail.
    let text = env.ok("admin", &["ticket", "log", n]);
    let rows: Vec<Vec<&str>> = text.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), 7, "{text}");
    for (row, event) in rows.iter().zip(&events) {
        assert_eq!(row[1], event["kind"], "{text}");
        assert_eq!(row[2], event["actor"], "{text}");
    }
    // -q gives the sequence numbers.
    assert_eq!(
        env.ok("admin", &["ticket", "log", n, "-q"]),
        "0\n1\n2\n3\n4\n5\n6\n"
    );
}

/// The arguments for `verb` on ticket `n`, valid in every other respect.
fn move_args<'a>(verb: &'a str, n: &'a str) -> Vec<&'a str> {
    let mut args = vec!["ticket", verb, n];
    match verb {
        "reply" | "comment" => args.extend(["-m", "hello"]),
        "assign" | "transfer" => args.extend(["--to", "erin"]),
        "rate" => args.extend(["--score", "3"]),
        _ => {}
    }
    args
}

const ALL_MOVES: [&str; 9] = [
    "claim", "assign", "transfer", "reply", "comment", "confirm", "close", "reopen", "rate",
];

/// `legal_moves` in src/domain/lifecycle.rs, restated from the lifecycle table in docs/tickets.md.
fn legal(state: &str) -> &'static [&'static str] {
    match state {
        "unclaimed" => &["claim", "assign", "reply", "comment", "close"],
        "pending" => &["reply", "comment", "transfer", "assign", "close"],
        "awaiting" => &["reply", "confirm", "comment", "transfer", "assign", "close"],
        "closed" => &["reopen", "rate", "comment"],
        _ => unreachable!(),
    }
}

#[test]
fn every_illegal_move_in_every_state_is_a_conflict_that_writes_nothing() {
    let env = TestEnv::with_examples();
    let unclaimed = env.incident("carol", "one");
    let pending = env.incident("carol", "two");
    env.ok("bob", &["ticket", "claim", &pending.to_string()]);
    let awaiting = env.incident("carol", "three");
    env.ok("bob", &["ticket", "claim", &awaiting.to_string()]);
    env.ok("bob", &["ticket", "reply", &awaiting.to_string(), "-m", "done?"]);
    let closed = env.incident("carol", "four");
    env.ok("bob", &["ticket", "claim", &closed.to_string()]);
    env.ok("bob", &["ticket", "reply", &closed.to_string(), "-m", "done"]);
    env.ok("carol", &["ticket", "confirm", &closed.to_string()]);

    let mut checked = 0;
    for (id, state) in [
        (unclaimed, "unclaimed"),
        (pending, "pending"),
        (awaiting, "awaiting"),
        (closed, "closed"),
    ] {
        let n = id.to_string();
        let before = env.snapshot(id);
        assert_eq!(env.status(id), state);
        for verb in ALL_MOVES.iter().filter(|v| !legal(state).contains(v)) {
            // As the admin, whom no role rule stops: only the state can refuse.
            let stderr = env.fails("admin", &move_args(verb, &n), 6);
            let first = stderr.lines().next().unwrap_or_default();
            assert!(
                first.contains(&format!("cannot {verb}")),
                "{verb} in {state}: {stderr}"
            );
            assert!(
                first.contains(&format!("it is {state}")),
                "{verb} in {state} names the state: {stderr}"
            );
            let moves = format!("legal moves: {}", legal(state).join(", "));
            assert!(
                first.contains(&moves),
                "{verb} in {state} lists `{moves}`: {stderr}"
            );
            checked += 1;
        }
        assert_eq!(
            env.snapshot(id),
            before,
            "illegal moves in {state} wrote something"
        );
    }
    assert_eq!(checked, 4 + 4 + 3 + 6);

    // The state is checked before who is acting: a requester confirming an unclaimed
    // ticket is told about the state, not about permissions.
    let stderr = env.fails("carol", &["ticket", "confirm", &unclaimed.to_string()], 6);
    assert!(stderr.contains("unclaimed"), "{stderr}");
    // Prefixed ids name the ticket the way people write it.
    let stderr = env.fails("admin", &["ticket", "claim", &format!("INC-{closed}")], 6);
    assert!(stderr.contains(&format!("INC-{closed}")), "{stderr}");
}

#[test]
fn transfer_and_assign_record_their_reason() {
    let env = TestEnv::with_examples();
    let id = env.incident("carol", "db slow").to_string();
    env.ok(
        "dave",
        &["ticket", "assign", &id, "--to", "bob", "-m", "bob knows the db"],
    );
    env.ok(
        "bob",
        &[
            "ticket",
            "transfer",
            &id,
            "--to",
            "erin",
            "-m",
            "on leave tomorrow",
        ],
    );
    let events = env.events(id.parse().unwrap());
    let reasons: Vec<&str> = events.iter().filter_map(|e| e["message"].as_str()).collect();
    assert_eq!(reasons, ["bob knows the db", "on leave tomorrow"]);
    assert!(env
        .ok("admin", &["ticket", "log", &id])
        .contains("on leave tomorrow"));
    // An empty reason is refused and writes nothing.
    let before = env.snapshot(id.parse().unwrap());
    env.fails("erin", &["ticket", "transfer", &id, "--to", "bob", "-m", " "], 5);
    assert_eq!(env.snapshot(id.parse().unwrap()), before);
}
