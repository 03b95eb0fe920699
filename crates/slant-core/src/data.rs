//! The embedded data's shared reading: `build.rs` writes the denser,
//! well-formed form of `data/` into `OUT_DIR`, and the stages that own each
//! table parse it with these helpers. [`DATA_HASH`] names that data.

/// A short hash of the embedded data files (12 hex digits of FNV-1a 64),
/// computed by `build.rs`: two builds with the same hash read the same data.
pub const DATA_HASH: &str = env!("SLANT_DATA_HASH");

/// Splits `text` on an ASCII byte. The embedded data is read once per page,
/// in the size-optimised WebAssembly build, where byte scans cost far less
/// than `str::split`'s char searching.
pub(crate) fn split_bytes(text: &str, sep: u8) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let r = rest?;
        match r.bytes().position(|b| b == sep) {
            // An ASCII separator always sits on char boundaries.
            Some(i) => {
                rest = Some(&r[i + 1..]);
                Some(&r[..i])
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
}

/// Reads a plain decimal (`-1.5`, `0.3`, `2`) as the nearest `f32`, exactly
/// as `str::parse::<f32>` would: the digits as an integer divided by a power
/// of ten, both exact in `f32`, is one correctly rounded division. Anything
/// else (exponents, more than seven digits, ten decimals) is `None`. The
/// embedded tables' numbers all fit, and reading them this way keeps the
/// standard library's general float parser, with its 10 KB power table,
/// out of the page.
pub(crate) fn decimal(text: &str) -> Option<f32> {
    let (negative, digits) = match text.as_bytes() {
        [b'-', rest @ ..] => (true, rest),
        [b'+', rest @ ..] => (false, rest),
        rest => (false, rest),
    };
    let (mut n, mut count, mut scale, mut point) = (0u32, 0u32, 0i32, false);
    for &b in digits {
        match b {
            b'.' if !point => point = true,
            b'0'..=b'9' if count < 7 => {
                n = n * 10 + u32::from(b - b'0');
                count += 1;
                scale += i32::from(point);
            }
            _ => return None,
        }
    }
    if count == 0 || scale > 10 {
        return None;
    }
    // Below 2^24 and 10^10 = 2^10 * 5^10 with 5^10 < 2^24: both exact in f32.
    let value = n as f32 / 10f32.powi(scale);
    Some(if negative { -value } else { value })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_bytes_is_split() {
        for (text, sep) in [("a\tb\t\tc", b'\t'), ("", b'\n'), ("é\nü\n", b'\n'), ("\t", b'\t')] {
            let want: Vec<&str> = text.split(sep as char).collect();
            assert_eq!(split_bytes(text, sep).collect::<Vec<_>>(), want, "{text:?}");
        }
    }

    #[test]
    fn decimal_is_parse() {
        for text in [
            "-1.5", "0.3", "2", "-0.1", "3.4", "+1.25", "0.0", "-0", "1234567", "0.000001", "9.999999", "-3.9",
        ] {
            assert_eq!(decimal(text), text.parse::<f32>().ok(), "{text:?}");
        }
        for text in [
            "",
            "-",
            ".",
            "1e3",
            "1..2",
            "12345678",
            "0.00000000001",
            " 1",
            "1-",
            "nan",
            "inf",
        ] {
            assert_eq!(decimal(text), None, "{text:?}");
        }
    }

    #[test]
    fn decimal_reads_every_embedded_number_as_parse_does() {
        let mut seen = 0;
        for tsv in [
            include_str!(concat!(env!("OUT_DIR"), "/vader.tsv")),
            include_str!(concat!(env!("OUT_DIR"), "/afinn.tsv")),
            include_str!(concat!(env!("OUT_DIR"), "/news.tsv")),
        ] {
            // The first line holds the lexicon's valences.
            for value in split_bytes(tsv, b'\n').next().unwrap_or("").split('\t') {
                assert_eq!(decimal(value), Some(value.parse::<f32>().unwrap()), "{value:?}");
                seen += 1;
            }
        }
        for line in include_str!(concat!(env!("OUT_DIR"), "/predicates.tsv")).lines() {
            let cols: Vec<&str> = line.split('\t').collect();
            if line.starts_with('#') || cols.len() != 6 {
                continue;
            }
            for value in &cols[2..4] {
                assert_eq!(
                    decimal(value.trim()),
                    Some(value.trim().parse::<f32>().unwrap()),
                    "{value:?}"
                );
                seen += 1;
            }
        }
        assert!(seen > 100, "only {seen} numbers");
    }

    #[test]
    fn data_hash_is_twelve_hex_digits() {
        assert_eq!(DATA_HASH.len(), 12);
        assert!(DATA_HASH.bytes().all(|b| b.is_ascii_hexdigit()));
    }
}
