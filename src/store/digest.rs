//! Report digests: a team store's answer to the cold archive, for `desk report`.
//!
//! On an embedded home old closed tickets move to the cold archive's segment files, which a
//! report reads sequentially. A team store keeps every ticket in the database, where a
//! report over the whole history read each ticket's record and events one row at a time:
//! 15.6 s at a million tickets (benches/RESULTS-postgres-scale.md), most of it the server
//! fetching rows scattered over the table. So closed tickets past the archive age are also
//! *sealed* into digest blocks: `g/<block>` holds, for the [`BLOCK_TICKETS`] ids of one
//! block, exactly what a report reads ([`ReportTicket`] and [`ReportEvent`]s), in a compact
//! binary encoding with the block's names stored once. A report reads the sealed blocks (a
//! thousand rows for a million tickets) and only the rest ticket by ticket. The tickets
//! themselves stay where they are: `show`, `list`, export and search do not change.
//!
//! A block is sealed only when every ticket in it is closed, and closed before the cutoff,
//! by `desk archive` on a team store (from cron, like `sla check`). A later change to any
//! ticket that was closed (a reopen, a late rating, a merge) deletes the block's digest in
//! the same commit, so a report reads those tickets one by one again until the next
//! `desk archive` seals it anew. Sealing and such a change both write the block's guard
//! record, so under snapshot isolation one of two concurrent ones runs again: a digest is
//! never sealed from a snapshot that misses a committed change.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{keys, Result, Store, StoreError, Txn};
use crate::domain::event::{EventKind, ReplySide};
use crate::domain::report::{ReportEvent, ReportTicket};
use crate::domain::{Priority, Status};

/// Ticket ids per digest block.
pub const BLOCK_TICKETS: u64 = 1024;
/// The encoding of a block, its first byte. A block of another version is not read: its
/// tickets are read one by one until `desk archive` seals it again. 2: events keep the
/// priority a creation or priority change set (the SLA targets a report replays follow it).
const FORMAT: u8 = 2;
pub const DIGEST_PREFIX: &[u8] = b"g/";

pub fn block_of(id: u64) -> u64 {
    id / BLOCK_TICKETS
}

pub fn digest_key(block: u64) -> Vec<u8> {
    [DIGEST_PREFIX, &block.to_be_bytes()].concat()
}

fn block_of_key(key: &[u8]) -> Option<u64> {
    let bytes: [u8; 8] = key.get(DIGEST_PREFIX.len()..)?.try_into().ok()?;
    Some(u64::from_be_bytes(bytes))
}

fn guard_name(block: u64) -> String {
    block.to_string()
}

#[derive(Serialize, Deserialize)]
struct Block {
    /// Every name the block's tickets use (types, people, policies, tags…), once.
    names: Vec<String>,
    tickets: Vec<DigestTicket>,
}

#[derive(Serialize, Deserialize)]
struct DigestTicket {
    id: u64,
    ticket_type: u32,
    status: Status,
    priority: Priority,
    requester: u32,
    assignee: Option<u32>,
    created_at: i64,
    sla_policy: Option<u32>,
    channel: Option<u32>,
    tags: Vec<u32>,
    department: Option<u32>,
    events: Vec<DigestEvent>,
}

#[derive(Serialize, Deserialize)]
struct DigestEvent {
    seq: u32,
    kind: EventKind,
    at: i64,
    to_status: Option<Status>,
    assignee: Option<u32>,
    role: Option<ReplySide>,
    score: Option<u8>,
    milestone: Option<u32>,
    kb: Option<u64>,
    priority: Option<Priority>,
}

#[derive(Default)]
struct Names {
    names: Vec<String>,
    index: std::collections::HashMap<String, u32>,
}

impl Names {
    fn of(&mut self, name: &str) -> u32 {
        if let Some(&at) = self.index.get(name) {
            return at;
        }
        let at = self.names.len() as u32;
        self.names.push(name.to_string());
        self.index.insert(name.to_string(), at);
        at
    }
}

fn millis(at: DateTime<Utc>) -> i64 {
    at.timestamp_millis()
}

fn time(ms: i64) -> Result<DateTime<Utc>> {
    DateTime::from_timestamp_millis(ms)
        .ok_or_else(|| StoreError::Corrupt(format!("digest time {ms} is out of range")))
}

/// The digest block of `tickets` (each with its events).
pub(super) fn encode_block(tickets: &[(ReportTicket, Vec<ReportEvent>)]) -> Result<Vec<u8>> {
    let mut names = Names::default();
    let tickets = tickets
        .iter()
        .map(|(t, events)| DigestTicket {
            id: t.id,
            ticket_type: names.of(&t.ticket_type),
            status: t.status,
            priority: t.priority,
            requester: names.of(&t.requester),
            assignee: t.assignee.as_deref().map(|n| names.of(n)),
            created_at: millis(t.created_at),
            sla_policy: t.sla_policy.as_deref().map(|n| names.of(n)),
            channel: t.channel.as_deref().map(|n| names.of(n)),
            tags: t.tags.iter().map(|n| names.of(n)).collect(),
            department: t.department.as_deref().map(|n| names.of(n)),
            events: events
                .iter()
                .map(|e| DigestEvent {
                    seq: e.seq,
                    kind: e.kind,
                    at: millis(e.at),
                    to_status: e.to_status,
                    assignee: e.assignee.as_deref().map(|n| names.of(n)),
                    role: e.role,
                    score: e.score,
                    milestone: e.milestone.as_deref().map(|n| names.of(n)),
                    kb: e.kb,
                    priority: e.priority,
                })
                .collect(),
        })
        .collect();
    let block = Block {
        names: names.names,
        tickets,
    };
    let mut bytes = vec![FORMAT];
    bytes.extend(postcard::to_stdvec(&block).map_err(|e| StoreError::Corrupt(format!("digest: {e}")))?);
    Ok(bytes)
}

/// Whether `bytes` is a block this desk reads.
fn readable(bytes: &[u8]) -> bool {
    bytes.first() == Some(&FORMAT)
}

/// Visit each ticket of a digest block.
pub(super) fn decode_block(
    key: &[u8],
    bytes: &[u8],
    mut visit: impl FnMut(ReportTicket, Vec<ReportEvent>) -> Result<()>,
) -> Result<()> {
    let corrupt =
        |why: String| StoreError::Corrupt(format!("report digest {}: {why}", String::from_utf8_lossy(key)));
    let block: Block =
        postcard::from_bytes(bytes.get(1..).unwrap_or_default()).map_err(|e| corrupt(e.to_string()))?;
    let name = |at: u32| -> Result<String> {
        block
            .names
            .get(at as usize)
            .cloned()
            .ok_or_else(|| corrupt(format!("name {at} is not in the block")))
    };
    let optional = |at: Option<u32>| at.map(name).transpose();
    for t in &block.tickets {
        let ticket = ReportTicket {
            id: t.id,
            ticket_type: name(t.ticket_type)?,
            status: t.status,
            priority: t.priority,
            requester: name(t.requester)?,
            assignee: optional(t.assignee)?,
            created_at: time(t.created_at)?,
            sla_policy: optional(t.sla_policy)?,
            channel: optional(t.channel)?,
            tags: t.tags.iter().map(|&n| name(n)).collect::<Result<_>>()?,
            department: optional(t.department)?,
        };
        let events = t
            .events
            .iter()
            .map(|e| {
                Ok(ReportEvent {
                    seq: e.seq,
                    kind: e.kind,
                    at: time(e.at)?,
                    to_status: e.to_status,
                    assignee: optional(e.assignee)?,
                    role: e.role,
                    score: e.score,
                    milestone: optional(e.milestone)?,
                    kb: e.kb,
                    priority: e.priority,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        visit(ticket, events)?;
    }
    Ok(())
}

impl Txn<'_> {
    /// A ticket that was closed is changing: its block's digest no longer says what the
    /// report must, so it goes, in this commit (see the module documentation).
    pub(super) fn unseal_digest_of(&mut self, id: u64) {
        if !self.kv.is_shared() {
            return;
        }
        let block = block_of(id);
        self.guard(keys::guard(b'g', &guard_name(block)));
        self.delete_raw(digest_key(block));
    }

    /// The blocks with a digest, readable or not (keys only).
    fn digest_blocks(&self) -> Result<BTreeSet<u64>> {
        Ok(self
            .kv
            .scan_prefix_keys(DIGEST_PREFIX, usize::MAX)?
            .iter()
            .filter_map(|key| block_of_key(key))
            .collect())
    }

    /// The blocks with a digest this desk reads.
    pub fn sealed_blocks(&self) -> Result<BTreeSet<u64>> {
        Ok(self
            .scan_raw(DIGEST_PREFIX)?
            .into_iter()
            .filter(|(_, value)| readable(value))
            .filter_map(|(key, _)| block_of_key(&key))
            .collect())
    }
}

/// What [`Store::seal_digests`] did, or would do.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct SealOutcome {
    /// Blocks sealed now (with `dry_run`, that would be).
    pub blocks_sealed: u64,
    /// Tickets in them.
    pub tickets_sealed: u64,
    /// Blocks already sealed before.
    pub blocks_already: u64,
    /// Blocks with a ticket still open, or closed after the cutoff.
    pub blocks_waiting: u64,
    /// Blocks another command changed while this one sealed them (sealed next time).
    pub blocks_conflicted: u64,
}

impl Store {
    /// Seal the digest of every block whose tickets were all closed before `cutoff` (a team
    /// store; nothing on an embedded one, whose old tickets go to the cold archive). Each
    /// block is its own transaction, so the desk keeps working; `progress` hears of each
    /// block looked at, out of the total.
    pub fn seal_digests(
        &self,
        cutoff: DateTime<Utc>,
        dry_run: bool,
        mut progress: impl FnMut(u64, u64),
    ) -> Result<SealOutcome> {
        let mut outcome = SealOutcome::default();
        if !self.is_shared() {
            return Ok(outcome);
        }
        let (sealed, last_block) = {
            let txn = self.txn();
            (txn.sealed_blocks()?, block_of(txn.last_ticket_id()?))
        };
        for block in 0..=last_block {
            progress(block + 1, last_block + 1);
            if sealed.contains(&block) {
                outcome.blocks_already += 1;
                continue;
            }
            let mut txn = self.txn();
            let tickets = self.block_tickets(block)?;
            let ready = !tickets.is_empty()
                && tickets.iter().all(|(t, events)| {
                    t.status == Status::Closed && closed_at(events).is_some_and(|at| at < cutoff)
                });
            if !ready {
                outcome.blocks_waiting += u64::from(!tickets.is_empty());
                continue;
            }
            if dry_run {
                outcome.blocks_sealed += 1;
                outcome.tickets_sealed += tickets.len() as u64;
                continue;
            }
            txn.guard(keys::guard(b'g', &guard_name(block)));
            txn.put_raw(digest_key(block), encode_block(&tickets)?);
            match txn.commit() {
                Ok(()) => {
                    outcome.blocks_sealed += 1;
                    outcome.tickets_sealed += tickets.len() as u64;
                }
                Err(StoreError::Conflict { .. }) => outcome.blocks_conflicted += 1,
                Err(error) => return Err(error),
            }
        }
        Ok(outcome)
    }

    /// The tickets of `block` with their events, as a report reads them.
    fn block_tickets(&self, block: u64) -> Result<Vec<(ReportTicket, Vec<ReportEvent>)>> {
        let (first, end) = (block * BLOCK_TICKETS, (block + 1) * BLOCK_TICKETS);
        let mut tickets = Vec::new();
        self.visit_hot_range_as::<ReportTicket, ReportEvent>(first, Some(end), &mut |ticket, events| {
            tickets.push((ticket, events));
            Ok(())
        })?;
        Ok(tickets)
    }

    /// Tickets and digests for the report: every ticket once, from a sealed digest where
    /// its block has one, else from its records. `start` and `visit` as in
    /// [`Store::for_each_ticket_as`]; on an embedded home this is that.
    pub fn for_each_report_ticket<S: Send>(
        &self,
        threads: usize,
        mut start: impl FnMut() -> S,
        visit: impl Fn(&mut S, ReportTicket, Vec<ReportEvent>) -> Result<()> + Sync,
    ) -> Result<Vec<S>> {
        if !self.is_shared() {
            return self.for_each_ticket_as(threads, start, visit);
        }
        let sealed = self.txn().digest_blocks()?;
        // Ticket by ticket, in runs of ids between sealed blocks.
        let mut hot = start();
        let mut from = 0u64;
        for &block in sealed.iter().chain(std::iter::once(&u64::MAX)) {
            let end = block.saturating_mul(BLOCK_TICKETS);
            if from < end {
                let end = (block != u64::MAX).then_some(end);
                self.visit_hot_range_as::<ReportTicket, ReportEvent>(from, end, &mut |ticket, events| {
                    visit(&mut hot, ticket, events)
                })?;
            }
            from = block.saturating_add(1).saturating_mul(BLOCK_TICKETS);
        }
        let mut states = vec![hot];
        if sealed.is_empty() {
            return Ok(states);
        }
        // The digests: fetched a page at a time on this thread (one connection), decoded
        // and visited on worker threads meanwhile.
        const PAGE: usize = 16;
        let workers = threads.clamp(1, sealed.len());
        let visit = &visit;
        let shares: Vec<(S, Vec<u64>)> = (0..workers).map(|_| (start(), Vec::new())).collect();
        let (pages_tx, pages_rx) = std::sync::mpsc::sync_channel::<Vec<(Vec<u8>, Vec<u8>)>>(workers * 2);
        let pages_rx = std::sync::Mutex::new(pages_rx);
        let results: Vec<Result<(S, Vec<u64>)>> = std::thread::scope(|scope| {
            let handles: Vec<_> = shares
                .into_iter()
                .map(|(mut state, mut unreadable)| {
                    let pages_rx = &pages_rx;
                    scope.spawn(move || {
                        loop {
                            let page = match pages_rx.lock().map(|rx| rx.recv()) {
                                Ok(Ok(page)) => page,
                                _ => break,
                            };
                            for (key, value) in page {
                                if readable(&value) {
                                    decode_block(&key, &value, |ticket, events| {
                                        visit(&mut state, ticket, events)
                                    })?;
                                } else {
                                    unreadable.extend(block_of_key(&key));
                                }
                            }
                        }
                        Ok((state, unreadable))
                    })
                })
                .collect();
            let fetched = (|| -> Result<()> {
                let mut from = DIGEST_PREFIX.to_vec();
                loop {
                    let page = self.kv.scan_range_limited(&from, b"g0", PAGE)?;
                    let Some((last, _)) = page.last() else {
                        return Ok(());
                    };
                    from = [last.as_slice(), &[0]].concat();
                    let full = page.len() == PAGE;
                    if pages_tx.send(page).is_err() || !full {
                        return Ok(());
                    }
                }
            })();
            drop(pages_tx);
            let mut results: Vec<Result<(S, Vec<u64>)>> = handles
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
                .collect();
            if let Err(error) = fetched {
                results.push(Err(error));
            }
            results
        });
        let mut unreadable = Vec::new();
        for result in results {
            let (state, blocks) = result?;
            states.push(state);
            unreadable.extend(blocks);
        }
        // Digests of another version (sealed by an other desk): their tickets one by one.
        for block in unreadable {
            let state = &mut states[0];
            self.visit_hot_range_as::<ReportTicket, ReportEvent>(
                block * BLOCK_TICKETS,
                Some((block + 1) * BLOCK_TICKETS),
                &mut |ticket, events| visit(state, ticket, events),
            )?;
        }
        Ok(states)
    }

    /// Sealed blocks whose digest does not say what their tickets say (for `desk doctor`,
    /// which repairs them by removing the digest: reports then read those tickets one by
    /// one until `desk archive` seals them again), with why.
    pub(super) fn stale_digests(&self) -> Result<Vec<(u64, String)>> {
        let mut stale = Vec::new();
        let txn = self.txn();
        for (key, value) in txn.scan_raw(DIGEST_PREFIX)? {
            let Some(block) = block_of_key(&key) else {
                stale.push((
                    0,
                    format!("has a malformed key {}", String::from_utf8_lossy(&key)),
                ));
                continue;
            };
            if !readable(&value) {
                continue;
            }
            let mut sealed = Vec::new();
            if let Err(error) = decode_block(&key, &value, |ticket, events| {
                sealed.push((ticket, events));
                Ok(())
            }) {
                stale.push((block, format!("does not decode: {error}")));
                continue;
            }
            let actual = self.block_tickets(block)?;
            if sealed != actual {
                let ids = |list: &[(ReportTicket, Vec<ReportEvent>)]| {
                    list.iter().map(|(t, e)| (t.id, e.len())).collect::<Vec<_>>()
                };
                let differing = sealed
                    .iter()
                    .zip(&actual)
                    .find(|(a, b)| a != b)
                    .map(|(a, _)| a.0.id)
                    .or_else(|| (ids(&sealed) != ids(&actual)).then_some(block * BLOCK_TICKETS));
                stale.push((
                    block,
                    match differing {
                        Some(id) => format!("is out of date (ticket {id} differs)"),
                        None => "is out of date".to_string(),
                    },
                ));
            }
        }
        Ok(stale)
    }

    /// How much of the history the digests hold: (blocks, tickets).
    pub fn digest_figures(&self) -> Result<(u64, u64)> {
        let txn = self.txn();
        let mut blocks = 0;
        let mut tickets = 0;
        for (key, value) in txn.scan_raw(DIGEST_PREFIX)? {
            if readable(&value) {
                blocks += 1;
                decode_block(&key, &value, |_, _| {
                    tickets += 1;
                    Ok(())
                })?;
            }
        }
        Ok((blocks, tickets))
    }
}

/// When a ticket last closed, from its history.
fn closed_at(events: &[ReportEvent]) -> Option<DateTime<Utc>> {
    events
        .iter()
        .filter(|e| e.to_status == Some(Status::Closed))
        .map(|e| e.at)
        .max()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(minute: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 2, 9, minute, 0).unwrap()
    }

    fn ticket(id: u64, requester: &str) -> (ReportTicket, Vec<ReportEvent>) {
        let event = |seq: u32, kind: EventKind, minute: u32| ReportEvent {
            seq,
            kind,
            at: at(minute),
            to_status: None,
            assignee: None,
            role: None,
            score: None,
            milestone: None,
            kb: None,
            priority: None,
        };
        let mut closed = event(3, EventKind::Closed, 30);
        closed.to_status = Some(Status::Closed);
        let mut replied = event(2, EventKind::Replied, 20);
        replied.role = Some(ReplySide::Handler);
        replied.assignee = Some("bob".into());
        let mut rated = event(4, EventKind::Rated, 40);
        rated.score = Some(5);
        rated.kb = Some(7);
        rated.milestone = Some("resolution".into());
        rated.priority = Some(Priority::Low);
        (
            ReportTicket {
                id,
                ticket_type: "incident".into(),
                status: Status::Closed,
                priority: Priority::High,
                requester: requester.into(),
                assignee: Some("bob".into()),
                created_at: at(1),
                sla_policy: Some("standard".into()),
                channel: None,
                tags: vec!["vpn".into(), "发票".into()],
                department: Some("network".into()),
            },
            vec![event(1, EventKind::Created, 1), replied, closed, rated],
        )
    }

    #[test]
    fn a_block_reads_back_what_was_sealed() {
        let tickets = vec![ticket(1024, "carol"), ticket(1025, "dave"), ticket(2047, "carol")];
        let bytes = encode_block(&tickets).unwrap();
        assert!(readable(&bytes));
        let mut read = Vec::new();
        decode_block(&digest_key(1), &bytes, |t, events| {
            read.push((t, events));
            Ok(())
        })
        .unwrap();
        assert_eq!(read, tickets);
        // Names are stored once: three tickets cost less than three times one.
        let one = encode_block(&tickets[..1]).unwrap().len();
        assert!(bytes.len() < 3 * one, "{} vs {one}", bytes.len());
    }

    #[test]
    fn blocks_are_ranges_of_ids_and_other_versions_are_not_read() {
        assert_eq!((block_of(0), block_of(1023), block_of(1024)), (0, 0, 1));
        assert_eq!(block_of_key(&digest_key(42)), Some(42));
        let mut bytes = encode_block(&[ticket(1, "carol")]).unwrap();
        bytes[0] = FORMAT + 1;
        assert!(!readable(&bytes));
        assert!(decode_block(&digest_key(0), &[FORMAT, 0xff, 0xff], |_, _| Ok(())).is_err());
    }
}
