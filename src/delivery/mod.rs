//! Delivering notification messages through sinks: a command ([`exec`]), an HTTP webhook
//! ([`webhook`]) or SMTP ([`email`]). This is network and process I/O, so it lives apart
//! from the domain (which decides *what* to send) and runs with the store closed: `desk
//! notify flush` claims messages, closes the store, delivers, and reopens it to record the
//! results, so other desk commands never wait on a slow webhook.

pub mod email;
pub mod exec;
pub mod webhook;

use std::time::Duration;

use crate::domain::notify::{Message, Secret, Sink, SinkKind};
use crate::domain::notify_config::check_url;
use crate::env_vars;

/// Why a delivery failed, in one line for `desk notify list`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure(pub String);

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl Failure {
    pub fn new(text: impl Into<String>) -> Self {
        // One line, and short enough to list: error chains and response bodies can be long.
        let text: String = text.into().split_whitespace().collect::<Vec<_>>().join(" ");
        let mut short: String = text.chars().take(300).collect();
        if short.len() < text.len() {
            short.push('…');
        }
        Failure(short)
    }

    /// A failure whose text may echo a secret (a library's error, a server's answer): each
    /// of `secrets` is cut out first, before the text is shortened, so not even a prefix of
    /// one is left. The failure is stored, listed and backed up, so it must hold none.
    pub fn scrubbed(text: impl Into<String>, secrets: &[impl AsRef<str>]) -> Self {
        Failure::new(scrub(&text.into(), secrets))
    }
}

/// `text` with every occurrence of each secret replaced by `…`, longest first (so a
/// secret containing another goes whole).
pub fn scrub(text: &str, secrets: &[impl AsRef<str>]) -> String {
    let mut secrets: Vec<&str> = secrets
        .iter()
        .map(AsRef::as_ref)
        .filter(|s| !s.is_empty())
        .collect();
    secrets.sort_by_key(|s| std::cmp::Reverse(s.len()));
    let mut text = text.to_string();
    for secret in secrets {
        text = text.replace(secret, "…");
    }
    text
}

/// Send `message` through `sink`, waiting at most the sink's timeout (else `default_timeout`).
pub fn deliver(sink: &Sink, message: &Message, default_timeout: Duration) -> Result<(), Failure> {
    let timeout = sink.timeout.unwrap_or(default_timeout);
    match &sink.kind {
        SinkKind::Exec { command } => exec::run(command, &message.payload, timeout),
        SinkKind::Webhook { url, format } => {
            let url = match (&message.address, url) {
                (Some(own), _) => own.clone(),
                (None, Some(channel)) => {
                    let key = secret_key(sink, "url");
                    let url = reveal(channel, &key)?;
                    // Inline URLs were checked when the config was read; references only now.
                    check_url(&url)
                        .map_err(|e| Failure::new(format!("{key} ({}): {e}", channel.describe())))?;
                    url
                }
                (None, None) => {
                    return Err(Failure::new(format!(
                        "sink `{}` has no url and {} has no webhook contact",
                        sink.name,
                        message.recipient.as_deref().unwrap_or("the message")
                    )))
                }
            };
            webhook::post(&url, *format, message, timeout)
        }
        SinkKind::Email(settings) => email::send(&sink.name, settings, message, timeout),
    }
}

/// How messages name a sink's secret: `notify.sinks.ops-chat.url`.
pub fn secret_key(sink: &Sink, key: &str) -> String {
    format!("notify.sinks.{}.{key}", sink.name)
}

/// The value of a secret, read now (so a rotated credential is picked up by the next
/// flush): inline, from its environment variable, or from its file (one trailing newline
/// dropped, as `echo` and editors leave one). A failure names `key` and the variable or
/// file, never a value.
pub fn reveal(secret: &Secret, key: &str) -> Result<String, Failure> {
    match secret {
        Secret::Inline(value) => Ok(value.clone()),
        Secret::Env(name) => match env_vars::get(name) {
            Some(value) if !value.is_empty() => Ok(value),
            Some(_) => Err(Failure::new(format!(
                "environment variable {name} (the secret for {key}) is empty"
            ))),
            None => Err(Failure::new(format!(
                "environment variable {name} (the secret for {key}) is not set"
            ))),
        },
        Secret::File(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| {
                // The io error's own text names no content, only why.
                let why = match e.kind() {
                    std::io::ErrorKind::NotFound => "it does not exist".to_string(),
                    std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
                    std::io::ErrorKind::InvalidData => "it is not UTF-8 text".to_string(),
                    _ => e.to_string(),
                };
                Failure::new(format!(
                    "cannot read {} (the secret for {key}): {why}",
                    path.display()
                ))
            })?;
            let value = text
                .strip_suffix('\n')
                .map(|t| t.strip_suffix('\r').unwrap_or(t))
                .unwrap_or(&text);
            if value.is_empty() {
                return Err(Failure::new(format!(
                    "{} (the secret for {key}) is empty",
                    path.display()
                )));
            }
            Ok(value.to_string())
        }
        Secret::LeftOut => Err(Failure::new(format!(
            "{key} was left out of the backup this home was restored from: set it again in config.toml (env:NAME or file:PATH)"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_reference_names_the_key_and_the_source_never_a_value() {
        let e = reveal(
            &Secret::Env("DESK_TEST_SURELY_UNSET_42".into()),
            "notify.sinks.ops.url",
        )
        .unwrap_err();
        assert_eq!(
            e.0,
            "environment variable DESK_TEST_SURELY_UNSET_42 (the secret for notify.sinks.ops.url) is not set"
        );
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("nope");
        let e = reveal(&Secret::File(missing.clone()), "notify.sinks.mail.password").unwrap_err();
        assert_eq!(
            e.0,
            format!(
                "cannot read {} (the secret for notify.sinks.mail.password): it does not exist",
                missing.display()
            )
        );
        let file = dir.path().join("password");
        std::fs::write(&file, "s3cret\n").unwrap();
        assert_eq!(reveal(&Secret::File(file.clone()), "k").unwrap(), "s3cret");
        std::fs::write(&file, "\n").unwrap();
        let e = reveal(&Secret::File(file), "k").unwrap_err();
        assert!(e.0.ends_with("(the secret for k) is empty"), "{e}");
        let e = reveal(&Secret::LeftOut, "notify.sinks.ops.url").unwrap_err();
        assert!(
            e.0.starts_with("notify.sinks.ops.url was left out of the backup"),
            "{e}"
        );
    }

    #[test]
    fn scrubbing_cuts_every_secret_longest_first() {
        assert_eq!(scrub("user bob pw bobby!", &["bob", "bobby!", ""]), "user … pw …");
        assert_eq!(scrub("nothing here", &[] as &[&str]), "nothing here");
    }
}
