//! `desk sla check`: for cron. Finds open tickets at risk of missing an SLA milestone or
//! past it, records each warning and breach once (as events), runs the policy's escalation
//! on a breach, and prints what stands. Reads only the SLA index and the tickets it names.

use chrono::{DateTime, Utc};
use clap::{Args, Subcommand};
use comfy_table::Color;
use serde::Serialize;

use crate::cli::context::Context;
use crate::cli::error::{CommandError, ExitKind};
use crate::cli::output;
use crate::cli::output::counted;
use crate::cli::ui::StyledCell;
use crate::domain::lifecycle;
use crate::domain::sla::{self, Milestone, MilestoneStatus, State};
use crate::domain::ticket::SlaClock;
use crate::domain::{Event, EventKind, Status, Ticket};

/// The actor of the events `sla check` records.
pub const SLA_ACTOR: &str = "desk-sla";

#[derive(Debug, Subcommand)]
pub enum SlaCommand {
    /// Warn on tickets at risk, record and escalate breaches, and list both (for cron)
    Check(CheckArgs),
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  desk sla check                 warn, record breaches and escalate (from cron)
  desk sla check --dry-run       what stands and would fire; records nothing
  desk sla check --exit-code -q  exit 1 when a milestone is breached
  desk sla check --recompute     after changing policies or calendars")]
pub struct CheckArgs {
    /// Exit 1 when any milestone is breached (for monitoring)
    #[arg(long)]
    pub exit_code: bool,
    /// Show what stands and what would fire, without recording anything
    #[arg(long)]
    pub dry_run: bool,
    /// First recompute every open ticket's deadlines: after changing policies or calendars
    /// in config.toml, or for tickets filed before the policy existed
    #[arg(long, conflicts_with = "dry_run")]
    pub recompute: bool,
}

#[derive(Serialize)]
struct CheckJson<'a> {
    checked_at: DateTime<Utc>,
    at_risk: usize,
    breached: usize,
    items: Vec<ItemJson<'a>>,
}

#[derive(Serialize)]
struct ItemJson<'a> {
    id: u64,
    key: String,
    title: &'a str,
    priority: &'static str,
    assignee: Option<&'a str>,
    policy: &'a str,
    milestone: &'static str,
    /// `at_risk` or `breached`.
    state: &'static str,
    due: Option<DateTime<Utc>>,
    /// Negative when overdue.
    seconds_left: Option<i64>,
    /// What this run recorded: `warning`, `breach`, and the escalation's event kinds.
    fired: Vec<&'static str>,
}

/// What the report shows of a ticket (a whole ticket per item would copy bodies and fields).
#[derive(Clone)]
struct Summary {
    id: u64,
    key: String,
    title: String,
    priority: crate::domain::Priority,
    assignee: Option<String>,
}

impl Summary {
    fn of(ticket: &Ticket) -> Summary {
        Summary {
            id: ticket.id,
            key: ticket.display_id(),
            title: ticket.title.clone(),
            priority: ticket.priority,
            assignee: ticket.assignee.clone(),
        }
    }
}

/// One at-risk or breached milestone of one ticket, after this run.
struct Item {
    ticket: Summary,
    policy: String,
    milestone: MilestoneStatus,
    fired: Vec<&'static str>,
}

pub fn run(ctx: &Context, command: &SlaCommand) -> Result<(), CommandError> {
    match command {
        SlaCommand::Check(args) => check(ctx, args),
    }
}

fn check(ctx: &Context, args: &CheckArgs) -> Result<(), CommandError> {
    let config = ctx.config()?;
    let store = ctx.open_store()?;
    let mut txn = store.txn();
    // It lists every open ticket at risk: staff only (cron runs it as an agent account).
    if !ctx.viewer(&txn)?.is_staff() {
        return Err(CommandError::denied(format!(
            "permission denied: only agents run the SLA check, and `{}` is not an agent",
            ctx.user()
        ))
        .with_hint("run it from the crontab of an agent's OS account, e.g. the home's admin"));
    }
    if args.recompute {
        let recomputed = recompute(&mut txn, &config, ctx.now)?;
        ctx.ui.note(format!(
            "updated the SLA deadlines of {}",
            counted(recomputed, "open ticket")
        ));
    }
    let mut items = Vec::new();
    // Loaded the first time an escalation hands a ticket to `assign auto`.
    let mut catalog = None;
    for (id, entry) in txn.sla_attention_due(ctx.now)? {
        // Most runs find only what earlier runs recorded: list those from the index entry,
        // without reading the ticket or its history.
        if let Some(entry) =
            entry.filter(|e| !args.recompute && !e.clocks.iter().any(|c| c.needs_recording(ctx.now)))
        {
            let policy = config
                .sla
                .policy_named(entry.sla_policy.as_deref())
                .map(|p| p.name.clone());
            let summary = Summary {
                id,
                key: entry.key,
                title: entry.title,
                priority: entry.priority,
                assignee: entry.assignee,
            };
            for clock in entry.clocks.iter().filter(|c| ctx.now >= c.warn_at) {
                if let Some(milestone) = recorded_milestone(clock, ctx.now) {
                    items.push(Item {
                        ticket: summary.clone(),
                        policy: policy.clone().unwrap_or_default(),
                        milestone,
                        fired: Vec::new(),
                    });
                }
            }
            continue;
        }
        let Some(mut ticket) = txn.ticket(id)? else {
            continue;
        };
        let Some(policy) = config.sla.policy_for(&ticket).cloned() else {
            continue;
        };
        let mut events = txn.events(id)?;
        let status = sla::evaluate(&ticket, &events, &policy, config.sla.clock_of(&policy), ctx.now);
        let mut recorded: Vec<Event> = Vec::new();
        let mut fired_per_milestone = Vec::new();
        for milestone in status
            .milestones
            .iter()
            .filter(|m| matches!(m.state, State::AtRisk | State::Breached))
        {
            let mut fired = Vec::new();
            if !milestone.warned {
                // A breach found by a late check still gets its warning first, so the
                // history reads in order and notification rules see both.
                recorded.push(lifecycle::record(
                    &mut ticket,
                    sla_event(EventKind::SlaWarning, milestone, ctx.now),
                ));
                fired.push("warning");
            }
            if milestone.state == State::Breached && !milestone.breach_recorded {
                recorded.push(lifecycle::record(
                    &mut ticket,
                    sla_event(EventKind::SlaBreached, milestone, ctx.now),
                ));
                fired.push("breach");
                for event in sla::escalate(&mut ticket, milestone.milestone, &policy, SLA_ACTOR, ctx.now) {
                    fired.push(event.kind.as_str());
                    recorded.push(event);
                }
            }
            fired_per_milestone.push((milestone.clone(), fired));
        }
        let breached_now = recorded.iter().any(|e| e.kind == EventKind::SlaBreached);
        let reassigns = breached_now && policy.escalation.reassign && ticket.status == Status::Unclaimed;
        if args.dry_run && reassigns {
            if let Some((_, fired)) = fired_per_milestone
                .iter_mut()
                .rev()
                .find(|(_, f)| f.contains(&"breach"))
            {
                fired.push("reassign");
            }
        }
        if !recorded.is_empty() && !args.dry_run {
            events.extend(recorded.iter().cloned());
            crate::cli::sla::refresh(&config, &mut ticket, &events, ctx.now);
            txn.put_ticket(&ticket)?;
            for event in &recorded {
                txn.append_event(id, event);
            }
            if reassigns {
                ticket = reassign(
                    ctx,
                    &mut txn,
                    &config,
                    &mut catalog,
                    ticket,
                    &mut fired_per_milestone,
                )?;
            }
        }
        for (milestone, fired) in fired_per_milestone {
            items.push(Item {
                ticket: Summary::of(&ticket),
                policy: policy.name.clone(),
                milestone,
                fired,
            });
        }
    }
    if !args.dry_run {
        txn.commit()?;
        ctx.after_write(&store);
    }
    drop(store);
    let breached = items
        .iter()
        .filter(|i| i.milestone.state == State::Breached)
        .count();
    report(ctx, &items, args.dry_run)?;
    if args.exit_code && breached > 0 {
        // Exit 1 is what monitoring checks look for; the table above says what it is.
        return Err(CommandError::new(
            ExitKind::Failure,
            format!("{} breached", counted(breached, "SLA milestone")),
        ));
    }
    Ok(())
}

/// A clock whose warning (and breach) are already recorded, as a milestone status.
fn recorded_milestone(clock: &SlaClock, now: DateTime<Utc>) -> Option<MilestoneStatus> {
    Some(MilestoneStatus {
        milestone: Milestone::parse(&clock.milestone)?,
        // The target and time used are not kept on the ticket; nothing shown here needs them.
        target: std::time::Duration::ZERO,
        used: std::time::Duration::ZERO,
        state: if now >= clock.due {
            State::Breached
        } else {
            State::AtRisk
        },
        due: Some(clock.due),
        warn_at: Some(clock.warn_at),
        reached_at: None,
        warned: clock.warned,
        breach_recorded: clock.breached,
    })
}

/// Escalation by reassignment: route an unclaimed, breached ticket through `assign auto`
/// in this transaction, and say what happened in the breached milestone's `fired` list.
fn reassign(
    ctx: &Context,
    txn: &mut crate::store::Txn<'_>,
    config: &crate::domain::config::Config,
    catalog: &mut Option<crate::cli::home::Catalog>,
    ticket: Ticket,
    fired_per_milestone: &mut [(MilestoneStatus, Vec<&'static str>)],
) -> Result<Ticket, CommandError> {
    if catalog.is_none() {
        *catalog = Some(ctx.catalog()?);
    }
    let template = catalog.as_ref().and_then(|c| c.get(&ticket.ticket_type));
    let (ticket, routed) =
        crate::cli::commands::assign::auto::route_one(ctx, txn, &config.routing, template, ticket)?;
    let outcome = if routed.agent.is_some() {
        "assigned"
    } else {
        "not reassigned"
    };
    if let Some((_, fired)) = fired_per_milestone
        .iter_mut()
        .rev()
        .find(|(_, f)| f.contains(&"breach"))
    {
        fired.push(outcome);
    }
    Ok(ticket)
}

/// Bring every open ticket's SLA fields (and so the index) in line with the config.
fn recompute(
    txn: &mut crate::store::Txn<'_>,
    config: &crate::domain::config::Config,
    now: DateTime<Utc>,
) -> Result<usize, CommandError> {
    let open = txn.query_tickets(&crate::store::TicketQuery {
        statuses: vec![Status::Unclaimed, Status::Pending, Status::Awaiting],
        ..Default::default()
    })?;
    let mut changed = 0;
    for mut ticket in open {
        let before = (
            ticket.sla_attention_at,
            ticket.sla_due_at,
            ticket.sla_clocks.clone(),
        );
        let events = txn.events(ticket.id)?;
        crate::cli::sla::refresh(config, &mut ticket, &events, now);
        if (
            ticket.sla_attention_at,
            ticket.sla_due_at,
            ticket.sla_clocks.clone(),
        ) != before
        {
            txn.put_ticket(&ticket)?;
            changed += 1;
        }
    }
    Ok(changed)
}

fn sla_event(kind: EventKind, milestone: &MilestoneStatus, now: DateTime<Utc>) -> Event {
    let mut event = Event::new(kind, SLA_ACTOR, now);
    event.milestone = Some(milestone.milestone.as_str().to_string());
    event.message = milestone.due.map(|due| {
        let left = due - now;
        if left < chrono::Duration::zero() {
            format!(
                "{} due {}, {} overdue",
                milestone.milestone,
                output::time(due),
                span(-left)
            )
        } else {
            format!(
                "{} due {}, {} left",
                milestone.milestone,
                output::time(due),
                span(left)
            )
        }
    });
    event
}

/// `2h 5m`, `3d 4h`, `45s`: a compact span for tables.
pub fn span(duration: chrono::Duration) -> String {
    let seconds = duration.num_seconds().abs();
    let (d, h, m) = (seconds / 86_400, seconds % 86_400 / 3600, seconds % 3600 / 60);
    match (d, h, m) {
        (0, 0, 0) => format!("{seconds}s"),
        (0, 0, m) => format!("{m}m"),
        (0, h, 0) => format!("{h}h"),
        (0, h, m) => format!("{h}h {m}m"),
        (d, 0, _) => format!("{d}d"),
        (d, h, _) => format!("{d}d {h}h"),
    }
}

/// "2h 5m left" or "35m overdue".
pub fn time_left(milestone: &MilestoneStatus, now: DateTime<Utc>) -> String {
    match milestone.time_left(now) {
        Some(left) if left < chrono::Duration::zero() => format!("{} overdue", span(-left)),
        Some(left) => format!("{} left", span(left)),
        None => "-".to_string(),
    }
}

fn report(ctx: &Context, items: &[Item], dry_run: bool) -> Result<(), CommandError> {
    let breached = items
        .iter()
        .filter(|i| i.milestone.state == State::Breached)
        .count();
    if ctx.ui.is_json() {
        return ctx.ui.json(&CheckJson {
            checked_at: ctx.now,
            at_risk: items.len() - breached,
            breached,
            items: items
                .iter()
                .map(|item| ItemJson {
                    id: item.ticket.id,
                    key: item.ticket.key.clone(),
                    title: &item.ticket.title,
                    priority: item.ticket.priority.as_str(),
                    assignee: item.ticket.assignee.as_deref(),
                    policy: &item.policy,
                    milestone: item.milestone.milestone.as_str(),
                    state: item.milestone.state.as_str(),
                    due: item.milestone.due,
                    seconds_left: item.milestone.time_left(ctx.now).map(|d| d.num_seconds()),
                    fired: item.fired.clone(),
                })
                .collect(),
        });
    }
    if ctx.ui.is_quiet() {
        let mut ids: Vec<u64> = items.iter().map(|i| i.ticket.id).collect();
        ids.dedup();
        for id in ids {
            ctx.ui.line(id.to_string())?;
        }
        return Ok(());
    }
    if items.is_empty() {
        return ctx.ui.line("No ticket is at risk of missing its SLA.");
    }
    let rows = items
        .iter()
        .map(|item| {
            let (state, color) = match item.milestone.state {
                State::Breached => ("breached", Color::Red),
                _ => ("at risk", Color::Yellow),
            };
            let fired = if item.fired.is_empty() {
                "-".to_string()
            } else if dry_run {
                format!("would record {}", item.fired.join(", "))
            } else {
                item.fired.join(", ")
            };
            vec![
                StyledCell::plain(&item.ticket.key),
                StyledCell::plain(item.ticket.priority.as_str()),
                StyledCell::plain(item.milestone.milestone.to_string()),
                StyledCell::colored(state, color),
                StyledCell::plain(item.milestone.due.map(output::time).unwrap_or_default()),
                StyledCell::plain(time_left(&item.milestone, ctx.now)),
                StyledCell::plain(item.ticket.assignee.as_deref().unwrap_or("-")),
                StyledCell::plain(fired),
                StyledCell::plain(&item.ticket.title),
            ]
        })
        .collect();
    ctx.ui.table(
        &[
            "TICKET",
            "PRIORITY",
            "MILESTONE",
            "STATE",
            "DUE",
            "LEFT",
            "ASSIGNEE",
            "RECORDED",
            "TITLE",
        ],
        rows,
    )?;
    ctx.ui
        .note(format!("{} at risk, {breached} breached", items.len() - breached));
    Ok(())
}
