//! Links that are damaged, foreign or made to hurt: each gives its own error,
//! quickly, and none panics.

use std::time::{Duration, Instant};

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use miniz_oxide::deflate::core::{
    CompressorOxide, TDEFLFlush, TDEFLStatus, compress, create_comp_flags_from_zip_params,
};
use slant_share::{MAX_FRAGMENT, MAX_INFLATED, MAX_TEXT, ShareError, SharedState, decode, encode, is_share_fragment};

const SEED: &str = include_str!("../../../seeds/macron-starmer-white-house.txt");

/// `#v1.` + base64url of `bytes` as they are.
fn wrap(bytes: &[u8]) -> String {
    format!("#v1.{}", URL_SAFE_NO_PAD.encode(bytes))
}

/// `#v1.` + base64url of the raw DEFLATE of `bytes`.
fn deflate_wrap(bytes: &[u8]) -> String {
    wrap(&miniz_oxide::deflate::compress_to_vec(bytes, 6))
}

/// A raw DEFLATE stream of `repeats` MiB of zeros, built without ever holding
/// them: one MiB compressed once, ending on a byte boundary with no final
/// bit, repeated, then an empty final block.
fn zero_bomb(repeats: usize) -> Vec<u8> {
    const MIB: usize = 1024 * 1024;
    let mut compressor = CompressorOxide::new(create_comp_flags_from_zip_params(9, -15, 0));
    let mut chunk = vec![0; 64 * 1024];
    let (status, read, written) = compress(&mut compressor, &vec![0; MIB], &mut chunk, TDEFLFlush::Full);
    assert_eq!((status, read), (TDEFLStatus::Okay, MIB));
    chunk.truncate(written);
    let mut bomb = chunk.repeat(repeats);
    // BFINAL = 1, BTYPE = fixed Huffman, then the end-of-block code.
    bomb.extend_from_slice(&[0x03, 0x00]);
    bomb
}

#[test]
fn the_zero_bomb_is_what_it_claims() {
    // Three MiB inflates fully when nothing limits it: the bombs below are real.
    let full = miniz_oxide::inflate::decompress_to_vec(&zero_bomb(3)).unwrap();
    assert_eq!(full.len(), 3 * 1024 * 1024);
    assert!(full.iter().all(|&b| b == 0));
}

#[test]
fn bombs_are_refused_quickly() {
    for (mib, name) in [(50, "50 MB"), (1024, "1 GiB")] {
        let link = wrap(&zero_bomb(mib));
        assert!(link.len() < MAX_FRAGMENT, "{name}: {} characters", link.len());
        let start = Instant::now();
        assert_eq!(decode(&link), Err(ShareError::TooBig), "{name}");
        let took = start.elapsed();
        // Stopping at the 2 MiB cap takes milliseconds; inflating 1 GiB would
        // take seconds and a gigabyte.
        assert!(took < Duration::from_secs(3), "{name} took {took:?}");
        eprintln!("{name} bomb: {} characters, refused in {took:?}", link.len());
    }
}

#[test]
fn the_inflate_cap_is_exact() {
    // JSON of exactly MAX_INFLATED bytes: `{"v":1,"text":"aaa…"}`.
    let overhead = r#"{"v":1,"text":""}"#.len();
    let fits = format!(r#"{{"v":1,"text":"{}"}}"#, "a".repeat(MAX_INFLATED - overhead));
    assert_eq!(fits.len(), MAX_INFLATED);
    // The text is over MAX_TEXT, which is checked after inflating: the cap let it through.
    assert_eq!(
        decode(&deflate_wrap(fits.as_bytes())),
        Err(ShareError::TextTooLong {
            len: MAX_INFLATED - overhead
        })
    );
    let over = format!("{fits} ");
    assert_eq!(decode(&deflate_wrap(over.as_bytes())), Err(ShareError::TooBig));
}

#[test]
fn empty_fragments_are_empty() {
    for s in ["", "#", "  #  ", "https://example.org/slant/#", "\n"] {
        assert_eq!(decode(s), Err(ShareError::Empty), "{s:?}");
        assert!(!is_share_fragment(s));
    }
}

#[test]
fn ordinary_anchors_are_not_links() {
    for s in [
        "#section",
        "#v1",
        "#v0.abc",
        "#v.abc",
        "#V1.abc",
        "https://example.org/slant/",
        "#about-v1.2",
    ] {
        assert_eq!(decode(s), Err(ShareError::NotALink), "{s:?}");
        assert!(!is_share_fragment(s), "{s:?}");
    }
    for s in ["#v1.abc", "v1.abc", "https://example.org/#v1.", "#v2.abc"] {
        assert!(is_share_fragment(s), "{s:?}");
    }
}

#[test]
fn newer_versions_say_so() {
    assert_eq!(decode("#v2.abc"), Err(ShareError::NewerVersion { version: 2 }));
    assert_eq!(decode("#v17."), Err(ShareError::NewerVersion { version: 17 }));
    let message = decode("https://example.org/#v2.x").unwrap_err().to_string();
    assert!(message.contains("made by a newer version of Slant"), "{message}");
    // A version-1 envelope whose JSON says it is newer.
    let json = deflate_wrap(br#"{"v":3,"text":{"new":"shape"}}"#);
    assert_eq!(decode(&json), Err(ShareError::NewerVersion { version: 3 }));
}

#[test]
fn overlong_fragments_are_refused_before_any_work() {
    let long = format!("#v1.{}", "A".repeat(MAX_FRAGMENT));
    let start = Instant::now();
    assert_eq!(decode(&long), Err(ShareError::LinkTooLong { len: long.len() }));
    assert!(start.elapsed() < Duration::from_millis(100));
}

#[test]
fn bad_base64_is_damaged() {
    for s in ["#v1.", "#v1.   ", "#v1.a", "#v1.ab*cd", "#v1.abc%3D", "#v1.ab cd é"] {
        let err = decode(s).unwrap_err();
        assert_eq!(err, ShareError::Damaged, "{s:?}");
        assert!(err.to_string().contains("it may have been cut off"));
    }
}

#[test]
fn corrupt_streams_are_corrupt() {
    // Reserved block type 3, a zlib header, a stream cut short, nothing at all.
    let seed = miniz_oxide::deflate::compress_to_vec(br#"{"v":1,"text":"Russia attacked Ukraine."}"#, 9);
    let zlib = miniz_oxide::deflate::compress_to_vec_zlib(SEED.as_bytes(), 9);
    for bytes in [&[0xff, 0xff, 0xff][..], &zlib, &seed[..seed.len() - 3], &[]] {
        // An empty payload is caught as damaged base64 before inflating.
        let expected = if bytes.is_empty() {
            ShareError::Damaged
        } else {
            ShareError::Corrupt
        };
        assert_eq!(decode(&wrap(bytes)), Err(expected));
    }
}

#[test]
fn every_cut_of_a_real_link_fails_cleanly() {
    let link = encode(&SharedState {
        text: SEED.into(),
        ..SharedState::default()
    });
    for end in 4..link.len() {
        let err = decode(&link[..end]).unwrap_err();
        assert!(
            matches!(err, ShareError::Damaged | ShareError::Corrupt),
            "{end}: {err:?}"
        );
        assert!(err.to_string().contains("cut off"), "{end}: {err}");
    }
}

#[test]
fn bytes_that_are_not_text_are_not_text() {
    assert_eq!(
        decode(&deflate_wrap(b"{\"text\":\"\xff\xfe\"}")),
        Err(ShareError::NotText)
    );
}

#[test]
fn other_json_is_invalid() {
    for json in [
        "not json",
        "[1,2,3]",
        "{\"text\": 5}",
        "{\"v\": 1, \"lexicon\": {}}",
        "null",
        "",
    ] {
        let err = decode(&deflate_wrap(json.as_bytes())).unwrap_err();
        assert!(matches!(err, ShareError::Invalid { .. }), "{json:?}: {err:?}");
    }
}

#[test]
fn overlong_articles_are_refused() {
    let state = SharedState {
        text: "é".repeat(MAX_TEXT / 2 + 1),
        ..SharedState::default()
    };
    assert_eq!(
        decode(&encode(&state)),
        Err(ShareError::TextTooLong { len: MAX_TEXT + 2 })
    );
    assert_eq!(state.check_limits(), Err(ShareError::TextTooLong { len: MAX_TEXT + 2 }));
}

#[test]
fn links_made_elsewhere_open() {
    // Made by the Python snippet in the crate docs (zlib at wbits -15, which
    // also escapes every non-ASCII character as \uXXXX).
    let simple = "#v1.q1YqU7JSMNRRUCpJrSgBMpWCSouLMxMVEktKEpOzU1MUQrOLEjPzUvWUagE";
    assert_eq!(
        decode(simple),
        Ok(SharedState {
            text: "Russia attacked Ukraine.".into(),
            ..SharedState::default()
        })
    );
    let edited = "#v1.RY5LCsMwDESvYrTuIiFQmhylH4psyzTUscFW0pSQu1fKphtppBkes8ECg2lPBphWFgnXfJ-bhqypOPrB6IFWp-vjtx5eT7qsFdNfOifTB_\
                  xrOhsNdE0LwkXHuVQhb1BoyguJvEEomBzBY5dEpHV0Oel_kxpl0hrIjO5NXhELRtL0YNIc4_6QV_2M7F7knzmEA5iQs-B-";
    let state = decode(edited).unwrap();
    assert_eq!(state.text, "Zoë said: «Élysée» 🇺🇦 e\u{301}");
    assert_eq!(state.actors.remove, ["france"]);
    assert_eq!(state.lexicon[0].term, "attacked");
    assert_eq!(state.lexicon[0].valence, None);
    assert_eq!(state.switched_off, ["nato"]);
}

#[test]
fn the_seed_article_makes_a_short_enough_link() {
    let state = SharedState {
        text: SEED.into(),
        ..SharedState::default()
    };
    let link = encode(&state);
    eprintln!(
        "seed: {} bytes of text, {} of JSON, a {}-character link",
        SEED.len(),
        state.to_json().len(),
        link.len()
    );
    assert!(link.len() < SEED.len(), "DEFLATE should more than pay for base64");
    assert!(slant_share::link_len_warning(link.len()).is_none());
    assert_eq!(decode(&link), Ok(state));
}
