//! Which commands a client may run through `desk serve`, and the token scope each needs.
//!
//! What runs over the API is the day-to-day work on tickets and the figures. What changes
//! the desk itself (its settings, types, people, tokens, the store's files) runs on the
//! desk's host, by its admins, under their own accounts: a leaked token must not be able
//! to mint tokens, publish settings or restore a backup.

use crate::cli::commands::ticket::TicketCommand;
use crate::cli::commands::{agent::AgentCommand, assign::AssignCommand, kb::KbCommand};
use crate::cli::commands::{requester::RequesterCommand, Command};
use crate::cli::error::CommandError;
use crate::domain::token::Scope;

/// The scope `command` needs over the API, or why it is not run there.
pub fn scope_of(command: &Command) -> Result<Scope, CommandError> {
    let scope = match command {
        Command::Ticket(ticket) => match ticket {
            TicketCommand::New(_) => Scope::TicketNew,
            TicketCommand::Search(args) if args.reindex => return Err(local_only("ticket search --reindex")),
            TicketCommand::Show(_)
            | TicketCommand::Log(_)
            | TicketCommand::List(_)
            | TicketCommand::Search(_) => Scope::TicketRead,
            _ => Scope::TicketWrite,
        },
        Command::Kb(kb) => match kb {
            KbCommand::Show(_) | KbCommand::List(_) | KbCommand::Search(_) => Scope::TicketRead,
            KbCommand::Add(_) | KbCommand::Edit(_) => Scope::TicketWrite,
        },
        Command::Assign(assign) => match assign {
            AssignCommand::Explain(_) => Scope::TicketRead,
            AssignCommand::Auto(_) | AssignCommand::Rebalance(_) => Scope::TicketWrite,
        },
        Command::Agent(agent) => match agent {
            AgentCommand::List | AgentCommand::Show(_) => Scope::ReportRead,
            // Going on and off shift from wherever one works.
            AgentCommand::Status(_) => Scope::TicketWrite,
            AgentCommand::Add(_) | AgentCommand::Set(_) => return Err(local_only("agent add/set")),
        },
        Command::Requester(requester) => match requester {
            RequesterCommand::List | RequesterCommand::Show(_) => Scope::ReportRead,
            _ => return Err(local_only("requester add/set")),
        },
        Command::Report(_) => Scope::ReportRead,
        other => return Err(local_only(command_name(other))),
    };
    Ok(scope)
}

/// Whether a token limited to one ticket type may run `command`: only what files or
/// finds tickets one by one, each checked against the type ([`Context::require_token_type`]).
///
/// [`Context::require_token_type`]: crate::cli::context::Context::require_token_type
pub fn typed_token_may_run(command: &Command) -> bool {
    matches!(command, Command::Ticket(ticket) if !matches!(ticket, TicketCommand::List(_) | TicketCommand::Search(_)))
}

fn local_only(what: &str) -> CommandError {
    CommandError::denied(format!(
        "permission denied: `desk {what}` is not run through desk serve; it runs on the desk's host"
    ))
    .with_hint("run it there, or unset DESK_URL to use a local desk home")
}

fn command_name(command: &Command) -> &'static str {
    match command {
        Command::Init(_) => "init",
        Command::Template(_) => "template",
        Command::Config(_) => "config",
        Command::Token(_) => "token",
        Command::Serve(_) => "serve",
        Command::Ingest(_) => "ingest",
        Command::Sla(_) => "sla",
        Command::Notify(_) => "notify",
        Command::Archive(_) => "archive",
        Command::Doctor(_) => "doctor",
        Command::Migrate(_) => "migrate",
        Command::Export(_) => "export",
        Command::Import(_) => "import",
        Command::Backup(_) => "backup",
        Command::Restore(_) => "restore",
        Command::Audit(_) => "audit",
        Command::Completions(_) => "completions",
        Command::Ticket(_)
        | Command::Kb(_)
        | Command::Assign(_)
        | Command::Agent(_)
        | Command::Requester(_)
        | Command::Report(_) => "this command",
    }
}
