//! Slant's precise mode: a small fine-tuned transformer that gives, for a target in a sentence,
//! the probabilities that the sentence treats it negatively, neutrally or positively.
//!
//! The model is all-MiniLM-L6-v2 (6 layers, hidden size 384, 12 heads, Apache-2.0) fine-tuned
//! on NewsMTSC train by `scripts/train_model.py`. This crate takes the model file's bytes
//! ([`Model::from_bytes`]) and does everything else in pure Rust with no I/O, so the same code
//! runs in the `slant` CLI and in the page's Web Worker (wasm32, single-threaded).
//!
//! # Pipeline
//! 1. [`tokenizer`]: BERT uncased WordPiece, matching the reference `tokenizer.json` exactly,
//!    with each token's byte span in the sentence.
//! 2. `input`: `[CLS] before < target > after [SEP]`, the vocabulary's own `<` and `>` marking the
//!    tokens that overlap the target (cut to a 128-token window centred on the target).
//! 3. `encoder`: embeddings, 6 post-LayerNorm layers (self-attention, exact-GELU feed-forward),
//!    and a linear head over the final states of `[CLS]` and of `<`, giving three logits.
//! 4. [`precise`]: the engine's report gets a model score per mention, cell and sentence.
//!
//! One encoder pass per (sentence, target): the markers are in the input, which is what makes
//! the model target-dependent (the same sentence can be negative toward one actor and positive
//! toward another).
//!
//! # Why a hand-written forward pass
//! candle, tract and burn all run BERT, but each brings a generic tensor runtime (and, for
//! candle and burn, safetensors or their own record formats) into the page's wasm; they were not
//! measured here for lack of time. The encoder here is a few hundred lines, needs no runtime, and
//! reads a format made for it (int8 rows, no graph). Measured (README, "Precise mode"):
//! - wasm size: engine plus this crate is 133 KB (56 KB gzipped) more than the engine alone
//!   (opt-level "s", before wasm-opt); the Unicode and NFD tables are most of it.
//! - speed, one thread, the seed article (123 passes of 45 tokens on average): about 16 ms of
//!   CPU per (sentence, target) pass natively (`examples/bench.rs`), about 22 ms in wasm with
//!   `simd128` under Node (`examples/wasm_bench.rs`), 12–13 ms natively with AVX2 (`-C
//!   target-cpu=x86-64-v3`); the f32 pass before `kernel` took 82 ms.
//! - accuracy after int8 quantisation: dev macro F1 moved by -0.002 (dev-rw) and +0.003
//!   (dev-mt); the Rust logits match the dequantised torch model within 7e-4.
//!
//! # Why int16 activations
//! The weight matrices run through `kernel`: activations quantised per token row to int16,
//! multiplied with the int8 weights into i32 sums by `pmaddwd` (SSE2) or `i32x4.dot_i16x8_s`
//! (wasm `simd128`), eight products an instruction. Measured choices:
//! - int8 activations (same kernel, values limited to ±127) moved the reference logits by up to
//!   0.11, failing even a 1e-2 tolerance, and dev macro F1 to 0.8151 (dev-rw) and 0.7307
//!   (dev-mt); neither SSE2 nor `simd128` has a faster int8 product, so int8 would lose
//!   accuracy for no speed.
//! - int16 activations keep the logits within 7e-4 of the torch reference (2.9e-6 with f32
//!   activations) and dev macro F1 at 0.8175 (dev-rw) and 0.7339 (dev-mt), against 0.815 and
//!   0.734 with f32 (measured on the epoch-2 model; the shipped average of three epochs scores
//!   0.8196 and 0.7401).
//! - f32 activations: the previous blocked f32 kernel (four int8 rows widened per call, 4-wide
//!   SSE products) took 82 ms a pass, and 4-wide f32 multiplies and adds do a quarter of
//!   `pmaddwd`'s work per instruction.
//!
//! # Model file format (version 1, all little-endian)
//! | field | type | meaning |
//! | --- | --- | --- |
//! | magic | 8 bytes | `SLANTMDL` |
//! | version | u32 | 1 |
//! | vocab | u32 | vocabulary size V (30522) |
//! | hidden | u32 | hidden size H (384) |
//! | layers | u32 | encoder layers L (6) |
//! | heads | u32 | attention heads (12); divides H |
//! | intermediate | u32 | feed-forward size I (1536) |
//! | max_len | u32 | longest input in tokens, markers and specials included (128) |
//! | labels | u32 | 3 (negative, neutral, positive) |
//! | cls, sep, unk, open, close | 5 × u32 | ids of `[CLS]`, `[SEP]`, `[UNK]`, `<`, `>` |
//! | eps | f32 | LayerNorm epsilon |
//! | vocabulary | V × (u16 length, UTF-8 bytes) | token strings in id order |
//! | tensors | records, in the order below | |
//!
//! A tensor record is: kind (u8: 0 = f32, 1 = int8 rows), name length (u16), name (UTF-8),
//! rows (u32), cols (u32), then for f32 `rows × cols` f32 values row-major, or for int8
//! `rows` f32 scales followed by `rows × cols` i8 values row-major, the weight being
//! `scale[row] × value` (symmetric, one scale per output row, values in -127..=127).
//! Order: `word` (int8, V × H), `pos` (f32, max_len × H, the token-type-0 embedding folded in),
//! `emb_ln.g`, `emb_ln.b` (f32, 1 × H); per layer n: `n.q.w`, `n.q.b`, `n.k.w`, `n.k.b`,
//! `n.v.w`, `n.v.b`, `n.o.w`, `n.o.b` (int8 H × H weights, f32 1 × H biases), `n.ln1.g`,
//! `n.ln1.b`, `n.f1.w` (int8 I × H), `n.f1.b` (1 × I), `n.f2.w` (int8 H × I), `n.f2.b`,
//! `n.ln2.g`, `n.ln2.b`; then `head.w` (f32, 3 × 2H: `[CLS]` state then `<` state) and
//! `head.b` (1 × 3). Nothing follows. Any mismatch (magic, version, impossible dimensions, a
//! name, kind or shape other than expected, a value that is not finite, missing or extra
//! bytes) is an [`Error`] with a sentence saying what is wrong; reading never panics.

mod encoder;
mod format;
mod input;
mod kernel;
pub mod precise;
mod tables;
pub mod tokenizer;

use std::fmt;

pub use slant_core::Span;

use encoder::{Encoder, Scratch};
use format::Reader;
use input::Specials;
use tokenizer::Tokenizer;

/// What can go wrong reading a model file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Error {
    /// The file ends before `what`, at byte `offset`.
    Truncated { what: String, offset: usize },
    /// The file is not a model this build can read; the message says why.
    Malformed(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Truncated { what, offset } => write!(
                f,
                "The model file is cut short: it ends at byte {offset}, before {what}."
            ),
            Error::Malformed(msg) => f.write_str(msg),
        }
    }
}

impl std::error::Error for Error {}

/// The three class probabilities: negative, neutral, positive.
pub type Probs = [f32; 3];

/// A loaded model: tokeniser and encoder.
pub struct Model {
    tokenizer: Tokenizer,
    encoder: Encoder,
    specials: Specials,
    /// A short hash of the file it was read from, for provenance.
    hash: String,
}

impl fmt::Debug for Model {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Model")
            .field("dims", &self.encoder.dims)
            .finish_non_exhaustive()
    }
}

impl Model {
    /// Reads a model file (see the crate docs for its layout).
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, Error> {
        let mut r = Reader::new(bytes);
        let (dims, eps) = r.header()?;
        let vocab = r.vocab(dims.vocab)?;
        let encoder = Encoder::read(&mut r, dims, eps)?;
        r.done()?;
        let specials = Specials {
            cls: dims.cls,
            sep: dims.sep,
            open: dims.open,
            close: dims.close,
        };
        Ok(Model {
            tokenizer: Tokenizer::new(vocab, dims.unk),
            encoder,
            specials,
            hash: short_hash(bytes),
        })
    }

    /// The first 12 hex digits of the FNV-1a 64 hash of the model file's
    /// bytes: what outputs name (`…+model.<hash>`) so that a figure can be
    /// traced to the weights that made it.
    pub fn hash(&self) -> &str {
        &self.hash
    }

    /// The tokeniser, for callers that want tokens and their spans.
    pub fn tokenizer(&self) -> &Tokenizer {
        &self.tokenizer
    }

    /// The raw logits for `target` (byte span in `sentence`).
    pub fn logits(&self, sentence: &str, target: Span) -> [f32; 3] {
        let tokens = self.tokenizer.tokenize(sentence);
        self.logits_of(&tokens, target, &mut Scratch::new())
    }

    fn logits_of(&self, tokens: &[tokenizer::Token], target: Span, scratch: &mut Scratch) -> [f32; 3] {
        let (ids, marker) = input::build(
            tokens,
            target.start,
            target.end,
            self.encoder.dims.max_len,
            self.specials,
        );
        self.encoder.logits(&ids, marker, scratch)
    }

    /// The ids the encoder sees for `target` and the index of the opening marker (for tests
    /// that compare with the reference).
    pub fn input_ids(&self, sentence: &str, target: Span) -> (Vec<u32>, usize) {
        let tokens = self.tokenizer.tokenize(sentence);
        input::build(
            &tokens,
            target.start,
            target.end,
            self.encoder.dims.max_len,
            self.specials,
        )
    }

    /// `[p_neg, p_neu, p_pos]` for `target`, a byte span of `sentence`. A span outside the
    /// sentence still gets an answer (the model then reads the sentence with empty markers).
    pub fn predict(&self, sentence: &str, target: Span) -> Probs {
        softmax(self.logits(sentence, target))
    }

    /// [`Model::predict`] for every target of one sentence, tokenising it once.
    pub fn predict_all(&self, sentence: &str, targets: &[Span]) -> Vec<Probs> {
        let tokens = self.tokenizer.tokenize(sentence);
        let mut scratch = Scratch::new();
        targets
            .iter()
            .map(|&t| softmax(self.logits_of(&tokens, t, &mut scratch)))
            .collect()
    }
}

/// Softmax of three logits.
pub fn softmax(l: [f32; 3]) -> Probs {
    let m = l[0].max(l[1]).max(l[2]);
    let e = l.map(|x| (x - m).exp());
    let s = e[0] + e[1] + e[2];
    e.map(|x| x / s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn softmax_sums_to_one_and_keeps_order() {
        let p = softmax([1.0, 2.0, 3.0]);
        assert!((p.iter().sum::<f32>() - 1.0).abs() < 1e-6);
        assert!(p[0] < p[1] && p[1] < p[2]);
        let p = softmax([1000.0, 0.0, -1000.0]);
        assert!((p[0] - 1.0).abs() < 1e-6);
    }

    #[test]
    fn bad_bytes_are_errors_with_sentences() {
        let e = Model::from_bytes(b"").unwrap_err();
        assert!(e.to_string().contains("cut short"), "{e}");
        let e = Model::from_bytes(b"NOTAMODELFILE...").unwrap_err();
        assert!(e.to_string().contains("not a Slant model"), "{e}");
        let mut b = b"SLANTMDL".to_vec();
        b.extend(2u32.to_le_bytes());
        let e = Model::from_bytes(&b).unwrap_err();
        assert!(e.to_string().contains("version 2"), "{e}");
    }

    #[test]
    fn impossible_dimensions_are_refused() {
        let mut b = b"SLANTMDL".to_vec();
        for v in [1u32, 10, 7, 1, 3, 8, 8, 3, 0, 1, 2, 3, 4] {
            b.extend(v.to_le_bytes());
        }
        b.extend(1e-12f32.to_le_bytes());
        let e = Model::from_bytes(&b).unwrap_err();
        assert!(e.to_string().contains("impossible dimensions"), "{e}");
    }
}

/// FNV-1a 64 over `bytes`, as 12 hex digits.
fn short_hash(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{:012x}", h >> 16)
}

#[cfg(test)]
mod hash_tests {
    use super::short_hash;

    #[test]
    fn the_short_hash_is_twelve_hex_digits_and_follows_the_bytes() {
        let a = short_hash(b"model");
        assert_eq!(a.len(), 12);
        assert!(a.chars().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, short_hash(b"modem"));
        assert_eq!(a, short_hash(b"model"));
    }
}
