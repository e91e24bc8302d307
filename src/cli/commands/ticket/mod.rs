//! `desk ticket …`: filing, reading and moving tickets.

pub mod link;
pub mod list;
pub mod merge;
pub mod moves;
pub mod new;
pub mod priority;
pub mod search;
pub mod show;
pub mod split;
pub mod tag;
pub mod watch;

use clap::Subcommand;

use crate::cli::context::Context;
use crate::cli::error::CommandError;
use crate::domain::{Event, Ticket};
use crate::store::cold::ArchivedTicket;
use crate::store::{Location, Store, Txn};

#[derive(Debug, Subcommand)]
pub enum TicketCommand {
    /// File a new ticket from a template
    New(new::NewArgs),
    /// Show a ticket with its fields and history (archived ones too)
    Show(show::ShowArgs),
    /// Show a ticket's history (流转记录)
    Log(show::ShowArgs),
    /// List tickets, in queue order (priority, then age)
    List(list::ListArgs),
    /// Find tickets by words, hot and archived, best match first (full-text, BM25)
    Search(search::SearchArgs),
    /// Take an unclaimed ticket: unclaimed → pending
    Claim(moves::IdArgs),
    /// Reply to the other side: the handler's reply → awaiting; the requester's → pending
    Reply(moves::ReplyArgs),
    /// Add an internal note for agents (no state change)
    Comment(moves::MessageArgs),
    /// Accept the handler's answer, as the requester: awaiting → closed
    Confirm(moves::IdArgs),
    /// Close a ticket (admins; handlers of customer-workflow types after a reply)
    Close(moves::IdArgs),
    /// Reopen a closed ticket, archived ones included: closed → pending
    Reopen(moves::IdArgs),
    /// Hand a ticket to another agent (the handler, leads and admins)
    Transfer(moves::TransferArgs),
    /// Assign a ticket to an agent (leads and admins)
    Assign(moves::TransferArgs),
    /// Rate the service of a closed ticket, as the requester (CSAT 1–5)
    Rate(moves::RateArgs),
    /// Change an open ticket's priority (the handler, leads and admins); SLA targets follow
    Priority(priority::PriorityArgs),
    /// Add or remove tags: `+vpn` (or `vpn`) adds, `-vpn` removes (agents)
    Tag(tag::TagArgs),
    /// Follow a ticket (我关注的): hear what its requester hears
    Watch(watch::WatchArgs),
    /// Stop following a ticket
    Unwatch(watch::WatchArgs),
    /// Link two tickets: A relates to / blocks / is the parent of B (agents)
    Link(link::LinkArgs),
    /// Remove the link between two tickets (agents)
    Unlink(link::UnlinkArgs),
    /// Merge duplicates into one ticket: each SRC closes, pointing at DST (leads, admins, DST's handler)
    Merge(merge::MergeArgs),
    /// Make a reply or note of a ticket into a new ticket, linked to it (its handler, leads, admins)
    Split(split::SplitArgs),
}

pub fn run(ctx: &Context, command: &TicketCommand) -> Result<(), CommandError> {
    match command {
        TicketCommand::New(args) => new::run(ctx, args),
        TicketCommand::Show(args) => show::run_show(ctx, args),
        TicketCommand::Log(args) => show::run_log(ctx, args),
        TicketCommand::List(args) => list::run(ctx, args),
        TicketCommand::Search(args) => search::run(ctx, args),
        TicketCommand::Claim(args) => moves::claim(ctx, args),
        TicketCommand::Reply(args) => moves::reply(ctx, args),
        TicketCommand::Comment(args) => moves::comment(ctx, args),
        TicketCommand::Confirm(args) => moves::confirm(ctx, args),
        TicketCommand::Close(args) => moves::close(ctx, args),
        TicketCommand::Reopen(args) => moves::reopen(ctx, args),
        TicketCommand::Transfer(args) => moves::transfer(ctx, args),
        TicketCommand::Assign(args) => moves::assign(ctx, args),
        TicketCommand::Rate(args) => moves::rate(ctx, args),
        TicketCommand::Priority(args) => priority::run(ctx, args),
        TicketCommand::Tag(args) => tag::run(ctx, args),
        TicketCommand::Watch(args) => watch::watch(ctx, args),
        TicketCommand::Unwatch(args) => watch::unwatch(ctx, args),
        TicketCommand::Link(args) => link::link(ctx, args),
        TicketCommand::Unlink(args) => link::unlink(ctx, args),
        TicketCommand::Merge(args) => merge::run(ctx, args),
        TicketCommand::Split(args) => split::run(ctx, args),
    }
}

/// Write `ticket` and its new `events` in `txn`, bringing an archived ticket back to the
/// hot store first (any change to an archived ticket does).
pub(crate) fn save(
    store: &Store,
    txn: &mut Txn<'_>,
    record: &ArchivedTicket,
    location: Location,
    ticket: &Ticket,
    events: &[Event],
) -> Result<(), CommandError> {
    if location == Location::Cold {
        store.restore_into(txn, record)?;
    }
    txn.put_ticket(ticket)?;
    for event in events {
        txn.append_event(ticket.id, event);
    }
    Ok(())
}
