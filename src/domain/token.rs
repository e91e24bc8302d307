//! API tokens (`desk token create`): how a CI runner or another service acts through
//! `desk serve` without an OS account or database credentials of its own.
//!
//! A token acts as one desk user, only within its scopes (and, if given, only on one ticket
//! type), until it expires or is revoked. The secret is shown once, when it is made; the
//! store keeps only its SHA-256, so a copy of the store (a backup, a dump of the team
//! store) holds no usable token.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::error::DomainError;

/// What a token may do. Each scope is one family of API calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Scope {
    /// File tickets (`POST /api/v1/tickets`).
    #[serde(rename = "ticket:new")]
    TicketNew,
    /// Read tickets the token's user may see: show, log, list, search, the knowledge base.
    #[serde(rename = "ticket:read")]
    TicketRead,
    /// Work on tickets as the token's user may: reply, comment, claim, transfer, close,
    /// confirm, rate, reopen, tag, link…
    #[serde(rename = "ticket:write")]
    TicketWrite,
    /// Read the figures: `report`, agents and requesters on record.
    #[serde(rename = "report:read")]
    ReportRead,
}

impl Scope {
    pub const ALL: [Scope; 4] = [
        Scope::TicketNew,
        Scope::TicketRead,
        Scope::TicketWrite,
        Scope::ReportRead,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Scope::TicketNew => "ticket:new",
            Scope::TicketRead => "ticket:read",
            Scope::TicketWrite => "ticket:write",
            Scope::ReportRead => "report:read",
        }
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Scope {
    type Err = DomainError;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Scope::ALL
            .into_iter()
            .find(|s| s.as_str() == text)
            .ok_or_else(|| {
                let known: Vec<&str> = Scope::ALL.iter().map(|s| s.as_str()).collect();
                DomainError::invalid(format!("unknown scope `{text}` (expected {})", known.join(", ")))
            })
    }
}

/// A token as stored: everything but the secret.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Token {
    /// Unique; what events and the access log record.
    pub name: String,
    /// The desk user it acts as.
    pub user: String,
    pub scopes: Vec<Scope>,
    /// Only tickets of this type (filing and reading), when set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ticket_type: Option<String>,
    pub created_at: DateTime<Utc>,
    /// Who made it.
    pub created_by: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revoked_at: Option<DateTime<Utc>>,
    /// SHA-256 of the secret, hex.
    pub secret_sha256: String,
}

/// Why a presented token does not authenticate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenRefusal {
    Unknown,
    Expired(DateTime<Utc>),
    Revoked(DateTime<Utc>),
}

impl fmt::Display for TokenRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TokenRefusal::Unknown => f.write_str("the token is not one this desk issued"),
            TokenRefusal::Expired(at) => write!(f, "the token expired at {}", at.to_rfc3339()),
            TokenRefusal::Revoked(at) => write!(f, "the token was revoked at {}", at.to_rfc3339()),
        }
    }
}

/// The prefix every secret starts with, so a leaked one is recognisable (secret scanners).
pub const SECRET_PREFIX: &str = "desk_";

impl Token {
    /// Whether it authenticates at `now`.
    pub fn check(&self, now: DateTime<Utc>) -> Result<(), TokenRefusal> {
        if let Some(at) = self.revoked_at {
            return Err(TokenRefusal::Revoked(at));
        }
        match self.expires_at {
            Some(at) if at <= now => Err(TokenRefusal::Expired(at)),
            _ => Ok(()),
        }
    }

    pub fn allows(&self, scope: Scope) -> bool {
        self.scopes.contains(&scope)
    }

    /// Whether it may touch tickets of `ticket_type`.
    pub fn allows_type(&self, ticket_type: &str) -> bool {
        self.ticket_type.as_deref().is_none_or(|only| only == ticket_type)
    }
}

/// A new secret from 32 bytes of the operating system's randomness.
pub fn new_secret(random: [u8; 32]) -> String {
    let hex: String = random.iter().map(|b| format!("{b:02x}")).collect();
    format!("{SECRET_PREFIX}{hex}")
}

pub fn secret_sha256(secret: &str) -> String {
    Sha256::digest(secret.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// `ticket:new,ticket:read` (or repeated flags) into scopes, each once, sorted.
pub fn parse_scopes<'a>(texts: impl IntoIterator<Item = &'a str>) -> Result<Vec<Scope>, DomainError> {
    let mut scopes = Vec::new();
    for text in texts {
        for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            scopes.push(part.parse::<Scope>()?);
        }
    }
    scopes.sort();
    scopes.dedup();
    if scopes.is_empty() {
        return Err(DomainError::invalid(
            "a token needs at least one scope (--scope ticket:new)",
        ));
    }
    Ok(scopes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn token() -> Token {
        Token {
            name: "ci".into(),
            user: "ci-bot".into(),
            scopes: vec![Scope::TicketNew],
            ticket_type: Some("ci-failure".into()),
            created_at: Utc.with_ymd_and_hms(2026, 3, 1, 0, 0, 0).unwrap(),
            created_by: "admin".into(),
            expires_at: Some(Utc.with_ymd_and_hms(2026, 6, 1, 0, 0, 0).unwrap()),
            revoked_at: None,
            secret_sha256: secret_sha256("desk_x"),
        }
    }

    #[test]
    fn scopes_parse_from_lists_and_unknown_ones_are_named() {
        assert_eq!(
            parse_scopes(["ticket:read,ticket:new", "ticket:new"]).unwrap(),
            [Scope::TicketNew, Scope::TicketRead]
        );
        let error = parse_scopes(["ticket:delete"]).unwrap_err().to_string();
        assert!(
            error.contains("ticket:delete") && error.contains("ticket:new"),
            "{error}"
        );
        assert!(parse_scopes([" , "]).is_err());
    }

    #[test]
    fn a_token_works_within_its_scopes_type_and_lifetime() {
        let mut t = token();
        let before = Utc.with_ymd_and_hms(2026, 5, 31, 23, 59, 59).unwrap();
        assert_eq!(t.check(before), Ok(()));
        assert!(matches!(
            t.check(t.expires_at.unwrap()),
            Err(TokenRefusal::Expired(_))
        ));
        assert!(t.allows(Scope::TicketNew) && !t.allows(Scope::TicketRead));
        assert!(t.allows_type("ci-failure") && !t.allows_type("incident"));
        t.revoked_at = Some(t.created_at);
        assert!(matches!(t.check(before), Err(TokenRefusal::Revoked(_))));
    }

    #[test]
    fn secrets_are_recognisable_and_only_their_hash_is_kept() {
        let secret = new_secret([7; 32]);
        assert!(secret.starts_with("desk_") && secret.len() == 5 + 64);
        assert_eq!(secret_sha256(&secret).len(), 64);
        assert_ne!(secret_sha256(&secret), secret_sha256(&new_secret([8; 32])));
    }
}
