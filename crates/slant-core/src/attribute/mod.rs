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
//! The work is linear in the text: subjects, coordinated lists, verbs of
//! saying and quotations' speakers are indexed once per document (`index`),
//! a word reaches at most [`SPREAD_MENTIONS`] mentions on each side, and a
//! predicate at most [`LIST_MEMBERS`] members of a list on each side. The
//! jobs live in `directed`, `spread` and `speech`; `predicates` is the table.
//!
//! Every contribution keeps the rules that shaped it. This module must not
//! aggregate: sums and labels belong to `report`.

use std::ops::Range;

use rustc_hash::FxHashSet;

mod directed;
pub(crate) mod predicates;
mod speech;
mod spread;
mod words;

use words::*;

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
pub(crate) struct Contribution {
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
pub(crate) struct Speech {
    pub speaker: usize,
    pub kind: SpeechKind,
    pub tokens: Range<usize>,
    /// The quotation marks and text, or the reported clause.
    pub span: Span,
}

/// Everything attribution found.
#[derive(Clone, Debug, Default)]
pub(crate) struct Attribution {
    pub contributions: Vec<Contribution>,
    pub speeches: Vec<Speech>,
}

/// Attribution state for one document.
struct Attributor<'a> {
    doc: &'a Doc<'a>,
    st: &'a Structure,
    cast: &'a Cast,
    config: &'a Config,
    table: &'a Predicates,
    /// The sentiment words, in text order.
    hits: &'a [Hit],
    /// Mentions of each sentence, as a range into `cast.mentions`.
    sentence_mentions: Vec<Range<usize>>,
    /// Per hit (not per token, so that these stay small): whether its first
    /// token is used as a predicate, and then it is not spread again.
    consumed: Vec<bool>,
    /// Per hit inside reported speech, the first token of that speech; else `u32::MAX`.
    reported_from: Vec<u32>,
    /// Per hit in the object of a verb that acts against its object, that verb; else `u32::MAX`.
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
    /// Whether each clause begins (after its opener and fillers) with a
    /// verb-like word, worked out when first asked: 0 not yet, 1 no, 2 yes.
    verb_first: Vec<std::cell::Cell<u8>>,
    /// Each mention's coordinated list ("Britain, France and Germany"), as
    /// the first and last mention of it.
    list: Vec<(u32, u32)>,
    /// The verbs of saying used as verbs, in text order.
    says_at: Vec<u32>,
    /// The tokens "according" (any case), in text order.
    according_at: Vec<u32>,
    /// Each quotation's speaker, worked out once: `None` until asked.
    quote_speakers: Vec<Option<Option<usize>>>,
    /// The facts for VADER's rules of the last sentence asked about (predicates
    /// are read a sentence at a time), with that sentence.
    facts: Option<(usize, SentenceFacts)>,
    /// The first clause of that sentence, where the next sentence's is looked for.
    first_clause: usize,
    /// A word's best reach per actor while it spreads (see `spread`): one
    /// buffer for the whole document.
    best: Vec<(usize, f32, [Option<Rule>; 4])>,
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
/// `forms` are the words outside mentions that may be forms of `table`'s
/// predicates, in text order (as [`crate::score::hits`] marks them).
// A pipeline stage: kept out of line so profiles show it whole.
#[inline(never)]
pub(crate) fn attribute(
    doc: &Doc,
    st: &Structure,
    cast: &Cast,
    hits: &[Hit],
    forms: &[u32],
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
        hits,
        sentence_mentions,
        consumed: vec![false; hits.len()],
        reported_from: vec![u32::MAX; hits.len()],
        shifted_by: vec![u32::MAX; hits.len()],
        own_subject: Vec::new(),
        anchor: Vec::new(),
        verb_first: vec![std::cell::Cell::new(0); st.clauses.len()],
        list: Vec::new(),
        says_at: Vec::new(),
        according_at: Vec::new(),
        quote_speakers: vec![None; st.quotes.len()],
        facts: None,
        first_clause: 0,
        best: Vec::new(),
        overridden: config
            .lexicon
            .iter()
            .map(|o| normalize(o.term.trim()))
            .filter(|t| !t.contains(' '))
            .collect(),
        out: Attribution {
            // Most hits reach a mention or two; the vector rarely grows.
            contributions: Vec::with_capacity(hits.len() * 2),
            speeches: Vec::new(),
        },
    };
    a.index();
    // The predicates' forms, a sentence's at a time.
    for run in forms.chunk_by(|&x, &y| doc.sentence_of(x as usize) == doc.sentence_of(y as usize)) {
        let s = doc.sentence_of(run[0] as usize);
        if a.sentence_mentions.get(s).is_some_and(|m| !m.is_empty()) {
            a.predicates(s, run);
        }
    }
    a.speeches();
    // Where reported speech starts, per hit: words after "X said" do not reach X's side.
    for sp in &a.out.speeches {
        if sp.kind == SpeechKind::Reported {
            for h in a.hits_in(sp.tokens.clone()) {
                a.reported_from[h] = sp.tokens.start as u32;
            }
        }
    }
    for (h, hit) in hits.iter().enumerate() {
        if !a.consumed[h] {
            a.spread(h, hit);
        }
    }
    a.out
}

impl Attributor<'_> {
    #[inline]
    fn word(&self, i: usize) -> &str {
        self.doc.lower(i)
    }

    #[inline]
    fn is_word(&self, i: usize) -> bool {
        self.doc.is_word(i)
    }

    #[inline]
    fn clause(&self, i: usize) -> u32 {
        self.st.clause_of.get(i).copied().unwrap_or(u32::MAX)
    }

    fn head(&self, m: usize) -> usize {
        self.cast.mentions[m].tokens.end - 1
    }

    /// The hits that start among `tokens`, as a range of indices.
    fn hits_in(&self, tokens: Range<usize>) -> Range<usize> {
        let from = self.hits.partition_point(|h| h.tokens.start < tokens.start);
        // The end is found by walking: callers visit every hit in between anyway.
        let mut to = from;
        while self.hits.get(to).is_some_and(|h| h.tokens.start < tokens.end) {
            to += 1;
        }
        from..to
    }

    /// Marks the hit that starts at token `i`, if any, as used by a predicate.
    fn consume(&mut self, i: usize) {
        for h in self.hits_in(i..i + 1) {
            self.consumed[h] = true;
        }
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
        // The verbs of saying, in order. Only the words the structure found
        // to be verbs of saying are read; "according" is one of them.
        let mut says_at = Vec::new();
        let mut according_at = Vec::new();
        for &i in &self.st.saying_words {
            let i = i as usize;
            if self.is_saying(i) {
                says_at.push(i as u32);
            }
            if self.word(i) == "according" {
                according_at.push(i as u32);
            }
        }
        self.according_at = according_at;
        self.says_at = says_at;
        self.own_subject = own;
        self.anchor = anchor;
        self.list = list;
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
                if self.verb_first(c) =>
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

    /// Whether clause `c` begins with a verb-like word, worked out once.
    fn verb_first(&self, c: usize) -> bool {
        let Some(known) = self.verb_first.get(c) else {
            return false;
        };
        if known.get() == 0 {
            let first = self
                .st
                .clauses
                .get(c)
                .is_some_and(|clause| self.starts_with_verb(clause.tokens.clone()));
            known.set(1 + u8::from(first));
        }
        known.get() == 2
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
            if self.cast.has_mention(i) {
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

    /// VADER's modifiers of the predicate at token `i`.
    fn modifiers(&mut self, i: usize) -> Modifiers {
        let s = self.doc.sentence_of(i);
        let (doc, st) = (self.doc, self.st);
        if s >= doc.sentences.len() {
            return Modifiers {
                factor: 1.0,
                delta: 0.0,
                rules: Vec::new(),
            };
        }
        let facts = match &mut self.facts {
            Some((known, facts)) if *known == s => facts,
            slot => &mut slot.insert((s, sentence_facts(doc, st, s, &mut self.first_clause))).1,
        };
        modifiers_at(doc, st, facts, i)
    }

    /// Records a contribution whose rules are `parts`, in order, then the
    /// quotation that holds both word and mention, then whom a pronoun's or
    /// description's mention refers to. Its rules get a vector of their own,
    /// sized once, and only when the contribution counts.
    fn push(&mut self, mention: usize, words: Span, cause: Cause, base: f32, weight: f32, parts: [&[Rule]; 2]) {
        if weight == 0.0 || !weight.is_finite() {
            return;
        }
        let mt = &self.cast.mentions[mention];
        let quote = self
            .st
            .quote(mt.tokens.start)
            .map(|q| q.span)
            .filter(|q| q.contains(words));
        let n = parts[0].len() + parts[1].len() + usize::from(quote.is_some()) + usize::from(mt.antecedent.is_some());
        let mut rules = Vec::with_capacity(n);
        // Rule by rule: the parts are short, shorter than a call to copy them.
        rules.extend(parts[0].iter().copied());
        rules.extend(parts[1].iter().copied());
        if let Some(quote) = quote {
            rules.push(Rule::InQuote { quote });
        }
        if let Some((antecedent, subject)) = mt.antecedent {
            rules.push(Rule::Coreference {
                mention: mt.span,
                antecedent,
                subject,
            });
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
        let (hits, forms) = sentiment::hits(&doc, &st, &cast, &lex);
        let att = attribute(&doc, &st, &cast, &hits, &forms, Predicates::builtin(), &config);
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
        let (hits, forms) = sentiment::hits(&doc, &st, &cast, &lex);
        let att = attribute(&doc, &st, &cast, &hits, &forms, Predicates::builtin(), &config);
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
