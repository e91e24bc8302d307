//! The web page's HTML: small, accessible pages built from desk's own JSON, every text
//! escaped. Plain forms, no scripts (the Content-Security-Policy forbids them).

use std::collections::BTreeMap;
use std::fmt::Write;

use serde_json::Value;

use crate::cli::error::CommandError;
use crate::domain::template::{FieldType, Template};

use crate::cli::commands::report::html::esc;

const STYLE: &str =
    "body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1d1d1f}\
h1{font-size:1.5rem}label{display:block;margin:.8rem 0 .2rem;font-weight:600}\
input,select,textarea{font:inherit;width:100%;box-sizing:border-box;padding:.4rem}\
textarea{min-height:7rem}button{font:inherit;padding:.4rem 1rem;margin-top:.8rem}\
.error{background:#fde8e8;border-left:4px solid #c53030;padding:.5rem 1rem}\
.note{color:#555;font-size:.9rem}table{border-collapse:collapse;width:100%}\
td,th{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #ddd}\
.event{border-left:3px solid #ccc;padding:.2rem .8rem;margin:.6rem 0}.event .who{color:#555;font-size:.9rem}\
header{display:flex;justify-content:space-between;align-items:center}header form button{margin:0}";

/// A page being built.
pub struct Page {
    title: String,
    header: String,
    body: String,
}

impl Page {
    pub fn new(title: &str) -> Self {
        Page {
            title: title.to_string(),
            header: String::new(),
            body: String::new(),
        }
    }

    /// The signed-in requester's name and a sign-out button.
    pub fn signed_in(&mut self, requester: &str, csrf: &str) {
        self.header = format!(
            "<header><span>Signed in as <strong>{}</strong></span><form method=\"post\" action=\"/web/sign-out\">{}<button>Sign out</button></form></header>",
            esc(requester),
            csrf_input(csrf)
        );
    }

    pub fn heading(&mut self, text: &str) {
        let _ = write!(self.body, "<h2>{}</h2>", esc(text));
    }

    pub fn paragraph(&mut self, text: &str) {
        let _ = write!(self.body, "<p>{}</p>", esc(text));
    }

    pub fn error(&mut self, text: &str) {
        let _ = write!(self.body, "<p class=\"error\" role=\"alert\">{}</p>", esc(text));
    }

    pub fn link(&mut self, href: &str, text: &str) {
        let _ = write!(self.body, "<p><a href=\"{}\">{}</a></p>", esc(href), esc(text));
    }

    pub fn raw(&mut self, html: &str) {
        self.body.push_str(html);
    }

    pub fn render(&self) -> String {
        format!(
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>{} · desk</title><style>{STYLE}</style></head><body>{}<h1>{}</h1>{}</body></html>",
            esc(&self.title),
            self.header,
            esc(&self.title),
            self.body
        )
    }
}

fn csrf_input(csrf: &str) -> String {
    format!("<input type=\"hidden\" name=\"csrf\" value=\"{}\">", esc(csrf))
}

pub fn sign_in_form(error: Option<&str>) -> Page {
    let mut page = Page::new("Sign in");
    if let Some(error) = error {
        page.error(error);
    }
    page.raw(
        "<form method=\"post\" action=\"/web/sign-in\"><label for=\"who\">Your name or e-mail address</label>\
<input id=\"who\" name=\"who\" required autocomplete=\"email\"><button>Send me a sign-in link</button></form>",
    );
    page
}

pub fn link_sent() -> Page {
    let mut page = Page::new("Check your mail");
    page.paragraph("If you are on record with an e-mail address, a sign-in link is on its way. It works once, for 15 minutes.");
    page
}

pub fn link_expired() -> Page {
    let mut page = Page::new("This link no longer works");
    page.paragraph("Sign-in links work once, for 15 minutes.");
    page.link("/web/sign-in", "Ask for a new one");
    page
}

/// The page a sign-in link opens: one button, so a mail scanner that fetches links does
/// not use it up.
pub fn sign_in_confirm(secret: &str) -> Page {
    let mut page = Page::new("Sign in");
    page.raw(&format!(
        "<form method=\"post\" action=\"/web/sign-in/{}\"><button>Sign in</button></form>",
        esc(secret)
    ));
    page
}

fn text_of<'a>(value: &'a Value, key: &str) -> &'a str {
    value[key].as_str().unwrap_or_default()
}

pub fn tickets(requester: &str, csrf: &str, tickets: &Value, types: &[Template]) -> Page {
    let mut page = Page::new("Your tickets");
    page.signed_in(requester, csrf);
    let rows: Vec<&Value> = tickets.as_array().map(|a| a.iter().collect()).unwrap_or_default();
    if rows.is_empty() {
        page.paragraph("No tickets yet.");
    } else {
        let mut table =
            String::from("<table><thead><tr><th>Ticket</th><th>Title</th><th>State</th></tr></thead><tbody>");
        for ticket in rows {
            let _ = write!(
                table,
                "<tr><td><a href=\"/web/tickets/{}\">{}</a></td><td>{}</td><td>{}</td></tr>",
                ticket["id"],
                esc(text_of(ticket, "key")),
                esc(text_of(ticket, "title")),
                esc(text_of(ticket, "status"))
            );
        }
        table.push_str("</tbody></table>");
        page.raw(&table);
    }
    page.heading("File a new ticket");
    let mut list = String::from("<ul>");
    for template in types {
        let _ = write!(
            list,
            "<li><a href=\"/web/new/{}\">{}</a></li>",
            esc(&template.name),
            esc(if template.description.is_empty() {
                &template.name
            } else {
                &template.description
            })
        );
    }
    list.push_str("</ul>");
    page.raw(&list);
    page
}

/// The form for a new ticket of `template`'s type: its fields, with their types, required
/// marks, patterns and choices, as the template declares them (the server checks them
/// again, as `desk ticket new` does).
pub fn new_ticket(
    template: &Template,
    csrf: &str,
    values: &BTreeMap<String, String>,
    error: Option<&CommandError>,
) -> Page {
    let title = if template.description.is_empty() {
        template.name.clone()
    } else {
        template.description.clone()
    };
    let mut page = Page::new(&format!("New ticket: {title}"));
    if let Some(error) = error {
        page.error(&error.message);
        if !error.details.is_empty() {
            let items: String = error
                .details
                .iter()
                .map(|d| format!("<li>{}</li>", esc(d)))
                .collect();
            page.raw(&format!("<ul class=\"error\">{items}</ul>"));
        }
    }
    let value = |name: &str| esc(values.get(name).map(String::as_str).unwrap_or_default());
    let mut form = format!(
        "<form method=\"post\" action=\"/web/new/{}\">{}\
<label for=\"title\">Title</label><input id=\"title\" name=\"title\" required value=\"{}\">\
<label for=\"body\">Description</label><textarea id=\"body\" name=\"body\">{}</textarea>",
        esc(&template.name),
        csrf_input(csrf),
        value("title"),
        value("body")
    );
    for field in &template.fields {
        let name = format!("field.{}", field.name);
        let id = format!("f-{}", field.name);
        let required = if field.required { " required" } else { "" };
        let mark = if field.required { " *" } else { "" };
        let _ = write!(form, "<label for=\"{id}\">{}{mark}</label>", esc(&field.name));
        let current = values
            .get(&name)
            .cloned()
            .or_else(|| {
                field
                    .default
                    .as_ref()
                    .map(|d| d.as_str().map_or_else(|| d.to_string(), str::to_string))
            })
            .unwrap_or_default();
        match field.field_type {
            FieldType::Enum | FieldType::Bool => {
                let choices: Vec<String> = match field.field_type {
                    FieldType::Bool => vec!["true".into(), "false".into()],
                    _ => field.values.clone(),
                };
                let _ = write!(form, "<select id=\"{id}\" name=\"{}\"{required}>", esc(&name));
                if !field.required {
                    form.push_str("<option value=\"\"></option>");
                }
                for choice in choices {
                    let selected = if choice == current { " selected" } else { "" };
                    let _ = write!(form, "<option{selected}>{}</option>", esc(&choice));
                }
                form.push_str("</select>");
            }
            FieldType::Text => {
                let _ = write!(
                    form,
                    "<textarea id=\"{id}\" name=\"{}\"{required}>{}</textarea>",
                    esc(&name),
                    esc(&current)
                );
            }
            _ => {
                let kind = super::web::input_kind(field);
                let mut extra = String::new();
                if let Some(pattern) = &field.pattern {
                    // HTML anchors the pattern itself; the server checks it either way.
                    let pattern = pattern.as_str().trim_start_matches('^').trim_end_matches('$');
                    let _ = write!(extra, " pattern=\"{}\"", esc(pattern));
                }
                if let Some(min) = field.min {
                    let _ = write!(extra, " min=\"{min}\"");
                }
                if let Some(max) = field.max {
                    let _ = write!(extra, " max=\"{max}\"");
                }
                let _ = write!(
                    form,
                    "<input id=\"{id}\" type=\"{kind}\" name=\"{}\" value=\"{}\"{required}{extra}>",
                    esc(&name),
                    esc(&current)
                );
            }
        }
        if let Some(description) = &field.description {
            let _ = write!(form, "<div class=\"note\">{}</div>", esc(description));
        }
    }
    form.push_str("<button>File the ticket</button></form>");
    page.raw(&form);
    page.link("/web/tickets", "Back to your tickets");
    page
}

fn describe_event(event: &Value) -> String {
    let kind = text_of(event, "kind");
    match kind {
        "created" => "filed the ticket".to_string(),
        "replied" => "replied".to_string(),
        "claimed" => "took the ticket".to_string(),
        "confirmed" => "confirmed it is solved".to_string(),
        "closed" => "closed the ticket".to_string(),
        "reopened" => "reopened the ticket".to_string(),
        "rated" => format!("rated the service {}/5", event["score"]),
        other => other.replace('_', " "),
    }
}

pub fn ticket(requester: &str, csrf: &str, ticket: &Value) -> Page {
    let key = text_of(ticket, "key");
    let mut page = Page::new(&format!("{key}: {}", text_of(ticket, "title")));
    page.signed_in(requester, csrf);
    let status = text_of(ticket, "status");
    page.raw(&format!(
        "<p>State: <strong id=\"status\">{}</strong> · {}</p>",
        esc(status),
        esc(text_of(ticket, "type"))
    ));
    if let Some(fields) = ticket["fields"].as_object().filter(|f| !f.is_empty()) {
        let rows: String = fields
            .iter()
            .map(|(name, value)| {
                let value = value.as_str().map_or_else(|| value.to_string(), str::to_string);
                format!("<tr><th>{}</th><td>{}</td></tr>", esc(name), esc(&value))
            })
            .collect();
        page.raw(&format!("<table class=\"fields\">{rows}</table>"));
    }
    if !text_of(ticket, "body").is_empty() {
        page.raw(&format!(
            "<p style=\"white-space:pre-wrap\">{}</p>",
            esc(text_of(ticket, "body"))
        ));
    }
    page.heading("History");
    let mut history = String::new();
    for event in ticket["events"].as_array().into_iter().flatten() {
        let message = event["message"]
            .as_str()
            .map(|m| format!("<div style=\"white-space:pre-wrap\">{}</div>", esc(m)))
            .unwrap_or_default();
        let _ = write!(
            history,
            "<div class=\"event {}\"><div class=\"who\">{} {} · {}</div>{message}</div>",
            esc(text_of(event, "kind")),
            esc(text_of(event, "actor")),
            esc(&describe_event(event)),
            esc(&text_of(event, "at").replace('T', " ").replace('Z', " UTC"))
        );
    }
    page.raw(&history);
    let id = &ticket["id"];
    if status != "closed" {
        page.raw(&format!(
            "<form method=\"post\" action=\"/web/tickets/{id}/reply\">{}<label for=\"message\">Reply</label><textarea id=\"message\" name=\"message\" required></textarea><button>Send the reply</button></form>",
            csrf_input(csrf)
        ));
    }
    if status == "awaiting" {
        page.raw(&format!(
            "<form method=\"post\" action=\"/web/tickets/{id}/confirm\">{}<p>Is it solved?</p><button id=\"confirm\">Yes, it is solved</button></form>",
            csrf_input(csrf)
        ));
    }
    if status == "closed" && text_of(ticket, "workflow") == "customer" {
        match ticket["rating"].as_u64() {
            Some(score) => page.paragraph(&format!("You rated the service {score}/5. Thank you.")),
            None => {
                let options: String = (1..=5).rev().map(|n| format!("<option>{n}</option>")).collect();
                page.raw(&format!(
                    "<form id=\"rate\" method=\"post\" action=\"/web/tickets/{id}/rate\">{}<label for=\"score\">How did we do? (5 is best)</label><select id=\"score\" name=\"score\">{options}</select><label for=\"comment\">Anything to add?</label><textarea id=\"comment\" name=\"message\"></textarea><button>Rate</button></form>",
                    csrf_input(csrf)
                ));
            }
        }
    }
    page.link("/web/tickets", "Back to your tickets");
    page
}
