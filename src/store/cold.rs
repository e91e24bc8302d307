//! The cold archive (冷数据): closed tickets past an age, with their whole history.
//!
//! Chosen by measurement (the design card's figures): a second sled database holding a million tickets
//! takes 250–380 ms just to open, so the archive is plain files instead:
//!
//! - `seg-NNNNNN.dat`: append-only segments of frames `len: u32 LE | crc32: u32 LE | JSON`,
//!   each frame one [`ArchivedTicket`]. A segment grows to [`SEGMENT_LIMIT`], then a new
//!   one starts. Reports read them sequentially.
//! - `locations.bin`: a direct-addressed table, 8 bytes per ticket id, giving the segment
//!   and offset of the ticket's live frame (0 = not archived). Ticket ids are dense and never
//!   reused, so `show` of an archived ticket is two positioned reads, whatever the size. A
//!   ticket deleted by retention (`desk archive --purge-before`) keeps a marker there with
//!   the purge time ([`PURGED_SEGMENT`]), so `show` can say it was purged.
//!
//! What is committed is decided by the hot store: its [`ColdManifest`] records each
//! segment's committed length, and the hot commit that advances it is the same one that
//! removes the tickets from the hot store. Bytes past the committed length are leftovers
//! of an interrupted archiving run and are overwritten by the next. A frame is live only
//! if `locations.bin` points exactly at it, its ticket id matches, and the hot store has
//! not restored that ticket, so a ticket is never counted twice.

use std::collections::BTreeSet;
use std::fs::{self, File, OpenOptions};
use std::io::{BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::{Result, StoreError};
use crate::domain::{Event, Ticket};

/// Size at which a segment is closed and a new one started.
pub const SEGMENT_LIMIT: u64 = 256 * 1024 * 1024;
pub(super) const FRAME_HEADER: u64 = 8;
const OFFSET_BITS: u32 = 40;
/// The segment field of a location that marks a purged ticket; its offset field holds the
/// purge time (Unix seconds). No real segment has this id (it would take 16 M segments).
pub const PURGED_SEGMENT: u32 = (1 << (64 - OFFSET_BITS)) - 2;

/// A ticket with its full history, as archived (and as shown by `desk ticket show`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArchivedTicket {
    pub ticket: Ticket,
    pub events: Vec<Event>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ColdManifest {
    pub segments: Vec<SegmentInfo>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SegmentInfo {
    pub id: u32,
    /// Bytes of this segment that are committed; anything after is ignored.
    pub committed_len: u64,
    /// Frames written to this segment (including ones later superseded by a restore).
    pub records: u64,
}

impl ColdManifest {
    pub fn records(&self) -> u64 {
        self.segments.iter().map(|s| s.records).sum()
    }

    pub fn bytes(&self) -> u64 {
        self.segments.iter().map(|s| s.committed_len).sum()
    }

    pub(super) fn segment(&self, id: u32) -> Option<&SegmentInfo> {
        self.segments.iter().find(|s| s.id == id)
    }
}

pub struct ColdArchive {
    dir: PathBuf,
}

pub(super) fn encode_location(segment: u32, offset: u64) -> u64 {
    ((segment as u64 + 1) << OFFSET_BITS) | offset
}

pub(super) fn decode_location(raw: u64) -> Option<(u32, u64)> {
    let segment = raw >> OFFSET_BITS;
    (segment != 0).then(|| ((segment - 1) as u32, raw & ((1 << OFFSET_BITS) - 1)))
}

impl ColdArchive {
    pub fn new(dir: &Path) -> Self {
        ColdArchive {
            dir: dir.to_path_buf(),
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub(super) fn segment_path(&self, id: u32) -> PathBuf {
        self.dir.join(format!("seg-{id:06}.dat"))
    }

    pub(super) fn locations_path(&self) -> PathBuf {
        self.dir.join("locations.bin")
    }

    pub(super) fn io<T>(&self, path: &Path, result: std::io::Result<T>) -> Result<T> {
        result.map_err(|e| StoreError::io(path, e))
    }

    /// Write `records` after the committed end and sync them; return the manifest that
    /// commits them. Nothing is committed until the caller stores that manifest.
    pub fn append(&self, manifest: &ColdManifest, records: &[ArchivedTicket]) -> Result<ColdManifest> {
        if records.is_empty() {
            return Ok(manifest.clone());
        }
        self.io(&self.dir, fs::create_dir_all(&self.dir))?;
        let (segment, start) = match manifest.segments.last() {
            Some(last) if last.committed_len < SEGMENT_LIMIT => (last.id, last.committed_len),
            Some(last) => (last.id + 1, 0),
            None => (0, 0),
        };
        let path = self.segment_path(segment);
        let is_new = !path.exists();
        let file = self.io(
            &path,
            OpenOptions::new()
                .create(true)
                .truncate(false)
                .read(true)
                .write(true)
                .open(&path),
        )?;
        // Drop the tail of an interrupted run before writing after the committed end.
        self.io(&path, file.set_len(start))?;
        let mut writer = BufWriter::with_capacity(1 << 20, &file);
        self.io(&path, writer.seek(SeekFrom::Start(start)))?;
        let mut positions = Vec::with_capacity(records.len());
        let mut offset = start;
        for record in records {
            let payload = serde_json::to_vec(record).expect("archived tickets always serialize");
            let len = u32::try_from(payload.len()).map_err(|_| {
                StoreError::Backend(format!("ticket {} too large to archive", record.ticket.id))
            })?;
            let crc = crc32fast::hash(&payload);
            self.io(&path, writer.write_all(&len.to_le_bytes()))?;
            self.io(&path, writer.write_all(&crc.to_le_bytes()))?;
            self.io(&path, writer.write_all(&payload))?;
            positions.push((record.ticket.id, encode_location(segment, offset)));
            offset += FRAME_HEADER + payload.len() as u64;
        }
        self.io(&path, writer.flush())?;
        drop(writer);
        self.io(&path, file.sync_data())?;
        self.write_locations(&mut positions)?;
        if is_new {
            // Make the new file's directory entry durable too.
            self.io(&self.dir, File::open(&self.dir).and_then(|d| d.sync_all()))?;
        }

        let mut next = manifest.clone();
        match next.segments.iter_mut().find(|s| s.id == segment) {
            Some(info) => {
                info.committed_len = offset;
                info.records += records.len() as u64;
            }
            None => next.segments.push(SegmentInfo {
                id: segment,
                committed_len: offset,
                records: records.len() as u64,
            }),
        }
        Ok(next)
    }

    /// Point each id at its new frame (raw location; 0 = not archived), writing runs of
    /// consecutive ids in one call, synced.
    pub(super) fn write_locations(&self, positions: &mut [(u64, u64)]) -> Result<()> {
        let path = self.locations_path();
        let file = self.io(
            &path,
            OpenOptions::new()
                .create(true)
                .truncate(false)
                .read(true)
                .write(true)
                .open(&path),
        )?;
        positions.sort_unstable_by_key(|(id, _)| *id);
        let mut run_start = 0;
        while run_start < positions.len() {
            let mut run_end = run_start + 1;
            while run_end < positions.len() && positions[run_end].0 == positions[run_end - 1].0 + 1 {
                run_end += 1;
            }
            let bytes: Vec<u8> = positions[run_start..run_end]
                .iter()
                .flat_map(|(_, location)| location.to_le_bytes())
                .collect();
            self.io(&path, file.write_all_at(&bytes, positions[run_start].0 * 8))?;
            run_start = run_end;
        }
        self.io(&path, file.sync_data())
    }

    pub(super) fn location(&self, id: u64) -> Result<Option<(u32, u64)>> {
        Ok(self.raw_location(id)?.and_then(decode_location))
    }

    /// Ticket `id`'s entry in the location table as stored (None past the table's end).
    pub(super) fn raw_location(&self, id: u64) -> Result<Option<u64>> {
        let path = self.locations_path();
        let file = match File::open(&path) {
            Ok(file) => file,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(StoreError::io(&path, e)),
        };
        let mut raw = [0u8; 8];
        match file.read_exact_at(&mut raw, id * 8) {
            Ok(()) => Ok(Some(u64::from_le_bytes(raw))),
            Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => Ok(None),
            Err(e) => Err(StoreError::io(&path, e)),
        }
    }

    /// The archived ticket `id`, if it is in the committed archive.
    pub fn get(&self, manifest: &ColdManifest, id: u64) -> Result<Option<ArchivedTicket>> {
        let Some((segment, offset)) = self.location(id)? else {
            return Ok(None);
        };
        let Some(info) = manifest.segment(segment) else {
            return Ok(None);
        };
        if offset + FRAME_HEADER > info.committed_len {
            return Ok(None);
        }
        let path = self.segment_path(segment);
        let file = self.io(&path, File::open(&path))?;
        let mut header = [0u8; 8];
        self.io(&path, file.read_exact_at(&mut header, offset))?;
        let (len, crc) = frame_header(&header);
        if offset + FRAME_HEADER + len as u64 > info.committed_len {
            return Ok(None);
        }
        let mut payload = vec![0u8; len as usize];
        self.io(&path, file.read_exact_at(&mut payload, offset + FRAME_HEADER))?;
        let record: ArchivedTicket = decode_frame(&path, offset, &payload, crc)?;
        Ok((record.ticket.id == id).then_some(record))
    }

    /// Visit every live archived ticket, segment by segment, in archive order.
    /// `restored` are ids the hot store took back; their archived copies are skipped.
    pub fn scan(
        &self,
        manifest: &ColdManifest,
        restored: &BTreeSet<u64>,
        mut visit: impl FnMut(ArchivedTicket) -> Result<()>,
    ) -> Result<()> {
        if manifest.segments.is_empty() {
            return Ok(());
        }
        let locations = self.read_locations()?;
        for info in &manifest.segments {
            self.scan_segment(info, &locations, restored, &mut visit)?;
        }
        Ok(())
    }

    /// The whole location table, for [`ColdArchive::scan_segment`].
    pub fn read_locations(&self) -> Result<Vec<u8>> {
        let path = self.locations_path();
        self.io(&path, fs::read(&path))
    }

    /// Visit the live archived tickets of one segment (see [`ColdArchive::scan`]); segments
    /// are independent, so a report may read several at once.
    pub fn scan_segment(
        &self,
        info: &SegmentInfo,
        locations: &[u8],
        restored: &BTreeSet<u64>,
        mut visit: impl FnMut(ArchivedTicket) -> Result<()>,
    ) -> Result<()> {
        self.scan_segment_as::<Ticket, Event>(info, locations, restored, |ticket, events| {
            visit(ArchivedTicket { ticket, events })
        })
    }

    /// [`ColdArchive::scan_segment`], decoding each frame into lighter views of the ticket
    /// and its events (a report reads a few fields of each and skips the rest).
    pub fn scan_segment_as<T: TicketView, E: DeserializeOwned>(
        &self,
        info: &SegmentInfo,
        locations: &[u8],
        restored: &BTreeSet<u64>,
        mut visit: impl FnMut(T, Vec<E>) -> Result<()>,
    ) -> Result<()> {
        let live_location = |id: u64| -> Option<u64> {
            let start = usize::try_from(id).ok()?.checked_mul(8)?;
            let raw = locations.get(start..start + 8)?;
            Some(u64::from_le_bytes(raw.try_into().ok()?))
        };
        let path = self.segment_path(info.id);
        let file = self.io(&path, File::open(&path))?;
        let mut reader = BufReader::with_capacity(1 << 20, file);
        let mut offset = 0u64;
        let mut payload = Vec::new();
        while offset + FRAME_HEADER <= info.committed_len {
            let mut header = [0u8; 8];
            self.io(&path, reader.read_exact(&mut header))?;
            let (len, crc) = frame_header(&header);
            payload.resize(len as usize, 0);
            self.io(&path, reader.read_exact(&mut payload))?;
            let frame: Frame<T, E> = decode_frame(&path, offset, &payload, crc)?;
            let id = frame.ticket.ticket_id();
            if live_location(id) == Some(encode_location(info.id, offset)) && !restored.contains(&id) {
                visit(frame.ticket, frame.events)?;
            }
            offset += FRAME_HEADER + len as u64;
        }
        Ok(())
    }
}

/// A ticket as decoded by a full-history scan: the whole [`Ticket`], or a lighter view
/// holding the fields one reader needs (unknown fields are skipped when decoding).
pub trait TicketView: DeserializeOwned {
    fn ticket_id(&self) -> u64;
}

impl TicketView for Ticket {
    fn ticket_id(&self) -> u64 {
        self.id
    }
}

impl TicketView for crate::domain::report::ReportTicket {
    fn ticket_id(&self) -> u64 {
        self.id
    }
}

/// One archived frame, decoded into views.
#[derive(Deserialize)]
#[serde(bound = "T: DeserializeOwned, E: DeserializeOwned")]
struct Frame<T, E> {
    ticket: T,
    events: Vec<E>,
}

pub(super) fn frame_header(header: &[u8; 8]) -> (u32, u32) {
    let len = u32::from_le_bytes(header[0..4].try_into().expect("4 bytes"));
    let crc = u32::from_le_bytes(header[4..8].try_into().expect("4 bytes"));
    (len, crc)
}

pub(super) fn decode_frame<F: DeserializeOwned>(
    path: &Path,
    offset: u64,
    payload: &[u8],
    crc: u32,
) -> Result<F> {
    if crc32fast::hash(payload) != crc {
        return Err(StoreError::Corrupt(format!(
            "checksum mismatch in {} at offset {offset}",
            path.display()
        )));
    }
    let undecodable = |e: &dyn std::fmt::Display| {
        StoreError::Corrupt(format!(
            "undecodable frame in {} at offset {offset}: {e}",
            path.display()
        ))
    };
    // One UTF-8 check of the whole frame, then a parser that trusts it: checking string by
    // string (what `from_slice` does) cost a report over the archive a tenth of its time.
    let text = std::str::from_utf8(payload).map_err(|e| undecodable(&e))?;
    serde_json::from_str(text).map_err(|e| undecodable(&e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_round_trip() {
        assert_eq!(decode_location(0), None);
        assert_eq!(decode_location(encode_location(0, 0)), Some((0, 0)));
        assert_eq!(
            decode_location(encode_location(7, 123_456_789)),
            Some((7, 123_456_789))
        );
    }
}
