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
pub mod lexicon;

use crate::segment::structure::{ClauseKind, Structure};
use crate::segment::{Doc, TokenKind, in_compound};
use crate::types::Span;
use crate::types::{Rule, Source};
use lexicon::{Lookup, token_key};

/// Weight of a word in a concessive clause ("although ...", "despite ...").
pub const CONCESSION: f32 = 0.5;

/// What the words around a token do to its valence.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Modifiers {
    /// Multiplicative: negation, contrast, concession.
    pub factor: f32,
    /// Additive in the word's direction: boosters (positive), dampeners (negative), caps.
    pub delta: f32,
    pub rules: Vec<Rule>,
}

impl Modifiers {
    /// `valence` with the modifiers applied, as VADER does: add first, then multiply.
    pub fn apply(&self, valence: f32) -> f32 {
        if valence == 0.0 {
            return 0.0;
        }
        let magnitude = (valence.abs() + self.delta).max(0.0);
        magnitude.copysign(valence) * self.factor
    }
}

/// A sentiment word or phrase, after VADER's rules.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    pub tokens: Range<usize>,
    pub span: Span,
    /// The lexicon valence.
    pub base: f32,
    pub source: Source,
    /// The valence after the rules.
    pub valence: f32,
    pub rules: Vec<Rule>,
}

/// Boosters and dampeners with VADER's sign: +1 boosts, -1 dampens.
fn booster(word: &str) -> Option<f32> {
    match word {
        "absolutely" | "amazingly" | "awfully" | "completely" | "considerably" | "decidedly" | "deeply"
        | "enormously" | "entirely" | "especially" | "exceptionally" | "extremely" | "fabulously" | "fully"
        | "greatly" | "highly" | "hugely" | "incredibly" | "intensely" | "majorly" | "more" | "most"
        | "particularly" | "purely" | "quite" | "really" | "remarkably" | "so" | "substantially" | "thoroughly"
        | "totally" | "tremendously" | "unbelievably" | "unusually" | "utterly" | "very" | "dramatically"
        | "sharply" | "strongly" | "fiercely" | "bitterly" | "increasingly" => Some(1.0),
        "almost" | "barely" | "hardly" | "less" | "little" | "marginally" | "occasionally" | "partly" | "scarcely"
        | "slightly" | "somewhat" | "kinda" | "sorta" => Some(-1.0),
        _ => None,
    }
}

/// VADER's negators, without "despite" (a concession here, see `structure`).
pub fn is_negator(word: &str) -> bool {
    matches!(
        word,
        "not"
            | "no"
            | "never"
            | "none"
            | "nobody"
            | "nothing"
            | "nowhere"
            | "neither"
            | "nor"
            | "without"
            | "cannot"
            | "rarely"
            | "seldom"
            | "nope"
            | "aint"
            | "arent"
            | "cant"
            | "couldnt"
            | "didnt"
            | "doesnt"
            | "dont"
            | "hadnt"
            | "hasnt"
            | "havent"
            | "isnt"
            | "mightnt"
            | "mustnt"
            | "neednt"
            | "shant"
            | "shouldnt"
            | "wasnt"
            | "werent"
            | "wont"
            | "wouldnt"
    ) || word.ends_with("n't")
}

/// Per-sentence facts the rules need, computed once per sentence.
pub struct SentenceFacts {
    /// The first contrast word ("but", "however", "yet").
    contrast: Option<usize>,
    tokens: Range<usize>,
    /// Whether most letters are capitals (see [`is_all_caps`]), once asked.
    all_caps: std::cell::OnceCell<bool>,
}

pub fn sentence_facts(doc: &Doc, st: &Structure, sentence: usize) -> SentenceFacts {
    let tokens = doc.sentences[sentence].tokens.clone();
    let first_clause = st.clauses.partition_point(|c| c.sentence < sentence);
    let contrast = st.clauses[first_clause..]
        .iter()
        .take_while(|c| c.sentence == sentence)
        .find(|c| c.kind == ClauseKind::Contrast && c.opener.is_some())
        .and_then(|c| c.opener);
    SentenceFacts {
        contrast,
        tokens,
        all_caps: std::cell::OnceCell::new(),
    }
}

/// Exclamation marks in a sentence, at most the four VADER counts.
fn exclamations(doc: &Doc, tokens: Range<usize>) -> usize {
    tokens
        .filter(|&i| doc.tokens[i].kind == TokenKind::Punct && doc.token_text(i) == "!")
        .take(4)
        .count()
}

/// Whether most letters of the sentence are capitals (a headline or a shout),
/// in which case capitals are not emphasis.
fn is_all_caps(doc: &Doc, tokens: Range<usize>) -> bool {
    let (mut upper, mut letters) = (0usize, 0usize);
    for t in &doc.tokens[tokens] {
        if t.kind == TokenKind::Word {
            for c in t.span.of(doc.text).chars().filter(|c| c.is_alphabetic()) {
                letters += 1;
                upper += usize::from(c.is_uppercase());
            }
        }
    }
    letters > 0 && upper * 10 >= letters * 8
}

/// The modifiers of the word at tokens `i..end`.
fn modifiers(doc: &Doc, st: &Structure, facts: &SentenceFacts, i: usize, end: usize) -> Modifiers {
    let mut m = Modifiers {
        factor: 1.0,
        delta: 0.0,
        rules: Vec::new(),
    };
    let clause = st.clause_of.get(i).copied();
    let mut spill = String::new();

    // The three words before, in the same clause.
    let mut back = 0;
    let mut j = i;
    while back < VADER_WINDOW && j > 0 {
        j -= 1;
        if st.clause_of.get(j).copied() != clause {
            break;
        }
        if doc.tokens[j].kind != TokenKind::Word {
            continue;
        }
        back += 1;
        let word = token_key(doc, j, &mut spill);
        let by = doc.tokens[j].span;
        if let Some(direction) = booster(word) {
            // VADER: full weight one word back, 0.95 two back, 0.9 three back.
            let decay = [1.0, 0.95, 0.9][back - 1];
            let delta = direction * VADER_BOOSTER * decay;
            m.delta += delta;
            m.rules.push(if direction > 0.0 {
                Rule::Boosted { by, delta }
            } else {
                Rule::Dampened { by, delta }
            });
        } else if is_negator(word)
            // VADER: "least" negates ("least helpful"), but not in "at least" or "very least".
            || (word == "least"
                && j > 0
                && !matches!(doc.lower(j - 1), "at" | "very"))
        {
            m.factor *= VADER_NEGATION;
            m.rules.push(Rule::Negated {
                by,
                factor: VADER_NEGATION,
            });
        }
    }

    // ALL-CAPS emphasis on a real word (the caller only asks for lexicon words).
    let text = Span::new(doc.tokens[i].span.start, doc.tokens[end - 1].span.end).of(doc.text);
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    if letters >= 2
        && text.chars().all(|c| !c.is_alphabetic() || c.is_uppercase())
        && !*facts.all_caps.get_or_init(|| is_all_caps(doc, facts.tokens.clone()))
    {
        m.delta += VADER_CAPS;
        m.rules.push(Rule::Caps { delta: VADER_CAPS });
    }

    // Contrast and concession.
    if let Some(c) = facts.contrast {
        let factor = if i < c {
            VADER_BUT_BEFORE
        } else if i > c {
            VADER_BUT_AFTER
        } else {
            1.0
        };
        if factor != 1.0 {
            m.factor *= factor;
            m.rules.push(Rule::Contrast {
                by: doc.tokens[c].span,
                factor,
            });
        }
    }
    if let Some(cl) = st.clause(i)
        && cl.kind == ClauseKind::Concessive
        && let Some(o) = cl.opener
        && o != i
    {
        m.factor *= CONCESSION;
        m.rules.push(Rule::Concession {
            by: doc.tokens[o].span,
            factor: CONCESSION,
        });
    }
    m
}

/// The modifiers of token `i`, for predicates; `facts` are its sentence's.
pub fn modifiers_at(doc: &Doc, st: &Structure, facts: &SentenceFacts, i: usize) -> Modifiers {
    modifiers(doc, st, facts, i, i + 1)
}

/// Whether token `i` is a capitalised word inside a sentence: a name, not a sentiment word.
fn is_inner_capitalised(doc: &Doc, sentence_start: usize, i: usize) -> bool {
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

/// Every sentiment word and phrase of `doc`, with VADER's rules applied.
// A pipeline stage: kept out of line so profiles show it whole.
#[inline(never)]
pub fn hits(doc: &Doc, st: &Structure, cast: &Cast, lex: &Lookup) -> Vec<Hit> {
    let mut out = Vec::new();
    let mut spill = String::new();
    let mut spill2 = String::new();
    for (index, sentence) in doc.sentences.iter().enumerate() {
        let range = sentence.tokens.clone();
        let first_hit = out.len();
        let mut facts: Option<SentenceFacts> = None;
        let mut i = range.start;
        while i < range.end {
            let tok = doc.tokens[i];
            if tok.kind != TokenKind::Word || cast.mention_at(i).is_some() || is_inner_capitalised(doc, range.start, i)
            {
                i += 1;
                continue;
            }
            let word = token_key(doc, i, &mut spill);
            let at = lex.at(word);
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
            if entry.valence == 0.0 {
                i = end;
                continue;
            }
            let facts = facts.get_or_insert_with(|| sentence_facts(doc, st, index));
            let m = modifiers(doc, st, facts, i, end);
            out.push(Hit {
                tokens: i..end,
                span: Span::new(tok.span.start, doc.tokens[end - 1].span.end),
                base: entry.valence,
                source: entry.source,
                valence: m.apply(entry.valence),
                rules: m.rules,
            });
            i = end;
        }
        // Exclamation marks: VADER adds 0.292 per mark to the sentence; shared among its words.
        let marks = if out.len() > first_hit {
            exclamations(doc, range.clone())
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
    out
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
        if j >= limit || doc.tokens[j].kind != TokenKind::Word || cast.mention_at(j).is_some() {
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
    fn multibyte_text() {
        let h = hits_of("« C’est horrible » — the plan was not helpful 👎.");
        assert!(h.iter().any(|h| h.0 == "horrible"), "{h:?}");
        assert!(h.iter().any(|h| h.0 == "helpful" && h.2.contains(&"negated")), "{h:?}");
    }
}
