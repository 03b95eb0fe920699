//! Downloads of a report: the chart's cells as CSV, the whole report as
//! JSON; and of a comparison: every article's cells as one CSV, and the
//! comparison as JSON.
//!
//! This module owns the export formats. They are pure functions of a
//! [`Report`]: they must not re-run or second-guess the analysis, and must
//! not panic on a report whose indices or spans do not fit.

use serde::Serialize;
use slant_core::compare::Comparison;
use slant_core::{Cell, Report};

use crate::FORMAT_VERSION;

/// The header row of [`cells_csv`].
pub const CSV_HEADER: &str = "paragraph,actor_id,actor,score,label,mentions,positive,negative,top_evidence,made_by";

/// How many evidence items `top_evidence` lists.
const TOP_EVIDENCE: usize = 3;

/// The chart as RFC 4180 CSV: [`CSV_HEADER`], then one row per cell of
/// `report.cells`, in the report's order, with CRLF line ends.
///
/// `paragraph` is 1-based, as people count paragraphs (the report's own
/// indices are 0-based). `top_evidence` lists the cell's three strongest
/// evidence words with their signed weights, as in
/// `invasion (-2.50); backing (+1.50)`. `made_by` names the engine
/// ([`crate::provenance`]) on every row, so a row copied elsewhere keeps it.
///
/// Fields with commas, quotes or line breaks are quoted. Text fields that
/// start with `=`, `+`, `-`, `@`, a tab or a carriage return get a leading
/// `'`, so that spreadsheets do not run them as formulas; numeric fields are
/// left as they are. Spreadsheet apps that need a byte-order mark to read
/// UTF-8 (Excel) want `"\u{feff}"` put before the download.
pub fn cells_csv(report: &Report) -> String {
    let mut out = String::with_capacity(64 * (report.cells.len() + 1));
    out.push_str(CSV_HEADER);
    out.push_str("\r\n");
    let made_by = crate::provenance();
    for cell in &report.cells {
        let (id, name) = report
            .actors
            .get(cell.actor)
            .map_or(("", ""), |a| (a.id.as_str(), a.name.as_str()));
        push_cell(&mut out, report, cell, id, name);
        out.push(',');
        out.push_str(&made_by);
        out.push_str("\r\n");
    }
    out
}

/// The header row of [`articles_csv`].
pub const ARTICLES_CSV_HEADER: &str = "article,article_label,paragraph,actor_id,actor,score,label,mentions,positive,negative,top_evidence,counted,made_by";

/// Several articles' charts as one CSV, for a comparison:
/// [`ARTICLES_CSV_HEADER`], then one row per article × paragraph × actor
/// that the article mentions there (each report's cells, in its order),
/// articles in the order given, with CRLF line ends.
///
/// `article` is 1-based, like `paragraph`; `article_label` is the article's
/// label. `actor_id` and `actor` are the comparison's (one id and name per
/// actor across the articles, so a spreadsheet can pivot on them).
/// `counted` is `no` for a paragraph that is shared copy already counted in
/// an earlier article (left out of the comparison's scores), `yes`
/// otherwise. The other columns and the quoting are those of [`cells_csv`].
pub fn articles_csv(articles: &[(&str, &Report)], comparison: &Comparison) -> String {
    let cells: usize = articles.iter().map(|(_, r)| r.cells.len()).sum();
    let mut out = String::with_capacity(80 * (cells + 1));
    out.push_str(ARTICLES_CSV_HEADER);
    out.push_str("\r\n");
    let made_by = crate::provenance();
    for (a, &(label, report)) in articles.iter().enumerate() {
        // The comparison's row for each of this report's actors.
        let mut row_of: Vec<Option<&slant_core::compare::ActorRow>> = vec![None; report.actors.len()];
        for row in &comparison.actors {
            if let Some(slot) = row.index.get(a).copied().flatten().and_then(|k| row_of.get_mut(k)) {
                *slot = Some(row);
            }
        }
        for cell in &report.cells {
            let (id, name) = match (row_of.get(cell.actor).copied().flatten(), report.actors.get(cell.actor)) {
                (Some(row), _) => (row.id.as_str(), row.name.as_str()),
                (None, Some(actor)) => (actor.id.as_str(), actor.name.as_str()),
                (None, None) => ("", ""),
            };
            out.push_str(&(a + 1).to_string());
            out.push(',');
            push_text(&mut out, label);
            out.push(',');
            push_cell(&mut out, report, cell, id, name);
            out.push(',');
            out.push_str(if comparison.counts(a, cell.paragraph) {
                "yes"
            } else {
                "no"
            });
            out.push(',');
            out.push_str(&made_by);
            out.push_str("\r\n");
        }
    }
    out
}

/// The fields of [`CSV_HEADER`] for one cell, up to `top_evidence`, without the line end.
fn push_cell(out: &mut String, report: &Report, cell: &Cell, id: &str, name: &str) {
    out.push_str(&(cell.paragraph.saturating_add(1)).to_string());
    out.push(',');
    push_text(out, id);
    out.push(',');
    push_text(out, name);
    out.push(',');
    out.push_str(&number(cell.score));
    out.push(',');
    push_text(out, cell.label.as_str());
    out.push(',');
    out.push_str(&cell.mentions.to_string());
    out.push(',');
    out.push_str(&number(cell.positive));
    out.push(',');
    out.push_str(&number(cell.negative));
    out.push(',');
    push_text(out, &top_evidence(report, cell));
}

/// The whole report as pretty JSON, in a small header:
/// `{"slant": "report", "v": 1, "made_by": "slant 0.1.0+data.…", "report": {...}}`
/// (`made_by` is [`crate::provenance`]), the report in
/// `slant_core`'s own JSON form (the words written beside every span).
pub fn report_json(report: &Report) -> String {
    #[derive(Serialize)]
    struct ReportFile<'a> {
        slant: &'static str,
        v: u64,
        made_by: String,
        report: &'a Report,
    }
    let file = ReportFile {
        slant: "report",
        v: FORMAT_VERSION,
        made_by: crate::provenance(),
        report,
    };
    let mut out = crate::write::to_json(&file, true);
    out.push('\n');
    out
}

/// A comparison as pretty JSON, in the same kind of header as
/// [`report_json`]: `{"slant": "comparison", "v": 1, "made_by": …, "comparison": {...}}`,
/// the comparison in `slant_core::compare`'s own JSON form (what
/// `slant compare --format json` writes).
pub fn comparison_json(comparison: &Comparison) -> String {
    #[derive(Serialize)]
    struct ComparisonFile<'a> {
        slant: &'static str,
        v: u64,
        made_by: String,
        comparison: &'a Comparison,
    }
    let file = ComparisonFile {
        slant: "comparison",
        v: FORMAT_VERSION,
        made_by: crate::provenance(),
        comparison,
    };
    let mut out = crate::write::to_json(&file, true);
    out.push('\n');
    out
}

/// `invasion (-2.50); backing (+1.50)`: the strongest evidence first, ties in
/// the report's order, each item's words on one line.
fn top_evidence(report: &Report, cell: &Cell) -> String {
    let all = &cell.evidence;
    let mut order: Vec<usize> = (0..all.len()).collect();
    crate::sort_indices(&mut order, &|a, b| all[b].weight.abs().total_cmp(&all[a].weight.abs()));
    order
        .iter()
        .take(TOP_EVIDENCE)
        .map(|&i| {
            let e = &all[i];
            let words: Vec<&str> = report.slice(e.words).split_whitespace().collect();
            let sign = if e.weight.is_sign_negative() || e.weight.is_nan() {
                ""
            } else {
                "+"
            };
            format!("{} ({sign}{})", words.join(" "), crate::fixed(f64::from(e.weight), 2))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// A number as the report holds it (already rounded): no exponent, no `-0`,
/// and an empty field for a value that is not finite.
fn number(x: f32) -> String {
    if !x.is_finite() {
        String::new()
    } else if x == 0.0 {
        "0".into()
    } else {
        crate::short(x)
    }
}

/// Appends a text field, guarded against formulas and quoted when needed
/// (RFC 4180). `slant batch` writes its CSV with it too.
pub fn push_text(out: &mut String, field: &str) {
    let guard = field.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let quote = field.contains([',', '"', '\n', '\r']);
    if quote {
        out.push('"');
    }
    if guard {
        out.push('\'');
    }
    for c in field.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    if quote {
        out.push('"');
    }
}

#[cfg(test)]
mod tests {
    use slant_core::{ActorKind, ActorReport, Cause, Evidence, Label, Origin, Span, analyze};

    use super::*;

    /// A minimal RFC 4180 reader: rows of fields, quotes undone.
    fn parse_csv(csv: &str) -> Vec<Vec<String>> {
        let mut rows = Vec::new();
        let mut row = Vec::new();
        let mut field = String::new();
        let mut chars = csv.chars().peekable();
        let mut quoted = false;
        while let Some(c) = chars.next() {
            match (quoted, c) {
                (true, '"') if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                (true, '"') => quoted = false,
                (true, c) => field.push(c),
                (false, '"') => {
                    assert!(field.is_empty(), "a quote inside an unquoted field: {field:?}");
                    quoted = true;
                }
                (false, ',') => row.push(std::mem::take(&mut field)),
                (false, '\r') => {
                    assert_eq!(chars.next(), Some('\n'), "a bare CR outside quotes");
                    row.push(std::mem::take(&mut field));
                    rows.push(std::mem::take(&mut row));
                }
                (false, '\n') => panic!("a bare LF outside quotes"),
                (false, c) => field.push(c),
            }
        }
        assert!(
            !quoted && field.is_empty() && row.is_empty(),
            "the CSV must end with CRLF"
        );
        rows
    }

    fn actor(id: &str, name: &str) -> ActorReport {
        ActorReport {
            id: id.into(),
            name: name.into(),
            kind: ActorKind::Person,
            origin: Origin::User,
            score: 0.0,
            label: Label::Neutral,
            positive: 0.0,
            negative: 0.0,
            evidence: 0,
            mentions: Vec::new(),
        }
    }

    fn evidence(words: Span, weight: f32) -> Evidence {
        Evidence {
            words,
            mention: Span::new(0, 0),
            cause: Cause::Predicate("x"),
            base: weight,
            weight,
            rules: Vec::new(),
        }
    }

    fn cell(paragraph: usize, actor: usize, evidence: Vec<Evidence>) -> Cell {
        Cell {
            paragraph,
            actor,
            score: -0.5,
            label: Label::Negative,
            mentions: 2,
            positive: 0.25,
            negative: 1.0,
            evidence,
        }
    }

    /// A hand-made report with awkward names and words.
    fn awkward() -> Report {
        let text = "Zoë “the “boss”” backing, \"good\"\nnot\tgreat =SUM(A1) invasion";
        let span = |s: &str| {
            let start = text.find(s).unwrap();
            Span::new(start, start + s.len())
        };
        Report {
            text: text.into(),
            actors: vec![
                actor("zoe", "Zoë “the \"boss\"”, Jr."),
                actor("=cmd|' /C calc'!A0", "@SUM(1+1)"),
                actor("-x", "+44 20\r\nline"),
            ],
            cells: vec![
                cell(
                    0,
                    0,
                    vec![
                        evidence(span("backing"), 1.5),
                        evidence(span("invasion"), -2.5),
                        evidence(span("\"good\"\nnot"), 0.5),
                        evidence(span("great"), -0.25),
                    ],
                ),
                cell(1, 1, vec![evidence(span("=SUM(A1)"), -1.0)]),
                cell(2, 2, Vec::new()),
                // Indices and spans that do not fit must not panic.
                cell(usize::MAX, 99, vec![evidence(Span::new(500, 600), 1.0)]),
            ],
            ..Report::default()
        }
    }

    #[test]
    fn quotes_commas_and_line_breaks_are_quoted_and_read_back() {
        let csv = cells_csv(&awkward());
        let rows = parse_csv(&csv);
        assert_eq!(rows.len(), 5);
        assert!(rows.iter().all(|r| r.len() == 10), "{rows:?}");
        assert!(rows[1..].iter().all(|r| r[9] == crate::provenance()), "{rows:?}");
        assert_eq!(rows[1][2], "Zoë “the \"boss\"”, Jr.");
        assert_eq!(rows[1][0], "1");
        assert_eq!(rows[1][3], "-0.5");
        assert_eq!(rows[1][4], "negative");
        assert_eq!(rows[1][5], "2");
        assert_eq!(rows[1][6], "0.25");
        assert_eq!(rows[1][7], "1");
        // Strongest first, three at most, each on one line.
        assert_eq!(rows[1][8], "invasion (-2.50); backing (+1.50); \"good\" not (+0.50)");
        assert_eq!(rows[3][8], "");
        assert_eq!(rows[4][..3], ["18446744073709551615", "", ""]);
        assert_eq!(rows[4][8], " (+1.00)");
    }

    #[test]
    fn formulas_are_defused_in_text_fields_only() {
        let rows = parse_csv(&cells_csv(&awkward()));
        assert_eq!(rows[2][1], "'=cmd|' /C calc'!A0");
        assert_eq!(rows[2][2], "'@SUM(1+1)");
        assert_eq!(rows[2][8], "'=SUM(A1) (-1.00)");
        assert_eq!(rows[3][1], "'-x");
        assert_eq!(rows[3][2], "'+44 20\r\nline");
        // Negative numbers stay numbers.
        assert_eq!(rows[2][3], "-0.5");
        let mut tab = String::new();
        push_text(&mut tab, "\tx");
        assert_eq!(tab, "'\tx");
        let mut cr = String::new();
        push_text(&mut cr, "\rx");
        assert_eq!(cr, "\"'\rx\"");
    }

    #[test]
    fn numbers_are_plain() {
        assert_eq!(number(-0.0), "0");
        assert_eq!(number(0.1234), "0.1234");
        assert_eq!(number(-1.0), "-1");
        assert_eq!(number(0.0001), "0.0001");
        assert_eq!(number(f32::NAN), "");
        assert_eq!(number(f32::INFINITY), "");
    }

    #[test]
    fn the_seed_article_gives_one_row_per_cell() {
        let text = include_str!("../../../seeds/macron-starmer-white-house.txt");
        let report = analyze(text, &slant_core::Config::default());
        assert!(report.cells.len() > 20, "the seed should fill the chart");
        let csv = cells_csv(&report);
        assert!(csv.starts_with(&format!("{CSV_HEADER}\r\n")));
        let rows = parse_csv(&csv);
        assert_eq!(rows[0].join(","), CSV_HEADER);
        assert_eq!(rows.len(), report.cells.len() + 1);
        for (row, cell) in rows[1..].iter().zip(&report.cells) {
            assert_eq!(row.len(), 10);
            assert_eq!(row[9], crate::provenance());
            assert_eq!(row[0], (cell.paragraph + 1).to_string());
            assert_eq!(row[1], report.actors[cell.actor].id);
            assert_eq!(row[2], report.actors[cell.actor].name);
            assert_eq!(row[3].parse::<f32>().unwrap(), cell.score);
            assert_eq!(row[4], cell.label.as_str());
            assert_eq!(row[5], cell.mentions.to_string());
            assert_eq!(row[6].parse::<f32>().unwrap(), cell.positive);
            assert_eq!(row[7].parse::<f32>().unwrap(), cell.negative);
            assert_eq!(
                row[8].split("; ").filter(|s| !s.is_empty()).count(),
                cell.evidence.len().min(3)
            );
        }
    }

    #[test]
    fn report_json_wraps_the_report() {
        let report = analyze(
            "Mr Macron praised “brave” Ukraine, said Zoë.",
            &slant_core::Config::default(),
        );
        let json = report_json(&report);
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value["slant"], "report");
        assert_eq!(value["v"], 1);
        let alone: serde_json::Value = serde_json::from_str(&serde_json::to_string(&report).unwrap()).unwrap();
        assert_eq!(value["report"], alone);
        assert_eq!(value["made_by"], crate::provenance());
        assert!(json.starts_with("{\n  \"slant\": \"report\",\n  \"v\": 1,\n  \"made_by\": \"slant "));
        assert!(
            json.contains("\"text\": \"brave\""),
            "the words are written beside their spans"
        );
    }

    #[test]
    fn articles_csv_adds_the_article_and_whether_the_paragraph_counts() {
        let config = slant_core::Config::default();
        let wire = "Under the agreement signed in Paris on Tuesday, Britain and France will create a joint patrol to protect their fishing grounds.";
        let a = analyze(&format!("Russia attacked Ukraine.\n\n{wire}"), &config);
        let b = analyze(&format!("{wire}\n\nMr Harlow, “the boss”, praised France."), &config);
        let articles = [("Outlet A", &a), ("=Outlet, B", &b)];
        let comparison = slant_core::compare(&articles, &config);
        let csv = articles_csv(&articles, &comparison);
        let rows = parse_csv(&csv);
        assert_eq!(rows[0].join(","), ARTICLES_CSV_HEADER);
        assert_eq!(rows.len(), 1 + a.cells.len() + b.cells.len());
        assert!(rows.iter().all(|r| r.len() == 13), "{rows:?}");
        // A's rows first, then B's, each like the single-article CSV after two columns.
        let single_a = parse_csv(&cells_csv(&a));
        for (row, single) in rows[1..=a.cells.len()].iter().zip(&single_a[1..]) {
            assert_eq!(row[..2], ["1", "Outlet A"]);
            assert_eq!(row[2..11], single[..9]);
            assert_eq!(row[11], "yes");
            assert_eq!(row[12], single[9]);
        }
        let b_rows = &rows[1 + a.cells.len()..];
        assert!(b_rows.iter().all(|r| r[0] == "2" && r[1] == "'=Outlet, B"));
        // B's first paragraph is A's second: shared copy counted in A.
        for row in b_rows {
            assert_eq!(row[11], if row[2] == "1" { "no" } else { "yes" }, "{row:?}");
        }
        assert!(b_rows.iter().any(|r| r[2] == "1" && r[3] == "france"));
        assert!(b_rows.iter().any(|r| r[2] == "2" && r[3] == "france"));
    }

    #[test]
    fn articles_csv_uses_the_comparisons_ids_and_survives_odd_input() {
        let config = slant_core::Config::default();
        let a = analyze("Environment Secretary Daniel Harlow praised the deal.", &config);
        let b = analyze("Mr Harlow was criticised by fishermen.", &config);
        let articles = [("A", &a), ("B", &b)];
        let comparison = slant_core::compare(&articles, &config);
        let rows = parse_csv(&articles_csv(&articles, &comparison));
        let harlow: Vec<&Vec<String>> = rows.iter().filter(|r| r[4] == "Daniel Harlow").collect();
        assert_eq!(harlow.len(), 2, "{rows:?}");
        assert!(harlow.iter().all(|r| r[3] == "daniel-harlow"));
        // A comparison of other reports, and no articles at all, do not panic.
        let odd = awkward();
        let rows = parse_csv(&articles_csv(&[("x", &odd)], &comparison));
        assert_eq!(rows.len(), 1 + odd.cells.len());
        assert_eq!(articles_csv(&[], &comparison), format!("{ARTICLES_CSV_HEADER}\r\n"));
    }

    #[test]
    fn comparison_json_wraps_the_comparison() {
        let config = slant_core::Config::default();
        let a = analyze("Russia attacked Ukraine.", &config);
        let b = analyze("Zoë said Ukraine was brave.", &config);
        let comparison = slant_core::compare(&[("A", &a), ("B", &b)], &config);
        let json = comparison_json(&comparison);
        assert!(json.starts_with("{\n  \"slant\": \"comparison\",\n  \"v\": 1,\n  \"made_by\": \"slant "));
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        let alone: serde_json::Value = serde_json::from_str(&serde_json::to_string(&comparison).unwrap()).unwrap();
        assert_eq!(value["comparison"], alone);
        assert_eq!(value["comparison"]["articles"][1]["label"], "B");
    }
}
