//! `desk token` and `desk serve`: tokens made by admins and shown once, and the HTTP API
//! driven by a real HTTP client against the real server on a free port.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use serde_json::{json, Value};

use crate::common::TestEnv;

/// A `desk serve` on `env`'s home, on a free port, stopped when dropped.
pub(crate) struct Served {
    child: Child,
    /// `http://127.0.0.1:PORT`.
    pub(crate) base: String,
}

impl Served {
    pub(crate) fn start(env: &TestEnv, now: Option<&str>) -> Served {
        Self::start_with(env, now, &[])
    }

    /// [`Served::start`] with more `desk serve` flags.
    pub(crate) fn start_with(env: &TestEnv, now: Option<&str>, flags: &[&str]) -> Served {
        let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("desk"));
        cmd.env_clear()
            .env("DESK_HOME", env.home())
            .env("HOME", env.path())
            .args(["serve", "--listen", "127.0.0.1:0"])
            .args(flags)
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        // The server's clock is the test's (tokens expire by it).
        let now = now.map_or_else(|| env.now().to_rfc3339(), str::to_string);
        cmd.env("DESK_NOW", now);
        let mut child = cmd.spawn().expect("desk serve starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let base = line
            .trim()
            .strip_prefix("desk serve: listening on ")
            .unwrap_or_else(|| panic!("no address in {line:?}"))
            .to_string();
        Served { child, base }
    }

    pub(crate) fn call(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<&str>,
    ) -> (u16, Value) {
        self.try_call(method, path, token, body)
            .expect("the server answers")
    }

    /// [`Served::call`], None when the server does not answer (it stopped).
    pub(crate) fn try_call(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<&str>,
    ) -> Option<(u16, Value)> {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        let url = format!("{}{path}", self.base);
        let mut request = ureq::http::Request::builder()
            .method(method)
            .uri(&url)
            .header("Content-Type", "application/json");
        if let Some(token) = token {
            request = request.header("Authorization", format!("Bearer {token}"));
        }
        let mut response = agent
            .run(request.body(body.unwrap_or_default().to_string()).unwrap())
            .ok()?;
        let status = response.status().as_u16();
        let text = response.body_mut().read_to_string().ok()?;
        let value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{status}: {text:?}: {e}"));
        Some((status, value))
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub(crate) fn token(env: &TestEnv, args: &[&str]) -> String {
    let mut all = vec!["token", "create"];
    all.extend_from_slice(args);
    all.push("-q");
    env.ok("admin", &all).trim().to_string()
}

fn ticket_count(env: &TestEnv) -> usize {
    env.all_tickets().len()
}

#[test]
fn tokens_are_made_by_admins_shown_once_and_revoked() {
    let env = TestEnv::with_examples();
    let error = env.fails(
        "bob",
        &["token", "create", "--user", "bob", "--scope", "ticket:new"],
        4,
    );
    assert!(error.contains("only admins make tokens"), "{error}");
    let error = env.fails(
        "admin",
        &["token", "create", "--user", "nobody", "--scope", "ticket:new"],
        3,
    );
    assert!(error.contains("nobody"), "{error}");
    let error = env.fails(
        "admin",
        &["token", "create", "--user", "bob", "--scope", "ticket:delete"],
        5,
    );
    assert!(error.contains("unknown scope `ticket:delete`"), "{error}");
    let error = env.fails(
        "admin",
        &[
            "token",
            "create",
            "--user",
            "bob",
            "--scope",
            "ticket:new",
            "--type",
            "nosuch",
        ],
        3,
    );
    assert!(error.contains("nosuch"), "{error}");
    assert_eq!(
        env.json("admin", &["token", "list"]),
        json!([]),
        "nothing was written"
    );

    let made = env.json(
        "admin",
        &[
            "token",
            "create",
            "--user",
            "bob",
            "--scope",
            "ticket:new,ticket:read",
            "--expires",
            "30d",
        ],
    );
    let secret = made["token"].as_str().unwrap();
    assert!(secret.starts_with("desk_") && secret.len() == 69, "{made}");
    assert_eq!(made["name"], "bob");
    assert_eq!(made["scopes"], json!(["ticket:new", "ticket:read"]));
    // A second one for the same user gets its own name; names are unique.
    assert_eq!(
        token(&env, &["--user", "bob", "--scope", "ticket:read"]).len(),
        69
    );
    env.fails(
        "admin",
        &[
            "token",
            "create",
            "--user",
            "bob",
            "--scope",
            "ticket:read",
            "--name",
            "bob",
        ],
        6,
    );
    let listed = env.json("admin", &["token", "list"]);
    let names: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["bob", "bob-2"]);
    // The secret is never shown again, nor kept: only its hash is in the store.
    assert!(!listed.to_string().contains(secret), "{listed}");
    assert!(listed[0].get("token").is_none());
    env.fails("bob", &["token", "list"], 4);

    env.ok("admin", &["token", "revoke", "bob"]);
    assert_eq!(env.json("admin", &["token", "list"])[0]["state"], "revoked");
    env.fails("admin", &["token", "revoke", "nosuch"], 3);
}

#[test]
fn a_token_files_and_reads_within_its_scopes_and_type_and_nothing_else() {
    let env = TestEnv::with_examples();
    env.ok("admin", &["agent", "add", "ci-bot"]);
    let ci = token(
        &env,
        &["--user", "ci-bot", "--scope", "ticket:new", "--type", "incident"],
    );
    let reader = token(
        &env,
        &["--user", "ci-bot", "--scope", "ticket:read", "--name", "reader"],
    );
    let served = Served::start(&env, None);
    assert_eq!(
        served.call("GET", "/api/v1/health", None, None),
        (200, json!({"status": "ok", "version": env!("CARGO_PKG_VERSION")}))
    );

    let submission = r#"{"type": "incident", "title": "main is red", "fields": {"service": "ci"}}"#;
    let (status, filed) = served.call("POST", "/api/v1/tickets", Some(&ci), Some(submission));
    assert_eq!(status, 201, "{filed}");
    let id = filed["id"].as_u64().unwrap();
    // The same ticket the CLI files: its rules, its events, the API as its channel.
    let shown = env.show(id);
    assert_eq!(
        (shown["title"].as_str(), shown["channel"].as_str()),
        (Some("main is red"), Some("api"))
    );
    assert_eq!(shown["requester"], "ci-bot");
    assert_eq!(env.events(id)[0]["actor"], "ci-bot");
    assert_eq!(env.events(id)[0]["token"], "ci-bot", "events name the token");

    let (status, read) = served.call("GET", &format!("/api/v1/tickets/{id}"), Some(&reader), None);
    assert_eq!((status, read["title"].as_str()), (200, Some("main is red")));

    // Outside a token's scopes or type: 403, the CLI's exit code named, nothing written.
    let before = ticket_count(&env);
    let (status, refused) = served.call("POST", "/api/v1/tickets", Some(&reader), Some(submission));
    assert_eq!(status, 403);
    assert_eq!(
        (
            refused["error"]["code"].as_str(),
            refused["error"]["exit"].as_u64()
        ),
        (Some("denied"), Some(4))
    );
    assert!(
        refused["error"]["message"]
            .as_str()
            .unwrap()
            .contains("ticket:new"),
        "{refused}"
    );
    let other_type = r#"{"type": "access-request", "title": "let me in", "fields": {"system": "vpn"}}"#;
    let (status, refused) = served.call("POST", "/api/v1/tickets", Some(&ci), Some(other_type));
    assert_eq!(status, 403, "{refused}");
    let (status, _) = served.call("GET", &format!("/api/v1/tickets/{id}"), Some(&ci), None);
    assert_eq!(status, 403);
    // The CLI's validation, with its exit code: a missing required field.
    let (status, invalid) = served.call(
        "POST",
        "/api/v1/tickets",
        Some(&ci),
        Some(r#"{"type": "incident", "title": "x"}"#),
    );
    assert_eq!(
        (status, invalid["error"]["exit"].as_u64()),
        (400, Some(5)),
        "{invalid}"
    );
    assert_eq!(ticket_count(&env), before, "nothing was written");

    // No token, a wrong one, a revoked one: 401.
    assert_eq!(
        served.call("POST", "/api/v1/tickets", None, Some(submission)).0,
        401
    );
    assert_eq!(
        served
            .call("POST", "/api/v1/tickets", Some("desk_0000"), Some(submission))
            .0,
        401
    );
    env.ok("admin", &["token", "revoke", "reader"]);
    let (status, revoked) = served.call("GET", &format!("/api/v1/tickets/{id}"), Some(&reader), None);
    assert_eq!(status, 401);
    assert!(
        revoked["error"]["message"].as_str().unwrap().contains("revoked"),
        "{revoked}"
    );
    // Malformed and oversized bodies, unknown endpoints.
    assert_eq!(
        served
            .call("POST", "/api/v1/tickets", Some(&ci), Some("{not json"))
            .0,
        400
    );
    // A move takes a small body (1 MiB); filing, replying and command lines carry files
    // and take up to 64 MiB, limited again by [attachments].
    let huge = format!(r#"{{"message": "{}"}}"#, "x".repeat(2 * 1024 * 1024));
    assert_eq!(
        served
            .call("POST", "/api/v1/tickets/1/claim", Some(&ci), Some(&huge))
            .0,
        413
    );
    assert_eq!(served.call("GET", "/api/v1/nothing", Some(&ci), None).0, 404);
    assert_eq!(ticket_count(&env), before, "nothing was written");
}

#[test]
fn a_requesters_token_sees_only_what_the_requester_may() {
    let env = TestEnv::with_examples();
    let theirs = env.incident("carol", "carol's outage");
    env.ok("admin", &["requester", "add", "vera"]);
    let vera = token(&env, &["--user", "vera", "--scope", "ticket:new,ticket:read"]);
    let served = Served::start(&env, None);
    let (status, _) = served.call("GET", &format!("/api/v1/tickets/{theirs}"), Some(&vera), None);
    assert_eq!(status, 403, "another requester's ticket");
    let (status, filed) = served.call(
        "POST",
        "/api/v1/tickets",
        Some(&vera),
        Some(r#"{"type": "incident", "title": "mine", "fields": {"service": "vpn"}}"#),
    );
    assert_eq!(status, 201, "{filed}");
    let mine = filed["id"].as_u64().unwrap();
    env.ok(
        "bob",
        &[
            "ticket",
            "comment",
            &mine.to_string(),
            "-m",
            "internal: looks like the firewall",
        ],
    );
    let (status, shown) = served.call("GET", &format!("/api/v1/tickets/{mine}"), Some(&vera), None);
    assert_eq!(status, 200);
    assert!(
        !shown.to_string().contains("firewall"),
        "internal notes stay internal: {shown}"
    );
}

#[test]
fn an_expired_token_is_refused() {
    let env = TestEnv::with_examples();
    env.ok("admin", &["agent", "add", "ci-bot"]);
    let ci = token(
        &env,
        &["--user", "ci-bot", "--scope", "ticket:new", "--expires", "1h"],
    );
    let later = (env.now() + chrono::Duration::hours(2)).to_rfc3339();
    let served = Served::start(&env, Some(&later));
    let (status, expired) = served.call(
        "POST",
        "/api/v1/tickets",
        Some(&ci),
        Some(r#"{"type": "incident", "title": "x", "fields": {"service": "ci"}}"#),
    );
    assert_eq!(status, 401);
    assert!(
        expired["error"]["message"].as_str().unwrap().contains("expired"),
        "{expired}"
    );
}

#[test]
fn concurrent_clients_lose_nothing() {
    let env = TestEnv::with_examples();
    env.ok("admin", &["agent", "add", "ci-bot"]);
    let ci = token(&env, &["--user", "ci-bot", "--scope", "ticket:new"]);
    let served = Served::start(&env, None);
    let ids: Vec<u64> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..32)
            .map(|n| {
                let (served, ci) = (&served, &ci);
                scope.spawn(move || {
                    let body = format!(
                        r#"{{"type": "incident", "title": "at once {n}", "fields": {{"service": "ci"}}}}"#
                    );
                    let (status, filed) = served.call("POST", "/api/v1/tickets", Some(ci), Some(&body));
                    assert_eq!(status, 201, "{filed}");
                    filed["id"].as_u64().unwrap()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let distinct: std::collections::BTreeSet<u64> = ids.iter().copied().collect();
    assert_eq!(distinct.len(), 32, "{ids:?}");
    assert_eq!(ticket_count(&env), 32);
}

#[test]
fn sigterm_stops_the_server_after_the_requests_it_is_answering_and_loses_no_write() {
    let env = TestEnv::with_examples();
    env.ok("admin", &["agent", "add", "ci-bot"]);
    let ci = token(&env, &["--user", "ci-bot", "--scope", "ticket:new"]);
    let mut served = Served::start(&env, None);
    let answered: Vec<u64> = std::thread::scope(|scope| {
        let clients: Vec<_> = (0..4)
            .map(|n| {
                let (served, ci) = (&served, &ci);
                scope.spawn(move || {
                    let mut ids = Vec::new();
                    for i in 0..200 {
                        let body = format!(r#"{{"type": "incident", "title": "load {n}.{i}", "fields": {{"service": "ci"}}}}"#);
                        match served.try_call("POST", "/api/v1/tickets", Some(ci), Some(&body)) {
                            Some((201, filed)) => ids.push(filed["id"].as_u64().unwrap()),
                            Some((status, other)) => panic!("{status}: {other}"),
                            None => break,
                        }
                    }
                    ids
                })
            })
            .collect();
        std::thread::sleep(std::time::Duration::from_millis(400));
        let pid = served.child.id().to_string();
        assert!(Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .unwrap()
            .success());
        clients.into_iter().flat_map(|c| c.join().unwrap()).collect()
    });
    let status = served.child.wait().unwrap();
    assert!(status.success(), "exits 0 on SIGTERM: {status:?}");
    assert!(!answered.is_empty());
    // Every 201 the clients got is a ticket in the store, and nothing else is.
    let stored: std::collections::BTreeSet<u64> = env
        .all_tickets()
        .iter()
        .map(|t| t["id"].as_u64().unwrap())
        .collect();
    let answered: std::collections::BTreeSet<u64> = answered.into_iter().collect();
    assert_eq!(stored, answered);
}

#[test]
fn a_client_that_sends_its_body_slowly_gets_408_and_holds_no_worker() {
    use std::io::{Read, Write};
    let env = TestEnv::with_examples();
    let served = Served::start_with(&env, None, &["--threads", "1", "--body-timeout", "1s"]);
    let address = served.base.trim_start_matches("http://").to_string();
    // Headers, then 10 of the 100000 bytes promised, then nothing. (tiny_http reads
    // headers and small bodies on its own connection threads, never a worker.)
    let mut slow = std::net::TcpStream::connect(&address).unwrap();
    slow.write_all(
        b"POST /api/v1/tickets HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer desk_x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{\"type\": \"",
    )
    .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(200));
    // The one worker is free again for others once the body's time is up.
    assert_eq!(served.call("GET", "/api/v1/health", None, None).0, 200);
    // The slow client hears 408 when it finally stops.
    slow.shutdown(std::net::Shutdown::Write).unwrap();
    slow.set_read_timeout(Some(std::time::Duration::from_secs(20)))
        .unwrap();
    let mut answer = String::new();
    let _ = slow.read_to_string(&mut answer);
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer:?}");
    assert!(env.all_tickets().is_empty());
}
