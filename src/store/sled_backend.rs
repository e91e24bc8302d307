//! The hot store on sled, pinned to 0.34.7: the version the design card's open and
//! insert timings were measured on.
//!
//! sled holds an exclusive file lock for the life of the `Db`; a second process's open
//! fails at once with an `Io` error of kind `Other` whose text says "could not acquire
//! lock". [`open_with_retry`] turns that into bounded, jittered waiting, because cron,
//! CI and people all run `desk` at the same moment.

use std::path::Path;
use std::thread;
use std::time::{Duration, Instant};

use super::{KvBackend, Result, StoreError, Write};

pub struct SledBackend {
    db: sled::Db,
}

fn backend_error(error: sled::Error) -> StoreError {
    match error {
        sled::Error::Io(source) => StoreError::Io {
            path: "sled database".into(),
            source,
        },
        sled::Error::Corruption { .. } => StoreError::Corrupt(error.to_string()),
        other => StoreError::Backend(other.to_string()),
    }
}

fn is_lock_contention(error: &sled::Error) -> bool {
    matches!(error, sled::Error::Io(io) if io.to_string().contains("could not acquire lock"))
}

/// Open the sled database at `path`, waiting up to `timeout` for another process to let
/// go of it. Waits start at 1 ms and grow to 50 ms, each with ±50 % jitter so that many
/// waiting processes do not retry in lock-step.
pub fn open_with_retry(path: &Path, timeout: Duration) -> Result<SledBackend> {
    let started = Instant::now();
    let mut delay = Duration::from_millis(1);
    let mut repaired = false;
    loop {
        let config = sled::Config::new()
            .path(path)
            // Each command is a short process that flushes its own commit; sled's
            // background flusher would only add a thread and wake-ups.
            .flush_every_ms(None)
            .cache_capacity(64 * 1024 * 1024);
        match config.open() {
            Ok(db) => return Ok(SledBackend { db }),
            Err(sled::Error::Corruption { .. }) if !repaired && remove_torn_snapshots(path) => {
                repaired = true;
            }
            Err(error) if is_lock_contention(&error) => {
                let elapsed = started.elapsed();
                if elapsed >= timeout {
                    return Err(StoreError::Busy { waited: elapsed });
                }
                let jittered = delay.mul_f64(0.5 + fastrand::f64());
                thread::sleep(jittered.min(timeout - elapsed));
                delay = (delay * 2).min(Duration::from_millis(50));
            }
            Err(error) => return Err(backend_error(error)),
        }
    }
}

/// sled 0.34.7 writes each snapshot to `snap.<lsn>.generating` and renames it when
/// complete, but reads any `snap.*` file on open, the unfinished one included: a process
/// killed while writing one leaves a store sled calls corrupt (sled issue #1527). The
/// snapshot is only a shortcut (sled rebuilds from its log and the previous snapshot), so
/// an unfinished one can go — but only while nobody else holds the store, who might be
/// writing it right now. Returns whether anything was removed.
fn remove_torn_snapshots(path: &Path) -> bool {
    let Ok(entries) = std::fs::read_dir(path) else {
        return false;
    };
    let torn: Vec<_> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("snap.") && n.ends_with(".generating"))
        })
        .collect();
    if torn.is_empty() || !holds_exclusively(path) {
        return false;
    }
    torn.iter().filter(|p| std::fs::remove_file(p).is_ok()).count() > 0
}

/// Whether this process could take the lock sled takes (flock on `db`) right now, i.e.
/// no other desk has the store open. The lock is released again on return.
#[cfg(unix)]
fn holds_exclusively(path: &Path) -> bool {
    use std::os::unix::io::AsRawFd;
    let Ok(file) = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(path.join("db"))
    else {
        return false;
    };
    // SAFETY: flock(2) on a descriptor we own; no memory is shared with the kernel call.
    unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) == 0 }
    // Closing `file` releases the lock.
}

#[cfg(not(unix))]
fn holds_exclusively(_path: &Path) -> bool {
    false
}

impl KvBackend for SledBackend {
    fn get(&self, key: &[u8]) -> Result<Option<Vec<u8>>> {
        Ok(self.db.get(key).map_err(backend_error)?.map(|v| v.to_vec()))
    }

    fn scan_prefix(&self, prefix: &[u8]) -> Result<Vec<(Vec<u8>, Vec<u8>)>> {
        self.db
            .scan_prefix(prefix)
            .map(|entry| {
                entry
                    .map(|(k, v)| (k.to_vec(), v.to_vec()))
                    .map_err(backend_error)
            })
            .collect()
    }

    fn scan_prefix_keys(&self, prefix: &[u8], limit: usize) -> Result<Vec<Vec<u8>>> {
        self.db
            .scan_prefix(prefix)
            .keys()
            .take(limit)
            .map(|key| key.map(|k| k.to_vec()).map_err(backend_error))
            .collect()
    }

    fn scan_range(&self, start: &[u8], end: &[u8]) -> Result<Vec<(Vec<u8>, Vec<u8>)>> {
        self.db
            .range(start..end)
            .map(|entry| {
                entry
                    .map(|(k, v)| (k.to_vec(), v.to_vec()))
                    .map_err(backend_error)
            })
            .collect()
    }

    fn scan_range_limited(&self, start: &[u8], end: &[u8], limit: usize) -> Result<Vec<(Vec<u8>, Vec<u8>)>> {
        self.db
            .range(start..end)
            .take(limit)
            .map(|entry| {
                entry
                    .map(|(k, v)| (k.to_vec(), v.to_vec()))
                    .map_err(backend_error)
            })
            .collect()
    }

    fn commit(&self, writes: Vec<Write>) -> Result<()> {
        let mut batch = sled::Batch::default();
        for (key, value) in writes {
            match value {
                Some(value) => batch.insert(key, value),
                None => batch.remove(key),
            }
        }
        self.db.apply_batch(batch).map_err(backend_error)?;
        self.db.flush().map_err(backend_error)?;
        Ok(())
    }
}
