//! Every environment variable desk reads, in one place, with what it means.

/// The desk home (store, config, templates); overridden by `--home`.
pub const DESK_HOME: &str = "DESK_HOME";
/// A user to act as (impersonation: admins only, audited); overridden by `--as`. Without
/// it desk acts as the OS account running it.
pub const DESK_USER: &str = "DESK_USER";
/// RFC 3339 time that replaces the clock everywhere, for tests and replays.
pub const DESK_NOW: &str = "DESK_NOW";
/// How long to wait for a store held by another desk process before exit 75 (default 10 s).
/// Seconds (`2.5`) or a duration with a unit (`500ms`, `1m`).
pub const DESK_LOCK_TIMEOUT: &str = "DESK_LOCK_TIMEOUT";
/// The hot store, overriding `[store] url`: a `postgres://` URL for a team store.
pub const DESK_STORE: &str = "DESK_STORE";
/// Any value turns colour off (<https://no-color.org>).
pub const NO_COLOR: &str = "NO_COLOR";
/// Where the data dir lives when neither `--home` nor `DESK_HOME` is given.
pub const XDG_DATA_HOME: &str = "XDG_DATA_HOME";
pub const HOME: &str = "HOME";
/// The pager for long output (`ticket log`, `ticket list`, `report`) on a terminal; empty
/// or `cat` means none. Wins over `PAGER`; the default is `less -FRX`.
pub const DESK_PAGER: &str = "DESK_PAGER";
pub const PAGER: &str = "PAGER";
/// Where the default pager (`less`) is looked for.
pub const PATH: &str = "PATH";
/// libpq's: the role to sign in as when the store URL names none (default: the OS account).
pub const PGUSER: &str = "PGUSER";
/// libpq's: the team store's database password, when neither the URL nor `[store]
/// password` gives one.
pub const PGPASSWORD: &str = "PGPASSWORD";
/// libpq's: the password file (default `~/.pgpass`) read when PGPASSWORD is unset.
pub const PGPASSFILE: &str = "PGPASSFILE";
/// libpq's: PEM root certificates a team store's server certificate is verified against,
/// besides the web's (default `~/.postgresql/root.crt` when it exists).
pub const PGSSLROOTCERT: &str = "PGSSLROOTCERT";
/// The terminal type: no default pager when it is unset or `dumb`.
pub const TERM: &str = "TERM";

/// Read a variable; empty counts as unset.
#[allow(clippy::disallowed_methods)] // this module is the one place that reads them
pub fn get(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|value| !value.is_empty())
}

/// Read a variable where an empty value means something (`DESK_PAGER=` turns paging off).
#[allow(clippy::disallowed_methods)] // this module is the one place that reads them
pub fn get_even_empty(name: &str) -> Option<String> {
    std::env::var(name).ok()
}
/// A `desk serve` to run commands on instead of a local home (`https://desk.example.com`),
/// like `[remote] url`; needs `DESK_TOKEN`.
pub const DESK_URL: &str = "DESK_URL";
/// The API token for `DESK_URL` (`desk token create`), like `[remote] token`.
pub const DESK_TOKEN: &str = "DESK_TOKEN";
