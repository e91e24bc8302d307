//! The audit log (审计): who did what as whom, for the moves that need a record beyond a
//! ticket's own history — commands run under impersonation, privileged commands (people,
//! roles, whole-store operations) and every refused move.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// How a command ended, as the audit log records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AuditOutcome {
    /// It ran and succeeded.
    Ok,
    /// A permission rule refused it (exit 4); nothing else was written.
    Refused,
}

impl AuditOutcome {
    pub fn as_str(self) -> &'static str {
        match self {
            AuditOutcome::Ok => "ok",
            AuditOutcome::Refused => "refused",
        }
    }
}

/// Why a command is in the audit log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AuditReason {
    /// Run as another user (`--as`).
    Impersonation,
    /// Changes people, roles or the whole store.
    Privileged,
    /// Refused by a permission rule.
    Denied,
}

impl AuditReason {
    pub fn as_str(self) -> &'static str {
        match self {
            AuditReason::Impersonation => "impersonation",
            AuditReason::Privileged => "privileged",
            AuditReason::Denied => "denied",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// Position in the log, from 1; assigned by the store.
    #[serde(default)]
    pub seq: u64,
    pub at: DateTime<Utc>,
    /// Who authenticated (the OS account's desk user).
    pub real: String,
    /// Whose name and rights the command used.
    pub effective: String,
    /// How `real` authenticated (`os-account`, `insecure-test-identity`).
    pub method: String,
    /// The command line, without the program name (cut at [`AuditEntry::MAX_COMMAND`]).
    pub command: String,
    pub outcome: AuditOutcome,
    pub reasons: Vec<AuditReason>,
    /// For a refusal: the rule that refused it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

impl AuditEntry {
    pub const MAX_COMMAND: usize = 300;

    /// The command line as recorded: arguments joined, quoted where they hold spaces, cut
    /// to a bounded length (a reply's whole text does not belong in the log).
    pub fn command_line<'a>(args: impl IntoIterator<Item = &'a str>) -> String {
        let mut line = args
            .into_iter()
            .map(|arg| {
                if arg.is_empty() || arg.contains(char::is_whitespace) {
                    format!("'{}'", arg.replace('\'', "'\\''"))
                } else {
                    arg.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join(" ");
        if line.chars().count() > Self::MAX_COMMAND {
            line = line.chars().take(Self::MAX_COMMAND - 1).collect::<String>() + "…";
        }
        line
    }

    /// `alice (as bob)` or `alice`.
    pub fn actor(&self) -> String {
        super::identity::actor_label(&self.effective, Some(&self.real))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_lines_are_quoted_and_bounded() {
        assert_eq!(
            AuditEntry::command_line(["ticket", "reply", "4", "-m", "it's fixed"]),
            "ticket reply 4 -m 'it'\\''s fixed'"
        );
        let long = "x".repeat(1000);
        let line = AuditEntry::command_line(["ticket", "comment", "1", "-m", &long]);
        assert_eq!(line.chars().count(), AuditEntry::MAX_COMMAND);
        assert!(line.ends_with('…'));
    }
}
