//! `desk audit`: who did what as whom. Lists the audit log — commands run under
//! impersonation, privileged commands and refused moves — and records into it: every
//! command passes through [`record`] on its way out.

use chrono::{DateTime, SecondsFormat, Utc};
use clap::Args;
use serde::Serialize;

use crate::cli::context::Context;
use crate::cli::error::{CommandError, ExitKind};
use crate::cli::ui::StyledCell;
use crate::domain::audit::{AuditEntry, AuditOutcome, AuditReason};
use crate::domain::report::parse_bound;
use crate::domain::Role;

use super::Command;

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  desk audit                           everything logged, oldest first
  desk audit --actor alice --since 7d  alice's entries of the last 7 days
  desk audit --refused --json          refused moves, for a script
  desk audit --impersonated -n 20      the newest 20 commands run with --as")]
pub struct AuditArgs {
    /// Only entries where this user acted, for real or as someone else
    #[arg(long, value_name = "NAME")]
    pub actor: Option<String>,
    /// Only entries from this time on (RFC 3339, a date, or an age like 7d)
    #[arg(long, value_name = "WHEN")]
    pub since: Option<String>,
    /// Only entries up to this time (inclusive)
    #[arg(long, value_name = "WHEN")]
    pub until: Option<String>,
    /// Only refused moves
    #[arg(long)]
    pub refused: bool,
    /// Only commands run as another user (--as)
    #[arg(long)]
    pub impersonated: bool,
    /// Show at most the newest N entries
    #[arg(long, short = 'n', value_name = "N")]
    pub limit: Option<usize>,
}

#[derive(Serialize)]
struct AuditJson<'a> {
    seq: u64,
    at: String,
    /// The effective user.
    actor: &'a str,
    real_actor: &'a str,
    method: &'a str,
    command: &'a str,
    outcome: &'static str,
    reasons: Vec<&'static str>,
    message: Option<&'a str>,
}

pub fn run(ctx: &Context, args: &AuditArgs) -> Result<(), CommandError> {
    let since = bound(ctx, &args.since, false)?;
    let until = bound(ctx, &args.until, true)?;
    let store = ctx.open_store()?;
    let txn = store.txn();
    let me = txn.agent(ctx.user())?;
    if me.is_none_or(|agent| agent.role != Role::Admin) {
        return Err(CommandError::denied(format!(
            "permission denied: only admins read the audit log, and `{}` is not an admin",
            ctx.user()
        )));
    }
    let mut entries: Vec<AuditEntry> = txn
        .audit_entries()?
        .into_iter()
        .filter(|e| {
            args.actor
                .as_ref()
                .is_none_or(|who| &e.real == who || &e.effective == who)
                && since.is_none_or(|t| e.at >= t)
                && until.is_none_or(|t| e.at <= t)
                && (!args.refused || e.outcome == AuditOutcome::Refused)
                && (!args.impersonated || e.reasons.contains(&AuditReason::Impersonation))
        })
        .collect();
    drop(txn);
    drop(store);
    if let Some(limit) = args.limit {
        let skip = entries.len().saturating_sub(limit);
        entries.drain(..skip);
    }
    if ctx.ui.is_json() {
        let items: Vec<AuditJson> = entries
            .iter()
            .map(|e| AuditJson {
                seq: e.seq,
                at: e.at.to_rfc3339_opts(SecondsFormat::Secs, true),
                actor: &e.effective,
                real_actor: &e.real,
                method: &e.method,
                command: &e.command,
                outcome: e.outcome.as_str(),
                reasons: e.reasons.iter().map(|r| r.as_str()).collect(),
                message: e.message.as_deref(),
            })
            .collect();
        return ctx.ui.json(&items);
    }
    if ctx.ui.is_quiet() {
        for entry in &entries {
            ctx.ui.line(entry.seq.to_string())?;
        }
        return Ok(());
    }
    if entries.is_empty() {
        ctx.ui.note("No audit entries match.");
        return Ok(());
    }
    let rows = entries
        .iter()
        .map(|e| {
            let outcome = match e.outcome {
                AuditOutcome::Ok => StyledCell::plain("ok"),
                AuditOutcome::Refused => StyledCell::colored("refused", comfy_table::Color::Red),
            };
            let why: Vec<&str> = e.reasons.iter().map(|r| r.as_str()).collect();
            let mut command = e.command.clone();
            if let Some(message) = &e.message {
                command = format!("{command}  ({message})");
            }
            vec![
                StyledCell::plain(e.seq.to_string()),
                StyledCell::plain(e.at.format("%Y-%m-%d %H:%M:%S").to_string()),
                StyledCell::plain(e.actor()),
                outcome,
                StyledCell::plain(why.join(",")),
                StyledCell::plain(command),
            ]
        })
        .collect();
    ctx.ui
        .table(&["SEQ", "AT (UTC)", "ACTOR", "OUTCOME", "WHY", "COMMAND"], rows)
}

fn bound(ctx: &Context, text: &Option<String>, is_end: bool) -> Result<Option<DateTime<Utc>>, CommandError> {
    text.as_deref()
        .map(|text| parse_bound(text, ctx.now, is_end))
        .transpose()
        .map_err(CommandError::from)
}

/// Commands that change people, roles or the whole store: logged even when they succeed.
fn is_privileged(command: &Command) -> bool {
    use super::agent::AgentCommand;
    use super::requester::RequesterCommand;
    match command {
        Command::Init(_)
        | Command::Import(_)
        | Command::Restore(_)
        | Command::Export(_)
        | Command::Backup(_) => true,
        Command::Agent(AgentCommand::Add(_) | AgentCommand::Set(_)) => true,
        Command::Requester(RequesterCommand::Add(_) | RequesterCommand::Set(_)) => true,
        Command::Archive(args) => !args.dry_run && args.command.is_none(),
        Command::Doctor(args) => args.repair || args.migrate,
        Command::Migrate(args) => !args.check,
        // What every host of a team store files and works by.
        Command::Template(super::template::TemplateCommand::Publish(_)) => true,
        Command::Config(super::config::ConfigCommand::Publish(_)) => true,
        Command::Token(super::token::TokenCommand::Create(_) | super::token::TokenCommand::Revoke(_)) => true,
        _ => false,
    }
}

/// Log how `command` ended, if it is the kind of move the audit log keeps. Runs after the
/// command let go of the store; a failure to log is a warning, never the command's result.
pub fn record(ctx: &Context, command: &Command, result: &Result<(), CommandError>) {
    let identity = ctx.identity();
    let impersonating = match identity {
        Some(identity) => identity.is_impersonating(),
        // Refused before it was resolved: asked for someone other than the OS account.
        None => ctx
            .requested_user
            .as_deref()
            .is_some_and(|asked| asked != ctx.login),
    };
    let mut reasons = Vec::new();
    if impersonating {
        reasons.push(AuditReason::Impersonation);
    }
    let (outcome, message) = match result {
        Ok(()) => {
            if is_privileged(command) {
                reasons.push(AuditReason::Privileged);
            }
            (AuditOutcome::Ok, None)
        }
        Err(error) if error.kind == ExitKind::Denied => {
            reasons.push(AuditReason::Denied);
            (AuditOutcome::Refused, Some(error.message.clone()))
        }
        // Other failures wrote nothing and moved nothing.
        Err(_) => return,
    };
    if reasons.is_empty() || !ctx.home.is_initialized() {
        return;
    }
    let args: Vec<String> = std::env::args().skip(1).collect();
    let entry = AuditEntry {
        seq: 0,
        at: ctx.now,
        real: identity.map_or_else(|| ctx.login.clone(), |i| i.real.clone()),
        effective: ctx.user().to_string(),
        method: identity.map_or("os-account", |i| i.method.as_str()).to_string(),
        command: AuditEntry::command_line(args.iter().map(String::as_str)),
        outcome,
        reasons,
        message,
    };
    let written = ctx.open_store_unauthenticated().and_then(|store| {
        let mut txn = store.txn();
        txn.append_audit(entry)?;
        txn.commit()?;
        Ok(())
    });
    if let Err(error) = written {
        ctx.ui
            .warn(format!("could not write the audit log: {}", error.message));
    }
}
