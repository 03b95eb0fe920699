//! Who says what about whom: each speech's stance toward the actors it
//! mentions, from `report.relations`. Opening an item shows the quote and
//! selects the target's cell in that paragraph.

use yew::prelude::*;

use super::evidence::sign_class;
use super::{Dispatch, target_closest};
use crate::explain;
use crate::markup::Markup;
use crate::state::{Action, ReportRef};

/// At most this many relations are listed (a very long text can have thousands).
pub const MAX_RELATIONS: usize = 60;

/// The list, with relation `open` (index into `report.relations`) open (a
/// plain function: no component type). The items are markup, with one
/// listener for them all.
pub fn relations(report: &ReportRef, open: Option<usize>, dispatch: &Dispatch) -> Html {
    let all = &report.relations;
    let onclick = {
        let d = dispatch.clone();
        Callback::from(move |e: MouseEvent| {
            let i = target_closest(e.target(), "[data-relation]")
                .and_then(|b| b.get_attribute("data-relation")?.parse::<usize>().ok());
            if let Some(i) = i {
                d.dispatch(if open == Some(i) {
                    Action::Deselect
                } else {
                    Action::OpenRelation(i)
                });
            }
        })
    };
    let mut m = Markup::with_capacity(200 + all.len().min(MAX_RELATIONS) * 300);
    if all.is_empty() {
        m.raw(r#"<p class="hint">No quoted or reported speech about another actor was found.</p>"#);
    } else {
        m.raw(r#"<p class="hint">Each line is a speaker’s stance toward an actor in one quote or reported statement. Open one to read it.</p><ul class="relations">"#);
        for (i, r) in all.iter().take(MAX_RELATIONS).enumerate() {
            let is_open = open == Some(i);
            m.raw(r#"<li data-testid="relation"><button type="button" class="relation""#)
                .attr("aria-expanded", is_open)
                .attr("data-relation", i)
                .raw(r#"><span class="who">"#)
                .text(format_args!(
                    "{} → {}",
                    report.actors[r.speaker].name, report.actors[r.target].name
                ))
                .raw("</span><span")
                .attr("class", format_args!("chip {}", sign_class(r.score)))
                .end_open()
                .text(explain::score(r.score))
                .raw(r#"</span><span class="meta">"#)
                .text(format_args!(
                    "{} · {} · P{}",
                    explain::label(r.label),
                    explain::speech(r.kind),
                    r.paragraph + 1
                ))
                .raw("</span></button>");
            if is_open {
                m.raw(r#"<blockquote class="quote" data-testid="relation-quote">"#)
                    .text(explain::excerpt(&report.text, r.span, 600))
                    .close("blockquote");
            }
            m.raw("</li>");
        }
        m.raw("</ul>");
        if all.len() > MAX_RELATIONS {
            m.raw(r#"<p class="hint">"#)
                .text(format_args!("Showing the first {MAX_RELATIONS} of {}.", all.len()))
                .close("p");
        }
    }
    html! {
        <section class="panel relations-panel" aria-labelledby="relations-heading" data-testid="relations" {onclick}>
            <h2 id="relations-heading">{ "Who says what about whom" }</h2>
            { Html::from_html_unchecked(AttrValue::from(m.into_string())) }
        </section>
    }
}
