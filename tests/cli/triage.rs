//! Everyday triage: tags, watchers, links, merge, split and departments, through the real
//! binary. Every refusal checks its exit code and that nothing was written.

use serde_json::Value;

use crate::common::{kinds, TestEnv};

fn strings(value: &Value) -> Vec<&str> {
    value
        .as_array()
        .unwrap_or_else(|| panic!("not an array: {value}"))
        .iter()
        .map(|v| v.as_str().expect("string"))
        .collect()
}

fn ids(list: &Value) -> Vec<u64> {
    list.as_array()
        .expect("array")
        .iter()
        .map(|t| t["id"].as_u64().expect("id"))
        .collect()
}

fn ci(env: &TestEnv, requester: &str, title: &str, key: &str) -> u64 {
    env.json(
        requester,
        &[
            "ticket",
            "new",
            "-t",
            "ci-failure",
            "--title",
            title,
            "-f",
            "repo=shop",
            "-f",
            "job=test",
            "--dedup-key",
            key,
        ],
    )["id"]
        .as_u64()
        .expect("id")
}

fn append_config(env: &TestEnv, text: &str) {
    let path = env.home().join("config.toml");
    let mut config = std::fs::read_to_string(&path).expect("config");
    config.push_str(text);
    std::fs::write(&path, config).expect("write config");
}

#[test]
fn tags_are_added_removed_listed_and_recorded_once() {
    let env = TestEnv::with_examples();
    let id = env.incident("carol", "VPN down");
    let other = env.incident("carol", "Disk full");
    let out = env.ok(
        "bob",
        &["ticket", "tag", &id.to_string(), "+VPN", "network", "-absent"],
    );
    assert!(out.contains("tags: vpn, network"), "{out}");
    env.ok("bob", &["ticket", "tag", &id.to_string(), "vpn"]);
    env.ok("bob", &["ticket", "tag", &id.to_string(), "-network"]);
    let shown = env.show(id);
    assert_eq!(strings(&shown["tags"]), ["vpn"]);
    let log = env.events(id);
    assert_eq!(
        kinds(&log),
        ["created", "tagged", "tagged", "untagged"],
        "repeats add no event"
    );
    assert_eq!(ids(&env.json("bob", &["ticket", "list", "--tag", "vpn"])), [id]);
    assert_eq!(
        env.ok("bob", &["ticket", "list", "--tag", "VPN", "-q"]).trim(),
        id.to_string()
    );
    assert!(ids(&env.json("bob", &["ticket", "list", "--tag", "network"])).is_empty());
    // Removing the last tag drops it from the index too.
    env.ok("bob", &["ticket", "tag", &id.to_string(), "-vpn"]);
    assert!(ids(&env.json("bob", &["ticket", "list", "--tag", "vpn"])).is_empty());
    // Closed tickets keep their tags in `list --all --tag`.
    env.ok("bob", &["ticket", "tag", &other.to_string(), "disk"]);
    env.ok("admin", &["ticket", "close", &other.to_string()]);
    assert_eq!(
        ids(&env.json("bob", &["ticket", "list", "--all", "--tag", "disk"])),
        [other]
    );

    // Refusals write nothing.
    let before = env.snapshot(id);
    let bad = env.fails("bob", &["ticket", "tag", &id.to_string(), "a b"], 5);
    assert!(bad.contains("`a b` is not a tag"), "{bad}");
    env.fails("carol", &["ticket", "tag", &id.to_string(), "mine"], 4);
    env.fails("bob", &["ticket", "tag", "999", "x"], 3);
    assert_eq!(env.snapshot(id), before);
}

#[test]
fn templates_and_ticket_new_give_tags_and_reports_group_by_them() {
    let env = TestEnv::with_examples();
    env.write_template(
        "printer",
        "description = \"Printer trouble\"\nprefix = \"PRN\"\ntags = [\"hardware\", \"Office\"]\n",
    );
    let printer = env.json(
        "carol",
        &[
            "ticket",
            "new",
            "-t",
            "printer",
            "--title",
            "Jammed",
            "--tag",
            "floor3,hardware",
        ],
    );
    assert_eq!(strings(&printer["tags"]), ["hardware", "office", "floor3"]);
    env.incident("carol", "untagged one");
    let bad = env.fails(
        "carol",
        &["ticket", "new", "-t", "printer", "--title", "x", "--tag", "+no"],
        2,
    );
    assert!(bad.contains("cannot start with"), "{bad}");
    let report = env.json("admin", &["report", "--by", "tag", "--since", "1d"]);
    let group = |name: &str| {
        report["groups"]
            .as_array()
            .expect("groups")
            .iter()
            .find(|g| g["group"] == name)
            .unwrap_or_else(|| panic!("no group {name}: {report}"))
            .clone()
    };
    // Two tickets created: one counts in each of its three tags, one as untagged.
    assert_eq!(report["total"]["created"], 2, "{report}");
    for tag in ["hardware", "office", "floor3", "(untagged)"] {
        assert_eq!(group(tag)["created"], 1, "{tag}: {report}");
    }
    // A bad tag in a template is a located error.
    env.write_template("broken", "tags = [\"a b\"]\n");
    let err = env.fails("carol", &["ticket", "new", "-t", "broken", "--title", "x"], 5);
    assert!(err.contains("broken.toml") && err.contains("tags"), "{err}");
}

#[test]
fn watchers_follow_and_requester_watchers_may_read() {
    let env = TestEnv::with_examples();
    env.ok("admin", &["requester", "add", "frank", "--tier", "standard"]);
    let id = env.incident("carol", "VPN down");
    let ticket = id.to_string();
    // frank cannot see carol's ticket until carol copies him in.
    env.fails("frank", &["ticket", "show", &ticket], 4);
    env.fails("frank", &["ticket", "watch", &ticket], 4);
    let out = env.ok("carol", &["ticket", "watch", &ticket, "--user", "frank"]);
    assert!(out.contains("frank now watches"), "{out}");
    assert_eq!(env.json("frank", &["ticket", "show", &ticket])["id"], id);
    assert_eq!(ids(&env.json("frank", &["ticket", "list", "--watching"])), [id]);
    assert!(
        ids(&env.json("frank", &["ticket", "list"])).is_empty(),
        "not his own"
    );
    env.fails("frank", &["ticket", "list", "--watching", "carol"], 4);
    // Internal notes stay hidden from a watching requester.
    env.ok("bob", &["ticket", "comment", &ticket, "-m", "secret runbook"]);
    let seen = env.ok("frank", &["ticket", "log", &ticket]);
    assert!(!seen.contains("secret runbook"), "{seen}");
    // An agent follows for themselves; lists show it.
    env.ok("dave", &["ticket", "watch", &ticket]);
    assert_eq!(
        ids(&env.json("dave", &["ticket", "list", "--watching", "me"])),
        [id]
    );
    assert_eq!(strings(&env.show(id)["watchers"]), ["frank", "dave"]);
    let again = env.ok("dave", &["ticket", "watch", &ticket]);
    assert!(again.contains("already watch"), "{again}");
    env.ok("frank", &["ticket", "unwatch", &ticket]);
    env.fails("frank", &["ticket", "show", &ticket], 4);
    // Refusals: unknown person, the requester themselves, a requester adding others.
    let before = env.snapshot(id);
    env.fails("bob", &["ticket", "watch", &ticket, "--user", "nobody"], 3);
    env.fails("bob", &["ticket", "watch", &ticket, "--user", "carol"], 5);
    env.ok("admin", &["requester", "add", "gina", "--tier", "standard"]);
    let other = env.incident("gina", "gina's own");
    env.ok("gina", &["ticket", "watch", &other.to_string(), "--user", "dave"]);
    assert_eq!(env.snapshot(id), before);
    assert_eq!(
        kinds(&env.events(id)).iter().filter(|k| **k == "watched").count(),
        2
    );
}

#[test]
fn a_parent_waits_for_its_children_and_a_blocked_ticket_for_its_blocker() {
    let env = TestEnv::with_examples();
    let parent = env.incident("carol", "Outage").to_string();
    let child = env.incident("carol", "Restart db").to_string();
    let blocker = env.incident("carol", "Order disks").to_string();
    let out = env.ok("bob", &["ticket", "link", &parent, &child, "--kind", "parent"]);
    assert!(out.contains("is the parent of"), "{out}");
    env.ok("bob", &["ticket", "link", &blocker, &parent, "--kind", "blocks"]);
    let shown = env.show(parent.parse().unwrap());
    let links = shown["links"].as_array().expect("links");
    assert_eq!(links.len(), 2, "{shown}");
    assert_eq!(links[0]["kind"], "parent");
    assert_eq!(links[1]["kind"], "blocked-by");
    assert_eq!(env.show(child.parse().unwrap())["links"][0]["kind"], "child");
    let text = env.ok("bob", &["ticket", "show", &parent]);
    assert!(text.contains("is blocked by INC-3"), "{text}");

    let before = env.snapshot(parent.parse().unwrap());
    let refused = env.fails("admin", &["ticket", "close", &parent], 6);
    assert!(
        refused.contains("cannot close while INC-2, INC-3 are open"),
        "{refused}"
    );
    assert_eq!(env.snapshot(parent.parse().unwrap()), before, "nothing written");
    env.ok("admin", &["ticket", "close", &child]);
    env.fails("admin", &["ticket", "close", &parent], 6);
    env.ok("admin", &["ticket", "close", &blocker]);
    env.ok("admin", &["ticket", "close", &parent]);

    // Bad links: self, duplicate, second parent, loop; requesters may not link.
    let a = env.incident("carol", "a").to_string();
    let b = env.incident("carol", "b").to_string();
    let c = env.incident("carol", "c").to_string();
    env.fails("bob", &["ticket", "link", &a, &a], 5);
    env.ok("bob", &["ticket", "link", &a, &b, "--kind", "parent"]);
    env.fails("bob", &["ticket", "link", &b, &a], 6);
    env.fails("bob", &["ticket", "link", &c, &b, "--kind", "parent"], 6);
    env.ok("bob", &["ticket", "link", &b, &c, "--kind", "parent"]);
    let looped = env.fails("bob", &["ticket", "link", &c, &a, "--kind", "parent"], 6);
    assert!(looped.contains("loop"), "{looped}");
    env.fails("carol", &["ticket", "link", &a, &c], 4);
    env.fails("bob", &["ticket", "link", &a, &c, "--kind", "sibling"], 2);
    env.ok("bob", &["ticket", "unlink", &b, &a]);
    assert!(env.show(a.parse().unwrap())["links"]
        .as_array()
        .unwrap()
        .is_empty());
    env.fails("bob", &["ticket", "unlink", &b, &a], 3);
    let doctor = env.ok("admin", &["doctor"]);
    assert!(doctor.contains("healthy"), "{doctor}");
}

#[test]
fn merging_moves_conversation_people_occurrences_and_dedup_keys() {
    let env = TestEnv::with_examples();
    env.ok("admin", &["requester", "add", "ci", "--tier", "standard"]);
    let source = ci(&env, "ci", "shop build red", "ci:shop");
    let target = ci(&env, "carol", "web build red", "ci:web");
    let (src, dst) = (source.to_string(), target.to_string());
    env.ok(
        "bob",
        &["ticket", "comment", &src, "-m", "internal: runner 7 is flaky"],
    );
    env.ok("ci", &["ticket", "reply", &src, "-m", "still red on retry"]);
    env.ok("bob", &["ticket", "tag", &src, "flaky"]);
    env.ok("bob", &["ticket", "claim", &dst]);

    // Permissions: another agent may not fold tickets into bob's.
    let before = (env.snapshot(source), env.snapshot(target));
    env.fails("erin", &["ticket", "merge", &src, "--into", &dst], 4);
    env.fails("carol", &["ticket", "merge", &src, "--into", &dst], 4);
    env.fails("bob", &["ticket", "merge", &dst, "--into", &dst], 5);
    env.fails("bob", &["ticket", "merge", "999", "--into", &dst], 3);
    assert_eq!((env.snapshot(source), env.snapshot(target)), before);

    let out = env.ok("bob", &["ticket", "merge", &src, "--into", &dst]);
    assert!(out.contains("CI-1 merged into CI-2"), "{out}");
    let closed = env.show(source);
    assert_eq!(closed["status"], "closed");
    assert_eq!(closed["merged_into"], target);
    let merged = env.show(target);
    assert_eq!(merged["occurrences"], 2);
    assert_eq!(strings(&merged["watchers"]), ["ci"]);
    assert_eq!(strings(&merged["tags"]), ["flaky"]);
    let event = merged["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "merged")
        .expect("merged event")
        .clone();
    assert_eq!(event["related"], source);
    assert_eq!(
        kinds(event["merged"].as_array().unwrap()),
        ["commented", "replied"]
    );
    // The requester of the merged ticket reads the target as a watcher, without notes.
    let seen = env.json("ci", &["ticket", "show", &dst]);
    let seen_merged = seen["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "merged")
        .unwrap()
        .clone();
    assert_eq!(kinds(seen_merged["merged"].as_array().unwrap()), ["replied"]);
    // The next failure under the old key lands on the target.
    let again = env.json(
        "ci",
        &[
            "ticket",
            "new",
            "-t",
            "ci-failure",
            "--title",
            "shop red again",
            "-f",
            "repo=shop",
            "-f",
            "job=test",
            "--dedup-key",
            "ci:shop",
        ],
    );
    assert_eq!(again["id"], target, "{again}");
    assert_eq!(again["deduplicated"], true);
    // Recorded, not reversible: the source stays closed.
    let reopen = env.fails("admin", &["ticket", "reopen", &src], 6);
    assert!(reopen.contains("merged into"), "{reopen}");
    let doctor = env.ok("admin", &["doctor"]);
    assert!(doctor.contains("healthy"), "{doctor}");
}

#[test]
fn a_reply_splits_into_a_linked_ticket() {
    let env = TestEnv::with_examples();
    let id = env.incident("carol", "VPN down");
    let ticket = id.to_string();
    env.ok("bob", &["ticket", "claim", &ticket]);
    env.ok("bob", &["ticket", "reply", &ticket, "-m", "which office?"]);
    env.ok(
        "carol",
        &[
            "ticket",
            "reply",
            &ticket,
            "-m",
            "Berlin. Also the printer is offline\nsince Monday",
        ],
    );
    let seq = env
        .events(id)
        .iter()
        .rev()
        .find(|e| e["kind"] == "replied")
        .unwrap()["seq"]
        .as_u64()
        .unwrap()
        .to_string();
    let before = env.snapshot(id);
    env.fails("erin", &["ticket", "split", &ticket, "--event", &seq], 4);
    env.fails("bob", &["ticket", "split", &ticket, "--event", "0"], 5);
    env.fails("bob", &["ticket", "split", &ticket, "--event", "99"], 3);
    assert_eq!(env.snapshot(id), before);
    let new = env.json(
        "bob",
        &[
            "ticket",
            "split",
            &ticket,
            "--event",
            &seq,
            "--title",
            "Printer offline",
        ],
    );
    let new_id = new["id"].as_u64().unwrap();
    assert_eq!(new_id, id + 1, "refused splits took no id");
    assert_eq!(new["title"], "Printer offline");
    assert_eq!(new["requester"], "carol");
    assert_eq!(new["channel"], "split");
    assert_eq!(new["links"][0]["id"], id);
    let original = env.show(id);
    assert_eq!(original["links"][0]["id"], new_id);
    assert_eq!(original["links"][0]["kind"], "relates");
    assert_eq!(kinds(&env.events(id)).last(), Some(&"split"));
    assert!(env.show(new_id)["body"]
        .as_str()
        .unwrap()
        .contains("printer is offline"));
}

const DEPARTMENTS: &str = r#"
[departments.network]
description = "VPN, Wi-Fi and firewalls"
agents = ["erin"]
leads = ["dave"]
"#;

#[test]
fn departments_route_list_and_report() {
    let env = TestEnv::with_examples();
    append_config(&env, DEPARTMENTS);
    env.write_template(
        "vpn",
        "description = \"VPN trouble\"\nprefix = \"VPN\"\ndepartment = \"network\"\n",
    );
    let vpn = env.json("carol", &["ticket", "new", "-t", "vpn", "--title", "VPN down"]);
    assert_eq!(vpn["department"], "network");
    let vpn_id = vpn["id"].as_u64().unwrap();
    let other = env.incident("carol", "API slow");
    assert_eq!(
        ids(&env.json("bob", &["ticket", "list", "--department", "network"])),
        [vpn_id]
    );
    let unknown = env.fails("bob", &["ticket", "list", "--department", "netwrk"], 3);
    assert!(unknown.contains("departments: network"), "{unknown}");

    // bob is free and skilled for everything, but not in network: a member gets it.
    let run = env.json("dave", &["assign", "auto"]);
    let assigned: Vec<(u64, &str)> = run["assignments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["ticket"].as_u64().unwrap(), a["agent"].as_str().unwrap()))
        .collect();
    assert!(
        assigned.contains(&(vpn_id, "erin")) || assigned.contains(&(vpn_id, "dave")),
        "{run}"
    );
    assert!(assigned.iter().any(|(id, _)| *id == other), "{run}");

    // With erin offline, only dave (a lead of network) remains; with him offline too the
    // ticket waits and says why.
    env.ok("admin", &["agent", "status", "erin", "offline"]);
    env.ok("admin", &["agent", "status", "dave", "offline"]);
    let second = env.json("carol", &["ticket", "new", "-t", "vpn", "--title", "VPN flaky"]);
    let run = env.json("admin", &["assign", "auto"]);
    let left = &run["leftovers"][0];
    assert_eq!(left["ticket"], second["id"], "{run}");
    assert_eq!(
        left["reason"], "no agent of department `network` is online",
        "{run}"
    );

    let report = env.json("admin", &["report", "--by", "department", "--since", "1d"]);
    let keys: Vec<&str> = report["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["group"].as_str().unwrap())
        .collect();
    assert!(
        keys.contains(&"network") && keys.contains(&"(no department)"),
        "{report}"
    );
}

#[test]
fn a_tier_routes_to_a_department_and_a_typo_is_a_located_error() {
    let env = TestEnv::with_examples();
    append_config(&env, DEPARTMENTS);
    let path = env.home().join("config.toml");
    let config = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        config.replacen("[tiers.vip]\n", "[tiers.vip]\ndepartment = \"network\"\n", 1),
    )
    .unwrap();
    env.ok("admin", &["requester", "add", "vera", "--tier", "vip"]);
    let id = env.incident("vera", "VIP outage");
    assert_eq!(env.show(id)["department"], "network");
    std::fs::write(
        &path,
        config.replacen("[tiers.vip]\n", "[tiers.vip]\ndepartment = \"netwrk\"\n", 1),
    )
    .unwrap();
    let err = env.fails(
        "vera",
        &[
            "ticket",
            "new",
            "-t",
            "incident",
            "--title",
            "x",
            "-f",
            "service=api",
        ],
        5,
    );
    assert!(err.contains("no department `netwrk`"), "{err}");
}
