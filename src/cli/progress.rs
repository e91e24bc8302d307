//! Progress bars for long operations (export, import, backup, restore, archive, doctor,
//! search reindex): drawn on stderr
//! only when it is a terminal and the output mode is for people; otherwise hidden, so
//! scripts, pipes and `--json`/`-q` see nothing.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressStyle};

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
                        .progress_chars("=> "),
                )
                .with_message(message.to_string())
        } else {
            ProgressBar::hidden()
        };
        Progress { bar }
    }

    /// A bar counting `total` items (tickets).
    pub fn items(ui: &Ui, total: u64, message: &str) -> Progress {
        Progress::new(
            ui,
            total,
            message,
            "{msg} [{bar:30}] {human_pos}/{human_len} ({per_sec}, {eta} left)",
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
