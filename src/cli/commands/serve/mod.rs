//! `desk serve`: the desk over HTTP, for callers that hold an API token rather than an OS
//! account or database credentials (CI runners, other services). Each request is one
//! desk command: it authenticates the token, acts as the token's user with that user's
//! rights and privacy rules, within the token's scopes, and goes through the same intake,
//! rules and store as the CLI, so the same input gets the same answer and the same events.
//!
//! Errors keep the CLI's meaning: the HTTP status says what kind, and the body names the
//! exit code the CLI would have ended with (`{"error": {"code": "denied", "exit": 4, …}}`).

pub mod api;
pub mod hooks;
mod html;
pub mod openapi;
pub mod remote;
pub mod run;
pub mod scopes;
pub mod web;

use std::io::Read;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use clap::Args;
use serde::Serialize;
use tiny_http::{Header, Method, Request, Response, Server};

use crate::cli::context::Context;
use crate::cli::error::{CommandError, ExitKind};
use crate::cli::ui::Terminal;

/// The largest request body taken (a ticket with a long description); more is refused
/// with 413 before it is read.
pub const MAX_BODY_BYTES: u64 = 1024 * 1024;
/// The same for a request that may carry files (filing, replying, a command line): they
/// come base64-encoded, and `[attachments]` limits them again, as on the command line.
pub const MAX_BODY_WITH_FILES: u64 = 64 * 1024 * 1024;

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
    /// How long a client may take to send a request's body; past it, 408 and the worker moves on
    #[arg(long, value_name = "DURATION", default_value = "30s", value_parser = parse_patience)]
    pub body_timeout: Duration,
}

fn parse_patience(text: &str) -> Result<Duration, String> {
    match humantime::parse_duration(text) {
        Ok(d) if !d.is_zero() => Ok(d),
        Ok(_) => Err("must be more than 0".into()),
        Err(e) => Err(format!("{e} (write e.g. 30s or 2m)")),
    }
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
    let (home, lock_timeout, body_timeout) =
        (ctx.home.root().to_path_buf(), ctx.lock_timeout, args.body_timeout);
    let server = Arc::new(server);
    let limiter = Arc::new(web::SignInLimiter::default());
    let workers: Vec<_> = (0..args.threads)
        .map(|_| {
            let (server, home, limiter) = (Arc::clone(&server), home.clone(), Arc::clone(&limiter));
            std::thread::spawn(move || {
                for request in server.incoming_requests() {
                    serve_one(&home, lock_timeout, body_timeout, &limiter, request);
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
fn serve_one(
    home: &Path,
    lock_timeout: Duration,
    body_timeout: Duration,
    limiter: &web::SignInLimiter,
    request: Request,
) {
    let started = Instant::now();
    let method = request.method().clone();
    let url = request.url().to_string();
    let path = url.split('?').next().unwrap_or_default().to_string();
    let segments: Vec<&str> = path.trim_end_matches('/').split('/').skip(1).collect();
    let limit = match (&method, segments.as_slice()) {
        (_, [] | [""]) => None,
        (Method::Post, ["web", ..]) => Some(MAX_BODY_BYTES),
        (_, ["web", ..]) => None,
        _ => api::route(&method, &segments)
            .ok()
            .and_then(|route| route.body_limit()),
    };
    let (mut request, body) = match limit {
        Some(limit) => match read_body_in_time(request, limit, body_timeout) {
            Some(read) => read,
            None => {
                log_request(method.as_str(), &path, 408, None, started);
                return;
            }
        },
        None => (request, Ok(Vec::new())),
    };
    if matches!(segments.as_slice(), [] | [""] | ["web", ..]) {
        let web_segments = segments.get(1..).unwrap_or_default();
        let reply = match body {
            Ok(body) if segments.first().is_some_and(|s| *s == "web") => {
                let web_request = web::WebRequest::of(&request, &method, web_segments, &body);
                web::answer(home, lock_timeout, limiter, &web_request)
            }
            Ok(_) => web::Reply {
                status: 303,
                body: String::new(),
                headers: vec![("Location".into(), "/web/tickets".into())],
            },
            Err(error) => web::Reply {
                status: status_of(&error),
                body: error.message,
                headers: Vec::new(),
            },
        };
        // A sign-in link's secret is not written to the log.
        let logged = match web_segments {
            ["sign-in", _] => "/web/sign-in/…".to_string(),
            _ => path.clone(),
        };
        log_request(method.as_str(), &logged, reply.status, None, started);
        let mut response = Response::from_string(reply.body)
            .with_status_code(reply.status)
            .with_header(header("Content-Type", "text/html; charset=utf-8"))
            // No scripts, no framing, no referrer (with a link's secret) to other sites, no caching.
            .with_header(header(
                "Content-Security-Policy",
                "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
            ))
            .with_header(header("X-Content-Type-Options", "nosniff"))
            .with_header(header("Referrer-Policy", "same-origin"))
            .with_header(header("Cache-Control", "no-store"));
        for (name, value) in &reply.headers {
            response = response.with_header(header(name, value));
        }
        let _ = request.respond(response);
        return;
    }
    let (status, body, token) = match answer(home, lock_timeout, &mut request, &method, &url, body) {
        Ok((status, body, token)) => (status, body, token),
        Err((error, token)) => (status_of(&error), error_body(&error), token),
    };
    log_request(method.as_str(), &path, status, token.as_deref(), started);
    let response = Response::from_string(body)
        .with_status_code(status)
        .with_header(header("Content-Type", "application/json"));
    let _ = request.respond(response);
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("header without newlines")
}

/// One access-log line (JSON) on stderr.
fn log_request(method: &str, path: &str, status: u16, token: Option<&str>, started: Instant) {
    let log = AccessLog {
        method,
        path,
        status,
        token,
        ms: started.elapsed().as_secs_f64() * 1000.0,
    };
    if let Ok(line) = serde_json::to_string(&log) {
        eprintln!("{line}");
    }
}

#[derive(Serialize)]
struct AccessLog<'a> {
    method: &'a str,
    path: &'a str,
    status: u16,
    token: Option<&'a str>,
    ms: f64,
}

/// What a request got: status, JSON body, and the token it came through (for the log).
type Answer = Result<(u16, String, Option<String>), (CommandError, Option<String>)>;

fn answer(
    home: &Path,
    lock_timeout: Duration,
    request: &mut Request,
    method: &Method,
    url: &str,
    body: Result<Vec<u8>, CommandError>,
) -> Answer {
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    let segments: Vec<&str> = path.trim_end_matches('/').split('/').skip(1).collect();
    let route = api::route(method, &segments).map_err(|e| (e, None))?;
    let body = body.map_err(|e| (e, None))?;
    let call = match route {
        api::Route::Health => {
            let body = serde_json::json!({"status": "ok", "version": env!("CARGO_PKG_VERSION")});
            return Ok((200, body.to_string(), None));
        }
        api::Route::OpenApi => return Ok((200, openapi::document(), None)),
        api::Route::Cli => return cli_call(home, lock_timeout, request, &body),
        api::Route::Slack => {
            let header = |name: &'static str| {
                request
                    .headers()
                    .iter()
                    .find(|h| h.field.equiv(name))
                    .map(|h| h.value.as_str())
            };
            let slack = hooks::SlackRequest {
                timestamp: header("X-Slack-Request-Timestamp"),
                signature: header("X-Slack-Signature"),
                body: &body,
            };
            let answer = hooks::slack(home, lock_timeout, &slack).map_err(|e| (e, None))?;
            return Ok((200, answer.to_string(), None));
        }
        api::Route::Hook(name) => {
            let submission = hooks::submission(home, &name, &body).map_err(|e| (e, None))?;
            api::command_for(&api::Route::Hook(name.clone()), query, &submission).map_err(|e| (e, None))?
        }
        route => api::command_for(&route, query, &body).map_err(|e| (e, None))?,
    };
    let secret = bearer_secret(request);
    let ran = run::run(
        home,
        lock_timeout,
        run::Request {
            argv: call.argv,
            stdin: call.stdin,
            files: call.files,
            terminal: Terminal::default(),
            actor: run::Actor::Token(&secret),
        },
    );
    match ran {
        Err(run::Refused::Usage(message)) => Err((run::usage_error(&message), None)),
        Err(run::Refused::Denied(error, token)) => Err((error, token)),
        Ok(ran) => match ran.result {
            Ok(()) => {
                let body = String::from_utf8_lossy(&ran.stdout).into_owned();
                Ok((call.status, body, ran.token))
            }
            Err(error) => Err((error, ran.token)),
        },
    }
}

/// `POST /api/v1/cli`: one command line from `desk` with `DESK_URL`, run as the token's
/// user; the answer carries what it printed and its exit code, for the client to print
/// and exit with, as if it had run there.
fn cli_call(home: &Path, lock_timeout: Duration, request: &Request, body: &[u8]) -> Answer {
    let call: remote::CliCall = serde_json::from_slice(body).map_err(|e| {
        (
            CommandError::invalid(format!("the body is not a command: {e}")),
            None,
        )
    })?;
    let secret = bearer_secret(request);
    let files = call.decode_files().map_err(|e| (e, None))?;
    let stdin = call.decode_stdin().map_err(|e| (e, None))?;
    let ran = run::run(
        home,
        lock_timeout,
        run::Request {
            argv: call.argv,
            stdin,
            files,
            terminal: call.terminal,
            actor: run::Actor::Token(&secret),
        },
    );
    let answer = match ran {
        Err(run::Refused::Usage(message)) => remote::CliAnswer::usage(message),
        Err(run::Refused::Denied(error, token)) => return Err((error, token)),
        Ok(ran) => {
            let token = ran.token.clone();
            let answer = remote::CliAnswer::of(ran);
            return Ok((200, serde_json::to_string(&answer).unwrap_or_default(), token));
        }
    };
    Ok((200, serde_json::to_string(&answer).unwrap_or_default(), None))
}

/// The request with its body, read on a thread of its own so that a client sending it
/// slowly holds no worker past `patience`; None when it took longer (that thread answers
/// 408 once the client is done or gone). tiny_http reads the headers, and bodies of a
/// few kilobytes, on its own connection threads before a worker sees the request.
fn read_body_in_time(
    mut request: Request,
    limit: u64,
    patience: Duration,
) -> Option<(Request, Result<Vec<u8>, CommandError>)> {
    if request.body_length().is_some_and(|n| n as u64 > limit) {
        // Refused before a byte of it is read.
        let body = read_body(&mut request, limit);
        return Some((request, body));
    }
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let body = read_body(&mut request, limit);
        if let Err(std::sync::mpsc::SendError((request, _))) = sender.send((request, body)) {
            let error = CommandError::invalid(format!(
                "the body took longer than {} to arrive",
                humantime::format_duration(patience)
            ))
            .with_status(408);
            let _ = request.respond(
                Response::from_string(error_body(&error))
                    .with_status_code(408)
                    .with_header(header("Content-Type", "application/json")),
            );
        }
    });
    receiver.recv_timeout(patience).ok()
}

fn read_body(request: &mut Request, limit: u64) -> Result<Vec<u8>, CommandError> {
    let too_large = || {
        CommandError::new(ExitKind::Invalid, format!("the body is over {limit} bytes"))
            .with_hint("413: send less")
    };
    if request.body_length().is_some_and(|n| n as u64 > limit) {
        return Err(too_large().with_status(413));
    }
    let mut body = Vec::new();
    request
        .as_reader()
        .take(limit + 1)
        .read_to_end(&mut body)
        .map_err(|e| CommandError::invalid(format!("cannot read the body: {e}")))?;
    if body.len() as u64 > limit {
        return Err(too_large().with_status(413));
    }
    Ok(body)
}

/// The secret in `Authorization: Bearer …`; empty when there is none (refused as such).
fn bearer_secret(request: &Request) -> String {
    request
        .headers()
        .iter()
        .find(|h| h.field.equiv("Authorization"))
        .and_then(|h| h.value.as_str().strip_prefix("Bearer "))
        .map(|secret| secret.trim().to_string())
        .unwrap_or_default()
}

/// The HTTP status of a command's error: its exit code's meaning.
pub(super) fn status_of(error: &CommandError) -> u16 {
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
