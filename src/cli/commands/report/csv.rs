//! `--format csv`: one row for the total, then one per group, for spreadsheets.

use super::round4;
use crate::domain::report::{Measures, Report};

const HEADER: &str =
    "group,created,closed,reopened,backlog_unclaimed,backlog_pending,backlog_awaiting,backlog,\
resolution_rate,reopen_rate,escalations,first_response_count,first_response_median_s,first_response_p90_s,\
first_response_mean_s,resolution_count,resolution_median_s,resolution_p90_s,resolution_mean_s,\
sla_first_response_breached,sla_first_response_attainment,sla_resolution_breached,sla_resolution_attainment,\
sla_confirmation_breached,sla_confirmation_attainment,csat_count,csat_average,\
sla_met,sla_attainment,backlog_age_lt_1d,backlog_age_1_3d,backlog_age_3_7d,backlog_age_7_30d,backlog_age_gt_30d,kb_answers";

fn field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

pub fn render(report: &Report) -> String {
    let opt = |v: Option<u64>| v.map(|v| v.to_string()).unwrap_or_default();
    let rate = |v: Option<f64>| v.map(|v| round4(v).to_string()).unwrap_or_default();
    let row = |group: &str, m: &Measures| {
        let mut cells = vec![
            field(group),
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
        cells.extend([m.sla_met.to_string(), rate(m.sla_attainment())]);
        cells.extend(m.backlog.ages.iter().map(u64::to_string));
        cells.push(m.kb_answers.to_string());
        cells.join(",")
    };
    let mut lines = vec![HEADER.to_string(), row("total", &report.total)];
    lines.extend(report.groups.iter().map(|(group, m)| row(group, m)));
    let mut text = lines.join("\n");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_what_needs_quoting() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
    }
}
