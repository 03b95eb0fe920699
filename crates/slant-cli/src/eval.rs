//! `slant eval`: accuracy and F1 on NewsMTSC-format target sentiment.
//!
//! Each line holds `sentence_normalized` and `targets` with `from`/`to` in
//! characters (code points) and `polarity` 2.0 / 4.0 / 6.0 (negative,
//! neutral, positive). Every target is scored by `analyze_with_targets`, the
//! app's own path, with its span as the mention of an actor of its own; the
//! prediction is the three-way label of that mention's score.
//!
//! With `--precise` the same report goes through `slant_model::precise` (plan, run,
//! assemble: the app's path), restricted to the targets' own mentions; the prediction is the
//! model's label of the target's mention (its most probable class), and `score` is
//! `p_pos - p_neg`; `--predictions` then also writes `probs`, `[p_neg, p_neu, p_pos]`. A target
//! outside every sentence the engine found is neutral.
//!
//! A malformed line is reported with its number and skipped; the metrics
//! cover the rest, and the command then fails so the gap is not missed.

use std::fmt::Write;

use lexopt::prelude::*;
use serde::{Deserialize, Serialize};
use slant_core::{Config, Label, Span, Target, analyze_with_targets, label_of};
use slant_model::{Model, precise};

use crate::Failure;
use crate::input::{load_model, read_text};

const CLASSES: [Label; 3] = [Label::Negative, Label::Neutral, Label::Positive];

#[derive(Debug, Deserialize)]
struct Line {
    sentence_normalized: String,
    targets: Vec<TargetIn>,
}

#[derive(Debug, Deserialize)]
struct TargetIn {
    from: usize,
    to: usize,
    #[serde(default)]
    mention: String,
    polarity: f64,
}

/// One prediction, as `--predictions` writes it.
#[derive(Debug, Serialize, PartialEq)]
pub struct Prediction {
    pub line: usize,
    pub target: usize,
    pub mention: String,
    pub gold: &'static str,
    pub predicted: &'static str,
    pub score: f32,
    /// The model's `[p_neg, p_neu, p_pos]`, with `--precise` only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub probs: Option<[f32; 3]>,
}

/// The metrics of a run.
#[derive(Debug, Default, Serialize, PartialEq)]
pub struct Metrics {
    pub targets: usize,
    pub accuracy: f64,
    pub macro_f1: f64,
    pub f1: [f64; 3],
    pub precision: [f64; 3],
    pub recall: [f64; 3],
    /// `confusion[gold][predicted]` over negative, neutral, positive.
    pub confusion: [[usize; 3]; 3],
}

fn class_index(label: Label) -> usize {
    match label {
        Label::Negative => 0,
        Label::Neutral | Label::Mixed => 1,
        Label::Positive => 2,
    }
}

fn gold_label(polarity: f64) -> Option<Label> {
    match polarity {
        p if (p - 2.0).abs() < 1e-9 => Some(Label::Negative),
        p if (p - 4.0).abs() < 1e-9 => Some(Label::Neutral),
        p if (p - 6.0).abs() < 1e-9 => Some(Label::Positive),
        _ => None,
    }
}

/// Accuracy, per-class precision/recall/F1 and macro F1 from a confusion matrix.
pub fn metrics(confusion: [[usize; 3]; 3]) -> Metrics {
    let total: usize = confusion.iter().flatten().sum();
    let correct: usize = (0..3).map(|i| confusion[i][i]).sum();
    let mut m = Metrics {
        targets: total,
        confusion,
        ..Metrics::default()
    };
    for (c, row) in confusion.iter().enumerate() {
        let tp = row[c] as f64;
        let predicted: usize = confusion.iter().map(|g| g[c]).sum();
        let gold: usize = row.iter().sum();
        m.precision[c] = if predicted == 0 { 0.0 } else { tp / predicted as f64 };
        m.recall[c] = if gold == 0 { 0.0 } else { tp / gold as f64 };
        let (p, r) = (m.precision[c], m.recall[c]);
        m.f1[c] = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
    }
    m.accuracy = if total == 0 { 0.0 } else { correct as f64 / total as f64 };
    m.macro_f1 = m.f1.iter().sum::<f64>() / 3.0;
    m
}

/// Byte offset of code point `n` in `s`, if `n` is within it (n == count is the end).
fn byte_offset(s: &str, n: usize) -> Option<usize> {
    s.char_indices().map(|(b, _)| b).chain(std::iter::once(s.len())).nth(n)
}

/// Scores every target of a JSONL text. Returns predictions and the errors of
/// malformed lines. When `explain` is given, appends each target's sentence,
/// gold and predicted labels and evidence to it, for error analysis.
pub fn evaluate(
    jsonl: &str,
    config: &Config,
    model: Option<&Model>,
    mut explain: Option<&mut String>,
) -> (Vec<Prediction>, Vec<String>) {
    let mut predictions = Vec::new();
    let mut errors = Vec::new();
    for (n, raw) in jsonl.lines().enumerate() {
        let line_no = n + 1;
        if raw.trim().is_empty() {
            continue;
        }
        let line: Line = match serde_json::from_str(raw) {
            Ok(l) => l,
            Err(e) => {
                errors.push(format!("line {line_no}: {e}"));
                continue;
            }
        };
        let text = &line.sentence_normalized;
        let mut targets: Vec<Target> = Vec::new();
        let mut wanted: Vec<(usize, Label, String)> = Vec::new();
        let mut bad = None;
        for (t_index, t) in line.targets.iter().enumerate() {
            let (Some(start), Some(end)) = (byte_offset(text, t.from), byte_offset(text, t.to)) else {
                bad = Some(format!(
                    "line {line_no}: target {t_index} runs past the sentence ({}..{})",
                    t.from, t.to
                ));
                break;
            };
            let Some(gold) = gold_label(t.polarity) else {
                bad = Some(format!(
                    "line {line_no}: target {t_index} has polarity {} (expected 2, 4 or 6)",
                    t.polarity
                ));
                break;
            };
            if start >= end {
                bad = Some(format!(
                    "line {line_no}: target {t_index} is empty ({}..{})",
                    t.from, t.to
                ));
                break;
            }
            let span = Span::new(start, end);
            // Targets with the same span share one actor.
            let index = match targets.iter().position(|x| x.span == span) {
                Some(i) => i,
                None => {
                    targets.push(Target {
                        name: t.mention.clone(),
                        span,
                    });
                    targets.len() - 1
                }
            };
            wanted.push((index, gold, t.mention.clone()));
        }
        if let Some(e) = bad {
            errors.push(e);
            continue;
        }
        let report = analyze_with_targets(text, config, &targets);
        let verdicts = model.map(|m| precise_targets(m, &report, config, &targets));
        for (t_index, (index, gold, mention)) in wanted.into_iter().enumerate() {
            let id = format!("target-{index}");
            let span = targets[index].span;
            let (score, predicted, probs) = match &verdicts {
                Some(v) => report
                    .actor_index(&id)
                    .and_then(|a| {
                        v.sentences
                            .iter()
                            .flat_map(|s| &s.targets)
                            .find(|t| t.actor == a && t.span == span)
                    })
                    .map_or((0.0, Label::Neutral, None), |t| (t.score, t.label, Some(t.probs))),
                None => {
                    let score = report
                        .actor(&id)
                        .and_then(|a| a.mentions.iter().find(|m| m.span == span))
                        .map_or(0.0, |m| m.score);
                    (score, label_of(score, config), None)
                }
            };
            let predicted = predicted.as_str();
            if let Some(out) = explain.as_deref_mut() {
                let _ = writeln!(
                    out,
                    "line {line_no} target {t_index} [{mention}] gold {} predicted {predicted} score {score:+.3}",
                    gold.as_str()
                );
                let _ = writeln!(out, "  {text}");
                if let Some(a) = report.actor_index(&id) {
                    for cell in report.cells.iter().filter(|c| c.actor == a) {
                        for e in &cell.evidence {
                            let rules: Vec<&str> = e.rules.iter().map(|r| r.name()).collect();
                            let _ = writeln!(
                                out,
                                "  {:+.3} {} [{}]",
                                e.weight,
                                report.slice(e.words),
                                rules.join(", ")
                            );
                        }
                    }
                }
            }
            predictions.push(Prediction {
                line: line_no,
                target: t_index,
                mention,
                gold: gold.as_str(),
                predicted,
                score,
                probs,
            });
        }
    }
    (predictions, errors)
}

/// The precise verdicts of a report, planned only for the targets' own spans.
fn precise_targets(
    model: &Model,
    report: &slant_core::Report,
    config: &Config,
    targets: &[Target],
) -> precise::Precise {
    let mut jobs = precise::plan(report);
    for job in &mut jobs {
        job.targets.retain(|t| targets.iter().any(|x| x.span == *t));
    }
    jobs.retain(|j| !j.targets.is_empty());
    let results: Vec<precise::JobResult> = jobs.iter().map(|j| precise::run(model, &report.text, j)).collect();
    precise::assemble(report, config, &results)
}

fn label_from_str(s: &str) -> Label {
    match s {
        "negative" => Label::Negative,
        "positive" => Label::Positive,
        _ => Label::Neutral,
    }
}

/// The confusion matrix of a set of predictions.
pub fn confusion(predictions: &[Prediction]) -> [[usize; 3]; 3] {
    let mut c = [[0usize; 3]; 3];
    for p in predictions {
        c[class_index(label_from_str(p.gold))][class_index(label_from_str(p.predicted))] += 1;
    }
    c
}

/// Applies `name=value` to a config through its serialised form.
pub fn set(config: &mut Config, assignment: &str) -> Result<(), String> {
    let (name, value) = assignment
        .split_once('=')
        .ok_or_else(|| format!("--set needs name=value, got `{assignment}`"))?;
    let mut json = serde_json::to_value(&*config).map_err(|e| e.to_string())?;
    let field = json
        .get_mut(name.trim())
        .ok_or_else(|| format!("no config setting `{}`", name.trim()))?;
    *field = serde_json::from_str(value.trim()).map_err(|e| format!("bad value for {name}: {e}"))?;
    *config = serde_json::from_value(json).map_err(|e| format!("bad value for {name}: {e}"))?;
    Ok(())
}

pub fn run(parser: &mut lexopt::Parser) -> Result<String, Failure> {
    let mut file: Option<String> = None;
    let mut predictions_path: Option<String> = None;
    let mut explain = false;
    let mut precise_mode = false;
    let mut model_path: Option<String> = None;
    let mut config = Config::default();
    while let Some(arg) = parser.next()? {
        match arg {
            Value(v) if file.is_none() => file = Some(v.string()?),
            Long("predictions") => predictions_path = Some(parser.value()?.string()?),
            Long("explain") => explain = true,
            Long("set") => set(&mut config, &parser.value()?.string()?).map_err(Failure::new)?,
            Long("precise") => precise_mode = true,
            Long("model") => model_path = Some(parser.value()?.string()?),
            other => return Err(other.unexpected().into()),
        }
    }
    let file = file.ok_or_else(|| Failure::new("eval needs a JSONL file: slant eval FILE.jsonl"))?;
    if model_path.is_some() && !precise_mode {
        return Err(Failure::new("--model is for precise mode: add --precise"));
    }
    let jsonl = read_text(&file)?;
    let model = if precise_mode {
        Some(load_model(model_path.as_deref())?)
    } else {
        None
    };
    let mut explanation = String::new();
    let (predictions, errors) = evaluate(&jsonl, &config, model.as_ref(), explain.then_some(&mut explanation));
    if explain {
        eprint!("{explanation}");
    }
    if let Some(path) = predictions_path {
        let mut out = String::new();
        for p in &predictions {
            let line = serde_json::to_string(p).map_err(|e| Failure::new(e.to_string()))?;
            out.push_str(&line);
            out.push('\n');
        }
        std::fs::write(&path, out).map_err(|e| Failure::new(format!("cannot write {path}: {e}")))?;
    }
    let m = metrics(confusion(&predictions));
    let out = render(&file, &m, errors.len());
    if errors.is_empty() {
        Ok(out)
    } else {
        let shown: Vec<&str> = errors.iter().take(5).map(String::as_str).collect();
        let more = if errors.len() > 5 {
            format!(" (and {} more)", errors.len() - 5)
        } else {
            String::new()
        };
        Err(Failure {
            message: format!(
                "{file}: {} malformed line(s) skipped: {}{more}",
                errors.len(),
                shown.join("; ")
            ),
            output: out,
        })
    }
}

fn render(file: &str, m: &Metrics, skipped: usize) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{file}: {} targets, {skipped} malformed lines skipped", m.targets);
    let _ = writeln!(out, "accuracy {:.4}  macro F1 {:.4}", m.accuracy, m.macro_f1);
    let _ = writeln!(
        out,
        "{:<10} {:>9} {:>7} {:>7} {:>8}",
        "class", "precision", "recall", "F1", "support"
    );
    for (c, label) in CLASSES.iter().enumerate() {
        let support: usize = m.confusion[c].iter().sum();
        let _ = writeln!(
            out,
            "{:<10} {:>9.4} {:>7.4} {:>7.4} {:>8}",
            label.as_str(),
            m.precision[c],
            m.recall[c],
            m.f1[c],
            support
        );
    }
    let _ = writeln!(
        out,
        "confusion (rows: gold negative/neutral/positive; columns: predicted)"
    );
    for row in &m.confusion {
        let _ = writeln!(out, "  {:>6} {:>6} {:>6}", row[0], row[1], row[2]);
    }
    let summary = serde_json::json!({
        "file": file,
        "targets": m.targets,
        "accuracy": (m.accuracy * 10_000.0).round() / 10_000.0,
        "macro_f1": (m.macro_f1 * 10_000.0).round() / 10_000.0,
        "f1": {
            "negative": (m.f1[0] * 10_000.0).round() / 10_000.0,
            "neutral": (m.f1[1] * 10_000.0).round() / 10_000.0,
            "positive": (m.f1[2] * 10_000.0).round() / 10_000.0,
        },
        "skipped_lines": skipped,
    });
    let _ = writeln!(out, "{summary}");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metrics_of_a_known_confusion() {
        // Gold rows, predicted columns.
        let m = metrics([[2, 1, 0], [0, 3, 1], [0, 0, 3]]);
        assert_eq!(m.targets, 10);
        assert!((m.accuracy - 0.8).abs() < 1e-9);
        // Negative: P = 2/2, R = 2/3, F1 = 0.8.
        assert!((m.f1[0] - 0.8).abs() < 1e-9);
        // Neutral: P = 3/4, R = 3/4.
        assert!((m.f1[1] - 0.75).abs() < 1e-9);
        // Positive: P = 3/4, R = 1, F1 = 6/7.
        assert!((m.f1[2] - 6.0 / 7.0).abs() < 1e-9);
        assert!((m.macro_f1 - (0.8 + 0.75 + 6.0 / 7.0) / 3.0).abs() < 1e-9);
    }

    #[test]
    fn empty_input_has_zero_metrics() {
        let m = metrics([[0; 3]; 3]);
        assert_eq!((m.accuracy, m.macro_f1), (0.0, 0.0));
    }

    #[test]
    fn code_point_offsets_become_byte_offsets() {
        assert_eq!(byte_offset("é Trump", 2), Some(3));
        assert_eq!(byte_offset("é", 1), Some(2));
        assert_eq!(byte_offset("é", 2), None);
    }

    #[test]
    fn evaluates_targets_in_input_order() {
        let jsonl = concat!(
            r#"{"sentence_normalized": "Russia attacked Ukraine.", "targets": [{"from": 0, "to": 6, "mention": "Russia", "polarity": 2.0}, {"from": 16, "to": 23, "mention": "Ukraine", "polarity": 4.0}]}"#,
            "\n\n",
            r#"{"sentence_normalized": "« Élysée » praised Ukraine.", "targets": [{"from": 19, "to": 26, "mention": "Ukraine", "polarity": 6.0}]}"#,
            "\n"
        );
        let (p, errors) = evaluate(jsonl, &Config::default(), None, None);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(p.len(), 3);
        assert_eq!(
            (p[0].line, p[0].mention.as_str(), p[0].predicted),
            (1, "Russia", "negative")
        );
        assert_ne!(p[1].predicted, "negative");
        assert_eq!((p[2].line, p[2].predicted), (3, "positive"));
    }

    #[test]
    fn precise_eval_scores_each_target_with_the_model() {
        let model = crate::input::load_model(None).unwrap();
        let jsonl = concat!(
            r#"{"sentence_normalized": "Protesters praised Merkel for her courage, but they condemned Putin's brutal war.", "targets": [{"from": 19, "to": 25, "mention": "Merkel", "polarity": 6.0}, {"from": 62, "to": 67, "mention": "Putin", "polarity": 2.0}]}"#,
            "\n"
        );
        let (p, errors) = evaluate(jsonl, &Config::default(), Some(&model), None);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(p.len(), 2);
        assert_eq!((p[0].mention.as_str(), p[0].predicted), ("Merkel", "positive"));
        assert_eq!((p[1].mention.as_str(), p[1].predicted), ("Putin", "negative"));
        assert!(p[0].score > 0.0 && p[1].score < 0.0, "{p:?}");
        for t in &p {
            let [neg, neu, pos] = t.probs.expect("a precise prediction has probabilities");
            assert!((neg + neu + pos - 1.0).abs() < 1e-4, "{t:?}");
            assert!((pos - neg - t.score).abs() < 1e-6, "{t:?}");
        }
        let (lexicon, _) = evaluate(jsonl, &Config::default(), None, None);
        assert!(lexicon.iter().all(|t| t.probs.is_none()), "{lexicon:?}");
    }

    #[test]
    fn malformed_lines_are_named_and_skipped() {
        let jsonl = "{\"sentence_normalized\": \"Fine.\", \"targets\": []}\n{not json\n{\"sentence_normalized\": \"Ab\", \"targets\": [{\"from\": 0, \"to\": 9, \"polarity\": 2.0}]}\n{\"sentence_normalized\": \"Ab\", \"targets\": [{\"from\": 0, \"to\": 1, \"polarity\": 3.0}]}\n";
        let (p, errors) = evaluate(jsonl, &Config::default(), None, None);
        assert!(p.is_empty());
        assert_eq!(errors.len(), 3, "{errors:?}");
        assert!(errors[0].starts_with("line 2:"), "{errors:?}");
        assert!(errors[1].starts_with("line 3: target 0 runs past"), "{errors:?}");
        assert!(errors[2].contains("polarity 3"), "{errors:?}");
    }

    #[test]
    fn set_changes_a_config_number() {
        let mut c = Config::default();
        set(&mut c, "label_threshold=0.3").unwrap();
        assert!((c.label_threshold - 0.3).abs() < 1e-6);
        assert!(set(&mut c, "nonsense=1").unwrap_err().contains("no config setting"));
        assert!(set(&mut c, "label_threshold").is_err());
    }
}
