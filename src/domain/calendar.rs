//! Business-hours calendars: working hours per weekday in a time zone, minus holidays.
//! SLA policies that count business time measure elapsed time and place deadlines with
//! one of these; the others count calendar time (24/7).
//!
//! Times are converted per local day with `chrono-tz`, so a daylight-saving change moves
//! the working hours with the wall clock, as people expect.

use std::collections::BTreeSet;
use std::time::Duration;

use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

/// How far ahead a deadline is searched for; a calendar with no working time at all is
/// refused when the config is read, so this only bounds absurd targets.
const SEARCH_DAYS: u64 = 3660;

#[derive(Debug, Clone, PartialEq)]
pub struct Calendar {
    pub name: String,
    pub timezone: Tz,
    /// Working ranges per weekday, Monday first, each `[start, end)` in local time.
    pub hours: [Vec<(NaiveTime, NaiveTime)>; 7],
    pub holidays: BTreeSet<NaiveDate>,
}

impl Calendar {
    /// Parse `09:00-18:00` or `09:00-12:00,13:00-18:00`; an empty string is a day off.
    pub fn parse_ranges(text: &str) -> Result<Vec<(NaiveTime, NaiveTime)>, String> {
        let mut ranges = Vec::new();
        for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (start, end) = part
                .split_once('-')
                .ok_or_else(|| format!("`{part}` is not a range like 09:00-18:00"))?;
            let parse = |t: &str| {
                NaiveTime::parse_from_str(t.trim(), "%H:%M")
                    .map_err(|_| format!("`{}` is not a time like 09:00", t.trim()))
            };
            let (start, end) = (parse(start)?, parse(end)?);
            if end <= start {
                return Err(format!("`{part}`: the end must be after the start"));
            }
            if ranges
                .last()
                .is_some_and(|&(_, previous_end)| start < previous_end)
            {
                return Err(format!("`{part}` overlaps or precedes the range before it"));
            }
            ranges.push((start, end));
        }
        Ok(ranges)
    }

    pub fn has_working_time(&self) -> bool {
        self.hours.iter().any(|day| !day.is_empty())
    }

    /// The working intervals of one local date, in UTC.
    fn intervals(&self, date: NaiveDate) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
        if self.holidays.contains(&date) {
            return Vec::new();
        }
        let weekday = date.weekday().num_days_from_monday() as usize;
        self.hours[weekday]
            .iter()
            .filter_map(|&(start, end)| Some((self.to_utc(date, start)?, self.to_utc(date, end)?)))
            .filter(|(start, end)| start < end)
            .collect()
    }

    /// A local wall-clock time as UTC. In a spring-forward gap the time does not exist;
    /// the first valid instant after it is used.
    fn to_utc(&self, date: NaiveDate, time: NaiveTime) -> Option<DateTime<Utc>> {
        let local = date.and_time(time);
        (0..=2)
            .find_map(|hours| {
                self.timezone
                    .from_local_datetime(&(local + chrono::Duration::hours(hours)))
                    .earliest()
            })
            .map(|t| t.with_timezone(&Utc))
    }

    fn local_date(&self, at: DateTime<Utc>) -> NaiveDate {
        at.with_timezone(&self.timezone).date_naive()
    }

    /// Working time in `[from, to)`.
    pub fn elapsed(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Duration {
        if to <= from {
            return Duration::ZERO;
        }
        let mut total = chrono::Duration::zero();
        let mut date = self.local_date(from) - Days::new(1);
        let last = self.local_date(to) + Days::new(1);
        while date <= last {
            for (start, end) in self.intervals(date) {
                let (start, end) = (start.max(from), end.min(to));
                if start < end {
                    total += end - start;
                }
            }
            date = date + Days::new(1);
        }
        total.to_std().unwrap_or_default()
    }

    /// The instant when `amount` of working time has passed after `from`.
    pub fn add(&self, from: DateTime<Utc>, amount: Duration) -> DateTime<Utc> {
        let mut left = chrono::Duration::from_std(amount).unwrap_or(chrono::Duration::MAX);
        let mut date = self.local_date(from) - Days::new(1);
        for _ in 0..SEARCH_DAYS {
            for (start, end) in self.intervals(date) {
                let start = start.max(from);
                if start >= end {
                    continue;
                }
                if end - start >= left {
                    return start + left;
                }
                left -= end - start;
            }
            date = date + Days::new(1);
        }
        // Only reachable with a target of more than ten years of working time.
        from + chrono::Duration::from_std(amount).unwrap_or(chrono::Duration::MAX)
    }
}

/// How an SLA clock counts: every hour, or only a calendar's working hours.
#[derive(Debug, Clone, Copy)]
pub enum Clock<'a> {
    Wall,
    Business(&'a Calendar),
}

impl Clock<'_> {
    pub fn elapsed(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Duration {
        match self {
            Clock::Wall => (to - from).to_std().unwrap_or_default(),
            Clock::Business(calendar) => calendar.elapsed(from, to),
        }
    }

    pub fn add(&self, from: DateTime<Utc>, amount: Duration) -> DateTime<Utc> {
        match self {
            Clock::Wall => from + chrono::Duration::from_std(amount).unwrap_or(chrono::Duration::MAX),
            Clock::Business(calendar) => calendar.add(from, amount),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Shanghai office: 09:00-18:00 with lunch 12:00-13:00, Monday to Friday.
    fn office(holidays: &[&str]) -> Calendar {
        let weekday = Calendar::parse_ranges("09:00-12:00, 13:00-18:00").unwrap();
        Calendar {
            name: "office".into(),
            timezone: chrono_tz::Asia::Shanghai,
            hours: [
                weekday.clone(),
                weekday.clone(),
                weekday.clone(),
                weekday.clone(),
                weekday,
                Vec::new(),
                Vec::new(),
            ],
            holidays: holidays.iter().map(|d| d.parse().unwrap()).collect(),
        }
    }

    fn utc(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc)
    }

    const HOUR: Duration = Duration::from_secs(3600);

    #[test]
    fn working_time_skips_nights_lunch_and_weekends() {
        let cal = office(&[]);
        // Friday 2026-03-06 17:00 Shanghai (09:00Z) to Monday 10:00 Shanghai (02:00Z):
        // one hour on Friday, one on Monday.
        assert_eq!(
            cal.elapsed(utc("2026-03-06T09:00:00Z"), utc("2026-03-09T02:00:00Z")),
            2 * HOUR
        );
        // Over lunch: 11:30 to 13:30 local is one working hour.
        assert_eq!(
            cal.elapsed(utc("2026-03-09T03:30:00Z"), utc("2026-03-09T05:30:00Z")),
            HOUR
        );
    }

    #[test]
    fn deadlines_land_in_working_hours() {
        let cal = office(&[]);
        // Filed Friday 17:00 local with a 4 h target: 1 h Friday, 3 h Monday → Monday 12:00.
        assert_eq!(
            cal.add(utc("2026-03-06T09:00:00Z"), 4 * HOUR),
            utc("2026-03-09T04:00:00Z")
        );
        // Filed Saturday: the clock starts Monday 09:00 local.
        assert_eq!(
            cal.add(utc("2026-03-07T02:00:00Z"), HOUR),
            utc("2026-03-09T02:00:00Z")
        );
        // add and elapsed agree.
        let from = utc("2026-03-05T06:17:00Z");
        let due = cal.add(from, 13 * HOUR);
        assert_eq!(cal.elapsed(from, due), 13 * HOUR);
    }

    #[test]
    fn holidays_are_days_off() {
        let cal = office(&["2026-03-09"]);
        assert_eq!(
            cal.add(utc("2026-03-06T09:00:00Z"), 4 * HOUR),
            utc("2026-03-10T04:00:00Z")
        );
    }

    #[test]
    fn working_hours_follow_daylight_saving_time() {
        let mut cal = office(&[]);
        cal.timezone = chrono_tz::Europe::Berlin;
        // 09:00 Berlin is 08:00Z in winter and 07:00Z in summer (from 2026-03-29).
        assert_eq!(
            cal.add(utc("2026-03-27T20:00:00Z"), Duration::ZERO),
            utc("2026-03-30T07:00:00Z")
        );
        assert_eq!(
            cal.add(utc("2026-03-26T20:00:00Z"), Duration::ZERO),
            utc("2026-03-27T08:00:00Z")
        );
    }

    #[test]
    fn ranges_are_checked() {
        assert!(Calendar::parse_ranges("").unwrap().is_empty());
        assert!(Calendar::parse_ranges("18:00-09:00").is_err());
        assert!(Calendar::parse_ranges("09:00-12:00,11:00-13:00").is_err());
        assert!(Calendar::parse_ranges("9am-5pm").is_err());
    }
}
