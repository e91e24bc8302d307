//! Running one desk command for a client: the CLI with `DESK_URL` (`POST /api/v1/cli`)
//! and every JSON endpoint go through here, so a command over the API is the command:
//! the same parsing, rules, output and events, as the token's user.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use clap::Parser;

use crate::cli::commands::Command;
use crate::cli::context::Context;
use crate::cli::error::CommandError;
use crate::cli::io::Io;
use crate::cli::ui::{Captured, ColorChoice, Terminal, Ui};
use crate::cli::{Cli, GlobalArgs};
use crate::domain::token::{secret_sha256, Scope, Token, TokenRefusal};

use super::scopes;

/// A command to run for a client.
pub struct Request<'a> {
    /// The arguments after `desk`, as the client's command line had them.
    pub argv: Vec<String>,
    /// The client's standard input, when the command reads it.
    pub stdin: Option<Vec<u8>>,
    /// The files the command names, by the path it names them with.
    pub files: BTreeMap<String, Vec<u8>>,
    /// How the client's terminal looks, so output is rendered as it would be there.
    pub terminal: Terminal,
    /// Who asks.
    pub actor: Actor<'a>,
}

/// Who a command runs for.
#[derive(Clone, Copy)]
pub enum Actor<'a> {
    /// The holder of an API token (its secret), within its scopes.
    Token(&'a str),
    /// A requester signed in to the web page (the session cookie's secret), running what
    /// the page runs; with the CSRF token a form sent, for commands that change something.
    Session { secret: &'a str, csrf: Option<&'a str> },
    /// A desk user the server vouches for, having checked the request another way (a
    /// Slack request's signature): the user `[slack] user` names.
    Trusted { user: &'a str },
}

/// What running it gave.
pub struct Ran {
    /// What it printed.
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    /// Its result: the CLI's exit code follows from it.
    pub result: Result<(), CommandError>,
    /// Files it wrote (`report --output FILE`), for the client to write.
    pub written: Vec<(String, Vec<u8>)>,
    /// The token it ran through, by name, once known.
    pub token: Option<String>,
    /// It would have paged its output.
    pub paged: bool,
}

/// Why a command was not run at all.
pub enum Refused {
    /// The command line does not parse: clap's message, exit 2.
    Usage(String),
    /// No usable token, or one without the scope: nothing ran.
    Denied(CommandError, Option<String>),
}

/// Parse, authenticate, check the scope, and run; a team store's conflict runs it again
/// while nothing was printed or committed, as on the command line.
pub fn run(home: &Path, lock_timeout: Duration, request: Request<'_>) -> Result<Ran, Refused> {
    let argv = std::iter::once("desk".to_string()).chain(request.argv.iter().cloned());
    let cli = Cli::try_parse_from(argv).map_err(|e| Refused::Usage(e.render().to_string()))?;
    if cli.globals.home.is_some() || cli.globals.acting_user.is_some() {
        return Err(Refused::Denied(
            CommandError::invalid("--home and --as are not taken over the API: a token acts as its own user on the server's desk")
                .with_hint("drop them; an admin makes a token for the user to act as"),
            None,
        ));
    }
    // A token's scope is checked once it is read; what the web page runs, it chose.
    let scope = match (request.actor, scopes::scope_of(&cli.command)) {
        (Actor::Token(_), Err(error)) => return Err(Refused::Denied(error, None)),
        (_, scope) => scope.ok(),
    };
    let mode = cli.globals.output_mode();
    crate::cli::retry::begin_command();
    let token_name: RefCell<Option<String>> = RefCell::new(None);
    let last_run: RefCell<Option<LastRun>> = RefCell::new(None);
    let attempt = || -> Result<Attempt, CommandError> {
        let (ui, captured) = Ui::captured(mode, request.terminal);
        let ctx =
            context(home, &cli.globals, ui)?.with_io(Io::sent(request.stdin.clone(), request.files.clone()));
        match request.actor {
            Actor::Token(secret) => {
                let token = match authenticate(&ctx, secret) {
                    Ok(token) => token,
                    Err(error) => return Ok(Attempt::Refused(error)),
                };
                *token_name.borrow_mut() = Some(token.name.clone());
                let scope = scope.expect("a token's command has a scope: checked above");
                if let Err(error) = may_run(&token, scope, &cli.command) {
                    return Ok(Attempt::Refused(error));
                }
                ctx.act_through_token(&token);
            }
            Actor::Session { secret, csrf } => match super::web::session_user(&ctx, secret, csrf) {
                Ok(requester) => ctx.set_identity(crate::domain::Identity::own(
                    &requester,
                    crate::domain::AuthMethod::WebSession,
                )),
                Err(error) => return Ok(Attempt::Refused(error)),
            },
            Actor::Trusted { user } => ctx.set_identity(crate::domain::Identity::own(
                user,
                crate::domain::AuthMethod::SignedWebhook,
            )),
        }
        let result = crate::cli::commands::run(&ctx, &cli.command);
        crate::cli::commands::audit::record(&ctx, &cli.command, &result);
        *last_run.borrow_mut() = Some((captured, ctx.io.take_written()));
        match result {
            Err(error) if error.conflict => Err(error),
            result => Ok(Attempt::Ran(result)),
        }
    };
    let outcome =
        crate::cli::retry::run_again_on_conflict(lock_timeout, crate::cli::retry::repeatable, attempt);
    let token = token_name.into_inner();
    let result = match outcome {
        Ok(Attempt::Refused(error)) => return Err(Refused::Denied(error, token)),
        Ok(Attempt::Ran(result)) => result,
        Err(error) => Err(error),
    };
    let (captured, written) = last_run.into_inner().unwrap_or_default();
    let Captured {
        stdout,
        mut stderr,
        paged,
    } = std::mem::take(&mut *captured.lock().expect("capture"));
    if let Err(error) = &result {
        stderr.extend_from_slice(crate::cli::render_error(error, request.terminal.stderr_color).as_bytes());
    }
    Ok(Ran {
        stdout,
        stderr,
        result,
        written,
        token,
        paged,
    })
}

/// What the last attempt printed and wrote.
type LastRun = (Arc<Mutex<Captured>>, Vec<(String, Vec<u8>)>);

/// clap's message for a command line that does not parse, as one error: its first line,
/// and the indented lines under it (the missing arguments) as details.
pub fn usage_error(message: &str) -> CommandError {
    let mut lines = message.lines();
    let first = lines.next().unwrap_or_default().trim_start_matches("error: ");
    let mut error = CommandError::invalid(first.trim_end_matches(':').to_string());
    error.details = lines
        .take_while(|line| !line.trim().is_empty())
        .filter(|line| line.starts_with("  "))
        .map(|line| line.trim().to_string())
        .collect();
    error
}

enum Attempt {
    Refused(CommandError),
    Ran(Result<(), CommandError>),
}

/// A context for one request: the server's home, the client's output mode, never a
/// prompt or pager (the Ui captures).
pub fn context(home: &Path, asked: &GlobalArgs, ui: Ui) -> Result<Context, CommandError> {
    let globals = GlobalArgs {
        home: Some(PathBuf::from(home)),
        acting_user: None,
        json: asked.json,
        quiet: asked.quiet,
        no_input: true,
        color: ColorChoice::Never,
        no_pager: true,
    };
    Context::new(&globals, ui)
}

/// Global flags for a JSON endpoint's command.
pub fn json_globals() -> GlobalArgs {
    GlobalArgs {
        home: None,
        acting_user: None,
        json: true,
        quiet: false,
        no_input: true,
        color: ColorChoice::Never,
        no_pager: true,
    }
}

fn unauthenticated(why: String) -> CommandError {
    CommandError::denied(why)
        .with_hint("send Authorization: Bearer TOKEN (an admin makes one: desk token create)")
        .with_status(401)
}

/// The token whose secret this is, if it works now; read on the store handle the command
/// then goes on to use.
pub fn authenticate(ctx: &Context, secret: &str) -> Result<Token, CommandError> {
    if secret.is_empty() {
        return Err(unauthenticated("no API token".to_string()));
    }
    let token = ctx.read_ahead(|txn| txn.token_by_secret_hash(&secret_sha256(secret)))?;
    let token = token.ok_or_else(|| unauthenticated(TokenRefusal::Unknown.to_string()))?;
    token
        .check(ctx.now)
        .map_err(|why| unauthenticated(why.to_string()))?;
    Ok(token)
}

/// Whether `token` may run `command`, which needs `scope`.
fn may_run(token: &Token, scope: Scope, command: &Command) -> Result<(), CommandError> {
    require_scope(token, scope)?;
    match token.ticket_type.as_deref() {
        Some(only) if !scopes::typed_token_may_run(command) => Err(CommandError::denied(format!(
            "permission denied: token `{}` is for {only} tickets only, and this command is not about one ticket",
            token.name
        ))),
        _ => Ok(()),
    }
}

pub fn require_scope(token: &Token, scope: Scope) -> Result<(), CommandError> {
    match token.allows(scope) {
        true => Ok(()),
        false => Err(CommandError::denied(format!(
            "permission denied: token `{}` does not have the scope {scope}",
            token.name
        ))
        .with_hint(format!(
            "an admin makes one that has: desk token create --user {} --scope {scope}",
            token.user
        ))),
    }
}
