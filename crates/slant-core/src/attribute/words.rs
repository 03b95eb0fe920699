//! The closed word classes attribution reads: prepositions, auxiliaries,
//! fillers, noun and verb markers, idiom objects. It owns membership only.

/// Prepositions: a mention right after one is not a clause's subject.
pub(super) fn is_preposition(word: &str) -> bool {
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
pub(super) fn is_idiom_object(word: &str) -> bool {
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
            // "welcomed the move": a step is welcomed, not the one who welcomes it.
            | "move"
            | "moves"
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
            // Rebuttals: "rejected the charge" is not an attack on anyone.
            | "charge"
            | "charges"
            | "accusation"
            | "accusations"
            | "allegation"
            | "allegations"
    )
}

/// Objects that keep a verb idiomatic behind modifiers: "struck a
/// conciliatory tone", "rejected the latest accusation".
pub(super) fn is_tone_or_rebuttal(word: &str) -> bool {
    matches!(
        word,
        "tone" | "note" | "chord" | "charge" | "charges" | "accusation" | "accusations" | "allegation" | "allegations"
    )
}

/// Auxiliaries and verbs of being: after one, a participle is passive.
pub(super) fn is_be(word: &str) -> bool {
    matches!(
        word,
        "is" | "are" | "was" | "were" | "be" | "been" | "being" | "get" | "gets" | "got" | "getting" | "gotten"
    )
}

/// Words that may sit between an auxiliary and its participle: "was strongly condemned".
pub(super) fn is_filler(word: &str) -> bool {
    word.ends_with("ly")
        || matches!(
            word,
            "not" | "also" | "never" | "already" | "then" | "still" | "just" | "even"
        )
}

/// Determiners and quantifiers before a noun: "the attack", "new sanctions".
pub(super) fn is_noun_marker(word: &str) -> bool {
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
pub(super) fn is_verb_marker(word: &str) -> bool {
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
