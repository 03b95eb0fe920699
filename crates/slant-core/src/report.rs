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
//! This module owns aggregation and the serialised shape. It never recomputes
//! attribution: the app's explanations render these records as they are.

use serde::{Deserialize, Serialize};

use crate::actors::{ActorKind, Cast, MentionKind, Origin};
use crate::config::Config;
use crate::lexicon::Source;
use crate::sentiment::{Hit, Rule};
use crate::span::Span;
use crate::stance::{Attribution, Cause, SpeechKind};
use crate::text::{Doc, TokenKind};

/// A stance label.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Label {
    Positive,
    Negative,
    Neutral,
    Mixed,
}

impl Label {
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Positive => "positive",
            Label::Negative => "negative",
            Label::Neutral => "neutral",
            Label::Mixed => "mixed",
        }
    }
}

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

/// Rounds for the report: four decimals are plenty and keep JSON short and stable.
fn r4(x: f32) -> f32 {
    (x * 10_000.0).round() / 10_000.0
}

/// A paragraph of the analysed text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ParagraphReport {
    pub index: usize,
    pub start: usize,
    pub end: usize,
    pub words: usize,
}

/// One mention of an actor.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MentionReport {
    pub paragraph: usize,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub kind: MentionKind,
    pub score: f32,
}

/// An actor and its stance over the whole text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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

/// One rule applied to a piece of evidence.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RuleReport {
    pub rule: String,
    /// A multiplier, when the rule multiplies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub factor: Option<f32>,
    /// An amount added in the word's direction, when the rule adds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delta: Option<f32>,
    /// The words that triggered it ("not", "very", "by", the predicate...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<usize>,
    /// More detail: a predicate's lemma and value, a distance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// One contribution toward one actor in one paragraph.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// The mention it reaches.
    pub mention_start: usize,
    pub mention_end: usize,
    /// "word" or "predicate".
    pub cause: String,
    /// The lexicon ("news", "vader", "afinn", "user") or the predicate's lemma.
    pub source: String,
    /// The lexicon valence or the predicate's stance for this role.
    pub base: f32,
    /// The final signed weight toward the actor.
    pub weight: f32,
    pub rules: Vec<RuleReport>,
}

/// A (paragraph, actor) cell of the chart.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    pub paragraph: usize,
    pub actor: String,
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
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Relation {
    pub speaker: String,
    pub target: String,
    pub paragraph: usize,
    /// "quote" or "reported".
    pub kind: String,
    /// The speech: quotation marks and text, or the reported clause.
    pub start: usize,
    pub end: usize,
    pub score: f32,
    pub label: Label,
    pub evidence: usize,
}

/// A sentiment word of the text, for tinting and hover.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub paragraphs: Vec<ParagraphReport>,
    /// Most mentioned first; ties by first appearance.
    pub actors: Vec<ActorReport>,
    /// By paragraph, then in the order of `actors`.
    pub cells: Vec<Cell>,
    /// In text order.
    pub relations: Vec<Relation>,
    pub words: Vec<WordReport>,
    pub stats: Stats,
    /// The as-of note of the bundled leaders' data.
    pub gazetteer_as_of: String,
}

impl Report {
    /// The cell for (paragraph, actor id), if the actor is mentioned there.
    pub fn cell(&self, paragraph: usize, actor: &str) -> Option<&Cell> {
        self.cells.iter().find(|c| c.paragraph == paragraph && c.actor == actor)
    }

    pub fn actor(&self, id: &str) -> Option<&ActorReport> {
        self.actors.iter().find(|a| a.id == id)
    }
}

fn rule_report(text: &str, rule: &Rule) -> RuleReport {
    let mut r = RuleReport {
        rule: rule.name().to_string(),
        factor: None,
        delta: None,
        by: None,
        start: None,
        end: None,
        detail: None,
    };
    let mut by = |span: Span| {
        r.by = Some(span.of(text).to_string());
        r.start = Some(span.start);
        r.end = Some(span.end);
    };
    match rule {
        Rule::Negated { by: b, factor } | Rule::Contrast { by: b, factor } | Rule::Concession { by: b, factor } => {
            by(*b);
            r.factor = Some(r4(*factor));
        }
        Rule::Boosted { by: b, delta } | Rule::Dampened { by: b, delta } => {
            by(*b);
            r.delta = Some(r4(*delta));
        }
        Rule::Caps { delta } | Rule::Exclamation { delta } => r.delta = Some(r4(*delta)),
        Rule::SameClause { factor } | Rule::OtherClause { factor } | Rule::InheritedSubject { factor } => {
            r.factor = Some(r4(*factor))
        }
        Rule::Distance { tokens, factor } => {
            r.factor = Some(r4(*factor));
            r.detail = Some(format!("{tokens} tokens away"));
        }
        Rule::Agent {
            predicate,
            lemma,
            value,
        }
        | Rule::Target {
            predicate,
            lemma,
            value,
        } => {
            by(*predicate);
            r.detail = Some(format!("{lemma}: {value:+}"));
        }
        Rule::Passive { by: b } => by(*b),
        Rule::InQuote { quote } => by(*quote),
        Rule::Speaker { quote, factor } => {
            by(*quote);
            r.factor = Some(r4(*factor));
        }
    }
    r
}

/// Builds the report from the pipeline's products.
pub fn build(doc: &Doc, cast: &Cast, hits: &[Hit], att: &Attribution, config: &Config, stats: Stats) -> Report {
    let text = doc.text;
    let n_actors = cast.actors.len();
    let n_paragraphs = doc.paragraphs.len();

    // Masses per mention, per actor, per cell.
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
    order.sort_by(|&a, &b| mention_count[b].cmp(&mention_count[a]).then(a.cmp(&b)));
    let mut rank = vec![0usize; n_actors];
    for (r, &a) in order.iter().enumerate() {
        rank[a] = r;
    }

    let actors = order
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
                mentions: cast
                    .mentions
                    .iter()
                    .enumerate()
                    .filter(|(_, m)| m.actor == a)
                    .map(|(i, m)| MentionReport {
                        paragraph: m.paragraph,
                        start: m.span.start,
                        end: m.span.end,
                        text: m.span.of(text).to_string(),
                        kind: m.kind,
                        score: r4(mention_mass[i].score(config.smoothing)),
                    })
                    .collect(),
            }
        })
        .collect();

    // Cells: every (paragraph, actor) with a mention.
    let mut cell_index: Vec<Option<usize>> = vec![None; n_paragraphs * n_actors];
    let mut cells: Vec<(usize, usize, usize, Mass, Vec<usize>)> = Vec::new();
    for m in &cast.mentions {
        let key = m.paragraph * n_actors + m.actor;
        match cell_index.get(key).copied().flatten() {
            Some(c) => cells[c].2 += 1,
            None => {
                if let Some(slot) = cell_index.get_mut(key) {
                    *slot = Some(cells.len());
                    cells.push((m.paragraph, m.actor, 1, Mass::default(), Vec::new()));
                }
            }
        }
    }
    for (i, c) in att.contributions.iter().enumerate() {
        if let Some(Some(cell)) = cell_index.get(c.paragraph * n_actors + c.actor) {
            cells[*cell].3.add(c.weight);
            cells[*cell].4.push(i);
        }
    }
    cells.sort_by_key(|c| (c.0, rank[c.1]));
    let cells = cells
        .into_iter()
        .map(|(paragraph, actor, mentions, mass, mut evidence)| {
            let contributions = &att.contributions;
            evidence.sort_by(|&a, &b| {
                contributions[b]
                    .weight
                    .abs()
                    .total_cmp(&contributions[a].weight.abs())
                    .then(contributions[a].words.start.cmp(&contributions[b].words.start))
            });
            Cell {
                paragraph,
                actor: cast.actors[actor].id.clone(),
                score: r4(mass.score(config.smoothing)),
                label: mass.label(config),
                mentions,
                positive: r4(mass.positive),
                negative: r4(mass.negative),
                evidence: evidence
                    .into_iter()
                    .map(|i| {
                        let c = &contributions[i];
                        let mention = cast.mentions[c.mention].span;
                        let (cause, source) = match c.cause {
                            Cause::Word(s) => ("word", format!("{s:?}").to_lowercase()),
                            Cause::Predicate(lemma) => ("predicate", lemma.to_string()),
                        };
                        Evidence {
                            text: c.words.of(text).to_string(),
                            start: c.words.start,
                            end: c.words.end,
                            mention_start: mention.start,
                            mention_end: mention.end,
                            cause: cause.to_string(),
                            source,
                            base: r4(c.base),
                            weight: r4(c.weight),
                            rules: c.rules.iter().map(|r| rule_report(text, r)).collect(),
                        }
                    })
                    .collect(),
            }
        })
        .collect();

    // Relations: per speech, the stance toward each other actor mentioned in it.
    let mut relations = Vec::new();
    for sp in &att.speeches {
        let speaker = cast.mentions[sp.speaker].actor;
        let mut per_target: Vec<(usize, Mass, usize)> = Vec::new();
        for c in &att.contributions {
            let m = &cast.mentions[c.mention];
            if c.actor == speaker || !sp.tokens.contains(&m.tokens.start) || !sp.span.contains(c.words) {
                continue;
            }
            match per_target.iter_mut().find(|t| t.0 == c.actor) {
                Some(t) => {
                    t.1.add(c.weight);
                    t.2 += 1;
                }
                None => {
                    let mut mass = Mass::default();
                    mass.add(c.weight);
                    per_target.push((c.actor, mass, 1));
                }
            }
        }
        for (target, mass, n) in per_target {
            relations.push(Relation {
                speaker: cast.actors[speaker].id.clone(),
                target: cast.actors[target].id.clone(),
                paragraph: cast.mentions[sp.speaker].paragraph,
                kind: match sp.kind {
                    SpeechKind::Quote => "quote",
                    SpeechKind::Reported => "reported",
                }
                .to_string(),
                start: sp.span.start,
                end: sp.span.end,
                score: r4(mass.score(config.smoothing)),
                label: mass.label(config),
                evidence: n,
            });
        }
    }

    let paragraphs = doc
        .paragraphs
        .iter()
        .enumerate()
        .map(|(index, p)| {
            let tokens = doc.tokens_in(p.span);
            ParagraphReport {
                index,
                start: p.span.start,
                end: p.span.end,
                words: doc.tokens[tokens].iter().filter(|t| t.kind == TokenKind::Word).count(),
            }
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
        paragraphs,
        actors,
        cells,
        relations,
        words,
        stats,
        gazetteer_as_of: crate::gazetteer::Gazetteer::builtin().as_of.to_string(),
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
