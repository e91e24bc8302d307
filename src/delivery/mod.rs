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
}

/// Send `message` through `sink`, waiting at most the sink's timeout (else `default_timeout`).
pub fn deliver(sink: &Sink, message: &Message, default_timeout: Duration) -> Result<(), Failure> {
    let timeout = sink.timeout.unwrap_or(default_timeout);
    match &sink.kind {
        SinkKind::Exec { command } => exec::run(command, &message.payload, timeout),
        SinkKind::Webhook { url, format } => {
            let url = match (&message.address, url) {
                (Some(own), _) => own.clone(),
                (None, Some(channel)) => reveal(channel, "url_env")?,
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
        SinkKind::Email(settings) => email::send(settings, message, timeout),
    }
}

/// The value of a secret: inline, or read from its environment variable now (so a rotated
/// credential is picked up by the next flush).
pub fn reveal(secret: &Secret, key: &str) -> Result<String, Failure> {
    match secret {
        Secret::Inline(value) => Ok(value.clone()),
        Secret::Env(name) => env_vars::get(name).ok_or_else(|| {
            Failure::new(format!(
                "environment variable {name} (the sink's {key}) is not set"
            ))
        }),
    }
}
