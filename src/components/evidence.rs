//! The evidence panel: for the selected cell, every piece of evidence the
//! engine recorded (strongest first), with its words, weight and the rules
//! applied in plain language, and the score formula with the cell's numbers.
//! It renders the engine's records as they are and recomputes nothing.

use yew::prelude::*;

use super::Dispatch;
use crate::colour;
use crate::explain;
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
    let body = match props.selected {
        None => html! {
            <p class="hint">{ "Select a square in the chart (click it, or focus it and press Enter) to see the words and rules behind its score." }</p>
        },
        Some((p, a)) => {
            let actor = &report.actors[a];
            match report.cell(p, a) {
                None => html! {
                    <p data-testid="evidence-empty">{ format!("{} is not mentioned in P{}.", actor.name, p + 1) }</p>
                },
                Some(cell) => {
                    let close = {
                        let d = props.dispatch.clone();
                        Callback::from(move |_: MouseEvent| d.dispatch(Action::Deselect))
                    };
                    html! {
                        <>
                            <div class="panel-head">
                                <h3>
                                    <span class="swatch" style={format!("background:{}", colour::actor_hex(a))} aria-hidden="true"></span>
                                    { format!("{} in P{}", actor.name, p + 1) }
                                </h3>
                                <button type="button" class="button" onclick={close}>{ "Close" }</button>
                            </div>
                            <p class="cell-line" data-testid="evidence-summary">
                                <span class={classes!("chip", sign_class(cell.score))}>{ explain::score(cell.score) }</span>
                                { format!(" {} · {} {} · positive {} · negative {} · {} pieces of evidence",
                                    explain::label(cell.label),
                                    cell.mentions,
                                    if cell.mentions == 1 { "mention" } else { "mentions" },
                                    explain::mass(cell.positive),
                                    explain::mass(cell.negative),
                                    cell.evidence.len()) }
                            </p>
                            <p class="formula">
                                { format!("Here: ({} − {}) ÷ ({} + {} + {}) = {}.",
                                    explain::mass(cell.positive), explain::mass(cell.negative),
                                    explain::mass(cell.positive), explain::mass(cell.negative),
                                    explain::mass(props.smoothing).trim_end_matches('0').trim_end_matches('.'),
                                    explain::score(cell.score)) }
                            </p>
                            if cell.evidence.is_empty() {
                                <p>{ "No sentiment reaches this actor here: the score is neutral." }</p>
                            } else {
                                <ol class="evidence-list" data-testid="evidence-list">
                                    { for cell.evidence.iter().map(|e| html! {
                                        <li data-testid="evidence-item">
                                            <div class="evidence-head">
                                                <span class={classes!("words", sign_class(e.weight))}>{ format!("“{}”", report.slice(e.words)) }</span>
                                                <span class={classes!("chip", sign_class(e.weight))} title="Weight toward the actor">{ explain::signed(e.weight, 2) }</span>
                                            </div>
                                            <p class="evidence-detail">
                                                { format!("{}, base {}, reaching “{}”", explain::cause(e.cause), explain::signed(e.base, 2), report.slice(e.mention)) }
                                            </p>
                                            if !e.rules.is_empty() {
                                                <ul class="rules" aria-label="Rules applied, in order">
                                                    { for e.rules.iter().map(|r| html! { <li>{ explain::rule(&report.text, r) }</li> }) }
                                                </ul>
                                            }
                                        </li>
                                    }) }
                                </ol>
                            }
                        </>
                    }
                }
            }
        }
    };
    html! {
        <section class="panel evidence-panel" aria-labelledby="evidence-heading" data-testid="evidence-panel">
            <h2 id="evidence-heading">{ "Evidence" }</h2>
            { body }
            { props.model }
            <p class="formula-note">{ formula }</p>
        </section>
    }
}

/// The CSS class for a sign: "pos", "neg" or "zero".
pub fn sign_class(x: f32) -> &'static str {
    if x > 0.0 {
        "pos"
    } else if x < 0.0 {
        "neg"
    } else {
        "zero"
    }
}
