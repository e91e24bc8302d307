//! `desk ticket split ID --event SEQ [--title T]`: a reply (or a note, or an occurrence)
//! that raises a second problem becomes a ticket of its own, linked to the original.

use clap::Args;

use crate::cli::context::{parse_ticket_ref, Context};
use crate::cli::error::CommandError;
use crate::cli::output::TicketJson;
use crate::domain::lifecycle::{self, Actor};
use crate::domain::links::{Link, LinkKind};
use crate::domain::merge;
use crate::domain::TicketRef;

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  desk ticket split INC-42 --event 7
                        event 7 (seq in `ticket log --json`) as a new ticket
  desk ticket split INC-42 --event 7 --title \"Printer on floor 3 offline\"
                        with its own title")]
pub struct SplitArgs {
    /// Ticket id: 42 or INC-42
    #[arg(value_parser = parse_ticket_ref, value_name = "ID")]
    pub id: TicketRef,
    /// The event whose text becomes the new ticket (its number in `desk ticket log`)
    #[arg(long, value_name = "SEQ")]
    pub event: u32,
    /// The new ticket's title [default: the text's first line]
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
}

pub fn run(ctx: &Context, args: &SplitArgs) -> Result<(), CommandError> {
    let config = ctx.config()?;
    let store = ctx.open_store()?;
    let (record, location) = ctx.find_ticket(&store, &args.id)?;
    let mut txn = store.txn();
    let agent = txn.agent(ctx.user())?;
    let actor = Actor {
        name: ctx.user(),
        agent: agent.as_ref(),
    };
    // Checked before an id is taken, so a refused split leaves the counter alone.
    merge::split(
        &record.ticket,
        &record.events,
        args.event,
        args.title.as_deref(),
        0,
        actor,
        ctx.now,
    )?;
    let new_id = txn.allocate_ticket_id()?;
    let split = merge::split(
        &record.ticket,
        &record.events,
        args.event,
        args.title.as_deref(),
        new_id,
        actor,
        ctx.now,
    )?;
    let (mut created, mut created_event) = lifecycle::create(new_id, split.new_ticket, ctx.user(), ctx.now);
    created_event.related = Some(record.ticket.id);
    created.department = record.ticket.department.clone();
    created.tags = record.ticket.tags.clone();
    created.links.push(Link {
        kind: LinkKind::Relates,
        id: record.ticket.id,
        key: record.ticket.display_id(),
    });
    let mut original = split.original;
    original.links.push(Link {
        kind: LinkKind::Relates,
        id: created.id,
        key: created.display_id(),
    });
    crate::cli::sla::refresh(
        &config,
        &mut created,
        std::slice::from_ref(&created_event),
        ctx.now,
    );
    super::save(
        &store,
        &mut txn,
        &record,
        location,
        &original,
        &[split.original_event],
    )?;
    txn.put_ticket(&created)?;
    txn.append_event(created.id, &created_event);
    txn.commit()?;
    ctx.after_write(&store);
    drop(store);
    if ctx.ui.is_json() {
        return ctx.ui.json(&TicketJson::new(&created, false));
    }
    if ctx.ui.is_quiet() {
        return ctx.ui.line(created.id.to_string());
    }
    ctx.ui.line(format!(
        "{} split from {} (event {}): {}",
        created.display_id(),
        original.display_id(),
        args.event,
        created.title
    ))
}
