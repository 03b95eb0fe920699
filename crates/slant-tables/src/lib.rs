//! Slant's tidy tables: a corpus of articles as flat rows that pandas, R,
//! Spark or a spreadsheet read directly.
//!
//! This crate owns the row shapes shared by `slant batch` and the Python
//! package, so that both give the same rows for the same article. It reads
//! the engine's JSON report (the one `slant analyze --format json` prints)
//! and never recomputes a score; it does no I/O (but reading the model file),
//! no threading and keeps no state between articles.
//!
//! Four tables, each row led by the same article columns ([`ARTICLE_COLUMNS`]):
//!
//! - `cells`: one row per (paragraph, actor) with a mention;
//! - `actors`: one row per actor of the article;
//! - `evidence`: one row per evidence item of a cell;
//! - `relations`: one row per who-says-what-about-whom relation.
//!
//! With precise mode (a [`slant_model::Model`] given to [`analyze_record`]),
//! the cells table gains [`PRECISE_COLUMNS`]: the model's score, label and
//! disagreement with the lexicon for every cell, from
//! [`slant_model::precise::Precise`] (the `precise.cells` of `slant analyze
//! --precise --format json`). Without it the tables are unchanged.
//!
//! The one I/O here is [`load_model`], reading the model file, shared by the
//! CLI and the Python package so that both find and report it the same way.
//!
//! Every value is flat: null, a number or a string. Lists (an evidence
//! item's rules) and the article's unknown fields (`extra`) are compact JSON
//! strings, so that CSV and Parquet hold them as they are.
//!
//! ```
//! let article = slant_tables::Article::from_text(1, "Russia attacked Ukraine.");
//! let report = slant_core::analyze(&article.text, &slant_core::Config::default());
//! let rows = slant_tables::rows(&report, &article, "slant test", None);
//! assert_eq!(rows.actors.len(), 2);
//! let table = slant_tables::Table::Cells;
//! assert_eq!(rows.get(table)[0].len(), table.columns().len());
//! ```

mod actors_file;
mod model_file;

pub use actors_file::{parse_actors, parse_actors_json};
pub use model_file::{MODEL_PATH, find_model, load_model};
use serde_json::{Map, Value};
use slant_core::{Config, Report};
use slant_model::Model;
use slant_model::precise::Precise;

/// The engine version and a short hash of the data it bundles, as
/// `slant 0.1.0+data.0123456789ab`: what every output names (the app's
/// links and exports too) so that a figure can be traced to its engine.
pub use slant_share::provenance;

/// [`provenance`], with the model's hash when precise mode is on:
/// `slant 0.1.0+data.0123456789ab+model.0123456789ab`.
pub fn provenance_with(model: Option<&slant_model::Model>) -> String {
    match model {
        Some(m) => format!("{}+model.{}", provenance(), m.hash()),
        None => provenance(),
    }
}

/// The columns every row starts with: the engine (`slant_version`), the
/// article's 1-based number in its input (the line number in `slant
/// batch`), then the article's own fields.
///
/// The input's `label` (an outlet's label) is written as `article_label`,
/// as the tables' `label` is a stance label. Input fields other than `text`
/// and these go, as a compact JSON object, into `extra`.
pub const ARTICLE_COLUMNS: [&str; 8] = [
    "slant_version",
    "article",
    "id",
    "outlet",
    "article_label",
    "date",
    "url",
    "extra",
];

/// The input fields carried into their own columns, in column order, with
/// the column each goes to.
const CARRIED: [(&str, &str); 5] = [
    ("id", "id"),
    ("outlet", "outlet"),
    ("label", "article_label"),
    ("date", "date"),
    ("url", "url"),
];

/// The columns the cells table gains in precise mode, after its own: the
/// model's score (`p_pos - p_neg`) and label (`positive`, `neutral`,
/// `negative`; both null when the model scored no mention of the cell), and
/// whether that label differs from the lexicon's.
pub const PRECISE_COLUMNS: [&str; 3] = ["model_score", "model_label", "disagree"];

/// One of the four tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Table {
    Cells,
    Actors,
    Evidence,
    Relations,
}

impl Table {
    /// Every table, in the order files and dictionaries list them.
    pub const ALL: [Table; 4] = [Table::Cells, Table::Actors, Table::Evidence, Table::Relations];

    pub fn name(self) -> &'static str {
        match self {
            Table::Cells => "cells",
            Table::Actors => "actors",
            Table::Evidence => "evidence",
            Table::Relations => "relations",
        }
    }

    pub fn parse(name: &str) -> Option<Table> {
        Table::ALL.into_iter().find(|t| t.name() == name)
    }

    /// The table's own columns, after [`ARTICLE_COLUMNS`]. Paragraphs are
    /// 0-based and spans are byte offsets into the article's text, as in the
    /// JSON report.
    pub fn own_columns(self) -> &'static [&'static str] {
        match self {
            Table::Cells => &[
                "paragraph",
                "actor",
                "actor_name",
                "score",
                "label",
                "mentions",
                "positive",
                "negative",
                "evidence",
            ],
            Table::Actors => &[
                "actor", "name", "kind", "origin", "score", "label", "positive", "negative", "evidence", "mentions",
            ],
            Table::Evidence => &[
                "paragraph",
                "actor",
                "rank",
                "text",
                "start",
                "end",
                "mention",
                "mention_start",
                "mention_end",
                "cause",
                "source",
                "base",
                "weight",
                "rules",
            ],
            Table::Relations => &[
                "paragraph",
                "speaker",
                "target",
                "kind",
                "start",
                "end",
                "text",
                "score",
                "label",
                "evidence",
            ],
        }
    }

    /// All the table's columns: [`ARTICLE_COLUMNS`] then [`Table::own_columns`].
    pub fn columns(self) -> Vec<&'static str> {
        ARTICLE_COLUMNS.iter().chain(self.own_columns()).copied().collect()
    }

    /// The table's columns with precise mode on or off: in precise mode the
    /// cells table ends with [`PRECISE_COLUMNS`]; the others never change.
    pub fn columns_for(self, precise: bool) -> Vec<&'static str> {
        let mut columns = self.columns();
        if precise && self == Table::Cells {
            columns.extend(PRECISE_COLUMNS);
        }
        columns
    }
}

/// An article of a corpus: its text and the fields carried into its rows.
#[derive(Clone, Debug, PartialEq)]
pub struct Article {
    /// The 1-based number of the article in its input.
    pub number: u64,
    pub text: String,
    /// The values of the carried columns `id` .. `url`, in [`CARRIED`] order.
    carried: [Value; 5],
    /// Other fields, as compact JSON (`null` when there are none).
    extra: Value,
}

/// Why a record is not an article.
#[derive(Clone, Debug, PartialEq)]
pub struct Skip {
    /// The record's `id`, when it has one.
    pub id: Option<String>,
    /// What is wrong, as a sentence.
    pub reason: String,
}

impl Article {
    /// An article with a text and no other fields.
    pub fn from_text(number: u64, text: &str) -> Article {
        Article {
            number,
            text: text.to_string(),
            carried: Default::default(),
            extra: Value::Null,
        }
    }

    /// An article from one JSON line: an object with a string `text`.
    pub fn from_json_line(number: u64, line: &str) -> Result<Article, Skip> {
        match serde_json::from_str::<Value>(line) {
            Ok(Value::Object(map)) => Article::from_record(number, map),
            Ok(_) => Err(Skip {
                id: None,
                reason: "the line is JSON but not an object".into(),
            }),
            Err(e) => Err(Skip {
                id: None,
                reason: format!("the line is not valid JSON ({e})"),
            }),
        }
    }

    /// An article from a record's fields: `text` (a string) is required.
    pub fn from_record(number: u64, mut map: Map<String, Value>) -> Result<Article, Skip> {
        let id = map.get("id").map(scalar_text);
        let text = match map.remove("text") {
            Some(Value::String(text)) => text,
            Some(Value::Null) | None => {
                return Err(Skip {
                    id,
                    reason: "the record has no `text`".into(),
                });
            }
            Some(_) => {
                return Err(Skip {
                    id,
                    reason: "the record's `text` is not a string".into(),
                });
            }
        };
        let carried = CARRIED.map(|(field, _)| map.remove(field).map_or(Value::Null, flat));
        let extra = if map.is_empty() {
            Value::Null
        } else {
            Value::String(Value::Object(map).to_string())
        };
        Ok(Article {
            number,
            text,
            carried,
            extra,
        })
    }

    /// The record's `id` as text, for messages.
    pub fn id(&self) -> Option<String> {
        match &self.carried[0] {
            Value::Null => None,
            v => Some(scalar_text(v)),
        }
    }

    /// The leading values of every row of this article.
    fn lead(&self, provenance: &str) -> Vec<Value> {
        let mut row = Vec::with_capacity(24);
        row.push(Value::String(provenance.to_string()));
        row.push(Value::from(self.number));
        row.extend(self.carried.iter().cloned());
        row.push(self.extra.clone());
        row
    }
}

/// A value as one flat field: scalars as they are, lists and objects as compact JSON.
fn flat(v: Value) -> Value {
    match v {
        Value::Array(_) | Value::Object(_) => Value::String(v.to_string()),
        v => v,
    }
}

/// A scalar as text: strings without quotes, anything else as JSON.
fn scalar_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        v => v.to_string(),
    }
}

/// One article's rows, table by table, each row in its table's column order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Rows {
    pub cells: Vec<Vec<Value>>,
    pub actors: Vec<Vec<Value>>,
    pub evidence: Vec<Vec<Value>>,
    pub relations: Vec<Vec<Value>>,
}

impl Rows {
    pub fn get(&self, table: Table) -> &[Vec<Value>] {
        match table {
            Table::Cells => &self.cells,
            Table::Actors => &self.actors,
            Table::Evidence => &self.evidence,
            Table::Relations => &self.relations,
        }
    }
}

/// The parts of the report's JSON form that rows hold; the rest is skipped
/// unread. Strings borrow from the JSON text when they have no escapes.
mod json {
    use std::borrow::Cow;

    use serde::Deserialize;
    use serde::de::IgnoredAny;
    use serde_json::value::RawValue;

    #[derive(Deserialize)]
    pub struct Report<'a> {
        #[serde(borrow)]
        pub actors: Vec<Actor<'a>>,
        #[serde(borrow)]
        pub cells: Vec<Cell<'a>>,
        #[serde(borrow)]
        pub relations: Vec<Relation<'a>>,
    }

    #[derive(Deserialize)]
    pub struct Actor<'a> {
        #[serde(borrow)]
        pub id: Cow<'a, str>,
        #[serde(borrow)]
        pub name: Cow<'a, str>,
        #[serde(borrow)]
        pub kind: Cow<'a, str>,
        #[serde(borrow)]
        pub origin: Cow<'a, str>,
        pub score: f64,
        #[serde(borrow)]
        pub label: Cow<'a, str>,
        pub positive: f64,
        pub negative: f64,
        pub evidence: u64,
        pub mentions: Vec<IgnoredAny>,
    }

    #[derive(Deserialize)]
    pub struct Cell<'a> {
        pub paragraph: u64,
        #[serde(borrow)]
        pub actor: Cow<'a, str>,
        pub score: f64,
        #[serde(borrow)]
        pub label: Cow<'a, str>,
        pub mentions: u64,
        pub positive: f64,
        pub negative: f64,
        #[serde(borrow)]
        pub evidence: Vec<Evidence<'a>>,
    }

    #[derive(Deserialize)]
    pub struct Evidence<'a> {
        #[serde(borrow)]
        pub text: Cow<'a, str>,
        pub start: u64,
        pub end: u64,
        #[serde(borrow)]
        pub mention: Cow<'a, str>,
        pub mention_start: u64,
        pub mention_end: u64,
        #[serde(borrow)]
        pub cause: Cow<'a, str>,
        #[serde(borrow)]
        pub source: Cow<'a, str>,
        pub base: f64,
        pub weight: f64,
        #[serde(borrow)]
        pub rules: &'a RawValue,
    }

    #[derive(Deserialize)]
    pub struct Relation<'a> {
        #[serde(borrow)]
        pub speaker: Cow<'a, str>,
        #[serde(borrow)]
        pub target: Cow<'a, str>,
        pub paragraph: u64,
        #[serde(borrow)]
        pub kind: Cow<'a, str>,
        pub start: u64,
        pub end: u64,
        #[serde(borrow)]
        pub text: Cow<'a, str>,
        pub score: f64,
        #[serde(borrow)]
        pub label: Cow<'a, str>,
        pub evidence: u64,
    }
}

/// The JSON report of `slant analyze --format json`: the report's own
/// fields, then `precise` when given. Written directly (not through
/// `serde_json::Value`), so scores keep their short f32 form.
pub fn report_json(report: &Report, precise: Option<&Precise>, pretty: bool) -> Result<String, String> {
    #[derive(serde::Serialize)]
    struct Out<'a> {
        #[serde(flatten)]
        report: &'a Report,
        #[serde(skip_serializing_if = "Option::is_none")]
        precise: Option<&'a Precise>,
    }
    let out = Out { report, precise };
    let json = if pretty {
        serde_json::to_string_pretty(&out)
    } else {
        serde_json::to_string(&out)
    };
    json.map_err(|e| format!("cannot serialise the report: {e}"))
}

/// The model columns of each cell, in [`PRECISE_COLUMNS`] order, read from
/// the verdicts' JSON form (so scores are the short numbers that
/// `slant analyze --precise --format json` prints).
fn precise_values(precise: &Precise) -> Vec<[Value; 3]> {
    #[derive(serde::Deserialize)]
    struct Cell {
        score: Option<f64>,
        label: Option<String>,
        disagree: bool,
    }
    #[derive(serde::Deserialize)]
    struct Verdicts {
        cells: Vec<Cell>,
    }
    let text = serde_json::to_string(precise).unwrap_or_default();
    let Ok(verdicts) = serde_json::from_str::<Verdicts>(&text) else {
        return Vec::new();
    };
    verdicts
        .cells
        .into_iter()
        .map(|c| {
            [
                c.score.map_or(Value::Null, Value::from),
                c.label.map_or(Value::Null, Value::String),
                Value::Bool(c.disagree),
            ]
        })
        .collect()
}

/// The rows of one article's report, `provenance` in every row; with the
/// model's verdicts on the report (`precise`), each cells row ends with
/// [`PRECISE_COLUMNS`].
///
/// The values are read from the report's JSON form, so they are exactly
/// what `slant analyze --format json` prints for the same text and config
/// (an evidence item's `rules` is its JSON list, compact).
pub fn rows(report: &Report, article: &Article, provenance: &str, precise: Option<&Precise>) -> Rows {
    // Through the JSON text, not the structs: the JSON form is the stable
    // public shape (words beside spans, rules with their triggers).
    let text = serde_json::to_string(report).unwrap_or_default();
    let Ok(json) = serde_json::from_str::<json::Report>(&text) else {
        return Rows::default();
    };
    let lead = article.lead(provenance);
    let s = |c: &std::borrow::Cow<str>| Value::String(c.to_string());
    let f = |x: f64| Value::from(x);
    let n = |x: u64| Value::from(x);
    let row = |values: &[Value]| {
        let mut row = Vec::with_capacity(lead.len() + values.len());
        row.extend_from_slice(&lead);
        row.extend_from_slice(values);
        row
    };
    let name_of = |id: &str| {
        json.actors
            .iter()
            .find(|a| a.id == id)
            .map_or(Value::Null, |a| s(&a.name))
    };

    let model = precise.map(precise_values);
    let mut out = Rows::default();
    for a in &json.actors {
        out.actors.push(row(&[
            s(&a.id),
            s(&a.name),
            s(&a.kind),
            s(&a.origin),
            f(a.score),
            s(&a.label),
            f(a.positive),
            f(a.negative),
            n(a.evidence),
            Value::from(a.mentions.len()),
        ]));
    }
    for (ci, c) in json.cells.iter().enumerate() {
        let mut cell = row(&[
            n(c.paragraph),
            s(&c.actor),
            name_of(&c.actor),
            f(c.score),
            s(&c.label),
            n(c.mentions),
            f(c.positive),
            f(c.negative),
            Value::from(c.evidence.len()),
        ]);
        if let Some(model) = &model {
            // One verdict per cell, in the report's order; a missing one (never made) is null.
            let values = model
                .get(ci)
                .cloned()
                .unwrap_or([Value::Null, Value::Null, Value::Null]);
            cell.extend(values);
        }
        out.cells.push(cell);
        for (rank, e) in c.evidence.iter().enumerate() {
            out.evidence.push(row(&[
                n(c.paragraph),
                s(&c.actor),
                Value::from(rank),
                s(&e.text),
                n(e.start),
                n(e.end),
                s(&e.mention),
                n(e.mention_start),
                n(e.mention_end),
                s(&e.cause),
                s(&e.source),
                f(e.base),
                f(e.weight),
                Value::String(e.rules.get().to_string()),
            ]));
        }
    }
    for r in &json.relations {
        out.relations.push(row(&[
            n(r.paragraph),
            s(&r.speaker),
            s(&r.target),
            s(&r.kind),
            n(r.start),
            n(r.end),
            s(&r.text),
            f(r.score),
            s(&r.label),
            n(r.evidence),
        ]));
    }
    out
}

/// Analyses one record (a JSON object with a `text`) into its rows, or
/// says why it is skipped: not a JSON object, no `text`, or a text longer
/// than `max_bytes` (the article is left out rather than cut). With a
/// `model`, the cells rows carry the model's verdicts ([`PRECISE_COLUMNS`]).
pub fn analyze_record(
    number: u64,
    line: &str,
    config: &Config,
    max_bytes: usize,
    provenance: &str,
    model: Option<&Model>,
) -> Result<Rows, Skip> {
    let article = Article::from_json_line(number, line)?;
    if article.text.len() > max_bytes {
        return Err(Skip {
            id: article.id(),
            reason: format!(
                "the text is {} bytes, over the size cap of {max_bytes}",
                article.text.len()
            ),
        });
    }
    let report = slant_core::analyze(&article.text, config);
    let verdicts = model.map(|m| slant_model::precise::analyze(m, &report, config));
    Ok(rows(&report, &article, provenance, verdicts.as_ref()))
}

/// Appends `row` as one JSON object line, keys in `columns` order. The
/// columns are this crate's own names (plain ASCII, nothing to escape).
pub fn push_jsonl(out: &mut String, columns: &[&str], row: &[Value]) {
    use std::fmt::Write;
    out.push('{');
    for (i, (column, value)) in columns.iter().zip(row).enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('"');
        out.push_str(column);
        out.push_str("\":");
        let _ = write!(out, "{value}");
    }
    out.push_str("}\n");
}

/// Appends the CSV header line of `columns` (CRLF line end, as the app's CSV).
pub fn push_csv_header(out: &mut String, columns: &[&str]) {
    out.push_str(&columns.join(","));
    out.push_str("\r\n");
}

/// Appends `row` as one CSV line, text escaped as the app's downloads escape
/// it (quoted when needed, formulas defused); null is an empty field.
pub fn push_csv(out: &mut String, row: &[Value]) {
    for (i, value) in row.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        match value {
            Value::Null => {}
            Value::String(s) => slant_share::push_csv_text(out, s),
            v => {
                use std::fmt::Write;
                let _ = write!(out, "{v}");
            }
        }
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use slant_core::Config;

    use super::*;

    fn article(line: &str) -> Article {
        Article::from_json_line(7, line).unwrap()
    }

    #[test]
    fn provenance_names_version_and_data() {
        let p = provenance();
        assert!(
            p.starts_with(&format!("slant {}+data.", env!("CARGO_PKG_VERSION"))),
            "{p}"
        );
        let hash = p.rsplit('.').next().unwrap();
        assert_eq!(hash.len(), 12);
        assert!(hash.chars().all(|c| c.is_ascii_hexdigit()), "{hash}");
    }

    #[test]
    fn records_carry_their_fields() {
        let a = article(r#"{"id": 3, "text": "Zoë spoke.", "label": "left", "outlet": "X", "topic": ["a"], "n": 1}"#);
        assert_eq!(a.text, "Zoë spoke.");
        assert_eq!(a.id().as_deref(), Some("3"));
        let lead = a.lead("p");
        assert_eq!(lead.len(), ARTICLE_COLUMNS.len());
        assert_eq!(lead[1], Value::from(7));
        assert_eq!(lead[2], Value::from(3));
        assert_eq!(lead[3], Value::from("X"));
        assert_eq!(lead[4], Value::from("left"));
        assert_eq!(lead[5], Value::Null);
        assert_eq!(lead[7], Value::from(r#"{"n":1,"topic":["a"]}"#));
    }

    #[test]
    fn bad_records_say_why() {
        let e = Article::from_json_line(1, "{\"id\": \"a\"}").unwrap_err();
        assert_eq!(e.id.as_deref(), Some("a"));
        assert!(e.reason.contains("no `text`"), "{}", e.reason);
        let e = Article::from_json_line(1, "{\"text\": 5}").unwrap_err();
        assert!(e.reason.contains("not a string"), "{}", e.reason);
        let e = Article::from_json_line(1, "[1]").unwrap_err();
        assert!(e.reason.contains("not an object"), "{}", e.reason);
        let e = Article::from_json_line(1, "{\"text\": ").unwrap_err();
        assert!(e.reason.starts_with("the line is not valid JSON"), "{}", e.reason);
    }

    #[test]
    fn rows_follow_the_report() {
        let a = article(r#"{"id": "x", "text": "Russia attacked Ukraine.\n“We will win,” Zelensky said of Russia."}"#);
        let report = slant_core::analyze(&a.text, &Config::default());
        let rows = rows(&report, &a, "prov", None);
        for table in Table::ALL {
            for row in rows.get(table) {
                assert_eq!(row.len(), table.columns().len(), "{}", table.name());
                assert_eq!(row[0], Value::from("prov"));
                assert_eq!(row[2], Value::from("x"));
                assert!(row.iter().all(|v| !v.is_array() && !v.is_object()), "flat values");
            }
        }
        assert_eq!(rows.actors.len(), report.actors.len());
        assert_eq!(rows.cells.len(), report.cells.len());
        let n_evidence: usize = report.cells.iter().map(|c| c.evidence.len()).sum();
        assert_eq!(rows.evidence.len(), n_evidence);
        assert_eq!(rows.relations.len(), report.relations.len());
        let col = |t: Table, name: &str| t.columns().iter().position(|c| *c == name).unwrap();
        for (row, cell) in rows.cells.iter().zip(&report.cells) {
            assert_eq!(
                row[col(Table::Cells, "actor")],
                Value::from(report.actors[cell.actor].id.clone())
            );
            assert_eq!(row[col(Table::Cells, "score")].as_f64().unwrap() as f32, cell.score);
            assert_eq!(row[col(Table::Cells, "evidence")], Value::from(cell.evidence.len()));
        }
        let first = &rows.evidence[0];
        let e = &report.cells[0].evidence[0];
        assert_eq!(first[col(Table::Evidence, "text")], Value::from(report.slice(e.words)));
        assert!(first[col(Table::Evidence, "rules")].as_str().unwrap().starts_with('['));
    }

    #[test]
    fn numbers_keep_their_short_form() {
        let a = Article::from_text(1, "Britain warmly praised brave Ukraine.");
        let report = slant_core::analyze(&a.text, &Config::default());
        let rows = rows(&report, &a, "p", None);
        let mut line = String::new();
        push_jsonl(&mut line, &Table::Actors.columns(), &rows.actors[0]);
        let score = report.actors[0].score;
        assert!(line.contains(&format!("\"score\":{score}")), "{line}");
    }

    #[test]
    fn csv_quotes_and_defuses() {
        let mut out = String::new();
        push_csv(
            &mut out,
            &[
                Value::from("a,b"),
                Value::Null,
                Value::from(-0.5),
                Value::from("=1+1"),
                Value::from("é\""),
            ],
        );
        assert_eq!(out, "\"a,b\",,-0.5,'=1+1,\"é\"\"\"\r\n");
    }

    #[test]
    fn jsonl_keeps_column_order() {
        let mut out = String::new();
        push_jsonl(&mut out, &["b", "a"], &[Value::from(1), Value::from("é")]);
        assert_eq!(out, "{\"b\":1,\"a\":\"é\"}\n");
    }
}
