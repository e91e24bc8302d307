//! Completions and man pages are generated from the clap definitions and committed; these
//! tests fail when the committed files are stale. Regenerate with:
//!
//!     DESK_UPDATE_DOCS=1 cargo test --test cli docs

use std::fs;
use std::path::{Path, PathBuf};

use clap::CommandFactory;
use desk::cli::docs::{completion_script, man_pages, SHELLS};
use desk::cli::Cli;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[allow(clippy::disallowed_methods)] // a test switch, not a desk setting
fn updating() -> bool {
    std::env::var_os("DESK_UPDATE_DOCS").is_some()
}

/// Compare (or, when updating, write) `expected` files in `dir`; no other files may exist.
fn check_dir(dir: &Path, expected: Vec<(String, Vec<u8>)>) {
    if updating() {
        let _ = fs::remove_dir_all(dir);
        fs::create_dir_all(dir).unwrap();
        for (name, bytes) in &expected {
            fs::write(dir.join(name), bytes).unwrap();
        }
        return;
    }
    let mut stale = Vec::new();
    for (name, bytes) in &expected {
        match fs::read(dir.join(name)) {
            Ok(found) if &found == bytes => {}
            Ok(_) => stale.push(format!("{name} differs")),
            Err(_) => stale.push(format!("{name} is missing")),
        }
    }
    let names: Vec<&String> = expected.iter().map(|(n, _)| n).collect();
    for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        if !names.contains(&&name) {
            stale.push(format!("{name} is no longer generated"));
        }
    }
    assert!(
        stale.is_empty(),
        "{} is stale: {}\nregenerate with: DESK_UPDATE_DOCS=1 cargo test --test cli docs",
        dir.display(),
        stale.join("; ")
    );
}

#[test]
fn clap_definitions_are_consistent() {
    Cli::command().debug_assert();
}

#[test]
fn completions_are_fresh() {
    let expected = SHELLS
        .iter()
        .map(|(shell, file)| (file.to_string(), completion_script(*shell)))
        .collect();
    check_dir(&root().join("completions"), expected);
}

#[test]
fn man_pages_are_fresh() {
    let pages = man_pages();
    assert!(pages.iter().any(|(name, _)| name == "desk-ticket-new.1"));
    check_dir(&root().join("man"), pages);
}

#[test]
fn completions_command_prints_the_committed_script() {
    let env = crate::common::TestEnv::empty();
    let out = env.ok("admin", &["completions", "bash"]);
    assert_eq!(
        out.as_bytes(),
        fs::read(root().join("completions/desk.bash")).unwrap()
    );
}
