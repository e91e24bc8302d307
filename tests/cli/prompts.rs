//! On a terminal, desk asks for what is missing (dialoguer); elsewhere it never prompts.
//! `script` (util-linux) gives the child a pseudo-terminal; typed-ahead answers wait in it.

use std::io::Write;
use std::process::{Command, Stdio};

use crate::common::TestEnv;

/// Run `desk ARGS` on a pseudo-terminal with `keys` typed; None when `script` is missing.
fn on_terminal(env: &TestEnv, args: &str, keys: &str) -> Option<String> {
    on_a_terminal_named(env, "dumb", args, keys)
}

/// As [`on_terminal`], on a terminal of type `term` (progress bars draw only on a real one).
fn on_a_terminal_named(env: &TestEnv, term: &str, args: &str, keys: &str) -> Option<String> {
    if Command::new("script").arg("--version").output().is_err() {
        eprintln!("skipping: util-linux `script` is not installed");
        return None;
    }
    let desk = assert_cmd::cargo::cargo_bin("desk");
    let mut child = Command::new("script")
        .args(["-qec", &format!("{} {args}", desk.display()), "/dev/null"])
        .env_clear()
        .env("DESK_HOME", env.home())
        .env("DESK_USER", "carol")
        .env("HOME", env.path())
        .env("TERM", term)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn script");
    child.stdin.take().unwrap().write_all(keys.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    Some(String::from_utf8_lossy(&out.stdout).to_string())
}

#[test]
fn a_terminal_user_is_asked_for_the_title_and_required_fields_until_valid() {
    let env = TestEnv::with_examples();
    // The first service answer breaks the pattern and is asked again.
    let Some(screen) = on_terminal(
        &env,
        "ticket new --type incident",
        "Printer on fire\rPrinter 3\rprinter-3\r",
    ) else {
        return;
    };
    assert!(screen.contains("Title"), "{screen}");
    assert!(
        screen.contains("must match"),
        "the invalid answer is explained: {screen}"
    );
    assert!(screen.contains("Created INC-1"), "{screen}");
    let ticket = env.show(1);
    assert_eq!(ticket["title"], "Printer on fire");
    assert_eq!(ticket["fields"]["service"], "printer-3");
    assert_eq!(ticket["requester"], "carol");
}

#[test]
fn no_input_on_a_terminal_still_never_prompts() {
    let env = TestEnv::with_examples();
    let Some(screen) = on_terminal(&env, "ticket new --type incident --no-input", "x\r") else {
        return;
    };
    assert!(screen.contains("missing required input"), "{screen}");
    assert_eq!(
        env.json("admin", &["ticket", "list", "--all"])
            .as_array()
            .unwrap()
            .len(),
        0
    );
}

#[test]
fn typing_narrows_the_type_and_enum_choices() {
    let env = TestEnv::with_examples();
    let Some(screen) = on_terminal(&env, "ticket new", "access\rNeed grafana\rgraf\rfor on-call\r") else {
        return;
    };
    assert!(screen.contains("Created ACC-1"), "{screen}");
    assert_eq!(env.show(1)["fields"]["system"], "grafana");
}

#[test]
fn looking_for_suggestions_draws_no_progress_bar() {
    let env = TestEnv::with_examples();
    let Some(screen) = on_a_terminal_named(
        &env,
        "xterm",
        "ticket new --type incident --title 'VPN drops' --field service=vpn",
        "",
    ) else {
        return;
    };
    assert!(screen.contains("Created INC-1"), "{screen}");
    assert!(!screen.contains("indexing tickets"), "{screen}");
}
