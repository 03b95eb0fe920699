//! Precise mode on the page: what the model worker has said so far, the
//! messages it sends, and the page's handle on it.
//!
//! The model worker (`crates/slant-precise-worker`, served as
//! `precise/worker.js`) is a WebAssembly module of its own, started only when
//! the user switches the mode on; it downloads the model, analyses the text
//! with the same engine and config as the page, and sends the model's verdict
//! one sentence at a time. Each request carries a run number: the reducer
//! keeps only the newest run's messages, so results for an older text or
//! config are dropped. This module owns [`ModelRun`] (kept in the session),
//! [`Msg`] and how a message changes the run ([`ModelRun::apply`]), and
//! [`ModelWorker`]; it must not compute a score (it stores what the worker
//! sent) or touch the DOM beyond the worker.

use std::rc::Rc;

use slant_core::Label;

use crate::state::ReportRef;

/// The model file's size, for the download's progress when the server does not say.
pub const MODEL_BYTES: u64 = 23_134_831;

/// The model's verdict on one chart cell, as the worker sent it.
#[derive(Clone, Debug, PartialEq)]
pub struct ModelCell {
    pub label: Label,
    /// `p_pos - p_neg` of the mean probabilities of the cell's mentions.
    pub score: f32,
    /// Mean `[p_neg, p_neu, p_pos]`.
    pub probs: [f32; 3],
    /// The lexicon cell's three-way label, which `disagree` compares with.
    pub lexicon: Label,
    pub disagree: bool,
}

/// The model's cells, sorted by (paragraph, actor index).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ModelCells(Vec<((usize, usize), ModelCell)>);

impl ModelCells {
    /// The cell at (paragraph, actor index), if the model has scored it.
    pub fn get(&self, key: (usize, usize)) -> Option<&ModelCell> {
        self.0
            .binary_search_by_key(&key, |(k, _)| *k)
            .ok()
            .map(|i| &self.0[i].1)
    }

    pub fn iter(&self) -> impl Iterator<Item = &((usize, usize), ModelCell)> {
        self.0.iter()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The model's verdict on one actor mention of a sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct ModelTarget {
    /// Index into the report's actors.
    pub actor: usize,
    pub span: slant_core::Span,
    pub probs: [f32; 3],
    pub label: Label,
}

/// The model's verdicts on one sentence, for the evidence panel.
#[derive(Clone, Debug, PartialEq)]
pub struct ModelSentence {
    pub paragraph: usize,
    pub span: slant_core::Span,
    pub targets: Vec<ModelTarget>,
}

/// Where the mode is.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Phase {
    #[default]
    Off,
    /// Bytes of the model downloaded, of the total.
    Downloading(u64, u64),
    /// The model is downloaded and being read.
    Building,
    /// The model is loaded; its run is under way or about to start.
    Analysing,
    /// Every cell of the run's report has the model's score.
    Ready,
    /// The model could not load; the message says why.
    Failed(String),
}

/// One message from the model worker (see `static/precise-worker.js`), or
/// from the page about it.
// Natively only the tests send the worker's messages: the worker is wasm.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
#[derive(Clone, Debug, PartialEq)]
pub enum Msg {
    /// The page switched the mode on (the worker starts).
    Start,
    /// The page asked for run `run` of `report`.
    Request(u64, ReportRef),
    /// Model bytes downloaded, of the total (0: unknown).
    Progress(u64, u64),
    /// The model is built.
    Loaded,
    /// Run `run` has this many sentences to analyse.
    Planned(u64, usize),
    /// Run `run` finished a sentence: the worker's message (see the worker crate).
    Step(u64, Rc<[f64]>),
    /// Run `run` is complete.
    Done(u64),
    /// The model could not load, or a run failed.
    Failed(String),
}

/// Precise mode's results for the report they were asked for.
#[derive(Clone, Debug, Default)]
pub struct ModelRun {
    pub phase: Phase,
    /// Whether the model is loaded in the worker.
    pub loaded: bool,
    /// The newest run asked for, and the report it is for.
    pub run: u64,
    pub report: Option<ReportRef>,
    pub cells: Rc<ModelCells>,
    /// In text order.
    pub sentences: Rc<Vec<ModelSentence>>,
    /// Sentences analysed, of those planned.
    pub done: usize,
    pub total: usize,
    /// Milliseconds from the model loaded (or the request, if later) to the run complete.
    pub ms: Option<f64>,
    started: Option<f64>,
}

/// Cheap to compare: the cells and sentences by identity (a message replaces them).
impl PartialEq for ModelRun {
    fn eq(&self, o: &ModelRun) -> bool {
        self.phase == o.phase
            && self.loaded == o.loaded
            && self.run == o.run
            && self.report == o.report
            && Rc::ptr_eq(&self.cells, &o.cells)
            && Rc::ptr_eq(&self.sentences, &o.sentences)
            && (self.done, self.total, self.ms) == (o.done, o.total, o.ms)
    }
}

/// A label from a message's code.
fn label(code: f32) -> Label {
    if code < -0.5 {
        Label::Negative
    } else if code > 0.5 {
        Label::Positive
    } else {
        Label::Neutral
    }
}

/// A step message read: sentences done and planned, the sentence's verdict
/// and the newly complete cells.
pub struct Step {
    pub done: usize,
    pub total: usize,
    pub sentence: Option<ModelSentence>,
    pub cells: Vec<((usize, usize), ModelCell)>,
}

/// Reads numbers off a step message.
struct Cursor<'a>(std::slice::Iter<'a, f64>);

impl Cursor<'_> {
    /// The next number, if it is finite.
    fn f(&mut self) -> Option<f32> {
        self.0.next().filter(|x| x.is_finite()).map(|&x| x as f32)
    }

    /// The next number as a count or an index.
    fn n(&mut self) -> Option<usize> {
        self.0
            .next()
            .filter(|x| x.is_finite() && **x >= 0.0)
            .map(|&x| x as usize)
    }
}

/// Reads a step message (see the worker crate's docs); `None` if it is damaged.
pub fn read_step(m: &[f64]) -> Option<Step> {
    let mut c = Cursor(m.iter());
    let (done, total) = (c.n()?, c.n()?);
    let sentence = match c.n()? {
        0 => None,
        _ => {
            let (_, paragraph, start, end, t) = (c.n()?, c.n()?, c.n()?, c.n()?, c.n()?);
            let mut targets = Vec::new();
            for _ in 0..t {
                let (actor, a, b) = (c.n()?, c.n()?, c.n()?);
                let probs = [c.f()?, c.f()?, c.f()?];
                targets.push(ModelTarget {
                    actor,
                    span: slant_core::Span::new(a, b),
                    probs,
                    label: label(c.f()?),
                });
            }
            Some(ModelSentence {
                paragraph,
                span: slant_core::Span::new(start, end),
                targets,
            })
        }
    };
    let mut cells = Vec::new();
    for _ in 0..c.n()? {
        let (p, a, l) = (c.n()?, c.n()?, c.f()?);
        let (score, probs) = (c.f()?, [c.f()?, c.f()?, c.f()?]);
        let (lexicon, disagree) = (label(c.f()?), c.f()? == 1.0);
        let cell = ModelCell {
            label: label(l),
            score,
            probs,
            lexicon,
            disagree,
        };
        cells.push(((p, a), cell));
    }
    Some(Step {
        done,
        total,
        sentence,
        cells,
    })
}

impl ModelRun {
    /// Whether the mode shows results for `report`: its cells are that report's.
    pub fn cells_for(&self, report: &ReportRef) -> Option<Rc<ModelCells>> {
        (self.report.as_ref() == Some(report) && !self.cells.is_empty()).then(|| self.cells.clone())
    }

    /// The cells where the model and the lexicon disagree, in chart order.
    pub fn disagreements(&self) -> impl Iterator<Item = &((usize, usize), ModelCell)> {
        self.cells.iter().filter(|(_, c)| c.disagree)
    }

    /// Applies one message; messages of a run older than the newest are dropped.
    pub fn apply(&mut self, msg: Msg) {
        let stale = |run: u64, this: &ModelRun| run != this.run;
        match msg {
            Msg::Start => {
                if matches!(self.phase, Phase::Off | Phase::Failed(_)) {
                    *self = ModelRun {
                        phase: Phase::Downloading(0, MODEL_BYTES),
                        ..ModelRun::default()
                    };
                }
            }
            Msg::Request(run, report) => {
                self.run = run;
                self.report = Some(report);
                self.cells = Rc::default();
                self.sentences = Rc::default();
                self.done = 0;
                self.total = 0;
                self.ms = None;
                self.started = None;
                if self.loaded {
                    self.phase = Phase::Analysing;
                    self.started = crate::perf::now();
                }
            }
            Msg::Progress(loaded, total) => {
                if matches!(self.phase, Phase::Downloading(..)) {
                    let total = if total == 0 { MODEL_BYTES.max(loaded) } else { total };
                    self.phase = if loaded >= total {
                        Phase::Building
                    } else {
                        Phase::Downloading(loaded, total)
                    };
                }
            }
            Msg::Loaded => {
                self.loaded = true;
                self.phase = Phase::Analysing;
                crate::perf::mark("slant:precise-loaded");
                self.started = crate::perf::now();
            }
            Msg::Planned(run, total) => {
                if !stale(run, self) {
                    self.total = total;
                }
            }
            Msg::Step(run, json) => {
                if stale(run, self) {
                    return;
                }
                let Some(Step {
                    done,
                    total,
                    sentence,
                    cells,
                }) = read_step(&json)
                else {
                    return;
                };
                self.done = done;
                self.total = total;
                if let Some(s) = sentence {
                    Rc::make_mut(&mut self.sentences).push(s);
                }
                if !cells.is_empty() {
                    let all = &mut Rc::make_mut(&mut self.cells).0;
                    for (k, c) in cells {
                        if let Err(i) = all.binary_search_by_key(&k, |(k, _)| *k) {
                            all.insert(i, (k, c));
                        }
                    }
                }
            }
            Msg::Done(run) => {
                if !stale(run, self) && self.loaded {
                    self.phase = Phase::Ready;
                    self.done = self.total;
                    self.ms = self.started.zip(crate::perf::now()).map(|(a, b)| b - a);
                    crate::perf::measure("slant:precise-ready", Some("slant:precise-loaded"));
                }
            }
            Msg::Failed(message) => self.phase = Phase::Failed(message),
        }
    }

    /// What the status line says.
    pub fn status(&self) -> String {
        let mb = |b: u64| format!("{:.1}", b as f64 / 1_000_000.0);
        match &self.phase {
            Phase::Off => "Precise mode is off.".to_string(),
            Phase::Downloading(loaded, total) => format!(
                "Downloading the model: {} of {} MB (once; your browser keeps it).",
                mb(*loaded),
                mb(*total)
            ),
            Phase::Building => "Loading the model…".to_string(),
            Phase::Analysing if self.total == 0 => "Analysing with the model…".to_string(),
            Phase::Analysing => format!("Analysing with the model: {} of {} sentences.", self.done, self.total),
            Phase::Ready => {
                let n = self.disagreements().count();
                let time = self
                    .ms
                    .map(|ms| format!(" in {:.1} s", ms / 1000.0))
                    .unwrap_or_default();
                format!(
                    "Precise mode ready: every cell has the model’s score ({} sentences{time}); it disagrees with the lexicon on {n} {}.",
                    self.total,
                    if n == 1 { "cell" } else { "cells" }
                )
            }
            Phase::Failed(message) => format!(
                "Precise mode could not start: {message}. The lexicon’s scores are shown; nothing else is lost."
            ),
        }
    }
}

#[cfg(target_arch = "wasm32")]
pub use page::ModelWorker;

/// Natively (unit and SSR tests) there is no model worker: requests go nowhere.
#[cfg(not(target_arch = "wasm32"))]
#[derive(Clone)]
pub struct ModelWorker;

#[cfg(not(target_arch = "wasm32"))]
impl ModelWorker {
    pub fn new(_: impl Fn(Msg) + 'static) -> ModelWorker {
        ModelWorker
    }

    pub fn request(&self, _: u64, _: &str, _: &slant_core::Config) {}
}

/// Whether the page can run the model worker: not from `file://` (the single-file build).
pub fn available() -> bool {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window()
            .and_then(|w| w.location().protocol().ok())
            .is_some_and(|p| p != "file:")
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        true
    }
}

#[cfg(target_arch = "wasm32")]
mod page {
    use std::rc::Rc;

    use js_sys::{Float64Array, Object, Reflect, Uint8Array};
    use wasm_bindgen::JsCast;
    use wasm_bindgen::prelude::*;
    use web_sys::{MessageEvent, Worker, WorkerOptions, WorkerType};

    use super::Msg;

    /// The worker script, beside its module (built by scripts/precise-worker.sh).
    const SCRIPT: &str = "./precise/worker.js";

    /// The page's handle on the model worker; the worker ends when it is dropped.
    pub struct ModelWorker {
        worker: Option<Worker>,
        _listener: Closure<dyn FnMut(MessageEvent)>,
        _on_error: Closure<dyn FnMut(web_sys::Event)>,
    }

    impl Drop for ModelWorker {
        fn drop(&mut self) {
            if let Some(w) = &self.worker {
                w.terminate();
            }
        }
    }

    /// A message from the worker: a string says why the model or a run
    /// failed; anything else is a `Float64Array` whose first number is its kind.
    fn read(data: &JsValue) -> Option<Msg> {
        if let Some(s) = data.as_string() {
            return Some(Msg::Failed(s));
        }
        let v = data.dyn_ref::<Float64Array>()?.to_vec();
        let at = |i: usize| v.get(i).copied().unwrap_or(0.0);
        let run = at(1) as u64;
        Some(match at(0) as u8 {
            0 => Msg::Progress(at(1) as u64, at(2) as u64),
            1 => Msg::Loaded,
            2 => Msg::Planned(run, at(2) as usize),
            3 => Msg::Step(run, Rc::from(v.get(2..).unwrap_or_default())),
            _ => Msg::Done(run),
        })
    }

    impl ModelWorker {
        /// Starts the worker (which starts downloading the model); `tell` gets its messages.
        pub fn new(tell: impl Fn(Msg) + 'static) -> ModelWorker {
            let tell = Rc::new(tell);
            let t = tell.clone();
            let listener = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
                if let Some(m) = read(&e.data()) {
                    t(m);
                }
            });
            let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
                tell(Msg::Failed("the model worker could not start".to_string()));
            });
            let options = WorkerOptions::new();
            options.set_type(WorkerType::Module);
            let worker = Worker::new_with_options(SCRIPT, &options).ok();
            match &worker {
                Some(w) => {
                    w.set_onmessage(Some(listener.as_ref().unchecked_ref()));
                    w.set_onerror(Some(on_error.as_ref().unchecked_ref()));
                }
                None => {
                    let _ = on_error
                        .as_ref()
                        .unchecked_ref::<js_sys::Function>()
                        .call0(&JsValue::NULL);
                }
            }
            ModelWorker {
                worker,
                _listener: listener,
                _on_error: on_error,
            }
        }

        /// Asks for run `run` of (`text`, `config`); it replaces the run in progress.
        pub fn request(&self, run: u64, text: &str, config: &slant_core::Config) {
            let Some(w) = &self.worker else { return };
            let m = Object::new();
            let config = Uint8Array::from(slant_share::encode_config(config).as_slice());
            for (k, v) in [
                ("run", JsValue::from_f64(run as f64)),
                ("text", JsValue::from_str(text)),
                ("config", config.into()),
            ] {
                let _ = Reflect::set(&m, &JsValue::from_str(k), &v);
            }
            let _ = w.post_message(&m);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use slant_core::Config;
    use slant_model::precise::JobResult;
    use slant_precise_worker::Run;

    const TEXT: &str = "Russia attacked Ukraine. France praised Ukraine.\n\nGermany criticised Russia.";

    /// The worker's messages for `text`, from made-up probabilities (negative everywhere).
    fn steps(text: &str) -> Vec<Vec<f64>> {
        let mut run = Run::new(text, Config::default());
        let mut out = Vec::new();
        while let Some(job) = run.next_job().cloned() {
            let targets = job.targets.iter().map(|&t| (t, [0.8, 0.1, 0.1])).collect();
            out.push(run.take(JobResult {
                sentence: job.sentence,
                targets,
            }));
        }
        out
    }

    fn report(text: &str) -> ReportRef {
        ReportRef(Rc::new(slant_core::analyze(text, &Config::default())))
    }

    #[test]
    fn a_run_fills_its_cells_sentence_by_sentence_and_ends_ready() {
        let r = report(TEXT);
        let mut m = ModelRun::default();
        m.apply(Msg::Start);
        assert!(matches!(m.phase, Phase::Downloading(0, _)));
        m.apply(Msg::Progress(5_000_000, 0));
        assert!(m.status().contains("5.0 of 23.1 MB"), "{}", m.status());
        m.apply(Msg::Request(1, r.clone()));
        m.apply(Msg::Progress(MODEL_BYTES, MODEL_BYTES));
        assert_eq!(m.phase, Phase::Building);
        m.apply(Msg::Loaded);
        let steps = steps(TEXT);
        m.apply(Msg::Planned(1, steps.len()));
        m.apply(Msg::Step(1, Rc::from(steps[0].as_slice())));
        assert_eq!(m.phase, Phase::Analysing);
        assert!(
            m.status().contains(&format!("1 of {} sentences", steps.len())),
            "{}",
            m.status()
        );
        let after_one = m.cells.iter().count();
        for s in &steps[1..] {
            m.apply(Msg::Step(1, Rc::from(s.as_slice())));
        }
        m.apply(Msg::Done(1));
        assert_eq!(m.phase, Phase::Ready);
        assert!(m.status().contains("ready"), "{}", m.status());
        let mentioned = r.cells.iter().filter(|c| c.mentions > 0).count();
        assert_eq!(m.cells.iter().count(), mentioned);
        assert!(after_one < mentioned);
        assert_eq!(m.sentences.len(), steps.len());
        for ((p, a), c) in m.cells.iter() {
            assert!(r.cell(*p, *a).is_some());
            assert_eq!(c.label, Label::Negative);
            assert!((c.score + 0.7).abs() < 1e-4);
            assert_eq!(c.disagree, c.lexicon != Label::Negative);
        }
        assert_eq!(m.cells_for(&r), Some(m.cells.clone()));
        assert_eq!(
            m.cells_for(&report(TEXT)),
            None,
            "another report, even of the same text"
        );
    }

    #[test]
    fn messages_of_an_older_run_are_dropped() {
        let old = report(TEXT);
        let new = report("Kenya praised Ghana.");
        let mut m = ModelRun::default();
        m.apply(Msg::Start);
        m.apply(Msg::Loaded);
        m.apply(Msg::Request(1, old));
        let stale = steps(TEXT);
        m.apply(Msg::Step(1, Rc::from(stale[0].as_slice())));
        assert!(!m.cells.is_empty());
        m.apply(Msg::Request(2, new.clone()));
        assert!(m.cells.is_empty() && m.sentences.is_empty(), "a new run starts empty");
        for s in &stale {
            m.apply(Msg::Step(1, Rc::from(s.as_slice())));
        }
        m.apply(Msg::Done(1));
        assert!(m.cells.is_empty());
        assert_eq!(m.phase, Phase::Analysing);
        for s in steps("Kenya praised Ghana.") {
            m.apply(Msg::Step(2, Rc::from(s.as_slice())));
        }
        m.apply(Msg::Done(2));
        assert_eq!(m.phase, Phase::Ready);
        assert!(m.cells.iter().all(|&((p, a), _)| new.cell(p, a).is_some()));
    }

    #[test]
    fn a_model_that_cannot_load_says_so_and_can_be_retried() {
        let mut m = ModelRun::default();
        m.apply(Msg::Start);
        m.apply(Msg::Failed("the model file answered HTTP 404".into()));
        assert!(
            m.status().contains("HTTP 404") && m.status().contains("lexicon"),
            "{}",
            m.status()
        );
        m.apply(Msg::Start);
        assert!(matches!(m.phase, Phase::Downloading(..)));
    }

    #[test]
    fn damaged_step_messages_are_ignored() {
        assert!(read_step(&[1.0, 2.0, 0.0, 0.0]).is_some());
        let full = &steps(TEXT)[0];
        assert!(read_step(full).is_some());
        for cut in 0..full.len() - 1 {
            if cut != 3 {
                assert!(read_step(&full[..cut]).is_none(), "cut at {cut}");
            }
        }
        assert!(read_step(&[1.0, f64::NAN, 0.0, 0.0]).is_none());
        assert!(read_step(&[-1.0, 2.0, 0.0, 0.0]).is_none());
    }
}
