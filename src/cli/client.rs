//! `desk` as a client of a `desk serve`: with `DESK_URL` and `DESK_TOKEN` (or `[remote]`
//! in config.toml), a command line is sent to the server, which runs it as the token's
//! user on its desk (`POST /api/v1/cli`), rendering for this terminal; this prints what
//! it printed, writes the files it wrote and exits with its exit code. So a CI job, or
//! anyone without a local desk home, runs the same commands and sees the same output.
//!
//! Standard input and the files a command names (`--attach`, `--body-file`,
//! `--from-json FILE`) are read here and sent along: the server never reads its own.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use base64::Engine;

use super::commands::serve::remote::{CliAnswer, CliCall};
use super::commands::ticket::TicketCommand;
use super::commands::{kb::KbCommand, Command};
use super::error::{CommandError, ExitKind};
use super::io::SentFile;
use super::ui::Ui;
use super::{Cli, GlobalArgs};
use crate::env_vars;

/// A server to run commands on.
pub struct Remote {
    pub url: String,
    pub token: String,
    /// Where the address came from, for messages: `DESK_URL` or `[remote] in PATH`.
    pub origin: String,
}

/// The server this command runs on, if any: `DESK_URL` + `DESK_TOKEN`, else `[remote]`
/// in the home's config.toml. `desk completions` always runs here.
pub fn remote(cli: &Cli) -> Result<Option<Remote>, CommandError> {
    if matches!(cli.command, Command::Completions(_)) {
        return Ok(None);
    }
    if let Some(url) = env_vars::get(env_vars::DESK_URL) {
        let token = env_vars::get(env_vars::DESK_TOKEN).ok_or_else(|| {
            CommandError::denied("DESK_URL is set, and DESK_TOKEN (the API token to use there) is not")
                .with_hint("an admin of that desk makes one: desk token create --user YOU --scope ...")
        })?;
        return Ok(Some(Remote {
            url: checked_url(&url, "DESK_URL")?,
            token,
            origin: "DESK_URL".into(),
        }));
    }
    remote_in_config(&cli.globals)
}

fn remote_in_config(globals: &GlobalArgs) -> Result<Option<Remote>, CommandError> {
    let home = match &globals.home {
        Some(home) => home.clone(),
        None => match super::context::default_home() {
            Ok(home) => home,
            Err(_) => return Ok(None),
        },
    };
    let path = home.join("config.toml");
    let Ok(source) = std::fs::read_to_string(&path) else {
        return Ok(None);
    };
    // Every local command passes here first: parse the file only when it may say more.
    if !source.contains("remote") {
        return Ok(None);
    }
    let file = path.display().to_string();
    let remote = crate::domain::config::parse_remote_section(&file, &source)
        .map_err(|e| CommandError::invalid(e.to_string()))?;
    let Some(url) = remote.url else {
        return Ok(None);
    };
    let origin = format!("[remote] in {file}");
    let token = match (env_vars::get(env_vars::DESK_TOKEN), remote.token) {
        (Some(token), _) => token,
        (None, Some(secret)) => crate::delivery::reveal(&secret, "remote.token")
            .map_err(|e| CommandError::invalid(e.to_string()))?,
        (None, None) => {
            return Err(
                CommandError::denied(format!("{origin} names a server, and no token to use there"))
                    .with_hint("set DESK_TOKEN, or token = \"file:PATH\" under [remote]"),
            )
        }
    };
    Ok(Some(Remote {
        url: checked_url(&url, &origin)?,
        token,
        origin,
    }))
}

fn checked_url(url: &str, origin: &str) -> Result<String, CommandError> {
    let url = url.trim_end_matches('/');
    match url.starts_with("http://") || url.starts_with("https://") {
        true => Ok(url.to_string()),
        false => Err(CommandError::invalid(format!(
            "{origin} `{url}` is not an http:// or https:// address"
        ))
        .with_hint("write the server's address, e.g. https://desk.example.com")),
    }
}

/// Run the command line on `remote` and end as it ended there.
pub fn run(remote: &Remote, cli: &Cli, ui: &Ui) -> ExitCode {
    match call(remote, cli, ui) {
        Ok(answer) => {
            let pager = match answer.page {
                true => super::pager::Pager::start(ui),
                false => None,
            };
            let _ = ui.write_stdout(answer.stdout.as_bytes());
            drop(pager);
            eprint!("{}", answer.stderr);
            for file in &answer.files {
                let written = file.bytes().and_then(|bytes| {
                    std::fs::write(&file.name, bytes).map_err(|e| {
                        CommandError::from(e).with_hint(format!("could not write {}", file.name))
                    })
                });
                if let Err(error) = written {
                    eprint!("{}", super::render_error(&error, ui.stderr_color));
                    return ExitCode::from(error.kind.code());
                }
            }
            ExitCode::from(answer.exit)
        }
        Err(error) => {
            eprint!("{}", super::render_error(&error, ui.stderr_color));
            ExitCode::from(error.kind.code())
        }
    }
}

fn call(remote: &Remote, cli: &Cli, ui: &Ui) -> Result<CliAnswer, CommandError> {
    let argv: Vec<String> = std::env::args_os()
        .skip(1)
        .map(|arg| {
            arg.into_string()
                .map_err(|arg| CommandError::invalid(format!("argument {arg:?} is not UTF-8")))
        })
        .collect::<Result<_, _>>()?;
    let (reads_stdin, paths) = inputs(&cli.command);
    let stdin = match reads_stdin {
        true => Some(base64::engine::general_purpose::STANDARD.encode(super::io::Io::Local.stdin_bytes()?)),
        false => None,
    };
    // A file that cannot be read here is left out: the server says what the command
    // says of a missing file, in its words.
    let files = paths
        .iter()
        .filter_map(|path| {
            Some(SentFile::new(
                path.to_string_lossy().into_owned(),
                &std::fs::read(path).ok()?,
            ))
        })
        .collect();
    let body = CliCall {
        argv,
        stdin_base64: stdin,
        files,
        terminal: ui.terminal(),
    };
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_connect(Some(Duration::from_secs(10)))
        .timeout_global(Some(Duration::from_secs(300)))
        .user_agent(concat!("desk/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let endpoint = format!("{}/api/v1/cli", remote.url);
    let unreachable = |why: String| {
        CommandError::new(
            ExitKind::Unavailable,
            format!("cannot reach desk serve at {}: {why}", remote.url),
        )
        .with_hint(format!(
            "the address comes from {}; is desk serve running there?",
            remote.origin
        ))
    };
    let body = serde_json::to_vec(&body).map_err(|e| CommandError::new(ExitKind::Failure, e.to_string()))?;
    let mut response = agent
        .post(&endpoint)
        .header("Authorization", &format!("Bearer {}", remote.token))
        .header("Content-Type", "application/json")
        .send(&body[..])
        .map_err(|e| unreachable(e.to_string()))?;
    let status = response.status().as_u16();
    let text = response
        .body_mut()
        .with_config()
        .limit(1 << 30)
        .read_to_string()
        .map_err(|e| unreachable(e.to_string()))?;
    if status == 200 {
        return serde_json::from_str(&text)
            .map_err(|e| unreachable(format!("it answered something that is not desk's: {e}")));
    }
    Err(server_error(status, &text, remote))
}

/// A refusal from the server (`{"error": …}`) as the CLI's own error.
fn server_error(status: u16, text: &str, remote: &Remote) -> CommandError {
    #[derive(serde::Deserialize)]
    struct Body {
        error: Detail,
    }
    #[derive(serde::Deserialize)]
    struct Detail {
        exit: u8,
        message: String,
        #[serde(default)]
        details: Vec<String>,
        #[serde(default)]
        hints: Vec<String>,
    }
    match serde_json::from_str::<Body>(text) {
        Ok(Body { error }) => {
            let mut out = CommandError::new(ExitKind::from_code(error.exit), error.message);
            out.details = error.details;
            out.hints = match status {
                // The server's hint speaks HTTP; here the token comes from the environment.
                401 => vec![format!(
                    "check DESK_TOKEN (or [remote] token) for {}: an admin there makes one with `desk token create`",
                    remote.url
                )],
                _ => error.hints,
            };
            out
        }
        Err(_) => CommandError::new(
            ExitKind::Unavailable,
            format!("desk serve at {} answered HTTP {status}", remote.url),
        )
        .with_hint(format!(
            "is {} a desk serve? (from {})",
            remote.url, remote.origin
        )),
    }
}

/// Whether the command reads standard input, and the files it names.
fn inputs(command: &Command) -> (bool, Vec<PathBuf>) {
    let dash = |text: Option<&str>| text == Some("-");
    let mut files: Vec<PathBuf> = Vec::new();
    let mut add = |path: Option<&Path>| files.extend(path.map(Path::to_path_buf));
    let reads_stdin = match command {
        Command::Ticket(ticket) => match ticket {
            TicketCommand::New(args) => {
                for path in &args.attach {
                    add(Some(path));
                }
                add(args.body_file.as_deref());
                let from_file = args.from_json.as_deref().filter(|source| *source != "-");
                add(from_file.map(Path::new));
                dash(args.body.as_deref()) || dash(args.from_json.as_deref())
            }
            TicketCommand::Reply(args) => {
                for path in &args.attach {
                    add(Some(path));
                }
                dash(args.message.as_deref())
            }
            TicketCommand::Comment(args) => {
                for path in &args.attach {
                    add(Some(path));
                }
                dash(Some(&args.message))
            }
            TicketCommand::Rate(args) => dash(args.message.as_deref()),
            TicketCommand::Transfer(args) | TicketCommand::Assign(args) => dash(args.message.as_deref()),
            _ => false,
        },
        Command::Kb(KbCommand::Add(args)) => {
            add(args.body.body_file.as_deref());
            dash(args.body.body.as_deref())
        }
        Command::Kb(KbCommand::Edit(args)) => {
            add(args.body.body_file.as_deref());
            dash(args.body.body.as_deref())
        }
        _ => false,
    };
    (reads_stdin, files)
}
