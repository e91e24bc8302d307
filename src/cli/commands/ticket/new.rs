//! `desk ticket new`: file a ticket from a template, from flags (prompting on a terminal
//! for what is missing) or from JSON (`--from-json FILE|-`, one object or JSON Lines).
//!
//! Everything that can be checked without the store (template, title, fields, body) is
//! checked first, so the store's lock is held only for the short write at the end. The
//! rules that need the store (tiers, rate limits, deduplication) live in
//! [`crate::cli::intake`], shared with `desk ingest email`.

use std::collections::BTreeMap;
use std::path::PathBuf;

use clap::builder::PossibleValuesParser;
use clap::Args;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::cli::context::Context;
use crate::cli::error::{CommandError, ExitKind};
use crate::cli::home::Catalog;
use crate::cli::intake::{self, Outcome, Raw};
use crate::cli::output::TicketJson;
use crate::cli::search::{open_engine, HitJson};
use crate::domain::lifecycle;
use crate::domain::template::{FieldSpec, FieldType, Template};
use crate::domain::Status;
use crate::search::{DocKind, Hit, SearchRequest};

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  desk ticket new -t incident --title \"Checkout down\" -f service=checkout
                        an incident; template fields as -f KEY=VALUE
  desk ticket new -t access-request --title \"VPN access\" -f system=vpn
                        on a terminal, desk asks for the missing justification
  desk ticket new -t ci-failure --title \"test failed on main\" \\
      -f repo=acme/shop -f job=test --dedup-key ci:acme/shop:test:main
                        a CI failure; repeats while it is open are occurrences
  desk ticket new --from-json tickets.jsonl
                        one ticket per JSON line")]
pub struct NewArgs {
    /// Ticket type: a template name (see `desk template list`)
    #[arg(long = "type", short = 't', value_name = "TYPE")]
    pub ticket_type: Option<String>,
    /// One-line summary
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
    /// Body text; `-` reads standard input
    #[arg(long, value_name = "TEXT", conflicts_with = "body_file")]
    pub body: Option<String>,
    /// Read the body from a file
    #[arg(long, value_name = "FILE")]
    pub body_file: Option<PathBuf>,
    /// A template field, as KEY=VALUE (repeatable)
    #[arg(long = "field", short = 'f', value_name = "KEY=VALUE", value_parser = parse_key_value)]
    pub fields: Vec<(String, String)>,
    /// Priority [default: the template's, raised by the requester's tier]
    #[arg(long, short = 'p', value_parser = PossibleValuesParser::new(["urgent", "high", "normal", "low"]))]
    pub priority: Option<String>,
    /// File on behalf of this requester (agents only) [default: the acting user]
    #[arg(long, value_name = "NAME", value_parser = crate::cli::context::parse_requester)]
    pub requester: Option<String>,
    /// Deduplicate: if an open ticket has this key, record an occurrence on it instead
    #[arg(long, value_name = "KEY")]
    pub dedup_key: Option<String>,
    /// File past the requester's rate limit (leads and admins; recorded in the history)
    #[arg(long)]
    pub over_limit: bool,
    /// Read tickets as JSON from FILE (`-` for standard input): one object, or JSON Lines
    #[arg(
        long,
        value_name = "FILE",
        conflicts_with_all = ["title", "body", "body_file", "fields", "dedup_key"]
    )]
    pub from_json: Option<String>,
    /// Attach a file (repeatable). Limits per file and per ticket: `[attachments]` in config.toml
    #[arg(long = "attach", value_name = "FILE", conflicts_with = "from_json")]
    pub attach: Vec<PathBuf>,
    /// Name the channel the ticket came through, for `report --by channel`: a lowercase word
    /// such as web, im or ci [default: cli; json with --from-json, where a `channel` key wins]
    #[arg(long, value_name = "NAME", value_parser = parse_channel)]
    pub channel: Option<String>,
    /// Route the new ticket to an agent at once, as `desk assign auto` would (leads and admins)
    #[arg(long, value_name = "HOW", value_parser = PossibleValuesParser::new(["auto"]))]
    pub assign: Option<String>,
    /// Show matching KB articles and similar closed tickets first (on stderr; in --json as
    /// `suggestions`). Always done on a terminal, which then asks whether to file anyway
    #[arg(long, conflicts_with = "from_json")]
    pub suggest: bool,
    /// Tag the new ticket (repeatable or comma-separated), on top of the type's default tags
    #[arg(long = "tag", value_name = "TAG", value_delimiter = ',', value_parser = crate::cli::context::parse_tag)]
    pub tags: Vec<String>,
}

fn parse_channel(text: &str) -> Result<String, String> {
    lifecycle::validate_channel(text)
        .map(|()| text.to_string())
        .map_err(|e| e.to_string())
}

fn parse_key_value(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((key, value)) if !key.trim().is_empty() => Ok((key.trim().to_string(), value.to_string())),
        _ => Err(format!("expected KEY=VALUE, got `{text}`")),
    }
}

#[derive(Serialize)]
pub struct NewTicketJson<'a> {
    #[serde(flatten)]
    pub ticket: TicketJson<'a>,
    /// True when the dedup key matched an open ticket and no new ticket was made.
    pub deduplicated: bool,
    pub occurrences: u32,
    /// With `--assign auto`: the agent routing chose (null: it stays unclaimed) and why.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub routing: Option<RoutingJson<'a>>,
    /// With `--suggest`: what the knowledge base and earlier closed tickets offered.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggestions: Option<SuggestionsJson<'a>>,
}

#[derive(Serialize)]
pub struct SuggestionsJson<'a> {
    pub articles: Vec<HitJson<'a>>,
    pub tickets: Vec<HitJson<'a>>,
}

/// What the knowledge base and the closed tickets offer for a submission.
#[derive(Default)]
pub struct Suggestions {
    pub articles: Vec<Hit>,
    pub tickets: Vec<Hit>,
}

impl Suggestions {
    fn is_empty(&self) -> bool {
        self.articles.is_empty() && self.tickets.is_empty()
    }

    fn json(&self) -> SuggestionsJson<'_> {
        SuggestionsJson {
            articles: self.articles.iter().map(HitJson::article).collect(),
            tickets: self.tickets.iter().map(HitJson::ticket).collect(),
        }
    }
}

/// How many articles and closed tickets a suggestion shows.
const SUGGESTIONS: usize = 3;

#[derive(Serialize)]
pub struct RoutingJson<'a> {
    pub agent: Option<&'a str>,
    pub reason: &'a str,
}

impl<'a> NewTicketJson<'a> {
    pub fn new(outcome: &'a Outcome) -> Self {
        NewTicketJson {
            ticket: TicketJson::new(&outcome.ticket, false),
            deduplicated: outcome.deduplicated,
            occurrences: outcome.ticket.occurrences,
            routing: outcome.routed.as_ref().map(|r| RoutingJson {
                agent: r.agent.as_deref(),
                reason: &r.reason,
            }),
            suggestions: None,
        }
    }
}

pub fn run(ctx: &Context, args: &NewArgs) -> Result<(), CommandError> {
    ctx.home.require()?;
    let catalog = ctx.catalog()?;
    if let Some(source) = &args.from_json {
        return from_json(ctx, args, &catalog, source);
    }
    let raw = gather(ctx, args, &catalog)?;
    ctx.require_token_type(&raw.ticket_type)?;
    let mut prepared = intake::prepare(&catalog, raw)?;
    prepared.assign_auto = args.assign.is_some();
    prepared.tags = args.tags.clone();
    // Self-service (智能客服): on a terminal, or when asked, show what may already answer it.
    let on_terminal = ctx.ui.can_prompt() && !ctx.ui.is_json();
    let suggestions = if args.suggest || on_terminal {
        Some(suggest(ctx, &prepared))
    } else {
        None
    };
    if let Some(found) = suggestions.as_ref().filter(|s| !s.is_empty()) {
        if !ctx.ui.is_json() {
            print_suggestions(&ctx.ui, found);
        }
        if on_terminal {
            crate::cli::retry::mark_unrepeatable();
            let file_anyway = dialoguer::Confirm::new()
                .with_prompt("File the ticket anyway?")
                .default(true)
                .interact()
                .map_err(prompt_error)?;
            if !file_anyway {
                ctx.ui.note("Not filed.");
                return Ok(());
            }
        }
    }
    let config = ctx.config()?;
    let store = ctx.open_store()?;
    let outcome = intake::file(ctx, &store, &config, prepared)?;
    ctx.after_write(&store);
    drop(store);
    if ctx.ui.is_json() {
        let mut json = NewTicketJson::new(&outcome);
        json.suggestions = suggestions.as_ref().map(Suggestions::json);
        return ctx.ui.json(&json);
    }
    report(ctx, &outcome)
}

/// The best KB articles (for this type or any) and closed tickets for a submission's title
/// and body. Suggestions are a help, never a gate: if the index cannot answer, say so and
/// file anyway.
fn suggest(ctx: &Context, prepared: &intake::Prepared<'_>) -> Suggestions {
    let text: String = format!("{}\n{}", prepared.title, prepared.body)
        .chars()
        .take(2000)
        .collect();
    if crate::search::query_terms(&text).is_empty() {
        return Suggestions::default();
    }
    // Closed tickets are suggested from what the filer may see: a requester, their own.
    let viewer = match ctx.open_store().and_then(|store| ctx.viewer(&store.txn())) {
        Ok(viewer) => viewer,
        Err(error) => {
            ctx.ui.warn(format!("no suggestions: {}", error.message));
            return Suggestions::default();
        }
    };
    let found = open_engine(ctx, false, true).and_then(|engine| {
        let articles = engine.search(&SearchRequest {
            text: text.clone(),
            kind: DocKind::Article,
            ticket_type: Some(prepared.template.name.clone()),
            limit: SUGGESTIONS,
            ..Default::default()
        })?;
        let tickets = engine.search(&SearchRequest {
            text: text.clone(),
            kind: DocKind::Ticket,
            statuses: vec![Status::Closed],
            requester: (!viewer.is_staff()).then(|| viewer.name().to_string()),
            include_notes: viewer.is_staff(),
            limit: SUGGESTIONS,
            ..Default::default()
        })?;
        Ok(Suggestions { articles, tickets })
    });
    found.unwrap_or_else(|error: CommandError| {
        ctx.ui.warn(format!("no suggestions: {}", error.message));
        Suggestions::default()
    })
}

/// Suggestions for people, on stderr (stdout stays the command's result).
fn print_suggestions(ui: &crate::cli::ui::Ui, found: &Suggestions) {
    ui.stderr_line("Before you file: these may already answer it");
    for hit in &found.articles {
        ui.stderr_line(format!(
            "  {:<8} {}  (knowledge base: desk kb show {})",
            hit.key, hit.title, hit.key
        ));
    }
    for hit in &found.tickets {
        ui.stderr_line(format!(
            "  {:<8} {}  (closed ticket: desk ticket show {})",
            hit.key, hit.title, hit.key
        ));
    }
}

/// Collect a submission from the flags, prompting on a terminal for what is missing; with
/// no terminal, every missing input is named in one error.
fn gather(ctx: &Context, args: &NewArgs, catalog: &Catalog) -> Result<Raw, CommandError> {
    let template = choose_template(ctx, catalog, args.ticket_type.as_deref(), args.title.is_none())?;
    let body = read_body(ctx, args)?;
    let mut missing = Vec::new();
    let title = match &args.title {
        Some(title) => title.clone(),
        None if ctx.ui.can_prompt() => prompt_title()?,
        None => {
            missing.push("--title".to_string());
            String::new()
        }
    };
    let mut fields = args.fields.clone();
    for spec in template.missing_required(&args.fields) {
        if ctx.ui.can_prompt() {
            fields.push((spec.name.clone(), prompt_field(spec)?));
        } else {
            missing.push(format!("--field {}=… ({})", spec.name, spec.accepts()));
        }
    }
    if !missing.is_empty() {
        // Report the other problems too, so one round of fixes is enough.
        let mut problems = Vec::new();
        if args.title.is_some() {
            if let Err(error) = lifecycle::validate_title(&title) {
                problems.push(error.to_string());
            }
        }
        if let Err(field_problems) = template.validate_fields(&fields) {
            problems.extend(
                field_problems
                    .into_iter()
                    .filter(|p| !p.starts_with("missing required field")),
            );
        }
        return Err(CommandError::invalid(format!(
            "missing required input for type `{}` and no terminal to ask: {}",
            template.name,
            missing.join(", ")
        ))
        .with_details(problems)
        .with_hint("pass them as flags; `desk template show TYPE` lists the fields"));
    }
    let attachments = crate::cli::attachments::read_files(&ctx.io, &args.attach, &ctx.config()?.attachments)?;
    Ok(Raw {
        ticket_type: template.name.clone(),
        title,
        body,
        fields,
        priority: args.priority.clone(),
        requester: args.requester.clone(),
        actor: None,
        dedup_key: args.dedup_key.clone(),
        over_limit: args.over_limit,
        channel: args.channel.clone().unwrap_or_else(|| "cli".to_string()),
        attachments,
    })
}

fn report(ctx: &Context, outcome: &Outcome) -> Result<(), CommandError> {
    if ctx.ui.is_json() {
        return ctx.ui.json(&NewTicketJson::new(outcome));
    }
    if ctx.ui.is_quiet() {
        return ctx.ui.line(outcome.ticket.id.to_string());
    }
    ctx.ui.line(describe(outcome))
}

/// One line saying what happened to a submission.
fn describe(outcome: &Outcome) -> String {
    let ticket = &outcome.ticket;
    if outcome.deduplicated {
        format!(
            "{} is already open for this problem: recorded occurrence {} (no new ticket)",
            ticket.display_id(),
            ticket.occurrences
        )
    } else {
        let created = format!(
            "Created {} ({}): {}",
            ticket.display_id(),
            ticket.ticket_type,
            ticket.title
        );
        match &outcome.routed {
            Some(routed) if routed.agent.is_some() => format!("{created}; assigned ({})", routed.reason),
            Some(routed) => format!("{created}; stays unclaimed: {}", routed.reason),
            None => created,
        }
    }
}

/// One submission in `--from-json` input. Unknown keys are refused so a typo such as
/// `"tilte"` is not silently dropped.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonSubmission {
    #[serde(rename = "type")]
    ticket_type: Option<String>,
    title: Option<String>,
    #[serde(default)]
    body: String,
    #[serde(default)]
    fields: BTreeMap<String, Value>,
    priority: Option<String>,
    requester: Option<String>,
    dedup_key: Option<String>,
    /// The channel the submission came through (`web`); default `--channel`, else `json`.
    channel: Option<String>,
    /// Files, each `{"name": "trace.txt", "content_base64": "…"}`, within the limits
    /// `--attach` has (refused whole when one is over).
    #[serde(default)]
    attachments: Vec<crate::cli::io::SentFile>,
}

/// What happened to one line of a JSON Lines stream.
#[derive(Serialize)]
struct LineResult<'a> {
    line: usize,
    /// `created`, `deduplicated` or `refused`.
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    ticket: Option<NewTicketJson<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    exit_code: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

#[derive(Serialize)]
struct StreamJson<'a> {
    created: usize,
    deduplicated: usize,
    refused: usize,
    results: Vec<LineResult<'a>>,
}

fn from_json(ctx: &Context, args: &NewArgs, catalog: &Catalog, source: &str) -> Result<(), CommandError> {
    let text = read_source(&ctx.io, source)?;
    // Editors on some systems start UTF-8 files with a byte-order mark; JSON has no use for it.
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let submissions = split_submissions(text);
    if submissions.is_empty() {
        // A script that forgot to pipe its data must not believe it filed something.
        return Err(CommandError::invalid(
            "no submissions in the input: expected a JSON object or JSON Lines",
        ));
    }
    // A single JSON value, even pretty-printed over many lines, is one submission and
    // behaves exactly like `desk ticket new` with flags.
    if let [(_, Ok(value))] = submissions.as_slice() {
        let raw = json_to_raw(ctx, args, value.clone())?;
        ctx.require_token_type(&raw.ticket_type)?;
        let mut prepared = intake::prepare(catalog, raw)?;
        prepared.assign_auto = args.assign.is_some();
        prepared.tags = args.tags.clone();
        let config = ctx.config()?;
        let store = ctx.open_store()?;
        let outcome = intake::file(ctx, &store, &config, prepared)?;
        ctx.after_write(&store);
        drop(store);
        return report(ctx, &outcome);
    }
    let config = ctx.config()?;
    let store = ctx.open_store()?;
    let mut outcomes: Vec<(usize, Result<Outcome, CommandError>)> = Vec::with_capacity(submissions.len());
    for (line, value) in submissions {
        let result = value
            .and_then(|value| json_to_raw(ctx, args, value))
            .and_then(|raw| {
                ctx.require_token_type(&raw.ticket_type)?;
                intake::prepare(catalog, raw)
            })
            .and_then(|mut prepared| {
                prepared.assign_auto = args.assign.is_some();
                prepared.tags = args.tags.clone();
                intake::file(ctx, &store, &config, prepared)
            });
        // A refusal concerns one submission; a failing store concerns them all.
        if let Err(error) = &result {
            if matches!(error.kind, ExitKind::Failure | ExitKind::Busy) {
                ctx.after_write(&store);
                return Err(error_with_line(line, error));
            }
        }
        outcomes.push((line, result));
    }
    ctx.after_write(&store);
    drop(store);
    report_stream(ctx, &outcomes)
}

/// The submissions in the input, each with the line it starts on. The input is read as a
/// stream of JSON values first, which covers JSON Lines and `jq`'s pretty-printed output
/// alike; if that stream breaks somewhere, each line is taken on its own instead, so one
/// bad line spoils only itself.
fn split_submissions(text: &str) -> Vec<(usize, Result<Value, CommandError>)> {
    let line_at = |offset: usize| text[..offset].matches('\n').count() + 1;
    let mut values = Vec::new();
    let mut stream = serde_json::Deserializer::from_str(text).into_iter::<Value>();
    let mut start = 0;
    loop {
        let skipped = text[start..].len() - text[start..].trim_start().len();
        match stream.next() {
            None => return values,
            Some(Ok(value)) => values.push((line_at(start + skipped), Ok(value))),
            Some(Err(_)) => break,
        }
        start = stream.byte_offset();
    }
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(n, line)| {
            let value = serde_json::from_str::<Value>(line.trim()).map_err(|e| {
                // serde_json's own position is within the line; the column is what helps.
                CommandError::invalid(
                    format!("not JSON (column {}): {e}", e.column())
                        .replace(&format!(" at line {} column {}", e.line(), e.column()), ""),
                )
            });
            (n + 1, value)
        })
        .collect()
}

fn error_with_line(line: usize, error: &CommandError) -> CommandError {
    let mut out = CommandError::new(error.kind, format!("line {line}: {}", error.message));
    out.details = error.details.clone();
    out.hints = error.hints.clone();
    out.conflict = error.conflict;
    out
}

fn report_stream(
    ctx: &Context,
    outcomes: &[(usize, Result<Outcome, CommandError>)],
) -> Result<(), CommandError> {
    let refused = outcomes.iter().filter(|(_, r)| r.is_err()).count();
    let deduplicated = outcomes
        .iter()
        .filter(|(_, r)| r.as_ref().is_ok_and(|o| o.deduplicated))
        .count();
    let created = outcomes.len() - refused - deduplicated;
    if ctx.ui.is_json() {
        let results = outcomes
            .iter()
            .map(|(line, result)| match result {
                Ok(outcome) => LineResult {
                    line: *line,
                    status: if outcome.deduplicated {
                        "deduplicated"
                    } else {
                        "created"
                    },
                    ticket: Some(NewTicketJson::new(outcome)),
                    exit_code: None,
                    error: None,
                },
                Err(error) => LineResult {
                    line: *line,
                    status: "refused",
                    ticket: None,
                    exit_code: Some(error.kind.code()),
                    error: Some(one_line(error)),
                },
            })
            .collect();
        ctx.ui.json(&StreamJson {
            created,
            deduplicated,
            refused,
            results,
        })?;
    } else {
        for (line, result) in outcomes {
            match result {
                Ok(outcome) if ctx.ui.is_quiet() => ctx.ui.line(outcome.ticket.id.to_string())?,
                Ok(outcome) => ctx.ui.line(format!("line {line}: {}", describe(outcome)))?,
                Err(error) if ctx.ui.is_quiet() => ctx.ui.note(format!("line {line}: {}", one_line(error))),
                Err(error) => ctx.ui.line(format!(
                    "line {line}: refused (exit {}): {}",
                    error.kind.code(),
                    one_line(error)
                ))?,
            }
        }
        if !ctx.ui.is_quiet() {
            ctx.ui.line(format!(
                "{created} created, {deduplicated} deduplicated, {refused} refused"
            ))?;
        }
    }
    match outcomes
        .iter()
        .find_map(|(line, r)| r.as_ref().err().map(|e| (line, e)))
    {
        // The exit code is the first refusal's, so scripts can tell a rate limit from a typo.
        Some((line, first)) => Err(CommandError::new(
            first.kind,
            format!(
                "{refused} of {} submissions refused; the first, line {line}: {}",
                outcomes.len(),
                first.message
            ),
        )),
        None => Ok(()),
    }
}

/// An error with its detail lines folded in, for one-line-per-submission reports.
fn one_line(error: &CommandError) -> String {
    if error.details.is_empty() {
        error.message.clone()
    } else {
        format!("{}: {}", error.message, error.details.join("; "))
    }
}

fn read_source(io: &crate::cli::io::Io, source: &str) -> Result<String, CommandError> {
    if source == "-" {
        return io.stdin_text().map_err(|e| {
            CommandError::invalid(format!("cannot read JSON from standard input: {}", e.message))
        });
    }
    io.read_to_string(std::path::Path::new(source))
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => CommandError::not_found(format!("no such file: {source}")),
            _ => CommandError::invalid(format!("cannot read {source}: {e}")),
        })
}

/// A JSON submission as a [`Raw`] one; `--type`, `--priority` and `--requester` given as
/// flags are defaults for keys the JSON leaves out.
/// What flags of `ticket new` give every JSON submission that does not say otherwise.
#[derive(Default)]
struct SubmissionDefaults {
    ticket_type: Option<String>,
    priority: Option<String>,
    requester: Option<String>,
    channel: Option<String>,
    over_limit: bool,
}

fn json_to_raw(ctx: &Context, args: &NewArgs, value: Value) -> Result<Raw, CommandError> {
    let defaults = SubmissionDefaults {
        ticket_type: args.ticket_type.clone(),
        priority: args.priority.clone(),
        requester: args.requester.clone(),
        channel: args.channel.clone(),
        over_limit: args.over_limit,
    };
    let raw = submission_to_raw(value, &defaults)?;
    if !raw.attachments.is_empty() {
        let sizes = raw
            .attachments
            .iter()
            .map(|a| (a.name.as_str(), a.bytes.len() as u64));
        ctx.config()?.attachments.check(sizes).map_err(|e| {
            CommandError::from(e).with_hint("raise the limits under [attachments] in config.toml")
        })?;
    }
    Ok(raw)
}

fn submission_to_raw(value: Value, args: &SubmissionDefaults) -> Result<Raw, CommandError> {
    if !value.is_object() {
        return Err(CommandError::invalid(
            "expected a JSON object with `type` and `title`",
        ));
    }
    let submission: JsonSubmission =
        serde_json::from_value(value).map_err(|e| CommandError::invalid(format!("bad submission: {e}")))?;
    let ticket_type = submission
        .ticket_type
        .or_else(|| args.ticket_type.clone())
        .ok_or_else(|| CommandError::invalid("missing `type` (or pass --type for every line)"))?;
    let title = submission
        .title
        .ok_or_else(|| CommandError::invalid("missing `title`"))?;
    let mut fields = Vec::with_capacity(submission.fields.len());
    for (name, value) in submission.fields {
        let text = match value {
            Value::Null => continue,
            Value::String(text) => text,
            Value::Bool(_) | Value::Number(_) => value.to_string(),
            Value::Array(_) | Value::Object(_) => {
                return Err(CommandError::invalid(format!(
                    "field `{name}`: expected a string, number or boolean"
                )))
            }
        };
        fields.push((name, text));
    }
    Ok(Raw {
        ticket_type,
        title,
        body: submission.body,
        fields,
        priority: submission.priority.or_else(|| args.priority.clone()),
        requester: submission.requester.or_else(|| args.requester.clone()),
        actor: None,
        dedup_key: submission.dedup_key,
        over_limit: args.over_limit,
        channel: submission
            .channel
            .or_else(|| args.channel.clone())
            .unwrap_or_else(|| "json".to_string()),
        attachments: submission
            .attachments
            .into_iter()
            .map(|file| {
                let bytes = file.bytes()?;
                // The name only: a path in it says nothing about where it is kept.
                let name = std::path::Path::new(&file.name)
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .filter(|n| !n.is_empty())
                    .ok_or_else(|| {
                        CommandError::invalid(format!("attachment `{}`: no file name", file.name))
                    })?;
                Ok(crate::cli::attachments::IncomingAttachment {
                    content_type: mime_guess::from_path(&name)
                        .first_or_octet_stream()
                        .essence_str()
                        .to_string(),
                    name,
                    bytes,
                })
            })
            .collect::<Result<_, CommandError>>()?,
    })
}

fn choose_template<'a>(
    ctx: &Context,
    catalog: &'a Catalog,
    name: Option<&str>,
    title_missing: bool,
) -> Result<&'a Template, CommandError> {
    let name = match name {
        Some(name) => name.to_string(),
        None if ctx.ui.can_prompt() && !catalog.templates.is_empty() => {
            let items: Vec<String> = catalog
                .templates
                .iter()
                .map(|t| format!("{} — {}", t.name, t.description))
                .collect();
            crate::cli::retry::mark_unrepeatable();
            let index = dialoguer::FuzzySelect::new()
                .with_prompt("Ticket type")
                .items(&items)
                .default(0)
                .interact()
                .map_err(prompt_error)?;
            catalog.templates[index].name.clone()
        }
        None => {
            let missing = if title_missing {
                "--type, --title"
            } else {
                "--type"
            };
            let message = format!("missing required input and no terminal to ask: {missing}");
            return Err(CommandError::invalid(message).with_hint(intake::available_types(catalog)));
        }
    };
    intake::find_template(catalog, &name)
}

fn read_body(ctx: &Context, args: &NewArgs) -> Result<String, CommandError> {
    Ok(intake::read_body(&ctx.io, args.body.as_deref(), args.body_file.as_deref())?.unwrap_or_default())
}

fn prompt_error(error: dialoguer::Error) -> CommandError {
    CommandError::invalid(format!("prompt failed: {error}"))
}

fn prompt_title() -> Result<String, CommandError> {
    crate::cli::retry::mark_unrepeatable();
    dialoguer::Input::<String>::new()
        .with_prompt("Title")
        .validate_with(|text: &String| {
            lifecycle::validate_title(text)
                .map(|_| ())
                .map_err(|e| e.to_string())
        })
        .interact_text()
        .map_err(prompt_error)
        .map(|text| text.trim().to_string())
}

fn prompt_field(spec: &FieldSpec) -> Result<String, CommandError> {
    let label = match &spec.description {
        Some(description) => format!("{} ({description})", spec.name),
        None => spec.name.clone(),
    };
    crate::cli::retry::mark_unrepeatable();
    match spec.field_type {
        FieldType::Enum => {
            let index = dialoguer::FuzzySelect::new()
                .with_prompt(label)
                .items(&spec.values)
                .default(0)
                .interact()
                .map_err(prompt_error)?;
            Ok(spec.values[index].clone())
        }
        FieldType::Bool => dialoguer::Confirm::new()
            .with_prompt(label)
            .interact()
            .map(|yes| yes.to_string())
            .map_err(prompt_error),
        _ => dialoguer::Input::<String>::new()
            .with_prompt(format!("{label} [{}]", spec.accepts()))
            .validate_with(|text: &String| spec.parse_value(text).map(|_| ()))
            .interact_text()
            .map_err(prompt_error),
    }
}
