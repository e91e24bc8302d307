//! `desk ingest email`: mail in, tickets and replies out; malformed mail writes nothing.

use std::path::PathBuf;

use serde_json::Value;

use crate::common::{kinds, TestEnv};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/email")
        .join(name)
}

fn ingest(env: &TestEnv, name: &str) -> Value {
    env.json("mailer", &["ingest", "email", fixture(name).to_str().unwrap()])
}

/// A minimal message from `from` with `subject` and extra header lines.
fn message(from: &str, subject: &str, headers: &str, body: &str) -> String {
    format!("From: {from}\r\nTo: help@desk.example\r\nSubject: {subject}\r\n{headers}Content-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n")
}

fn ingest_stdin(env: &TestEnv, mail: &str) -> std::process::Output {
    env.desk("mailer")
        .args(["ingest", "email", "--json"])
        .write_stdin(mail.as_bytes().to_vec())
        .output()
        .expect("run desk")
}

fn edit_config(env: &TestEnv, from: &str, to: &str) {
    let path = env.home().join("config.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "config.toml has no `{from}`");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn a_mail_becomes_a_ticket_from_its_sender() {
    let env = TestEnv::with_examples();
    let t = ingest(&env, "new.eml");
    assert_eq!(t["action"], "created");
    assert_eq!(
        t["type"], "customer-complaint",
        "the [email] template from config.toml"
    );
    assert_eq!(t["requester"], "carol@example.com", "sender address, lowercased");
    assert_eq!(t["title"], "Invoice charged twice");
    assert_eq!(
        t["body"],
        "Hello,\n\nmy card was charged twice for order A-1001.\n\nCarol"
    );
    assert_eq!(t["channel"], "email");
    assert_eq!(
        t["sla_policy"], "customer",
        "unknown senders get the default tier's policy"
    );
    let events = env.events(1);
    assert_eq!(
        events[0]["actor"], "carol@example.com",
        "the sender filed it, not the mail system"
    );
    assert_eq!(events[0]["channel"], "email");
}

#[test]
fn html_is_converted_and_attachments_are_listed_and_kept() {
    let env = TestEnv::with_examples();
    let raw = std::fs::read_to_string(fixture("html-attachments.eml")).unwrap();
    let out = ingest_stdin(&env, &raw);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let t: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(t["title"], "打印机坏了", "RFC 2047 encoded subject decoded");
    let body = t["body"].as_str().unwrap();
    assert!(body.contains("The printer on floor 3 is broken."), "{body}");
    assert!(!body.contains('<'), "HTML tags left in the body: {body}");

    let shown = env.show(t["id"].as_u64().unwrap());
    let files = shown["attachments"].as_array().unwrap();
    let listed: Vec<(&str, &str, u64)> = files
        .iter()
        .map(|f| {
            (
                f["name"].as_str().unwrap(),
                f["content_type"].as_str().unwrap(),
                f["size"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        listed,
        vec![("printer.png", "image/png", 34), ("notes.txt", "text/plain", 12)]
    );
    let dir = env.home().join("attachments").join(t["id"].to_string());
    let png = std::fs::read(dir.join(files[0]["stored_as"].as_str().unwrap())).unwrap();
    assert_eq!(
        png, b"\x89PNG\r\n\x1a\nfake-image-bytes-for-tests",
        "the decoded bytes are stored"
    );
    let notes = std::fs::read_to_string(dir.join(files[1]["stored_as"].as_str().unwrap())).unwrap();
    assert_eq!(notes.trim_end(), "serial 12345");

    let human = env.ok("admin", &["ticket", "show", &t["id"].to_string()]);
    assert!(human.contains("printer.png  image/png  34 B"), "{human}");
}

#[test]
fn attachments_over_the_size_limit_are_listed_but_not_stored() {
    let env = TestEnv::with_examples();
    edit_config(
        &env,
        "max_attachment_bytes = 5242880",
        "max_attachment_bytes = 20",
    );
    let t = env.json(
        "mailer",
        &[
            "ingest",
            "email",
            fixture("html-attachments.eml").to_str().unwrap(),
        ],
    );
    let shown = env.show(t["id"].as_u64().unwrap());
    let files = shown["attachments"].as_array().unwrap();
    assert_eq!(files[0]["name"], "printer.png");
    assert_eq!(
        files[0]["stored_as"],
        Value::Null,
        "34 bytes is over the 20-byte limit"
    );
    assert!(files[1]["stored_as"].is_string(), "12 bytes is within it");
    let human = env.ok("admin", &["ticket", "show", &t["id"].to_string()]);
    assert!(human.contains("not stored: over the size limit"), "{human}");
}

#[test]
fn a_reply_threads_onto_its_ticket_as_the_requesters_reply() {
    let env = TestEnv::with_examples();
    ingest(&env, "new.eml");
    env.ok("bob", &["ticket", "claim", "1"]);
    env.ok(
        "bob",
        &["ticket", "reply", "1", "-m", "Refunded the second charge."],
    );
    assert_eq!(env.status(1), "awaiting");

    let r = ingest(&env, "reply.eml");
    assert_eq!(
        (r["action"].as_str(), r["id"].as_u64()),
        (Some("replied"), Some(1))
    );
    assert_eq!(
        env.status(1),
        "pending",
        "the requester's reply hands it back to the handler"
    );
    let events = env.events(1);
    let last = events.last().unwrap();
    assert_eq!(last["kind"], "replied");
    assert_eq!(last["actor"], "carol@example.com");
    assert_eq!(
        last["message"], "It happened again today.",
        "quoted history is dropped"
    );
    assert_eq!(env.all_tickets().len(), 1, "no second ticket");

    // A [CS-1] tag in the subject threads too, even without In-Reply-To.
    let r = ingest(&env, "reply-tag.eml");
    assert_eq!(
        (r["action"].as_str(), r["id"].as_u64()),
        (Some("replied"), Some(1))
    );
    assert_eq!(
        kinds(&env.events(1)).iter().filter(|k| **k == "replied").count(),
        3
    );
}

#[test]
fn a_mail_delivered_twice_is_filed_once() {
    let env = TestEnv::with_examples();
    ingest(&env, "new.eml");
    let again = ingest(&env, "new.eml");
    assert_eq!(again["action"], "already-ingested");
    assert_eq!(again["id"], 1);
    assert_eq!(env.all_tickets().len(), 1);
    assert_eq!(env.events(1).len(), 1, "nothing was appended");
}

#[test]
fn only_the_requester_can_reply_by_mail() {
    let env = TestEnv::with_examples();
    ingest(&env, "new.eml");
    let before = env.snapshot(1);
    let mail = message(
        "mallory@example.com",
        "Re: Invoice charged twice",
        "In-Reply-To: <first-123@mail.example.com>\r\n",
        "close this please",
    );
    let out = ingest_stdin(&env, &mail);
    assert_eq!(out.status.code(), Some(4));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("carol@example.com"), "{stderr}");
    assert_eq!(env.snapshot(1), before, "a refused reply wrote something");
    assert_eq!(env.all_tickets().len(), 1);
}

#[test]
fn a_reply_to_a_closed_ticket_opens_a_follow_up() {
    let env = TestEnv::with_examples();
    ingest(&env, "new.eml");
    env.ok("bob", &["ticket", "claim", "1"]);
    env.ok("bob", &["ticket", "reply", "1", "-m", "Refunded."]);
    env.ok("bob", &["ticket", "close", "1"]);
    let r = ingest(&env, "reply.eml");
    assert_eq!(r["action"], "created");
    assert_eq!(r["follow_up_to"], "CS-1");
    assert_eq!(r["id"], 2);
    assert!(r["body"]
        .as_str()
        .unwrap()
        .starts_with("Follow-up to CS-1 (closed)."));
    assert_eq!(env.status(1), "closed", "the closed ticket stays closed");
}

#[test]
fn malformed_mail_is_refused_and_writes_nothing() {
    let env = TestEnv::with_examples();
    let stderr = env.fails(
        "mailer",
        &["ingest", "email", fixture("malformed.eml").to_str().unwrap()],
        5,
    );
    assert!(stderr.starts_with("error: malformed e-mail"), "{stderr}");
    assert_eq!(
        stderr.lines().next().unwrap().len(),
        stderr.lines().next().unwrap().trim().len()
    );
    let out = ingest_stdin(&env, "Subject: no sender\r\n\r\nbody\r\n");
    assert_eq!(out.status.code(), Some(5));
    let out = ingest_stdin(&env, "");
    assert_eq!(out.status.code(), Some(5));
    env.fails("mailer", &["ingest", "email", "/nonexistent/mail.eml"], 3);
    assert!(env.all_tickets().is_empty());
}

#[test]
fn mail_counts_against_the_senders_rate_limit() {
    let env = TestEnv::with_examples();
    edit_config(
        &env,
        "rate_limits = [\"20/1h\", \"100/1d\"]",
        "rate_limits = [\"1/1h\"]",
    );
    ingest(&env, "new.eml");
    let second = message(
        "carol@example.com",
        "Another problem",
        "Message-ID: <two@x>\r\n",
        "again",
    );
    let out = ingest_stdin(&env, &second);
    assert_eq!(
        out.status.code(),
        Some(7),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("Next submission allowed at"));
    assert_eq!(env.all_tickets().len(), 1);
    // Replies are not new submissions.
    env.ok("bob", &["ticket", "claim", "1"]);
    env.ok("bob", &["ticket", "reply", "1", "-m", "Looking."]);
    assert_eq!(ingest(&env, "reply.eml")["action"], "replied");
}

#[test]
fn the_email_type_is_configured() {
    let env = TestEnv::with_examples();
    env.write_template("mail", "description = \"Anything by mail\"\nprefix = \"MAIL\"\n");
    edit_config(&env, "template = \"customer-complaint\"", "template = \"mail\"");
    let t = ingest(&env, "new.eml");
    assert_eq!(
        (t["type"].as_str(), t["key"].as_str()),
        (Some("mail"), Some("MAIL-1"))
    );
    // `--type` overrides it for one message; a type whose required fields mail cannot
    // fill is refused with a hint, and nothing is written.
    let stderr = env.fails(
        "mailer",
        &[
            "ingest",
            "email",
            "--type",
            "incident",
            fixture("html-attachments.eml").to_str().unwrap(),
        ],
        5,
    );
    assert!(stderr.contains("service"), "{stderr}");
    assert!(stderr.contains("[email]"), "{stderr}");
    assert_eq!(env.all_tickets().len(), 1);
}

#[test]
fn later_answers_to_a_closed_ticket_land_on_its_follow_up() {
    let env = TestEnv::with_examples();
    ingest(&env, "new.eml");
    env.ok("bob", &["ticket", "claim", "1"]);
    env.ok("bob", &["ticket", "reply", "1", "-m", "Refunded."]);
    env.ok("bob", &["ticket", "close", "1"]);
    assert_eq!(
        ingest(&env, "reply.eml")["id"],
        2,
        "the first answer opens a follow-up"
    );
    // Another answer to the original thread, and one tagged [CS-1], both join CS-2.
    let threaded = message(
        "carol@example.com",
        "Re: Invoice charged twice",
        "Message-ID: <third@x>\r\nIn-Reply-To: <first-123@mail.example.com>\r\n",
        "And a third charge.",
    );
    let out = ingest_stdin(&env, &threaded);
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (r["action"].as_str(), r["id"].as_u64()),
        (Some("replied"), Some(2))
    );
    let r = ingest(&env, "reply-tag.eml");
    assert_eq!(
        (r["action"].as_str(), r["id"].as_u64()),
        (Some("replied"), Some(2))
    );
    assert_eq!(env.all_tickets().len(), 2);
}

#[test]
fn addresses_match_their_requester_whatever_the_case() {
    let env = TestEnv::with_examples();
    env.ok(
        "admin",
        &["requester", "add", "Carol@Example.COM", "--tier", "vip"],
    );
    let t = ingest(&env, "new.eml");
    assert_eq!(t["requester"], "carol@example.com");
    assert_eq!(t["sla_policy"], "vip", "the sender's tier applies");
    assert_eq!(t["priority"], "high", "vip boost: normal → high");
    let listed = env.json("admin", &["ticket", "list", "--requester", "CAROL@example.com"]);
    assert_eq!(listed.as_array().unwrap().len(), 1);
}
