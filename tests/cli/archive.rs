//! `desk archive`: moving closed tickets to the cold archive now, its status, what reads
//! archived tickets (`ticket list --archived`, `show`) and what never does (`list`, `sla
//! check`, `assign auto`), reopening, and retention (`--purge-before`).

use chrono::Duration;
use serde_json::Value;

use crate::common::TestEnv;

/// Five incidents filed by admin; 1, 2 and 3 closed; then two days pass.
fn desk_with_closed_tickets() -> TestEnv {
    let env = TestEnv::with_examples();
    for n in 1..=5 {
        env.incident("admin", &format!("incident {n}"));
    }
    env.ok("bob", &["ticket", "claim", "2"]);
    for id in ["1", "2", "3"] {
        env.ok("admin", &["ticket", "close", id]);
    }
    env.advance(Duration::days(2));
    env
}

fn ids(list: &Value) -> Vec<u64> {
    let mut ids: Vec<u64> = list
        .as_array()
        .expect("array")
        .iter()
        .map(|t| t["id"].as_u64().expect("id"))
        .collect();
    ids.sort_unstable();
    ids
}

/// `archive status` without the hot store's size on disk: a refusal adds one entry to
/// the audit log, and that is the only write a refused command makes.
fn status(env: &TestEnv) -> Value {
    let mut status = env.json("admin", &["archive", "status"]);
    status["hot"].as_object_mut().unwrap().remove("bytes_on_disk");
    status
}

#[test]
fn archive_moves_closed_tickets_now_and_status_counts_both_sides() {
    let env = desk_with_closed_tickets();
    let before = status(&env);
    assert_eq!(before["hot"]["tickets"], 5);
    assert_eq!(before["hot"]["by_status"]["closed"], 3);
    assert_eq!(before["hot"]["awaiting_archive"], 0, "the default age is 7 days");
    assert_eq!(before["cold"]["tickets"], 0);
    let raw = env.json("admin", &["archive", "status"]);
    assert!(raw["hot"]["bytes_on_disk"].as_u64().unwrap() > 0);
    assert_eq!(before["archive_after_seconds"], 7 * 24 * 3600);

    // The default cutoff is the archive age: nothing is old enough yet.
    let dry = env.json("dave", &["archive", "--dry-run"]);
    assert_eq!(dry["archived"], 0);
    let dry = env.json("bob", &["archive", "--closed-before", "1d", "--dry-run"]);
    assert_eq!(
        (dry["dry_run"].as_bool(), dry["archived"].as_u64()),
        (Some(true), Some(3))
    );
    assert_eq!(status(&env), before, "a dry run writes nothing");

    let done = env.json("dave", &["archive", "--closed-before", "1d"]);
    assert_eq!(
        (done["dry_run"].as_bool(), done["archived"].as_u64()),
        (Some(false), Some(3))
    );
    let after = status(&env);
    assert_eq!(after["hot"]["tickets"], 2);
    assert_eq!(after["hot"]["by_status"]["closed"], 0);
    assert_eq!(after["cold"]["tickets"], 3);
    assert_eq!(after["cold"]["segments"], 1);
    assert_eq!(after["cold"]["frames"], 3);
    assert!(after["cold"]["bytes"].as_u64().unwrap() > 0);
    // Running it again finds nothing more.
    assert_eq!(
        env.json("dave", &["archive", "--closed-before", "1d"])["archived"],
        0
    );
    let human = env.ok("admin", &["archive", "status"]);
    assert!(human.contains("cold  3 tickets in 1 segment:"), "{human}");
}

#[test]
fn archived_tickets_are_read_only_by_list_archived_and_show() {
    let env = desk_with_closed_tickets();
    env.ok("dave", &["archive", "--closed-before", "1d"]);

    // Hot-store commands never see them.
    assert_eq!(ids(&env.json("admin", &["ticket", "list", "--all"])), vec![4, 5]);
    assert_eq!(
        ids(&env.json("admin", &["ticket", "list", "--status", "closed"])),
        Vec::<u64>::new()
    );
    let sla = env.ok("admin", &["sla", "check", "--dry-run"]);
    assert!(!sla.contains("INC-1") && !sla.contains("INC-2"), "{sla}");
    let plan = env.json("dave", &["assign", "auto", "--dry-run"]);
    let planned: Vec<u64> = plan["assignments"]
        .as_array()
        .unwrap()
        .iter()
        .chain(plan["leftovers"].as_array().unwrap())
        .map(|a| a["ticket"].as_u64().unwrap())
        .collect();
    assert!(planned.iter().all(|id| *id >= 4), "{plan}");

    // `--archived` reads the archive, with the same filters and output.
    let archived = env.json("admin", &["ticket", "list", "--archived"]);
    assert_eq!(ids(&archived), vec![1, 2, 3]);
    assert!(archived
        .as_array()
        .unwrap()
        .iter()
        .all(|t| t["archived"] == true && t["status"] == "closed"));
    assert_eq!(
        ids(&env.json("admin", &["ticket", "list", "--archived", "--assignee", "bob"])),
        vec![2]
    );
    assert_eq!(
        ids(&env.json("admin", &["ticket", "list", "--archived", "--type", "incident"])),
        vec![1, 2, 3]
    );
    assert_eq!(
        ids(&env.json(
            "admin",
            &["ticket", "list", "--archived", "--status", "unclaimed"]
        )),
        Vec::<u64>::new()
    );
    assert_eq!(
        ids(&env.json("admin", &["ticket", "list", "--archived", "--requester", "carol"])),
        Vec::<u64>::new()
    );
    assert_eq!(
        ids(&env.json("admin", &["ticket", "list", "--archived", "-n", "2"])).len(),
        2
    );
    let quiet = env.ok("admin", &["ticket", "list", "--archived", "-q"]);
    assert_eq!(quiet.lines().count(), 3, "{quiet}");
    let table = env.ok("admin", &["ticket", "list", "--archived", "--assignee", "bob"]);
    assert!(table.starts_with("INC-2\tclosed\t"), "{table}");
    // A mistyped type is an error, as for the hot list.
    let error = env.fails("admin", &["ticket", "list", "--archived", "--type", "incidnt"], 3);
    assert!(error.contains("incident"), "{error}");
    env.fails("admin", &["ticket", "list", "--archived", "--all"], 2);
    assert_eq!(env.show(2)["archived"], true);

    // Reopening brings one back hot; the archive no longer lists it.
    env.ok("admin", &["ticket", "reopen", "2"]);
    assert_eq!(env.show(2)["archived"], false);
    assert_eq!(
        ids(&env.json("admin", &["ticket", "list", "--archived"])),
        vec![1, 3]
    );
    assert_eq!(ids(&env.json("admin", &["ticket", "list"])), vec![2, 4, 5]);
    let after = status(&env);
    assert_eq!(
        (
            after["cold"]["tickets"].as_u64(),
            after["cold"]["restored"].as_u64()
        ),
        (Some(2), Some(1))
    );
}

#[test]
fn archiving_needs_a_lead_and_bad_cutoffs_write_nothing() {
    let env = desk_with_closed_tickets();
    let before = status(&env);
    let error = env.fails("bob", &["archive", "--closed-before", "1d"], 4);
    assert!(error.contains("only leads and admins archive tickets"), "{error}");
    assert!(error.contains("--dry-run"), "{error}");
    let error = env.fails("carol", &["archive", "--closed-before", "1d"], 4);
    assert!(error.contains("permission denied"), "{error}");
    let error = env.fails("dave", &["archive", "--closed-before", "soon"], 5);
    assert!(
        error.contains("`soon` is not a time") && error.contains("--closed-before 30d"),
        "{error}"
    );
    env.fails("dave", &["archive", "--export", "x.jsonl"], 2);
    env.fails(
        "dave",
        &["archive", "--closed-before", "1d", "--purge-before", "1d"],
        2,
    );
    assert_eq!(status(&env), before);
}

/// Archive 1–3, bring 2 back, and give 1 an attachment on disk.
fn desk_with_archive() -> TestEnv {
    let env = desk_with_closed_tickets();
    env.ok("dave", &["archive", "--closed-before", "1d"]);
    env.ok("admin", &["ticket", "reopen", "2"]);
    let attachments = env.home().join("attachments").join("1");
    std::fs::create_dir_all(&attachments).unwrap();
    std::fs::write(attachments.join("log.txt"), "secret").unwrap();
    // With the modes desk gives what it writes (doctor reports looser ones).
    use std::os::unix::fs::PermissionsExt;
    for (path, mode) in [
        (env.home().join("attachments"), 0o700),
        (attachments.clone(), 0o700),
        (attachments.join("log.txt"), 0o600),
    ] {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
    }
    env
}

#[test]
fn purge_exports_then_deletes_for_good() {
    let env = desk_with_archive();
    let export = env.path().join("purged.jsonl");
    let export_arg = export.to_str().unwrap();

    let dry = env.json("admin", &["archive", "--purge-before", "1d", "--dry-run"]);
    assert_eq!(dry["purged"], 2);
    assert_eq!(ids(&dry["tickets"]), vec![1, 3]);
    assert!(!export.exists());

    let done = env.json(
        "admin",
        &["archive", "--purge-before", "1d", "--export", export_arg, "--yes"],
    );
    assert_eq!(done["purged"], 2);
    assert_eq!(done["segments_rewritten"], 1);
    assert!(done["bytes_after"].as_u64() < done["bytes_before"].as_u64());

    // The export: a header, then one line per ticket with its whole history.
    let text = std::fs::read_to_string(&export).unwrap();
    let lines: Vec<Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["record"], "desk-export");
    assert_eq!(lines[0]["version"], 1);
    assert!(chrono::DateTime::parse_from_rfc3339(lines[0]["exported_at"].as_str().unwrap()).is_ok());
    assert_eq!(lines[0].as_object().unwrap().len(), 3);
    for (line, id) in lines[1..].iter().zip([1, 3]) {
        assert_eq!(line["record"], "ticket");
        assert_eq!(line["ticket"]["id"], id);
        assert_eq!(line["ticket"]["status"], "closed");
        assert_eq!(line["events"][0]["kind"], "created");
        assert_eq!(line.as_object().unwrap().len(), 3);
    }

    // Gone: show says so (exit 3), lists and status agree, files and attachments too.
    let error = env.fails("admin", &["ticket", "show", "1"], 3);
    assert!(error.contains("ticket 1 was purged by retention"), "{error}");
    env.fails("admin", &["ticket", "reopen", "INC-3"], 3);
    assert_eq!(
        ids(&env.json("admin", &["ticket", "list", "--archived"])),
        Vec::<u64>::new()
    );
    assert_eq!(
        env.show(2)["status"],
        "pending",
        "the reopened ticket is untouched"
    );
    let after = status(&env);
    assert_eq!(
        (
            after["cold"]["tickets"].as_u64(),
            after["cold"]["purged"].as_u64()
        ),
        (Some(0), Some(2))
    );
    assert!(!env.home().join("attachments").join("1").exists());
    for entry in std::fs::read_dir(env.home().join("cold")).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("incident 1\"") && !text.contains("incident 3\""),
            "purged data left on disk"
        );
    }
    env.ok("admin", &["doctor"]);
    // Ids are never reused after a purge.
    assert_eq!(env.incident("admin", "incident 6"), 6);

    // A second purge finds nothing and writes no export.
    let again = env.path().join("again.jsonl");
    let out = env.ok(
        "admin",
        &[
            "archive",
            "--purge-before",
            "1d",
            "--export",
            again.to_str().unwrap(),
            "--yes",
        ],
    );
    assert!(out.contains("nothing to purge"), "{out}");
    assert!(!again.exists());
}

#[test]
fn purge_without_a_terminal_needs_yes_and_an_admin_and_a_new_file() {
    let env = desk_with_archive();
    let before = status(&env);
    let export = env.path().join("purged.jsonl");
    let export_arg = export.to_str().unwrap();

    let error = env.fails(
        "admin",
        &["archive", "--purge-before", "1d", "--export", export_arg],
        5,
    );
    assert!(
        error.contains("no terminal") && error.contains("missing: --yes"),
        "{error}"
    );
    assert!(!export.exists(), "nothing exported before the refusal");

    let error = env.fails("dave", &["archive", "--purge-before", "1d", "--yes"], 4);
    assert!(error.contains("only admins purge archived tickets"), "{error}");
    env.ok("dave", &["archive", "--purge-before", "1d", "--dry-run"]);

    std::fs::write(&export, "keep me").unwrap();
    let error = env.fails(
        "admin",
        &["archive", "--purge-before", "1d", "--export", export_arg, "--yes"],
        6,
    );
    assert!(error.contains("already exists"), "{error}");
    assert_eq!(std::fs::read_to_string(&export).unwrap(), "keep me");

    let error = env.fails("admin", &["archive", "--purge-before", "someday", "--yes"], 5);
    assert!(error.contains("--purge-before 30d"), "{error}");
    env.fails("admin", &["archive", "--yes"], 2);

    assert_eq!(status(&env), before, "nothing was purged");
    assert_eq!(env.show(1)["archived"], true);
    assert!(env.home().join("attachments").join("1").exists());
}

#[test]
fn purge_writes_its_export_in_the_home_by_default() {
    let env = desk_with_archive();
    let out = env.ok("admin", &["archive", "--purge-before", "1d", "--yes"]);
    assert!(out.contains("Purged 2 archived tickets"), "{out}");
    let dir = env.home().join("purged");
    let files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1);
    assert!(out.contains(files[0].to_str().unwrap()), "{out}");
    assert_eq!(std::fs::read_to_string(&files[0]).unwrap().lines().count(), 3);
}

/// Run `desk ARGS` as admin on a pseudo-terminal (util-linux `script`) with `keys` typed;
/// its screen, or None when `script` is missing.
fn admin_on_terminal(env: &TestEnv, args: &str, keys: &str) -> Option<String> {
    use std::io::Write;
    use std::process::{Command, Stdio};
    if Command::new("script").arg("--version").output().is_err() {
        eprintln!("skipping: util-linux `script` is not installed");
        return None;
    }
    let desk = assert_cmd::cargo::cargo_bin("desk");
    let mut child = Command::new("script")
        // Narrower than the question, which must still be printed once.
        .args([
            "-qec",
            &format!("stty cols 60 rows 40; {} {args}", desk.display()),
            "/dev/null",
        ])
        .env_clear()
        .env("PATH", "/usr/bin:/bin")
        .env("DESK_HOME", env.home())
        .env("DESK_USER", "admin")
        .env("DESK_NOW", env.now().to_rfc3339())
        .env("HOME", env.path())
        .env("TERM", "dumb")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn script");
    child.stdin.take().unwrap().write_all(keys.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    Some(String::from_utf8_lossy(&out.stdout).replace("\r\n", "\n"))
}

#[test]
fn on_a_terminal_purge_asks_before_writing_anything() {
    let env = desk_with_archive();
    let before = status(&env);
    let export = env.path().join("purged.jsonl");
    let args = format!("archive --purge-before 1d --export {}", export.display());
    let Some(screen) = admin_on_terminal(&env, &args, "n") else {
        return;
    };
    assert!(
        screen.contains("Delete 2 archived tickets")
            && screen.contains(&format!("exported to {}", export.display())),
        "{screen}"
    );
    assert!(screen.contains("Nothing was purged or exported."), "{screen}");
    assert_eq!(
        screen.matches("Delete 2 archived tickets").count(),
        1,
        "the question is printed once, even on a terminal narrower than it: {screen}"
    );
    assert!(!export.exists(), "a declined purge writes no export");
    // The default export goes in the home: declined, nothing there either.
    let Some(screen) = admin_on_terminal(&env, "archive --purge-before 1d", "n") else {
        return;
    };
    let default_dir = env.home().join("purged");
    assert!(
        screen.contains(default_dir.to_str().unwrap()),
        "the question names the export file: {screen}"
    );
    assert!(!default_dir.exists(), "{screen}");
    assert_eq!(status(&env), before, "nothing was purged");
    assert!(env.home().join("attachments").join("1").exists());

    let Some(screen) = admin_on_terminal(&env, &args, "y") else {
        return;
    };
    assert!(screen.contains("Purged 2 archived tickets"), "{screen}");
    assert_eq!(std::fs::read_to_string(&export).unwrap().lines().count(), 3);
    assert_eq!(status(&env)["cold"]["purged"], 2);
}

#[test]
fn the_default_export_name_never_collides() {
    let env = desk_with_archive();
    // An earlier purge in the same second (or under the same DESK_NOW) took the plain name.
    let dir = env.home().join("purged");
    std::fs::create_dir_all(&dir).unwrap();
    let stamp = env.now().format("%Y%m%dT%H%M%SZ").to_string();
    let taken = dir.join(format!("purge-{stamp}.jsonl"));
    std::fs::write(&taken, "earlier purge").unwrap();
    let out = env.ok("admin", &["archive", "--purge-before", "1d", "--yes"]);
    let second = dir.join(format!("purge-{stamp}-2.jsonl"));
    assert!(out.contains(second.to_str().unwrap()), "{out}");
    assert_eq!(std::fs::read_to_string(&taken).unwrap(), "earlier purge");
    assert_eq!(std::fs::read_to_string(&second).unwrap().lines().count(), 3);
}

#[test]
fn purged_tickets_leave_search_and_their_export_imports_back() {
    let env = desk_with_archive();
    let hits = |env: &TestEnv| ids(&env.json("admin", &["ticket", "search", "incident"]));
    assert_eq!(
        hits(&env),
        vec![1, 2, 3, 4, 5],
        "the index is built and finds them all"
    );
    let export = env.path().join("purged.jsonl");
    let out = env.run(
        "admin",
        &[
            "archive",
            "--purge-before",
            "1d",
            "--export",
            export.to_str().unwrap(),
            "--yes",
        ],
    );
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("desk ticket search --reindex"), "{stderr}");
    assert_eq!(hits(&env), vec![2, 4, 5], "the next search no longer finds them");
    env.ok("admin", &["ticket", "search", "incident", "--reindex"]);
    assert_eq!(hits(&env), vec![2, 4, 5]);

    // The export is `desk export`'s format: another home imports it.
    let other = TestEnv::with_examples();
    other.ok("admin", &["import", export.to_str().unwrap()]);
    assert_eq!(other.show(1)["title"], "incident 1");
    assert_eq!(other.show(3)["status"], "closed");
    assert_eq!(other.events(3).len(), env_events_len(&export, 3));
}

/// How many events ticket `id` has in an export file.
fn env_events_len(export: &std::path::Path, id: u64) -> usize {
    std::fs::read_to_string(export)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .find(|l| l["ticket"]["id"] == id)
        .map(|l| l["events"].as_array().unwrap().len())
        .unwrap()
}
