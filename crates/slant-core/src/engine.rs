//! The engine: the bundled resources, built once, and the pipeline that runs
//! on them, top to bottom.
//!
//! ```text
//! text ─ segment ─> Doc (paragraphs, sentences, tokens) + Structure (clauses, quotes)
//!      ─ mentions ─> Cast (actors, mentions)           uses the gazetteer and the lexicon
//!      ─ score ─> Hits (sentiment words after VADER's rules)   uses the lexicon
//!                 + the words that are predicates' forms      (the lexicon marks them)
//!      ─ attribute ─> Attribution (contributions, speeches)    uses the predicate table
//!      ─ report ─> Report (cells, actors, relations, evidence)
//! ```
//!
//! Every stage gets what it uses as arguments, so it can be run on fixture
//! resources; this module owns the bundled ones and the order of stages. It
//! must not hold analysis logic of its own. The bundled lexicon marks the
//! predicate table's forms, so that scoring's one lookup per word also lists
//! them for attribution.

use std::sync::OnceLock;

use crate::attribute::{self, predicates::Predicates};
use crate::config::Config;
use crate::mentions::{self, gazetteer::Gazetteer};
use crate::report::{self, Report, Stats};
use crate::score::{self, lexicon::Lexicon, lexicon::Lookup};
use crate::segment::{Doc, structure::Structure};
use crate::types::Target;

/// A stage of the pipeline, named as it finishes (for timing by callers:
/// the engine itself has no clock).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Paragraphs, sentences and tokens.
    Segment,
    /// Clauses and quotations.
    Structure,
    /// Actors and their mentions.
    Mentions,
    /// Sentiment words after VADER's rules.
    Score,
    /// Contributions to mentions, and speeches.
    Attribute,
    /// Sums, labels, relations.
    Report,
}

impl Stage {
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Segment => "segment",
            Stage::Structure => "structure",
            Stage::Mentions => "mentions",
            Stage::Score => "score",
            Stage::Attribute => "attribute",
            Stage::Report => "report",
        }
    }
}

/// The bundled resources: lexicon (with its phrases and calibration),
/// gazetteer and predicate table.
#[derive(Debug)]
pub struct Engine {
    lexicon: Lexicon,
    gazetteer: Gazetteer,
    predicates: Predicates,
}

impl Engine {
    /// The engine with the bundled data, built once on first use.
    pub fn builtin() -> &'static Engine {
        static ENGINE: OnceLock<Engine> = OnceLock::new();
        ENGINE.get_or_init(|| {
            let predicates = Predicates::bundled();
            let mut lexicon = Lexicon::bundled();
            // Scoring marks the predicates' forms as it looks every word up.
            lexicon.mark(predicates.form_words());
            Engine {
                lexicon,
                gazetteer: Gazetteer::bundled(),
                predicates,
            }
        })
    }

    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    #[cfg(test)]
    pub(crate) fn predicates(&self) -> &Predicates {
        &self.predicates
    }

    /// Analyses `text` with `config`: the actors, their mentions, and the
    /// stance of every paragraph toward every actor it mentions, with evidence.
    pub fn analyze(&self, text: &str, config: &Config) -> Report {
        self.analyze_with_targets(text, config, &[])
    }

    /// Like [`Engine::analyze`], with caller-given target spans that become
    /// mentions of actors of their own (ids `target-0`, `target-1`...). Spans
    /// that are not valid char-aligned ranges of `text` are ignored.
    pub fn analyze_with_targets(&self, text: &str, config: &Config, targets: &[Target]) -> Report {
        self.analyze_staged(text, config, targets, &mut |_| {})
    }

    /// Like [`Engine::analyze_with_targets`], calling `done` as each stage
    /// finishes (`slant bench --stages` times them so).
    pub fn analyze_staged(
        &self,
        text: &str,
        config: &Config,
        targets: &[Target],
        done: &mut dyn FnMut(Stage),
    ) -> Report {
        let analysed = limit(text, config.max_bytes);
        let targets: Vec<Target> = targets
            .iter()
            .filter(|t| t.span.is_valid_in(analysed) && !t.span.is_empty())
            .cloned()
            .collect();

        let doc = Doc::new(analysed);
        done(Stage::Segment);
        let structure = Structure::new(&doc);
        done(Stage::Structure);
        let lookup = Lookup::new(&self.lexicon, config);
        let cast = mentions::find(&doc, &self.gazetteer, &|w| lookup.knows(w), &config.actors, &targets);
        done(Stage::Mentions);
        // Scoring looks every word up once, and lists the predicates' forms for attribution.
        let (hits, forms) = score::hits(&doc, &structure, &cast, &lookup);
        done(Stage::Score);
        let attribution = attribute::attribute(&doc, &structure, &cast, &hits, &forms, &self.predicates, config);
        done(Stage::Attribute);
        let stats = Stats {
            bytes: text.len(),
            analysed_bytes: analysed.len(),
            truncated: analysed.len() < text.len(),
            paragraphs: doc.paragraphs.len(),
            sentences: doc.sentences.len(),
            // Counted by the report, with its paragraphs' words.
            words: 0,
        };
        let report = report::build(&doc, &cast, &hits, attribution, config, stats, self.gazetteer.as_of);
        done(Stage::Report);
        report
    }
}

/// The longest prefix of `text` within `max_bytes`, cut at a line break when
/// there is one (so no paragraph is cut in half), else at a char boundary.
fn limit(text: &str, max_bytes: usize) -> &str {
    if text.len() <= max_bytes {
        return text;
    }
    let mut end = max_bytes;
    while end > 0 && !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    match head.rfind('\n') {
        Some(nl) if nl > 0 => &head[..nl],
        _ => head,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limit_respects_char_boundaries() {
        assert_eq!(limit("ééé", 3), "é");
        assert_eq!(limit("abc", 10), "abc");
        assert_eq!(limit("ab\ncd", 4), "ab");
    }

    #[test]
    fn stages_finish_in_pipeline_order() {
        let mut seen = Vec::new();
        Engine::builtin().analyze_staged("Russia attacked Ukraine.", &Config::default(), &[], &mut |s| {
            seen.push(s)
        });
        assert_eq!(
            seen,
            [
                Stage::Segment,
                Stage::Structure,
                Stage::Mentions,
                Stage::Score,
                Stage::Attribute,
                Stage::Report
            ]
        );
    }
}
