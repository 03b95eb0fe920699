//! Property tests: `analyze` is total, its spans are valid, its output is deterministic.

use proptest::prelude::*;
use slant_core::{Config, Report, Rule, Span, Target, analyze, analyze_with_targets};

/// Every span the report holds.
fn spans(r: &Report) -> Vec<Span> {
    let mut out = Vec::new();
    for p in &r.paragraphs {
        out.push(Span::new(p.start, p.end));
    }
    for a in &r.actors {
        out.extend(a.mentions.iter().map(|m| m.span));
    }
    for c in &r.cells {
        for e in &c.evidence {
            out.push(e.words);
            out.push(e.mention);
            for rule in &e.rules {
                match rule {
                    Rule::Negated { by, .. }
                    | Rule::Boosted { by, .. }
                    | Rule::Dampened { by, .. }
                    | Rule::Contrast { by, .. }
                    | Rule::Concession { by, .. }
                    | Rule::Passive { by }
                    | Rule::Shifted { by }
                    | Rule::Oblique { by, .. }
                    | Rule::Comparison { by, .. } => out.push(*by),
                    Rule::Agent { predicate, .. } | Rule::Target { predicate, .. } => out.push(*predicate),
                    Rule::InQuote { quote } | Rule::Speaker { quote, .. } => out.push(*quote),
                    _ => {}
                }
            }
        }
    }
    out.extend(r.relations.iter().map(|x| x.span));
    out.extend(r.words.iter().map(|w| Span::new(w.start, w.end)));
    out
}

fn check(text: &str, r: &Report) {
    assert_eq!(r.text, text[..r.stats.analysed_bytes]);
    for s in spans(r) {
        assert!(
            s.is_valid_in(text),
            "span {s:?} is not a char-aligned range of {text:?}"
        );
        assert!(s.end <= r.stats.analysed_bytes);
    }
    for c in &r.cells {
        assert!((-1.0..=1.0).contains(&c.score), "{}", c.score);
        assert!(c.actor < r.actors.len() && c.paragraph < r.paragraphs.len());
    }
    for a in &r.actors {
        assert!((-1.0..=1.0).contains(&a.score));
        assert!(!a.mentions.is_empty());
    }
    for rel in &r.relations {
        assert!(rel.speaker < r.actors.len() && rel.target < r.actors.len());
    }
}

/// Text built from news-like pieces, so the generator reaches the interesting code paths.
fn newsy() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Russia".to_string()),
        Just("Mr Trump".to_string()),
        Just("the French President".to_string()),
        Just("Ukraine’s".to_string()),
        Just(" attacked ".to_string()),
        Just(" was rebuffed by ".to_string()),
        Just(" did not condemn ".to_string()),
        Just(" said ".to_string()),
        Just("“".to_string()),
        Just("”".to_string()),
        Just("\"".to_string()),
        Just(", ".to_string()),
        Just(". ".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just(" but ".to_string()),
        Just(" who ".to_string()),
        Just(" very good ".to_string()),
        Just("Kremlin-linked".to_string()),
        Just("U.S.".to_string()),
        Just("…".to_string()),
        Just("—".to_string()),
        Just("🇺🇦".to_string()),
        Just("É".to_string()),
        "[a-zA-Z]{1,8}",
        "\\PC{0,6}",
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn analyze_is_total_on_any_text(text in "\\PC{0,300}") {
        let r = analyze(&text, &Config::default());
        check(&text, &r);
    }

    #[test]
    fn analyze_is_total_on_news_like_text(text in newsy()) {
        let r = analyze(&text, &Config::default());
        check(&text, &r);
    }

    #[test]
    fn analyze_is_deterministic(text in newsy()) {
        let a = serde_json::to_string(&analyze(&text, &Config::default())).unwrap();
        let b = serde_json::to_string(&analyze(&text, &Config::default())).unwrap();
        prop_assert_eq!(a, b);
    }

    #[test]
    fn arbitrary_targets_never_break_it(text in newsy(), cuts in prop::collection::vec((0usize..400, 0usize..40), 0..4)) {
        let targets: Vec<Target> = cuts
            .into_iter()
            .map(|(start, len)| Target { name: "t".into(), span: Span::new(start, start + len) })
            .collect();
        let r = analyze_with_targets(&text, &Config::default(), &targets);
        check(&text, &r);
    }

    #[test]
    fn tiny_limits_cut_cleanly(text in newsy(), max in 0usize..200) {
        let config = Config { max_bytes: max, ..Config::default() };
        let r = analyze(&text, &config);
        prop_assert!(r.stats.analysed_bytes <= max);
        check(&text, &r);
    }
}

/// Pieces of one endless sentence: names, lists, verbs of saying, quotes, clauses.
fn endless_piece() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        Just("France "),
        Just("Germany "),
        Just("Mr Smith "),
        Just("Jane Doe "),
        Just("Russia’s "),
        Just(", "),
        Just("and "),
        Just("said "),
        Just("who "),
        Just("attacked "),
        Just("praised "),
        Just("good "),
        Just("“"),
        Just("” "),
        Just("but "),
        Just("than "),
    ]
}

/// The evidence a report holds, counted: it must grow with the words, not
/// with words times mentions, however many mentions a sentence has.
fn evidence(r: &Report) -> usize {
    r.cells.iter().map(|c| c.evidence.len()).sum()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(6))]

    #[test]
    fn a_sentence_of_thousands_of_pieces_stays_linear(pieces in prop::collection::vec(endless_piece(), 3_000..6_000)) {
        let text = pieces.concat();
        let r = analyze(&text, &Config::default());
        check(&text, &r);
        // Each word reaches a bounded number of mentions (and each predicate a bounded list).
        prop_assert!(evidence(&r) <= 80 * r.stats.words.max(1), "{} pieces of evidence for {} words", evidence(&r), r.stats.words);
    }
}

#[test]
fn a_word_in_a_sentence_of_thousands_of_names_reaches_a_bounded_number() {
    let first = [
        "Alan", "Brian", "Carla", "Diane", "Edgar", "Fiona", "Glenn", "Helga", "Irene", "Jonas",
    ];
    let last = [
        "Abbott", "Barker", "Crowley", "Dunmore", "Ellery", "Fairfax", "Garside", "Hollis", "Ingram", "Jessop",
    ];
    let mut text = String::from("It was good for ");
    for i in 0..3_000 {
        let (f, l) = (first[i % 10], last[(i / 10) % 10]);
        text.push_str(&format!("{f} {l}{}", if i % 3 == 0 { " and " } else { ", " }));
    }
    text.push_str("Russia attacked Ukraine, condemned Britain, praised China and blamed Japan");
    let r = analyze(&text, &Config::default());
    check(&text, &r);
    assert_eq!(r.stats.sentences, 1);
    assert!(r.actors.len() >= 100, "{} actors", r.actors.len());
    let good = r
        .words
        .iter()
        .find(|w| &text[w.start..w.end] == "good")
        .expect("good is a sentiment word");
    let reached = r
        .cells
        .iter()
        .flat_map(|c| &c.evidence)
        .filter(|e| e.words == Span::new(good.start, good.end))
        .count();
    // Every mention is in one sentence; the word still reaches only its neighbourhood.
    assert!((1..=40).contains(&reached), "good reached {reached} mentions");
    assert!(
        evidence(&r) <= 80 * r.stats.words,
        "{} for {} words",
        evidence(&r),
        r.stats.words
    );
}
