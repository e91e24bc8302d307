//! Links between tickets: `relates`, `blocks`/`blocked-by` and `parent`/`child`.
//!
//! A link is stored on both tickets, each side holding the kind as seen from itself (A
//! blocks B ⇔ B is blocked by A), so `show` reads one record. The rule that makes links
//! more than notes: a ticket cannot be closed or confirmed while one of its children is
//! open, or while an open ticket blocks it (exit 6). Links are for agents: they say how
//! the team's work hangs together.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::error::DomainError;
use super::event::{Event, EventKind};
use super::lifecycle::{self, Actor};
use super::ticket::Ticket;

/// How a ticket relates to another, seen from the ticket holding the link.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LinkKind {
    /// Related work, no rule attached.
    Relates,
    /// This ticket must be done before the other can close.
    Blocks,
    /// The other ticket must be done before this one can close.
    BlockedBy,
    /// This ticket is the other's parent: it cannot close while the child is open.
    Parent,
    /// This ticket is part of the other.
    Child,
}

impl LinkKind {
    pub const NAMES: [&'static str; 5] = ["relates", "blocks", "blocked-by", "parent", "child"];

    pub fn as_str(self) -> &'static str {
        match self {
            LinkKind::Relates => "relates",
            LinkKind::Blocks => "blocks",
            LinkKind::BlockedBy => "blocked-by",
            LinkKind::Parent => "parent",
            LinkKind::Child => "child",
        }
    }

    /// The same link seen from the other ticket.
    pub fn inverse(self) -> LinkKind {
        match self {
            LinkKind::Relates => LinkKind::Relates,
            LinkKind::Blocks => LinkKind::BlockedBy,
            LinkKind::BlockedBy => LinkKind::Blocks,
            LinkKind::Parent => LinkKind::Child,
            LinkKind::Child => LinkKind::Parent,
        }
    }

    /// How `show` words it: "INC-7 blocks INC-9".
    pub fn phrase(self) -> &'static str {
        match self {
            LinkKind::Relates => "relates to",
            LinkKind::Blocks => "blocks",
            LinkKind::BlockedBy => "is blocked by",
            LinkKind::Parent => "is the parent of",
            LinkKind::Child => "is a child of",
        }
    }

    /// Whether the other ticket, while open, keeps this one from closing.
    pub fn holds_closing(self) -> bool {
        matches!(self, LinkKind::BlockedBy | LinkKind::Parent)
    }
}

impl fmt::Display for LinkKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for LinkKind {
    type Err = DomainError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text {
            "relates" => Ok(LinkKind::Relates),
            "blocks" => Ok(LinkKind::Blocks),
            "blocked-by" => Ok(LinkKind::BlockedBy),
            "parent" => Ok(LinkKind::Parent),
            "child" => Ok(LinkKind::Child),
            other => Err(DomainError::invalid(format!(
                "unknown link kind `{other}` (expected one of {})",
                LinkKind::NAMES.join(", ")
            ))),
        }
    }
}

/// One end of a link, as stored on a ticket.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    pub kind: LinkKind,
    /// The other ticket.
    pub id: u64,
    /// The other ticket's id as people see it (`INC-9`), for `show` without a lookup.
    pub key: String,
}

/// Both tickets of a link change, each with its event.
pub type BothSides = ((Ticket, Event), (Ticket, Event));

/// Link `from` to `to` as "`from` <kind> `to`": both tickets updated, with one `linked`
/// event each. `parent_chain` lists the ancestors of `from` (its parent, that one's
/// parent, ...), which the caller reads from the store, so a parent link cannot make a
/// cycle.
pub fn link(
    from: &Ticket,
    to: &Ticket,
    kind: LinkKind,
    parent_chain_of_from: &[u64],
    parent_chain_of_to: &[u64],
    actor: Actor<'_>,
    now: DateTime<Utc>,
) -> Result<BothSides, DomainError> {
    require_agent(actor, "link")?;
    if from.id == to.id {
        return Err(DomainError::invalid(format!(
            "a ticket cannot be linked to itself ({})",
            from.display_id()
        )));
    }
    if let Some(existing) = from.links.iter().find(|l| l.id == to.id) {
        return Err(DomainError::conflict(format!(
            "already linked: {} {} {} (`desk ticket unlink {} {}` first to change it)",
            from.display_id(),
            existing.kind.phrase(),
            to.display_id(),
            from.id,
            to.id
        )));
    }
    // A ticket has one parent; a parent link never closes a loop.
    let (parent, child, chain_of_parent) = match kind {
        LinkKind::Parent => (from, to, parent_chain_of_from),
        LinkKind::Child => (to, from, parent_chain_of_to),
        _ => (from, to, &[][..]),
    };
    if matches!(kind, LinkKind::Parent | LinkKind::Child) {
        if let Some(existing) = child.links.iter().find(|l| l.kind == LinkKind::Child) {
            return Err(DomainError::conflict(format!(
                "{} already has a parent, {}: a ticket has one parent",
                child.display_id(),
                existing.key
            )));
        }
        if chain_of_parent.contains(&child.id) {
            return Err(DomainError::conflict(format!(
                "{} is an ancestor of {}: making it a child would close a loop",
                child.display_id(),
                parent.display_id()
            )));
        }
    }
    let mut from_next = from.clone();
    let mut to_next = to.clone();
    from_next.links.push(Link {
        kind,
        id: to.id,
        key: to.display_id(),
    });
    to_next.links.push(Link {
        kind: kind.inverse(),
        id: from.id,
        key: from.display_id(),
    });
    let from_event = link_event(&mut from_next, EventKind::Linked, kind, to.id, actor, now);
    let to_event = link_event(
        &mut to_next,
        EventKind::Linked,
        kind.inverse(),
        from.id,
        actor,
        now,
    );
    Ok(((from_next, from_event), (to_next, to_event)))
}

/// Remove the link between `a` and `b`, whatever its kind.
pub fn unlink(
    a: &Ticket,
    b: &Ticket,
    actor: Actor<'_>,
    now: DateTime<Utc>,
) -> Result<BothSides, DomainError> {
    require_agent(actor, "unlink")?;
    let Some(kind) = a.links.iter().find(|l| l.id == b.id).map(|l| l.kind) else {
        return Err(DomainError::not_found(format!(
            "link between {} and {}",
            a.display_id(),
            b.display_id()
        )));
    };
    let mut a_next = a.clone();
    let mut b_next = b.clone();
    a_next.links.retain(|l| l.id != b.id);
    b_next.links.retain(|l| l.id != a.id);
    let a_event = link_event(&mut a_next, EventKind::Unlinked, kind, b.id, actor, now);
    let b_event = link_event(&mut b_next, EventKind::Unlinked, kind.inverse(), a.id, actor, now);
    Ok(((a_next, a_event), (b_next, b_event)))
}

/// Refuse to close `ticket` while a linked ticket that holds it is open. `linked` are
/// the tickets its links name, as stored now.
pub fn check_can_close(ticket: &Ticket, linked: &[Ticket]) -> Result<(), DomainError> {
    let holding: Vec<String> = ticket
        .links
        .iter()
        .filter(|l| l.kind.holds_closing())
        .filter_map(|l| linked.iter().find(|t| t.id == l.id))
        .filter(|t| t.status.is_open())
        .map(|t| t.display_id())
        .collect();
    if holding.is_empty() {
        return Ok(());
    }
    Err(DomainError::conflict(format!(
        "{} cannot close while {} {} open (children and blocking tickets close first)",
        ticket.display_id(),
        holding.join(", "),
        if holding.len() == 1 { "is" } else { "are" }
    )))
}

fn require_agent(actor: Actor<'_>, verb: &str) -> Result<(), DomainError> {
    if actor.agent.is_none() {
        return Err(DomainError::denied(format!(
            "only agents {verb} tickets, and `{}` is not an agent",
            actor.name
        )));
    }
    Ok(())
}

fn link_event(
    ticket: &mut Ticket,
    kind: EventKind,
    link: LinkKind,
    other: u64,
    actor: Actor<'_>,
    now: DateTime<Utc>,
) -> Event {
    let mut event = Event::new(kind, actor.name, now);
    event.link = Some(link);
    event.related = Some(other);
    lifecycle::record(ticket, event)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::lifecycle::{create, NewTicket};
    use crate::domain::people::{Agent, AgentStatus, Role};
    use crate::domain::{Priority, Status, Workflow};
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap()
    }

    fn ticket(id: u64) -> Ticket {
        let new = NewTicket {
            ticket_type: "incident".into(),
            prefix: Some("INC".into()),
            workflow: Workflow::Internal,
            title: format!("ticket {id}"),
            body: String::new(),
            priority: Priority::Normal,
            requester: "carol".into(),
            fields: Default::default(),
            dedup_key: None,
            sla_policy: None,
            channel: None,
            attachments: Vec::new(),
        };
        create(id, new, "carol", now()).0
    }

    fn agent() -> Agent {
        Agent {
            name: "alice".into(),
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
    fn a_link_is_stored_on_both_sides_with_the_inverse_kind() {
        let alice = agent();
        let actor = Actor {
            name: "alice",
            agent: Some(&alice),
        };
        let ((a, ea), (b, eb)) =
            link(&ticket(1), &ticket(2), LinkKind::Blocks, &[], &[], actor, now()).unwrap();
        assert_eq!(a.links[0].kind, LinkKind::Blocks);
        assert_eq!(b.links[0].kind, LinkKind::BlockedBy);
        assert_eq!(b.links[0].key, "INC-1");
        assert_eq!((ea.related, eb.related), (Some(2), Some(1)));
        assert_eq!(eb.link, Some(LinkKind::BlockedBy));
    }

    #[test]
    fn bad_links_are_refused() {
        let alice = agent();
        let actor = Actor {
            name: "alice",
            agent: Some(&alice),
        };
        let requester = Actor {
            name: "carol",
            agent: None,
        };
        let (one, two) = (ticket(1), ticket(2));
        assert!(matches!(
            link(&one, &two, LinkKind::Relates, &[], &[], requester, now()),
            Err(DomainError::PermissionDenied { .. })
        ));
        assert!(link(&one, &one, LinkKind::Relates, &[], &[], actor, now()).is_err());
        let ((one, _), (two, _)) = link(&one, &two, LinkKind::Parent, &[], &[], actor, now()).unwrap();
        assert!(matches!(
            link(&one, &two, LinkKind::Relates, &[], &[], actor, now()),
            Err(DomainError::Conflict { .. })
        ));
        // 2 has parent 1: a second parent is refused, and so is making 1 a child of 2.
        let three = ticket(3);
        let second_parent = link(&three, &two, LinkKind::Parent, &[], &[1], actor, now());
        assert!(matches!(second_parent, Err(DomainError::Conflict { .. })));
        let looped = link(&two, &three, LinkKind::Parent, &[1], &[], actor, now()).unwrap();
        let ((_, _), (three_child, _)) = looped;
        // 3 is now a child of 2 (chain of 3: 2, 1); 3 as parent of 1 closes a loop.
        let cycle = link(&three_child, &one, LinkKind::Parent, &[2, 1], &[], actor, now());
        assert!(matches!(cycle, Err(DomainError::Conflict { .. })), "{cycle:?}");
    }

    #[test]
    fn an_open_child_or_blocker_holds_closing_and_a_closed_one_does_not() {
        let alice = agent();
        let actor = Actor {
            name: "alice",
            agent: Some(&alice),
        };
        let ((parent, _), (mut child, _)) =
            link(&ticket(1), &ticket(2), LinkKind::Parent, &[], &[], actor, now()).unwrap();
        let refused = check_can_close(&parent, std::slice::from_ref(&child)).unwrap_err();
        assert!(refused.to_string().contains("INC-2 is open"), "{refused}");
        // The child closing first is fine, and the child never waits for its parent.
        assert!(check_can_close(&child, std::slice::from_ref(&parent)).is_ok());
        child.status = Status::Closed;
        assert!(check_can_close(&parent, &[child]).is_ok());
        let ((blocker, _), (blocked, _)) =
            link(&ticket(3), &ticket(4), LinkKind::Blocks, &[], &[], actor, now()).unwrap();
        assert!(check_can_close(&blocked, std::slice::from_ref(&blocker)).is_err());
        assert!(check_can_close(&blocker, &[blocked]).is_ok());
    }

    #[test]
    fn unlink_removes_both_sides() {
        let alice = agent();
        let actor = Actor {
            name: "alice",
            agent: Some(&alice),
        };
        let ((a, _), (b, _)) =
            link(&ticket(1), &ticket(2), LinkKind::Relates, &[], &[], actor, now()).unwrap();
        let ((a, ea), (b, _)) = unlink(&a, &b, actor, now()).unwrap();
        assert!(a.links.is_empty() && b.links.is_empty());
        assert_eq!(ea.kind, EventKind::Unlinked);
        assert!(matches!(
            unlink(&a, &b, actor, now()),
            Err(DomainError::NotFound { .. })
        ));
    }
}
