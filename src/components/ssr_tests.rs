//! Components rendered to HTML natively with Yew's server renderer. Attribute
//! order is not kept by SSR, so these assert with `contains` and counts.

use std::rc::Rc;

use yew::prelude::*;
use yew::{LocalServerRenderer, Reducible};

use crate::app::{App, Explorer};
use crate::components::actors::ActorsPanel;
use crate::components::article::ArticleView;
use crate::components::banner::error_banner;
use crate::components::evidence::{EvidenceProps, evidence_panel};
use crate::components::heatmap::Heatmap;
use crate::components::lexicon::lexicon_editor;
use crate::components::notices::{NoticesProps, notices};
use crate::components::relations::relations;
use crate::components::share::SharePanel;
use crate::components::summary::ActorSummary;
use crate::components::table::table_view;
use crate::state::{Action, Replaced, Sort, State};

fn render<C: BaseComponent>(props: C::Properties) -> String {
    let rt = tokio::runtime::Builder::new_current_thread().build().expect("runtime");
    rt.block_on(LocalServerRenderer::<C>::with_props(props).render())
}

fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

const SHORT: &str = "Russia attacked Ukraine.\n\nBritain praised Ukraine.";

/// Which panel to render.
#[derive(Clone, Copy, PartialEq)]
enum Panel {
    Heatmap,
    Table,
    Summary,
    Evidence,
    Article,
    Actors,
    Relations,
    Banner,
    Share,
    Lexicon,
    Notices,
}

#[derive(Properties, PartialEq)]
struct HostProps {
    text: &'static str,
    panel: Panel,
    /// The selected (paragraph, actor id).
    #[prop_or_default]
    selected: Option<(usize, &'static str)>,
}

/// A reducer over `text` and one panel of it.
#[function_component(Host)]
fn host(props: &HostProps) -> Html {
    let state = use_reducer(|| State::new(props.text));
    let d = state.dispatcher();
    let r = state.session.report.clone();
    let selected = props.selected.and_then(|(p, id)| r.actor_index(id).map(|a| (p, a)));
    match props.panel {
        Panel::Heatmap => {
            html! { <Heatmap report={r} selected={selected} show_all={false} first_row={0} dispatch={d} /> }
        }
        Panel::Table => table_view(&r, false, 0),
        Panel::Summary => html! { <ActorSummary report={r} sort={Sort::default()} dispatch={d} /> },
        Panel::Evidence => evidence_panel(EvidenceProps {
            report: r,
            selected,
            smoothing: 1.0,
            dispatch: d,
            model: Html::default(),
        }),
        Panel::Article => html! { <ArticleView report={r} selected={selected} dispatch={d} /> },
        Panel::Actors => html! {
            <ActorsPanel report={r} off={Vec::new()} removed={Vec::new()} edits={state.doc.config.actors.clone()} dispatch={d} />
        },
        Panel::Relations => relations(&r, Some(0), &d),
        Panel::Banner => error_banner(Some("Slant reads .txt files, not .pdf"), &d),
        Panel::Share => {
            // The state after the Share button, as the reducer leaves it.
            let shared = Rc::new((*state).clone()).reduce(Action::Share);
            html! { <SharePanel share={shared.session.share.clone()} report={r} on_download_state={Callback::noop()} dispatch={d} /> }
        }
        Panel::Lexicon => {
            let shared = Rc::new((*state).clone()).reduce(Action::SetLexicon("Reassurance".into(), Some(1.5)));
            lexicon_editor(&shared.doc.config.lexicon, &d)
        }
        Panel::Notices => {
            let undo = Replaced {
                what: "Started a new article.",
                previous: Rc::new(state.to_shared()),
            };
            notices(NoticesProps {
                restore: true,
                undo: Some(&undo),
                storage: Some("Storage is switched off."),
                version: None,
                dispatch: &d,
            })
        }
    }
}

fn panel_html(text: &'static str, panel: Panel, selected: Option<(usize, &'static str)>) -> String {
    render::<Host>(HostProps { text, panel, selected })
}

/// The whole explorer at once (the app mounts its lower panels in later tasks).
#[function_component(Whole)]
fn whole() -> Html {
    let state = use_reducer(|| State::default().settle());
    html! { <Explorer state={state} staged={false} /> }
}

#[test]
fn the_app_first_renders_the_chart_and_input() {
    // The seed is short, so it is analysed before the first render.
    let html = render::<App>(());
    assert!(html.contains("data-testid=\"heatmap\""));
    assert!(!html.contains("data-testid=\"analysing\""));
    assert!(html.contains("data-testid=\"article-input\""));
    assert_eq!(
        count(&html, "data-testid=\"paragraph\""),
        0,
        "the article follows in the next task"
    );
}

#[test]
fn the_explorer_renders_the_seed() {
    let html = render::<Whole>(());
    assert_eq!(count(&html, "data-testid=\"paragraph\""), 18);
    for id in [
        "heatmap",
        "article-input",
        "load-example",
        "actor-summary",
        "evidence-panel",
        "actor-list",
        "relations",
        "legend",
    ] {
        assert!(html.contains(&format!("data-testid=\"{id}\"")), "{id}");
    }
    assert!(html.contains("Hutto") && html.contains("Årup Nielsen") && html.contains("Schulder"));
    assert!(html.contains("NewsMTSC"));
    assert!(html.contains("aria-live=\"polite\""));
}

#[test]
fn the_masthead_is_static_before_the_app() {
    let page = include_str!("../../index.html");
    let masthead = page.find("<header class=\"masthead\">").expect("a static masthead");
    let app = page.find("<div id=\"app\"></div>").expect("the app's mount point");
    assert!(masthead < app, "the masthead comes first");
    assert!(page.contains("<h1>Slant</h1>") && page.contains("nothing is uploaded"));
    assert!(
        !render::<Whole>(()).contains("class=\"masthead\""),
        "the app does not draw it again"
    );
}

#[test]
fn the_heatmap_has_a_cell_for_every_paragraph_and_actor() {
    let html = panel_html(SHORT, Panel::Heatmap, None);
    let state = State::new(SHORT);
    let actors = state.session.report.actors.len().min(12);
    assert_eq!(count(&html, "data-testid=\"heatmap-cell\""), 2 * actors);
    assert!(html.contains("data-actor=\"russia\""));
    assert!(html.contains("data-actor=\"united-kingdom\""));
    // Britain is not in the first paragraph: its cell has an empty score and the hatch.
    assert!(html.contains("data-score=\"\""));
    assert!(html.contains("url(#not-mentioned)"));
    // One cell is tabbable; the rest are reached with the arrow keys.
    assert_eq!(count(&html, "tabindex=\"0\""), 1);
    assert_eq!(count(&html, "tabindex=\"-1\""), 2 * actors - 1);
    assert!(html.contains(">P1<") && html.contains(">P2<"));
    assert!(html.contains("role=\"grid\""));
    assert!(
        html.contains("<title>Russia, P1: −"),
        "the title gives the sign: {html}"
    );
}

#[test]
fn an_empty_text_shows_a_hint_instead_of_a_chart() {
    let html = panel_html("", Panel::Heatmap, None);
    assert!(!html.contains("data-testid=\"heatmap\""));
    assert!(html.contains("Paste or type an article"));
}

#[test]
fn the_table_view_is_a_real_table() {
    let html = panel_html(SHORT, Panel::Table, None);
    assert!(html.contains("<table"));
    assert_eq!(count(&html, "scope=\"row\""), 2);
    assert!(count(&html, "scope=\"col\"") >= 4);
    assert!(html.contains("not mentioned"));
}

#[test]
fn the_summary_is_sortable_and_draws_sparklines() {
    let html = panel_html(SHORT, Panel::Summary, None);
    assert!(html.contains("aria-sort=\"descending\""));
    assert_eq!(count(&html, "aria-sort=\"none\""), 2);
    assert!(html.contains("class=\"spark\""));
    assert!(html.contains("Russia"));
}

#[test]
fn the_evidence_panel_explains_a_cell() {
    let html = panel_html(SHORT, Panel::Evidence, Some((0, "russia")));
    assert!(html.contains("Russia in P1"));
    assert!(html.contains("data-testid=\"evidence-item\""));
    assert!(html.contains("“attacked”"), "{html}");
    assert!(html.contains("agent of “attacked”"), "{html}");
    assert!(html.contains("(positive − negative) ÷ (positive + negative + 1)"));
    let none = panel_html(SHORT, Panel::Evidence, None);
    assert!(none.contains("Select a square"));
    let absent = panel_html(SHORT, Panel::Evidence, Some((0, "united-kingdom")));
    assert!(absent.contains("is not mentioned in P1"));
}

#[test]
fn the_article_marks_mentions_and_words_as_text() {
    let text = "Russia attacked Ukraine.\n\n<script>alert(1)</script> Britain praised Ukraine.";
    let html = panel_html(text, Panel::Article, Some((0, "russia")));
    assert_eq!(count(&html, "data-testid=\"paragraph\""), 2);
    assert!(html.contains("data-actor=\"russia\""));
    assert!(html.contains("mention-selected"));
    assert!(html.contains("class=\"sentiment\"") || html.contains("sentiment"));
    assert!(
        html.contains("evidence ev-neg") || html.contains("ev-neg evidence"),
        "{html}"
    );
    // Pasted markup is text, never HTML.
    assert!(!html.contains("<script>"));
    assert!(html.contains("&lt;script&gt;"));
    assert!(html.contains("after the rules"));
}

#[test]
fn the_actors_panel_lists_actors_and_forms() {
    let html = panel_html(SHORT, Panel::Actors, None);
    assert!(html.contains("data-actor=\"russia\""));
    assert!(html.contains("found: gazetteer"));
    assert!(html.contains("id=\"add-name\"") && html.contains("id=\"add-aliases\""));
    assert!(html.contains("id=\"merge-from\""));
    assert!(html.contains("type=\"checkbox\""));
}

#[test]
fn relations_open_their_quote() {
    let html = panel_html(crate::state::SEED, Panel::Relations, None);
    assert!(html.contains("data-testid=\"relation\""));
    assert!(html.contains("aria-expanded=\"true\""));
    assert!(html.contains("data-testid=\"relation-quote\""));
    assert!(html.contains(" → "));
}

#[test]
fn the_share_panel_shows_the_link_its_length_and_the_downloads() {
    let html = panel_html(SHORT, Panel::Share, None);
    assert!(html.contains("data-testid=\"share-button\""));
    assert!(html.contains("data-testid=\"share-link\""));
    assert!(html.contains("readonly"));
    // Natively there is no page address: the link is the fragment alone.
    let state = State::new(SHORT);
    let fragment = slant_share::encode(&state.to_shared());
    assert!(html.contains(&format!("value=\"{fragment}\"")), "{html}");
    assert!(html.contains(&format!("The link is {} characters long.", fragment.len())));
    assert!(!html.contains("data-testid=\"share-warning\""));
    for id in [
        "download-state",
        "export-csv",
        "export-json",
        "export-svg",
        "export-png",
    ] {
        assert!(html.contains(&format!("data-testid=\"{id}\"")), "{id}");
    }
}

#[test]
fn the_lexicon_editor_lists_overrides_with_remove_buttons() {
    let html = panel_html(SHORT, Panel::Lexicon, None);
    assert!(html.contains("data-testid=\"lexicon-editor\""));
    assert!(html.contains("type=\"number\"") && html.contains("min=\"-4\"") && html.contains("max=\"4\""));
    assert!(html.contains("step=\"0.1\""));
    assert!(html.contains("data-term=\"reassurance\""), "{html}");
    assert!(html.contains("“reassurance”: <strong>+1.50</strong>"), "{html}");
    assert!(html.contains("Remove the value for “reassurance”"));
}

#[test]
fn notices_offer_restore_undo_and_explain_storage() {
    let html = panel_html(SHORT, Panel::Notices, None);
    assert!(html.contains("You have a saved draft from before this link. Restore it?"));
    assert!(html.contains("data-testid=\"restore-draft\""));
    assert!(html.contains("data-testid=\"undo\"") && html.contains("Started a new article."));
    assert!(html.contains("data-testid=\"storage-message\"") && html.contains("Storage is switched off."));
}

#[test]
fn the_explorer_has_the_share_panel_and_the_lexicon_editor() {
    let html = render::<Whole>(());
    assert!(html.contains("data-testid=\"share-panel\""));
    assert!(html.contains("data-testid=\"lexicon-editor\""));
    assert!(html.contains("data-testid=\"new\""));
    assert!(!html.contains("data-testid=\"truncation-notice\""));
    assert!(!html.contains("data-testid=\"draft-notice\""));
}

#[test]
fn the_error_banner_is_an_alert() {
    let html = panel_html(SHORT, Panel::Banner, None);
    assert!(html.contains("role=\"alert\""));
    assert!(html.contains("data-testid=\"error-banner\""));
    assert!(html.contains("not .pdf"));
}

const OUTLET_A: &str = include_str!("../../crates/slant-core/tests/fixtures/compare/outlet-a.txt");
const OUTLET_B: &str = include_str!("../../crates/slant-core/tests/fixtures/compare/outlet-b.txt");

/// Two articles compared, labelled, with `actor`'s row selected if given.
fn compared(actor: Option<&str>) -> State {
    let mut s = Rc::new(State::new(OUTLET_A));
    for a in [
        Action::AddArticle,
        Action::SetText(OUTLET_B.into()),
        Action::LabelArticle(0, "Outlet A".into()),
        Action::LabelArticle(1, "Outlet <B>".into()),
    ] {
        s = Rc::new((*s.reduce(a)).clone().settle());
    }
    let s = s.reduce(Action::SelectCompared(actor.map(str::to_string)));
    (*s).clone()
}

#[derive(Properties, PartialEq)]
struct ComparedProps {
    actor: Option<&'static str>,
}

#[function_component(ComparedExplorer)]
fn compared_explorer(props: &ComparedProps) -> Html {
    let actor = props.actor;
    let state = use_reducer(move || compared(actor));
    html! { <Explorer state={state} staged={false} /> }
}

#[test]
fn one_article_shows_add_article_and_no_comparison() {
    let html = render::<Whole>(());
    assert_eq!(count(&html, "data-testid=\"add-article\""), 1);
    assert_eq!(count(&html, "data-testid=\"article-tab\""), 0);
    assert_eq!(count(&html, "data-testid=\"compare-view\""), 0);
}

#[test]
fn two_articles_show_tabs_and_the_comparison() {
    let state = compared(None);
    let c = state.session.comparison.clone().expect("compared");
    let html = render::<ComparedExplorer>(ComparedProps { actor: None });
    assert_eq!(count(&html, "data-testid=\"article-tab\""), 2);
    assert_eq!(count(&html, "data-testid=\"article-label\""), 2);
    assert_eq!(count(&html, "data-testid=\"compare-view\""), 1);
    let rows = c.actors.len().min(crate::components::compare::FIRST_ROWS);
    assert_eq!(count(&html, "data-testid=\"compare-cell\""), rows * 2);
    // Labels are escaped text.
    assert!(html.contains("Outlet &lt;B&gt;"), "escaped label");
    assert!(!html.contains("Outlet <B>"));
    // Every cell says its article, its actor and its score (empty where absent).
    for row in c.actors.iter().take(rows) {
        for (i, score) in row.scores.iter().enumerate() {
            let score = score.map(|s| s.to_string()).unwrap_or_default();
            let cell = format!("data-article=\"{i}\" data-actor=\"{}\" data-score=\"{score}\"", row.id);
            assert!(html.contains(&cell), "{cell}");
        }
    }
    assert!(
        c.actors.iter().any(|r| r.scores.iter().any(Option::is_none)),
        "an actor one article leaves out"
    );
    assert!(html.contains("data-score=\"\""));
    // Rows come largest difference first, as the comparison orders them.
    let first = &c.actors[0].id;
    let second = c.actors.iter().find(|r| r.id != *first).map(|r| r.id.clone()).unwrap();
    let at = |id: &str| html.find(&format!("data-actor=\"{id}\" data-score")).unwrap();
    assert!(at(first) < at(&second));
    for id in [
        "omissions",
        "word-choice",
        "shared-copy",
        "export-compare-csv",
        "export-compare-json",
    ] {
        assert!(html.contains(&format!("data-testid=\"{id}\"")), "{id}");
    }
    assert_eq!(count(&html, "data-testid=\"compare-evidence\""), 0);
    // Shared copy is listed, and marked on the edited article's paragraph.
    assert_eq!(c.shared_paragraphs.len(), 1, "{:?}", c.shared_paragraphs);
    assert_eq!(count(&html, "data-testid=\"shared-pair\""), 1);
    assert_eq!(count(&html, "data-testid=\"shared-badge\""), 1);
    // The single-article panels still show the edited article.
    assert!(html.contains("data-testid=\"heatmap\""));
}

#[test]
fn a_selected_actor_shows_its_evidence_in_both_articles() {
    let state = compared(None);
    let c = state.session.comparison.clone().unwrap();
    let row = c
        .actors
        .iter()
        .find(|r| r.scores.iter().all(Option::is_some))
        .expect("an actor in both");
    let id: &'static str = Box::leak(row.id.clone().into_boxed_str());
    let html = render::<ComparedExplorer>(ComparedProps { actor: Some(id) });
    assert_eq!(count(&html, "data-testid=\"compare-evidence\""), 1);
    assert_eq!(count(&html, "data-testid=\"compare-side\""), 2);
    let a = html.find("data-testid=\"compare-side\"").unwrap();
    assert!(html[a..].matches("data-testid=\"evidence-item\"").count() >= 2);
}

#[test]
fn the_comparison_svg_has_a_cell_per_score() {
    let c = compared(None).session.comparison.clone().unwrap();
    let svg = crate::export::comparison_svg(&c);
    assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
    let rows = c.actors.len().min(crate::export::SVG_ROWS);
    // A background, then one rectangle per article and row.
    assert_eq!(count(&svg, "<rect"), 1 + rows * c.articles.len());
    assert!(svg.contains("Outlet &lt;B&gt;"));
}
