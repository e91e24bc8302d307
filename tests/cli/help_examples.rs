//! Every command has an `Examples:` block in its help (`-h` and `--help`, and so an EXAMPLES
//! section in its man page), and every example is a real invocation of that command: it
//! parses with desk's own clap definitions and runs the command it is listed under (or, for
//! a group, one of its subcommands). The block fits an 80-column terminal, its explanations
//! aligned.

use clap::{Command, CommandFactory, Parser};
use desk::cli::docs::{examples, man_pages, Example};
use desk::cli::Cli;

use crate::readme::{desk_words, placeholder};

/// clap wraps help text at the terminal's width; an example must not be wrapped at 80.
const MAX_WIDTH: usize = 80;
/// A man page sets commands unfilled, 7 columns in, on lines of 78: longer ones overflow.
const MAX_COMMAND_WIDTH: usize = 71;

/// Every command a person can type, with its path (`["ticket", "claim"]`); the root first.
fn commands() -> Vec<(Vec<String>, Command)> {
    fn walk(command: &Command, path: Vec<String>, out: &mut Vec<(Vec<String>, Command)>) {
        out.push((path.clone(), command.clone()));
        for sub in command.get_subcommands() {
            if sub.get_name() == "help" || sub.is_hide_set() {
                continue;
            }
            let mut path = path.clone();
            path.push(sub.get_name().to_string());
            walk(sub, path, out);
        }
    }
    let mut root = Cli::command();
    // Global flags (`--home`, `--json`, …) reach the subcommands, as in the binary.
    root.build();
    let mut out = Vec::new();
    walk(&root, Vec::new(), &mut out);
    out
}

/// Columns on a terminal: CJK and fullwidth characters take two.
fn width(line: &str) -> usize {
    line.chars()
        .map(|c| match c as u32 {
            0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFF00..=0xFF60 => 2,
            _ => 1,
        })
        .sum()
}

/// The subcommands `argv` runs, after checking that desk accepts it.
fn invoked(argv: &[String]) -> Result<Vec<String>, String> {
    let first_line = |e: clap::Error| e.render().to_string().lines().next().unwrap_or("").to_string();
    Cli::try_parse_from(argv).map_err(first_line)?;
    let matches = Cli::command().try_get_matches_from(argv).map_err(first_line)?;
    let mut path = Vec::new();
    let mut current = &matches;
    while let Some((name, sub)) = current.subcommand() {
        path.push(name.to_string());
        current = sub;
    }
    Ok(path)
}

/// What is wrong with the examples `help` (a command's after-help text) gives for the command
/// at `path`; nothing when they are right.
fn check(path: &[String], help: &str) -> Vec<String> {
    let list: Vec<Example> = match examples(help) {
        None => return vec!["no `Examples:` block".to_string()],
        Some(Err(e)) => return vec![e],
        Some(Ok(list)) => list,
    };
    let mut wrong = Vec::new();
    if !(2..=6).contains(&list.len()) {
        wrong.push(format!("{} examples; give 2 to 6", list.len()));
    }
    let block = help
        .split("\n\n")
        .find(|b| b.starts_with("Examples:\n"))
        .unwrap_or("");
    for line in block.lines().filter(|line| width(line) > MAX_WIDTH) {
        wrong.push(format!("wider than {MAX_WIDTH} columns: `{line}`"));
    }
    let columns: Vec<usize> = list.iter().flat_map(|e| e.columns.iter().copied()).collect();
    if columns.windows(2).any(|pair| pair[0] != pair[1]) {
        wrong.push(format!("explanations start in different columns: {columns:?}"));
    }
    for example in &list {
        let command = example.command();
        let mut problem = |text: String| wrong.push(format!("`{command}`: {text}"));
        if let Some(line) = example.lines.iter().find(|l| width(l) > MAX_COMMAND_WIDTH) {
            let which = match example.lines.len() {
                1 => String::new(),
                _ => format!(" (`{line}`)"),
            };
            problem(format!(
                "a line{which} is wider than {MAX_COMMAND_WIDTH} columns: break it with ` \\`"
            ));
        }
        if example.explanation.is_empty() {
            problem("no explanation".to_string());
        }
        let argv = match desk_words(&command) {
            Ok(argv) => argv,
            Err(e) => {
                problem(e);
                continue;
            }
        };
        if argv.first().map(String::as_str) != Some("desk") {
            problem("does not start with `desk`".to_string());
            continue;
        }
        if let Some(word) = argv.iter().find(|w| placeholder(w)) {
            problem(format!("`{word}` is a placeholder: show a real value"));
        }
        match invoked(&argv) {
            Err(e) => problem(e),
            Ok(ran) if !ran.starts_with(path) => problem(format!(
                "runs `desk {}`, not `desk {}`",
                ran.join(" "),
                path.join(" ")
            )),
            Ok(_) => {}
        }
    }
    wrong
}

#[test]
fn every_command_has_examples_that_parse_and_run_that_command() {
    let mut wrong = Vec::new();
    let mut checked = 0;
    for (path, command) in commands() {
        let name = format!("desk {}", path.join(" ")).trim_end().to_string();
        checked += 1;
        for (flag, help) in [
            ("-h", command.clone().render_help()),
            ("--help", command.clone().render_long_help()),
        ] {
            if !help.to_string().contains("\nExamples:\n") {
                wrong.push(format!("{name} {flag} shows no examples"));
            }
        }
        let help = command
            .get_after_help()
            .map(|h| h.to_string())
            .unwrap_or_default();
        for problem in check(&path, &help) {
            wrong.push(format!("{name}: {problem}"));
        }
    }
    // One man page per command: all of them were checked.
    assert_eq!(checked, man_pages().len());
    assert!(
        wrong.is_empty(),
        "{} problem(s) with the examples in --help:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn every_man_page_has_an_examples_section() {
    for (name, bytes) in man_pages() {
        let page = String::from_utf8(bytes).unwrap();
        let examples = page.find("\n.SH EXAMPLES\n");
        assert!(examples.is_some(), "{name} has no EXAMPLES section");
        assert!(!page.contains("Examples:"), "{name} shows `Examples:` as text");
        let section = &page[examples.unwrap()..];
        assert!(section.contains(".nf\n\\fBdesk "), "{name}: {section}");
    }
}

#[test]
fn the_check_finds_wrong_examples() {
    let path = |p: &str| p.split_whitespace().map(String::from).collect::<Vec<_>>();
    let good = "Examples:\n  desk ticket claim INC-42    take it\n  desk ticket claim 42 -q     quietly";
    assert_eq!(check(&path("ticket claim"), good), Vec::<String>::new());
    let group = "Examples:\n  desk ticket claim INC-42    take it\n  desk ticket list            the queue";
    assert_eq!(check(&path("ticket"), group), Vec::<String>::new());
    let cases = [
        ("Options only", "no `Examples:` block"),
        ("Examples:\n  desk ticket claim INC-42    take it", "1 examples"),
        (
            "Examples:\n  desk ticket claim INC-42 --to bob  a\n  desk ticket claim 4  b",
            "--to",
        ),
        (
            "Examples:\n  desk ticket show INC-42   a\n  desk ticket claim 4       b",
            "runs `desk ticket show`",
        ),
        (
            "Examples:\n  desk ticket claim ID    a\n  desk ticket claim 4     b",
            "placeholder",
        ),
        (
            "Examples:\n  desk ticket claim 41   a\n  desk ticket claim 4     b",
            "different columns",
        ),
        (
            "Examples:\n  desk ticket claim 41\n  desk ticket claim 4  b",
            "no explanation",
        ),
        (
            "Examples:\n  ticket claim 41  a\n  desk ticket claim 4  b",
            "does not start with `desk`",
        ),
    ];
    for (help, expected) in cases {
        let found = check(&path("ticket claim"), help).join("\n");
        assert!(
            found.contains(expected),
            "{help:?}: expected {expected:?}, found {found:?}"
        );
    }
    let long = format!(
        "Examples:\n  desk ticket claim 41  {}\n  desk ticket claim 4   b",
        "x".repeat(60)
    );
    assert!(check(&path("ticket claim"), &long)
        .join("\n")
        .contains("wider than 80"));
    let wide = format!(
        "Examples:\n  desk ticket comment 4 -m {}  a\n  {:<74}b",
        "x".repeat(47),
        "desk ticket comment 4 -m b"
    );
    let found = check(&path("ticket comment"), &wide);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].ends_with("a line is wider than 71 columns: break it with ` \\`"),
        "{found:?}"
    );
}
