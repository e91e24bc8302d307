//! The requesters' web page's sign-in: a link sent by e-mail (a one-time secret valid for
//! a few minutes) starts a session (a cookie's secret, valid for some hours, with its own
//! CSRF token). The store keeps only the secrets' SHA-256, as for API tokens.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// How long an e-mailed sign-in link works.
pub const LINK_LIFETIME: Duration = Duration::minutes(15);
/// How long a session lasts from sign-in.
pub const SESSION_LIFETIME: Duration = Duration::hours(12);

/// A sign-in link, by the SHA-256 of its secret.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SignInLink {
    pub requester: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

impl SignInLink {
    pub fn new(requester: &str, now: DateTime<Utc>) -> Self {
        SignInLink {
            requester: requester.to_string(),
            created_at: now,
            expires_at: now + LINK_LIFETIME,
        }
    }

    pub fn is_valid(&self, now: DateTime<Utc>) -> bool {
        now < self.expires_at
    }
}

/// A signed-in requester's session, by the SHA-256 of its cookie.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub requester: String,
    /// Every form of the session carries it; a POST without it is refused.
    pub csrf: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

impl Session {
    pub fn new(requester: &str, csrf: String, now: DateTime<Utc>) -> Self {
        Session {
            requester: requester.to_string(),
            csrf,
            created_at: now,
            expires_at: now + SESSION_LIFETIME,
        }
    }

    pub fn is_valid(&self, now: DateTime<Utc>) -> bool {
        now < self.expires_at
    }

    /// Whether `sent` is this session's CSRF token, compared in constant time.
    pub fn csrf_matches(&self, sent: &str) -> bool {
        let (a, b) = (self.csrf.as_bytes(), sent.as_bytes());
        a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_and_sessions_expire_and_the_csrf_token_must_match_exactly() {
        let now = DateTime::UNIX_EPOCH;
        let link = SignInLink::new("carol", now);
        assert!(link.is_valid(now + Duration::minutes(14)));
        assert!(!link.is_valid(now + LINK_LIFETIME));
        let session = Session::new("carol", "abc123".into(), now);
        assert!(session.is_valid(now + Duration::hours(11)) && !session.is_valid(now + SESSION_LIFETIME));
        assert!(session.csrf_matches("abc123"));
        assert!(
            !session.csrf_matches("abc124") && !session.csrf_matches("abc12") && !session.csrf_matches("")
        );
    }
}
