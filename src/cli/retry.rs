//! Running a command again when a team store reports a conflict.
//!
//! On PostgreSQL, concurrent commands do not wait for each other: when two of them read
//! and wrote the same records at the same moment, one is told
//! [`StoreError::Conflict`](crate::store::StoreError::Conflict) and nothing of its step
//! was written. The simplest correct answer is to run the whole command again on fresh
//! data, as a person would, which is safe only while it has had no effect a second run
//! would repeat: nothing committed, nothing printed to stdout, no standard input read, no
//! question asked. Those places call [`mark_unrepeatable`]; after one, a conflict is
//! reported (exit 75) instead. Commands with several steps that must survive conflicts
//! after their first commit (`notify flush`) retry their steps themselves with
//! [`until_settled`].

use std::cell::Cell;
use std::thread;
use std::time::{Duration, Instant};

use super::error::CommandError;
use crate::store::StoreError;

thread_local! {
    /// Per thread: a command runs on one (the main thread, or a `desk serve` worker).
    static UNREPEATABLE: Cell<bool> = const { Cell::new(false) };
}

/// This command did something a second run would repeat (printed, read stdin, asked).
pub fn mark_unrepeatable() {
    UNREPEATABLE.with(|u| u.set(true));
}

/// Whether running the command again from the start would be the same as running it once.
pub fn repeatable() -> bool {
    !UNREPEATABLE.with(Cell::get) && !crate::store::postgres::committed_in_this_process()
}

/// A new command starts on this thread (`desk serve`'s next request): nothing done yet.
pub fn begin_command() {
    UNREPEATABLE.with(|u| u.set(false));
    crate::store::postgres::forget_commits();
}

/// Run `attempt` until it does not end in a conflict, waiting a growing, jittered pause
/// between runs (1 ms doubling to 50 ms, ±50 %, as for the sled lock), for at most
/// `patience` (DESK_LOCK_TIMEOUT) and while `may_retry` says another run is safe.
pub fn run_again_on_conflict<T>(
    patience: Duration,
    may_retry: impl Fn() -> bool,
    mut attempt: impl FnMut() -> Result<T, CommandError>,
) -> Result<T, CommandError> {
    let started = Instant::now();
    let mut pause = Duration::from_millis(1);
    loop {
        match attempt() {
            Err(error) if error.conflict && may_retry() && started.elapsed() < patience => {
                thread::sleep(pause.mul_f64(0.5 + fastrand::f64()));
                pause = (pause * 2).min(Duration::from_millis(50));
            }
            other => return other,
        }
    }
}

/// [`run_again_on_conflict`] for one step of a command, e.g. claiming messages after
/// routing them: the step itself must be safe to run again (it reads what it writes from
/// the store each time).
pub fn until_settled<T>(
    patience: Duration,
    mut step: impl FnMut() -> Result<T, StoreError>,
) -> Result<T, CommandError> {
    run_again_on_conflict(patience, || true, || step().map_err(CommandError::from))
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::*;
    use crate::cli::error::ExitKind;

    fn conflict() -> CommandError {
        CommandError::from(StoreError::Conflict {
            target: "db:5432/desk".into(),
        })
    }

    #[test]
    fn a_conflict_runs_the_command_again_until_it_settles() {
        let runs = Cell::new(0);
        let result = run_again_on_conflict(
            Duration::from_secs(5),
            || true,
            || {
                runs.set(runs.get() + 1);
                if runs.get() < 3 {
                    Err(conflict())
                } else {
                    Ok("done")
                }
            },
        );
        assert_eq!(result.unwrap(), "done");
        assert_eq!(runs.get(), 3);
    }

    #[test]
    fn a_command_that_had_an_effect_is_not_run_again() {
        let runs = Cell::new(0);
        let result: Result<(), _> = run_again_on_conflict(
            Duration::from_secs(5),
            || false,
            || {
                runs.set(runs.get() + 1);
                Err(conflict())
            },
        );
        let error = result.unwrap_err();
        assert_eq!((error.kind, error.kind.code()), (ExitKind::Busy, 75));
        assert_eq!(runs.get(), 1);
    }

    #[test]
    fn other_errors_and_a_spent_patience_end_the_retries() {
        let runs = Cell::new(0);
        let result: Result<(), _> = run_again_on_conflict(
            Duration::from_secs(5),
            || true,
            || {
                runs.set(runs.get() + 1);
                Err(CommandError::conflict("already claimed"))
            },
        );
        assert!(!result.unwrap_err().conflict);
        assert_eq!(runs.get(), 1);
        let result: Result<(), _> = run_again_on_conflict(Duration::ZERO, || true, || Err(conflict()));
        assert!(result.unwrap_err().conflict);
    }
}
