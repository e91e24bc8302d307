//! Store generator and fill benchmark.
//!
//! Fills a desk home with realistic history through the library: tickets of the four
//! example types with valid fields and 300–600-byte bodies, each taken through the real
//! lifecycle (`lifecycle::create` and `lifecycle::apply`). Old closed tickets go to the
//! cold archive through `Store::archive_records`, the same writer the automatic archiver
//! uses; open tickets are committed one per transaction into the hot store, as `desk
//! ticket new` does (sled lays out batched bulk writes very differently, and a store
//! filled that way opens several times slower than one grown by real use).
//!
//! ```text
//! cargo bench --bench fill                      # quick: 20k tickets in a temp dir, prints the rate
//! cargo bench --bench fill -- --home DIR --tickets 1000000 --open 10000 [--unclaimed] [--agents 200]
//! cargo bench --bench fill -- --home DIR --store postgres://… --tickets 100000   # a team store
//! ```
//!
//! With `--store URL` (an empty PostgreSQL database) the home is a team store's: there is
//! no cold archive there, so the history is committed into the database, 1,000 tickets a
//! commit, and config.toml names the store.
//!
//! History also fills the per-agent routing counters (first responses, resolutions, CSAT per
//! agent and day), as the real moves would. `--agents N` replaces the twelve default agents
//! with N (`agent-0001`…) holding every example type's skill at varied levels, and has
//! customers rate the closed complaints.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use desk::domain::config::DEFAULT_CONFIG_TOML;
use desk::domain::lifecycle::{self, Action, Actor, NewTicket};
use desk::domain::routing::{stats_deltas, AgentDayStats, StatsDelta};
use desk::domain::{Agent, AgentStatus, Priority, Role, Ticket, Workflow};
use desk::store::cold::ArchivedTicket;
use desk::store::{postgres, sled_backend, KvBackend, Store};
use serde_json::Value;

struct Options {
    home: Option<PathBuf>,
    store: Option<String>,
    tickets: u64,
    open: u64,
    all_unclaimed: bool,
    agents: Option<usize>,
}

/// Routing counters gathered while generating, written at the end.
type Counters = BTreeMap<(String, NaiveDate), AgentDayStats>;

fn options() -> Options {
    let mut options = Options {
        home: None,
        store: None,
        tickets: 20_000,
        open: 1_000,
        all_unclaimed: false,
        agents: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--home" => options.home = args.next().map(PathBuf::from),
            "--store" => options.store = args.next(),
            "--tickets" => options.tickets = args.next().and_then(|n| n.parse().ok()).expect("--tickets N"),
            "--open" => options.open = args.next().and_then(|n| n.parse().ok()).expect("--open N"),
            "--unclaimed" => options.all_unclaimed = true,
            "--agents" => options.agents = args.next().and_then(|n| n.parse().ok()),
            // `cargo bench` passes --bench (and filters); nothing to do with them.
            _ => {}
        }
    }
    assert!(
        options.open <= options.tickets,
        "--open must not exceed --tickets"
    );
    options
}

const AGENTS: [&str; 12] = [
    "bob", "chen", "dana", "erin", "farid", "grace", "hiro", "ines", "jun", "kofi", "lena", "mei",
];
const WORDS: [&str; 40] = [
    "checkout",
    "latency",
    "timeout",
    "database",
    "replica",
    "queue",
    "deploy",
    "rollback",
    "cert",
    "expired",
    "dns",
    "vpn",
    "login",
    "billing",
    "invoice",
    "refund",
    "grafana",
    "dashboard",
    "alert",
    "disk",
    "full",
    "memory",
    "leak",
    "cpu",
    "spike",
    "error",
    "rate",
    "502",
    "gateway",
    "cache",
    "stale",
    "build",
    "flaky",
    "test",
    "pipeline",
    "runner",
    "permission",
    "denied",
    "token",
    "quota",
];

struct Generator {
    rng: fastrand::Rng,
}

impl Generator {
    fn words(&mut self, count: usize) -> String {
        (0..count)
            .map(|_| WORDS[self.rng.usize(..WORDS.len())])
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn body(&mut self) -> String {
        let target = self.rng.usize(300..600);
        let mut body = String::with_capacity(target + 64);
        while body.len() < target {
            let count = self.rng.usize(6..14);
            body.push_str(&self.words(count));
            body.push_str(". ");
        }
        body
    }

    /// A ticket of one of the example types, with fields valid for its template.
    fn new_ticket(&mut self) -> NewTicket {
        let mut fields = BTreeMap::new();
        let (ticket_type, prefix, workflow) = match self.rng.u8(..4) {
            0 => {
                fields.insert(
                    "service".into(),
                    Value::from(format!("svc-{}", self.rng.u8(..50))),
                );
                fields.insert(
                    "severity".into(),
                    Value::from(["sev1", "sev2", "sev3"][self.rng.usize(..3)]),
                );
                ("incident", "INC", Workflow::Internal)
            }
            1 => {
                fields.insert(
                    "system".into(),
                    Value::from(["github", "aws", "grafana", "vpn"][self.rng.usize(..4)]),
                );
                fields.insert("access_level".into(), Value::from("read"));
                fields.insert("justification".into(), Value::from(self.words(8)));
                ("access-request", "ACC", Workflow::Internal)
            }
            2 => {
                fields.insert(
                    "repo".into(),
                    Value::from(format!("acme/repo-{}", self.rng.u8(..30))),
                );
                fields.insert("job".into(), Value::from(format!("test-{}", self.rng.u8(..10))));
                fields.insert("branch".into(), Value::from("main"));
                ("ci-failure", "CI", Workflow::Internal)
            }
            _ => {
                fields.insert(
                    "channel".into(),
                    Value::from(["email", "phone", "chat", "web"][self.rng.usize(..4)]),
                );
                ("customer-complaint", "CS", Workflow::Customer)
            }
        };
        let title_words = self.rng.usize(4..9);
        NewTicket {
            ticket_type: ticket_type.into(),
            prefix: Some(prefix.into()),
            workflow,
            title: self.words(title_words),
            body: self.body(),
            priority: Priority::ALL[self.rng.usize(..4)],
            requester: format!("user{}", self.rng.u32(..5_000)),
            fields,
            dedup_key: None,
            sla_policy: None,
            channel: Some("cli".into()),
            attachments: Vec::new(),
        }
    }
}

fn agent(name: &str, role: Role, now: DateTime<Utc>) -> Agent {
    Agent {
        name: name.into(),
        skills: vec!["ops".into(), "support".into()],
        capacity: 1_000,
        role,
        status: AgentStatus::Online,
        created_at: now,
        updated_at: now,
        os_user: None,
    }
}

/// `--agents N`: every example type's skills, at levels that differ from agent to agent.
fn skilled_agent(n: usize, now: DateTime<Utc>) -> Agent {
    let level = |offset: usize| 1 + (n + offset) % 5;
    let mut a = agent(&format!("agent-{n:04}"), Role::Agent, now);
    a.skills = vec![
        format!("ops:{}", level(0)),
        format!("support:{}", level(1)),
        format!("iam:{}", level(2)),
        format!("ci:{}", level(3)),
        format!("network:{}", level(4)),
        format!("database:{}", level(2)),
        format!("billing:{}", level(3)),
    ];
    a
}

/// Take a new ticket through claim and reply, and (when `close`) the requester's close
/// (and, when `rate`, a complaint's rating), counting what routing counts.
#[allow(clippy::too_many_arguments)]
fn work(
    ticket: Ticket,
    first: desk::domain::Event,
    agents: &[Agent],
    close: bool,
    rate: bool,
    at: DateTime<Utc>,
    g: &mut Generator,
    counters: &mut Counters,
) -> ArchivedTicket {
    let handler = &agents[g.rng.usize(..agents.len())];
    let as_handler = Actor {
        name: &handler.name,
        agent: Some(handler),
    };
    let requester = ticket.requester.clone();
    let as_requester = Actor {
        name: &requester,
        agent: None,
    };
    let mut events = vec![first];
    let mut t = ticket;
    let mut clock = at;
    let mut step = |t: &Ticket, actor: Actor<'_>, action: Action<'_>, events: &mut Vec<_>| {
        clock += chrono::Duration::minutes(g.rng.i64(5..600));
        let (next, event) = lifecycle::apply(t, actor, action, clock).expect("generated moves are legal");
        for delta in stats_deltas(t, &next, &event) {
            counters
                .entry((delta.agent, delta.day))
                .or_default()
                .add(&delta.change);
        }
        events.push(event);
        next
    };
    t = step(&t, as_handler, Action::Claim, &mut events);
    let reply = "Looked into it; the cause was a stale cache entry, cleared and verified.";
    t = step(&t, as_handler, Action::Reply { message: reply }, &mut events);
    if close {
        t = match t.workflow {
            Workflow::Internal => step(&t, as_requester, Action::Confirm, &mut events),
            Workflow::Customer => step(&t, as_handler, Action::Close, &mut events),
        };
        if rate && t.workflow == Workflow::Customer {
            let score = 2 + (t.id % 4) as u8;
            let action = Action::Rate { score, message: None };
            t = step(&t, as_requester, action, &mut events);
        }
    }
    ArchivedTicket { ticket: t, events }
}

fn write_home(home: &Path, store: Option<&str>) {
    std::fs::create_dir_all(home.join("templates")).unwrap();
    let config = match store {
        Some(url) => format!("{DEFAULT_CONFIG_TOML}\n[store]\nurl = {url:?}\n"),
        None => {
            std::fs::create_dir_all(home.join("hot")).unwrap();
            DEFAULT_CONFIG_TOML.to_string()
        }
    };
    std::fs::write(home.join("config.toml"), config).unwrap();
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/templates");
    for entry in std::fs::read_dir(examples).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, home.join("templates").join(path.file_name().unwrap())).unwrap();
    }
}

/// A team store has no cold archive: its closed tickets stay in the database.
fn commit_history(store: &Store, records: Vec<ArchivedTicket>) {
    let mut txn = store.txn();
    for record in &records {
        txn.put_ticket(&record.ticket).unwrap();
        for event in &record.events {
            txn.import_event(record.ticket.id, event);
        }
    }
    txn.commit().unwrap();
}

fn main() {
    let options = options();
    let temp = tempfile::tempdir().unwrap();
    let home = options.home.clone().unwrap_or_else(|| temp.path().join("home"));
    assert!(
        !home.join("hot").exists(),
        "{} already has a store",
        home.display()
    );
    write_home(&home, options.store.as_deref());
    let backend: Box<dyn KvBackend> = match &options.store {
        Some(url) => Box::new(
            postgres::open(postgres::parse_url(url).unwrap(), None, Duration::from_secs(10)).unwrap(),
        ),
        None => Box::new(sled_backend::open_with_retry(&home.join("hot"), Duration::from_secs(10)).unwrap()),
    };
    let store = Store::new(backend, &home.join("hot"), &home.join("cold")).unwrap();
    let mut g = Generator {
        rng: fastrand::Rng::with_seed(42),
    };
    let now = Utc.with_ymd_and_hms(2026, 11, 1, 12, 0, 0).unwrap();

    let mut agents = vec![agent("admin", Role::Admin, now)];
    match options.agents {
        Some(n) => agents.extend((1..=n).map(|n| skilled_agent(n, now))),
        None => agents.extend(AGENTS.iter().map(|name| agent(name, Role::Agent, now))),
    }
    let rate = options.agents.is_some();
    let mut counters = Counters::new();
    let mut txn = store.txn();
    for a in &agents {
        txn.put_agent(a);
    }
    // The OS account running the benchmarks signs in as `admin` (as `agent add admin
    // --os-user LOGIN` would map it), so the scripts' DESK_USER=admin is no impersonation.
    let login = whoami::fallible::username().expect("login name");
    txn.map_os_account(&login, Some("admin"));
    // On a team store the PostgreSQL role is who signs in: map the URL's role the same way.
    if let Some(role) = options
        .store
        .as_deref()
        .and_then(|url| postgres::parse_url(url).ok()?.get_user().map(str::to_string))
    {
        txn.map_os_account(&role, Some("admin"));
    }
    let archived = options.tickets - options.open;
    let ids = txn.reserve_ticket_ids(archived).unwrap();
    txn.commit().unwrap();

    // History: closed tickets spread over the year before `now`, straight to the archive.
    let started = Instant::now();
    let year = 365 * 24 * 3600;
    let mut batch = Vec::with_capacity(10_000);
    for id in ids {
        let created = now
            - chrono::Duration::seconds(year - (id as i64 * year / archived.max(1) as i64))
            - chrono::Duration::days(30);
        let (ticket, event) = lifecycle::create(id, g.new_ticket(), "admin", created);
        batch.push(work(
            ticket,
            event,
            &agents[1..],
            true,
            rate,
            created,
            &mut g,
            &mut counters,
        ));
        if store.is_shared() && batch.len() == 1_000 {
            commit_history(&store, std::mem::take(&mut batch));
        } else if batch.len() == 10_000 {
            store.archive_records(std::mem::take(&mut batch)).unwrap();
        }
    }
    if store.is_shared() {
        commit_history(&store, batch);
    } else {
        store.archive_records(batch).unwrap();
    }
    let archive_time = started.elapsed();

    // The working set: open tickets, one commit each, as `desk ticket new` writes them.
    let started_open = Instant::now();
    for n in 0..options.open {
        let mut txn = store.txn();
        let id = txn.allocate_ticket_id().unwrap();
        let created = now - chrono::Duration::minutes((options.open - n) as i64);
        let (ticket, event) = lifecycle::create(id, g.new_ticket(), "admin", created);
        let record = if options.all_unclaimed || n % 3 == 0 {
            ArchivedTicket {
                ticket,
                events: vec![event],
            }
        } else {
            work(
                ticket,
                event,
                &agents[1..],
                false,
                rate,
                created,
                &mut g,
                &mut counters,
            )
        };
        txn.put_ticket(&record.ticket).unwrap();
        // Generated history: nothing in it should wait in the notification outbox.
        for event in &record.events {
            txn.import_event(id, event);
        }
        txn.commit().unwrap();
    }
    let open_time = started_open.elapsed();
    let buckets = counters.len();
    let deltas: Vec<StatsDelta> = counters
        .into_iter()
        .map(|((agent, day), change)| StatsDelta { agent, day, change })
        .collect();
    for chunk in deltas.chunks(10_000) {
        let mut txn = store.txn();
        txn.apply_stats_deltas(chunk).unwrap();
        txn.commit().unwrap();
    }
    let total = started.elapsed();

    let manifest = store.txn().cold_manifest().unwrap();
    println!(
        "filled {} tickets in {:.2?}: {:.0} tickets/s overall",
        options.tickets,
        total,
        options.tickets as f64 / total.as_secs_f64()
    );
    println!(
        "  archived {archived} in {archive_time:.2?} ({:.0}/s, {} MB in {} segments); open {} in {open_time:.2?} ({:.0}/s, one commit each)",
        archived as f64 / archive_time.as_secs_f64(),
        manifest.bytes() / 1_000_000,
        manifest.segments.len(),
        options.open,
        options.open as f64 / open_time.as_secs_f64().max(1e-9),
    );
    println!(
        "  {} agents; routing counters for {buckets} agent-days",
        agents.len() - 1
    );
    if let Some(home) = &options.home {
        println!(
            "  home: {} (DESK_HOME={} DESK_USER=admin desk ticket list)",
            home.display(),
            home.display()
        );
    }
}
