//! The `desk` command line: clap definitions, dispatch, and the edge where errors become
//! exit codes. Handlers live in [`commands`], one module per subcommand group.

pub mod attachments;
pub mod client;
pub mod commands;
pub mod context;
pub mod departments;
pub mod docs;
pub mod error;
pub mod home;
pub mod intake;
pub mod io;
pub mod output;
pub mod pager;
pub mod perms;
pub mod progress;
pub mod retry;
pub mod search;
pub mod sla;
pub mod ui;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser};

use context::Context;
use error::CommandError;
use ui::{ColorChoice, OutputMode, Ui};

/// The most common jobs, for `desk -h` and `desk --help`.
pub const EXAMPLES_HELP: &str = "Examples:
  desk init --examples              a home with four example ticket types
  desk ticket new -t incident --title \"VPN drops hourly\" -f service=vpn
                                    file an incident
  desk ticket list -s unclaimed     the queue: tickets nobody has claimed yet
  desk ticket claim INC-42          take one: unclaimed → pending
  desk report --since 7d --by type  last week's figures, per ticket type";

pub const EXIT_CODES_HELP: &str = "\
Exit codes:
  0   success
  1   unexpected failure (a bug or I/O error), or a store written by a newer desk
  2   usage error
  3   not found (ticket, agent, template, desk home)
  4   permission denied (role or workflow rule)
  5   invalid input (bad field, template, config, DESK_* value or e-mail; no TTY to ask; doctor found problems)
  6   conflict (illegal state transition, or it already exists)
  7   rate limited
  69  the team store's database (PostgreSQL) cannot be reached; nothing was written
  75  store busy past DESK_LOCK_TIMEOUT: held by another desk, or (team store) conflicts; nothing written

Environment:
  DESK_HOME          desk home (store, config, templates), like --home
  DESK_USER          act as this user, like --as (admins only; default: the OS account)
  DESK_NOW           RFC 3339 time used instead of the clock
  DESK_LOCK_TIMEOUT  how long to wait for a busy store (default 10 s)
  DESK_STORE         the store: a postgres:// URL for a team store, like [store] url in config.toml
  DESK_URL           run commands on this desk serve instead (https://HOST), like [remote] url
  DESK_TOKEN         the API token for DESK_URL (desk token create), like [remote] token
  DESK_PAGER         pager for log, list and report on a terminal (then PAGER, then less -FRX; empty or cat: none)
  NO_COLOR           turn colour off";

/// desk: help-desk tickets (工单) from the shell.
///
/// File tickets from templates, route them to agents, and take them through
/// unclaimed (待领取) → pending (待处理) → awaiting (待确认) → closed (已确认).
#[derive(Debug, Parser)]
#[command(
    name = "desk",
    version,
    after_help = EXAMPLES_HELP,
    after_long_help = format!("{EXAMPLES_HELP}\n\n{EXIT_CODES_HELP}")
)]
pub struct Cli {
    #[command(flatten, next_help_heading = "Global options")]
    pub globals: GlobalArgs,
    #[command(subcommand)]
    pub command: commands::Command,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]
    #[arg(long, global = true, value_name = "DIR")]
    pub home: Option<PathBuf>,
    /// Act as another user: admins only, recorded in every event and in `desk audit`
    /// [default: $DESK_USER, else yourself, the OS account]
    #[arg(long = "as", global = true, value_name = "NAME")]
    pub acting_user: Option<String>,
    /// Print stable JSON instead of tables
    #[arg(long, global = true, conflicts_with = "quiet")]
    pub json: bool,
    /// Print only ids
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Never prompt; fail with exit 5 and list what is missing instead
    #[arg(long, global = true)]
    pub no_input: bool,
    /// When to use colour
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
    /// Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less
    #[arg(long, global = true)]
    pub no_pager: bool,
}

impl GlobalArgs {
    /// `--json`, `-q`, or tables and sentences.
    pub fn output_mode(&self) -> OutputMode {
        if self.json {
            OutputMode::Json
        } else if self.quiet {
            OutputMode::Quiet
        } else {
            OutputMode::Human
        }
    }
}

/// Run desk with the process's arguments; the binary's whole `main`.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return ExitCode::from(error.exit_code() as u8);
        }
    };
    let ui = Ui::new(
        cli.globals.output_mode(),
        cli.globals.color,
        cli.globals.no_input,
        cli.globals.no_pager,
    );
    let color = ui.stderr_color;
    match client::remote(&cli) {
        Ok(Some(remote)) => return client::run(&remote, &cli, &ui),
        Ok(None) => {}
        Err(error) => {
            report(&error, color);
            return ExitCode::from(error.kind.code());
        }
    }
    let result = Context::new(&cli.globals, ui).and_then(|ctx| {
        // A team store's conflict: run the command again while that repeats nothing.
        let result = retry::run_again_on_conflict(ctx.lock_timeout, retry::repeatable, || {
            commands::run(&ctx, &cli.command)
        });
        commands::audit::record(&ctx, &cli.command, &result);
        result
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // `desk ticket list | head`: the reader left; that is not a failure.
        Err(error) if error.broken_pipe => ExitCode::SUCCESS,
        Err(error) => {
            report(&error, color);
            ExitCode::from(error.kind.code())
        }
    }
}

fn report(error: &CommandError, color: bool) {
    eprint!("{}", render_error(error, color));
}

/// An error as desk prints it on stderr: `error: …`, its details, then its hints.
pub fn render_error(error: &CommandError, color: bool) -> String {
    use std::fmt::Write;
    let (red, cyan, reset) = if color {
        ("\x1b[1;31m", "\x1b[1;36m", "\x1b[0m")
    } else {
        ("", "", "")
    };
    let mut text = format!("{red}error{reset}: {}\n", error.message);
    for detail in &error.details {
        let _ = writeln!(text, "  - {detail}");
    }
    for hint in &error.hints {
        let _ = writeln!(text, "{cyan}hint{reset}: {hint}");
    }
    text
}
