//! The key layout of the hot store. Everything lives in one ordered key space, so one
//! atomic batch covers a record and all its index entries.
//!
//! ```text
//! m/schema                      schema version (u32 BE)
//! m/test_identities             present in a home made by `init --insecure-test-identities`
//! i/o/<os login>                desk user an OS account signs in as (`--os-user`)
//! u/<at ms><seq>                audit log entry (JSON): impersonated, privileged and refused
//!                               commands (store::audit)
//! m/next_id                     next ticket id (u64 BE); ids are never reused
//! m/cold                        the cold archive's manifest (JSON)
//! m/purge                       journal of a retention purge between its switch and its
//!                               finish (store::retention); absent otherwise
//! t/<id>                        ticket (JSON)
//! e/<id><seq>                   event (JSON), append-only
//! a/<name>   r/<name>           agent, requester (JSON)
//! i/s/<status>\0<rank><id>      status index, in queue order: priority rank, then age
//! i/a/<assignee>\0<id>          assignee index
//! i/t/<type>\0<id>              type index
//! i/r/<requester>\0<id>         requester index
//! i/g/<tag>\0<id>               tag index (`list --tag`)
//! i/W/<watcher>\0<id>           watcher index (`list --watching`)
//! i/D/<department>\0<id>        department index (`list --department`)
//! i/d/<dedup key>               open ticket holding a dedup key -> id
//! i/c/<closed at ms><id>        closed tickets by close time: what the archiver moves next
//! i/w/<attention ms><id>        open tickets by when `sla check` next has work (SLA warning
//!                               point or deadline of a running clock)
//! x/<id>                        tickets restored from the cold archive (its copy is stale)
//! s/<requester>\0<ms><id>       submissions per requester, for rate limits (pruned)
//! i/m/<message-id>              ticket an e-mail opened or replied to, for threading replies
//! i/M/<id>\0<message-id>        the same, by ticket: dropped when the ticket is archived
//! i/f/<id>                      follow-up ticket opened by mail answering closed ticket <id>
//! o/<id><seq>                   outbox: event <seq> of ticket <id> awaits routing to
//!                               notifications; written with the event, removed by `notify flush`
//! n/<msg id>                    notification message (JSON): recipient, words, delivery state
//! i/n/<due ms><msg id>          pending messages by next attempt time: what `notify flush` sends
//! i/N/<delivered ms><msg id>    delivered messages, oldest first (pruned: notify.keep_delivered)
//! i/X/<msg id>                  dead letters (gave up after notify.max_attempts)
//! c/a/<name>   c/r/<name>       contact addresses of an agent, a requester (JSON map)
//! m/next_msg                    next notification message id (u64 BE)
//! m/notify                      present while notify rules exist: the outbox outlives archiving
//! st/<agent>\0<yyyymmdd>        an agent's routing counters for one day (store::routing)
//! m/round_robin                 the agent round-robin routing picked last (store::routing)
//! i/import/<row key>           ticket a CSV import made from a row (store::transfer): re-imports skip it
//! q/t<id>  q/k<id>              ticket / KB article changed since the search index saw it:
//!                               sequence number of the latest write (store::search_queue)
//! m/search_seq                  the last search sequence number handed out
//! k/<id>   m/next_kb            knowledge-base article (JSON), next article id (store::kb)
//! tok/<name>                    API token (JSON, the secret's hash only; store::tokens)
//! w/l/<sha256>  w/s/<sha256>    web sign-in link, session (JSON; store::web)
//! ```
//!
//! Ids and sequence numbers are big-endian so byte order is numeric order.

use super::StoreError;

pub const SCHEMA: &[u8] = b"m/schema";
pub const TEST_IDENTITIES: &[u8] = b"m/test_identities";
pub const AUDIT_PREFIX: &[u8] = b"u/";

pub fn os_account(login: &str) -> Vec<u8> {
    join(&[b"i/o/", login.as_bytes()])
}
pub const NEXT_ID: &[u8] = b"m/next_id";
pub const COLD_MANIFEST: &[u8] = b"m/cold";
pub const TICKET_PREFIX: &[u8] = b"t/";
pub const AGENT_PREFIX: &[u8] = b"a/";
pub const REQUESTER_PREFIX: &[u8] = b"r/";
pub const CLOSED_PREFIX: &[u8] = b"i/c/";
pub const RESTORED_PREFIX: &[u8] = b"x/";

fn join(parts: &[&[u8]]) -> Vec<u8> {
    parts.concat()
}

pub fn ticket(id: u64) -> Vec<u8> {
    join(&[TICKET_PREFIX, &id.to_be_bytes()])
}

pub fn events_of(id: u64) -> Vec<u8> {
    join(&[b"e/", &id.to_be_bytes()])
}

/// The ticket id of an event key (`e/<id><seq>`); None for any other key.
pub fn event_ticket_id(key: &[u8]) -> Option<u64> {
    let id = key.strip_prefix(b"e/")?.get(..8)?;
    Some(u64::from_be_bytes(id.try_into().ok()?))
}

pub fn event(id: u64, seq: u32) -> Vec<u8> {
    join(&[b"e/", &id.to_be_bytes(), &seq.to_be_bytes()])
}

pub fn agent(name: &str) -> Vec<u8> {
    join(&[AGENT_PREFIX, name.as_bytes()])
}

pub fn requester(name: &str) -> Vec<u8> {
    join(&[REQUESTER_PREFIX, name.as_bytes()])
}

pub fn status_prefix(status: &str) -> Vec<u8> {
    join(&[b"i/s/", status.as_bytes(), b"\0"])
}

pub fn status_entry(status: &str, rank: u8, id: u64) -> Vec<u8> {
    join(&[&status_prefix(status), &[rank], &id.to_be_bytes()])
}

/// The priority rank in a status index key (the byte before the id).
pub fn status_entry_rank(key: &[u8]) -> Result<u8, StoreError> {
    key.len()
        .checked_sub(9)
        .map(|at| key[at])
        .ok_or_else(|| StoreError::Corrupt(format!("status index key too short: {key:?}")))
}

/// Index families keyed by a name, then the ticket id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameIndex {
    Assignee,
    Type,
    Requester,
    Tag,
    Watcher,
    Department,
}

impl NameIndex {
    fn tag(self) -> &'static [u8] {
        match self {
            NameIndex::Assignee => b"i/a/",
            NameIndex::Type => b"i/t/",
            NameIndex::Requester => b"i/r/",
            NameIndex::Tag => b"i/g/",
            NameIndex::Watcher => b"i/W/",
            NameIndex::Department => b"i/D/",
        }
    }

    pub fn prefix(self, name: &str) -> Vec<u8> {
        join(&[self.tag(), name.as_bytes(), b"\0"])
    }

    pub fn entry(self, name: &str, id: u64) -> Vec<u8> {
        join(&[&self.prefix(name), &id.to_be_bytes()])
    }
}

pub fn dedup(key: &str) -> Vec<u8> {
    join(&[b"i/d/", key.as_bytes()])
}

pub fn closed_entry(closed_at_ms: i64, id: u64) -> Vec<u8> {
    // Times before 1970 do not occur; clamp so the order stays numeric.
    join(&[
        CLOSED_PREFIX,
        &(closed_at_ms.max(0) as u64).to_be_bytes(),
        &id.to_be_bytes(),
    ])
}

pub const SLA_ATTENTION_PREFIX: &[u8] = b"i/w/";

pub fn sla_attention_entry(at_ms: i64, id: u64) -> Vec<u8> {
    join(&[
        SLA_ATTENTION_PREFIX,
        &(at_ms.max(0) as u64).to_be_bytes(),
        &id.to_be_bytes(),
    ])
}

/// The time in an `i/w/` key.
pub fn sla_attention_time(key: &[u8]) -> Result<i64, StoreError> {
    key.get(SLA_ATTENTION_PREFIX.len()..SLA_ATTENTION_PREFIX.len() + 8)
        .and_then(|bytes| bytes.try_into().ok())
        .map(|bytes| u64::from_be_bytes(bytes) as i64)
        .ok_or_else(|| StoreError::Corrupt(format!("sla index key malformed: {key:?}")))
}

pub fn restored(id: u64) -> Vec<u8> {
    join(&[RESTORED_PREFIX, &id.to_be_bytes()])
}

/// The ticket id at the end of an index key.
pub fn trailing_id(key: &[u8]) -> Result<u64, StoreError> {
    key.len()
        .checked_sub(8)
        .and_then(|start| key[start..].try_into().ok())
        .map(u64::from_be_bytes)
        .ok_or_else(|| StoreError::Corrupt(format!("index key too short: {key:?}")))
}

/// The close time in an `i/c/` key.
pub fn closed_entry_time(key: &[u8]) -> Result<i64, StoreError> {
    key.get(CLOSED_PREFIX.len()..CLOSED_PREFIX.len() + 8)
        .and_then(|bytes| bytes.try_into().ok())
        .map(|bytes| u64::from_be_bytes(bytes) as i64)
        .ok_or_else(|| StoreError::Corrupt(format!("closed index key malformed: {key:?}")))
}

/// A file attached to ticket `id`, kept in the store when hosts share it (a team store),
/// under its stored name (`3-build.log`).
pub fn attachment(id: u64, stored_as: &str) -> Vec<u8> {
    join(&[b"f/", &id.to_be_bytes(), stored_as.as_bytes()])
}

/// The ticket types a team store's hosts share: `p/<name>` → the template's TOML source.
pub const SHARED_TEMPLATE_PREFIX: &[u8] = b"p/";
/// A team store's shared settings (`desk config publish`): config.toml without `[store]`.
pub const SHARED_CONFIG: &[u8] = b"m/config";

pub fn shared_template(name: &str) -> Vec<u8> {
    join(&[SHARED_TEMPLATE_PREFIX, name.as_bytes()])
}

/// A guard record (`l/<kind>/<name>`): written, empty, by every transaction that decides
/// on `name` (see [`super::Txn::guard`]).
pub fn guard(kind: u8, name: &str) -> Vec<u8> {
    join(&[b"l/", &[kind, b'/'], name.as_bytes()])
}

pub fn submissions_of(requester: &str) -> Vec<u8> {
    join(&[b"s/", requester.as_bytes(), b"\0"])
}

pub fn submission(requester: &str, at_ms: i64, id: u64) -> Vec<u8> {
    join(&[
        &submissions_of(requester),
        &(at_ms.max(0) as u64).to_be_bytes(),
        &id.to_be_bytes(),
    ])
}

/// The time in a submission key (its 16 trailing bytes are time, then id).
pub fn submission_time(key: &[u8]) -> Result<i64, StoreError> {
    key.len()
        .checked_sub(16)
        .and_then(|start| key[start..start + 8].try_into().ok())
        .map(|bytes| u64::from_be_bytes(bytes) as i64)
        .ok_or_else(|| StoreError::Corrupt(format!("submission key malformed: {key:?}")))
}

pub fn message_id(id: &str) -> Vec<u8> {
    join(&[b"i/m/", id.as_bytes()])
}

pub fn message_ids_of(ticket_id: u64) -> Vec<u8> {
    join(&[b"i/M/", &ticket_id.to_be_bytes(), b"\0"])
}

pub fn ticket_message_id(ticket_id: u64, message_id: &str) -> Vec<u8> {
    join(&[&message_ids_of(ticket_id), message_id.as_bytes()])
}

/// The message id at the end of a `ticket_message_id` key.
pub fn message_id_in(key: &[u8]) -> Option<&str> {
    std::str::from_utf8(key.get(4 + 8 + 1..)?).ok()
}

pub fn follow_up(ticket_id: u64) -> Vec<u8> {
    join(&[b"i/f/", &ticket_id.to_be_bytes()])
}

// --- notifications (see store::outbox) ---

pub const OUTBOX_PREFIX: &[u8] = b"o/";
pub const NEXT_MESSAGE_ID: &[u8] = b"m/next_msg";
pub const NOTIFY_ENABLED: &[u8] = b"m/notify";
pub const MESSAGE_PREFIX: &[u8] = b"n/";
pub const MESSAGE_DUE_PREFIX: &[u8] = b"i/n/";
pub const MESSAGE_DELIVERED_PREFIX: &[u8] = b"i/N/";
/// Dead letters. (Schema 2 kept them under `i/D/`, the department index's prefix; schema
/// 3 moved them here.)
pub const MESSAGE_DEAD_PREFIX: &[u8] = b"i/X/";
/// Where schema 2 kept dead letters: `i/D/<msg id>`, 8 bytes after the prefix.
pub const SCHEMA_2_DEAD_PREFIX: &[u8] = b"i/D/";

pub fn outbox_of(ticket_id: u64) -> Vec<u8> {
    join(&[OUTBOX_PREFIX, &ticket_id.to_be_bytes()])
}

pub fn outbox(ticket_id: u64, seq: u32) -> Vec<u8> {
    join(&[OUTBOX_PREFIX, &ticket_id.to_be_bytes(), &seq.to_be_bytes()])
}

/// The ticket id and event sequence number in an `o/` key.
pub fn outbox_entry(key: &[u8]) -> Result<(u64, u32), StoreError> {
    let body = key
        .strip_prefix(OUTBOX_PREFIX)
        .filter(|body| body.len() == 12)
        .ok_or_else(|| StoreError::Corrupt(format!("outbox key malformed: {key:?}")))?;
    let id = u64::from_be_bytes(body[..8].try_into().expect("8 bytes"));
    let seq = u32::from_be_bytes(body[8..].try_into().expect("4 bytes"));
    Ok((id, seq))
}

pub fn message(id: u64) -> Vec<u8> {
    join(&[MESSAGE_PREFIX, &id.to_be_bytes()])
}

pub fn message_due(at_ms: i64, id: u64) -> Vec<u8> {
    join(&[
        MESSAGE_DUE_PREFIX,
        &(at_ms.max(0) as u64).to_be_bytes(),
        &id.to_be_bytes(),
    ])
}

pub fn message_delivered(at_ms: i64, id: u64) -> Vec<u8> {
    join(&[
        MESSAGE_DELIVERED_PREFIX,
        &(at_ms.max(0) as u64).to_be_bytes(),
        &id.to_be_bytes(),
    ])
}

pub fn message_dead(id: u64) -> Vec<u8> {
    join(&[MESSAGE_DEAD_PREFIX, &id.to_be_bytes()])
}

/// The time in an `i/n/` or `i/N/` key (the 8 bytes after the 4-byte prefix).
pub fn message_index_time(key: &[u8]) -> Result<i64, StoreError> {
    key.get(4..12)
        .and_then(|bytes| bytes.try_into().ok())
        .map(|bytes| u64::from_be_bytes(bytes) as i64)
        .ok_or_else(|| StoreError::Corrupt(format!("message index key malformed: {key:?}")))
}

pub fn contacts(person_tag: u8, name: &str) -> Vec<u8> {
    join(&[b"c/", &[person_tag, b'/'], name.as_bytes()])
}

/// A CSV-imported row's identity (`--id-column` value or content hash) -> ticket id.
pub fn import_key(key: &str) -> Vec<u8> {
    join(&[b"i/import/", key.as_bytes()])
}
