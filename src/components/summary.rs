//! The actor summary: one row per actor with its net score bar, mentions,
//! evidence mass, label and a sparkline of its stance along the article.
//! Sortable by mentions, score and name (the reducer keeps the sort). A long
//! list shows its first rows and more on request.

use std::rc::Rc;

use slant_share::sort_indices;
use yew::prelude::*;

use super::progressive::use_shown;
use super::{Dispatch, target_closest};
use crate::chart;
use crate::colour;
use crate::explain;
use crate::markup::Markup;
use crate::num::Short;
use crate::state::{Action, ReportRef, Sort, SortKey};

const BAR_W: f32 = 80.0;
const SPARK_W: f32 = 120.0;
const SPARK_H: f32 = 24.0;

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
            let o = slant_core::lower(&a[x].name).cmp(&slant_core::lower(&a[y].name));
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
    // One listener for the sort buttons, which are markup.
    let onclick = {
        let d = props.dispatch.clone();
        Callback::from(move |e: MouseEvent| {
            let button = target_closest(e.target(), "[data-sort]");
            let key = match button.and_then(|b| b.get_attribute("data-sort")).as_deref() {
                Some("name") => SortKey::Name,
                Some("score") => SortKey::Score,
                Some("mentions") => SortKey::Mentions,
                _ => return,
            };
            d.dispatch(Action::Sort(key));
        })
    };
    let table = table_markup(report, props.sort, &lines, shown);
    html! {
        <section class="panel summary-panel" aria-labelledby="summary-heading">
            <h2 id="summary-heading">{ "Actors at a glance" }</h2>
            <div class="table-scroll" {onclick}>
                { Html::from_html_unchecked(AttrValue::from(table)) }
            </div>
            { more }
        </section>
    }
}

/// The summary table as markup: its sortable header and the first `shown`
/// actors in `sort`'s order, each with its bar and sparkline.
fn table_markup(report: &slant_core::Report, sort: Sort, lines: &[Vec<(usize, f32)>], shown: usize) -> String {
    let mut m = Markup::with_capacity(1200 + shown.min(report.actors.len()) * 900);
    m.raw(concat!(
        r#"<table class="summary-table" data-testid="actor-summary">"#,
        r#"<caption class="visually-hidden">Each actor’s overall stance, sortable by name, score or mentions</caption>"#,
        r#"<thead><tr>"#,
    ));
    for (key, name, data) in [
        (SortKey::Name, "Name", "name"),
        (SortKey::Score, "Score", "score"),
        (SortKey::Mentions, "Mentions", "mentions"),
    ] {
        let (aria, arrow) = match (sort.key == key, sort.descending) {
            (false, _) => ("none", ""),
            (true, true) => ("descending", " ↓"),
            (true, false) => ("ascending", " ↑"),
        };
        m.open("th")
            .attr("scope", "col")
            .attr("aria-sort", aria)
            .end_open()
            .raw(r#"<button type="button" class="sort""#)
            .attr("data-sort", data)
            .end_open()
            .text(name)
            .text(arrow)
            .raw("</button></th>");
    }
    m.raw(concat!(
        r#"<th scope="col" title="Favourable evidence mass">+ mass</th>"#,
        r#"<th scope="col" title="Unfavourable evidence mass">− mass</th>"#,
        r#"<th scope="col">Label</th><th scope="col">Along the article</th></tr></thead><tbody>"#,
    ));
    let n = report.paragraphs.len();
    for i in sorted(report, sort).into_iter().take(shown) {
        let a = &report.actors[i];
        let (x, w) = chart::score_bar(a.score, BAR_W);
        let (lines_d, dots_d) = chart::spark_paths(&chart::sparkline(&lines[i], n, SPARK_W, SPARK_H));
        m.open("tr")
            .attr("data-actor", &a.id)
            .end_open()
            .raw(r#"<th scope="row"><span class="swatch""#)
            .attr("style", format_args!("background:{}", colour::actor_hex(i)))
            .raw(r#" aria-hidden="true"></span>"#)
            .text(&a.name)
            .raw(r#"</th><td class="num"><svg class="bar""#)
            .attr("width", Short(f64::from(BAR_W)))
            .raw(r#" height="12""#)
            .attr("viewBox", format_args!("0 0 {} 12", Short(f64::from(BAR_W))))
            .raw(r#" aria-hidden="true"><line"#)
            .attr("x1", Short(f64::from(BAR_W / 2.0)))
            .attr("x2", Short(f64::from(BAR_W / 2.0)))
            .raw(r#" y1="0" y2="12" class="axis"></line><rect"#)
            .attr("x", Short(f64::from(x)))
            .raw(r#" y="2""#)
            .attr("width", Short(f64::from(w)))
            .raw(r#" height="8""#)
            .attr("fill", colour::score_hex(a.score))
            .raw(r#" class="bar-fill"></rect></svg><span class="score">"#)
            .text(explain::score(a.score))
            .raw(r#"</span></td><td class="num">"#)
            .text(a.mentions.len())
            .raw(r#"</td><td class="num">"#)
            .text(explain::mass(a.positive))
            .raw(r#"</td><td class="num">"#)
            .text(explain::mass(a.negative))
            .raw("</td><td>")
            .text(explain::label(a.label))
            .raw(r#"</td><td><svg class="spark""#)
            .attr("width", Short(f64::from(SPARK_W)))
            .attr("height", Short(f64::from(SPARK_H)))
            .attr(
                "viewBox",
                format_args!("0 0 {} {}", Short(f64::from(SPARK_W)), Short(f64::from(SPARK_H))),
            )
            .raw(r#" role="img""#)
            .attr(
                "aria-label",
                format_args!("{}: stance in {} of {} paragraphs", a.name, lines[i].len(), n),
            )
            .raw(r#"><line x1="0""#)
            .attr("x2", Short(f64::from(SPARK_W)))
            .attr("y1", Short(f64::from(SPARK_H / 2.0)))
            .attr("y2", Short(f64::from(SPARK_H / 2.0)))
            .raw(r#" class="axis"></line>"#);
        if !lines_d.is_empty() {
            m.open("path").attr("d", &lines_d).raw(r#" class="spark-line"></path>"#);
        }
        if !dots_d.is_empty() {
            m.open("path").attr("d", &dots_d).raw(r#" class="spark-dot"></path>"#);
        }
        m.raw("</svg></td></tr>");
    }
    m.raw("</tbody></table>");
    m.into_string()
}
