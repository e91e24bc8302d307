//! `desk ticket show` and `desk ticket log`: one ticket, wherever it lives.

use chrono::{DateTime, Utc};
use clap::Args;
use comfy_table::Color;
use serde::Serialize;

use crate::cli::context::{parse_ticket_ref, Context};
use crate::cli::error::CommandError;
use crate::cli::output::{self, EventJson, TicketJson};
use crate::cli::ui::{StyledCell, Ui};
use crate::domain::attachments::human_size;
use crate::domain::identity::actor_label;
use crate::domain::sla::{SlaStatus, State};
use crate::domain::ticket::Attachment;
use crate::domain::{Event, EventKind, Status, TicketRef};
use crate::store::cold::ArchivedTicket;
use crate::store::Location;

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Ticket id: 42 or INC-42
    #[arg(value_parser = parse_ticket_ref, value_name = "ID")]
    pub id: TicketRef,
}

#[derive(Serialize)]
struct ShowJson<'a> {
    #[serde(flatten)]
    ticket: TicketJson<'a>,
    occurrences: u32,
    /// Files that came with the ticket, its replies and notes (a requester sees none of
    /// the notes' files).
    attachments: Vec<AttachmentJson<'a>>,
    /// Where the ticket stands against its SLA policy; null when no policy applies.
    sla: Option<SlaJson>,
    events: Vec<EventJson<'a>>,
}

#[derive(Serialize)]
struct AttachmentJson<'a> {
    name: &'a str,
    size: u64,
    content_type: &'a str,
    /// The file's name under `attachments/<id>/` in the desk home; null when it was over
    /// the size limit (e-mail) and only listed.
    stored_as: Option<&'a str>,
    /// Where the file is: the full path, or null when it was not kept.
    path: Option<String>,
    /// The `seq` of the event it came with (null: from before that was recorded).
    event: Option<u32>,
}

impl<'a> AttachmentJson<'a> {
    fn new(file: &'a Attachment, dir: &std::path::Path) -> Self {
        AttachmentJson {
            name: &file.name,
            size: file.size,
            content_type: &file.content_type,
            stored_as: file.stored_as.as_deref(),
            path: file
                .stored_as
                .as_ref()
                .map(|name| dir.join(name).display().to_string()),
            event: file.event,
        }
    }
}

#[derive(Serialize)]
struct SlaJson {
    policy: String,
    milestones: Vec<MilestoneJson>,
}

#[derive(Serialize)]
struct MilestoneJson {
    milestone: &'static str,
    /// `running`, `at_risk`, `breached`, `paused`, `met` or `missed`.
    state: &'static str,
    target_seconds: u64,
    used_seconds: u64,
    due: Option<DateTime<Utc>>,
    warn_at: Option<DateTime<Utc>>,
    reached_at: Option<DateTime<Utc>>,
    /// Negative when overdue; null unless the clock runs.
    seconds_left: Option<i64>,
}

impl SlaJson {
    fn new(status: &SlaStatus, now: DateTime<Utc>) -> Self {
        SlaJson {
            policy: status.policy.clone(),
            milestones: status
                .milestones
                .iter()
                .map(|m| MilestoneJson {
                    milestone: m.milestone.as_str(),
                    state: m.state.as_str(),
                    target_seconds: m.target.as_secs(),
                    used_seconds: m.used.as_secs(),
                    due: m.due,
                    warn_at: m.warn_at,
                    reached_at: m.reached_at,
                    seconds_left: m.time_left(now).map(|d| d.num_seconds()),
                })
                .collect(),
        }
    }
}

fn span(duration: std::time::Duration) -> String {
    crate::cli::commands::sla::span(chrono::Duration::from_std(duration).unwrap_or_default())
}

/// The ticket, if the acting user may see it, with its history as they may read it.
fn load(ctx: &Context, id: &TicketRef) -> Result<(ArchivedTicket, Location), CommandError> {
    let store = ctx.open_store()?;
    let viewer = ctx.viewer(&store.txn())?;
    let (mut record, location) = ctx.find_ticket(&store, id)?;
    // Files another host of a team store took in are brought to this home to be opened.
    crate::cli::attachments::bring_here(&ctx.home, &store.txn(), &record.ticket)?;
    if !viewer.is_staff() {
        // Files first: which may be seen depends on events the requester does not see.
        record.ticket.attachments = viewer
            .visible_attachments(&record.ticket.attachments, &record.events)
            .into_iter()
            .cloned()
            .collect();
        record.events = viewer
            .visible_events(&record.events)
            .into_iter()
            .map(|event| event.into_owned())
            .collect();
    }
    Ok((record, location))
}

fn show_json<'a>(
    ctx: &Context,
    record: &'a ArchivedTicket,
    location: Location,
    sla: Option<&SlaStatus>,
) -> ShowJson<'a> {
    let ticket = &record.ticket;
    ShowJson {
        ticket: TicketJson::new(ticket, location == Location::Cold),
        occurrences: ticket.occurrences,
        attachments: ticket
            .attachments
            .iter()
            .map(|file| AttachmentJson::new(file, &ctx.home.attachments_dir(ticket.id)))
            .collect(),
        sla: sla.map(|status| SlaJson::new(status, ctx.now)),
        events: record.events.iter().map(EventJson::new).collect(),
    }
}

pub fn run_show(ctx: &Context, args: &ShowArgs) -> Result<(), CommandError> {
    let (record, location) = load(ctx, &args.id)?;
    let ticket = &record.ticket;
    let archived = location == Location::Cold;
    let sla = crate::cli::sla::status(&ctx.config()?, ticket, &record.events, ctx.now);
    if ctx.ui.is_json() {
        return ctx.ui.json(&show_json(ctx, &record, location, sla.as_ref()));
    }
    if ctx.ui.is_quiet() {
        return ctx.ui.line(ticket.id.to_string());
    }
    ctx.page();
    let ui = &ctx.ui;
    ui.line(format!(
        "{}  {}",
        ui.paint(&ticket.display_id(), Color::Cyan),
        ticket.title
    ))?;
    let status = format!("{} ({})", ticket.status, ticket.status.chinese());
    let mut facts = vec![
        ("status", ui.paint(&status, status_color(ticket.status))),
        (
            "type",
            format!("{} ({} workflow)", ticket.ticket_type, ticket.workflow),
        ),
        ("priority", ticket.priority.to_string()),
        ("requester", ticket.requester.clone()),
        ("assignee", ticket.assignee.clone().unwrap_or_else(|| "-".into())),
        (
            "created",
            format!(
                "{} ({} ago)",
                output::time(ticket.created_at),
                output::age(ticket.created_at, ctx.now)
            ),
        ),
        ("updated", output::time(ticket.updated_at)),
    ];
    if let Some(closed) = ticket.closed_at {
        facts.push(("closed", output::time(closed)));
    }
    if let Some(rating) = ticket.rating {
        facts.push(("rating", format!("{rating}/5")));
    }
    if let Some(channel) = &ticket.channel {
        facts.push(("filed via", channel.clone()));
    }
    if let Some(policy) = &ticket.sla_policy {
        facts.push(("sla policy", policy.clone()));
    }
    if let Some(department) = &ticket.department {
        facts.push(("department", department.clone()));
    }
    if let Some(into) = ticket.merged_into {
        facts.push(("merged into", format!("#{into} (`desk ticket show {into}`)")));
    }
    if !ticket.watchers.is_empty() {
        facts.push(("watchers", ticket.watchers.join(", ")));
    }
    if let Some(key) = &ticket.dedup_key {
        let occurrences = match ticket.occurrences {
            1 => "1 occurrence".to_string(),
            n => format!("{n} occurrences"),
        };
        facts.push(("dedup key", format!("{key} ({occurrences})")));
    }
    if archived {
        facts.push(("archived", "yes (cold store; any move brings it back)".into()));
    }
    for (name, value) in ticket.fields.iter().map(|(k, v)| (k.as_str(), field_text(v))) {
        facts.push((name, value));
    }
    let width = facts
        .iter()
        .map(|(name, _)| name.chars().count())
        .max()
        .unwrap_or(0);
    for (name, value) in facts {
        ui.line(format!("  {name:<width$}  {value}"))?;
    }
    if !ticket.body.trim().is_empty() {
        ui.line("")?;
        for line in ticket.body.trim_end().lines() {
            ui.line(format!("  {line}"))?;
        }
    }
    if let Some(status) = sla.as_ref().filter(|s| !s.milestones.is_empty()) {
        ui.line("")?;
        ui.line(format!("SLA (policy {}):", status.policy))?;
        for m in &status.milestones {
            let (state, color) = match m.state {
                State::Running => ("running", Color::Reset),
                State::AtRisk => ("at risk", Color::Yellow),
                State::Breached => ("breached", Color::Red),
                State::Paused => ("paused", Color::Reset),
                State::Met => ("met", Color::Green),
                State::Missed => ("missed", Color::Red),
            };
            let detail = match (m.due, m.reached_at) {
                (Some(due), _) => format!(
                    "due {} ({})",
                    output::time(due),
                    crate::cli::commands::sla::time_left(m, ctx.now)
                ),
                (None, Some(at)) => format!(
                    "at {} after {} of {}",
                    output::time(at),
                    span(m.used),
                    span(m.target)
                ),
                (None, None) => format!(
                    "waiting on the requester; {} of {} used",
                    span(m.used),
                    span(m.target)
                ),
            };
            let state = ui.paint(&format!("{state:<9}"), color);
            ui.line(format!("  {:<15} {state} {detail}", m.milestone.to_string()))?;
        }
    }
    if !ticket.tags.is_empty() {
        ui.line(format!("Tags: {}", ticket.tags.join(", ")))?;
    }
    if !ticket.links.is_empty() {
        ui.line("")?;
        ui.line("Links:")?;
        for link in &ticket.links {
            ui.line(format!(
                "  {} {} {}",
                ticket.display_id(),
                link.kind.phrase(),
                link.key
            ))?;
        }
    }
    if !ticket.attachments.is_empty() {
        ui.line("")?;
        ui.line("Attachments:")?;
        let dir = ctx.home.attachments_dir(ticket.id);
        for file in &ticket.attachments {
            let kept = match &file.stored_as {
                Some(name) => dir.join(name).display().to_string(),
                None => "not stored: over the size limit".to_string(),
            };
            let with = file
                .event
                .and_then(|seq| record.events.iter().find(|e| e.seq == seq))
                .map(|event| format!("  {}", came_with(event)))
                .unwrap_or_default();
            ui.line(format!(
                "  {}  {}  {}{with}  ({kept})",
                file.name,
                file.content_type,
                human_size(file.size)
            ))?;
        }
    }
    ui.line("")?;
    ui.line("History:")?;
    print_events(ui, &record.events, &ticket.attachments)
}

/// What an attachment came with, for the list in `ticket show`.
fn came_with(event: &Event) -> String {
    match event.kind {
        EventKind::Created => "with the ticket".to_string(),
        EventKind::Replied => format!("with the reply of {}", output::time(event.at)),
        EventKind::Commented => format!("with the internal note of {}", output::time(event.at)),
        EventKind::Occurred => format!("with the occurrence of {}", output::time(event.at)),
        other => format!("with {other} at {}", output::time(event.at)),
    }
}

pub fn run_log(ctx: &Context, args: &ShowArgs) -> Result<(), CommandError> {
    let (record, _) = load(ctx, &args.id)?;
    if ctx.ui.is_json() {
        let events: Vec<EventJson> = record.events.iter().map(EventJson::new).collect();
        return ctx.ui.json(&events);
    }
    if ctx.ui.is_quiet() {
        for event in &record.events {
            ctx.ui.line(event.seq.to_string())?;
        }
        return Ok(());
    }
    ctx.page();
    print_events(&ctx.ui, &record.events, &record.ticket.attachments)
}

/// The history as a table; an event's files are named after what it changed.
fn print_events(ui: &Ui, events: &[Event], attachments: &[Attachment]) -> Result<(), CommandError> {
    let rows = events
        .iter()
        .map(|event| {
            let mut detail = describe(event);
            let files: Vec<&str> = attachments
                .iter()
                .filter(|file| file.event == Some(event.seq))
                .map(|file| file.name.as_str())
                .collect();
            if !files.is_empty() {
                if !detail.is_empty() {
                    detail.push_str("  ");
                }
                detail.push_str(&format!("[attached: {}]", files.join(", ")));
            }
            vec![
                StyledCell::plain(output::time(event.at)),
                StyledCell::colored(event.kind.as_str(), kind_color(event.kind)),
                StyledCell::plain(match &event.token {
                    Some(token) => format!(
                        "{} (token {token})",
                        actor_label(&event.actor, event.real_actor.as_deref())
                    ),
                    None => actor_label(&event.actor, event.real_actor.as_deref()),
                }),
                StyledCell::plain(detail),
            ]
        })
        .collect();
    ui.table(&["TIME", "EVENT", "ACTOR", "DETAIL"], rows)
}

/// One line saying what the event changed.
pub fn describe(event: &Event) -> String {
    let mut parts = Vec::new();
    if let (Some(from), Some(to)) = (event.from_status, event.to_status) {
        parts.push(format!("{from} → {to}"));
    } else if let Some(to) = event.to_status {
        parts.push(to.to_string());
    }
    match (&event.previous_assignee, &event.assignee) {
        (Some(previous), Some(assignee)) => parts.push(format!("{previous} → {assignee}")),
        (None, Some(assignee)) => parts.push(format!("→ {assignee}")),
        (Some(previous), None) => parts.push(format!("{previous} → queue")),
        (None, None) => {}
    }
    if let Some(priority) = event.priority {
        parts.push(format!("priority {priority}"));
    }
    if let Some(score) = event.score {
        parts.push(format!("{score}/5"));
    }
    if let Some(watcher) = &event.watcher {
        parts.push(watcher.clone());
    }
    match (event.kind, event.link, event.related) {
        (_, Some(link), Some(other)) => parts.push(format!("{} #{other}", link.phrase())),
        (EventKind::Merged, _, Some(other)) => parts.push(format!(
            "#{other} merged in ({} of its events)",
            event.merged.len()
        )),
        (EventKind::Split, _, Some(other)) => parts.push(format!(
            "event {} became #{other}",
            event.split_event.unwrap_or_default()
        )),
        (EventKind::Created, _, Some(other)) => parts.push(format!("split from #{other}")),
        _ => {}
    }
    if let Some(message) = &event.message {
        parts.push(format!("“{}”", message.replace('\n', " ")));
    }
    if let Some(reason) = &event.reason {
        parts.push(format!("({reason})"));
    }
    parts.join("  ")
}

fn field_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

pub fn status_color(status: Status) -> Color {
    match status {
        Status::Unclaimed => Color::Yellow,
        Status::Pending => Color::Blue,
        Status::Awaiting => Color::Magenta,
        Status::Closed => Color::Green,
    }
}

fn kind_color(kind: EventKind) -> Color {
    match kind {
        EventKind::Created => Color::Cyan,
        EventKind::Closed | EventKind::Confirmed => Color::Green,
        EventKind::Reopened => Color::Yellow,
        EventKind::Occurred => Color::Red,
        _ => Color::Reset,
    }
}
