//! Long output (`ticket list`, `ticket log`, `ticket show`, `report`) goes through a pager
//! on a terminal, as git's does, and never when piped, with `--no-pager`, `--json` or `-q`.
//! The pager under test writes what it was given to a file, so the test sees what was paged.

use std::path::PathBuf;

use crate::common::TestEnv;

struct Paging {
    env: TestEnv,
    paged: PathBuf,
}

impl Paging {
    fn new() -> Self {
        let env = TestEnv::with_examples();
        env.incident("carol", "VPN drops every hour");
        let paged = env.path().join("paged.txt");
        Paging { env, paged }
    }

    /// A pager that keeps its input in `paged.txt` and says so on the screen.
    fn pager(&self) -> String {
        format!("cat > {}; echo PAGER-RAN", self.paged.display())
    }

    /// The screen of `desk ARGS` as `user` on a terminal, and what the pager got (if it ran).
    fn run(&self, user: &str, args: &str, vars: &[(&str, &str)]) -> Option<(String, Option<String>)> {
        let _ = std::fs::remove_file(&self.paged);
        let mut vars = vars.to_vec();
        vars.push(("DESK_USER", user));
        let screen = self
            .env
            .on_terminal(100, &format!("{args}; echo exit=$?"), &vars)?;
        let paged = std::fs::read_to_string(&self.paged).ok();
        Some((screen, paged))
    }
}

#[test]
fn list_log_show_and_report_are_paged_on_a_terminal() {
    let t = Paging::new();
    let pager = t.pager();
    for (user, args, expect) in [
        ("carol", "ticket list", "VPN drops every hour"),
        ("carol", "ticket log 1", "created"),
        ("carol", "ticket show 1", "History:"),
        ("admin", "report", "created"),
    ] {
        let Some((screen, paged)) = t.run(user, args, &[("DESK_PAGER", &pager)]) else {
            return;
        };
        let paged = paged.unwrap_or_else(|| panic!("`{args}` was not paged: {screen}"));
        assert!(paged.contains(expect), "`{args}` paged: {paged}");
        assert!(
            screen.contains("PAGER-RAN") && screen.contains("exit=0"),
            "{screen}"
        );
        assert!(
            !screen.contains(expect) || args == "report",
            "`{args}`: the text went to the pager, not past it: {screen}"
        );
    }
}

#[test]
fn pager_comes_from_desk_pager_then_pager_and_empty_or_cat_turns_it_off() {
    let t = Paging::new();
    let pager = t.pager();
    let Some((_, paged)) = t.run("carol", "ticket list", &[("PAGER", &pager)]) else {
        return;
    };
    assert!(paged.is_some(), "$PAGER is used when DESK_PAGER is unset");
    for off in ["", "cat"] {
        let Some((screen, paged)) = t.run("carol", "ticket list", &[("DESK_PAGER", off), ("PAGER", &pager)])
        else {
            return;
        };
        assert!(paged.is_none(), "DESK_PAGER={off:?} pages nothing: {screen}");
        assert!(
            screen.contains("VPN drops every hour") && screen.contains("exit=0"),
            "{screen}"
        );
    }
}

#[test]
fn no_pager_json_quiet_and_pipes_are_never_paged() {
    let t = Paging::new();
    let pager = t.pager();
    for args in [
        "--no-pager ticket list",
        "ticket list --no-pager",
        "ticket list --json",
        "ticket list -q",
        "ticket log 1 --json",
        "ticket list | cat",
    ] {
        let Some((screen, paged)) = t.run("carol", args, &[("DESK_PAGER", &pager)]) else {
            return;
        };
        assert!(paged.is_none(), "`{args}` must not page: {screen}");
        assert!(!screen.contains("PAGER-RAN"), "{screen}");
    }
    // Not a terminal at all: the usual piped output, no pager.
    let out = t
        .env
        .desk("carol")
        .env("DESK_PAGER", &pager)
        .args(["ticket", "list"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("VPN drops every hour"));
    assert!(!t.paged.exists(), "piped output is never paged");
}

#[test]
fn a_pager_that_quits_early_is_not_a_failure_and_errors_still_reach_the_screen() {
    let t = Paging::new();
    // `true` reads nothing and exits, like a person pressing q at once.
    let Some((screen, _)) = t.run("admin", "report --by hour", &[("DESK_PAGER", "true")]) else {
        return;
    };
    assert!(screen.contains("exit=0"), "{screen}");
    // A refused command prints its error and exit code as usual; nothing is paged.
    let pager = t.pager();
    let Some((screen, paged)) = t.run(
        "carol",
        "ticket list --assignee nobody",
        &[("DESK_PAGER", &pager)],
    ) else {
        return;
    };
    assert!(
        screen.contains("agent `nobody` not found") && screen.contains("exit=3"),
        "{screen}"
    );
    assert!(paged.is_none(), "{screen}");
}

#[test]
fn the_default_less_pages_only_a_terminal_that_can_page() {
    let t = Paging::new();
    // A `less` first on PATH that keeps what it was given.
    let bin = t.env.path().join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let less = bin.join("less");
    std::fs::write(&less, format!("#!/bin/sh\ncat > {}\n", t.paged.display())).unwrap();
    std::fs::set_permissions(&less, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let path = format!("{}:/usr/bin:/bin", bin.display());
    let Some((_, paged)) = t.run("carol", "ticket list", &[("PATH", &path), ("TERM", "xterm")]) else {
        return;
    };
    assert!(
        paged.is_some_and(|p| p.contains("VPN drops")),
        "less pages on xterm"
    );
    // TERM=dumb (an editor's shell, `script` without a terminal type): no default pager.
    let (screen, paged) = t
        .run("carol", "ticket list", &[("PATH", &path), ("TERM", "dumb")])
        .unwrap();
    assert_eq!(paged, None, "{screen}");
    assert!(screen.contains("VPN drops"), "{screen}");
}
