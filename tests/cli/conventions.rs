//! The conventions scripts depend on: where the home is, who is acting, the clock, ids,
//! output modes, never prompting without a terminal, list filters and queue order, and
//! deduplication.

use std::io::Read;
use std::process::Stdio;

use serde_json::Value;

use crate::common::{kinds, TestEnv};

fn ids(list: &Value) -> Vec<u64> {
    list.as_array()
        .unwrap_or_else(|| panic!("not an array: {list}"))
        .iter()
        .map(|t| t["id"].as_u64().unwrap())
        .collect()
}

#[test]
fn a_missing_home_is_not_found_and_says_how_to_create_it() {
    let env = TestEnv::empty();
    for args in [
        &["ticket", "list"][..],
        &["ticket", "show", "1"],
        &["ticket", "new", "--type", "incident", "--title", "x"],
        &["agent", "list"],
        &["template", "list"],
    ] {
        let stderr = env.fails("carol", args, 3);
        let first = stderr.lines().next().unwrap_or_default();
        assert!(
            first.contains("no desk home") && first.contains(&env.home().display().to_string()),
            "{args:?}: {stderr}"
        );
        assert!(
            stderr.lines().skip(1).any(|l| l.contains("desk init")),
            "{args:?}: hint expected:\n{stderr}"
        );
    }
    assert!(!env.home().exists(), "reading commands must not create the home");
}

#[test]
fn init_is_idempotent_and_keeps_what_the_team_edited() {
    let env = TestEnv::empty();
    let first = env.json("admin", &["init", "--examples", "--insecure-test-identities"]);
    assert_eq!(first["created"], true);
    assert_eq!(first["admin"], "admin");
    assert_eq!(first["templates_installed"].as_array().unwrap().len(), 4);

    let config = env.home().join("config.toml");
    let incident = env.home().join("templates/incident.toml");
    let edited_config = "# ours\n[requesters]\ndefault_tier = \"vip\"\n";
    let edited_incident = std::fs::read_to_string(&incident)
        .unwrap()
        .replace("Production incident", "Our incident");
    std::fs::write(&config, edited_config).unwrap();
    std::fs::write(&incident, &edited_incident).unwrap();
    std::fs::remove_file(env.home().join("templates/ci-failure.toml")).unwrap();
    let id = env.incident("carol", "kept");

    // Again, as someone else: nothing is overwritten, and they do not become admin.
    let again = env.json("mallory", &["init", "--examples"]);
    assert_eq!(again["created"], false);
    assert_eq!(again["admin"], Value::Null);
    assert_eq!(
        again["templates_installed"],
        serde_json::json!(["ci-failure"]),
        "only the missing file is restored"
    );
    assert_eq!(std::fs::read_to_string(&config).unwrap(), edited_config);
    assert_eq!(std::fs::read_to_string(&incident).unwrap(), edited_incident);
    env.ok("admin", &["init"]);
    assert_eq!(std::fs::read_to_string(&config).unwrap(), edited_config);

    assert_eq!(env.show(id)["title"], "kept");
    let agents = env.json("admin", &["agent", "list"]);
    let names: Vec<&str> = agents
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["admin"]);
    assert_eq!(
        env.json("admin", &["template", "show", "incident"])["description"],
        "Our incident"
    );
    // The edited config is in effect: unknown requesters are vip now.
    assert_eq!(env.json("admin", &["requester", "show", "carol"])["tier"], "vip");
}

#[test]
fn home_flag_beats_desk_home_and_as_beats_desk_user() {
    let env = TestEnv::with_examples();
    let other = env.path().join("other-home");
    let other = other.display().to_string();
    // DESK_HOME points at the examples home; --home wins.
    let out = env
        .desk("admin")
        .args(["--home", &other, "init", "--insecure-test-identities", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(std::path::Path::new(&other).join("config.toml").is_file());
    let out = env
        .desk("admin")
        .args(["--home", &other, "template", "list", "--json"])
        .output()
        .unwrap();
    assert_eq!(
        serde_json::from_slice::<Value>(&out.stdout).unwrap(),
        serde_json::json!([]),
        "the other home has no types"
    );
    assert_eq!(
        env.json("admin", &["template", "list"]).as_array().unwrap().len(),
        4
    );

    // DESK_USER is carol; --as wins, before or after the subcommand.
    let out = env
        .desk("carol")
        .args([
            "--as",
            "frank",
            "ticket",
            "new",
            "--type",
            "incident",
            "--title",
            "x",
            "-f",
            "service=api",
            "--json",
        ])
        .output()
        .unwrap();
    let t: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(t["requester"], "frank");
    let out = env
        .desk("carol")
        .args(["ticket", "claim", "1", "--as", "bob", "--json"])
        .output()
        .unwrap();
    let t: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(t["assignee"], "bob");
    // A nonsense user name is invalid input.
    env.fails("carol", &["--as", "two words", "ticket", "list"], 5);
}

#[test]
fn desk_now_is_the_clock() {
    let env = TestEnv::with_examples();
    let out = env
        .desk("carol")
        .env("DESK_NOW", "2026-11-22T17:30:00+08:00")
        .args([
            "ticket",
            "new",
            "--type",
            "incident",
            "--title",
            "x",
            "-f",
            "service=api",
            "--json",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let t: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(t["created_at"], "2026-11-22T09:30:00Z");
    assert_eq!(t["updated_at"], "2026-11-22T09:30:00Z");
    assert_eq!(env.events(1)[0]["at"], "2026-11-22T09:30:00Z");

    // The harness's clock: every command sees the time it was given.
    let at = env.now();
    env.ok("bob", &["ticket", "claim", "1"]);
    assert_eq!(
        env.show(1)["updated_at"],
        at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
    );

    for bad in ["yesterday", "2026-11-22", "2026-11-22 09:30:00"] {
        let out = env
            .desk("carol")
            .env("DESK_NOW", bad)
            .args(["ticket", "list"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(5), "DESK_NOW={bad}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("DESK_NOW") && stderr.contains("RFC 3339"),
            "{stderr}"
        );
    }
}

#[test]
fn ticket_ids_are_accepted_with_and_without_prefix() {
    let env = TestEnv::with_examples();
    let id = env.incident("carol", "first");
    assert_eq!(id, 1);
    let ci = env.json(
        "carol",
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
            "job=test",
        ],
    );
    assert_eq!((&ci["id"], &ci["key"]), (&2.into(), &"CI-2".into()));
    for written in ["1", "#1", "INC-1", "inc-1", "Inc-1"] {
        let t = env.json("carol", &["ticket", "show", written]);
        assert_eq!(t["id"], 1, "{written}");
        assert_eq!(t["key"], "INC-1");
    }
    assert_eq!(env.json("carol", &["ticket", "show", "ci-2"])["id"], 2);

    // A prefix that is not the ticket's: not found, with a hint naming the real one.
    let stderr = env.fails("bob", &["ticket", "show", "CI-1"], 3);
    assert!(stderr.contains("INC-1"), "{stderr}");
    env.fails("bob", &["ticket", "claim", "INC-2"], 3);
    env.fails("bob", &["ticket", "show", "99"], 3);
    env.fails("bob", &["ticket", "show", "INC-99"], 3);
    // A requester is not told whether a ticket that is not theirs exists (exit 4).
    env.fails("carol", &["ticket", "show", "99"], 4);
    // Not an id at all: a usage error.
    for malformed in ["abc", "INC-", "1.5", "0", "INC-x", "-"] {
        env.fails("carol", &["ticket", "show", malformed], 2);
    }
    assert_eq!(env.status(2), "unclaimed", "the refused claim wrote nothing");
}

#[test]
fn json_tickets_have_the_documented_keys() {
    let env = TestEnv::with_examples();
    let created = env.json(
        "carol",
        &[
            "ticket",
            "new",
            "--type",
            "incident",
            "--title",
            "keys",
            "-f",
            "service=api",
        ],
    );
    let shown = env.show(1);
    let listed = env.json("carol", &["ticket", "list"])[0].clone();
    let moved = env.json("bob", &["ticket", "claim", "1"]);
    for (what, t) in [
        ("new", &created),
        ("show", &shown),
        ("list", &listed),
        ("claim", &moved),
    ] {
        for key in [
            "id",
            "type",
            "title",
            "status",
            "priority",
            "requester",
            "assignee",
            "created_at",
            "fields",
        ] {
            assert!(t.get(key).is_some(), "`{key}` missing from {what}: {t}");
        }
        assert!(t["id"].is_u64(), "{what}: {t}");
        assert!(t["fields"].is_object(), "{what}: {t}");
        assert!(
            chrono::DateTime::parse_from_rfc3339(t["created_at"].as_str().unwrap()).is_ok(),
            "{what}: {t}"
        );
    }
    assert_eq!(created["assignee"], Value::Null, "null when none, not missing");
    assert_eq!(listed["assignee"], Value::Null);
    assert_eq!(moved["assignee"], "bob");
    assert_eq!(created["type"], "incident");
    assert_eq!(created["requester"], "carol");
    for event in env.events(1) {
        for key in ["kind", "actor", "at"] {
            assert!(event.get(key).is_some(), "`{key}` missing from event {event}");
        }
    }
}

#[test]
fn quiet_prints_only_ids() {
    let env = TestEnv::with_examples();
    let new = [
        "ticket",
        "new",
        "--type",
        "incident",
        "--title",
        "q",
        "-f",
        "service=api",
        "-q",
    ];
    assert_eq!(env.ok("carol", &new), "1\n");
    assert_eq!(env.ok("carol", &new), "2\n");
    assert_eq!(env.ok("bob", &["ticket", "claim", "INC-2", "-q"]), "2\n");
    assert_eq!(env.ok("carol", &["ticket", "list", "-q"]), "1\n2\n");
    assert_eq!(env.ok("carol", &["ticket", "show", "1", "--quiet"]), "1\n");
    assert_eq!(
        env.ok("admin", &["agent", "list", "-q"]),
        "admin\nbob\ndave\nerin\n"
    );
    // --json and -q do not mix.
    env.fails("carol", &["ticket", "list", "-q", "--json"], 2);
}

#[test]
fn without_a_terminal_nothing_is_prompted_and_what_is_missing_is_listed() {
    let env = TestEnv::with_examples();
    let stderr = env.fails("carol", &["ticket", "new", "--type", "incident"], 5);
    let first = stderr.lines().next().unwrap();
    assert!(first.contains("--title") && first.contains("service"), "{stderr}");
    assert!(first.contains("no terminal"), "{stderr}");

    let stderr = env.fails(
        "carol",
        &["ticket", "new", "--type", "access-request", "--title", "x"],
        5,
    );
    assert!(
        stderr.contains("system") && stderr.contains("justification"),
        "{stderr}"
    );
    assert!(!stderr.contains("--title"), "the title was given: {stderr}");

    let stderr = env.fails("carol", &["ticket", "new", "--title", "x"], 5);
    assert!(
        stderr.contains("--type") && stderr.contains("incident"),
        "the types are listed: {stderr}"
    );
    let stderr = env.fails("carol", &["ticket", "new"], 5);
    let first = stderr.lines().next().unwrap();
    assert!(first.contains("--type") && first.contains("--title"), "{stderr}");
    // --no-input is accepted, and stdin with data is still not a terminal.
    let out = env
        .desk("carol")
        .args(["ticket", "new", "--type", "incident", "--no-input"])
        .write_stdin("my title\napi\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5));
    assert!(env.all_tickets().is_empty());
}

#[test]
fn the_body_comes_from_a_flag_stdin_or_a_file() {
    let env = TestEnv::with_examples();
    let base = [
        "ticket",
        "new",
        "--type",
        "incident",
        "--title",
        "b",
        "-f",
        "service=api",
    ];

    let mut args = base.to_vec();
    args.extend(["--body", "inline text"]);
    assert_eq!(env.json("carol", &args)["body"], "inline text");

    let out = env
        .desk("carol")
        .args(base)
        .args(["--body", "-", "--json"])
        .write_stdin("from\nstdin\n")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let t: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(t["body"].as_str().unwrap().trim_end(), "from\nstdin");

    let file = env.path().join("body.md");
    std::fs::write(&file, "# Steps\n\n1. open\n2. fail\n").unwrap();
    let mut args = base.to_vec();
    let file_arg = file.display().to_string();
    args.extend(["--body-file", &file_arg]);
    assert_eq!(env.json("carol", &args)["body"], "# Steps\n\n1. open\n2. fail\n");

    let missing = env.path().join("nope.md").display().to_string();
    let mut args = base.to_vec();
    args.extend(["--body-file", &missing]);
    assert!(env.fails("carol", &args, 3).starts_with("error: no body file at"));
    let mut args = base.to_vec();
    args.extend(["--body", "x", "--body-file", &file_arg]);
    env.fails("carol", &args, 2);
    assert_eq!(env.all_tickets().len(), 3);

    // Messages read stdin with `-m -` too.
    let out = env
        .desk("bob")
        .args(["ticket", "comment", "1", "-m", "-"])
        .write_stdin("long\nnote\n")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(env.events(1).last().unwrap()["message"], "long\nnote");
}

/// Five tickets in every state, priority and type:
/// 1 carol incident high unclaimed; 2 carol access-request normal pending (bob);
/// 3 frank incident urgent awaiting (erin); 4 frank ci-failure low unclaimed;
/// 5 carol incident high closed (bob).
fn queue() -> TestEnv {
    let env = TestEnv::with_examples();
    env.incident("carol", "one");
    env.ok(
        "carol",
        &[
            "ticket",
            "new",
            "--type",
            "access-request",
            "--title",
            "two",
            "-f",
            "system=aws",
            "-f",
            "justification=j",
        ],
    );
    env.ok(
        "frank",
        &[
            "ticket",
            "new",
            "--type",
            "incident",
            "--title",
            "three",
            "-f",
            "service=db",
            "--priority",
            "urgent",
        ],
    );
    env.ok(
        "frank",
        &[
            "ticket",
            "new",
            "--type",
            "ci-failure",
            "--title",
            "four",
            "-f",
            "repo=a",
            "-f",
            "job=j",
            "-p",
            "low",
        ],
    );
    env.incident("carol", "five");
    env.ok("bob", &["ticket", "claim", "2"]);
    env.ok("erin", &["ticket", "claim", "3"]);
    env.ok("erin", &["ticket", "reply", "3", "-m", "?"]);
    env.ok("bob", &["ticket", "claim", "5"]);
    env.ok("bob", &["ticket", "reply", "5", "-m", "done"]);
    env.ok("carol", &["ticket", "confirm", "5"]);
    env
}

#[test]
fn list_filters_and_queue_order() {
    let env = queue();
    let list = |user: &str, args: &[&str]| {
        let mut all = vec!["ticket", "list"];
        all.extend(args);
        ids(&env.json(user, &all))
    };
    // Open tickets by default, urgent first, then high, normal, low; ties by age.
    assert_eq!(list("dave", &[]), [3, 1, 2, 4]);
    assert_eq!(list("dave", &["--all"]), [3, 1, 5, 2, 4]);
    assert_eq!(list("dave", &["--status", "closed"]), [5]);
    assert_eq!(list("dave", &["--status", "unclaimed,pending"]), [1, 2, 4]);
    assert_eq!(
        list("dave", &["--status", "awaiting", "--status", "closed"]),
        [3, 5]
    );
    assert_eq!(list("dave", &["--assignee", "bob"]), [2]);
    assert_eq!(
        list("dave", &["--assignee", "bob", "--status", "pending,closed"]),
        [5, 2]
    );
    assert_eq!(list("bob", &["--assignee", "me"]), [2]);
    assert_eq!(list("erin", &["--assignee", "me"]), [3]);
    assert_eq!(list("carol", &["--assignee", "me"]), Vec::<u64>::new());
    // A requester lists only their own tickets, whatever the filters.
    assert_eq!(list("carol", &["--all"]), [1, 5, 2]);
    assert_eq!(list("dave", &["--type", "incident"]), [3, 1]);
    assert_eq!(list("dave", &["--type", "incident", "--all"]), [3, 1, 5]);
    assert_eq!(list("dave", &["--requester", "frank"]), [3, 4]);
    assert_eq!(list("carol", &["--requester", "me"]), [1, 2]);
    assert_eq!(list("dave", &["--priority", "urgent,low"]), [3, 4]);
    assert_eq!(list("dave", &["--priority", "high", "--all"]), [1, 5]);
    assert_eq!(
        list("dave", &["--type", "incident", "--requester", "carol", "--all"]),
        [1, 5]
    );
    assert_eq!(list("dave", &["--limit", "2"]), [3, 1]);
    assert_eq!(list("dave", &["--all", "-n", "1"]), [3]);
    // A type with nothing open is an empty list; a name no template has is an error.
    assert_eq!(list("dave", &["--type", "customer-complaint"]), Vec::<u64>::new());
    env.fails("dave", &["ticket", "list", "--type", "nonesuch"], 3);

    env.fails("dave", &["ticket", "list", "--status", "open"], 2);
    env.fails("dave", &["ticket", "list", "--priority", "meh"], 2);
    env.fails("dave", &["ticket", "list", "--all", "--status", "closed"], 2);
}

#[test]
fn piped_lists_are_tab_separated_without_a_header() {
    let env = queue();
    let text = env.ok("dave", &["ticket", "list"]);
    let rows: Vec<Vec<&str>> = text.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), 4, "{text}");
    let first: Vec<&str> = rows.iter().map(|r| r[0]).collect();
    assert_eq!(
        first,
        ["INC-3", "INC-1", "ACC-2", "CI-4"],
        "no header, queue order:\n{text}"
    );
    assert!(rows.iter().all(|r| r.len() == rows[0].len()), "{text}");
    assert_eq!(&rows[0][1..4], ["awaiting", "urgent", "incident"], "{text}");
    assert!(
        rows[0].contains(&"three") && rows[0].contains(&"erin") && rows[0].contains(&"frank"),
        "{text}"
    );
    assert!(rows[1].contains(&"-"), "no assignee shows as `-`: {text}");
    assert!(!text.contains('\u{1b}'), "no colour when piped");

    // Nothing to list: empty stdout, success.
    assert_eq!(
        env.ok("dave", &["ticket", "list", "--type", "customer-complaint"]),
        ""
    );
}

#[test]
fn list_filters_name_real_types_and_agents() {
    let env = queue();
    let before = env.all_tickets();
    // A mistyped type is not an empty queue: exit 3, one line, and the likely name.
    let stderr = env.fails("dave", &["ticket", "list", "--type", "incdent"], 3);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines[0], "error: unknown ticket type `incdent`", "{stderr}");
    assert!(stderr.contains("hint: did you mean `incident`?"), "{stderr}");
    assert!(stderr.contains("available types: "), "{stderr}");
    // Likewise a mistyped agent; `me` is whoever acts, agent or not.
    let stderr = env.fails("dave", &["ticket", "list", "--assignee", "bobb"], 3);
    assert!(stderr.starts_with("error: agent `bobb` not found"), "{stderr}");
    assert!(stderr.contains("did you mean `bob`?"), "{stderr}");
    assert!(env.json("dave", &["ticket", "list", "--assignee", "me"]) == Value::Array(vec![]));
    // A type whose template was removed still lists its tickets.
    std::fs::remove_file(env.home().join("templates/ci-failure.toml")).unwrap();
    assert_eq!(
        ids(&env.json("dave", &["ticket", "list", "--type", "ci-failure"])),
        [4]
    );
    env.fails(
        "dave",
        &["ticket", "list", "--type", "ci-failure", "--status", "closed"],
        3,
    );
    assert_eq!(env.all_tickets(), before, "listing wrote nothing");
}

#[test]
fn terminal_tables_have_a_header_line_and_fit_the_width() {
    let env = TestEnv::with_examples();
    env.incident(
        "carol",
        "Checkout API returns 502 on every second request since the deploy",
    );
    env.incident("carol", "VPN drops every few minutes for the whole Berlin office");
    // Some CI pseudo-terminals report 0 columns: that is "unknown", and rows stay whole.
    let Some(screen) = env.on_terminal(0, "ticket list --color always", &[]) else {
        return;
    };
    let screen = strip_ansi(&screen);
    let lines: Vec<&str> = screen.lines().filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), 4, "header, line, two rows:\n{screen}");
    assert!(
        lines[0].starts_with("ID     STATUS     PRIORITY  TYPE"),
        "{screen}"
    );
    assert!(
        lines[1].chars().all(|c| c == '─'),
        "one line under the header:\n{screen}"
    );
    assert!(lines[2].starts_with("INC-1  unclaimed  high"), "{screen}");
    assert!(lines[2].contains("since the deploy"), "{screen}");
    assert!(
        lines.iter().all(|l| *l == l.trim_end()),
        "no trailing blanks:\n{screen}"
    );

    // A known width: long titles fold, short columns stay whole, nothing is wider.
    let Some(screen) = env.on_terminal(80, "ticket list --color always", &[]) else {
        return;
    };
    let plain = strip_ansi(&screen);
    let lines: Vec<&str> = plain.lines().filter(|l| !l.is_empty()).collect();
    assert!(lines.len() > 4, "{plain}");
    assert!(lines.iter().all(|l| l.chars().count() <= 80), "{plain}");
    assert!(lines[2].starts_with("INC-1  unclaimed  high"), "{plain}");
    assert_eq!(
        lines.iter().filter(|l| l.starts_with('─')).count(),
        1,
        "no lines between rows:\n{plain}"
    );
}

/// `text` without ANSI colour sequences.
fn strip_ansi(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn a_reader_that_leaves_early_is_not_an_error() {
    let env = queue();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("desk"))
        .env_clear()
        .env("DESK_HOME", env.home())
        .env("DESK_USER", "carol")
        .env("HOME", env.path())
        .args(["ticket", "list", "--all"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // like `| head -0`
    let status = child.wait().unwrap();
    let mut stderr = String::new();
    child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    assert!(status.success(), "{status:?}: {stderr}");
    assert_eq!(stderr, "");
}

#[test]
fn a_dedup_key_counts_repeats_on_the_open_ticket_and_opens_anew_after_close() {
    let env = TestEnv::with_examples();
    let ci = |title: &str| {
        env.json(
            "ci-bot",
            &[
                "ticket",
                "new",
                "--type",
                "ci-failure",
                "--title",
                title,
                "-f",
                "repo=acme/api",
                "-f",
                "job=test",
                "--dedup-key",
                "acme/api#test",
            ],
        )
    };
    let first = ci("test job failed");
    assert_eq!(
        (&first["id"], &first["deduplicated"], &first["occurrences"]),
        (&1.into(), &false.into(), &1.into())
    );
    assert_eq!(first["dedup_key"], "acme/api#test");
    let second = ci("test job failed again");
    assert_eq!(
        (&second["id"], &second["deduplicated"], &second["occurrences"]),
        (&1.into(), &true.into(), &2.into())
    );
    assert_eq!(
        second["title"], "test job failed",
        "the open ticket is not retitled"
    );
    assert_eq!(env.show(1)["occurrences"], 2);
    let events = env.events(1);
    assert_eq!(kinds(&events), ["created", "occurred"]);
    assert_eq!(events[1]["actor"], "ci-bot");
    assert!(
        events[1]["message"].as_str().unwrap().contains("again"),
        "{events:?}"
    );
    // -q still prints the (same) id.
    let quiet = env.ok(
        "ci-bot",
        &[
            "ticket",
            "new",
            "--type",
            "ci-failure",
            "--title",
            "t",
            "-f",
            "repo=acme/api",
            "-f",
            "job=test",
            "--dedup-key",
            "acme/api#test",
            "-q",
        ],
    );
    assert_eq!(quiet, "1\n");
    assert_eq!(env.all_tickets().len(), 1);

    // Once closed, the key opens a new ticket.
    env.ok("admin", &["ticket", "close", "1"]);
    let third = ci("broken once more");
    assert_eq!(
        (&third["id"], &third["deduplicated"], &third["occurrences"]),
        (&2.into(), &false.into(), &1.into())
    );
    assert_eq!(ci("and again")["id"], 2);
    assert_eq!(env.show(1)["occurrences"], 3, "the closed ticket is left alone");
    // A different key is a different problem.
    let other = env.json(
        "ci-bot",
        &[
            "ticket",
            "new",
            "--type",
            "ci-failure",
            "--title",
            "lint",
            "-f",
            "repo=acme/api",
            "-f",
            "job=lint",
            "--dedup-key",
            "acme/api#lint",
        ],
    );
    assert_eq!(other["id"], 3);
}

#[test]
fn agents_and_requesters_in_json() {
    let env = TestEnv::with_examples();
    let added = env.json(
        "admin",
        &[
            "agent",
            "add",
            "gus",
            "--skills",
            "network,ops",
            "--capacity",
            "3",
            "--role",
            "lead",
        ],
    );
    assert_eq!(added["name"], "gus");
    assert_eq!(added["role"], "lead");
    assert_eq!(added["status"], "offline", "the default status");
    assert_eq!(added["skills"], serde_json::json!(["network", "ops"]));
    assert_eq!(added["capacity"], 3);
    assert_eq!(added["open_tickets"], 0);
    env.fails("admin", &["agent", "add", "gus"], 6);

    let id = env.incident("carol", "x");
    env.ok("bob", &["ticket", "claim", &id.to_string()]);
    let agents = env.json("admin", &["agent", "list"]);
    let agents = agents.as_array().unwrap();
    let names: Vec<&str> = agents.iter().map(|a| a["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["admin", "bob", "dave", "erin", "gus"]);
    for agent in agents {
        for key in [
            "name",
            "role",
            "status",
            "skills",
            "capacity",
            "open_tickets",
            "created_at",
        ] {
            assert!(agent.get(key).is_some(), "`{key}` missing: {agent}");
        }
    }
    let bob = env.json("admin", &["agent", "show", "bob"]);
    assert_eq!(
        (&bob["role"], &bob["status"], &bob["open_tickets"]),
        (&"agent".into(), &"online".into(), &1.into())
    );
    assert_eq!(bob["skills"], serde_json::json!(["ops", "support"]));
    let stderr = env.fails("admin", &["agent", "show", "bobb"], 3);
    assert!(stderr.contains("did you mean `bob`?"), "{stderr}");

    let vera = env.json("bob", &["requester", "add", "vera", "--tier", "vip"]);
    assert_eq!((&vera["name"], &vera["tier"]), (&"vera".into(), &"vip".into()));
    assert!(vera["created_at"].is_string());
    let zed = env.json("bob", &["requester", "add", "zed"]);
    assert_eq!(zed["tier"], "standard", "the config's default tier");
    env.fails("bob", &["requester", "add", "zed"], 6);
    assert_eq!(
        env.json("bob", &["requester", "add", "zed", "--tier", "enterprise"])["tier"],
        "enterprise"
    );
    let list = env.json("bob", &["requester", "list"]);
    let list: Vec<(&str, &str)> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["name"].as_str().unwrap(), r["tier"].as_str().unwrap()))
        .collect();
    assert_eq!(list, [("vera", "vip"), ("zed", "enterprise")]);

    let vera = env.json("bob", &["requester", "show", "vera"]);
    assert_eq!((&vera["tier"], &vera["known"]), (&"vip".into(), &true.into()));
    assert_eq!(vera["tickets"], serde_json::json!([]));
    // A requester with tickets but no record: the default tier.
    let carol = env.json("carol", &["requester", "show", "carol"]);
    assert_eq!(
        (&carol["tier"], &carol["known"]),
        (&"standard".into(), &false.into())
    );
    assert_eq!(ids(&carol["tickets"]), [id]);
    env.fails("bob", &["requester", "show", "nobody"], 3);
}

#[test]
fn quiet_list_from_the_index_matches_the_full_listing() {
    let env = TestEnv::with_examples();
    for (title, priority) in [
        ("a", "low"),
        ("b", "urgent"),
        ("c", "normal"),
        ("d", "urgent"),
        ("e", "high"),
    ] {
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
    env.ok("bob", &["ticket", "claim", "3"]);
    for filters in [
        vec![],
        vec!["--status", "unclaimed"],
        vec!["--priority", "urgent"],
        vec!["--status", "unclaimed,pending", "--limit", "3"],
    ] {
        let mut quiet = vec!["ticket", "list", "-q"];
        quiet.extend(&filters);
        let ids: Vec<u64> = env
            .ok("admin", &quiet)
            .lines()
            .map(|l| l.parse().unwrap())
            .collect();
        let mut full = vec!["ticket", "list"];
        full.extend(&filters);
        let listed: Vec<u64> = env
            .json("admin", &full)
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["id"].as_u64().unwrap())
            .collect();
        assert_eq!(ids, listed, "{filters:?}");
        assert!(!ids.is_empty(), "{filters:?}");
    }
}

#[test]
fn init_says_when_no_notification_sink_is_configured() {
    let env = TestEnv::empty();
    let out = env.ok("admin", &["init", "--insecure-test-identities"]);
    assert!(
        out.contains("Notifications: no sink configured yet, so nothing is sent")
            && out.contains("desk notify flush"),
        "{out}"
    );
    assert_eq!(
        env.json("admin", &["init"])["notification_sinks"],
        serde_json::json!([])
    );
    let config = env.home().join("config.toml");
    let mut text = std::fs::read_to_string(&config).unwrap();
    text.push_str("\n[[notify.sinks]]\nname = \"log\"\nkind = \"exec\"\ncommand = [\"/bin/true\"]\n");
    std::fs::write(&config, text).unwrap();
    let again = env.ok("admin", &["init"]);
    assert!(
        again.contains("Notification sinks: log") && !again.contains("no sink"),
        "{again}"
    );
    assert_eq!(
        env.json("admin", &["init"])["notification_sinks"],
        serde_json::json!(["log"])
    );
}
