//! Every tunable of the engine, in one place, with its default and its source.
//!
//! [`Config::default`] is what the app and the CLI use. The numbers marked
//! "tuned" were chosen on the NewsMTSC train and dev splits with `slant eval`
//! (see README, "Accuracy"); the numbers marked "VADER" are Hutto & Gilbert's
//! constants (ICWSM 2014, `vaderSentiment.py`).
//!
//! The config also carries what the user changed: actors added, renamed,
//! merged, switched off or removed, and lexicon overrides. Those travel in
//! share links and drafts, so they are plain serialisable data.

use serde::{Deserialize, Serialize};

use crate::types::ActorKind;

/// VADER's booster increment (`B_INCR`) and decrement (`B_DECR` = -B_INCR).
pub const VADER_BOOSTER: f32 = 0.293;
/// VADER's all-caps emphasis increment (`C_INCR`).
pub const VADER_CAPS: f32 = 0.733;
/// VADER's negation scalar (`N_SCALAR`).
pub const VADER_NEGATION: f32 = -0.74;
/// VADER's exclamation amplifier per mark, up to four marks.
pub const VADER_EXCLAMATION: f32 = 0.292;
/// VADER's weights around "but": words before it count half, words after it 1.5 times.
pub const VADER_BUT_BEFORE: f32 = 0.5;
pub const VADER_BUT_AFTER: f32 = 1.5;
/// How many words back VADER looks for a negation or a booster.
pub const VADER_WINDOW: usize = 3;
/// AFINN-165 values run from -5 to +5; VADER's from -4 to +4.
pub const AFINN_TO_VADER: f32 = 4.0 / 5.0;

/// The engine's settings. `Config::default()` is the tuned configuration.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Config {
    /// Weight of a sentiment word toward a mention in the same clause.
    pub same_clause: f32,
    /// Weight toward a mention in another clause of the same sentence.
    pub other_clause: f32,
    /// Weight toward a clause's inherited subject (the antecedent of "who",
    /// or the subject of the clause before "and ...").
    pub inherited_subject: f32,
    /// Weight toward a mention inside a prepositional phrase ("in the face of
    /// Putin", "talks with Russia"), relative to a subject or object.
    pub oblique: f32,
    /// When several mentions are reached by one word, the factor for all but
    /// the one it reaches most strongly (1 = no competition).
    pub rival: f32,
    /// Whether a verb that acts against its object ("undermine", "question",
    /// "damage") flips the sentiment words of that object.
    pub shift: bool,
    /// A mention right after "than" ("better than Rice") gets a word's
    /// opposite, this many times: it is what the judged one is compared with.
    pub comparison: f32,
    /// Distance decay inside a clause: weight is divided by `1 + d / decay_tokens`
    /// where `d` is the number of tokens between the word and the mention.
    pub decay_tokens: f32,
    /// Scale of a directed predicate's stance toward its agent.
    pub agent_weight: f32,
    /// Scale of a directed predicate's stance toward its target.
    pub target_weight: f32,
    /// How far (in tokens) after a verb its direct object may start.
    pub object_window: usize,
    /// Weight of the words of a speaker's quote toward the speaker.
    pub quote_to_speaker: f32,
    /// Smoothing mass in `score = (pos - neg) / (pos + neg + smoothing)`.
    /// It keeps a single weak word from reading as strongly favourable, and
    /// makes the score a ratio, so long texts do not saturate toward ±1.
    pub smoothing: f32,
    /// Scores at or above this are positive, at or below its negation negative.
    pub label_threshold: f32,
    /// A cell is mixed when both its positive and negative mass reach this...
    pub mixed_min_mass: f32,
    /// ...and the smaller is at least this fraction of the larger (two thirds:
    /// roughly balanced, not merely present on both sides).
    pub mixed_ratio: f32,
    /// Texts longer than this many bytes are analysed up to this point only
    /// (cut at a paragraph boundary); the report says so.
    pub max_bytes: usize,
    /// Switch off the words of `data/calibration.tsv` (see `score::lexicon`).
    pub calibration: bool,
    /// The user's changes to the actors the engine found.
    pub actors: ActorEdits,
    /// The user's changes to the lexicon.
    pub lexicon: Vec<LexiconOverride>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            same_clause: 1.0,
            other_clause: 0.25,
            inherited_subject: 0.8,
            oblique: 0.85,
            rival: 1.0,
            comparison: 0.5,
            shift: true,
            decay_tokens: 6.0,
            agent_weight: 1.0,
            target_weight: 0.75,
            object_window: 12,
            quote_to_speaker: 0.0,
            smoothing: 1.0,
            label_threshold: 0.12,
            mixed_min_mass: 0.8,
            mixed_ratio: 0.67,
            max_bytes: 2 * 1024 * 1024,
            calibration: true,
            actors: ActorEdits::default(),
            lexicon: Vec::new(),
        }
    }
}

/// An actor given by the caller: it adds to or overrides what the engine found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActorSpec {
    /// Stable id; derived from the name when empty.
    #[serde(default)]
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub kind: ActorKind,
    /// Other surface forms, matched case-sensitively as whole words.
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// The user's edits to the actor list, applied after discovery.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ActorEdits {
    /// Actors to add; a name or alias that the gazetteer or discovery also
    /// found is taken over by the added actor.
    pub add: Vec<ActorSpec>,
    /// `(id, new display name)`.
    pub rename: Vec<(String, String)>,
    /// `(from id, into id)`: every mention of `from` becomes a mention of `into`.
    pub merge: Vec<(String, String)>,
    /// Actors to leave out of the analysis (switched off or removed).
    pub remove: Vec<String>,
}

impl ActorEdits {
    pub fn is_empty(&self) -> bool {
        self.add.is_empty() && self.rename.is_empty() && self.merge.is_empty() && self.remove.is_empty()
    }
}

/// A user's change to one lexicon entry.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LexiconOverride {
    /// The word or phrase, lowercase.
    pub term: String,
    /// The new valence on VADER's scale (-4..4); `None` switches the word off.
    pub valence: Option<f32>,
}
