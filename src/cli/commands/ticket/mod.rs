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
    #[command(after_help = "Examples:
  desk ticket show INC-42     fields, SLA milestones, links and history
  desk ticket show 42 --json  the same ticket (42 is INC-42), for a script")]
    Show(show::ShowArgs),
    /// Show a ticket's history (流转记录)
    #[command(after_help = "Examples:
  desk ticket log INC-42         every move, reply and note, oldest first
  desk ticket log INC-42 --json  events with kind, actor, time and seq")]
    Log(show::ShowArgs),
    /// List tickets, in queue order (priority, then age)
    List(list::ListArgs),
    /// Find tickets by words, hot and archived, best match first (full-text, BM25)
    Search(search::SearchArgs),
    /// Take an unclaimed ticket: unclaimed → pending
    #[command(after_help = "Examples:
  desk ticket claim INC-42     take it: unclaimed → pending, you are the handler
  desk ticket claim 42 --json  the same, printing the claimed ticket as JSON")]
    Claim(moves::IdArgs),
    /// Reply to the other side: the handler's reply → awaiting; the requester's → pending
    Reply(moves::ReplyArgs),
    /// Add an internal note for agents (no state change)
    Comment(moves::MessageArgs),
    /// Accept the handler's answer, as the requester: awaiting → closed
    #[command(after_help = "Examples:
  desk ticket confirm INC-42     as the requester: fixed, awaiting → closed
  desk ticket confirm ACC-12 -q  the same, printing only its id")]
    Confirm(moves::IdArgs),
    /// Close a ticket (admins; handlers of customer-workflow types after a reply)
    #[command(after_help = "Examples:
  desk ticket close CS-57   the handler of a customer complaint, after replying
  desk ticket close INC-42  an admin closes any ticket")]
    Close(moves::IdArgs),
    /// Reopen a closed ticket, archived ones included: closed → pending
    #[command(after_help = "Examples:
  desk ticket reopen INC-42  it broke again: closed → pending, same handler
  desk ticket reopen CS-31   an archived ticket comes back to the hot store too")]
    Reopen(moves::IdArgs),
    /// Hand a ticket to another agent (the handler, leads and admins)
    #[command(after_help = "Examples:
  desk ticket transfer INC-42 --to bob  hand your ticket to bob
  desk ticket transfer INC-42 --to bob -m \"bob owns the gateway\"
                                        with a reason, shown by `ticket log`")]
    Transfer(moves::TransferArgs),
    /// Assign a ticket to an agent (leads and admins)
    #[command(after_help = "Examples:
  desk ticket assign INC-42 --to alice  as a lead: give it to alice
  desk ticket assign CS-57 --to bob -m \"speaks German\"
                                        with a reason, shown by `ticket log`")]
    Assign(moves::TransferArgs),
    /// Rate the service of a closed ticket, as the requester (CSAT 1–5)
    Rate(moves::RateArgs),
    /// Change an open ticket's priority (the handler, leads and admins); SLA targets follow
    Priority(priority::PriorityArgs),
    /// Add or remove tags: `+vpn` (or `vpn`) adds, `-vpn` removes (agents)
    Tag(tag::TagArgs),
    /// Follow a ticket (我关注的): hear what its requester hears
    #[command(after_help = "Examples:
  desk ticket watch INC-42  hear what its requester hears
  desk ticket watch INC-42 --user carol
                            copy carol in (agents, or the requester)")]
    Watch(watch::WatchArgs),
    /// Stop following a ticket
    #[command(after_help = "Examples:
  desk ticket unwatch INC-42               stop following it
  desk ticket unwatch INC-42 --user carol  take carol off it")]
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
