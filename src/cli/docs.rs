//! Shell completions and man pages, generated from the clap definitions. The files under
//! `completions/` and `man/` are these, committed; a test fails when they go stale.

use clap::CommandFactory;
use clap_complete::Shell;

use super::Cli;

pub const SHELLS: [(Shell, &str); 5] = [
    (Shell::Bash, "desk.bash"),
    (Shell::Zsh, "_desk"),
    (Shell::Fish, "desk.fish"),
    (Shell::Elvish, "desk.elv"),
    (Shell::PowerShell, "_desk.ps1"),
];

pub fn completion_script(shell: Shell) -> Vec<u8> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "desk", &mut out);
    out
}

/// Every man page: `desk.1` and one per subcommand (`desk-ticket-new.1`, ...).
pub fn man_pages() -> Vec<(String, Vec<u8>)> {
    let mut pages = Vec::new();
    let mut root = Cli::command();
    root.build();
    collect_pages(&root, "desk", &mut pages);
    pages
}

fn collect_pages(command: &clap::Command, name: &str, pages: &mut Vec<(String, Vec<u8>)>) {
    let page_command = command.clone().name(name.to_string());
    let mut out = Vec::new();
    clap_mangen::Man::new(page_command)
        .render(&mut out)
        .expect("rendering to memory cannot fail");
    pages.push((format!("{name}.1"), out));
    for sub in command
        .get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
    {
        collect_pages(sub, &format!("{name}-{}", sub.get_name()), pages);
    }
}
