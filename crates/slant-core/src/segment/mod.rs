//! The text model: one owner of the text, with paragraphs, sentences and
//! tokens as spans of it (after spaCy's `Doc`).
//!
//! [`Doc`] borrows the original text and never alters it. Every structure is a
//! byte [`Span`] into that text, half-open and on char boundaries, so anything
//! the engine reports can be highlighted in the text the user gave.
//!
//! This module owns segmentation only. It knows nothing of actors or
//! sentiment, and must not allocate per token beyond the token vector and
//! the per-token views beside it (text, kind and flags, sentence), which the
//! lexer fills as it pushes each token.

mod paragraphs;
mod sentences;
pub(crate) mod structure;
mod tokens;

use std::ops::Range;

use crate::types::Span;

pub(crate) use paragraphs::paragraphs;
pub(crate) use tokens::tokenize;
use tokens::{Tokens, tokenize_into};

/// What kind of token a [`Token`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum TokenKind {
    /// Letters (any script), with digits, internal apostrophes ("don't",
    /// "O'Brien") and the internal full stops of dotted abbreviations ("U.S.",
    /// "D.C.", including the final stop). Hyphens are not part of words:
    /// "Kremlin-linked" is `Word`, `Punct('-')`, `Word`.
    Word,
    /// Digits with internal separators: "2022", "3.4", "30,000", "5%" is
    /// `Number` then `Punct('%')`.
    Number,
    /// The possessive ending "'s" / "’s", or a lone apostrophe after a plural
    /// ("Europeans’"). It follows its word with no space.
    Possessive,
    /// An opening quotation mark: “ ‘ « „ or a straight quote that opens.
    OpenQuote,
    /// A closing quotation mark: ” ’ » or a straight quote that closes.
    CloseQuote,
    /// An em or en dash, or a hyphen with space on both sides.
    Dash,
    /// An ellipsis: "…" or three or more full stops.
    Ellipsis,
    /// Any other single non-space character: , . ; : ! ? ( ) [ ] - / $ € % & emoji...
    Punct,
}

/// A [`Doc`] flag: the token has an ASCII capital.
const CAPITALISED: u8 = 1;
/// A [`Doc`] flag: the token has a byte outside ASCII.
const NOT_ASCII: u8 = 2;

/// One token: a span of the text and its kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Token {
    pub span: Span,
    pub kind: TokenKind,
    /// Whether white space, a line break or the start of the paragraph comes
    /// right before this token.
    pub space_before: bool,
}

/// What [`Doc`] keeps of a token beside it: its kind, and its flags
/// ([`CAPITALISED`], [`NOT_ASCII`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct View {
    kind: TokenKind,
    flags: u8,
}

/// A sentence: its span and the range of its tokens in [`Doc::tokens`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Sentence {
    pub span: Span,
    pub tokens: Range<usize>,
    pub paragraph: usize,
}

/// A paragraph: its span and the range of its sentences in [`Doc::sentences`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Paragraph {
    pub span: Span,
    pub sentences: Range<usize>,
}

/// The segmented text: paragraphs, sentences and tokens, all spans of `text`.
#[derive(Clone, Debug)]
pub(crate) struct Doc<'t> {
    pub text: &'t str,
    /// `text` with ASCII letters lowercased: the same length, so every span
    /// of `text` is a span of it. Closed-class word checks ("the", "said",
    /// "despite") read it instead of lowercasing token by token.
    pub lower: String,
    /// The text of every token, sliced once: closed-class word checks read
    /// tokens many times, and slicing a `str` checks char boundaries each time.
    words: Vec<&'t str>,
    /// The kind and flags of every token, apart from its span: kind and case
    /// tests on every token read two bytes each, not a whole [`Token`].
    views: Vec<View>,
    /// The sentence of every token.
    sentence_of_token: Vec<u32>,
    pub paragraphs: Vec<Paragraph>,
    pub sentences: Vec<Sentence>,
    pub tokens: Vec<Token>,
}

impl<'t> Doc<'t> {
    /// Segments `text` into paragraphs, then each paragraph into tokens and sentences.
    // A pipeline stage: kept out of line so profiles show it whole.
    #[inline(never)]
    pub fn new(text: &'t str) -> Doc<'t> {
        // About one token per five bytes of news text.
        let estimate = text.len() / 5;
        let mut tokens = Tokens::with_capacity(estimate);
        // News text has a sentence per 150 bytes and a paragraph per 480.
        let mut paras = Vec::with_capacity(text.len() / 256);
        let mut sentences = Vec::with_capacity(text.len() / 128);
        let mut sentence_of_token = Vec::with_capacity(estimate);
        for (index, span) in paragraphs(text).into_iter().enumerate() {
            let first_token = tokens.tokens.len();
            tokenize_into(text, span, &mut tokens);
            let first_sentence = sentences.len();
            sentences::split(
                text,
                &tokens.tokens,
                first_token..tokens.tokens.len(),
                index,
                &mut sentences,
            );
            for (i, s) in sentences.iter().enumerate().skip(first_sentence) {
                sentence_of_token.extend(std::iter::repeat_n(i as u32, s.tokens.len()));
            }
            paras.push(Paragraph {
                span,
                sentences: first_sentence..sentences.len(),
            });
        }
        Doc {
            text,
            lower: text.to_ascii_lowercase(),
            words: tokens.words,
            views: tokens.views,
            sentence_of_token,
            paragraphs: paras,
            sentences,
            tokens: tokens.tokens,
        }
    }

    /// The text of token `i`.
    #[inline]
    pub fn token_text(&self, i: usize) -> &'t str {
        self.words.get(i).copied().unwrap_or("")
    }

    /// Token `i` with ASCII letters lowercased ("Despite" -> "despite").
    #[inline]
    pub fn lower(&self, i: usize) -> &str {
        match (self.views.get(i), self.words.get(i)) {
            (Some(v), Some(&w)) if v.flags & CAPITALISED == 0 => w,
            // The word's offset comes from where it sits in the text, so the
            // tokens themselves are not read.
            (Some(_), Some(w)) => {
                let start = (w.as_ptr() as usize).wrapping_sub(self.text.as_ptr() as usize);
                self.lower.get(start..start.wrapping_add(w.len())).unwrap_or("")
            }
            _ => "",
        }
    }

    /// Whether token `i` may begin with a capital: it has an ASCII capital or
    /// a byte outside ASCII (`false` past the end). One byte is read, not the text.
    #[inline]
    pub fn may_be_capitalised(&self, i: usize) -> bool {
        self.views.get(i).is_some_and(|v| v.flags != 0)
    }

    /// Whether token `i` is all ASCII (a missing token is).
    /// The kind of token `i`, read from a byte per token (`Punct` past the end).
    #[inline]
    pub fn kind(&self, i: usize) -> TokenKind {
        self.views.get(i).map_or(TokenKind::Punct, |v| v.kind)
    }

    /// The number of words among `tokens`, counted from a byte per token.
    pub fn words_among(&self, tokens: Range<usize>) -> usize {
        self.views
            .get(tokens)
            .map_or(0, |views| views.iter().filter(|v| v.kind == TokenKind::Word).count())
    }

    /// Whether token `i` is a word (`false` past the end).
    #[inline]
    pub fn is_word(&self, i: usize) -> bool {
        self.views.get(i).is_some_and(|v| v.kind == TokenKind::Word)
    }

    #[inline]
    pub fn is_ascii(&self, i: usize) -> bool {
        self.views.get(i).is_none_or(|v| v.flags & NOT_ASCII == 0)
    }

    /// The sentence that holds token `i` (the last sentence when `i` is past the end).
    #[inline]
    pub fn sentence_of(&self, i: usize) -> usize {
        match self.sentence_of_token.get(i) {
            Some(&s) => s as usize,
            None => self.sentences.len().saturating_sub(1),
        }
    }

    /// The tokens that overlap `span`, as a range.
    pub fn tokens_in(&self, span: Span) -> Range<usize> {
        let start = self.tokens.partition_point(|t| t.span.end <= span.start);
        let end = self.tokens.partition_point(|t| t.span.start < span.end);
        start..end.max(start)
    }
}

/// Whether token `i` is part of a hyphenated compound ("back-to-back",
/// "hour-long"): its words are not predicates or sentiment words on their own.
pub(crate) fn in_compound(doc: &Doc, i: usize) -> bool {
    let joined = |hyphen: usize, other: usize| {
        doc.tokens
            .get(hyphen)
            .is_some_and(|t| t.kind == TokenKind::Punct && !t.space_before)
            && doc.token_text(hyphen) == "-"
            && doc
                .tokens
                .get(other)
                .is_some_and(|t| t.kind == TokenKind::Word && !t.space_before)
    };
    (i >= 2 && joined(i - 1, i)) || joined(i + 1, i + 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_nests_tokens_in_sentences_in_paragraphs() {
        let text = "Mr. Macron met Mr. Trump. They talked.\n\nUkraine waited.";
        let doc = Doc::new(text);
        assert_eq!(doc.paragraphs.len(), 2);
        assert_eq!(doc.sentences.len(), 3);
        assert_eq!(doc.sentences[0].span.of(text), "Mr. Macron met Mr. Trump.");
        assert_eq!(doc.sentences[2].paragraph, 1);
        for p in &doc.paragraphs {
            for s in &doc.sentences[p.sentences.clone()] {
                assert!(p.span.contains(s.span));
                for t in &doc.tokens[s.tokens.clone()] {
                    assert!(s.span.contains(t.span));
                }
            }
        }
    }

    #[test]
    fn lower_keeps_offsets() {
        let doc = Doc::new("Élysée SAID Despite");
        assert_eq!(doc.lower(0), "Élysée");
        assert_eq!(doc.lower(1), "said");
        assert_eq!(doc.lower(2), "despite");
        assert_eq!(doc.lower(9), "");
    }

    #[test]
    fn empty_text_gives_an_empty_doc() {
        let doc = Doc::new("");
        assert!(doc.paragraphs.is_empty() && doc.sentences.is_empty() && doc.tokens.is_empty());
        assert_eq!(doc.token_text(0), "");
    }
}
