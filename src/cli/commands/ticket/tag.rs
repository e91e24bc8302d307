//! `desk ticket tag ID +a -b`: agents label tickets; `list --tag` and `report --by tag`
//! read the labels back.

use clap::Args;

use crate::cli::context::{parse_ticket_ref, Context};
use crate::cli::error::CommandError;
use crate::cli::output::TicketJson;
use crate::domain::labels::{self, TagChange};
use crate::domain::lifecycle::Actor;
use crate::domain::TicketRef;

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  desk ticket tag INC-42 +vpn +network  add two tags
  desk ticket tag INC-42 vpn -printer   add vpn, remove printer
  desk ticket tag INC-42 -- -printer    only remove: `--` before a first -tag")]
pub struct TagArgs {
    /// Ticket id: 42 or INC-42
    #[arg(value_parser = parse_ticket_ref, value_name = "ID")]
    pub id: TicketRef,
    /// `+tag` or `tag` adds, `-tag` removes (put `--` before the first `-tag`)
    #[arg(value_name = "CHANGE", required = true, allow_hyphen_values = true)]
    pub changes: Vec<String>,
}

pub fn run(ctx: &Context, args: &TagArgs) -> Result<(), CommandError> {
    let changes: Vec<TagChange> = args
        .changes
        .iter()
        .map(|text| TagChange::parse(text))
        .collect::<Result<_, _>>()?;
    let store = ctx.open_store()?;
    let (record, location) = ctx.find_ticket(&store, &args.id)?;
    let mut txn = store.txn();
    let agent = txn.agent(ctx.user())?;
    let actor = Actor {
        name: ctx.user(),
        agent: agent.as_ref(),
    };
    let (ticket, events) = labels::retag(&record.ticket, actor, &changes, ctx.now)?;
    if !events.is_empty() {
        super::save(&store, &mut txn, &record, location, &ticket, &events)?;
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
    let tags = if ticket.tags.is_empty() {
        "no tags".to_string()
    } else {
        ticket.tags.join(", ")
    };
    if events.is_empty() {
        return ctx.ui.line(format!("{} unchanged: {tags}", ticket.display_id()));
    }
    ctx.ui.line(format!("{} tags: {tags}", ticket.display_id()))
}
