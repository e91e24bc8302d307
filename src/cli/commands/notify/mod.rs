//! `desk notify …`: deliver the notifications the outbox holds, and look after the ones
//! that could not be delivered.
//!
//! Every event enters the outbox with the event itself. `flush` (for cron) routes outbox
//! entries by the `[[notify.rules]]` into messages and sends the messages that are due;
//! `list` shows what waits, what failed for good (dead letters) and what went out; `retry`
//! gives dead letters another round.

pub mod contacts;
pub mod flush;
pub mod list;
pub mod retry;

use chrono::{DateTime, Utc};
use clap::Subcommand;
use serde::Serialize;

use crate::cli::context::Context;
use crate::cli::error::CommandError;
use crate::domain::notify::Message;
use crate::store::Txn;

#[derive(Debug, Subcommand)]
pub enum NotifyCommand {
    /// Route new events into messages and send the ones due (run it from cron)
    ///
    /// Every event waits in the outbox until a flush routes it by the [[notify.rules]] of
    /// config.toml; each message is then sent through its sink. A failed delivery is retried
    /// after the backoff, and after `max_attempts` becomes a dead letter (`desk notify list
    /// --failed`). The store is held only to route and to record results, never while
    /// sending, so a slow webhook does not hold up other desk commands. Exits 0 when
    /// deliveries fail (they are retried); run it every minute, e.g.
    /// `* * * * * desk --home /srv/desk notify flush -q`.
    Flush(flush::FlushArgs),
    /// List messages: waiting and failed by default (agents)
    ///
    /// STATE is `pending` (not tried yet), `retrying` (failed, another attempt is due),
    /// `dead` (gave up after `max_attempts`; `desk notify retry` sends it again) or
    /// `delivered`; `--failed` shows the retrying and the dead.
    List(list::ListArgs),
    /// Send dead letters (or waiting messages) again at the next flush (agents)
    ///
    /// A dead letter starts over with a fresh count of attempts; a waiting message is due
    /// at once instead of after its backoff. Delivered messages are not sent twice (exit 6).
    Retry(retry::RetryArgs),
}

pub fn run(ctx: &Context, command: &NotifyCommand) -> Result<(), CommandError> {
    match command {
        NotifyCommand::Flush(args) => flush::run(ctx, args),
        NotifyCommand::List(args) => list::run(ctx, args),
        NotifyCommand::Retry(args) => retry::run(ctx, args),
    }
}

/// Messages carry ticket text and people's addresses: only agents read or steer them.
fn require_agent(ctx: &Context, txn: &Txn<'_>) -> Result<(), CommandError> {
    if txn.agent(ctx.user())?.is_none() {
        return Err(CommandError::denied(format!(
            "permission denied: only agents see and retry notifications, and `{}` is not an agent",
            ctx.user()
        )));
    }
    Ok(())
}

/// A message in `--json`: the stable schema of `notify list`, `retry` and `flush`.
#[derive(Serialize)]
pub struct MessageJson<'a> {
    pub id: u64,
    /// `pending`, `delivered` or `dead`.
    pub state: &'static str,
    /// Pending after a failed attempt: another one is due (a dead letter has given up).
    pub retrying: bool,
    /// The ticket as people write it (`INC-42`).
    pub ticket: &'a str,
    pub ticket_id: u64,
    pub event_seq: u32,
    /// The trigger (or event kind) that matched a rule.
    pub on: &'a str,
    pub sink: &'a str,
    /// Who it is for; null: the sink's own channel.
    pub recipient: Option<&'a str>,
    /// `assignee`, `requester` or `leads`.
    pub role: Option<&'a str>,
    pub address: Option<&'a str>,
    pub subject: &'a str,
    pub text: &'a str,
    pub attempts: u32,
    pub created_at: DateTime<Utc>,
    pub next_attempt_at: Option<DateTime<Utc>>,
    pub last_attempt_at: Option<DateTime<Utc>>,
    pub delivered_at: Option<DateTime<Utc>>,
    pub last_error: Option<&'a str>,
}

impl<'a> MessageJson<'a> {
    pub fn new(message: &'a Message) -> Self {
        MessageJson {
            id: message.id,
            state: message.state.as_str(),
            retrying: list::is_retrying(message),
            ticket: &message.ticket_key,
            ticket_id: message.ticket_id,
            event_seq: message.event_seq,
            on: &message.on,
            sink: &message.sink,
            recipient: message.recipient.as_deref(),
            role: message.role.as_deref(),
            address: message.address.as_deref(),
            subject: &message.subject,
            text: &message.text,
            attempts: message.attempts,
            created_at: message.created_at,
            next_attempt_at: message.next_attempt_at,
            last_attempt_at: message.last_attempt_at,
            delivered_at: message.delivered_at,
            last_error: message.last_error.as_deref(),
        }
    }
}

/// "bob", "carol@example.com", or "#ops-chat" for the sink's own channel.
pub fn recipient_label(message: &Message) -> String {
    match &message.recipient {
        Some(name) => name.clone(),
        None => format!("#{}", message.sink),
    }
}
