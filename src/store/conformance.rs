//! One suite every backend must pass: the in-memory reference, sled, and PostgreSQL (on a
//! throwaway server from the system's packages; skipped, saying so, where there is none).

use std::path::Path;
use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};

use super::memory::MemoryBackend;
use super::*;
use crate::domain::{EventKind, Priority, Workflow};

pub(super) fn at(hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 1, hour, 0, 0).unwrap()
}

pub(super) fn ticket(id: u64, status: Status, priority: Priority) -> Ticket {
    Ticket {
        id,
        ticket_type: "incident".into(),
        prefix: Some("INC".into()),
        title: format!("ticket {id}"),
        body: String::new(),
        status,
        priority,
        requester: "carol".into(),
        assignee: (status != Status::Unclaimed).then(|| "bob".to_string()),
        assigned_at: None,
        workflow: Workflow::Internal,
        created_at: at(0),
        updated_at: at(0),
        closed_at: (status == Status::Closed).then(|| at(1)),
        fields: Default::default(),
        dedup_key: Some(format!("ci:{id}")),
        handler_replies: 0,
        rating: None,
        sla_policy: None,
        channel: None,
        attachments: Vec::new(),
        occurrences: 1,
        event_count: 1,
        sla_attention_at: None,
        sla_due_at: None,
        sla_clocks: Vec::new(),
        tags: Vec::new(),
        watchers: Vec::new(),
        links: Vec::new(),
        merged_into: None,
        merged_dedup_keys: Vec::new(),
        department: None,
    }
}

#[path = "../../tests/support/pg_server.rs"]
mod pg_server;

fn backends(dir: &Path) -> Vec<(&'static str, Store)> {
    let sled = sled_backend::open_with_retry(&dir.join("hot"), Duration::from_secs(5)).unwrap();
    let mut backends = vec![
        (
            "memory",
            Store::new(Box::new(MemoryBackend::default()), dir, &dir.join("cold-mem")).unwrap(),
        ),
        (
            "sled",
            Store::new(Box::new(sled), dir, &dir.join("cold-sled")).unwrap(),
        ),
    ];
    if let Some(url) = pg_server::fresh_database_url("conformance") {
        let config = postgres::parse_url(&url).unwrap();
        let backend = postgres::open(config, None, Duration::from_secs(5)).unwrap();
        let store = Store::new(Box::new(backend), dir, &dir.join("cold-pg")).unwrap();
        backends.push(("postgres", store));
    }
    backends
}

pub(super) fn insert(store: &Store, ticket: &Ticket) {
    let mut txn = store.txn();
    txn.put_ticket(ticket).unwrap();
    txn.append_event(ticket.id, &Event::new(EventKind::Created, "carol", at(0)));
    txn.commit().unwrap();
}

#[test]
fn indexes_follow_every_change() {
    let dir = tempfile::tempdir().unwrap();
    for (name, store) in backends(dir.path()) {
        insert(&store, &ticket(1, Status::Unclaimed, Priority::Low));
        insert(&store, &ticket(2, Status::Unclaimed, Priority::Urgent));
        insert(&store, &ticket(3, Status::Pending, Priority::Normal));
        let txn = store.txn();
        let queue = txn
            .query_tickets(&TicketQuery {
                statuses: vec![Status::Unclaimed],
                ..Default::default()
            })
            .unwrap();
        assert_eq!(
            queue.iter().map(|t| t.id).collect::<Vec<_>>(),
            vec![2, 1],
            "{name}"
        );
        assert_eq!(txn.open_ticket_by_dedup_key("ci:3").unwrap(), Some(3), "{name}");
        drop(txn);

        let mut closed = ticket(3, Status::Closed, Priority::Normal);
        closed.assignee = None;
        let mut txn = store.txn();
        txn.put_ticket(&closed).unwrap();
        txn.commit().unwrap();
        let txn = store.txn();
        assert_eq!(
            txn.open_ticket_by_dedup_key("ci:3").unwrap(),
            None,
            "{name}: dedup freed on close"
        );
        let mine = txn
            .query_tickets(&TicketQuery {
                assignee: Some("bob".into()),
                ..Default::default()
            })
            .unwrap();
        assert!(mine.is_empty(), "{name}: assignee index cleared");
        let pending = txn
            .query_tickets(&TicketQuery {
                statuses: vec![Status::Pending],
                ..Default::default()
            })
            .unwrap();
        assert!(pending.is_empty(), "{name}: status index moved");
        assert_eq!(txn.closed_before(at(2), 10).unwrap(), vec![3], "{name}");
        assert_eq!(txn.closed_before(at(1), 10).unwrap(), Vec::<u64>::new(), "{name}");
    }
}

#[test]
fn a_dedup_key_belongs_to_one_open_ticket_at_a_time() {
    let dir = tempfile::tempdir().unwrap();
    for (name, store) in backends(dir.path()) {
        let with_key = |id, status| Ticket {
            dedup_key: Some("ci:shop".into()),
            ..ticket(id, status, Priority::Normal)
        };
        let holder = |store: &Store| store.txn().open_ticket_by_dedup_key("ci:shop").unwrap();
        insert(&store, &with_key(1, Status::Closed));
        insert(&store, &with_key(2, Status::Unclaimed));
        assert_eq!(holder(&store), Some(2), "{name}");
        // Reopening the old ticket and closing it again leaves the key with ticket 2.
        for status in [Status::Pending, Status::Closed] {
            let mut txn = store.txn();
            txn.put_ticket(&with_key(1, status)).unwrap();
            txn.commit().unwrap();
            assert_eq!(holder(&store), Some(2), "{name}: after ticket 1 went {status}");
        }
        let mut txn = store.txn();
        txn.put_ticket(&with_key(2, Status::Closed)).unwrap();
        txn.commit().unwrap();
        assert_eq!(holder(&store), None, "{name}");
    }
}

#[test]
fn dropping_a_transaction_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    for (name, store) in backends(dir.path()) {
        let mut txn = store.txn();
        let id = txn.allocate_ticket_id().unwrap();
        txn.put_ticket(&ticket(id, Status::Unclaimed, Priority::Normal))
            .unwrap();
        assert!(txn.ticket(id).unwrap().is_some(), "{name}: reads see own writes");
        drop(txn);
        let txn = store.txn();
        assert!(txn.ticket(1).unwrap().is_none(), "{name}");
        // PostgreSQL's ids come from a sequence outside the transaction: the dropped one
        // is a gap, never handed out again.
        let expected_last = if name == "postgres" { 1 } else { 0 };
        assert_eq!(txn.last_ticket_id().unwrap(), expected_last, "{name}");
    }
}

#[test]
fn ids_are_allocated_in_order_and_never_reused() {
    let dir = tempfile::tempdir().unwrap();
    for (name, store) in backends(dir.path()) {
        let mut seen = Vec::new();
        for _ in 0..3 {
            let mut txn = store.txn();
            seen.push(txn.allocate_ticket_id().unwrap());
            txn.commit().unwrap();
        }
        assert_eq!(seen, vec![1, 2, 3], "{name}");
    }
}

#[test]
fn archiving_moves_closed_tickets_and_restoring_brings_them_back() {
    let dir = tempfile::tempdir().unwrap();
    for (name, store) in backends(dir.path()) {
        insert(&store, &ticket(1, Status::Closed, Priority::Normal));
        insert(&store, &ticket(2, Status::Unclaimed, Priority::Normal));
        insert(&store, &ticket(3, Status::Closed, Priority::Normal));
        let moved = store
            .archive_closed(at(10), Duration::from_secs(3600), 1)
            .unwrap();
        assert_eq!(moved, 1, "{name}: batches are bounded");
        let moved = store
            .archive_closed(at(10), Duration::from_secs(3600), 10)
            .unwrap();
        assert_eq!(moved, 1, "{name}");
        assert!(store.txn().ticket(1).unwrap().is_none(), "{name}: gone from hot");
        let (found, location) = store.find_ticket(1).unwrap().unwrap();
        assert_eq!(
            (found.ticket.id, location, found.events.len()),
            (1, Location::Cold, 1),
            "{name}"
        );
        assert_eq!(store.find_ticket(2).unwrap().unwrap().1, Location::Hot, "{name}");

        let count = |store: &Store| {
            let txn = store.txn();
            let mut n = 0;
            store
                .cold()
                .scan(
                    &txn.cold_manifest().unwrap(),
                    &txn.restored_ids().unwrap(),
                    |_| {
                        n += 1;
                        Ok(())
                    },
                )
                .unwrap();
            n
        };
        assert_eq!(count(&store), 2, "{name}");

        // Restore ticket 1: the archive copy no longer counts.
        let (record, _) = store.find_ticket(1).unwrap().unwrap();
        let mut txn = store.txn();
        store.restore_into(&mut txn, &record).unwrap();
        txn.commit().unwrap();
        assert_eq!(store.find_ticket(1).unwrap().unwrap().1, Location::Hot, "{name}");
        assert_eq!(count(&store), 1, "{name}: never counted twice");

        // Archive it again: counted once, from its new frame.
        store
            .archive_closed(at(10), Duration::from_secs(3600), 10)
            .unwrap();
        assert_eq!(store.find_ticket(1).unwrap().unwrap().1, Location::Cold, "{name}");
        assert_eq!(count(&store), 2, "{name}");
    }
}

#[test]
fn every_ticket_is_visited_once_hot_or_archived() {
    let dir = tempfile::tempdir().unwrap();
    for (name, store) in backends(dir.path()) {
        for id in 1..=4 {
            insert(&store, &ticket(id, Status::Closed, Priority::Normal));
        }
        insert(&store, &ticket(5, Status::Pending, Priority::Normal));
        store
            .archive_closed(at(10), Duration::from_secs(3600), 10)
            .unwrap();
        // Ticket 2 comes back to the hot store: its stale archived copy is skipped.
        let (record, _) = store.find_ticket(2).unwrap().unwrap();
        let mut txn = store.txn();
        store.restore_into(&mut txn, &record).unwrap();
        txn.commit().unwrap();
        for threads in [1, 3] {
            let states = store
                .for_each_ticket(threads, Vec::new, |seen, record| {
                    assert_eq!(record.events.len(), 1, "each ticket comes with its history");
                    seen.push(record.ticket.id);
                    Ok(())
                })
                .unwrap();
            assert_eq!(states[0], vec![2, 5], "{name}: the hot store first");
            let mut all: Vec<u64> = states.into_iter().flatten().collect();
            all.sort_unstable();
            assert_eq!(all, vec![1, 2, 3, 4, 5], "{name}, {threads} threads");
        }
    }
}

#[test]
fn an_interrupted_archive_run_is_invisible_and_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    for (name, store) in backends(dir.path()) {
        insert(&store, &ticket(1, Status::Closed, Priority::Normal));
        let record = store.find_ticket(1).unwrap().unwrap().0;
        // Frames appended and synced, but the hot commit never happened (a crash).
        let manifest = store.txn().cold_manifest().unwrap();
        store.cold().append(&manifest, &[record]).unwrap();
        assert_eq!(store.find_ticket(1).unwrap().unwrap().1, Location::Hot, "{name}");
        assert!(
            store.cold().get(&manifest, 1).unwrap().is_none(),
            "{name}: uncommitted frame ignored"
        );
        // The next run writes over the leftover tail and commits.
        assert_eq!(
            store.archive_closed(at(10), Duration::from_secs(60), 10).unwrap(),
            1
        );
        assert_eq!(store.find_ticket(1).unwrap().unwrap().1, Location::Cold, "{name}");
        assert_eq!(store.txn().cold_manifest().unwrap().records(), 1, "{name}");
    }
}

#[test]
fn agent_stats_add_up_per_day_and_read_by_range() {
    use crate::domain::routing::{AgentDayStats, StatsDelta};
    let day = |d: u32| chrono::NaiveDate::from_ymd_opt(2026, 3, d).unwrap();
    let delta = |agent: &str, d: u32, csat: i64| StatsDelta {
        agent: agent.into(),
        day: day(d),
        change: AgentDayStats {
            csat_count: csat.signum(),
            csat_sum: csat,
            ..Default::default()
        },
    };
    let dir = tempfile::tempdir().unwrap();
    for (name, store) in backends(dir.path()) {
        let mut txn = store.txn();
        txn.apply_stats_deltas(&[delta("bob", 1, 5), delta("bob", 2, 4), delta("bobby", 2, 1)])
            .unwrap();
        // Reads see the transaction's own writes, merged with what is committed.
        assert_eq!(
            txn.agent_stats("bob", day(1), day(31)).unwrap().csat_sum,
            9,
            "{name}"
        );
        txn.commit().unwrap();
        let mut txn = store.txn();
        txn.apply_stats_deltas(&[delta("bob", 3, 3), delta("bob", 1, -5)])
            .unwrap();
        let days: Vec<_> = txn
            .agent_stats_by_day("bob", day(1), day(3))
            .unwrap()
            .into_iter()
            .map(|(d, s)| (d, s.csat_sum))
            .collect();
        assert_eq!(
            days,
            vec![(day(2), 4), (day(3), 3)],
            "{name}: a bucket back at zero is gone"
        );
        txn.commit().unwrap();
        let txn = store.txn();
        assert_eq!(
            txn.agent_stats("bob", day(3), day(3)).unwrap().csat_sum,
            3,
            "{name}"
        );
        assert_eq!(
            txn.agent_stats("bob", day(1), day(2)).unwrap().csat_count,
            1,
            "{name}"
        );
        assert_eq!(
            txn.agent_stats("bobby", day(1), day(31)).unwrap().csat_sum,
            1,
            "{name}"
        );
        assert!(
            txn.agent_stats("bob", day(4), day(1)).unwrap().is_zero(),
            "{name}"
        );
    }
}

#[test]
fn open_loads_count_pending_and_awaiting_by_assignee_and_priority() {
    let dir = tempfile::tempdir().unwrap();
    let weights = crate::domain::routing::RoutingConfig::default().priority_weights;
    for (name, store) in backends(dir.path()) {
        insert(&store, &ticket(1, Status::Pending, Priority::Urgent));
        insert(&store, &ticket(2, Status::Awaiting, Priority::Low));
        insert(&store, &ticket(3, Status::Closed, Priority::Normal));
        insert(&store, &ticket(4, Status::Unclaimed, Priority::Normal));
        let loads = store.txn().open_loads(&weights).unwrap();
        assert_eq!(loads.len(), 1, "{name}");
        assert_eq!((loads["bob"].open, loads["bob"].weighted), (2, 4.5), "{name}");
        let mut txn = store.txn();
        assert_eq!(txn.round_robin_last().unwrap(), None, "{name}");
        txn.set_round_robin_last("bob");
        txn.commit().unwrap();
        assert_eq!(
            store.txn().round_robin_last().unwrap().as_deref(),
            Some("bob"),
            "{name}"
        );
    }
}

/// A handle on the PostgreSQL database at `url`, as each host of a team store has. Its
/// reads see the database as it was at its first read, until it commits.
fn host(url: &str) -> Store {
    let backend = postgres::open(postgres::parse_url(url).unwrap(), None, Duration::from_secs(5)).unwrap();
    let dir = std::env::temp_dir();
    Store::new(Box::new(backend), &dir, &dir.join("unused-cold")).unwrap()
}

#[test]
fn on_postgres_two_writers_of_one_ticket_conflict_and_the_loser_writes_nothing() {
    let Some(url) = pg_server::fresh_database_url("conflict") else {
        return;
    };
    let first = host(&url);
    insert(&first, &ticket(1, Status::Unclaimed, Priority::Normal));
    let second = host(&url);
    // Both read the unclaimed ticket, both claim it.
    let mut ours = first.txn();
    let mut theirs = second.txn();
    for (txn, agent) in [(&mut ours, "alice"), (&mut theirs, "bob")] {
        let mut claimed = txn.ticket(1).unwrap().unwrap();
        assert_eq!(claimed.status, Status::Unclaimed);
        claimed.status = Status::Pending;
        claimed.assignee = Some(agent.into());
        txn.put_ticket(&claimed).unwrap();
    }
    ours.commit().unwrap();
    let error = theirs.commit().unwrap_err();
    assert!(matches!(error, StoreError::Conflict { .. }), "{error}");
    // The loser's next read is fresh: alice holds the ticket, and bob's index entry is not there.
    let txn = second.txn();
    assert_eq!(txn.ticket(1).unwrap().unwrap().assignee.as_deref(), Some("alice"));
    let query = TicketQuery {
        assignee: Some("bob".into()),
        ..TicketQuery::default()
    };
    assert!(second.txn().query_tickets(&query).unwrap().is_empty());
}

#[test]
fn on_postgres_writers_of_different_tickets_do_not_conflict_and_readers_do_not_wait() {
    let Some(url) = pg_server::fresh_database_url("no-conflict") else {
        return;
    };
    let first = host(&url);
    insert(&first, &ticket(1, Status::Unclaimed, Priority::Normal));
    insert(&first, &ticket(2, Status::Unclaimed, Priority::Normal));
    let second = host(&url);
    let mut ours = first.txn();
    let mut theirs = second.txn();
    for (txn, id) in [(&mut ours, 1), (&mut theirs, 2)] {
        let mut changed = txn.ticket(id).unwrap().unwrap();
        changed.title = format!("changed by its own host {id}");
        txn.put_ticket(&changed).unwrap();
    }
    // A third host reading meanwhile waits for nobody, and sees one consistent state
    // until its own command ends (its snapshot), not a mix.
    let title = |store: &Store, id| store.txn().ticket(id).unwrap().unwrap().title;
    assert_eq!(title(&second, 1), "ticket 1", "uncommitted writes are invisible");
    ours.commit().unwrap();
    theirs.commit().unwrap();
    assert_eq!(title(&first, 1), "changed by its own host 1");
    assert_eq!(title(&first, 2), "changed by its own host 2");
}

#[test]
fn on_postgres_ids_from_concurrent_hosts_are_distinct_and_an_import_moves_the_counter_forward() {
    let Some(url) = pg_server::fresh_database_url("ids") else {
        return;
    };
    let allocated: Vec<u64> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..8)
            .map(|_| {
                let url = url.clone();
                scope.spawn(move || {
                    let store = host(&url);
                    let mut ids = Vec::new();
                    for _ in 0..10 {
                        let mut txn = store.txn();
                        ids.push(txn.allocate_ticket_id().unwrap());
                        txn.commit().unwrap();
                    }
                    ids.extend(store.txn().reserve_ticket_ids(5).unwrap());
                    ids
                })
            })
            .collect();
        workers.into_iter().flat_map(|w| w.join().unwrap()).collect()
    });
    let distinct: BTreeSet<u64> = allocated.iter().copied().collect();
    assert_eq!(distinct.len(), 8 * 15, "no id handed out twice");
    let store = host(&url);
    let last = store.txn().last_ticket_id().unwrap();
    assert!(last >= *distinct.last().unwrap());
    // An import keeping id 5000 makes the counter skip past it, and never moves it back.
    let mut txn = store.txn();
    txn.reserve_ids_through(5000).unwrap();
    txn.commit().unwrap();
    let mut txn = store.txn();
    txn.reserve_ids_through(10).unwrap();
    txn.commit().unwrap();
    let mut txn = store.txn();
    assert_eq!(txn.allocate_ticket_id().unwrap(), 5001);
}

#[test]
fn a_long_range_reads_page_by_page_in_key_order() {
    let dir = tempfile::tempdir().unwrap();
    for (name, store) in backends(dir.path()) {
        for id in 1..=5 {
            insert(&store, &ticket(id, Status::Unclaimed, Priority::Normal));
        }
        let (mut from, mut seen) = (keys::TICKET_PREFIX.to_vec(), Vec::new());
        loop {
            let page = store.kv.scan_range_limited(&from, b"t0", 2).unwrap();
            assert!(page.len() <= 2, "{name}");
            let Some((last, _)) = page.last() else { break };
            from = [last.as_slice(), &[0]].concat();
            seen.extend(page.iter().map(|(key, _)| keys::trailing_id(key).unwrap()));
        }
        assert_eq!(seen, vec![1, 2, 3, 4, 5], "{name}");
    }
}
