//! The JSON API's endpoints (`/api/v1/…`), each the desk command it runs: a request's
//! path, query and body become that command's arguments, so it is parsed, checked and
//! answered exactly as on the command line, with `--json` output as the response.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::Value;
use tiny_http::Method;

use super::remote::SentFile;
use crate::cli::error::CommandError;
use crate::domain::token::Scope;

/// One endpoint, as the OpenAPI description lists it (a test keeps the two the same).
pub struct Endpoint {
    pub method: &'static str,
    /// With `{id}` for a ticket.
    pub path: &'static str,
    /// None: anyone may call it, without a token.
    pub scope: Option<Scope>,
    /// The desk command it runs.
    pub command: &'static str,
}

const fn endpoint(
    method: &'static str,
    path: &'static str,
    scope: Option<Scope>,
    command: &'static str,
) -> Endpoint {
    Endpoint {
        method,
        path,
        scope,
        command,
    }
}

const READ: Option<Scope> = Some(Scope::TicketRead);
const WRITE: Option<Scope> = Some(Scope::TicketWrite);

pub const ENDPOINTS: &[Endpoint] = &[
    endpoint("get", "/api/v1/health", None, ""),
    endpoint("get", "/api/v1/openapi.json", None, ""),
    endpoint(
        "post",
        "/api/v1/tickets",
        Some(Scope::TicketNew),
        "ticket new --from-json -",
    ),
    endpoint("get", "/api/v1/tickets", READ, "ticket list"),
    endpoint("get", "/api/v1/tickets/{id}", READ, "ticket show"),
    endpoint("get", "/api/v1/tickets/{id}/log", READ, "ticket log"),
    endpoint("post", "/api/v1/tickets/{id}/claim", WRITE, "ticket claim"),
    endpoint("post", "/api/v1/tickets/{id}/reply", WRITE, "ticket reply"),
    endpoint("post", "/api/v1/tickets/{id}/comment", WRITE, "ticket comment"),
    endpoint("post", "/api/v1/tickets/{id}/transfer", WRITE, "ticket transfer"),
    endpoint("post", "/api/v1/tickets/{id}/assign", WRITE, "ticket assign"),
    endpoint("post", "/api/v1/tickets/{id}/close", WRITE, "ticket close"),
    endpoint("post", "/api/v1/tickets/{id}/confirm", WRITE, "ticket confirm"),
    endpoint("post", "/api/v1/tickets/{id}/reopen", WRITE, "ticket reopen"),
    endpoint("post", "/api/v1/tickets/{id}/rate", WRITE, "ticket rate"),
    endpoint("get", "/api/v1/search", READ, "ticket search"),
    endpoint("get", "/api/v1/report", Some(Scope::ReportRead), "report"),
    endpoint("post", "/api/v1/cli", None, "any command a token's scopes allow"),
    endpoint(
        "post",
        "/api/v1/hooks/slack",
        None,
        "ticket new --from-json - (Slack's slash command)",
    ),
    endpoint(
        "post",
        "/api/v1/hooks/{name}",
        Some(Scope::TicketNew),
        "ticket new --from-json - ([webhooks.NAME])",
    ),
];

/// What a request asks for.
pub enum Route {
    Health,
    OpenApi,
    /// A command line from `desk` with `DESK_URL`.
    Cli,
    /// `[webhooks.NAME]`'s JSON.
    Hook(String),
    /// Slack's slash command.
    Slack,
    File,
    List,
    Show(String),
    Log(String),
    /// `claim`, `close`, `confirm`, `reopen`: a move with nothing but the ticket.
    Move(String, &'static str),
    /// `reply`, `comment`: a message, optionally with files.
    Message(String, &'static str),
    /// `transfer`, `assign`: to an agent, with a reason.
    Hand(String, &'static str),
    Rate(String),
    Search,
    Report,
}

impl Route {
    /// The most body it reads, None for none (a GET).
    pub fn body_limit(&self) -> Option<u64> {
        match self {
            Route::Health
            | Route::OpenApi
            | Route::List
            | Route::Show(_)
            | Route::Log(_)
            | Route::Search
            | Route::Report => None,
            Route::Cli | Route::File | Route::Message(..) => Some(super::MAX_BODY_WITH_FILES),
            Route::Move(..) | Route::Hand(..) | Route::Rate(_) | Route::Hook(_) | Route::Slack => {
                Some(super::MAX_BODY_BYTES)
            }
        }
    }
}

pub fn route(method: &Method, segments: &[&str]) -> Result<Route, CommandError> {
    let id = |id: &&str| id.to_string();
    let route = match (method, segments) {
        (Method::Get, ["api", "v1", "health"]) => Route::Health,
        (Method::Get, ["api", "v1", "openapi.json"]) => Route::OpenApi,
        (Method::Post, ["api", "v1", "cli"]) => Route::Cli,
        (Method::Post, ["api", "v1", "hooks", "slack"]) => Route::Slack,
        (Method::Post, ["api", "v1", "hooks", name]) => Route::Hook(name.to_string()),
        (Method::Post, ["api", "v1", "tickets"]) => Route::File,
        (Method::Get, ["api", "v1", "tickets"]) => Route::List,
        (Method::Get, ["api", "v1", "tickets", ticket]) => Route::Show(id(ticket)),
        (Method::Get, ["api", "v1", "tickets", ticket, "log"]) => Route::Log(id(ticket)),
        (Method::Post, ["api", "v1", "tickets", ticket, verb]) => match *verb {
            "claim" => Route::Move(id(ticket), "claim"),
            "close" => Route::Move(id(ticket), "close"),
            "confirm" => Route::Move(id(ticket), "confirm"),
            "reopen" => Route::Move(id(ticket), "reopen"),
            "reply" => Route::Message(id(ticket), "reply"),
            "comment" => Route::Message(id(ticket), "comment"),
            "transfer" => Route::Hand(id(ticket), "transfer"),
            "assign" => Route::Hand(id(ticket), "assign"),
            "rate" => Route::Rate(id(ticket)),
            _ => return Err(no_endpoint(segments)),
        },
        (Method::Get, ["api", "v1", "search"]) => Route::Search,
        (Method::Get, ["api", "v1", "report"]) => Route::Report,
        (method, _) if known_path(segments) => {
            return Err(
                CommandError::invalid(format!("{method} is not allowed on /{}", segments.join("/")))
                    .with_status(405),
            )
        }
        _ => return Err(no_endpoint(segments)),
    };
    Ok(route)
}

fn known_path(segments: &[&str]) -> bool {
    ENDPOINTS.iter().any(|endpoint| {
        let pattern: Vec<&str> = endpoint.path.split('/').skip(1).collect();
        pattern.len() == segments.len()
            && pattern
                .iter()
                .zip(segments)
                .all(|(p, s)| p == s || *p == "{id}" || *p == "{name}")
    })
}

fn no_endpoint(segments: &[&str]) -> CommandError {
    CommandError::not_found(format!("no API endpoint /{}", segments.join("/")))
        .with_hint("GET /api/v1/openapi.json lists them")
}

/// The command an endpoint runs, and the status it answers with when it succeeds.
pub struct Call {
    pub argv: Vec<String>,
    pub stdin: Option<Vec<u8>>,
    pub files: BTreeMap<String, Vec<u8>>,
    pub status: u16,
}

impl Call {
    fn new(argv: &[&str]) -> Self {
        Call {
            argv: argv.iter().map(|a| a.to_string()).collect(),
            stdin: None,
            files: BTreeMap::new(),
            status: 200,
        }
    }

    fn flag(mut self, flag: &str, value: Option<&str>) -> Self {
        if let Some(value) = value {
            self.argv.push(format!("--{flag}"));
            self.argv.push(value.to_string());
        }
        self
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MessageBody {
    message: Option<String>,
    /// A knowledge-base article to answer with (`reply` only).
    kb: Option<String>,
    #[serde(default)]
    attachments: Vec<SentFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HandBody {
    to: String,
    message: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RateBody {
    score: u8,
    message: Option<String>,
}

/// The query parameters each listing endpoint takes, as the flags they become.
const LIST_FLAGS: &[&str] = &[
    "status",
    "assignee",
    "type",
    "requester",
    "priority",
    "tag",
    "watching",
    "department",
    "limit",
];
const LIST_SWITCHES: &[&str] = &["all", "archived"];
const SEARCH_FLAGS: &[&str] = &["status", "type", "assignee", "since", "until", "limit"];
const REPORT_FLAGS: &[&str] = &["since", "until", "by", "tz"];

pub fn command_for(route: &Route, query: &str, body: &[u8]) -> Result<Call, CommandError> {
    let json = "--json";
    let call = match route {
        Route::File => {
            // One submission; a list or JSON Lines is for `ticket new --from-json` locally.
            match serde_json::from_slice::<Value>(body) {
                Ok(Value::Object(_)) => {}
                Ok(_) => {
                    return Err(CommandError::invalid(
                        "the body is not a JSON object: send one ticket",
                    ))
                }
                Err(e) => return Err(CommandError::invalid(format!("the body is not JSON: {e}"))),
            }
            let mut call = Call::new(&["ticket", "new", "--from-json", "-", "--channel", "api", json]);
            call.stdin = Some(body.to_vec());
            call.status = 201;
            call
        }
        Route::List => with_query(
            Call::new(&["ticket", "list", json]),
            query,
            LIST_FLAGS,
            LIST_SWITCHES,
        )?,
        Route::Show(id) => Call::new(&["ticket", "show", id, json]),
        Route::Log(id) => Call::new(&["ticket", "log", id, json]),
        Route::Move(id, verb) => Call::new(&["ticket", verb, id, json]),
        Route::Message(id, verb) => {
            let body: MessageBody = parse_body(body)?;
            if *verb == "comment" && body.kb.is_some() {
                return Err(CommandError::invalid("`kb` is for replies, not comments"));
            }
            let mut call = Call::new(&["ticket", verb, id, json])
                .flag("message", body.message.as_deref())
                .flag("kb", body.kb.as_deref());
            for file in body.attachments {
                let bytes = file.bytes()?;
                call = call.flag("attach", Some(&file.name));
                call.files.insert(file.name, bytes);
            }
            call
        }
        Route::Hand(id, verb) => {
            let body: HandBody = parse_body(body)?;
            Call::new(&["ticket", verb, id, json])
                .flag("to", Some(&body.to))
                .flag("message", body.message.as_deref())
        }
        Route::Rate(id) => {
            let body: RateBody = parse_body(body)?;
            Call::new(&["ticket", "rate", id, json])
                .flag("score", Some(&body.score.to_string()))
                .flag("message", body.message.as_deref())
        }
        Route::Search => {
            let words: Vec<String> = pairs(query)
                .filter(|(key, _)| key == "q")
                .map(|(_, value)| value)
                .collect();
            if words.iter().all(|w| w.trim().is_empty()) {
                return Err(CommandError::invalid("no query: pass ?q=WORDS"));
            }
            let mut call = Call::new(&["ticket", "search", json]);
            call.argv.push("--".into());
            call.argv.extend(words);
            // The flags go before `--`, the words after it.
            let flags = with_query(Call::new(&[]), &without(query, "q"), SEARCH_FLAGS, &[])?;
            call.argv.splice(3..3, flags.argv);
            call
        }
        Route::Report => with_query(Call::new(&["report", json]), query, REPORT_FLAGS, &[])?,
        Route::Hook(_) => {
            // The hook's submission, mapped from its JSON by the caller (it reads config).
            let mut call = Call::new(&["ticket", "new", "--from-json", "-", json]);
            call.stdin = Some(body.to_vec());
            call.status = 201;
            call
        }
        Route::Health | Route::OpenApi | Route::Cli | Route::Slack => {
            unreachable!("answered without a command")
        }
    };
    Ok(call)
}

fn parse_body<T: for<'de> Deserialize<'de>>(body: &[u8]) -> Result<T, CommandError> {
    let body = if body.iter().all(u8::is_ascii_whitespace) {
        b"{}".as_slice()
    } else {
        body
    };
    serde_json::from_slice(body)
        .map_err(|e| CommandError::invalid(format!("the body does not fit this endpoint: {e}")))
}

fn pairs(query: &str) -> impl Iterator<Item = (String, String)> + '_ {
    form_urlencoded::parse(query.as_bytes()).map(|(k, v)| (k.into_owned(), v.into_owned()))
}

fn without(query: &str, key: &str) -> String {
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs(query).filter(|(k, _)| k != key))
        .finish()
}

/// `?status=pending&limit=5` as `--status pending --limit 5`; an unknown key is refused,
/// as an unknown flag is.
fn with_query(mut call: Call, query: &str, flags: &[&str], switches: &[&str]) -> Result<Call, CommandError> {
    for (key, value) in pairs(query) {
        if flags.contains(&key.as_str()) {
            call = call.flag(&key, Some(&value));
        } else if switches.contains(&key.as_str()) {
            match value.as_str() {
                "" | "true" | "1" => call.argv.push(format!("--{key}")),
                "false" | "0" => {}
                other => {
                    return Err(CommandError::invalid(format!(
                        "{key}={other}: expected true or false"
                    )))
                }
            }
        } else {
            let mut known: Vec<&str> = flags.iter().chain(switches).copied().collect();
            known.sort_unstable();
            return Err(CommandError::invalid(format!(
                "unknown query parameter `{key}` (expected {})",
                known.join(", ")
            )));
        }
    }
    Ok(call)
}
