//! Knowledge-base articles (知识库): answers written once and reused, found by search,
//! suggested before a ticket is filed, and sent as replies (`ticket reply --kb`).
//!
//! An article is small and lives in the hot store; `uses` counts the replies that sent it.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::error::DomainError;
use super::lifecycle::validate_title;
use super::people::{Agent, Role};

/// The prefix articles are shown with: `KB-3`.
pub const PREFIX: &str = "KB";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    pub id: u64,
    pub title: String,
    #[serde(default)]
    pub body: String,
    /// Free labels, e.g. `vpn`, `billing`.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Ticket types the article answers (linked types); empty: any.
    #[serde(default)]
    pub types: Vec<String>,
    pub author: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Replies that sent this article (`desk ticket reply ID --kb`).
    #[serde(default)]
    pub uses: u64,
}

impl Article {
    pub fn display_id(&self) -> String {
        format!("{PREFIX}-{}", self.id)
    }

    /// Whether the article answers tickets of `ticket_type`: one of its linked types, or any
    /// type when it is linked to none.
    pub fn answers(&self, ticket_type: &str) -> bool {
        self.types.is_empty() || self.types.iter().any(|t| t == ticket_type)
    }

    /// The message a reply with this article sends: `note` (the handler's own words) and a
    /// line naming the article, or the article's body when there is no note.
    pub fn reply_message(&self, note: Option<&str>) -> String {
        match note.map(str::trim).filter(|n| !n.is_empty()) {
            Some(note) => format!("{note}\n\nSee {}: {}", self.display_id(), self.title),
            None => format!(
                "{}\n\n— {}: {}",
                self.body.trim_end(),
                self.display_id(),
                self.title
            ),
        }
    }
}

/// What `kb add` or `kb edit` sets; `None` leaves a value as it is.
#[derive(Debug, Default, Clone)]
pub struct ArticleChange {
    pub title: Option<String>,
    pub body: Option<String>,
    pub tags: Option<Vec<String>>,
    pub types: Option<Vec<String>>,
}

/// A new article by `author`.
pub fn create(
    id: u64,
    change: ArticleChange,
    author: &str,
    now: DateTime<Utc>,
) -> Result<Article, DomainError> {
    if change.title.is_none() {
        return Err(DomainError::invalid("an article needs a title (--title)"));
    }
    // `apply` checks the title with everything else, so every problem is reported at once.
    let mut article = Article {
        id,
        title: String::new(),
        body: String::new(),
        tags: Vec::new(),
        types: Vec::new(),
        author: author.to_string(),
        created_at: now,
        updated_at: now,
        uses: 0,
    };
    change_article(&mut article, change, now, "invalid article".to_string())?;
    Ok(article)
}

/// Apply `change` to `article`; every problem is reported at once.
pub fn apply(article: &mut Article, change: ArticleChange, now: DateTime<Utc>) -> Result<(), DomainError> {
    let what = format!("invalid article {}", article.display_id());
    change_article(article, change, now, what)
}

/// [`apply`], with `what` opening the error (a new article has no id to name yet).
fn change_article(
    article: &mut Article,
    change: ArticleChange,
    now: DateTime<Utc>,
    what: String,
) -> Result<(), DomainError> {
    let mut problems = Vec::new();
    if let Some(title) = &change.title {
        match validate_title(title) {
            Ok(title) => article.title = title,
            Err(error) => problems.push(error.to_string()),
        }
    }
    if let Some(body) = change.body {
        if body.trim().is_empty() {
            problems.push("the body is empty".to_string());
        } else {
            article.body = body;
        }
    }
    if let Some(tags) = change.tags {
        match normalize_labels("tag", &tags) {
            Ok(tags) => article.tags = tags,
            Err(problem) => problems.push(problem),
        }
    }
    if let Some(types) = change.types {
        article.types = types;
    }
    if let [problem] = problems.as_slice() {
        return Err(DomainError::invalid(format!("{what}: {problem}")));
    }
    if !problems.is_empty() {
        return Err(DomainError::Invalid {
            message: what,
            problems,
        });
    }
    article.updated_at = now;
    Ok(())
}

/// Labels trimmed, lowercased, without duplicates; an empty one or one with spaces is refused.
fn normalize_labels(what: &str, labels: &[String]) -> Result<Vec<String>, String> {
    let mut out: Vec<String> = Vec::new();
    for label in labels {
        let label = label.trim().to_lowercase();
        if label.is_empty() || label.chars().any(char::is_whitespace) {
            return Err(format!("{what} `{label}` must be one word without spaces"));
        }
        if !out.contains(&label) {
            out.push(label);
        }
    }
    Ok(out)
}

/// Who may write articles: any agent adds; the author edits their own, leads and admins any.
pub fn may_edit(agent: Option<&Agent>, article: &Article) -> bool {
    match agent {
        Some(agent) => agent.name == article.author || matches!(agent.role, Role::Lead | Role::Admin),
        None => false,
    }
}

/// An article id as typed: `3`, `#3`, `KB-3` or `kb-3`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ArticleRef(pub u64);

impl fmt::Display for ArticleRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{PREFIX}-{}", self.0)
    }
}

impl FromStr for ArticleRef {
    type Err = DomainError;
    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let text = input.trim();
        let digits = match text.split_once('-') {
            Some((prefix, digits)) if prefix.eq_ignore_ascii_case(PREFIX) => digits,
            Some(_) => "",
            None => text.strip_prefix('#').unwrap_or(text),
        };
        match digits.parse::<u64>() {
            Ok(id) if id > 0 && digits.bytes().all(|b| b.is_ascii_digit()) => Ok(ArticleRef(id)),
            _ => Err(DomainError::invalid(format!(
                "`{input}` is not an article id (expected a number like 3 or KB-3)"
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap()
    }

    #[test]
    fn article_refs_parse() {
        assert_eq!("3".parse::<ArticleRef>().unwrap(), ArticleRef(3));
        assert_eq!("KB-3".parse::<ArticleRef>().unwrap(), ArticleRef(3));
        assert_eq!("kb-12".parse::<ArticleRef>().unwrap(), ArticleRef(12));
        assert_eq!("#4".parse::<ArticleRef>().unwrap(), ArticleRef(4));
        for bad in ["", "0", "INC-3", "KB-", "kb-x", "-3", "+3"] {
            assert!(bad.parse::<ArticleRef>().is_err(), "{bad}");
        }
    }

    #[test]
    fn creating_checks_title_and_tags() {
        let change = ArticleChange {
            title: Some("  Reset your VPN token ".into()),
            tags: Some(vec!["VPN".into(), "vpn".into(), "token".into()]),
            ..Default::default()
        };
        let article = create(1, change, "bob", now()).unwrap();
        assert_eq!(article.title, "Reset your VPN token");
        assert_eq!(article.tags, ["vpn", "token"]);
        let bad = ArticleChange {
            title: Some("".into()),
            tags: Some(vec!["two words".into()]),
            ..Default::default()
        };
        match create(2, bad, "bob", now()) {
            Err(DomainError::Invalid { message, problems }) => {
                assert_eq!(message, "invalid article");
                assert_eq!(problems.len(), 2, "{problems:?}");
            }
            other => panic!("{other:?}"),
        }
        let untitled = ArticleChange {
            title: Some(" ".into()),
            ..Default::default()
        };
        assert_eq!(
            create(0, untitled, "bob", now()).unwrap_err().to_string(),
            "invalid article: the title is empty"
        );
    }

    #[test]
    fn an_empty_body_is_refused() {
        for body in ["", " \n\t"] {
            let change = ArticleChange {
                title: Some("Reset VPN".into()),
                body: Some(body.into()),
                ..Default::default()
            };
            assert_eq!(
                create(0, change, "bob", now()).unwrap_err().to_string(),
                "invalid article: the body is empty"
            );
        }
        let mut article = create(
            3,
            ArticleChange {
                title: Some("Reset VPN".into()),
                body: Some("Open the portal.".into()),
                ..Default::default()
            },
            "bob",
            now(),
        )
        .unwrap();
        let clear = ArticleChange {
            body: Some("  ".into()),
            ..Default::default()
        };
        assert_eq!(
            apply(&mut article, clear, now()).unwrap_err().to_string(),
            "invalid article KB-3: the body is empty"
        );
        assert_eq!(article.body, "Open the portal.");
    }

    #[test]
    fn an_article_answers_its_linked_types_or_any() {
        let mut article = create(
            1,
            ArticleChange {
                title: Some("Reset VPN".into()),
                ..Default::default()
            },
            "bob",
            now(),
        )
        .unwrap();
        assert!(article.answers("incident"), "linked to no type: any");
        article.types = vec!["request".into(), "change".into()];
        assert!(article.answers("change"));
        assert!(!article.answers("incident"));
    }

    #[test]
    fn a_reply_names_the_article() {
        let mut article = create(
            7,
            ArticleChange {
                title: Some("Reset VPN".into()),
                ..Default::default()
            },
            "bob",
            now(),
        )
        .unwrap();
        article.body = "Open the portal.\n".into();
        assert_eq!(
            article.reply_message(None),
            "Open the portal.\n\n— KB-7: Reset VPN"
        );
        assert_eq!(
            article.reply_message(Some("Try this")),
            "Try this\n\nSee KB-7: Reset VPN"
        );
    }
}
