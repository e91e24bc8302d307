//! `desk template publish` and `desk template pull`: the ticket types a team store's hosts
//! share. Published types live in the database; every host's commands read them there, so
//! a type edited on one host is the type every host files, validates and routes by. The
//! home's `templates/` is where an admin edits them before publishing.

use std::fs;
use std::path::PathBuf;

use clap::Args;
use serde::Serialize;

use crate::cli::context::{Context, StoreLocation};
use crate::cli::error::CommandError;
use crate::cli::home::{catalog_of_shared, load_template_file};
use crate::cli::output::counted;
use crate::domain::template::prefix_clashes;

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  desk template publish           every templates/*.toml of this home
  desk template publish incident  one type, after editing it in templates/
  desk template publish --remove old-type
                                  withdraw a type from every host")]
pub struct PublishArgs {
    /// Types to publish from this home's templates/ [default: every templates/*.toml]
    pub names: Vec<String>,
    /// Withdraw these types from the team store instead (tickets of them stay)
    #[arg(long, value_name = "NAME", conflicts_with = "names")]
    pub remove: Vec<String>,
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  desk template pull          the team store's types into templates/, to edit
  desk template pull --json   what was written, and what is not published")]
pub struct PullArgs {}

#[derive(Serialize)]
struct PublishJson<'a> {
    published: &'a [String],
    removed: &'a [String],
    /// Every type on the team store afterwards.
    types: Vec<String>,
}

#[derive(Serialize)]
struct PullJson<'a> {
    written: &'a [String],
    unchanged: &'a [String],
    /// Files in templates/ that the team store does not have.
    not_published: &'a [String],
}

fn require_team_store(ctx: &Context, what: &str) -> Result<(), CommandError> {
    ctx.home.require()?;
    match ctx.store_location()? {
        StoreLocation::Postgres { .. } => Ok(()),
        StoreLocation::Embedded(_) => Err(CommandError::invalid(format!(
            "`desk template {what}` is for a team store; this home's own templates/*.toml are its types"
        ))
        .with_hint("edit templates/NAME.toml and check it with `desk template check`")),
    }
}

pub fn publish(ctx: &Context, args: &PublishArgs) -> Result<(), CommandError> {
    require_team_store(ctx, "publish")?;
    let shared = ctx.shared()?.templates;
    let store = ctx.open_store()?;
    let mut txn = store.txn();
    ctx.require_admin(&txn, "publish ticket types")
        .map_err(|e| e.with_hint("anyone may see the published types: desk template list"))?;
    let mut after: Vec<(String, String)> = shared.clone();
    let mut published = Vec::new();
    for name in &args.remove {
        let Some(at) = after.iter().position(|(n, _)| n == name) else {
            return Err(CommandError::not_found(format!(
                "type `{name}` is not published on the team store; nothing was removed"
            ))
            .with_hint("see the published types: desk template list"));
        };
        after.remove(at);
        txn.unpublish_template(name);
    }
    if args.remove.is_empty() {
        for path in files_to_publish(ctx, &args.names)? {
            let name = path.file_stem().unwrap_or_default().to_string_lossy().to_string();
            // Checked as `template check` checks it: file, line and column of a mistake.
            load_template_file(&path).map_err(|error| {
                CommandError::invalid(format!("{error}"))
                    .with_hint("nothing was published; fix the file and check it with `desk template check`")
            })?;
            let source = fs::read_to_string(&path)?;
            after.retain(|(n, _)| *n != name);
            after.push((name.clone(), source.clone()));
            txn.publish_template(&name, &source);
            published.push(name);
        }
    }
    after.sort();
    let catalog = catalog_of_shared(&after);
    if let Some((prefix, types)) = prefix_clashes(&catalog.templates).into_iter().next() {
        return Err(CommandError::invalid(format!(
            "types {} would share the prefix `{prefix}` on the team store; nothing was published",
            types.join(", ")
        ))
        .with_hint("give each type its own prefix"));
    }
    txn.commit()?;
    let types: Vec<String> = after.into_iter().map(|(name, _)| name).collect();
    if ctx.ui.is_json() {
        return ctx.ui.json(&PublishJson {
            published: &published,
            removed: &args.remove,
            types,
        });
    }
    if !published.is_empty() {
        ctx.ui.line(format!("published {}", published.join(", ")))?;
    }
    if !args.remove.is_empty() {
        ctx.ui.line(format!("removed {}", args.remove.join(", ")))?;
    }
    ctx.ui.note(format!(
        "the team store has {}; every host uses them from its next command",
        counted(types.len(), "type")
    ));
    Ok(())
}

/// templates/NAME.toml for each name, or every templates/*.toml; exit 3 for a missing one.
fn files_to_publish(ctx: &Context, names: &[String]) -> Result<Vec<PathBuf>, CommandError> {
    let dir = ctx.home.templates_dir();
    if names.is_empty() {
        let files = ctx.home.template_files()?;
        if files.is_empty() {
            return Err(CommandError::not_found(format!(
                "no templates/*.toml in {} to publish",
                ctx.home.root().display()
            ))
            .with_hint("`desk template pull` writes the team store's types there to edit"));
        }
        return Ok(files);
    }
    names
        .iter()
        .map(|name| {
            let path = dir.join(format!("{name}.toml"));
            match path.is_file() {
                true => Ok(path),
                false => Err(CommandError::not_found(format!(
                    "no template file {} to publish; nothing was published",
                    path.display()
                ))),
            }
        })
        .collect()
}

pub fn pull(ctx: &Context, _args: &PullArgs) -> Result<(), CommandError> {
    require_team_store(ctx, "pull")?;
    let shared = ctx.shared()?.templates;
    // Reading the types is for anyone who may use the desk.
    drop(ctx.open_store()?);
    let dir = ctx.home.templates_dir();
    fs::create_dir_all(&dir)?;
    let (mut written, mut unchanged) = (Vec::new(), Vec::new());
    for (name, source) in &shared {
        let path = dir.join(format!("{name}.toml"));
        if fs::read_to_string(&path).is_ok_and(|local| local == *source) {
            unchanged.push(name.clone());
            continue;
        }
        fs::write(&path, source)?;
        written.push(name.clone());
    }
    let not_published: Vec<String> = ctx
        .home
        .template_files()?
        .iter()
        .map(|p| p.file_stem().unwrap_or_default().to_string_lossy().to_string())
        .filter(|name| !shared.iter().any(|(n, _)| n == name))
        .collect();
    if ctx.ui.is_json() {
        return ctx.ui.json(&PullJson {
            written: &written,
            unchanged: &unchanged,
            not_published: &not_published,
        });
    }
    for name in &written {
        ctx.ui.line(format!("wrote templates/{name}.toml"))?;
    }
    ctx.ui.note(format!(
        "{} from the team store, {} already current",
        counted(written.len(), "type"),
        unchanged.len()
    ));
    if !not_published.is_empty() {
        ctx.ui.warn(format!(
            "not on the team store, so no host uses them: {} (desk template publish NAME)",
            not_published.join(", ")
        ));
    }
    Ok(())
}
