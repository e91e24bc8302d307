//! The README and docs/ stay true to the binary: the README is a short front door, every
//! relative link lands on a file (and a heading) that exists, and every `desk …` command
//! shown in a code block parses with desk's own clap definitions. Synopses (fenced as
//! ```` ```usage ````, with `[optional]` parts and `A|B` choices) cannot be parsed as they
//! stand, so for those the subcommands and every flag they name must exist.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use clap::error::ErrorKind;
use clap::CommandFactory;
use desk::cli::Cli;
use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};

/// The README is the front door; reference material lives in docs/.
const README_MAX_LINES: usize = 250;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// README.md and every page under docs/.
fn doc_files() -> Vec<PathBuf> {
    let mut files = vec![root().join("README.md")];
    let mut docs: Vec<PathBuf> = fs::read_dir(root().join("docs"))
        .expect("docs/ exists")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    docs.sort();
    files.extend(docs);
    files
}

fn display(path: &Path) -> String {
    path.strip_prefix(root()).unwrap_or(path).display().to_string()
}

/// What the checks need from one markdown file.
struct Doc {
    path: PathBuf,
    /// Heading anchors as GitHub makes them.
    anchors: BTreeSet<String>,
    /// Link destinations with their line.
    links: Vec<(String, usize)>,
    /// Fenced code blocks: info string, first line of content, content.
    code: Vec<(String, usize, String)>,
}

fn line_of(source: &str, offset: usize) -> usize {
    source[..offset].matches('\n').count() + 1
}

/// GitHub's heading anchor: lowercase, punctuation dropped (letters of any script, digits,
/// `-` and `_` kept), spaces turned into hyphens; repeats get `-1`, `-2`, ….
fn slug(heading: &str) -> String {
    heading
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | ' '))
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

fn read_doc(path: &Path) -> Doc {
    let source = fs::read_to_string(path).unwrap();
    let mut doc = Doc {
        path: path.to_path_buf(),
        anchors: BTreeSet::new(),
        links: Vec::new(),
        code: Vec::new(),
    };
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut heading: Option<String> = None;
    let mut block: Option<(String, usize, String)> = None;
    for (event, range) in Parser::new(&source).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::End(TagEnd::Heading(_)) => {
                let base = slug(&heading.take().unwrap_or_default());
                let n = seen.entry(base.clone()).or_insert(0);
                doc.anchors.insert(if *n == 0 {
                    base.clone()
                } else {
                    format!("{base}-{n}")
                });
                *n += 1;
            }
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                let start = line_of(&source, range.start) + 1;
                let lang = info.split_whitespace().next().unwrap_or("").to_string();
                block = Some((lang, start, String::new()));
            }
            Event::End(TagEnd::CodeBlock) => doc.code.extend(block.take()),
            Event::Text(text) | Event::Code(text) => {
                if let Some(h) = heading.as_mut() {
                    h.push_str(&text);
                }
                if let Some((_, _, content)) = block.as_mut() {
                    content.push_str(&text);
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) | Event::Start(Tag::Image { dest_url, .. }) => {
                doc.links
                    .push((dest_url.to_string(), line_of(&source, range.start)));
            }
            _ => {}
        }
    }
    doc
}

#[test]
fn the_readme_is_a_short_front_door() {
    let readme = fs::read_to_string(root().join("README.md")).unwrap();
    let lines = readme.lines().count();
    assert!(
        lines <= README_MAX_LINES,
        "README.md has {lines} lines, over {README_MAX_LINES}: move reference material into docs/"
    );
    // .ci/run runs the README's test command, and the quickstart must be the one CI plays.
    let ci = fs::read_to_string(root().join(".ci/run")).unwrap();
    for (command, where_) in [
        ("cargo test", "cargo test --locked"),
        ("bash examples/quickstart.sh", "examples/quickstart.sh"),
    ] {
        assert!(readme.contains(command), "README.md no longer shows `{command}`");
        assert!(ci.contains(where_), ".ci/run no longer runs `{where_}`");
    }
}

#[test]
fn every_relative_link_lands_on_a_file_and_heading() {
    let docs: BTreeMap<PathBuf, Doc> = doc_files().iter().map(|p| (p.clone(), read_doc(p))).collect();
    let mut broken = Vec::new();
    for doc in docs.values() {
        for (dest, line) in &doc.links {
            if dest.contains("://") || dest.starts_with("mailto:") {
                continue;
            }
            let (file, fragment) = dest.split_once('#').unwrap_or((dest, ""));
            let target = if file.is_empty() {
                doc.path.clone()
            } else {
                doc.path.parent().unwrap().join(file)
            };
            let at = format!("{}:{line}: `{dest}`", display(&doc.path));
            let Ok(target) = target.canonicalize() else {
                broken.push(format!("{at}: no such file"));
                continue;
            };
            if fragment.is_empty() {
                continue;
            }
            let anchors = match docs.get(&target) {
                Some(d) => d.anchors.clone(),
                None if target.extension().is_some_and(|e| e == "md") => read_doc(&target).anchors,
                None => {
                    broken.push(format!("{at}: an anchor into a file that is not markdown"));
                    continue;
                }
            };
            if !anchors.contains(fragment) {
                broken.push(format!("{at}: no heading `#{fragment}` in {}", display(&target)));
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

/// The lines of a block with `\` continuations joined, each with its line number.
fn logical_lines(start: usize, content: &str) -> Vec<(usize, String)> {
    let mut lines: Vec<(usize, String)> = Vec::new();
    let mut continued = false;
    for (i, line) in content.lines().enumerate() {
        let text = line.strip_suffix('\\');
        match (continued, lines.last_mut()) {
            (true, Some((_, last))) => last.push_str(text.unwrap_or(line)),
            _ => lines.push((start + i, text.unwrap_or(line).to_string())),
        }
        continued = text.is_some();
    }
    lines
}

/// The words desk itself would get: a shell comment, a pipe, a list operator or a
/// redirection ends the command.
pub(crate) fn desk_words(line: &str) -> Result<Vec<String>, String> {
    let words = shell_words::split(line).map_err(|e| e.to_string())?;
    let mut argv = Vec::new();
    for word in words {
        let redirect = word.starts_with('>')
            || word.starts_with('<')
            || word.starts_with("2>")
            || word.starts_with("&>");
        if redirect || matches!(word.as_str(), "|" | "||" | "&&" | ";" | "&") {
            break;
        }
        argv.push(word);
    }
    Ok(argv)
}

/// A word that stands for a value instead of being one: write a real value in a command, or
/// show the line as a synopsis in a ```usage block.
pub(crate) fn placeholder(word: &str) -> bool {
    let caps = word.len() >= 2 && word.chars().all(|c| c.is_ascii_uppercase() || c == '_');
    (word.starts_with('<') && word.ends_with('>'))
        || word.contains('…')
        || word.contains("...")
        || (caps && word != "UTC")
}

/// Check one command line against the real parser.
fn check_command(line: &str) -> Result<(), String> {
    let argv = desk_words(line)?;
    if let Some(word) = argv.iter().find(|w| placeholder(w)) {
        return Err(format!(
            "`{word}` is a placeholder: use a real value, or a ```usage block"
        ));
    }
    match Cli::command().try_get_matches_from(&argv) {
        Ok(_) => Ok(()),
        Err(e) if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) => Ok(()),
        Err(e) => Err(e.render().to_string().lines().next().unwrap_or("").to_string()),
    }
}

/// Check a synopsis: the subcommands it walks exist, and so does every flag it names.
fn check_usage(root_cmd: &clap::Command, line: &str) -> Result<(), String> {
    let mut words = line.split_whitespace().skip(1).peekable();
    let mut cmd = root_cmd;
    let mut path = vec!["desk".to_string()];
    while let Some(word) = words.peek() {
        match cmd.find_subcommand(word) {
            Some(sub) => {
                path.push(word.to_string());
                cmd = sub;
                words.next();
            }
            // A bare lowercase word where subcommands are expected names one that is gone.
            None if cmd.has_subcommands()
                && word.starts_with(|c: char| c.is_ascii_lowercase())
                && word.chars().all(|c| c.is_ascii_lowercase() || c == '-') =>
            {
                return Err(format!("`{}` has no subcommand `{word}`", path.join(" ")));
            }
            None => break,
        }
    }
    let flag = regex::Regex::new(r"(?:^|[\s\[(|])(--?[A-Za-z][A-Za-z0-9-]*)").unwrap();
    let rest: Vec<&str> = words.collect();
    for found in flag.captures_iter(&format!(" {}", rest.join(" "))) {
        let name = &found[1];
        let known = cmd.get_arguments().any(|arg| match name.strip_prefix("--") {
            Some(long) => {
                arg.get_long() == Some(long) || arg.get_all_aliases().is_some_and(|a| a.contains(&long))
            }
            None => {
                let short = name[1..].chars().next();
                name.len() == 2 && arg.get_short() == short
            }
        });
        if !known {
            return Err(format!("`{}` has no flag `{name}`", path.join(" ")));
        }
    }
    Ok(())
}

#[test]
fn every_command_shown_parses_with_the_real_definitions() {
    let mut root_cmd = Cli::command();
    // Global flags (`--home`, `--json`, …) are propagated into every subcommand.
    root_cmd.build();
    let mut wrong = Vec::new();
    let mut checked = 0;
    for path in doc_files() {
        let doc = read_doc(&path);
        for (lang, start, content) in &doc.code {
            let lines = logical_lines(*start, content);
            if lang == "usage" {
                // A synopsis continues on indented lines.
                let mut synopses: Vec<(usize, String)> = Vec::new();
                for (n, line) in lines {
                    match synopses.last_mut() {
                        Some((_, last)) if line.starts_with(char::is_whitespace) => {
                            last.push(' ');
                            last.push_str(line.trim());
                        }
                        _ if line.starts_with("desk ") => synopses.push((n, line)),
                        _ => {}
                    }
                }
                for (n, line) in synopses {
                    checked += 1;
                    if let Err(e) = check_usage(&root_cmd, &line) {
                        wrong.push(format!("{}:{n}: {line}\n    {e}", display(&path)));
                    }
                }
                continue;
            }
            // In a transcript (`$ ` prompts) only prompted lines are commands.
            let transcript = lines.iter().any(|(_, l)| l.starts_with("$ "));
            for (n, line) in lines {
                let command = match line.strip_prefix("$ ") {
                    Some(command) => command,
                    None if transcript => continue,
                    None => &line,
                };
                if !command.starts_with("desk ") {
                    continue;
                }
                checked += 1;
                if let Err(e) = check_command(command) {
                    wrong.push(format!("{}:{n}: {command}\n    {e}", display(&path)));
                }
            }
        }
    }
    assert!(checked > 50, "only {checked} desk commands found in the docs");
    assert!(
        wrong.is_empty(),
        "{} command(s) in the docs do not match the binary:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn the_checks_read_shell_lines_as_a_shell_would() {
    assert_eq!(
        desk_words("desk ticket list -q | head -1 # the first").unwrap(),
        ["desk", "ticket", "list", "-q"]
    );
    assert_eq!(
        desk_words("desk --home \"$drill\" sla check -q >/dev/null 2>&1").unwrap(),
        ["desk", "--home", "$drill", "sla", "check", "-q"]
    );
    assert!(check_command("desk ticket show INC-1").is_ok());
    assert!(check_command("desk ticket show <ID>").is_err());
    assert!(check_command("desk ticket frobnicate 1").is_err());
    let mut root_cmd = Cli::command();
    root_cmd.build();
    assert!(check_usage(&root_cmd, "desk ticket list [--status S,S] [-n N]").is_ok());
    assert!(check_usage(&root_cmd, "desk ticket list [--colour C]").is_err());
    assert!(check_usage(&root_cmd, "desk ticket lst").is_err());
    assert_eq!(slug("Secrets in config.toml"), "secrets-in-configtoml");
    assert_eq!(slug("Routing (智能分配)"), "routing-智能分配");
}

/// The tour's commands in order, each with the output the README shows for it (transcript
/// lines after a `$ ` prompt; none for a plain `sh` block).
fn tour(readme: &str) -> Vec<(String, Vec<String>)> {
    let section = readme
        .split("\n## A five-minute tour\n")
        .nth(1)
        .expect("README has a five-minute tour")
        .split("\n## ")
        .next()
        .unwrap();
    let mut steps: Vec<(String, Vec<String>)> = Vec::new();
    let doc_path = root().join("README.md");
    let mut doc = read_doc(&doc_path);
    // Only the tour's blocks: those whose first line is in the section.
    doc.code
        .retain(|(_, _, content)| section.contains(content.as_str()));
    for (_, start, content) in &doc.code {
        let lines = logical_lines(*start, content);
        let transcript = lines.iter().any(|(_, l)| l.starts_with("$ "));
        for (_, line) in lines {
            match line.strip_prefix("$ ") {
                Some(command) => steps.push((command.to_string(), Vec::new())),
                None if transcript => steps.last_mut().unwrap().1.push(line),
                None if line.trim().is_empty() => {}
                None => steps.push((line, Vec::new())),
            }
        }
    }
    steps
}

#[test]
fn the_five_minute_tour_runs_as_shown() {
    let readme = fs::read_to_string(root().join("README.md")).unwrap();
    let steps = tour(&readme);
    assert!(steps.len() > 10, "the tour has only {} steps", steps.len());
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("desk");
    let desk = assert_cmd::cargo::cargo_bin("desk");
    // The reader's shell: `desk` on PATH, a fresh home; nothing of this process leaks in.
    #[allow(clippy::disallowed_methods)]
    let path = std::env::var_os("PATH").unwrap_or_default();
    let path = std::env::join_paths(
        std::iter::once(desk.parent().unwrap().to_path_buf()).chain(std::env::split_paths(&path)),
    )
    .unwrap();
    for (command, shown) in steps {
        // The tour makes its own throwaway home; the test's is already set.
        if command.starts_with("export DESK_HOME=") {
            continue;
        }
        let out = std::process::Command::new("bash")
            .args(["-c", &command])
            .current_dir(dir.path())
            .env_clear()
            .env("PATH", &path)
            .env("HOME", dir.path())
            .env("DESK_HOME", &home)
            .output()
            .unwrap();
        let printed = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            out.status.success(),
            "README tour: `{command}` failed ({}):\n{printed}",
            out.status
        );
        // A one-line answer is shown as desk prints it; tables depend on the time and width.
        if let [line] = shown.as_slice() {
            assert_eq!(
                printed.trim(),
                line.trim(),
                "README tour: `{command}` prints something else"
            );
        }
    }
}
