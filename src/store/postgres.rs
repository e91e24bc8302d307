//! The hot store on PostgreSQL: one desk shared by a team's hosts (`[store] url` in
//! config.toml, or `DESK_STORE`).
//!
//! This first version keeps the [`KvBackend`] contract exactly: the same ordered keys and
//! values as sled, in one table `desk_kv (key bytea primary key, value bytea)`. PostgreSQL
//! compares `bytea` byte by byte, so its order is sled's and a prefix scan is a range scan
//! on the primary key.
//!
//! Concurrency follows sled's model too: a command holds the store for as long as it has
//! it open, here with a session-level advisory lock instead of a file lock, waited for
//! with the same jittered backoff and the same `DESK_LOCK_TIMEOUT` (exit 75). The lock goes
//! with the connection, so a client killed mid-command releases it, and its open
//! transaction is rolled back by the server: nothing half-written. Each [`KvBackend::commit`]
//! is one PostgreSQL transaction.

use std::cell::RefCell;
use std::str::FromStr;
use std::thread;
use std::time::{Duration, Instant};

use postgres::config::{Host, SslMode};
use postgres::{Client, Config};

use super::{KvBackend, Result, StoreError, Write};

/// The advisory lock every desk on one database takes while it has the store open
/// (an arbitrary constant: `desk` in ASCII).
const STORE_LOCK: i64 = 0x6465_736b;

/// The table this backend keeps, created on first open, and read-only views over it for
/// people and dashboards (docs/postgres.md lists their columns). The views decode the
/// same JSON records desk reads, so they are never behind; replacing them on every open
/// keeps them in step with the binary.
const SCHEMA_SQL: &str = r#"
CREATE TABLE IF NOT EXISTS desk_kv (
    key   bytea PRIMARY KEY,
    value bytea NOT NULL
);
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
const VIEWS_VERSION: u32 = 1;

pub struct PostgresBackend {
    client: RefCell<Client>,
    /// `host:port/database`, for messages.
    target: String,
    /// The role the server authenticated this connection as.
    session_user: String,
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

/// Connect to the database `config` names and take the store: wait up to `timeout` for
/// other desk processes, then create the table if this is a new store.
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
    let Locked {
        session_user,
        views_mark,
    } = take_lock(&mut client, timeout).map_err(|e| match e {
        LockError::Busy(waited) => StoreError::Busy { waited },
        LockError::Database(error) => unreachable(error),
    })?;
    ensure_schema(&mut client, views_mark).map_err(unreachable)?;
    Ok(PostgresBackend {
        client: RefCell::new(client),
        target,
        session_user,
    })
}

/// Create the table and views unless `mark` (the views' comment, read with the lock)
/// says this binary's version of them is there already. Runs under the store lock, so two
/// first opens do not race.
fn ensure_schema(client: &mut Client, mark: Option<String>) -> std::result::Result<(), postgres::Error> {
    let found = mark
        .as_deref()
        .and_then(|mark| mark.strip_prefix("desk schema "))
        .and_then(|version| version.parse::<u32>().ok());
    // A newer desk's views stay as they are: this one must not take them back. (Its data
    // format is checked separately, by the store's schema version.)
    if found.is_some_and(|found| found >= VIEWS_VERSION) {
        return Ok(());
    }
    client.batch_execute(&format!(
        "{SCHEMA_SQL} COMMENT ON VIEW desk_tickets IS 'desk schema {VIEWS_VERSION}';"
    ))
}

/// What the query that took the lock also read, sparing each command two round trips.
struct Locked {
    /// The role the server authenticated this connection as.
    session_user: String,
    /// The comment on `desk_tickets` (`desk schema N`), or None before the first open.
    views_mark: Option<String>,
}

enum LockError {
    Busy(Duration),
    Database(postgres::Error),
}

/// Try the advisory lock until `timeout`: waits from 1 ms growing to 50 ms, each ±50 %,
/// as the sled backend waits for its file lock.
fn take_lock(client: &mut Client, timeout: Duration) -> std::result::Result<Locked, LockError> {
    let started = Instant::now();
    let mut delay = Duration::from_millis(1);
    loop {
        let row = client
            .query_one(
                "SELECT pg_try_advisory_lock($1), session_user::text,
                        obj_description(to_regclass('desk_tickets'), 'pg_class')",
                &[&STORE_LOCK],
            )
            .map_err(LockError::Database)?;
        if row.get::<_, bool>(0) {
            return Ok(Locked {
                session_user: row.get(1),
                views_mark: row.get(2),
            });
        }
        let elapsed = started.elapsed();
        if elapsed >= timeout {
            return Err(LockError::Busy(elapsed));
        }
        let jittered = delay.mul_f64(0.5 + fastrand::f64());
        thread::sleep(jittered.min(timeout - elapsed));
        delay = (delay * 2).min(Duration::from_millis(50));
    }
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

    fn failed(&self, error: postgres::Error) -> StoreError {
        if error.is_closed() || error.as_db_error().is_none() {
            return StoreError::Unreachable {
                target: self.target.clone(),
                cause: cause_of(&error),
            };
        }
        StoreError::Backend(format!("PostgreSQL at {}: {}", self.target, cause_of(&error)))
    }

    fn rows(&self, sql: &str, params: &[&(dyn postgres::types::ToSql + Sync)]) -> Result<Vec<postgres::Row>> {
        self.client
            .borrow_mut()
            .query(sql, params)
            .map_err(|e| self.failed(e))
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
        let rows = self.rows("SELECT value FROM desk_kv WHERE key = $1", &[&key])?;
        Ok(rows.into_iter().next().map(|row| row.get(0)))
    }

    fn scan_prefix(&self, prefix: &[u8]) -> Result<Vec<(Vec<u8>, Vec<u8>)>> {
        let rows = match prefix_end(prefix) {
            Some(end) => self.rows(
                "SELECT key, value FROM desk_kv WHERE key >= $1 AND key < $2 ORDER BY key",
                &[&prefix, &end],
            )?,
            None => self.rows(
                "SELECT key, value FROM desk_kv WHERE key >= $1 ORDER BY key",
                &[&prefix],
            )?,
        };
        Ok(pairs(rows))
    }

    fn scan_prefix_keys(&self, prefix: &[u8], limit: usize) -> Result<Vec<Vec<u8>>> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = match prefix_end(prefix) {
            Some(end) => self.rows(
                "SELECT key FROM desk_kv WHERE key >= $1 AND key < $2 ORDER BY key LIMIT $3",
                &[&prefix, &end, &limit],
            )?,
            None => self.rows(
                "SELECT key FROM desk_kv WHERE key >= $1 ORDER BY key LIMIT $2",
                &[&prefix, &limit],
            )?,
        };
        Ok(rows.into_iter().map(|row| row.get(0)).collect())
    }

    fn scan_range(&self, start: &[u8], end: &[u8]) -> Result<Vec<(Vec<u8>, Vec<u8>)>> {
        let rows = self.rows(
            "SELECT key, value FROM desk_kv WHERE key >= $1 AND key < $2 ORDER BY key",
            &[&start, &end],
        )?;
        Ok(pairs(rows))
    }

    fn commit(&self, writes: Vec<Write>) -> Result<()> {
        let (mut put_keys, mut put_values, mut deleted) = (Vec::new(), Vec::new(), Vec::new());
        for (key, value) in writes {
            match value {
                Some(value) => {
                    put_keys.push(key);
                    put_values.push(value);
                }
                None => deleted.push(key),
            }
        }
        let mut client = self.client.borrow_mut();
        // One server transaction: a client that dies before COMMIT leaves nothing behind.
        let mut txn = client.transaction().map_err(|e| self.failed(e))?;
        if !deleted.is_empty() {
            txn.execute("DELETE FROM desk_kv WHERE key = ANY($1)", &[&deleted])
                .map_err(|e| self.failed(e))?;
        }
        if !put_keys.is_empty() {
            txn.execute(
                "INSERT INTO desk_kv (key, value) SELECT * FROM unnest($1::bytea[], $2::bytea[])
                 ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                &[&put_keys, &put_values],
            )
            .map_err(|e| self.failed(e))?;
        }
        txn.commit().map_err(|e| self.failed(e))
    }

    fn is_shared(&self) -> bool {
        true
    }
}

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
