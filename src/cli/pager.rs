//! Long output through a pager, as `git log` does: `ticket log`, `ticket list` and `report`
//! on a terminal go to `$DESK_PAGER`, else `$PAGER`, else `less -FRX` (which quits at once
//! when the text fits the screen, keeps colours, and leaves the text on the screen).
//!
//! No pager with `--no-pager`, `--json` or `-q`, when stdout is not a terminal, or when the
//! pager variable is empty or `cat`; no default pager when TERM is unset or `dumb`. The pager runs through `sh -c`, like git's, so a
//! `DESK_PAGER='less -S'` with arguments works.
//!
//! How: desk's stdout (fd 1) is pointed at the pager's stdin for the rest of the command,
//! so every `println!` and table reaches it without the printing code knowing; when the
//! command ends, [`Pager`]'s drop points fd 1 back at the terminal and waits for the pager.

use std::process::{Child, Command, Stdio};

use crate::env_vars::{self, DESK_PAGER, PAGER};

use super::ui::{OutputMode, Ui};

/// The pager when neither variable names one.
const DEFAULT_PAGER: &str = "less -FRX";

/// A running pager; dropping it ends the output and waits for the person to quit it.
pub struct Pager {
    child: Child,
    #[cfg(unix)]
    terminal: std::os::fd::OwnedFd,
}

/// The pager command the environment asks for: `None` means "do not page".
fn pager_command() -> Option<String> {
    let chosen = env_vars::get_even_empty(DESK_PAGER).or_else(|| env_vars::get_even_empty(PAGER));
    match chosen {
        Some(command) => {
            let command = command.trim().to_string();
            (!command.is_empty() && command != "cat").then_some(command)
        }
        // The default is used only when it exists (a missing `less` must not swallow
        // output) and on a terminal that can page: on TERM=dumb (an editor's shell buffer,
        // `script`) less only warns that the terminal is not fully functional.
        None => (terminal_can_page() && program_on_path("less")).then(|| DEFAULT_PAGER.to_string()),
    }
}

fn terminal_can_page() -> bool {
    env_vars::get(env_vars::TERM).is_some_and(|term| term != "dumb")
}

fn program_on_path(program: &str) -> bool {
    env_vars::get(env_vars::PATH)
        .is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join(program).is_file()))
}

impl Pager {
    /// Start the pager if this command's output should be paged (see the module docs).
    /// A pager that cannot be started is not an error: the output goes to the terminal.
    pub fn start(ui: &Ui) -> Option<Pager> {
        if ui.mode != OutputMode::Human || !ui.is_terminal() || !ui.paging_allowed() {
            return None;
        }
        Self::spawn(&pager_command()?)
    }

    #[cfg(unix)]
    fn spawn(command: &str) -> Option<Pager> {
        use std::io::Write;

        let mut process = Command::new("sh");
        process.arg("-c").arg(command).stdin(Stdio::piped());
        // What git sets: less keeps colours and quits on one screen; lv shows colours.
        if env_vars::get_even_empty("LESS").is_none() {
            process.env("LESS", "FRX");
        }
        if env_vars::get_even_empty("LV").is_none() {
            process.env("LV", "-c");
        }
        let mut child = process.spawn().ok()?;
        let pipe = child.stdin.take()?;
        let _ = std::io::stdout().flush();
        let terminal = nix::unistd::dup(std::io::stdout()).ok()?;
        if nix::unistd::dup2_stdout(&pipe).is_err() {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        // fd 1 is now the only write end of the pipe besides `pipe`, which closes here.
        drop(pipe);
        Some(Pager { child, terminal })
    }

    #[cfg(not(unix))]
    fn spawn(_command: &str) -> Option<Pager> {
        None
    }
}

impl Drop for Pager {
    fn drop(&mut self) {
        use std::io::Write;
        let _ = std::io::stdout().flush();
        // Pointing fd 1 back at the terminal closes the pipe's last write end: the pager
        // sees the end of the text, and desk waits until the person quits it.
        #[cfg(unix)]
        let _ = nix::unistd::dup2_stdout(&self.terminal);
        let _ = self.child.wait();
    }
}
