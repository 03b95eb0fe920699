//! The input panel: the article textarea, the example, new and clear
//! buttons, opening a file (an article, or a saved analysis) by picker or
//! drop, the word and paragraph counts, and what was left out of a text too
//! long to analyse whole.
//!
//! The textarea is uncontrolled: the reducer's text is written into it only
//! when it changes from outside (example, clear, file), so typing never moves
//! the cursor. Typing re-analyses after a 150 ms pause; pasting at once.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_events::{EventListener, EventListenerOptions};
use gloo_timers::callback::Timeout;
use wasm_bindgen::JsCast;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use super::Dispatch;
use crate::explain;
use crate::keep;
use crate::state::{Action, ReportRef};
use crate::textify;

/// The pause after typing before the text is analysed again.
pub const DEBOUNCE_MS: u32 = 150;

#[derive(Properties, PartialEq)]
pub struct InputProps {
    pub text: Rc<str>,
    pub text_rev: u64,
    pub report: ReportRef,
    pub dispatch: Dispatch,
    /// The Add article button, beside the others.
    #[prop_or_default]
    pub add_article: Html,
    /// The articles' tabs, when there are several.
    #[prop_or_default]
    pub tabs: Html,
}

#[function_component(InputPanel)]
pub fn input_panel(props: &InputProps) -> Html {
    let area = use_node_ref();
    let file_input = use_node_ref();
    let pending: Rc<RefCell<Option<Timeout>>> = use_mut_ref(|| None);

    // Write the text into the textarea when it comes from outside (and at first).
    {
        let area = area.clone();
        let text = props.text.clone();
        let pending = pending.clone();
        use_effect_with(props.text_rev, move |_| {
            pending.borrow_mut().take();
            if let Some(el) = area.cast::<HtmlTextAreaElement>()
                && el.value() != *text
            {
                el.set_value(&text);
            }
        });
    }

    let oninput = {
        let area = area.clone();
        let pending = pending.clone();
        let d = props.dispatch.clone();
        Callback::from(move |e: InputEvent| {
            // Dropping the previous timeout cancels it.
            pending.borrow_mut().take();
            let Some(el) = area.cast::<HtmlTextAreaElement>() else {
                return;
            };
            let immediate = matches!(
                e.input_type().as_str(),
                "insertFromPaste" | "insertFromDrop" | "deleteByCut" | "historyUndo" | "historyRedo"
            );
            // A paste is analysed in the next task rather than this one: the
            // browser's own work for a long paste already fills this task.
            let delay = if immediate { 0 } else { DEBOUNCE_MS };
            let d = d.clone();
            *pending.borrow_mut() = Some(Timeout::new(delay, move || {
                d.dispatch(Action::SetText(el.value()));
            }));
        })
    };
    let load_example = {
        let d = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::LoadExample))
    };
    let clear = {
        let d = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::Clear))
    };
    let new = {
        let d = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::New))
    };
    let open = {
        let file_input = file_input.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(el) = file_input.cast::<web_sys::HtmlInputElement>() {
                el.click();
            }
        })
    };
    let onchange = {
        let d = props.dispatch.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() else {
                return;
            };
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                read_file(file, d.clone());
            }
            // Let the same file be picked again.
            input.set_value("");
        })
    };

    let stats = &props.report.stats;
    let counts = format!(
        "{} words · {} paragraphs · {} sentences",
        stats.words, stats.paragraphs, stats.sentences
    );
    html! {
        <section class="panel input-panel" aria-labelledby="input-heading">
            <div class="panel-head">
                <h2 id="input-heading">{ "Article" }</h2>
                <div class="buttons">
                    <button type="button" class="button" data-testid="new" title="An empty article with no changes" onclick={new}>{ "New" }</button>
                    <button type="button" class="button" data-testid="load-example" onclick={load_example}>{ "Load example" }</button>
                    <button type="button" class="button" data-testid="clear" title="Empty the text and keep your changes" onclick={clear}>{ "Clear text" }</button>
                    <button type="button" class="button" data-testid="open-file" onclick={open}>{ "Open file…" }</button>
                    <input ref={file_input} type="file" hidden=true data-testid="file-input" aria-label="Open a .txt, .md or .html file, or a saved analysis"
                        accept=".txt,.md,.markdown,.html,.htm,.json,text/plain,text/markdown,text/html,application/json" {onchange} />
                    { props.add_article.clone() }
                </div>
            </div>
            { props.tabs.clone() }
            <label for="article-input" class="hint">{ "Paste an article, type, or drop a .txt, .md or .html file (or a saved analysis) on the page." }</label>
            <textarea id="article-input" ref={area} data-testid="article-input" rows="8" spellcheck="false" {oninput} />
            <p class="counts" data-testid="counts">{ counts }</p>
            if let Some(notice) = explain::truncation_notice(stats) {
                <p class="warning truncation" role="status" data-testid="truncation-notice">{ notice }</p>
            }
        </section>
    }
}

/// Takes a file dropped anywhere on the page (the window listens, so the
/// static masthead counts too) and opens it as if picked.
#[hook]
pub fn use_file_drop(dispatch: Dispatch) {
    use_effect_with((), move |_| {
        let listeners = web_sys::window().map(|window| {
            // Not passive, so that the browser's own handling (opening the file in the tab) can be prevented.
            let options = EventListenerOptions::enable_prevent_default();
            let over = EventListener::new_with_options(&window, "dragover", options, |e| {
                let files = e
                    .dyn_ref::<DragEvent>()
                    .and_then(|e| e.data_transfer())
                    .is_some_and(|dt| dt.types().iter().any(|t| t.as_string().as_deref() == Some("Files")));
                if files {
                    e.prevent_default();
                }
            });
            let drop = EventListener::new_with_options(&window, "drop", options, move |e| {
                let file = e
                    .dyn_ref::<DragEvent>()
                    .and_then(|e| e.data_transfer())
                    .and_then(|dt| dt.files())
                    .and_then(|f| f.get(0));
                if let Some(file) = file {
                    e.prevent_default();
                    read_file(file, dispatch.clone());
                }
            });
            (over, drop)
        });
        // Dropping the listeners removes them.
        move || drop(listeners)
    });
}

/// Reads a file and loads its text, or shows why it cannot be read; the current text stays on error.
pub fn read_file(file: web_sys::File, dispatch: Dispatch) {
    let name = file.name();
    let kind = match textify::file_kind(&name) {
        Ok(kind) => kind,
        Err(message) => return dispatch.dispatch(Action::Error(message)),
    };
    if file.size() > textify::MAX_FILE_BYTES {
        return dispatch.dispatch(Action::Error(format!(
            "“{name}” is too large to be an article ({} MB). Slant opens files up to 8 MB.",
            crate::num::Fixed(file.size() / 1_048_576.0, 1)
        )));
    }
    wasm_bindgen_futures::spawn_local(async move {
        let text = match wasm_bindgen_futures::JsFuture::from(file.text()).await {
            Ok(v) => v.as_string().unwrap_or_default(),
            Err(_) => {
                return dispatch.dispatch(Action::Error(format!(
                    "“{name}” could not be read. Your text was kept."
                )));
            }
        };
        if textify::looks_binary(&text) {
            return dispatch.dispatch(Action::Error(format!(
                "“{name}” does not look like a text file. Your text was kept."
            )));
        }
        let text = match kind {
            textify::FileKind::Html => match textify::html_to_text(&text) {
                Ok(t) => t,
                Err(message) => return dispatch.dispatch(Action::Error(message)),
            },
            textify::FileKind::Saved => {
                return dispatch.dispatch(match keep::read_state(&text) {
                    Ok(state) => Action::LoadState(state),
                    Err(message) => Action::Error(message),
                });
            }
            textify::FileKind::Text | textify::FileKind::Markdown => text,
        };
        if text.trim().is_empty() {
            return dispatch.dispatch(Action::Error(format!(
                "“{name}” has no text to analyse. Your text was kept."
            )));
        }
        dispatch.dispatch(Action::LoadText(text));
    });
}
