//! `desk ingest email`: one RFC 5322 message, from a mail server's delivery agent or a
//! `.eml` file, becomes a ticket or a requester's reply on one.
//!
//! Threading, in order: the message answers a mail already filed (`In-Reply-To`, then
//! `References`, looked up in the message-id index), or its subject carries a `[CS-42]`
//! tag. A reply to an open ticket is the requester's reply; a reply to a closed ticket
//! opens a follow-up ticket, as help desks do. A message delivered twice (same
//! `Message-ID`) is filed once.

use std::io::Read;

use clap::{Args, Subcommand};
use serde::Serialize;

use crate::cli::context::Context;
use crate::cli::error::CommandError;
use crate::cli::intake::{self, Raw};
use crate::cli::output::counted;
use crate::cli::output::TicketJson;
use crate::domain::email::IncomingEmail;
use crate::domain::lifecycle::{self, Action, Actor};
use crate::domain::{Status, Ticket};
use crate::store::{Location, Store};

#[derive(Debug, Subcommand)]
pub enum IngestCommand {
    /// File an e-mail (RFC 5322) as a ticket, or as a reply on the ticket it answers
    #[command(after_help = EMAIL_EXAMPLES, after_long_help = format!("{EMAIL_EXAMPLES}\n\n{EMAIL_HELP}"))]
    Email(EmailArgs),
}

const EMAIL_EXAMPLES: &str = "Examples:
  desk ingest email message.eml       a ticket, or a reply to the one it answers
  desk ingest email -t incident < alert.eml
                                      new tickets are incidents
  desk --home /srv/desk ingest email  what a mail server's alias runs";

const EMAIL_HELP: &str = "\
The sender's address (lowercased) is the requester; `desk requester add ADDRESS --tier T`
gives them a tier. New tickets use the type in config.toml's [email] template. A message
answering a filed mail (In-Reply-To/References) or with a [PREFIX-42] tag in its subject is
a reply from the requester; on a closed ticket it opens a follow-up ticket instead.

Mail server delivery (e.g. Postfix aliases):  help: \"|desk --home /srv/desk ingest email\"";

#[derive(Debug, Args)]
pub struct EmailArgs {
    /// The message file (e.g. a .eml); `-` reads standard input
    #[arg(value_name = "FILE", default_value = "-")]
    pub file: String,
    /// Type for new tickets [default: `[email] template` in config.toml]
    #[arg(long = "type", short = 't', value_name = "TYPE")]
    pub ticket_type: Option<String>,
}

#[derive(Serialize)]
struct IngestJson<'a> {
    /// `created`, `replied` or `already-ingested`.
    action: &'static str,
    #[serde(flatten)]
    ticket: TicketJson<'a>,
    /// The ticket this one follows up, when the mail answered a closed ticket.
    #[serde(skip_serializing_if = "Option::is_none")]
    follow_up_to: Option<String>,
}

enum Filed {
    Created {
        ticket: Ticket,
        follow_up_to: Option<String>,
    },
    Replied {
        ticket: Ticket,
        from: Status,
    },
    AlreadyIngested(Ticket),
}

pub fn run(ctx: &Context, command: &IngestCommand) -> Result<(), CommandError> {
    match command {
        IngestCommand::Email(args) => email(ctx, args),
    }
}

fn email(ctx: &Context, args: &EmailArgs) -> Result<(), CommandError> {
    ctx.home.require()?;
    let raw = read_message(&args.file)?;
    let mail = IncomingEmail::parse(&raw)?;
    let config = ctx.config()?;
    let catalog = ctx.catalog()?;
    let type_name = args
        .ticket_type
        .clone()
        .unwrap_or_else(|| config.email.template.clone());
    // Checked before the store is opened, so a misconfigured type fails fast and writes nothing.
    let template = intake::find_template(&catalog, &type_name)
        .map_err(|e| e.with_hint("set the type for e-mail with `template` under [email] in config.toml"))?;

    let store = ctx.open_store()?;
    let filed = match thread_of(&store, &mail)? {
        Some((ticket, _)) if is_duplicate(&mail, &store, &ticket)? => Filed::AlreadyIngested(ticket),
        Some((ticket, how)) if ticket.status != Status::Closed => {
            reply(ctx, &store, &config, &mail, ticket, how)?
        }
        earlier => {
            let follows_up = earlier.as_ref().map(|(t, _)| t.id);
            let follow_up_to = earlier.map(|(t, _)| t.display_id());
            let mut body = mail.body.clone();
            if let Some(id) = &follow_up_to {
                body = format!("Follow-up to {id} (closed).\n\n{body}");
            }
            let mut prepared = intake::prepare(
                &catalog,
                Raw {
                    ticket_type: template.name.clone(),
                    title: mail.title(),
                    body,
                    fields: Vec::new(),
                    priority: None,
                    requester: Some(mail.sender.clone()),
                    actor: Some(mail.sender.clone()),
                    dedup_key: None,
                    over_limit: false,
                    channel: "email".to_string(),
                    attachments: mail.attachments.clone(),
                },
            )
            .map_err(|e| e.with_hint(format!("e-mail supplies no fields: give `{}` defaults for its required fields, or pick another type under [email]", template.name)))?;
            // The sender cannot be asked to send smaller files: over a limit, a file is listed.
            prepared.keep_limits = Some(config.mail_attachment_limits());
            prepared.message_id = mail.message_id.clone();
            prepared.follows_up = follows_up;
            let outcome = intake::file(ctx, &store, &config, prepared)?;
            Filed::Created {
                ticket: outcome.ticket,
                follow_up_to,
            }
        }
    };
    ctx.after_write(&store);
    drop(store);
    report(ctx, &mail, filed)
}

/// How a mail was matched to its ticket, for messages that name the match.
#[derive(Clone, Copy)]
enum Match {
    Header,
    Tag,
}

/// The ticket this mail belongs to, if any: by the ids it answers, else by subject tag.
/// A closed ticket that mail already followed up leads to its follow-up.
fn thread_of(store: &Store, mail: &IncomingEmail) -> Result<Option<(Ticket, Match)>, CommandError> {
    let txn = store.txn();
    let mut found = None;
    for message_id in mail.message_id.iter().chain(&mail.replied_to) {
        if let Some(id) = txn.ticket_by_message_id(message_id)? {
            if let Some((record, _)) = store.find_ticket(id)? {
                found = Some((record.ticket, Match::Header));
                break;
            }
        }
    }
    if found.is_none() {
        if let Some(reference) = mail.subject_tag() {
            if let Some((record, _)) = store.find_ticket(reference.id)? {
                if reference.matches(&record.ticket) {
                    found = Some((record.ticket, Match::Tag));
                }
            }
        }
    }
    let Some((mut ticket, how)) = found else {
        return Ok(None);
    };
    // The same message delivered again is recognised by its own id, before any hop.
    if mail
        .message_id
        .as_deref()
        .is_some_and(|m| txn.ticket_by_message_id(m).ok().flatten() == Some(ticket.id))
    {
        return Ok(Some((ticket, how)));
    }
    while ticket.status == Status::Closed {
        let Some(next) = txn.follow_up_of(ticket.id)? else {
            break;
        };
        let Some((record, _)) = store.find_ticket(next)? else {
            break;
        };
        ticket = record.ticket;
    }
    Ok(Some((ticket, how)))
}

/// A mail server that retries delivery hands us the same message again.
fn is_duplicate(mail: &IncomingEmail, store: &Store, ticket: &Ticket) -> Result<bool, CommandError> {
    match &mail.message_id {
        Some(message_id) => Ok(store.txn().ticket_by_message_id(message_id)? == Some(ticket.id)),
        None => Ok(false),
    }
}

fn reply(
    ctx: &Context,
    store: &Store,
    config: &crate::domain::config::Config,
    mail: &IncomingEmail,
    current: Ticket,
    how: Match,
) -> Result<Filed, CommandError> {
    if mail.sender != current.requester {
        return Err(CommandError::denied(format!(
            "permission denied: {} answers {}, whose requester is {}; only the requester's mail becomes a reply",
            mail.sender,
            current.display_id(),
            current.requester
        ))
        .with_hint(match how {
            Match::Header => "forward it to the requester, or send it as a new mail (not a reply)",
            Match::Tag => "forward it to the requester, or send it without the ticket tag in the subject",
        }));
    }
    let (record, location) = store
        .find_ticket(current.id)?
        .ok_or_else(|| CommandError::not_found(format!("ticket {} not found", current.display_id())))?;
    let mut txn = store.txn();
    let agent = txn.agent(&mail.sender)?;
    let actor = Actor {
        name: &mail.sender,
        agent: agent.as_ref(),
    };
    let message = match (mail.body.is_empty(), mail.attachments.len()) {
        (false, _) => mail.body.clone(),
        (true, 0) => "(empty reply)".to_string(),
        (true, n) => format!("({}, no text)", counted(n, "attachment")),
    };
    let (mut ticket, mut event) = lifecycle::apply(
        &record.ticket,
        actor,
        Action::Reply { message: &message },
        ctx.now,
    )?;
    event.channel = Some("email".to_string());
    if location == Location::Cold {
        store.restore_into(&mut txn, &record)?;
    }
    let (added, written) = crate::cli::attachments::keep(
        &ctx.home,
        ticket.id,
        ticket.attachments.len(),
        event.seq,
        &mail.attachments,
        &config.mail_attachment_limits(),
    )?;
    crate::cli::attachments::share(&mut txn, ticket.id, &added, &mail.attachments);
    ticket.attachments.extend(added);
    let history: Vec<_> = record.events.iter().cloned().chain([event.clone()]).collect();
    crate::cli::sla::refresh(config, &mut ticket, &history, ctx.now);
    txn.put_ticket(&ticket)?;
    txn.append_event(ticket.id, &event);
    if let Some(message_id) = &mail.message_id {
        txn.link_message_id(message_id, ticket.id);
    }
    txn.commit()?;
    written.keep();
    Ok(Filed::Replied {
        ticket,
        from: record.ticket.status,
    })
}

fn read_message(file: &str) -> Result<Vec<u8>, CommandError> {
    if file == "-" {
        let mut raw = Vec::new();
        crate::cli::retry::mark_unrepeatable();
        std::io::stdin().read_to_end(&mut raw)?;
        return Ok(raw);
    }
    std::fs::read(file).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => CommandError::not_found(format!("no such file: {file}")),
        _ => CommandError::invalid(format!("cannot read {file}: {e}")),
    })
}

fn report(ctx: &Context, mail: &IncomingEmail, filed: Filed) -> Result<(), CommandError> {
    let (action, ticket, follow_up_to) = match &filed {
        Filed::Created { ticket, follow_up_to } => ("created", ticket, follow_up_to.clone()),
        Filed::Replied { ticket, .. } => ("replied", ticket, None),
        Filed::AlreadyIngested(ticket) => ("already-ingested", ticket, None),
    };
    if ctx.ui.is_json() {
        return ctx.ui.json(&IngestJson {
            action,
            ticket: TicketJson::new(ticket, false),
            follow_up_to,
        });
    }
    if ctx.ui.is_quiet() {
        return ctx.ui.line(ticket.id.to_string());
    }
    let attachments = match mail.attachments.len() {
        0 => String::new(),
        1 => " with 1 attachment".to_string(),
        n => format!(" with {n} attachments"),
    };
    ctx.ui.line(match &filed {
        Filed::Created { .. } => {
            let follow = follow_up_to
                .map(|id| format!(" (follow-up to {id})"))
                .unwrap_or_default();
            format!(
                "Created {} ({}) from {}{attachments}{follow}: {}",
                ticket.display_id(),
                ticket.ticket_type,
                mail.sender,
                ticket.title
            )
        }
        Filed::Replied { from, .. } if *from == ticket.status => format!(
            "{} reply from {}{attachments} (still {})",
            ticket.display_id(),
            mail.sender,
            ticket.status
        ),
        Filed::Replied { from, .. } => format!(
            "{} reply from {}{attachments}: {from} → {}",
            ticket.display_id(),
            mail.sender,
            ticket.status
        ),
        Filed::AlreadyIngested(_) => format!(
            "{} already has this message (Message-ID {}); nothing written",
            ticket.display_id(),
            mail.message_id.as_deref().unwrap_or("?")
        ),
    })
}
