//! The one error type handlers return, and how it becomes an exit code and a message.
//!
//! Inside, errors are typed ([`DomainError`], [`StoreError`]); here each is given its exit
//! code from the exit-code table (docs/exit-codes.md, `desk --help`), a one-line message, optional
//! detail lines, and hints.

use std::fmt;
use std::io;

use crate::domain::template::FileError;
use crate::domain::DomainError;
use crate::store::StoreError;

/// Exit codes, documented in docs/exit-codes.md and `desk --help`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitKind {
    /// 1: unexpected failure (a bug or I/O error).
    Failure,
    /// 3: not found (ticket, agent, template, desk home).
    NotFound,
    /// 4: permission denied (role or workflow rule).
    Denied,
    /// 5: invalid input (validation, bad template, missing field with no TTY).
    Invalid,
    /// 6: conflict (illegal state transition, or the thing already exists).
    Conflict,
    /// 7: rate limited.
    RateLimited,
    /// 69: the team store's database cannot be reached (sysexits' EX_UNAVAILABLE).
    Unavailable,
    /// 75: the store stayed busy past DESK_LOCK_TIMEOUT, or (team store) kept conflicting
    /// with other commands that long.
    Busy,
}

impl ExitKind {
    /// The name docs/exit-codes.md gives the code (and `desk serve`'s error bodies).
    pub fn name(self) -> &'static str {
        match self {
            ExitKind::Failure => "failure",
            ExitKind::NotFound => "not_found",
            ExitKind::Denied => "denied",
            ExitKind::Invalid => "invalid",
            ExitKind::Conflict => "conflict",
            ExitKind::RateLimited => "rate_limited",
            ExitKind::Unavailable => "unavailable",
            ExitKind::Busy => "busy",
        }
    }

    pub fn code(self) -> u8 {
        match self {
            ExitKind::Failure => 1,
            ExitKind::NotFound => 3,
            ExitKind::Denied => 4,
            ExitKind::Invalid => 5,
            ExitKind::Conflict => 6,
            ExitKind::RateLimited => 7,
            ExitKind::Unavailable => 69,
            ExitKind::Busy => 75,
        }
    }

    /// The kind an exit code stands for (a server's answer); unknown codes are failures.
    pub fn from_code(code: u8) -> ExitKind {
        [
            ExitKind::NotFound,
            ExitKind::Denied,
            ExitKind::Invalid,
            ExitKind::Conflict,
            ExitKind::RateLimited,
            ExitKind::Unavailable,
            ExitKind::Busy,
        ]
        .into_iter()
        .find(|kind| kind.code() == code)
        .unwrap_or(ExitKind::Failure)
    }
}

#[derive(Debug)]
pub struct CommandError {
    pub kind: ExitKind,
    pub message: String,
    /// Lines printed under the message, e.g. every field problem.
    pub details: Vec<String>,
    pub hints: Vec<String>,
    /// Set when the error is stdout closing under us (`desk ticket list | head`).
    pub broken_pipe: bool,
    /// Set for a team store's conflict: nothing was written, and the command may run
    /// again (see [`super::retry`]).
    pub conflict: bool,
    /// The HTTP status `desk serve` answers with, where the exit code's own does not say
    /// it (401 for a missing token, 413 for a body too large).
    pub http_status: Option<u16>,
}

impl CommandError {
    pub fn new(kind: ExitKind, message: impl Into<String>) -> Self {
        CommandError {
            kind,
            message: message.into(),
            details: Vec::new(),
            hints: Vec::new(),
            broken_pipe: false,
            conflict: false,
            http_status: None,
        }
    }

    /// The HTTP status for `desk serve` (see [`CommandError::http_status`]).
    pub fn with_status(mut self, status: u16) -> Self {
        self.http_status = Some(status);
        self
    }

    pub fn invalid(message: impl Into<String>) -> Self {
        Self::new(ExitKind::Invalid, message)
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(ExitKind::NotFound, message)
    }

    pub fn denied(message: impl Into<String>) -> Self {
        Self::new(ExitKind::Denied, message)
    }

    pub fn conflict(message: impl Into<String>) -> Self {
        Self::new(ExitKind::Conflict, message)
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }

    pub fn with_details(mut self, details: Vec<String>) -> Self {
        self.details.extend(details);
        self
    }
}

impl fmt::Display for CommandError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl From<DomainError> for CommandError {
    fn from(error: DomainError) -> Self {
        match error {
            DomainError::Invalid { message, problems } => {
                CommandError::invalid(message).with_details(problems)
            }
            DomainError::IllegalTransition { .. } | DomainError::Conflict { .. } => {
                CommandError::conflict(error.to_string())
            }
            DomainError::PermissionDenied { .. } => CommandError::denied(error.to_string()),
            DomainError::NotFound { .. } => CommandError::not_found(error.to_string()),
        }
    }
}

impl From<StoreError> for CommandError {
    fn from(error: StoreError) -> Self {
        match &error {
            StoreError::Busy { .. } => CommandError::new(ExitKind::Busy, error.to_string()).with_hint(
                "another desk command is running; raise DESK_LOCK_TIMEOUT (seconds) to wait longer",
            ),
            StoreError::NewerSchema { .. } => CommandError::new(ExitKind::Failure, error.to_string())
                .with_hint("install a newer desk to use this store"),
            StoreError::NeedsMigration { command, .. } => {
                CommandError::invalid(error.to_string()).with_hint(format!(
                "back up first (desk backup), then an admin runs `{command}` (once for a team store, from any host); other commands wait until it has run"
            ))
            }
            StoreError::Conflict { .. } => CommandError {
                conflict: true,
                ..CommandError::new(ExitKind::Busy, error.to_string()).with_hint(
                    "run it again; raise DESK_LOCK_TIMEOUT (seconds) to let desk retry longer on its own",
                )
            },
            StoreError::Denied { .. } => CommandError::denied(error.to_string()).with_hint(
                "the database's owner grants what desk needs: see \"Roles\" in docs/postgres.md",
            ),
            StoreError::Unreachable { .. } => CommandError::new(ExitKind::Unavailable, error.to_string())
                .with_hint("check [store] url in config.toml (or DESK_STORE), the password, and that the server is up; nothing was written"),
            _ => CommandError::new(ExitKind::Failure, error.to_string()),
        }
    }
}

impl From<FileError> for CommandError {
    fn from(error: FileError) -> Self {
        CommandError::invalid(error.to_string())
    }
}

impl From<io::Error> for CommandError {
    fn from(error: io::Error) -> Self {
        let mut out = CommandError::new(ExitKind::Failure, format!("I/O error: {error}"));
        out.broken_pipe = error.kind() == io::ErrorKind::BrokenPipe;
        out
    }
}

/// "did you mean" for a mistyped name among `candidates`.
pub fn did_you_mean<'a>(typed: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(typed, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| format!("did you mean `{c}`?"))
}
