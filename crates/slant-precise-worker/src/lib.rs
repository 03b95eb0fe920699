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
//! Every message to the page is one string of fields separated by [`SEP`]; the first field is
//! a letter for the kind, followed by the page's run number when the message belongs to a run
//! (the page drops messages of an older run). The page stores what it is sent and recomputes
//! nothing: status lines, the title a chart cell adds, the disagreement list's items and the
//! evidence panel's verdicts are written here, with the page's own [`markup`] and [`explain`].
//! - `s<run>`, status text, and while downloading the bytes loaded and the total (run 0: not
//!   tied to a run): see [`downloading`] and [`Run::planned`];
//! - `l`, status text: the model is loaded ([`loaded`]);
//! - `c<run>`, status text, then [`CELL_FIELDS`] fields for each cell whose every mention is
//!   now scored (each cell is sent once; see [`Run::take`]): `paragraph, actor, score` (in
//!   ten-thousandths), `label` (-1, 0 or 1), `disagree` (1 or 0), the cell title's model part,
//!   the disagreement list's item markup (empty when model and lexicon agree), and the
//!   evidence panel's markup for the cell (the model's verdict and each sentence's);
//! - `d<run>`, status text: every sentence of the run is done ([`Run::done`]);
//! - `f`, why the model or a run failed (the page words the status).

use slant_core::{Config, Label, Report};
use slant_model::Model;
use slant_model::precise::{self, Job, JobResult, PreciseCell, SentenceVerdict};

/// The page's own escaping and number wording, so that the worker's markup reads like the page's.
#[allow(dead_code)]
#[path = "../../../src/explain.rs"]
mod explain;
#[allow(dead_code)]
#[path = "../../../src/markup.rs"]
mod markup;
#[allow(dead_code)]
#[path = "../../../src/num.rs"]
mod num;

use markup::Markup;

/// Separates a message's fields.
pub const SEP: char = '\u{1}';
/// Fields per cell in a `c` message.
pub const CELL_FIELDS: usize = 8;
/// The model file's size, for the download's progress when the server does not say.
pub const MODEL_BYTES: f64 = 23_134_831.0;

/// The status while the model downloads: `loaded` bytes of `total` (0 if the server did not say).
pub fn downloading(loaded: f64, total: f64) -> String {
    let total = if total > 0.0 { total } else { MODEL_BYTES.max(loaded) };
    if loaded >= total {
        return format!("s0{SEP}Loading the model…");
    }
    let mb = |b: f64| b / 1_000_000.0;
    format!(
        "s0{SEP}Downloading the model: {:.1} of {:.1} MB (once; your browser keeps it).{SEP}{loaded}{SEP}{total}",
        mb(loaded),
        mb(total)
    )
}

/// The message that says the model is loaded.
pub fn loaded() -> String {
    format!("l{SEP}Analysing with the model…")
}

/// Disagreement list items' markup, for the page's list.
fn item(report: &Report, c: &PreciseCell, label: Label) -> String {
    let mut m = Markup::with_capacity(200);
    m.raw("<li>")
        .open("button")
        .attr("type", "button")
        .attr("class", "linkish")
        .attr("data-testid", "precise-disagreement")
        .attr("data-paragraph", c.paragraph)
        .attr("data-col", c.actor)
        .end_open()
        .text(format_args!(
            "{} in P{}: lexicon {}, model {}",
            report.actors.get(c.actor).map_or("", |a| a.name.as_str()),
            c.paragraph + 1,
            c.lexicon_label.as_str(),
            label.as_str()
        ))
        .close("button")
        .raw("</li>");
    m.into_string()
}

/// Probabilities in words: "negative 0.80 · neutral 0.15 · positive 0.05".
fn probs(p: [f32; 3]) -> String {
    let p = p.map(q4);
    format!("negative {:.2} · neutral {:.2} · positive {:.2}", p[0], p[1], p[2])
}

/// The evidence panel's markup for a scored cell: the model's verdict on it and on each
/// sentence of its paragraph that mentions the actor.
fn evidence(
    text: &str,
    sentences: &[SentenceVerdict],
    c: &PreciseCell,
    (label, score, p): (Label, f32, [f32; 3]),
) -> String {
    let mut m = Markup::with_capacity(800);
    m.raw(r#"<h3>The model’s verdict</h3><p class="cell-line">"#)
        .open("span")
        .attr(
            "class",
            format_args!(
                "chip {}",
                match q4(score) {
                    x if x > 0.0 => "pos",
                    x if x < 0.0 => "neg",
                    _ => "zero",
                }
            ),
        )
        .end_open()
        .text(explain::score(q4(score)))
        .close("span")
        .text(format_args!(
            " {} ({}); the lexicon says {}.",
            label.as_str(),
            probs(p),
            c.lexicon_label.as_str()
        ));
    if c.disagree {
        m.raw(r#"<strong class="disagree-note"> They disagree.</strong>"#);
    }
    m.raw(r#"</p><ol class="evidence-list">"#);
    let from = sentences.partition_point(|s| s.paragraph < c.paragraph);
    for s in sentences[from..].iter().take_while(|s| s.paragraph == c.paragraph) {
        for t in s.targets.iter().filter(|t| t.actor == c.actor) {
            m.raw(r#"<li data-testid="model-sentence"><span class="words">“"#)
                .text(explain::first_words(s.span.of(text), 24))
                .raw(r#"”</span><p class="evidence-detail">About “"#)
                .text(t.span.of(text))
                .text(format_args!("”: {} ({})", t.label.as_str(), probs(t.probs)))
                .raw("</p></li>");
        }
    }
    m.raw("</ol>");
    m.into_string()
}

/// The run of one (text, config): the report, its jobs and the results so far.
pub struct Run {
    /// The page's number for this run, echoed in every message.
    number: u64,
    report: Report,
    config: Config,
    jobs: Vec<Job>,
    results: Vec<JobResult>,
    /// Cells already sent, by index into the report's cells.
    sent: Vec<bool>,
    /// Cells sent on which the model and the lexicon disagree.
    disagree: usize,
}

impl Run {
    /// Analyses `text` with `config` and plans the model's jobs, for the page's run `number`.
    pub fn new(number: u64, text: &str, config: Config) -> Run {
        let report = slant_core::analyze(text, &config);
        let jobs = precise::plan(&report);
        let sent = vec![false; report.cells.len()];
        Run {
            number,
            report,
            config,
            jobs,
            results: Vec::new(),
            sent,
            disagree: 0,
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

    /// The status while the run is under way.
    fn analysing(&self) -> String {
        format!(
            "Analysing with the model: {} of {} sentences.",
            self.results.len(),
            self.jobs.len()
        )
    }

    /// The message that says how many sentences the run has.
    pub fn planned(&self) -> String {
        format!("s{}{SEP}{}", self.number, self.analysing())
    }

    /// The message that ends the run, `ms` milliseconds after it started (if measured).
    pub fn done(&self, ms: Option<f64>) -> String {
        let n = self.disagree;
        let time = ms.map(|ms| format!(" in {:.1} s", ms / 1000.0)).unwrap_or_default();
        format!(
            "d{}{SEP}Precise mode ready: every cell has the model’s score ({} sentences{time}); it disagrees with the lexicon on {n} {}.",
            self.number,
            self.jobs.len(),
            if n == 1 { "cell" } else { "cells" }
        )
    }

    /// Runs the next job with `model`; its message, or `None` when every job is done.
    pub fn step(&mut self, model: &Model) -> Option<String> {
        let job = self.next_job()?;
        let result = precise::run(model, &self.report.text, job);
        Some(self.take(result))
    }

    /// Records the next job's result and returns its message (see the crate docs).
    pub fn take(&mut self, result: JobResult) -> String {
        self.results.push(result);
        let assembled = precise::assemble(&self.report, &self.config, &self.results);
        let mut out = format!("c{}{SEP}{}", self.number, self.analysing());
        for (i, c) in assembled.cells.iter().enumerate() {
            let (Some(label), Some(score), Some(p)) = (c.label, c.score, c.probs) else {
                continue;
            };
            if self.sent.get(i).copied().unwrap_or(true) {
                continue;
            }
            self.sent[i] = true;
            self.disagree += usize::from(c.disagree);
            let title = format!(
                "; model: {} {}{}",
                explain::score(q4(score)),
                label.as_str(),
                if c.disagree { ", disagrees with the lexicon" } else { "" }
            );
            let item = if c.disagree {
                item(&self.report, c, label)
            } else {
                String::new()
            };
            let evidence = evidence(&self.report.text, &assembled.sentences, c, (label, score, p));
            let fields = [
                c.paragraph.to_string(),
                c.actor.to_string(),
                ((f64::from(score) * 10_000.0).round() as i32).to_string(),
                code(label).to_string(),
                u8::from(c.disagree).to_string(),
                title,
                item,
                evidence,
            ];
            for f in fields {
                out.push(SEP);
                out.push_str(&f);
            }
        }
        out
    }
}

/// A label as the messages carry it.
fn code(label: Label) -> i8 {
    match label {
        Label::Negative => -1,
        Label::Positive => 1,
        Label::Neutral | Label::Mixed => 0,
    }
}

/// Four decimals, as the report rounds.
fn q4(x: f32) -> f32 {
    ((f64::from(x) * 10_000.0).round() / 10_000.0) as f32
}

/// The worker's entry points, called by `static/precise-worker.js`.
#[cfg(target_arch = "wasm32")]
mod web {
    use wasm_bindgen::prelude::*;

    use super::Run;
    use slant_model::Model;

    /// The status message while the model downloads (see [`super::downloading`]).
    #[wasm_bindgen]
    pub fn downloading(loaded: f64, total: f64) -> String {
        super::downloading(loaded, total)
    }

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

        /// The message that says the model is loaded.
        pub fn loaded(&self) -> String {
            super::loaded()
        }

        /// Starts the page's run `number` for `text` with `config` (slant-share's
        /// `encode_config` bytes), dropping any run in progress; returns its `planned` message.
        pub fn start(&mut self, number: f64, text: &str, config: &[u8]) -> Result<String, String> {
            let config = slant_share::decode_config(config).map_err(|e| e.to_string())?;
            let run = Run::new(number as u64, text, config);
            let planned = run.planned();
            self.run = Some(run);
            Ok(planned)
        }

        /// Runs the next job of the run in progress: its message; when every job is done,
        /// the run's `done` message (`ms` since it started), then `None`.
        pub fn step(&mut self, ms: f64) -> Option<String> {
            let run = self.run.as_mut()?;
            let message = run.step(&self.model);
            if message.is_none() {
                let done = run.done(Some(ms));
                self.run = None;
                return Some(done);
            }
            message
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A message's kind with its run, its status text, and its cells' fields.
    type Read = (String, String, Vec<Vec<String>>);

    fn read(m: &str) -> Read {
        let fields: Vec<String> = m.split(SEP).map(str::to_string).collect();
        let cells: Vec<Vec<String>> = fields[2..].chunks(CELL_FIELDS).map(<[String]>::to_vec).collect();
        assert!(cells.iter().all(|c| c.len() == CELL_FIELDS), "whole cells only: {m}");
        (fields[0].clone(), fields[1].clone(), cells)
    }

    const TEXT: &str = "Russia attacked Ukraine. France praised <Ukraine>.\n\nGermany criticised Russia.";

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
        let mut run = Run::new(3, TEXT, Config::default());
        let total = run.total();
        assert!(total >= 2, "{total}");
        assert_eq!(
            run.planned(),
            format!("s3{SEP}Analysing with the model: 0 of {total} sentences.")
        );
        let msgs = messages(&mut run);
        assert_eq!(msgs.len(), total);
        let mut seen = Vec::new();
        let mut disagree = 0;
        for (i, (tag, status, cells)) in msgs.iter().enumerate() {
            assert_eq!(tag, "c3");
            assert_eq!(
                status,
                &format!("Analysing with the model: {} of {total} sentences.", i + 1)
            );
            for c in cells {
                let key = (c[0].parse::<usize>().unwrap(), c[1].parse::<usize>().unwrap());
                assert!(!seen.contains(&key), "{key:?} sent twice");
                seen.push(key);
                let score: i32 = c[2].parse().unwrap();
                assert!(score.abs() <= 10_000, "{c:?}");
                assert!(["-1", "0", "1"].contains(&c[3].as_str()));
                assert!(c[5].starts_with("; model: "), "{c:?}");
                let disagrees = c[4] == "1";
                disagree += usize::from(disagrees);
                assert_eq!(disagrees, !c[6].is_empty(), "an item for each disagreement");
                assert_eq!(disagrees, c[5].ends_with("disagrees with the lexicon"));
                assert!(c[7].contains("data-testid=\"model-sentence\""), "{c:?}");
                assert!(c[7].contains(" · neutral 0.20 · "), "{c:?}");
            }
        }
        let scored = run.report.cells.iter().filter(|c| c.mentions > 0).count();
        assert_eq!(seen.len(), scored);
        assert!(disagree > 0, "the lexicon calls attacks negative");
        let done = run.done(Some(1234.0));
        assert!(done.starts_with(&format!("d3{SEP}Precise mode ready")), "{done}");
        assert!(done.contains(&format!("({total} sentences in 1.2 s)")), "{done}");
        let cells = if disagree == 1 { "cell" } else { "cells" };
        assert!(done.ends_with(&format!("on {disagree} {cells}.")), "{done}");
    }

    #[test]
    fn markup_from_the_article_is_escaped() {
        let mut run = Run::new(1, TEXT, Config::default());
        let all: Vec<String> = messages(&mut run)
            .into_iter()
            .flat_map(|(_, _, cells)| cells.into_iter().flat_map(|c| c[6..].to_vec()))
            .collect();
        let all = all.concat();
        assert!(all.contains("&lt;Ukraine&gt;"), "{all}");
        assert!(!all.contains("<Ukraine>"));
    }

    #[test]
    fn the_download_status_counts_megabytes() {
        let m = downloading(5_000_000.0, 0.0);
        assert!(m.starts_with(&format!("s0{SEP}")), "{m}");
        assert!(m.contains("5.0 of 23.1 MB"), "{m}");
        assert!(m.ends_with(&format!("{SEP}5000000{SEP}23134831")), "{m}");
        assert_eq!(
            downloading(MODEL_BYTES, MODEL_BYTES),
            format!("s0{SEP}Loading the model…")
        );
        assert_eq!(loaded(), format!("l{SEP}Analysing with the model…"));
    }

    #[test]
    fn the_actor_edits_reach_the_run() {
        let mut config = Config::default();
        config.actors.remove.push("france".into());
        let run = Run::new(1, TEXT, config);
        assert!(run.report.actor("france").is_none());
        assert!(run.total() >= 1);
        assert_eq!(run.text(), TEXT);
    }
}
