//! Several articles: their tabs, and the comparison view (one row per
//! actor, one column per article, coloured on the heatmap's scale), the
//! selected actor's evidence in every article side by side, omissions, word
//! choice and shared copy, all read from the worker's [`Comparison`]; the
//! selected actor can be renamed, merged or removed from there, for every
//! article, as in the actors panel.
//!
//! The table is written as markup (see `markup.rs`): it can hold hundreds of
//! actors. This module renders the comparison as it is and recomputes
//! nothing; it must not touch the state other than by dispatching.

use std::rc::Rc;

use slant_core::Comparison;
use yew::prelude::*;

use super::Dispatch;
use super::evidence::{evidence_words, sign_class};
use crate::colour;
use crate::explain;
use crate::export;
use crate::markup::Markup;
use crate::num::Short;
use crate::state::{Action, ReportRef, label_of};
use crate::web;

/// Rows shown before "Show all".
pub const FIRST_ROWS: usize = 40;

/// Entries shown per list (omissions, word choice, shared copy); the JSON export has them all.
pub const LIST_ITEMS: usize = 30;

/// Pieces of evidence shown per article for the selected actor.
pub const EVIDENCE_PER_ARTICLE: usize = 12;

/// The articles' tabs' contents.
pub struct TabsProps {
    /// Every article's label as the user typed it (empty for the default).
    pub labels: Vec<String>,
    pub active: usize,
    pub dispatch: Dispatch,
}

/// The Add article button, among the article panel's buttons, with
/// `articles` articles open (a plain function: no component type).
pub fn add_article(articles: usize, dispatch: &Dispatch) -> Html {
    let add = {
        let d = dispatch.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::AddArticle))
    };
    let full = articles >= slant_core::compare::MAX_ARTICLES;
    html! {
        <button type="button" class="button" data-testid="add-article" disabled={full} onclick={add}
            title="Compare with another article on the same event (up to eight)">{ "Add article" }</button>
    }
}

/// The articles' tabs, each with its label and a × to remove it; nothing
/// for a single article, so the page reads as before (a plain function: no
/// component type).
pub fn article_tabs(props: TabsProps) -> Html {
    if props.labels.len() < 2 {
        return Html::default();
    }
    html! {
        <div class="article-tabs" role="tablist" aria-label="Articles">
                { for props.labels.iter().enumerate().map(|(i, label)| {
                    let d = props.dispatch.clone();
                    let select = Callback::from(move |_: MouseEvent| d.dispatch(Action::SelectArticle(i)));
                    let d = props.dispatch.clone();
                    let focus = Callback::from(move |_: FocusEvent| d.dispatch(Action::SelectArticle(i)));
                    let d = props.dispatch.clone();
                    let oninput = Callback::from(move |e: InputEvent| {
                        if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                            d.dispatch(Action::LabelArticle(i, input.value()));
                        }
                    });
                    let d = props.dispatch.clone();
                    let remove = Callback::from(move |e: MouseEvent| {
                        e.stop_propagation();
                        d.dispatch(Action::RemoveArticle(i));
                    });
                    let shown = label_of(label, i);
                    let active = i == props.active;
                    html! {
                        <div class={classes!("article-tab", active.then_some("active"))} role="tab"
                            aria-selected={active.to_string()} data-testid="article-tab" data-article={i.to_string()} onclick={select}>
                            <input type="text" class="article-label" data-testid="article-label" maxlength="60"
                                aria-label={format!("Label of article {}", i + 1)} placeholder={format!("Article {}", i + 1)}
                                value={label.clone()} onfocus={focus} {oninput} />
                            <button type="button" class="tab-remove" data-testid="remove-article"
                                aria-label={format!("Remove {shown}")} title={format!("Remove {shown}")} onclick={remove}>{ "×" }</button>
                        </div>
                    }
                }) }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct CompareProps {
    pub comparison: Rc<Comparison>,
    /// One report per article, in order.
    pub reports: Vec<ReportRef>,
    /// The actor whose evidence is shown side by side.
    pub selected: Option<String>,
    pub dispatch: Dispatch,
}

/// The comparison table as markup: one row per actor (the comparison's
/// order, largest difference first), at most `rows` of them.
pub fn table_markup(c: &Comparison, rows: usize, selected: Option<&str>) -> String {
    let mut m = Markup::with_capacity(256 + rows.min(c.actors.len()) * (120 + 200 * c.articles.len()));
    m.raw(r#"<table class="compare-table" data-testid="compare-table"><thead><tr><th scope="col">Actor</th>"#);
    for (i, a) in c.articles.iter().enumerate() {
        m.open("th").attr("scope", "col").attr("data-article", i).end_open();
        m.text(&a.label).close("th");
    }
    m.raw(r#"<th scope="col" title="The largest score minus the smallest">Difference</th></tr></thead><tbody>"#);
    for row in c.actors.iter().take(rows) {
        m.open("tr");
        if selected == Some(row.id.as_str()) {
            m.attr("class", "selected");
        }
        m.end_open()
            .open("th")
            .attr("scope", "row")
            .end_open()
            .text(&row.name)
            .close("th");
        for (i, score) in row.scores.iter().enumerate() {
            let label = c.articles.get(i).map_or("", |a| a.label.as_str());
            m.raw("<td>")
                .open("button")
                .attr("type", "button")
                .attr("class", "compare-cell");
            m.attr("data-testid", "compare-cell")
                .attr("data-article", i)
                .attr("data-actor", &row.id);
            match score {
                Some(s) => {
                    let bg = colour::score_colour(*s);
                    m.attr("data-score", Short(f64::from(*s)))
                        .attr(
                            "style",
                            format_args!("background:{};color:{}", colour::hex(bg), colour::ink_on(bg)),
                        )
                        .attr(
                            "aria-label",
                            format_args!("{} in {}: {}", row.name, label, explain::score(*s)),
                        )
                        .end_open()
                        .text(explain::score(*s));
                }
                None => {
                    m.attr("data-score", "")
                        .attr("aria-label", format_args!("{} is not in {}", row.name, label))
                        .end_open()
                        .raw("–");
                }
            }
            m.close("button").raw("</td>");
        }
        m.raw(r#"<td class="difference">"#);
        match row.difference {
            Some(d) => m.text(crate::num::Fixed(f64::from(d), 2)),
            None => m.raw("–"),
        };
        m.raw("</td></tr>");
    }
    m.raw("</tbody></table>");
    m.into_string()
}

/// The actor id of the cell an event happened in, if any.
fn cell_actor(target: Option<web_sys::EventTarget>) -> Option<String> {
    super::target_closest(target, "[data-actor]")?.get_attribute("data-actor")
}

#[function_component(CompareView)]
pub fn compare_view(props: &CompareProps) -> Html {
    let show_all = use_state(|| false);
    let c = &props.comparison;
    let rows = if *show_all { c.actors.len() } else { FIRST_ROWS };
    let table = {
        let c = c.clone();
        let selected = props.selected.clone();
        use_memo((c, rows, selected), |(c, rows, selected)| {
            AttrValue::from(table_markup(c, *rows, selected.as_deref()))
        })
    };
    let lists = use_memo(c.clone(), |c| AttrValue::from(lists_markup(c)));
    let onclick = {
        let d = props.dispatch.clone();
        Callback::from(move |e: MouseEvent| {
            if let Some(actor) = cell_actor(e.target()) {
                d.dispatch(Action::SelectCompared(Some(actor)));
            }
        })
    };
    let toggle = {
        let show_all = show_all.clone();
        Callback::from(move |_: MouseEvent| show_all.set(!*show_all))
    };
    let fail = {
        let d = props.dispatch.clone();
        move |r: Result<(), String>| {
            if let Err(m) = r {
                d.dispatch(Action::Error(m));
            }
        }
    };
    let export_csv = {
        let (c, reports, fail) = (c.clone(), props.reports.clone(), fail.clone());
        Callback::from(move |_: MouseEvent| {
            let labelled: Vec<(&str, &slant_core::Report)> = c
                .articles
                .iter()
                .map(|a| a.label.as_str())
                .zip(reports.iter().map(|r| &**r))
                .collect();
            let csv = slant_share::articles_csv(&labelled, &c);
            fail(web::download_text(export::COMPARE_CSV_FILE, export::CSV_TYPE, &csv));
        })
    };
    let export_json = {
        let (c, fail) = (c.clone(), fail.clone());
        Callback::from(move |_: MouseEvent| {
            let json = slant_share::comparison_json(&c);
            fail(web::download_text(export::COMPARE_JSON_FILE, export::JSON_TYPE, &json));
        })
    };
    let export_svg = {
        let (c, fail) = (c.clone(), fail.clone());
        Callback::from(move |_: MouseEvent| {
            let svg = export::svg_file(&export::comparison_svg(&c));
            fail(web::download_text(export::COMPARE_SVG_FILE, export::SVG_TYPE, &svg));
        })
    };
    let export_png = {
        let (c, fail) = (c.clone(), fail.clone());
        Callback::from(move |_: MouseEvent| {
            let svg = export::svg_file(&export::comparison_svg(&c));
            let fail = fail.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let png = export::chart_png(&svg).await;
                fail(png.and_then(|blob| web::download_blob(export::COMPARE_PNG_FILE, &blob)));
            });
        })
    };
    let close = {
        let d = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::SelectCompared(None)))
    };
    let selected_row = props
        .selected
        .as_ref()
        .and_then(|id| c.actors.iter().find(|r| r.id == *id));
    let edits = selected_row.map(|row| {
        actor_edit(ActorEditProps {
            row_id: row.id.clone(),
            name: row.name.clone(),
            comparison: c.clone(),
            dispatch: props.dispatch.clone(),
        })
    });
    html! {
        <section class="panel compare-panel" aria-labelledby="compare-heading" data-testid="compare-view">
            <div class="panel-head">
                <h2 id="compare-heading">{ "Comparison" }</h2>
                <div class="buttons">
                    <button type="button" class="button small" data-testid="export-compare-csv" onclick={export_csv}>{ "Articles (CSV)" }</button>
                    <button type="button" class="button small" data-testid="export-compare-json" onclick={export_json}>{ "Comparison (JSON)" }</button>
                    <button type="button" class="button small" data-testid="export-compare-svg" onclick={export_svg}>{ "Comparison (SVG)" }</button>
                    <button type="button" class="button small" data-testid="export-compare-png" onclick={export_png}>{ "Comparison (PNG)" }</button>
                </div>
            </div>
            <p class="hint">{ "Each article’s score toward each actor, shared copy counted once; rows with the largest difference first. Select a score to see the evidence in every article side by side." }</p>
            <div class="compare-scroll" {onclick}>
                { Html::from_html_unchecked((*table).clone()) }
            </div>
            if c.actors.len() > FIRST_ROWS {
                <button type="button" class="button" data-testid="compare-show-all" onclick={toggle}>
                    { if *show_all { "Show fewer actors".to_string() } else { format!("Show all {} actors", c.actors.len()) } }
                </button>
            }
            if let Some(row) = selected_row {
                <div class="compare-evidence" data-testid="compare-evidence">
                    <div class="panel-head">
                        <h3>{ format!("{} in each article", row.name) }</h3>
                        <button type="button" class="button" onclick={close}>{ "Close" }</button>
                    </div>
                    { edits.unwrap_or_default() }
                    { Html::from_html_unchecked(AttrValue::from(sides(c, row, &props.reports))) }
                </div>
            }
            { Html::from_html_unchecked((*lists).clone()) }
        </section>
    }
}

struct ActorEditProps {
    row_id: String,
    name: String,
    comparison: Rc<Comparison>,
    dispatch: Dispatch,
}

/// Edits of the selected actor from the comparison: rename it, merge it
/// into another actor of the comparison, or remove it. They are the actors
/// panel's edits, so they apply to every article.
/// (A plain function, not a component: its fields are read by id when a form is sent.)
fn actor_edit(props: ActorEditProps) -> Html {
    let on_rename = {
        let (d, id) = (props.dispatch.clone(), props.row_id.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let new = web::field_value("compare-rename-input");
            if !new.trim().is_empty() {
                d.dispatch(Action::Rename(id.clone(), new));
            }
        })
    };
    let on_merge = {
        let (d, id) = (props.dispatch.clone(), props.row_id.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let target = web::field_value("compare-merge-into");
            if !target.is_empty() && target != id {
                d.dispatch(Action::Merge(id.clone(), target));
            }
        })
    };
    let remove = {
        let (d, id) = (props.dispatch.clone(), props.row_id.clone());
        Callback::from(move |_: MouseEvent| d.dispatch(Action::Remove(id.clone())))
    };
    let others = props.comparison.actors.iter().filter(|r| r.id != props.row_id);
    html! {
        <div class="compare-edit" data-testid="compare-edit">
            <form class="inline-form" onsubmit={on_rename}>
                <label for="compare-rename-input">{ "Rename to" }</label>
                <input id="compare-rename-input" type="text" data-testid="compare-rename-input" value={props.name.clone()} />
                <button type="submit" class="button small" data-testid="compare-rename">{ "Rename" }</button>
            </form>
            <form class="inline-form" onsubmit={on_merge}>
                <label for="compare-merge-into">{ "Merge into" }</label>
                <select id="compare-merge-into" data-testid="compare-merge-into">
                    <option value="" selected=true>{ "another actor…" }</option>
                    { for others.map(|r| html! { <option value={r.id.clone()}>{ r.name.clone() }</option> }) }
                </select>
                <button type="submit" class="button small" data-testid="compare-merge">{ "Merge" }</button>
            </form>
            <button type="button" class="button small" data-testid="compare-remove" onclick={remove}>{ "Remove from every article" }</button>
        </div>
    }
}

/// One article's column of the side-by-side evidence: the actor's score
/// there and its strongest evidence, paragraph by paragraph.
fn side(c: &Comparison, row: &slant_core::compare::ActorRow, i: usize, report: &ReportRef) -> String {
    let label = c.articles.get(i).map_or_else(|| label_of("", i), |a| a.label.clone());
    let actor = row.index.get(i).copied().flatten();
    let cells: Vec<&slant_core::report::Cell> = actor
        .map(|a| report.cells.iter().filter(|cell| cell.actor == a).collect())
        .unwrap_or_default();
    let score = row.scores.get(i).copied().flatten();
    let mut m = Markup::with_capacity(2000);
    m.raw(r#"<section class="side" data-testid="compare-side""#)
        .attr("data-article", i)
        .raw("><h4>")
        .text(&label)
        .close("h4");
    if cells.is_empty() {
        m.raw(r#"<p class="hint">"#)
            .text(format_args!("{} is not mentioned here.", row.name))
            .close("p");
    } else {
        m.raw(r#"<p class="cell-line">"#);
        if let Some(s) = score {
            m.open("span")
                .attr("class", format_args!("chip {}", sign_class(s)))
                .end_open()
                .text(explain::score(s))
                .close("span");
        }
        m.text(counts(row.mentions.get(i).copied().unwrap_or(0), cells.len()))
            .raw(r#"</p><ol class="evidence-list">"#);
        let evidence = cells
            .iter()
            .flat_map(|cell| cell.evidence.iter().map(move |e| (cell.paragraph, e)))
            .take(EVIDENCE_PER_ARTICLE);
        for (p, e) in evidence {
            m.raw(r#"<li data-testid="evidence-item"><div class="evidence-head"><span class="para-ref">"#)
                .text(format_args!("P{}", p + 1))
                .close("span");
            if !c.shared_with(i, p).is_empty() {
                m.raw(r#"<span class="badge shared" data-testid="shared-badge" title="This paragraph appears in another article too">shared copy</span>"#);
            }
            evidence_words(&mut m, report, e)
                .text(format_args!(
                    "{}, reaching “{}”",
                    explain::cause(e.cause),
                    report.slice(e.mention)
                ))
                .raw("</p></li>");
        }
        m.raw("</ol>");
    }
    m.raw("</section>");
    m.into_string()
}

/// Every article's evidence about `row`, side by side, as markup.
fn sides(c: &Comparison, row: &slant_core::compare::ActorRow, reports: &[ReportRef]) -> String {
    let mut out = String::from(r#"<div class="side-by-side">"#);
    for (i, report) in reports.iter().enumerate() {
        out.push_str(&side(c, row, i, report));
    }
    out.push_str("</div>");
    out
}

/// " 2 mentions in 1 paragraph".
fn counts(mentions: usize, paragraphs: usize) -> String {
    let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    format!(
        " {} in {}",
        plural(mentions, "mention", "mentions"),
        plural(paragraphs, "paragraph", "paragraphs")
    )
}

fn names(c: &Comparison, list: &[usize]) -> String {
    list.iter()
        .map(|&i| c.articles.get(i).map_or_else(|| label_of("", i), |a| a.label.clone()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// "and N more" after a capped list, pointing to the JSON, which has them all.
fn more(m: &mut Markup, total: usize) {
    if total > LIST_ITEMS {
        m.raw(r#"<p class="hint">"#)
            .text(format_args!(
                "And {} more in the comparison’s JSON.",
                total - LIST_ITEMS
            ))
            .raw("</p>");
    }
}

/// Omissions, word choice and shared copy as markup: each list holds at
/// most [`LIST_ITEMS`] entries (a long article has hundreds).
pub fn lists_markup(c: &Comparison) -> String {
    let mut m = Markup::with_capacity(4096);
    m.raw(r#"<div class="omissions" data-testid="omissions"><h3>Omissions</h3>"#);
    if c.omissions.is_empty() {
        m.raw(r#"<p class="hint">Every article mentions the same actors.</p>"#);
    } else {
        m.raw("<ul>");
        for o in c.omissions.iter().take(LIST_ITEMS) {
            m.open("li")
                .attr("data-testid", "omission")
                .attr("data-actor", &o.actor)
                .end_open();
            m.raw("<strong>").text(&o.name).raw("</strong>");
            if !o.absent_from.is_empty() {
                m.text(format_args!(
                    ": in {}; not in {}.",
                    names(c, &o.present_in),
                    names(c, &o.absent_from)
                ));
            }
            if !o.quoted_in.is_empty() && !o.not_quoted_in.is_empty() {
                if o.absent_from.is_empty() {
                    m.raw(":");
                }
                m.text(format_args!(
                    " Speaks in {}; not in {}.",
                    names(c, &o.quoted_in),
                    names(c, &o.not_quoted_in)
                ));
            }
            m.raw("</li>");
        }
        m.raw("</ul>");
        more(&mut m, c.omissions.len());
    }
    m.raw(r#"</div><div class="word-choice" data-testid="word-choice"><h3>Word choice</h3>"#);
    if c.word_choice.is_empty() {
        m.raw(r#"<p class="hint">No actor is described with words only one article uses.</p>"#);
    } else {
        m.raw("<ul>");
        for w in c.word_choice.iter().take(LIST_ITEMS) {
            let name = c
                .actors
                .iter()
                .find(|r| r.id == w.actor)
                .map_or(w.actor.as_str(), |r| r.name.as_str());
            m.open("li")
                .attr("data-actor", &w.actor)
                .attr("data-article", w.article)
                .end_open();
            m.raw("<strong>").text(name).raw("</strong>");
            m.text(format_args!(" in {}: ", names(c, &[w.article])));
            for (k, word) in w.words.iter().enumerate() {
                if k > 0 {
                    m.raw(", ");
                }
                m.open("span")
                    .attr("class", format_args!("words {}", sign_class(word.weight)))
                    .end_open();
                m.text(format_args!("“{}”", word.word)).close("span");
            }
            m.raw("</li>");
        }
        m.raw("</ul>");
        more(&mut m, c.word_choice.len());
    }
    m.raw(r#"</div><div class="shared-copy" data-testid="shared-copy"><h3>Shared copy</h3>"#);
    if c.shared_paragraphs.is_empty() {
        m.raw(r#"<p class="hint">No paragraph appears in more than one article.</p>"#);
    } else {
        m.raw(r#"<p class="hint">Paragraphs that appear in two articles (wire copy, press releases) count once, in the first article.</p><ul>"#);
        for s in c.shared_paragraphs.iter().take(LIST_ITEMS) {
            m.raw(r#"<li data-testid="shared-pair"><span class="badge shared">shared copy</span>"#);
            m.text(format_args!(
                " {} P{} and {} P{}",
                names(c, &[s.articles[0]]),
                s.paragraphs[0] + 1,
                names(c, &[s.articles[1]]),
                s.paragraphs[1] + 1
            ));
            if s.similarity >= 1.0 {
                m.raw(", the same words");
            } else {
                m.text(format_args!(
                    ", {}% alike",
                    crate::num::Fixed(f64::from(s.similarity) * 100.0, 0)
                ));
            }
            m.raw("</li>");
        }
        m.raw("</ul>");
        more(&mut m, c.shared_paragraphs.len());
    }
    m.raw("</div>");
    m.into_string()
}
