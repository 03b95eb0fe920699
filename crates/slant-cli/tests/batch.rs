//! `slant batch` end to end: the binary on small corpora, its rows checked
//! against `slant analyze --format json` on the same articles.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const SLANT: &str = env!("CARGO_BIN_EXE_slant");

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("slant-batch-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn slant(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(SLANT)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

fn jsonl(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn articles() -> Vec<(String, String)> {
    let seed = include_str!("../../../seeds/macron-starmer-white-house.txt");
    vec![
        ("seed".into(), seed.to_string()),
        (
            "zoe".into(),
            "Zoë Müller praised “brave” Ukraine.\n\nRussia attacked Kyiv, said Zoë Müller.".into(),
        ),
        ("short".into(), "Russia attacked Ukraine.".into()),
        ("empty".into(), String::new()),
        (
            "quote".into(),
            "“We will never surrender to Russia,” Zelensky said, praising Britain's generous help.".into(),
        ),
    ]
}

fn corpus(list: &[(String, String)]) -> String {
    list.iter()
        .map(|(id, text)| {
            format!(
                "{}\n",
                serde_json::json!({"id": id, "text": text, "outlet": "Test", "label": "left"})
            )
        })
        .collect()
}

/// The rows of `table` for the article `number`, as JSON objects.
fn of(rows: &[Value], number: usize) -> Vec<&Value> {
    rows.iter().filter(|r| r["article"] == number).collect()
}

#[test]
fn rows_equal_analyze_on_the_same_articles() {
    let dir = scratch("equal");
    let actors = dir.join("actors.toml");
    std::fs::write(&actors, "[[actor]]\nname = \"Zoë Müller\"\nkind = \"person\"\n").unwrap();
    let list = articles();
    let input = dir.join("corpus.jsonl");
    std::fs::write(&input, corpus(&list)).unwrap();
    let out = dir.join("out");
    let run = slant(
        &[
            "batch",
            input.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--actors",
            actors.to_str().unwrap(),
        ],
        "",
    );
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let stderr = String::from_utf8(run.stderr).unwrap();
    assert!(stderr.contains("5 articles done, 0 skipped"), "{stderr}");
    assert!(stderr.contains("slant 0.1.0+data."), "{stderr}");

    let cells = jsonl(&out.join("cells.jsonl"));
    let actor_rows = jsonl(&out.join("actors.jsonl"));
    let evidence = jsonl(&out.join("evidence.jsonl"));
    let relations = jsonl(&out.join("relations.jsonl"));
    assert!(!relations.is_empty(), "the quote article has a relation");
    for (i, (id, text)) in list.iter().enumerate() {
        let number = i + 1;
        let file = dir.join(format!("{id}.txt"));
        std::fs::write(&file, text).unwrap();
        let analysed = slant(
            &[
                "analyze",
                file.to_str().unwrap(),
                "--format",
                "json",
                "--actors",
                actors.to_str().unwrap(),
            ],
            "",
        );
        assert!(analysed.status.success());
        let report: Value = serde_json::from_slice(&analysed.stdout).unwrap();

        let rows = of(&actor_rows, number);
        let want = report["actors"].as_array().unwrap();
        assert_eq!(rows.len(), want.len(), "{id}");
        for (row, a) in rows.iter().zip(want) {
            assert_eq!(row["id"], id.as_str());
            assert_eq!(row["outlet"], "Test");
            assert_eq!(row["article_label"], "left");
            assert!(row["slant_version"].as_str().unwrap().starts_with("slant "));
            for key in [
                "score", "label", "positive", "negative", "evidence", "kind", "origin", "name",
            ] {
                assert_eq!(row[key], a[key], "{id} actor {key}");
            }
            assert_eq!(row["actor"], a["id"]);
            assert_eq!(row["mentions"], a["mentions"].as_array().unwrap().len());
        }

        let rows = of(&cells, number);
        let want = report["cells"].as_array().unwrap();
        assert_eq!(rows.len(), want.len(), "{id}");
        let mut evidence_want = Vec::new();
        for (row, c) in rows.iter().zip(want) {
            for key in [
                "paragraph",
                "actor",
                "score",
                "label",
                "mentions",
                "positive",
                "negative",
            ] {
                assert_eq!(row[key], c[key], "{id} cell {key}");
            }
            assert_eq!(row["evidence"], c["evidence"].as_array().unwrap().len());
            for e in c["evidence"].as_array().unwrap() {
                evidence_want.push((c["paragraph"].clone(), c["actor"].clone(), e.clone()));
            }
        }

        let rows = of(&evidence, number);
        assert_eq!(rows.len(), evidence_want.len(), "{id}");
        for (row, (paragraph, actor, e)) in rows.iter().zip(&evidence_want) {
            assert_eq!(&row["paragraph"], paragraph);
            assert_eq!(&row["actor"], actor);
            for key in [
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
            ] {
                assert_eq!(row[key], e[key], "{id} evidence {key}");
            }
            let rules: Value = serde_json::from_str(row["rules"].as_str().unwrap()).unwrap();
            assert_eq!(rules, e["rules"], "{id} rules");
        }

        let rows = of(&relations, number);
        let want = report["relations"].as_array().unwrap();
        assert_eq!(rows.len(), want.len(), "{id}");
        for (row, r) in rows.iter().zip(want) {
            for key in [
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
            ] {
                assert_eq!(row[key], r[key], "{id} relation {key}");
            }
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn bad_lines_are_reported_skipped_and_counted() {
    let input = [
        r#"{"id": "a", "text": "Russia attacked Ukraine."}"#,
        r#"{"id": "b", "text": "Britain praised"#,
        r#"{"id": "c", "title": "no text here"}"#,
        "",
        r#"{"id": "d", "text": "Russia attacked Ukraine and Russia attacked Ukraine and Russia attacked Ukraine."}"#,
        r#"["not", "an", "object"]"#,
        r#"{"id": 6, "text": "France praised Ukraine."}"#,
    ]
    .join("\n");
    let run = slant(
        &["batch", "-", "--rows", "actors", "--max-bytes", "40", "--threads", "2"],
        &input,
    );
    assert!(run.status.success());
    let stderr = String::from_utf8(run.stderr).unwrap();
    assert!(stderr.contains("line 2: the line is not valid JSON"), "{stderr}");
    assert!(
        stderr.contains("line 3 (id c): the record has no `text`; skipped"),
        "{stderr}"
    );
    assert!(
        stderr.contains("line 5 (id d): the text is 80 bytes, over the size cap of 40"),
        "{stderr}"
    );
    assert!(
        stderr.contains("line 6: the line is JSON but not an object"),
        "{stderr}"
    );
    assert!(stderr.contains("2 articles done, 4 skipped"), "{stderr}");
    let rows: Vec<Value> = String::from_utf8(run.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let numbers: Vec<u64> = rows.iter().map(|r| r["article"].as_u64().unwrap()).collect();
    assert_eq!(numbers, [1, 1, 7, 7]);
    assert_eq!(rows[2]["id"], 6);
}

#[test]
fn order_is_kept_with_several_threads() {
    // Articles of very different lengths, so that workers finish out of order.
    let list: Vec<(String, String)> = (0..60)
        .map(|i| {
            let n = if i % 7 == 0 { 60 } else { 1 + i % 3 };
            (
                format!("n{i}"),
                "Russia attacked Ukraine. Britain praised France.\n".repeat(n),
            )
        })
        .collect();
    let input = corpus(&list);
    let one = slant(&["batch", "--rows", "cells", "--threads", "1"], &input);
    let four = slant(&["batch", "--rows", "cells", "--threads", "4"], &input);
    assert!(one.status.success() && four.status.success());
    assert_eq!(
        String::from_utf8_lossy(&one.stdout),
        String::from_utf8_lossy(&four.stdout)
    );
    let ids: Vec<String> = String::from_utf8(four.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .fold(Vec::new(), |mut ids, id| {
            if ids.last() != Some(&id) {
                ids.push(id);
            }
            ids
        });
    let want: Vec<String> = list.iter().map(|(id, _)| id.clone()).collect();
    assert_eq!(ids, want);
}

#[test]
fn settings_apply_as_in_eval() {
    let input = corpus(&articles());
    let plain = slant(&["batch", "--rows", "actors"], &input);
    let strict = slant(&["batch", "--rows", "actors", "--set", "label_threshold=0.99"], &input);
    let labels = |out: &Output| -> Vec<String> {
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(|l| {
                serde_json::from_str::<Value>(l).unwrap()["label"]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect()
    };
    assert!(labels(&plain).iter().any(|l| l != "neutral"));
    assert!(
        labels(&strict).iter().all(|l| l == "neutral" || l == "mixed"),
        "{:?}",
        labels(&strict)
    );
}

#[test]
fn csv_has_a_header_and_one_line_per_row() {
    let list = articles();
    let input = corpus(&list);
    let csv = slant(&["batch", "--rows", "evidence", "--format", "csv"], &input);
    let json = slant(&["batch", "--rows", "evidence"], &input);
    assert!(csv.status.success() && json.status.success());
    let csv = String::from_utf8(csv.stdout).unwrap();
    let header = csv.split("\r\n").next().unwrap();
    assert!(
        header.starts_with("slant_version,article,id,outlet,article_label,date,url,extra,paragraph,actor,rank,text"),
        "{header}"
    );
    // Evidence words hold no line breaks, so CSV rows are CRLF lines.
    assert_eq!(
        csv.matches("\r\n").count(),
        1 + String::from_utf8(json.stdout).unwrap().lines().count()
    );
}

#[test]
fn precise_rows_equal_analyze_precise() {
    let dir = scratch("precise");
    // Two short articles: the model makes one encoder pass per sentence and mention.
    let list: Vec<(String, String)> = vec![
        (
            "zoe".into(),
            "Zoë Müller praised “brave” Ukraine.\n\nRussia attacked Kyiv, said Zoë Müller.".into(),
        ),
        (
            "quote".into(),
            "“We will never surrender to Russia,” Zelensky said, praising Britain's generous help.".into(),
        ),
    ];
    let input = dir.join("corpus.jsonl");
    std::fs::write(&input, corpus(&list)).unwrap();
    let run = slant(&["batch", input.to_str().unwrap(), "--precise", "--threads", "2"], "");
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let cells: Vec<Value> = String::from_utf8(run.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // Precise rows name the model's weights too.
    for row in &cells {
        let version = row["slant_version"].as_str().unwrap();
        let hash = version.rsplit_once("+model.").map(|(_, h)| h).unwrap_or("");
        assert!(
            hash.len() == 12 && hash.chars().all(|c| c.is_ascii_hexdigit()),
            "{version}"
        );
    }
    let mut scored = 0;
    for (i, (id, text)) in list.iter().enumerate() {
        let file = dir.join(format!("{id}.txt"));
        std::fs::write(&file, text).unwrap();
        let analysed = slant(
            &["analyze", file.to_str().unwrap(), "--precise", "--format", "json"],
            "",
        );
        assert!(
            analysed.status.success(),
            "{}",
            String::from_utf8_lossy(&analysed.stderr)
        );
        let report: Value = serde_json::from_slice(&analysed.stdout).unwrap();
        let want = report["precise"]["cells"].as_array().unwrap();
        let rows = of(&cells, i + 1);
        assert_eq!(rows.len(), want.len(), "{id}");
        assert!(!rows.is_empty(), "{id}");
        for (row, pc) in rows.iter().zip(want) {
            assert_eq!(row["paragraph"], pc["paragraph"], "{id}");
            assert_eq!(row["model_score"], pc["score"], "{id}");
            assert_eq!(row["model_label"], pc["label"], "{id}");
            assert_eq!(row["disagree"], pc["disagree"], "{id}");
            scored += usize::from(row["model_score"].is_number());
        }
    }
    assert!(scored > 0, "some cell has a model score");

    // Without --precise the cells rows have no model columns; CSV headers follow.
    let plain = slant(&["batch", input.to_str().unwrap()], "");
    let first: Value = serde_json::from_str(String::from_utf8(plain.stdout).unwrap().lines().next().unwrap()).unwrap();
    assert!(first.get("model_score").is_none(), "{first}");
    let csv = slant(&["batch", input.to_str().unwrap(), "--precise", "--format", "csv"], "");
    let csv = String::from_utf8(csv.stdout).unwrap();
    assert!(
        csv.lines()
            .next()
            .unwrap()
            .ends_with(",evidence,model_score,model_label,disagree"),
        "{csv}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn usage_errors_are_clear() {
    let run = slant(&["batch", "--rows", "words"], "");
    assert!(!run.status.success());
    assert!(String::from_utf8_lossy(&run.stderr).contains("unknown table `words`"));
    let run = slant(&["batch", "--threads", "0"], "");
    assert!(String::from_utf8_lossy(&run.stderr).contains("--threads must be at least 1"));
    let run = slant(&["batch", "--set", "nope=1"], "");
    assert!(String::from_utf8_lossy(&run.stderr).contains("no config setting `nope`"));
    let run = slant(&["batch", "--model", "x.bin"], "");
    assert!(String::from_utf8_lossy(&run.stderr).contains("--model is for precise mode: add --precise"));
    let run = slant(&["batch", "--precise", "--model", "/nonexistent/model.bin"], "");
    assert!(!run.status.success());
    assert!(String::from_utf8_lossy(&run.stderr).contains("cannot read the model /nonexistent/model.bin"));
    let run = slant(&["batch", "/nonexistent/corpus.jsonl"], "");
    assert!(String::from_utf8_lossy(&run.stderr).contains("cannot read /nonexistent/corpus.jsonl"));
}

#[cfg(unix)]
#[test]
fn ctrl_c_leaves_whole_rows_of_the_same_articles() {
    let dir = scratch("interrupt");
    let seed = include_str!("../../../seeds/macron-starmer-white-house.txt");
    let line = format!("{}\n", serde_json::json!({ "text": seed }));
    let input = dir.join("corpus.jsonl");
    std::fs::write(&input, line.repeat(5_000)).unwrap();
    let out = dir.join("out");
    let child = Command::new(SLANT)
        .args([
            "batch",
            input.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--threads",
            "2",
        ])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Wait for the first rows, then interrupt.
    let cells = out.join("cells.jsonl");
    let started = std::time::Instant::now();
    while std::fs::metadata(&cells).map_or(0, |m| m.len()) == 0 {
        assert!(started.elapsed().as_secs() < 60, "no rows after a minute");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let killed = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let run = child.wait_with_output().unwrap();
    let stderr = String::from_utf8(run.stderr).unwrap();
    assert!(!run.status.success(), "{stderr}");
    assert!(
        stderr.contains("interrupted: the rows written are complete"),
        "{stderr}"
    );
    let mut last = Vec::new();
    for table in ["cells", "actors", "evidence", "relations"] {
        let text = std::fs::read_to_string(out.join(format!("{table}.jsonl"))).unwrap();
        assert!(text.ends_with('\n'), "{table} ends with a whole row");
        let rows: Vec<Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        last.push(rows.last().map(|r| r["article"].clone()));
    }
    assert!(last[0].is_some());
    assert!(
        last.iter().all(|l| *l == last[0]),
        "every table stops after the same article: {last:?}"
    );
    let done: u64 = last[0].as_ref().unwrap().as_u64().unwrap();
    assert!(done < 5_000, "interrupted before the end");
    assert!(stderr.contains(&format!("{done} articles done")), "{stderr}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_reader_that_stops_early_ends_the_run() {
    let list: Vec<(String, String)> = (0..400)
        .map(|i| (format!("n{i}"), "Russia attacked Ukraine.\n".repeat(20)))
        .collect();
    let mut child = Command::new(SLANT)
        .args(["batch", "--rows", "cells", "--threads", "2"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = corpus(&list);
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(input.as_bytes());
    });
    // Read one line, then close standard output, as `head -1` does.
    let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    std::io::BufRead::read_line(&mut stdout, &mut first).unwrap();
    assert!(first.contains("\"id\":\"n0\""), "{first}");
    drop(stdout);
    let started = std::time::Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        assert!(
            started.elapsed().as_secs() < 30,
            "slant batch hangs after its reader went away"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    writer.join().unwrap();
}
