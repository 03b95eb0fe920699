//! The report: scores per mention, per (paragraph, actor) cell and per actor,
//! each with the evidence behind it, plus who says what about whom.
//!
//! Every score is `(pos - neg) / (pos + neg + smoothing)` over the recorded
//! contributions, where `pos` and `neg` are the summed magnitudes of the
//! favourable and unfavourable ones. It lies in [-1, 1] and is a ratio, so a
//! long paragraph with the same balance of evidence scores like a short one
//! instead of saturating toward ±1 as VADER's compound does; the magnitude
//! (`pos + neg`) and the evidence count are reported beside it.
//!
//! Labels, with [`Config::label_threshold`] = t:
//! - `mixed`: both `pos` and `neg` reach `mixed_min_mass` and the smaller is at
//!   least `mixed_ratio` of the larger;
//! - `positive`: score >= t; `negative`: score <= -t; `neutral` otherwise.
//!
//! Records hold spans, not copies of the text: the report owns one copy of
//! the analysed text, and its JSON form (see [`Report`]'s `Serialize`) writes
//! the words out beside every span.
//!
//! This module owns aggregation and the serialised shape. It never recomputes
//! attribution: the app's explanations render these records as they are.

use rustc_hash::FxHashMap;
use serde::ser::{SerializeMap, SerializeSeq, SerializeStruct};
use serde::{Deserialize, Serialize, Serializer};

mod json;

use crate::attribute::{Attribution, Contribution};
use crate::config::Config;
use crate::mentions::{Cast, Mention};
use crate::score::Hit;
use crate::segment::Doc;
use crate::types::Span;
use crate::types::{ActorKind, Cause, Label, MentionKind, Origin, Rule, Source, SpeechKind};

/// Favourable and unfavourable evidence mass.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Mass {
    pub positive: f32,
    pub negative: f32,
}

impl Mass {
    pub fn add(&mut self, weight: f32) {
        if weight > 0.0 {
            self.positive += weight;
        } else {
            self.negative -= weight;
        }
    }

    /// `(pos - neg) / (pos + neg + smoothing)`, in [-1, 1].
    pub fn score(self, smoothing: f32) -> f32 {
        let total = self.positive + self.negative + smoothing.max(0.0);
        if total <= 0.0 {
            0.0
        } else {
            ((self.positive - self.negative) / total).clamp(-1.0, 1.0)
        }
    }

    pub fn label(self, config: &Config) -> Label {
        let (lo, hi) = if self.positive < self.negative {
            (self.positive, self.negative)
        } else {
            (self.negative, self.positive)
        };
        if lo >= config.mixed_min_mass && lo >= config.mixed_ratio * hi {
            return Label::Mixed;
        }
        label_of(self.score(config.smoothing), config)
    }
}

/// The three-way label of a score (no `mixed`): what `slant eval` compares.
pub fn label_of(score: f32, config: &Config) -> Label {
    if score >= config.label_threshold {
        Label::Positive
    } else if score <= -config.label_threshold {
        Label::Negative
    } else {
        Label::Neutral
    }
}

/// Each contribution as (its mention's first token, its index), sorted.
/// Mentions come in text order, each starting at its own token, so a
/// counting sort by mention gives that order in linear time; otherwise a
/// comparison sort does.
fn contributions_by_token(mentions: &[Mention], contributions: &[Contribution]) -> Vec<(usize, usize)> {
    let key = |(i, c): (usize, &Contribution)| (mentions[c.mention].tokens.start, i);
    if !mentions.windows(2).all(|w| w[0].tokens.start < w[1].tokens.start) {
        let mut by_token: Vec<(usize, usize)> = contributions.iter().enumerate().map(key).collect();
        crate::sort::sort(&mut by_token);
        return by_token;
    }
    // Where each mention's contributions begin, then each placed in turn.
    let mut next = vec![0usize; mentions.len() + 1];
    for c in contributions {
        next[c.mention + 1] += 1;
    }
    for m in 1..next.len() {
        next[m] += next[m - 1];
    }
    let mut by_token = vec![(0, 0); contributions.len()];
    for (i, c) in contributions.iter().enumerate() {
        by_token[next[c.mention]] = key((i, c));
        next[c.mention] += 1;
    }
    by_token
}

/// Rounds for the report: four decimals are plenty and keep JSON short and stable.
fn r4(x: f32) -> f32 {
    (x * 10_000.0).round() / 10_000.0
}

/// A paragraph of the analysed text.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ParagraphReport {
    pub index: usize,
    pub start: usize,
    pub end: usize,
    pub words: usize,
}

/// A sentence of the analysed text: its paragraph and byte span.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SentenceReport {
    pub paragraph: usize,
    pub start: usize,
    pub end: usize,
}

/// One mention of an actor.
#[derive(Clone, Debug, PartialEq)]
pub struct MentionReport {
    pub paragraph: usize,
    pub span: Span,
    pub kind: MentionKind,
    pub score: f32,
}

/// An actor and its stance over the whole text.
#[derive(Clone, Debug, PartialEq)]
pub struct ActorReport {
    pub id: String,
    pub name: String,
    pub kind: ActorKind,
    pub origin: Origin,
    pub score: f32,
    pub label: Label,
    pub positive: f32,
    pub negative: f32,
    /// Number of contributions.
    pub evidence: usize,
    pub mentions: Vec<MentionReport>,
}

/// One contribution toward one actor in one paragraph.
#[derive(Clone, Debug, PartialEq)]
pub struct Evidence {
    /// The words that carry it.
    pub words: Span,
    /// The mention it reaches.
    pub mention: Span,
    pub cause: Cause,
    /// The lexicon valence or the predicate's stance for this role.
    pub base: f32,
    /// The final signed weight toward the actor.
    pub weight: f32,
    /// Every rule that shaped the weight, in the order applied.
    pub rules: Vec<Rule>,
}

/// A (paragraph, actor) cell of the chart.
#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    pub paragraph: usize,
    /// Index into [`Report::actors`].
    pub actor: usize,
    pub score: f32,
    pub label: Label,
    /// Number of mentions of the actor in the paragraph.
    pub mentions: usize,
    pub positive: f32,
    pub negative: f32,
    /// Strongest first.
    pub evidence: Vec<Evidence>,
}

/// A speaker's stance toward a target in one speech.
#[derive(Clone, Debug, PartialEq)]
pub struct Relation {
    /// Index into [`Report::actors`].
    pub speaker: usize,
    /// Index into [`Report::actors`].
    pub target: usize,
    pub paragraph: usize,
    pub kind: SpeechKind,
    /// The speech: quotation marks and text, or the reported clause.
    pub span: Span,
    pub score: f32,
    pub label: Label,
    pub evidence: usize,
}

/// A sentiment word of the text, for tinting and hover.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WordReport {
    pub start: usize,
    pub end: usize,
    pub base: f32,
    pub valence: f32,
    pub source: Source,
}

/// Counts and limits.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Stats {
    pub bytes: usize,
    /// Bytes analysed: less than `bytes` when the text was longer than `Config::max_bytes`.
    pub analysed_bytes: usize,
    pub truncated: bool,
    pub paragraphs: usize,
    pub sentences: usize,
    pub words: usize,
}

/// The engine's output. Everything is in text order or in a documented,
/// deterministic order; nothing depends on hash iteration.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Report {
    /// The analysed text (the input, or its first `Config::max_bytes`).
    pub text: String,
    pub paragraphs: Vec<ParagraphReport>,
    /// In text order; each inside its paragraph.
    pub sentences: Vec<SentenceReport>,
    /// Most mentioned first; ties by first appearance.
    pub actors: Vec<ActorReport>,
    /// By paragraph, then in the order of `actors`.
    pub cells: Vec<Cell>,
    /// In text order.
    pub relations: Vec<Relation>,
    pub words: Vec<WordReport>,
    pub stats: Stats,
    /// When the bundled leaders' data holds ("early 2026").
    pub gazetteer_as_of: String,
}

impl Report {
    /// The cell for (paragraph, actor index), if the actor is mentioned there.
    pub fn cell(&self, paragraph: usize, actor: usize) -> Option<&Cell> {
        let first = self.cells.partition_point(|c| c.paragraph < paragraph);
        self.cells[first..]
            .iter()
            .take_while(|c| c.paragraph == paragraph)
            .find(|c| c.actor == actor)
    }

    /// The index of the actor with this id.
    pub fn actor_index(&self, id: &str) -> Option<usize> {
        self.actors.iter().position(|a| a.id == id)
    }

    pub fn actor(&self, id: &str) -> Option<&ActorReport> {
        self.actors.iter().find(|a| a.id == id)
    }

    /// The text of a span of the analysed text.
    pub fn slice(&self, span: Span) -> &str {
        span.of(&self.text)
    }
}

/// Builds the report from the pipeline's products; it counts `stats.words`.
// A pipeline stage: kept out of line so profiles show it whole.
#[inline(never)]
pub(crate) fn build(
    doc: &Doc,
    cast: &Cast,
    hits: &[Hit],
    mut att: Attribution,
    config: &Config,
    mut stats: Stats,
    gazetteer_as_of: &str,
) -> Report {
    let n_actors = cast.actors.len();
    let n_paragraphs = doc.paragraphs.len();

    // Masses per mention and per actor.
    let mut mention_mass = vec![Mass::default(); cast.mentions.len()];
    let mut actor_mass = vec![Mass::default(); n_actors];
    let mut actor_evidence = vec![0usize; n_actors];
    for c in &att.contributions {
        mention_mass[c.mention].add(c.weight);
        actor_mass[c.actor].add(c.weight);
        actor_evidence[c.actor] += 1;
    }

    // Actor order: most mentions first, then first appearance.
    let mut mention_count = vec![0usize; n_actors];
    for m in &cast.mentions {
        mention_count[m.actor] += 1;
    }
    let mut order: Vec<usize> = (0..n_actors).collect();
    crate::sort::sort_by(&mut order, |&a, &b| {
        mention_count[b].cmp(&mention_count[a]).then(a.cmp(&b))
    });
    let mut rank = vec![0usize; n_actors];
    for (r, &a) in order.iter().enumerate() {
        rank[a] = r;
    }

    let mut mentions_of: Vec<Vec<MentionReport>> = mention_count.iter().map(|&n| Vec::with_capacity(n)).collect();
    for (i, m) in cast.mentions.iter().enumerate() {
        mentions_of[m.actor].push(MentionReport {
            paragraph: m.paragraph,
            span: m.span,
            kind: m.kind,
            score: r4(mention_mass[i].score(config.smoothing)),
        });
    }
    let actors: Vec<ActorReport> = order
        .iter()
        .map(|&a| {
            let actor = &cast.actors[a];
            let mass = actor_mass[a];
            ActorReport {
                id: actor.id.clone(),
                name: actor.name.clone(),
                kind: actor.kind,
                origin: actor.origin,
                score: r4(mass.score(config.smoothing)),
                label: mass.label(config),
                positive: r4(mass.positive),
                negative: r4(mass.negative),
                evidence: actor_evidence[a],
                mentions: std::mem::take(&mut mentions_of[a]),
            }
        })
        .collect();

    // Cells: every (paragraph, actor) with a mention, numbered in chart order.
    // They are found from sorted (paragraph, rank) keys, so memory grows with
    // the mentions, never with paragraphs times actors.
    let mut keys: Vec<(usize, usize)> = cast.mentions.iter().map(|m| (m.paragraph, rank[m.actor])).collect();
    // Mentions come in text order, so the keys are sorted by paragraph
    // already: sorting each paragraph's run sorts them all.
    if keys.is_sorted_by_key(|k| k.0) {
        for run in keys.chunk_by_mut(|a, b| a.0 == b.0) {
            crate::sort::sort(run);
        }
    } else {
        crate::sort::sort(&mut keys);
    }
    // Counted first: a cell is large, and a growing vector would copy them all.
    let mut cells: Vec<Cell> = Vec::with_capacity(keys.chunk_by(|a, b| a == b).count());
    for group in keys.chunk_by(|a, b| a == b) {
        let (paragraph, actor) = group[0];
        cells.push(Cell {
            paragraph,
            actor,
            score: 0.0,
            label: Label::Neutral,
            mentions: group.len(),
            positive: 0.0,
            negative: 0.0,
            evidence: Vec::new(),
        });
    }
    // Each paragraph's first cell, so that a contribution's cell is searched
    // for among its paragraph's cells (ordered by rank), not among all cells.
    let mut first_cell = vec![0u32; n_paragraphs + 1];
    for c in &cells {
        if let Some(n) = first_cell.get_mut(c.paragraph + 1) {
            *n += 1;
        }
    }
    for p in 1..first_cell.len() {
        first_cell[p] += first_cell[p - 1];
    }
    let cell_of = |paragraph: usize, actor: usize| -> Option<usize> {
        let from = *first_cell.get(paragraph)? as usize;
        let to = *first_cell.get(paragraph + 1)? as usize;
        let rank = rank[actor];
        let own = cells.get(from..to)?;
        own.binary_search_by(|c| c.actor.cmp(&rank)).ok().map(|i| from + i)
    };
    let mut masses = vec![Mass::default(); cells.len()];
    // Each contribution's cell, found once; the evidence then goes straight
    // into cells sized for it, in the contributions' order.
    let mut per_cell = vec![0usize; cells.len()];
    let cell_of_contribution: Vec<u32> = att
        .contributions
        .iter()
        .map(|c| match cell_of(c.paragraph, c.actor) {
            Some(cell) => {
                masses[cell].add(c.weight);
                per_cell[cell] += 1;
                cell as u32
            }
            None => u32::MAX,
        })
        .collect();
    for (cell, n) in cells.iter_mut().zip(per_cell) {
        cell.evidence.reserve_exact(n);
    }
    for (c, &cell) in att.contributions.iter_mut().zip(&cell_of_contribution) {
        let Some(cell) = cells.get_mut(cell as usize) else {
            continue;
        };
        cell.evidence.push(Evidence {
            words: c.words,
            mention: cast.mentions[c.mention].span,
            cause: c.cause,
            base: r4(c.base),
            weight: r4(c.weight),
            rules: std::mem::take(&mut c.rules),
        });
    }
    for (cell, mass) in cells.iter_mut().zip(masses) {
        cell.score = r4(mass.score(config.smoothing));
        cell.label = mass.label(config);
        cell.positive = r4(mass.positive);
        cell.negative = r4(mass.negative);
        crate::sort::sort_by(&mut cell.evidence, |a, b| {
            b.weight
                .abs()
                .total_cmp(&a.weight.abs())
                .then(a.words.start.cmp(&b.words.start))
        });
    }

    // Relations: per speech, the stance toward each other actor mentioned in it.
    // Contributions ordered by their mention's first token, to find a speech's own quickly.
    let by_token = contributions_by_token(&cast.mentions, &att.contributions);
    let mut relations = Vec::new();
    for sp in &att.speeches {
        let speaker = cast.mentions[sp.speaker].actor;
        let mut per_target: Vec<(usize, Mass, usize)> = Vec::new();
        let mut slot_of: FxHashMap<usize, usize> = FxHashMap::default();
        let from = by_token.partition_point(|&(t, _)| t < sp.tokens.start);
        let to = by_token.partition_point(|&(t, _)| t < sp.tokens.end);
        for &(_, i) in &by_token[from..to] {
            let c = &att.contributions[i];
            if c.actor == speaker || !sp.span.contains(c.words) {
                continue;
            }
            // The map only finds a target's slot; the order is the vector's.
            let slot = *slot_of.entry(c.actor).or_insert_with(|| {
                per_target.push((c.actor, Mass::default(), 0));
                per_target.len() - 1
            });
            per_target[slot].1.add(c.weight);
            per_target[slot].2 += 1;
        }
        for (target, mass, n) in per_target {
            relations.push(Relation {
                speaker: rank[speaker],
                target: rank[target],
                paragraph: cast.mentions[sp.speaker].paragraph,
                kind: sp.kind,
                span: sp.span,
                score: r4(mass.score(config.smoothing)),
                label: mass.label(config),
                evidence: n,
            });
        }
    }

    let mut words_in = vec![0usize; n_paragraphs];
    for (p, paragraph) in doc.paragraphs.iter().enumerate() {
        let sentences = &doc.sentences[paragraph.sentences.clone()];
        // Sentences that follow each other token for token are counted in one run.
        words_in[p] = match (sentences.first(), sentences.last()) {
            (Some(first), Some(last)) if sentences.windows(2).all(|w| w[0].tokens.end == w[1].tokens.start) => {
                doc.words_among(first.tokens.start..last.tokens.end)
            }
            _ => sentences.iter().map(|s| doc.words_among(s.tokens.clone())).sum(),
        };
    }
    // When the sentences hold every token, one after another, the text's
    // words are its paragraphs' words.
    let tiled = doc.sentences.first().is_none_or(|s| s.tokens.start == 0)
        && doc.sentences.windows(2).all(|w| w[0].tokens.end == w[1].tokens.start)
        && doc.sentences.last().map_or(0, |s| s.tokens.end) == doc.tokens.len()
        && doc.paragraphs.iter().map(|p| p.sentences.len()).sum::<usize>() == doc.sentences.len();
    stats.words = if tiled {
        words_in.iter().sum()
    } else {
        doc.words_among(0..doc.tokens.len())
    };
    let paragraphs = doc
        .paragraphs
        .iter()
        .enumerate()
        .map(|(index, p)| ParagraphReport {
            index,
            start: p.span.start,
            end: p.span.end,
            words: words_in[index],
        })
        .collect();

    let sentences = doc
        .sentences
        .iter()
        .map(|s| SentenceReport {
            paragraph: s.paragraph,
            start: s.span.start,
            end: s.span.end,
        })
        .collect();

    let words = hits
        .iter()
        .map(|h| WordReport {
            start: h.span.start,
            end: h.span.end,
            base: r4(h.base),
            valence: r4(h.valence),
            source: h.source,
        })
        .collect();

    Report {
        text: doc.text.to_string(),
        paragraphs,
        sentences,
        actors,
        cells,
        relations,
        words,
        stats,
        gazetteer_as_of: gazetteer_as_of.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn score_is_a_bounded_ratio() {
        let config = Config::default();
        let m = |p, n| Mass {
            positive: p,
            negative: n,
        };
        assert_eq!(m(0.0, 0.0).score(config.smoothing), 0.0);
        assert!(m(2.0, 0.0).score(1.0) > 0.6);
        assert!(m(0.0, 200.0).score(1.0) > -1.0);
        // The same balance scores the same however much text carries it.
        let short = m(2.0, 1.0).score(0.0);
        let long = m(200.0, 100.0).score(0.0);
        assert!((short - long).abs() < 1e-6);
    }

    #[test]
    fn labels_follow_the_thresholds() {
        let config = Config::default();
        let m = |p, n| Mass {
            positive: p,
            negative: n,
        };
        assert_eq!(m(0.0, 0.0).label(&config), Label::Neutral);
        assert_eq!(m(2.0, 0.0).label(&config), Label::Positive);
        assert_eq!(m(0.0, 2.0).label(&config), Label::Negative);
        assert_eq!(m(2.0, 1.8).label(&config), Label::Mixed);
        assert_eq!(m(3.0, 1.2).label(&config), Label::Positive);
        assert_eq!(m(0.3, 0.3).label(&config), Label::Neutral);
    }

    #[test]
    fn mass_adds_by_sign() {
        let mut mass = Mass::default();
        mass.add(1.5);
        mass.add(-0.5);
        mass.add(0.0);
        assert_eq!(
            mass,
            Mass {
                positive: 1.5,
                negative: 0.5
            }
        );
    }
}
