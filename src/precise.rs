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

/// Separates a worker message's fields (see the worker crate's docs).
const SEP: char = '\u{1}';

/// The status before the worker's first message.
const STARTING: &str = "Downloading the model: 0.0 of 23.1 MB (once; your browser keeps it).";

/// The model's verdict on one chart cell, as the worker sent it: the numbers
/// the chart draws and the text and markup the page shows.
#[derive(Clone, Debug, PartialEq)]
pub struct ModelCell {
    pub label: Label,
    /// `p_pos - p_neg` of the mean probabilities of the cell's mentions.
    pub score: f32,
    pub disagree: bool,
    /// The cell title's model part: "; model: −0.70 negative, disagrees with the lexicon".
    pub title: String,
    /// The disagreement list's item (markup); empty when the model agrees with the lexicon.
    pub item: String,
    /// The evidence panel's markup: the model's verdict on the cell and its sentences.
    pub evidence: String,
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

/// A message about the model worker: from the page, or the worker's own.
// Natively only the tests send the worker's messages: the worker is wasm.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
#[derive(Clone, Debug, PartialEq)]
pub enum Msg {
    /// The page switched the mode on (the worker starts).
    Start,
    /// The page asked for run `run` of `report`.
    Request(u64, ReportRef),
    /// A message from the worker, as it sent it (see the worker crate's docs).
    Worker(String),
}

/// Precise mode's results for the report they were asked for.
#[derive(Clone, Debug, Default)]
pub struct ModelRun {
    /// Whether the mode is started (its worker asked for).
    pub on: bool,
    /// Whether the model is loaded in the worker.
    pub loaded: bool,
    /// Whether every cell of the run's report has the model's score.
    pub ready: bool,
    /// The status line, as the worker wrote it.
    pub status: String,
    /// While the model downloads: bytes downloaded and the total, as the worker wrote them.
    pub progress: Option<(String, String)>,
    /// The newest run asked for, and the report it is for.
    pub run: u64,
    pub report: Option<ReportRef>,
    pub cells: Rc<ModelCells>,
    /// Whether the model could not load, or a run failed.
    pub failed: bool,
}

/// Cheap to compare: the cells by identity (a message replaces them).
impl PartialEq for ModelRun {
    fn eq(&self, o: &ModelRun) -> bool {
        (self.on, self.loaded, self.ready, self.failed, self.run) == (o.on, o.loaded, o.ready, o.failed, o.run)
            && self.status == o.status
            && self.progress == o.progress
            && self.report == o.report
            && Rc::ptr_eq(&self.cells, &o.cells)
    }
}

/// Reads a cell's fields from a worker message; `None` if they are damaged.
fn read_cell<'a>(f: &mut impl Iterator<Item = &'a str>) -> Option<((usize, usize), ModelCell)> {
    let key = (f.next()?.parse().ok()?, f.next()?.parse().ok()?);
    let score = f.next()?.parse::<i32>().ok()? as f32 / 10_000.0;
    let label = match f.next()? {
        "-1" => Label::Negative,
        "1" => Label::Positive,
        _ => Label::Neutral,
    };
    let disagree = f.next()? == "1";
    let mut text = || f.next().map(str::to_string);
    let cell = ModelCell {
        label,
        score,
        disagree,
        title: text()?,
        item: text()?,
        evidence: text()?,
    };
    Some((key, cell))
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
        match msg {
            Msg::Start => {
                if !self.on || self.failed {
                    *self = ModelRun {
                        on: true,
                        status: STARTING.to_string(),
                        progress: Some(("0".into(), "23134831".into())),
                        ..ModelRun::default()
                    };
                }
            }
            Msg::Request(run, report) => {
                self.run = run;
                self.report = Some(report);
                self.cells = Rc::default();
                self.ready = false;
                if self.loaded {
                    self.status = "Analysing with the model…".to_string();
                }
            }
            Msg::Worker(m) => {
                let mut f = m.split(SEP);
                let tag = f.next().unwrap_or_default();
                let (kind, run) = tag.split_at(tag.len().min(1));
                if run.parse().is_ok_and(|run: u64| run != 0 && run != self.run) || self.failed {
                    return;
                }
                let text = f.next().unwrap_or_default();
                self.progress = None;
                match kind {
                    "f" => {
                        self.failed = true;
                        self.status = format!(
                            "Precise mode could not start: {text}. The lexicon’s scores are shown; nothing else is lost."
                        );
                        return;
                    }
                    "l" => {
                        self.loaded = true;
                        crate::perf::mark("slant:precise-loaded");
                    }
                    "d" => {
                        self.ready = true;
                        crate::perf::measure("slant:precise-ready", Some("slant:precise-loaded"));
                    }
                    "c" => {
                        let all = &mut Rc::make_mut(&mut self.cells).0;
                        while let Some((k, c)) = read_cell(&mut f) {
                            if let Err(i) = all.binary_search_by_key(&k, |(k, _)| *k) {
                                all.insert(i, (k, c));
                            }
                        }
                    }
                    _ => self.progress = f.next().zip(f.next()).map(|(a, b)| (a.to_string(), b.to_string())),
                }
                self.status = text.to_string();
            }
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

    use js_sys::{Object, Reflect, Uint8Array};
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

    impl ModelWorker {
        /// Starts the worker (which starts downloading the model); `tell` gets its messages.
        pub fn new(tell: impl Fn(Msg) + 'static) -> ModelWorker {
            let tell = Rc::new(tell);
            let t = tell.clone();
            let listener = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
                if let Some(m) = e.data().as_string() {
                    t(Msg::Worker(m));
                }
            });
            let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
                tell(Msg::Worker("f\u{1}the model worker could not start".to_string()));
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

    /// The worker's messages for run `number` of `text`, from made-up
    /// probabilities (negative everywhere): planned, a step per sentence, done.
    fn messages(number: u64, text: &str) -> Vec<Msg> {
        let mut run = Run::new(number, text, Config::default());
        let mut out = vec![Msg::Worker(run.planned())];
        while let Some(job) = run.next_job().cloned() {
            let targets = job.targets.iter().map(|&t| (t, [0.8, 0.1, 0.1])).collect();
            out.push(Msg::Worker(run.take(JobResult {
                sentence: job.sentence,
                targets,
            })));
        }
        out.push(Msg::Worker(run.done(Some(2500.0))));
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
        assert!(m.on && m.progress.is_some());
        assert!(m.status.contains("0.0 of 23.1 MB"), "{}", m.status);
        m.apply(Msg::Worker(slant_precise_worker::downloading(5_000_000.0, 0.0)));
        assert!(m.status.contains("5.0 of 23.1 MB"), "{}", m.status);
        assert_eq!(m.progress, Some(("5000000".into(), "23134831".into())));
        m.apply(Msg::Request(1, r.clone()));
        m.apply(Msg::Worker(slant_precise_worker::downloading(2e7, 2e7)));
        assert_eq!(m.status, "Loading the model…");
        assert_eq!(m.progress, None);
        m.apply(Msg::Worker(slant_precise_worker::loaded()));
        assert!(m.loaded);
        let msgs = messages(1, TEXT);
        let steps = msgs.len() - 2;
        m.apply(msgs[0].clone());
        m.apply(msgs[1].clone());
        assert!(!m.ready);
        assert!(m.status.contains(&format!("1 of {steps} sentences")), "{}", m.status);
        let after_one = m.cells.iter().count();
        for msg in &msgs[2..] {
            m.apply(msg.clone());
        }
        assert!(m.ready);
        assert!(
            m.status.contains("ready") && m.status.contains(" in 2.5 s"),
            "{}",
            m.status
        );
        let mentioned = r.cells.iter().filter(|c| c.mentions > 0).count();
        assert_eq!(m.cells.iter().count(), mentioned);
        assert!(after_one < mentioned);
        for ((p, a), c) in m.cells.iter() {
            assert!(r.cell(*p, *a).is_some());
            assert_eq!(c.label, Label::Negative);
            assert!((c.score + 0.7).abs() < 1e-4);
            assert_eq!(c.disagree, !c.item.is_empty());
            assert!(c.evidence.contains("model-sentence"));
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
        m.apply(Msg::Worker(slant_precise_worker::loaded()));
        m.apply(Msg::Request(1, old));
        let stale = messages(1, TEXT);
        m.apply(stale[1].clone());
        assert!(!m.cells.is_empty());
        m.apply(Msg::Request(2, new.clone()));
        assert!(m.cells.is_empty(), "a new run starts empty");
        for s in &stale {
            m.apply(s.clone());
        }
        assert!(m.cells.is_empty());
        assert!(!m.ready);
        assert_eq!(m.status, "Analysing with the model…");
        for s in messages(2, "Kenya praised Ghana.") {
            m.apply(s);
        }
        assert!(m.ready);
        assert!(m.cells.iter().all(|&((p, a), _)| new.cell(p, a).is_some()));
    }

    #[test]
    fn a_model_that_cannot_load_says_so_and_can_be_retried() {
        let mut m = ModelRun::default();
        m.apply(Msg::Start);
        m.apply(Msg::Worker("f\u{1}the model file answered HTTP 404".into()));
        assert!(
            m.status.contains("HTTP 404") && m.status.contains("lexicon"),
            "{}",
            m.status
        );
        m.apply(Msg::Start);
        assert!(!m.failed && m.progress.is_some());
    }

    #[test]
    fn damaged_messages_are_ignored() {
        let msgs = messages(1, TEXT);
        let Msg::Worker(full) = &msgs[1] else { unreachable!() };
        let mut m = ModelRun::default();
        m.apply(Msg::Start);
        m.apply(Msg::Request(1, report(TEXT)));
        let mut whole = m.clone();
        whole.apply(msgs[1].clone());
        assert!(!whole.cells.is_empty());
        // Cut anywhere, a step adds no cell the whole message does not have.
        for cut in (0..full.len()).filter(|&i| full.is_char_boundary(i)) {
            let mut r = m.clone();
            r.apply(Msg::Worker(full[..cut].to_string()));
            assert!(r.cells.iter().count() <= whole.cells.iter().count());
            assert!(
                r.cells.iter().all(|&(k, _)| whole.cells.get(k).is_some()),
                "cut at {cut}"
            );
        }
        for junk in ["", "c", "c1", "cx\u{1}a\u{1}b", "zz"] {
            let mut r = m.clone();
            r.apply(Msg::Worker(junk.into()));
            assert!(r.cells.is_empty() && !r.ready && !r.failed, "{junk:?}");
        }
    }
}
