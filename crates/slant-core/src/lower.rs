//! Lowercasing without the standard library's case table. `char::to_lowercase`
//! and `str::to_lowercase` link core's lowercase table (some 11 KB) and its
//! final-sigma tables into the page; this module owns a compact copy of the
//! same mappings, which `build.rs` derives from `char::to_lowercase` over
//! every `char` with the same toolchain (so the same Unicode version): runs of
//! characters with one offset to their lowercase, and the few characters
//! whose lowercase is two characters (U+0130 "İ" is "i̇").
//!
//! [`lower_char`] gives what `char::to_lowercase` gives, for every character.
//! [`lower`] lowercases character by character, so it differs from
//! `str::to_lowercase` in one place: a capital sigma at the end of a word is
//! "σ" here, "ς" there. The engine compares words, and every call site folds
//! both sides the same way, so "ΟΔΥΣΣΕΥΣ" and "Οδυσσευς" still differ only in
//! that letter; outputs can differ from the standard library's only for text
//! with a capital sigma.

include!(concat!(env!("OUT_DIR"), "/lower.rs"));

/// The lowercase of one character, as an iterator of one or two characters
/// (like `char::to_lowercase`'s).
#[derive(Clone, Debug)]
pub enum LowerChar {
    /// One character, until it is read.
    One(Option<char>),
    /// More than one character.
    Many(std::str::Chars<'static>),
}

impl Iterator for LowerChar {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        match self {
            LowerChar::One(c) => c.take(),
            LowerChar::Many(chars) => chars.next(),
        }
    }
}

/// The lowercase of `c`: what `char::to_lowercase` yields.
pub fn lower_char(c: char) -> LowerChar {
    if c.is_ascii() {
        return LowerChar::One(Some(c.to_ascii_lowercase()));
    }
    if let Some((_, s)) = MULTI.iter().find(|(m, _)| *m == c) {
        return LowerChar::Many(s.chars());
    }
    let u = u32::from(c);
    let i = RANGES.partition_point(|&(key, _)| key >> 11 <= u);
    let hit = i.checked_sub(1).and_then(|i| RANGES.get(i)).and_then(|&(key, offset)| {
        let (start, len, stride) = (key >> 11, (key >> 1) & 0x3FF, 1 + (key & 1));
        let at = u - start;
        (at % stride == 0 && at / stride < len).then(|| char::from_u32(u.wrapping_add_signed(offset)))?
    });
    LowerChar::One(Some(hit.unwrap_or(c)))
}

/// `text` lowercased character by character: `str::to_lowercase` except that
/// a word-final capital sigma is "σ", not "ς" (see the module docs).
pub fn lower(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(text.len());
    out.extend(text.chars().flat_map(lower_char));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_char_lowercases_as_the_standard_library_does() {
        let mut mapped = 0;
        for c in (0..=0x10FFFF_u32).filter_map(char::from_u32) {
            let want: String = c.to_lowercase().collect();
            let got: String = lower_char(c).collect();
            assert_eq!(got, want, "U+{:04X}", u32::from(c));
            mapped += usize::from(want != c.to_string());
        }
        // Some 1,400 characters have a lowercase of their own.
        assert!(mapped > 1000, "{mapped}");
    }

    #[test]
    fn text_lowercases_as_the_standard_library_does_without_a_capital_sigma() {
        for text in [
            "Straße",
            "İstanbul",
            "ÉLYSÉE Palace",
            "Ἀθῆναι",
            "Київ",
            "ǅemal",
            "Die ÄRZTE",
            "ABC",
        ] {
            assert_eq!(lower(text), text.to_lowercase(), "{text}");
        }
    }

    #[test]
    fn a_capital_sigma_is_always_a_medial_sigma() {
        // The standard library ends the word with "ς"; here both are "σ".
        assert_eq!("ΟΔΥΣΣΕΥΣ ΣΑΣ".to_lowercase(), "οδυσσευς σας");
        assert_eq!(lower("ΟΔΥΣΣΕΥΣ ΣΑΣ"), "οδυσσευσ σασ");
        // A small final sigma stays as it is written.
        assert_eq!(lower("Οδυσσευς"), "οδυσσευς");
    }
}
