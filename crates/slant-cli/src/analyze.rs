//! `slant analyze`: the report as a readable table or as JSON.
//!
//! `--precise` adds the model's verdicts (`slant_model::precise`, the app's path): a model
//! score, label and disagreement mark beside each cell, and a `precise` field in the JSON.

use std::fmt::Write;

use lexopt::prelude::*;
use slant_core::{ActorEdits, Config, Report};
use slant_model::precise::{self, Precise};

use crate::Failure;
use crate::input::{load_model, read_text};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Text,
    Json,
}

pub fn run(parser: &mut lexopt::Parser) -> Result<String, Failure> {
    let mut file: Option<String> = None;
    let mut actors: Option<String> = None;
    let mut format = Format::Text;
    let mut precise_mode = false;
    let mut model_path: Option<String> = None;
    while let Some(arg) = parser.next()? {
        match arg {
            Value(v) if file.is_none() => file = Some(v.string()?),
            Long("actors") => actors = Some(parser.value()?.string()?),
            Long("precise") => precise_mode = true,
            Long("model") => model_path = Some(parser.value()?.string()?),
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
    if model_path.is_some() && !precise_mode {
        return Err(Failure::new("--model is for precise mode: add --precise"));
    }
    let model = if precise_mode {
        Some(load_model(model_path.as_deref())?)
    } else {
        None
    };
    let file = file.unwrap_or_else(|| "-".to_string());
    let text = read_text(&file)?;
    let mut config = Config::default();
    if let Some(path) = actors {
        config.actors = read_actors(&path)?;
    }
    let report = slant_core::analyze(&text, &config);
    let verdicts = model.map(|m| precise::analyze(&m, &report, &config));
    Ok(match format {
        Format::Json => {
            let mut out = slant_tables::report_json(&report, verdicts.as_ref(), true).map_err(Failure::new)?;
            out.push('\n');
            out
        }
        Format::Text => render(&report, verdicts.as_ref()),
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

/// The readable table; with precise verdicts, each cell also shows the model's score and
/// label, `!` marks a disagreement with the lexicon, and a summary lists those cells.
pub fn render(report: &Report, precise: Option<&Precise>) -> String {
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
        for (ci, cell) in report.cells.iter().enumerate().filter(|(_, c)| c.paragraph == p.index) {
            let name = &report.actors[cell.actor].name;
            let model = precise
                .and_then(|v| v.cells.get(ci))
                .map(|pc| match (pc.score, pc.label) {
                    (Some(score), Some(label)) => format!(
                        "  model {score:>+6.2} {:<8}{}",
                        label.as_str(),
                        if pc.disagree { " !" } else { "  " }
                    ),
                    _ => format!("  model {:>6} {:<8}  ", "-", "-"),
                });
            let top: Vec<String> = cell
                .evidence
                .iter()
                .take(3)
                .map(|e| format!("{} {:+.2}", report.slice(e.words), e.weight))
                .collect();
            let _ = writeln!(
                out,
                "     {:<name_width$}  {:>+6.2}  {:<8}{}  {}",
                preview(name, name_width),
                cell.score,
                cell.label.as_str(),
                model.unwrap_or_default(),
                top.join(", ")
            );
        }
    }
    if let Some(v) = precise {
        let _ = writeln!(
            out,
            "\nPrecise mode: the model disagrees with the lexicon on {} of {} cells",
            v.disagreements.len(),
            v.cells.iter().filter(|c| c.score.is_some()).count()
        );
        for &ci in &v.disagreements {
            let (cell, pc) = (&report.cells[ci], &v.cells[ci]);
            let _ = writeln!(
                out,
                "  P{:<3} {}: lexicon {}, model {} ({:+.2})",
                cell.paragraph + 1,
                report.actors[cell.actor].name,
                pc.lexicon_label.as_str(),
                pc.label.map_or("-", |l| l.as_str()),
                pc.score.unwrap_or(0.0)
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
        let out = render(&report, None);
        assert!(out.starts_with("2 paragraphs, 2 sentences"), "{out}");
        assert!(out.contains("Ukraine"), "{out}");
        assert!(out.contains("P1   Russia attacked Ukraine."), "{out}");
    }

    #[test]
    fn precise_mode_adds_model_columns_and_a_summary() {
        let dir = std::env::temp_dir().join(format!("slant-precise-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("article.txt");
        std::fs::write(
            &file,
            "Russia attacked Ukraine.\n\nBritain praised Ukraine's brave defenders.",
        )
        .unwrap();
        let args: Vec<std::ffi::OsString> = vec![file.clone().into(), "--precise".into()];
        let out = run(&mut lexopt::Parser::from_args(args)).unwrap();
        assert!(out.contains("model "), "{out}");
        assert!(
            out.contains("Precise mode: the model disagrees with the lexicon on"),
            "{out}"
        );
        let args: Vec<std::ffi::OsString> = vec![file.into(), "--precise".into(), "--format".into(), "json".into()];
        let json: serde_json::Value =
            serde_json::from_str(&run(&mut lexopt::Parser::from_args(args)).unwrap()).unwrap();
        let cells = json["precise"]["cells"].as_array().unwrap();
        assert_eq!(cells.len(), json["cells"].as_array().unwrap().len());
        assert_eq!(json["precise"]["complete"], true);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn model_without_precise_is_refused() {
        let args: Vec<std::ffi::OsString> = vec!["--model".into(), "x.bin".into()];
        let err = run(&mut lexopt::Parser::from_args(args)).unwrap_err();
        assert!(err.message.contains("add --precise"), "{}", err.message);
    }

    #[test]
    fn preview_cuts_on_chars() {
        assert_eq!(preview("Élysée  Palace", 6), "Élysée…");
        assert_eq!(preview("short", 10), "short");
    }
}
