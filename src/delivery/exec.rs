//! `kind = "exec"`: run a command (argv, no shell) with the message as one JSON document on
//! stdin. Exit status 0 is a delivery; anything else, or running past the timeout (the
//! command is killed), is a failure whose reason is the last line the command wrote to
//! stderr. SMS gateways, paging tools and ticket mirrors all fit behind this.

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use super::Failure;

/// How much of a failing command's stderr is kept to explain it.
const STDERR_KEPT: usize = 4096;

/// Kill the command and everything in its process group.
fn kill_group(child: &mut std::process::Child) {
    #[cfg(unix)]
    if let Ok(pid) = i32::try_from(child.id()) {
        // SAFETY: kill(2) with a negative pid signals the process group the child leads
        // (made by `process_group(0)` above); it touches no memory of ours.
        unsafe {
            libc::kill(-pid, libc::SIGKILL);
        }
    }
    let _ = child.kill();
}

pub fn run(command: &[String], payload: &serde_json::Value, timeout: Duration) -> Result<(), Failure> {
    let (program, args) = command
        .split_first()
        .ok_or_else(|| Failure::new("the sink has an empty command"))?;
    let mut command = Command::new(program);
    command
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    // Its own process group, so a timeout kills what a script started too, not just the
    // script (a `sleep` or `curl` it ran would otherwise linger).
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    let mut child = command
        .spawn()
        .map_err(|e| Failure::new(format!("cannot run {program}: {e}")))?;

    // Feed stdin and drain stderr on their own threads, so a command that writes a lot
    // before reading (or never reads) cannot wedge us: only the timeout decides.
    let mut input = serde_json::to_vec(payload).expect("JSON values serialize");
    input.push(b'\n');
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let writer = thread::spawn(move || {
        // A command that exits without reading its input is its own business.
        let _ = stdin.write_all(&input);
    });
    let mut stderr = child.stderr.take().expect("stderr is piped");
    let reader = thread::spawn(move || {
        let mut kept = Vec::new();
        let mut buffer = [0u8; 4096];
        while let Ok(n) = stderr.read(&mut buffer) {
            if n == 0 {
                break;
            }
            kept.extend_from_slice(&buffer[..n]);
            if kept.len() > STDERR_KEPT {
                kept.drain(..kept.len() - STDERR_KEPT);
            }
        }
        String::from_utf8_lossy(&kept).to_string()
    });

    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() >= timeout => {
                kill_group(&mut child);
                let _ = child.wait();
                // The reader ends when the killed command's stderr closes; grandchildren
                // holding it open would keep it waiting, so do not join it.
                return Err(Failure::new(format!(
                    "{program} did not finish within {}",
                    humantime::format_duration(timeout)
                )));
            }
            Ok(None) => thread::sleep(Duration::from_millis(5)),
            Err(e) => return Err(Failure::new(format!("waiting for {program}: {e}"))),
        }
    };
    let _ = writer.join();
    let stderr = reader.join().unwrap_or_default();
    if status.success() {
        return Ok(());
    }
    let why = stderr
        .lines()
        .rev()
        .find(|line| !line.trim().is_empty())
        .map(|line| format!(": {}", line.trim()))
        .unwrap_or_default();
    let code = match status.code() {
        Some(code) => format!("exit status {code}"),
        None => "a signal".to_string(),
    };
    Err(Failure::new(format!("{program} failed with {code}{why}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sh(script: &str) -> Vec<String> {
        vec!["sh".into(), "-c".into(), script.into()]
    }

    #[test]
    fn the_payload_arrives_on_stdin_and_the_exit_status_decides() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out.json");
        let script = format!("cat > '{}'", out.display());
        let payload = serde_json::json!({"id": 1, "text": "hello"});
        run(&sh(&script), &payload, Duration::from_secs(10)).unwrap();
        let written: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
        assert_eq!(written, payload);

        let error = run(
            &sh("echo 'gateway said no' >&2; exit 3"),
            &payload,
            Duration::from_secs(10),
        )
        .unwrap_err();
        assert_eq!(error.0, "sh failed with exit status 3: gateway said no");
        let error = run(
            &["/no/such/program".to_string()],
            &payload,
            Duration::from_secs(1),
        )
        .unwrap_err();
        assert!(error.0.starts_with("cannot run /no/such/program"), "{error}");
    }

    #[test]
    fn a_command_past_its_timeout_is_killed() {
        let started = Instant::now();
        let error = run(
            &sh("exec sleep 5"),
            &serde_json::Value::Null,
            Duration::from_millis(200),
        )
        .unwrap_err();
        assert!(error.0.contains("did not finish within 200ms"), "{error}");
        assert!(started.elapsed() < Duration::from_secs(4));
    }

    #[cfg(unix)]
    #[test]
    fn a_timeout_kills_what_the_command_started() {
        let dir = tempfile::tempdir().unwrap();
        let marker = dir.path().join("still-running");
        let script = format!("(sleep 1; touch '{}') & sleep 5", marker.display());
        run(&sh(&script), &serde_json::Value::Null, Duration::from_millis(200)).unwrap_err();
        std::thread::sleep(Duration::from_millis(1500));
        assert!(
            !marker.exists(),
            "a process the command started outlived the timeout"
        );
    }
}
