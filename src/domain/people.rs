//! Agents (客服/处理人) who handle tickets, and requesters (发起人) who file them.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::error::DomainError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Agent,
    Lead,
    Admin,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Agent, Role::Lead, Role::Admin];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Agent => "agent",
            Role::Lead => "lead",
            Role::Admin => "admin",
        }
    }

    /// Leads and admins may assign and transfer tickets they do not own.
    pub fn can_dispatch(self) -> bool {
        matches!(self, Role::Lead | Role::Admin)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = DomainError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL.into_iter().find(|r| r.as_str() == s).ok_or_else(|| {
            DomainError::invalid(format!("unknown role `{s}` (expected agent, lead or admin)"))
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum AgentStatus {
    Online,
    #[default]
    Offline,
    Busy,
}

impl AgentStatus {
    pub const ALL: [AgentStatus; 3] = [AgentStatus::Online, AgentStatus::Offline, AgentStatus::Busy];

    pub fn as_str(self) -> &'static str {
        match self {
            AgentStatus::Online => "online",
            AgentStatus::Offline => "offline",
            AgentStatus::Busy => "busy",
        }
    }
}

impl fmt::Display for AgentStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for AgentStatus {
    type Err = DomainError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        AgentStatus::ALL
            .into_iter()
            .find(|st| st.as_str() == s)
            .ok_or_else(|| {
                DomainError::invalid(format!(
                    "unknown agent status `{s}` (expected online, offline or busy)"
                ))
            })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Agent {
    pub name: String,
    #[serde(default)]
    pub skills: Vec<String>,
    /// The most open tickets the agent should hold at once.
    pub capacity: u32,
    pub role: Role,
    pub status: AgentStatus,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// The OS account that signs in as this agent, when it is not the agent's own name
    /// (`desk agent add bob --os-user bwang`). See [`super::identity`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub os_user: Option<String>,
}

impl Agent {
    pub const DEFAULT_CAPACITY: u32 = 10;
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Requester {
    pub name: String,
    pub tier: String,
    pub created_at: DateTime<Utc>,
    /// The OS account that signs in as this requester, when it is not the same name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub os_user: Option<String>,
}

impl Requester {
    pub const DEFAULT_TIER: &'static str = "standard";
}

/// The one spelling of a requester's name: e-mail addresses are case-insensitive in
/// practice (and `desk ingest email` lowercases senders), so a name with `@` is lowercased;
/// other names are kept as written.
pub fn canonical_requester(name: &str) -> String {
    let name = name.trim();
    if name.contains('@') {
        name.to_lowercase()
    } else {
        name.to_string()
    }
}

/// Agent, requester and tier names: what a shell user would type, safe inside index keys.
pub fn validate_name(kind: &str, name: &str) -> Result<(), DomainError> {
    let ok = !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '@' | '+'));
    if ok {
        Ok(())
    } else {
        Err(DomainError::invalid(format!(
            "invalid {kind} name `{name}`: use 1-64 letters, digits, `-`, `_`, `.`, `@` or `+`"
        )))
    }
}

/// An agent's skill as written: `name`, or `name:N` with a level N from 1 to 5 (no level
/// means full mastery). Returns the name and the level. Templates name skills without
/// levels ([`validate_skill`]).
pub fn parse_agent_skill(text: &str) -> Result<(&str, Option<u8>), DomainError> {
    let Some((name, level)) = text.split_once(':') else {
        validate_skill(text)?;
        return Ok((text, None));
    };
    validate_skill(name)?;
    match level.parse::<u8>() {
        Ok(n) if (1..=5).contains(&n) => Ok((name, Some(n))),
        _ => Err(DomainError::invalid(format!(
            "invalid skill level in `{text}`: write `{name}:N` with N from 1 to 5, or `{name}` for full mastery"
        ))),
    }
}

/// Skill names: lowercase words, the same alphabet as template names.
pub fn validate_skill(skill: &str) -> Result<(), DomainError> {
    let ok = !skill.is_empty()
        && skill
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    if ok {
        Ok(())
    } else {
        Err(DomainError::invalid(format!(
            "invalid skill `{skill}`: use lowercase letters, digits, `-` or `_`"
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agent_skills_take_an_optional_level_from_1_to_5() {
        assert_eq!(parse_agent_skill("db").unwrap(), ("db", None));
        assert_eq!(parse_agent_skill("db:3").unwrap(), ("db", Some(3)));
        for bad in ["db:0", "db:6", "db:", "db:x", ":3", "DB:3", "db:3:4"] {
            assert!(parse_agent_skill(bad).is_err(), "{bad} parsed");
        }
        assert!(
            validate_skill("db:3").is_err(),
            "templates name skills without levels"
        );
    }
}
