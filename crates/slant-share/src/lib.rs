//! Slant's share links, saved-analysis files and report downloads.
//!
//! This crate owns three formats, all pure functions with no I/O:
//! - the share link: a URL fragment `#v1.…` that carries the article and the
//!   user's edits, so that opening the link redoes the same analysis
//!   ([`encode`], [`decode`], [`is_share_fragment`], [`link_len_warning`]);
//! - the saved-analysis file: the same state as pretty JSON
//!   ([`state_file`], [`read_state_file`]);
//! - the downloads of a report: its cells as CSV and the whole report as
//!   JSON ([`cells_csv`], [`report_json`]); of a comparison of several
//!   articles: all their cells as one CSV with an `article` column, and
//!   the comparison as JSON ([`articles_csv`], [`comparison_json`]);
//! - the report's wire form between the app's analysis worker and its page
//!   ([`encode_report`], [`decode_report`], or [`Decoding`] a piece at a
//!   time), and the worker's other messages: the settings, a comparison's
//!   articles and the comparison ([`encode_config`], [`encode_articles`],
//!   [`encode_comparison`] and their decoders).
//!
//! It must not depend on the web (no yew, web-sys, wasm-bindgen, gloo): it
//! builds and tests natively and for `wasm32-unknown-unknown`, for the app and
//! the CLI alike. It never panics, whatever link or file it is given; every
//! failure is a [`ShareError`] whose `Display` is a message for the user.
//! state it decodes comes back cleaned by [`sanitize`] (valences clamped,
//! terms normalised, ids given, lists capped), so every caller loads a safe one.
//!
//! # The link format, version 1
//!
//! A link is the app's address followed by a fragment, which browsers never
//! send to a server:
//!
//! ```text
//! fragment = "#v1." base64url( deflate( json ) )
//! ```
//!
//! 1. `json` is the state as UTF-8 JSON (compact, as [`SharedState::to_json`]
//!    writes it, though any valid JSON object is read):
//!
//!    ```text
//!    {
//!      "v": 1,                  format version; a missing "v" reads as 1, a larger one is refused
//!      "text": "…",             the article; in a comparison, the first article
//!      "label": "…",            optional; the first article's label in a comparison
//!      "articles": [            optional; the second and later articles of a comparison, in order
//!        {"label": "…", "text": "…"}                 each field optional; at most 7 (8 articles in all)
//!      ],
//!      "actors": {              optional, slant_core::ActorEdits; each list optional
//!        "add":    [{"id": "", "name": "…", "kind": "person|country|organisation|other", "aliases": ["…"]}],
//!        "rename": [["id", "new name"]],
//!        "merge":  [["from id", "into id"]],
//!        "remove": ["id"]
//!      },
//!      "lexicon": [{"term": "…", "valence": -2.5}],   optional; valence on VADER's -4..4, null switches the word off
//!      "switched_off": ["id"],                         optional; actors switched off in the UI
//!      "precise": true,                                optional; Precise mode on (the model checks every
//!                                                      cell); missing or false means off
//!      "made_by": "slant 0.1.0+data.9eecc28d855b"      optional; the engine that made it (provenance()):
//!                                                      a reader on another engine notes that scores may differ
//!    }
//!    ```
//!
//!    Readers ignore fields they do not know and treat missing ones as empty,
//!    so a later version can add fields and keep `"v": 1`.
//! 2. `deflate` is raw DEFLATE (RFC 1951): no zlib or gzip header or
//!    checksum. Any compression level or block type will do; Slant uses
//!    miniz_oxide's strongest level.
//! 3. `base64url` is RFC 4648 §5 (alphabet `A–Z a–z 0–9 - _`) without `=`
//!    padding.
//!
//! Readers take what follows the first `#` of a whole URL, ignore whitespace,
//! line breaks, zero-width characters, `=` and trailing punctuation, and read
//! `+` and `/` as `-` and `_`. They refuse a fragment (or URL) longer than
//! [`MAX_FRAGMENT`] bytes, a stream that inflates past [`MAX_INFLATED`]
//! bytes, an article longer than [`MAX_TEXT`] bytes, and a `"v"` of 0.
//!
//! For example, the one-line article `Russia attacked Ukraine.` with no edits
//! is the JSON `{"v":1,"text":"Russia attacked Ukraine."}` and the fragment
//! below (asserted here, so it stays true). Text this short does not shrink,
//! so DEFLATE stores it as one uncompressed block: five header bytes (final
//! stored block, length 41: `01 29 00 d6 ff`), then the 41 bytes of JSON.
//!
//! ```
//! use slant_share::{SharedState, decode, encode};
//!
//! let state = SharedState {
//!     text: "Russia attacked Ukraine.".into(),
//!     ..SharedState::default()
//! };
//! assert_eq!(state.to_json(), r#"{"v":1,"text":"Russia attacked Ukraine."}"#);
//! let fragment = encode(&state);
//! assert_eq!(fragment, "#v1.ASkA1v97InYiOjEsInRleHQiOiJSdXNzaWEgYXR0YWNrZWQgVWtyYWluZS4ifQ");
//! assert_eq!(decode(&fragment), Ok(state.clone()));
//! // Whole URLs, and links broken over lines by a chat app, read the same.
//! let pasted = format!("https://example.org/slant/{}\n  {}\n", &fragment[..12], &fragment[12..]);
//! assert_eq!(decode(&pasted), Ok(state));
//! ```
//!
//! A comparison of several articles carries the first in `text` (with its
//! label in `label`) and the others in `articles`, so a single-article state
//! is written exactly as before, and a reader that does not know `articles`
//! opens the first article alone. The actor and lexicon edits apply to every
//! article. Two articles labelled "The Courier" and "Harbour Post":
//!
//! ```
//! use slant_share::{SharedArticle, SharedState, decode, encode};
//!
//! let state = SharedState {
//!     text: "Britain hailed a landmark deal.".into(),
//!     label: "The Courier".into(),
//!     articles: vec![SharedArticle {
//!         label: "Harbour Post".into(),
//!         text: "Critics called the deal flawed.".into(),
//!     }],
//!     ..SharedState::default()
//! };
//! assert_eq!(
//!     state.to_json(),
//!     r#"{"v":1,"text":"Britain hailed a landmark deal.","label":"The Courier","articles":[{"label":"Harbour Post","text":"Critics called the deal flawed."}]}"#
//! );
//! assert_eq!(
//!     state.all_articles(),
//!     [
//!         ("The Courier", "Britain hailed a landmark deal."),
//!         ("Harbour Post", "Critics called the deal flawed."),
//!     ]
//! );
//! let fragment = encode(&state);
//! assert!(fragment.starts_with("#v1."));
//! assert_eq!(decode(&fragment), Ok(state));
//! ```
//!
//! Precise mode is one more field, written only when it is on; a link
//! without it (every link made before it existed) opens with the mode off:
//!
//! ```
//! use slant_share::{SharedState, decode, encode};
//!
//! let state = SharedState {
//!     text: "Russia attacked Ukraine.".into(),
//!     precise: true,
//!     ..SharedState::default()
//! };
//! assert_eq!(state.to_json(), r#"{"v":1,"text":"Russia attacked Ukraine.","precise":true}"#);
//! assert_eq!(decode(&encode(&state)), Ok(state));
//! let old = decode("#v1.ASkA1v97InYiOjEsInRleHQiOiJSdXNzaWEgYXR0YWNrZWQgVWtyYWluZS4ifQ").unwrap();
//! assert!(!old.precise);
//! ```
//!
//! Another tool can make the same kind of link with any DEFLATE library,
//! for instance in Python. Its encoder chooses other blocks, so its fragment
//! differs from Slant's, but it opens the same state (a test checks this):
//!
//! ```text
//! import base64, json, zlib
//! c = zlib.compressobj(9, zlib.DEFLATED, -15)            # wbits -15: raw DEFLATE
//! raw = json.dumps({"v": 1, "text": "Russia attacked Ukraine."}).encode()
//! print("#v1." + base64.urlsafe_b64encode(c.compress(raw) + c.flush()).decode().rstrip("="))
//! ```
//!
//! # The saved-analysis file
//!
//! [`state_file`] writes the same JSON, pretty-printed, with
//! `"slant": "share-state"` first: a file the app can offer as "download this
//! analysis" and open again with [`read_state_file`], which refuses any other
//! file with a clear message. Reports downloaded with [`report_json`] say
//! `"slant": "report"` instead.
//!
//! # The app's draft
//!
//! The app keeps the user's work in the browser's localStorage as the same
//! compact JSON as a link's ([`SharedState::to_json`]), read back through
//! [`sanitize`] like a link. A draft's JSON of up to 256 KiB is the value of
//! the key `slant.draft.v1`. A longer one is stored in slices of at most
//! 256 KiB, one per task, so that keeping a 2 MB article never blocks the
//! page (a single 2 MB `setItem` takes 70–130 ms): the keys
//! `slant.draft.v1.a.0`, `slant.draft.v1.a.1`… (or `.b.…`, alternating
//! between saves) hold the slices, and `slant.draft.v1.parts` = `"a:8"`,
//! written last, names the generation and the count. The slices joined are
//! the JSON. A reader takes the sliced draft when `slant.draft.v1.parts` is
//! there and every slice with it, else `slant.draft.v1`.

mod error;
mod export;
mod json;
mod link;
mod number;
mod sanitize;
mod state;
mod wire;
mod write;

pub use error::{ShareError, human_size, thousands};
pub use export::{
    ARTICLES_CSV_HEADER, CSV_HEADER, articles_csv, cells_csv, comparison_json, push_text as push_csv_text, report_json,
};
pub use link::{LINK_WARN_LEN, PREFIX, decode, encode, is_share_fragment, link_len_warning};
pub use number::{MAX_PLACES, fixed, push_fixed, short};
pub use sanitize::{
    MAX_EDITS, MAX_LABEL_CHARS, MAX_TERM_CHARS, MAX_VALENCE, MIN_VALENCE, clamp_valence, normalize_term, sanitize,
    set_override,
};
pub use state::{STATE_FILE_KIND, SharedArticle, SharedState, read_state_file, state_file};
pub use wire::{
    Decoding, WireError, decode_articles, decode_comparison, decode_config, decode_report, encode_articles,
    encode_comparison, encode_config, encode_report,
};

/// The engine version and a short hash of the data it bundles, as
/// `slant 0.1.0+data.0123456789ab`: what links, files and exports name so
/// that a figure can be traced to the engine that made it.
pub fn provenance() -> String {
    format!("slant {}+data.{}", slant_core::VERSION, slant_core::DATA_HASH)
}

/// A note for the reader of a state made by another engine than this one:
/// scores may differ from what its author saw. `None` when the same engine
/// made it, or when the writer did not say.
pub fn version_notice(state: &SharedState) -> Option<String> {
    let here = provenance();
    (!state.made_by.is_empty() && state.made_by != here).then(|| {
        format!(
            "This analysis was made by {}; this page runs {here}. Its scores may differ from what its author saw.",
            state.made_by
        )
    })
}

/// Sorts `order`, a list of indices, by `cmp`, stably. The app and this
/// crate sort their indices through this one function: in the page's
/// WebAssembly every `sort_by` closure is otherwise its own copy of the
/// standard library's sort, about 4 KB each. There it is the engine's shared
/// merge sort; natively the standard library's (the same order: both are stable).
pub fn sort_indices(order: &mut [usize], cmp: &dyn Fn(usize, usize) -> std::cmp::Ordering) {
    if cfg!(target_arch = "wasm32") {
        slant_core::sort_indices(order, &mut |a, b| cmp(a, b));
    } else {
        order.sort_by(|&a, &b| cmp(a, b));
    }
}

/// The format version this build writes and reads (the `1` of `#v1.` and of `"v": 1`).
pub const FORMAT_VERSION: u64 = 1;

/// The most bytes a link may inflate to: more is refused as a possible bomb.
pub const MAX_INFLATED: usize = 2 * 1024 * 1024;

/// The longest fragment (or whole URL) [`decode`] reads, in bytes.
pub const MAX_FRAGMENT: usize = 4 * 1024 * 1024;

/// The longest article a link may carry, in bytes. Half of [`MAX_INFLATED`],
/// so that its JSON still fits when quotes and line breaks double in
/// escaping. A saved-analysis file is limited by [`MAX_FILE`] instead: it is
/// what the app offers when an article is too long for a link.
pub const MAX_TEXT: usize = 1024 * 1024;

/// The largest saved-analysis file [`read_state_file`] reads, in bytes.
pub const MAX_FILE: usize = 4 * 1024 * 1024;

#[cfg(test)]
mod provenance_tests {
    use super::*;

    #[test]
    fn provenance_names_the_version_and_the_data() {
        let p = provenance();
        assert!(p.starts_with(&format!("slant {}+data.", slant_core::VERSION)), "{p}");
        assert_eq!(p.rsplit('.').next().map(str::len), Some(12));
    }

    #[test]
    fn a_state_from_another_engine_gets_a_notice() {
        let mut state = SharedState {
            text: "Russia attacked Ukraine.".into(),
            ..SharedState::default()
        };
        assert_eq!(version_notice(&state), None, "the writer did not say");
        state.made_by = provenance();
        assert_eq!(version_notice(&state), None, "the same engine");
        state.made_by = "slant 0.0.9+data.000000000000".into();
        let notice = version_notice(&state).unwrap();
        assert!(notice.starts_with("This analysis was made by slant 0.0.9+data.000000000000; this page runs slant "));
        assert!(notice.ends_with("Its scores may differ from what its author saw."));
        // It travels in links and files, and does not make two states differ.
        let back = decode(&encode(&state)).unwrap();
        assert_eq!(back.made_by, state.made_by);
        assert_eq!(
            back,
            SharedState {
                made_by: String::new(),
                ..state.clone()
            }
        );
        assert_eq!(read_state_file(&state_file(&state)).unwrap().made_by, state.made_by);
    }
}
