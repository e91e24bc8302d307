//! SLA (时效): the promises a policy makes per priority, and where a ticket stands against
//! them, computed from its history alone so the answer agrees with `desk ticket log`.
//!
//! Three milestones, each a clock with a target:
//! - **first response**: from creation to the first reply by a handler (or the close);
//! - **resolution**: from creation while the ticket is `unclaimed` or `pending`. A handler's
//!   reply that moves it to `awaiting` stops the clock (paused: waiting on the requester does
//!   not count); a requester's reply or a reopen starts it again with the time already used.
//!   It is met by the close, measured up to the last stop;
//! - **confirmation**: from the handler's reply that moves the ticket to `awaiting` until the
//!   requester confirms or the ticket closes; a requester's reply ends that round.
//!
//! Warnings and breaches are recorded as events and fire once per milestone; a reopen or a
//! priority change by a person re-arms them (a priority raised by escalation does not, or
//! escalation would feed on itself).

use std::collections::BTreeMap;
use std::fmt;
use std::time::Duration;

use chrono::{DateTime, Utc};

use super::calendar::{Calendar, Clock};
use super::event::{Event, EventKind, ReplySide};
use super::lifecycle;
use super::ticket::{Priority, Status, Ticket};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Milestone {
    FirstResponse,
    Resolution,
    Confirmation,
}

impl Milestone {
    pub const ALL: [Milestone; 3] = [
        Milestone::FirstResponse,
        Milestone::Resolution,
        Milestone::Confirmation,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Milestone::FirstResponse => "first_response",
            Milestone::Resolution => "resolution",
            Milestone::Confirmation => "confirmation",
        }
    }

    pub fn parse(text: &str) -> Option<Milestone> {
        Milestone::ALL.into_iter().find(|m| m.as_str() == text)
    }
}

impl fmt::Display for Milestone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.as_str().replace('_', " "))
    }
}

/// When a running milestone counts as at risk.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum WarnAt {
    /// After this fraction of the target has been used (`75%`).
    Fraction(f64),
    /// This much (clock) time before the deadline (`4h`).
    Before(Duration),
}

impl WarnAt {
    pub fn parse(text: &str) -> Result<WarnAt, String> {
        let text = text.trim();
        if let Some(percent) = text.strip_suffix('%') {
            let value: f64 = percent
                .trim()
                .parse()
                .map_err(|_| format!("`{text}` is not a percentage like 75%"))?;
            if !(0.0..100.0).contains(&value) || value == 0.0 {
                return Err(format!("`{text}`: the percentage must be between 0 and 100"));
            }
            return Ok(WarnAt::Fraction(value / 100.0));
        }
        humantime::parse_duration(text)
            .map(WarnAt::Before)
            .map_err(|e| format!("`{text}` is neither a percentage (75%) nor a duration (4h): {e}"))
    }

    /// How much of `target` may be used before the milestone is at risk.
    fn threshold(self, target: Duration) -> Duration {
        match self {
            WarnAt::Fraction(f) => target.mul_f64(f),
            WarnAt::Before(before) => target.saturating_sub(before),
        }
    }
}

/// What a breach sets off, each action recorded as an event.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Escalation {
    /// Raise the priority one step (urgent stays urgent).
    pub raise_priority: bool,
    /// Notify the leads (the escalation event is what notification rules route).
    pub notify_lead: bool,
    /// Hand the ticket to another agent through `assign auto` (unclaimed tickets only).
    pub reassign: bool,
    /// Add this tag to the ticket.
    pub tag: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Policy {
    pub name: String,
    /// Business-hours calendar; None counts calendar time.
    pub calendar: Option<String>,
    /// Targets per milestone and priority; a missing one is not tracked.
    pub targets: BTreeMap<Milestone, BTreeMap<Priority, Duration>>,
    pub warn: WarnAt,
    pub escalation: Escalation,
}

impl Policy {
    pub fn target(&self, milestone: Milestone, priority: Priority) -> Option<Duration> {
        self.targets.get(&milestone)?.get(&priority).copied()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct SlaConfig {
    pub default_policy: String,
    pub calendars: BTreeMap<String, Calendar>,
    pub policies: BTreeMap<String, Policy>,
}

impl SlaConfig {
    /// The policy for `ticket`: the one it was filed under (its tier's, else its
    /// template's) when the config defines it, else the default policy.
    pub fn policy_for(&self, ticket: &Ticket) -> Option<&Policy> {
        self.policy_named(ticket.sla_policy.as_deref())
    }

    /// The policy called `name` if defined, else the default policy.
    pub fn policy_named(&self, name: Option<&str>) -> Option<&Policy> {
        name.and_then(|name| self.policies.get(name))
            .or_else(|| self.policies.get(&self.default_policy))
    }

    pub fn clock_of<'a>(&'a self, policy: &Policy) -> Clock<'a> {
        match policy.calendar.as_ref().and_then(|name| self.calendars.get(name)) {
            Some(calendar) => Clock::Business(calendar),
            None => Clock::Wall,
        }
    }
}

/// Where one milestone stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// The clock runs and the deadline is ahead.
    Running,
    /// The clock runs and the warning point has passed.
    AtRisk,
    /// The clock runs past the deadline.
    Breached,
    /// Waiting on the requester: the resolution clock is stopped.
    Paused,
    /// Reached within the target.
    Met,
    /// Reached, but after the target.
    Missed,
}

impl State {
    pub fn as_str(self) -> &'static str {
        match self {
            State::Running => "running",
            State::AtRisk => "at_risk",
            State::Breached => "breached",
            State::Paused => "paused",
            State::Met => "met",
            State::Missed => "missed",
        }
    }

    pub fn is_running(self) -> bool {
        matches!(self, State::Running | State::AtRisk | State::Breached)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct MilestoneStatus {
    pub milestone: Milestone,
    pub target: Duration,
    pub state: State,
    /// Time used so far (business time under a calendar).
    pub used: Duration,
    /// While running: when it is due and when it turns at risk.
    pub due: Option<DateTime<Utc>>,
    pub warn_at: Option<DateTime<Utc>>,
    /// When it was reached (met or missed).
    pub reached_at: Option<DateTime<Utc>>,
    /// A warning / breach event was recorded since the clock was last armed.
    pub warned: bool,
    pub breach_recorded: bool,
}

impl MilestoneStatus {
    /// Remaining time to the deadline (negative when overdue), by the wall clock.
    pub fn time_left(&self, now: DateTime<Utc>) -> Option<chrono::Duration> {
        self.due.map(|due| due - now)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct SlaStatus {
    pub policy: String,
    pub milestones: Vec<MilestoneStatus>,
}

impl SlaStatus {
    /// From when `desk sla check` has something to do or show for this ticket: the earliest
    /// warning point of a running clock (it stays listed while at risk or breached). None
    /// when no clock runs.
    pub fn attention_at(&self) -> Option<DateTime<Utc>> {
        self.milestones
            .iter()
            .filter(|m| m.state.is_running())
            .filter_map(|m| m.warn_at.or(m.due))
            .min()
    }

    /// The next deadline of a running clock: the queue's SLA order.
    pub fn next_due(&self) -> Option<DateTime<Utc>> {
        self.milestones
            .iter()
            .filter(|m| m.state.is_running())
            .filter_map(|m| m.due)
            .min()
    }
}

/// The events a newly recorded breach of `milestone` sets off under `policy`, applied to
/// `ticket` as they are made: a priority one step up, a tag, an escalation to the leads.
/// (Reassignment needs the router, so the caller does it when `escalation.reassign`.)
pub fn escalate(
    ticket: &mut Ticket,
    milestone: Milestone,
    policy: &Policy,
    actor: &str,
    now: DateTime<Utc>,
) -> Vec<Event> {
    let mut events = Vec::new();
    let about = |kind, message: String| {
        let mut event = Event::new(kind, actor, now);
        event.milestone = Some(milestone.as_str().to_string());
        event.message = Some(message);
        event
    };
    let escalation = &policy.escalation;
    if escalation.raise_priority && ticket.priority != Priority::Urgent {
        let raised = Priority::ALL[ticket.priority.rank() as usize - 1];
        let mut event = about(
            EventKind::PriorityChanged,
            format!("{} → {raised} ({milestone} breached)", ticket.priority),
        );
        event.priority = Some(raised);
        ticket.priority = raised;
        events.push(lifecycle::record(ticket, event));
    }
    if let Some(tag) = escalation.tag.as_ref().filter(|tag| !ticket.tags.contains(tag)) {
        ticket.tags.push(tag.clone());
        events.push(lifecycle::record(ticket, about(EventKind::Tagged, tag.clone())));
    }
    if escalation.notify_lead {
        let message = format!(
            "{milestone} breached under policy {}: escalated to the leads",
            policy.name
        );
        events.push(lifecycle::record(ticket, about(EventKind::Escalated, message)));
    }
    events
}

/// What the SLA clocks read of an event. A ticket's full [`Event`]s provide it, and so do
/// the slimmer events a report streams, so both replay the clocks by the same code.
pub trait ClockEvent {
    fn kind(&self) -> EventKind;
    fn at(&self) -> DateTime<Utc>;
    fn to_status(&self) -> Option<Status>;
    fn role(&self) -> Option<ReplySide>;
    /// The milestone of an SLA event or an escalation's priority change.
    fn milestone(&self) -> Option<&str>;
    /// The priority a creation or priority change set.
    fn priority(&self) -> Option<Priority>;
}

/// Implements [`ClockEvent`] for an event type with the fields of that name.
macro_rules! clock_event_fields {
    ($event:ty) => {
        impl $crate::domain::sla::ClockEvent for $event {
            fn kind(&self) -> EventKind {
                self.kind
            }
            fn at(&self) -> DateTime<Utc> {
                self.at
            }
            fn to_status(&self) -> Option<Status> {
                self.to_status
            }
            fn role(&self) -> Option<ReplySide> {
                self.role
            }
            fn milestone(&self) -> Option<&str> {
                self.milestone.as_deref()
            }
            fn priority(&self) -> Option<Priority> {
                self.priority
            }
        }
    };
}
pub(crate) use clock_event_fields;

clock_event_fields!(Event);

/// What the SLA clocks read of a ticket itself.
#[derive(Debug, Clone, Copy)]
pub struct Subject {
    pub created_at: DateTime<Utc>,
    pub status: Status,
    /// The priority now (the targets follow the filed or a person's priority, from the
    /// history; this when the history has none).
    pub priority: Priority,
}

impl Subject {
    pub fn of(ticket: &Ticket) -> Subject {
        Subject {
            created_at: ticket.created_at,
            status: ticket.status,
            priority: ticket.priority,
        }
    }
}

/// The priority the targets follow: as filed, then as people changed it. A priority
/// raised by escalation moves the ticket up the queue but does not re-target the clocks,
/// or a breach would rewrite the very deadline it missed.
fn target_priority<E: ClockEvent>(ticket: &Subject, events: &[E]) -> Priority {
    target_priority_at(ticket, events, DateTime::<Utc>::MAX_UTC)
}

/// [`target_priority`] as it stood at `at`: the target a milestone reached then was held to.
fn target_priority_at<E: ClockEvent>(ticket: &Subject, events: &[E], at: DateTime<Utc>) -> Priority {
    events
        .iter()
        .take_while(|e| e.at() <= at)
        .filter(|e| {
            e.kind() == EventKind::Created
                || (e.kind() == EventKind::PriorityChanged && e.milestone().is_none())
        })
        .filter_map(|e| e.priority())
        .last()
        .unwrap_or(ticket.priority)
}

/// Is `event` a person's change that re-arms warnings (reopen, manual priority change)?
fn rearms<E: ClockEvent>(event: &E) -> bool {
    match event.kind() {
        EventKind::Reopened => true,
        EventKind::PriorityChanged => event.milestone().is_none(),
        _ => false,
    }
}

/// Where `ticket` stands against `policy` at `now`, from its `events` (oldest first).
pub fn evaluate(
    ticket: &Ticket,
    events: &[Event],
    policy: &Policy,
    clock: Clock<'_>,
    now: DateTime<Utc>,
) -> SlaStatus {
    evaluate_history(&Subject::of(ticket), events, policy, clock, now)
}

/// [`evaluate`] for any history the clocks can read: a ticket's full events, or the parts
/// a report keeps.
pub fn evaluate_history<E: ClockEvent>(
    ticket: &Subject,
    events: &[E],
    policy: &Policy,
    clock: Clock<'_>,
    now: DateTime<Utc>,
) -> SlaStatus {
    let armed_from = events.iter().rposition(rearms).unwrap_or(0);
    let fired = |milestone: Milestone, kind: EventKind, since: DateTime<Utc>| {
        events[armed_from..]
            .iter()
            .any(|e| e.kind() == kind && e.at() >= since && e.milestone() == Some(milestone.as_str()))
    };
    let priority = target_priority(ticket, events);
    let mut milestones = Vec::new();
    for milestone in Milestone::ALL {
        let Some(target) = policy.target(milestone, priority) else {
            continue;
        };
        let Some(track) = track(milestone, ticket, events, clock, now) else {
            continue;
        };
        let threshold = policy.warn.threshold(target);
        let (state, due, warn_at) = match track.running_since {
            Some(since) => {
                let before = track.used_before;
                let due = clock.add(since, target.saturating_sub(before));
                let warn_at = clock.add(since, threshold.saturating_sub(before));
                let state = if now >= due && track.used >= target {
                    State::Breached
                } else if now >= warn_at && track.used >= threshold {
                    State::AtRisk
                } else {
                    State::Running
                };
                (state, Some(due), Some(warn_at))
            }
            None if track.reached_at.is_some() => (
                if track.used <= target {
                    State::Met
                } else {
                    State::Missed
                },
                None,
                None,
            ),
            None => (State::Paused, None, None),
        };
        milestones.push(MilestoneStatus {
            milestone,
            target,
            state,
            used: track.used,
            due,
            warn_at,
            reached_at: track.reached_at,
            warned: fired(milestone, EventKind::SlaWarning, track.round_start),
            breach_recorded: fired(milestone, EventKind::SlaBreached, track.round_start),
        });
    }
    SlaStatus {
        policy: policy.name.clone(),
        milestones,
    }
}

/// The milestones a ticket missed over its whole history, by its own times against the
/// policy's targets: first response and resolution as the clocks replay them up to `now`
/// (reached late, or still running past the target, after a reopen say), and each round
/// of confirmation that took longer than its target. Business hours and pauses count
/// as they do for the clocks. No `sla_breached` event is read, so the answer does not
/// depend on whether `desk sla check` ran before the milestone was reached.
pub fn missed<E: ClockEvent>(
    ticket: &Subject,
    events: &[E],
    policy: &Policy,
    clock: Clock<'_>,
    now: DateTime<Utc>,
) -> Vec<Milestone> {
    // The clocks' own replay, without what `evaluate` adds for `sla check` (deadlines,
    // warning points, which events fired): a report asks this of every closed ticket.
    // Each milestone is held to the target of the priority in force when it was reached
    // (or now, while it runs): a priority a person changed later does not re-judge it.
    let target_at = |milestone: Milestone, at: DateTime<Utc>| {
        policy.target(milestone, target_priority_at(ticket, events, at))
    };
    let over_by = |clock: Clock<'_>, milestone: Milestone| match milestone {
        // `track` sees only the last visit to `awaiting`; every visit is a round.
        Milestone::Confirmation => {
            let late = |start: DateTime<Utc>, end: DateTime<Utc>| {
                target_at(milestone, end).is_some_and(|target| clock.elapsed(start, end) > target)
            };
            let mut entered: Option<DateTime<Utc>> = None;
            for event in events {
                match (event.to_status(), entered) {
                    (Some(Status::Awaiting), None) => entered = Some(event.at()),
                    (Some(status), Some(start)) if status != Status::Awaiting => {
                        if late(start, event.at()) {
                            return true;
                        }
                        entered = None;
                    }
                    _ => {}
                }
            }
            entered.is_some_and(|start| late(start, now))
        }
        _ => track(milestone, ticket, events, clock, now).is_some_and(|t| {
            target_at(milestone, t.reached_at.unwrap_or(now)).is_some_and(|target| t.used > target)
        }),
    };
    Milestone::ALL
        .into_iter()
        // Working time never exceeds wall time: what is in time by the wall clock is in
        // time by the calendar, and the calendar (costlier) is asked only for the rest.
        .filter(|&m| over_by(Clock::Wall, m) && (matches!(clock, Clock::Wall) || over_by(clock, m)))
        .collect()
}

/// One milestone's clock, replayed from the history.
struct Track {
    used: Duration,
    /// Time used before the clock last started (when it runs now).
    used_before: Duration,
    running_since: Option<DateTime<Utc>>,
    reached_at: Option<DateTime<Utc>>,
    /// Start of the current round (confirmation has one per visit to `awaiting`).
    round_start: DateTime<Utc>,
}

fn track<E: ClockEvent>(
    milestone: Milestone,
    ticket: &Subject,
    events: &[E],
    clock: Clock<'_>,
    now: DateTime<Utc>,
) -> Option<Track> {
    let created = ticket.created_at;
    match milestone {
        Milestone::FirstResponse => {
            let reached = events
                .iter()
                .find(|e| {
                    (e.kind() == EventKind::Replied && e.role() == Some(ReplySide::Handler))
                        || e.to_status() == Some(Status::Closed)
                })
                .map(|e| e.at());
            Some(match reached {
                Some(at) => Track {
                    used: clock.elapsed(created, at),
                    used_before: Duration::ZERO,
                    running_since: None,
                    reached_at: Some(at),
                    round_start: created,
                },
                None => Track {
                    used: clock.elapsed(created, now),
                    used_before: Duration::ZERO,
                    running_since: Some(created),
                    reached_at: None,
                    round_start: created,
                },
            })
        }
        Milestone::Resolution => {
            let mut used = Duration::ZERO;
            let mut running_since = Some(created);
            let mut stopped_at = None;
            for event in events {
                let Some(to) = event.to_status() else { continue };
                let runs = matches!(to, Status::Unclaimed | Status::Pending);
                match (running_since, runs) {
                    (Some(since), false) => {
                        used += clock.elapsed(since, event.at());
                        running_since = None;
                        stopped_at = Some(event.at());
                    }
                    (None, true) => running_since = Some(event.at()),
                    _ => {}
                }
            }
            let used_before = used;
            if let Some(since) = running_since {
                used += clock.elapsed(since, now);
            }
            Some(Track {
                used,
                used_before,
                running_since,
                reached_at: (ticket.status == Status::Closed).then_some(stopped_at).flatten(),
                round_start: created,
            })
        }
        Milestone::Confirmation => {
            // The current (or last) visit to `awaiting`.
            let entered = events
                .iter()
                .rposition(|e| e.to_status() == Some(Status::Awaiting))?;
            let start = events[entered].at();
            let left = events[entered + 1..]
                .iter()
                .find(|e| e.to_status().is_some_and(|s| s != Status::Awaiting));
            match left {
                None => Some(Track {
                    used: clock.elapsed(start, now),
                    used_before: Duration::ZERO,
                    running_since: Some(start),
                    reached_at: None,
                    round_start: start,
                }),
                // Confirmed or closed from `awaiting`: the round is over.
                Some(e) if e.to_status() == Some(Status::Closed) => Some(Track {
                    used: clock.elapsed(start, e.at()),
                    used_before: Duration::ZERO,
                    running_since: None,
                    reached_at: Some(e.at()),
                    round_start: start,
                }),
                // The requester answered instead: no confirmation is due now.
                Some(_) => None,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::lifecycle::{self, Action, Actor, NewTicket};
    use crate::domain::people::{Agent, AgentStatus, Role};
    use crate::domain::ticket::Workflow;
    use chrono::TimeZone;

    const MIN: Duration = Duration::from_secs(60);

    fn at(minute: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap() + chrono::Duration::minutes(minute)
    }

    fn policy() -> Policy {
        let per = |m: u32| BTreeMap::from([(Priority::Normal, m * MIN), (Priority::High, m * MIN / 2)]);
        Policy {
            name: "p".into(),
            calendar: None,
            targets: BTreeMap::from([
                (Milestone::FirstResponse, per(60)),
                (Milestone::Resolution, per(240)),
                (Milestone::Confirmation, per(120)),
            ]),
            warn: WarnAt::Fraction(0.75),
            escalation: Escalation::default(),
        }
    }

    fn bob() -> Agent {
        Agent {
            name: "bob".into(),
            skills: vec![],
            capacity: 5,
            role: Role::Agent,
            status: AgentStatus::Online,
            created_at: at(0),
            updated_at: at(0),
            os_user: None,
        }
    }

    /// A ticket and its history, moved by `steps` of (minute, who, action).
    fn history(steps: &[(i64, &str, Action<'_>)]) -> (Ticket, Vec<Event>) {
        let new = NewTicket {
            ticket_type: "incident".into(),
            prefix: None,
            workflow: Workflow::Internal,
            title: "t".into(),
            body: String::new(),
            priority: Priority::Normal,
            requester: "carol".into(),
            fields: Default::default(),
            dedup_key: None,
            sla_policy: None,
            channel: None,
            attachments: vec![],
        };
        let (mut ticket, event) = lifecycle::create(1, new, "carol", at(0));
        let mut events = vec![event];
        let agent = bob();
        for (minute, who, action) in steps {
            let actor = Actor {
                name: who,
                agent: (*who == "bob").then_some(&agent),
            };
            let (next, event) = lifecycle::apply(&ticket, actor, *action, at(*minute)).unwrap();
            ticket = next;
            events.push(event);
        }
        (ticket, events)
    }

    fn state(status: &SlaStatus, milestone: Milestone) -> &MilestoneStatus {
        status
            .milestones
            .iter()
            .find(|m| m.milestone == milestone)
            .unwrap()
    }

    #[test]
    fn a_fresh_ticket_runs_then_turns_at_risk_then_breaches() {
        let (t, e) = history(&[]);
        let s = evaluate(&t, &e, &policy(), Clock::Wall, at(10));
        let first = state(&s, Milestone::FirstResponse);
        assert_eq!(
            (first.state, first.due, first.warn_at),
            (State::Running, Some(at(60)), Some(at(45)))
        );
        assert_eq!(s.attention_at(), Some(at(45)));
        assert_eq!(
            state(
                &evaluate(&t, &e, &policy(), Clock::Wall, at(45)),
                Milestone::FirstResponse
            )
            .state,
            State::AtRisk
        );
        assert_eq!(
            state(
                &evaluate(&t, &e, &policy(), Clock::Wall, at(61)),
                Milestone::FirstResponse
            )
            .state,
            State::Breached
        );
        assert!(
            s.milestones
                .iter()
                .all(|m| m.milestone != Milestone::Confirmation),
            "not awaiting yet"
        );
    }

    #[test]
    fn awaiting_pauses_resolution_and_starts_confirmation() {
        let (t, e) = history(&[
            (10, "bob", Action::Claim),
            (30, "bob", Action::Reply { message: "try now" }),
            (
                100,
                "carol",
                Action::Reply {
                    message: "still broken",
                },
            ),
        ]);
        let s = evaluate(&t, &e, &policy(), Clock::Wall, at(130));
        let first = state(&s, Milestone::FirstResponse);
        assert_eq!((first.state, first.used), (State::Met, 30 * MIN));
        let resolution = state(&s, Milestone::Resolution);
        // Ran 0-30 and 100-130: 60 minutes used, 180 left at minute 130.
        assert_eq!((resolution.state, resolution.used), (State::Running, 60 * MIN));
        assert_eq!(resolution.due, Some(at(130 + 180)));
        assert!(
            s.milestones
                .iter()
                .all(|m| m.milestone != Milestone::Confirmation),
            "the requester answered"
        );

        let (t, e) = history(&[
            (10, "bob", Action::Claim),
            (30, "bob", Action::Reply { message: "done" }),
        ]);
        let s = evaluate(&t, &e, &policy(), Clock::Wall, at(500));
        assert_eq!(state(&s, Milestone::Resolution).state, State::Paused);
        let confirmation = state(&s, Milestone::Confirmation);
        assert_eq!(
            (confirmation.state, confirmation.due),
            (State::Breached, Some(at(150)))
        );
    }

    #[test]
    fn missed_reads_the_times_of_every_round_not_the_breach_events() {
        // First reply a minute late; the first awaiting round runs 130m (target 120m) until
        // the requester answers; the second round is confirmed in 10m.
        let (t, e) = history(&[
            (10, "bob", Action::Claim),
            (61, "bob", Action::Reply { message: "try now" }),
            (191, "carol", Action::Reply { message: "no" }),
            (200, "bob", Action::Reply { message: "now?" }),
            (210, "carol", Action::Confirm),
        ]);
        assert!(e.iter().all(|e| e.kind != EventKind::SlaBreached));
        let subject = Subject::of(&t);
        let last_round = evaluate(&t, &e, &policy(), Clock::Wall, at(300));
        assert_eq!(state(&last_round, Milestone::Confirmation).state, State::Met);
        assert_eq!(
            missed(&subject, &e, &policy(), Clock::Wall, at(300)),
            [Milestone::FirstResponse, Milestone::Confirmation]
        );
        // Answered on the minute and confirmed in time: nothing missed.
        let (t, e) = history(&[
            (10, "bob", Action::Claim),
            (60, "bob", Action::Reply { message: "done" }),
            (70, "carol", Action::Confirm),
        ]);
        assert!(missed(&Subject::of(&t), &e, &policy(), Clock::Wall, at(300)).is_empty());
    }

    #[test]
    fn a_milestone_is_held_to_the_priority_of_its_time() {
        // Answered in 40m as `normal` (target 60m), then a person raises it to `high` (30m)
        // and lowers another that was late as `high`: neither change re-judges the reply.
        let raised = |mut events: Vec<Event>, at_minute: i64, to: Priority| {
            let mut change = Event::new(EventKind::PriorityChanged, "dana", at(at_minute));
            change.priority = Some(to);
            events.push(change);
            events
        };
        let (t, e) = history(&[
            (10, "bob", Action::Claim),
            (40, "bob", Action::Reply { message: "done" }),
        ]);
        let e = raised(e, 50, Priority::High);
        let subject = Subject {
            priority: Priority::High,
            ..Subject::of(&t)
        };
        assert!(!missed(&subject, &e, &policy(), Clock::Wall, at(60)).contains(&Milestone::FirstResponse));

        let (t, e) = history(&[(10, "bob", Action::Claim)]);
        let e = raised(e, 5, Priority::High);
        let mut e = e;
        let (_, reply) = lifecycle::apply(
            &Ticket {
                priority: Priority::High,
                ..t.clone()
            },
            Actor {
                name: "bob",
                agent: Some(&bob()),
            },
            Action::Reply { message: "late" },
            at(40),
        )
        .unwrap();
        e.push(reply);
        let e = raised(e, 50, Priority::Normal);
        assert!(
            missed(&Subject::of(&t), &e, &policy(), Clock::Wall, at(60)).contains(&Milestone::FirstResponse)
        );
    }

    #[test]
    fn closing_settles_every_clock() {
        let (t, e) = history(&[
            (10, "bob", Action::Claim),
            (300, "bob", Action::Reply { message: "done" }),
            (310, "carol", Action::Confirm),
        ]);
        let s = evaluate(&t, &e, &policy(), Clock::Wall, at(1000));
        assert_eq!(state(&s, Milestone::FirstResponse).state, State::Missed);
        let resolution = state(&s, Milestone::Resolution);
        assert_eq!(
            (resolution.state, resolution.reached_at),
            (State::Missed, Some(at(300)))
        );
        assert_eq!(state(&s, Milestone::Confirmation).state, State::Met);
        assert_eq!(s.attention_at(), None);
    }

    #[test]
    fn warnings_fire_once_and_a_reopen_rearms_them() {
        let (t, mut e) = history(&[]);
        let mut warning = Event::new(EventKind::SlaWarning, "desk", at(46));
        warning.milestone = Some("first_response".into());
        e.push(warning);
        let s = evaluate(&t, &e, &policy(), Clock::Wall, at(50));
        assert!(state(&s, Milestone::FirstResponse).warned);
        assert_eq!(s.attention_at(), Some(at(45)), "still listed while at risk");
        let mut priority = Event::new(EventKind::PriorityChanged, "dave", at(51));
        priority.priority = Some(Priority::High);
        e.push(priority);
        assert!(
            !state(
                &evaluate(&t, &e, &policy(), Clock::Wall, at(52)),
                Milestone::FirstResponse
            )
            .warned
        );
    }

    #[test]
    fn an_escalations_priority_raise_keeps_the_targets() {
        let (mut t, mut e) = history(&[]);
        let policy = policy();
        let breach = evaluate(&t, &e, &policy, Clock::Wall, at(70));
        assert_eq!(state(&breach, Milestone::FirstResponse).due, Some(at(60)));
        e.extend(escalate(
            &mut t,
            Milestone::FirstResponse,
            &Policy {
                escalation: Escalation {
                    raise_priority: true,
                    ..Default::default()
                },
                ..policy.clone()
            },
            "desk-sla",
            at(70),
        ));
        assert_eq!(t.priority, Priority::High);
        let after = evaluate(&t, &e, &policy, Clock::Wall, at(71));
        assert_eq!(
            state(&after, Milestone::FirstResponse).due,
            Some(at(60)),
            "the missed deadline stays"
        );
        assert_eq!(state(&after, Milestone::Resolution).due, Some(at(240)));
    }

    #[test]
    fn warn_points_by_percentage_or_lead_time() {
        assert_eq!(WarnAt::parse("75%").unwrap(), WarnAt::Fraction(0.75));
        assert_eq!(WarnAt::parse("4h").unwrap(), WarnAt::Before(240 * MIN));
        assert!(WarnAt::parse("150%").is_err());
        assert_eq!(WarnAt::Before(240 * MIN).threshold(48 * 60 * MIN), 44 * 60 * MIN);
        assert_eq!(WarnAt::Before(240 * MIN).threshold(60 * MIN), Duration::ZERO);
    }
}
