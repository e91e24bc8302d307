//! The work-order state machine (docs/tickets.md, *The lifecycle*):
//!
//! ```text
//! unclaimed ──claim/assign──▶ pending ──handler reply──▶ awaiting ──confirm/close──▶ closed
//!                               ▲  ◀──requester reply──────┘                          │
//!                               └──────────────────────reopen─────────────────────────┘
//! ```
//!
//! [`apply`] checks the state first (an illegal move is a conflict naming the legal moves),
//! then who is acting (a refusal names the rule), and only then builds the new ticket and
//! the event that records the change. It never mutates its input, so a refused move leaves
//! nothing to undo.

use chrono::{DateTime, Utc};

use super::error::DomainError;
use super::event::{Event, EventKind, ReplySide};
use super::people::{Agent, Role};
use super::routing::Pick;
use super::ticket::{Priority, Status, Ticket, Workflow};

/// Who is acting: their name and, if they are an agent, their agent record.
#[derive(Debug, Clone, Copy)]
pub struct Actor<'a> {
    pub name: &'a str,
    pub agent: Option<&'a Agent>,
}

impl Actor<'_> {
    fn role(&self) -> Option<Role> {
        self.agent.map(|agent| agent.role)
    }

    fn is_admin(&self) -> bool {
        self.role() == Some(Role::Admin)
    }

    fn can_dispatch(&self) -> bool {
        self.role().is_some_and(Role::can_dispatch)
    }
}

/// A move on an existing ticket.
#[derive(Debug, Clone, Copy)]
pub enum Action<'a> {
    /// An agent takes an unclaimed ticket.
    Claim,
    /// A lead or admin gives the ticket to an agent.
    Assign {
        to: &'a Agent,
    },
    /// The handler (or a lead/admin) hands the ticket to another agent.
    Transfer {
        to: &'a Agent,
    },
    /// A message to the other side of the conversation.
    Reply {
        message: &'a str,
    },
    /// An internal note between agents; never changes the state.
    Comment {
        message: &'a str,
    },
    /// The requester accepts the handler's answer.
    Confirm,
    Close,
    Reopen,
    /// The requester's satisfaction score (CSAT, 1–5) after close.
    Rate {
        score: u8,
        message: Option<&'a str>,
    },
}

impl Action<'_> {
    pub fn verb(&self) -> &'static str {
        match self {
            Action::Claim => "claim",
            Action::Assign { .. } => "assign",
            Action::Transfer { .. } => "transfer",
            Action::Reply { .. } => "reply",
            Action::Comment { .. } => "comment",
            Action::Confirm => "confirm",
            Action::Close => "close",
            Action::Reopen => "reopen",
            Action::Rate { .. } => "rate",
        }
    }
}

/// The moves that exist from a state (who may make them is checked separately).
pub fn legal_moves(status: Status) -> Vec<&'static str> {
    match status {
        Status::Unclaimed => vec!["claim", "assign", "reply", "comment", "close"],
        Status::Pending => vec!["reply", "comment", "transfer", "assign", "close"],
        Status::Awaiting => vec!["reply", "confirm", "comment", "transfer", "assign", "close"],
        Status::Closed => vec!["reopen", "rate", "comment"],
    }
}

/// Apply `action` by `actor` at `now`: the updated ticket and the event recording it.
pub fn apply(
    ticket: &Ticket,
    actor: Actor<'_>,
    action: Action<'_>,
    now: DateTime<Utc>,
) -> Result<(Ticket, Event), DomainError> {
    let verb = action.verb();
    if !legal_moves(ticket.status).contains(&verb) {
        return Err(DomainError::IllegalTransition {
            action: verb,
            ticket: ticket.display_id(),
            state: ticket.status,
            legal: legal_moves(ticket.status),
        });
    }

    let is_handler = ticket.assignee.as_deref() == Some(actor.name);
    let is_requester = ticket.requester == actor.name;
    let mut next = ticket.clone();
    let mut event = Event::new(kind_of(&action), actor.name, now);

    match action {
        Action::Claim => {
            if actor.agent.is_none() {
                return Err(DomainError::denied(format!(
                    "only agents claim tickets, and `{}` is not an agent",
                    actor.name
                )));
            }
            next.status = Status::Pending;
            next.assignee = Some(actor.name.to_string());
        }
        Action::Assign { to } | Action::Transfer { to } => {
            let is_transfer = matches!(action, Action::Transfer { .. });
            let allowed = actor.can_dispatch() || (is_transfer && is_handler);
            if !allowed {
                let rule = if is_transfer {
                    "only the handler, a lead or an admin may transfer a ticket"
                } else {
                    "only leads and admins assign tickets; agents claim them with `desk ticket claim`"
                };
                return Err(DomainError::denied(rule));
            }
            if ticket.assignee.as_deref() == Some(to.name.as_str()) {
                return Err(DomainError::invalid(format!(
                    "{} is already assigned to {}",
                    ticket.display_id(),
                    to.name
                )));
            }
            if ticket.status == Status::Unclaimed {
                next.status = Status::Pending;
            }
            next.assignee = Some(to.name.clone());
            event.previous_assignee = ticket.assignee.clone();
        }
        Action::Reply { message } => {
            require_message(message)?;
            if is_handler {
                next.handler_replies += 1;
                next.status = Status::Awaiting;
                event.role = Some(ReplySide::Handler);
            } else if is_requester {
                if ticket.status == Status::Awaiting {
                    next.status = Status::Pending;
                }
                event.role = Some(ReplySide::Requester);
            } else {
                return Err(DomainError::denied(match &ticket.assignee {
                    Some(handler) => format!(
                        "only the handler ({handler}) or the requester ({}) may reply; use `desk ticket comment` for an internal note",
                        ticket.requester
                    ),
                    None => format!(
                        "only the requester ({}) may reply to an unclaimed ticket; claim it first",
                        ticket.requester
                    ),
                }));
            }
            event.message = Some(message.to_string());
        }
        Action::Comment { message } => {
            require_message(message)?;
            if actor.agent.is_none() {
                return Err(DomainError::denied(
                    "comments are internal notes between agents; requesters reply with `desk ticket reply`",
                ));
            }
            event.message = Some(message.to_string());
        }
        Action::Confirm => {
            if !(is_requester || actor.is_admin()) {
                return Err(DomainError::denied(format!(
                    "only the requester ({}) or an admin may confirm",
                    ticket.requester
                )));
            }
            close(&mut next, now);
        }
        Action::Close => {
            check_may_close(ticket, actor, is_handler, is_requester)?;
            close(&mut next, now);
        }
        Action::Reopen => {
            if let Some(into) = ticket.merged_into {
                return Err(DomainError::conflict(format!(
                    "{} was merged into #{into} and stays closed: its conversation lives on there (`desk ticket reopen {into}`)",
                    ticket.display_id()
                )));
            }
            if !(is_requester || is_handler || actor.can_dispatch()) {
                return Err(DomainError::denied(
                    "only the requester, the handler, a lead or an admin may reopen a ticket",
                ));
            }
            next.status = if ticket.assignee.is_some() {
                Status::Pending
            } else {
                Status::Unclaimed
            };
            next.closed_at = None;
        }
        Action::Rate { score, message } => {
            // CSAT belongs to the customer workflow: that is where the requester is asked
            // to rate the service once the handler closes. Internal tickets are closed by
            // the requester confirming, so there is nobody else's service to score.
            if ticket.workflow != Workflow::Customer {
                return Err(DomainError::denied(format!(
                    "internal workflow: only customer-workflow tickets are rated (CSAT), and {} is an internal `{}` ticket",
                    ticket.display_id(),
                    ticket.ticket_type
                )));
            }
            if !is_requester {
                return Err(DomainError::denied(format!(
                    "only the requester ({}) rates the service",
                    ticket.requester
                )));
            }
            if !(1..=5).contains(&score) {
                return Err(DomainError::invalid(format!("score must be 1 to 5, not {score}")));
            }
            next.rating = Some(score);
            event.score = Some(score);
            event.message = message.map(str::to_string);
        }
    }

    if next.status != ticket.status {
        event.from_status = Some(ticket.status);
        event.to_status = Some(next.status);
    }
    if next.assignee != ticket.assignee {
        event.assignee = next.assignee.clone();
        next.assigned_at = next.assignee.as_ref().map(|_| now);
    }
    event.seq = ticket.event_count;
    next.event_count = ticket.event_count + 1;
    next.updated_at = now;
    Ok((next, event))
}

/// Routing gives an unclaimed ticket to `to` (`desk assign auto`, `ticket new --assign
/// auto`): an `assigned` event carrying routing's reason and decision. The command checks who may
/// route; this checks the state: only unclaimed tickets are routed.
pub fn auto_assign(
    ticket: &Ticket,
    pick: &Pick<'_>,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<(Ticket, Event), DomainError> {
    check_routable(ticket)?;
    let mut event = Event::new(EventKind::Assigned, actor, now);
    event.reason = Some(pick.reason.clone());
    event.routing = Some(Box::new(pick.decision.clone()));
    let to = pick.candidate.agent;
    Ok(routed(ticket, Some(to), event, now))
}

/// Routing takes only unclaimed tickets; anything else is a conflict naming the state.
pub fn check_routable(ticket: &Ticket) -> Result<(), DomainError> {
    if ticket.status == Status::Unclaimed {
        Ok(())
    } else {
        Err(DomainError::IllegalTransition {
            action: "auto-assign",
            ticket: ticket.display_id(),
            state: ticket.status,
            legal: legal_moves(ticket.status),
        })
    }
}

/// Rebalancing takes an unstarted ticket (pending, no handler reply yet) from its handler:
/// to `to` (a `transferred` event), or back to the queue when `to` is None (`unassigned`).
/// The command checks who may rebalance; this checks the ticket has not been started.
pub fn rebalance(
    ticket: &Ticket,
    to: Option<&Agent>,
    actor: &str,
    reason: String,
    now: DateTime<Utc>,
) -> Result<(Ticket, Event), DomainError> {
    if ticket.status != Status::Pending || ticket.handler_replies > 0 {
        let action = if to.is_some() { "reassign" } else { "unassign" };
        return Err(if ticket.status == Status::Pending {
            DomainError::invalid(format!(
                "cannot {action} {}: its handler has started on it (replied)",
                ticket.display_id()
            ))
        } else {
            DomainError::IllegalTransition {
                action,
                ticket: ticket.display_id(),
                state: ticket.status,
                legal: legal_moves(ticket.status),
            }
        });
    }
    let kind = if to.is_some() {
        EventKind::Transferred
    } else {
        EventKind::Unassigned
    };
    let mut event = Event::new(kind, actor, now);
    event.reason = Some(reason);
    Ok(routed(ticket, to, event, now))
}

/// The ticket with its new owner (or none: back to the queue), and the event saying so.
fn routed(ticket: &Ticket, to: Option<&Agent>, mut event: Event, now: DateTime<Utc>) -> (Ticket, Event) {
    let mut next = ticket.clone();
    next.assignee = to.map(|agent| agent.name.clone());
    next.assigned_at = to.map(|_| now);
    next.status = if to.is_some() {
        Status::Pending
    } else {
        Status::Unclaimed
    };
    if next.status != ticket.status {
        event.from_status = Some(ticket.status);
        event.to_status = Some(next.status);
    }
    event.assignee = next.assignee.clone();
    event.previous_assignee = ticket.assignee.clone();
    event.seq = ticket.event_count;
    next.event_count = ticket.event_count + 1;
    next.updated_at = now;
    (next, event)
}

/// What a requester (or an agent on their behalf) files; checked against the template
/// before it gets here.
#[derive(Debug, Clone)]
pub struct NewTicket {
    pub ticket_type: String,
    pub prefix: Option<String>,
    pub workflow: Workflow,
    pub title: String,
    pub body: String,
    pub priority: super::ticket::Priority,
    pub requester: String,
    pub fields: std::collections::BTreeMap<String, serde_json::Value>,
    pub dedup_key: Option<String>,
    pub sla_policy: Option<String>,
    pub channel: Option<String>,
    pub attachments: Vec<super::ticket::Attachment>,
}

/// Check a title: one non-empty line of reasonable length.
/// Titles are one line of at most this many characters.
pub const TITLE_MAX_CHARS: usize = 200;

pub fn validate_title(title: &str) -> Result<String, DomainError> {
    let title = title.trim();
    if title.is_empty() {
        return Err(DomainError::invalid("the title is empty"));
    }
    if title.contains('\n') {
        return Err(DomainError::invalid(
            "the title must be one line; put details in the body",
        ));
    }
    if title.chars().count() > TITLE_MAX_CHARS {
        return Err(DomainError::invalid(
            "the title is longer than 200 characters; put details in the body",
        ));
    }
    Ok(title.to_string())
}

/// Channel names are one lowercase word of at most this many characters.
pub const CHANNEL_MAX_CHARS: usize = 32;

/// Check a channel name (`ticket new --channel web`): a lowercase word, letters first,
/// then letters, digits, `-` or `_`, so reports group by names that read alike everywhere.
pub fn validate_channel(name: &str) -> Result<(), DomainError> {
    let word = name.len() <= CHANNEL_MAX_CHARS
        && name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_'));
    if word {
        Ok(())
    } else {
        Err(DomainError::invalid(format!(
            "channel `{name}` is not a lowercase word (a-z first, then a-z, 0-9, - or _; at most {CHANNEL_MAX_CHARS}), e.g. web or im"
        )))
    }
}

/// A new ticket with id `id`, filed by `actor`, and its `created` event.
pub fn create(id: u64, new: NewTicket, actor: &str, now: DateTime<Utc>) -> (Ticket, Event) {
    let ticket = Ticket {
        id,
        ticket_type: new.ticket_type,
        prefix: new.prefix,
        title: new.title,
        body: new.body,
        status: Status::Unclaimed,
        priority: new.priority,
        requester: new.requester,
        assignee: None,
        assigned_at: None,
        workflow: new.workflow,
        created_at: now,
        updated_at: now,
        closed_at: None,
        fields: new.fields,
        dedup_key: new.dedup_key,
        handler_replies: 0,
        rating: None,
        sla_policy: new.sla_policy,
        channel: new.channel.clone(),
        attachments: new.attachments,
        occurrences: 1,
        event_count: 1,
        sla_attention_at: None,
        sla_due_at: None,
        sla_clocks: Vec::new(),
        tags: Vec::new(),
        watchers: Vec::new(),
        links: Vec::new(),
        merged_into: None,
        merged_dedup_keys: Vec::new(),
        department: None,
    };
    let mut event = Event::new(EventKind::Created, actor, now);
    event.channel = new.channel;
    event.to_status = Some(Status::Unclaimed);
    event.priority = Some(ticket.priority);
    (ticket, event)
}

/// The same problem reported again under an open ticket's dedup key: count it and record
/// the new report as an `occurred` event instead of opening a second ticket.
pub fn record_occurrence(
    ticket: &Ticket,
    actor: &str,
    details: &str,
    fields: std::collections::BTreeMap<String, serde_json::Value>,
    now: DateTime<Utc>,
) -> (Ticket, Event) {
    let mut next = ticket.clone();
    next.occurrences += 1;
    next.updated_at = now;
    next.event_count += 1;
    let mut event = Event::new(EventKind::Occurred, actor, now);
    event.seq = ticket.event_count;
    event.message = (!details.trim().is_empty()).then(|| details.to_string());
    event.fields = (!fields.is_empty()).then_some(fields);
    (next, event)
}

/// Append an event that needs no permission check (SLA warnings, escalation): number it,
/// count it, and touch the ticket.
pub fn record(ticket: &mut Ticket, mut event: Event) -> Event {
    event.seq = ticket.event_count;
    ticket.event_count += 1;
    ticket.updated_at = event.at;
    event
}

/// A person changes an open ticket's priority: its handler, a lead or an admin. The SLA
/// targets follow the new priority and its warnings re-arm.
pub fn change_priority(
    ticket: &Ticket,
    actor: Actor<'_>,
    priority: Priority,
    now: DateTime<Utc>,
) -> Result<(Ticket, Event), DomainError> {
    if ticket.status == Status::Closed {
        return Err(DomainError::IllegalTransition {
            action: "priority",
            ticket: ticket.display_id(),
            state: ticket.status,
            legal: legal_moves(ticket.status),
        });
    }
    let is_handler = ticket.assignee.as_deref() == Some(actor.name);
    if !(is_handler || actor.can_dispatch()) {
        return Err(DomainError::denied(
            "only the handler, a lead or an admin changes a ticket's priority",
        ));
    }
    if ticket.priority == priority {
        return Err(DomainError::invalid(format!(
            "{} is already {priority}",
            ticket.display_id()
        )));
    }
    let mut next = ticket.clone();
    next.priority = priority;
    let mut event = Event::new(EventKind::PriorityChanged, actor.name, now);
    event.priority = Some(priority);
    event.message = Some(format!("{} → {priority}", ticket.priority));
    let event = record(&mut next, event);
    Ok((next, event))
}

fn kind_of(action: &Action<'_>) -> EventKind {
    match action {
        Action::Claim => EventKind::Claimed,
        Action::Assign { .. } => EventKind::Assigned,
        Action::Transfer { .. } => EventKind::Transferred,
        Action::Reply { .. } => EventKind::Replied,
        Action::Comment { .. } => EventKind::Commented,
        Action::Confirm => EventKind::Confirmed,
        Action::Close => EventKind::Closed,
        Action::Reopen => EventKind::Reopened,
        Action::Rate { .. } => EventKind::Rated,
    }
}

fn require_message(message: &str) -> Result<(), DomainError> {
    if message.trim().is_empty() {
        Err(DomainError::invalid("the message is empty"))
    } else {
        Ok(())
    }
}

fn close(ticket: &mut Ticket, now: DateTime<Utc>) {
    ticket.status = Status::Closed;
    ticket.closed_at = Some(now);
}

/// Who may close: an admin always; `internal` types: the requester confirms; `customer` types:
/// the handler after at least one reply.
fn check_may_close(
    ticket: &Ticket,
    actor: Actor<'_>,
    is_handler: bool,
    is_requester: bool,
) -> Result<(), DomainError> {
    if actor.is_admin() {
        return Ok(());
    }
    match ticket.workflow {
        Workflow::Customer if is_handler => {
            if ticket.handler_replies == 0 {
                Err(DomainError::denied(
                    "customer workflow: the handler may close only after replying at least once",
                ))
            } else {
                Ok(())
            }
        }
        Workflow::Customer => Err(DomainError::denied(
            "customer workflow: only the handler (after replying) or an admin may close",
        )),
        Workflow::Internal if is_requester && ticket.status == Status::Awaiting => Ok(()),
        Workflow::Internal if is_requester => Err(DomainError::denied(format!(
            "internal workflow: the requester closes by confirming the handler's reply, and {} is {}",
            ticket.display_id(),
            ticket.status
        ))),
        Workflow::Internal => Err(DomainError::denied(format!(
            "internal workflow: the requester ({}) confirms with `desk ticket confirm`; handlers cannot close (an admin can)",
            ticket.requester
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::people::AgentStatus;
    use crate::domain::ticket::Priority;
    use chrono::TimeZone;

    fn at(minute: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 1, 5, 9, minute, 0).unwrap()
    }

    fn agent(name: &str, role: Role) -> Agent {
        Agent {
            name: name.into(),
            skills: vec![],
            capacity: 5,
            role,
            status: AgentStatus::Online,
            created_at: at(0),
            updated_at: at(0),
            os_user: None,
        }
    }

    fn ticket(workflow: Workflow) -> Ticket {
        Ticket {
            id: 1,
            ticket_type: "incident".into(),
            prefix: Some("INC".into()),
            title: "db down".into(),
            body: String::new(),
            status: Status::Unclaimed,
            priority: Priority::Normal,
            requester: "carol".into(),
            assignee: None,
            assigned_at: None,
            workflow,
            created_at: at(0),
            updated_at: at(0),
            closed_at: None,
            fields: Default::default(),
            dedup_key: None,
            handler_replies: 0,
            rating: None,
            sla_policy: None,
            channel: None,
            attachments: Vec::new(),
            occurrences: 1,
            event_count: 1,
            sla_attention_at: None,
            sla_due_at: None,
            sla_clocks: Vec::new(),
            tags: Vec::new(),
            watchers: Vec::new(),
            links: Vec::new(),
            merged_into: None,
            merged_dedup_keys: Vec::new(),
            department: None,
        }
    }

    #[test]
    fn channels_are_lowercase_words() {
        for good in ["cli", "web", "im", "ci", "wechat-bot", "a_1"] {
            assert!(validate_channel(good).is_ok(), "{good}");
        }
        for bad in [
            "",
            "Web",
            "1web",
            "-web",
            "web site",
            "web/x",
            "网页",
            &"x".repeat(33),
        ] {
            assert!(validate_channel(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn internal_happy_path_ends_with_requester_confirming() {
        let bob = agent("bob", Role::Agent);
        let bob_acts = Actor {
            name: "bob",
            agent: Some(&bob),
        };
        let carol = Actor {
            name: "carol",
            agent: None,
        };
        let t = ticket(Workflow::Internal);
        let (t, e) = apply(&t, bob_acts, Action::Claim, at(1)).unwrap();
        assert_eq!(
            (t.status, e.seq, e.kind),
            (Status::Pending, 1, EventKind::Claimed)
        );
        let (t, _) = apply(&t, bob_acts, Action::Reply { message: "restarted" }, at(2)).unwrap();
        assert_eq!(t.status, Status::Awaiting);
        let (t, _) = apply(
            &t,
            carol,
            Action::Reply {
                message: "still down",
            },
            at(3),
        )
        .unwrap();
        assert_eq!(t.status, Status::Pending);
        let (t, _) = apply(&t, bob_acts, Action::Reply { message: "fixed" }, at(4)).unwrap();
        let err = apply(&t, bob_acts, Action::Close, at(5)).unwrap_err();
        assert!(matches!(err, DomainError::PermissionDenied { .. }));
        let (t, e) = apply(&t, carol, Action::Confirm, at(5)).unwrap();
        assert_eq!(
            (t.status, t.closed_at, e.to_status),
            (Status::Closed, Some(at(5)), Some(Status::Closed))
        );
        assert_eq!(t.event_count, 6);
    }

    #[test]
    fn customer_handler_closes_only_after_replying() {
        let bob = agent("bob", Role::Agent);
        let bob_acts = Actor {
            name: "bob",
            agent: Some(&bob),
        };
        let (t, _) = apply(&ticket(Workflow::Customer), bob_acts, Action::Claim, at(1)).unwrap();
        assert!(matches!(
            apply(&t, bob_acts, Action::Close, at(2)),
            Err(DomainError::PermissionDenied { .. })
        ));
        let (t, _) = apply(&t, bob_acts, Action::Reply { message: "done" }, at(2)).unwrap();
        let (t, _) = apply(&t, bob_acts, Action::Close, at(3)).unwrap();
        assert_eq!(t.status, Status::Closed);
    }

    #[test]
    fn only_customer_workflow_tickets_are_rated() {
        let root = agent("root", Role::Admin);
        let root_acts = Actor {
            name: "root",
            agent: Some(&root),
        };
        let carol = Actor {
            name: "carol",
            agent: None,
        };
        let rate = Action::Rate {
            score: 5,
            message: None,
        };
        let (internal, _) = apply(&ticket(Workflow::Internal), root_acts, Action::Close, at(1)).unwrap();
        let err = apply(&internal, carol, rate, at(2)).unwrap_err();
        assert!(matches!(err, DomainError::PermissionDenied { .. }), "{err}");
        assert!(err.to_string().contains("internal workflow"), "{err}");
        let (customer, _) = apply(&ticket(Workflow::Customer), root_acts, Action::Close, at(1)).unwrap();
        let (rated, _) = apply(&customer, carol, rate, at(2)).unwrap();
        assert_eq!(rated.rating, Some(5));
    }

    #[test]
    fn illegal_moves_name_the_state_and_the_legal_moves() {
        let carol = Actor {
            name: "carol",
            agent: None,
        };
        let err = apply(&ticket(Workflow::Internal), carol, Action::Confirm, at(1)).unwrap_err();
        let text = err.to_string();
        assert!(text.contains("unclaimed"), "{text}");
        assert!(text.contains("legal moves: claim, assign"), "{text}");
    }

    #[test]
    fn admin_closes_anything_and_reopen_returns_to_queue_when_unowned() {
        let root = agent("root", Role::Admin);
        let root_acts = Actor {
            name: "root",
            agent: Some(&root),
        };
        let (t, _) = apply(&ticket(Workflow::Internal), root_acts, Action::Close, at(1)).unwrap();
        let (t, _) = apply(&t, root_acts, Action::Reopen, at(2)).unwrap();
        assert_eq!((t.status, t.closed_at), (Status::Unclaimed, None));
    }

    mod invariants {
        use super::*;
        use proptest::prelude::*;

        const ACTORS: [&str; 6] = ["root", "dana", "bob", "erin", "carol", "zed"];

        fn roster() -> Vec<Agent> {
            vec![
                agent("root", Role::Admin),
                agent("dana", Role::Lead),
                agent("bob", Role::Agent),
                agent("erin", Role::Agent),
            ]
        }

        fn action<'a>(code: u8, roster: &'a [Agent]) -> Action<'a> {
            match code % 11 {
                0 => Action::Claim,
                1 => Action::Assign { to: &roster[2] },
                2 => Action::Transfer { to: &roster[3] },
                3 => Action::Transfer { to: &roster[2] },
                4 => Action::Reply { message: "update" },
                5 => Action::Comment { message: "note" },
                6 => Action::Confirm,
                7 => Action::Close,
                8 => Action::Reopen,
                9 => Action::Rate {
                    score: 4,
                    message: None,
                },
                _ => Action::Rate {
                    score: 9,
                    message: None,
                },
            }
        }

        proptest! {
            /// Whatever anyone tries in whatever order, a ticket never reaches an
            /// inconsistent state, refusals change nothing, and the history only grows.
            #[test]
            fn random_moves_keep_the_ticket_consistent(
                steps in proptest::collection::vec((0usize..6, any::<u8>()), 1..60),
                customer in any::<bool>(),
            ) {
                let roster = roster();
                let mut t = ticket(if customer { Workflow::Customer } else { Workflow::Internal });
                for (minute, (who, code)) in steps.into_iter().enumerate() {
                    let name = ACTORS[who];
                    let actor = Actor { name, agent: roster.iter().find(|a| a.name == name) };
                    let act = action(code, &roster);
                    let legal = legal_moves(t.status).contains(&act.verb());
                    match apply(&t, actor, act, at((minute % 59) as u32)) {
                        Ok((next, event)) => {
                            prop_assert!(legal);
                            prop_assert_eq!(event.seq, t.event_count);
                            prop_assert_eq!(next.event_count, t.event_count + 1);
                            prop_assert!(next.handler_replies >= t.handler_replies);
                            prop_assert_eq!(next.status == Status::Closed, next.closed_at.is_some());
                            if matches!(next.status, Status::Pending | Status::Awaiting) {
                                prop_assert!(next.assignee.is_some(), "{:?} without an owner", next.status);
                            }
                            if next.status != t.status {
                                prop_assert_eq!(event.to_status, Some(next.status));
                            } else {
                                prop_assert_eq!(event.to_status, None);
                            }
                            t = next;
                        }
                        Err(DomainError::IllegalTransition { state, .. }) => {
                            prop_assert!(!legal);
                            prop_assert_eq!(state, t.status);
                        }
                        Err(_) => prop_assert!(legal, "refusals other than conflicts are for legal moves"),
                    }
                }
            }
        }
    }
}
