//! Slant's engine: finds the people, countries and organisations in a news
//! article and scores each paragraph's stance toward each of them, recording
//! every contribution so that any score can be explained.
//!
//! The pipeline reads top to bottom as plain functions:
//!
//! ```text
//! text ─ segment ─> Doc (paragraphs, sentences, tokens) + Structure (clauses, quotes)
//!      ─ find mentions ─> Cast (actors, mentions)
//!      ─ score ─> Hits (sentiment words after VADER's rules)
//!      ─ attribute ─> Attribution (contributions per mention, speeches)
//!      ─ report ─> Report (cells, actors, relations, evidence)
//! ```
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

pub mod actors;
pub mod compare;
pub mod config;
pub mod gazetteer;
pub mod lexicon;
pub mod phrases;
pub mod predicates;
pub mod report;
pub mod sentiment;
pub mod span;
pub mod stance;
pub mod structure;
pub mod text;

pub use actors::{ActorKind, MentionKind, Origin, Target};
pub use compare::{Comparison, compare};
pub use config::{ActorEdits, ActorSpec, Config, LexiconOverride};
pub use report::{ActorReport, Cell, Evidence, Label, MentionReport, Relation, Report, SentenceReport, label_of};
pub use sentiment::Rule;
pub use span::Span;
pub use stance::{Cause, SpeechKind};

use lexicon::{Lexicon, Lookup};
use report::Stats;
use structure::Structure;
use text::Doc;

/// Analyses `text` with `config`: the actors, their mentions, and the stance
/// of every paragraph toward every actor it mentions, with evidence.
pub fn analyze(text: &str, config: &Config) -> Report {
    analyze_with_targets(text, config, &[])
}

/// Like [`analyze`], with caller-given target spans that become mentions of
/// actors of their own (ids `target-0`, `target-1`...). Spans that are not
/// valid char-aligned ranges of `text` are ignored. `slant eval` scores
/// NewsMTSC targets through this function, the same path the app uses.
pub fn analyze_with_targets(text: &str, config: &Config, targets: &[Target]) -> Report {
    let analysed = limit(text, config.max_bytes);
    let targets: Vec<Target> = targets
        .iter()
        .filter(|t| t.span.is_valid_in(analysed) && !t.span.is_empty())
        .cloned()
        .collect();

    // Segment.
    let doc = Doc::new(analysed);
    let structure = Structure::new(&doc);
    // Find mentions.
    let cast = actors::find(&doc, &config.actors, &targets);
    // Score.
    let lookup = Lookup::new(Lexicon::builtin(), config);
    let hits = sentiment::hits(&doc, &structure, &cast, &lookup);
    // Attribute.
    let attribution = stance::attribute(&doc, &structure, &cast, &hits, config);
    // Report.
    let stats = Stats {
        bytes: text.len(),
        analysed_bytes: analysed.len(),
        truncated: analysed.len() < text.len(),
        paragraphs: doc.paragraphs.len(),
        sentences: doc.sentences.len(),
        words: doc.tokens.iter().filter(|t| t.kind == text::TokenKind::Word).count(),
    };
    report::build(&doc, &cast, &hits, attribution, config, stats)
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
    fn limit_respects_char_boundaries() {
        assert_eq!(limit("ééé", 3), "é");
        assert_eq!(limit("abc", 10), "abc");
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
