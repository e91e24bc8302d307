//! Progress bars for long runs (archive, purge, doctor): on stderr, only when it is a
//! terminal and the output is for people (never with `--json` or `-q`).

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::ui::Ui;

/// A bar that draws itself only where a person watches; otherwise every call is a no-op.
pub struct Progress {
    bar: ProgressBar,
}

impl Progress {
    /// A bar counting `total` items, labelled `what` (e.g. "archiving").
    pub fn new(ui: &Ui, total: u64, what: &str) -> Progress {
        let bar = if ui.mode == super::ui::OutputMode::Human && std::io::stderr().is_terminal() {
            let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template("{msg:>10} [{bar:30}] {pos}/{len} ({eta} left)")
                    .expect("a valid template")
                    .progress_chars("=> "),
            );
            bar.set_message(what.to_string());
            bar.enable_steady_tick(Duration::from_millis(200));
            bar
        } else {
            ProgressBar::hidden()
        };
        Progress { bar }
    }

    /// A counter without a known total: a spinner with how many so far (`what`, e.g.
    /// "exported").
    pub fn counter(ui: &Ui, what: &str) -> Progress {
        let bar = if ui.mode == super::ui::OutputMode::Human && std::io::stderr().is_terminal() {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template("{spinner} {pos} {msg} ({elapsed})").expect("a valid template"),
            );
            bar.set_message(what.to_string());
            bar.enable_steady_tick(Duration::from_millis(200));
            bar
        } else {
            ProgressBar::hidden()
        };
        Progress { bar }
    }

    pub fn inc(&self, by: u64) {
        self.bar.inc(by);
    }

    pub fn set(&self, position: u64) {
        self.bar.set_position(position);
    }

    pub fn set_total(&self, total: u64) {
        self.bar.set_length(total);
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}
