//! Inbound webhooks (`POST /api/v1/hooks/NAME` on `desk serve`): how another system's JSON
//! (an alert from Alertmanager or Grafana, a form service, a monitoring check) becomes a
//! ticket submission, by templates whose `{/json/pointer}` placeholders name values in it;
//! and Slack's slash command, whose requests are signed with the app's signing secret.

use std::collections::BTreeMap;

use hmac::{Hmac, Mac};
use serde_json::{Map, Value};
use sha2::Sha256;

/// `[webhooks.NAME]`: what a hook's JSON files.
#[derive(Debug, Clone, PartialEq)]
pub struct Webhook {
    pub name: String,
    /// The ticket type, a template too (`{/labels/kind}`), checked when it is filed.
    pub ticket_type: Template,
    pub title: Template,
    pub body: Option<Template>,
    pub dedup_key: Option<Template>,
    pub priority: Option<Template>,
    pub fields: BTreeMap<String, Template>,
    /// The channel its tickets record: the hook's name by default.
    pub channel: String,
}

/// Text with `{/pointer}` placeholders (RFC 6901 JSON pointers); `{{` and `}}` are braces.
#[derive(Debug, Clone, PartialEq)]
pub struct Template(super::placeholders::Placeholders);

impl Template {
    pub fn parse(text: &str) -> Result<Template, String> {
        super::placeholders::Placeholders::parse(text, |pointer| {
            match pointer.starts_with('/') || pointer.is_empty() {
                true => Ok(()),
                false => Err(format!(
                    "`{{{pointer}}}`: a placeholder is a JSON pointer, like {{/alerts/0/labels/alertname}}"
                )),
            }
        })
        .map(Template)
    }

    /// The text with each placeholder replaced by the value it points at in `document`:
    /// a string as it is, another value as JSON, nothing for what is not there. None
    /// when none of its placeholders points at anything: a mapping for another kind of
    /// document must not file "on" as a title, nor pile every alert onto dedup key "am:".
    pub fn render(&self, document: &Value) -> Option<String> {
        self.0.render_found(|pointer| match document.pointer(pointer) {
            Some(Value::String(text)) => Some(text.clone()),
            Some(Value::Null) | None => None,
            Some(value) => Some(value.to_string()),
        })
    }
}

impl Webhook {
    /// The submission (as `ticket new --from-json` reads one) that `document` makes.
    pub fn submission(&self, document: &Value) -> Value {
        let mut out = Map::new();
        if let Some(ticket_type) = self.ticket_type.render(document) {
            out.insert("type".into(), ticket_type.trim().into());
        }
        if let Some(title) = self
            .title
            .render(document)
            .map(|t| one_line(&t))
            .filter(|t| !t.is_empty())
        {
            out.insert("title".into(), title.into());
        }
        if let Some(body) = self.body.as_ref().and_then(|body| body.render(document)) {
            out.insert("body".into(), body.into());
        }
        for (key, template) in [("dedup_key", &self.dedup_key), ("priority", &self.priority)] {
            if let Some(value) = template.as_ref().and_then(|t| t.render(document)) {
                if !value.trim().is_empty() {
                    out.insert(key.into(), value.trim().into());
                }
            }
        }
        let fields: Map<String, Value> = self
            .fields
            .iter()
            .filter_map(|(name, template)| Some((name.clone(), template.render(document)?)))
            .filter(|(_, value)| !value.is_empty())
            .map(|(name, value)| (name, Value::String(value)))
            .collect();
        out.insert("fields".into(), Value::Object(fields));
        out.insert("channel".into(), self.channel.clone().into());
        Value::Object(out)
    }
}

/// Titles are one line: an alert's summary may not be.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// How long a Slack request's timestamp stays acceptable (Slack's own advice: 5 minutes),
/// so a captured request cannot be replayed later.
pub const SLACK_MAX_AGE_SECONDS: i64 = 5 * 60;

/// Whether `signature` (`X-Slack-Signature`, `v0=<hex>`) is Slack's HMAC-SHA256 of
/// `v0:<timestamp>:<body>` under `secret`, for a request sent at `timestamp` (Unix
/// seconds) no more than 5 minutes from `now`.
pub fn slack_signature_valid(secret: &str, timestamp: &str, body: &[u8], signature: &str, now: i64) -> bool {
    let Ok(sent) = timestamp.parse::<i64>() else {
        return false;
    };
    if (now - sent).abs() > SLACK_MAX_AGE_SECONDS {
        return false;
    }
    let Some(hex) = signature.strip_prefix("v0=") else {
        return false;
    };
    let Some(expected) = decode_hex(hex) else {
        return false;
    };
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes any key");
    mac.update(b"v0:");
    mac.update(timestamp.as_bytes());
    mac.update(b":");
    mac.update(body);
    mac.verify_slice(&expected).is_ok()
}

fn decode_hex(hex: &str) -> Option<Vec<u8>> {
    if !hex.len().is_multiple_of(2) {
        return None;
    }
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok())
        .collect()
}

/// A slash command's text, `/desk [TYPE] TITLE…`: its type when the first word names one
/// of `types`, else `default_type`, and the rest as the title.
pub fn slash_command<'t>(text: &'t str, types: &[&str], default_type: &'t str) -> (&'t str, String) {
    let text = text.trim();
    let (first, rest) = text.split_once(char::is_whitespace).unwrap_or((text, ""));
    match types.contains(&first) {
        true => (first, one_line(rest)),
        false => (default_type, one_line(text)),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn templates_fill_json_pointers_and_leave_out_what_is_missing() {
        let alert = json!({"labels": {"alertname": "DiskFull", "severity": "critical", "n": 3}, "summary": "disk\n at 97%"});
        let t =
            Template::parse("{/labels/alertname} ({/labels/severity}, {/labels/n}) {/nope}{{x}}").unwrap();
        assert_eq!(t.render(&alert).as_deref(), Some("DiskFull (critical, 3) {x}"));
        // Nothing it points at is there: absent, not a title of leftovers.
        assert_eq!(Template::parse("{/a} on {/b}").unwrap().render(&alert), None);
        assert_eq!(
            Template::parse("plain").unwrap().render(&alert).as_deref(),
            Some("plain")
        );
        assert!(Template::parse("{labels}").is_err());
        assert!(Template::parse("a } b").is_err());
        assert!(Template::parse("{/unclosed").is_err());
        let hook = Webhook {
            name: "am".into(),
            ticket_type: Template::parse("incident").unwrap(),
            title: Template::parse("{/summary}").unwrap(),
            body: None,
            dedup_key: Some(Template::parse("am:{/labels/alertname}").unwrap()),
            priority: Some(Template::parse("{/labels/priority}").unwrap()),
            fields: BTreeMap::from([
                ("severity".into(), Template::parse("{/labels/severity}").unwrap()),
                ("service".into(), Template::parse("{/labels/service}").unwrap()),
            ]),
            channel: "am".into(),
        };
        assert_eq!(
            hook.submission(&alert),
            json!({"type": "incident", "title": "disk at 97%", "dedup_key": "am:DiskFull",
                   "fields": {"severity": "critical"}, "channel": "am"})
        );
        // Another kind of document: no title (the intake refuses it), no dedup key.
        assert_eq!(
            hook.submission(&json!({"other": 1})),
            json!({"type": "incident", "fields": {}, "channel": "am"})
        );
    }

    #[test]
    fn slack_signatures_are_checked_and_stale_requests_refused() {
        // Slack's documented example (api.slack.com/authentication/verifying-requests-from-slack).
        let secret = "8f742231b10e8888abcd99yyyzzz85a5";
        let body = b"token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
        let signature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
        let at = 1531420618;
        assert!(slack_signature_valid(
            secret,
            "1531420618",
            body,
            signature,
            at + 60
        ));
        assert!(
            !slack_signature_valid(secret, "1531420618", body, signature, at + 301),
            "stale"
        );
        assert!(!slack_signature_valid("other", "1531420618", body, signature, at));
        assert!(!slack_signature_valid(secret, "1531420619", body, signature, at));
        assert!(!slack_signature_valid(secret, "1531420618", body, "v0=zz", at));
    }

    #[test]
    fn a_slash_commands_first_word_is_its_type_when_it_names_one() {
        let types = ["incident", "access-request"];
        assert_eq!(
            slash_command(" access-request  VPN for dana ", &types, "incident"),
            ("access-request", "VPN for dana".to_string())
        );
        assert_eq!(
            slash_command("the VPN is down", &types, "incident"),
            ("incident", "the VPN is down".to_string())
        );
    }
}
