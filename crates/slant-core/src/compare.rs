//! Comparing coverage: how several articles on one event treat the same
//! actors, side by side.
//!
//! The caller analyses every article with the same [`Config`] (so an actor
//! edit applies everywhere) and hands the reports to [`compare`], which
//! returns a [`Comparison`]:
//! - one row per actor of any article, matched across articles by id
//!   (gazetteer ids, discovered names' slugs), with each article's score and
//!   mention count, and the difference between the articles;
//! - shared copy: paragraphs that appear in two articles (wire copy,
//!   press-release text), the same words or nearly, marked in both and
//!   counted once, in the first article that has them;
//! - omissions: actors, and speakers, that one article covers and another
//!   leaves out;
//! - word choice: the evidence words that carry an actor's score in one
//!   article and in no other.
//!
//! This module owns matching, shared-copy detection and the comparison's
//! serialised shape. It must not analyse text or recompute attribution: it
//! reads the reports' recorded cells, evidence and relations, and re-sums
//! the cells' masses only to leave shared copy out. It never panics, even on
//! a hand-made report whose indices or spans do not fit.
//!
//! ```
//! use slant_core::{Config, analyze, compare::compare};
//!
//! let config = Config::default();
//! let a = analyze("Russia attacked Ukraine.", &config);
//! let b = analyze("Ukraine praised France.", &config);
//! let comparison = compare(&[("Outlet A", &a), ("Outlet B", &b)], &config);
//! let ukraine = comparison.actors.iter().find(|row| row.id == "ukraine").unwrap();
//! assert_eq!(ukraine.mentions, [1, 1]);
//! let russia = comparison.omissions.iter().find(|o| o.actor == "russia").unwrap();
//! assert_eq!((russia.present_in.as_slice(), russia.absent_from.as_slice()), (&[0][..], &[1][..]));
//! ```

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::actors::{ActorKind, Origin};
use crate::config::Config;
use crate::report::{Mass, Report};

/// The most articles the app compares (and `slant compare` accepts): a
/// table of eight columns is still readable on a laptop; [`compare`] itself
/// takes any number.
pub const MAX_ARTICLES: usize = 8;

/// Words per shingle when looking for nearly identical paragraphs. Three
/// words is the usual choice for near-duplicate detection of short texts
/// (Broder 1997 used word shingles; for paragraphs of 20-100 words, longer
/// shingles make one changed word cost too much, shorter ones match
/// unrelated paragraphs through common phrases).
pub const SHINGLE_WORDS: usize = 3;

/// Two paragraphs are the same copy when the Jaccard similarity of their
/// shingle sets reaches this. At 0.8 a 40-word wire paragraph stays shared
/// after an outlet edits one or two words (one changed word removes up to
/// three of 38 shingles from each side: similarity 35/41, about 0.85),
/// while two paragraphs that merely report the same facts in their own
/// words fall far below it. A short paragraph must match more closely: at
/// 22 words one changed word gives 17/23, about 0.74.
pub const NEAR_DUPLICATE: f32 = 0.8;

/// Paragraphs shorter than this many words are never shared copy: headlines,
/// datelines and one-line paragraphs ("He declined to comment.") recur
/// across unrelated articles, and marking them would be noise.
pub const MIN_SHARED_WORDS: usize = 8;

/// How many distinctive words [`WordChoice`] lists per actor and article.
pub const WORD_CHOICE_TOP: usize = 8;

/// A prefix shingle (see `prefix_len`) found in more paragraphs than this
/// is boilerplate ("according to a", "said in a statement"): it is left out
/// of the candidate search, which keeps that search bounded. Candidates are
/// then checked on all their shingles, so the similarity itself is exact.
const POSTING_CAP: usize = 32;

/// How many candidate paragraphs per earlier article the near-duplicate
/// search checks exactly, those sharing the most prefix shingles first.
const CANDIDATES: usize = 4;

/// The comparison of several reports. Its JSON is what `slant compare
/// --format json` writes and what the app exports; the app's worker sends
/// it to the page in that form too (with `index` beside it), hence `Deserialize`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// In the order given.
    pub articles: Vec<ArticleSummary>,
    /// Largest difference first (actors scored in fewer than two articles
    /// last), then most mentioned, then first appearance.
    pub actors: Vec<ActorRow>,
    /// In the order of `actors`.
    pub omissions: Vec<Omission>,
    /// By the later article, then its paragraph, then the earlier article.
    pub shared_paragraphs: Vec<SharedParagraph>,
    /// In the order of `actors`, then by article.
    pub word_choice: Vec<WordChoice>,
}

/// One article of a comparison.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ArticleSummary {
    pub label: String,
    /// Number of paragraphs.
    pub paragraphs: usize,
    /// Number of words.
    pub words: usize,
    /// Paragraphs (0-based, ascending) that are shared copy already counted
    /// in an earlier article, and so left out of this article's `scores`.
    pub counted_elsewhere: Vec<usize>,
}

/// One actor across the articles. Every list has one entry per article.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ActorRow {
    pub id: String,
    /// As the first article that names it by this id has it.
    pub name: String,
    pub kind: ActorKind,
    /// The article's score toward the actor with shared copy counted once:
    /// `None` when the article never mentions the actor, or mentions it only
    /// in shared copy counted in an earlier article.
    pub scores: Vec<Option<f32>>,
    /// The article's score on its own, as its single-article view shows it;
    /// `None` when the article never mentions the actor.
    pub own_scores: Vec<Option<f32>>,
    /// Mentions in each article (0 when absent).
    pub mentions: Vec<usize>,
    /// The largest minus the smallest of `scores`, when at least two
    /// articles have one.
    pub difference: Option<f32>,
    /// The actor's index in each report's `actors`, for finding its cells.
    #[serde(skip)]
    pub index: Vec<Option<usize>>,
}

/// An actor, or a speaker, that some articles cover and others leave out.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Omission {
    /// The actor's id.
    pub actor: String,
    pub name: String,
    /// Articles that mention the actor.
    pub present_in: Vec<usize>,
    /// Articles that never mention it.
    pub absent_from: Vec<usize>,
    /// Articles where the actor speaks: quoted, or reported as saying
    /// something about another actor (the report's relations).
    pub quoted_in: Vec<usize>,
    /// Articles where it does not speak, whether they mention it or not.
    /// Listed only when `quoted_in` is not empty.
    pub not_quoted_in: Vec<usize>,
}

/// A paragraph that appears in two articles.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SharedParagraph {
    /// The earlier article first.
    pub articles: [usize; 2],
    /// The paragraph in each, 0-based.
    pub paragraphs: [usize; 2],
    /// The Jaccard similarity of their word 3-shingles, 1 when they are the
    /// same words after normalising case, whitespace, quotes and apostrophes.
    pub similarity: f32,
}

/// The words that carry an actor's score in one article and in no other
/// article that mentions the actor.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WordChoice {
    /// The actor's id.
    pub actor: String,
    pub article: usize,
    /// Strongest first, at most [`WORD_CHOICE_TOP`].
    pub words: Vec<ChosenWord>,
}

/// An evidence word (or phrase) with its summed signed weight toward the actor.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChosenWord {
    /// Lowercased, whitespace and apostrophes normalised.
    pub word: String,
    pub weight: f32,
    /// How many pieces of evidence it is.
    pub count: usize,
}

/// Compares `articles`, each a label and the report of one article analysed
/// with `config` (whose smoothing the counted-once scores use).
pub fn compare(articles: &[(&str, &Report)], config: &Config) -> Comparison {
    let reports: Vec<&Report> = articles.iter().map(|&(_, r)| r).collect();
    let shared = shared_paragraphs(&reports);
    let mut counted_elsewhere: Vec<Vec<usize>> = vec![Vec::new(); reports.len()];
    for s in &shared {
        counted_elsewhere[s.articles[1]].push(s.paragraphs[1]);
    }
    for list in &mut counted_elsewhere {
        crate::sort::sort(list);
        list.dedup();
    }

    let counted: Vec<Vec<Counted>> = reports
        .iter()
        .zip(&counted_elsewhere)
        .map(|(report, skip)| counted_masses(report, skip))
        .collect();
    let mut rows = match_actors(&reports);
    for row in &mut rows {
        for (a, report) in reports.iter().enumerate() {
            let actor = row.index[a].and_then(|k| report.actors.get(k));
            row.mentions.push(actor.map_or(0, |x| x.mentions.len()));
            row.own_scores
                .push(actor.filter(|x| !x.mentions.is_empty()).map(|x| x.score));
            let score = match (row.index[a].and_then(|k| counted[a].get(k)), row.own_scores[a]) {
                (Some(c), Some(own)) => c.score(own, config),
                _ => None,
            };
            row.scores.push(score);
        }
        let present: Vec<f32> = row.scores.iter().flatten().copied().collect();
        if present.len() >= 2 {
            let max = present.iter().copied().fold(f32::MIN, f32::max);
            let min = present.iter().copied().fold(f32::MAX, f32::min);
            row.difference = Some(r4(max - min));
        }
    }
    // Rows come in order of first appearance; the sort is stable.
    crate::sort::sort_by(&mut rows, |a, b| {
        let diff = |r: &ActorRow| r.difference.unwrap_or(-1.0);
        diff(b)
            .total_cmp(&diff(a))
            .then(b.mentions.iter().sum::<usize>().cmp(&a.mentions.iter().sum::<usize>()))
    });

    let omissions = omissions(&reports, &rows);
    let word_choice = word_choice(&reports, &rows);
    Comparison {
        articles: articles
            .iter()
            .zip(counted_elsewhere)
            .map(|(&(label, report), counted_elsewhere)| ArticleSummary {
                label: label.to_string(),
                paragraphs: report.paragraphs.len(),
                words: report.stats.words,
                counted_elsewhere,
            })
            .collect(),
        actors: rows,
        omissions,
        shared_paragraphs: shared,
        word_choice,
    }
}

impl Comparison {
    /// The paragraphs of other articles that paragraph `paragraph` of
    /// article `article` shares copy with, as (article, paragraph).
    pub fn shared_with(&self, article: usize, paragraph: usize) -> Vec<(usize, usize)> {
        self.shared_paragraphs
            .iter()
            .filter_map(|s| {
                if (s.articles[0], s.paragraphs[0]) == (article, paragraph) {
                    Some((s.articles[1], s.paragraphs[1]))
                } else if (s.articles[1], s.paragraphs[1]) == (article, paragraph) {
                    Some((s.articles[0], s.paragraphs[0]))
                } else {
                    None
                }
            })
            .collect()
    }

    /// Whether paragraph `paragraph` of article `article` counts in the
    /// comparison's scores (it is not shared copy counted earlier).
    pub fn counts(&self, article: usize, paragraph: usize) -> bool {
        self.articles
            .get(article)
            .is_none_or(|a| a.counted_elsewhere.binary_search(&paragraph).is_err())
    }
}

/// Rounds as the report does: four decimals.
fn r4(x: f32) -> f32 {
    (x * 10_000.0).round() / 10_000.0
}

// Matching actors.

/// One row per actor id over all reports, in order of first appearance
/// (article, then the report's own order), with `index` filled in.
fn match_actors(reports: &[&Report]) -> Vec<ActorRow> {
    let bridge = surname_bridge(reports);
    let mut rows: Vec<ActorRow> = Vec::new();
    // Whether the row's name came from an actor with the row's own id.
    let mut named_by_id: Vec<bool> = Vec::new();
    let mut row_of: FxHashMap<String, usize> = FxHashMap::default();
    for (a, report) in reports.iter().enumerate() {
        for (k, actor) in report.actors.iter().enumerate() {
            let id = bridge
                .binary_search_by(|&(surname, _)| surname.cmp(actor.id.as_str()))
                .map_or(actor.id.as_str(), |i| bridge[i].1);
            let row = match row_of.get(id) {
                Some(&row) => row,
                None => {
                    row_of.insert(id.to_string(), rows.len());
                    rows.push(ActorRow {
                        id: id.to_string(),
                        name: actor.name.clone(),
                        kind: actor.kind,
                        index: vec![None; reports.len()],
                        ..ActorRow::default()
                    });
                    named_by_id.push(id == actor.id);
                    rows.len() - 1
                }
            };
            if !named_by_id[row] && id == actor.id {
                rows[row].name = actor.name.clone();
                named_by_id[row] = true;
            }
            // Two actors of one report under one id (a surname and a full
            // name the engine kept apart): the first, most mentioned, stands.
            if rows[row].index[a].is_none() {
                rows[row].index[a] = Some(k);
            }
        }
    }
    rows
}

/// Discovered surnames matched to the one full name that ends with them in
/// the other articles: "Mr Harlow" in one article, "Daniel Harlow" in
/// another, both the person `daniel-harlow`. Like the engine's own surname
/// rule within an article, a surname that fits two full names, or none, is
/// left alone rather than guessed.
///
/// The bridge is sorted by surname, one entry each (sorted vectors rather
/// than maps: less code in the page's WebAssembly).
fn surname_bridge<'r>(reports: &[&'r Report]) -> Vec<(&'r str, &'r str)> {
    // (surname, full id), sorted and deduplicated.
    let mut full_names: Vec<(&str, &str)> = Vec::new();
    for report in reports {
        for actor in &report.actors {
            if actor.kind == ActorKind::Person
                && actor.origin != Origin::Target
                && let Some((_, surname)) = actor.id.rsplit_once('-')
            {
                full_names.push((surname, actor.id.as_str()));
            }
        }
    }
    crate::sort::sort(&mut full_names);
    full_names.dedup();
    let mut bridge = Vec::new();
    for report in reports {
        for actor in &report.actors {
            let id = actor.id.as_str();
            let from = full_names.partition_point(|&(surname, _)| surname < id);
            let to = full_names.partition_point(|&(surname, _)| surname <= id);
            if actor.kind == ActorKind::Person
                && actor.origin == Origin::Discovered
                && !id.contains('-')
                && let [(_, full)] = full_names[from..to]
            {
                bridge.push((id, full));
            }
        }
    }
    crate::sort::sort(&mut bridge);
    bridge.dedup_by(|a, b| a.0 == b.0);
    bridge
}

// Scores with shared copy counted once.

/// An actor's cells in one article, without the shared copy counted earlier.
#[derive(Clone, Copy, Default)]
struct Counted {
    mass: Mass,
    kept: usize,
    skipped: usize,
}

impl Counted {
    /// `own` (the article's score) when no cell was skipped, `None` when
    /// every cell was, else the score of the kept cells' summed masses.
    fn score(self, own: f32, config: &Config) -> Option<f32> {
        match (self.kept, self.skipped) {
            (_, 0) => Some(own),
            (0, _) => None,
            _ => Some(r4(self.mass.score(config.smoothing))),
        }
    }
}

/// Per actor of `report`, its cells' recorded masses outside the paragraphs
/// in `skip` (sorted), in one pass over the cells.
fn counted_masses(report: &Report, skip: &[usize]) -> Vec<Counted> {
    let mut out = vec![Counted::default(); report.actors.len()];
    for cell in &report.cells {
        let Some(c) = out.get_mut(cell.actor) else { continue };
        if skip.binary_search(&cell.paragraph).is_ok() {
            c.skipped += 1;
        } else {
            c.kept += 1;
            c.mass.positive += cell.positive;
            c.mass.negative += cell.negative;
        }
    }
    out
}

// Shared copy.

/// A paragraph's words, lowercased, with curly apostrophes made straight,
/// every other non-alphanumeric character a word break, and the words joined
/// by single spaces: "the same words after normalising whitespace, quotes
/// and case" are the same string. Also the number of words.
fn normalise(text: &str) -> (String, usize) {
    let mut out = String::with_capacity(text.len());
    let mut words = 0;
    let mut in_word = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_alphanumeric() {
            if !in_word {
                if words > 0 {
                    out.push(' ');
                }
                words += 1;
                in_word = true;
            }
            if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
            } else {
                out.extend(crate::lower_char(c));
            }
        } else if in_word && is_apostrophe(c) && chars.peek().is_some_and(|n| n.is_alphanumeric()) {
            // An apostrophe inside a word ("don't", "countries’s") is part of it.
            out.push('\'');
        } else {
            in_word = false;
        }
    }
    (out, words)
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | 'ʼ' | '′' | '`')
}

/// FNV-1a, 64 bits: a hash that is the same on every platform and run, so
/// candidate order never depends on the machine.
fn fnv(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The sorted, deduplicated hashes of the word shingles of a normalised
/// paragraph (words separated by single spaces): each word hashed once,
/// each shingle the FNV-1a of its words' hashes.
fn shingles(normalised: &str) -> Vec<u64> {
    let words: Vec<u64> = normalised
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(|w| fnv(w.as_bytes()))
        .collect();
    let mut out: Vec<u64> = words
        .windows(SHINGLE_WORDS)
        .map(|w| {
            w.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, &x| {
                (h ^ x).wrapping_mul(0x0100_0000_01b3)
            })
        })
        .collect();
    crate::sort::sort(&mut out);
    out.dedup();
    out
}

/// |a ∩ b| / |a ∪ b| of two sorted sets.
fn jaccard(a: &[u64], b: &[u64]) -> f32 {
    let (mut i, mut j, mut both) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                both += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - both;
    if union == 0 { 0.0 } else { both as f32 / union as f32 }
}

/// How many of a set's smallest shingles must be indexed and probed so that
/// any set with Jaccard similarity at least [`NEAR_DUPLICATE`] shares one of
/// them: the prefix filter of Chaudhuri, Ganti and Kaushik (ICDE 2006),
/// `|x| - ceil(t |x|) + 1`, with the shingles in one global order (their
/// hash). It makes the index a fifth of the shingles and loses no pair.
fn prefix_len(n: usize) -> usize {
    let must_share = (NEAR_DUPLICATE * n as f32).ceil() as usize;
    (n + 1).saturating_sub(must_share).min(n)
}

/// Every pair of paragraphs in two different articles that are the same
/// copy, each later paragraph matched to the most similar paragraph of each
/// earlier article. Exact matches go through a hash of the normalised words
/// and near ones through a prefix-filtered index of shingles, so the work
/// grows with the total length of the articles, not with the number of
/// paragraph pairs.
fn shared_paragraphs(reports: &[&Report]) -> Vec<SharedParagraph> {
    struct Para {
        article: usize,
        paragraph: usize,
        key: String,
        shingles: Vec<u64>,
    }
    let mut paras: Vec<Para> = Vec::new();
    for (article, report) in reports.iter().enumerate() {
        for (paragraph, p) in report.paragraphs.iter().enumerate() {
            let text = report.text.get(p.start..p.end).unwrap_or("");
            let (key, words) = normalise(text);
            if words < MIN_SHARED_WORDS {
                continue;
            }
            paras.push(Para {
                article,
                paragraph,
                shingles: shingles(&key),
                key,
            });
        }
    }

    let mut found = Vec::new();
    // Normalised text -> the first paragraph of each article that has it.
    // (A slot in `firsts_of`: the map type is then one the engine has already.)
    let mut exact: FxHashMap<&str, usize> = FxHashMap::default();
    let mut firsts_of: Vec<Vec<usize>> = Vec::new();
    // Prefix shingle -> paragraphs having it, up to POSTING_CAP + 1 of them.
    let mut postings: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
    for (n, para) in paras.iter().enumerate() {
        let mut matched: Vec<usize> = Vec::new();
        let slot = *exact.entry(para.key.as_str()).or_insert_with(|| {
            firsts_of.push(Vec::new());
            firsts_of.len() - 1
        });
        let firsts = &mut firsts_of[slot];
        for &m in firsts.iter() {
            let earlier = &paras[m];
            if earlier.article < para.article {
                matched.push(earlier.article);
                found.push(SharedParagraph {
                    articles: [earlier.article, para.article],
                    paragraphs: [earlier.paragraph, para.paragraph],
                    similarity: 1.0,
                });
            }
        }
        // A repeat within one article is searched for but not indexed again:
        // its first copy stands for it.
        let repeat = firsts.iter().any(|&m| paras[m].article == para.article);
        if !repeat {
            firsts.push(n);
        }

        // Near copies: earlier paragraphs of other articles sharing a prefix shingle.
        let prefix = &para.shingles[..prefix_len(para.shingles.len())];
        let mut overlap: FxHashMap<usize, u32> = FxHashMap::default();
        for s in prefix {
            let list = postings.entry(*s).or_default();
            if list.len() <= POSTING_CAP {
                for &m in list.iter() {
                    let earlier = &paras[m];
                    if earlier.article != para.article && !matched.contains(&earlier.article) {
                        *overlap.entry(m).or_default() += 1;
                    }
                }
                if !repeat {
                    list.push(n);
                }
            }
        }
        // Sizes too far apart cannot reach the threshold: |x ∩ y| <= min, |x ∪ y| >= max.
        let size = para.shingles.len() as f32;
        let mut candidates: Vec<(usize, u32)> = overlap
            .into_iter()
            .filter(|&(m, _)| {
                let other = paras[m].shingles.len() as f32;
                size.min(other) >= NEAR_DUPLICATE * size.max(other)
            })
            .collect();
        // Per earlier article, most shared prefix shingles first, then text order.
        crate::sort::sort_by(&mut candidates, |a, b| {
            paras[a.0]
                .article
                .cmp(&paras[b.0].article)
                .then(b.1.cmp(&a.1))
                .then(a.0.cmp(&b.0))
        });
        let mut i = 0;
        while i < candidates.len() {
            let article = paras[candidates[i].0].article;
            let mut best: Option<(f32, usize)> = None;
            let mut checked = 0;
            while i < candidates.len() && paras[candidates[i].0].article == article {
                if checked < CANDIDATES {
                    checked += 1;
                    let m = candidates[i].0;
                    let similarity = jaccard(&para.shingles, &paras[m].shingles);
                    if similarity >= NEAR_DUPLICATE && best.is_none_or(|(s, _)| similarity > s) {
                        best = Some((similarity, m));
                    }
                }
                i += 1;
            }
            if let Some((similarity, m)) = best {
                found.push(SharedParagraph {
                    articles: [article, para.article],
                    paragraphs: [paras[m].paragraph, para.paragraph],
                    similarity: r4(similarity),
                });
            }
        }
    }
    crate::sort::sort_by_key(&mut found, |s| {
        (s.articles[1], s.paragraphs[1], s.articles[0], s.paragraphs[0])
    });
    found
}

// Omissions.

fn omissions(reports: &[&Report], rows: &[ActorRow]) -> Vec<Omission> {
    // Per article, the report's actor indices that speak in a relation.
    let speakers: Vec<Vec<usize>> = reports
        .iter()
        .map(|r| {
            let mut s: Vec<usize> = r.relations.iter().map(|rel| rel.speaker).collect();
            crate::sort::sort(&mut s);
            s.dedup();
            s
        })
        .collect();
    let mut out = Vec::new();
    for row in rows {
        let (present_in, absent_from): (Vec<usize>, Vec<usize>) =
            (0..reports.len()).partition(|&a| row.mentions[a] > 0);
        let (quoted_in, mut not_quoted_in): (Vec<usize>, Vec<usize>) =
            (0..reports.len()).partition(|&a| row.index[a].is_some_and(|k| speakers[a].binary_search(&k).is_ok()));
        if quoted_in.is_empty() {
            not_quoted_in.clear();
        }
        let left_out = !present_in.is_empty() && !absent_from.is_empty();
        let unheard = !quoted_in.is_empty() && !not_quoted_in.is_empty();
        if left_out || unheard {
            out.push(Omission {
                actor: row.id.clone(),
                name: row.name.clone(),
                present_in,
                absent_from,
                quoted_in,
                not_quoted_in,
            });
        }
    }
    out
}

// Word choice.

/// An evidence text as a word-choice key: lowercased, whitespace collapsed,
/// curly apostrophes straight.
fn word_key(text: &str) -> String {
    let lower: String = text
        .chars()
        .map(|c| if is_apostrophe(c) { '\'' } else { c })
        .flat_map(crate::lower_char)
        .collect();
    lower.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn word_choice(reports: &[&Report], rows: &[ActorRow]) -> Vec<WordChoice> {
    // Per article, per report actor: (word, summed weight, count), sorted by word.
    let mut vocab: Vec<Vec<Vec<(String, f32, usize)>>> = Vec::new();
    for report in reports {
        let mut entries: Vec<Vec<(String, f32)>> = vec![Vec::new(); report.actors.len()];
        for cell in &report.cells {
            let Some(words) = entries.get_mut(cell.actor) else {
                continue;
            };
            for e in &cell.evidence {
                let key = word_key(report.slice(e.words));
                if !key.is_empty() {
                    words.push((key, e.weight));
                }
            }
        }
        let mut per_actor = Vec::with_capacity(entries.len());
        for mut list in entries {
            // Stable: a word's weights are summed in the evidence's order.
            crate::sort::sort_by(&mut list, |x, y| x.0.cmp(&y.0));
            let mut words: Vec<(String, f32, usize)> = Vec::new();
            for (word, weight) in list {
                match words.last_mut() {
                    Some(last) if last.0 == word => {
                        last.1 += weight;
                        last.2 += 1;
                    }
                    _ => words.push((word, 0.0 + weight, 1)),
                }
            }
            per_actor.push(words);
        }
        vocab.push(per_actor);
    }
    let mut out = Vec::new();
    for row in rows {
        let present: Vec<(usize, usize)> = row
            .index
            .iter()
            .enumerate()
            .filter_map(|(a, k)| k.filter(|_| row.mentions[a] > 0).map(|k| (a, k)))
            .collect();
        if present.len() < 2 {
            continue;
        }
        for &(a, k) in &present {
            let Some(mine) = vocab[a].get(k) else { continue };
            let mut words: Vec<ChosenWord> = mine
                .iter()
                .filter(|(word, weight, _)| {
                    weight.abs() >= 1e-4
                        && present.iter().filter(|&&(b, _)| b != a).all(|&(b, j)| {
                            vocab[b]
                                .get(j)
                                .is_none_or(|theirs| theirs.binary_search_by(|w| w.0.cmp(word)).is_err())
                        })
                })
                .map(|&(ref word, weight, count)| ChosenWord {
                    word: word.clone(),
                    weight: r4(weight),
                    count,
                })
                .collect();
            // Strongest first; the map's order (alphabetical) breaks ties.
            crate::sort::sort_by(&mut words, |x, y| y.weight.abs().total_cmp(&x.weight.abs()));
            words.truncate(WORD_CHOICE_TOP);
            if !words.is_empty() {
                out.push(WordChoice {
                    actor: row.id.clone(),
                    article: a,
                    words,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze;

    fn cfg() -> Config {
        Config::default()
    }

    fn compare2(a: &str, b: &str) -> Comparison {
        let config = cfg();
        let (ra, rb) = (analyze(a, &config), analyze(b, &config));
        compare(&[("A", &ra), ("B", &rb)], &config)
    }

    fn row<'a>(c: &'a Comparison, id: &str) -> &'a ActorRow {
        c.actors
            .iter()
            .find(|r| r.id == id)
            .unwrap_or_else(|| panic!("{id} not in {:?}", c.actors.iter().map(|r| &r.id).collect::<Vec<_>>()))
    }

    const WIRE: &str = "Under the agreement signed in Paris on Tuesday, Britain and France will create a joint patrol to protect their fishing grounds.";

    #[test]
    fn words_normalise_case_quotes_and_whitespace() {
        let n = |t: &str| normalise(t);
        assert_eq!(
            n("The  Élysée’s “NON”\n\tto\u{a0}it"),
            ("the élysée's non to it".into(), 5)
        );
        assert_eq!(n("'quoted' don't — x"), ("quoted don't x".into(), 3));
        assert_eq!(n(""), (String::new(), 0));
        assert_eq!(n(" ’ "), (String::new(), 0));
        assert_eq!(n("ÇA İ"), ("ça i\u{307}".into(), 2));
        assert_eq!(n("東京 2027年"), ("東京 2027年".into(), 2));
    }

    #[test]
    fn the_prefix_is_enough_to_find_every_pair_above_the_threshold() {
        assert_eq!(prefix_len(0), 0);
        assert_eq!(prefix_len(1), 1);
        assert_eq!(prefix_len(5), 2);
        assert_eq!(prefix_len(38), 8);
        // Two sets of n sharing all but k: they must share a prefix element
        // whenever their similarity reaches the threshold.
        for n in 1..60u64 {
            for k in 0..n {
                let a: Vec<u64> = (0..n).collect();
                let b: Vec<u64> = (k..n + k).collect();
                if jaccard(&a, &b) >= NEAR_DUPLICATE {
                    let pa = &a[..prefix_len(a.len())];
                    let pb = &b[..prefix_len(b.len())];
                    assert!(pa.iter().any(|x| pb.contains(x)), "n {n} k {k}");
                }
            }
        }
    }

    #[test]
    fn jaccard_of_sets() {
        assert_eq!(jaccard(&[1, 2, 3], &[1, 2, 3]), 1.0);
        assert_eq!(jaccard(&[1, 2], &[3, 4]), 0.0);
        assert_eq!(jaccard(&[1, 2, 3], &[2, 3, 4]), 0.5);
        assert_eq!(jaccard(&[], &[]), 0.0);
    }

    #[test]
    fn shingles_are_sorted_and_deduplicated() {
        let s = shingles(&normalise("a b c a b c a b c").0);
        assert_eq!(s.len(), 3, "abc, bca, cab");
        assert!(s.windows(2).all(|p| p[0] < p[1]));
        assert!(shingles("a b").is_empty());
        assert!(shingles("").is_empty());
        assert_eq!(shingles("élysée's non to"), shingles("élysée's  non to"));
        assert_ne!(shingles("a b c"), shingles("a c b"), "order counts");
        assert_ne!(shingles("ab c d"), shingles("a bc d"), "words count");
    }

    #[test]
    fn the_same_actor_is_one_row() {
        let c = compare2("Russia attacked Ukraine.", "Ukraine praised Russia's restraint.");
        let russia = row(&c, "russia");
        assert_eq!(russia.mentions, [1, 1]);
        assert!(russia.scores[0].unwrap() < 0.0);
        assert_eq!(c.actors.iter().filter(|r| r.id == "russia").count(), 1);
        assert_eq!(russia.index.len(), 2);
    }

    #[test]
    fn absent_actors_have_no_score_and_are_omissions() {
        let c = compare2("Russia attacked Ukraine.", "France praised Ukraine.");
        let russia = row(&c, "russia");
        assert_eq!(russia.scores[1], None);
        assert_eq!(russia.own_scores[1], None);
        assert_eq!(russia.mentions, [1, 0]);
        assert_eq!(russia.difference, None);
        let o = c.omissions.iter().find(|o| o.actor == "russia").unwrap();
        assert_eq!((o.present_in.clone(), o.absent_from.clone()), (vec![0], vec![1]));
        assert!(o.quoted_in.is_empty() && o.not_quoted_in.is_empty());
        let france = c.omissions.iter().find(|o| o.actor == "france").unwrap();
        assert_eq!(
            (france.present_in.clone(), france.absent_from.clone()),
            (vec![1], vec![0])
        );
        assert!(c.omissions.iter().all(|o| o.actor != "ukraine"));
    }

    #[test]
    fn rows_are_sorted_by_difference() {
        let c = compare2(
            "Russia attacked Ukraine. France praised Germany.",
            "Russia helped Ukraine. France praised Germany.",
        );
        let diffs: Vec<Option<f32>> = c.actors.iter().map(|r| r.difference).collect();
        let first_none = diffs.iter().position(Option::is_none).unwrap_or(diffs.len());
        assert!(diffs[first_none..].iter().all(Option::is_none), "{diffs:?}");
        assert!(diffs[..first_none].windows(2).all(|w| w[0] >= w[1]), "{diffs:?}");
        assert_eq!(c.actors[0].id, "russia", "{:?}", c.actors);
        let russia = row(&c, "russia");
        let (a, b) = (russia.scores[0].unwrap(), russia.scores[1].unwrap());
        assert_eq!(russia.difference, Some(r4((a - b).abs())));
    }

    #[test]
    fn exact_copy_after_normalising_is_shared_and_counted_once() {
        let a = format!("Russia attacked Ukraine.\n\n{WIRE}");
        let b = format!(
            "{}\n\nFrance praised Ukraine.",
            WIRE.replace("their", "THEIR").replace(' ', "  ")
        );
        let c = compare2(&a, &b);
        assert_eq!(
            c.shared_paragraphs,
            [SharedParagraph {
                articles: [0, 1],
                paragraphs: [1, 0],
                similarity: 1.0
            }]
        );
        assert_eq!(c.articles[1].counted_elsewhere, [0]);
        assert!(c.articles[0].counted_elsewhere.is_empty());
        assert!(!c.counts(1, 0) && c.counts(0, 1) && c.counts(1, 1));
        assert_eq!(c.shared_with(0, 1), [(1, 0)]);
        assert_eq!(c.shared_with(1, 0), [(0, 1)]);
        // Britain is only in the shared paragraph: counted in A, not again in B.
        let uk = row(&c, "united-kingdom");
        assert!(uk.scores[0].is_some());
        assert_eq!(uk.scores[1], None);
        assert_eq!(uk.own_scores[1], uk.own_scores[0]);
        assert_eq!(uk.mentions, [1, 1]);
        assert_eq!(uk.difference, None);
    }

    #[test]
    fn curly_and_straight_quotes_are_the_same_copy() {
        let text = "The two countries’ ministers said the “deal” was fair and would last for many years to come.";
        let c = compare2(text, &text.replace('’', "'").replace(['“', '”'], "\""));
        assert_eq!(c.shared_paragraphs.len(), 1);
        assert_eq!(c.shared_paragraphs[0].similarity, 1.0);
    }

    #[test]
    fn near_copy_is_shared_and_rewritten_copy_is_not() {
        // 40 words: one changed in the middle leaves 35 of 41 shingles shared.
        let long = format!(
            "{WIRE} The patrol will start in March with six boats from each country and report to both ministers every month."
        );
        assert_eq!(normalise(&long).1, 40);
        let c = compare2(&long, &long.replace("joint", "new"));
        assert_eq!(c.shared_paragraphs.len(), 1, "one word changed");
        let s = c.shared_paragraphs[0].similarity;
        assert!((s - 35.0 / 41.0).abs() < 1e-4, "{s}");
        // At 22 words the same change leaves 17 of 23: not the same copy.
        assert!(
            compare2(WIRE, &WIRE.replace("joint", "new"))
                .shared_paragraphs
                .is_empty()
        );

        let rewritten =
            "Britain and France agreed in Paris on Tuesday to patrol their fishing grounds together under a new deal.";
        assert!(compare2(WIRE, rewritten).shared_paragraphs.is_empty());
    }

    #[test]
    fn a_paragraph_repeated_many_times_still_finds_its_near_copy() {
        let long = format!(
            "{WIRE} The patrol will start in March with six boats from each country and report to both ministers every month."
        );
        let many = vec![long.as_str(); POSTING_CAP * 2].join("\n\n");
        let c = compare2(&many, &long.replace("joint", "new"));
        assert_eq!(c.shared_paragraphs.len(), 1, "{:?}", c.shared_paragraphs);
        assert_eq!(c.shared_paragraphs[0].paragraphs, [0, 0]);
        // And an exact copy matches the first of the repeats.
        let c = compare2(&many, &long);
        assert_eq!(c.shared_paragraphs.len(), 1);
        assert_eq!(c.shared_paragraphs[0].similarity, 1.0);
    }

    #[test]
    fn short_paragraphs_are_never_shared() {
        let c = compare2(
            "He declined to comment.\n\nRussia attacked Ukraine.",
            "He declined to comment.",
        );
        assert!(c.shared_paragraphs.is_empty());
    }

    #[test]
    fn a_paragraph_within_one_article_is_not_shared_with_itself() {
        let twice = format!("{WIRE}\n\n{WIRE}");
        let c = compare2(&twice, "Russia attacked Ukraine.");
        assert!(c.shared_paragraphs.is_empty());
    }

    #[test]
    fn three_articles_share_with_each_earlier_one() {
        let config = cfg();
        let reports: Vec<Report> = [
            format!("Russia attacked Ukraine.\n\n{WIRE}"),
            WIRE.to_string(),
            format!("France praised Ukraine.\n\n{WIRE}"),
        ]
        .iter()
        .map(|t| analyze(t, &config))
        .collect();
        let c = compare(&[("A", &reports[0]), ("B", &reports[1]), ("C", &reports[2])], &config);
        let pairs: Vec<([usize; 2], [usize; 2])> =
            c.shared_paragraphs.iter().map(|s| (s.articles, s.paragraphs)).collect();
        assert_eq!(pairs, [([0, 1], [1, 0]), ([0, 2], [1, 1]), ([1, 2], [0, 1])]);
        assert_eq!(c.articles[2].counted_elsewhere, [1]);
        // Britain and France: in A's copy only, once.
        assert_eq!(
            row(&c, "united-kingdom").scores,
            [row(&c, "united-kingdom").own_scores[0], None, None]
        );
    }

    #[test]
    fn counted_scores_use_the_remaining_cells() {
        // France is praised in B's own paragraph and mentioned in the shared one.
        let a = WIRE.to_string();
        let b = format!("{WIRE}\n\nFrance was praised for its generous and wise leadership.");
        let c = compare2(&a, &b);
        let france = row(&c, "france");
        let config = cfg();
        let rb = analyze(&b, &config);
        let k = rb.actor_index("france").unwrap();
        let own = rb.cell(1, k).unwrap();
        let expected = Mass {
            positive: own.positive,
            negative: own.negative,
        }
        .score(config.smoothing);
        assert_eq!(france.scores[1], Some(r4(expected)));
        assert_eq!(france.own_scores[1], Some(rb.actors[k].score));
        assert!(france.difference.is_some());
    }

    #[test]
    fn speakers_one_article_quotes_are_omissions() {
        let c = compare2(
            "“Russia is a brutal aggressor,” said Keir Starmer.",
            "Keir Starmer met officials. Russia denied everything.",
        );
        let o = c.omissions.iter().find(|o| o.actor == "keir-starmer").unwrap();
        assert_eq!(o.present_in, [0, 1]);
        assert!(o.absent_from.is_empty());
        assert_eq!(o.quoted_in, [0]);
        assert_eq!(o.not_quoted_in, [1]);
    }

    #[test]
    fn word_choice_lists_words_one_article_uses_and_the_other_does_not() {
        let c = compare2(
            "Russia launched a brutal invasion. Russia was condemned.",
            "Russia launched a careful operation. Russia was condemned.",
        );
        let a = c
            .word_choice
            .iter()
            .find(|w| w.actor == "russia" && w.article == 0)
            .unwrap();
        let words: Vec<&str> = a.words.iter().map(|w| w.word.as_str()).collect();
        assert!(words.contains(&"brutal") || words.contains(&"invasion"), "{words:?}");
        assert!(
            !words.contains(&"condemned"),
            "shared words are not a choice: {words:?}"
        );
        assert!(a.words.iter().all(|w| w.weight < 0.0), "{:?}", a.words);
        assert!(a.words.windows(2).all(|p| p[0].weight.abs() >= p[1].weight.abs()));
        // Actors in only one article have no word choice.
        let c = compare2("Russia attacked Ukraine.", "Nothing happened.");
        assert!(c.word_choice.is_empty());
    }

    #[test]
    fn word_choice_is_capped() {
        let adjectives = "brutal, cruel, evil, vile, awful, horrible, terrible, dreadful, nasty, wicked";
        let c = compare2(&format!("Russia is {adjectives}."), "Russia is here.");
        let a = c
            .word_choice
            .iter()
            .find(|w| w.actor == "russia" && w.article == 0)
            .unwrap();
        assert_eq!(a.words.len(), WORD_CHOICE_TOP);
    }

    #[test]
    fn word_keys_are_normalised() {
        assert_eq!(word_key("Watered-Down"), "watered-down");
        assert_eq!(word_key("did  NOT\nlike"), "did not like");
        assert_eq!(word_key("Élysée’s"), "élysée's");
    }

    #[test]
    fn surnames_match_the_one_full_name() {
        let c = compare2(
            "Environment Secretary Daniel Harlow praised the deal.",
            "Mr Harlow was criticised by fishermen.",
        );
        let ids: Vec<&str> = c.actors.iter().map(|r| r.id.as_str()).collect();
        let harlow = row(&c, "daniel-harlow");
        assert_eq!(harlow.mentions, [1, 1], "{ids:?}");
        assert_eq!(harlow.name, "Daniel Harlow");
        assert!(!ids.contains(&"harlow"), "{ids:?}");
    }

    #[test]
    fn an_ambiguous_surname_is_left_alone() {
        let config = cfg();
        let texts = [
            "Daniel Harlow praised the deal.",
            "Emma Harlow praised the deal.",
            "Mr Harlow criticised the deal.",
        ];
        let reports: Vec<Report> = texts.iter().map(|t| analyze(t, &config)).collect();
        let c = compare(&[("A", &reports[0]), ("B", &reports[1]), ("C", &reports[2])], &config);
        assert!(c.actors.iter().any(|r| r.id == "harlow"));
    }

    #[test]
    fn empty_and_single_inputs_work() {
        let config = cfg();
        let c = compare(&[], &config);
        assert!(c.articles.is_empty() && c.actors.is_empty());
        let r = analyze("", &config);
        let c = compare(&[("Only", &r)], &config);
        assert_eq!(c.articles[0].label, "Only");
        assert!(c.actors.is_empty() && c.omissions.is_empty());
    }

    #[test]
    fn reports_that_do_not_fit_do_not_panic() {
        let config = cfg();
        let mut r = analyze(
            "Russia attacked Ukraine.\n\nFrance praised Ukraine warmly today.",
            &config,
        );
        for cell in &mut r.cells {
            cell.actor += 40;
            cell.paragraph += 9;
            for e in &mut cell.evidence {
                e.words = crate::Span::new(e.words.start + 1000, e.words.end + 1000);
            }
        }
        r.relations.clear();
        r.paragraphs.push(crate::report::ParagraphReport {
            index: 9,
            start: 1000,
            end: 2000,
            words: 3,
        });
        let c = compare(&[("A", &r), ("B", &r)], &config);
        assert_eq!(c.articles.len(), 2);
    }

    #[test]
    fn output_is_deterministic() {
        let a = format!("Russia attacked Ukraine. France praised Ukraine.\n\n{WIRE}");
        let b = format!("{WIRE}\n\nGermany and France criticised Russia.");
        assert_eq!(compare2(&a, &b), compare2(&a, &b));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

        /// Any articles: no panic, pairs within the articles, scores in [-1, 1].
        #[test]
        fn never_panics_and_stays_in_range(
            texts in proptest::collection::vec(
                proptest::collection::vec(
                    proptest::sample::select(vec![
                        "Russia", "attacked", "Ukraine", "France", "praised", "the", "deal", "“", "”", "’s",
                        "\n\n", "\n", ".", ",", "Mr", "Harlow", "Élysée", "東京", "said", "not", "brutal",
                    ]),
                    0..60,
                ),
                0..4,
            )
        ) {
            let config = cfg();
            let texts: Vec<String> = texts.iter().map(|t| t.join(" ")).collect();
            let reports: Vec<Report> = texts.iter().map(|t| analyze(t, &config)).collect();
            let labelled: Vec<(&str, &Report)> = reports.iter().map(|r| ("x", r)).collect();
            let c = compare(&labelled, &config);
            proptest::prop_assert_eq!(c.articles.len(), reports.len());
            for s in &c.shared_paragraphs {
                proptest::prop_assert!(s.articles[0] < s.articles[1]);
                proptest::prop_assert!(s.paragraphs[0] < reports[s.articles[0]].paragraphs.len());
                proptest::prop_assert!(s.paragraphs[1] < reports[s.articles[1]].paragraphs.len());
                proptest::prop_assert!((NEAR_DUPLICATE..=1.0).contains(&s.similarity));
            }
            for row in &c.actors {
                proptest::prop_assert_eq!(row.scores.len(), reports.len());
                for score in row.scores.iter().chain(&row.own_scores).flatten() {
                    proptest::prop_assert!((-1.0..=1.0).contains(score));
                }
                proptest::prop_assert!(row.difference.is_none_or(|d| (0.0..=2.0).contains(&d)));
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(32))]

        /// Arbitrary text in any script: no panic.
        #[test]
        fn arbitrary_text_never_panics(a in proptest::prelude::any::<String>(), b in proptest::prelude::any::<String>()) {
            let c = compare2(&a, &b);
            proptest::prop_assert_eq!(c.articles.len(), 2);
            let (key, words) = normalise(&a);
            proptest::prop_assert_eq!(key.split(' ').filter(|w| !w.is_empty()).count(), words);
        }
    }
}
