//! `desk`: a help-desk and work-order (工单) system in one command-line tool.
//!
//! The crate is split the way the design card's *Architecture* section asks (the card is
//! ../shared/DESIGN.md, outside this repository):
//!
//! - [`domain`] holds the ticket model, the lifecycle state machine, templates and field
//!   validation. It knows nothing of clap, sled or terminals, and takes `now` as a parameter.
//! - [`store`] owns persistence: the hot sled database behind the [`store::KvBackend`] trait,
//!   its secondary indexes, and the cold archive of old closed tickets.
//! - [`delivery`] sends notification messages through their sinks (a command, a webhook,
//!   SMTP): network and process I/O, kept out of the domain and run with the store closed.
//! - [`search`] is the full-text index (tantivy) over tickets and KB articles, kept up to
//!   date from the store's "search pending" entries before each query.
//! - [`cli`] is the glue the `desk` binary runs: clap definitions, one module per
//!   subcommand group, rendering, and the mapping of errors to exit codes. It lives in the
//!   library only so tests can generate completions and man pages from the same definitions.

pub mod cli;
pub mod delivery;
pub mod domain;
pub mod env_vars;
pub mod search;
pub mod store;
