//! A throwaway PostgreSQL server for tests, from the system's packages (Debian's
//! `postgresql`: `/usr/lib/postgresql/NN/bin`), shared by the library's store conformance
//! suite and the CLI tests (both include this file).
//!
//! One server per test process, started on first use: `initdb` in a temporary directory
//! (as the `postgres` OS user when the tests run as root, since `initdb` refuses root),
//! `pg_ctl -w start` on a free port, stopped and removed when the process exits. Each test
//! takes a fresh database from [`fresh_database_url`].
//!
//! Without a server binary the tests that need one skip, saying so on stderr; set
//! `DESK_TEST_REQUIRE_POSTGRES=1` (CI does) to make that a failure instead.

#![allow(dead_code)]
// Test-harness settings, not desk's own variables (those go through desk::env_vars).
#![allow(clippy::disallowed_methods)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::OnceLock;

pub struct PgServer {
    bin: PathBuf,
    data: PathBuf,
    port: u16,
    /// `Some("postgres")` when the server runs as that OS user (we are root).
    run_as: Option<String>,
}

static SERVER: OnceLock<Option<PgServer>> = OnceLock::new();
static TLS_ROOT: OnceLock<Option<PathBuf>> = OnceLock::new();
static NEXT_DATABASE: AtomicU32 = AtomicU32::new(0);

/// The superuser `initdb` creates; tests connect as it with `trust` authentication.
pub const SUPERUSER: &str = "desk_test";

/// A URL for a new, empty database on the shared test server, or `None` (after saying why
/// on stderr) when no server can run here.
pub fn fresh_database_url(test: &str) -> Option<String> {
    let server = server()?;
    let n = NEXT_DATABASE.fetch_add(1, Ordering::SeqCst);
    let database = format!("t{}_{n}", std::process::id());
    server.psql("postgres", &format!("CREATE DATABASE {database}"));
    let _ = test;
    Some(server.url(&database))
}

/// The database a test URL names: `postgres://…/NAME?…` → `NAME`.
pub fn database_of(url: &str) -> String {
    let path = url.rsplit('/').next().unwrap_or_default();
    path.split('?').next().unwrap_or_default().to_string()
}

/// The shared server, started on first use.
pub fn server() -> Option<&'static PgServer> {
    SERVER
        .get_or_init(|| match find_bin() {
            Some(bin) => Some(PgServer::start(bin)),
            None => {
                let why = "no PostgreSQL server binaries (install Debian's `postgresql` package, or set DESK_TEST_PG_BIN to its bin directory)";
                if std::env::var_os("DESK_TEST_REQUIRE_POSTGRES").is_some() {
                    panic!("DESK_TEST_REQUIRE_POSTGRES is set but there are {why}");
                }
                eprintln!("SKIPPED PostgreSQL tests: {why}");
                None
            }
        })
        .as_ref()
}

/// `DESK_TEST_PG_BIN`, else the newest `/usr/lib/postgresql/*/bin` holding `initdb`.
fn find_bin() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("DESK_TEST_PG_BIN") {
        return Some(PathBuf::from(dir));
    }
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|entry| {
            let entry = entry.ok()?;
            let version = entry.file_name().to_str()?.parse().ok()?;
            let bin = entry.path().join("bin");
            bin.join("initdb").is_file().then_some((version, bin))
        })
        .collect();
    versions.sort();
    versions.pop().map(|(_, bin)| bin)
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|addr| addr.port())
        .expect("a free local port")
}

impl PgServer {
    fn start(bin: PathBuf) -> PgServer {
        let run_as = nix::unistd::geteuid().is_root().then(|| "postgres".to_string());
        let data = std::env::temp_dir().join(format!("desk-test-pg-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&data);
        std::fs::create_dir_all(&data).expect("create the test server's directory");
        if let Some(user) = &run_as {
            let owner = nix::unistd::User::from_name(user)
                .ok()
                .flatten()
                .unwrap_or_else(|| {
                    panic!("tests run as root but there is no `{user}` OS user to run PostgreSQL")
                });
            nix::unistd::chown(&data, Some(owner.uid), Some(owner.gid))
                .expect("chown the test server's directory");
        }
        let mut server = PgServer {
            bin,
            data,
            port: 0,
            run_as,
        };
        server.run(
            "initdb",
            &[
                "-D",
                server.cluster().to_str().unwrap(),
                "-U",
                SUPERUSER,
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--no-locale",
                "--no-sync",
            ],
        );
        // A port taken between our probe and the server's bind: try another.
        for attempt in 0.. {
            server.port = free_port();
            let options = format!(
                "-p {} -k {} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300",
                server.port,
                server.data.display()
            );
            let log = server.data.join("server.log");
            let started = server.try_run(
                "pg_ctl",
                &[
                    "-D",
                    server.cluster().to_str().unwrap(),
                    "-o",
                    &options,
                    "-l",
                    log.to_str().unwrap(),
                    "-w",
                    "start",
                ],
            );
            if started {
                break;
            }
            if attempt == 3 {
                let log = std::fs::read_to_string(&log).unwrap_or_default();
                panic!("the test PostgreSQL server did not start:\n{log}");
            }
        }
        register_stop_at_exit(&server);
        server
    }

    fn cluster(&self) -> PathBuf {
        self.data.join("cluster")
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn url(&self, database: &str) -> String {
        format!(
            "postgres://{SUPERUSER}@127.0.0.1:{}/{database}?sslmode=disable",
            self.port
        )
    }

    fn command(&self, program: &str) -> Command {
        let path = self.bin.join(program);
        match &self.run_as {
            Some(user) => {
                let mut command = Command::new("runuser");
                command.args(["-u", user, "--"]).arg(path);
                command
            }
            None => Command::new(path),
        }
    }

    fn try_run(&self, program: &str, args: &[&str]) -> bool {
        let output = self
            .command(program)
            .args(args)
            .current_dir(&self.data)
            .output()
            .unwrap_or_else(|e| panic!("cannot run {program}: {e}"));
        output.status.success()
    }

    fn run(&self, program: &str, args: &[&str]) {
        let output = self
            .command(program)
            .args(args)
            .current_dir(&self.data)
            .output()
            .unwrap_or_else(|e| panic!("cannot run {program}: {e}"));
        assert!(
            output.status.success(),
            "{program} failed: {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }

    /// Run one SQL statement as the superuser on `database`.
    pub fn psql(&self, database: &str, sql: &str) -> String {
        self.psql_as(SUPERUSER, database, sql)
            .unwrap_or_else(|error| panic!("psql {sql:?} failed: {error}"))
    }

    /// Start an interactive psql session on `database` that runs what the test writes to
    /// its stdin, statement by statement, until stdin closes: a session that holds
    /// something (a row lock) for exactly as long as the test needs.
    pub fn psql_session(&self, database: &str) -> std::process::Child {
        Command::new(self.bin.join("psql"))
            .args(["-X", "-q", "-v", "ON_ERROR_STOP=1"])
            .args([
                "-h",
                "127.0.0.1",
                "-p",
                &self.port.to_string(),
                "-U",
                SUPERUSER,
                "-d",
                database,
            ])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("run psql")
    }

    /// Run one SQL statement as `role` on `database`: its output, or psql's error.
    pub fn psql_as(&self, role: &str, database: &str, sql: &str) -> Result<String, String> {
        let port = self.port.to_string();
        let output = Command::new(self.bin.join("psql"))
            .args(["-X", "-q", "-t", "-A", "-F", "|", "-v", "ON_ERROR_STOP=1"])
            .args(["-h", "127.0.0.1", "-p", &port, "-U", role, "-d", database])
            .args(["-c", sql])
            .output()
            .expect("run psql");
        match output.status.success() {
            true => Ok(String::from_utf8_lossy(&output.stdout).trim().to_string()),
            false => Err(String::from_utf8_lossy(&output.stderr).trim().to_string()),
        }
    }

    /// Turn TLS on (plain connections keep working): a test CA and a server certificate for
    /// 127.0.0.1 signed by it, made with the `openssl` command. Returns the CA certificate
    /// for clients to trust, or None (said on stderr) without `openssl`.
    pub fn tls_root(&self) -> Option<PathBuf> {
        TLS_ROOT
            .get_or_init(|| {
                let dir = self.data.join("tls");
                std::fs::create_dir_all(&dir).unwrap();
                let openssl = |args: &[&str]| {
                    Command::new("openssl")
                        .args(args)
                        .current_dir(&dir)
                        .output()
                        .map(|out| {
                            assert!(
                                out.status.success(),
                                "openssl {args:?}: {}",
                                String::from_utf8_lossy(&out.stderr)
                            );
                        })
                };
                if openssl(&["version"]).is_err() {
                    eprintln!("SKIPPED PostgreSQL TLS tests: no `openssl` command to make test certificates");
                    return None;
                }
                std::fs::write(dir.join("san.ext"), "subjectAltName=IP:127.0.0.1\n").unwrap();
                for args in [
                    &[
                        "req",
                        "-x509",
                        "-newkey",
                        "rsa:2048",
                        "-nodes",
                        "-keyout",
                        "ca.key",
                        "-out",
                        "ca.crt",
                        "-days",
                        "2",
                        "-subj",
                        "/CN=desk test CA",
                    ][..],
                    &[
                        "req",
                        "-newkey",
                        "rsa:2048",
                        "-nodes",
                        "-keyout",
                        "server.key",
                        "-out",
                        "server.csr",
                        "-subj",
                        "/CN=127.0.0.1",
                    ],
                    &[
                        "x509",
                        "-req",
                        "-in",
                        "server.csr",
                        "-CA",
                        "ca.crt",
                        "-CAkey",
                        "ca.key",
                        "-CAcreateserial",
                        "-out",
                        "server.crt",
                        "-days",
                        "2",
                        "-extfile",
                        "san.ext",
                    ],
                ] {
                    openssl(args).unwrap();
                }
                if let Some(user) = &self.run_as {
                    let owner = nix::unistd::User::from_name(user).unwrap().unwrap();
                    for file in ["server.crt", "server.key"] {
                        nix::unistd::chown(&dir.join(file), Some(owner.uid), Some(owner.gid)).unwrap();
                    }
                }
                std::fs::set_permissions(
                    dir.join("server.key"),
                    std::os::unix::fs::PermissionsExt::from_mode(0o600),
                )
                .unwrap();
                let cert = dir.join("server.crt");
                let key = dir.join("server.key");
                self.psql(
                    "postgres",
                    &format!("ALTER SYSTEM SET ssl_cert_file = '{}'", cert.display()),
                );
                self.psql(
                    "postgres",
                    &format!("ALTER SYSTEM SET ssl_key_file = '{}'", key.display()),
                );
                self.psql("postgres", "ALTER SYSTEM SET ssl = on");
                self.psql("postgres", "SELECT pg_reload_conf()");
                // The reload is asynchronous: wait until the server says TLS is on.
                for _ in 0..100 {
                    if self.psql("postgres", "SHOW ssl") == "on" {
                        return Some(dir.join("ca.crt"));
                    }
                    std::thread::sleep(std::time::Duration::from_millis(50));
                }
                panic!("the test server did not turn TLS on");
            })
            .clone()
    }

    /// Refuse connections without TLS to `database` (pg_hba.conf's `hostnossl … reject`).
    pub fn require_tls_for(&self, database: &str) {
        let hba = self.cluster().join("pg_hba.conf");
        let rules = std::fs::read_to_string(&hba).unwrap();
        std::fs::write(
            &hba,
            format!("hostnossl {database} all 127.0.0.1/32 reject\n{rules}"),
        )
        .unwrap();
        self.psql("postgres", "SELECT pg_reload_conf()");
        std::thread::sleep(std::time::Duration::from_millis(300));
    }

    fn stop(&self) {
        let _ = self
            .command("pg_ctl")
            .args([
                "-D",
                self.cluster().to_str().unwrap(),
                "-m",
                "immediate",
                "-w",
                "stop",
            ])
            .current_dir(&self.data)
            .output();
        let _ = std::fs::remove_dir_all(&self.data);
    }
}

/// Stop the server when the test process exits (statics are never dropped).
fn register_stop_at_exit(_server: &PgServer) {
    extern "C" fn stop_server() {
        if let Some(Some(server)) = SERVER.get() {
            server.stop();
        }
    }
    // SAFETY: registers a plain function with no arguments; it runs once, at exit.
    unsafe {
        libc::atexit(stop_server);
    }
}

pub fn data_dir(server: &PgServer) -> &Path {
    &server.data
}
