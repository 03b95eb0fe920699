//! The evidence panel: for the selected cell, every piece of evidence the
//! engine recorded (strongest first), with its words, weight and the rules
//! applied in plain language, and the score formula with the cell's numbers.
//! It renders the engine's records as they are and recomputes nothing.

use yew::prelude::*;

use super::{Dispatch, target_closest};
use crate::colour;
use crate::explain;
use crate::markup::Markup;
use crate::state::{Action, ReportRef};

/// What the panel shows.
pub struct EvidenceProps {
    pub report: ReportRef,
    /// The selected (paragraph, actor index).
    pub selected: Option<(usize, usize)>,
    /// The config's smoothing mass (the "+ 1" of the formula).
    pub smoothing: f32,
    pub dispatch: Dispatch,
    /// Precise mode's verdicts for the selected cell, shown after the lexicon's evidence.
    pub model: Html,
}

/// The panel (a plain function, not a component: a component type costs the
/// page more code than it saves work).
pub fn evidence_panel(props: EvidenceProps) -> Html {
    let report = &props.report;
    let formula = format!(
        "Score = (positive − negative) ÷ (positive + negative + {}), from −1 to +1.",
        explain::mass(props.smoothing)
            .trim_end_matches('0')
            .trim_end_matches('.')
    );
    let body = body_markup(report, props.selected, props.smoothing);
    // One listener for the Close button, which is markup.
    let onclick = {
        let d = props.dispatch.clone();
        Callback::from(move |e: MouseEvent| {
            let close = target_closest(e.target(), "[data-close]");
            if close.is_some() {
                d.dispatch(Action::Deselect);
            }
        })
    };
    html! {
        <section class="panel evidence-panel" aria-labelledby="evidence-heading" data-testid="evidence-panel" {onclick}>
            <h2 id="evidence-heading">{ "Evidence" }</h2>
            { Html::from_html_unchecked(AttrValue::from(body)) }
            { props.model }
            <p class="formula-note">{ formula }</p>
        </section>
    }
}

/// The panel's markup for the `selected` (paragraph, actor index), or the hint when none is.
fn body_markup(report: &slant_core::Report, selected: Option<(usize, usize)>, smoothing: f32) -> String {
    let mut m = Markup::with_capacity(2000);
    let Some((p, a)) = selected else {
        m.raw(r#"<p class="hint">Select a square in the chart (click it, or focus it and press Enter) to see the words and rules behind its score.</p>"#);
        return m.into_string();
    };
    let actor = &report.actors[a];
    let Some(cell) = report.cell(p, a) else {
        m.raw(r#"<p data-testid="evidence-empty">"#)
            .text(format_args!("{} is not mentioned in P{}.", actor.name, p + 1))
            .close("p");
        return m.into_string();
    };
    let (positive, negative) = (explain::mass(cell.positive), explain::mass(cell.negative));
    m.raw(r#"<div class="panel-head"><h3><span class="swatch""#)
        .attr("style", format_args!("background:{}", colour::actor_hex(a)))
        .raw(r#" aria-hidden="true"></span>"#)
        .text(format_args!("{} in P{}", actor.name, p + 1))
        .raw(r#"</h3><button type="button" class="button" data-close="">Close</button></div>"#)
        .raw(r#"<p class="cell-line" data-testid="evidence-summary"><span"#)
        .attr("class", format_args!("chip {}", sign_class(cell.score)))
        .end_open()
        .text(explain::score(cell.score))
        .close("span")
        .text(format_args!(
            " {} · {} {} · positive {positive} · negative {negative} · {} pieces of evidence",
            explain::label(cell.label),
            cell.mentions,
            if cell.mentions == 1 { "mention" } else { "mentions" },
            cell.evidence.len()
        ))
        .raw(r#"</p><p class="formula">"#)
        .text(format_args!(
            "Here: ({positive} − {negative}) ÷ ({positive} + {negative} + {}) = {}.",
            explain::mass(smoothing).trim_end_matches('0').trim_end_matches('.'),
            explain::score(cell.score)
        ))
        .close("p");
    if cell.evidence.is_empty() {
        m.raw("<p>No sentiment reaches this actor here: the score is neutral.</p>");
        return m.into_string();
    }
    m.raw(r#"<ol class="evidence-list" data-testid="evidence-list">"#);
    for e in &cell.evidence {
        m.raw(r#"<li data-testid="evidence-item"><div class="evidence-head">"#);
        evidence_words(&mut m, report, e)
            .text(format_args!(
                "{}, base {}, reaching “{}”",
                explain::cause(e.cause),
                explain::signed(e.base, 2),
                report.slice(e.mention)
            ))
            .close("p");
        if !e.rules.is_empty() {
            m.raw(r#"<ul class="rules" aria-label="Rules applied, in order">"#);
            for r in &e.rules {
                m.raw("<li>").text(explain::rule(&report.text, r)).raw("</li>");
            }
            m.raw("</ul>");
        }
        m.raw("</li>");
    }
    m.raw("</ol>");
    m.into_string()
}

/// The CSS class for a sign: "pos", "neg" or "zero".
/// The quoted words and the weight chip of one piece of evidence, closing its head and opening
/// its detail paragraph: shared by this panel and the comparison's side-by-side evidence.
pub fn evidence_words<'m>(m: &'m mut Markup, report: &slant_core::Report, e: &slant_core::Evidence) -> &'m mut Markup {
    let sign = sign_class(e.weight);
    m.open("span")
        .attr("class", format_args!("words {sign}"))
        .end_open()
        .text(format_args!("“{}”", report.slice(e.words)))
        .raw("</span><span")
        .attr("class", format_args!("chip {sign}"))
        .raw(r#" title="Weight toward the actor">"#)
        .text(explain::signed(e.weight, 2))
        .raw(r#"</span></div><p class="evidence-detail">"#)
}

pub fn sign_class(x: f32) -> &'static str {
    if x > 0.0 {
        "pos"
    } else if x < 0.0 {
        "neg"
    } else {
        "zero"
    }
}
