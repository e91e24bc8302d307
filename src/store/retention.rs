//! The archive's housekeeping beyond the automatic path: figures for `desk archive status`,
//! reading archived tickets for `desk ticket list --archived`, and retention: deleting
//! archived tickets past a legal age (`desk archive --purge-before`).
//!
//! Purging really deletes: the segments holding purged frames are rewritten without them
//! (compaction), crash-safely, in three steps:
//!
//! 1. every frame an affected segment keeps is copied into a new segment file with a new id,
//!    and synced; nothing refers to these files yet;
//! 2. one hot commit switches the manifest to the new segments, removes every hot-store key
//!    that refers to a purged ticket, marks each for the search index to drop (as any
//!    change is), takes the purged histories out of routing's daily
//!    counters (so they stay what the remaining histories add up to), and records a journal (`m/purge`: old and new segment
//!    ids and the purge time);
//! 3. `locations.bin` is pointed at the new frames, purged ids get the purge marker
//!    ([`cold::PURGED_SEGMENT`]), the old segment files are deleted, and a second commit drops
//!    the journal.
//!
//! A crash before the commit of step 2 leaves the old state whole (the new files are
//! unreferenced leftovers: `desk doctor` reports them, `--repair` deletes them). A crash after
//! it leaves the journal, and the next process to open the store finishes step 3 before
//! anything reads the archive ([`Store::finish_interrupted_purge`]); step 3 is idempotent.

use std::collections::{BTreeMap, BTreeSet};
use std::fs::{self, File};
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::Path;

use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::cold::{
    self, ArchivedTicket, ColdArchive, ColdManifest, SegmentInfo, FRAME_HEADER, PURGED_SEGMENT,
};
use super::{decode, encode, keys, Result, Store, StoreError, TicketRow};
use crate::domain::routing::{AgentDayStats, StatsDelta};
use crate::domain::{Status, Ticket};

/// The journal of a purge between its switch commit and its finish (see the module doc).
pub const PURGE_JOURNAL: &[u8] = b"m/purge";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PurgeJournal {
    pub at: DateTime<Utc>,
    /// Segments the switch removed from the manifest; their files go in step 3.
    pub old_segments: Vec<u32>,
    /// Segments the switch added; `locations.bin` is pointed at their frames in step 3.
    pub new_segments: Vec<u32>,
}

/// What `desk archive status` shows.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ArchiveStatus {
    pub hot: HotStatus,
    pub cold: ColdStatus,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct HotStatus {
    /// Tickets in the hot store (open and recently closed).
    pub tickets: u64,
    /// Per state, every state listed.
    pub by_status: BTreeMap<String, u64>,
    /// Closed tickets already past the archive age, waiting for the automatic archiver.
    pub awaiting_archive: u64,
    /// Bytes of the sled database's files on disk.
    pub bytes_on_disk: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ColdStatus {
    /// Tickets whose live copy is in the archive.
    pub tickets: u64,
    /// Archived tickets brought back to the hot store (their archived copy is stale).
    pub restored: u64,
    /// Tickets deleted by retention.
    pub purged: u64,
    pub segments: u64,
    /// Frames in the segments, superseded copies included.
    pub frames: u64,
    /// Committed bytes of the segments.
    pub bytes: u64,
    /// Bytes of `locations.bin`.
    pub locations_bytes: u64,
}

/// What a purge did.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PurgeOutcome {
    pub purged: u64,
    pub segments_rewritten: u64,
    pub bytes_before: u64,
    pub bytes_after: u64,
}

/// The part of a frame a pass needs, decoded without building the rest.
#[derive(Deserialize)]
struct Head<T> {
    ticket: T,
}

#[derive(Deserialize)]
struct IdAndClose {
    id: u64,
    #[serde(default)]
    closed_at: Option<DateTime<Utc>>,
}

/// Anything decoded from an archived ticket that knows its id.
pub trait ArchivedItem: DeserializeOwned + Send {
    fn id(&self) -> u64;
}

impl ArchivedItem for Ticket {
    fn id(&self) -> u64 {
        self.id
    }
}

impl ArchivedItem for TicketRow {
    fn id(&self) -> u64 {
        self.id
    }
}

impl ArchivedItem for IdAndClose {
    fn id(&self) -> u64 {
        self.id
    }
}

/// How every frame's JSON starts (`ArchivedTicket` serializes its ticket first).
const FRAME_PREFIX: &[u8] = b"{\"ticket\":";

/// Decode only the ticket of a frame (as `T`), not its history: the ticket object is read
/// from right after [`FRAME_PREFIX`] and parsing stops at its end, so the events (most of
/// the bytes) are never parsed. A frame written some other way is decoded whole.
fn decode_ticket<T: DeserializeOwned>(path: &Path, offset: u64, payload: &[u8]) -> Result<T> {
    let undecodable = |e: serde_json::Error| {
        StoreError::Corrupt(format!(
            "undecodable frame in {} at offset {offset}: {e}",
            path.display()
        ))
    };
    match payload.strip_prefix(FRAME_PREFIX) {
        Some(rest) => serde_json::Deserializer::from_slice(rest)
            .into_iter::<T>()
            .next()
            .unwrap_or_else(|| Err(serde::de::Error::custom("the frame holds no ticket")))
            .map_err(undecodable),
        None => serde_json::from_slice::<Head<T>>(payload)
            .map(|head| head.ticket)
            .map_err(undecodable),
    }
}

/// The raw 8-byte entry for `id` in a location table (0 when beyond its end).
pub(super) fn raw_location(locations: &[u8], id: u64) -> u64 {
    usize::try_from(id)
        .ok()
        .and_then(|i| i.checked_mul(8))
        .and_then(|start| locations.get(start..start + 8))
        .map(|raw| u64::from_le_bytes(raw.try_into().expect("8 bytes")))
        .unwrap_or(0)
}

/// The purge marker for a ticket purged at `at`.
fn purged_marker(at: DateTime<Utc>) -> u64 {
    cold::encode_location(PURGED_SEGMENT, at.timestamp().max(0) as u64)
}

/// When the location entry `raw` says its ticket was purged.
pub(super) fn purged_at(raw: u64) -> Option<DateTime<Utc>> {
    match cold::decode_location(raw) {
        Some((PURGED_SEGMENT, secs)) => DateTime::from_timestamp(secs as i64, 0),
        _ => None,
    }
}

impl ColdArchive {
    /// Visit the frames of one segment up to its committed length, in order: offset, stored
    /// checksum and payload. The checksum is not checked here (doctor reports a bad one;
    /// readers call [`cold::decode_frame`]). A frame running past the committed end is an error.
    pub(super) fn frames(
        &self,
        info: &SegmentInfo,
        mut visit: impl FnMut(u64, u32, &[u8]) -> Result<()>,
    ) -> Result<()> {
        let path = self.segment_path(info.id);
        let file = self.io(&path, File::open(&path))?;
        let mut reader = BufReader::with_capacity(1 << 20, file);
        let mut offset = 0u64;
        let mut payload = Vec::new();
        while offset + FRAME_HEADER <= info.committed_len {
            let mut header = [0u8; 8];
            self.io(&path, reader.read_exact(&mut header))?;
            let (len, crc) = cold::frame_header(&header);
            if offset + FRAME_HEADER + len as u64 > info.committed_len {
                return Err(StoreError::Corrupt(format!(
                    "frame at offset {offset} of {} runs past the committed end ({})",
                    path.display(),
                    info.committed_len
                )));
            }
            payload.resize(len as usize, 0);
            self.io(&path, reader.read_exact(&mut payload))?;
            visit(offset, crc, &payload)?;
            offset += FRAME_HEADER + len as u64;
        }
        Ok(())
    }

    /// The location table, or nothing when no ticket was ever archived.
    pub(super) fn locations_or_empty(&self) -> Result<Vec<u8>> {
        let path = self.locations_path();
        match fs::read(&path) {
            Ok(bytes) => Ok(bytes),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
            Err(e) => Err(StoreError::io(path, e)),
        }
    }

    /// When ticket `id` was purged by retention, if it was.
    pub fn purged_at(&self, id: u64) -> Result<Option<DateTime<Utc>>> {
        Ok(self.raw_location(id)?.and_then(purged_at))
    }

    /// Segment ids of every `seg-NNNNNN.dat` file in the archive directory.
    pub(super) fn segment_files(&self) -> Result<Vec<u32>> {
        let entries = match fs::read_dir(self.dir()) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(StoreError::io(self.dir(), e)),
        };
        let mut ids: Vec<u32> = entries
            .filter_map(|entry| entry.ok())
            .filter_map(|entry| {
                let name = entry.file_name().into_string().ok()?;
                name.strip_prefix("seg-")?.strip_suffix(".dat")?.parse().ok()
            })
            .collect();
        ids.sort_unstable();
        Ok(ids)
    }

    pub(super) fn sync_dir(&self) -> Result<()> {
        self.io(self.dir(), File::open(self.dir()).and_then(|d| d.sync_all()))
    }

    /// Write `entries` (id, raw location) into the location table, synced.
    pub(super) fn set_locations(&self, entries: &[(u64, u64)]) -> Result<()> {
        self.write_locations(&mut entries.to_vec())
    }
}

fn dir_size(path: &Path) -> u64 {
    let Ok(entries) = fs::read_dir(path) else {
        return 0;
    };
    entries
        .filter_map(|e| e.ok())
        .map(|entry| match entry.file_type() {
            Ok(kind) if kind.is_dir() => dir_size(&entry.path()),
            Ok(_) => entry.metadata().map(|m| m.len()).unwrap_or(0),
            Err(_) => 0,
        })
        .sum()
}

impl Store {
    /// Counts and sizes of the hot store and the archive. Reads index keys, the manifest and
    /// the location table, never a ticket.
    pub fn archive_status(&self, archive_cutoff: DateTime<Utc>) -> Result<ArchiveStatus> {
        let txn = self.txn();
        let mut hot = HotStatus::default();
        for status in Status::ALL {
            let count = self
                .kv
                .scan_prefix_keys(&keys::status_prefix(status.as_str()), usize::MAX)?
                .len() as u64;
            hot.by_status.insert(status.as_str().to_string(), count);
            hot.tickets += count;
        }
        for key in self.kv.scan_prefix_keys(keys::CLOSED_PREFIX, usize::MAX)? {
            if keys::closed_entry_time(&key)? >= archive_cutoff.timestamp_millis() {
                break;
            }
            hot.awaiting_archive += 1;
        }
        hot.bytes_on_disk = dir_size(&self.path);

        let manifest = txn.cold_manifest()?;
        let restored = txn.restored_ids()?;
        let locations = self.cold.locations_or_empty()?;
        let live_segments: BTreeSet<u32> = manifest.segments.iter().map(|s| s.id).collect();
        let mut cold = ColdStatus {
            restored: restored.len() as u64,
            segments: manifest.segments.len() as u64,
            frames: manifest.records(),
            bytes: manifest.bytes(),
            locations_bytes: locations.len() as u64,
            ..Default::default()
        };
        for (id, chunk) in locations.chunks_exact(8).enumerate() {
            let raw = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
            match cold::decode_location(raw) {
                Some((PURGED_SEGMENT, _)) => cold.purged += 1,
                Some((segment, _))
                    if live_segments.contains(&segment) && !restored.contains(&(id as u64)) =>
                {
                    cold.tickets += 1
                }
                _ => {}
            }
        }
        Ok(ArchiveStatus { hot, cold })
    }

    /// Every live archived ticket decoded as `T` (e.g. [`TicketRow`] for a listing) that
    /// `keep` accepts, reading the segments on up to `threads` threads. Restored tickets'
    /// stale copies are skipped. Unordered.
    pub fn archived<T: ArchivedItem>(
        &self,
        threads: usize,
        keep: impl Fn(&T) -> bool + Sync,
    ) -> Result<Vec<T>> {
        let txn = self.txn();
        let manifest = txn.cold_manifest()?;
        let restored = txn.restored_ids()?;
        drop(txn);
        if manifest.segments.is_empty() {
            return Ok(Vec::new());
        }
        let locations = self.cold.locations_or_empty()?;
        let threads = threads.clamp(1, manifest.segments.len());
        let cold = &self.cold;
        let (locations, restored, keep) = (&locations, &restored, &keep);
        let results: Vec<Result<Vec<T>>> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..threads)
                .map(|t| {
                    let segments: Vec<&SegmentInfo> =
                        manifest.segments.iter().skip(t).step_by(threads).collect();
                    scope.spawn(move || {
                        let mut out = Vec::new();
                        for info in segments {
                            let path = cold.segment_path(info.id);
                            cold.frames(info, |offset, crc, payload| {
                                if crc32fast::hash(payload) != crc {
                                    return Err(StoreError::Corrupt(format!(
                                        "checksum mismatch in {} at offset {offset}",
                                        path.display()
                                    )));
                                }
                                let ticket: T = decode_ticket(&path, offset, payload)?;
                                let id = ticket.id();
                                let live = raw_location(locations, id)
                                    == cold::encode_location(info.id, offset)
                                    && !restored.contains(&id);
                                if live && keep(&ticket) {
                                    out.push(ticket);
                                }
                                Ok(())
                            })?;
                        }
                        Ok(out)
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
                .collect()
        });
        let mut all = Vec::new();
        for result in results {
            all.extend(result?);
        }
        Ok(all)
    }

    /// Visit, in archive order, every live archived ticket closed before `cutoff`: what a
    /// purge with that cutoff deletes. Others are not decoded beyond their id and close time.
    pub fn purge_candidates(
        &self,
        cutoff: DateTime<Utc>,
        mut visit: impl FnMut(ArchivedTicket) -> Result<()>,
    ) -> Result<()> {
        self.scan_purge_candidates(cutoff, |_, path, offset, payload, crc| {
            visit(cold::decode_frame(path, offset, payload, crc)?)
        })
    }

    /// The ids of the tickets [`Store::purge_candidates`] visits, read without decoding
    /// their histories (to say how many a purge would delete before exporting any).
    pub fn purge_candidate_ids(&self, cutoff: DateTime<Utc>) -> Result<BTreeSet<u64>> {
        let mut ids = BTreeSet::new();
        self.scan_purge_candidates(cutoff, |id, _, _, _, _| {
            ids.insert(id);
            Ok(())
        })?;
        Ok(ids)
    }

    /// Visit every live archived frame closed before `cutoff`: id, segment path, offset,
    /// payload and stored checksum.
    fn scan_purge_candidates(
        &self,
        cutoff: DateTime<Utc>,
        mut visit: impl FnMut(u64, &Path, u64, &[u8], u32) -> Result<()>,
    ) -> Result<()> {
        let txn = self.txn();
        let manifest = txn.cold_manifest()?;
        let restored = txn.restored_ids()?;
        drop(txn);
        let locations = self.cold.locations_or_empty()?;
        for info in &manifest.segments {
            let path = self.cold.segment_path(info.id);
            self.cold.frames(info, |offset, crc, payload| {
                let head = Head {
                    ticket: decode_ticket::<IdAndClose>(&path, offset, payload)?,
                };
                let id = head.ticket.id;
                let live = raw_location(&locations, id) == cold::encode_location(info.id, offset)
                    && !restored.contains(&id);
                if live && head.ticket.closed_at.is_some_and(|at| at < cutoff) {
                    visit(id, &path, offset, payload, crc)?;
                }
                Ok(())
            })?;
        }
        Ok(())
    }

    /// Delete the archived tickets `ids` for good (see the module doc for the steps and
    /// why a crash at any point leaves the old or the new state). Ids that are not live in
    /// the archive are left alone.
    pub fn purge(&self, ids: &BTreeSet<u64>, now: DateTime<Utc>) -> Result<PurgeOutcome> {
        self.purge_with(ids, now, |_| Ok(()))
    }

    /// [`Store::purge`], calling `pause` at each step boundary (`"segments-written"`,
    /// `"switched"`); a test makes it fail there to act out a crash.
    pub(super) fn purge_with(
        &self,
        ids: &BTreeSet<u64>,
        now: DateTime<Utc>,
        mut pause: impl FnMut(&str) -> Result<()>,
    ) -> Result<PurgeOutcome> {
        self.finish_interrupted_purge()?;
        let mut txn = self.txn();
        let manifest = txn.cold_manifest()?;
        let restored = txn.restored_ids()?;
        let locations = self.cold.locations_or_empty()?;
        let mut outcome = PurgeOutcome {
            bytes_before: manifest.bytes(),
            bytes_after: manifest.bytes(),
            ..Default::default()
        };
        let mut purging = BTreeSet::new();
        let mut affected = BTreeSet::new();
        for &id in ids {
            if restored.contains(&id) {
                continue;
            }
            if let Some((segment, _)) = cold::decode_location(raw_location(&locations, id)) {
                if manifest.segment(segment).is_some() {
                    purging.insert(id);
                    affected.insert(segment);
                }
            }
        }
        if purging.is_empty() {
            return Ok(outcome);
        }

        // Step 1: copy what each affected segment keeps into a new file.
        let first_new = manifest
            .segments
            .iter()
            .map(|s| s.id)
            .chain(self.cold.segment_files()?)
            .max()
            .map_or(0, |max| max + 1);
        let mut replacements = Vec::new();
        let mut forgotten = BTreeMap::new();
        let affected_infos = manifest.segments.iter().filter(|s| affected.contains(&s.id));
        for (new_id, info) in (first_new..).zip(affected_infos) {
            let path = self.cold.segment_path(new_id);
            let file = self.cold.io(&path, File::create(&path))?;
            let mut writer = BufWriter::with_capacity(1 << 20, &file);
            let mut written = SegmentInfo {
                id: new_id,
                committed_len: 0,
                records: 0,
            };
            let old_path = self.cold.segment_path(info.id);
            self.cold.frames(info, |offset, crc, payload| {
                let head = Head {
                    ticket: decode_ticket::<IdAndClose>(&old_path, offset, payload)?,
                };
                let id = head.ticket.id;
                // Superseded copies (nothing points at them) go too; so do purged tickets.
                let pointed_at = raw_location(&locations, id) == cold::encode_location(info.id, offset);
                if pointed_at && purging.contains(&id) {
                    // What the purged history added to routing's counters goes with it.
                    let record: ArchivedTicket = cold::decode_frame(&old_path, offset, payload, crc)?;
                    super::doctor::replay_counters(&record.ticket, &record.events, &mut forgotten);
                }
                if pointed_at && !purging.contains(&id) {
                    let len = payload.len() as u32;
                    self.cold.io(&path, writer.write_all(&len.to_le_bytes()))?;
                    self.cold.io(&path, writer.write_all(&crc.to_le_bytes()))?;
                    self.cold.io(&path, writer.write_all(payload))?;
                    written.committed_len += FRAME_HEADER + payload.len() as u64;
                    written.records += 1;
                }
                Ok(())
            })?;
            self.cold.io(&path, writer.flush())?;
            drop(writer);
            self.cold.io(&path, file.sync_all())?;
            replacements.push(written);
        }
        self.cold.sync_dir()?;
        pause("segments-written")?;

        // Step 2: switch, in one hot commit.
        let mut next = ColdManifest {
            segments: manifest
                .segments
                .iter()
                .filter(|s| !affected.contains(&s.id))
                .cloned()
                .chain(replacements.iter().filter(|s| s.records > 0).cloned())
                .collect(),
        };
        next.segments.sort_by_key(|s| s.id);
        let journal = PurgeJournal {
            at: now,
            old_segments: affected.iter().copied().collect(),
            new_segments: next
                .segments
                .iter()
                .filter(|s| replacements.iter().any(|r| r.id == s.id))
                .map(|s| s.id)
                .collect(),
        };
        txn.forget_tickets(&purging)?;
        let deltas: Vec<StatsDelta> = forgotten
            .into_iter()
            .map(
                |((agent, day), stats): ((String, chrono::NaiveDate), AgentDayStats)| StatsDelta {
                    agent,
                    day,
                    change: AgentDayStats {
                        first_responses: -stats.first_responses,
                        first_response_secs: -stats.first_response_secs,
                        resolutions: -stats.resolutions,
                        resolution_secs: -stats.resolution_secs,
                        csat_count: -stats.csat_count,
                        csat_sum: -stats.csat_sum,
                    },
                },
            )
            .collect();
        txn.apply_stats_deltas(&deltas)?;
        txn.set_cold_manifest(&next);
        txn.put_raw(PURGE_JOURNAL.to_vec(), encode(&journal));
        txn.commit()?;
        // Empty replacements are referenced by nothing.
        for empty in replacements.iter().filter(|s| s.records == 0) {
            let path = self.cold.segment_path(empty.id);
            self.cold.io(&path, fs::remove_file(&path))?;
        }
        pause("switched")?;

        // Step 3.
        self.finish_purge(&journal)?;
        outcome.purged = purging.len() as u64;
        outcome.segments_rewritten = affected.len() as u64;
        outcome.bytes_after = next.bytes();
        Ok(outcome)
    }

    /// Finish a purge whose switch was committed but whose last step did not complete (a
    /// crash). Called when the store is opened; does nothing without a journal.
    pub fn finish_interrupted_purge(&self) -> Result<()> {
        let journal = match self.kv.get(PURGE_JOURNAL)? {
            Some(bytes) => decode::<PurgeJournal>(PURGE_JOURNAL, &bytes)?,
            None => return Ok(()),
        };
        self.finish_purge(&journal)
    }

    /// Step 3 of a purge: idempotent, so a crash inside it is finished by running it again.
    fn finish_purge(&self, journal: &PurgeJournal) -> Result<()> {
        let manifest = self.txn().cold_manifest()?;
        let locations = self.cold.locations_or_empty()?;
        let mut changes: Vec<(u64, u64)> = Vec::new();
        let mut repointed = BTreeSet::new();
        for &segment in &journal.new_segments {
            let info = manifest.segment(segment).ok_or_else(|| {
                StoreError::Corrupt(format!(
                    "purge journal names segment {segment}, which the manifest lacks"
                ))
            })?;
            let path = self.cold.segment_path(segment);
            self.cold.frames(info, |offset, _crc, payload| {
                let head = Head {
                    ticket: decode_ticket::<IdAndClose>(&path, offset, payload)?,
                };
                let raw = cold::encode_location(segment, offset);
                repointed.insert(head.ticket.id);
                if raw_location(&locations, head.ticket.id) != raw {
                    changes.push((head.ticket.id, raw));
                }
                Ok(())
            })?;
        }
        // What still points into an old segment was purged.
        let old: BTreeSet<u32> = journal.old_segments.iter().copied().collect();
        for (id, chunk) in locations.chunks_exact(8).enumerate() {
            let raw = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
            if let Some((segment, _)) = cold::decode_location(raw) {
                if old.contains(&segment) && !repointed.contains(&(id as u64)) {
                    changes.push((id as u64, purged_marker(journal.at)));
                }
            }
        }
        if !changes.is_empty() {
            self.cold.set_locations(&changes)?;
        }
        for &segment in &journal.old_segments {
            let path = self.cold.segment_path(segment);
            match fs::remove_file(&path) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(StoreError::io(path, e)),
            }
        }
        self.cold.sync_dir()?;
        let mut txn = self.txn();
        txn.delete_raw(PURGE_JOURNAL.to_vec());
        txn.commit()
    }
}

impl super::Txn<'_> {
    /// Remove every hot-store key that refers to the tickets `ids` (purged from the
    /// archive): any record left, mail threading, follow-up links, outbox entries,
    /// notification messages about them, and rate-limit submissions.
    fn forget_tickets(&mut self, ids: &BTreeSet<u64>) -> Result<()> {
        // One pass over each small key family of the hot store, rather than several reads
        // per purged ticket: a purge may name hundreds of thousands, the hot store holds few.
        let id_at = |key: &[u8], at: usize| {
            key.get(at..at + 8)
                .and_then(|b| <[u8; 8]>::try_from(b).ok())
                .map(u64::from_be_bytes)
        };
        // An archived ticket has no record in the hot store; one left behind goes too.
        for key in self.scan_keys(keys::TICKET_PREFIX)? {
            if let Some(ticket) = id_at(&key, 2)
                .filter(|id| ids.contains(id))
                .map(|id| self.ticket(id))
            {
                if let Some(ticket) = ticket? {
                    self.remove_ticket(&ticket)?;
                }
            }
        }
        for prefix in [keys::RESTORED_PREFIX, keys::OUTBOX_PREFIX] {
            for key in self.scan_keys(prefix)? {
                if id_at(&key, 2).is_some_and(|id| ids.contains(&id)) {
                    self.delete_raw(key);
                }
            }
        }
        for key in self.scan_keys(b"i/M/")? {
            if id_at(&key, 4).is_some_and(|id| ids.contains(&id)) {
                if let Some(message_id) = keys::message_id_in(&key) {
                    self.delete_raw(keys::message_id(message_id));
                }
                self.delete_raw(key);
            }
        }
        let points_at_purged =
            |bytes: &[u8]| <[u8; 8]>::try_from(bytes).is_ok_and(|b| ids.contains(&u64::from_be_bytes(b)));
        for (key, value) in self.scan_raw(b"i/f/")? {
            if id_at(&key, 4).is_some_and(|id| ids.contains(&id)) || points_at_purged(&value) {
                self.delete_raw(key);
            }
        }
        for prefix in [b"i/d/".as_slice(), b"i/m/".as_slice()] {
            for (key, value) in self.scan_raw(prefix)? {
                if points_at_purged(&value) {
                    self.delete_raw(key);
                }
            }
        }
        for (key, value) in self.scan_raw(keys::MESSAGE_PREFIX)? {
            let message: crate::domain::notify::Message = decode(&key, &value)?;
            if ids.contains(&message.ticket_id) {
                self.delete_message(&message);
            }
        }
        for key in self.scan_keys(b"s/")? {
            if ids.contains(&keys::trailing_id(&key)?) {
                self.delete_raw(key);
            }
        }
        // The search index catches up with these as with any change: each is found in
        // neither store, so its document is deleted from the index.
        for &id in ids {
            self.mark_search_pending(super::search_queue::SearchDoc::Ticket(id))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::time::Duration;

    use super::*;
    use crate::domain::Priority;
    use crate::domain::{Event, EventKind};
    use crate::store::conformance::{at, ticket};
    use crate::store::{sled_backend, Location};

    /// A closed ticket with a history that replays to it: created, claimed, closed.
    fn insert(store: &Store, closed: &Ticket) {
        let mut closed = closed.clone();
        closed.event_count = 3;
        let mut txn = store.txn();
        while txn.last_ticket_id().unwrap() < closed.id {
            txn.allocate_ticket_id().unwrap();
        }
        txn.put_ticket(&closed).unwrap();
        let mut created = Event::new(EventKind::Created, "carol", at(0));
        created.to_status = Some(Status::Unclaimed);
        let mut claimed = Event::new(EventKind::Claimed, "bob", at(0));
        (claimed.seq, claimed.from_status, claimed.to_status) =
            (1, Some(Status::Unclaimed), Some(Status::Pending));
        claimed.assignee = Some("bob".into());
        let mut close = Event::new(EventKind::Closed, "bob", at(1));
        (close.seq, close.from_status, close.to_status) = (2, Some(Status::Pending), Some(Status::Closed));
        // Routing's counters, as the close would have added them.
        let pending = Ticket {
            status: Status::Pending,
            closed_at: None,
            ..closed.clone()
        };
        txn.apply_stats_deltas(&crate::domain::routing::stats_deltas(&pending, &closed, &close))
            .unwrap();
        for event in [created, claimed, close] {
            txn.append_event(closed.id, &event);
        }
        txn.commit().unwrap();
    }

    fn open(dir: &Path) -> Store {
        let backend = sled_backend::open_with_retry(&dir.join("hot"), Duration::from_secs(5)).unwrap();
        Store::new(Box::new(backend), &dir.join("hot"), &dir.join("cold")).unwrap()
    }

    /// Six closed tickets archived in two segments' worth of runs (one segment); ticket 2
    /// brought back to the hot store.
    fn archived_store(dir: &Path) -> Store {
        let store = open(dir);
        for id in 1..=6 {
            let mut closed = ticket(id, Status::Closed, Priority::Normal);
            closed.title = format!("secret title {id}");
            insert(&store, &closed);
        }
        assert_eq!(
            store
                .archive_closed(at(10), Duration::from_secs(60), 100)
                .unwrap(),
            6
        );
        let (record, _) = store.find_ticket(2).unwrap().unwrap();
        let mut txn = store.txn();
        store.restore_into(&mut txn, &record).unwrap();
        txn.commit().unwrap();
        store
    }

    fn where_is(store: &Store, id: u64) -> Option<Location> {
        store.find_ticket(id).unwrap().map(|(_, location)| location)
    }

    fn archive_bytes(dir: &Path) -> Vec<u8> {
        let mut all = Vec::new();
        for entry in fs::read_dir(dir.join("cold")).unwrap() {
            all.extend(fs::read(entry.unwrap().path()).unwrap());
        }
        all
    }

    fn contains(haystack: &[u8], needle: &str) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle.as_bytes())
    }

    fn healthy(store: &Store) {
        let diagnosis = store.diagnose(&|_, _| {}).unwrap();
        assert!(diagnosis.is_healthy(), "{:#?}", diagnosis.problems);
    }

    #[test]
    fn a_frames_ticket_decodes_without_its_history() {
        let mut closed = ticket(9, Status::Closed, Priority::High);
        closed.title = "with \"quotes\" and } braces".into();
        let record = ArchivedTicket {
            events: vec![Event::new(EventKind::Created, "carol", at(0))],
            ticket: closed.clone(),
        };
        let payload = serde_json::to_vec(&record).unwrap();
        assert!(payload.starts_with(FRAME_PREFIX));
        let path = Path::new("seg");
        assert_eq!(decode_ticket::<Ticket>(path, 0, &payload).unwrap(), closed);
        let row: TicketRow = decode_ticket(path, 0, &payload).unwrap();
        assert_eq!((row.id, row.title.as_str()), (9, closed.title.as_str()));
        // Written some other way (history first): decoded whole.
        let reordered = serde_json::to_vec(&serde_json::json!({"events": [], "ticket": closed})).unwrap();
        assert_eq!(decode_ticket::<Ticket>(path, 0, &reordered).unwrap().id, 9);
        assert!(decode_ticket::<Ticket>(path, 0, b"{\"ticket\":").is_err());
        assert!(decode_ticket::<Ticket>(path, 0, b"{\"ticket\":{\"id\":").is_err());
    }

    #[test]
    fn purge_deletes_the_frames_and_keeps_the_rest_readable() {
        let dir = tempfile::tempdir().unwrap();
        let store = archived_store(dir.path());
        let ids = BTreeSet::from([1, 3, 2]);
        let outcome = store.purge(&ids, at(12)).unwrap();
        assert_eq!(
            outcome.purged, 2,
            "the restored ticket 2 is not archived: left alone"
        );
        assert_eq!(outcome.segments_rewritten, 1);
        assert!(outcome.bytes_after < outcome.bytes_before);
        assert_eq!(where_is(&store, 1), None);
        assert_eq!(store.cold().purged_at(1).unwrap(), Some(at(12)));
        assert_eq!(store.cold().purged_at(4).unwrap(), None);
        assert_eq!(where_is(&store, 2), Some(Location::Hot));
        for id in [4, 5, 6] {
            assert_eq!(where_is(&store, id), Some(Location::Cold), "ticket {id}");
        }
        let bytes = archive_bytes(dir.path());
        assert!(
            !contains(&bytes, "secret title 1\""),
            "purged data is gone from the files"
        );
        assert!(!contains(&bytes, "secret title 3\""));
        assert!(contains(&bytes, "secret title 4\""));
        assert_eq!(
            store.cold().segment_files().unwrap(),
            vec![1],
            "the old segment was deleted"
        );
        assert!(store.kv.get(PURGE_JOURNAL).unwrap().is_none());
        healthy(&store);
        // Archiving goes on after a compaction, and the restored ticket is counted once.
        let mut closed = ticket(7, Status::Closed, Priority::Normal);
        closed.dedup_key = None;
        insert(&store, &closed);
        store
            .archive_closed(at(10), Duration::from_secs(60), 100)
            .unwrap();
        let status = store.archive_status(at(10)).unwrap();
        assert_eq!((status.cold.tickets, status.cold.purged), (5, 2));
        healthy(&store);
    }

    #[test]
    fn a_crash_before_the_switch_leaves_the_old_archive_whole() {
        let dir = tempfile::tempdir().unwrap();
        let store = archived_store(dir.path());
        let crash = store.purge_with(&BTreeSet::from([1, 3]), at(12), |step| match step {
            "segments-written" => Err(StoreError::Backend("crash".into())),
            _ => Ok(()),
        });
        assert!(crash.is_err());
        drop(store);
        let store = open(dir.path());
        for id in [1, 3, 4, 5, 6] {
            assert_eq!(where_is(&store, id), Some(Location::Cold), "ticket {id}");
        }
        // The unfinished copy is a leftover file: doctor reports it and --repair removes it.
        let diagnosis = store.diagnose(&|_, _| {}).unwrap();
        assert_eq!(diagnosis.problems.len(), 1, "{:#?}", diagnosis.problems);
        assert!(diagnosis.problems[0].message.contains("leftover file"));
        store.repair(diagnosis, 100).unwrap();
        healthy(&store);
        // And a purge afterwards works.
        assert_eq!(store.purge(&BTreeSet::from([1, 3]), at(12)).unwrap().purged, 2);
        assert_eq!(where_is(&store, 1), None);
        healthy(&store);
    }

    #[test]
    fn a_crash_after_the_switch_is_finished_by_the_next_open() {
        let dir = tempfile::tempdir().unwrap();
        let store = archived_store(dir.path());
        let crash = store.purge_with(&BTreeSet::from([1, 3]), at(12), |step| match step {
            "switched" => Err(StoreError::Backend("crash".into())),
            _ => Ok(()),
        });
        assert!(crash.is_err());
        assert!(
            store.kv.get(PURGE_JOURNAL).unwrap().is_some(),
            "the journal is committed"
        );
        drop(store);
        let store = open(dir.path());
        assert!(store.kv.get(PURGE_JOURNAL).unwrap().is_none(), "finished at open");
        assert_eq!(where_is(&store, 1), None);
        assert_eq!(store.cold().purged_at(3).unwrap(), Some(at(12)));
        for id in [4, 5, 6] {
            assert_eq!(where_is(&store, id), Some(Location::Cold), "ticket {id}");
        }
        assert_eq!(where_is(&store, 2), Some(Location::Hot));
        assert_eq!(store.cold().segment_files().unwrap(), vec![1]);
        healthy(&store);
    }

    #[test]
    fn finishing_a_purge_twice_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let store = archived_store(dir.path());
        let _ = store.purge_with(&BTreeSet::from([5]), at(12), |step| match step {
            "switched" => Err(StoreError::Backend("crash".into())),
            _ => Ok(()),
        });
        let journal: PurgeJournal =
            decode(PURGE_JOURNAL, &store.kv.get(PURGE_JOURNAL).unwrap().unwrap()).unwrap();
        store.finish_purge(&journal).unwrap();
        let locations = store.cold().locations_or_empty().unwrap();
        // A crash inside step 3 runs it again.
        store.finish_purge(&journal).unwrap();
        assert_eq!(store.cold().locations_or_empty().unwrap(), locations);
        assert_eq!(where_is(&store, 5), None);
        assert_eq!(where_is(&store, 6), Some(Location::Cold));
        healthy(&store);
    }

    #[test]
    fn purging_everything_in_a_segment_drops_it() {
        let dir = tempfile::tempdir().unwrap();
        let store = archived_store(dir.path());
        let outcome = store.purge(&BTreeSet::from([1, 3, 4, 5, 6]), at(12)).unwrap();
        assert_eq!(outcome.purged, 5);
        // Ticket 2's stale copy stays: it is what the location table points at.
        assert_eq!(store.txn().cold_manifest().unwrap().records(), 1);
        assert_eq!(where_is(&store, 2), Some(Location::Hot));
        healthy(&store);
    }
}
