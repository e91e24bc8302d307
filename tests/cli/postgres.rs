//! The team store on PostgreSQL: one desk shared by several hosts (separate homes, one
//! database), on a throwaway server from the system's packages (see
//! tests/support/pg_server.rs). Every test skips, saying so, where no server can run.

use std::collections::BTreeSet;
use std::io::Write as _;
use std::process::{Command, Stdio};

use serde_json::Value;

use crate::common::{kinds, pg_server, TestEnv};

macro_rules! team_store_or_skip {
    () => {
        match TestEnv::with_examples_on_postgres() {
            Some(env) => env,
            None => return,
        }
    };
}

fn incident_args(title: &str) -> Vec<&str> {
    vec![
        "ticket",
        "new",
        "--type",
        "incident",
        "--title",
        title,
        "-f",
        "service=api",
        "-q",
    ]
}

/// A `desk` process on `env`'s home as `user`, not yet started.
fn desk_process(env: &TestEnv, user: &str, args: &[&str]) -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("desk"));
    cmd.env_clear()
        .env("DESK_HOME", env.home())
        .env("DESK_USER", user)
        .env("HOME", env.path())
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd
}

#[test]
fn a_ticket_goes_through_its_life_on_a_team_store() {
    let env = team_store_or_skip!();
    assert!(
        !env.home().join("hot").exists(),
        "a team store keeps nothing in the home's hot/"
    );
    let id: u64 = env
        .ok("carol", &incident_args("api is down"))
        .trim()
        .parse()
        .unwrap();
    env.ok("bob", &["ticket", "claim", &id.to_string()]);
    env.ok("bob", &["ticket", "reply", &id.to_string(), "-m", "restarted it"]);
    env.ok("carol", &["ticket", "confirm", &id.to_string()]);
    let shown = env.show(id);
    assert_eq!(shown["status"], "closed");
    assert_eq!(
        kinds(&env.events(id)),
        ["created", "claimed", "replied", "confirmed"]
    );
    let listed = env.json("admin", &["ticket", "list", "--status", "closed"]);
    assert_eq!(listed.as_array().unwrap().len(), 1, "{listed}");
    let report = env.json("admin", &["report", "--since", "30d"]);
    assert_eq!(report["total"]["closed"], 1, "{report}");
    // Doctor checks the same records on this store.
    env.ok("admin", &["doctor"]);
    // Weeks on, the closed ticket stays in the database, where every host sees it: no
    // archive segment on this host.
    env.advance(chrono::Duration::days(30));
    env.ok("carol", &incident_args("a month later"));
    assert_eq!(env.show(id)["status"], "closed");
    let cold = env.home().join("cold");
    assert!(
        !cold.exists() || std::fs::read_dir(&cold).unwrap().next().is_none(),
        "nothing archived to this host's files"
    );
}

#[test]
fn every_host_sees_what_the_others_write() {
    let env = team_store_or_skip!();
    let other = env.another_host();
    let id: u64 = env
        .ok("carol", &incident_args("from host one"))
        .trim()
        .parse()
        .unwrap();
    let seen = other.show(id);
    assert_eq!(seen["title"], "from host one");
    other.ok("bob", &["ticket", "claim", &id.to_string()]);
    assert_eq!(env.show(id)["assignee"], "bob");
    // Ids continue across hosts: never reused, never doubled.
    let next: u64 = other
        .ok("carol", &incident_args("from host two"))
        .trim()
        .parse()
        .unwrap();
    assert_eq!(next, id + 1);
    // Search finds what another host wrote: each host's index catches up from the store.
    let found = other.json("carol", &["ticket", "search", "host one"]);
    assert!(found.to_string().contains("from host one"), "{found}");
    env.ok("carol", &incident_args("third, from host one"));
    let found = other.json("carol", &["ticket", "search", "third"]);
    assert!(found.to_string().contains("third, from host one"), "{found}");
}

#[test]
fn thirty_two_writers_on_four_hosts_lose_nothing_and_double_nothing() {
    let env = team_store_or_skip!();
    let hosts: Vec<TestEnv> = (0..3).map(|_| env.another_host()).collect();
    let all: Vec<&TestEnv> = std::iter::once(&env).chain(hosts.iter()).collect();
    let children: Vec<_> = (0..32)
        .map(|i| {
            let title = format!("writer {i}");
            desk_process(all[i % 4], "admin", &incident_args(&title))
                .spawn()
                .expect("spawn desk")
        })
        .collect();
    let mut ids = BTreeSet::new();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let id: u64 = String::from_utf8(out.stdout).unwrap().trim().parse().unwrap();
        assert!(ids.insert(id), "id {id} handed out twice");
    }
    assert_eq!(ids, (1..=32).collect::<BTreeSet<u64>>());
    let listed = hosts[2].json("admin", &["ticket", "list"]);
    assert_eq!(listed.as_array().unwrap().len(), 32);
}

#[test]
fn concurrent_failures_with_one_dedup_key_make_one_ticket() {
    let env = team_store_or_skip!();
    let hosts: Vec<TestEnv> = (0..3).map(|_| env.another_host()).collect();
    let all: Vec<&TestEnv> = std::iter::once(&env).chain(hosts.iter()).collect();
    let args = [
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
        "ci:acme/shop:test",
        "-q",
    ];
    // Half of the runners pass flags, half pipe JSON on stdin (which a conflict must not
    // read twice: the one submission is filed again, not the whole command run again).
    let json = r#"{"type": "ci-failure", "title": "main is red", "fields": {"repo": "acme/shop", "job": "test"}, "dedup_key": "ci:acme/shop:test"}"#;
    let children: Vec<_> = (0..12)
        .map(|i| {
            if i % 2 == 0 {
                desk_process(all[i % 4], "admin", &args).spawn().unwrap()
            } else {
                let mut child =
                    desk_process(all[i % 4], "admin", &["ticket", "new", "--from-json", "-", "-q"])
                        .stdin(Stdio::piped())
                        .spawn()
                        .unwrap();
                use std::io::Write as _;
                let mut stdin = child.stdin.take().unwrap();
                writeln!(stdin, "{json}").unwrap();
                drop(stdin);
                child
            }
        })
        .collect();
    let ids: BTreeSet<String> = children
        .into_iter()
        .map(|child| {
            let out = child.wait_with_output().unwrap();
            assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
            String::from_utf8(out.stdout).unwrap().trim().to_string()
        })
        .collect();
    assert_eq!(ids.len(), 1, "one ticket for one failure: {ids:?}");
    let id: u64 = ids.into_iter().next().unwrap().parse().unwrap();
    assert_eq!(env.show(id)["occurrences"], 12);
}

#[test]
fn two_admins_demoting_each_other_at_once_leave_one_admin() {
    let env = team_store_or_skip!();
    let other = env.another_host();
    for round in 0..4 {
        let (first, second) = (format!("boss{round}a"), format!("boss{round}b"));
        for name in [&first, &second] {
            env.ok("admin", &["agent", "add", name, "--role", "admin"]);
        }
        // Only these two are admins for the moment.
        env.ok(&first, &["agent", "set", "admin", "--role", "agent"]);
        let demotions: Vec<_> = [(&env, &first, &second), (&other, &second, &first)]
            .into_iter()
            .map(|(host, by, whom)| {
                desk_process(host, by, &["agent", "set", whom, "--role", "agent"])
                    .spawn()
                    .unwrap()
            })
            .collect();
        for demotion in demotions {
            let code = demotion.wait_with_output().unwrap().status.code();
            assert!(matches!(code, Some(0) | Some(4)), "{code:?}");
        }
        let agents = env.json(&first, &["agent", "list"]);
        let admins = agents
            .as_array()
            .unwrap()
            .iter()
            .filter(|a| a["role"] == "admin")
            .count();
        assert_eq!(admins, 1, "round {round}: {agents}");
        // Give the desk its admin back for the next round.
        let admin = agents
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["role"] == "admin")
            .unwrap();
        let remaining = admin["name"].as_str().unwrap().to_string();
        env.ok(&remaining, &["agent", "set", "admin", "--role", "admin"]);
        env.ok("admin", &["agent", "set", &remaining, "--role", "agent"]);
    }
}

#[test]
fn two_cron_hosts_record_each_sla_warning_once() {
    let env = team_store_or_skip!();
    let other = env.another_host();
    let id: u64 = env
        .ok(
            "carol",
            &[
                "ticket",
                "new",
                "--type",
                "incident",
                "--title",
                "slow",
                "-f",
                "service=db",
                "-p",
                "urgent",
                "-q",
            ],
        )
        .trim()
        .parse()
        .unwrap();
    // A day on, every clock of the example policy has run out.
    let later = (env.now() + chrono::Duration::days(1)).to_rfc3339();
    let children: Vec<_> = [&env, &other, &env, &other]
        .iter()
        .map(|host| {
            desk_process(host, "admin", &["sla", "check", "-q"])
                .env("DESK_NOW", &later)
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    let events = env.events(id);
    let breaches = kinds(&events).iter().filter(|k| **k == "sla_breached").count();
    assert!(breaches >= 1, "the check ran: {:?}", kinds(&events));
    let milestones: Vec<&Value> = events.iter().filter(|e| e["kind"] == "sla_breached").collect();
    let distinct: BTreeSet<String> = milestones.iter().map(|e| e.to_string()).collect();
    assert_eq!(
        distinct.len(),
        breaches,
        "no breach recorded twice: {milestones:?}"
    );
    let repeated = env.json("admin", &["sla", "check", "--dry-run"]);
    assert_eq!(
        repeated["recorded"].as_array().map_or(0, Vec::len),
        0,
        "{repeated}"
    );
}

#[test]
fn an_unreachable_database_is_exit_69_naming_the_host_and_leaves_no_home() {
    let env = TestEnv::empty();
    // A port nothing listens on.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("postgres://desk@127.0.0.1:{port}/desk?sslmode=disable&connect_timeout=2");
    let stderr = env.fails(
        "admin",
        &["init", "--insecure-test-identities", "--store", &url],
        69,
    );
    let first = stderr.lines().next().unwrap();
    assert!(
        first.contains(&format!("127.0.0.1:{port}/desk")),
        "names host, port and database: {stderr}"
    );
    assert!(!env.home().exists(), "nothing written");
}

#[test]
fn a_team_store_whose_server_is_gone_is_exit_69_for_every_command() {
    let Some(url) = pg_server::fresh_database_url("gone") else {
        return;
    };
    let env = TestEnv::empty();
    env.ok("admin", &["init", "--insecure-test-identities", "--store", &url]);
    // The same home, its database renamed away: as if the server lost it.
    let config = env.home().join("config.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(
        &config,
        text.replace("sslmode=disable", "sslmode=disable&dbname=nowhere"),
    )
    .unwrap();
    let stderr = env.fails("admin", &["ticket", "list"], 69);
    assert!(stderr.contains("nowhere"), "{stderr}");
}

#[test]
fn bad_store_urls_are_refused_before_anything_is_written() {
    let env = TestEnv::empty();
    let stderr = env.fails(
        "admin",
        &["init", "--insecure-test-identities", "--store", "mysql://db/desk"],
        5,
    );
    assert!(stderr.contains("not a PostgreSQL URL"), "{stderr}");
    let stderr = env.fails(
        "admin",
        &[
            "init",
            "--insecure-test-identities",
            "--store",
            "postgres://ops:hunter2@db.internal/desk",
        ],
        5,
    );
    assert!(stderr.contains("password"), "{stderr}");
    assert!(!stderr.contains("hunter2"), "never echo a password: {stderr}");
    assert!(!env.home().exists());
    // An existing home keeps its store: --store is refused (exit 6), saying how to move.
    env.ok("admin", &["init", "--insecure-test-identities"]);
    let stderr = env.fails("admin", &["init", "--store", "postgres://db.internal/desk"], 6);
    assert!(stderr.contains("desk export"), "{stderr}");
}

#[test]
fn commands_for_the_embedded_store_say_what_to_use_instead() {
    let env = team_store_or_skip!();
    let stderr = env.fails("admin", &["archive", "--purge-before", "2020-01-01", "--yes"], 5);
    assert!(stderr.contains("team store"), "{stderr}");
    let backup = env.path().join("desk.tar");
    env.ok("admin", &["backup", backup.to_str().unwrap()]);
    let stderr = env.fails("admin", &["restore", backup.to_str().unwrap(), "--force"], 5);
    assert!(stderr.contains("--home DIR"), "{stderr}");
}

#[test]
fn a_team_store_backs_up_and_restores_as_an_embedded_home() {
    let env = team_store_or_skip!();
    let first = env.incident("carol", "printer on fire");
    env.ok("bob", &["ticket", "claim", &first.to_string()]);
    let second = env.incident("carol", "发票 printer jam");
    let backup = env.path().join("team.tar");
    let summary: Value =
        serde_json::from_str(&env.ok("admin", &["backup", backup.to_str().unwrap(), "--json"])).unwrap();
    assert_eq!(summary["hot_tickets"], 2, "{summary}");
    // The restore drill: a scratch home on this host, with nothing of the database.
    let drill = TestEnv::empty();
    let restored = drill
        .desk("admin")
        .args(["restore", backup.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        restored.status.success(),
        "{}",
        String::from_utf8_lossy(&restored.stderr)
    );
    assert!(String::from_utf8_lossy(&restored.stderr).contains("[store] url is commented out"));
    let config = std::fs::read_to_string(drill.home().join("config.toml")).unwrap();
    assert!(
        config.contains("# restored from a backup of this team store: url ="),
        "{config}"
    );
    assert!(
        drill.home().join("hot").is_dir(),
        "the copy is in the home's own store"
    );
    // It works by the types and settings the team store held, not the backing-up host's files.
    assert!(config.contains("[tiers.vip]"), "{config}");
    assert!(drill.home().join("templates/incident.toml").is_file());
    assert_eq!(drill.show(first)["assignee"], "bob");
    assert_eq!(drill.show(second)["title"], "发票 printer jam");
    let found = drill.json("carol", &["ticket", "search", "发票"]);
    assert!(found.to_string().contains("printer jam"), "{found}");
    drill.ok("admin", &["doctor"]);
    // Ids go on after the team store's: the counter came along.
    let next = drill.incident("carol", "after the restore");
    assert_eq!(next, second + 1);
    // The team store itself did not change.
    assert_eq!(
        env.json("admin", &["ticket", "list"]).as_array().unwrap().len(),
        2
    );
}

#[test]
fn desk_store_points_any_home_at_the_team_store() {
    let env = team_store_or_skip!();
    let id: u64 = env.ok("carol", &incident_args("shared")).trim().parse().unwrap();
    let url = std::fs::read_to_string(env.home().join("config.toml"))
        .unwrap()
        .lines()
        .find_map(|line| line.strip_prefix("url = "))
        .map(|quoted| quoted.trim_matches('"').to_string())
        .expect("init wrote [store] url");
    // A home made without --store, then told by DESK_STORE.
    let plain = TestEnv::empty();
    let out = plain
        .desk("admin")
        .env("DESK_STORE", &url)
        .args(["init", "--examples", "--insecure-test-identities"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = plain
        .desk("carol")
        .env("DESK_STORE", &url)
        .args(["ticket", "show", &id.to_string(), "--json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let shown: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(shown["title"], "shared");
    let out = plain
        .desk("carol")
        .env("DESK_STORE", "sqlite://nope")
        .args(["ticket", "list"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5));
}

#[test]
fn export_and_import_move_an_embedded_home_to_a_team_store_and_back() {
    let team = team_store_or_skip!();
    let embedded = TestEnv::with_examples();
    let first = embedded.incident("carol", "printer on fire");
    embedded.ok("bob", &["ticket", "claim", &first.to_string()]);
    embedded.ok(
        "bob",
        &["ticket", "reply", &first.to_string(), "-m", "extinguished"],
    );
    embedded.ok("admin", &["requester", "add", "vera", "--tier", "vip"]);
    embedded.ok("admin", &["agent", "add", "nina", "--skills", "network"]);
    embedded.ok("bob", &["kb", "add", "--title", "Reset your VPN token"]);
    let log = embedded.path().join("vpn.log");
    std::fs::write(&log, "tunnel down\n").unwrap();
    embedded.ok(
        "vera",
        &[
            "ticket",
            "new",
            "-t",
            "incident",
            "--title",
            "VPN drops",
            "-f",
            "service=vpn",
            "--attach",
            log.to_str().unwrap(),
        ],
    );
    let export = embedded.path().join("all.jsonl");
    embedded.ok("admin", &["export", "-o", export.to_str().unwrap()]);

    team.ok("admin", &["import", export.to_str().unwrap()]);
    let same_desk = |from: &TestEnv, to: &TestEnv| {
        assert_eq!(to.all_tickets().len(), from.all_tickets().len());
        for ticket in from.all_tickets() {
            let id = ticket["id"].as_u64().unwrap();
            let (moved, original) = (to.show(id), from.show(id));
            for field in ["title", "status", "requester", "assignee", "priority"] {
                assert_eq!(moved[field], original[field], "{field} of {id}");
            }
            let files = |shown: &serde_json::Value| shown["attachments"].as_array().map_or(0, |a| a.len());
            assert_eq!(files(&moved), files(&original), "attachments of {id}");
            assert_eq!(kinds(&to.events(id)), kinds(&from.events(id)), "history of {id}");
        }
        let names = |env: &TestEnv, what: &str| -> Vec<String> {
            let mut names: Vec<String> = env
                .json("admin", &[what, "list"])
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p["name"].as_str().unwrap().to_string())
                .collect();
            names.sort();
            names
        };
        assert_eq!(names(to, "agent"), names(from, "agent"));
        assert_eq!(names(to, "requester"), names(from, "requester"));
        assert_eq!(to.json("admin", &["requester", "show", "vera"])["tier"], "vip");
        assert_eq!(
            to.json("admin", &["kb", "list"]).as_array().unwrap().len(),
            from.json("admin", &["kb", "list"]).as_array().unwrap().len()
        );
        to.ok("admin", &["doctor"]);
    };
    same_desk(&embedded, &team);

    // And back: the team store's export into a new embedded home.
    let back = TestEnv::with_examples();
    let export = team.path().join("team.jsonl");
    team.ok("admin", &["export", "-o", export.to_str().unwrap()]);
    back.ok("admin", &["import", export.to_str().unwrap()]);
    same_desk(&team, &back);
}

#[test]
fn tls_verifies_the_server_certificate_against_pgsslrootcert() {
    let Some(url) = pg_server::fresh_database_url("tls") else {
        return;
    };
    let server = pg_server::server().unwrap();
    let Some(root) = server.tls_root() else {
        return;
    };
    let database = pg_server::database_of(&url);
    server.require_tls_for(&database);
    let env = TestEnv::empty();
    let init = |url: &str, vars: &[(&str, &str)]| {
        env.desk("admin")
            .envs(vars.iter().copied())
            .args(["init", "--insecure-test-identities", "--store", url])
            .output()
            .unwrap()
    };
    // This database takes no plain connection.
    let plain = init(&url, &[]);
    assert_eq!(
        plain.status.code(),
        Some(69),
        "{}",
        String::from_utf8_lossy(&plain.stderr)
    );
    // TLS to a server whose CA the client does not trust: refused, never silently accepted.
    let tls_url = url.replace("sslmode=disable", "sslmode=require");
    let untrusted = init(&tls_url, &[]);
    let stderr = String::from_utf8_lossy(&untrusted.stderr);
    assert_eq!(untrusted.status.code(), Some(69), "{stderr}");
    assert!(stderr.to_lowercase().contains("certificate"), "{stderr}");
    assert!(!env.home().exists());
    // Trusting the team's CA: the connection is made, over TLS.
    let trusted = init(&tls_url, &[("PGSSLROOTCERT", root.to_str().unwrap())]);
    assert!(
        trusted.status.success(),
        "{}",
        String::from_utf8_lossy(&trusted.stderr)
    );
    let out = env
        .desk("carol")
        .env("PGSSLROOTCERT", &root)
        .args(["ticket", "list", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn a_client_killed_mid_command_leaves_nothing_partial_and_no_lock_behind() {
    let env = team_store_or_skip!();
    let started = std::time::Instant::now();
    env.incident("admin", "calibration");
    let typical = started.elapsed().as_micros() as u64;
    let seed = fastrand::u64(..);
    eprintln!("team store crash test seed: {seed}");
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut reported = Vec::new();
    let mut killed = 0;
    for run in 0..30 {
        let title = format!("crash run {run}");
        let mut child = desk_process(&env, "admin", &incident_args(&title))
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_micros(rng.u64(0..typical * 3 / 2)));
        let _ = child.kill(); // SIGKILL: the server sees the connection drop
        let out = child.wait_with_output().unwrap();
        match out.status.success() {
            true => reported.push((
                String::from_utf8(out.stdout)
                    .unwrap()
                    .trim()
                    .parse::<u64>()
                    .unwrap(),
                title,
            )),
            false => killed += 1,
        }
    }
    assert!(
        killed > 0,
        "no process was killed mid-flight; the test proved nothing"
    );
    // The next command gets the store at once: the lock went with the killed connection.
    let out = desk_process(&env, "admin", &["ticket", "list", "--json"])
        .env("DESK_LOCK_TIMEOUT", "2")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    for (id, title) in &reported {
        assert_eq!(env.show(*id)["title"].as_str(), Some(title.as_str()));
    }
    // Every ticket that exists has its whole first commit: the record and its event.
    for ticket in env.all_tickets() {
        let id = ticket["id"].as_u64().unwrap();
        assert_eq!(kinds(&env.events(id)).first(), Some(&"created"), "ticket {id}");
    }
    env.ok("admin", &["doctor"]);
}

/// The database a team-store home's config.toml names.
fn database_of(env: &TestEnv) -> String {
    let config = std::fs::read_to_string(env.home().join("config.toml")).unwrap();
    let url = config
        .lines()
        .find_map(|line| line.strip_prefix("url = "))
        .expect("[store] url");
    pg_server::database_of(url.trim_matches('"'))
}

#[test]
fn dashboards_read_tickets_events_and_people_from_views_with_a_read_only_role() {
    let env = team_store_or_skip!();
    let id = env.incident("carol", "发票 printer jams");
    env.ok("bob", &["ticket", "claim", &id.to_string()]);
    env.ok("bob", &["ticket", "tag", &id.to_string(), "+hardware"]);
    let server = pg_server::server().unwrap();
    let database = database_of(&env);
    let ticket = server.psql(
        &database,
        &format!("SELECT display_id, type, title, status, assignee, requester, tags FROM desk_tickets WHERE id = {id}"),
    );
    assert_eq!(
        ticket,
        format!("INC-{id}|incident|发票 printer jams|pending|bob|carol|{{hardware}}")
    );
    let events = server.psql(
        &database,
        &format!("SELECT string_agg(kind, ',' ORDER BY seq) FROM desk_events WHERE ticket_id = {id}"),
    );
    assert_eq!(events, kinds(&env.events(id)).join(","));
    let agents = server.psql(
        &database,
        "SELECT string_agg(name || ':' || role, ',' ORDER BY name) FROM desk_agents",
    );
    assert_eq!(agents, "admin:admin,bob:agent,dave:lead,erin:agent");

    // A role that may read the views and nothing else, as docs/postgres.md sets one up.
    server.psql(&database, "CREATE ROLE dashboards LOGIN");
    server.psql(
        &database,
        "GRANT SELECT ON desk_tickets, desk_events, desk_agents, desk_requesters TO dashboards",
    );
    let seen = server
        .psql_as("dashboards", &database, "SELECT count(*) FROM desk_tickets")
        .unwrap();
    assert_eq!(seen, "1");
    let refused = server
        .psql_as("dashboards", &database, "SELECT count(*) FROM desk_kv")
        .unwrap_err();
    assert!(refused.contains("permission denied"), "{refused}");
    let refused = server
        .psql_as("dashboards", &database, "DELETE FROM desk_kv")
        .unwrap_err();
    assert!(refused.contains("permission denied"), "{refused}");
}

#[test]
fn on_a_team_store_the_postgresql_role_is_who_acts() {
    let Some(url) = pg_server::fresh_database_url("roles") else {
        return;
    };
    let server = pg_server::server().unwrap();
    let database = pg_server::database_of(&url);
    for role in ["ana", "ben", "cy"] {
        server.psql("postgres", &format!("CREATE ROLE {role} LOGIN"));
    }
    server.psql("postgres", &format!("ALTER DATABASE {database} OWNER TO ana"));
    // No user in the URL: each person signs in as their own role (PGUSER here; on a host,
    // their OS account's name or ~/.pgpass).
    let url = url.replace(&format!("{}@", pg_server::SUPERUSER), "");
    let env = TestEnv::empty();
    let as_role = |role: &str, args: &[&str]| {
        env.desk(role)
            .env_remove("DESK_USER")
            .env("PGUSER", role)
            .args(args)
            .output()
            .unwrap()
    };
    let init = as_role("ana", &["init", "--examples", "--store", &url]);
    let stdout = String::from_utf8_lossy(&init.stdout);
    assert!(init.status.success(), "{}", String::from_utf8_lossy(&init.stderr));
    assert!(
        stdout.contains("Admin: ana"),
        "the role is the first admin, not the OS account: {stdout}"
    );
    // A role the owner has not granted anything yet: exit 4, saying where the grants are.
    let refused = as_role("cy", &["ticket", "list"]);
    assert_eq!(refused.status.code(), Some(4));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains("refused: permission denied") && stderr.contains("docs/postgres.md"),
        "{stderr}"
    );
    server.psql(
        &database,
        "CREATE ROLE desk_users;
         GRANT SELECT, INSERT, UPDATE, DELETE ON desk_kv TO desk_users;
         GRANT USAGE, SELECT, UPDATE ON SEQUENCE desk_ticket_ids, desk_search_seq TO desk_users;
         GRANT desk_users TO ben, cy",
    );
    assert!(as_role("ana", &["agent", "add", "ben", "--skills", "ops"])
        .status
        .success());

    let filed = as_role(
        "cy",
        &[
            "ticket",
            "new",
            "--type",
            "incident",
            "--title",
            "disk full",
            "-f",
            "service=db",
            "--json",
        ],
    );
    assert!(
        filed.status.success(),
        "{}",
        String::from_utf8_lossy(&filed.stderr)
    );
    let ticket: Value = serde_json::from_slice(&filed.stdout).unwrap();
    assert_eq!(ticket["requester"], "cy");
    let id = ticket["id"].as_u64().unwrap().to_string();
    assert!(as_role("ben", &["ticket", "claim", &id]).status.success());

    // --as is an admin's power on a team store too, judged by the role.
    let refused = as_role("ben", &["--as", "ana", "ticket", "comment", &id, "-m", "sneaky"]);
    assert_eq!(refused.status.code(), Some(4));
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("PostgreSQL role ben"),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );
    assert!(
        as_role("ana", &["--as", "ben", "ticket", "comment", &id, "-m", "for ben"])
            .status
            .success()
    );

    let log = as_role("ana", &["ticket", "log", &id, "--json"]);
    let events: Vec<Value> = serde_json::from_slice(&log.stdout).unwrap();
    let actors: Vec<(&str, Option<&str>)> = events
        .iter()
        .map(|e| (e["actor"].as_str().unwrap(), e["real_actor"].as_str()))
        .collect();
    assert_eq!(actors, [("cy", None), ("ben", None), ("ben", Some("ana"))]);

    // A role named otherwise (a CI runner's service role) signs in as the desk user an
    // admin maps it to, and that desk user's own name then no longer signs in.
    for role in ["svc_ci_7", "dora"] {
        server.psql("postgres", &format!("CREATE ROLE {role} LOGIN"));
        server.psql(&database, &format!("GRANT desk_users TO {role}"));
    }
    assert!(as_role("ana", &["agent", "add", "dora", "--os-user", "svc_ci_7"])
        .status
        .success());
    let commented = as_role("svc_ci_7", &["ticket", "comment", &id, "-m", "from CI", "--json"]);
    assert!(
        commented.status.success(),
        "{}",
        String::from_utf8_lossy(&commented.stderr)
    );
    let log: Vec<Value> =
        serde_json::from_slice(&as_role("ana", &["ticket", "log", &id, "--json"]).stdout).unwrap();
    assert_eq!(log.last().unwrap()["actor"], "dora");
    let refused = as_role("dora", &["ticket", "list"]);
    assert_eq!(refused.status.code(), Some(4));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr
            .contains("PostgreSQL role dora is not desk user dora, who signs in as PostgreSQL role svc_ci_7"),
        "{stderr}"
    );
}

#[test]
fn a_mistake_elsewhere_in_config_toml_does_not_lose_the_team_store() {
    let env = team_store_or_skip!();
    let id = env.incident("carol", "still there");
    let path = env.home().join("config.toml");
    let good = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        good.replace("default_tier = \"standard\"", "default_tier = \"standrd\""),
    )
    .unwrap();
    // Listing needs no tier: it reads the team store, not an embedded one.
    let listed = env.json("admin", &["ticket", "list"]);
    assert_eq!(listed[0]["id"], id);
    assert!(!env.home().join("hot").exists(), "no embedded store appeared");
    // A bad [store] itself is an error naming the key.
    std::fs::write(&path, format!("{good}identity = \"kerberos\"\n")).unwrap();
    let stderr = env.fails("admin", &["ticket", "list"], 5);
    assert!(stderr.contains("store.identity"), "{stderr}");
}

#[test]
fn identity_os_makes_the_os_account_who_acts_on_a_team_store() {
    let Some(url) = pg_server::fresh_database_url("os-identity") else {
        return;
    };
    let env = TestEnv::empty();
    let login = whoami::username();
    // The first admin is the role by default; with identity = "os", the OS account.
    let config_with = |identity: &str| {
        let path = env.home().join("config.toml");
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, format!("{text}identity = \"{identity}\"\n")).unwrap();
    };
    std::fs::create_dir_all(env.home()).unwrap();
    std::fs::write(
        env.home().join("config.toml"),
        format!("[store]\nurl = \"{url}\"\n"),
    )
    .unwrap();
    config_with("os");
    let init = env.desk(&login).args(["init", "--examples"]).output().unwrap();
    let stdout = String::from_utf8_lossy(&init.stdout);
    assert!(init.status.success(), "{}", String::from_utf8_lossy(&init.stderr));
    assert!(stdout.contains(&format!("Admin: {login}")), "{stdout}");
    let filed = env
        .desk(&login)
        .args([
            "ticket",
            "new",
            "--type",
            "incident",
            "--title",
            "os",
            "-f",
            "service=db",
            "--json",
        ])
        .output()
        .unwrap();
    let ticket: Value = serde_json::from_slice(&filed.stdout).unwrap();
    assert_eq!(ticket["requester"].as_str(), Some(login.as_str()));
}

#[test]
fn flushes_on_four_hosts_at_once_deliver_each_message_once() {
    let env = team_store_or_skip!();
    let sink = crate::notify::ExecSink::new(&env);
    crate::notify::configure(
        &env,
        &format!(
            "{}[[notify.rules]]\non = \"created\"\nsink = \"log\"\n",
            sink.toml("log")
        ),
    );
    // Every host delivers by the settings published to the team store.
    env.ok("admin", &["config", "publish"]);
    let hosts: Vec<TestEnv> = (0..3).map(|_| env.another_host()).collect();
    let all: Vec<&TestEnv> = std::iter::once(&env).chain(hosts.iter()).collect();
    let filed: BTreeSet<u64> = (0..12)
        .map(|i| {
            all[i % 4]
                .ok("carol", &incident_args(&format!("outage {i}")))
                .trim()
                .parse()
                .unwrap()
        })
        .collect();
    let flushes: Vec<_> = (0..8)
        .map(|i| {
            desk_process(all[i % 4], "admin", &["notify", "flush", "-q"])
                .spawn()
                .unwrap()
        })
        .collect();
    for flush in flushes {
        let out = flush.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    let received = sink.received();
    let tickets: Vec<u64> = received
        .iter()
        .map(|message| {
            message["ticket"]["id"]
                .as_u64()
                .unwrap_or_else(|| panic!("{message}"))
        })
        .collect();
    assert_eq!(tickets.len(), 12, "each message once: {tickets:?}");
    assert_eq!(tickets.iter().copied().collect::<BTreeSet<u64>>(), filed);
}

#[test]
fn readers_never_wait_and_a_writer_waits_for_a_held_row_at_most_desk_lock_timeout() {
    let env = team_store_or_skip!();
    let id = env.incident("carol", "held row");
    let database = database_of(&env);
    let server = pg_server::server().unwrap();
    // Another session holds the ticket's row (as a long commit would) until the test lets
    // go, and says it has it by taking advisory lock 42.
    let mut holder = KillOnDrop(server.psql_session(&database));
    let mut holder_input = holder.0.stdin.take().unwrap();
    writeln!(
        holder_input,
        "BEGIN; SELECT 1 FROM desk_kv WHERE key = 't/'::bytea || int8send({id}) FOR UPDATE;
         SELECT pg_advisory_lock(42);"
    )
    .unwrap();
    while server.psql(
        &database,
        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = 42",
    ) != "1"
    {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert_eq!(env.show(id)["title"], "held row");
    env.ok("carol", &["ticket", "list"]);
    assert!(
        holder.0.try_wait().unwrap().is_none(),
        "the reads did not wait for the row"
    );
    let claim = env
        .desk("bob")
        .env("DESK_LOCK_TIMEOUT", "1")
        .args(["ticket", "claim", &id.to_string()])
        .output()
        .unwrap();
    assert_eq!(
        claim.status.code(),
        Some(75),
        "{}",
        String::from_utf8_lossy(&claim.stderr)
    );
    assert!(
        holder.0.try_wait().unwrap().is_none(),
        "the holder is still there"
    );
    writeln!(holder_input, "COMMIT;").unwrap();
    drop(holder_input);
    assert!(holder.0.wait().unwrap().success());
    assert_eq!(
        env.show(id)["status"],
        "unclaimed",
        "the refused claim wrote nothing"
    );
    env.ok("bob", &["ticket", "claim", &id.to_string()]);
    assert_eq!(env.show(id)["assignee"], "bob");
}

/// Kills the child if the test fails before waiting for it.
struct KillOnDrop(std::process::Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn agents_on_four_hosts_claiming_the_same_tickets_at_once_get_one_claim_each() {
    let env = team_store_or_skip!();
    let hosts: Vec<TestEnv> = (0..3).map(|_| env.another_host()).collect();
    let all: Vec<&TestEnv> = std::iter::once(&env).chain(hosts.iter()).collect();
    for agent in ["ann", "ben", "cat", "dan"] {
        env.ok("admin", &["agent", "add", agent]);
    }
    let ids: Vec<String> = (0..6)
        .map(|i| env.incident("carol", &format!("wanted {i}")).to_string())
        .collect();
    let claims: Vec<_> = ids
        .iter()
        .flat_map(|id| {
            ["ann", "ben", "cat", "dan"]
                .into_iter()
                .enumerate()
                .map(|(n, agent)| {
                    (
                        desk_process(all[n], agent, &["ticket", "claim", id])
                            .spawn()
                            .unwrap(),
                        id,
                    )
                })
                .collect::<Vec<_>>()
        })
        .collect();
    let mut winners: std::collections::BTreeMap<String, usize> = Default::default();
    for (claim, id) in claims {
        let out = claim.wait_with_output().unwrap();
        match out.status.code() {
            Some(0) => *winners.entry(id.clone()).or_default() += 1,
            // The others are told it is taken: the conflict exit, not a busy store.
            Some(6) => {}
            other => panic!(
                "claim of {id}: {other:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            ),
        }
    }
    for id in &ids {
        assert_eq!(winners.get(id), Some(&1), "ticket {id}: {winners:?}");
        let events = env.events(id.parse().unwrap());
        assert_eq!(
            kinds(&events).iter().filter(|k| **k == "claimed").count(),
            1,
            "{events:?}"
        );
    }
}

#[test]
fn a_file_attached_on_one_host_opens_on_another() {
    let env = team_store_or_skip!();
    let other = env.another_host();
    let log = env.path().join("build.log");
    std::fs::write(&log, "error: linker failed\n").unwrap();
    let id: u64 = env
        .ok(
            "carol",
            &[
                "ticket",
                "new",
                "--type",
                "incident",
                "--title",
                "build broke",
                "-f",
                "service=ci",
                "--attach",
                log.to_str().unwrap(),
                "-q",
            ],
        )
        .trim()
        .parse()
        .unwrap();
    // The other host has never seen the file: showing the ticket brings it there.
    let shown = other.show(id);
    let path = shown["attachments"][0]["path"].as_str().unwrap().to_string();
    assert!(path.starts_with(other.home().to_str().unwrap()), "{path}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "error: linker failed\n");
    // And back: a reply's file from the other host opens on the first.
    let trace = other.path().join("trace.txt");
    std::fs::write(&trace, "at main.rs:42\n").unwrap();
    other.ok("bob", &["ticket", "claim", &id.to_string()]);
    other.ok(
        "bob",
        &[
            "ticket",
            "reply",
            &id.to_string(),
            "-m",
            "see the trace",
            "--attach",
            trace.to_str().unwrap(),
        ],
    );
    let shown = env.show(id);
    let path = shown["attachments"][1]["path"].as_str().unwrap().to_string();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "at main.rs:42\n");
    // An export from a third host carries both files.
    let third = env.another_host();
    let export = third.ok("admin", &["export"]);
    let attachment_lines = export
        .lines()
        .filter(|line| line.contains("\"attachment\""))
        .count();
    assert_eq!(attachment_lines, 2, "{export}");
}

#[test]
fn an_older_desks_team_store_waits_for_desk_migrate_by_an_admin() {
    let env = team_store_or_skip!();
    let id = env.incident("carol", "before the upgrade");
    let server = pg_server::server().unwrap();
    let database = database_of(&env);
    // As an older desk left it: tables of version 1, records of schema 1.
    server.psql(&database, "COMMENT ON VIEW desk_tickets IS 'desk schema 1'");
    server.psql(
        &database,
        "UPDATE desk_kv SET value = '\\x00000001'::bytea WHERE key = 'm/schema'::bytea",
    );
    let before = server.psql(&database, "SELECT count(*) FROM desk_kv");

    // No command upgrades a shared store as a side effect, reading or writing.
    for args in [&["ticket", "list"][..], &incident_args("x")] {
        let error = env.fails("carol", args, 5);
        assert!(
            error.contains("uses schema 1") && error.contains("run `desk migrate`"),
            "{error}"
        );
    }
    let check = env.run("carol", &["migrate", "--check"]);
    assert_eq!(check.status.code(), Some(5));
    let check = format!(
        "{}{}",
        String::from_utf8_lossy(&check.stdout),
        String::from_utf8_lossy(&check.stderr)
    );
    assert!(
        check.contains("schema 1")
            && check.contains("desk_tickets")
            && check.contains("3 migration steps are due"),
        "{check}"
    );
    let checked = env.run("carol", &["migrate", "--check", "--json"]);
    let checked: Value = serde_json::from_slice(&checked.stdout).unwrap();
    assert_eq!(checked["up_to_date"], false);
    assert_eq!(checked["schema_version"], 1);
    assert_eq!(checked["pending"].as_array().unwrap().len(), 3, "{checked}");
    let error = env.fails("bob", &["migrate"], 4);
    assert!(error.contains("only admins migrate the store"), "{error}");
    assert_eq!(server.psql(&database, "SELECT count(*) FROM desk_kv"), before);
    assert_eq!(
        server.psql(
            &database,
            "SELECT obj_description('desk_tickets'::regclass, 'pg_class')"
        ),
        "desk schema 1"
    );

    let out = env.ok("admin", &["migrate"]);
    assert!(
        out.contains("migrated:") && out.contains("now at schema"),
        "{out}"
    );
    assert!(server
        .psql(
            &database,
            "SELECT obj_description('desk_tickets'::regclass, 'pg_class')"
        )
        .starts_with("desk schema "));
    env.ok("carol", &["migrate", "--check"]);
    assert!(env.ok("admin", &["migrate"]).contains("nothing to migrate"));
    // Every host goes on where it left off.
    assert_eq!(env.another_host().show(id)["title"], "before the upgrade");
    assert_eq!(env.incident("carol", "after the upgrade"), id + 1);
}

#[test]
fn ticket_types_published_on_one_host_are_the_types_of_every_host() {
    let env = team_store_or_skip!();
    let other = env.another_host();
    // `init --examples` on a new team store published its types: a host with no
    // templates/ of its own lists and files them.
    let listed: Vec<String> = other
        .json("carol", &["template", "list"])
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap().to_string())
        .collect();
    assert!(listed.contains(&"incident".to_string()), "{listed:?}");
    let id = other.incident("carol", "filed from a host without templates");

    // An admin edits a type on the first host and publishes it.
    let path = env.home().join("templates/incident.toml");
    let source = std::fs::read_to_string(&path).unwrap();
    let edited = source.replacen("description = ", "description = \"Edited: \" # was ", 1);
    assert_ne!(edited, source);
    std::fs::write(&path, &edited).unwrap();
    let error = env.fails("bob", &["template", "publish", "incident"], 4);
    assert!(error.contains("only admins publish ticket types"), "{error}");
    assert_ne!(
        other.json("carol", &["template", "show", "incident"])["description"],
        "Edited: "
    );
    assert!(env
        .ok("admin", &["template", "publish", "incident"])
        .contains("published incident"));
    assert_eq!(
        other.json("carol", &["template", "show", "incident"])["description"],
        "Edited: "
    );

    // A local edit on the other host that was not published changes nothing there.
    std::fs::write(
        other.home().join("templates/incident.toml"),
        "description = \"local only\"\n",
    )
    .unwrap();
    assert_eq!(
        other.json("carol", &["template", "show", "incident"])["description"],
        "Edited: "
    );
    // `pull` brings the team's copy into templates/, to edit.
    let pulled = other.ok("carol", &["template", "pull"]);
    assert!(pulled.contains("wrote templates/incident.toml"), "{pulled}");
    assert_eq!(
        std::fs::read_to_string(other.home().join("templates/incident.toml")).unwrap(),
        edited
    );

    // A broken template is refused with its place, and nothing is published.
    std::fs::write(
        env.home().join("templates/broken.toml"),
        "workflow = \"sideways\"\n",
    )
    .unwrap();
    let error = env.fails("admin", &["template", "publish", "broken"], 5);
    assert!(error.contains("broken.toml:1:"), "{error}");
    let error = env.fails("admin", &["template", "publish", "nosuch"], 3);
    assert!(error.contains("nosuch.toml"), "{error}");
    assert!(!other.ok("carol", &["template", "list", "-q"]).contains("broken"));

    // Withdrawn: no host files it any more; its tickets stay.
    env.ok("admin", &["template", "publish", "--remove", "incident"]);
    let error = other.fails("carol", &incident_args("x"), 3);
    assert!(error.contains("incident"), "{error}");
    assert_eq!(other.show(id)["type"], "incident");
    env.fails("admin", &["template", "publish", "--remove", "incident"], 3);
}

#[test]
fn settings_published_on_one_host_are_the_settings_of_every_host() {
    let env = team_store_or_skip!();
    // `init` on the new team store published config.toml (all but [store]): a host whose
    // config.toml names only the store knows the tiers.
    let other = env.another_host();
    let shown = other.json("carol", &["config", "show"]);
    assert_eq!(shown["origin"], "team-store");
    assert!(shown["source"].as_str().unwrap().contains("[tiers.vip]"));
    assert!(!shown["source"].as_str().unwrap().contains("[store]"), "{shown}");
    other.ok("admin", &["requester", "add", "carol", "--tier", "vip"]);
    other.fails("admin", &["requester", "add", "erin-c", "--tier", "gold"], 5);

    // An admin adds a tier on the first host and publishes it; until then no host has it.
    let path = env.home().join("config.toml");
    let original = std::fs::read_to_string(&path).unwrap();
    let with_gold = original.replacen(
        "[tiers.vip]",
        "[tiers.gold]\ndescription = \"Gold accounts\"\nrate_limits = [\"3/1h\"]\n\n[tiers.vip]",
        1,
    );
    std::fs::write(&path, &with_gold).unwrap();
    env.fails("admin", &["requester", "add", "gina", "--tier", "gold"], 5);
    let error = env.fails("bob", &["config", "publish"], 4);
    assert!(
        error.contains("only admins publish the desk's settings"),
        "{error}"
    );
    assert!(env.ok("admin", &["config", "publish"]).contains("published"));
    // Changing what every host works by is in the audit log, as other privileged moves.
    let audit = env.json("admin", &["audit"]);
    let logged: Vec<&str> = audit
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["command"].as_str())
        .collect();
    assert!(logged.contains(&"config publish"), "{audit}");
    other.ok("admin", &["requester", "add", "gina", "--tier", "gold"]);
    // Its rate limit holds on every host: 3 an hour, wherever they are filed.
    for host in [&env, &other, &env] {
        host.ok("gina", &incident_args("gold"));
    }
    let error = other.fails("gina", &incident_args("one too many"), 7);
    assert!(error.contains("3/1h"), "{error}");

    // A local edit that was not published changes nothing, on any host.
    std::fs::write(&path, with_gold.replacen("[tiers.gold]", "[tiers.local-only]", 1)).unwrap();
    env.fails("admin", &["requester", "add", "lou", "--tier", "local-only"], 5);
    assert_eq!(env.json("admin", &["config", "show"])["local_differs"], true);
    let doctor = env.run("admin", &["doctor"]);
    let said = String::from_utf8_lossy(&doctor.stderr);
    assert!(said.contains("other settings than the team store's"), "{said}");

    // A mistake is refused with its place, and nothing is published.
    std::fs::write(
        &path,
        with_gold.replacen("rate_limits = [\"3/1h\"]", "rate_limits = [\"3 an hour\"]", 1),
    )
    .unwrap();
    let error = env.fails("admin", &["config", "publish"], 5);
    assert!(
        error.contains("config.toml:") && error.contains("3 an hour"),
        "{error}"
    );
    other.ok("admin", &["requester", "add", "gil", "--tier", "gold"]);

    // `pull` writes the team's settings into the other host's file, keeping its [store].
    let pulled = other.json("admin", &["config", "pull"]);
    assert_eq!(pulled["written"], true);
    let text = std::fs::read_to_string(other.home().join("config.toml")).unwrap();
    assert!(
        text.contains("[tiers.gold]") && text.contains("[store]"),
        "{text}"
    );
    assert_eq!(other.json("admin", &["config", "show"])["local_differs"], false);
    assert_eq!(other.json("admin", &["config", "pull"])["written"], false);
    other.ok("admin", &["ticket", "list", "-q"]);
}

#[test]
fn config_publish_and_pull_are_for_a_team_store() {
    let env = TestEnv::with_examples();
    let error = env.fails("admin", &["config", "publish"], 5);
    assert!(error.contains("for a team store"), "{error}");
    env.fails("admin", &["config", "pull"], 5);
    let shown = env.json("admin", &["config", "show"]);
    assert_eq!(shown["origin"], "config.toml");
    assert!(shown["source"].as_str().unwrap().contains("[tiers.vip]"));
}

/// `report --json` over the whole history, without the time it was made.
fn whole_report(env: &TestEnv) -> serde_json::Value {
    let mut report = env.json(
        "admin",
        &["report", "--since", "2000-01-01", "--until", "2030-01-01"],
    );
    if let Some(object) = report.as_object_mut() {
        object.remove("now");
    }
    report
}

#[test]
fn sealed_report_digests_give_the_same_report_until_a_closed_ticket_changes() {
    let env = team_store_or_skip!();
    let ids: Vec<String> = (0..4)
        .map(|n| env.incident("carol", &format!("outage {n}")).to_string())
        .collect();
    env.ok("bob", &["ticket", "claim", &ids[0]]);
    env.ok("bob", &["ticket", "reply", &ids[0], "-m", "restarted it"]);
    for id in &ids {
        env.ok("admin", &["ticket", "close", id]);
    }
    env.advance(chrono::Duration::days(8));
    let before = whole_report(&env);
    let in_digests = |env: &TestEnv| env.json("carol", &["archive", "status"])["tickets_in_digests"].clone();

    // Sealing is a lead's or an admin's; a dry run is anyone's, and writes nothing.
    let error = env.fails("bob", &["archive"], 4);
    assert!(error.contains("leads and admins"), "{error}");
    let dry = env.json("bob", &["archive", "--dry-run"]);
    assert_eq!(
        (dry["tickets_sealed"].as_u64(), dry["blocks_sealed"].as_u64()),
        (Some(4), Some(1))
    );
    assert_eq!(in_digests(&env), 0);
    let sealed = env.json("admin", &["archive"]);
    assert_eq!(sealed["tickets_sealed"], 4, "{sealed}");
    assert_eq!(in_digests(&env), 4);
    assert_eq!(whole_report(&env), before, "the digests say what the tickets say");
    assert_eq!(
        env.another_host().json("admin", &["archive"])["blocks_already"],
        1
    );
    // The tickets themselves are where they were.
    assert_eq!(env.show(ids[0].parse().unwrap())["status"], "closed");

    // A comment on a closed ticket, then a reopen: each unseals the block in its commit.
    env.ok("bob", &["ticket", "comment", &ids[1], "-m", "for the record"]);
    assert_eq!(in_digests(&env), 0, "an event alone unseals too");
    env.ok("admin", &["archive"]);
    assert_eq!(in_digests(&env), 4);
    env.ok("admin", &["ticket", "reopen", &ids[2]]);
    assert_eq!(in_digests(&env), 0);
    let reopened = whole_report(&env);
    assert_ne!(reopened, before, "the reopen counts");
    // Open, the block waits; closed long enough, it is sealed again and reads the same.
    assert_eq!(env.json("admin", &["archive"])["blocks_waiting"], 1);
    env.ok("admin", &["ticket", "close", &ids[2]]);
    env.advance(chrono::Duration::days(8));
    let closed_again = whole_report(&env);
    assert_eq!(env.json("admin", &["archive"])["tickets_sealed"], 4);
    assert_eq!(whole_report(&env), closed_again);
}

#[test]
fn doctor_finds_a_report_digest_that_no_longer_says_what_its_tickets_say() {
    let env = team_store_or_skip!();
    let ids: Vec<String> = (0..3)
        .map(|n| env.incident("carol", &format!("old {n}")).to_string())
        .collect();
    for id in &ids {
        env.ok("admin", &["ticket", "close", id]);
    }
    env.advance(chrono::Duration::days(8));
    env.ok("admin", &["archive"]);
    env.ok("admin", &["doctor"]);
    // A change made behind desk's back (straight in the database) leaves the digest stale.
    let priority = env.show(ids[1].parse().unwrap())["priority"]
        .as_str()
        .unwrap()
        .to_string();
    let key = format!("742f{:016x}", ids[1].parse::<u64>().unwrap());
    pg_server::server().unwrap().psql(
        &database_of(&env),
        &format!(
            "UPDATE desk_kv SET value = convert_to(replace(convert_from(value, 'UTF8'), \
             '\"priority\":\"{priority}\"', '\"priority\":\"urgent\"'), 'UTF8') WHERE key = '\\x{key}'"
        ),
    );
    assert_eq!(env.show(ids[1].parse().unwrap())["priority"], "urgent");
    let doctor = env.run("admin", &["doctor"]);
    assert_eq!(doctor.status.code(), Some(5));
    let said = String::from_utf8_lossy(&doctor.stdout);
    assert!(
        said.contains("report digest of tickets 0–1023 is out of date"),
        "{said}"
    );
    env.ok("admin", &["doctor", "--repair"]);
    assert_eq!(env.json("admin", &["archive", "status"])["tickets_in_digests"], 0);
}

#[test]
fn sealing_and_changes_to_closed_tickets_at_once_never_leave_a_stale_digest() {
    let env = team_store_or_skip!();
    let ids: Vec<String> = (0..6)
        .map(|n| env.incident("carol", &format!("old {n}")).to_string())
        .collect();
    for id in &ids {
        env.ok("admin", &["ticket", "close", id]);
    }
    env.advance(chrono::Duration::days(8));
    let hosts: Vec<TestEnv> = (0..2).map(|_| env.another_host()).collect();
    for round in 0..3 {
        let mut running = Vec::new();
        for (n, id) in ids.iter().enumerate() {
            let host = if n % 2 == 0 { &hosts[0] } else { &hosts[1] };
            let note = format!("round {round} note {n}");
            running.push(
                desk_process(host, "bob", &["ticket", "comment", id, "-m", &note])
                    .spawn()
                    .unwrap(),
            );
            running.push(desk_process(&env, "admin", &["archive", "-q"]).spawn().unwrap());
        }
        for child in running {
            let out = child.wait_with_output().unwrap();
            assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        }
        let doctor = env.run("admin", &["doctor"]);
        assert_eq!(
            doctor.status.code(),
            Some(0),
            "round {round}: {}",
            String::from_utf8_lossy(&doctor.stdout)
        );
    }
    // Quiet again, one more run seals what the comments unsealed, and it holds.
    env.ok("admin", &["archive"]);
    assert_eq!(env.json("admin", &["archive", "status"])["tickets_in_digests"], 6);
    env.ok("admin", &["doctor"]);
}

#[test]
fn desk_serve_files_into_a_team_store_that_every_host_sees() {
    let env = team_store_or_skip!();
    env.ok("admin", &["agent", "add", "ci-bot"]);
    let token = env
        .ok(
            "admin",
            &[
                "token",
                "create",
                "--user",
                "ci-bot",
                "--scope",
                "ticket:new",
                "-q",
            ],
        )
        .trim()
        .to_string();
    let served = crate::serve::Served::start(&env, None);
    let (status, filed) = served.call(
        "POST",
        "/api/v1/tickets",
        Some(&token),
        Some(r#"{"type": "incident", "title": "from a runner", "fields": {"service": "ci"}}"#),
    );
    assert_eq!(status, 201, "{filed}");
    let other = env.another_host();
    assert_eq!(other.show(filed["id"].as_u64().unwrap())["channel"], "api");
    // The token is the team store's: revoked on another host, refused here.
    other.ok("admin", &["token", "revoke", "ci-bot"]);
    assert_eq!(
        served.call("POST", "/api/v1/tickets", Some(&token), Some("{}")).0,
        401
    );
}

#[test]
fn desk_with_desk_url_and_the_web_page_work_on_a_team_store() {
    let env = team_store_or_skip!();
    let mail = crate::web::add_mail_sink(&env);
    env.ok("admin", &["config", "publish"]);
    env.ok("admin", &["requester", "add", "carol"]);
    env.ok(
        "admin",
        &["requester", "set", "carol", "--contact", "mail=carol@example.com"],
    );
    let secret = env
        .ok(
            "admin",
            &[
                "token",
                "create",
                "--user",
                "bob",
                "--scope",
                "ticket:new,ticket:read,ticket:write",
                "-q",
            ],
        )
        .trim()
        .to_string();
    let served = crate::serve::Served::start(&env, None);

    // The CLI as the server's client files into the team store; every host sees it.
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("desk"))
        .env_clear()
        .env("DESK_URL", &served.base)
        .env("DESK_TOKEN", &secret)
        .args([
            "ticket",
            "new",
            "-t",
            "incident",
            "--title",
            "over the API",
            "-f",
            "service=vpn",
            "-q",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let id: u64 = String::from_utf8_lossy(&out.stdout).trim().parse().unwrap();
    let other = env.another_host();
    assert_eq!(other.events(id)[0]["token"], "bob");

    // The web page signs in with a link sent through the published settings' sink.
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .build()
        .into();
    let form = |path: &str, body: &str| {
        agent
            .post(&format!("{}{path}", served.base))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .send(body)
            .unwrap()
    };
    assert_eq!(
        form("/web/sign-in", "who=carol%40example.com").status().as_u16(),
        200
    );
    let message: serde_json::Value =
        serde_json::from_str(std::fs::read_to_string(&mail).unwrap().lines().next().unwrap()).unwrap();
    let link = message["link"].as_str().unwrap();
    let path = format!("/web/{}", link.split_once("/web/").unwrap().1);
    let signed_in = form(&path, "");
    assert_eq!(signed_in.status().as_u16(), 303);
    let cookie = signed_in.headers()["Set-Cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let mut page = agent
        .get(&format!("{}/web/tickets", served.base))
        .header("Cookie", &cookie)
        .call()
        .unwrap();
    assert_eq!(page.status().as_u16(), 200);
    assert!(page
        .body_mut()
        .read_to_string()
        .unwrap()
        .contains("Signed in as <strong>carol</strong>"));
}
