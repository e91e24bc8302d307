//! Whole-store reading for `desk export`, and the writes of `desk import`.
//!
//! Export takes a [`ExportSnapshot`] while it holds the store: the hot tickets with their
//! histories (the hot store is small by design), the people, and the archive's manifest,
//! restored set and location table. The store is then let go, and the archived tickets
//! are read from the segment files without the lock: segments are append-only and the
//! snapshot's manifest says how much of each was committed, so later archiving runs
//! change nothing the snapshot reads. Tickets come out in id order (stable, diffable
//! output): the location table is direct-addressed by id, so walking it in id order and
//! reading each frame where it points is a sequential read when tickets were archived
//! roughly in id order, and a seek otherwise.
//!
//! Import writes through the same [`Txn::put_ticket`] as every command, so every index is
//! kept as a normal write keeps it, and old closed tickets go straight to the archive
//! through [`Store::archive_records`], the automatic archiver's own writer.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::PathBuf;

use super::cold::{self, ArchivedTicket, ColdArchive, ColdManifest};
use super::{decode, keys, Result, Store, StoreError, Txn};
use crate::domain::kb::Article;
use crate::domain::routing::StatsDelta;
use crate::domain::{Agent, Requester, Ticket};

/// What an export reads, taken under the store's lock; see the module doc.
pub struct ExportSnapshot {
    pub agents: Vec<Agent>,
    pub requesters: Vec<Requester>,
    pub articles: Vec<Article>,
    hot: Vec<ArchivedTicket>,
    archive: Option<ArchiveView>,
}

/// The committed archive as of one moment.
struct ArchiveView {
    dir: PathBuf,
    manifest: ColdManifest,
    restored: BTreeSet<u64>,
    locations: Vec<u8>,
}

impl Store {
    /// Read what an export needs (see [`ExportSnapshot`]); `keep` picks the hot tickets.
    /// With `include_archive` false the archive is not opened at all.
    pub fn export_snapshot(
        &self,
        include_archive: bool,
        keep: &dyn Fn(&Ticket) -> bool,
    ) -> Result<ExportSnapshot> {
        let txn = self.txn();
        let mut hot = Vec::new();
        for (key, value) in self.kv.scan_prefix(keys::TICKET_PREFIX)? {
            let ticket: Ticket = decode(&key, &value)?;
            if keep(&ticket) {
                let events = txn.events(ticket.id)?;
                hot.push(ArchivedTicket { ticket, events });
            }
        }
        let archive = if include_archive {
            let manifest = txn.cold_manifest()?;
            let locations = if manifest.segments.is_empty() {
                Vec::new()
            } else {
                self.cold.read_locations()?
            };
            Some(ArchiveView {
                dir: self.cold.dir().to_path_buf(),
                manifest,
                restored: txn.restored_ids()?,
                locations,
            })
        } else {
            None
        };
        Ok(ExportSnapshot {
            agents: txn.agents()?,
            requesters: txn.requesters()?,
            articles: txn.articles()?,
            hot,
            archive,
        })
    }
}

impl ExportSnapshot {
    /// How many tickets [`ExportSnapshot::tickets`] reads at most (for a progress bar).
    /// The hot tickets the export holds (on a team store: all of them).
    pub fn hot(&self) -> &[ArchivedTicket] {
        &self.hot
    }

    pub fn ticket_estimate(&self) -> u64 {
        let archived = self.archive.as_ref().map_or(0, |a| {
            a.locations
                .chunks_exact(8)
                .filter(|raw| u64::from_le_bytes((*raw).try_into().expect("8 bytes")) != 0)
                .count() as u64
        });
        self.hot.len() as u64 + archived
    }

    /// Every ticket of the snapshot, hot and archived, in id order; archived ones for
    /// which `keep` is false are skipped (the hot ones were picked already).
    pub fn tickets<'k>(self, keep: &'k dyn Fn(&Ticket) -> bool) -> OrderedTickets<'k> {
        OrderedTickets {
            hot: self.hot.into_iter().peekable(),
            archive: self.archive,
            next_id: 1,
            readers: HashMap::new(),
            keep,
        }
    }
}

/// The iterator of [`ExportSnapshot::tickets`].
pub struct OrderedTickets<'k> {
    hot: std::iter::Peekable<std::vec::IntoIter<ArchivedTicket>>,
    archive: Option<ArchiveView>,
    /// The next id whose location to look at.
    next_id: u64,
    /// One buffered reader per segment, with its position.
    readers: HashMap<u32, (BufReader<File>, u64)>,
    keep: &'k dyn Fn(&Ticket) -> bool,
}

impl OrderedTickets<'_> {
    /// The next archived ticket's id and frame position at or after `next_id`.
    fn next_archived(&mut self) -> Option<(u64, u32, u64)> {
        let archive = self.archive.as_ref()?;
        loop {
            let id = self.next_id;
            let start = usize::try_from(id).ok()?.checked_mul(8)?;
            let raw = archive.locations.get(start..start + 8)?;
            let raw = u64::from_le_bytes(raw.try_into().expect("8 bytes"));
            if let Some((segment, offset)) = cold::decode_location(raw) {
                let committed = archive
                    .manifest
                    .segments
                    .iter()
                    .find(|s| s.id == segment)
                    .is_some_and(|s| offset + cold::FRAME_HEADER <= s.committed_len);
                if committed && !archive.restored.contains(&id) {
                    // Start here next time too, until it is consumed: hot tickets between
                    // two archived ones do not rescan the table.
                    self.next_id = id;
                    return Some((id, segment, offset));
                }
            }
            self.next_id += 1;
        }
    }

    fn read_frame(&mut self, id: u64, segment: u32, offset: u64) -> Result<Option<ArchivedTicket>> {
        let archive = self.archive.as_ref().expect("archived ids come from the archive");
        let committed_len = archive
            .manifest
            .segments
            .iter()
            .find(|s| s.id == segment)
            .map_or(0, |s| s.committed_len);
        let path = ColdArchive::new(&archive.dir).segment_path(segment);
        let io = |e| StoreError::io(&path, e);
        let (reader, position) = match self.readers.entry(segment) {
            std::collections::hash_map::Entry::Occupied(entry) => entry.into_mut(),
            std::collections::hash_map::Entry::Vacant(entry) => {
                let file = File::open(&path).map_err(io)?;
                entry.insert((BufReader::with_capacity(1 << 20, file), 0))
            }
        };
        if *position != offset {
            // Within the buffer this costs nothing; otherwise one seek.
            reader
                .seek_relative(offset as i64 - *position as i64)
                .map_err(io)?;
            *position = offset;
        }
        let mut header = [0u8; 8];
        reader.read_exact(&mut header).map_err(io)?;
        let (len, crc) = cold::frame_header(&header);
        if offset + cold::FRAME_HEADER + len as u64 > committed_len {
            // Not committed (cannot happen for a location the snapshot's manifest covers).
            *position += cold::FRAME_HEADER;
            return Ok(None);
        }
        let mut payload = vec![0u8; len as usize];
        reader.read_exact(&mut payload).map_err(io)?;
        *position += cold::FRAME_HEADER + len as u64;
        let record: ArchivedTicket = cold::decode_frame(&path, offset, &payload, crc)?;
        Ok((record.ticket.id == id).then_some(record))
    }
}

impl Iterator for OrderedTickets<'_> {
    type Item = Result<ArchivedTicket>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let archived = self.next_archived();
            let hot_id = self.hot.peek().map(|t| t.ticket.id);
            match (hot_id, archived) {
                (None, None) => return None,
                (Some(hot), archived) if archived.is_none_or(|(id, _, _)| hot <= id) => {
                    if archived.is_some_and(|(id, _, _)| id == hot) {
                        // Never both; should it happen, the hot copy is the live one.
                        self.next_id = hot + 1;
                    }
                    return self.hot.next().map(Ok);
                }
                (_, Some((id, segment, offset))) => {
                    self.next_id = id + 1;
                    match self.read_frame(id, segment, offset) {
                        Ok(Some(record)) if (self.keep)(&record.ticket) => return Some(Ok(record)),
                        Ok(_) => continue,
                        Err(error) => return Some(Err(error)),
                    }
                }
                (Some(_), None) => unreachable!("the guard takes every hot id when nothing is archived"),
            }
        }
    }
}

/// Where an import finds the tickets a home already has, hot or archived.
pub struct ExistingTickets {
    manifest: ColdManifest,
    restored: BTreeSet<u64>,
    locations: Vec<u8>,
}

impl Store {
    /// Read the archive's location table once, so an import of many tickets asks the
    /// archive only about ids it really holds.
    pub fn existing_tickets(&self) -> Result<ExistingTickets> {
        let txn = self.txn();
        let manifest = txn.cold_manifest()?;
        let locations = if manifest.segments.is_empty() {
            Vec::new()
        } else {
            self.cold.read_locations()?
        };
        Ok(ExistingTickets {
            manifest,
            restored: txn.restored_ids()?,
            locations,
        })
    }

    /// Ticket `id` with its history as this home holds it, hot or archived.
    pub fn existing_ticket(&self, existing: &ExistingTickets, id: u64) -> Result<Option<ArchivedTicket>> {
        let txn = self.txn();
        if let Some(ticket) = txn.ticket(id)? {
            let events = txn.events(id)?;
            return Ok(Some(ArchivedTicket { ticket, events }));
        }
        let located = usize::try_from(id)
            .ok()
            .and_then(|id| id.checked_mul(8))
            .and_then(|start| existing.locations.get(start..start + 8))
            .is_some_and(|raw| raw.iter().any(|b| *b != 0));
        if !located || existing.restored.contains(&id) {
            return Ok(None);
        }
        self.cold.get(&existing.manifest, id)
    }

    /// Write imported records: people and articles as given (new or replacing what is
    /// stored); `hot` tickets as every command writes a ticket (all indexes), in one
    /// commit; `archive` ones (closed past the archive age) straight into the cold archive.
    /// No ticket may exist in this home yet. Routing's per-agent counters get what the
    /// imported histories add up to (as `doctor --repair` recomputes them), in the commit
    /// that writes those tickets. Imported events are history, not news: they are not
    /// queued for notification.
    pub fn import_records(
        &self,
        agents: &[Agent],
        requesters: &[Requester],
        articles: &[Article],
        hot: &[ArchivedTicket],
        archive: Vec<ArchivedTicket>,
    ) -> Result<()> {
        if !(hot.is_empty() && agents.is_empty() && requesters.is_empty() && articles.is_empty()) {
            let mut txn = self.txn();
            for agent in agents {
                txn.put_agent(agent);
            }
            for requester in requesters {
                txn.put_requester(requester);
            }
            for article in articles {
                txn.put_article(article)?;
                txn.reserve_article_ids_through(article.id)?;
            }
            // "No ticket may exist yet", as the import's plan found: on a team store another
            // host may have filed one with such an id since (the plan is stale).
            let ids: Vec<Vec<u8>> = hot.iter().map(|record| keys::ticket(record.ticket.id)).collect();
            if let Some(at) = txn.get_many_raw(&ids)?.iter().position(Option::is_some) {
                return Err(StoreError::Conflict {
                    target: format!("ticket {}, filed while importing", hot[at].ticket.id),
                });
            }
            for record in hot {
                txn.put_ticket(&record.ticket)?;
                for event in &record.events {
                    txn.import_event(record.ticket.id, event);
                }
            }
            txn.apply_stats_deltas(&counter_deltas(hot))?;
            txn.commit()?;
        }
        if !archive.is_empty() {
            let deltas = counter_deltas(&archive);
            self.archive_records_with(archive, |txn| txn.apply_stats_deltas(&deltas))?;
        }
        Ok(())
    }
}

/// What the histories of `records` add to routing's counters.
fn counter_deltas(records: &[ArchivedTicket]) -> Vec<StatsDelta> {
    let mut counters = BTreeMap::new();
    for record in records {
        super::doctor::replay_counters(&record.ticket, &record.events, &mut counters);
    }
    counters
        .into_iter()
        .filter(|(_, change)| !change.is_zero())
        .map(|((agent, day), change)| StatsDelta { agent, day, change })
        .collect()
}

impl Txn<'_> {
    /// Make sure ids up to `id` are never handed out again (imported tickets keep theirs).
    pub fn reserve_ids_through(&mut self, id: u64) -> Result<()> {
        if self.last_ticket_id()? < id {
            self.put_raw(keys::NEXT_ID.to_vec(), (id + 1).to_be_bytes().to_vec());
        }
        Ok(())
    }

    /// Make sure article ids up to `id` are never handed out again.
    pub fn reserve_article_ids_through(&mut self, id: u64) -> Result<()> {
        let next = match self.get_raw(super::kb::NEXT_ARTICLE_ID)? {
            Some(bytes) => u64::from_be_bytes(
                bytes
                    .as_slice()
                    .try_into()
                    .map_err(|_| StoreError::Corrupt("next article id".into()))?,
            ),
            None => 1,
        };
        if next <= id {
            self.put_raw(
                super::kb::NEXT_ARTICLE_ID.to_vec(),
                (id + 1).to_be_bytes().to_vec(),
            );
        }
        Ok(())
    }

    /// The ticket a CSV import made from the row whose identity is `key`, if any.
    pub fn imported_row(&self, key: &str) -> Result<Option<u64>> {
        self.get_id(&keys::import_key(key), "import key")
    }

    /// Remember that the CSV row with identity `key` became ticket `id`.
    pub fn record_imported_row(&mut self, key: &str, id: u64) {
        self.put_raw(keys::import_key(key), id.to_be_bytes().to_vec());
    }
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::*;
    use crate::domain::lifecycle::{create, NewTicket};
    use crate::domain::{Priority, Status, Workflow};
    use crate::store::memory::MemoryBackend;

    fn record(id: u64, closed: bool) -> ArchivedTicket {
        let at = Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap();
        let (mut ticket, event) = create(
            id,
            NewTicket {
                ticket_type: "incident".into(),
                prefix: None,
                workflow: Workflow::Internal,
                title: format!("ticket {id}"),
                body: String::new(),
                priority: Priority::Normal,
                requester: "carol".into(),
                fields: Default::default(),
                dedup_key: None,
                sla_policy: None,
                channel: None,
                attachments: Vec::new(),
            },
            "carol",
            at,
        );
        if closed {
            ticket.status = Status::Closed;
            ticket.closed_at = Some(at);
        }
        ArchivedTicket {
            ticket,
            events: vec![event],
        }
    }

    fn exported(store: &Store, keep: &dyn Fn(&Ticket) -> bool) -> Vec<(u64, String)> {
        store
            .export_snapshot(true, keep)
            .unwrap()
            .tickets(keep)
            .map(|r| {
                let r = r.unwrap();
                (r.ticket.id, r.ticket.title)
            })
            .collect()
    }

    #[test]
    fn an_export_reads_hot_and_archived_tickets_once_each_in_id_order() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(
            Box::new(MemoryBackend::default()),
            dir.path(),
            &dir.path().join("cold"),
        )
        .unwrap();
        // Archived out of id order, in two batches; hot ones in between.
        store
            .import_records(
                &[],
                &[],
                &[],
                &[record(2, false), record(4, false)],
                vec![record(5, true), record(1, true)],
            )
            .unwrap();
        store
            .import_records(
                &[],
                &[],
                &[],
                &[record(7, false)],
                vec![record(3, true), record(6, true)],
            )
            .unwrap();
        // Ticket 3 comes back from the archive (as a reopen does) with a new title.
        let mut txn = store.txn();
        let mut back = store.find_ticket(3).unwrap().unwrap().0;
        back.ticket.title = "ticket 3, reopened".into();
        store.restore_into(&mut txn, &back).unwrap();
        txn.commit().unwrap();

        let all = exported(&store, &|_| true);
        let ids: Vec<u64> = all.iter().map(|(id, _)| *id).collect();
        assert_eq!(ids, vec![1, 2, 3, 4, 5, 6, 7]);
        assert_eq!(
            all[2].1, "ticket 3, reopened",
            "the hot copy, not the stale archived one"
        );
        let closed = exported(&store, &|t| t.status == Status::Closed);
        assert_eq!(
            closed.iter().map(|(id, _)| *id).collect::<Vec<_>>(),
            vec![1, 3, 5, 6]
        );

        // The import probe finds each where it is.
        let existing = store.existing_tickets().unwrap();
        for id in 1..=7 {
            assert_eq!(
                store.existing_ticket(&existing, id).unwrap().unwrap().ticket.id,
                id
            );
        }
        assert!(store.existing_ticket(&existing, 8).unwrap().is_none());
    }
}
