//! `desk notify flush`: route the outbox into messages and deliver the ones due.
//!
//! Three short steps, so no other desk command waits on a slow sink:
//!
//! 1. With the store open: route up to [`ROUTE_BATCH`] outbox entries by the rules (each
//!    entry becomes zero or more messages and is removed, in one commit), then claim up to
//!    `--limit` due messages (count the attempt and push their due time past the time the
//!    deliveries may take, so a concurrent flush leaves them alone; a flush that dies
//!    mid-way has them retried after that) and commit.
//! 2. With the store closed: deliver.
//! 3. Reopen the store and record each result: delivered, failed (due again after the
//!    backoff) or dead (after `max_attempts`); prune old delivered records; commit.

use std::collections::BTreeMap;
use std::time::Duration;

use clap::Args;
use serde::Serialize;
use serde_json::json;

use super::{recipient_label, MessageJson};
use crate::cli::context::Context;
use crate::cli::error::CommandError;
use crate::cli::output::{self, EventJson, TicketJson};
use crate::cli::output::{counted, plural};
use crate::cli::retry;
use crate::delivery::{self, Failure};
use crate::domain::notify::{
    address_for, occurrences_at, plan, Contacts, DeliveryState, Message, NotifyConfig, Planned, Recipient,
    SinkKind,
};
use crate::domain::{Event, Role, Ticket};
use crate::store::outbox::Person;
use crate::store::{Location, Store, Txn};

/// Outbox entries routed per flush: routing is cheap (no I/O), but a backlog of millions
/// should not make one cron run take minutes.
pub const ROUTE_BATCH: usize = 2000;

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  desk notify flush                      route new events and send what is due
  desk notify flush --dry-run            what would be sent; sends nothing
  desk --home /srv/desk notify flush -q  the cron job, every minute")]
pub struct FlushArgs {
    /// Show what would be routed and sent; send nothing and change nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Send at most N messages this run [default: `[notify] batch`, 100]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub limit: Option<u32>,
}

/// What routing the outbox did.
#[derive(Default)]
struct Routing {
    /// Outbox entries taken (events).
    events: usize,
    /// Events no rule matched (their entries are simply removed).
    unmatched: usize,
    created: Vec<Message>,
    no_contact: Vec<NoContact>,
}

/// A message a rule asked for that could not be addressed: the person has no contact for
/// the sink (and the sink has no channel to fall back on).
#[derive(Serialize)]
struct NoContact {
    ticket: String,
    on: String,
    sink: String,
    recipient: String,
    role: &'static str,
    /// The `--contact` that would fix it, e.g. `email=ADDRESS`.
    fix: String,
}

pub fn run(ctx: &Context, args: &FlushArgs) -> Result<(), CommandError> {
    let config = ctx.config()?.notify;
    let limit = args.limit.map_or(config.batch, |n| n as usize);

    // 1. Route and claim, with the store open.
    let store = ctx.open_store()?;
    let mut txn = store.txn();
    txn.set_notifications_enabled(config.is_enabled())?;
    let routing = route(&store, &mut txn, &config, ctx)?;
    if args.dry_run {
        // The routed messages are in this uncommitted transaction: show them as due.
        let due = txn.due_messages(ctx.now, limit)?;
        drop(txn);
        drop(store);
        return print_dry_run(ctx, &routing, &due);
    }
    txn.commit()?;
    // From here on the routing is stored, so a conflict (a flush on another host of a team
    // store claiming the same messages) retries only the step it hit, on fresh data.
    let claimed = retry::until_settled(ctx.lock_timeout, || {
        let mut txn = store.txn();
        let mut claimed = txn.due_messages(ctx.now, limit)?;
        let lease = lease(&config, &claimed);
        for message in &mut claimed {
            message.claim(ctx.now, lease, &config.retry);
            txn.put_message(message)?;
        }
        txn.commit()?;
        Ok(claimed)
    })?;
    if claimed.is_empty() {
        // Nothing to send: finish without closing and reopening the store.
        let counts = finish(&store, &config, ctx)?;
        drop(store);
        return print_flush(ctx, &config, &routing, &[], counts);
    }
    drop(store);

    // 2. Deliver, holding nothing.
    let results: Vec<Result<(), Failure>> = claimed
        .iter()
        .map(|message| match config.sink(&message.sink) {
            Some(sink) => delivery::deliver(sink, message, config.timeout),
            None => Err(Failure::new(format!(
                "no sink named `{}` in config.toml any more",
                message.sink
            ))),
        })
        .collect();

    // 3. Record what happened.
    let store = ctx.open_store()?;
    let outcomes = retry::until_settled(ctx.lock_timeout, || {
        let mut txn = store.txn();
        let mut outcomes = Vec::new();
        for (sent, result) in claimed.iter().zip(&results) {
            let Some(mut current) = txn.message(sent.id)? else {
                continue;
            };
            // Someone retried or re-claimed it meanwhile: theirs is the newer truth.
            if current.state != DeliveryState::Pending || current.attempts != sent.attempts {
                continue;
            }
            match result {
                Ok(()) => current.delivered(ctx.now),
                Err(failure) => current.failed(ctx.now, &failure.0, &config.retry),
            }
            txn.put_message(&current)?;
            outcomes.push(current);
        }
        txn.commit()?;
        Ok(outcomes)
    })?;
    let counts = finish(&store, &config, ctx)?;
    drop(store);
    print_flush(ctx, &config, &routing, &outcomes, counts)
}

/// Forget delivered records past their keep, and count what is left for the report.
fn finish(store: &Store, config: &NotifyConfig, ctx: &Context) -> Result<Counts, CommandError> {
    let cutoff = ctx.now - chrono::Duration::from_std(config.keep_delivered).unwrap_or(chrono::Duration::MAX);
    let pruned = retry::until_settled(ctx.lock_timeout, || {
        let mut txn = store.txn();
        let pruned = txn.prune_delivered(cutoff, config.keep_delivered_max)?;
        txn.commit()?;
        Ok(pruned)
    })?;
    let txn = store.txn();
    Ok(Counts {
        waiting: txn.count_messages(DeliveryState::Pending)?,
        backlog: txn.outbox(ROUTE_BATCH)?.len(),
        pruned,
    })
}

/// How long claimed messages are held back from other flushes: every delivery of this
/// batch running into its timeout, plus a minute.
fn lease(config: &NotifyConfig, claimed: &[Message]) -> Duration {
    let worst: Duration = claimed
        .iter()
        .map(|m| {
            config
                .sink(&m.sink)
                .and_then(|s| s.timeout)
                .unwrap_or(config.timeout)
        })
        .sum();
    worst + Duration::from_secs(60)
}

/// Route up to [`ROUTE_BATCH`] outbox entries into messages, in `txn`.
fn route(
    store: &Store,
    txn: &mut Txn<'_>,
    config: &NotifyConfig,
    ctx: &Context,
) -> Result<Routing, CommandError> {
    let mut routing = Routing::default();
    let entries = txn.outbox(ROUTE_BATCH)?;
    if entries.is_empty() {
        return Ok(routing);
    }
    let leads = leads(txn)?;
    let mut by_ticket: BTreeMap<u64, Vec<u32>> = BTreeMap::new();
    for (id, seq) in entries {
        by_ticket.entry(id).or_default().push(seq);
    }
    for (id, seqs) in by_ticket {
        // Hot, or archived since (flush may run long after the event).
        let found: Option<(Ticket, Vec<Event>, bool)> = match txn.ticket(id)? {
            Some(ticket) => Some((ticket, txn.events(id)?, false)),
            None => store
                .find_ticket(id)?
                .map(|(record, location)| (record.ticket, record.events, location == Location::Cold)),
        };
        for seq in seqs {
            txn.remove_outbox_entry(id, seq);
            routing.events += 1;
            let Some((ticket, events, archived)) = &found else {
                routing.unmatched += 1;
                continue;
            };
            let Some(event) = events.iter().find(|e| e.seq == seq) else {
                routing.unmatched += 1;
                continue;
            };
            let planned = plan(config, ticket, event, occurrences_at(events, seq), &leads);
            if planned.is_empty() {
                routing.unmatched += 1;
                continue;
            }
            for planned in planned {
                let (role, name) = match &planned.to {
                    Some((role, name)) => (Some(*role), Some(name.as_str())),
                    None => (None, None),
                };
                let address = match (role, name) {
                    (Some(role), Some(name)) => {
                        address_for(planned.sink, name, &contacts_of(txn, role, name)?)
                    }
                    _ => None,
                };
                if !reachable(&planned, address.as_deref()) {
                    routing.no_contact.push(NoContact {
                        ticket: ticket.display_id(),
                        on: planned.on.clone(),
                        sink: planned.sink.name.clone(),
                        recipient: name.unwrap_or_default().to_string(),
                        role: role.map_or("", Recipient::as_str),
                        fix: format!(
                            "{}=ADDRESS",
                            planned.sink.contact_keys().last().unwrap_or(&"email")
                        ),
                    });
                    continue;
                }
                let message_id = txn.allocate_message_id()?;
                // The requester's side never reads routing's reasons.
                let shown = match role {
                    Some(Recipient::Requester) => crate::domain::access::without_routing(event),
                    _ => std::borrow::Cow::Borrowed(event),
                };
                let payload = json!({
                    "id": message_id,
                    "on": planned.on,
                    "sink": planned.sink.name,
                    "subject": planned.subject,
                    "text": planned.text,
                    "recipient": name.map(|name| json!({
                        "name": name,
                        "role": role.map(Recipient::as_str),
                        "address": address,
                    })),
                    "ticket": TicketJson::new(ticket, *archived),
                    "event": EventJson::new(&shown),
                });
                let message = Message {
                    id: message_id,
                    ticket_id: ticket.id,
                    ticket_key: ticket.display_id(),
                    event_seq: seq,
                    on: planned.on.clone(),
                    rule: planned.rule,
                    sink: planned.sink.name.clone(),
                    recipient: name.map(str::to_string),
                    role: role.map(|r| r.as_str().to_string()),
                    address,
                    subject: planned.subject.clone(),
                    text: planned.text.clone(),
                    payload,
                    state: DeliveryState::Pending,
                    attempts: 0,
                    created_at: ctx.now,
                    next_attempt_at: Some(ctx.now),
                    last_attempt_at: None,
                    delivered_at: None,
                    last_error: None,
                };
                txn.put_message(&message)?;
                routing.created.push(message);
            }
        }
    }
    Ok(routing)
}

/// Whether a planned message can go anywhere: a person needs an address of their own,
/// except through an exec sink (the command decides) or a webhook with a channel URL.
fn reachable(planned: &Planned<'_>, address: Option<&str>) -> bool {
    if planned.to.is_none() || address.is_some() {
        return true;
    }
    match &planned.sink.kind {
        SinkKind::Exec { .. } => true,
        SinkKind::Webhook { url, .. } => url.is_some(),
        SinkKind::Email(_) => false,
    }
}

/// The agents [`Recipient::Leads`] means: the leads, or the admins when there are none.
fn leads(txn: &Txn<'_>) -> Result<Vec<String>, CommandError> {
    let agents = txn.agents()?;
    let with_role = |role: Role| -> Vec<String> {
        agents
            .iter()
            .filter(|a| a.role == role)
            .map(|a| a.name.clone())
            .collect()
    };
    let leads = with_role(Role::Lead);
    Ok(if leads.is_empty() {
        with_role(Role::Admin)
    } else {
        leads
    })
}

/// A person's contacts for their part in the ticket. A requester who is also an agent (an
/// employee filing for themselves) is reached through their agent contacts too.
fn contacts_of(txn: &Txn<'_>, role: Recipient, name: &str) -> Result<Contacts, CommandError> {
    let mut contacts = txn.contacts(Person::Agent, name)?;
    if role == Recipient::Requester {
        contacts.extend(txn.contacts(Person::Requester, name)?);
    }
    Ok(contacts)
}

struct Counts {
    /// Messages still pending after this run (failed ones waiting for their retry included).
    waiting: usize,
    /// Outbox entries left for the next run.
    backlog: usize,
    /// Delivered records forgotten (past `keep_delivered`).
    pruned: usize,
}

#[derive(Serialize)]
struct FlushJson<'a> {
    dry_run: bool,
    /// Outbox entries (events) routed this run.
    events: usize,
    /// Events that matched no rule.
    unmatched: usize,
    /// Messages made from them.
    created: usize,
    /// Messages a rule asked for but nobody could be addressed.
    no_contact: &'a [NoContact],
    /// The messages attempted (or, with --dry-run, due), as they stand afterwards.
    messages: Vec<MessageJson<'a>>,
    delivered: usize,
    failed: usize,
    dead: usize,
    /// Messages still waiting for an attempt.
    pending: usize,
    /// Outbox entries left for the next run.
    backlog: usize,
    pruned: usize,
}

fn print_flush(
    ctx: &Context,
    config: &NotifyConfig,
    routing: &Routing,
    outcomes: &[Message],
    counts: Counts,
) -> Result<(), CommandError> {
    let delivered = outcomes
        .iter()
        .filter(|m| m.state == DeliveryState::Delivered)
        .count();
    let dead = outcomes.iter().filter(|m| m.state == DeliveryState::Dead).count();
    let failed = outcomes.len() - delivered - dead;
    if ctx.ui.is_json() {
        return ctx.ui.json(&FlushJson {
            dry_run: false,
            events: routing.events,
            unmatched: routing.unmatched,
            created: routing.created.len(),
            no_contact: &routing.no_contact,
            messages: outcomes.iter().map(MessageJson::new).collect(),
            delivered,
            failed,
            dead,
            pending: counts.waiting,
            backlog: counts.backlog,
            pruned: counts.pruned,
        });
    }
    warn_no_contact(ctx, &routing.no_contact);
    if ctx.ui.is_quiet() {
        for message in outcomes.iter().filter(|m| m.state == DeliveryState::Delivered) {
            ctx.ui.line(message.id.to_string())?;
        }
        return Ok(());
    }
    for message in outcomes {
        let what = format!(
            "{:>4}  {}  {} → {} via {}",
            message.id,
            message.ticket_key,
            message.on,
            recipient_label(message),
            message.sink
        );
        let error = message.last_error.as_deref().unwrap_or_default();
        let line = match message.state {
            DeliveryState::Delivered => format!("sent    {what}"),
            DeliveryState::Pending => format!(
                "failed  {what}: {error}; attempt {} of {}, next at {}",
                message.attempts,
                config.retry.max_attempts,
                message.next_attempt_at.map(output::time).unwrap_or_default()
            ),
            DeliveryState::Dead => format!(
                "dead    {what}: {error}; gave up after {} (`desk notify retry {}` sends it again)",
                counted(message.attempts, "attempt"),
                message.id
            ),
        };
        ctx.ui.line(line)?;
    }
    let mut summary = format!(
        "{} sent, {} failed, {} dead; {} waiting",
        delivered, failed, dead, counts.waiting
    );
    if routing.events > 0 {
        summary = format!(
            "Routed {} event{} into {} message{} ({} matched no rule). {summary}",
            routing.events,
            plural(routing.events),
            routing.created.len(),
            plural(routing.created.len()),
            routing.unmatched
        );
    }
    if counts.backlog > 0 {
        summary.push_str(&format!(
            "; {} more event{} in the outbox for the next run",
            counts.backlog,
            plural(counts.backlog)
        ));
    }
    if !config.is_enabled() && routing.events > 0 {
        summary.push_str(" (no [[notify.rules]] in config.toml)");
    }
    ctx.ui.note(summary);
    Ok(())
}

fn print_dry_run(ctx: &Context, routing: &Routing, due: &[Message]) -> Result<(), CommandError> {
    if ctx.ui.is_json() {
        return ctx.ui.json(&FlushJson {
            dry_run: true,
            events: routing.events,
            unmatched: routing.unmatched,
            created: routing.created.len(),
            no_contact: &routing.no_contact,
            messages: due.iter().map(MessageJson::new).collect(),
            delivered: 0,
            failed: 0,
            dead: 0,
            pending: due.len(),
            backlog: 0,
            pruned: 0,
        });
    }
    warn_no_contact(ctx, &routing.no_contact);
    if ctx.ui.is_quiet() {
        for message in due {
            ctx.ui.line(message.id.to_string())?;
        }
        return Ok(());
    }
    for message in due {
        ctx.ui.line(format!(
            "would send {:>4}  {}  {} → {} via {}: {}",
            message.id,
            message.ticket_key,
            message.on,
            recipient_label(message),
            message.sink,
            message.subject
        ))?;
    }
    ctx.ui.note(format!(
        "Dry run: {} event{} would make {} message{} ({} matched no rule); {} due. Nothing was sent or changed.",
        routing.events,
        plural(routing.events),
        routing.created.len(),
        plural(routing.created.len()),
        routing.unmatched,
        due.len()
    ));
    Ok(())
}

fn warn_no_contact(ctx: &Context, missing: &[NoContact]) {
    for gap in missing {
        // A requester may also be an agent (staff filing for themselves): their agent
        // contacts count too, so name both commands.
        let fix = if gap.role == "requester" {
            format!(
                "`desk requester set {0} --contact {1}` (or `desk agent set {0} --contact {1}` if they are an agent)",
                gap.recipient, gap.fix
            )
        } else {
            format!("`desk agent set {} --contact {}`", gap.recipient, gap.fix)
        };
        ctx.ui.warn(format!(
            "{} {}: {} ({}) has no contact for sink `{}`, so nothing was sent; add one with {fix}",
            gap.ticket, gap.on, gap.recipient, gap.role, gap.sink
        ));
    }
}
