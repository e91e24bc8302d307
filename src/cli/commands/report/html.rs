//! `--format html`: one self-contained page (inline CSS and SVG, no scripts, no external
//! assets) that opens in any browser and can be mailed or archived as is.

use std::fmt::Write;

use super::{csat, group_title, human_duration, percent};
use crate::domain::report::{DayCount, Heatmap, Measures, Report, AGE_BUCKETS, WEEKDAYS};

/// Series colours; tests look for them in a real browser's rendering.
const CREATED: &str = "#2f6db5";
const CLOSED: &str = "#2e9e5b";
const HEAT: &str = "#d9480f";

const STYLE: &str = "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:2rem;color:#1d2433;max-width:1100px}\
h1{font-size:1.5rem;margin-bottom:.2rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #dde1e8;padding-bottom:.3rem}\
.period{color:#5b6475}.cards{display:flex;flex-wrap:wrap;gap:.8rem;margin-top:1rem}\
.card{border:1px solid #dde1e8;border-radius:8px;padding:.6rem .9rem;min-width:8.5rem}\
.card .v{font-size:1.35rem;font-weight:600}.card .k{color:#5b6475;font-size:.8rem}\
table{border-collapse:collapse;font-size:.85rem;margin-top:.6rem}th,td{padding:.3rem .6rem;text-align:right;border-bottom:1px solid #eef0f4}\
th:first-child,td:first-child{text-align:left}th{background:#f5f7fa}tr.total td{font-weight:600}\
.legend span{display:inline-block;width:.8rem;height:.8rem;margin:0 .3rem 0 1rem;vertical-align:middle}\
svg text{font-size:11px;fill:#5b6475}dl{font-size:.85rem;color:#38404f}dt{font-weight:600;margin-top:.4rem}";

/// Escape text for HTML element content and attribute values (the web page's too).
pub(crate) fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

pub fn render(report: &Report) -> String {
    let m = &report.total;
    let mut page = String::new();
    let period = format!(
        "{} – {} ({})",
        report.period.since.format("%Y-%m-%d %H:%M UTC"),
        report.period.until.format("%Y-%m-%d %H:%M UTC"),
        report.tz.name()
    );
    let _ = write!(
        page,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
<title>desk report {}</title><style>{STYLE}</style></head><body>\n\
<h1>desk report</h1><div class=\"period\">{}</div>\n",
        esc(&report.period.since.format("%Y-%m-%d").to_string()),
        esc(&period)
    );
    cards(&mut page, m);
    if !report.daily.is_empty() {
        page.push_str("<h2>Tickets per day</h2>");
        legend(&mut page);
        daily_chart(&mut page, &report.daily);
    }
    page.push_str("<h2>Backlog by age</h2>");
    age_chart(&mut page, m);
    if !report.groups.is_empty() {
        let _ = write!(page, "<h2>By {}</h2>", esc(group_title(report)));
        legend(&mut page);
        group_chart(&mut page, report);
        group_table(&mut page, report);
    }
    if let Some(heatmap) = &report.heatmap {
        page.push_str("<h2>Workload heatmap</h2>");
        heatmap_chart(&mut page, "Arrivals (tickets filed)", &heatmap.arrivals);
        heatmap_chart(
            &mut page,
            "Handling (handler replies and closes)",
            &heatmap.handled,
        );
        heatmap_note(&mut page, heatmap);
    }
    definitions(&mut page);
    page.push_str("</body></html>\n");
    page
}

fn cards(page: &mut String, m: &Measures) {
    let cards = [
        ("created", m.created.to_string()),
        ("closed", m.closed.to_string()),
        ("backlog", m.backlog.total().to_string()),
        ("resolution rate", percent(m.resolution_rate())),
        ("reopen rate", percent(m.reopen_rate())),
        ("escalations", m.escalations.to_string()),
        ("first response (median)", human_duration(m.first_response.median)),
        ("resolution (median)", human_duration(m.resolution.median)),
        ("SLA met", percent(m.sla_attainment())),
        ("CSAT", csat(m)),
        ("KB answers", m.kb_answers.to_string()),
    ];
    page.push_str("<div class=\"cards\">");
    for (key, value) in cards {
        let _ = write!(
            page,
            "<div class=\"card\"><div class=\"v\">{}</div><div class=\"k\">{}</div></div>",
            esc(&value),
            esc(key)
        );
    }
    page.push_str("</div>\n");
}

fn legend(page: &mut String) {
    let _ = write!(
        page,
        "<div class=\"legend\"><span style=\"background:{CREATED}\"></span>created\
<span style=\"background:{CLOSED}\"></span>closed</div>"
    );
}

/// Created and closed per day as paired columns.
fn daily_chart(page: &mut String, days: &[DayCount]) {
    let (width, height, left, bottom) = (1000.0, 220.0, 40.0, 24.0);
    let max = days
        .iter()
        .map(|d| d.created.max(d.closed))
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let slot = (width - left) / days.len() as f64;
    let bar = (slot * 0.4).max(0.5);
    let plot = height - bottom - 10.0;
    let _ = write!(
        page,
        "<svg role=\"img\" aria-label=\"tickets per day\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\">\
<line x1=\"{left}\" y1=\"{y}\" x2=\"{width}\" y2=\"{y}\" stroke=\"#c5cad3\"/><text x=\"0\" y=\"14\">{max}</text><text x=\"0\" y=\"{y}\">0</text>",
        y = height - bottom,
        max = max as u64
    );
    for (i, day) in days.iter().enumerate() {
        let x = left + i as f64 * slot;
        for (offset, value, color) in [(0.0, day.created, CREATED), (bar, day.closed, CLOSED)] {
            let h = value as f64 / max * plot;
            let _ = write!(
                page,
                "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{bar:.1}\" height=\"{h:.1}\" fill=\"{color}\"><title>{} {}: {value}</title></rect>",
                x + offset,
                height - bottom - h,
                day.date,
                if color == CREATED { "created" } else { "closed" }
            );
        }
    }
    // Label the first and last day, and some in between.
    let step = (days.len() / 8).max(1);
    for (i, day) in days.iter().enumerate().step_by(step) {
        let _ = write!(
            page,
            "<text x=\"{:.1}\" y=\"{}\">{}</text>",
            left + i as f64 * slot,
            height - 6.0,
            day.date.format("%m-%d")
        );
    }
    page.push_str("</svg>\n");
}

/// Horizontal bars: one row per label, created and closed side by side.
fn horizontal_bars(page: &mut String, label: &str, rows: &[(String, Vec<(u64, &str)>)]) {
    let (width, left, row_height) = (1000.0, 180.0, 22.0);
    let max = rows
        .iter()
        .flat_map(|(_, values)| values.iter().map(|(v, _)| *v))
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let height = row_height * rows.len() as f64 + 8.0;
    let _ = write!(
        page,
        "<svg role=\"img\" aria-label=\"{}\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\">",
        esc(label)
    );
    for (i, (name, values)) in rows.iter().enumerate() {
        let y = i as f64 * row_height + 4.0;
        let _ = write!(page, "<text x=\"0\" y=\"{:.1}\">{}</text>", y + 13.0, esc(name));
        let thickness = (row_height - 6.0) / values.len() as f64;
        for (j, (value, color)) in values.iter().enumerate() {
            let w = *value as f64 / max * (width - left - 60.0);
            let top = y + j as f64 * thickness;
            let _ = write!(
                page,
                "<rect x=\"{left}\" y=\"{top:.1}\" width=\"{w:.1}\" height=\"{thickness:.1}\" fill=\"{color}\"><title>{}: {value}</title></rect>",
                esc(name)
            );
            let _ = write!(
                page,
                "<text x=\"{:.1}\" y=\"{:.1}\">{value}</text>",
                left + w + 4.0,
                top + thickness - 1.0
            );
        }
    }
    page.push_str("</svg>\n");
}

fn age_chart(page: &mut String, m: &Measures) {
    let rows: Vec<(String, Vec<(u64, &str)>)> = AGE_BUCKETS
        .iter()
        .zip(m.backlog.ages)
        .map(|((age, _), count)| (age.to_string(), vec![(count, CREATED)]))
        .collect();
    horizontal_bars(page, "open tickets by age", &rows);
}

fn group_chart(page: &mut String, report: &Report) {
    let rows: Vec<(String, Vec<(u64, &str)>)> = report
        .groups
        .iter()
        .map(|(name, m)| (name.clone(), vec![(m.created, CREATED), (m.closed, CLOSED)]))
        .collect();
    horizontal_bars(page, "created and closed by group", &rows);
}

fn group_table(page: &mut String, report: &Report) {
    let header = [
        group_title(report),
        "created",
        "closed",
        "backlog",
        "resolution rate",
        "reopen rate",
        "escalations",
        "first response median",
        "first response p90",
        "resolution median",
        "resolution mean",
        "resolution p90",
        "SLA met",
        "CSAT",
    ];
    page.push_str("<table><thead><tr>");
    for h in header {
        let _ = write!(page, "<th>{}</th>", esc(h));
    }
    page.push_str("</tr></thead><tbody>");
    let rows = report
        .groups
        .iter()
        .map(|(name, m)| (name.as_str(), m, ""))
        .chain([("total", &report.total, " class=\"total\"")]);
    for (name, m, class) in rows {
        let cells = [
            name.to_string(),
            m.created.to_string(),
            m.closed.to_string(),
            m.backlog.total().to_string(),
            percent(m.resolution_rate()),
            percent(m.reopen_rate()),
            m.escalations.to_string(),
            human_duration(m.first_response.median),
            human_duration(m.first_response.p90),
            human_duration(m.resolution.median),
            human_duration(m.resolution.mean),
            human_duration(m.resolution.p90),
            percent(m.sla_attainment()),
            csat(m),
        ];
        let _ = write!(page, "<tr{class}>");
        for c in cells {
            let _ = write!(page, "<td>{}</td>", esc(&c));
        }
        page.push_str("</tr>");
    }
    page.push_str("</tbody></table>\n");
}

fn heatmap_chart(page: &mut String, title: &str, grid: &[[u64; 24]; 7]) {
    let (cell, left, top) = (30.0, 40.0, 18.0);
    let max = grid.iter().flatten().copied().max().unwrap_or(0).max(1) as f64;
    let (width, height) = (left + 24.0 * cell + 4.0, top + 7.0 * cell + 4.0);
    let _ = write!(
        page,
        "<h3>{}</h3><svg role=\"img\" aria-label=\"{}\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\">",
        esc(title),
        esc(title)
    );
    for hour in (0..24).step_by(2) {
        let _ = write!(
            page,
            "<text x=\"{:.1}\" y=\"12\">{hour:02}</text>",
            left + hour as f64 * cell + 8.0
        );
    }
    for (d, (day, row)) in WEEKDAYS.iter().zip(grid).enumerate() {
        let y = top + d as f64 * cell;
        let _ = write!(page, "<text x=\"0\" y=\"{:.1}\">{day}</text>", y + 19.0);
        for (hour, &value) in row.iter().enumerate() {
            let opacity = if value == 0 {
                0.0
            } else {
                0.15 + 0.85 * value as f64 / max
            };
            let _ = write!(
                page,
                "<rect x=\"{:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{w:.1}\" fill=\"{HEAT}\" fill-opacity=\"{opacity:.3}\" stroke=\"#eef0f4\"><title>{day} {hour:02}:00 {value}</title></rect>",
                left + hour as f64 * cell,
                w = cell - 2.0
            );
        }
    }
    page.push_str("</svg>\n");
}

fn heatmap_note(page: &mut String, heatmap: &Heatmap) {
    let busiest = |grid: &[[u64; 24]; 7]| {
        let (mut best, mut at) = (0, None);
        for (d, row) in grid.iter().enumerate() {
            for (h, &v) in row.iter().enumerate() {
                if v > best {
                    (best, at) = (v, Some((d, h)));
                }
            }
        }
        at.map(|(d, h)| format!("{} {h:02}:00 ({best})", WEEKDAYS[d]))
    };
    if let (Some(arrivals), Some(handled)) = (busiest(&heatmap.arrivals), busiest(&heatmap.handled)) {
        let _ = write!(
            page,
            "<p>Busiest hour for arrivals: {}; for handling: {}.</p>",
            esc(&arrivals),
            esc(&handled)
        );
    }
}

fn definitions(page: &mut String) {
    let terms = [
        (
            "created, closed",
            "tickets filed in the period; tickets whose last close falls in the period.",
        ),
        (
            "backlog",
            "tickets open when the report ran, by state and by age since filing.",
        ),
        (
            "resolution rate, reopen rate",
            "closed ÷ created; tickets reopened in the period ÷ closed.",
        ),
        (
            "first response",
            "from filing to the first handler reply (or the close, if none), counted when it happened.",
        ),
        (
            "resolution",
            "time spent unclaimed or pending until the close: waiting on the requester does not count.",
        ),
        (
            "business time",
            "where the ticket's SLA policy has a calendar, only its working hours count.",
        ),
        (
            "SLA met",
            "closed tickets with no breach of any milestone ÷ closed.",
        ),
        ("CSAT", "the latest rating per ticket given in the period (1–5)."),
        (
            "KB answers",
            "replies that answered with a knowledge-base article (ticket reply --kb).",
        ),
    ];
    page.push_str("<h2>Definitions</h2><dl>");
    for (term, meaning) in terms {
        let _ = write!(page, "<dt>{}</dt><dd>{}</dd>", esc(term), esc(meaning));
    }
    page.push_str("</dl>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            esc("<b>\"a\" & 'b'</b>"),
            "&lt;b&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/b&gt;"
        );
    }
}
