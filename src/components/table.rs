//! The table view: the heatmap's numbers as a real table, for screen readers
//! and for reading exact values. It shows the same rows and columns as the chart.

use yew::prelude::*;

use crate::chart;
use crate::colour;
use crate::explain;
use crate::state::ReportRef;

/// The table of the chart's rows and columns (a plain function: no component type).
pub fn table_view(report: &ReportRef, show_all: bool, first_row: usize) -> Html {
    let cols = chart::visible_columns(report.actors.len(), show_all);
    let rows = chart::row_window(report.paragraphs.len(), cols, first_row);
    let actors = &report.actors[..cols];
    html! {
        <div class="table-scroll">
            <table class="numbers" data-testid="table-view">
                <caption>
                    { format!("Stance score per paragraph and actor, −1 to +1 (paragraphs {}–{} of {}; {} of {} actors). A dash means the actor is not mentioned.",
                        rows.start + 1, rows.end, report.paragraphs.len(), cols, report.actors.len()) }
                </caption>
                <thead>
                    <tr>
                        <th scope="col">{ "Paragraph" }</th>
                        { for actors.iter().map(|a| html! { <th scope="col" key={a.id.clone()}>{ &a.name }</th> }) }
                    </tr>
                </thead>
                <tbody>
                    { for rows.map(|p| html! {
                        <tr key={p}>
                            <th scope="row">{ format!("P{}", p + 1) }</th>
                            { for (0..cols).map(|a| match report.cell(p, a) {
                                Some(c) => {
                                    let bg = colour::score_colour(c.score);
                                    html! {
                                        <td style={format!("background:{};color:{}", colour::hex(bg), colour::ink_on(bg))}>
                                            { format!("{} {}", explain::score(c.score), explain::label(c.label)) }
                                        </td>
                                    }
                                }
                                None => html! { <td class="absent"><span aria-hidden="true">{ "–" }</span><span class="visually-hidden">{ "not mentioned" }</span></td> },
                            }) }
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}
