//! The analysis worker, both ends: the page's [`Analyser`], which sends each
//! (text, config) to a Web Worker and gets the report back, and the worker's
//! entry point, [`analyse_for_page`].
//!
//! The worker runs this same WebAssembly module: the page hands it the
//! compiled module (`wasm_bindgen::module()`) and the address of the
//! JavaScript glue, and `static/worker.js` instantiates them. Nothing is
//! downloaded twice and the page weight does not grow. The report comes back
//! in slant-share's wire format and is decoded here, on the page.
//!
//! With several articles the request carries them all (labels and texts):
//! the worker analyses each and compares them, and answers with the
//! reports and the comparison framed in one buffer (see [`frame`]). The
//! page reads every answer a slice per task ([`DECODE_STEP`]), so that a
//! long article's report never blocks it.
//!
//! Until the worker has loaded, a short text (the page's first chart, an
//! edit just after a long text was superseded) is analysed on the page, which
//! takes milliseconds; a long one waits for the worker. Only the newest
//! request matters: a request made while another is running
//! ends that worker and starts a fresh one, so a long analysis never delays
//! the answer to the user's latest edit. Where a worker cannot start (the
//! single-file build opened from `file://`, or a browser without module
//! workers), the analysis runs on the page as before and the status says so.
//!
//! This module owns the message protocol; it must not touch the app's state
//! (it reports through a callback) or the DOM beyond the worker.

use std::rc::Rc;

use slant_core::{Comparison, Config, Report};

use crate::state::Compared;

/// The result of one request: its id and the report, or a message for the user.
pub type Reply = (u64, Result<Rc<Report>, String>, Option<f64>);

/// The result of one comparison request: its id and the reports with their
/// comparison, or a message for the user.
pub type CompareReply = (u64, Result<Compared, String>, Option<f64>);

/// The worker's side of a comparison: analyses every article of `articles`
/// (slant-share's `encode_articles` bytes) with `config` (`encode_config`'s
/// bytes), compares them, and returns [`frame`]'s bytes. Called by `static/worker.js`.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn compare_for_page(articles: &[u8], config: &[u8]) -> Result<Vec<u8>, String> {
    let config = slant_share::decode_config(config).map_err(|e| e.to_string())?;
    let articles = slant_share::decode_articles(articles).map_err(|e| e.to_string())?;
    let reports: Vec<Rc<Report>> = articles.iter().map(|(_, t)| analyse_cached(t, &config)).collect();
    let labelled: Vec<(&str, &Report)> = articles
        .iter()
        .map(|(l, _)| l.as_str())
        .zip(reports.iter().map(|r| &**r))
        .collect();
    let comparison = slant_core::compare(&labelled, &config);
    let reports: Vec<&Report> = reports.iter().map(|r| &**r).collect();
    Ok(frame(&reports, &comparison))
}

/// Reports kept by the worker, newest last: a label or an edit to one
/// article then re-analyses only what changed. A worker ended because a
/// newer request superseded it starts with none. At most this many, and
/// of texts of at most [`CACHED_BYTES`] together (a report takes some ten
/// times its text's size in memory).
const CACHED: usize = 10;
const CACHED_BYTES: usize = 4 * 1024 * 1024;

thread_local! {
    static CACHE: std::cell::RefCell<Vec<(String, Config, Rc<Report>)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The report of (`text`, `config`), from the cache when the same text was
/// analysed with the same settings before.
// Natively only the tests call it: the worker is wasm.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub fn analyse_cached(text: &str, config: &Config) -> Rc<Report> {
    let hit = CACHE.with(|c| {
        let mut cache = c.borrow_mut();
        let i = cache.iter().position(|(t, k, _)| t == text && k == config)?;
        let entry = cache.remove(i);
        let report = entry.2.clone();
        cache.push(entry);
        Some(report)
    });
    hit.unwrap_or_else(|| {
        let report = Rc::new(slant_core::analyze(text, config));
        CACHE.with(|c| {
            let mut cache = c.borrow_mut();
            cache.push((text.to_string(), config.clone(), report.clone()));
            while cache.len() > CACHED
                || (cache.len() > 1 && cache.iter().map(|e| e.0.len()).sum::<usize>() > CACHED_BYTES)
            {
                cache.remove(0);
            }
        });
        report
    })
}

/// A comparison's answer as bytes: the number of reports (u32, little
/// endian), each report's length, the reports in slant-share's wire format,
/// then the comparison in its wire format (with each row's per-article actor indices).
// Natively only the tests call it: the page and the worker are wasm.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub fn frame(reports: &[&Report], comparison: &Comparison) -> Vec<u8> {
    let wires: Vec<Vec<u8>> = reports.iter().map(|r| slant_share::encode_report(r)).collect();
    let tail = slant_share::encode_comparison(comparison);
    let mut out = Vec::with_capacity(4 + 4 * wires.len() + wires.iter().map(Vec::len).sum::<usize>() + tail.len());
    out.extend_from_slice(&(wires.len() as u32).to_le_bytes());
    for w in &wires {
        out.extend_from_slice(&(w.len() as u32).to_le_bytes());
    }
    for w in &wires {
        out.extend_from_slice(w);
    }
    out.extend_from_slice(&tail);
    out
}

/// Reads [`frame`]'s bytes back at once, joining each report to its
/// article's text (the page reads them a piece at a time).
#[cfg(test)]
pub fn unframe(bytes: &[u8], texts: &[Rc<str>]) -> Result<Compared, String> {
    let mut reading = Unframe::new(bytes.to_vec(), texts.to_vec());
    loop {
        if let Some(done) = reading.step() {
            return done;
        }
    }
}

/// The wire bytes the page decodes in one task: a 2 MB article's report
/// (about 5 MB) is read over some twenty tasks of a few milliseconds each.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub const DECODE_STEP: usize = 256 * 1024;

/// [`frame`]'s bytes read back a piece at a time: [`DECODE_STEP`] bytes of
/// a report per [`Unframe::step`], then the comparison, so that the page
/// can spread the work of long articles over many tasks.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub struct Unframe {
    bytes: Vec<u8>,
    texts: Vec<Rc<str>>,
    reports: Vec<Rc<Report>>,
    /// The report being read.
    decoding: Option<slant_share::Decoding>,
    /// Where the next report starts.
    at: usize,
}

#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
const BROKEN: &str = "The comparison came back from its worker damaged.";

#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
impl Unframe {
    pub fn new(bytes: Vec<u8>, texts: Vec<Rc<str>>) -> Unframe {
        let at = 4 + 4 * texts.len();
        Unframe {
            bytes,
            texts,
            reports: Vec::new(),
            decoding: None,
            at,
        }
    }

    fn word(&self, at: usize) -> Result<usize, String> {
        self.bytes
            .get(at..at + 4)
            .and_then(|b| b.try_into().ok())
            .map(|b: [u8; 4]| u32::from_le_bytes(b) as usize)
            .ok_or_else(|| BROKEN.to_string())
    }

    /// Reads the next piece; the result once everything is read or something is wrong.
    pub fn step(&mut self) -> Option<Result<Compared, String>> {
        match self.try_step() {
            Ok(None) => None,
            Ok(Some(done)) => Some(Ok(done)),
            Err(e) => Some(Err(e)),
        }
    }

    fn try_step(&mut self) -> Result<Option<Compared>, String> {
        let n = self.texts.len();
        if self.word(0)? != n {
            return Err(BROKEN.to_string());
        }
        let i = self.reports.len();
        if i < n {
            if self.decoding.is_none() {
                let len = self.word(4 + 4 * i)?;
                let wire = self
                    .bytes
                    .get(self.at..self.at + len)
                    .ok_or_else(|| BROKEN.to_string())?;
                self.decoding = Some(slant_share::Decoding::new(wire.to_vec(), self.texts[i].to_string()));
                self.at += len;
            }
            if let Some(done) = self.decoding.as_mut().and_then(|d| d.step(DECODE_STEP)) {
                self.decoding = None;
                self.reports.push(Rc::new(done.map_err(|e| e.to_string())?));
            }
            return Ok(None);
        }
        let comparison = slant_share::decode_comparison(self.bytes.get(self.at..).unwrap_or_default())
            .map_err(|_| BROKEN.to_string())?;
        Ok(Some(Compared {
            reports: std::mem::take(&mut self.reports),
            comparison: Rc::new(comparison),
        }))
    }
}

/// Analyses and compares on the page, for where there is no worker and for tests.
pub fn compare_here(articles: &[(String, Rc<str>)], config: &Config) -> Compared {
    let reports: Vec<Report> = articles.iter().map(|(_, t)| analyse_here(t, config)).collect();
    let labelled: Vec<(&str, &Report)> = articles.iter().map(|(l, _)| l.as_str()).zip(&reports).collect();
    let comparison = slant_core::compare(&labelled, config);
    Compared {
        reports: reports.into_iter().map(Rc::new).collect(),
        comparison: Rc::new(comparison),
    }
}

/// The worker's side: analyses `text` with `config` (slant-share's
/// `encode_config` bytes) and returns the report as wire bytes. Called by `static/worker.js`.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn analyse_for_page(text: &str, config: &[u8]) -> Result<Vec<u8>, String> {
    let config = slant_share::decode_config(config).map_err(|e| e.to_string())?;
    Ok(slant_share::encode_report(&slant_core::analyze(text, &config)))
}

/// Analyses on the page, for where there is no worker and for tests.
pub fn analyse_here(text: &str, config: &Config) -> Report {
    slant_core::analyze(text, config)
}

#[cfg(target_arch = "wasm32")]
pub use page::Analyser;

/// Natively (unit and SSR tests) there is no worker: every request is answered here, at once.
#[cfg(not(target_arch = "wasm32"))]
#[derive(Clone)]
pub struct Analyser(Rc<dyn Fn(Reply)>, Rc<dyn Fn(CompareReply)>);

#[cfg(not(target_arch = "wasm32"))]
impl Analyser {
    pub fn new(reply: impl Fn(Reply) + 'static, compared: impl Fn(CompareReply) + 'static) -> Analyser {
        Analyser(Rc::new(reply), Rc::new(compared))
    }

    /// There is no worker to start.
    pub fn start(&self) {}

    pub fn compare(&self, id: u64, articles: Vec<(String, Rc<str>)>, config: &Config) {
        (self.1)((id, Ok(compare_here(&articles, config)), None));
    }

    pub fn request(&self, id: u64, text: Rc<str>, config: &Config) {
        let started = crate::perf::now();
        let report = analyse_here(&text, config);
        let ms = started.zip(crate::perf::now()).map(|(a, b)| b - a);
        (self.0)((id, Ok(Rc::new(report)), ms));
    }
}

#[cfg(target_arch = "wasm32")]
mod page {
    use std::cell::RefCell;
    use std::rc::Rc;

    use js_sys::{Object, Reflect, Uint8Array};
    use wasm_bindgen::JsCast;
    use wasm_bindgen::prelude::*;
    use web_sys::{MessageEvent, Worker, WorkerOptions, WorkerType};

    use super::{CompareReply, Reply, analyse_here, compare_here};
    use crate::perf;
    use slant_core::Config;

    /// Texts up to this long are analysed in the page while the worker starts.
    const IN_PAGE_WHILE_STARTING: usize = 48 * 1024;

    /// The worker script, beside index.html (Trunk copies it from static/).
    const SCRIPT: &str = "./worker.js";

    /// A request on its way: the page keeps the text to join it to the report.
    struct InFlight {
        id: u64,
        text: Rc<str>,
        config: Config,
        started: Option<f64>,
        /// A comparison's articles as (label, text); its answer is framed.
        articles: Option<Vec<(String, Rc<str>)>>,
    }

    struct Inner {
        worker: Option<Worker>,
        /// Kept alive as long as the worker it listens to.
        listener: Option<Closure<dyn FnMut(MessageEvent)>>,
        on_error: Option<Closure<dyn FnMut(web_sys::Event)>>,
        in_flight: Option<InFlight>,
        /// Set once a worker failed to start: from then on the page analyses.
        broken: bool,
        /// Set once the current worker has loaded the module and can answer.
        ready: bool,
        reply: Rc<dyn Fn(Reply)>,
        compared: Rc<dyn Fn(CompareReply)>,
    }

    /// The page's handle on the analysis worker. Cheap to clone.
    #[derive(Clone)]
    pub struct Analyser(Rc<RefCell<Inner>>);

    impl Analyser {
        /// An analyser that calls `reply` with every answer. The worker
        /// starts with [`Analyser::start`] (the app calls it once its first
        /// chart, analysed here, is drawn) or at the first request.
        pub fn new(reply: impl Fn(Reply) + 'static, compared: impl Fn(CompareReply) + 'static) -> Analyser {
            Analyser(Rc::new(RefCell::new(Inner {
                worker: None,
                listener: None,
                on_error: None,
                in_flight: None,
                // Found out when the worker is first started (`spawn`).
                broken: false,
                ready: false,
                reply: Rc::new(reply),
                compared: Rc::new(compared),
            })))
        }

        /// Starts the worker unless it is running or cannot run.
        pub fn start(&self) {
            let idle = {
                let inner = self.0.borrow();
                inner.worker.is_none() && !inner.broken
            };
            if idle {
                self.spawn();
            }
        }

        /// Asks for the report of (`text`, `config`); a running request is superseded.
        pub fn request(&self, id: u64, text: Rc<str>, config: &Config) {
            self.send(id, text, None, config);
        }

        /// Asks for the reports of every article of `articles` (label,
        /// text) and their comparison; a running request is superseded.
        pub fn compare(&self, id: u64, articles: Vec<(String, Rc<str>)>, config: &Config) {
            self.send(id, Rc::from(""), Some(articles), config);
        }

        fn send(&self, id: u64, text: Rc<str>, articles: Option<Vec<(String, Rc<str>)>>, config: &Config) {
            perf::mark("slant:analyse-start");
            let started = perf::now();
            if self.0.borrow().in_flight.is_some() {
                // The worker is busy with an older text: end it rather than wait.
                self.stop();
                self.spawn();
            }
            self.start();
            let (worker, ready) = {
                let inner = self.0.borrow();
                (if inner.broken { None } else { inner.worker.clone() }, inner.ready)
            };
            // A short text asked for while the worker is still starting (the
            // page's first chart) is analysed here: it takes a few
            // milliseconds, and the first chart need not wait for the worker.
            let short = articles.is_none() && text.len() <= IN_PAGE_WHILE_STARTING;
            let Some(worker) = worker.filter(|_| ready || !short) else {
                self.here(id, &text, articles, config, started);
                return;
            };
            let message = Object::new();
            let config_bytes = Uint8Array::from(slant_share::encode_config(config).as_slice());
            let body = match &articles {
                Some(list) => {
                    let pairs: Vec<(&str, &str)> = list.iter().map(|(l, t)| (l.as_str(), &**t)).collect();
                    let bytes = slant_share::encode_articles(&pairs);
                    set(&message, "articles", &Uint8Array::from(bytes.as_slice()))
                }
                None => set(&message, "text", &JsValue::from_str(&text)),
            };
            let sent = set(&message, "id", &JsValue::from_f64(id as f64))
                && body
                && set(&message, "config", &config_bytes)
                && worker.post_message(&message).is_ok();
            if sent {
                let config = config.clone();
                self.0.borrow_mut().in_flight = Some(InFlight {
                    id,
                    text,
                    config,
                    started,
                    articles,
                });
            } else {
                self.here(id, &text, articles, config, started);
            }
        }

        /// Analyses on the page and answers at once.
        fn here(
            &self,
            id: u64,
            text: &str,
            articles: Option<Vec<(String, Rc<str>)>>,
            config: &Config,
            started: Option<f64>,
        ) {
            if let Some(articles) = articles {
                let compared = compare_here(&articles, config);
                let ms = started.zip(perf::now()).map(|(a, b)| b - a);
                let reply = self.0.borrow().compared.clone();
                reply((id, Ok(compared), ms));
                return;
            }
            let report = analyse_here(text, config);
            let ms = started.zip(perf::now()).map(|(a, b)| b - a);
            perf::measure("slant:analyse", Some("slant:analyse-start"));
            let reply = self.0.borrow().reply.clone();
            reply((id, Ok(Rc::new(report)), ms));
        }

        fn spawn(&self) {
            let Some(glue) = glue_url() else {
                self.0.borrow_mut().broken = true;
                return;
            };
            let options = WorkerOptions::new();
            options.set_type(WorkerType::Module);
            let Ok(worker) = Worker::new_with_options(SCRIPT, &options) else {
                self.0.borrow_mut().broken = true;
                return;
            };
            let weak = Rc::downgrade(&self.0);
            let listener = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
                if let Some(inner) = weak.upgrade() {
                    Analyser(inner).receive(event.data());
                }
            });
            let weak = Rc::downgrade(&self.0);
            let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
                if let Some(inner) = weak.upgrade() {
                    Analyser(inner).fail();
                }
            });
            worker.set_onmessage(Some(listener.as_ref().unchecked_ref()));
            worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
            let start = Object::new();
            let ok = set(&start, "glue", &JsValue::from_str(&glue))
                && set(&start, "module", &wasm_bindgen::module())
                && worker.post_message(&start).is_ok();
            let mut inner = self.0.borrow_mut();
            if ok {
                inner.worker = Some(worker);
                inner.ready = false;
                inner.listener = Some(listener);
                inner.on_error = Some(on_error);
            } else {
                worker.terminate();
                inner.broken = true;
            }
        }

        fn stop(&self) {
            let mut inner = self.0.borrow_mut();
            if let Some(worker) = inner.worker.take() {
                worker.set_onmessage(None);
                worker.set_onerror(None);
                worker.terminate();
            }
            inner.listener = None;
            inner.on_error = None;
            inner.in_flight = None;
        }

        /// The worker could not start or failed: from now on analyse here,
        /// starting with the request it had.
        fn fail(&self) {
            let waiting = self.0.borrow_mut().in_flight.take();
            self.stop();
            self.0.borrow_mut().broken = true;
            if let Some(w) = waiting {
                self.here(w.id, &w.text, w.articles, &w.config, w.started);
            }
        }

        fn receive(&self, data: JsValue) {
            self.0.borrow_mut().ready = true;
            if get(&data, "ready").is_some() {
                return;
            }
            if get(&data, "failed").is_some() {
                self.fail();
                return;
            }
            let Some(id) = get(&data, "id").and_then(|v| v.as_f64()) else {
                return;
            };
            let id = id as u64;
            let waiting = {
                let mut inner = self.0.borrow_mut();
                match &inner.in_flight {
                    Some(w) if w.id == id => inner.in_flight.take(),
                    _ => None,
                }
            };
            let Some(waiting) = waiting else {
                return;
            };
            let ms = waiting.started.zip(perf::now()).map(|(a, b)| b - a);
            perf::measure("slant:analyse", Some("slant:analyse-start"));
            if let Some(articles) = &waiting.articles {
                let result = match get(&data, "report") {
                    Some(bytes) if bytes.is_instance_of::<Uint8Array>() => {
                        let texts: Vec<Rc<str>> = articles.iter().map(|(_, t)| t.clone()).collect();
                        let reading = super::Unframe::new(Uint8Array::from(bytes).to_vec(), texts);
                        let reply = self.0.borrow().compared.clone();
                        read_later(reading, move |result| reply((id, result, ms)));
                        return;
                    }
                    _ => Err(get(&data, "error")
                        .and_then(|e| e.as_string())
                        .unwrap_or_else(|| "The comparison failed in its worker.".to_string())),
                };
                let reply = self.0.borrow().compared.clone();
                reply((id, result, ms));
                return;
            }
            let result = match get(&data, "report") {
                Some(bytes) if bytes.is_instance_of::<Uint8Array>() => {
                    let decoding =
                        slant_share::Decoding::new(Uint8Array::from(bytes).to_vec(), waiting.text.to_string());
                    let reply = self.0.borrow().reply.clone();
                    decode_later(decoding, move |report| {
                        reply((id, report.map(Rc::new).map_err(|e| e.to_string()), ms));
                    });
                    return;
                }
                _ => Err(get(&data, "error")
                    .and_then(|e| e.as_string())
                    .unwrap_or_else(|| "The analysis failed in its worker.".to_string())),
            };
            let reply = self.0.borrow().reply.clone();
            reply((id, result, ms));
        }
    }

    /// Reads a report's bytes [`super::DECODE_STEP`] at a time, one step per
    /// task, and hands the report to `done`.
    fn decode_later(
        mut decoding: slant_share::Decoding,
        done: impl FnOnce(Result<slant_core::Report, slant_share::WireError>) + 'static,
    ) {
        gloo_timers::callback::Timeout::new(0, move || {
            perf::mark("slant:decode-start");
            let step = decoding.step(super::DECODE_STEP);
            perf::measure("slant:decode", Some("slant:decode-start"));
            match step {
                Some(result) => done(result),
                None => decode_later(decoding, done),
            }
        })
        .forget();
    }

    /// Reads a comparison's answer a piece per task (part of a report, then
    /// the comparison), so that no task decodes much at once, and hands the
    /// result to `done`.
    fn read_later(mut reading: super::Unframe, done: impl FnOnce(Result<super::Compared, String>) + 'static) {
        gloo_timers::callback::Timeout::new(0, move || {
            perf::mark("slant:decode-start");
            let step = reading.step();
            perf::measure("slant:decode", Some("slant:decode-start"));
            match step {
                Some(result) => done(result),
                None => read_later(reading, done),
            }
        })
        .forget();
    }

    fn set(target: &Object, key: &str, value: &JsValue) -> bool {
        Reflect::set(target, &JsValue::from_str(key), value).unwrap_or(false)
    }

    fn get(target: &JsValue, key: &str) -> Option<JsValue> {
        Reflect::get(target, &JsValue::from_str(key))
            .ok()
            .filter(|v| !v.is_undefined() && !v.is_null())
    }

    /// The address of this module's JavaScript glue, which Trunk preloads
    /// with a `<link rel="modulepreload">`; none in the single-file build.
    fn glue_url() -> Option<String> {
        let document = web_sys::window()?.document()?;
        let link = document
            .query_selector("link[rel=modulepreload][href*='slant-web']")
            .ok()??;
        let href = link.get_attribute("href")?;
        let base = document.base_uri().ok()??;
        web_sys::Url::new_with_base(&href, &base).ok().map(|u| u.href())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_framed_comparison_reads_back_the_same() {
        let texts: Vec<Rc<str>> = vec![
            Rc::from("Russia attacked Ukraine. Le président Macron a salué l’Ukraine."),
            Rc::from("Ukraine praised France.\n\nBritain criticised Russia."),
        ];
        let articles: Vec<(String, Rc<str>)> = ["Outlet A", "Outlet B"]
            .iter()
            .map(|l| l.to_string())
            .zip(texts.iter().cloned())
            .collect();
        let here = compare_here(&articles, &Config::default());
        let reports: Vec<&Report> = here.reports.iter().map(|r| &**r).collect();
        let bytes = frame(&reports, &here.comparison);
        let back = unframe(&bytes, &texts).expect("reads back");
        assert_eq!(back, here);
        assert!(
            back.comparison
                .actors
                .iter()
                .any(|r| r.index.iter().all(Option::is_some))
        );
        // Damaged or mismatched bytes are a message, not a panic.
        for cut in [0, 3, 9, bytes.len() / 2, bytes.len() - 1] {
            assert!(unframe(&bytes[..cut], &texts).is_err(), "cut at {cut}");
        }
        assert!(unframe(&bytes, &texts[..1]).is_err());
    }

    #[test]
    fn the_worker_keeps_reports_of_texts_it_analysed() {
        let config = Config::default();
        let a = analyse_cached("Russia attacked Ukraine.", &config);
        let b = analyse_cached("Ukraine praised France.", &config);
        assert!(Rc::ptr_eq(&a, &analyse_cached("Russia attacked Ukraine.", &config)));
        assert_eq!(*a, slant_core::analyze("Russia attacked Ukraine.", &config));
        // Other settings are another analysis.
        let mut edited = config.clone();
        edited.actors.remove.push("russia".into());
        let c = analyse_cached("Russia attacked Ukraine.", &edited);
        assert!(!Rc::ptr_eq(&a, &c));
        assert!(c.actor("russia").is_none());
        // The oldest report leaves once the cache is full.
        for i in 0..CACHED {
            analyse_cached(&format!("France praised Kenya {i} times."), &config);
        }
        assert!(!Rc::ptr_eq(&b, &analyse_cached("Ukraine praised France.", &config)));
        // Long texts push the others out: the texts kept stay within the bound.
        let long = |i: usize| format!("Russia attacked Ukraine {i}.{}", " ".repeat(CACHED_BYTES / 2));
        let first = analyse_cached(&long(0), &config);
        analyse_cached(&long(1), &config);
        analyse_cached(&long(2), &config);
        assert!(!Rc::ptr_eq(&first, &analyse_cached(&long(0), &config)));
        let kept: usize = CACHE.with(|c| c.borrow().iter().map(|e| e.0.len()).sum());
        assert!(kept <= CACHED_BYTES, "{kept}");
    }
}
