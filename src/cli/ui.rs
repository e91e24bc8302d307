//! All printing goes through [`Ui`]: the output mode (table, JSON, ids only), colour, and
//! whether a person is there to prompt. Tests drive the binary, so this is what they see.

use std::io::{self, IsTerminal, Write};
use std::sync::{Arc, Mutex};

use comfy_table::{Cell, Color, ColumnConstraint, ContentArrangement, Table};
use serde::Serialize;

use super::error::CommandError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputMode {
    /// Tables and sentences for people.
    Human,
    /// Stable machine output (`--json`).
    Json,
    /// Only ids (`-q`).
    Quiet,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

pub struct Ui {
    pub mode: OutputMode,
    /// Colour on stdout: `--color always`, or `auto` on a terminal without NO_COLOR.
    pub color: bool,
    /// Colour on stderr (errors, warnings), decided the same way for stderr.
    pub stderr_color: bool,
    stdout_is_tty: bool,
    /// Measured before a pager takes stdout over: tables keep the terminal's width.
    width: Option<u16>,
    can_prompt: bool,
    paging_allowed: bool,
    /// Where output goes when not to this process's stdout and stderr: a command `desk
    /// serve` runs for a client (see [`Ui::captured`]).
    capture: Option<Arc<Mutex<Captured>>>,
}

/// What a command printed, kept instead of written: `desk serve` sends it to the client.
#[derive(Debug, Default)]
pub struct Captured {
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    /// The command would have paged its output: the client pages it.
    pub paged: bool,
}

/// The terminal a remote command prints to, as the client described it, so the server
/// renders tables, colour and charts as a local run would.
#[derive(Debug, Clone, Copy, Default, serde::Serialize, serde::Deserialize)]
pub struct Terminal {
    /// Whether the client's stdout is a terminal.
    #[serde(default)]
    pub tty: bool,
    /// Its width in columns, when it is one.
    #[serde(default)]
    pub width: Option<u16>,
    /// Colour on stdout, as the client decided it (--color, NO_COLOR, a terminal).
    #[serde(default)]
    pub color: bool,
    /// Colour on stderr.
    #[serde(default)]
    pub stderr_color: bool,
}

impl Ui {
    pub fn new(mode: OutputMode, color: ColorChoice, no_input: bool, no_pager: bool) -> Self {
        let stdout_is_tty = io::stdout().is_terminal();
        let wants_color = |is_terminal: bool| match color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => is_terminal && crate::env_vars::get(crate::env_vars::NO_COLOR).is_none(),
        };
        let stderr_color = wants_color(io::stderr().is_terminal());
        let color = wants_color(stdout_is_tty);
        Ui {
            mode,
            color,
            stderr_color,
            stdout_is_tty,
            width: if stdout_is_tty { terminal_width() } else { None },
            paging_allowed: !no_pager,
            // Prompt only when a person can answer: stdin and stderr are terminals.
            can_prompt: !no_input && io::stdin().is_terminal() && io::stderr().is_terminal(),
            capture: None,
        }
    }

    /// This process's terminal, described for a server to print to ([`Ui::captured`]).
    pub fn terminal(&self) -> Terminal {
        Terminal {
            tty: self.stdout_is_tty,
            width: self.width,
            color: self.color,
            stderr_color: self.stderr_color,
        }
    }

    /// A Ui that keeps what it prints in the returned buffer instead of writing it,
    /// printing as it would to `terminal`; it never prompts and never pages.
    pub fn captured(mode: OutputMode, terminal: Terminal) -> (Self, Arc<Mutex<Captured>>) {
        let capture = Arc::new(Mutex::new(Captured::default()));
        let ui = Ui {
            mode,
            color: terminal.color,
            stderr_color: terminal.stderr_color,
            stdout_is_tty: terminal.tty,
            width: terminal.width.filter(|_| terminal.tty),
            can_prompt: false,
            paging_allowed: false,
            capture: Some(Arc::clone(&capture)),
        };
        (ui, capture)
    }

    /// When output is captured, note that the command would page it and say so (true);
    /// the client decides for its terminal.
    pub fn page_in_client(&self) -> bool {
        match &self.capture {
            Some(capture) => {
                capture.lock().expect("capture lock").paged = true;
                true
            }
            None => false,
        }
    }

    /// Write `bytes` to stdout, or to the capture.
    pub fn write_stdout(&self, bytes: &[u8]) -> Result<(), CommandError> {
        super::retry::mark_unrepeatable();
        match &self.capture {
            Some(capture) => capture
                .lock()
                .expect("capture lock")
                .stdout
                .extend_from_slice(bytes),
            None => io::stdout().lock().write_all(bytes)?,
        }
        Ok(())
    }

    /// Write one line to stderr, or to the capture: notices, warnings, errors.
    pub fn stderr_line(&self, text: impl AsRef<str>) {
        match &self.capture {
            Some(capture) => {
                let mut capture = capture.lock().expect("capture lock");
                capture.stderr.extend_from_slice(text.as_ref().as_bytes());
                capture.stderr.push(b'\n');
            }
            None => eprintln!("{}", text.as_ref()),
        }
    }

    pub fn can_prompt(&self) -> bool {
        self.can_prompt
    }

    pub fn is_json(&self) -> bool {
        self.mode == OutputMode::Json
    }

    /// Whether stdout is a terminal: charts and tables for a person, not a pipe.
    pub fn is_terminal(&self) -> bool {
        self.stdout_is_tty
    }

    /// False with `--no-pager`; see [`super::pager`] for the other conditions.
    pub fn paging_allowed(&self) -> bool {
        self.paging_allowed
    }

    pub fn is_quiet(&self) -> bool {
        self.mode == OutputMode::Quiet
    }

    pub fn line(&self, text: impl AsRef<str>) -> Result<(), CommandError> {
        let mut line = String::with_capacity(text.as_ref().len() + 1);
        line.push_str(text.as_ref());
        line.push('\n');
        self.write_stdout(line.as_bytes())
    }

    pub fn json<T: Serialize + ?Sized>(&self, value: &T) -> Result<(), CommandError> {
        let mut text = serde_json::to_vec_pretty(value).map_err(io::Error::from)?;
        text.push(b'\n');
        self.write_stdout(&text)
    }

    /// A notice for people (stderr), e.g. "archived 3 old tickets"; silent with -q/--json.
    pub fn note(&self, text: impl AsRef<str>) {
        if self.mode == OutputMode::Human {
            self.stderr_line(text);
        }
    }

    pub fn warn(&self, text: impl AsRef<str>) {
        let warning = if self.stderr_color {
            ansi("warning", Color::Yellow)
        } else {
            "warning".to_string()
        };
        self.stderr_line(format!("{warning}: {}", text.as_ref()));
    }

    /// Wrap `text` in an ANSI colour when colour is on.
    pub fn paint(&self, text: &str, color: Color) -> String {
        if !self.color {
            return text.to_string();
        }
        ansi(text, color)
    }

    /// Print rows: on a terminal, a header, a line under it and the rows (no borders, no
    /// lines between rows, like `gh` and `cargo`); piped, tab-separated lines with no header,
    /// so `cut -f1` and `awk` work.
    pub fn table(&self, header: &[&str], rows: Vec<Vec<StyledCell>>) -> Result<(), CommandError> {
        if !self.stdout_is_tty {
            let mut out = Vec::new();
            for row in rows {
                // `--color always` colours piped rows too (for `less -R`, `grep --color`).
                let cells: Vec<String> = row
                    .into_iter()
                    .map(|c| {
                        let text = c.text.replace(['\t', '\n'], " ");
                        match c.color {
                            Some(color) => self.paint(&text, color),
                            None => text,
                        }
                    })
                    .collect();
                writeln!(out, "{}", cells.join("\t"))?;
            }
            return self.write_stdout(&out);
        }
        let table = render_table(header, rows, self.color, self.width);
        self.line(table.trim_fmt())
    }
}

/// `text` in an ANSI colour.
fn ansi(text: &str, color: Color) -> String {
    let code = match color {
        Color::Red => "31",
        Color::Green => "32",
        Color::Yellow => "33",
        Color::Blue => "34",
        Color::Magenta => "35",
        Color::Cyan => "36",
        Color::DarkGrey => "90",
        _ => "1",
    };
    format!("\x1b[{code}m{text}\x1b[0m")
}

/// Only the line under the header: a space in a comfy-table preset means "draw nothing",
/// and position 5 is the header line (see `comfy_table::presets`).
const HEADER_LINE_ONLY: &str = "     ─             ";

/// Lay out a table for a terminal `width` columns wide (None: unknown, so rows are never
/// wrapped). We decide the width and the styling, not comfy-table, so it never measures
/// the terminal itself.
fn render_table(header: &[&str], rows: Vec<Vec<StyledCell>>, color: bool, width: Option<u16>) -> Table {
    let mut table = Table::new();
    table.load_preset(HEADER_LINE_ONLY).force_no_tty().set_header(
        header
            .iter()
            .map(|h| Cell::new(h).add_attribute(comfy_table::Attribute::Bold)),
    );
    if color {
        table.enforce_styling().style_text_only();
    }
    if let Some(width) = width {
        table
            .set_width(width)
            .set_content_arrangement(ContentArrangement::Dynamic);
    }
    for row in rows {
        table.add_row(row.into_iter().map(|c| {
            let cell = Cell::new(c.text);
            match c.color {
                Some(color) => cell.fg(color),
                None => cell,
            }
        }));
    }
    // Short columns (ids, states, names) never wrap, so a narrow terminal folds the
    // titles and descriptions rather than splitting `unclaimed` in two.
    let widths: Vec<usize> = table
        .column_max_content_widths()
        .into_iter()
        .map(usize::from)
        .collect();
    // Two spaces between columns and none at the edges.
    let last = table.column_count().saturating_sub(1);
    for (index, column) in table.column_iter_mut().enumerate() {
        column.set_padding((0, if index == last { 0 } else { 2 }));
        if widths.get(index).is_some_and(|&w| w <= SHORT_COLUMN) {
            column.set_constraint(ColumnConstraint::ContentWidth);
        }
    }
    table
}

/// Columns at most this wide keep their width when the terminal is narrow.
const SHORT_COLUMN: usize = 12;

/// The terminal's width in columns, or None when it is unknown. Some pseudo-terminals (CI
/// runners, `script` without a real terminal behind it) report 0 columns: that means
/// unknown, not "squeeze every column to one character".
fn terminal_width() -> Option<u16> {
    // comfy-table asks the terminal (ioctl, then `tput`) when stdout is one; a throwaway
    // table spares desk a terminal crate of its own.
    Table::new().width().filter(|&columns| columns > 0)
}

/// A table cell with an optional colour.
pub struct StyledCell {
    pub text: String,
    pub color: Option<Color>,
}

impl StyledCell {
    pub fn plain(text: impl Into<String>) -> Self {
        StyledCell {
            text: text.into(),
            color: None,
        }
    }

    pub fn colored(text: impl Into<String>, color: Color) -> Self {
        StyledCell {
            text: text.into(),
            color: Some(color),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows() -> Vec<Vec<StyledCell>> {
        vec![
            vec![
                StyledCell::plain("INC-1"),
                StyledCell::plain("Checkout API returns 502 on every second request"),
            ],
            vec![StyledCell::plain("CS-2"), StyledCell::plain("charged twice")],
        ]
    }

    #[test]
    fn a_table_is_a_header_a_line_and_the_rows() {
        let text = render_table(&["ID", "TITLE"], rows(), false, None).trim_fmt();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 4, "{text}");
        assert_eq!(lines[0], "ID     TITLE");
        assert!(lines[1].chars().all(|c| c == '─'), "{text}");
        assert_eq!(lines[1].chars().count(), lines[2].chars().count(), "{text}");
        assert_eq!(
            lines[2],
            "INC-1  Checkout API returns 502 on every second request"
        );
        assert_eq!(lines[3], "CS-2   charged twice");
    }

    #[test]
    fn a_known_width_wraps_long_cells() {
        let text = render_table(&["ID", "TITLE"], rows(), false, Some(30)).trim_fmt();
        assert!(text.lines().all(|l| l.chars().count() <= 30), "{text}");
        assert!(text.lines().count() > 4, "{text}");
        // The short column keeps its width; only the title folds.
        assert!(text.lines().any(|l| l.starts_with("INC-1  Checkout")), "{text}");
    }
}
