//! Ticket types: `template list/show/check`, located errors for broken files, a broken
//! file never stopping the others, and field validation through `ticket new`.

use std::path::Path;

use serde_json::Value;

use crate::common::TestEnv;

const EXAMPLE_TYPES: [&str; 4] = ["access-request", "ci-failure", "customer-complaint", "incident"];

/// A type exercising every field kind and constraint.
const KITCHEN: &str = r#"description = "Every field type"
prefix = "K"
priority = "low"

[[fields]]
name = "count"
type = "int"
min = 1
max = 10
required = true

[[fields]]
name = "due"
type = "date"

[[fields]]
name = "link"
type = "url"

[[fields]]
name = "urgent"
type = "bool"
default = false

[[fields]]
name = "size"
type = "enum"
values = ["s", "m", "l"]
default = "m"

[[fields]]
name = "code"
type = "string"
pattern = "^[A-Z]{3}$"

[[fields]]
name = "notes"
type = "text"
"#;

fn names(list: &Value) -> Vec<&str> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect()
}

#[test]
fn list_shows_every_type_for_people_and_scripts() {
    let env = TestEnv::with_examples();
    let list = env.json("carol", &["template", "list"]);
    assert_eq!(names(&list), EXAMPLE_TYPES);
    let incident = &list[3];
    assert_eq!(incident["prefix"], "INC");
    assert_eq!(incident["workflow"], "internal");
    assert_eq!(incident["priority"], "high");
    assert_eq!(list[2]["workflow"], "customer");
    assert_eq!(
        list[2]["tiers"],
        serde_json::json!(["standard", "vip", "enterprise"])
    );

    // Piped: one tab-separated row per type, no header.
    let text = env.ok("carol", &["template", "list"]);
    let rows: Vec<Vec<&str>> = text.lines().map(|l| l.split('\t').collect()).collect();
    let first: Vec<&str> = rows.iter().map(|r| r[0]).collect();
    assert_eq!(first, EXAMPLE_TYPES, "{text}");
    assert_eq!(rows[3][1], "INC", "{text}");
    assert_eq!(
        env.ok("carol", &["template", "list", "-q"]),
        EXAMPLE_TYPES.join("\n") + "\n"
    );
}

#[test]
fn show_describes_a_type_and_its_fields() {
    let env = TestEnv::with_examples();
    let t = env.json("carol", &["template", "show", "incident"]);
    assert_eq!(t["name"], "incident");
    assert_eq!(t["description"], "Production incident");
    assert_eq!(t["skills"], serde_json::json!(["ops"]));
    assert_eq!(t["sla"], "incident");
    let fields = t["fields"].as_array().unwrap();
    let field_names: Vec<&str> = fields.iter().map(|f| f["name"].as_str().unwrap()).collect();
    assert_eq!(
        field_names,
        ["service", "severity", "users_affected", "dashboard"]
    );
    assert_eq!(
        (&fields[0]["type"], &fields[0]["required"]),
        (&"string".into(), &true.into())
    );
    assert_eq!(fields[0]["pattern"], "^[a-z0-9-]+$");
    assert_eq!(fields[1]["values"], serde_json::json!(["sev1", "sev2", "sev3"]));
    assert_eq!(fields[1]["default"], "sev3");
    assert_eq!(
        (&fields[2]["type"], &fields[2]["min"]),
        (&"int".into(), &0.into())
    );

    let text = env.ok("carol", &["template", "show", "incident"]);
    assert!(text.starts_with("incident — Production incident"), "{text}");
    for needle in ["INC", "internal", "high", "service", "sev1|sev2|sev3"] {
        assert!(text.contains(needle), "`{needle}` missing from:\n{text}");
    }

    let stderr = env.fails("carol", &["template", "show", "incidnt"], 3);
    assert!(stderr.contains("did you mean `incident`?"), "{stderr}");
}

#[test]
fn check_passes_the_examples_and_needs_no_store() {
    let env = TestEnv::with_examples();
    let results = env.json("admin", &["template", "check"]);
    let results = results.as_array().unwrap();
    assert_eq!(results.len(), 4);
    assert!(
        results.iter().all(|r| r["ok"] == true && r["error"].is_null()),
        "{results:?}"
    );

    // The repository's example files, checked with no desk home at all.
    let bare = TestEnv::empty();
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/templates");
    let files: Vec<String> = EXAMPLE_TYPES
        .iter()
        .map(|t| examples.join(format!("{t}.toml")).display().to_string())
        .collect();
    let mut args = vec!["template", "check"];
    args.extend(files.iter().map(String::as_str));
    let text = bare.ok("nobody", &args);
    assert_eq!(text.lines().count(), 4, "{text}");
    assert!(text.lines().all(|l| l.ends_with(": ok")), "{text}");
    assert!(!bare.home().exists(), "check must not create a home");
}

/// (file stem, source, line, column, words in the reason)
const BROKEN: [(&str, &str, usize, usize, &str); 8] = [
    (
        "bad-toml",
        "description = \"x\"\npriority = \n",
        2,
        12,
        "invalid string",
    ),
    (
        "unknown-key",
        "description = \"x\"\nprefix = \"X\"\ncolour = \"red\"\n",
        3,
        1,
        "unknown field `colour`",
    ),
    (
        "bad-enum",
        "description = \"x\"\nworkflow = \"sideways\"\n",
        2,
        12,
        "unknown variant `sideways`",
    ),
    (
        "bad-field-type",
        "[[fields]]\nname = \"a\"\ntype = \"colour\"\n",
        3,
        8,
        "unknown variant `colour`",
    ),
    (
        "bad-field-key",
        "[[fields]]\nname = \"a\"\ntype = \"string\"\nrequird = true\n",
        4,
        1,
        "unknown field `requird`",
    ),
    (
        "bad-regex",
        "description = \"x\"\n\n[[fields]]\nname = \"a\"\ntype = \"string\"\npattern = \"^[a-z\"\n",
        6,
        11,
        "invalid pattern",
    ),
    (
        "bad-default",
        "description = \"x\"\n\n[[fields]]\nname = \"n\"\ntype = \"int\"\nmin = 1\nmax = 5\n  default = 9\n",
        8,
        13,
        "at most 5",
    ),
    (
        "bad-enum-default",
        "[[fields]]\nname = \"s\"\ntype = \"enum\"\nvalues = [\"a\"]\ndefault = \"b\"\n",
        5,
        11,
        "one of a",
    ),
];

#[test]
fn check_reports_file_line_column_and_reason_for_each_broken_file() {
    let env = TestEnv::empty(); // no desk home: check reads only the files it is given
    for (stem, source, line, column, reason) in BROKEN {
        let path = env.path().join(format!("{stem}.toml"));
        std::fs::write(&path, source).unwrap();
        let file = path.display().to_string();
        let stderr = env.fails("nobody", &["template", "check", &file], 5);
        let first = stderr.lines().next().unwrap_or_default();
        let location = format!("{file}:{line}:{column}: ");
        assert!(
            first.starts_with(&location),
            "{stem}: expected `{location}…`, got:\n{stderr}"
        );
        assert!(
            first.contains(reason),
            "{stem}: reason should say `{reason}`:\n{stderr}"
        );
        let second = stderr.lines().nth(1).unwrap_or_default();
        assert!(
            second.starts_with("error: "),
            "{stem}: one line per bad file:\n{stderr}"
        );

        let out = env
            .desk("nobody")
            .args(["template", "check", &file, "--json"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(5), "{stem} --json");
        let results: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(results[0]["ok"], false);
        assert_eq!(
            (&results[0]["line"], &results[0]["column"]),
            (&line.into(), &column.into()),
            "{stem}"
        );
        assert!(
            results[0]["error"].as_str().unwrap().contains(reason),
            "{stem}: {results}"
        );
    }
    assert!(!env.home().exists());
}

#[test]
fn check_of_several_files_reports_each_and_fails_if_any_is_bad() {
    let env = TestEnv::empty();
    let good = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/templates/incident.toml");
    let bad = env.path().join("broken.toml");
    std::fs::write(&bad, "workflow = 3\n").unwrap();
    let out = env
        .desk("nobody")
        .args([
            "template",
            "check",
            &good.display().to_string(),
            &bad.display().to_string(),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stdout.contains("incident.toml: ok"), "{stdout}");
    assert!(stderr.contains(&format!("{}:1:12: ", bad.display())), "{stderr}");
    assert!(stderr.contains("1 of 2"), "{stderr}");
}

#[test]
fn check_of_a_missing_file_is_not_found() {
    let env = TestEnv::empty();
    let missing = env.path().join("nope.toml");
    let stderr = env.fails(
        "nobody",
        &["template", "check", &missing.display().to_string()],
        3,
    );
    assert!(stderr.starts_with("error: no template file at"), "{stderr}");
}

#[test]
fn a_broken_template_does_not_stop_the_others() {
    let env = TestEnv::with_examples();
    let path = env.write_template("broken", "description = \"oops\"\nworkflow = \"sideways\"\n");
    let location = format!("{}:2:12", path.display());

    // list: the good ones still listed, a warning naming the location.
    let out = env
        .desk("carol")
        .args(["template", "list", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let list: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(names(&list), EXAMPLE_TYPES);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("warning") && stderr.contains(&location),
        "{stderr}"
    );

    // Filing a good type works; the broken type says where it is broken.
    assert_eq!(env.incident("carol", "still works"), 1);
    let stderr = env.fails("carol", &["ticket", "new", "--type", "broken", "--title", "x"], 5);
    assert!(stderr.contains(&location), "{stderr}");
    assert!(stderr.contains("sideways"), "{stderr}");
    let stderr = env.fails("carol", &["template", "show", "broken"], 5);
    assert!(stderr.contains(&location), "{stderr}");

    // check of the whole home: the good ones pass, the bad one fails the command.
    let out = env
        .desk("admin")
        .args(["template", "check", "--json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5));
    let results: Value = serde_json::from_slice(&out.stdout).unwrap();
    let bad: Vec<&Value> = results
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["ok"] == false)
        .collect();
    assert_eq!(results.as_array().unwrap().len(), 5);
    assert_eq!(bad.len(), 1);
    assert_eq!(bad[0]["file"], path.display().to_string());
    assert_eq!(env.all_tickets().len(), 1);
}

#[test]
fn two_types_may_not_share_a_prefix() {
    let env = TestEnv::with_examples();
    let outage = env.write_template("outage", "description = \"Outage\"\n\nprefix = \"INC\"\n");
    let incident = env.home().join("templates/incident.toml");

    // list still lists both, and warns about the clash.
    let out = env
        .desk("carol")
        .args(["template", "list", "-q"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 5);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("warning: types `incident` and `outage` share the prefix `INC`"),
        "{stderr}"
    );
    let unique = env.json("carol", &["template", "list"]);
    assert_eq!(unique.as_array().unwrap().len(), 5);

    // check of the home: both files are reported, at their `prefix` key; exit 5.
    let stderr = env.fails("admin", &["template", "check"], 5);
    assert!(
        stderr.contains(&format!(
            "{}:3:10: prefix `INC` is also used by `incident`; each type needs its own prefix",
            outage.display()
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "{}:3:10: prefix `INC` is also used by `outage`",
            incident.display()
        )),
        "{stderr}"
    );
    assert!(stderr.contains("2 of 5 templates are invalid"), "{stderr}");

    // check FILE of a file about to join the home is checked against the home's types...
    std::fs::remove_file(&outage).unwrap();
    env.ok("admin", &["template", "check"]);
    let newcomer = env.path().join("outage.toml");
    std::fs::write(&newcomer, "prefix = \"INC\"\n").unwrap();
    let results = env.run(
        "admin",
        &["template", "check", &newcomer.display().to_string(), "--json"],
    );
    assert_eq!(results.status.code(), Some(5));
    let results: Value = serde_json::from_slice(&results.stdout).unwrap();
    assert_eq!(results[0]["ok"], false);
    assert_eq!(
        (&results[0]["line"], &results[0]["column"]),
        (&Value::from(1), &Value::from(10))
    );
    assert!(
        results[0]["error"].as_str().unwrap().contains("`incident`"),
        "{results}"
    );
    // ...but a new version of a type replaces it, so keeping its own prefix is fine.
    let edited = env.path().join("incident.toml");
    std::fs::write(&edited, "prefix = \"INC\"\n").unwrap();
    env.ok("admin", &["template", "check", &edited.display().to_string()]);
    // With no home, files are checked against each other only.
    let bare = TestEnv::empty();
    bare.ok("nobody", &["template", "check", &newcomer.display().to_string()]);
    bare.fails(
        "nobody",
        &[
            "template",
            "check",
            &newcomer.display().to_string(),
            &edited.display().to_string(),
        ],
        5,
    );
}

#[test]
fn ticket_new_reports_every_field_problem_at_once_and_creates_nothing() {
    let env = TestEnv::with_examples();
    env.write_template("kitchen", KITCHEN);
    let stderr = env.fails(
        "carol",
        &[
            "ticket",
            "new",
            "--type",
            "kitchen",
            "--title",
            "all wrong",
            "-f",
            "count=eleven",
            "-f",
            "due=2026-02-30",
            "-f",
            "link=not a url",
            "-f",
            "urgent=maybe",
            "-f",
            "size=xl",
            "-f",
            "code=abc",
            "-f",
            "colour=red",
        ],
        5,
    );
    for problem in [
        "field `count` must be an integer, not `eleven`",
        "field `due` must be a date",
        "field `link` must be an absolute URL such as https://example.com/x, not `not a url`",
        "field `urgent` must be true or false",
        "field `size` must be one of s, m, l, not `xl`",
        "field `code` must match `^[A-Z]{3}$`, not `abc`",
        "unknown field `colour`",
    ] {
        assert!(stderr.contains(problem), "`{problem}` not reported:\n{stderr}");
    }
    // min and max, and a missing required field reported along with a bad value.
    let stderr = env.fails(
        "carol",
        &[
            "ticket", "new", "--type", "kitchen", "--title", "t", "-f", "count=11",
        ],
        5,
    );
    assert!(
        stderr.contains("field `count` must be at most 10, not 11"),
        "{stderr}"
    );
    let stderr = env.fails(
        "carol",
        &[
            "ticket", "new", "--type", "kitchen", "--title", "t", "-f", "count=0",
        ],
        5,
    );
    assert!(
        stderr.contains("field `count` must be at least 1, not 0"),
        "{stderr}"
    );
    let stderr = env.fails(
        "carol",
        &[
            "ticket", "new", "--type", "kitchen", "--title", "t", "-f", "size=xl", "-f", "code=x",
        ],
        5,
    );
    assert!(
        stderr.contains("count"),
        "the missing required field is named:\n{stderr}"
    );
    assert!(
        stderr.contains("size") && stderr.contains("code"),
        "with the bad values:\n{stderr}"
    );
    let stderr = env.fails(
        "carol",
        &[
            "ticket",
            "new",
            "--type",
            "incident",
            "--title",
            "t",
            "-f",
            "service=Bad Name",
            "-f",
            "users_affected=-1",
        ],
        5,
    );
    assert!(
        stderr.contains("must match") && stderr.contains("at least 0"),
        "{stderr}"
    );

    // A bad title is one more problem, reported with the others.
    let stderr = env.fails(
        "carol",
        &[
            "ticket", "new", "--type", "kitchen", "--title", " ", "-f", "count=0", "-f", "size=xl",
        ],
        5,
    );
    for problem in ["the title is empty", "at least 1", "one of s, m, l"] {
        assert!(stderr.contains(problem), "`{problem}` not reported:\n{stderr}");
    }

    assert!(env.all_tickets().is_empty(), "a rejected ticket was created");
    // The rejected attempts used no ids.
    let t = env.json(
        "carol",
        &[
            "ticket", "new", "--type", "kitchen", "--title", "fine", "-f", "count=10",
        ],
    );
    assert_eq!(t["id"], 1);
    assert_eq!(t["key"], "K-1");
}

#[test]
fn valid_values_are_stored_typed_and_normalised() {
    let env = TestEnv::with_examples();
    env.write_template("kitchen", KITCHEN);
    let t = env.json(
        "carol",
        &[
            "ticket",
            "new",
            "--type",
            "kitchen",
            "--title",
            "all right",
            "-f",
            "count=1",
            "-f",
            "due=2026-01-31",
            "-f",
            "link=https://grafana.example.com",
            "-f",
            "urgent=yes",
            "-f",
            "size=l",
            "-f",
            "code=ABC",
            "-f",
            "notes=two\nlines",
        ],
    );
    let fields = &t["fields"];
    assert_eq!(fields["count"], 1);
    assert_eq!(fields["due"], "2026-01-31");
    assert_eq!(fields["link"], "https://grafana.example.com/");
    assert_eq!(fields["urgent"], true);
    assert_eq!(fields["size"], "l");
    assert_eq!(fields["code"], "ABC");
    assert_eq!(fields["notes"], "two\nlines");
    assert_eq!(t["priority"], "low", "the template's priority");
}

#[test]
fn defaults_are_applied_and_absent_optional_fields_stay_absent() {
    let env = TestEnv::with_examples();
    let id = env.incident("carol", "db slow");
    let t = env.show(id);
    assert_eq!(t["fields"]["severity"], "sev3");
    assert_eq!(t["fields"]["service"], "api");
    assert!(t["fields"].get("users_affected").is_none(), "{t}");
    assert!(t["fields"].get("dashboard").is_none(), "{t}");
    assert_eq!(t["priority"], "high", "incident's default priority");

    // A given value beats the default, and --priority beats the template's.
    let t = env.json(
        "carol",
        &[
            "ticket",
            "new",
            "--type",
            "incident",
            "--title",
            "t",
            "-f",
            "service=db",
            "-f",
            "severity=sev1",
            "--priority",
            "urgent",
        ],
    );
    assert_eq!(t["fields"]["severity"], "sev1");
    assert_eq!(t["priority"], "urgent");

    let t = env.json(
        "carol",
        &[
            "ticket",
            "new",
            "--type",
            "ci-failure",
            "--title",
            "red build",
            "-f",
            "repo=acme/api",
            "-f",
            "job=test",
        ],
    );
    assert_eq!(t["fields"]["branch"], "main");
    assert_eq!(t["priority"], "normal");
    let t = env.json(
        "carol",
        &[
            "ticket",
            "new",
            "--type",
            "access-request",
            "--title",
            "grafana",
            "-f",
            "system=grafana",
            "-f",
            "justification=on call",
        ],
    );
    assert_eq!(t["fields"]["access_level"], "read");
    // A required enum with no default is not filled in for you.
    let stderr = env.fails(
        "carol",
        &[
            "ticket",
            "new",
            "--type",
            "access-request",
            "--title",
            "x",
            "-f",
            "justification=j",
        ],
        5,
    );
    assert!(stderr.contains("system"), "{stderr}");
}

#[test]
fn publishing_types_is_for_a_team_store() {
    let env = TestEnv::with_examples();
    let error = env.fails("admin", &["template", "publish"], 5);
    assert!(error.contains("is for a team store"), "{error}");
    env.fails("admin", &["template", "pull"], 5);
}
