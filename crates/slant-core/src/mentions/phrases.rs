//! Matching fixed phrases ("No 10 Downing Street", "Donald J. Trump", "UK")
//! against a document's tokens, leftmost-longest.
//!
//! A phrase is tokenized with the document tokenizer, so it matches exactly
//! where the text has the same tokens in a row: never inside a longer word,
//! always on token boundaries, with possessives and hyphens already split off
//! ("Moscow’s", "Kremlin-linked"). Matching is case-sensitive. One hash
//! lookup per token finds the phrases that start there.
//!
//! This module owns the index and the scan; what a match means belongs to
//! its callers (`gazetteer`, the user's actors in `matches`).

use std::ops::Range;

use rustc_hash::FxHashMap;

use crate::segment::{Doc, tokenize};
use crate::sketch::Sketch;
use crate::types::Span;

/// The tokens of a phrase after its first one, and the phrase's value.
type Tail<V> = (Box<[Box<str>]>, V);

/// Phrases indexed by their first token, each with a value.
#[derive(Clone, Debug)]
pub(crate) struct PhraseIndex<V> {
    /// For each first token: the rest of each phrase, longest first, and its value.
    by_first: FxHashMap<Box<str>, Vec<Tail<V>>>,
    /// The keys of `by_first`: most tokens start no phrase, and are turned away without hashing.
    sketch: Sketch,
    /// For each first byte, bit `len` (31 for longer keys) for each key of
    /// that length: most tokens start no phrase, and are turned away reading
    /// their first byte and length only.
    firsts: [u32; 256],
    len: usize,
}

impl<V> Default for PhraseIndex<V> {
    fn default() -> Self {
        PhraseIndex {
            by_first: FxHashMap::default(),
            sketch: Sketch::default(),
            firsts: [0; 256],
            len: 0,
        }
    }
}

impl<V: Copy> PhraseIndex<V> {
    /// Adds `phrase` with `value`, unless the same phrase is already there
    /// (the first one added wins). Returns whether it was added.
    pub fn insert(&mut self, phrase: &str, value: V) -> bool {
        let phrase = phrase.trim();
        let mut tokens = Vec::new();
        tokenize(phrase, Span::new(0, phrase.len()), &mut tokens);
        let mut words = tokens.iter().map(|t| Box::<str>::from(t.span.of(phrase)));
        let Some(first) = words.next() else { return false };
        let rest: Box<[Box<str>]> = words.collect();
        self.sketch.insert(&first);
        let byte = first.as_bytes().first().copied().unwrap_or(0);
        self.firsts[usize::from(byte)] |= 1 << first.len().min(31);
        let list = self.by_first.entry(first).or_default();
        if list.iter().any(|(r, _)| *r == rest) {
            return false;
        }
        // Keep the longest first, so the first match found is the longest.
        let at = list.partition_point(|(r, _)| r.len() >= rest.len());
        list.insert(at, (rest, value));
        self.len += 1;
        true
    }

    /// Number of phrases.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The longest phrase starting at token `i` of `doc`, as a token range.
    pub fn longest_at(&self, doc: &Doc, i: usize) -> Option<(Range<usize>, V)> {
        let first = doc.token_text(i);
        if !self.sketch.may_contain(first) {
            return None;
        }
        let list = self.by_first.get(first)?;
        list.iter().find_map(|(rest, value)| {
            let end = i + 1 + rest.len();
            (end <= doc.tokens.len() && rest.iter().enumerate().all(|(k, w)| doc.token_text(i + 1 + k) == &**w))
                .then_some((i..end, *value))
        })
    }

    /// The first token from `i` whose first byte and length some key has
    /// (the number of tokens if none): the others start no phrase.
    fn next_start(&self, doc: &Doc, i: usize) -> usize {
        let text = doc.text.as_bytes();
        for (j, t) in (i..).zip(doc.tokens.get(i..).unwrap_or_default()) {
            let first = text.get(t.span.start).copied().unwrap_or(0);
            let len = t.span.end.wrapping_sub(t.span.start).min(31);
            if self.firsts[usize::from(first)] & (1 << len) != 0 {
                return j;
            }
        }
        doc.tokens.len()
    }

    /// Every leftmost-longest, non-overlapping match in `doc`, in text order.
    pub fn find_iter<'a>(&'a self, doc: &'a Doc) -> impl Iterator<Item = (Range<usize>, V)> + 'a {
        let mut i = 0;
        std::iter::from_fn(move || {
            while i < doc.tokens.len() {
                i = self.next_start(doc, i);
                if i >= doc.tokens.len() {
                    break;
                }
                if let Some((range, value)) = self.longest_at(doc, i) {
                    i = range.end;
                    return Some((range, value));
                }
                i += 1;
            }
            None
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(phrases: &[&str]) -> PhraseIndex<usize> {
        let mut idx = PhraseIndex::default();
        for (i, p) in phrases.iter().enumerate() {
            idx.insert(p, i);
        }
        idx
    }

    fn found(idx: &PhraseIndex<usize>, text: &str) -> Vec<(String, usize)> {
        let doc = Doc::new(text);
        idx.find_iter(&doc)
            .map(|(r, v)| {
                (
                    Span::new(doc.tokens[r.start].span.start, doc.tokens[r.end - 1].span.end)
                        .of(text)
                        .into(),
                    v,
                )
            })
            .collect()
    }

    #[test]
    fn longest_match_wins() {
        let idx = index(&["Downing Street", "No 10", "No 10 Downing Street"]);
        assert_eq!(
            found(&idx, "No 10 Downing Street said."),
            [("No 10 Downing Street".into(), 2)]
        );
        assert_eq!(
            found(&idx, "No 10 said. Downing Street agreed."),
            [("No 10".into(), 1), ("Downing Street".into(), 0)]
        );
    }

    #[test]
    fn only_whole_tokens_match() {
        let idx = index(&["UN", "US", "Moscow", "Kremlin"]);
        assert_eq!(found(&idx, "UNESCO and USA, us."), []);
        assert_eq!(
            found(&idx, "Moscow’s Kremlin-linked elites"),
            [("Moscow".into(), 2), ("Kremlin".into(), 3)]
        );
    }

    #[test]
    fn dotted_abbreviations_and_multibyte_phrases() {
        let idx = index(&["U.S.", "Élysée Palace", "Donald J. Trump"]);
        assert_eq!(
            found(&idx, "The U.S. and the Élysée Palace; Donald J. Trump."),
            [
                ("U.S.".into(), 0),
                ("Élysée Palace".into(), 1),
                ("Donald J. Trump".into(), 2)
            ]
        );
    }

    #[test]
    fn duplicates_keep_the_first_value() {
        let mut idx = PhraseIndex::default();
        assert!(idx.insert("Nato", 1));
        assert!(!idx.insert("Nato", 2));
        assert!(!idx.insert("  ", 3));
        assert_eq!(idx.len(), 1);
        assert_eq!(found(&idx, "Nato"), [("Nato".into(), 1)]);
    }
}
