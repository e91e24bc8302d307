//! `desk doctor`: check everything derived against what it is derived from, and rebuild
//! what can be rebuilt.
//!
//! The records are the truth: tickets (`t/`), their events (`e/`), notification messages
//! (`n/`) and the archive's frames. Derived and checked against them:
//!
//! - the ticket indexes (status, assignee, type, requester, close time, SLA attention with
//!   the entry each keeps), the dedup index, mail threading (`i/m/`, `i/M/`, `i/f/`), the
//!   outbox (`o/` entries must name an event that exists), the message indexes
//!   (`i/n/`, `i/N/`, `i/D/`), the next ticket id, and routing's per-agent daily counters
//!   (`st/`, recomputed by replaying every history, hot and archived);
//! - every event chain: sequence numbers 0, 1, 2… with nothing missing, the ticket's event
//!   count, and replaying the moves gives the stored state and assignee;
//! - the archive: every frame's checksum and JSON, the manifest's frame counts, every
//!   location pointing at a frame of its ticket, restore markers, a ticket never live both
//!   hot and archived, and no leftover segment files;
//! - the schema version.
//!
//! [`Store::diagnose`] finds problems and, for each repairable one, the writes that fix it;
//! [`Store::repair`] applies them (in bounded commits, under the store's lock). Event chains
//! and damaged frames are records, not derived data: reported, never rewritten.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs;
use std::path::PathBuf;

use chrono::NaiveDate;
use serde::Serialize;

use super::cold::{self, ArchivedTicket, PURGED_SEGMENT};
use super::digest;
use super::retention::raw_location;
use super::{decode, encode, keys, Result, SlaEntry, Store, Txn, Write, SCHEMA_VERSION};
use crate::domain::event::ReplySide;
use crate::domain::notify::Message;
use crate::domain::routing::{stats_deltas, AgentDayStats};
use crate::domain::{Event, EventKind, Status, Ticket};

/// One problem found, in one line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Problem {
    /// What part of the store: `schema`, `index`, `dedup`, `mail`, `outbox`, `messages`,
    /// `events`, `archive`, `counter`, `digests`.
    pub area: &'static str,
    pub message: String,
    /// Whether `desk doctor --repair` fixes it.
    pub repairable: bool,
}

/// What a check found, and how to fix the repairable part.
#[derive(Debug, Default)]
pub struct Diagnosis {
    pub problems: Vec<Problem>,
    /// Hot-store writes that fix the repairable problems.
    fixes: BTreeMap<Vec<u8>, Option<Vec<u8>>>,
    /// Leftover files to delete.
    leftover_files: Vec<PathBuf>,
    /// Location-table entries to rewrite: (ticket id, raw location).
    location_fixes: Vec<(u64, u64)>,
    pub tickets_hot: u64,
    pub tickets_archived: u64,
    pub frames: u64,
}

impl Diagnosis {
    fn problem(&mut self, area: &'static str, message: String) {
        self.problems.push(Problem {
            area,
            message,
            repairable: false,
        });
    }

    fn fix(&mut self, area: &'static str, message: String, key: Vec<u8>, value: Option<Vec<u8>>) {
        self.problems.push(Problem {
            area,
            message,
            repairable: true,
        });
        self.fixes.insert(key, value);
    }

    pub fn is_healthy(&self) -> bool {
        self.problems.is_empty()
    }
}

fn name(key: &[u8]) -> String {
    String::from_utf8_lossy(key).replace('\0', "\\0")
}

fn id_value(bytes: &[u8]) -> Option<u64> {
    <[u8; 8]>::try_from(bytes).ok().map(u64::from_be_bytes)
}

/// Check one history: sequence numbers from 0 without gaps, the event count, and that
/// replaying the moves gives the stored state and assignee.
fn check_chain(ticket: &Ticket, events: &[Event]) -> Vec<String> {
    let id = ticket.display_id();
    let mut problems = Vec::new();
    for (expected, event) in events.iter().enumerate() {
        if event.seq as usize != expected {
            problems.push(format!(
                "{id}: event {expected} has sequence number {} (the chain has a gap or a duplicate)",
                event.seq
            ));
            return problems;
        }
    }
    if events.first().map(|e| e.kind) != Some(EventKind::Created) {
        problems.push(format!("{id}: history does not start with `created`"));
        return problems;
    }
    if ticket.event_count as usize != events.len() {
        problems.push(format!(
            "{id}: the ticket's event count is {}, the length of its history {}",
            ticket.event_count,
            events.len()
        ));
    }
    let mut status: Option<Status> = None;
    let mut assignee: Option<String> = None;
    for event in events {
        if let (Some(from), Some(current)) = (event.from_status, status) {
            if from != current {
                problems.push(format!(
                    "{id}: event {} ({}) moves from {from}, but the ticket was {current}",
                    event.seq, event.kind
                ));
            }
        }
        if let Some(to) = event.to_status {
            status = Some(to);
        }
        match event.kind {
            EventKind::Claimed | EventKind::Assigned | EventKind::Transferred | EventKind::Unassigned => {
                assignee = event.assignee.clone()
            }
            _ => {
                if event.assignee.is_some() {
                    assignee = event.assignee.clone();
                }
            }
        }
    }
    if status != Some(ticket.status) {
        problems.push(format!(
            "{id}: replaying its history gives state {}, the ticket says {}",
            status.map_or("none".to_string(), |s| s.to_string()),
            ticket.status
        ));
    }
    if assignee != ticket.assignee {
        problems.push(format!(
            "{id}: replaying its history gives assignee {}, the ticket says {}",
            assignee.as_deref().unwrap_or("none"),
            ticket.assignee.as_deref().unwrap_or("none")
        ));
    }
    problems
}

/// Routing's per-agent, per-day counters as the moves in one history add them up: the
/// ticket's state is replayed event by event (only what [`stats_deltas`] reads) and each
/// step's deltas summed, exactly as the commands apply them.
pub(super) fn replay_counters(
    ticket: &Ticket,
    events: &[Event],
    into: &mut BTreeMap<(String, NaiveDate), AgentDayStats>,
) {
    let mut state = Ticket {
        body: String::new(),
        fields: Default::default(),
        attachments: Vec::new(),
        sla_clocks: Vec::new(),
        tags: Vec::new(),
        watchers: Vec::new(),
        links: Vec::new(),
        merged_into: None,
        merged_dedup_keys: Vec::new(),
        department: None,
        status: Status::Unclaimed,
        assignee: None,
        assigned_at: None,
        handler_replies: 0,
        closed_at: None,
        rating: None,
        ..ticket.clone()
    };
    for event in events {
        let before = state.clone();
        if let Some(to) = event.to_status {
            state.status = to;
        }
        let assignee = match event.kind {
            EventKind::Claimed | EventKind::Assigned | EventKind::Transferred | EventKind::Unassigned => {
                event.assignee.clone()
            }
            _ => event.assignee.clone().or_else(|| state.assignee.clone()),
        };
        if assignee != state.assignee {
            state.assigned_at = assignee.as_ref().map(|_| event.at);
            state.assignee = assignee;
        }
        match event.kind {
            EventKind::Replied if event.role == Some(ReplySide::Handler) => state.handler_replies += 1,
            EventKind::Reopened => state.closed_at = None,
            EventKind::Rated => state.rating = event.score.or(state.rating),
            _ => {}
        }
        if event.to_status == Some(Status::Closed) {
            state.closed_at = Some(event.at);
        }
        for delta in stats_deltas(&before, &state, event) {
            into.entry((delta.agent, delta.day))
                .or_default()
                .add(&delta.change);
        }
    }
}

impl Store {
    /// Check the whole store (hot and archived); `progress` is told (done, total) tickets.
    pub fn diagnose(&self, progress: &dyn Fn(u64, u64)) -> Result<Diagnosis> {
        let mut diagnosis = Diagnosis::default();
        let txn = self.txn();
        match txn.schema_version()? {
            Some(SCHEMA_VERSION) => {}
            found => diagnosis.problem(
                "schema",
                format!(
                    "schema version is {}, this desk writes {SCHEMA_VERSION}",
                    found.map_or("missing".to_string(), |v| v.to_string())
                ),
            ),
        }
        let manifest = txn.cold_manifest()?;
        let total =
            manifest.records() + self.kv.scan_prefix_keys(keys::TICKET_PREFIX, usize::MAX)?.len() as u64;
        let mut done = 0u64;

        // --- hot tickets and their histories ---
        let mut hot: BTreeMap<u64, Ticket> = BTreeMap::new();
        let mut counters: BTreeMap<(String, NaiveDate), AgentDayStats> = BTreeMap::new();
        let mut expected: BTreeMap<Vec<u8>, Vec<u8>> = BTreeMap::new();
        let mut event_seqs: HashMap<u64, BTreeSet<u32>> = HashMap::new();
        for (key, value) in self.kv.scan_prefix(keys::TICKET_PREFIX)? {
            let ticket: Ticket = match decode(&key, &value) {
                Ok(ticket) => ticket,
                Err(error) => {
                    diagnosis.problem("events", format!("{error}"));
                    continue;
                }
            };
            if keys::ticket(ticket.id) != key {
                diagnosis.problem(
                    "events",
                    format!("record {} holds ticket {}", name(&key), ticket.id),
                );
            }
            let events = match txn.events(ticket.id) {
                Ok(events) => events,
                Err(error) => {
                    diagnosis.problem("events", format!("{}: {error}", ticket.display_id()));
                    Vec::new()
                }
            };
            for problem in check_chain(&ticket, &events) {
                diagnosis.problem("events", problem);
            }
            event_seqs.insert(ticket.id, events.iter().map(|e| e.seq).collect());
            replay_counters(&ticket, &events, &mut counters);
            for entry in Txn::index_entries(&ticket) {
                let value = if entry.starts_with(keys::SLA_ATTENTION_PREFIX) {
                    encode(&SlaEntry::of(&ticket))
                } else {
                    Vec::new()
                };
                expected.insert(entry, value);
            }
            hot.insert(ticket.id, ticket);
            done += 1;
            progress(done, total);
        }
        diagnosis.tickets_hot = hot.len() as u64;
        // Events without a ticket.
        let mut orphan_events = BTreeSet::new();
        for key in self.kv.scan_prefix_keys(b"e/", usize::MAX)? {
            if key.len() == 2 + 12 {
                let id = u64::from_be_bytes(key[2..10].try_into().expect("8 bytes"));
                if !hot.contains_key(&id) && orphan_events.insert(id) {
                    diagnosis.problem(
                        "events",
                        format!("events of ticket {id} are in the hot store without the ticket"),
                    );
                }
            }
        }

        // --- ticket indexes ---
        let labels: [(&[u8], &str); 9] = [
            (b"i/s/", "status"),
            (b"i/a/", "assignee"),
            (b"i/t/", "type"),
            (b"i/r/", "requester"),
            (b"i/g/", "tag"),
            (b"i/W/", "watcher"),
            (b"i/D/", "department"),
            (keys::CLOSED_PREFIX, "close-time"),
            (keys::SLA_ATTENTION_PREFIX, "SLA attention"),
        ];
        for (prefix, label) in labels {
            let actual: BTreeMap<Vec<u8>, Vec<u8>> = self.kv.scan_prefix(prefix)?.into_iter().collect();
            for (key, value) in expected
                .range(prefix.to_vec()..)
                .take_while(|(k, _)| k.starts_with(prefix))
            {
                let id = keys::trailing_id(key)?;
                match actual.get(key) {
                    None => diagnosis.fix(
                        "index",
                        format!("{label} index entry for {} is missing", hot[&id].display_id()),
                        key.clone(),
                        Some(value.clone()),
                    ),
                    // An SLA entry written before entries carried their listing is empty: fine.
                    Some(stored) if stored != value && !stored.is_empty() => diagnosis.fix(
                        "index",
                        format!(
                            "{label} index entry for {} disagrees with the ticket",
                            hot[&id].display_id()
                        ),
                        key.clone(),
                        Some(value.clone()),
                    ),
                    Some(_) => {}
                }
            }
            for key in actual.keys() {
                if !expected.contains_key(key) {
                    let id = keys::trailing_id(key).map_or("?".to_string(), |id| id.to_string());
                    diagnosis.fix(
                        "index",
                        format!(
                            "{label} index entry {} (ticket {id}) matches no ticket",
                            name(key)
                        ),
                        key.clone(),
                        None,
                    );
                }
            }
        }

        // --- dedup ---
        let mut holders: BTreeMap<&str, Vec<u64>> = BTreeMap::new();
        for ticket in hot.values().filter(|t| t.status.is_open()) {
            for key in ticket.dedup_keys() {
                holders.entry(key.as_str()).or_default().push(ticket.id);
            }
        }
        let stored_dedup: BTreeMap<Vec<u8>, Vec<u8>> = self.kv.scan_prefix(b"i/d/")?.into_iter().collect();
        for (key, value) in &stored_dedup {
            let dedup_key = String::from_utf8_lossy(&key[4..]).to_string();
            let valid = id_value(value).is_some_and(|id| {
                hot.get(&id)
                    .is_some_and(|t| t.status.is_open() && t.dedup_keys().any(|k| *k == dedup_key))
            });
            if !valid {
                let fix = holders
                    .get(dedup_key.as_str())
                    .map(|ids| ids[0].to_be_bytes().to_vec());
                diagnosis.fix(
                    "dedup",
                    format!("dedup key `{dedup_key}` points at no open ticket holding it"),
                    key.clone(),
                    fix,
                );
            }
        }
        for (dedup_key, ids) in &holders {
            let key = keys::dedup(dedup_key);
            if !stored_dedup.contains_key(&key) {
                diagnosis.fix(
                    "dedup",
                    format!("dedup key `{dedup_key}` of open ticket {} is not indexed", ids[0]),
                    key,
                    Some(ids[0].to_be_bytes().to_vec()),
                );
            }
        }

        // --- mail threading ---
        let by_message: BTreeMap<Vec<u8>, Vec<u8>> = self.kv.scan_prefix(b"i/m/")?.into_iter().collect();
        let by_ticket: BTreeSet<Vec<u8>> = self
            .kv
            .scan_prefix_keys(b"i/M/", usize::MAX)?
            .into_iter()
            .collect();
        for (key, value) in &by_message {
            let message_id = String::from_utf8_lossy(&key[4..]).to_string();
            match id_value(value) {
                Some(id) if hot.contains_key(&id) => {
                    let mirror = keys::ticket_message_id(id, &message_id);
                    if !by_ticket.contains(&mirror) {
                        diagnosis.fix(
                            "mail",
                            format!(
                                "message-id <{message_id}> of ticket {id} is missing from the ticket's list"
                            ),
                            mirror,
                            Some(Vec::new()),
                        );
                    }
                }
                _ => diagnosis.fix(
                    "mail",
                    format!("message-id <{message_id}> points at no ticket in the hot store"),
                    key.clone(),
                    None,
                ),
            }
        }
        for key in &by_ticket {
            let id = key.get(4..12).and_then(id_value);
            let message_id = keys::message_id_in(key).unwrap_or_default().to_string();
            match id {
                Some(id) if hot.contains_key(&id) => {
                    let forward = keys::message_id(&message_id);
                    if !by_message.contains_key(&forward) {
                        diagnosis.fix(
                            "mail",
                            format!("message-id <{message_id}> of ticket {id} is not indexed"),
                            forward,
                            Some(id.to_be_bytes().to_vec()),
                        );
                    }
                }
                _ => diagnosis.fix(
                    "mail",
                    format!(
                        "message-id list entry {} names no ticket in the hot store",
                        name(key)
                    ),
                    key.clone(),
                    None,
                ),
            }
        }
        for key in self.kv.scan_prefix_keys(b"i/f/", usize::MAX)? {
            let closed = keys::trailing_id(&key)?;
            if !hot.contains_key(&closed) {
                diagnosis.fix(
                    "mail",
                    format!("follow-up link of ticket {closed}, which is not in the hot store"),
                    key,
                    None,
                );
            }
        }

        // --- the archive ---
        let restored = txn.restored_ids()?;
        let locations = self.cold.locations_or_empty()?;
        let notify_enabled = txn.notifications_enabled()?;
        let mut frames_of: HashMap<u64, Vec<u64>> = HashMap::new();
        // Frames that could not be read: reported once, and locations pointing at them are
        // left alone (the frame may still be recovered from a backup).
        let mut damaged: BTreeSet<u64> = BTreeSet::new();
        let mut live_cold: HashMap<u64, u32> = HashMap::new();
        let mut last_id_seen = hot.keys().next_back().copied().unwrap_or(0);
        let mut manifest_fixed = manifest.clone();
        for info in &manifest.segments {
            let path = self.cold.segment_path(info.id);
            match fs::metadata(&path) {
                Err(error) => {
                    diagnosis.problem(
                        "archive",
                        format!("segment {} is unreadable: {error}", path.display()),
                    );
                    continue;
                }
                Ok(meta) if meta.len() < info.committed_len => {
                    diagnosis.problem(
                        "archive",
                        format!(
                            "segment {} has {} bytes, the manifest commits {}",
                            path.display(),
                            meta.len(),
                            info.committed_len
                        ),
                    );
                    continue;
                }
                Ok(_) => {}
            }
            let mut frames = 0u64;
            let result = self.cold.frames(info, |offset, crc, payload| {
                frames += 1;
                if crc32fast::hash(payload) != crc {
                    damaged.insert(cold::encode_location(info.id, offset));
                    diagnosis.problem(
                        "archive",
                        format!("checksum mismatch in {} at offset {offset}", path.display()),
                    );
                    return Ok(());
                }
                let record: ArchivedTicket = match serde_json::from_slice(payload) {
                    Ok(record) => record,
                    Err(error) => {
                        diagnosis.problem(
                            "archive",
                            format!(
                                "undecodable frame in {} at offset {offset}: {error}",
                                path.display()
                            ),
                        );
                        return Ok(());
                    }
                };
                let id = record.ticket.id;
                last_id_seen = last_id_seen.max(id);
                let location = cold::encode_location(info.id, offset);
                frames_of.entry(id).or_default().push(location);
                if raw_location(&locations, id) == location {
                    if !restored.contains(&id) {
                        for problem in check_chain(&record.ticket, &record.events) {
                            diagnosis.problem("events", format!("archived {problem}"));
                        }
                        if record.ticket.status != Status::Closed {
                            diagnosis.problem(
                                "archive",
                                format!(
                                    "archived {} is {}, not closed",
                                    record.ticket.display_id(),
                                    record.ticket.status
                                ),
                            );
                        }
                        live_cold.insert(id, record.events.len() as u32);
                        replay_counters(&record.ticket, &record.events, &mut counters);
                    }
                    done += 1;
                    progress(done, total);
                }
                Ok(())
            });
            if let Err(error) = result {
                diagnosis.problem("archive", error.to_string());
            }
            diagnosis.frames += frames;
            if frames != info.records {
                if let Some(fixed) = manifest_fixed.segments.iter_mut().find(|s| s.id == info.id) {
                    fixed.records = frames;
                }
            }
        }
        if manifest_fixed != manifest {
            diagnosis.fix(
                "archive",
                "the manifest's frame counts disagree with the segments".to_string(),
                keys::COLD_MANIFEST.to_vec(),
                Some(encode(&manifest_fixed)),
            );
        }
        diagnosis.tickets_archived = live_cold.len() as u64;
        let in_manifest: BTreeSet<u32> = manifest.segments.iter().map(|s| s.id).collect();
        let mut location_fixes = Vec::new();
        for (id, chunk) in locations.chunks_exact(8).enumerate() {
            let id = id as u64;
            let raw = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
            match cold::decode_location(raw) {
                None | Some((PURGED_SEGMENT, _)) => continue,
                Some((segment, offset)) => {
                    let points_at_frame = frames_of.get(&id).is_some_and(|f| f.contains(&raw));
                    if points_at_frame || damaged.contains(&raw) {
                        continue;
                    }
                    if !in_manifest.contains(&segment) && hot.contains_key(&id) {
                        // Left by an archiving run that never committed: the ticket is hot.
                        continue;
                    }
                    let repoint = frames_of.get(&id).and_then(|f| f.last().copied());
                    diagnosis.problems.push(Problem {
                        area: "archive",
                        message: format!(
                            "location of ticket {id} points at segment {segment} offset {offset}, where its frame is not"
                        ),
                        repairable: true,
                    });
                    location_fixes.push((id, repoint.unwrap_or(0)));
                }
            }
        }
        for (id, frames) in &frames_of {
            if raw_location(&locations, *id) == 0 && !hot.contains_key(id) {
                diagnosis.problems.push(Problem {
                    area: "archive",
                    message: format!("ticket {id} is in the archive but its location is not recorded"),
                    repairable: true,
                });
                location_fixes.push((*id, *frames.last().expect("at least one frame")));
            }
        }
        for id in &restored {
            if !hot.contains_key(id) {
                diagnosis.fix(
                    "archive",
                    format!(
                        "ticket {id} is marked as brought back from the archive but is not in the hot store"
                    ),
                    keys::restored(*id),
                    None,
                );
            }
        }
        for id in hot.keys() {
            if live_cold.contains_key(id) {
                diagnosis.fix(
                    "archive",
                    format!("ticket {id} is both in the hot store and live in the archive"),
                    keys::restored(*id),
                    Some(Vec::new()),
                );
            }
        }
        for segment in self.cold.segment_files()? {
            if !in_manifest.contains(&segment) {
                let path = self.cold.segment_path(segment);
                diagnosis.problems.push(Problem {
                    area: "archive",
                    message: format!("leftover file {} is not in the manifest", path.display()),
                    repairable: true,
                });
                diagnosis.leftover_files.push(path);
            }
        }
        diagnosis.location_fixes = location_fixes;
        if txn.last_ticket_id()? < last_id_seen {
            diagnosis.fix(
                "counter",
                format!(
                    "next ticket id {} would reuse ticket {last_id_seen}'s id",
                    txn.last_ticket_id()? + 1
                ),
                keys::NEXT_ID.to_vec(),
                Some((last_id_seen + 1).to_be_bytes().to_vec()),
            );
        }

        // --- routing counters ---
        // A damaged history cannot say what the counters should be: then they are left
        // alone (the damage is reported above) rather than "repaired" to match it.
        let histories_intact = !diagnosis.problems.iter().any(|p| p.area == "events");
        let mut stored: BTreeMap<Vec<u8>, Vec<u8>> = self.kv.scan_prefix(b"st/")?.into_iter().collect();
        if !histories_intact {
            stored.clear();
            counters.clear();
        }
        for ((agent, day), expected) in counters.iter().filter(|(_, stats)| !stats.is_zero()) {
            let key = super::routing::stats_key(agent, *day);
            let found: Option<AgentDayStats> =
                stored.remove(&key).and_then(|bytes| decode(&key, &bytes).ok());
            if found.as_ref() != Some(expected) {
                diagnosis.fix(
                    "counter",
                    format!(
                        "routing counters of {agent} on {day} disagree with the tickets' histories (stored {}, recomputed {})",
                        found.map_or("none".to_string(), |f| serde_json::to_string(&f).unwrap_or_default()),
                        serde_json::to_string(expected).unwrap_or_default()
                    ),
                    key,
                    Some(encode(expected)),
                );
            }
        }
        for key in stored.into_keys() {
            let day = super::routing::stats_day(&key).map_or("?".to_string(), |d| d.to_string());
            diagnosis.fix(
                "counter",
                format!(
                    "routing counters {} ({day}) match no ticket's history",
                    name(&key)
                ),
                key,
                None,
            );
        }

        // --- outbox and messages ---
        for key in self.kv.scan_prefix_keys(keys::OUTBOX_PREFIX, usize::MAX)? {
            let (id, seq) = keys::outbox_entry(&key)?;
            let exists = match event_seqs.get(&id) {
                Some(seqs) => seqs.contains(&seq),
                None => notify_enabled && live_cold.get(&id).is_some_and(|count| seq < *count),
            };
            if !exists {
                diagnosis.fix(
                    "outbox",
                    format!("outbox entry for event {seq} of ticket {id}, which does not exist"),
                    key,
                    None,
                );
            }
        }
        let mut expected_messages = BTreeSet::new();
        for (key, value) in self.kv.scan_prefix(keys::MESSAGE_PREFIX)? {
            match decode::<Message>(&key, &value) {
                Ok(message) => {
                    if let Some(index) = Txn::message_index(&message) {
                        expected_messages.insert(index);
                    }
                }
                Err(error) => diagnosis.problem("messages", error.to_string()),
            }
        }
        for prefix in [
            keys::MESSAGE_DUE_PREFIX,
            keys::MESSAGE_DELIVERED_PREFIX,
            keys::MESSAGE_DEAD_PREFIX,
        ] {
            let actual: BTreeSet<Vec<u8>> = self
                .kv
                .scan_prefix_keys(prefix, usize::MAX)?
                .into_iter()
                .collect();
            for key in expected_messages
                .range(prefix.to_vec()..)
                .take_while(|k| k.starts_with(prefix))
            {
                if !actual.contains(key) {
                    let id = keys::trailing_id(key)?;
                    diagnosis.fix(
                        "messages",
                        format!("message {id} is missing from its delivery index"),
                        key.clone(),
                        Some(Vec::new()),
                    );
                }
            }
            for key in actual.difference(&expected_messages) {
                diagnosis.fix(
                    "messages",
                    format!(
                        "delivery index entry {} matches no message in that state",
                        name(key)
                    ),
                    key.clone(),
                    None,
                );
            }
        }
        // --- a team store's report digests: each says what its tickets say ---
        for (block, why) in self.stale_digests()? {
            diagnosis.fix(
                "digests",
                format!(
                    "the report digest of tickets {}–{} {why}",
                    block * digest::BLOCK_TICKETS,
                    (block + 1) * digest::BLOCK_TICKETS - 1
                ),
                digest::digest_key(block),
                None,
            );
        }
        Ok(diagnosis)
    }

    /// Apply a diagnosis's fixes: hot-store writes in commits of at most `batch` keys, the
    /// location table, and leftover files. Returns how many problems it fixed.
    pub fn repair(&self, diagnosis: Diagnosis, batch: usize) -> Result<usize> {
        let fixed = diagnosis.problems.iter().filter(|p| p.repairable).count();
        if !diagnosis.location_fixes.is_empty() {
            self.cold.set_locations(&diagnosis.location_fixes)?;
        }
        let writes: Vec<Write> = diagnosis.fixes.into_iter().collect();
        for chunk in writes.chunks(batch.max(1)) {
            self.kv.commit(chunk.to_vec())?;
        }
        for path in diagnosis.leftover_files {
            match fs::remove_file(&path) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(super::StoreError::io(path, e)),
            }
        }
        Ok(fixed)
    }
}
