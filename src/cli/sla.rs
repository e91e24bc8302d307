//! Keeping a ticket's SLA deadlines current: every command that records an event on a
//! ticket calls [`refresh`] before writing it, so the SLA index always matches the history.

use chrono::{DateTime, Utc};

use crate::domain::config::Config;
use crate::domain::sla::{self, SlaStatus};
use crate::domain::ticket::SlaClock;
use crate::domain::{Event, Status, Ticket};

/// Where `ticket` stands against its policy, or None when no policy applies.
pub fn status(config: &Config, ticket: &Ticket, events: &[Event], now: DateTime<Utc>) -> Option<SlaStatus> {
    let policy = config.sla.policy_for(ticket)?;
    Some(sla::evaluate(
        ticket,
        events,
        policy,
        config.sla.clock_of(policy),
        now,
    ))
}

/// Recompute the ticket's SLA attention time and next deadline from its whole history
/// (`events` must include the event being recorded).
pub fn refresh(config: &Config, ticket: &mut Ticket, events: &[Event], now: DateTime<Utc>) {
    let status = (ticket.status != Status::Closed)
        .then(|| status(config, ticket, events, now))
        .flatten();
    ticket.sla_attention_at = status.as_ref().and_then(SlaStatus::attention_at);
    ticket.sla_due_at = status.as_ref().and_then(SlaStatus::next_due);
    ticket.sla_clocks = status
        .iter()
        .flat_map(|s| &s.milestones)
        .filter(|m| m.state.is_running())
        .filter_map(|m| {
            Some(SlaClock {
                milestone: m.milestone.as_str().to_string(),
                warn_at: m.warn_at?,
                due: m.due?,
                warned: m.warned,
                breached: m.breach_recorded,
            })
        })
        .collect();
}
