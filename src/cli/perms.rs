//! Who may read the home's files: modes, the umask every write inherits, and `doctor`'s check.
//!
//! A home is either *private* (directories 0700, files 0600: only the OS account that owns
//! it) or *shared with a group* (`desk init --group ops`: directories 2770 with the setgid
//! bit so new files keep the group, files 0660). Which one is read off the home directory's
//! own mode, and the process umask is set from it before anything is written, so every
//! file desk creates — sled's, archive segments, attachments, the search index, exports
//! and backups — gets the right mode without each writer remembering to.

use std::fs;
use std::path::{Path, PathBuf};

/// How a home shares its files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HomeMode {
    /// Only the owner: 0700 / 0600.
    Private,
    /// The owner and one group: 2770 / 0660.
    Group { gid: u32, name: String },
}

impl HomeMode {
    /// The mode of a home that exists: group-shared when its directory gives the group
    /// full access, private otherwise (and for a home not made yet).
    pub fn of(root: &Path) -> HomeMode {
        imp::mode_of(root)
    }

    /// `desk init --group NAME`: the group must exist on this host.
    pub fn group(name: &str) -> Result<HomeMode, String> {
        imp::lookup_group(name).map(|gid| HomeMode::Group {
            gid,
            name: name.to_string(),
        })
    }

    pub fn describe(&self) -> String {
        match self {
            HomeMode::Private => "private (0700 directories, 0600 files)".to_string(),
            HomeMode::Group { name, .. } => {
                format!("shared with group {name} (2770 directories, 0660 files)")
            }
        }
    }

    fn dir_mode(&self) -> u32 {
        match self {
            HomeMode::Private => 0o700,
            HomeMode::Group { .. } => 0o2770,
        }
    }

    fn file_mode(&self) -> u32 {
        match self {
            HomeMode::Private => 0o600,
            HomeMode::Group { .. } => 0o660,
        }
    }

    /// Permission bits no file of the home may have.
    fn forbidden_bits(&self) -> u32 {
        match self {
            HomeMode::Private => 0o077,
            HomeMode::Group { .. } => 0o007,
        }
    }

    /// Make every file this process creates from now on follow the home's mode.
    pub fn apply_umask(&self) {
        imp::set_umask(self.forbidden_bits());
    }
}

/// A file or directory whose mode is looser than the home's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LooseMode {
    pub path: PathBuf,
    pub mode: u32,
    pub expected: u32,
}

impl std::fmt::Display for LooseMode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} is {:04o}, expected {:04o}",
            self.path.display(),
            self.mode & 0o7777,
            self.expected
        )
    }
}

/// Whether the OS account running this process owns `root`.
pub fn owned_by_this_process(root: &Path) -> bool {
    imp::owned_by_this_process(root)
}

/// Set the home directory (made by `init`) to `mode`, and give it the group.
pub fn secure_root(root: &Path, mode: &HomeMode) -> std::io::Result<()> {
    if let HomeMode::Group { gid, .. } = mode {
        imp::chown_group(root, *gid)?;
    }
    imp::chmod(root, mode.dir_mode())
}

/// Every path under `root` (itself included) that is looser than `mode` allows.
pub fn loose_modes(root: &Path, mode: &HomeMode) -> std::io::Result<Vec<LooseMode>> {
    let mut loose = Vec::new();
    walk(root, &mut |path, is_dir, bits| {
        if bits & mode.forbidden_bits() != 0 {
            loose.push(LooseMode {
                path: path.to_path_buf(),
                mode: bits,
                expected: if is_dir { mode.dir_mode() } else { mode.file_mode() },
            });
        }
    })?;
    Ok(loose)
}

/// Take the forbidden bits off every path under `root`; returns how many changed.
pub fn tighten(root: &Path, mode: &HomeMode) -> std::io::Result<usize> {
    let loose = loose_modes(root, mode)?;
    for entry in &loose {
        imp::chmod(&entry.path, entry.mode & 0o7777 & !mode.forbidden_bits())?;
    }
    Ok(loose.len())
}

fn walk(path: &Path, visit: &mut dyn FnMut(&Path, bool, u32)) -> std::io::Result<()> {
    let meta = fs::symlink_metadata(path)?;
    if meta.file_type().is_symlink() {
        return Ok(());
    }
    visit(path, meta.is_dir(), imp::mode_bits(&meta));
    if meta.is_dir() {
        for entry in fs::read_dir(path)? {
            walk(&entry?.path(), visit)?;
        }
    }
    Ok(())
}

#[cfg(unix)]
mod imp {
    use std::fs;
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    use std::path::Path;

    use nix::sys::stat::{umask, Mode};
    use nix::unistd::{chown, Gid, Group};

    use super::HomeMode;

    pub fn mode_of(root: &Path) -> HomeMode {
        match fs::metadata(root) {
            Ok(meta) if meta.mode() & 0o070 == 0o070 => {
                let gid = meta.gid();
                let name = Group::from_gid(Gid::from_raw(gid))
                    .ok()
                    .flatten()
                    .map(|g| g.name)
                    .unwrap_or_else(|| gid.to_string());
                HomeMode::Group { gid, name }
            }
            _ => HomeMode::Private,
        }
    }

    pub fn lookup_group(name: &str) -> Result<u32, String> {
        match Group::from_name(name) {
            Ok(Some(group)) => Ok(group.gid.as_raw()),
            Ok(None) => Err(format!("no group `{name}` on this host")),
            Err(e) => Err(format!("cannot look up group `{name}`: {e}")),
        }
    }

    pub fn set_umask(bits: u32) {
        umask(Mode::from_bits_truncate(bits as nix::libc::mode_t));
    }

    pub fn chmod(path: &Path, mode: u32) -> std::io::Result<()> {
        fs::set_permissions(path, fs::Permissions::from_mode(mode))
    }

    pub fn chown_group(path: &Path, gid: u32) -> std::io::Result<()> {
        chown(path, None, Some(Gid::from_raw(gid))).map_err(std::io::Error::from)
    }

    pub fn mode_bits(meta: &fs::Metadata) -> u32 {
        meta.mode() & 0o7777
    }

    pub fn owned_by_this_process(root: &Path) -> bool {
        fs::metadata(root).is_ok_and(|meta| meta.uid() == nix::unistd::geteuid().as_raw())
    }
}

#[cfg(not(unix))]
mod imp {
    use std::fs;
    use std::path::Path;

    use super::HomeMode;

    pub fn mode_of(_root: &Path) -> HomeMode {
        HomeMode::Private
    }
    pub fn lookup_group(name: &str) -> Result<u32, String> {
        Err(format!("groups (`{name}`) need a Unix host"))
    }
    pub fn set_umask(_bits: u32) {}
    pub fn chmod(_path: &Path, _mode: u32) -> std::io::Result<()> {
        Ok(())
    }
    pub fn chown_group(_path: &Path, _gid: u32) -> std::io::Result<()> {
        Ok(())
    }
    pub fn mode_bits(_meta: &fs::Metadata) -> u32 {
        0
    }
    pub fn owned_by_this_process(_root: &Path) -> bool {
        false
    }
}
