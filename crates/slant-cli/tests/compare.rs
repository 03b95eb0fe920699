//! `slant compare`, run as a program: its formats, and its messages for bad input.

use std::path::PathBuf;
use std::process::{Command, Output};

const A: &str = "../slant-core/tests/fixtures/compare/outlet-a.txt";
const B: &str = "../slant-core/tests/fixtures/compare/outlet-b.txt";

fn slant(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_slant"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .output()
        .expect("the slant binary runs")
}

fn stdout(out: &Output) -> String {
    assert!(
        out.status.success(),
        "slant failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &Output) -> String {
    assert!(!out.status.success(), "slant should have failed");
    String::from_utf8(out.stderr.clone()).unwrap()
}

/// A scratch directory for this test, removed by the caller.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("slant-compare-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn json_is_the_engines_comparison() {
    let out = stdout(&slant(&[
        "compare",
        A,
        B,
        "--labels",
        "The Courier, Harbour Post",
        "--format",
        "json",
    ]));
    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(value["articles"][0]["label"], "The Courier");
    assert_eq!(value["articles"][1]["label"], "Harbour Post");
    assert_eq!(value["actors"][0]["id"], "keir-starmer");
    assert_eq!(value["actors"][0]["mentions"], serde_json::json!([2, 1]));
    assert_eq!(
        value["shared_paragraphs"],
        serde_json::json!([{"articles": [0, 1], "paragraphs": [3, 2], "similarity": 1.0}])
    );

    // The same as the library gives for the same texts and labels.
    let config = slant_core::Config::default();
    let a = slant_core::analyze(
        &std::fs::read_to_string(format!("{}/{A}", env!("CARGO_MANIFEST_DIR"))).unwrap(),
        &config,
    );
    let b = slant_core::analyze(
        &std::fs::read_to_string(format!("{}/{B}", env!("CARGO_MANIFEST_DIR"))).unwrap(),
        &config,
    );
    let expected = slant_core::compare(&[("The Courier", &a), ("Harbour Post", &b)], &config);
    assert_eq!(out, format!("{}\n", serde_json::to_string_pretty(&expected).unwrap()));
}

#[test]
fn text_is_a_readable_table() {
    let out = stdout(&slant(&["compare", A, B, "--labels", "Courier,Post"]));
    assert!(out.starts_with("2 articles\n  1. Courier: 6 paragraphs"), "{out}");
    let starmer = out
        .lines()
        .find(|l| l.trim_start().starts_with("Keir Starmer"))
        .unwrap();
    assert!(starmer.contains("+0.64") && starmer.contains("-0.76"), "{starmer}");
    assert!(
        out.contains("Courier P4 = Post P3 (same words): Under the agreement"),
        "{out}"
    );
    assert!(
        out.contains("  Marie Leclerc: in Post (quoted); not in Courier\n"),
        "{out}"
    );
    assert!(
        out.contains("  Keir Starmer: quoted in Courier; mentioned but not quoted in Post\n"),
        "{out}"
    );
    assert!(out.contains("landmark +"), "{out}");
    assert!(out.contains("flawed -"), "{out}");
}

#[test]
fn labels_default_to_file_names() {
    let out = stdout(&slant(&["compare", A, B]));
    assert!(
        out.contains("1. outlet-a.txt:") && out.contains("2. outlet-b.txt:"),
        "{out}"
    );
}

#[test]
fn csv_has_one_row_per_article_paragraph_and_actor() {
    let out = stdout(&slant(&[
        "compare",
        A,
        B,
        "--labels",
        "Courier,Post",
        "--format",
        "csv",
    ]));
    let lines: Vec<&str> = out.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines[0], slant_share::ARTICLES_CSV_HEADER);
    assert!(lines[1].starts_with("1,Courier,1,"), "{}", lines[1]);
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("2,Post,3,united-kingdom,") && l.contains(",no,slant ")),
        "{out}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("2,Post,2,united-kingdom,") && l.contains(",yes,slant ")),
        "{out}"
    );
}

#[test]
fn three_articles_and_standard_input() {
    let dir = scratch("stdin");
    let c = dir.join("c.txt");
    std::fs::write(&c, "Norway praised the generous deal.").unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_slant"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["compare", A, "-", c.to_str().unwrap(), "--format", "json"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write as _;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"France attacked Norway.")
        .unwrap();
    let out = stdout(&child.wait_with_output().unwrap());
    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(value["articles"][1]["label"], "standard input");
    assert_eq!(value["articles"][2]["label"], "c.txt");
    let norway = value["actors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == "norway")
        .unwrap();
    assert_eq!(norway["mentions"], serde_json::json!([0, 1, 1]));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn actor_edits_apply_to_every_article() {
    let dir = scratch("actors");
    let toml = dir.join("actors.toml");
    std::fs::write(
        &toml,
        "rename = [[\"keir-starmer\", \"The PM\"]]\nremove = [\"norway\"]\n",
    )
    .unwrap();
    let out = stdout(&slant(&[
        "compare",
        A,
        B,
        "--actors",
        toml.to_str().unwrap(),
        "--format",
        "json",
    ]));
    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
    let ids: Vec<&str> = value["actors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert!(!ids.contains(&"norway"), "{ids:?}");
    let pm = value["actors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == "keir-starmer")
        .unwrap();
    assert_eq!(pm["name"], "The PM");
    assert_eq!(pm["mentions"], serde_json::json!([2, 1]));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn bad_input_gets_a_clear_message() {
    let err = stderr(&slant(&["compare", A]));
    assert!(
        err.starts_with("slant: compare needs at least two articles, and got 1"),
        "{err}"
    );
    let nine: Vec<&str> = std::iter::once("compare").chain(std::iter::repeat_n(A, 9)).collect();
    let err = stderr(&slant(&nine));
    assert_eq!(err, "slant: compare takes at most 8 articles, and got 9\n");
    let err = stderr(&slant(&["compare", A, B, "--labels", "One"]));
    assert!(err.contains("--labels has 1 labels for 2 articles"), "{err}");
    let err = stderr(&slant(&["compare", A, B, "--format", "xml"]));
    assert!(err.contains("unknown format `xml`: use text, json or csv"), "{err}");
    let err = stderr(&slant(&["compare", A, "/nonexistent/b.txt"]));
    assert!(err.contains("cannot read /nonexistent/b.txt"), "{err}");
    let err = stderr(&slant(&["compare", "-", "-"]));
    assert!(
        err.contains("standard input (`-`) can be only one of the articles"),
        "{err}"
    );
    // Eight is allowed.
    let eight: Vec<&str> = std::iter::once("compare").chain(std::iter::repeat_n(A, 8)).collect();
    let out = stdout(&slant(&eight));
    assert!(out.starts_with("8 articles"), "{out}");
}

#[test]
fn the_readme_shows_what_the_command_prints() {
    let readme = include_str!("../../../README.md");
    let section = &readme[readme.find("## Compare coverage").expect("a Compare coverage section")..];
    let start = section.find("```text\n").expect("a sample output") + "```text\n".len();
    let sample = &section[start..start + section[start..].find("```").unwrap()];
    let out = stdout(&slant(&["compare", A, B, "--labels", "The Courier,Harbour Post"]));
    assert_eq!(sample, out, "update the README's sample: it is the command's output");
}
