//! Downloads of the analysis: the file names and types, the CSV with its
//! byte-order mark, and the chart as a standalone SVG or a PNG.
//!
//! The formats of the CSV, the report JSON and the saved-analysis file belong
//! to slant-share; this module only packages them. The chart exports copy the
//! live heatmap: its <svg> is cloned with each shape's computed fill, stroke
//! and font written inline (the page's stylesheet does not travel with the
//! file), framed with a background, a title and the legend, and serialised
//! with XMLSerializer; the PNG draws that SVG on a canvas at twice its size.
//! Nothing is fetched. The pure helpers are tested natively; the browser
//! functions run from click handlers only.

use wasm_bindgen::{JsCast, JsValue};

use crate::num::{Fixed, Short};

pub const STATE_FILE: &str = "slant-analysis.json";
pub const CSV_FILE: &str = "slant-cells.csv";
pub const JSON_FILE: &str = "slant-report.json";
pub const SVG_FILE: &str = "slant-chart.svg";
pub const PNG_FILE: &str = "slant-chart.png";
pub const COMPARE_CSV_FILE: &str = "slant-articles.csv";
pub const COMPARE_JSON_FILE: &str = "slant-comparison.json";
pub const COMPARE_SVG_FILE: &str = "slant-comparison.svg";
pub const COMPARE_PNG_FILE: &str = "slant-comparison.png";

pub const CSV_TYPE: &str = "text/csv;charset=utf-8";
pub const JSON_TYPE: &str = "application/json;charset=utf-8";
pub const SVG_TYPE: &str = "image/svg+xml;charset=utf-8";

const SVG_NS: &str = "http://www.w3.org/2000/svg";

/// Space around the chart and between it and the legend, in pixels.
pub const PAD: f64 = 16.0;
/// The height of the title line above the chart.
pub const TITLE_H: f64 = 28.0;
/// The width of the "not mentioned" key beside the legend's scale.
pub const KEY_W: f64 = 130.0;
/// The PNG's scale: sharp on high-density screens and in print.
pub const PNG_SCALE: f64 = 2.0;

/// The chart's cells as CSV, with the byte-order mark Excel needs to read UTF-8.
pub fn csv_download(report: &slant_core::Report) -> String {
    format!("\u{feff}{}", slant_share::cells_csv(report))
}

/// The computed properties written inline on each shape and text.
pub const STYLE_PROPS: [&str; 8] = [
    "fill",
    "stroke",
    "stroke-width",
    "stroke-dasharray",
    "font-family",
    "font-size",
    "font-weight",
    "opacity",
];

/// The shapes and texts whose computed style is written inline.
pub fn is_styled(tag: &str) -> bool {
    matches!(
        tag.to_ascii_lowercase().as_str(),
        "rect" | "line" | "text" | "tspan" | "path" | "circle" | "polyline" | "polygon"
    )
}

/// A style attribute from (property, computed value) pairs. Values that are
/// empty, or that reference the page (`var(...)`), are left out; so is a
/// `fill` when the element's own `fill` attribute is a pattern or gradient
/// (`url(#...)`), which must keep pointing into the file's own defs.
pub fn style_attr(props: &[(&str, String)], fill_attr: Option<&str>) -> String {
    let keeps_fill = fill_attr.is_some_and(|f| f.trim_start().starts_with("url("));
    let mut out = String::new();
    for (name, value) in props {
        let value = value.trim();
        if value.is_empty() || value.contains("var(") || (*name == "fill" && keeps_fill) {
            continue;
        }
        out.push_str(name);
        out.push(':');
        out.push_str(value);
        out.push(';');
    }
    out
}

/// The export's frame for a chart of `chart` and a legend of `legend` (width,
/// height): the whole size, and where the chart and the legend go.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frame {
    pub width: f64,
    pub height: f64,
    pub chart: (f64, f64),
    pub legend: (f64, f64),
}

impl Frame {
    pub fn new(chart: (f64, f64), legend: (f64, f64)) -> Frame {
        let width = chart.0.max(legend.0) + 2.0 * PAD;
        let chart_at = (PAD, PAD + TITLE_H);
        let legend_at = (PAD, chart_at.1 + chart.1 + PAD);
        let height = legend_at.1 + legend.1 + PAD;
        Frame {
            width: width.ceil(),
            height: height.ceil(),
            chart: chart_at,
            legend: legend_at,
        }
    }
}

/// Geometry of the comparison's SVG: the actor-name column, a cell, a row.
const NAME_W: f64 = 180.0;
const CELL_W: f64 = 110.0;
const ROW_H: f64 = 26.0;
/// The most rows the comparison's picture shows (largest difference first).
pub const SVG_ROWS: usize = 40;

/// The comparison as a standalone <svg>: a title, a header of article
/// labels, then one row per actor with each article's score on the
/// heatmap's colour scale and the difference. Drawn from the comparison
/// itself (no page styles to copy), with the same escaping as the page.
pub fn comparison_svg(c: &slant_core::Comparison) -> String {
    use crate::colour;
    use crate::markup::Markup;
    let n = c.articles.len() as f64;
    let rows = c.actors.len().min(SVG_ROWS);
    let w = PAD * 2.0 + NAME_W + CELL_W * (n + 1.0);
    let h = PAD * 2.0 + TITLE_H + ROW_H * (rows as f64 + 1.0);
    let mut m = Markup::with_capacity(512 + rows * 400);
    m.open("svg")
        .attr("xmlns", SVG_NS)
        .attr("width", Short(w))
        .attr("height", Short(h))
        .attr("viewBox", format_args!("0 0 {} {}", Short(w), Short(h)))
        .attr("font-family", "system-ui, sans-serif")
        .attr("font-size", 13)
        .end_open();
    m.open("rect")
        .attr("width", Short(w))
        .attr("height", Short(h))
        .attr("fill", "#ffffff")
        .end_open()
        .close("rect");
    m.open("text")
        .attr("x", Short(PAD))
        .attr("y", Short(PAD + 16.0))
        .attr("font-weight", 600)
        .attr("font-size", 15)
        .end_open();
    m.text("Slant: stance toward each actor, by article").close("text");
    let top = PAD + TITLE_H;
    let label = |m: &mut Markup, x: f64, y: f64, anchor: &'static str, text: &str| {
        m.open("text")
            .attr("x", Short(x))
            .attr("y", Short(y))
            .attr("text-anchor", anchor)
            .attr("fill", "#222222")
            .end_open();
        m.text(text).close("text");
    };
    for (i, a) in c.articles.iter().enumerate() {
        let x = PAD + NAME_W + CELL_W * (i as f64 + 0.5);
        label(&mut m, x, top + 17.0, "middle", &a.label);
    }
    label(
        &mut m,
        PAD + NAME_W + CELL_W * (n + 0.5),
        top + 17.0,
        "middle",
        "Difference",
    );
    for (r, row) in c.actors.iter().take(rows).enumerate() {
        let y = top + ROW_H * (r as f64 + 1.0);
        label(&mut m, PAD, y + 17.0, "start", &row.name);
        for (i, score) in row.scores.iter().enumerate() {
            let x = PAD + NAME_W + CELL_W * i as f64;
            let (fill, ink, text) = match score {
                Some(s) => {
                    let bg = colour::score_colour(*s);
                    (colour::hex(bg), colour::ink_on(bg), crate::explain::score(*s))
                }
                None => ("#f2f2f2".to_string(), "#666666", "–".to_string()),
            };
            m.open("rect")
                .attr("x", Short(x + 2.0))
                .attr("y", Short(y + 2.0))
                .attr("width", Short(CELL_W - 4.0))
                .attr("height", Short(ROW_H - 4.0))
                .attr("rx", 3)
                .attr("fill", fill)
                .end_open()
                .close("rect");
            m.open("text")
                .attr("x", Short(x + CELL_W / 2.0))
                .attr("y", Short(y + 17.0))
                .attr("text-anchor", "middle")
                .attr("fill", ink)
                .end_open()
                .text(text)
                .close("text");
        }
        let diff = row
            .difference
            .map_or("–".to_string(), |d| Fixed(f64::from(d), 2).to_string());
        label(&mut m, PAD + NAME_W + CELL_W * (n + 0.5), y + 17.0, "middle", &diff);
    }
    m.close("svg");
    m.into_string()
}

/// A serialised <svg> as a file: with the XML declaration.
pub fn svg_file(svg: &str) -> String {
    format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{svg}\n")
}

fn js_error(what: &str) -> impl Fn(JsValue) -> String + '_ {
    move |_| format!("Slant could not {what}.")
}

/// Writes `original`'s computed style inline on `copy`, for it and every
/// styled element inside (the two trees have the same shape).
fn inline_styles(window: &web_sys::Window, original: &web_sys::Element, copy: &web_sys::Element) {
    let originals = original.get_elements_by_tag_name("*");
    let copies = copy.get_elements_by_tag_name("*");
    for i in 0..originals.length().min(copies.length()) {
        let (Some(o), Some(c)) = (originals.item(i), copies.item(i)) else {
            continue;
        };
        if !is_styled(&o.tag_name()) {
            continue;
        }
        let Ok(Some(computed)) = window.get_computed_style(&o) else {
            continue;
        };
        let props: Vec<(&str, String)> = STYLE_PROPS
            .iter()
            .map(|p| (*p, computed.get_property_value(p).unwrap_or_default()))
            .collect();
        let style = style_attr(&props, o.get_attribute("fill").as_deref());
        let _ = c.set_attribute("style", &style);
        // The page's classes mean nothing in the file, and interaction attributes even less.
        for attr in ["class", "tabindex", "data-testid"] {
            let _ = c.remove_attribute(attr);
        }
    }
}

/// The live heatmap and its legend as a standalone SVG file.
pub fn chart_svg() -> Result<String, String> {
    let window = web_sys::window().ok_or("Slant could not find the chart to export.")?;
    let document = window.document().ok_or("Slant could not find the chart to export.")?;
    let find = |selector: &str| document.query_selector(selector).ok().flatten();
    let chart = find("[data-testid=\"heatmap\"]").ok_or("There is no chart to export yet.")?;
    let legend = find("[data-testid=\"legend\"] svg");
    let size = |el: &web_sys::Element| {
        // JavaScript's parseFloat: Rust's float parser would add its 10 KB table to the page.
        let number = |attr: &str| {
            let n = el
                .get_attribute(attr)
                .map_or(f64::NAN, |v| js_sys::Number::parse_float(&v));
            if n.is_finite() { n } else { 0.0 }
        };
        let (w, h) = (number("width"), number("height"));
        (w, h)
    };
    let scale = legend.as_ref().map(size).unwrap_or((0.0, 0.0));
    let frame = Frame::new(size(&chart), (scale.0 + KEY_W, scale.1));
    let make = |tag: &str| {
        document
            .create_element_ns(Some(SVG_NS), tag)
            .map_err(js_error("build the chart file"))
    };
    let root = make("svg")?;
    for (k, v) in [
        ("width", Short(frame.width).to_string()),
        ("height", Short(frame.height).to_string()),
        ("viewBox", format!("0 0 {} {}", Short(frame.width), Short(frame.height))),
        ("role", "img".to_string()),
        (
            "aria-label",
            "Slant: stance of each paragraph toward each actor".to_string(),
        ),
    ] {
        let _ = root.set_attribute(k, &v);
    }

    // The page's panel colour behind everything (light or dark, as shown), white if none.
    let scroll = find(".chart-scroll").unwrap_or_else(|| chart.clone());
    let background = window
        .get_computed_style(&scroll)
        .ok()
        .flatten()
        .and_then(|s| s.get_property_value("background-color").ok())
        .filter(|c| !c.is_empty() && c != "transparent" && c != "rgba(0, 0, 0, 0)")
        .unwrap_or_else(|| "#ffffff".to_string());
    let back = make("rect")?;
    for (k, v) in [("width", "100%"), ("height", "100%")] {
        let _ = back.set_attribute(k, v);
    }
    let _ = back.set_attribute("fill", &background);
    let _ = root.append_child(&back);

    // A title in the colour of the chart's heading.
    let ink = find("#chart-heading")
        .and_then(|t| window.get_computed_style(&t).ok().flatten())
        .and_then(|s| s.get_property_value("color").ok())
        .filter(|c| !c.is_empty())
        .unwrap_or_else(|| "#1d1c1a".to_string());
    let title = make("text")?;
    for (k, v) in [
        ("x", Short(PAD).to_string()),
        ("y", Short(PAD + 14.0).to_string()),
        ("fill", ink),
        ("font-family", "system-ui, sans-serif".to_string()),
        ("font-size", "14".to_string()),
        ("font-weight", "600".to_string()),
    ] {
        let _ = title.set_attribute(k, &v);
    }
    title.set_text_content(Some("Slant: stance by paragraph"));
    let _ = root.append_child(&title);

    // The key for hatched squares, beside the scale, drawn with the chart's own pattern.
    let absent = find("[data-testid=\"heatmap-cell\"].absent");
    let computed = |el: &Option<web_sys::Element>, prop: &str, fallback: &str| {
        el.as_ref()
            .and_then(|e| window.get_computed_style(e).ok().flatten())
            .and_then(|s| s.get_property_value(prop).ok())
            .filter(|v| !v.is_empty())
            .unwrap_or_else(|| fallback.to_string())
    };
    let legend_text = find("[data-testid=\"legend\"] svg text");
    let key_x = frame.legend.0 + scale.0 + 10.0;
    let swatch = make("rect")?;
    for (k, v) in [
        ("x", Short(key_x).to_string()),
        ("y", Short(frame.legend.1 + 2.0).to_string()),
        ("width", "20".to_string()),
        ("height", "14".to_string()),
        ("rx", "2".to_string()),
        ("fill", "url(#not-mentioned)".to_string()),
        ("stroke", computed(&absent, "stroke", "#b9b4aa")),
        ("stroke-dasharray", "2 2".to_string()),
    ] {
        let _ = swatch.set_attribute(k, &v);
    }
    let label = make("text")?;
    for (k, v) in [
        ("x", Short(key_x + 26.0).to_string()),
        ("y", Short(frame.legend.1 + 13.0).to_string()),
        ("fill", computed(&legend_text, "fill", "#57534c")),
        ("font-family", computed(&legend_text, "font-family", "sans-serif")),
        ("font-size", "10".to_string()),
    ] {
        let _ = label.set_attribute(k, &v);
    }
    label.set_text_content(Some("not mentioned"));

    for (element, at) in [(Some(chart), frame.chart), (legend, frame.legend)] {
        let Some(element) = element else { continue };
        let copy = element
            .clone_node_with_deep(true)
            .map_err(js_error("copy the chart"))?
            .dyn_into::<web_sys::Element>()
            .map_err(|_| "Slant could not copy the chart.".to_string())?;
        inline_styles(&window, &element, &copy);
        for attr in ["class", "data-testid", "tabindex"] {
            let _ = copy.remove_attribute(attr);
        }
        let _ = copy.set_attribute("x", &Short(at.0).to_string());
        let _ = copy.set_attribute("y", &Short(at.1).to_string());
        let _ = root.append_child(&copy);
    }
    let _ = root.append_child(&swatch);
    let _ = root.append_child(&label);
    let xml = web_sys::XmlSerializer::new()
        .and_then(|s| s.serialize_to_string(&root))
        .map_err(js_error("write the chart file"))?;
    Ok(svg_file(&xml))
}

/// Draws an SVG file on a canvas at [`PNG_SCALE`] and returns it as a PNG.
pub async fn chart_png(svg: &str) -> Result<web_sys::Blob, String> {
    let failed = || "Slant could not draw the chart as a PNG.".to_string();
    let document = web_sys::window().and_then(|w| w.document()).ok_or_else(failed)?;
    let parts = js_sys::Array::of1(&JsValue::from_str(svg));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(SVG_TYPE);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(|_| failed())?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| failed())?;
    let image = web_sys::HtmlImageElement::new().map_err(|_| failed())?;
    image.set_src(&url);
    let decoded = wasm_bindgen_futures::JsFuture::from(image.decode()).await;
    let _ = web_sys::Url::revoke_object_url(&url);
    decoded.map_err(|_| failed())?;
    let (w, h) = (image.natural_width() as f64, image.natural_height() as f64);
    if w <= 0.0 || h <= 0.0 {
        return Err(failed());
    }
    let canvas = document
        .create_element("canvas")
        .ok()
        .and_then(|c| c.dyn_into::<web_sys::HtmlCanvasElement>().ok())
        .ok_or_else(failed)?;
    canvas.set_width((w * PNG_SCALE).ceil() as u32);
    canvas.set_height((h * PNG_SCALE).ceil() as u32);
    let context = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
        .ok_or_else(failed)?;
    context.scale(PNG_SCALE, PNG_SCALE).map_err(|_| failed())?;
    context
        .draw_image_with_html_image_element_and_dw_and_dh(&image, 0.0, 0.0, w, h)
        .map_err(|_| failed())?;
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let done = wasm_bindgen::closure::Closure::once_into_js(move |blob: JsValue| {
            let _ = resolve.call1(&JsValue::NULL, &blob);
        });
        if canvas.to_blob_with_type(done.unchecked_ref(), "image/png").is_err() {
            let _ = reject.call0(&JsValue::NULL);
        }
    });
    let png = wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .map_err(|_| failed())?;
    png.dyn_into::<web_sys::Blob>().map_err(|_| failed())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_csv_starts_with_a_byte_order_mark() {
        let report = slant_core::analyze("Russia attacked Ukraine.", &slant_core::Config::default());
        let csv = csv_download(&report);
        assert!(csv.starts_with("\u{feff}paragraph,actor_id,"));
        assert_eq!(csv.trim_end().lines().count(), 1 + report.cells.len());
    }

    #[test]
    fn styles_keep_computed_values_and_the_files_own_patterns() {
        let props = [
            ("fill", "rgb(94, 60, 153)".to_string()),
            ("stroke", "var(--rule)".to_string()),
            ("stroke-width", " 0.75px ".to_string()),
            ("font-family", "".to_string()),
        ];
        assert_eq!(
            style_attr(&props, Some("#5e3c99")),
            "fill:rgb(94, 60, 153);stroke-width:0.75px;"
        );
        assert_eq!(style_attr(&props, Some("url(#not-mentioned)")), "stroke-width:0.75px;");
        assert_eq!(style_attr(&[], None), "");
    }

    #[test]
    fn only_shapes_and_text_are_styled() {
        assert!(is_styled("rect") && is_styled("TEXT") && is_styled("tspan") && is_styled("line"));
        assert!(!is_styled("title") && !is_styled("defs") && !is_styled("svg") && !is_styled("stop"));
    }

    #[test]
    fn the_frame_puts_the_legend_under_the_chart() {
        let f = Frame::new((400.0, 300.0), (220.0, 38.0));
        assert_eq!(f.chart, (PAD, PAD + TITLE_H));
        assert_eq!(f.legend, (PAD, PAD + TITLE_H + 300.0 + PAD));
        assert_eq!(f.width, 400.0 + 2.0 * PAD);
        assert_eq!(f.height, f.legend.1 + 38.0 + PAD);
        // A narrow chart is as wide as its legend.
        assert_eq!(Frame::new((100.0, 50.0), (220.0, 38.0)).width, 220.0 + 2.0 * PAD);
    }

    #[test]
    fn svg_files_have_an_xml_declaration() {
        let f = svg_file("<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
        assert!(f.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg "));
    }
}
