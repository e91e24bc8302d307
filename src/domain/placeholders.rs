//! Text with `{name}` placeholders, `{{` and `}}` for literal braces: notification
//! messages (`{ticket.key}`) and webhook mappings (`{/json/pointer}`) both write it; each
//! says which names it knows and what they stand for.

/// Parsed text: literal runs and placeholders, in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Placeholders {
    parts: Vec<Part>,
}

#[derive(Debug, Clone, PartialEq)]
enum Part {
    Text(String),
    Name(String),
}

impl Placeholders {
    /// Parse `text`; `check` refuses a placeholder it does not know (its error is the
    /// message). An unclosed `{` or a stray `}` is an error naming its position.
    pub fn parse(text: &str, check: impl Fn(&str) -> Result<(), String>) -> Result<Self, String> {
        let mut parts = Vec::new();
        let mut literal = String::new();
        let mut chars = text.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            match c {
                '{' if chars.peek().is_some_and(|&(_, next)| next == '{') => {
                    chars.next();
                    literal.push('{');
                }
                '}' if chars.peek().is_some_and(|&(_, next)| next == '}') => {
                    chars.next();
                    literal.push('}');
                }
                '{' => {
                    let rest = &text[at + 1..];
                    let Some(end) = rest.find('}') else {
                        return Err(format!("unclosed `{{` at character {}", position(text, at)));
                    };
                    let name = rest[..end].trim();
                    check(name)?;
                    if !literal.is_empty() {
                        parts.push(Part::Text(std::mem::take(&mut literal)));
                    }
                    parts.push(Part::Name(name.to_string()));
                    for _ in 0..rest[..=end].chars().count() {
                        chars.next();
                    }
                }
                '}' => {
                    return Err(format!(
                        "stray `}}` at character {} (write `}}}}` for a brace)",
                        position(text, at)
                    ))
                }
                c => literal.push(c),
            }
        }
        if !literal.is_empty() {
            parts.push(Part::Text(literal));
        }
        Ok(Placeholders { parts })
    }

    /// The text with each placeholder replaced by `value(name)`.
    pub fn render(&self, value: impl Fn(&str) -> String) -> String {
        self.render_found(|name| Some(value(name))).unwrap_or_default()
    }

    /// [`Placeholders::render`] where a placeholder may have no value (None, rendered
    /// as nothing); None when the text has placeholders and none of them has one.
    pub fn render_found(&self, value: impl Fn(&str) -> Option<String>) -> Option<String> {
        let (mut out, mut names, mut found) = (String::new(), 0, 0);
        for part in &self.parts {
            match part {
                Part::Text(text) => out.push_str(text),
                Part::Name(name) => {
                    names += 1;
                    if let Some(text) = value(name) {
                        found += 1;
                        out.push_str(&text);
                    }
                }
            }
        }
        (names == 0 || found > 0).then_some(out)
    }
}

/// The 1-based character position of byte offset `at` (templates are often not ASCII).
fn position(text: &str, at: usize) -> usize {
    text[..at].chars().count() + 1
}
