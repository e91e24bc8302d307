//! `desk token create|list|revoke`: API tokens for `desk serve` (admins). A token acts as
//! one desk user within its scopes; its secret is printed once and only its hash is kept.

use chrono::{DateTime, SecondsFormat, Utc};
use clap::{Args, Subcommand};
use serde::Serialize;

use crate::cli::context::Context;
use crate::cli::error::{CommandError, ExitKind};
use crate::cli::ui::StyledCell;
use crate::domain::token::{new_secret, parse_scopes, secret_sha256, Scope, Token};

#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Make a token for `desk serve` and print its secret, once
    #[command(after_help = "Examples:
  desk token create --user ci-bot --scope ticket:new --type ci-failure
                      a CI runner may only file ci-failure tickets
  desk token create --user carol --scope ticket:new,ticket:read \\
    --expires 30d     carol files and reads her tickets for a month
  desk token create --user ci-bot --scope ticket:new -q
                      just the secret, for a script to store")]
    Create(CreateArgs),
    /// Every token: who it acts as, its scopes, and whether it still works
    #[command(after_help = "Examples:
  desk token list         name, user, scopes, type, expiry and state
  desk token list --json  the same, for a script (never the secrets)")]
    List,
    /// Stop a token from working, from its next request
    #[command(after_help = "Examples:
  desk token revoke ci-bot         the runner's token works no more
  desk token revoke ci-bot --json  what it was, for a script")]
    Revoke(RevokeArgs),
}

#[derive(Debug, Args)]
pub struct CreateArgs {
    /// The desk user the token acts as (an agent or a requester on record)
    #[arg(long, value_name = "USER")]
    pub user: String,
    /// What it may do, comma-separated or repeated: ticket:new, ticket:read, ticket:write, report:read
    #[arg(long, value_name = "SCOPE", required = true)]
    pub scope: Vec<String>,
    /// Only tickets of this type (filing and reading)
    #[arg(long = "type", short = 't', value_name = "TYPE")]
    pub ticket_type: Option<String>,
    /// How long it works: an age (90d, 12h, 2w), or `never`
    #[arg(long, value_name = "AGE", default_value = "90d")]
    pub expires: String,
    /// Its name in events and `token list` [default: the user's name, or NAME-2, -3 …]
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
}

#[derive(Debug, Args)]
pub struct RevokeArgs {
    /// The token's name (`desk token list`)
    pub name: String,
}

pub fn run(ctx: &Context, command: &TokenCommand) -> Result<(), CommandError> {
    ctx.home.require()?;
    match command {
        TokenCommand::Create(args) => create(ctx, args),
        TokenCommand::List => list(ctx),
        TokenCommand::Revoke(args) => revoke(ctx, args),
    }
}

fn time(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

#[derive(Serialize)]
struct TokenJson<'a> {
    name: &'a str,
    user: &'a str,
    scopes: &'a [Scope],
    ticket_type: Option<&'a str>,
    created_at: String,
    created_by: &'a str,
    expires_at: Option<String>,
    revoked_at: Option<String>,
    /// `active`, `expired` or `revoked`.
    state: &'static str,
    /// Only when it is made.
    #[serde(skip_serializing_if = "Option::is_none")]
    token: Option<&'a str>,
}

fn state(token: &Token, now: DateTime<Utc>) -> &'static str {
    match token.check(now) {
        Ok(()) => "active",
        Err(crate::domain::token::TokenRefusal::Revoked(_)) => "revoked",
        Err(_) => "expired",
    }
}

fn json<'a>(token: &'a Token, now: DateTime<Utc>, secret: Option<&'a str>) -> TokenJson<'a> {
    TokenJson {
        name: &token.name,
        user: &token.user,
        scopes: &token.scopes,
        ticket_type: token.ticket_type.as_deref(),
        created_at: time(token.created_at),
        created_by: &token.created_by,
        expires_at: token.expires_at.map(time),
        revoked_at: token.revoked_at.map(time),
        state: state(token, now),
        token: secret,
    }
}

fn create(ctx: &Context, args: &CreateArgs) -> Result<(), CommandError> {
    crate::domain::people::validate_name("user", &args.user)?;
    let scopes = parse_scopes(args.scope.iter().map(String::as_str))?;
    let expires_at = match args.expires.trim() {
        "never" => None,
        text => {
            let age = humantime::parse_duration(text).map_err(|e| {
                CommandError::invalid(format!("--expires `{text}`: {e}"))
                    .with_hint("e.g. --expires 90d, or --expires never")
            })?;
            Some(ctx.now + chrono::Duration::from_std(age).unwrap_or(chrono::Duration::MAX))
        }
    };
    if let Some(name) = &args.name {
        crate::domain::people::validate_name("token", name)?;
    }
    if let Some(ticket_type) = &args.ticket_type {
        crate::cli::intake::find_template(&ctx.catalog()?, ticket_type)?;
    }
    let store = ctx.open_store()?;
    let mut txn = store.txn();
    ctx.require_admin(&txn, "make tokens")
        .map_err(|e| e.with_hint("an admin makes one for you: desk token create --user NAME --scope …"))?;
    if txn.agent(&args.user)?.is_none() && txn.requester(&args.user)?.is_none() {
        return Err(CommandError::not_found(format!(
            "no agent or requester `{}`; a token acts as someone on record",
            args.user
        ))
        .with_hint(format!(
            "add them first: desk requester add {} (or desk agent add)",
            args.user
        )));
    }
    let name = match &args.name {
        Some(name) if txn.token(name)?.is_some() => {
            return Err(
                CommandError::new(ExitKind::Conflict, format!("a token named `{name}` exists"))
                    .with_hint("pick another --name, or revoke that one: desk token revoke NAME"),
            )
        }
        Some(name) => name.clone(),
        None => {
            let mut candidate = args.user.clone();
            let mut n = 1;
            while txn.token(&candidate)?.is_some() {
                n += 1;
                candidate = format!("{}-{n}", args.user);
            }
            candidate
        }
    };
    let secret = fresh_secret()?;
    let token = Token {
        name,
        user: args.user.clone(),
        scopes,
        ticket_type: args.ticket_type.clone(),
        created_at: ctx.now,
        created_by: ctx.user().to_string(),
        expires_at,
        revoked_at: None,
        secret_sha256: secret_sha256(&secret),
    };
    txn.put_token(&token);
    txn.commit()?;
    drop(store);
    if ctx.ui.is_json() {
        return ctx.ui.json(&json(&token, ctx.now, Some(&secret)));
    }
    ctx.ui.line(&secret)?;
    if !ctx.ui.is_quiet() {
        let scopes: Vec<&str> = token.scopes.iter().map(|s| s.as_str()).collect();
        ctx.ui.note(format!(
            "token `{}` acts as {} with {}{}, {}; it is shown only this once: store it now",
            token.name,
            token.user,
            scopes.join(", "),
            token
                .ticket_type
                .as_deref()
                .map(|t| format!(" on {t} tickets"))
                .unwrap_or_default(),
            match token.expires_at {
                Some(at) => format!("until {}", time(at)),
                None => "without expiry".to_string(),
            }
        ));
    }
    Ok(())
}

fn list(ctx: &Context) -> Result<(), CommandError> {
    let store = ctx.open_store()?;
    let txn = store.txn();
    ctx.require_admin(&txn, "see the tokens")
        .map_err(|e| e.with_hint("an admin can list them: desk token list"))?;
    let tokens = txn.tokens()?;
    drop(txn);
    drop(store);
    if ctx.ui.is_json() {
        let all: Vec<TokenJson> = tokens.iter().map(|t| json(t, ctx.now, None)).collect();
        return ctx.ui.json(&all);
    }
    if ctx.ui.is_quiet() {
        for token in &tokens {
            ctx.ui.line(&token.name)?;
        }
        return Ok(());
    }
    if tokens.is_empty() {
        ctx.ui
            .note("no tokens yet: desk token create --user NAME --scope ticket:new");
        return Ok(());
    }
    let rows = tokens
        .iter()
        .map(|t| {
            let scopes: Vec<&str> = t.scopes.iter().map(|s| s.as_str()).collect();
            vec![
                StyledCell::plain(&t.name),
                StyledCell::plain(&t.user),
                StyledCell::plain(scopes.join(",")),
                StyledCell::plain(t.ticket_type.as_deref().unwrap_or("*")),
                StyledCell::plain(t.expires_at.map_or("never".to_string(), time)),
                StyledCell::plain(state(t, ctx.now)),
            ]
        })
        .collect();
    ctx.ui
        .table(&["NAME", "USER", "SCOPES", "TYPE", "EXPIRES", "STATE"], rows)
}

fn revoke(ctx: &Context, args: &RevokeArgs) -> Result<(), CommandError> {
    let store = ctx.open_store()?;
    let mut txn = store.txn();
    ctx.require_admin(&txn, "revoke tokens")
        .map_err(|e| e.with_hint("ask an admin: desk token revoke NAME"))?;
    let Some(mut token) = txn.token(&args.name)? else {
        return Err(CommandError::not_found(format!("no token named `{}`", args.name))
            .with_hint("see them: desk token list"));
    };
    if token.revoked_at.is_some() {
        ctx.ui.note(format!("token `{}` was already revoked", token.name));
        return Ok(());
    }
    token.revoked_at = Some(ctx.now);
    txn.put_token(&token);
    txn.commit()?;
    drop(store);
    if ctx.ui.is_json() {
        return ctx.ui.json(&json(&token, ctx.now, None));
    }
    ctx.ui.line(format!("revoked token `{}`", token.name))
}

/// A new secret (`desk_` and 64 hex digits) from the operating system's randomness: API
/// tokens, and the web page's sign-in links, sessions and CSRF tokens.
pub fn fresh_secret() -> Result<String, CommandError> {
    let mut random = [0u8; 32];
    getrandom::fill(&mut random).map_err(|e| {
        CommandError::new(
            ExitKind::Failure,
            format!("cannot read the system's randomness: {e}"),
        )
    })?;
    Ok(new_secret(random))
}
