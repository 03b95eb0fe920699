//! Attribution: which sentiment reaches which mention, and through what.
//!
//! Sentiment reaches a mention by structure, not by sentence:
//! 1. Directed predicates first. "Russia attacked Ukraine": the predicate
//!    table says attacking reflects on the agent and spares the target, so
//!    Russia gets the agent's stance and Ukraine the target's (here none).
//!    Passives swap roles ("was rebuffed by Scholz"), possessives and
//!    demonyms name a noun's agent ("Moscow’s invasion", "Russian
//!    aggression"), prepositions name its target ("sanctions on Russia").
//!    A word used as a predicate is not spread again as plain sentiment.
//! 2. Every other sentiment word spreads to the mentions of its sentence that
//!    speak in the same voice (inside or outside the same quotation): fully in
//!    its own clause, less to the subject a clause inherits ("Trump, who
//!    always balks"), little to other clauses, nothing to other sentences; and
//!    it fades with the number of tokens in between.
//! 3. Speech: a quotation with a named speaker ("“...,” No 10 said", "Mr
//!    Macron said: “...”"), and reported speech ("Zelenskyy said Trump lived
//!    in a bubble"), record who speaks, so the report can show who says what
//!    about whom.
//!
//! Every contribution keeps the rules that shaped it. This module must not
//! aggregate: sums and labels belong to `report`.

use std::ops::Range;

use rustc_hash::FxHashSet;

pub mod predicates;

use crate::config::Config;
use crate::mentions::Cast;
use crate::score::lexicon::{normalize, token_key};
use crate::score::{Hit, Modifiers, SentenceFacts, modifiers_at, sentence_facts};
use crate::segment::structure::{ClauseKind, Structure, is_verb_of_saying};
use crate::segment::{Doc, TokenKind, in_compound};
use crate::types::Span;
use crate::types::{Cause, MentionKind, Rule, SpeechKind};
use predicates::{Pos, Predicates};

/// One piece of evidence toward one mention.
#[derive(Clone, Debug, PartialEq)]
pub struct Contribution {
    pub mention: usize,
    pub actor: usize,
    /// The words that carry it.
    pub words: Span,
    pub cause: Cause,
    /// The lexicon valence, or the predicate's stance for this role.
    pub base: f32,
    /// The signed weight toward the actor, after every rule.
    pub weight: f32,
    pub rules: Vec<Rule>,
    pub paragraph: usize,
}

/// Someone speaking: the speaker's mention and the tokens they say.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Speech {
    pub speaker: usize,
    pub kind: SpeechKind,
    pub tokens: Range<usize>,
    /// The quotation marks and text, or the reported clause.
    pub span: Span,
}

/// Everything attribution found.
#[derive(Clone, Debug, Default)]
pub struct Attribution {
    pub contributions: Vec<Contribution>,
    pub speeches: Vec<Speech>,
}

/// Prepositions: a mention right after one is not a clause's subject.
fn is_preposition(word: &str) -> bool {
    matches!(
        word,
        "of" | "in"
            | "on"
            | "at"
            | "to"
            | "for"
            | "with"
            | "from"
            | "by"
            | "about"
            | "against"
            | "into"
            | "onto"
            | "over"
            | "under"
            | "between"
            | "among"
            | "amid"
            | "during"
            | "after"
            | "before"
            | "without"
            | "within"
            | "toward"
            | "towards"
            | "behind"
            | "alongside"
            | "across"
            | "through"
            | "like"
            | "than"
            | "regarding"
            | "including"
            | "via"
            | "per"
            | "upon"
    )
}

/// Objects that turn a directed verb into an idiom about things, not people:
/// "strike a deal", "hit a record", "back a plan", "attack a problem".
fn is_idiom_object(word: &str) -> bool {
    matches!(
        word,
        "deal"
            | "deals"
            | "agreement"
            | "agreements"
            | "bargain"
            | "balance"
            | "compromise"
            | "chord"
            | "tone"
            | "note"
            | "pose"
            | "record"
            | "records"
            | "plan"
            | "plans"
            | "bill"
            | "proposal"
            | "idea"
            | "problem"
            | "problems"
            | "issue"
            | "issues"
            | "question"
            | "questions"
            | "office"
            | "position"
            | "post"
            | "seat"
            | "role"
            | "job"
            | "place"
    )
}

/// Auxiliaries and verbs of being: after one, a participle is passive.
fn is_be(word: &str) -> bool {
    matches!(
        word,
        "is" | "are" | "was" | "were" | "be" | "been" | "being" | "get" | "gets" | "got" | "getting" | "gotten"
    )
}

/// Words that may sit between an auxiliary and its participle: "was strongly condemned".
fn is_filler(word: &str) -> bool {
    word.ends_with("ly")
        || matches!(
            word,
            "not" | "also" | "never" | "already" | "then" | "still" | "just" | "even"
        )
}

/// Determiners and quantifiers before a noun: "the attack", "new sanctions".
fn is_noun_marker(word: &str) -> bool {
    matches!(
        word,
        "the"
            | "a"
            | "an"
            | "this"
            | "that"
            | "these"
            | "those"
            | "its"
            | "his"
            | "her"
            | "their"
            | "our"
            | "my"
            | "your"
            | "any"
            | "no"
            | "new"
            | "more"
            | "further"
            | "fresh"
            | "recent"
            | "future"
            | "such"
            | "full-scale"
            | "continued"
            | "latest"
            | "first"
            | "second"
            | "third"
            | "fourth"
            | "renewed"
            | "military"
            | "economic"
            | "western"
            | "strong"
            | "unwavering"
            | "steadfast"
            | "public"
            | "political"
            | "international"
            | "widespread"
            | "growing"
            | "brutal"
            | "unprovoked"
            | "illegal"
    )
}

/// Auxiliaries and pronouns before a verb: "has backed", "they blamed".
fn is_verb_marker(word: &str) -> bool {
    matches!(
        word,
        "has"
            | "have"
            | "had"
            | "will"
            | "would"
            | "can"
            | "could"
            | "should"
            | "must"
            | "may"
            | "might"
            | "did"
            | "does"
            | "do"
            | "to"
            | "not"
            | "he"
            | "she"
            | "they"
            | "we"
            | "i"
            | "you"
            | "it"
            | "who"
            | "which"
            | "also"
            | "then"
            | "and"
    ) || is_be(word)
}

/// Attribution state for one document.
struct Attributor<'a> {
    doc: &'a Doc<'a>,
    st: &'a Structure,
    cast: &'a Cast,
    config: &'a Config,
    table: &'a Predicates,
    /// Mentions of each sentence, as a range into `cast.mentions`.
    sentence_mentions: Vec<Range<usize>>,
    /// Tokens used as predicates; their lexicon hits are not spread again.
    consumed: Vec<bool>,
    /// For tokens inside reported speech, the first token of that speech; else `u32::MAX`.
    reported_from: Vec<u32>,
    /// For tokens in the object of a verb that acts against its object, that verb; else `u32::MAX`.
    shifted_by: Vec<u32>,
    /// Words the user gave a value of their own: they count as plain words
    /// with that value, never as directed predicates.
    overridden: FxHashSet<String>,
    /// Each clause's own subject (its first mention outside a prepositional
    /// phrase), or `u32::MAX`.
    own_subject: Vec<u32>,
    /// Each clause's nearest earlier clause of its sentence that a clause
    /// starting with a verb takes its subject from, or `u32::MAX`.
    anchor: Vec<u32>,
    /// Whether each clause begins (after its opener and fillers) with a verb-like word.
    verb_first: Vec<bool>,
    /// Each mention's coordinated list ("Britain, France and Germany"), as
    /// the first and last mention of it.
    list: Vec<(u32, u32)>,
    /// For every token, the nearest earlier verb of saying in its sentence, or `u32::MAX`.
    prev_says: Vec<u32>,
    /// For every token, whether it is a verb of saying used as a verb.
    saying: Vec<bool>,
    /// Each quotation's speaker, worked out once: `None` until asked.
    quote_speakers: Vec<Option<Option<usize>>>,
    /// Per-sentence facts for VADER's rules, worked out once: `None` until asked.
    facts: Vec<Option<SentenceFacts>>,
    out: Attribution,
}

/// A word spreads to at most this many mentions on each side of it in its
/// sentence (and to the subject its clause inherits). Real sentences name
/// far fewer; the bound keeps a sentence of thousands of names linear.
const SPREAD_MENTIONS: usize = 16;

/// A predicate reaches at most this many members of a coordinated list on
/// each side of the one it found; real lists are far shorter.
const LIST_MEMBERS: usize = 32;

/// Attributes the sentiment of `hits` to the mentions of `cast`.
// A pipeline stage: kept out of line so profiles show it whole.
#[inline(never)]
pub fn attribute(
    doc: &Doc,
    st: &Structure,
    cast: &Cast,
    hits: &[Hit],
    table: &Predicates,
    config: &Config,
) -> Attribution {
    let mut sentence_mentions = vec![0..0; doc.sentences.len()];
    let mut m = 0;
    for (s, range) in sentence_mentions.iter_mut().enumerate() {
        while m < cast.mentions.len() && cast.mentions[m].sentence < s {
            m += 1;
        }
        let start = m;
        let mut end = m;
        while end < cast.mentions.len() && cast.mentions[end].sentence == s {
            end += 1;
        }
        *range = start..end;
    }
    let mut a = Attributor {
        doc,
        st,
        cast,
        config,
        table,
        sentence_mentions,
        consumed: vec![false; doc.tokens.len()],
        reported_from: vec![u32::MAX; doc.tokens.len()],
        shifted_by: vec![u32::MAX; doc.tokens.len()],
        own_subject: Vec::new(),
        anchor: Vec::new(),
        verb_first: Vec::new(),
        list: Vec::new(),
        prev_says: Vec::new(),
        saying: Vec::new(),
        quote_speakers: vec![None; st.quotes.len()],
        facts: (0..doc.sentences.len()).map(|_| None).collect(),
        overridden: config
            .lexicon
            .iter()
            .map(|o| normalize(o.term.trim()))
            .filter(|t| !t.contains(' '))
            .collect(),
        out: Attribution::default(),
    };
    a.index();
    for s in 0..doc.sentences.len() {
        if !a.sentence_mentions[s].is_empty() {
            a.predicates(s);
        }
    }
    a.speeches();
    // Where reported speech starts, per token: words after "X said" do not reach X's side.
    for sp in &a.out.speeches {
        if sp.kind == SpeechKind::Reported {
            for t in sp.tokens.clone() {
                a.reported_from[t] = sp.tokens.start as u32;
            }
        }
    }
    for hit in hits {
        if !a.consumed[hit.tokens.start] {
            a.spread(hit);
        }
    }
    a.out
}

impl Attributor<'_> {
    fn word(&self, i: usize) -> &str {
        self.doc.lower(i)
    }

    fn is_word(&self, i: usize) -> bool {
        self.doc.tokens.get(i).is_some_and(|t| t.kind == TokenKind::Word)
    }

    fn clause(&self, i: usize) -> u32 {
        self.st.clause_of.get(i).copied().unwrap_or(u32::MAX)
    }

    fn head(&self, m: usize) -> usize {
        self.cast.mentions[m].tokens.end - 1
    }

    /// Works out, in one pass each, what later questions about clauses,
    /// lists and speech need, so that no question scans a whole sentence.
    fn index(&mut self) {
        let n_clauses = self.st.clauses.len();
        // Own subjects: a clause's first mention not inside a prepositional phrase.
        let mut own = vec![u32::MAX; n_clauses];
        for (m, mt) in self.cast.mentions.iter().enumerate() {
            let c = self.clause(mt.tokens.start) as usize;
            let Some(clause) = self.st.clauses.get(c) else { continue };
            if own[c] == u32::MAX
                && !(mt.tokens.start > clause.tokens.start && is_preposition(self.word(mt.tokens.start - 1)))
            {
                own[c] = m as u32;
            }
        }
        // Anchors: the nearest earlier clause of the sentence that is a main,
        // coordinate, contrast or relative clause, or opens the sentence.
        let mut anchor = vec![u32::MAX; n_clauses];
        let mut last: Option<(usize, usize)> = None;
        for (c, clause) in self.st.clauses.iter().enumerate() {
            let sentence_start = self.doc.sentences[clause.sentence].tokens.start;
            match last {
                Some((sentence, p)) if sentence == clause.sentence => anchor[c] = p as u32,
                _ => {}
            }
            if last.is_some_and(|(sentence, _)| sentence != clause.sentence) {
                last = None;
            }
            if matches!(
                clause.kind,
                ClauseKind::Main | ClauseKind::Coordinate | ClauseKind::Contrast | ClauseKind::Relative
            ) || clause.tokens.start == sentence_start
            {
                last = Some((clause.sentence, c));
            }
        }
        let verb_first = self
            .st
            .clauses
            .iter()
            .map(|c| self.starts_with_verb(c.tokens.clone()))
            .collect();
        // Coordinated lists: runs of mentions joined by ",", "and", "or".
        let n = self.cast.mentions.len();
        let mut list = vec![(0u32, 0u32); n];
        let mut first = 0;
        for m in 0..n {
            let joined_to_next = m + 1 < n
                && self.cast.mentions[m + 1].sentence == self.cast.mentions[m].sentence
                && self.joined(self.cast.mentions[m].tokens.end, self.cast.mentions[m + 1].tokens.start);
            if !joined_to_next {
                for slot in &mut list[first..=m] {
                    *slot = (first as u32, m as u32);
                }
                first = m + 1;
            }
        }
        // The nearest earlier verb of saying of every token's sentence.
        let mut prev_says = vec![u32::MAX; self.doc.tokens.len()];
        let mut saying = vec![false; self.doc.tokens.len()];
        for sentence in &self.doc.sentences {
            let mut last = u32::MAX;
            for i in sentence.tokens.clone() {
                prev_says[i] = last;
                if self.is_saying(i) {
                    saying[i] = true;
                    last = i as u32;
                }
            }
        }
        self.saying = saying;
        self.own_subject = own;
        self.anchor = anchor;
        self.verb_first = verb_first;
        self.list = list;
        self.prev_says = prev_says;
    }

    /// The subject of clause `c`: its first mention not inside a
    /// prepositional phrase, or the subject it inherits. The flag says
    /// whether it was inherited.
    fn subject(&self, c: usize, depth: usize) -> Option<(usize, bool)> {
        let clause = self.st.clauses.get(c)?;
        if let Some(&m) = self.own_subject.get(c).filter(|&&m| m != u32::MAX) {
            return Some((m as usize, false));
        }
        if depth > 4 {
            return None;
        }
        match clause.kind {
            ClauseKind::Relative => {
                // The antecedent: the mention ending just before the opener (or before its comma).
                let opener = clause.opener?;
                let mut j = opener.checked_sub(1)?;
                if self.doc.token_text(j) == "," {
                    j = j.checked_sub(1)?;
                }
                let m = self.cast.mention_of.get(j).copied().filter(|&m| m != u32::MAX)? as usize;
                Some((m, true))
            }
            ClauseKind::Coordinate | ClauseKind::Comma | ClauseKind::Contrast | ClauseKind::Main
                if self.verb_first.get(c).copied().unwrap_or(false) =>
            {
                // "..., and echoed Russian arguments": the subject of an earlier clause.
                // A relative clause before this one shares its antecedent:
                // "Trump who, in this situation, always balks".
                let prev = self.anchor.get(c).copied().filter(|&p| p != u32::MAX)?;
                self.subject(prev as usize, depth + 1).map(|(m, _)| (m, true))
            }
            _ => None,
        }
    }

    /// The preposition that opens the phrase mention `m` sits in, if any:
    /// right before it, or before its determiner ("in the face of X" gives "of").
    fn preposition_before(&self, m: usize) -> Option<usize> {
        let start = self.cast.mentions[m].tokens.start;
        let sentence_start = self.doc.sentences[self.cast.mentions[m].sentence].tokens.start;
        let mut j = start.checked_sub(1)?;
        if j >= sentence_start && matches!(self.word(j), "the" | "a" | "an") {
            j = j.checked_sub(1)?;
        }
        (j >= sentence_start && self.is_word(j) && is_preposition(self.word(j))).then_some(j)
    }

    /// Whether a clause begins (after its opener and fillers) with a verb-like word.
    fn starts_with_verb(&self, tokens: Range<usize>) -> bool {
        for i in tokens {
            if !self.is_word(i) {
                continue;
            }
            let w = self.word(i);
            if matches!(w, "and" | "or" | "but" | "nor" | "yet" | "who" | "which" | "that") || is_filler(w) {
                continue;
            }
            if self.cast.mention_at(i).is_some() {
                return false;
            }
            let lower = self.doc.token_text(i).chars().next().is_some_and(char::is_lowercase);
            return lower
                && (is_be(w)
                    || is_verb_marker(w) && !matches!(w, "he" | "she" | "they" | "we" | "i" | "you" | "it")
                    || w.ends_with("ed")
                    || w.ends_with("ing")
                    || (w.ends_with('s') && !w.ends_with("ss") && !is_noun_marker(w)));
        }
        false
    }

    /// The nearest mention ending before token `v` in the same clause.
    /// Clauses are runs of tokens, so only the last mention ending before
    /// `v` can be in `v`'s clause.
    fn mention_before(&self, v: usize, sentence: usize) -> Option<usize> {
        let range = self.sentence_mentions.get(sentence)?.clone();
        let k = self.cast.mentions[range.clone()].partition_point(|m| m.tokens.end <= v);
        let m = (range.start + k).checked_sub(1).filter(|&m| m >= range.start)?;
        (self.clause(self.head(m)) == self.clause(v)).then_some(m)
    }

    /// The first mention starting in `from..from + window` of the sentence,
    /// stopping at a preposition not in `allowed` and at a clause boundary.
    fn mention_after(&self, from: usize, window: usize, sentence: usize, allowed: &[Vec<&str>]) -> Option<usize> {
        let end = self.doc.sentences[sentence].tokens.end.min(from + window);
        let c = self.clause(from.saturating_sub(1));
        for i in from..end {
            if let Some(m) = self.cast.mention_of.get(i).copied().filter(|&m| m != u32::MAX) {
                return Some(m as usize);
            }
            if self.clause(i) != c && i > from {
                return None;
            }
            if self.is_word(i) {
                let w = self.word(i);
                if is_preposition(w) && w != "of" && !allowed.iter().any(|p| p.first() == Some(&&*w)) {
                    return None;
                }
            }
        }
        None
    }

    /// The noun's agent: a possessor or demonym right before it ("Moscow’s
    /// invasion", "Russia’s brutal invasion", "Russian aggression").
    fn noun_agent(&self, n: usize) -> Option<usize> {
        let mut j = n.checked_sub(1)?;
        for _ in 0..3 {
            if let Some(m) = self.cast.mention_of.get(j).copied().filter(|&m| m != u32::MAX) {
                let mt = &self.cast.mentions[m as usize];
                return (mt.tokens.end == j + 1).then_some(m as usize);
            }
            match self.doc.tokens[j].kind {
                TokenKind::Possessive => {}
                TokenKind::Word if !is_preposition(self.word(j)) && !is_be(self.word(j)) => {}
                TokenKind::Punct if self.doc.token_text(j) == "-" => {}
                _ => return None,
            }
            j = j.checked_sub(1)?;
        }
        None
    }

    /// The words right after token `i` if they are one of `preps`; returns the token after them.
    fn prep_after(&self, i: usize, preps: &[Vec<&str>]) -> Option<usize> {
        let mut j = i + 1;
        while self.is_word(j) && is_filler(self.word(j)) {
            j += 1;
        }
        preps.iter().find_map(|p| {
            p.iter()
                .enumerate()
                .all(|(k, w)| self.is_word(j + k) && self.word(j + k) == *w)
                .then_some(j + p.len())
        })
    }

    /// Whether the predicate at `i` is said to be absent: "without" or "no" among the two words before it.
    fn absent(&self, i: usize) -> bool {
        let start = self.doc.sentences[self.doc.sentence_of(i)].tokens.start;
        (i.saturating_sub(3).max(start)..i).any(|j| matches!(self.word(j), "without" | "no" | "lack" | "lacks"))
    }

    /// Whether the verb at `v` takes an object that makes it an idiom, not an
    /// act against anyone: "striking a deal", "backing a plan".
    fn idiom_object(&self, v: usize) -> bool {
        let mut j = v + 1;
        if matches!(self.word(j), "a" | "an" | "the" | "new" | "any") {
            j += 1;
        }
        self.is_word(j) && is_idiom_object(self.word(j))
    }

    /// Mention `m` and the mentions coordinated with it: "Britain, France
    /// and Germany", "Collins and Murkowski", in text order (at most
    /// [`LIST_MEMBERS`] on each side of `m`).
    fn conjuncts(&self, m: usize) -> Vec<usize> {
        let (first, last) = self.list.get(m).map_or((m, m), |&(f, l)| (f as usize, l as usize));
        (first.max(m.saturating_sub(LIST_MEMBERS))..=last.min(m + LIST_MEMBERS)).collect()
    }

    /// Whether the tokens `from..to` between two mentions only join them: ",", "and", "or", ", and".
    fn joined(&self, from: usize, to: usize) -> bool {
        match to.saturating_sub(from) {
            1 => matches!(self.word(from), "," | "and" | "or"),
            2 => self.word(from) == "," && matches!(self.word(from + 1), "and" | "or"),
            3 => self.word(from) == "as" && self.word(from + 1) == "well" && self.word(from + 2) == "as",
            _ => false,
        }
    }

    /// Whether token `v` is a participle in a passive: "was rebuffed",
    /// "rejected by", or an infinitive after "be": "is to blame".
    fn is_passive(&self, v: usize, sentence_start: usize) -> Option<usize> {
        if v >= sentence_start + 2 && self.word(v - 1) == "to" && is_be(self.word(v - 2)) {
            return Some(v - 2);
        }
        let mut j = v;
        while j > sentence_start {
            j -= 1;
            if !self.is_word(j) {
                break;
            }
            let w = self.word(j);
            if is_be(w) {
                return Some(j);
            }
            if !is_filler(w) {
                break;
            }
        }
        (self.is_word(v + 1) && self.word(v + 1) == "by").then_some(v + 1)
    }

    fn predicates(&mut self, s: usize) {
        let range = self.doc.sentences[s].tokens.clone();
        let mut spill = String::new();
        // The clause and token of the last predicate that reached someone.
        let mut last_act: Option<(u32, usize)> = None;
        for i in range.clone() {
            if !self.is_word(i) || self.cast.mention_at(i).is_some() {
                continue;
            }
            let key = token_key(self.doc, i, &mut spill);
            if !self.overridden.is_empty() && self.overridden.contains(key) {
                continue;
            }
            let forms = self.table.forms(key);
            if forms.is_empty() || in_compound(self.doc, i) || self.idiom_object(i) {
                continue;
            }
            let prev = if i > range.start { self.word(i - 1) } else { "" };
            let prev_is_mention_adj = i > range.start
                && self
                    .cast
                    .mention_at(i - 1)
                    .is_some_and(|m| m.kind == MentionKind::Adjective || m.possessive);
            let after_possessive = i > range.start && self.doc.tokens[i - 1].kind == TokenKind::Possessive;
            let noun_context = is_noun_marker(prev) || prev_is_mention_adj || after_possessive;
            let verb_context = is_verb_marker(prev) || (i > range.start && self.cast.mention_at(i - 1).is_some());
            // Choose the reading: a noun after a determiner or possessor, a verb otherwise.
            let pick = forms
                .iter()
                .find(|f| {
                    let pos = self.table.get(f.predicate).pos;
                    if noun_context && !verb_context {
                        pos == Pos::Noun
                    } else {
                        pos == Pos::Verb
                    }
                })
                .or_else(|| forms.first())
                .copied();
            let Some(form) = pick else { continue };
            let p = self.table.get(form.predicate);
            let (agent, target, passive_by) = match p.pos {
                Pos::Adj => {
                    // "critical of X": only with the preposition; the subject holds the view.
                    let Some(j) = self.prep_after(i, &p.preps) else {
                        continue;
                    };
                    let target = self.mention_after(j, 4, s, &p.preps);
                    let agent = self
                        .mention_before(i, s)
                        .map(|m| (m, false))
                        .or_else(|| self.subject(self.clause(i) as usize, 0))
                        .filter(|(a, _)| Some(*a) != target);
                    (agent, target, None)
                }
                Pos::Noun => {
                    let agent = self.noun_agent(i).map(|m| (m, false)).or_else(|| {
                        self.prep_after(i, &[vec!["by"]])
                            .and_then(|j| self.mention_after(j, 4, s, &[]).map(|m| (m, false)))
                    });
                    let target = self
                        .prep_after(i, &p.preps)
                        .and_then(|j| self.mention_after(j, 4, s, &p.preps));
                    (agent, target, None)
                }
                Pos::Verb => {
                    let be_to = i >= range.start + 2 && self.word(i - 1) == "to" && is_be(self.word(i - 2));
                    let passive = if form.participle || be_to {
                        self.is_passive(i, range.start)
                    } else {
                        None
                    };
                    if let Some(by_or_aux) = passive {
                        let by = if self.word(by_or_aux) == "by" {
                            Some(by_or_aux)
                        } else {
                            self.prep_after(i, &[vec!["by"]]).map(|j| j - 1)
                        };
                        let agent = by.and_then(|b| self.mention_after(b + 1, 4, s, &[]));
                        let target = self
                            .mention_before(i, s)
                            .map(|m| (m, false))
                            .or_else(|| self.subject(self.clause(i) as usize, 0));
                        (
                            agent.map(|m| (m, false)),
                            target.map(|(m, _)| m),
                            Some(by.unwrap_or(by_or_aux)),
                        )
                    } else {
                        let agent = self
                            .mention_before(i, s)
                            .map(|m| (m, false))
                            .or_else(|| self.subject(self.clause(i) as usize, 0));
                        let target = match self.prep_after(i, &p.preps) {
                            Some(j) => self.mention_after(j, 4, s, &p.preps),
                            // "hit out at", "vote for": nothing without the particle.
                            None if p.prep_only => continue,
                            None => self.mention_after(i + 1, self.config.object_window, s, &p.preps),
                        };
                        // The agent and the target must differ.
                        let agent = agent.filter(|(a, _)| Some(*a) != target);
                        (agent, target, None)
                    }
                }
            };
            // A verb that acts against its object shifts the words of that
            // object: "questioning Rubio’s readiness" is not praise of Rubio.
            if p.pos == Pos::Verb && p.target < 0.0 && self.config.shift {
                let end = self.st.clauses[self.clause(i) as usize]
                    .tokens
                    .end
                    .min(i + 1 + self.config.object_window);
                for t in i + 1..end {
                    if self.shifted_by[t] == u32::MAX {
                        self.shifted_by[t] = i as u32;
                    }
                }
            }
            if agent.is_none() && target.is_none() {
                continue;
            }
            self.consumed[i] = true;
            // "blaming Kyiv for provoking the invasion": the gerund is the content
            // of the accusation just counted, not a second act.
            if form.gerund
                && i > range.start
                && matches!(self.word(i - 1), "for" | "of")
                && last_act.is_some_and(|(c, _)| c == self.clause(i))
            {
                continue;
            }
            last_act = Some((self.clause(i), i));
            let mods = self.modifiers(i);
            // "without US support", "no backing": an absent act has no stance to give.
            if self.absent(i) {
                continue;
            }
            let words = self.doc.tokens[i].span;
            let mut extra = Vec::new();
            if let Some(b) = passive_by {
                extra.push(Rule::Passive {
                    by: self.doc.tokens[b].span,
                });
            }
            // "Britain and France backed Ukraine", "praising him and Ms Pritzker":
            // a predicate reaches every member of a coordinated list.
            let agents: Vec<(usize, bool)> = agent
                .map(|(m, inh)| self.conjuncts(m).into_iter().map(|c| (c, inh)).collect())
                .unwrap_or_default();
            let targets: Vec<usize> = target.map(|m| self.conjuncts(m)).unwrap_or_default();
            for (m, inherited) in agents.into_iter().filter(|_| p.agent != 0.0) {
                let mut factor = self.config.agent_weight;
                let mut rules = extra.clone();
                rules.push(Rule::Agent {
                    predicate: words,
                    lemma: p.lemma,
                    value: p.agent,
                });
                if inherited {
                    factor *= self.config.inherited_subject;
                    rules.push(Rule::InheritedSubject {
                        factor: self.config.inherited_subject,
                    });
                }
                rules.extend(mods.rules.iter().cloned());
                self.push(
                    m,
                    words,
                    Cause::Predicate(p.lemma),
                    p.agent,
                    mods.apply(p.agent) * factor,
                    rules,
                );
            }
            for m in targets.into_iter().filter(|_| p.target != 0.0) {
                let mut rules = extra.clone();
                rules.push(Rule::Target {
                    predicate: words,
                    lemma: p.lemma,
                    value: p.target,
                });
                rules.extend(mods.rules.iter().cloned());
                let weight = mods.apply(p.target) * self.config.target_weight;
                self.push(m, words, Cause::Predicate(p.lemma), p.target, weight, rules);
            }
        }
    }

    /// VADER's modifiers of the predicate at token `i`.
    fn modifiers(&mut self, i: usize) -> Modifiers {
        let s = self.doc.sentence_of(i);
        let (doc, st) = (self.doc, self.st);
        match self.facts.get_mut(s) {
            Some(slot) => {
                let facts = slot.get_or_insert_with(|| sentence_facts(doc, st, s));
                modifiers_at(doc, st, facts, i)
            }
            None => Modifiers {
                factor: 1.0,
                delta: 0.0,
                rules: Vec::new(),
            },
        }
    }

    fn push(&mut self, mention: usize, words: Span, cause: Cause, base: f32, weight: f32, mut rules: Vec<Rule>) {
        if weight == 0.0 || !weight.is_finite() {
            return;
        }
        let mt = &self.cast.mentions[mention];
        if let Some(q) = self.st.quote(mt.tokens.start) {
            let quote = q.span;
            if q.span.contains(words) {
                rules.push(Rule::InQuote { quote });
            }
        }
        self.out.contributions.push(Contribution {
            mention,
            actor: mt.actor,
            words,
            cause,
            base,
            weight,
            rules,
            paragraph: mt.paragraph,
        });
    }

    /// Spreads a sentiment word to the mentions of its sentence.
    fn spread(&mut self, hit: &Hit) {
        let shifted;
        // Only favourable words flip: "accused X of fraud" keeps fraud unfavourable.
        let hit = match self.shifted_by[hit.tokens.start] {
            by if by == u32::MAX || hit.valence <= 0.0 => hit,
            by => {
                let mut h = hit.clone();
                h.valence = -h.valence;
                h.rules.push(Rule::Shifted {
                    by: self.doc.tokens[by as usize].span,
                });
                shifted = h;
                &shifted
            }
        };
        let at = hit.tokens.start;
        let s = self.doc.sentence_of(at);
        let Some(mentions) = self.sentence_mentions.get(s).cloned() else {
            return;
        };
        if mentions.is_empty() {
            return;
        }
        let hit_clause = self.clause(at);
        let inherited = self
            .subject(hit_clause as usize, 0)
            .filter(|(_, inh)| *inh)
            .map(|(m, _)| m);
        // The nearest mentions on each side, and the inherited subject wherever it is.
        let k = mentions.start
            + self.cast.mentions[mentions.clone()].partition_point(|m| m.tokens.start < hit.tokens.start);
        let lo = k.saturating_sub(SPREAD_MENTIONS).max(mentions.start);
        let hi = (k + SPREAD_MENTIONS).min(mentions.end);
        let before = inherited.filter(|&m| m >= mentions.start && m < lo);
        let after = inherited.filter(|&m| m >= hi && m < mentions.end);
        let mentions = before.into_iter().chain(lo..hi).chain(after);
        // The best (strongest) reach per actor, so two mentions of one actor count once.
        // The rules that reach a mention are gathered without allocating;
        // only the winners get a `Vec` when pushed.
        let mut best: Vec<(usize, f32, [Option<Rule>; 4])> = Vec::new();
        let reported_from = self.reported_from[at] as usize;
        for m in mentions {
            let head = self.head(m);
            if !self.st.same_voice(at, head) {
                continue;
            }
            // "Zelenskyy said Trump lived in a bubble": the bubble is Trump's; the
            // speaker's side shares in it only as much as `quote_to_speaker` says.
            let speaker_side = reported_from != u32::MAX as usize && head < reported_from;
            if speaker_side && self.config.quote_to_speaker == 0.0 {
                continue;
            }
            let mt = &self.cast.mentions[m];
            let (factor, scope) = if self.clause(head) == hit_clause || self.clause(mt.tokens.start) == hit_clause {
                (
                    self.config.same_clause,
                    Rule::SameClause {
                        factor: self.config.same_clause,
                    },
                )
            } else if inherited == Some(m) {
                (
                    self.config.inherited_subject,
                    Rule::InheritedSubject {
                        factor: self.config.inherited_subject,
                    },
                )
            } else {
                (
                    self.config.other_clause,
                    Rule::OtherClause {
                        factor: self.config.other_clause,
                    },
                )
            };
            if factor == 0.0 {
                continue;
            }
            let gap = if mt.tokens.end <= hit.tokens.start {
                hit.tokens.start - mt.tokens.end
            } else {
                mt.tokens.start.saturating_sub(hit.tokens.end)
            };
            // An inherited subject stands, in effect, at the start of the clause.
            let gap = if inherited == Some(m) && self.clause(head) != hit_clause {
                let clause_start = self.st.clauses[hit_clause as usize].tokens.start;
                hit.tokens.start.saturating_sub(clause_start)
            } else {
                gap
            };
            let decay = 1.0 / (1.0 + gap as f32 / self.config.decay_tokens.max(0.01));
            let mut weight = hit.valence * factor * decay;
            let mut rules: [Option<Rule>; 4] = [Some(scope), None, None, None];
            if speaker_side {
                let speech = self.doc.tokens[reported_from].span;
                let end = self.doc.sentences[mt.sentence].span.end;
                weight *= self.config.quote_to_speaker;
                rules[1] = Some(Rule::Speaker {
                    quote: Span::new(speech.start, end),
                    factor: self.config.quote_to_speaker,
                });
            }
            if decay < 1.0 {
                rules[2] = Some(Rule::Distance {
                    tokens: gap,
                    factor: decay,
                });
            }
            let than = mt.tokens.start.checked_sub(1).filter(|&t| self.word(t) == "than");
            if let Some(t) = than
                && self.clause(t) == hit_clause
            {
                weight *= -self.config.comparison;
                rules[3] = Some(Rule::Comparison {
                    by: self.doc.tokens[t].span,
                    factor: -self.config.comparison,
                });
            } else if self.config.oblique != 1.0
                && let Some(p) = self.preposition_before(m)
            {
                weight *= self.config.oblique;
                rules[3] = Some(Rule::Oblique {
                    by: self.doc.tokens[p].span,
                    factor: self.config.oblique,
                });
            }
            match best
                .iter_mut()
                .find(|(b, _, _)| self.cast.mentions[*b].actor == mt.actor)
            {
                Some(b) if b.1.abs() >= weight.abs() => {}
                Some(b) => *b = (m, weight, rules),
                None => best.push((m, weight, rules)),
            }
        }
        // Mentions compete for a word: the one it reaches most strongly takes
        // it whole, the others `rival` times what they would get alone.
        let strongest = best.iter().map(|b| b.1.abs()).fold(0.0f32, f32::max);
        let rival = self.config.rival;
        for (m, mut weight, extra) in best {
            let mut rules = Vec::with_capacity(hit.rules.len() + 5);
            rules.extend(hit.rules.iter().cloned());
            rules.extend(extra.into_iter().flatten());
            if rival != 1.0 && weight.abs() < strongest {
                weight *= rival;
                rules.push(Rule::Rival { factor: rival });
            }
            self.push(m, hit.span, Cause::Word(hit.source), hit.base, weight, rules);
        }
        // The speaker of a quotation, when configured to share in its words.
        if self.config.quote_to_speaker != 0.0
            && let Some(q) = self
                .st
                .quote_of
                .get(at)
                .copied()
                .filter(|&q| q != crate::segment::structure::NO_QUOTE)
            && let Some(speaker) = self.cached_quote_speaker(q as usize)
        {
            let factor = self.config.quote_to_speaker;
            let mut rules = hit.rules.clone();
            let quote = self.st.quotes[q as usize].span;
            rules.push(Rule::Speaker { quote, factor });
            self.push(
                speaker,
                hit.span,
                Cause::Word(hit.source),
                hit.base,
                hit.valence * factor,
                rules,
            );
        }
    }

    /// The speaker of quotation `q`, worked out once.
    fn cached_quote_speaker(&mut self, q: usize) -> Option<usize> {
        if let Some(Some(known)) = self.quote_speakers.get(q) {
            return *known;
        }
        let quote = self.st.quotes.get(q)?;
        let found = self.quote_speaker(quote.open, quote.close);
        if let Some(slot) = self.quote_speakers.get_mut(q) {
            *slot = Some(found);
        }
        found
    }

    /// The speaker of the quotation opening at `open`: "“...,” No 10 said",
    /// "“...,” said Mr Macron", "Mr Macron said: “...”".
    fn quote_speaker(&self, open: usize, close: Option<usize>) -> Option<usize> {
        if let Some(close) = close {
            let s = self.doc.sentence_of(close);
            let end = self.doc.sentences[s].tokens.end.min(close + 8);
            let mut verb = None;
            for i in close + 1..end {
                if self.says(i) {
                    verb = Some(i);
                    break;
                }
                if self.doc.tokens[i].kind == TokenKind::OpenQuote {
                    break;
                }
            }
            if let Some(v) = verb {
                // "No 10 said" / "an Elysee adviser said" / "said Mr Macron".
                let before = (close + 1..v).rev().find_map(|i| self.mention_index(i));
                let after = self.mention_after(v + 1, 3, s, &[]);
                if let Some(m) = before.or(after) {
                    return Some(m);
                }
            }
        }
        // A verb of saying before the opening mark, in the same sentence.
        let s = self.doc.sentence_of(open);
        let start = self.doc.sentences[s].tokens.start;
        let verb = self.prev_says.get(open).copied().filter(|&v| v != u32::MAX)? as usize;
        (verb.saturating_sub(6).max(start)..verb)
            .rev()
            .find_map(|i| self.mention_index(i))
    }

    /// Whether token `i` is a verb of saying used as a verb: not "Trump’s
    /// claim" or "the statement".
    fn says(&self, i: usize) -> bool {
        self.saying.get(i).copied().unwrap_or(false)
    }

    /// Whether token `i` is a verb of saying used as a verb (see [`Attributor::says`]).
    fn is_saying(&self, i: usize) -> bool {
        self.is_word(i)
            && is_verb_of_saying(self.doc.lower(i))
            && !(i > 0
                && (self.doc.tokens[i - 1].kind == TokenKind::Possessive
                    || matches!(
                        self.word(i - 1),
                        "the" | "a" | "an" | "his" | "her" | "their" | "its" | "this" | "that"
                    )))
    }

    fn mention_index(&self, i: usize) -> Option<usize> {
        self.cast
            .mention_of
            .get(i)
            .copied()
            .filter(|&m| m != u32::MAX)
            .map(|m| m as usize)
    }

    /// Records speeches: quotations with a speaker, and reported speech.
    fn speeches(&mut self) {
        for q in &self.st.quotes {
            if !q.is_speech {
                continue;
            }
            if let Some(speaker) = self.quote_speaker(q.open, q.close) {
                self.out.speeches.push(Speech {
                    speaker,
                    kind: SpeechKind::Quote,
                    tokens: q.inner.clone(),
                    span: q.span,
                });
            }
        }
        // Reported speech: "X said (that) ...", outside quotations.
        for (s, sentence) in self.doc.sentences.iter().enumerate() {
            let range = sentence.tokens.clone();
            // The verbs of saying with a speaker before them, as (speaker's
            // first token, verb), sorted, with the earliest verb from each on.
            let mut voiced: Vec<(usize, usize)> = Vec::new();
            for j in range.clone() {
                if self.says(j)
                    && let Some(m) = self.mention_before(j, s)
                {
                    voiced.push((self.cast.mentions[m].tokens.start, j));
                }
            }
            voiced.sort_unstable();
            let mut earliest_from = vec![usize::MAX; voiced.len() + 1];
            for k in (0..voiced.len()).rev() {
                earliest_from[k] = earliest_from[k + 1].min(voiced[k].1);
            }
            for v in range.clone() {
                if !self.says(v) || self.st.quote(v).is_some() {
                    continue;
                }
                // A verb that attributes a quotation is not reported speech.
                let quote_next = (v + 1..range.end.min(v + 4)).any(|j| self.doc.tokens[j].kind == TokenKind::OpenQuote);
                let quote_before = v > range.start
                    && (range.start..v)
                        .rev()
                        .take(6)
                        .any(|j| self.doc.tokens[j].kind == TokenKind::CloseQuote);
                if quote_next || quote_before {
                    continue;
                }
                let Some(speaker) = self
                    .mention_before(v, s)
                    .or_else(|| self.subject(self.clause(v) as usize, 0).map(|(m, _)| m))
                else {
                    continue;
                };
                // The speech runs to the end of the sentence, or to the next
                // verb of saying with a speaker of its own ("..., Y said").
                // A later speaker starts after `v`, so its verb does too.
                let from = voiced.partition_point(|&(start, _)| start <= v);
                let end = match earliest_from[from] {
                    usize::MAX => range.end,
                    j => j,
                };

                // "asked Sanders if ...", "told the BBC that ...": the one spoken
                // to is not what is said; the speech starts after them.
                let mut start = v + 1;
                if matches!(
                    self.word(v),
                    "ask" | "asks" | "asked" | "tell" | "tells" | "told" | "urged" | "urges"
                ) && let Some(m) = self.mention_index(start)
                {
                    start = self.cast.mentions[m].tokens.end;
                }
                if end <= start {
                    continue;
                }
                let span = Span::new(self.doc.tokens[start].span.start, self.doc.tokens[end - 1].span.end);
                self.out.speeches.push(Speech {
                    speaker,
                    kind: SpeechKind::Reported,
                    tokens: start..end,
                    span,
                });
            }
        }
        self.out.speeches.sort_by_key(|sp| (sp.tokens.start, sp.speaker));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::ActorEdits;
    use crate::mentions as actors;
    use crate::score as sentiment;
    use crate::score::lexicon::{Lexicon, Lookup};

    /// Net weight per actor id, and the speeches as (speaker id, text).
    type Run = (Vec<(String, f32)>, Vec<(String, String)>);

    fn run(text: &str) -> Run {
        let doc = Doc::new(text);
        let st = Structure::new(&doc);
        let cast = actors::find_builtin(&doc, &ActorEdits::default(), &[]);
        let config = Config::default();
        let lex = Lookup::new(Lexicon::builtin(), &config);
        let hits = sentiment::hits(&doc, &st, &cast, &lex);
        let att = attribute(&doc, &st, &cast, &hits, Predicates::builtin(), &config);
        let mut net: Vec<(String, f32)> = cast.actors.iter().map(|a| (a.id.clone(), 0.0)).collect();
        for c in &att.contributions {
            net[c.actor].1 += c.weight;
        }
        let speeches = att
            .speeches
            .iter()
            .map(|sp| {
                (
                    cast.actors[cast.mentions[sp.speaker].actor].id.clone(),
                    sp.span.of(text).to_string(),
                )
            })
            .collect();
        (net, speeches)
    }

    fn net(text: &str, id: &str) -> f32 {
        run(text).0.into_iter().find(|(a, _)| a == id).map_or(0.0, |(_, w)| w)
    }

    #[test]
    fn attacker_negative_victim_not() {
        let text = "Russia attacked Ukraine.";
        assert!(net(text, "russia") < 0.0);
        assert!(net(text, "ukraine") >= 0.0);
    }

    #[test]
    fn support_is_positive_for_the_target() {
        let text = "Britain backed Ukraine.";
        assert!(net(text, "ukraine") > 0.0);
        assert!(net(text, "united-kingdom") >= 0.0);
    }

    #[test]
    fn passive_swaps_roles() {
        let text = "Starmer's proposal was rebuffed by Germany.";
        assert!(net(text, "keir-starmer") < 0.0, "{:?}", run(text));
        let text = "Ukraine was attacked by Russia.";
        assert!(net(text, "russia") < 0.0, "{:?}", run(text));
        assert!(net(text, "ukraine") >= 0.0, "{:?}", run(text));
    }

    #[test]
    fn negated_predicates_flip() {
        let condemned = net("France condemned Russia.", "russia");
        let not_condemned = net("France did not condemn Russia.", "russia");
        assert!(condemned < 0.0);
        assert!(not_condemned > 0.0, "{not_condemned}");
    }

    #[test]
    fn possessive_and_demonym_agents_of_nouns() {
        assert!(net("Moscow’s invasion shocked everyone.", "russia") < 0.0);
        assert!(net("They fought Russian aggression.", "russia") < 0.0);
        assert!(net("The EU imposed sanctions on Russia.", "russia") < 0.0);
    }

    #[test]
    fn war_in_a_country_does_not_blame_it() {
        let text = "The war in Ukraine enters its fourth year.";
        assert!(net(text, "ukraine") >= 0.0, "{:?}", run(text));
    }

    #[test]
    fn plain_words_reach_their_own_clause_most() {
        let text = "Russia was brutal, while Ukraine was brave.";
        assert!(net(text, "russia") < 0.0, "{:?}", run(text));
        assert!(net(text, "ukraine") > 0.0, "{:?}", run(text));
    }

    #[test]
    fn words_do_not_cross_sentences() {
        let text = "Ukraine waited. The result was horrible.";
        assert_eq!(net(text, "ukraine"), 0.0);
    }

    #[test]
    fn relative_clause_subject() {
        let text = "It would change the mind of Trump who, in this situation, always balks.";
        assert!(net(text, "donald-trump") < 0.0, "{:?}", run(text));
    }

    #[test]
    fn a_users_value_for_a_predicate_word_makes_it_a_plain_word() {
        use crate::config::LexiconOverride;
        let text = "Russia attacked Ukraine.";
        let doc = Doc::new(text);
        let st = Structure::new(&doc);
        let cast = actors::find_builtin(&doc, &ActorEdits::default(), &[]);
        let config = Config {
            lexicon: vec![LexiconOverride {
                term: "Attacked".into(),
                valence: Some(2.0),
            }],
            ..Config::default()
        };
        let lex = Lookup::new(Lexicon::builtin(), &config);
        let hits = sentiment::hits(&doc, &st, &cast, &lex);
        let att = attribute(&doc, &st, &cast, &hits, Predicates::builtin(), &config);
        // Both countries now share the user's positive word; no agent or target roles.
        assert!(
            att.contributions
                .iter()
                .all(|c| c.weight > 0.0 && matches!(c.cause, Cause::Word(crate::types::Source::User)))
        );
        assert_eq!(att.contributions.len(), 2);
    }

    #[test]
    fn coordinated_agents_and_targets_all_count() {
        let text = "Britain and France backed Ukraine and Moldova.";
        for id in ["ukraine", "moldova"] {
            assert!(net(text, id) > 0.0, "{id}: {:?}", run(text));
        }
        assert!(
            net(text, "united-kingdom") > 0.0 && net(text, "france") > 0.0,
            "{:?}",
            run(text)
        );
    }

    #[test]
    fn adjectives_with_their_preposition() {
        assert!(net("Germany was critical of Russia.", "russia") < 0.0);
        assert!(net("Ukraine is grateful to Poland.", "poland") > 0.0);
    }

    #[test]
    fn particle_verbs_need_their_particle() {
        assert!(net("Hollande hit out at Trump.", "donald-trump") < 0.0);
        assert_eq!(net("Missiles hit Kyiv.", "ukraine"), 0.0);
        assert!(net("Voters will vote for Macron.", "emmanuel-macron") > 0.0);
    }

    #[test]
    fn to_blame_blames_the_subject() {
        let text = "President Trump is to blame, he said.";
        assert!(net(text, "donald-trump") < 0.0, "{:?}", run(text));
    }

    #[test]
    fn quotes_keep_their_voice_and_record_speakers() {
        let text = "“We must stand with Ukraine against this terrible aggression,” Mr Macron said.";
        let (nets, speeches) = run(text);
        assert_eq!(speeches.len(), 1, "{speeches:?}");
        assert_eq!(speeches[0].0, "emmanuel-macron");
        let macron = nets.iter().find(|(a, _)| a == "emmanuel-macron").unwrap().1;
        assert_eq!(macron, 0.0, "the speaker is not judged by the words of the quote");
    }

    #[test]
    fn reported_speech_records_the_speaker() {
        let text = "Zelenskyy said Mr Trump lived in a disinformation bubble.";
        let (nets, speeches) = run(text);
        assert_eq!(speeches.len(), 1, "{speeches:?}");
        assert_eq!(speeches[0].0, "volodymyr-zelenskyy");
        assert!(nets.iter().find(|(a, _)| a == "donald-trump").unwrap().1 < 0.0);
    }
}
