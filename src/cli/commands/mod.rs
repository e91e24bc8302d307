//! One module per subcommand group; each leaf has an args struct (its doc comments are the
//! help) and a `run(ctx, args)` handler.

pub mod agent;
pub mod archive;
pub mod archive_digests;
pub mod assign;
pub mod audit;
pub mod backup;
pub mod completions;
pub mod config;
pub mod doctor;
pub mod export;
pub mod import;
pub mod ingest;
pub mod init;
pub mod kb;
pub mod migrate;
pub mod notify;
pub mod report;
pub mod requester;
pub mod restore;
pub mod serve;
pub mod sla;
pub mod template;
pub mod template_share;
pub mod ticket;
pub mod token;

use clap::Subcommand;

use super::context::Context;
use super::error::CommandError;

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create the desk home: config, templates, store (safe to run again)
    Init(init::InitArgs),
    /// File, list, show and move tickets through their lifecycle
    #[command(subcommand)]
    #[command(after_help = "Examples:
  desk ticket new -t incident --title \"Disk full on db-3\" -f service=db
                            file a ticket from the incident template
  desk ticket list -a me    your open tickets, most urgent first
  desk ticket claim INC-42  take an unclaimed ticket: it becomes pending
  desk ticket reply INC-42 -m \"Rotated the logs; 40% free now\"
                            answer the requester: pending → awaiting
  desk ticket log INC-42    who did what to it, and when")]
    Ticket(ticket::TicketCommand),
    /// List, show and check ticket types (TOML templates)
    #[command(subcommand)]
    #[command(after_help = "Examples:
  desk template list           every ticket type, broken ones reported
  desk template show incident  a type's workflow, SLA and fields
  desk template check          check every template of the home")]
    Template(template::TemplateCommand),
    /// Show the settings in effect; share config.toml with every host of a team store
    #[command(subcommand)]
    #[command(after_help = "Examples:
  desk config show     the settings in effect, and where they come from
  desk config publish  an admin shares config.toml (all but [store])
  desk config pull     the team store's settings into config.toml, to edit")]
    Config(config::ConfigCommand),
    /// Knowledge base (知识库): articles to answer with, searched and suggested
    #[command(subcommand)]
    #[command(after_help = "Examples:
  desk kb add --title \"Reset your VPN token\" --body-file vpn-reset.md
                            write an article
  desk kb search vpn token  find articles, best match first
  desk kb show KB-3         one article, with the replies that sent it")]
    Kb(kb::KbCommand),
    /// Take in tickets from other channels (e-mail)
    #[command(subcommand)]
    #[command(after_help = "Examples:
  desk ingest email message.eml    file a mail as a ticket, or a reply
  desk ingest email < message.eml  the same, from standard input")]
    Ingest(ingest::IngestCommand),
    /// Manage agents: skills, capacity, role and status
    #[command(subcommand)]
    #[command(after_help = "Examples:
  desk agent add bob --skills ops,network:3  bob takes ops and network tickets
  desk agent status bob online               he is at work
  desk agent list                            everyone, with load and status")]
    Agent(agent::AgentCommand),
    /// SLA: warn on tickets at risk, record and escalate breaches (run from cron)
    #[command(subcommand)]
    #[command(after_help = "Examples:
  desk sla check            warn, record breaches and escalate
  desk sla check --dry-run  what stands and would fire; records nothing")]
    Sla(sla::SlaCommand),
    /// Manage requesters and their tiers
    #[command(subcommand)]
    #[command(after_help = "Examples:
  desk requester add carol --tier vip  carol files as a VIP
  desk requester show carol            her tier, rate limits used, and tickets
  desk requester list                  everyone with a record")]
    Requester(requester::RequesterCommand),
    /// Route tickets to agents by skills, load and quality, and explain why
    #[command(subcommand)]
    #[command(after_help = "Examples:
  desk assign auto --dry-run  who would get what; writes nothing
  desk assign auto            assign the unclaimed queue
  desk assign explain INC-42  every candidate's scores for one ticket")]
    Assign(assign::AssignCommand),
    /// Notifications: send what the outbox holds (from cron), list and retry failures
    #[command(subcommand)]
    #[command(after_help = "Examples:
  desk notify flush -q       send what is due (every minute, from cron)
  desk notify list --failed  what is retrying, and the dead letters
  desk notify retry --all    send the dead letters again")]
    Notify(notify::NotifyCommand),
    /// The desk's figures over a period: volumes, backlog, response and resolution times, SLA, CSAT
    Report(report::ReportArgs),
    /// Move old closed tickets to the cold archive now, show its figures, purge past retention
    ///
    /// Moving needs a lead or an admin, purging an admin; `--dry-run` and `status` are for
    /// anyone. On a team store tickets stay in the database and this seals old closed
    /// tickets' report digests instead, so reports over a long history stay fast (run it
    /// from cron).
    Archive(archive::ArchiveArgs),
    /// Check the store's indexes, histories and archive; repair what is derived; migrate
    ///
    /// Exit 0 when healthy, 5 when problems are found. Checking is for anyone; `--repair`
    /// and `--migrate` are for admins.
    Doctor(doctor::DoctorArgs),
    /// Upgrade the store (and a team store's tables) for this desk, or check what is due
    ///
    /// Quick steps of an embedded home run by themselves; long ones, and every step of a
    /// team store, wait for an admin to run this. `--check` is for anyone: exit 0 when up
    /// to date, 5 when steps are due.
    Migrate(migrate::MigrateArgs),
    /// Write tickets with their history, and people, as JSONL or CSV (leads and admins)
    Export(export::ExportArgs),
    /// Read a `desk export` (JSONL) or a spreadsheet (CSV) into this home (admins)
    Import(import::ImportArgs),
    /// Write a consistent, checksummed snapshot of the whole home while desk keeps running (leads and admins)
    Backup(backup::BackupArgs),
    /// Bring a home back from a backup, after checking all of it (admins to replace a home)
    Restore(restore::RestoreArgs),
    /// Who did what as whom: impersonated, privileged and refused commands (admins)
    Audit(audit::AuditArgs),
    /// Serve the desk over HTTP: a JSON API for holders of an API token (`desk token`)
    ///
    /// `POST /api/v1/tickets` files a ticket (scope ticket:new), `GET /api/v1/tickets/ID`
    /// shows one (ticket:read), `GET /api/v1/health` answers without a token. One JSON
    /// access-log line per request goes to stderr.
    Serve(serve::ServeArgs),
    /// API tokens for `desk serve`: make one (its secret shown once), list, revoke (admins)
    #[command(subcommand)]
    #[command(after_help = "Examples:
  desk token create --user ci-bot --scope ticket:new --type ci-failure
                      a CI runner may only file ci-failure tickets
  desk token list     every token and whether it still works
  desk token revoke ci-bot
                      it works no more, from its next request")]
    Token(token::TokenCommand),
    /// Print a shell completion script
    Completions(completions::CompletionsArgs),
}

pub fn run(ctx: &Context, command: &Command) -> Result<(), CommandError> {
    match command {
        Command::Init(args) => init::run(ctx, args),
        Command::Ticket(command) => ticket::run(ctx, command),
        Command::Template(command) => template::run(ctx, command),
        Command::Config(command) => config::run(ctx, command),
        Command::Token(command) => token::run(ctx, command),
        Command::Serve(args) => serve::run(ctx, args),
        Command::Ingest(command) => ingest::run(ctx, command),
        Command::Kb(command) => kb::run(ctx, command),
        Command::Sla(command) => sla::run(ctx, command),
        Command::Agent(command) => agent::run(ctx, command),
        Command::Requester(command) => requester::run(ctx, command),
        Command::Assign(command) => assign::run(ctx, command),
        Command::Notify(command) => notify::run(ctx, command),
        Command::Report(args) => report::run(ctx, args),
        Command::Archive(args) => archive::run(ctx, args),
        Command::Doctor(args) => doctor::run(ctx, args),
        Command::Migrate(args) => migrate::run(ctx, args),
        Command::Export(args) => export::run(ctx, args),
        Command::Import(args) => import::run(ctx, args),
        Command::Backup(args) => backup::run(ctx, args),
        Command::Restore(args) => restore::run(ctx, args),
        Command::Audit(args) => audit::run(ctx, args),
        Command::Completions(args) => completions::run(ctx, args),
    }
}
