//! `desk assign explain ID`: how routing sees one ticket — what it needs, every agent who
//! could take it ranked with the parts of their score, and why each other agent cannot.
//! It reads only, so any agent may run it, on a ticket in any state.

use clap::Args;
use serde::Serialize;

use super::{require_agent, strategy_parser, CandidateJson, Inputs};
use crate::cli::context::{parse_ticket_ref, Context};
use crate::cli::error::CommandError;
use crate::cli::output::TicketJson;
use crate::cli::ui::StyledCell;
use crate::domain::routing::{InferredSkill, Strategy};
use crate::domain::TicketRef;
use crate::store::Location;

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  desk assign explain INC-42  each candidate's scores, and who cannot take it
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

#[derive(Serialize)]
struct ExplainJson<'a> {
    ticket: TicketJson<'a>,
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
    let template = catalog.get(&ticket.ticket_type);
    let needs = inputs.needs(template, ticket);
    let strategy = inputs.strategy(ticket, args.strategy);
    let router = inputs.router();
    let ranking = router.rank(&needs, strategy);
    let reason = match (ranking.eligible.first(), &ranking.leftover) {
        (Some(best), _) => router.reason(best, strategy),
        (None, Some(why)) => why.clone(),
        (None, None) => String::new(),
    };

    if ctx.ui.is_json() {
        return ctx.ui.json(&ExplainJson {
            ticket: TicketJson::new(ticket, location == Location::Cold),
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
    if !ranking.ineligible.is_empty() {
        ui.line("")?;
        ui.line("Cannot take it:")?;
        let width = ranking
            .ineligible
            .iter()
            .map(|(c, _)| c.agent.name.chars().count())
            .max()
            .unwrap_or(0);
        for (candidate, why) in &ranking.ineligible {
            ui.line(format!("  {:<width$}  {why}", candidate.agent.name))?;
        }
    }
    Ok(())
}
