//! `config.toml`: the settings of one desk home. Parsed strictly, located errors.

use std::collections::BTreeMap;
use std::time::Duration;

use serde::Deserialize;

use super::attachments::AttachmentLimits;
use super::notify::{NotifyConfig, Secret};
use super::notify_config::RawNotify;
use super::routing::{OnOffline, RoutingConfig, Strategy};
use super::sla::SlaConfig;
use super::sla_config::RawSla;
use super::template::FileError;
use super::ticket::Priority;
use super::tier::{RateLimit, Tier};

#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub archive: ArchiveConfig,
    pub requesters: RequesterConfig,
    /// Requester tiers by name.
    pub tiers: BTreeMap<String, Tier>,
    pub email: EmailConfig,
    /// Size limits on the files of one message, every channel (`[attachments]`).
    pub attachments: AttachmentLimits,
    /// How `desk assign` routes tickets to agents (`[routing]`).
    pub routing: RoutingConfig,
    /// SLA policies and business-hours calendars.
    pub sla: SlaConfig,
    /// Notification sinks, routing rules and retries (`[notify]`).
    pub notify: NotifyConfig,
    /// Departments (teams, queues) by name (`[departments.NAME]`).
    pub departments: BTreeMap<String, Department>,
    /// `[web]`: the requesters' web page `desk serve` serves.
    pub web: WebConfig,
    /// `[webhooks.NAME]`: JSON from other systems that files tickets (`desk serve`).
    pub webhooks: BTreeMap<String, crate::domain::webhook::Webhook>,
    /// `[slack]`: Slack's slash command (`desk serve`).
    pub slack: Option<SlackConfig>,
    /// Where the hot store lives (`[store]`): the home's own embedded database unless a
    /// team store's URL is given.
    pub store: StoreConfig,
}

/// `[store]`: a team store on PostgreSQL that several hosts share. Absent: the embedded
/// store under the home.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StoreConfig {
    /// `postgres://user@host:port/database?sslmode=require`, without the password.
    pub url: Option<String>,
    /// The database password (`env:NAME`, `file:PATH`, or inline, which doctor warns
    /// about); else PGPASSWORD or PGPASSFILE, as libpq looks.
    pub password: Option<Secret>,
    /// Who acts on a team store: the PostgreSQL role the server authenticated (the
    /// default), or the OS account as on an embedded home (`identity = "os"`).
    pub identity: StoreIdentity,
}

/// `[store] identity`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StoreIdentity {
    /// `"role"`: the desk user is the role's name (`session_user`).
    #[default]
    DatabaseRole,
    /// `"os"`: the OS account on each host, mapped as on an embedded home; for a team
    /// whose hosts share one service role and whose OS accounts it trusts.
    OsAccount,
}

/// Whether `url` names a team store desk can open (a PostgreSQL URL).
pub fn is_store_url(url: &str) -> bool {
    url.starts_with("postgres://") || url.starts_with("postgresql://")
}

/// A team with its own queue: a type or a tier routes tickets to it, and `assign auto`
/// gives its tickets only to its members.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Department {
    pub name: String,
    pub description: String,
    /// The agents who work its queue.
    pub agents: Vec<String>,
    /// Its leads: members too.
    pub leads: Vec<String>,
}

impl Department {
    /// Whether `agent` works this department's queue (as an agent or as a lead).
    pub fn has_member(&self, agent: &str) -> bool {
        self.agents.iter().chain(&self.leads).any(|a| a == agent)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ArchiveConfig {
    /// Closed tickets older than this move from the hot store to the cold archive.
    pub after: Duration,
    /// At most this many tickets move per command, so no command pays for a backlog.
    pub batch: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RequesterConfig {
    /// The tier of requesters that have no record.
    pub default_tier: String,
    /// The tier of agents filing for themselves without a requester record (employees).
    pub agent_tier: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EmailConfig {
    /// The ticket type new tickets from e-mail get.
    pub template: String,
    /// Mail attachments larger than this are listed but their bytes are not kept (a
    /// tighter limit than `[attachments] max_file_size` for mail, which anyone can send).
    pub max_attachment_bytes: u64,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            archive: ArchiveConfig {
                after: Duration::from_secs(7 * 24 * 3600),
                batch: 256,
            },
            requesters: RequesterConfig {
                default_tier: "standard".to_string(),
                agent_tier: "internal".to_string(),
            },
            tiers: BTreeMap::new(),
            email: EmailConfig {
                template: "customer-complaint".to_string(),
                max_attachment_bytes: 5 * 1024 * 1024,
            },
            attachments: AttachmentLimits::default(),
            routing: RoutingConfig::default(),
            sla: SlaConfig {
                default_policy: "standard".to_string(),
                calendars: BTreeMap::new(),
                policies: BTreeMap::new(),
            },
            notify: NotifyConfig::default(),
            departments: BTreeMap::new(),
            web: WebConfig::default(),
            webhooks: BTreeMap::new(),
            slack: None,
            store: StoreConfig::default(),
        }
    }
}

impl Config {
    /// Every secret the settings hold (sinks, Slack's signing secret), with its key as
    /// messages name it, for doctor, `config publish` and backups.
    pub fn secrets(&self) -> Vec<(String, &Secret)> {
        let mut found = self.notify.secrets();
        if let Some(slack) = &self.slack {
            found.push(("slack.signing_secret".to_string(), &slack.signing_secret));
        }
        found
    }
}

impl Config {
    /// The limits under which a mail's attachments are kept: `[attachments]`, with a file
    /// no larger than `[email] max_attachment_bytes` either.
    pub fn mail_attachment_limits(&self) -> AttachmentLimits {
        AttachmentLimits {
            max_file_size: self
                .attachments
                .max_file_size
                .min(self.email.max_attachment_bytes),
            max_total_size: self.attachments.max_total_size,
        }
    }

    /// The tier called `name`; a name the config does not define restricts nothing.
    pub fn tier(&self, name: &str) -> Tier {
        self.tiers
            .get(name)
            .cloned()
            .unwrap_or_else(|| Tier::unrestricted(name))
    }
}

/// The file `desk init` writes: every setting, with what it does.
pub const DEFAULT_CONFIG_TOML: &str = r#"# desk configuration. Every key is optional; without a key, desk uses the value shown.

[archive]
# Closed tickets older than this move from the hot store to the cold archive
# (they stay readable with `desk ticket show`). Units: s, m, h, d, w.
after = "7d"
# At most this many tickets move per command, keeping every call fast.
batch = 256

[requesters]
# Tier of requesters that were never added with `desk requester add`.
default_tier = "standard"
# Tier of agents filing for themselves (employees) without a requester record.
agent_tier = "internal"

# Requester tiers (用户分类). Per tier, all optional:
#   rate_limits    = ["5/1h", "50/1d"]  at most N new tickets per window, per requester
#   types          = ["*"]              ticket types the tier may file ("*" = all)
#   priority_boost = 1                  filed priority is raised this many steps (normal -> high)
#   priority_floor = "high"             ...and then to at least this
#   sla            = "vip"              SLA policy for the tier's tickets
# A tier the config does not define restricts nothing.

[tiers.standard]
description = "Customers on the standard plan"
rate_limits = ["20/1h", "100/1d"]
types = ["*"]

[tiers.vip]
description = "VIP customers"
rate_limits = ["50/1h"]
types = ["*"]
priority_boost = 1
sla = "vip"

[tiers.enterprise]
description = "Enterprise contracts"
types = ["*"]
priority_floor = "normal"
sla = "enterprise"

[tiers.internal]
description = "Employees"
types = ["incident", "access-request", "ci-failure"]

[sla]
# SLA (时效) policies: targets per priority for three milestones, counted from creation:
#   first_response  to the first reply by a handler
#   resolution      while the ticket is unclaimed or pending (awaiting the requester pauses
#                   it; the close, measured up to the handler's last solving reply, meets it)
#   confirmation    from the handler's reply that asks for confirmation to the requester's
# A ticket uses the policy of its requester's tier, else its template's `sla`, else this:
default_policy = "standard"
# When a running milestone turns "at risk": a share of its target ("75%") or a time before
# its deadline ("4h"); a policy may set its own `warn`.
warn = "75%"

# Business-hours calendars. A policy with `calendar = "office"` counts only these hours;
# a policy without a calendar counts every hour (24/7).
[sla.calendars.office]
timezone = "UTC"              # an IANA name, e.g. "Asia/Shanghai", "Europe/Berlin"
weekdays = "09:00-18:00"      # Monday to Friday; a day of its own overrides it:
# mon = "09:00-12:00,13:00-18:00"
# sat = "10:00-14:00"
holidays = []                 # e.g. ["2026-12-25", "2027-01-01"]

# Targets in s, m, h, d, w; a priority or milestone left out is not tracked. On a breach,
# `escalation` can raise the priority one step, notify the leads, hand an unclaimed ticket
# to `assign auto`, and add a tag; each action is recorded in the ticket's history.
[sla.policies.standard]
calendar = "office"
first_response = { urgent = "1h", high = "4h", normal = "8h", low = "2d" }
resolution = { urgent = "8h", high = "1d", normal = "3d", low = "5d" }
confirmation = { urgent = "2d", high = "2d", normal = "3d", low = "5d" }
escalation = { raise_priority = true, notify_lead = true, tag = "sla-breached" }

[sla.policies.vip]
first_response = { urgent = "30m", high = "1h", normal = "2h", low = "8h" }
resolution = { urgent = "4h", high = "8h", normal = "1d", low = "2d" }
confirmation = { urgent = "1d", high = "1d", normal = "2d", low = "3d" }
escalation = { raise_priority = true, notify_lead = true, tag = "sla-breached" }

[sla.policies.enterprise]
first_response = { urgent = "15m", high = "1h", normal = "4h", low = "1d" }
resolution = { urgent = "4h", high = "1d", normal = "2d", low = "4d" }
escalation = { notify_lead = true, tag = "sla-breached" }

[sla.policies.internal]
calendar = "office"
first_response = { urgent = "30m", high = "2h", normal = "1d", low = "3d" }
resolution = { urgent = "4h", high = "1d", normal = "3d", low = "1w" }
escalation = { notify_lead = true }

[sla.policies.incident]
first_response = { urgent = "15m", high = "30m", normal = "2h", low = "8h" }
resolution = { urgent = "4h", high = "8h", normal = "1d", low = "3d" }
escalation = { raise_priority = true, notify_lead = true, reassign = true, tag = "sla-breached" }

[sla.policies.customer]
calendar = "office"
warn = "4h"
first_response = { urgent = "1h", high = "4h", normal = "1d", low = "2d" }
resolution = { urgent = "1d", high = "2d", normal = "48h", low = "5d" }
confirmation = { normal = "3d", high = "3d", urgent = "3d", low = "3d" }
escalation = { notify_lead = true, tag = "sla-breached" }

[email]
# `desk ingest email` files new tickets of this type.
template = "customer-complaint"
# Mail attachments up to this size (bytes) are stored; larger ones are only listed.
max_attachment_bytes = 5242880

[attachments]
# Files that come with a ticket, a reply or a note (`--attach FILE`, e-mail). A size is a
# number of bytes or a text with a unit: "10 MiB", "500 KiB", "1 GB". `--attach` refuses a
# file over a limit (exit 5, nothing written); mail, which cannot be refused, keeps such a
# file listed without its bytes.
max_file_size = "10 MiB"      # one file
max_total_size = "25 MiB"     # all the files of one message together

[notify]
# Every event is queued in the store's outbox with the event itself; `desk notify flush`
# (run it from cron, e.g. every minute) routes each one by the [[notify.rules]] below
# and delivers the messages. Without rules nothing is sent (flush just empties the outbox).
# A failed delivery is retried after `backoff`, doubling each time up to `backoff_max`;
# after `max_attempts` it is a dead letter (`desk notify list --failed`, `desk notify retry`).
max_attempts = 10
backoff = "1m"
backoff_max = "1h"
timeout = "10s"               # per delivery: HTTP request, SMTP session or command
batch = 100                   # messages sent per flush (`--limit` overrides)
keep_delivered = "7d"         # delivered messages stay listed this long...
keep_delivered_max = 1000     # ...and at most this many
occurrence_thresholds = [5, 20, 100]   # a deduplicated problem's N-th report notifies

# Sinks: where messages go. People are reached at their contacts
# (`desk agent set bob --contact email=bob@example.com`, `--contact sms=+8613800000000`;
# a requester whose name is an e-mail address needs none). Secrets (a webhook `url`, an
# e-mail `username` and `password`) are best given as references, read at each delivery:
# "env:NAME" (an environment variable) or "file:PATH" (a file, relative to this home).
# An inline value works, but `desk doctor` warns about it and `desk backup` leaves it out.
#
# [[notify.sinks]]
# name = "sms"
# kind = "exec"                       # runs the command (no shell), the message as JSON on stdin
# command = ["/usr/local/bin/send-sms"]
#
# [[notify.sinks]]
# name = "ops-chat"
# kind = "webhook"                    # HTTP POST of JSON
# format = "feishu"                   # json | slack | feishu | dingtalk | wecom
# url = "env:DESK_OPS_CHAT_URL"       # holds the bot's token; the group for rules without `to`
#
# [[notify.sinks]]
# name = "mail"
# kind = "email"                      # SMTP
# host = "smtp.example.com"
# port = 587
# tls = "starttls"                    # starttls | tls | none
# from = "Help desk <help@example.com>"
# username = "env:DESK_SMTP_USER"
# password = "file:secrets/smtp-password"   # one line; chmod 600

# Rules: which events go to whom through which sink. `on`: assigned, requester_replied,
# handler_replied, awaiting_confirmation, closed, sla_warning, sla_breach, escalated,
# occurrence_threshold, or any event kind (created, commented, ...). `to`: assignee,
# requester, leads; without `to`, the sink's own channel. Optional: `types`, `priorities`,
# and `subject`/`text` templates with {ticket.key}, {ticket.title}, {event.actor},
# {event.message}, {recipient}, {ticket.field.NAME}, ... (desk's docs/notifications.md).
#
# [[notify.rules]]
# on = ["assigned", "requester_replied", "sla_warning"]
# sink = "mail"
# to = "assignee"
#
# [[notify.rules]]
# on = ["awaiting_confirmation", "closed"]
# sink = "mail"
# to = "requester"
#
# [[notify.rules]]
# on = ["sla_breach", "escalated"]
# sink = "sms"
# to = ["assignee", "leads"]
# priorities = ["urgent", "high"]
#
# [[notify.rules]]
# on = ["created", "sla_breach", "occurrence_threshold"]
# sink = "ops-chat"
# types = ["incident", "ci-failure"]

[routing]
# How `desk assign auto` picks an agent for an unclaimed ticket:
#   skills       the best skill match (levels: `--skills db:3` is 3/5, `db` is 5/5)
#   load         the least loaded, open tickets weighted by priority, relative to capacity
#   round-robin  the next agent by name after the last one it picked
#   quality      the best recent CSAT, first-response and resolution speed
#   balanced     a weighted sum of the three scores ([routing.weights])
# Only online agents below capacity with every skill the template requires are considered.
strategy = "balanced"
# When an agent goes offline, `desk assign rebalance` takes their unstarted tickets
# (pending, no reply yet): "return" puts them back in the queue, "reassign" routes them
# to an online agent at once.
on_offline = "return"
# A ticket that needs skills (its type's `skills`, or, when it requires none, those its
# `[keywords]` infer: then any one of them) only goes to agents who have them; full
# matches rank above partial ones. "never" keeps it so however long the ticket waits;
# "after 30m" lets partially skilled, then any agents take it once it waited that long.
skill_fallback = "never"

[routing.types]
# A strategy per ticket type, over the one above, e.g.:
# incident = "skills"

[routing.weights]
# What `balanced` weighs (normalised by their sum).
skills = 0.5
load = 0.3
quality = 0.2

[routing.priority_weights]
# How much one open ticket of each priority counts towards an agent's load.
urgent = 4
high = 2
normal = 1
low = 0.5

[routing.quality]
# Statistics of the last `window` count: CSAT, first-response and resolution times.
window = "30d"
# Before much history, scores lean on these priors, as if the agent had `prior_weight`
# tickets at CSAT `csat_prior` answered in `response_reference` and resolved in
# `resolution_reference` (those times score 0.5; faster scores higher).
csat_prior = 4.0
prior_weight = 5
response_reference = "1h"
resolution_reference = "24h"

# `desk serve`: the requesters' web page signs in with links sent through a sink; a
# requester needs a contact for it (`desk requester set carol --contact email=…`, the key
# being the sink's name or kind). Links in messages point at `url`.
#
# [web]
# url = "https://desk.example.com"
# sink = "mail"
#
# Webhooks: another system's JSON files a ticket (POST /api/v1/hooks/NAME), each value a
# template of {/json/pointer}s; a value whose placeholders all miss counts as absent.
#
# [webhooks.alertmanager]
# type = "incident"
# title = "{/commonLabels/alertname} on {/commonLabels/instance}"
# dedup_key = "am:{/groupKey}"
# fields.service = "{/commonLabels/service}"
#
# Slack's slash command /desk [TYPE] TITLE (POST /api/v1/hooks/slack), signed by the app.
#
# [slack]
# signing_secret = "env:SLACK_SIGNING_SECRET"
# user = "slack-bot"                  # the agent that files
# default_type = "customer-complaint"
"#;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    archive: RawArchive,
    #[serde(default)]
    requesters: RawRequesters,
    #[serde(default)]
    tiers: BTreeMap<String, toml::Spanned<RawTier>>,
    #[serde(default)]
    email: RawEmail,
    #[serde(default)]
    attachments: RawAttachments,
    #[serde(default)]
    routing: RawRouting,
    #[serde(default)]
    sla: RawSla,
    #[serde(default)]
    notify: RawNotify,
    #[serde(default)]
    departments: BTreeMap<String, toml::Spanned<RawDepartment>>,
    #[serde(default)]
    web: RawWeb,
    #[serde(default)]
    webhooks: BTreeMap<String, toml::Spanned<RawWebhook>>,
    slack: Option<toml::Spanned<RawSlack>>,
    #[serde(default)]
    store: RawStore,
    /// `[remote]` is read on its own (see [`parse_remote_section`]).
    #[serde(default)]
    #[serde(rename = "remote")]
    _remote: Option<toml::Value>,
}

/// `[web]`: the requesters' web page (`desk serve`, under `/web`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct WebConfig {
    /// The address people reach the server at, `https://desk.example.com`: sign-in and
    /// rating links in messages point there, and cookies are `Secure` when it is https.
    pub url: Option<String>,
    /// The notification sink sign-in links go through (default: the first e-mail sink).
    pub sink: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawWeb {
    url: Option<toml::Spanned<String>>,
    sink: Option<toml::Spanned<String>>,
}

/// `[slack]`: a Slack app's slash command (`/desk [TYPE] TITLE`) files tickets through
/// `POST /api/v1/hooks/slack`.
#[derive(Debug, Clone, PartialEq)]
pub struct SlackConfig {
    /// The app's signing secret (`env:NAME` or `file:PATH`): every request must be signed
    /// with it.
    pub signing_secret: Secret,
    /// The desk user (an agent) the tickets are filed by; the requester is the Slack
    /// user when a requester of that name is on record, else this user.
    pub user: String,
    /// The type when the command's first word names none.
    pub default_type: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWebhook {
    #[serde(rename = "type")]
    ticket_type: String,
    title: String,
    body: Option<String>,
    dedup_key: Option<String>,
    priority: Option<String>,
    #[serde(default)]
    fields: BTreeMap<String, String>,
    channel: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSlack {
    signing_secret: String,
    user: String,
    default_type: String,
}

/// `[remote]`: this desk is another host's `desk serve`, reached with an API token; every
/// command (but the host-only ones) runs there. `DESK_URL` / `DESK_TOKEN` take precedence.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RemoteConfig {
    /// `https://desk.example.com` (the server's address, without `/api/v1`).
    pub url: Option<String>,
    /// The API token: `env:NAME`, `file:PATH`, or inline (readable by whoever reads
    /// the file).
    pub token: Option<Secret>,
}

/// `[remote]` alone, as `desk` reads it before anything else to know where to run.
pub fn parse_remote_section(file: &str, source: &str) -> Result<RemoteConfig, FileError> {
    #[derive(Deserialize)]
    struct OnlyRemote {
        #[serde(default)]
        remote: RawRemote,
    }
    #[derive(Deserialize, Default)]
    #[serde(deny_unknown_fields)]
    struct RawRemote {
        url: Option<toml::Spanned<String>>,
        token: Option<toml::Spanned<String>>,
    }
    let raw: OnlyRemote = toml::from_str(source).map_err(|e| FileError::from_toml(file, source, &e))?;
    let mut remote = RemoteConfig::default();
    if let Some(url) = raw.remote.url {
        if !(url.get_ref().starts_with("http://") || url.get_ref().starts_with("https://")) {
            return Err(FileError::at(
                file,
                source,
                Some(url.span()),
                "remote.url: write the server's address, https://HOST[:PORT]",
            ));
        }
        remote.url = Some(url.into_inner());
    }
    if let Some(token) = raw.remote.token {
        let secret = Secret::parse(token.get_ref())
            .map_err(|e| FileError::at(file, source, Some(token.span()), format!("remote.token: {e}")))?;
        remote.token = Some(secret);
    }
    Ok(remote)
}

/// `[store]` alone, without the rest of the file: every command needs to know where the
/// store is, even one that a mistake elsewhere in config.toml must not stop (`ticket
/// list`, `doctor`). Errors only for a file that is not TOML at all, or a bad `[store]`.
pub fn parse_store_section(file: &str, source: &str) -> Result<StoreConfig, FileError> {
    #[derive(Deserialize)]
    struct OnlyStore {
        #[serde(default)]
        store: RawStore,
    }
    let raw: OnlyStore = toml::from_str(source).map_err(|e| FileError::from_toml(file, source, &e))?;
    parse_store(raw.store, &|span, reason| {
        FileError::at(file, source, Some(span), reason)
    })
}

/// config.toml's text without its `[store]` table: the settings a team store's hosts
/// share (`desk config publish`); where the store is, and how to sign in to it, is each
/// host's own. Comments and layout of the rest are kept.
pub fn shared_part(source: &str) -> Result<String, String> {
    let mut document: toml_edit::DocumentMut =
        source.parse().map_err(|e: toml_edit::TomlError| e.to_string())?;
    let last_table = document
        .iter()
        .filter_map(|(key, item)| Some((item.as_table()?.position()?, key.to_string())))
        .max()
        .map(|(_, key)| key);
    for host_only in ["store", "remote"] {
        if document.remove(host_only).is_some() && last_table.as_deref() == Some(host_only) {
            // Comments after the last table's keys are the document's trailer: its own.
            document.set_trailing("");
        }
    }
    Ok(document.to_string())
}

/// The published settings `shared` with the `[store]` table of this host's `local`
/// config.toml appended: what `desk config pull` writes.
pub fn with_local_store(shared: &str, local: &str) -> Result<String, String> {
    let local: toml_edit::DocumentMut = local.parse().map_err(|e: toml_edit::TomlError| e.to_string())?;
    let mut text = shared_part(shared)?;
    if let Some(store) = local.get("store") {
        let mut store = store.clone();
        if let Some(table) = store.as_table_mut() {
            // Comments above it were the shared part's, which `text` already has.
            table.decor_mut().clear();
        }
        let mut only_store = toml_edit::DocumentMut::new();
        only_store.insert("store", store);
        if !text.is_empty() && !text.ends_with("\n\n") {
            text.push_str(if text.ends_with('\n') { "\n" } else { "\n\n" });
        }
        text.push_str(only_store.to_string().trim_start());
    }
    Ok(text)
}

/// Whether two config.toml texts hold the same settings, `[store]` aside (comments and
/// layout do not count). A text that does not parse is the same as nothing.
pub fn same_shared_settings(a: &str, b: &str) -> bool {
    let settings = |text: &str| {
        toml::from_str::<toml::Table>(text).ok().map(|mut table| {
            table.remove("store");
            table
        })
    };
    settings(a) == settings(b)
}

/// config.toml's text with its `[store] url` line commented out, or None when it names no
/// team store: a home restored from a team store's backup keeps the data in its own
/// embedded store, and must not point back at the database.
pub fn without_store_url(source: &str) -> Option<String> {
    #[derive(Deserialize)]
    struct OnlyStore {
        #[serde(default)]
        store: RawStore,
    }
    let raw: OnlyStore = toml::from_str(source).ok()?;
    let url = raw.store.url?;
    let line_start = source[..url.span().start].rfind('\n').map_or(0, |at| at + 1);
    let mut detached = source.to_string();
    detached.insert_str(line_start, "# restored from a backup of this team store: ");
    Some(detached)
}

fn parse_store(
    raw: RawStore,
    at: &dyn Fn(std::ops::Range<usize>, String) -> FileError,
) -> Result<StoreConfig, FileError> {
    let mut store = StoreConfig::default();
    if let Some(url) = raw.url {
        if !is_store_url(url.get_ref()) {
            return Err(at(
                url.span(),
                "store.url: write a PostgreSQL URL, postgres://USER@HOST:PORT/DATABASE (leave [store] out for the embedded store)".into(),
            ));
        }
        store.url = Some(url.into_inner());
    }
    if let Some(identity) = raw.identity {
        store.identity = match identity.get_ref().as_str() {
            "role" => StoreIdentity::DatabaseRole,
            "os" => StoreIdentity::OsAccount,
            other => {
                return Err(at(
                    identity.span(),
                    format!("store.identity: `{other}` is neither \"role\" (the PostgreSQL role) nor \"os\" (the OS account)"),
                ))
            }
        };
    }
    if let Some(password) = raw.password {
        let secret = Secret::parse(password.get_ref())
            .map_err(|e| at(password.span(), format!("store.password: {e}")))?;
        store.password = Some(secret);
    }
    Ok(store)
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawStore {
    url: Option<toml::Spanned<String>>,
    password: Option<toml::Spanned<String>>,
    identity: Option<toml::Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDepartment {
    #[serde(default)]
    description: String,
    #[serde(default)]
    agents: Vec<String>,
    #[serde(default)]
    leads: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawArchive {
    after: Option<toml::Spanned<String>>,
    batch: Option<toml::Spanned<i64>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawRequesters {
    default_tier: Option<toml::Spanned<String>>,
    agent_tier: Option<toml::Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTier {
    #[serde(default)]
    description: String,
    #[serde(default)]
    rate_limits: Vec<toml::Spanned<String>>,
    types: Option<Vec<String>>,
    priority_floor: Option<Priority>,
    #[serde(default)]
    priority_boost: u8,
    sla: Option<String>,
    department: Option<toml::Spanned<String>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawEmail {
    template: Option<String>,
    max_attachment_bytes: Option<u64>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawAttachments {
    max_file_size: Option<toml::Spanned<RawSize>>,
    max_total_size: Option<toml::Spanned<RawSize>>,
}

/// A size as written: bytes, or a text with a unit (`"10 MiB"`).
#[derive(Deserialize)]
#[serde(untagged)]
enum RawSize {
    Bytes(u64),
    Text(String),
}

impl RawSize {
    fn bytes(&self) -> Result<u64, String> {
        match self {
            RawSize::Bytes(bytes) => Ok(*bytes),
            RawSize::Text(text) => text
                .trim()
                .parse::<bytesize::ByteSize>()
                .map(|size| size.as_u64())
                .map_err(|_| {
                    format!(
                        "`{text}` is not a size (write e.g. \"10 MiB\", \"500 KiB\" or a number of bytes)"
                    )
                }),
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawRouting {
    strategy: Option<toml::Spanned<String>>,
    on_offline: Option<toml::Spanned<String>>,
    skill_fallback: Option<toml::Spanned<String>>,
    #[serde(default)]
    types: BTreeMap<String, toml::Spanned<String>>,
    #[serde(default)]
    weights: RawWeights,
    #[serde(default)]
    priority_weights: RawPriorityWeights,
    #[serde(default)]
    quality: RawQuality,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawWeights {
    skills: Option<toml::Spanned<f64>>,
    load: Option<toml::Spanned<f64>>,
    quality: Option<toml::Spanned<f64>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawPriorityWeights {
    urgent: Option<toml::Spanned<f64>>,
    high: Option<toml::Spanned<f64>>,
    normal: Option<toml::Spanned<f64>>,
    low: Option<toml::Spanned<f64>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawQuality {
    window: Option<toml::Spanned<String>>,
    csat_prior: Option<toml::Spanned<f64>>,
    prior_weight: Option<toml::Spanned<f64>>,
    response_reference: Option<toml::Spanned<String>>,
    resolution_reference: Option<toml::Spanned<String>>,
}

impl Config {
    pub fn parse(file: &str, source: &str) -> Result<Config, FileError> {
        let raw: RawConfig = toml::from_str(source).map_err(|e| FileError::from_toml(file, source, &e))?;
        let at = |span, reason: String| FileError::at(file, source, Some(span), reason);
        let mut config = Config::default();
        if let Some(after) = raw.archive.after {
            config.archive.after = humantime::parse_duration(after.get_ref()).map_err(|e| {
                at(
                    after.span(),
                    format!("archive.after: {e} (write e.g. \"7d\" or \"36h\")"),
                )
            })?;
        }
        if let Some(batch) = raw.archive.batch {
            let value = *batch.get_ref();
            if !(1..=100_000).contains(&value) {
                return Err(at(batch.span(), "archive.batch must be 1 to 100000".into()));
            }
            config.archive.batch = value as usize;
        }
        config.store = parse_store(raw.store, &at)?;
        for (name, raw_department) in raw.departments {
            let span = raw_department.span();
            let raw_department = raw_department.into_inner();
            if crate::domain::labels::normalize_tag(&name).ok().as_deref() != Some(name.as_str()) {
                return Err(at(
                    span,
                    format!("departments.{name}: a department name is a lower-case word (letters, digits, - _ . : /)"),
                ));
            }
            config.departments.insert(
                name.clone(),
                Department {
                    name,
                    description: raw_department.description,
                    agents: raw_department.agents,
                    leads: raw_department.leads,
                },
            );
        }
        for (name, raw_tier) in raw.tiers {
            let span = raw_tier.span();
            let raw_tier = raw_tier.into_inner();
            let mut rate_limits = Vec::new();
            for limit in raw_tier.rate_limits {
                rate_limits.push(
                    RateLimit::parse(limit.get_ref())
                        .map_err(|e| at(limit.span(), format!("tiers.{name}: {e}")))?,
                );
            }
            if raw_tier.priority_boost > 3 {
                return Err(at(span, format!("tiers.{name}: priority_boost must be 0 to 3")));
            }
            // A misspelt department would route the tier's tickets to nobody's queue.
            let department = raw_tier
                .department
                .map(|department| {
                    config
                        .departments
                        .contains_key(department.get_ref())
                        .then(|| department.get_ref().clone())
                        .ok_or_else(|| {
                            at(
                                department.span(),
                                format!(
                                    "tiers.{name}: no department `{}` is defined under [departments]",
                                    department.get_ref()
                                ),
                            )
                        })
                })
                .transpose()?;
            config.tiers.insert(
                name.clone(),
                Tier {
                    name,
                    description: raw_tier.description,
                    rate_limits,
                    types: raw_tier.types.unwrap_or_else(|| vec!["*".to_string()]),
                    priority_floor: raw_tier.priority_floor,
                    priority_boost: raw_tier.priority_boost,
                    sla: raw_tier.sla,
                    department,
                },
            );
        }
        // A misspelt tier here would silently lift every limit from everyone it covers.
        for (key, tier) in [
            ("default_tier", raw.requesters.default_tier),
            ("agent_tier", raw.requesters.agent_tier),
        ] {
            let Some(tier) = tier else { continue };
            if !config.tiers.is_empty() && !config.tiers.contains_key(tier.get_ref()) {
                let defined: Vec<&str> = config.tiers.keys().map(String::as_str).collect();
                return Err(at(
                    tier.span(),
                    format!(
                        "requesters.{key}: no tier `{}` is defined (tiers: {})",
                        tier.get_ref(),
                        defined.join(", ")
                    ),
                ));
            }
            let name = tier.into_inner();
            match key {
                "default_tier" => config.requesters.default_tier = name,
                _ => config.requesters.agent_tier = name,
            }
        }
        config.sla = raw.sla.parse(file, source)?;
        config.notify = raw.notify.parse(file, source)?;
        if let Some(url) = raw.web.url {
            let text = url.get_ref().trim_end_matches('/');
            if !(text.starts_with("http://") || text.starts_with("https://")) {
                return Err(at(
                    url.span(),
                    "web.url: write the address people reach desk serve at, https://HOST[:PORT]".into(),
                ));
            }
            config.web.url = Some(text.to_string());
            config.notify.web_url = config.web.url.clone();
        }
        for (name, raw_hook) in raw.webhooks {
            let span = raw_hook.span();
            let raw_hook = raw_hook.into_inner();
            let template = |key: &str, text: &str| {
                crate::domain::webhook::Template::parse(text)
                    .map_err(|e| at(span.clone(), format!("webhooks.{name}.{key}: {e}")))
            };
            // The name is the channel its tickets record, unless `channel` says otherwise.
            let channel = raw_hook.channel.clone().unwrap_or_else(|| name.clone());
            if name == "slack" {
                return Err(at(
                    span,
                    "webhooks.slack: `slack` is Slack's own hook ([slack])".into(),
                ));
            }
            crate::domain::lifecycle::validate_channel(&name)
                .and_then(|()| crate::domain::lifecycle::validate_channel(&channel))
                .map_err(|e| at(span.clone(), format!("webhooks.{name}: {e}")))?;
            let mut fields = BTreeMap::new();
            for (field, text) in &raw_hook.fields {
                fields.insert(field.clone(), template(&format!("fields.{field}"), text)?);
            }
            let hook = crate::domain::webhook::Webhook {
                ticket_type: template("type", &raw_hook.ticket_type)?,
                title: template("title", &raw_hook.title)?,
                body: raw_hook
                    .body
                    .as_deref()
                    .map(|t| template("body", t))
                    .transpose()?,
                dedup_key: raw_hook
                    .dedup_key
                    .as_deref()
                    .map(|t| template("dedup_key", t))
                    .transpose()?,
                priority: raw_hook
                    .priority
                    .as_deref()
                    .map(|t| template("priority", t))
                    .transpose()?,
                fields,
                channel,
                name: name.clone(),
            };
            config.webhooks.insert(name, hook);
        }
        if let Some(raw_slack) = raw.slack {
            let span = raw_slack.span();
            let raw_slack = raw_slack.into_inner();
            let signing_secret = Secret::parse(&raw_slack.signing_secret)
                .map_err(|e| at(span.clone(), format!("slack.signing_secret: {e}")))?;
            crate::domain::people::validate_name("user", &raw_slack.user)
                .map_err(|e| at(span, format!("slack.user: {e}")))?;
            config.slack = Some(SlackConfig {
                signing_secret,
                user: raw_slack.user,
                default_type: raw_slack.default_type,
            });
        }
        if let Some(sink) = raw.web.sink {
            if config.notify.sink(sink.get_ref()).is_none() {
                return Err(at(
                    sink.span(),
                    format!("web.sink: no sink `{}` under [[notify.sinks]]", sink.get_ref()),
                ));
            }
            config.web.sink = Some(sink.into_inner());
        }
        if let Some(template) = raw.email.template {
            config.email.template = template;
        }
        if let Some(max) = raw.email.max_attachment_bytes {
            config.email.max_attachment_bytes = max;
        }
        for (key, value) in [
            ("max_file_size", raw.attachments.max_file_size),
            ("max_total_size", raw.attachments.max_total_size),
        ] {
            let Some(value) = value else { continue };
            let bytes = value
                .get_ref()
                .bytes()
                .map_err(|e| at(value.span(), format!("attachments.{key}: {e}")))?;
            if bytes == 0 {
                return Err(at(
                    value.span(),
                    format!("attachments.{key} must be more than 0 bytes"),
                ));
            }
            match key {
                "max_file_size" => config.attachments.max_file_size = bytes,
                _ => config.attachments.max_total_size = bytes,
            }
        }
        parse_routing(raw.routing, &mut config.routing, &at)?;
        Ok(config)
    }
}

/// `[routing]`: every value checked and located.
fn parse_routing(
    raw: RawRouting,
    routing: &mut RoutingConfig,
    at: &dyn Fn(std::ops::Range<usize>, String) -> FileError,
) -> Result<(), FileError> {
    let strategy = |value: toml::Spanned<String>, key: &str| {
        value
            .get_ref()
            .parse::<Strategy>()
            .map_err(|e| at(value.span(), format!("{key}: {e}")))
    };
    if let Some(value) = raw.strategy {
        routing.strategy = strategy(value, "routing.strategy")?;
    }
    for (ticket_type, value) in raw.types {
        let parsed = strategy(value, &format!("routing.types.{ticket_type}"))?;
        routing.types.insert(ticket_type, parsed);
    }
    if let Some(value) = raw.on_offline {
        routing.on_offline = match value.get_ref().as_str() {
            "return" => OnOffline::Return,
            "reassign" => OnOffline::Reassign,
            other => {
                return Err(at(
                    value.span(),
                    format!("routing.on_offline: `{other}` is not \"return\" or \"reassign\""),
                ))
            }
        };
    }
    if let Some(value) = raw.skill_fallback {
        routing.skill_fallback = crate::domain::routing::parse_skill_fallback(value.get_ref())
            .map_err(|e| at(value.span(), format!("routing.skill_fallback: {e}")))?;
    }
    let number = |value: Option<toml::Spanned<f64>>, key: &str, positive: bool, default: f64| {
        let Some(value) = value else { return Ok(default) };
        let n = *value.get_ref();
        let ok = n.is_finite() && if positive { n > 0.0 } else { n >= 0.0 };
        if ok {
            Ok(n)
        } else {
            let rule = if positive { "more than 0" } else { "0 or more" };
            Err(at(
                value.span(),
                format!("{key} must be a number {rule}, not {n}"),
            ))
        }
    };
    let weights = raw.weights;
    let mut weights_span = None;
    for value in [&weights.skills, &weights.load, &weights.quality]
        .into_iter()
        .flatten()
    {
        weights_span.get_or_insert(value.span());
    }
    routing.weights.skills = number(
        weights.skills,
        "routing.weights.skills",
        false,
        routing.weights.skills,
    )?;
    routing.weights.load = number(weights.load, "routing.weights.load", false, routing.weights.load)?;
    routing.weights.quality = number(
        weights.quality,
        "routing.weights.quality",
        false,
        routing.weights.quality,
    )?;
    let w = routing.weights;
    if w.skills + w.load + w.quality <= 0.0 {
        return Err(at(
            weights_span.unwrap_or(0..0),
            "routing.weights: at least one weight must be more than 0".into(),
        ));
    }
    let p = raw.priority_weights;
    let pw = &mut routing.priority_weights;
    pw.urgent = number(p.urgent, "routing.priority_weights.urgent", true, pw.urgent)?;
    pw.high = number(p.high, "routing.priority_weights.high", true, pw.high)?;
    pw.normal = number(p.normal, "routing.priority_weights.normal", true, pw.normal)?;
    pw.low = number(p.low, "routing.priority_weights.low", true, pw.low)?;
    let q = raw.quality;
    let quality = &mut routing.quality;
    let duration = |value: Option<toml::Spanned<String>>, key: &str, default: std::time::Duration| {
        let Some(value) = value else { return Ok(default) };
        match humantime::parse_duration(value.get_ref()) {
            Ok(d) if !d.is_zero() => Ok(d),
            Ok(_) => Err(at(value.span(), format!("{key} must be longer than zero"))),
            Err(e) => Err(at(
                value.span(),
                format!("{key}: {e} (write e.g. \"30d\" or \"4h\")"),
            )),
        }
    };
    quality.window = duration(q.window, "routing.quality.window", quality.window)?;
    quality.response_reference = duration(
        q.response_reference,
        "routing.quality.response_reference",
        quality.response_reference,
    )?;
    quality.resolution_reference = duration(
        q.resolution_reference,
        "routing.quality.resolution_reference",
        quality.resolution_reference,
    )?;
    quality.prior_weight = number(
        q.prior_weight,
        "routing.quality.prior_weight",
        false,
        quality.prior_weight,
    )?;
    if let Some(value) = q.csat_prior {
        let n = *value.get_ref();
        if !(1.0..=5.0).contains(&n) {
            return Err(at(
                value.span(),
                format!("routing.quality.csat_prior must be 1 to 5, not {n}"),
            ));
        }
        quality.csat_prior = n;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_restored_home_stops_pointing_at_the_team_store() {
        let source = "[archive]\nafter = \"90d\"\n\n[store]\nurl = \"postgres://ops@db/desk\"\n";
        let detached = without_store_url(source).unwrap();
        assert!(detached
            .contains("# restored from a backup of this team store: url = \"postgres://ops@db/desk\""));
        assert_eq!(parse_store_section("config.toml", &detached).unwrap().url, None);
        assert_eq!(without_store_url("[archive]\nafter = \"90d\"\n"), None);
    }

    #[test]
    fn the_written_default_parses_with_its_tiers() {
        let config = Config::parse("config.toml", DEFAULT_CONFIG_TOML).unwrap();
        assert_eq!(config.archive, Config::default().archive);
        assert_eq!(config.attachments, AttachmentLimits::default());
        assert_eq!(config.tiers.len(), 4);
        assert_eq!(config.tiers["vip"].priority_boost, 1);
        assert_eq!(config.tiers["standard"].rate_limits[0].count, 20);
        assert!(!config.tier("internal").allows_type("customer-complaint"));
        assert!(config.tier("undefined").allows_type("anything"));
    }

    #[test]
    fn attachment_limits_take_bytes_or_units_and_bad_ones_are_located() {
        let config = Config::parse(
            "c.toml",
            "[attachments]\nmax_file_size = 2048\nmax_total_size = \"1 MiB\"\n",
        )
        .unwrap();
        assert_eq!(config.attachments.max_file_size, 2048);
        assert_eq!(config.attachments.max_total_size, 1024 * 1024);
        let e = Config::parse("c.toml", "[attachments]\nmax_file_size = \"lots\"\n").unwrap_err();
        assert_eq!(e.line, 2, "{e}");
        assert!(
            e.to_string()
                .contains("attachments.max_file_size: `lots` is not a size"),
            "{e}"
        );
        let e = Config::parse("c.toml", "[attachments]\nmax_total_size = 0\n").unwrap_err();
        assert!(e.to_string().contains("must be more than 0 bytes"), "{e}");
    }

    #[test]
    fn the_default_tiers_must_be_defined() {
        let source = "[requesters]\ndefault_tier = \"standrd\"\n[tiers.standard]\n";
        let e = Config::parse("c.toml", source).unwrap_err();
        assert_eq!((e.line, e.column), (2, 16), "{e}");
        assert!(
            e.to_string()
                .contains("no tier `standrd` is defined (tiers: standard)"),
            "{e}"
        );
        // With no tiers at all (an older config), names are not checked: nothing is limited.
        assert!(Config::parse("c.toml", "[requesters]\ndefault_tier = \"x\"\n").is_ok());
    }

    #[test]
    fn the_written_default_routing_is_the_default() {
        let config = Config::parse("config.toml", DEFAULT_CONFIG_TOML).unwrap();
        assert_eq!(config.routing, RoutingConfig::default());
    }

    #[test]
    fn routing_settings_parse_and_bad_ones_are_located() {
        let source = r#"
[routing]
strategy = "load"
on_offline = "reassign"
[routing.types]
incident = "skills"
[routing.weights]
skills = 1
load = 0
quality = 0
[routing.priority_weights]
urgent = 10
[routing.quality]
window = "7d"
prior_weight = 0
"#;
        let routing = Config::parse("c.toml", source).unwrap().routing;
        assert_eq!(routing.strategy, Strategy::Load);
        assert_eq!(routing.strategy_for("incident"), Strategy::Skills);
        assert_eq!(routing.on_offline, OnOffline::Reassign);
        assert_eq!((routing.weights.skills, routing.weights.load), (1.0, 0.0));
        assert_eq!(routing.priority_weights.urgent, 10.0);
        assert_eq!(
            routing.priority_weights.high, 2.0,
            "unset keys keep their default"
        );
        assert_eq!(routing.quality.window.as_secs(), 7 * 86_400);
        assert_eq!(routing.quality.prior_weight, 0.0);

        let located = |source: &str| {
            let e = Config::parse("c.toml", source).unwrap_err();
            (e.line, e.column, e.reason)
        };
        let (line, column, reason) = located("[routing]\nstrategy = \"fastest\"\n");
        assert_eq!((line, column), (2, 12));
        assert!(reason.contains("round-robin"), "{reason}");
        let (line, _, reason) = located("[routing.types]\nincident = \"skill\"\n");
        assert_eq!(line, 2);
        assert!(reason.starts_with("routing.types.incident"), "{reason}");
        let (line, _, reason) = located("[routing.priority_weights]\nlow = 0\n");
        assert_eq!(line, 2);
        assert!(reason.contains("more than 0"), "{reason}");
        let (line, _, _) = located("[routing.weights]\nskills = 0\nload = 0\nquality = 0\n");
        assert_eq!(line, 2);
        let (line, _, reason) = located("[routing.quality]\nwindow = \"a month\"\n");
        assert_eq!(line, 2, "{reason}");
        let (line, _, reason) = located("[routing]\non_offline = \"keep\"\n");
        assert_eq!(line, 2, "{reason}");
        let (line, _, reason) = located("[routing.weights]\nspeed = 1\n");
        assert_eq!(line, 2, "{reason}");
        assert!(reason.contains("speed"), "{reason}");
    }

    #[test]
    fn bad_values_are_located() {
        let e = Config::parse("c.toml", "[archive]\nafter = \"soon\"\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 9), "{e}");
        let e = Config::parse("c.toml", "[tiers.vip]\nrate_limits = [\"5/1h\", \"lots\"]\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 24), "{e}");
    }

    #[test]
    fn the_shared_part_is_all_but_store_and_pulling_it_back_is_stable() {
        let local = format!(
            "{DEFAULT_CONFIG_TOML}\n# The team store\n[store]\nurl = \"postgres://x@h/db\"\n# password = \"env:X\"\n"
        );
        let shared = shared_part(&local).unwrap();
        assert!(
            !shared.contains("[store]") && !shared.contains("env:X"),
            "{shared}"
        );
        assert!(shared.contains("[tiers.vip]"));
        // A host whose file names only the store gets the settings, its [store] kept.
        let pulled = with_local_store(&shared, "[store]\nurl = \"postgres://y@h/db\"\n").unwrap();
        assert!(
            pulled.ends_with("[store]\nurl = \"postgres://y@h/db\"\n"),
            "{pulled}"
        );
        assert!(same_shared_settings(&shared, &pulled));
        assert!(same_shared_settings(&local, &pulled), "[store] does not count");
        // Pulling again changes nothing.
        assert_eq!(with_local_store(&shared, &pulled).unwrap(), pulled);
        assert!(!same_shared_settings(&shared, "[tiers.gold]\n"));
        // Without a [store] the settings are the whole file.
        assert_eq!(
            shared_part("[archive]\nafter = \"7d\"\n").unwrap(),
            "[archive]\nafter = \"7d\"\n"
        );
    }
}
