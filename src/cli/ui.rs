//! All printing goes through [`Ui`]: the output mode (table, JSON, ids only), colour, and
//! whether a person is there to prompt. Tests drive the binary, so this is what they see.

use std::io::{self, IsTerminal, Write};

use comfy_table::{presets, Cell, Color, ContentArrangement, Table};
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
    pub color: bool,
    stdout_is_tty: bool,
    can_prompt: bool,
}

impl Ui {
    pub fn new(mode: OutputMode, color: ColorChoice, no_input: bool) -> Self {
        let stdout_is_tty = io::stdout().is_terminal();
        let color = match color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => stdout_is_tty && crate::env_vars::get(crate::env_vars::NO_COLOR).is_none(),
        };
        Ui {
            mode,
            color,
            stdout_is_tty,
            // Prompt only when a person can answer: stdin and stderr are terminals.
            can_prompt: !no_input && io::stdin().is_terminal() && io::stderr().is_terminal(),
        }
    }

    pub fn can_prompt(&self) -> bool {
        self.can_prompt
    }

    pub fn is_json(&self) -> bool {
        self.mode == OutputMode::Json
    }

    pub fn is_quiet(&self) -> bool {
        self.mode == OutputMode::Quiet
    }

    pub fn line(&self, text: impl AsRef<str>) -> Result<(), CommandError> {
        let mut out = io::stdout().lock();
        writeln!(out, "{}", text.as_ref())?;
        Ok(())
    }

    pub fn json<T: Serialize + ?Sized>(&self, value: &T) -> Result<(), CommandError> {
        let mut out = io::stdout().lock();
        serde_json::to_writer_pretty(&mut out, value).map_err(io::Error::from)?;
        writeln!(out)?;
        Ok(())
    }

    /// A notice for people (stderr), e.g. "archived 3 old tickets"; silent with -q/--json.
    pub fn note(&self, text: impl AsRef<str>) {
        if self.mode == OutputMode::Human {
            eprintln!("{}", text.as_ref());
        }
    }

    pub fn warn(&self, text: impl AsRef<str>) {
        eprintln!("{}: {}", self.paint("warning", Color::Yellow), text.as_ref());
    }

    /// Wrap `text` in an ANSI colour when colour is on.
    pub fn paint(&self, text: &str, color: Color) -> String {
        if !self.color {
            return text.to_string();
        }
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

    /// Print rows: a bordered table on a terminal, tab-separated lines (no header)
    /// when piped, so `cut -f1` and `awk` work.
    pub fn table(&self, header: &[&str], rows: Vec<Vec<StyledCell>>) -> Result<(), CommandError> {
        if !self.stdout_is_tty {
            let mut out = io::stdout().lock();
            for row in rows {
                let cells: Vec<String> = row
                    .into_iter()
                    .map(|c| c.text.replace(['\t', '\n'], " "))
                    .collect();
                writeln!(out, "{}", cells.join("\t"))?;
            }
            return Ok(());
        }
        let mut table = Table::new();
        table
            .load_preset(presets::UTF8_HORIZONTAL_ONLY)
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_header(
                header
                    .iter()
                    .map(|h| Cell::new(h).add_attribute(comfy_table::Attribute::Bold)),
            );
        if self.color {
            table.enforce_styling();
        } else {
            table.force_no_tty();
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
        self.line(table.to_string())
    }
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
