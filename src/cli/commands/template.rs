//! `desk template …`: the ticket types of this home, and a checker that needs no store.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use serde::Serialize;

use crate::cli::context::Context;
use crate::cli::error::{did_you_mean, CommandError};
use crate::cli::home::load_template_file;
use crate::cli::output::counted;
use crate::cli::ui::StyledCell;
use crate::domain::template::{prefix_clashes, prefix_location, FileError, Template};

#[derive(Debug, Subcommand)]
pub enum TemplateCommand {
    /// List ticket types (broken templates are reported, not hidden)
    #[command(after_help = "Examples:
  desk template list         name, prefix and description of every type
  desk template list --json  the same, for a script")]
    List,
    /// Show a type's settings and fields
    Show(ShowArgs),
    /// Check template files (or all of the home's) without touching the store
    Check(CheckArgs),
    /// Share this home's templates with every host of the team store (admins)
    Publish(super::template_share::PublishArgs),
    /// Write the team store's published types into this home's templates/, to edit them
    Pull(super::template_share::PullArgs),
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  desk template show incident  workflow, priority, SLA and fields
  desk template show customer-complaint --json
                               the same, for a script")]
pub struct ShowArgs {
    /// The type name
    pub name: String,
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  desk template check                  every templates/*.toml of the home
  desk template check vpn-outage.toml  a new file before copying it in")]
pub struct CheckArgs {
    /// Template files to check [default: every templates/*.toml of the home]
    pub files: Vec<PathBuf>,
}

#[derive(Serialize)]
struct TemplateJson<'a> {
    name: &'a str,
    description: &'a str,
    prefix: Option<&'a str>,
    workflow: &'static str,
    priority: &'static str,
    skills: &'a [String],
    sla: Option<&'a str>,
    tiers: &'a [String],
    keywords: &'a std::collections::BTreeMap<String, Vec<String>>,
    /// `"never"`, `"after 30m"`, or null when `[routing]` decides.
    skill_fallback: Option<String>,
    fields: Vec<FieldJson<'a>>,
}

#[derive(Serialize)]
struct FieldJson<'a> {
    name: &'a str,
    #[serde(rename = "type")]
    field_type: &'static str,
    required: bool,
    description: Option<&'a str>,
    pattern: Option<&'a str>,
    min: Option<i64>,
    max: Option<i64>,
    values: &'a [String],
    default: Option<&'a serde_json::Value>,
}

impl<'a> TemplateJson<'a> {
    fn new(t: &'a Template) -> Self {
        TemplateJson {
            name: &t.name,
            description: &t.description,
            prefix: t.prefix.as_deref(),
            workflow: t.workflow.as_str(),
            priority: t.priority.as_str(),
            skills: &t.skills,
            sla: t.sla.as_deref(),
            tiers: &t.tiers,
            keywords: &t.keywords,
            skill_fallback: t.skill_fallback.map(skill_fallback_words),
            fields: t
                .fields
                .iter()
                .map(|f| FieldJson {
                    name: &f.name,
                    field_type: f.field_type.as_str(),
                    required: f.required,
                    description: f.description.as_deref(),
                    pattern: f.pattern.as_ref().map(|p| p.as_str()),
                    min: f.min,
                    max: f.max,
                    values: &f.values,
                    default: f.default.as_ref(),
                })
                .collect(),
        }
    }
}

#[derive(Serialize)]
struct CheckJson {
    file: String,
    ok: bool,
    error: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
}

impl CheckJson {
    fn new(path: &Path, error: Option<&FileError>) -> Self {
        CheckJson {
            file: path.display().to_string(),
            ok: error.is_none(),
            error: error.map(|e| e.reason.clone()),
            line: error.map(|e| e.line),
            column: error.map(|e| e.column),
        }
    }
}

/// The problem with `template` (read from `path`) if another type uses its prefix,
/// located at its `prefix` key.
fn prefix_clash(path: &Path, template: &Template, clashes: &[(String, Vec<String>)]) -> Option<FileError> {
    let prefix = template.prefix.as_deref()?;
    let (_, types) = clashes.iter().find(|(p, _)| p == prefix)?;
    let others: Vec<String> = types.iter().filter(|t| **t != template.name).cloned().collect();
    let (line, column) = std::fs::read_to_string(path)
        .map(|source| prefix_location(&source))
        .unwrap_or((1, 1));
    Some(FileError {
        file: path.display().to_string(),
        line,
        column,
        reason: format!(
            "prefix `{prefix}` is also used by {}; each type needs its own prefix",
            quoted(&others)
        ),
    })
}

pub fn run(ctx: &Context, command: &TemplateCommand) -> Result<(), CommandError> {
    match command {
        TemplateCommand::List => list(ctx),
        TemplateCommand::Show(args) => show(ctx, args),
        TemplateCommand::Check(args) => check(ctx, args),
        TemplateCommand::Publish(args) => super::template_share::publish(ctx, args),
        TemplateCommand::Pull(args) => super::template_share::pull(ctx, args),
    }
}

fn list(ctx: &Context) -> Result<(), CommandError> {
    ctx.home.require()?;
    let catalog = ctx.catalog()?;
    for (_, error) in &catalog.broken {
        ctx.ui.warn(format!("skipping broken template {error}"));
    }
    for (prefix, types) in catalog.prefix_clashes() {
        ctx.ui.warn(format!(
            "types {} share the prefix `{prefix}`; give each its own (see `desk template check`)",
            quoted(&types)
        ));
    }
    if ctx.ui.is_json() {
        let items: Vec<TemplateJson> = catalog.templates.iter().map(TemplateJson::new).collect();
        return ctx.ui.json(&items);
    }
    if ctx.ui.is_quiet() {
        for template in &catalog.templates {
            ctx.ui.line(&template.name)?;
        }
        return Ok(());
    }
    if catalog.templates.is_empty() {
        ctx.ui
            .note("No ticket types yet: run `desk init --examples` or add templates/NAME.toml.");
        return Ok(());
    }
    let rows = catalog
        .templates
        .iter()
        .map(|t| {
            vec![
                StyledCell::plain(&t.name),
                StyledCell::plain(t.prefix.as_deref().unwrap_or("-")),
                StyledCell::plain(t.workflow.as_str()),
                StyledCell::plain(t.priority.as_str()),
                StyledCell::plain(t.fields.len().to_string()),
                StyledCell::plain(&t.description),
            ]
        })
        .collect();
    ctx.ui.table(
        &["TYPE", "PREFIX", "WORKFLOW", "PRIORITY", "FIELDS", "DESCRIPTION"],
        rows,
    )
}

fn show(ctx: &Context, args: &ShowArgs) -> Result<(), CommandError> {
    ctx.home.require()?;
    let catalog = ctx.catalog()?;
    if let Some(error) = catalog.broken(&args.name) {
        return Err(CommandError::invalid(format!(
            "template `{}` is broken: {error}",
            args.name
        )));
    }
    let Some(template) = catalog.get(&args.name) else {
        let mut error = CommandError::not_found(format!("unknown ticket type `{}`", args.name));
        if let Some(hint) = did_you_mean(&args.name, catalog.names()) {
            error = error.with_hint(hint);
        }
        return Err(error.with_hint("list types with `desk template list`"));
    };
    if ctx.ui.is_json() {
        return ctx.ui.json(&TemplateJson::new(template));
    }
    if ctx.ui.is_quiet() {
        return ctx.ui.line(&template.name);
    }
    let ui = &ctx.ui;
    ui.line(format!("{} — {}", template.name, template.description))?;
    ui.line(format!(
        "  prefix     {}",
        template.prefix.as_deref().unwrap_or("-")
    ))?;
    ui.line(format!("  workflow   {}", template.workflow))?;
    ui.line(format!("  priority   {}", template.priority))?;
    ui.line(format!(
        "  skills     {}",
        if template.skills.is_empty() {
            "-".into()
        } else {
            template.skills.join(", ")
        }
    ))?;
    ui.line(format!(
        "  sla        {}",
        template.sla.as_deref().unwrap_or("default")
    ))?;
    ui.line(format!("  tiers      {}", template.tiers.join(", ")))?;
    for (skill, words) in &template.keywords {
        ui.line(format!("  keywords   {skill}: {}", words.join(", ")))?;
    }
    if let Some(wait) = template.skill_fallback {
        ui.line(format!("  fallback   {}", skill_fallback_words(wait)))?;
    }
    if template.fields.is_empty() {
        return Ok(());
    }
    ui.line("")?;
    let rows = template
        .fields
        .iter()
        .map(|f| {
            vec![
                StyledCell::plain(&f.name),
                StyledCell::plain(f.accepts()),
                StyledCell::plain(if f.required { "yes" } else { "no" }),
                StyledCell::plain(
                    f.default
                        .as_ref()
                        .map(|d| d.to_string())
                        .unwrap_or_else(|| "-".into()),
                ),
                StyledCell::plain(f.description.as_deref().unwrap_or("")),
            ]
        })
        .collect();
    ui.table(&["FIELD", "ACCEPTS", "REQUIRED", "DEFAULT", "DESCRIPTION"], rows)
}

fn check(ctx: &Context, args: &CheckArgs) -> Result<(), CommandError> {
    let files: Vec<PathBuf> = if args.files.is_empty() {
        ctx.home.require()?;
        let mut files: Vec<PathBuf> = std::fs::read_dir(ctx.home.templates_dir())?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .collect();
        files.sort();
        files
    } else {
        if let Some(missing) = args.files.iter().find(|path| !path.exists()) {
            return Err(CommandError::not_found(format!(
                "no template file at {}",
                missing.display()
            )));
        }
        args.files.clone()
    };
    let parsed: Vec<(&PathBuf, Result<Template, FileError>)> = files
        .iter()
        .map(|path| (path, load_template_file(path)))
        .collect();
    // Files checked against a home are about to join its other types.
    let others: Vec<Template> = if args.files.is_empty() || !ctx.home.is_initialized() {
        Vec::new()
    } else {
        let checked: Vec<String> = files
            .iter()
            .map(|p| p.file_stem().unwrap_or_default().to_string_lossy().to_string())
            .collect();
        let mut others = ctx.catalog()?.templates;
        others.retain(|t| !checked.contains(&t.name));
        others
    };
    let clashes = prefix_clashes(parsed.iter().filter_map(|(_, r)| r.as_ref().ok()).chain(&others));
    let results: Vec<CheckJson> = parsed
        .iter()
        .map(|(path, parsed)| {
            let error = match parsed {
                Ok(template) => prefix_clash(path, template, &clashes),
                Err(error) => Some(error.clone()),
            };
            CheckJson::new(path, error.as_ref())
        })
        .collect();
    let bad = results.iter().filter(|r| !r.ok).count();
    if ctx.ui.is_json() {
        ctx.ui.json(&results)?;
    } else {
        for result in &results {
            match (&result.error, result.line, result.column) {
                (Some(error), Some(line), Some(column)) => {
                    eprintln!("{}:{line}:{column}: {error}", result.file)
                }
                _ if !ctx.ui.is_quiet() => ctx.ui.line(format!("{}: ok", result.file))?,
                _ => {}
            }
        }
    }
    if bad > 0 {
        return Err(CommandError::invalid(format!(
            "{bad} of {} {} invalid",
            counted(results.len(), "template"),
            if bad == 1 { "is" } else { "are" }
        )));
    }
    Ok(())
}

/// `a`, `a` and `b`, `a`, `b` and `c`: type names for a sentence.
fn quoted(names: &[String]) -> String {
    let names: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => names.concat(),
    }
}

/// A template's `skill_fallback` as it is written: `"never"` or `"after 30m"`.
fn skill_fallback_words(wait: Option<std::time::Duration>) -> String {
    match wait {
        None => "never".to_string(),
        Some(wait) => format!("after {}", humantime::format_duration(wait)),
    }
}
