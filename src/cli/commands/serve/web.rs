//! The requesters' web page, under `/web`: sign in with a link sent through the
//! configured e-mail sink, file a ticket from a form generated from its type's template,
//! follow one's tickets and their replies, reply, confirm and rate. Plain HTML forms, no
//! JavaScript: every page is the output of desk commands run as the signed-in requester
//! ([`super::run`]), so #8's privacy rules hold (a requester sees their own tickets, and
//! never an internal note).
//!
//! A session is a cookie (`HttpOnly`, `SameSite=Strict`, `Secure` when `[web] url` is
//! https) naming a record in the store; every form carries the session's CSRF token, and
//! a POST from another origin is refused. Sign-in links work once, for 15 minutes, and
//! are asked for at most 5 times in 15 minutes per address and per client.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use serde_json::Value;
use tiny_http::{Method, Request};

use super::html::{self, Page};
use super::run::{self, Actor};
use crate::cli::context::Context;
use crate::cli::error::{CommandError, ExitKind};
use crate::cli::ui::{OutputMode, Terminal, Ui};
use crate::domain::template::{FieldSpec, FieldType, Template};
use crate::domain::token::secret_sha256;
use crate::domain::web::{Session, SignInLink};

pub const COOKIE: &str = "desk_session";

/// Sign-in links asked for, per address and per client, for the rate limit.
#[derive(Default)]
pub struct SignInLimiter {
    asked: Mutex<HashMap<String, Vec<Instant>>>,
}

const SIGN_IN_WINDOW: Duration = Duration::from_secs(15 * 60);
const SIGN_IN_MAX: usize = 5;

impl SignInLimiter {
    /// Count one request for each key; false when one of them is over the limit.
    fn allow(&self, keys: &[String]) -> bool {
        let mut asked = self.asked.lock().expect("limiter lock");
        let now = Instant::now();
        asked.retain(|_, times| {
            times.retain(|t| now.duration_since(*t) < SIGN_IN_WINDOW);
            !times.is_empty()
        });
        if keys
            .iter()
            .any(|key| asked.get(key).is_some_and(|times| times.len() >= SIGN_IN_MAX))
        {
            return false;
        }
        for key in keys {
            asked.entry(key.clone()).or_default().push(now);
        }
        true
    }
}

/// What a web request gets.
pub struct Reply {
    pub status: u16,
    pub body: String,
    /// Set-Cookie, Location.
    pub headers: Vec<(String, String)>,
}

impl Reply {
    fn page(status: u16, page: Page) -> Self {
        Reply {
            status,
            body: page.render(),
            headers: Vec::new(),
        }
    }

    fn redirect(to: &str) -> Self {
        Reply {
            status: 303,
            body: String::new(),
            headers: vec![("Location".into(), to.to_string())],
        }
    }

    fn with_header(mut self, name: &str, value: String) -> Self {
        self.headers.push((name.to_string(), value));
        self
    }
}

/// Everything the web page needs of a request.
pub struct WebRequest<'a> {
    pub method: &'a Method,
    /// The path's segments after `web`.
    pub segments: &'a [&'a str],
    pub body: &'a [u8],
    pub cookie: Option<String>,
    /// The `Origin` header, when sent.
    pub origin: Option<String>,
    /// `Host`, for links when `[web] url` is not set.
    pub host: Option<String>,
    pub client: String,
}

impl WebRequest<'_> {
    pub fn of<'a>(
        request: &Request,
        method: &'a Method,
        segments: &'a [&'a str],
        body: &'a [u8],
    ) -> WebRequest<'a> {
        let header = |name: &'static str| {
            request
                .headers()
                .iter()
                .find(|h| h.field.equiv(name))
                .map(|h| h.value.as_str().to_string())
        };
        let cookie = header("Cookie").and_then(|cookies| {
            cookies
                .split(';')
                .filter_map(|pair| pair.trim().split_once('='))
                .find(|(name, _)| *name == COOKIE)
                .map(|(_, value)| value.to_string())
        });
        WebRequest {
            method,
            segments,
            body,
            cookie,
            origin: header("Origin"),
            host: header("Host"),
            client: request
                .remote_addr()
                .map(|a| a.ip().to_string())
                .unwrap_or_default(),
        }
    }

    fn form(&self) -> BTreeMap<String, String> {
        form_urlencoded::parse(self.body).into_owned().collect()
    }
}

pub fn answer(
    home: &Path,
    lock_timeout: Duration,
    limiter: &SignInLimiter,
    request: &WebRequest<'_>,
) -> Reply {
    match route(home, lock_timeout, limiter, request) {
        Ok(reply) => reply,
        // No session, or an expired one: sign in again.
        Err(error) if error.http_status == Some(401) => Reply::redirect("/web/sign-in"),
        Err(error) => error_page(&error),
    }
}

fn error_page(error: &CommandError) -> Reply {
    let status = super::status_of(error);
    let mut page = Page::new("Something went wrong");
    page.error(&error.message);
    for detail in &error.details {
        page.paragraph(detail);
    }
    page.link("/web/tickets", "Back to your tickets");
    Reply::page(status, page)
}

fn route(
    home: &Path,
    lock_timeout: Duration,
    limiter: &SignInLimiter,
    request: &WebRequest<'_>,
) -> Result<Reply, CommandError> {
    let post = *request.method == Method::Post;
    if post {
        same_origin(request)?;
    }
    let web = Web {
        home,
        lock_timeout,
        request,
    };
    match (request.method, request.segments) {
        (Method::Get, [] | [""]) => Ok(Reply::redirect("/web/tickets")),
        (Method::Get, ["sign-in"]) => Ok(Reply::page(200, html::sign_in_form(None))),
        (Method::Post, ["sign-in"]) => web.ask_for_link(limiter),
        (Method::Get, ["sign-in", secret]) => Ok(Reply::page(200, html::sign_in_confirm(secret))),
        (Method::Post, ["sign-in", secret]) => web.sign_in(secret),
        (Method::Post, ["sign-out"]) => web.sign_out(),
        (Method::Get, ["tickets"]) => web.tickets(),
        (Method::Get, ["new", ticket_type]) => web.new_form(ticket_type, &BTreeMap::new(), None),
        (Method::Post, ["new", ticket_type]) => web.file(ticket_type),
        (Method::Get, ["tickets", id]) => web.ticket(id),
        (Method::Post, ["tickets", id, action @ ("reply" | "confirm" | "rate")]) => web.act(id, action),
        _ => Err(CommandError::not_found("no such page")),
    }
}

/// A POST must come from the page itself: a browser names the origin of a form it sends.
fn same_origin(request: &WebRequest<'_>) -> Result<(), CommandError> {
    let (Some(origin), Some(host)) = (&request.origin, &request.host) else {
        return Ok(());
    };
    let origin_host = origin.split_once("://").map_or(origin.as_str(), |(_, rest)| rest);
    match origin_host == host {
        true => Ok(()),
        false => Err(CommandError::denied(format!(
            "permission denied: a form from {origin} may not change anything here"
        ))),
    }
}

struct Web<'a> {
    home: &'a Path,
    lock_timeout: Duration,
    request: &'a WebRequest<'a>,
}

impl Web<'_> {
    /// A context of its own for the page's reads and the sign-in's writes.
    fn context(&self) -> Result<Context, CommandError> {
        let (ui, _) = Ui::captured(OutputMode::Json, Terminal::default());
        run::context(self.home, &run::json_globals(), ui)
    }

    /// Run `argv` as the signed-in requester, with `stdin`; its JSON output.
    fn run(&self, argv: &[&str], stdin: Option<&str>, csrf: Option<&str>) -> Result<Value, CommandError> {
        let secret = self.request.cookie.clone().unwrap_or_default();
        let ran = run::run(
            self.home,
            self.lock_timeout,
            run::Request {
                argv: argv
                    .iter()
                    .map(|a| a.to_string())
                    .chain(["--json".to_string()])
                    .collect(),
                stdin: stdin.map(|text| text.as_bytes().to_vec()),
                files: BTreeMap::new(),
                terminal: Terminal::default(),
                actor: Actor::Session {
                    secret: &secret,
                    csrf,
                },
            },
        );
        let ran = match ran {
            Ok(ran) => ran,
            Err(run::Refused::Denied(error, _)) => return Err(error),
            Err(run::Refused::Usage(message)) => return Err(run::usage_error(&message)),
        };
        ran.result?;
        serde_json::from_slice(&ran.stdout).map_err(|e| CommandError::new(ExitKind::Failure, e.to_string()))
    }

    /// The signed-in requester's session, and the context it was read in: the page's
    /// other reads and writes take the store handle that read left open.
    fn session(&self) -> Result<(Context, Session), CommandError> {
        let ctx = self.context()?;
        let secret = self.request.cookie.clone().unwrap_or_default();
        let session = read_session(&ctx, &secret)?;
        Ok((ctx, session))
    }

    fn ask_for_link(&self, limiter: &SignInLimiter) -> Result<Reply, CommandError> {
        let form = self.request.form();
        let who = form
            .get("who")
            .map(|w| w.trim().to_lowercase())
            .unwrap_or_default();
        if who.is_empty() {
            return Ok(Reply::page(
                400,
                html::sign_in_form(Some("Enter your name or e-mail address.")),
            ));
        }
        if !limiter.allow(&[format!("who:{who}"), format!("client:{}", self.request.client)]) {
            let error = CommandError::new(
                ExitKind::RateLimited,
                "too many sign-in links asked for: wait a few minutes",
            );
            return Ok(error_page(&error));
        }
        let ctx = self.context()?;
        let config = ctx.config()?;
        let sink = match &config.web.sink {
            Some(name) => config.notify.sink(name),
            None => config
                .notify
                .sinks
                .iter()
                .find(|s| matches!(s.kind, crate::domain::notify::SinkKind::Email(_))),
        }
        .cloned()
        .ok_or_else(|| {
            CommandError::new(
                ExitKind::Unavailable,
                "this desk sends no sign-in links: it has no e-mail sink",
            )
            .with_hint("an admin sets [web] sink in config.toml")
        })?;
        let store = ctx.open_store_unauthenticated()?;
        let mut txn = store.txn();
        let found = find_requester(&txn, &sink, &who)?;
        let mut sent = None;
        if found.is_none() {
            // The page says the same either way; the admin reading the log learns why.
            let line = serde_json::json!({"sign_in": "no_address", "sink": sink.name, "client": self.request.client});
            eprintln!("{line}");
        }
        if let Some((requester, address)) = found {
            let secret = crate::cli::commands::token::fresh_secret()?;
            txn.prune_web_sign_ins(ctx.now)?;
            txn.put_sign_in_link(&secret_sha256(&secret), &SignInLink::new(&requester, ctx.now));
            txn.commit()?;
            sent = Some((requester, address, secret));
        } else {
            drop(txn);
        }
        drop(store);
        if let Some((requester, address, secret)) = sent {
            let link = format!("{}/web/sign-in/{secret}", self.base_url(&config));
            let message = sign_in_message(&sink.name, &requester, &address, &link, ctx.now);
            crate::delivery::deliver(&sink, &message, config.notify.timeout).map_err(|failure| {
                CommandError::new(
                    ExitKind::Unavailable,
                    format!("the sign-in link could not be sent: {}", failure),
                )
            })?;
        }
        // The same answer whether or not the name is on record: it tells nobody who is.
        Ok(Reply::page(200, html::link_sent()))
    }

    fn base_url(&self, config: &crate::domain::config::Config) -> String {
        match (&config.web.url, &self.request.host) {
            (Some(url), _) => url.clone(),
            (None, Some(host)) => format!("http://{host}"),
            (None, None) => "http://127.0.0.1:8477".to_string(),
        }
    }

    fn sign_in(&self, secret: &str) -> Result<Reply, CommandError> {
        let ctx = self.context()?;
        let config = ctx.config()?;
        let store = ctx.open_store_unauthenticated()?;
        let mut txn = store.txn();
        let link = txn.take_sign_in_link(&secret_sha256(secret))?;
        let Some(link) = link.filter(|link| link.is_valid(ctx.now)) else {
            drop(txn);
            return Ok(Reply::page(400, html::link_expired()));
        };
        let session_secret = crate::cli::commands::token::fresh_secret()?;
        let csrf = crate::cli::commands::token::fresh_secret()?;
        txn.put_session(
            &secret_sha256(&session_secret),
            &Session::new(&link.requester, csrf, ctx.now),
        );
        txn.commit()?;
        let secure = match config.web.url.as_deref() {
            Some(url) if url.starts_with("https://") => "; Secure",
            _ => "",
        };
        let max_age = crate::domain::web::SESSION_LIFETIME.num_seconds();
        Ok(Reply::redirect("/web/tickets").with_header(
            "Set-Cookie",
            format!(
                "{COOKIE}={session_secret}; Path=/web; HttpOnly; SameSite=Strict; Max-Age={max_age}{secure}"
            ),
        ))
    }

    fn sign_out(&self) -> Result<Reply, CommandError> {
        let (ctx, session) = self.session()?;
        check_csrf(&session, &self.request.form())?;
        let store = ctx.open_store_unauthenticated()?;
        let mut txn = store.txn();
        txn.delete_session(&secret_sha256(self.request.cookie.as_deref().unwrap_or_default()));
        txn.commit()?;
        Ok(Reply::redirect("/web/sign-in").with_header(
            "Set-Cookie",
            format!("{COOKIE}=; Path=/web; HttpOnly; SameSite=Strict; Max-Age=0"),
        ))
    }

    fn tickets(&self) -> Result<Reply, CommandError> {
        let (ctx, session) = self.session()?;
        let requester = session.requester.clone();
        let types = types_for(&ctx, &requester)?;
        drop(ctx);
        let tickets = self.run(&["ticket", "list", "--all"], None, None)?;
        Ok(Reply::page(
            200,
            html::tickets(&requester, &session.csrf, &tickets, &types),
        ))
    }

    fn new_form(
        &self,
        ticket_type: &str,
        values: &BTreeMap<String, String>,
        error: Option<&CommandError>,
    ) -> Result<Reply, CommandError> {
        let (ctx, session) = self.session()?;
        let template = template(&ctx, &session.requester, ticket_type)?;
        drop(ctx);
        let status = if error.is_some() { 400 } else { 200 };
        Ok(Reply::page(
            status,
            html::new_ticket(&template, &session.csrf, values, error),
        ))
    }

    fn file(&self, ticket_type: &str) -> Result<Reply, CommandError> {
        let (ctx, session) = self.session()?;
        let form = self.request.form();
        check_csrf(&session, &form)?;
        let template = template(&ctx, &session.requester, ticket_type)?;
        drop(ctx);
        let title = form.get("title").cloned().unwrap_or_default();
        let body = form.get("body").cloned().unwrap_or_default();
        let mut argv: Vec<String> = vec![
            "ticket".into(),
            "new".into(),
            "--type".into(),
            template.name.clone(),
            format!("--title={title}"),
            "--body".into(),
            "-".into(),
            "--channel".into(),
            "web".into(),
        ];
        for field in &template.fields {
            if let Some(value) = form
                .get(&format!("field.{}", field.name))
                .filter(|v| !v.trim().is_empty())
            {
                argv.push(format!("--field={}={value}", field.name));
            }
        }
        let argv: Vec<&str> = argv.iter().map(String::as_str).collect();
        match self.run(&argv, Some(&body), Some(&session.csrf)) {
            Ok(filed) => {
                let id = filed["id"].as_u64().unwrap_or_default();
                Ok(Reply::redirect(&format!("/web/tickets/{id}")))
            }
            Err(error) if matches!(error.kind, ExitKind::Invalid | ExitKind::RateLimited) => {
                self.new_form(ticket_type, &form, Some(&error))
            }
            Err(error) => Err(error),
        }
    }

    fn ticket(&self, id: &str) -> Result<Reply, CommandError> {
        let (ctx, session) = self.session()?;
        drop(ctx);
        let requester = session.requester.clone();
        let ticket = self.run(&["ticket", "show", id], None, None)?;
        Ok(Reply::page(200, html::ticket(&requester, &session.csrf, &ticket)))
    }

    fn act(&self, id: &str, action: &str) -> Result<Reply, CommandError> {
        let (ctx, session) = self.session()?;
        drop(ctx);
        let form = self.request.form();
        check_csrf(&session, &form)?;
        let message = form
            .get("message")
            .map(|m| m.trim().to_string())
            .filter(|m| !m.is_empty());
        let csrf = Some(session.csrf.as_str());
        match action {
            "reply" => {
                let message = message.ok_or_else(|| CommandError::invalid("write a reply first"))?;
                self.run(&["ticket", "reply", id, "--message", "-"], Some(&message), csrf)?
            }
            "confirm" => self.run(&["ticket", "confirm", id], None, csrf)?,
            _ => {
                let score = form.get("score").cloned().unwrap_or_default();
                let mut argv = vec!["ticket", "rate", id, "--score", score.as_str()];
                if message.is_some() {
                    argv.extend(["--message", "-"]);
                }
                self.run(&argv, message.as_deref(), csrf)?
            }
        };
        Ok(Reply::redirect(&format!("/web/tickets/{id}")))
    }
}

/// The ticket types `requester`'s tier may file.
fn types_for(ctx: &Context, requester: &str) -> Result<Vec<Template>, CommandError> {
    let config = ctx.config()?;
    let catalog = ctx.catalog()?;
    let store = ctx.open_store_unauthenticated()?;
    let tier = store
        .txn()
        .requester(requester)?
        .map_or_else(|| config.requesters.default_tier.clone(), |r| r.tier);
    drop(store);
    // The tier's `types` and the template's `tiers` both have their say, as in intake.
    let tier_allows = |name: &str| config.tiers.get(&tier).is_none_or(|t| t.allows_type(name));
    Ok(catalog
        .templates
        .into_iter()
        .filter(|t| t.tiers.iter().any(|allowed| allowed == "*" || *allowed == tier))
        .filter(|t| tier_allows(&t.name))
        .collect())
}

fn template(ctx: &Context, requester: &str, name: &str) -> Result<Template, CommandError> {
    types_for(ctx, requester)?
        .into_iter()
        .find(|t| t.name == name)
        .ok_or_else(|| CommandError::not_found(format!("no ticket type `{name}` you may file")))
}

fn check_csrf(session: &Session, form: &BTreeMap<String, String>) -> Result<(), CommandError> {
    match form.get("csrf").is_some_and(|sent| session.csrf_matches(sent)) {
        true => Ok(()),
        false => Err(CommandError::denied(
            "permission denied: this form is stale or not from this page; reload it",
        )),
    }
}

/// The session with cookie secret `secret`, if it is still valid.
fn read_session(ctx: &Context, secret: &str) -> Result<Session, CommandError> {
    let signed_out = || CommandError::denied("not signed in").with_status(401);
    if secret.is_empty() {
        return Err(signed_out());
    }
    let session = ctx.read_ahead(|txn| txn.session(&secret_sha256(secret)))?;
    session.filter(|s| s.is_valid(ctx.now)).ok_or_else(signed_out)
}

/// Who a web request acts as: its session's requester, with the form's CSRF token
/// checked when the command changes something (see [`run::Actor::Session`]).
pub fn session_user(ctx: &Context, secret: &str, csrf: Option<&str>) -> Result<String, CommandError> {
    let session = read_session(ctx, secret)?;
    if let Some(sent) = csrf {
        if !session.csrf_matches(sent) {
            return Err(CommandError::denied(
                "permission denied: this form is stale or not from this page",
            ));
        }
    }
    Ok(session.requester)
}

/// The requester `who` names (their name, or their address for `sink`), with that address.
fn find_requester(
    txn: &crate::store::Txn<'_>,
    sink: &crate::domain::notify::Sink,
    who: &str,
) -> Result<Option<(String, String)>, CommandError> {
    use crate::store::outbox::Person;
    for requester in txn.requesters()? {
        // The page is for requesters: an agent's rights are the command line's.
        if txn.agent(&requester.name)?.is_some() {
            continue;
        }
        let contacts = txn.contacts(Person::Requester, &requester.name)?;
        let Some(address) = crate::domain::notify::address_for(sink, &requester.name, &contacts) else {
            continue;
        };
        if requester.name == who || address.to_lowercase() == who {
            return Ok(Some((requester.name, address)));
        }
    }
    Ok(None)
}

fn sign_in_message(
    sink: &str,
    requester: &str,
    address: &str,
    link: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> crate::domain::notify::Message {
    let subject = "Your sign-in link".to_string();
    let text = format!(
        "Hello {requester},\n\nsign in to see and file your tickets: {link}\n\nThe link works once, for {} minutes. If you did not ask for it, ignore this message.\n",
        crate::domain::web::LINK_LIFETIME.num_minutes()
    );
    crate::domain::notify::Message {
        id: 0,
        ticket_id: 0,
        ticket_key: String::new(),
        event_seq: 0,
        on: "sign_in".into(),
        rule: usize::MAX,
        sink: sink.to_string(),
        recipient: Some(requester.to_string()),
        role: Some("requester".into()),
        address: Some(address.to_string()),
        payload: serde_json::json!({
            "on": "sign_in", "recipient": requester, "address": address,
            "subject": subject, "text": text, "link": link,
        }),
        subject,
        text,
        state: crate::domain::notify::DeliveryState::Pending,
        attempts: 1,
        created_at: now,
        next_attempt_at: None,
        last_attempt_at: Some(now),
        delivered_at: None,
        last_error: None,
    }
}

/// How a field is entered in the form.
pub fn input_kind(field: &FieldSpec) -> &'static str {
    match field.field_type {
        FieldType::String => "text",
        FieldType::Text => "textarea",
        FieldType::Int => "number",
        FieldType::Bool | FieldType::Enum => "select",
        FieldType::Date => "date",
        FieldType::Url => "url",
    }
}
