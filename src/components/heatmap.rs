//! The heatmap: paragraphs down, actors across, one SVG cell per (paragraph,
//! visible actor), coloured by the engine's cell score.
//!
//! Keyboard: the cells form a grid with a roving tabindex (one cell is
//! tabbable; arrows, Home/End, Ctrl+Home/End and PageUp/PageDown move focus;
//! Enter or Space selects). Events are delegated to the <svg>.
//!
//! The column labels, each row and the legend are written as markup (see
//! `markup`) that the browser parses in one call: the first chart is a few
//! hundred SVG elements, and building them one by one, with a call into the
//! browser per element and per attribute, took most of the first render. A
//! row's markup is built once per report and layout; moving the focus or the
//! selection then changes the attributes of the cells concerned in place.
//! Geometry comes from `chart`, colours from `colour`.

use std::cell::RefCell;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::Dispatch;
use super::precise::{self as model, ModelCells};
use super::progressive::{first_batch, use_progressive_fixed};
use crate::chart::{self, Layout};
use crate::colour;
use crate::explain;
use crate::markup::Markup;
use crate::num::Short;
use crate::state::{Action, ReportRef, Selection};

/// Rows drawn at once; the rest follow in later tasks, a fixed number per
/// task: every step makes the browser lay out and paint the whole SVG again.
const FIRST_ROWS: usize = 30;
const STEP_ROWS: usize = 25;

#[derive(Properties, PartialEq)]
pub struct HeatmapProps {
    pub report: ReportRef,
    /// The selected (paragraph, actor index).
    pub selected: Option<(usize, usize)>,
    pub show_all: bool,
    pub first_row: usize,
    pub dispatch: Dispatch,
    /// Precise mode's cells for this report, when the mode is on.
    #[prop_or_default]
    pub model: ModelCells,
}

/// A cell's description, for its <title> (its tooltip and accessible name) and the caption.
pub fn describe(report: &slant_core::Report, paragraph: usize, actor: usize) -> String {
    let name = &report.actors[actor].name;
    match report.cell(paragraph, actor) {
        None => format!("{name}, P{}: not mentioned", paragraph + 1),
        Some(c) => {
            let words: Vec<&str> = c.evidence.iter().take(3).map(|e| report.slice(e.words)).collect();
            let mentions = if c.mentions == 1 { "mention" } else { "mentions" };
            let mut s = format!(
                "{name}, P{}: {} {}, {} {mentions}",
                paragraph + 1,
                explain::score(c.score),
                explain::label(c.label),
                c.mentions
            );
            if !words.is_empty() {
                s.push_str(&format!("; top words: {}", words.join(", ")));
            }
            s
        }
    }
}

/// Reads (paragraph, actor index) from a cell element's data attributes.
fn cell_of(target: Option<web_sys::EventTarget>) -> Option<(usize, usize)> {
    let el = target?.dyn_into::<web_sys::Element>().ok()?;
    let p = el.get_attribute("data-paragraph")?.parse().ok()?;
    let a = el.get_attribute("data-col")?.parse().ok()?;
    Some((p, a))
}

#[function_component(Heatmap)]
pub fn heatmap(props: &HeatmapProps) -> Html {
    let report = &props.report;
    // The roving focus and the hovered cell, as (paragraph, actor index).
    let focus = use_state(|| None::<(usize, usize)>);
    let hover = use_state(|| None::<(usize, usize)>);
    let focus_request = use_state(|| 0u64);
    let svg = use_node_ref();

    let cols = chart::visible_columns(report.actors.len(), props.show_all);
    let rows = chart::row_window(report.paragraphs.len(), cols, props.first_row);
    // Long charts draw their rows over a few tasks.
    let first = first_batch(report.text.len(), FIRST_ROWS);
    let drawn = use_progressive_fixed((report.clone(), rows.start, cols), rows.len(), first, STEP_ROWS);

    // The roving cell: the focused one if visible, else the selected one, else the first.
    let visible = |(p, a): (usize, usize)| rows.contains(&p) && a < cols;
    let roving = (*focus)
        .filter(|&f| visible(f))
        .or(props.selected.filter(|&s| visible(s)))
        .unwrap_or((rows.start, 0));

    // The tabbable and selected cells move in place (see below); after a key
    // moved the focus, DOM focus follows it to the tabbable cell.
    let marks: Marks = (roving, props.selected);
    let shown = use_mut_ref(|| (marks, 0u64));
    {
        let svg = svg.clone();
        let report = report.clone();
        use_effect_with((marks, *focus_request), move |&(now, request)| {
            let (was, done) = shown.replace((now, request));
            if let Some(root) = svg.cast::<web_sys::Element>() {
                move_marks(&root, &report, was, now);
                if request != done
                    && let Ok(Some(el)) = root.query_selector(&cell_selector(now.0))
                    && let Ok(el) = el.dyn_into::<web_sys::SvgElement>()
                {
                    let _ = el.focus();
                }
            }
        });
    }

    let layout = Layout::new(
        rows.len(),
        cols,
        chart::longest_label(report.actors[..cols].iter().map(|a| a.name.as_str())),
    );
    // The labels change only with the report and the columns shown.
    let header = use_memo((report.clone(), cols, layout), |(report, cols, layout)| {
        AttrValue::from(header_markup(report, *cols, layout))
    });
    // Rows' markup is built when they are first drawn, one piece per
    // progressive step (all the rows of a short article at once, so its
    // chart is one piece the browser parses in one call), with the tabbable
    // and selected cells of that moment; when they move, only the cells
    // concerned change, in place (see `move_marks`), so the cells (and the
    // one that has focus) stay in the page.
    let built = use_memo(
        (report.clone(), rows.clone(), cols, layout, props.model.clone()),
        |_| RefCell::new(Vec::<(usize, AttrValue)>::new()),
    );
    let row_nodes: Vec<Html> = {
        let mut built = built.borrow_mut();
        let done = built.last().map_or(0, |piece| piece.0);
        let upto = drawn.min(rows.len());
        if upto > done {
            let mut markup = String::new();
            for (r, p) in rows.clone().enumerate().take(upto).skip(done) {
                let tab = (roving.0 == p).then_some(roving.1);
                let selected = props.selected.filter(|s| s.0 == p).map(|s| s.1);
                markup.push_str(&row_markup(
                    report,
                    p,
                    r,
                    cols,
                    &layout,
                    (tab, selected),
                    props.model.as_deref(),
                ));
            }
            built.push((upto, AttrValue::from(markup)));
        }
        built
            .iter()
            .map(|(_, m)| Html::from_html_unchecked(m.clone()))
            .collect()
    };

    if report.paragraphs.is_empty() || report.actors.is_empty() {
        let message = if report.paragraphs.is_empty() {
            "Paste or type an article above to see how it treats its actors."
        } else {
            "No people, countries or organisations were found in this text. Add one in the Actors panel."
        };
        return html! { <p class="empty" data-testid="heatmap-empty">{ message }</p> };
    }

    let onkeydown = {
        let focus = focus.clone();
        let hover = hover.clone();
        let focus_request = focus_request.clone();
        let d = props.dispatch.clone();
        let report = report.clone();
        let rows = rows.clone();
        Callback::from(move |e: KeyboardEvent| {
            let key = e.key();
            let (p, a) = roving;
            if key == "Enter" || key == " " {
                e.prevent_default();
                d.dispatch(Action::Select(Selection {
                    paragraph: p,
                    actor: report.actors[a].id.clone(),
                }));
                return;
            }
            if key == "Escape" {
                d.dispatch(Action::Deselect);
                return;
            }
            let ctrl = e.ctrl_key() || e.meta_key();
            let here = (p - rows.start, a);
            if let Some((r, c)) = chart::move_focus(&key, ctrl, here, rows.len(), cols) {
                e.prevent_default();
                let next = (rows.start + r, c);
                focus.set(Some(next));
                hover.set(Some(next));
                focus_request.set(*focus_request + 1);
            }
        })
    };
    let onclick = {
        let focus = focus.clone();
        let d = props.dispatch.clone();
        let report = report.clone();
        Callback::from(move |e: MouseEvent| {
            if let Some((p, a)) = cell_of(e.target()) {
                focus.set(Some((p, a)));
                d.dispatch(Action::Select(Selection {
                    paragraph: p,
                    actor: report.actors[a].id.clone(),
                }));
            }
        })
    };
    let onmouseover = {
        let hover = hover.clone();
        Callback::from(move |e: MouseEvent| {
            if let Some(c) = cell_of(e.target()) {
                hover.set(Some(c));
            }
        })
    };
    let onfocusin = {
        let hover = hover.clone();
        let focus = focus.clone();
        Callback::from(move |e: FocusEvent| {
            if let Some(c) = cell_of(e.target()) {
                hover.set(Some(c));
                focus.set(Some(c));
            }
        })
    };
    let toggle_all = {
        let d = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::ToggleShowAll))
    };
    let page = |first: usize| {
        let d = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::ShowRows(first)))
    };

    let caption_cell = (*hover)
        .filter(|&c| visible(c))
        .or(props.selected.filter(|&s| visible(s)));
    let caption = caption_cell.map(|(p, a)| describe(report, p, a));
    let n_actors = report.actors.len();
    let n_rows = report.paragraphs.len();
    let paged = rows.len() < n_rows;

    html! {
        <div class="heatmap-wrap">
            <div class="chart-controls">
                if n_actors > chart::TOP_COLUMNS {
                    <button type="button" class="button" data-testid="show-all" aria-pressed={props.show_all.to_string()} onclick={toggle_all}>
                        { if props.show_all { format!("Show the top {}", chart::TOP_COLUMNS) } else { format!("Show all {n_actors} actors") } }
                    </button>
                }
                <span class="chart-note">
                    { format!("{} of {} actors, most mentioned first", cols, n_actors) }
                    if paged {
                        { format!("; paragraphs {}–{} of {}", rows.start + 1, rows.end, n_rows) }
                    }
                </span>
                if paged {
                    <span class="pager">
                        <button type="button" class="button" disabled={rows.start == 0} onclick={page(rows.start.saturating_sub(1))}>{ "Earlier paragraphs" }</button>
                        <button type="button" class="button" disabled={rows.end >= n_rows} onclick={page(rows.end)}>{ "Later paragraphs" }</button>
                    </span>
                }
            </div>
            <div class="chart-scroll">
                <svg ref={svg} class="heatmap" data-testid="heatmap" role="grid"
                    aria-label="Stance of each paragraph toward each actor. Use the arrow keys to move, Enter to see the evidence."
                    width={Short(f64::from(layout.width())).to_string()} height={Short(f64::from(layout.height())).to_string()}
                    viewBox={format!("0 0 {} {}", Short(f64::from(layout.width())), Short(f64::from(layout.height())))}
                    {onkeydown} {onclick} {onmouseover} {onfocusin}>
                    { Html::from_html_unchecked((*header).clone()) }
                    { for row_nodes }
                </svg>
            </div>
            <p class="chart-caption" data-testid="heatmap-caption" aria-hidden="true">
                { caption.unwrap_or_else(|| "Hover over or focus a square for its numbers; select it for the evidence.".to_string()) }
            </p>
            { legend() }
        </div>
    }
}

/// A cell's class, the same in the markup and when the selection moves.
fn cell_class(mentioned: bool, selected: bool) -> &'static str {
    match (mentioned, selected) {
        (true, false) => "cell mentioned",
        (true, true) => "cell mentioned selected",
        (false, false) => "cell absent",
        (false, true) => "cell absent selected",
    }
}

/// The hatch pattern of "not mentioned" and the column headers' row, as
/// markup: the corner, then each visible actor's label (cut short, with its
/// colour swatch; the full name is in its <title>).
fn header_markup(report: &slant_core::Report, cols: usize, layout: &Layout) -> String {
    let mut m = Markup::with_capacity(400 + 160 * cols);
    m.raw(concat!(
        r#"<defs><pattern id="not-mentioned" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">"#,
        r#"<line x1="0" y1="0" x2="0" y2="6" class="hatch"></line></pattern></defs>"#,
        r#"<g role="row">"#,
    ));
    m.open("text")
        .attr("role", "columnheader")
        .attr("class", "corner")
        .attr("x", Short(f64::from(layout.left - 6.0)))
        .attr("y", Short(f64::from(layout.top - 6.0)))
        .attr("text-anchor", "end")
        .end_open()
        .text("¶")
        .close("text");
    for (i, a) in report.actors[..cols].iter().enumerate() {
        let p = layout.col_label(i);
        m.open("text")
            .attr("role", "columnheader")
            .attr("class", "col-label")
            .attr("x", Short(f64::from(p.x)))
            .attr("y", Short(f64::from(p.y)))
            .attr("transform", layout.col_label_transform(i))
            .end_open()
            .open("title")
            .end_open()
            .text(format_args!(
                "{} ({}, {} mentions)",
                a.name,
                explain::kind(a.kind),
                a.mentions.len()
            ))
            .close("title")
            .open("tspan")
            .attr("class", "swatch")
            .attr("fill", colour::actor_hex(i))
            .end_open()
            .text("● ")
            .close("tspan")
            .text(chart::short_label(&a.name, chart::COL_LABEL_CHARS))
            .close("text");
    }
    m.close("g");
    m.into_string()
}

/// A row's markup: a <g> with the paragraph's label, then a cell per visible actor with
/// its description as its <title>; `tab_col` is tabbable and `selected_col` selected.
fn row_markup(
    report: &slant_core::Report,
    p: usize,
    row: usize,
    cols: usize,
    layout: &Layout,
    (tab_col, selected_col): (Option<usize>, Option<usize>),
    models: Option<&crate::precise::ModelCells>,
) -> String {
    let mut m = Markup::with_capacity(300 + 420 * cols);
    m.raw(r#"<g role="row">"#);
    let label = layout.row_label(row);
    let para = &report.paragraphs[p];
    let first = explain::first_words(slant_core::Span::new(para.start, para.end).of(&report.text), 12);
    m.open("text")
        .attr("role", "rowheader")
        .attr("class", "row-label")
        .attr("x", Short(f64::from(label.x)))
        .attr("y", Short(f64::from(label.y)))
        .attr("text-anchor", "end")
        .attr("dominant-baseline", "central")
        .end_open()
        .open("title")
        .end_open()
        .text(format_args!("P{}: {first}", p + 1))
        .close("title")
        .text(format_args!("P{}", p + 1))
        .close("text");
    for (a, actor) in report.actors[..cols].iter().enumerate() {
        let rect = layout.cell(row, a);
        let cell = report.cell(p, a);
        let mc = models.and_then(|m| m.get((p, a))).filter(|_| cell.is_some());
        let selected = selected_col == Some(a);
        m.open("rect")
            .attr("role", "gridcell")
            .attr("class", cell_class(cell.is_some(), selected))
            .attr("data-testid", "heatmap-cell")
            .attr("data-paragraph", p)
            .attr("data-actor", &actor.id)
            .attr("data-col", a);
        match cell {
            Some(c) => m.attr("data-score", Short(f64::from(model::cell_score(mc, c.score)))),
            None => m.attr("data-score", ""),
        };
        model::cell_attrs(&mut m, mc);
        m.attr("x", Short(f64::from(rect.x)))
            .attr("y", Short(f64::from(rect.y)))
            .attr("width", Short(f64::from(rect.w)))
            .attr("height", Short(f64::from(rect.h)))
            .attr("rx", 2);
        match cell {
            Some(c) => m.attr("fill", colour::score_hex(model::cell_score(mc, c.score))),
            None => m.attr("fill", "url(#not-mentioned)"),
        };
        m.attr("tabindex", if tab_col == Some(a) { "0" } else { "-1" })
            .attr("aria-selected", selected)
            .end_open()
            .open("title")
            .end_open()
            .text(describe(report, p, a))
            .text(model::describe(mc))
            .close("title")
            .close("rect");
        model::disagree_dot(&mut m, mc, &rect);
    }
    m.close("g");
    m.into_string()
}

/// The CSS selector of the cell at (paragraph, actor index).
fn cell_selector((p, a): (usize, usize)) -> String {
    format!("[data-paragraph=\"{p}\"][data-col=\"{a}\"]")
}

/// The tabbable cell and the selected one, as (paragraph, actor index).
type Marks = ((usize, usize), Option<(usize, usize)>);

/// Moves the tabbable and selected marks among the cells under `root` from
/// those of `was` to those of `now`.
fn move_marks(root: &web_sys::Element, report: &slant_core::Report, was: Marks, now: Marks) {
    let cell = |at| root.query_selector(&cell_selector(at)).ok().flatten();
    if was.0 != now.0 {
        for (at, tabindex) in [(was.0, "-1"), (now.0, "0")] {
            if let Some(el) = cell(at) {
                let _ = el.set_attribute("tabindex", tabindex);
            }
        }
    }
    if was.1 != now.1 {
        for (at, on) in [(was.1, false), (now.1, true)] {
            if let Some((p, a)) = at
                && let Some(el) = cell((p, a))
            {
                let _ = el.set_attribute("class", cell_class(report.cell(p, a).is_some(), on));
                let _ = el.set_attribute("aria-selected", if on { "true" } else { "false" });
            }
        }
    }
}

/// The legend: the diverging scale, and how "not mentioned" looks.
fn legend() -> Html {
    Html::from_html_unchecked(AttrValue::from(legend_markup()))
}

/// The legend's markup.
fn legend_markup() -> String {
    let mut m = Markup::with_capacity(1800);
    m.raw(concat!(
        r#"<div class="legend" data-testid="legend">"#,
        r#"<svg width="220" height="38" viewBox="0 0 220 38" role="img" aria-label="Colour scale from −1, unfavourable, in orange, through 0, neutral, in pale grey, to +1, favourable, in purple">"#,
        r#"<defs><linearGradient id="legend-scale" x1="0" x2="1" y1="0" y2="0">"#,
    ));
    for (i, (_, c)) in colour::legend_stops(11).iter().enumerate() {
        m.open("stop")
            .attr("offset", format_args!("{}%", i * 10))
            .attr("stop-color", c)
            .end_open()
            .close("stop");
    }
    m.raw(concat!(
        r#"</linearGradient></defs>"#,
        r#"<rect x="10" y="2" width="200" height="14" fill="url(#legend-scale)" class="legend-bar"></rect>"#,
        r#"<text x="10" y="32" text-anchor="start">−1 unfavourable</text>"#,
        r#"<text x="110" y="32" text-anchor="middle">0</text>"#,
        r#"<text x="210" y="32" text-anchor="end">+1 favourable</text>"#,
        r#"</svg>"#,
        r#"<span class="legend-item"><svg width="22" height="18" viewBox="0 0 22 18" aria-hidden="true">"#,
        r#"<rect class="cell mentioned" x="1" y="1" width="20" height="16" rx="2""#,
    ))
    .attr("fill", colour::score_hex(0.0))
    .raw(concat!(
        r#"></rect></svg>mentioned, neutral</span>"#,
        r#"<span class="legend-item"><svg width="22" height="18" viewBox="0 0 22 18" aria-hidden="true">"#,
        r#"<rect class="cell absent" x="1" y="1" width="20" height="16" rx="2" fill="url(#not-mentioned)"></rect>"#,
        r#"</svg>not mentioned</span>"#,
        r#"<span class="legend-note">Colours: ColorBrewer PuOr, safe for colour-blind readers.</span>"#,
        r#"</div>"#,
    ));
    m.into_string()
}

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use slant_core::{ActorKind, ActorSpec};
    use yew::Reducible;

    use super::*;
    use crate::state::State;

    /// A short text with an actor added under a name that is markup.
    fn hostile() -> State {
        let spec = ActorSpec {
            id: String::new(),
            name: "Wagner <b>\"Group\"</b> & co".into(),
            kind: ActorKind::Organisation,
            aliases: vec!["Wagner".into()],
        };
        let s = Rc::new(State::new("Wagner attacked Kyiv.\n\nRussia praised Wagner."));
        Rc::unwrap_or_clone(s.reduce(Action::Add(spec))).settle()
    }

    #[test]
    fn names_from_the_text_are_escaped_in_the_markup() {
        let s = hostile();
        let r = &s.session.report;
        let a = r.actor_index("wagner-b-group-b-co").expect("the added actor");
        let cols = r.actors.len();
        let layout = Layout::new(2, cols, 16);
        let header = header_markup(r, cols, &layout);
        let row = row_markup(r, 0, 0, cols, &layout, (None, None), None);
        for markup in [&header, &row] {
            assert!(
                markup.contains("Wagner &lt;b&gt;&quot;Group&quot;&lt;/b&gt; &amp; co"),
                "{markup}"
            );
            assert!(!markup.contains("<b>"), "{markup}");
        }
        assert!(row.contains(&format!("data-col=\"{a}\"")));
    }

    #[test]
    fn a_row_marks_its_tabbable_and_selected_cells() {
        let s = hostile();
        let r = &s.session.report;
        let cols = r.actors.len();
        let layout = Layout::new(2, cols, 16);
        let plain = row_markup(r, 1, 1, cols, &layout, (None, None), None);
        assert_eq!(plain.matches("tabindex=\"0\"").count(), 0);
        assert_eq!(plain.matches("tabindex=\"-1\"").count(), cols);
        assert_eq!(plain.matches("data-testid=\"heatmap-cell\"").count(), cols);
        assert!(plain.starts_with("<g role=\"row\">") && plain.ends_with("</g>"));
        assert!(plain.contains(">P2</text>"));
        let marked = row_markup(r, 1, 1, cols, &layout, (Some(0), Some(cols - 1)), None);
        assert_eq!(marked.matches("tabindex=\"0\"").count(), 1);
        assert_eq!(marked.matches("aria-selected=\"true\"").count(), 1);
        assert_eq!(marked.matches(" selected\"").count(), 1);
    }

    #[test]
    fn the_legend_runs_through_the_scale() {
        let legend = legend_markup();
        assert_eq!(legend.matches("<stop ").count(), 11);
        assert!(legend.contains(&format!("stop-color=\"{}\"", colour::score_hex(-1.0))));
        assert!(legend.contains("data-testid=\"legend\""));
        assert!(legend.contains("not mentioned"));
    }
}
