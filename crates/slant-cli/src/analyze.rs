//! `slant analyze`: the report as a readable table or as JSON.

use std::fmt::Write;

use lexopt::prelude::*;
use slant_core::{ActorEdits, Config, Report};

use crate::Failure;
use crate::input::read_text;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Text,
    Json,
}

pub fn run(parser: &mut lexopt::Parser) -> Result<String, Failure> {
    let mut file: Option<String> = None;
    let mut actors: Option<String> = None;
    let mut format = Format::Text;
    while let Some(arg) = parser.next()? {
        match arg {
            Value(v) if file.is_none() => file = Some(v.string()?),
            Long("actors") => actors = Some(parser.value()?.string()?),
            Long("format") => {
                format = match parser.value()?.string()?.as_str() {
                    "text" => Format::Text,
                    "json" => Format::Json,
                    other => return Err(Failure::new(format!("unknown format `{other}`: use text or json"))),
                }
            }
            other => return Err(other.unexpected().into()),
        }
    }
    let file = file.unwrap_or_else(|| "-".to_string());
    let text = read_text(&file)?;
    let mut config = Config::default();
    if let Some(path) = actors {
        config.actors = read_actors(&path)?;
    }
    let report = slant_core::analyze(&text, &config);
    Ok(match format {
        Format::Json => {
            let mut out = serde_json::to_string_pretty(&report)
                .map_err(|e| Failure::new(format!("cannot serialise the report: {e}")))?;
            out.push('\n');
            out
        }
        Format::Text => render(&report),
    })
}

pub use slant_tables::parse_actors;

pub fn read_actors(path: &str) -> Result<ActorEdits, Failure> {
    let text = read_text(path)?;
    parse_actors(&text).map_err(|e| Failure::new(format!("{path}: {e}")))
}

/// The first `n` characters of `s`, with an ellipsis when cut.
fn preview(s: &str, n: usize) -> String {
    let flat: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    match flat.char_indices().nth(n) {
        Some((cut, _)) => format!("{}…", &flat[..cut]),
        None => flat,
    }
}

/// The readable table.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    let s = &report.stats;
    let _ = writeln!(
        out,
        "{} paragraphs, {} sentences, {} words, {} actors",
        s.paragraphs,
        s.sentences,
        s.words,
        report.actors.len()
    );
    if s.truncated {
        let _ = writeln!(
            out,
            "note: the text is {} bytes; only the first {} were analysed",
            s.bytes, s.analysed_bytes
        );
    }
    if report.actors.is_empty() {
        return out;
    }
    let name_width = report
        .actors
        .iter()
        .map(|a| a.name.chars().count())
        .max()
        .unwrap_or(4)
        .clamp(4, 36);
    let _ = writeln!(out, "\nActors, most mentioned first");
    let _ = writeln!(
        out,
        "  {:<name_width$}  {:<12}  {:>8}  {:>6}  {:<8}  {:>8}  {:>8}",
        "name", "kind", "mentions", "score", "label", "positive", "negative"
    );
    for a in &report.actors {
        let _ = writeln!(
            out,
            "  {:<name_width$}  {:<12}  {:>8}  {:>+6.2}  {:<8}  {:>8.2}  {:>8.2}",
            preview(&a.name, name_width),
            a.kind.as_str(),
            a.mentions.len(),
            a.score,
            a.label.as_str(),
            a.positive,
            a.negative
        );
    }
    let _ = writeln!(out, "\nParagraphs");
    for p in &report.paragraphs {
        let _ = writeln!(out, "P{:<3} {}", p.index + 1, preview(&report.text[p.start..p.end], 72));
        for cell in report.cells.iter().filter(|c| c.paragraph == p.index) {
            let name = &report.actors[cell.actor].name;
            let top: Vec<String> = cell
                .evidence
                .iter()
                .take(3)
                .map(|e| format!("{} {:+.2}", report.slice(e.words), e.weight))
                .collect();
            let _ = writeln!(
                out,
                "     {:<name_width$}  {:>+6.2}  {:<8}  {}",
                preview(name, name_width),
                cell.score,
                cell.label.as_str(),
                top.join(", ")
            );
        }
    }
    if !report.relations.is_empty() {
        let _ = writeln!(out, "\nWho says what about whom");
        for r in &report.relations {
            let _ = writeln!(
                out,
                "  P{:<3} {} -> {}  {:+.2} {} ({}: {})",
                r.paragraph + 1,
                report.actors[r.speaker].name,
                report.actors[r.target].name,
                r.score,
                r.label.as_str(),
                r.kind.as_str(),
                preview(report.slice(r.span), 60)
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use slant_core::ActorKind;

    use super::*;

    #[test]
    fn actors_file_adds_and_edits() {
        let edits = parse_actors(
            r#"
remove = ["bbc"]
merge = [["kyiv", "ukraine"]]

[[actor]]
name = "Wagner Group"
kind = "organisation"
aliases = ["Wagner"]
"#,
        )
        .unwrap();
        assert_eq!(edits.add.len(), 1);
        assert_eq!(edits.add[0].kind, ActorKind::Organisation);
        assert_eq!(edits.add[0].aliases, ["Wagner"]);
        assert_eq!(edits.remove, ["bbc"]);
        assert_eq!(edits.merge, [("kyiv".to_string(), "ukraine".to_string())]);
    }

    #[test]
    fn actors_file_errors_are_clear() {
        let err = parse_actors("[[actor]]\nname = \"X\"\nkind = \"planet\"\n").unwrap_err();
        assert!(err.contains("unknown kind `planet`"), "{err}");
        let err = parse_actors("[[actor]]\nnme = \"X\"\n").unwrap_err();
        assert!(err.contains("nme"), "{err}");
    }

    #[test]
    fn text_report_lists_actors_and_cells() {
        let text = "Russia attacked Ukraine.\nBritain praised Ukraine.";
        let report = slant_core::analyze(text, &Config::default());
        let out = render(&report);
        assert!(out.starts_with("2 paragraphs, 2 sentences"), "{out}");
        assert!(out.contains("Ukraine"), "{out}");
        assert!(out.contains("P1   Russia attacked Ukraine."), "{out}");
    }

    #[test]
    fn preview_cuts_on_chars() {
        assert_eq!(preview("Élysée  Palace", 6), "Élysée…");
        assert_eq!(preview("short", 10), "short");
    }
}
