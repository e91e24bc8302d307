//! Who may see what (the visibility half of the permission matrix; the moves half is in
//! [`super::lifecycle`]).
//!
//! | viewer    | tickets                         | internal comments (and their files) | routing reasons | people's contacts |
//! |-----------|---------------------------------|-------------------------------------|-----------------|-------------------|
//! | requester | requested or followed (watcher) | no                                  | no              | their own only    |
//! | agent     | all                             | yes                                 | yes             | yes               |
//! | lead      | all                             | yes                                 | yes             | yes               |
//! | admin     | all                             | yes                                 | yes             | yes               |
//!
//! A requester added as a watcher reads the ticket as its requester does (show, log,
//! `list --watching`); search and `list` without `--watching` cover requested tickets only.
//! A merged ticket's internal notes, carried inside a `merged` event, stay hidden too.
//!
//! A requester asking for a ticket they may not see is told the same thing whether or not
//! it exists (exit 4), so ids reveal nothing.

use super::event::{Event, EventKind};
use super::people::{Agent, Role};
use super::ticket::{Attachment, Ticket};

/// The acting user as the visibility rules see them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Viewer {
    /// An agent of any role: sees every ticket and the whole history.
    Staff { name: String, role: Role },
    /// Anyone else: sees only their own tickets, without internal notes.
    Requester { name: String },
}

impl Viewer {
    pub fn of(name: &str, agent: Option<&Agent>) -> Viewer {
        match agent {
            Some(agent) => Viewer::Staff {
                name: name.to_string(),
                role: agent.role,
            },
            None => Viewer::Requester {
                name: name.to_string(),
            },
        }
    }

    pub fn name(&self) -> &str {
        match self {
            Viewer::Staff { name, .. } | Viewer::Requester { name } => name,
        }
    }

    pub fn is_staff(&self) -> bool {
        matches!(self, Viewer::Staff { .. })
    }

    /// Staff see every ticket; a requester sees those they requested and those they
    /// were added to as a watcher (抄送).
    pub fn can_see_ticket(&self, ticket: &Ticket) -> bool {
        self.can_see_ticket_of(&ticket.requester) || ticket.watchers.iter().any(|w| w == self.name())
    }

    /// The same rule, from the ticket's requester alone (index scans know only that).
    pub fn can_see_ticket_of(&self, requester: &str) -> bool {
        match self {
            Viewer::Staff { .. } => true,
            Viewer::Requester { name } => name == requester,
        }
    }

    /// Whether an event of a visible ticket is shown: internal comments are for staff.
    pub fn can_see_event(&self, event: &Event) -> bool {
        self.is_staff() || event.kind != EventKind::Commented
    }

    /// The history as this viewer may read it: internal comments left out, routing's
    /// reasons and decisions (which name other agents and their scores) taken off.
    pub fn visible_events<'e>(&self, events: &'e [Event]) -> Vec<std::borrow::Cow<'e, Event>> {
        events
            .iter()
            .filter(|e| self.can_see_event(e))
            .map(|e| {
                if self.is_staff() {
                    return std::borrow::Cow::Borrowed(e);
                }
                let shown = without_routing(e);
                if e.merged.iter().all(|m| self.can_see_event(m)) {
                    return shown;
                }
                // A merged ticket's internal notes stay internal here too.
                let mut shown = shown.into_owned();
                shown.merged.retain(|m| self.can_see_event(m));
                std::borrow::Cow::Owned(shown)
            })
            .collect()
    }

    /// The files of a visible ticket this viewer may see: a file that came with an internal
    /// note is as internal as the note. `events` is the whole history. A file whose event is
    /// not in the history is shown to staff only; one from before events were recorded on
    /// files came with the ticket or a requester's mail, and is shown.
    pub fn visible_attachments<'t>(
        &self,
        attachments: &'t [Attachment],
        events: &[Event],
    ) -> Vec<&'t Attachment> {
        attachments
            .iter()
            .filter(|file| match file.event {
                _ if self.is_staff() => true,
                None => true,
                Some(seq) => events
                    .iter()
                    .find(|e| e.seq == seq)
                    .is_some_and(|e| self.can_see_event(e)),
            })
            .collect()
    }

    /// Whether this viewer may read another person's details (tier, contacts, tickets).
    pub fn can_see_person(&self, person: &str) -> bool {
        self.is_staff() || self.name() == person
    }

    /// The refusal a requester gets for a ticket they may not see, or that does not exist:
    /// the same words either way.
    pub fn hidden_ticket_rule(reference: &str) -> String {
        format!("ticket {reference} is not one of yours (requesters see only the tickets they requested or follow)")
    }
}

/// `event` as the requester's side may read it (the requester, watchers, their
/// notifications): routing's reason and decision name other agents and their scores.
pub fn without_routing(event: &Event) -> std::borrow::Cow<'_, Event> {
    if event.reason.is_none() && event.routing.is_none() {
        return std::borrow::Cow::Borrowed(event);
    }
    let mut shown = event.clone();
    shown.reason = None;
    shown.routing = None;
    std::borrow::Cow::Owned(shown)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::event::Event;
    use chrono::{TimeZone, Utc};

    #[test]
    fn requesters_see_their_own_history_without_internal_notes() {
        let at = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let carol = Viewer::of("carol", None);
        assert!(carol.can_see_ticket_of("carol"));
        assert!(!carol.can_see_ticket_of("erik"));
        let mut assigned = Event::new(EventKind::Assigned, "desk", at);
        assigned.reason = Some("balanced: bob 0.9".into());
        assigned.routing = Some(Box::new(crate::domain::decision::Decision {
            strategy: crate::domain::routing::Strategy::Balanced,
            required: vec![],
            inferred: vec![],
            department: None,
            fallback: false,
            candidates: vec![],
            eligible: 0,
            excluded: vec![],
            excluded_count: 0,
        }));
        let events = vec![
            Event::new(EventKind::Created, "carol", at),
            Event::new(EventKind::Commented, "bob", at),
            assigned,
            Event::new(EventKind::Replied, "bob", at),
        ];
        let shown = carol.visible_events(&events);
        let kinds: Vec<EventKind> = shown.iter().map(|e| e.kind).collect();
        assert_eq!(
            kinds,
            [EventKind::Created, EventKind::Assigned, EventKind::Replied]
        );
        assert!(shown.iter().all(|e| e.reason.is_none() && e.routing.is_none()));
        assert!(!carol.can_see_person("erik"));
        assert!(carol.can_see_person("carol"));

        let file = |name: &str, event: Option<u32>| Attachment {
            name: name.into(),
            size: 1,
            content_type: "text/plain".into(),
            stored_as: None,
            event,
        };
        let mut events = events;
        for (seq, event) in events.iter_mut().enumerate() {
            event.seq = seq as u32;
        }
        let files = [
            file("old.txt", None),
            file("note.txt", Some(1)),
            file("reply.txt", Some(3)),
            file("lost.txt", Some(9)),
        ];
        let names: Vec<&str> = carol
            .visible_attachments(&files, &events)
            .iter()
            .map(|f| f.name.as_str())
            .collect();
        assert_eq!(names, ["old.txt", "reply.txt"]);
    }

    #[test]
    fn staff_see_everything() {
        let at = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let agent = Agent {
            name: "bob".into(),
            skills: vec![],
            capacity: 1,
            role: Role::Agent,
            status: Default::default(),
            created_at: at,
            updated_at: at,
            os_user: None,
        };
        let bob = Viewer::of("bob", Some(&agent));
        assert!(bob.can_see_ticket_of("erik"));
        let events = vec![Event::new(EventKind::Commented, "bob", at)];
        assert_eq!(bob.visible_events(&events).len(), 1);
        let note = Attachment {
            name: "note.txt".into(),
            size: 1,
            content_type: "text/plain".into(),
            stored_as: None,
            event: Some(0),
        };
        assert_eq!(bob.visible_attachments(&[note], &events).len(), 1);
        assert!(bob.can_see_person("erik"));
    }
}
