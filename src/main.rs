//! Slant's web app: a Yew front end over `slant-core`, compiled to WebAssembly.

mod app;

fn main() {
    yew::Renderer::<app::App>::new().render();
}
