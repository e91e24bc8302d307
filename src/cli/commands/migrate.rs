//! `desk migrate`: upgrade the store (and a team store's tables) to this desk's schema, or
//! with `--check` say what that would do without doing it.
//!
//! An embedded home upgrades itself at open when the step is quick; a long step, or any
//! step of a team store, waits for an admin to run this (every other command refuses with
//! exit 5 and names it). A store from a newer desk is refused by both (exit 1).

use clap::Args;
use serde::Serialize;

use crate::cli::context::Context;
use crate::cli::error::CommandError;
use crate::store::migrate::{self, Pending};
use crate::store::{Store, Txn, SCHEMA_VERSION};

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  desk migrate --check   what an upgrade would do; exit 5 if one is due
  desk migrate           upgrade the store, after `desk backup FILE` (admins)")]
pub struct MigrateArgs {
    /// Only say which steps are due, changing nothing (anyone): exit 0 when the store is
    /// at this desk's schema, 5 when `desk migrate` has work to do
    #[arg(long)]
    pub check: bool,
}

#[derive(Serialize)]
struct CheckJson<'a> {
    up_to_date: bool,
    /// The store's schema version (null before anything stamped it).
    schema_version: Option<u32>,
    /// The schema version this desk writes.
    current: u32,
    /// The summaries of the steps `desk migrate` would run, in order.
    pending: &'a [&'static str],
}

pub fn run(ctx: &Context, args: &MigrateArgs) -> Result<(), CommandError> {
    ctx.home.require()?;
    let (backend, path) = ctx.open_backend()?;
    // Who asks is read before anything changes.
    let txn = Txn::new(backend.as_ref());
    ctx.set_identity(ctx.authenticate(&txn)?);
    if args.check {
        drop(txn);
        let pending = migrate::pending(backend.as_ref(), &path)?;
        return report_pending(ctx, &pending);
    }
    ctx.require_admin(&txn, "migrate the store")
        .map_err(|e| e.with_hint("`desk migrate --check` only says what is due; anyone may run it"))?;
    drop(txn);
    let (store, ran) = Store::open_migrating(backend, &path, &ctx.home.cold_dir())?;
    drop(store);
    if ctx.ui.is_json() {
        return ctx.ui.json(&serde_json::json!({
            "schema_version": SCHEMA_VERSION,
            "migrations": ran,
        }));
    }
    if ran.is_empty() {
        return ctx.ui.line(format!(
            "The store is at schema {SCHEMA_VERSION}, the current one; nothing to migrate."
        ));
    }
    for summary in &ran {
        ctx.ui.line(format!("migrated: {summary}"))?;
    }
    ctx.ui
        .line(format!("The store is now at schema {SCHEMA_VERSION}."))
}

fn report_pending(ctx: &Context, pending: &Pending) -> Result<(), CommandError> {
    if ctx.ui.is_json() {
        ctx.ui.json(&CheckJson {
            up_to_date: pending.is_empty(),
            schema_version: pending.found,
            current: SCHEMA_VERSION,
            pending: &pending.steps,
        })?;
    } else if pending.is_empty() {
        ctx.ui.line(format!(
            "The store is at schema {SCHEMA_VERSION}, the current one; nothing to migrate."
        ))?;
    } else {
        let found = pending
            .found
            .map_or_else(|| "unstamped".to_string(), |found| format!("schema {found}"));
        ctx.ui.line(format!(
            "The store is at {found}; this desk writes schema {SCHEMA_VERSION}. `desk migrate` would run:"
        ))?;
        for step in &pending.steps {
            ctx.ui.line(format!("  - {step}"))?;
        }
    }
    if pending.is_empty() {
        return Ok(());
    }
    Err(CommandError::invalid(format!(
        "{} migration step{} due",
        pending.steps.len(),
        if pending.steps.len() == 1 { " is" } else { "s are" }
    ))
    .with_hint("back up first (desk backup); then an admin runs `desk migrate`, once for a team store"))
}
