//! Persistence: the hot store, its indexes, and the cold archive (冷热分离: open and recent
//! tickets stay in a small sled database so every command opens it fast).
//!
//! - [`KvBackend`] is the storage trait: ordered keys, prefix scans, and one atomic,
//!   durable commit. [`sled_backend`] implements it for real; [`memory`] for tests. Both
//!   pass one conformance suite (the tests at the bottom of this file).
//! - [`Txn`] is a typed transaction over a backend. It buffers writes and maintains every
//!   secondary index itself, so an index can never disagree with its record; dropping a
//!   `Txn` without [`Txn::commit`] writes nothing.
//! - [`cold`] is the archive of old closed tickets: append-only segment files that only
//!   history-reading commands open. [`Store`] ties hot and cold together.
//!
//! Only one process holds the sled database at a time (its file lock); the CLI opens the
//! store with [`sled_backend::open_with_retry`], which waits with jittered backoff.

pub mod audit;
pub mod backup;
pub mod cold;
pub mod digest;
pub mod doctor;
pub mod kb;
pub mod keys;
pub mod memory;
pub mod migrate;
pub mod outbox;
pub mod postgres;
pub mod retention;
pub mod routing;
pub mod search_queue;
pub mod sled_backend;
pub mod tokens;
pub mod transfer;
mod web;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::domain::{Agent, Event, Requester, Status, Ticket};
pub use cold::TicketView;
use cold::{ArchivedTicket, ColdArchive, ColdManifest};
use keys::NameIndex;

/// The on-disk format version this build writes. Bump it with a migration.
pub const SCHEMA_VERSION: u32 = 3;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    #[error("the store is busy: another desk process held it for more than {waited:?} (DESK_LOCK_TIMEOUT)")]
    Busy { waited: Duration },
    #[error("the store at {path} was written by a newer desk (schema {found}; this desk understands up to {supported})")]
    NewerSchema {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    #[error("the store at {path} uses schema {found}; this desk needs schema {current}: run `{command}`")]
    NeedsMigration {
        path: PathBuf,
        found: u32,
        current: u32,
        command: &'static str,
    },
    #[error("the store is corrupt: {0}")]
    Corrupt(String),
    #[error("I/O error on {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("storage backend error: {0}")]
    Backend(String),
    /// The team store's database could not be reached (or refused this client): `target`
    /// is `host:port/database`, never the URL with its password.
    #[error("cannot reach the store's database at {target}: {cause}")]
    Unreachable { target: String, cause: String },
    /// The team store's database refused this role something (a missing GRANT).
    #[error("the store's database at {target} refused: {cause}")]
    Denied { target: String, cause: String },
    /// Another desk process changed what this step read, at the same moment: nothing of
    /// the step was written, and running it again on fresh data is safe.
    #[error("another desk command changed the same records at the same moment (on {target}); nothing of this step was written")]
    Conflict { target: String },
}

impl StoreError {
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        StoreError::Io {
            path: path.into(),
            source,
        }
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// One write in a commit: a value to set, or `None` to delete the key.
pub type Write = (Vec<u8>, Option<Vec<u8>>);

/// An ordered key-value store with atomic, durable commits.
pub trait KvBackend {
    fn get(&self, key: &[u8]) -> Result<Option<Vec<u8>>>;
    /// The values of `keys`, in their order (`None` where absent).
    fn get_many(&self, keys: &[Vec<u8>]) -> Result<Vec<Option<Vec<u8>>>> {
        keys.iter().map(|key| self.get(key)).collect()
    }
    /// Every entry whose key starts with `prefix`, in key order.
    fn scan_prefix(&self, prefix: &[u8]) -> Result<Vec<(Vec<u8>, Vec<u8>)>>;
    /// The first `limit` keys starting with `prefix`, in key order.
    fn scan_prefix_keys(&self, prefix: &[u8], limit: usize) -> Result<Vec<Vec<u8>>>;
    /// Every entry with `start <= key < end`, in key order.
    fn scan_range(&self, start: &[u8], end: &[u8]) -> Result<Vec<(Vec<u8>, Vec<u8>)>>;
    /// The first `limit` entries with `start <= key < end`, in key order: a long range read
    /// page by page, so memory stays flat however much the store holds.
    fn scan_range_limited(&self, start: &[u8], end: &[u8], limit: usize) -> Result<Vec<(Vec<u8>, Vec<u8>)>>;
    /// Apply all writes atomically, and durably before returning.
    fn commit(&self, writes: Vec<Write>) -> Result<()>;
    /// Whether other hosts use this store too (a team store): then nothing another host
    /// needs may live in this host's files (see [`Store::is_shared`]).
    fn is_shared(&self) -> bool {
        false
    }
    /// For a backend with tables of its own (the team store): `(found, wanted)` when they
    /// are an older desk's and `desk migrate` must upgrade them before anything else runs.
    fn tables_upgrade(&self) -> Option<(u32, u32)> {
        None
    }
    /// Upgrade the backend's own tables to this desk's version ([`KvBackend::tables_upgrade`]);
    /// returns what was done, if anything.
    fn upgrade_tables(&self) -> Result<Option<&'static str>> {
        Ok(None)
    }
    /// Reserve `count` consecutive ticket ids outside any transaction and return the
    /// first, for a backend where writers run concurrently and must not all conflict on
    /// one counter (PostgreSQL's sequence). `None`: the counter is the [`keys::NEXT_ID`]
    /// record, read and written in the transaction (sled, where writers take turns).
    fn reserve_ids(&self, _count: u64) -> Result<Option<u64>> {
        Ok(None)
    }
    /// The search queue's entries ([`search_queue::PENDING_PREFIX`]) whose stamp is above
    /// `stamp`, in key order: what an index that has seen `stamp` has yet to see.
    fn search_queue_since(&self, stamp: u64) -> Result<Vec<(Vec<u8>, Vec<u8>)>> {
        let above = stamp.to_be_bytes();
        let mut entries = self.scan_prefix(search_queue::PENDING_PREFIX)?;
        entries.retain(|(_, value)| value.as_slice() > above.as_slice());
        Ok(entries)
    }
    /// [`KvBackend::commit`], also setting every key of `stamped` to this commit's stamp:
    /// a number (u64, big-endian) greater than every earlier commit's, in the order commits
    /// become visible, so that a reader that has seen stamp N has seen every commit before
    /// it (the search index catches up by it: [`search_queue`]). The last stamp is kept
    /// under [`search_queue::SEARCH_SEQ`]. This default is for a backend whose writers take
    /// turns; a team store orders its commits itself.
    fn commit_stamped(&self, mut writes: Vec<Write>, stamped: Vec<Vec<u8>>) -> Result<()> {
        let last = match self.get(search_queue::SEARCH_SEQ)? {
            Some(bytes) => u64::from_be_bytes(
                bytes
                    .as_slice()
                    .try_into()
                    .map_err(|_| StoreError::Corrupt("search sequence".into()))?,
            ),
            None => 0,
        };
        let stamp = (last + 1).to_be_bytes().to_vec();
        // (A transaction never has a key both in `writes` and in `stamped`.)
        writes.retain(|(key, _)| key != search_queue::SEARCH_SEQ);
        writes.extend(stamped.into_iter().map(|key| (key, Some(stamp.clone()))));
        writes.push((search_queue::SEARCH_SEQ.to_vec(), Some(stamp)));
        self.commit(writes)
    }
}

fn encode<T: Serialize>(value: &T) -> Vec<u8> {
    serde_json::to_vec(value).expect("domain records always serialize")
}

fn decode<T: DeserializeOwned>(key: &[u8], bytes: &[u8]) -> Result<T> {
    serde_json::from_slice(bytes)
        .map_err(|e| StoreError::Corrupt(format!("record {}: {e}", String::from_utf8_lossy(key))))
}

/// Which tickets to list from the hot store; `None` means any.
#[derive(Debug, Clone, Default)]
pub struct TicketQuery {
    pub statuses: Vec<Status>,
    pub assignee: Option<String>,
    pub ticket_type: Option<String>,
    pub requester: Option<String>,
    /// Only tickets carrying this tag.
    pub tag: Option<String>,
    /// Only tickets this person follows.
    pub watcher: Option<String>,
    /// Only tickets routed to this department.
    pub department: Option<String>,
}

/// What a ticket listing shows; decoded from the ticket record, the rest skipped.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct TicketRow {
    pub id: u64,
    #[serde(rename = "type")]
    pub ticket_type: String,
    #[serde(default)]
    pub prefix: Option<String>,
    pub title: String,
    pub status: Status,
    pub priority: crate::domain::Priority,
    pub requester: String,
    #[serde(default)]
    pub assignee: Option<String>,
    pub created_at: DateTime<Utc>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub watchers: Vec<String>,
    #[serde(default)]
    pub department: Option<String>,
}

impl TicketRow {
    /// `INC-42`, or `#42` for a type without a prefix (as [`Ticket::display_id`]).
    pub fn display_id(&self) -> String {
        match &self.prefix {
            Some(prefix) => format!("{prefix}-{}", self.id),
            None => format!("#{}", self.id),
        }
    }
}

/// The fields a query filters and sorts on.
struct QueryFields<'a> {
    id: u64,
    status: Status,
    priority: crate::domain::Priority,
    ticket_type: &'a String,
    requester: &'a String,
    assignee: Option<&'a String>,
    tags: &'a [String],
    watchers: &'a [String],
    department: Option<&'a String>,
}

trait Queryable {
    fn fields(&self) -> QueryFields<'_>;
}

impl Queryable for Ticket {
    fn fields(&self) -> QueryFields<'_> {
        QueryFields {
            id: self.id,
            status: self.status,
            priority: self.priority,
            ticket_type: &self.ticket_type,
            requester: &self.requester,
            assignee: self.assignee.as_ref(),
            tags: &self.tags,
            watchers: &self.watchers,
            department: self.department.as_ref(),
        }
    }
}

impl Queryable for TicketRow {
    fn fields(&self) -> QueryFields<'_> {
        QueryFields {
            id: self.id,
            status: self.status,
            priority: self.priority,
            ticket_type: &self.ticket_type,
            requester: &self.requester,
            assignee: self.assignee.as_ref(),
            tags: &self.tags,
            watchers: &self.watchers,
            department: self.department.as_ref(),
        }
    }
}

/// What the SLA index keeps beside each entry: enough to list the ticket and to tell
/// whether anything is left to record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SlaEntry {
    pub key: String,
    pub title: String,
    pub priority: crate::domain::Priority,
    pub assignee: Option<String>,
    pub sla_policy: Option<String>,
    pub clocks: Vec<crate::domain::ticket::SlaClock>,
}

impl SlaEntry {
    fn of(ticket: &Ticket) -> SlaEntry {
        SlaEntry {
            key: ticket.display_id(),
            title: ticket.title.clone(),
            priority: ticket.priority,
            assignee: ticket.assignee.clone(),
            sla_policy: ticket.sla_policy.clone(),
            clocks: ticket.sla_clocks.clone(),
        }
    }
}

/// A typed transaction. Reads see this transaction's own writes.
pub struct Txn<'s> {
    kv: &'s dyn KvBackend,
    pending: BTreeMap<Vec<u8>, Option<Vec<u8>>>,
    /// Keys that take the commit's stamp as their value ([`KvBackend::commit_stamped`]).
    stamped: BTreeSet<Vec<u8>>,
    /// Set when the command runs under impersonation: see [`Store::record_impersonation`].
    impersonation: Option<&'s Impersonation>,
    /// (user, token name) when the command acts through an API token: see
    /// [`Store::record_api_token`].
    api_token: Option<&'s (String, String)>,
    /// On a team store, tickets this transaction gave events to without writing the ticket:
    /// at commit, those that are closed unseal their report digest ([`digest`]).
    events_only: BTreeSet<u64>,
    /// Tickets written (or removed) by this transaction, whose digest is settled.
    tickets_written: BTreeSet<u64>,
}

/// `real` is acting as `effective` (`desk --as`): events by `effective` record `real` too.
#[derive(Debug, Clone)]
pub struct Impersonation {
    pub effective: String,
    pub real: String,
}

impl<'s> Txn<'s> {
    pub fn new(kv: &'s dyn KvBackend) -> Self {
        Txn {
            kv,
            pending: BTreeMap::new(),
            stamped: BTreeSet::new(),
            impersonation: None,
            api_token: None,
            events_only: BTreeSet::new(),
            tickets_written: BTreeSet::new(),
        }
    }

    /// Write everything atomically and durably. Until this returns, nothing is stored.
    pub fn commit(mut self) -> Result<()> {
        self.unseal_digests_of_closed_tickets_with_new_events()?;
        if self.stamped.is_empty() {
            if self.pending.is_empty() {
                return Ok(());
            }
            return self.kv.commit(self.pending.into_iter().collect());
        }
        self.kv.commit_stamped(
            self.pending.into_iter().collect(),
            self.stamped.into_iter().collect(),
        )
    }

    fn get_raw(&self, key: &[u8]) -> Result<Option<Vec<u8>>> {
        match self.pending.get(key) {
            Some(value) => Ok(value.clone()),
            None => self.kv.get(key),
        }
    }

    /// [`Txn::get_raw`] for many keys at once: one read of the backend for those this
    /// transaction has not written (on a team store, one round trip per thousand).
    fn get_many_raw(&self, keys: &[Vec<u8>]) -> Result<Vec<Option<Vec<u8>>>> {
        let unwritten: Vec<Vec<u8>> = keys
            .iter()
            .filter(|key| !self.pending.contains_key(*key))
            .cloned()
            .collect();
        let mut stored = self.kv.get_many(&unwritten)?.into_iter();
        keys.iter()
            .map(|key| match self.pending.get(key) {
                Some(value) => Ok(value.clone()),
                None => Ok(stored.next().flatten()),
            })
            .collect()
    }

    fn put_raw(&mut self, key: Vec<u8>, value: Vec<u8>) {
        self.stamped.remove(&key);
        self.pending.insert(key, Some(value));
    }

    fn delete_raw(&mut self, key: Vec<u8>) {
        self.stamped.remove(&key);
        self.pending.insert(key, None);
    }

    /// Committed entries under `prefix` merged with this transaction's writes.
    fn scan_raw(&self, prefix: &[u8]) -> Result<Vec<(Vec<u8>, Vec<u8>)>> {
        let mut merged: BTreeMap<Vec<u8>, Vec<u8>> = self.kv.scan_prefix(prefix)?.into_iter().collect();
        for (key, value) in self.pending.range(prefix.to_vec()..) {
            if !key.starts_with(prefix) {
                break;
            }
            match value {
                Some(value) => merged.insert(key.clone(), value.clone()),
                None => merged.remove(key),
            };
        }
        Ok(merged.into_iter().collect())
    }

    fn scan_keys(&self, prefix: &[u8]) -> Result<Vec<Vec<u8>>> {
        if !self.pending.keys().any(|k| k.starts_with(prefix)) {
            return self.kv.scan_prefix_keys(prefix, usize::MAX);
        }
        Ok(self.scan_raw(prefix)?.into_iter().map(|(k, _)| k).collect())
    }

    // --- meta ---

    pub fn schema_version(&self) -> Result<Option<u32>> {
        self.get_raw(keys::SCHEMA)?
            .map(|bytes| {
                bytes
                    .as_slice()
                    .try_into()
                    .map(u32::from_be_bytes)
                    .map_err(|_| StoreError::Corrupt("schema version".into()))
            })
            .transpose()
    }

    pub fn set_schema_version(&mut self, version: u32) {
        self.put_raw(keys::SCHEMA.to_vec(), version.to_be_bytes().to_vec());
    }

    /// Whether the home was created with `desk init --insecure-test-identities`, where
    /// `--as` / `DESK_USER` are taken on trust. Set only by `init` on a new store.
    pub fn test_identities(&self) -> Result<bool> {
        Ok(self.get_raw(keys::TEST_IDENTITIES)?.is_some())
    }

    pub fn set_test_identities(&mut self) {
        self.put_raw(keys::TEST_IDENTITIES.to_vec(), Vec::new());
    }

    // --- identity ---

    /// The desk user an OS account signs in as, when an agent or requester names it
    /// explicitly (`--os-user`); None means the account's own name.
    pub fn desk_user_of_os_account(&self, login: &str) -> Result<Option<String>> {
        self.get_raw(&keys::os_account(login))?
            .map(|bytes| {
                String::from_utf8(bytes).map_err(|_| StoreError::Corrupt("OS account mapping".into()))
            })
            .transpose()
    }

    /// Map OS account `login` to desk user `name` (`None` removes the mapping).
    pub fn map_os_account(&mut self, login: &str, name: Option<&str>) {
        match name {
            Some(name) => self.put_raw(keys::os_account(login), name.as_bytes().to_vec()),
            None => self.delete_raw(keys::os_account(login)),
        }
    }

    /// Reserve the next ticket id. Ids start at 1 and are never reused.
    pub fn allocate_ticket_id(&mut self) -> Result<u64> {
        Ok(self.reserve_ticket_ids(1)?.start)
    }

    /// Reserve `count` consecutive ids at once (bulk loads); never reused either.
    pub fn reserve_ticket_ids(&mut self, count: u64) -> Result<std::ops::Range<u64>> {
        if let Some(first) = self.kv.reserve_ids(count)? {
            return Ok(first..first + count);
        }
        let next = match self.get_raw(keys::NEXT_ID)? {
            Some(bytes) => u64::from_be_bytes(
                bytes
                    .as_slice()
                    .try_into()
                    .map_err(|_| StoreError::Corrupt("next ticket id".into()))?,
            ),
            None => 1,
        };
        self.put_raw(keys::NEXT_ID.to_vec(), (next + count).to_be_bytes().to_vec());
        Ok(next..next + count)
    }

    /// The highest id ever allocated (0 when none).
    pub fn last_ticket_id(&self) -> Result<u64> {
        Ok(match self.get_raw(keys::NEXT_ID)? {
            Some(bytes) => {
                u64::from_be_bytes(bytes.as_slice().try_into().unwrap_or([0; 8])).saturating_sub(1)
            }
            None => 0,
        })
    }

    pub fn cold_manifest(&self) -> Result<ColdManifest> {
        match self.get_raw(keys::COLD_MANIFEST)? {
            Some(bytes) => decode(keys::COLD_MANIFEST, &bytes),
            None => Ok(ColdManifest::default()),
        }
    }

    pub fn set_cold_manifest(&mut self, manifest: &ColdManifest) {
        self.put_raw(keys::COLD_MANIFEST.to_vec(), encode(manifest));
    }

    /// Tickets brought back from the cold archive (whose archived copy is stale).
    pub fn restored_ids(&self) -> Result<BTreeSet<u64>> {
        self.scan_keys(keys::RESTORED_PREFIX)?
            .iter()
            .map(|k| keys::trailing_id(k))
            .collect()
    }

    pub fn is_restored(&self, id: u64) -> Result<bool> {
        Ok(self.get_raw(&keys::restored(id))?.is_some())
    }

    // --- tickets ---

    pub fn ticket(&self, id: u64) -> Result<Option<Ticket>> {
        let key = keys::ticket(id);
        self.get_raw(&key)?.map(|bytes| decode(&key, &bytes)).transpose()
    }

    /// Store `ticket` (new or changed) and bring every index in line with it.
    pub fn put_ticket(&mut self, ticket: &Ticket) -> Result<()> {
        let previous = self.ticket(ticket.id)?;
        self.write_ticket(previous.as_ref(), ticket)
    }

    /// [`Txn::put_ticket`] for a caller that holds the stored version, `previous` (read in
    /// this transaction): spares the read, e.g. `assign auto` writing thousands of tickets.
    pub fn replace_ticket(&mut self, previous: &Ticket, ticket: &Ticket) -> Result<()> {
        debug_assert_eq!(previous.id, ticket.id);
        self.write_ticket(Some(previous), ticket)
    }

    fn write_ticket(&mut self, previous: Option<&Ticket>, ticket: &Ticket) -> Result<()> {
        // A change to a closed ticket (or a closed one written anew, as by an import)
        // may be one a sealed report digest holds.
        if self.kv.is_shared() && self.tickets_written.insert(ticket.id) {
            let was_closed = match previous {
                Some(previous) => previous.status == Status::Closed,
                None => ticket.status == Status::Closed,
            };
            if was_closed {
                self.unseal_digest_of(ticket.id);
            }
        }
        // Index keys the change leaves as they were are not written again.
        let kept: Vec<Vec<u8>> = match previous {
            Some(previous) => {
                let next = Self::index_entries(ticket);
                Self::index_entries(previous)
                    .into_iter()
                    .filter(|key| next.contains(key))
                    .collect()
            }
            None => Vec::new(),
        };
        if let Some(previous) = previous {
            self.remove_index_entries(previous, &kept)?;
        }
        // An agent's load (for capacity) is read from many tickets; two commands giving the
        // same agent a ticket at once must not both count the load before the other's.
        if let Some(assignee) = &ticket.assignee {
            if previous.and_then(|p| p.assignee.as_ref()) != Some(assignee) {
                self.guard(keys::guard(b'a', assignee));
            }
        }
        self.add_index_entries(ticket, &kept)?;
        // The SLA index entry carries what `sla check` lists, so a check that only finds
        // what earlier checks recorded reads no ticket.
        if let Some(attention) = ticket.sla_attention_at.filter(|_| ticket.status.is_open()) {
            let key = keys::sla_attention_entry(attention.timestamp_millis(), ticket.id);
            self.put_raw(key, encode(&SlaEntry::of(ticket)));
        }
        self.put_raw(keys::ticket(ticket.id), encode(ticket));
        // The full-text index catches up from this entry at the next search.
        self.mark_search_pending(search_queue::SearchDoc::Ticket(ticket.id))
    }

    /// Record `event`, and queue it in the notification outbox in the same commit.
    pub fn append_event(&mut self, ticket_id: u64, event: &Event) {
        self.note_event_of(ticket_id);
        // Under impersonation the events the effective user makes name the real one too,
        // and through an API token the token; events already carrying them (imports) or
        // made by others (the SLA clock) are kept as they are.
        let real = self
            .impersonation
            .filter(|who| event.actor == who.effective && event.real_actor.is_none())
            .map(|who| who.real.clone());
        let token = self
            .api_token
            .filter(|(user, _)| event.actor == *user && event.token.is_none())
            .map(|(_, name)| name.clone());
        if real.is_none() && token.is_none() {
            self.put_raw(keys::event(ticket_id, event.seq), encode(event));
        } else {
            let mut stamped = event.clone();
            stamped.real_actor = real.or(stamped.real_actor);
            stamped.token = token.or(stamped.token);
            self.put_raw(keys::event(ticket_id, event.seq), encode(&stamped));
        }
        self.put_raw(keys::outbox(ticket_id, event.seq), Vec::new());
    }

    pub fn events(&self, ticket_id: u64) -> Result<Vec<Event>> {
        self.scan_raw(&keys::events_of(ticket_id))?
            .iter()
            .map(|(key, value)| decode(key, value))
            .collect()
    }

    /// Remove a ticket, its events and its index entries (used when archiving).
    pub fn remove_ticket(&mut self, ticket: &Ticket) -> Result<()> {
        if self.kv.is_shared() && self.tickets_written.insert(ticket.id) && ticket.status == Status::Closed {
            self.unseal_digest_of(ticket.id);
        }
        self.remove_index_entries(ticket, &[])?;
        self.unlink_mail(ticket.id)?;
        self.drop_outbox_of(ticket.id)?;
        self.delete_raw(keys::ticket(ticket.id));
        for key in self.scan_keys(&keys::events_of(ticket.id))? {
            self.delete_raw(key);
        }
        Ok(())
    }

    fn index_entries(ticket: &Ticket) -> Vec<Vec<u8>> {
        let mut entries = vec![
            keys::status_entry(ticket.status.as_str(), ticket.priority.rank(), ticket.id),
            NameIndex::Type.entry(&ticket.ticket_type, ticket.id),
            NameIndex::Requester.entry(&ticket.requester, ticket.id),
        ];
        if let Some(assignee) = &ticket.assignee {
            entries.push(NameIndex::Assignee.entry(assignee, ticket.id));
        }
        entries.extend(ticket.tags.iter().map(|tag| NameIndex::Tag.entry(tag, ticket.id)));
        entries.extend((ticket.watchers.iter()).map(|watcher| NameIndex::Watcher.entry(watcher, ticket.id)));
        if let Some(department) = &ticket.department {
            entries.push(NameIndex::Department.entry(department, ticket.id));
        }
        if let Some(closed_at) = ticket.closed_at.filter(|_| ticket.status == Status::Closed) {
            entries.push(keys::closed_entry(closed_at.timestamp_millis(), ticket.id));
        }
        if let Some(attention) = ticket.sla_attention_at.filter(|_| ticket.status.is_open()) {
            entries.push(keys::sla_attention_entry(attention.timestamp_millis(), ticket.id));
        }
        entries
    }

    /// Index `ticket`, but for the entries in `kept` (already there).
    fn add_index_entries(&mut self, ticket: &Ticket, kept: &[Vec<u8>]) -> Result<()> {
        for key in Self::index_entries(ticket) {
            if !kept.contains(&key) {
                self.put_raw(key, Vec::new());
            }
        }
        // The dedup key belongs to one open ticket at a time: a reopened old ticket does not
        // take it from the open ticket that holds it now. Keys of tickets merged into this
        // one lead here too.
        if ticket.status.is_open() {
            for key in ticket.dedup_keys() {
                if self
                    .open_ticket_by_dedup_key(key)?
                    .is_none_or(|holder| holder == ticket.id)
                {
                    self.put_raw(keys::dedup(key), ticket.id.to_be_bytes().to_vec());
                }
            }
        }
        Ok(())
    }

    /// Drop `ticket`'s index entries, but for those in `kept`.
    fn remove_index_entries(&mut self, ticket: &Ticket, kept: &[Vec<u8>]) -> Result<()> {
        for key in Self::index_entries(ticket) {
            if !kept.contains(&key) {
                self.delete_raw(key);
            }
        }
        if ticket.status.is_open() {
            for key in ticket.dedup_keys() {
                if self.open_ticket_by_dedup_key(key)? == Some(ticket.id) {
                    self.delete_raw(keys::dedup(key));
                }
            }
        }
        Ok(())
    }

    /// The open ticket currently holding `dedup_key`, if any.
    pub fn open_ticket_by_dedup_key(&self, dedup_key: &str) -> Result<Option<u64>> {
        let key = keys::dedup(dedup_key);
        self.get_raw(&key)?
            .map(|bytes| {
                bytes
                    .as_slice()
                    .try_into()
                    .map(u64::from_be_bytes)
                    .map_err(|_| StoreError::Corrupt("dedup index".into()))
            })
            .transpose()
    }

    /// Tickets in the hot store matching `query`, in queue order (priority, then age).
    /// Uses the narrowest index available and never scans all tickets.
    /// Ids in queue order (priority, then id) of the tickets in `statuses` whose priority
    /// rank is in `ranks` (all when empty), read from the status index keys alone: no
    /// ticket is decoded.
    pub fn queue_ids(&self, statuses: &[Status], ranks: &[u8]) -> Result<Vec<u64>> {
        let mut entries = Vec::new();
        for status in statuses {
            for key in self.scan_keys(&keys::status_prefix(status.as_str()))? {
                let rank = keys::status_entry_rank(&key)?;
                if ranks.is_empty() || ranks.contains(&rank) {
                    entries.push((rank, keys::trailing_id(&key)?));
                }
            }
        }
        entries.sort_unstable();
        Ok(entries.into_iter().map(|(_, id)| id).collect())
    }

    pub fn query_tickets(&self, query: &TicketQuery) -> Result<Vec<Ticket>> {
        self.query(query)
    }

    /// [`Txn::query_tickets`] decoding only what a listing shows ([`TicketRow`]): a big
    /// queue costs less when bodies, fields and attachments are skipped.
    pub fn query_rows(&self, query: &TicketQuery) -> Result<Vec<TicketRow>> {
        self.query(query)
    }

    fn query<T: DeserializeOwned + Queryable>(&self, query: &TicketQuery) -> Result<Vec<T>> {
        // A tag, a watcher or a department is usually the narrowest filter: its index first.
        let narrow = [
            (NameIndex::Tag, &query.tag),
            (NameIndex::Watcher, &query.watcher),
            (NameIndex::Department, &query.department),
        ]
        .into_iter()
        .find_map(|(index, name)| name.as_ref().map(|name| (index, name)));
        let ids: Vec<u64> = if let Some((index, name)) = narrow {
            self.scan_keys(&index.prefix(name))?
                .iter()
                .map(|k| keys::trailing_id(k))
                .collect::<Result<_>>()?
        } else if !query.statuses.is_empty() {
            let mut ids = Vec::new();
            for status in &query.statuses {
                for key in self.scan_keys(&keys::status_prefix(status.as_str()))? {
                    ids.push(keys::trailing_id(&key)?);
                }
            }
            ids
        } else {
            let (index, name) = if let Some(name) = &query.assignee {
                (NameIndex::Assignee, name)
            } else if let Some(name) = &query.requester {
                (NameIndex::Requester, name)
            } else if let Some(name) = &query.ticket_type {
                (NameIndex::Type, name)
            } else {
                return Err(StoreError::Backend(
                    "a ticket query needs a status or a name filter".into(),
                ));
            };
            self.scan_keys(&index.prefix(name))?
                .iter()
                .map(|k| keys::trailing_id(k))
                .collect::<Result<_>>()?
        };
        let mut tickets = Vec::with_capacity(ids.len());
        let keys: Vec<Vec<u8>> = ids.iter().map(|&id| keys::ticket(id)).collect();
        let records = self.get_many_raw(&keys)?;
        for ((key, bytes), id) in keys.iter().zip(records).zip(ids) {
            let bytes =
                bytes.ok_or_else(|| StoreError::Corrupt(format!("index points at missing ticket {id}")))?;
            let ticket: T = decode(key, &bytes)?;
            let fields = ticket.fields();
            let keep = query.assignee.as_ref().is_none_or(|a| fields.assignee == Some(a))
                && query.requester.as_ref().is_none_or(|r| fields.requester == r)
                && query.ticket_type.as_ref().is_none_or(|t| fields.ticket_type == t)
                && (query.statuses.is_empty() || query.statuses.contains(&fields.status))
                && query.tag.as_ref().is_none_or(|t| fields.tags.contains(t))
                && query.watcher.as_ref().is_none_or(|w| fields.watchers.contains(w))
                && (query.department.as_ref()).is_none_or(|d| fields.department == Some(d));
            if keep {
                tickets.push(ticket);
            }
        }
        tickets.sort_by_key(|t| {
            let fields = t.fields();
            (fields.priority.rank(), fields.id)
        });
        Ok(tickets)
    }

    /// Up to `limit` closed tickets closed before `cutoff`, oldest first.
    pub fn closed_before(&self, cutoff: DateTime<Utc>, limit: usize) -> Result<Vec<u64>> {
        let mut ids = Vec::new();
        for key in self.kv.scan_prefix_keys(keys::CLOSED_PREFIX, limit)? {
            if keys::closed_entry_time(&key)? >= cutoff.timestamp_millis() {
                break;
            }
            ids.push(keys::trailing_id(&key)?);
        }
        Ok(ids)
    }

    /// Open tickets whose SLA needs attention at `now` (a warning point or deadline has
    /// passed), earliest first, with what their index entry keeps (None for an entry
    /// written before entries carried it). Reads only the SLA index, never closed tickets.
    pub fn sla_attention_due(&self, now: DateTime<Utc>) -> Result<Vec<(u64, Option<SlaEntry>)>> {
        let mut due = Vec::new();
        for (key, value) in self.scan_raw(keys::SLA_ATTENTION_PREFIX)? {
            if keys::sla_attention_time(&key)? > now.timestamp_millis() {
                break;
            }
            let entry = (!value.is_empty()).then(|| decode(&key, &value)).transpose()?;
            due.push((keys::trailing_id(&key)?, entry));
        }
        Ok(due)
    }

    // --- intake ---

    /// Remember that `requester` filed ticket `id` at `at` (for rate limits).
    pub fn record_submission(&mut self, requester: &str, at: DateTime<Utc>, id: u64) {
        self.put_raw(keys::submission(requester, at.timestamp_millis(), id), Vec::new());
    }

    /// On a store that other hosts share, keep the bytes of ticket `id`'s attachment
    /// `stored_as` in the store too, in this commit: every host can then bring the file to
    /// its own home ([`Txn::attachment`]). Where the home holds the store, its file is all.
    pub fn share_attachment(&mut self, id: u64, stored_as: &str, bytes: &[u8]) {
        if self.kv.is_shared() {
            self.put_raw(keys::attachment(id, stored_as), bytes.to_vec());
        }
    }

    /// The bytes of ticket `id`'s attachment `stored_as`, when the store keeps them.
    pub fn attachment(&self, id: u64, stored_as: &str) -> Result<Option<Vec<u8>>> {
        self.get_raw(&keys::attachment(id, stored_as))
    }

    /// The ticket types published to this store (`desk template publish`), as (name, TOML
    /// source) sorted by name: on a team store, the types every host files and routes by.
    pub fn shared_templates(&self) -> Result<Vec<(String, String)>> {
        self.scan_raw(keys::SHARED_TEMPLATE_PREFIX)?
            .into_iter()
            .map(|(key, value)| {
                let name = String::from_utf8(key[keys::SHARED_TEMPLATE_PREFIX.len()..].to_vec());
                let source = String::from_utf8(value);
                match (name, source) {
                    (Ok(name), Ok(source)) => Ok((name, source)),
                    _ => Err(StoreError::Corrupt(format!(
                        "shared template record {key:?} is not UTF-8"
                    ))),
                }
            })
            .collect()
    }

    /// Publish type `name` with its TOML `source` (replacing any earlier version).
    pub fn publish_template(&mut self, name: &str, source: &str) {
        // Two admins publishing at once would each check prefixes without the other's.
        self.guard(keys::guard(b'p', "templates"));
        self.put_raw(keys::shared_template(name), source.as_bytes().to_vec());
    }

    /// Withdraw type `name` from the shared set.
    pub fn unpublish_template(&mut self, name: &str) {
        self.guard(keys::guard(b'p', "templates"));
        self.delete_raw(keys::shared_template(name));
    }

    /// The settings published to this store (`desk config publish`): config.toml's TOML
    /// without its `[store]` section; on a team store, the settings every host works by.
    pub fn shared_config(&self) -> Result<Option<String>> {
        match self.get_raw(keys::SHARED_CONFIG)? {
            None => Ok(None),
            Some(bytes) => String::from_utf8(bytes)
                .map(Some)
                .map_err(|_| StoreError::Corrupt("the shared config record is not UTF-8".into())),
        }
    }

    /// Publish `source` as the shared settings (replacing the earlier ones).
    pub fn publish_config(&mut self, source: &str) {
        self.put_raw(keys::SHARED_CONFIG.to_vec(), source.as_bytes().to_vec());
    }

    /// Two filings by one rate-limited requester at once would each count the other's
    /// submission as absent: with this guard one of them runs again and counts it.
    pub fn guard_rate_limit(&mut self, requester: &str) {
        self.guard(keys::guard(b's', requester));
    }

    /// Two admins demoting each other at once would each still count the other: with this
    /// guard one of them runs again and finds itself the last admin.
    pub fn guard_admins(&mut self) {
        self.guard(keys::guard(b'r', "admin"));
    }

    /// On a store whose writers run at once (a team store), make this transaction conflict
    /// with any other writing `guard` at the same moment. For rules over many records that
    /// a transaction reads without writing them, which snapshot isolation alone would let
    /// two commands break together (docs/postgres.md, "Concurrency"). Where writers take
    /// turns (sled), nothing is written.
    /// Record that `ticket_id` got an event (see [`Txn::commit`]).
    fn note_event_of(&mut self, ticket_id: u64) {
        if self.kv.is_shared() && !self.tickets_written.contains(&ticket_id) {
            self.events_only.insert(ticket_id);
        }
    }

    /// A closed ticket that got events but was not written (a comment after closing)
    /// unseals its report digest too; one read for all of them, and only on a team store.
    fn unseal_digests_of_closed_tickets_with_new_events(&mut self) -> Result<()> {
        let ids: Vec<u64> = std::mem::take(&mut self.events_only)
            .into_iter()
            .filter(|id| !self.tickets_written.contains(id))
            .collect();
        if ids.is_empty() {
            return Ok(());
        }
        let keys: Vec<Vec<u8>> = ids.iter().map(|&id| keys::ticket(id)).collect();
        for (id, stored) in ids.into_iter().zip(self.kv.get_many(&keys)?) {
            let Some(bytes) = stored else { continue };
            let ticket: Ticket = decode(&keys::ticket(id), &bytes)?;
            if ticket.status == Status::Closed {
                self.unseal_digest_of(id);
            }
        }
        Ok(())
    }

    fn guard(&mut self, guard: Vec<u8>) {
        if self.kv.is_shared() {
            self.put_raw(guard, Vec::new());
        }
    }

    /// When `requester` filed tickets still on record, oldest first.
    pub fn submissions(&self, requester: &str) -> Result<Vec<DateTime<Utc>>> {
        self.scan_keys(&keys::submissions_of(requester))?
            .iter()
            .map(|key| {
                let ms = keys::submission_time(key)?;
                DateTime::from_timestamp_millis(ms)
                    .ok_or_else(|| StoreError::Corrupt(format!("submission time {ms} out of range")))
            })
            .collect()
    }

    /// Forget `requester`'s submissions older than `before`: no limit looks that far back.
    pub fn prune_submissions(&mut self, requester: &str, before: DateTime<Utc>) -> Result<()> {
        for key in self.scan_keys(&keys::submissions_of(requester))? {
            if keys::submission_time(&key)? >= before.timestamp_millis() {
                break;
            }
            self.delete_raw(key);
        }
        Ok(())
    }

    /// Thread e-mail: the ticket that message `message_id` opened or replied to.
    pub fn link_message_id(&mut self, message_id: &str, ticket_id: u64) {
        self.put_raw(keys::message_id(message_id), ticket_id.to_be_bytes().to_vec());
        self.put_raw(keys::ticket_message_id(ticket_id, message_id), Vec::new());
    }

    pub fn ticket_by_message_id(&self, message_id: &str) -> Result<Option<u64>> {
        self.get_id(&keys::message_id(message_id), "message-id index")
    }

    /// Record that mail answering closed ticket `closed` opened ticket `follow_up`, so
    /// later answers land on the follow-up instead of opening another.
    pub fn link_follow_up(&mut self, closed: u64, follow_up: u64) {
        self.put_raw(keys::follow_up(closed), follow_up.to_be_bytes().to_vec());
    }

    pub fn follow_up_of(&self, closed: u64) -> Result<Option<u64>> {
        self.get_id(&keys::follow_up(closed), "follow-up index")
    }

    /// Threading entries matter while a conversation is live; an archived ticket drops
    /// them so the hot store does not grow with the mail history.
    fn unlink_mail(&mut self, ticket_id: u64) -> Result<()> {
        for key in self.scan_keys(&keys::message_ids_of(ticket_id))? {
            if let Some(message_id) = keys::message_id_in(&key) {
                self.delete_raw(keys::message_id(message_id));
            }
            self.delete_raw(key);
        }
        self.delete_raw(keys::follow_up(ticket_id));
        Ok(())
    }

    fn get_id(&self, key: &[u8], what: &str) -> Result<Option<u64>> {
        self.get_raw(key)?
            .map(|bytes| {
                bytes
                    .as_slice()
                    .try_into()
                    .map(u64::from_be_bytes)
                    .map_err(|_| StoreError::Corrupt(what.into()))
            })
            .transpose()
    }

    // --- people ---

    pub fn agent(&self, name: &str) -> Result<Option<Agent>> {
        let key = keys::agent(name);
        self.get_raw(&key)?.map(|bytes| decode(&key, &bytes)).transpose()
    }

    pub fn put_agent(&mut self, agent: &Agent) {
        self.put_raw(keys::agent(&agent.name), encode(agent));
    }

    pub fn agents(&self) -> Result<Vec<Agent>> {
        self.scan_raw(keys::AGENT_PREFIX)?
            .iter()
            .map(|(k, v)| decode(k, v))
            .collect()
    }

    pub fn requester(&self, name: &str) -> Result<Option<Requester>> {
        let key = keys::requester(name);
        self.get_raw(&key)?.map(|bytes| decode(&key, &bytes)).transpose()
    }

    pub fn put_requester(&mut self, requester: &Requester) {
        self.put_raw(keys::requester(&requester.name), encode(requester));
    }

    pub fn requesters(&self) -> Result<Vec<Requester>> {
        self.scan_raw(keys::REQUESTER_PREFIX)?
            .iter()
            .map(|(k, v)| decode(k, v))
            .collect()
    }

    /// Number of ticket ids in the index for `name` (e.g. an agent's tickets).
    pub fn count_by(&self, index: NameIndex, name: &str) -> Result<usize> {
        Ok(self.kv.scan_prefix_keys(&index.prefix(name), usize::MAX)?.len())
    }
}

/// Where a ticket was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    Hot,
    Cold,
}

/// The hot store plus the cold archive of one desk home.
pub struct Store {
    kv: Box<dyn KvBackend>,
    cold: ColdArchive,
    impersonation: Option<Impersonation>,
    api_token: Option<(String, String)>,
    path: PathBuf,
}

impl Store {
    /// Wrap an opened backend; `cold_dir` holds the archive segments.
    /// Checks the schema version: stamps a fresh store with the current one, migrates an
    /// older one (see [`migrate`]), refuses a newer one; finishes an interrupted purge.
    pub fn new(kv: Box<dyn KvBackend>, path: &Path, cold_dir: &Path) -> Result<Store> {
        Store::open_with(kv, path, cold_dir, migrate::MIGRATIONS, SCHEMA_VERSION, false)
            .map(|(store, _)| store)
    }

    pub fn txn(&self) -> Txn<'_> {
        let mut txn = Txn::new(self.kv.as_ref());
        txn.impersonation = self.impersonation.as_ref();
        txn.api_token = self.api_token.as_ref();
        txn
    }

    /// From now on, events this store writes for `user` record the API token `name` it
    /// acts through (`desk serve`).
    pub fn record_api_token(&mut self, user: &str, name: &str) {
        self.api_token = Some((user.to_string(), name.to_string()));
    }

    /// From now on, events this store writes for `effective` also record `real`: the
    /// command runs under impersonation, and the history must say who really acted.
    pub fn record_impersonation(&mut self, effective: &str, real: &str) {
        self.impersonation = Some(Impersonation {
            effective: effective.to_string(),
            real: real.to_string(),
        });
    }

    pub fn cold(&self) -> &ColdArchive {
        &self.cold
    }

    /// A team store several hosts share. The cold archive's segment files live on one
    /// host, where the others would not see them, so the CLI does not archive a team
    /// store's tickets (for now).
    pub fn is_shared(&self) -> bool {
        self.kv.is_shared()
    }

    /// Visit every ticket with its history, hot and archived, each exactly once: the hot
    /// store (id order) on this thread, and the archive's segments on up to `threads`
    /// threads at once. Each thread `visit`s into its own state from `start` (archive order
    /// within a segment); returns the states, the hot store's first. For reports.
    pub fn for_each_ticket<S: Send>(
        &self,
        threads: usize,
        start: impl FnMut() -> S,
        visit: impl Fn(&mut S, ArchivedTicket) -> Result<()> + Sync,
    ) -> Result<Vec<S>> {
        self.for_each_ticket_as::<Ticket, Event, S>(threads, start, |state, ticket, events| {
            visit(state, ArchivedTicket { ticket, events })
        })
    }

    /// [`Store::for_each_ticket`], decoding tickets and events into lighter views `T` and
    /// `E` (serde skips the fields they don't name: bodies, messages, custom fields).
    pub fn for_each_ticket_as<T: TicketView, E: DeserializeOwned, S: Send>(
        &self,
        threads: usize,
        mut start: impl FnMut() -> S,
        visit: impl Fn(&mut S, T, Vec<E>) -> Result<()> + Sync,
    ) -> Result<Vec<S>> {
        let txn = self.txn();
        let mut hot = start();
        self.visit_hot_range_as::<T, E>(0, None, &mut |ticket, events| visit(&mut hot, ticket, events))?;
        let manifest = txn.cold_manifest()?;
        let restored = txn.restored_ids()?;
        drop(txn);
        let mut states = vec![hot];
        if manifest.segments.is_empty() {
            return Ok(states);
        }
        let locations = self.cold.read_locations()?;
        // Segments are dealt out round-robin; each thread reads its own in order.
        let threads = threads.clamp(1, manifest.segments.len());
        let shares: Vec<(S, Vec<&cold::SegmentInfo>)> = (0..threads)
            .map(|t| {
                let segments = manifest.segments.iter().skip(t).step_by(threads).collect();
                (start(), segments)
            })
            .collect();
        let cold = &self.cold;
        let (locations, restored, visit) = (&locations, &restored, &visit);
        let results: Vec<Result<S>> = std::thread::scope(|scope| {
            let handles: Vec<_> = shares
                .into_iter()
                .map(|(mut state, segments)| {
                    scope.spawn(move || {
                        for info in segments {
                            cold.scan_segment_as::<T, E>(info, locations, restored, |ticket, events| {
                                visit(&mut state, ticket, events)
                            })?;
                        }
                        Ok(state)
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
                .collect()
        });
        for result in results {
            states.push(result?);
        }
        Ok(states)
    }

    /// Visit the hot store's tickets with ids from `first` up to (not including) `end`, in
    /// id order, each with its events decoded as `E`.
    fn visit_hot_range_as<T: TicketView, E: DeserializeOwned>(
        &self,
        first: u64,
        end: Option<u64>,
        visit: &mut dyn FnMut(T, Vec<E>) -> Result<()>,
    ) -> Result<()> {
        // The events of a few hundred tickets per range read: one query per batch rather
        // than per ticket, which on a team store is one network round trip each.
        const BATCH: usize = 512;
        let tickets_end = match end {
            Some(end) => keys::ticket(end),
            None => b"t0".to_vec(),
        };
        let mut from = keys::ticket(first);
        loop {
            let batch = self.kv.scan_range_limited(&from, &tickets_end, BATCH)?;
            let Some((last_key, _)) = batch.last() else {
                return Ok(());
            };
            // The next page starts just after this one's last key.
            from = [last_key.as_slice(), &[0]].concat();
            let tickets = batch
                .iter()
                .map(|(key, value)| decode::<T>(key, value))
                .collect::<Result<Vec<T>>>()?;
            let (Some(first), Some(last)) = (tickets.first(), tickets.last()) else {
                continue;
            };
            let end = match last.ticket_id().checked_add(1) {
                Some(next) => keys::events_of(next),
                None => b"e0".to_vec(),
            };
            let mut events = self
                .kv
                .scan_range(&keys::events_of(first.ticket_id()), &end)?
                .into_iter()
                .peekable();
            for ticket in tickets {
                let id = ticket.ticket_id();
                let mut own = Vec::new();
                while let Some((key, value)) =
                    events.next_if(|(key, _)| keys::event_ticket_id(key) <= Some(id))
                {
                    if keys::event_ticket_id(&key) == Some(id) {
                        own.push(decode(&key, &value)?);
                    }
                }
                visit(ticket, own)?;
            }
        }
    }

    /// Find a ticket and its history wherever it lives: the hot store first, then the archive.
    pub fn find_ticket(&self, id: u64) -> Result<Option<(ArchivedTicket, Location)>> {
        let txn = self.txn();
        if let Some(ticket) = txn.ticket(id)? {
            let events = txn.events(id)?;
            return Ok(Some((ArchivedTicket { ticket, events }, Location::Hot)));
        }
        if txn.is_restored(id)? {
            return Ok(None);
        }
        let manifest = txn.cold_manifest()?;
        Ok(self
            .cold
            .get(&manifest, id)?
            .map(|record| (record, Location::Cold)))
    }

    /// Move closed tickets older than `older_than` into the cold archive: at most `limit`
    /// per call, so no single command pays for a backlog. Returns how many moved.
    ///
    /// Crash safety: the records are appended and synced to the archive first, beyond its
    /// committed length; then one hot commit removes them from the hot store and advances
    /// the committed length together. A crash in between leaves them only in the hot store
    /// (the unsynced tail is ignored and later overwritten), never in neither, never in both.
    pub fn archive_closed(&self, now: DateTime<Utc>, older_than: Duration, limit: usize) -> Result<usize> {
        let cutoff = now - chrono::Duration::from_std(older_than).unwrap_or(chrono::Duration::MAX);
        self.archive_closed_before(cutoff, limit)
    }

    /// [`Store::archive_closed`] for tickets closed before `cutoff` (`desk archive`).
    pub fn archive_closed_before(&self, cutoff: DateTime<Utc>, limit: usize) -> Result<usize> {
        let txn = self.txn();
        let ids = txn.closed_before(cutoff, limit)?;
        if ids.is_empty() {
            return Ok(0);
        }
        let mut records = Vec::with_capacity(ids.len());
        for id in ids {
            let ticket = txn
                .ticket(id)?
                .ok_or_else(|| StoreError::Corrupt(format!("closed index points at missing ticket {id}")))?;
            let events = txn.events(id)?;
            records.push(ArchivedTicket { ticket, events });
        }
        drop(txn);
        self.archive_records(records)
    }

    /// Append `records` to the archive and, in one hot commit, drop whatever hot copies
    /// they have and advance the archive's committed length. Also the bulk-load path.
    pub fn archive_records(&self, records: Vec<ArchivedTicket>) -> Result<usize> {
        self.archive_records_with(records, |_| Ok(()))
    }

    /// [`Store::archive_records`], with `also`'s writes in the same hot commit.
    pub(crate) fn archive_records_with(
        &self,
        records: Vec<ArchivedTicket>,
        also: impl FnOnce(&mut Txn<'_>) -> Result<()>,
    ) -> Result<usize> {
        let mut txn = self.txn();
        let manifest = txn.cold_manifest()?;
        let new_manifest = self.cold.append(&manifest, &records)?;
        for record in &records {
            if let Some(hot) = txn.ticket(record.ticket.id)? {
                txn.remove_ticket(&hot)?;
            }
            txn.delete_raw(keys::restored(record.ticket.id));
        }
        txn.set_cold_manifest(&new_manifest);
        also(&mut txn)?;
        txn.commit()?;
        Ok(records.len())
    }

    /// Bring an archived ticket back into the hot store (e.g. to reopen it), in `txn`.
    /// Marks the archived copy stale in the same commit.
    pub fn restore_into(&self, txn: &mut Txn<'_>, record: &ArchivedTicket) -> Result<()> {
        txn.put_ticket(&record.ticket)?;
        for event in &record.events {
            txn.import_event(record.ticket.id, event);
        }
        txn.put_raw(keys::restored(record.ticket.id), Vec::new());
        Ok(())
    }
}

#[cfg(test)]
mod conformance;
