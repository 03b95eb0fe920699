//! The root component: owns the reducer, keeps the draft, takes dropped
//! files, and lays out the panels. The masthead is not here: it is static in
//! index.html, so it is on screen before the app has loaded.

use yew::prelude::*;

use crate::components::actors::ActorsPanel;
use crate::components::article::ArticleView;
use crate::components::banner::error_banner;
use crate::components::compare::{CompareView, TabsProps, add_article, article_tabs};
use crate::components::evidence::{EvidenceProps, evidence_panel};
use crate::components::heatmap::Heatmap;
use crate::components::input::{InputPanel, use_file_drop};
use crate::components::keeping::use_keeping;
use crate::components::lexicon::lexicon_editor;
use crate::components::notices::{NoticesProps, notices};
use crate::components::precise::{model_evidence, precise_panel, use_precise};
use crate::components::progressive::{LARGE_TEXT, use_deferred, use_stages};
use crate::components::relations::relations;
use crate::components::share::SharePanel;
use crate::components::summary::ActorSummary;
use crate::components::table::table_view;
use crate::explain;
use crate::export;
use crate::markup::Markup;
use crate::perf;
use crate::state::{Action, State};
use crate::web;
use crate::worker::Analyser;

/// The footer: what Slant does and its data's licences, with the date of the
/// gazetteer's leaders. Static text is written as markup, which the browser
/// parses in one call, rather than built element by element with the first
/// chart.
fn footer_markup(gazetteer_as_of: &str) -> String {
    let mut m = Markup::with_capacity(1200);
    m.raw(concat!(
        r#"<footer class="footer"><details class="about"><summary>About Slant and its data</summary>"#,
        r#"<p>Slant finds the actors in a text, scores the sentiment words around each mention with VADER’s rules, and attributes it by sentence structure. Each score is (positive − negative) ÷ (positive + negative + 1) over the recorded evidence.</p>"#,
        r#"<ul><li>VADER sentiment lexicon and rules: MIT licence, C. J. Hutto and Eric Gilbert (2014).</li>"#,
        r#"<li>AFINN-165 word list: Apache-2.0, Finn Årup Nielsen.</li>"#,
        r#"<li>Lexicon of English Verbal Polarity Shifters: CC BY 4.0, Schulder et al. (2018).</li>"#,
        r#"<li>CIA World Factbook: public domain; leaders as of "#,
    ))
    .text(gazetteer_as_of)
    .raw(concat!(
        r#".</li><li>NewsMTSC (used to tune and evaluate the engine) is not bundled.</li></ul>"#,
        r#"</details></footer>"#,
    ));
    m.into_string()
}

/// The app: it opens a share link in the address, else the saved draft,
/// else the seed article, before the first analysis.
#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(|| {
        let state = State::open(web::opening());
        perf::mark("slant:opened");
        state
    });
    let analyser = use_analysis(&state);
    use_precise(&state);
    use_keeping(state.clone());
    use_file_drop(state.dispatcher());
    // The worker starts once the first chart is drawn (or at the first
    // request), so that it does not take the machine from the first render.
    let charted = use_memo((), move |_| Callback::from(move |_: ()| analyser.start()));
    html! { <Explorer state={state} charted={(*charted).clone()} /> }
}

/// Sends each analysis request to the worker and dispatches its answer
/// back to the reducer; returns the worker's handle.
#[hook]
fn use_analysis(state: &UseReducerHandle<State>) -> Analyser {
    let analyser = {
        let dispatcher = state.dispatcher();
        use_memo((), move |_| {
            let compared = dispatcher.clone();
            Analyser::new(
                move |(id, report, ms)| dispatcher.dispatch(Action::Analysed { id, report, ms }),
                move |(id, result, ms)| compared.dispatch(Action::Compared { id, result, ms }),
            )
        })
    };
    let pending = state.pending();
    let comparison = state.pending_comparison();
    let handle = (*analyser).clone();
    use_effect_with(state.session.analysis, move |_| {
        if let Some((id, text, config)) = pending {
            analyser.request(id, text, &config);
        } else if let Some((id, articles, config)) = comparison {
            analyser.compare(id, articles, &config);
        }
    });
    handle
}

#[derive(Properties, PartialEq)]
pub struct ExplorerProps {
    pub state: UseReducerHandle<State>,
    /// Mount the panels below the chart in later tasks (off in SSR tests, where effects never run).
    #[prop_or(true)]
    pub staged: bool,
    /// Called once the first chart is drawn.
    #[prop_or_default]
    pub charted: Callback<()>,
}

/// Everything below the reducer, so tests can render it with any state.
#[function_component(Explorer)]
pub fn explorer(props: &ExplorerProps) -> Html {
    let state = &props.state;
    // Stage 0: input and chart; 1: evidence, article and sharing; 2: the rest.
    // The panels below the chart mount once the first report is drawn.
    let staged = use_stages(2, !state.session.analysing);
    let stage = if props.staged { staged } else { 2 };
    let dispatch = state.dispatcher();
    // A large text's report is shown from the task after the one that
    // decoded it, and the panels below the chart in the tasks after that, so
    // that no task does all of a long text's rendering.
    let large = state.session.report.text.len() > LARGE_TEXT;
    let report = use_deferred(state.session.report.clone(), large);
    let lower = use_deferred(report.clone(), large);
    // The two long lists below the summary follow one task later still.
    let lowest = use_deferred(lower.clone(), large);

    // Timings for the browser tests: the first chart (once the first report
    // is drawn), and each analysis plus render.
    let charted = use_mut_ref(|| false);
    let on_charted = props.charted.clone();
    use_effect_with((report.clone(), state.session.analysing), move |(_, analysing)| {
        if !*analysing && !charted.replace(true) {
            perf::measure("slant:first-chart", None);
            on_charted.emit(());
        }
    });
    use_effect_with(report.clone(), |_| {
        perf::measure("slant:update", Some("slant:analyse-start"))
    });

    let selected = state
        .view
        .selection
        .as_ref()
        .and_then(|s| report.actor_index(&s.actor).map(|a| (s.paragraph, a)));
    let model_cells = if state.doc.precise {
        state.session.model.cells_for(&report)
    } else {
        None
    };
    let toggle_table = {
        let d = dispatch.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::ToggleTable))
    };
    let stats = &report.stats;
    let summary = if state.session.analysing && report.paragraphs.is_empty() {
        "Analysing…".to_string()
    } else if report.paragraphs.is_empty() {
        "No text to analyse yet.".to_string()
    } else {
        let top: Vec<String> = report
            .actors
            .iter()
            .take(3)
            .map(|a| format!("{} ({}, {})", a.name, explain::label(a.label), explain::score(a.score)))
            .collect();
        format!(
            "{} paragraphs, {} words, {} actors. Most mentioned: {}.",
            stats.paragraphs,
            stats.words,
            report.actors.len(),
            if top.is_empty() {
                "none".to_string()
            } else {
                top.join("; ")
            }
        )
    };
    let download_state = {
        let state = state.clone();
        Callback::from(move |_: ()| {
            let file = slant_share::state_file(&state.to_shared());
            if let Err(message) = web::download_text(export::STATE_FILE, export::JSON_TYPE, &file) {
                state.dispatch(Action::Error(message));
            }
        })
    };
    // The edited article's paragraphs that are shared copy with another article.
    let shared: std::rc::Rc<[usize]> = match (&state.session.comparison, state.comparing()) {
        (Some(c), true) => {
            let a = state.doc.active;
            let mut list: Vec<usize> = c
                .shared_paragraphs
                .iter()
                .flat_map(|s| {
                    (0..2)
                        .filter(move |&k| s.articles[k] == a)
                        .map(move |k| s.paragraphs[k])
                })
                .collect();
            slant_share::sort_indices(&mut list, &|x, y| x.cmp(&y));
            list.dedup();
            list.into()
        }
        _ => std::rc::Rc::from([]),
    };
    let timing = state
        .session
        .analysed_ms
        .map(|ms| format!("Analysed in {} ms, in this page.", crate::num::Fixed(ms, 1)))
        .unwrap_or_default();

    html! {
        <div class="app">
            { error_banner(state.session.error.as_deref(), &dispatch) }
            { notices(NoticesProps {
                restore: state.session.restore.is_some(),
                undo: state.session.undo.as_ref(),
                storage: state.session.storage.as_deref(),
                version: state.session.version.as_deref(),
                dispatch: &dispatch,
            }) }
            <main class="layout">
                <InputPanel
                    add_article={add_article(state.doc.articles.len(), &dispatch)}
                    tabs={article_tabs(TabsProps {
                        labels: state.doc.articles.iter().map(|a| a.label.clone()).collect(),
                        active: state.doc.active,
                        dispatch: dispatch.clone(),
                    })}
                    text={state.doc.text.clone()}
                    text_rev={state.doc.text_rev}
                    report={report.clone()}
                    dispatch={dispatch.clone()}
                />
                <p class="summary" aria-live="polite" data-testid="analysis-summary">{ summary }</p>
                if let (true, Some(comparison)) = (state.comparing(), state.session.comparison.clone()) {
                    <CompareView
                        comparison={comparison}
                        reports={state.session.reports.clone()}
                        selected={state.view.compared.clone()}
                        dispatch={dispatch.clone()}
                    />
                }
                <div class="columns">
                    <div class="analysis">
                        <section class="panel chart-panel" aria-labelledby="chart-heading">
                            <div class="panel-head">
                                <h2 id="chart-heading">{ "Stance by paragraph" }</h2>
                                <button type="button" class="button" aria-pressed={state.view.table.to_string()}
                                    data-testid="toggle-table" onclick={toggle_table}>
                                    { if state.view.table { "Hide table" } else { "Show as table" } }
                                </button>
                            </div>
                            if state.session.analysing {
                                <p class="analysing" role="status" data-testid="analysing">
                                    <span class="spinner" aria-hidden="true"></span>
                                    { if state.doc.text.len() > LARGE_TEXT { "Analysing this long text in the background; the page stays usable." } else { "Analysing…" } }
                                </p>
                            }
                            <Heatmap
                                report={report.clone()}
                                selected={selected}
                                show_all={state.view.show_all}
                                first_row={state.view.first_row}
                                dispatch={dispatch.clone()}
                                model={model_cells.clone()}
                            />
                            { precise_panel(state.doc.precise, &state.session.model, &report, state.comparing(), &dispatch) }
                            if state.view.table {
                                { table_view(&report, state.view.show_all, state.view.first_row) }
                            }
                            <p class="timing">{ timing }</p>
                        </section>
                        if stage >= 1 {
                            <SharePanel
                                share={state.session.share.clone()}
                                report={report.clone()}
                                on_download_state={download_state}
                                dispatch={dispatch.clone()}
                            />
                        }
                        if stage >= 2 {
                            <ActorSummary report={lower.clone()} sort={state.view.sort} dispatch={dispatch.clone()} />
                            { relations(&lowest, state.view.relation, &dispatch) }
                            <ActorsPanel
                                report={lowest.clone()}
                                off={state.doc.off.clone()}
                                removed={state.doc.removed.clone()}
                                edits={state.doc.config.actors.clone()}
                                dispatch={dispatch.clone()}
                            />
                            { lexicon_editor(&state.doc.config.lexicon, &dispatch) }
                        }
                    </div>
                    <div class="reading">
                        if stage >= 1 {
                            { evidence_panel(EvidenceProps {
                                report: report.clone(),
                                selected,
                                smoothing: state.doc.config.smoothing,
                                dispatch: dispatch.clone(),
                                model: model_evidence(&state.session.model, &report, selected),
                            }) }
                            <ArticleView
                                shared={shared}
                                report={report.clone()}
                                selected={selected}
                                first_row={state.view.first_row}
                                dispatch={dispatch.clone()}
                            />
                        }
                    </div>
                </div>
            </main>
            { Html::from_html_unchecked(AttrValue::from(footer_markup(&report.gazetteer_as_of))) }
        </div>
    }
}
