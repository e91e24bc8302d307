//! Progress bars for long operations (export, import, backup, restore, archive, doctor,
//! search reindex): drawn on stderr
//! only when it is a terminal and the output mode is for people; otherwise hidden, so
//! scripts, pipes and `--json`/`-q` see nothing.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressState, ProgressStyle};

use super::ui::{OutputMode, Ui};

pub struct Progress {
    bar: ProgressBar,
}

impl Progress {
    fn new(ui: &Ui, total: u64, message: &str, template: &str) -> Progress {
        // Built with `with_*` (which draw nothing): a bar appears at its first step, so a
        // command that turns out to have nothing to do never flashes an empty `0/0` bar.
        let bar = if ui.mode == OutputMode::Human && std::io::stderr().is_terminal() {
            ProgressBar::new(total)
                .with_style(
                    ProgressStyle::with_template(template)
                        .expect("progress template")
                        // indicatif's `{per_sec}` prints every digit it has ("81.9328/s").
                        .with_key("rate", |state: &ProgressState, out: &mut dyn std::fmt::Write| {
                            let _ = out.write_str(&rate(state.per_sec()));
                        })
                        .progress_chars("=> "),
                )
                .with_message(message.to_string())
        } else {
            ProgressBar::hidden()
        };
        Progress { bar }
    }

    /// A bar that never draws: work too small or too incidental to show.
    pub fn hidden() -> Progress {
        Progress {
            bar: ProgressBar::hidden(),
        }
    }

    /// A bar counting `total` items (tickets).
    pub fn items(ui: &Ui, total: u64, message: &str) -> Progress {
        Progress::new(
            ui,
            total,
            message,
            "{msg} [{bar:30}] {human_pos}/{human_len} ({rate}, {eta} left)",
        )
    }

    /// A bar over `total` bytes (files read or written).
    pub fn bytes(ui: &Ui, total: u64, message: &str) -> Progress {
        Progress::new(
            ui,
            total,
            message,
            "{msg} [{bar:30}] {bytes}/{total_bytes} ({bytes_per_sec}, {eta} left)",
        )
    }

    pub fn inc(&self, by: u64) {
        self.bar.inc(by);
    }

    pub fn set_message(&self, message: &str) {
        self.bar.set_message(message.to_string());
    }

    pub fn set_length(&self, total: u64) {
        self.bar.set_length(total);
    }

    /// Where the count stands (for work that reports a running total).
    pub fn set_position(&self, done: u64) {
        self.bar.set_position(done);
    }

    /// The bar itself, for library code that reports progress (the search index rebuild).
    pub fn bar(&self) -> &ProgressBar {
        &self.bar
    }

    /// Take the bar off the screen (the command prints its own summary).
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        if !self.bar.is_finished() {
            self.bar.finish_and_clear();
        }
    }
}

/// Items per second as people read a rate: "0.4/s", "8.5/s", "82/s", "1.2k/s", "35k/s",
/// "2.1M/s" (two or three significant digits, never a long fraction).
pub fn rate(per_sec: f64) -> String {
    if !per_sec.is_finite() || per_sec <= 0.0 {
        return "0/s".to_string();
    }
    let (value, unit) = match per_sec {
        r if r < 1_000.0 => (r, ""),
        r if r < 1_000_000.0 => (r / 1_000.0, "k"),
        r => (r / 1_000_000.0, "M"),
    };
    // Below 10 one decimal matters; above, whole numbers are precise enough.
    let text = if value < 9.95 {
        format!("{value:.1}")
    } else {
        format!("{value:.0}")
    };
    // 999.6/s rounds to "1000/s": say 1.0k/s instead.
    match (text.as_str(), unit) {
        ("1000", "") => "1.0k/s".to_string(),
        ("1000", "k") => "1.0M/s".to_string(),
        _ => format!("{text}{unit}/s"),
    }
}

#[cfg(test)]
mod tests {
    use super::rate;

    #[test]
    fn rates_are_rounded_for_people() {
        assert_eq!(rate(81.9328), "82/s");
        assert_eq!(rate(8.46), "8.5/s");
        assert_eq!(rate(0.4), "0.4/s");
        assert_eq!(rate(1_234.5), "1.2k/s");
        assert_eq!(rate(35_499.0), "35k/s");
        assert_eq!(rate(2_100_000.0), "2.1M/s");
        assert_eq!(rate(999.7), "1.0k/s");
        assert_eq!(rate(9.97), "10/s");
        assert_eq!(rate(0.0), "0/s");
        assert_eq!(rate(f64::NAN), "0/s");
    }
}
