//! Backups of a whole desk home: a consistent, versioned, checksummed tar file.
//!
//! ```text
//! hot.kv                  every key and value of the hot store: frames of
//!                         key length u32 LE | value length u32 LE | key | value
//! cold/seg-NNNNNN.dat     archive segments, cut at their committed length
//! cold/locations.bin      the archive's location table
//! config.toml, templates/…, attachments/…   the home's files
//! MANIFEST.json           format, version, counts, and every entry's size and SHA-256
//! MANIFEST.sha256         the SHA-256 of MANIFEST.json and of every byte before this entry,
//!                         filled to one tar block; then only the zero end blocks
//! ```
//!
//! Consistency while other commands run: [`Store::backup_snapshot`] reads the hot store,
//! the location table, and opens every committed segment while the store's lock is held
//! (a few hundred milliseconds even for a big home); then the lock is let go and the
//! segments are copied up to the committed lengths the snapshot's manifest records.
//! Segments are append-only below their committed length, so what is copied is exactly
//! what the snapshot committed, whatever archiving happens meanwhile.
//!
//! Restore checks everything first ([`verify`]: every entry against the manifest, the
//! manifest against its checksum, nothing missing, nothing extra), then [`extract`]s
//! into a fresh directory that the caller moves into place, checking again as it writes.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::{Component, Path, PathBuf};
use std::rc::Rc;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::cold::ColdManifest;
use super::{keys, Result, Store, StoreError, Write as KvWrite, SCHEMA_VERSION};

pub const BACKUP_FORMAT: &str = "desk-backup";
pub const BACKUP_VERSION: u32 = 1;
const HOT_DUMP: &str = "hot.kv";
const MANIFEST: &str = "MANIFEST.json";
const MANIFEST_SUM: &str = "MANIFEST.sha256";
/// How MANIFEST.sha256 names the checksum of the tar stream before it.
const CONTAINER: &str = "(archive before MANIFEST.sha256)";
/// The home's own files and folders a backup carries (beside the store).
const HOME_FILES: [&str; 3] = ["config.toml", "templates", "attachments"];
/// Hot-store entries are restored in commits of this many.
const RESTORE_BATCH: usize = 10_000;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BackupManifest {
    pub format: String,
    pub version: u32,
    pub created_at: DateTime<Utc>,
    /// The desk that wrote it.
    pub desk_version: String,
    /// The hot store's schema version.
    pub schema_version: u32,
    pub hot_entries: u64,
    pub hot_tickets: u64,
    pub archived_tickets: u64,
    /// Every entry but the manifest and its checksum, in archive order.
    pub entries: Vec<EntryInfo>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryInfo {
    pub path: String,
    pub size: u64,
    pub sha256: String,
}

impl BackupManifest {
    pub fn bytes(&self) -> u64 {
        self.entries.iter().map(|e| e.size).sum()
    }
}

/// Why a backup cannot be restored.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BackupError {
    /// Not a desk backup, or damaged: corrupted, truncated, altered.
    #[error("{0}")]
    Invalid(String),
    /// Not a tar file at all (`reason` says what it seems to be); `export` when it is a
    /// `desk export` (JSONL) file.
    #[error("not a desk backup ({reason})")]
    NotBackup { reason: String, export: bool },
    /// A tar file whose container (headers, blocks) cannot be read: corrupted or truncated.
    #[error("backup is damaged ({0})")]
    Damaged(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn invalid(message: impl Into<String>) -> BackupError {
    BackupError::Invalid(message.into())
}

/// What a tar error reading a backup means, in words.
fn damage(error: &io::Error) -> BackupError {
    BackupError::Damaged(match error.kind() {
        io::ErrorKind::UnexpectedEof => "it ends part-way through an entry: truncated".to_string(),
        // The tar reader's own complaints (bad checksum, non-numeric size, …).
        io::ErrorKind::Other | io::ErrorKind::InvalidData => {
            "a tar header is corrupted or cut off".to_string()
        }
        _ => error.to_string(),
    })
}

/// Look at the first tar block of a would-be backup: refuse what is not a tar file (an
/// export, text, random bytes) before the tar reader reports it as a header error.
/// Returns the bytes read, to be read again in front of the rest.
fn sniff(reader: &mut impl Read) -> std::result::Result<Vec<u8>, BackupError> {
    let mut head = Vec::with_capacity(512);
    reader
        .take(512)
        .read_to_end(&mut head)
        .map_err(|e| StoreError::io("backup file", e))?;
    let not = |reason: &str, export: bool| BackupError::NotBackup {
        reason: reason.to_string(),
        export,
    };
    if head.is_empty() {
        return Err(not("the file is empty", false));
    }
    if head.starts_with(b"{\"record\":\"desk-export\"") {
        return Err(not("it is a `desk export` file", true));
    }
    // Every desk backup starts with the hot store's entry; any tar has the ustar magic.
    let tar_magic = head.get(257..262) == Some(b"ustar".as_slice());
    let desk_first = head.starts_with(HOT_DUMP.as_bytes()) && head.get(HOT_DUMP.len()) == Some(&0);
    if !tar_magic && !desk_first {
        return Err(not("it is not a tar file", false));
    }
    Ok(head)
}

/// What a backup reads under the store's lock; see the module doc.
pub struct BackupSnapshot {
    hot: Vec<(Vec<u8>, Vec<u8>)>,
    schema_version: u32,
    manifest: ColdManifest,
    locations: Vec<u8>,
    /// Each committed segment, opened under the lock, with its committed length.
    segments: Vec<(String, File, u64)>,
}

impl Store {
    pub fn backup_snapshot(&self) -> Result<BackupSnapshot> {
        let hot = self.kv.scan_prefix(b"")?;
        let txn = self.txn();
        let schema_version = txn.schema_version()?.unwrap_or(SCHEMA_VERSION);
        let manifest = txn.cold_manifest()?;
        let mut segments = Vec::new();
        let mut locations = Vec::new();
        if !manifest.segments.is_empty() {
            locations = self.cold.read_locations()?;
            for info in &manifest.segments {
                let path = self.cold.segment_path(info.id);
                let file = File::open(&path).map_err(|e| StoreError::io(&path, e))?;
                let name = path.file_name().unwrap_or_default().to_string_lossy();
                segments.push((format!("cold/{name}"), file, info.committed_len));
            }
        }
        Ok(BackupSnapshot {
            hot,
            schema_version,
            manifest,
            locations,
            segments,
        })
    }
}

impl BackupSnapshot {
    /// Bytes the backup will hold (for a progress bar), home files aside.
    pub fn bytes(&self) -> u64 {
        let hot: u64 = self.hot.iter().map(|(k, v)| 8 + (k.len() + v.len()) as u64).sum();
        hot + self.locations.len() as u64 + self.segments.iter().map(|(_, _, len)| len).sum::<u64>()
    }

    pub fn hot_tickets(&self) -> u64 {
        self.hot
            .iter()
            .filter(|(k, _)| k.starts_with(keys::TICKET_PREFIX))
            .count() as u64
    }

    pub fn archived_tickets(&self) -> u64 {
        self.manifest.records()
    }
}

/// A reader that hashes and counts what passes through it.
struct Hashing<R> {
    inner: R,
    hasher: Sha256,
    count: u64,
}

impl<R: Read> Hashing<R> {
    fn new(inner: R) -> Self {
        Hashing {
            inner,
            hasher: Sha256::new(),
            count: 0,
        }
    }

    fn finish(self) -> (u64, String) {
        (self.count, format!("{:x}", self.hasher.finalize()))
    }
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        self.count += n as u64;
        Ok(n)
    }
}

/// A writer that hashes what passes through it.
struct HashingWriter<W> {
    inner: W,
    hasher: Sha256,
}

impl<W: Write> Write for HashingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Hash states at recent tar block boundaries: (offset, hash of every byte before it).
type Marks = Rc<RefCell<VecDeque<(u64, Sha256)>>>;

/// A reader that hashes the whole stream and remembers the hash at the last few 512-byte
/// block boundaries, so the hash of everything before an entry's header can be had once
/// the tar reader has read that header.
struct BlockHashing<R> {
    inner: R,
    hasher: Sha256,
    offset: u64,
    marks: Marks,
}

impl<R: Read> Read for BlockHashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut rest = &buf[..n];
        while !rest.is_empty() {
            if self.offset.is_multiple_of(512) {
                let mut marks = self.marks.borrow_mut();
                if marks.len() == 4 {
                    marks.pop_front();
                }
                marks.push_back((self.offset, self.hasher.clone()));
            }
            let to_boundary = (512 - self.offset % 512) as usize;
            let (now, later) = rest.split_at(to_boundary.min(rest.len()));
            self.hasher.update(now);
            self.offset += now.len() as u64;
            rest = later;
        }
        Ok(n)
    }
}

fn tar_header(size: u64, at: DateTime<Utc>) -> tar::Header {
    let mut header = tar::Header::new_gnu();
    header.set_size(size);
    header.set_mode(0o644);
    header.set_mtime(at.timestamp().max(0) as u64);
    header.set_entry_type(tar::EntryType::Regular);
    header
}

/// Home files a backup carries otherwise than as they are on disk: secrets stay out of
/// backups, which are copied off the machine. The caller decides which (it reads the
/// config); the manifest and checksums describe what the backup holds.
#[derive(Debug, Default)]
pub struct HomeOverrides {
    /// Path inside the backup → the bytes to carry instead of the file's (`config.toml`
    /// with its inline secrets left out).
    pub replaced: BTreeMap<String, Vec<u8>>,
    /// Paths left out altogether (a `file:` secret under `templates/` or `attachments/`).
    pub left_out: BTreeSet<String>,
}

/// Write the backup of `snapshot` and the home files under `root` (as `overrides` says)
/// to `out`; `progress` is told of every byte copied.
pub fn write(
    snapshot: BackupSnapshot,
    root: &Path,
    overrides: &HomeOverrides,
    created_at: DateTime<Utc>,
    out: impl Write,
    progress: &dyn Fn(u64),
) -> Result<BackupManifest> {
    let io_err = |e: io::Error| StoreError::io("backup file", e);
    let mut builder = tar::Builder::new(HashingWriter {
        inner: out,
        hasher: Sha256::new(),
    });
    let mut entries = Vec::new();
    let mut append = |builder: &mut tar::Builder<HashingWriter<_>>,
                      path: &str,
                      size: u64,
                      data: &mut dyn Read|
     -> Result<()> {
        let mut hashing = Hashing::new(data);
        builder
            .append_data(&mut tar_header(size, created_at), path, &mut hashing)
            .map_err(io_err)?;
        let (count, sha256) = hashing.finish();
        if count != size {
            return Err(StoreError::Backend(format!(
                "{path} changed while it was backed up ({size} bytes expected, {count} read)"
            )));
        }
        progress(size);
        entries.push(EntryInfo {
            path: path.to_string(),
            size,
            sha256,
        });
        Ok(())
    };

    let mut dump = Vec::new();
    for (key, value) in &snapshot.hot {
        dump.extend_from_slice(&(key.len() as u32).to_le_bytes());
        dump.extend_from_slice(&(value.len() as u32).to_le_bytes());
        dump.extend_from_slice(key);
        dump.extend_from_slice(value);
    }
    append(&mut builder, HOT_DUMP, dump.len() as u64, &mut dump.as_slice())?;
    drop(dump);
    if !snapshot.segments.is_empty() {
        append(
            &mut builder,
            "cold/locations.bin",
            snapshot.locations.len() as u64,
            &mut snapshot.locations.as_slice(),
        )?;
    }
    for (path, file, committed_len) in &snapshot.segments {
        append(&mut builder, path, *committed_len, &mut file.take(*committed_len))?;
    }
    for (relative, path) in home_files(root)? {
        if overrides.left_out.contains(&relative) {
            continue;
        }
        if let Some(bytes) = overrides.replaced.get(&relative) {
            append(&mut builder, &relative, bytes.len() as u64, &mut bytes.as_slice())?;
            continue;
        }
        let file = File::open(&path).map_err(|e| StoreError::io(&path, e))?;
        let size = file.metadata().map_err(|e| StoreError::io(&path, e))?.len();
        append(&mut builder, &relative, size, &mut file.take(size))?;
    }

    let manifest = BackupManifest {
        format: BACKUP_FORMAT.to_string(),
        version: BACKUP_VERSION,
        created_at,
        desk_version: env!("CARGO_PKG_VERSION").to_string(),
        schema_version: snapshot.schema_version,
        hot_entries: snapshot.hot.len() as u64,
        hot_tickets: snapshot.hot_tickets(),
        archived_tickets: snapshot.archived_tickets(),
        entries,
    };
    let text = serde_json::to_vec_pretty(&manifest).expect("the manifest serializes");
    builder
        .append_data(
            &mut tar_header(text.len() as u64, created_at),
            MANIFEST,
            text.as_slice(),
        )
        .map_err(io_err)?;
    // The manifest's checksum, and one of every byte before this last entry (headers and
    // padding included), so no byte of the file goes unchecked but the last entry's.
    let container = format!("{:x}", builder.get_ref().hasher.clone().finalize());
    let mut sum = format!(
        "{:x}  {MANIFEST}\n{container}  {CONTAINER}\n",
        Sha256::digest(&text)
    );
    // Filled to one whole tar block, so the file has no unchecked padding after it.
    let fill = 511usize.saturating_sub(sum.len());
    sum.push_str(&" ".repeat(fill));
    sum.push('\n');
    builder
        .append_data(
            &mut tar_header(sum.len() as u64, created_at),
            MANIFEST_SUM,
            sum.as_bytes(),
        )
        .map_err(io_err)?;
    builder.into_inner().map_err(io_err)?.flush().map_err(io_err)?;
    Ok(manifest)
}

/// Bytes of the home's own files a backup of `root` carries (for a progress bar).
pub fn home_files_bytes(root: &Path) -> Result<u64> {
    Ok(home_files(root)?
        .iter()
        .filter_map(|(_, path)| fs::metadata(path).ok())
        .map(|m| m.len())
        .sum())
}

/// The home's own files, as (path inside the backup, path on disk), sorted.
fn home_files(root: &Path) -> Result<Vec<(String, PathBuf)>> {
    let mut files = Vec::new();
    for name in HOME_FILES {
        collect_files(root, &root.join(name), &mut files)?;
    }
    files.sort();
    Ok(files)
}

fn collect_files(root: &Path, path: &Path, out: &mut Vec<(String, PathBuf)>) -> Result<()> {
    let metadata = match fs::symlink_metadata(path) {
        Ok(metadata) => metadata,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(StoreError::io(path, e)),
    };
    if metadata.is_dir() {
        for entry in fs::read_dir(path).map_err(|e| StoreError::io(path, e))? {
            let entry = entry.map_err(|e| StoreError::io(path, e))?;
            collect_files(root, &entry.path(), out)?;
        }
    } else if metadata.is_file() {
        let relative = path.strip_prefix(root).expect("under the root");
        let relative: Vec<String> = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        out.push((relative.join("/"), path.to_path_buf()));
    }
    Ok(())
}

/// A path inside a backup must stay inside the home it is restored to.
fn safe_path(path: &str) -> std::result::Result<PathBuf, BackupError> {
    let relative = PathBuf::from(path);
    let safe = !path.is_empty() && relative.components().all(|c| matches!(c, Component::Normal(_)));
    if safe {
        Ok(relative)
    } else {
        Err(invalid(format!("entry `{path}` points outside the home")))
    }
}

/// Read a whole backup and check it: every entry hashed and compared with the manifest,
/// the manifest with its checksum, nothing missing or extra. Writes nothing.
pub fn verify(
    mut reader: impl Read,
    progress: &dyn Fn(u64),
) -> std::result::Result<BackupManifest, BackupError> {
    let head = sniff(&mut reader)?;
    let reader = io::Cursor::new(head).chain(reader);
    let marks: Marks = Rc::default();
    let mut archive = tar::Archive::new(BlockHashing {
        inner: reader,
        hasher: Sha256::new(),
        offset: 0,
        marks: Rc::clone(&marks),
    });
    let mut container: Option<String> = None;
    let mut seen: Vec<EntryInfo> = Vec::new();
    let mut manifest_text: Option<Vec<u8>> = None;
    let mut manifest_sum: Option<String> = None;
    let damaged = |e: io::Error| damage(&e);
    for entry in archive.entries().map_err(damaged)? {
        let mut entry = entry.map_err(damaged)?;
        if manifest_sum.is_some() {
            return Err(invalid("the backup goes on after MANIFEST.sha256"));
        }
        if entry.header().entry_type() != tar::EntryType::Regular {
            return Err(invalid("the backup holds something other than files"));
        }
        let path = entry.path().map_err(damaged)?.to_string_lossy().into_owned();
        safe_path(&path)?;
        let size = entry.header().size().map_err(damaged)?;
        if path == MANIFEST || path == MANIFEST_SUM {
            if path == MANIFEST_SUM {
                let header_at = entry.raw_header_position();
                container = marks
                    .borrow()
                    .iter()
                    .find(|(offset, _)| *offset == header_at)
                    .map(|(_, hasher)| format!("{:x}", hasher.clone().finalize()));
            }
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes).map_err(damaged)?;
            if bytes.len() as u64 != size {
                return Err(invalid(format!("the backup is truncated inside {path}")));
            }
            if path == MANIFEST {
                manifest_text = Some(bytes);
            } else {
                manifest_sum = Some(String::from_utf8_lossy(&bytes).trim().to_string());
            }
            continue;
        }
        let mut hashing = Hashing::new(&mut entry);
        io::copy(&mut hashing, &mut io::sink()).map_err(damaged)?;
        let (count, sha256) = hashing.finish();
        if count != size {
            return Err(invalid(format!("the backup is truncated inside {path}")));
        }
        progress(size);
        seen.push(EntryInfo { path, size, sha256 });
    }
    // After the last entry only the end-of-archive zero blocks may follow.
    let mut rest = archive.into_inner();
    let mut block = [0u8; 8192];
    loop {
        match rest.read(&mut block) {
            Ok(0) => break,
            Ok(n) if block[..n].iter().all(|b| *b == 0) => {}
            Ok(_) => return Err(invalid("the backup has bytes after its end: it is corrupted")),
            Err(e) => return Err(damaged(e)),
        }
    }
    let text = manifest_text
        .ok_or_else(|| invalid("the backup has no MANIFEST.json: it is truncated, or not a desk backup"))?;
    let sum = manifest_sum.ok_or_else(|| invalid("the backup has no MANIFEST.sha256: it is truncated"))?;
    let mut sums: BTreeMap<&str, &str> = BTreeMap::new();
    for line in sum.lines() {
        match line.split_once("  ") {
            Some((hash, name)) if hash.len() == 64 && (name == MANIFEST || name == CONTAINER) => {
                sums.insert(name, hash);
            }
            _ if line.bytes().all(|b| b == b' ') => {}
            _ => return Err(invalid("MANIFEST.sha256 is garbled: the backup is corrupted")),
        }
    }
    if sums.get(MANIFEST).copied() != Some(format!("{:x}", Sha256::digest(&text)).as_str()) {
        return Err(invalid(
            "MANIFEST.json does not match its checksum: the backup is corrupted",
        ));
    }
    let manifest: BackupManifest =
        serde_json::from_slice(&text).map_err(|e| invalid(format!("MANIFEST.json is unreadable: {e}")))?;
    if manifest.format != BACKUP_FORMAT {
        return Err(invalid(format!(
            "not a desk backup (format `{}`)",
            manifest.format
        )));
    }
    if manifest.version > BACKUP_VERSION {
        return Err(invalid(format!(
            "backup format version {} is newer than this desk reads ({BACKUP_VERSION})",
            manifest.version
        )));
    }
    if manifest.schema_version > SCHEMA_VERSION {
        return Err(invalid(format!(
            "the backup holds a store of schema {}, newer than this desk understands ({SCHEMA_VERSION})",
            manifest.schema_version
        )));
    }
    let expected: BTreeMap<&str, &EntryInfo> =
        manifest.entries.iter().map(|e| (e.path.as_str(), e)).collect();
    for entry in &seen {
        match expected.get(entry.path.as_str()) {
            None => return Err(invalid(format!("{} is not in the manifest", entry.path))),
            Some(want) if *want != entry => {
                return Err(invalid(format!(
                    "{} does not match its checksum: the backup is corrupted",
                    entry.path
                )))
            }
            Some(_) => {}
        }
    }
    if seen.len() != expected.len() {
        let missing: Vec<&str> = expected
            .keys()
            .filter(|path| !seen.iter().any(|e| e.path == **path))
            .copied()
            .collect();
        return Err(invalid(format!(
            "entries missing from the backup: {}",
            missing.join(", ")
        )));
    }
    if container.is_none() || sums.get(CONTAINER).copied() != container.as_deref() {
        return Err(invalid(
            "the tar container (headers, padding) does not match its checksum: the backup is corrupted",
        ));
    }
    if !seen.iter().any(|e| e.path == HOT_DUMP) {
        return Err(invalid("the backup holds no store (hot.kv)"));
    }
    Ok(manifest)
}

/// Write a verified backup into `root` (a fresh directory): the hot store into `hot_dir`
/// through `open_hot`, every other file in place. Each entry is checked against `manifest`
/// again as it is written, in case the file changed since [`verify`].
pub fn extract(
    reader: impl Read,
    manifest: &BackupManifest,
    root: &Path,
    open_hot: &dyn Fn() -> Result<Box<dyn super::KvBackend>>,
    progress: &dyn Fn(u64),
) -> std::result::Result<(), BackupError> {
    let expected: BTreeMap<&str, &EntryInfo> =
        manifest.entries.iter().map(|e| (e.path.as_str(), e)).collect();
    let mut archive = tar::Archive::new(reader);
    let damaged = |e: io::Error| invalid(format!("the backup is damaged or truncated: {e}"));
    let changed = |path: &str| invalid(format!("{path} changed since it was verified"));
    let mut done = 0usize;
    for entry in archive.entries().map_err(damaged)? {
        let mut entry = entry.map_err(damaged)?;
        let path = entry.path().map_err(damaged)?.to_string_lossy().into_owned();
        if path == MANIFEST || path == MANIFEST_SUM {
            continue;
        }
        let want = *expected.get(path.as_str()).ok_or_else(|| changed(&path))?;
        let mut hashing = Hashing::new(&mut entry);
        if path == HOT_DUMP {
            let kv = open_hot()?;
            load_hot(&mut hashing, kv.as_ref()).map_err(|e| match e {
                BackupError::Invalid(_) => changed(&path),
                other => other,
            })?;
        } else {
            let target = root.join(safe_path(&path)?);
            if let Some(parent) = target.parent() {
                fs::create_dir_all(parent).map_err(|e| StoreError::io(parent, e))?;
            }
            let mut file = File::create(&target).map_err(|e| StoreError::io(&target, e))?;
            io::copy(&mut hashing, &mut file).map_err(damaged)?;
            file.sync_all().map_err(|e| StoreError::io(&target, e))?;
        }
        let (size, sha256) = hashing.finish();
        if size != want.size || sha256 != want.sha256 {
            return Err(changed(&path));
        }
        progress(size);
        done += 1;
    }
    if done != expected.len() {
        return Err(invalid(
            "the backup changed since it was verified: entries are missing",
        ));
    }
    Ok(())
}

/// Read `hot.kv` frames into the store in batches.
fn load_hot(reader: &mut impl Read, kv: &dyn super::KvBackend) -> std::result::Result<(), BackupError> {
    let mut batch: Vec<KvWrite> = Vec::with_capacity(RESTORE_BATCH);
    let mut header = [0u8; 8];
    loop {
        match read_full(reader, &mut header)? {
            0 => break,
            8 => {}
            _ => return Err(invalid("hot.kv ends inside a record")),
        }
        let klen = u32::from_le_bytes(header[0..4].try_into().expect("4 bytes")) as usize;
        let vlen = u32::from_le_bytes(header[4..8].try_into().expect("4 bytes")) as usize;
        let mut key = vec![0u8; klen];
        let mut value = vec![0u8; vlen];
        if read_full(reader, &mut key)? != klen || read_full(reader, &mut value)? != vlen {
            return Err(invalid("hot.kv ends inside a record"));
        }
        batch.push((key, Some(value)));
        if batch.len() >= RESTORE_BATCH {
            kv.commit(std::mem::take(&mut batch))?;
        }
    }
    kv.commit(batch)?;
    Ok(())
}

/// Fill `buf` as far as the reader goes; returns how much was read.
fn read_full(reader: &mut impl Read, buf: &mut [u8]) -> std::result::Result<usize, BackupError> {
    let mut filled = 0;
    while filled < buf.len() {
        match reader.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(invalid(format!("the backup is damaged or truncated: {e}"))),
        }
    }
    Ok(filled)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overridden_home_files_are_what_the_backup_holds_and_checks() {
        let home = tempfile::tempdir().unwrap();
        let root = home.path();
        fs::write(root.join("config.toml"), "url = \"https://x/tok-1\"\n").unwrap();
        fs::create_dir_all(root.join("templates")).unwrap();
        fs::write(root.join("templates/incident.toml"), "prefix = \"INC\"\n").unwrap();
        fs::write(root.join("templates/token"), "tok-2\n").unwrap();
        let mut overrides = HomeOverrides::default();
        overrides
            .replaced
            .insert("config.toml".into(), b"url = \"<redacted>\"\n".to_vec());
        overrides.left_out.insert("templates/token".into());
        let snapshot = BackupSnapshot {
            hot: vec![(b"k".to_vec(), b"v".to_vec())],
            schema_version: SCHEMA_VERSION,
            manifest: ColdManifest::default(),
            locations: Vec::new(),
            segments: Vec::new(),
        };
        let mut out = Vec::new();
        let at = DateTime::from_timestamp(1_780_000_000, 0).unwrap();
        let manifest = write(snapshot, root, &overrides, at, &mut out, &|_| {}).unwrap();
        let paths: Vec<&str> = manifest.entries.iter().map(|e| e.path.as_str()).collect();
        assert_eq!(paths, ["hot.kv", "config.toml", "templates/incident.toml"]);
        assert_eq!(verify(out.as_slice(), &|_| {}).unwrap(), manifest);
        let text = String::from_utf8_lossy(&out);
        assert!(text.contains("<redacted>") && !text.contains("tok-"), "{text}");
    }

    #[test]
    fn only_relative_paths_inside_the_home_are_safe() {
        assert!(safe_path("templates/incident.toml").is_ok());
        assert!(safe_path("cold/seg-000000.dat").is_ok());
        assert!(safe_path("../etc/passwd").is_err());
        assert!(safe_path("/etc/passwd").is_err());
        assert!(safe_path("templates/../../x").is_err());
        assert!(safe_path("").is_err());
    }
}
