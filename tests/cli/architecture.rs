//! The domain stays free of the command line, storage and terminal crates (STYLE.md:
//! "domain apart from glue"). This fails the moment someone imports one there.

use std::fs;
use std::path::Path;

const FORBIDDEN: [&str; 10] = [
    "clap",
    "sled",
    "comfy_table",
    "dialoguer",
    "anyhow",
    "ureq",
    "lettre",
    "crate::store",
    "crate::cli",
    "crate::delivery",
];

#[test]
fn the_domain_imports_no_cli_or_storage_crate() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/domain");
    let mut offences = Vec::new();
    for entry in fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let source = fs::read_to_string(&path).unwrap();
        for (number, line) in source.lines().enumerate() {
            let code = line.trim_start();
            if code.starts_with("//") {
                continue;
            }
            for name in FORBIDDEN {
                if code.contains(&format!("{name}::")) || code.contains(&format!("use {name}")) {
                    offences.push(format!("{}:{}: {}", path.display(), number + 1, line.trim()));
                }
            }
        }
    }
    assert!(
        offences.is_empty(),
        "the domain must not depend on these:\n{}",
        offences.join("\n")
    );
}
