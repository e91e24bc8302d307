//! `desk completions SHELL`: print a completion script for the shell.

use std::io::Write;

use clap::Args;
use clap_complete::Shell;

use crate::cli::context::Context;
use crate::cli::docs::completion_script;
use crate::cli::error::CommandError;

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  desk completions bash > ~/.local/share/bash-completion/completions/desk
                                         for bash, loaded on demand
  desk completions zsh > ~/.zfunc/_desk  for zsh, with ~/.zfunc in $fpath
  desk completions fish > ~/.config/fish/completions/desk.fish
                                         for fish")]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum)]
    pub shell: Shell,
}

pub fn run(_ctx: &Context, args: &CompletionsArgs) -> Result<(), CommandError> {
    std::io::stdout()
        .lock()
        .write_all(&completion_script(args.shell))?;
    Ok(())
}
