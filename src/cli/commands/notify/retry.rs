//! `desk notify retry`: give dead letters another round (or send a waiting message at the
//! next flush instead of after its backoff).

use clap::Args;

use super::{recipient_label, require_agent, MessageJson};
use crate::cli::context::Context;
use crate::cli::error::CommandError;
use crate::domain::notify::{DeliveryState, Message};

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  desk notify retry 5 7    messages 5 and 7 go again at the next flush
  desk notify retry --all  every dead letter")]
pub struct RetryArgs {
    /// Message ids (from `desk notify list`)
    #[arg(value_name = "ID", required_unless_present = "all", conflicts_with = "all")]
    pub ids: Vec<u64>,
    /// Every dead letter
    #[arg(long)]
    pub all: bool,
}

pub fn run(ctx: &Context, args: &RetryArgs) -> Result<(), CommandError> {
    let store = ctx.open_store()?;
    let mut txn = store.txn();
    require_agent(ctx, &txn)?;
    let mut chosen: Vec<Message> = Vec::new();
    if args.all {
        chosen = txn.messages_in(DeliveryState::Dead)?;
    } else {
        for &id in &args.ids {
            let message = txn.message(id)?.ok_or_else(|| {
                CommandError::not_found(format!("message {id} not found"))
                    .with_hint("list messages with `desk notify list --all`")
            })?;
            if message.state == DeliveryState::Delivered {
                return Err(CommandError::conflict(format!(
                    "message {id} was delivered at {}; there is nothing to retry",
                    message
                        .delivered_at
                        .map(crate::cli::output::time)
                        .unwrap_or_default()
                )));
            }
            chosen.push(message);
        }
    }
    for message in &mut chosen {
        message.retry(ctx.now)?;
        txn.put_message(message)?;
    }
    txn.commit()?;
    drop(store);
    if ctx.ui.is_json() {
        let items: Vec<MessageJson> = chosen.iter().map(MessageJson::new).collect();
        return ctx.ui.json(&items);
    }
    if ctx.ui.is_quiet() {
        for message in &chosen {
            ctx.ui.line(message.id.to_string())?;
        }
        return Ok(());
    }
    for message in &chosen {
        ctx.ui.line(format!(
            "{:>4}  {}  {} → {} via {}: due now",
            message.id,
            message.ticket_key,
            message.on,
            recipient_label(message),
            message.sink
        ))?;
    }
    ctx.ui.note(match chosen.len() {
        0 => "No dead letters to retry.".to_string(),
        n => format!(
            "{n} message{} will be sent by the next `desk notify flush`.",
            if n == 1 { "" } else { "s" }
        ),
    });
    Ok(())
}
