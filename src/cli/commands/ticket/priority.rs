//! `desk ticket priority ID LEVEL`: a person changes an open ticket's priority. The SLA
//! targets follow the new priority, and its warnings re-arm.

use clap::builder::PossibleValuesParser;
use clap::Args;

use crate::cli::context::{parse_ticket_ref, Context};
use crate::cli::error::CommandError;
use crate::cli::output::TicketJson;
use crate::domain::lifecycle::{self, Actor};
use crate::domain::{Event, Priority, TicketRef};
use crate::store::Location;

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  desk ticket priority INC-42 urgent  raise it; its SLA deadlines move closer
  desk ticket priority CS-57 low      lower it; the deadlines move out")]
pub struct PriorityArgs {
    /// Ticket id: 42 or INC-42
    #[arg(value_parser = parse_ticket_ref, value_name = "ID")]
    pub id: TicketRef,
    /// The new priority
    #[arg(value_parser = PossibleValuesParser::new(["urgent", "high", "normal", "low"]))]
    pub priority: String,
}

pub fn run(ctx: &Context, args: &PriorityArgs) -> Result<(), CommandError> {
    let priority: Priority = args.priority.parse()?;
    let config = ctx.config()?;
    let store = ctx.open_store()?;
    let (record, location) = ctx.find_ticket(&store, &args.id)?;
    let mut txn = store.txn();
    let agent = txn.agent(ctx.user())?;
    let actor = Actor {
        name: ctx.user(),
        agent: agent.as_ref(),
    };
    let (mut ticket, event) = lifecycle::change_priority(&record.ticket, actor, priority, ctx.now)?;
    if location == Location::Cold {
        store.restore_into(&mut txn, &record)?;
    }
    let history: Vec<Event> = record.events.iter().cloned().chain([event.clone()]).collect();
    crate::cli::sla::refresh(&config, &mut ticket, &history, ctx.now);
    txn.put_ticket(&ticket)?;
    txn.append_event(ticket.id, &event);
    txn.commit()?;
    ctx.after_write(&store);
    drop(store);
    if ctx.ui.is_json() {
        return ctx.ui.json(&TicketJson::new(&ticket, false));
    }
    if ctx.ui.is_quiet() {
        return ctx.ui.line(ticket.id.to_string());
    }
    ctx.ui.line(format!(
        "{} priority {} by {}",
        ticket.display_id(),
        event.message.as_deref().unwrap_or_default(),
        ctx.user()
    ))
}
