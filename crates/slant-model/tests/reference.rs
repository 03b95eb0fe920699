//! The Rust path against the reference: token ids and spans from Hugging Face `tokenizers`,
//! and logits from the torch model with the same (dequantised int8) weights. Both fixtures were
//! written by `scripts/train_model.py` from NewsMTSC train/dev sentences and odd cases. The
//! reference runs f32 activations; the Rust pass quantises them to int16 per token row, which
//! moves the logits by up to 7e-4 (2.9e-6 with f32 activations), inside the 1e-3 tolerance.

use std::path::PathBuf;
use std::sync::OnceLock;

use serde::Deserialize;
use slant_model::{Model, Span};

fn model_path() -> PathBuf {
    match std::env::var_os("SLANT_MODEL") {
        Some(p) => PathBuf::from(p),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../static/model/slant-minilm-newsmtsc.bin"),
    }
}

fn fixtures() -> PathBuf {
    match std::env::var_os("SLANT_MODEL_FIXTURES") {
        Some(p) => PathBuf::from(p),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"),
    }
}

fn model() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(|| {
        let path = model_path();
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
        Model::from_bytes(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    })
}

#[derive(Deserialize)]
struct TokenCase {
    text: String,
    ids: Vec<u32>,
    spans: Vec<[usize; 2]>,
}

#[test]
fn tokens_match_the_reference_tokenizer() {
    let text = std::fs::read_to_string(fixtures().join("tokens.jsonl")).unwrap();
    let mut cases = 0;
    for line in text.lines() {
        let case: TokenCase = serde_json::from_str(line).unwrap();
        let got = model().tokenizer().tokenize(&case.text);
        let ids: Vec<u32> = got.iter().map(|t| t.id).collect();
        assert_eq!(ids, case.ids, "ids of {:?}", case.text);
        let spans: Vec<[usize; 2]> = got.iter().map(|t| [t.start, t.end]).collect();
        assert_eq!(spans, case.spans, "spans of {:?}", case.text);
        cases += 1;
    }
    assert!(cases >= 200, "only {cases} cases");
}

#[derive(Deserialize)]
struct LogitCase {
    text: String,
    start: usize,
    end: usize,
    ids: Vec<u32>,
    logits: [f32; 3],
}

#[test]
fn logits_match_the_reference_model() {
    let text = std::fs::read_to_string(fixtures().join("logits.json")).unwrap();
    let cases: Vec<LogitCase> = serde_json::from_str(&text).unwrap();
    assert_eq!(cases.len(), 20);
    let mut worst = 0f32;
    for c in &cases {
        let target = Span::new(c.start, c.end);
        let (ids, _) = model().input_ids(&c.text, target);
        assert_eq!(ids, c.ids, "input of {:?}", c.text);
        let got = model().logits(&c.text, target);
        for (g, w) in got.iter().zip(c.logits) {
            worst = worst.max((g - w).abs());
        }
        assert!(
            got.iter().zip(c.logits).all(|(g, w)| (g - w).abs() < 1e-3),
            "{:?}: got {got:?}, reference {:?}",
            c.text,
            c.logits
        );
    }
    eprintln!("largest logit difference: {worst:e}");
}

#[test]
fn batch_prediction_equals_single_predictions() {
    let sentence = "Merkel praised Macron, but Trump attacked Trudeau.";
    let targets = [Span::new(0, 6), Span::new(15, 21), Span::new(27, 32), Span::new(42, 49)];
    let all = model().predict_all(sentence, &targets);
    for (t, p) in targets.iter().zip(&all) {
        assert_eq!(*p, model().predict(sentence, *t));
        assert!((p.iter().sum::<f32>() - 1.0).abs() < 1e-5);
    }
}

#[test]
fn a_truncated_or_corrupted_file_is_an_error_not_a_panic() {
    let bytes = std::fs::read(model_path()).unwrap();
    for cut in [0, 7, 12, 70, 1000, bytes.len() / 2, bytes.len() - 1] {
        let e = Model::from_bytes(&bytes[..cut]).unwrap_err();
        assert!(!e.to_string().is_empty());
    }
    let mut extra = bytes.clone();
    extra.push(0);
    assert!(
        Model::from_bytes(&extra)
            .unwrap_err()
            .to_string()
            .contains("unexpected bytes")
    );
    let mut bad = bytes.clone();
    bad[8] = 9;
    assert!(Model::from_bytes(&bad).unwrap_err().to_string().contains("version 9"));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    #[test]
    fn tokens_are_ordered_char_aligned_spans(text in "\\PC{0,80}") {
        let tokens = model().tokenizer().tokenize(&text);
        let mut last = 0;
        for t in &tokens {
            proptest::prop_assert!(t.start < t.end && t.end <= text.len());
            proptest::prop_assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
            proptest::prop_assert!(t.start >= last || t.end <= last);
            last = last.max(t.end);
        }
    }

    #[test]
    fn any_target_span_gets_probabilities(text in "\\PC{0,40}", a in 0usize..60, b in 0usize..60) {
        let p = model().predict(&text, Span::new(a.min(b), a.max(b)));
        proptest::prop_assert!(p.iter().all(|x| x.is_finite() && *x >= 0.0));
        proptest::prop_assert!((p.iter().sum::<f32>() - 1.0).abs() < 1e-4);
    }
}
