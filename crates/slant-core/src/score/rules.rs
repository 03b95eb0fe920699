//! VADER's rules around a sentiment word (Hutto & Gilbert, ICWSM 2014):
//! negation scoped to the clause, boosters and dampeners, ALL-CAPS
//! emphasis, contrast and concession, each recorded as a [`Rule`]. The same
//! [`Modifiers`] apply to directed predicates. It must not look words up.

use super::*;

/// Weight of a word in a concessive clause ("although ...", "despite ...").
pub(crate) const CONCESSION: f32 = 0.5;

/// What the words around a token do to its valence.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Modifiers {
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

/// Boosters and dampeners with VADER's sign: +1 boosts, -1 dampens.
pub(super) fn booster(word: &str) -> Option<f32> {
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
pub(crate) fn is_negator(word: &str) -> bool {
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
pub(crate) struct SentenceFacts {
    /// The first contrast word ("but", "however", "yet").
    contrast: Option<usize>,
    tokens: Range<usize>,
    /// Whether most letters are capitals (see [`is_all_caps`]), once asked.
    all_caps: std::cell::OnceCell<bool>,
}

/// The facts of `sentence`. `clause` is the first clause of the sentence
/// asked about before: callers ask in text order, so the sentence's first
/// clause is found by walking on from there (it is searched for otherwise).
pub(crate) fn sentence_facts(doc: &Doc, st: &Structure, sentence: usize, clause: &mut usize) -> SentenceFacts {
    let tokens = doc.sentences[sentence].tokens.clone();
    if st
        .clauses
        .get(..*clause)
        .is_none_or(|before| before.last().is_some_and(|c| c.sentence >= sentence))
    {
        *clause = st.clauses.partition_point(|c| c.sentence < sentence);
    }
    while st.clauses.get(*clause).is_some_and(|c| c.sentence < sentence) {
        *clause += 1;
    }
    let first_clause = *clause;
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
/// `bangs` are the byte offsets of the text's "!", in order, and `next` the
/// first of them not before this sentence (sentences are asked in order).
pub(super) fn exclamations(doc: &Doc, tokens: Range<usize>, bangs: &[usize], next: &mut usize) -> usize {
    // Most sentences hold no "!" at all: the offsets tell without reading them.
    let (Some(first), Some(last)) = (
        doc.tokens.get(tokens.start),
        tokens.end.checked_sub(1).and_then(|e| doc.tokens.get(e)),
    ) else {
        return 0;
    };
    while bangs.get(*next).is_some_and(|&b| b < first.span.start) {
        *next += 1;
    }
    if bangs.get(*next).is_none_or(|&b| b >= last.span.end) {
        return 0;
    }
    tokens
        // The kind is a byte per token: only punctuation is read as text.
        .filter(|&i| doc.kind(i) == TokenKind::Punct && doc.token_text(i) == "!")
        .take(4)
        .count()
}

/// Whether most letters of the sentence are capitals (a headline or a shout),
/// in which case capitals are not emphasis.
pub(super) fn is_all_caps(doc: &Doc, tokens: Range<usize>) -> bool {
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
pub(super) fn modifiers(doc: &Doc, st: &Structure, facts: &SentenceFacts, i: usize, end: usize) -> Modifiers {
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
        if !doc.is_word(j) {
            continue;
        }
        back += 1;
        let word = token_key(doc, j, &mut spill);
        let by = doc.tokens[j].span;
        // "so-called" is not "so": a booster inside a hyphenated compound does not boost.
        if let Some(direction) = booster(word).filter(|_| !crate::segment::in_compound(doc, j)) {
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
    // Most words have a lowercase letter: the test for capitals stops at it.
    if text.chars().all(|c| !c.is_alphabetic() || c.is_uppercase())
        && text.chars().filter(|c| c.is_alphabetic()).count() >= 2
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
pub(crate) fn modifiers_at(doc: &Doc, st: &Structure, facts: &SentenceFacts, i: usize) -> Modifiers {
    modifiers(doc, st, facts, i, i + 1)
}

#[cfg(test)]
mod so_called_tests {
    #[test]
    fn so_called_is_not_a_booster() {
        let text = "Russia's so-called reassurance force arrived.";
        let r = crate::analyze(text, &crate::Config::default());
        let boosted = r
            .cells
            .iter()
            .flat_map(|c| &c.evidence)
            .flat_map(|e| &e.rules)
            .any(|r| matches!(r, crate::types::Rule::Boosted { .. }));
        assert!(!boosted);
        // A free-standing "so" still boosts.
        let r = crate::analyze("Russia was so good.", &crate::Config::default());
        assert!(
            r.cells
                .iter()
                .flat_map(|c| &c.evidence)
                .flat_map(|e| &e.rules)
                .any(|r| matches!(r, crate::types::Rule::Boosted { .. }))
        );
    }
}
