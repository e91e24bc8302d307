//! `desk ticket link A B --kind K` and `desk ticket unlink A B`: how tickets hang together.
//! A parent cannot close while a child is open, nor a ticket while one blocking it is.

use clap::builder::PossibleValuesParser;
use clap::Args;

use crate::cli::context::{parse_ticket_ref, Context};
use crate::cli::error::CommandError;
use crate::cli::output::TicketJson;
use crate::domain::lifecycle::Actor;
use crate::domain::links::{self, LinkKind};
use crate::domain::{Ticket, TicketRef};
use crate::store::Store;

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  desk ticket link INC-41 INC-42  INC-41 relates to INC-42
  desk ticket link INC-40 INC-42 --kind blocks
                                  INC-42 cannot close while INC-40 is open
  desk ticket link 41 43 --kind parent
                                  41 is 43's parent: it waits for 43 to close")]
pub struct LinkArgs {
    /// The ticket the link reads from: "A <kind> B"
    #[arg(value_parser = parse_ticket_ref, value_name = "A")]
    pub from: TicketRef,
    /// The other ticket
    #[arg(value_parser = parse_ticket_ref, value_name = "B")]
    pub to: TicketRef,
    /// relates, blocks (A must close before B), blocked-by, parent (A is B's parent), child
    #[arg(long, default_value = "relates", value_parser = PossibleValuesParser::new(LinkKind::NAMES))]
    pub kind: String,
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  desk ticket unlink INC-41 INC-42  remove their link, whatever its kind
  desk ticket unlink 42 41          the same: the order does not matter")]
pub struct UnlinkArgs {
    /// One ticket of the link
    #[arg(value_parser = parse_ticket_ref, value_name = "A")]
    pub from: TicketRef,
    /// The other
    #[arg(value_parser = parse_ticket_ref, value_name = "B")]
    pub to: TicketRef,
}

pub fn link(ctx: &Context, args: &LinkArgs) -> Result<(), CommandError> {
    let kind: LinkKind = args.kind.parse()?;
    run(ctx, &args.from, &args.to, Some(kind))
}

pub fn unlink(ctx: &Context, args: &UnlinkArgs) -> Result<(), CommandError> {
    run(ctx, &args.from, &args.to, None)
}

fn run(ctx: &Context, a: &TicketRef, b: &TicketRef, kind: Option<LinkKind>) -> Result<(), CommandError> {
    let store = ctx.open_store()?;
    let (record_a, location_a) = ctx.find_ticket(&store, a)?;
    let (record_b, location_b) = ctx.find_ticket(&store, b)?;
    let mut txn = store.txn();
    let agent = txn.agent(ctx.user())?;
    let actor = Actor {
        name: ctx.user(),
        agent: agent.as_ref(),
    };
    let ((next_a, event_a), (next_b, event_b)) = match kind {
        Some(kind) => {
            let chain_a = parent_chain(&store, &record_a.ticket)?;
            let chain_b = parent_chain(&store, &record_b.ticket)?;
            links::link(
                &record_a.ticket,
                &record_b.ticket,
                kind,
                &chain_a,
                &chain_b,
                actor,
                ctx.now,
            )?
        }
        None => links::unlink(&record_a.ticket, &record_b.ticket, actor, ctx.now)?,
    };
    super::save(&store, &mut txn, &record_a, location_a, &next_a, &[event_a])?;
    super::save(&store, &mut txn, &record_b, location_b, &next_b, &[event_b])?;
    txn.commit()?;
    ctx.after_write(&store);
    drop(store);
    if ctx.ui.is_json() {
        return ctx
            .ui
            .json(&[TicketJson::new(&next_a, false), TicketJson::new(&next_b, false)]);
    }
    if ctx.ui.is_quiet() {
        return ctx.ui.line(next_a.id.to_string());
    }
    match kind {
        Some(kind) => ctx.ui.line(format!(
            "{} {} {}",
            next_a.display_id(),
            kind.phrase(),
            next_b.display_id()
        )),
        None => ctx.ui.line(format!(
            "{} and {} are no longer linked",
            next_a.display_id(),
            next_b.display_id()
        )),
    }
}

/// The ancestors of `ticket`: its parent, the parent's parent, and so on (a corrupt loop
/// stops at the first repeat).
fn parent_chain(store: &Store, ticket: &Ticket) -> Result<Vec<u64>, CommandError> {
    let mut chain = Vec::new();
    let mut current = ticket.clone();
    while let Some(parent) = current
        .links
        .iter()
        .find(|l| l.kind == LinkKind::Child)
        .map(|l| l.id)
    {
        if chain.contains(&parent) || parent == ticket.id {
            break;
        }
        chain.push(parent);
        match store.find_ticket(parent)? {
            Some((record, _)) => current = record.ticket,
            None => break,
        }
    }
    Ok(chain)
}

/// The tickets `ticket` links to that may hold its closing (its children, what blocks it),
/// as stored now.
pub fn holding_tickets(store: &Store, ticket: &Ticket) -> Result<Vec<Ticket>, CommandError> {
    let mut linked = Vec::new();
    for link in ticket.links.iter().filter(|l| l.kind.holds_closing()) {
        if let Some((record, _)) = store.find_ticket(link.id)? {
            linked.push(record.ticket);
        }
    }
    Ok(linked)
}
