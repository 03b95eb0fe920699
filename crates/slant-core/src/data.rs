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
    fn data_hash_is_twelve_hex_digits() {
        assert_eq!(DATA_HASH.len(), 12);
        assert!(DATA_HASH.bytes().all(|b| b.is_ascii_hexdigit()));
    }
}
