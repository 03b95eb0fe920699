//! `slant bench`: throughput of the engine on news text, one thread.
//!
//! The default corpus is the seed article repeated to about 1 MB (blank lines
//! between copies); a file given on the command line is used instead. Each
//! round runs `slant_core::analyze` on the whole corpus; the report gives the
//! best and median round, and the time for the seed article alone; with
//! `--compare`, the time `slant_core::compare` takes on two such articles.

use std::fmt::Write;
use std::hint::black_box;
use std::time::{Duration, Instant};

use lexopt::prelude::*;
use slant_core::Config;

use crate::Failure;
use crate::input::read_text;

const SEED: &str = include_str!("../../../seeds/macron-starmer-white-house.txt");

/// `text` repeated, separated by blank lines, to at least `bytes` bytes.
pub fn corpus(text: &str, bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + text.len() + 2);
    while out.len() < bytes {
        out.push_str(text.trim_end());
        out.push_str("\n\n");
    }
    out
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

pub fn run(parser: &mut lexopt::Parser) -> Result<String, Failure> {
    let mut file: Option<String> = None;
    let mut megabytes = 1.0f64;
    let mut rounds = 10usize;
    let mut stages = false;
    let mut compare = false;
    while let Some(arg) = parser.next()? {
        match arg {
            Long("stages") => stages = true,
            Long("compare") => compare = true,
            Value(v) if file.is_none() => file = Some(v.string()?),
            Long("megabytes") => megabytes = parser.value()?.parse()?,
            Long("rounds") => rounds = parser.value()?.parse()?,
            other => return Err(other.unexpected().into()),
        }
    }
    if !(megabytes > 0.0 && megabytes <= 512.0) {
        return Err(Failure::new("--megabytes must be between 0 and 512"));
    }
    let base = match &file {
        Some(path) => read_text(path)?,
        None => SEED.to_string(),
    };
    let text = corpus(&base, (megabytes * 1_000_000.0) as usize);
    let config = Config {
        max_bytes: usize::MAX,
        ..Config::default()
    };
    // The first call builds the lexicon, gazetteer and predicate table; time it apart.
    let cold = Instant::now();
    black_box(slant_core::analyze(SEED, &config));
    let cold = cold.elapsed();

    let times = time_rounds(&text, &config, rounds);
    let best = *times.iter().min().unwrap_or(&Duration::ZERO);
    let med = median(times);
    let mb = text.len() as f64 / 1_000_000.0;
    let seed_times = time_rounds(SEED, &config, 200);
    let seed_med = median(seed_times);

    let report = slant_core::analyze(&text, &config);
    let mut out = String::new();
    if stages {
        out.push_str(&stage_times(&text, &config));
    }
    let _ = writeln!(
        out,
        "corpus: {} ({:.2} MB, {} paragraphs, {} words, {} actors, {} cells)",
        file.as_deref().unwrap_or("seed article repeated"),
        mb,
        report.stats.paragraphs,
        report.stats.words,
        report.actors.len(),
        report.cells.len()
    );
    let _ = writeln!(
        out,
        "analyze: best {:.1} ms ({:.1} MB/s), median {:.1} ms ({:.1} MB/s) over {} rounds, one thread",
        best.as_secs_f64() * 1e3,
        mb / best.as_secs_f64().max(1e-9),
        med.as_secs_f64() * 1e3,
        mb / med.as_secs_f64().max(1e-9),
        rounds.max(1)
    );
    let _ = writeln!(
        out,
        "seed article ({} bytes): median {:.3} ms over 200 rounds; first call, building the engine's tables: {:.1} ms",
        SEED.len(),
        seed_med.as_secs_f64() * 1e3,
        cold.as_secs_f64() * 1e3
    );
    if compare {
        out.push_str(&crate::compare::bench(&text, &config, rounds));
    }
    Ok(out)
}

/// Times each stage of the pipeline once, in the order `analyze` runs them.
fn stage_times(text: &str, config: &Config) -> String {
    use slant_core::{actors, lexicon, report, sentiment, stance, structure, text as segment};
    let mut out = String::new();
    let mut lap = Instant::now();
    let mut mark = |name: &str, out: &mut String| {
        let _ = writeln!(out, "  {name:<10} {:>8.1} ms", lap.elapsed().as_secs_f64() * 1e3);
        lap = Instant::now();
    };
    let doc = segment::Doc::new(text);
    mark("segment", &mut out);
    let st = structure::Structure::new(&doc);
    mark("structure", &mut out);
    let cast = actors::find(&doc, &config.actors, &[]);
    mark("actors", &mut out);
    let lookup = lexicon::Lookup::new(lexicon::Lexicon::builtin(), config);
    let hits = sentiment::hits(&doc, &st, &cast, &lookup);
    mark("sentiment", &mut out);
    let att = stance::attribute(&doc, &st, &cast, &hits, config);
    mark("attribute", &mut out);
    let stats = report::Stats::default();
    black_box(report::build(&doc, &cast, &hits, att, config, stats));
    mark("report", &mut out);
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
}
