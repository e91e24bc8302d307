//! `config.toml`: the settings of one desk home. Parsed strictly, located errors.

use std::collections::BTreeMap;
use std::time::Duration;

use serde::Deserialize;

use super::notify::NotifyConfig;
use super::notify_config::RawNotify;
use super::sla::SlaConfig;
use super::sla_config::RawSla;
use super::template::FileError;
use super::ticket::Priority;
use super::tier::{RateLimit, Tier};

#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub archive: ArchiveConfig,
    pub requesters: RequesterConfig,
    /// Requester tiers by name.
    pub tiers: BTreeMap<String, Tier>,
    pub email: EmailConfig,
    /// SLA policies and business-hours calendars.
    pub sla: SlaConfig,
    /// Notification sinks, routing rules and retries (`[notify]`).
    pub notify: NotifyConfig,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ArchiveConfig {
    /// Closed tickets older than this move from the hot store to the cold archive.
    pub after: Duration,
    /// At most this many tickets move per command, so no command pays for a backlog.
    pub batch: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RequesterConfig {
    /// The tier of requesters that have no record.
    pub default_tier: String,
    /// The tier of agents filing for themselves without a requester record (employees).
    pub agent_tier: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EmailConfig {
    /// The ticket type new tickets from e-mail get.
    pub template: String,
    /// Attachments larger than this are listed but their bytes are not kept.
    pub max_attachment_bytes: u64,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            archive: ArchiveConfig {
                after: Duration::from_secs(7 * 24 * 3600),
                batch: 256,
            },
            requesters: RequesterConfig {
                default_tier: "standard".to_string(),
                agent_tier: "internal".to_string(),
            },
            tiers: BTreeMap::new(),
            email: EmailConfig {
                template: "customer-complaint".to_string(),
                max_attachment_bytes: 5 * 1024 * 1024,
            },
            sla: SlaConfig {
                default_policy: "standard".to_string(),
                calendars: BTreeMap::new(),
                policies: BTreeMap::new(),
            },
            notify: NotifyConfig::default(),
        }
    }
}

impl Config {
    /// The tier called `name`; a name the config does not define restricts nothing.
    pub fn tier(&self, name: &str) -> Tier {
        self.tiers
            .get(name)
            .cloned()
            .unwrap_or_else(|| Tier::unrestricted(name))
    }
}

/// The file `desk init` writes: every setting, with what it does.
pub const DEFAULT_CONFIG_TOML: &str = r#"# desk configuration. Every key is optional; without a key, desk uses the value shown.

[archive]
# Closed tickets older than this move from the hot store to the cold archive
# (they stay readable with `desk ticket show`). Units: s, m, h, d, w.
after = "7d"
# At most this many tickets move per command, keeping every call fast.
batch = 256

[requesters]
# Tier of requesters that were never added with `desk requester add`.
default_tier = "standard"
# Tier of agents filing for themselves (employees) without a requester record.
agent_tier = "internal"

# Requester tiers (用户分类). Per tier, all optional:
#   rate_limits    = ["5/1h", "50/1d"]  at most N new tickets per window, per requester
#   types          = ["*"]              ticket types the tier may file ("*" = all)
#   priority_boost = 1                  filed priority is raised this many steps (normal -> high)
#   priority_floor = "high"             ...and then to at least this
#   sla            = "vip"              SLA policy for the tier's tickets
# A tier the config does not define restricts nothing.

[tiers.standard]
description = "Customers on the standard plan"
rate_limits = ["20/1h", "100/1d"]
types = ["*"]

[tiers.vip]
description = "VIP customers"
rate_limits = ["50/1h"]
types = ["*"]
priority_boost = 1
sla = "vip"

[tiers.enterprise]
description = "Enterprise contracts"
types = ["*"]
priority_floor = "normal"
sla = "enterprise"

[tiers.internal]
description = "Employees"
types = ["incident", "access-request", "ci-failure"]

[sla]
# SLA (时效) policies: targets per priority for three milestones, counted from creation:
#   first_response  to the first reply by a handler
#   resolution      while the ticket is unclaimed or pending (awaiting the requester pauses
#                   it; the close, measured up to the handler's last solving reply, meets it)
#   confirmation    from the handler's reply that asks for confirmation to the requester's
# A ticket uses the policy of its requester's tier, else its template's `sla`, else this:
default_policy = "standard"
# When a running milestone turns "at risk": a share of its target ("75%") or a time before
# its deadline ("4h"); a policy may set its own `warn`.
warn = "75%"

# Business-hours calendars. A policy with `calendar = "office"` counts only these hours;
# a policy without a calendar counts every hour (24/7).
[sla.calendars.office]
timezone = "UTC"              # an IANA name, e.g. "Asia/Shanghai", "Europe/Berlin"
weekdays = "09:00-18:00"      # Monday to Friday; a day of its own overrides it:
# mon = "09:00-12:00,13:00-18:00"
# sat = "10:00-14:00"
holidays = []                 # e.g. ["2026-12-25", "2027-01-01"]

# Targets in s, m, h, d, w; a priority or milestone left out is not tracked. On a breach,
# `escalation` can raise the priority one step, notify the leads, hand an unclaimed ticket
# to `assign auto`, and add a tag; each action is recorded in the ticket's history.
[sla.policies.standard]
calendar = "office"
first_response = { urgent = "1h", high = "4h", normal = "8h", low = "2d" }
resolution = { urgent = "8h", high = "1d", normal = "3d", low = "5d" }
confirmation = { urgent = "2d", high = "2d", normal = "3d", low = "5d" }
escalation = { raise_priority = true, notify_lead = true, tag = "sla-breached" }

[sla.policies.vip]
first_response = { urgent = "30m", high = "1h", normal = "2h", low = "8h" }
resolution = { urgent = "4h", high = "8h", normal = "1d", low = "2d" }
confirmation = { urgent = "1d", high = "1d", normal = "2d", low = "3d" }
escalation = { raise_priority = true, notify_lead = true, tag = "sla-breached" }

[sla.policies.enterprise]
first_response = { urgent = "15m", high = "1h", normal = "4h", low = "1d" }
resolution = { urgent = "4h", high = "1d", normal = "2d", low = "4d" }
escalation = { notify_lead = true, tag = "sla-breached" }

[sla.policies.internal]
calendar = "office"
first_response = { urgent = "30m", high = "2h", normal = "1d", low = "3d" }
resolution = { urgent = "4h", high = "1d", normal = "3d", low = "1w" }
escalation = { notify_lead = true }

[sla.policies.incident]
first_response = { urgent = "15m", high = "30m", normal = "2h", low = "8h" }
resolution = { urgent = "4h", high = "8h", normal = "1d", low = "3d" }
escalation = { raise_priority = true, notify_lead = true, reassign = true, tag = "sla-breached" }

[sla.policies.customer]
calendar = "office"
warn = "4h"
first_response = { urgent = "1h", high = "4h", normal = "1d", low = "2d" }
resolution = { urgent = "1d", high = "2d", normal = "48h", low = "5d" }
confirmation = { normal = "3d", high = "3d", urgent = "3d", low = "3d" }
escalation = { notify_lead = true, tag = "sla-breached" }

[email]
# `desk ingest email` files new tickets of this type.
template = "customer-complaint"
# Attachments up to this size are stored; larger ones are only listed.
max_attachment_bytes = 5242880
"#;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    archive: RawArchive,
    #[serde(default)]
    requesters: RawRequesters,
    #[serde(default)]
    tiers: BTreeMap<String, toml::Spanned<RawTier>>,
    #[serde(default)]
    email: RawEmail,
    #[serde(default)]
    sla: RawSla,
    #[serde(default)]
    notify: RawNotify,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawArchive {
    after: Option<toml::Spanned<String>>,
    batch: Option<toml::Spanned<i64>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawRequesters {
    default_tier: Option<toml::Spanned<String>>,
    agent_tier: Option<toml::Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTier {
    #[serde(default)]
    description: String,
    #[serde(default)]
    rate_limits: Vec<toml::Spanned<String>>,
    types: Option<Vec<String>>,
    priority_floor: Option<Priority>,
    #[serde(default)]
    priority_boost: u8,
    sla: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawEmail {
    template: Option<String>,
    max_attachment_bytes: Option<u64>,
}

impl Config {
    pub fn parse(file: &str, source: &str) -> Result<Config, FileError> {
        let raw: RawConfig = toml::from_str(source).map_err(|e| FileError::from_toml(file, source, &e))?;
        let at = |span, reason: String| FileError::at(file, source, Some(span), reason);
        let mut config = Config::default();
        if let Some(after) = raw.archive.after {
            config.archive.after = humantime::parse_duration(after.get_ref()).map_err(|e| {
                at(
                    after.span(),
                    format!("archive.after: {e} (write e.g. \"7d\" or \"36h\")"),
                )
            })?;
        }
        if let Some(batch) = raw.archive.batch {
            let value = *batch.get_ref();
            if !(1..=100_000).contains(&value) {
                return Err(at(batch.span(), "archive.batch must be 1 to 100000".into()));
            }
            config.archive.batch = value as usize;
        }
        for (name, raw_tier) in raw.tiers {
            let span = raw_tier.span();
            let raw_tier = raw_tier.into_inner();
            let mut rate_limits = Vec::new();
            for limit in raw_tier.rate_limits {
                rate_limits.push(
                    RateLimit::parse(limit.get_ref())
                        .map_err(|e| at(limit.span(), format!("tiers.{name}: {e}")))?,
                );
            }
            if raw_tier.priority_boost > 3 {
                return Err(at(span, format!("tiers.{name}: priority_boost must be 0 to 3")));
            }
            config.tiers.insert(
                name.clone(),
                Tier {
                    name,
                    description: raw_tier.description,
                    rate_limits,
                    types: raw_tier.types.unwrap_or_else(|| vec!["*".to_string()]),
                    priority_floor: raw_tier.priority_floor,
                    priority_boost: raw_tier.priority_boost,
                    sla: raw_tier.sla,
                },
            );
        }
        // A misspelt tier here would silently lift every limit from everyone it covers.
        for (key, tier) in [
            ("default_tier", raw.requesters.default_tier),
            ("agent_tier", raw.requesters.agent_tier),
        ] {
            let Some(tier) = tier else { continue };
            if !config.tiers.is_empty() && !config.tiers.contains_key(tier.get_ref()) {
                let defined: Vec<&str> = config.tiers.keys().map(String::as_str).collect();
                return Err(at(
                    tier.span(),
                    format!(
                        "requesters.{key}: no tier `{}` is defined (tiers: {})",
                        tier.get_ref(),
                        defined.join(", ")
                    ),
                ));
            }
            let name = tier.into_inner();
            match key {
                "default_tier" => config.requesters.default_tier = name,
                _ => config.requesters.agent_tier = name,
            }
        }
        config.sla = raw.sla.parse(file, source)?;
        config.notify = raw.notify.parse(file, source)?;
        if let Some(template) = raw.email.template {
            config.email.template = template;
        }
        if let Some(max) = raw.email.max_attachment_bytes {
            config.email.max_attachment_bytes = max;
        }
        Ok(config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_written_default_parses_with_its_tiers() {
        let config = Config::parse("config.toml", DEFAULT_CONFIG_TOML).unwrap();
        assert_eq!(config.archive, Config::default().archive);
        assert_eq!(config.tiers.len(), 4);
        assert_eq!(config.tiers["vip"].priority_boost, 1);
        assert_eq!(config.tiers["standard"].rate_limits[0].count, 20);
        assert!(!config.tier("internal").allows_type("customer-complaint"));
        assert!(config.tier("undefined").allows_type("anything"));
    }

    #[test]
    fn the_default_tiers_must_be_defined() {
        let source = "[requesters]\ndefault_tier = \"standrd\"\n[tiers.standard]\n";
        let e = Config::parse("c.toml", source).unwrap_err();
        assert_eq!((e.line, e.column), (2, 16), "{e}");
        assert!(
            e.to_string()
                .contains("no tier `standrd` is defined (tiers: standard)"),
            "{e}"
        );
        // With no tiers at all (an older config), names are not checked: nothing is limited.
        assert!(Config::parse("c.toml", "[requesters]\ndefault_tier = \"x\"\n").is_ok());
    }

    #[test]
    fn bad_values_are_located() {
        let e = Config::parse("c.toml", "[archive]\nafter = \"soon\"\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 9), "{e}");
        let e = Config::parse("c.toml", "[tiers.vip]\nrate_limits = [\"5/1h\", \"lots\"]\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 24), "{e}");
    }
}
