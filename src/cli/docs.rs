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
/// proper sections (EXIT STATUS, ENVIRONMENT, NOTES, EXAMPLES) instead of one called EXTRA.
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

/// One example of a command's `Examples:` help block:
///
/// ```text
/// Examples:
///   desk ticket claim INC-42          take it: unclaimed → pending
///   desk ticket new -t ci-failure --title "test failed" \
///       -f repo=acme/shop -f job=test
///                                     a CI job's failure
/// ```
///
/// An example starts two spaces in with the command; two spaces (outside quotes) end it,
/// and the explanation follows, aligned, on that line or on lines indented further. A
/// command line ending in ` \` goes on, shell-style, on the next line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Example {
    /// The command as shown, one entry per line; all but the last end in ` \`.
    pub lines: Vec<String>,
    /// What it does, its help lines joined with spaces.
    pub explanation: String,
    /// The column where each line of the explanation starts in the help text.
    pub columns: Vec<usize>,
}

impl Example {
    /// The command as one shell line, its continuations joined.
    pub fn command(&self) -> String {
        self.lines
            .iter()
            .map(|line| line.strip_suffix('\\').unwrap_or(line).trim())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// The examples of the `Examples:` block in a command's after-help text: `None` when there
/// is no such block, an error naming the first line that does not fit the layout.
pub fn examples(text: &str) -> Option<Result<Vec<Example>, String>> {
    text.split("\n\n").find_map(examples_of_block)
}

fn examples_of_block(block: &str) -> Option<Result<Vec<Example>, String>> {
    block.strip_prefix("Examples:\n").map(parse_examples)
}

fn parse_examples(block: &str) -> Result<Vec<Example>, String> {
    let mut examples: Vec<Example> = Vec::new();
    for line in block.lines() {
        if line.trim().is_empty() {
            return Err("a blank line inside the Examples: block".to_string());
        }
        let indent = line.len() - line.trim_start_matches(' ').len();
        let (command, explanation) = split_example_line(line);
        let continued = examples
            .last()
            .and_then(|example| example.lines.last())
            .is_some_and(|last| last.ends_with('\\'));
        if continued {
            let example = examples.last_mut().expect("a command to continue");
            if indent <= 2 {
                return Err(format!("`{line}` should continue the command above, indented"));
            }
            example.lines.push(command[2..].to_string());
        } else if indent == 2 {
            examples.push(Example {
                lines: vec![command[2..].to_string()],
                explanation: String::new(),
                columns: Vec::new(),
            });
        } else if let Some(example) = examples.last_mut().filter(|_| indent > 2) {
            // A line of explanation only, under a long command or continuing the text.
            if !example.explanation.is_empty() {
                example.explanation.push(' ');
            }
            example.explanation.push_str(line.trim());
            example.columns.push(indent);
            continue;
        } else {
            return Err(format!("`{line}` is neither an example nor its explanation"));
        }
        if let Some((at, text)) = explanation {
            if command.ends_with('\\') {
                return Err(format!("`{line}` goes on after its explanation"));
            }
            let example = examples.last_mut().expect("the example of this line");
            example.explanation = text.to_string();
            example.columns.push(line[..at].chars().count());
        }
    }
    if examples.is_empty() {
        return Err("the Examples: block is empty".to_string());
    }
    Ok(examples)
}

/// `  desk ticket claim INC-42    take it` → the command (with its indent) and, when there
/// is one, where the explanation starts and its text. Two spaces inside quotes are part of
/// the command.
fn split_example_line(line: &str) -> (&str, Option<(usize, &str)>) {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let mut quote = None;
    let mut escaped = false;
    let bytes = line.as_bytes();
    for (i, &byte) in bytes.iter().enumerate().skip(indent) {
        match (quote, byte) {
            _ if escaped => escaped = false,
            (Some(b'\''), b'\'') => quote = None,
            (Some(b'\''), _) => {}
            (_, b'\\') => escaped = true,
            (Some(b'"'), b'"') => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(byte),
            (None, b' ') if bytes.get(i + 1) == Some(&b' ') => {
                let rest = &line[i..];
                let text = rest.trim_start();
                let explanation = (!text.is_empty()).then(|| (line.len() - text.len(), text));
                return (line[..i].trim_end(), explanation);
            }
            (None, _) => {}
        }
    }
    (line.trim_end(), None)
}

/// Blocks (separated by blank lines) headed `Something:` with indented `TERM  meaning` lines
/// become sections of tagged paragraphs; an `Examples:` block becomes EXAMPLES, last, with
/// its commands as written; other text is gathered under NOTES.
fn after_help_sections(text: &str) -> String {
    let mut roff = Roff::new();
    let mut notes = Vec::new();
    let mut examples = Vec::new();
    for block in text.split("\n\n") {
        if let Some(Ok(found)) = examples_of_block(block) {
            examples.extend(found);
            continue;
        }
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
    if !examples.is_empty() {
        // The man-pages(7) order puts EXAMPLES after the other sections. Commands are set
        // without filling, so they read (and copy) exactly as in `--help`.
        roff.control("SH", ["EXAMPLES"]);
        for example in examples {
            roff.control("PP", []).control("nf", []);
            for line in &example.lines {
                roff.text([bold(line.as_str())]);
            }
            roff.control("fi", []);
            if !example.explanation.is_empty() {
                roff.control("RS", ["7"])
                    .text([roman(example.explanation)])
                    .control("RE", []);
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

    #[test]
    fn examples_keep_quoted_spaces_continuations_and_explanations() {
        let help = "Examples:
  desk ticket new -t incident --title \"Disk  full\"  file one
  desk ticket new -t ci-failure --title 'a  b' \\
      -f repo=acme/shop -f job=test
                                     a CI failure, explained
                                     over two lines
  desk ticket list

Exit codes:
  0  fine";
        let found = examples(help).unwrap().unwrap();
        assert_eq!(found.len(), 3);
        assert_eq!(
            found[0].lines,
            ["desk ticket new -t incident --title \"Disk  full\""]
        );
        assert_eq!(found[0].explanation, "file one");
        assert_eq!(found[0].columns, [52]);
        assert_eq!(
            found[1].command(),
            "desk ticket new -t ci-failure --title 'a  b' -f repo=acme/shop -f job=test"
        );
        assert_eq!(found[1].lines[1], "    -f repo=acme/shop -f job=test");
        assert_eq!(found[1].explanation, "a CI failure, explained over two lines");
        assert_eq!(found[1].columns, [37, 37]);
        assert_eq!(found[2].explanation, "");
        assert!(examples("Exit codes:\n  0  fine").is_none());
        assert!(examples("Examples:\nnot indented").unwrap().is_err());
        assert!(examples("Examples:\n  desk a \\   oops").unwrap().is_err());
    }

    #[test]
    fn examples_become_the_last_section_set_without_filling() {
        let text = after_help_sections(
            "Examples:\n  desk ticket claim INC-42    take it\n  desk a \\\n      -b c\n\nExit codes:\n  0  fine",
        );
        assert_eq!(
            text,
            ".SH \"EXIT STATUS\"\n.TP\n\\fB0\\fR\nfine\n.SH EXAMPLES\n\
             .PP\n.nf\n\\fBdesk ticket claim INC\\-42\\fR\n.fi\n.RS 7\ntake it\n.RE\n\
             .PP\n.nf\n\\fBdesk a \\\\\\fR\n\\fB    \\-b c\\fR\n.fi\n"
        );
        let page = page("desk-init.1");
        assert!(page.contains(".SH EXAMPLES\n.PP\n.nf\n\\fBdesk init "), "{page}");
    }
}
