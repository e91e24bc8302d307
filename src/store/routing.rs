//! What routing keeps in the hot store: per-agent, per-day statistics (first responses,
//! resolutions, CSAT) and the round-robin position. Kept here, next to the ticket records
//! they summarise, so a command updates them in the same atomic commit as the move that
//! changes them, and routing reads a few counters instead of ticket history.
//!
//! ```text
//! st/<agent>\0<yyyymmdd>        one agent's counters for one day (JSON)
//! m/round_robin                 the agent round-robin routing picked last
//! ```

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::{decode, encode, Result, TicketQuery, Txn};
use crate::domain::routing::{AgentDayStats, Load, PriorityWeights, StatsDelta};
use crate::domain::Status;

pub const ROUND_ROBIN: &[u8] = b"m/round_robin";

fn stats_prefix(agent: &str) -> Vec<u8> {
    [b"st/", agent.as_bytes(), b"\0"].concat()
}

pub(super) fn stats_key(agent: &str, day: NaiveDate) -> Vec<u8> {
    [stats_prefix(agent), day.format("%Y%m%d").to_string().into_bytes()].concat()
}

pub(super) fn stats_day(key: &[u8]) -> Option<NaiveDate> {
    let digits = std::str::from_utf8(key.get(key.len().checked_sub(8)?..)?).ok()?;
    NaiveDate::parse_from_str(digits, "%Y%m%d").ok()
}

impl Txn<'_> {
    /// Add `deltas` (from [`crate::domain::routing::stats_deltas`]) to the counters.
    pub fn apply_stats_deltas(&mut self, deltas: &[StatsDelta]) -> Result<()> {
        for delta in deltas {
            let key = stats_key(&delta.agent, delta.day);
            let mut stats: AgentDayStats = match self.get_raw(&key)? {
                Some(bytes) => decode(&key, &bytes)?,
                None => AgentDayStats::default(),
            };
            stats.add(&delta.change);
            if stats.is_zero() {
                self.delete_raw(key);
            } else {
                self.put_raw(key, encode(&stats));
            }
        }
        Ok(())
    }

    /// `agent`'s counters for each day from `first` to `last` (inclusive) that has any.
    pub fn agent_stats_by_day(
        &self,
        agent: &str,
        first: NaiveDate,
        last: NaiveDate,
    ) -> Result<Vec<(NaiveDate, AgentDayStats)>> {
        if first > last {
            return Ok(Vec::new());
        }
        let start = stats_key(agent, first);
        let end = stats_key(agent, last.succ_opt().unwrap_or(last));
        let mut merged: BTreeMap<Vec<u8>, Vec<u8>> = self.kv.scan_range(&start, &end)?.into_iter().collect();
        for (key, value) in self.pending.range(start..end) {
            match value {
                Some(value) => merged.insert(key.clone(), value.clone()),
                None => merged.remove(key),
            };
        }
        merged
            .iter()
            .map(|(key, value)| {
                let day = stats_day(key)
                    .ok_or_else(|| super::StoreError::Corrupt(format!("agent stats key {key:?}")))?;
                Ok((day, decode(key, value)?))
            })
            .collect()
    }

    /// `agent`'s counters summed over the days from `first` to `last` (inclusive).
    pub fn agent_stats(&self, agent: &str, first: NaiveDate, last: NaiveDate) -> Result<AgentDayStats> {
        let mut total = AgentDayStats::default();
        for (_, stats) in self.agent_stats_by_day(agent, first, last)? {
            total.add(&stats);
        }
        Ok(total)
    }

    /// Every agent's open tickets (pending and awaiting), counted and weighted by priority.
    /// Reads only open assigned tickets, never history.
    pub fn open_loads(&self, weights: &PriorityWeights) -> Result<BTreeMap<String, Load>> {
        let mut loads: BTreeMap<String, Load> = BTreeMap::new();
        let open = self.query_tickets(&TicketQuery {
            statuses: vec![Status::Pending, Status::Awaiting],
            ..Default::default()
        })?;
        for ticket in open {
            if let Some(assignee) = ticket.assignee {
                let load = loads.entry(assignee).or_default();
                load.open += 1;
                load.weighted += weights.of(ticket.priority);
            }
        }
        Ok(loads)
    }

    /// The agent round-robin routing picked last, if it ever did.
    pub fn round_robin_last(&self) -> Result<Option<String>> {
        Ok(self
            .get_raw(ROUND_ROBIN)?
            .map(|bytes| String::from_utf8_lossy(&bytes).into_owned()))
    }

    pub fn set_round_robin_last(&mut self, agent: &str) {
        self.put_raw(ROUND_ROBIN.to_vec(), agent.as_bytes().to_vec());
    }
}
