//! `desk ticket merge SRC... --into DST`: fold duplicates into one ticket. Each source is
//! closed as merged into DST; DST gets the sources' conversation, occurrences, dedup keys,
//! requesters (as watchers) and tags. Recorded, not undone: a merged ticket stays closed.

use clap::Args;

use crate::cli::context::{parse_ticket_ref, Context};
use crate::cli::error::CommandError;
use crate::cli::output::TicketJson;
use crate::domain::lifecycle::Actor;
use crate::domain::merge;
use crate::domain::routing::stats_deltas;
use crate::domain::{Event, TicketRef};

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  desk ticket merge INC-43 --into INC-42  INC-43 closes, pointing at INC-42
  desk ticket merge 43 44 --into 42       two duplicates at once")]
pub struct MergeArgs {
    /// The duplicates: 41 or INC-41 (several allowed)
    #[arg(value_parser = parse_ticket_ref, value_name = "SRC", required = true)]
    pub sources: Vec<TicketRef>,
    /// The ticket they are merged into, which stays open
    #[arg(long, value_parser = parse_ticket_ref, value_name = "DST")]
    pub into: TicketRef,
}

pub fn run(ctx: &Context, args: &MergeArgs) -> Result<(), CommandError> {
    let config = ctx.config()?;
    let store = ctx.open_store()?;
    let (target_record, target_location) = ctx.find_ticket(&store, &args.into)?;
    let mut txn = store.txn();
    let agent = txn.agent(ctx.user())?;
    let actor = Actor {
        name: ctx.user(),
        agent: agent.as_ref(),
    };
    let mut target = target_record.ticket.clone();
    let mut target_events: Vec<Event> = Vec::new();
    let mut merged_ids: Vec<String> = Vec::new();
    for reference in &args.sources {
        let (record, location) = ctx.find_ticket(&store, reference)?;
        if merged_ids.contains(&record.ticket.display_id()) {
            continue;
        }
        let outcome = merge::merge(&record.ticket, &record.events, &target, actor, ctx.now)?;
        let mut source = outcome.source;
        let history: Vec<Event> = (record.events.iter().cloned())
            .chain([outcome.source_event.clone()])
            .collect();
        crate::cli::sla::refresh(&config, &mut source, &history, ctx.now);
        super::save(
            &store,
            &mut txn,
            &record,
            location,
            &source,
            std::slice::from_ref(&outcome.source_event),
        )?;
        // The handler's resolution counters see the duplicate closed, as `doctor` replays it.
        txn.apply_stats_deltas(&stats_deltas(&record.ticket, &source, &outcome.source_event))?;
        target = outcome.target;
        target_events.push(outcome.target_event);
        merged_ids.push(source.display_id());
    }
    super::save(
        &store,
        &mut txn,
        &target_record,
        target_location,
        &target,
        &target_events,
    )?;
    txn.commit()?;
    ctx.after_write(&store);
    drop(store);
    if ctx.ui.is_json() {
        return ctx.ui.json(&TicketJson::new(&target, false));
    }
    if ctx.ui.is_quiet() {
        return ctx.ui.line(target.id.to_string());
    }
    ctx.ui.line(format!(
        "{} merged into {} by {} (closed; its history and dedup keys now lead to {})",
        merged_ids.join(", "),
        target.display_id(),
        ctx.user(),
        target.display_id()
    ))
}
