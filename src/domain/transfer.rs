//! The export format (`desk export --format jsonl`, read back by `desk import`) and the
//! checks an imported record passes before anything is written.
//!
//! One JSON object per line, each tagged with `record`:
//!
//! ```text
//! {"record":"desk-export","version":1,"exported_at":"2026-03-02T09:00:00Z"}   first line
//! {"record":"agent","agent":{...}}                                           Agent as stored
//! {"record":"requester","requester":{...}}                                   Requester as stored
//! {"record":"kb","article":{...}}                                            KB article as stored
//! {"record":"ticket","ticket":{...},"events":[...]}                          a ticket and its history
//! {"record":"attachment","ticket_id":7,"stored_as":"1-log.txt","size":34,
//!  "sha256":"…","content":"<base64>"}                                        a kept file of the ticket before
//! ```
//!
//! The ticket line is the store's archived form of a ticket (ticket + events) with the tag;
//! archive retention writes the same lines, so a purged archive imports like an export.
//! Each file a ticket keeps under `attachments/<id>/` follows its ticket line as an
//! `attachment` record, its bytes in standard base64 with their SHA-256, so an export
//! carries the files too. (Readers from before attachment records refuse those lines.)

use std::collections::BTreeMap;

use base64::Engine as _;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::attachments::is_stored_name;
use super::kb::Article;
use super::lifecycle::validate_title;
use super::people::{validate_name, validate_skill};
use super::template::{FieldType, Template};
use super::{Agent, Event, Requester, Ticket};

/// The first line's `record` tag.
pub const EXPORT_FORMAT: &str = "desk-export";
/// The format version this build writes and reads.
pub const EXPORT_VERSION: u32 = 1;

#[derive(Serialize)]
struct HeaderLine {
    record: &'static str,
    version: u32,
    exported_at: DateTime<Utc>,
}

#[derive(Serialize)]
struct AgentLine<'a> {
    record: &'static str,
    agent: &'a Agent,
}

#[derive(Serialize)]
struct RequesterLine<'a> {
    record: &'static str,
    requester: &'a Requester,
}

#[derive(Serialize)]
struct KbLine<'a> {
    record: &'static str,
    article: &'a Article,
}

#[derive(Serialize)]
struct TicketLine<'a> {
    record: &'static str,
    ticket: &'a Ticket,
    events: &'a [Event],
}

#[derive(Serialize)]
struct AttachmentLine<'a> {
    record: &'static str,
    ticket_id: u64,
    stored_as: &'a str,
    size: u64,
    sha256: String,
    content: String,
}

fn line<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("export records always serialize")
}

/// The first line of an export written at `exported_at`.
pub fn header_line(exported_at: DateTime<Utc>) -> String {
    line(&HeaderLine {
        record: EXPORT_FORMAT,
        version: EXPORT_VERSION,
        exported_at,
    })
}

pub fn agent_line(agent: &Agent) -> String {
    line(&AgentLine {
        record: "agent",
        agent,
    })
}

pub fn requester_line(requester: &Requester) -> String {
    line(&RequesterLine {
        record: "requester",
        requester,
    })
}

/// A knowledge-base article (with its use count), as one line.
pub fn kb_line(article: &Article) -> String {
    line(&KbLine {
        record: "kb",
        article,
    })
}

/// A ticket with its whole history, as one line.
pub fn ticket_line(ticket: &Ticket, events: &[Event]) -> String {
    line(&TicketLine {
        record: "ticket",
        ticket,
        events,
    })
}

/// A kept file of ticket `ticket_id`, as one line (after the ticket's own).
pub fn attachment_line(ticket_id: u64, stored_as: &str, bytes: &[u8]) -> String {
    line(&AttachmentLine {
        record: "attachment",
        ticket_id,
        stored_as,
        size: bytes.len() as u64,
        sha256: sha256_hex(bytes),
        content: base64::engine::general_purpose::STANDARD.encode(bytes),
    })
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// One line of an export, read back.
#[derive(Debug, Clone, PartialEq)]
pub enum ExportRecord {
    Header {
        version: u32,
        exported_at: DateTime<Utc>,
    },
    Agent(Agent),
    Requester(Requester),
    Kb(Box<Article>),
    Ticket {
        ticket: Box<Ticket>,
        events: Vec<Event>,
    },
    /// A kept file of a ticket: its name under `attachments/<ticket_id>/` and its bytes,
    /// checked against the size and SHA-256 the line gives.
    Attachment {
        ticket_id: u64,
        stored_as: String,
        bytes: Vec<u8>,
    },
}

/// Every part any record may have; `record` says which apply. One pass of serde over the
/// line, where an internally tagged enum would buffer each line first.
#[derive(Deserialize)]
struct AnyLine {
    record: String,
    #[serde(default)]
    version: Option<u32>,
    #[serde(default)]
    exported_at: Option<DateTime<Utc>>,
    #[serde(default)]
    agent: Option<Agent>,
    #[serde(default)]
    requester: Option<Requester>,
    #[serde(default)]
    article: Option<Article>,
    #[serde(default)]
    ticket: Option<Ticket>,
    #[serde(default)]
    events: Option<Vec<Event>>,
    #[serde(default)]
    ticket_id: Option<u64>,
    #[serde(default)]
    stored_as: Option<String>,
    #[serde(default)]
    size: Option<u64>,
    #[serde(default)]
    sha256: Option<String>,
    #[serde(default)]
    content: Option<String>,
}

/// Parse one line of an export; the error says what is wrong with it.
pub fn parse_line(text: &str) -> Result<ExportRecord, String> {
    let any: AnyLine = serde_json::from_str(text).map_err(|e| format!("not an export record: {e}"))?;
    let missing = |part: &str| format!("a `{}` record without its `{part}`", any.record);
    match any.record.as_str() {
        EXPORT_FORMAT => Ok(ExportRecord::Header {
            version: any.version.ok_or_else(|| missing("version"))?,
            exported_at: any.exported_at.ok_or_else(|| missing("exported_at"))?,
        }),
        "agent" => Ok(ExportRecord::Agent(any.agent.ok_or_else(|| missing("agent"))?)),
        "requester" => Ok(ExportRecord::Requester(
            any.requester.ok_or_else(|| missing("requester"))?,
        )),
        "kb" => Ok(ExportRecord::Kb(Box::new(
            any.article.ok_or_else(|| missing("article"))?,
        ))),
        "ticket" => Ok(ExportRecord::Ticket {
            ticket: Box::new(any.ticket.ok_or_else(|| missing("ticket"))?),
            events: any.events.ok_or_else(|| missing("events"))?,
        }),
        "attachment" => {
            let ticket_id = any.ticket_id.ok_or_else(|| missing("ticket_id"))?;
            let stored_as = any.stored_as.clone().ok_or_else(|| missing("stored_as"))?;
            let size = any.size.ok_or_else(|| missing("size"))?;
            let sha256 = any.sha256.as_deref().ok_or_else(|| missing("sha256"))?;
            let content = any.content.as_deref().ok_or_else(|| missing("content"))?;
            let what = format!("attachment {stored_as} of ticket {ticket_id}");
            if !is_stored_name(&stored_as) {
                return Err(format!(
                    "{what}: not a name desk keeps files under (N-NAME, no `/`)"
                ));
            }
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(content)
                .map_err(|e| format!("{what}: its content is not base64 ({e})"))?;
            if bytes.len() as u64 != size {
                return Err(format!(
                    "{what}: {} bytes of content, but the line says {size}",
                    bytes.len()
                ));
            }
            if !sha256.eq_ignore_ascii_case(&sha256_hex(&bytes)) {
                return Err(format!("{what}: the content does not match its sha256"));
            }
            Ok(ExportRecord::Attachment {
                ticket_id,
                stored_as,
                bytes,
            })
        }
        other => Err(format!(
            "unknown record `{other}` (expected {EXPORT_FORMAT}, agent, requester, kb, ticket or attachment)"
        )),
    }
}

/// Problems with an imported agent record (empty when it is fine).
pub fn check_agent(agent: &Agent) -> Vec<String> {
    let mut problems = Vec::new();
    if let Err(e) = validate_name("agent", &agent.name) {
        problems.push(e.to_string());
    }
    for skill in &agent.skills {
        let name = skill.split_once(':').map_or(skill.as_str(), |(name, _)| name);
        if let Err(e) = validate_skill(name) {
            problems.push(e.to_string());
        }
    }
    problems
}

/// Problems with an imported requester record (empty when it is fine).
pub fn check_requester(requester: &Requester) -> Vec<String> {
    let mut problems = Vec::new();
    if let Err(e) = validate_name("requester", &requester.name) {
        problems.push(e.to_string());
    }
    if let Err(e) = validate_name("tier", &requester.tier) {
        problems.push(e.to_string());
    }
    problems
}

/// Problems with an imported knowledge-base article (empty when it is fine).
pub fn check_article(article: &Article) -> Vec<String> {
    let mut problems = Vec::new();
    if article.id == 0 {
        problems.push("article id 0 (ids start at 1)".to_string());
    }
    match validate_title(&article.title) {
        Ok(title) if title == article.title => {}
        Ok(_) => problems.push("the title has leading or trailing spaces".to_string()),
        Err(e) => problems.push(e.to_string()),
    }
    if let Err(e) = validate_name("author", &article.author) {
        problems.push(e.to_string());
    }
    problems
}

/// Problems with an imported ticket and its history, checked against its type's
/// `template` as `ticket new` checks a new one (empty when it is fine).
pub fn check_ticket(ticket: &Ticket, events: &[Event], template: &Template) -> Vec<String> {
    let mut problems = Vec::new();
    if ticket.id == 0 {
        problems.push("ticket id 0 (ids start at 1)".to_string());
    }
    match validate_title(&ticket.title) {
        Ok(title) if title == ticket.title => {}
        Ok(_) => problems.push("the title has leading or trailing spaces".to_string()),
        Err(e) => problems.push(e.to_string()),
    }
    if let Err(e) = validate_name("requester", &ticket.requester) {
        problems.push(e.to_string());
    }
    if let Some(assignee) = &ticket.assignee {
        if let Err(e) = validate_name("assignee", assignee) {
            problems.push(e.to_string());
        }
    }
    problems.extend(check_stored_fields(template, &ticket.fields));
    if events.is_empty() {
        problems.push("no events: every ticket has at least its `created` event".to_string());
    }
    if let Some((at, event)) = events
        .iter()
        .enumerate()
        .find(|(at, event)| event.seq as usize != *at)
    {
        problems.push(format!(
            "event {at} has sequence number {} (the history must be numbered 0, 1, 2, …)",
            event.seq
        ));
    }
    if ticket.event_count as usize != events.len() {
        problems.push(format!(
            "event_count is {} but the history's length is {}",
            ticket.event_count,
            events.len()
        ));
    }
    problems
}

/// Check stored field values (JSON) against `template`'s fields: each value must be what
/// the field's type stores and pass its constraints; required fields must be there.
pub fn check_stored_fields(template: &Template, fields: &BTreeMap<String, Value>) -> Vec<String> {
    let mut problems = Vec::new();
    for (name, value) in fields {
        let Some(spec) = template.field(name) else {
            problems.push(format!("unknown field `{name}` for type `{}`", template.name));
            continue;
        };
        let raw = match (spec.field_type, value) {
            (FieldType::Int, Value::Number(n)) if n.is_i64() => n.to_string(),
            (FieldType::Bool, Value::Bool(b)) => b.to_string(),
            (FieldType::Int | FieldType::Bool, _)
            | (_, Value::Number(_) | Value::Bool(_))
            | (_, Value::Null) => {
                problems.push(format!(
                    "field `{name}` ({} field) holds {value}",
                    spec.field_type
                ));
                continue;
            }
            (_, Value::String(text)) => text.clone(),
            (_, other) => {
                problems.push(format!(
                    "field `{name}` ({} field) holds {other}",
                    spec.field_type
                ));
                continue;
            }
        };
        if let Err(problem) = spec.parse_value(&raw) {
            problems.push(problem);
        }
    }
    for spec in &template.fields {
        if spec.required && !fields.contains_key(&spec.name) {
            problems.push(format!(
                "missing required field `{}` ({})",
                spec.name,
                spec.accepts()
            ));
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::lifecycle::{create, NewTicket};
    use crate::domain::{Priority, Workflow};
    use chrono::TimeZone;

    #[test]
    fn an_article_line_reads_back_and_is_checked() {
        let now = Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap();
        let article = Article {
            id: 3,
            title: "Reset your VPN token".into(),
            body: "Press Reset.".into(),
            tags: vec!["vpn".into()],
            types: vec!["incident".into()],
            author: "bob".into(),
            created_at: now,
            updated_at: now,
            uses: 2,
        };
        let text = kb_line(&article);
        assert!(text.starts_with(r#"{"record":"kb","article":{"#), "{text}");
        assert_eq!(parse_line(&text), Ok(ExportRecord::Kb(Box::new(article.clone()))));
        assert!(check_article(&article).is_empty());
        assert_eq!(
            parse_line(r#"{"record":"kb"}"#),
            Err("a `kb` record without its `article`".to_string())
        );
        let bad = Article {
            id: 0,
            title: " padded ".into(),
            ..article
        };
        assert_eq!(check_article(&bad).len(), 2, "{:?}", check_article(&bad));
    }

    fn template() -> Template {
        Template::parse(
            "incident",
            "incident.toml",
            r#"
prefix = "INC"
[[fields]]
name = "service"
type = "string"
required = true
pattern = "^[a-z]+$"
[[fields]]
name = "count"
type = "int"
max = 10
"#,
        )
        .expect("template")
    }

    fn ticket(fields: &[(&str, Value)]) -> (Ticket, Vec<Event>) {
        let now = Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap();
        let (ticket, event) = create(
            7,
            NewTicket {
                ticket_type: "incident".into(),
                prefix: Some("INC".into()),
                workflow: Workflow::Internal,
                title: "db down".into(),
                body: String::new(),
                priority: Priority::High,
                requester: "carol".into(),
                fields: fields.iter().map(|(k, v)| (k.to_string(), v.clone())).collect(),
                dedup_key: None,
                sla_policy: None,
                channel: None,
                attachments: Vec::new(),
            },
            "carol",
            now,
        );
        (ticket, vec![event])
    }

    #[test]
    fn lines_round_trip() {
        let (ticket, events) = ticket(&[("service", Value::from("api"))]);
        let text = ticket_line(&ticket, &events);
        assert!(
            text.starts_with(r#"{"record":"ticket","ticket":{"id":7,"#),
            "{text}"
        );
        assert_eq!(
            parse_line(&text).unwrap(),
            ExportRecord::Ticket {
                ticket: Box::new(ticket),
                events
            }
        );
        let now = Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap();
        assert_eq!(
            header_line(now),
            r#"{"record":"desk-export","version":1,"exported_at":"2026-03-02T09:00:00Z"}"#
        );
        assert!(parse_line(r#"{"record":"nope"}"#)
            .unwrap_err()
            .contains("unknown record"));
        assert!(parse_line(r#"{"record":"agent"}"#)
            .unwrap_err()
            .contains("without its `agent`"));
        assert!(parse_line("{").unwrap_err().contains("not an export record"));
    }

    #[test]
    fn attachment_lines_round_trip_and_are_checked() {
        let text = attachment_line(7, "1-log.txt", b"hello");
        assert_eq!(
            parse_line(&text).unwrap(),
            ExportRecord::Attachment {
                ticket_id: 7,
                stored_as: "1-log.txt".into(),
                bytes: b"hello".to_vec()
            }
        );
        let tampered = text.replace("aGVsbG8=", "aGVsbHA=");
        assert!(parse_line(&tampered)
            .unwrap_err()
            .contains("does not match its sha256"));
        let climbing = attachment_line(7, "1-log.txt", b"x").replace("1-log.txt", "../../x");
        assert!(parse_line(&climbing)
            .unwrap_err()
            .contains("not a name desk keeps"));
        let short = text.replace("\"size\":5", "\"size\":4");
        assert!(parse_line(&short).unwrap_err().contains("the line says 4"));
        let garbled = text.replace("aGVsbG8=", "!!");
        assert!(parse_line(&garbled).unwrap_err().contains("not base64"));
    }

    #[test]
    fn tickets_are_checked_against_their_template() {
        let template = template();
        let (good, events) = ticket(&[("service", Value::from("api")), ("count", Value::from(3))]);
        assert_eq!(check_ticket(&good, &events, &template), Vec::<String>::new());

        let (bad, events) = ticket(&[
            ("service", Value::from("API!")),
            ("count", Value::from("3")),
            ("colour", Value::from("red")),
        ]);
        let problems = check_ticket(&bad, &events, &template);
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(problems.iter().any(|p| p.contains("must match")), "{problems:?}");
        assert!(
            problems.iter().any(|p| p.contains("(int field) holds \"3\"")),
            "{problems:?}"
        );
        assert!(
            problems.iter().any(|p| p.contains("unknown field `colour`")),
            "{problems:?}"
        );

        let (missing, mut events) = ticket(&[]);
        events[0].seq = 3;
        let problems = check_ticket(&missing, &events, &template);
        assert!(
            problems
                .iter()
                .any(|p| p.contains("missing required field `service`")),
            "{problems:?}"
        );
        assert!(
            problems.iter().any(|p| p.contains("sequence number 3")),
            "{problems:?}"
        );
    }
}
