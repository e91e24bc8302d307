//! `desk assign rebalance`: an offline agent's unstarted tickets (pending, no reply from
//! them yet) should not wait for their return. Per `routing.on_offline` they go back to the
//! queue (`unassigned` events), or straight to the best online agent (`transferred` events;
//! back to the queue when nobody can take one). Tickets an agent has replied on stay
//! theirs. `desk agent status NAME offline --rebalance` does the same for one agent as they
//! go offline, in the same commit.
//!
//! Busy agents keep their tickets: busy means at work on something else, not away.

use clap::Args;
use serde::Serialize;

use super::{count, require_agent, require_dispatcher, Inputs};
use crate::cli::context::Context;
use crate::cli::error::CommandError;
use crate::cli::home::Catalog;
use crate::cli::ui::StyledCell;
use crate::domain::decision::Decision;
use crate::domain::lifecycle;
use crate::domain::routing::{self, OnOffline, Router};
use crate::domain::{Agent, AgentStatus, Status, Ticket};
use crate::store::{TicketQuery, Txn};

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  desk assign rebalance --dry-run  what would move; writes nothing
  desk assign rebalance            free the unstarted tickets of offline agents")]
pub struct RebalanceArgs {
    /// Show what would move and write nothing (any agent may)
    #[arg(long)]
    pub dry_run: bool,
}

/// One unstarted ticket leaving an offline agent.
pub struct Move<'a> {
    pub ticket: Ticket,
    pub from: String,
    /// The online agent who takes it; None: back to the queue.
    pub to: Option<&'a Agent>,
    pub reason: String,
    /// Routing's decision, when it chose `to`.
    pub decision: Option<Decision>,
}

/// What should happen to the unstarted tickets of the offline agents among `names`.
pub fn plan<'a>(
    txn: &Txn<'_>,
    router: &mut Router<'a>,
    inputs: &'a Inputs,
    catalog: &Catalog,
    names: &[&str],
) -> Result<Vec<Move<'a>>, CommandError> {
    let mut moves = Vec::new();
    for agent in inputs.agents.iter().filter(|a| names.contains(&a.name.as_str())) {
        if agent.status != AgentStatus::Offline {
            continue;
        }
        let mut unstarted: Vec<Ticket> = txn
            .query_tickets(&TicketQuery {
                assignee: Some(agent.name.clone()),
                ..Default::default()
            })?
            .into_iter()
            .filter(|t| t.status == Status::Pending && t.handler_replies == 0)
            .collect();
        unstarted.sort_by_key(routing::queue_key);
        for ticket in unstarted {
            let offline = format!("{} is offline", agent.name);
            let (to, reason, decision) = match inputs.config.on_offline {
                OnOffline::Return => (None, format!("{offline}: back to the queue"), None),
                OnOffline::Reassign => {
                    let strategy = inputs.strategy(&ticket, None);
                    let needs = inputs.needs(catalog.get(&ticket.ticket_type), &ticket);
                    match router.choose(&needs, strategy) {
                        Ok(pick) => {
                            router.record(&pick.candidate.agent.name, ticket.priority, strategy);
                            let reason = format!("{offline}; {}", pick.reason);
                            (Some(pick.candidate.agent), reason, Some(pick.decision))
                        }
                        Err(why) => (None, format!("{offline}: back to the queue ({why})"), None),
                    }
                }
            };
            router.release(&agent.name, ticket.priority);
            moves.push(Move {
                ticket,
                from: agent.name.clone(),
                to,
                reason,
                decision,
            });
        }
    }
    Ok(moves)
}

/// Write the moves into `txn` (the caller commits).
pub fn apply(ctx: &Context, txn: &mut Txn<'_>, moves: &[Move<'_>]) -> Result<(), CommandError> {
    for planned in moves {
        let (ticket, mut event) = lifecycle::rebalance(
            &planned.ticket,
            planned.to,
            ctx.user(),
            planned.reason.clone(),
            ctx.now,
        )?;
        event.routing = planned.decision.clone().map(Box::new);
        txn.put_ticket(&ticket)?;
        txn.append_event(ticket.id, &event);
    }
    Ok(())
}

pub fn run(ctx: &Context, args: &RebalanceArgs) -> Result<(), CommandError> {
    ctx.home.require()?;
    let config = ctx.config()?;
    let catalog = ctx.catalog()?;
    let store = ctx.open_store()?;
    let mut txn = store.txn();
    if args.dry_run {
        require_agent(ctx, &txn)?;
    } else {
        require_dispatcher(ctx, &txn, "rebalance tickets")?;
    }
    let inputs = Inputs::load(ctx, &txn, &config.routing)?;
    let mut router = inputs.router();
    let offline: Vec<&str> = inputs
        .agents
        .iter()
        .filter(|a| a.status == AgentStatus::Offline)
        .map(|a| a.name.as_str())
        .collect();
    let moves = plan(&txn, &mut router, &inputs, &catalog, &offline)?;
    if !args.dry_run && !moves.is_empty() {
        apply(ctx, &mut txn, &moves)?;
        txn.commit()?;
        ctx.after_write(&store);
    }
    drop(store);
    report(ctx, args.dry_run, &moves)
}

#[derive(Serialize)]
pub struct MoveJson<'a> {
    ticket: u64,
    key: String,
    from: &'a str,
    /// null: back to the queue.
    to: Option<&'a str>,
    reason: &'a str,
}

impl<'a> MoveJson<'a> {
    pub fn new(planned: &'a Move<'a>) -> Self {
        MoveJson {
            ticket: planned.ticket.id,
            key: planned.ticket.display_id(),
            from: &planned.from,
            to: planned.to.map(|a| a.name.as_str()),
            reason: &planned.reason,
        }
    }
}

#[derive(Serialize)]
struct RebalanceJson<'a> {
    dry_run: bool,
    moves: Vec<MoveJson<'a>>,
}

fn report(ctx: &Context, dry_run: bool, moves: &[Move<'_>]) -> Result<(), CommandError> {
    if ctx.ui.is_json() {
        return ctx.ui.json(&RebalanceJson {
            dry_run,
            moves: moves.iter().map(MoveJson::new).collect(),
        });
    }
    if ctx.ui.is_quiet() {
        for planned in moves {
            ctx.ui.line(planned.ticket.id.to_string())?;
        }
        return Ok(());
    }
    if moves.is_empty() {
        ctx.ui
            .note("Nothing to rebalance: no offline agent holds an unstarted ticket.");
        return Ok(());
    }
    let rows = moves
        .iter()
        .map(|m| {
            vec![
                StyledCell::plain(m.ticket.display_id()),
                StyledCell::plain(&m.from),
                StyledCell::plain(m.to.map_or("-", |a| a.name.as_str())),
                StyledCell::plain(&m.reason),
            ]
        })
        .collect();
    ctx.ui.table(&["TICKET", "FROM", "TO", "REASON"], rows)?;
    ctx.ui.note(summary(dry_run, moves));
    Ok(())
}

/// `Returned 2 tickets to the queue, reassigned 1.`
pub fn summary(dry_run: bool, moves: &[Move<'_>]) -> String {
    let moved = moves.iter().filter(|m| m.to.is_some()).count();
    let returned = moves.len() - moved;
    if dry_run {
        format!(
            "Dry run: would return {} to the queue and reassign {moved}. Nothing was written.",
            count(returned, "ticket")
        )
    } else {
        format!(
            "Returned {} to the queue, reassigned {moved}.",
            count(returned, "ticket")
        )
    }
}
