//! What the full-text index (crate::search) has yet to see, kept in the hot store.
//!
//! Writers never touch the search index: every ticket or article write also sets a
//! "search pending" entry in the same atomic batch, carrying the commit's stamp, a
//! sequence number that grows in commit order ([`super::KvBackend::commit_stamped`]). The
//! search index records, in its own commit, the highest sequence number it has indexed;
//! `desk ticket search` (and `kb search`, suggestions) first indexes the entries above it.
//! So the index is never behind the store when a query runs, a crash on either side loses
//! nothing, and `ticket new` pays for two small keys.
//!
//! ```text
//! q/t<id>      ticket <id> changed: value = sequence number (u64 BE) of its latest write
//! q/k<id>      knowledge-base article <id> changed: the same
//! m/search_seq the last sequence number handed out (u64 BE)
//! ```

use super::{keys, Result, StoreError, Txn};

pub const PENDING_PREFIX: &[u8] = b"q/";
pub const SEARCH_SEQ: &[u8] = b"m/search_seq";

/// A document of the search index: a ticket or an article, by id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SearchDoc {
    Ticket(u64),
    Article(u64),
}

impl SearchDoc {
    fn key(self) -> Vec<u8> {
        let (tag, id) = match self {
            SearchDoc::Ticket(id) => (b't', id),
            SearchDoc::Article(id) => (b'k', id),
        };
        [PENDING_PREFIX, &[tag], &id.to_be_bytes()].concat()
    }

    fn from_key(key: &[u8]) -> Result<SearchDoc> {
        let body = key.strip_prefix(PENDING_PREFIX).filter(|b| b.len() == 9);
        let bad = || StoreError::Corrupt(format!("search pending key malformed: {key:?}"));
        let body = body.ok_or_else(bad)?;
        let id = keys::trailing_id(body)?;
        match body[0] {
            b't' => Ok(SearchDoc::Ticket(id)),
            b'k' => Ok(SearchDoc::Article(id)),
            _ => Err(bad()),
        }
    }
}

fn read_u64(bytes: &[u8], what: &str) -> Result<u64> {
    bytes
        .try_into()
        .map(u64::from_be_bytes)
        .map_err(|_| StoreError::Corrupt(what.into()))
}

impl Txn<'_> {
    /// Note that `doc` changed in this transaction, for the search index to catch up.
    /// Its entry takes the commit's stamp ([`super::KvBackend::commit_stamped`]), which
    /// grows in the order commits become visible even when hosts of a team store write at
    /// once: an index that has seen stamp N has seen everything before it.
    pub fn mark_search_pending(&mut self, doc: SearchDoc) -> Result<()> {
        let key = doc.key();
        self.pending.remove(&key);
        self.stamped.insert(key);
        Ok(())
    }

    /// The last sequence number handed out (0 when none).
    pub fn search_seq(&self) -> Result<u64> {
        match self.get_raw(SEARCH_SEQ)? {
            Some(bytes) => read_u64(&bytes, "search sequence"),
            None => Ok(0),
        }
    }

    /// Every pending document with the sequence number of its latest write, in key order.
    pub fn search_pending(&self) -> Result<Vec<(SearchDoc, u64)>> {
        self.scan_raw(PENDING_PREFIX)?
            .iter()
            .map(|(key, value)| {
                Ok((
                    SearchDoc::from_key(key)?,
                    read_u64(value, "search pending entry")?,
                ))
            })
            .collect()
    }

    /// The pending documents written after stamp `indexed`, with their stamps: on a team
    /// store, where the queue is never cleared, this reads only those, not the whole queue.
    pub fn search_pending_since(&self, indexed: u64) -> Result<Vec<(SearchDoc, u64)>> {
        let mut fresh: std::collections::BTreeMap<Vec<u8>, u64> = std::collections::BTreeMap::new();
        for (key, value) in self.kv.search_queue_since(indexed)? {
            fresh.insert(key, read_u64(&value, "search pending entry")?);
        }
        // This transaction's own writes (not yet stamped) are not news to anyone yet.
        fresh
            .into_iter()
            .map(|(key, seq)| Ok((SearchDoc::from_key(&key)?, seq)))
            .collect()
    }

    /// Forget the pending entries the index has already seen (sequence ≤ `indexed`).
    /// A later write of the same document carries a higher number and stays.
    pub fn clear_search_pending(&mut self, indexed: u64) -> Result<usize> {
        let mut cleared = 0;
        for (doc, seq) in self.search_pending()? {
            if seq <= indexed {
                self.delete_raw(doc.key());
                cleared += 1;
            }
        }
        Ok(cleared)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::memory::MemoryBackend;

    #[test]
    fn pending_entries_keep_the_latest_write_and_clear_up_to_what_was_indexed() {
        let kv = MemoryBackend::default();
        let mut txn = Txn::new(&kv);
        txn.mark_search_pending(SearchDoc::Ticket(1)).unwrap();
        txn.mark_search_pending(SearchDoc::Article(1)).unwrap();
        txn.commit().unwrap();
        let mut txn = Txn::new(&kv);
        txn.mark_search_pending(SearchDoc::Ticket(1)).unwrap();
        txn.commit().unwrap();
        let txn = Txn::new(&kv);
        // One stamp per commit: the first commit's two documents share stamp 1.
        assert_eq!(txn.search_seq().unwrap(), 2);
        assert_eq!(
            txn.search_pending().unwrap(),
            vec![(SearchDoc::Article(1), 1), (SearchDoc::Ticket(1), 2)]
        );
        let mut txn = Txn::new(&kv);
        assert_eq!(txn.clear_search_pending(1).unwrap(), 1);
        txn.commit().unwrap();
        let txn = Txn::new(&kv);
        assert_eq!(txn.search_pending().unwrap(), vec![(SearchDoc::Ticket(1), 2)]);
    }
}
