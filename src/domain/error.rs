//! Errors the domain reports. The command line maps each variant to an exit code
//! (the exit-code table in docs/exit-codes.md); the domain itself knows nothing about exit codes.

use super::ticket::Status;

#[derive(Debug, thiserror::Error, PartialEq)]
#[non_exhaustive]
pub enum DomainError {
    /// Input that can never be accepted as given (exit 5).
    #[error("{message}")]
    Invalid {
        message: String,
        /// Individual problems, each on its own line under the message.
        problems: Vec<String>,
    },
    /// A move the lifecycle does not allow from the current state (exit 6).
    #[error("cannot {action} {ticket}: it is {state} ({chinese}); legal moves: {legal}", chinese = state.chinese(), legal = legal_moves_text(.legal))]
    IllegalTransition {
        action: &'static str,
        ticket: String,
        state: Status,
        legal: Vec<&'static str>,
    },
    /// A move that clashes with another ticket or with the ticket's own record, e.g. closing
    /// a parent whose child is open (exit 6).
    #[error("{message}")]
    Conflict { message: String },
    /// A role or workflow rule refused the actor (exit 4).
    #[error("permission denied: {rule}")]
    PermissionDenied { rule: String },
    /// Something named does not exist (exit 3).
    #[error("{what} not found")]
    NotFound { what: String },
}

impl DomainError {
    pub fn invalid(message: impl Into<String>) -> Self {
        DomainError::Invalid {
            message: message.into(),
            problems: Vec::new(),
        }
    }

    pub fn conflict(message: impl Into<String>) -> Self {
        DomainError::Conflict {
            message: message.into(),
        }
    }

    pub fn denied(rule: impl Into<String>) -> Self {
        DomainError::PermissionDenied { rule: rule.into() }
    }

    pub fn not_found(what: impl Into<String>) -> Self {
        DomainError::NotFound { what: what.into() }
    }
}

fn legal_moves_text(legal: &[&str]) -> String {
    if legal.is_empty() {
        "none".to_string()
    } else {
        legal.join(", ")
    }
}
