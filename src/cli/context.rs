//! Settings resolved once per command: flags, then `DESK_*` variables, then defaults.
//! Handlers get a [`Context`] and never read the environment themselves.

use std::cell::{OnceCell, RefCell};
use std::path::PathBuf;
use std::time::Duration;

use chrono::{DateTime, SubsecRound, Utc};

use crate::domain::access::Viewer;
use crate::domain::config::Config;
use crate::domain::{Agent, AuthMethod, Identity, TicketRef};
use crate::env_vars::{self, DESK_HOME, DESK_LOCK_TIMEOUT, DESK_NOW, DESK_STORE, DESK_USER};
use crate::store::cold::ArchivedTicket;
use crate::store::{postgres, sled_backend, KvBackend, Location, Store, Txn};

use super::error::CommandError;
use super::home::{Catalog, Home};
use super::pager::Pager;
use super::ui::Ui;
use super::GlobalArgs;

/// Where the hot store lives; see [`Context::store_location`].
#[derive(Debug, Clone)]
pub enum StoreLocation {
    /// The home's own sled database (this directory).
    Embedded(PathBuf),
    /// A team store on PostgreSQL.
    Postgres {
        url: String,
        password: Option<crate::domain::notify::Secret>,
        identity: crate::domain::config::StoreIdentity,
    },
}

fn read_shared(backend: &dyn KvBackend) -> Result<Shared, CommandError> {
    let txn = Txn::new(backend);
    Ok(Shared {
        templates: txn.shared_templates()?,
        config: txn.shared_config()?,
    })
}

pub const DEFAULT_LOCK_TIMEOUT: Duration = Duration::from_secs(10);

pub struct Context {
    pub ui: Ui,
    pub home: Home,
    /// The OS account running this process: who authenticated, before any mapping.
    pub login: String,
    /// The user `--as` / `DESK_USER` asks to act as, if any.
    pub requested_user: Option<String>,
    /// Who acts, resolved against the store when it is first opened (see [`Context::user`]).
    identity: OnceCell<Identity>,
    /// The time every rule uses (`DESK_NOW` or the clock), fixed for the whole command.
    pub now: DateTime<Utc>,
    pub lock_timeout: Duration,
    /// The PostgreSQL role a team store's server authenticated, when that role is who
    /// acts (`[store] identity = "role"`, the default); set when the store is opened.
    db_role: OnceCell<String>,
    /// The pager long output goes to, once [`Context::page`] started it; dropped (waited
    /// for) with the context, before any error is printed.
    pager: RefCell<Option<Pager>>,
    /// A team store's connection opened early (to read its published types, see
    /// [`Context::catalog`]), for the command's own open to take: one connection, one
    /// transaction per command.
    parked: RefCell<Option<(Box<dyn KvBackend>, PathBuf)>>,
    /// What a team store's hosts share, read once per command (see [`Context::shared`]).
    shared: OnceCell<Shared>,
    /// The settings in effect (see [`Context::config`]), read once per command.
    config: OnceCell<Config>,
    /// The API token this request acts through (`desk serve`), by name.
    api_token: OnceCell<String>,
    /// The one ticket type that token may touch, if it is limited to one.
    token_type: OnceCell<String>,
    /// Standard input and the files the command names: this process's, or a client's.
    pub io: super::io::Io,
}

/// What a team store holds for every host: the published ticket types and settings.
#[derive(Debug, Clone, Default)]
pub struct Shared {
    /// (name, TOML source), sorted by name (`desk template publish`).
    pub templates: Vec<(String, String)>,
    /// config.toml without `[store]` (`desk config publish`).
    pub config: Option<String>,
}

/// How a parse error of the published settings names their origin.
pub const SHARED_CONFIG_ORIGIN: &str = "the team store's config (desk config pull)";

impl Context {
    pub fn new(globals: &GlobalArgs, ui: Ui) -> Result<Context, CommandError> {
        let home = match &globals.home {
            Some(dir) => dir.clone(),
            None => default_home()?,
        };
        let requested_user = match &globals.acting_user {
            Some(user) => Some(user.clone()),
            None => env_vars::get(DESK_USER),
        };
        if let Some(user) = &requested_user {
            crate::domain::people::validate_name("user", user).map_err(|e| {
                CommandError::invalid(e.to_string()).with_hint("--as / DESK_USER name a desk user")
            })?;
        }
        let login = whoami::fallible::username().map_err(|e| {
            CommandError::new(
                super::error::ExitKind::Failure,
                format!("cannot tell which OS account runs desk: {e}"),
            )
        })?;
        // Before anything is written: every file this process creates gets the home's mode.
        super::perms::HomeMode::of(&home).apply_umask();
        Ok(Context {
            ui,
            home: Home::new(home),
            login,
            requested_user,
            identity: OnceCell::new(),
            db_role: OnceCell::new(),
            now: clock()?,
            lock_timeout: lock_timeout()?,
            pager: RefCell::new(None),
            parked: RefCell::new(None),
            shared: OnceCell::new(),
            config: OnceCell::new(),
            api_token: OnceCell::new(),
            token_type: OnceCell::new(),
            io: super::io::Io::Local,
        })
    }

    /// The same context, reading and writing the client's input and files (`desk serve`).
    pub fn with_io(mut self, io: super::io::Io) -> Self {
        self.io = io;
        self
    }

    /// Send the rest of this command's output through the pager, when it should be paged
    /// (a terminal, no `--no-pager`; see [`super::pager`]). Call it once the store is
    /// closed: a person reading in the pager must not keep other desk commands waiting.
    pub fn page(&self) {
        if self.ui.page_in_client() {
            return;
        }
        let mut pager = self.pager.borrow_mut();
        if pager.is_none() {
            *pager = Pager::start(&self.ui);
        }
    }

    /// The effective acting user: whose name and rights the command uses.
    ///
    /// Resolved when the store is first opened ([`Context::open_store`]); before that (and
    /// in commands that never open it) it is the name asked for, else the OS account.
    pub fn user(&self) -> &str {
        match self.identity.get() {
            Some(identity) => &identity.effective,
            None => self.requested_user.as_deref().unwrap_or(&self.login),
        }
    }

    /// Who acts, once resolved: real and effective user and how they authenticated.
    pub fn identity(&self) -> Option<&Identity> {
        self.identity.get()
    }

    /// Fix the identity without a store (`desk init` on a new home decides it itself).
    pub fn set_identity(&self, identity: Identity) {
        let _ = self.identity.set(identity);
    }

    /// Act as `user` through the API token `name` (`desk serve`, once it checked the
    /// token): every event the command writes for `user` names the token.
    pub fn act_through_token(&self, token: &crate::domain::token::Token) {
        self.set_identity(Identity::own(&token.user, crate::domain::AuthMethod::ApiToken));
        let _ = self.api_token.set(token.name.clone());
        if let Some(only) = &token.ticket_type {
            let _ = self.token_type.set(only.clone());
        }
    }

    /// Refuse a ticket of `ticket_type` when the request's API token is limited to another
    /// type: every ticket a command files or finds passes here.
    pub fn require_token_type(&self, ticket_type: &str) -> Result<(), CommandError> {
        match (self.token_type.get(), self.api_token.get()) {
            (Some(only), Some(name)) if only != ticket_type => Err(CommandError::denied(format!(
                "permission denied: token `{name}` is for {only} tickets, not {ticket_type}"
            ))),
            _ => Ok(()),
        }
    }

    /// Open the store, waiting for other desk processes (exit 75 after the timeout), and
    /// authenticate the acting user against it: a refused `--as` is exit 4 here, before
    /// the command reads or writes anything.
    pub fn open_store(&self) -> Result<Store, CommandError> {
        self.home.require()?;
        let mut store = self.open_store_unauthenticated()?;
        let identity = match self.identity.get() {
            Some(identity) => identity.clone(),
            None => {
                let identity = self.authenticate(&store.txn())?;
                self.identity.get_or_init(|| identity).clone()
            }
        };
        if let Some(real) = identity.impersonator() {
            store.record_impersonation(&identity.effective, real);
        }
        if let Some(token) = self.api_token.get() {
            store.record_api_token(&identity.effective, token);
        }
        Ok(store)
    }

    /// The store without deciding who acts: for `desk init`, which makes the first admin.
    pub fn open_store_unauthenticated(&self) -> Result<Store, CommandError> {
        let (backend, path) = self.open_backend()?;
        Ok(Store::new(backend, &path, &self.home.cold_dir())?)
    }

    /// Which store this home uses: `DESK_STORE`, else `[store] url` in config.toml, else
    /// the embedded sled database under the home.
    pub fn store_location(&self) -> Result<StoreLocation, CommandError> {
        let config = match self.home.store_config() {
            Ok(config) => config,
            // A config.toml that is not even TOML, in a home with its own store: that store
            // (the command reports the file when it reads the rest of it).
            Err(_) if self.home.hot_dir().is_dir() => Default::default(),
            Err(error) => return Err(error),
        };
        let url = match env_vars::get(DESK_STORE) {
            Some(url) if crate::domain::config::is_store_url(&url) => Some(url),
            Some(_) => {
                return Err(CommandError::invalid(
                    "DESK_STORE: write a PostgreSQL URL, postgres://USER@HOST:PORT/DATABASE",
                )
                .with_hint("unset DESK_STORE to use the home's own store"))
            }
            None => config.url.clone(),
        };
        Ok(match url {
            Some(url) => StoreLocation::Postgres {
                url,
                password: config.password.clone(),
                identity: config.identity,
            },
            None => StoreLocation::Embedded(self.home.hot_dir()),
        })
    }

    /// Refuse `command` on a team store, which does not have it (yet): exit 5 with `hint`.
    /// Nothing is opened or written.
    pub fn require_embedded_store(&self, command: &str, hint: &str) -> Result<(), CommandError> {
        if !self.home.root().exists() {
            return Ok(());
        }
        match self.store_location()? {
            StoreLocation::Embedded(_) => Ok(()),
            StoreLocation::Postgres { .. } => Err(CommandError::invalid(format!(
                "`{command}` works on the embedded store; this home uses a team store on PostgreSQL"
            ))
            .with_hint(hint)),
        }
    }

    /// Open the hot store's backend, waiting for other desk processes; also returns how
    /// messages name it (a directory, or `host:port/database`).
    pub fn open_backend(&self) -> Result<(Box<dyn KvBackend>, PathBuf), CommandError> {
        if let Some(parked) = self.parked.borrow_mut().take() {
            return Ok(parked);
        }
        let location = self.store_location()?;
        let team_store = matches!(location, StoreLocation::Postgres { .. });
        let (backend, path) = self.open_backend_at(location)?;
        // A command that reads its settings only after opening the store gets them from
        // this connection, not from a second one.
        if team_store && self.home.is_initialized() && self.shared.get().is_none() {
            let shared = read_shared(backend.as_ref())?;
            let _ = self.shared.set(shared);
        }
        Ok((backend, path))
    }

    /// Exit 4 unless the acting user is an admin: "only admins {what}". Callers add a hint
    /// saying what else may be done.
    pub fn require_admin(&self, txn: &Txn<'_>, what: &str) -> Result<(), CommandError> {
        match txn.agent(self.user())? {
            Some(agent) if agent.role == crate::domain::people::Role::Admin => Ok(()),
            _ => Err(CommandError::denied(format!(
                "permission denied: only admins {what}, and `{}` is not an admin",
                self.user()
            ))),
        }
    }

    /// The ticket types this command works with. On a team store with published types
    /// (`desk template publish`), those, read from the database, so that every host files,
    /// validates and routes by the same ones; otherwise the home's `templates/*.toml`.
    pub fn catalog(&self) -> Result<Catalog, CommandError> {
        let shared = self.shared()?;
        if !shared.templates.is_empty() {
            return Ok(crate::cli::home::catalog_of_shared(&shared.templates));
        }
        self.home.catalog()
    }

    /// The settings this command works by. On a team store with published settings
    /// (`desk config publish`), those, with this home's own `[store]`: every host applies
    /// the same tiers, SLA policies, routing and sinks. Otherwise the home's config.toml.
    pub fn config(&self) -> Result<Config, CommandError> {
        if let Some(config) = self.config.get() {
            return Ok(config.clone());
        }
        let config = match self.shared()?.config {
            Some(source) => {
                let mut config = Config::parse(SHARED_CONFIG_ORIGIN, &source)?;
                config.notify.anchor_secret_files(self.home.root());
                config.store = self.home.store_config()?;
                config
            }
            None => self.home.config()?,
        };
        Ok(self.config.get_or_init(|| config).clone())
    }

    /// What this home's team store shares with every host (nothing for an embedded
    /// store, or before `desk init`). Read once, on the connection the command goes on to
    /// use: it is parked for [`Context::open_backend`] to take.
    pub fn shared(&self) -> Result<Shared, CommandError> {
        if let Some(shared) = self.shared.get() {
            return Ok(shared.clone());
        }
        if !self.home.is_initialized() {
            return Ok(Shared::default());
        }
        if let StoreLocation::Embedded(_) = self.store_location()? {
            return Ok(self.shared.get_or_init(Shared::default).clone());
        }
        self.read_ahead(|_| Ok(()))?;
        Ok(self.shared.get().cloned().unwrap_or_default())
    }

    /// Read from the store before the command opens it, on the connection (or sled
    /// handle) the command's own [`Context::open_store`] then takes: one open per command.
    pub fn read_ahead<T>(
        &self,
        read: impl FnOnce(&Txn<'_>) -> crate::store::Result<T>,
    ) -> Result<T, CommandError> {
        let (backend, path) = self.open_backend()?;
        let result = read(&Txn::new(backend.as_ref()));
        *self.parked.borrow_mut() = Some((backend, path));
        Ok(result?)
    }

    /// [`Context::open_backend`] for a given location.
    pub fn open_backend_at(
        &self,
        location: StoreLocation,
    ) -> Result<(Box<dyn KvBackend>, PathBuf), CommandError> {
        match location {
            StoreLocation::Embedded(dir) => {
                let backend = sled_backend::open_with_retry(&dir, self.lock_timeout)?;
                Ok((Box::new(backend), dir))
            }
            StoreLocation::Postgres {
                url,
                password,
                identity,
            } => {
                let config = postgres::parse_url(&url).map_err(|e| {
                    CommandError::invalid(format!("store URL: {e}"))
                        .with_hint("write [store] url (or DESK_STORE) as postgres://USER@HOST:PORT/DATABASE")
                })?;
                let password = password
                    .map(|secret| crate::delivery::reveal(&secret, "store.password"))
                    .transpose()
                    .map_err(|failure| CommandError::invalid(failure.to_string()))?;
                let target = postgres::describe(&config);
                let backend = postgres::open(config, password, self.lock_timeout)?;
                if identity == crate::domain::config::StoreIdentity::DatabaseRole {
                    let _ = self.db_role.set(backend.session_user().to_string());
                }
                Ok((Box::new(backend), PathBuf::from(target)))
            }
        }
    }

    /// The identity seam for the embedded store: the OS account, mapped to a desk user,
    /// and `--as` as an admin's audited power. A home made with
    /// `init --insecure-test-identities` takes `--as` / `DESK_USER` on trust instead.
    pub fn authenticate(&self, txn: &Txn<'_>) -> Result<Identity, CommandError> {
        if txn.test_identities()? {
            let name = self.requested_user.as_deref().unwrap_or(&self.login);
            return Ok(Identity::own(name, AuthMethod::TestIdentity));
        }
        let (real, method, signed_in) = match self.db_role.get() {
            Some(role) => (
                self.desk_user_of(txn, role, "PostgreSQL role")?,
                AuthMethod::DatabaseRole,
                format!("PostgreSQL role {role}"),
            ),
            None => (
                self.desk_user_of(txn, &self.login, "OS account")?,
                AuthMethod::OsAccount,
                format!("OS account {}", self.login),
            ),
        };
        let Some(target) = self.requested_user.as_deref() else {
            return Ok(Identity::own(real, method));
        };
        let real_agent = txn.agent(&real)?;
        // Owning this host's home makes someone its admin only where the home holds the
        // store; a team store's admins are its admin agents.
        let owns_home =
            method == AuthMethod::OsAccount && super::perms::owned_by_this_process(self.home.root());
        Identity::impersonate(&real, real_agent.as_ref(), owns_home, target, method).map_err(|e| {
            CommandError::from(e).with_hint(format!(
                "you are {real} ({signed_in}); drop --as / DESK_USER to act as yourself"
            ))
        })
    }

    /// Who signed in, before any `--as`: the team store's role when it decides
    /// (`[store] identity = "role"`, once the store is open), else the OS account.
    pub fn signed_in(&self) -> (&str, AuthMethod) {
        match self.db_role.get() {
            Some(role) => (role, AuthMethod::DatabaseRole),
            None => (&self.login, AuthMethod::OsAccount),
        }
    }

    /// The desk user `login` signs in as: an explicit `--os-user` mapping, else the desk
    /// user of the same name, unless that user signs in from another account. `login` is
    /// the OS account on an embedded store, and the PostgreSQL role on a team store (one
    /// mapping serves both: `desk agent set NAME --os-user LOGIN`). `what` names it in
    /// messages.
    fn desk_user_of(&self, txn: &Txn<'_>, login: &str, what: &str) -> Result<String, CommandError> {
        if let Some(name) = txn.desk_user_of_os_account(login)? {
            return Ok(name);
        }
        let claimed = match txn.agent(login)? {
            Some(agent) => agent.os_user,
            None => txn.requester(login)?.and_then(|r| r.os_user),
        };
        if let Some(other) = claimed.filter(|other| other != login) {
            return Err(CommandError::denied(format!(
                "permission denied: {what} {login} is not desk user {login}, who signs in as {what} {other}"
            ))
            .with_hint("an admin can map this account with `desk agent set NAME --os-user LOGIN` (or `desk requester set`)"));
        }
        crate::domain::people::validate_name("user", login).map_err(|e| {
            CommandError::invalid(format!("{what} `{login}` cannot be a desk user: {e}"))
                .with_hint("an admin can map it to a desk user: `desk agent set NAME --os-user LOGIN`")
        })?;
        Ok(login.to_string())
    }

    /// Housekeeping after a successful write: move a bounded batch of old closed tickets
    /// to the archive. The command already succeeded, so a failure here is a warning.
    pub fn after_write(&self, store: &Store) {
        if store.is_shared() {
            // Archive segments on this host would hide those tickets from the others.
            return;
        }
        let archive = match self.config() {
            Ok(config) => config.archive,
            Err(_) => return,
        };
        if let Err(error) = store.archive_closed(self.now, archive.after, archive.batch) {
            self.ui
                .warn(format!("archiving old closed tickets failed: {error}"));
        }
    }

    pub fn agent(&self, txn: &Txn<'_>, name: &str) -> Result<Agent, CommandError> {
        txn.agent(name)?.ok_or_else(|| {
            let names: Vec<String> = txn
                .agents()
                .unwrap_or_default()
                .into_iter()
                .map(|a| a.name)
                .collect();
            let mut error = CommandError::not_found(format!("agent `{name}` not found"));
            if let Some(hint) = super::error::did_you_mean(name, names.iter().map(String::as_str)) {
                error = error.with_hint(hint);
            }
            error.with_hint("list agents with `desk agent list`")
        })
    }

    /// The acting user as the visibility rules see them (staff or requester).
    pub fn viewer(&self, txn: &Txn<'_>) -> Result<Viewer, CommandError> {
        Ok(Viewer::of(self.user(), txn.agent(self.user())?.as_ref()))
    }

    /// Find the ticket `reference` names, hot or archived, if the acting user may see it.
    /// A requester gets the same refusal (exit 4) for someone else's ticket as for one
    /// that does not exist, so ids reveal nothing to them.
    pub fn find_ticket(
        &self,
        store: &Store,
        reference: &TicketRef,
    ) -> Result<(ArchivedTicket, Location), CommandError> {
        let viewer = self.viewer(&store.txn())?;
        let found = self.find_any_ticket(store, reference);
        let found = match found {
            found if viewer.is_staff() => found?,
            Ok(found) if viewer.can_see_ticket(&found.0.ticket) => found,
            Ok(_) | Err(_) => {
                return Err(CommandError::denied(format!(
                    "permission denied: {}",
                    Viewer::hidden_ticket_rule(&reference.to_string())
                ))
                .with_hint("`desk ticket list` shows yours"))
            }
        };
        self.require_token_type(&found.0.ticket.ticket_type)?;
        Ok(found)
    }

    fn find_any_ticket(
        &self,
        store: &Store,
        reference: &TicketRef,
    ) -> Result<(ArchivedTicket, Location), CommandError> {
        let not_found = || CommandError::not_found(format!("ticket {reference} not found"));
        let Some((record, location)) = store.find_ticket(reference.id)? else {
            if let Some(at) = store.cold().purged_at(reference.id)? {
                return Err(CommandError::not_found(format!(
                    "ticket {reference} was purged by retention on {}",
                    at.format("%Y-%m-%d %H:%M UTC")
                ))
                .with_hint("`desk archive --purge-before` wrote it to its export file before deleting it"));
            }
            return Err(not_found());
        };
        if !reference.matches(&record.ticket) {
            return Err(not_found().with_hint(format!(
                "ticket {} exists as {}",
                reference.id,
                record.ticket.display_id()
            )));
        }
        Ok((record, location))
    }
}

/// Requester names as arguments, in their one spelling (addresses lowercased). Never
/// fails: the name itself is validated where it is used, with exit 5.
pub fn parse_requester(text: &str) -> Result<String, String> {
    Ok(crate::domain::people::canonical_requester(text))
}

/// Ticket ids as arguments: parsed by clap so a malformed one is a usage error.
/// A tag as typed on the command line, normalized (`VPN` → `vpn`).
pub fn parse_tag(text: &str) -> Result<String, String> {
    crate::domain::labels::normalize_tag(text).map_err(|e| e.to_string())
}

pub fn parse_ticket_ref(text: &str) -> Result<TicketRef, String> {
    text.parse::<TicketRef>().map_err(|e| e.to_string())
}

pub fn default_home() -> Result<PathBuf, CommandError> {
    if let Some(dir) = env_vars::get(DESK_HOME) {
        return Ok(PathBuf::from(dir));
    }
    if let Some(data) = env_vars::get(env_vars::XDG_DATA_HOME) {
        return Ok(PathBuf::from(data).join("desk"));
    }
    if let Some(home) = env_vars::get(env_vars::HOME) {
        return Ok(PathBuf::from(home).join(".local/share/desk"));
    }
    Err(CommandError::invalid("cannot find a place for the desk home")
        .with_hint("pass --home DIR or set DESK_HOME"))
}

fn clock() -> Result<DateTime<Utc>, CommandError> {
    match env_vars::get(DESK_NOW) {
        Some(text) => DateTime::parse_from_rfc3339(&text)
            .map(|t| t.with_timezone(&Utc))
            .map_err(|e| {
                CommandError::invalid(format!("DESK_NOW `{text}` is not an RFC 3339 time: {e}"))
                    .with_hint("write it like 2026-11-22T09:30:00Z or 2026-11-22T17:30:00+08:00")
            }),
        // The one place desk reads the system clock.
        #[allow(clippy::disallowed_methods)]
        // Whole seconds: what people read, and what DESK_NOW replays give.
        None => Ok(Utc::now().trunc_subsecs(0)),
    }
}

fn lock_timeout() -> Result<Duration, CommandError> {
    let Some(text) = env_vars::get(DESK_LOCK_TIMEOUT) else {
        return Ok(DEFAULT_LOCK_TIMEOUT);
    };
    let parsed = match text.trim().parse::<f64>() {
        Ok(seconds) if seconds.is_finite() && seconds >= 0.0 => Some(Duration::from_secs_f64(seconds)),
        Ok(_) => None,
        Err(_) => humantime::parse_duration(text.trim()).ok(),
    };
    parsed.ok_or_else(|| {
        CommandError::invalid(format!("DESK_LOCK_TIMEOUT `{text}` is not a duration"))
            .with_hint("give seconds (10, 2.5) or a duration with a unit (500ms, 1m)")
    })
}
