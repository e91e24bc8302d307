//! `desk report`: the desk's figures over a period, from the history of every ticket, hot
//! and archived (the measures are defined in `domain::report`). This module reads the
//! store; one module per output format renders the [`Report`].

mod chart;
mod csv;
pub(crate) mod html;
mod json;
mod table;

use std::collections::HashMap;
use std::path::PathBuf;

use chrono_tz::Tz;
use clap::{Args, ValueEnum};

use crate::cli::context::Context;
use crate::cli::error::CommandError;
use crate::domain::report::{filed_or_closed_in, GroupBy, Period, Report, ReportBuilder, ReportOptions};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Tables for people (with charts on a terminal); tab-separated rows when piped
    Table,
    /// The stable machine schema
    Json,
    /// One row for the total, then one per group
    Csv,
    /// A self-contained page (tables and SVG charts, no external assets) for a browser
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum By {
    Type,
    Agent,
    Tier,
    Priority,
    Requester,
    Channel,
    Day,
    Week,
    Weekday,
    Hour,
    Tag,
    Department,
}

impl From<By> for GroupBy {
    fn from(by: By) -> GroupBy {
        match by {
            By::Type => GroupBy::Type,
            By::Agent => GroupBy::Agent,
            By::Tier => GroupBy::Tier,
            By::Priority => GroupBy::Priority,
            By::Requester => GroupBy::Requester,
            By::Channel => GroupBy::Channel,
            By::Day => GroupBy::Day,
            By::Week => GroupBy::Week,
            By::Weekday => GroupBy::Weekday,
            By::Hour => GroupBy::Hour,
            By::Tag => GroupBy::Tag,
            By::Department => GroupBy::Department,
        }
    }
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  desk report                                  the last 30 days
  desk report --since 2026-10-01 --by agent    the per-agent performance table
  desk report --by weekday --tz Asia/Shanghai  with the workload heatmap
  desk report --since 7d -o report.html        a page with charts for a browser")]
pub struct ReportArgs {
    /// Start of the period: an RFC 3339 time, a date (2026-03-01) or an age (7d, 12h, 2w) [default: 30 days before --until]
    #[arg(long, value_name = "WHEN")]
    pub since: Option<String>,
    /// End of the period, included (a date runs through the end of that day) [default: now]
    #[arg(long, value_name = "WHEN")]
    pub until: Option<String>,
    /// Split the figures by ticket type, agent (the per-agent performance table: the assignee at close), requester tier, priority, requester, channel (cli, email, web…), day, ISO week, weekday, hour of day (weekday and hour add the workload heatmap), tag (a ticket counts in each of its tags) or department
    #[arg(long, value_enum, value_name = "GROUP")]
    pub by: Option<By>,
    /// Output format [default: table, or what --output's extension names: .json, .csv, .html] (the global --json means json)
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Time zone (IANA name, e.g. Asia/Shanghai) for days, weeks, weekdays, hours and the heatmap
    #[arg(long, value_name = "ZONE", default_value = "UTC", value_parser = parse_tz)]
    pub tz: Tz,
    /// Write the report to FILE instead of stdout (e.g. report.html)
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// An IANA zone name, in any letter case (`asia/shanghai` is Asia/Shanghai).
fn parse_tz(text: &str) -> Result<Tz, String> {
    Tz::from_str_insensitive(text.trim())
        .map_err(|_| format!("`{text}` is not an IANA time zone (e.g. UTC, Asia/Shanghai, Europe/Berlin)"))
}

pub fn run(ctx: &Context, args: &ReportArgs) -> Result<(), CommandError> {
    let period = Period::parse(args.since.as_deref(), args.until.as_deref(), ctx.now)?;
    let config = ctx.config()?;
    let default_tier = &config.requesters.default_tier;
    let store = ctx.open_store()?;
    let txn = store.txn();
    // Reports show every agent's performance and every requester's tickets: staff only.
    if txn.agent(ctx.user())?.is_none() {
        return Err(CommandError::denied(format!(
            "permission denied: reports are for the desk's agents, and `{}` is not an agent",
            ctx.user()
        ))
        .with_hint(format!("an admin can add them: desk agent add {}", ctx.user())));
    }
    // A requester's tier as intake resolves it: their record's, else `agent_tier` for an
    // agent filing for themselves, else `default_tier` (below).
    let mut tiers: HashMap<String, String> = txn
        .agents()?
        .into_iter()
        .map(|a| (a.name, config.requesters.agent_tier.clone()))
        .collect();
    tiers.extend(txn.requesters()?.into_iter().map(|r| (r.name, r.tier)));
    drop(txn);
    let options = ReportOptions {
        period,
        now: ctx.now,
        group_by: args.by.map(GroupBy::from),
        tz: args.tz,
        sla: Some(&config.sla),
    };
    // Archive segments (or a team store's digest blocks) are decoded in parallel, one builder per thread, merged at the end;
    // only the fields a report reads are decoded.
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    // `-q` prints only ids, as everywhere: those of the tickets filed or closed in the
    // period. With --output or --format the report is what was asked for; -q only hushes.
    let quiet = ctx.ui.is_quiet() && args.output.is_none() && args.format.is_none();
    // On a team store, old closed tickets come from their sealed digests (`desk archive`).
    let parts = store.for_each_report_ticket(
        threads,
        || (ReportBuilder::new(options), Vec::new()),
        |(builder, ids), ticket, events| {
            if quiet {
                if filed_or_closed_in(&options.period, &ticket, &events) {
                    ids.push(ticket.id);
                }
            } else {
                let tier = tiers.get(&ticket.requester).unwrap_or(default_tier);
                builder.add(&ticket, &events, tier);
            }
            Ok(())
        },
    )?;
    drop(store);
    if quiet {
        let mut ids: Vec<u64> = parts.into_iter().flat_map(|(_, ids)| ids).collect();
        ids.sort_unstable();
        for id in ids {
            ctx.ui.line(id.to_string())?;
        }
        return Ok(());
    }
    let mut builder = ReportBuilder::new(options);
    for (part, _) in parts {
        builder.merge(part);
    }
    let report = builder.finish();

    let format = if ctx.ui.is_json() {
        Format::Json
    } else {
        args.format
            .or_else(|| args.output.as_deref().and_then(format_of_extension))
            .unwrap_or(Format::Table)
    };
    match (format, &args.output) {
        (Format::Table, None) => table::print(ctx, &report),
        (Format::Table, Some(path)) => Err(CommandError::invalid(format!(
            "--output takes a file format (json, csv or html), and {} names none",
            path.display()
        ))
        .with_hint("name the file report.html, report.csv or report.json, or pass --format")),
        (format, output) => {
            let text = match format {
                Format::Json => json::render(&report)?,
                Format::Csv => csv::render(&report),
                Format::Html => html::render(&report),
                Format::Table => unreachable!("handled above"),
            };
            match output {
                Some(path) => {
                    ctx.io.write(path, text.into_bytes()).map_err(|e| {
                        CommandError::from(e).with_hint(format!("could not write {}", path.display()))
                    })?;
                    ctx.ui.note(format!("wrote {}", path.display()));
                    Ok(())
                }
                None => ctx.ui.write_stdout(text.as_bytes()),
            }
        }
    }
}

/// The format a file name's extension asks for (`report.html`).
fn format_of_extension(path: &std::path::Path) -> Option<Format> {
    match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
        "json" => Some(Format::Json),
        "csv" => Some(Format::Csv),
        "html" | "htm" => Some(Format::Html),
        _ => None,
    }
}

/// Rates and averages are rounded to 4 decimals in machine output.
fn round4(value: f64) -> f64 {
    (value * 10_000.0).round() / 10_000.0
}

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

fn csat(m: &crate::domain::report::Measures) -> String {
    match m.csat_average {
        Some(avg) => format!("{avg:.2} ({})", m.csat_count),
        None => "-".into(),
    }
}

/// The heading a group column gets.
fn group_title(report: &Report) -> &'static str {
    report.group_by.map_or("group", GroupBy::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_output_file_name_picks_the_format() {
        let format = |name: &str| format_of_extension(std::path::Path::new(name));
        assert_eq!(format("week.HTML"), Some(Format::Html));
        assert_eq!(format("out/r.csv"), Some(Format::Csv));
        assert_eq!(format("r.json"), Some(Format::Json));
        assert_eq!(format("report.txt"), None);
        assert_eq!(format("report"), None);
    }

    #[test]
    fn durations_read_like_people_write_them() {
        assert_eq!(human_duration(None), "-");
        assert_eq!(human_duration(Some(30)), "30s");
        assert_eq!(human_duration(Some(45 * 60)), "45m");
        assert_eq!(human_duration(Some(3900)), "1h 05m");
        assert_eq!(human_duration(Some(3 * 86_400 + 4 * 3600 + 60)), "3d 4h");
    }

    #[test]
    fn time_zones_are_iana_names() {
        assert_eq!(parse_tz("Asia/Shanghai"), Ok(chrono_tz::Asia::Shanghai));
        assert_eq!(parse_tz("asia/shanghai"), Ok(chrono_tz::Asia::Shanghai));
        assert!(parse_tz("CST+8").unwrap_err().contains("IANA"));
    }
}
