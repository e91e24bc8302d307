//! `desk export` and `desk import`: a round trip into a fresh home reproduces everything,
//! re-importing changes nothing, bad lines are reported by number and nothing is written,
//! CSV goes out for spreadsheets and comes in with a column mapping.

use std::fs;
use std::path::Path;

use chrono::Duration;
use serde_json::Value;

use crate::common::TestEnv;

/// Tickets closed more than an hour before a later write are archived.
fn archive_after_an_hour(env: &TestEnv) {
    let path = env.home().join("config.toml");
    let config = fs::read_to_string(&path).unwrap();
    assert!(
        config.contains("after = \"7d\""),
        "the example config sets the archive age"
    );
    fs::write(&path, config.replace("after = \"7d\"", "after = \"1h\"")).unwrap();
}

/// A small history: INC-1 closed and archived, CS-2 rated and closed (hot), KB-1 sent as a
/// reply to INC-3, INC-3 pending with a comment, INC-4 unclaimed with every field and an awkward title; requester frank (vip).
fn history() -> TestEnv {
    let env = TestEnv::with_examples();
    archive_after_an_hour(&env);
    env.ok("admin", &["requester", "add", "frank", "--tier", "vip"]);
    let first = env.incident("carol", "db down");
    env.ok("bob", &["ticket", "claim", &first.to_string()]);
    env.ok(
        "bob",
        &["ticket", "reply", &first.to_string(), "-m", "restarted it"],
    );
    env.ok("carol", &["ticket", "confirm", &first.to_string()]);
    env.advance(Duration::hours(2));
    let complaint = env.json(
        "frank",
        &[
            "ticket",
            "new",
            "--type",
            "customer-complaint",
            "--title",
            "charged twice",
            "--body",
            "line one\nline two, \"quoted\"",
            "--field",
            "order=AB-1234",
        ],
    )["id"]
        .as_u64()
        .unwrap();
    let c = complaint.to_string();
    env.ok("bob", &["ticket", "claim", &c]);
    env.ok("bob", &["ticket", "reply", &c, "-m", "refunded"]);
    env.ok("bob", &["ticket", "close", &c]);
    env.ok("frank", &["ticket", "rate", &c, "--score", "4", "-m", "quick"]);
    env.ok(
        "bob",
        &[
            "kb",
            "add",
            "--title",
            "Reset your VPN token",
            "--body",
            "Open the portal and press Reset.",
            "--tag",
            "vpn",
        ],
    );
    let pending = env.incident("carol", "vpn flaps");
    env.ok("erin", &["ticket", "claim", &pending.to_string()]);
    env.ok("erin", &["ticket", "reply", &pending.to_string(), "--kb", "KB-1"]);
    env.ok(
        "erin",
        &["ticket", "comment", &pending.to_string(), "-m", "looking"],
    );
    env.ok(
        "carol",
        &[
            "ticket",
            "new",
            "--type",
            "incident",
            "--title",
            "naïve, \"quoted\" 标题",
            "-f",
            "service=web",
            "-f",
            "severity=sev1",
            "-f",
            "users_affected=12",
            "-f",
            "dashboard=https://grafana.example.com/d/1",
            "-q",
        ],
    );
    env
}

/// A fresh `desk init` home with the same templates and config as `source`, at its time.
fn fresh_like(source: &TestEnv) -> TestEnv {
    let target = TestEnv::empty();
    target.advance(source.now() - target.now());
    target.ok("admin", &["init", "--insecure-test-identities"]);
    copy_dir(&source.home().join("templates"), &target.home().join("templates"));
    fs::copy(
        source.home().join("config.toml"),
        target.home().join("config.toml"),
    )
    .unwrap();
    target
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}

/// `desk export` as admin, without its first (header) line, which carries the time.
fn export_body(env: &TestEnv) -> Vec<String> {
    let text = env.ok("admin", &["export"]);
    let mut lines = text.lines();
    let header: Value = serde_json::from_str(lines.next().expect("a header")).unwrap();
    assert_eq!(header["record"], "desk-export");
    assert_eq!(header["version"], 1);
    lines.map(str::to_string).collect()
}

fn write(env: &TestEnv, name: &str, text: &str) -> String {
    let path = env.path().join(name);
    fs::write(&path, text).unwrap();
    path.display().to_string()
}

#[test]
fn a_round_trip_into_a_fresh_home_reproduces_everything() {
    let source = history();
    assert_eq!(source.show(1)["archived"], true, "INC-1 is archived");
    let file = source.path().join("export.jsonl");
    source.ok("admin", &["export", "-o", file.to_str().unwrap()]);
    let exported = export_body(&source);
    assert_eq!(
        fs::read_to_string(&file)
            .unwrap()
            .lines()
            .skip(1)
            .collect::<Vec<_>>(),
        exported
    );
    // Every record kind is there, tickets in id order.
    let kinds: Vec<String> = exported
        .iter()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["record"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert!(kinds.contains(&"agent".to_string()) && kinds.contains(&"requester".to_string()));
    // People, then articles, then tickets.
    let first = |kind: &str| kinds.iter().position(|k| k == kind).unwrap();
    assert!(first("requester") < first("kb") && first("kb") < first("ticket"));
    let ids: Vec<u64> = exported
        .iter()
        .filter_map(|l| serde_json::from_str::<Value>(l).unwrap()["ticket"]["id"].as_u64())
        .collect();
    assert_eq!(ids, vec![1, 2, 3, 4]);

    let target = fresh_like(&source);
    let summary = target.json("admin", &["import", file.to_str().unwrap()]);
    assert_eq!(summary["created"], 4);
    assert_eq!(
        summary["archived"], 1,
        "INC-1 goes straight to the archive: {summary}"
    );
    assert_eq!(export_body(&target), exported);
    for id in 1..=4 {
        assert_eq!(target.snapshot(id), source.snapshot(id), "ticket {id}");
        assert_eq!(target.events(id), source.events(id), "history of ticket {id}");
    }
    assert_eq!(target.show(1)["archived"], true);
    // Indexes work as after normal writes, and new tickets never reuse imported ids.
    let unclaimed = |env: &TestEnv| env.ok("admin", &["ticket", "list", "--status", "unclaimed", "-q"]);
    assert_eq!(unclaimed(&target), unclaimed(&source));
    let mine = |env: &TestEnv| env.ok("erin", &["ticket", "list", "--assignee", "erin", "-q"]);
    assert_eq!(mine(&target), mine(&source));
    assert_eq!(target.incident("carol", "after the import"), 5);
    // Articles come along with their use counts, and new ones never reuse imported ids.
    let article = |env: &TestEnv| env.json("bob", &["kb", "show", "KB-1"]);
    assert_eq!(article(&target), article(&source));
    assert_eq!(article(&target)["uses"], 1);
    let found = target.json("carol", &["kb", "search", "vpn"]);
    assert!(
        found.to_string().contains("Reset your VPN token"),
        "indexed: {found}"
    );
    let added = target.json("bob", &["kb", "add", "--title", "Printer offline"]);
    assert_eq!(added["key"], "KB-2");
    // The imported home passes doctor: routing counters are as normal writes leave them.
    target.ok("admin", &["doctor"]);
}

#[test]
fn importing_the_same_file_again_changes_nothing() {
    let source = history();
    let file = source.path().join("export.jsonl");
    source.ok("admin", &["export", "-o", file.to_str().unwrap()]);
    let target = fresh_like(&source);
    target.ok("admin", &["import", file.to_str().unwrap()]);
    let once = export_body(&target);
    let again = target.json("admin", &["import", file.to_str().unwrap()]);
    assert_eq!(again["created"], 0, "{again}");
    assert_eq!(again["articles"], 0, "the article is here as it is: {again}");
    assert!(again["unchanged"].as_u64().unwrap() >= 4, "{again}");
    assert_eq!(export_body(&target), once);
    // From standard input too.
    let out = target
        .desk("admin")
        .args(["import", "-"])
        .write_stdin(fs::read(&file).unwrap())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(export_body(&target), once);
}

#[test]
fn bad_lines_are_listed_by_number_and_nothing_is_written() {
    let source = history();
    let lines = export_body(&source);
    let header = source
        .ok("admin", &["export"])
        .lines()
        .next()
        .unwrap()
        .to_string();
    let target = fresh_like(&source);
    let before = export_body(&target);

    let ticket_line = |id: u64| {
        lines
            .iter()
            .find(|l| serde_json::from_str::<Value>(l).unwrap()["ticket"]["id"] == id)
            .unwrap()
            .clone()
    };
    let mut bad_field: Value = serde_json::from_str(&ticket_line(3)).unwrap();
    bad_field["ticket"]["fields"]["service"] = Value::from("Not Valid!");
    let mut bad_type: Value = serde_json::from_str(&ticket_line(4)).unwrap();
    bad_type["ticket"]["type"] = Value::from("nope");
    let mut clash: Value = serde_json::from_str(&ticket_line(2)).unwrap();
    clash["ticket"]["title"] = Value::from("another title");
    let text = [
        header.clone(),
        ticket_line(1),
        bad_field.to_string(),
        "{not json".to_string(),
        bad_type.to_string(),
        ticket_line(2),
        clash.to_string(),
    ]
    .join("\n");
    let file = write(&target, "bad.jsonl", &text);

    let stderr = target.fails("admin", &["import", &file], 5);
    assert!(
        stderr.contains("4 records failed; nothing was imported"),
        "{stderr}"
    );
    assert!(
        stderr.contains("line 3: ticket 3: field `service` must match"),
        "{stderr}"
    );
    assert!(stderr.contains("line 4: not an export record"), "{stderr}");
    assert!(
        stderr.contains("line 5: ticket 4: unknown ticket type `nope`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("line 7: ticket 2 again with other content (first on line 6)"),
        "{stderr}"
    );
    assert!(stderr.contains("--skip-invalid"), "{stderr}");
    assert_eq!(export_body(&target), before, "nothing was written");

    // --dry-run reports, writes nothing.
    target.fails("admin", &["import", "--dry-run", &file], 5);
    assert_eq!(export_body(&target), before);
    let good = write(
        &target,
        "good.jsonl",
        &[header.clone(), ticket_line(1)].join("\n"),
    );
    let plan = target.json("admin", &["import", "--dry-run", &good]);
    assert_eq!(plan["created"], 1);
    assert_eq!(plan["dry_run"], true);
    assert_eq!(export_body(&target), before);
    // One of each reads in the singular.
    let out = target.run("admin", &["import", "--dry-run", &good]);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("would import 1 ticket (1 straight to the archive), 0 agents"),
        "{said}"
    );
    let one_bad = write(
        &target,
        "one-bad.jsonl",
        &[header.clone(), bad_field.to_string()].join("\n"),
    );
    let stderr = target.fails("admin", &["import", &one_bad], 5);
    assert!(
        stderr.contains("1 record failed; nothing was imported"),
        "{stderr}"
    );

    // --skip-invalid writes the good lines and still fails.
    let stderr = target.fails("admin", &["import", "--skip-invalid", &file], 5);
    assert!(
        stderr.contains("4 records failed and were not imported"),
        "{stderr}"
    );
    assert!(target.show(1)["title"] == "db down");
    assert!(target.show(2)["title"] == "charged twice");
    target.fails("admin", &["ticket", "show", "3"], 3);

    // A ticket already here with other content is a conflict (exit 6 when that is all).
    let clash_only = write(&target, "clash.jsonl", &[header, clash.to_string()].join("\n"));
    let stderr = target.fails("admin", &["import", &clash_only], 6);
    assert!(
        stderr.contains("line 2: ticket 2 already exists here with other content (conflict)"),
        "{stderr}"
    );
}

#[test]
fn what_is_not_an_export_is_refused() {
    let env = TestEnv::with_examples();
    let file = write(&env, "x.jsonl", "{\"record\":\"ticket\"}\n");
    let stderr = env.fails("admin", &["import", &file], 5);
    assert!(stderr.contains("line 1: not a desk export"), "{stderr}");
    let newer = write(
        &env,
        "newer.jsonl",
        "{\"record\":\"desk-export\",\"version\":9,\"exported_at\":\"2026-01-01T00:00:00Z\"}\n",
    );
    let stderr = env.fails("admin", &["import", &newer], 5);
    assert!(stderr.contains("version 9"), "{stderr}");
    let empty = write(&env, "empty.jsonl", "");
    env.fails("admin", &["import", &empty], 5);
    let missing = env.path().join("missing.jsonl");
    env.fails("admin", &["import", missing.to_str().unwrap()], 3);
    let stderr = env.fails("admin", &["import", &file, "--map", "title=x"], 5);
    assert!(stderr.contains("for CSV input"), "{stderr}");
}

#[test]
fn only_leads_and_admins_export_and_only_admins_import() {
    let env = TestEnv::with_examples();
    env.incident("carol", "db down");
    let stderr = env.fails("bob", &["export"], 4);
    assert!(stderr.contains("only leads and admins export"), "{stderr}");
    env.fails("carol", &["export"], 4);
    env.ok("dave", &["export"]);
    let file = env.path().join("e.jsonl");
    env.ok("dave", &["export", "-o", file.to_str().unwrap()]);
    let stderr = env.fails("dave", &["import", file.to_str().unwrap()], 4);
    assert!(stderr.contains("only admins import"), "{stderr}");
}

#[test]
fn export_filters_by_state_type_time_and_archive() {
    let env = history();
    let ids = |args: &[&str]| -> Vec<u64> {
        let mut all = vec!["export"];
        all.extend_from_slice(args);
        env.ok("admin", &all)
            .lines()
            .filter_map(|l| serde_json::from_str::<Value>(l).unwrap()["ticket"]["id"].as_u64())
            .collect()
    };
    assert_eq!(ids(&[]), vec![1, 2, 3, 4]);
    assert_eq!(ids(&["--archived"]), vec![1, 2, 3, 4]);
    assert_eq!(ids(&["--no-archived"]), vec![2, 3, 4]);
    assert_eq!(ids(&["--status", "closed"]), vec![1, 2]);
    assert_eq!(ids(&["--status", "closed", "--no-archived"]), vec![2]);
    assert_eq!(ids(&["--type", "customer-complaint"]), vec![2]);
    let created_2 = env.show(2)["created_at"].as_str().unwrap().to_string();
    assert_eq!(ids(&["--since", &created_2]), vec![2, 3, 4]);
    assert_eq!(ids(&["--until", &created_2]), vec![1]);
    assert_eq!(
        ids(&["--status", "closed", "--status", "pending,awaiting"]),
        vec![1, 2, 3]
    );
    env.fails("admin", &["export", "--since", "yesterday"], 5);
}

#[test]
fn export_refuses_unknown_filters_and_conflicting_flags() {
    let env = history();
    // A bad state is a usage error, as for `ticket list --status`.
    let stderr = env.fails("admin", &["export", "--status", "done"], 2);
    assert!(stderr.contains("done"), "{stderr}");
    // An unknown type is not an empty export: exit 3 with a did-you-mean hint.
    let stderr = env.fails("admin", &["export", "--type", "incidnet"], 3);
    assert!(stderr.contains("unknown ticket type `incidnet`"), "{stderr}");
    assert!(stderr.contains("did you mean `incident`?"), "{stderr}");
    let stderr = env.fails("admin", &["export", "--type", "nosuch"], 3);
    assert!(stderr.contains("available types:"), "{stderr}");
    let file = env.path().join("x.jsonl");
    env.fails(
        "admin",
        &["export", "--type", "nosuch", "-o", file.to_str().unwrap()],
        3,
    );
    assert!(!file.exists(), "nothing written");
    let stderr = env.fails("admin", &["export", "--archived", "--no-archived"], 2);
    assert!(stderr.contains("cannot be used with"), "{stderr}");
}

#[test]
fn csv_export_has_a_row_per_ticket_with_quoting_and_field_columns() {
    let env = history();
    let text = env.ok("admin", &["export", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let column = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no {name}"))
    };
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 4);
    assert_eq!(&rows[1][column("title")], "charged twice");
    assert_eq!(&rows[1][column("body")], "line one\nline two, \"quoted\"");
    assert_eq!(&rows[1][column("field.order")], "AB-1234");
    assert_eq!(&rows[0][column("status")], "closed");
    assert!(!rows[0][column("closed_at")].is_empty());
    assert_eq!(&rows[2][column("assignee")], "erin");
    assert_eq!(&rows[3][column("title")], "naïve, \"quoted\" 标题");
    assert_eq!(&rows[3][column("field.users_affected")], "12");
}

#[test]
fn csv_import_maps_columns_reports_bad_rows_and_skips_rows_seen_before() {
    let env = TestEnv::with_examples();
    let csv = "Summary,Email,Service,Details\n\
               printer on fire,Carol@Example.com,office,\"smoke, lots\"\n\
               bad service,carol@example.com,NOT OK,x\n\
               ,carol@example.com,office,no title\n";
    let file = write(&env, "tickets.csv", csv);
    let map = [
        "--type",
        "incident",
        "--map",
        "title=Summary",
        "--map",
        "requester=Email",
        "--map",
        "service=Service",
        "--map",
        "body=Details",
    ];
    let mut args = vec!["import", &file];
    args.extend_from_slice(&map);
    let stderr = env.fails("admin", &args, 5);
    assert!(
        stderr.contains("line 3: invalid `incident` ticket: field `service` must match"),
        "{stderr}"
    );
    assert!(
        stderr.contains("line 4: invalid `incident` ticket: the title is empty"),
        "{stderr}"
    );
    assert!(env.all_tickets().is_empty(), "nothing written");

    args.push("--skip-invalid");
    env.fails("admin", &args, 5);
    let tickets = env.all_tickets();
    assert_eq!(tickets.len(), 1);
    let shown = env.show(tickets[0]["id"].as_u64().unwrap());
    assert_eq!(shown["title"], "printer on fire");
    assert_eq!(shown["requester"], "carol@example.com");
    assert_eq!(shown["body"], "smoke, lots");
    assert_eq!(shown["fields"]["service"], "office");
    assert_eq!(shown["fields"]["severity"], "sev3", "template defaults apply");
    assert_eq!(shown["status"], "unclaimed");

    // Again: the good row is recognised and skipped.
    env.fails("admin", &args, 5);
    assert_eq!(env.all_tickets().len(), 1);

    // With an id column, a row is known by its id even when its content changed.
    let by_id = write(
        &env,
        "by-id.csv",
        "ref,title,field.service\nR1,first,api\nR2,second,api\n",
    );
    let args = ["import", &by_id, "--type", "incident", "--id-column", "ref"];
    assert_eq!(env.json("admin", &args)["created"], 2);
    let changed = write(
        &env,
        "by-id.csv",
        "ref,title,field.service\nR1,first (edited),api\nR3,third,api\n",
    );
    let summary = env.json(
        "admin",
        &["import", &changed, "--type", "incident", "--id-column", "ref"],
    );
    assert_eq!(summary["created"], 1, "{summary}");
    assert_eq!(summary["unchanged"], 1, "{summary}");
    assert_eq!(env.all_tickets().len(), 4);
}

#[test]
fn csv_import_needs_a_title_and_a_type() {
    let env = TestEnv::with_examples();
    let file = write(&env, "t.csv", "Summary,service\nx,api\n");
    let stderr = env.fails("admin", &["import", &file, "--type", "incident"], 5);
    assert!(stderr.contains("no column gives the ticket's title"), "{stderr}");
    let stderr = env.fails("admin", &["import", &file, "--map", "title=Summary"], 5);
    assert!(stderr.contains("no ticket type"), "{stderr}");
    let stderr = env.fails(
        "admin",
        &["import", &file, "--type", "incident", "--map", "title=Nope"],
        5,
    );
    assert!(stderr.contains("no column `Nope`"), "{stderr}");
    assert!(env.all_tickets().is_empty());
}

#[test]
fn csv_import_refuses_an_unknown_map_target() {
    let env = TestEnv::with_examples();
    let file = write(&env, "t.csv", "Summary,Service\nx,api\n");
    let stderr = env.fails(
        "admin",
        &["import", &file, "--type", "incident", "--map", "titel=Summary"],
        5,
    );
    assert!(stderr.contains("unknown target `titel`"), "{stderr}");
    assert!(stderr.contains("did you mean `title`?"), "{stderr}");
    assert!(
        stderr.contains("title, body, requester, priority, type, created_at"),
        "{stderr}"
    );
    assert!(
        stderr.contains("service"),
        "the incident's fields are listed: {stderr}"
    );
    let stderr = env.fails(
        "admin",
        &[
            "import",
            &file,
            "--type",
            "incident",
            "--map",
            "title=Summary",
            "--map",
            "field.servce=Service",
        ],
        5,
    );
    assert!(stderr.contains("unknown target `field.servce`"), "{stderr}");
    assert!(stderr.contains("did you mean `service`?"), "{stderr}");
    assert!(env.all_tickets().is_empty());
    // A real field maps.
    env.ok(
        "admin",
        &[
            "import",
            &file,
            "--type",
            "incident",
            "--map",
            "title=Summary",
            "--map",
            "field.service=Service",
        ],
    );
    assert_eq!(env.all_tickets().len(), 1);
}
