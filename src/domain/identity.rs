//! Who is acting: the one seam through which an authenticated identity reaches desk.
//!
//! The edge authenticates (today: the OS account running the process; later a PostgreSQL
//! role or an API token) and hands the domain an [`Identity`]: the *real* user who
//! authenticated and the *effective* user whose rights and name a command uses. They differ
//! only under impersonation (`--as`), which is an admin's power and is recorded in every
//! event the command writes. Nothing below the edge reads flags or environment variables to
//! learn who is acting.

use std::fmt;

use super::error::DomainError;
use super::people::{Agent, Role};

/// How the real user was authenticated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum AuthMethod {
    /// The operating-system account running the process (getuid → login name).
    OsAccount,
    /// A name taken on trust from `--as` / `DESK_USER`, in a home created with
    /// `desk init --insecure-test-identities`. Never in a production home.
    TestIdentity,
    /// The PostgreSQL role the team store's server authenticated (`session_user`).
    DatabaseRole,
    /// An API token presented to `desk serve` (`desk token create`).
    ApiToken,
    /// A requester signed in to the web page (`desk serve`'s `/web`) with an e-mailed link.
    WebSession,
    /// A webhook whose request `desk serve` verified (Slack's signature), acting as the
    /// user its configuration names.
    SignedWebhook,
}

impl AuthMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            AuthMethod::OsAccount => "os-account",
            AuthMethod::TestIdentity => "insecure-test-identity",
            AuthMethod::DatabaseRole => "database-role",
            AuthMethod::ApiToken => "api-token",
            AuthMethod::WebSession => "web-session",
            AuthMethod::SignedWebhook => "signed-webhook",
        }
    }
}

/// An authenticated actor: who really acts, and as whom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    /// The desk user who authenticated.
    pub real: String,
    /// The desk user whose name and rights the command uses (`--as`), else `real`.
    pub effective: String,
    pub method: AuthMethod,
}

impl Identity {
    /// Acting as oneself.
    pub fn own(user: impl Into<String>, method: AuthMethod) -> Identity {
        let user = user.into();
        Identity {
            real: user.clone(),
            effective: user,
            method,
        }
    }

    pub fn is_impersonating(&self) -> bool {
        self.real != self.effective
    }

    /// The real user when impersonating: what events record beside the effective actor.
    pub fn impersonator(&self) -> Option<&str> {
        self.is_impersonating().then_some(self.real.as_str())
    }

    /// `real` acting as `target`: allowed only when `real` is an admin agent, or is no
    /// agent at all but owns the home's files (`owns_home`: they can read and rewrite all
    /// of it anyway, so refusing would protect nothing and lock out an upgraded home).
    /// `real_agent` is `real`'s agent record, if any.
    pub fn impersonate(
        real: &str,
        real_agent: Option<&Agent>,
        owns_home: bool,
        target: &str,
        method: AuthMethod,
    ) -> Result<Identity, DomainError> {
        if real == target {
            return Ok(Identity::own(real, method));
        }
        let allowed = match real_agent {
            Some(agent) => agent.role == Role::Admin,
            None => owns_home,
        };
        match real_agent {
            _ if allowed => Ok(Identity {
                real: real.to_string(),
                effective: target.to_string(),
                method,
            }),
            Some(agent) => Err(DomainError::denied(format!(
                "only admins may act as another user; {real} is a {} and cannot act as {target}",
                agent.role
            ))),
            None => Err(DomainError::denied(format!(
                "only admins may act as another user; {real} is not an agent and cannot act as {target}"
            ))),
        }
    }
}

impl fmt::Display for Identity {
    /// `alice`, or `alice (as bob)` under impersonation, as `ticket log` shows it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        display_actor(f, &self.effective, self.impersonator())
    }
}

/// How an event's actor reads: `bob`, or `alice (as bob)` when alice impersonated bob.
pub fn actor_label(effective: &str, real: Option<&str>) -> String {
    struct Label<'a>(&'a str, Option<&'a str>);
    impl fmt::Display for Label<'_> {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            display_actor(f, self.0, self.1)
        }
    }
    Label(effective, real).to_string()
}

fn display_actor(f: &mut fmt::Formatter<'_>, effective: &str, real: Option<&str>) -> fmt::Result {
    match real {
        Some(real) if real != effective => write!(f, "{real} (as {effective})"),
        _ => f.write_str(effective),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    fn agent(name: &str, role: Role) -> Agent {
        let at = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        Agent {
            name: name.into(),
            skills: vec![],
            capacity: 5,
            role,
            status: Default::default(),
            created_at: at,
            updated_at: at,
            os_user: None,
        }
    }

    #[test]
    fn only_admins_impersonate() {
        let admin = agent("root", Role::Admin);
        let id = Identity::impersonate("root", Some(&admin), false, "bob", AuthMethod::OsAccount).unwrap();
        assert!(id.is_impersonating());
        assert_eq!(id.to_string(), "root (as bob)");
        for role in [Role::Agent, Role::Lead] {
            let a = agent("dave", role);
            let e = Identity::impersonate("dave", Some(&a), true, "bob", AuthMethod::OsAccount).unwrap_err();
            assert!(e.to_string().contains("only admins"), "{e}");
        }
        let e = Identity::impersonate("carol", None, false, "bob", AuthMethod::OsAccount).unwrap_err();
        assert!(e.to_string().contains("carol is not an agent"), "{e}");
        // The owner of the home's files who is no agent (an upgraded home) may.
        assert!(Identity::impersonate("root", None, true, "bob", AuthMethod::OsAccount).is_ok());
    }

    #[test]
    fn acting_as_oneself_is_no_impersonation() {
        let id = Identity::impersonate("carol", None, false, "carol", AuthMethod::OsAccount).unwrap();
        assert!(!id.is_impersonating());
        assert_eq!(id.impersonator(), None);
        assert_eq!(id.to_string(), "carol");
        assert_eq!(actor_label("bob", Some("root")), "root (as bob)");
        assert_eq!(actor_label("bob", Some("bob")), "bob");
    }
}
