//! The hot store on PostgreSQL: one desk shared by a team's hosts (`[store] url` in
//! config.toml, or `DESK_STORE`).
//!
//! This backend keeps the [`KvBackend`] contract exactly: the same ordered keys and values
//! as sled, in one table `desk_kv (key bytea primary key, value bytea)`. PostgreSQL
//! compares `bytea` byte by byte, so its order is sled's and a prefix scan is a range scan
//! on the primary key.
//!
//! Concurrency is optimistic, with no lock between desk processes. Everything a command
//! reads and writes up to a [`KvBackend::commit`] is one `REPEATABLE READ` transaction,
//! begun when the store opens and again after each commit: its reads see one consistent
//! snapshot, and it writes only at commit, in key order. When two commands write the same
//! record at the same moment (two claims of one ticket, one dedup key from two CI runners,
//! two cron hosts recording one reminder, two flushes claiming one message), the second to
//! commit fails with a serialization failure, which this backend reports as
//! [`StoreError::Conflict`]: nothing of it was written, and the caller runs the step again
//! on fresh data (`cli::retry`). Readers never wait for writers, nor writers for readers,
//! and commands that touch different records never conflict.
//!
//! Snapshot isolation protects every record a command writes; a rule that reads many
//! records and writes none of them (a requester's rate limit, an agent's capacity) is made
//! to write one guard record instead ([`super::Txn`]'s `guard`), so that two commands
//! deciding on the same requester or agent conflict too. `SERIALIZABLE` would need no
//! guards, but PostgreSQL tracks its reads by index page, and in one key-value table
//! nearly every pair of concurrent writers shares a page: it made them retry each other
//! all the time.
//!
//! A client killed mid-command leaves an open transaction the server rolls back: nothing
//! half-written.
//!
//! The two records every filing used to write live in sequences instead, so concurrent
//! `ticket new`s do not conflict on them: the ticket-id counter ([`keys::NEXT_ID`],
//! sequence `desk_ticket_ids`; ids are still never reused, and a rolled-back filing leaves
//! a gap) and the search queue's last stamp ([`super::search_queue::SEARCH_SEQ`],
//! sequence `desk_search_seq`, taken under [`COMMIT_ORDER_LOCK`] so stamps follow commit
//! order; the last stamp a reader has seen is the highest in the queue it sees).

use std::cell::{Cell, RefCell};
use std::str::FromStr;
use std::time::Duration;

use postgres::config::{Host, SslMode};
use postgres::error::SqlState;
use postgres::{Client, Config, SimpleQueryMessage};

use super::{keys, search_queue, KvBackend, Result, StoreError, Write};

/// The advisory lock a desk takes while it creates or upgrades the table and views, so two
/// first opens do not race (an arbitrary constant: `desk` in ASCII). Commands never take it.
const SCHEMA_LOCK: i64 = 0x6465_736b;

/// The advisory lock a commit that stamps records takes from its stamp to its end, so that
/// stamps grow in the order commits become visible ([`KvBackend::commit_stamped`]). It is
/// held for one statement and the COMMIT, never while a command reads or decides.
const COMMIT_ORDER_LOCK: i64 = SCHEMA_LOCK + 1;

/// Every transaction a command runs: see the module documentation.
const BEGIN: &str = "BEGIN ISOLATION LEVEL REPEATABLE READ";

thread_local! {
    /// Set once any commit of this command has reached the database: from then on,
    /// running the whole command again after a conflict would repeat what it already
    /// wrote. Per thread, because a command runs on one thread: the process's main thread,
    /// or one of `desk serve`'s workers for one request.
    static COMMITTED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether this command has committed anything to a team store (see [`COMMITTED`]).
pub fn committed_in_this_process() -> bool {
    COMMITTED.with(|c| c.get())
}

/// A new command starts on this thread (`desk serve`'s next request): nothing committed.
pub fn forget_commits() {
    COMMITTED.with(|c| c.set(false));
}

/// The table this backend keeps, created on first open, and read-only views over it for
/// people and dashboards (docs/postgres.md lists their columns). The views decode the
/// same JSON records desk reads, so they are never behind; replacing them on every open
/// keeps them in step with the binary.
const SCHEMA_SQL: &str = r#"
CREATE TABLE IF NOT EXISTS desk_kv (
    key   bytea PRIMARY KEY,
    value bytea NOT NULL
);
CREATE SEQUENCE IF NOT EXISTS desk_ticket_ids;
-- A store made before the sequence kept the counter as a record (the id it would hand out
-- next, a big-endian u64): carry it over once.
SELECT setval('desk_ticket_ids', ('x' || encode(value, 'hex'))::bit(64)::bigint - 1)
FROM desk_kv, desk_ticket_ids
WHERE key = 'm/next_id'::bytea
  AND ('x' || encode(value, 'hex'))::bit(64)::bigint - 1 > CASE WHEN is_called THEN last_value ELSE 0 END;
DELETE FROM desk_kv WHERE key = 'm/next_id'::bytea;
-- Commit stamps for the search queue: above every stamp already given out.
CREATE SEQUENCE IF NOT EXISTS desk_search_seq;
SELECT setval('desk_search_seq', stamp) FROM (
    SELECT max(('x' || encode(value, 'hex'))::bit(64)::bigint) AS stamp FROM desk_kv
    WHERE (key = 'm/search_seq'::bytea OR (key >= 'q/'::bytea AND key < 'q0'::bytea))
      AND length(value) = 8
) AS stamps, desk_search_seq
WHERE stamp > CASE WHEN is_called THEN last_value ELSE 0 END;
DELETE FROM desk_kv WHERE key = 'm/search_seq'::bytea;
-- A team store's queue is never cleared (every host's index reads it): catching up reads
-- the entries above a stamp through this index, not the whole queue.
CREATE INDEX IF NOT EXISTS desk_kv_search_stamps ON desk_kv (value)
    WHERE key >= 'q/'::bytea AND key < 'q0'::bytea;
CREATE OR REPLACE VIEW desk_tickets AS
SELECT (r->>'id')::bigint AS id,
       coalesce(r->>'prefix' || '-' || (r->>'id'), '#' || (r->>'id')) AS display_id,
       r->>'type' AS type, r->>'title' AS title, r->>'status' AS status,
       r->>'priority' AS priority, r->>'requester' AS requester, r->>'assignee' AS assignee,
       r->>'department' AS department, r->>'channel' AS channel,
       ARRAY(SELECT jsonb_array_elements_text(coalesce(r->'tags', '[]'))) AS tags,
       (r->>'created_at')::timestamptz AS created_at,
       (r->>'updated_at')::timestamptz AS updated_at,
       (r->>'closed_at')::timestamptz AS closed_at,
       (r->>'sla_due_at')::timestamptz AS sla_due_at,
       (r->>'rating')::int AS rating,
       coalesce((r->>'occurrences')::int, 1) AS occurrences,
       (r->>'merged_into')::bigint AS merged_into,
       r->'fields' AS fields
FROM (SELECT convert_from(value, 'UTF8')::jsonb AS r
      FROM desk_kv WHERE key >= 't/'::bytea AND key < 't0'::bytea) AS records;
CREATE OR REPLACE VIEW desk_events AS
SELECT get_byte(key, 2)::bigint << 56 | get_byte(key, 3)::bigint << 48
         | get_byte(key, 4)::bigint << 40 | get_byte(key, 5)::bigint << 32
         | get_byte(key, 6)::bigint << 24 | get_byte(key, 7)::bigint << 16
         | get_byte(key, 8)::bigint << 8 | get_byte(key, 9)::bigint AS ticket_id,
       (r->>'seq')::int AS seq, r->>'kind' AS kind, r->>'actor' AS actor,
       r->>'real_actor' AS real_actor, (r->>'at')::timestamptz AS at,
       r->>'from_status' AS from_status, r->>'to_status' AS to_status,
       r->>'assignee' AS assignee, (r->>'score')::int AS score, r->>'message' AS message
FROM (SELECT key, convert_from(value, 'UTF8')::jsonb AS r
      FROM desk_kv WHERE key >= 'e/'::bytea AND key < 'e0'::bytea) AS records;
CREATE OR REPLACE VIEW desk_agents AS
SELECT r->>'name' AS name, r->>'role' AS role, r->>'status' AS status,
       ARRAY(SELECT jsonb_array_elements_text(coalesce(r->'skills', '[]'))) AS skills,
       (r->>'capacity')::int AS capacity, (r->>'created_at')::timestamptz AS created_at
FROM (SELECT convert_from(value, 'UTF8')::jsonb AS r
      FROM desk_kv WHERE key >= 'a/'::bytea AND key < 'a0'::bytea) AS records;
CREATE OR REPLACE VIEW desk_requesters AS
SELECT r->>'name' AS name, r->>'tier' AS tier, (r->>'created_at')::timestamptz AS created_at
FROM (SELECT convert_from(value, 'UTF8')::jsonb AS r
      FROM desk_kv WHERE key >= 'r/'::bytea AND key < 'r0'::bytea) AS records;
"#;

/// Bumped whenever [`SCHEMA_SQL`] changes; kept as the comment on `desk_tickets`
/// (`desk schema N`), so an open that finds it (or a newer one) runs no DDL at all.
/// 2: the ticket-id counter and the search queue's stamps moved to sequences.
const VIEWS_VERSION: u32 = 2;

pub struct PostgresBackend {
    client: RefCell<Client>,
    /// Whether a transaction is open: false only after a failed statement rolled it back,
    /// until the next statement begins another.
    in_transaction: Cell<bool>,
    /// How long a write waits for a row another command holds (`lock_timeout`).
    lock_timeout: Duration,
    /// `host:port/database`, for messages.
    target: String,
    /// The role the server authenticated this connection as.
    session_user: String,
    /// The version of the tables and views found at open ([`VIEWS_VERSION`] once created or
    /// upgraded).
    tables_version: Cell<u32>,
}

/// Where a store URL points, without its password: `db.example.com:5432/desk`.
pub fn describe(config: &Config) -> String {
    let host = match config.get_hosts().first() {
        Some(Host::Tcp(name)) => name.clone(),
        #[cfg(unix)]
        Some(Host::Unix(path)) => path.display().to_string(),
        None => "localhost".to_string(),
    };
    let port = config.get_ports().first().copied().unwrap_or(5432);
    let database = config.get_dbname().unwrap_or("(default database)");
    format!("{host}:{port}/{database}")
}

/// Parse a store URL (`postgres://user@host:port/db?sslmode=require`, or the libpq
/// key=value form). The password may come separately (`[store] password`, PGPASSWORD).
pub fn parse_url(url: &str) -> Result<Config, String> {
    Config::from_str(url).map_err(|e| format!("not a PostgreSQL URL: {e}"))
}

/// Connect to the database `config` names, create the table if this is a new store, and
/// begin the first transaction. Nothing waits for other desk processes.
pub fn open(mut config: Config, password: Option<String>, timeout: Duration) -> Result<PostgresBackend> {
    let target = describe(&config);
    if config.get_user().is_none() {
        // As libpq: PGUSER, else the OS account's name.
        let user =
            crate::env_vars::get(crate::env_vars::PGUSER).or_else(|| whoami::fallible::username().ok());
        if let Some(user) = user {
            config.user(&user);
        }
    }
    if config.get_password().is_none() {
        if let Some(password) = password.or_else(|| libpq_password(&config)) {
            config.password(password);
        }
    }
    if config.get_connect_timeout().is_none() {
        config.connect_timeout(timeout.max(Duration::from_secs(1)));
    }
    let unreachable = |error: postgres::Error| StoreError::Unreachable {
        target: target.clone(),
        cause: cause_of(&error),
    };
    let mut client = match config.get_ssl_mode() {
        SslMode::Disable => config.connect(postgres::NoTls),
        _ => config.connect(tls::connector().map_err(|cause| StoreError::Unreachable {
            target: target.clone(),
            cause,
        })?),
    }
    .map_err(unreachable)?;
    // One round trip: how long a write may wait for a row another command is committing
    // (DESK_LOCK_TIMEOUT, then exit 75), the first transaction, who the server says we
    // are, and the mark on the views (`desk schema N`) telling whether the DDL has run.
    let replies = client
        .simple_query(&format!(
            "SET lock_timeout = {}; {BEGIN};
             SELECT session_user::text, obj_description(to_regclass('desk_tickets'), 'pg_class')",
            timeout.as_millis().clamp(1, i32::MAX as u128)
        ))
        .map_err(unreachable)?;
    let row = replies
        .iter()
        .find_map(|reply| match reply {
            SimpleQueryMessage::Row(row) => Some(row),
            _ => None,
        })
        .ok_or_else(|| {
            StoreError::Backend(format!("PostgreSQL at {target}: no reply to the opening query"))
        })?;
    let session_user = row.get(0).unwrap_or_default().to_string();
    let tables_version = row.get(1).map(tables_version_of);
    let backend = PostgresBackend {
        client: RefCell::new(client),
        in_transaction: Cell::new(true),
        lock_timeout: timeout,
        target,
        session_user,
        tables_version: Cell::new(tables_version.unwrap_or(VIEWS_VERSION)),
    };
    // An empty database gets its tables at once: that is how a team store is made. An
    // older desk's tables are upgraded only by `desk migrate` (see `upgrade_tables`).
    if tables_version.is_none() {
        backend.create_or_upgrade_tables()?;
    }
    Ok(backend)
}

/// The version in the views' comment (`desk schema N`); 1 for a mark this desk cannot
/// read, so that `desk migrate` rewrites it.
fn tables_version_of(mark: &str) -> u32 {
    mark.strip_prefix("desk schema ")
        .and_then(|version| version.parse::<u32>().ok())
        .unwrap_or(1)
}

/// The password libpq would use: PGPASSWORD, else the matching line of PGPASSFILE
/// (default `~/.pgpass`), whose format is `host:port:database:user:password` with `*`
/// for any and `\` escaping `:` and `\`.
fn libpq_password(config: &Config) -> Option<String> {
    if let Some(password) = crate::env_vars::get(crate::env_vars::PGPASSWORD) {
        return Some(password);
    }
    let file = match crate::env_vars::get(crate::env_vars::PGPASSFILE) {
        Some(path) => std::path::PathBuf::from(path),
        None => std::path::PathBuf::from(crate::env_vars::get(crate::env_vars::HOME)?).join(".pgpass"),
    };
    let text = std::fs::read_to_string(file).ok()?;
    let host = match config.get_hosts().first() {
        Some(Host::Tcp(name)) => name.clone(),
        #[cfg(unix)]
        Some(Host::Unix(_)) | None => "localhost".to_string(),
        #[cfg(not(unix))]
        None => "localhost".to_string(),
    };
    let port = config.get_ports().first().copied().unwrap_or(5432).to_string();
    let user = config
        .get_user()
        .map(str::to_string)
        .or_else(|| whoami::fallible::username().ok())?;
    let database = config.get_dbname().unwrap_or(&user).to_string();
    pgpass_lookup(&text, [&host, &port, &database, &user])
}

fn pgpass_lookup(text: &str, wanted: [&str; 4]) -> Option<String> {
    text.lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .find_map(|line| {
            let fields = split_pgpass_line(line);
            if fields.len() != 5 {
                return None;
            }
            let matches = fields[..4]
                .iter()
                .zip(wanted)
                .all(|(field, want)| field == "*" || field == want);
            matches.then(|| fields[4].clone())
        })
}

fn split_pgpass_line(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(escaped) = chars.next() {
                    fields.last_mut().expect("never empty").push(escaped);
                }
            }
            ':' if fields.len() < 5 => fields.push(String::new()),
            c => fields.last_mut().expect("never empty").push(c),
        }
    }
    fields
}

/// The [`StoreError`] a failed statement on `target` is.
fn classify(error: postgres::Error, target: &str, lock_timeout: Duration) -> StoreError {
    if error.is_closed() || error.as_db_error().is_none() {
        return StoreError::Unreachable {
            target: target.to_string(),
            cause: cause_of(&error),
        };
    }
    let code = error.code();
    if code == Some(&SqlState::LOCK_NOT_AVAILABLE) {
        return StoreError::Busy { waited: lock_timeout };
    }
    if code == Some(&SqlState::INSUFFICIENT_PRIVILEGE) {
        return StoreError::Denied {
            target: target.to_string(),
            cause: cause_of(&error),
        };
    }
    // A deadlock (two commits locking rows in different orders: deletes go before
    // inserts) is detected by the server, and is a conflict like any other.
    if code == Some(&SqlState::T_R_SERIALIZATION_FAILURE) || code == Some(&SqlState::T_R_DEADLOCK_DETECTED) {
        return StoreError::Conflict {
            target: target.to_string(),
        };
    }
    StoreError::Backend(format!("PostgreSQL at {target}: {}", cause_of(&error)))
}

/// The one-line reason a connection or query failed: the server's message, else the
/// client's (refused, timed out, TLS), without the URL or any password.
fn cause_of(error: &postgres::Error) -> String {
    if let Some(db) = error.as_db_error() {
        return db.message().to_string();
    }
    let mut cause = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(inner) = source {
        cause = format!("{cause}: {inner}");
        source = inner.source();
    }
    cause
}

impl PostgresBackend {
    /// The role the server authenticated: who acts, on a team store (`[store] identity`).
    pub fn session_user(&self) -> &str {
        &self.session_user
    }

    /// Run [`SCHEMA_SQL`]: create the table, sequences and views, or bring an older desk's
    /// up to this one's. Idempotent, and under [`SCHEMA_LOCK`], so two first opens do not
    /// race; under the commit-order lock too, so no stamp is taken while the sequences'
    /// carry-over runs and they only ever move forward. Ends in a fresh transaction.
    fn create_or_upgrade_tables(&self) -> Result<()> {
        let done = self.client.borrow_mut().batch_execute(&format!(
            "ROLLBACK; BEGIN; SELECT pg_advisory_xact_lock({SCHEMA_LOCK});
             SELECT pg_advisory_xact_lock({COMMIT_ORDER_LOCK}); {SCHEMA_SQL}
             COMMENT ON VIEW desk_tickets IS 'desk schema {VIEWS_VERSION}'; COMMIT; {BEGIN}"
        ));
        done.map_err(|error| self.failed(error))?;
        self.in_transaction.set(true);
        self.tables_version.set(VIEWS_VERSION);
        Ok(())
    }

    /// What a failed statement means for the caller. Any failure inside a transaction
    /// aborts it, so it is rolled back here and the next statement begins a fresh one.
    fn failed(&self, error: postgres::Error) -> StoreError {
        if self.in_transaction.replace(false) && !error.is_closed() {
            let _ = self.client.borrow_mut().batch_execute("ROLLBACK");
        }
        classify(error, &self.target, self.lock_timeout)
    }

    /// Begin a transaction unless one is open.
    fn in_transaction(&self) -> Result<()> {
        if !self.in_transaction.get() {
            self.client
                .borrow_mut()
                .batch_execute(BEGIN)
                .map_err(|e| self.failed(e))?;
            self.in_transaction.set(true);
        }
        Ok(())
    }

    fn rows(&self, sql: &str, params: &[&(dyn postgres::types::ToSql + Sync)]) -> Result<Vec<postgres::Row>> {
        self.in_transaction()?;
        let result = self.client.borrow_mut().query(sql, params);
        result.map_err(|e| self.failed(e))
    }

    fn execute(&self, sql: &str, params: &[&(dyn postgres::types::ToSql + Sync)]) -> Result<()> {
        self.in_transaction()?;
        let result = self.client.borrow_mut().execute(sql, params);
        result.map(drop).map_err(|e| self.failed(e))
    }

    /// The id the ticket-id sequence hands out next, as the counter record would say it.
    fn next_ticket_id(&self) -> Result<Vec<u8>> {
        let rows = self.rows(
            "SELECT CASE WHEN is_called THEN last_value + 1 ELSE last_value END FROM desk_ticket_ids",
            &[],
        )?;
        let next: i64 = rows.first().map_or(1, |row| row.get(0));
        Ok((next as u64).to_be_bytes().to_vec())
    }

    /// `rows` (a scan from `start` to `end`, in key order) with the counters kept in
    /// sequences put in their places, so that a scan (a backup, `doctor`) sees the same
    /// records as on the embedded store.
    fn with_counters(
        &self,
        start: &[u8],
        end: Option<&[u8]>,
        mut rows: Vec<(Vec<u8>, Vec<u8>)>,
    ) -> Result<Vec<(Vec<u8>, Vec<u8>)>> {
        for counter in [keys::NEXT_ID, search_queue::SEARCH_SEQ] {
            let inside = counter >= start && end.is_none_or(|end| counter < end);
            if !inside {
                continue;
            }
            if let Some(value) = self.get(counter)? {
                let at = rows.partition_point(|(key, _)| key.as_slice() < counter);
                rows.insert(at, (counter.to_vec(), value));
            }
        }
        Ok(rows)
    }

    /// Make the next stamp greater than `value` (a stamp written by a copy of a store).
    fn raise_search_stamps(&self, value: &[u8]) -> Result<()> {
        let last = value
            .try_into()
            .map(u64::from_be_bytes)
            .map_err(|_| StoreError::Corrupt("search sequence".into()))?;
        let last = i64::try_from(last).map_err(|_| StoreError::Corrupt("search sequence".into()))?;
        self.execute(
            "SELECT setval('desk_search_seq', $1::bigint) FROM desk_search_seq
             WHERE $1::bigint > CASE WHEN is_called THEN last_value ELSE 0 END",
            &[&last],
        )
    }

    /// Make the sequence hand out `next` (or later) next: an import or a repair writing
    /// the counter record. Never moves it back.
    fn raise_ticket_ids(&self, value: &[u8]) -> Result<()> {
        let next = value
            .try_into()
            .map(u64::from_be_bytes)
            .map_err(|_| StoreError::Corrupt("next ticket id".into()))?;
        let next = i64::try_from(next).map_err(|_| StoreError::Corrupt("next ticket id".into()))?;
        self.execute(
            "SELECT setval('desk_ticket_ids', $1::bigint - 1) FROM desk_ticket_ids
             WHERE $1::bigint - 1 > CASE WHEN is_called THEN last_value ELSE last_value - 1 END",
            &[&next],
        )
    }
}

/// The smallest key greater than every key starting with `prefix`, or `None` when there is
/// none (the prefix is empty or all 0xff): the exclusive end of a prefix's range.
fn prefix_end(prefix: &[u8]) -> Option<Vec<u8>> {
    let mut end = prefix.to_vec();
    while let Some(last) = end.pop() {
        if last < 0xff {
            end.push(last + 1);
            return Some(end);
        }
    }
    None
}

fn pairs(rows: Vec<postgres::Row>) -> Vec<(Vec<u8>, Vec<u8>)> {
    rows.into_iter().map(|row| (row.get(0), row.get(1))).collect()
}

impl KvBackend for PostgresBackend {
    fn get(&self, key: &[u8]) -> Result<Option<Vec<u8>>> {
        if key == keys::NEXT_ID {
            return self.next_ticket_id().map(Some);
        }
        if key == search_queue::SEARCH_SEQ {
            // The last stamp this snapshot has seen: every stamp is on a queue entry, and
            // a document written again keeps the higher one.
            let rows = self.rows(
                "SELECT value FROM desk_kv WHERE key >= 'q/'::bytea AND key < 'q0'::bytea
                 ORDER BY value DESC LIMIT 1",
                &[],
            )?;
            return Ok(rows.into_iter().next().map(|row| row.get(0)));
        }
        let rows = self.rows("SELECT value FROM desk_kv WHERE key = $1", &[&key])?;
        Ok(rows.into_iter().next().map(|row| row.get(0)))
    }

    fn get_many(&self, keys: &[Vec<u8>]) -> Result<Vec<Option<Vec<u8>>>> {
        let mut found: std::collections::HashMap<Vec<u8>, Vec<u8>> = std::collections::HashMap::new();
        for chunk in keys.chunks(1000) {
            let rows = self.rows("SELECT key, value FROM desk_kv WHERE key = ANY($1)", &[&chunk])?;
            found.extend(pairs(rows));
        }
        keys.iter()
            .map(|key| match key.as_slice() {
                counter if counter == keys::NEXT_ID || counter == search_queue::SEARCH_SEQ => {
                    self.get(counter)
                }
                _ => Ok(found.get(key).cloned()),
            })
            .collect()
    }

    fn scan_prefix(&self, prefix: &[u8]) -> Result<Vec<(Vec<u8>, Vec<u8>)>> {
        let end = prefix_end(prefix);
        let rows = match &end {
            Some(end) => self.rows(
                "SELECT key, value FROM desk_kv WHERE key >= $1 AND key < $2 ORDER BY key",
                &[&prefix, end],
            )?,
            None => self.rows(
                "SELECT key, value FROM desk_kv WHERE key >= $1 ORDER BY key",
                &[&prefix],
            )?,
        };
        self.with_counters(prefix, end.as_deref(), pairs(rows))
    }

    fn scan_prefix_keys(&self, prefix: &[u8], limit: usize) -> Result<Vec<Vec<u8>>> {
        let end = prefix_end(prefix);
        let sql_limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = match &end {
            Some(end) => self.rows(
                "SELECT key FROM desk_kv WHERE key >= $1 AND key < $2 ORDER BY key LIMIT $3",
                &[&prefix, end, &sql_limit],
            )?,
            None => self.rows(
                "SELECT key FROM desk_kv WHERE key >= $1 ORDER BY key LIMIT $2",
                &[&prefix, &sql_limit],
            )?,
        };
        let keys = rows.into_iter().map(|row| (row.get(0), Vec::new())).collect();
        let mut keys: Vec<Vec<u8>> = self
            .with_counters(prefix, end.as_deref(), keys)?
            .into_iter()
            .map(|(key, _)| key)
            .collect();
        keys.truncate(limit);
        Ok(keys)
    }

    fn scan_range(&self, start: &[u8], end: &[u8]) -> Result<Vec<(Vec<u8>, Vec<u8>)>> {
        let rows = self.rows(
            "SELECT key, value FROM desk_kv WHERE key >= $1 AND key < $2 ORDER BY key",
            &[&start, &end],
        )?;
        self.with_counters(start, Some(end), pairs(rows))
    }

    fn scan_range_limited(&self, start: &[u8], end: &[u8], limit: usize) -> Result<Vec<(Vec<u8>, Vec<u8>)>> {
        let sql_limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = self.rows(
            "SELECT key, value FROM desk_kv WHERE key >= $1 AND key < $2 ORDER BY key LIMIT $3",
            &[&start, &end, &sql_limit],
        )?;
        let mut rows = self.with_counters(start, Some(end), pairs(rows))?;
        rows.truncate(limit);
        Ok(rows)
    }

    fn commit(&self, mut writes: Vec<Write>) -> Result<()> {
        // Rows are locked in key order within the deletes and within the inserts, so two
        // commits rarely wait for each other in a circle; when they do, the server ends one
        // (a deadlock is a conflict, run again).
        writes.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let (mut put_keys, mut put_values, mut deleted) = (Vec::new(), Vec::new(), Vec::new());
        for (key, value) in writes {
            match value {
                // The counter is the sequence (see the module documentation).
                Some(value) if key == keys::NEXT_ID => self.raise_ticket_ids(&value)?,
                None if key == keys::NEXT_ID || key == search_queue::SEARCH_SEQ => {}
                Some(value) if key == search_queue::SEARCH_SEQ => self.raise_search_stamps(&value)?,
                Some(value) => {
                    put_keys.push(key);
                    put_values.push(value);
                }
                None => deleted.push(key),
            }
        }
        if !deleted.is_empty() {
            self.execute("DELETE FROM desk_kv WHERE key = ANY($1)", &[&deleted])?;
        }
        if !put_keys.is_empty() {
            self.execute(
                "INSERT INTO desk_kv (key, value) SELECT * FROM unnest($1::bytea[], $2::bytea[])
                 ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                &[&put_keys, &put_values],
            )?;
        }
        // COMMIT is where a serialization failure usually shows; the next transaction
        // begins in the same round trip.
        self.in_transaction()?;
        let result = self
            .client
            .borrow_mut()
            .batch_execute(&format!("COMMIT; {BEGIN}"));
        result.map_err(|e| self.failed(e))?;
        COMMITTED.with(|c| c.set(true));
        Ok(())
    }

    fn search_queue_since(&self, stamp: u64) -> Result<Vec<(Vec<u8>, Vec<u8>)>> {
        let stamp = stamp.to_be_bytes().to_vec();
        let rows = self.rows(
            "SELECT key, value FROM desk_kv WHERE key >= 'q/'::bytea AND key < 'q0'::bytea
             AND value > $1 ORDER BY key",
            &[&stamp],
        )?;
        Ok(pairs(rows))
    }

    fn commit_stamped(&self, mut writes: Vec<Write>, stamped: Vec<Vec<u8>>) -> Result<()> {
        // The lock comes before any row is written, so no commit holding rows waits for it.
        let rows = self.rows(
            "SELECT nextval('desk_search_seq') FROM (SELECT pg_advisory_xact_lock($1)) AS ordered",
            &[&COMMIT_ORDER_LOCK],
        )?;
        let stamp: i64 = rows
            .first()
            .map(|row| row.get(0))
            .ok_or_else(|| StoreError::Backend(format!("PostgreSQL at {}: no stamp", self.target)))?;
        let stamp = (stamp as u64).to_be_bytes().to_vec();
        writes.extend(stamped.into_iter().map(|key| (key, Some(stamp.clone()))));
        self.commit(writes)
    }

    fn reserve_ids(&self, count: u64) -> Result<Option<u64>> {
        if count == 0 {
            return Ok(None);
        }
        // Concurrent `nextval`s may interleave, so a block of more than one is taken until
        // it comes out consecutive; the ids skipped are never handed out (a gap).
        let count = i64::try_from(count).map_err(|_| StoreError::Backend("too many ids at once".into()))?;
        loop {
            let rows = self.rows(
                "SELECT nextval('desk_ticket_ids') FROM generate_series(1, $1::bigint)",
                &[&count],
            )?;
            let ids: Vec<i64> = rows.iter().map(|row| row.get(0)).collect();
            if ids.windows(2).all(|pair| pair[1] == pair[0] + 1) {
                return Ok(ids.first().map(|&first| first as u64));
            }
        }
    }

    fn is_shared(&self) -> bool {
        true
    }

    fn tables_upgrade(&self) -> Option<(u32, u32)> {
        let found = self.tables_version.get();
        (found < VIEWS_VERSION).then_some((found, VIEWS_VERSION))
    }

    fn upgrade_tables(&self) -> Result<Option<&'static str>> {
        if self.tables_upgrade().is_none() {
            return Ok(None);
        }
        self.create_or_upgrade_tables()?;
        Ok(Some(TABLES_UPGRADE))
    }
}

/// What upgrading an older desk's tables does, for `desk migrate`'s report.
pub(super) const TABLES_UPGRADE: &str =
    "the team store's table, sequences and views (desk_tickets, desk_events, desk_agents, desk_requesters) are brought to this desk's version";

/// TLS for `sslmode=prefer` (the default) and `require`: rustls, verifying the server's
/// certificate against the web's roots plus `PGSSLROOTCERT` (default
/// `~/.postgresql/root.crt`) when that file exists. desk never accepts an unverified
/// certificate; a server with a private CA needs its root in that file.
mod tls {
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::CertificateDer;
    use tokio_postgres_rustls::MakeRustlsConnect;

    pub fn connector() -> Result<MakeRustlsConnect, String> {
        let mut roots = rustls::RootCertStore::empty();
        roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
        let root_file = match crate::env_vars::get(crate::env_vars::PGSSLROOTCERT) {
            Some(path) => Some(std::path::PathBuf::from(path)),
            None => crate::env_vars::get(crate::env_vars::HOME)
                .map(|home| std::path::PathBuf::from(home).join(".postgresql/root.crt")),
        };
        if let Some(path) = root_file.filter(|p| p.exists()) {
            let certs = CertificateDer::pem_file_iter(&path)
                .map_err(|e| format!("cannot read root certificates from {}: {e}", path.display()))?;
            for cert in certs {
                let cert = cert.map_err(|e| format!("bad certificate in {}: {e}", path.display()))?;
                roots
                    .add(cert)
                    .map_err(|e| format!("bad certificate in {}: {e}", path.display()))?;
            }
        }
        let config = rustls::ClientConfig::builder()
            .with_root_certificates(roots)
            .with_no_client_auth();
        Ok(MakeRustlsConnect::new(config))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_prefix_range_ends_after_its_last_key() {
        assert_eq!(prefix_end(b"t/"), Some(b"t0".to_vec()));
        assert_eq!(prefix_end(&[b'a', 0xff]), Some(vec![b'b']));
        assert_eq!(prefix_end(&[0xff, 0xff]), None);
        assert_eq!(prefix_end(b""), None);
    }

    #[test]
    fn pgpass_lines_match_with_wildcards_and_escapes() {
        let file = "# comment\ndb.internal:5432:desk:ops:s3cr\\:et\n*:*:*:ci:any\n";
        assert_eq!(
            pgpass_lookup(file, ["db.internal", "5432", "desk", "ops"]).as_deref(),
            Some("s3cr:et")
        );
        assert_eq!(
            pgpass_lookup(file, ["other", "5433", "x", "ci"]).as_deref(),
            Some("any")
        );
        assert_eq!(pgpass_lookup(file, ["db.internal", "5432", "desk", "bob"]), None);
    }

    #[test]
    fn a_url_is_described_without_its_password() {
        let config = parse_url("postgres://ops:hunter2@db.internal:5433/desk").unwrap();
        assert_eq!(describe(&config), "db.internal:5433/desk");
        assert!(parse_url("mysql://nope").is_err());
    }
}
