//! The lexicon editor: set a word's or phrase's valence on VADER's −4..+4
//! scale, or switch it off, and list the overrides with a remove button
//! each. Every change goes through the reducer, which re-analyses at once;
//! the overrides travel in share links, drafts and saved files.

use slant_core::LexiconOverride;
use slant_core::lexicon::{Lexicon, normalize};
use yew::prelude::*;

use super::Dispatch;
use crate::explain;
use crate::keep;
use crate::state::Action;
use crate::web;

/// The bundled entry of a single word, worded: "+1.50 in VADER".
pub fn bundled(term: &str) -> Option<String> {
    if term.contains([' ', '-']) {
        return None;
    }
    Lexicon::builtin()
        .word(&normalize(term))
        .map(|e| format!("{} in {}", explain::signed(e.valence, 2), explain::source(e.source)))
}

/// The editor with the user's `overrides` (a plain function, not a
/// component: its fields are read by id when the form is sent).
pub fn lexicon_editor(overrides: &[LexiconOverride], d: &Dispatch) -> Html {
    let on_set = {
        let d = d.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let valence = web::field("lexicon-valence").map_or(f64::NAN, |el| el.value_as_number());
            if valence.is_nan() {
                d.dispatch(Action::Error("Give a valence from −4 to +4, such as 1.5.".to_string()));
                return;
            }
            let term = web::field_value("lexicon-term");
            d.dispatch(Action::SetLexicon(term, keep::clamp_valence(valence as f32)));
            web::clear_field("lexicon-term");
            web::clear_field("lexicon-valence");
        })
    };
    let on_off = {
        let d = d.clone();
        Callback::from(move |_: MouseEvent| {
            d.dispatch(Action::SetLexicon(web::field_value("lexicon-term"), None));
            web::clear_field("lexicon-term");
        })
    };

    html! {
        <section class="panel lexicon-panel" aria-labelledby="lexicon-heading" data-testid="lexicon-editor">
            <h2 id="lexicon-heading">{ "Word values" }</h2>
            <p class="hint">{ "Change how strongly a word or phrase counts, from −4 (very unfavourable) to +4 (very favourable), or switch it off. The article is analysed again at once." }</p>
            <form class="lexicon-form" onsubmit={on_set}>
                <label for="lexicon-term">{ "Word or phrase" }</label>
                <input id="lexicon-term" type="text" required=true placeholder="reassurance"
                    maxlength={keep::MAX_TERM_CHARS.to_string()} data-testid="lexicon-term" />
                <label for="lexicon-valence">{ "Valence" }</label>
                <input id="lexicon-valence" type="number" min="-4" max="4" step="0.1"
                    placeholder="1.5" data-testid="lexicon-valence" />
                <span class="buttons">
                    <button type="submit" class="button" data-testid="lexicon-set">{ "Set value" }</button>
                    <button type="button" class="button" data-testid="lexicon-off" onclick={on_off}>{ "Switch off" }</button>
                </span>
            </form>
            if !overrides.is_empty() {
                <h3>{ "Your word values" }</h3>
                <ul class="edits" data-testid="lexicon-overrides">
                    { for overrides.iter().map(|o| {
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
