//! Merging duplicate tickets into one, and splitting a part of a ticket into a new one.
//!
//! A merge is recorded, not undone: the source is closed with a `merged_into` event and
//! points at the target; the target gets a `merged` event carrying the source's replies,
//! notes and occurrences as they were recorded, so the target's history reads the whole
//! conversation. The source's dedup keys lead to the target from then on (the next CI
//! failure under the old key lands on the ticket people work), its requester and watchers
//! follow the target, and its tags join the target's. A merged ticket cannot be reopened:
//! its conversation lives on in the target.

use chrono::{DateTime, Utc};

use super::error::DomainError;
use super::event::{Event, EventKind};
use super::lifecycle::{self, Actor, NewTicket};
use super::people::Role;
use super::ticket::{Status, Ticket};

/// The result of merging one ticket into another.
#[derive(Debug, Clone)]
pub struct Merged {
    pub source: Ticket,
    pub source_event: Event,
    pub target: Ticket,
    pub target_event: Event,
}

/// Merge `source` (with its history) into `target` by `actor`.
///
/// Leads and admins merge any two open tickets; an agent merges into a ticket they handle
/// a ticket that is theirs too or still unclaimed (folding a duplicate into their own
/// work, never taking a colleague's).
pub fn merge(
    source: &Ticket,
    source_events: &[Event],
    target: &Ticket,
    actor: Actor<'_>,
    now: DateTime<Utc>,
) -> Result<Merged, DomainError> {
    let Some(agent) = actor.agent else {
        return Err(DomainError::denied(format!(
            "only agents merge tickets, and `{}` is not an agent",
            actor.name
        )));
    };
    if source.id == target.id {
        return Err(DomainError::invalid(format!(
            "{} cannot be merged into itself",
            source.display_id()
        )));
    }
    for ticket in [source, target] {
        if !ticket.status.is_open() {
            return Err(DomainError::conflict(format!(
                "{} is closed: only open tickets are merged (reopen it first)",
                ticket.display_id()
            )));
        }
    }
    let handles_target = target.assignee.as_deref() == Some(actor.name);
    let source_is_free = source.assignee.is_none() || source.assignee.as_deref() == Some(actor.name);
    if !(agent.role.can_dispatch() || (handles_target && source_is_free)) {
        return Err(DomainError::denied(format!(
            "only a lead or an admin, or the handler of {} merging an unclaimed ticket or one of their own, may merge {}",
            target.display_id(),
            source.display_id()
        )));
    }

    let mut next_source = source.clone();
    let from = source.status;
    next_source.status = Status::Closed;
    next_source.closed_at = Some(now);
    next_source.merged_into = Some(target.id);
    let mut closing = Event::new(EventKind::MergedInto, actor.name, now);
    closing.related = Some(target.id);
    closing.from_status = Some(from);
    closing.to_status = Some(Status::Closed);
    closing.message = Some(format!("merged into {}", target.display_id()));
    let source_event = lifecycle::record(&mut next_source, closing);

    let mut next_target = target.clone();
    next_target.occurrences += source.occurrences;
    for key in source.dedup_keys() {
        if !next_target.dedup_keys().any(|k| k == key) {
            next_target.merged_dedup_keys.push(key.clone());
        }
    }
    for person in std::iter::once(&source.requester).chain(&source.watchers) {
        if *person != next_target.requester && !next_target.watchers.contains(person) {
            next_target.watchers.push(person.clone());
        }
    }
    for tag in &source.tags {
        if !next_target.tags.contains(tag) {
            next_target.tags.push(tag.clone());
        }
    }
    let mut merged = Event::new(EventKind::Merged, actor.name, now);
    merged.related = Some(source.id);
    merged.message = Some(if source.body.trim().is_empty() {
        format!("{}: {}", source.display_id(), source.title)
    } else {
        format!("{}: {}\n\n{}", source.display_id(), source.title, source.body)
    });
    merged.merged = source_events
        .iter()
        .filter(|e| {
            matches!(
                e.kind,
                EventKind::Replied | EventKind::Commented | EventKind::Occurred
            )
        })
        .cloned()
        .collect();
    let target_event = lifecycle::record(&mut next_target, merged);
    Ok(Merged {
        source: next_source,
        source_event,
        target: next_target,
        target_event,
    })
}

/// What `ticket split` makes: the new ticket's content, and the `split` event for the
/// original.
#[derive(Debug, Clone)]
pub struct Split {
    pub new_ticket: NewTicket,
    /// The text the new ticket was made from.
    pub original: Ticket,
    pub original_event: Event,
}

/// Split event `seq` of `ticket` (a reply, a note or an occurrence: something with text)
/// into a new ticket of the same type, requester, priority and fields, titled `title` (by
/// default the first line of the text). `new_id` is the id the new ticket will get.
pub fn split(
    ticket: &Ticket,
    events: &[Event],
    seq: u32,
    title: Option<&str>,
    new_id: u64,
    actor: Actor<'_>,
    now: DateTime<Utc>,
) -> Result<Split, DomainError> {
    let Some(agent) = actor.agent else {
        return Err(DomainError::denied(format!(
            "only agents split tickets, and `{}` is not an agent",
            actor.name
        )));
    };
    if !(agent.role.can_dispatch()
        || agent.role == Role::Admin
        || ticket.assignee.as_deref() == Some(actor.name))
    {
        return Err(DomainError::denied(format!(
            "only the handler of {}, a lead or an admin may split it",
            ticket.display_id()
        )));
    }
    let Some(event) = events.iter().find(|e| e.seq == seq) else {
        return Err(DomainError::not_found(format!(
            "event {seq} of {} (`desk ticket log {}` lists them)",
            ticket.display_id(),
            ticket.id
        )));
    };
    let text = event.message.as_deref().map(str::trim).unwrap_or_default();
    if text.is_empty() {
        return Err(DomainError::invalid(format!(
            "event {seq} of {} ({}) has no text to split off: pick a reply, a note or an occurrence",
            ticket.display_id(),
            event.kind
        )));
    }
    let title = match title.map(str::trim) {
        Some("") => return Err(DomainError::invalid("the title (--title) is empty")),
        Some(title) => title.to_string(),
        None => first_line_title(text),
    };
    let new_ticket = NewTicket {
        ticket_type: ticket.ticket_type.clone(),
        prefix: ticket.prefix.clone(),
        workflow: ticket.workflow,
        title,
        body: text.to_string(),
        priority: ticket.priority,
        requester: ticket.requester.clone(),
        fields: ticket.fields.clone(),
        dedup_key: None,
        sla_policy: ticket.sla_policy.clone(),
        channel: Some("split".to_string()),
        attachments: Vec::new(),
    };
    let mut original = ticket.clone();
    let mut marker = Event::new(EventKind::Split, actor.name, now);
    marker.related = Some(new_id);
    marker.split_event = Some(seq);
    let original_event = lifecycle::record(&mut original, marker);
    Ok(Split {
        new_ticket,
        original,
        original_event,
    })
}

/// A title from the first line of a text, cut at 80 characters.
fn first_line_title(text: &str) -> String {
    let line = text.lines().next().unwrap_or_default().trim();
    if line.chars().count() <= 80 {
        return line.to_string();
    }
    let cut: String = line.chars().take(79).collect();
    format!("{cut}…")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::lifecycle::create;
    use crate::domain::people::{Agent, AgentStatus};
    use crate::domain::{Priority, Workflow};
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap()
    }

    fn ticket(id: u64, requester: &str, key: Option<&str>) -> (Ticket, Event) {
        let new = NewTicket {
            ticket_type: "ci-failure".into(),
            prefix: Some("CI".into()),
            workflow: Workflow::Internal,
            title: format!("build {id} failed"),
            body: "red".into(),
            priority: Priority::High,
            requester: requester.into(),
            fields: Default::default(),
            dedup_key: key.map(String::from),
            sla_policy: None,
            channel: None,
            attachments: Vec::new(),
        };
        create(id, new, requester, now())
    }

    fn agent(name: &str, role: Role) -> Agent {
        Agent {
            name: name.into(),
            skills: vec![],
            capacity: 3,
            role,
            status: AgentStatus::Online,
            created_at: now(),
            updated_at: now(),
            os_user: None,
        }
    }

    #[test]
    fn merging_closes_the_source_and_moves_keys_people_and_occurrences() {
        let lead = agent("lena", Role::Lead);
        let actor = Actor {
            name: "lena",
            agent: Some(&lead),
        };
        let (mut source, created) = ticket(1, "ci", Some("ci:shop"));
        source.occurrences = 3;
        source.tags = vec!["flaky".into()];
        source.watchers = vec!["dave".into()];
        let mut note = Event::new(EventKind::Commented, "lena", now());
        note.message = Some("same as CI-2".into());
        note.seq = 1;
        let (target, _) = ticket(2, "carol", Some("ci:web"));
        let merged = merge(&source, &[created, note], &target, actor, now()).unwrap();
        assert_eq!(merged.source.status, Status::Closed);
        assert_eq!(merged.source.merged_into, Some(2));
        assert_eq!(merged.source_event.to_status, Some(Status::Closed));
        assert_eq!(merged.target.occurrences, 4);
        let keys: Vec<&String> = merged.target.dedup_keys().collect();
        assert_eq!(keys, ["ci:web", "ci:shop"]);
        assert_eq!(merged.target.watchers, ["ci", "dave"]);
        assert_eq!(merged.target.tags, ["flaky"]);
        assert_eq!(merged.target_event.merged.len(), 1, "the note, not `created`");
        assert_eq!(merged.target_event.related, Some(1));
    }

    #[test]
    fn who_may_merge() {
        let (source, _) = ticket(1, "ci", None);
        let (mut target, _) = ticket(2, "carol", None);
        target.assignee = Some("bob".into());
        let bob = agent("bob", Role::Agent);
        let eve = agent("eve", Role::Agent);
        let as_bob = Actor {
            name: "bob",
            agent: Some(&bob),
        };
        let as_eve = Actor {
            name: "eve",
            agent: Some(&eve),
        };
        assert!(
            merge(&source, &[], &target, as_bob, now()).is_ok(),
            "handler, unclaimed source"
        );
        assert!(matches!(
            merge(&source, &[], &target, as_eve, now()),
            Err(DomainError::PermissionDenied { .. })
        ));
        let mut taken = source.clone();
        taken.assignee = Some("eve".into());
        assert!(
            merge(&taken, &[], &target, as_bob, now()).is_err(),
            "eve's ticket"
        );
        let requester = Actor {
            name: "carol",
            agent: None,
        };
        assert!(merge(&source, &[], &target, requester, now()).is_err());
        assert!(
            merge(&target, &[], &target, as_bob, now()).is_err(),
            "into itself"
        );
        let mut closed = source.clone();
        closed.status = Status::Closed;
        assert!(matches!(
            merge(&closed, &[], &target, as_bob, now()),
            Err(DomainError::Conflict { .. })
        ));
    }

    #[test]
    fn a_merged_ticket_cannot_be_reopened() {
        let lead = agent("lena", Role::Lead);
        let actor = Actor {
            name: "lena",
            agent: Some(&lead),
        };
        let (source, _) = ticket(1, "ci", None);
        let (target, _) = ticket(2, "carol", None);
        let merged = merge(&source, &[], &target, actor, now()).unwrap();
        let reopened = lifecycle::apply(&merged.source, actor, lifecycle::Action::Reopen, now());
        assert!(
            matches!(reopened, Err(DomainError::Conflict { .. })),
            "{reopened:?}"
        );
    }

    #[test]
    fn a_split_takes_the_text_of_one_event() {
        let (mut original, created) = ticket(5, "carol", None);
        original.assignee = Some("bob".into());
        let bob = agent("bob", Role::Agent);
        let as_bob = Actor {
            name: "bob",
            agent: Some(&bob),
        };
        let mut reply = Event::new(EventKind::Replied, "carol", now());
        reply.seq = 1;
        reply.message = Some("Also: the printer on floor 3 is offline\nsince Monday".into());
        let events = [created, reply];
        let split = split(&original, &events, 1, None, 9, as_bob, now()).unwrap();
        assert_eq!(split.new_ticket.title, "Also: the printer on floor 3 is offline");
        assert_eq!(split.new_ticket.requester, "carol");
        assert_eq!(split.new_ticket.channel.as_deref(), Some("split"));
        assert_eq!(split.original_event.related, Some(9));
        assert_eq!(split.original_event.split_event, Some(1));
        let no_text = super::split(&original, &events, 0, None, 9, as_bob, now()).unwrap_err();
        assert!(no_text.to_string().contains("no text"), "{no_text}");
        assert!(super::split(&original, &events, 7, None, 9, as_bob, now()).is_err());
        let eve = agent("eve", Role::Agent);
        let as_eve = Actor {
            name: "eve",
            agent: Some(&eve),
        };
        assert!(super::split(&original, &events, 1, None, 9, as_eve, now()).is_err());
    }
}
