//! `--format table`: for people. On a terminal, charts ride along: sparklines of the daily
//! volumes, bars beside each group, and the workload heatmap; piped, plain tab-separated
//! rows without a header, so `cut` and `awk` work.

use comfy_table::Color;

use super::{chart, csat, group_title, human_duration, percent};
use crate::cli::context::Context;
use crate::cli::error::CommandError;
use crate::cli::output::counted;
use crate::cli::ui::StyledCell;
use crate::domain::report::{DurationStats, GroupBy, Heatmap, Measures, Report, AGE_BUCKETS, WEEKDAYS};

/// Width of sparklines and group bars, in terminal cells.
const CHART_WIDTH: usize = 30;
const BAR_WIDTH: usize = 12;

fn cell(text: impl Into<String>) -> StyledCell {
    StyledCell::plain(text)
}

pub fn print(ctx: &Context, report: &Report) -> Result<(), CommandError> {
    let charts = ctx.ui.is_terminal();
    ctx.page();
    match report.group_by {
        None => summary(ctx, report, charts),
        Some(GroupBy::Agent) => agents(ctx, report, charts),
        Some(_) => groups(ctx, report, charts),
    }?;
    if let (Some(heatmap), true) = (&report.heatmap, charts) {
        for line in heatmap_lines(ctx, heatmap) {
            ctx.ui.line(line)?;
        }
    }
    Ok(())
}

fn stats(d: &DurationStats) -> String {
    format!(
        "median {}, p90 {}, mean {} ({})",
        human_duration(d.median),
        human_duration(d.p90),
        human_duration(d.mean),
        counted(d.count, "ticket")
    )
}

fn summary(ctx: &Context, report: &Report, charts: bool) -> Result<(), CommandError> {
    let m = &report.total;
    // On a terminal, each day's volume follows the count (a sparkline, oldest day first).
    let trend = |count: u64, series: Vec<u64>| {
        if charts && series.len() > 1 {
            format!(
                "{count}  {}",
                ctx.ui.paint(&chart::sparkline(&series, CHART_WIDTH), Color::Cyan)
            )
        } else {
            count.to_string()
        }
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
        (
            "created",
            trend(m.created, report.daily.iter().map(|d| d.created).collect()),
        ),
        (
            "closed",
            trend(m.closed, report.daily.iter().map(|d| d.closed).collect()),
        ),
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
        (
            "backlog age",
            AGE_BUCKETS
                .iter()
                .zip(m.backlog.ages)
                .map(|((age, _), count)| format!("{age} {count}"))
                .collect::<Vec<_>>()
                .join(", "),
        ),
        ("resolution rate", percent(m.resolution_rate())),
        (
            "reopen rate",
            format!("{} ({} reopened)", percent(m.reopen_rate()), m.reopened),
        ),
        ("escalations", m.escalations.to_string()),
        ("first response", stats(&m.first_response)),
        ("resolution time", stats(&m.resolution)),
        (
            "SLA attainment",
            m.sla
                .iter()
                .map(|s| format!("{} {}", s.milestone.as_str(), percent(s.attainment())))
                .collect::<Vec<_>>()
                .join(", "),
        ),
        (
            "SLA met",
            format!(
                "{} ({} of {} closed)",
                percent(m.sla_attainment()),
                m.sla_met,
                m.closed
            ),
        ),
        ("CSAT", csat(m)),
        ("KB answers", m.kb_answers.to_string()),
    ];
    ctx.ui.table(
        &["MEASURE", "VALUE"],
        rows.into_iter().map(|(k, v)| vec![cell(k), cell(v)]).collect(),
    )
}

/// A bar for `value` among the groups, on a terminal only.
fn bar_cell(ctx: &Context, value: u64, max: u64) -> StyledCell {
    StyledCell {
        text: chart::bar(value, max, BAR_WIDTH),
        color: ctx.ui.color.then_some(Color::Cyan),
    }
}

fn groups(ctx: &Context, report: &Report, charts: bool) -> Result<(), CommandError> {
    let max_created = report.groups.iter().map(|(_, m)| m.created).max().unwrap_or(0);
    let row = |group: &str, m: &Measures, bar: Option<StyledCell>| {
        let mut cells = vec![cell(group), cell(m.created.to_string())];
        if charts {
            cells.push(bar.unwrap_or_else(|| cell("")));
        }
        cells.extend([
            cell(m.closed.to_string()),
            cell(m.backlog.total().to_string()),
            cell(percent(m.resolution_rate())),
            cell(percent(m.reopen_rate())),
            cell(m.escalations.to_string()),
            cell(human_duration(m.first_response.median)),
            cell(human_duration(m.first_response.p90)),
            cell(human_duration(m.resolution.median)),
            cell(human_duration(m.resolution.p90)),
        ]);
        cells.extend(m.sla.iter().map(|s| cell(percent(s.attainment()))));
        cells.push(cell(csat(m)));
        cells
    };
    let mut rows: Vec<Vec<StyledCell>> = report
        .groups
        .iter()
        .map(|(g, m)| row(g, m, Some(bar_cell(ctx, m.created, max_created))))
        .collect();
    rows.push(row("total", &report.total, None));
    let title = group_title(report).to_uppercase();
    let mut header = vec![title.as_str(), "CREATED"];
    if charts {
        header.push("");
    }
    header.extend([
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
    ]);
    ctx.ui.table(&header, rows)
}

/// `--by agent`: the performance table leads review, one row per agent.
fn agents(ctx: &Context, report: &Report, charts: bool) -> Result<(), CommandError> {
    let max_handled = report.groups.iter().map(|(_, m)| m.closed).max().unwrap_or(0);
    let row = |group: &str, m: &Measures, bar: Option<StyledCell>| {
        let mut cells = vec![cell(group), cell(m.closed.to_string())];
        if charts {
            cells.push(bar.unwrap_or_else(|| cell("")));
        }
        cells.extend([
            cell(m.backlog.total().to_string()),
            cell(human_duration(m.first_response.median)),
            cell(human_duration(m.resolution.mean)),
            cell(human_duration(m.resolution.p90)),
            cell(percent(m.sla_attainment())),
            cell(percent(m.reopen_rate())),
            cell(csat(m)),
        ]);
        cells
    };
    let mut rows: Vec<Vec<StyledCell>> = report
        .groups
        .iter()
        .map(|(g, m)| row(g, m, Some(bar_cell(ctx, m.closed, max_handled))))
        .collect();
    rows.push(row("total", &report.total, None));
    let mut header = vec!["AGENT", "HANDLED"];
    if charts {
        header.push("");
    }
    header.extend([
        "OPEN",
        "FRT MED",
        "AVG HANDLING",
        "HANDLING P90",
        "SLA MET",
        "REOPENED",
        "CSAT",
    ]);
    ctx.ui.table(&header, rows)
}

/// The workload heatmap: weekday rows × 24 hour cells, one for arrivals, one for handling.
fn heatmap_lines(ctx: &Context, heatmap: &Heatmap) -> Vec<String> {
    let mut lines = Vec::new();
    for (title, grid) in [("arrivals", &heatmap.arrivals), ("handled", &heatmap.handled)] {
        let max = grid.iter().flatten().copied().max().unwrap_or(0);
        lines.push(String::new());
        lines.push(format!(
            "{:<9}{}   total  (max {max} in one hour; · none, ░▒▓█ up to the max)",
            ctx.ui.paint(title, Color::Blue),
            (0..24).step_by(3).map(|h| format!("{h:<3}")).collect::<String>()
        ));
        for (day, row) in WEEKDAYS.iter().zip(grid) {
            let cells: String = row.iter().map(|&v| chart::shade(v, max)).collect();
            lines.push(format!(
                "{day:<9}{}   {}",
                ctx.ui.paint(&cells, Color::Cyan),
                row.iter().sum::<u64>()
            ));
        }
    }
    lines
}
