//! `desk ticket list`: tickets in queue order, from the hot store's indexes.

use clap::builder::PossibleValuesParser;
use clap::Args;

use crate::cli::context::Context;
use crate::cli::error::CommandError;
use crate::cli::intake;
use crate::cli::output::{self, TicketJson};
use crate::cli::ui::StyledCell;
use crate::domain::{Priority, Status, Ticket};
use crate::store::{Store, TicketQuery, TicketRow};

use super::show::status_color;

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  desk ticket list                            open tickets by priority, then age
  desk ticket list -s unclaimed -t incident   incidents nobody has claimed
  desk ticket list -a me -p urgent,high       your urgent and high tickets
  desk ticket list --tag vpn --all            tagged vpn, recently closed too
  desk ticket list --archived -r alice -n 20  20 of alice's archived tickets")]
pub struct ListArgs {
    /// Only these states (comma-separated) [default: unclaimed,pending,awaiting]
    #[arg(long, short = 's', value_delimiter = ',', value_parser = PossibleValuesParser::new(["unclaimed", "pending", "awaiting", "closed"]))]
    pub status: Vec<String>,
    /// Only tickets assigned to this agent (`me` for yourself)
    #[arg(long, short = 'a', value_name = "AGENT")]
    pub assignee: Option<String>,
    /// Only tickets of this type
    #[arg(long = "type", short = 't', value_name = "TYPE")]
    pub ticket_type: Option<String>,
    /// Only tickets filed by this requester (`me` for yourself)
    #[arg(long, short = 'r', value_name = "NAME", value_parser = crate::cli::context::parse_requester)]
    pub requester: Option<String>,
    /// Only tickets of these priorities (comma-separated)
    #[arg(long, short = 'p', value_delimiter = ',', value_parser = PossibleValuesParser::new(["urgent", "high", "normal", "low"]))]
    pub priority: Vec<String>,
    /// Only tickets carrying this tag
    #[arg(long, value_name = "TAG")]
    pub tag: Option<String>,
    /// Only tickets you follow (我关注的), or that NAME follows
    #[arg(long, value_name = "NAME", num_args = 0..=1, default_missing_value = "me")]
    pub watching: Option<String>,
    /// Only tickets routed to this department
    #[arg(long, value_name = "DEPARTMENT")]
    pub department: Option<String>,
    /// Include recently closed tickets (archived ones are not listed)
    #[arg(long, conflicts_with = "status")]
    pub all: bool,
    /// List archived tickets instead (from the cold archive; same filters, every state
    /// unless --status)
    #[arg(long, conflicts_with = "all")]
    pub archived: bool,
    /// Show at most this many
    #[arg(long, short = 'n', value_name = "N")]
    pub limit: Option<usize>,
}

/// `--type NAME` must name a type of the catalog (a broken template still counts), so a typo
/// is an error with a hint rather than an empty list. A type whose template was removed is
/// still accepted while tickets of it match.
pub(crate) fn check_type(ctx: &Context, name: &str, nothing_matched: bool) -> Result<(), CommandError> {
    let catalog = ctx.catalog()?;
    if !nothing_matched || catalog.broken(name).is_some() {
        return Ok(());
    }
    intake::find_template(&catalog, name).map(|_| ())
}

pub fn run(ctx: &Context, args: &ListArgs) -> Result<(), CommandError> {
    let me = |name: &Option<String>| {
        name.as_ref().map(|n| {
            if n == "me" {
                ctx.user().to_string()
            } else {
                n.clone()
            }
        })
    };
    let statuses: Vec<Status> = if args.all || (args.archived && args.status.is_empty()) {
        Status::ALL.to_vec()
    } else if args.status.is_empty() {
        vec![Status::Unclaimed, Status::Pending, Status::Awaiting]
    } else {
        args.status.iter().map(|s| s.parse()).collect::<Result<_, _>>()?
    };
    let priorities: Vec<Priority> = args
        .priority
        .iter()
        .map(|p| p.parse())
        .collect::<Result<_, _>>()?;
    // `me` is the acting user, known once the store has authenticated them.
    let store = ctx.open_store()?;
    let txn = store.txn();
    let mut query = TicketQuery {
        statuses,
        assignee: me(&args.assignee),
        ticket_type: args.ticket_type.clone(),
        requester: me(&args.requester),
        tag: args
            .tag
            .as_deref()
            .map(crate::domain::labels::normalize_tag)
            .transpose()?,
        watcher: me(&args.watching),
        department: args.department.clone(),
    };
    // Requesters list their own tickets only, whatever the filters say, and those they
    // follow with `--watching`.
    let viewer = ctx.viewer(&txn)?;
    if let Some(other) = query.watcher.as_deref().filter(|w| *w != viewer.name()) {
        if !viewer.is_staff() {
            return Err(CommandError::denied(format!(
                "permission denied: requesters list only the tickets they follow, not {other}'s"
            )));
        }
    }
    if let Some(department) = &args.department {
        crate::cli::departments::check_known(ctx, department)?;
    }
    if !viewer.is_staff() && query.watcher.is_some() {
        if query.requester.is_some() {
            return Err(CommandError::invalid(
                "--watching lists tickets you follow, not ones you requested: leave out --requester",
            ));
        }
    } else if !viewer.is_staff() {
        if let Some(other) = query.requester.as_deref().filter(|r| *r != viewer.name()) {
            return Err(CommandError::denied(format!(
                "permission denied: requesters list only their own tickets, not {other}'s"
            )));
        }
        query.requester = Some(viewer.name().to_string());
    }
    // A mistyped name must not look like an empty queue. `me` is whoever acts, agent or not.
    if let Some(name) = args.assignee.as_deref().filter(|&name| name != "me") {
        ctx.agent(&txn, name)?;
    }
    if args.archived {
        drop(txn);
        return archived(ctx, args, store, &query, &priorities);
    }
    // `-q` with only status and priority filters is answered from the status index keys
    // (they hold the priority): scripts listing a big queue decode no ticket.
    if ctx.ui.is_quiet()
        && query.assignee.is_none()
        && query.requester.is_none()
        && query.ticket_type.is_none()
        && query.tag.is_none()
        && query.watcher.is_none()
        && query.department.is_none()
    {
        let ranks: Vec<u8> = priorities.iter().map(|p| p.rank()).collect();
        let mut ids = txn.queue_ids(&query.statuses, &ranks)?;
        drop(txn);
        drop(store);
        if let Some(limit) = args.limit {
            ids.truncate(limit);
        }
        for id in ids {
            ctx.ui.line(id.to_string())?;
        }
        return Ok(());
    }
    if ctx.ui.is_json() {
        let mut tickets = txn.query_tickets(&query)?;
        drop(txn);
        drop(store);
        if let Some(name) = &args.ticket_type {
            check_type(ctx, name, tickets.is_empty())?;
        }
        tickets.retain(|t| priorities.is_empty() || priorities.contains(&t.priority));
        tickets.truncate(args.limit.unwrap_or(usize::MAX));
        let items: Vec<TicketJson> = tickets.iter().map(|t| TicketJson::new(t, false)).collect();
        return ctx.ui.json(&items);
    }
    // People and pipes see a few columns: decode only those.
    let mut tickets = txn.query_rows(&query)?;
    drop(txn);
    drop(store);
    if let Some(name) = &args.ticket_type {
        check_type(ctx, name, tickets.is_empty())?;
    }
    tickets.retain(|t| priorities.is_empty() || priorities.contains(&t.priority));
    tickets.truncate(args.limit.unwrap_or(usize::MAX));
    if ctx.ui.is_quiet() {
        for ticket in &tickets {
            ctx.ui.line(ticket.id.to_string())?;
        }
        return Ok(());
    }
    table(ctx, &tickets)
}

/// `--archived`: the same filters and output, over the cold archive (every segment read,
/// several at once; only the listed columns are decoded for a table).
fn archived(
    ctx: &Context,
    args: &ListArgs,
    store: Store,
    query: &TicketQuery,
    priorities: &[Priority],
) -> Result<(), CommandError> {
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let labelled = |tags: &[String], watchers: &[String], department: Option<&String>| {
        query.tag.as_ref().is_none_or(|t| tags.contains(t))
            && query.watcher.as_ref().is_none_or(|w| watchers.contains(w))
            && query.department.as_ref().is_none_or(|d| Some(d) == department)
    };
    let matches = |fields: (&Status, &Priority, &String, &String, Option<&String>)| {
        let (status, priority, ticket_type, requester, assignee) = fields;
        query.statuses.contains(status)
            && (priorities.is_empty() || priorities.contains(priority))
            && query.ticket_type.as_ref().is_none_or(|t| t == ticket_type)
            && query.requester.as_ref().is_none_or(|r| r == requester)
            && query.assignee.as_ref().is_none_or(|a| Some(a) == assignee)
    };
    let limit = args.limit.unwrap_or(usize::MAX);
    if ctx.ui.is_json() {
        let mut tickets: Vec<Ticket> = store.archived(threads, |t: &Ticket| {
            matches((
                &t.status,
                &t.priority,
                &t.ticket_type,
                &t.requester,
                t.assignee.as_ref(),
            )) && labelled(&t.tags, &t.watchers, t.department.as_ref())
        })?;
        drop(store);
        if let Some(name) = &args.ticket_type {
            check_type(ctx, name, tickets.is_empty())?;
        }
        tickets.sort_by_key(|t| (t.priority.rank(), t.id));
        tickets.truncate(limit);
        let items: Vec<TicketJson> = tickets.iter().map(|t| TicketJson::new(t, true)).collect();
        return ctx.ui.json(&items);
    }
    let mut tickets: Vec<TicketRow> = store.archived(threads, |t: &TicketRow| {
        matches((
            &t.status,
            &t.priority,
            &t.ticket_type,
            &t.requester,
            t.assignee.as_ref(),
        )) && labelled(&t.tags, &t.watchers, t.department.as_ref())
    })?;
    drop(store);
    if let Some(name) = &args.ticket_type {
        check_type(ctx, name, tickets.is_empty())?;
    }
    tickets.sort_by_key(|t| (t.priority.rank(), t.id));
    tickets.truncate(limit);
    if ctx.ui.is_quiet() {
        for ticket in &tickets {
            ctx.ui.line(ticket.id.to_string())?;
        }
        return Ok(());
    }
    table(ctx, &tickets)
}

fn table(ctx: &Context, tickets: &[TicketRow]) -> Result<(), CommandError> {
    if tickets.is_empty() {
        ctx.ui.note("No tickets match.");
        return Ok(());
    }
    ctx.page();
    let rows = tickets
        .iter()
        .map(|t| {
            vec![
                StyledCell::plain(t.display_id()),
                StyledCell::colored(t.status.as_str(), status_color(t.status)),
                StyledCell::plain(t.priority.as_str()),
                StyledCell::plain(&t.ticket_type),
                StyledCell::plain(&t.title),
                StyledCell::plain(t.assignee.as_deref().unwrap_or("-")),
                StyledCell::plain(&t.requester),
                StyledCell::plain(output::age(t.created_at, ctx.now)),
            ]
        })
        .collect();
    ctx.ui.table(
        &[
            "ID",
            "STATUS",
            "PRIORITY",
            "TYPE",
            "TITLE",
            "ASSIGNEE",
            "REQUESTER",
            "AGE",
        ],
        rows,
    )
}
