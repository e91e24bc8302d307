//! `desk requester …`: who files tickets, and the tier each belongs to.

use clap::{Args, Subcommand};
use serde::Serialize;

use crate::cli::context::Context;
use crate::cli::error::CommandError;
use crate::cli::output::{RequesterJson, TicketJson};
use crate::cli::ui::StyledCell;
use crate::domain::people::validate_name;
use crate::domain::Requester;
use crate::store::TicketQuery;

#[derive(Debug, Subcommand)]
pub enum RequesterCommand {
    /// Add a requester, or change their tier (agents)
    Add(AddArgs),
    /// List requesters
    List,
    /// Show a requester's tier and their tickets
    Show(ShowArgs),
}

#[derive(Debug, Args)]
pub struct AddArgs {
    pub name: String,
    /// The tier (e.g. standard, vip, enterprise, internal) [default: config's default tier]
    #[arg(long, value_name = "TIER")]
    pub tier: Option<String>,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    pub name: String,
}

pub fn run(ctx: &Context, command: &RequesterCommand) -> Result<(), CommandError> {
    match command {
        RequesterCommand::Add(args) => add(ctx, args),
        RequesterCommand::List => list(ctx),
        RequesterCommand::Show(args) => show(ctx, args),
    }
}

fn add(ctx: &Context, args: &AddArgs) -> Result<(), CommandError> {
    validate_name("requester", &args.name)?;
    let tier = match &args.tier {
        Some(tier) => tier.clone(),
        None => ctx.home.config()?.requesters.default_tier,
    };
    validate_name("tier", &tier)?;
    let store = ctx.open_store()?;
    let mut txn = store.txn();
    if txn.agent(&ctx.user)?.is_none() {
        return Err(CommandError::denied(format!(
            "permission denied: only agents manage requesters, and `{}` is not an agent",
            ctx.user
        )));
    }
    let (requester, verb) = match txn.requester(&args.name)? {
        Some(mut existing) => {
            if existing.tier == tier {
                return Err(CommandError::conflict(format!(
                    "requester `{}` already exists with tier {tier}",
                    args.name
                )));
            }
            existing.tier = tier;
            (existing, "Updated")
        }
        None => (
            Requester {
                name: args.name.clone(),
                tier,
                created_at: ctx.now,
            },
            "Added",
        ),
    };
    txn.put_requester(&requester);
    txn.commit()?;
    drop(store);
    if ctx.ui.is_json() {
        ctx.ui.json(&RequesterJson::new(&requester))
    } else if ctx.ui.is_quiet() {
        ctx.ui.line(&requester.name)
    } else {
        ctx.ui.line(format!(
            "{verb} requester {} (tier {})",
            requester.name, requester.tier
        ))
    }
}

fn list(ctx: &Context) -> Result<(), CommandError> {
    let store = ctx.open_store()?;
    let requesters = store.txn().requesters()?;
    drop(store);
    if ctx.ui.is_json() {
        let items: Vec<RequesterJson> = requesters.iter().map(RequesterJson::new).collect();
        return ctx.ui.json(&items);
    }
    if ctx.ui.is_quiet() {
        for requester in &requesters {
            ctx.ui.line(&requester.name)?;
        }
        return Ok(());
    }
    let rows = requesters
        .iter()
        .map(|r| vec![StyledCell::plain(&r.name), StyledCell::plain(&r.tier)])
        .collect();
    ctx.ui.table(&["NAME", "TIER"], rows)
}

#[derive(Serialize)]
struct ShowJson<'a> {
    #[serde(flatten)]
    requester: RequesterJson<'a>,
    /// Whether the requester has a record (otherwise the default tier applies).
    known: bool,
    tickets: Vec<TicketJson<'a>>,
}

fn show(ctx: &Context, args: &ShowArgs) -> Result<(), CommandError> {
    let default_tier = ctx.home.config()?.requesters.default_tier;
    let store = ctx.open_store()?;
    let txn = store.txn();
    let record = txn.requester(&args.name)?;
    let tickets = txn.query_tickets(&TicketQuery {
        requester: Some(args.name.clone()),
        ..Default::default()
    })?;
    drop(txn);
    drop(store);
    if record.is_none() && tickets.is_empty() {
        return Err(
            CommandError::not_found(format!("requester `{}` not found", args.name))
                .with_hint("add one with `desk requester add NAME --tier TIER`"),
        );
    }
    let known = record.is_some();
    let requester = record.unwrap_or(Requester {
        name: args.name.clone(),
        tier: default_tier,
        created_at: tickets.first().map(|t| t.created_at).unwrap_or(ctx.now),
    });
    if ctx.ui.is_json() {
        return ctx.ui.json(&ShowJson {
            requester: RequesterJson::new(&requester),
            known,
            tickets: tickets.iter().map(|t| TicketJson::new(t, false)).collect(),
        });
    }
    if ctx.ui.is_quiet() {
        return ctx.ui.line(&requester.name);
    }
    let default_note = if known { "" } else { " (default tier; no record)" };
    ctx.ui.line(format!(
        "{}  tier {}{default_note}",
        requester.name, requester.tier
    ))?;
    ctx.ui
        .line(format!("  tickets   {} in the hot store", tickets.len()))?;
    for ticket in &tickets {
        ctx.ui.line(format!(
            "    {}  {}  {}  {}",
            ticket.display_id(),
            ticket.status,
            ticket.priority,
            ticket.title
        ))?;
    }
    Ok(())
}
