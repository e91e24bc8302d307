//! `desk serve`: the desk over HTTP, for callers that hold an API token rather than an OS
//! account or database credentials (CI runners, other services). Each request is one
//! desk command: it authenticates the token, acts as the token's user with that user's
//! rights and privacy rules, within the token's scopes, and goes through the same intake,
//! rules and store as the CLI, so the same input gets the same answer and the same events.
//!
//! Errors keep the CLI's meaning: the HTTP status says what kind, and the body names the
//! exit code the CLI would have ended with (`{"error": {"code": "denied", "exit": 4, …}}`).

use std::io::Read;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use clap::Args;
use serde::Serialize;
use serde_json::Value;
use tiny_http::{Header, Method, Request, Response, Server};

use crate::cli::context::{parse_ticket_ref, Context};
use crate::cli::error::{CommandError, ExitKind};
use crate::cli::ui::{ColorChoice, OutputMode, Ui};
use crate::cli::GlobalArgs;
use crate::domain::token::{secret_sha256, Scope, Token};

/// The largest request body taken (a ticket with a long description); more is refused
/// with 413 before it is read.
pub const MAX_BODY_BYTES: u64 = 1024 * 1024;

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  desk serve                          http://127.0.0.1:8477, this host only
  desk serve --listen 0.0.0.0:8477    every interface (put TLS in front)
  desk serve --threads 32             more requests at once")]
pub struct ServeArgs {
    /// The address and port to listen on
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8477")]
    pub listen: String,
    /// Requests handled at once
    #[arg(long, value_name = "N", default_value_t = 8, value_parser = clap::value_parser!(u16).range(1..=256))]
    pub threads: u16,
}

pub fn run(ctx: &Context, args: &ServeArgs) -> Result<(), CommandError> {
    ctx.home.require()?;
    // Fail now, not on the first request, when the store cannot be opened.
    drop(ctx.open_store_unauthenticated()?);
    let server = Server::http(&args.listen).map_err(|e| {
        CommandError::invalid(format!("cannot listen on {}: {e}", args.listen))
            .with_hint("pick a free port: desk serve --listen 127.0.0.1:PORT")
    })?;
    let address = server
        .server_addr()
        .to_ip()
        .map_or_else(|| args.listen.clone(), |a| a.to_string());
    ctx.ui
        .line(format!("desk serve: listening on http://{address}"))?;
    let (home, lock_timeout) = (ctx.home.root().to_path_buf(), ctx.lock_timeout);
    let server = Arc::new(server);
    let workers: Vec<_> = (0..args.threads)
        .map(|_| {
            let (server, home) = (Arc::clone(&server), home.clone());
            std::thread::spawn(move || {
                for request in server.incoming_requests() {
                    serve_one(&home, lock_timeout, request);
                }
            })
        })
        .collect();
    // SIGTERM (a service manager stopping it) or SIGINT (Ctrl-C): stop taking requests;
    // each worker finishes the one it is answering, whose write has committed by the time
    // it responds, then exits.
    let mut signals =
        signal_hook::iterator::Signals::new([signal_hook::consts::SIGTERM, signal_hook::consts::SIGINT])
            .map_err(|e| CommandError::new(ExitKind::Failure, format!("cannot watch for SIGTERM: {e}")))?;
    let stopper = {
        let (server, threads) = (Arc::clone(&server), args.threads);
        std::thread::spawn(move || {
            if signals.forever().next().is_some() {
                for _ in 0..threads {
                    server.unblock();
                }
            }
        })
    };
    for worker in workers {
        let _ = worker.join();
    }
    drop(stopper);
    ctx.ui.note("desk serve: stopped");
    Ok(())
}

/// Answer `request` and write one access-log line (JSON) to stderr.
fn serve_one(home: &std::path::Path, lock_timeout: Duration, mut request: Request) {
    let started = Instant::now();
    let method = request.method().clone();
    let path = request.url().split('?').next().unwrap_or_default().to_string();
    let (status, body, token) = match answer(home, lock_timeout, &mut request, &method, &path) {
        Ok((status, body, token)) => (status, body, token),
        Err((error, token)) => (status_of(&error), error_body(&error), token),
    };
    let log = AccessLog {
        method: method.as_str(),
        path: &path,
        status,
        token: token.as_deref(),
        ms: started.elapsed().as_secs_f64() * 1000.0,
    };
    if let Ok(line) = serde_json::to_string(&log) {
        eprintln!("{line}");
    }
    let response = Response::from_string(body)
        .with_status_code(status)
        .with_header(Header::from_bytes("Content-Type", "application/json").expect("static header"));
    let _ = request.respond(response);
}

#[derive(Serialize)]
struct AccessLog<'a> {
    method: &'a str,
    path: &'a str,
    status: u16,
    token: Option<&'a str>,
    ms: f64,
}

type Answer = Result<(u16, String, Option<String>), (CommandError, Option<String>)>;

fn answer(
    home: &std::path::Path,
    lock_timeout: Duration,
    request: &mut Request,
    method: &Method,
    path: &str,
) -> Answer {
    let segments: Vec<&str> = path.trim_end_matches('/').split('/').skip(1).collect();
    if let (Method::Get, ["api", "v1", "health"]) = (method, segments.as_slice()) {
        let body = serde_json::json!({"status": "ok", "version": env!("CARGO_PKG_VERSION")});
        return Ok((200, body.to_string(), None));
    }
    let route = match (method, segments.as_slice()) {
        (Method::Post, ["api", "v1", "tickets"]) => Route::FileTicket,
        (Method::Get, ["api", "v1", "tickets", id]) => Route::ShowTicket(id.to_string()),
        (_, ["api", "v1", "tickets"] | ["api", "v1", "tickets", _]) => {
            return Err((
                CommandError::new(ExitKind::Invalid, format!("{method} is not allowed on {path}")),
                None,
            ))
        }
        _ => return Err((CommandError::not_found(format!("no API endpoint {path}")), None)),
    };
    let body = match route {
        Route::FileTicket => Some(read_body(request).map_err(|e| (e, None))?),
        Route::ShowTicket(_) => None,
    };
    let secret = bearer_secret(request).map_err(|e| (e, None))?;
    let name: std::cell::RefCell<Option<String>> = std::cell::RefCell::new(None);
    let outcome = crate::cli::retry::run_again_on_conflict(
        lock_timeout,
        || true,
        || {
            // Every attempt from a fresh context: its clock and cached reads start anew. The
            // token is read on the store handle the request then goes on to use.
            let ctx = request_context(home)?;
            let token = authenticate(&ctx, &secret)?;
            *name.borrow_mut() = Some(token.name.clone());
            ctx.act_through_token(&token.user, &token.name);
            match &route {
                Route::FileTicket => {
                    require_scope(&token, Scope::TicketNew)?;
                    let value: Value = serde_json::from_slice(body.as_deref().unwrap_or_default())
                        .map_err(|e| CommandError::invalid(format!("the body is not JSON: {e}")))?;
                    let filed = crate::cli::commands::ticket::new::file_submission(
                        &ctx,
                        value,
                        "api",
                        |ticket_type| require_type(&token, ticket_type),
                    )?;
                    Ok((201, filed))
                }
                Route::ShowTicket(id) => {
                    require_scope(&token, Scope::TicketRead)?;
                    let id = parse_ticket_ref(id).map_err(CommandError::invalid)?;
                    let shown = crate::cli::commands::ticket::show::show_json_text(&ctx, &id, |ticket| {
                        require_type(&token, &ticket.ticket_type)
                    })?;
                    Ok((200, shown))
                }
            }
        },
    );
    let name = name.into_inner();
    match outcome {
        Ok((status, body)) => Ok((status, body, name)),
        Err(error) => Err((error, name)),
    }
}

enum Route {
    FileTicket,
    ShowTicket(String),
}

/// A context for one request: the server's home, JSON output, never a prompt or pager.
fn request_context(home: &std::path::Path) -> Result<Context, CommandError> {
    let globals = GlobalArgs {
        home: Some(PathBuf::from(home)),
        acting_user: None,
        json: true,
        quiet: false,
        no_input: true,
        color: ColorChoice::Never,
        no_pager: true,
    };
    Context::new(
        &globals,
        Ui::new(OutputMode::Json, ColorChoice::Never, true, true),
    )
}

fn read_body(request: &mut Request) -> Result<Vec<u8>, CommandError> {
    let too_large = || {
        CommandError::new(
            ExitKind::Invalid,
            format!("the body is over {MAX_BODY_BYTES} bytes"),
        )
        .with_hint("413: send less (attachments are not taken over the API yet)")
    };
    if request.body_length().is_some_and(|n| n as u64 > MAX_BODY_BYTES) {
        return Err(too_large().with_status(413));
    }
    let mut body = Vec::new();
    request
        .as_reader()
        .take(MAX_BODY_BYTES + 1)
        .read_to_end(&mut body)
        .map_err(|e| CommandError::invalid(format!("cannot read the body: {e}")))?;
    if body.len() as u64 > MAX_BODY_BYTES {
        return Err(too_large().with_status(413));
    }
    Ok(body)
}

fn unauthenticated(why: String) -> CommandError {
    CommandError::denied(why)
        .with_hint("send Authorization: Bearer TOKEN (an admin makes one: desk token create)")
        .with_status(401)
}

/// The secret in `Authorization: Bearer …`.
fn bearer_secret(request: &Request) -> Result<String, CommandError> {
    request
        .headers()
        .iter()
        .find(|h| h.field.equiv("Authorization"))
        .and_then(|h| h.value.as_str().strip_prefix("Bearer "))
        .map(|secret| secret.trim().to_string())
        .ok_or_else(|| unauthenticated("no API token".to_string()))
}

/// The token whose secret this is, if it works now.
fn authenticate(ctx: &Context, secret: &str) -> Result<Token, CommandError> {
    let token = ctx.read_ahead(|txn| txn.token_by_secret_hash(&secret_sha256(secret)))?;
    let token =
        token.ok_or_else(|| unauthenticated(crate::domain::token::TokenRefusal::Unknown.to_string()))?;
    token
        .check(ctx.now)
        .map_err(|why| unauthenticated(why.to_string()))?;
    Ok(token)
}

fn require_scope(token: &Token, scope: Scope) -> Result<(), CommandError> {
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

fn require_type(token: &Token, ticket_type: &str) -> Result<(), CommandError> {
    match token.allows_type(ticket_type) {
        true => Ok(()),
        false => Err(CommandError::denied(format!(
            "permission denied: token `{}` is for {} tickets, not {ticket_type}",
            token.name,
            token.ticket_type.as_deref().unwrap_or("other")
        ))),
    }
}

/// The HTTP status of a command's error: its exit code's meaning.
fn status_of(error: &CommandError) -> u16 {
    if let Some(status) = error.http_status {
        return status;
    }
    match error.kind {
        ExitKind::NotFound => 404,
        ExitKind::Denied => 403,
        ExitKind::Invalid => 400,
        ExitKind::Conflict => 409,
        ExitKind::RateLimited => 429,
        ExitKind::Unavailable | ExitKind::Busy => 503,
        ExitKind::Failure => 500,
    }
}

#[derive(Serialize)]
struct ErrorJson<'a> {
    error: ErrorDetail<'a>,
}

#[derive(Serialize)]
struct ErrorDetail<'a> {
    /// The exit code's name (docs/exit-codes.md).
    code: &'static str,
    /// The exit code the CLI ends with for the same error.
    exit: u8,
    message: &'a str,
    details: &'a [String],
    hints: &'a [String],
}

fn error_body(error: &CommandError) -> String {
    let body = ErrorJson {
        error: ErrorDetail {
            code: error.kind.name(),
            exit: error.kind.code(),
            message: &error.message,
            details: &error.details,
            hints: &error.hints,
        },
    };
    serde_json::to_string(&body).unwrap_or_default()
}
