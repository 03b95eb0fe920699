//! BERT uncased WordPiece tokenisation, matching the reference `tokenizer.json` of
//! all-MiniLM-L6-v2 (Hugging Face `tokenizers`: BertNormalizer, BertPreTokenizer, WordPiece).
//!
//! Owns: normalisation (clean text, CJK spacing, NFD accent stripping, lowercase), splitting
//! into words on whitespace and punctuation, greedy longest-match WordPiece with `##`, and the
//! byte span in the original text of every token. Must not: add special tokens or truncate
//! (that is the input builder's job), or allocate per character beyond the normalised buffer.

use std::collections::HashMap;

use unicode_normalization::char::decompose_canonical;

use crate::tables::{NONSPACING_MARK, OTHER, PUNCTUATION};

/// The reference's added tokens, matched in the raw text before normalisation.
const SPECIALS: [&str; 5] = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"];

/// Words longer than this many chars become a single `[UNK]`, as in the reference.
const MAX_WORD_CHARS: usize = 100;

/// One token: its vocabulary id and the byte span it came from in the original text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub id: u32,
    pub start: usize,
    pub end: usize,
}

/// A WordPiece vocabulary with the id of `[UNK]`.
#[derive(Debug)]
pub struct Tokenizer {
    vocab: HashMap<String, u32>,
    unk: u32,
}

fn in_table(table: &[(u32, u32)], c: char) -> bool {
    let c = c as u32;
    table
        .binary_search_by(|&(lo, hi)| {
            if hi < c {
                std::cmp::Ordering::Less
            } else if lo > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

fn is_whitespace(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r') || c.is_whitespace()
}

fn is_control(c: char) -> bool {
    !matches!(c, '\t' | '\n' | '\r') && in_table(OTHER, c)
}

fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation() || in_table(PUNCTUATION, c)
}

/// The CJK ideograph blocks BERT surrounds with spaces.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x4E00..=0x9FFF
        | 0x3400..=0x4DBF
        | 0x20000..=0x2A6DF
        | 0x2A700..=0x2B73F
        | 0x2B740..=0x2B81F
        | 0x2B920..=0x2CEAF
        | 0xF900..=0xFAFF
        | 0x2F800..=0x2FA1F)
}

/// A normalised char with the byte span of the original char it came from.
#[derive(Clone, Copy)]
struct NormChar {
    c: char,
    start: usize,
    end: usize,
}

/// BertNormalizer: clean text, space around CJK, NFD without Mn marks, lowercase.
fn normalize(text: &str) -> Vec<NormChar> {
    let mut out = Vec::with_capacity(text.len());
    for (start, c) in text.char_indices() {
        let end = start + c.len_utf8();
        if c == '\0' || c == '\u{FFFD}' || is_control(c) {
            continue;
        }
        let c = if is_whitespace(c) { ' ' } else { c };
        if is_cjk(c) {
            out.push(NormChar { c: ' ', start, end });
            out.push(NormChar { c, start, end });
            out.push(NormChar { c: ' ', start, end });
            continue;
        }
        decompose_canonical(c, |d| {
            if in_table(NONSPACING_MARK, d) {
                return;
            }
            for l in d.to_lowercase() {
                out.push(NormChar { c: l, start, end });
            }
        });
    }
    out
}

impl Tokenizer {
    /// A tokeniser over `tokens`, where a token's id is its index.
    pub fn new(tokens: Vec<String>, unk: u32) -> Tokenizer {
        let vocab = tokens.into_iter().enumerate().map(|(i, t)| (t, i as u32)).collect();
        Tokenizer { vocab, unk }
    }

    /// The id of a vocabulary entry, if present.
    pub fn id(&self, token: &str) -> Option<u32> {
        self.vocab.get(token).copied()
    }

    /// Tokenises `text` without adding special tokens; spans are byte ranges of `text`. As in
    /// the reference, the literal strings `[PAD]`, `[UNK]`, `[CLS]`, `[SEP]` and `[MASK]` in the
    /// raw text are those tokens.
    pub fn tokenize(&self, text: &str) -> Vec<Token> {
        let mut tokens = Vec::new();
        let mut from = 0;
        let mut at = 0;
        while let Some(rel) = text[at..].find('[') {
            let i = at + rel;
            let special = SPECIALS
                .iter()
                .find(|s| text[i..].starts_with(**s))
                .and_then(|s| self.id(s).map(|id| (s.len(), id)));
            match special {
                Some((len, id)) => {
                    self.tokenize_plain(&text[from..i], from, &mut tokens);
                    tokens.push(Token {
                        id,
                        start: i,
                        end: i + len,
                    });
                    from = i + len;
                    at = from;
                }
                None => at = i + 1,
            }
        }
        self.tokenize_plain(&text[from..], from, &mut tokens);
        tokens
    }

    /// Normalises, splits and WordPieces `text`, which starts at byte `base` of the original.
    fn tokenize_plain(&self, text: &str, base: usize, tokens: &mut Vec<Token>) {
        let mut chars = normalize(text);
        for c in &mut chars {
            c.start += base;
            c.end += base;
        }
        let mut word_start = None;
        for (i, nc) in chars.iter().enumerate() {
            if nc.c == ' ' || is_whitespace(nc.c) {
                if let Some(s) = word_start.take() {
                    self.word_piece(&chars[s..i], tokens);
                }
            } else if is_punctuation(nc.c) {
                if let Some(s) = word_start.take() {
                    self.word_piece(&chars[s..i], tokens);
                }
                self.word_piece(&chars[i..=i], tokens);
            } else if word_start.is_none() {
                word_start = Some(i);
            }
        }
        if let Some(s) = word_start {
            self.word_piece(&chars[s..], tokens);
        }
    }

    /// Greedy longest-match WordPiece of one word; `[UNK]` for the whole word when a piece is missing.
    fn word_piece(&self, word: &[NormChar], out: &mut Vec<Token>) {
        let (Some(first), Some(last)) = (word.first(), word.last()) else {
            return;
        };
        let unk = Token {
            id: self.unk,
            start: first.start,
            end: last.end,
        };
        if word.len() > MAX_WORD_CHARS {
            out.push(unk);
            return;
        }
        let before = out.len();
        let mut piece = String::new();
        let mut start = 0;
        while start < word.len() {
            let mut end = word.len();
            let mut found = None;
            while start < end {
                piece.clear();
                if start > 0 {
                    piece.push_str("##");
                }
                piece.extend(word[start..end].iter().map(|n| n.c));
                if let Some(&id) = self.vocab.get(piece.as_str()) {
                    found = Some(id);
                    break;
                }
                end -= 1;
            }
            let Some(id) = found else {
                out.truncate(before);
                out.push(unk);
                return;
            };
            out.push(Token {
                id,
                start: word[start].start,
                end: word[end - 1].end,
            });
            start = end;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny() -> Tokenizer {
        let words = [
            "[PAD]", "[UNK]", "cafe", "un", "##aff", "##able", "!", ",", "a", "北", "京", "x",
        ];
        Tokenizer::new(words.iter().map(|s| s.to_string()).collect(), 1)
    }

    fn ids(t: &Tokenizer, s: &str) -> Vec<u32> {
        t.tokenize(s).iter().map(|k| k.id).collect()
    }

    #[test]
    fn splits_words_and_punctuation() {
        let t = tiny();
        assert_eq!(ids(&t, "unaffable!"), vec![3, 4, 5, 6]);
        assert_eq!(ids(&t, "  a ,a\t"), vec![8, 7, 8]);
    }

    #[test]
    fn strips_accents_and_lowercases_with_original_spans() {
        let t = tiny();
        let toks = t.tokenize("é CAFÉ");
        assert_eq!(toks.len(), 2);
        // "é" alone normalises to "e", which is not in the tiny vocabulary.
        assert_eq!(
            toks[0],
            Token {
                id: 1,
                start: 0,
                end: 2
            }
        );
        assert_eq!(
            toks[1],
            Token {
                id: 2,
                start: 3,
                end: 8
            }
        );
    }

    #[test]
    fn cjk_chars_are_words() {
        let t = tiny();
        let toks = t.tokenize("北京");
        assert_eq!(toks.iter().map(|k| k.id).collect::<Vec<_>>(), vec![9, 10]);
        assert_eq!((toks[1].start, toks[1].end), (3, 6));
    }

    #[test]
    fn unknown_and_long_words_become_one_unk() {
        let t = tiny();
        assert_eq!(ids(&t, "unzzz"), vec![1]);
        let long = "x".repeat(101);
        let toks = t.tokenize(&long);
        assert_eq!(
            toks,
            vec![Token {
                id: 1,
                start: 0,
                end: 101
            }]
        );
    }

    #[test]
    fn literal_special_tokens_are_kept_whole() {
        let t = tiny();
        let toks = t.tokenize("a[UNK]a [unk] [");
        assert_eq!(
            toks[0],
            Token {
                id: 8,
                start: 0,
                end: 1
            }
        );
        assert_eq!(
            toks[1],
            Token {
                id: 1,
                start: 1,
                end: 6
            }
        );
        assert_eq!(
            toks[2],
            Token {
                id: 8,
                start: 6,
                end: 7
            }
        );
        // Lowercase is not the special token; the tiny vocabulary has no "[" either.
        assert_eq!(toks.len(), 7);
    }

    #[test]
    fn control_chars_vanish_and_odd_whitespace_splits() {
        let t = tiny();
        assert_eq!(ids(&t, "a\u{7}\u{200B}a"), vec![1]);
        assert_eq!(ids(&t, "a\u{A0}a\u{2003}a"), vec![8, 8, 8]);
        assert!(t.tokenize("").is_empty());
    }
}
