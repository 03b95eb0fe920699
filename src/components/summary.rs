//! The actor summary: one row per actor with its net score bar, mentions,
//! evidence mass, label and a sparkline of its stance along the article.
//! Sortable by mentions, score and name (the reducer keeps the sort). A long
//! list shows its first rows and more on request.

use std::rc::Rc;

use slant_share::sort_indices;
use yew::prelude::*;

use super::Dispatch;
use super::progressive::use_shown;
use crate::chart;
use crate::colour;
use crate::explain;
use crate::state::{Action, ReportRef, Sort, SortKey};

const BAR_W: f32 = 80.0;
const SPARK_W: f32 = 120.0;
const SPARK_H: f32 = 24.0;

/// A coordinate as an attribute's text.
fn short(x: f32) -> String {
    crate::num::Short(f64::from(x)).to_string()
}

#[derive(Properties, PartialEq)]
pub struct SummaryProps {
    pub report: ReportRef,
    pub sort: Sort,
    pub dispatch: Dispatch,
}

/// Each actor's (paragraph, cell score) points, in paragraph order, from the report's cells.
pub fn trajectories(report: &slant_core::Report) -> Vec<Vec<(usize, f32)>> {
    let mut out = vec![Vec::new(); report.actors.len()];
    for c in &report.cells {
        if let Some(points) = out.get_mut(c.actor) {
            points.push((c.paragraph, c.score));
        }
    }
    out
}

/// Actor indices in the order of `sort`; ties keep the report's order.
pub fn sorted(report: &slant_core::Report, sort: Sort) -> Vec<usize> {
    let mut order: Vec<usize> = (0..report.actors.len()).collect();
    let a = &report.actors;
    match sort.key {
        SortKey::Mentions => {
            if !sort.descending {
                sort_indices(&mut order, &|x, y| {
                    a[x].mentions.len().cmp(&a[y].mentions.len()).then(x.cmp(&y))
                });
            }
        }
        SortKey::Score => sort_indices(&mut order, &|x, y| {
            let o = a[x].score.total_cmp(&a[y].score);
            (if sort.descending { o.reverse() } else { o }).then(x.cmp(&y))
        }),
        SortKey::Name => sort_indices(&mut order, &|x, y| {
            let o = a[x].name.to_lowercase().cmp(&a[y].name.to_lowercase());
            (if sort.descending { o.reverse() } else { o }).then(x.cmp(&y))
        }),
    }
    order
}

#[function_component(ActorSummary)]
pub fn actor_summary(props: &SummaryProps) -> Html {
    let report = &props.report;
    let lines: Rc<Vec<Vec<(usize, f32)>>> = use_memo(report.clone(), |r| trajectories(r));
    let (shown, more) = use_shown((report.clone(), props.sort), report.actors.len(), "more-summary");
    if report.actors.is_empty() {
        return html! {};
    }
    let header = |key: SortKey, name: &str| {
        let d = props.dispatch.clone();
        let onclick = Callback::from(move |_: MouseEvent| d.dispatch(Action::Sort(key)));
        let aria = if props.sort.key == key {
            if props.sort.descending {
                "descending"
            } else {
                "ascending"
            }
        } else {
            "none"
        };
        let arrow = match aria {
            "descending" => " ↓",
            "ascending" => " ↑",
            _ => "",
        };
        html! {
            <th scope="col" aria-sort={aria}>
                <button type="button" class="sort" data-sort={name.to_lowercase()} {onclick}>{ name }{ arrow }</button>
            </th>
        }
    };
    let n = report.paragraphs.len();
    html! {
        <section class="panel summary-panel" aria-labelledby="summary-heading">
            <h2 id="summary-heading">{ "Actors at a glance" }</h2>
            <div class="table-scroll">
                <table class="summary-table" data-testid="actor-summary">
                    <caption class="visually-hidden">{ "Each actor’s overall stance, sortable by name, score or mentions" }</caption>
                    <thead>
                        <tr>
                            { header(SortKey::Name, "Name") }
                            { header(SortKey::Score, "Score") }
                            { header(SortKey::Mentions, "Mentions") }
                            <th scope="col" title="Favourable evidence mass">{ "+ mass" }</th>
                            <th scope="col" title="Unfavourable evidence mass">{ "− mass" }</th>
                            <th scope="col">{ "Label" }</th>
                            <th scope="col">{ "Along the article" }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for sorted(report, props.sort).into_iter().take(shown).map(|i| {
                            let a = &report.actors[i];
                            let (x, w) = chart::score_bar(a.score, BAR_W);
                            let (lines_d, dots_d) = chart::spark_paths(&chart::sparkline(&lines[i], n, SPARK_W, SPARK_H));
                            html! {
                                <tr key={a.id.clone()} data-actor={a.id.clone()}>
                                    <th scope="row">
                                        <span class="swatch" style={format!("background:{}", colour::actor_hex(i))} aria-hidden="true"></span>
                                        { &a.name }
                                    </th>
                                    <td class="num">
                                        <svg class="bar" width={short(BAR_W)} height="12" viewBox={format!("0 0 {} 12", short(BAR_W))} aria-hidden="true">
                                            <line x1={short(BAR_W / 2.0)} x2={short(BAR_W / 2.0)} y1="0" y2="12" class="axis" />
                                            <rect x={short(x)} y="2" width={short(w)} height="8" fill={colour::score_hex(a.score)} class="bar-fill" />
                                        </svg>
                                        <span class="score">{ explain::score(a.score) }</span>
                                    </td>
                                    <td class="num">{ a.mentions.len() }</td>
                                    <td class="num">{ explain::mass(a.positive) }</td>
                                    <td class="num">{ explain::mass(a.negative) }</td>
                                    <td>{ explain::label(a.label) }</td>
                                    <td>
                                        <svg class="spark" width={short(SPARK_W)} height={short(SPARK_H)}
                                            viewBox={format!("0 0 {} {}", short(SPARK_W), short(SPARK_H))} role="img"
                                            aria-label={format!("{}: stance in {} of {} paragraphs", a.name, lines[i].len(), n)}>
                                            <line x1="0" x2={short(SPARK_W)} y1={short(SPARK_H / 2.0)} y2={short(SPARK_H / 2.0)} class="axis" />
                                            if !lines_d.is_empty() {
                                                <path d={lines_d} class="spark-line" />
                                            }
                                            if !dots_d.is_empty() {
                                                <path d={dots_d} class="spark-dot" />
                                            }
                                        </svg>
                                    </td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
            { more }
        </section>
    }
}
