//! The security model: identity from the OS account, impersonation as an audited admin
//! power, requester privacy across every reading command (a table-driven matrix), file
//! modes on every write path, and two real OS accounts sharing a group home.

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use serde_json::Value;

use crate::common::TestEnv;

/// The OS account running the tests (what desk authenticates).
fn login() -> String {
    let out = std::process::Command::new("id")
        .arg("-un")
        .output()
        .expect("id -un");
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

/// `desk` as the OS account itself: no DESK_USER, no --as.
fn desk_os(env: &TestEnv) -> Command {
    let mut cmd = Command::cargo_bin("desk").expect("desk binary");
    cmd.env_clear()
        .env("DESK_HOME", env.home())
        .env("DESK_NOW", env.now().to_rfc3339())
        .env("HOME", env.path())
        .env("NO_COLOR", "1");
    env.advance(chrono::Duration::minutes(1));
    cmd
}

fn run_os(env: &TestEnv, args: &[&str]) -> Output {
    desk_os(env).args(args).output().expect("run desk")
}

#[track_caller]
fn ok_os(env: &TestEnv, args: &[&str]) -> String {
    let out = run_os(env, args);
    assert!(
        out.status.success(),
        "desk {args:?} failed ({:?}): {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[track_caller]
fn json_os(env: &TestEnv, args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.push("--json");
    serde_json::from_str(&ok_os(env, &all)).expect("json")
}

/// A production home (no test identities) administered by this OS account.
fn production_home() -> TestEnv {
    let env = TestEnv::empty();
    let init = json_os(&env, &["init", "--examples"]);
    assert_eq!(init["admin"], login());
    assert_eq!(init["access"], "private");
    assert_eq!(init["insecure_test_identities"], false);
    ok_os(
        &env,
        &["agent", "add", "bob", "--skills", "ops", "--status", "online"],
    );
    ok_os(
        &env,
        &["agent", "add", "dave", "--role", "lead", "--status", "online"],
    );
    env
}

#[test]
fn the_os_account_is_the_acting_user_and_its_impersonation_is_recorded() {
    let env = production_home();
    let me = login();
    // Without --as, desk acts as the OS account: the first admin.
    let id = json_os(
        &env,
        &[
            "ticket",
            "new",
            "--type",
            "incident",
            "--title",
            "mine",
            "--field",
            "service=api",
        ],
    )["id"]
        .as_u64()
        .unwrap();
    assert_eq!(
        json_os(&env, &["ticket", "show", &id.to_string()])["requester"],
        me.as_str()
    );

    // An admin may act as someone else; each event records both.
    let id = json_os(
        &env,
        &[
            "--as",
            "carol",
            "ticket",
            "new",
            "--type",
            "incident",
            "--title",
            "hers",
            "--field",
            "service=api",
        ],
    )["id"]
        .as_u64()
        .unwrap()
        .to_string();
    json_os(&env, &["--as", "bob", "ticket", "claim", &id]);
    let log = json_os(&env, &["ticket", "log", &id]);
    let created = &log[0];
    assert_eq!(created["actor"], "carol");
    assert_eq!(created["real_actor"], me.as_str());
    assert_eq!(log[1]["actor"], "bob");
    assert_eq!(log[1]["real_actor"], me.as_str());
    let text = ok_os(&env, &["ticket", "log", &id]);
    assert!(text.contains(&format!("{me} (as carol)")), "{text}");
    assert!(text.contains(&format!("{me} (as bob)")), "{text}");
    // Acting as oneself records no real actor.
    let mine = json_os(&env, &["ticket", "log", "1"]);
    assert_eq!(mine[0]["real_actor"], Value::Null);

    // The audit log lists both impersonated commands.
    let audit = json_os(&env, &["audit", "--impersonated"]);
    let commands: Vec<&str> = audit
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["command"].as_str().unwrap())
        .collect();
    assert!(
        commands.iter().any(|c| c.contains("--as carol ticket new")),
        "{commands:?}"
    );
    assert!(
        commands.iter().any(|c| c.contains("--as bob ticket claim")),
        "{commands:?}"
    );
    assert!(audit
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["real_actor"] == me.as_str()));
}

#[test]
fn a_non_admin_cannot_act_as_anyone_and_nothing_is_written() {
    let env = production_home();
    let me = login();
    json_os(
        &env,
        &[
            "ticket",
            "new",
            "--type",
            "incident",
            "--title",
            "one",
            "--field",
            "service=api",
        ],
    );
    // Map this OS account to the lead dave: from now on it signs in as dave.
    ok_os(&env, &["agent", "set", "dave", "--os-user", &me]);
    let whoami = json_os(&env, &["ticket", "list", "--all"]);
    assert_eq!(whoami.as_array().unwrap().len(), 1);
    let before = ok_os(&env, &["ticket", "list", "--all", "--json"]);
    for (how, args) in [
        (
            "--as",
            vec![
                "--as",
                "bob",
                "ticket",
                "new",
                "--type",
                "incident",
                "--title",
                "x",
                "--field",
                "service=api",
            ],
        ),
        ("--as", vec!["--as", "carol", "ticket", "list"]),
    ] {
        let out = run_os(&env, &args);
        assert_eq!(
            out.status.code(),
            Some(4),
            "{how}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        let first = stderr.lines().next().unwrap();
        assert!(first.contains("only admins may act as another user"), "{first}");
        assert!(first.contains("dave is a lead"), "{first}");
    }
    // DESK_USER is the same request as --as.
    let out = desk_os(&env)
        .env("DESK_USER", "bob")
        .args(["ticket", "claim", "1"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    assert_eq!(
        ok_os(&env, &["ticket", "list", "--all", "--json"]),
        before,
        "nothing was written"
    );
    // Only an admin may map OS accounts: dave (a lead) cannot map himself back.
    let out = run_os(&env, &["agent", "set", "dave", "--os-user", "nobody"]);
    assert_eq!(
        out.status.code(),
        Some(4),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_desk_user_named_like_the_account_but_mapped_elsewhere_is_not_that_account() {
    let env = production_home();
    let me = login();
    // Another agent now claims this OS account: the admin record named `me` no longer
    // matches it by name, so the account signs in as that agent.
    ok_os(&env, &["agent", "add", "ops-bot", "--os-user", &me]);
    let out = run_os(&env, &["audit"]);
    assert_eq!(out.status.code(), Some(4), "ops-bot is an agent, not an admin");
    assert!(String::from_utf8_lossy(&out.stderr).contains("`ops-bot` is not an admin"));
}

#[test]
fn test_identities_are_only_made_with_a_new_home_and_doctor_shows_them() {
    let env = TestEnv::with_examples();
    let doctor = env.json("admin", &["doctor"]);
    assert_eq!(doctor["insecure_test_identities"], true);
    let out = env.run("admin", &["doctor"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("insecure test identities"));
    // A production home cannot be turned into one.
    let prod = production_home();
    let out = run_os(&prod, &["init", "--insecure-test-identities"]);
    assert_eq!(
        out.status.code(),
        Some(6),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(json_os(&prod, &["doctor"])["insecure_test_identities"], false);
    // And a new production home may not name someone else its first admin.
    let fresh = TestEnv::empty();
    let out = desk_os(&fresh)
        .args(["--as", "mallory", "init"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    assert!(String::from_utf8_lossy(&out.stderr).contains("first admin of a new home"));
    assert!(!fresh.home().exists(), "a refused init writes nothing");
}

/// carol's ticket with an internal comment and a reply; erik has one of his own.
fn privacy_fixture() -> (TestEnv, String, String) {
    let env = TestEnv::with_examples();
    let carol = env.incident("carol", "payroll export broken").to_string();
    env.ok("bob", &["ticket", "claim", &carol]);
    env.ok(
        "bob",
        &[
            "ticket",
            "comment",
            &carol,
            "-m",
            "suspect zebrafish cache on db2",
        ],
    );
    env.ok(
        "bob",
        &["ticket", "reply", &carol, "-m", "restarted the exporter"],
    );
    let erik = env.incident("erik", "vpn drops hourly").to_string();
    (env, carol, erik)
}

/// Everything observable in the store, for "a refusal wrote nothing".
fn fingerprint(env: &TestEnv) -> String {
    let tickets = env.json("admin", &["ticket", "list", "--all"]);
    let mut text = tickets.to_string();
    for t in tickets.as_array().unwrap() {
        text.push_str(
            &env.json("admin", &["ticket", "log", &t["id"].to_string()])
                .to_string(),
        );
    }
    text
}

#[test]
fn permission_matrix_every_refusal_exits_4_and_writes_nothing() {
    let (env, carol, erik) = privacy_fixture();
    let missing = "999";
    // (who, command, expected exit)
    let cases: Vec<(&str, Vec<&str>, i32)> = vec![
        // show / log: the requester, staff of every role; not another requester.
        ("carol", vec!["ticket", "show", &carol], 0),
        ("erik", vec!["ticket", "show", &carol], 4),
        ("erik", vec!["ticket", "show", missing], 4),
        ("bob", vec!["ticket", "show", missing], 3),
        ("bob", vec!["ticket", "show", &carol], 0),
        ("dave", vec!["ticket", "show", &carol], 0),
        ("admin", vec!["ticket", "show", &carol], 0),
        ("carol", vec!["ticket", "log", &carol], 0),
        ("erik", vec!["ticket", "log", &carol], 4),
        // list: own tickets only for requesters.
        ("erik", vec!["ticket", "list", "--requester", "carol"], 4),
        ("carol", vec!["ticket", "list", "--all"], 0),
        ("bob", vec!["ticket", "list", "--requester", "carol"], 0),
        // moves on someone else's ticket: the same refusal as for a missing one.
        ("erik", vec!["ticket", "reply", &carol, "-m", "me too"], 4),
        ("erik", vec!["ticket", "confirm", &carol], 4),
        ("erik", vec!["ticket", "comment", &carol, "-m", "x"], 4),
        ("erik", vec!["ticket", "reply", missing, "-m", "x"], 4),
        // people: requesters see only themselves.
        ("erik", vec!["requester", "show", "carol"], 4),
        ("erik", vec!["requester", "show", "erik"], 0),
        ("erik", vec!["requester", "list"], 4),
        ("bob", vec!["requester", "list"], 0),
        // whole-desk reads: staff only, export and audit narrower still.
        ("carol", vec!["report"], 4),
        ("bob", vec!["report"], 0),
        ("carol", vec!["export"], 4),
        ("bob", vec!["export"], 4),
        ("dave", vec!["export"], 0),
        ("carol", vec!["sla", "check"], 4),
        ("bob", vec!["sla", "check", "--dry-run"], 0),
        ("bob", vec!["audit"], 4),
        ("dave", vec!["audit"], 4),
        ("admin", vec!["audit"], 0),
        // search: allowed for everyone, filtered (checked below).
        ("erik", vec!["ticket", "search", "payroll"], 0),
        // moves by role.
        ("erik", vec!["ticket", "claim", &erik], 4),
        ("carol", vec!["ticket", "comment", &carol, "-m", "x"], 4),
        ("bob", vec!["ticket", "assign", &carol, "--to", "erin"], 4),
        ("erik", vec!["assign", "auto"], 4),
        ("bob", vec!["assign", "auto"], 4),
        ("erik", vec!["ticket", "priority", &erik, "urgent"], 4),
        // people and the store as a whole.
        ("bob", vec!["agent", "add", "mallory"], 4),
        ("dave", vec!["agent", "set", "bob", "--role", "admin"], 4),
        ("carol", vec!["agent", "status", "bob", "offline"], 4),
        ("carol", vec!["requester", "set", "carol", "--tier", "vip"], 4),
        ("bob", vec!["requester", "add", "zoe", "--os-user", "zoe1"], 4),
        ("carol", vec!["kb", "add", "--title", "t", "--body", "b"], 4),
        ("carol", vec!["notify", "list"], 4),
        ("bob", vec!["archive", "--closed-before", "1d"], 4),
        ("carol", vec!["backup", "/dev/null/never"], 4),
        ("dave", vec!["import", "/dev/null"], 4),
        ("dave", vec!["doctor", "--repair"], 4),
        ("carol", vec!["doctor"], 0),
    ];
    for (who, args, code) in &cases {
        let before = fingerprint(&env);
        let out = env.run(who, args);
        assert_eq!(
            out.status.code(),
            Some(*code),
            "desk {args:?} as {who}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        if *code == 4 {
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(
                stderr.lines().next().unwrap().contains("permission denied"),
                "{stderr}"
            );
            // Whether the ticket exists is not revealed, nor whose it is.
            assert!(!stderr.contains("not found"), "{stderr}");
            if args.contains(&missing) || args.contains(&carol.as_str()) && args[0] == "ticket" {
                assert!(!stderr.contains("carol"), "names the requester: {stderr}");
            }
            assert_eq!(
                fingerprint(&env),
                before,
                "desk {args:?} as {who} wrote something"
            );
        }
    }
    // The two refusals for a foreign and a missing ticket read the same.
    let foreign = env
        .fails("erik", &["ticket", "show", &carol], 4)
        .replace(&carol, "N");
    let absent = env
        .fails("erik", &["ticket", "show", missing], 4)
        .replace(missing, "N");
    assert_eq!(foreign, absent);
    // Every refusal above is in the audit log.
    let refused = env.json("admin", &["audit", "--refused"]);
    let denied = cases.iter().filter(|c| c.2 == 4).count();
    assert!(refused.as_array().unwrap().len() >= denied, "{refused}");
}

#[test]
fn requesters_never_read_internal_notes_or_others_tickets() {
    let (env, carol, erik) = privacy_fixture();
    // show and log leave the comment out for the requester, keep it for staff.
    let shown = env.json("carol", &["ticket", "show", &carol]);
    let kinds: Vec<&str> = shown["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert!(!kinds.contains(&"commented"), "{kinds:?}");
    assert!(kinds.contains(&"replied"));
    assert!(!env.ok("carol", &["ticket", "show", &carol]).contains("zebrafish"));
    assert!(!env.ok("carol", &["ticket", "log", &carol]).contains("zebrafish"));
    assert!(!env
        .ok("carol", &["ticket", "log", &carol, "--json"])
        .contains("zebrafish"));
    assert!(env.ok("bob", &["ticket", "log", &carol]).contains("zebrafish"));
    // list: each requester sees their own.
    let listed = |who: &str| -> Vec<String> {
        env.json(who, &["ticket", "list", "--all"])
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["id"].to_string())
            .collect()
    };
    assert_eq!(listed("carol"), vec![carol.as_str()]);
    assert_eq!(listed("erik"), vec![erik.as_str()]);
    assert_eq!(listed("bob").len(), 2);
    let quiet = env.ok("erik", &["ticket", "list", "-q", "--all"]);
    assert_eq!(quiet.trim(), erik);
    // search: erik finds nothing of carol's; carol cannot find her ticket by the note's
    // word; staff can.
    let hits = |who: &str, word: &str| -> usize {
        env.json(who, &["ticket", "search", word])
            .as_array()
            .unwrap()
            .len()
    };
    assert_eq!(hits("erik", "payroll"), 0);
    assert_eq!(hits("carol", "payroll"), 1);
    assert_eq!(hits("carol", "zebrafish"), 0);
    assert_eq!(hits("bob", "zebrafish"), 1);
    assert!(!env
        .ok("carol", &["ticket", "search", "payroll"])
        .contains("zebrafish"));
}

/// Paths under `root` with any group or other permission bit.
fn loose_files(root: &Path) -> Vec<(PathBuf, u32)> {
    let mut loose = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(path) = stack.pop() {
        let meta = std::fs::symlink_metadata(&path).unwrap();
        if meta.file_type().is_symlink() {
            continue;
        }
        if meta.mode() & 0o077 != 0 {
            loose.push((path.clone(), meta.mode() & 0o7777));
        }
        if meta.is_dir() {
            for entry in std::fs::read_dir(&path).unwrap() {
                stack.push(entry.unwrap().path());
            }
        }
    }
    loose
}

#[test]
fn every_write_path_leaves_files_private() {
    let env = TestEnv::with_examples();
    let mode = |p: &Path| std::fs::metadata(p).unwrap().mode() & 0o7777;
    assert_eq!(mode(&env.home()), 0o700);
    assert_eq!(mode(&env.home().join("config.toml")), 0o600);
    assert_eq!(mode(&env.home().join("templates/incident.toml")), 0o600);
    // Attachments (e-mail intake), the archive, the search index, exports and backups.
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/email/html-attachments.eml");
    env.ok("mailer", &["ingest", "email", fixture.to_str().unwrap()]);
    assert!(env.home().join("attachments").is_dir());
    let id = env.incident("carol", "to be archived").to_string();
    env.ok("bob", &["ticket", "claim", &id]);
    env.ok("bob", &["ticket", "reply", &id, "-m", "done"]);
    env.ok("carol", &["ticket", "confirm", &id]);
    env.advance(chrono::Duration::days(30));
    env.ok("admin", &["archive"]);
    env.ok("carol", &["ticket", "search", "archived"]);
    let export = env.path().join("export.jsonl");
    env.ok("admin", &["export", "-o", export.to_str().unwrap()]);
    let backup = env.path().join("home.tar");
    env.ok("admin", &["backup", backup.to_str().unwrap()]);
    assert_eq!(mode(&export), 0o600);
    assert_eq!(mode(&backup), 0o600);
    assert!(
        env.home().join("cold").read_dir().unwrap().count() > 0,
        "something was archived"
    );
    let loose = loose_files(&env.home());
    assert!(loose.is_empty(), "files readable by others: {loose:?}");
    // A restored home is private too.
    let restored = env.path().join("restored");
    env.desk("admin")
        .args([
            "--home",
            restored.to_str().unwrap(),
            "restore",
            backup.to_str().unwrap(),
        ])
        .assert()
        .success();
    assert_eq!(loose_files(&restored), Vec::<(PathBuf, u32)>::new());
}

#[test]
fn doctor_reports_loose_modes_and_repair_tightens_them() {
    let env = TestEnv::with_examples();
    let config = env.home().join("config.toml");
    std::fs::set_permissions(&config, std::fs::Permissions::from_mode(0o644)).unwrap();
    let stderr = env.fails("admin", &["doctor"], 5);
    assert!(stderr.contains("problem"), "{stderr}");
    let out = env.run("admin", &["doctor", "--json"]);
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["access"], "private");
    let problems = report["problems"].as_array().unwrap();
    assert!(
        problems
            .iter()
            .any(|p| p["area"] == "files" && p["message"].as_str().unwrap().contains("config.toml is 0644")),
        "{report}"
    );
    // Only admins repair.
    env.fails("bob", &["doctor", "--repair"], 4);
    env.ok("admin", &["doctor", "--repair"]);
    assert_eq!(std::fs::metadata(&config).unwrap().mode() & 0o777, 0o600);
    env.ok("admin", &["doctor"]);
}

/// Where a system tool lives (the test's PATH may lack the sbin directories).
fn tool(name: &str) -> Option<PathBuf> {
    ["/usr/sbin", "/usr/bin", "/sbin", "/bin"]
        .iter()
        .map(|dir| Path::new(dir).join(name))
        .find(|path| path.exists())
}

/// Root can make throwaway accounts; anyone else skips, saying why.
fn can_make_accounts() -> bool {
    if login() != "root" {
        eprintln!(
            "skipping: making throwaway OS accounts needs root (running as {})",
            login()
        );
        return false;
    }
    for name in ["useradd", "groupadd", "runuser"] {
        if tool(name).is_none() {
            eprintln!("skipping: `{name}` is not installed");
            return false;
        }
    }
    true
}

fn sh(program: &str, args: &[&str]) -> Output {
    let path = tool(program).unwrap_or_else(|| PathBuf::from(program));
    std::process::Command::new(path)
        .args(args)
        .output()
        .expect(program)
}

/// Make group `desk-ops` with member `desk-ops1`, and `desk-other` outside it.
fn throwaway_accounts() {
    let _ = sh("groupadd", &["-f", "desk-ops"]);
    for (user, groups) in [("desk-ops1", "desk-ops"), ("desk-other", "")] {
        if sh("id", &[user]).status.success() {
            continue;
        }
        let mut args = vec!["-M", "-s", "/bin/sh"];
        if !groups.is_empty() {
            args.extend(["-G", groups]);
        }
        args.push(user);
        let out = sh("useradd", &args);
        assert!(
            out.status.success(),
            "useradd {user}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn two_os_accounts_share_a_group_home_and_cannot_impersonate() {
    if !can_make_accounts() {
        return;
    }
    throwaway_accounts();
    // A world-traversable place with a copy of the binary every account can run.
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let desk = dir.path().join("desk");
    std::fs::copy(assert_cmd::cargo::cargo_bin("desk"), &desk).unwrap();
    std::fs::set_permissions(&desk, std::fs::Permissions::from_mode(0o755)).unwrap();
    let home = dir.path().join("home");
    let run_as = |user: &str, vars: &[(&str, &str)], args: &[&str]| -> Output {
        let mut cmd = std::process::Command::new(tool("runuser").unwrap());
        cmd.args(["-u", user, "--"]).arg(&desk).args(args);
        cmd.env_clear()
            .env("PATH", "/usr/bin:/bin")
            .env("DESK_HOME", &home)
            .env("HOME", dir.path())
            .env("NO_COLOR", "1")
            .envs(vars.iter().copied());
        cmd.output().expect("runuser")
    };
    let ok = |user: &str, vars: &[(&str, &str)], args: &[&str]| -> String {
        let out = run_as(user, vars, args);
        assert!(
            out.status.success(),
            "{user}: desk {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    ok("root", &[], &["init", "--examples", "--group", "desk-ops"]);
    let meta = std::fs::metadata(&home).unwrap();
    assert_eq!(meta.mode() & 0o7777, 0o2770, "group home directory");
    ok(
        "root",
        &[],
        &[
            "agent",
            "add",
            "desk-ops1",
            "--skills",
            "ops",
            "--status",
            "online",
        ],
    );

    // desk-ops1 is who their OS account says, whatever DESK_USER claims.
    let filed: Value = serde_json::from_str(&ok(
        "desk-ops1",
        &[],
        &[
            "ticket",
            "new",
            "--type",
            "incident",
            "--title",
            "from ops1",
            "--field",
            "service=api",
            "--json",
        ],
    ))
    .unwrap();
    assert_eq!(filed["requester"], "desk-ops1");
    let before = ok("root", &[], &["ticket", "list", "--all", "--json"]);
    for vars in [vec![("DESK_USER", "root")], vec![]] {
        let mut args = vec![
            "ticket",
            "new",
            "--type",
            "incident",
            "--title",
            "forged",
            "--field",
            "service=api",
        ];
        if vars.is_empty() {
            args.splice(0..0, ["--as", "root"]);
        }
        let out = run_as("desk-ops1", &vars, &args);
        assert_eq!(
            out.status.code(),
            Some(4),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(String::from_utf8_lossy(&out.stderr).contains("only admins may act as another user"));
    }
    assert_eq!(
        ok("root", &[], &["ticket", "list", "--all", "--json"]),
        before,
        "nothing written"
    );

    // Files desk-ops1 wrote are the group's, 0660, never world-readable.
    let mut stack = vec![home.clone()];
    while let Some(path) = stack.pop() {
        let meta = std::fs::symlink_metadata(&path).unwrap();
        assert_eq!(meta.mode() & 0o007, 0, "{} is world-accessible", path.display());
        if meta.is_dir() {
            assert_eq!(meta.mode() & 0o2070, 0o2070, "{} keeps the group", path.display());
            stack.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
        }
    }
    let doctor: Value = serde_json::from_str(&ok("root", &[], &["doctor", "--json"])).unwrap();
    assert_eq!(doctor["access"], "group:desk-ops");

    // An account outside the group cannot read the home at all.
    let out = run_as("desk-other", &[], &["ticket", "list"]);
    assert_eq!(
        out.status.code(),
        Some(4),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read the desk home"));

    // The admin sees every refused attempt in the audit log, with the real account.
    let audit: Value = serde_json::from_str(&ok("root", &[], &["audit", "--refused", "--json"])).unwrap();
    let refused: Vec<&Value> = audit
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["real_actor"] == "desk-ops1")
        .collect();
    assert_eq!(refused.len(), 2, "{audit}");
    assert!(refused
        .iter()
        .all(|e| e["actor"] == "root" && e["outcome"] == "refused"));
}
