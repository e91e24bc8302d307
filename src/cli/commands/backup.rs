//! `desk backup FILE`: a consistent, versioned, checksummed snapshot of the whole home
//! (store, archive, config, templates, attachments) taken while other commands keep
//! running: the store's lock is held only to read the hot store and open the archive
//! (format and consistency argument: `store::backup`). On a team store the hot store is
//! read in one snapshot transaction of the database, with no lock at all, and the backup
//! carries this host's config.toml and templates beside it; `desk restore` brings it back
//! as an embedded home (docs/postgres.md, "Backup and restore").
//!
//! Backups are copied off the machine, so they carry no secrets: the copy of `config.toml`
//! has each inline secret replaced by a placeholder that still parses (`env:` and `file:`
//! references stay as they are), and a `file:` secret kept under `templates/` or
//! `attachments/` is left out. The summary says what was left out.

use std::io::BufWriter;
use std::path::{Component, Path, PathBuf};

use clap::Args;
use serde::Serialize;

use crate::cli::context::Context;
use crate::cli::error::CommandError;
use crate::cli::output::counted;
use crate::cli::progress::Progress;
use crate::domain::notify::Secret;
use crate::domain::notify_config::redact_inline_secrets;
use crate::store::backup::{self, HomeOverrides};

use super::export::{require_lead, PartialFile};

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  desk backup desk.tar  a checksummed snapshot of the whole home
  desk backup /backup/desk/desk-20261123.tar -q
                        quietly, from cron")]
pub struct BackupArgs {
    /// Where to write the backup, a tar file (it appears under this name only once complete)
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
}

#[derive(Serialize)]
struct Summary {
    file: String,
    bytes: u64,
    created_at: chrono::DateTime<chrono::Utc>,
    hot_tickets: u64,
    archived_tickets: u64,
    entries: usize,
    /// What the backup does not carry, so that it holds no secret.
    left_out: LeftOut,
}

#[derive(Serialize, Default)]
struct LeftOut {
    /// Keys of config.toml whose inline values were replaced (`notify.sinks.ops.url`):
    /// set them again after a restore.
    inline_secrets: Vec<String>,
    /// Home files not in the backup at all.
    files: Vec<LeftOutFile>,
}

#[derive(Serialize)]
struct LeftOutFile {
    path: String,
    reason: String,
}

/// What to leave out of the home's files, read from config.toml.
fn secrets_left_out(ctx: &Context) -> Result<(HomeOverrides, LeftOut), CommandError> {
    let mut overrides = HomeOverrides::default();
    let mut left_out = LeftOut::default();
    let path = ctx.home.config_path();
    let source = match std::fs::read_to_string(&path) {
        Ok(source) => source,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok((overrides, left_out)),
        Err(e) => return Err(CommandError::from(e)),
    };
    match redact_inline_secrets(&source) {
        Ok((text, keys)) if !keys.is_empty() => {
            overrides.replaced.insert("config.toml".into(), text.into_bytes());
            left_out.inline_secrets = keys;
        }
        Ok(_) => {}
        Err(why) => {
            // Which values are secrets cannot be told, so none of it goes.
            overrides.left_out.insert("config.toml".into());
            left_out.files.push(LeftOutFile {
                path: "config.toml".into(),
                reason: format!("{why}, so its secrets cannot be told apart"),
            });
        }
    }
    // A `file:` secret kept among the files a backup carries stays behind too.
    if let Ok(config) = ctx.home.config() {
        for (key, secret) in config.secrets() {
            let Secret::File(file) = secret else { continue };
            if let Some(inside) = carried_path(ctx.home.root(), file) {
                if overrides.left_out.insert(inside.clone()) {
                    left_out.files.push(LeftOutFile {
                        path: inside,
                        reason: format!("it is the secret of {key}"),
                    });
                }
            }
        }
    }
    Ok((overrides, left_out))
}

/// `file`'s path inside a backup of `root`, if the backup would carry it.
fn carried_path(root: &Path, file: &Path) -> Option<String> {
    let relative = file.strip_prefix(root).ok()?;
    let parts: Vec<String> = relative
        .components()
        .map(|c| match c {
            Component::Normal(part) => Some(part.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect::<Option<_>>()?;
    let carried = matches!(
        parts.first().map(String::as_str),
        Some("templates" | "attachments")
    ) || parts == ["config.toml"];
    carried.then(|| parts.join("/"))
}

pub fn run(ctx: &Context, args: &BackupArgs) -> Result<(), CommandError> {
    if args.file.is_dir() {
        let suggested = args.file.join(format!("desk-{}.tar", ctx.now.format("%Y%m%d")));
        return Err(CommandError::invalid(format!(
            "cannot write the backup to {}: it is a directory",
            args.file.display()
        ))
        .with_hint(format!(
            "name the file to write, e.g. `desk backup {}`",
            suggested.display()
        )));
    }
    let snapshot = {
        let store = ctx.open_store()?;
        require_lead(ctx, &store.txn(), "back up the desk")?;
        store.backup_snapshot()?
        // The lock is let go here; the archive is copied without it.
    };
    let (overrides, left_out) = secrets_left_out(ctx)?;
    let total = snapshot.bytes() + backup::home_files_bytes(ctx.home.root())?;
    let progress = Progress::bytes(&ctx.ui, total, "backing up");
    let partial = PartialFile::create(&args.file)?;
    let out = BufWriter::with_capacity(1 << 20, partial.file.try_clone()?);
    let manifest = backup::write(snapshot, ctx.home.root(), &overrides, ctx.now, out, &|n| {
        progress.inc(n)
    })?;
    partial.commit(&args.file)?;
    progress.finish();
    let summary = Summary {
        file: args.file.display().to_string(),
        bytes: std::fs::metadata(&args.file)?.len(),
        created_at: manifest.created_at,
        hot_tickets: manifest.hot_tickets,
        archived_tickets: manifest.archived_tickets,
        entries: manifest.entries.len(),
        left_out,
    };
    for file in &summary.left_out.files {
        if file.path == "config.toml" {
            ctx.ui.warn(format!(
                "config.toml is not in the backup: {}; fix it and back up again",
                file.reason
            ));
        }
    }
    if ctx.ui.is_json() {
        ctx.ui.json(&summary)
    } else {
        ctx.ui.note(format!(
            "backed up {} ({} hot, {} archived) to {} ({} bytes)",
            counted(summary.hot_tickets + summary.archived_tickets, "ticket"),
            summary.hot_tickets,
            summary.archived_tickets,
            summary.file,
            summary.bytes
        ));
        let secrets = &summary.left_out.inline_secrets;
        if !secrets.is_empty() {
            ctx.ui.note(format!(
                "left out: {} inline secret{} in config.toml: {} (set {} again after a restore; env: and file: references are kept)",
                secrets.len(),
                if secrets.len() == 1 { "" } else { "s" },
                secrets.join(", "),
                if secrets.len() == 1 { "it" } else { "them" }
            ));
        }
        for file in summary.left_out.files.iter().filter(|f| f.path != "config.toml") {
            ctx.ui.note(format!("left out: {} ({})", file.path, file.reason));
        }
        Ok(())
    }
}
