//! Notifications through the binary, with real sinks on this machine: an exec sink (a shell
//! script appending what it reads to a file), webhooks against a loopback HTTP server and
//! e-mail against a loopback SMTP server, both started by the test and stopping by
//! themselves; a sink that is down proves retries, backoff and dead letters under DESK_NOW.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use chrono::Duration as Minutes;
use serde_json::Value;

use crate::common::TestEnv;

/// Replace the `[notify]` table `desk init` wrote (defaults and commented examples) with
/// `toml`, appended at the end of config.toml.
pub(crate) fn configure(env: &TestEnv, toml: &str) {
    let path = env.home().join("config.toml");
    let mut config = std::fs::read_to_string(&path).unwrap();
    if let Some(start) = config.find("\n[notify]\n") {
        let rest = &config[start + 1..];
        let end = rest[1..]
            .find("\n[")
            .map_or(config.len(), |at| start + 1 + at + 2);
        config.replace_range(start + 1..end, "");
    }
    config.push('\n');
    config.push_str(toml);
    std::fs::write(&path, config).unwrap();
}

/// An exec sink script: fails with a message while `<dir>/down` exists, else appends the
/// JSON it reads to `<dir>/out.jsonl`.
pub(crate) struct ExecSink {
    dir: PathBuf,
}

impl ExecSink {
    pub(crate) fn new(env: &TestEnv) -> Self {
        let dir = env.path().join("sink");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("sink.sh"),
            format!(
                "if [ -e '{dir}/down' ]; then echo 'gateway unreachable' >&2; exit 3; fi\ncat >> '{dir}/out.jsonl'\n",
                dir = dir.display()
            ),
        )
        .unwrap();
        ExecSink { dir }
    }

    /// The `[[notify.sinks]]` entry.
    pub(crate) fn toml(&self, name: &str) -> String {
        format!(
            "[[notify.sinks]]\nname = \"{name}\"\nkind = \"exec\"\ncommand = [\"/bin/sh\", '{}']\n",
            self.dir.join("sink.sh").display()
        )
    }

    fn down(&self, down: bool) {
        let flag = self.dir.join("down");
        if down {
            std::fs::write(flag, "").unwrap();
        } else {
            let _ = std::fs::remove_file(flag);
        }
    }

    /// Every message the sink received, in order.
    pub(crate) fn received(&self) -> Vec<Value> {
        match std::fs::read_to_string(self.dir.join("out.jsonl")) {
            Ok(text) => text
                .lines()
                .map(|line| serde_json::from_str(line).expect("one JSON document per line"))
                .collect(),
            Err(_) => Vec::new(),
        }
    }
}

fn flush(env: &TestEnv) -> Value {
    env.json("admin", &["notify", "flush"])
}

fn list(env: &TestEnv, which: &str) -> Vec<Value> {
    let mut args = vec!["notify", "list"];
    if !which.is_empty() {
        args.push(which);
    }
    match env.json("admin", &args) {
        Value::Array(items) => items,
        other => panic!("notify list --json is not an array: {other}"),
    }
}

const PEOPLE_RULES: &str = r#"
[[notify.rules]]
on = ["assigned", "requester_replied"]
sink = "log"
to = "assignee"

[[notify.rules]]
on = ["awaiting_confirmation", "handler_replied", "closed"]
sink = "log"
to = "requester"
"#;

#[test]
fn an_exec_sink_gets_each_message_as_json_on_stdin() {
    let env = TestEnv::with_examples();
    let sink = ExecSink::new(&env);
    configure(&env, &format!("{}{PEOPLE_RULES}", sink.toml("log")));
    let id = env.incident("carol", "VPN drops every hour");
    env.ok("dave", &["ticket", "assign", &id.to_string(), "--to", "bob"]);
    env.ok(
        "bob",
        &["ticket", "reply", &id.to_string(), "-m", "Try the new profile"],
    );
    let report = flush(&env);
    // created (no rule), assigned, replied.
    assert_eq!(report["events"], 3, "{report}");
    assert_eq!(report["unmatched"], 1, "{report}");
    assert_eq!(
        (report["created"].as_u64(), report["delivered"].as_u64()),
        (Some(2), Some(2)),
        "{report}"
    );

    let received = sink.received();
    assert_eq!(received.len(), 2);
    let assigned = &received[0];
    assert_eq!(assigned["on"], "assigned");
    assert_eq!(assigned["recipient"]["name"], "bob");
    assert_eq!(assigned["recipient"]["role"], "assignee");
    assert_eq!(assigned["ticket"]["key"], "INC-1");
    assert_eq!(assigned["ticket"]["title"], "VPN drops every hour");
    assert_eq!(assigned["event"]["kind"], "assigned");
    assert_eq!(assigned["event"]["actor"], "dave");
    assert_eq!(
        assigned["subject"],
        "[INC-1] assigned to bob: VPN drops every hour"
    );
    let reply = &received[1];
    assert_eq!(reply["on"], "awaiting_confirmation");
    assert_eq!(reply["recipient"]["name"], "carol");
    assert!(
        reply["text"].as_str().unwrap().contains("Try the new profile"),
        "{reply}"
    );
    assert_eq!(reply["id"], list(&env, "--delivered")[1]["id"]);

    // Flushing again sends nothing twice.
    let again = flush(&env);
    assert_eq!(
        (again["events"].as_u64(), again["delivered"].as_u64()),
        (Some(0), Some(0))
    );
    assert_eq!(sink.received().len(), 2);

    // The requester answers, the handler again, the requester confirms: the handler hears
    // of the reply, and nobody is told of their own move (the confirmation).
    env.ok(
        "carol",
        &["ticket", "reply", &id.to_string(), "-m", "Still drops"],
    );
    env.ok(
        "bob",
        &["ticket", "reply", &id.to_string(), "-m", "Fixed the MTU"],
    );
    env.ok("carol", &["ticket", "confirm", &id.to_string()]);
    let report = flush(&env);
    assert_eq!(
        (report["events"].as_u64(), report["created"].as_u64()),
        (Some(3), Some(2)),
        "{report}"
    );
    let received = sink.received();
    let summary: Vec<(&str, &str)> = received
        .iter()
        .map(|m| {
            (
                m["on"].as_str().unwrap(),
                m["recipient"]["name"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("assigned", "bob"),
            ("awaiting_confirmation", "carol"),
            ("requester_replied", "bob"),
            ("awaiting_confirmation", "carol"),
        ]
    );
}

#[test]
fn a_sink_that_stays_down_is_retried_with_backoff_then_dead_lettered_and_retried_by_hand() {
    let env = TestEnv::with_examples();
    let sink = ExecSink::new(&env);
    configure(
        &env,
        &format!(
            "[notify]\nmax_attempts = 3\nbackoff = \"5m\"\nbackoff_max = \"8m\"\n\n{}{PEOPLE_RULES}",
            sink.toml("log")
        ),
    );
    sink.down(true);
    let id = env.incident("carol", "Disk full");
    env.ok("dave", &["ticket", "assign", &id.to_string(), "--to", "bob"]);

    let first = flush(&env);
    assert_eq!(
        (first["delivered"].as_u64(), first["failed"].as_u64()),
        (Some(0), Some(1)),
        "{first}"
    );
    let message = &first["messages"][0];
    assert_eq!(message["state"], "pending");
    assert_eq!(message["attempts"], 1);
    assert_eq!(
        message["last_error"],
        "/bin/sh failed with exit status 3: gateway unreachable"
    );
    let attempted_at = env.now() - Minutes::minutes(1);
    assert_eq!(
        message["next_attempt_at"].as_str().unwrap(),
        (attempted_at + Minutes::minutes(5)).to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
    );

    // Not due yet: nothing is attempted.
    let early = flush(&env);
    assert_eq!(early["messages"].as_array().unwrap().len(), 0, "{early}");
    assert_eq!(early["pending"], 1);

    env.advance(Minutes::minutes(5));
    let second = flush(&env);
    assert_eq!(second["messages"][0]["attempts"], 2, "{second}");
    assert_eq!(second["failed"], 1);

    // The second wait doubles, capped at backoff_max (8m): due 8 minutes later.
    env.advance(Minutes::minutes(6));
    assert_eq!(flush(&env)["messages"].as_array().unwrap().len(), 0);
    env.advance(Minutes::minutes(2));
    let third = flush(&env);
    assert_eq!(third["dead"], 1, "{third}");
    assert_eq!(third["messages"][0]["state"], "dead");

    let dead = list(&env, "--failed");
    assert_eq!(dead.len(), 1);
    assert_eq!(dead[0]["attempts"], 3);
    assert_eq!(dead[0]["on"], "assigned");
    assert!(list(&env, "--pending").is_empty());
    let table = env.ok("admin", &["notify", "list", "--failed"]);
    assert!(
        table.contains("dead") && table.contains("gateway unreachable"),
        "{table}"
    );

    // A dead letter stays dead however often cron flushes.
    env.advance(Minutes::hours(2));
    assert_eq!(flush(&env)["messages"].as_array().unwrap().len(), 0);
    assert!(sink.received().is_empty());

    // Fixed the gateway; retry by hand.
    sink.down(false);
    let id_text = dead[0]["id"].to_string();
    let retried = env.json("bob", &["notify", "retry", &id_text]);
    assert_eq!(
        (retried[0]["state"].as_str(), retried[0]["attempts"].as_u64()),
        (Some("pending"), Some(0))
    );
    let fourth = flush(&env);
    assert_eq!(fourth["delivered"], 1, "{fourth}");
    assert_eq!(sink.received().len(), 1);
    assert!(list(&env, "--failed").is_empty());
    assert_eq!(list(&env, "--delivered").len(), 1);

    // A delivered message is not retried; an unknown one is not found.
    env.fails("bob", &["notify", "retry", &id_text], 6);
    env.fails("bob", &["notify", "retry", "999"], 3);
    // Requesters do not read the notification log.
    env.fails("carol", &["notify", "list"], 4);
}

#[test]
fn failed_lists_messages_still_retrying_apart_from_dead_letters() {
    let env = TestEnv::with_examples();
    let sink = ExecSink::new(&env);
    configure(
        &env,
        &format!(
            "[notify]\nmax_attempts = 2\nbackoff = \"1h\"\n\n{}[[notify.rules]]\non = \"created\"\nsink = \"log\"\n",
            sink.toml("log")
        ),
    );
    sink.down(true);
    env.incident("carol", "first outage");
    env.incident("carol", "second outage");
    // One attempt this run: one message failed once, the other was never tried.
    env.ok("admin", &["notify", "flush", "--limit", "1"]);
    let failed = list(&env, "--failed");
    assert_eq!(failed.len(), 1, "{failed:?}");
    assert_eq!(
        (failed[0]["state"].as_str(), failed[0]["retrying"].as_bool()),
        (Some("pending"), Some(true))
    );
    assert_eq!(failed[0]["attempts"], 1);
    let waiting = list(&env, "");
    assert_eq!(waiting.len(), 2);
    assert!(waiting
        .iter()
        .any(|m| m["attempts"] == 0 && m["retrying"] == false));
    let table = env.ok("admin", &["notify", "list"]);
    let state_of = |line: &str| line.split('\t').nth(1).unwrap_or_default().to_string();
    let mut states: Vec<String> = table.lines().map(state_of).collect();
    states.sort();
    assert_eq!(states, ["pending", "retrying"], "{table}");

    // The retrying one gives up: --failed tells the dead from the retrying.
    env.advance(chrono::Duration::hours(2));
    env.ok("admin", &["notify", "flush", "--limit", "2"]);
    let table = env.ok("admin", &["notify", "list", "--failed"]);
    let mut states: Vec<String> = table.lines().map(state_of).collect();
    states.sort();
    assert_eq!(states, ["dead", "retrying"], "{table}");
}

#[test]
fn nothing_is_lost_while_a_sink_is_down() {
    let env = TestEnv::with_examples();
    let sink = ExecSink::new(&env);
    configure(
        &env,
        &format!(
            "[notify]\nbackoff = \"1h\"\n\n{}[[notify.rules]]\non = \"created\"\nsink = \"log\"\n",
            sink.toml("log")
        ),
    );
    sink.down(true);
    let mut ids = Vec::new();
    for n in 0..3 {
        ids.push(env.incident("carol", &format!("outage {n}")));
    }
    let down = flush(&env);
    assert_eq!(down["failed"], 3, "{down}");
    // More events while it is down: routed and queued, not lost.
    for n in 3..5 {
        ids.push(env.incident("carol", &format!("outage {n}")));
    }
    assert_eq!(flush(&env)["failed"], 2);
    sink.down(false);
    env.advance(Minutes::hours(2));
    let up = flush(&env);
    assert_eq!(up["delivered"], 5, "{up}");
    let mut delivered: Vec<u64> = sink
        .received()
        .iter()
        .map(|m| m["ticket"]["id"].as_u64().unwrap())
        .collect();
    delivered.sort_unstable();
    assert_eq!(delivered, ids, "each ticket's creation exactly once");
}

#[test]
fn events_no_rule_matches_leave_nothing_behind() {
    let env = TestEnv::with_examples();
    // No [notify] at all: flush empties the outbox and makes no messages.
    for n in 0..3 {
        env.incident("carol", &format!("quiet {n}"));
    }
    let report = flush(&env);
    assert_eq!(
        (report["events"].as_u64(), report["created"].as_u64()),
        (Some(3), Some(0))
    );
    assert_eq!(report["unmatched"], 3);
    assert_eq!(report["backlog"], 0);
    assert_eq!(flush(&env)["events"], 0, "the outbox is empty");
    assert!(list(&env, "--all").is_empty());

    // With a rule that does not match these events, the same.
    let sink = ExecSink::new(&env);
    configure(&env, &format!("{}{PEOPLE_RULES}", sink.toml("log")));
    let id = env.incident("carol", "noise");
    env.ok("admin", &["ticket", "comment", &id.to_string(), "-m", "internal"]);
    let report = flush(&env);
    assert_eq!(
        (report["events"].as_u64(), report["unmatched"].as_u64()),
        (Some(2), Some(2))
    );
    assert_eq!(flush(&env)["events"], 0);
}

#[test]
fn a_dry_run_shows_the_plan_and_changes_nothing() {
    let env = TestEnv::with_examples();
    let sink = ExecSink::new(&env);
    configure(&env, &format!("{}{PEOPLE_RULES}", sink.toml("log")));
    let id = env.incident("carol", "Printer on fire");
    env.ok("dave", &["ticket", "assign", &id.to_string(), "--to", "erin"]);
    let plan = env.json("admin", &["notify", "flush", "--dry-run"]);
    assert_eq!(plan["dry_run"], true);
    assert_eq!(plan["created"], 1);
    assert_eq!(plan["messages"][0]["recipient"], "erin");
    let text = env.ok("admin", &["notify", "flush", "--dry-run"]);
    assert!(
        text.contains("would send") && text.contains("assigned → erin via log"),
        "{text}"
    );
    assert!(sink.received().is_empty());
    assert_eq!(flush(&env)["delivered"], 1, "the dry run consumed nothing");
}

#[test]
fn the_nth_occurrence_of_a_deduplicated_problem_notifies_once() {
    let env = TestEnv::with_examples();
    let sink = ExecSink::new(&env);
    configure(
        &env,
        &format!(
            "[notify]\noccurrence_thresholds = [3, 5]\n\n{}[[notify.rules]]\non = \"occurrence_threshold\"\nsink = \"log\"\n",
            sink.toml("log")
        ),
    );
    env.ok("admin", &["requester", "add", "ci", "--tier", "internal"]);
    for _ in 0..4 {
        env.ok(
            "ci",
            &[
                "ticket",
                "new",
                "--type",
                "ci-failure",
                "--title",
                "main is red",
                "-f",
                "repo=acme/shop",
                "-f",
                "job=test",
                "--dedup-key",
                "ci:shop:test",
            ],
        );
    }
    flush(&env);
    let received = sink.received();
    assert_eq!(received.len(), 1, "{received:?}");
    assert_eq!(received[0]["on"], "occurrence_threshold");
    assert!(
        received[0]["subject"]
            .as_str()
            .unwrap()
            .contains("reported 3 times"),
        "{}",
        received[0]["subject"]
    );
}

#[test]
fn an_archived_tickets_events_are_still_delivered() {
    let env = TestEnv::with_examples();
    let sink = ExecSink::new(&env);
    configure(&env, &format!("{}{PEOPLE_RULES}", sink.toml("log")));
    flush(&env); // rules exist: from now on the outbox outlives archiving
    let id = env.incident("carol", "Old news");
    env.ok("admin", &["ticket", "close", &id.to_string()]);
    env.advance(Minutes::days(8));
    env.incident("carol", "a write that archives the old ticket");
    assert_eq!(env.show(id)["archived"], true);
    flush(&env);
    let closed: Vec<Value> = sink
        .received()
        .into_iter()
        .filter(|m| m["on"] == "closed")
        .collect();
    assert_eq!(closed.len(), 1);
    assert_eq!(closed[0]["ticket"]["archived"], true);
    assert_eq!(closed[0]["recipient"]["name"], "carol");
}

#[test]
fn flush_runs_safely_beside_other_desk_commands() {
    let env = TestEnv::with_examples();
    let sink = ExecSink::new(&env);
    configure(
        &env,
        &format!(
            "{}[[notify.rules]]\non = \"created\"\nsink = \"log\"\n",
            sink.toml("log")
        ),
    );
    let spawn = |args: &[&str]| {
        Command::new(assert_cmd::cargo::cargo_bin("desk"))
            .env_clear()
            .env("DESK_HOME", env.home())
            .env("DESK_USER", "admin")
            .env("HOME", env.path())
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn desk")
    };
    let mut children = Vec::new();
    for n in 0..12 {
        let title = format!("busy {n}");
        children.push(spawn(&[
            "ticket",
            "new",
            "--type",
            "incident",
            "--title",
            &title,
            "-f",
            "service=api",
            "-q",
        ]));
        if n % 3 == 0 {
            children.push(spawn(&["notify", "flush", "-q"]));
        }
    }
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    spawn(&["notify", "flush", "-q"]).wait_with_output().unwrap();
    let mut ids: Vec<u64> = sink
        .received()
        .iter()
        .map(|m| m["ticket"]["id"].as_u64().unwrap())
        .collect();
    ids.sort_unstable();
    assert_eq!(
        ids,
        (1..=12).collect::<Vec<u64>>(),
        "every creation notified exactly once"
    );
}

/// A server on a loopback port for up to `max` connections, handing each to `session`
/// and keeping what it returns. It stops by itself after `max` sessions or 60 s.
struct Loopback<T> {
    port: u16,
    seen: Arc<Mutex<Vec<T>>>,
    thread: JoinHandle<()>,
}

impl<T: Send + 'static> Loopback<T> {
    fn start(max: usize, session: impl Fn(TcpStream) -> Option<T> + Send + 'static) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let port = listener.local_addr().unwrap().port();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let record = Arc::clone(&seen);
        let thread = thread::spawn(move || {
            let deadline = Instant::now() + Duration::from_secs(60);
            let mut served = 0;
            while served < max && Instant::now() < deadline {
                match listener.accept() {
                    Ok((stream, _)) => {
                        served += 1;
                        let _ = stream.set_nonblocking(false);
                        let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
                        if let Some(item) = session(stream) {
                            record.lock().unwrap().push(item);
                        }
                    }
                    Err(_) => thread::sleep(Duration::from_millis(10)),
                }
            }
        });
        Loopback { port, seen, thread }
    }

    /// Wait for the server to stop; what every session returned.
    fn finish(self) -> Vec<T> {
        self.thread.join().unwrap();
        std::mem::take(&mut *self.seen.lock().unwrap())
    }
}

/// One HTTP request: answer with what `respond` picks for the path; returns (path, body).
fn answer_http(stream: TcpStream, respond: fn(&str) -> String) -> Option<(String, Value)> {
    let mut reader = BufReader::new(stream.try_clone().ok()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line).ok()?;
    let path = request_line.split_whitespace().nth(1)?.to_string();
    let mut length = 0;
    loop {
        let mut header = String::new();
        reader.read_line(&mut header).ok()?;
        if header.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().ok()?;
            }
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    let answer = respond(&path);
    let mut stream = stream;
    write!(
        stream,
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{answer}",
        answer.len()
    )
    .ok()?;
    Some((path, serde_json::from_slice(&body).ok()?))
}

#[test]
fn webhooks_post_each_bots_documented_shape() {
    fn respond(path: &str) -> String {
        match path {
            "/feishu-strict" => r#"{"code":19024,"msg":"Key Words Not Found"}"#.to_string(),
            "/feishu" | "/bob-feishu" => r#"{"code":0,"msg":"success"}"#.to_string(),
            "/dingtalk" | "/wecom" => r#"{"errcode":0,"errmsg":"ok"}"#.to_string(),
            _ => "ok".to_string(),
        }
    }
    let server = Loopback::start(7, move |stream| answer_http(stream, respond));
    let port = server.port;
    let env = TestEnv::with_examples();
    let base = format!("http://127.0.0.1:{port}");
    let mut toml = String::from("[notify]\nmax_attempts = 2\n\n");
    for (name, format, path) in [
        ("slack", "slack", "/slack"),
        ("feishu", "feishu", "/feishu"),
        ("dingtalk", "dingtalk", "/dingtalk"),
        ("wecom", "wecom", "/wecom"),
        ("hook", "json", "/json"),
        ("strict", "feishu", "/feishu-strict"),
    ] {
        toml.push_str(&format!(
            "[[notify.sinks]]\nname = \"{name}\"\nkind = \"webhook\"\nformat = \"{format}\"\nurl = \"{base}{path}\"\n\n[[notify.rules]]\non = \"closed\"\nsink = \"{name}\"\n\n"
        ));
    }
    // bob has a Feishu bot of his own: assignments reach him there, not the group.
    toml.push_str("[[notify.rules]]\non = \"assigned\"\nsink = \"feishu\"\nto = \"assignee\"\n");
    configure(&env, &toml);
    env.ok(
        "admin",
        &[
            "agent",
            "set",
            "bob",
            "--contact",
            &format!("feishu={base}/bob-feishu"),
        ],
    );

    let id = env.incident("carol", "Checkout 502");
    env.ok("dave", &["ticket", "assign", &id.to_string(), "--to", "bob"]);
    env.ok("admin", &["ticket", "close", &id.to_string()]);
    let report = flush(&env);
    assert_eq!(
        (report["delivered"].as_u64(), report["failed"].as_u64()),
        (Some(6), Some(1)),
        "{report}"
    );
    let seen = server.finish();
    let body = |path: &str| {
        seen.iter()
            .find(|(p, _)| p == path)
            .map(|(_, body)| body.clone())
            .unwrap_or_else(|| panic!("nothing posted to {path}: {seen:?}"))
    };
    let text = "[INC-1] closed: Checkout 502\nINC-1 (Checkout 502) was closed by admin.";
    // https://api.slack.com/messaging/webhooks
    assert_eq!(body("/slack"), serde_json::json!({ "text": text }));
    // Feishu/Lark custom bot
    assert_eq!(
        body("/feishu"),
        serde_json::json!({ "msg_type": "text", "content": { "text": text } })
    );
    // DingTalk custom robot and WeCom group robot
    assert_eq!(
        body("/dingtalk"),
        serde_json::json!({ "msgtype": "text", "text": { "content": text } })
    );
    assert_eq!(body("/wecom"), body("/dingtalk"));
    // json: the whole message document
    let document = body("/json");
    assert_eq!(document["on"], "closed");
    assert_eq!(document["ticket"]["key"], "INC-1");
    assert_eq!(document["recipient"], Value::Null);
    let personal = body("/bob-feishu");
    assert!(
        personal["content"]["text"]
            .as_str()
            .unwrap()
            .starts_with("[INC-1] assigned to bob"),
        "{personal}"
    );

    // The bot that answered HTTP 200 with a refusal counts as a failure, with its reason.
    let pending = list(&env, "--pending");
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0]["sink"], "strict");
    assert_eq!(
        pending[0]["last_error"],
        "the bot refused the message: code 19024: Key Words Not Found"
    );
}

/// One SMTP session, enough for lettre: returns the envelope recipients and the data.
fn smtp_session(stream: TcpStream) -> Option<(Vec<String>, String)> {
    let mut reader = BufReader::new(stream.try_clone().ok()?);
    let mut out = stream;
    let mut recipients = Vec::new();
    let mut data = String::new();
    out.write_all(b"220 localhost test SMTP\r\n").ok()?;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            break;
        }
        let command = line.trim_end().to_ascii_uppercase();
        if command.starts_with("EHLO") || command.starts_with("HELO") {
            out.write_all(b"250 localhost\r\n").ok()?;
        } else if command.starts_with("RCPT TO:") {
            recipients.push(line.trim_end()[8..].trim().trim_matches(['<', '>']).to_string());
            out.write_all(b"250 OK\r\n").ok()?;
        } else if command == "DATA" {
            out.write_all(b"354 end with .\r\n").ok()?;
            loop {
                let mut body_line = String::new();
                if reader.read_line(&mut body_line).ok()? == 0 || body_line == ".\r\n" {
                    break;
                }
                data.push_str(&body_line);
            }
            out.write_all(b"250 OK queued\r\n").ok()?;
        } else if command == "QUIT" {
            out.write_all(b"221 bye\r\n").ok()?;
            break;
        } else {
            out.write_all(b"250 OK\r\n").ok()?;
        }
    }
    Some((recipients, data))
}

#[test]
fn email_goes_out_over_smtp_to_addresses_and_contacts() {
    let server = Loopback::start(2, smtp_session);
    let port = server.port;
    let env = TestEnv::with_examples();
    configure(
        &env,
        &format!(
            r#"
[[notify.sinks]]
name = "mail"
kind = "email"
host = "127.0.0.1"
port = {port}
tls = "none"
from = "Help desk <help@example.com>"

[[notify.rules]]
on = ["assigned"]
sink = "mail"
to = "assignee"

[[notify.rules]]
on = ["closed"]
sink = "mail"
to = "requester"
"#
        ),
    );
    // The requester wrote in by mail: their name is their address. Bob needs a contact.
    env.ok(
        "admin",
        &["agent", "set", "bob", "--contact", "email=bob@example.com"],
    );
    let out = env.json(
        "admin",
        &[
            "ticket",
            "new",
            "--type",
            "customer-complaint",
            "--title",
            "Charged twice",
            "--requester",
            "carol@example.com",
        ],
    );
    let id = out["id"].to_string();
    env.ok("dave", &["ticket", "assign", &id, "--to", "bob"]);
    env.ok("bob", &["ticket", "reply", &id, "-m", "Refunded"]);
    env.ok("bob", &["ticket", "close", &id]);
    let report = flush(&env);
    assert_eq!(report["delivered"], 2, "{report}");
    let seen = server.finish();
    assert_eq!(seen.len(), 2);
    let (to, data) = &seen[0];
    assert_eq!(to, &["bob@example.com"]);
    assert!(
        data.contains("Subject: [CS-1] assigned to bob: Charged twice"),
        "{data}"
    );
    assert!(
        data.contains("From: \"Help desk\" <help@example.com>")
            || data.contains("From: Help desk <help@example.com>"),
        "{data}"
    );
    let (to, data) = &seen[1];
    assert_eq!(to, &["carol@example.com"]);
    assert!(data.contains("Subject: [CS-1] closed: Charged twice"), "{data}");
    // (quoted-printable may fold the long line; this part stays whole)
    assert!(
        data.contains("How did we do?") && data.contains("rate CS-1 --score N"),
        "a CSAT request: {data}"
    );
}

#[test]
fn a_person_without_a_contact_is_reported_not_silently_skipped() {
    let env = TestEnv::with_examples();
    configure(
        &env,
        "[[notify.sinks]]\nname = \"mail\"\nkind = \"email\"\nhost = \"127.0.0.1\"\nfrom = \"desk@example.com\"\n\n[[notify.rules]]\non = \"assigned\"\nsink = \"mail\"\nto = \"assignee\"\n",
    );
    let id = env.incident("carol", "No address");
    env.ok("dave", &["ticket", "assign", &id.to_string(), "--to", "erin"]);
    let out = env.run("admin", &["notify", "flush"]);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("erin (assignee) has no contact for sink `mail`")
            && stderr.contains("desk agent set erin --contact email=ADDRESS"),
        "{stderr}"
    );
}

#[test]
fn contacts_are_set_by_admins_or_the_agent_and_by_agents_for_requesters() {
    let env = TestEnv::with_examples();
    env.ok(
        "admin",
        &[
            "agent",
            "set",
            "bob",
            "--contact",
            "email=bob@example.com",
            "--contact",
            "sms=+8613800000000",
        ],
    );
    // Bob may change his own contacts, not someone else's (nor his role).
    env.ok("bob", &["agent", "set", "bob", "--contact", "sms="]);
    env.fails(
        "bob",
        &["agent", "set", "erin", "--contact", "email=x@example.com"],
        4,
    );
    env.fails(
        "bob",
        &[
            "agent",
            "set",
            "bob",
            "--contact",
            "email=x@example.com",
            "--role",
            "admin",
        ],
        4,
    );
    let shown = env.ok("admin", &["agent", "show", "bob"]);
    assert!(
        shown.contains("contacts  email=bob@example.com") && !shown.contains("sms"),
        "{shown}"
    );
    env.fails(
        "admin",
        &["agent", "set", "bob", "--contact", "email=not-an-address"],
        5,
    );
    env.fails("admin", &["agent", "set", "bob", "--contact", "feishu=hook"], 5);
    env.fails("admin", &["agent", "set", "bob", "--contact", "nokey"], 5);

    env.ok("admin", &["requester", "add", "carol", "--tier", "vip"]);
    env.ok(
        "bob",
        &[
            "requester",
            "set",
            "carol",
            "--contact",
            "email=carol@example.com",
        ],
    );
    let shown = env.ok("bob", &["requester", "show", "carol"]);
    assert!(shown.contains("email=carol@example.com"), "{shown}");
    assert_eq!(
        env.json("bob", &["requester", "show", "carol"])["tier"],
        "vip",
        "the tier is unchanged"
    );
}

#[test]
fn sla_warnings_breaches_and_escalations_reach_the_assignee_and_the_leads() {
    let env = TestEnv::with_examples();
    let sink = ExecSink::new(&env);
    // A 24/7 policy with a one-hour first response, escalating to the leads.
    let path = env.home().join("config.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let (start, end) = (text.find("[sla]").unwrap(), text.find("[email]").unwrap());
    let sla = "[sla]\ndefault_policy = \"fast\"\nwarn = \"75%\"\n[sla.policies.fast]\n\
               first_response = { normal = \"1h\", high = \"1h\", urgent = \"1h\" }\n\
               escalation = { notify_lead = true }\n\n";
    std::fs::write(&path, format!("{}{sla}{}", &text[..start], &text[end..])).unwrap();
    configure(
        &env,
        &format!(
            "{}\n[[notify.rules]]\non = \"sla_warning\"\nsink = \"log\"\nto = \"assignee\"\n\n\
             [[notify.rules]]\non = \"sla_breach\"\nsink = \"log\"\nto = [\"assignee\", \"leads\"]\n\n\
             [[notify.rules]]\non = \"escalated\"\nsink = \"log\"\nto = \"leads\"\n",
            sink.toml("log")
        ),
    );
    let args = [
        "ticket",
        "new",
        "--type",
        "incident",
        "--title",
        "db slow",
        "-f",
        "service=db",
        "-p",
        "normal",
    ];
    let id = env.json("carol", &args)["id"].to_string();
    env.ok("dave", &["ticket", "assign", &id, "--to", "bob"]);
    env.advance(Minutes::hours(2));
    env.ok("admin", &["sla", "check"]);
    flush(&env);
    let received: Vec<(String, String)> = sink
        .received()
        .iter()
        .map(|m| {
            (
                m["on"].as_str().unwrap().to_string(),
                m["recipient"]["name"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let expected = [
        ("sla_warning", "bob"),
        ("sla_breach", "bob"),
        ("sla_breach", "dave"),
        ("escalated", "dave"),
    ];
    assert_eq!(
        received,
        expected.map(|(on, to)| (on.to_string(), to.to_string()))
    );
    let breach = &sink.received()[1];
    assert!(
        breach["subject"]
            .as_str()
            .unwrap()
            .starts_with("[INC-1] SLA breached (first response)"),
        "{breach}"
    );
    // A second check fires nothing new, so nothing more is sent.
    env.ok("admin", &["sla", "check"]);
    flush(&env);
    assert_eq!(sink.received().len(), 4);
}

#[test]
fn routings_reason_reaches_the_leads_but_never_the_requesters_side() {
    let env = TestEnv::with_examples();
    let sink = ExecSink::new(&env);
    configure(
        &env,
        &format!(
            "{}\n[[notify.rules]]\non = [\"assigned\"]\nsink = \"log\"\nto = [\"requester\", \"leads\"]\ntext = \"why: {{event.reason}}\"\n",
            sink.toml("log")
        ),
    );
    env.ok("admin", &["agent", "status", "bob", "online"]);
    let id = env.incident("carol", "VPN drops every hour");
    env.ok("admin", &["assign", "auto", &id.to_string()]);
    flush(&env);
    let received = sink.received();
    let to = |who: &str| {
        received
            .iter()
            .find(|m| m["recipient"]["name"] == who)
            .unwrap_or_else(|| panic!("nothing for {who}: {received:#?}"))
    };
    let carol = to("carol");
    assert_eq!(carol["text"], "why: ");
    assert!(carol["event"]["reason"].is_null(), "{carol:#}");
    let lead = to("dave");
    assert!(
        lead["text"].as_str().unwrap().starts_with("why: balanced: bob: "),
        "{lead:#}"
    );
    assert!(lead["event"]["reason"].is_string());
}
