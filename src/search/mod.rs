//! Full-text search (全文检索) over every ticket, hot and archived, and the knowledge base.
//!
//! The engine is [tantivy](https://docs.rs/tantivy) (BM25 ranking over memory-mapped,
//! immutable segments), in `<home>/search/index/`; docs/search.md gives the measurements
//! behind the choice. One index holds two kinds of documents: tickets (title, body, every
//! reply, comment and occurrence, field values) and KB articles (title, body, tags).
//!
//! **Consistency without slowing writers.** Commands that write tickets or articles never
//! open the index: the store's own commit marks the document pending
//! ([`crate::store::search_queue`]). Before each query, [`Engine::open`] catches up: it
//! reads the pending entries above the sequence number the index last committed (under
//! the store's lock, briefly), indexes those documents with the store closed, and commits
//! the index with the new sequence number as its payload. So a query always sees every
//! write that finished before it, and a crash anywhere loses nothing (the pending entries
//! outlive it and are indexed again).
//!
//! **One index writer at a time.** Searches take `<home>/search/lock` (an exclusive
//! `flock`, waited for like the store's lock) for the whole catch-up and query, so two
//! catch-ups never race; the lock is always taken before the store's.
//!
//! **Rebuild.** A missing, unreadable or older-format index is rebuilt from the store: the
//! hot tickets and articles are read under the store's lock, then the archive's committed
//! segments without it (see [`Engine::open`]). `desk ticket search --reindex` forces one.

mod directory;
pub mod tokenizer;

use std::collections::BTreeSet;
use std::fs;
use std::ops::Bound;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use indicatif::ProgressBar;
use serde::{Deserialize, Serialize};
use tantivy::collector::TopDocs;
use tantivy::indexer::{LogMergePolicy, NoMergePolicy};
use tantivy::query::{BooleanQuery, BoostQuery, ConstScoreQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value, FAST, INDEXED, STORED, STRING,
};
use tantivy::tokenizer::{LowerCaser, Stemmer, StopWordFilter, TextAnalyzer};
use tantivy::{doc, Index, IndexSettings, IndexWriter, TantivyDocument, Term};

use crate::domain::kb::Article;
use crate::domain::{EventKind, Status};
use crate::store::cold::{ArchivedTicket, ColdArchive};
use crate::store::search_queue::SearchDoc;
use crate::store::{Store, StoreError, TicketQuery};
use directory::LazySyncDirectory;
use tokenizer::CjkTokenizer;

/// The index format this build writes; an index with another is rebuilt.
pub const INDEX_VERSION: u32 = 2;
const INDEX_TOKENIZER: &str = "desk_index";
const QUERY_TOKENIZER: &str = "desk_query";
/// The text kept for snippets, per document.
const EXCERPT_CHARS: usize = 2000;
/// Catching up with more pending documents than this is done as a rebuild (bulk is faster).
const CATCH_UP_LIMIT: usize = 200_000;
/// Without `build_large`, an index is built only for a store with at most this many
/// tickets (a few seconds' work).
const QUICK_BUILD_DOCS: u64 = 50_000;
/// Pending entries the index has seen are forgotten in batches of at least this many, after
/// one sync of the index (see [`directory`]).
const CLEAR_BATCH: usize = 64;
/// Segments with more documents are never merged by a catch-up, so a search never waits
/// for a large merge.
const MERGE_MAX_DOCS: usize = 100_000;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SearchError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
    #[error(
        "the search index is busy: another desk process held it for more than {waited:?} (DESK_LOCK_TIMEOUT)"
    )]
    Busy { waited: Duration },
    #[error("I/O error on {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The index is missing and building it would take a while; only a search builds it.
    #[error("the search index is not built yet ({0})")]
    NotBuilt(String),
    /// The query has nothing to search for (only punctuation or common words).
    #[error("the query `{0}` has no words to search for")]
    EmptyQuery(String),
}

fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> SearchError + '_ {
    move |source| SearchError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// What the index's commit records (tantivy's commit payload).
#[derive(Debug, Serialize, Deserialize)]
struct Payload {
    version: u32,
    /// Every store write with a search sequence number up to this one is indexed.
    seq: u64,
}

#[derive(Clone, Copy)]
struct Fields {
    doc_key: Field,
    kind: Field,
    id: Field,
    key: Field,
    title: Field,
    body: Field,
    replies: Field,
    /// Internal comments: searched for staff only.
    notes: Field,
    values: Field,
    status: Field,
    ticket_type: Field,
    assignee: Field,
    requester: Field,
    created: Field,
    excerpt: Field,
}

fn schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let text = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(INDEX_TOKENIZER)
            .set_index_option(IndexRecordOption::WithFreqs),
    );
    let fields = Fields {
        doc_key: builder.add_text_field("doc_key", STRING),
        kind: builder.add_text_field("kind", STRING),
        id: builder.add_u64_field("id", STORED),
        key: builder.add_text_field("key", STORED),
        title: builder.add_text_field("title", text.clone().set_stored()),
        body: builder.add_text_field("body", text.clone()),
        replies: builder.add_text_field("replies", text.clone()),
        notes: builder.add_text_field("notes", text.clone()),
        values: builder.add_text_field("values", text.set_stored()),
        status: builder.add_text_field("status", STRING | STORED),
        ticket_type: builder.add_text_field("type", STRING | STORED),
        assignee: builder.add_text_field("assignee", STRING | STORED),
        requester: builder.add_text_field("requester", STRING),
        created: builder.add_i64_field("created", INDEXED | STORED | FAST),
        excerpt: builder.add_text_field("excerpt", STORED),
    };
    (builder.build(), fields)
}

/// Very common English words: indexing them only adds noise to suggestions.
const STOP_WORDS: [&str; 33] = [
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "has", "have", "i", "if", "in",
    "is", "it", "my", "no", "not", "of", "on", "or", "our", "so", "that", "the", "this", "to", "was", "we",
    "with",
];

/// The analyzer: words and CJK n-grams, lowercased, stop words dropped, English-stemmed.
pub fn analyzer(for_index: bool) -> TextAnalyzer {
    TextAnalyzer::builder(CjkTokenizer { for_index })
        .filter(LowerCaser)
        .filter(StopWordFilter::remove(STOP_WORDS.iter().map(|w| w.to_string())))
        .filter(Stemmer::default())
        .build()
}

fn register_tokenizers(index: &Index) {
    index.tokenizers().register(INDEX_TOKENIZER, analyzer(true));
    index.tokenizers().register(QUERY_TOKENIZER, analyzer(false));
}

/// The distinct search terms of `text`, as the index stores them.
pub fn query_terms(text: &str) -> Vec<String> {
    let mut analyzer = analyzer(false);
    let mut stream = analyzer.token_stream(text);
    let mut terms: Vec<String> = Vec::new();
    while let Some(token) = stream.next() {
        if !terms.contains(&token.text) {
            terms.push(token.text.clone());
        }
    }
    terms
}

/// Where the index lives and what it is built from.
pub struct Paths {
    /// `<home>/search`.
    pub dir: PathBuf,
    /// The cold archive's directory, read during a rebuild with the store closed.
    pub cold_dir: PathBuf,
}

/// What opening the index had to do first.
#[derive(Debug, Default, Clone)]
pub struct Maintenance {
    /// The index was (re)built, with this many documents, and why.
    pub rebuilt: Option<(u64, String)>,
    /// Documents indexed while catching up with the store.
    pub caught_up: usize,
}

/// An open, up-to-date index (holding the search lock until dropped).
pub struct Engine {
    index: Index,
    fields: Fields,
    _lock: DirLock,
    pub maintenance: Maintenance,
}

/// What to look for, and where.
#[derive(Debug, Clone, Default)]
pub struct SearchRequest {
    pub text: String,
    pub kind: DocKind,
    pub statuses: Vec<Status>,
    /// Ticket type (tickets), or linked type (articles: also those linked to no type).
    pub ticket_type: Option<String>,
    pub assignee: Option<String>,
    /// Only this requester's tickets (what a requester may search).
    pub requester: Option<String>,
    /// Also match internal comments (staff only).
    pub include_notes: bool,
    pub since: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
    pub limit: usize,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum DocKind {
    #[default]
    Ticket,
    Article,
}

impl DocKind {
    fn as_str(self) -> &'static str {
        match self {
            DocKind::Ticket => "ticket",
            DocKind::Article => "kb",
        }
    }
}

/// One result, best first.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub id: u64,
    /// `INC-42`, `KB-3`.
    pub key: String,
    pub score: f32,
    pub title: String,
    /// Tickets: the state when last indexed (always current: the index catches up first).
    pub status: Option<String>,
    /// Tickets: the type; articles: the linked types.
    pub types: Vec<String>,
    pub assignee: Option<String>,
    pub created_at: Option<DateTime<Utc>>,
    /// A short passage around the first query word found in the body or the replies.
    pub snippet: String,
    /// Articles: the tags.
    pub tags: Vec<String>,
}

impl Engine {
    /// Open the index under `paths`, building it if it is missing (or `rebuild`), then
    /// catch up with the store. `open_store` opens the hot store (waiting for its lock);
    /// `progress` shows a rebuild's progress (pass a hidden bar to stay silent). Without
    /// `build_large`, a missing index of a big store is not built ([`SearchError::NotBuilt`]):
    /// suggestions while filing a ticket must not turn into a minute of indexing.
    pub fn open<E: From<SearchError>>(
        paths: &Paths,
        lock_timeout: Duration,
        rebuild: bool,
        build_large: bool,
        open_store: &dyn Fn() -> Result<Store, E>,
        progress: &ProgressBar,
    ) -> Result<Engine, E> {
        fs::create_dir_all(&paths.dir)
            .map_err(io_error(&paths.dir))
            .map_err(E::from)?;
        let lock = DirLock::acquire(&paths.dir.join("lock"), lock_timeout)?;
        let index_dir = paths.dir.join("index");
        let (schema, fields) = schema();
        let mut maintenance = Maintenance::default();
        let existing = if rebuild {
            Err("--reindex".to_string())
        } else {
            open_existing(&index_dir, &schema)
        };
        let (index, indexed_seq) = match existing {
            Ok(found) => found,
            Err(reason) => {
                let (index, seq, docs) = build(
                    &index_dir,
                    &schema,
                    fields,
                    paths,
                    build_large,
                    open_store,
                    progress,
                )?;
                maintenance.rebuilt = Some((docs, reason));
                (index, seq)
            }
        };
        let mut engine = Engine {
            index,
            fields,
            _lock: lock,
            maintenance,
        };
        engine.maintenance.caught_up =
            engine.catch_up(indexed_seq, paths, build_large, open_store, progress)?;
        Ok(engine)
    }

    /// Index what the store changed since `indexed_seq`; returns how many documents.
    fn catch_up<E: From<SearchError>>(
        &mut self,
        indexed_seq: u64,
        paths: &Paths,
        build_large: bool,
        open_store: &dyn Fn() -> Result<Store, E>,
        progress: &ProgressBar,
    ) -> Result<usize, E> {
        let store = open_store()?;
        let txn = store.txn();
        let (fresh, stale) = if store.is_shared() {
            // A team store's queue is never cleared: read only what is new to this host.
            let fresh = txn.search_pending_since(indexed_seq).map_err(SearchError::from)?;
            (fresh, 0)
        } else {
            let pending = txn.search_pending().map_err(SearchError::from)?;
            let fresh: Vec<(SearchDoc, u64)> = pending
                .iter()
                .filter(|(_, seq)| *seq > indexed_seq)
                .copied()
                .collect();
            let stale = pending.len() - fresh.len();
            (fresh, stale)
        };
        drop(txn);
        if fresh.len() > CATCH_UP_LIMIT {
            drop(store);
            let (schema, _) = schema();
            let (index, _, docs) = build(
                &paths.dir.join("index"),
                &schema,
                self.fields,
                paths,
                build_large,
                open_store,
                progress,
            )?;
            self.index = index;
            self.maintenance.rebuilt = Some((
                docs,
                match fresh.len() {
                    1 => "1 change to catch up with".to_string(),
                    n => format!("{n} changes to catch up with"),
                },
            ));
            return Ok(0);
        }
        let mut documents = Vec::with_capacity(fresh.len());
        for (doc, _) in &fresh {
            let built = match *doc {
                SearchDoc::Ticket(id) => store
                    .find_ticket(id)
                    .map_err(SearchError::from)?
                    .map(|(record, _)| ticket_document(self.fields, &record)),
                SearchDoc::Article(id) => store
                    .txn()
                    .article(id)
                    .map_err(SearchError::from)?
                    .map(|article| article_document(self.fields, &article)),
            };
            documents.push((*doc, built));
        }
        // On a team store every host keeps its own index, each with its own sequence
        // number: an entry one host has indexed may be news to another, so none is cleared.
        if stale >= CLEAR_BATCH && !store.is_shared() {
            // What earlier searches indexed no longer needs its entry, once that is on disk.
            let index_dir = paths.dir.join("index");
            directory::sync_all(&index_dir).map_err(io_error(&index_dir))?;
            let mut txn = store.txn();
            txn.clear_search_pending(indexed_seq).map_err(SearchError::from)?;
            txn.commit().map_err(SearchError::from)?;
        }
        drop(store);
        let Some(new_seq) = fresh.iter().map(|(_, seq)| *seq).max() else {
            return Ok(0);
        };
        let mut writer: IndexWriter = self
            .index
            .writer_with_num_threads(1, 15_000_000)
            .map_err(SearchError::from)?;
        let mut policy = LogMergePolicy::default();
        policy.set_max_docs_before_merge(MERGE_MAX_DOCS);
        writer.set_merge_policy(Box::new(policy));
        for (doc, built) in documents {
            writer.delete_term(Term::from_field_text(self.fields.doc_key, &doc_key(doc)));
            if let Some(document) = built {
                writer.add_document(document).map_err(SearchError::from)?;
            }
        }
        commit(&mut writer, new_seq)?;
        writer.wait_merging_threads().map_err(SearchError::from)?;
        Ok(fresh.len())
    }

    /// The best `request.limit` matches, best first.
    pub fn search(&self, request: &SearchRequest) -> Result<Vec<Hit>, SearchError> {
        let terms = query_terms(&request.text);
        if terms.is_empty() {
            return Err(SearchError::EmptyQuery(request.text.clone()));
        }
        let f = self.fields;
        // Where a word is found weighs how much it says: the title most.
        let mut weighted = vec![(f.title, 3.0), (f.values, 1.5), (f.body, 1.0), (f.replies, 1.0)];
        if request.include_notes {
            weighted.push((f.notes, 1.0));
        }
        let mut words: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for term in &terms {
            for &(field, boost) in &weighted {
                let query = TermQuery::new(Term::from_field_text(field, term), IndexRecordOption::WithFreqs);
                words.push((Occur::Should, Box::new(BoostQuery::new(Box::new(query), boost))));
            }
        }
        let mut clauses: Vec<(Occur, Box<dyn Query>)> =
            vec![(Occur::Must, Box::new(BooleanQuery::new(words)))];
        let filter = |query: Box<dyn Query>| -> (Occur, Box<dyn Query>) {
            (Occur::Must, Box::new(ConstScoreQuery::new(query, 0.0)))
        };
        let exact = |field: Field, value: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(field, value),
                IndexRecordOption::Basic,
            ))
        };
        let any_of = |field: Field, values: &[&str]| -> Box<dyn Query> {
            Box::new(BooleanQuery::new(
                values.iter().map(|v| (Occur::Should, exact(field, v))).collect(),
            ))
        };
        clauses.push(filter(exact(f.kind, request.kind.as_str())));
        if !request.statuses.is_empty() {
            let statuses: Vec<&str> = request.statuses.iter().map(|s| s.as_str()).collect();
            clauses.push(filter(any_of(f.status, &statuses)));
        }
        if let Some(name) = &request.ticket_type {
            clauses.push(filter(match request.kind {
                DocKind::Ticket => exact(f.ticket_type, name),
                DocKind::Article => any_of(f.ticket_type, &[name.as_str(), ANY_TYPE]),
            }));
        }
        if let Some(name) = &request.requester {
            clauses.push(filter(exact(f.requester, name)));
        }
        if let Some(name) = &request.assignee {
            clauses.push(filter(exact(f.assignee, name)));
        }
        if request.since.is_some() || request.until.is_some() {
            let bound = |at: Option<DateTime<Utc>>, inclusive: bool| match at {
                Some(at) if inclusive => Bound::Included(Term::from_field_i64(f.created, at.timestamp())),
                Some(at) => Bound::Excluded(Term::from_field_i64(f.created, at.timestamp())),
                None => Bound::Unbounded,
            };
            let range = RangeQuery::new(bound(request.since, true), bound(request.until, false));
            clauses.push(filter(Box::new(range)));
        }
        let query = BooleanQuery::new(clauses);
        let reader = self.index.reader()?;
        let searcher = reader.searcher();
        let top = searcher.search(
            &query,
            &TopDocs::with_limit(request.limit.max(1)).order_by_score(),
        )?;
        let mut hits = Vec::with_capacity(top.len());
        for (score, address) in top {
            let stored: TantivyDocument = searcher.doc(address)?;
            let text = |field: Field| {
                stored
                    .get_first(field)
                    .and_then(|v| v.as_str().map(str::to_string))
            };
            let all = |field: Field| -> Vec<String> {
                stored
                    .get_all(field)
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()
            };
            let excerpt = text(f.excerpt).unwrap_or_default();
            let is_article = request.kind == DocKind::Article;
            hits.push(Hit {
                id: stored
                    .get_first(f.id)
                    .and_then(|v| v.as_u64())
                    .unwrap_or_default(),
                key: text(f.key).unwrap_or_default(),
                score,
                title: text(f.title).unwrap_or_default(),
                status: text(f.status),
                types: all(f.ticket_type).into_iter().filter(|t| t != ANY_TYPE).collect(),
                assignee: text(f.assignee),
                created_at: stored
                    .get_first(f.created)
                    .and_then(|v| v.as_i64())
                    .and_then(|s| DateTime::from_timestamp(s, 0)),
                snippet: snippet(&excerpt, &request.text, &terms),
                tags: if is_article { all(f.values) } else { Vec::new() },
            });
        }
        Ok(hits)
    }
}

/// The `type` value of an article linked to no type: it answers any.
const ANY_TYPE: &str = "*";

fn doc_key(doc: SearchDoc) -> String {
    match doc {
        SearchDoc::Ticket(id) => format!("t{id}"),
        SearchDoc::Article(id) => format!("k{id}"),
    }
}

fn payload_of(index: &Index) -> Option<Payload> {
    let metas = index.load_metas().ok()?;
    serde_json::from_str(metas.payload.as_deref()?).ok()
}

/// The index at `dir` with the sequence number it has indexed up to, or why it must be built.
fn open_existing(dir: &Path, schema: &Schema) -> Result<(Index, u64), String> {
    if !dir.join("meta.json").exists() {
        return Err("no search index yet".into());
    }
    let directory = LazySyncDirectory::open(dir).map_err(|e| format!("the index is unreadable ({e})"))?;
    let index = Index::open(directory).map_err(|e| format!("the index is unreadable ({e})"))?;
    if index.schema() != *schema {
        return Err("the index has an older format".into());
    }
    match payload_of(&index) {
        Some(payload) if payload.version == INDEX_VERSION => {
            register_tokenizers(&index);
            Ok((index, payload.seq))
        }
        Some(_) => Err("the index has an older format".into()),
        None => Err("the index was never completed".into()),
    }
}

fn commit(writer: &mut IndexWriter, seq: u64) -> Result<(), SearchError> {
    let payload = serde_json::to_string(&Payload {
        version: INDEX_VERSION,
        seq,
    })
    .expect("payload serializes");
    let mut prepared = writer.prepare_commit()?;
    prepared.set_payload(&payload);
    prepared.commit()?;
    Ok(())
}

/// Build the index at `dir` from scratch. Returns it, the sequence number it covers, and
/// how many documents it holds.
///
/// The store is open only while the hot tickets and articles are read; the archive's
/// committed segments (as of that moment) are read after, with the store closed: committed
/// frames never change. Anything written meanwhile carries a higher sequence number and is
/// picked up by the catch-up that follows.
fn build<E: From<SearchError>>(
    dir: &Path,
    schema: &Schema,
    fields: Fields,
    paths: &Paths,
    build_large: bool,
    open_store: &dyn Fn() -> Result<Store, E>,
    progress: &ProgressBar,
) -> Result<(Index, u64, u64), E> {
    let store = open_store()?;
    let (seq, hot, articles, manifest, restored) = {
        let txn = store.txn();
        let seq = txn.search_seq().map_err(SearchError::from)?;
        let query = TicketQuery {
            statuses: Status::ALL.to_vec(),
            ..Default::default()
        };
        let mut hot = Vec::new();
        for ticket in txn.query_tickets(&query).map_err(SearchError::from)? {
            let events = txn.events(ticket.id).map_err(SearchError::from)?;
            hot.push(ArchivedTicket { ticket, events });
        }
        let articles = txn.articles().map_err(SearchError::from)?;
        let manifest = txn.cold_manifest().map_err(SearchError::from)?;
        let restored: BTreeSet<u64> = txn.restored_ids().map_err(SearchError::from)?;
        (seq, hot, articles, manifest, restored)
    };
    drop(store);
    let total = hot.len() as u64 + articles.len() as u64 + manifest.records();
    if !build_large && total > QUICK_BUILD_DOCS {
        return Err(SearchError::NotBuilt(format!("{total} documents to index")).into());
    }

    if dir.exists() {
        fs::remove_dir_all(dir).map_err(io_error(dir)).map_err(E::from)?;
    }
    fs::create_dir_all(dir).map_err(io_error(dir)).map_err(E::from)?;
    let directory = LazySyncDirectory::open(dir).map_err(|e| SearchError::Index(e.into()))?;
    let index =
        Index::create(directory, schema.clone(), IndexSettings::default()).map_err(SearchError::from)?;
    register_tokenizers(&index);
    progress.set_length(total);
    let mut writer: IndexWriter = index
        .writer_with_num_threads(2, 256_000_000)
        .map_err(SearchError::from)?;
    writer.set_merge_policy(Box::new(NoMergePolicy));
    let mut docs = 0u64;
    let hot_ids: BTreeSet<u64> = hot.iter().map(|r| r.ticket.id).collect();
    for record in &hot {
        writer
            .add_document(ticket_document(fields, record))
            .map_err(SearchError::from)?;
        docs += 1;
        progress.inc(1);
    }
    for article in &articles {
        writer
            .add_document(article_document(fields, article))
            .map_err(SearchError::from)?;
        docs += 1;
        progress.inc(1);
    }
    let cold = ColdArchive::new(&paths.cold_dir);
    cold.scan(&manifest, &restored, |record| {
        // A ticket archived after the snapshot is past the snapshot's committed end, so it
        // is never read here; one read from the hot store is not read twice.
        if !hot_ids.contains(&record.ticket.id) {
            writer
                .add_document(ticket_document(fields, &record))
                .map_err(|e| StoreError::Backend(e.to_string()))?;
            docs += 1;
        }
        progress.inc(1);
        Ok(())
    })
    .map_err(SearchError::from)?;
    commit(&mut writer, seq)?;
    writer.wait_merging_threads().map_err(SearchError::from)?;
    progress.finish_and_clear();
    Ok((index, seq, docs))
}

fn ticket_document(f: Fields, record: &ArchivedTicket) -> TantivyDocument {
    let ticket = &record.ticket;
    let texts = |kinds: &[EventKind]| -> String {
        let texts: Vec<&str> = record
            .events
            .iter()
            .filter(|e| kinds.contains(&e.kind))
            .filter_map(|e| e.message.as_deref())
            .collect();
        texts.join("\n")
    };
    // What the requester also reads, apart from the agents' internal notes: snippets
    // come from the first only, so no one is shown a note in a result.
    let replies = texts(&[EventKind::Replied, EventKind::Occurred, EventKind::Rated]);
    let notes = texts(&[EventKind::Commented]);
    let mut values: Vec<String> = ticket
        .fields
        .values()
        .map(|value| match value {
            serde_json::Value::String(text) => text.clone(),
            other => other.to_string(),
        })
        .collect();
    values.extend(ticket.tags.iter().cloned());
    let mut document = doc!(
        f.doc_key => doc_key(SearchDoc::Ticket(ticket.id)),
        f.kind => DocKind::Ticket.as_str(),
        f.id => ticket.id,
        f.key => ticket.display_id(),
        f.title => ticket.title.as_str(),
        f.body => ticket.body.as_str(),
        f.replies => replies.as_str(),
        f.notes => notes.as_str(),
        f.requester => ticket.requester.as_str(),
        f.values => values.join(" "),
        f.status => ticket.status.as_str(),
        f.ticket_type => ticket.ticket_type.as_str(),
        f.created => ticket.created_at.timestamp(),
        f.excerpt => excerpt(&[&ticket.body, &replies]),
    );
    if let Some(assignee) = &ticket.assignee {
        document.add_text(f.assignee, assignee);
    }
    document
}

fn article_document(f: Fields, article: &Article) -> TantivyDocument {
    let mut document = doc!(
        f.doc_key => doc_key(SearchDoc::Article(article.id)),
        f.kind => DocKind::Article.as_str(),
        f.id => article.id,
        f.key => article.display_id(),
        f.title => article.title.as_str(),
        f.body => article.body.as_str(),
        f.created => article.created_at.timestamp(),
        f.excerpt => excerpt(&[&article.body]),
    );
    for tag in &article.tags {
        document.add_text(f.values, tag);
    }
    if article.types.is_empty() {
        document.add_text(f.ticket_type, ANY_TYPE);
    }
    for name in &article.types {
        document.add_text(f.ticket_type, name);
    }
    document
}

/// The start of the texts, for snippets.
fn excerpt(parts: &[&str]) -> String {
    let joined = parts
        .iter()
        .filter(|p| !p.trim().is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join("\n");
    joined.chars().take(EXCERPT_CHARS).collect()
}

/// Up to [`SNIPPET_CHARS`] characters of `text` around the first query word found in it
/// (as typed, or as indexed), on one line; the start of the text when none is.
pub fn snippet(text: &str, query: &str, terms: &[String]) -> String {
    const SNIPPET_CHARS: usize = 80;
    const BEFORE: usize = 20;
    let lower = text.to_lowercase();
    let mut needles: Vec<String> = query
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    needles.extend(terms.iter().cloned());
    let found = needles
        .iter()
        .filter_map(|needle| lower.find(needle.as_str()))
        .min()
        .map(|byte| lower[..byte].chars().count())
        .unwrap_or(0);
    let chars: Vec<char> = text.chars().collect();
    let mut start = found.saturating_sub(BEFORE);
    // Start at a word, not in the middle of one (CJK text has no spaces: any place will do).
    if let Some(space) = (start > 0)
        .then(|| chars[start..found].iter().position(|c| c.is_whitespace()))
        .flatten()
    {
        start += space + 1;
    }
    let end = (start + SNIPPET_CHARS).min(chars.len());
    let mut out: String = chars[start..end]
        .iter()
        .map(|c| if c.is_whitespace() { ' ' } else { *c })
        .collect();
    out = out
        .split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    if start > 0 {
        out.insert(0, '…');
    }
    if end < chars.len() {
        out.push('…');
    }
    out
}

/// An exclusive `flock` on a file, waited for with the store's backoff.
struct DirLock {
    _file: fs::File,
}

impl DirLock {
    fn acquire(path: &Path, timeout: Duration) -> Result<DirLock, SearchError> {
        let file = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(path)
            .map_err(io_error(path))?;
        let started = Instant::now();
        let mut delay = Duration::from_millis(1);
        loop {
            if try_lock(&file) {
                return Ok(DirLock { _file: file });
            }
            let elapsed = started.elapsed();
            if elapsed >= timeout {
                return Err(SearchError::Busy { waited: elapsed });
            }
            std::thread::sleep(delay.mul_f64(0.5 + fastrand::f64()).min(timeout - elapsed));
            delay = (delay * 2).min(Duration::from_millis(50));
        }
    }
}

#[cfg(unix)]
fn try_lock(file: &fs::File) -> bool {
    use std::os::unix::io::AsRawFd;
    // SAFETY: flock(2) on a descriptor we own; closing the file releases the lock.
    unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) == 0 }
}

#[cfg(not(unix))]
fn try_lock(_file: &fs::File) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_terms_are_lowercased_stemmed_and_without_stop_words() {
        assert_eq!(query_terms("The VPN Timeouts"), ["vpn", "timeout"]);
        assert_eq!(query_terms("打印机 故障"), ["打印", "印机", "故障"]);
        assert!(query_terms("the of !!").is_empty());
    }

    #[test]
    fn snippets_centre_on_the_first_match() {
        let text =
            "Users report that after the upgrade the VPN client drops every hour, mostly in the afternoon.";
        let shown = snippet(text, "vpn", &query_terms("vpn"));
        assert!(shown.starts_with('…') && shown.contains("VPN client"), "{shown}");
        assert_eq!(snippet("short text", "absent", &[]), "short text");
        let chinese = snippet("打印机无法连接，显示脱机状态", "脱机", &query_terms("脱机"));
        assert!(chinese.contains("脱机"), "{chinese}");
    }
}
