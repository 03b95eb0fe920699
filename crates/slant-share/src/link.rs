//! The `#v1.` link codec: state ⇄ JSON ⇄ raw DEFLATE ⇄ base64url.
//!
//! This module owns the envelope (prefix, compression, base64, size caps)
//! and the checks against hostile links. It must not know the JSON's fields:
//! those belong to `state`. It must never panic, whatever it is given.

use miniz_oxide::inflate::TINFLStatus;

use crate::error::thousands;
use crate::state::{Origin, parse};
use crate::{MAX_FRAGMENT, MAX_INFLATED, ShareError, SharedState};

/// What every version-1 fragment starts with.
pub const PREFIX: &str = "#v1.";

/// Links longer than this many characters get a warning: some apps cut them.
pub const LINK_WARN_LEN: usize = 8_000;

/// miniz_oxide's strongest level: links are made rarely and should be short.
const LEVEL: u8 = 10;

/// The fragment for `state`, including the leading `#`: `#v1.` followed by
/// base64url (no padding) of the raw DEFLATE of its compact JSON.
///
/// It never fails. A state beyond the limits still encodes, but [`decode`]
/// will refuse it; [`SharedState::check_limits`] says so beforehand.
pub fn encode(state: &SharedState) -> String {
    let deflated = miniz_oxide::deflate::compress_to_vec(state.to_json().as_bytes(), LEVEL);
    let mut out = String::with_capacity(PREFIX.len() + deflated.len().div_ceil(3) * 4);
    out.push_str(PREFIX);
    base64url(&deflated, &mut out);
    out
}

/// The base64url alphabet (RFC 4648 §5).
const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Appends `bytes` in base64url without padding.
fn base64url(bytes: &[u8], out: &mut String) {
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[(n >> (18 - 6 * i)) as usize & 63]));
        }
    }
}

/// The bytes of unpadded base64url, or `None` for a character outside the
/// alphabet, a length that leaves one character over, or set bits after the
/// last whole byte (an encoder never writes them).
fn from_base64url(text: &[u8]) -> Option<Vec<u8>> {
    if text.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(text.len() / 4 * 3 + 2);
    for chunk in text.chunks(4) {
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            let value = match c {
                b'A'..=b'Z' => c - b'A',
                b'a'..=b'z' => c - b'a' + 26,
                b'0'..=b'9' => c - b'0' + 52,
                b'-' => 62,
                b'_' => 63,
                _ => return None,
            };
            n |= u32::from(value) << (18 - 6 * i);
        }
        let bytes = chunk.len() - 1;
        if n & (0x00ff_ffff >> (8 * bytes)) != 0 {
            return None;
        }
        out.extend_from_slice(&n.to_be_bytes()[1..=bytes]);
    }
    Some(out)
}

/// Reads a share fragment, given with or without its `#`, or as a whole URL
/// (what follows its first `#`).
///
/// Whitespace, line breaks, zero-width characters, `=` padding and trailing
/// punctuation that chat apps add are ignored, and the standard base64
/// alphabet's `+` and `/` are read as `-` and `_`. Every failure is a
/// [`ShareError`] with a message for the user; none panics, and none inflates
/// more than [`MAX_INFLATED`] bytes.
pub fn decode(fragment: &str) -> Result<SharedState, ShareError> {
    if fragment.len() > MAX_FRAGMENT {
        return Err(ShareError::LinkTooLong { len: fragment.len() });
    }
    let fragment = fragment_of(fragment);
    if fragment.is_empty() {
        return Err(ShareError::Empty);
    }
    let (version, payload) = split_version(fragment).ok_or(ShareError::NotALink)?;
    match version {
        1 => {}
        0 => return Err(ShareError::NotALink),
        version => return Err(ShareError::NewerVersion { version }),
    }
    let deflated = unbase64(payload)?;
    let json = inflate(&deflated)?;
    let json = std::str::from_utf8(&json).map_err(|_| ShareError::NotText)?;
    parse(json, Origin::Link).map(crate::sanitize)
}

/// Whether `s` (a fragment with or without `#`, or a whole URL) looks like a
/// share link of any version: `v`, digits, `.`. Ordinary anchors such as
/// `#section` or `#v1` are not, so the app can leave them alone.
pub fn is_share_fragment(s: &str) -> bool {
    split_version(fragment_of(s)).is_some_and(|(version, _)| version > 0)
}

/// A warning for a whole link (address and fragment) of `link_len`
/// characters, when it is long enough that some apps may cut it.
pub fn link_len_warning(link_len: usize) -> Option<String> {
    (link_len > LINK_WARN_LEN).then(|| {
        format!(
            "This link is {} characters long. Some apps and sites cut long links short, and a cut link \
             will not open. To keep or send this analysis whole, download it as a file instead.",
            thousands(link_len)
        )
    })
}

/// What follows the first `#`, or all of `s` when it has none, trimmed.
fn fragment_of(s: &str) -> &str {
    match s.split_once('#') {
        Some((_, fragment)) => fragment.trim(),
        None => s.trim(),
    }
}

/// `v<digits>.<payload>` as (version, payload); versions too large for a u64 read as `u64::MAX`.
fn split_version(fragment: &str) -> Option<(u64, &str)> {
    let rest = fragment.strip_prefix('v')?;
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let payload = rest[digits..].strip_prefix('.')?;
    if digits == 0 {
        return None;
    }
    let version = rest[..digits].parse().unwrap_or(u64::MAX);
    Some((version, payload))
}

/// Characters that apps insert into long links without meaning to.
fn is_noise(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '=' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}'
        )
}

/// The payload's bytes: noise and trailing punctuation removed, then base64url.
fn unbase64(payload: &str) -> Result<Vec<u8>, ShareError> {
    // None of these is in the base64url alphabet, so at the end they can only
    // be the sentence around a pasted link.
    let payload = payload.trim_end_matches(|c: char| is_noise(c) || ".,;:!?)]}>\"'’”".contains(c));
    let cleaned: Vec<u8> = payload
        .chars()
        .filter(|&c| !is_noise(c))
        .map(|c| match c {
            '+' => b'-',
            '/' => b'_',
            // Any other non-alphabet character, ASCII or not, fails below.
            c if c.is_ascii() => c as u8,
            _ => b'*',
        })
        .collect();
    if cleaned.is_empty() {
        return Err(ShareError::Damaged);
    }
    from_base64url(&cleaned).ok_or(ShareError::Damaged)
}

/// Raw DEFLATE, inflated into at most `MAX_INFLATED + 1` bytes: miniz_oxide
/// grows its buffer up to that limit and stops there, so a bomb costs a few
/// megabytes and milliseconds, not its full size.
fn inflate(deflated: &[u8]) -> Result<Vec<u8>, ShareError> {
    match miniz_oxide::inflate::decompress_to_vec_with_limit(deflated, MAX_INFLATED + 1) {
        Ok(bytes) if bytes.len() <= MAX_INFLATED => Ok(bytes),
        Ok(_) => Err(ShareError::TooBig),
        Err(e) if e.status == TINFLStatus::HasMoreOutput => Err(ShareError::TooBig),
        Err(_) => Err(ShareError::Corrupt),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragments_are_found_in_urls() {
        assert_eq!(fragment_of("https://x.example/slant/#v1.abc"), "v1.abc");
        assert_eq!(fragment_of("#v1.abc#more"), "v1.abc#more");
        assert_eq!(fragment_of("  v1.abc\n"), "v1.abc");
        assert_eq!(fragment_of("https://x.example/"), "https://x.example/");
    }

    #[test]
    fn versions_are_split_off() {
        assert_eq!(split_version("v1.abc"), Some((1, "abc")));
        assert_eq!(split_version("v12."), Some((12, "")));
        assert_eq!(split_version("v99999999999999999999999.x"), Some((u64::MAX, "x")));
        assert_eq!(split_version("v.abc"), None);
        assert_eq!(split_version("v1"), None);
        assert_eq!(split_version("section"), None);
        assert_eq!(split_version("V1.abc"), None);
    }

    /// A small deterministic generator of test bytes.
    fn bytes(n: usize, seed: u64) -> Vec<u8> {
        let mut x = seed | 1;
        (0..n)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                x as u8
            })
            .collect()
    }

    #[test]
    fn base64url_matches_the_base64_crate() {
        use base64::Engine as _;
        use base64::engine::general_purpose::URL_SAFE_NO_PAD;
        for n in 0..70 {
            let data = bytes(n, n as u64 + 7);
            let mut ours = String::new();
            base64url(&data, &mut ours);
            assert_eq!(ours, URL_SAFE_NO_PAD.encode(&data));
            assert_eq!(from_base64url(ours.as_bytes()), Some(data));
        }
        // Every string of up to three characters from a mixed alphabet, and
        // longer ones from random bytes: accepted and refused alike.
        let chars = b"AQgw-_/+=9z*\xc3";
        let mut inputs: Vec<Vec<u8>> = vec![Vec::new()];
        for len in 1..=3 {
            let mut next = Vec::new();
            for s in inputs.iter().filter(|s| s.len() == len - 1) {
                for &c in chars {
                    let mut t = s.clone();
                    t.push(c);
                    next.push(t);
                }
            }
            inputs.extend(next);
        }
        for seed in 0..400 {
            let raw = bytes(seed % 13 + 1, seed as u64);
            inputs.push(raw.iter().map(|&b| ALPHABET[usize::from(b % 64)]).collect());
        }
        for input in inputs {
            assert_eq!(from_base64url(&input), URL_SAFE_NO_PAD.decode(&input).ok(), "{input:?}");
        }
    }

    #[test]
    fn noise_is_removed_before_base64() {
        let bytes = b"\x00\x01\xfe\xffslant";
        let mut clean = String::new();
        base64url(bytes, &mut clean);
        let noisy = format!("{}\n  {}\u{200b}{}==).", &clean[..3], &clean[3..7], &clean[7..]);
        assert_eq!(unbase64(&noisy).unwrap(), bytes);
        let standard = clean.replace('-', "+").replace('_', "/");
        assert_eq!(unbase64(&standard).unwrap(), bytes);
        assert_eq!(unbase64(""), Err(ShareError::Damaged));
        assert_eq!(unbase64("= \n"), Err(ShareError::Damaged));
        assert_eq!(unbase64("ab*d"), Err(ShareError::Damaged));
        assert_eq!(unbase64("abcde"), Err(ShareError::Damaged));
        assert_eq!(unbase64("é"), Err(ShareError::Damaged));
    }

    #[test]
    fn inflate_stops_at_the_cap() {
        let exact = miniz_oxide::deflate::compress_to_vec(&vec![b'a'; MAX_INFLATED], 1);
        assert_eq!(inflate(&exact).map(|v| v.len()), Ok(MAX_INFLATED));
        let over = miniz_oxide::deflate::compress_to_vec(&vec![b'a'; MAX_INFLATED + 1], 1);
        assert_eq!(inflate(&over), Err(ShareError::TooBig));
        assert_eq!(inflate(&[]), Err(ShareError::Corrupt));
        assert_eq!(inflate(&exact[..exact.len() / 2]), Err(ShareError::Corrupt));
    }

    #[test]
    fn long_links_are_warned_about() {
        assert_eq!(link_len_warning(0), None);
        assert_eq!(link_len_warning(LINK_WARN_LEN), None);
        let warning = link_len_warning(12_345).unwrap();
        assert!(warning.contains("12,345 characters") && warning.contains("download it as a file"));
    }
}
