//! `desk assign …`: routing tickets to agents (智能分配) — `auto` assigns the queue (or one
//! ticket), `explain` shows how one ticket would be routed and why, `rebalance` takes the
//! unstarted tickets of offline agents back (or to someone online).
//!
//! The domain ([`crate::domain::routing`]) ranks agents; this module loads its inputs from
//! the store in one read transaction, checks who may act, and writes every move of a run in
//! one commit.

pub mod auto;
pub mod explain;
pub mod rebalance;

use std::collections::BTreeMap;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::Subcommand;
use serde::Serialize;

use crate::cli::context::Context;
use crate::cli::error::CommandError;
use crate::domain::routing::{
    self, AgentDayStats, Candidate, Load, Needs, Quality, Router, RoutingConfig, Scores, Strategy,
};
use crate::domain::template::Template;
use crate::domain::{Agent, Ticket};
use crate::store::Txn;

#[derive(Debug, Subcommand)]
pub enum AssignCommand {
    /// Assign unclaimed tickets (or one) to the best agents; leads and admins
    Auto(auto::AutoArgs),
    /// Show how a ticket was routed, and how it would be now: scores, who cannot take it
    Explain(explain::ExplainArgs),
    /// Return (or reassign) the unstarted tickets of offline agents; leads and admins
    Rebalance(rebalance::RebalanceArgs),
}

pub fn run(ctx: &Context, command: &AssignCommand) -> Result<(), CommandError> {
    match command {
        AssignCommand::Auto(args) => auto::run(ctx, args),
        AssignCommand::Explain(args) => explain::run(ctx, args),
        AssignCommand::Rebalance(args) => rebalance::run(ctx, args),
    }
}

/// `--strategy` for the commands that route.
pub fn strategy_parser() -> impl TypedValueParser<Value = Strategy> {
    PossibleValuesParser::new(Strategy::ALL.map(Strategy::as_str))
        .map(|name| name.parse::<Strategy>().expect("a possible value is a strategy"))
}

/// The acting user's agent record: only agents look at routing (exit 4 otherwise).
pub fn require_agent(ctx: &Context, txn: &Txn<'_>) -> Result<Agent, CommandError> {
    txn.agent(ctx.user())?.ok_or_else(|| {
        CommandError::denied(format!(
            "permission denied: only agents see routing, and `{}` is not an agent",
            ctx.user()
        ))
    })
}

/// The acting user, who must be a lead or an admin to route for real.
pub fn require_dispatcher(ctx: &Context, txn: &Txn<'_>, what: &str) -> Result<Agent, CommandError> {
    let agent = require_agent(ctx, txn)?;
    if agent.role.can_dispatch() {
        Ok(agent)
    } else {
        Err(CommandError::denied(format!(
            "permission denied: only leads and admins {what}, and `{}` is {} {}",
            ctx.user(),
            if agent.role.as_str().starts_with('a') {
                "an"
            } else {
                "a"
            },
            agent.role
        ))
        .with_hint("`--dry-run` shows the plan without writing; any agent may run it"))
    }
}

/// Everything routing reads from the store, loaded once per command: agents, their open
/// load, their statistics over the quality window, the round-robin position.
pub struct Inputs {
    pub config: RoutingConfig,
    pub agents: Vec<Agent>,
    pub loads: BTreeMap<String, Load>,
    pub stats: BTreeMap<String, AgentDayStats>,
    pub last_round_robin: Option<String>,
    /// `[departments]`: who works which queue.
    pub departments: BTreeMap<String, crate::domain::config::Department>,
    /// The command's time: how long a ticket has waited (`skill_fallback`, the type's or
    /// `[routing]`'s).
    pub now: chrono::DateTime<chrono::Utc>,
}

impl Inputs {
    pub fn load(ctx: &Context, txn: &Txn<'_>, config: &RoutingConfig) -> Result<Inputs, CommandError> {
        let agents = txn.agents()?;
        let loads = txn.open_loads(&config.priority_weights)?;
        let (first, last) = config.quality_days(ctx.now);
        let mut stats = BTreeMap::new();
        for agent in &agents {
            stats.insert(agent.name.clone(), txn.agent_stats(&agent.name, first, last)?);
        }
        Ok(Inputs {
            config: config.clone(),
            agents,
            loads,
            stats,
            last_round_robin: txn.round_robin_last()?,
            departments: ctx.config()?.departments,
            now: ctx.now,
        })
    }

    pub fn router(&self) -> Router<'_> {
        Router::new(
            &self.config,
            &self.agents,
            &self.loads,
            &self.stats,
            self.last_round_robin.clone(),
        )
    }

    /// What `ticket` needs of an agent: [`needs_of`], bound to its department (only its
    /// members may take it). A department the config no longer defines has no members, so
    /// its tickets wait and the reason says so.
    pub fn needs(&self, template: Option<&Template>, ticket: &Ticket) -> Needs {
        let mut needs = needs_of(template, ticket);
        // Waited long enough (by the command's clock, DESK_NOW in tests): skills only rank.
        // The type's own skill_fallback wins over [routing]'s.
        let wait = template
            .and_then(|t| t.skill_fallback)
            .unwrap_or(self.config.skill_fallback);
        needs.fallback = wait.is_some_and(|wait| {
            chrono::Duration::from_std(wait).is_ok_and(|wait| self.now - ticket.created_at >= wait)
        });
        needs.department = ticket.department.as_ref().map(|name| routing::DepartmentNeed {
            name: name.clone(),
            members: self
                .departments
                .get(name)
                .map_or_else(Vec::new, |d| d.agents.iter().chain(&d.leads).cloned().collect()),
        });
        needs
    }

    /// The strategy for `ticket`: `--strategy` if given, else its type's, else the default.
    pub fn strategy(&self, ticket: &Ticket, chosen: Option<Strategy>) -> Strategy {
        chosen.unwrap_or_else(|| self.config.strategy_for(&ticket.ticket_type))
    }
}

/// What `ticket` needs; a type whose template was removed needs nothing in particular.
pub fn needs_of(template: Option<&Template>, ticket: &Ticket) -> Needs {
    match template {
        Some(template) => routing::needs(&template.skills, &template.keywords, &ticket.title, &ticket.body),
        None => Needs::default(),
    }
}

/// One agent as routing sees them, for `--json`.
#[derive(Serialize)]
pub struct CandidateJson<'a> {
    pub agent: &'a str,
    pub status: &'static str,
    /// Open tickets (pending and awaiting) before this one, and the most they should hold.
    pub open: u32,
    pub capacity: u32,
    /// Open tickets weighted by priority (`[routing.priority_weights]`).
    pub weighted_load: f64,
    pub scores: Scores,
    pub quality: Quality,
    /// The counters over the quality window the quality score comes from.
    pub stats: AgentDayStats,
}

impl<'a> CandidateJson<'a> {
    pub fn new(candidate: &Candidate<'a>) -> Self {
        CandidateJson {
            agent: &candidate.agent.name,
            status: candidate.agent.status.as_str(),
            open: candidate.load.open,
            capacity: candidate.agent.capacity,
            weighted_load: candidate.load.weighted,
            scores: candidate.scores,
            quality: candidate.quality,
            stats: candidate.stats,
        }
    }
}

/// `2 tickets`, `1 ticket`.
pub fn count(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}
