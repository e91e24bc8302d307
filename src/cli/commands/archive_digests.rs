//! `desk archive` on a team store. Closed tickets stay in the database, where every host
//! sees them; what moves is the report's reading of them: tickets closed before the
//! cutoff are sealed into report digests (store/digest.rs), so `desk report` over the
//! whole history reads a thousand digest rows for a million tickets instead of every
//! ticket's records. Run it from cron, as `desk archive` on an embedded home.

use serde::Serialize;

use super::archive::{closed_before, require_role, time, ArchiveArgs, ArchiveCommand};
use crate::cli::context::Context;
use crate::cli::error::CommandError;
use crate::cli::output::counted;
use crate::cli::progress::Progress;
use crate::domain::people::Role;
use crate::store::digest::{SealOutcome, BLOCK_TICKETS};

pub fn run(ctx: &Context, args: &ArchiveArgs) -> Result<(), CommandError> {
    if args.purge_before.is_some() {
        return Err(CommandError::invalid(
            "`desk archive --purge-before` works on the embedded store; a team store's retention is not there yet",
        )
        .with_hint("delete old tickets from a team store with PostgreSQL's tools after `desk export`; docs/postgres.md"));
    }
    match &args.command {
        Some(ArchiveCommand::Status) => status(ctx),
        None => seal(ctx, args),
    }
}

#[derive(Serialize)]
struct SealJson {
    dry_run: bool,
    closed_before: String,
    #[serde(flatten)]
    outcome: SealOutcome,
}

fn seal(ctx: &Context, args: &ArchiveArgs) -> Result<(), CommandError> {
    let config = ctx.config()?;
    let cutoff = closed_before(ctx, args, &config)?;
    let store = ctx.open_store()?;
    if !args.dry_run {
        require_role(ctx, &store, Role::Lead, "archive tickets")?;
    }
    let progress = Progress::items(&ctx.ui, 0, "sealing report digests");
    let outcome = store.seal_digests(cutoff, args.dry_run, |done, total| {
        progress.set_length(total);
        progress.set_position(done);
    })?;
    drop(progress);
    drop(store);
    if ctx.ui.is_json() {
        return ctx.ui.json(&SealJson {
            dry_run: args.dry_run,
            closed_before: time(cutoff),
            outcome,
        });
    }
    if ctx.ui.is_quiet() {
        return ctx.ui.line(outcome.tickets_sealed.to_string());
    }
    let done = format!(
        "{} closed before {} ({} of {BLOCK_TICKETS} ids)",
        counted(outcome.tickets_sealed, "ticket"),
        time(cutoff),
        counted(outcome.blocks_sealed, "block"),
    );
    match args.dry_run {
        true => ctx.ui.line(format!(
            "Dry run: would seal the report digests of {done}. Nothing was written."
        ))?,
        false => ctx.ui.line(format!(
            "Sealed the report digests of {done}; the tickets stay in the database."
        ))?,
    }
    if outcome.blocks_waiting > 0 {
        ctx.ui.note(format!(
            "{} still hold a ticket that is open or closed since; reports read those one by one",
            counted(outcome.blocks_waiting, "block")
        ));
    }
    if outcome.blocks_conflicted > 0 {
        ctx.ui.note(format!(
            "{} changed while being sealed; the next run seals them",
            counted(outcome.blocks_conflicted, "block")
        ));
    }
    Ok(())
}

#[derive(Serialize)]
struct StatusJson {
    store: &'static str,
    /// Closed tickets older than this are sealed by `desk archive`.
    archive_after_seconds: u64,
    tickets: u64,
    tickets_in_digests: u64,
    digest_blocks: u64,
}

fn status(ctx: &Context) -> Result<(), CommandError> {
    let config = ctx.config()?;
    let store = ctx.open_store()?;
    let tickets = store.archive_status(ctx.now)?.hot.tickets;
    let (blocks, sealed) = store.digest_figures()?;
    drop(store);
    if ctx.ui.is_json() {
        return ctx.ui.json(&StatusJson {
            store: "postgres",
            archive_after_seconds: config.archive.after.as_secs(),
            tickets,
            tickets_in_digests: sealed,
            digest_blocks: blocks,
        });
    }
    ctx.ui.line(format!(
        "Team store: {} in the database, {} of them in report digests ({})",
        counted(tickets, "ticket"),
        sealed,
        counted(blocks, "block")
    ))?;
    ctx.ui.note(format!(
        "`desk archive` seals tickets closed over {} ago (archive.after); run it from cron",
        humantime::format_duration(config.archive.after)
    ));
    Ok(())
}
