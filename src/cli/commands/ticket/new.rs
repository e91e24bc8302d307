//! `desk ticket new`: file a ticket from a template.
//!
//! Everything that can be checked without the store (template, title, fields, body) is
//! checked first, prompting on a terminal for what is missing, so the store's lock is
//! held only for the short write at the end.

use std::io::Read;
use std::path::PathBuf;

use clap::builder::PossibleValuesParser;
use clap::Args;
use serde::Serialize;

use crate::cli::context::Context;
use crate::cli::error::{did_you_mean, CommandError};
use crate::cli::home::Catalog;
use crate::cli::output::TicketJson;
use crate::domain::lifecycle::{self, NewTicket};
use crate::domain::people::validate_name;
use crate::domain::template::{FieldSpec, FieldType, Template};
use crate::domain::{Priority, Ticket};

#[derive(Debug, Args)]
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
    /// Priority [default: the template's]
    #[arg(long, short = 'p', value_parser = PossibleValuesParser::new(["urgent", "high", "normal", "low"]))]
    pub priority: Option<String>,
    /// File on behalf of this requester (agents only) [default: the acting user]
    #[arg(long, value_name = "NAME")]
    pub requester: Option<String>,
    /// Deduplicate: if an open ticket has this key, record an occurrence on it instead
    #[arg(long, value_name = "KEY")]
    pub dedup_key: Option<String>,
}

fn parse_key_value(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((key, value)) if !key.trim().is_empty() => Ok((key.trim().to_string(), value.to_string())),
        _ => Err(format!("expected KEY=VALUE, got `{text}`")),
    }
}

#[derive(Serialize)]
struct NewTicketJson<'a> {
    #[serde(flatten)]
    ticket: TicketJson<'a>,
    /// True when the dedup key matched an open ticket and no new ticket was made.
    deduplicated: bool,
    occurrences: u32,
}

pub fn run(ctx: &Context, args: &NewArgs) -> Result<(), CommandError> {
    ctx.home.require()?;
    let catalog = ctx.home.catalog()?;
    let template = choose_template(ctx, &catalog, args.ticket_type.as_deref(), args.title.is_none())?;
    let body = read_body(args)?;
    let requester = args.requester.clone().unwrap_or_else(|| ctx.user.clone());
    validate_name("requester", &requester)?;

    let mut missing = Vec::new();
    // A bad title is reported with the field problems, not instead of them.
    let mut problems = Vec::new();
    let title = match &args.title {
        Some(title) => match lifecycle::validate_title(title) {
            Ok(title) => Some(title),
            Err(error) => {
                problems.push(error.to_string());
                None
            }
        },
        None if ctx.ui.can_prompt() => Some(prompt_title()?),
        None => {
            missing.push("--title".to_string());
            None
        }
    };
    let mut given = args.fields.clone();
    for spec in template.missing_required(&given) {
        if ctx.ui.can_prompt() {
            given.push((spec.name.clone(), prompt_field(spec)?));
        } else {
            missing.push(format!("--field {}=… ({})", spec.name, spec.accepts()));
        }
    }
    if !missing.is_empty() {
        return Err(CommandError::invalid(format!(
            "missing required input for type `{}` and no terminal to ask: {}",
            template.name,
            missing.join(", ")
        ))
        .with_details(
            problems
                .into_iter()
                .chain(field_problems(template, &given, true))
                .collect(),
        )
        .with_hint("pass them as flags; `desk template show TYPE` lists the fields"));
    }
    let (title, fields) = match (title, template.validate_fields(&given)) {
        (Some(title), Ok(fields)) => (title, fields),
        (_, Ok(_)) => return Err(CommandError::invalid(problems.remove(0))),
        (_, Err(field_problems)) => {
            let what = if problems.is_empty() {
                "fields"
            } else {
                "title and fields"
            };
            problems.extend(field_problems);
            let message = format!("invalid {what} for type `{}`", template.name);
            return Err(CommandError::invalid(message).with_details(problems));
        }
    };
    let priority = match &args.priority {
        Some(text) => text.parse::<Priority>()?,
        None => template.priority,
    };
    let dedup_key = args.dedup_key.as_ref().map(|key| key.trim().to_string());
    if dedup_key.as_deref() == Some("") {
        return Err(CommandError::invalid("the dedup key is empty"));
    }

    let store = ctx.open_store()?;
    let mut txn = store.txn();
    if requester != ctx.user && txn.agent(&ctx.user)?.is_none() {
        return Err(CommandError::denied(format!(
            "permission denied: only agents file tickets on behalf of others, and `{}` is not an agent",
            ctx.user
        )));
    }
    let tier = match txn.requester(&requester)? {
        Some(record) => record.tier,
        None => ctx.home.config()?.requesters.default_tier,
    };
    if !template.allows_tier(&tier) {
        return Err(CommandError::denied(format!(
            "permission denied: type `{}` is not open to tier `{tier}` (allowed tiers: {})",
            template.name,
            template.tiers.join(", ")
        )));
    }

    let existing = match &dedup_key {
        Some(key) => txn.open_ticket_by_dedup_key(key)?,
        None => None,
    };
    let (ticket, deduplicated) = match existing {
        Some(id) => {
            let current = txn.ticket(id)?.ok_or_else(|| {
                CommandError::new(
                    crate::cli::error::ExitKind::Failure,
                    format!("dedup index points at missing ticket {id}"),
                )
            })?;
            let details = if body.is_empty() {
                title.clone()
            } else {
                format!("{title}\n\n{body}")
            };
            let (ticket, event) = lifecycle::record_occurrence(&current, &ctx.user, &details, ctx.now);
            txn.put_ticket(&ticket)?;
            txn.append_event(id, &event);
            (ticket, true)
        }
        None => {
            let id = txn.allocate_ticket_id()?;
            let (ticket, event) = lifecycle::create(
                id,
                NewTicket {
                    ticket_type: template.name.clone(),
                    prefix: template.prefix.clone(),
                    workflow: template.workflow,
                    title,
                    body,
                    priority,
                    requester: requester.clone(),
                    fields,
                    dedup_key,
                },
                &ctx.user,
                ctx.now,
            );
            txn.put_ticket(&ticket)?;
            txn.append_event(id, &event);
            (ticket, false)
        }
    };
    txn.commit()?;
    ctx.after_write(&store);
    drop(store);
    report(ctx, &ticket, deduplicated)
}

fn report(ctx: &Context, ticket: &Ticket, deduplicated: bool) -> Result<(), CommandError> {
    if ctx.ui.is_json() {
        return ctx.ui.json(&NewTicketJson {
            ticket: TicketJson::new(ticket, false),
            deduplicated,
            occurrences: ticket.occurrences,
        });
    }
    if ctx.ui.is_quiet() {
        return ctx.ui.line(ticket.id.to_string());
    }
    if deduplicated {
        ctx.ui.line(format!(
            "{} is already open for this problem: recorded occurrence {} (no new ticket)",
            ticket.display_id(),
            ticket.occurrences
        ))
    } else {
        ctx.ui.line(format!(
            "Created {} ({}): {}",
            ticket.display_id(),
            ticket.ticket_type,
            ticket.title
        ))
    }
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
            let index = dialoguer::Select::new()
                .with_prompt("Ticket type")
                .items(&items)
                .default(0)
                .interact()
                .map_err(prompt_error)?;
            catalog.templates[index].name.clone()
        }
        None => {
            let names: Vec<&str> = catalog.names().collect();
            let missing = if title_missing {
                "--type, --title"
            } else {
                "--type"
            };
            let message = format!("missing required input and no terminal to ask: {missing}");
            return Err(CommandError::invalid(message).with_hint(if names.is_empty() {
                "no ticket types are defined yet: run `desk init --examples` or add templates/NAME.toml"
                    .to_string()
            } else {
                format!("available types: {}", names.join(", "))
            }));
        }
    };
    if let Some(template) = catalog.get(&name) {
        return Ok(template);
    }
    if let Some(error) = catalog.broken(&name) {
        return Err(
            CommandError::invalid(format!("type `{name}` has a broken template: {error}"))
                .with_hint(format!("check it with `desk template check {}`", error.file)),
        );
    }
    let mut error = CommandError::not_found(format!("unknown ticket type `{name}`"));
    if let Some(hint) = did_you_mean(&name, catalog.names()) {
        error = error.with_hint(hint);
    }
    let names: Vec<&str> = catalog.names().collect();
    Err(error.with_hint(if names.is_empty() {
        "no ticket types are defined yet: run `desk init --examples` or add templates/NAME.toml".to_string()
    } else {
        format!("available types: {}", names.join(", "))
    }))
}

/// Every field problem, for the error that lists what is missing (skipping "missing
/// required" lines when those are already named in the message).
fn field_problems(template: &Template, given: &[(String, String)], skip_missing: bool) -> Vec<String> {
    match template.validate_fields(given) {
        Ok(_) => Vec::new(),
        Err(problems) => problems
            .into_iter()
            .filter(|p| !(skip_missing && p.starts_with("missing required field")))
            .collect(),
    }
}

fn read_body(args: &NewArgs) -> Result<String, CommandError> {
    if let Some(path) = &args.body_file {
        return std::fs::read_to_string(path)
            .map_err(|e| CommandError::invalid(format!("cannot read body file {}: {e}", path.display())));
    }
    match args.body.as_deref() {
        Some("-") => {
            let mut body = String::new();
            std::io::stdin().read_to_string(&mut body)?;
            Ok(body)
        }
        Some(text) => Ok(text.to_string()),
        None => Ok(String::new()),
    }
}

fn prompt_error(error: dialoguer::Error) -> CommandError {
    CommandError::invalid(format!("prompt failed: {error}"))
}

fn prompt_title() -> Result<String, CommandError> {
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
    match spec.field_type {
        FieldType::Enum => {
            let index = dialoguer::Select::new()
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
