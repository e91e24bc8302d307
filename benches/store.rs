//! In-process costs of the store and domain (criterion). Whole-process figures, which
//! are what users feel, come from `benches/process.sh`.

use std::collections::BTreeMap;
use std::time::Duration;

use chrono::{TimeZone, Utc};
use criterion::{criterion_group, criterion_main, Criterion};
use desk::domain::lifecycle::{self, NewTicket};
use desk::domain::template::Template;
use desk::domain::{Priority, Status, Workflow};
use desk::store::cold::ArchivedTicket;
use desk::store::memory::MemoryBackend;
use desk::store::{sled_backend, Store, TicketQuery};

fn new_ticket(n: u64) -> NewTicket {
    let mut fields = BTreeMap::new();
    fields.insert("service".to_string(), serde_json::Value::from("checkout-api"));
    NewTicket {
        ticket_type: "incident".into(),
        prefix: Some("INC".into()),
        workflow: Workflow::Internal,
        title: format!("checkout latency spike number {n}"),
        body: "Since 09:10 about 5% of checkout calls fail with 502 behind the VPN. ".repeat(6),
        priority: Priority::ALL[(n % 4) as usize],
        requester: format!("user{}", n % 100),
        fields,
        dedup_key: None,
        sla_policy: None,
        channel: Some("cli".into()),
        attachments: Vec::new(),
    }
}

fn benches(c: &mut Criterion) {
    let now = Utc.with_ymd_and_hms(2026, 11, 1, 12, 0, 0).unwrap();

    // One `desk ticket new` worth of store work: allocate, write ticket + event + indexes, flush.
    let dir = tempfile::tempdir().unwrap();
    let backend = sled_backend::open_with_retry(&dir.path().join("hot"), Duration::from_secs(5)).unwrap();
    let store = Store::new(Box::new(backend), dir.path(), &dir.path().join("cold")).unwrap();
    let mut n = 0;
    c.bench_function("sled: create one ticket and commit (flushed)", |b| {
        b.iter(|| {
            n += 1;
            let mut txn = store.txn();
            let id = txn.allocate_ticket_id().unwrap();
            let (ticket, event) = lifecycle::create(id, new_ticket(n), "admin", now);
            txn.put_ticket(&ticket).unwrap();
            txn.append_event(id, &event);
            txn.commit().unwrap();
        })
    });

    // The queue query behind `desk ticket list --status unclaimed`, 1,000 tickets.
    let dir = tempfile::tempdir().unwrap();
    let memory = Store::new(
        Box::<MemoryBackend>::default(),
        dir.path(),
        &dir.path().join("cold"),
    )
    .unwrap();
    let mut txn = memory.txn();
    for n in 0..1_000 {
        let id = txn.allocate_ticket_id().unwrap();
        let (ticket, _) = lifecycle::create(id, new_ticket(n), "admin", now);
        txn.put_ticket(&ticket).unwrap();
    }
    txn.commit().unwrap();
    let query = TicketQuery {
        statuses: vec![Status::Unclaimed],
        ..Default::default()
    };
    c.bench_function("query 1k unclaimed tickets in queue order", |b| {
        b.iter(|| memory.txn().query_tickets(&query).unwrap().len())
    });

    // `desk ticket show` of an archived ticket: location table + one frame.
    let records: Vec<ArchivedTicket> = (1..=10_000)
        .map(|id| {
            let (ticket, event) = lifecycle::create(id, new_ticket(id), "admin", now);
            ArchivedTicket {
                ticket,
                events: vec![event],
            }
        })
        .collect();
    let manifest = memory.cold().append(&Default::default(), &records).unwrap();
    c.bench_function("cold archive: get one of 10k by id", |b| {
        b.iter(|| memory.cold().get(&manifest, 4_321).unwrap().is_some())
    });

    // Field validation of `desk ticket new`.
    let source = include_str!("../examples/templates/incident.toml");
    let template = Template::parse("incident", "incident.toml", source).unwrap();
    let given = vec![
        ("service".to_string(), "checkout-api".to_string()),
        ("severity".to_string(), "sev2".to_string()),
        ("users_affected".to_string(), "1200".to_string()),
    ];
    c.bench_function("template: parse incident.toml", |b| {
        b.iter(|| {
            Template::parse("incident", "incident.toml", source)
                .unwrap()
                .fields
                .len()
        })
    });
    c.bench_function("template: validate three fields", |b| {
        b.iter(|| template.validate_fields(&given).unwrap().len())
    });
}

criterion_group! {
    name = store;
    config = Criterion::default().sample_size(20).measurement_time(Duration::from_secs(2)).warm_up_time(Duration::from_millis(500));
    targets = benches
}
criterion_main!(store);
