//! E-mail as a ticket channel: what `desk ingest email` takes from an RFC 5322 message.
//!
//! Parsing (headers, MIME, transfer encodings, HTML to text) is `mail-parser`'s job; this
//! module decides what the help desk keeps: the sender as requester, a cleaned subject as
//! title, the text body without the quoted history of earlier mails, the attachments, and
//! the ids that thread a reply onto its ticket.

use mail_parser::{MessageParser, MimeHeaders};

use super::error::DomainError;
use super::lifecycle::TITLE_MAX_CHARS;
use super::people::validate_name;
use super::ticket::TicketRef;

/// A file that arrived with a submission.
#[derive(Debug, Clone, PartialEq)]
pub struct IncomingAttachment {
    pub name: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

/// The parts of an e-mail the help desk uses.
#[derive(Debug, Clone, PartialEq)]
pub struct IncomingEmail {
    /// The sender's address, lowercased: the requester's name.
    pub sender: String,
    /// The subject as sent (may carry `Re:` and a `[INC-42]` tag).
    pub subject: String,
    /// The text body (HTML converted to text), quoted history removed.
    pub body: String,
    pub message_id: Option<String>,
    /// Message ids this mail answers: `In-Reply-To` first, then `References` newest first.
    pub replied_to: Vec<String>,
    pub attachments: Vec<IncomingAttachment>,
}

impl IncomingEmail {
    /// Parse one message. Refused (as invalid input) when it is not a mail at all: no
    /// headers, or no sender address to file the ticket for.
    pub fn parse(raw: &[u8]) -> Result<IncomingEmail, DomainError> {
        let malformed = |why: &str| DomainError::invalid(format!("malformed e-mail: {why}"));
        if raw.iter().all(u8::is_ascii_whitespace) {
            return Err(malformed("the message is empty"));
        }
        let message = MessageParser::default()
            .parse(raw)
            .ok_or_else(|| malformed("it has no RFC 5322 headers"))?;
        if message.headers().is_empty() {
            return Err(malformed("it has no RFC 5322 headers"));
        }
        let sender = message
            .from()
            .and_then(|from| from.first())
            .and_then(|address| address.address())
            .map(|address| address.trim().to_lowercase())
            .filter(|address| address.contains('@'))
            .ok_or_else(|| malformed("no sender address in `From:`"))?;
        validate_name("requester", &sender).map_err(|_| {
            malformed(&format!(
                "the sender address `{sender}` cannot be a requester name"
            ))
        })?;

        let body = message
            .body_text(0)
            .map(|text| strip_quoted(&text))
            .unwrap_or_default();
        let mut replied_to: Vec<String> = header_ids(message.in_reply_to());
        let mut references = header_ids(message.references());
        references.reverse();
        for id in references {
            if !replied_to.contains(&id) {
                replied_to.push(id);
            }
        }
        let attachments = message
            .attachments()
            .enumerate()
            .map(|(n, part)| IncomingAttachment {
                name: part
                    .attachment_name()
                    .map(str::to_string)
                    .unwrap_or_else(|| format!("attachment-{}", n + 1)),
                content_type: part
                    .content_type()
                    .map(|t| match t.subtype() {
                        Some(subtype) => format!("{}/{subtype}", t.ctype()),
                        None => t.ctype().to_string(),
                    })
                    .unwrap_or_else(|| "application/octet-stream".to_string()),
                bytes: part.contents().to_vec(),
            })
            .collect();
        Ok(IncomingEmail {
            sender,
            subject: message.subject().unwrap_or("").to_string(),
            body,
            message_id: message.message_id().map(str::to_string),
            replied_to,
            attachments,
        })
    }

    /// The subject as a ticket title: reply/forward markers and a ticket tag removed,
    /// whitespace folded, cut to the title limit; `(no subject)` when nothing is left.
    pub fn title(&self) -> String {
        let mut subject = self.subject.split_whitespace().collect::<Vec<_>>().join(" ");
        if let Some((start, end, _)) = find_tag(&subject) {
            subject.replace_range(start..end, "");
        }
        let mut title = strip_reply_markers(subject.trim());
        if title.chars().count() > TITLE_MAX_CHARS {
            title = title.chars().take(TITLE_MAX_CHARS - 1).collect::<String>() + "…";
        }
        if title.is_empty() {
            "(no subject)".to_string()
        } else {
            title
        }
    }

    /// A `[PREFIX-42]` ticket tag in the subject, as help desks put in their mails.
    pub fn subject_tag(&self) -> Option<TicketRef> {
        find_tag(&self.subject).map(|(_, _, reference)| reference)
    }
}

/// Message ids from `In-Reply-To` / `References`, which may hold one or many.
fn header_ids(value: &mail_parser::HeaderValue<'_>) -> Vec<String> {
    if let Some(list) = value.as_text_list() {
        list.iter().map(|id| id.to_string()).collect()
    } else {
        value.as_text().map(|id| vec![id.to_string()]).unwrap_or_default()
    }
}

/// The first `[PREFIX-N]` in `subject`: its byte range and the reference.
fn find_tag(subject: &str) -> Option<(usize, usize, TicketRef)> {
    let mut from = 0;
    while let Some(open) = subject[from..].find('[').map(|i| i + from) {
        let Some(close) = subject[open..].find(']').map(|i| i + open) else {
            break;
        };
        let inner = &subject[open + 1..close];
        if inner.contains('-') {
            if let Ok(reference) = inner.parse::<TicketRef>() {
                return Some((open, close + 1, reference));
            }
        }
        from = open + 1;
    }
    None
}

/// Remove leading `Re:`, `Fwd:`, `回复:` … markers (any number, any case).
fn strip_reply_markers(subject: &str) -> String {
    const MARKERS: [&str; 8] = ["re", "fw", "fwd", "aw", "sv", "回复", "答复", "转发"];
    let mut rest = subject.trim();
    while let Some((head, tail)) = rest.split_once([':', '：']) {
        if !MARKERS.iter().any(|m| head.trim().eq_ignore_ascii_case(m)) {
            break;
        }
        rest = tail.trim_start();
    }
    rest.to_string()
}

/// The new text of a reply: quoted lines (`> …`) and the quoted history that mail
/// programs append under `On … wrote:` or `-----Original Message-----` are dropped.
pub fn strip_quoted(body: &str) -> String {
    let mut kept: Vec<&str> = Vec::new();
    for line in body.lines() {
        let trimmed = line.trim();
        let starts_history = trimmed == "-----Original Message-----"
            || (trimmed.starts_with("On ") && trimmed.ends_with("wrote:"))
            || (trimmed.starts_with("在") && trimmed.ends_with("写道："));
        if starts_history {
            break;
        }
        if !trimmed.starts_with('>') {
            kept.push(line.trim_end());
        }
    }
    kept.join("\n").trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mail(text: &str) -> IncomingEmail {
        IncomingEmail::parse(text.replace('\n', "\r\n").as_bytes()).unwrap()
    }

    #[test]
    fn a_plain_message() {
        let m = mail(
            "From: Carol <Carol@Example.com>\nTo: help@desk\nSubject: Printer on fire\n\
             Message-ID: <abc@example.com>\n\nIt is on fire.\n",
        );
        assert_eq!(m.sender, "carol@example.com");
        assert_eq!(m.title(), "Printer on fire");
        assert_eq!(m.body, "It is on fire.");
        assert_eq!(m.message_id.as_deref(), Some("abc@example.com"));
        assert!(m.replied_to.is_empty());
        assert!(m.attachments.is_empty());
    }

    #[test]
    fn reply_ids_in_order() {
        let m = mail(
            "From: c@example.com\nSubject: Re: [CS-7] Printer\nIn-Reply-To: <b@x>\n\
             References: <a@x> <b@x>\n\nThanks\n\nOn Mon, Bob wrote:\n> old text\n",
        );
        assert_eq!(m.replied_to, vec!["b@x".to_string(), "a@x".to_string()]);
        assert_eq!(m.body, "Thanks");
        assert_eq!(m.title(), "Printer");
        assert_eq!(m.subject_tag().unwrap().to_string(), "CS-7");
    }

    #[test]
    fn subjects_become_titles() {
        let t = |s: &str| {
            IncomingEmail {
                subject: s.into(),
                ..mail("From: a@b.c\n\nx\n")
            }
            .title()
        };
        assert_eq!(t("RE: Fwd: re:  VPN   down"), "VPN down");
        assert_eq!(t("回复：打印机坏了"), "打印机坏了");
        assert_eq!(t(""), "(no subject)");
        assert_eq!(t("Re: [INC-3]"), "(no subject)");
        assert_eq!(t("Ratio: 3:1"), "Ratio: 3:1");
        assert_eq!(t(&"x".repeat(300)).chars().count(), TITLE_MAX_CHARS);
    }

    #[test]
    fn tags_need_a_prefix() {
        let tag = |s: &str| {
            IncomingEmail {
                subject: s.into(),
                ..mail("From: a@b.c\n\nx\n")
            }
            .subject_tag()
        };
        assert_eq!(tag("[42] nope"), None);
        assert_eq!(tag("[urgent] [INC-42] yes").unwrap().id, 42);
        assert_eq!(tag("[INC-x] no"), None);
    }

    #[test]
    fn html_only_mail_is_converted_to_text() {
        let m = mail(
            "From: a@b.c\nSubject: x\nContent-Type: text/html; charset=utf-8\n\n\
             <html><body><p>Hello <b>desk</b></p><p>Second</p></body></html>\n",
        );
        assert!(m.body.contains("Hello desk"), "{:?}", m.body);
        assert!(!m.body.contains('<'), "{:?}", m.body);
    }

    #[test]
    fn not_mail_is_refused() {
        for raw in [
            "",
            "   \n",
            "just some text\nwith lines\n",
            "Subject: hi\n\nno sender\n",
        ] {
            let error = IncomingEmail::parse(raw.as_bytes()).unwrap_err();
            assert!(
                error.to_string().starts_with("malformed e-mail"),
                "{raw:?}: {error}"
            );
        }
        let error = IncomingEmail::parse(b"From: a b c\nSubject: x\n\nbody\n").unwrap_err();
        assert!(error.to_string().contains("sender"), "{error}");
    }
}
