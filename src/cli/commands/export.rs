//! `desk export`: every ticket with its fields and whole history, hot and archived, as
//! JSONL (round-trips through `desk import`) or CSV (one row per ticket, for
//! spreadsheets). Streams: the archive is read ticket by ticket after the store's lock is
//! let go (see `store::transfer`), never all at once.

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, SecondsFormat, Utc};
use clap::builder::PossibleValuesParser;
use clap::{Args, ValueEnum};
use serde::Serialize;

use crate::cli::attachments;
use crate::cli::context::Context;
use crate::cli::error::CommandError;
use crate::cli::output::counted;
use crate::cli::progress::Progress;
use crate::domain::report::parse_bound;
use crate::domain::transfer;
use crate::domain::{Status, Ticket};
use crate::store::Txn;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// One JSON record per line: people, KB articles, then tickets with their events (for `desk import`)
    Jsonl,
    /// One row per ticket with a column per template field (for spreadsheets)
    Csv,
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  desk export -o desk.jsonl  everything, for `desk import` elsewhere
  desk export --format csv --since 2026-01-01 -o tickets.csv
                             for a spreadsheet
  desk export --status closed --type incident --no-archived
                             closed incidents not yet archived")]
pub struct ExportArgs {
    /// Output format
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: ExportFormat,
    /// Only tickets created at or after WHEN: an RFC 3339 time, a date (2026-03-01) or an age (7d, 12h, 2w)
    #[arg(long, value_name = "WHEN")]
    pub since: Option<String>,
    /// Only tickets created before WHEN (a date means the end of that day)
    #[arg(long, value_name = "WHEN")]
    pub until: Option<String>,
    /// Only tickets in these states (comma-separated or repeated)
    #[arg(long, value_name = "STATE", value_delimiter = ',', value_parser = PossibleValuesParser::new(["unclaimed", "pending", "awaiting", "closed"]))]
    pub status: Vec<String>,
    /// Only tickets of this type (repeatable)
    #[arg(long = "type", value_name = "TYPE")]
    pub types: Vec<String>,
    /// Include archived tickets (the default)
    #[arg(long, conflicts_with = "no_archived")]
    pub archived: bool,
    /// Only the hot store (open and recently closed tickets); the archive is not read
    #[arg(long)]
    pub no_archived: bool,
    /// Write to FILE instead of stdout (FILE appears only once complete)
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Which tickets an export keeps.
struct Filter {
    since: Option<DateTime<Utc>>,
    until: Option<DateTime<Utc>>,
    statuses: Vec<Status>,
    types: Vec<String>,
}

impl Filter {
    fn keeps(&self, ticket: &Ticket) -> bool {
        self.since.is_none_or(|since| ticket.created_at >= since)
            && self.until.is_none_or(|until| ticket.created_at < until)
            && (self.statuses.is_empty() || self.statuses.contains(&ticket.status))
            && (self.types.is_empty() || self.types.contains(&ticket.ticket_type))
    }
}

/// Export (and backup) show every ticket and person: leads and admins only.
pub fn require_lead(ctx: &Context, txn: &Txn<'_>, what: &str) -> Result<(), CommandError> {
    match txn.agent(ctx.user())? {
        Some(agent) if agent.role.can_dispatch() => Ok(()),
        _ => Err(CommandError::denied(format!(
            "permission denied: only leads and admins {what}, and `{}` is neither",
            ctx.user()
        ))
        .with_hint("act as a lead or admin with --as NAME")),
    }
}

pub fn run(ctx: &Context, args: &ExportArgs) -> Result<(), CommandError> {
    let filter = Filter {
        since: args
            .since
            .as_deref()
            .map(|s| parse_bound(s, ctx.now, false))
            .transpose()?,
        until: args
            .until
            .as_deref()
            .map(|s| parse_bound(s, ctx.now, true))
            .transpose()?,
        statuses: args
            .status
            .iter()
            .map(|s| s.parse::<Status>())
            .collect::<Result<_, _>>()?,
        types: args.types.clone(),
    };
    // A mistyped type must not look like an empty export (as `ticket list --type`).
    for name in &filter.types {
        super::ticket::list::check_type(ctx, name, true)?;
    }
    // CSV columns come from the templates: read them before taking the store.
    let csv_fields = match args.format {
        ExportFormat::Csv => field_columns(ctx, &filter.types)?,
        ExportFormat::Jsonl => Vec::new(),
    };
    let keep = |ticket: &Ticket| filter.keeps(ticket);
    let snapshot = {
        let store = ctx.open_store()?;
        require_lead(ctx, &store.txn(), "export tickets")?;
        let snapshot = store.export_snapshot(!args.no_archived, &keep)?;
        if store.is_shared() {
            // The files other hosts took in, so the export carries them too.
            let txn = store.txn();
            for record in snapshot.hot().iter().filter(|r| !r.ticket.attachments.is_empty()) {
                attachments::bring_here(&ctx.home, &txn, &record.ticket)?;
            }
        }
        snapshot
        // The store (and its lock) is let go here; the archive is read without it.
    };
    let progress = Progress::items(&ctx.ui, snapshot.ticket_estimate(), "exporting");
    let mut sink = Sink::open(args.output.as_deref())?;
    let mut exported = 0u64;
    let mut missing_files = Vec::new();
    match args.format {
        ExportFormat::Jsonl => {
            let out = sink.writer();
            writeln!(out, "{}", transfer::header_line(ctx.now))?;
            for agent in &snapshot.agents {
                writeln!(out, "{}", transfer::agent_line(agent))?;
            }
            for requester in &snapshot.requesters {
                writeln!(out, "{}", transfer::requester_line(requester))?;
            }
            for article in &snapshot.articles {
                writeln!(out, "{}", transfer::kb_line(article))?;
            }
            for record in snapshot.tickets(&keep) {
                let record = record?;
                writeln!(out, "{}", transfer::ticket_line(&record.ticket, &record.events))?;
                let files = attachments::export_lines(&ctx.home, &record.ticket, &mut missing_files)
                    .map_err(|(path, e)| {
                        CommandError::new(
                            crate::cli::error::ExitKind::Failure,
                            format!("cannot read {}: {e}", path.display()),
                        )
                    })?;
                for line in files {
                    writeln!(out, "{line}")?;
                }
                exported += 1;
                progress.inc(1);
            }
        }
        ExportFormat::Csv => {
            let mut writer = csv::Writer::from_writer(sink.writer());
            let mut header: Vec<String> = CSV_COLUMNS.iter().map(|c| c.to_string()).collect();
            header.extend(csv_fields.iter().map(|f| format!("field.{f}")));
            writer.write_record(&header).map_err(csv_error)?;
            for record in snapshot.tickets(&keep) {
                let record = record?;
                writer
                    .write_record(csv_row(&record.ticket, &csv_fields))
                    .map_err(csv_error)?;
                exported += 1;
                progress.inc(1);
            }
            writer.flush()?;
        }
    }
    progress.finish();
    sink.finish()?;
    for missing in &missing_files {
        ctx.ui.warn(format!("attachment not exported: {missing}"));
    }
    if let Some(path) = &args.output {
        if ctx.ui.is_json() {
            ctx.ui.json(&Summary {
                tickets: exported,
                file: path.display().to_string(),
            })?;
        } else {
            ctx.ui.note(format!(
                "exported {} to {}",
                counted(exported, "ticket"),
                path.display()
            ));
        }
    }
    Ok(())
}

#[derive(Serialize)]
struct Summary {
    tickets: u64,
    file: String,
}

/// The fixed CSV columns, before one `field.NAME` column per template field.
pub const CSV_COLUMNS: [&str; 11] = [
    "id",
    "type",
    "title",
    "body",
    "status",
    "priority",
    "requester",
    "assignee",
    "created_at",
    "updated_at",
    "closed_at",
];

/// Field names of the templates (of `types`, when given), each once, in template order.
fn field_columns(ctx: &Context, types: &[String]) -> Result<Vec<String>, CommandError> {
    let catalog = ctx.catalog()?;
    let mut names: Vec<String> = Vec::new();
    for template in &catalog.templates {
        if !types.is_empty() && !types.contains(&template.name) {
            continue;
        }
        for field in &template.fields {
            if !names.contains(&field.name) {
                names.push(field.name.clone());
            }
        }
    }
    Ok(names)
}

fn time(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn csv_row(ticket: &Ticket, fields: &[String]) -> Vec<String> {
    let mut row = vec![
        ticket.id.to_string(),
        ticket.ticket_type.clone(),
        ticket.title.clone(),
        ticket.body.clone(),
        ticket.status.to_string(),
        ticket.priority.to_string(),
        ticket.requester.clone(),
        ticket.assignee.clone().unwrap_or_default(),
        time(ticket.created_at),
        time(ticket.updated_at),
        ticket.closed_at.map(time).unwrap_or_default(),
    ];
    row.extend(fields.iter().map(|name| match ticket.fields.get(name) {
        None | Some(serde_json::Value::Null) => String::new(),
        Some(serde_json::Value::String(text)) => text.clone(),
        Some(other) => other.to_string(),
    }));
    row
}

fn csv_error(error: csv::Error) -> CommandError {
    match error.into_kind() {
        csv::ErrorKind::Io(io) => CommandError::from(io),
        other => CommandError::new(
            crate::cli::error::ExitKind::Failure,
            format!("writing CSV: {other:?}"),
        ),
    }
}

/// Where the export goes: stdout, or a file written beside FILE and renamed into place
/// once complete, so a failed export never leaves half a file under the name asked for.
enum Sink {
    Stdout(BufWriter<io::Stdout>),
    File {
        writer: BufWriter<fs::File>,
        partial: PartialFile,
        path: PathBuf,
    },
}

impl Sink {
    fn open(path: Option<&Path>) -> Result<Sink, CommandError> {
        let Some(path) = path else {
            return Ok(Sink::Stdout(BufWriter::with_capacity(1 << 20, io::stdout())));
        };
        let partial = PartialFile::create(path)?;
        let file = partial.file.try_clone()?;
        Ok(Sink::File {
            writer: BufWriter::with_capacity(1 << 20, file),
            partial,
            path: path.to_path_buf(),
        })
    }

    fn writer(&mut self) -> &mut dyn Write {
        match self {
            Sink::Stdout(writer) => writer,
            Sink::File { writer, .. } => writer,
        }
    }

    fn finish(self) -> Result<(), CommandError> {
        match self {
            Sink::Stdout(mut writer) => Ok(writer.flush()?),
            Sink::File {
                mut writer,
                partial,
                path,
            } => {
                writer.flush()?;
                drop(writer);
                partial.commit(&path)
            }
        }
    }
}

/// `FILE.partial` beside `FILE`: removed on drop unless [`PartialFile::commit`] renamed it
/// to `FILE`, so a failed command leaves no half-written file behind.
pub struct PartialFile {
    pub file: fs::File,
    pub path: PathBuf,
    committed: bool,
}

impl PartialFile {
    pub fn create(target: &Path) -> Result<PartialFile, CommandError> {
        let mut name = target.file_name().unwrap_or_default().to_os_string();
        name.push(".partial");
        let path = target.with_file_name(name);
        let file = fs::File::create(&path).map_err(|e| {
            CommandError::new(
                crate::cli::error::ExitKind::Failure,
                format!("cannot write {}: {e}", path.display()),
            )
        })?;
        Ok(PartialFile {
            file,
            path,
            committed: false,
        })
    }

    /// Make the file durable and give it its real name.
    pub fn commit(mut self, target: &Path) -> Result<(), CommandError> {
        self.file.sync_all()?;
        fs::rename(&self.path, target)?;
        self.committed = true;
        Ok(())
    }
}

impl Drop for PartialFile {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_file(&self.path);
        }
    }
}
