//! `desk doctor`: a healthy store passes; indexes, archive locations and leftovers broken
//! behind desk's back (by opening the sled database directly) are found (exit 5) and fixed
//! by `--repair`; damaged records are reported but never rewritten; the committed schema-1
//! fixture store opens, reads and stays healthy.

use std::path::Path;

use chrono::Duration;
use serde_json::Value;

use crate::common::TestEnv;

/// Four incidents: 1 claimed by bob, 2 closed and archived, 3 and 4 unclaimed.
fn desk() -> TestEnv {
    let env = TestEnv::with_examples();
    for n in 1..=4 {
        env.incident("admin", &format!("incident {n}"));
    }
    env.ok("bob", &["ticket", "claim", "1"]);
    env.ok("admin", &["ticket", "close", "2"]);
    env.advance(Duration::days(2));
    env.ok("dave", &["archive", "--closed-before", "1d"]);
    env
}

/// Change the hot store directly, as a bug or a stray tool would.
fn with_sled(env: &TestEnv, change: impl FnOnce(&sled::Db)) {
    let db = sled::open(env.home().join("hot")).expect("open sled");
    change(&db);
    db.flush().unwrap();
}

fn doctor(env: &TestEnv, user: &str, args: &[&str], code: i32) -> Value {
    let mut all = vec!["doctor", "--json"];
    all.extend_from_slice(args);
    let out = env.run(user, &all);
    assert_eq!(
        out.status.code(),
        Some(code),
        "desk {all:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("doctor JSON")
}

fn messages(report: &Value, field: &str) -> Vec<String> {
    report[field]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            format!(
                "{}: {}",
                p["area"].as_str().unwrap(),
                p["message"].as_str().unwrap()
            )
        })
        .collect()
}

#[test]
fn a_healthy_store_passes() {
    let env = desk();
    let report = doctor(&env, "carol", &[], 0);
    assert_eq!(report["healthy"], true);
    assert_eq!(report["schema_version"], desk::store::SCHEMA_VERSION);
    assert_eq!(
        (
            report["tickets_hot"].as_u64(),
            report["tickets_archived"].as_u64()
        ),
        (Some(3), Some(1))
    );
    let human = env.ok("carol", &["doctor"]);
    assert!(
        human.starts_with(&format!(
            "healthy: checked schema {}, 3 hot tickets, 1 archived",
            desk::store::SCHEMA_VERSION
        )),
        "{human}"
    );
}

#[test]
fn a_broken_index_is_found_and_repaired() {
    let env = desk();
    with_sled(&env, |db| {
        // Drop ticket 3's status entry and invent an assignee entry for a ticket that does
        // not exist.
        let unclaimed: Vec<_> = db
            .scan_prefix(b"i/s/unclaimed\0")
            .keys()
            .map(|k| k.unwrap())
            .collect();
        assert_eq!(unclaimed.len(), 2);
        db.remove(&unclaimed[0]).unwrap();
        db.insert(
            [b"i/a/ghost\0".as_slice(), &99u64.to_be_bytes()].concat(),
            b"".as_slice(),
        )
        .unwrap();
        // And a dedup entry pointing at the closed, archived ticket.
        db.insert(b"i/d/ci:old".as_slice(), 2u64.to_be_bytes().as_slice())
            .unwrap();
    });
    // The broken index shows: ticket 3 is missing from the queue.
    let queue = env.ok("admin", &["ticket", "list", "-q"]);
    assert!(!queue.lines().any(|l| l == "3"), "{queue}");

    let report = doctor(&env, "carol", &[], 5);
    assert_eq!(report["healthy"], false);
    let found = messages(&report, "problems");
    assert_eq!(found.len(), 3, "{found:#?}");
    assert!(
        found.contains(&"index: status index entry for INC-3 is missing".to_string()),
        "{found:#?}"
    );
    assert!(
        found
            .iter()
            .any(|p| p.starts_with("index: assignee index entry i/a/ghost")),
        "{found:#?}"
    );
    assert!(
        found.iter().any(|p| p.starts_with("dedup: dedup key `ci:old`")),
        "{found:#?}"
    );
    let out = env.run("carol", &["doctor"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("desk doctor found 3 problems") && stderr.contains("desk doctor --repair"),
        "{stderr}"
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).lines().count(),
        3,
        "one line per problem"
    );

    // Repairing is for admins; a refusal changes nothing.
    let error = env.fails("dave", &["doctor", "--repair"], 4);
    assert!(error.contains("only admins repair the store"), "{error}");
    doctor(&env, "carol", &[], 5);

    let repaired = doctor(&env, "admin", &["--repair"], 0);
    assert_eq!(messages(&repaired, "repaired"), found);
    assert_eq!(repaired["problems"].as_array().unwrap().len(), 0);
    assert_eq!(doctor(&env, "carol", &[], 0)["healthy"], true);
    let queue = env.ok("admin", &["ticket", "list", "-q"]);
    assert!(queue.lines().any(|l| l == "3"), "{queue}");
}

#[test]
fn archive_locations_and_leftover_files_are_checked_and_repaired() {
    let env = desk();
    let cold = env.home().join("cold");
    // Forget where ticket 2 lives, and leave a stray segment file behind.
    let mut locations = std::fs::read(cold.join("locations.bin")).unwrap();
    locations[16..24].fill(0);
    std::fs::write(cold.join("locations.bin"), &locations).unwrap();
    std::fs::write(cold.join("seg-000007.dat"), b"half-written").unwrap();
    // As desk would have made it (a looser mode is a problem of its own).
    std::fs::set_permissions(
        cold.join("seg-000007.dat"),
        std::os::unix::fs::PermissionsExt::from_mode(0o600),
    )
    .unwrap();
    env.fails("admin", &["ticket", "show", "2"], 3);

    let report = doctor(&env, "carol", &[], 5);
    let found = messages(&report, "problems");
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(
        found.contains(&"archive: ticket 2 is in the archive but its location is not recorded".to_string())
    );
    assert!(
        found
            .iter()
            .any(|p| p.contains("seg-000007.dat is not in the manifest")),
        "{found:#?}"
    );
    doctor(&env, "admin", &["--repair"], 0);
    assert!(!cold.join("seg-000007.dat").exists());
    assert_eq!(env.show(2)["archived"], true);
    doctor(&env, "carol", &[], 0);
}

#[test]
fn damaged_records_are_reported_not_rewritten() {
    let env = desk();
    env.ok("bob", &["ticket", "reply", "1", "-m", "on it"]);
    // A gap in ticket 1's history (its claim event removed)...
    with_sled(&env, |db| {
        let key = [b"e/".as_slice(), &1u64.to_be_bytes(), &1u32.to_be_bytes()].concat();
        assert!(db.remove(key).unwrap().is_some());
        // (its outbox entry too, or doctor rightly reports an entry naming no event)
        db.remove([b"o/".as_slice(), &1u64.to_be_bytes(), &1u32.to_be_bytes()].concat())
            .unwrap();
    });
    // ...and a flipped byte in the archive.
    let segment = env.home().join("cold").join("seg-000000.dat");
    let mut bytes = std::fs::read(&segment).unwrap();
    let last = bytes.len() - 3;
    bytes[last] ^= 0x20;
    std::fs::write(&segment, &bytes).unwrap();

    let report = doctor(&env, "carol", &[], 5);
    let found = messages(&report, "problems");
    assert!(
        found
            .iter()
            .any(|p| p.starts_with("events: INC-1: event 1 has sequence number 2")),
        "{found:#?}"
    );
    assert!(
        found
            .iter()
            .any(|p| p.contains("checksum mismatch") && p.contains("seg-000000.dat")),
        "{found:#?}"
    );
    assert!(
        report["problems"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["repairable"] == false),
        "{found:#?}"
    );
    let out = env.run("admin", &["doctor", "--repair"]);
    assert_eq!(out.status.code(), Some(5));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("restore them from a backup"), "{stderr}");
    assert_eq!(
        std::fs::read(&segment).unwrap(),
        bytes,
        "records are never rewritten"
    );
}

#[test]
fn a_replay_that_disagrees_with_the_ticket_is_reported() {
    let env = desk();
    with_sled(&env, |db| {
        // Ticket 4's record says pending with an owner its history never gave it.
        let key = [b"t/".as_slice(), &4u64.to_be_bytes()].concat();
        let mut ticket: Value = serde_json::from_slice(&db.get(&key).unwrap().unwrap()).unwrap();
        ticket["assignee"] = "erin".into();
        db.insert(key, serde_json::to_vec(&ticket).unwrap()).unwrap();
    });
    let found = messages(&doctor(&env, "carol", &[], 5), "problems");
    assert!(
        found.contains(
            &"events: INC-4: replaying its history gives assignee none, the ticket says erin".to_string()
        ),
        "{found:#?}"
    );
    // The assignee index follows records, so it is flagged (and repairable) too.
    assert!(
        found
            .iter()
            .any(|p| p == "index: assignee index entry for INC-4 is missing"),
        "{found:#?}"
    );
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The committed store from tests/fixtures/make-store-fixture.sh, as a desk home.
fn fixture_home() -> TestEnv {
    let env = TestEnv::empty();
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/store-v1"),
        &env.home(),
    );
    env.advance(Duration::days(300));
    // A home from before file modes were kept private: its files are 0644 (as copied).
    // Doctor finds those and nothing else, and --repair tightens them.
    let report = doctor(&env, "admin", &[], 5);
    let problems = report["problems"].as_array().unwrap();
    assert!(!problems.is_empty());
    assert!(problems.iter().all(|p| p["area"] == "files"), "{report}");
    doctor(&env, "admin", &["--repair"], 0);
    env
}

#[test]
fn the_schema_1_fixture_opens_reads_and_stays_healthy() {
    let env = fixture_home();
    let report = doctor(&env, "admin", &[], 0);
    // Opening it with this desk ran the quick step to this desk's schema.
    assert_eq!(report["schema_version"], desk::store::SCHEMA_VERSION);
    for id in 1..=5 {
        let shown = env.show(id);
        assert_eq!(shown["id"], id);
        assert!(!env.events(id).is_empty());
    }
    let listed = env.ok("admin", &["ticket", "list", "--archived", "-q"]);
    assert_eq!(listed.lines().collect::<Vec<_>>(), vec!["1", "3"]);
    assert_eq!(env.show(3)["rating"], 4);
    assert_eq!(env.show(2)["occurrences"], 2);
    // Writing works and keeps it healthy (the automatic archiver runs after the write).
    assert_eq!(env.incident("admin", "after the upgrade"), 6);
    doctor(&env, "admin", &[], 0);
    let out = env.ok("admin", &["doctor", "--migrate"]);
    assert!(out.contains("nothing to migrate"), "{out}");
}

#[test]
fn a_store_from_a_newer_desk_is_refused() {
    let env = fixture_home();
    with_sled(&env, |db| {
        db.insert(b"m/schema".as_slice(), 99u32.to_be_bytes().as_slice())
            .unwrap();
    });
    let error = env.fails("admin", &["ticket", "list"], 1);
    assert!(
        error.contains("schema 99") && error.contains("install a newer desk"),
        "{error}"
    );
    env.fails("admin", &["doctor"], 1);
}

#[test]
fn migrating_needs_an_admin() {
    let env = fixture_home();
    for args in [&["migrate"][..], &["doctor", "--migrate"]] {
        let error = env.fails("bob", args, 4);
        assert!(error.contains("only admins migrate the store"), "{error}");
    }
    env.fails("admin", &["doctor", "--migrate", "--repair"], 2);
}

#[test]
fn migrate_check_says_what_is_due_and_changes_nothing() {
    let env = fixture_home();
    let schema = |env: &TestEnv| {
        let mut found = None;
        with_sled(env, |db| {
            found = db
                .get(b"m/schema")
                .unwrap()
                .map(|v| u32::from_be_bytes(v.as_ref().try_into().unwrap()));
        });
        found
    };
    assert!(env
        .ok("bob", &["migrate", "--check"])
        .contains("nothing to migrate"));
    with_sled(&env, |db| {
        db.insert(b"m/schema".as_slice(), 1u32.to_be_bytes().as_slice())
            .unwrap();
    });
    // Anyone may ask; the answer is exit 5 and the steps, and the store stays at 1.
    let out = env.run("bob", &["migrate", "--check"]);
    assert_eq!(out.status.code(), Some(5));
    let out = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.contains("The store is at schema 1") && out.contains("2 migration steps are due"),
        "{out}"
    );
    let json = env.run("bob", &["migrate", "--check", "--json"]);
    let json: Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(json["up_to_date"], false);
    assert_eq!(json["current"], desk::store::SCHEMA_VERSION);
    assert_eq!(schema(&env), Some(1));
    let out = env.ok("admin", &["migrate"]);
    assert!(out.contains("migrated:"), "{out}");
    assert_eq!(schema(&env), Some(desk::store::SCHEMA_VERSION));
    env.ok("bob", &["migrate", "--check"]);
    // A newer desk's store: refused, as by every command.
    with_sled(&env, |db| {
        db.insert(b"m/schema".as_slice(), 99u32.to_be_bytes().as_slice())
            .unwrap();
    });
    let error = env.fails("admin", &["migrate", "--check"], 1);
    assert!(error.contains("schema 99"), "{error}");
}

#[test]
fn routing_counters_are_recomputed_from_every_history() {
    let env = desk();
    env.ok("bob", &["ticket", "reply", "1", "-m", "on it"]);
    let day = env.now().format("%Y%m%d").to_string();
    with_sled(&env, |db| {
        // Lose bob's counters for today (his first response) and invent some for nobody.
        let bob = [b"st/bob\0".as_slice(), day.as_bytes()].concat();
        assert!(
            db.remove(bob).unwrap().is_some(),
            "bob's first response was counted"
        );
        let ghost = [b"st/ghost\0".as_slice(), b"20260101".as_slice()].concat();
        db.insert(ghost, br#"{"resolutions":3}"#.as_slice()).unwrap();
    });
    let found = messages(&doctor(&env, "carol", &[], 5), "problems");
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(
        found
            .iter()
            .any(|p| p.starts_with("counter: routing counters of bob on")
                && p.contains("stored none")
                && p.contains("\"first_responses\":1")),
        "{found:#?}"
    );
    assert!(
        found
            .iter()
            .any(|p| p.starts_with("counter: routing counters st/ghost")),
        "{found:#?}"
    );
    doctor(&env, "admin", &["--repair"], 0);
    doctor(&env, "carol", &[], 0);
}
