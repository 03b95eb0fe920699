//! The app's components. Each takes cheap props (a shared report, indices,
//! ids) and dispatches [`crate::state::Action`]s; none computes a score.
//! `compare` holds the articles' tabs and the comparison view.
//! `progressive` and `keeping` hold hooks rather than components.

pub mod actors;
pub mod article;
pub mod banner;
pub mod compare;
pub mod evidence;
pub mod heatmap;
pub mod input;
pub mod keeping;
pub mod lexicon;
pub mod notices;
pub mod precise;
pub mod progressive;
pub mod relations;
pub mod share;
pub mod summary;
pub mod table;

#[cfg(test)]
mod ssr_tests;

use yew::UseReducerDispatcher;

use crate::state::State;

/// The reducer's dispatcher, as components receive it.
pub type Dispatch = UseReducerDispatcher<State>;

/// The element nearest an event's `target` (itself or an ancestor) that
/// matches `selector`: how a panel's one delegated listener finds the
/// button or row in its markup that was used.
pub fn target_closest(target: Option<web_sys::EventTarget>, selector: &str) -> Option<web_sys::Element> {
    use wasm_bindgen::JsCast;
    target?.dyn_into::<web_sys::Element>().ok()?.closest(selector).ok()?
}
