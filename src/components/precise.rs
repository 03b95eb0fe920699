//! Precise mode's parts of the page: the hook that drives the model worker
//! ([`use_precise`]), the switch with its status and the list of cells where
//! the model and the lexicon disagree ([`PrecisePanel`]), the model's verdicts
//! in the evidence panel ([`ModelEvidence`]), and the attributes a heatmap
//! cell gets from the model ([`cell_attrs`]). They render what the worker
//! sent ([`crate::precise::ModelRun`]) and recompute nothing.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::Dispatch;
use crate::chart::Rect;
use crate::explain;
use crate::markup::Markup;
use crate::num::Short;
use crate::precise::{self, ModelCell, ModelRun, ModelWorker};
use crate::state::{Action, ReportRef, Selection, State};

/// The model's cells, as the heatmap takes them.
pub type ModelCells = Option<Rc<precise::ModelCells>>;

/// Starts the model worker while the mode is on (ends it when switched off)
/// and asks it for every new report of the edited article; its messages go
/// to the reducer.
#[hook]
pub fn use_precise(state: &UseReducerHandle<State>) {
    // The worker while the mode is on, and the number of the newest run.
    let worker = use_mut_ref(|| (None::<ModelWorker>, 0u64));
    let on = state.doc.precise && precise::available();
    let config = state.doc.config.clone();
    let dispatch = state.dispatcher();
    use_effect_with(
        (on, state.session.report.clone(), state.session.analysing),
        move |(on, report, analysing)| {
            let mut worker = worker.borrow_mut();
            if !*on {
                worker.0 = None;
                return;
            }
            if worker.0.is_none() {
                dispatch.dispatch(Action::Model(precise::Msg::Start));
                let d = dispatch.clone();
                worker.0 = Some(ModelWorker::new(move |m| d.dispatch(Action::Model(m))));
            }
            if *analysing {
                return;
            }
            worker.1 += 1;
            let run = worker.1;
            dispatch.dispatch(Action::Model(precise::Msg::Request(run, report.clone())));
            if let Some(w) = &worker.0 {
                w.request(run, &report.text, &config);
            }
        },
    );
}

/// The switch, its explanation, the status with the download's progress,
/// and the cells where the model disagrees with the lexicon (a click on one
/// selects it). All but the switch is markup (see `markup`). `comparing`:
/// several articles, of which the mode checks the edited one.
pub fn precise_panel(on: bool, model: &ModelRun, report: &ReportRef, comparing: bool, dispatch: &Dispatch) -> Html {
    let available = precise::available();
    let on = on && available;
    let toggle = {
        let d = dispatch.clone();
        Callback::from(move |_: Event| d.dispatch(Action::SetPrecise(!on)))
    };
    let markup = panel_markup(available, on, comparing, model, report);
    let select = {
        let d = dispatch.clone();
        let report = report.clone();
        Callback::from(move |e: MouseEvent| {
            let el = e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
            let at = |k| el.as_ref().and_then(|el| el.get_attribute(k)?.parse::<usize>().ok());
            if let (Some(paragraph), Some(a)) = (at("data-paragraph"), at("data-col"))
                && let Some(actor) = report.actors.get(a)
            {
                d.dispatch(Action::Select(Selection {
                    paragraph,
                    actor: actor.id.clone(),
                }));
            }
        })
    };
    html! {
        <div class="precise" data-testid="precise-panel" onclick={select}>
            <label class="precise-switch">
                <input type="checkbox" data-testid="precise-toggle" checked={on} disabled={!available} onchange={toggle} />
                <strong>{ " Precise mode" }</strong>
            </label>
            { Html::from_html_unchecked(AttrValue::from(markup)) }
        </div>
    }
}

/// Disagreements listed open; more start folded.
const FOLD_AFTER: usize = 8;

/// The panel's markup after the switch.
fn panel_markup(available: bool, on: bool, comparing: bool, m: &ModelRun, report: &ReportRef) -> String {
    let mut out = Markup::with_capacity(600);
    out.raw(r#"<span class="precise-note"> A small fine-tuned transformer checks every cell, in this page: a 23 MB download once, then cached by your browser.</span>"#);
    if !available {
        out.raw(r#"<p class="precise-note" data-testid="precise-unavailable">Not in this single-file copy: it cannot fetch the model from file://. Open the hosted page to use it.</p>"#);
    }
    if !on {
        return out.into_string();
    }
    out.raw(r#"<p class="precise-status" role="status" data-testid="precise-status">"#)
        .text(&m.status)
        .close("p");
    if let Some((loaded, total)) = &m.progress {
        out.open("progress")
            .attr("data-testid", "precise-progress")
            .attr("max", total)
            .attr("value", loaded)
            .end_open()
            .close("progress");
    }
    if comparing {
        out.raw(r#"<p class="precise-note">In a comparison, Precise mode checks the article being edited.</p>"#);
    }
    let list: Vec<_> = match m.cells_for(report) {
        Some(_) => m.disagreements().collect(),
        None => Vec::new(),
    };
    if !list.is_empty() {
        // A long list starts folded, so that it does not push the page down.
        out.raw(r#"<details class="precise-disagreements""#);
        if list.len() <= FOLD_AFTER {
            out.raw(r#" open="""#);
        }
        out.raw(r#"><summary>Where the model disagrees with the lexicon ("#)
            .text(list.len())
            .raw(r#")</summary><ul data-testid="precise-disagreements">"#);
        for (_, c) in list {
            out.made(&c.item);
        }
        out.raw("</ul></details>");
    }
    out.into_string()
}

/// For the selected cell, the model's verdict on the cell and on each
/// sentence that mentions the actor, as the worker wrote it (for the evidence panel).
pub fn model_evidence(m: &ModelRun, report: &ReportRef, selected: Option<(usize, usize)>) -> Html {
    let (Some(k), Some(cells)) = (selected, m.cells_for(report)) else {
        return Html::default();
    };
    let mut out = Markup::with_capacity(800);
    out.raw(r#"<div class="model-evidence" data-testid="model-evidence">"#);
    match cells.get(k) {
        None => out.raw("<p>The model has not scored this cell yet.</p>"),
        Some(cell) => out.made(&cell.evidence),
    };
    out.raw("</div>");
    Html::from_html_unchecked(AttrValue::from(out.into_string()))
}

/// A heatmap cell's score, and the model's attributes when it has scored
/// the cell: the score shown is the model's then.
pub fn cell_score(model: Option<&ModelCell>, lexicon: f32) -> f32 {
    model.map_or(lexicon, |c| c.score)
}

/// Writes the model's attributes on an open heatmap cell (`data-model-label`, `data-disagree`).
pub fn cell_attrs(m: &mut Markup, model: Option<&ModelCell>) {
    if let Some(c) = model {
        m.attr("data-model-label", explain::label(c.label))
            .attr("data-disagree", c.disagree);
    }
}

/// After a cell: the dot that marks a disagreement, in its top-right corner.
pub fn disagree_dot(m: &mut Markup, model: Option<&ModelCell>, rect: &Rect) {
    if model.is_some_and(|c| c.disagree) {
        m.open("circle")
            .attr("class", "disagree-dot")
            .attr("cx", Short(f64::from(rect.x + rect.w - 4.0)))
            .attr("cy", Short(f64::from(rect.y + 4.0)))
            .attr("r", 3)
            .attr("aria-hidden", "true")
            .end_open()
            .close("circle");
    }
}

/// The model's part of a cell's description, as the worker wrote it.
pub fn describe(model: Option<&ModelCell>) -> &str {
    model.map_or("", |c| &c.title)
}

#[cfg(test)]
mod tests {
    use yew::{LocalServerRenderer, Reducible};

    use super::*;
    use crate::app::Explorer;
    use crate::precise::Msg;
    use slant_core::Config;
    use slant_model::precise::JobResult;
    use slant_precise_worker::Run;

    const TEXT: &str = "Russia attacked Ukraine. France praised Ukraine.\n\nGermany criticised Russia.";

    /// `state` with every step of a complete run answered, from made-up probabilities.
    fn answered(state: State) -> State {
        let mut s = Rc::new(state);
        let report = s.session.report.clone();
        s = s.reduce(Action::Model(Msg::Start));
        s = s.reduce(Action::Model(Msg::Worker(slant_precise_worker::loaded())));
        s = s.reduce(Action::Model(Msg::Request(7, report.clone())));
        let mut run = Run::new(7, &report.text, s.doc.config.clone());
        while let Some(job) = run.next_job().cloned() {
            let targets = job.targets.iter().map(|&t| (t, [0.8, 0.15, 0.05])).collect();
            let step = run.take(JobResult {
                sentence: job.sentence,
                targets,
            });
            s = s.reduce(Action::Model(Msg::Worker(step)));
        }
        s = s.reduce(Action::Model(Msg::Worker(run.done(None))));
        Rc::unwrap_or_clone(s)
    }

    #[derive(Properties, PartialEq)]
    struct HostProps {
        state: Rc<State>,
    }

    #[function_component(Host)]
    fn host(props: &HostProps) -> Html {
        let state = use_reducer(|| (*props.state).clone());
        html! { <Explorer state={state} staged={false} /> }
    }

    fn render(state: State) -> String {
        let rt = tokio::runtime::Builder::new_current_thread().build().expect("runtime");
        rt.block_on(LocalServerRenderer::<Host>::with_props(HostProps { state: Rc::new(state) }).render())
    }

    #[test]
    fn the_switch_is_kept_like_an_edit_and_off_forgets_the_results() {
        let s = Rc::new(State::new(TEXT));
        let rev = s.doc.edit_rev;
        assert!(!s.to_shared().precise);
        let on = s.reduce(Action::SetPrecise(true));
        assert!(on.doc.precise && on.to_shared().precise);
        assert_eq!(on.doc.edit_rev, rev + 1, "the draft keeps it");
        assert!(!on.session.analysing, "the engine's report is unchanged");
        let done = Rc::new(answered((*on).clone()));
        assert!(done.session.model.ready);
        assert!(!done.session.model.cells.is_empty());
        let off = done.reduce(Action::SetPrecise(false));
        assert!(!off.doc.precise && !off.to_shared().precise);
        assert!(!off.session.model.on);
        assert!(off.session.model.cells.is_empty() && off.session.model.report.is_none());
        // Messages that arrive after the switch went off change nothing.
        let late = off.reduce(Action::Model(Msg::Worker(slant_precise_worker::loaded())));
        assert!(!late.session.model.on);
        assert!(!late.session.model.loaded);
    }

    #[test]
    fn a_link_with_the_mode_on_turns_it_on() {
        let s = Rc::new(State::new(TEXT));
        let link = slant_share::SharedState {
            text: "Kenya praised Ghana.".into(),
            precise: true,
            ..Default::default()
        };
        let opened = s.reduce(Action::OpenLink { link, draft: None });
        assert!(opened.doc.precise);
    }

    #[test]
    fn a_new_text_drops_the_results_of_the_old_one() {
        let s = Rc::new(answered(Rc::unwrap_or_clone(
            Rc::new(State::new(TEXT)).reduce(Action::SetPrecise(true)),
        )));
        let old = s.session.report.clone();
        assert!(s.session.model.cells_for(&old).is_some());
        let edited = Rc::new(Rc::unwrap_or_clone(s.reduce(Action::SetText("Kenya praised Ghana.".into()))).settle());
        assert!(
            edited.session.model.cells_for(&edited.session.report).is_none(),
            "not this report's"
        );
        // The page asks again (run 8); a late step of run 7 is dropped.
        let report = edited.session.report.clone();
        let asked = edited.reduce(Action::Model(Msg::Request(8, report)));
        let mut run = Run::new(7, TEXT, Config::default());
        let job = run.next_job().cloned().unwrap();
        let step = run.take(JobResult {
            sentence: job.sentence,
            targets: job.targets.iter().map(|&t| (t, [0.1, 0.1, 0.8])).collect(),
        });
        let late = asked.reduce(Action::Model(Msg::Worker(step)));
        assert!(late.session.model.cells.is_empty());
        assert_eq!(late.session.model.status, "Analysing with the model…");
    }

    #[test]
    fn cells_carry_the_model_label_and_disagreements_are_marked_and_listed() {
        let off = State::new(TEXT);
        let html = render(off.clone());
        assert!(html.contains("data-testid=\"precise-toggle\""));
        assert!(!html.contains("data-model-label"));
        assert!(!html.contains("data-testid=\"precise-status\""));

        let mut on = answered(Rc::unwrap_or_clone(Rc::new(off).reduce(Action::SetPrecise(true))));
        let report = on.session.report.clone();
        let germany = report.actor_index("germany").expect("Germany");
        on.view.selection = Some(Selection {
            paragraph: 1,
            actor: "germany".into(),
        });
        let html = render(on.clone());
        let mentioned = report.cells.iter().filter(|c| c.mentions > 0).count();
        assert_eq!(
            html.matches("data-model-label=\"negative\"").count(),
            mentioned,
            "{html}"
        );
        let disagree = on.session.model.disagreements().count();
        assert!(disagree > 0, "the lexicon calls praise positive");
        assert_eq!(html.matches("data-disagree=\"true\"").count(), disagree);
        assert_eq!(html.matches("class=\"disagree-dot\"").count(), disagree);
        assert_eq!(html.matches("data-testid=\"precise-disagreement\"").count(), disagree);
        assert!(html.contains("Precise mode ready"), "{html}");
        // The model's score replaces the lexicon's in data-score.
        assert!(html.contains("data-score=\"-0.75\""), "{html}");
        assert!(html.contains("data-testid=\"model-evidence\""));
        assert!(html.contains("negative 0.80 · neutral 0.15 · positive 0.05"));
        assert!(germany < report.actors.len());
    }
}
