//! The heatmap: paragraphs down, actors across, one SVG cell per (paragraph,
//! visible actor), coloured by the engine's cell score.
//!
//! Keyboard: the cells form a grid with a roving tabindex (one cell is
//! tabbable; arrows, Home/End, Ctrl+Home/End and PageUp/PageDown move focus;
//! Enter or Space selects). Events are delegated to the <svg>, and rows are
//! their own components, so moving focus re-renders two rows, not the chart.
//! Geometry comes from `chart`, colours from `colour`.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::Dispatch;
use super::progressive::{first_batch, use_progressive};
use crate::chart::{self, Layout};
use crate::colour;
use crate::explain;
use crate::state::{Action, ReportRef, Selection};

/// Rows drawn at once; the rest follow in later tasks.
const FIRST_ROWS: usize = 30;
const STEP_ROWS: usize = 20;

#[derive(Properties, PartialEq)]
pub struct HeatmapProps {
    pub report: ReportRef,
    /// The selected (paragraph, actor index).
    pub selected: Option<(usize, usize)>,
    pub show_all: bool,
    pub first_row: usize,
    pub dispatch: Dispatch,
}

/// A cell's description, for its <title>, its aria-label and the caption.
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
    let drawn = use_progressive((report.clone(), rows.start, cols), rows.len(), first, STEP_ROWS);

    // Move DOM focus to the roving cell after a key moved it.
    {
        let svg = svg.clone();
        let focus = *focus;
        use_effect_with(*focus_request, move |req| {
            if *req > 0
                && let (Some((p, a)), Some(root)) = (focus, svg.cast::<web_sys::Element>())
                && let Ok(Some(el)) = root.query_selector(&format!("[data-paragraph=\"{p}\"][data-col=\"{a}\"]"))
                && let Ok(el) = el.dyn_into::<web_sys::SvgElement>()
            {
                let _ = el.focus();
            }
        });
    }

    if report.paragraphs.is_empty() || report.actors.is_empty() {
        let message = if report.paragraphs.is_empty() {
            "Paste or type an article above to see how it treats its actors."
        } else {
            "No people, countries or organisations were found in this text. Add one in the Actors panel."
        };
        return html! { <p class="empty" data-testid="heatmap-empty">{ message }</p> };
    }

    // The roving cell: the focused one if visible, else the selected one, else the first.
    let visible = |(p, a): (usize, usize)| rows.contains(&p) && a < cols;
    let roving = (*focus)
        .filter(|&f| visible(f))
        .or(props.selected.filter(|&s| visible(s)))
        .unwrap_or((rows.start, 0));

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

    let layout = Layout::new(
        rows.len(),
        cols,
        chart::longest_label(report.actors[..cols].iter().map(|a| a.name.as_str())),
    );
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
                    width={layout.width().to_string()} height={layout.height().to_string()}
                    viewBox={format!("0 0 {} {}", layout.width(), layout.height())}
                    {onkeydown} {onclick} {onmouseover} {onfocusin}>
                    <defs>
                        <pattern id="not-mentioned" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                            <line x1="0" y1="0" x2="0" y2="6" class="hatch" />
                        </pattern>
                    </defs>
                    <g role="row">
                        <text role="columnheader" class="corner" x={(layout.left - 6.0).to_string()} y={(layout.top - 6.0).to_string()} text-anchor="end">{ "¶" }</text>
                        { for report.actors[..cols].iter().enumerate().map(|(i, a)| {
                            let p = layout.col_label(i);
                            html! {
                                <text key={a.id.clone()} role="columnheader" class="col-label" x={p.x.to_string()} y={p.y.to_string()}
                                    transform={layout.col_label_transform(i)}>
                                    <title>{ format!("{} ({}, {} mentions)", a.name, explain::kind(a.kind), a.mentions.len()) }</title>
                                    <tspan class="swatch" fill={colour::actor_hex(i)}>{ "● " }</tspan>
                                    { chart::short_label(&a.name, chart::COL_LABEL_CHARS) }
                                </text>
                            }
                        }) }
                    </g>
                    { for rows.clone().take(drawn).enumerate().map(|(r, p)| html! {
                        <HeatRow
                            key={p}
                            report={report.clone()}
                            paragraph={p}
                            row={r}
                            cols={cols}
                            layout={layout}
                            tab_col={(roving.0 == p).then_some(roving.1)}
                            selected_col={props.selected.filter(|s| s.0 == p).map(|s| s.1)}
                        />
                    }) }
                </svg>
            </div>
            <p class="chart-caption" data-testid="heatmap-caption" aria-hidden="true">
                { caption.unwrap_or_else(|| "Hover over or focus a square for its numbers; select it for the evidence.".to_string()) }
            </p>
            <Legend />
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct RowProps {
    pub report: ReportRef,
    pub paragraph: usize,
    pub row: usize,
    pub cols: usize,
    pub layout: Layout,
    /// The column of this row that is tabbable, if the roving focus is here.
    pub tab_col: Option<usize>,
    pub selected_col: Option<usize>,
}

/// One row of the heatmap: its label and a cell per visible actor.
#[function_component(HeatRow)]
pub fn heat_row(props: &RowProps) -> Html {
    let report = &props.report;
    let p = props.paragraph;
    let layout = &props.layout;
    let label = layout.row_label(props.row);
    let para = &report.paragraphs[p];
    let first = explain::first_words(slant_core::Span::new(para.start, para.end).of(&report.text), 12);
    html! {
        <g role="row">
            <text role="rowheader" class="row-label" x={label.x.to_string()} y={label.y.to_string()}
                text-anchor="end" dominant-baseline="central">
                <title>{ format!("P{}: {first}", p + 1) }</title>
                { format!("P{}", p + 1) }
            </text>
            { for (0..props.cols).map(|a| {
                let rect = layout.cell(props.row, a);
                let actor = &report.actors[a];
                let cell = report.cell(p, a);
                let text = describe(report, p, a);
                let (fill, class) = match cell {
                    Some(c) => (colour::score_hex(c.score), "cell mentioned"),
                    None => ("url(#not-mentioned)".to_string(), "cell absent"),
                };
                let selected = props.selected_col == Some(a);
                let class = classes!(class, selected.then_some("selected"));
                html! {
                    <rect
                        key={actor.id.clone()}
                        role="gridcell"
                        class={class}
                        data-testid="heatmap-cell"
                        data-paragraph={p.to_string()}
                        data-actor={actor.id.clone()}
                        data-col={a.to_string()}
                        data-score={cell.map(|c| c.score.to_string()).unwrap_or_default()}
                        x={rect.x.to_string()} y={rect.y.to_string()}
                        width={rect.w.to_string()} height={rect.h.to_string()}
                        rx="2"
                        fill={fill}
                        tabindex={if props.tab_col == Some(a) { "0" } else { "-1" }}
                        aria-selected={selected.to_string()}
                    >
                        <title>{ text }</title>
                    </rect>
                }
            }) }
        </g>
    }
}

/// The legend: the diverging scale, and how "not mentioned" looks.
#[function_component(Legend)]
pub fn legend() -> Html {
    let stops = colour::legend_stops(11);
    html! {
        <div class="legend" data-testid="legend">
            <svg width="220" height="38" viewBox="0 0 220 38" role="img"
                aria-label="Colour scale from −1, unfavourable, in orange, through 0, neutral, in pale grey, to +1, favourable, in purple">
                <defs>
                    <linearGradient id="legend-scale" x1="0" x2="1" y1="0" y2="0">
                        { for stops.iter().enumerate().map(|(i, (_, c))| html! {
                            <stop offset={format!("{}%", i * 10)} stop-color={c.clone()} />
                        }) }
                    </linearGradient>
                </defs>
                <rect x="10" y="2" width="200" height="14" fill="url(#legend-scale)" class="legend-bar" />
                <text x="10" y="32" text-anchor="start">{ "−1 unfavourable" }</text>
                <text x="110" y="32" text-anchor="middle">{ "0" }</text>
                <text x="210" y="32" text-anchor="end">{ "+1 favourable" }</text>
            </svg>
            <span class="legend-item">
                <svg width="22" height="18" viewBox="0 0 22 18" aria-hidden="true">
                    <rect class="cell mentioned" x="1" y="1" width="20" height="16" rx="2" fill={colour::score_hex(0.0)} />
                </svg>
                { "mentioned, neutral" }
            </span>
            <span class="legend-item">
                <svg width="22" height="18" viewBox="0 0 22 18" aria-hidden="true">
                    <rect class="cell absent" x="1" y="1" width="20" height="16" rx="2" fill="url(#not-mentioned)" />
                </svg>
                { "not mentioned" }
            </span>
            <span class="legend-note">{ "Colours: ColorBrewer PuOr, safe for colour-blind readers." }</span>
        </div>
    }
}
