//! `desk backup FILE`: a consistent, versioned, checksummed snapshot of the whole home
//! (store, archive, config, templates, attachments) taken while other commands keep
//! running: the store's lock is held only to read the hot store and open the archive
//! (format and consistency argument: `store::backup`).

use std::io::BufWriter;
use std::path::PathBuf;

use clap::Args;
use serde::Serialize;

use crate::cli::context::Context;
use crate::cli::error::CommandError;
use crate::cli::progress::Progress;
use crate::store::backup;

use super::export::{require_lead, PartialFile};

#[derive(Debug, Args)]
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
    let total = snapshot.bytes() + backup::home_files_bytes(ctx.home.root())?;
    let progress = Progress::bytes(&ctx.ui, total, "backing up");
    let partial = PartialFile::create(&args.file)?;
    let out = BufWriter::with_capacity(1 << 20, partial.file.try_clone()?);
    let manifest = backup::write(snapshot, ctx.home.root(), ctx.now, out, &|n| progress.inc(n))?;
    partial.commit(&args.file)?;
    progress.finish();
    let summary = Summary {
        file: args.file.display().to_string(),
        bytes: std::fs::metadata(&args.file)?.len(),
        created_at: manifest.created_at,
        hot_tickets: manifest.hot_tickets,
        archived_tickets: manifest.archived_tickets,
        entries: manifest.entries.len(),
    };
    if ctx.ui.is_json() {
        ctx.ui.json(&summary)
    } else {
        ctx.ui.note(format!(
            "backed up {} tickets ({} hot, {} archived) to {} ({} bytes)",
            summary.hot_tickets + summary.archived_tickets,
            summary.hot_tickets,
            summary.archived_tickets,
            summary.file,
            summary.bytes
        ));
        Ok(())
    }
}
