//! `desk ticket search`, the knowledge base (`desk kb …`), `ticket reply --kb` and the
//! suggestions `ticket new` makes: a small corpus whose right answers are known.

use chrono::Duration;
use serde_json::Value;

use crate::common::TestEnv;

/// Archive closed tickets an hour after they close, so a test can make some cold.
const CONFIG: &str = r#"
[archive]
after = "1h"
batch = 100
"#;

fn ids(results: &Value) -> Vec<u64> {
    results
        .as_array()
        .expect("an array of results")
        .iter()
        .map(|hit| hit["id"].as_u64().expect("id"))
        .collect()
}

fn search(env: &TestEnv, args: &[&str]) -> Vec<u64> {
    let mut all = vec!["ticket", "search"];
    all.extend_from_slice(args);
    ids(&env.json("admin", &all))
}

fn incident(env: &TestEnv, requester: &str, title: &str, body: &str, service: &str) -> u64 {
    let service = format!("service={service}");
    let v = env.json(
        requester,
        &[
            "ticket", "new", "--type", "incident", "--title", title, "--body", body, "-f", &service,
        ],
    );
    v["id"].as_u64().expect("id")
}

/// The corpus:
///
/// | id | title | where the interesting words are |
/// |---|---|---|
/// | 1 | VPN drops every hour | title: vpn |
/// | 2 | Laptop is slow | body mentions the vpn client once |
/// | 3 | Checkout API returns 502 | bob's reply: "rolled back the deploy" |
/// | 4 | Billing export fails | field service=ledger-sync |
/// | 5 | 打印机无法连接 | body: 三楼的打印机显示脱机状态 |
/// | 6 | Printer jam on floor 2 | closed and archived |
fn corpus() -> TestEnv {
    let env = TestEnv::with_examples();
    std::fs::write(env.home().join("config.toml"), CONFIG).unwrap();
    incident(
        &env,
        "carol",
        "VPN drops every hour",
        "Since Monday the tunnel resets.",
        "vpn",
    );
    incident(
        &env,
        "carol",
        "Laptop is slow",
        "Everything is slow, even with the vpn client closed.",
        "laptop",
    );
    incident(
        &env,
        "frank",
        "Checkout API returns 502",
        "Started after the release.",
        "checkout",
    );
    env.ok("bob", &["ticket", "claim", "3"]);
    env.ok(
        "bob",
        &[
            "ticket",
            "reply",
            "3",
            "-m",
            "Rolled back the deploy; checking again tomorrow",
        ],
    );
    incident(
        &env,
        "frank",
        "Billing export fails",
        "The nightly export stopped.",
        "ledger-sync",
    );
    incident(
        &env,
        "carol",
        "打印机无法连接",
        "三楼的打印机显示脱机状态",
        "printer",
    );
    incident(
        &env,
        "carol",
        "Printer jam on floor 2",
        "Paper stuck in tray 3.",
        "printer",
    );
    env.ok("erin", &["ticket", "claim", "6"]);
    env.ok("erin", &["ticket", "reply", "6", "-m", "Cleared the jam"]);
    env.ok("carol", &["ticket", "confirm", "6"]);
    // Two hours on, any write moves the closed ticket to the archive.
    env.advance(Duration::hours(2));
    env.ok("admin", &["ticket", "priority", "2", "normal"]);
    assert_eq!(env.show(6)["archived"], true, "ticket 6 is archived");
    env
}

#[test]
fn the_title_match_ranks_first_and_body_reply_and_field_matches_are_found() {
    let env = corpus();
    let hits = search(&env, &["vpn"]);
    assert_eq!(hits, [1, 2], "the title match first, then the body match");
    assert_eq!(search(&env, &["rolled", "back"]), [3], "a reply");
    assert_eq!(search(&env, &["ROLLBACK deploy"]), [3], "case and other words");
    assert_eq!(search(&env, &["ledger-sync"]), [4], "a field value");
    // English words are stemmed: "drop" finds "drops".
    assert_eq!(search(&env, &["drop"]), [1]);

    let results = env.json("admin", &["ticket", "search", "vpn"]);
    let first = &results[0];
    assert_eq!(first["key"], "INC-1");
    assert_eq!(first["status"], "unclaimed");
    assert_eq!(first["type"], "incident");
    assert_eq!(first["title"], "VPN drops every hour");
    assert!(first["score"].as_f64().unwrap() > results[1]["score"].as_f64().unwrap());
    assert!(
        results[1]["snippet"].as_str().unwrap().contains("vpn client"),
        "{results}"
    );

    let table = env.ok("admin", &["ticket", "search", "vpn"]);
    let first_line = table.lines().next().unwrap();
    assert!(first_line.starts_with("INC-1\t"), "{table}");
    assert_eq!(env.ok("admin", &["ticket", "search", "vpn", "-q"]), "1\n2\n");
}

#[test]
fn archived_tickets_and_chinese_text_are_found() {
    let env = corpus();
    let hits = env.json("admin", &["ticket", "search", "printer jam"]);
    assert_eq!(ids(&hits)[0], 6);
    assert_eq!(hits[0]["status"], "closed");
    assert_eq!(search(&env, &["打印机"]), [5]);
    assert_eq!(
        search(&env, &["脱机"]),
        [5],
        "a word inside the body, no spaces around it"
    );
    assert_eq!(search(&env, &["机"]), [5], "a single character");
    assert!(search(&env, &["扫描仪"]).is_empty());
}

#[test]
fn filters_narrow_the_results() {
    let env = corpus();
    assert_eq!(search(&env, &["printer", "--status", "closed"]), [6]);
    // Ticket 5's service field says printer.
    assert_eq!(search(&env, &["printer", "--status", "unclaimed,pending"]), [5]);
    assert!(search(&env, &["printer", "--status", "awaiting"]).is_empty());
    assert_eq!(search(&env, &["checkout OR release", "--assignee", "bob"]), [3]);
    assert_eq!(search(&env, &["vpn", "--type", "incident", "--limit", "1"]), [1]);
    assert!(search(&env, &["vpn", "--type", "access-request"]).is_empty());
    // Tickets 1–6 were filed a minute apart from 09:0x; "since" the fourth's minute.
    let fourth = env.show(4)["created_at"].as_str().unwrap().to_string();
    let since = search(&env, &["printer billing vpn", "--since", &fourth]);
    assert!(since.iter().all(|id| *id >= 4), "{since:?}");
    assert!(since.contains(&4) && since.contains(&6), "{since:?}");
    let until = search(&env, &["printer billing vpn", "--until", &fourth]);
    assert_eq!(until, [1, 2]);
}

#[test]
fn a_ticket_filed_or_answered_just_before_is_found() {
    let env = corpus();
    assert!(search(&env, &["kerberos"]).is_empty());
    let id = incident(&env, "carol", "Kerberos ticket expired", "", "auth");
    assert_eq!(search(&env, &["kerberos"]), [id]);
    env.ok(
        "bob",
        &[
            "ticket",
            "comment",
            "1",
            "-m",
            "Probably the kerberos keytab again",
        ],
    );
    assert_eq!(search(&env, &["kerberos"]), [id, 1]);
    // A state change is seen too.
    assert_eq!(search(&env, &["kerberos", "--status", "unclaimed"]), [id, 1]);
    env.ok("bob", &["ticket", "claim", &id.to_string()]);
    assert_eq!(search(&env, &["kerberos", "--status", "unclaimed"]), [1]);
    assert_eq!(search(&env, &["kerberos", "--status", "pending"]), [id]);
}

#[test]
fn a_lost_or_damaged_index_is_rebuilt() {
    let env = corpus();
    assert_eq!(search(&env, &["vpn"]), [1, 2]);
    let dir = env.home().join("search");
    std::fs::remove_dir_all(&dir).unwrap();
    let out = env.run("admin", &["ticket", "search", "vpn"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("Built the search index"));
    assert_eq!(
        search(&env, &["printer jam"])[0],
        6,
        "archived tickets are rebuilt too"
    );
    std::fs::write(dir.join("index/meta.json"), "not json").unwrap();
    assert_eq!(search(&env, &["vpn"]), [1, 2]);
    let stderr =
        String::from_utf8_lossy(&env.run("admin", &["ticket", "search", "--reindex"]).stderr).to_string();
    assert!(stderr.contains("--reindex"), "{stderr}");
    assert_eq!(search(&env, &["vpn"]), [1, 2]);
}

#[test]
fn bad_filters_are_refused_before_anything_is_opened() {
    let env = TestEnv::with_examples();
    incident(&env, "carol", "VPN drops", "", "vpn");
    let cases: [(&[&str], i32, &str); 8] = [
        (&["vpn", "--type", "incidnet"], 3, "did you mean `incident`"),
        (&["vpn", "--assignee", "bobb"], 3, "agent `bobb` not found"),
        (&["vpn", "--since", "last tuesday"], 5, "is not a time"),
        (
            &["vpn", "--since", "2026-03-03", "--until", "2026-03-01"],
            5,
            "is not before",
        ),
        (&["vpn", "--limit", "0"], 5, "--limit"),
        (&["!!! ???"], 5, "no words to search for"),
        (&["vpn", "--status", "open"], 2, "invalid value"),
        (&[], 2, "QUERY"),
    ];
    for (args, code, message) in cases {
        let mut all = vec!["ticket", "search"];
        all.extend_from_slice(args);
        let stderr = env.fails("admin", &all, code);
        assert!(stderr.contains(message), "{args:?}: {stderr}");
    }
    assert!(
        !env.home().join("search").exists(),
        "no index was built for a refused search"
    );
}

#[test]
fn articles_are_added_edited_listed_shown_and_searched() {
    let env = TestEnv::with_examples();
    let added = env.json(
        "bob",
        &[
            "kb",
            "add",
            "--title",
            "Reset your VPN token",
            "--body",
            "Open the portal and press Reset.",
            "--tag",
            "VPN",
            "--tag",
            "token",
            "--type",
            "incident",
        ],
    );
    assert_eq!(added["key"], "KB-1");
    assert_eq!(added["tags"], serde_json::json!(["vpn", "token"]));
    assert_eq!(added["author"], "bob");
    env.ok(
        "erin",
        &[
            "kb",
            "add",
            "--title",
            "打印机脱机怎么办",
            "--body",
            "重启打印机，检查网线。",
        ],
    );

    assert_eq!(ids(&env.json("carol", &["kb", "search", "vpn"])), [1]);
    assert_eq!(ids(&env.json("carol", &["kb", "search", "脱机"])), [2]);
    // Linked to incidents: found for incidents, not for access requests; KB-2 is for any type.
    assert_eq!(
        ids(&env.json(
            "carol",
            &["kb", "search", "vpn 打印机", "--type", "access-request"]
        )),
        [2]
    );
    assert_eq!(ids(&env.json("carol", &["kb", "list", "--tag", "vpn"])), [1]);
    assert_eq!(
        ids(&env.json("carol", &["kb", "list", "--type", "access-request"])),
        [2]
    );

    // The author edits; the body change is searchable at once.
    env.ok(
        "bob",
        &[
            "kb",
            "edit",
            "KB-1",
            "--body",
            "Use the self-service kiosk.",
            "--clear-tags",
        ],
    );
    assert_eq!(ids(&env.json("carol", &["kb", "search", "kiosk"])), [1]);
    assert!(ids(&env.json("carol", &["kb", "search", "portal"])).is_empty());
    // A lead may edit anyone's article.
    env.ok(
        "dave",
        &["kb", "edit", "2", "--title", "Printer offline (打印机脱机)"],
    );
    let shown = env.json("carol", &["kb", "show", "kb-2"]);
    assert_eq!(shown["title"], "Printer offline (打印机脱机)");
    assert_eq!(shown["author"], "erin");
    assert_eq!(shown["uses"], 0);
    let text = env.ok("carol", &["kb", "show", "1"]);
    assert!(
        text.contains("KB-1  Reset your VPN token") && text.contains("kiosk"),
        "{text}"
    );
}

#[test]
fn bad_article_input_is_refused_and_writes_nothing() {
    let env = TestEnv::with_examples();
    env.ok("bob", &["kb", "add", "--title", "Reset your VPN token"]);
    let before = env.ok("admin", &["kb", "list", "--json"]);
    let stderr = env.fails("carol", &["kb", "add", "--title", "Mine"], 4);
    assert!(stderr.contains("only agents"), "{stderr}");
    let stderr = env.fails("erin", &["kb", "edit", "1", "--title", "Theirs"], 4);
    assert!(stderr.contains("only its author (bob)"), "{stderr}");
    let stderr = env.fails("bob", &["kb", "add", "--title", "  "], 5);
    assert!(stderr.contains("title is empty"), "{stderr}");
    let stderr = env.fails("bob", &["kb", "add", "--title", ""], 5);
    assert!(
        stderr.contains("invalid article: the title is empty") && !stderr.contains("KB-"),
        "a new article has no id to name: {stderr}"
    );
    for body in ["", "  \n "] {
        let stderr = env.fails("bob", &["kb", "add", "--title", "x", "--body", body], 5);
        assert!(stderr.contains("invalid article: the body is empty"), "{stderr}");
    }
    let empty = env.path().join("empty.txt");
    std::fs::write(&empty, "\n").unwrap();
    let stderr = env.fails(
        "bob",
        &[
            "kb",
            "add",
            "--title",
            "x",
            "--body-file",
            empty.to_str().unwrap(),
        ],
        5,
    );
    assert!(stderr.contains("the body is empty"), "{stderr}");
    let stderr = env.fails("bob", &["kb", "edit", "1", "--body", " "], 5);
    assert!(
        stderr.contains("invalid article KB-1: the body is empty"),
        "{stderr}"
    );
    let stderr = env.fails("bob", &["kb", "add", "--title", "x", "--type", "incidnet"], 3);
    assert!(stderr.contains("did you mean `incident`"), "{stderr}");
    let stderr = env.fails("bob", &["kb", "add", "--title", "x", "--tag", "two words"], 5);
    assert!(stderr.contains("one word"), "{stderr}");
    env.fails("bob", &["kb", "edit", "1"], 5);
    env.fails("bob", &["kb", "show", "9"], 3);
    env.fails("bob", &["kb", "show", "INC-1"], 2);
    env.fails("bob", &["kb", "edit", "9", "--title", "y"], 3);
    assert_eq!(env.ok("admin", &["kb", "list", "--json"]), before);
    // The refused article took no id.
    assert_eq!(env.json("bob", &["kb", "add", "--title", "Second"])["id"], 2);
}

#[test]
fn a_reply_with_an_article_for_other_types_is_refused() {
    let env = TestEnv::with_examples();
    let add = |title: &str, types: &[&str]| {
        let mut args = vec!["kb", "add", "--title", title, "--body", "Do this."];
        for t in types {
            args.extend(["--type", t]);
        }
        env.ok("bob", &args);
    };
    add("Request access", &["access-request", "ci-failure"]);
    add("Restart it", &["incident"]);
    add("Anything", &[]);
    let id = env.incident("carol", "VPN down");
    env.ok("bob", &["ticket", "claim", &id.to_string()]);
    let snapshot = env.snapshot(id);
    let before = env.ok("admin", &["kb", "list", "--json"]);
    let stderr = env.fails("bob", &["ticket", "reply", &id.to_string(), "--kb", "KB-1"], 5);
    assert!(
        stderr.contains("KB-1 answers access-request, ci-failure tickets only")
            && stderr.contains("incident"),
        "{stderr}"
    );
    assert!(
        stderr.contains("desk kb edit KB-1 --type access-request --type ci-failure --type incident"),
        "{stderr}"
    );
    assert_eq!(env.snapshot(id), snapshot, "no reply recorded");
    assert_eq!(
        env.ok("admin", &["kb", "list", "--json"]),
        before,
        "no use counted"
    );
    // Linked to the ticket's type, or to no type (any): accepted.
    env.ok("bob", &["ticket", "reply", &id.to_string(), "--kb", "2"]);
    env.ok("bob", &["ticket", "reply", &id.to_string(), "--kb", "3"]);
    let kbs: Vec<Value> = env.events(id).iter().map(|e| e["kb"].clone()).collect();
    assert!(kbs.ends_with(&[2.into(), 3.into()]), "{kbs:?}");
}

#[test]
fn a_reply_with_an_article_records_it_and_counts_the_use() {
    let env = TestEnv::with_examples();
    env.ok(
        "bob",
        &[
            "kb",
            "add",
            "--title",
            "Reset your VPN token",
            "--body",
            "Open the portal and press Reset.\n",
        ],
    );
    env.ok("bob", &["kb", "add", "--title", "Unused"]);
    let first = env.incident("carol", "VPN token expired");
    let second = env.incident("frank", "VPN token expired again");
    env.ok("bob", &["ticket", "claim", &first.to_string()]);
    env.ok("bob", &["ticket", "reply", &first.to_string(), "--kb", "KB-1"]);
    let reply = env.events(first).pop().unwrap();
    assert_eq!(reply["kind"], "replied");
    assert_eq!(reply["kb"], 1);
    assert_eq!(
        reply["message"],
        "Open the portal and press Reset.\n\n— KB-1: Reset your VPN token"
    );
    env.ok("erin", &["ticket", "claim", &second.to_string()]);
    env.ok(
        "erin",
        &[
            "ticket",
            "reply",
            &second.to_string(),
            "--kb",
            "1",
            "-m",
            "Please try this",
        ],
    );
    let reply = env.events(second).pop().unwrap();
    assert_eq!(
        reply["message"],
        "Please try this\n\nSee KB-1: Reset your VPN token"
    );
    assert_eq!(env.json("carol", &["kb", "show", "1"])["uses"], 2);
    let listed = env.json("carol", &["kb", "list"]);
    assert_eq!(ids(&listed), [1, 2], "most used first");
    assert_eq!(listed[0]["uses"], 2);
    let table = env.ok("carol", &["kb", "list"]);
    assert!(table.starts_with("KB-1\t2\tReset your VPN token"), "{table}");

    // Refusals write nothing: no event, no use.
    let snapshot = env.snapshot(first);
    let stderr = env.fails("carol", &["ticket", "reply", &first.to_string(), "--kb", "1"], 4);
    assert!(stderr.contains("only agents"), "{stderr}");
    env.fails("bob", &["ticket", "reply", &first.to_string(), "--kb", "9"], 3);
    env.fails("bob", &["ticket", "reply", &first.to_string()], 2);
    assert_eq!(env.snapshot(first), snapshot);
    assert_eq!(env.json("carol", &["kb", "show", "1"])["uses"], 2);
}

#[test]
fn suggest_shows_articles_and_closed_tickets_and_still_files() {
    let env = TestEnv::with_examples();
    env.ok(
        "bob",
        &[
            "kb",
            "add",
            "--title",
            "Reset your VPN token",
            "--body",
            "Open the portal.",
            "--type",
            "incident",
        ],
    );
    env.ok(
        "bob",
        &[
            "kb",
            "add",
            "--title",
            "VPN for contractors",
            "--type",
            "access-request",
        ],
    );
    let old = env.incident("carol", "VPN token expired on my laptop");
    env.ok("bob", &["ticket", "claim", &old.to_string()]);
    env.ok("bob", &["ticket", "reply", &old.to_string(), "-m", "Reset it"]);
    env.ok("carol", &["ticket", "confirm", &old.to_string()]);
    env.incident("carol", "VPN token questions (still open)");

    let new = [
        "ticket",
        "new",
        "--type",
        "incident",
        "--title",
        "My VPN token expired",
        "-f",
        "service=vpn",
    ];
    let mut with_suggest = new.to_vec();
    with_suggest.push("--suggest");
    let out = env.run("carol", &with_suggest);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stderr.contains("KB-1") && stderr.contains(&format!("INC-{old}")),
        "{stderr}"
    );
    assert!(
        !stderr.contains("KB-2"),
        "an article for another type is not suggested: {stderr}"
    );
    assert!(
        stdout.starts_with("Created INC-"),
        "filed without a terminal: {stdout}"
    );

    let json = env.json("carol", &with_suggest);
    assert_eq!(ids(&json["suggestions"]["articles"]), [1]);
    assert_eq!(ids(&json["suggestions"]["tickets"]), [old], "only closed tickets");
    assert_eq!(json["suggestions"]["tickets"][0]["status"], "closed");
    let plain = env.json("frank", &new);
    assert!(
        plain.get("suggestions").is_none(),
        "no suggestions unless asked: {plain}"
    );
}

/// Requesters search what `ticket list` shows them: their own tickets, never the agents'
/// internal notes; `--suggest` suggests them only their own closed tickets.
#[test]
fn a_requester_searches_what_list_shows_them() {
    let env = TestEnv::with_examples();
    let carols = env.incident("carol", "Printer jammed on floor three");
    env.ok("bob", &["ticket", "claim", &carols.to_string()]);
    env.ok(
        "bob",
        &[
            "ticket",
            "comment",
            &carols.to_string(),
            "-m",
            "toner smuggler again",
        ],
    );
    env.ok(
        "bob",
        &["ticket", "reply", &carols.to_string(), "-m", "Cleared it"],
    );
    env.ok("carol", &["ticket", "confirm", &carols.to_string()]);
    let listed = ids(&env.json("frank", &["ticket", "list", "--all"]));
    assert!(listed.is_empty(), "list shows frank carol's ticket: {listed:?}");
    assert!(ids(&env.json("frank", &["ticket", "search", "printer"])).is_empty());
    assert_eq!(
        ids(&env.json("carol", &["ticket", "search", "printer"])),
        [carols]
    );
    assert!(
        ids(&env.json("carol", &["ticket", "search", "smuggler"])).is_empty(),
        "notes are internal"
    );
    assert_eq!(ids(&env.json("bob", &["ticket", "search", "smuggler"])), [carols]);
    let new = [
        "ticket",
        "new",
        "--type",
        "incident",
        "--title",
        "Printer jammed again",
        "-f",
        "service=print",
        "--suggest",
    ];
    let json = env.json("frank", &new);
    assert!(ids(&json["suggestions"]["tickets"]).is_empty(), "{json}");
    let json = env.json("carol", &new);
    assert_eq!(ids(&json["suggestions"]["tickets"]), [carols]);
}

/// Run `desk ARGS` as carol on a pseudo-terminal (`script`) with `keys` typed; None when
/// `script` is missing.
fn on_terminal(env: &TestEnv, args: &str, keys: &str) -> Option<String> {
    use std::io::Write;
    use std::process::{Command, Stdio};
    if Command::new("script").arg("--version").output().is_err() {
        eprintln!("skipping: util-linux `script` is not installed");
        return None;
    }
    let desk = assert_cmd::cargo::cargo_bin("desk");
    let mut child = Command::new("script")
        .args(["-qec", &format!("{} {args}", desk.display()), "/dev/null"])
        .env_clear()
        .env("DESK_HOME", env.home())
        .env("DESK_USER", "carol")
        .env("HOME", env.path())
        .env("TERM", "dumb")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn script");
    child.stdin.take().unwrap().write_all(keys.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    Some(String::from_utf8_lossy(&out.stdout).to_string())
}

#[test]
fn on_a_terminal_suggestions_come_first_and_the_user_may_not_file() {
    let env = TestEnv::with_examples();
    env.ok(
        "bob",
        &[
            "kb",
            "add",
            "--title",
            "Reset your VPN token",
            "--body",
            "Open the portal.",
        ],
    );
    let args = "ticket new --type incident --title 'VPN token expired' -f service=vpn";
    let Some(screen) = on_terminal(&env, args, "n") else {
        return;
    };
    assert!(
        screen.contains("KB-1") && screen.contains("File the ticket anyway?"),
        "{screen}"
    );
    assert!(screen.contains("Not filed."), "{screen}");
    assert!(env.all_tickets().is_empty(), "nothing was filed");
    let Some(screen) = on_terminal(&env, args, "y") else {
        return;
    };
    assert!(screen.contains("Created INC-1"), "{screen}");
    // Nothing to suggest: no question.
    let Some(screen) = on_terminal(
        &env,
        "ticket new --type incident --title 'Disk full' -f service=db",
        "",
    ) else {
        return;
    };
    assert!(
        !screen.contains("File the ticket anyway?") && screen.contains("Created INC-2"),
        "{screen}"
    );
}

#[test]
fn many_changes_between_searches_are_all_indexed_and_their_entries_cleared() {
    let env = TestEnv::with_examples();
    env.ok("admin", &["requester", "add", "carol", "--tier", "internal"]);
    let lines: Vec<String> = (1..=80)
        .map(|n| {
            format!(
                r#"{{"type": "incident", "title": "Disk {n} full", "fields": {{"service": "db"}}, "body": "volume{n}"}}"#
            )
        })
        .collect();
    let file = env.path().join("tickets.jsonl");
    std::fs::write(&file, lines.join("\n")).unwrap();
    env.ok(
        "carol",
        &["ticket", "new", "--from-json", file.to_str().unwrap(), "-q"],
    );
    assert_eq!(search(&env, &["volume77"]), [77]);
    // The next search forgets the 80 entries the index has seen (after syncing it) and
    // still finds what changed since.
    env.ok(
        "bob",
        &[
            "ticket",
            "comment",
            "5",
            "-m",
            "moved to a bigger volume, see volume77",
        ],
    );
    assert_eq!(search(&env, &["volume77"]), [77, 5]);
    env.ok("bob", &["ticket", "comment", "6", "-m", "volume77 again"]);
    let hits = search(&env, &["volume77", "--limit", "100"]);
    assert_eq!(hits.len(), 3, "{hits:?}");
    assert_eq!(search(&env, &["disk", "--limit", "100"]).len(), 80);
}
