//! Settings resolved once per command: flags, then `DESK_*` variables, then defaults.
//! Handlers get a [`Context`] and never read the environment themselves.

use std::path::PathBuf;
use std::time::Duration;

use chrono::{DateTime, SubsecRound, Utc};

use crate::domain::{Agent, TicketRef};
use crate::env_vars::{self, DESK_HOME, DESK_LOCK_TIMEOUT, DESK_NOW, DESK_USER};
use crate::store::cold::ArchivedTicket;
use crate::store::{sled_backend, Location, Store, Txn};

use super::error::CommandError;
use super::home::Home;
use super::ui::Ui;
use super::GlobalArgs;

pub const DEFAULT_LOCK_TIMEOUT: Duration = Duration::from_secs(10);

pub struct Context {
    pub ui: Ui,
    pub home: Home,
    /// The acting user (`--as`, `DESK_USER`, login name).
    pub user: String,
    /// The time every rule uses (`DESK_NOW` or the clock), fixed for the whole command.
    pub now: DateTime<Utc>,
    pub lock_timeout: Duration,
}

impl Context {
    pub fn new(globals: &GlobalArgs, ui: Ui) -> Result<Context, CommandError> {
        let home = match &globals.home {
            Some(dir) => dir.clone(),
            None => default_home()?,
        };
        let user = match &globals.acting_user {
            Some(user) => user.clone(),
            None => env_vars::get(DESK_USER).unwrap_or_else(whoami::username),
        };
        crate::domain::people::validate_name("user", &user).map_err(|e| {
            CommandError::invalid(e.to_string()).with_hint("set the acting user with --as NAME or DESK_USER")
        })?;
        Ok(Context {
            ui,
            home: Home::new(home),
            user,
            now: clock()?,
            lock_timeout: lock_timeout()?,
        })
    }

    /// Open the store, waiting for other desk processes (exit 75 after the timeout).
    pub fn open_store(&self) -> Result<Store, CommandError> {
        self.home.require()?;
        let backend = sled_backend::open_with_retry(&self.home.hot_dir(), self.lock_timeout)?;
        Ok(Store::new(
            Box::new(backend),
            &self.home.hot_dir(),
            &self.home.cold_dir(),
        )?)
    }

    /// Housekeeping after a successful write: move a bounded batch of old closed tickets
    /// to the archive. The command already succeeded, so a failure here is a warning.
    pub fn after_write(&self, store: &Store) {
        let archive = match self.home.config() {
            Ok(config) => config.archive,
            Err(_) => return,
        };
        if let Err(error) = store.archive_closed(self.now, archive.after, archive.batch) {
            self.ui
                .warn(format!("archiving old closed tickets failed: {error}"));
        }
    }

    pub fn agent(&self, txn: &Txn<'_>, name: &str) -> Result<Agent, CommandError> {
        txn.agent(name)?.ok_or_else(|| {
            let names: Vec<String> = txn
                .agents()
                .unwrap_or_default()
                .into_iter()
                .map(|a| a.name)
                .collect();
            let mut error = CommandError::not_found(format!("agent `{name}` not found"));
            if let Some(hint) = super::error::did_you_mean(name, names.iter().map(String::as_str)) {
                error = error.with_hint(hint);
            }
            error.with_hint("list agents with `desk agent list`")
        })
    }

    /// Find the ticket `reference` names, hot or archived.
    pub fn find_ticket(
        &self,
        store: &Store,
        reference: &TicketRef,
    ) -> Result<(ArchivedTicket, Location), CommandError> {
        let not_found = || CommandError::not_found(format!("ticket {reference} not found"));
        let Some((record, location)) = store.find_ticket(reference.id)? else {
            if let Some(at) = store.cold().purged_at(reference.id)? {
                return Err(CommandError::not_found(format!(
                    "ticket {reference} was purged by retention on {}",
                    at.format("%Y-%m-%d %H:%M UTC")
                ))
                .with_hint("`desk archive --purge-before` wrote it to its export file before deleting it"));
            }
            return Err(not_found());
        };
        if !reference.matches(&record.ticket) {
            return Err(not_found().with_hint(format!(
                "ticket {} exists as {}",
                reference.id,
                record.ticket.display_id()
            )));
        }
        Ok((record, location))
    }
}

/// Requester names as arguments, in their one spelling (addresses lowercased). Never
/// fails: the name itself is validated where it is used, with exit 5.
pub fn parse_requester(text: &str) -> Result<String, String> {
    Ok(crate::domain::people::canonical_requester(text))
}

/// Ticket ids as arguments: parsed by clap so a malformed one is a usage error.
pub fn parse_ticket_ref(text: &str) -> Result<TicketRef, String> {
    text.parse::<TicketRef>().map_err(|e| e.to_string())
}

fn default_home() -> Result<PathBuf, CommandError> {
    if let Some(dir) = env_vars::get(DESK_HOME) {
        return Ok(PathBuf::from(dir));
    }
    if let Some(data) = env_vars::get(env_vars::XDG_DATA_HOME) {
        return Ok(PathBuf::from(data).join("desk"));
    }
    if let Some(home) = env_vars::get(env_vars::HOME) {
        return Ok(PathBuf::from(home).join(".local/share/desk"));
    }
    Err(CommandError::invalid("cannot find a place for the desk home")
        .with_hint("pass --home DIR or set DESK_HOME"))
}

fn clock() -> Result<DateTime<Utc>, CommandError> {
    match env_vars::get(DESK_NOW) {
        Some(text) => DateTime::parse_from_rfc3339(&text)
            .map(|t| t.with_timezone(&Utc))
            .map_err(|e| {
                CommandError::invalid(format!("DESK_NOW `{text}` is not an RFC 3339 time: {e}"))
                    .with_hint("write it like 2026-11-22T09:30:00Z or 2026-11-22T17:30:00+08:00")
            }),
        // The one place desk reads the system clock.
        #[allow(clippy::disallowed_methods)]
        // Whole seconds: what people read, and what DESK_NOW replays give.
        None => Ok(Utc::now().trunc_subsecs(0)),
    }
}

fn lock_timeout() -> Result<Duration, CommandError> {
    let Some(text) = env_vars::get(DESK_LOCK_TIMEOUT) else {
        return Ok(DEFAULT_LOCK_TIMEOUT);
    };
    let parsed = match text.trim().parse::<f64>() {
        Ok(seconds) if seconds.is_finite() && seconds >= 0.0 => Some(Duration::from_secs_f64(seconds)),
        Ok(_) => None,
        Err(_) => humantime::parse_duration(text.trim()).ok(),
    };
    parsed.ok_or_else(|| {
        CommandError::invalid(format!("DESK_LOCK_TIMEOUT `{text}` is not a duration"))
            .with_hint("give seconds (10, 2.5) or a duration with a unit (500ms, 1m)")
    })
}
