//! Slant's engine: finds the people, countries and organisations in a news
//! article and scores each paragraph's stance toward each of them, recording
//! every contribution so that any score can be explained.
//!
//! The pipeline reads top to bottom as plain functions, one module each,
//! run by the [`Engine`] on its bundled resources:
//! `segment -> mentions -> score -> attribute -> report`, over the shared
//! vocabulary of `types` (spans, kinds, rules, labels).
//!
//! ```
//! let report = slant_core::analyze("Russia attacked Ukraine.", &slant_core::Config::default());
//! let russia = report.actor("russia").unwrap();
//! assert!(russia.score < 0.0);
//! assert!(report.actor("ukraine").unwrap().score >= 0.0);
//! ```
//!
//! Invariants: no I/O, no clock, no randomness, no web dependency; `analyze`
//! is total (it never fails and never panics); every span is a half-open byte
//! range on char boundaries of the text given; output order is deterministic.

mod attribute;
pub mod compare;
mod config;
mod data;
mod engine;
mod lower;
mod mentions;
pub mod report;
mod score;
mod segment;
mod sketch;
mod sort;
mod types;

pub use compare::{Comparison, compare};
pub use config::{ActorEdits, ActorSpec, Config, LexiconOverride};
pub use data::DATA_HASH;
pub use engine::{Engine, Stage};
pub use lower::{LowerChar, lower, lower_char};
pub use report::{
    ActorReport, Cell, Evidence, MentionReport, ParagraphReport, Relation, Report, SentenceReport, Stats, WordReport,
    label_of,
};
pub use sort::sort_indices;
pub use types::{ActorKind, Cause, Label, MentionKind, Origin, Rule, Source, Span, SpeechKind, Target};

/// The bundled lexicon, for callers that show a word's bundled value.
pub mod lexicon {
    pub use crate::score::lexicon::{Entry, Lexicon, normalize};
    pub use crate::types::Source;
}

/// The bundled gazetteer, for callers that name an actor the text lost.
pub mod gazetteer {
    pub use crate::mentions::gazetteer::{GazActor, Gazetteer};
}

/// Actor ids, for callers that make ids the way the engine does.
pub mod actors {
    pub use crate::mentions::slug;
    pub use crate::types::{ActorKind, MentionKind, Origin, Target};
}

/// The crate's version, for provenance.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Analyses `text` with `config` on the bundled [`Engine`]: the actors, their
/// mentions, and the stance of every paragraph toward every actor it
/// mentions, with evidence.
pub fn analyze(text: &str, config: &Config) -> Report {
    Engine::builtin().analyze(text, config)
}

/// Like [`analyze`], with caller-given target spans that become mentions of
/// actors of their own (ids `target-0`, `target-1`...). Spans that are not
/// valid char-aligned ranges of `text` are ignored. `slant eval` scores
/// NewsMTSC targets through this function, the same path the app uses.
pub fn analyze_with_targets(text: &str, config: &Config, targets: &[Target]) -> Report {
    Engine::builtin().analyze_with_targets(text, config, targets)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_text_gives_an_empty_report() {
        let r = analyze("", &Config::default());
        assert!(r.paragraphs.is_empty() && r.actors.is_empty() && r.cells.is_empty());
    }

    #[test]
    fn long_texts_are_cut_at_a_line_break() {
        let text = "Russia attacked Ukraine.\nUkraine thanked France.\n";
        let config = Config {
            max_bytes: 30,
            ..Config::default()
        };
        let r = analyze(text, &config);
        assert!(r.stats.truncated);
        assert_eq!(r.stats.analysed_bytes, 24);
        assert_eq!(r.paragraphs.len(), 1);
    }

    #[test]
    fn version_and_data_hash_name_the_build() {
        assert!(!VERSION.is_empty());
        assert_eq!(DATA_HASH.len(), 12);
    }

    #[test]
    fn invalid_targets_are_ignored() {
        let text = "Élysée";
        let targets = [
            Target {
                name: "x".into(),
                span: Span::new(1, 3),
            },
            Target {
                name: "y".into(),
                span: Span::new(0, 99),
            },
        ];
        let r = analyze_with_targets(text, &Config::default(), &targets);
        assert!(r.actors.iter().all(|a| !a.id.starts_with("target")));
    }
}
