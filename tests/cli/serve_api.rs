//! Every endpoint of `desk serve`'s JSON API, and `desk` itself as the API's client
//! (`DESK_URL` + `DESK_TOKEN`): the same commands, rules, output and exit codes as on
//! the desk's host, as the token's user.

use std::process::Output;

use base64::Engine;
use serde_json::{json, Value};

use crate::common::TestEnv;
use crate::serve::{token, Served};

const BASE64: base64::engine::GeneralPurpose = base64::engine::general_purpose::STANDARD;

fn all_scopes(env: &TestEnv, user: &str) -> String {
    token(
        env,
        &[
            "--user",
            user,
            "--scope",
            "ticket:new,ticket:read,ticket:write,report:read",
            "--name",
            user,
        ],
    )
}

fn kinds_and_tokens(env: &TestEnv, id: u64) -> Vec<(String, String)> {
    env.events(id)
        .iter()
        .map(|e| {
            (
                e["kind"].as_str().unwrap_or_default().to_string(),
                e["token"].as_str().unwrap_or("-").to_string(),
            )
        })
        .collect()
}

#[test]
fn every_endpoint_runs_its_command_as_the_tokens_user() {
    let env = TestEnv::with_examples();
    env.ok("admin", &["requester", "add", "carol"]);
    let (bob, carol) = (all_scopes(&env, "bob"), all_scopes(&env, "carol"));
    let read_only = token(&env, &["--user", "bob", "--scope", "ticket:read", "--name", "ro"]);
    let served = Served::start(&env, None);

    // Filing, with a file in the body.
    let submission = json!({
        "type": "incident", "title": "VPN drops hourly", "fields": {"service": "vpn"},
        "attachments": [{"name": "trace.txt", "content_base64": BASE64.encode("hop 3 lost")}],
    });
    let (status, filed) = served.call(
        "POST",
        "/api/v1/tickets",
        Some(&carol),
        Some(&submission.to_string()),
    );
    assert_eq!(status, 201, "{filed}");
    let id = filed["id"].as_u64().unwrap();
    let shown = env.show(id);
    assert_eq!(shown["requester"], "carol");
    assert_eq!(shown["attachments"][0]["name"], "trace.txt", "{shown}");

    // The queue, with its filters as query parameters.
    let (status, listed) = served.call(
        "GET",
        "/api/v1/tickets?status=unclaimed&type=incident",
        Some(&bob),
        None,
    );
    assert_eq!(status, 200, "{listed}");
    assert!(
        listed.as_array().unwrap().iter().any(|t| t["id"] == id),
        "{listed}"
    );
    let (status, unknown) = served.call("GET", "/api/v1/tickets?colour=red", Some(&bob), None);
    assert_eq!(
        (status, unknown["error"]["exit"].as_u64()),
        (400, Some(5)),
        "{unknown}"
    );

    // A token without ticket:write moves nothing.
    let (status, refused) = served.call(
        "POST",
        &format!("/api/v1/tickets/{id}/claim"),
        Some(&read_only),
        Some(""),
    );
    assert_eq!(
        (status, refused["error"]["code"].as_str()),
        (403, Some("denied")),
        "{refused}"
    );
    assert_eq!(env.status(id), "unclaimed");

    let post = |token: &str, verb: &str, body: Value| {
        served.call(
            "POST",
            &format!("/api/v1/tickets/{id}/{verb}"),
            Some(token),
            Some(&body.to_string()),
        )
    };
    let (status, claimed) = post(&bob, "claim", json!({}));
    assert_eq!(
        (status, claimed["status"].as_str()),
        (200, Some("pending")),
        "{claimed}"
    );
    let (status, _) = post(&bob, "comment", json!({"message": "internal: the ISP again"}));
    assert_eq!(status, 200);
    let reply = json!({"message": "try now", "attachments": [{"name": "fix.txt", "content_base64": BASE64.encode("mtu 1400")}]});
    let (status, replied) = post(&bob, "reply", reply);
    assert_eq!(
        (status, replied["status"].as_str()),
        (200, Some("awaiting")),
        "{replied}"
    );
    // A body that leaves out what the command needs: clap's message, whole.
    let (status, missing) = post(&bob, "reply", json!({}));
    assert_eq!(status, 400, "{missing}");
    assert!(
        missing["error"]["details"].to_string().contains("--message"),
        "{missing}"
    );
    // The lifecycle's rules answer as on the command line: bob is no lead.
    let (status, refused) = post(&bob, "assign", json!({"to": "dave"}));
    assert_eq!(
        (status, refused["error"]["exit"].as_u64()),
        (403, Some(4)),
        "{refused}"
    );
    let (status, refused) = post(&bob, "rate", json!({"score": 5}));
    assert!(matches!(status, 403 | 409), "{status} {refused}");

    // The requester sees the reply and not the internal note, then confirms and rates.
    let (status, seen) = served.call("GET", &format!("/api/v1/tickets/{id}/log"), Some(&carol), None);
    assert_eq!(status, 200, "{seen}");
    let text = seen.to_string();
    assert!(
        text.contains("try now") && !text.contains("the ISP again"),
        "{text}"
    );
    let (status, confirmed) = post(&carol, "confirm", json!({}));
    assert_eq!(
        (status, confirmed["status"].as_str()),
        (200, Some("closed")),
        "{confirmed}"
    );
    // Internal tickets are not rated: the CLI's rule, the CLI's exit code.
    let (status, refused) = post(&carol, "rate", json!({"score": 5}));
    assert_eq!(
        (status, refused["error"]["exit"].as_u64()),
        (403, Some(4)),
        "{refused}"
    );

    // Reopen, transfer, close.
    let (status, reopened) = post(&bob, "reopen", json!({}));
    assert_eq!(
        (status, reopened["status"].as_str()),
        (200, Some("pending")),
        "{reopened}"
    );
    let (status, moved) = post(
        &bob,
        "transfer",
        json!({"to": "dave", "message": "dave owns VPN"}),
    );
    assert_eq!(
        (status, moved["assignee"].as_str()),
        (200, Some("dave")),
        "{moved}"
    );
    let admin = all_scopes(&env, "admin");
    let (status, closed) = post(&admin, "close", json!({}));
    assert_eq!(
        (status, closed["status"].as_str()),
        (200, Some("closed")),
        "{closed}"
    );

    // A customer's complaint: the handler closes it after replying, the customer rates.
    let complaint = json!({"type": "customer-complaint", "title": "charged twice"}).to_string();
    let (status, filed) = served.call("POST", "/api/v1/tickets", Some(&carol), Some(&complaint));
    assert_eq!(status, 201, "{filed}");
    let cs = filed["id"].as_u64().unwrap();
    let on_cs = |token: &str, verb: &str, body: Value| {
        served.call(
            "POST",
            &format!("/api/v1/tickets/{cs}/{verb}"),
            Some(token),
            Some(&body.to_string()),
        )
    };
    assert_eq!(on_cs(&bob, "claim", json!({})).0, 200);
    assert_eq!(on_cs(&bob, "reply", json!({"message": "refunded"})).0, 200);
    assert_eq!(on_cs(&bob, "close", json!({})).0, 200);
    let (status, bad) = on_cs(&carol, "rate", json!({"score": 9}));
    assert_eq!((status, bad["error"]["exit"].as_u64()), (400, Some(5)), "{bad}");
    let (status, rated) = on_cs(&carol, "rate", json!({"score": 5, "message": "quick"}));
    assert_eq!(status, 200, "{rated}");
    assert_eq!(env.show(cs)["rating"], 5);

    // Search and report.
    let (status, found) = served.call("GET", "/api/v1/search?q=VPN%20drops&limit=5", Some(&bob), None);
    assert_eq!(status, 200, "{found}");
    assert!(found.to_string().contains("VPN drops hourly"), "{found}");
    let (status, report) = served.call("GET", "/api/v1/report?since=30d&by=type", Some(&bob), None);
    assert_eq!(status, 200, "{report}");
    assert!(
        report.get("tickets").is_some() || report.get("groups").is_some(),
        "{report}"
    );
    let (status, _) = served.call("GET", "/api/v1/report", Some(&read_only), None);
    assert_eq!(status, 403, "report:read is its own scope");

    // Every event names the token it came through.
    let events = kinds_and_tokens(&env, id);
    assert!(events.iter().all(|(_, token)| token != "-"), "{events:?}");
    assert!(
        events.contains(&("confirmed".into(), "carol".into())),
        "{events:?}"
    );

    // The wrong method on a known path, an unknown verb.
    assert_eq!(
        served
            .call("DELETE", &format!("/api/v1/tickets/{id}"), Some(&bob), None)
            .0,
        405
    );
    assert_eq!(post(&bob, "explode", json!({})).0, 404);
}

/// `desk ARGS` as a client of `served` with `secret`, from a directory with no desk home.
fn remote(env: &TestEnv, served: &Served, secret: &str, args: &[&str], stdin: &str) -> Output {
    use std::io::Write;
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("desk"))
        .env_clear()
        .env("DESK_URL", &served.base)
        .env("DESK_TOKEN", secret)
        .env("DESK_HOME", env.path().join("no-home-here"))
        .env("HOME", env.path())
        .env("NO_COLOR", "1")
        .current_dir(env.path())
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("desk runs");
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

/// `desk ARGS` on the home itself as `user`, at the server's time.
fn local(env: &TestEnv, user: &str, at: &str, args: &[&str]) -> Output {
    env.desk(user).env("DESK_NOW", at).args(args).output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn desk_with_desk_url_runs_there_and_prints_what_it_prints_on_the_host() {
    let env = TestEnv::with_examples();
    env.ok("admin", &["requester", "add", "carol"]);
    let first = env.incident("carol", "Printer on fire");
    env.ok("bob", &["ticket", "claim", &first.to_string()]);
    let bob = all_scopes(&env, "bob");
    let at = env.now().to_rfc3339();
    let served = Served::start(&env, Some(&at));

    // Output, and exit codes, the same as on the desk's host.
    for args in [
        vec!["ticket", "list"],
        vec!["ticket", "list", "--json"],
        vec!["ticket", "show", "1"],
        vec!["ticket", "show", "1", "--json"],
        vec!["report", "--by", "type"],
        vec!["ticket", "show", "99"],
        vec!["ticket", "list", "--status", "sideways"],
    ] {
        let (here, there) = (
            local(&env, "bob", &at, &args),
            remote(&env, &served, &bob, &args, ""),
        );
        assert_eq!(text(&there.stdout), text(&here.stdout), "stdout of {args:?}");
        assert_eq!(text(&there.stderr), text(&here.stderr), "stderr of {args:?}");
        assert_eq!(there.status.code(), here.status.code(), "exit of {args:?}");
    }

    // Files and standard input are the client's; a file the command writes lands here.
    std::fs::write(env.path().join("trace.txt"), "hop 3 lost").unwrap();
    let out = remote(
        &env,
        &served,
        &bob,
        &[
            "ticket",
            "new",
            "-t",
            "incident",
            "--title",
            "CI red",
            "-f",
            "service=ci",
            "--attach",
            "trace.txt",
            "-q",
        ],
        "",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let id: u64 = text(&out.stdout).trim().parse().unwrap();
    assert_eq!(env.show(id)["attachments"][0]["name"], "trace.txt");
    let out = remote(
        &env,
        &served,
        &bob,
        &["ticket", "comment", &id.to_string(), "-m", "-"],
        "from stdin\n",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(env.snapshot(id).contains("from stdin"));
    let out = remote(&env, &served, &bob, &["report", "--output", "week.html"], "");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let html = std::fs::read_to_string(env.path().join("week.html")).expect("the report is written here");
    assert!(html.contains("<html"), "{html:.80}");
    let missing = remote(
        &env,
        &served,
        &bob,
        &["ticket", "reply", "1", "-m", "x", "--attach", "nope.txt"],
        "",
    );
    assert_eq!(missing.status.code(), Some(5), "{}", text(&missing.stderr));
    assert!(text(&missing.stderr).contains("cannot attach nope.txt: no such file"));

    // What changes the desk itself runs on its host only; no token or server: said so.
    let out = remote(&env, &served, &bob, &["token", "list"], "");
    assert_eq!(out.status.code(), Some(4));
    assert!(
        text(&out.stderr).contains("runs on the desk's host"),
        "{}",
        text(&out.stderr)
    );
    let out = remote(&env, &served, "desk_wrong", &["ticket", "list"], "");
    assert_eq!(out.status.code(), Some(4), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("hint: check DESK_TOKEN"),
        "{}",
        text(&out.stderr)
    );
    let out = remote(&env, &served, &bob, &["ticket", "list", "--as", "dave"], "");
    assert_eq!(out.status.code(), Some(5), "{}", text(&out.stderr));
    let nowhere = std::process::Command::new(assert_cmd::cargo::cargo_bin("desk"))
        .env_clear()
        .env("DESK_URL", "http://127.0.0.1:9")
        .env("DESK_TOKEN", &bob)
        .args(["ticket", "list"])
        .output()
        .unwrap();
    assert_eq!(nowhere.status.code(), Some(69), "{}", text(&nowhere.stderr));
    let no_token = std::process::Command::new(assert_cmd::cargo::cargo_bin("desk"))
        .env_clear()
        .env("DESK_URL", &served.base)
        .args(["ticket", "list"])
        .output()
        .unwrap();
    assert_eq!(no_token.status.code(), Some(4), "{}", text(&no_token.stderr));
}

#[test]
fn a_remote_section_in_config_points_desk_at_a_server() {
    let env = TestEnv::with_examples();
    env.incident("bob", "Printer on fire");
    let bob = all_scopes(&env, "bob");
    let served = Served::start(&env, None);
    let client = env.path().join("client");
    std::fs::create_dir_all(&client).unwrap();
    std::fs::write(client.join("token"), format!("{bob}\n")).unwrap();
    std::fs::write(
        client.join("config.toml"),
        format!(
            "[remote]\nurl = \"{}\"\ntoken = \"file:{}\"\n",
            served.base,
            client.join("token").display()
        ),
    )
    .unwrap();
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("desk"))
        .env_clear()
        .env("DESK_HOME", &client)
        .args(["ticket", "list", "-q"])
        .output()
        .unwrap();
    assert_eq!(
        (text(&out.stdout).trim(), out.status.code()),
        ("1", Some(0)),
        "{}",
        text(&out.stderr)
    );
    std::fs::write(client.join("config.toml"), "[remote]\nurl = \"ftp://x\"\n").unwrap();
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("desk"))
        .env_clear()
        .env("DESK_HOME", &client)
        .args(["ticket", "list"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("remote.url"), "{}", text(&out.stderr));
}

/// `schema`, with a `$ref` followed.
fn resolve<'a>(doc: &'a Value, schema: &'a Value) -> &'a Value {
    match schema["$ref"].as_str() {
        Some(reference) => {
            let pointer = reference.trim_start_matches('#');
            resolve(
                doc,
                doc.pointer(pointer)
                    .unwrap_or_else(|| panic!("{reference} resolves")),
            )
        }
        None => schema,
    }
}

/// The properties `schema` requires that `value` lacks (an array's items: its first).
fn missing(doc: &Value, schema: &Value, value: &Value) -> Vec<String> {
    let schema = resolve(doc, schema);
    if schema["type"] == "array" {
        return match value.as_array().and_then(|items| items.first()) {
            Some(first) => missing(doc, &schema["items"], first),
            None if value.is_array() => Vec::new(),
            None => vec!["(an array)".into()],
        };
    }
    schema["required"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .filter(|key| value.get(key).is_none())
        .map(str::to_string)
        .collect()
}

#[test]
fn the_openapi_description_is_what_the_server_does() {
    let env = TestEnv::with_examples();
    env.ok("admin", &["requester", "add", "carol"]);
    let id = env.incident("carol", "VPN drops hourly");
    let bob = all_scopes(&env, "bob");
    let served = Served::start(&env, None);
    let (status, doc) = served.call("GET", "/api/v1/openapi.json", None, None);
    assert_eq!(status, 200);
    let file: Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/openapi.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(doc, file, "the server serves docs/openapi.json");

    // Exactly the endpoints the server routes, with their scopes and commands.
    let mut described: Vec<(String, String, Value, Value)> = Vec::new();
    for (path, operations) in doc["paths"].as_object().unwrap() {
        for (method, operation) in operations.as_object().unwrap() {
            described.push((
                method.clone(),
                path.clone(),
                operation["x-desk-scope"].clone(),
                operation["x-desk-command"].clone(),
            ));
        }
    }
    let mut routed: Vec<(String, String, Value, Value)> = desk::cli::commands::serve::api::ENDPOINTS
        .iter()
        .map(|e| {
            (
                e.method.to_string(),
                e.path.to_string(),
                e.scope.map_or(Value::Null, |s| json!(s.as_str())),
                json!(e.command),
            )
        })
        .collect();
    described.sort_by_key(|d| format!("{d:?}"));
    routed.sort_by_key(|d| format!("{d:?}"));
    assert_eq!(described, routed);

    // Each endpoint, called with its documented example, answers with a status it
    // documents and a body with what that status's schema requires.
    for endpoint in desk::cli::commands::serve::api::ENDPOINTS {
        let operation = &doc["paths"][endpoint.path][endpoint.method];
        let mut path = endpoint.path.replace("{id}", &id.to_string());
        let required_query: Vec<String> = operation["parameters"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|p| resolve(&doc, p))
            .filter(|p| p["in"] == "query" && p["required"] == true)
            .map(|p| format!("{}=VPN", p["name"].as_str().unwrap()))
            .collect();
        if !required_query.is_empty() {
            path = format!("{path}?{}", required_query.join("&"));
        }
        let body = operation["requestBody"]["content"]["application/json"]["example"].to_string();
        let (status, answer) = served.call(&endpoint.method.to_uppercase(), &path, Some(&bob), Some(&body));
        let response = &operation["responses"][status.to_string()];
        assert!(
            response.is_object(),
            "{} {path}: {status} is not documented: {answer}",
            endpoint.method
        );
        let schema = &resolve(&doc, response)["content"]["application/json"]["schema"];
        let lacking = missing(&doc, schema, &answer);
        assert!(
            lacking.is_empty(),
            "{} {path} ({status}) lacks {lacking:?}: {answer}",
            endpoint.method
        );
    }
}
