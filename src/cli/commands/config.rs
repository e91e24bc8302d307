//! `desk config show|publish|pull`: the settings a team store's hosts share. Published
//! settings (config.toml without its `[store]` table) live in the database and every
//! host's commands read them there, so tiers, SLA policies, routing, departments and
//! sinks are the same on every host. The home's config.toml is where an admin edits them;
//! its `[store]` (URL, password, identity) stays each host's own.

use std::fs;

use clap::{Args, Subcommand};
use serde::Serialize;

use crate::cli::context::{Context, StoreLocation, SHARED_CONFIG_ORIGIN};
use crate::cli::error::CommandError;
use crate::domain::config::{same_shared_settings, shared_part, with_local_store, Config};
use crate::domain::notify::Secret;

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print the settings this home works by, and where they come from
    #[command(after_help = "Examples:
  desk config show         the TOML in effect: the team store's, or config.toml
  desk config show --json  the same with its origin, for a script")]
    Show(ShowArgs),
    /// Share this home's config.toml (all but [store]) with every host of the team store (admins)
    #[command(after_help = "Examples:
  desk config publish         after editing tiers, SLA or sinks in config.toml
  desk config publish --json  what was published, for a script")]
    Publish(PublishArgs),
    /// Write the team store's settings into this home's config.toml, to edit them
    #[command(after_help = "Examples:
  desk config pull         the team's settings into config.toml ([store] kept)
  desk config pull --json  whether the file changed, and its backup")]
    Pull(PullArgs),
}

#[derive(Debug, Args)]
pub struct ShowArgs {}

#[derive(Debug, Args)]
pub struct PublishArgs {}

#[derive(Debug, Args)]
pub struct PullArgs {}

pub fn run(ctx: &Context, command: &ConfigCommand) -> Result<(), CommandError> {
    match command {
        ConfigCommand::Show(_) => show(ctx),
        ConfigCommand::Publish(_) => publish(ctx),
        ConfigCommand::Pull(_) => pull(ctx),
    }
}

#[derive(Serialize)]
struct ShowJson<'a> {
    /// `team-store` or `config.toml`.
    origin: &'a str,
    /// The TOML in effect (on a team store, without this host's `[store]`).
    source: &'a str,
    /// Whether this home's config.toml holds other settings than the team store's.
    local_differs: bool,
}

fn show(ctx: &Context) -> Result<(), CommandError> {
    ctx.home.require()?;
    let local = read_local(ctx)?;
    let shared = ctx.shared()?.config;
    if shared.is_some() {
        // Reading the settings is for anyone who may use the desk.
        drop(ctx.open_store()?);
    }
    let (origin, source) = match &shared {
        Some(source) => ("team-store", source.as_str()),
        None => ("config.toml", local.as_deref().unwrap_or("")),
    };
    let local_differs = shared
        .as_deref()
        .is_some_and(|shared| !same_shared_settings(shared, local.as_deref().unwrap_or("")));
    if ctx.ui.is_json() {
        return ctx.ui.json(&ShowJson {
            origin,
            source,
            local_differs,
        });
    }
    match origin {
        "team-store" => ctx
            .ui
            .note("the team store's settings (desk config publish), with this home's own [store]"),
        _ => ctx.ui.note(format!("from {}", ctx.home.config_path().display())),
    }
    ctx.ui.line(source.trim_end())?;
    if local_differs {
        ctx.ui.warn(format!(
            "{} holds other settings, which no command here uses (desk config pull)",
            ctx.home.config_path().display()
        ));
    }
    Ok(())
}

#[derive(Serialize)]
struct PublishJson {
    published: bool,
    /// Whether the team store already had exactly these settings.
    unchanged: bool,
    /// Keys of inline secrets now readable by every desk user of the team store.
    inline_secrets: Vec<String>,
}

fn publish(ctx: &Context) -> Result<(), CommandError> {
    require_team_store(ctx, "publish")?;
    let path = ctx.home.config_path();
    let Some(source) = read_local(ctx)? else {
        return Err(
            CommandError::not_found(format!("no {} to publish", path.display()))
                .with_hint("`desk config pull` writes the team store's settings there to edit"),
        );
    };
    // Checked as every command reads it: file, line and column of a mistake.
    let config = Config::parse(&path.display().to_string(), &source).map_err(|error| {
        CommandError::invalid(error.to_string())
            .with_hint("nothing was published; fix config.toml, then publish again")
    })?;
    let settings = shared_part(&source).map_err(|error| {
        CommandError::invalid(format!("{}: {error}", path.display())).with_hint("nothing was published")
    })?;
    let before = ctx.shared()?.config;
    let store = ctx.open_store()?;
    let mut txn = store.txn();
    ctx.require_admin(&txn, "publish the desk's settings")
        .map_err(|e| e.with_hint("anyone may see them: desk config show"))?;
    let unchanged = before.as_deref() == Some(settings.as_str());
    if !unchanged {
        txn.publish_config(&settings);
        txn.commit()?;
    }
    drop(store);
    let inline_secrets: Vec<String> = config
        .secrets()
        .into_iter()
        .filter(|(_, secret)| matches!(secret, Secret::Inline(_)))
        .map(|(key, _)| key)
        .collect();
    for key in &inline_secrets {
        ctx.ui.warn(format!(
            "{key} is an inline secret: on the team store every desk user can read it; write it as \"env:NAME\" or \"file:PATH\""
        ));
    }
    if ctx.ui.is_json() {
        return ctx.ui.json(&PublishJson {
            published: true,
            unchanged,
            inline_secrets,
        });
    }
    match unchanged {
        true => ctx.ui.note("the team store already has these settings"),
        false => ctx.ui.line(format!(
            "published {} (all but [store]); every host uses it from its next command",
            path.display()
        ))?,
    }
    Ok(())
}

#[derive(Serialize)]
struct PullJson {
    written: bool,
    /// Where the earlier config.toml was kept, when it held other settings.
    backup: Option<String>,
}

fn pull(ctx: &Context) -> Result<(), CommandError> {
    require_team_store(ctx, "pull")?;
    let Some(shared) = ctx.shared()?.config else {
        return Err(CommandError::not_found(
            "the team store has no published settings; every host uses its own config.toml",
        )
        .with_hint("an admin shares this home's: desk config publish"));
    };
    drop(ctx.open_store()?);
    let path = ctx.home.config_path();
    let local = read_local(ctx)?.unwrap_or_default();
    let text = with_local_store(&shared, &local).map_err(|error| {
        CommandError::invalid(format!("{}: {error}", path.display()))
            .with_hint("nothing was written; fix or move config.toml, then pull again")
    })?;
    // The published text must read back as settings before it replaces the file.
    Config::parse(SHARED_CONFIG_ORIGIN, &text)?;
    let (written, backup) = if text == local {
        (false, None)
    } else {
        let backup = (!local.is_empty() && !same_shared_settings(&shared, &local)).then(|| {
            let backup = path.with_extension("toml.orig");
            (backup.clone(), fs::write(&backup, &local))
        });
        let backup = match backup {
            Some((backup, result)) => {
                result?;
                Some(backup.display().to_string())
            }
            None => None,
        };
        fs::write(&path, &text)?;
        (true, backup)
    };
    if ctx.ui.is_json() {
        return ctx.ui.json(&PullJson { written, backup });
    }
    match written {
        true => ctx
            .ui
            .line(format!("wrote {} from the team store", path.display()))?,
        false => ctx.ui.note(format!(
            "{} already holds the team store's settings",
            path.display()
        )),
    }
    if let Some(backup) = backup {
        ctx.ui.note(format!("its earlier settings are in {backup}"));
    }
    Ok(())
}

fn require_team_store(ctx: &Context, what: &str) -> Result<(), CommandError> {
    ctx.home.require()?;
    match ctx.store_location()? {
        StoreLocation::Postgres { .. } => Ok(()),
        StoreLocation::Embedded(_) => Err(CommandError::invalid(format!(
            "`desk config {what}` is for a team store; this home's own config.toml is its settings"
        ))
        .with_hint("edit config.toml; `desk config show` prints what is in effect")),
    }
}

/// This home's config.toml, if there is one.
fn read_local(ctx: &Context) -> Result<Option<String>, CommandError> {
    match fs::read_to_string(ctx.home.config_path()) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(CommandError::from(e)),
    }
}
