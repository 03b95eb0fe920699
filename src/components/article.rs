//! The article view: each paragraph of the analysed text with actor mentions
//! marked in the actor's colour and sentiment words tinted by sign; for the
//! selected cell, the actor's mentions and the evidence words are emphasised,
//! and the paragraph is scrolled into view.
//!
//! Paragraphs are components of their own, so selecting a cell re-renders only
//! the paragraphs whose marks change. Text is always rendered as text. A
//! text of more than [`chart::ARTICLE_PAGE`] paragraphs is shown a page at a
//! time: the page that holds the chart's first row, with its own pager.

use std::rc::Rc;

use slant_core::{Report, Span};
use yew::prelude::*;

use super::Dispatch;
use super::progressive::{first_batch, use_progressive};
use crate::chart;
use crate::colour;
use crate::explain;
use crate::markup::Markup;
use crate::segments;
use crate::state::{Action, ReportRef};

#[derive(Properties, PartialEq)]
pub struct ArticleProps {
    pub report: ReportRef,
    /// The selected (paragraph, actor index).
    pub selected: Option<(usize, usize)>,
    /// The chart's first row: the page of paragraphs holding it is shown.
    #[prop_or_default]
    pub first_row: usize,
    pub dispatch: Dispatch,
    /// Paragraphs (ascending) that are shared copy with another article of a comparison.
    #[prop_or_default]
    pub shared: Rc<[usize]>,
}

/// All mentions as (span, actor index), in text order: built once per report.
#[derive(Debug, Default)]
pub struct MentionIndex(pub Vec<(Span, usize)>);

impl MentionIndex {
    pub fn new(report: &Report) -> MentionIndex {
        let all: Vec<(Span, usize)> = report
            .actors
            .iter()
            .enumerate()
            .flat_map(|(i, a)| a.mentions.iter().map(move |m| (m.span, i)))
            .collect();
        // By (start, end, actor): `Span` orders by start, then end.
        let mut order: Vec<usize> = (0..all.len()).collect();
        slant_share::sort_indices(&mut order, &|x, y| all[x].cmp(&all[y]));
        MentionIndex(order.into_iter().map(|i| all[i]).collect())
    }

    /// The mentions that start inside `range`.
    pub fn within(&self, range: Span) -> &[(Span, usize)] {
        let from = self.0.partition_point(|(s, _)| s.start < range.start);
        let to = self.0.partition_point(|(s, _)| s.start < range.end);
        &self.0[from..to]
    }
}

/// A mention index compared by identity, as a prop.
#[derive(Clone, Debug)]
pub struct IndexRef(pub Rc<MentionIndex>);

impl PartialEq for IndexRef {
    fn eq(&self, other: &IndexRef) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Paragraphs rendered at once; the rest follow in later tasks.
const FIRST: usize = 40;
const STEP: usize = 40;

#[function_component(ArticleView)]
pub fn article_view(props: &ArticleProps) -> Html {
    let report = &props.report;
    let index = IndexRef(use_memo(report.clone(), |r| MentionIndex::new(r)));
    let total = report.paragraphs.len();
    let window = chart::article_window(total, props.first_row);
    let limit = use_progressive(
        (report.clone(), window.start),
        window.len(),
        first_batch(report.text.len(), FIRST),
        STEP,
    );
    // The last report whose page was all rendered: later paragraphs keep
    // showing it until their turn comes, so a long article does not collapse.
    let settled = use_mut_ref(|| (report.clone(), index.clone(), window.start));
    if limit >= window.len() {
        *settled.borrow_mut() = (report.clone(), index.clone(), window.start);
    }
    let (old, old_index, old_start) = settled.borrow().clone();
    let stale_end = if limit < window.len() && old_start == window.start {
        old.paragraphs.len().min(window.end)
    } else {
        0
    };
    let drawn_end = window.start + limit;

    // Scroll the selected paragraph into view when the selection changes.
    use_effect_with(props.selected, |selected| {
        if let Some((p, _)) = selected {
            scroll_to_paragraph(*p);
        }
    });

    let paged = window.len() < total;
    let page = |first: usize| {
        let d = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::ShowRows(first)))
    };

    html! {
        <section class="panel article-panel" aria-labelledby="article-heading">
            <h2 id="article-heading">{ "The article, marked" }</h2>
            if report.paragraphs.is_empty() {
                <p class="empty">{ "The marked-up article appears here." }</p>
            }
            if paged {
                <p class="chart-note article-pager" data-testid="article-pager">
                    { format!("Paragraphs {}–{} of {} ", window.start + 1, window.end, explain::thousands(total)) }
                    <button type="button" class="button small" disabled={window.start == 0}
                        onclick={page(window.start.saturating_sub(1))}>{ "Earlier" }</button>
                    { " " }
                    <button type="button" class="button small" disabled={window.end >= total}
                        onclick={page(window.end)}>{ "Later" }</button>
                </p>
            }
            <article class="article" aria-busy={(limit < window.len()).to_string()}>
                { for (window.start..drawn_end).map(|p| html! {
                    <Paragraph
                        key={p}
                        report={report.clone()}
                        index={index.clone()}
                        paragraph={p}
                        actor={props.selected.filter(|s| s.0 == p).map(|s| s.1)}
                        shared={props.shared.binary_search(&p).is_ok()}
                    />
                }) }
                { for (drawn_end..stale_end).map(|p| html! {
                    <Paragraph key={p} report={old.clone()} index={old_index.clone()} paragraph={p} actor={None::<usize>} />
                }) }
            </article>
        </section>
    }
}

/// Scrolls the paragraph into view (in the browser only). Where the article is
/// its own scroll box (two columns), only that box scrolls, so the chart stays put.
fn scroll_to_paragraph(p: usize) {
    #[cfg(target_arch = "wasm32")]
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(&format!("para-{p}")))
    {
        let scroller = el.closest(".article-panel").ok().flatten();
        match scroller {
            Some(panel) if panel.scroll_height() > panel.client_height() => {
                let offset = el.get_bounding_client_rect().top() - panel.get_bounding_client_rect().top();
                panel.set_scroll_top(panel.scroll_top() + offset as i32 - 48);
            }
            _ => {
                let opts = web_sys::ScrollIntoViewOptions::new();
                opts.set_block(web_sys::ScrollLogicalPosition::Start);
                el.scroll_into_view_with_scroll_into_view_options(&opts);
            }
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = p;
}

#[derive(Properties, PartialEq)]
pub struct ParagraphProps {
    pub report: ReportRef,
    pub index: IndexRef,
    pub paragraph: usize,
    /// The selected actor, when the selected cell is in this paragraph.
    pub actor: Option<usize>,
    /// Shared copy with another article of a comparison.
    #[prop_or_default]
    pub shared: bool,
}

/// What a span of the paragraph is.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Mark {
    Mention(usize),
    /// Index into `report.words`.
    Word(usize),
    /// The sign of a piece of evidence of the selected cell.
    Evidence(f32),
}

#[function_component(Paragraph)]
pub fn paragraph(props: &ParagraphProps) -> Html {
    let report = &props.report;
    let para = &report.paragraphs[props.paragraph];
    let range = Span::new(para.start, para.end);

    let mut marks: Vec<(Span, Mark)> = Vec::new();
    for &(span, actor) in props.index.0.within(range) {
        marks.push((span, Mark::Mention(actor)));
    }
    let from = report.words.partition_point(|w| w.start < range.start);
    let to = report.words.partition_point(|w| w.start < range.end);
    for (i, w) in report.words[from..to].iter().enumerate() {
        marks.push((Span::new(w.start, w.end), Mark::Word(from + i)));
    }
    if let Some(cell) = props.actor.and_then(|a| report.cell(props.paragraph, a)) {
        for e in &cell.evidence {
            marks.push((e.words, Mark::Evidence(e.weight)));
        }
    }
    let spans: Vec<Span> = marks.iter().map(|m| m.0).collect();
    let pieces = segments::split(&report.text, range, &spans);
    Html::from_html_unchecked(AttrValue::from(paragraph_markup(props, &marks, &pieces)))
}

/// A paragraph's markup: a long article's paragraphs are drawn in bulk, and
/// the browser parses a paragraph's markup in one call, where building its
/// marks element by element takes several calls into the browser each.
fn paragraph_markup(props: &ParagraphProps, marks: &[(Span, Mark)], pieces: &[segments::Segment]) -> String {
    let report = &props.report;
    let p = props.paragraph;
    let range = &report.paragraphs[p];
    let mut m = Markup::with_capacity(2 * (range.end - range.start) + 64 * marks.len() + 200);
    m.open("div")
        .attr("class", if props.actor.is_some() { "para selected" } else { "para" })
        .end_open()
        .raw(r#"<span class="pnum" aria-hidden="true">"#)
        .text(format_args!("P{}", p + 1))
        .raw("</span>")
        .open("p")
        .attr("data-testid", "paragraph")
        .attr("id", format_args!("para-{p}"))
        .attr("data-paragraph", p)
        .end_open();
    for seg in pieces {
        let text = &report.text[seg.start..seg.end];
        if seg.covers.is_empty() {
            m.text(text);
            continue;
        }
        let mut classes: Vec<&'static str> = Vec::with_capacity(6);
        let mut title: Option<String> = None;
        let mut actor_attr: Option<&str> = None;
        for &i in &seg.covers {
            match marks[i].1 {
                Mark::Mention(a) => {
                    classes.push("mention");
                    if props.actor == Some(a) {
                        classes.push("mention-selected");
                    }
                    classes.push(colour::actor_class(a));
                    actor_attr = Some(&report.actors[a].id);
                    if title.is_none() {
                        title = Some(format!(
                            "{} ({})",
                            report.actors[a].name,
                            explain::kind(report.actors[a].kind)
                        ));
                    }
                }
                Mark::Word(w) => {
                    let w = &report.words[w];
                    classes.push("sentiment");
                    classes.push(colour::word_tint_class(w.valence));
                    let words = &report.text[w.start..w.end];
                    title = Some(explain::word_title(words, w.base, w.source, w.valence));
                }
                Mark::Evidence(weight) => {
                    classes.push("evidence");
                    classes.push(if weight < 0.0 { "ev-neg" } else { "ev-pos" });
                }
            }
        }
        let mut seen: Vec<&str> = Vec::with_capacity(classes.len());
        classes.retain(|c| {
            let new = !seen.contains(c);
            seen.push(c);
            new
        });
        m.open("span").attr("class", classes.join(" "));
        if let Some(title) = &title {
            m.attr("title", title);
        }
        if let Some(id) = actor_attr {
            m.attr("data-actor", id);
        }
        m.end_open().text(text).close("span");
    }
    m.close("p");
    if props.shared {
        m.raw(r#"<span class="badge shared" data-testid="shared-badge" title="This paragraph appears in another article too; the comparison counts it once">shared copy</span>"#);
    }
    m.close("div");
    m.into_string()
}
