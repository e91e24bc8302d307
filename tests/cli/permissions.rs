//! Role and workflow rules: every refusal exits 4, names the rule, and writes nothing.

use serde_json::Value;

use crate::common::TestEnv;

/// Assert `stderr` is a permission error whose first line contains every one of `words`.
#[track_caller]
fn names_rule(stderr: &str, words: &[&str]) {
    let first = stderr.lines().next().unwrap_or_default();
    assert!(
        first.contains("permission denied"),
        "not a permission error: {stderr}"
    );
    for word in words {
        assert!(first.contains(word), "the rule should mention `{word}`: {stderr}");
    }
}

/// File an incident as carol and let bob claim it; returns its id as text.
fn claimed_by_bob(env: &TestEnv, title: &str) -> (u64, String) {
    let id = env.incident("carol", title);
    env.ok("bob", &["ticket", "claim", &id.to_string()]);
    (id, id.to_string())
}

fn complaint(env: &TestEnv, requester: &str) -> (u64, String) {
    let v = env.json(
        requester,
        &[
            "ticket",
            "new",
            "--type",
            "customer-complaint",
            "--title",
            "late delivery",
        ],
    );
    let id = v["id"].as_u64().unwrap();
    (id, id.to_string())
}

#[test]
fn only_agents_claim() {
    let env = TestEnv::with_examples();
    let id = env.incident("carol", "printer jam");
    let before = env.snapshot(id);
    // frank may not even see carol's ticket; the refusal does not say whose it is.
    let stderr = env.fails("frank", &["ticket", "claim", &id.to_string()], 4);
    names_rule(&stderr, &["not one of yours"]);
    // Not even the requester may take their own ticket.
    env.fails("carol", &["ticket", "claim", &id.to_string()], 4);
    assert_eq!(env.snapshot(id), before);
}

#[test]
fn handlers_cannot_close_internal_tickets_the_requester_confirms() {
    let env = TestEnv::with_examples();
    let (id, n) = claimed_by_bob(&env, "dns flaps");
    env.ok("bob", &["ticket", "reply", &n, "-m", "fixed the resolver"]);
    let before = env.snapshot(id);
    let stderr = env.fails("bob", &["ticket", "close", &n], 4);
    names_rule(&stderr, &["internal workflow", "confirm"]);
    // A lead is not an admin either.
    names_rule(
        &env.fails("dave", &["ticket", "close", &n], 4),
        &["internal workflow"],
    );
    // Nor may the handler confirm on the requester's behalf.
    names_rule(
        &env.fails("bob", &["ticket", "confirm", &n], 4),
        &["only the requester (carol)"],
    );
    assert_eq!(env.snapshot(id), before);
    // The requester confirms; an admin could have closed.
    assert_eq!(env.json("carol", &["ticket", "confirm", &n])["status"], "closed");
}

#[test]
fn customer_handler_closes_only_after_replying() {
    let env = TestEnv::with_examples();
    let (id, n) = complaint(&env, "carol");
    env.ok("bob", &["ticket", "claim", &n]);
    let before = env.snapshot(id);
    let stderr = env.fails("bob", &["ticket", "close", &n], 4);
    names_rule(&stderr, &["customer workflow", "after replying"]);
    assert_eq!(env.snapshot(id), before);

    env.ok("bob", &["ticket", "reply", &n, "-m", "sorry, shipped today"]);
    let before = env.snapshot(id);
    // Another agent may not close it, nor may the requester.
    names_rule(
        &env.fails("erin", &["ticket", "close", &n], 4),
        &["customer workflow", "only the handler"],
    );
    names_rule(
        &env.fails("carol", &["ticket", "close", &n], 4),
        &["customer workflow"],
    );
    assert_eq!(env.snapshot(id), before);
    assert_eq!(env.json("bob", &["ticket", "close", &n])["status"], "closed");
    // Only the requester rates.
    let before = env.snapshot(id);
    names_rule(
        &env.fails("bob", &["ticket", "rate", &n, "--score", "5"], 4),
        &["only the requester (carol) rates"],
    );
    assert_eq!(env.snapshot(id), before);
}

#[test]
fn only_customer_workflow_tickets_are_rated() {
    let env = TestEnv::with_examples();
    let (id, n) = claimed_by_bob(&env, "vpn drops");
    env.ok("bob", &["ticket", "reply", &n, "-m", "new profile pushed"]);
    env.ok("carol", &["ticket", "confirm", &n]);
    let before = env.snapshot(id);
    // Closed, and rated by its own requester: the workflow still says no, in one line.
    let stderr = env.fails("carol", &["ticket", "rate", &n, "--score", "5"], 4);
    names_rule(&stderr, &["internal workflow", "customer-workflow", "incident"]);
    assert_eq!(
        stderr.lines().next(),
        Some(stderr.trim_end()),
        "one line: {stderr}"
    );
    // Not even an admin rates an internal ticket.
    env.fails("admin", &["ticket", "rate", &n, "--score", "3"], 4);
    assert_eq!(env.snapshot(id), before);
    assert_eq!(env.show(id)["rating"], Value::Null);
}

#[test]
fn only_the_handler_or_the_requester_replies() {
    let env = TestEnv::with_examples();
    let (id, n) = claimed_by_bob(&env, "backup failed");
    let before = env.snapshot(id);
    let stderr = env.fails("erin", &["ticket", "reply", &n, "-m", "I know this one"], 4);
    names_rule(
        &stderr,
        &["only the handler (bob)", "requester (carol)", "comment"],
    );
    env.fails("frank", &["ticket", "reply", &n, "-m", "me too"], 4);
    assert_eq!(env.snapshot(id), before);

    // An unclaimed ticket: an agent must claim before replying.
    let id = env.incident("carol", "another one");
    let before = env.snapshot(id);
    let stderr = env.fails("bob", &["ticket", "reply", &id.to_string(), "-m", "hi"], 4);
    names_rule(&stderr, &["claim it first"]);
    assert_eq!(env.snapshot(id), before);
}

#[test]
fn requesters_do_not_comment() {
    let env = TestEnv::with_examples();
    let (id, n) = claimed_by_bob(&env, "laptop broken");
    let before = env.snapshot(id);
    let stderr = env.fails("carol", &["ticket", "comment", &n, "-m", "any news?"], 4);
    names_rule(&stderr, &["internal notes", "reply"]);
    assert_eq!(env.snapshot(id), before);
}

#[test]
fn only_leads_and_admins_assign_and_only_the_handler_transfers() {
    let env = TestEnv::with_examples();
    let id = env.incident("carol", "queue backlog");
    let n = id.to_string();
    let before = env.snapshot(id);
    let stderr = env.fails("bob", &["ticket", "assign", &n, "--to", "erin"], 4);
    names_rule(&stderr, &["only leads and admins assign"]);
    // Not even to themselves: agents claim.
    env.fails("bob", &["ticket", "assign", &n, "--to", "bob"], 4);
    env.fails("carol", &["ticket", "assign", &n, "--to", "bob"], 4);
    assert_eq!(env.snapshot(id), before);

    env.ok("erin", &["ticket", "claim", &n]);
    let before = env.snapshot(id);
    let stderr = env.fails("bob", &["ticket", "transfer", &n, "--to", "bob"], 4);
    names_rule(&stderr, &["only the handler, a lead or an admin may transfer"]);
    env.fails("carol", &["ticket", "transfer", &n, "--to", "bob"], 4);
    assert_eq!(env.snapshot(id), before);
    // Reopening is for the requester, the handler, leads and admins: not other agents.
    env.ok("admin", &["ticket", "close", &n]);
    let before = env.snapshot(id);
    names_rule(&env.fails("bob", &["ticket", "reopen", &n], 4), &["reopen"]);
    assert_eq!(env.snapshot(id), before);
}

#[test]
fn only_admins_add_and_change_agents() {
    let env = TestEnv::with_examples();
    let before = env.json("admin", &["agent", "list"]);
    for user in ["bob", "dave", "carol"] {
        let stderr = env.fails(user, &["agent", "add", "mallory", "--role", "admin"], 4);
        names_rule(&stderr, &["only admins add agents", user]);
        let stderr = env.fails(user, &["agent", "set", "erin", "--capacity", "1"], 4);
        names_rule(&stderr, &["only admins change agents"]);
    }
    // Promoting yourself is changing an agent too.
    env.fails("bob", &["agent", "set", "bob", "--role", "admin"], 4);
    assert_eq!(env.json("admin", &["agent", "list"]), before);
    env.fails("admin", &["agent", "show", "mallory"], 3);
}

#[test]
fn agents_set_their_own_status_and_leads_anyones() {
    let env = TestEnv::with_examples();
    let stderr = env.fails("bob", &["agent", "status", "erin", "offline"], 4);
    names_rule(&stderr, &["own status"]);
    env.fails("carol", &["agent", "status", "erin", "offline"], 4);
    assert_eq!(env.json("admin", &["agent", "show", "erin"])["status"], "online");

    assert_eq!(
        env.json("bob", &["agent", "status", "bob", "busy"])["status"],
        "busy"
    );
    assert_eq!(
        env.json("dave", &["agent", "status", "erin", "offline"])["status"],
        "offline"
    );
    assert_eq!(env.json("admin", &["agent", "show", "bob"])["status"], "busy");
}

#[test]
fn only_agents_file_on_behalf_of_someone_else() {
    let env = TestEnv::with_examples();
    let args = [
        "ticket",
        "new",
        "--type",
        "incident",
        "--title",
        "for a friend",
        "-f",
        "service=api",
        "--requester",
        "frank",
    ];
    let stderr = env.fails("carol", &args, 4);
    names_rule(&stderr, &["on behalf", "carol"]);
    assert!(env.all_tickets().is_empty(), "a refused ticket was created");
    // Naming yourself is fine.
    let mine = [
        "ticket",
        "new",
        "--type",
        "incident",
        "--title",
        "mine",
        "-f",
        "service=api",
        "--requester",
        "carol",
    ];
    let t = env.json("carol", &mine);
    assert_eq!(
        (&t["id"], &t["requester"]),
        (&1.into(), &"carol".into()),
        "the refusal used no ticket id"
    );
    // An agent may.
    let t = env.json("bob", &args);
    assert_eq!(t["requester"], "frank");
    assert_eq!(
        env.events(t["id"].as_u64().unwrap())[0]["actor"],
        "bob",
        "the event records who filed it"
    );
}

#[test]
fn a_type_is_open_only_to_the_tiers_its_template_allows() {
    let env = TestEnv::with_examples();
    env.ok("bob", &["requester", "add", "ivan", "--tier", "internal"]);
    env.ok("bob", &["requester", "add", "vera", "--tier", "vip"]);
    let complaint = [
        "ticket",
        "new",
        "--type",
        "customer-complaint",
        "--title",
        "rude agent",
    ];
    let stderr = env.fails("ivan", &complaint, 4);
    names_rule(
        &stderr,
        &[
            "customer-complaint",
            "tier `internal`",
            "standard, vip, enterprise",
        ],
    );
    // Filing on their behalf does not get round it.
    let mut for_ivan = complaint.to_vec();
    for_ivan.extend(["--requester", "ivan"]);
    env.fails("bob", &for_ivan, 4);
    assert!(env.all_tickets().is_empty(), "a refused ticket was created");

    // Types open to every tier still work for ivan; vip and unknown (standard) users may complain.
    assert_eq!(
        env.incident("ivan", "vpn down"),
        1,
        "the refusals used no ticket id"
    );
    assert_eq!(env.json("vera", &complaint)["requester"], "vera");
    assert_eq!(env.json("carol", &complaint)["requester"], "carol");
    assert_eq!(env.all_tickets().len(), 3);
}

#[test]
fn only_agents_manage_requesters() {
    let env = TestEnv::with_examples();
    let stderr = env.fails("carol", &["requester", "add", "carol", "--tier", "enterprise"], 4);
    names_rule(&stderr, &["only agents manage requesters"]);
    assert_eq!(env.json("admin", &["requester", "list"]), Value::Array(vec![]));
}

#[test]
fn the_last_admin_cannot_be_demoted() {
    let env = TestEnv::with_examples();
    let stderr = env.fails("admin", &["agent", "set", "admin", "--role", "agent"], 4);
    names_rule(&stderr, &["last admin"]);
    assert_eq!(env.json("admin", &["agent", "show", "admin"])["role"], "admin");
    // With a second admin, the first may step down.
    env.ok("admin", &["agent", "set", "dave", "--role", "admin"]);
    assert_eq!(
        env.json("admin", &["agent", "set", "admin", "--role", "lead"])["role"],
        "lead"
    );
    // Now dave is the last one.
    env.fails("dave", &["agent", "set", "dave", "--role", "agent"], 4);
    assert_eq!(env.json("dave", &["agent", "show", "dave"])["role"], "admin");
}
