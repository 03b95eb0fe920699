//! Golden tests on the seed article (seeds/macron-starmer-white-house.txt):
//! the actors a careful reader sees, their mentions and aliases, and the
//! signs of the cells that carry the article's stance.
//!
//! What a careful reader sees: Russia unfavourable throughout (invasion,
//! aggression, sanctions); Ukraine favourable (support, backing); Zelenskyy
//! backed in paragraph 2; Trump portrayed critically in paragraphs 10-11
//! (balks, echoing Russian arguments, mocking Zelenskyy); Macron and Starmer
//! favourable. Paragraph numbers below are 0-based.

mod golden;

use golden::{cell, mentions};
use slant_core::{Config, Label, Report, analyze};

const SEED: &str = include_str!("../../../seeds/macron-starmer-white-house.txt");

fn report() -> Report {
    analyze(SEED, &Config::default())
}

#[test]
fn eighteen_paragraphs() {
    assert_eq!(report().paragraphs.len(), 18);
}

#[test]
fn the_actors_a_reader_sees() {
    let r = report();
    for id in [
        "ukraine",
        "russia",
        "donald-trump",
        "europe",
        "emmanuel-macron",
        "united-kingdom",
        "united-states",
        "keir-starmer",
        "volodymyr-zelenskyy",
        "france",
        "vladimir-putin",
        "gerard-araud",
        "bridget-phillipson",
        "roman-abramovich",
        "olaf-scholz",
        "eu",
        "nato",
        "bbc",
        "le-point",
        "bruegel",
        "kiel-institute-for-the-world-economy",
    ] {
        assert!(
            r.actor(id).is_some(),
            "{id} missing from {:?}",
            r.actors.iter().map(|a| &a.id).collect::<Vec<_>>()
        );
    }
    // The most mentioned come first; Trump's pronouns ("his previous
    // mandate", "demonstrate to him", "I will tell him") put him before Russia.
    let top: Vec<&str> = r.actors.iter().take(3).map(|a| a.id.as_str()).collect();
    assert_eq!(top, ["ukraine", "donald-trump", "russia"]);
}

#[test]
fn mention_counts() {
    let r = report();
    let count = |id: &str| r.actor(id).map_or(0, |a| a.mentions.len());
    assert_eq!(count("ukraine"), 19);
    assert_eq!(count("russia"), 14);
    // Pronouns count like names: Trump's "his", "him", "him" (paragraphs 9,
    // 10, 13), Macron's "his meeting", Zelenskyy's "his US counterpart" and
    // "his previous career". "In his first meeting with Mr Trump, Mr Starmer"
    // points forward and stays unresolved.
    assert_eq!(count("donald-trump"), 16);
    assert_eq!(count("emmanuel-macron"), 12);
    assert_eq!(count("keir-starmer"), 6);
    assert_eq!(count("volodymyr-zelenskyy"), 6);
    assert_eq!(count("gerard-araud"), 2);
    assert_eq!(count("bridget-phillipson"), 2);
}

#[test]
fn aliases_titles_and_roles_join_their_person() {
    let r = report();
    let trump = mentions(&r, "donald-trump");
    for form in [
        "US President Donald Trump",
        "Mr Trump",
        "Trump",
        "US President",
        "US counterpart",
    ] {
        assert!(trump.iter().any(|m| m == form), "{form} not in {trump:?}");
    }
    let macron = mentions(&r, "emmanuel-macron");
    for form in ["Emmanuel Macron", "Mr Macron", "French President", "French leader"] {
        assert!(macron.iter().any(|m| m == form), "{form} not in {macron:?}");
    }
    let starmer = mentions(&r, "keir-starmer");
    for form in ["Keir Starmer", "Mr Starmer", "UK Prime Minister", "Prime Minister"] {
        assert!(starmer.iter().any(|m| m == form), "{form} not in {starmer:?}");
    }
    let zelenskyy = mentions(&r, "volodymyr-zelenskyy");
    assert!(
        zelenskyy.iter().any(|m| m == "Ukrainian president Volodymyr Zelenskyy"),
        "{zelenskyy:?}"
    );
    assert!(zelenskyy.iter().any(|m| m == "Ukrainian leader"), "{zelenskyy:?}");
    assert_eq!(
        mentions(&r, "bridget-phillipson"),
        ["UK Education Secretary Bridget Phillipson", "Ms Phillipson"]
    );
    assert_eq!(mentions(&r, "gerard-araud"), ["Gerard Araud", "Mr Araud"]);
    let russia = mentions(&r, "russia");
    for form in ["Russia", "Russian", "Moscow", "Kremlin"] {
        assert!(russia.iter().any(|m| m == form), "{form} not in {russia:?}");
    }
    let uk = mentions(&r, "united-kingdom");
    for form in ["Britain", "UK", "No 10", "No 10 Downing Street", "British"] {
        assert!(uk.iter().any(|m| m == form), "{form} not in {uk:?}");
    }
    assert!(mentions(&r, "ukraine").iter().any(|m| m == "Kyiv"));
    assert!(mentions(&r, "france").iter().any(|m| m == "Elysee"));
}

#[test]
fn russia_is_unfavourable_throughout() {
    let r = report();
    assert!(r.actor("russia").unwrap().score < -0.3);
    assert_eq!(r.actor("russia").unwrap().label, Label::Negative);
    // Moscow's invasion, Russian aggression, sanctions and pressure, existential threat.
    for p in [2, 3, 4, 5, 6, 15] {
        assert!(cell(&r, p, "russia") < 0.0, "paragraph {p}: {}", cell(&r, p, "russia"));
    }
    // Nowhere is Russia favourable.
    let russia = r.actor_index("russia").unwrap();
    assert!(r.cells.iter().filter(|c| c.actor == russia).all(|c| c.score <= 0.0));
}

#[test]
fn ukraine_is_favourable() {
    let r = report();
    let ukraine = r.actor("ukraine").unwrap();
    assert!(ukraine.score > 0.2, "{}", ukraine.score);
    assert_eq!(ukraine.label, Label::Positive);
    // Support for Kyiv, backing Ukraine, the UK's commitment to support Ukraine.
    for p in [2, 3, 5] {
        assert!(cell(&r, p, "ukraine") > 0.3, "paragraph {p}");
    }
}

#[test]
fn zelenskyy_is_backed_in_paragraph_two() {
    assert!(cell(&report(), 1, "volodymyr-zelenskyy") > 0.3);
}

#[test]
fn trump_is_portrayed_critically_in_paragraphs_ten_and_eleven() {
    let r = report();
    assert!(cell(&r, 9, "donald-trump") < 0.0, "balks");
    assert!(
        cell(&r, 10, "donald-trump") < -0.3,
        "disinformation bubble, mocking Zelenskyy"
    );
    assert_eq!(r.actor("donald-trump").unwrap().label, Label::Negative);
}

#[test]
fn macron_and_starmer_are_favourable() {
    let r = report();
    assert!(r.actor("emmanuel-macron").unwrap().score > 0.3);
    assert!(r.actor("keir-starmer").unwrap().score > 0.0);
    assert!(
        cell(&r, 3, "keir-starmer") > 0.3 && cell(&r, 3, "emmanuel-macron") > 0.3,
        "united leadership in backing Ukraine"
    );
}

#[test]
fn every_score_is_explained_by_its_evidence() {
    let r = report();
    for c in &r.cells {
        let pos: f32 = c.evidence.iter().filter(|e| e.weight > 0.0).map(|e| e.weight).sum();
        let neg: f32 = -c
            .evidence
            .iter()
            .filter(|e| e.weight < 0.0)
            .map(|e| e.weight)
            .sum::<f32>();
        assert!(
            (pos - c.positive).abs() < 1e-2 && (neg - c.negative).abs() < 1e-2,
            "{c:?}"
        );
        let expected = (pos - neg) / (pos + neg + Config::default().smoothing);
        assert!((expected - c.score).abs() < 1e-2, "{} vs {}", expected, c.score);
    }
}

#[test]
fn who_says_what_about_whom() {
    let r = report();
    let name = |i: usize| r.actors[i].id.as_str();
    // "After the Ukrainian leader said Mr Trump lived in a 'disinformation bubble'".
    assert!(
        r.relations
            .iter()
            .any(|x| name(x.speaker) == "volodymyr-zelenskyy" && name(x.target) == "donald-trump" && x.score < 0.0),
        "{:?}",
        r.relations
    );
    // No 10's statement about the UK's commitment to support Ukraine.
    assert!(
        r.relations
            .iter()
            .any(|x| name(x.speaker) == "united-kingdom" && name(x.target) == "ukraine" && x.score > 0.0)
    );
}
