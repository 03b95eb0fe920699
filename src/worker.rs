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
//! Only the newest request matters: a request made while another is running
//! ends that worker and starts a fresh one, so a long analysis never delays
//! the answer to the user's latest edit. Where a worker cannot start (the
//! single-file build opened from `file://`, or a browser without module
//! workers), the analysis runs on the page as before and the status says so.
//!
//! This module owns the message protocol; it must not touch the app's state
//! (it reports through a callback) or the DOM beyond the worker.

use std::rc::Rc;

use slant_core::{Config, Report};

/// The result of one request: its id and the report, or a message for the user.
pub type Reply = (u64, Result<Rc<Report>, String>, Option<f64>);

/// The worker's side: analyses `text` with the JSON `config` and returns the
/// report as wire bytes. Called by `static/worker.js`.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn analyse_for_page(text: &str, config: &str) -> Result<Vec<u8>, String> {
    let config: Config =
        serde_json::from_str(config).map_err(|e| format!("The analysis settings could not be read: {e}."))?;
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
pub struct Analyser(Rc<dyn Fn(Reply)>);

#[cfg(not(target_arch = "wasm32"))]
impl Analyser {
    pub fn new(reply: impl Fn(Reply) + 'static) -> Analyser {
        Analyser(Rc::new(reply))
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

    use super::{Reply, analyse_here};
    use crate::perf;
    use slant_core::Config;

    /// The worker script, beside index.html (Trunk copies it from static/).
    const SCRIPT: &str = "./worker.js";

    /// A request on its way: the page keeps the text to join it to the report.
    struct InFlight {
        id: u64,
        text: Rc<str>,
        config: Config,
        started: Option<f64>,
    }

    struct Inner {
        worker: Option<Worker>,
        /// Kept alive as long as the worker it listens to.
        listener: Option<Closure<dyn FnMut(MessageEvent)>>,
        on_error: Option<Closure<dyn FnMut(web_sys::Event)>>,
        in_flight: Option<InFlight>,
        /// Set once a worker failed to start: from then on the page analyses.
        broken: bool,
        reply: Rc<dyn Fn(Reply)>,
    }

    /// The page's handle on the analysis worker. Cheap to clone.
    #[derive(Clone)]
    pub struct Analyser(Rc<RefCell<Inner>>);

    impl Analyser {
        /// An analyser that calls `reply` with every answer; the worker starts now.
        pub fn new(reply: impl Fn(Reply) + 'static) -> Analyser {
            let analyser = Analyser(Rc::new(RefCell::new(Inner {
                worker: None,
                listener: None,
                on_error: None,
                in_flight: None,
                broken: glue_url().is_none(),
                reply: Rc::new(reply),
            })));
            analyser.spawn();
            analyser
        }

        /// Asks for the report of (`text`, `config`); a running request is superseded.
        pub fn request(&self, id: u64, text: Rc<str>, config: &Config) {
            perf::mark("slant:analyse-start");
            let started = perf::now();
            if self.0.borrow().in_flight.is_some() {
                // The worker is busy with an older text: end it rather than wait.
                self.stop();
                self.spawn();
            }
            let worker = {
                let inner = self.0.borrow();
                if inner.broken { None } else { inner.worker.clone() }
            };
            let Some(worker) = worker else {
                self.here(id, &text, config, started);
                return;
            };
            let message = Object::new();
            let config_json = serde_json::to_string(config).unwrap_or_default();
            let sent = set(&message, "id", &JsValue::from_f64(id as f64))
                && set(&message, "text", &JsValue::from_str(&text))
                && set(&message, "config", &JsValue::from_str(&config_json))
                && worker.post_message(&message).is_ok();
            if sent {
                let config = config.clone();
                self.0.borrow_mut().in_flight = Some(InFlight {
                    id,
                    text,
                    config,
                    started,
                });
            } else {
                self.here(id, &text, config, started);
            }
        }

        /// Analyses on the page and answers at once.
        fn here(&self, id: u64, text: &str, config: &Config, started: Option<f64>) {
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
                self.here(w.id, &w.text, &w.config, w.started);
            }
        }

        fn receive(&self, data: JsValue) {
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
            let result = match get(&data, "report") {
                Some(bytes) if bytes.is_instance_of::<Uint8Array>() => {
                    perf::mark("slant:decode-start");
                    let bytes = Uint8Array::from(bytes).to_vec();
                    let report = slant_share::decode_report(&bytes, waiting.text.to_string());
                    perf::measure("slant:decode", Some("slant:decode-start"));
                    report.map(Rc::new).map_err(|e| e.to_string())
                }
                _ => Err(get(&data, "error")
                    .and_then(|e| e.as_string())
                    .unwrap_or_else(|| "The analysis failed in its worker.".to_string())),
            };
            let reply = self.0.borrow().reply.clone();
            reply((id, result, ms));
        }
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
