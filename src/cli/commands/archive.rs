//! `desk archive`: move old closed tickets to the cold archive now, show the archive's
//! figures, and delete archived tickets past a legal age (retention).
//!
//! Who may: moving tickets needs a lead or an admin (it is the automatic archiver's job run
//! early); purging needs an admin. `--dry-run` and `status` only read, and anyone may.

use std::collections::BTreeSet;
use std::fs::{self, File, OpenOptions};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::{DateTime, SecondsFormat, Utc};
use clap::{Args, Subcommand};
use serde::Serialize;

use crate::cli::context::Context;
use crate::cli::error::{CommandError, ExitKind};
use crate::cli::output::counted;
use crate::cli::progress::Progress;
use crate::domain::people::Role;
use crate::domain::report::parse_bound;
use crate::domain::transfer;
use crate::store::cold::ArchivedTicket;
use crate::store::retention::ArchiveStatus;
use crate::store::Store;

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
#[command(after_help = "Examples:
  desk archive --dry-run            what would move to the cold archive
  desk archive --closed-before 30d  move tickets closed over 30 days ago
  desk archive --purge-before 2021-01-01 --dry-run
                                    what retention would delete
  desk archive status               sizes of the hot store and the archive")]
pub struct ArchiveArgs {
    #[command(subcommand)]
    pub command: Option<ArchiveCommand>,
    /// Move tickets closed before this: an age (30d, 12h, 2w), a date (2026-01-31) or an
    /// RFC 3339 time [default: config.toml's archive.after]
    #[arg(long, value_name = "AGE_OR_DATE", conflicts_with = "purge_before")]
    pub closed_before: Option<String>,
    /// Delete archived tickets closed before this, for good (legal retention; admins).
    /// Asks first (or needs --yes without a terminal), then writes them to an export file
    #[arg(long, value_name = "AGE_OR_DATE")]
    pub purge_before: Option<String>,
    /// With --purge-before: the JSON Lines file to write the purged tickets to (must not
    /// exist) [default: <home>/purged/purge-<time>.jsonl, or purge-<time>-2.jsonl … when taken]
    #[arg(long, value_name = "FILE", requires = "purge_before")]
    pub export: Option<PathBuf>,
    /// With --purge-before: do not ask for confirmation
    #[arg(long, short = 'y', requires = "purge_before")]
    pub yes: bool,
    /// Show what would move (or be purged) without writing anything
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Subcommand)]
pub enum ArchiveCommand {
    /// Counts and sizes of the hot store and the cold archive
    #[command(after_help = "Examples:
  desk archive status         tickets and bytes, hot and cold
  desk archive status --json  the same, for monitoring")]
    Status,
}

pub fn run(ctx: &Context, args: &ArchiveArgs) -> Result<(), CommandError> {
    if ctx.home.root().exists()
        && matches!(
            ctx.store_location()?,
            crate::cli::context::StoreLocation::Postgres { .. }
        )
    {
        return super::archive_digests::run(ctx, args);
    }
    match &args.command {
        Some(ArchiveCommand::Status) => status(ctx),
        None => match &args.purge_before {
            Some(cutoff) => purge(ctx, args, cutoff),
            None => archive_now(ctx, args),
        },
    }
}

pub(super) fn require_role(ctx: &Context, store: &Store, role: Role, what: &str) -> Result<(), CommandError> {
    let txn = store.txn();
    let allowed = match txn.agent(ctx.user())? {
        Some(agent) => match role {
            Role::Admin => agent.role == Role::Admin,
            _ => agent.role.can_dispatch(),
        },
        None => false,
    };
    if allowed {
        return Ok(());
    }
    let who = if role == Role::Admin {
        "admins"
    } else {
        "leads and admins"
    };
    Err(CommandError::denied(format!(
        "permission denied: only {who} {what}, and `{}` is not one",
        ctx.user()
    ))
    .with_hint("`--dry-run` shows what would happen without writing; anyone may run it"))
}

pub(super) fn cutoff(ctx: &Context, text: &str, flag: &str) -> Result<DateTime<Utc>, CommandError> {
    parse_bound(text, ctx.now, false)
        .map_err(|e| CommandError::from(e).with_hint(format!("e.g. {flag} 30d, {flag} 2026-01-31")))
}

/// `--closed-before`, else `archive.after` ago.
pub(super) fn closed_before(
    ctx: &Context,
    args: &ArchiveArgs,
    config: &crate::domain::config::Config,
) -> Result<DateTime<Utc>, CommandError> {
    match &args.closed_before {
        Some(text) => cutoff(ctx, text, "--closed-before"),
        None => {
            Ok(ctx.now - chrono::Duration::from_std(config.archive.after).unwrap_or(chrono::Duration::MAX))
        }
    }
}

pub(super) fn time(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

#[derive(Serialize)]
struct ArchivedJson {
    dry_run: bool,
    closed_before: String,
    archived: u64,
}

/// How long one round holds the store before letting other commands in.
const ROUND: Duration = Duration::from_millis(250);

fn archive_now(ctx: &Context, args: &ArchiveArgs) -> Result<(), CommandError> {
    let config = ctx.config()?;
    let cutoff = closed_before(ctx, args, &config)?;
    let store = ctx.open_store()?;
    if !args.dry_run {
        require_role(ctx, &store, Role::Lead, "archive tickets")?;
    }
    let waiting = store.txn().closed_before(cutoff, usize::MAX)?.len() as u64;
    drop(store);
    if args.dry_run {
        if ctx.ui.is_json() {
            return ctx.ui.json(&ArchivedJson {
                dry_run: true,
                closed_before: time(cutoff),
                archived: waiting,
            });
        }
        if ctx.ui.is_quiet() {
            return ctx.ui.line(waiting.to_string());
        }
        return ctx.ui.line(format!(
            "Dry run: would archive {} closed before {}. Nothing was written.",
            counted(waiting, "ticket"),
            time(cutoff)
        ));
    }
    // Bounded rounds: each holds the store for at most about ROUND, then lets waiting
    // commands in, so a big backlog never blocks the desk.
    let batch = config.archive.batch.max(1000);
    let progress = Progress::items(&ctx.ui, waiting, "archiving");
    let mut moved = 0u64;
    loop {
        let store = ctx.open_store()?;
        let started = Instant::now();
        let mut finished = false;
        while started.elapsed() < ROUND {
            let n = store.archive_closed_before(cutoff, batch)?;
            moved += n as u64;
            progress.inc(n as u64);
            if n < batch {
                finished = true;
                break;
            }
        }
        drop(store);
        if finished {
            break;
        }
        std::thread::sleep(Duration::from_millis(20).mul_f64(1.0 + fastrand::f64()));
    }
    drop(progress);
    if ctx.ui.is_json() {
        return ctx.ui.json(&ArchivedJson {
            dry_run: false,
            closed_before: time(cutoff),
            archived: moved,
        });
    }
    if ctx.ui.is_quiet() {
        return ctx.ui.line(moved.to_string());
    }
    ctx.ui.line(format!(
        "Archived {} closed before {}.",
        counted(moved, "ticket"),
        time(cutoff)
    ))
}

#[derive(Serialize)]
struct StatusJson {
    /// Closed tickets older than this move to the archive automatically.
    archive_after_seconds: u64,
    #[serde(flatten)]
    status: ArchiveStatus,
}

pub fn human_bytes(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} B")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

fn status(ctx: &Context) -> Result<(), CommandError> {
    let config = ctx.config()?;
    let after = config.archive.after;
    let store = ctx.open_store()?;
    let status =
        store.archive_status(ctx.now - chrono::Duration::from_std(after).unwrap_or(chrono::Duration::MAX))?;
    drop(store);
    if ctx.ui.is_json() {
        return ctx.ui.json(&StatusJson {
            archive_after_seconds: after.as_secs(),
            status,
        });
    }
    // The one figure a monitoring script watches: closed tickets the archiver has not moved.
    if ctx.ui.is_quiet() {
        return ctx.ui.line(status.hot.awaiting_archive.to_string());
    }
    let (hot, cold) = (&status.hot, &status.cold);
    let by_status: Vec<String> = hot.by_status.iter().map(|(s, n)| format!("{s} {n}")).collect();
    ctx.ui.line(format!(
        "hot   {}: {}",
        counted(hot.tickets, "ticket"),
        by_status.join(", ")
    ))?;
    ctx.ui.line(format!(
        "      {} closed longer ago than archive.after ({}), waiting for the archiver",
        hot.awaiting_archive,
        humantime::format_duration(after)
    ))?;
    ctx.ui
        .line(format!("      {} on disk (sled)", human_bytes(hot.bytes_on_disk)))?;
    ctx.ui.line(format!(
        "cold  {} in {}: {}, {}; location table {}",
        counted(cold.tickets, "ticket"),
        counted(cold.segments, "segment"),
        counted(cold.frames, "frame"),
        human_bytes(cold.bytes),
        human_bytes(cold.locations_bytes)
    ))?;
    ctx.ui.line(format!(
        "      {} brought back to the hot store, {} purged by retention",
        cold.restored, cold.purged
    ))
}

// --- retention ---

/// One purged (or to-be-purged) ticket, as listed.
#[derive(Serialize)]
struct PurgedJson {
    id: u64,
    key: String,
    #[serde(rename = "type")]
    ticket_type: String,
    title: String,
    closed_at: Option<DateTime<Utc>>,
}

impl PurgedJson {
    fn of(record: &ArchivedTicket) -> Self {
        PurgedJson {
            id: record.ticket.id,
            key: record.ticket.display_id(),
            ticket_type: record.ticket.ticket_type.clone(),
            title: record.ticket.title.clone(),
            closed_at: record.ticket.closed_at,
        }
    }
}

#[derive(Serialize)]
struct PurgeJson {
    dry_run: bool,
    closed_before: String,
    export: Option<String>,
    purged: u64,
    segments_rewritten: u64,
    bytes_before: u64,
    bytes_after: u64,
    tickets: Vec<PurgedJson>,
}

/// `<home>/purged/purge-<time>.jsonl`, or with `-2`, `-3`, … before `.jsonl` when that
/// name is taken (two purges in one second, or a fixed DESK_NOW).
fn default_export(ctx: &Context, taken: impl Fn(&Path) -> bool) -> PathBuf {
    let dir = ctx.home.root().join("purged");
    let stem = format!("purge-{}", ctx.now.format("%Y%m%dT%H%M%SZ"));
    let mut path = dir.join(format!("{stem}.jsonl"));
    let mut counter = 1u32;
    while taken(&path) {
        counter += 1;
        path = dir.join(format!("{stem}-{counter}.jsonl"));
    }
    path
}

fn export_exists(path: &Path) -> CommandError {
    CommandError::conflict(format!("export file {} already exists", path.display()))
        .with_hint("name a new file with --export FILE; desk never overwrites an export")
}

fn create_export(path: &Path) -> Result<File, CommandError> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent)
            .map_err(|e| CommandError::invalid(format!("cannot create {}: {e}", parent.display())))?;
    }
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => export_exists(path),
            _ => CommandError::invalid(format!("cannot create export file {}: {e}", path.display())),
        })
}

/// Create the export file: `--export FILE` (which must not exist), or a default name not
/// taken yet (the next free counter if one appeared since it was picked).
fn open_export(ctx: &Context, args: &ArchiveArgs, picked: PathBuf) -> Result<(PathBuf, File), CommandError> {
    let mut path = picked;
    loop {
        match create_export(&path) {
            Ok(file) => return Ok((path, file)),
            Err(e) if e.kind == ExitKind::Conflict && args.export.is_none() => {
                let taken = path.clone();
                path = default_export(ctx, |p| p.exists() || p == taken);
            }
            Err(e) => return Err(e),
        }
    }
}

fn purge(ctx: &Context, args: &ArchiveArgs, cutoff_text: &str) -> Result<(), CommandError> {
    let cutoff = cutoff(ctx, cutoff_text, "--purge-before")?;
    let store = ctx.open_store()?;
    if !args.dry_run {
        require_role(ctx, &store, Role::Admin, "purge archived tickets")?;
        if !args.yes && !ctx.ui.can_prompt() {
            return Err(CommandError::invalid(
                "purging needs a confirmation, and there is no terminal to ask on",
            )
            .with_details(vec!["missing: --yes".to_string()])
            .with_hint("pass --yes to purge without asking (try --dry-run first)"));
        }
    }
    if args.dry_run {
        let mut tickets = Vec::new();
        store.purge_candidates(cutoff, |record| {
            tickets.push(PurgedJson::of(&record));
            Ok(())
        })?;
        drop(store);
        return report_purge(ctx, true, cutoff, None, tickets, Default::default());
    }

    // Ask first, before anything is written: a declined purge leaves no copy behind.
    let asked = store.purge_candidate_ids(cutoff)?;
    // Let others in while a person reads the question.
    drop(store);
    if asked.is_empty() {
        return report_purge(ctx, false, cutoff, None, Vec::new(), Default::default());
    }
    let export_path = match &args.export {
        Some(path) if path.exists() => return Err(export_exists(path)),
        Some(path) => path.clone(),
        None => default_export(ctx, Path::exists),
    };
    if !args.yes {
        let question = format!(
            "Delete {} closed before {} for good? They are exported to {} first.",
            counted(asked.len(), "archived ticket"),
            time(cutoff),
            export_path.display()
        );
        // The question on its own line(s), the prompt short: dialoguer redraws only the
        // prompt's last line, so a prompt wider than the terminal would show up twice.
        eprintln!("{question}");
        crate::cli::retry::mark_unrepeatable();
        let confirmed = dialoguer::Confirm::new()
            .with_prompt("Purge them?")
            .default(false)
            .interact()
            .map_err(|e| CommandError::invalid(format!("no answer: {e}")))?;
        if !confirmed {
            ctx.ui.note("Nothing was purged or exported.");
            return Ok(());
        }
    }

    // Then the export: every ticket the purge will delete (those asked about and still
    // archived), synced before anything goes.
    let (export_path, file) = open_export(ctx, args, export_path)?;
    let store = ctx.open_store()?;
    let mut writer = BufWriter::new(&file);
    let write_error = |e: std::io::Error| CommandError::from(e);
    let mut tickets = Vec::new();
    let mut ids = BTreeSet::new();
    let mut missing_files = Vec::new();
    // `desk export`'s format, so `desk import` reads it back.
    let scanned = writeln!(writer, "{}", transfer::header_line(ctx.now))
        .map_err(write_error)
        .and_then(|()| {
            store
                .purge_candidates(cutoff, |record| {
                    if !asked.contains(&record.ticket.id) {
                        return Ok(());
                    }
                    writeln!(
                        writer,
                        "{}",
                        transfer::ticket_line(&record.ticket, &record.events)
                    )
                    .map_err(|e| crate::store::StoreError::io(&export_path, e))?;
                    // The files go with the ticket, so importing the export brings them back.
                    let files =
                        crate::cli::attachments::export_lines(&ctx.home, &record.ticket, &mut missing_files)
                            .map_err(|(path, e)| crate::store::StoreError::io(path, e))?;
                    for line in files {
                        writeln!(writer, "{line}")
                            .map_err(|e| crate::store::StoreError::io(&export_path, e))?;
                    }
                    ids.insert(record.ticket.id);
                    tickets.push(PurgedJson::of(&record));
                    Ok(())
                })
                .map_err(CommandError::from)
        });
    let finished = scanned.and_then(|()| {
        writer.flush().map_err(write_error)?;
        drop(writer);
        file.sync_all().map_err(write_error)
    });
    if let Err(error) = finished {
        let _ = fs::remove_file(&export_path);
        return Err(error);
    }
    if ids.is_empty() {
        // Restored or purged by someone else since the question.
        let _ = fs::remove_file(&export_path);
        return report_purge(ctx, false, cutoff, None, tickets, Default::default());
    }
    ctx.ui.note(format!(
        "Exported {} to {}",
        counted(ids.len(), "ticket"),
        export_path.display()
    ));
    for missing in &missing_files {
        ctx.ui.warn(format!("attachment not exported: {missing}"));
    }
    let outcome = store.purge(&ids, ctx.now)?;
    // Files that came with the purged tickets go too.
    for id in &ids {
        if store.cold().purged_at(*id)?.is_some() {
            let dir = ctx.home.attachments_dir(*id);
            match fs::remove_dir_all(&dir) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => ctx.ui.warn(format!("cannot remove {}: {e}", dir.display())),
            }
        }
    }
    drop(store);
    if outcome.purged > 0 && ctx.home.root().join("search").exists() {
        // The next search drops them from the index; its files keep deleted documents'
        // text until their segments merge, so say how to rewrite it now.
        ctx.ui.note(
            "The search index forgets them at the next search; `desk ticket search --reindex` rewrites its files without them.",
        );
    }
    report_purge(ctx, false, cutoff, Some(&export_path), tickets, outcome)
}

fn report_purge(
    ctx: &Context,
    dry_run: bool,
    cutoff: DateTime<Utc>,
    export: Option<&Path>,
    tickets: Vec<PurgedJson>,
    outcome: crate::store::retention::PurgeOutcome,
) -> Result<(), CommandError> {
    if ctx.ui.is_json() {
        return ctx.ui.json(&PurgeJson {
            dry_run,
            closed_before: time(cutoff),
            export: export.map(|p| p.display().to_string()),
            purged: if dry_run {
                tickets.len() as u64
            } else {
                outcome.purged
            },
            segments_rewritten: outcome.segments_rewritten,
            bytes_before: outcome.bytes_before,
            bytes_after: outcome.bytes_after,
            tickets,
        });
    }
    if ctx.ui.is_quiet() {
        for ticket in &tickets {
            ctx.ui.line(ticket.id.to_string())?;
        }
        return Ok(());
    }
    if dry_run {
        for ticket in &tickets {
            ctx.ui.line(format!(
                "{}\t{}\tclosed {}\t{}",
                ticket.key,
                ticket.ticket_type,
                ticket.closed_at.map_or("-".to_string(), time),
                ticket.title
            ))?;
        }
        return ctx.ui.line(format!(
            "Dry run: would purge {} closed before {}. Nothing was written.",
            counted(tickets.len(), "archived ticket"),
            time(cutoff)
        ));
    }
    if tickets.is_empty() {
        return ctx.ui.line(format!(
            "No archived ticket was closed before {}; nothing to purge.",
            time(cutoff)
        ));
    }
    ctx.ui.line(format!(
        "Purged {} closed before {}; exported to {}. Archive {} → {} ({} rewritten).",
        counted(outcome.purged, "archived ticket"),
        time(cutoff),
        export.map_or("-".to_string(), |p| p.display().to_string()),
        human_bytes(outcome.bytes_before),
        human_bytes(outcome.bytes_after),
        counted(outcome.segments_rewritten, "segment")
    ))
}
