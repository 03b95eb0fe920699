//! Golden tests of `slant_core::compare` on two articles about one event
//! (`tests/fixtures/compare/`): a UK-France fisheries deal, hailed as a
//! "landmark" by outlet A and called "flawed, watered-down" by outlet B.
//!
//! What a careful reader sees: both articles carry the same wire paragraph
//! (A's fourth, B's third; A writes "countries’", B "countries'"); A quotes
//! Keir Starmer praising France, B quotes a fishing leader, Marie Leclerc,
//! accusing Macron of betrayal; only A mentions the EU and only B Norway.
//! Starmer and Macron are favourable in A and unfavourable in B; Britain and
//! France too once the wire paragraph, which reads favourably, is counted
//! in A only. Paragraph and article numbers below are 0-based.

use slant_core::compare::{ActorRow, Comparison, compare};
use slant_core::{Config, Report, analyze};

const A: &str = include_str!("fixtures/compare/outlet-a.txt");
const B: &str = include_str!("fixtures/compare/outlet-b.txt");

fn reports() -> (Report, Report) {
    let config = Config::default();
    (analyze(A, &config), analyze(B, &config))
}

fn comparison() -> Comparison {
    let (a, b) = reports();
    compare(&[("The Courier", &a), ("Harbour Post", &b)], &Config::default())
}

fn row<'a>(c: &'a Comparison, id: &str) -> &'a ActorRow {
    c.actors
        .iter()
        .find(|r| r.id == id)
        .unwrap_or_else(|| panic!("{id} not compared"))
}

fn words(c: &Comparison, id: &str, article: usize) -> Vec<(String, f32)> {
    c.word_choice
        .iter()
        .find(|w| w.actor == id && w.article == article)
        .map(|w| w.words.iter().map(|x| (x.word.clone(), x.weight)).collect())
        .unwrap_or_default()
}

#[test]
fn articles_are_summarised_with_their_labels() {
    let c = comparison();
    let labels: Vec<&str> = c.articles.iter().map(|a| a.label.as_str()).collect();
    assert_eq!(labels, ["The Courier", "Harbour Post"]);
    assert_eq!(c.articles[0].paragraphs, 6);
    assert_eq!(c.articles[1].paragraphs, 6);
    let (a, b) = reports();
    assert_eq!(c.articles[0].words, a.stats.words);
    assert_eq!(c.articles[1].words, b.stats.words);
}

#[test]
fn actors_are_matched_across_articles() {
    let c = comparison();
    for (id, mentioned) in [
        ("united-kingdom", [true, true]),
        ("france", [true, true]),
        ("keir-starmer", [true, true]),
        ("emmanuel-macron", [true, true]),
        ("eu", [true, false]),
        ("marie-leclerc", [false, true]),
        ("norway", [false, true]),
    ] {
        let r = row(&c, id);
        let present: Vec<bool> = r.mentions.iter().map(|&n| n > 0).collect();
        assert_eq!(present, mentioned, "{id}: {:?}", r.mentions);
        assert_eq!(
            r.own_scores.iter().map(Option::is_some).collect::<Vec<_>>(),
            mentioned,
            "{id}"
        );
    }
    assert_eq!(
        row(&c, "keir-starmer").mentions,
        [2, 1],
        "“Mr Starmer” in A is Keir Starmer"
    );
    assert_eq!(row(&c, "marie-leclerc").name, "Marie Leclerc");
    let mut ids: Vec<&str> = c.actors.iter().map(|r| r.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), c.actors.len(), "one row per actor");
}

#[test]
fn the_wire_paragraph_is_shared_and_counted_once() {
    let c = comparison();
    assert_eq!(c.shared_paragraphs.len(), 1, "{:?}", c.shared_paragraphs);
    let s = &c.shared_paragraphs[0];
    assert_eq!((s.articles, s.paragraphs, s.similarity), ([0, 1], [3, 2], 1.0));
    assert!(c.articles[0].counted_elsewhere.is_empty());
    assert_eq!(c.articles[1].counted_elsewhere, [2]);

    // The wire paragraph is favourable to Britain and France ("protect");
    // counted in A only, B's own angle on them is plainly unfavourable.
    let (_, b) = reports();
    for id in ["united-kingdom", "france"] {
        let r = row(&c, id);
        let own = r.own_scores[1].unwrap();
        let counted = r.scores[1].unwrap();
        let k = b.actor_index(id).unwrap();
        let first = b.cell(1, k).unwrap().score;
        assert!(counted < own, "{id}: {counted} vs {own}");
        assert!((counted - first).abs() < 1e-3, "{id}: only B's first paragraph counts");
        assert!(counted < -0.3 && r.scores[0].unwrap() > 0.3, "{id}: {:?}", r.scores);
        assert_eq!(r.scores[0], r.own_scores[0], "{id}: A keeps everything");
    }
}

#[test]
fn rows_are_sorted_by_the_largest_difference() {
    let c = comparison();
    assert_eq!(c.actors[0].id, "keir-starmer");
    let starmer = &c.actors[0];
    assert!(starmer.scores[0].unwrap() > 0.5 && starmer.scores[1].unwrap() < -0.5);
    let macron = row(&c, "emmanuel-macron");
    assert!(macron.scores[0].unwrap() > 0.3 && macron.scores[1].unwrap() < -0.3);
    let diffs: Vec<f32> = c.actors.iter().map_while(|r| r.difference).collect();
    assert_eq!(diffs.len(), 4, "four actors are in both articles");
    assert!(diffs.windows(2).all(|w| w[0] >= w[1]), "{diffs:?}");
    assert!(c.actors[4..].iter().all(|r| r.difference.is_none()));
}

#[test]
fn omissions_name_actors_and_voices_left_out() {
    let c = comparison();
    let find = |id: &str| {
        c.omissions
            .iter()
            .find(|o| o.actor == id)
            .unwrap_or_else(|| panic!("{id} is not an omission"))
    };
    let eu = find("eu");
    assert_eq!(
        (eu.present_in.as_slice(), eu.absent_from.as_slice()),
        (&[0][..], &[1][..])
    );
    let norway = find("norway");
    assert_eq!(
        (norway.present_in.as_slice(), norway.absent_from.as_slice()),
        (&[1][..], &[0][..])
    );
    // The fishing leader speaks in B, and A leaves her out altogether.
    let leclerc = find("marie-leclerc");
    assert_eq!(
        (leclerc.present_in.as_slice(), leclerc.absent_from.as_slice()),
        (&[1][..], &[0][..])
    );
    assert_eq!(
        (leclerc.quoted_in.as_slice(), leclerc.not_quoted_in.as_slice()),
        (&[1][..], &[0][..])
    );
    // Starmer is in both, but only A gives him a voice.
    let starmer = find("keir-starmer");
    assert_eq!(starmer.present_in, [0, 1]);
    assert!(starmer.absent_from.is_empty());
    assert_eq!(
        (starmer.quoted_in.as_slice(), starmer.not_quoted_in.as_slice()),
        (&[0][..], &[1][..])
    );
    // Actors both articles mention and neither quotes are not omissions.
    for id in ["united-kingdom", "france", "emmanuel-macron"] {
        assert!(c.omissions.iter().all(|o| o.actor != id), "{id}");
    }
}

#[test]
fn word_choice_contrasts_the_two_angles() {
    let c = comparison();
    let has = |list: &[(String, f32)], word: &str, positive: bool| {
        list.iter().any(|(w, weight)| w == word && (*weight > 0.0) == positive)
    };
    for id in ["united-kingdom", "france"] {
        let a = words(&c, id, 0);
        let b = words(&c, id, 1);
        assert!(has(&a, "landmark", true), "{id} in A: {a:?}");
        assert!(has(&b, "flawed", false), "{id} in B: {b:?}");
        // The wire paragraph's words are in both: nobody's choice.
        for list in [&a, &b] {
            assert!(
                list.iter().all(|(w, _)| w != "protect" && w != "create"),
                "{id}: {list:?}"
            );
        }
    }
    let a = words(&c, "keir-starmer", 0);
    let b = words(&c, "keir-starmer", 1);
    // "Starmer hailed the deal": hailing is his act, not praise of him; the
    // deal's "historic success" is his framing and carries his score.
    assert!(!has(&a, "hailed", true) && has(&a, "success", true), "{a:?}");
    assert!(has(&b, "feeble", false) && has(&b, "chaotic", false), "{b:?}");
    assert!(has(&words(&c, "emmanuel-macron", 1), "betrayed", false));
    for w in &c.word_choice {
        assert!(w.words.windows(2).all(|p| p[0].weight.abs() >= p[1].weight.abs()));
    }
    // Actors in one article only have no word choice.
    assert!(
        c.word_choice
            .iter()
            .all(|w| !["eu", "norway", "marie-leclerc"].contains(&w.actor.as_str()))
    );
}

#[test]
fn json_has_the_documented_shape() {
    let json = serde_json::to_string(&comparison()).unwrap();
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let at: Vec<usize> = ["articles", "actors", "omissions", "shared_paragraphs", "word_choice"]
        .iter()
        .map(|k| json.find(&format!("\"{k}\":")).unwrap_or_else(|| panic!("no {k}")))
        .collect();
    assert_eq!(at[0], 1, "articles first");
    assert!(at.is_sorted(), "in the documented order: {at:?}");
    assert_eq!(value.as_object().unwrap().len(), 5);
    let article = &value["articles"][0];
    assert_eq!(article["label"], "The Courier");
    assert_eq!(article["paragraphs"], 6);
    let leclerc = value["actors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == "marie-leclerc")
        .unwrap();
    assert_eq!(leclerc["name"], "Marie Leclerc");
    assert_eq!(leclerc["kind"], "person");
    assert_eq!(leclerc["scores"][0], serde_json::Value::Null);
    assert_eq!(leclerc["mentions"], serde_json::json!([0, 1]));
    assert!(
        leclerc.get("index").is_none(),
        "indices into reports stay out of the JSON"
    );
    assert_eq!(
        value["shared_paragraphs"][0],
        serde_json::json!({"articles": [0, 1], "paragraphs": [3, 2], "similarity": 1.0})
    );
    let choice = &value["word_choice"][0];
    assert!(choice["actor"].is_string() && choice["article"].is_u64() && choice["words"][0]["word"].is_string());
}

#[test]
fn the_order_of_articles_decides_where_shared_copy_counts() {
    let (a, b) = reports();
    let config = Config::default();
    let c = compare(&[("B", &b), ("A", &a)], &config);
    assert_eq!(c.shared_paragraphs[0].articles, [0, 1]);
    assert_eq!(c.shared_paragraphs[0].paragraphs, [2, 3]);
    assert_eq!(c.articles[1].counted_elsewhere, [3]);
    // B now keeps its copy: its own score.
    let france = row(&c, "france");
    assert_eq!(france.scores[0], france.own_scores[0]);
}
