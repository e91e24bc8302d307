//! The command line's side of full-text search: opening the index for a command (with a
//! progress bar while a rebuild runs on a terminal), its errors as exit codes, and the
//! `--json` shape of a result. Used by `ticket search`, `kb search` and `ticket new`'s
//! suggestions.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::search::{Engine, Hit, Paths, SearchError};

use super::context::Context;
use super::error::{CommandError, ExitKind};
use super::progress::Progress;

impl From<SearchError> for CommandError {
    fn from(error: SearchError) -> Self {
        match error {
            SearchError::Store(error) => CommandError::from(error),
            SearchError::Busy { .. } => CommandError::new(ExitKind::Busy, error.to_string())
                .with_hint("another desk search is running (or rebuilding the index); raise DESK_LOCK_TIMEOUT to wait longer"),
            SearchError::NotBuilt(_) => CommandError::new(ExitKind::Failure, error.to_string())
                .with_hint("build it once with `desk ticket search --reindex`"),
            SearchError::EmptyQuery(_) => CommandError::invalid(error.to_string())
                .with_hint("search for words from the title, body, replies or fields"),
            _ => CommandError::new(ExitKind::Failure, error.to_string())
                .with_hint("rebuild the index with `desk ticket search --reindex`"),
        }
    }
}

/// Open the search index of the home, up to date with the store (`rebuild`: from scratch).
/// `for_suggestions`: for `ticket new`'s suggestions, which never build a big index (and
/// say nothing when they build a small one); searches build whatever is missing.
pub fn open_engine(ctx: &Context, rebuild: bool, for_suggestions: bool) -> Result<Engine, CommandError> {
    ctx.home.require()?;
    let paths = Paths {
        dir: ctx.home.root().join("search"),
        cold_dir: ctx.home.cold_dir(),
    };
    // `ticket new` catching the index up by a ticket or two must not flash a bar.
    let progress = if for_suggestions {
        Progress::hidden()
    } else {
        Progress::items(&ctx.ui, 0, "indexing tickets")
    };
    let engine = Engine::open(
        &paths,
        ctx.lock_timeout,
        rebuild,
        !for_suggestions,
        &|| ctx.open_store(),
        progress.bar(),
    )?;
    if let Some((documents, reason)) = engine.maintenance.rebuilt.as_ref().filter(|_| !for_suggestions) {
        ctx.ui.note(format!(
            "Built the search index: {} ({reason}).",
            super::output::counted(*documents, "document")
        ));
    }
    Ok(engine)
}

/// One search result in `--json`.
#[derive(Serialize)]
pub struct HitJson<'a> {
    pub id: u64,
    pub key: &'a str,
    /// BM25 relevance (higher is better; comparable within one query only).
    pub score: f32,
    pub title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<&'a str>,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub ticket_type: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub types: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assignee: Option<Option<&'a str>>,
    pub created_at: Option<DateTime<Utc>>,
    pub snippet: &'a str,
}

impl<'a> HitJson<'a> {
    pub fn ticket(hit: &'a Hit) -> Self {
        HitJson {
            id: hit.id,
            key: &hit.key,
            score: round(hit.score),
            title: &hit.title,
            status: hit.status.as_deref(),
            ticket_type: hit.types.first().map(String::as_str),
            types: None,
            tags: None,
            assignee: Some(hit.assignee.as_deref()),
            created_at: hit.created_at,
            snippet: &hit.snippet,
        }
    }

    pub fn article(hit: &'a Hit) -> Self {
        HitJson {
            id: hit.id,
            key: &hit.key,
            score: round(hit.score),
            title: &hit.title,
            status: None,
            ticket_type: None,
            types: Some(&hit.types),
            tags: Some(&hit.tags),
            assignee: None,
            created_at: hit.created_at,
            snippet: &hit.snippet,
        }
    }
}

fn round(score: f32) -> f32 {
    (score * 1000.0).round() / 1000.0
}
