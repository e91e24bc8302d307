//! Attachments on the command line's side: reading the files of `--attach FILE` (refused
//! whole, before the store is opened, when one is missing, unreadable, a directory or over
//! a limit), and [`keep`], the one function every channel keeps files with.
//!
//! Files live under `<home>/attachments/<ticket id>/`, with the home's file mode (the umask
//! set from it, see [`super::perms`]). They are written while the store's lock is held and
//! before the commit, by a [`WrittenFiles`] that removes them again unless the commit
//! succeeded, so a failing command leaves no file behind.

use std::fs;
use std::path::{Path, PathBuf};

use crate::domain::attachments::{stored_name, AttachmentLimits};
pub use crate::domain::email::IncomingAttachment;
use crate::domain::ticket::Attachment;
use crate::domain::{transfer, Ticket};
use crate::store::Txn;

use super::error::CommandError;
use super::home::Home;
use super::io::Entry;

/// The files named by `--attach`, read in full, or the first problem with one of them.
/// A limit is checked on the sizes first, so an oversized file is never read.
pub fn read_files(
    io: &super::io::Io,
    paths: &[PathBuf],
    limits: &AttachmentLimits,
) -> Result<Vec<IncomingAttachment>, CommandError> {
    let cannot =
        |path: &Path, why: String| CommandError::invalid(format!("cannot attach {}: {why}", path.display()));
    let mut sizes = Vec::with_capacity(paths.len());
    for path in paths {
        let entry = io.entry(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => cannot(path, "no such file".into()),
            _ => cannot(path, e.to_string()),
        })?;
        let len = match entry {
            Entry::File { len } => len,
            Entry::Directory => {
                return Err(cannot(path, "it is a directory".into())
                    .with_hint("attach the files in it one by one, or an archive of it (tar, zip)"))
            }
            Entry::Other => return Err(cannot(path, "not a regular file".into())),
        };
        sizes.push((path.display().to_string(), len));
    }
    limits
        .check(sizes.iter().map(|(name, size)| (name.as_str(), *size)))
        .map_err(|e| {
            CommandError::from(e).with_hint("raise the limits under [attachments] in config.toml")
        })?;
    let mut files = Vec::with_capacity(paths.len());
    for path in paths {
        // A file that grew since it was measured is read no further than the limit.
        let bytes = io
            .read(path, limits.max_file_size)
            .map_err(|e| cannot(path, e.to_string()))?;
        if bytes.len() as u64 > limits.max_file_size {
            return Err(cannot(
                path,
                "it grew past the per-file limit while being read".into(),
            ));
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string());
        files.push(IncomingAttachment {
            content_type: mime_guess::from_path(path)
                .first_or_octet_stream()
                .essence_str()
                .to_string(),
            name,
            bytes,
        });
    }
    // Re-checked on what was read: the sizes may have changed in between.
    limits.check(
        files
            .iter()
            .zip(&sizes)
            .map(|(file, (name, _))| (name.as_str(), file.bytes.len() as u64)),
    )?;
    Ok(files)
}

/// Files written by a command that has not committed yet. Dropped without [`keep`], it
/// removes them (and the ticket's directory, if it made it and it is empty).
///
/// [`keep`]: WrittenFiles::keep
#[must_use = "the files are removed when this is dropped without `keep()`"]
pub struct WrittenFiles {
    dir: PathBuf,
    made_dir: bool,
    paths: Vec<PathBuf>,
    kept: bool,
}

impl WrittenFiles {
    /// The commit succeeded: the files stay.
    pub fn keep(mut self) {
        self.kept = true;
    }
}

impl Drop for WrittenFiles {
    fn drop(&mut self) {
        if self.kept {
            return;
        }
        for path in &self.paths {
            let _ = fs::remove_file(path);
        }
        if self.made_dir {
            let _ = fs::remove_dir(&self.dir);
        }
    }
}

/// Keep the files that came with event `event` of ticket `id`, which already has
/// `already` attachments: each within `limits` is written, the rest only listed (what
/// e-mail does; `--attach` refused them before). All are returned for the ticket's list.
pub fn keep(
    home: &Home,
    id: u64,
    already: usize,
    event: u32,
    incoming: &[IncomingAttachment],
    limits: &AttachmentLimits,
) -> Result<(Vec<Attachment>, WrittenFiles), CommandError> {
    let dir = home.attachments_dir(id);
    let mut written = WrittenFiles {
        made_dir: false,
        dir: dir.clone(),
        paths: Vec::new(),
        kept: false,
    };
    let mut listed = Vec::with_capacity(incoming.len());
    let mut total = 0u64;
    for (number, file) in (already + 1..).zip(incoming) {
        let size = file.bytes.len() as u64;
        let fits = size <= limits.max_file_size && total + size <= limits.max_total_size;
        let stored_as = if fits {
            if !written.made_dir && !dir.exists() {
                fs::create_dir_all(&dir)?;
                written.made_dir = true;
            }
            let stored = stored_name(number, &file.name);
            let path = dir.join(&stored);
            written.paths.push(path.clone());
            fs::write(&path, &file.bytes)?;
            total += size;
            Some(stored)
        } else {
            None
        };
        listed.push(Attachment {
            name: file.name.clone(),
            size,
            content_type: file.content_type.clone(),
            stored_as,
            event: Some(event),
        });
    }
    Ok((listed, written))
}

/// On a team store, put the files [`keep`] wrote for ticket `id` (`listed`, from
/// `incoming`) into `txn` as well, so every host can open them.
pub fn share(txn: &mut Txn<'_>, id: u64, listed: &[Attachment], incoming: &[IncomingAttachment]) {
    for (file, bytes) in listed.iter().zip(incoming) {
        if let Some(stored_as) = &file.stored_as {
            txn.share_attachment(id, stored_as, &bytes.bytes);
        }
    }
}

/// Write into this home the files of `ticket` that another host of a team store took in:
/// the store keeps their bytes, and each host its own copy, made when first shown or
/// exported here. A file the store does not keep (an embedded home's) is left as it is.
pub fn bring_here(home: &Home, txn: &Txn<'_>, ticket: &Ticket) -> Result<(), CommandError> {
    let dir = home.attachments_dir(ticket.id);
    for stored_as in ticket.attachments.iter().filter_map(|f| f.stored_as.as_deref()) {
        let path = dir.join(stored_as);
        if path.exists() {
            continue;
        }
        if let Some(bytes) = txn.attachment(ticket.id, stored_as)? {
            fs::create_dir_all(&dir)?;
            // Written aside and renamed, so a file is never seen half-written.
            let partial = dir.join(format!(".{stored_as}.{}", std::process::id()));
            fs::write(&partial, bytes)?;
            fs::rename(&partial, &path)?;
        }
    }
    Ok(())
}

/// The `attachment` export lines (see [`transfer`]) of the files `ticket` keeps, read
/// from the home, to follow its ticket line. A file listed but gone from disk cannot be
/// carried: it is named in `missing` and left out. A file that cannot be read is an error,
/// with its path.
pub fn export_lines(
    home: &Home,
    ticket: &Ticket,
    missing: &mut Vec<String>,
) -> Result<Vec<String>, (PathBuf, std::io::Error)> {
    let mut lines = Vec::new();
    for name in ticket.attachments.iter().filter_map(|f| f.stored_as.as_deref()) {
        let path = home.attachments_dir(ticket.id).join(name);
        match fs::read(&path) {
            Ok(bytes) => lines.push(transfer::attachment_line(ticket.id, name, &bytes)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                missing.push(format!("{}: {} is missing", ticket.display_id(), path.display()));
            }
            Err(e) => return Err((path, e)),
        }
    }
    Ok(lines)
}
