//! The lexicon editor: set a word's or phrase's valence on VADER's −4..+4
//! scale, or switch it off, and list the overrides with a remove button
//! each. Every change goes through the reducer, which re-analyses at once;
//! the overrides travel in share links, drafts and saved files.

use slant_core::LexiconOverride;
use slant_core::lexicon::{Lexicon, normalize};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::Dispatch;
use crate::explain;
use crate::keep;
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct LexiconProps {
    pub overrides: Vec<LexiconOverride>,
    pub dispatch: Dispatch,
}

/// The bundled entry of a single word, worded: "+1.50 in VADER".
pub fn bundled(term: &str) -> Option<String> {
    if term.contains([' ', '-']) {
        return None;
    }
    Lexicon::builtin()
        .word(&normalize(term))
        .map(|e| format!("{} in {}", explain::signed(e.valence, 2), explain::source(e.source)))
}

#[function_component(LexiconEditor)]
pub fn lexicon_editor(props: &LexiconProps) -> Html {
    let term_ref = use_node_ref();
    let valence_ref = use_node_ref();
    let d = &props.dispatch;

    let term_of = |r: &NodeRef| r.cast::<HtmlInputElement>().map(|e| e.value()).unwrap_or_default();
    let clear = |r: &NodeRef| {
        if let Some(el) = r.cast::<HtmlInputElement>() {
            el.set_value("");
        }
    };
    let on_set = {
        let d = d.clone();
        let (term_ref, valence_ref) = (term_ref.clone(), valence_ref.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let valence = valence_ref
                .cast::<HtmlInputElement>()
                .map(|el| el.value_as_number())
                .unwrap_or(f64::NAN);
            if valence.is_nan() {
                d.dispatch(Action::Error("Give a valence from −4 to +4, such as 1.5.".to_string()));
                return;
            }
            let term = term_of(&term_ref);
            d.dispatch(Action::SetLexicon(term, keep::clamp_valence(valence as f32)));
            clear(&term_ref);
            clear(&valence_ref);
        })
    };
    let on_off = {
        let d = d.clone();
        let term_ref = term_ref.clone();
        Callback::from(move |_: MouseEvent| {
            d.dispatch(Action::SetLexicon(term_of(&term_ref), None));
            clear(&term_ref);
        })
    };

    html! {
        <section class="panel lexicon-panel" aria-labelledby="lexicon-heading" data-testid="lexicon-editor">
            <h2 id="lexicon-heading">{ "Word values" }</h2>
            <p class="hint">{ "Change how strongly a word or phrase counts, from −4 (very unfavourable) to +4 (very favourable), or switch it off. The article is analysed again at once." }</p>
            <form class="lexicon-form" onsubmit={on_set}>
                <label for="lexicon-term">{ "Word or phrase" }</label>
                <input id="lexicon-term" ref={term_ref} type="text" required=true placeholder="reassurance"
                    maxlength={keep::MAX_TERM_CHARS.to_string()} data-testid="lexicon-term" />
                <label for="lexicon-valence">{ "Valence" }</label>
                <input id="lexicon-valence" ref={valence_ref} type="number" min="-4" max="4" step="0.1"
                    placeholder="1.5" data-testid="lexicon-valence" />
                <span class="buttons">
                    <button type="submit" class="button" data-testid="lexicon-set">{ "Set value" }</button>
                    <button type="button" class="button" data-testid="lexicon-off" onclick={on_off}>{ "Switch off" }</button>
                </span>
            </form>
            if !props.overrides.is_empty() {
                <h3>{ "Your word values" }</h3>
                <ul class="edits" data-testid="lexicon-overrides">
                    { for props.overrides.iter().map(|o| {
                        let remove = {
                            let d = d.clone();
                            let term = o.term.clone();
                            Callback::from(move |_: MouseEvent| d.dispatch(Action::RemoveLexicon(term.clone())))
                        };
                        let value = match o.valence {
                            Some(v) => explain::signed(v, 2),
                            None => "switched off".to_string(),
                        };
                        let was = bundled(&o.term).map(|b| format!(" (was {b})")).unwrap_or_default();
                        html! {
                            <li key={o.term.clone()} data-term={o.term.clone()} data-testid="lexicon-override">
                                { format!("“{}”: ", o.term) }<strong>{ value }</strong>{ was }
                                <button type="button" class="button small" aria-label={format!("Remove the value for “{}”", o.term)}
                                    onclick={remove}>{ "Remove" }</button>
                            </li>
                        }
                    }) }
                </ul>
            }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_values_are_shown_for_single_words() {
        assert!(
            bundled("good").is_some_and(|b| b.starts_with('+')),
            "{:?}",
            bundled("good")
        );
        assert_eq!(bundled("peace deal"), None);
        assert_eq!(bundled("zzzzqx"), None);
    }
}
