//! Slant's web app: a Yew front end over `slant-core`, compiled to WebAssembly.
//!
//! `state` owns the data and the one reducer; `components` render it; `chart`,
//! `colour`, `segments`, `explain` and `textify` are pure helpers with unit tests.

mod app;
mod chart;
mod colour;
mod components;
mod explain;
mod perf;
mod segments;
mod state;
mod textify;

fn main() {
    perf::mark("slant:main");
    yew::Renderer::<app::App>::new().render();
}
