//! `kind = "email"`: one plain-text mail per message over SMTP (lettre), with STARTTLS
//! (default), implicit TLS, or none for a local relay. The user name and password are
//! secrets (`env:NAME`, `file:PATH`, `*_env`, or inline), read at each send.

use std::time::Duration;

use lettre::message::header::ContentType;
use lettre::message::Mailbox;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{SmtpTransport, Transport};

use super::{reveal, Failure};
use crate::domain::notify::{EmailSink, Message, SmtpTls};

/// Send `message` by the settings of the sink named `sink`.
pub fn send(sink: &str, settings: &EmailSink, message: &Message, timeout: Duration) -> Result<(), Failure> {
    let mailbox = |text: &str, what: &str| {
        text.parse::<Mailbox>()
            .map_err(|e| Failure::new(format!("{what} `{text}` is not an e-mail address: {e}")))
    };
    let mut mail = lettre::Message::builder()
        .from(mailbox(&settings.from, "from")?)
        .subject(message.subject.clone())
        .header(ContentType::TEXT_PLAIN);
    let recipients: Vec<&str> = match &message.address {
        Some(address) => vec![address.as_str()],
        None => settings.to.iter().map(String::as_str).collect(),
    };
    if recipients.is_empty() {
        return Err(Failure::new("no recipient address"));
    }
    for recipient in recipients {
        mail = mail.to(mailbox(recipient, "recipient")?);
    }
    let mail = mail
        .body(message.text.clone())
        .map_err(|e| Failure::new(format!("cannot build the mail: {e}")))?;

    let tls_parameters = || {
        TlsParameters::new(settings.host.clone())
            .map_err(|e| Failure::new(format!("TLS setup for {}: {e}", settings.host)))
    };
    let tls = match settings.tls {
        SmtpTls::None => Tls::None,
        SmtpTls::StartTls => Tls::Required(tls_parameters()?),
        SmtpTls::Tls => Tls::Wrapper(tls_parameters()?),
    };
    let mut transport = SmtpTransport::builder_dangerous(settings.host.as_str())
        .port(settings.port)
        .tls(tls)
        .timeout(Some(timeout));
    let key = |name: &str| format!("notify.sinks.{sink}.{name}");
    let mut secrets: Vec<String> = Vec::new();
    if let Some(user) = &settings.username {
        let user = reveal(user, &key("username"))?;
        let password = match &settings.password {
            Some(password) => reveal(password, &key("password"))?,
            None => String::new(),
        };
        secrets = vec![user.clone(), password.clone()];
        transport = transport.credentials(Credentials::new(user, password));
    }
    // A server's answer may echo what it was sent.
    transport
        .build()
        .send(&mail)
        .map(|_| ())
        .map_err(|e| Failure::scrubbed(format!("SMTP {}:{}: {e}", settings.host, settings.port), &secrets))
}
