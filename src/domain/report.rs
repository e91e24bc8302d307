//! Reports (报表): the numbers a help-desk lead runs the team by, computed from the event
//! history alone, so every figure agrees with `desk ticket log`.
//!
//! A [`ReportBuilder`] is fed one ticket at a time (hot or archived, with its events) and
//! keeps only counters and durations, so a report over a million tickets streams.
//!
//! Every measure is about the period from `since` to `until`, both included (a date as
//! `--until` means through the end of that day), and is attributed to the moment it
//! happened: a ticket counts as created when it was filed, as closed when it was closed, a
//! rating when it was given. Definitions (also in docs/reports.md):
//! - **created**: tickets filed in the period.
//! - **closed**: tickets with a move to `closed` in the period (counted once per ticket,
//!   at its last close in the period).
//! - **reopened**: tickets with a `reopened` event in the period; **reopen rate** =
//!   reopened ÷ closed; **resolution rate** = closed ÷ created.
//! - **backlog**: tickets open now (`now`, not the period's end), by state and by age
//!   since filing (`<1d`, `1-3d`, `3-7d`, `7-30d`, `>30d`).
//! - **escalations**: `escalated` events in the period.
//! - **first response time**: time from filing to the first reply by a handler (or to the
//!   close, when it was closed without one), as the SLA's first-response clock; counted in
//!   the period the response happened.
//! - **resolution time**: as the SLA's resolution clock, time the ticket spent `unclaimed`
//!   or `pending` from filing to its close in the period: time waiting on the requester
//!   (`awaiting`) and time closed before a reopen do not count.
//! - Both times are **business time** when the ticket's SLA policy (the one it was filed
//!   under, else the default) has a calendar: only working hours count. Otherwise wall-clock.
//! - **SLA attainment** per milestone: of the tickets closed in the period, the share that
//!   did not miss it: by their own times against the policy's targets ([`sla::missed`]:
//!   business hours and pauses included, whether or not `sla check` ran), nor by an
//!   `sla_breached` event anywhere in their history (after a reopen too); **SLA met**
//!   overall: the share that missed none.
//! - **CSAT**: the latest `rated` score per ticket given in the period; average and count.
//! - **KB answers**: replies in the period that answered with a knowledge-base article.
//! - **heatmap** (`--by hour|weekday`): tickets filed (arrivals) and handler replies plus
//!   closes (handling) in the period, by weekday × hour of day in the report's time zone.
//! - Medians and p90 are nearest-rank (the value at rank ⌈p·n⌉); means are arithmetic.
//!   Times are whole seconds.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Datelike, Duration, NaiveDate, Timelike, Utc};
use chrono_tz::Tz;
use serde::Deserialize;

use super::calendar::Clock;
use super::error::DomainError;
use super::event::{Event, EventKind, ReplySide};
use super::sla::{self, Milestone, SlaConfig, Subject};
use super::ticket::{Priority, Status, Ticket};

/// The period a report covers: `since <= t <= until`, or `since <= t < until` when
/// `until` is the midnight after a date given as `--until` (the end of that day).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub since: DateTime<Utc>,
    pub until: DateTime<Utc>,
    /// Whether the instant `until` itself is in the period: yes for a time, an age and
    /// `now` (what was filed this second counts), no for a date's following midnight.
    pub until_included: bool,
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
        let (until, until_included) = match until {
            Some(text) => (
                parse_bound(text, now, true)?,
                NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").is_err(),
            ),
            None => (now, true),
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
        Ok(Period {
            since,
            until,
            until_included,
        })
    }

    pub fn contains(&self, at: DateTime<Utc>) -> bool {
        self.since <= at && (at < self.until || (self.until_included && at == self.until))
    }
}

/// One time as `--since`, `--until` and `desk archive`'s cutoffs take it: an RFC 3339 time, a date
/// (its midnight UTC; with `is_end`, the next midnight) or an age before `now` (`7d`, `12h`, `2w`).
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
    /// The requester.
    Requester,
    /// The channel the ticket came through (`cli`, `email`, `web`…).
    Channel,
    /// The day (`2026-03-02`) each measured moment fell on, in the report's time zone.
    Day,
    /// The ISO week (`2026-W10`) each measured moment fell in.
    Week,
    /// The day of the week (`Mon`) each measured moment fell on.
    Weekday,
    /// The hour of day (`09`) each measured moment fell in.
    Hour,
    /// The ticket's tags: a ticket counts once in each of its tags' groups (so groups may
    /// add up to more than the total), untagged ones in `(untagged)`.
    Tag,
    /// The ticket's department.
    Department,
}

impl GroupBy {
    pub const ALL: [GroupBy; 12] = [
        GroupBy::Type,
        GroupBy::Agent,
        GroupBy::Tier,
        GroupBy::Priority,
        GroupBy::Requester,
        GroupBy::Channel,
        GroupBy::Day,
        GroupBy::Week,
        GroupBy::Weekday,
        GroupBy::Hour,
        GroupBy::Tag,
        GroupBy::Department,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            GroupBy::Type => "type",
            GroupBy::Agent => "agent",
            GroupBy::Tier => "tier",
            GroupBy::Priority => "priority",
            GroupBy::Requester => "requester",
            GroupBy::Channel => "channel",
            GroupBy::Day => "day",
            GroupBy::Week => "week",
            GroupBy::Weekday => "weekday",
            GroupBy::Hour => "hour",
            GroupBy::Tag => "tag",
            GroupBy::Department => "department",
        }
    }

    /// Groupings by when something happened (the backlog, which is about now, is then
    /// shown in the total only).
    pub fn is_time(self) -> bool {
        matches!(
            self,
            GroupBy::Day | GroupBy::Week | GroupBy::Weekday | GroupBy::Hour
        )
    }

    /// Whether the report carries the workload heatmap (hour of day × weekday).
    pub fn has_heatmap(self) -> bool {
        matches!(self, GroupBy::Weekday | GroupBy::Hour)
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
                "unknown grouping `{s}` (expected type, agent, tier, priority, requester, channel, day, week, weekday, hour, tag or department)"
            ))
        })
    }
}

/// The group name for tickets nobody owns (`--by agent`).
pub const UNASSIGNED: &str = "(unassigned)";

/// The group name for tickets without tags (`--by tag`).
pub const UNTAGGED: &str = "(untagged)";

/// The group name for tickets routed to no department (`--by department`).
pub const NO_DEPARTMENT: &str = "(no department)";

/// The group name for tickets filed before channels were recorded (`--by channel`).
pub const NO_CHANNEL: &str = "(unrecorded)";

/// Hour-of-day group names.
const HOURS: [&str; 24] = [
    "00", "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13", "14", "15", "16",
    "17", "18", "19", "20", "21", "22", "23",
];

/// Weekday names in heatmap row order (ISO: Monday first).
pub const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// The parts of a ticket a report reads. Decoding an archived frame into this view skips
/// the body, fields and attachments, which is most of what a report over a million
/// archived tickets would otherwise spend its time on (see benches/report.sh).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ReportTicket {
    pub id: u64,
    #[serde(rename = "type")]
    pub ticket_type: String,
    pub status: Status,
    pub priority: Priority,
    pub requester: String,
    #[serde(default)]
    pub assignee: Option<String>,
    #[serde(deserialize_with = "fast_time::deserialize")]
    pub created_at: DateTime<Utc>,
    #[serde(default)]
    pub sla_policy: Option<String>,
    #[serde(default)]
    pub channel: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub department: Option<String>,
}

/// The parts of an event a report reads (no messages, fields or reasons).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ReportEvent {
    pub seq: u32,
    pub kind: EventKind,
    #[serde(deserialize_with = "fast_time::deserialize")]
    pub at: DateTime<Utc>,
    #[serde(default)]
    pub to_status: Option<Status>,
    #[serde(default)]
    pub assignee: Option<String>,
    #[serde(default)]
    pub role: Option<ReplySide>,
    #[serde(default)]
    pub score: Option<u8>,
    #[serde(default)]
    pub milestone: Option<String>,
    /// The knowledge-base article a reply answered with.
    #[serde(default)]
    pub kb: Option<u64>,
    /// The priority a creation or priority change set: the SLA targets follow it.
    #[serde(default)]
    pub priority: Option<Priority>,
}

impl From<&ReportTicket> for Subject {
    fn from(t: &ReportTicket) -> Self {
        Subject {
            created_at: t.created_at,
            status: t.status,
            priority: t.priority,
        }
    }
}

sla::clock_event_fields!(ReportEvent);

impl From<&Ticket> for ReportTicket {
    fn from(t: &Ticket) -> Self {
        ReportTicket {
            id: t.id,
            ticket_type: t.ticket_type.clone(),
            status: t.status,
            priority: t.priority,
            requester: t.requester.clone(),
            assignee: t.assignee.clone(),
            created_at: t.created_at,
            sla_policy: t.sla_policy.clone(),
            tags: t.tags.clone(),
            department: t.department.clone(),
            channel: t.channel.clone(),
        }
    }
}

impl From<&Event> for ReportEvent {
    fn from(e: &Event) -> Self {
        ReportEvent {
            seq: e.seq,
            kind: e.kind,
            at: e.at,
            to_status: e.to_status,
            assignee: e.assignee.clone(),
            role: e.role,
            score: e.score,
            milestone: e.milestone.clone(),
            kb: e.kb,
            priority: e.priority,
        }
    }
}

/// RFC 3339 times as desk writes them (`2026-03-02T09:00:00Z`) parsed without chrono's
/// general parser, which was a fifth of a million-ticket report's time; anything else
/// (fractions, offsets) goes through chrono.
mod fast_time {
    use chrono::{DateTime, NaiveDate, Utc};
    use serde::de::{self, Deserializer, Visitor};
    use std::fmt;

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
        d.deserialize_str(TimeVisitor)
    }

    struct TimeVisitor;

    impl Visitor<'_> for TimeVisitor {
        type Value = DateTime<Utc>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("an RFC 3339 time")
        }
        fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
            parse(text).ok_or_else(|| E::custom(format!("`{text}` is not an RFC 3339 time")))
        }
    }

    pub fn parse(text: &str) -> Option<DateTime<Utc>> {
        canonical(text.as_bytes()).or_else(|| {
            DateTime::parse_from_rfc3339(text)
                .ok()
                .map(|t| t.with_timezone(&Utc))
        })
    }

    fn canonical(b: &[u8]) -> Option<DateTime<Utc>> {
        if b.len() != 20
            || b[4] != b'-'
            || b[7] != b'-'
            || b[10] != b'T'
            || b[13] != b':'
            || b[16] != b':'
            || b[19] != b'Z'
        {
            return None;
        }
        let num = |range: std::ops::Range<usize>| -> Option<u32> {
            b[range].iter().try_fold(0u32, |n, &c| {
                c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
            })
        };
        let year = i32::try_from(num(0..4)?).ok()?;
        NaiveDate::from_ymd_opt(year, num(5..7)?, num(8..10)?)?
            .and_hms_opt(num(11..13)?, num(14..16)?, num(17..19)?)
            .map(|t| t.and_utc())
    }
}

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

/// Backlog age buckets: an open ticket's age now (since it was filed), upper bounds in hours.
pub const AGE_BUCKETS: [(&str, Option<i64>); 5] = [
    ("<1d", Some(24)),
    ("1-3d", Some(72)),
    ("3-7d", Some(168)),
    ("7-30d", Some(720)),
    (">30d", None),
];

fn age_bucket(age: Duration) -> usize {
    AGE_BUCKETS
        .iter()
        .position(|(_, hours)| hours.is_none_or(|h| age < Duration::hours(h)))
        .unwrap_or(AGE_BUCKETS.len() - 1)
}

/// Open tickets now, by state and by age.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Backlog {
    pub unclaimed: u64,
    pub pending: u64,
    pub awaiting: u64,
    /// Counts per [`AGE_BUCKETS`] entry.
    pub ages: [u64; 5],
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
    /// Tickets closed in the period with no breach of any milestone.
    pub sla_met: u64,
    /// Replies that answered with a knowledge-base article (`ticket reply --kb`).
    pub kb_answers: u64,
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

    /// Share of the tickets closed in the period that met every milestone.
    pub fn sla_attainment(&self) -> Option<f64> {
        ratio(self.sla_met, self.closed)
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
    sla_met: u64,
    kb_answers: u64,
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
        for (mine, theirs) in self.backlog.ages.iter_mut().zip(other.backlog.ages) {
            *mine += theirs;
        }
        self.escalations += other.escalations;
        self.first_response.extend(other.first_response);
        self.resolution.extend(other.resolution);
        for (milestone, count) in other.breached {
            *self.breached.entry(milestone).or_default() += count;
        }
        self.sla_met += other.sla_met;
        self.kb_answers += other.kb_answers;
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
            sla_met: self.sla_met,
            kb_answers: self.kb_answers,
            csat_count: self.csat_count,
            csat_average: (self.csat_count > 0).then(|| self.csat_sum as f64 / self.csat_count as f64),
        }
    }
}

/// Arrivals and handling by weekday (rows, Monday first) and hour of day (columns), in the
/// report's time zone: where the peaks and troughs are, for staffing.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Heatmap {
    /// Tickets filed.
    pub arrivals: [[u64; 24]; 7],
    /// Handler replies and closes: the desk's answers.
    pub handled: [[u64; 24]; 7],
}

impl Heatmap {
    fn merge(&mut self, other: &Heatmap) {
        for (mine, theirs) in [
            (&mut self.arrivals, &other.arrivals),
            (&mut self.handled, &other.handled),
        ] {
            for (row, other_row) in mine.iter_mut().zip(theirs) {
                for (cell, other_cell) in row.iter_mut().zip(other_row) {
                    *cell += other_cell;
                }
            }
        }
    }
}

/// Tickets filed and closed on one day of the period (report time zone).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayCount {
    pub date: NaiveDate,
    pub created: u64,
    pub closed: u64,
}

/// A finished report: the whole desk, and the groups when asked for.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub period: Period,
    pub now: DateTime<Utc>,
    pub tz: Tz,
    pub group_by: Option<GroupBy>,
    pub total: Measures,
    /// Groups in name order (priorities in queue order, weekdays Monday first; days, weeks
    /// and hours sort by time).
    pub groups: Vec<(String, Measures)>,
    /// With `--by hour` or `--by weekday`.
    pub heatmap: Option<Heatmap>,
    /// Every day from the first to the last with tickets filed or closed in the period.
    pub daily: Vec<DayCount>,
}

/// What a report is about and how it counts.
#[derive(Debug, Clone, Copy)]
pub struct ReportOptions<'a> {
    pub period: Period,
    pub now: DateTime<Utc>,
    pub group_by: Option<GroupBy>,
    /// Days, weeks, weekdays and hours are read in this zone.
    pub tz: Tz,
    /// Where a ticket's SLA policy has a business calendar, its response and resolution
    /// times count working time only; without a config, wall-clock time.
    pub sla: Option<&'a SlaConfig>,
}

/// Whether a report over `period` counts `ticket` as filed or closed in it: the tickets
/// `desk report -q` lists.
pub fn filed_or_closed_in(period: &Period, ticket: &ReportTicket, events: &[ReportEvent]) -> bool {
    period.contains(ticket.created_at)
        || events
            .iter()
            .any(|e| e.to_status == Some(Status::Closed) && period.contains(e.at))
}

/// Feeds tickets in, one at a time; [`ReportBuilder::finish`] gives the [`Report`].
pub struct ReportBuilder<'a> {
    options: ReportOptions<'a>,
    total: Tally,
    groups: HashMap<String, Tally>,
    heatmap: Heatmap,
    daily: BTreeMap<NaiveDate, (u64, u64)>,
}

impl<'a> ReportBuilder<'a> {
    pub fn new(options: ReportOptions<'a>) -> Self {
        ReportBuilder {
            options,
            total: Tally::default(),
            groups: HashMap::new(),
            heatmap: Heatmap::default(),
            daily: BTreeMap::new(),
        }
    }

    /// Count `ticket` with its `events` (oldest first); `tier` is its requester's tier.
    pub fn add(&mut self, ticket: &ReportTicket, events: &[ReportEvent], tier: &str) {
        let ReportOptions {
            period,
            now,
            group_by,
            tz,
            sla,
        } = self.options;
        let policy = sla.and_then(|sla| Some((sla.policy_named(ticket.sla_policy.as_deref())?, sla)));
        let clock = policy.map_or(Clock::Wall, |(policy, sla)| sla.clock_of(policy));
        let last_close_in_period = events
            .iter()
            .rev()
            .find(|e| e.to_status == Some(Status::Closed) && period.contains(e.at));
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
        // Keys borrow from the ticket or static tables where they can: a report over a
        // million tickets makes several keys per ticket, and each String was an allocation.
        let key_of = |at: DateTime<Utc>, closing: Option<&ReportEvent>| -> Option<Cow<'_, str>> {
            let local = || at.with_timezone(&tz);
            Some(match group_by? {
                GroupBy::Type => Cow::Borrowed(ticket.ticket_type.as_str()),
                GroupBy::Priority => Cow::Borrowed(ticket.priority.as_str()),
                GroupBy::Tier => Cow::Borrowed(tier),
                GroupBy::Requester => Cow::Borrowed(ticket.requester.as_str()),
                GroupBy::Channel => Cow::Borrowed(ticket.channel.as_deref().unwrap_or(NO_CHANNEL)),
                GroupBy::Agent => Cow::Borrowed(
                    match closing {
                        Some(close) => assignee_at(close.seq).or(ticket.assignee.as_deref()),
                        None => ticket.assignee.as_deref(),
                    }
                    .unwrap_or(UNASSIGNED),
                ),
                GroupBy::Day => Cow::Owned(local().format("%Y-%m-%d").to_string()),
                GroupBy::Week => {
                    let week = local().iso_week();
                    Cow::Owned(format!("{:04}-W{:02}", week.year(), week.week()))
                }
                GroupBy::Weekday => {
                    Cow::Borrowed(WEEKDAYS[local().weekday().num_days_from_monday() as usize])
                }
                GroupBy::Hour => Cow::Borrowed(HOURS[local().hour() as usize]),
                GroupBy::Department => Cow::Borrowed(ticket.department.as_deref().unwrap_or(NO_DEPARTMENT)),
                // Several groups per ticket: counted by `apply_to_tags`.
                GroupBy::Tag => return None,
            })
        };
        let mut facts: Vec<(DateTime<Utc>, Option<&ReportEvent>, Fact)> = Vec::new();

        if period.contains(ticket.created_at) {
            facts.push((ticket.created_at, None, Fact::Created));
            self.count_at(ticket.created_at, Mark::Arrival);
        }
        if ticket.status.is_open() {
            // Backlog is about now; with a time grouping it is shown in the total only.
            let key = match group_by {
                Some(g) if g.is_time() => None,
                _ => key_of(now, None),
            };
            let age = age_bucket(now - ticket.created_at);
            if group_by == Some(GroupBy::Tag) {
                self.apply_to_tags(&ticket.tags, &Fact::Open(ticket.status, age));
            } else {
                self.apply(key, &Fact::Open(ticket.status, age));
            }
        }
        if let Some(close) = last_close_in_period {
            facts.push((close.at, Some(close), Fact::Closed));
            facts.push((
                close.at,
                Some(close),
                Fact::Resolution(resolution_seconds(clock, ticket.created_at, events, close.seq)),
            ));
            // Missed by the ticket's own times against its policy's targets, whether or not
            // `sla check` ran in between; or recorded as breached (under the targets of the
            // time, or in a reopened round), wherever that falls.
            let by_times = policy.map_or_else(Vec::new, |(policy, _)| {
                sla::missed(&Subject::from(ticket), events, policy, clock, now)
            });
            let breached: Vec<Milestone> = Milestone::ALL
                .into_iter()
                .filter(|m| {
                    by_times.contains(m)
                        || events.iter().any(|e| {
                            e.kind == EventKind::SlaBreached && e.milestone.as_deref() == Some(m.as_str())
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
            let seconds = if response.at > ticket.created_at {
                clock.elapsed(ticket.created_at, response.at).as_secs()
            } else {
                0
            };
            facts.push((response.at, None, Fact::FirstResponse(seconds)));
        }
        if let Some(reopen) = events
            .iter()
            .rev()
            .find(|e| e.kind == EventKind::Reopened && period.contains(e.at))
        {
            facts.push((reopen.at, None, Fact::Reopened));
        }
        for event in events.iter().filter(|e| period.contains(e.at)) {
            match event.kind {
                EventKind::Escalated => facts.push((event.at, None, Fact::Escalated)),
                _ if event.kb.is_some() => {
                    facts.push((event.at, None, Fact::KbAnswer));
                    if event.role == Some(ReplySide::Handler) {
                        self.count_at(event.at, Mark::Handled);
                    }
                }
                EventKind::Replied if event.role == Some(ReplySide::Handler) => {
                    self.count_at(event.at, Mark::Handled)
                }
                _ if event.to_status == Some(Status::Closed) => self.count_at(event.at, Mark::Handled),
                _ => {}
            }
        }
        if let Some(close) = last_close_in_period {
            self.count_day(close.at, Mark::Closed);
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
            if group_by == Some(GroupBy::Tag) {
                self.apply_to_tags(&ticket.tags, &fact);
            } else {
                let key = key_of(at, closing);
                self.apply(key, &fact);
            }
        }
    }

    fn count_at(&mut self, at: DateTime<Utc>, mark: Mark) {
        let local = at.with_timezone(&self.options.tz);
        let (day, hour) = (
            local.weekday().num_days_from_monday() as usize,
            local.hour() as usize,
        );
        match mark {
            Mark::Arrival => {
                self.heatmap.arrivals[day][hour] += 1;
                self.daily.entry(local.date_naive()).or_default().0 += 1;
            }
            Mark::Handled => self.heatmap.handled[day][hour] += 1,
            Mark::Closed => {}
        }
    }

    fn count_day(&mut self, at: DateTime<Utc>, mark: Mark) {
        if let Mark::Closed = mark {
            let date = at.with_timezone(&self.options.tz).date_naive();
            self.daily.entry(date).or_default().1 += 1;
        }
    }

    fn apply(&mut self, key: Option<Cow<'_, str>>, fact: &Fact) {
        fact.count(&mut self.total);
        if let Some(key) = key {
            match self.groups.get_mut(key.as_ref()) {
                Some(tally) => fact.count(tally),
                None => fact.count(self.groups.entry(key.into_owned()).or_default()),
            }
        }
    }

    /// Count `fact` once in the total and once in each tag's group.
    fn apply_to_tags(&mut self, tags: &[String], fact: &Fact) {
        fact.count(&mut self.total);
        let untagged = [UNTAGGED.to_string()];
        let keys = if tags.is_empty() { &untagged[..] } else { tags };
        for key in keys {
            match self.groups.get_mut(key.as_str()) {
                Some(tally) => fact.count(tally),
                None => fact.count(self.groups.entry(key.clone()).or_default()),
            }
        }
    }

    /// Take in what `other` counted (a builder fed other tickets of the same report).
    pub fn merge(&mut self, other: ReportBuilder) {
        debug_assert_eq!(
            (self.options.period, self.options.group_by),
            (other.options.period, other.options.group_by)
        );
        self.total.merge(other.total);
        for (key, tally) in other.groups {
            self.groups.entry(key).or_default().merge(tally);
        }
        self.heatmap.merge(&other.heatmap);
        for (date, (created, closed)) in other.daily {
            let entry = self.daily.entry(date).or_default();
            entry.0 += created;
            entry.1 += closed;
        }
    }

    pub fn finish(self) -> Report {
        let ReportOptions {
            period,
            now,
            group_by,
            tz,
            ..
        } = self.options;
        let mut groups: Vec<(String, Measures)> = self
            .groups
            .into_iter()
            .map(|(key, tally)| (key, tally.finish()))
            .collect();
        // Priorities in queue order, weekdays Monday first, everything else by name (days,
        // weeks and hours sort by time).
        let rank = |key: &str| match group_by {
            Some(GroupBy::Priority) => key.parse::<Priority>().map(Priority::rank).unwrap_or(u8::MAX),
            Some(GroupBy::Weekday) => WEEKDAYS.iter().position(|d| *d == key).unwrap_or(7) as u8,
            _ => 0,
        };
        groups.sort_by(|a, b| (rank(&a.0), &a.0).cmp(&(rank(&b.0), &b.0)));
        let daily = match (self.daily.first_key_value(), self.daily.last_key_value()) {
            (Some((&first, _)), Some((&last, _))) => first
                .iter_days()
                .take_while(|date| *date <= last)
                .map(|date| {
                    let (created, closed) = self.daily.get(&date).copied().unwrap_or_default();
                    DayCount {
                        date,
                        created,
                        closed,
                    }
                })
                .collect(),
            _ => Vec::new(),
        };
        Report {
            period,
            now,
            tz,
            group_by,
            total: self.total.finish(),
            groups,
            heatmap: group_by.filter(|g| g.has_heatmap()).map(|_| self.heatmap),
            daily,
        }
    }
}

#[derive(Clone, Copy)]
enum Mark {
    Arrival,
    Handled,
    Closed,
}

enum Fact {
    Created,
    /// Open now, in this state, in this age bucket.
    Open(Status, usize),
    Closed,
    Reopened,
    Escalated,
    KbAnswer,
    FirstResponse(u64),
    Resolution(u64),
    Breaches(Vec<Milestone>),
    Rated(u8),
}

impl Fact {
    fn count(&self, tally: &mut Tally) {
        match self {
            Fact::Created => tally.created += 1,
            Fact::Open(status, age) => {
                match status {
                    Status::Unclaimed => tally.backlog.unclaimed += 1,
                    Status::Pending => tally.backlog.pending += 1,
                    Status::Awaiting => tally.backlog.awaiting += 1,
                    Status::Closed => return,
                }
                tally.backlog.ages[*age] += 1;
            }
            Fact::Closed => tally.closed += 1,
            Fact::Reopened => tally.reopened += 1,
            Fact::Escalated => tally.escalations += 1,
            Fact::KbAnswer => tally.kb_answers += 1,
            Fact::FirstResponse(s) => tally.first_response.push(*s),
            Fact::Resolution(s) => tally.resolution.push(*s),
            Fact::Breaches(milestones) => {
                for m in milestones {
                    *tally.breached.entry(*m).or_default() += 1;
                }
                if milestones.is_empty() {
                    tally.sla_met += 1;
                }
            }
            Fact::Rated(score) => {
                tally.csat_count += 1;
                tally.csat_sum += u64::from(*score);
            }
        }
    }
}

/// Seconds on `clock` spent `unclaimed` or `pending` from `created` up to the event `close_seq`.
fn resolution_seconds(
    clock: Clock<'_>,
    created: DateTime<Utc>,
    events: &[ReportEvent],
    close_seq: u32,
) -> u64 {
    let mut used = std::time::Duration::ZERO;
    let mut running_since = Some(created);
    for event in events.iter().take_while(|e| e.seq <= close_seq) {
        let Some(to) = event.to_status else { continue };
        let runs = matches!(to, Status::Unclaimed | Status::Pending);
        match (running_since, runs) {
            (Some(since), false) => {
                if event.at > since {
                    used += clock.elapsed(since, event.at);
                }
                running_since = None;
            }
            (None, true) => running_since = Some(event.at),
            _ => {}
        }
    }
    used.as_secs()
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

    fn builder(period: Period, now: DateTime<Utc>, by: Option<GroupBy>) -> ReportBuilder<'static> {
        ReportBuilder::new(ReportOptions {
            period,
            now,
            group_by: by,
            tz: Tz::UTC,
            sla: None,
        })
    }

    fn feed(builder: &mut ReportBuilder, ticket: &Ticket, events: &[Event], tier: &str) {
        let events: Vec<ReportEvent> = events.iter().map(ReportEvent::from).collect();
        builder.add(&ReportTicket::from(ticket), &events, tier);
    }

    fn period() -> Period {
        Period {
            since: at(0),
            until: at(24 * 60),
            until_included: false,
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
        let mut builder = builder(period(), at(2000), Some(GroupBy::Agent));
        feed(&mut builder, &t, &events, "standard");
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
            until_included: false,
        };
        let mut builder = builder(later, at(3000), None);
        feed(&mut builder, &t, &events, "standard");
        feed(
            &mut builder,
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
                awaiting: 0,
                // Filed at minute 0, the report runs at minute 3000: 50 hours old.
                ages: [0, 1, 0, 0, 0],
            }
        );
        assert_eq!(m.resolution_rate(), None);
    }

    #[test]
    fn merged_builders_count_as_one() {
        let (t, events) = resolved();
        let open = ticket(2, Status::Unclaimed);
        let created = [event(0, 0, EventKind::Created, Some(Status::Unclaimed))];
        let mut whole = builder(period(), at(2000), Some(GroupBy::Type));
        feed(&mut whole, &t, &events, "standard");
        feed(&mut whole, &open, &created, "standard");
        let mut first = builder(period(), at(2000), Some(GroupBy::Type));
        feed(&mut first, &t, &events, "standard");
        let mut second = builder(period(), at(2000), Some(GroupBy::Type));
        feed(&mut second, &open, &created, "standard");
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
        // The end instant is in: a ticket filed this very second counts.
        assert!(p.contains(now) && p.contains(p.since));
        assert!(!p.contains(now + Duration::seconds(1)));
        assert!(!p.contains(p.since - Duration::seconds(1)));
        // A date as --until means through that day, not the next midnight's second.
        let day = Period::parse(Some("2026-03-01"), Some("2026-03-01"), now).unwrap();
        assert!(day.contains("2026-03-01T23:59:59Z".parse().unwrap()));
        assert!(!day.contains("2026-03-02T00:00:00Z".parse().unwrap()));
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
        let mut builder = builder(period(), at(2000), Some(GroupBy::Hour));
        feed(&mut builder, &t, &events, "gold");
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

    #[test]
    fn canonical_times_parse_fast_and_others_through_chrono() {
        let parse = fast_time::parse;
        assert_eq!(parse("2026-03-02T09:00:00Z"), Some(at(0)));
        assert_eq!(parse("2026-03-02T17:00:00+08:00"), Some(at(0)));
        assert_eq!(
            parse("2026-03-02T09:00:00.5Z"),
            Some(at(0) + Duration::milliseconds(500))
        );
        assert_eq!(parse("2026-02-30T09:00:00Z"), None, "no 30 February");
        assert_eq!(parse("2026-03-02T25:00:00Z"), None);
        assert_eq!(parse("yesterday"), None);
        let event: ReportEvent =
            serde_json::from_str(r#"{"seq":1,"kind":"replied","actor":"bob","at":"2026-03-02T09:00:00Z","message":"hi","role":"handler"}"#)
                .unwrap();
        assert_eq!((event.at, event.role), (at(0), Some(ReplySide::Handler)));
    }

    #[test]
    fn times_count_business_hours_where_the_policy_has_a_calendar() {
        use crate::domain::calendar::Calendar;
        use crate::domain::sla::{Escalation, Policy, SlaConfig, WarnAt};
        // Monday 2026-03-02 09:00 UTC = 17:00 in Shanghai; the office works 09:00-18:00.
        let weekday = Calendar::parse_ranges("09:00-18:00").unwrap();
        let calendar = Calendar {
            name: "shanghai".into(),
            timezone: chrono_tz::Asia::Shanghai,
            hours: [
                weekday.clone(),
                weekday.clone(),
                weekday.clone(),
                weekday.clone(),
                weekday,
                vec![],
                vec![],
            ],
            holidays: Default::default(),
        };
        let policy = |name: &str, calendar: Option<&str>| Policy {
            name: name.into(),
            calendar: calendar.map(str::to_string),
            targets: Default::default(),
            warn: WarnAt::parse("75%").unwrap(),
            escalation: Escalation::default(),
        };
        let sla = SlaConfig {
            default_policy: "office".into(),
            calendars: [("shanghai".to_string(), calendar)].into(),
            policies: [
                ("office".to_string(), policy("office", Some("shanghai"))),
                ("wall".to_string(), policy("wall", None)),
            ]
            .into(),
        };
        // Filed at 17:00 Shanghai, answered at 10:00 the next day (minute 17 * 60 = 17h later):
        // one office hour on Monday and one on Tuesday.
        let mut t = ticket(1, Status::Awaiting);
        let mut reply = event(1, 17 * 60, EventKind::Replied, Some(Status::Awaiting));
        reply.role = Some(ReplySide::Handler);
        let events = vec![event(0, 0, EventKind::Created, Some(Status::Unclaimed)), reply];
        let run = |t: &Ticket| {
            let mut b = ReportBuilder::new(ReportOptions {
                period: period(),
                now: at(2000),
                group_by: None,
                tz: Tz::UTC,
                sla: Some(&sla),
            });
            feed(&mut b, t, &events, "standard");
            b.finish().total.first_response.median
        };
        assert_eq!(run(&t), Some(2 * 3600));
        t.sla_policy = Some("wall".into());
        assert_eq!(run(&t), Some(17 * 3600));
    }

    #[test]
    fn weekdays_sort_monday_first_and_feed_the_heatmap() {
        // 2026-03-02 is a Monday; tickets filed Monday 09:00, Tuesday 09:00 and Sunday 10:00 UTC.
        let mut b = builder(
            Period {
                since: at(-24 * 60),
                until: at(8 * 24 * 60),
                until_included: false,
            },
            at(8 * 24 * 60),
            Some(GroupBy::Weekday),
        );
        for (id, minute) in [(1, 0), (2, 24 * 60), (3, 6 * 24 * 60 + 60)] {
            let mut t = ticket(id, Status::Unclaimed);
            t.created_at = at(minute);
            feed(
                &mut b,
                &t,
                &[event(0, minute, EventKind::Created, Some(Status::Unclaimed))],
                "standard",
            );
        }
        let report = b.finish();
        let names: Vec<&str> = report.groups.iter().map(|g| g.0.as_str()).collect();
        assert_eq!(names, ["Mon", "Tue", "Sun"]);
        let heatmap = report.heatmap.expect("weekday reports carry the heatmap");
        assert_eq!(
            (
                heatmap.arrivals[0][9],
                heatmap.arrivals[1][9],
                heatmap.arrivals[6][10]
            ),
            (1, 1, 1)
        );
        assert_eq!(heatmap.arrivals.iter().flatten().sum::<u64>(), 3);
        // Ages now (day 8): 8, 7 and 2 days old.
        assert_eq!(report.total.backlog.ages, [0, 1, 0, 2, 0]);
        assert_eq!(report.daily.len(), 7, "Monday to Sunday, the empty days too");
        assert_eq!(report.daily[1].created, 1);
    }

    #[test]
    fn the_heatmap_reads_hours_in_the_report_time_zone() {
        let mut b = ReportBuilder::new(ReportOptions {
            period: period(),
            now: at(2000),
            group_by: Some(GroupBy::Hour),
            tz: chrono_tz::Asia::Shanghai,
            sla: None,
        });
        feed(
            &mut b,
            &ticket(1, Status::Unclaimed),
            &[event(0, 0, EventKind::Created, Some(Status::Unclaimed))],
            "standard",
        );
        let report = b.finish();
        assert_eq!(report.groups[0].0, "17", "09:00 UTC is 17:00 in Shanghai");
        assert_eq!(report.heatmap.unwrap().arrivals[0][17], 1);
    }
}
