//! Knowledge-base articles in the hot store (they are few and small, so they never move
//! to the archive). Each write also queues the article for the search index.
//!
//! ```text
//! k/<id>        article (JSON)
//! m/next_kb     next article id (u64 BE); ids are never reused
//! ```

use super::search_queue::SearchDoc;
use super::{decode, encode, Result, StoreError, Txn};
use crate::domain::kb::Article;

pub const ARTICLE_PREFIX: &[u8] = b"k/";
pub const NEXT_ARTICLE_ID: &[u8] = b"m/next_kb";

fn article_key(id: u64) -> Vec<u8> {
    [ARTICLE_PREFIX, &id.to_be_bytes()].concat()
}

impl Txn<'_> {
    /// Reserve the next article id (from 1, never reused).
    pub fn allocate_article_id(&mut self) -> Result<u64> {
        let next = match self.get_raw(NEXT_ARTICLE_ID)? {
            Some(bytes) => u64::from_be_bytes(
                bytes
                    .as_slice()
                    .try_into()
                    .map_err(|_| StoreError::Corrupt("next article id".into()))?,
            ),
            None => 1,
        };
        self.put_raw(NEXT_ARTICLE_ID.to_vec(), (next + 1).to_be_bytes().to_vec());
        Ok(next)
    }

    pub fn article(&self, id: u64) -> Result<Option<Article>> {
        let key = article_key(id);
        self.get_raw(&key)?.map(|bytes| decode(&key, &bytes)).transpose()
    }

    /// Store `article` (new or changed) and queue it for the search index.
    pub fn put_article(&mut self, article: &Article) -> Result<()> {
        self.put_raw(article_key(article.id), encode(article));
        self.mark_search_pending(SearchDoc::Article(article.id))
    }

    /// Count one more use of article `id` (a reply that sent it). Not a search change.
    pub fn count_article_use(&mut self, article: &Article) {
        let mut used = article.clone();
        used.uses += 1;
        self.put_raw(article_key(article.id), encode(&used));
    }

    /// Every article, by id.
    pub fn articles(&self) -> Result<Vec<Article>> {
        self.scan_raw(ARTICLE_PREFIX)?
            .iter()
            .map(|(key, value)| decode(key, value))
            .collect()
    }
}
