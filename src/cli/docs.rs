//! Shell completions and man pages, generated from the clap definitions. The files under
//! `completions/` and `man/` are these, committed; a test fails when they go stale.

use clap::{Command, CommandFactory};
use clap_complete::Shell;
use clap_mangen::roff::{bold, roman, Roff};

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
    // `desk help` is for the terminal; a page listing it would link to a `desk-help(1)`
    // that does not exist.
    let mut root = without_help_subcommand(Cli::command());
    root.build();
    collect_pages(&root, "desk", &mut pages);
    pages
}

fn without_help_subcommand(command: Command) -> Command {
    let names: Vec<String> = command
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    names
        .into_iter()
        .fold(command.disable_help_subcommand(true), |command, name| {
            command.mut_subcommand(name, without_help_subcommand)
        })
}

fn collect_pages(command: &Command, name: &str, pages: &mut Vec<(String, Vec<u8>)>) {
    pages.push((
        format!("{name}.1"),
        render_page(command.clone().name(name.to_string())),
    ));
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        collect_pages(sub, &format!("{name}-{}", sub.get_name()), pages);
    }
}

/// clap_mangen's page, except that the text after the options (`after_long_help`) becomes
/// proper sections (EXIT STATUS, ENVIRONMENT, NOTES) instead of one called EXTRA.
fn render_page(command: Command) -> Vec<u8> {
    let after = command
        .get_after_long_help()
        .or_else(|| command.get_after_help())
        .map(|text| text.to_string());
    let command = command
        .after_help(None::<&'static str>)
        .after_long_help(None::<&'static str>);
    let mut page = Vec::new();
    clap_mangen::Man::new(command)
        .render(&mut page)
        .expect("rendering to memory cannot fail");
    let Some(after) = after else {
        return page;
    };
    let mut page = String::from_utf8(page).expect("clap_mangen writes UTF-8");
    // Where the standard order puts them: after OPTIONS/SUBCOMMANDS, before VERSION.
    let at = page.find("\n.SH VERSION\n").map_or(page.len(), |i| i + 1);
    page.insert_str(at, &after_help_sections(&after));
    page.into_bytes()
}

/// Blocks (separated by blank lines) headed `Something:` with indented `TERM  meaning` lines
/// become sections of tagged paragraphs; other text is gathered under NOTES.
fn after_help_sections(text: &str) -> String {
    let mut roff = Roff::new();
    let mut notes = Vec::new();
    for block in text.split("\n\n") {
        let mut lines = block.lines();
        let heading = lines.next().unwrap_or_default();
        let entries: Vec<(&str, &str)> = lines
            .clone()
            .filter_map(|line| line.trim().split_once("  "))
            .collect();
        let is_list = heading.ends_with(':')
            && !heading.starts_with(' ')
            && lines.clone().count() > 0
            && entries.len() == lines.count();
        if !is_list {
            notes.push(block);
            continue;
        }
        let title = match heading.trim_end_matches(':') {
            "Exit codes" => "EXIT STATUS".to_string(),
            other => other.to_uppercase(),
        };
        roff.control("SH", [title.as_str()]);
        for (term, meaning) in entries {
            roff.control("TP", [])
                .text([bold(term)])
                .text([roman(meaning.trim_start())]);
        }
    }
    if !notes.is_empty() {
        roff.control("SH", ["NOTES"]);
        for (index, block) in notes.into_iter().enumerate() {
            if index > 0 {
                roff.control("PP", []);
            }
            for line in block.lines() {
                roff.text([roman(line)]);
            }
        }
    }
    // Only the sections: the page already starts with roff's preamble.
    let preamble = Roff::new().render();
    let sections = roff.render();
    sections.strip_prefix(&preamble).unwrap_or(&sections).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(name: &str) -> String {
        let pages = man_pages();
        let (_, bytes) = pages
            .iter()
            .find(|(n, _)| n == name)
            .unwrap_or_else(|| panic!("no {name}"));
        String::from_utf8(bytes.clone()).unwrap()
    }

    #[test]
    fn man_pages_have_standard_sections_and_no_dangling_links() {
        let pages = man_pages();
        assert!(!pages.iter().any(|(name, _)| name.ends_with("-help.1")));
        for (name, bytes) in &pages {
            let text = String::from_utf8_lossy(bytes);
            assert!(!text.contains(".SH EXTRA"), "{name} has an EXTRA section");
            assert!(!text.contains("\\-help(1)"), "{name} links to a help page");
            assert_eq!(text.matches(".ds Aq").count(), 2, "{name}: one preamble");
        }
        let root = page("desk.1");
        let exit = root.find(".SH \"EXIT STATUS\"\n").expect("EXIT STATUS");
        let env = root.find(".SH ENVIRONMENT\n").expect("ENVIRONMENT");
        let version = root.find(".SH VERSION\n").expect("VERSION");
        assert!(root.find(".SH SUBCOMMANDS\n").unwrap() < exit && exit < env && env < version);
        assert!(
            root.contains(".TP\n\\fB4\\fR\npermission denied (role or workflow rule)\n"),
            "{root}"
        );
        assert!(root.contains(".TP\n\\fBDESK_HOME\\fR\n"), "{root}");
    }

    #[test]
    fn text_that_is_not_a_list_becomes_notes() {
        let text =
            after_help_sections("Some prose\nover two lines.\n\nExit codes:\n  0  fine\n\nMore prose.");
        assert_eq!(
            text,
            ".SH \"EXIT STATUS\"\n.TP\n\\fB0\\fR\nfine\n.SH NOTES\nSome prose\nover two lines.\n.PP\nMore prose.\n"
        );
    }
}
