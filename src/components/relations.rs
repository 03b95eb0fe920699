//! Who says what about whom: each speech's stance toward the actors it
//! mentions, from `report.relations`. Opening an item shows the quote and
//! selects the target's cell in that paragraph.

use yew::prelude::*;

use super::Dispatch;
use super::evidence::sign_class;
use crate::explain;
use crate::state::{Action, ReportRef};

/// At most this many relations are listed (a very long text can have thousands).
pub const MAX_RELATIONS: usize = 60;

/// The list, with relation `open` (index into `report.relations`) open (a
/// plain function: no component type).
pub fn relations(report: &ReportRef, open: Option<usize>, dispatch: &Dispatch) -> Html {
    let props_open = open;
    let all = &report.relations;
    html! {
        <section class="panel relations-panel" aria-labelledby="relations-heading" data-testid="relations">
            <h2 id="relations-heading">{ "Who says what about whom" }</h2>
            if all.is_empty() {
                <p class="hint">{ "No quoted or reported speech about another actor was found." }</p>
            } else {
                <p class="hint">{ "Each line is a speaker’s stance toward an actor in one quote or reported statement. Open one to read it." }</p>
                <ul class="relations">
                    { for all.iter().take(MAX_RELATIONS).enumerate().map(|(i, r)| {
                        let open = props_open == Some(i);
                        let onclick = {
                            let d = dispatch.clone();
                            Callback::from(move |_: MouseEvent| d.dispatch(if open { Action::Deselect } else { Action::OpenRelation(i) }))
                        };
                        let speaker = &report.actors[r.speaker].name;
                        let target = &report.actors[r.target].name;
                        html! {
                            <li key={i} data-testid="relation">
                                <button type="button" class="relation" aria-expanded={open.to_string()} {onclick}>
                                    <span class="who">{ format!("{speaker} → {target}") }</span>
                                    <span class={classes!("chip", sign_class(r.score))}>{ explain::score(r.score) }</span>
                                    <span class="meta">{ format!("{} · {} · P{}", explain::label(r.label), explain::speech(r.kind), r.paragraph + 1) }</span>
                                </button>
                                if open {
                                    <blockquote class="quote" data-testid="relation-quote">{ explain::excerpt(&report.text, r.span, 600) }</blockquote>
                                }
                            </li>
                        }
                    }) }
                </ul>
                if all.len() > MAX_RELATIONS {
                    <p class="hint">{ format!("Showing the first {MAX_RELATIONS} of {}.", all.len()) }</p>
                }
            }
        </section>
    }
}
