//! The CI example in `examples/ci/` does what its comments promise.

use std::path::PathBuf;
use std::process::Command;

use crate::common::TestEnv;

/// Run `examples/ci/report-failure.sh` against the test home with CI variables `vars`.
fn report_failure(env: &TestEnv, vars: &[(&str, &str)]) -> String {
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/ci/report-failure.sh");
    // The script runs in a cleared environment (a CI runner's own GITHUB_* variables must
    // not leak in), but it needs PATH to find bash and tail.
    #[allow(clippy::disallowed_methods)]
    let path = std::env::var_os("PATH").unwrap_or_default();
    let mut cmd = Command::new("bash");
    cmd.arg(script)
        .env_clear()
        .env("PATH", path)
        .env("DESK", assert_cmd::cargo::cargo_bin("desk"))
        .env("DESK_HOME", env.home())
        .env("DESK_NOW", env.now().to_rfc3339())
        .envs(vars.iter().copied());
    env.advance(chrono::Duration::minutes(1));
    let out = cmd.output().expect("run bash");
    assert!(
        out.status.success(),
        "report-failure.sh failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

#[test]
fn the_ci_example_opens_one_ticket_per_failing_job() {
    let env = TestEnv::with_examples();
    env.ok("admin", &["requester", "add", "ci", "--tier", "internal"]);
    let log = env.path().join("build.log");
    std::fs::write(&log, "compiling\nerror[E0308]: mismatched types\n").unwrap();
    let github = [
        ("GITHUB_REPOSITORY", "acme/shop"),
        ("GITHUB_JOB", "test"),
        ("GITHUB_REF_NAME", "main"),
        ("GITHUB_SHA", "0123456789abcdef0123456789abcdef01234567"),
        ("GITHUB_RUN_ID", "991"),
        ("CI_LOG_FILE", log.to_str().unwrap()),
    ];
    let first = report_failure(&env, &github);
    let second = report_failure(&env, &github);
    assert_eq!(first, second, "the second failure bumps the same ticket");
    let t = env.show(first.parse().unwrap());
    assert_eq!(t["occurrences"], 2);
    assert_eq!(t["requester"], "ci");
    assert_eq!(t["channel"], "ci", "report --by channel tells CI's tickets apart");
    assert_eq!(
        t["fields"]["run_url"],
        "https://github.com/acme/shop/actions/runs/991"
    );
    assert!(t["body"].as_str().unwrap().contains("mismatched types"), "{t}");

    // GitLab's nested group paths and variable names work too, and are a different job.
    let gitlab = [
        ("CI_PROJECT_PATH", "acme/platform/shop"),
        ("CI_JOB_NAME", "lint"),
        ("CI_COMMIT_REF_NAME", "main"),
        (
            "CI_JOB_URL",
            "https://gitlab.example.com/acme/platform/shop/-/jobs/7",
        ),
    ];
    let third = report_failure(&env, &gitlab);
    assert_ne!(third, first);
    assert_eq!(
        env.show(third.parse().unwrap())["fields"]["repo"],
        "acme/platform/shop"
    );

    // Once the ticket is closed, the next failure opens a new one.
    env.ok("admin", &["ticket", "close", &first]);
    let fourth = report_failure(&env, &github);
    assert_ne!(fourth, first);
}

/// Run an `examples/ci/` script against `served` with `token`, as a runner with no desk
/// home would.
fn over_the_api(script: &str, served: &crate::serve::Served, token: &str, vars: &[(&str, &str)]) -> String {
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("examples/ci")
        .join(script);
    #[allow(clippy::disallowed_methods)]
    let path = std::env::var_os("PATH").unwrap_or_default();
    let out = Command::new("bash")
        .arg(&script)
        .env_clear()
        .env("PATH", path)
        .env("DESK", assert_cmd::cargo::cargo_bin("desk"))
        .env("DESK_URL", &served.base)
        .env("DESK_TOKEN", token)
        .envs(vars.iter().copied())
        .output()
        .expect("run bash");
    assert!(
        out.status.success(),
        "{} failed:\n{}",
        script.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

#[test]
fn the_ci_examples_file_over_the_api_with_a_token_for_ci_failures_only() {
    if Command::new("jq").arg("--version").output().is_err()
        || Command::new("curl").arg("--version").output().is_err()
    {
        eprintln!("skipping the curl example: curl or jq is not installed");
        return;
    }
    let env = TestEnv::with_examples();
    env.ok("admin", &["requester", "add", "ci", "--tier", "internal"]);
    let token = crate::serve::token(
        &env,
        &["--user", "ci", "--scope", "ticket:new", "--type", "ci-failure"],
    );
    let served = crate::serve::Served::start(&env, None);
    let job = [
        ("CI_REPO", "acme/shop"),
        ("CI_JOB", "test"),
        ("CI_BRANCH", "main"),
    ];
    let first = over_the_api("report-failure.sh", &served, &token, &job);
    let second = over_the_api("report-failure-curl.sh", &served, &token, &job);
    assert_eq!(
        first, second,
        "the same job's failure bumps the same ticket either way"
    );
    let t = env.show(first.parse().unwrap());
    assert_eq!(
        (t["occurrences"].as_u64(), t["requester"].as_str()),
        (Some(2), Some("ci"))
    );
    assert_eq!(t["channel"], "ci");
    assert_eq!(env.events(t["id"].as_u64().unwrap())[0]["token"], "ci");
}
