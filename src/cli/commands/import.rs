//! `desk import FILE|-`: read a `desk export` (JSONL) or a spreadsheet (CSV) into this home.
//!
//! Two passes over the input. The first checks every record against its template and
//! against what the home holds, and writes nothing; the second writes the records the first
//! found good, in batches, through the store's normal ticket writer. So by default an
//! import with a bad line is refused whole, like any failing desk command (exit 5 with
//! every bad line listed, nothing written); `--skip-invalid` writes the good lines and
//! still exits 5 listing the bad ones; `--dry-run` stops after the first pass.
//!
//! Idempotent: a JSONL ticket keeps its id, and one that is already here with the same
//! content is skipped (different content is a conflict on that line). A CSV row becomes a
//! new ticket and its identity (the `--id-column` value, else a hash of the mapped
//! content) is remembered, so importing the file again skips it.

use std::collections::{hash_map::Entry, BTreeMap, HashMap, HashSet};
use std::fs::{self, File};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use clap::{Args, ValueEnum};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::cli::context::Context;
use crate::cli::error::{did_you_mean, CommandError, ExitKind};
use crate::cli::home::Catalog;
use crate::cli::intake::{self, Raw};
use crate::cli::output::counted;
use crate::cli::progress::Progress;
use crate::domain::config::Config;
use crate::domain::kb::Article;
use crate::domain::lifecycle::{self, NewTicket};
use crate::domain::transfer::{self, ExportRecord, EXPORT_FORMAT, EXPORT_VERSION};
use crate::domain::{Agent, Requester, Status};
use crate::store::cold::ArchivedTicket;
use crate::store::{Store, Txn};

use super::export::PartialFile;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportFormat {
    /// `desk export --format jsonl` output
    Jsonl,
    /// A spreadsheet: a header row, then one ticket per row (see --map)
    Csv,
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  desk import desk.jsonl --dry-run  check it all; write nothing
  desk import desk.jsonl            bring in a `desk export`
  desk import tickets.csv --type incident --map title=Summary \\
      --map requester=Email --id-column Key
                                    a spreadsheet; re-imports skip known rows")]
pub struct ImportArgs {
    /// The file to import, or - for standard input
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Input format [default: csv for a *.csv file, else jsonl]
    #[arg(long, value_enum)]
    pub format: Option<ImportFormat>,
    /// Check every record and report what would be written; write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Write the valid records even when some fail (the failures are still listed, exit 5)
    #[arg(long)]
    pub skip_invalid: bool,
    /// CSV: take TARGET from the column named COLUMN; TARGET is title, body, requester,
    /// priority, type, created_at or a template field (NAME or field.NAME). Columns named
    /// like a target are taken without a mapping (repeatable)
    #[arg(long = "map", value_name = "TARGET=COLUMN")]
    pub map: Vec<String>,
    /// CSV: the ticket type of rows that have no type column
    #[arg(long = "type", value_name = "TYPE")]
    pub ticket_type: Option<String>,
    /// CSV: the column that identifies a row in its source; a re-import skips rows whose
    /// id was imported before [default: a hash of the row's mapped content]
    #[arg(long, value_name = "COLUMN")]
    pub id_column: Option<String>,
}

/// Tickets (and people) are written in commits of this many records.
const BATCH: usize = 2_000;
/// At most this many failed lines are listed; the rest are counted.
const MAX_LISTED: usize = 100;

/// What the first pass decided for one line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    /// Nothing to do: the header, an empty line, or a record already here as it is.
    Skip,
    /// Write it (a ticket to the hot store, or an agent or requester).
    Write,
    /// A closed ticket past the archive age: straight into the archive.
    Archive,
    Failed,
}

/// A line the first pass refused.
struct Failure {
    line: u64,
    message: String,
    conflict: bool,
}

#[derive(Debug, Default, Serialize)]
struct Summary {
    /// Tickets written (or, with --dry-run, that would be).
    created: u64,
    /// Of those, written straight to the archive (closed past the archive age).
    archived: u64,
    /// Records already here with the same content.
    unchanged: u64,
    agents: u64,
    requesters: u64,
    /// Knowledge-base articles written.
    articles: u64,
    /// Attachment files written under `attachments/<id>/`.
    attachments: u64,
    failed: u64,
    dry_run: bool,
}

/// Who may import: admins only (an import rewrites history and people).
fn require_admin(ctx: &Context, txn: &Txn<'_>, what: &str) -> Result<(), CommandError> {
    ctx.require_admin(txn, what)
        .map_err(|e| e.with_hint("act as an admin with --as NAME; the user who ran `desk init` is one"))
}

pub fn run(ctx: &Context, args: &ImportArgs) -> Result<(), CommandError> {
    let format = args.format.unwrap_or_else(|| {
        if args
            .file
            .extension()
            .is_some_and(|ext| ext.eq_ignore_ascii_case("csv"))
        {
            ImportFormat::Csv
        } else {
            ImportFormat::Jsonl
        }
    });
    if format == ImportFormat::Jsonl
        && (!args.map.is_empty() || args.ticket_type.is_some() || args.id_column.is_some())
    {
        return Err(
            CommandError::invalid("--map, --type and --id-column are for CSV input").with_hint(
                "a JSONL export carries every ticket's type and id; add --format csv for a spreadsheet",
            ),
        );
    }
    ctx.home.require()?;
    let config = ctx.config()?;
    let catalog = ctx.catalog()?;
    let input = Input::open(ctx, &args.file)?;
    let store = ctx.open_store()?;
    require_admin(ctx, &store.txn(), "import")?;
    let (summary, failures) = match format {
        ImportFormat::Jsonl => import_jsonl(ctx, args, &store, &config, &catalog, input)?,
        ImportFormat::Csv => import_csv(ctx, args, &store, &config, &catalog, input)?,
    };
    drop(store);
    report(ctx, args, &summary, failures)
}

fn report(
    ctx: &Context,
    args: &ImportArgs,
    summary: &Summary,
    failures: Vec<Failure>,
) -> Result<(), CommandError> {
    let wrote = !args.dry_run && (failures.is_empty() || args.skip_invalid);
    if ctx.ui.is_json() && (failures.is_empty() || wrote) {
        ctx.ui.json(summary)?;
    } else if wrote || failures.is_empty() {
        let verb = if args.dry_run { "would import" } else { "imported" };
        ctx.ui.note(format!(
            "{verb} {} ({} straight to the archive), {}, {}, {}, {}; {} unchanged",
            counted(summary.created as usize, "ticket"),
            summary.archived,
            counted(summary.agents as usize, "agent"),
            counted(summary.requesters as usize, "requester"),
            counted(summary.articles as usize, "article"),
            counted(summary.attachments as usize, "attached file"),
            summary.unchanged
        ));
    }
    if failures.is_empty() {
        return Ok(());
    }
    let all_conflicts = failures.iter().all(|f| f.conflict);
    let count = failures.len();
    let mut details: Vec<String> = failures
        .iter()
        .take(MAX_LISTED)
        .map(|f| format!("line {}: {}", f.line, f.message))
        .collect();
    if count > MAX_LISTED {
        details.push(format!("… and {} more", count - MAX_LISTED));
    }
    let kind = if all_conflicts {
        ExitKind::Conflict
    } else {
        ExitKind::Invalid
    };
    let message = if wrote {
        format!(
            "{} failed and {} not imported; the others were",
            counted(count, "record"),
            if count == 1 { "was" } else { "were" }
        )
    } else {
        format!("{} failed; nothing was imported", counted(count, "record"))
    };
    let mut error = CommandError::new(kind, message).with_details(details);
    if !wrote && !args.dry_run {
        error = error.with_hint("fix those lines and run the import again, or add --skip-invalid to import the others now (a later import of the fixed file skips what is already here)");
    }
    Err(error)
}

// --- input ---

/// The input, readable twice: a file, or standard input spooled to a file in the home.
struct Input {
    file: File,
    len: u64,
    /// The spool file for standard input (removed when done).
    _spool: Option<PartialFile>,
}

impl Input {
    fn open(ctx: &Context, path: &Path) -> Result<Input, CommandError> {
        if path == Path::new("-") {
            ctx.home.require()?;
            let spool_target = ctx.home.root().join(format!(".import-{}", std::process::id()));
            let mut spool = PartialFile::create(&spool_target)?;
            crate::cli::retry::mark_unrepeatable();
            let len = io::copy(&mut io::stdin().lock(), &mut spool.file)?;
            let file = File::open(&spool.path)?;
            return Ok(Input {
                file,
                len,
                _spool: Some(spool),
            });
        }
        let file = File::open(path).map_err(|e| match e.kind() {
            io::ErrorKind::NotFound => CommandError::not_found(format!("no file at {}", path.display())),
            _ => CommandError::invalid(format!("cannot read {}: {e}", path.display())),
        })?;
        let len = file.metadata()?.len();
        Ok(Input {
            file,
            len,
            _spool: None,
        })
    }

    /// A reader from the start, counting bytes into `progress`.
    fn reader<'p>(&self, progress: &'p Progress) -> Result<BufReader<Counting<'p, File>>, CommandError> {
        let mut file = self.file.try_clone()?;
        file.seek(SeekFrom::Start(0))?;
        Ok(BufReader::with_capacity(
            1 << 20,
            Counting {
                inner: file,
                progress,
            },
        ))
    }
}

/// A reader that moves a progress bar by the bytes it reads.
struct Counting<'p, R> {
    inner: R,
    progress: &'p Progress,
}

impl<R: Read> Read for Counting<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.progress.inc(n as u64);
        Ok(n)
    }
}

/// Lines of a reader, numbered from 1, as text (a line that is not UTF-8 is an error on
/// that line, not the end of the import).
fn for_each_line(
    reader: impl BufRead,
    mut visit: impl FnMut(u64, Result<&str, String>) -> Result<(), CommandError>,
) -> Result<(), CommandError> {
    let mut reader = reader;
    let mut buffer = Vec::new();
    let mut number = 0u64;
    loop {
        buffer.clear();
        if reader.read_until(b'\n', &mut buffer)? == 0 {
            return Ok(());
        }
        number += 1;
        let text = std::str::from_utf8(&buffer)
            .map(|t| t.trim_end_matches(['\n', '\r']))
            .map_err(|e| format!("not UTF-8 text: {e}"));
        visit(number, text)?;
    }
}

// --- JSONL ---

fn import_jsonl(
    ctx: &Context,
    args: &ImportArgs,
    store: &Store,
    config: &Config,
    catalog: &Catalog,
    input: Input,
) -> Result<(Summary, Vec<Failure>), CommandError> {
    let cutoff = ctx.now - chrono::Duration::from_std(config.archive.after).unwrap_or(chrono::Duration::MAX);
    let existing = store.existing_tickets()?;
    let mut plan: Vec<Action> = Vec::new();
    let mut failures = Vec::new();
    let mut summary = Summary {
        dry_run: args.dry_run,
        ..Summary::default()
    };
    let mut max_id = 0u64;
    // id -> (line, hash of the line): a ticket twice in one file.
    let mut seen_tickets: HashMap<u64, (u64, u64)> = HashMap::new();
    let mut seen_people: HashMap<(bool, String), u64> = HashMap::new();
    let mut seen_articles: HashMap<u64, u64> = HashMap::new();
    // Files each good ticket line lists as kept, so an attachment line names one of them;
    // and tickets whose line failed, whose files are refused with them.
    let mut kept_files: HashMap<u64, HashSet<String>> = HashMap::new();
    let mut failed_tickets: HashSet<u64> = HashSet::new();
    let mut seen_files: HashMap<(u64, String), u64> = HashMap::new();

    let progress = Progress::bytes(&ctx.ui, input.len, "checking");
    for_each_line(input.reader(&progress)?, |number, text| {
        let mut fail = |message: String, conflict: bool| {
            failures.push(Failure {
                line: number,
                message,
                conflict,
            });
            Action::Failed
        };
        let action = match text {
            Err(message) => fail(message, false),
            Ok(text) if number == 1 => match transfer::parse_line(text) {
                Ok(ExportRecord::Header { version, .. }) if version <= EXPORT_VERSION => Action::Skip,
                Ok(ExportRecord::Header { version, .. }) => {
                    return Err(CommandError::invalid(format!(
                        "line 1: export format version {version}; this desk reads up to {EXPORT_VERSION}"
                    ))
                    .with_hint("import it with a newer desk"))
                }
                _ => {
                    return Err(CommandError::invalid(format!(
                        "line 1: not a desk export (it starts with a `{EXPORT_FORMAT}` record)"
                    ))
                    .with_hint(
                        "export with `desk export --format jsonl`; for a spreadsheet use --format csv",
                    ))
                }
            },
            Ok(text) if text.trim().is_empty() => Action::Skip,
            Ok(text) => match transfer::parse_line(text) {
                Err(message) => fail(message, false),
                Ok(ExportRecord::Header { .. }) => fail("a second header record".into(), false),
                Ok(ExportRecord::Agent(agent)) => {
                    let problems = transfer::check_agent(&agent);
                    if !problems.is_empty() {
                        fail(format!("agent `{}`: {}", agent.name, problems.join("; ")), false)
                    } else if let Some(first) = seen_people.insert((true, agent.name.clone()), number) {
                        fail(
                            format!("agent `{}` again (first on line {first})", agent.name),
                            false,
                        )
                    } else if store.txn().agent(&agent.name)?.as_ref() == Some(&agent) {
                        summary.unchanged += 1;
                        Action::Skip
                    } else {
                        summary.agents += 1;
                        Action::Write
                    }
                }
                Ok(ExportRecord::Requester(requester)) => {
                    let problems = transfer::check_requester(&requester);
                    if !problems.is_empty() {
                        fail(
                            format!("requester `{}`: {}", requester.name, problems.join("; ")),
                            false,
                        )
                    } else if let Some(first) = seen_people.insert((false, requester.name.clone()), number) {
                        fail(
                            format!("requester `{}` again (first on line {first})", requester.name),
                            false,
                        )
                    } else if store.txn().requester(&requester.name)?.as_ref() == Some(&requester) {
                        summary.unchanged += 1;
                        Action::Skip
                    } else {
                        summary.requesters += 1;
                        Action::Write
                    }
                }
                Ok(ExportRecord::Kb(article)) => {
                    let problems = transfer::check_article(&article);
                    if !problems.is_empty() {
                        fail(
                            format!("article {}: {}", article.display_id(), problems.join("; ")),
                            false,
                        )
                    } else if let Some(first) = seen_articles.insert(article.id, number) {
                        fail(
                            format!("article {} again (first on line {first})", article.display_id()),
                            false,
                        )
                    } else if store.txn().article(article.id)?.as_ref() == Some(&*article) {
                        summary.unchanged += 1;
                        Action::Skip
                    } else {
                        summary.articles += 1;
                        Action::Write
                    }
                }
                Ok(ExportRecord::Ticket { ticket, events }) => {
                    let id = ticket.id;
                    let kept: HashSet<String> = ticket
                        .attachments
                        .iter()
                        .filter_map(|file| file.stored_as.clone())
                        .collect();
                    let action = {
                        let problems = match catalog.get(&ticket.ticket_type) {
                            Some(template) => transfer::check_ticket(&ticket, &events, template),
                            None => vec![match catalog.broken(&ticket.ticket_type) {
                                Some(error) => {
                                    format!("type `{}` has a broken template: {error}", ticket.ticket_type)
                                }
                                None => format!(
                                    "unknown ticket type `{}` ({})",
                                    ticket.ticket_type,
                                    intake::available_types(catalog)
                                ),
                            }],
                        };
                        let mut hasher = DefaultHasher::new();
                        text.hash(&mut hasher);
                        let hash = hasher.finish();
                        if !problems.is_empty() {
                            fail(format!("ticket {id}: {}", problems.join("; ")), false)
                        } else {
                            match seen_tickets.entry(id) {
                                Entry::Occupied(first) if first.get().1 == hash => {
                                    summary.unchanged += 1;
                                    Action::Skip
                                }
                                Entry::Occupied(first) => fail(
                                    format!(
                                        "ticket {id} again with other content (first on line {})",
                                        first.get().0
                                    ),
                                    true,
                                ),
                                Entry::Vacant(slot) => {
                                    slot.insert((number, hash));
                                    let record = ArchivedTicket {
                                        ticket: *ticket,
                                        events,
                                    };
                                    match store.existing_ticket(&existing, id)? {
                                        Some(here) if here == record => {
                                            summary.unchanged += 1;
                                            Action::Skip
                                        }
                                        Some(_) => fail(
                                            format!(
                                            "ticket {id} already exists here with other content (conflict)"
                                        ),
                                            true,
                                        ),
                                        None => {
                                            max_id = max_id.max(id);
                                            summary.created += 1;
                                            if goes_to_archive(&record, cutoff) {
                                                summary.archived += 1;
                                                Action::Archive
                                            } else {
                                                Action::Write
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    };
                    if action == Action::Failed {
                        failed_tickets.insert(id);
                    } else {
                        kept_files.entry(id).or_insert(kept);
                    }
                    action
                }
                Ok(ExportRecord::Attachment {
                    ticket_id,
                    stored_as,
                    bytes,
                }) => {
                    let what = format!("attachment {stored_as} of ticket {ticket_id}");
                    let listed = kept_files
                        .get(&ticket_id)
                        .is_some_and(|names| names.contains(&stored_as));
                    if failed_tickets.contains(&ticket_id) {
                        fail(format!("{what}: its ticket's line failed"), false)
                    } else if !listed {
                        fail(format!("{what}: no ticket line before it lists that file"), false)
                    } else if let Some(first) = seen_files.insert((ticket_id, stored_as.clone()), number) {
                        fail(format!("{what} again (first on line {first})"), false)
                    } else {
                        match fs::read(ctx.home.attachments_dir(ticket_id).join(&stored_as)) {
                            Ok(here) if here == bytes => {
                                summary.unchanged += 1;
                                Action::Skip
                            }
                            Ok(_) => fail(
                                format!("{what} already exists here with other content (conflict)"),
                                true,
                            ),
                            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                                summary.attachments += 1;
                                Action::Write
                            }
                            Err(e) => return Err(e.into()),
                        }
                    }
                }
            },
        };
        plan.push(action);
        Ok(())
    })?;
    progress.finish();
    if plan.is_empty() {
        return Err(CommandError::invalid("the input is empty")
            .with_hint("export with `desk export --format jsonl > FILE`"));
    }
    summary.failed = failures.len() as u64;
    if args.dry_run || (!failures.is_empty() && !args.skip_invalid) {
        return Ok((summary, failures));
    }

    // Second pass: write what the first found good.
    let progress = Progress::bytes(&ctx.ui, input.len, "importing");
    if max_id > 0 {
        let mut txn = store.txn();
        txn.reserve_ids_through(max_id)?;
        txn.commit()?;
    }
    let mut batch = Batch::default();
    for_each_line(input.reader(&progress)?, |number, text| {
        let action = plan[(number - 1) as usize];
        if matches!(action, Action::Skip | Action::Failed) {
            return Ok(());
        }
        let text = text.map_err(|e| changed_under_us(number, &e))?;
        match transfer::parse_line(text).map_err(|e| changed_under_us(number, &e))? {
            ExportRecord::Agent(agent) => batch.agents.push(agent),
            ExportRecord::Requester(requester) => batch.requesters.push(requester),
            ExportRecord::Kb(article) => batch.articles.push(*article),
            ExportRecord::Ticket { ticket, events } => {
                let record = ArchivedTicket {
                    ticket: *ticket,
                    events,
                };
                if action == Action::Archive {
                    batch.archive.push(record);
                } else {
                    batch.hot.push(record);
                }
            }
            ExportRecord::Attachment {
                ticket_id,
                stored_as,
                bytes,
            } => {
                batch.file_bytes += bytes.len();
                batch
                    .files
                    .push((ticket_id, ctx.home.attachments_dir(ticket_id), stored_as, bytes));
            }
            ExportRecord::Header { .. } => {}
        }
        if batch.len() >= BATCH || batch.file_bytes >= BATCH_FILE_BYTES {
            batch.write(store)?;
        }
        Ok(())
    })?;
    batch.write(store)?;
    progress.finish();
    Ok((summary, failures))
}

/// A closed ticket past the archive age is written straight to the archive, where the
/// automatic archiver would soon move it anyway.
fn goes_to_archive(record: &ArchivedTicket, cutoff: DateTime<Utc>) -> bool {
    record.ticket.status == Status::Closed && record.ticket.closed_at.is_some_and(|at| at < cutoff)
}

fn changed_under_us(line: u64, error: &str) -> CommandError {
    CommandError::new(
        ExitKind::Failure,
        format!("line {line} changed while importing ({error}); part of the input may be imported"),
    )
    .with_hint("import the file again: what is already here is skipped")
}

/// A batch is written early once its attachment files hold this many bytes.
const BATCH_FILE_BYTES: usize = 64 << 20;

#[derive(Default)]
struct Batch {
    agents: Vec<Agent>,
    requesters: Vec<Requester>,
    articles: Vec<Article>,
    hot: Vec<ArchivedTicket>,
    archive: Vec<ArchivedTicket>,
    /// Attachment files: the ticket's directory, the file's name in it, its bytes.
    files: Vec<(u64, PathBuf, String, Vec<u8>)>,
    file_bytes: usize,
}

impl Batch {
    fn len(&self) -> usize {
        self.agents.len()
            + self.requesters.len()
            + self.articles.len()
            + self.hot.len()
            + self.archive.len()
            + self.files.len()
    }

    /// The records first, then the files: a file never exists without its ticket.
    fn write(&mut self, store: &Store) -> Result<(), CommandError> {
        let batch = std::mem::take(self);
        store.import_records(
            &batch.agents,
            &batch.requesters,
            &batch.articles,
            &batch.hot,
            batch.archive,
        )?;
        if store.is_shared() && !batch.files.is_empty() {
            // A team store keeps the files too, for every host (see `attachments::share`).
            let mut txn = store.txn();
            for (id, _, name, bytes) in &batch.files {
                txn.share_attachment(*id, name, bytes);
            }
            txn.commit()?;
        }
        for (_, dir, name, bytes) in batch.files {
            fs::create_dir_all(&dir)?;
            fs::write(dir.join(name), bytes)?;
        }
        Ok(())
    }
}

// --- CSV ---

/// What a CSV column can fill.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Target {
    Title,
    Body,
    Requester,
    Priority,
    Type,
    CreatedAt,
    Field(String),
}

impl Target {
    fn parse(name: &str) -> Target {
        match name {
            "title" => Target::Title,
            "body" => Target::Body,
            "requester" => Target::Requester,
            "priority" => Target::Priority,
            "type" => Target::Type,
            "created_at" => Target::CreatedAt,
            other => Target::Field(other.strip_prefix("field.").unwrap_or(other).to_string()),
        }
    }

    /// Columns with these names are taken without a --map.
    fn of_header(name: &str) -> Option<Target> {
        match name {
            "title" | "body" | "requester" | "priority" | "type" | "created_at" => Some(Target::parse(name)),
            other => other.strip_prefix("field.").map(|f| Target::Field(f.to_string())),
        }
    }
}

/// The fixed targets of --map, before the template fields.
const FIXED_TARGETS: [&str; 6] = ["title", "body", "requester", "priority", "type", "created_at"];

/// A --map target must be a fixed one or a field of the templates the rows can have (the
/// --type's, else any), so a misspelled target is an error rather than a silently empty
/// column.
fn check_target(
    catalog: &Catalog,
    ticket_type: Option<&str>,
    spec: &str,
    target: &Target,
) -> Result<(), CommandError> {
    let Target::Field(name) = target else {
        return Ok(());
    };
    let mut fields: Vec<&str> = Vec::new();
    for template in &catalog.templates {
        if ticket_type.is_some_and(|t| t != template.name) {
            continue;
        }
        for field in &template.fields {
            if !fields.contains(&field.name.as_str()) {
                fields.push(&field.name);
            }
        }
    }
    if fields.contains(&name.as_str()) {
        return Ok(());
    }
    let typed = spec.split_once('=').map_or(spec, |(t, _)| t.trim());
    let mut error = CommandError::invalid(format!("--map {spec}: unknown target `{typed}`"));
    let candidates = FIXED_TARGETS.iter().copied().chain(fields.iter().copied());
    if let Some(hint) = did_you_mean(typed.strip_prefix("field.").unwrap_or(typed), candidates) {
        error = error.with_hint(hint);
    }
    let of = match ticket_type {
        Some(t) => format!("fields of `{t}`"),
        None => "template fields".to_string(),
    };
    Err(error.with_hint(format!(
        "the targets are: {}; {of}: {}",
        FIXED_TARGETS.join(", "),
        if fields.is_empty() {
            "none".to_string()
        } else {
            fields.join(", ")
        }
    )))
}

/// Which column fills which target.
fn column_mapping(
    args: &ImportArgs,
    catalog: &Catalog,
    headers: &csv::StringRecord,
) -> Result<BTreeMap<Target, usize>, CommandError> {
    let position = |column: &str| headers.iter().position(|h| h == column);
    let mut mapping = BTreeMap::new();
    for (index, header) in headers.iter().enumerate() {
        if let Some(target) = Target::of_header(header) {
            mapping.insert(target, index);
        }
    }
    for spec in &args.map {
        let Some((target, column)) = spec.split_once('=') else {
            return Err(
                CommandError::invalid(format!("--map `{spec}` is not TARGET=COLUMN"))
                    .with_hint("e.g. --map title=Summary --map requester=Email --map field.service=Service"),
            );
        };
        let index = position(column).ok_or_else(|| {
            CommandError::invalid(format!("--map {spec}: no column `{column}` in the header")).with_hint(
                format!(
                    "the columns are: {}",
                    headers.iter().collect::<Vec<_>>().join(", ")
                ),
            )
        })?;
        let target = Target::parse(target.trim());
        check_target(catalog, args.ticket_type.as_deref(), spec, &target)?;
        mapping.insert(target, index);
    }
    if !mapping.contains_key(&Target::Title) {
        return Err(CommandError::invalid("no column gives the ticket's title")
            .with_hint("name the column `title`, or map one with --map title=COLUMN"));
    }
    if !mapping.contains_key(&Target::Type) && args.ticket_type.is_none() {
        return Err(CommandError::invalid("no ticket type for the rows")
            .with_hint("give --type TYPE, or a `type` column (--map type=COLUMN)"));
    }
    Ok(mapping)
}

/// One CSV row, mapped and checked: what the second pass turns into a ticket.
struct Row {
    ticket_type: String,
    title: String,
    body: String,
    requester: String,
    priority: Option<crate::domain::Priority>,
    fields: BTreeMap<String, serde_json::Value>,
    created_at: DateTime<Utc>,
    /// The row's identity for idempotent re-imports.
    key: String,
}

fn read_row(
    ctx: &Context,
    args: &ImportArgs,
    catalog: &Catalog,
    mapping: &BTreeMap<Target, usize>,
    id_column: Option<usize>,
    record: &csv::StringRecord,
) -> Result<Row, String> {
    let cell = |target: &Target| {
        mapping
            .get(target)
            .and_then(|&i| record.get(i))
            .map(str::trim)
            .filter(|v| !v.is_empty())
    };
    let ticket_type = cell(&Target::Type)
        .map(str::to_string)
        .or_else(|| args.ticket_type.clone())
        .ok_or("no ticket type (empty type cell and no --type)")?;
    let fields: Vec<(String, String)> = mapping
        .keys()
        .filter_map(|target| match target {
            Target::Field(name) => cell(target).map(|v| (name.clone(), v.to_string())),
            _ => None,
        })
        .collect();
    let raw = Raw {
        ticket_type: ticket_type.clone(),
        title: cell(&Target::Title).unwrap_or_default().to_string(),
        body: mapping
            .get(&Target::Body)
            .and_then(|&i| record.get(i))
            .unwrap_or_default()
            .to_string(),
        fields,
        priority: cell(&Target::Priority).map(str::to_string),
        requester: Some(cell(&Target::Requester).unwrap_or(ctx.user()).to_string()),
        actor: Some(ctx.user().to_string()),
        dedup_key: None,
        over_limit: false,
        channel: "import".to_string(),
        attachments: Vec::new(),
    };
    let prepared = intake::prepare(catalog, raw).map_err(|e| {
        let mut text = e.message;
        if !e.details.is_empty() {
            text = format!("{text}: {}", e.details.join("; "));
        }
        text
    })?;
    let created_at = match cell(&Target::CreatedAt) {
        None => ctx.now,
        Some(text) => DateTime::parse_from_rfc3339(text)
            .map(|t| t.with_timezone(&Utc))
            .map_err(|_| format!("created_at `{text}` is not an RFC 3339 time (2026-03-01T09:00:00Z)"))?,
    };
    let key = match id_column {
        Some(index) => {
            let value = record.get(index).map(str::trim).unwrap_or_default();
            if value.is_empty() {
                return Err(format!(
                    "the id column `{}` is empty",
                    args.id_column.as_deref().unwrap_or_default()
                ));
            }
            format!("id:{}:{value}", args.id_column.as_deref().unwrap_or_default())
        }
        None => {
            let content = serde_json::json!([
                prepared.template.name,
                prepared.title,
                prepared.body,
                prepared.requester,
                prepared.priority.map(|p| p.as_str()),
                prepared.fields,
                cell(&Target::CreatedAt),
            ]);
            format!("sha256:{:x}", Sha256::digest(content.to_string().as_bytes()))
        }
    };
    Ok(Row {
        ticket_type: prepared.template.name.clone(),
        title: prepared.title,
        body: prepared.body,
        requester: prepared.requester.unwrap_or_else(|| ctx.user().to_string()),
        priority: prepared.priority,
        fields: prepared.fields,
        created_at,
        key,
    })
}

fn csv_reader<R: Read>(reader: R) -> csv::Reader<R> {
    csv::ReaderBuilder::new().flexible(true).from_reader(reader)
}

fn csv_failure(error: &csv::Error) -> (u64, String) {
    let line = error.position().map_or(0, |p| p.line());
    (line, format!("not CSV: {error}"))
}

fn import_csv(
    ctx: &Context,
    args: &ImportArgs,
    store: &Store,
    config: &Config,
    catalog: &Catalog,
    input: Input,
) -> Result<(Summary, Vec<Failure>), CommandError> {
    let mut failures = Vec::new();
    let mut summary = Summary {
        dry_run: args.dry_run,
        ..Summary::default()
    };
    let progress = Progress::bytes(&ctx.ui, input.len, "checking");
    let mut reader = csv_reader(input.reader(&progress)?);
    let headers = reader
        .headers()
        .map_err(|e| CommandError::invalid(format!("line 1: not a CSV header: {e}")))?
        .clone();
    if headers.is_empty() {
        return Err(
            CommandError::invalid("the input is empty").with_hint("a CSV import starts with a header row")
        );
    }
    let mapping = column_mapping(args, catalog, &headers)?;
    let id_column = match &args.id_column {
        Some(column) => Some(headers.iter().position(|h| h == column).ok_or_else(|| {
            CommandError::invalid(format!("--id-column {column}: no such column in the header"))
        })?),
        None => None,
    };
    let mut plan = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    let txn = store.txn();
    for result in reader.records() {
        let action = match result {
            Err(error) => {
                let (line, message) = csv_failure(&error);
                failures.push(Failure {
                    line,
                    message,
                    conflict: false,
                });
                Action::Failed
            }
            Ok(record) => {
                let line = record.position().map_or(0, |p| p.line());
                match read_row(ctx, args, catalog, &mapping, id_column, &record) {
                    Err(message) => {
                        failures.push(Failure {
                            line,
                            message,
                            conflict: false,
                        });
                        Action::Failed
                    }
                    Ok(row) if txn.imported_row(&row.key)?.is_some() || !seen.insert(row.key.clone()) => {
                        summary.unchanged += 1;
                        Action::Skip
                    }
                    Ok(_) => {
                        summary.created += 1;
                        Action::Write
                    }
                }
            }
        };
        plan.push(action);
    }
    drop(txn);
    progress.finish();
    summary.failed = failures.len() as u64;
    if args.dry_run || (!failures.is_empty() && !args.skip_invalid) {
        return Ok((summary, failures));
    }

    let progress = Progress::bytes(&ctx.ui, input.len, "importing");
    let mut reader = csv_reader(input.reader(&progress)?);
    let mut rows = Vec::new();
    for (index, result) in reader.records().enumerate() {
        if plan.get(index) != Some(&Action::Write) {
            continue;
        }
        let record = result.map_err(|e| changed_under_us(csv_failure(&e).0, &e.to_string()))?;
        let line = record.position().map_or(0, |p| p.line());
        let row = read_row(ctx, args, catalog, &mapping, id_column, &record)
            .map_err(|e| changed_under_us(line, &e))?;
        rows.push(row);
        if rows.len() >= BATCH {
            write_rows(ctx, store, config, catalog, std::mem::take(&mut rows))?;
        }
    }
    write_rows(ctx, store, config, catalog, rows)?;
    progress.finish();
    Ok((summary, failures))
}

/// File checked rows as new tickets in one commit, as `ticket new` files them (tier
/// priority floor, SLA policy and clocks, every index), remembering each row's identity.
/// No rate limits (an admin's bulk load) and no notifications (the events are history).
fn write_rows(
    ctx: &Context,
    store: &Store,
    config: &Config,
    catalog: &Catalog,
    rows: Vec<Row>,
) -> Result<(), CommandError> {
    if rows.is_empty() {
        return Ok(());
    }
    let mut txn = store.txn();
    for row in rows {
        let template = catalog
            .get(&row.ticket_type)
            .expect("rows were checked against the catalog");
        let tier = intake::tier_of(&txn, config, &row.requester)?;
        let id = txn.allocate_ticket_id()?;
        let requested = row.priority.unwrap_or(template.priority);
        let (mut ticket, event) = lifecycle::create(
            id,
            NewTicket {
                ticket_type: template.name.clone(),
                prefix: template.prefix.clone(),
                workflow: template.workflow,
                title: row.title,
                body: row.body,
                priority: tier.adjust_priority(requested),
                requester: row.requester,
                fields: row.fields,
                dedup_key: None,
                sla_policy: tier.sla.clone().or_else(|| template.sla.clone()),
                channel: Some("import".to_string()),
                attachments: Vec::new(),
            },
            ctx.user(),
            row.created_at,
        );
        crate::cli::sla::refresh(config, &mut ticket, std::slice::from_ref(&event), ctx.now);
        txn.put_ticket(&ticket)?;
        txn.import_event(id, &event);
        txn.record_imported_row(&row.key, id);
    }
    txn.commit()?;
    Ok(())
}
