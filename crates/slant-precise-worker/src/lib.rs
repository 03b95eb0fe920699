//! Precise mode's model worker: the engine and the fine-tuned model in a WebAssembly module
//! of its own, which the page starts only when the user switches Precise mode on, so that the
//! default page does not carry the model's code.
//!
//! Owns: one loaded [`slant_model::Model`] and the run in progress (the engine's report of
//! the newest text and config, the plan of sentence jobs, the results so far), and the small
//! messages the page reads as sentences finish (see [`Run::take`]). `static/precise-worker.js`
//! downloads the model, feeds the newest request in and runs one job per task, so a newer text
//! replaces the run between two sentences. Must not: touch the DOM, or compute anything the
//! CLI computes differently: it calls `slant_core::analyze` and `slant_model::precise`'s
//! `plan`, `run` and `assemble`, like `slant analyze --precise`.
//!
//! # Messages
//! Each finished job gives one flat array of numbers (a `Float64Array` in the page, which reads
//! it without a JSON parser), in this order:
//! - `done`, `total`: jobs (sentences with mentions) finished and planned;
//! - `n`: 1 if the sentence's verdict follows, 0 if no mention in it could be scored; then
//!   `index, paragraph, start, end, t` and `t` targets of 7 numbers each, `actor, start, end,
//!   p_neg, p_neu, p_pos, label` (spans are byte offsets into the text; `actor` indexes the
//!   report's actors, which are the page's: same engine, text and config);
//! - `c`, then `c` cells of 9 numbers each: those whose every mention is now scored (each is
//!   sent once), `paragraph, actor, label, score, p_neg, p_neu, p_pos, lexicon label,
//!   disagree` (1 or 0).
//!
//! Labels are -1 (negative), 0 (neutral) and 1 (positive); probabilities and scores are
//! rounded to four decimals. [`STEP_TARGET`] and [`STEP_CELL`] are the record sizes.

use slant_core::{Config, Label, Report};
use slant_model::Model;
use slant_model::precise::{self, Job, JobResult, SentenceVerdict};

/// Numbers per target in a step message.
pub const STEP_TARGET: usize = 7;
/// Numbers per cell in a step message.
pub const STEP_CELL: usize = 9;

/// The run of one (text, config): the report, its jobs and the results so far.
pub struct Run {
    report: Report,
    config: Config,
    jobs: Vec<Job>,
    results: Vec<JobResult>,
    /// Cells already sent, by index into the report's cells.
    sent: Vec<bool>,
}

impl Run {
    /// Analyses `text` with `config` and plans the model's jobs.
    pub fn new(text: &str, config: Config) -> Run {
        let report = slant_core::analyze(text, &config);
        let jobs = precise::plan(&report);
        let sent = vec![false; report.cells.len()];
        Run {
            report,
            config,
            jobs,
            results: Vec::new(),
            sent,
        }
    }

    /// Jobs planned: one per sentence with at least one mention.
    pub fn total(&self) -> usize {
        self.jobs.len()
    }

    /// The next job to run, if any is left.
    pub fn next_job(&self) -> Option<&Job> {
        self.jobs.get(self.results.len())
    }

    /// The report's text, which jobs' spans index.
    pub fn text(&self) -> &str {
        &self.report.text
    }

    /// Runs the next job with `model`; its message, or `None` when every job is done.
    pub fn step(&mut self, model: &Model) -> Option<Vec<f64>> {
        let job = self.next_job()?;
        let result = precise::run(model, &self.report.text, job);
        Some(self.take(result))
    }

    /// Records the next job's result and returns its message (see the crate docs).
    pub fn take(&mut self, result: JobResult) -> Vec<f64> {
        let sentence = result.sentence;
        self.results.push(result);
        let assembled = precise::assemble(&self.report, &self.config, &self.results);
        let mut out = vec![self.results.len() as f64, self.jobs.len() as f64];
        match assembled.sentences.iter().find(|v| v.sentence == sentence) {
            Some(v) => {
                out.push(1.0);
                push_sentence(&mut out, v);
            }
            None => out.push(0.0),
        }
        let count_at = out.len();
        out.push(0.0);
        for (i, c) in assembled.cells.iter().enumerate() {
            let (Some(label), Some(score), Some(p)) = (c.label, c.score, c.probs) else {
                continue;
            };
            if self.sent.get(i).copied().unwrap_or(true) {
                continue;
            }
            self.sent[i] = true;
            out[count_at] += 1.0;
            out.extend([
                c.paragraph as f64,
                c.actor as f64,
                code(label),
                r4(score),
                r4(p[0]),
                r4(p[1]),
                r4(p[2]),
                code(c.lexicon_label),
                f64::from(u8::from(c.disagree)),
            ]);
        }
        out
    }
}

fn push_sentence(out: &mut Vec<f64>, v: &SentenceVerdict) {
    out.extend([
        v.sentence as f64,
        v.paragraph as f64,
        v.span.start as f64,
        v.span.end as f64,
        v.targets.len() as f64,
    ]);
    for t in &v.targets {
        out.extend([
            t.actor as f64,
            t.span.start as f64,
            t.span.end as f64,
            r4(t.probs[0]),
            r4(t.probs[1]),
            r4(t.probs[2]),
            code(t.label),
        ]);
    }
}

/// A label as the messages carry it.
fn code(label: Label) -> f64 {
    match label {
        Label::Negative => -1.0,
        Label::Positive => 1.0,
        Label::Neutral | Label::Mixed => 0.0,
    }
}

/// Four decimals, as the report rounds.
fn r4(x: f32) -> f64 {
    (f64::from(x) * 10_000.0).round() / 10_000.0
}

/// The worker's entry points, called by `static/precise-worker.js`.
#[cfg(target_arch = "wasm32")]
mod web {
    use wasm_bindgen::prelude::*;

    use super::Run;
    use slant_model::Model;

    /// A loaded model and the run in progress.
    #[wasm_bindgen]
    pub struct Session {
        model: Model,
        run: Option<Run>,
    }

    #[wasm_bindgen]
    impl Session {
        /// Reads the model file's bytes; the error is a sentence for the user.
        #[wasm_bindgen(constructor)]
        pub fn new(bytes: &[u8]) -> Result<Session, String> {
            let model = Model::from_bytes(bytes).map_err(|e| e.to_string())?;
            Ok(Session { model, run: None })
        }

        /// Starts a run for `text` with `config` (slant-share's `encode_config`
        /// bytes), dropping any run in progress; returns the number of jobs.
        pub fn start(&mut self, text: &str, config: &[u8]) -> Result<usize, String> {
            let config = slant_share::decode_config(config).map_err(|e| e.to_string())?;
            let run = Run::new(text, config);
            let total = run.total();
            self.run = Some(run);
            Ok(total)
        }

        /// Runs the next job of the run in progress: its message, or `None` when done.
        pub fn step(&mut self) -> Option<Vec<f64>> {
            let message = self.run.as_mut()?.step(&self.model);
            if message.is_none() {
                self.run = None;
            }
            message
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A step message read back: (done, total, sentence, targets, cells).
    type Read = (usize, usize, Option<Vec<f64>>, Vec<Vec<f64>>, Vec<Vec<f64>>);

    fn read(m: &[f64]) -> Read {
        let mut at = 3;
        let (mut sentence, mut targets) = (None, Vec::new());
        if m[2] == 1.0 {
            sentence = Some(m[3..7].to_vec());
            let t = m[7] as usize;
            at = 8;
            for _ in 0..t {
                targets.push(m[at..at + STEP_TARGET].to_vec());
                at += STEP_TARGET;
            }
        }
        let c = m[at] as usize;
        at += 1;
        let cells: Vec<Vec<f64>> = (0..c)
            .map(|i| m[at + i * STEP_CELL..at + (i + 1) * STEP_CELL].to_vec())
            .collect();
        assert_eq!(at + c * STEP_CELL, m.len(), "nothing after the cells");
        (m[0] as usize, m[1] as usize, sentence, targets, cells)
    }

    const TEXT: &str = "Russia attacked Ukraine. France praised Ukraine.\n\nGermany criticised Russia.";

    /// Runs every job with made-up probabilities: positive for spans before byte 30.
    fn messages(run: &mut Run) -> Vec<Read> {
        let mut out = Vec::new();
        while let Some(job) = run.next_job().cloned() {
            let result = JobResult {
                sentence: job.sentence,
                targets: job
                    .targets
                    .iter()
                    .map(|&t| (t, if t.start < 30 { [0.1, 0.2, 0.7] } else { [0.7, 0.2, 0.1] }))
                    .collect(),
            };
            out.push(read(&run.take(result)));
        }
        out
    }

    #[test]
    fn every_cell_is_sent_once_as_its_sentences_finish() {
        let mut run = Run::new(TEXT, Config::default());
        let total = run.total();
        assert!(total >= 2, "{total}");
        let msgs = messages(&mut run);
        assert_eq!(msgs.len(), total);
        let mut seen = Vec::new();
        for (i, (done, of, sentence, _, cells)) in msgs.iter().enumerate() {
            assert_eq!(*done, i + 1);
            assert_eq!(*of, total);
            assert!(sentence.is_some());
            for c in cells {
                let key = (c[0] as usize, c[1] as usize);
                assert!(!seen.contains(&key), "{key:?} sent twice");
                seen.push(key);
                assert!([-1.0, 0.0, 1.0].contains(&c[2]));
                let p: f64 = c[4..7].iter().sum();
                assert!((p - 1.0).abs() < 1e-3, "{c:?}");
                assert_eq!(c[8] == 1.0, c[2] != c[7]);
            }
        }
        let scored = run.report.cells.iter().filter(|c| c.mentions > 0).count();
        assert_eq!(seen.len(), scored);
    }

    #[test]
    fn sentence_verdicts_carry_spans_inside_the_text() {
        let mut run = Run::new(TEXT, Config::default());
        for (_, _, sentence, targets, _) in messages(&mut run) {
            let s = sentence.unwrap();
            let (start, end) = (s[2] as usize, s[3] as usize);
            assert!(end <= TEXT.len() && start < end);
            assert!(!targets.is_empty());
            for t in targets {
                let (a, b) = (t[1] as usize, t[2] as usize);
                assert!(start <= a && b <= end, "{t:?}");
                assert!((t[0] as usize) < run.report.actors.len());
            }
        }
    }

    #[test]
    fn the_actor_edits_reach_the_run() {
        let mut config = Config::default();
        config.actors.remove.push("france".into());
        let run = Run::new(TEXT, config);
        assert!(run.report.actor("france").is_none());
        assert!(run.total() >= 1);
        assert_eq!(run.text(), TEXT);
    }
}
