//! Upgrading a store written by an older desk: a list of migrations, each taking the
//! on-disk format from version N to N+1.
//!
//! Opening a store whose `m/schema` is older than [`SCHEMA_VERSION`] runs the pending
//! migrations at once, under the store's lock (every command holds it while the store is
//! open), each followed by a commit that stamps its new version. A migration marked `long`
//! (one that rewrites every ticket, say) is not run by whatever command happened to open the
//! store: the open fails with [`StoreError::NeedsMigration`], whose message names the
//! command that runs it, `desk migrate` (exit 5). A team store is never upgraded by
//! an arbitrary command: every pending step waits for `desk migrate`.
//!
//! A migration must be idempotent: if the process dies after its writes but before the
//! commit that stamps the version, the next open runs it again.
//!
//! Schema 1 is the first format desk shipped; schema 2 marks team stores whose writers no
//! longer take a lock (the embedded store's records are the same). The framework is
//! exercised by the unit tests below with test-only migrations, on a copy of the committed
//! schema-1 fixture store (`tests/fixtures/store-v1`).

use std::path::Path;

use super::cold::ColdArchive;
use super::{KvBackend, Result, Store, StoreError, SCHEMA_VERSION};

/// The command that runs long migrations; named by [`StoreError::NeedsMigration`].
pub const MIGRATE_COMMAND: &str = "desk migrate";

/// One step of the on-disk format, from `from` to `from + 1`.
pub struct Migration {
    pub from: u32,
    /// What changes, in a few words (printed by `desk migrate`).
    pub summary: &'static str,
    /// Too slow to run inside an arbitrary command: only `desk migrate` runs it.
    pub long: bool,
    /// Does the work; may commit in batches (it must be idempotent). The stamp of the new
    /// version is committed after it returns.
    pub run: fn(&Store) -> Result<()>,
}

/// What `desk migrate` would do to the store behind `kv`, found without changing it.
#[derive(Debug, Clone, PartialEq)]
pub struct Pending {
    /// The store's schema version (None: a store nothing has stamped yet).
    pub found: Option<u32>,
    /// The team store's tables: `(found, wanted)` when they are an older desk's.
    pub tables: Option<(u32, u32)>,
    /// The summaries of the steps that would run, in order (tables first).
    pub steps: Vec<&'static str>,
}

impl Pending {
    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }
}

/// [`Pending`] for the store behind `kv`; a newer store is [`StoreError::NewerSchema`].
pub fn pending(kv: &dyn KvBackend, path: &Path) -> Result<Pending> {
    let tables = kv.tables_upgrade();
    let found = super::Txn::new(kv).schema_version()?;
    let mut steps: Vec<&'static str> = Vec::new();
    if tables.is_some() {
        steps.push(super::postgres::TABLES_UPGRADE);
    }
    match found {
        Some(found) if found > SCHEMA_VERSION => {
            return Err(StoreError::NewerSchema {
                path: path.to_path_buf(),
                found,
                supported: SCHEMA_VERSION,
            })
        }
        Some(found) => steps.extend(
            pending_steps(MIGRATIONS, found, SCHEMA_VERSION)?
                .iter()
                .map(|m| m.summary),
        ),
        None => {}
    }
    Ok(Pending { found, tables, steps })
}

/// The migrations from schema `found` to `target`, in order.
fn pending_steps(migrations: &[Migration], found: u32, target: u32) -> Result<Vec<&Migration>> {
    (found..target)
        .map(|from| {
            migrations.iter().find(|m| m.from == from).ok_or_else(|| {
                StoreError::Corrupt(format!(
                    "no migration from schema {from} (this desk writes {target})"
                ))
            })
        })
        .collect()
}

/// Every migration, in order.
pub const MIGRATIONS: &[Migration] = &[
    Migration {
        from: 1,
        summary: "a team store keeps its ticket-id counter and search stamps in sequences, and its writers no longer take a lock (nothing changes in an embedded store)",
        long: false,
        // The team store's tables change when its backend opens (`store::postgres`); the
        // new version is what makes an older desk refuse the store instead of writing to
        // it without the sequences and alongside writers it does not wait for.
        run: |_| Ok(()),
    },
    Migration {
        from: 2,
        summary: "API tokens and dead-letter notifications get key prefixes of their own (they shared the knowledge base's and the department index's)",
        long: false,
        run: separate_tokens_and_dead_letters,
    },
];

/// Schema 2 → 3: tokens from `k/<name>` to `tok/<name>`, dead letters from `i/D/<msg id>`
/// to `i/X/<msg id>`. A KB article's key has a zero byte (its id's high bytes), a
/// token's never; a dead letter's is 8 bytes after the prefix, a department index
/// entry's at least 10 (`<name>\0<id>`).
fn separate_tokens_and_dead_letters(store: &Store) -> Result<()> {
    let mut txn = store.txn();
    let tokens_prefix = super::tokens::SCHEMA_2_TOKEN_PREFIX;
    for (key, value) in txn.scan_raw(tokens_prefix)? {
        let name = &key[tokens_prefix.len()..];
        if name.contains(&0) {
            continue;
        }
        let token: crate::domain::token::Token = super::decode(&key, &value)?;
        txn.delete_raw(key);
        txn.put_token(&token);
    }
    let dead_prefix = super::keys::SCHEMA_2_DEAD_PREFIX;
    for (key, value) in txn.scan_raw(dead_prefix)? {
        if key.len() == dead_prefix.len() + 8 {
            let moved = [super::keys::MESSAGE_DEAD_PREFIX, &key[dead_prefix.len()..]].concat();
            txn.delete_raw(key);
            txn.put_raw(moved, value);
        }
    }
    txn.commit()
}

impl Store {
    /// Open `kv` as a store of schema `target` using `migrations`: a fresh store is
    /// stamped; an older one is migrated; a newer one is refused. Unless `migrating`
    /// (`desk migrate`), an older store whose upgrade is long, or any older team store
    /// (tables or schema), is refused with [`StoreError::NeedsMigration`] instead: several
    /// hosts share it, so its upgrade is an admin's deliberate step, not a side effect of
    /// whichever command a host runs first. Then an interrupted purge is finished.
    /// Returns the store and the summaries of the migrations that ran.
    pub(super) fn open_with(
        kv: Box<dyn KvBackend>,
        path: &Path,
        cold_dir: &Path,
        migrations: &[Migration],
        target: u32,
        migrating: bool,
    ) -> Result<(Store, Vec<&'static str>)> {
        let mut ran = Vec::new();
        if let Some((found, current)) = kv.tables_upgrade() {
            if !migrating {
                return Err(StoreError::NeedsMigration {
                    path: path.to_path_buf(),
                    found,
                    current,
                    command: MIGRATE_COMMAND,
                });
            }
            ran.extend(kv.upgrade_tables()?);
        }
        let store = Store {
            kv,
            cold: ColdArchive::new(cold_dir),
            impersonation: None,
            api_token: None,
            path: path.to_path_buf(),
        };
        let mut txn = store.txn();
        match txn.schema_version()? {
            None => {
                txn.set_schema_version(target);
                match txn.commit() {
                    // Another host's first open of a new team store won: theirs is the same.
                    Err(StoreError::Conflict { .. }) => {
                        return Store::open_with(store.kv, path, cold_dir, migrations, target, migrating)
                    }
                    other => other?,
                }
            }
            Some(found) if found > target => {
                return Err(StoreError::NewerSchema {
                    path: store.path.clone(),
                    found,
                    supported: target,
                })
            }
            Some(found) if found < target => {
                drop(txn);
                let pending = pending_steps(migrations, found, target)?;
                let needs_command = store.kv.is_shared() || pending.iter().any(|m| m.long);
                if needs_command && !migrating {
                    return Err(StoreError::NeedsMigration {
                        path: store.path.clone(),
                        found,
                        current: target,
                        command: MIGRATE_COMMAND,
                    });
                }
                for migration in pending {
                    (migration.run)(&store)?;
                    let mut txn = store.txn();
                    txn.set_schema_version(migration.from + 1);
                    txn.commit()?;
                    ran.push(migration.summary);
                }
            }
            Some(_) => {}
        }
        store.finish_interrupted_purge()?;
        Ok((store, ran))
    }

    /// Open for `desk migrate`: runs every pending migration, long ones included.
    pub fn open_migrating(
        kv: Box<dyn KvBackend>,
        path: &Path,
        cold_dir: &Path,
    ) -> Result<(Store, Vec<&'static str>)> {
        Store::open_with(kv, path, cold_dir, MIGRATIONS, SCHEMA_VERSION, true)
    }

    /// The schema version recorded in the store.
    pub fn schema_version(&self) -> Result<Option<u32>> {
        self.txn().schema_version()
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::store::{keys, sled_backend, Location};

    /// A copy of the committed schema-1 fixture store in a temporary directory.
    fn fixture_copy() -> (tempfile::TempDir, PathBuf) {
        let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/store-v1");
        let dir = tempfile::tempdir().unwrap();
        let home = dir.path().join("home");
        copy_dir(&source, &home);
        (dir, home)
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

    fn open(
        home: &Path,
        migrations: &[Migration],
        target: u32,
        allow_long: bool,
    ) -> Result<(Store, Vec<&'static str>)> {
        let backend = sled_backend::open_with_retry(&home.join("hot"), std::time::Duration::from_secs(5))?;
        Store::open_with(
            Box::new(backend),
            &home.join("hot"),
            &home.join("cold"),
            migrations,
            target,
            allow_long,
        )
    }

    /// Test-only step 1 → 2: tag every hot ticket with a marker key (idempotent).
    fn mark_tickets(store: &Store) -> Result<()> {
        let mut txn = store.txn();
        for (key, _) in store.kv.scan_prefix(keys::TICKET_PREFIX)? {
            let id = keys::trailing_id(&key)?;
            txn.put_raw([b"test/".as_slice(), &id.to_be_bytes()].concat(), Vec::new());
        }
        txn.commit()
    }

    const QUICK: &[Migration] = &[Migration {
        from: 1,
        summary: "mark tickets",
        long: false,
        run: mark_tickets,
    }];

    const LONG: &[Migration] = &[Migration {
        from: 1,
        summary: "mark tickets (long)",
        long: true,
        run: mark_tickets,
    }];

    fn every_ticket_readable(store: &Store) -> usize {
        let last = store.txn().last_ticket_id().unwrap();
        assert!(last >= 4, "the fixture has tickets");
        let mut cold = 0;
        for id in 1..=last {
            let (record, location) = store
                .find_ticket(id)
                .unwrap()
                .unwrap_or_else(|| panic!("ticket {id} readable"));
            assert_eq!(record.ticket.id, id);
            assert_eq!(record.events[0].seq, 0);
            if location == Location::Cold {
                cold += 1;
            }
        }
        cold
    }

    #[test]
    fn the_fixture_opens_with_this_desk_and_is_stamped_with_its_version() {
        let (_dir, home) = fixture_copy();
        let (store, ran) = open(&home, MIGRATIONS, SCHEMA_VERSION, false).unwrap();
        assert_eq!(ran.len(), MIGRATIONS.len());
        assert_eq!(store.schema_version().unwrap(), Some(SCHEMA_VERSION));
        assert!(
            every_ticket_readable(&store) >= 1,
            "the fixture has archived tickets"
        );
    }

    #[test]
    fn a_quick_migration_runs_at_open_and_stamps_the_version() {
        let (_dir, home) = fixture_copy();
        let (store, ran) = open(&home, QUICK, 2, false).unwrap();
        assert_eq!(ran, vec!["mark tickets"]);
        assert_eq!(store.schema_version().unwrap(), Some(2));
        let hot = store.kv.scan_prefix(keys::TICKET_PREFIX).unwrap().len();
        assert_eq!(store.kv.scan_prefix(b"test/").unwrap().len(), hot);
        every_ticket_readable(&store);
        drop(store);
        // Opened again: nothing left to run.
        let (store, ran) = open(&home, QUICK, 2, false).unwrap();
        assert!(ran.is_empty());
        assert_eq!(store.schema_version().unwrap(), Some(2));
    }

    #[test]
    fn a_long_migration_names_the_command_and_runs_only_when_asked() {
        let (_dir, home) = fixture_copy();
        let error = open(&home, LONG, 2, false).err().expect("refused");
        let text = error.to_string();
        assert!(text.contains("desk migrate"), "{text}");
        assert!(matches!(
            error,
            StoreError::NeedsMigration {
                found: 1,
                current: 2,
                ..
            }
        ));
        // Nothing was written: still schema 1.
        let (store, _) = open(&home, &[], 1, false).unwrap();
        assert_eq!(store.schema_version().unwrap(), Some(1));
        assert!(store.kv.scan_prefix(b"test/").unwrap().is_empty());
        drop(store);
        let (store, ran) = open(&home, LONG, 2, true).unwrap();
        assert_eq!(ran, vec!["mark tickets (long)"]);
        assert_eq!(store.schema_version().unwrap(), Some(2));
        every_ticket_readable(&store);
    }

    #[test]
    fn a_newer_store_is_refused_and_a_missing_step_is_an_error() {
        let (_dir, home) = fixture_copy();
        let (store, _) = open(&home, QUICK, 2, false).unwrap();
        drop(store);
        let error = open(&home, MIGRATIONS, 1, false).err().expect("refused");
        assert!(matches!(
            error,
            StoreError::NewerSchema {
                found: 2,
                supported: 1,
                ..
            }
        ));
        let (_dir, home) = fixture_copy();
        let error = open(&home, QUICK, 3, false).err().expect("no step 2 → 3");
        assert!(
            error.to_string().contains("no migration from schema 2"),
            "{error}"
        );
    }

    #[test]
    fn schema_3_moves_tokens_and_dead_letters_out_of_prefixes_they_shared() {
        let (_dir, home) = fixture_copy();
        let (store, _) = open(&home, &MIGRATIONS[..1], 2, false).unwrap();
        let token = crate::domain::token::Token {
            name: "ci-bot-1".into(),
            user: "ci-bot".into(),
            scopes: vec![crate::domain::token::Scope::TicketNew],
            ticket_type: None,
            created_at: chrono::DateTime::UNIX_EPOCH,
            created_by: "admin".into(),
            expires_at: None,
            revoked_at: None,
            secret_sha256: "ab".repeat(32),
        };
        let article = [b"k/".as_slice(), &7u64.to_be_bytes()].concat();
        let dead = [b"i/D/".as_slice(), &9u64.to_be_bytes()].concat();
        let department = [b"i/D/ops\0".as_slice(), &3u64.to_be_bytes()].concat();
        let mut txn = store.txn();
        txn.put_raw(b"k/ci-bot-1".to_vec(), crate::store::encode(&token));
        txn.put_raw(article.clone(), b"{}".to_vec());
        txn.put_raw(dead.clone(), b"message 9".to_vec());
        txn.put_raw(department.clone(), Vec::new());
        txn.commit().unwrap();
        drop(store);

        let (store, ran) = open(&home, MIGRATIONS, 3, false).unwrap();
        assert_eq!(ran.len(), 1);
        let txn = store.txn();
        assert_eq!(txn.tokens().unwrap(), vec![token]);
        assert_eq!(txn.get_raw(b"k/ci-bot-1").unwrap(), None);
        assert!(txn.get_raw(&article).unwrap().is_some(), "articles stay");
        assert!(
            txn.get_raw(&department).unwrap().is_some(),
            "the department index stays"
        );
        assert_eq!(txn.get_raw(&dead).unwrap(), None);
        let moved = [keys::MESSAGE_DEAD_PREFIX, &9u64.to_be_bytes()].concat();
        assert_eq!(txn.get_raw(&moved).unwrap(), Some(b"message 9".to_vec()));
    }
}
