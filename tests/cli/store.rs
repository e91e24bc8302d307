//! The store as users meet it: automatic archiving of old closed tickets, reading and
//! reopening archived tickets, and the schema-version check.

use std::time::Duration;

use chrono::Duration as Days;
use desk::store::{sled_backend, Store};

use crate::common::TestEnv;

fn open(env: &TestEnv) -> Store {
    let backend = sled_backend::open_with_retry(&env.home().join("hot"), Duration::from_secs(5)).unwrap();
    Store::new(
        Box::new(backend),
        &env.home().join("hot"),
        &env.home().join("cold"),
    )
    .unwrap()
}

fn closed_incident(env: &TestEnv, title: &str) -> u64 {
    let id = env.incident("carol", title);
    env.ok("bob", &["ticket", "claim", &id.to_string()]);
    env.ok("bob", &["ticket", "reply", &id.to_string(), "-m", "fixed"]);
    env.ok("carol", &["ticket", "confirm", &id.to_string()]);
    id
}

#[test]
fn old_closed_tickets_move_to_the_archive_in_bounded_batches_and_stay_readable() {
    let env = TestEnv::with_examples();
    std::fs::write(
        env.home().join("config.toml"),
        "[archive]\nafter = \"7d\"\nbatch = 2\n",
    )
    .unwrap();
    let closed: Vec<u64> = (0..3)
        .map(|i| closed_incident(&env, &format!("old {i}")))
        .collect();
    let open_id = env.incident("carol", "still open");

    // Not old enough yet: a write archives nothing.
    env.incident("carol", "trigger");
    assert!(closed.iter().all(|id| env.show(*id)["archived"] == false));

    env.advance(Days::days(8));
    env.incident("carol", "trigger after a week");
    let archived = |id: &u64| env.show(*id)["archived"] == true;
    assert_eq!(
        closed.iter().filter(|id| archived(id)).count(),
        2,
        "one write moves at most `batch`"
    );
    env.incident("carol", "another trigger");
    assert!(closed.iter().all(archived), "the next write moves the rest");
    assert_eq!(env.show(open_id)["archived"], false, "open tickets never move");

    // Archived tickets keep their whole history and leave the hot lists.
    let shown = env.show(closed[0]);
    assert_eq!(shown["status"], "closed");
    assert_eq!(shown["events"].as_array().unwrap().len(), 4);
    let log = env.json("admin", &["ticket", "log", &format!("INC-{}", closed[0])]);
    assert_eq!(log.as_array().unwrap().len(), 4);
    let listed = env.json("admin", &["ticket", "list", "--all"]);
    assert!(listed
        .as_array()
        .unwrap()
        .iter()
        .all(|t| !closed.contains(&t["id"].as_u64().unwrap())));
}

#[test]
fn reopening_an_archived_ticket_brings_it_back() {
    let env = TestEnv::with_examples();
    let id = closed_incident(&env, "came back");
    env.advance(Days::days(8));
    env.incident("carol", "trigger");
    assert_eq!(env.show(id)["archived"], true);

    let reopened = env.json("carol", &["ticket", "reopen", &id.to_string()]);
    assert_eq!(reopened["status"], "pending");
    let shown = env.show(id);
    assert_eq!(shown["archived"], false);
    assert_eq!(
        shown["events"].as_array().unwrap().len(),
        5,
        "history kept, plus the reopen"
    );
    assert_eq!(shown["events"][4]["kind"], "reopened");
    let mine = env.json("bob", &["ticket", "list", "--assignee", "me"]);
    assert_eq!(
        mine.as_array().unwrap().len(),
        1,
        "indexes restored with the ticket"
    );

    // Closed again and archived again: still one ticket, found in the archive.
    env.ok("bob", &["ticket", "reply", &id.to_string(), "-m", "really fixed"]);
    env.ok("carol", &["ticket", "confirm", &id.to_string()]);
    env.advance(Days::days(8));
    env.incident("carol", "trigger");
    let shown = env.show(id);
    assert_eq!(
        (
            shown["archived"].as_bool(),
            shown["events"].as_array().unwrap().len()
        ),
        (Some(true), 7)
    );
    let store = open(&env);
    let txn = store.txn();
    let mut copies = 0;
    store
        .cold()
        .scan(
            &txn.cold_manifest().unwrap(),
            &txn.restored_ids().unwrap(),
            |record| {
                copies += usize::from(record.ticket.id == id);
                Ok(())
            },
        )
        .unwrap();
    assert_eq!(copies, 1, "the stale archived copy is never counted");
}

#[test]
fn a_store_from_a_newer_desk_is_refused_with_a_clear_message() {
    let env = TestEnv::with_examples();
    let store = open(&env);
    let mut txn = store.txn();
    txn.set_schema_version(desk::store::SCHEMA_VERSION + 1);
    txn.commit().unwrap();
    drop(store);
    let stderr = env.fails("admin", &["ticket", "list"], 1);
    assert!(stderr.contains("newer desk"), "{stderr}");
    assert!(stderr.lines().next().unwrap().starts_with("error: "), "{stderr}");
}
