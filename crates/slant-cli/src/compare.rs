//! `slant compare`: several articles on one event, side by side, as a
//! readable table, the comparison's JSON, or every article's cells as CSV.
//!
//! Each article is analysed with the same `Config` (the same `--actors`
//! edits), then compared by `slant_core::compare`, the path the app takes.

use std::fmt::Write;

use lexopt::prelude::*;
use slant_core::compare::{Comparison, MAX_ARTICLES, compare};
use slant_core::{Config, Report};

use crate::Failure;
use crate::analyze::read_actors;
use crate::input::read_text;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Text,
    Json,
    Csv,
}

pub fn run(parser: &mut lexopt::Parser) -> Result<String, Failure> {
    let mut files: Vec<String> = Vec::new();
    let mut labels: Option<String> = None;
    let mut actors: Option<String> = None;
    let mut format = Format::Text;
    while let Some(arg) = parser.next()? {
        match arg {
            Value(v) => files.push(v.string()?),
            Long("labels") => labels = Some(parser.value()?.string()?),
            Long("actors") => actors = Some(parser.value()?.string()?),
            Long("format") => {
                format = match parser.value()?.string()?.as_str() {
                    "text" => Format::Text,
                    "json" => Format::Json,
                    "csv" => Format::Csv,
                    other => return Err(Failure::new(format!("unknown format `{other}`: use text, json or csv"))),
                }
            }
            other => return Err(other.unexpected().into()),
        }
    }
    if files.len() < 2 {
        return Err(Failure::new(format!(
            "compare needs at least two articles, and got {}: give two to {MAX_ARTICLES} files, as in `slant compare a.txt b.txt`",
            files.len()
        )));
    }
    if files.len() > MAX_ARTICLES {
        return Err(Failure::new(format!(
            "compare takes at most {MAX_ARTICLES} articles, and got {}",
            files.len()
        )));
    }
    if files.iter().filter(|f| *f == "-").count() > 1 {
        return Err(Failure::new(
            "standard input (`-`) can be only one of the articles".to_string(),
        ));
    }
    let labels = labels_for(&files, labels.as_deref())?;
    let mut config = Config::default();
    if let Some(path) = actors {
        config.actors = read_actors(&path)?;
    }
    let mut reports: Vec<Report> = Vec::with_capacity(files.len());
    for file in &files {
        let text = read_text(file)?;
        reports.push(slant_core::analyze(&text, &config));
    }
    let articles: Vec<(&str, &Report)> = labels.iter().map(String::as_str).zip(&reports).collect();
    let comparison = compare(&articles, &config);
    Ok(match format {
        Format::Json => {
            let mut out = serde_json::to_string_pretty(&comparison)
                .map_err(|e| Failure::new(format!("cannot serialise the comparison: {e}")))?;
            out.push('\n');
            out
        }
        Format::Csv => slant_share::articles_csv(&articles, &comparison),
        Format::Text => render(&comparison, &articles),
    })
}

/// The labels given with `--labels` (comma-separated, one per file), or
/// each file's name.
fn labels_for(files: &[String], given: Option<&str>) -> Result<Vec<String>, Failure> {
    let Some(given) = given else {
        return Ok(files
            .iter()
            .map(|f| {
                if f == "-" {
                    "standard input".to_string()
                } else {
                    std::path::Path::new(f)
                        .file_name()
                        .map_or_else(|| f.clone(), |n| n.to_string_lossy().into_owned())
                }
            })
            .collect());
    };
    let labels: Vec<String> = given.split(',').map(|l| l.trim().to_string()).collect();
    if labels.len() != files.len() {
        return Err(Failure::new(format!(
            "--labels has {} labels for {} articles: give one per article, separated by commas",
            labels.len(),
            files.len()
        )));
    }
    if let Some(n) = labels.iter().position(String::is_empty) {
        return Err(Failure::new(format!(
            "label {} in --labels is empty: give every article a label",
            n + 1
        )));
    }
    Ok(labels)
}

/// The first `n` characters of `s` on one line, with an ellipsis when cut.
fn preview(s: &str, n: usize) -> String {
    let flat: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    match flat.char_indices().nth(n) {
        Some((cut, _)) => format!("{}…", &flat[..cut]),
        None => flat,
    }
}

/// `s` padded with spaces to `width` characters (not bytes).
fn pad(s: &str, width: usize) -> String {
    let len = s.chars().count();
    format!("{s}{}", " ".repeat(width.saturating_sub(len)))
}

/// `s` right-aligned in `width` characters.
fn pad_left(s: &str, width: usize) -> String {
    let len = s.chars().count();
    format!("{}{s}", " ".repeat(width.saturating_sub(len)))
}

/// "Label P3": a paragraph of an article, counted from 1.
fn place(c: &Comparison, article: usize, paragraph: usize) -> String {
    let label = c.articles.get(article).map_or("?", |a| a.label.as_str());
    format!("{label} P{}", paragraph + 1)
}

fn list(c: &Comparison, articles: &[usize]) -> String {
    articles
        .iter()
        .map(|&a| c.articles.get(a).map_or("?", |x| x.label.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The readable table: actors × articles, shared copy, omissions, word choice.
pub fn render(c: &Comparison, articles: &[(&str, &Report)]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} articles", c.articles.len());
    for (n, a) in c.articles.iter().enumerate() {
        let _ = writeln!(
            out,
            "  {}. {}: {} paragraphs, {} words",
            n + 1,
            a.label,
            a.paragraphs,
            a.words
        );
        if let Some((_, report)) = articles.get(n)
            && report.stats.truncated
        {
            let _ = writeln!(
                out,
                "     note: the text is {} bytes; only the first {} were analysed",
                report.stats.bytes, report.stats.analysed_bytes
            );
        }
    }
    if c.actors.is_empty() {
        let _ = writeln!(out, "\nNo actors found in any article.");
        return out;
    }

    let name_width = c
        .actors
        .iter()
        .map(|a| a.name.chars().count())
        .max()
        .unwrap_or(4)
        .clamp(4, 28);
    let columns: Vec<String> = c.articles.iter().map(|a| preview(&a.label, 14)).collect();
    let widths: Vec<usize> = columns.iter().map(|l| l.chars().count().max(6)).collect();
    let _ = writeln!(
        out,
        "\nActors, largest difference first (score toward the actor; shared copy counted once)"
    );
    let mut header = format!("  {}  {}", pad("name", name_width), pad("kind", 12));
    for (label, &w) in columns.iter().zip(&widths) {
        let _ = write!(header, "  {}", pad_left(label, w));
    }
    header.push_str("  difference");
    let _ = writeln!(out, "{}", header.trim_end());
    let mut copy_only = false;
    for row in &c.actors {
        let mut line = format!(
            "  {}  {}",
            pad(&preview(&row.name, name_width), name_width),
            pad(row.kind.as_str(), 12)
        );
        for (a, &w) in widths.iter().enumerate() {
            let cell = match (
                row.scores.get(a).copied().flatten(),
                row.own_scores.get(a).copied().flatten(),
            ) {
                (Some(0.0), _) => "0.00".to_string(),
                (Some(score), _) => format!("{score:+.2}"),
                (None, Some(_)) => {
                    copy_only = true;
                    "copy".to_string()
                }
                (None, None) => "-".to_string(),
            };
            let _ = write!(line, "  {}", pad_left(&cell, w));
        }
        let diff = row.difference.map_or("-".to_string(), |d| format!("{d:.2}"));
        let _ = write!(line, "  {}", pad_left(&diff, 10));
        let _ = writeln!(out, "{line}");
    }
    let _ = writeln!(
        out,
        "  (- not mentioned{})",
        if copy_only {
            "; copy: only in shared copy counted in an earlier article"
        } else {
            ""
        }
    );

    if !c.shared_paragraphs.is_empty() {
        let _ = writeln!(out, "\nShared copy (counted once, in the first article that has it)");
        for s in &c.shared_paragraphs {
            let kind = if s.similarity >= 1.0 {
                "same words".to_string()
            } else {
                format!("{:.0}% alike", s.similarity * 100.0)
            };
            let text = articles
                .get(s.articles[0])
                .and_then(|(_, r)| {
                    r.paragraphs
                        .get(s.paragraphs[0])
                        .map(|p| r.text.get(p.start..p.end).unwrap_or(""))
                })
                .unwrap_or("");
            let _ = writeln!(
                out,
                "  {} = {} ({kind}): {}",
                place(c, s.articles[0], s.paragraphs[0]),
                place(c, s.articles[1], s.paragraphs[1]),
                preview(text, 60)
            );
        }
    }

    if !c.omissions.is_empty() {
        let _ = writeln!(out, "\nOmissions");
        for o in &c.omissions {
            let unquoted: Vec<usize> = if o.quoted_in.is_empty() {
                Vec::new()
            } else {
                o.not_quoted_in
                    .iter()
                    .copied()
                    .filter(|a| o.present_in.contains(a))
                    .collect()
            };
            let mut parts = Vec::new();
            if !o.absent_from.is_empty() {
                let present: Vec<String> = o
                    .present_in
                    .iter()
                    .map(|&a| {
                        let quoted = if o.quoted_in.contains(&a) { " (quoted)" } else { "" };
                        format!("{}{quoted}", list(c, &[a]))
                    })
                    .collect();
                parts.push(format!("in {}; not in {}", present.join(", "), list(c, &o.absent_from)));
            } else if !unquoted.is_empty() {
                parts.push(format!("quoted in {}", list(c, &o.quoted_in)));
            }
            if !unquoted.is_empty() {
                parts.push(format!("mentioned but not quoted in {}", list(c, &unquoted)));
            }
            let _ = writeln!(out, "  {}: {}", o.name, parts.join("; "));
        }
    }

    if !c.word_choice.is_empty() {
        let _ = writeln!(out, "\nWord choice (words that carry the score in one article only)");
        let label_width = columns.iter().map(|l| l.chars().count()).max().unwrap_or(4);
        let mut last = "";
        for w in &c.word_choice {
            if w.actor != last {
                let name = c
                    .actors
                    .iter()
                    .find(|r| r.id == w.actor)
                    .map_or(w.actor.as_str(), |r| r.name.as_str());
                let _ = writeln!(out, "  {name}");
                last = &w.actor;
            }
            let words: Vec<String> = w.words.iter().map(|x| format!("{} {:+.2}", x.word, x.weight)).collect();
            let label = columns.get(w.article).map_or("?", String::as_str);
            let _ = writeln!(out, "    {}  {}", pad(label, label_width), words.join(", "));
        }
    }
    out
}

/// `slant bench --compare`: how long [`compare`] takes (analysis apart) on
/// two articles made from `text`: as it is, and with every "the" made "a",
/// which turns most paragraphs into near copies, the costlier search.
pub fn bench(text: &str, config: &Config, rounds: usize) -> String {
    use std::time::{Duration, Instant};
    let edited = text.replace(" the ", " a ");
    let a = slant_core::analyze(text, config);
    let b = slant_core::analyze(&edited, config);
    let articles = [("A", &a), ("B", &b)];
    let mut times: Vec<Duration> = (0..rounds.max(1))
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(compare(std::hint::black_box(&articles), config));
            start.elapsed()
        })
        .collect();
    times.sort();
    let c = compare(&articles, config);
    let exact = c.shared_paragraphs.iter().filter(|s| s.similarity >= 1.0).count();
    format!(
        "compare: two articles of {:.2} MB ({} and {} paragraphs; {} shared, {} of them near copies): best {:.1} ms, median {:.1} ms over {} rounds, analysis apart\n",
        text.len() as f64 / 1_000_000.0,
        a.paragraphs.len(),
        b.paragraphs.len(),
        c.shared_paragraphs.len(),
        c.shared_paragraphs.len() - exact,
        times[0].as_secs_f64() * 1e3,
        times[times.len() / 2].as_secs_f64() * 1e3,
        times.len()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("dir/article-{i}.txt")).collect()
    }

    #[test]
    fn labels_default_to_file_names() {
        let labels = labels_for(&["a/b/outlet-a.txt".into(), "-".into()], None).unwrap();
        assert_eq!(labels, ["outlet-a.txt", "standard input"]);
    }

    #[test]
    fn labels_are_split_and_trimmed() {
        let labels = labels_for(&files(2), Some(" Le Monde , Die Zeit")).unwrap();
        assert_eq!(labels, ["Le Monde", "Die Zeit"]);
    }

    #[test]
    fn labels_must_fit_the_articles() {
        let err = labels_for(&files(3), Some("A,B")).unwrap_err();
        assert_eq!(
            err.message,
            "--labels has 2 labels for 3 articles: give one per article, separated by commas"
        );
        let err = labels_for(&files(2), Some("A,")).unwrap_err();
        assert!(
            err.message.starts_with("label 2 in --labels is empty"),
            "{}",
            err.message
        );
    }

    #[test]
    fn padding_counts_characters() {
        assert_eq!(pad("Élysée", 8), "Élysée  ");
        assert_eq!(pad_left("東京", 4), "  東京");
        assert_eq!(pad("toolong", 3), "toolong");
        assert_eq!(preview("Zoë  Ünal", 3), "Zoë…");
    }

    #[test]
    fn the_table_shows_rows_copy_omissions_and_words() {
        let config = Config::default();
        let wire = "Under the agreement signed in Paris on Tuesday, Britain and France will create a joint patrol to protect their fishing grounds.";
        let a = slant_core::analyze(&format!("Russia launched a brutal invasion.\n\n{wire}"), &config);
        let b = slant_core::analyze(&format!("{wire}\n\nRussia launched a careful operation."), &config);
        let articles = [("Outlet A", &a), ("Outlet B", &b)];
        let c = compare(&articles, &config);
        let out = render(&c, &articles);
        assert!(out.starts_with("2 articles\n  1. Outlet A: 2 paragraphs"), "{out}");
        assert!(
            out.contains("Outlet A P2 = Outlet B P1 (same words): Under the agreement"),
            "{out}"
        );
        assert!(out.contains("copy"), "Britain only in B's shared copy: {out}");
        assert!(out.contains("Word choice"), "{out}");
        assert!(out.contains("brutal -"), "{out}");
    }
}
