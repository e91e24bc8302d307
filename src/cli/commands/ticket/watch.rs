//! `desk ticket watch/unwatch ID [--user NAME]`: follow a ticket (我关注的). Watchers
//! hear what its requester hears; a requester who watches may read it as its requester.

use clap::Args;

use crate::cli::context::{parse_ticket_ref, Context};
use crate::cli::error::CommandError;
use crate::cli::output::TicketJson;
use crate::domain::labels::{self, Watcher};
use crate::domain::lifecycle::Actor;
use crate::domain::TicketRef;

#[derive(Debug, Args)]
pub struct WatchArgs {
    /// Ticket id: 42 or INC-42
    #[arg(value_parser = parse_ticket_ref, value_name = "ID")]
    pub id: TicketRef,
    /// Add (or remove) this person instead of yourself: agents, and the ticket's requester
    /// copying in a colleague (抄送)
    #[arg(long, value_name = "NAME")]
    pub user: Option<String>,
}

pub fn watch(ctx: &Context, args: &WatchArgs) -> Result<(), CommandError> {
    run(ctx, args, true)
}

pub fn unwatch(ctx: &Context, args: &WatchArgs) -> Result<(), CommandError> {
    run(ctx, args, false)
}

fn run(ctx: &Context, args: &WatchArgs, watch: bool) -> Result<(), CommandError> {
    let store = ctx.open_store()?;
    let (record, location) = ctx.find_ticket(&store, &args.id)?;
    let mut txn = store.txn();
    let agent = txn.agent(ctx.user())?;
    let actor = Actor {
        name: ctx.user(),
        agent: agent.as_ref(),
    };
    let name = args.user.as_deref().unwrap_or(ctx.user());
    // Anyone stopping to watch is known: they are on the list.
    let known = !watch || name == ctx.user() || txn.agent(name)?.is_some() || txn.requester(name)?.is_some();
    let person = Watcher { name, known };
    let (ticket, event) = labels::set_watch(&record.ticket, actor, person, watch, ctx.now)?;
    if let Some(event) = &event {
        super::save(
            &store,
            &mut txn,
            &record,
            location,
            &ticket,
            std::slice::from_ref(event),
        )?;
        txn.commit()?;
        ctx.after_write(&store);
    }
    drop(store);
    if ctx.ui.is_json() {
        return ctx.ui.json(&TicketJson::new(&ticket, false));
    }
    if ctx.ui.is_quiet() {
        return ctx.ui.line(ticket.id.to_string());
    }
    let id = ticket.display_id();
    let (who, verb) = if name == ctx.user() {
        ("you", "watch")
    } else {
        (name, "watches")
    };
    ctx.ui.line(match (watch, event.is_some()) {
        (true, true) => format!("{who} now {verb} {id}"),
        (true, false) => format!("{who} already {verb} {id}"),
        (false, true) => format!("{who} no longer {verb} {id}"),
        (false, false) => format!("{who} did not watch {id}: nothing to do"),
    })
}
