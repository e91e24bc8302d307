//! The help-desk domain: tickets, their events and lifecycle, templates, people.
//!
//! Nothing here touches the terminal, the command line or the store; functions that depend
//! on time take `now`, so callers (and tests) decide what time it is.

pub mod access;
pub mod attachments;
pub mod audit;
pub mod calendar;
pub mod config;
pub mod decision;
pub mod email;
pub mod error;
pub mod event;
pub mod identity;
pub mod kb;
pub mod labels;
pub mod lifecycle;
pub mod links;
pub mod merge;
pub mod notify;
pub mod notify_config;
pub mod people;
pub mod placeholders;
pub mod report;
pub mod routing;
pub mod sla;
mod sla_config;
pub mod template;
pub mod ticket;
pub mod tier;
pub mod token;
pub mod transfer;
pub mod web;
pub mod webhook;

pub use error::DomainError;
pub use event::{Event, EventKind};
pub use identity::{AuthMethod, Identity};
pub use people::{Agent, AgentStatus, Requester, Role};
pub use ticket::{Priority, Status, Ticket, TicketRef, Workflow};
