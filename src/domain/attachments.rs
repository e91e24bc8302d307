//! Files that come with a ticket, a reply or a note, whatever the channel: the size limits
//! they obey (`[attachments]` in config.toml), the names their bytes are kept under, and how
//! sizes read in messages.
//!
//! A channel that can say no (`--attach` on the command line) refuses a file over a limit; a
//! channel that cannot (e-mail: the sender is gone) lists the file without keeping its bytes.

use super::error::DomainError;

/// `[attachments]`: how big the files of one message may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AttachmentLimits {
    /// Bytes one file may have (`max_file_size`).
    pub max_file_size: u64,
    /// Bytes all the files of one message (a new ticket, a reply, a note) may have together
    /// (`max_total_size`).
    pub max_total_size: u64,
}

impl Default for AttachmentLimits {
    fn default() -> Self {
        AttachmentLimits {
            max_file_size: 10 * 1024 * 1024,
            max_total_size: 25 * 1024 * 1024,
        }
    }
}

impl AttachmentLimits {
    /// Refuse the files of one message (name and size) when one of them, or all of them
    /// together, is over a limit. The message names the file and the limit.
    pub fn check<'a>(&self, files: impl IntoIterator<Item = (&'a str, u64)>) -> Result<(), DomainError> {
        let mut total = 0u64;
        for (name, size) in files {
            if size > self.max_file_size {
                return Err(DomainError::invalid(format!(
                    "attachment {name} is {}, over the limit of {} per file (attachments.max_file_size)",
                    human_size(size),
                    human_size(self.max_file_size)
                )));
            }
            total = total.saturating_add(size);
            if total > self.max_total_size {
                return Err(DomainError::invalid(format!(
                    "attachment {name} brings the message to {}, over the limit of {} per message (attachments.max_total_size)",
                    human_size(total),
                    human_size(self.max_total_size)
                )));
            }
        }
        Ok(())
    }
}

/// Bytes as people read them: 34 B, 12.5 KiB, 5.0 MiB.
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

/// The name the `number`-th file of a ticket (from 1) is kept under in its
/// `attachments/<id>/` directory: numbered, so two files called `log.txt` never collide,
/// and with anything but letters, digits, `.`, `-` and `_` replaced, so a name from a
/// mail or a path can never climb out of that directory.
pub fn stored_name(number: usize, name: &str) -> String {
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("{number}-{safe}")
}

/// Whether `name` could have come from [`stored_name`]: what an imported record may name.
pub fn is_stored_name(name: &str) -> bool {
    match name.split_once('-') {
        Some((number, rest)) => {
            !number.is_empty()
                && number.bytes().all(|b| b.is_ascii_digit())
                && rest
                    .chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_'))
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_name_the_file_and_the_limit() {
        let limits = AttachmentLimits {
            max_file_size: 100,
            max_total_size: 150,
        };
        assert!(limits.check([("a", 100), ("b", 50)]).is_ok());
        let one = limits.check([("big.bin", 101)]).unwrap_err().to_string();
        assert!(
            one.contains("big.bin is 101 B, over the limit of 100 B per file"),
            "{one}"
        );
        let total = limits.check([("a", 100), ("b", 51)]).unwrap_err().to_string();
        assert!(
            total.contains("b brings the message to 151 B, over the limit of 150 B per message"),
            "{total}"
        );
    }

    #[test]
    fn stored_names_stay_in_their_directory() {
        assert_eq!(stored_name(1, "log.txt"), "1-log.txt");
        assert_eq!(stored_name(2, "../../etc/passwd"), "2-.._.._etc_passwd");
        for good in ["1-log.txt", "12-a_b-c", "3-"] {
            assert!(is_stored_name(good), "{good}");
        }
        for bad in ["log.txt", "../1-x", "1-a/b", "-x", "x-1", ".."] {
            assert!(!is_stored_name(bad), "{bad}");
        }
        assert_eq!(human_size(10 * 1024 * 1024), "10.0 MiB");
    }
}
