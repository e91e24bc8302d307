//! The `[notify]` part of `config.toml`: sinks, routing rules and the retry policy, checked
//! with the line and column of any mistake (a typo must not silently drop notifications).

use std::ops::Range;
use std::time::Duration;

use serde::Deserialize;
use toml::Spanned;

use super::notify::{
    is_trigger_name, EmailSink, NotifyConfig, Recipient, Rule, Secret, Sink, SinkKind, SmtpTls, Template,
    WebhookFormat, TRIGGERS,
};
use super::template::FileError;
use super::ticket::Priority;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct RawNotify {
    max_attempts: Option<Spanned<i64>>,
    backoff: Option<Spanned<String>>,
    backoff_max: Option<Spanned<String>>,
    timeout: Option<Spanned<String>>,
    batch: Option<Spanned<i64>>,
    keep_delivered: Option<Spanned<String>>,
    keep_delivered_max: Option<Spanned<i64>>,
    occurrence_thresholds: Option<Spanned<Vec<i64>>>,
    #[serde(default)]
    sinks: Vec<Spanned<RawSink>>,
    #[serde(default)]
    rules: Vec<Spanned<RawRule>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSink {
    name: Spanned<String>,
    kind: Spanned<String>,
    timeout: Option<Spanned<String>>,
    // exec
    command: Option<Spanned<Vec<String>>>,
    // webhook
    url: Option<Spanned<String>>,
    url_env: Option<Spanned<String>>,
    format: Option<Spanned<String>>,
    // email
    host: Option<Spanned<String>>,
    port: Option<Spanned<i64>>,
    tls: Option<Spanned<String>>,
    from: Option<Spanned<String>>,
    username: Option<Spanned<String>>,
    username_env: Option<Spanned<String>>,
    password: Option<Spanned<String>>,
    password_env: Option<Spanned<String>>,
    to: Option<Spanned<Vec<String>>>,
}

/// A string or a list of strings (`to = "assignee"` or `to = ["assignee", "leads"]`).
#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::One(one) => vec![one],
            OneOrMany::Many(many) => many,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    on: OneOrMany,
    sink: Spanned<String>,
    to: Option<OneOrMany>,
    #[serde(default)]
    types: Vec<String>,
    #[serde(default)]
    priorities: Vec<Spanned<String>>,
    subject: Option<Spanned<String>>,
    text: Option<Spanned<String>>,
}

impl RawNotify {
    pub(super) fn parse(self, file: &str, source: &str) -> Result<NotifyConfig, FileError> {
        let at = |span: Range<usize>, reason: String| FileError::at(file, source, Some(span), reason);
        let duration = |value: &Spanned<String>, key: &str| {
            humantime::parse_duration(value.get_ref()).map_err(|e| {
                at(
                    value.span(),
                    format!("notify.{key}: {e} (write e.g. \"30s\", \"5m\" or \"1h\")"),
                )
            })
        };
        let number = |value: &Spanned<i64>, key: &str, range: Range<i64>| {
            let n = *value.get_ref();
            if range.contains(&n) {
                Ok(n)
            } else {
                Err(at(
                    value.span(),
                    format!("notify.{key} must be {} to {}", range.start, range.end - 1),
                ))
            }
        };
        let mut config = NotifyConfig::default();
        if let Some(value) = &self.max_attempts {
            config.retry.max_attempts = number(value, "max_attempts", 1..101)? as u32;
        }
        if let Some(value) = &self.backoff {
            config.retry.backoff = duration(value, "backoff")?;
        }
        if let Some(value) = &self.backoff_max {
            config.retry.backoff_max = duration(value, "backoff_max")?;
        }
        if config.retry.backoff_max < config.retry.backoff {
            let span = self
                .backoff_max
                .as_ref()
                .or(self.backoff.as_ref())
                .map(|v| v.span());
            return Err(FileError::at(
                file,
                source,
                span,
                "notify.backoff_max must be at least notify.backoff",
            ));
        }
        if let Some(value) = &self.timeout {
            config.timeout = positive(duration(value, "timeout")?, value, &at, "notify.timeout")?;
        }
        if let Some(value) = &self.batch {
            config.batch = number(value, "batch", 1..100_001)? as usize;
        }
        if let Some(value) = &self.keep_delivered {
            config.keep_delivered = duration(value, "keep_delivered")?;
        }
        if let Some(value) = &self.keep_delivered_max {
            config.keep_delivered_max = number(value, "keep_delivered_max", 0..1_000_001)? as usize;
        }
        if let Some(value) = &self.occurrence_thresholds {
            let mut thresholds = Vec::new();
            for &n in value.get_ref() {
                if !(2..=u32::MAX as i64).contains(&n) {
                    return Err(at(
                        value.span(),
                        format!("notify.occurrence_thresholds: {n} is not a count of 2 or more"),
                    ));
                }
                thresholds.push(n as u32);
            }
            config.occurrence_thresholds = thresholds;
        }

        for raw in self.sinks {
            let span = raw.span();
            let sink = parse_sink(raw.into_inner(), span.clone(), &at, &duration)?;
            if config.sink(&sink.name).is_some() {
                return Err(at(
                    span,
                    format!("notify.sinks: two sinks are named `{}`", sink.name),
                ));
            }
            config.sinks.push(sink);
        }

        for raw in self.rules {
            let span = raw.span();
            let rule = parse_rule(raw.into_inner(), span, &config, &at)?;
            config.rules.push(rule);
        }
        Ok(config)
    }
}

type At<'a> = dyn Fn(Range<usize>, String) -> FileError + 'a;
type ParseDuration<'a> = dyn Fn(&Spanned<String>, &str) -> Result<Duration, FileError> + 'a;

fn positive(value: Duration, raw: &Spanned<String>, at: &At<'_>, key: &str) -> Result<Duration, FileError> {
    if value.is_zero() {
        Err(at(raw.span(), format!("{key} must be more than 0")))
    } else {
        Ok(value)
    }
}

fn parse_sink(
    raw: RawSink,
    span: Range<usize>,
    at: &At<'_>,
    duration: &ParseDuration<'_>,
) -> Result<Sink, FileError> {
    let name = raw.name.get_ref().clone();
    let valid_name = !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    if !valid_name {
        return Err(at(
            raw.name.span(),
            format!("notify.sinks: invalid sink name `{name}` (lowercase letters, digits, `-`, `_`)"),
        ));
    }
    let kind = raw.kind.get_ref().as_str();
    // Keys of other kinds are mistakes: say so rather than ignore them.
    let misplaced: Vec<(&str, Option<Range<usize>>, &str)> = vec![
        ("command", raw.command.as_ref().map(|v| v.span()), "exec"),
        ("url", raw.url.as_ref().map(|v| v.span()), "webhook"),
        ("url_env", raw.url_env.as_ref().map(|v| v.span()), "webhook"),
        ("format", raw.format.as_ref().map(|v| v.span()), "webhook"),
        ("host", raw.host.as_ref().map(|v| v.span()), "email"),
        ("port", raw.port.as_ref().map(|v| v.span()), "email"),
        ("tls", raw.tls.as_ref().map(|v| v.span()), "email"),
        ("from", raw.from.as_ref().map(|v| v.span()), "email"),
        ("username", raw.username.as_ref().map(|v| v.span()), "email"),
        (
            "username_env",
            raw.username_env.as_ref().map(|v| v.span()),
            "email",
        ),
        ("password", raw.password.as_ref().map(|v| v.span()), "email"),
        (
            "password_env",
            raw.password_env.as_ref().map(|v| v.span()),
            "email",
        ),
        ("to", raw.to.as_ref().map(|v| v.span()), "email"),
    ];
    if !["exec", "webhook", "email"].contains(&kind) {
        return Err(at(
            raw.kind.span(),
            format!("notify.sinks.{name}: unknown kind `{kind}` (expected exec, webhook or email)"),
        ));
    }
    for (key, key_span, belongs) in misplaced {
        if let Some(key_span) = key_span.filter(|_| belongs != kind) {
            return Err(at(
                key_span,
                format!("notify.sinks.{name}: `{key}` applies to {belongs} sinks, and this one is {kind}"),
            ));
        }
    }
    let timeout = match &raw.timeout {
        Some(value) => Some(positive(duration(value, "sinks.timeout")?, value, at, "timeout")?),
        None => None,
    };
    let missing = |key: &str| {
        at(
            span.clone(),
            format!("notify.sinks.{name}: a {kind} sink needs `{key}`"),
        )
    };
    let kind = match kind {
        "exec" => {
            let command = raw.command.ok_or_else(|| missing("command"))?;
            if command.get_ref().is_empty() || command.get_ref()[0].trim().is_empty() {
                return Err(at(
                    command.span(),
                    format!("notify.sinks.{name}: `command` needs the program, e.g. [\"/usr/local/bin/send-sms\"]"),
                ));
            }
            SinkKind::Exec {
                command: command.into_inner(),
            }
        }
        "webhook" => {
            let format = match &raw.format {
                Some(format) => WebhookFormat::parse(format.get_ref()).ok_or_else(|| {
                    at(
                        format.span(),
                        format!(
                            "notify.sinks.{name}: unknown format `{}` (expected json, slack, feishu, dingtalk or wecom)",
                            format.get_ref()
                        ),
                    )
                })?,
                None => WebhookFormat::Json,
            };
            let url_span = raw.url.as_ref().map(Spanned::span);
            let url = secret(&name, "url", raw.url, raw.url_env, at)?;
            if let (Some(Secret::Inline(url)), Some(span)) = (&url, url_span) {
                check_url(url).map_err(|e| at(span, format!("notify.sinks.{name}.url: {e}")))?;
            }
            SinkKind::Webhook { url, format }
        }
        _ => {
            let host = raw.host.ok_or_else(|| missing("host"))?.into_inner();
            let from = raw.from.ok_or_else(|| missing("from"))?.into_inner();
            let tls = match &raw.tls {
                Some(tls) => SmtpTls::parse(tls.get_ref()).ok_or_else(|| {
                    at(
                        tls.span(),
                        format!(
                            "notify.sinks.{name}: unknown tls `{}` (expected starttls, tls or none)",
                            tls.get_ref()
                        ),
                    )
                })?,
                None => SmtpTls::StartTls,
            };
            let port = match &raw.port {
                Some(port) => u16::try_from(*port.get_ref())
                    .ok()
                    .filter(|&p| p > 0)
                    .ok_or_else(|| {
                        at(
                            port.span(),
                            format!("notify.sinks.{name}: port must be 1 to 65535"),
                        )
                    })?,
                None => tls.default_port(),
            };
            let username = secret(&name, "username", raw.username, raw.username_env, at)?;
            let password = secret(&name, "password", raw.password, raw.password_env, at)?;
            SinkKind::Email(EmailSink {
                host,
                port,
                tls,
                from,
                username,
                password,
                to: raw.to.map(Spanned::into_inner).unwrap_or_default(),
            })
        }
    };
    Ok(Sink { name, kind, timeout })
}

/// `KEY` or `KEY_env`, not both: inline, `env:NAME`, `file:PATH` (see [`Secret::parse`]).
fn secret(
    sink: &str,
    key: &str,
    value: Option<Spanned<String>>,
    env: Option<Spanned<String>>,
    at: &At<'_>,
) -> Result<Option<Secret>, FileError> {
    match (value, env) {
        (Some(_), Some(env)) => Err(at(
            env.span(),
            format!("notify.sinks.{sink}: give `{key}` or `{key}_env`, not both"),
        )),
        (Some(value), None) => Secret::parse(value.get_ref())
            .map(Some)
            .map_err(|e| at(value.span(), format!("notify.sinks.{sink}.{key}: {e}"))),
        (None, Some(env)) => Ok(Some(Secret::Env(env.into_inner()))),
        (None, None) => Ok(None),
    }
}

/// Whether a webhook URL is one desk can POST to. The message never quotes the URL: its
/// path holds the bot's token.
pub fn check_url(text: &str) -> Result<(), String> {
    match url::Url::parse(text) {
        Ok(url) if matches!(url.scheme(), "http" | "https") => Ok(()),
        Ok(url) => Err(format!(
            "webhook URL scheme `{}` is not http or https",
            url.scheme()
        )),
        Err(e) => Err(format!("not a URL ({e})")),
    }
}

fn parse_rule(
    raw: RawRule,
    span: Range<usize>,
    config: &NotifyConfig,
    at: &At<'_>,
) -> Result<Rule, FileError> {
    let on = raw.on.into_vec();
    if on.is_empty() {
        return Err(at(span, "notify.rules: `on` names no event".into()));
    }
    for name in &on {
        if !is_trigger_name(name) {
            let known: Vec<&str> = TRIGGERS.iter().map(|(t, _)| *t).collect();
            return Err(at(
                span,
                format!(
                    "notify.rules: unknown event `{name}` in `on` (expected {}, or an event kind such as created or commented)",
                    known.join(", ")
                ),
            ));
        }
    }
    let sink_name = raw.sink.get_ref();
    let Some(sink) = config.sink(sink_name) else {
        let names: Vec<&str> = config.sinks.iter().map(|s| s.name.as_str()).collect();
        return Err(at(
            raw.sink.span(),
            format!(
                "notify.rules: no sink named `{sink_name}` (sinks: {})",
                if names.is_empty() {
                    "none defined".to_string()
                } else {
                    names.join(", ")
                }
            ),
        ));
    };
    let mut to = Vec::new();
    for name in raw.to.map(OneOrMany::into_vec).unwrap_or_default() {
        let recipient = Recipient::parse(&name).ok_or_else(|| {
            at(
                span.clone(),
                format!("notify.rules: unknown recipient `{name}` in `to` (expected assignee, requester or leads)"),
            )
        })?;
        if !to.contains(&recipient) {
            to.push(recipient);
        }
    }
    if to.is_empty() {
        // A rule without recipients goes to the sink's own channel, which must exist.
        let channel_missing = match &sink.kind {
            SinkKind::Webhook { url, .. } => url.is_none().then_some("a `url` (or `url_env`)"),
            SinkKind::Email(email) => email.to.is_empty().then_some("a `to` list"),
            SinkKind::Exec { .. } => None,
        };
        if let Some(what) = channel_missing {
            return Err(at(
                span,
                format!(
                    "notify.rules: this rule has no `to`, so it goes to sink `{}`'s own channel, which needs {what}; or add to = \"assignee\", \"requester\" or \"leads\"",
                    sink.name
                ),
            ));
        }
    }
    let mut priorities = Vec::new();
    for priority in &raw.priorities {
        priorities.push(
            priority
                .get_ref()
                .parse::<Priority>()
                .map_err(|e| at(priority.span(), format!("notify.rules: {e}")))?,
        );
    }
    let template = |value: Option<Spanned<String>>, key: &str| -> Result<Option<Template>, FileError> {
        value
            .map(|text| {
                Template::parse(text.get_ref())
                    .map_err(|e| at(text.span(), format!("notify.rules.{key}: {e}")))
            })
            .transpose()
    };
    Ok(Rule {
        on,
        sink: sink.name.clone(),
        to,
        types: raw.types,
        priorities,
        subject: template(raw.subject, "subject")?,
        text: template(raw.text, "text")?,
    })
}

/// Just the secret-bearing keys of `config.toml`, everything else ignored: what a backup
/// must leave out, found even in a config that would not load for other reasons.
#[derive(Deserialize, Default)]
struct SecretKeys {
    #[serde(default)]
    notify: NotifySecretKeys,
    slack: Option<SlackSecretKeys>,
    remote: Option<RemoteSecretKeys>,
}

/// `[slack] signing_secret`.
#[derive(Deserialize)]
struct SlackSecretKeys {
    signing_secret: Option<Spanned<toml::Value>>,
}

/// `[remote] token`.
#[derive(Deserialize)]
struct RemoteSecretKeys {
    token: Option<Spanned<toml::Value>>,
}

#[derive(Deserialize, Default)]
struct NotifySecretKeys {
    #[serde(default)]
    sinks: Vec<SinkSecretKeys>,
}

#[derive(Deserialize)]
struct SinkSecretKeys {
    name: Option<toml::Value>,
    url: Option<Spanned<toml::Value>>,
    username: Option<Spanned<toml::Value>>,
    password: Option<Spanned<toml::Value>>,
}

/// `config.toml` as a backup carries it: every inline secret replaced by
/// [`Secret::LEFT_OUT`] (which parses, so a restored config loads), a comment on top naming
/// them, every other byte as it was; `env:` and `file:` references stay. Returns the new
/// text and the keys left out, or, for a file that is not TOML, the line where it breaks
/// (no excerpt: the line may hold a secret).
pub fn redact_inline_secrets(source: &str) -> Result<(String, Vec<String>), String> {
    let keys: SecretKeys = toml::from_str(source).map_err(|e| match e.span() {
        Some(span) => format!(
            "it is not valid TOML (line {})",
            super::template::line_column(source, span.start).0
        ),
        None => "it is not valid TOML".to_string(),
    })?;
    let mut found: Vec<(Range<usize>, String)> = Vec::new();
    // A reference, or what a backup already left out, is no secret.
    let inline = |value: &Spanned<toml::Value>| match value.get_ref() {
        toml::Value::String(text) => matches!(Secret::parse(text), Ok(Secret::Inline(_))),
        _ => true,
    };
    let others = [
        (
            "slack.signing_secret",
            keys.slack.as_ref().and_then(|s| s.signing_secret.as_ref()),
        ),
        (
            "remote.token",
            keys.remote.as_ref().and_then(|r| r.token.as_ref()),
        ),
    ];
    for (key, value) in others {
        if let Some(value) = value.filter(|v| inline(v)) {
            found.push((value.span(), key.to_string()));
        }
    }
    for (index, sink) in keys.notify.sinks.iter().enumerate() {
        let name = match &sink.name {
            Some(toml::Value::String(name)) => name.clone(),
            _ => format!("[{index}]"),
        };
        for (key, value) in [
            ("url", &sink.url),
            ("username", &sink.username),
            ("password", &sink.password),
        ] {
            let Some(value) = value else { continue };
            // A reference, or what a backup already left out, is no secret.
            let kept = match value.get_ref() {
                toml::Value::String(text) => !matches!(Secret::parse(text), Ok(Secret::Inline(_))),
                _ => false,
            };
            if !kept {
                found.push((value.span(), format!("notify.sinks.{name}.{key}")));
            }
        }
    }
    if found.is_empty() {
        return Ok((source.to_string(), Vec::new()));
    }
    found.sort_by_key(|(span, _)| span.start);
    let placeholder = toml::Value::String(Secret::LEFT_OUT.to_string()).to_string();
    let left_out: Vec<String> = found.iter().map(|(_, key)| key.clone()).collect();
    let mut text = format!(
        "# desk backup left out the inline secrets of this file ({}):\n\
         # each now reads {placeholder}. Set them again after a\n\
         # restore, best as env:NAME or file:PATH references, which backups keep as they are.\n",
        left_out.join(", ")
    );
    let mut copied = 0;
    for (span, _) in &found {
        text.push_str(&source[copied..span.start]);
        text.push_str(&placeholder);
        copied = span.end;
    }
    text.push_str(&source[copied..]);
    Ok((text, left_out))
}

#[cfg(test)]
mod tests {
    use super::super::config::Config;
    use super::*;

    const GOOD: &str = r#"
[notify]
max_attempts = 3
backoff = "30s"
backoff_max = "10m"
occurrence_thresholds = [3, 10]

[[notify.sinks]]
name = "sms"
kind = "exec"
command = ["/usr/local/bin/send-sms", "--quiet"]

[[notify.sinks]]
name = "ops-chat"
kind = "webhook"
format = "feishu"
url_env = "DESK_FEISHU_URL"

[[notify.sinks]]
name = "mail"
kind = "email"
host = "smtp.example.com"
from = "Help desk <help@example.com>"
password_env = "DESK_SMTP_PASSWORD"
username = "help"

[[notify.rules]]
on = ["assigned", "requester_replied"]
sink = "mail"
to = "assignee"
priorities = ["urgent", "high"]
subject = "[{ticket.key}] for you"

[[notify.rules]]
on = "sla_breach"
sink = "ops-chat"
"#;

    #[test]
    fn a_full_notify_section_parses() {
        let config = Config::parse("c.toml", GOOD).unwrap().notify;
        assert_eq!(config.retry.max_attempts, 3);
        assert_eq!(config.retry.backoff, Duration::from_secs(30));
        assert_eq!(config.occurrence_thresholds, [3, 10]);
        assert_eq!(config.sinks.len(), 3);
        let SinkKind::Email(mail) = &config.sink("mail").unwrap().kind else {
            panic!("mail is an email sink")
        };
        assert_eq!((mail.port, mail.tls), (587, SmtpTls::StartTls));
        assert_eq!(config.rules[0].to, [Recipient::Assignee]);
        assert_eq!(config.rules[0].priorities, [Priority::Urgent, Priority::High]);
        assert_eq!(config.rules[1].on, ["sla_breach"]);
        assert!(config.rules[1].to.is_empty());
        assert!(config.is_enabled());
        assert!(!Config::default().notify.is_enabled());
    }

    #[test]
    fn the_written_default_has_the_defaults_and_its_examples_parse() {
        use super::super::config::DEFAULT_CONFIG_TOML;
        let config = Config::parse("config.toml", DEFAULT_CONFIG_TOML).unwrap();
        assert_eq!(config.notify, NotifyConfig::default());
        // Uncomment the [notify] examples: they must be a working configuration.
        let example_line = regex::Regex::new(r"^# (\[\[notify\.|[a-z_]+ = )").unwrap();
        let mut in_notify = false;
        let uncommented: String = DEFAULT_CONFIG_TOML
            .lines()
            .map(|line| {
                if line.starts_with('[') {
                    in_notify = line.starts_with("[notify]");
                }
                match in_notify && example_line.is_match(line) {
                    true => &line[2..],
                    false => line,
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        let config = Config::parse("config.toml", &uncommented).unwrap().notify;
        assert_eq!(config.sinks.len(), 3);
        assert_eq!(config.rules.len(), 4);
        assert_eq!(config.rules[2].to, [Recipient::Assignee, Recipient::Leads]);
    }

    fn error(source: &str) -> String {
        Config::parse("c.toml", source).unwrap_err().to_string()
    }

    #[test]
    fn mistakes_are_refused_with_their_place() {
        let sink = "[[notify.sinks]]\nname = \"log\"\nkind = \"exec\"\ncommand = [\"cat\"]\n";
        let e = error(&format!(
            "{sink}[[notify.rules]]\non = [\"asigned\"]\nsink = \"log\"\n"
        ));
        assert!(e.contains("unknown event `asigned`"), "{e}");
        let e = error(&format!(
            "{sink}[[notify.rules]]\non = \"assigned\"\nsink = \"lgo\"\n"
        ));
        assert!(
            e.contains("c.toml:7:8") && e.contains("no sink named `lgo` (sinks: log)"),
            "{e}"
        );
        let e = error(&format!(
            "{sink}[[notify.rules]]\non = \"closed\"\nsink = \"log\"\nto = \"boss\"\n"
        ));
        assert!(e.contains("unknown recipient `boss`"), "{e}");
        let e = error(&format!(
            "{sink}[[notify.rules]]\non = \"closed\"\nsink = \"log\"\ntext = \"{{ticket.nme}}\"\n"
        ));
        assert!(e.contains("unknown placeholder `{ticket.nme}`"), "{e}");
        let e = error(
            "[[notify.sinks]]\nname = \"x\"\nkind = \"exec\"\ncommand = [\"cat\"]\nurl = \"http://a\"\n",
        );
        assert!(
            e.contains("c.toml:5:7") && e.contains("`url` applies to webhook sinks"),
            "{e}"
        );
        let e = error("[[notify.sinks]]\nname = \"x\"\nkind = \"sms\"\n");
        assert!(e.contains("unknown kind `sms`"), "{e}");
        let e = error("[[notify.sinks]]\nname = \"x\"\nkind = \"webhook\"\nformat = \"teams\"\n");
        assert!(e.contains("unknown format `teams`"), "{e}");
        let e = error("[[notify.sinks]]\nname = \"chat\"\nkind = \"webhook\"\n[[notify.rules]]\non = \"closed\"\nsink = \"chat\"\n");
        assert!(e.contains("needs a `url`"), "{e}");
        let e = error("[notify]\nbackoff = \"soon\"\n");
        assert!(e.contains("c.toml:2:11"), "{e}");
        let e = error("[notify]\nretries = 3\n");
        assert!(e.contains("unknown field `retries`"), "{e}");
        let e = error(&format!("{sink}{sink}"));
        assert!(e.contains("two sinks are named `log`"), "{e}");
    }

    const SECRETS: &str = r#"
[[notify.sinks]]
name = "ops"
kind = "webhook"
url = "https://open.feishu.cn/open-apis/bot/v2/hook/tok-123456"   # the token is inline

[[notify.sinks]]
name = "chat"
kind = "webhook"
url = "file:secrets/chat-url"

[[notify.sinks]]
name = "mail"
kind = "email"
host = "smtp.example.com"
from = "desk@example.com"
username = 'help'
password = "env:DESK_SMTP_PASSWORD"

[[notify.sinks]]
name = "relay"
kind = "email"
host = "relay.example.com"
from = "desk@example.com"
username_env = "RELAY_USER"
password = """p4ss-w0rd"""
"#;

    #[test]
    fn secrets_are_inline_or_env_or_file_references() {
        assert_eq!(Secret::parse("env:DESK_X"), Ok(Secret::Env("DESK_X".into())));
        assert_eq!(
            Secret::parse("file:/run/secrets/x"),
            Ok(Secret::File("/run/secrets/x".into()))
        );
        assert_eq!(Secret::parse("hunter2"), Ok(Secret::Inline("hunter2".into())));
        assert_eq!(Secret::parse(Secret::LEFT_OUT), Ok(Secret::LeftOut));
        assert!(Secret::parse("env:").is_err() && Secret::parse("env:A B").is_err());
        assert!(Secret::parse("file:").is_err());
        // `{:?}` of a config must not print a value.
        assert_eq!(
            format!("{:?}", Secret::Inline("hunter2".into())),
            "Inline(<redacted>)"
        );

        let mut config = Config::parse("c.toml", SECRETS).unwrap().notify;
        config.anchor_secret_files(std::path::Path::new("/srv/desk"));
        let found: Vec<(String, String)> = config
            .secrets()
            .into_iter()
            .map(|(key, secret)| (key, secret.describe()))
            .collect();
        let expect = |key: &str, how: &str| (key.to_string(), how.to_string());
        assert_eq!(
            found,
            [
                expect("notify.sinks.ops.url", "inline"),
                expect("notify.sinks.chat.url", "file:/srv/desk/secrets/chat-url"),
                expect("notify.sinks.mail.username", "inline"),
                expect("notify.sinks.mail.password", "env:DESK_SMTP_PASSWORD"),
                expect("notify.sinks.relay.username", "env:RELAY_USER"),
                expect("notify.sinks.relay.password", "inline"),
            ]
        );
        let both = "[[notify.sinks]]\nname = \"m\"\nkind = \"email\"\nhost = \"h\"\nfrom = \"f@x\"\npassword = \"env:A\"\npassword_env = \"B\"\n";
        assert!(
            error(both).contains("give `password` or `password_env`, not both"),
            "{}",
            error(both)
        );
        let e = error("[[notify.sinks]]\nname = \"w\"\nkind = \"webhook\"\nurl = \"env:\"\n");
        assert!(
            e.contains("c.toml:4:7") && e.contains("notify.sinks.w.url: `env:` needs a variable name"),
            "{e}"
        );
        // A bad inline URL is refused without quoting it (its path is the token).
        let e = error("[[notify.sinks]]\nname = \"w\"\nkind = \"webhook\"\nurl = \"ftp://host/tok-999\"\n");
        assert!(
            e.contains("scheme `ftp` is not http or https") && !e.contains("tok-999"),
            "{e}"
        );
        let e = error("[[notify.sinks]]\nname = \"w\"\nkind = \"webhook\"\nurl = \"tok-999\"\n");
        assert!(
            e.contains("notify.sinks.w.url: not a URL") && !e.contains("tok-999"),
            "{e}"
        );
    }

    #[test]
    fn a_backup_copy_leaves_inline_secrets_out_and_still_parses() {
        let (redacted, left_out) = redact_inline_secrets(SECRETS).unwrap();
        assert_eq!(
            left_out,
            [
                "notify.sinks.ops.url",
                "notify.sinks.mail.username",
                "notify.sinks.relay.password"
            ]
        );
        for value in ["tok-123456", "'help'", "p4ss-w0rd"] {
            assert!(!redacted.contains(value), "{value} in\n{redacted}");
        }
        // References and everything else stay byte for byte, comments included.
        assert!(redacted.contains("url = \"file:secrets/chat-url\""));
        assert!(redacted.contains("password = \"env:DESK_SMTP_PASSWORD\""));
        assert!(redacted.contains("   # the token is inline"));
        assert!(redacted.starts_with("# desk backup left out the inline secrets of this file (notify.sinks.ops.url, notify.sinks.mail.username, notify.sinks.relay.password)"));
        let config = Config::parse("c.toml", &redacted).unwrap().notify;
        let left: Vec<String> = config
            .secrets()
            .into_iter()
            .filter(|(_, s)| **s == Secret::LeftOut)
            .map(|(key, _)| key)
            .collect();
        assert_eq!(left, left_out);
        // Backing up a restored config again changes nothing more.
        let (again, more) = redact_inline_secrets(&redacted).unwrap();
        assert_eq!((again.as_str(), more.len()), (redacted.as_str(), 0));
        // Nothing inline: the file as it is.
        let plain = "[notify]\nmax_attempts = 3\n";
        assert_eq!(
            redact_inline_secrets(plain).unwrap(),
            (plain.to_string(), Vec::new())
        );
        // Not TOML: say where, quoting nothing.
        let e = redact_inline_secrets("[notify\nurl = \"https://x/tok-777\"\n").unwrap_err();
        assert!(e.contains("line 1") && !e.contains("tok-777"), "{e}");
    }

    #[test]
    fn slacks_signing_secret_and_the_remote_token_are_left_out_too() {
        let source = "[slack]\nsigning_secret = \"abc123\"\nuser = \"bot\"\ndefault_type = \"incident\"\n\n[remote]\nurl = \"https://d.example\"\ntoken = \"desk_9f\"\n";
        let (redacted, left_out) = redact_inline_secrets(source).unwrap();
        assert_eq!(left_out, ["slack.signing_secret", "remote.token"]);
        assert!(
            !redacted.contains("abc123") && !redacted.contains("desk_9f"),
            "{redacted}"
        );
        let referenced = "[slack]\nsigning_secret = \"env:SLACK\"\n";
        assert!(redact_inline_secrets(referenced).unwrap().1.is_empty());
    }
}
