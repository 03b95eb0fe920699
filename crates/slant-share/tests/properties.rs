//! Property tests: decoding never panics on anything, and every state, in
//! any script, survives a link and a file unchanged.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use proptest::prelude::*;
use slant_core::{ActorEdits, ActorKind, ActorSpec, LexiconOverride};
use slant_share::{
    SharedArticle, SharedState, decode, encode, is_share_fragment, read_state_file, sanitize, state_file,
};

/// Text in any script: arbitrary chars, plus clusters that break naive code
/// (combining marks, flags, ZWJ families, right-to-left, quotes, controls).
fn text() -> impl Strategy<Value = String> {
    let awkward = prop::sample::select(vec![
        "e\u{301}",
        "a\u{308}\u{332}",
        "🇺🇦",
        "👩‍👩‍👧",
        "\u{200d}",
        "שלום",
        "中文",
        "“",
        "\"",
        "\\",
        "\n\n",
        "\r\n",
        "\t",
        "\u{0}",
        "\u{feff}",
        "#v1.",
        " ",
        "Russia",
    ]);
    prop_oneof![
        any::<String>(),
        prop::collection::vec(awkward, 0..40).prop_map(|parts| parts.concat()),
        "[A-Za-z ,.'’-]{0,200}",
    ]
}

fn short() -> impl Strategy<Value = String> {
    prop_oneof!["[a-z-]{0,12}", any::<String>()]
}

fn kind() -> impl Strategy<Value = ActorKind> {
    prop::sample::select(vec![
        ActorKind::Person,
        ActorKind::Country,
        ActorKind::Organisation,
        ActorKind::Other,
    ])
}

fn edits() -> impl Strategy<Value = ActorEdits> {
    let spec =
        (short(), short(), kind(), prop::collection::vec(short(), 0..3)).prop_map(|(id, name, kind, aliases)| {
            ActorSpec {
                id,
                name,
                kind,
                aliases,
            }
        });
    (
        prop::collection::vec(spec, 0..3),
        prop::collection::vec((short(), short()), 0..3),
        prop::collection::vec((short(), short()), 0..3),
        prop::collection::vec(short(), 0..3),
    )
        .prop_map(|(add, rename, merge, remove)| ActorEdits {
            add,
            rename,
            merge,
            remove,
        })
}

fn overrides() -> impl Strategy<Value = Vec<LexiconOverride>> {
    let valence = prop_oneof![Just(None), (-4.0f32..=4.0).prop_map(Some)];
    let one = (short(), valence).prop_map(|(term, valence)| LexiconOverride { term, valence });
    prop::collection::vec(one, 0..4)
}

fn articles() -> impl Strategy<Value = Vec<SharedArticle>> {
    let one = (short(), text()).prop_map(|(label, text)| SharedArticle { label, text });
    prop_oneof![Just(Vec::new()), prop::collection::vec(one, 0..7)]
}

fn state() -> impl Strategy<Value = SharedState> {
    (
        text(),
        short(),
        articles(),
        edits(),
        overrides(),
        prop::collection::vec(short(), 0..3),
        any::<bool>(),
    )
        .prop_map(
            |(text, label, articles, actors, lexicon, switched_off, precise)| SharedState {
                text,
                label,
                articles,
                actors,
                lexicon,
                switched_off,
                precise,
                made_by: String::new(),
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn decode_never_panics_on_strings(s in any::<String>()) {
        let _ = decode(&s);
        let _ = is_share_fragment(&s);
        let _ = read_state_file(&s);
    }

    #[test]
    fn decode_never_panics_on_base64ish_strings(s in "#v[0-9]{1,3}\\.[A-Za-z0-9_=+/ \n-]{0,300}") {
        let _ = decode(&s);
    }

    #[test]
    fn decode_never_panics_on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        let _ = decode(&format!("#v1.{}", URL_SAFE_NO_PAD.encode(&bytes)));
    }

    #[test]
    fn decode_never_panics_on_deflated_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        // Valid DEFLATE of anything: reaches the UTF-8 and JSON checks.
        let deflated = miniz_oxide::deflate::compress_to_vec(&bytes, 1);
        let _ = decode(&format!("#v1.{}", URL_SAFE_NO_PAD.encode(&deflated)));
    }

    #[test]
    fn decode_never_panics_on_json_like_text(json in r#"\{("(v|text|label|articles|actors|lexicon|switched_off|add|name|term|valence)"|[:,\[\]{} 0-9.e-]|null|true|"[a-z]*"){0,40}\}?"#) {
        let deflated = miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 1);
        let _ = decode(&format!("#v1.{}", URL_SAFE_NO_PAD.encode(&deflated)));
        let _ = read_state_file(&json);
    }

    #[test]
    fn altered_links_never_panic(state in state(), at in any::<prop::sample::Index>(), c in any::<char>()) {
        let link = encode(&state);
        let mut chars: Vec<char> = link.chars().collect();
        let i = at.index(chars.len());
        chars[i] = c;
        let altered: String = chars.into_iter().collect();
        let _ = decode(&altered);
    }

    #[test]
    fn links_round_trip(state in state()) {
        let link = encode(&state);
        // What comes back is the state cleaned up, as every decoded state is.
        let state = sanitize(state);
        prop_assert!(link.starts_with("#v1."));
        prop_assert!(link[4..].bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        prop_assert!(is_share_fragment(&link));
        prop_assert_eq!(decode(&link), Ok(state.clone()));
        prop_assert_eq!(decode(&link[1..]), Ok(state.clone()));
        prop_assert_eq!(decode(&format!("https://example.org/slant/?a=b{link}")), Ok(state));
    }

    #[test]
    fn files_round_trip(state in state()) {
        prop_assert_eq!(read_state_file(&state_file(&state)), Ok(sanitize(state)));
    }

    #[test]
    fn cleaning_twice_changes_nothing(state in state()) {
        let once = sanitize(state);
        prop_assert_eq!(sanitize(once.clone()), once);
    }

    #[test]
    fn encoding_is_deterministic(state in state()) {
        prop_assert_eq!(encode(&state), encode(&state.clone()));
    }
}
