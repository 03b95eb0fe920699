//! Slant's web app: a Yew front end over `slant-core`, compiled to WebAssembly.
//!
//! `state` owns the data and the one reducer; `components` render it; `chart`,
//! `colour`, `segments`, `explain`, `textify`, `keep` and `markup` are pure
//! helpers with unit tests; `web` and `export` hold the browser calls for
//! sharing, keeping and downloading; `worker` runs the engine off the page.

mod app;
mod chart;
mod colour;
mod components;
mod explain;
mod export;
mod keep;
mod markup;
mod num;
mod perf;
mod precise;
mod segments;
mod state;
mod textify;
mod web;
mod worker;

fn main() {
    // The analysis worker instantiates this same module; there is no window
    // there, and `worker::analyse_for_page` is all it calls.
    if web_sys::window().is_none() {
        return;
    }
    perf::mark("slant:main");
    // index.html has the static masthead, then #app for everything else.
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"));
    match root {
        Some(root) => yew::Renderer::<app::App>::with_root(root).render(),
        None => yew::Renderer::<app::App>::new().render(),
    };
}
