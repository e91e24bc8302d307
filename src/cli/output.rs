//! The `--json` schema: separate `Serialize` types, so internal refactors cannot change
//! what scripts read. Times are RFC 3339 (ISO 8601) UTC; absent optional values are null.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::domain::people::{Agent, Requester};
use crate::domain::{Event, Ticket};

#[derive(Serialize)]
pub struct TicketJson<'a> {
    pub id: u64,
    /// The id as people write it (`INC-42`, or `#42` for types without a prefix).
    pub key: String,
    #[serde(rename = "type")]
    pub ticket_type: &'a str,
    pub title: &'a str,
    pub body: &'a str,
    pub status: &'static str,
    pub priority: &'static str,
    pub requester: &'a str,
    pub assignee: Option<&'a str>,
    pub workflow: &'static str,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
    pub fields: &'a BTreeMap<String, serde_json::Value>,
    pub dedup_key: Option<&'a str>,
    pub rating: Option<u8>,
    /// The SLA policy that applies (the requester tier's, else the template's); null: default.
    pub sla_policy: Option<&'a str>,
    /// How the ticket arrived: `cli`, `json` or `email` (null for tickets from before channels).
    pub channel: Option<&'a str>,
    /// Whether the ticket lives in the cold archive.
    pub archived: bool,
    pub tags: &'a [String],
    /// People following the ticket (`ticket watch`).
    pub watchers: &'a [String],
    /// Links to other tickets, seen from this one: `kind` is `relates`, `blocks`,
    /// `blocked-by`, `parent` (this is the other's parent) or `child`.
    pub links: &'a [crate::domain::links::Link],
    /// The ticket this one was merged into (and closed as), if any.
    pub merged_into: Option<u64>,
    /// The department whose queue the ticket is in.
    pub department: Option<&'a str>,
}

impl<'a> TicketJson<'a> {
    pub fn new(ticket: &'a Ticket, archived: bool) -> Self {
        TicketJson {
            id: ticket.id,
            key: ticket.display_id(),
            ticket_type: &ticket.ticket_type,
            title: &ticket.title,
            body: &ticket.body,
            status: ticket.status.as_str(),
            priority: ticket.priority.as_str(),
            requester: &ticket.requester,
            assignee: ticket.assignee.as_deref(),
            workflow: ticket.workflow.as_str(),
            created_at: ticket.created_at,
            updated_at: ticket.updated_at,
            closed_at: ticket.closed_at,
            fields: &ticket.fields,
            dedup_key: ticket.dedup_key.as_deref(),
            rating: ticket.rating,
            sla_policy: ticket.sla_policy.as_deref(),
            channel: ticket.channel.as_deref(),
            archived,
            tags: &ticket.tags,
            watchers: &ticket.watchers,
            links: &ticket.links,
            merged_into: ticket.merged_into,
            department: ticket.department.as_deref(),
        }
    }
}

#[derive(Serialize)]
pub struct EventJson<'a> {
    pub seq: u32,
    pub kind: &'static str,
    /// The effective actor: whose name and rights the move used.
    pub actor: &'a str,
    /// Who really acted when `actor` was impersonated (`desk --as`); null otherwise.
    pub real_actor: Option<&'a str>,
    /// The API token the actor acted through (`desk serve`); absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token: Option<&'a str>,
    pub at: DateTime<Utc>,
    pub from_status: Option<&'static str>,
    pub to_status: Option<&'static str>,
    pub message: Option<&'a str>,
    pub assignee: Option<&'a str>,
    pub previous_assignee: Option<&'a str>,
    /// `handler` or `requester`, for replies.
    pub side: Option<&'static str>,
    pub score: Option<u8>,
    /// Filed past the requester's rate limit by a lead or admin (`--over-limit`).
    pub over_limit: bool,
    /// The channel a creation, occurrence or reply came through: `cli`, `json`, `email`.
    pub channel: Option<&'a str>,
    /// For an occurrence: the fields the repeated report carried.
    pub fields: Option<&'a BTreeMap<String, serde_json::Value>>,
    /// For a move made by routing: why, with the score parts.
    pub reason: Option<&'a str>,
    /// For SLA events and escalations: `first_response`, `resolution` or `confirmation`.
    pub milestone: Option<&'a str>,
    /// For a reply that sent a knowledge-base article: its id.
    pub kb: Option<u64>,
    /// For `watched`/`unwatched`: who.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub watcher: Option<&'a str>,
    /// For link, merge and split events: the other ticket's id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub related: Option<u64>,
    /// For `linked`/`unlinked`: the kind, seen from this ticket.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<&'static str>,
    /// For `merged`: the replies, notes and occurrences of the ticket merged in.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub merged: Vec<EventJson<'a>>,
    /// For `split`: the event whose text became the new ticket.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub split_event: Option<u32>,
}

impl<'a> EventJson<'a> {
    pub fn new(event: &'a Event) -> Self {
        EventJson {
            seq: event.seq,
            real_actor: event.real_actor.as_deref(),
            token: event.token.as_deref(),
            kind: event.kind.as_str(),
            actor: &event.actor,
            at: event.at,
            from_status: event.from_status.map(|s| s.as_str()),
            to_status: event.to_status.map(|s| s.as_str()),
            message: event.message.as_deref(),
            assignee: event.assignee.as_deref(),
            previous_assignee: event.previous_assignee.as_deref(),
            side: event.role.map(|side| match side {
                crate::domain::event::ReplySide::Handler => "handler",
                crate::domain::event::ReplySide::Requester => "requester",
            }),
            score: event.score,
            over_limit: event.over_limit,
            channel: event.channel.as_deref(),
            fields: event.fields.as_ref(),
            reason: event.reason.as_deref(),
            milestone: event.milestone.as_deref(),
            kb: event.kb,
            watcher: event.watcher.as_deref(),
            related: event.related,
            link: event.link.map(|kind| kind.as_str()),
            merged: event.merged.iter().map(EventJson::new).collect(),
            split_event: event.split_event,
        }
    }
}

#[derive(Serialize)]
pub struct AgentJson<'a> {
    pub name: &'a str,
    pub role: &'static str,
    pub status: &'static str,
    pub skills: &'a [String],
    pub capacity: u32,
    /// Open tickets assigned to the agent (in the hot store).
    pub open_tickets: usize,
    pub created_at: DateTime<Utc>,
}

impl<'a> AgentJson<'a> {
    pub fn new(agent: &'a Agent, open_tickets: usize) -> Self {
        AgentJson {
            name: &agent.name,
            role: agent.role.as_str(),
            status: agent.status.as_str(),
            skills: &agent.skills,
            capacity: agent.capacity,
            open_tickets,
            created_at: agent.created_at,
        }
    }
}

#[derive(Serialize)]
pub struct RequesterJson<'a> {
    pub name: &'a str,
    pub tier: &'a str,
    pub created_at: DateTime<Utc>,
}

impl<'a> RequesterJson<'a> {
    pub fn new(requester: &'a Requester) -> Self {
        RequesterJson {
            name: &requester.name,
            tier: &requester.tier,
            created_at: requester.created_at,
        }
    }
}

/// One of a tier's rate limits and how much of it a requester has used.
#[derive(Serialize)]
pub struct RateLimitUsageJson<'a> {
    /// As written in the config, e.g. `20/1h`.
    pub limit: &'a str,
    /// The most submissions the window allows.
    pub max: u32,
    pub window_seconds: u64,
    /// Submissions within the window now.
    pub used: usize,
    pub remaining: usize,
    /// When the limit is used up: when one more submission fits; null when one fits now.
    pub next_allowed_at: Option<DateTime<Utc>>,
}

impl<'a> RateLimitUsageJson<'a> {
    pub fn new(usage: &'a crate::domain::tier::Usage) -> Self {
        RateLimitUsageJson {
            limit: &usage.limit.text,
            max: usage.limit.count,
            window_seconds: usage.limit.window.as_secs(),
            used: usage.used,
            remaining: usage.remaining(),
            next_allowed_at: usage.next_allowed,
        }
    }
}

/// "3h", "2d": a compact age for tables.
pub fn age(since: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let seconds = (now - since).num_seconds().max(0);
    match seconds {
        s if s < 60 => format!("{s}s"),
        s if s < 3600 => format!("{}m", s / 60),
        s if s < 86_400 => format!("{}h", s / 3600),
        s => format!("{}d", s / 86_400),
    }
}

pub fn time(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%d %H:%M").to_string()
}

/// `s` for any count but one: "1 ticket", "2 tickets" (any unsigned integer type).
pub fn plural<N: PartialEq + From<u8>>(n: N) -> &'static str {
    if n == N::from(1) {
        ""
    } else {
        "s"
    }
}

/// A count with its noun in the right number: `counted(1, "record")` is "1 record".
pub fn counted<N: std::fmt::Display + PartialEq + From<u8> + Copy>(n: N, noun: &str) -> String {
    format!("{n} {noun}{}", plural(n))
}
