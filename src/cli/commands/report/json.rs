//! `--format json` (and the global `--json`): the stable machine schema. Durations are
//! seconds, rates 0..1 rounded to 4 decimals, times RFC 3339.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use super::round4;
use crate::cli::error::CommandError;
use crate::domain::report::{DurationStats, GroupBy, Measures, Report, AGE_BUCKETS, WEEKDAYS};

pub fn render(report: &Report) -> Result<String, CommandError> {
    let mut text = serde_json::to_string_pretty(&ReportJson::new(report)).map_err(std::io::Error::from)?;
    text.push('\n');
    Ok(text)
}

#[derive(Serialize)]
struct ReportJson {
    since: DateTime<Utc>,
    until: DateTime<Utc>,
    now: DateTime<Utc>,
    /// The IANA zone days, weeks, weekdays and hours are read in.
    tz: String,
    /// `type`, `agent`, `tier`, `priority`, `requester`, `day`, `week`, `weekday`, `hour`,
    /// or null for the summary only.
    by: Option<&'static str>,
    total: MeasuresJson,
    /// One entry per group, in name order (empty without `--by`).
    groups: Vec<GroupJson>,
    /// Tickets filed and closed per day, from the first to the last day with either.
    daily: Vec<DayJson>,
    /// With `--by hour` or `--by weekday`: counts by weekday (Monday first) × hour (0–23).
    #[serde(skip_serializing_if = "Option::is_none")]
    heatmap: Option<HeatmapJson>,
}

#[derive(Serialize)]
struct GroupJson {
    group: String,
    #[serde(flatten)]
    measures: MeasuresJson,
}

#[derive(Serialize)]
pub(super) struct MeasuresJson {
    created: u64,
    closed: u64,
    reopened: u64,
    backlog: BacklogJson,
    /// closed ÷ created (null when nothing was created).
    resolution_rate: Option<f64>,
    /// reopened ÷ closed (null when nothing closed).
    reopen_rate: Option<f64>,
    escalations: u64,
    /// Seconds (business time where the ticket's SLA policy has a calendar).
    first_response: DurationJson,
    /// Seconds (business time where the ticket's SLA policy has a calendar).
    resolution: DurationJson,
    sla: Vec<SlaJson>,
    /// Closed tickets with no breach of any milestone, and their share of closed.
    sla_met: u64,
    sla_attainment: Option<f64>,
    /// Replies that answered with a knowledge-base article.
    kb_answers: u64,
    csat: CsatJson,
}

#[derive(Serialize)]
struct BacklogJson {
    unclaimed: u64,
    pending: u64,
    awaiting: u64,
    total: u64,
    /// Open tickets by age since filing: `<1d`, `1-3d`, `3-7d`, `7-30d`, `>30d`.
    ages: Vec<AgeJson>,
}

#[derive(Serialize)]
struct AgeJson {
    age: &'static str,
    count: u64,
}

#[derive(Serialize)]
struct DurationJson {
    count: usize,
    median: Option<u64>,
    p90: Option<u64>,
    mean: Option<u64>,
}

#[derive(Serialize)]
struct SlaJson {
    milestone: &'static str,
    breached: u64,
    closed: u64,
    attainment: Option<f64>,
}

#[derive(Serialize)]
struct CsatJson {
    count: u64,
    average: Option<f64>,
}

#[derive(Serialize)]
struct DayJson {
    date: NaiveDate,
    created: u64,
    closed: u64,
}

#[derive(Serialize)]
struct HeatmapJson {
    weekdays: [&'static str; 7],
    arrivals: [[u64; 24]; 7],
    handled: [[u64; 24]; 7],
}

impl ReportJson {
    fn new(report: &Report) -> Self {
        ReportJson {
            since: report.period.since,
            until: report.period.until,
            now: report.now,
            tz: report.tz.name().to_string(),
            by: report.group_by.map(GroupBy::as_str),
            total: MeasuresJson::new(&report.total),
            groups: report
                .groups
                .iter()
                .map(|(group, measures)| GroupJson {
                    group: group.clone(),
                    measures: MeasuresJson::new(measures),
                })
                .collect(),
            daily: report
                .daily
                .iter()
                .map(|d| DayJson {
                    date: d.date,
                    created: d.created,
                    closed: d.closed,
                })
                .collect(),
            heatmap: report.heatmap.as_ref().map(|h| HeatmapJson {
                weekdays: WEEKDAYS,
                arrivals: h.arrivals,
                handled: h.handled,
            }),
        }
    }
}

impl MeasuresJson {
    pub(super) fn new(m: &Measures) -> Self {
        let duration = |d: &DurationStats| DurationJson {
            count: d.count,
            median: d.median,
            p90: d.p90,
            mean: d.mean,
        };
        MeasuresJson {
            created: m.created,
            closed: m.closed,
            reopened: m.reopened,
            backlog: BacklogJson {
                unclaimed: m.backlog.unclaimed,
                pending: m.backlog.pending,
                awaiting: m.backlog.awaiting,
                total: m.backlog.total(),
                ages: AGE_BUCKETS
                    .iter()
                    .zip(m.backlog.ages)
                    .map(|((age, _), count)| AgeJson { age, count })
                    .collect(),
            },
            resolution_rate: m.resolution_rate().map(round4),
            reopen_rate: m.reopen_rate().map(round4),
            escalations: m.escalations,
            first_response: duration(&m.first_response),
            resolution: duration(&m.resolution),
            sla: m
                .sla
                .iter()
                .map(|s| SlaJson {
                    milestone: s.milestone.as_str(),
                    breached: s.breached,
                    closed: s.closed,
                    attainment: s.attainment().map(round4),
                })
                .collect(),
            sla_met: m.sla_met,
            sla_attainment: m.sla_attainment().map(round4),
            kb_answers: m.kb_answers,
            csat: CsatJson {
                count: m.csat_count,
                average: m.csat_average.map(round4),
            },
        }
    }
}
