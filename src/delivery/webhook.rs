//! `kind = "webhook"`: an HTTP POST of JSON. `format` shapes the body for a chat bot:
//!
//! - `json`: the whole message document (the one exec sinks read).
//! - `slack`: an incoming webhook, `{"text": …}`; Slack answers `ok` or an HTTP error
//!   (<https://api.slack.com/messaging/webhooks>).
//! - `feishu`: a Feishu/Lark custom bot, `{"msg_type": "text", "content": {"text": …}}`;
//!   it answers HTTP 200 with `{"code": 0}` on success and a non-zero `code` otherwise
//!   (older deployments say `StatusCode`) — e.g. 19024 when the bot's keyword filter
//!   rejects the text (<https://open.feishu.cn/document/client-docs/bot-v3/add-custom-bot>).
//! - `dingtalk`: a DingTalk custom robot, `{"msgtype": "text", "text": {"content": …}}`;
//!   success is `{"errcode": 0}` (<https://open.dingtalk.com/document/robots/custom-robot-access>).
//! - `wecom`: a WeCom (企业微信) group robot, the same shape as DingTalk's, success
//!   `{"errcode": 0}` (<https://developer.work.weixin.qq.com/document/path/91770>).
//!
//! Chat bots report most failures in the body with HTTP 200, so for those formats the body
//! decides, not just the status.

use std::time::Duration;

use serde_json::{json, Value};

use super::Failure;
use crate::domain::notify::{Message, WebhookFormat};

/// The JSON body `format` calls for.
pub fn body(format: WebhookFormat, message: &Message) -> Value {
    let text = if message.text.trim().is_empty() {
        message.subject.clone()
    } else {
        format!("{}\n{}", message.subject, message.text.trim_end())
    };
    match format {
        WebhookFormat::Json => message.payload.clone(),
        WebhookFormat::Slack => json!({ "text": text }),
        WebhookFormat::Feishu => json!({ "msg_type": "text", "content": { "text": text } }),
        WebhookFormat::Dingtalk | WebhookFormat::Wecom => {
            json!({ "msgtype": "text", "text": { "content": text } })
        }
    }
}

pub fn post(url: &str, format: WebhookFormat, message: &Message, timeout: Duration) -> Result<(), Failure> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .http_status_as_error(false)
        .user_agent(concat!("desk/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let payload = serde_json::to_vec(&body(format, message)).expect("JSON values serialize");
    let mut response = agent
        .post(url)
        .header("Content-Type", "application/json; charset=utf-8")
        .send(&payload[..])
        // ureq's errors may quote the URL (`bad uri: …`), a proxy's answer, a redirect.
        .map_err(|e| Failure::scrubbed(format!("POST {}: {e}", redact(url)), &url_secrets(url)))?;
    let status = response.status().as_u16();
    // A bot's verdict is a few bytes; do not read an unbounded answer.
    let answer = response
        .body_mut()
        .with_config()
        .limit(64 * 1024)
        .read_to_string()
        .unwrap_or_default();
    // A bot may echo the token it refuses ("invalid token …"): cut it out of answers too.
    let secrets = url_secrets(url);
    if !(200..300).contains(&status) {
        return Err(Failure::scrubbed(
            format!("HTTP {status} from {}: {}", redact(url), answer.trim()),
            &secrets,
        ));
    }
    match format {
        WebhookFormat::Json | WebhookFormat::Slack => Ok(()),
        WebhookFormat::Feishu | WebhookFormat::Dingtalk | WebhookFormat::Wecom => {
            bot_verdict(&answer).map_err(|e| Failure::scrubbed(e.0, &secrets))
        }
    }
}

/// Feishu, DingTalk and WeCom put their own status in the body: `code`, `StatusCode` or
/// `errcode`, where 0 is success.
fn bot_verdict(answer: &str) -> Result<(), Failure> {
    let Ok(value) = serde_json::from_str::<Value>(answer) else {
        return Ok(()); // not JSON: the HTTP status said success
    };
    for key in ["code", "StatusCode", "errcode"] {
        if let Some(code) = value.get(key).and_then(Value::as_i64) {
            if code != 0 {
                let why = ["msg", "StatusMessage", "errmsg"]
                    .iter()
                    .find_map(|k| value.get(*k).and_then(Value::as_str))
                    .unwrap_or("no reason given");
                return Err(Failure::new(format!(
                    "the bot refused the message: {key} {code}: {why}"
                )));
            }
        }
    }
    Ok(())
}

/// A webhook URL carries its credential (a token in the path or query): errors show only
/// the scheme and host.
pub fn redact(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(parsed) => format!("{}://{}/…", parsed.scheme(), parsed.host_str().unwrap_or("")),
        Err(_) => "the webhook URL".to_string(),
    }
}

/// The parts of a webhook URL that may be its credential, for [`Failure::scrubbed`]: the
/// whole URL (as written and as parsed), everything after the host, the query, user info,
/// and each path segment or query value long enough to be a token.
fn url_secrets(url: &str) -> Vec<String> {
    let mut secrets = vec![url.to_string()];
    let Ok(parsed) = url::Url::parse(url) else {
        return secrets;
    };
    secrets.push(parsed.as_str().to_string());
    if let Some(rest) = parsed.as_str().split_once("://").map(|(_, rest)| rest) {
        if let Some(slash) = rest.find('/') {
            secrets.push(rest[slash..].to_string());
        }
        secrets.push(rest.to_string());
    }
    let long = |part: &str| part.len() >= 6;
    secrets.extend(
        parsed
            .path_segments()
            .into_iter()
            .flatten()
            .filter(|s| long(s))
            .map(str::to_string),
    );
    if let Some(query) = parsed.query() {
        secrets.push(query.to_string());
        secrets.extend(
            query
                .split('&')
                .filter_map(|pair| pair.split_once('=').map(|(_, v)| v))
                .filter(|v| long(v))
                .map(str::to_string),
        );
    }
    if !parsed.username().is_empty() {
        secrets.push(parsed.username().to_string());
    }
    if let Some(password) = parsed.password() {
        secrets.push(password.to_string());
    }
    secrets.retain(|s| s.len() > 1);
    secrets
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bots_report_refusals_in_the_body() {
        assert!(bot_verdict(r#"{"code":0,"msg":"success"}"#).is_ok());
        assert!(bot_verdict(r#"{"StatusCode":0,"StatusMessage":"success"}"#).is_ok());
        assert!(bot_verdict(r#"{"errcode":0,"errmsg":"ok"}"#).is_ok());
        assert!(bot_verdict("ok").is_ok());
        let e = bot_verdict(r#"{"code":19024,"msg":"Key Words Not Found"}"#).unwrap_err();
        assert_eq!(
            e.0,
            "the bot refused the message: code 19024: Key Words Not Found"
        );
        let e = bot_verdict(r#"{"errcode":310000,"errmsg":"keywords not in content"}"#).unwrap_err();
        assert!(e.0.contains("errcode 310000"), "{e}");
    }

    #[test]
    fn failures_never_quote_the_token() {
        let url = "https://oapi.dingtalk.com/robot/send?access_token=0123456789abcdef&x=1";
        let secrets = url_secrets(url);
        let echoed = format!("bad uri: {url} (and again: access_token=0123456789abcdef, /robot/send?access_token=0123456789abcdef&x=1)");
        let failure = Failure::scrubbed(echoed, &secrets);
        assert!(!failure.0.contains("0123456789abcdef"), "{failure}");
        assert!(!failure.0.contains("robot/send"), "{failure}");
        let url = "http://127.0.0.1:9/hook/v2/s3cr3t-t0ken";
        let failure = Failure::scrubbed(format!("refused s3cr3t-t0ken at {url}"), &url_secrets(url));
        assert!(!failure.0.contains("s3cr3t"), "{failure}");
        // A long text is shortened only after the cut, so no prefix of the token survives.
        let long = format!("{}{url}", "x".repeat(290));
        let failure = Failure::scrubbed(long, &url_secrets(url));
        assert!(!failure.0.contains("s3c"), "{failure}");
    }

    #[test]
    fn urls_lose_their_tokens_in_errors() {
        assert_eq!(
            redact("https://open.feishu.cn/open-apis/bot/v2/hook/secret-token"),
            "https://open.feishu.cn/…"
        );
        assert_eq!(
            redact("https://oapi.dingtalk.com/robot/send?access_token=secret"),
            "https://oapi.dingtalk.com/…"
        );
    }
}
