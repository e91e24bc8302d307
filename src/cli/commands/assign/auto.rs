//! `desk assign auto [ID]`: route the queue (or one ticket) to agents.
//!
//! Unclaimed tickets are taken in queue order (priority, then age) and each goes to the
//! agent its type's strategy ranks first, counting what this run already gave out, until
//! capacity runs out. Everything is written in one commit: each ticket's `assigned` event
//! carries the one-line reason. Tickets nobody can take stay unclaimed and are reported with
//! why. Running it again changes nothing until tickets or agents change, so cron may run it
//! every minute alongside other desk commands (the store admits one writer at a time).

use clap::Args;
use serde::Serialize;

use super::{count, require_agent, require_dispatcher, strategy_parser, Inputs};
use crate::cli::context::{parse_ticket_ref, Context};
use crate::cli::error::{CommandError, ExitKind};
use crate::cli::home::Catalog;
use crate::cli::ui::StyledCell;
use crate::domain::lifecycle;
use crate::domain::routing::{self, Pick, Router, RoutingConfig, Scores, Strategy};
use crate::domain::template::Template;
use crate::domain::{Status, Ticket, TicketRef};
use crate::store::{TicketQuery, Txn};

const EXAMPLES: &str = "Examples:
  desk assign auto --dry-run               who would get what; writes nothing
  desk assign auto                         assign the whole unclaimed queue
  desk assign auto INC-42 --strategy load  one ticket, to the least loaded agent
  desk assign auto --limit 10 --fail-if-unassigned -q
                                           exit 1 if any stay unclaimed";

const EXIT_STATUS: &str = "\
Exit status: 0 when the run succeeded, even if some tickets stay unclaimed (they are listed
with the reason); with --fail-if-unassigned, 1 when any considered ticket stays unclaimed
(the assignments that were possible are still made). 4 when a non-lead writes, 6 when ID is
not unclaimed.";

#[derive(Debug, Args)]
#[command(after_help = EXAMPLES, after_long_help = format!("{EXAMPLES}\n\n{EXIT_STATUS}"))]
pub struct AutoArgs {
    /// Route only this ticket (42 or INC-42); it must be unclaimed
    #[arg(value_parser = parse_ticket_ref, value_name = "ID")]
    pub id: Option<TicketRef>,
    /// Show the plan and write nothing (any agent may)
    #[arg(long)]
    pub dry_run: bool,
    /// Use this strategy for every ticket [default: `[routing]` in config.toml]
    #[arg(long, value_parser = strategy_parser(), value_name = "STRATEGY")]
    pub strategy: Option<Strategy>,
    /// Exit 1 if any considered ticket stays unclaimed
    #[arg(long)]
    pub fail_if_unassigned: bool,
    /// Assign at most N tickets; the rest of the queue is left for the next run
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub limit: Option<u32>,
}

/// What routing decided for one ticket.
pub struct Planned<'a> {
    pub ticket: Ticket,
    pub strategy: Strategy,
    /// The agent and the reason, or why nobody can take it.
    pub outcome: Result<Pick<'a>, String>,
}

/// Route `tickets` in order, counting each assignment against the agent's capacity, and stop
/// after `limit` assignments. Returns the decisions and how many tickets were not reached.
pub fn plan<'a>(
    router: &mut Router<'a>,
    inputs: &Inputs,
    catalog: &Catalog,
    tickets: Vec<Ticket>,
    chosen: Option<Strategy>,
    limit: Option<u32>,
) -> (Vec<Planned<'a>>, usize) {
    let total = tickets.len();
    let mut planned = Vec::with_capacity(total);
    let mut assigned = 0u32;
    for ticket in tickets {
        if limit.is_some_and(|limit| assigned >= limit) {
            break;
        }
        let strategy = inputs.strategy(&ticket, chosen);
        let needs = inputs.needs(catalog.get(&ticket.ticket_type), &ticket);
        let outcome = router.choose(&needs, strategy);
        if let Ok(pick) = &outcome {
            router.record(&pick.candidate.agent.name, ticket.priority, strategy);
            assigned += 1;
        }
        planned.push(Planned {
            ticket,
            strategy,
            outcome,
        });
    }
    let not_reached = total - planned.len();
    (planned, not_reached)
}

pub fn run(ctx: &Context, args: &AutoArgs) -> Result<(), CommandError> {
    ctx.home.require()?;
    let config = ctx.config()?;
    let catalog = ctx.catalog()?;
    // A misspelt type would silently keep the default strategy; say so on every run.
    for name in config
        .routing
        .types
        .keys()
        .filter(|name| catalog.get(name).is_none())
    {
        let mut warning = format!("[routing.types] names `{name}`, which is not a ticket type");
        if let Some(hint) = crate::cli::error::did_you_mean(name, catalog.names()) {
            warning.push_str(&format!(" ({hint})"));
        }
        ctx.ui.warn(warning);
    }
    let store = ctx.open_store()?;
    let mut txn = store.txn();
    if args.dry_run {
        require_agent(ctx, &txn)?;
    } else {
        require_dispatcher(ctx, &txn, "assign tickets")?;
    }
    let tickets = match &args.id {
        Some(reference) => {
            // An archived ticket is closed: refused like any ticket that is not unclaimed.
            let (record, _) = ctx.find_ticket(&store, reference)?;
            lifecycle::check_routable(&record.ticket)?;
            vec![record.ticket]
        }
        None => {
            let mut queue = txn.query_tickets(&TicketQuery {
                statuses: vec![Status::Unclaimed],
                ..Default::default()
            })?;
            queue.sort_by_key(routing::queue_key);
            queue
        }
    };
    let inputs = Inputs::load(ctx, &txn, &config.routing)?;
    let mut router = inputs.router();
    let (planned, not_reached) = plan(&mut router, &inputs, &catalog, tickets, args.strategy, args.limit);

    if !args.dry_run {
        let mut wrote = false;
        for entry in &planned {
            if let Ok(pick) = &entry.outcome {
                let (ticket, event) = lifecycle::auto_assign(&entry.ticket, pick, ctx.user(), ctx.now)?;
                txn.replace_ticket(&entry.ticket, &ticket)?;
                txn.append_event(ticket.id, &event);
                wrote = true;
            }
        }
        if let Some(last) = router.last_round_robin() {
            if inputs.last_round_robin.as_deref() != Some(last) {
                txn.set_round_robin_last(last);
            }
        }
        txn.commit()?;
        if wrote {
            ctx.after_write(&store);
        }
    } else {
        drop(txn);
    }
    drop(store);
    report(ctx, args, &planned, not_reached)
}

#[derive(Serialize)]
struct AssignmentJson<'a> {
    ticket: u64,
    key: String,
    #[serde(rename = "type")]
    ticket_type: &'a str,
    priority: &'static str,
    agent: &'a str,
    strategy: Strategy,
    /// The line kept in the `assigned` event.
    reason: &'a str,
    scores: Scores,
    /// The agent's open tickets before this one, and their capacity.
    open: u32,
    capacity: u32,
}

#[derive(Serialize)]
struct LeftoverJson<'a> {
    ticket: u64,
    key: String,
    #[serde(rename = "type")]
    ticket_type: &'a str,
    priority: &'static str,
    strategy: Strategy,
    reason: &'a str,
}

#[derive(Serialize)]
struct RunJson<'a> {
    dry_run: bool,
    assignments: Vec<AssignmentJson<'a>>,
    leftovers: Vec<LeftoverJson<'a>>,
    /// Unclaimed tickets not looked at because `--limit` was reached.
    not_reached: usize,
}

fn report(
    ctx: &Context,
    args: &AutoArgs,
    planned: &[Planned<'_>],
    not_reached: usize,
) -> Result<(), CommandError> {
    let assigned = planned.iter().filter(|p| p.outcome.is_ok()).count();
    let leftovers = planned.len() - assigned;
    if ctx.ui.is_json() {
        let mut run = RunJson {
            dry_run: args.dry_run,
            assignments: Vec::new(),
            leftovers: Vec::new(),
            not_reached,
        };
        for entry in planned {
            let t = &entry.ticket;
            match &entry.outcome {
                Ok(pick) => run.assignments.push(AssignmentJson {
                    ticket: t.id,
                    key: t.display_id(),
                    ticket_type: &t.ticket_type,
                    priority: t.priority.as_str(),
                    agent: &pick.candidate.agent.name,
                    strategy: entry.strategy,
                    reason: &pick.reason,
                    scores: pick.candidate.scores,
                    open: pick.candidate.load.open,
                    capacity: pick.candidate.agent.capacity,
                }),
                Err(reason) => run.leftovers.push(LeftoverJson {
                    ticket: t.id,
                    key: t.display_id(),
                    ticket_type: &t.ticket_type,
                    priority: t.priority.as_str(),
                    strategy: entry.strategy,
                    reason,
                }),
            }
        }
        ctx.ui.json(&run)?;
    } else if ctx.ui.is_quiet() {
        for entry in planned.iter().filter(|p| p.outcome.is_ok()) {
            ctx.ui.line(entry.ticket.id.to_string())?;
        }
    } else if planned.is_empty() {
        ctx.ui.note("Nothing to assign: no unclaimed tickets.");
    } else {
        let rows = planned
            .iter()
            .map(|entry| {
                let (agent, reason) = match &entry.outcome {
                    Ok(pick) => (pick.candidate.agent.name.clone(), pick.reason.clone()),
                    Err(why) => ("-".to_string(), format!("stays unclaimed: {why}")),
                };
                vec![
                    StyledCell::plain(entry.ticket.display_id()),
                    StyledCell::plain(entry.ticket.priority.as_str()),
                    StyledCell::plain(agent),
                    StyledCell::plain(reason),
                ]
            })
            .collect();
        ctx.ui.table(&["TICKET", "PRIORITY", "AGENT", "REASON"], rows)?;
        let mut summary = if args.dry_run {
            format!(
                "Dry run: would assign {}; {} would stay unclaimed. Nothing was written.",
                count(assigned, "ticket"),
                leftovers
            )
        } else {
            format!(
                "Assigned {}; {} left unclaimed.",
                count(assigned, "ticket"),
                leftovers
            )
        };
        if not_reached > 0 {
            summary.push_str(&format!(
                " {} not reached (--limit).",
                count(not_reached, "more ticket")
            ));
        }
        ctx.ui.note(summary);
    }
    if args.fail_if_unassigned && leftovers > 0 {
        return Err(CommandError::new(
            ExitKind::Failure,
            format!(
                "{} stayed unclaimed (--fail-if-unassigned)",
                count(leftovers, "ticket")
            ),
        ));
    }
    Ok(())
}

/// What routing did with one ticket (`ticket new --assign auto`, SLA escalation).
pub struct Routed {
    /// The agent who got it; None when it stays unclaimed.
    pub agent: Option<String>,
    /// The assignment's reason, or why nobody can take it.
    pub reason: String,
}

/// Route one unclaimed ticket inside the caller's transaction, as `assign auto ID` would
/// (its type's strategy; `template` is its type's, None when that template is gone): the
/// ticket as it now is, and what happened. Writes the assignment and its event into `txn`;
/// the caller checks who may assign, and commits. Used by `ticket new --assign auto`.
pub fn route_one(
    ctx: &Context,
    txn: &mut Txn<'_>,
    config: &RoutingConfig,
    template: Option<&Template>,
    ticket: Ticket,
) -> Result<(Ticket, Routed), CommandError> {
    lifecycle::check_routable(&ticket)?;
    let inputs = Inputs::load(ctx, txn, config)?;
    let router = inputs.router();
    let strategy = inputs.strategy(&ticket, None);
    let needs = inputs.needs(template, &ticket);
    match router.choose(&needs, strategy) {
        Ok(pick) => {
            let agent = pick.candidate.agent.name.clone();
            let (assigned, event) = lifecycle::auto_assign(&ticket, &pick, ctx.user(), ctx.now)?;
            if strategy == Strategy::RoundRobin {
                txn.set_round_robin_last(&agent);
            }
            txn.put_ticket(&assigned)?;
            txn.append_event(assigned.id, &event);
            Ok((
                assigned,
                Routed {
                    agent: Some(agent),
                    reason: pick.reason,
                },
            ))
        }
        Err(reason) => Ok((ticket, Routed { agent: None, reason })),
    }
}
