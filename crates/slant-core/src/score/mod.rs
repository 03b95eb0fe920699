//! Sentiment words and VADER's rules around them.
//!
//! For every word (or multi-word phrase) with a lexicon valence, this module
//! applies the rules of VADER (Hutto & Gilbert, ICWSM 2014) and records each
//! one it applied:
//! - negation: a negator among the three words before, inside the same
//!   clause ("did not condemn"), multiplies by [`VADER_NEGATION`];
//! - boosters and dampeners among the three words before ("very", "slightly")
//!   add or take away [`VADER_BOOSTER`], less for words further back;
//! - ALL-CAPS emphasis adds [`VADER_CAPS`], but never for acronyms or names
//!   (it needs a lexicon word in capitals in a sentence that is not all capitals);
//! - contrast: before "but" / "however" / "yet" a word counts half, after it
//!   1.5 times; in a concessive clause ("although", "despite") half;
//! - exclamation marks add [`VADER_EXCLAMATION`] each (up to four), shared
//!   among the sentence's sentiment words.
//!
//! Words inside actor mentions are never sentiment words ("United States",
//! "Justice Department"), nor are capitalised words inside a sentence, which
//! are names the actor finder did not claim.
//!
//! The same [`Modifiers`] apply to directed predicates, so "did not condemn"
//! is negated whether "condemn" is read as a word or as a predicate.

use std::ops::Range;

use crate::config::{
    VADER_BOOSTER, VADER_BUT_AFTER, VADER_BUT_BEFORE, VADER_CAPS, VADER_EXCLAMATION, VADER_NEGATION, VADER_WINDOW,
};
use crate::mentions::Cast;
pub(crate) mod lexicon;
mod rules;

use rules::*;
pub(crate) use rules::{Modifiers, SentenceFacts, modifiers_at, sentence_facts};

use crate::segment::structure::{ClauseKind, Structure};
use crate::segment::{Doc, TokenKind, in_compound};
use crate::types::Span;
use crate::types::{Rule, Source};
use lexicon::{Lookup, token_key};

/// A sentiment word or phrase, after VADER's rules.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Hit {
    pub tokens: Range<usize>,
    pub span: Span,
    /// The lexicon valence.
    pub base: f32,
    pub source: Source,
    /// The valence after the rules.
    pub valence: f32,
    pub rules: Vec<Rule>,
}

/// Whether token `i` is a capitalised word inside a sentence: a name, not a sentiment word.
fn is_inner_capitalised(doc: &Doc, sentence_start: usize, i: usize) -> bool {
    // Most words are lowercase ASCII: one byte per token tells.
    if !doc.may_be_capitalised(i) {
        return false;
    }
    let text = doc.token_text(i);
    if !text.chars().next().is_some_and(char::is_uppercase) || text.chars().all(|c| !c.is_lowercase()) {
        return false;
    }
    if i == sentence_start {
        return false;
    }
    // After an opening quote, a colon or a dash, a capital starts a new sentence-like unit.
    let prev = doc.tokens[i - 1];
    !(matches!(prev.kind, TokenKind::OpenQuote | TokenKind::Dash)
        || matches!(doc.token_text(i - 1), ":" | "(" | "[" | "\""))
}

/// Every sentiment word and phrase of `doc`, with VADER's rules applied,
/// and the words outside mentions that the lexicon marks (the engine marks
/// the directed predicates' forms), in text order: every word is looked up once.
// A pipeline stage: kept out of line so profiles show it whole.
#[inline(never)]
pub(crate) fn hits(doc: &Doc, st: &Structure, cast: &Cast, lex: &Lookup) -> (Vec<Hit>, Vec<u32>) {
    // About one sentiment word in sixteen tokens of news text.
    let mut out = Vec::with_capacity(doc.tokens.len() / 16);
    let mut marked = Vec::new();
    let mut spill = String::new();
    let mut spill2 = String::new();
    // Every "!" of the text, found in one search, for VADER's exclamation rule.
    let mut bangs = Vec::new();
    let mut from = 0;
    while let Some(k) = doc.text.get(from..).and_then(|rest| rest.find('!')) {
        bangs.push(from + k);
        from += k + 1;
    }
    let mut next_bang = 0;
    let mut clause = 0;
    for (index, sentence) in doc.sentences.iter().enumerate() {
        let range = sentence.tokens.clone();
        let first_hit = out.len();
        let mut facts: Option<SentenceFacts> = None;
        let mut i = range.start;
        while i < range.end {
            if !doc.is_word(i) || cast.has_mention(i) {
                i += 1;
                continue;
            }
            let word = token_key(doc, i, &mut spill);
            let at = lex.at(word);
            if at.is_marked() {
                marked.push(i as u32);
            }
            if at.is_nothing() || is_inner_capitalised(doc, range.start, i) {
                i += 1;
                continue;
            }
            // The longest phrase starting here, then the word alone.
            let mut found = None;
            for phrase in at.phrases() {
                if let Some(end) = match_phrase(doc, cast, i + 1, range.end, &phrase.rest, &mut spill2) {
                    found = Some((end, phrase.entry));
                    break;
                }
            }
            let (end, entry) = match found {
                Some(f) => f,
                // A word inside a hyphenated compound ("back-to-back") is not a word of its own.
                None => match at.entry().filter(|_| !in_compound(doc, i)) {
                    Some(e) => (i + 1, e),
                    None => {
                        i += 1;
                        continue;
                    }
                },
            };
            // The other words of a phrase are marked too: they are not read again.
            for j in i + 1..end {
                if doc.is_word(j) && lex.marks(token_key(doc, j, &mut spill2)) {
                    marked.push(j as u32);
                }
            }
            if entry.valence == 0.0 {
                i = end;
                continue;
            }
            let facts = facts.get_or_insert_with(|| sentence_facts(doc, st, index, &mut clause));
            let m = modifiers(doc, st, facts, i, end);
            out.push(Hit {
                tokens: i..end,
                span: Span::new(doc.tokens[i].span.start, doc.tokens[end - 1].span.end),
                base: entry.valence,
                source: entry.source,
                valence: m.apply(entry.valence),
                rules: m.rules,
            });
            i = end;
        }
        // Exclamation marks: VADER adds 0.292 per mark to the sentence; shared among its words.
        let marks = if out.len() > first_hit {
            exclamations(doc, range.clone(), &bangs, &mut next_bang)
        } else {
            0
        };
        if marks > 0 {
            let words = &mut out[first_hit..];
            let n = words.len() as f32;
            for hit in words.iter_mut() {
                if hit.valence != 0.0 {
                    let delta = VADER_EXCLAMATION * marks as f32 / n;
                    hit.valence += delta.copysign(hit.valence);
                    hit.rules.push(Rule::Exclamation { delta });
                }
            }
        }
    }
    (out, marked)
}

/// Matches the words `rest` from token `from`, allowing a hyphen between
/// words; returns the end token.
fn match_phrase(
    doc: &Doc,
    cast: &Cast,
    from: usize,
    limit: usize,
    rest: &[Box<str>],
    spill: &mut String,
) -> Option<usize> {
    let mut j = from;
    for word in rest {
        if j < limit && doc.tokens[j].kind == TokenKind::Punct && doc.token_text(j) == "-" {
            j += 1;
        }
        if j >= limit || !doc.is_word(j) || cast.has_mention(j) {
            return None;
        }
        if token_key(doc, j, spill) != &**word {
            return None;
        }
        j += 1;
    }
    Some(j)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{ActorEdits, Config};
    use crate::mentions as actors;
    use crate::score::lexicon::Lexicon;

    fn hits_of(text: &str) -> Vec<(String, f32, Vec<&'static str>)> {
        let doc = Doc::new(text);
        let st = Structure::new(&doc);
        let cast = actors::find_builtin(&doc, &ActorEdits::default(), &[]);
        let config = Config::default();
        let lex = Lookup::new(Lexicon::builtin(), &config);
        hits(&doc, &st, &cast, &lex)
            .0
            .into_iter()
            .map(|h| {
                (
                    h.span.of(text).to_string(),
                    h.valence,
                    h.rules.iter().map(Rule::name).collect(),
                )
            })
            .collect()
    }

    fn close(a: f32, b: f32) -> bool {
        (a - b).abs() < 1e-4
    }

    #[test]
    fn a_plain_word_keeps_its_valence() {
        let h = hits_of("The result was horrible.");
        assert_eq!(h.len(), 1);
        assert!(close(h[0].1, -2.5), "{h:?}");
        assert!(h[0].2.is_empty());
    }

    #[test]
    fn negation_in_the_same_clause() {
        let h = hits_of("The plan is not helpful.");
        assert_eq!(h[0].2, ["negated"]);
        let helpful = Lexicon::builtin().word("helpful").unwrap().valence;
        assert!(close(h[0].1, helpful * VADER_NEGATION), "{h:?}");
        // "didn’t" with a curly apostrophe negates too.
        let h = hits_of("They didn’t help.");
        assert!(h[0].2.contains(&"negated"), "{h:?}");
    }

    #[test]
    fn negation_stops_at_the_clause() {
        let h = hits_of("It was not planned, but the result was good.");
        let good = h.iter().find(|h| h.0 == "good").unwrap();
        assert!(!good.2.contains(&"negated"), "{h:?}");
    }

    #[test]
    fn boosters_and_dampeners() {
        let h = hits_of("The plan is very good.");
        assert!(close(h[0].1, 1.9 + VADER_BOOSTER), "{h:?}");
        let h = hits_of("The plan is slightly good.");
        assert!(close(h[0].1, 1.9 - VADER_BOOSTER), "{h:?}");
    }

    #[test]
    fn caps_emphasis_but_not_acronyms_or_headlines() {
        let h = hits_of("The plan is GOOD.");
        assert!(h[0].2.contains(&"caps"), "{h:?}");
        let h = hits_of("NATO met in Brussels and the talks were good.");
        assert!(h.iter().all(|h| !h.2.contains(&"caps")), "{h:?}");
        let h = hits_of("THE PLAN IS GOOD");
        assert!(h.iter().all(|h| !h.2.contains(&"caps")), "{h:?}");
    }

    #[test]
    fn contrast_weights_both_sides() {
        let h = hits_of("The food was good but the service was horrible.");
        let good = h.iter().find(|h| h.0 == "good").unwrap();
        let horrible = h.iter().find(|h| h.0 == "horrible").unwrap();
        assert!(close(good.1, 1.9 * VADER_BUT_BEFORE), "{h:?}");
        assert!(close(horrible.1, -2.5 * VADER_BUT_AFTER), "{h:?}");
    }

    #[test]
    fn concession_halves() {
        let h = hits_of("Although the risks are horrible, we go.");
        let horrible = h.iter().find(|h| h.0 == "horrible").unwrap();
        assert!(horrible.2.contains(&"concession"), "{h:?}");
    }

    #[test]
    fn exclamation_adds_in_the_word_direction() {
        let h = hits_of("This is horrible!!");
        assert!(close(h[0].1, -2.5 - 2.0 * VADER_EXCLAMATION), "{h:?}");
    }

    #[test]
    fn names_are_not_sentiment_words() {
        // "United" and "Justice" are names here; "like" is switched off for news.
        let h = hits_of("The United States and the Justice Department, like others, met.");
        assert!(h.is_empty(), "{h:?}");
    }

    #[test]
    fn phrases_beat_their_words() {
        let h = hits_of("They were accused of war crimes.");
        assert!(h.iter().any(|h| h.0 == "war crimes"), "{h:?}");
    }

    #[test]
    fn scoring_lists_the_predicates_forms_outside_mentions() {
        let doc = Doc::new("Russia attacked Ukraine and praised nobody.");
        let st = Structure::new(&doc);
        let cast = actors::find_builtin(&doc, &ActorEdits::default(), &[]);
        let lex = Lookup::new(Lexicon::builtin(), &Config::default());
        let (_, marked) = hits(&doc, &st, &cast, &lex);
        let words: Vec<&str> = marked.iter().map(|&t| doc.token_text(t as usize)).collect();
        assert_eq!(words, ["attacked", "praised"]);
    }

    #[test]
    fn multibyte_text() {
        let h = hits_of("« C’est horrible » — the plan was not helpful 👎.");
        assert!(h.iter().any(|h| h.0 == "horrible"), "{h:?}");
        assert!(h.iter().any(|h| h.0 == "helpful" && h.2.contains(&"negated")), "{h:?}");
    }
}
