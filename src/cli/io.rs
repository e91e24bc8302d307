//! Where a command's standard input and named files come from, and where the files it
//! writes go: this process's own (a local `desk`), or what a client sent along with the
//! command (`desk serve` running it for `desk` with `DESK_URL`, or for an API request).
//! A command run for a client never reads the server's standard input or files: a path
//! it names is looked up among the files the client sent, and a file it writes is sent
//! back for the client to write.

use std::collections::BTreeMap;
use std::io::{self, Read};
use std::path::Path;
use std::sync::Mutex;

use base64::Engine;
use serde::{Deserialize, Serialize};

use super::error::CommandError;

const BASE64: base64::engine::GeneralPurpose = base64::engine::general_purpose::STANDARD;

#[derive(Debug, Default)]
pub enum Io {
    /// This process's standard input and file system.
    #[default]
    Local,
    /// What the client sent, by the path it named on its command line.
    Sent {
        stdin: Option<Vec<u8>>,
        files: BTreeMap<String, Vec<u8>>,
        /// The files the command wrote, by path, for the client to write.
        written: Mutex<Vec<(String, Vec<u8>)>>,
    },
}

/// What is at a path a command was given.
pub enum Entry {
    File { len: u64 },
    Directory,
    Other,
}

impl Io {
    /// A command's input from a client: its standard input (if it sent one) and files.
    pub fn sent(stdin: Option<Vec<u8>>, files: BTreeMap<String, Vec<u8>>) -> Self {
        Io::Sent {
            stdin,
            files,
            written: Mutex::new(Vec::new()),
        }
    }

    /// All of standard input, as text.
    pub fn stdin_text(&self) -> Result<String, CommandError> {
        super::retry::mark_unrepeatable();
        match self {
            Io::Local => {
                let mut text = String::new();
                io::stdin().read_to_string(&mut text)?;
                Ok(text)
            }
            Io::Sent { stdin, .. } => {
                let bytes = stdin.as_deref().ok_or_else(|| {
                    CommandError::invalid("the command reads standard input, and none was sent")
                })?;
                String::from_utf8(bytes.to_vec())
                    .map_err(|_| CommandError::invalid("standard input is not UTF-8 text"))
            }
        }
    }

    /// All of standard input, as bytes.
    pub fn stdin_bytes(&self) -> Result<Vec<u8>, CommandError> {
        super::retry::mark_unrepeatable();
        match self {
            Io::Local => {
                let mut bytes = Vec::new();
                io::stdin().read_to_end(&mut bytes)?;
                Ok(bytes)
            }
            Io::Sent { stdin, .. } => stdin
                .clone()
                .ok_or_else(|| CommandError::invalid("the command reads standard input, and none was sent")),
        }
    }

    pub fn entry(&self, path: &Path) -> io::Result<Entry> {
        match self {
            Io::Local => {
                let meta = std::fs::metadata(path)?;
                Ok(if meta.is_dir() {
                    Entry::Directory
                } else if meta.is_file() {
                    Entry::File { len: meta.len() }
                } else {
                    Entry::Other
                })
            }
            Io::Sent { files, .. } => files
                .get(&key(path))
                .map(|bytes| Entry::File {
                    len: bytes.len() as u64,
                })
                .ok_or_else(|| not_sent(path)),
        }
    }

    /// The file's bytes, no more than `limit + 1` of them (so a file that grew past a
    /// limit is noticed without being read whole).
    pub fn read(&self, path: &Path, limit: u64) -> io::Result<Vec<u8>> {
        match self {
            Io::Local => {
                let mut bytes = Vec::new();
                std::fs::File::open(path)?
                    .take(limit.saturating_add(1))
                    .read_to_end(&mut bytes)?;
                Ok(bytes)
            }
            Io::Sent { files, .. } => files
                .get(&key(path))
                .map(|bytes| bytes[..bytes.len().min(limit.saturating_add(1) as usize)].to_vec())
                .ok_or_else(|| not_sent(path)),
        }
    }

    pub fn read_to_string(&self, path: &Path) -> io::Result<String> {
        let bytes = self.read(path, u64::MAX - 1)?;
        String::from_utf8(bytes).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
    }

    /// Write a file the command produces (`report --output report.html`).
    pub fn write(&self, path: &Path, bytes: Vec<u8>) -> io::Result<()> {
        match self {
            Io::Local => std::fs::write(path, bytes),
            Io::Sent { written, .. } => {
                written.lock().expect("written lock").push((key(path), bytes));
                Ok(())
            }
        }
    }

    /// The files the command wrote for the client, taken.
    pub fn take_written(&self) -> Vec<(String, Vec<u8>)> {
        match self {
            Io::Local => Vec::new(),
            Io::Sent { written, .. } => std::mem::take(&mut *written.lock().expect("written lock")),
        }
    }
}

/// How a path names a sent file: as the client wrote it on its command line.
fn key(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

fn not_sent(path: &Path) -> io::Error {
    io::Error::new(
        io::ErrorKind::NotFound,
        format!("{} was not sent with the request", path.display()),
    )
}

/// A file sent with a request: the name (or path) it was given by, and its bytes.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SentFile {
    pub name: String,
    pub content_base64: String,
}

impl SentFile {
    pub fn new(name: String, bytes: &[u8]) -> Self {
        SentFile {
            name,
            content_base64: BASE64.encode(bytes),
        }
    }

    pub fn bytes(&self) -> Result<Vec<u8>, CommandError> {
        BASE64
            .decode(&self.content_base64)
            .map_err(|e| CommandError::invalid(format!("{}: not base64: {e}", self.name)))
    }
}
