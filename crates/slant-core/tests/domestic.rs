//! Golden tests on a domestic-politics article written for issue 10
//! (tests/fixtures/domestic-politics.txt): parties and chambers, long titles,
//! pronouns, a spokesperson, definite descriptions and "according to".
//!
//! What a careful reader marks (23 mentions): Thune 5 (his titled name, "Mr
//! Thune", "he told reporters", "His spokesman", "the leader"), Jeffries 5
//! (titled name, "He said", "joined him", "Mr Jeffries", "his courage"), the
//! Democrats 3 ("House Democrats", "Democratic senators", "talks with
//! Democrats"), the Senate 2, the Supreme Court 2 ("the court"), the CBO 2
//! ("the agency"), Warren 2 ("She"), the Republicans 2. The engine finds all
//! 23 ("the leader" through the title "Senate Majority Leader" the article
//! gave Thune) and one more, "House" in "House Democrats", that the reader
//! does not mark.
//!
//! Stance a careful reader sees: Thune favourable in paragraphs 2 and 4 (a
//! hard-won victory; a conciliatory tone, a good bill); Jeffries favourable in
//! the last (praised for his courage); Jeffries speaks against the
//! Republicans. Cells the reader calls neutral but the engine does not are
//! listed at the end, not asserted.

mod golden;

use golden::{cell, mentions};
use slant_core::{Config, MentionKind, Report, SpeechKind, analyze};

const ARTICLE: &str = include_str!("../../../tests/fixtures/domestic-politics.txt");

fn report() -> Report {
    analyze(ARTICLE, &Config::default())
}

#[test]
fn the_actors_a_reader_sees() {
    let r = report();
    let mut ids: Vec<&str> = r.actors.iter().map(|a| a.id.as_str()).collect();
    ids.sort_unstable();
    assert_eq!(
        ids,
        [
            "congressional-budget-office",
            "elizabeth-warren",
            "hakeem-jeffries",
            "john-thune",
            "us-democratic-party",
            "us-house",
            "us-republican-party",
            "us-senate",
            "us-supreme-court",
        ]
    );
}

#[test]
fn long_titles_stay_in_the_mention() {
    let r = report();
    assert_eq!(mentions(&r, "john-thune")[0], "Senate Majority Leader John Thune");
    assert_eq!(
        mentions(&r, "hakeem-jeffries")[0],
        "House Minority Leader Hakeem Jeffries"
    );
    assert_eq!(mentions(&r, "elizabeth-warren")[0], "Senator Elizabeth Warren");
}

#[test]
fn mention_counts() {
    let r = report();
    let count = |id: &str| r.actor(id).map_or(0, |a| a.mentions.len());
    assert_eq!(count("john-thune"), 5);
    assert_eq!(count("hakeem-jeffries"), 5);
    assert_eq!(count("us-democratic-party"), 3);
    assert_eq!(count("us-senate"), 2);
    assert_eq!(count("us-supreme-court"), 2);
    assert_eq!(count("congressional-budget-office"), 2);
    assert_eq!(count("elizabeth-warren"), 2);
    assert_eq!(count("us-republican-party"), 2);
    assert_eq!(count("us-house"), 1);
}

#[test]
fn pronouns_resolve_to_the_right_person() {
    let r = report();
    assert_eq!(
        mentions(&r, "hakeem-jeffries"),
        [
            "House Minority Leader Hakeem Jeffries",
            "He",
            "him",
            "Mr Jeffries",
            "his"
        ]
    );
    assert_eq!(
        mentions(&r, "john-thune"),
        ["Senate Majority Leader John Thune", "Mr Thune", "he", "His", "leader"]
    );
    assert_eq!(mentions(&r, "elizabeth-warren"), ["Senator Elizabeth Warren", "She"]);
    let pronouns = r
        .actors
        .iter()
        .flat_map(|a| &a.mentions)
        .filter(|m| m.kind == MentionKind::Pronoun)
        .count();
    assert_eq!(pronouns, 6);
}

#[test]
fn descriptions_refer_back() {
    let r = report();
    assert_eq!(mentions(&r, "us-supreme-court"), ["Supreme Court", "court"]);
    assert_eq!(
        mentions(&r, "congressional-budget-office"),
        ["Congressional Budget Office", "agency"]
    );
}

#[test]
fn parties_and_members_adjectives() {
    let r = report();
    assert_eq!(
        mentions(&r, "us-democratic-party"),
        ["Democrats", "Democratic", "Democrats"]
    );
    assert_eq!(mentions(&r, "us-senate"), ["Senate", "Senate"]);
}

#[test]
fn the_cells_a_reader_sees() {
    let r = report();
    assert!(cell(&r, 1, "john-thune") > 0.3, "a hard-won victory");
    assert!(cell(&r, 3, "john-thune") > 0.3, "a conciliatory tone, a good bill");
    assert!(cell(&r, 5, "hakeem-jeffries") > 0.3, "praised for his courage");
    // Three mentions of Jeffries in paragraph 3: his name, "He", "him".
    let jeffries = r.actor_index("hakeem-jeffries").unwrap();
    assert_eq!(r.cell(2, jeffries).unwrap().mentions, 3);
    // Not asserted, where the engine and a careful reader differ: the reader
    // sees Jeffries (paragraph 3), the Senate (paragraph 2) and the CBO
    // (paragraph 5) as neutral; the engine gives them the negative words
    // they say or stand next to ("reckless", "bitter", "warned").
}

#[test]
fn who_says_what_about_whom() {
    let r = report();
    let lines: Vec<(&str, &str, SpeechKind)> = r
        .relations
        .iter()
        .map(|x| (r.actors[x.speaker].id.as_str(), r.actors[x.target].id.as_str(), x.kind))
        .collect();
    // "He said Republicans had betrayed millions of families": one line, spoken by Jeffries.
    assert_eq!(
        lines,
        [("hakeem-jeffries", "us-republican-party", SpeechKind::Reported)]
    );
    assert!(r.relations[0].score < 0.0);
}
