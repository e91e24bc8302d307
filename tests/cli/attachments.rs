//! `--attach FILE` on `ticket new`, `reply` and `comment`: files kept under the home and
//! listed by `show`; a requester never sees the files of internal notes; a missing file, a
//! directory or one over a limit is refused with nothing written; the files survive
//! backup → restore and export → import.

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::common::{kinds, TestEnv};

/// A file outside the home, for `--attach`.
fn file(env: &TestEnv, name: &str, bytes: &[u8]) -> String {
    let dir = env.path().join("files");
    fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    fs::write(&path, bytes).unwrap();
    path.display().to_string()
}

fn set_limits(env: &TestEnv, per_file: &str, per_message: &str) {
    let path = env.home().join("config.toml");
    let text = fs::read_to_string(&path).unwrap();
    let text = text
        .replacen(
            "max_file_size = \"10 MiB\"",
            &format!("max_file_size = {per_file}"),
            1,
        )
        .replacen(
            "max_total_size = \"25 MiB\"",
            &format!("max_total_size = {per_message}"),
            1,
        );
    assert!(text.contains(per_file) && text.contains(per_message), "{text}");
    fs::write(&path, text).unwrap();
}

/// Every file under `<home>/attachments`, relative to it, sorted.
fn stored_files(env: &TestEnv) -> Vec<String> {
    fn walk(dir: &Path, base: &Path, out: &mut Vec<String>) {
        let Ok(entries) = fs::read_dir(dir) else { return };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, base, out);
            } else {
                out.push(path.strip_prefix(base).unwrap().display().to_string());
            }
        }
    }
    let base = env.home().join("attachments");
    let mut out = Vec::new();
    walk(&base, &base, &mut out);
    out.sort();
    out
}

fn names(files: &Value) -> Vec<&str> {
    files
        .as_array()
        .expect("attachments array")
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect()
}

fn new_incident_args<'a>(title: &'a str, attach: &'a [String]) -> Vec<&'a str> {
    let mut args = vec![
        "ticket",
        "new",
        "--type",
        "incident",
        "--title",
        title,
        "--field",
        "service=api",
    ];
    for path in attach {
        args.extend(["--attach", path.as_str()]);
    }
    args
}

#[test]
fn files_attached_to_a_new_ticket_are_kept_and_listed() {
    let env = TestEnv::with_examples();
    let log = file(&env, "build.log", b"error: boom\n");
    let shot = file(&env, "screen shot.png", b"\x89PNG\r\n\x1a\nfake");
    let attach = [log, shot];
    let t = env.json("carol", &new_incident_args("build broke", &attach));
    let id = t["id"].as_u64().unwrap();

    let shown = env.show(id);
    let files = shown["attachments"].as_array().unwrap();
    assert_eq!(names(&shown["attachments"]), ["build.log", "screen shot.png"]);
    let dir = env.home().join("attachments").join(id.to_string());
    assert_eq!(files[0]["size"], 12);
    assert_eq!(files[0]["stored_as"], "1-build.log");
    assert_eq!(files[0]["event"], 0, "came with the `created` event");
    assert_eq!(files[1]["content_type"], "image/png");
    assert_eq!(files[1]["stored_as"], "2-screen_shot.png");
    let path = PathBuf::from(files[0]["path"].as_str().unwrap());
    assert_eq!(path, dir.join("1-build.log"));
    assert_eq!(fs::read(&path).unwrap(), b"error: boom\n");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "private like every file of the home");
    }

    let text = env.ok("admin", &["ticket", "show", &id.to_string()]);
    let line = text
        .lines()
        .find(|l| l.contains("build.log"))
        .expect("listed in the text");
    assert!(
        line.contains("12 B") && line.contains("with the ticket"),
        "{line}"
    );
    assert!(line.contains(&path.display().to_string()), "{line}");
    let log = env.ok("admin", &["ticket", "log", &id.to_string()]);
    assert!(log.contains("[attached: build.log, screen shot.png]"), "{log}");
}

#[test]
fn replies_and_notes_carry_files_and_requesters_never_see_the_notes() {
    let env = TestEnv::with_examples();
    let id = env.incident("carol", "db down").to_string();
    env.ok("bob", &["ticket", "claim", &id]);
    let patch = file(&env, "fix.diff", b"--- a\n+++ b\n");
    let said = env.ok(
        "bob",
        &["ticket", "reply", &id, "-m", "try this", "--attach", &patch],
    );
    assert!(said.contains("(1 file attached)"), "{said}");
    let secret = file(&env, "creds.txt", b"db password: hunter2\n");
    env.ok(
        "bob",
        &["ticket", "comment", &id, "-m", "root cause", "--attach", &secret],
    );
    let after = file(&env, "after.txt", b"works now\n");
    env.ok(
        "carol",
        &["ticket", "reply", &id, "-m", "thanks", "--attach", &after],
    );

    let shown = env.show(id.parse().unwrap());
    assert_eq!(
        names(&shown["attachments"]),
        ["fix.diff", "creds.txt", "after.txt"]
    );
    let events: Vec<u64> = shown["attachments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["event"].as_u64().unwrap())
        .collect();
    assert_eq!(
        kinds(&env.events(id.parse().unwrap())),
        ["created", "claimed", "replied", "commented", "replied"]
    );
    assert_eq!(events, [2, 3, 4]);
    assert_eq!(
        stored_files(&env),
        ["1/1-fix.diff", "1/2-creds.txt", "1/3-after.txt"]
    );

    // The requester sees the files of replies, not of the internal note.
    let theirs = env.json("carol", &["ticket", "show", &id]);
    assert_eq!(names(&theirs["attachments"]), ["fix.diff", "after.txt"]);
    for args in [["ticket", "show", id.as_str()], ["ticket", "log", id.as_str()]] {
        let text = env.ok("carol", &args);
        assert!(!text.contains("creds.txt"), "{args:?}:\n{text}");
    }
    let text = env.ok("bob", &["ticket", "show", &id]);
    assert!(
        text.contains("creds.txt") && text.contains("with the internal note"),
        "{text}"
    );
}

#[test]
fn a_bad_attachment_is_refused_with_one_line_and_nothing_is_written() {
    let env = TestEnv::with_examples();
    set_limits(&env, "16", "\"24 B\"");
    let small = file(&env, "small.txt", b"0123456789");
    let big = file(&env, "big.bin", &[7u8; 17]);
    let missing = env.path().join("files/nope.txt").display().to_string();
    let dir = env.path().join("files").display().to_string();
    let cases: [(Vec<String>, String); 4] = [
        (vec![small.clone(), missing.clone()], format!("cannot attach {missing}: no such file")),
        (vec![dir.clone()], format!("cannot attach {dir}: it is a directory")),
        (
            vec![big.clone()],
            format!("attachment {big} is 17 B, over the limit of 16 B per file (attachments.max_file_size)"),
        ),
        (
            vec![small.clone(), small.clone(), small.clone()],
            format!(
                "attachment {small} brings the message to 30 B, over the limit of 24 B per message (attachments.max_total_size)"
            ),
        ),
    ];
    for (attach, expected) in &cases {
        let stderr = env.fails("carol", &new_incident_args("db down", attach), 5);
        let first = stderr.lines().next().unwrap_or_default();
        assert!(first.contains(expected.as_str()), "{attach:?}: {stderr}");
        assert!(env.all_tickets().is_empty(), "no ticket for {attach:?}");
        assert!(!env.home().join("attachments").exists(), "no file for {attach:?}");
    }

    // The same refusals on a reply and a note: the ticket is as it was, no file is left.
    let id = env.incident("carol", "db down").to_string();
    env.ok("bob", &["ticket", "claim", &id]);
    let before = env.snapshot(id.parse().unwrap());
    for (attach, expected) in &cases {
        for verb in ["reply", "comment"] {
            let mut args = vec!["ticket", verb, id.as_str(), "-m", "see attached"];
            for path in attach {
                args.extend(["--attach", path.as_str()]);
            }
            let stderr = env.fails("bob", &args, 5);
            assert!(stderr.contains(expected.as_str()), "{verb} {attach:?}: {stderr}");
            assert_eq!(env.snapshot(id.parse().unwrap()), before, "{verb} {attach:?}");
            assert!(stored_files(&env).is_empty(), "{verb} {attach:?}");
        }
    }
}

#[test]
fn a_refused_move_leaves_no_file_behind() {
    let env = TestEnv::with_examples();
    let id = env.incident("carol", "db down").to_string();
    let note = file(&env, "note.txt", b"hello");
    // A requester cannot write internal notes (4); nobody replies to a closed ticket (6).
    env.fails(
        "carol",
        &["ticket", "comment", &id, "-m", "x", "--attach", &note],
        4,
    );
    env.ok("admin", &["ticket", "close", &id]);
    env.fails(
        "carol",
        &["ticket", "reply", &id, "-m", "x", "--attach", &note],
        6,
    );
    assert!(stored_files(&env).is_empty(), "{:?}", stored_files(&env));
    assert!(env.show(id.parse().unwrap())["attachments"]
        .as_array()
        .unwrap()
        .is_empty());
    // `--attach` belongs to one ticket filed from flags, not to a JSON stream.
    let stderr = env.fails(
        "carol",
        &["ticket", "new", "--from-json", "-", "--attach", &note],
        2,
    );
    assert!(stderr.contains("--attach"), "{stderr}");
}

#[test]
fn a_repeated_report_keeps_its_files_with_the_occurrence() {
    let env = TestEnv::with_examples();
    let first = file(&env, "run-1.log", b"failed once");
    let second = file(&env, "run-2.log", b"failed again");
    let mut args = new_incident_args("nightly build", std::slice::from_ref(&first));
    args.extend(["--dedup-key", "nightly"]);
    let t = env.json("ci", &args);
    let mut args = new_incident_args("nightly build", std::slice::from_ref(&second));
    args.extend(["--dedup-key", "nightly"]);
    let again = env.json("ci", &args);
    assert_eq!(again["deduplicated"], true);
    let id = t["id"].as_u64().unwrap();
    let shown = env.show(id);
    assert_eq!(names(&shown["attachments"]), ["run-1.log", "run-2.log"]);
    assert_eq!(shown["attachments"][1]["event"], 1, "the occurrence");
    assert_eq!(kinds(&env.events(id)), ["created", "occurred"]);
    assert_eq!(stored_files(&env), ["1/1-run-1.log", "1/2-run-2.log"]);
}

/// A ticket with a reply's file and a note's file, as `history` for the round trips.
fn with_files() -> TestEnv {
    let env = TestEnv::with_examples();
    let log = file(&env, "app.log", b"line 1\nline 2\n");
    let t = env.json("carol", &new_incident_args("api slow", &[log]));
    let id = t["id"].to_string();
    env.ok("bob", &["ticket", "claim", &id]);
    let bytes: Vec<u8> = (0..=255u8).cycle().take(3000).collect();
    let dump = file(&env, "heap.bin", &bytes);
    env.ok(
        "bob",
        &["ticket", "comment", &id, "-m", "heap dump", "--attach", &dump],
    );
    env
}

fn file_bytes(env: &TestEnv) -> Vec<(String, Vec<u8>)> {
    stored_files(env)
        .into_iter()
        .map(|name| {
            let bytes = fs::read(env.home().join("attachments").join(&name)).unwrap();
            (name, bytes)
        })
        .collect()
}

#[test]
fn attachments_survive_backup_and_restore() {
    let source = with_files();
    let backup = source.path().join("desk.backup");
    source.ok("admin", &["backup", backup.to_str().unwrap()]);
    let target = TestEnv::empty();
    target.advance(source.now() - target.now());
    target.ok("admin", &["restore", backup.to_str().unwrap()]);
    assert_eq!(file_bytes(&target).len(), 2);
    assert_eq!(file_bytes(&target), file_bytes(&source));
    assert_eq!(target.show(1)["attachments"], {
        // Paths differ by home; everything else is the same.
        let mut files = source.show(1)["attachments"].clone();
        for file in files.as_array_mut().unwrap() {
            let stored = file["stored_as"].as_str().unwrap();
            file["path"] = target
                .home()
                .join("attachments/1")
                .join(stored)
                .display()
                .to_string()
                .into();
        }
        files
    });
}

#[test]
fn attachments_survive_export_and_import() {
    let source = with_files();
    let export = source.path().join("export.jsonl");
    source.ok("admin", &["export", "-o", export.to_str().unwrap()]);
    let text = fs::read_to_string(&export).unwrap();
    let records: Vec<Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let kinds: Vec<&str> = records.iter().map(|r| r["record"].as_str().unwrap()).collect();
    assert_eq!(&kinds[kinds.len() - 3..], ["ticket", "attachment", "attachment"]);

    let fresh = || {
        let target = TestEnv::empty();
        target.advance(source.now() - target.now());
        target.ok("admin", &["init", "--examples", "--insecure-test-identities"]);
        target
    };
    let target = fresh();
    let summary = target.json("admin", &["import", export.to_str().unwrap()]);
    assert_eq!(
        (&summary["created"], &summary["attachments"]),
        (&1.into(), &2.into())
    );
    assert_eq!(file_bytes(&target), file_bytes(&source));
    // Importing again changes nothing; the files are recognised as the same.
    let again = target.json("admin", &["import", export.to_str().unwrap()]);
    assert_eq!(again["attachments"], 0, "{again}");

    // A file whose bytes were tampered with is refused, and nothing at all is written.
    let tampered = source.path().join("tampered.jsonl");
    let mut lines: Vec<Value> = records.clone();
    let last = lines.last_mut().unwrap();
    last["content"] = "AAAA".into();
    last["size"] = 3.into();
    let body: Vec<String> = lines.iter().map(Value::to_string).collect();
    fs::write(&tampered, body.join("\n") + "\n").unwrap();
    let other = fresh();
    let stderr = other.fails("admin", &["import", tampered.to_str().unwrap()], 5);
    assert!(stderr.contains("does not match its sha256"), "{stderr}");
    assert!(other.all_tickets().is_empty());
    assert!(stored_files(&other).is_empty());

    // A file that is not its ticket's, or climbs out of its directory, is refused too.
    let mut stray = records.clone();
    let last = stray.last_mut().unwrap();
    last["stored_as"] = "9-other.bin".into();
    let body: Vec<String> = stray.iter().map(Value::to_string).collect();
    fs::write(&tampered, body.join("\n") + "\n").unwrap();
    let stderr = other.fails("admin", &["import", tampered.to_str().unwrap()], 5);
    assert!(
        stderr.contains("no ticket line before it lists that file"),
        "{stderr}"
    );
    assert!(stored_files(&other).is_empty());

    // Here with other bytes: a conflict (6), and the file here is left as it was.
    let here = target.home().join("attachments/1/1-app.log");
    fs::write(&here, "changed").unwrap();
    let stderr = target.fails("admin", &["import", export.to_str().unwrap()], 6);
    assert!(
        stderr.contains("already exists here with other content"),
        "{stderr}"
    );
    assert_eq!(fs::read_to_string(&here).unwrap(), "changed");
}
