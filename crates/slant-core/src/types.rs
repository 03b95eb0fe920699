//! The shared vocabulary of every stage: spans, kinds of actors and
//! mentions, where values come from, the rules that explain a score, and
//! labels.
//!
//! Every position the engine reports is a [`Span`]: a half-open byte range
//! `start..end` into the text given to [`crate::analyze`], always on char
//! boundaries. The text itself is never copied or altered; spans are views.
//!
//! This module depends on nothing else of the crate, and holds no logic
//! beyond naming: stages import it, never the other way round.

use serde::{Deserialize, Serialize};

/// A half-open byte range `start..end` into the original text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`. `end` is clamped up to `start`.
    pub const fn new(start: usize, end: usize) -> Span {
        Span {
            start,
            end: if end < start { start } else { end },
        }
    }

    /// Length in bytes.
    pub const fn len(self) -> usize {
        self.end - self.start
    }

    pub const fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The text this span covers, or "" when it does not fit `text`.
    pub fn of(self, text: &str) -> &str {
        text.get(self.start..self.end).unwrap_or("")
    }

    /// Whether `other` lies entirely inside this span.
    pub const fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// Whether the two spans share at least one byte.
    pub const fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// Whether this span is a valid, char-aligned range of `text`.
    pub fn is_valid_in(self, text: &str) -> bool {
        self.start <= self.end
            && self.end <= text.len()
            && text.is_char_boundary(self.start)
            && text.is_char_boundary(self.end)
    }
}

/// What kind of actor.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    Person,
    Country,
    Organisation,
    #[default]
    Other,
}

impl ActorKind {
    /// Parses "person", "country", "organisation"/"organization"; anything else is `Other`.
    pub fn parse(s: &str) -> ActorKind {
        match s.trim().to_ascii_lowercase().as_str() {
            "person" => ActorKind::Person,
            "country" => ActorKind::Country,
            "organisation" | "organization" | "org" => ActorKind::Organisation,
            _ => ActorKind::Other,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::Person => "person",
            ActorKind::Country => "country",
            ActorKind::Organisation => "organisation",
            ActorKind::Other => "other",
        }
    }
}

/// Where an actor came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// The bundled gazetteer.
    Gazetteer,
    /// Found in this text by discovery.
    Discovered,
    /// Added by the user.
    User,
    /// A target span given by the caller.
    Target,
}

/// How a mention names its actor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MentionKind {
    /// A name, with or without a title: "Keir Starmer", "Mr Starmer", "UK".
    Name,
    /// A demonym adjective: "Russian aggression".
    Adjective,
    /// A demonym noun: "Europeans".
    People,
    /// A capital or seat of government standing for its government: "Moscow", "No 10".
    Metonym,
    /// A role reference: "the French President".
    Role,
    /// A span given by the caller.
    Given,
    /// A pronoun resolved to a person or group named earlier: "he", "their".
    Pronoun,
}

/// A caller-given target: a span that must be a mention of its own actor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    pub name: String,
    pub span: Span,
}

/// One rule applied to a contribution, with what triggered it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Rule {
    /// Multiplied by `factor` because of the negator at `by`.
    Negated { by: Span, factor: f32 },
    /// `delta` added (in the word's direction) because of the booster at `by`.
    Boosted { by: Span, delta: f32 },
    /// `delta` taken away because of the dampener at `by`.
    Dampened { by: Span, delta: f32 },
    /// `delta` added for ALL-CAPS emphasis.
    Caps { delta: f32 },
    /// `delta` added for exclamation marks in the sentence.
    Exclamation { delta: f32 },
    /// Multiplied by `factor` for standing before (0.5) or after (1.5) the contrast word at `by`.
    Contrast { by: Span, factor: f32 },
    /// Multiplied by `factor` for standing in a concessive clause opened at `by`.
    Concession { by: Span, factor: f32 },
    /// The word reaches the mention from the same clause.
    SameClause { factor: f32 },
    /// The word reaches the mention from another clause of the sentence.
    OtherClause { factor: f32 },
    /// The word reaches the mention as the subject its clause inherits
    /// (the antecedent of "who", the subject before "and ...").
    InheritedSubject { factor: f32 },
    /// Multiplied by `factor` for the `tokens` between word and mention.
    Distance { tokens: usize, factor: f32 },
    /// The mention is the agent of the directed predicate at `predicate`.
    Agent {
        predicate: Span,
        lemma: &'static str,
        value: f32,
    },
    /// The mention is the target of the directed predicate at `predicate`.
    Target {
        predicate: Span,
        lemma: &'static str,
        value: f32,
    },
    /// The predicate is passive ("was rebuffed by"), so subject and object swap roles.
    Passive { by: Span },
    /// The word and the mention are inside the same quotation.
    InQuote { quote: Span },
    /// The mention is the speaker of the quotation the word is in.
    Speaker { quote: Span, factor: f32 },
    /// The word is in the object of a verb that acts against it ("questioning
    /// Rubio's readiness", "damaged the integrity of"): its sign flips.
    Shifted { by: Span },
    /// The mention is what something is compared against ("better than
    /// Rice"): it gets the word's opposite, `factor` times.
    Comparison { by: Span, factor: f32 },
    /// Another mention of the sentence is reached more strongly by the same
    /// word; this one gets `factor` of its share.
    Rival { factor: f32 },
    /// The mention sits in a prepositional phrase opened by `by` ("in the
    /// face of Putin"), where it is less often what the words judge.
    Oblique { by: Span, factor: f32 },
    /// The mention at `mention` (a pronoun or a description such as "the
    /// Commission") refers back to the actor named at `antecedent`; `subject`
    /// says the antecedent was chosen as the last person named as a subject.
    Coreference {
        mention: Span,
        antecedent: Span,
        subject: bool,
    },
}

impl Rule {
    /// The rule's name as the report and the app show it.
    pub fn name(&self) -> &'static str {
        match self {
            Rule::Negated { .. } => "negated",
            Rule::Boosted { .. } => "boosted",
            Rule::Dampened { .. } => "dampened",
            Rule::Caps { .. } => "caps",
            Rule::Exclamation { .. } => "exclamation",
            Rule::Contrast { .. } => "contrast",
            Rule::Concession { .. } => "concession",
            Rule::SameClause { .. } => "same_clause",
            Rule::OtherClause { .. } => "other_clause",
            Rule::InheritedSubject { .. } => "inherited_subject",
            Rule::Distance { .. } => "distance",
            Rule::Agent { .. } => "agent",
            Rule::Target { .. } => "target",
            Rule::Passive { .. } => "passive",
            Rule::InQuote { .. } => "in_quote",
            Rule::Speaker { .. } => "speaker",
            Rule::Oblique { .. } => "oblique",
            Rule::Rival { .. } => "rival",
            Rule::Comparison { .. } => "comparison",
            Rule::Shifted { .. } => "shifted",
            Rule::Coreference { .. } => "coreference",
        }
    }
}

/// What produced a contribution.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cause {
    /// A sentiment word from a lexicon.
    Word(Source),
    /// A directed predicate (its lemma).
    Predicate(&'static str),
}

/// Whether a speech is a direct quotation or reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpeechKind {
    Quote,
    Reported,
}

impl SpeechKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SpeechKind::Quote => "quote",
            SpeechKind::Reported => "reported",
        }
    }
}

/// Where a valence comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// This project's news supplement.
    News,
    /// VADER's lexicon.
    Vader,
    /// AFINN-165, rescaled.
    Afinn,
    /// The user's override.
    User,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::News => "news",
            Source::Vader => "vader",
            Source::Afinn => "afinn",
            Source::User => "user",
        }
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn of_returns_the_covered_text() {
        let text = "Élysée Palace";
        assert_eq!(Span::new(0, 8).of(text), "Élysée");
        assert_eq!(Span::new(9, 15).of(text), "Palace");
    }

    #[test]
    fn of_is_empty_off_a_char_boundary_or_out_of_range() {
        let text = "Élysée";
        assert_eq!(Span::new(1, 3).of(text), "");
        assert_eq!(Span::new(0, 99).of(text), "");
    }

    #[test]
    fn new_never_makes_a_negative_span() {
        let s = Span::new(5, 2);
        assert_eq!((s.start, s.end, s.len()), (5, 5, 0));
        assert!(s.is_empty());
    }

    #[test]
    fn containment_and_overlap() {
        let outer = Span::new(0, 10);
        assert!(outer.contains(Span::new(2, 10)));
        assert!(!outer.contains(Span::new(2, 11)));
        assert!(outer.overlaps(Span::new(9, 12)));
        assert!(!outer.overlaps(Span::new(10, 12)));
    }

    #[test]
    fn validity_checks_char_boundaries() {
        let text = "a—b";
        assert!(Span::new(0, 1).is_valid_in(text));
        assert!(Span::new(1, 4).is_valid_in(text));
        assert!(!Span::new(1, 2).is_valid_in(text));
        assert!(!Span::new(0, 6).is_valid_in(text));
    }
}
