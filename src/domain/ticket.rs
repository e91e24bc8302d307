//! The ticket record and the small enums it is made of.
//!
//! Stored enums have explicit string forms (`as_str`/`FromStr`), never `Debug` output, so
//! renaming a variant in code cannot silently change what is on disk or in `--json`.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::error::DomainError;

/// The four lifecycle states (docs/tickets.md, *The lifecycle*); their names are part of the contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// 待领取: created, nobody owns it.
    Unclaimed,
    /// 待处理: owned, waiting for the handler.
    Pending,
    /// 待确认: the handler replied, waiting for the requester.
    Awaiting,
    /// 已确认: done.
    Closed,
}

impl Status {
    pub const ALL: [Status; 4] = [
        Status::Unclaimed,
        Status::Pending,
        Status::Awaiting,
        Status::Closed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Unclaimed => "unclaimed",
            Status::Pending => "pending",
            Status::Awaiting => "awaiting",
            Status::Closed => "closed",
        }
    }

    /// The name Chinese help-desk teams use for the state.
    pub fn chinese(self) -> &'static str {
        match self {
            Status::Unclaimed => "待领取",
            Status::Pending => "待处理",
            Status::Awaiting => "待确认",
            Status::Closed => "已确认",
        }
    }

    pub fn is_open(self) -> bool {
        self != Status::Closed
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Status {
    type Err = DomainError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Status::ALL
            .into_iter()
            .find(|status| status.as_str() == s)
            .ok_or_else(|| {
                DomainError::invalid(format!(
                    "unknown status `{s}` (expected unclaimed, pending, awaiting or closed)"
                ))
            })
    }
}

/// Ticket priority, most urgent first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Priority {
    Urgent,
    High,
    Normal,
    Low,
}

impl Priority {
    pub const ALL: [Priority; 4] = [Priority::Urgent, Priority::High, Priority::Normal, Priority::Low];

    pub fn as_str(self) -> &'static str {
        match self {
            Priority::Urgent => "urgent",
            Priority::High => "high",
            Priority::Normal => "normal",
            Priority::Low => "low",
        }
    }

    /// Queue rank: 0 is served first. Stored inside index keys, so never renumber.
    pub fn rank(self) -> u8 {
        match self {
            Priority::Urgent => 0,
            Priority::High => 1,
            Priority::Normal => 2,
            Priority::Low => 3,
        }
    }
}

impl fmt::Display for Priority {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Priority {
    type Err = DomainError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Priority::ALL
            .into_iter()
            .find(|p| p.as_str() == s)
            .ok_or_else(|| {
                DomainError::invalid(format!(
                    "unknown priority `{s}` (expected urgent, high, normal or low)"
                ))
            })
    }
}

/// Who may close a ticket (docs/tickets.md, *Moves*). Copied from the template when the ticket
/// is created, so editing a template later does not change the rules of tickets in flight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Workflow {
    /// The requester confirms the handler's answer; handlers cannot close.
    #[default]
    Internal,
    /// The handler may close after at least one reply; the requester is asked to rate.
    Customer,
}

impl Workflow {
    pub fn as_str(self) -> &'static str {
        match self {
            Workflow::Internal => "internal",
            Workflow::Customer => "customer",
        }
    }
}

impl fmt::Display for Workflow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One ticket as stored: its current state. Its history lives in [`crate::domain::Event`]s.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ticket {
    pub id: u64,
    /// The template (type) name, e.g. `incident`.
    #[serde(rename = "type")]
    pub ticket_type: String,
    /// The type's display prefix at creation (`INC`), if it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
    pub title: String,
    #[serde(default)]
    pub body: String,
    pub status: Status,
    pub priority: Priority,
    pub requester: String,
    #[serde(default)]
    pub assignee: Option<String>,
    /// When the current assignee got the ticket (claim, assign, transfer); per-agent
    /// response and resolution times start here, not at creation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assigned_at: Option<DateTime<Utc>>,
    pub workflow: Workflow,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub fields: BTreeMap<String, serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dedup_key: Option<String>,
    /// Replies by a handler since creation; the customer workflow needs one before closing.
    #[serde(default)]
    pub handler_replies: u32,
    /// The latest CSAT score (1–5), if the requester rated the service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rating: Option<u8>,
    /// The SLA policy that applies: the tier's, else the template's (None: the default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sla_policy: Option<String>,
    /// How the ticket arrived: `cli`, `json`, `email`, `import`, or the name a script gave
    /// with `ticket new --channel` (`web`, `im`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
    /// Files that came with the ticket, its replies and notes (`--attach`, e-mail).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<Attachment>,
    /// How many times the problem was reported under the dedup key, the first included.
    #[serde(default = "one")]
    pub occurrences: u32,
    /// Number of events recorded; the next event gets this sequence number.
    #[serde(default)]
    pub event_count: u32,
    /// When `desk sla check` next has something to do for this ticket: the earliest warning
    /// point or deadline of a running SLA clock (indexed). None when no clock runs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sla_attention_at: Option<DateTime<Utc>>,
    /// The next deadline of a running SLA clock.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sla_due_at: Option<DateTime<Utc>>,
    /// The running SLA clocks as of the last event, with what was already recorded, so
    /// `sla check` can tell what is due without replaying the history.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sla_clocks: Vec<SlaClock>,
    /// Labels, e.g. `sla-breached` added by escalation.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// People following the ticket (我关注的): they hear what the requester hears and,
    /// if requesters, may read it as its requester does.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub watchers: Vec<String>,
    /// Links to other tickets, as seen from this one (the other side holds the inverse).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<super::links::Link>,
    /// Set when the ticket was closed by merging it into another (`ticket merge`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merged_into: Option<u64>,
    /// The department (team, queue) the ticket is routed to, from its tier or its type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
    /// Dedup keys of tickets merged into this one: repeated reports under them land here.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub merged_dedup_keys: Vec<String>,
}

/// One running SLA clock: when it turns at risk and when it is due.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SlaClock {
    /// `first_response`, `resolution` or `confirmation`.
    pub milestone: String,
    pub warn_at: DateTime<Utc>,
    pub due: DateTime<Utc>,
    #[serde(default)]
    pub warned: bool,
    #[serde(default)]
    pub breached: bool,
}

impl SlaClock {
    /// Whether `sla check` has something to record for this clock at `now`.
    pub fn needs_recording(&self, now: DateTime<Utc>) -> bool {
        (now >= self.warn_at && !self.warned) || (now >= self.due && !self.breached)
    }
}

/// A file that came with a ticket. Its bytes, when kept, live under the home's
/// `attachments/<ticket id>/` directory as `stored_as`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attachment {
    pub name: String,
    pub size: u64,
    pub content_type: String,
    /// File name under `attachments/<id>/`, or None when it was over the size limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stored_as: Option<String>,
    /// The `seq` of the event it came with (the creation, a reply, an internal note), so it
    /// is shown to whoever may see that event. None on files from before this was recorded,
    /// which all came with the ticket or a requester's mail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<u32>,
}

fn one() -> u32 {
    1
}

impl Ticket {
    /// Every dedup key that leads to this ticket: its own, then those merged into it.
    pub fn dedup_keys(&self) -> impl Iterator<Item = &String> {
        self.dedup_key.iter().chain(self.merged_dedup_keys.iter())
    }

    /// The id as people see it: `INC-42` when the type has a prefix, else `#42`.
    pub fn display_id(&self) -> String {
        match &self.prefix {
            Some(prefix) => format!("{prefix}-{}", self.id),
            None => format!("#{}", self.id),
        }
    }
}

/// A ticket id as typed by a user: `42`, `#42` or `INC-42` (prefix case-insensitive).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketRef {
    pub id: u64,
    pub prefix: Option<String>,
}

impl TicketRef {
    /// Whether `ticket` is the one this reference means; a prefix must match the ticket's.
    pub fn matches(&self, ticket: &Ticket) -> bool {
        match (&self.prefix, &ticket.prefix) {
            (None, _) => true,
            (Some(given), Some(actual)) => given.eq_ignore_ascii_case(actual),
            (Some(_), None) => false,
        }
    }
}

impl fmt::Display for TicketRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.prefix {
            Some(prefix) => write!(f, "{prefix}-{}", self.id),
            None => write!(f, "{}", self.id),
        }
    }
}

impl FromStr for TicketRef {
    type Err = DomainError;
    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let text = input.trim();
        let bad = || {
            DomainError::invalid(format!(
                "`{input}` is not a ticket id (expected a number like 42 or a prefixed id like INC-42)"
            ))
        };
        let (prefix, digits) = match text.rsplit_once('-') {
            Some((prefix, digits)) => {
                if prefix.is_empty() || !prefix.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                    return Err(bad());
                }
                (Some(prefix.to_ascii_uppercase()), digits)
            }
            None => (None, text.strip_prefix('#').unwrap_or(text)),
        };
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let id: u64 = digits.parse().map_err(|_| bad())?;
        if id == 0 {
            return Err(bad());
        }
        Ok(TicketRef { id, prefix })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticket_refs_parse_with_and_without_prefix() {
        assert_eq!(
            "42".parse::<TicketRef>().unwrap(),
            TicketRef { id: 42, prefix: None }
        );
        assert_eq!("#7".parse::<TicketRef>().unwrap().id, 7);
        let inc: TicketRef = "inc-42".parse().unwrap();
        assert_eq!(inc.prefix.as_deref(), Some("INC"));
        assert_eq!(inc.id, 42);
        for bad in ["", "INC-", "-4", "x", "4.2", "0", "INC-4a", "IN C-4"] {
            assert!(bad.parse::<TicketRef>().is_err(), "{bad:?} parsed");
        }
    }

    #[test]
    fn enums_round_trip_through_their_string_forms() {
        for status in Status::ALL {
            assert_eq!(status.as_str().parse::<Status>().unwrap(), status);
            assert_eq!(serde_json::to_string(&status).unwrap(), format!("\"{status}\""));
        }
        for priority in Priority::ALL {
            assert_eq!(priority.as_str().parse::<Priority>().unwrap(), priority);
        }
        assert!(Priority::Urgent.rank() < Priority::Low.rank());
    }
}
