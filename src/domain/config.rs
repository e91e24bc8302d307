//! `config.toml`: the settings of one desk home. Parsed strictly, located errors.

use std::time::Duration;

use serde::Deserialize;

use super::template::FileError;

#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub archive: ArchiveConfig,
    pub requesters: RequesterConfig,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ArchiveConfig {
    /// Closed tickets older than this move from the hot store to the cold archive.
    pub after: Duration,
    /// At most this many tickets move per command, so no command pays for a backlog.
    pub batch: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RequesterConfig {
    /// The tier of requesters that have no record.
    pub default_tier: String,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            archive: ArchiveConfig {
                after: Duration::from_secs(7 * 24 * 3600),
                batch: 256,
            },
            requesters: RequesterConfig {
                default_tier: "standard".to_string(),
            },
        }
    }
}

/// The file `desk init` writes: every setting, at its default, with what it does.
pub const DEFAULT_CONFIG_TOML: &str = r#"# desk configuration. Every key is optional; the values shown are the defaults.

[archive]
# Closed tickets older than this move from the hot store to the cold archive
# (they stay readable with `desk ticket show`). Units: s, m, h, d, w.
after = "7d"
# At most this many tickets move per command, keeping every call fast.
batch = 256

[requesters]
# Tier of requesters that were never added with `desk requester add`.
default_tier = "standard"
"#;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    archive: RawArchive,
    #[serde(default)]
    requesters: RawRequesters,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawArchive {
    after: Option<toml::Spanned<String>>,
    batch: Option<toml::Spanned<i64>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawRequesters {
    default_tier: Option<String>,
}

impl Config {
    pub fn parse(file: &str, source: &str) -> Result<Config, FileError> {
        let raw: RawConfig = toml::from_str(source).map_err(|e| FileError::from_toml(file, source, &e))?;
        let mut config = Config::default();
        if let Some(after) = raw.archive.after {
            config.archive.after = humantime::parse_duration(after.get_ref()).map_err(|e| {
                FileError::at(
                    file,
                    source,
                    Some(after.span()),
                    format!("archive.after: {e} (write e.g. \"7d\" or \"36h\")"),
                )
            })?;
        }
        if let Some(batch) = raw.archive.batch {
            let value = *batch.get_ref();
            if !(1..=100_000).contains(&value) {
                return Err(FileError::at(
                    file,
                    source,
                    Some(batch.span()),
                    "archive.batch must be 1 to 100000",
                ));
            }
            config.archive.batch = value as usize;
        }
        if let Some(tier) = raw.requesters.default_tier {
            config.requesters.default_tier = tier;
        }
        Ok(config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_written_default_parses_to_the_default() {
        assert_eq!(
            Config::parse("config.toml", DEFAULT_CONFIG_TOML).unwrap(),
            Config::default()
        );
    }

    #[test]
    fn bad_values_are_located() {
        let e = Config::parse("c.toml", "[archive]\nafter = \"soon\"\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 9), "{e}");
    }
}
