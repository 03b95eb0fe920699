//! `slant bench`: throughput of the engine, one thread, on corpora that look
//! like real use.
//!
//! Named corpora, built at run time and deterministic:
//! - `seed`: the seed article repeated to about 1 MB (blank lines between
//!   copies); it has 21 actors, so it flatters the engine.
//! - `news`: the NewsMTSC train sentences (`--newsmtsc PATH`, default
//!   `../shared/eval/newsmtsc/train.jsonl`), four to a paragraph, about 1.2 MB.
//! - `names`: about 2 MB of short paragraphs naming 8,000 different people.
//! - `endless`: about 1 MB of country names and verbs with no full stop.
//!
//! Any other argument is a file, repeated to `--megabytes` (1 by default).
//! Each round runs `slant_core::analyze` on the whole corpus; the report gives
//! the best and median round and, with `--stages`, one run's time per stage;
//! with `--compare`, the time `slant_core::compare` takes on two versions of
//! each corpus.

use std::fmt::Write;
use std::hint::black_box;
use std::time::{Duration, Instant};

use lexopt::prelude::*;
use slant_core::Config;

use crate::Failure;
use crate::input::read_text;

const SEED: &str = include_str!("../../../seeds/macron-starmer-white-house.txt");

/// Where `news` looks for NewsMTSC's train split when `--newsmtsc` is not given.
const NEWSMTSC_DEFAULT: &str = "../shared/eval/newsmtsc/train.jsonl";

/// `text` repeated, separated by blank lines, to at least `bytes` bytes.
pub fn corpus(text: &str, bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + text.len() + 2);
    if text.trim().is_empty() {
        return out;
    }
    while out.len() < bytes {
        out.push_str(text.trim_end());
        out.push_str("\n\n");
    }
    out
}

/// A fixed linear congruential generator (Knuth's MMIX constants): the
/// corpora are the same on every run and every machine.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[(self.next() % list.len() as u64) as usize]
    }
}

const FIRST: [&str; 100] = [
    "James",
    "Mary",
    "Robert",
    "Patricia",
    "John",
    "Jennifer",
    "Michael",
    "Linda",
    "David",
    "Elizabeth",
    "William",
    "Barbara",
    "Richard",
    "Susan",
    "Joseph",
    "Jessica",
    "Thomas",
    "Sarah",
    "Charles",
    "Karen",
    "Christopher",
    "Lisa",
    "Daniel",
    "Nancy",
    "Matthew",
    "Betty",
    "Anthony",
    "Margaret",
    "Mark",
    "Sandra",
    "Donald",
    "Ashley",
    "Steven",
    "Kimberly",
    "Paul",
    "Emily",
    "Andrew",
    "Donna",
    "Joshua",
    "Michelle",
    "Kenneth",
    "Carol",
    "Kevin",
    "Amanda",
    "Brian",
    "Dorothy",
    "George",
    "Melissa",
    "Timothy",
    "Deborah",
    "Ronald",
    "Stephanie",
    "Edward",
    "Rebecca",
    "Jason",
    "Sharon",
    "Jeffrey",
    "Laura",
    "Ryan",
    "Cynthia",
    "Jacob",
    "Kathleen",
    "Gary",
    "Amy",
    "Nicholas",
    "Angela",
    "Eric",
    "Shirley",
    "Jonathan",
    "Anna",
    "Stephen",
    "Brenda",
    "Larry",
    "Pamela",
    "Justin",
    "Emma",
    "Scott",
    "Nicole",
    "Brandon",
    "Helen",
    "Benjamin",
    "Samantha",
    "Samuel",
    "Katherine",
    "Gregory",
    "Christine",
    "Alexander",
    "Debra",
    "Frank",
    "Rachel",
    "Patrick",
    "Carolyn",
    "Raymond",
    "Janet",
    "Jack",
    "Catherine",
    "Dennis",
    "Maria",
    "Jerry",
    "Heather",
];

const LAST: [&str; 80] = [
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Garcia",
    "Miller",
    "Davis",
    "Rodriguez",
    "Martinez",
    "Hernandez",
    "Lopez",
    "Gonzalez",
    "Wilson",
    "Anderson",
    "Thomas",
    "Taylor",
    "Moore",
    "Jackson",
    "Martin",
    "Lee",
    "Perez",
    "Thompson",
    "White",
    "Harris",
    "Sanchez",
    "Clark",
    "Ramirez",
    "Lewis",
    "Robinson",
    "Walker",
    "Young",
    "Allen",
    "King",
    "Wright",
    "Scott",
    "Torres",
    "Nguyen",
    "Hill",
    "Flores",
    "Green",
    "Adams",
    "Nelson",
    "Baker",
    "Hall",
    "Rivera",
    "Campbell",
    "Mitchell",
    "Carter",
    "Roberts",
    "Gomez",
    "Phillips",
    "Evans",
    "Turner",
    "Diaz",
    "Parker",
    "Cruz",
    "Edwards",
    "Collins",
    "Reyes",
    "Stewart",
    "Morris",
    "Morales",
    "Murphy",
    "Cook",
    "Rogers",
    "Gutierrez",
    "Ortiz",
    "Morgan",
    "Cooper",
    "Peterson",
    "Bailey",
    "Reed",
    "Kelly",
    "Howard",
    "Ramos",
    "Kim",
    "Cox",
    "Ward",
    "Richardson",
];

const COUNTRIES: [&str; 24] = [
    "France",
    "Germany",
    "Russia",
    "Ukraine",
    "China",
    "Japan",
    "India",
    "Brazil",
    "Canada",
    "Mexico",
    "Italy",
    "Spain",
    "Poland",
    "Turkey",
    "Iran",
    "Israel",
    "Egypt",
    "Nigeria",
    "Kenya",
    "Australia",
    "Argentina",
    "Sweden",
    "Norway",
    "Greece",
];

const VERBS: [&str; 16] = [
    "attacks",
    "praises",
    "condemns",
    "supports",
    "threatens",
    "thanks",
    "criticises",
    "welcomes",
    "blames",
    "helps",
    "accuses",
    "defends",
    "invades",
    "backs",
    "rejects",
    "admires",
];

/// About 2 MB of short paragraphs naming 8,000 different people (100 first
/// names by 80 surnames), each person named at least twice.
pub fn names_corpus(bytes: usize) -> String {
    let mut rng = Lcg(8_000);
    let person = |i: usize| format!("{} {}", FIRST[i % FIRST.len()], LAST[(i / FIRST.len()) % LAST.len()]);
    let people = FIRST.len() * LAST.len();
    let mut out = String::with_capacity(bytes + 256);
    let mut i = 0usize;
    while out.len() < bytes {
        let (a, b) = (person(i % people), person((i * 7 + 13) % people));
        let surname = LAST[((i % people) / FIRST.len()) % LAST.len()];
        let verb = rng.pick(&VERBS);
        let place = rng.pick(&COUNTRIES);
        let _ = write!(
            out,
            "{a} {verb} {b} in {place} on Tuesday. {surname} said the talks were a disaster.\n\n"
        );
        i += 1;
    }
    out
}

/// About `bytes` of country names and verbs joined by "and" and commas, on
/// one line with no full stop: one endless sentence.
pub fn endless_corpus(bytes: usize) -> String {
    let mut rng = Lcg(1);
    let mut out = String::with_capacity(bytes + 64);
    while out.len() < bytes {
        let joint = if rng.next().is_multiple_of(2) { " and " } else { ", " };
        let _ = write!(
            out,
            "{} {} {}{joint}",
            rng.pick(&COUNTRIES),
            rng.pick(&VERBS),
            rng.pick(&COUNTRIES)
        );
    }
    out.push('\n');
    out
}

/// The NewsMTSC sentences of `jsonl`, four to a paragraph, blank lines between
/// paragraphs. Lines that do not parse are skipped (the count is returned).
pub fn news_corpus(jsonl: &str) -> (String, usize) {
    #[derive(serde::Deserialize)]
    struct Line {
        sentence_normalized: String,
    }
    let mut out = String::with_capacity(jsonl.len() / 2);
    let mut in_paragraph = 0;
    let mut bad = 0;
    for raw in jsonl.lines().filter(|l| !l.trim().is_empty()) {
        let Ok(line) = serde_json::from_str::<Line>(raw) else {
            bad += 1;
            continue;
        };
        if in_paragraph > 0 {
            out.push(' ');
        }
        out.push_str(line.sentence_normalized.trim());
        in_paragraph += 1;
        if in_paragraph == 4 {
            out.push_str("\n\n");
            in_paragraph = 0;
        }
    }
    (out, bad)
}

fn median(mut xs: Vec<Duration>) -> Duration {
    xs.sort();
    xs[xs.len() / 2]
}

fn time_rounds(text: &str, config: &Config, rounds: usize) -> Vec<Duration> {
    (0..rounds.max(1))
        .map(|_| {
            let start = Instant::now();
            black_box(slant_core::analyze(black_box(text), config));
            start.elapsed()
        })
        .collect()
}

/// A corpus to measure: its name as printed and its text.
struct Corpus {
    name: String,
    text: String,
}

fn build_corpus(which: &str, megabytes: Option<f64>, newsmtsc: Option<&str>) -> Result<Corpus, Failure> {
    let bytes = |default: f64| (megabytes.unwrap_or(default) * 1_000_000.0) as usize;
    let (name, text) = match which {
        "seed" => ("seed article repeated".to_string(), corpus(SEED, bytes(1.0))),
        "news" => {
            let path = newsmtsc.unwrap_or(NEWSMTSC_DEFAULT);
            let jsonl = read_text(path).map_err(|e| {
                Failure::new(format!(
                    "the news corpus is built from NewsMTSC's train split, which could not be read: {}. \
                     Give its path with --newsmtsc PATH.",
                    e.message
                ))
            })?;
            let (text, bad) = news_corpus(&jsonl);
            if text.is_empty() {
                return Err(Failure::new(format!(
                    "{path} has no line with a sentence_normalized field ({bad} lines did not parse)."
                )));
            }
            let text = match megabytes {
                Some(_) => corpus(&text, bytes(0.0)),
                None => text,
            };
            (
                format!("news: NewsMTSC train sentences, four to a paragraph ({path})"),
                text,
            )
        }
        "names" => (
            "names: short paragraphs naming 8,000 people".to_string(),
            names_corpus(bytes(2.0)),
        ),
        "endless" => (
            "endless: country names and verbs, no full stop".to_string(),
            endless_corpus(bytes(1.0)),
        ),
        path => {
            let base = read_text(path)?;
            if base.trim().is_empty() {
                return Err(Failure::new(format!("{path} is empty; give a file with some text.")));
            }
            (path.to_string(), corpus(&base, bytes(1.0)))
        }
    };
    Ok(Corpus { name, text })
}

pub fn run(parser: &mut lexopt::Parser) -> Result<String, Failure> {
    let mut which: Vec<String> = Vec::new();
    let mut megabytes: Option<f64> = None;
    let mut newsmtsc: Option<String> = None;
    let mut rounds = 10usize;
    let mut stages = false;
    let mut compare = false;
    while let Some(arg) = parser.next()? {
        match arg {
            Long("stages") => stages = true,
            Long("compare") => compare = true,
            Value(v) => which.push(v.string()?),
            Long("megabytes") => megabytes = Some(parser.value()?.parse()?),
            Long("newsmtsc") => newsmtsc = Some(parser.value()?.string()?),
            Long("rounds") => rounds = parser.value()?.parse()?,
            other => return Err(other.unexpected().into()),
        }
    }
    if let Some(mb) = megabytes
        && !(mb > 0.0 && mb <= 512.0)
    {
        return Err(Failure::new("--megabytes must be between 0 and 512"));
    }
    if which.is_empty() {
        which.push("seed".into());
    }
    if which.iter().any(|w| w == "all") {
        which = ["seed", "news", "names", "endless"].map(String::from).to_vec();
    }
    let config = Config {
        max_bytes: usize::MAX,
        ..Config::default()
    };
    // The first call builds the lexicon, gazetteer and predicate table; time it apart.
    let cold = Instant::now();
    black_box(slant_core::analyze(SEED, &config));
    let cold = cold.elapsed();

    let mut out = String::new();
    for w in &which {
        let Corpus { name, text } = build_corpus(w, megabytes, newsmtsc.as_deref())?;
        let report = slant_core::analyze(&text, &config);
        let mb = text.len() as f64 / 1_000_000.0;
        let _ = writeln!(
            out,
            "corpus: {name} ({:.2} MB, {} paragraphs, {} words, {} actors, {} cells)",
            mb,
            report.stats.paragraphs,
            report.stats.words,
            report.actors.len(),
            report.cells.len()
        );
        drop(report);
        if stages {
            out.push_str(&stage_times(&text, &config));
        }
        let times = time_rounds(&text, &config, rounds);
        let best = *times.iter().min().unwrap_or(&Duration::ZERO);
        let med = median(times);
        let _ = writeln!(
            out,
            "analyze: best {:.1} ms ({:.1} MB/s), median {:.1} ms ({:.1} MB/s) over {} rounds, one thread",
            best.as_secs_f64() * 1e3,
            mb / best.as_secs_f64().max(1e-9),
            med.as_secs_f64() * 1e3,
            mb / med.as_secs_f64().max(1e-9),
            rounds.max(1)
        );
        if compare {
            out.push_str(&crate::compare::bench(&text, &config, rounds));
        }
    }
    let seed_med = median(time_rounds(SEED, &config, 200));
    let _ = writeln!(
        out,
        "seed article ({} bytes): median {:.3} ms over 200 rounds; first call, building the engine's tables: {:.1} ms",
        SEED.len(),
        seed_med.as_secs_f64() * 1e3,
        cold.as_secs_f64() * 1e3
    );
    Ok(out)
}

/// Times each stage of the pipeline once, in the order `analyze` runs them.
fn stage_times(text: &str, config: &Config) -> String {
    let mut out = String::new();
    let mut lap = Instant::now();
    black_box(
        slant_core::Engine::builtin().analyze_staged(text, config, &[], &mut |stage| {
            let _ = writeln!(
                out,
                "  {:<10} {:>8.1} ms",
                stage.as_str(),
                lap.elapsed().as_secs_f64() * 1e3
            );
            lap = Instant::now();
        }),
    );
    format!("stages (one run):\n{out}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corpus_reaches_the_size_with_blank_lines_between_copies() {
        let c = corpus("A.\n", 10);
        assert!(c.len() >= 10);
        assert!(c.starts_with("A.\n\nA.\n\n"));
    }

    #[test]
    fn corpus_of_blank_text_is_empty_rather_than_endless() {
        assert_eq!(corpus("  \n", 10), "");
    }

    #[test]
    fn names_corpus_is_deterministic_and_names_8000_people() {
        let a = names_corpus(20_000);
        assert_eq!(a, names_corpus(20_000));
        assert!(a.len() >= 20_000);
        let big = names_corpus(2_000_000);
        let firsts: std::collections::BTreeSet<String> = big
            .split("\n\n")
            .filter(|p| !p.is_empty())
            .map(|p| p.split(' ').take(2).collect::<Vec<_>>().join(" "))
            .collect();
        assert_eq!(firsts.len(), 8_000);
    }

    #[test]
    fn endless_corpus_has_no_full_stop_and_one_line() {
        let e = endless_corpus(10_000);
        assert!(e.len() >= 10_000);
        assert!(!e.contains('.'));
        assert_eq!(e.lines().count(), 1);
        assert_eq!(e, endless_corpus(10_000));
    }

    #[test]
    fn news_corpus_groups_four_sentences_and_counts_bad_lines() {
        let line = |s: &str| format!("{{\"sentence_normalized\": \"{s}\", \"targets\": []}}\n");
        let jsonl = [
            line("A."),
            line("B."),
            "not json\n".into(),
            line("C."),
            line("D."),
            line("E."),
        ]
        .concat();
        let (text, bad) = news_corpus(&jsonl);
        assert_eq!(text, "A. B. C. D.\n\nE.");
        assert_eq!(bad, 1);
    }

    #[test]
    fn a_missing_newsmtsc_file_says_how_to_give_it() {
        let e = build_corpus("news", None, Some("/nonexistent/train.jsonl"))
            .err()
            .unwrap();
        assert!(e.message.contains("--newsmtsc"), "{}", e.message);
    }
}
