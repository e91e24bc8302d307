//! Small things that must read the same everywhere: counts in the right number, `-q` that
//! means quiet, `--color always` that means always.

use chrono::Duration;

use crate::common::TestEnv;

/// stderr of a successful `desk ARGS` as `user`.
#[track_caller]
fn note(env: &TestEnv, user: &str, args: &[&str]) -> String {
    let out = env.run(user, args);
    assert!(out.status.success(), "desk {args:?}: {:?}", out.status.code());
    String::from_utf8(out.stderr).unwrap()
}

#[test]
fn one_of_a_thing_is_counted_in_the_singular() {
    let env = TestEnv::with_examples();
    env.incident("admin", "printer on fire");
    env.ok("admin", &["ticket", "close", "1"]);
    env.advance(Duration::days(2));

    let file = env.path().join("one.jsonl");
    let said = note(&env, "admin", &["export", "--output", file.to_str().unwrap()]);
    assert!(said.contains("exported 1 ticket to"), "{said}");
    let said = note(
        &env,
        "admin",
        &["backup", env.path().join("b.tar").to_str().unwrap()],
    );
    assert!(said.contains("backed up 1 ticket (1 hot, 0 archived)"), "{said}");

    let said = env.ok("dave", &["archive", "--closed-before", "1d", "--dry-run"]);
    assert!(said.contains("would archive 1 ticket closed before"), "{said}");
    let said = env.ok("dave", &["archive", "--closed-before", "1d"]);
    assert!(said.contains("Archived 1 ticket closed before"), "{said}");
    let said = env.ok("dave", &["archive", "status"]);
    assert!(said.contains("cold  1 ticket in 1 segment: 1 frame,"), "{said}");
    assert!(!said.contains("(s)"), "{said}");

    let bad = env.path().join("bad.toml");
    std::fs::write(&bad, "prefix = 42\n").unwrap();
    let said = env.fails("admin", &["template", "check", bad.to_str().unwrap()], 5);
    assert!(said.contains("1 of 1 template is invalid"), "{said}");
}

/// Rates on the progress bars on stderr of `screen` ("82/s", "1.2k/s").
fn rates(screen: &str) -> Vec<String> {
    screen
        .split(['(', ' ', '\r'])
        .filter(|word| word.ends_with("/s,"))
        .map(|word| word.trim_end_matches(',').to_string())
        .collect()
}

#[test]
fn progress_rates_are_rounded_for_people() {
    let env = TestEnv::with_examples();
    let mut csv = String::from("title,service\n");
    for n in 0..3000 {
        csv.push_str(&format!("disk full on host {n},storage\n"));
    }
    let file = env.path().join("many.csv");
    std::fs::write(&file, csv).unwrap();
    let args = [
        "import",
        file.to_str().unwrap(),
        "--type",
        "incident",
        "--map",
        "service=service",
    ];
    env.ok("admin", &args);
    let out = env.path().join("all.jsonl");
    let Some(screen) = env.on_terminal(
        100,
        &format!("export --output {}", out.display()),
        // indicatif draws nothing on a dumb terminal.
        &[("DESK_USER", "admin"), ("TERM", "xterm")],
    ) else {
        return;
    };
    assert!(out.exists(), "{screen}");
    let rates = rates(&screen);
    assert!(!rates.is_empty(), "a bar was drawn: {screen:?}");
    for rate in &rates {
        let number = rate.trim_end_matches("/s").trim_end_matches(['k', 'M']);
        let decimals = number.split_once('.').map_or(0, |(_, d)| d.len());
        assert!(
            number.parse::<f64>().is_ok() && decimals <= 1 && number.len() <= 4,
            "{rate} in {screen:?}"
        );
    }
}

#[test]
fn quiet_reports_print_only_ids_and_counts() {
    let env = TestEnv::with_examples();
    let first = env.incident("carol", "printer on fire");
    env.advance(Duration::days(3));
    let second = env.incident("carol", "printer still on fire");
    env.ok("admin", &["ticket", "close", &first.to_string()]);
    // Both were filed or closed in the last day's window: the first only closed in it.
    assert_eq!(
        env.ok("admin", &["report", "--since", "1d", "-q"]),
        format!("{first}\n{second}\n")
    );
    assert_eq!(
        env.ok(
            "admin",
            &[
                "report",
                "--since",
                "2026-03-01",
                "--until",
                "2026-03-01T12:00:00Z",
                "-q"
            ]
        ),
        "",
        "a window with nothing in it lists nothing"
    );
    // -q with a file asked for writes the file and says nothing.
    let file = env.path().join("r.json");
    let out = env.run("admin", &["report", "-q", "--output", file.to_str().unwrap()]);
    assert!(out.status.success() && out.stdout.is_empty() && out.stderr.is_empty());
    assert!(std::fs::read_to_string(&file).unwrap().contains("\"created\""));

    // The archive's figure a monitor watches: closed tickets waiting for the archiver.
    assert_eq!(env.ok("admin", &["archive", "status", "-q"]), "0\n");
    env.advance(Duration::days(60));
    let waiting = env.json("admin", &["archive", "status"])["hot"]["awaiting_archive"].clone();
    assert_eq!(waiting, 1, "the closed ticket is past archive.after");
    assert_eq!(env.ok("admin", &["archive", "status", "-q"]), "1\n");
    assert_eq!(env.ok("admin", &["archive", "--dry-run", "-q"]), "1\n");
}

#[test]
fn color_always_colours_piped_tables_and_errors() {
    let env = TestEnv::with_examples();
    env.incident("carol", "printer on fire");
    let plain = env.ok("admin", &["ticket", "list"]);
    assert!(!plain.contains('\x1b'), "auto, piped: no colour: {plain:?}");
    let colored = env.ok("admin", &["--color", "always", "ticket", "list"]);
    assert!(colored.contains("\x1b[33munclaimed\x1b[0m"), "{colored:?}");
    // The cells are still tab-separated for cut and awk.
    assert_eq!(
        colored.lines().next().unwrap().split('\t').count(),
        plain.lines().next().unwrap().split('\t').count()
    );
    let error = env.fails("admin", &["--color", "always", "ticket", "show", "99"], 3);
    assert!(
        error.starts_with("\x1b[1;31merror\x1b[0m: ticket 99 not found"),
        "{error:?}"
    );
    let error = env.fails("admin", &["ticket", "show", "99"], 3);
    assert!(error.starts_with("error: ticket 99 not found"), "{error:?}");
    let never = env.ok("admin", &["--color", "never", "ticket", "list"]);
    assert!(
        !never.contains('\x1b') && never.contains("unclaimed"),
        "{never:?}"
    );
}
