//! `desk notify list`: what waits to be sent, what failed for good, what went out.

use clap::Args;
use comfy_table::Color;

use super::flush::ROUTE_BATCH;
use super::{recipient_label, require_agent, MessageJson};
use crate::cli::context::Context;
use crate::cli::error::CommandError;
use crate::cli::output;
use crate::cli::ui::StyledCell;
use crate::domain::notify::{DeliveryState, Message};

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  desk notify list                    messages waiting or failed
  desk notify list --failed           still retrying, and dead letters
  desk notify list --delivered -n 20  at most 20 delivered ones")]
pub struct ListArgs {
    /// Only messages waiting for an attempt (failed ones waiting to be retried included)
    #[arg(long, group = "which")]
    pub pending: bool,
    /// Only failures: dead letters (failed every attempt, given up) and messages still
    /// retrying (failed at least once, another attempt due)
    #[arg(long, group = "which")]
    pub failed: bool,
    /// Only delivered messages (kept for `[notify] keep_delivered`)
    #[arg(long, group = "which")]
    pub delivered: bool,
    /// Everything: waiting, dead and delivered
    #[arg(long, group = "which")]
    pub all: bool,
    /// Show at most this many
    #[arg(long, short = 'n', value_name = "N")]
    pub limit: Option<usize>,
}

pub fn run(ctx: &Context, args: &ListArgs) -> Result<(), CommandError> {
    let states: Vec<DeliveryState> = if args.pending {
        vec![DeliveryState::Pending]
    } else if args.failed {
        vec![DeliveryState::Dead, DeliveryState::Pending]
    } else if args.delivered {
        vec![DeliveryState::Delivered]
    } else if args.all {
        vec![
            DeliveryState::Pending,
            DeliveryState::Dead,
            DeliveryState::Delivered,
        ]
    } else {
        vec![DeliveryState::Pending, DeliveryState::Dead]
    };
    let store = ctx.open_store()?;
    let txn = store.txn();
    require_agent(ctx, &txn)?;
    let mut messages: Vec<Message> = Vec::new();
    for state in states {
        messages.extend(txn.messages_in(state)?);
    }
    if args.failed {
        // A waiting message that never failed is not a failure.
        messages.retain(|m| m.state == DeliveryState::Dead || is_retrying(m));
    }
    let backlog = txn.outbox(ROUTE_BATCH)?.len();
    drop(txn);
    drop(store);
    if let Some(limit) = args.limit {
        messages.truncate(limit);
    }
    if ctx.ui.is_json() {
        let items: Vec<MessageJson> = messages.iter().map(MessageJson::new).collect();
        return ctx.ui.json(&items);
    }
    if ctx.ui.is_quiet() {
        for message in &messages {
            ctx.ui.line(message.id.to_string())?;
        }
        return Ok(());
    }
    if backlog > 0 {
        ctx.ui.note(format!(
            "{}{backlog} event{} in the outbox not routed yet: `desk notify flush` routes and sends them",
            if backlog >= ROUTE_BATCH { "at least " } else { "" },
            if backlog == 1 { "" } else { "s" }
        ));
    }
    if messages.is_empty() {
        ctx.ui.note("No messages.");
        return Ok(());
    }
    let rows = messages
        .iter()
        .map(|m| {
            let when = match m.state {
                DeliveryState::Pending => m.next_attempt_at,
                DeliveryState::Dead => m.last_attempt_at,
                DeliveryState::Delivered => m.delivered_at,
            };
            vec![
                StyledCell::plain(m.id.to_string()),
                StyledCell::colored(state_label(m), state_color(m.state)),
                StyledCell::plain(&m.ticket_key),
                StyledCell::plain(&m.on),
                StyledCell::plain(recipient_label(m)),
                StyledCell::plain(&m.sink),
                StyledCell::plain(m.attempts.to_string()),
                StyledCell::plain(when.map(output::time).unwrap_or_default()),
                StyledCell::plain(m.last_error.as_deref().unwrap_or_default()),
            ]
        })
        .collect();
    ctx.ui.table(
        &[
            "ID", "STATE", "TICKET", "ON", "TO", "SINK", "TRIES", "WHEN", "ERROR",
        ],
        rows,
    )
}

/// A waiting message that has failed before: another attempt is due, unlike a dead letter.
pub fn is_retrying(message: &Message) -> bool {
    message.state == DeliveryState::Pending && message.attempts > 0
}

/// The STATE column: `retrying` (failed, will be tried again) apart from `pending` (not
/// tried yet) and `dead` (given up: only `desk notify retry` sends it again).
fn state_label(message: &Message) -> &'static str {
    if is_retrying(message) {
        "retrying"
    } else {
        message.state.as_str()
    }
}

fn state_color(state: DeliveryState) -> Color {
    match state {
        DeliveryState::Pending => Color::Yellow,
        DeliveryState::Delivered => Color::Green,
        DeliveryState::Dead => Color::Red,
    }
}
