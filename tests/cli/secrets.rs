//! Secrets in config.toml (webhook URLs with their tokens, SMTP credentials), inline or as
//! `env:NAME` / `file:PATH` references: whatever a command prints, exports or backs up, and
//! however a delivery fails, no secret value appears; a reference that cannot be read fails
//! the delivery with a line naming the key and the variable or file.

use std::io::Read;
use std::net::TcpListener;
use std::path::Path;
use std::process::Output;

use serde_json::Value;

use crate::common::TestEnv;

const INLINE_TOKEN: &str = "tok3n-INLINE-9f8e7d6c5b4a";
const FILE_TOKEN: &str = "tok3n-FILE-1a2b3c4d5e6f";
const QUERY_TOKEN: &str = "qtok-FILE-77aa88bb99cc";
const SMTP_USER: &str = "mailer-ENV-3c4d5e";
const SMTP_PASSWORD: &str = "pa55-ENV-5e6f7a8b9c";
const RELAY_USER: &str = "relay-user-INLINE-2b3c";
const RELAY_PASSWORD: &str = "relay-pa55-INLINE-0c9b8a";
/// What a backup writes in place of an inline secret.
const LEFT_OUT: &str = "<redacted: set it again after restore>";

/// A loopback port nothing listens on: every delivery to it is refused at once.
fn closed_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

/// A home whose config holds every kind of secret, and the secret values to look for.
struct SecretHome {
    env: TestEnv,
    inline_url: String,
    file_url: String,
}

impl SecretHome {
    fn new() -> Self {
        let env = TestEnv::with_examples();
        let port = closed_port();
        let inline_url = format!("http://127.0.0.1:{port}/hook/{INLINE_TOKEN}");
        let file_url = format!("http://127.0.0.1:{port}/bot/{FILE_TOKEN}?access_token={QUERY_TOKEN}");
        // Under templates/, which a backup carries: the backup must leave it behind.
        std::fs::write(
            env.home().join("templates/chat-url.secret"),
            format!("{file_url}\n"),
        )
        .unwrap();
        // A secret file is private, as every file of the home (doctor reports looser ones).
        std::fs::set_permissions(
            env.home().join("templates/chat-url.secret"),
            std::os::unix::fs::PermissionsExt::from_mode(0o600),
        )
        .unwrap();
        let path = env.home().join("config.toml");
        let config = std::fs::read_to_string(&path).unwrap();
        let config = config.replace("max_attempts = 10", "max_attempts = 1");
        let sinks = format!(
            r#"
[[notify.sinks]]
name = "ops"
kind = "webhook"
format = "feishu"
url = "{inline_url}"

[[notify.sinks]]
name = "chat"
kind = "webhook"
url = "file:templates/chat-url.secret"

[[notify.sinks]]
name = "mail"
kind = "email"
host = "127.0.0.1"
port = {port}
tls = "none"
from = "desk@example.com"
username_env = "DESK_TEST_SMTP_USER"
password = "env:DESK_TEST_SMTP_PASSWORD"
to = ["ops@example.com"]

[[notify.sinks]]
name = "relay"
kind = "email"
host = "127.0.0.1"
port = {port}
tls = "none"
from = "desk@example.com"
username = "{RELAY_USER}"
password = "{RELAY_PASSWORD}"
to = ["ops@example.com"]

[[notify.rules]]
on = "created"
sink = "ops"

[[notify.rules]]
on = "created"
sink = "chat"

[[notify.rules]]
on = "created"
sink = "mail"

[[notify.rules]]
on = "created"
sink = "relay"
"#
        );
        // The rules and sinks go at the end of [notify], before the next table.
        let at = config
            .find("\n[routing]")
            .expect("a [routing] table after [notify]");
        let config = format!("{}{sinks}{}", &config[..at], &config[at..]);
        std::fs::write(&path, config).unwrap();
        SecretHome {
            env,
            inline_url,
            file_url,
        }
    }

    /// Every secret value, and the pieces of the URLs that carry their tokens.
    fn secrets(&self) -> Vec<String> {
        vec![
            self.inline_url.clone(),
            self.file_url.clone(),
            INLINE_TOKEN.to_string(),
            FILE_TOKEN.to_string(),
            QUERY_TOKEN.to_string(),
            SMTP_USER.to_string(),
            SMTP_PASSWORD.to_string(),
            RELAY_USER.to_string(),
            RELAY_PASSWORD.to_string(),
        ]
    }

    /// `desk ARGS` as `user`, with the SMTP credentials in the environment.
    fn run(&self, user: &str, args: &[&str]) -> Output {
        self.env
            .desk(user)
            .args(args)
            .env("DESK_TEST_SMTP_USER", SMTP_USER)
            .env("DESK_TEST_SMTP_PASSWORD", SMTP_PASSWORD)
            .output()
            .expect("run desk")
    }
}

/// Everything a command wrote, stdout and stderr, after checking its exit code.
#[track_caller]
fn text(out: &Output, code: i32, what: &str) -> String {
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(code),
        "{what}: exit {:?}\nstdout: {stdout}\nstderr: {stderr}",
        out.status.code()
    );
    format!("--- {what}\n{stdout}{stderr}")
}

#[track_caller]
fn assert_no_secret(secrets: &[String], seen: &str) {
    for secret in secrets {
        assert!(
            !seen.contains(secret.as_str()),
            "secret `{secret}` printed in:\n{seen}"
        );
    }
}

/// The entry `name` of a tar file, as text.
fn tar_entry(file: &Path, name: &str) -> Option<String> {
    let mut archive = tar::Archive::new(std::fs::File::open(file).unwrap());
    for entry in archive.entries().unwrap() {
        let mut entry = entry.unwrap();
        if entry.path().unwrap().to_string_lossy() == name {
            let mut text = String::new();
            entry.read_to_string(&mut text).unwrap();
            return Some(text);
        }
    }
    None
}

#[test]
fn no_command_prints_exports_or_backs_up_a_secret() {
    let home = SecretHome::new();
    let env = &home.env;
    let secrets = home.secrets();
    let mut seen = String::new();
    let id = env.incident("carol", "db down").to_string();

    // Every sink fails against the closed port; with max_attempts = 1 all four are dead.
    let flushed = home.run("admin", &["notify", "flush", "--json"]);
    seen += &text(&flushed, 0, "notify flush --json");
    let flushed: Value = serde_json::from_slice(&flushed.stdout).unwrap();
    assert_eq!(flushed["dead"], 4, "{flushed}");
    let errors: Vec<(&str, &str)> = flushed["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["sink"].as_str().unwrap(), m["last_error"].as_str().unwrap()))
        .collect();
    for (sink, error) in &errors {
        match *sink {
            // The URL is cut to scheme and host; the reason stays.
            "ops" | "chat" => assert!(
                error.starts_with("POST http://127.0.0.1/…: ") && error.contains("refused"),
                "{sink}: {error}"
            ),
            _ => assert!(error.starts_with("SMTP 127.0.0.1:"), "{sink}: {error}"),
        }
    }
    for args in [
        vec!["notify", "list"],
        vec!["notify", "list", "--all", "--json"],
        vec!["notify", "list", "--failed"],
        vec!["notify", "retry", "--all", "--json"],
        vec!["notify", "flush"],
        vec!["notify", "list", "--all"],
        vec!["notify", "retry", "--all"],
        vec!["notify", "flush", "--dry-run"],
        vec!["notify", "flush", "--dry-run", "--json"],
        vec!["ticket", "show", &id, "--json"],
        vec!["ticket", "show", &id],
        vec!["ticket", "log", &id, "--json"],
        vec!["ticket", "list", "--all", "--json"],
        vec!["export"],
        vec!["export", "--format", "csv"],
        vec!["agent", "list", "--json"],
        vec!["report", "--json"],
        vec!["sla", "check", "--json"],
        vec!["template", "list", "--json"],
    ] {
        seen += &text(&home.run("admin", &args), 0, &args.join(" "));
    }

    // Doctor names the inline secrets by key, and is still healthy.
    let doctor = home.run("admin", &["doctor"]);
    let said = text(&doctor, 0, "doctor");
    for key in [
        "notify.sinks.ops.url",
        "notify.sinks.relay.username",
        "notify.sinks.relay.password",
    ] {
        assert!(
            said.contains(&format!(
                "warning: config: {key} is an inline secret in config.toml"
            )),
            "{said}"
        );
    }
    assert!(
        !said.contains("notify.sinks.chat.url") && !said.contains("notify.sinks.mail"),
        "{said}"
    );
    seen += &said;
    let doctor = home.run("admin", &["doctor", "--json"]);
    seen += &text(&doctor, 0, "doctor --json");
    let doctor: Value = serde_json::from_slice(&doctor.stdout).unwrap();
    assert_eq!(doctor["healthy"], true);
    assert_eq!(doctor["warnings"].as_array().unwrap().len(), 3, "{doctor}");
    // Without the variables in its environment, doctor says which are missing, not values.
    let bare = env.run("admin", &["doctor"]);
    let said = text(&bare, 0, "doctor without the variables");
    assert!(
        said.contains(
            "environment variable DESK_TEST_SMTP_USER (the secret for notify.sinks.mail.username) is not set"
        ),
        "{said}"
    );
    seen += &said;

    // The backup leaves the inline secrets and the secret file out, and says so.
    let file = env.path().join("desk.tar");
    let file_arg = file.to_str().unwrap();
    let summary = home.run("admin", &["backup", file_arg, "--json"]);
    seen += &text(&summary, 0, "backup --json");
    let summary: Value = serde_json::from_slice(&summary.stdout).unwrap();
    assert_eq!(
        summary["left_out"]["inline_secrets"],
        serde_json::json!([
            "notify.sinks.ops.url",
            "notify.sinks.relay.username",
            "notify.sinks.relay.password"
        ]),
        "{summary}"
    );
    assert_eq!(
        summary["left_out"]["files"][0]["path"], "templates/chat-url.secret",
        "{summary}"
    );
    let human = text(&home.run("admin", &["backup", file_arg]), 0, "backup");
    assert!(
        human.contains("left out: 3 inline secrets in config.toml: notify.sinks.ops.url, notify.sinks.relay.username, notify.sinks.relay.password"),
        "{human}"
    );
    assert!(
        human.contains("left out: templates/chat-url.secret (it is the secret of notify.sinks.chat.url)"),
        "{human}"
    );
    seen += &human;
    let config = tar_entry(&file, "config.toml").expect("config.toml in the backup");
    assert_eq!(
        config.matches(&format!("= \"{LEFT_OUT}\"")).count(),
        3,
        "{config}"
    );
    assert!(
        config.contains("url = \"file:templates/chat-url.secret\""),
        "{config}"
    );
    assert!(
        config.contains("password = \"env:DESK_TEST_SMTP_PASSWORD\""),
        "{config}"
    );
    assert!(tar_entry(&file, "templates/chat-url.secret").is_none());
    // Not one byte of the backup (store, failures, messages included) holds a secret.
    seen += &String::from_utf8_lossy(&std::fs::read(&file).unwrap());

    assert_no_secret(&secrets, &seen);

    // The restored config loads; restore names what to set again, and so does delivery.
    let target = TestEnv::empty();
    let restored = text(&target.run("admin", &["restore", file_arg]), 0, "restore");
    assert!(
        restored.contains("the backup left out 3 inline secrets of config.toml: notify.sinks.ops.url, notify.sinks.relay.username, notify.sinks.relay.password"),
        "{restored}"
    );
    let doctor = text(
        &target.run("admin", &["doctor"]),
        0,
        "doctor of the restored home",
    );
    assert!(
        doctor.contains("notify.sinks.ops.url was left out by a backup"),
        "{doctor}"
    );
    target.incident("carol", "after the restore");
    let flushed = target.json("admin", &["notify", "flush"]);
    let ops = flushed["messages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["sink"] == "ops")
        .expect("a message to ops")
        .clone();
    assert!(
        ops["last_error"]
            .as_str()
            .unwrap()
            .starts_with("notify.sinks.ops.url was left out of the backup this home was restored from"),
        "{ops}"
    );
    assert_no_secret(&secrets, &format!("{restored}{doctor}{flushed}"));
}

#[test]
fn a_reference_that_cannot_be_read_fails_the_delivery_naming_key_and_source() {
    let env = TestEnv::with_examples();
    let path = env.home().join("config.toml");
    let config = std::fs::read_to_string(&path).unwrap();
    let port = closed_port();
    let sinks = format!(
        r#"
[[notify.sinks]]
name = "chat"
kind = "webhook"
url = "file:secrets/chat-url"

[[notify.sinks]]
name = "mail"
kind = "email"
host = "127.0.0.1"
port = {port}
tls = "none"
from = "desk@example.com"
username = "env:DESK_TEST_SMTP_USER"
password = "file:/nonexistent/desk-test/password"
to = ["ops@example.com"]

[[notify.rules]]
on = "created"
sink = "chat"

[[notify.rules]]
on = "created"
sink = "mail"
"#
    );
    let at = config.find("\n[routing]").unwrap();
    std::fs::write(&path, format!("{}{sinks}{}", &config[..at], &config[at..])).unwrap();
    env.incident("carol", "db down");
    let flushed = env.json("admin", &["notify", "flush"]);
    let error = |sink: &str| -> String {
        flushed["messages"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["sink"] == sink)
            .and_then(|m| m["last_error"].as_str())
            .unwrap_or_else(|| panic!("no failure for {sink}: {flushed}"))
            .to_string()
    };
    assert_eq!(
        error("chat"),
        format!(
            "cannot read {} (the secret for notify.sinks.chat.url): it does not exist",
            env.home().join("secrets/chat-url").display()
        )
    );
    assert_eq!(
        error("mail"),
        "environment variable DESK_TEST_SMTP_USER (the secret for notify.sinks.mail.username) is not set"
    );

    // A file that holds no URL is refused without quoting what it holds.
    std::fs::create_dir_all(env.home().join("secrets")).unwrap();
    std::fs::write(
        env.home().join("secrets/chat-url"),
        "ftp://files/tok3n-NOT-A-HOOK\n",
    )
    .unwrap();
    env.ok("admin", &["notify", "retry", "--all"]);
    let out = env
        .desk("admin")
        .args(["notify", "flush"])
        .env("DESK_TEST_SMTP_USER", "someone")
        .output()
        .unwrap();
    let said = text(&out, 0, "notify flush");
    assert!(
        said.contains("notify.sinks.chat.url (file:") && said.contains("scheme `ftp` is not http or https"),
        "{said}"
    );
    assert!(
        said.contains("cannot read /nonexistent/desk-test/password (the secret for notify.sinks.mail.password): it does not exist"),
        "{said}"
    );
    assert!(!said.contains("tok3n-NOT-A-HOOK"), "{said}");
}

#[test]
fn a_bad_secret_in_config_toml_is_refused_without_quoting_it() {
    let env = TestEnv::with_examples();
    let path = env.home().join("config.toml");
    let config = std::fs::read_to_string(&path).unwrap();
    for url in [
        format!("ftp://hooks.example.com/{INLINE_TOKEN}"),
        format!("hooks.example.com/{INLINE_TOKEN}"),
    ] {
        let sink = format!("\n[[notify.sinks]]\nname = \"ops\"\nkind = \"webhook\"\nurl = \"{url}\"\n");
        let at = config.find("\n[routing]").unwrap();
        std::fs::write(&path, format!("{}{sink}{}", &config[..at], &config[at..])).unwrap();
        for args in [
            vec!["notify", "flush"],
            vec!["notify", "flush", "--json"],
            vec![
                "ticket",
                "new",
                "--type",
                "incident",
                "--title",
                "x",
                "--field",
                "service=api",
            ],
        ] {
            let stderr = env.fails("admin", &args, 5);
            assert!(stderr.contains("notify.sinks.ops.url: "), "{stderr}");
            assert!(!stderr.contains(INLINE_TOKEN), "{args:?}: {stderr}");
        }
        let doctor = text(&env.run("admin", &["doctor"]), 0, "doctor");
        assert!(doctor.contains("config.toml does not load"), "{doctor}");
        assert!(!doctor.contains(INLINE_TOKEN), "{doctor}");
    }
}
