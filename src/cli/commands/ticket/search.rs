//! `desk ticket search QUERY`: tickets ranked by relevance (BM25) over title, body, replies,
//! comments and field values, hot and archived alike (see [`crate::search`]).

use clap::builder::PossibleValuesParser;
use clap::Args;

use crate::cli::context::Context;
use crate::cli::error::CommandError;
use crate::cli::intake;
use crate::cli::search::{open_engine, HitJson};
use crate::cli::ui::StyledCell;
use crate::domain::report::parse_bound;
use crate::domain::Status;
use crate::search::{DocKind, SearchRequest};

use super::show::status_color;

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  desk ticket search vpn drops  every ticket ever, best match first
  desk ticket search printer offline -s closed --since 30d
                                how it was solved in the last 30 days
  desk ticket search --reindex  rebuild the search index after it was lost")]
pub struct SearchArgs {
    /// Words to look for (any language; Chinese works without spaces)
    #[arg(value_name = "QUERY", required_unless_present = "reindex")]
    pub query: Vec<String>,
    /// Only tickets in these states (comma-separated)
    #[arg(long, short = 's', value_delimiter = ',', value_parser = PossibleValuesParser::new(["unclaimed", "pending", "awaiting", "closed"]))]
    pub status: Vec<String>,
    /// Only tickets of this type
    #[arg(long = "type", short = 't', value_name = "TYPE")]
    pub ticket_type: Option<String>,
    /// Only tickets assigned to this agent (`me` for yourself)
    #[arg(long, short = 'a', value_name = "AGENT")]
    pub assignee: Option<String>,
    /// Only tickets filed at or after: a time, a date (2026-03-01) or an age (7d, 12h, 2w)
    #[arg(long, value_name = "WHEN")]
    pub since: Option<String>,
    /// Only tickets filed before: a time, a date (through its end) or an age
    #[arg(long, value_name = "WHEN")]
    pub until: Option<String>,
    /// Show at most this many
    #[arg(long, short = 'n', value_name = "N", default_value_t = 20)]
    pub limit: usize,
    /// Rebuild the search index from the store first (after it was lost or damaged)
    #[arg(long)]
    pub reindex: bool,
}

pub fn run(ctx: &Context, args: &SearchArgs) -> Result<(), CommandError> {
    ctx.home.require()?;
    // Who asks decides what is searched: requesters their own tickets, without notes.
    let viewer = {
        let store = ctx.open_store()?;
        let viewer = ctx.viewer(&store.txn())?;
        viewer
    };
    let mut request = request(ctx, args)?;
    if !viewer.is_staff() {
        request.requester = Some(viewer.name().to_string());
    }
    request.include_notes = viewer.is_staff();
    if let Some(name) = &request.ticket_type {
        // A typo must not look like "no matches" (a removed type's old tickets still count).
        let catalog = ctx.catalog()?;
        if catalog.broken(name).is_none() {
            intake::find_template(&catalog, name)?;
        }
    }
    if let Some(name) = args.assignee.as_deref().filter(|&name| name != "me") {
        let store = ctx.open_store()?;
        ctx.agent(&store.txn(), name)?;
    }
    let engine = open_engine(ctx, args.reindex, false)?;
    if args.query.is_empty() {
        // `--reindex` alone: the rebuild was the whole job.
        return Ok(());
    }
    let hits = engine.search(&request)?;
    drop(engine);
    if ctx.ui.is_json() {
        let items: Vec<HitJson> = hits.iter().map(HitJson::ticket).collect();
        return ctx.ui.json(&items);
    }
    if ctx.ui.is_quiet() {
        for hit in &hits {
            ctx.ui.line(hit.id.to_string())?;
        }
        return Ok(());
    }
    if hits.is_empty() {
        ctx.ui.note("No tickets match.");
        return Ok(());
    }
    let rows = hits
        .iter()
        .map(|hit| {
            let status = hit.status.clone().unwrap_or_default();
            let color = status.parse::<Status>().map(status_color).ok();
            vec![
                StyledCell::plain(&hit.key),
                StyledCell::plain(format!("{:.2}", hit.score)),
                match color {
                    Some(color) => StyledCell::colored(status, color),
                    None => StyledCell::plain(status),
                },
                StyledCell::plain(hit.types.first().cloned().unwrap_or_default()),
                StyledCell::plain(&hit.title),
                StyledCell::plain(&hit.snippet),
            ]
        })
        .collect();
    ctx.ui
        .table(&["ID", "SCORE", "STATUS", "TYPE", "TITLE", "SNIPPET"], rows)
}

/// The request the flags describe; checked before anything is opened.
fn request(ctx: &Context, args: &SearchArgs) -> Result<SearchRequest, CommandError> {
    if args.limit == 0 {
        return Err(CommandError::invalid("--limit must be at least 1"));
    }
    let statuses = args
        .status
        .iter()
        .map(|s| s.parse())
        .collect::<Result<Vec<Status>, _>>()?;
    let since = args
        .since
        .as_deref()
        .map(|text| parse_bound(text, ctx.now, false))
        .transpose()?;
    let until = args
        .until
        .as_deref()
        .map(|text| parse_bound(text, ctx.now, true))
        .transpose()?;
    if let (Some(since), Some(until)) = (since, until) {
        if since >= until {
            return Err(CommandError::invalid(format!(
                "--since {} is not before --until {}",
                since.to_rfc3339(),
                until.to_rfc3339()
            )));
        }
    }
    let assignee = args.assignee.as_ref().map(|name| {
        if name == "me" {
            ctx.user().to_string()
        } else {
            name.clone()
        }
    });
    let text = args.query.join(" ");
    if !args.query.is_empty() && crate::search::query_terms(&text).is_empty() {
        return Err(crate::search::SearchError::EmptyQuery(text).into());
    }
    Ok(SearchRequest {
        text,
        kind: DocKind::Ticket,
        statuses,
        ticket_type: args.ticket_type.clone(),
        assignee,
        requester: None,
        include_notes: false,
        since,
        until,
        limit: args.limit,
    })
}
