//! A clean environment for driving the real `desk` binary: a temporary home, no inherited
//! variables, a fixed acting user, and a clock (`DESK_NOW`) that advances one minute per
//! command so histories are deterministic and ordered.

use std::cell::Cell;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use chrono::{DateTime, Duration, TimeZone, Utc};
use serde_json::Value;

#[path = "../support/pg_server.rs"]
pub mod pg_server;

pub struct TestEnv {
    dir: tempfile::TempDir,
    clock: Cell<DateTime<Utc>>,
}

impl TestEnv {
    /// An environment with no desk home yet.
    pub fn empty() -> Self {
        TestEnv {
            dir: tempfile::tempdir().expect("temp dir"),
            clock: Cell::new(Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap()),
        }
    }

    /// `desk init --examples` as `admin`, plus agents `bob` (ops) and `dave` (lead).
    pub fn with_examples() -> Self {
        let env = Self::empty();
        env.ok("admin", &["init", "--examples", "--insecure-test-identities"]);
        env.add_example_agents();
        env
    }

    /// [`TestEnv::with_examples`] on a team store: a fresh database on the test PostgreSQL
    /// server. None (the skip said on stderr) where no server can run.
    pub fn with_examples_on_postgres() -> Option<Self> {
        let url = pg_server::fresh_database_url("cli")?;
        let env = Self::empty();
        env.ok(
            "admin",
            &[
                "init",
                "--examples",
                "--insecure-test-identities",
                "--store",
                &url,
            ],
        );
        env.add_example_agents();
        Some(env)
    }

    /// Another host's home on the same team store: its own directory, whose config.toml
    /// holds only this home's `[store]`, and no templates of its own: it works by the
    /// settings and types published to the team store, as a host that just joined.
    pub fn another_host(&self) -> Self {
        let other = Self::empty();
        other.clock.set(self.clock.get());
        std::fs::create_dir_all(other.home().join("templates")).unwrap();
        let config: toml::Table =
            toml::from_str(&std::fs::read_to_string(self.home().join("config.toml")).unwrap()).unwrap();
        let mut only_store = toml::Table::new();
        only_store.insert("store".into(), config["store"].clone());
        std::fs::write(
            other.home().join("config.toml"),
            toml::to_string(&only_store).unwrap(),
        )
        .unwrap();
        other
    }

    fn add_example_agents(&self) {
        let env = self;
        env.ok(
            "admin",
            &[
                "agent",
                "add",
                "bob",
                "--skills",
                "ops,support",
                "--status",
                "online",
            ],
        );
        env.ok(
            "admin",
            &["agent", "add", "erin", "--skills", "ops", "--status", "online"],
        );
        env.ok(
            "admin",
            &["agent", "add", "dave", "--role", "lead", "--status", "online"],
        );
    }

    pub fn home(&self) -> PathBuf {
        self.dir.path().join("home")
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// The time the next command will see.
    pub fn now(&self) -> DateTime<Utc> {
        self.clock.get()
    }

    /// Move the clock (e.g. past the archive age).
    pub fn advance(&self, by: Duration) {
        self.clock.set(self.clock.get() + by);
    }

    /// A `desk` command acting as `user`, in a cleared environment.
    pub fn desk(&self, user: &str) -> Command {
        let now = self.clock.get();
        self.clock.set(now + Duration::minutes(1));
        let mut cmd = Command::cargo_bin("desk").expect("desk binary");
        cmd.env_clear()
            .env("DESK_HOME", self.home())
            .env("DESK_USER", user)
            .env("DESK_NOW", now.to_rfc3339())
            .env("HOME", self.dir.path())
            .env("NO_COLOR", "1")
            .env("COLUMNS", "120");
        cmd
    }

    /// `desk ARGS` as carol on a pseudo-terminal `columns` wide, through util-linux `script`,
    /// with `vars` set; its screen with `\r\n` as `\n`, or None when `script` is missing.
    pub fn on_terminal(&self, columns: u16, args: &str, vars: &[(&str, &str)]) -> Option<String> {
        if std::process::Command::new("script")
            .arg("--version")
            .output()
            .is_err()
        {
            eprintln!("skipping: util-linux `script` is not installed");
            return None;
        }
        let desk = assert_cmd::cargo::cargo_bin("desk");
        let out = std::process::Command::new("script")
            .args([
                "-qec",
                &format!("stty cols {columns} rows 40; {} {args}", desk.display()),
                "/dev/null",
            ])
            .env_clear()
            .env("PATH", "/usr/bin:/bin")
            .env("DESK_HOME", self.home())
            .env("DESK_USER", "carol")
            .env("DESK_NOW", self.now().to_rfc3339())
            .env("HOME", self.path())
            .env("TERM", "dumb")
            .envs(vars.iter().copied())
            .stdin(std::process::Stdio::null())
            .output()
            .expect("run script");
        Some(String::from_utf8_lossy(&out.stdout).replace("\r\n", "\n"))
    }

    pub fn run(&self, user: &str, args: &[&str]) -> Output {
        self.desk(user).args(args).output().expect("run desk")
    }

    /// Run, assert success, return stdout.
    #[track_caller]
    pub fn ok(&self, user: &str, args: &[&str]) -> String {
        let out = self.run(user, args);
        assert!(
            out.status.success(),
            "desk {args:?} as {user} failed ({:?}):\n{}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8 stdout")
    }

    /// Run with `--json`, assert success, parse stdout.
    #[track_caller]
    pub fn json(&self, user: &str, args: &[&str]) -> Value {
        let mut all = args.to_vec();
        all.push("--json");
        let text = self.ok(user, &all);
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("bad JSON from {args:?}: {e}\n{text}"))
    }

    /// Run, assert exit code `code`, return stderr.
    #[track_caller]
    pub fn fails(&self, user: &str, args: &[&str], code: i32) -> String {
        let out = self.run(user, args);
        let stderr = String::from_utf8_lossy(&out.stderr).to_string();
        assert_eq!(
            out.status.code(),
            Some(code),
            "desk {args:?} as {user}: expected exit {code}\nstdout: {}\nstderr: {stderr}",
            String::from_utf8_lossy(&out.stdout)
        );
        stderr
    }

    /// File an incident as `requester`; returns its numeric id.
    pub fn incident(&self, requester: &str, title: &str) -> u64 {
        let v = self.json(
            requester,
            &[
                "ticket",
                "new",
                "--type",
                "incident",
                "--title",
                title,
                "--field",
                "service=api",
            ],
        );
        v["id"].as_u64().expect("id")
    }

    /// The whole ticket as `desk ticket show --json` gives it.
    pub fn show(&self, id: u64) -> Value {
        self.json("admin", &["ticket", "show", &id.to_string()])
    }

    /// A fingerprint of everything observable about a ticket (for "nothing was written").
    pub fn snapshot(&self, id: u64) -> String {
        let mut shown = self.show(id);
        // `sla` is computed from the clock at each call (time left), not stored.
        shown.as_object_mut().expect("object").remove("sla");
        shown.to_string()
    }
}

/// Helpers added for the lifecycle, permissions, templates and conventions tests.
impl TestEnv {
    /// Every ticket in the hot store, open or closed, in queue order.
    pub fn all_tickets(&self) -> Vec<Value> {
        match self.json("admin", &["ticket", "list", "--all"]) {
            Value::Array(items) => items,
            other => panic!("ticket list --json is not an array: {other}"),
        }
    }

    /// A ticket's history as `desk ticket log ID --json` gives it.
    pub fn events(&self, id: u64) -> Vec<Value> {
        match self.json("admin", &["ticket", "log", &id.to_string()]) {
            Value::Array(items) => items,
            other => panic!("ticket log --json is not an array: {other}"),
        }
    }

    /// The ticket's state (`unclaimed`, `pending`, `awaiting`, `closed`).
    pub fn status(&self, id: u64) -> String {
        self.show(id)["status"].as_str().expect("status").to_string()
    }

    /// Write `templates/NAME.toml` in the home; returns its path.
    pub fn write_template(&self, name: &str, source: &str) -> PathBuf {
        let path = self.home().join("templates").join(format!("{name}.toml"));
        std::fs::write(&path, source).expect("write template");
        path
    }
}

/// The `kind` of each event, in order.
pub fn kinds(events: &[Value]) -> Vec<&str> {
    events.iter().map(|e| e["kind"].as_str().expect("kind")).collect()
}
