//! Notifications: which events tell whom, through which sink, in what words, and how a
//! message that could not be delivered is retried.
//!
//! Every event lands in the store's outbox in the same transaction that records it, so a
//! notification is never lost while a sink is down. `desk notify flush` turns each outbox
//! entry into zero or more [`Message`]s by the routing rules here ([`plan`]), delivers them,
//! and records each attempt. Everything in this module is pure: the store, the clock and the
//! network belong to the caller. The `[notify]` table of `config.toml` is parsed in
//! `notify_config`.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::error::DomainError;
use super::event::{Event, EventKind, ReplySide};
use super::sla::Milestone;
use super::ticket::{Priority, Status, Ticket, Workflow};

/// The `[notify]` settings: sinks, routing rules, and the retry policy.
#[derive(Debug, Clone, PartialEq)]
pub struct NotifyConfig {
    pub sinks: Vec<Sink>,
    pub rules: Vec<Rule>,
    pub retry: RetryPolicy,
    /// How long one delivery may take (HTTP request, SMTP session, command), unless the sink
    /// sets its own.
    pub timeout: Duration,
    /// Messages sent per `desk notify flush` (and outbox entries routed), unless `--limit`.
    pub batch: usize,
    /// Delivered messages stay listed this long...
    pub keep_delivered: Duration,
    /// ...and at most this many of them.
    pub keep_delivered_max: usize,
    /// A deduplicated ticket whose occurrence count reaches one of these notifies
    /// (`occurrence_threshold`).
    pub occurrence_thresholds: Vec<u32>,
    /// The requesters' web page (`[web] url`), for links in messages: `{ticket.link}`, and
    /// the rating link a closed customer ticket's message carries.
    pub web_url: Option<String>,
}

impl Default for NotifyConfig {
    fn default() -> Self {
        NotifyConfig {
            sinks: Vec::new(),
            rules: Vec::new(),
            retry: RetryPolicy::default(),
            timeout: Duration::from_secs(10),
            batch: 100,
            keep_delivered: Duration::from_secs(7 * 24 * 3600),
            keep_delivered_max: 1000,
            occurrence_thresholds: vec![5, 20, 100],
            web_url: None,
        }
    }
}

impl NotifyConfig {
    pub fn sink(&self, name: &str) -> Option<&Sink> {
        self.sinks.iter().find(|s| s.name == name)
    }

    /// Notifications are on when at least one rule routes something somewhere.
    pub fn is_enabled(&self) -> bool {
        !self.rules.is_empty()
    }

    /// Every secret the sinks hold, with its key as messages name it
    /// (`notify.sinks.ops-chat.url`), in file order.
    pub fn secrets(&self) -> Vec<(String, &Secret)> {
        let mut found = Vec::new();
        for sink in &self.sinks {
            for (key, secret) in sink.secrets() {
                found.push((format!("notify.sinks.{}.{key}", sink.name), secret));
            }
        }
        found
    }

    /// Make relative `file:` paths relative to the desk home rather than to wherever a
    /// command happens to run.
    pub fn anchor_secret_files(&mut self, home: &Path) {
        for sink in &mut self.sinks {
            let secrets = match &mut sink.kind {
                SinkKind::Webhook { url, .. } => vec![url],
                SinkKind::Email(email) => vec![&mut email.username, &mut email.password],
                SinkKind::Exec { .. } => Vec::new(),
            };
            for secret in secrets.into_iter().flatten() {
                if let Secret::File(path) = secret {
                    if path.is_relative() {
                        *path = home.join(&*path);
                    }
                }
            }
        }
    }
}

/// Retries with exponential backoff: after the n-th failed attempt, wait `backoff · 2^(n-1)`,
/// at most `backoff_max`; after `max_attempts` failures the message is dead (a dead letter
/// until someone retries it). No jitter: deliveries are spread by the cron interval anyway,
/// and a fixed schedule is what `desk notify list` can promise.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RetryPolicy {
    pub max_attempts: u32,
    pub backoff: Duration,
    pub backoff_max: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 10,
            backoff: Duration::from_secs(60),
            backoff_max: Duration::from_secs(3600),
        }
    }
}

impl RetryPolicy {
    /// How long to wait after the `attempt`-th failure (1-based).
    pub fn delay(&self, attempt: u32) -> Duration {
        let doublings = attempt.saturating_sub(1).min(32);
        self.backoff
            .checked_mul(1u32 << doublings.min(31))
            .unwrap_or(self.backoff_max)
            .min(self.backoff_max)
    }
}

/// Where messages go.
#[derive(Debug, Clone, PartialEq)]
pub struct Sink {
    pub name: String,
    pub kind: SinkKind,
    /// Overrides `[notify] timeout` for this sink.
    pub timeout: Option<Duration>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum SinkKind {
    /// Run a command (argv, no shell) with the message as JSON on stdin; a non-zero exit is
    /// a failed delivery. Covers SMS gateways and anything else with a command line.
    Exec {
        command: Vec<String>,
    },
    /// HTTP POST of JSON, shaped for a chat bot when `format` says so.
    Webhook {
        /// The channel's URL, for rules without `to` and for people with no webhook of
        /// their own; may come from an environment variable (it is a credential).
        url: Option<Secret>,
        format: WebhookFormat,
    },
    Email(EmailSink),
}

impl SinkKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            SinkKind::Exec { .. } => "exec",
            SinkKind::Webhook { .. } => "webhook",
            SinkKind::Email(_) => "email",
        }
    }
}

impl Sink {
    /// The secrets this sink holds, by key (`url`, `username`, `password`).
    pub fn secrets(&self) -> Vec<(&'static str, &Secret)> {
        match &self.kind {
            SinkKind::Webhook { url, .. } => url.iter().map(|s| ("url", s)).collect(),
            SinkKind::Email(email) => [("username", &email.username), ("password", &email.password)]
                .into_iter()
                .filter_map(|(key, secret)| secret.as_ref().map(|s| (key, s)))
                .collect(),
            SinkKind::Exec { .. } => Vec::new(),
        }
    }

    /// The contact keys that give a person's address for this sink, most specific first:
    /// the sink's name, then (webhooks) the bot format, then the kind. `desk agent set bob
    /// --contact email=bob@example.com` serves every e-mail sink; `--contact oncall-sms=…`
    /// only the sink called `oncall-sms`.
    pub fn contact_keys(&self) -> Vec<&str> {
        let mut keys = vec![self.name.as_str()];
        if let SinkKind::Webhook { format, .. } = &self.kind {
            if *format != WebhookFormat::Json {
                keys.push(format.as_str());
            }
        }
        keys.push(self.kind.as_str());
        keys.dedup();
        keys
    }
}

/// A credential in `config.toml` (a webhook URL with its token, an SMTP user name or
/// password): written inline, or a reference read at delivery time, so a rotated secret is
/// picked up by the next flush and the file itself can be shared, backed up and shown.
#[derive(Clone, PartialEq)]
pub enum Secret {
    /// The value itself, in the file (`desk doctor` warns; backups leave it out).
    Inline(String),
    /// `env:NAME` (or a `*_env` key): the environment variable holding it.
    Env(String),
    /// `file:PATH`: the file holding it (trailing newline trimmed); a relative path is
    /// relative to the desk home once [`NotifyConfig::anchor_secret_files`] has run.
    File(PathBuf),
    /// [`Secret::LEFT_OUT`]: a backup replaced the inline value, which must be set again.
    LeftOut,
}

impl Secret {
    /// What `desk backup` writes in place of an inline secret; it parses as
    /// [`Secret::LeftOut`], so a restored config still loads.
    pub const LEFT_OUT: &'static str = "<redacted: set it again after restore>";

    /// `env:NAME`, `file:PATH`, the backup's placeholder, or else the value itself.
    pub fn parse(text: &str) -> Result<Secret, String> {
        if let Some(name) = text.strip_prefix("env:") {
            let valid = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
            return match valid {
                true => Ok(Secret::Env(name.to_string())),
                false => Err(
                    "`env:` needs a variable name (letters, digits, `_`), e.g. env:DESK_SMTP_PASSWORD".into(),
                ),
            };
        }
        if let Some(path) = text.strip_prefix("file:") {
            return match path.trim().is_empty() {
                true => Err("`file:` needs a path, e.g. file:secrets/smtp-password".into()),
                false => Ok(Secret::File(PathBuf::from(path))),
            };
        }
        if text == Secret::LEFT_OUT {
            return Ok(Secret::LeftOut);
        }
        Ok(Secret::Inline(text.to_string()))
    }

    /// How the secret is given, for messages: `inline`, `env:NAME`, `file:PATH`; never
    /// the value.
    pub fn describe(&self) -> String {
        match self {
            Secret::Inline(_) => "inline".to_string(),
            Secret::Env(name) => format!("env:{name}"),
            Secret::File(path) => format!("file:{}", path.display()),
            Secret::LeftOut => "left out by a backup".to_string(),
        }
    }
}

/// Never the value, so a stray `{:?}` cannot leak it.
impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Secret::Inline(_) => f.write_str("Inline(<redacted>)"),
            other => write!(f, "Secret({})", other.describe()),
        }
    }
}

/// The JSON shape a webhook receives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WebhookFormat {
    /// The whole message document (the same JSON an exec sink reads).
    Json,
    Slack,
    Feishu,
    Dingtalk,
    Wecom,
}

impl WebhookFormat {
    pub const ALL: [WebhookFormat; 5] = [
        WebhookFormat::Json,
        WebhookFormat::Slack,
        WebhookFormat::Feishu,
        WebhookFormat::Dingtalk,
        WebhookFormat::Wecom,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            WebhookFormat::Json => "json",
            WebhookFormat::Slack => "slack",
            WebhookFormat::Feishu => "feishu",
            WebhookFormat::Dingtalk => "dingtalk",
            WebhookFormat::Wecom => "wecom",
        }
    }

    pub fn parse(text: &str) -> Option<WebhookFormat> {
        WebhookFormat::ALL.into_iter().find(|f| f.as_str() == text)
    }
}

/// An SMTP relay. Its credentials are [`Secret`]s, best given as `env:` or `file:` references.
#[derive(Debug, Clone, PartialEq)]
pub struct EmailSink {
    pub host: String,
    pub port: u16,
    pub tls: SmtpTls,
    /// `Help desk <help@example.com>`.
    pub from: String,
    pub username: Option<Secret>,
    /// `password` (inline, `env:` or `file:`) or `password_env`.
    pub password: Option<Secret>,
    /// Addresses for rules without `to` (a team list).
    pub to: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmtpTls {
    /// Plain SMTP (a local relay or a test server).
    None,
    /// Upgrade with STARTTLS (port 587).
    StartTls,
    /// TLS from the first byte (SMTPS, port 465).
    Tls,
}

impl SmtpTls {
    pub fn parse(text: &str) -> Option<SmtpTls> {
        match text {
            "none" => Some(SmtpTls::None),
            "starttls" => Some(SmtpTls::StartTls),
            "tls" => Some(SmtpTls::Tls),
            _ => None,
        }
    }

    pub fn default_port(self) -> u16 {
        match self {
            SmtpTls::None => 25,
            SmtpTls::StartTls => 587,
            SmtpTls::Tls => 465,
        }
    }
}

/// One `[[notify.rules]]` entry: these events, of these tickets, to these people, via this sink.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    /// Trigger names ([`TRIGGERS`]) or event kinds (`commented`, `tagged`, …).
    pub on: Vec<String>,
    pub sink: String,
    /// Who is told; empty: the sink's own channel (a chat group, a team mailbox, a log).
    pub to: Vec<Recipient>,
    /// Only tickets of these types (empty: all).
    pub types: Vec<String>,
    /// Only tickets of these priorities (empty: all).
    pub priorities: Vec<Priority>,
    pub subject: Option<Template>,
    pub text: Option<Template>,
}

/// A person a rule names by their part in the ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Recipient {
    /// The ticket's handler (for `assigned`: the new one).
    Assignee,
    /// Who filed it.
    Requester,
    /// The agents with role `lead` (the admins when there are none).
    Leads,
}

impl Recipient {
    pub fn as_str(self) -> &'static str {
        match self {
            Recipient::Assignee => "assignee",
            Recipient::Requester => "requester",
            Recipient::Leads => "leads",
        }
    }

    pub fn parse(text: &str) -> Option<Recipient> {
        match text {
            "assignee" => Some(Recipient::Assignee),
            "requester" => Some(Recipient::Requester),
            "leads" | "lead" => Some(Recipient::Leads),
            _ => None,
        }
    }
}

/// The trigger names rules use, with what fires them and whom they are meant for. Rules may
/// also name any event kind (`created`, `commented`, `tagged`, …).
pub const TRIGGERS: [(&str, &str); 9] = [
    (
        "assigned",
        "a lead, `assign auto` or a transfer gave the ticket to an agent (to the assignee)",
    ),
    ("requester_replied", "the requester replied (to the assignee)"),
    ("handler_replied", "the handler replied (to the requester)"),
    (
        "awaiting_confirmation",
        "the handler's reply moved the ticket to awaiting (to the requester)",
    ),
    (
        "closed",
        "the ticket was closed or confirmed (to the requester; customer tickets ask for a rating)",
    ),
    (
        "sla_warning",
        "an SLA milestone passed its warning point (to the assignee)",
    ),
    (
        "sla_breach",
        "an SLA milestone passed its deadline (to the assignee and the leads)",
    ),
    ("escalated", "an SLA breach was escalated (to the leads)"),
    (
        "occurrence_threshold",
        "a deduplicated problem was reported for the N-th time ([notify] occurrence_thresholds)",
    ),
];

/// Whether `name` can be used in a rule's `on`.
pub fn is_trigger_name(name: &str) -> bool {
    TRIGGERS.iter().any(|(t, _)| *t == name)
        || serde_json::from_value::<EventKind>(serde_json::Value::String(name.to_string())).is_ok()
}

/// What an event means to the rules: the triggers it fires, most specific first, then its
/// own kind. `occurrences` is the ticket's occurrence count as of this event.
pub fn triggers(event: &Event, occurrences: u32, thresholds: &[u32]) -> Vec<String> {
    let mut names: Vec<&str> = Vec::new();
    match event.kind {
        EventKind::Assigned | EventKind::Transferred => names.push("assigned"),
        // Filed and routed at once (`ticket new --assign`): the assignee hears of it.
        EventKind::Created if event.assignee.is_some() => names.push("assigned"),
        EventKind::Replied => match event.role {
            Some(ReplySide::Handler) => {
                if event.to_status == Some(Status::Awaiting) {
                    names.push("awaiting_confirmation");
                }
                names.push("handler_replied");
            }
            Some(ReplySide::Requester) => names.push("requester_replied"),
            None => {}
        },
        EventKind::Closed | EventKind::Confirmed => names.push("closed"),
        EventKind::Occurred if thresholds.contains(&occurrences) => names.push("occurrence_threshold"),
        EventKind::SlaWarning => names.push("sla_warning"),
        EventKind::SlaBreached => names.push("sla_breach"),
        EventKind::Escalated => names.push("escalated"),
        _ => {}
    }
    let mut out: Vec<String> = names.into_iter().map(str::to_string).collect();
    out.push(event.kind.as_str().to_string());
    out
}

/// The ticket's occurrence count as of the event at `seq`: the first report plus every
/// `occurred` event up to it (the ticket itself only knows today's count).
pub fn occurrences_at(events: &[Event], seq: u32) -> u32 {
    1 + events
        .iter()
        .filter(|e| e.seq <= seq && e.kind == EventKind::Occurred)
        .count() as u32
}

/// One message a rule asks for, before it has an address or an id.
#[derive(Debug, Clone, PartialEq)]
pub struct Planned<'c> {
    /// Index of the rule in `[[notify.rules]]` (0-based).
    pub rule: usize,
    /// The trigger that matched.
    pub on: String,
    pub sink: &'c Sink,
    /// The person and the part they play; None: the sink's own channel.
    pub to: Option<(Recipient, String)>,
    pub subject: String,
    pub text: String,
}

/// Every message `event` on `ticket` produces under `config`'s rules, in rule order. A person
/// is never told about their own action, and hears of one event once per sink however many
/// rules match. `leads` are the names [`Recipient::Leads`] stands for.
pub fn plan<'c>(
    config: &'c NotifyConfig,
    ticket: &Ticket,
    event: &Event,
    occurrences: u32,
    leads: &[String],
) -> Vec<Planned<'c>> {
    let triggers = triggers(event, occurrences, &config.occurrence_thresholds);
    let mut seen: BTreeSet<(&str, Option<String>)> = BTreeSet::new();
    let mut out = Vec::new();
    for (index, rule) in config.rules.iter().enumerate() {
        let Some(on) = triggers.iter().find(|t| rule.on.contains(t)) else {
            continue;
        };
        if !rule.types.is_empty() && !rule.types.contains(&ticket.ticket_type) {
            continue;
        }
        if !rule.priorities.is_empty() && !rule.priorities.contains(&ticket.priority) {
            continue;
        }
        let Some(sink) = config.sink(&rule.sink) else {
            continue; // the config parser refuses this; a stale rule routes nothing
        };
        let mut targets: Vec<Option<(Recipient, String)>> = Vec::new();
        if rule.to.is_empty() {
            targets.push(None);
        }
        for &recipient in &rule.to {
            let names: Vec<String> = match recipient {
                Recipient::Assignee => {
                    let assignee = match on.as_str() {
                        "assigned" => event.assignee.clone().or_else(|| ticket.assignee.clone()),
                        _ => ticket.assignee.clone(),
                    };
                    assignee.into_iter().collect()
                }
                // Internal notes never reach the requester's side (#8's privacy rules).
                Recipient::Requester if event.kind == super::event::EventKind::Commented => Vec::new(),
                // Watchers hear what the requester hears.
                Recipient::Requester => std::iter::once(&ticket.requester)
                    .chain(&ticket.watchers)
                    .cloned()
                    .collect(),
                Recipient::Leads => leads.to_vec(),
            };
            targets.extend(names.into_iter().map(|name| Some((recipient, name))));
        }
        for target in targets {
            let person = target.as_ref().map(|(_, name)| name.clone());
            if person.as_deref() == Some(event.actor.as_str()) {
                continue;
            }
            if !seen.insert((sink.name.as_str(), person)) {
                continue;
            }
            // The requester's side never reads routing's reasons (they name other agents).
            let shown = match &target {
                Some((Recipient::Requester, _)) => super::access::without_routing(event),
                _ => std::borrow::Cow::Borrowed(event),
            };
            let vars = Vars::new(
                ticket,
                &shown,
                on,
                occurrences,
                target.as_ref().map(|(_, n)| n.as_str()),
            )
            .with_web_url(config.web_url.as_deref());
            let subject = match &rule.subject {
                Some(template) => template.render(&vars),
                None => default_subject(on).render(&vars),
            };
            let text = match &rule.text {
                Some(template) => template.render(&vars),
                None => default_text(on).render(&vars),
            };
            out.push(Planned {
                rule: index,
                on: on.clone(),
                sink,
                to: target,
                subject: one_line(&subject),
                text,
            });
        }
    }
    out
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The placeholders a message template may use. `{ticket.field.NAME}` reads a field.
pub const PLACEHOLDERS: [&str; 24] = [
    "ticket.id",
    "ticket.key",
    "ticket.title",
    "ticket.body",
    "ticket.type",
    "ticket.status",
    "ticket.priority",
    "ticket.requester",
    "ticket.assignee",
    "ticket.workflow",
    "ticket.occurrences",
    "ticket.link",
    "event.name",
    "event.kind",
    "event.actor",
    "event.at",
    "event.message",
    "event.score",
    "event.milestone",
    "event.to_status",
    "event.reason",
    "event.assignee",
    "recipient",
    "csat",
];

/// A message template: text with `{placeholder}`s; `{{` and `}}` are literal braces.
#[derive(Debug, Clone, PartialEq)]
pub struct Template(super::placeholders::Placeholders);

impl Template {
    /// Parse `text`; an unknown placeholder or an unclosed brace is an error naming it.
    pub fn parse(text: &str) -> Result<Template, String> {
        super::placeholders::Placeholders::parse(text, |name| match is_placeholder(name) {
            true => Ok(()),
            false => Err(format!(
                "unknown placeholder `{{{name}}}` (known: {}, ticket.field.NAME; write `{{{{` for a brace)",
                PLACEHOLDERS.map(|p| format!("{{{p}}}")).join(", ")
            )),
        })
        .map(Template)
    }

    pub fn render(&self, vars: &Vars<'_>) -> String {
        self.0.render(|name| vars.get(name))
    }
}

fn is_placeholder(name: &str) -> bool {
    PLACEHOLDERS.contains(&name)
        || name
            .strip_prefix("ticket.field.")
            .is_some_and(|field| !field.is_empty())
}

/// What placeholders stand for in one message.
pub struct Vars<'a> {
    ticket: &'a Ticket,
    event: &'a Event,
    on: &'a str,
    occurrences: u32,
    recipient: Option<&'a str>,
    web_url: Option<&'a str>,
}

impl<'a> Vars<'a> {
    pub fn new(
        ticket: &'a Ticket,
        event: &'a Event,
        on: &'a str,
        occurrences: u32,
        recipient: Option<&'a str>,
    ) -> Self {
        Vars {
            ticket,
            event,
            on,
            occurrences,
            recipient,
            web_url: None,
        }
    }

    /// With the requesters' web page at `url` (`[web] url`): links in messages.
    pub fn with_web_url(mut self, url: Option<&'a str>) -> Self {
        self.web_url = url;
        self
    }

    /// The ticket's page on the requesters' web page, if there is one.
    fn link(&self) -> Option<String> {
        self.web_url
            .map(|url| format!("{}/web/tickets/{}", url.trim_end_matches('/'), self.ticket.id))
    }

    /// The value of placeholder `name`; what does not apply is empty.
    pub fn get(&self, name: &str) -> String {
        let t = self.ticket;
        let e = self.event;
        match name {
            "ticket.id" => t.id.to_string(),
            "ticket.key" => t.display_id(),
            "ticket.title" => t.title.clone(),
            "ticket.body" => t.body.clone(),
            "ticket.type" => t.ticket_type.clone(),
            "ticket.status" => t.status.as_str().to_string(),
            "ticket.priority" => t.priority.as_str().to_string(),
            "ticket.requester" => t.requester.clone(),
            "ticket.assignee" => t.assignee.clone().unwrap_or_default(),
            "ticket.workflow" => t.workflow.as_str().to_string(),
            "ticket.occurrences" => self.occurrences.to_string(),
            "event.name" => self.on.to_string(),
            "event.kind" => e.kind.as_str().to_string(),
            "event.actor" => e.actor.clone(),
            "event.at" => e.at.format("%Y-%m-%d %H:%M UTC").to_string(),
            "event.message" => e.message.clone().unwrap_or_default(),
            "event.score" => e.score.map(|s| s.to_string()).unwrap_or_default(),
            "event.milestone" => e
                .milestone
                .as_deref()
                .map(|m| Milestone::parse(m).map_or(m.to_string(), |m| m.to_string()))
                .unwrap_or_default(),
            "event.to_status" => e.to_status.map(|s| s.as_str().to_string()).unwrap_or_default(),
            "event.reason" => e.reason.clone().unwrap_or_default(),
            // Who the event gave the ticket to: the ticket may have moved on by the flush.
            "event.assignee" => e.assignee.clone().unwrap_or_default(),
            "recipient" => self.recipient.unwrap_or_default().to_string(),
            "ticket.link" => self.link().unwrap_or_default(),
            "csat" => self.csat(),
            other => match other.strip_prefix("ticket.field.") {
                Some(field) => match t.fields.get(field) {
                    Some(serde_json::Value::String(s)) => s.clone(),
                    Some(serde_json::Value::Null) | None => String::new(),
                    Some(value) => value.to_string(),
                },
                None => String::new(),
            },
        }
    }

    /// The CSAT request a closed customer-workflow ticket carries (empty otherwise).
    fn csat(&self) -> String {
        if self.on != "closed" || self.ticket.workflow != Workflow::Customer {
            return String::new();
        }
        match self.link() {
            Some(link) => format!("How did we do? Please rate the service from 1 (poor) to 5 (excellent): {link}#rate"),
            None => format!(
                "How did we do? Please rate the service from 1 (poor) to 5 (excellent): desk ticket rate {} --score N",
                self.ticket.display_id()
            ),
        }
    }
}

/// The subject line when a rule gives none. The `[KEY]` tag lets an e-mailed answer find
/// its ticket (`desk ingest email` reads it).
pub fn default_subject(on: &str) -> Template {
    let text = match on {
        "assigned" => "[{ticket.key}] assigned to {event.assignee}: {ticket.title}",
        "requester_replied" => "[{ticket.key}] {ticket.requester} replied: {ticket.title}",
        "handler_replied" => "[{ticket.key}] {event.actor} replied: {ticket.title}",
        "awaiting_confirmation" => "[{ticket.key}] please confirm: {ticket.title}",
        "closed" => "[{ticket.key}] closed: {ticket.title}",
        "sla_warning" => "[{ticket.key}] SLA at risk ({event.milestone}): {ticket.title}",
        "sla_breach" => "[{ticket.key}] SLA breached ({event.milestone}): {ticket.title}",
        "escalated" => "[{ticket.key}] escalated: {ticket.title}",
        "occurrence_threshold" => "[{ticket.key}] reported {ticket.occurrences} times: {ticket.title}",
        _ => "[{ticket.key}] {event.kind}: {ticket.title}",
    };
    Template::parse(text).expect("default templates parse")
}

/// The message body when a rule gives none.
pub fn default_text(on: &str) -> Template {
    let text = match on {
        "assigned" => {
            "{event.actor} assigned {ticket.key} to {event.assignee}: {ticket.title} \
             ({ticket.priority} {ticket.type}, filed by {ticket.requester})."
        }
        "requester_replied" => "{ticket.requester} replied on {ticket.key} ({ticket.title}):\n\n{event.message}",
        "handler_replied" => "{event.actor} replied on {ticket.key} ({ticket.title}):\n\n{event.message}",
        "awaiting_confirmation" => {
            "{event.actor} replied on {ticket.key} ({ticket.title}):\n\n{event.message}\n\n\
             If this solves it, please confirm; otherwise reply and it goes back to {event.actor}."
        }
        "closed" => "{ticket.key} ({ticket.title}) was closed by {event.actor}.\n\n{csat}",
        "sla_warning" => {
            "{ticket.key} ({ticket.priority}, {ticket.status}) is at risk of missing its \
             {event.milestone} target: {ticket.title}. {event.message}"
        }
        "sla_breach" => {
            "{ticket.key} ({ticket.priority}, {ticket.status}) missed its {event.milestone} \
             target: {ticket.title}. {event.message}"
        }
        "escalated" => {
            "{ticket.key} ({ticket.priority}, assigned to {ticket.assignee}) was escalated \
             after an SLA breach: {ticket.title}. {event.message}"
        }
        "occurrence_threshold" => {
            "{ticket.key} has now been reported {ticket.occurrences} times: {ticket.title}.\n\n{event.message}"
        }
        _ => "{event.actor}: {event.kind} on {ticket.key} ({ticket.title}). {event.message}",
    };
    Template::parse(text).expect("default templates parse")
}

/// Where a message is in its delivery. Stored by these names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DeliveryState {
    /// Waiting for its (next) attempt.
    Pending,
    Delivered,
    /// Gave up after `max_attempts`: a dead letter until `desk notify retry`.
    Dead,
}

impl DeliveryState {
    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryState::Pending => "pending",
            DeliveryState::Delivered => "delivered",
            DeliveryState::Dead => "dead",
        }
    }
}

impl fmt::Display for DeliveryState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One notification to one recipient through one sink, with its delivery record. Its words
/// are fixed when it is routed, so a retry sends exactly what the first attempt did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Message {
    pub id: u64,
    pub ticket_id: u64,
    /// `INC-42`, as the ticket was known when the message was made.
    pub ticket_key: String,
    pub event_seq: u32,
    /// The trigger (or event kind) that matched.
    pub on: String,
    /// Index of the rule in `[[notify.rules]]`.
    pub rule: usize,
    pub sink: String,
    /// Who it is for; None: the sink's own channel.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipient: Option<String>,
    /// Their part: `assignee`, `requester` or `leads`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Their address for this sink (e-mail address, webhook URL, phone number), when it
    /// has one of its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    pub subject: String,
    pub text: String,
    /// The JSON document exec sinks read on stdin and `format = "json"` webhooks receive.
    pub payload: serde_json::Value,
    pub state: DeliveryState,
    /// Attempts started so far.
    pub attempts: u32,
    pub created_at: DateTime<Utc>,
    /// When a pending message is (next) due.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_attempt_at: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_attempt_at: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivered_at: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_error: Option<String>,
}

impl Message {
    /// Start an attempt: count it and push the due time past `lease`, so another flush
    /// running meanwhile leaves this message alone, and a flush that dies mid-delivery has
    /// it retried after the lease rather than never.
    pub fn claim(&mut self, now: DateTime<Utc>, lease: Duration, retry: &RetryPolicy) {
        self.attempts += 1;
        self.last_attempt_at = Some(now);
        let wait = retry.delay(self.attempts).max(lease);
        self.next_attempt_at = Some(now + chrono::Duration::from_std(wait).unwrap_or(chrono::Duration::MAX));
    }

    pub fn delivered(&mut self, now: DateTime<Utc>) {
        self.state = DeliveryState::Delivered;
        self.delivered_at = Some(now);
        self.next_attempt_at = None;
        self.last_error = None;
    }

    /// Record a failed attempt: retry after the backoff, or give up after the last attempt.
    pub fn failed(&mut self, now: DateTime<Utc>, error: &str, retry: &RetryPolicy) {
        self.last_error = Some(error.to_string());
        if self.attempts >= retry.max_attempts {
            self.state = DeliveryState::Dead;
            self.next_attempt_at = None;
        } else {
            let wait = retry.delay(self.attempts);
            self.next_attempt_at =
                Some(now + chrono::Duration::from_std(wait).unwrap_or(chrono::Duration::MAX));
        }
    }

    /// Give a dead letter (or a waiting message) a fresh start, due now.
    pub fn retry(&mut self, now: DateTime<Utc>) -> Result<(), DomainError> {
        if self.state == DeliveryState::Delivered {
            return Err(DomainError::invalid(format!(
                "message {} was already delivered",
                self.id
            )));
        }
        if self.state == DeliveryState::Dead {
            self.attempts = 0;
        }
        self.state = DeliveryState::Pending;
        self.next_attempt_at = Some(now);
        Ok(())
    }
}

/// Contact addresses of one person, by key (a sink name, a bot format or a sink kind).
pub type Contacts = BTreeMap<String, String>;

/// Parse `KEY=VALUE` as given to `--contact`; an empty value removes the key.
pub fn parse_contact(text: &str) -> Result<(String, Option<String>), DomainError> {
    let Some((key, value)) = text.split_once('=') else {
        return Err(DomainError::invalid(format!(
            "`{text}` is not KEY=VALUE (e.g. email=bob@example.com, sms=+8613800000000)"
        )));
    };
    let key = key.trim();
    let valid_key = !key.is_empty()
        && key.len() <= 64
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    if !valid_key {
        return Err(DomainError::invalid(format!(
            "invalid contact key `{key}`: use a sink name or kind (email, webhook, exec, slack, feishu, dingtalk, wecom) in lowercase letters, digits, `-` or `_`"
        )));
    }
    let value = value.trim();
    if value.chars().any(char::is_control) {
        return Err(DomainError::invalid(format!(
            "the `{key}` contact holds a control character"
        )));
    }
    Ok((key.to_string(), (!value.is_empty()).then(|| value.to_string())))
}

/// A person's address for `sink`: their contact under the most specific key; for e-mail, a
/// name that is itself an address (requesters who wrote in by mail).
pub fn address_for(sink: &Sink, name: &str, contacts: &Contacts) -> Option<String> {
    for key in sink.contact_keys() {
        if let Some(address) = contacts.get(key) {
            return Some(address.clone());
        }
    }
    match sink.kind {
        SinkKind::Email(_) if looks_like_address(name) => Some(name.to_string()),
        _ => None,
    }
}

fn looks_like_address(name: &str) -> bool {
    match name.split_once('@') {
        Some((local, domain)) => !local.is_empty() && domain.contains('.') && !domain.starts_with('.'),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(minute: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 2, 9, minute, 0).unwrap()
    }

    /// Built from JSON, so fields other modules add (with their serde defaults) need no
    /// change here.
    fn ticket() -> Ticket {
        serde_json::from_value(serde_json::json!({
            "id": 7,
            "type": "incident",
            "prefix": "INC",
            "title": "VPN down",
            "body": "since 9",
            "status": "pending",
            "priority": "high",
            "requester": "carol@example.com",
            "assignee": "bob",
            "workflow": "internal",
            "created_at": at(0),
            "updated_at": at(0),
            "fields": {"service": "vpn"},
            "event_count": 2,
        }))
        .expect("a ticket")
    }

    fn event(kind: EventKind, actor: &str) -> Event {
        let mut event = Event::new(kind, actor, at(5));
        event.seq = 1;
        event
    }

    fn sink(name: &str, kind: SinkKind) -> Sink {
        Sink {
            name: name.into(),
            kind,
            timeout: None,
        }
    }

    fn exec() -> Sink {
        sink(
            "log",
            SinkKind::Exec {
                command: vec!["cat".into()],
            },
        )
    }

    fn rule(on: &[&str], sink: &str, to: &[Recipient]) -> Rule {
        Rule {
            on: on.iter().map(|s| s.to_string()).collect(),
            sink: sink.into(),
            to: to.to_vec(),
            types: Vec::new(),
            priorities: Vec::new(),
            subject: None,
            text: None,
        }
    }

    fn config(rules: Vec<Rule>) -> NotifyConfig {
        NotifyConfig {
            sinks: vec![exec()],
            rules,
            ..NotifyConfig::default()
        }
    }

    #[test]
    fn events_fire_their_triggers_then_their_kind() {
        let mut reply = event(EventKind::Replied, "bob");
        reply.role = Some(ReplySide::Handler);
        reply.to_status = Some(Status::Awaiting);
        assert_eq!(
            triggers(&reply, 1, &[]),
            ["awaiting_confirmation", "handler_replied", "replied"]
        );
        reply.to_status = None; // a second reply while already awaiting
        assert_eq!(triggers(&reply, 1, &[]), ["handler_replied", "replied"]);
        reply.role = Some(ReplySide::Requester);
        assert_eq!(triggers(&reply, 1, &[]), ["requester_replied", "replied"]);
        assert_eq!(
            triggers(&event(EventKind::Confirmed, "carol"), 1, &[]),
            ["closed", "confirmed"]
        );
        assert_eq!(triggers(&event(EventKind::Claimed, "bob"), 1, &[]), ["claimed"]);
        assert_eq!(triggers(&event(EventKind::Created, "carol"), 1, &[]), ["created"]);
        assert_eq!(
            triggers(&event(EventKind::SlaBreached, "desk"), 1, &[]),
            ["sla_breach", "sla_breached"]
        );
        let occurred = event(EventKind::Occurred, "ci");
        assert_eq!(
            triggers(&occurred, 5, &[5, 20]),
            ["occurrence_threshold", "occurred"]
        );
        assert_eq!(triggers(&occurred, 6, &[5, 20]), ["occurred"]);
    }

    #[test]
    fn occurrences_count_up_to_the_event() {
        let events: Vec<Event> = (0..4)
            .map(|seq| {
                let mut e = event(
                    if seq == 0 {
                        EventKind::Created
                    } else {
                        EventKind::Occurred
                    },
                    "ci",
                );
                e.seq = seq;
                e
            })
            .collect();
        assert_eq!(occurrences_at(&events, 0), 1);
        assert_eq!(occurrences_at(&events, 2), 3);
        assert_eq!(occurrences_at(&events, 3), 4);
    }

    #[test]
    fn rules_match_on_trigger_type_and_priority() {
        let mut assigned = event(EventKind::Assigned, "dave");
        assigned.assignee = Some("erin".into());
        let mut typed = rule(&["assigned"], "log", &[Recipient::Assignee]);
        typed.types = vec!["access-request".into()];
        let mut urgent = rule(&["assigned"], "log", &[Recipient::Assignee]);
        urgent.priorities = vec![Priority::Urgent];
        let config = config(vec![typed, urgent, rule(&["closed"], "log", &[])]);
        assert!(plan(&config, &ticket(), &assigned, 1, &[]).is_empty());

        let config = self::config(vec![rule(&["assigned"], "log", &[Recipient::Assignee])]);
        let planned = plan(&config, &ticket(), &assigned, 1, &[]);
        assert_eq!(planned.len(), 1);
        // The new assignee, not the one the ticket had when it was routed.
        assert_eq!(planned[0].to, Some((Recipient::Assignee, "erin".to_string())));
        assert_eq!(planned[0].subject, "[INC-7] assigned to erin: VPN down");
        assert!(
            planned[0].text.starts_with("dave assigned INC-7 to erin"),
            "{}",
            planned[0].text
        );
    }

    #[test]
    fn nobody_hears_of_their_own_action_and_nobody_twice() {
        let config = config(vec![
            rule(&["sla_breach"], "log", &[Recipient::Assignee, Recipient::Leads]),
            rule(&["sla_breach", "escalated"], "log", &[Recipient::Leads]),
        ]);
        let breach = event(EventKind::SlaBreached, "dave");
        let leads = vec!["dave".to_string(), "lena".to_string()];
        let to: Vec<_> = plan(&config, &ticket(), &breach, 1, &leads)
            .into_iter()
            .map(|p| p.to.unwrap().1)
            .collect();
        assert_eq!(to, ["bob", "lena"]);
        // A channel rule has no person and is never skipped.
        let config = self::config(vec![rule(&["claimed"], "log", &[])]);
        let planned = plan(&config, &ticket(), &event(EventKind::Claimed, "bob"), 1, &[]);
        assert_eq!(planned.len(), 1);
        assert_eq!(planned[0].to, None);
        assert_eq!(planned[0].on, "claimed");
    }

    #[test]
    fn watchers_hear_what_the_requester_hears_but_never_internal_notes() {
        let config = config(vec![rule(
            &["closed", "commented"],
            "log",
            &[Recipient::Requester],
        )]);
        let mut watched = ticket();
        watched.watchers = vec!["dave".into(), "bob".into()];
        let to: Vec<String> = plan(&config, &watched, &event(EventKind::Closed, "bob"), 1, &[])
            .into_iter()
            .map(|p| p.to.unwrap().1)
            .collect();
        // bob closed it himself: he is not told.
        assert_eq!(to, [watched.requester.clone(), "dave".to_string()]);
        let note = plan(&config, &watched, &event(EventKind::Commented, "bob"), 1, &[]);
        assert!(note.is_empty(), "an internal note reached the requester's side");
    }

    #[test]
    fn the_requesters_side_never_reads_routings_reason() {
        let mut told = rule(&["assigned"], "log", &[Recipient::Requester, Recipient::Leads]);
        told.text = Some(Template::parse("why: {event.reason}").unwrap());
        let config = config(vec![told]);
        let mut assigned = event(EventKind::Assigned, "dave");
        assigned.assignee = Some("erin".into());
        assigned.reason = Some("balanced: erin: skills 1.00, load 0/5, score 0.9".into());
        let leads = vec!["lena".to_string()];
        let texts: Vec<(String, String)> = plan(&config, &ticket(), &assigned, 1, &leads)
            .into_iter()
            .map(|p| (p.to.unwrap().1, p.text))
            .collect();
        assert_eq!(
            texts,
            [
                (ticket().requester, "why: ".to_string()),
                (
                    "lena".to_string(),
                    "why: balanced: erin: skills 1.00, load 0/5, score 0.9".to_string()
                ),
            ]
        );
    }

    #[test]
    fn closing_a_customer_ticket_asks_for_a_rating() {
        let config = config(vec![rule(&["closed"], "log", &[Recipient::Requester])]);
        let mut customer = ticket();
        customer.workflow = Workflow::Customer;
        customer.prefix = Some("CS".into());
        let planned = plan(&config, &customer, &event(EventKind::Closed, "bob"), 1, &[]);
        assert!(
            planned[0].text.contains("desk ticket rate CS-7 --score N"),
            "{}",
            planned[0].text
        );
        let planned = plan(&config, &ticket(), &event(EventKind::Closed, "bob"), 1, &[]);
        assert!(!planned[0].text.contains("rate"), "{}", planned[0].text);
        // With the web page, the link to rate it there.
        let mut config = config;
        config.web_url = Some("https://desk.example.com".into());
        let planned = plan(&config, &customer, &event(EventKind::Closed, "bob"), 1, &[]);
        assert!(
            planned[0]
                .text
                .contains("https://desk.example.com/web/tickets/7#rate"),
            "{}",
            planned[0].text
        );
    }

    #[test]
    fn templates_substitute_and_refuse_unknown_names() {
        let t = ticket();
        let mut e = event(EventKind::Replied, "bob");
        e.message = Some("try again".into());
        let vars = Vars::new(&t, &e, "handler_replied", 1, Some("carol@example.com"));
        let template = Template::parse(
            "{ticket.key} {{x}} {ticket.field.service}/{ticket.field.none}: {event.message} → {recipient}",
        )
        .unwrap();
        assert_eq!(
            template.render(&vars),
            "INC-7 {x} vpn/: try again → carol@example.com"
        );
        let chinese = Template::parse("工单 {ticket.key} 已关闭：{ticket.title}").unwrap();
        assert_eq!(chinese.render(&vars), "工单 INC-7 已关闭：VPN down");
        assert!(Template::parse("工单 }").unwrap_err().contains("at character 4"));
        let error = Template::parse("{ticket.nope}").unwrap_err();
        assert!(error.contains("unknown placeholder `{ticket.nope}`"), "{error}");
        assert!(Template::parse("{ticket.key").unwrap_err().contains("unclosed"));
        assert!(Template::parse("a } b").unwrap_err().contains("stray"));
        for (name, _) in TRIGGERS {
            default_subject(name);
            default_text(name);
        }
    }

    #[test]
    fn backoff_doubles_up_to_the_cap_then_gives_up() {
        let retry = RetryPolicy {
            max_attempts: 4,
            backoff: Duration::from_secs(60),
            backoff_max: Duration::from_secs(300),
        };
        let delays: Vec<u64> = (1..=6).map(|n| retry.delay(n).as_secs()).collect();
        assert_eq!(delays, [60, 120, 240, 300, 300, 300]);
        assert_eq!(retry.delay(1000).as_secs(), 300);

        let mut message = Message {
            id: 1,
            ticket_id: 7,
            ticket_key: "INC-7".into(),
            event_seq: 1,
            on: "assigned".into(),
            rule: 0,
            sink: "log".into(),
            recipient: None,
            role: None,
            address: None,
            subject: String::new(),
            text: String::new(),
            payload: serde_json::Value::Null,
            state: DeliveryState::Pending,
            attempts: 0,
            created_at: at(0),
            next_attempt_at: Some(at(0)),
            last_attempt_at: None,
            delivered_at: None,
            last_error: None,
        };
        message.claim(at(0), Duration::from_secs(10), &retry);
        assert_eq!(message.next_attempt_at, Some(at(1)), "claimed for the backoff");
        message.failed(at(0), "refused", &retry);
        assert_eq!(message.next_attempt_at, Some(at(1)));
        for _ in 0..3 {
            message.claim(at(0), Duration::ZERO, &retry);
            message.failed(at(0), "refused", &retry);
        }
        assert_eq!(message.state, DeliveryState::Dead);
        assert_eq!(message.attempts, 4);
        message.retry(at(30)).unwrap();
        assert_eq!((message.state, message.attempts), (DeliveryState::Pending, 0));
        message.delivered(at(31));
        assert!(message.retry(at(32)).is_err());
    }

    #[test]
    fn addresses_come_from_contacts_by_sink_then_format_then_kind() {
        let feishu = sink(
            "ops-feishu",
            SinkKind::Webhook {
                url: None,
                format: WebhookFormat::Feishu,
            },
        );
        assert_eq!(feishu.contact_keys(), ["ops-feishu", "feishu", "webhook"]);
        let contacts: Contacts = [
            ("webhook".to_string(), "https://a".to_string()),
            ("feishu".to_string(), "https://b".to_string()),
        ]
        .into();
        assert_eq!(
            address_for(&feishu, "bob", &contacts).as_deref(),
            Some("https://b")
        );
        let mail = sink(
            "mail",
            SinkKind::Email(EmailSink {
                host: "localhost".into(),
                port: 25,
                tls: SmtpTls::None,
                from: "desk@example.com".into(),
                username: None,
                password: None,
                to: Vec::new(),
            }),
        );
        assert_eq!(
            address_for(&mail, "carol@example.com", &Contacts::new()).as_deref(),
            Some("carol@example.com")
        );
        assert_eq!(address_for(&mail, "carol", &Contacts::new()), None);
        assert_eq!(
            parse_contact("email=bob@example.com").unwrap(),
            ("email".to_string(), Some("bob@example.com".to_string()))
        );
        assert_eq!(parse_contact("sms=").unwrap(), ("sms".to_string(), None));
        assert!(parse_contact("nokey").is_err());
        assert!(parse_contact("Bad Key=x").is_err());
        assert!(is_trigger_name("assigned") && is_trigger_name("commented"));
        assert!(!is_trigger_name("asigned"));
    }
}
