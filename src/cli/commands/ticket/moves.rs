//! The lifecycle moves: claim, reply, comment, confirm, close, reopen, transfer, assign,
//! rate. Each loads the ticket (bringing an archived one back into the hot store), asks
//! the domain whether the move is allowed, and commits the new state and its event
//! together, or nothing at all.

use std::path::PathBuf;

use clap::Args;

use crate::cli::attachments::{self, IncomingAttachment};
use crate::cli::context::{parse_ticket_ref, Context};
use crate::cli::error::CommandError;
use crate::cli::output::TicketJson;
use crate::domain::kb::ArticleRef;
use crate::domain::lifecycle::{self, Action, Actor};
use crate::domain::routing::stats_deltas;
use crate::domain::{Agent, Event, Ticket, TicketRef};
use crate::store::Location;

#[derive(Debug, Args)]
pub struct IdArgs {
    /// Ticket id: 42 or INC-42
    #[arg(value_parser = parse_ticket_ref, value_name = "ID")]
    pub id: TicketRef,
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  desk ticket comment INC-42 -m \"Same as last March\"
                        a note for agents; the requester never sees it
  desk ticket comment INC-42 -m \"Heap dump\" --attach heap.hprof
                        with a file only agents see")]
pub struct MessageArgs {
    /// Ticket id: 42 or INC-42
    #[arg(value_parser = parse_ticket_ref, value_name = "ID")]
    pub id: TicketRef,
    /// The message; `-` reads standard input
    #[arg(short, long, value_name = "TEXT")]
    pub message: String,
    /// Attach a file to the note (repeatable; agents see it, requesters do not)
    #[arg(long = "attach", value_name = "FILE")]
    pub attach: Vec<PathBuf>,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("answer").required(true).multiple(true).args(["message", "kb"])))]
#[command(after_help = "Examples:
  desk ticket reply INC-42 -m \"Restarted the gateway; please check\"
                                      as the handler: pending → awaiting
  desk ticket reply INC-42 -m \"Still failing at 10:05\"
                                      as the requester: awaiting → pending
  desk ticket reply INC-42 --kb KB-3  answer with a knowledge-base article
  desk ticket reply INC-42 -m \"Log attached\" --attach gateway.log
                                      with a file")]
pub struct ReplyArgs {
    /// Ticket id: 42 or INC-42
    #[arg(value_parser = parse_ticket_ref, value_name = "ID")]
    pub id: TicketRef,
    /// The message; `-` reads standard input. With --kb: your note, followed by a line naming the article
    #[arg(short, long, value_name = "TEXT")]
    pub message: Option<String>,
    /// Answer with a knowledge-base article (agents): without -m its text is the reply; the use is counted
    #[arg(long, value_name = "ARTICLE", value_parser = crate::cli::commands::kb::parse_article_ref)]
    pub kb: Option<ArticleRef>,
    /// Attach a file to the reply (repeatable). Limits: `[attachments]` in config.toml
    #[arg(long = "attach", value_name = "FILE")]
    pub attach: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct TransferArgs {
    /// Ticket id: 42 or INC-42
    #[arg(value_parser = parse_ticket_ref, value_name = "ID")]
    pub id: TicketRef,
    /// The agent who takes the ticket
    #[arg(long, value_name = "AGENT")]
    pub to: String,
    /// Why: recorded on the event, shown by `ticket log` (`-` reads standard input)
    #[arg(short, long, value_name = "REASON")]
    pub message: Option<String>,
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  desk ticket rate CS-57 --score 5  as the requester of a closed complaint
  desk ticket rate CS-57 --score 2 -m \"Took three days\"
                                    with a comment")]
pub struct RateArgs {
    /// Ticket id: 42 or INC-42
    #[arg(value_parser = parse_ticket_ref, value_name = "ID")]
    pub id: TicketRef,
    /// Satisfaction from 1 (very unhappy) to 5 (very happy)
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=5))]
    pub score: u8,
    /// An optional comment
    #[arg(short, long, value_name = "TEXT")]
    pub message: Option<String>,
}

/// A requested move, owned, before the agents it names are loaded.
enum Move {
    Claim,
    /// The message (with --kb: the handler's note, if any) and the article.
    Reply(Option<String>, Option<ArticleRef>),
    Comment(String),
    Confirm,
    Close,
    Reopen,
    /// The agent, and why.
    Transfer(String, Option<String>),
    Assign(String, Option<String>),
    Rate(u8, Option<String>),
}

pub fn claim(ctx: &Context, args: &IdArgs) -> Result<(), CommandError> {
    apply_move(ctx, &args.id, Move::Claim)
}

pub fn reply(ctx: &Context, args: &ReplyArgs) -> Result<(), CommandError> {
    let message = args
        .message
        .as_deref()
        .map(|m| read_message(&ctx.io, m))
        .transpose()?;
    let files = read_attachments(ctx, &args.attach)?;
    apply_move_with(ctx, &args.id, Move::Reply(message, args.kb), files)
}

pub fn comment(ctx: &Context, args: &MessageArgs) -> Result<(), CommandError> {
    let message = read_message(&ctx.io, &args.message)?;
    let files = read_attachments(ctx, &args.attach)?;
    apply_move_with(ctx, &args.id, Move::Comment(message), files)
}

/// The `--attach` files, read (and refused) before the store is opened.
fn read_attachments(ctx: &Context, paths: &[PathBuf]) -> Result<Vec<IncomingAttachment>, CommandError> {
    if paths.is_empty() {
        return Ok(Vec::new());
    }
    attachments::read_files(&ctx.io, paths, &ctx.config()?.attachments)
}

pub fn confirm(ctx: &Context, args: &IdArgs) -> Result<(), CommandError> {
    apply_move(ctx, &args.id, Move::Confirm)
}

pub fn close(ctx: &Context, args: &IdArgs) -> Result<(), CommandError> {
    apply_move(ctx, &args.id, Move::Close)
}

pub fn reopen(ctx: &Context, args: &IdArgs) -> Result<(), CommandError> {
    apply_move(ctx, &args.id, Move::Reopen)
}

pub fn transfer(ctx: &Context, args: &TransferArgs) -> Result<(), CommandError> {
    let reason = args
        .message
        .as_deref()
        .map(|m| read_message(&ctx.io, m))
        .transpose()?;
    apply_move(ctx, &args.id, Move::Transfer(args.to.clone(), reason))
}

pub fn assign(ctx: &Context, args: &TransferArgs) -> Result<(), CommandError> {
    let reason = args
        .message
        .as_deref()
        .map(|m| read_message(&ctx.io, m))
        .transpose()?;
    apply_move(ctx, &args.id, Move::Assign(args.to.clone(), reason))
}

pub fn rate(ctx: &Context, args: &RateArgs) -> Result<(), CommandError> {
    let message = args
        .message
        .as_deref()
        .map(|m| read_message(&ctx.io, m))
        .transpose()?;
    apply_move(ctx, &args.id, Move::Rate(args.score, message))
}

/// `-` means: read the message from standard input.
fn read_message(io: &crate::cli::io::Io, text: &str) -> Result<String, CommandError> {
    if text == "-" {
        Ok(io.stdin_text()?.trim_end().to_string())
    } else {
        Ok(text.to_string())
    }
}

fn apply_move(ctx: &Context, reference: &TicketRef, requested: Move) -> Result<(), CommandError> {
    apply_move_with(ctx, reference, requested, Vec::new())
}

/// A move, with the files that come with its event (a reply's or a note's).
fn apply_move_with(
    ctx: &Context,
    reference: &TicketRef,
    requested: Move,
    files: Vec<IncomingAttachment>,
) -> Result<(), CommandError> {
    // Read before the store is opened, so the lock is not held while parsing it.
    let config = ctx.config()?;
    let store = ctx.open_store()?;
    let (record, location) = ctx.find_ticket(&store, reference)?;
    let mut txn = store.txn();
    let acting_agent = txn.agent(ctx.user())?;
    let target: Option<Agent> = match &requested {
        Move::Transfer(name, _) | Move::Assign(name, _) => Some(ctx.agent(&txn, name)?),
        _ => None,
    };
    // A reply with an article sends its text (or the handler's note and a link to it).
    let (article, reply_text) = match &requested {
        Move::Reply(message, Some(reference)) => {
            let article = crate::cli::commands::kb::find_article(&txn, *reference)?;
            if acting_agent.is_none() {
                return Err(CommandError::denied(format!(
                    "permission denied: only agents answer with knowledge-base articles, and `{}` is not an agent",
                    ctx.user()
                )));
            }
            let ticket_type = &record.ticket.ticket_type;
            if !article.answers(ticket_type) {
                let id = article.display_id();
                return Err(CommandError::invalid(format!(
                    "{id} answers {} tickets only, and this ticket is of type {ticket_type}",
                    article.types.join(", ")
                ))
                .with_hint({
                    // `kb edit --type` replaces the linked types: keep the ones it has.
                    let types: Vec<String> = article
                        .types
                        .iter()
                        .chain([ticket_type])
                        .map(|t| format!("--type {t}"))
                        .collect();
                    format!(
                        "link it to this type with `desk kb edit {id} {}` (or --any-type), or pick another article",
                        types.join(" ")
                    )
                }));
            }
            let text = article.reply_message(message.as_deref());
            (Some(article), text)
        }
        Move::Reply(message, None) => (None, message.clone().unwrap_or_default()),
        _ => (None, String::new()),
    };
    let action = match (&requested, target.as_ref()) {
        (Move::Claim, _) => Action::Claim,
        (Move::Reply(..), _) => Action::Reply { message: &reply_text },
        (Move::Comment(message), _) => Action::Comment { message },
        (Move::Confirm, _) => Action::Confirm,
        (Move::Close, _) => Action::Close,
        (Move::Reopen, _) => Action::Reopen,
        (Move::Transfer(..), Some(to)) => Action::Transfer { to },
        (Move::Assign(..), Some(to)) => Action::Assign { to },
        (Move::Rate(score, message), _) => Action::Rate {
            score: *score,
            message: message.as_deref(),
        },
        (Move::Transfer(..) | Move::Assign(..), None) => unreachable!("target agent loaded above"),
    };
    let actor = Actor {
        name: ctx.user(),
        agent: acting_agent.as_ref(),
    };
    let (mut ticket, mut event) = lifecycle::apply(&record.ticket, actor, action, ctx.now)?;
    // A parent waits for its children, a blocked ticket for what blocks it (exit 6).
    if ticket.status == crate::domain::Status::Closed && record.ticket.status.is_open() {
        let holding = super::link::holding_tickets(&store, &record.ticket)?;
        crate::domain::links::check_can_close(&record.ticket, &holding)?;
    }
    if let Move::Transfer(_, Some(reason)) | Move::Assign(_, Some(reason)) = &requested {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(CommandError::invalid("the reason (-m) is empty")
                .with_hint("leave out -m, or say why the ticket moves"));
        }
        event.message = Some(reason.to_string());
    }
    // Written once the move is known to be allowed; removed again if the commit fails.
    let (added, written) = attachments::keep(
        &ctx.home,
        ticket.id,
        ticket.attachments.len(),
        event.seq,
        &files,
        &config.attachments,
    )?;
    attachments::share(&mut txn, ticket.id, &added, &files);
    ticket.attachments.extend(added);
    if let Some(article) = &article {
        // The event names the article, and the article counts the use, in the same commit.
        event.kb = Some(article.id);
        txn.count_article_use(article);
    }
    let history: Vec<Event> = record.events.iter().cloned().chain([event.clone()]).collect();
    crate::cli::sla::refresh(&config, &mut ticket, &history, ctx.now);
    if location == Location::Cold {
        // Any move on an archived ticket brings it back to the hot store first.
        store.restore_into(&mut txn, &record)?;
    }
    txn.put_ticket(&ticket)?;
    txn.append_event(ticket.id, &event);
    // Agents' response, resolution and CSAT counters change in the same commit.
    txn.apply_stats_deltas(&stats_deltas(&record.ticket, &ticket, &event))?;
    txn.commit()?;
    written.keep();
    ctx.after_write(&store);
    drop(store);
    report(ctx, &ticket, &event)
}

fn report(ctx: &Context, ticket: &Ticket, event: &Event) -> Result<(), CommandError> {
    if ctx.ui.is_json() {
        return ctx.ui.json(&TicketJson::new(ticket, false));
    }
    if ctx.ui.is_quiet() {
        return ctx.ui.line(ticket.id.to_string());
    }
    let mut line = format!("{} {} by {}", ticket.display_id(), event.kind, event.actor);
    if let (Some(assignee), true) = (
        &event.assignee,
        event.actor != event.assignee.clone().unwrap_or_default(),
    ) {
        line.push_str(&format!(" → {assignee}"));
    }
    if let (Some(from), Some(to)) = (event.from_status, event.to_status) {
        line.push_str(&format!(": {from} → {to} ({})", to.chinese()));
    }
    if let Some(score) = event.score {
        line.push_str(&format!(": {score}/5"));
    }
    match ticket
        .attachments
        .iter()
        .filter(|f| f.event == Some(event.seq))
        .count()
    {
        0 => {}
        1 => line.push_str(" (1 file attached)"),
        n => line.push_str(&format!(" ({n} files attached)")),
    }
    ctx.ui.line(line)
}
