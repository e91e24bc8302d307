//! The append-only history of a ticket (流转记录): one [`Event`] per change.

use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::ticket::{Priority, Status};

/// What happened. Stored and printed by its snake_case name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum EventKind {
    Created,
    Claimed,
    Assigned,
    Transferred,
    Replied,
    Commented,
    Confirmed,
    Closed,
    Reopened,
    Rated,
    /// The same problem was reported again under the ticket's dedup key.
    Occurred,
    /// The handler went offline before starting: the ticket went back to the queue.
    Unassigned,
    /// The priority changed (by a person, or by SLA escalation: then `milestone` is set).
    PriorityChanged,
    /// A milestone passed its warning point (`milestone` says which).
    SlaWarning,
    /// A milestone passed its deadline.
    SlaBreached,
    /// A breach was escalated to the leads (the notification rules route this event).
    Escalated,
    /// A tag was added (`message` holds it).
    Tagged,
    /// A tag was removed (`message` holds it).
    Untagged,
    /// Someone started following the ticket (`watcher` names them).
    Watched,
    /// Someone stopped following it.
    Unwatched,
    /// A link to another ticket was added (`link` and `related` say which).
    Linked,
    /// A link was removed.
    Unlinked,
    /// Another ticket (`related`) was merged into this one; `merged` carries its conversation.
    Merged,
    /// This ticket was merged into `related` and closed.
    MergedInto,
    /// Part of this ticket (event `split_event`) became the new ticket `related`.
    Split,
}

impl EventKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Created => "created",
            EventKind::Claimed => "claimed",
            EventKind::Assigned => "assigned",
            EventKind::Transferred => "transferred",
            EventKind::Replied => "replied",
            EventKind::Commented => "commented",
            EventKind::Confirmed => "confirmed",
            EventKind::Closed => "closed",
            EventKind::Reopened => "reopened",
            EventKind::Rated => "rated",
            EventKind::Occurred => "occurred",
            EventKind::Unassigned => "unassigned",
            EventKind::PriorityChanged => "priority_changed",
            EventKind::SlaWarning => "sla_warning",
            EventKind::SlaBreached => "sla_breached",
            EventKind::Escalated => "escalated",
            EventKind::Tagged => "tagged",
            EventKind::Untagged => "untagged",
            EventKind::Watched => "watched",
            EventKind::Unwatched => "unwatched",
            EventKind::Linked => "linked",
            EventKind::Unlinked => "unlinked",
            EventKind::Merged => "merged",
            EventKind::MergedInto => "merged_into",
            EventKind::Split => "split",
        }
    }
}

impl fmt::Display for EventKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One entry of a ticket's history. Fields that do not apply to a kind are absent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Position in the ticket's history, from 0.
    pub seq: u32,
    pub kind: EventKind,
    pub actor: String,
    /// The user who really acted when `actor` was impersonated (`root` ran
    /// `desk --as bob …`): `ticket log` shows `root (as bob)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub real_actor: Option<String>,
    /// The API token `actor` acted through (`desk serve`), by name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
    pub at: DateTime<Utc>,
    /// State before and after, for events that move the ticket.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_status: Option<Status>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_status: Option<Status>,
    /// The reply, note or rating comment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// The new owner (claimed, assigned, transferred) and the one before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignee: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_assignee: Option<String>,
    /// Whether a reply came from the handler's side or the requester's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<ReplySide>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<Priority>,
    /// Filed past the requester's rate limit by a lead or admin (`--over-limit`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub over_limit: bool,
    /// For an occurrence: the fields the repeated report carried.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fields: Option<std::collections::BTreeMap<String, serde_json::Value>>,
    /// The channel a creation or reply came through (`cli`, `json`, `email`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
    /// Why routing made this move, with the score parts
    /// (`balanced: alice: skills 1.00, load 2/5, quality 0.82, score 0.87`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The whole routing decision behind an assignment: candidates, score parts, strategy
    /// (`assign explain` shows it). Boxed: most events are not assignments.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub routing: Option<Box<super::decision::Decision>>,
    /// The SLA milestone an SLA event (or an escalation's priority change) is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub milestone: Option<String>,
    /// The knowledge-base article a reply sent (`ticket reply --kb`): counts as one use.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kb: Option<u64>,
    /// The person a watch event is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub watcher: Option<String>,
    /// The other ticket of a link, merge or split event (by id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub related: Option<u64>,
    /// How this ticket relates to `related`, for link events.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<super::links::LinkKind>,
    /// For `merged`: the replies, notes and occurrences of the ticket merged in, as they
    /// were recorded there.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub merged: Vec<Event>,
    /// For `split`: the event of this ticket whose text became the new ticket.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub split_event: Option<u32>,
}

impl Event {
    /// A bare event; callers fill in the optional parts that apply.
    pub fn new(kind: EventKind, actor: &str, at: DateTime<Utc>) -> Self {
        Event {
            seq: 0,
            kind,
            actor: actor.to_string(),
            real_actor: None,
            token: None,
            at,
            from_status: None,
            to_status: None,
            message: None,
            assignee: None,
            previous_assignee: None,
            role: None,
            score: None,
            priority: None,
            over_limit: false,
            fields: None,
            channel: None,
            reason: None,
            routing: None,
            milestone: None,
            kb: None,
            watcher: None,
            related: None,
            link: None,
            merged: Vec::new(),
            split_event: None,
        }
    }
}

/// Which side of the conversation a reply came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ReplySide {
    Handler,
    Requester,
}
