//! Inbound webhooks as intake channels: `POST /api/v1/hooks/NAME` files a ticket from any
//! JSON another system sends, mapped by `[webhooks.NAME]` (with an API token of scope
//! `ticket:new`), and `POST /api/v1/hooks/slack` takes Slack's slash command, checked by
//! its signature instead of a token. Each files through `ticket new --from-json -`, as the
//! API's own endpoint does, with the hook recorded as the ticket's channel.

use std::path::Path;
use std::time::Duration;

use serde_json::{json, Value};

use super::run::{self, Actor};
use crate::cli::error::CommandError;
use crate::cli::ui::{OutputMode, Terminal, Ui};

/// `[webhooks.NAME]`'s submission for `body`, to file as `ticket new --from-json -`.
pub fn submission(home: &Path, name: &str, body: &[u8]) -> Result<Vec<u8>, CommandError> {
    let document: Value = serde_json::from_slice(body)
        .map_err(|e| CommandError::invalid(format!("the body is not JSON: {e}")))?;
    let config = config(home)?;
    let hook = config.webhooks.get(name).ok_or_else(|| {
        CommandError::not_found(format!("no webhook `{name}`"))
            .with_hint("an admin defines it under [webhooks.NAME] in config.toml")
    })?;
    Ok(hook.submission(&document).to_string().into_bytes())
}

fn config(home: &Path) -> Result<crate::domain::config::Config, CommandError> {
    let (ui, _) = Ui::captured(OutputMode::Json, Terminal::default());
    run::context(home, &run::json_globals(), ui)?.config()
}

/// What a Slack request needs: its headers and body.
pub struct SlackRequest<'a> {
    pub timestamp: Option<&'a str>,
    pub signature: Option<&'a str>,
    pub body: &'a [u8],
}

/// Answer a slash command: Slack shows the `text` to the user who typed it. A request
/// without a valid signature is refused (401) and files nothing.
pub fn slack(home: &Path, lock_timeout: Duration, request: &SlackRequest<'_>) -> Result<Value, CommandError> {
    let (ui, _) = Ui::captured(OutputMode::Json, Terminal::default());
    let ctx = run::context(home, &run::json_globals(), ui)?;
    let config = ctx.config()?;
    let slack = config.slack.clone().ok_or_else(|| {
        CommandError::not_found("this desk takes no Slack commands")
            .with_hint("an admin sets [slack] in config.toml")
    })?;
    let secret = crate::delivery::reveal(&slack.signing_secret, "slack.signing_secret")
        .map_err(|e| CommandError::new(crate::cli::error::ExitKind::Failure, e.to_string()))?;
    let signed = crate::domain::webhook::slack_signature_valid(
        &secret,
        request.timestamp.unwrap_or_default(),
        request.body,
        request.signature.unwrap_or_default(),
        ctx.now.timestamp(),
    );
    if !signed {
        return Err(CommandError::denied(
            "permission denied: the request is not signed by Slack (or is stale)",
        )
        .with_hint("check [slack] signing_secret: the app's Basic Information page shows it")
        .with_status(401));
    }
    let form: std::collections::BTreeMap<String, String> =
        form_urlencoded::parse(request.body).into_owned().collect();
    let catalog = ctx.catalog()?;
    let types: Vec<&str> = catalog.templates.iter().map(|t| t.name.as_str()).collect();
    let (ticket_type, title) = crate::domain::webhook::slash_command(
        form.get("text").map_or("", String::as_str),
        &types,
        &slack.default_type,
    );
    if title.is_empty() {
        return Ok(reply(&format!(
            "Say what is wrong: {} [TYPE] TITLE (types: {})",
            form.get("command").map_or("/desk", String::as_str),
            types.join(", ")
        )));
    }
    let user_name = form.get("user_name").cloned().unwrap_or_default();
    let requester = match ctx.read_ahead(|txn| txn.requester(&user_name))? {
        Some(requester) => requester.name,
        None => slack.user.clone(),
    };
    drop(ctx);
    let body = format!(
        "Filed from Slack by @{user_name} in #{}",
        form.get("channel_name").map_or("", String::as_str)
    );
    let submission = json!({
        "type": ticket_type, "title": title, "body": body, "requester": requester, "channel": "slack",
    });
    let ran = run::run(
        home,
        lock_timeout,
        run::Request {
            argv: ["ticket", "new", "--from-json", "-", "--json"]
                .map(String::from)
                .to_vec(),
            stdin: Some(submission.to_string().into_bytes()),
            files: Default::default(),
            terminal: Terminal::default(),
            actor: Actor::Trusted { user: &slack.user },
        },
    );
    let outcome = match ran {
        Ok(ran) => ran.result.map(|()| ran.stdout),
        Err(run::Refused::Denied(error, _)) => Err(error),
        Err(run::Refused::Usage(message)) => Err(run::usage_error(&message)),
    };
    Ok(match outcome {
        Ok(stdout) => {
            let filed: Value = serde_json::from_slice(&stdout).unwrap_or_default();
            let key = filed["key"].as_str().unwrap_or_default();
            match filed["deduplicated"].as_bool() {
                Some(true) => reply(&format!("{key} is already open: {title}")),
                _ => reply(&format!("Filed {key}: {title}")),
            }
        }
        Err(error) => reply(&format!("Could not file it: {}", error.message)),
    })
}

/// A reply only the user who typed the command sees.
fn reply(text: &str) -> Value {
    json!({"response_type": "ephemeral", "text": text})
}
