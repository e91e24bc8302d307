//! Ticket types (工单类型/模板): TOML files that define fields, defaults and rules.
//!
//! Parsing is strict (unknown keys are errors, so a typo never silently does nothing) and
//! every error carries the file, line and column it comes from. Field validation reports
//! every problem at once rather than one per attempt.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::ops::Range;

use regex::Regex;
use serde::Deserialize;
use serde_json::Value;
use toml::Spanned;

use super::ticket::{Priority, Workflow};

/// A template error is a [`FileError`] in a template file.
pub type TemplateError = FileError;

/// A TOML file (template or config) that failed to parse or check, located in its file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}:{column}: {reason}")]
pub struct FileError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub reason: String,
}

impl FileError {
    pub fn at(file: &str, source: &str, span: Option<Range<usize>>, reason: impl Into<String>) -> Self {
        let (line, column) = span.map_or((1, 1), |span| line_column(source, span.start));
        TemplateError {
            file: file.to_string(),
            line,
            column,
            reason: reason.into(),
        }
    }

    /// Wrap a `toml` parse error, keeping its location and its message (without the
    /// source excerpt `Display` adds). Some messages span lines ("invalid string" then
    /// "expected ..."); they are joined so `file:line:column: reason` stays one line.
    pub fn from_toml(file: &str, source: &str, error: &toml::de::Error) -> Self {
        let reason = error
            .message()
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .collect::<Vec<_>>()
            .join("; ");
        Self::at(file, source, error.span(), reason)
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_column(source: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(source.len());
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = source[line_start..offset].chars().count() + 1;
    (line, column)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FieldType {
    /// One line of text.
    String,
    /// Free text, possibly many lines.
    Text,
    Int,
    Bool,
    /// One of `values`.
    Enum,
    /// A calendar date, `YYYY-MM-DD`.
    Date,
    Url,
}

impl FieldType {
    pub fn as_str(self) -> &'static str {
        match self {
            FieldType::String => "string",
            FieldType::Text => "text",
            FieldType::Int => "int",
            FieldType::Bool => "bool",
            FieldType::Enum => "enum",
            FieldType::Date => "date",
            FieldType::Url => "url",
        }
    }
}

impl fmt::Display for FieldType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One typed field of a template.
#[derive(Debug, Clone)]
pub struct FieldSpec {
    pub name: String,
    pub field_type: FieldType,
    pub required: bool,
    pub description: Option<String>,
    pub pattern: Option<Regex>,
    pub min: Option<i64>,
    pub max: Option<i64>,
    pub values: Vec<String>,
    pub default: Option<Value>,
}

impl FieldSpec {
    /// Convert a value typed by a user into the stored JSON form, or say why not.
    pub fn parse_value(&self, raw: &str) -> Result<Value, String> {
        let value = match self.field_type {
            FieldType::String | FieldType::Text => {
                if self.field_type == FieldType::String && raw.contains('\n') {
                    return Err(format!("field `{}` is one line of text", self.name));
                }
                Value::String(raw.to_string())
            }
            FieldType::Int => {
                let n: i64 = raw
                    .trim()
                    .parse()
                    .map_err(|_| format!("field `{}` must be an integer, not `{raw}`", self.name))?;
                if let Some(min) = self.min.filter(|min| n < *min) {
                    return Err(format!("field `{}` must be at least {min}, not {n}", self.name));
                }
                if let Some(max) = self.max.filter(|max| n > *max) {
                    return Err(format!("field `{}` must be at most {max}, not {n}", self.name));
                }
                Value::from(n)
            }
            FieldType::Bool => match raw.trim().to_ascii_lowercase().as_str() {
                "true" | "yes" | "y" | "1" | "on" => Value::Bool(true),
                "false" | "no" | "n" | "0" | "off" => Value::Bool(false),
                _ => {
                    return Err(format!(
                        "field `{}` must be true or false, not `{raw}`",
                        self.name
                    ))
                }
            },
            FieldType::Enum => {
                if !self.values.iter().any(|v| v == raw) {
                    return Err(format!(
                        "field `{}` must be one of {}, not `{raw}`",
                        self.name,
                        self.values.join(", ")
                    ));
                }
                Value::String(raw.to_string())
            }
            FieldType::Date => {
                let date = chrono::NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").map_err(|_| {
                    format!(
                        "field `{}` must be a date like 2026-01-31, not `{raw}`",
                        self.name
                    )
                })?;
                Value::String(date.format("%Y-%m-%d").to_string())
            }
            FieldType::Url => {
                let url = url::Url::parse(raw.trim()).map_err(|e| {
                    format!(
                        "field `{}` must be an absolute URL such as https://example.com/x, not `{raw}` ({e})",
                        self.name
                    )
                })?;
                Value::String(url.to_string())
            }
        };
        if let Some(pattern) = &self.pattern {
            if let Value::String(text) = &value {
                if !pattern.is_match(text) {
                    return Err(format!(
                        "field `{}` must match `{}`, not `{raw}`",
                        self.name,
                        pattern.as_str()
                    ));
                }
            }
        }
        Ok(value)
    }

    /// A short description of what the field accepts, for prompts and `template show`.
    pub fn accepts(&self) -> String {
        let mut text = self.field_type.to_string();
        if !self.values.is_empty() {
            text = format!("{text}: {}", self.values.join("|"));
        }
        match (self.min, self.max) {
            (Some(min), Some(max)) => text.push_str(&format!(" {min}..={max}")),
            (Some(min), None) => text.push_str(&format!(" >= {min}")),
            (None, Some(max)) => text.push_str(&format!(" <= {max}")),
            (None, None) => {}
        }
        if let Some(pattern) = &self.pattern {
            text.push_str(&format!(" /{}/", pattern.as_str()));
        }
        text
    }
}

/// A parsed, checked ticket type.
#[derive(Debug, Clone)]
pub struct Template {
    pub name: String,
    pub description: String,
    pub prefix: Option<String>,
    pub workflow: Workflow,
    pub priority: Priority,
    pub skills: Vec<String>,
    pub sla: Option<String>,
    pub tiers: Vec<String>,
    pub keywords: BTreeMap<String, Vec<String>>,
    pub fields: Vec<FieldSpec>,
    /// Tags every new ticket of this type starts with.
    pub tags: Vec<String>,
    /// The department whose queue this type's tickets go to (a tier's department wins).
    pub department: Option<String>,
    /// `skill_fallback` for this type: `Some(None)` is "never", `Some(Some(wait))` a wait;
    /// `None` (not set) leaves it to `[routing] skill_fallback`.
    pub skill_fallback: Option<Option<std::time::Duration>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTemplate {
    #[serde(default)]
    description: String,
    prefix: Option<Spanned<String>>,
    #[serde(default)]
    workflow: Workflow,
    #[serde(default = "default_priority")]
    priority: Priority,
    #[serde(default)]
    skills: Vec<Spanned<String>>,
    sla: Option<String>,
    #[serde(default = "all_tiers")]
    tiers: Vec<String>,
    #[serde(default)]
    keywords: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    fields: Vec<Spanned<RawField>>,
    #[serde(default)]
    tags: Vec<Spanned<String>>,
    department: Option<Spanned<String>>,
    skill_fallback: Option<Spanned<String>>,
}

fn default_priority() -> Priority {
    Priority::Normal
}

fn all_tiers() -> Vec<String> {
    vec!["*".to_string()]
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawField {
    name: Spanned<String>,
    #[serde(rename = "type")]
    field_type: FieldType,
    #[serde(default)]
    required: bool,
    description: Option<String>,
    pattern: Option<Spanned<String>>,
    min: Option<i64>,
    max: Option<i64>,
    values: Option<Vec<String>>,
    default: Option<Spanned<toml::Value>>,
}

/// Whether `name` can be a template (type) name: the file stem of `templates/NAME.toml`.
pub fn is_valid_type_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

impl Template {
    /// Parse and check the template `name` from `source`; `file` names it in errors.
    pub fn parse(name: &str, file: &str, source: &str) -> Result<Template, TemplateError> {
        let err = |span: Option<Range<usize>>, reason: String| TemplateError::at(file, source, span, reason);
        if !is_valid_type_name(name) {
            return Err(err(
                None,
                format!("`{name}` is not a valid type name: use lowercase letters, digits, `-` and `_` (rename the file)"),
            ));
        }
        let raw: RawTemplate =
            toml::from_str(source).map_err(|e| TemplateError::from_toml(file, source, &e))?;

        let prefix = match raw.prefix {
            Some(prefix) => {
                let text = prefix.get_ref();
                let ok = text.len() <= 10
                    && text.chars().next().is_some_and(|c| c.is_ascii_uppercase())
                    && text.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
                if !ok {
                    return Err(err(
                        Some(prefix.span()),
                        format!("prefix `{text}` must be 1-10 uppercase letters or digits, starting with a letter"),
                    ));
                }
                Some(text.clone())
            }
            None => None,
        };

        let mut skills = Vec::new();
        for skill in raw.skills {
            super::people::validate_skill(skill.get_ref())
                .map_err(|e| err(Some(skill.span()), e.to_string()))?;
            skills.push(skill.into_inner());
        }
        for skill in raw.keywords.keys() {
            super::people::validate_skill(skill).map_err(|e| err(None, format!("[keywords]: {e}")))?;
        }

        let mut fields = Vec::new();
        let mut seen = BTreeSet::new();
        for raw_field in raw.fields {
            let span = raw_field.span();
            let field = check_field(raw_field.into_inner(), &mut seen, &err).map_err(|e| {
                if e.line == 1 && e.column == 1 {
                    err(Some(span.clone()), e.reason)
                } else {
                    e
                }
            })?;
            fields.push(field);
        }

        let mut tags = Vec::new();
        for tag in &raw.tags {
            let tag = crate::domain::labels::normalize_tag(tag.get_ref())
                .map_err(|e| err(Some(tag.span()), format!("tags: {e}")))?;
            if !tags.contains(&tag) {
                tags.push(tag);
            }
        }
        let department = match raw.department {
            Some(department) => Some(
                crate::domain::labels::normalize_tag(department.get_ref())
                    .ok()
                    .filter(|name| name == department.get_ref())
                    .ok_or_else(|| {
                        err(
                            Some(department.span()),
                            "department: a department name is a lower-case word (letters, digits, - _ . : /)"
                                .to_string(),
                        )
                    })?,
            ),
            None => None,
        };

        let skill_fallback = match raw.skill_fallback {
            Some(value) => Some(
                super::routing::parse_skill_fallback(value.get_ref())
                    .map_err(|e| err(Some(value.span()), format!("skill_fallback: {e}")))?,
            ),
            None => None,
        };

        Ok(Template {
            name: name.to_string(),
            description: raw.description,
            prefix,
            workflow: raw.workflow,
            priority: raw.priority,
            skills,
            sla: raw.sla,
            tiers: raw.tiers,
            keywords: raw.keywords,
            fields,
            tags,
            department,
            skill_fallback,
        })
    }

    pub fn field(&self, name: &str) -> Option<&FieldSpec> {
        self.fields.iter().find(|f| f.name == name)
    }

    /// Whether requesters of `tier` may file this type.
    pub fn allows_tier(&self, tier: &str) -> bool {
        self.tiers.iter().any(|t| t == "*" || t == tier)
    }

    /// Required fields that have no default and are not in `given`.
    pub fn missing_required<'a>(&'a self, given: &[(String, String)]) -> Vec<&'a FieldSpec> {
        self.fields
            .iter()
            .filter(|f| f.required && f.default.is_none() && !given.iter().any(|(k, _)| k == &f.name))
            .collect()
    }

    /// Check `given` (name, raw value) pairs against the fields, applying defaults.
    /// Every problem is reported, not just the first.
    pub fn validate_fields(
        &self,
        given: &[(String, String)],
    ) -> Result<BTreeMap<String, Value>, Vec<String>> {
        let mut problems = Vec::new();
        let mut values = BTreeMap::new();
        for (name, raw) in given {
            match self.field(name) {
                None => problems.push(if self.fields.is_empty() {
                    format!("unknown field `{name}`: type `{}` has no fields", self.name)
                } else {
                    format!(
                        "unknown field `{name}` (fields of `{}`: {})",
                        self.name,
                        self.fields
                            .iter()
                            .map(|f| f.name.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                }),
                Some(_) if values.contains_key(name) => problems.push(format!("field `{name}` given twice")),
                Some(spec) => match spec.parse_value(raw) {
                    Ok(value) => {
                        values.insert(name.clone(), value);
                    }
                    Err(problem) => problems.push(problem),
                },
            }
        }
        for spec in &self.fields {
            if values.contains_key(&spec.name) || given.iter().any(|(k, _)| k == &spec.name) {
                continue;
            }
            if let Some(default) = &spec.default {
                values.insert(spec.name.clone(), default.clone());
            } else if spec.required {
                problems.push(format!(
                    "missing required field `{}` ({})",
                    spec.name,
                    spec.accepts()
                ));
            }
        }
        if problems.is_empty() {
            Ok(values)
        } else {
            Err(problems)
        }
    }
}

/// Types that share a prefix, as (prefix, the types' names in order); two types may not,
/// because `INC-7` must say which type ticket 7 is.
pub fn prefix_clashes<'a>(templates: impl IntoIterator<Item = &'a Template>) -> Vec<(String, Vec<String>)> {
    let mut by_prefix: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for template in templates {
        if let Some(prefix) = &template.prefix {
            by_prefix.entry(prefix).or_default().insert(&template.name);
        }
    }
    by_prefix
        .into_iter()
        .filter(|(_, names)| names.len() > 1)
        .map(|(prefix, names)| {
            (
                prefix.to_string(),
                names.into_iter().map(str::to_string).collect(),
            )
        })
        .collect()
}

/// Line and column of the `prefix` key's value in a template's source (1:1 when absent),
/// to locate problems found after parsing, such as a clash with another template.
pub fn prefix_location(source: &str) -> (usize, usize) {
    #[derive(Deserialize)]
    struct PrefixOnly {
        prefix: Option<Spanned<String>>,
    }
    toml::from_str::<PrefixOnly>(source)
        .ok()
        .and_then(|t| t.prefix)
        .map_or((1, 1), |prefix| line_column(source, prefix.span().start))
}

fn check_field(
    raw: RawField,
    seen: &mut BTreeSet<String>,
    err: &dyn Fn(Option<Range<usize>>, String) -> TemplateError,
) -> Result<FieldSpec, TemplateError> {
    let name = raw.name.get_ref().clone();
    let name_span = Some(raw.name.span());
    let valid_name = name.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-');
    if !valid_name {
        return Err(err(
            name_span,
            format!("field name `{name}` must be lowercase letters, digits, `_` or `-`"),
        ));
    }
    if !seen.insert(name.clone()) {
        return Err(err(name_span, format!("field `{name}` is defined twice")));
    }
    let pattern = match raw.pattern {
        Some(pattern) => {
            if !matches!(
                raw.field_type,
                FieldType::String | FieldType::Text | FieldType::Url
            ) {
                return Err(err(
                    Some(pattern.span()),
                    format!("field `{name}`: `pattern` applies to string, text and url fields"),
                ));
            }
            Some(Regex::new(pattern.get_ref()).map_err(|e| {
                // regex's text repeats the pattern with a caret; its last line is the reason.
                let text = e.to_string();
                let last = text.lines().last().unwrap_or_default().trim();
                let reason = last.strip_prefix("error: ").unwrap_or(last);
                err(
                    Some(pattern.span()),
                    format!("field `{name}`: invalid pattern: {reason}"),
                )
            })?)
        }
        None => None,
    };
    if (raw.min.is_some() || raw.max.is_some()) && raw.field_type != FieldType::Int {
        return Err(err(
            name_span,
            format!("field `{name}`: `min`/`max` apply to int fields"),
        ));
    }
    if let (Some(min), Some(max)) = (raw.min, raw.max) {
        if min > max {
            return Err(err(
                name_span,
                format!("field `{name}`: min {min} is greater than max {max}"),
            ));
        }
    }
    let values = raw.values.unwrap_or_default();
    match raw.field_type {
        FieldType::Enum if values.is_empty() => {
            return Err(err(
                name_span,
                format!("field `{name}`: an enum needs `values = [...]`"),
            ));
        }
        FieldType::Enum => {}
        _ if !values.is_empty() => {
            return Err(err(
                name_span,
                format!("field `{name}`: `values` applies to enum fields"),
            ));
        }
        _ => {}
    }
    let mut spec = FieldSpec {
        name: name.clone(),
        field_type: raw.field_type,
        required: raw.required,
        description: raw.description,
        pattern,
        min: raw.min,
        max: raw.max,
        values,
        default: None,
    };
    if let Some(default) = raw.default {
        let span = Some(default.span());
        let text = match default.get_ref() {
            toml::Value::String(s) => s.clone(),
            toml::Value::Integer(i) => i.to_string(),
            toml::Value::Boolean(b) => b.to_string(),
            toml::Value::Datetime(d) => d.to_string(),
            other => return Err(err(span, format!("field `{name}`: unsupported default {other}"))),
        };
        spec.default = Some(
            spec.parse_value(&text)
                .map_err(|e| err(span, format!("default: {e}")))?,
        );
    }
    Ok(spec)
}

#[cfg(test)]
mod tests {
    use super::*;

    const INCIDENT: &str = r#"
description = "Production incident"
prefix = "INC"
workflow = "internal"
priority = "high"
skills = ["ops"]

[keywords]
network = ["dns", "vpn"]

[[fields]]
name = "service"
type = "string"
required = true
pattern = "^[a-z0-9-]+$"

[[fields]]
name = "severity"
type = "enum"
values = ["sev1", "sev2", "sev3"]
default = "sev3"

[[fields]]
name = "users"
type = "int"
min = 0
"#;

    fn incident() -> Template {
        Template::parse("incident", "incident.toml", INCIDENT).unwrap()
    }

    fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
        items
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn parses_the_documented_format() {
        let t = incident();
        assert_eq!(t.prefix.as_deref(), Some("INC"));
        assert_eq!(t.priority, Priority::High);
        assert_eq!(t.fields.len(), 3);
        assert_eq!(t.keywords["network"], vec!["dns", "vpn"]);
        assert!(t.allows_tier("anything"));
    }

    #[test]
    fn validation_applies_defaults_and_reports_every_problem() {
        let t = incident();
        let ok = t
            .validate_fields(&pairs(&[("service", "api"), ("users", "3")]))
            .unwrap();
        assert_eq!(ok["severity"], Value::from("sev3"));
        assert_eq!(ok["users"], Value::from(3));
        let problems = t
            .validate_fields(&pairs(&[
                ("severity", "sev9"),
                ("users", "-1"),
                ("colour", "red"),
            ]))
            .unwrap_err();
        assert_eq!(problems.len(), 4, "{problems:?}");
        assert!(problems
            .iter()
            .any(|p| p.contains("missing required field `service`")));
        assert!(problems.iter().any(|p| p.contains("unknown field `colour`")));
        let problems = t.validate_fields(&pairs(&[("service", "Bad Name")])).unwrap_err();
        assert!(problems[0].contains("must match"), "{problems:?}");
    }

    #[test]
    fn types_sharing_a_prefix_are_found_and_located() {
        let outage_source = "description = \"Outage\"\n\nprefix = \"INC\"\n";
        let outage = Template::parse("outage", "outage.toml", outage_source).unwrap();
        let other = Template::parse("other", "other.toml", "prefix = \"OTH\"\n").unwrap();
        let bare = Template::parse("bare", "bare.toml", "").unwrap();
        let all = [incident(), outage, other, bare.clone(), bare];
        assert_eq!(
            prefix_clashes(&all),
            vec![(
                "INC".to_string(),
                vec!["incident".to_string(), "outage".to_string()]
            )]
        );
        assert_eq!(prefix_location(outage_source), (3, 10));
        assert_eq!(prefix_location(""), (1, 1));
    }

    #[test]
    fn a_bad_url_says_what_is_expected() {
        let t = Template::parse("x", "x.toml", "[[fields]]\nname = \"link\"\ntype = \"url\"\n").unwrap();
        let problem = t.field("link").unwrap().parse_value("example.com/x").unwrap_err();
        assert!(
            problem.starts_with(
                "field `link` must be an absolute URL such as https://example.com/x, not `example.com/x`"
            ),
            "{problem}"
        );
        assert!(t
            .field("link")
            .unwrap()
            .parse_value("https://example.com/x")
            .is_ok());
    }

    #[test]
    fn errors_point_at_file_line_and_column() {
        let bad = "prefix = \"INC\"\nworkflow = \"sideways\"\n";
        let e = Template::parse("x", "x.toml", bad).unwrap_err();
        assert_eq!((e.line, e.column), (2, 12), "{e}");
        let e = Template::parse("x", "x.toml", "[[fields]]\nname = \"a\"\ntype = \"enum\"\n").unwrap_err();
        assert!(e.reason.contains("enum needs"), "{e}");
        assert_eq!(e.line, 2);
        let e = Template::parse("x", "x.toml", "colour = 1\n").unwrap_err();
        assert!(
            e.to_string().starts_with("x.toml:1:1: unknown field `colour`"),
            "{e}"
        );
        let e = Template::parse(
            "x",
            "x.toml",
            "[[fields]]\nname = \"n\"\ntype = \"int\"\ndefault = \"x\"\n",
        )
        .unwrap_err();
        assert_eq!(e.line, 4, "{e}");
    }
}
