//! What `desk` with `DESK_URL` and `desk serve` say to each other over `POST /api/v1/cli`:
//! the command line, with the input it reads and the client's terminal, one way; what it
//! printed, the files it wrote and its exit code, the other.

use std::collections::BTreeMap;

use base64::Engine;
use serde::{Deserialize, Serialize};

use super::run::Ran;
use crate::cli::error::CommandError;
pub use crate::cli::io::SentFile;
use crate::cli::ui::Terminal;

const BASE64: base64::engine::GeneralPurpose = base64::engine::general_purpose::STANDARD;

/// A command line for the server to run.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CliCall {
    /// The arguments after `desk`.
    pub argv: Vec<String>,
    /// Standard input, when the command reads it (`-m -`, `--from-json -`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stdin_base64: Option<String>,
    /// The files the command names (`--attach`, `--body-file`, `--from-json FILE`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub files: Vec<SentFile>,
    #[serde(default)]
    pub terminal: Terminal,
}

impl CliCall {
    pub fn decode_files(&self) -> Result<BTreeMap<String, Vec<u8>>, CommandError> {
        self.files
            .iter()
            .map(|file| Ok((file.name.clone(), file.bytes()?)))
            .collect()
    }

    pub fn decode_stdin(&self) -> Result<Option<Vec<u8>>, CommandError> {
        self.stdin_base64
            .as_deref()
            .map(|text| {
                BASE64
                    .decode(text)
                    .map_err(|e| CommandError::invalid(format!("stdin: not base64: {e}")))
            })
            .transpose()
    }
}

/// What the command did, for the client to print and exit with.
#[derive(Debug, Serialize, Deserialize)]
pub struct CliAnswer {
    pub exit: u8,
    pub stdout: String,
    pub stderr: String,
    /// Files it wrote, for the client to write where it named them.
    #[serde(default)]
    pub files: Vec<SentFile>,
    /// It would have paged its output on the client's terminal.
    #[serde(default)]
    pub page: bool,
}

impl CliAnswer {
    /// A command line that does not parse: exit 2 with clap's message.
    pub fn usage(message: String) -> Self {
        CliAnswer {
            exit: 2,
            stdout: String::new(),
            stderr: message,
            files: Vec::new(),
            page: false,
        }
    }

    pub fn of(ran: Ran) -> Self {
        CliAnswer {
            exit: match &ran.result {
                Ok(()) => 0,
                // `| head` went away on the server's side of the pipe: not a failure.
                Err(error) if error.broken_pipe => 0,
                Err(error) => error.kind.code(),
            },
            stdout: String::from_utf8_lossy(&ran.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&ran.stderr).into_owned(),
            files: ran
                .written
                .into_iter()
                .map(|(name, bytes)| SentFile::new(name, &bytes))
                .collect(),
            page: ran.paged,
        }
    }
}
