//! The `[sla]` part of `config.toml`: policies and business-hours calendars, checked with
//! the line and column of any mistake.

use std::collections::BTreeMap;
use std::ops::Range;
use std::time::Duration;

use serde::Deserialize;
use toml::Spanned;

use super::calendar::Calendar;
use super::sla::{Escalation, Milestone, Policy, SlaConfig, WarnAt};
use super::template::FileError;
use super::ticket::Priority;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSla {
    default_policy: Option<Spanned<String>>,
    warn: Option<Spanned<String>>,
    #[serde(default)]
    calendars: BTreeMap<String, RawCalendar>,
    #[serde(default)]
    policies: BTreeMap<String, RawPolicy>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCalendar {
    timezone: Spanned<String>,
    /// Monday to Friday, unless a day of its own is given.
    weekdays: Option<Spanned<String>>,
    mon: Option<Spanned<String>>,
    tue: Option<Spanned<String>>,
    wed: Option<Spanned<String>>,
    thu: Option<Spanned<String>>,
    fri: Option<Spanned<String>>,
    sat: Option<Spanned<String>>,
    sun: Option<Spanned<String>>,
    #[serde(default)]
    holidays: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPolicy {
    calendar: Option<Spanned<String>>,
    warn: Option<Spanned<String>>,
    first_response: Option<RawTargets>,
    resolution: Option<RawTargets>,
    confirmation: Option<RawTargets>,
    #[serde(default)]
    escalation: RawEscalation,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTargets {
    urgent: Option<Spanned<String>>,
    high: Option<Spanned<String>>,
    normal: Option<Spanned<String>>,
    low: Option<Spanned<String>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawEscalation {
    #[serde(default)]
    raise_priority: bool,
    #[serde(default)]
    notify_lead: bool,
    #[serde(default)]
    reassign: bool,
    tag: Option<String>,
}

impl RawSla {
    pub(super) fn parse(self, file: &str, source: &str) -> Result<SlaConfig, FileError> {
        let at = |span: Range<usize>, reason: String| FileError::at(file, source, Some(span), reason);
        let warn = match &self.warn {
            Some(text) => {
                WarnAt::parse(text.get_ref()).map_err(|e| at(text.span(), format!("sla.warn: {e}")))?
            }
            None => WarnAt::Fraction(0.75),
        };
        let mut calendars = BTreeMap::new();
        for (name, raw) in self.calendars {
            let span = raw.timezone.span();
            let timezone = raw.timezone.get_ref().parse().map_err(|_| {
                at(
                    span.clone(),
                    format!(
                        "sla.calendars.{name}: unknown time zone `{}` (use an IANA name like Asia/Shanghai)",
                        raw.timezone.get_ref()
                    ),
                )
            })?;
            let mut hours: [Vec<_>; 7] = Default::default();
            let days = [
                &raw.mon, &raw.tue, &raw.wed, &raw.thu, &raw.fri, &raw.sat, &raw.sun,
            ];
            for (index, day) in days.into_iter().enumerate() {
                let text = day
                    .as_ref()
                    .or(if index < 5 { raw.weekdays.as_ref() } else { None });
                if let Some(text) = text {
                    hours[index] = Calendar::parse_ranges(text.get_ref())
                        .map_err(|e| at(text.span(), format!("sla.calendars.{name}: {e}")))?;
                }
            }
            let mut holidays = std::collections::BTreeSet::new();
            for day in &raw.holidays {
                let date = day.get_ref().parse().map_err(|_| {
                    at(
                        day.span(),
                        format!(
                            "sla.calendars.{name}: `{}` is not a date like 2026-12-25",
                            day.get_ref()
                        ),
                    )
                })?;
                holidays.insert(date);
            }
            let calendar = Calendar {
                name: name.clone(),
                timezone,
                hours,
                holidays,
            };
            if !calendar.has_working_time() {
                return Err(at(
                    span,
                    format!("sla.calendars.{name}: no working hours on any day"),
                ));
            }
            calendars.insert(name, calendar);
        }
        let mut policies = BTreeMap::new();
        for (name, raw) in self.policies {
            if let Some(calendar) = &raw.calendar {
                if !calendars.contains_key(calendar.get_ref()) {
                    return Err(at(
                        calendar.span(),
                        format!(
                            "sla.policies.{name}: no calendar `{}` is defined",
                            calendar.get_ref()
                        ),
                    ));
                }
            }
            let warn = match &raw.warn {
                Some(text) => WarnAt::parse(text.get_ref())
                    .map_err(|e| at(text.span(), format!("sla.policies.{name}.warn: {e}")))?,
                None => warn,
            };
            let mut targets = BTreeMap::new();
            for (milestone, raw_targets) in [
                (Milestone::FirstResponse, &raw.first_response),
                (Milestone::Resolution, &raw.resolution),
                (Milestone::Confirmation, &raw.confirmation),
            ] {
                let Some(raw_targets) = raw_targets else { continue };
                let mut per_priority = BTreeMap::new();
                for (priority, text) in [
                    (Priority::Urgent, &raw_targets.urgent),
                    (Priority::High, &raw_targets.high),
                    (Priority::Normal, &raw_targets.normal),
                    (Priority::Low, &raw_targets.low),
                ] {
                    let Some(text) = text else { continue };
                    let target = parse_target(text.get_ref()).map_err(|e| {
                        at(
                            text.span(),
                            format!("sla.policies.{name}.{}.{priority}: {e}", milestone.as_str()),
                        )
                    })?;
                    per_priority.insert(priority, target);
                }
                targets.insert(milestone, per_priority);
            }
            policies.insert(
                name.clone(),
                Policy {
                    name,
                    calendar: raw.calendar.map(Spanned::into_inner),
                    targets,
                    warn,
                    escalation: Escalation {
                        raise_priority: raw.escalation.raise_priority,
                        notify_lead: raw.escalation.notify_lead,
                        reassign: raw.escalation.reassign,
                        tag: raw.escalation.tag,
                    },
                },
            );
        }
        let default_policy = match self.default_policy {
            Some(name) if !policies.is_empty() && !policies.contains_key(name.get_ref()) => {
                return Err(at(
                    name.span(),
                    format!("sla.default_policy: no policy `{}` is defined", name.get_ref()),
                ))
            }
            Some(name) => name.into_inner(),
            None => "standard".to_string(),
        };
        Ok(SlaConfig {
            default_policy,
            calendars,
            policies,
        })
    }
}

fn parse_target(text: &str) -> Result<Duration, String> {
    let target = humantime::parse_duration(text)
        .map_err(|e| format!("`{text}`: {e} (write e.g. \"4h\" or \"2d\")"))?;
    if target.is_zero() {
        return Err("a target must be longer than zero".into());
    }
    Ok(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(source: &str) -> Result<SlaConfig, FileError> {
        #[derive(Deserialize)]
        struct Wrapper {
            sla: RawSla,
        }
        let raw: Wrapper = toml::from_str(source).map_err(|e| FileError::from_toml("c.toml", source, &e))?;
        raw.sla.parse("c.toml", source)
    }

    #[test]
    fn policies_and_calendars_parse() {
        let config = parse(
            "[sla]\ndefault_policy = \"std\"\n[sla.calendars.office]\ntimezone = \"Asia/Shanghai\"\n\
             weekdays = \"09:00-18:00\"\nsat = \"10:00-12:00\"\nholidays = [\"2026-10-01\"]\n\
             [sla.policies.std]\ncalendar = \"office\"\nwarn = \"2h\"\n\
             first_response = { high = \"1h\", normal = \"4h\" }\nescalation = { raise_priority = true }\n",
        )
        .unwrap();
        let policy = &config.policies["std"];
        assert_eq!(
            policy.target(Milestone::FirstResponse, Priority::Normal),
            Some(Duration::from_secs(4 * 3600))
        );
        assert_eq!(policy.target(Milestone::Resolution, Priority::Normal), None);
        assert_eq!(policy.warn, WarnAt::Before(Duration::from_secs(7200)));
        assert!(policy.escalation.raise_priority);
        let office = &config.calendars["office"];
        assert_eq!(office.hours[5].len(), 1, "saturday morning");
        assert!(office.hours[6].is_empty());
    }

    #[test]
    fn mistakes_are_located() {
        let e = parse("[sla.calendars.x]\ntimezone = \"Mars/Olympus\"\nweekdays = \"09:00-17:00\"\n")
            .unwrap_err();
        assert_eq!((e.line, e.column), (2, 12), "{e}");
        let e = parse("[sla.policies.p]\ncalendar = \"nope\"\n").unwrap_err();
        assert!(e.to_string().contains("no calendar `nope`"), "{e}");
        let e = parse("[sla.policies.p]\nresolution = { normal = \"soon\" }\n").unwrap_err();
        assert!(e.to_string().contains("sla.policies.p.resolution.normal"), "{e}");
        let e = parse("[sla]\ndefault_policy = \"x\"\n[sla.policies.p]\n").unwrap_err();
        assert!(e.to_string().contains("no policy `x`"), "{e}");
    }
}
