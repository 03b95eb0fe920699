//! Times the precise analysis natively on one thread: the engine's report of each text file
//! given (default: the seed article), then `precise::analyze` over it, reporting sentences and
//! encoder passes per second and the mean input length.
//!
//! `cargo run --profile native -p slant-model --example bench -- [--model FILE] [--repeat N] [FILE...]`

use std::path::PathBuf;
use std::time::Instant;

use slant_core::{Config, analyze};
use slant_model::{Model, precise};

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut model_path = root.join("static/model/slant-minilm-newsmtsc.bin");
    let mut files = Vec::new();
    let mut repeat = 1usize;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--model" => model_path = PathBuf::from(args.next().expect("--model FILE")),
            "--repeat" => repeat = args.next().and_then(|n| n.parse().ok()).expect("--repeat N"),
            _ => files.push(PathBuf::from(a)),
        }
    }
    if files.is_empty() {
        files.push(root.join("seeds/macron-starmer-white-house.txt"));
    }
    let bytes = std::fs::read(&model_path).expect("reading the model");
    let t0 = Instant::now();
    let model = Model::from_bytes(&bytes).expect("a model file");
    println!("load: {:.0} ms", t0.elapsed().as_secs_f64() * 1e3);
    let config = Config::default();
    for f in &files {
        let text = std::fs::read_to_string(f).expect("reading a text");
        let report = analyze(&text, &config);
        let jobs = precise::plan(&report);
        let passes: usize = jobs.iter().map(|j| j.targets.len()).sum();
        let tokens: usize = jobs
            .iter()
            .map(|j| {
                let s = j.span.of(&text);
                (model.tokenizer().tokenize(s).len() + 4).min(128) * j.targets.len()
            })
            .sum();
        let t = Instant::now();
        let cpu = cpu_ns();
        let mut scored = 0;
        for _ in 0..repeat {
            let p = precise::analyze(&model, &report, &config);
            scored += p.cells.iter().filter(|c| c.score.is_some()).count();
        }
        let wall = t.elapsed().as_secs_f64() / repeat as f64;
        // CPU time where the system reports it (Linux), else wall time.
        let secs = match (cpu, cpu_ns()) {
            (Some(a), Some(b)) => (b - a) as f64 * 1e-9 / repeat as f64,
            _ => wall,
        };
        assert!(scored > 0, "no cell was scored");
        println!(
            "{}: {} sentences, {} passes, {:.1} tokens/pass; {:.3} s wall, {:.3} s CPU: {:.1} sentences/s, {:.1} passes/s, {:.2} ms/pass (CPU)",
            f.file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
            jobs.len(),
            passes,
            tokens as f64 / passes as f64,
            wall,
            secs,
            jobs.len() as f64 / secs,
            passes as f64 / secs,
            secs * 1e3 / passes as f64
        );
    }
}

/// This thread's CPU time in nanoseconds, from `/proc/thread-self/schedstat` (Linux only).
fn cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}
