//! Reports (报表): the numbers a help-desk lead runs the team by, computed from the event
//! history alone, so every figure agrees with `desk ticket log`.
//!
//! A [`ReportBuilder`] is fed one ticket at a time (hot or archived, with its events) and
//! keeps only counters and durations, so a report over a million tickets streams.
//!
//! Every measure is about the period `[since, until)` and is attributed to the moment it
//! happened: a ticket counts as created when it was filed, as closed when it was closed, a
//! rating when it was given. Definitions (also in the README):
//! - **created**: tickets filed in the period.
//! - **closed**: tickets with a move to `closed` in the period (counted once per ticket,
//!   at its last close in the period).
//! - **reopened**: tickets with a `reopened` event in the period; **reopen rate** =
//!   reopened ÷ closed; **resolution rate** = closed ÷ created.
//! - **backlog**: tickets open now (`now`, not the period's end), by state.
//! - **escalations**: `escalated` events in the period.
//! - **first response time**: wall-clock time from filing to the first reply by a handler
//!   (or to the close, when it was closed without one), as the SLA's first-response clock;
//!   counted in the period the response happened.
//! - **resolution time**: as the SLA's resolution clock, wall-clock time the ticket spent
//!   `unclaimed` or `pending` from filing to its close in the period: time waiting on the
//!   requester (`awaiting`) and time closed before a reopen do not count.
//! - **SLA attainment** per milestone: of the tickets closed in the period, the share with
//!   no `sla_breached` event for that milestone in their history.
//! - **CSAT**: the latest `rated` score per ticket given in the period; average and count.
//! - Medians and p90 are nearest-rank (the value at rank ⌈p·n⌉); means are arithmetic.
//!   Times are whole seconds.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Datelike, Duration, NaiveDate, Timelike, Utc};

use super::error::DomainError;
use super::event::{Event, EventKind, ReplySide};
use super::sla::Milestone;
use super::ticket::{Priority, Status, Ticket};

/// The period a report covers: `since <= t < until`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub since: DateTime<Utc>,
    pub until: DateTime<Utc>,
}

/// The default period: the last 30 days up to `now`.
pub const DEFAULT_DAYS: i64 = 30;

impl Period {
    /// The period from `--since` and `--until` as typed, relative to `now`. Each takes an
    /// RFC 3339 time, a date (`2026-03-01`: its midnight UTC; for `until` the end of that
    /// day), or an age (`7d`, `12h`, `2w`: that long before `now`). Missing: the last 30
    /// days up to `now`.
    pub fn parse(
        since: Option<&str>,
        until: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<Period, DomainError> {
        let until = match until {
            Some(text) => parse_bound(text, now, true)?,
            None => now,
        };
        let since = match since {
            Some(text) => parse_bound(text, now, false)?,
            None => until - Duration::days(DEFAULT_DAYS),
        };
        if since >= until {
            return Err(DomainError::invalid(format!(
                "the period is empty: --since {} is not before --until {}",
                since.to_rfc3339(),
                until.to_rfc3339()
            )));
        }
        Ok(Period { since, until })
    }

    pub fn contains(&self, at: DateTime<Utc>) -> bool {
        self.since <= at && at < self.until
    }
}

/// One end of a period as typed (see [`Period::parse`]); `is_end` makes a date mean the end of that day.
pub fn parse_bound(text: &str, now: DateTime<Utc>, is_end: bool) -> Result<DateTime<Utc>, DomainError> {
    let text = text.trim();
    if let Ok(time) = DateTime::parse_from_rfc3339(text) {
        return Ok(time.with_timezone(&Utc));
    }
    if let Ok(date) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        let date = if is_end {
            date.succ_opt().unwrap_or(date)
        } else {
            date
        };
        return Ok(date.and_hms_opt(0, 0, 0).expect("midnight").and_utc());
    }
    let age = text
        .char_indices()
        .last()
        .and_then(|(split, unit)| {
            let count: i64 = text[..split].parse().ok().filter(|n| *n >= 0)?;
            match unit {
                'h' => Duration::try_hours(count),
                'd' => Duration::try_days(count),
                'w' => Duration::try_weeks(count),
                _ => None,
            }
        })
        .ok_or_else(|| {
            DomainError::invalid(format!(
                "`{text}` is not a time (2026-03-01T09:00:00Z), a date (2026-03-01) or an age (7d, 12h, 2w)"
            ))
        })?;
    Ok(now - age)
}

/// How a report splits its figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupBy {
    /// The ticket's type.
    Type,
    /// The assignee at close for closing measures, the current one otherwise.
    Agent,
    /// The requester's tier.
    Tier,
    /// The ticket's current priority.
    Priority,
    /// The UTC day (`2026-03-02`) each measured moment fell on.
    Day,
    /// The UTC hour of day (`09`) each measured moment fell in.
    Hour,
}

impl GroupBy {
    pub const ALL: [GroupBy; 6] = [
        GroupBy::Type,
        GroupBy::Agent,
        GroupBy::Tier,
        GroupBy::Priority,
        GroupBy::Day,
        GroupBy::Hour,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            GroupBy::Type => "type",
            GroupBy::Agent => "agent",
            GroupBy::Tier => "tier",
            GroupBy::Priority => "priority",
            GroupBy::Day => "day",
            GroupBy::Hour => "hour",
        }
    }
}

impl fmt::Display for GroupBy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for GroupBy {
    type Err = DomainError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        GroupBy::ALL.into_iter().find(|g| g.as_str() == s).ok_or_else(|| {
            DomainError::invalid(format!(
                "unknown grouping `{s}` (expected type, agent, tier, priority, day or hour)"
            ))
        })
    }
}

/// The group name for tickets nobody owns (`--by agent`).
pub const UNASSIGNED: &str = "(unassigned)";

/// Median, p90 and mean of a set of durations, in whole seconds.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct DurationStats {
    pub count: usize,
    pub median: Option<u64>,
    pub p90: Option<u64>,
    pub mean: Option<u64>,
}

impl DurationStats {
    fn of(mut seconds: Vec<u64>) -> DurationStats {
        if seconds.is_empty() {
            return DurationStats::default();
        }
        seconds.sort_unstable();
        let n = seconds.len();
        let rank = |p: f64| seconds[((p * n as f64).ceil() as usize).clamp(1, n) - 1];
        let total: u128 = seconds.iter().map(|&s| s as u128).sum();
        DurationStats {
            count: n,
            median: Some(rank(0.5)),
            p90: Some(rank(0.9)),
            mean: Some((total as f64 / n as f64).round() as u64),
        }
    }
}

/// Open tickets now, by state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Backlog {
    pub unclaimed: u64,
    pub pending: u64,
    pub awaiting: u64,
}

impl Backlog {
    pub fn total(&self) -> u64 {
        self.unclaimed + self.pending + self.awaiting
    }
}

/// One SLA milestone over the tickets closed in the period.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SlaAttainment {
    pub milestone: Milestone,
    /// Tickets closed in the period with a breach of this milestone in their history.
    pub breached: u64,
    /// Tickets closed in the period.
    pub closed: u64,
}

impl SlaAttainment {
    /// The share met, 0..=1; None when nothing closed.
    pub fn attainment(&self) -> Option<f64> {
        ratio(self.closed - self.breached.min(self.closed), self.closed)
    }
}

/// Every measure, for the whole desk or one group.
#[derive(Debug, Clone, PartialEq)]
pub struct Measures {
    pub created: u64,
    pub closed: u64,
    pub reopened: u64,
    pub backlog: Backlog,
    pub escalations: u64,
    pub first_response: DurationStats,
    pub resolution: DurationStats,
    pub sla: Vec<SlaAttainment>,
    pub csat_count: u64,
    /// Mean score; None without ratings.
    pub csat_average: Option<f64>,
}

impl Measures {
    /// closed ÷ created; None when nothing was created.
    pub fn resolution_rate(&self) -> Option<f64> {
        ratio(self.closed, self.created)
    }

    /// reopened ÷ closed; None when nothing closed.
    pub fn reopen_rate(&self) -> Option<f64> {
        ratio(self.reopened, self.closed)
    }
}

fn ratio(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

#[derive(Debug, Default)]
struct Tally {
    created: u64,
    closed: u64,
    reopened: u64,
    backlog: Backlog,
    escalations: u64,
    first_response: Vec<u64>,
    resolution: Vec<u64>,
    breached: BTreeMap<Milestone, u64>,
    csat_count: u64,
    csat_sum: u64,
}

impl Tally {
    fn merge(&mut self, other: Tally) {
        self.created += other.created;
        self.closed += other.closed;
        self.reopened += other.reopened;
        self.backlog.unclaimed += other.backlog.unclaimed;
        self.backlog.pending += other.backlog.pending;
        self.backlog.awaiting += other.backlog.awaiting;
        self.escalations += other.escalations;
        self.first_response.extend(other.first_response);
        self.resolution.extend(other.resolution);
        for (milestone, count) in other.breached {
            *self.breached.entry(milestone).or_default() += count;
        }
        self.csat_count += other.csat_count;
        self.csat_sum += other.csat_sum;
    }

    fn finish(self) -> Measures {
        Measures {
            created: self.created,
            closed: self.closed,
            reopened: self.reopened,
            backlog: self.backlog,
            escalations: self.escalations,
            first_response: DurationStats::of(self.first_response),
            resolution: DurationStats::of(self.resolution),
            sla: Milestone::ALL
                .into_iter()
                .map(|milestone| SlaAttainment {
                    milestone,
                    breached: self.breached.get(&milestone).copied().unwrap_or(0),
                    closed: self.closed,
                })
                .collect(),
            csat_count: self.csat_count,
            csat_average: (self.csat_count > 0).then(|| self.csat_sum as f64 / self.csat_count as f64),
        }
    }
}

/// A finished report: the whole desk, and the groups when asked for.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub period: Period,
    pub now: DateTime<Utc>,
    pub group_by: Option<GroupBy>,
    pub total: Measures,
    /// Groups in name order (priorities in queue order; days and hours sort by time).
    pub groups: Vec<(String, Measures)>,
}

/// Feeds tickets in, one at a time; [`ReportBuilder::finish`] gives the [`Report`].
pub struct ReportBuilder {
    period: Period,
    now: DateTime<Utc>,
    group_by: Option<GroupBy>,
    total: Tally,
    groups: HashMap<String, Tally>,
}

impl ReportBuilder {
    pub fn new(period: Period, now: DateTime<Utc>, group_by: Option<GroupBy>) -> Self {
        ReportBuilder {
            period,
            now,
            group_by,
            total: Tally::default(),
            groups: HashMap::new(),
        }
    }

    /// Count `ticket` with its `events` (oldest first); `tier` is its requester's tier.
    pub fn add(&mut self, ticket: &Ticket, events: &[Event], tier: &str) {
        let (period, group_by, now) = (self.period, self.group_by, self.now);
        let closes: Vec<&Event> = events
            .iter()
            .filter(|e| e.to_status == Some(Status::Closed))
            .collect();
        let last_close_in_period = closes.iter().rev().find(|e| period.contains(e.at)).copied();
        // The owner when it was closed: the assignee as of that event.
        let assignee_at = |at_seq: u32| {
            events
                .iter()
                .take_while(|e| e.seq <= at_seq)
                .fold(None, |owner: Option<&str>, e| match e.kind {
                    EventKind::Claimed | EventKind::Assigned | EventKind::Transferred => {
                        e.assignee.as_deref().or(owner)
                    }
                    EventKind::Unassigned => None,
                    _ => owner,
                })
        };
        let key_of = |at: DateTime<Utc>, closing: Option<&Event>| -> Option<String> {
            Some(match group_by? {
                GroupBy::Type => ticket.ticket_type.clone(),
                GroupBy::Priority => ticket.priority.as_str().to_string(),
                GroupBy::Tier => tier.to_string(),
                GroupBy::Agent => match closing {
                    Some(close) => assignee_at(close.seq)
                        .map(str::to_string)
                        .or_else(|| ticket.assignee.clone()),
                    None => ticket.assignee.clone(),
                }
                .unwrap_or_else(|| UNASSIGNED.to_string()),
                GroupBy::Day => format!("{:04}-{:02}-{:02}", at.year(), at.month(), at.day()),
                GroupBy::Hour => format!("{:02}", at.hour()),
            })
        };
        let mut facts: Vec<(DateTime<Utc>, Option<&Event>, Fact)> = Vec::new();

        if period.contains(ticket.created_at) {
            facts.push((ticket.created_at, None, Fact::Created));
        }
        if ticket.status.is_open() {
            // Backlog is about now; with a time grouping it is shown in the total only.
            let key = match group_by {
                Some(GroupBy::Day | GroupBy::Hour) => None,
                _ => key_of(now, None),
            };
            self.apply(key, &Fact::Open(ticket.status));
        }
        if let Some(close) = last_close_in_period {
            facts.push((close.at, Some(close), Fact::Closed));
            facts.push((
                close.at,
                Some(close),
                Fact::Resolution(resolution_seconds(ticket.created_at, events, close.seq)),
            ));
            let breached: Vec<Milestone> = Milestone::ALL
                .into_iter()
                .filter(|m| {
                    events.iter().any(|e| {
                        e.kind == EventKind::SlaBreached
                            && e.seq < close.seq
                            && e.milestone.as_deref() == Some(m.as_str())
                    })
                })
                .collect();
            facts.push((close.at, Some(close), Fact::Breaches(breached)));
        }
        if let Some(response) = events
            .iter()
            .find(|e| {
                (e.kind == EventKind::Replied && e.role == Some(ReplySide::Handler))
                    || e.to_status == Some(Status::Closed)
            })
            .filter(|e| period.contains(e.at))
        {
            let seconds = (response.at - ticket.created_at).num_seconds().max(0) as u64;
            facts.push((response.at, None, Fact::FirstResponse(seconds)));
        }
        if let Some(reopen) = events
            .iter()
            .rev()
            .find(|e| e.kind == EventKind::Reopened && period.contains(e.at))
        {
            facts.push((reopen.at, None, Fact::Reopened));
        }
        for event in events
            .iter()
            .filter(|e| e.kind == EventKind::Escalated && period.contains(e.at))
        {
            facts.push((event.at, None, Fact::Escalated));
        }
        if let Some((rating, score)) = events
            .iter()
            .rev()
            .filter(|e| e.kind == EventKind::Rated && period.contains(e.at))
            .find_map(|e| Some((e, e.score?)))
        {
            facts.push((rating.at, None, Fact::Rated(score)));
        }
        for (at, closing, fact) in facts {
            let key = key_of(at, closing);
            self.apply(key, &fact);
        }
    }

    fn apply(&mut self, key: Option<String>, fact: &Fact) {
        fact.count(&mut self.total);
        if let Some(key) = key {
            fact.count(self.groups.entry(key).or_default());
        }
    }

    /// Take in what `other` counted (a builder fed other tickets of the same report).
    pub fn merge(&mut self, other: ReportBuilder) {
        debug_assert_eq!((self.period, self.group_by), (other.period, other.group_by));
        self.total.merge(other.total);
        for (key, tally) in other.groups {
            self.groups.entry(key).or_default().merge(tally);
        }
    }

    pub fn finish(self) -> Report {
        let mut groups: Vec<(String, Measures)> = self
            .groups
            .into_iter()
            .map(|(key, tally)| (key, tally.finish()))
            .collect();
        // Priorities in queue order, everything else by name (days and hours sort by time).
        let rank = |key: &str| key.parse::<Priority>().map(Priority::rank).unwrap_or(u8::MAX);
        match self.group_by {
            Some(GroupBy::Priority) => groups.sort_by(|a, b| (rank(&a.0), &a.0).cmp(&(rank(&b.0), &b.0))),
            _ => groups.sort_by(|a, b| a.0.cmp(&b.0)),
        }
        Report {
            period: self.period,
            now: self.now,
            group_by: self.group_by,
            total: self.total.finish(),
            groups,
        }
    }
}

enum Fact {
    Created,
    Open(Status),
    Closed,
    Reopened,
    Escalated,
    FirstResponse(u64),
    Resolution(u64),
    Breaches(Vec<Milestone>),
    Rated(u8),
}

impl Fact {
    fn count(&self, tally: &mut Tally) {
        match self {
            Fact::Created => tally.created += 1,
            Fact::Open(Status::Unclaimed) => tally.backlog.unclaimed += 1,
            Fact::Open(Status::Pending) => tally.backlog.pending += 1,
            Fact::Open(Status::Awaiting) => tally.backlog.awaiting += 1,
            Fact::Open(Status::Closed) => {}
            Fact::Closed => tally.closed += 1,
            Fact::Reopened => tally.reopened += 1,
            Fact::Escalated => tally.escalations += 1,
            Fact::FirstResponse(s) => tally.first_response.push(*s),
            Fact::Resolution(s) => tally.resolution.push(*s),
            Fact::Breaches(milestones) => {
                for m in milestones {
                    *tally.breached.entry(*m).or_default() += 1;
                }
            }
            Fact::Rated(score) => {
                tally.csat_count += 1;
                tally.csat_sum += u64::from(*score);
            }
        }
    }
}

/// Seconds spent `unclaimed` or `pending` from `created` up to the event `close_seq`.
fn resolution_seconds(created: DateTime<Utc>, events: &[Event], close_seq: u32) -> u64 {
    let mut used = Duration::zero();
    let mut running_since = Some(created);
    for event in events.iter().take_while(|e| e.seq <= close_seq) {
        let Some(to) = event.to_status else { continue };
        let runs = matches!(to, Status::Unclaimed | Status::Pending);
        match (running_since, runs) {
            (Some(since), false) => {
                used += event.at - since;
                running_since = None;
            }
            (None, true) => running_since = Some(event.at),
            _ => {}
        }
    }
    used.num_seconds().max(0) as u64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ticket::Workflow;
    use chrono::TimeZone;

    fn at(minute: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap() + Duration::minutes(minute)
    }

    fn ticket(id: u64, status: Status) -> Ticket {
        serde_json::from_value(serde_json::json!({
            "id": id, "type": "incident", "title": "t", "status": status, "priority": "normal",
            "requester": "carol", "assignee": null, "workflow": Workflow::Internal,
            "created_at": at(0), "updated_at": at(0),
        }))
        .unwrap()
    }

    fn event(seq: u32, minute: i64, kind: EventKind, to: Option<Status>) -> Event {
        let mut e = Event::new(kind, "x", at(minute));
        e.seq = seq;
        e.to_status = to;
        e
    }

    fn period() -> Period {
        Period {
            since: at(0),
            until: at(24 * 60),
        }
    }

    /// Filed at 0, claimed at 10 by bob, replied at 30 (awaiting), requester replied at 90
    /// (pending), replied 100, confirmed 160: resolution = 30 + 10 = 40 min, first response 30.
    fn resolved() -> (Ticket, Vec<Event>) {
        let mut t = ticket(1, Status::Closed);
        t.assignee = Some("bob".into());
        let mut claimed = event(1, 10, EventKind::Claimed, Some(Status::Pending));
        claimed.assignee = Some("bob".into());
        let mut reply = event(2, 30, EventKind::Replied, Some(Status::Awaiting));
        reply.role = Some(ReplySide::Handler);
        let mut back = event(3, 90, EventKind::Replied, Some(Status::Pending));
        back.role = Some(ReplySide::Requester);
        let mut again = event(4, 100, EventKind::Replied, Some(Status::Awaiting));
        again.role = Some(ReplySide::Handler);
        let mut breach = event(5, 120, EventKind::SlaBreached, None);
        breach.milestone = Some("confirmation".into());
        let events = vec![
            event(0, 0, EventKind::Created, Some(Status::Unclaimed)),
            claimed,
            reply,
            back,
            again,
            breach,
            event(6, 160, EventKind::Confirmed, Some(Status::Closed)),
        ];
        (t, events)
    }

    #[test]
    fn a_resolved_ticket_gives_every_clock() {
        let (t, events) = resolved();
        let mut builder = ReportBuilder::new(period(), at(2000), Some(GroupBy::Agent));
        builder.add(&t, &events, "standard");
        let report = builder.finish();
        let m = &report.total;
        assert_eq!((m.created, m.closed, m.reopened), (1, 1, 0));
        assert_eq!(m.first_response.median, Some(30 * 60));
        assert_eq!(m.resolution.median, Some(40 * 60));
        assert_eq!(m.resolution_rate(), Some(1.0));
        let confirmation = m
            .sla
            .iter()
            .find(|s| s.milestone == Milestone::Confirmation)
            .unwrap();
        assert_eq!((confirmation.breached, confirmation.attainment()), (1, Some(0.0)));
        assert_eq!(report.groups.len(), 1);
        assert_eq!(report.groups[0].0, "bob");
    }

    #[test]
    fn nothing_outside_the_period_counts_but_the_backlog() {
        let (t, events) = resolved();
        let open = ticket(2, Status::Pending);
        let later = Period {
            since: at(24 * 60),
            until: at(48 * 60),
        };
        let mut builder = ReportBuilder::new(later, at(3000), None);
        builder.add(&t, &events, "standard");
        builder.add(
            &open,
            &[event(0, 0, EventKind::Created, Some(Status::Unclaimed))],
            "standard",
        );
        let m = builder.finish().total;
        assert_eq!((m.created, m.closed, m.first_response.count), (0, 0, 0));
        assert_eq!(
            m.backlog,
            Backlog {
                unclaimed: 0,
                pending: 1,
                awaiting: 0
            }
        );
        assert_eq!(m.resolution_rate(), None);
    }

    #[test]
    fn merged_builders_count_as_one() {
        let (t, events) = resolved();
        let open = ticket(2, Status::Unclaimed);
        let created = [event(0, 0, EventKind::Created, Some(Status::Unclaimed))];
        let mut whole = ReportBuilder::new(period(), at(2000), Some(GroupBy::Type));
        whole.add(&t, &events, "standard");
        whole.add(&open, &created, "standard");
        let mut first = ReportBuilder::new(period(), at(2000), Some(GroupBy::Type));
        first.add(&t, &events, "standard");
        let mut second = ReportBuilder::new(period(), at(2000), Some(GroupBy::Type));
        second.add(&open, &created, "standard");
        first.merge(second);
        assert_eq!(first.finish(), whole.finish());
    }

    #[test]
    fn percentiles_are_nearest_rank() {
        let stats = DurationStats::of((1..=10).collect());
        assert_eq!((stats.median, stats.p90, stats.mean), (Some(5), Some(9), Some(6)));
        let stats = DurationStats::of(vec![7]);
        assert_eq!((stats.median, stats.p90, stats.mean), (Some(7), Some(7), Some(7)));
        assert_eq!(DurationStats::of(vec![]).median, None);
    }

    #[test]
    fn periods_parse_times_dates_and_ages() {
        let now = at(0);
        let p = Period::parse(None, None, now).unwrap();
        assert_eq!((p.since, p.until), (now - Duration::days(30), now));
        let p = Period::parse(Some("7d"), None, now).unwrap();
        assert_eq!(p.since, now - Duration::days(7));
        let p = Period::parse(Some("2026-03-01"), Some("2026-03-01"), now).unwrap();
        assert_eq!(p.until - p.since, Duration::days(1));
        let p = Period::parse(Some("2026-03-01T08:00:00+08:00"), None, now).unwrap();
        assert_eq!(p.since, Utc.with_ymd_and_hms(2026, 3, 1, 0, 0, 0).unwrap());
        assert!(Period::parse(Some("yesterday"), None, now).is_err());
        assert!(
            Period::parse(Some("1d"), Some("2d"), now).is_err(),
            "empty period"
        );
    }

    #[test]
    fn ratings_count_the_latest_per_ticket_and_reopens_once() {
        let mut t = ticket(3, Status::Closed);
        t.workflow = Workflow::Customer;
        let rated = |seq, minute, score| {
            let mut e = event(seq, minute, EventKind::Rated, None);
            e.score = Some(score);
            e
        };
        let events = vec![
            event(0, 0, EventKind::Created, Some(Status::Unclaimed)),
            event(1, 10, EventKind::Closed, Some(Status::Closed)),
            event(2, 20, EventKind::Reopened, Some(Status::Unclaimed)),
            event(3, 50, EventKind::Closed, Some(Status::Closed)),
            rated(4, 60, 2),
            rated(5, 70, 5),
        ];
        let mut builder = ReportBuilder::new(period(), at(2000), Some(GroupBy::Hour));
        builder.add(&t, &events, "gold");
        let report = builder.finish();
        let m = &report.total;
        assert_eq!(
            (m.closed, m.reopened, m.csat_count, m.csat_average),
            (1, 1, 1, Some(5.0))
        );
        // Resolution: 0..10 unclaimed, closed 10..20, 20..50 unclaimed again = 40 min.
        assert_eq!(m.resolution.median, Some(40 * 60));
        // First response: the first close, at 10 minutes.
        assert_eq!(m.first_response.median, Some(10 * 60));
        assert_eq!(
            report.groups.iter().map(|g| g.0.as_str()).collect::<Vec<_>>(),
            ["09", "10"]
        );
    }
}
