//! The `slant` command: the engine of the Slant app, on the command line.
//!
//! ```text
//! slant analyze [FILE|-] [--actors FILE.toml] [--format text|json] [--precise [--model FILE]]
//! slant batch [FILE.jsonl|-] [--out DIR | --rows TABLE] [--format jsonl|csv] [--threads N] [--precise [--model FILE]] ...
//! slant eval FILE.jsonl [--predictions OUT.jsonl] [--explain] [--set NAME=VALUE]... [--precise [--model FILE]]
//! slant bench [seed|news|names|endless|all|FILE]... [--newsmtsc PATH] [--megabytes N] [--rounds N] [--stages] [--compare]
//! slant link [FILE|-] [--actors FILE.toml] [--base URL]
//! slant compare A.txt B.txt [C.txt ...] [--labels "A,B"] [--actors FILE.toml] [--format text|json|csv]
//! ```
//!
//! Every command runs the same `slant_core::analyze` path the app runs, so
//! what `eval` and `bench` measure is what users see.

mod analyze;
mod batch;
mod bench;
mod compare;
mod eval;
mod input;
mod link;

use std::process::ExitCode;

use lexopt::prelude::*;

/// mimalloc allocates and frees the engine's many small rule lists faster than the system
/// allocator (Cargo.toml says by how much).
#[cfg(any(unix, windows))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const USAGE: &str = "\
usage:
  slant analyze [FILE|-] [--actors FILE.toml] [--format text|json] [--precise [--model FILE]]
  slant batch [FILE.jsonl|-] [--out DIR | --rows cells|actors|evidence|relations] [--format jsonl|csv]
              [--threads N] [--actors FILE.toml] [--set NAME=VALUE]... [--max-bytes N] [--precise [--model FILE]]
  slant eval FILE.jsonl [--predictions OUT.jsonl] [--explain] [--set NAME=VALUE]... [--precise [--model FILE]]
  slant bench [seed|news|names|endless|all|FILE]... [--newsmtsc PATH] [--megabytes N] [--rounds N] [--stages] [--compare]
  slant link [FILE|-] [--actors FILE.toml] [--base URL]
  slant compare A.txt B.txt [C.txt ...] [--labels \"A,B\"] [--actors FILE.toml] [--format text|json|csv]

analyze  find the actors of an article and score each paragraph's stance toward each
eval     score NewsMTSC targets (sentence_normalized, targets[from,to,polarity]) and print accuracy and F1
batch    analyse a corpus, one JSON object with a \"text\" per line, into tidy tables (cells, actors, evidence, relations)
bench    measure throughput on named corpora (default: the seed article repeated to 1 MB) or a file
link     print a share link (#v1. fragment, after --base) that opens the article in the app
compare  put 2 to 8 articles on one event side by side: scores per actor, shared copy, omissions, word choice

--precise  also score every mention with the fine-tuned model (static/model/slant-minilm-newsmtsc.bin,
           or --model FILE) and mark the cells where it disagrees with the lexicon; in batch, the cells
           table gains model_score, model_label and disagree";

/// A command's failure: the message, and whether the output is still worth printing.
#[derive(Debug, PartialEq)]
pub struct Failure {
    pub message: String,
    /// Output produced before the failure (e.g. metrics over the lines that parsed).
    pub output: String,
}

impl Failure {
    pub fn new(message: impl Into<String>) -> Failure {
        Failure {
            message: message.into(),
            output: String::new(),
        }
    }
}

impl From<lexopt::Error> for Failure {
    fn from(e: lexopt::Error) -> Failure {
        Failure::new(format!("{e}\n\n{USAGE}"))
    }
}

fn main() -> ExitCode {
    match run(std::env::args_os().skip(1).collect()) {
        Ok(out) => write_out(&out),
        Err(f) => {
            write_out(&f.output);
            eprintln!("slant: {}", f.message);
            ExitCode::FAILURE
        }
    }
}

/// Writes to standard output; a reader that stops early (`slant ... | head`) is not an error.
fn write_out(text: &str) -> ExitCode {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("slant: cannot write the output: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: Vec<std::ffi::OsString>) -> Result<String, Failure> {
    let mut parser = lexopt::Parser::from_args(args);
    let command = match parser.next()? {
        Some(Value(v)) => v.string()?,
        Some(Long("help") | Short('h')) | None => return Ok(format!("{USAGE}\n")),
        Some(other) => return Err(other.unexpected().into()),
    };
    match command.as_str() {
        "analyze" => analyze::run(&mut parser),
        "batch" => batch::run(&mut parser),
        "eval" => eval::run(&mut parser),
        "bench" => bench::run(&mut parser),
        "link" => link::run(&mut parser),
        "compare" => compare::run(&mut parser),
        "help" => Ok(format!("{USAGE}\n")),
        other => Err(Failure::new(format!("unknown command `{other}`\n\n{USAGE}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<std::ffi::OsString> {
        list.iter().map(Into::into).collect()
    }

    #[test]
    fn no_command_prints_usage() {
        assert!(run(args(&[])).unwrap().starts_with("usage:"));
    }

    #[test]
    fn unknown_command_is_an_error_with_usage() {
        let err = run(args(&["frobnicate"])).unwrap_err();
        assert!(
            err.message.starts_with("unknown command `frobnicate`"),
            "{}",
            err.message
        );
        assert!(err.message.contains("usage:"));
    }

    #[test]
    fn unknown_option_is_an_error() {
        let err = run(args(&["analyze", "--colour"])).unwrap_err();
        assert!(err.message.contains("--colour"), "{}", err.message);
    }
}
