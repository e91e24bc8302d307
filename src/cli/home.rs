//! The desk home directory: where it is, what is in it, and loading its templates.
//!
//! ```text
//! <home>/config.toml         settings (see domain::config)
//! <home>/templates/*.toml    ticket types; the file stem is the type name
//! <home>/hot/                the sled database: open and recent tickets, people, indexes
//! <home>/cold/               the archive of old closed tickets (segment files)
//! <home>/attachments/<id>/   files that came with a ticket (e-mail attachments)
//! <home>/purged/            export files of `desk archive --purge-before` (by default)
//! ```

use std::cell::OnceCell;
use std::fs;
use std::path::{Path, PathBuf};

use crate::domain::config::{parse_store_section, Config, StoreConfig};
use crate::domain::template::{prefix_clashes, FileError, Template};

use super::error::CommandError;

pub struct Home {
    root: PathBuf,
    /// config.toml, parsed once per process: a command and the archiving after its write
    /// both need it, and the parse should not happen twice (or inside the store's lock).
    config: OnceCell<Config>,
    /// `[store]` alone, parsed once: every command asks where the store is, some twice.
    store_config: OnceCell<StoreConfig>,
}

/// The templates of a home: those that parsed, and the files that did not. A broken file
/// never stops the others from working.
pub struct Catalog {
    pub templates: Vec<Template>,
    pub broken: Vec<(String, FileError)>,
}

impl Catalog {
    pub fn get(&self, name: &str) -> Option<&Template> {
        self.templates.iter().find(|t| t.name == name)
    }

    pub fn broken(&self, name: &str) -> Option<&FileError> {
        self.broken.iter().find(|(n, _)| n == name).map(|(_, e)| e)
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.templates.iter().map(|t| t.name.as_str())
    }

    /// Prefixes used by more than one type, with those types (see [`prefix_clashes`]).
    pub fn prefix_clashes(&self) -> Vec<(String, Vec<String>)> {
        prefix_clashes(&self.templates)
    }
}

impl Home {
    pub fn new(root: PathBuf) -> Self {
        Home {
            root,
            config: OnceCell::new(),
            store_config: OnceCell::new(),
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn config_path(&self) -> PathBuf {
        self.root.join("config.toml")
    }

    pub fn templates_dir(&self) -> PathBuf {
        self.root.join("templates")
    }

    pub fn hot_dir(&self) -> PathBuf {
        self.root.join("hot")
    }

    pub fn cold_dir(&self) -> PathBuf {
        self.root.join("cold")
    }

    /// Where the files that came with ticket `id` are kept.
    pub fn attachments_dir(&self, id: u64) -> PathBuf {
        self.root.join("attachments").join(id.to_string())
    }

    /// config.toml, and the embedded store's directory unless the home uses a team store
    /// (which keeps nothing under `hot/`).
    pub fn is_initialized(&self) -> bool {
        self.config_path().is_file() && (self.hot_dir().is_dir() || self.uses_team_store())
    }

    /// `DESK_STORE` or `[store] url` names a team store. A `[store]` that does not parse
    /// counts as one, so that the command reports the mistake rather than "no desk home".
    fn uses_team_store(&self) -> bool {
        crate::env_vars::get(crate::env_vars::DESK_STORE).is_some()
            || self.store_config().map_or(true, |store| store.url.is_some())
    }

    pub fn require(&self) -> Result<(), CommandError> {
        if self.is_initialized() {
            Ok(())
        } else if let Err(e) = fs::metadata(self.config_path()).and_then(|_| fs::read_dir(self.hot_dir())) {
            if e.kind() != std::io::ErrorKind::PermissionDenied {
                return Err(self.missing());
            }
            // Another account's private home: say so, rather than "no desk home".
            Err(CommandError::denied(format!(
                "permission denied: this OS account cannot read the desk home at {}",
                self.root.display()
            ))
            .with_hint("a home is private to the account that made it unless made with `desk init --group GROUP`; ask its admin to add you to that group"))
        } else {
            Err(self.missing())
        }
    }

    fn missing(&self) -> CommandError {
        {
            CommandError::not_found(format!("no desk home at {}", self.root.display()))
                .with_hint("create one with `desk init` (add --examples for sample ticket types), or point --home / DESK_HOME at an existing one")
        }
    }

    pub fn config(&self) -> Result<Config, CommandError> {
        if let Some(config) = self.config.get() {
            return Ok(config.clone());
        }
        let config = self.read_config()?;
        Ok(self.config.get_or_init(|| config).clone())
    }

    /// Only config.toml's `[store]` (see [`crate::domain::config::parse_store_section`]):
    /// a mistake elsewhere in the file does not stop commands that do not need it.
    pub fn store_config(&self) -> Result<StoreConfig, CommandError> {
        if let Some(store) = self.store_config.get() {
            return Ok(store.clone());
        }
        if let Some(config) = self.config.get() {
            return Ok(config.store.clone());
        }
        let path = self.config_path();
        match fs::read_to_string(&path) {
            Ok(source) => {
                let mut store = parse_store_section(&path.display().to_string(), &source)?;
                self.anchor_store_password(&mut store);
                Ok(self.store_config.get_or_init(|| store).clone())
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(StoreConfig::default()),
            Err(e) => Err(CommandError::new(
                super::error::ExitKind::Failure,
                format!("cannot read {}: {e}", path.display()),
            )),
        }
    }

    /// A relative `file:` password is relative to the home, as the sinks' secrets are.
    fn anchor_store_password(&self, store: &mut StoreConfig) {
        if let Some(crate::domain::notify::Secret::File(file)) = &mut store.password {
            if file.is_relative() {
                *file = self.root.join(&*file);
            }
        }
    }

    fn read_config(&self) -> Result<Config, CommandError> {
        let path = self.config_path();
        match fs::read_to_string(&path) {
            Ok(source) => {
                let mut config = Config::parse(&path.display().to_string(), &source)?;
                config.notify.anchor_secret_files(&self.root);
                self.anchor_store_password(&mut config.store);
                Ok(config)
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(e) => Err(CommandError::new(
                super::error::ExitKind::Failure,
                format!("cannot read {}: {e}", path.display()),
            )),
        }
    }

    /// Every `templates/*.toml`, sorted (none when there is no templates/).
    pub fn template_files(&self) -> Result<Vec<PathBuf>, CommandError> {
        let mut paths: Vec<PathBuf> = match fs::read_dir(self.templates_dir()) {
            Ok(entries) => entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|ext| ext == "toml"))
                .collect(),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(e) => return Err(CommandError::from(e)),
        };
        paths.sort();
        Ok(paths)
    }

    /// Parse every `templates/*.toml`, sorted by name.
    pub fn catalog(&self) -> Result<Catalog, CommandError> {
        let paths = self.template_files()?;
        let mut catalog = Catalog {
            templates: Vec::new(),
            broken: Vec::new(),
        };
        for path in paths {
            let name = path.file_stem().unwrap_or_default().to_string_lossy().to_string();
            match load_template_file(&path) {
                Ok(template) => catalog.templates.push(template),
                Err(error) => catalog.broken.push((name, error)),
            }
        }
        Ok(catalog)
    }
}

/// The catalog of a team store's published types, (name, TOML source) as the store holds
/// them; messages name them `team store: templates/NAME.toml`.
pub fn catalog_of_shared(sources: &[(String, String)]) -> Catalog {
    let mut catalog = Catalog {
        templates: Vec::new(),
        broken: Vec::new(),
    };
    for (name, source) in sources {
        let label = format!("team store: templates/{name}.toml");
        match Template::parse(name, &label, source) {
            Ok(template) => catalog.templates.push(template),
            Err(error) => catalog.broken.push((name.clone(), error)),
        }
    }
    catalog
}

/// Parse one template file; its stem is the type name.
pub fn load_template_file(path: &Path) -> Result<Template, FileError> {
    let label = path.display().to_string();
    let name = path.file_stem().unwrap_or_default().to_string_lossy().to_string();
    let source = fs::read_to_string(path).map_err(|e| FileError {
        file: label.clone(),
        line: 1,
        column: 1,
        reason: format!("cannot read: {e}"),
    })?;
    Template::parse(&name, &label, &source)
}
