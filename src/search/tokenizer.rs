//! Words for the search index, Chinese (and Japanese, Korean) included.
//!
//! Latin-script text splits on anything that is not a letter or digit, as tantivy's simple
//! tokenizer does. CJK text has no spaces between words, so a run of CJK characters is
//! indexed as overlapping character bigrams plus each character on its own (the approach
//! of Lucene's CJK analyzer): `打印机故障` gives 打 印 机 故 障 打印 印机 机故 故障. A query
//! is cut the same way but into bigrams only (a lone character stays a unigram), so
//! `打印机` finds the ticket through 打印 and 印机, and a one-character query still finds
//! every ticket containing that character. No dictionary is loaded, so a search process
//! starts fast (a dictionary segmenter such as jieba loads several MB first), and an
//! unknown product name or person's name is still found.
//!
//! Tokens are lowercased and English-stemmed after this (see [`super::analyzer`]).

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// Whether `c` belongs to a script written without spaces between words.
pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}'       // Hiragana, Katakana
        | '\u{3400}'..='\u{4DBF}'     // CJK Extension A
        | '\u{4E00}'..='\u{9FFF}'     // CJK Unified Ideographs
        | '\u{F900}'..='\u{FAFF}'     // CJK Compatibility Ideographs
        | '\u{AC00}'..='\u{D7AF}'     // Hangul syllables
        | '\u{20000}'..='\u{2FA1F}') // CJK Extensions B–F, supplement
}

/// The tokenizer; `for_index` adds the unigrams a query does not use.
#[derive(Clone, Copy)]
pub struct CjkTokenizer {
    pub for_index: bool,
}

/// All tokens of a text, computed up front (texts are a ticket's worth, not a book's).
pub struct VecTokenStream {
    tokens: Vec<Token>,
    next: usize,
}

impl TokenStream for VecTokenStream {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }

    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

impl Tokenizer for CjkTokenizer {
    type TokenStream<'a> = VecTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream {
        VecTokenStream {
            tokens: tokenize(text, self.for_index),
            next: 0,
        }
    }
}

fn tokenize(text: &str, for_index: bool) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut push = |from: usize, to: usize| {
        tokens.push(Token {
            offset_from: from,
            offset_to: to,
            position: tokens.len(),
            text: text[from..to].to_string(),
            position_length: 1,
        });
    };
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let end_of = |i: usize| chars.get(i + 1).map_or(text.len(), |(offset, _)| *offset);
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        if is_cjk(c) {
            let mut j = i;
            while j + 1 < chars.len() && is_cjk(chars[j + 1].1) {
                j += 1;
            }
            // chars[i..=j] is one CJK run.
            if i == j {
                push(start, end_of(i));
            } else {
                for (k, &(offset, _)) in chars.iter().enumerate().take(j + 1).skip(i) {
                    if for_index {
                        push(offset, end_of(k));
                    }
                    if k < j {
                        push(offset, end_of(k + 1));
                    }
                }
            }
            i = j + 1;
        } else if c.is_alphanumeric() {
            let mut j = i;
            while j + 1 < chars.len() && chars[j + 1].1.is_alphanumeric() && !is_cjk(chars[j + 1].1) {
                j += 1;
            }
            push(start, end_of(j));
            i = j + 1;
        } else {
            i += 1;
        }
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str, for_index: bool) -> Vec<String> {
        tokenize(text, for_index).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn latin_text_splits_on_punctuation() {
        assert_eq!(
            words("VPN drops: error-502, again!", false),
            ["VPN", "drops", "error", "502", "again"]
        );
    }

    #[test]
    fn cjk_runs_become_bigrams_and_unigrams() {
        assert_eq!(words("打印机", true), ["打", "打印", "印", "印机", "机"]);
        assert_eq!(words("打印机", false), ["打印", "印机"]);
        assert_eq!(words("卡", false), ["卡"]);
        assert_eq!(
            words("VPN连接超时 ok", false),
            ["VPN", "连接", "接超", "超时", "ok"]
        );
    }

    #[test]
    fn offsets_point_into_the_text() {
        let text = "登录失败 login";
        for token in tokenize(text, true) {
            assert_eq!(&text[token.offset_from..token.offset_to], token.text);
        }
    }
}
