//! Share, keep and export: the Share button and its link (copied to the
//! clipboard, with its length and a warning when it is long), the download
//! of the analysis as a file the app opens again, and the downloads of the
//! chart's cells (CSV), the report (JSON) and the chart (SVG, PNG).
//!
//! The reducer makes the link (`Action::Share`); this component puts it in
//! the address bar and on the clipboard, and runs the downloads. Whether the
//! copy worked is the only state it keeps.

use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::Dispatch;
use crate::explain;
use crate::export;
use crate::state::{Action, ReportRef, Share};
use crate::web;

#[derive(Properties, PartialEq)]
pub struct ShareProps {
    pub share: Option<Share>,
    pub report: ReportRef,
    /// Downloads the current state as a saved-analysis file.
    pub on_download_state: Callback<()>,
    pub dispatch: Dispatch,
}

/// What became of copying the link with this serial.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Copy {
    Copied(u64),
    Failed(u64),
}

#[function_component(SharePanel)]
pub fn share_panel(props: &ShareProps) -> Html {
    let copied = use_state(|| None::<Copy>);
    let link_input = use_node_ref();

    // Each new link goes in the address bar and on the clipboard; when the
    // clipboard is missing or refuses, the link's text is selected instead.
    {
        let copied = copied.clone();
        let link_input = link_input.clone();
        use_effect_with(props.share.clone(), move |share| {
            if let Some(Share::Link { fragment, serial }) = share {
                web::set_hash(fragment);
                let link = format!("{}{fragment}", web::page_url());
                let serial = *serial;
                wasm_bindgen_futures::spawn_local(async move {
                    if web::copy(&link).await {
                        copied.set(Some(Copy::Copied(serial)));
                    } else {
                        if let Some(input) = link_input.cast::<HtmlInputElement>() {
                            let _ = input.focus();
                            input.select();
                        }
                        copied.set(Some(Copy::Failed(serial)));
                    }
                });
            }
        });
    }

    let d = &props.dispatch;
    let share = {
        let d = d.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::Share))
    };
    let download_state = {
        let cb = props.on_download_state.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let select_all = Callback::from(|e: FocusEvent| {
        if let Some(input) = e.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) {
            input.select();
        }
    });
    let report = props.report.clone();
    let fail = {
        let d = d.clone();
        move |r: Result<(), String>| {
            if let Err(message) = r {
                d.dispatch(Action::Error(message));
            }
        }
    };
    let export_csv = {
        let (report, fail) = (report.clone(), fail.clone());
        Callback::from(move |_: MouseEvent| {
            fail(web::download_text(
                export::CSV_FILE,
                export::CSV_TYPE,
                &export::csv_download(&report),
            ));
        })
    };
    let export_json = {
        let (report, fail) = (report.clone(), fail.clone());
        Callback::from(move |_: MouseEvent| {
            let json = slant_share::report_json(&report);
            fail(web::download_text(export::JSON_FILE, export::JSON_TYPE, &json));
        })
    };
    let export_svg = {
        let fail = fail.clone();
        Callback::from(move |_: MouseEvent| {
            fail(export::chart_svg().and_then(|svg| web::download_text(export::SVG_FILE, export::SVG_TYPE, &svg)));
        })
    };
    let export_png = {
        let fail = fail.clone();
        Callback::from(move |_: MouseEvent| {
            let fail = fail.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let png = match export::chart_svg() {
                    Ok(svg) => export::chart_png(&svg).await,
                    Err(message) => Err(message),
                };
                fail(png.and_then(|blob| web::download_blob(export::PNG_FILE, &blob)));
            });
        })
    };
    let no_chart = report.paragraphs.is_empty() || report.actors.is_empty();

    let link_view = match &props.share {
        Some(Share::Link { fragment, serial }) => {
            let link = format!("{}{fragment}", web::page_url());
            let length = link.chars().count();
            let status = match *copied {
                Some(Copy::Copied(s)) if s == *serial => "Copied.",
                Some(Copy::Failed(s)) if s == *serial => "Select the link and copy it.",
                _ => "Copying…",
            };
            html! {
                <div class="share-link">
                    <label for="share-link">{ "Link to this analysis" }</label>
                    <input id="share-link" ref={link_input.clone()} type="text" readonly=true data-testid="share-link"
                        value={link} onfocus={select_all} />
                    <p class="share-status">
                        <strong data-testid="share-status">{ status }</strong>
                        <span data-testid="share-length">{ format!(" The link is {} characters long.", explain::thousands(length)) }</span>
                    </p>
                    if let Some(warning) = slant_share::link_len_warning(length) {
                        <p class="warning" data-testid="share-warning">
                            { warning }{ " " }
                            <button type="button" class="button small" onclick={download_state.clone()}>{ "Download this analysis" }</button>
                        </p>
                    }
                </div>
            }
        }
        Some(Share::TooLong { message, .. }) => html! {
            <p class="warning" data-testid="share-too-long">
                { message }{ " " }
                <button type="button" class="button small" onclick={download_state.clone()}>{ "Download this analysis" }</button>
            </p>
        },
        None => html! {},
    };

    html! {
        <section class="panel share-panel" aria-labelledby="share-heading" data-testid="share-panel">
            <div class="panel-head">
                <h2 id="share-heading">{ "Share, keep and export" }</h2>
                <div class="buttons">
                    <button type="button" class="button primary" data-testid="share-button" onclick={share}>{ "Share link" }</button>
                    <button type="button" class="button" data-testid="download-state" onclick={download_state}>{ "Download this analysis" }</button>
                </div>
            </div>
            <div aria-live="polite">{ link_view }</div>
            <p class="hint">{ "A link carries the article and your changes after its #, which browsers never send to a server. Your draft is kept in this browser as you work; a downloaded analysis (.json) opens again with Open file." }</p>
            <div class="exports" role="group" aria-label="Downloads">
                <span class="exports-label">{ "Download:" }</span>
                <button type="button" class="button small" data-testid="export-csv" onclick={export_csv}>{ "Cells (CSV)" }</button>
                <button type="button" class="button small" data-testid="export-json" onclick={export_json}>{ "Report (JSON)" }</button>
                <button type="button" class="button small" data-testid="export-svg" disabled={no_chart} onclick={export_svg}>{ "Chart (SVG)" }</button>
                <button type="button" class="button small" data-testid="export-png" disabled={no_chart} onclick={export_png}>{ "Chart (PNG)" }</button>
            </div>
        </section>
    }
}
