//! `--contact KEY=VALUE` on `desk agent set` and `desk requester set`: where notifications
//! reach a person. The key is a sink's name, a chat-bot format or a sink kind (`email`,
//! `feishu`, `sms`…); the most specific one a sink knows wins (see `Sink::contact_keys`).

use crate::cli::error::CommandError;
use crate::domain::notify::{parse_contact, Contacts, WebhookFormat};
use crate::store::outbox::Person;
use crate::store::Txn;

/// Apply `specs` to `name`'s contacts in `txn`; returns what changed, for the summary line.
pub fn apply(
    txn: &mut Txn<'_>,
    person: Person,
    name: &str,
    specs: &[String],
) -> Result<Vec<String>, CommandError> {
    let mut contacts = txn.contacts(person, name)?;
    let mut changes = Vec::new();
    for spec in specs {
        let (key, value) = parse_contact(spec)?;
        match value {
            Some(value) => {
                check(&key, &value)?;
                changes.push(format!("contact {key} = {value}"));
                contacts.insert(key, value);
            }
            None => {
                if contacts.remove(&key).is_some() {
                    changes.push(format!("contact {key} removed"));
                }
            }
        }
    }
    txn.set_contacts(person, name, &contacts);
    Ok(changes)
}

/// Catch the obvious mistakes now rather than as a dead letter later.
fn check(key: &str, value: &str) -> Result<(), CommandError> {
    let is_webhook = key == "webhook" || WebhookFormat::parse(key).is_some();
    if key == "email" && !value.contains('@') {
        return Err(CommandError::invalid(format!(
            "`{value}` is not an e-mail address (contact `email`)"
        )));
    }
    if is_webhook && !(value.starts_with("https://") || value.starts_with("http://")) {
        return Err(CommandError::invalid(format!(
            "the `{key}` contact is a webhook URL (https://…), not `{value}`"
        )));
    }
    Ok(())
}

/// `email=bob@example.com, sms=+8613800000000`, or `-` when there are none.
pub fn describe(contacts: &Contacts) -> String {
    if contacts.is_empty() {
        return "-".to_string();
    }
    contacts
        .iter()
        .map(|(key, value)| format!("{key}={value}"))
        .collect::<Vec<_>>()
        .join(", ")
}
