//! Requester tiers (用户分类): what each class of requester may file, how often, at what
//! priority, and under which SLA policy. Defined in `config.toml` under `[tiers.NAME]`.

use std::time::Duration;

use chrono::{DateTime, Utc};

use super::error::DomainError;
use super::ticket::Priority;

/// At most `count` new tickets per requester in any `window`.
#[derive(Debug, Clone, PartialEq)]
pub struct RateLimit {
    pub count: u32,
    pub window: Duration,
    /// As written in the config, e.g. `5/1h`.
    pub text: String,
}

impl RateLimit {
    /// Parse `N/WINDOW`, e.g. `5/1h`, `50/1d`.
    pub fn parse(text: &str) -> Result<RateLimit, String> {
        let (count, window) = text
            .split_once('/')
            .ok_or_else(|| format!("rate limit `{text}` must look like 5/1h (count/window)"))?;
        let count: u32 = count
            .trim()
            .parse()
            .ok()
            .filter(|n| *n > 0)
            .ok_or_else(|| format!("rate limit `{text}`: the count must be a positive integer"))?;
        let window = humantime::parse_duration(window.trim())
            .map_err(|e| format!("rate limit `{text}`: bad window: {e}"))?;
        if window.is_zero() {
            return Err(format!(
                "rate limit `{text}`: the window must be longer than zero"
            ));
        }
        Ok(RateLimit {
            count,
            window,
            text: text.trim().to_string(),
        })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Tier {
    pub name: String,
    pub description: String,
    pub rate_limits: Vec<RateLimit>,
    /// Ticket types this tier may file; `*` allows all.
    pub types: Vec<String>,
    /// Filed priorities are raised to at least this.
    pub priority_floor: Option<Priority>,
    /// Filed priorities are raised by this many steps (low → normal → high → urgent).
    pub priority_boost: u8,
    /// The SLA policy for this tier's tickets (overrides the template's).
    pub sla: Option<String>,
    /// The department that handles this tier's tickets (overrides the template's).
    pub department: Option<String>,
}

/// A refusal by a rate limit, with when the requester may file again.
#[derive(Debug, Clone, PartialEq)]
pub struct RateLimited {
    pub limit: RateLimit,
    pub used: usize,
    pub next_allowed: DateTime<Utc>,
}

/// How much of one limit a requester has used.
#[derive(Debug, Clone, PartialEq)]
pub struct Usage {
    pub limit: RateLimit,
    pub used: usize,
    /// When the limit is used up: the time one more submission fits again.
    pub next_allowed: Option<DateTime<Utc>>,
}

impl Usage {
    /// Submissions left in the window now (0 when exhausted).
    pub fn remaining(&self) -> usize {
        (self.limit.count as usize).saturating_sub(self.used)
    }
}

impl RateLimit {
    /// When one more submission fits in this limit, if it does not fit at `now`: the
    /// moment the submission that blocks it leaves the window.
    pub fn next_allowed(&self, recent: &[DateTime<Utc>], now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let mut times: Vec<DateTime<Utc>> = in_window(recent, self, now).collect();
        if times.len() < self.count as usize {
            return None;
        }
        times.sort();
        let blocking = times[times.len() - self.count as usize];
        Some(blocking + chrono::Duration::from_std(self.window).unwrap_or(chrono::Duration::MAX))
    }
}

impl Tier {
    /// A tier that restricts nothing: for names the config does not define.
    pub fn unrestricted(name: &str) -> Tier {
        Tier {
            name: name.to_string(),
            description: String::new(),
            rate_limits: Vec::new(),
            types: vec!["*".to_string()],
            priority_floor: None,
            priority_boost: 0,
            sla: None,
            department: None,
        }
    }

    pub fn allows_type(&self, ticket_type: &str) -> bool {
        self.types.iter().any(|t| t == "*" || t == ticket_type)
    }

    /// Refuse a type the tier does not allow (exit 4 at the edge).
    pub fn check_type(&self, ticket_type: &str) -> Result<(), DomainError> {
        if self.allows_type(ticket_type) {
            Ok(())
        } else {
            Err(DomainError::denied(format!(
                "tier `{}` may not file `{ticket_type}` tickets (allowed types: {})",
                self.name,
                self.types.join(", ")
            )))
        }
    }

    /// The priority a ticket gets: the requested one, boosted, then raised to the floor.
    pub fn adjust_priority(&self, requested: Priority) -> Priority {
        let boosted_rank = requested.rank().saturating_sub(self.priority_boost);
        let mut priority = Priority::ALL[boosted_rank as usize];
        if let Some(floor) = self.priority_floor {
            if floor.rank() < priority.rank() {
                priority = floor;
            }
        }
        priority
    }

    /// Usage of every limit, given the times of the requester's recent submissions.
    pub fn usage(&self, recent: &[DateTime<Utc>], now: DateTime<Utc>) -> Vec<Usage> {
        self.rate_limits
            .iter()
            .map(|limit| Usage {
                limit: limit.clone(),
                used: in_window(recent, limit, now).count(),
                next_allowed: limit.next_allowed(recent, now),
            })
            .collect()
    }

    /// Whether one more submission at `now` stays within every limit. When refused, the
    /// next allowed time is when enough old submissions leave the tightest window.
    pub fn check_rate(&self, recent: &[DateTime<Utc>], now: DateTime<Utc>) -> Result<(), RateLimited> {
        let mut refusal: Option<RateLimited> = None;
        for limit in &self.rate_limits {
            let Some(next_allowed) = limit.next_allowed(recent, now) else {
                continue;
            };
            if refusal.as_ref().is_none_or(|r| next_allowed > r.next_allowed) {
                refusal = Some(RateLimited {
                    limit: limit.clone(),
                    used: in_window(recent, limit, now).count(),
                    next_allowed,
                });
            }
        }
        refusal.map_or(Ok(()), Err)
    }

    /// The longest window: submissions older than this no longer matter.
    pub fn longest_window(&self) -> Option<Duration> {
        self.rate_limits.iter().map(|l| l.window).max()
    }
}

fn in_window<'a>(
    recent: &'a [DateTime<Utc>],
    limit: &RateLimit,
    now: DateTime<Utc>,
) -> impl Iterator<Item = DateTime<Utc>> + 'a {
    let cutoff = now - chrono::Duration::from_std(limit.window).unwrap_or(chrono::Duration::MAX);
    // Submissions stamped after `now` count too: a command reads the clock when it starts,
    // and others may have filed while it waited for the store.
    recent.iter().copied().filter(move |at| *at > cutoff)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t(minute: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 1, 1, 10, minute, 0).unwrap()
    }

    fn tier(limits: &[&str]) -> Tier {
        Tier {
            rate_limits: limits.iter().map(|l| RateLimit::parse(l).unwrap()).collect(),
            ..Tier::unrestricted("standard")
        }
    }

    #[test]
    fn the_limit_is_reached_exactly_at_n_and_the_window_rolls() {
        let tier = tier(&["3/10m"]);
        let recent = vec![t(0), t(1), t(2)];
        assert!(tier.check_rate(&recent[..2], t(3)).is_ok());
        let refused = tier.check_rate(&recent, t(3)).unwrap_err();
        assert_eq!((refused.used, refused.next_allowed), (3, t(10)));
        assert!(
            tier.check_rate(&recent, t(10)).is_ok(),
            "the first one left the window"
        );
    }

    #[test]
    fn the_tightest_blocking_limit_decides_when_to_come_back() {
        let tier = tier(&["2/5m", "3/1h"]);
        let refused = tier.check_rate(&[t(0), t(20), t(21)], t(22)).unwrap_err();
        assert_eq!(refused.limit.text, "3/1h");
        assert_eq!(
            refused.next_allowed,
            Utc.with_ymd_and_hms(2026, 1, 1, 11, 0, 0).unwrap()
        );
    }

    #[test]
    fn priorities_are_boosted_and_floored() {
        let mut vip = Tier::unrestricted("vip");
        vip.priority_boost = 1;
        assert_eq!(vip.adjust_priority(Priority::Normal), Priority::High);
        assert_eq!(vip.adjust_priority(Priority::Urgent), Priority::Urgent);
        vip.priority_boost = 0;
        vip.priority_floor = Some(Priority::High);
        assert_eq!(vip.adjust_priority(Priority::Low), Priority::High);
        assert_eq!(vip.adjust_priority(Priority::Urgent), Priority::Urgent);
    }

    #[test]
    fn submissions_written_while_a_command_waited_still_count() {
        // The command read the clock at t(10); two others filed at t(10) and t(11) while it
        // waited for the store.
        let tier = tier(&["2/1h"]);
        assert!(tier.check_rate(&[t(10), t(11)], t(10)).is_err());
    }

    #[test]
    fn usage_counts_each_window_and_says_when_an_exhausted_one_frees_up() {
        let tier = tier(&["2/5m", "3/1h"]);
        let recent = [t(0), t(20), t(21)];
        let usage = tier.usage(&recent, t(22));
        let seen: Vec<_> = usage
            .iter()
            .map(|u| (u.limit.text.as_str(), u.used, u.remaining(), u.next_allowed))
            .collect();
        assert_eq!(
            seen,
            [
                ("2/5m", 2, 0, Some(t(25))),
                (
                    "3/1h",
                    3,
                    0,
                    Some(Utc.with_ymd_and_hms(2026, 1, 1, 11, 0, 0).unwrap())
                ),
            ]
        );
        // check_rate's answer is the latest of the exhausted limits' times.
        assert_eq!(
            Some(tier.check_rate(&recent, t(22)).unwrap_err().next_allowed),
            usage.iter().filter_map(|u| u.next_allowed).max()
        );
        // After the short window rolls, only the hour is still full.
        let later = tier.usage(&recent, t(26));
        assert_eq!(
            (later[0].used, later[0].remaining(), later[0].next_allowed),
            (0, 2, None)
        );
        assert_eq!(later[1].remaining(), 0);
    }

    #[test]
    fn a_submission_exactly_one_window_old_no_longer_counts() {
        let limit = RateLimit::parse("1/10m").unwrap();
        assert_eq!(limit.next_allowed(&[t(0)], t(9)), Some(t(10)));
        assert_eq!(limit.next_allowed(&[t(0)], t(10)), None);
        assert_eq!(limit.next_allowed(&[], t(0)), None);
    }

    #[test]
    fn types_are_allowed_by_name_or_star() {
        let mut internal = Tier::unrestricted("internal");
        assert!(internal.allows_type("anything"));
        internal.types = vec!["incident".into(), "ci-failure".into()];
        assert!(internal.check_type("incident").is_ok());
        let refused = internal.check_type("customer-complaint").unwrap_err().to_string();
        assert!(
            refused.contains("allowed types: incident, ci-failure"),
            "{refused}"
        );
    }

    #[test]
    fn an_enterprise_floor_lifts_low_to_normal_and_leaves_higher_alone() {
        let mut enterprise = Tier::unrestricted("enterprise");
        enterprise.priority_floor = Some(Priority::Normal);
        assert_eq!(enterprise.adjust_priority(Priority::Low), Priority::Normal);
        assert_eq!(enterprise.adjust_priority(Priority::High), Priority::High);
        // Boost then floor: a boost of 3 from low reaches urgent, never past it.
        enterprise.priority_boost = 3;
        assert_eq!(enterprise.adjust_priority(Priority::Low), Priority::Urgent);
        assert_eq!(enterprise.adjust_priority(Priority::High), Priority::Urgent);
    }

    #[test]
    fn limits_parse_and_reject_nonsense() {
        let limit = RateLimit::parse("5/1h").unwrap();
        assert_eq!((limit.count, limit.window), (5, Duration::from_secs(3600)));
        for bad in ["5", "0/1h", "x/1h", "5/soon", "5/0s"] {
            assert!(RateLimit::parse(bad).is_err(), "{bad}");
        }
    }
}
