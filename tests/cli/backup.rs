//! `desk backup` and `desk restore`: a backup taken while tickets are being filed restores
//! to a consistent home; a damaged backup is refused before anything is written; a home
//! with tickets is replaced only with --force, and only by its admin.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use chrono::Duration;
use serde_json::Value;

use crate::common::TestEnv;

/// Every export line but the header (which carries the time of the export).
fn export_body(env: &TestEnv) -> Vec<String> {
    env.ok("admin", &["export"])
        .lines()
        .skip(1)
        .map(str::to_string)
        .collect()
}

/// Some history with an archived ticket and an attachment-free customer ticket.
fn history() -> TestEnv {
    let env = TestEnv::with_examples();
    let path = env.home().join("config.toml");
    let config = fs::read_to_string(&path).unwrap();
    fs::write(&path, config.replace("after = \"7d\"", "after = \"1h\"")).unwrap();
    let first = env.incident("carol", "db down");
    env.ok("bob", &["ticket", "claim", &first.to_string()]);
    env.ok("bob", &["ticket", "reply", &first.to_string(), "-m", "restarted"]);
    env.ok("carol", &["ticket", "confirm", &first.to_string()]);
    env.advance(Duration::hours(2));
    env.incident("carol", "vpn flaps");
    env.incident("carol", "disk full");
    assert_eq!(env.show(1)["archived"], true);
    env
}

fn backup(env: &TestEnv) -> PathBuf {
    let file = env.path().join("desk.backup");
    let summary = env.json("admin", &["backup", file.to_str().unwrap()]);
    assert_eq!(summary["hot_tickets"], 2, "{summary}");
    assert_eq!(summary["archived_tickets"], 1, "{summary}");
    file
}

/// A second environment sharing nothing with the first, at the same time.
fn elsewhere(source: &TestEnv) -> TestEnv {
    let target = TestEnv::empty();
    target.advance(source.now() - target.now());
    target
}

fn restore(target: &TestEnv, file: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["restore", file.to_str().unwrap()];
    args.extend_from_slice(extra);
    target.run("admin", &args)
}

#[test]
fn a_restored_home_holds_everything_the_backup_did() {
    let source = history();
    let file = backup(&source);
    let target = elsewhere(&source);
    let out = restore(&target, &file, &[]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(export_body(&target), export_body(&source));
    for id in 1..=3 {
        assert_eq!(target.snapshot(id), source.snapshot(id));
        assert_eq!(target.events(id), source.events(id));
    }
    assert_eq!(target.show(1)["archived"], true);
    assert_eq!(
        fs::read_to_string(target.home().join("config.toml")).unwrap(),
        fs::read_to_string(source.home().join("config.toml")).unwrap()
    );
    assert!(target.home().join("templates/incident.toml").is_file());
    // The restored home works: the next ticket gets the next id.
    assert_eq!(target.incident("carol", "after restore"), 4);
    // No staging directories are left beside the home.
    let leftovers: Vec<_> = fs::read_dir(target.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

fn desk_process(env: &TestEnv, args: &[&str]) -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("desk"));
    cmd.env_clear()
        .env("DESK_HOME", env.home())
        .env("DESK_USER", "admin")
        .env("DESK_NOW", env.now().to_rfc3339())
        .env("HOME", env.path())
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd
}

#[test]
fn a_backup_taken_while_tickets_are_filed_is_consistent() {
    let source = history();
    let file = source.path().join("during.backup");
    let filers: Vec<_> = (0..12)
        .map(|i| {
            let title = format!("concurrent {i}");
            desk_process(
                &source,
                &[
                    "ticket",
                    "new",
                    "--type",
                    "incident",
                    "--title",
                    &title,
                    "-f",
                    "service=api",
                    "-q",
                ],
            )
            .spawn()
            .unwrap()
        })
        .collect();
    let backup = desk_process(&source, &["backup", file.to_str().unwrap(), "--json"])
        .spawn()
        .unwrap();
    let mut filed = BTreeSet::new();
    for child in filers {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        filed.insert(
            String::from_utf8(out.stdout)
                .unwrap()
                .trim()
                .parse::<u64>()
                .unwrap(),
        );
    }
    let out = backup.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let summary: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(filed.len(), 12);

    let target = elsewhere(&source);
    let out = restore(&target, &file, &[]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    // The backup holds the three first tickets and some prefix-closed set of the
    // concurrent ones: each present ticket whole, every index agreeing with it.
    let restored: Vec<Value> = target.all_tickets();
    let restored_ids: BTreeSet<u64> = restored.iter().map(|t| t["id"].as_u64().unwrap()).collect();
    let expected_hot = summary["hot_tickets"].as_u64().unwrap();
    assert_eq!(restored_ids.len() as u64, expected_hot, "{summary}");
    assert!(restored_ids.contains(&2) && restored_ids.contains(&3));
    for id in &restored_ids {
        if *id > 3 {
            assert!(filed.contains(id));
            assert_eq!(target.snapshot(*id), source.snapshot(*id), "ticket {id}");
            assert_eq!(target.events(*id).len(), 1);
        }
    }
    let unclaimed = target.ok("admin", &["ticket", "list", "--status", "unclaimed", "-q"]);
    let listed: BTreeSet<u64> = unclaimed.lines().map(|l| l.parse().unwrap()).collect();
    assert_eq!(listed, restored_ids, "the status index matches the records");
    assert_eq!(target.show(1)["archived"], true);
    // Ids taken before the backup are never handed out again.
    let next = target.incident("carol", "after restore");
    assert!(next > *restored_ids.iter().max().unwrap());
}

#[test]
fn a_corrupted_or_truncated_backup_is_refused_and_nothing_is_written() {
    let source = history();
    let file = backup(&source);
    let bytes = fs::read(&file).unwrap();
    let target = elsewhere(&source);
    // One flipped byte anywhere: in the archived ticket's segment, the manifest, the hot
    // store, a tar header or padding, the end-of-archive blocks.
    let at = |needle: &[u8]| bytes.windows(needle.len()).position(|w| w == needle).unwrap();
    let mut offsets = vec![at(b"restarted"), at(b"\"hot_tickets\"") + 3, 600, bytes.len() - 1];
    offsets.extend((0..bytes.len()).step_by(bytes.len() / 25 + 1));
    for offset in offsets {
        let mut damaged = bytes.clone();
        damaged[offset] ^= 0x20;
        let bad = target.path().join("damaged.backup");
        fs::write(&bad, &damaged).unwrap();
        let out = restore(&target, &bad, &[]);
        assert_eq!(
            out.status.code(),
            Some(5),
            "offset {offset}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("nothing was written"), "{stderr}");
        assert!(
            !target.home().exists(),
            "offset {offset}: the home was not created"
        );
    }
    for len in [100, bytes.len() / 2, bytes.len() - 2048] {
        let bad = target.path().join("truncated.backup");
        fs::write(&bad, &bytes[..len]).unwrap();
        let out = restore(&target, &bad, &[]);
        assert_eq!(
            out.status.code(),
            Some(5),
            "length {len}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!target.home().exists());
    }
    // A damaged backup over an existing home leaves that home as it was.
    let before = export_body(&source);
    let bad = source.path().join("damaged.backup");
    let mut damaged = bytes.clone();
    damaged[at(b"restarted")] ^= 0x20;
    fs::write(&bad, &damaged).unwrap();
    let out = restore(&source, &bad, &["--force"]);
    assert_eq!(out.status.code(), Some(5));
    assert_eq!(export_body(&source), before);
    // Not a backup at all.
    let junk = target.path().join("junk.backup");
    fs::write(&junk, b"hello").unwrap();
    assert_eq!(restore(&target, &junk, &[]).status.code(), Some(5));
    // A damaged tar header: one clear line, not the tar reader's words.
    let mut damaged = bytes.clone();
    damaged[150] = b'x'; // inside the first header's checksum field
    let bad = target.path().join("header.backup");
    fs::write(&bad, &damaged).unwrap();
    let out = restore(&target, &bad, &[]);
    assert_eq!(out.status.code(), Some(5));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("backup is damaged: {} (", bad.display())),
        "{stderr}"
    );
    assert!(!stderr.contains("numeric field"), "{stderr}");
    assert!(stderr.contains("nothing was written"), "{stderr}");
    assert!(!target.home().exists());
    assert_eq!(
        restore(&target, &target.path().join("none"), &[]).status.code(),
        Some(3)
    );
    assert!(!target.home().exists());
}

#[test]
fn a_home_with_tickets_is_replaced_only_with_force_by_its_admin() {
    let source = history();
    let file = backup(&source);
    let target = elsewhere(&source);
    target.ok("admin", &["init", "--examples", "--insecure-test-identities"]);
    target.ok("admin", &["agent", "add", "bob"]);
    // A freshly initialised home has nothing to lose.
    let out = restore(&target, &file, &[]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(export_body(&target), export_body(&source));

    target.incident("carol", "only in the target");
    let out = restore(&target, &file, &[]);
    assert_eq!(out.status.code(), Some(6));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--force"));
    assert_eq!(target.show(4)["title"], "only in the target");
    let denied = target.run("bob", &["restore", file.to_str().unwrap(), "--force"]);
    assert_eq!(denied.status.code(), Some(4));
    let out = restore(&target, &file, &["--force"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(export_body(&target), export_body(&source));
    target.fails("admin", &["ticket", "show", "4"], 3);

    // A directory that is not a desk home is never written into.
    let other = TestEnv::empty();
    fs::create_dir_all(other.home()).unwrap();
    fs::write(other.home().join("notes.txt"), "mine").unwrap();
    let out = restore(&other, &file, &["--force"]);
    assert_eq!(out.status.code(), Some(6));
    assert_eq!(
        fs::read_to_string(other.home().join("notes.txt")).unwrap(),
        "mine"
    );
}

#[test]
fn only_leads_and_admins_back_up() {
    let env = history();
    let file = env.path().join("b");
    let stderr = env.fails("bob", &["backup", file.to_str().unwrap()], 4);
    assert!(stderr.contains("only leads and admins back up"), "{stderr}");
    assert!(!file.exists());
    env.ok("dave", &["backup", file.to_str().unwrap()]);
    assert!(file.exists());
}

#[test]
fn a_directory_is_not_a_backup_file() {
    let env = history();
    let dir = env.path().join("backups");
    fs::create_dir(&dir).unwrap();
    let stderr = env.fails("admin", &["backup", dir.to_str().unwrap()], 5);
    assert!(
        stderr.contains(&format!(
            "cannot write the backup to {}: it is a directory",
            dir.display()
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains("desk backup ") && stderr.contains("/desk-"),
        "{stderr}"
    );
    assert!(stderr.contains(".tar`"), "{stderr}");
    assert_eq!(fs::read_dir(&dir).unwrap().count(), 0, "nothing written");
    assert!(!env.path().join("backups.partial").exists());
}

#[test]
fn what_is_not_a_backup_is_named_as_such() {
    let source = history();
    let target = elsewhere(&source);
    // An export: the hint points at `desk import`.
    let export = target.path().join("export.jsonl");
    source.ok("admin", &["export", "-o", export.to_str().unwrap()]);
    let out = restore(&target, &export, &[]);
    assert_eq!(out.status.code(), Some(5));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("not a desk backup: {} (", export.display())),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("desk import {}", export.display())),
        "{stderr}"
    );
    assert!(!stderr.contains("cksum"), "{stderr}");
    // Random bytes.
    let random = target.path().join("random.bin");
    let noise: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    fs::write(&random, &noise).unwrap();
    let out = restore(&target, &random, &[]);
    assert_eq!(out.status.code(), Some(5));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!(
            "not a desk backup: {} (it is not a tar file)",
            random.display()
        )),
        "{stderr}"
    );
    assert!(stderr.contains("written by `desk backup`"), "{stderr}");
    assert_eq!(
        stderr.lines().filter(|l| l.starts_with("error")).count(),
        1,
        "{stderr}"
    );
    assert!(!target.home().exists(), "nothing written");
}
