//! The index's files on disk: tantivy's memory-mapped directory, without its fsyncs.
//!
//! tantivy syncs every file of a new segment and the directory at each commit, and a
//! catch-up commits at the start of a search: measured on these machines, the syncs of one
//! one-document commit cost 60–100 ms (and ~300 ms when the commit also merges small
//! segments), most of a search's time budget. The index is derived data: the store keeps
//! every document's "search pending" entry until a *later* search sees the index commit
//! that covers it, and a process that is killed loses nothing (the page cache survives it).
//! Only a power loss within the kernel's write-back delay can leave a damaged index, which
//! the next search finds unreadable and rebuilds (`desk ticket search --reindex` does it by
//! hand). So files are written and renamed, and the kernel flushes them in its own time.
//!
//! One thing must not run ahead of the disk: the store forgets a pending entry only once
//! the index commit covering it is durable, or a power loss could roll the index back past
//! entries already forgotten. [`sync_all`] makes it so, and catch-ups call it before they
//! clear entries, in batches, so its cost is shared by many searches.

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tantivy::directory::error::{DeleteError, LockError, OpenDirectoryError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    AntiCallToken, Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, TerminatingWrite,
    WatchCallback, WatchHandle, WritePtr,
};

#[derive(Clone, Debug)]
pub struct LazySyncDirectory {
    inner: MmapDirectory,
    root: PathBuf,
}

impl LazySyncDirectory {
    pub fn open(root: &Path) -> Result<LazySyncDirectory, OpenDirectoryError> {
        Ok(LazySyncDirectory {
            inner: MmapDirectory::open(root)?,
            root: root.to_path_buf(),
        })
    }
}

struct UnsyncedFile(File);

impl Write for UnsyncedFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

impl TerminatingWrite for UnsyncedFile {
    fn terminate_ref(&mut self, _: AntiCallToken) -> io::Result<()> {
        self.0.flush()
    }
}

impl Directory for LazySyncDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        self.inner.get_file_handle(path)
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.inner.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.inner.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        let file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(self.root.join(path))
            .map_err(|error| {
                if error.kind() == io::ErrorKind::AlreadyExists {
                    OpenWriteError::FileAlreadyExists(path.to_path_buf())
                } else {
                    OpenWriteError::wrap_io_error(error, path.to_path_buf())
                }
            })?;
        Ok(BufWriter::new(Box::new(UnsyncedFile(file))))
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.inner.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        // Write aside, then rename: readers see the old or the new file, never half of one.
        let target = self.root.join(path);
        let temporary = self.root.join(format!(
            ".{}.{}.tmp",
            path.file_name().and_then(|n| n.to_str()).unwrap_or("atomic"),
            std::process::id()
        ));
        fs::write(&temporary, data)?;
        fs::rename(&temporary, &target)
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        self.inner.acquire_lock(lock)
    }

    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.inner.watch(watch_callback)
    }

    fn sync_directory(&self) -> io::Result<()> {
        Ok(())
    }
}

/// Make every file of the index at `root`, and the directory itself, durable.
pub fn sync_all(root: &Path) -> io::Result<()> {
    for entry in fs::read_dir(root)? {
        let path = entry?.path();
        if path.is_file() {
            File::open(&path)?.sync_all()?;
        }
    }
    File::open(root)?.sync_all()
}
