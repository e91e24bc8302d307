//! `desk ticket …`: filing, reading and moving tickets.

pub mod list;
pub mod moves;
pub mod new;
pub mod priority;
pub mod search;
pub mod show;

use clap::Subcommand;

use crate::cli::context::Context;
use crate::cli::error::CommandError;

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
    }
}
