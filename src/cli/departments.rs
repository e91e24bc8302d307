//! Departments as the command line meets them: names given to `--department` must exist.

use crate::cli::context::Context;
use crate::cli::error::CommandError;

/// `--department NAME` must name a department of `config.toml`, so a typo is an error
/// with the list rather than an empty queue.
pub fn check_known(ctx: &Context, name: &str) -> Result<(), CommandError> {
    let config = ctx.config()?;
    if config.departments.contains_key(name) {
        return Ok(());
    }
    let known: Vec<&str> = config.departments.keys().map(String::as_str).collect();
    Err(
        CommandError::not_found(format!("department `{name}` not found")).with_hint(if known.is_empty() {
            "no departments are defined: add a [departments.NAME] table to config.toml".to_string()
        } else {
            format!("departments: {}", known.join(", "))
        }),
    )
}
