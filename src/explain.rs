//! Plain-language text for the engine's records: numbers, labels, lexicon
//! sources and the rules applied to a piece of evidence.
//!
//! This module only words what the engine recorded. It must not recompute a
//! weight or a score: every number it prints comes from the report.

use slant_core::lexicon::Source;

use crate::num::Fixed;
use slant_core::{ActorKind, Cause, Label, Origin, Rule, Span, SpeechKind};

/// A signed number with `decimals` places and a real minus sign: "+0.42", "−1.50", "0.00".
pub fn signed(x: f32, decimals: usize) -> String {
    let s = Fixed(f64::from(x.abs()), decimals as u32).to_string();
    if s.chars().all(|c| c == '0' || c == '.') {
        s
    } else if x < 0.0 {
        format!("−{s}")
    } else {
        format!("+{s}")
    }
}

/// A score as the app shows it: two decimals, signed.
pub fn score(x: f32) -> String {
    signed(x, 2)
}

/// A factor, short: "×1.5", "×−0.74", "×0.25".
pub fn factor(x: f32) -> String {
    let mut s = Fixed(f64::from(x.abs()), 2).to_string();
    while s.ends_with('0') {
        s.pop();
    }
    if s.ends_with('.') {
        s.pop();
    }
    if x < 0.0 { format!("×−{s}") } else { format!("×{s}") }
}

/// An evidence mass: two decimals, unsigned.
pub fn mass(x: f32) -> String {
    Fixed(f64::from(x), 2).to_string()
}

pub fn label(l: Label) -> &'static str {
    l.as_str()
}

pub fn kind(k: ActorKind) -> &'static str {
    match k {
        ActorKind::Person => "person",
        ActorKind::Country => "country",
        ActorKind::Organisation => "organisation",
        ActorKind::Other => "other",
    }
}

/// Where an actor came from, for the actor list.
pub fn origin(o: Origin) -> &'static str {
    match o {
        Origin::Gazetteer => "found: gazetteer",
        Origin::Discovered => "found in the text",
        Origin::User => "added by you",
        Origin::Target => "given target",
    }
}

/// A lexicon source, for titles and the evidence list.
pub fn source(s: Source) -> &'static str {
    match s {
        Source::News => "news supplement",
        Source::Vader => "VADER",
        Source::Afinn => "AFINN-165 (rescaled)",
        Source::User => "your override",
    }
}

/// What produced a contribution: a lexicon word or a directed predicate.
pub fn cause(c: Cause) -> String {
    match c {
        Cause::Word(s) => format!("word ({})", source(s)),
        Cause::Predicate(lemma) => format!("predicate “{lemma}”"),
    }
}

pub fn speech(k: SpeechKind) -> &'static str {
    match k {
        SpeechKind::Quote => "quote",
        SpeechKind::Reported => "reported",
    }
}

/// The title shown on a sentiment word in the article.
pub fn word_title(word: &str, base: f32, s: Source, valence: f32) -> String {
    format!(
        "“{word}”: {} in {}; {} after the rules",
        signed(base, 2),
        source(s),
        signed(valence, 2)
    )
}

/// A quoted excerpt of a span, cut to `max` characters on a char boundary.
pub fn excerpt(text: &str, span: Span, max: usize) -> String {
    let t = span.of(text).trim();
    if t.chars().count() <= max {
        return t.to_string();
    }
    let mut out: String = t.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// The first `n` words of a text, with an ellipsis when there are more.
pub fn first_words(text: &str, n: usize) -> String {
    let mut words = text.split_whitespace();
    let head: Vec<&str> = words.by_ref().take(n).collect();
    let mut out = head.join(" ");
    if words.next().is_some() {
        out.push('…');
    }
    out
}

pub use slant_share::thousands;

/// Megabytes with one decimal: "5.0 MB".
pub fn megabytes(bytes: usize) -> String {
    format!("{} MB", Fixed(bytes as f64 / (1024.0 * 1024.0), 1))
}

/// What the engine left out of a long text, from its stats: "This text is
/// 5.0 MB; Slant analysed the first 2.0 MB (up to paragraph 5,312)."
pub fn truncation_notice(stats: &slant_core::report::Stats) -> Option<String> {
    stats.truncated.then(|| {
        format!(
            "This text is {}; Slant analysed the first {} (up to paragraph {}).",
            megabytes(stats.bytes),
            megabytes(stats.analysed_bytes),
            thousands(stats.paragraphs)
        )
    })
}

/// One rule in plain language, quoting the words that triggered it from `text`.
pub fn rule(text: &str, r: &Rule) -> String {
    let q = |span: Span| format!("“{}”", excerpt(text, span, 40));
    match r {
        Rule::Negated { by, factor: f } => format!("negated by {} {}", q(*by), factor(*f)),
        Rule::Boosted { by, delta } => format!("boosted by {} {}", q(*by), signed(delta.abs(), 2)),
        Rule::Dampened { by, delta } => format!("dampened by {} {}", q(*by), signed(-delta.abs(), 2)),
        Rule::Caps { delta } => format!("ALL-CAPS emphasis {}", signed(delta.abs(), 2)),
        Rule::Exclamation { delta } => format!("exclamation marks {}", signed(delta.abs(), 2)),
        Rule::Contrast { by, factor: f } if *f >= 1.0 => format!("contrast after {} {}", q(*by), factor(*f)),
        Rule::Contrast { by, factor: f } => format!("contrast before {} {}", q(*by), factor(*f)),
        Rule::Concession { by, factor: f } => format!("concession after {} {}", q(*by), factor(*f)),
        Rule::SameClause { factor: f } => format!("same clause {}", factor(*f)),
        Rule::OtherClause { factor: f } => format!("other clause {}", factor(*f)),
        Rule::InheritedSubject { factor: f } => format!("inherited subject {}", factor(*f)),
        Rule::Distance { tokens, factor: f } => {
            let unit = if *tokens == 1 { "token" } else { "tokens" };
            format!("distance {tokens} {unit} {}", factor(*f))
        }
        Rule::Agent {
            predicate,
            lemma,
            value,
        } => {
            format!("agent of {} (“{lemma}”, {})", q(*predicate), signed(*value, 2))
        }
        Rule::Target {
            predicate,
            lemma,
            value,
        } => {
            format!("target of {} (“{lemma}”, {})", q(*predicate), signed(*value, 2))
        }
        Rule::Passive { by } => format!("passive {}: roles swapped", q(*by)),
        Rule::InQuote { quote } => format!("in the same quote {}", q(*quote)),
        Rule::Speaker { quote, factor: f } => format!("speaker of the quote {} {}", q(*quote), factor(*f)),
        Rule::Oblique { by, factor: f } => format!("in a phrase opened by {} {}", q(*by), factor(*f)),
        Rule::Shifted { by } => format!("sign flipped: in the object of {}, which acts against it", q(*by)),
        Rule::Comparison { by, factor: f } => {
            format!("compared against with {}: the opposite {}", q(*by), factor(*f))
        }
        Rule::Rival { factor: f } => format!("shared with a mention it reaches more strongly {}", factor(*f)),
        Rule::Coreference {
            mention,
            antecedent,
            subject,
        } => {
            let why = if *subject {
                "the last person named as a subject"
            } else {
                "the last one named that fits"
            };
            format!("{} refers to {}, {why}", q(*mention), q(*antecedent))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_texts_say_what_was_analysed() {
        assert_eq!(thousands(5312), "5,312");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000_000), "1,000,000");
        let text = "Russia attacked Ukraine.\n\n".repeat(400);
        let config = slant_core::Config {
            max_bytes: 5000,
            ..slant_core::Config::default()
        };
        let report = slant_core::analyze(&text, &config);
        let notice = truncation_notice(&report.stats).expect("truncated");
        assert!(report.stats.paragraphs > 100);
        let expected = format!(
            "This text is 0.0 MB; Slant analysed the first 0.0 MB (up to paragraph {}).",
            report.stats.paragraphs
        );
        assert_eq!(notice, expected);
        let whole = slant_core::analyze("Russia attacked Ukraine.", &slant_core::Config::default());
        assert_eq!(truncation_notice(&whole.stats), None);
        assert_eq!(megabytes(5 * 1024 * 1024), "5.0 MB");
    }

    #[test]
    fn signed_numbers_use_a_real_minus_and_no_negative_zero() {
        assert_eq!(signed(0.42, 2), "+0.42");
        assert_eq!(signed(-1.5, 2), "−1.50");
        assert_eq!(signed(0.0, 2), "0.00");
        assert_eq!(signed(-0.0004, 2), "0.00");
        assert_eq!(signed(-0.0, 1), "0.0");
        assert_eq!(score(0.289), "+0.29");
    }

    #[test]
    fn factors_are_short() {
        assert_eq!(factor(1.5), "×1.5");
        assert_eq!(factor(-0.74), "×−0.74");
        assert_eq!(factor(0.25), "×0.25");
        assert_eq!(factor(1.0), "×1");
        assert_eq!(factor(0.5), "×0.5");
    }

    #[test]
    fn rules_read_as_plain_language() {
        let t = "They did not very much like it, but attacked by";
        let sp = |w: &str| {
            let i = t.find(w).unwrap();
            Span::new(i, i + w.len())
        };
        let neg = Rule::Negated {
            by: sp("not"),
            factor: -0.74,
        };
        assert_eq!(rule(t, &neg), "negated by “not” ×−0.74");
        let boost = Rule::Boosted {
            by: sp("very"),
            delta: 0.293,
        };
        assert_eq!(rule(t, &boost), "boosted by “very” +0.29");
        let damp = Rule::Dampened {
            by: sp("much"),
            delta: -0.293,
        };
        assert_eq!(rule(t, &damp), "dampened by “much” −0.29");
        let after = Rule::Contrast {
            by: sp("but"),
            factor: 1.5,
        };
        assert_eq!(rule(t, &after), "contrast after “but” ×1.5");
        let before = Rule::Contrast {
            by: sp("but"),
            factor: 0.5,
        };
        assert_eq!(rule(t, &before), "contrast before “but” ×0.5");
        let agent = Rule::Agent {
            predicate: sp("attacked"),
            lemma: "attack",
            value: -1.5,
        };
        assert_eq!(rule(t, &agent), "agent of “attacked” (“attack”, −1.50)");
        let target = Rule::Target {
            predicate: sp("attacked"),
            lemma: "attack",
            value: 0.0,
        };
        assert_eq!(rule(t, &target), "target of “attacked” (“attack”, 0.00)");
        assert_eq!(rule(t, &Rule::Passive { by: sp("by") }), "passive “by”: roles swapped");
        assert_eq!(
            rule(
                t,
                &Rule::Distance {
                    tokens: 3,
                    factor: 0.667
                }
            ),
            "distance 3 tokens ×0.67"
        );
        assert_eq!(
            rule(
                t,
                &Rule::Distance {
                    tokens: 1,
                    factor: 0.86
                }
            ),
            "distance 1 token ×0.86"
        );
        assert_eq!(rule(t, &Rule::SameClause { factor: 1.0 }), "same clause ×1");
        assert_eq!(rule(t, &Rule::OtherClause { factor: 0.25 }), "other clause ×0.25");
        assert_eq!(
            rule(t, &Rule::InheritedSubject { factor: 0.8 }),
            "inherited subject ×0.8"
        );
        assert_eq!(rule(t, &Rule::Caps { delta: 0.733 }), "ALL-CAPS emphasis +0.73");
        assert_eq!(rule(t, &Rule::Exclamation { delta: 0.292 }), "exclamation marks +0.29");
        let oblique = Rule::Oblique {
            by: sp("by"),
            factor: 0.5,
        };
        assert_eq!(rule(t, &oblique), "in a phrase opened by “by” ×0.5");
    }

    #[test]
    fn every_rule_kind_has_its_own_wording() {
        let t = "questioning Rubio, better than Rice";
        let by = Span::new(0, 11);
        let all = [
            Rule::Negated { by, factor: -0.74 },
            Rule::Boosted { by, delta: 0.29 },
            Rule::Dampened { by, delta: 0.29 },
            Rule::Caps { delta: 0.73 },
            Rule::Exclamation { delta: 0.29 },
            Rule::Contrast { by, factor: 1.5 },
            Rule::Concession { by, factor: 0.5 },
            Rule::SameClause { factor: 1.0 },
            Rule::OtherClause { factor: 0.25 },
            Rule::InheritedSubject { factor: 0.8 },
            Rule::Distance {
                tokens: 3,
                factor: 0.67,
            },
            Rule::Agent {
                predicate: by,
                lemma: "question",
                value: -1.0,
            },
            Rule::Target {
                predicate: by,
                lemma: "question",
                value: -1.0,
            },
            Rule::Passive { by },
            Rule::InQuote { quote: by },
            Rule::Speaker { quote: by, factor: 0.5 },
            Rule::Shifted { by },
            Rule::Comparison { by, factor: 0.5 },
            Rule::Rival { factor: 0.5 },
            Rule::Oblique { by, factor: 0.5 },
            Rule::Coreference {
                mention: by,
                antecedent: Span::new(12, 17),
                subject: true,
            },
        ];
        let mut seen = std::collections::BTreeSet::new();
        for r in &all {
            let words = rule(t, r);
            // A phrase of its own, not the rule's bare name.
            assert_ne!(words, r.name().replace('_', " "), "{r:?}");
            assert!(words.split_whitespace().count() >= 2, "{r:?}: {words}");
            seen.insert(r.name());
        }
        assert_eq!(seen.len(), all.len(), "one case per rule kind");
        assert_eq!(
            rule(t, &Rule::Shifted { by }),
            "sign flipped: in the object of “questioning”, which acts against it"
        );
        assert_eq!(
            rule(t, &Rule::Comparison { by, factor: 0.5 }),
            "compared against with “questioning”: the opposite ×0.5"
        );
        assert_eq!(
            rule(t, &Rule::Rival { factor: 0.5 }),
            "shared with a mention it reaches more strongly ×0.5"
        );
    }

    #[test]
    fn quotes_in_rules_are_cut_safely() {
        let t = "“Россия напала на Украину, и это было очень, очень плохо для всех нас”";
        let q = Rule::InQuote {
            quote: Span::new(0, t.len()),
        };
        let s = rule(t, &q);
        assert!(s.starts_with("in the same quote ““Россия"));
        assert!(s.ends_with("…”"));
        let sp = Rule::Speaker {
            quote: Span::new(0, t.len()),
            factor: 0.5,
        };
        assert!(rule(t, &sp).ends_with("×0.5"));
        // A span that does not fit the text quotes nothing rather than panicking.
        assert_eq!(
            rule("ab", &Rule::Passive { by: Span::new(1, 9) }),
            "passive “”: roles swapped"
        );
    }

    #[test]
    fn excerpts_and_first_words() {
        let t = "  Emmanuel Macron and Keir Starmer will be making visits  ";
        assert_eq!(first_words(t, 3), "Emmanuel Macron and…");
        assert_eq!(first_words("One two", 5), "One two");
        assert_eq!(first_words("", 5), "");
        assert_eq!(excerpt("héllo wörld", Span::new(0, 13), 5), "héll…");
        assert_eq!(excerpt(" hi ", Span::new(0, 4), 5), "hi");
    }

    #[test]
    fn names_of_things() {
        assert_eq!(cause(Cause::Predicate("attack")), "predicate “attack”");
        assert_eq!(cause(Cause::Word(Source::Vader)), "word (VADER)");
        assert_eq!(origin(Origin::User), "added by you");
        assert_eq!(speech(SpeechKind::Quote), "quote");
        assert_eq!(kind(ActorKind::Organisation), "organisation");
        assert_eq!(label(Label::Mixed), "mixed");
        assert_eq!(mass(1.234), "1.23");
        assert_eq!(
            word_title("peace", 2.5, Source::Vader, 1.35),
            "“peace”: +2.50 in VADER; +1.35 after the rules"
        );
    }
}
