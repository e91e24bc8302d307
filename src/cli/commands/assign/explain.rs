//! `desk assign explain ID`: how routing sees one ticket — what it needs, every agent who
//! could take it ranked with the parts of their score, and why each other agent cannot.
//! For a ticket routing already assigned, first the decision as its event recorded it
//! (the store has moved on since: agents went offline, filled up), then, labelled, how it
//! would rank now. It reads only, so any agent may run it, on a ticket in any state.

use clap::Args;
use serde::Serialize;

use super::{require_agent, strategy_parser, CandidateJson, Inputs};
use crate::cli::context::{parse_ticket_ref, Context};
use crate::cli::error::CommandError;
use crate::cli::output::time;
use crate::cli::output::TicketJson;
use crate::cli::ui::StyledCell;
use crate::domain::decision::Decision;
use crate::domain::routing::{InferredSkill, Strategy};
use crate::domain::{Event, EventKind, Status, TicketRef};
use crate::store::Location;

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  desk assign explain INC-42  the decision recorded when it was routed,
                              then each candidate's scores now
  desk assign explain INC-42 --strategy quality
                              ranked by recent quality")]
pub struct ExplainArgs {
    /// Ticket id: 42 or INC-42
    #[arg(value_parser = parse_ticket_ref, value_name = "ID")]
    pub id: TicketRef,
    /// Rank by this strategy [default: the ticket type's, from config.toml]
    #[arg(long, value_parser = strategy_parser(), value_name = "STRATEGY")]
    pub strategy: Option<Strategy>,
}

#[derive(Serialize)]
struct NeedsJson<'a> {
    /// The template's skills: an agent must have all of them.
    required: &'a [String],
    /// Skills the template's keywords found in the text: they raise the skill score.
    inferred: &'a [InferredSkill],
}

#[derive(Serialize)]
struct RankedJson<'a> {
    rank: usize,
    #[serde(flatten)]
    candidate: CandidateJson<'a>,
}

#[derive(Serialize)]
struct IneligibleJson<'a> {
    #[serde(flatten)]
    candidate: CandidateJson<'a>,
    /// Why they cannot take it: `offline`, `at capacity (5/5)`, `lacks skill `db``.
    why: String,
}

/// The decision an event recorded.
#[derive(Serialize)]
struct RecordedJson<'a> {
    /// The event that carries it (`assigned`, or `transferred` by `assign rebalance`),
    /// and who got the ticket.
    #[serde(flatten)]
    routed: MoveJson<'a>,
    reason: Option<&'a str>,
    /// Candidates, score parts and who could not take it; null for an event from before
    /// desk recorded them.
    decision: Option<&'a Decision>,
    /// A person's later move of the ticket (claim, assignment, transfer, back to the
    /// queue) that the decision no longer explains; null when routing's is the last.
    superseded_by: Option<MoveJson<'a>>,
}

/// An event that moved the ticket to someone (or back to the queue).
#[derive(Serialize)]
struct MoveJson<'a> {
    event: u32,
    kind: &'static str,
    at: chrono::DateTime<chrono::Utc>,
    actor: &'a str,
    assignee: Option<&'a str>,
}

impl<'a> MoveJson<'a> {
    fn of(event: &'a Event) -> Self {
        MoveJson {
            event: event.seq,
            kind: event.kind.as_str(),
            at: event.at,
            actor: &event.actor,
            assignee: event.assignee.as_deref(),
        }
    }
}

#[derive(Serialize)]
struct ExplainJson<'a> {
    ticket: TicketJson<'a>,
    /// The last routing decision behind its assignment, as recorded then (null: routing
    /// never assigned it). The other keys are how it would rank now.
    recorded: Option<RecordedJson<'a>>,
    strategy: Strategy,
    needs: NeedsJson<'a>,
    /// Who routing would pick now (null when nobody can take it).
    choice: Option<&'a str>,
    /// The assignment's one-line reason, or why nobody can take it.
    reason: String,
    candidates: Vec<RankedJson<'a>>,
    ineligible: Vec<IneligibleJson<'a>>,
}

pub fn run(ctx: &Context, args: &ExplainArgs) -> Result<(), CommandError> {
    ctx.home.require()?;
    let config = ctx.config()?;
    let catalog = ctx.catalog()?;
    let store = ctx.open_store()?;
    let (record, location) = ctx.find_ticket(&store, &args.id)?;
    let txn = store.txn();
    require_agent(ctx, &txn)?;
    let inputs = Inputs::load(ctx, &txn, &config.routing)?;
    drop(txn);
    drop(store);
    let ticket = &record.ticket;
    let (recorded, superseded_by) = last_routed(&record.events);
    let template = catalog.get(&ticket.ticket_type);
    let needs = inputs.needs(template, ticket);
    let strategy = inputs.strategy(ticket, args.strategy);
    let mut router = inputs.router();
    // Ranked as if it came back: its own assignee's load does not count it.
    if let (Some(assignee), true) = (
        &ticket.assignee,
        ticket.status.is_open() && ticket.status != Status::Unclaimed,
    ) {
        router.release(assignee, ticket.priority);
    }
    let ranking = router.rank(&needs, strategy);
    let reason = match (ranking.eligible.first(), &ranking.leftover) {
        (Some(best), _) => router.reason(best, strategy),
        (None, Some(why)) => why.clone(),
        (None, None) => String::new(),
    };

    if ctx.ui.is_json() {
        return ctx.ui.json(&ExplainJson {
            ticket: TicketJson::new(ticket, location == Location::Cold),
            recorded: recorded.map(|event| RecordedJson {
                routed: MoveJson::of(event),
                reason: event.reason.as_deref(),
                decision: event.routing.as_deref(),
                superseded_by: superseded_by.map(MoveJson::of),
            }),
            strategy,
            needs: NeedsJson {
                required: &needs.required,
                inferred: &needs.inferred,
            },
            choice: ranking.eligible.first().map(|c| c.agent.name.as_str()),
            reason,
            candidates: ranking
                .eligible
                .iter()
                .enumerate()
                .map(|(i, c)| RankedJson {
                    rank: i + 1,
                    candidate: CandidateJson::new(c),
                })
                .collect(),
            ineligible: ranking
                .ineligible
                .iter()
                .map(|(c, why)| IneligibleJson {
                    candidate: CandidateJson::new(c),
                    why: why.to_string(),
                })
                .collect(),
        });
    }
    if ctx.ui.is_quiet() {
        for candidate in &ranking.eligible {
            ctx.ui.line(&candidate.agent.name)?;
        }
        return Ok(());
    }
    let ui = &ctx.ui;
    ui.line(format!(
        "{} ({}, {}, {}): {}",
        ticket.display_id(),
        ticket.ticket_type,
        ticket.priority,
        ticket.status,
        ticket.title
    ))?;
    if let Some(assignee) = &ticket.assignee {
        ui.line(format!("  assignee  {assignee}"))?;
    }
    if let Some(event) = recorded {
        ui.line("")?;
        show_recorded(ctx, event, superseded_by)?;
        ui.line("")?;
        ui.line("If it were routed now:")?;
    }
    if template.is_none() {
        ui.line(format!(
            "  type `{}` has no template now: no skills are needed",
            ticket.ticket_type
        ))?;
    }
    ui.line(format!("  needs     {}", needs.describe()))?;
    let w = &inputs.config.weights;
    let detail = match strategy {
        Strategy::Balanced => format!(
            " (weights: skills {}, load {}, quality {})",
            w.skills, w.load, w.quality
        ),
        Strategy::RoundRobin => match &inputs.last_round_robin {
            Some(last) => format!(" (last picked: {last})"),
            None => " (nobody picked yet)".to_string(),
        },
        _ => String::new(),
    };
    ui.line(format!("  strategy  {strategy}{detail}"))?;
    match ranking.eligible.first() {
        Some(best) => ui.line(format!("  → {}: {reason}", best.agent.name))?,
        None => ui.line(format!("  → nobody: {reason}"))?,
    }
    if !ranking.eligible.is_empty() {
        ui.line("")?;
        let rows = ranking
            .eligible
            .iter()
            .enumerate()
            .map(|(i, c)| {
                vec![
                    StyledCell::plain((i + 1).to_string()),
                    StyledCell::plain(&c.agent.name),
                    StyledCell::plain(format!("{:.2}", c.scores.primary(strategy))),
                    StyledCell::plain(format!("{:.2}", c.scores.skills)),
                    StyledCell::plain(format!("{}/{}", c.load.open, c.agent.capacity)),
                    StyledCell::plain(format!("{:.2}", c.scores.load)),
                    StyledCell::plain(format!("{:.2}", c.scores.quality)),
                    StyledCell::plain(format!(
                        "{:.2} {:.2} {:.2}",
                        c.quality.csat, c.quality.response, c.quality.resolution
                    )),
                ]
            })
            .collect();
        // The ranking's own score comes first, named SCORE so that it does not repeat a
        // part's column (the strategy line above says which score it is).
        ui.table(
            &[
                "RANK",
                "AGENT",
                "SCORE",
                "SKILLS",
                "OPEN",
                "LOAD",
                "QUALITY",
                "CSAT/RESPONSE/RESOLUTION",
            ],
            rows,
        )?;
    }
    let refused: Vec<(&str, String)> = (ranking.ineligible.iter())
        .map(|(c, why)| (c.agent.name.as_str(), why.to_string()))
        .collect();
    show_refusals(ui, "Cannot take it:", &refused)?;
    Ok(())
}

/// The last event in which routing gave the ticket to someone (an `assigned` event of
/// `assign auto`, `ticket new --assign auto` or an SLA escalation, or a rebalancing
/// `transferred` one: both carry routing's reason, people's own moves do not), and the
/// person's move that came after it, if one did: then the decision no longer explains
/// where the ticket is.
fn last_routed(events: &[Event]) -> (Option<&Event>, Option<&Event>) {
    let moves_owner = |e: &&Event| {
        matches!(
            e.kind,
            EventKind::Claimed | EventKind::Assigned | EventKind::Transferred | EventKind::Unassigned
        )
    };
    let routed = |e: &&Event| e.assignee.is_some() && (e.routing.is_some() || e.reason.is_some());
    let last_move = events.iter().rev().find(moves_owner);
    let decision = events.iter().rev().find(routed);
    match (decision, last_move) {
        (Some(decision), Some(last)) if last.seq != decision.seq => (Some(decision), Some(last)),
        (decision, _) => (decision, None),
    }
}

/// The decision as `event` recorded it: when, by whom, the needs and strategy then, the
/// candidates with their score parts, and who could not take it.
fn show_recorded(ctx: &Context, event: &Event, superseded_by: Option<&Event>) -> Result<(), CommandError> {
    let ui = &ctx.ui;
    let how = match (&event.kind, &event.previous_assignee) {
        (EventKind::Transferred, Some(from)) => format!(" (rebalanced from {from})"),
        _ => String::new(),
    };
    ui.line(format!(
        "Routed {} UTC by {}{how}, as recorded then:",
        time(event.at),
        event.actor
    ))?;
    if let Some(later) = superseded_by {
        let what = match (&later.kind, &later.assignee) {
            (EventKind::Unassigned, _) | (_, None) => "back to the queue".to_string(),
            (EventKind::Claimed, Some(to)) => format!("claimed by {to}"),
            (EventKind::Transferred, Some(to)) => format!("transferred to {to}"),
            (_, Some(to)) => format!("assigned to {to}"),
        };
        ui.line(format!(
            "  since     {what} by {} at {} UTC: this decision no longer explains it",
            later.actor,
            time(later.at)
        ))?;
    }
    let Some(decision) = event.routing.as_deref() else {
        if let Some(reason) = &event.reason {
            ui.line(format!("  → {reason}"))?;
        }
        ui.line("  (made before desk recorded the candidates: only its reason was kept)")?;
        return Ok(());
    };
    ui.line(format!("  needs     {}", decision.needs().describe()))?;
    if let Some(department) = &decision.department {
        ui.line(format!("  queue     department `{department}`"))?;
    }
    let fallback = if decision.fallback {
        " (past skill_fallback: skills only ranked)"
    } else {
        ""
    };
    ui.line(format!("  strategy  {}{fallback}", decision.strategy))?;
    if let Some(reason) = &event.reason {
        ui.line(format!("  → {reason}"))?;
    }
    ui.line("")?;
    let rows = (decision.candidates.iter().enumerate())
        .map(|(i, c)| {
            vec![
                StyledCell::plain((i + 1).to_string()),
                StyledCell::plain(&c.agent),
                StyledCell::plain(format!("{:.2}", c.score)),
                StyledCell::plain(format!("{:.2}", c.skills)),
                StyledCell::plain(format!("{}/{}", c.open, c.capacity)),
                StyledCell::plain(format!("{:.2}", c.load)),
                StyledCell::plain(format!("{:.2}", c.quality)),
            ]
        })
        .collect();
    ui.table(
        &["RANK", "AGENT", "SCORE", "SKILLS", "OPEN", "LOAD", "QUALITY"],
        rows,
    )?;
    let untold = (decision.eligible as usize).saturating_sub(decision.candidates.len());
    if untold > 0 {
        ui.line(format!("  … and {untold} more who could have taken it"))?;
    }
    let refused: Vec<(&str, String)> = (decision.excluded.iter())
        .map(|e| (e.agent.as_str(), e.why.clone()))
        .collect();
    show_refusals(ui, "Could not take it then:", &refused)?;
    let untold = (decision.excluded_count as usize).saturating_sub(decision.excluded.len());
    if untold > 0 {
        ui.line(format!("  … and {untold} more"))?;
    }
    Ok(())
}

/// Who could not take the ticket, names aligned: `  cy    offline`.
fn show_refusals(
    ui: &crate::cli::ui::Ui,
    heading: &str,
    refused: &[(&str, String)],
) -> Result<(), CommandError> {
    if refused.is_empty() {
        return Ok(());
    }
    ui.line("")?;
    ui.line(heading)?;
    let width = refused
        .iter()
        .map(|(name, _)| name.chars().count())
        .max()
        .unwrap_or(0);
    for (name, why) in refused {
        ui.line(format!("  {name:<width$}  {why}"))?;
    }
    Ok(())
}
