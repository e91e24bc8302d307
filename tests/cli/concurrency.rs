//! Many `desk` processes at once: sled admits one process at a time, so the others must
//! wait with backoff and all succeed; only a store held past DESK_LOCK_TIMEOUT gives 75.

use std::collections::BTreeSet;
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::common::TestEnv;

fn desk_process(env: &TestEnv, args: &[&str]) -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("desk"));
    cmd.env_clear()
        .env("DESK_HOME", env.home())
        .env("DESK_USER", "admin")
        .env("HOME", env.path())
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd
}

#[test]
fn thirty_two_concurrent_creations_all_land_with_distinct_ids() {
    let env = TestEnv::with_examples();
    let children: Vec<_> = (0..32)
        .map(|i| {
            let title = format!("concurrent {i}");
            desk_process(
                &env,
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
            .expect("spawn desk")
        })
        .collect();
    let mut ids = BTreeSet::new();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "a concurrent desk failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let id: u64 = String::from_utf8(out.stdout)
            .unwrap()
            .trim()
            .parse()
            .expect("-q prints the id");
        ids.insert(id);
    }
    assert_eq!(ids.len(), 32, "ids must be distinct: {ids:?}");
    let listed = env.json("admin", &["ticket", "list", "--all"]);
    assert_eq!(listed.as_array().unwrap().len(), 32);
    let titles: BTreeSet<String> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["title"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(titles.len(), 32);
}

#[test]
fn a_store_held_past_the_timeout_exits_75_and_writes_nothing() {
    let env = TestEnv::with_examples();
    let holder = desk::store::sled_backend::open_with_retry(&env.home().join("hot"), Duration::from_secs(5))
        .expect("the test holds the store");
    let out = env
        .desk("admin")
        .env("DESK_LOCK_TIMEOUT", "0.3")
        .args([
            "ticket",
            "new",
            "--type",
            "incident",
            "--title",
            "blocked",
            "-f",
            "service=api",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(75));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("busy"), "{stderr}");
    assert!(stderr.contains("DESK_LOCK_TIMEOUT"), "{stderr}");
    drop(holder);
    assert_eq!(
        env.json("admin", &["ticket", "list", "--all"])
            .as_array()
            .unwrap()
            .len(),
        0
    );
    // Once the holder lets go, the same command goes through.
    env.ok(
        "admin",
        &[
            "ticket",
            "new",
            "--type",
            "incident",
            "--title",
            "ok now",
            "-f",
            "service=api",
        ],
    );
}

#[test]
fn a_bad_lock_timeout_is_invalid_input() {
    let env = TestEnv::with_examples();
    let out = env
        .desk("admin")
        .env("DESK_LOCK_TIMEOUT", "soon")
        .args(["ticket", "list"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5));
}
