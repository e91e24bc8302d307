//! Routing (智能分配): which agent should take an unclaimed ticket, and a reason a lead can
//! read.
//!
//! The caller loads plain values — the agents, their open load, their per-day statistics
//! over the quality window, the round-robin position — and a [`Router`] ranks the agents for
//! one ticket at a time. It remembers its own assignments ([`Router::record`]), so routing a
//! whole queue in one run fills capacity exactly as routing the tickets one by one would.
//!
//! Every score is in 0..=1:
//!
//! - **skills**: the mean, over the skills the ticket needs, of the agent's level in each
//!   (`db:3` is 3/5, a bare `db` is full; a missing skill counts 0); 1 when nothing is needed.
//!   The template's `skills` are required: an agent without one of them never gets the ticket.
//!   Skills inferred from the text by the template's `[keywords]` only raise the score.
//! - **load**: 1 − (open tickets weighted by priority ÷ capacity), floored at 0.
//! - **quality**: the mean of CSAT, first-response speed and resolution speed over a recent
//!   window, each pulled towards a prior (a Bayesian average), so an agent with no history
//!   scores in the middle: neither starved nor flooded.
//!
//! Ties break by the load score, then by the agent's name, so the same store and the same
//! `DESK_NOW` always give the same plan.
//!
//! Per-agent statistics are counters per agent and day, updated in the same transaction as
//! the move that changes them ([`stats_deltas`]), so routing never reads ticket history.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::str::FromStr;
use std::time::Duration;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::decision::{self, Decision};
use super::error::DomainError;
use super::event::Event;
use super::people::{parse_agent_skill, Agent, AgentStatus};
use super::ticket::{Priority, Status, Ticket};

/// How `desk assign auto` picks among the agents who may take a ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Strategy {
    /// The best skill match first.
    Skills,
    /// The least loaded relative to capacity first.
    Load,
    /// The next agent by name after the last one round-robin picked (remembered in the store).
    RoundRobin,
    /// The best recent quality (CSAT, response and resolution speed) first.
    Quality,
    /// A weighted sum of skills, load and quality (`[routing.weights]`).
    Balanced,
}

impl Strategy {
    pub const ALL: [Strategy; 5] = [
        Strategy::Skills,
        Strategy::Load,
        Strategy::RoundRobin,
        Strategy::Quality,
        Strategy::Balanced,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Strategy::Skills => "skills",
            Strategy::Load => "load",
            Strategy::RoundRobin => "round-robin",
            Strategy::Quality => "quality",
            Strategy::Balanced => "balanced",
        }
    }
}

impl fmt::Display for Strategy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Strategy {
    type Err = DomainError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Strategy::ALL
            .into_iter()
            .find(|strategy| strategy.as_str() == s)
            .ok_or_else(|| {
                DomainError::invalid(format!(
                    "unknown routing strategy `{s}` (expected skills, load, round-robin, quality or balanced)"
                ))
            })
    }
}

/// What `desk assign rebalance` does with an offline agent's unstarted tickets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum OnOffline {
    /// Back to the queue (unclaimed), for the next `assign auto` or anyone to claim.
    #[default]
    Return,
    /// Straight to the best online agent; back to the queue when nobody can take it.
    Reassign,
}

impl OnOffline {
    pub fn as_str(self) -> &'static str {
        match self {
            OnOffline::Return => "return",
            OnOffline::Reassign => "reassign",
        }
    }
}

/// The `[routing]` section of `config.toml`.
#[derive(Debug, Clone, PartialEq)]
pub struct RoutingConfig {
    /// The strategy for types without one of their own.
    pub strategy: Strategy,
    /// Per-type strategies (`[routing.types]`).
    pub types: BTreeMap<String, Strategy>,
    /// How `balanced` weighs its parts; need not sum to 1 (they are normalised).
    pub weights: Weights,
    /// How much an open ticket of each priority counts towards an agent's load.
    pub priority_weights: PriorityWeights,
    pub quality: QualityConfig,
    pub on_offline: OnOffline,
    /// `skill_fallback`: how long an unclaimed ticket waits for an agent with the skills it
    /// needs before partially skilled, then any agents may take it; None (`"never"`, the
    /// default): skills always bind.
    pub skill_fallback: Option<Duration>,
}

/// Parse a `skill_fallback` value: `"never"` (None), or a wait such as `"after 30m"` or
/// `"2h"`. Shared by `[routing]` and templates so both read the same words.
pub fn parse_skill_fallback(text: &str) -> Result<Option<Duration>, String> {
    if text == "never" {
        return Ok(None);
    }
    humantime::parse_duration(text.strip_prefix("after ").unwrap_or(text))
        .map(Some)
        .map_err(|e| format!("`{text}` is not a wait: {e} (write \"never\", or a wait like \"after 30m\")"))
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Weights {
    pub skills: f64,
    pub load: f64,
    pub quality: f64,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PriorityWeights {
    pub urgent: f64,
    pub high: f64,
    pub normal: f64,
    pub low: f64,
}

impl PriorityWeights {
    pub fn of(&self, priority: Priority) -> f64 {
        match priority {
            Priority::Urgent => self.urgent,
            Priority::High => self.high,
            Priority::Normal => self.normal,
            Priority::Low => self.low,
        }
    }
}

/// The quality score's window and priors (`[routing.quality]`).
#[derive(Debug, Clone, PartialEq)]
pub struct QualityConfig {
    /// Statistics of the last this-long count (whole days, today included).
    pub window: Duration,
    /// The CSAT (1–5) an agent is assumed to have before any rating.
    pub csat_prior: f64,
    /// How many imagined samples the priors weigh: higher trusts history less.
    pub prior_weight: f64,
    /// The first-response time that scores 0.5 (and a new agent's assumed mean).
    pub response_reference: Duration,
    /// The resolution time that scores 0.5 (and a new agent's assumed mean).
    pub resolution_reference: Duration,
}

impl Default for RoutingConfig {
    fn default() -> Self {
        RoutingConfig {
            strategy: Strategy::Balanced,
            types: BTreeMap::new(),
            weights: Weights {
                skills: 0.5,
                load: 0.3,
                quality: 0.2,
            },
            priority_weights: PriorityWeights {
                urgent: 4.0,
                high: 2.0,
                normal: 1.0,
                low: 0.5,
            },
            quality: QualityConfig {
                window: Duration::from_secs(30 * 86_400),
                csat_prior: 4.0,
                prior_weight: 5.0,
                response_reference: Duration::from_secs(3600),
                resolution_reference: Duration::from_secs(24 * 3600),
            },
            on_offline: OnOffline::Return,
            skill_fallback: None,
        }
    }
}

impl RoutingConfig {
    /// The strategy for tickets of `ticket_type`: its own, else the default.
    pub fn strategy_for(&self, ticket_type: &str) -> Strategy {
        self.types.get(ticket_type).copied().unwrap_or(self.strategy)
    }

    /// The days whose statistics count for quality at `now`: the window, today included.
    pub fn quality_days(&self, now: DateTime<Utc>) -> (NaiveDate, NaiveDate) {
        let today = now.date_naive();
        let days = self.quality.window.as_secs().div_ceil(86_400).max(1);
        let first = today - chrono::Days::new(days - 1);
        (first, today)
    }
}

// --- skills ---

/// An agent's skills as (name, level fraction): a bare skill is 1.0, `db:3` is 0.6.
fn skill_levels(agent: &Agent) -> impl Iterator<Item = (&str, f64)> {
    agent.skills.iter().map(|text| match parse_agent_skill(text) {
        Ok((name, level)) => (name, level_fraction(level)),
        // Written before levels existed, or by hand: the whole text is the name.
        Err(_) => (text.as_str(), 1.0),
    })
}

/// `None` (no level written) is full mastery; `n` is n/5.
pub fn level_fraction(level: Option<u8>) -> f64 {
    level.map_or(1.0, |n| f64::from(n.min(5)) / 5.0)
}

/// A skill a ticket needs because its text mentions some of the template's keywords.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InferredSkill {
    pub skill: String,
    /// The keywords (as the template writes them) found in the title or body.
    pub keywords: Vec<String>,
}

/// The skills a ticket needs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Needs {
    /// The template's `skills`: an agent must have every one.
    pub required: Vec<String>,
    /// Skills the template's `[keywords]` infer from the text, beyond the required ones:
    /// they raise the score of agents who have them.
    pub inferred: Vec<InferredSkill>,
    /// The department the ticket is routed to: only its members may take it.
    pub department: Option<DepartmentNeed>,
    /// The ticket waited past `skill_fallback`: skills no longer bind, they only rank.
    pub fallback: bool,
}

/// A department as routing needs it: its name and who works its queue.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DepartmentNeed {
    pub name: String,
    /// Its agents and leads.
    pub members: Vec<String>,
}

impl Needs {
    /// Whether `agent` may work this ticket's queue.
    fn admits(&self, agent: &str) -> bool {
        self.department
            .as_ref()
            .is_none_or(|d| d.members.iter().any(|m| m == agent))
    }

    /// Every needed skill, required first.
    pub fn all(&self) -> impl Iterator<Item = &str> {
        self.required
            .iter()
            .map(String::as_str)
            .chain(self.inferred.iter().map(|i| i.skill.as_str()))
    }

    pub fn is_empty(&self) -> bool {
        self.required.is_empty() && self.inferred.is_empty()
    }

    /// `ops (required), network (keywords: dns, vpn)`; `nothing` when empty.
    pub fn describe(&self) -> String {
        let mut parts: Vec<String> = self.required.iter().map(|s| format!("{s} (required)")).collect();
        parts.extend(
            self.inferred
                .iter()
                .map(|i| format!("{} (keywords: {})", i.skill, i.keywords.join(", "))),
        );
        if parts.is_empty() {
            "no particular skill".to_string()
        } else {
            parts.join(", ")
        }
    }
}

/// What a ticket of a template with these `required` skills and `keywords` needs, given
/// its title and body. Keywords match whole words (or phrases of whole words) regardless
/// of case: `timeout` matches "Timeout on VPN" but not "timeouts". A keyword with
/// characters outside ASCII (e.g. 中文, written without spaces) matches anywhere.
pub fn needs(
    required: &[String],
    keywords: &BTreeMap<String, Vec<String>>,
    title: &str,
    body: &str,
) -> Needs {
    let mut inferred = Vec::new();
    if !keywords.is_empty() {
        let text = Text::new(title, body);
        for (skill, words) in keywords {
            if required.contains(skill) {
                continue;
            }
            let found: Vec<String> = words.iter().filter(|w| text.mentions(w)).cloned().collect();
            if !found.is_empty() {
                inferred.push(InferredSkill {
                    skill: skill.clone(),
                    keywords: found,
                });
            }
        }
    }
    Needs {
        required: required.to_vec(),
        inferred,
        department: None,
        fallback: false,
    }
}

/// A ticket's title and body, lowercased and split into words once.
struct Text {
    lower: String,
    words: Vec<String>,
    word_set: HashSet<String>,
}

impl Text {
    fn new(title: &str, body: &str) -> Text {
        let lower = format!("{title}\n{body}").to_lowercase();
        let words: Vec<String> = split_words(&lower).map(str::to_string).collect();
        let word_set = words.iter().cloned().collect();
        Text {
            lower,
            words,
            word_set,
        }
    }

    fn mentions(&self, keyword: &str) -> bool {
        let keyword = keyword.trim().to_lowercase();
        if keyword.is_empty() {
            return false;
        }
        if !keyword.is_ascii() {
            return self.lower.contains(&keyword);
        }
        let phrase: Vec<&str> = split_words(&keyword).collect();
        match phrase.as_slice() {
            [] => false,
            [word] => self.word_set.contains(*word),
            _ => self
                .words
                .windows(phrase.len())
                .any(|window| window.iter().zip(&phrase).all(|(a, b)| a == b)),
        }
    }
}

fn split_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
}

// --- statistics ---

/// One agent's counters for one day. Sums are in seconds; CSAT is the sum of 1–5 scores.
/// Signed, because a change is stored as a delta of the same shape.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgentDayStats {
    #[serde(default)]
    pub first_responses: i64,
    #[serde(default)]
    pub first_response_secs: i64,
    #[serde(default)]
    pub resolutions: i64,
    #[serde(default)]
    pub resolution_secs: i64,
    #[serde(default)]
    pub csat_count: i64,
    #[serde(default)]
    pub csat_sum: i64,
}

impl AgentDayStats {
    pub fn add(&mut self, other: &AgentDayStats) {
        self.first_responses += other.first_responses;
        self.first_response_secs += other.first_response_secs;
        self.resolutions += other.resolutions;
        self.resolution_secs += other.resolution_secs;
        self.csat_count += other.csat_count;
        self.csat_sum += other.csat_sum;
    }

    pub fn is_zero(&self) -> bool {
        *self == AgentDayStats::default()
    }
}

/// A change to one agent's counters for one day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatsDelta {
    pub agent: String,
    pub day: NaiveDate,
    pub change: AgentDayStats,
}

/// How a move from `before` to `after` (recorded by `event`) changes agents' statistics:
///
/// - the handler's first reply on a ticket is a first response, timed from when the
///   handler got the ticket (the queue's wait is not theirs), on the reply's day;
/// - a move into `closed` with a handler is a resolution, timed the same way, on that day;
/// - a rated closed ticket counts its score for its handler on the day it closed. The
///   share follows the ticket's state: a new rating replaces the old one in the same day's
///   counters, and a reopened ticket's rating stops counting until it closes again.
pub fn stats_deltas(before: &Ticket, after: &Ticket, event: &Event) -> Vec<StatsDelta> {
    let mut deltas: Vec<StatsDelta> = Vec::new();
    let mut add = |agent: &str, day: NaiveDate, change: AgentDayStats| match deltas
        .iter_mut()
        .find(|d| d.agent == agent && d.day == day)
    {
        Some(delta) => delta.change.add(&change),
        None => deltas.push(StatsDelta {
            agent: agent.to_string(),
            day,
            change,
        }),
    };
    let at = event.at;
    let since_assigned = |ticket: &Ticket| {
        (at - ticket.assigned_at.unwrap_or(ticket.created_at))
            .num_seconds()
            .max(0)
    };
    if let (0, 1.., Some(handler)) = (before.handler_replies, after.handler_replies, &after.assignee) {
        add(
            handler,
            at.date_naive(),
            AgentDayStats {
                first_responses: 1,
                first_response_secs: since_assigned(before),
                ..Default::default()
            },
        );
    }
    if let (false, Status::Closed, Some(handler)) =
        (before.status == Status::Closed, after.status, &after.assignee)
    {
        add(
            handler,
            at.date_naive(),
            AgentDayStats {
                resolutions: 1,
                resolution_secs: since_assigned(after),
                ..Default::default()
            },
        );
    }
    let (old, new) = (csat_share(before), csat_share(after));
    if old != new {
        if let Some((agent, day, score)) = old {
            add(
                agent,
                day,
                AgentDayStats {
                    csat_count: -1,
                    csat_sum: -i64::from(score),
                    ..Default::default()
                },
            );
        }
        if let Some((agent, day, score)) = new {
            add(
                agent,
                day,
                AgentDayStats {
                    csat_count: 1,
                    csat_sum: i64::from(score),
                    ..Default::default()
                },
            );
        }
    }
    deltas.retain(|d| !d.change.is_zero());
    deltas
}

/// Whose CSAT a ticket counts in, on which day, and with what score.
fn csat_share(ticket: &Ticket) -> Option<(&str, NaiveDate, u8)> {
    if ticket.status != Status::Closed {
        return None;
    }
    Some((
        ticket.assignee.as_deref()?,
        ticket.closed_at?.date_naive(),
        ticket.rating?,
    ))
}

/// An agent's quality over the window, each part in 0..=1.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Quality {
    /// Bayesian-average CSAT mapped from 1..5 to 0..1.
    pub csat: f64,
    /// reference / (reference + Bayesian-average first-response time).
    pub response: f64,
    /// reference / (reference + Bayesian-average resolution time).
    pub resolution: f64,
    /// The mean of the three.
    pub score: f64,
}

pub fn quality(stats: &AgentDayStats, config: &QualityConfig) -> Quality {
    let weight = config.prior_weight.max(0.0);
    let average = |prior: f64, count: i64, sum: i64| {
        let count = count.max(0) as f64;
        if weight + count == 0.0 {
            prior
        } else {
            (weight * prior + sum.max(0) as f64) / (weight + count)
        }
    };
    let csat_mean = average(config.csat_prior, stats.csat_count, stats.csat_sum);
    let csat = ((csat_mean - 1.0) / 4.0).clamp(0.0, 1.0);
    let speed = |reference: Duration, count: i64, sum: i64| {
        let reference = reference.as_secs_f64().max(1.0);
        let mean = average(reference, count, sum);
        reference / (reference + mean)
    };
    let response = speed(
        config.response_reference,
        stats.first_responses,
        stats.first_response_secs,
    );
    let resolution = speed(
        config.resolution_reference,
        stats.resolutions,
        stats.resolution_secs,
    );
    Quality {
        csat,
        response,
        resolution,
        score: (csat + response + resolution) / 3.0,
    }
}

// --- the queue ---

/// Queue order for routing: priority (urgent first), then the next SLA deadline (tickets
/// without one after those with one), then age; the id breaks what is left.
pub fn queue_key(ticket: &Ticket) -> (u8, DateTime<Utc>, DateTime<Utc>, u64) {
    let due = ticket.sla_due_at.unwrap_or(DateTime::<Utc>::MAX_UTC);
    (ticket.priority.rank(), due, ticket.created_at, ticket.id)
}

// --- ranking ---

/// An agent's open tickets (pending and awaiting): how many, and weighted by priority.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Load {
    pub open: u32,
    pub weighted: f64,
}

/// The three parts of an agent's fitness for one ticket, and the balanced total.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Scores {
    pub skills: f64,
    pub load: f64,
    pub quality: f64,
    /// The `[routing.weights]`-weighted mean of the three.
    pub balanced: f64,
}

impl Scores {
    /// The value `strategy` ranks by (round-robin ranks by rotation, not by a score).
    pub fn primary(&self, strategy: Strategy) -> f64 {
        match strategy {
            Strategy::Skills => self.skills,
            Strategy::Load => self.load,
            Strategy::Quality => self.quality,
            Strategy::Balanced | Strategy::RoundRobin => self.balanced,
        }
    }
}

/// Why an agent cannot take a ticket now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ineligible {
    /// Not a member of the ticket's department.
    OtherDepartment(String),
    MissingSkills(Vec<String>),
    NotOnline(AgentStatus),
    AtCapacity {
        open: u32,
        capacity: u32,
    },
}

impl Ineligible {
    /// Whether the agent fits the ticket and is only not free now (offline, busy, full),
    /// rather than lacking a skill or being in another department.
    pub fn is_about_the_agent_now(&self) -> bool {
        matches!(self, Ineligible::NotOnline(_) | Ineligible::AtCapacity { .. })
    }
}

impl fmt::Display for Ineligible {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Ineligible::OtherDepartment(name) => write!(f, "not in department `{name}`"),
            Ineligible::MissingSkills(skills) => {
                let list = backticked(skills);
                if skills.len() == 1 {
                    write!(f, "lacks skill {list}")
                } else {
                    write!(f, "lacks skills {list}")
                }
            }
            Ineligible::NotOnline(status) => write!(f, "{status}"),
            Ineligible::AtCapacity { open, capacity } => write!(f, "at capacity ({open}/{capacity})"),
        }
    }
}

fn backticked(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// One agent that may take the ticket, with its scores.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate<'a> {
    pub agent: &'a Agent,
    pub scores: Scores,
    pub load: Load,
    pub quality: Quality,
    pub stats: AgentDayStats,
}

/// The routing decision for one ticket.
#[derive(Debug, Clone, PartialEq)]
pub struct Pick<'a> {
    pub candidate: Candidate<'a>,
    pub strategy: Strategy,
    /// The one line kept in the assignment's event.
    pub reason: String,
    /// The whole decision, kept in the event too (`assign explain` shows it later).
    pub decision: Decision,
}

/// Every agent, ranked for one ticket: who may take it (best first) and who may not.
#[derive(Debug, Clone)]
pub struct Ranking<'a> {
    pub strategy: Strategy,
    pub eligible: Vec<Candidate<'a>>,
    /// Who may not, and why (with the scores they would have had).
    pub ineligible: Vec<(Candidate<'a>, Ineligible)>,
    /// Why nobody may take it, when `eligible` is empty.
    pub leftover: Option<String>,
}

struct AgentState<'a> {
    agent: &'a Agent,
    /// Level fraction by skill id ([`Router::skill_ids`]); 0 when the agent lacks it (a
    /// level is at least 1/5, so 0 never means a low level).
    levels: Vec<f64>,
    load: Load,
    stats: AgentDayStats,
    quality: Quality,
}

/// Ranks agents for tickets and keeps track of what it assigned.
pub struct Router<'a> {
    config: &'a RoutingConfig,
    /// By name, so rotation and ties are in name order.
    agents: Vec<AgentState<'a>>,
    /// Every skill some agent has, numbered: routing a queue compares skills millions of
    /// times, so they are compared by number.
    skill_ids: HashMap<&'a str, usize>,
    last_round_robin: Option<String>,
}

/// A ticket's needs as skill ids (None: no agent has that skill).
struct Wanted {
    all: Vec<Option<usize>>,
    required: Vec<Option<usize>>,
    inferred: Vec<Option<usize>>,
}

impl Wanted {
    /// How many of the needed skills `state` lacks: 0 is a full match, and full matches
    /// rank above partial ones, which rank above none, whatever the strategy.
    fn missing(&self, state: &AgentState<'_>) -> usize {
        self.all.iter().filter(|skill| !state.has(**skill)).count()
    }
}

impl AgentState<'_> {
    fn level(&self, skill: Option<usize>) -> f64 {
        skill.map_or(0.0, |i| self.levels[i])
    }

    fn has(&self, skill: Option<usize>) -> bool {
        self.level(skill) > 0.0
    }
}

impl<'a> Router<'a> {
    /// `loads` and `stats` are by agent name; agents missing from them have none.
    pub fn new(
        config: &'a RoutingConfig,
        agents: &'a [Agent],
        loads: &BTreeMap<String, Load>,
        stats: &BTreeMap<String, AgentDayStats>,
        last_round_robin: Option<String>,
    ) -> Router<'a> {
        let mut skill_ids: HashMap<&'a str, usize> = HashMap::new();
        for agent in agents {
            for (name, _) in skill_levels(agent) {
                let next = skill_ids.len();
                skill_ids.entry(name).or_insert(next);
            }
        }
        let mut states: Vec<AgentState<'a>> = agents
            .iter()
            .map(|agent| {
                let stats = stats.get(&agent.name).copied().unwrap_or_default();
                let mut levels = vec![0.0; skill_ids.len()];
                for (name, level) in skill_levels(agent) {
                    levels[skill_ids[name]] = level;
                }
                AgentState {
                    agent,
                    levels,
                    load: loads.get(&agent.name).copied().unwrap_or_default(),
                    stats,
                    quality: quality(&stats, &config.quality),
                }
            })
            .collect();
        states.sort_by(|a, b| a.agent.name.cmp(&b.agent.name));
        Router {
            config,
            agents: states,
            skill_ids,
            last_round_robin,
        }
    }

    pub fn config(&self) -> &RoutingConfig {
        self.config
    }

    /// The agent round-robin picked last (to remember across runs).
    pub fn last_round_robin(&self) -> Option<&str> {
        self.last_round_robin.as_deref()
    }

    pub fn load(&self, agent: &str) -> Option<Load> {
        self.state(agent).map(|s| s.load)
    }

    fn state(&self, agent: &str) -> Option<&AgentState<'a>> {
        self.agents
            .binary_search_by(|s| s.agent.name.as_str().cmp(agent))
            .ok()
            .map(|i| &self.agents[i])
    }

    /// The ticket went to `agent`: count it in their load (and in the rotation when
    /// round-robin chose them).
    pub fn record(&mut self, agent: &str, priority: Priority, strategy: Strategy) {
        let weight = self.config.priority_weights.of(priority);
        if let Ok(i) = self.agents.binary_search_by(|s| s.agent.name.as_str().cmp(agent)) {
            self.agents[i].load.open += 1;
            self.agents[i].load.weighted += weight;
        }
        if strategy == Strategy::RoundRobin {
            self.last_round_robin = Some(agent.to_string());
        }
    }

    /// The ticket left `agent` (rebalancing): take it out of their load.
    pub fn release(&mut self, agent: &str, priority: Priority) {
        let weight = self.config.priority_weights.of(priority);
        if let Ok(i) = self.agents.binary_search_by(|s| s.agent.name.as_str().cmp(agent)) {
            let load = &mut self.agents[i].load;
            load.open = load.open.saturating_sub(1);
            load.weighted = (load.weighted - weight).max(0.0);
        }
    }

    fn wanted(&self, needs: &Needs) -> Wanted {
        let id = |skill: &str| self.skill_ids.get(skill).copied();
        Wanted {
            all: needs.all().map(id).collect(),
            required: needs.required.iter().map(|s| id(s)).collect(),
            inferred: needs.inferred.iter().map(|s| id(&s.skill)).collect(),
        }
    }

    fn scores(&self, state: &AgentState<'_>, wanted: &Wanted) -> Scores {
        let sum: f64 = wanted.all.iter().map(|skill| state.level(*skill)).sum();
        let skills = if wanted.all.is_empty() {
            1.0
        } else {
            sum / wanted.all.len() as f64
        };
        let capacity = f64::from(state.agent.capacity.max(1));
        let load = 1.0 - (state.load.weighted / capacity).min(1.0);
        let quality = state.quality.score;
        let w = &self.config.weights;
        let total_weight = w.skills + w.load + w.quality;
        let balanced = if total_weight > 0.0 {
            (w.skills * skills + w.load * load + w.quality * quality) / total_weight
        } else {
            (skills + load + quality) / 3.0
        };
        Scores {
            skills,
            load,
            quality,
            balanced,
        }
    }

    fn ineligible(&self, state: &AgentState<'_>, needs: &Needs, wanted: &Wanted) -> Option<Ineligible> {
        if let Some(department) = needs
            .department
            .as_ref()
            .filter(|_| !needs.admits(&state.agent.name))
        {
            return Some(Ineligible::OtherDepartment(department.name.clone()));
        }
        // Skills bind until the ticket waited past `skill_fallback`: every required one,
        // and, when the type requires none, at least one its keywords inferred.
        if !needs.fallback && !wanted.required.iter().all(|skill| state.has(*skill)) {
            let missing = needs
                .required
                .iter()
                .zip(&wanted.required)
                .filter(|(_, id)| !state.has(**id))
                .map(|(name, _)| name.clone())
                .collect();
            return Some(Ineligible::MissingSkills(missing));
        }
        if !needs.fallback
            && needs.required.is_empty()
            && !wanted.inferred.is_empty()
            && !wanted.inferred.iter().any(|skill| state.has(*skill))
        {
            let inferred = needs.inferred.iter().map(|i| i.skill.clone()).collect();
            return Some(Ineligible::MissingSkills(inferred));
        }
        if state.agent.status != AgentStatus::Online {
            return Some(Ineligible::NotOnline(state.agent.status));
        }
        if state.load.open >= state.agent.capacity {
            return Some(Ineligible::AtCapacity {
                open: state.load.open,
                capacity: state.agent.capacity,
            });
        }
        None
    }

    fn candidate(&self, state: &AgentState<'a>, scores: Scores) -> Candidate<'a> {
        Candidate {
            agent: state.agent,
            scores,
            load: state.load,
            quality: state.quality,
            stats: state.stats,
        }
    }

    /// The agent who should take a ticket with these needs, or why nobody can: the first of
    /// [`Router::rank`], with the decision its event keeps. It orders only the few best
    /// candidates the decision keeps, not everyone: `assign auto` runs it per ticket.
    pub fn choose(&self, needs: &Needs, strategy: Strategy) -> Result<Pick<'a>, String> {
        let wanted = self.wanted(needs);
        let mut eligible = Vec::new();
        // Who could not take it: those with the skills but not free first, as a lead
        // asking "why not them?" means them.
        let (mut qualified, mut unqualified) = (Vec::new(), Vec::new());
        let mut excluded_count = 0u32;
        for state in &self.agents {
            match self.ineligible(state, needs, &wanted) {
                Some(why) => {
                    excluded_count += 1;
                    let list = if why.is_about_the_agent_now() {
                        &mut qualified
                    } else {
                        &mut unqualified
                    };
                    if list.len() < decision::KEPT_EXCLUDED {
                        list.push(decision::Excluded {
                            agent: state.agent.name.clone(),
                            why: why.to_string(),
                        });
                    }
                }
                None => {
                    let scores = self.scores(state, &wanted);
                    eligible.push((self.order_key(state, &scores, strategy, &wanted), state, scores));
                }
            }
        }
        if eligible.is_empty() {
            return Err(self.leftover_reason(needs, &wanted));
        }
        let kept = decision::KEPT_CANDIDATES.min(eligible.len());
        if eligible.len() > kept {
            eligible.select_nth_unstable_by(kept - 1, |a, b| a.0.cmp(&b.0));
        }
        eligible[..kept].sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let candidates: Vec<Candidate<'a>> = (eligible[..kept].iter())
            .map(|(_, state, scores)| self.candidate(state, *scores))
            .collect();
        let decision = Decision {
            strategy,
            required: needs.required.clone(),
            inferred: needs.inferred.clone(),
            department: needs.department.as_ref().map(|d| d.name.clone()),
            fallback: needs.fallback,
            candidates: (candidates.iter())
                .map(|c| decision::DecidedCandidate::of(c, strategy))
                .collect(),
            eligible: eligible.len() as u32,
            excluded: qualified
                .into_iter()
                .chain(unqualified)
                .take(decision::KEPT_EXCLUDED)
                .collect(),
            excluded_count,
        };
        let best = candidates.into_iter().next().expect("one is eligible");
        Ok(Pick {
            reason: self.reason(&best, strategy),
            candidate: best,
            strategy,
            decision,
        })
    }

    /// Where `state` stands among the eligible, smallest first: fewest needed skills
    /// missing, then the rotation (round-robin: after the last pick, then from the start,
    /// by name) or the strategy's score, then the load score, then the name.
    fn order_key<'s>(
        &self,
        state: &'s AgentState<'_>,
        scores: &Scores,
        strategy: Strategy,
        wanted: &Wanted,
    ) -> (usize, bool, i64, i64, &'s str) {
        let missing = wanted.missing(state);
        let name = state.agent.name.as_str();
        if strategy == Strategy::RoundRobin {
            let wrapped = self.last_round_robin.as_deref().is_some_and(|last| name <= last);
            (missing, wrapped, 0, 0, name)
        } else {
            let (primary, load, name) = rank_key(scores, strategy, state);
            (missing, false, primary, load, name)
        }
    }

    /// Every agent ranked for a ticket with these needs, best first (the order of
    /// [`Router::order_key`]). `choose` takes the first.
    pub fn rank(&self, needs: &Needs, strategy: Strategy) -> Ranking<'a> {
        let wanted = self.wanted(needs);
        let mut eligible = Vec::new();
        let mut ineligible = Vec::new();
        for state in &self.agents {
            let scores = self.scores(state, &wanted);
            match self.ineligible(state, needs, &wanted) {
                Some(why) => ineligible.push((self.candidate(state, scores), why)),
                None => eligible.push((self.order_key(state, &scores, strategy, &wanted), state, scores)),
            }
        }
        eligible.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let leftover = eligible.is_empty().then(|| self.leftover_reason(needs, &wanted));
        Ranking {
            strategy,
            eligible: eligible
                .into_iter()
                .map(|(_, state, scores)| self.candidate(state, scores))
                .collect(),
            ineligible,
            leftover,
        }
    }

    /// `balanced: alice: skills 1.00, load 2/5, quality 0.82, score 0.87`: the strategy,
    /// the agent, and the parts of the score (the load before this ticket).
    pub fn reason(&self, candidate: &Candidate<'_>, strategy: Strategy) -> String {
        let agent = candidate.agent;
        let parts = format!(
            "skills {:.2}, load {}/{}, quality {:.2}",
            candidate.scores.skills, candidate.load.open, agent.capacity, candidate.scores.quality
        );
        match strategy {
            Strategy::Balanced => format!(
                "{strategy}: {}: {parts}, score {:.2}",
                agent.name, candidate.scores.balanced
            ),
            Strategy::RoundRobin => match self.last_round_robin.as_deref() {
                Some(last) => format!("{strategy}: {}: next after {last}; {parts}", agent.name),
                None => format!("{strategy}: {}: first in rotation; {parts}", agent.name),
            },
            _ => format!("{strategy}: {}: {parts}", agent.name),
        }
    }

    /// Why no agent can take a ticket with these needs, in the terms a lead acts on:
    /// a skill nobody has, a skill only offline agents have, or everyone able is full.
    fn leftover_reason(&self, needs: &Needs, wanted: &Wanted) -> String {
        if self.agents.is_empty() {
            return "there are no agents".to_string();
        }
        // Only the department's members count; the reasons below speak of them.
        let members: Vec<&AgentState<'_>> = (self.agents.iter())
            .filter(|s| needs.admits(&s.agent.name))
            .collect();
        let (agent, agents) = match &needs.department {
            Some(department) if members.is_empty() => {
                return format!("no agent works in department `{}`", department.name)
            }
            Some(department) => (
                format!("agent of department `{}`", department.name),
                format!("agents of department `{}`", department.name),
            ),
            None => ("agent".to_string(), "agents".to_string()),
        };
        // The skills that bind: the required ones (every one), else the inferred ones (any
        // one of them); none once the ticket waited past `skill_fallback`.
        let inferred_names: Vec<String> = needs.inferred.iter().map(|i| i.skill.clone()).collect();
        let (names, ids, any_of) = match (needs.fallback, needs.required.is_empty()) {
            (true, _) => (Vec::new(), Vec::new(), false),
            (false, false) => (needs.required.clone(), wanted.required.clone(), false),
            (false, true) => (inferred_names, wanted.inferred.clone(), true),
        };
        let satisfies = |s: &AgentState<'_>| match any_of {
            true => ids.is_empty() || ids.iter().any(|id| s.has(*id)),
            false => ids.iter().all(|id| s.has(*id)),
        };
        let nobody: Vec<String> = match any_of {
            true if !members.iter().any(|s| satisfies(s)) => names.clone(),
            true => Vec::new(),
            false => names
                .iter()
                .zip(&ids)
                .filter(|(_, id)| !members.iter().any(|s| s.has(**id)))
                .map(|(name, _)| name.clone())
                .collect(),
        };
        let skills = backticked(&names);
        let which = match (names.len(), any_of) {
            (1, _) => format!("skill {skills}"),
            (_, true) => format!("any of the skills {skills}"),
            (_, false) => format!("skills {skills}"),
        };
        if !nobody.is_empty() {
            return match (nobody.len(), any_of) {
                (1, _) => format!("no {agent} has skill {}", backticked(&nobody)),
                (_, true) => format!("no {agent} has any of the skills {}", backticked(&nobody)),
                (_, false) => format!("no {agent} has skills {}", backticked(&nobody)),
            };
        }
        let able: Vec<&&AgentState<'_>> = members.iter().filter(|s| satisfies(s)).collect();
        if able.is_empty() {
            return format!("no {agent} has all of the skills {skills}");
        }
        let online: Vec<&&&AgentState<'_>> = able
            .iter()
            .filter(|s| s.agent.status == AgentStatus::Online)
            .collect();
        if online.is_empty() {
            return match names.is_empty() {
                true => format!("no {agent} is online"),
                false => format!("no online {agent} has {which}"),
            };
        }
        // Who is full, and how full: what a lead needs to decide whom to relieve.
        let loads: Vec<(u32, u32)> = online.iter().map(|s| (s.load.open, s.agent.capacity)).collect();
        let fullness = match loads.windows(2).all(|w| w[0] == w[1]) {
            true => format!("{}/{}", loads[0].0, loads[0].1),
            false => (online.iter().take(5))
                .map(|s| format!("{} {}/{}", s.agent.name, s.load.open, s.agent.capacity))
                .collect::<Vec<_>>()
                .join(", "),
        };
        let with = match names.is_empty() {
            true => String::new(),
            false => format!(" with {which}"),
        };
        match online.len() {
            1 => format!(
                "{}, the only online {agent}{with}, is at capacity ({fullness})",
                online[0].agent.name
            ),
            n => format!("all {n} online {agents}{with} are at capacity ({fullness})"),
        }
    }
}

/// Sort key, smallest first: the strategy's score (highest first), then the load score,
/// then the name. Scores are rounded to 1e-9 so float noise cannot break a tie.
fn rank_key<'s>(scores: &Scores, strategy: Strategy, state: &'s AgentState<'_>) -> (i64, i64, &'s str) {
    let fixed = |x: f64| -(x * 1e9).round() as i64;
    (
        fixed(scores.primary(strategy)),
        fixed(scores.load),
        state.agent.name.as_str(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::lifecycle::{self, Action, Actor};
    use crate::domain::people::Role;
    use crate::domain::ticket::Workflow;
    use crate::domain::EventKind;
    use chrono::TimeZone;

    fn at(hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 2, hour, 0, 0).unwrap()
    }

    fn agent(name: &str, skills: &[&str], capacity: u32, status: AgentStatus) -> Agent {
        Agent {
            name: name.into(),
            skills: skills.iter().map(|s| s.to_string()).collect(),
            capacity,
            role: Role::Agent,
            status,
            created_at: at(0),
            updated_at: at(0),
            os_user: None,
        }
    }

    fn online(name: &str, skills: &[&str]) -> Agent {
        agent(name, skills, 5, AgentStatus::Online)
    }

    fn need(required: &[&str]) -> Needs {
        Needs {
            required: required.iter().map(|s| s.to_string()).collect(),
            inferred: Vec::new(),
            department: None,
            fallback: false,
        }
    }

    fn router<'a>(config: &'a RoutingConfig, agents: &'a [Agent]) -> Router<'a> {
        Router::new(config, agents, &BTreeMap::new(), &BTreeMap::new(), None)
    }

    #[test]
    fn strategies_round_trip_through_their_names() {
        for strategy in Strategy::ALL {
            assert_eq!(strategy.as_str().parse::<Strategy>().unwrap(), strategy);
            assert_eq!(
                serde_json::to_string(&strategy).unwrap(),
                format!("\"{strategy}\"")
            );
        }
        assert!("fastest".parse::<Strategy>().is_err());
    }

    #[test]
    fn keywords_match_whole_words_and_phrases_case_insensitively() {
        let keywords: BTreeMap<String, Vec<String>> = [
            (
                "network".to_string(),
                vec!["dns".into(), "VPN".into(), "packet loss".into()],
            ),
            ("database".to_string(), vec!["postgres".into()]),
            ("billing".to_string(), vec!["退款".into()]),
        ]
        .into();
        let needs = needs(&["ops".into()], &keywords, "DNS timeout on the vpn", "");
        assert_eq!(needs.required, vec!["ops"]);
        assert_eq!(
            needs.inferred,
            vec![InferredSkill {
                skill: "network".into(),
                keywords: vec!["dns".into(), "VPN".into()],
            }]
        );
        let none = super::needs(&[], &keywords, "postgresql is slow", "packets lost; dnsmasq");
        assert!(none.inferred.is_empty(), "{none:?}");
        let phrase = super::needs(&[], &keywords, "Flaky", "we see Packet   Loss at night");
        assert_eq!(phrase.inferred[0].keywords, vec!["packet loss"]);
        let chinese = super::needs(&[], &keywords, "申请退款", "");
        assert_eq!(chinese.inferred[0].skill, "billing");
        // A required skill is not inferred a second time.
        let required = super::needs(&["network".into()], &keywords, "dns", "");
        assert!(required.inferred.is_empty());
    }

    #[test]
    fn skill_levels_and_needs_make_the_skill_score() {
        let config = RoutingConfig::default();
        let agents = [online("ann", &["ops:3", "network"]), online("ben", &["ops"])];
        let router = router(&config, &agents);
        let mut needs = need(&["ops"]);
        needs.inferred.push(InferredSkill {
            skill: "network".into(),
            keywords: vec!["dns".into()],
        });
        let ranking = router.rank(&needs, Strategy::Skills);
        let scores: Vec<(&str, f64)> = ranking
            .eligible
            .iter()
            .map(|c| (c.agent.name.as_str(), c.scores.skills))
            .collect();
        // ann: (0.6 + 1.0) / 2 = 0.8; ben: (1.0 + 0) / 2 = 0.5.
        assert_eq!(scores, vec![("ann", 0.8), ("ben", 0.5)]);
        assert_eq!(
            router.rank(&need(&[]), Strategy::Skills).eligible[0]
                .scores
                .skills,
            1.0
        );
    }

    #[test]
    fn skill_fallback_is_never_or_a_wait() {
        let minutes = |m: u64| Ok(Some(Duration::from_secs(m * 60)));
        assert_eq!(parse_skill_fallback("never"), Ok(None));
        assert_eq!(parse_skill_fallback("after 30m"), minutes(30));
        assert_eq!(parse_skill_fallback("2h"), minutes(120));
        // Zero is allowed: skills only rank, from the start.
        assert_eq!(parse_skill_fallback("after 0s"), Ok(Some(Duration::ZERO)));
        for bad in ["Never", "after", "soon", "", "-5m"] {
            let err = parse_skill_fallback(bad).unwrap_err();
            assert!(err.contains("after 30m"), "{bad:?}: {err}");
        }
    }

    #[test]
    fn required_skills_status_and_capacity_decide_who_is_eligible() {
        let config = RoutingConfig::default();
        let agents = [
            online("ann", &["ops"]),
            agent("ben", &["ops"], 5, AgentStatus::Offline),
            agent("cat", &["ops"], 1, AgentStatus::Online),
            online("dan", &["support"]),
        ];
        let loads: BTreeMap<String, Load> = [(
            "cat".to_string(),
            Load {
                open: 1,
                weighted: 1.0,
            },
        )]
        .into();
        let router = Router::new(&config, &agents, &loads, &BTreeMap::new(), None);
        let ranking = router.rank(&need(&["ops"]), Strategy::Balanced);
        assert_eq!(ranking.eligible.len(), 1);
        assert_eq!(ranking.eligible[0].agent.name, "ann");
        let why: Vec<String> = ranking
            .ineligible
            .iter()
            .map(|(c, why)| format!("{}: {why}", c.agent.name))
            .collect();
        assert_eq!(
            why,
            ["ben: offline", "cat: at capacity (1/1)", "dan: lacks skill `ops`"]
        );
        // The pick carries that picture as its event will keep it.
        let pick = router.choose(&need(&["ops"]), Strategy::Balanced).unwrap();
        let decision = &pick.decision;
        assert_eq!(decision.strategy, Strategy::Balanced);
        assert_eq!(decision.required, ["ops"]);
        assert_eq!((decision.eligible, decision.excluded_count), (1, 3));
        assert_eq!(decision.candidates[0].agent, "ann");
        assert_eq!(decision.candidates[0].skills, 1.0);
        let excluded: Vec<String> = (decision.excluded.iter())
            .map(|e| format!("{}: {}", e.agent, e.why))
            .collect();
        assert_eq!(excluded, why);
    }

    #[test]
    fn leftovers_say_what_a_lead_can_fix() {
        let config = RoutingConfig::default();
        let agents = [
            agent("ann", &["ops"], 1, AgentStatus::Online),
            agent("ben", &["db"], 5, AgentStatus::Offline),
        ];
        let mut router = router(&config, &agents);
        let reason = |router: &Router<'_>, needs: &[&str]| {
            router.choose(&need(needs), Strategy::Balanced).unwrap_err()
        };
        assert_eq!(reason(&router, &["network"]), "no agent has skill `network`");
        assert_eq!(reason(&router, &["db"]), "no online agent has skill `db`");
        assert_eq!(
            reason(&router, &["ops", "db"]),
            "no agent has all of the skills `ops`, `db`"
        );
        router.record("ann", Priority::Normal, Strategy::Balanced);
        assert_eq!(
            reason(&router, &["ops"]),
            "ann, the only online agent with skill `ops`, is at capacity (1/1)"
        );
        assert_eq!(
            reason(&router, &[]),
            "ann, the only online agent, is at capacity (1/1)"
        );
        let nobody: [Agent; 0] = [];
        assert_eq!(
            super::Router::new(&config, &nobody, &BTreeMap::new(), &BTreeMap::new(), None)
                .choose(&need(&[]), Strategy::Load)
                .unwrap_err(),
            "there are no agents"
        );
    }

    #[test]
    fn load_counts_open_tickets_by_priority_and_fills_up() {
        let config = RoutingConfig::default();
        let agents = [online("ann", &[]), online("ben", &[])];
        let mut router = router(&config, &agents);
        let mut picks = Vec::new();
        for priority in [Priority::Urgent, Priority::Low, Priority::Low, Priority::Normal] {
            let pick = router.choose(&need(&[]), Strategy::Load).unwrap();
            picks.push(pick.candidate.agent.name.clone());
            router.record(&pick.candidate.agent.name, priority, Strategy::Load);
        }
        // ann takes the urgent one (weight 4 of 5); ben then takes the next three
        // (0.5, 1.0 and 1.5 of 5 all leave him less loaded than ann's 4).
        assert_eq!(picks, ["ann", "ben", "ben", "ben"]);
        assert_eq!(router.load("ben").unwrap().open, 3);
        assert!((router.load("ann").unwrap().weighted - 4.0).abs() < 1e-9);
    }

    #[test]
    fn round_robin_rotates_by_name_from_the_remembered_agent() {
        let config = RoutingConfig::default();
        let agents = [online("cat", &[]), online("ann", &[]), online("ben", &[])];
        let mut router = Router::new(
            &config,
            &agents,
            &BTreeMap::new(),
            &BTreeMap::new(),
            Some("ann".into()),
        );
        let mut picks = Vec::new();
        for _ in 0..4 {
            let pick = router.choose(&need(&[]), Strategy::RoundRobin).unwrap();
            let name = pick.candidate.agent.name.clone();
            router.record(&name, Priority::Normal, Strategy::RoundRobin);
            picks.push(name);
        }
        assert_eq!(picks, ["ben", "cat", "ann", "ben"]);
        assert_eq!(router.last_round_robin(), Some("ben"));
        let order: Vec<&str> = router
            .rank(&need(&[]), Strategy::RoundRobin)
            .eligible
            .iter()
            .map(|c| c.agent.name.as_str())
            .collect();
        assert_eq!(order, ["cat", "ann", "ben"]);
    }

    #[test]
    fn quality_has_a_middling_prior_and_rewards_speed_and_csat() {
        let config = RoutingConfig::default();
        let new = quality(&AgentDayStats::default(), &config.quality);
        assert!((new.csat - 0.75).abs() < 1e-9);
        assert!((new.response - 0.5).abs() < 1e-9);
        assert!((new.resolution - 0.5).abs() < 1e-9);
        let fast_and_loved = AgentDayStats {
            first_responses: 20,
            first_response_secs: 20 * 600,
            resolutions: 20,
            resolution_secs: 20 * 3600,
            csat_count: 20,
            csat_sum: 100,
        };
        let slow_and_disliked = AgentDayStats {
            first_responses: 20,
            first_response_secs: 20 * 4 * 3600,
            resolutions: 20,
            resolution_secs: 20 * 72 * 3600,
            csat_count: 20,
            csat_sum: 40,
        };
        let good = quality(&fast_and_loved, &config.quality);
        let bad = quality(&slow_and_disliked, &config.quality);
        assert!(
            good.score > new.score && new.score > bad.score,
            "{good:?} {new:?} {bad:?}"
        );
        // One bad rating moves a new agent a little, not to the bottom.
        let one_bad = quality(
            &AgentDayStats {
                csat_count: 1,
                csat_sum: 1,
                ..Default::default()
            },
            &config.quality,
        );
        assert!(one_bad.csat > 0.6, "{one_bad:?}");
        // No prior at all and no data: the prior still answers (no division by zero).
        let mut bare = config.quality.clone();
        bare.prior_weight = 0.0;
        assert!(quality(&AgentDayStats::default(), &bare).score.is_finite());
    }

    #[test]
    fn balanced_weighs_the_parts_and_ties_break_by_load_then_name() {
        let mut config = RoutingConfig::default();
        let agents = [
            online("ann", &["ops:1"]),
            online("ben", &["ops"]),
            online("cat", &["ops"]),
        ];
        let loads: BTreeMap<String, Load> = [(
            "ben".to_string(),
            Load {
                open: 1,
                weighted: 1.0,
            },
        )]
        .into();
        let router = Router::new(&config, &agents, &loads, &BTreeMap::new(), None);
        let order = |router: &Router<'_>, strategy| -> Vec<String> {
            router
                .rank(&need(&["ops"]), strategy)
                .eligible
                .iter()
                .map(|c| c.agent.name.clone())
                .collect()
        };
        // cat: full skill, no load. ben: full skill, some load. ann: weak skill, no load.
        assert_eq!(order(&router, Strategy::Balanced), ["cat", "ben", "ann"]);
        // Skills tie between ben and cat: the less loaded wins.
        assert_eq!(order(&router, Strategy::Skills), ["cat", "ben", "ann"]);
        // Load ties between ann and cat: by name.
        assert_eq!(order(&router, Strategy::Load), ["ann", "cat", "ben"]);
        config.weights = Weights {
            skills: 0.0,
            load: 1.0,
            quality: 0.0,
        };
        let router = Router::new(&config, &agents, &loads, &BTreeMap::new(), None);
        assert_eq!(order(&router, Strategy::Balanced), ["ann", "cat", "ben"]);
        let pick = router.choose(&need(&["ops"]), Strategy::Balanced).unwrap();
        assert_eq!(
            pick.reason,
            "balanced: ann: skills 0.20, load 0/5, quality 0.58, score 1.00"
        );
    }

    #[test]
    fn per_type_strategies_and_the_quality_window() {
        let mut config = RoutingConfig::default();
        config.types.insert("incident".into(), Strategy::Skills);
        assert_eq!(config.strategy_for("incident"), Strategy::Skills);
        assert_eq!(config.strategy_for("other"), Strategy::Balanced);
        let (first, last) = config.quality_days(at(12));
        assert_eq!(last, at(0).date_naive());
        assert_eq!((last - first).num_days(), 29);
    }

    // --- statistics follow the moves ---

    fn ticket(workflow: Workflow) -> Ticket {
        let new = lifecycle::NewTicket {
            ticket_type: "incident".into(),
            prefix: None,
            workflow,
            title: "t".into(),
            body: String::new(),
            priority: Priority::Normal,
            requester: "carol".into(),
            fields: Default::default(),
            dedup_key: None,
            sla_policy: None,
            channel: None,
            attachments: Vec::new(),
        };
        lifecycle::create(1, new, "carol", at(0)).0
    }

    #[test]
    fn first_response_resolution_and_csat_are_counted_once_each() {
        let bob = online("bob", &[]);
        let bob_acts = Actor {
            name: "bob",
            agent: Some(&bob),
        };
        let carol = Actor {
            name: "carol",
            agent: None,
        };
        let t0 = ticket(Workflow::Customer);
        let (t1, e1) = lifecycle::apply(&t0, bob_acts, Action::Claim, at(2)).unwrap();
        assert!(stats_deltas(&t0, &t1, &e1).is_empty());
        let (t2, e2) = lifecycle::apply(&t1, bob_acts, Action::Reply { message: "on it" }, at(3)).unwrap();
        let d = stats_deltas(&t1, &t2, &e2);
        assert_eq!(d.len(), 1);
        assert_eq!(
            (
                d[0].agent.as_str(),
                d[0].change.first_responses,
                d[0].change.first_response_secs
            ),
            ("bob", 1, 3600),
            "timed from the claim, not from creation"
        );
        let (t3, e3) = lifecycle::apply(&t2, bob_acts, Action::Reply { message: "more" }, at(4)).unwrap();
        assert!(stats_deltas(&t2, &t3, &e3).is_empty(), "only the first reply");
        let (t4, e4) = lifecycle::apply(&t3, bob_acts, Action::Close, at(5)).unwrap();
        let d = stats_deltas(&t3, &t4, &e4);
        assert_eq!(
            (d[0].change.resolutions, d[0].change.resolution_secs),
            (1, 3 * 3600)
        );
        let rate = |score| Action::Rate { score, message: None };
        let (t5, e5) = lifecycle::apply(&t4, carol, rate(4), at(6)).unwrap();
        let d = stats_deltas(&t4, &t5, &e5);
        assert_eq!((d[0].change.csat_count, d[0].change.csat_sum), (1, 4));
        let (t6, e6) = lifecycle::apply(&t5, carol, rate(2), at(7)).unwrap();
        let d = stats_deltas(&t5, &t6, &e6);
        assert_eq!(
            (d.len(), d[0].change.csat_count, d[0].change.csat_sum),
            (1, 0, -2),
            "a new rating replaces the old in the same bucket"
        );
        assert_eq!(d[0].day, at(5).date_naive(), "bucketed by the close day");
    }

    mod recomputed {
        use super::*;
        use proptest::prelude::*;

        type Counters = BTreeMap<(String, NaiveDate), AgentDayStats>;

        fn apply_deltas(counters: &mut Counters, deltas: Vec<StatsDelta>) {
            for delta in deltas {
                counters
                    .entry((delta.agent, delta.day))
                    .or_default()
                    .add(&delta.change);
            }
        }

        /// The same statistics, recomputed from a ticket's history alone.
        fn from_events(events: &[Event], counters: &mut Counters) {
            let mut assignee: Option<String> = None;
            let mut assigned_at = events[0].at;
            let mut replied = false;
            let mut closed_on: Option<NaiveDate> = None;
            let mut rating: Option<u8> = None;
            for event in events {
                if let Some(to) = &event.assignee {
                    assignee = Some(to.clone());
                    assigned_at = event.at;
                }
                if event.kind == EventKind::Replied
                    && event.role == Some(crate::domain::event::ReplySide::Handler)
                    && !replied
                {
                    replied = true;
                    let stats = counters
                        .entry((event.actor.clone(), event.at.date_naive()))
                        .or_default();
                    stats.first_responses += 1;
                    stats.first_response_secs += (event.at - assigned_at).num_seconds();
                }
                match event.to_status {
                    Some(Status::Closed) => {
                        closed_on = Some(event.at.date_naive());
                        if let Some(handler) = &assignee {
                            let stats = counters
                                .entry((handler.clone(), event.at.date_naive()))
                                .or_default();
                            stats.resolutions += 1;
                            stats.resolution_secs += (event.at - assigned_at).num_seconds();
                        }
                    }
                    Some(_) => closed_on = None,
                    None => {}
                }
                if let Some(score) = event.score {
                    rating = Some(score);
                }
            }
            if let (Some(day), Some(score), Some(handler)) = (closed_on, rating, assignee) {
                let stats = counters.entry((handler, day)).or_default();
                stats.csat_count += 1;
                stats.csat_sum += i64::from(score);
            }
        }

        fn roster() -> Vec<Agent> {
            let mut root = online("root", &[]);
            root.role = Role::Admin;
            let mut dana = online("dana", &[]);
            dana.role = Role::Lead;
            vec![root, dana, online("bob", &[]), online("erin", &[])]
        }

        proptest! {
            /// Whatever happens to a ticket, the counters kept move by move equal the
            /// counters recomputed from its history.
            #[test]
            fn counters_equal_a_recomputation_from_events(
                steps in proptest::collection::vec((0usize..5, 0u8..10, 1i64..2000), 1..50),
                customer in any::<bool>(),
            ) {
                let roster = roster();
                let names = ["root", "dana", "bob", "erin", "carol"];
                let mut t = ticket(if customer { Workflow::Customer } else { Workflow::Internal });
                let mut events = vec![Event::new(EventKind::Created, "carol", t.created_at)];
                let mut counters = Counters::new();
                let mut clock = t.created_at;
                for (who, code, minutes) in steps {
                    clock += chrono::Duration::minutes(minutes);
                    let name = names[who];
                    let actor = Actor { name, agent: roster.iter().find(|a| a.name == name) };
                    let action = match code {
                        0 => Action::Claim,
                        1 => Action::Assign { to: &roster[2] },
                        2 => Action::Transfer { to: &roster[3] },
                        3 | 4 => Action::Reply { message: "m" },
                        5 => Action::Confirm,
                        6 => Action::Close,
                        7 => Action::Reopen,
                        _ => Action::Rate { score: 1 + (minutes % 5) as u8, message: None },
                    };
                    if let Ok((next, event)) = lifecycle::apply(&t, actor, action, clock) {
                        apply_deltas(&mut counters, stats_deltas(&t, &next, &event));
                        events.push(event);
                        t = next;
                    }
                }
                counters.retain(|_, stats| !stats.is_zero());
                let mut expected = Counters::new();
                from_events(&events, &mut expected);
                expected.retain(|_, stats| !stats.is_zero());
                prop_assert_eq!(counters, expected);
            }
        }
    }

    fn inferred(skill: &str) -> Needs {
        Needs {
            inferred: vec![InferredSkill {
                skill: skill.into(),
                keywords: vec!["vpn".into()],
            }],
            ..Needs::default()
        }
    }

    #[test]
    fn an_idle_agent_without_the_inferred_skill_never_takes_it_and_the_reason_says_why() {
        // The scenario: the network agents are full, the admin is idle and has no skills.
        let config = RoutingConfig::default();
        let agents = [
            agent("admin", &[], 10, AgentStatus::Online),
            agent("nia", &["network"], 2, AgentStatus::Online),
            agent("ned", &["network"], 2, AgentStatus::Online),
        ];
        let mut router = router(&config, &agents);
        for _ in 0..2 {
            router.record("nia", Priority::Normal, Strategy::Balanced);
            router.record("ned", Priority::Normal, Strategy::Balanced);
        }
        for strategy in Strategy::ALL {
            assert_eq!(
                router.choose(&inferred("network"), strategy).unwrap_err(),
                "all 2 online agents with skill `network` are at capacity (2/2)",
                "{strategy}"
            );
        }
        let ranking = router.rank(&inferred("network"), Strategy::Balanced);
        assert!(ranking.eligible.is_empty());
        assert!(ranking
            .ineligible
            .iter()
            .any(|(c, why)| c.agent.name == "admin"
                && *why == Ineligible::MissingSkills(vec!["network".into()])));
        // After the fallback wait, anyone may take it.
        let waited = Needs {
            fallback: true,
            ..inferred("network")
        };
        assert_eq!(
            router
                .choose(&waited, Strategy::Balanced)
                .unwrap()
                .candidate
                .agent
                .name,
            "admin"
        );
    }

    #[test]
    fn a_partial_match_ranks_below_a_full_one_and_above_none_in_every_strategy() {
        let config = RoutingConfig::default();
        let agents = [
            agent("all", &["ops", "network", "db"], 5, AgentStatus::Online),
            agent("part", &["ops"], 50, AgentStatus::Online),
            agent("none", &["ops", "x"], 50, AgentStatus::Online),
        ];
        let mut router = router(&config, &agents);
        // "all" is busy, the others idle: skills still come first.
        for _ in 0..4 {
            router.record("all", Priority::Urgent, Strategy::Balanced);
        }
        let needs = Needs {
            required: vec!["ops".into()],
            inferred: vec![
                InferredSkill {
                    skill: "network".into(),
                    keywords: vec![],
                },
                InferredSkill {
                    skill: "db".into(),
                    keywords: vec![],
                },
            ],
            ..Needs::default()
        };
        for strategy in Strategy::ALL {
            assert_eq!(
                router.choose(&needs, strategy).unwrap().candidate.agent.name,
                "all",
                "{strategy}"
            );
            let order: Vec<&str> = router
                .rank(&needs, strategy)
                .eligible
                .iter()
                .map(|c| c.agent.name.as_str())
                .collect();
            assert_eq!(order[0], "all", "{strategy}: {order:?}");
        }
        let agents = [
            agent("part", &["network"], 5, AgentStatus::Online),
            agent("zero", &[], 5, AgentStatus::Online),
        ];
        let router = super::Router::new(&config, &agents, &BTreeMap::new(), &BTreeMap::new(), None);
        let waited = Needs {
            fallback: true,
            ..needs
        };
        assert_eq!(
            router
                .choose(&waited, Strategy::Load)
                .unwrap()
                .candidate
                .agent
                .name,
            "part"
        );
    }

    proptest::proptest! {
        /// Without a fallback, no assignment goes to an agent lacking every needed skill.
        #[test]
        fn nobody_without_any_needed_skill_is_ever_picked(
            skills in proptest::collection::vec(proptest::collection::vec(0usize..4, 0..3), 1..6),
            required in proptest::collection::vec(0usize..4, 0..2),
            inferred_skills in proptest::collection::vec(0usize..4, 0..3),
            strategy in 0usize..5,
        ) {
            let names = ["ops", "network", "db", "iam"];
            let agents: Vec<Agent> = skills
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    let own: Vec<&str> = s.iter().map(|n| names[*n]).collect();
                    agent(&format!("a{i}"), &own, 3, AgentStatus::Online)
                })
                .collect();
            let needs = Needs {
                required: required.iter().map(|n| names[*n].to_string()).collect(),
                inferred: inferred_skills
                    .iter()
                    .filter(|n| !required.contains(n))
                    .map(|n| InferredSkill { skill: names[*n].into(), keywords: vec![] })
                    .collect(),
                ..Needs::default()
            };
            let strategy = Strategy::ALL[strategy % Strategy::ALL.len()];
            let config = RoutingConfig::default();
            let router = super::Router::new(&config, &agents, &BTreeMap::new(), &BTreeMap::new(), None);
            if let Ok(pick) = router.choose(&needs, strategy) {
                let has = |skill: &str| pick.candidate.agent.skills.iter().any(|s| s.split(':').next() == Some(skill));
                let needed: Vec<&str> = needs.all().collect();
                proptest::prop_assert!(needed.is_empty() || needed.iter().any(|s| has(s)), "{} got {needed:?}", pick.candidate.agent.name);
                proptest::prop_assert!(needs.required.iter().all(|s| has(s)));
            }
        }

        /// `choose` (which orders only the best few) picks the first of `rank` (which
        /// orders everyone), and its decision keeps rank's first five and first ten others.
        #[test]
        fn choose_agrees_with_rank(
            agents in proptest::collection::vec((proptest::collection::vec(0usize..3, 0..3), 0u32..4, 1u32..4, proptest::prelude::any::<bool>()), 1..14),
            required in proptest::collection::vec(0usize..3, 0..2),
            strategy in 0usize..5,
            last in proptest::option::of(0usize..14),
        ) {
            let names = ["ops", "network", "db"];
            let roster: Vec<Agent> = agents
                .iter()
                .enumerate()
                .map(|(i, (s, _, capacity, online))| {
                    let own: Vec<&str> = s.iter().map(|n| names[*n]).collect();
                    let status = if *online { AgentStatus::Online } else { AgentStatus::Offline };
                    agent(&format!("a{i:02}"), &own, *capacity, status)
                })
                .collect();
            let loads: BTreeMap<String, Load> = agents
                .iter()
                .enumerate()
                .map(|(i, (_, open, _, _))| (format!("a{i:02}"), Load { open: *open, weighted: f64::from(*open) }))
                .collect();
            let needs = Needs {
                required: required.iter().map(|n| names[*n].to_string()).collect(),
                inferred: vec![InferredSkill { skill: "network".into(), keywords: vec![] }]
                    .into_iter()
                    .filter(|_| !required.contains(&1))
                    .collect(),
                ..Needs::default()
            };
            let strategy = Strategy::ALL[strategy % Strategy::ALL.len()];
            let config = RoutingConfig::default();
            let router = super::Router::new(&config, &roster, &loads, &BTreeMap::new(), last.map(|i| format!("a{i:02}")));
            let ranking = router.rank(&needs, strategy);
            match router.choose(&needs, strategy) {
                Ok(pick) => {
                    proptest::prop_assert_eq!(&pick.candidate.agent.name, &ranking.eligible[0].agent.name);
                    let ranked: Vec<&str> = ranking.eligible.iter().take(5).map(|c| c.agent.name.as_str()).collect();
                    let kept: Vec<&str> = pick.decision.candidates.iter().map(|c| c.agent.as_str()).collect();
                    proptest::prop_assert_eq!(kept, ranked);
                    proptest::prop_assert_eq!(pick.decision.eligible as usize, ranking.eligible.len());
                    proptest::prop_assert_eq!(pick.decision.excluded_count as usize, ranking.ineligible.len());
                    let (free_later, never): (Vec<_>, Vec<_>) = ranking.ineligible.iter().partition(|(_, why)| why.is_about_the_agent_now());
                    let others: Vec<String> = free_later.iter().chain(&never).take(10).map(|(c, why)| format!("{} {why}", c.agent.name)).collect();
                    let excluded: Vec<String> = pick.decision.excluded.iter().map(|e| format!("{} {}", e.agent, e.why)).collect();
                    proptest::prop_assert_eq!(excluded, others);
                }
                Err(why) => {
                    proptest::prop_assert!(ranking.eligible.is_empty());
                    proptest::prop_assert_eq!(Some(why), ranking.leftover);
                }
            }
        }
    }
}
