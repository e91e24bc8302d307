//! What routing decided for one ticket, as its `assigned` (or rebalancing `transferred`)
//! event keeps it: the strategy, what the ticket needed, the best candidates with the parts
//! of their scores, and who could not take it and why, all as they stood at that moment.
//!
//! `assign explain` shows this record for a ticket that has been routed, apart from how it
//! would rank now: agents go offline, fill up and gain skills, so re-ranking later says
//! little about why the ticket went where it did.

use serde::{Deserialize, Serialize};

use super::routing::{Candidate, InferredSkill, Needs, Strategy};

/// How many of the best candidates an event keeps: enough to see the runner-up's margin,
/// few enough that the history of a desk with a hundred agents stays small.
pub const KEPT_CANDIDATES: usize = 5;
/// How many of the agents who could not take it an event keeps, with the reason.
pub const KEPT_EXCLUDED: usize = 10;

/// The routing decision behind one assignment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    pub strategy: Strategy,
    /// The template's skills: every one was required.
    #[serde(default)]
    pub required: Vec<String>,
    /// Skills its keywords found in the text.
    #[serde(default)]
    pub inferred: Vec<InferredSkill>,
    /// The department whose members alone could take it.
    #[serde(default)]
    pub department: Option<String>,
    /// It had waited past `skill_fallback`, so skills only ranked.
    #[serde(default)]
    pub fallback: bool,
    /// The best candidates, best first: the first got the ticket.
    pub candidates: Vec<DecidedCandidate>,
    /// How many agents could take it (`candidates` keeps the first few).
    pub eligible: u32,
    /// Agents who could not take it, and why: the first few by name, those with the
    /// skills (offline, busy, at capacity) before those without.
    #[serde(default)]
    pub excluded: Vec<Excluded>,
    /// How many agents could not take it in all.
    #[serde(default)]
    pub excluded_count: u32,
}

/// One candidate as the decision saw them. Scores are rounded to 4 places.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DecidedCandidate {
    pub agent: String,
    /// The score the strategy ranked by (round-robin: the balanced score, for reference).
    pub score: f64,
    pub skills: f64,
    pub load: f64,
    pub quality: f64,
    /// Open tickets before this one, and the capacity.
    pub open: u32,
    pub capacity: u32,
}

/// An agent who could not take it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Excluded {
    pub agent: String,
    /// `offline`, `at capacity (5/5)`, `lacks skill `db``, `not in department `hr``.
    pub why: String,
}

impl Decision {
    /// The needs as they were, to describe them as `assign explain` does today's.
    pub fn needs(&self) -> Needs {
        Needs {
            required: self.required.clone(),
            inferred: self.inferred.clone(),
            department: None,
            fallback: self.fallback,
        }
    }
}

impl DecidedCandidate {
    pub fn of(candidate: &Candidate<'_>, strategy: Strategy) -> Self {
        let round = |x: f64| (x * 1e4).round() / 1e4;
        DecidedCandidate {
            agent: candidate.agent.name.clone(),
            score: round(candidate.scores.primary(strategy)),
            skills: round(candidate.scores.skills),
            load: round(candidate.scores.load),
            quality: round(candidate.scores.quality),
            open: candidate.load.open,
            capacity: candidate.agent.capacity,
        }
    }
}
