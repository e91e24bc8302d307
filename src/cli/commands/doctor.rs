//! `desk doctor`: check the store (every index against the records, every event chain, the
//! archive, the schema version), rebuild what is derived (`--repair`), or run the schema
//! migrations (`--migrate`, the same as `desk migrate`).
//!
//! Exit 0 when healthy; exit 5 when problems remain (after `--repair`: those it could not
//! fix). Checking is for anyone; `--repair` and `--migrate` are for admins. Warnings about
//! the home's config (an inline secret in config.toml) are printed but do not fail it.

use std::fs;

use clap::Args;
use serde::Serialize;

use crate::cli::context::Context;
use crate::cli::error::CommandError;
use crate::cli::output::counted;
use crate::cli::perms::{self, HomeMode};
use crate::cli::progress::Progress;
use crate::delivery;
use crate::domain::notify::Secret;
use crate::store::doctor::{Diagnosis, Problem};
use crate::store::{Store, Txn};

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  desk doctor            check every index, history and the archive
  desk doctor --repair   rebuild what is derived (admins)
  desk doctor --migrate  the same as `desk migrate` (admins)")]
pub struct DoctorArgs {
    /// Rebuild the derived data (indexes, archive locations, leftover files) from the
    /// records, and report what was fixed (admins)
    #[arg(long)]
    pub repair: bool,
    /// Run the schema migrations a newer desk needs: the same as `desk migrate` (admins)
    #[arg(long, conflicts_with = "repair")]
    pub migrate: bool,
}

#[derive(Serialize)]
struct DoctorJson {
    healthy: bool,
    schema_version: Option<u32>,
    tickets_hot: u64,
    tickets_archived: u64,
    frames: u64,
    /// Who may read the home's files: `private` or `group:NAME`.
    access: String,
    /// The home trusts --as / DESK_USER without checks (`init --insecure-test-identities`).
    insecure_test_identities: bool,
    /// Problems still there.
    problems: Vec<Problem>,
    /// Problems `--repair` fixed.
    repaired: Vec<Problem>,
    /// Advice that does not make the home unhealthy (an inline secret in config.toml).
    warnings: Vec<Warning>,
}

#[derive(Serialize)]
struct Warning {
    area: &'static str,
    message: String,
}

/// What to tell about config.toml's secrets: one line per inline secret (naming the key,
/// never the value), per secret a backup left out, and per reference that cannot be read
/// here. A config that does not load is one line too.
fn config_warnings(ctx: &Context) -> Vec<Warning> {
    let warning = |message: String| Warning {
        area: "config",
        message,
    };
    let mut warnings = Vec::new();
    // On a team store with published settings, those are in effect; a host whose own
    // file says otherwise is worth a line (its edits are not used until published).
    let shared = ctx.shared().ok().and_then(|shared| shared.config);
    if let Some(shared) = &shared {
        let local = fs::read_to_string(ctx.home.config_path()).unwrap_or_default();
        if !crate::domain::config::same_shared_settings(shared, &local) {
            warnings.push(warning(
                "config.toml here holds other settings than the team store's, which are the ones in effect; `desk config pull` brings them here, `desk config publish` (an admin) shares these".to_string(),
            ));
        }
    }
    let config = match ctx.config() {
        Ok(config) => config,
        Err(error) => {
            let what = match shared {
                Some(_) => "the team store's settings do not load",
                None => "config.toml does not load",
            };
            warnings.push(warning(format!("{what}: {error}")));
            return warnings;
        }
    };
    let origin = match shared {
        Some(_) => "the team store's settings, readable by every desk user",
        None => "config.toml (and in every copy of the file)",
    };
    let mut secrets = config.secrets();
    if let Some(password) = &config.store.password {
        secrets.push(("store.password".to_string(), password));
    }
    for (key, secret) in secrets {
        let message = match secret {
            Secret::Inline(_) => format!(
                "{key} is an inline secret in {}; write it as \"env:NAME\" or \"file:PATH\" instead",
                if key == "store.password" { "config.toml (and in every copy of the file)" } else { origin }
            ),
            Secret::LeftOut => format!(
                "{key} was left out by a backup; set it again (as \"env:NAME\" or \"file:PATH\"), its deliveries fail until then"
            ),
            // Cron's environment may differ from this one, but a missing file is missing.
            Secret::Env(_) | Secret::File(_) => match delivery::reveal(secret, &key) {
                Ok(_) => continue,
                Err(failure) => failure.0,
            },
        };
        warnings.push(warning(message));
    }
    warnings
}

fn require_admin(ctx: &Context, txn: &Txn<'_>, what: &str) -> Result<(), CommandError> {
    ctx.require_admin(txn, what)
        .map_err(|e| e.with_hint("`desk doctor` without flags only checks; anyone may run it"))
}

pub fn run(ctx: &Context, args: &DoctorArgs) -> Result<(), CommandError> {
    if args.migrate {
        return super::migrate::run(ctx, &super::migrate::MigrateArgs { check: false });
    }
    let store = ctx.open_store()?;
    if args.repair {
        require_admin(ctx, &store.txn(), "repair the store")?;
    }
    let mut diagnosis = diagnose(ctx, &store)?;
    let mut repaired = Vec::new();
    if args.repair && diagnosis.problems.iter().any(|p| p.repairable) {
        repaired = diagnosis
            .problems
            .iter()
            .filter(|p| p.repairable)
            .cloned()
            .collect();
        let attachments: Vec<u64> = orphan_attachments(ctx, &store)?;
        store.repair(diagnosis, 10_000)?;
        for id in attachments {
            let dir = ctx.home.attachments_dir(id);
            fs::remove_dir_all(&dir).map_err(CommandError::from)?;
        }
        diagnosis = diagnose(ctx, &store)?;
    }
    let schema_version = store.schema_version()?;
    let insecure_test_identities = store.txn().test_identities()?;
    drop(store);
    let mode = HomeMode::of(ctx.home.root());
    if args.repair && ctx.home.root().exists() {
        let tightened = perms::tighten(ctx.home.root(), &mode)?;
        if tightened > 0 {
            repaired.push(Problem {
                area: "files",
                message: if tightened == 1 {
                    "1 file or directory had a looser mode than the home allows".to_string()
                } else {
                    format!("{tightened} files or directories had looser modes than the home allows")
                },
                repairable: true,
            });
        }
    }
    for loose in perms::loose_modes(ctx.home.root(), &mode)? {
        diagnosis.problems.push(Problem {
            area: "files",
            message: format!("{loose}: readable beyond the home's access ({})", mode.describe()),
            repairable: true,
        });
    }
    let problems = diagnosis.problems.clone();
    let warnings = config_warnings(ctx);
    if ctx.ui.is_json() {
        ctx.ui.json(&DoctorJson {
            healthy: problems.is_empty(),
            schema_version,
            tickets_hot: diagnosis.tickets_hot,
            tickets_archived: diagnosis.tickets_archived,
            frames: diagnosis.frames,
            access: match &mode {
                HomeMode::Private => "private".to_string(),
                HomeMode::Group { name, .. } => format!("group:{name}"),
            },
            insecure_test_identities,
            problems: problems.clone(),
            repaired: repaired.clone(),
            warnings,
        })?;
    } else if !ctx.ui.is_quiet() {
        for warning in &warnings {
            ctx.ui.warn(format!("{}: {}", warning.area, warning.message));
        }
        for problem in &repaired {
            ctx.ui
                .line(format!("fixed    {}: {}", problem.area, problem.message))?;
        }
        for problem in &problems {
            let tag = if problem.repairable { "problem" } else { "PROBLEM" };
            ctx.ui
                .line(format!("{tag:<8} {}: {}", problem.area, problem.message))?;
        }
        let summary = format!(
            "checked schema {}, {}, {} in {}",
            schema_version.map_or("?".to_string(), |v| v.to_string()),
            counted(diagnosis.tickets_hot, "hot ticket"),
            counted(diagnosis.tickets_archived, "archived ticket"),
            counted(diagnosis.frames, "frame")
        );
        let summary = format!("{summary}; access {}", mode.describe());
        if insecure_test_identities {
            ctx.ui.warn(
                "insecure test identities: this home trusts --as / DESK_USER without checks (made by `desk init --insecure-test-identities`); never keep real tickets in it",
            );
        }
        if problems.is_empty() {
            ctx.ui.line(format!("healthy: {summary}"))?;
        } else {
            ctx.ui.note(summary);
        }
    }
    if problems.is_empty() {
        return Ok(());
    }
    let repairable = problems.iter().filter(|p| p.repairable).count();
    let mut error = CommandError::invalid(format!(
        "desk doctor found {}",
        counted(problems.len(), "problem")
    ));
    if repairable > 0 {
        error = error.with_hint(format!(
            "{repairable} can be fixed by `desk doctor --repair` (as an admin)"
        ));
    }
    if repairable < problems.len() {
        let which = if repairable == 0 { "they" } else { "the others" };
        error = error.with_hint(format!(
            "{which} are damaged records: restore them from a backup or an export"
        ));
    }
    Err(error)
}

/// The store's own checks, plus attachments left behind by purged tickets.
fn diagnose(ctx: &Context, store: &Store) -> Result<Diagnosis, CommandError> {
    let progress = Progress::items(&ctx.ui, 0, "checking");
    let mut diagnosis = store.diagnose(&|done, total| {
        progress.set_length(total);
        progress.set_position(done);
    })?;
    drop(progress);
    for id in orphan_attachments(ctx, store)? {
        diagnosis.problems.push(Problem {
            area: "attachments",
            message: format!(
                "{} belongs to purged ticket {id}",
                ctx.home.attachments_dir(id).display()
            ),
            repairable: true,
        });
    }
    Ok(diagnosis)
}

/// Ticket ids whose attachments directory outlived the ticket's purge.
fn orphan_attachments(ctx: &Context, store: &Store) -> Result<Vec<u64>, CommandError> {
    let dir = ctx.home.root().join("attachments");
    let entries = match fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e.into()),
    };
    let mut ids = Vec::new();
    for entry in entries.filter_map(|e| e.ok()) {
        let Some(id) = entry.file_name().to_str().and_then(|n| n.parse::<u64>().ok()) else {
            continue;
        };
        if store.cold().purged_at(id)?.is_some() {
            ids.push(id);
        }
    }
    ids.sort_unstable();
    Ok(ids)
}
