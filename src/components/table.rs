//! The table view: the heatmap's numbers as a real table, for screen readers
//! and for reading exact values. It shows the same rows and columns as the chart.

use yew::prelude::*;

use crate::chart;
use crate::colour;
use crate::explain;
use crate::markup::Markup;
use crate::state::ReportRef;

/// The table of the chart's rows and columns (a plain function: no component
/// type), written as markup: it has no listeners.
pub fn table_view(report: &ReportRef, show_all: bool, first_row: usize) -> Html {
    let cols = chart::visible_columns(report.actors.len(), show_all);
    let rows = chart::row_window(report.paragraphs.len(), cols, first_row);
    let actors = &report.actors[..cols];
    let mut m = Markup::with_capacity(600 + rows.len() * (40 + cols * 120));
    m.raw(r#"<div class="table-scroll"><table class="numbers" data-testid="table-view"><caption>"#)
        .text(format_args!(
            "Stance score per paragraph and actor, −1 to +1 (paragraphs {}–{} of {}; {} of {} actors). A dash means the actor is not mentioned.",
            rows.start + 1,
            rows.end,
            report.paragraphs.len(),
            cols,
            report.actors.len()
        ))
        .raw(r#"</caption><thead><tr><th scope="col">Paragraph</th>"#);
    for a in actors {
        m.raw(r#"<th scope="col">"#).text(&a.name).close("th");
    }
    m.raw("</tr></thead><tbody>");
    for p in rows {
        m.raw(r#"<tr><th scope="row">"#)
            .text(format_args!("P{}", p + 1))
            .close("th");
        for a in 0..cols {
            match report.cell(p, a) {
                Some(c) => {
                    let bg = colour::score_colour(c.score);
                    m.open("td")
                        .attr(
                            "style",
                            format_args!("background:{};color:{}", colour::hex(bg), colour::ink_on(bg)),
                        )
                        .end_open()
                        .text(format_args!("{} {}", explain::score(c.score), explain::label(c.label)))
                        .close("td");
                }
                None => {
                    m.raw(r#"<td class="absent"><span aria-hidden="true">–</span><span class="visually-hidden">not mentioned</span></td>"#);
                }
            }
        }
        m.raw("</tr>");
    }
    m.raw("</tbody></table></div>");
    Html::from_html_unchecked(AttrValue::from(m.into_string()))
}
