//! `desk restore FILE`: bring a home back from `desk backup`. Every entry of the backup is
//! checked before anything is written (a corrupted or truncated backup is refused with
//! exit 5); the home is then built in a fresh directory beside the target and moved into
//! place. A home that already has tickets is replaced only with `--force`.

use std::fs::{self, File};
use std::io::BufReader;
use std::path::{Path, PathBuf};

use clap::Args;
use serde::Serialize;

use crate::cli::context::Context;
use crate::cli::error::CommandError;
use crate::cli::home::Home;
use crate::cli::output::counted;
use crate::cli::progress::Progress;
use crate::domain::Role;
use crate::store::backup::{self, BackupError, BackupManifest};
use crate::store::{sled_backend, KvBackend, Store};

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  desk restore desk.tar                    into an empty or fresh home
  desk --home /tmp/drill restore desk.tar  a restore drill in a scratch home
  desk restore desk.tar --force            replace a home that has tickets")]
pub struct RestoreArgs {
    /// The backup to restore (written by `desk backup`)
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Replace a home that already has tickets (what it holds now is lost)
    #[arg(long)]
    pub force: bool,
}

#[derive(Serialize)]
struct Summary {
    home: String,
    backup_created_at: chrono::DateTime<chrono::Utc>,
    hot_tickets: u64,
    archived_tickets: u64,
    replaced: bool,
}

/// What is at the target home now.
enum Target {
    /// Nothing, or an empty directory.
    Empty,
    /// A desk home with no tickets yet (e.g. just made by `desk init`).
    Fresh,
    /// A desk home with tickets.
    Used { tickets: u64 },
}

fn backup_error(file: &Path, error: BackupError) -> CommandError {
    match error {
        BackupError::Invalid(reason) => {
            CommandError::invalid(format!("cannot restore {}: {reason}", file.display()))
                .with_hint("nothing was written; restore from another backup")
        }
        BackupError::NotBackup { reason, export } => {
            let error = CommandError::invalid(format!("not a desk backup: {} ({reason})", file.display()));
            if export {
                error.with_hint(format!(
                    "nothing was written; to load an export, use `desk import {}`",
                    file.display()
                ))
            } else {
                error.with_hint("nothing was written; restore a file written by `desk backup`")
            }
        }
        BackupError::Damaged(reason) => {
            CommandError::invalid(format!("backup is damaged: {} ({reason})", file.display()))
                .with_hint("nothing was written; restore from another backup")
        }
        BackupError::Store(error) => error.into(),
    }
}

pub fn run(ctx: &Context, args: &RestoreArgs) -> Result<(), CommandError> {
    ctx.require_embedded_store(
        "desk restore",
        "restore the backup into a new embedded home (--home DIR), then `desk export | desk import` into the team store (docs/postgres.md)",
    )?;
    let root = ctx.home.root().to_path_buf();
    // Hold the current store (if any) from the check until the swap.
    let (target, store) = inspect(ctx, &root)?;
    if let Target::Used { tickets } = target {
        if !args.force {
            return Err(CommandError::conflict(format!(
                "the desk home at {} already has tickets (ids up to {tickets}); restore replaces a home only with --force",
                root.display()
            ))
            .with_hint("restore into an empty directory with --home DIR, or add --force to replace this home"));
        }
    }
    let open = || {
        File::open(&args.file).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => {
                CommandError::not_found(format!("no backup at {}", args.file.display()))
            }
            _ => CommandError::invalid(format!("cannot read {}: {e}", args.file.display())),
        })
    };
    let len = open()?.metadata()?.len();
    let progress = Progress::bytes(&ctx.ui, len, "verifying");
    let manifest = backup::verify(BufReader::with_capacity(1 << 20, open()?), &|n| progress.inc(n))
        .map_err(|e| backup_error(&args.file, e))?;
    progress.finish();

    let staging = sibling(&root, "restore")?;
    let result = build(ctx, &args.file, &manifest, &staging, open()?);
    if let Err(error) = result {
        let _ = fs::remove_dir_all(&staging);
        return Err(error);
    }
    let replaced = !matches!(target, Target::Empty);
    let old = swap_in(&root, &staging)?;
    // Let go of the old store only once the new home is in place, then remove it.
    drop(store);
    if let Some(old) = old {
        fs::remove_dir_all(&old)?;
    }

    let summary = Summary {
        home: root.display().to_string(),
        backup_created_at: manifest.created_at,
        hot_tickets: manifest.hot_tickets,
        archived_tickets: manifest.archived_tickets,
        replaced,
    };
    if ctx.ui.is_json() {
        ctx.ui.json(&summary)?;
    } else {
        ctx.ui.note(format!(
            "restored {} ({} hot, {} archived) from the backup of {} into {}",
            counted(summary.hot_tickets + summary.archived_tickets, "ticket"),
            summary.hot_tickets,
            summary.archived_tickets,
            summary.backup_created_at.to_rfc3339(),
            summary.home
        ));
    }
    warn_left_out_secrets(ctx, &root);
    Ok(())
}

/// A backup carries no inline secret (see `desk backup`): name the ones to set again.
fn warn_left_out_secrets(ctx: &Context, root: &Path) {
    let path = root.join("config.toml");
    let Ok(source) = fs::read_to_string(&path) else {
        return;
    };
    let Ok(config) = crate::domain::config::Config::parse(&path.display().to_string(), &source) else {
        return;
    };
    let left_out: Vec<String> = config
        .notify
        .secrets()
        .into_iter()
        .filter(|(_, secret)| **secret == crate::domain::notify::Secret::LeftOut)
        .map(|(key, _)| key)
        .collect();
    if !left_out.is_empty() {
        ctx.ui.warn(format!(
            "the backup left out {} inline secret{} of config.toml: {}; set {} again (best as env:NAME or file:PATH) before `desk notify flush`",
            left_out.len(),
            if left_out.len() == 1 { "" } else { "s" },
            left_out.join(", "),
            if left_out.len() == 1 { "it" } else { "them" }
        ));
    }
}

/// What the target holds; a desk home is opened (and its lock kept) and, unless it is
/// empty, only an admin of it may replace it.
fn inspect(ctx: &Context, root: &Path) -> Result<(Target, Option<Store>), CommandError> {
    let entries = match fs::read_dir(root) {
        Ok(entries) => entries.count(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => 0,
        Err(e) => return Err(e.into()),
    };
    if entries == 0 {
        return Ok((Target::Empty, None));
    }
    if !ctx.home.is_initialized() {
        return Err(CommandError::conflict(format!(
            "{} is not empty and is not a desk home; restore will not write into it",
            root.display()
        ))
        .with_hint("restore into an empty or new directory with --home DIR"));
    }
    let store = ctx.open_store()?;
    let txn = store.txn();
    let tickets = txn.last_ticket_id()?;
    let used = tickets > 0 || !txn.cold_manifest()?.segments.is_empty();
    let is_admin = txn.agent(ctx.user())?.is_some_and(|a| a.role == Role::Admin);
    drop(txn);
    if !is_admin {
        return Err(CommandError::denied(format!(
            "permission denied: only admins replace a desk home, and `{}` is not an admin of {}",
            ctx.user(),
            root.display()
        ))
        .with_hint("run it from an admin's OS account, or restore into an empty directory with --home DIR"));
    }
    let target = if used {
        Target::Used { tickets }
    } else {
        Target::Fresh
    };
    Ok((target, Some(store)))
}

/// `.<name>.<what>-<pid>` beside `root`, made fresh.
fn sibling(root: &Path, what: &str) -> Result<PathBuf, CommandError> {
    let name = root
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "desk".into());
    let parent = root
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(parent)?;
    let path = parent.join(format!(".{name}.{what}-{}", std::process::id()));
    if path.exists() {
        fs::remove_dir_all(&path)?;
    }
    Ok(path)
}

/// Extract the verified backup into `staging` and check the store opens.
fn build(
    ctx: &Context,
    file: &Path,
    manifest: &BackupManifest,
    staging: &Path,
    input: File,
) -> Result<(), CommandError> {
    fs::create_dir_all(staging)?;
    let home = Home::new(staging.to_path_buf());
    let hot_dir = home.hot_dir();
    let progress = Progress::bytes(&ctx.ui, manifest.bytes(), "restoring");
    let open_hot = || -> crate::store::Result<Box<dyn KvBackend>> {
        Ok(Box::new(sled_backend::open_with_retry(
            &hot_dir,
            ctx.lock_timeout,
        )?))
    };
    backup::extract(
        BufReader::with_capacity(1 << 20, input),
        manifest,
        staging,
        &open_hot,
        &|n| progress.inc(n),
    )
    .map_err(|e| backup_error(file, e))?;
    progress.finish();
    let config = staging.join("config.toml");
    let backend = sled_backend::open_with_retry(&hot_dir, ctx.lock_timeout)?;
    // A team store's types and settings were the team's, not the backing-up host's files:
    // the restored home works by the ones the backup's database held.
    let (templates, settings) = {
        let txn = crate::store::Txn::new(&backend);
        (txn.shared_templates()?, txn.shared_config()?)
    };
    if let Some(settings) = settings {
        let local = fs::read_to_string(&config).unwrap_or_default();
        let text = crate::domain::config::with_local_store(&settings, &local)
            .map_err(|e| CommandError::invalid(format!("the backup's published settings: {e}")))?;
        fs::write(&config, text)?;
    }
    if !templates.is_empty() {
        fs::create_dir_all(home.templates_dir())?;
        for (name, source) in &templates {
            fs::write(home.templates_dir().join(format!("{name}.toml")), source)?;
        }
    }
    // A team store's backup: the data is in this home's own store now, so its config must
    // not send commands back to the database.
    if let Some(detached) = fs::read_to_string(&config)
        .ok()
        .and_then(|source| crate::domain::config::without_store_url(&source))
    {
        fs::write(&config, detached)?;
        ctx.ui.note(
            "the backup is of a team store: this home holds its copy in its own embedded store, and [store] url is commented out in config.toml",
        );
    }
    // The restored store must open as any command would open it.
    Store::new(Box::new(backend), &hot_dir, &home.cold_dir())?;
    Ok(())
}

/// Move `staging` to `root`; what was there is moved aside, and its new place returned
/// for the caller to remove.
fn swap_in(root: &Path, staging: &Path) -> Result<Option<PathBuf>, CommandError> {
    if !root.exists() {
        fs::rename(staging, root)?;
        return Ok(None);
    }
    let old = sibling(root, "replaced")?;
    fs::rename(root, &old)?;
    if let Err(error) = fs::rename(staging, root) {
        // Put the old home back rather than leave none.
        let _ = fs::rename(&old, root);
        return Err(error.into());
    }
    Ok(Some(old))
}
