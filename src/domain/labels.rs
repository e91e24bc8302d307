//! Tags (labels agents put on tickets) and watchers (people following a ticket, 我关注的).
//!
//! Both are lists on the ticket with one event per change, so `ticket log` says who added
//! what and when. Neither changes the lifecycle state, so both work on closed tickets too
//! (tagging for a report after the fact is common).

use chrono::{DateTime, Utc};

use super::error::DomainError;
use super::event::{Event, EventKind};
use super::lifecycle::{self, Actor};
use super::ticket::Ticket;

/// Tags are at most this many characters.
pub const TAG_MAX_CHARS: usize = 40;

/// A tag as stored: trimmed, lower case; letters (any script), digits and `-_.:/` only, so
/// `+tag`/`-tag` on the command line and `--tag a,b` lists stay unambiguous.
pub fn normalize_tag(text: &str) -> Result<String, DomainError> {
    let tag = text.trim().to_lowercase();
    let bad = |why: &str| DomainError::invalid(format!("`{text}` is not a tag: {why}"));
    if tag.is_empty() {
        return Err(bad("it is empty"));
    }
    if tag.chars().count() > TAG_MAX_CHARS {
        return Err(bad("tags are at most 40 characters"));
    }
    if tag.starts_with(['+', '-']) {
        return Err(bad("a tag cannot start with + or - (they add and remove tags)"));
    }
    if let Some(c) = tag
        .chars()
        .find(|c| !(c.is_alphanumeric() || "-_.:/".contains(*c)))
    {
        return Err(bad(&format!(
            "`{c}` is not allowed (use letters, digits and - _ . : /)"
        )));
    }
    Ok(tag)
}

/// One requested change: add (`+vpn` or `vpn`) or remove (`-vpn`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TagChange {
    Add(String),
    Remove(String),
}

impl TagChange {
    /// `+vpn` and `vpn` add, `-vpn` removes.
    pub fn parse(text: &str) -> Result<TagChange, DomainError> {
        let text = text.trim();
        match text.strip_prefix('-') {
            Some(rest) => Ok(TagChange::Remove(normalize_tag(rest)?)),
            None => Ok(TagChange::Add(normalize_tag(
                text.strip_prefix('+').unwrap_or(text),
            )?)),
        }
    }
}

/// Apply tag changes by `actor` (agents only): the updated ticket and one event per tag
/// that actually changed. Adding a tag it has or removing one it lacks changes nothing, so
/// scripts can repeat a command safely; an empty event list means nothing to write.
pub fn retag(
    ticket: &Ticket,
    actor: Actor<'_>,
    changes: &[TagChange],
    now: DateTime<Utc>,
) -> Result<(Ticket, Vec<Event>), DomainError> {
    if actor.agent.is_none() {
        return Err(DomainError::denied(format!(
            "only agents tag tickets, and `{}` is not an agent",
            actor.name
        )));
    }
    let mut next = ticket.clone();
    let mut events = Vec::new();
    for change in changes {
        let (kind, tag) = match change {
            TagChange::Add(tag) if !next.tags.contains(tag) => {
                next.tags.push(tag.clone());
                (EventKind::Tagged, tag)
            }
            TagChange::Remove(tag) if next.tags.contains(tag) => {
                next.tags.retain(|t| t != tag);
                (EventKind::Untagged, tag)
            }
            _ => continue,
        };
        let mut event = Event::new(kind, actor.name, now);
        event.message = Some(tag.clone());
        events.push(lifecycle::record(&mut next, event));
    }
    Ok((next, events))
}

/// Tags a template gives every new ticket of its type, merged with those asked for.
pub fn initial_tags(defaults: &[String], requested: &[String]) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for tag in defaults.iter().chain(requested) {
        if !tags.contains(tag) {
            tags.push(tag.clone());
        }
    }
    tags
}

/// Who a watch request is for, as the command line resolved it.
#[derive(Debug, Clone, Copy)]
pub struct Watcher<'a> {
    pub name: &'a str,
    /// Whether `name` is a known person (an agent or a requester on record).
    pub known: bool,
}

/// `actor` makes `person` follow the ticket (`watch: true`) or stop (`false`).
///
/// Anyone who may read the ticket may follow it themselves; adding or removing someone
/// else is for agents and for the ticket's requester (copying in a colleague: 抄送), since
/// a watcher who is a requester may then read the ticket.
pub fn set_watch(
    ticket: &Ticket,
    actor: Actor<'_>,
    person: Watcher<'_>,
    watch: bool,
    now: DateTime<Utc>,
) -> Result<(Ticket, Option<Event>), DomainError> {
    let for_self = person.name == actor.name;
    let is_requester = ticket.requester == actor.name;
    if !for_self && actor.agent.is_none() && !is_requester {
        return Err(DomainError::denied(
            "only agents and the ticket's requester add or remove other watchers",
        ));
    }
    if watch && ticket.requester == person.name {
        return Err(DomainError::invalid(format!(
            "{} is the requester of {}: requesters already hear of every change",
            person.name,
            ticket.display_id()
        )));
    }
    if !person.known {
        return Err(DomainError::not_found(format!(
            "person `{}` (add them with `desk requester add` or `desk agent add` first)",
            person.name
        )));
    }
    let watching = ticket.watchers.iter().any(|w| w == person.name);
    if watching == watch {
        return Ok((ticket.clone(), None));
    }
    let mut next = ticket.clone();
    if watch {
        next.watchers.push(person.name.to_string());
    } else {
        next.watchers.retain(|w| w != person.name);
    }
    let kind = if watch {
        EventKind::Watched
    } else {
        EventKind::Unwatched
    };
    let mut event = Event::new(kind, actor.name, now);
    event.watcher = Some(person.name.to_string());
    let event = lifecycle::record(&mut next, event);
    Ok((next, Some(event)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::lifecycle::{create, NewTicket};
    use crate::domain::people::{Agent, AgentStatus, Role};
    use crate::domain::{Priority, Workflow};
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap()
    }

    fn ticket() -> Ticket {
        let new = NewTicket {
            ticket_type: "incident".into(),
            prefix: Some("INC".into()),
            workflow: Workflow::Internal,
            title: "VPN down".into(),
            body: String::new(),
            priority: Priority::High,
            requester: "carol".into(),
            fields: Default::default(),
            dedup_key: None,
            sla_policy: None,
            channel: None,
            attachments: Vec::new(),
        };
        create(7, new, "carol", now()).0
    }

    fn agent(name: &str) -> Agent {
        Agent {
            name: name.into(),
            skills: vec![],
            capacity: 3,
            role: Role::Agent,
            status: AgentStatus::Online,
            created_at: now(),
            updated_at: now(),
            os_user: None,
        }
    }

    #[test]
    fn tags_normalize_and_refuse_what_would_be_ambiguous() {
        assert_eq!(normalize_tag(" VPN ").unwrap(), "vpn");
        assert_eq!(normalize_tag("发票").unwrap(), "发票");
        assert_eq!(normalize_tag("team:net/core").unwrap(), "team:net/core");
        for bad in ["", "a b", "a,b", "+x", &"x".repeat(41)] {
            assert!(normalize_tag(bad).is_err(), "{bad:?} accepted");
        }
        assert_eq!(TagChange::parse("-vpn").unwrap(), TagChange::Remove("vpn".into()));
        assert_eq!(TagChange::parse("+Vpn").unwrap(), TagChange::Add("vpn".into()));
        assert_eq!(TagChange::parse("vpn").unwrap(), TagChange::Add("vpn".into()));
    }

    #[test]
    fn retagging_records_only_real_changes() {
        let bob = agent("bob");
        let actor = Actor {
            name: "bob",
            agent: Some(&bob),
        };
        let ticket = ticket();
        let changes = [
            TagChange::Add("vpn".into()),
            TagChange::Add("vpn".into()),
            TagChange::Remove("absent".into()),
        ];
        let (next, events) = retag(&ticket, actor, &changes, now()).unwrap();
        assert_eq!(next.tags, ["vpn"]);
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].kind, EventKind::Tagged);
        assert_eq!(events[0].seq, ticket.event_count);
        let (again, none) = retag(&next, actor, &[TagChange::Add("vpn".into())], now()).unwrap();
        assert!(none.is_empty());
        assert_eq!(again.event_count, next.event_count);
        let (removed, events) = retag(&next, actor, &[TagChange::Remove("vpn".into())], now()).unwrap();
        assert!(removed.tags.is_empty());
        assert_eq!(events[0].kind, EventKind::Untagged);
        let carol = Actor {
            name: "carol",
            agent: None,
        };
        assert!(matches!(
            retag(&ticket, carol, &changes, now()),
            Err(DomainError::PermissionDenied { .. })
        ));
    }

    #[test]
    fn watching_is_for_oneself_unless_staff_or_the_requester() {
        let ticket = ticket();
        let dave = Actor {
            name: "dave",
            agent: None,
        };
        let me = Watcher {
            name: "dave",
            known: true,
        };
        let (watched, event) = set_watch(&ticket, dave, me, true, now()).unwrap();
        assert_eq!(watched.watchers, ["dave"]);
        assert_eq!(event.unwrap().watcher.as_deref(), Some("dave"));
        let erin = Watcher {
            name: "erin",
            known: true,
        };
        assert!(matches!(
            set_watch(&ticket, dave, erin, true, now()),
            Err(DomainError::PermissionDenied { .. })
        ));
        let carol = Actor {
            name: "carol",
            agent: None,
        };
        let (copied, _) = set_watch(&ticket, carol, erin, true, now()).unwrap();
        assert_eq!(copied.watchers, ["erin"]);
        let (_, nothing) = set_watch(&copied, carol, erin, true, now()).unwrap();
        assert!(nothing.is_none());
        let carol_herself = Watcher {
            name: "carol",
            known: true,
        };
        assert!(set_watch(&ticket, carol, carol_herself, true, now()).is_err());
        let stranger = Watcher {
            name: "zed",
            known: false,
        };
        assert!(matches!(
            set_watch(&ticket, carol, stranger, true, now()),
            Err(DomainError::NotFound { .. })
        ));
        let (unwatched, event) = set_watch(&copied, carol, erin, false, now()).unwrap();
        assert!(unwatched.watchers.is_empty());
        assert_eq!(event.unwrap().kind, EventKind::Unwatched);
    }
}
