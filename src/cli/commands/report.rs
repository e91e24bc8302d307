//! `desk report`: the desk's figures over a period, from the history of every ticket, hot
//! and archived (the measures are defined in `domain::report`).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use clap::{Args, ValueEnum};
use serde::Serialize;

use crate::cli::context::Context;
use crate::cli::error::CommandError;
use crate::cli::ui::StyledCell;
use crate::domain::report::{DurationStats, GroupBy, Measures, Period, Report, ReportBuilder};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum By {
    Type,
    Agent,
    Tier,
    Priority,
    Day,
    Hour,
}

impl From<By> for GroupBy {
    fn from(by: By) -> GroupBy {
        match by {
            By::Type => GroupBy::Type,
            By::Agent => GroupBy::Agent,
            By::Tier => GroupBy::Tier,
            By::Priority => GroupBy::Priority,
            By::Day => GroupBy::Day,
            By::Hour => GroupBy::Hour,
        }
    }
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Start of the period: an RFC 3339 time, a date (2026-03-01) or an age (7d, 12h, 2w) [default: 30 days before --until]
    #[arg(long, value_name = "WHEN")]
    pub since: Option<String>,
    /// End of the period (exclusive; a date means the end of that day) [default: now]
    #[arg(long, value_name = "WHEN")]
    pub until: Option<String>,
    /// Split the figures by ticket type, agent (the assignee at close), requester tier, priority, UTC day or UTC hour of day
    #[arg(long, value_enum, value_name = "GROUP")]
    pub by: Option<By>,
    /// Output format (the global --json means json)
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
}

pub fn run(ctx: &Context, args: &ReportArgs) -> Result<(), CommandError> {
    let period = Period::parse(args.since.as_deref(), args.until.as_deref(), ctx.now)?;
    let default_tier = ctx.home.config()?.requesters.default_tier;
    let store = ctx.open_store()?;
    let tiers: HashMap<String, String> = store
        .txn()
        .requesters()?
        .into_iter()
        .map(|r| (r.name, r.tier))
        .collect();
    // Archive segments are decoded in parallel, one builder per thread, merged at the end.
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let group_by = args.by.map(GroupBy::from);
    let builders = store.for_each_ticket(
        threads,
        || ReportBuilder::new(period, ctx.now, group_by),
        |builder, record| {
            let tier = tiers.get(&record.ticket.requester).unwrap_or(&default_tier);
            builder.add(&record.ticket, &record.events, tier);
            Ok(())
        },
    )?;
    drop(store);
    let mut builder = ReportBuilder::new(period, ctx.now, group_by);
    for part in builders {
        builder.merge(part);
    }
    let report = builder.finish();

    let format = if ctx.ui.is_json() {
        Format::Json
    } else {
        args.format
    };
    match format {
        Format::Json => ctx.ui.json(&ReportJson::new(&report)),
        Format::Csv => {
            for line in csv_lines(&report) {
                ctx.ui.line(line)?;
            }
            Ok(())
        }
        Format::Table => table(ctx, &report),
    }
}

/// Rates and averages are rounded to 4 decimals in machine output.
fn round4(value: f64) -> f64 {
    (value * 10_000.0).round() / 10_000.0
}

// --- JSON: the stable schema ---

#[derive(Serialize)]
struct ReportJson {
    since: DateTime<Utc>,
    until: DateTime<Utc>,
    now: DateTime<Utc>,
    /// `type`, `agent`, `tier`, `priority`, `day`, `hour`, or null for the summary only.
    by: Option<&'static str>,
    total: MeasuresJson,
    /// One entry per group, in name order (empty without `--by`).
    groups: Vec<GroupJson>,
}

#[derive(Serialize)]
struct GroupJson {
    group: String,
    #[serde(flatten)]
    measures: MeasuresJson,
}

#[derive(Serialize)]
struct MeasuresJson {
    created: u64,
    closed: u64,
    reopened: u64,
    backlog: BacklogJson,
    /// closed ÷ created (null when nothing was created).
    resolution_rate: Option<f64>,
    /// reopened ÷ closed (null when nothing closed).
    reopen_rate: Option<f64>,
    escalations: u64,
    /// Seconds.
    first_response: DurationJson,
    /// Seconds.
    resolution: DurationJson,
    sla: Vec<SlaJson>,
    csat: CsatJson,
}

#[derive(Serialize)]
struct BacklogJson {
    unclaimed: u64,
    pending: u64,
    awaiting: u64,
    total: u64,
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

impl ReportJson {
    fn new(report: &Report) -> Self {
        ReportJson {
            since: report.period.since,
            until: report.period.until,
            now: report.now,
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
        }
    }
}

impl MeasuresJson {
    fn new(m: &Measures) -> Self {
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
            csat: CsatJson {
                count: m.csat_count,
                average: m.csat_average.map(round4),
            },
        }
    }
}

// --- CSV: one row for the total, then one per group ---

const CSV_HEADER: &str =
    "group,created,closed,reopened,backlog_unclaimed,backlog_pending,backlog_awaiting,backlog,\
resolution_rate,reopen_rate,escalations,first_response_count,first_response_median_s,first_response_p90_s,\
first_response_mean_s,resolution_count,resolution_median_s,resolution_p90_s,resolution_mean_s,\
sla_first_response_breached,sla_first_response_attainment,sla_resolution_breached,sla_resolution_attainment,\
sla_confirmation_breached,sla_confirmation_attainment,csat_count,csat_average";

fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

fn csv_lines(report: &Report) -> Vec<String> {
    let opt = |v: Option<u64>| v.map(|v| v.to_string()).unwrap_or_default();
    let rate = |v: Option<f64>| v.map(|v| round4(v).to_string()).unwrap_or_default();
    let row = |group: &str, m: &Measures| {
        let mut cells = vec![
            csv_field(group),
            m.created.to_string(),
            m.closed.to_string(),
            m.reopened.to_string(),
            m.backlog.unclaimed.to_string(),
            m.backlog.pending.to_string(),
            m.backlog.awaiting.to_string(),
            m.backlog.total().to_string(),
            rate(m.resolution_rate()),
            rate(m.reopen_rate()),
            m.escalations.to_string(),
        ];
        for d in [&m.first_response, &m.resolution] {
            cells.extend([d.count.to_string(), opt(d.median), opt(d.p90), opt(d.mean)]);
        }
        for s in &m.sla {
            cells.extend([s.breached.to_string(), rate(s.attainment())]);
        }
        cells.extend([m.csat_count.to_string(), rate(m.csat_average)]);
        cells.join(",")
    };
    let mut lines = vec![CSV_HEADER.to_string(), row("total", &report.total)];
    lines.extend(report.groups.iter().map(|(group, m)| row(group, m)));
    lines
}

// --- Table: for people ---

/// `1h 05m`, `3d 4h`, `45m`, `30s`; `-` when there is nothing to measure.
fn human_duration(seconds: Option<u64>) -> String {
    let Some(s) = seconds else { return "-".into() };
    let (d, h, m) = (s / 86_400, s % 86_400 / 3600, s % 3600 / 60);
    match (d, h, m) {
        (0, 0, 0) => format!("{s}s"),
        (0, 0, m) => format!("{m}m"),
        (0, h, m) => format!("{h}h {m:02}m"),
        (d, h, _) => format!("{d}d {h}h"),
    }
}

fn percent(value: Option<f64>) -> String {
    value
        .map(|v| format!("{:.1}%", v * 100.0))
        .unwrap_or_else(|| "-".into())
}

fn csat(m: &Measures) -> String {
    match m.csat_average {
        Some(avg) => format!("{avg:.2} ({})", m.csat_count),
        None => "-".into(),
    }
}

fn sla_summary(m: &Measures) -> String {
    m.sla
        .iter()
        .map(|s| format!("{} {}", s.milestone.as_str(), percent(s.attainment())))
        .collect::<Vec<_>>()
        .join(", ")
}

fn table(ctx: &Context, report: &Report) -> Result<(), CommandError> {
    fn cell(text: impl Into<String>) -> StyledCell {
        StyledCell::plain(text)
    }
    let Some(by) = report.group_by else {
        let m = &report.total;
        let stats = |d: &DurationStats| {
            format!(
                "median {}, p90 {}, mean {} ({} tickets)",
                human_duration(d.median),
                human_duration(d.p90),
                human_duration(d.mean),
                d.count
            )
        };
        let rows = [
            (
                "period",
                format!(
                    "{} – {}",
                    report.period.since.to_rfc3339(),
                    report.period.until.to_rfc3339()
                ),
            ),
            ("created", m.created.to_string()),
            ("closed", m.closed.to_string()),
            (
                "backlog",
                format!(
                    "{} (unclaimed {}, pending {}, awaiting {})",
                    m.backlog.total(),
                    m.backlog.unclaimed,
                    m.backlog.pending,
                    m.backlog.awaiting
                ),
            ),
            ("resolution rate", percent(m.resolution_rate())),
            (
                "reopen rate",
                format!("{} ({} reopened)", percent(m.reopen_rate()), m.reopened),
            ),
            ("escalations", m.escalations.to_string()),
            ("first response", stats(&m.first_response)),
            ("resolution time", stats(&m.resolution)),
            ("SLA attainment", sla_summary(m)),
            ("CSAT", csat(m)),
        ];
        return ctx.ui.table(
            &["MEASURE", "VALUE"],
            rows.into_iter().map(|(k, v)| vec![cell(k), cell(v)]).collect(),
        );
    };
    let row = |group: &str, m: &Measures| {
        vec![
            cell(group),
            cell(m.created.to_string()),
            cell(m.closed.to_string()),
            cell(m.backlog.total().to_string()),
            cell(percent(m.resolution_rate())),
            cell(percent(m.reopen_rate())),
            cell(m.escalations.to_string()),
            cell(human_duration(m.first_response.median)),
            cell(human_duration(m.first_response.p90)),
            cell(human_duration(m.resolution.median)),
            cell(human_duration(m.resolution.p90)),
        ]
        .into_iter()
        .chain(m.sla.iter().map(|s| cell(percent(s.attainment()))))
        .chain([cell(csat(m))])
        .collect::<Vec<_>>()
    };
    let mut rows: Vec<Vec<StyledCell>> = report.groups.iter().map(|(g, m)| row(g, m)).collect();
    rows.push(row("total", &report.total));
    let header = by.as_str().to_uppercase();
    ctx.ui.table(
        &[
            &header,
            "CREATED",
            "CLOSED",
            "BACKLOG",
            "RESOLVED",
            "REOPENED",
            "ESC",
            "FRT MED",
            "FRT P90",
            "RES MED",
            "RES P90",
            "SLA FIRST",
            "SLA RES",
            "SLA CONF",
            "CSAT",
        ],
        rows,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_like_people_write_them() {
        assert_eq!(human_duration(None), "-");
        assert_eq!(human_duration(Some(30)), "30s");
        assert_eq!(human_duration(Some(45 * 60)), "45m");
        assert_eq!(human_duration(Some(3900)), "1h 05m");
        assert_eq!(human_duration(Some(3 * 86_400 + 4 * 3600 + 60)), "3d 4h");
    }

    #[test]
    fn csv_quotes_what_needs_quoting() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    }
}
