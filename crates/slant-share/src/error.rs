//! Why a share link or a saved-analysis file could not be opened.
//!
//! This module owns the user-facing wording: each [`ShareError`] displays as
//! a full sentence the app can show as it is. It must not decide anything:
//! the codecs in `link` and `state` pick the variant.

use std::fmt;

use crate::{MAX_FILE, MAX_FRAGMENT, MAX_INFLATED, MAX_TEXT};

/// Why a link or a file could not be opened. `Display` gives a message for
/// the user; the variants let the app react (for example, ignore [`ShareError::Empty`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShareError {
    /// Nothing after the `#`, or no `#` at all. Not an error for the app: the
    /// page was opened without a shared analysis.
    Empty,
    /// A fragment that is not a share link, such as an ordinary `#section`
    /// anchor. [`crate::is_share_fragment`] tells these apart without decoding.
    NotALink,
    /// A link or file in a format newer than this build reads.
    NewerVersion { version: u64 },
    /// The fragment (or the whole URL given) is longer than [`MAX_FRAGMENT`].
    LinkTooLong { len: usize },
    /// The base64 part is not valid base64url: the link was cut off or altered.
    Damaged,
    /// The DEFLATE stream is corrupt or ends early.
    Corrupt,
    /// The link unpacks to more than [`MAX_INFLATED`] bytes (a decompression
    /// bomb, or a state too large to share by link).
    TooBig,
    /// The unpacked bytes are not UTF-8.
    NotText,
    /// Not JSON, or JSON of the wrong shape; `detail` is the parser's note.
    Invalid { detail: String },
    /// The shared article is longer than [`MAX_TEXT`] bytes.
    TextTooLong { len: usize },
    /// A file that is not a saved analysis; `found` is its `"slant"` field, if any.
    NotAStateFile { found: Option<String> },
    /// A file larger than [`MAX_FILE`] bytes.
    FileTooBig { len: usize },
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShareError::Empty => f.write_str("There is no shared analysis in this link."),
            ShareError::NotALink => f.write_str("This link does not hold a shared Slant analysis."),
            ShareError::NewerVersion { version } => write!(
                f,
                "This analysis was made by a newer version of Slant (format v{version}). \
                 Reload Slant to get the latest version, then open it again."
            ),
            ShareError::LinkTooLong { len } => write!(
                f,
                "This link is too long to open ({} characters; Slant opens links of up to {}). \
                 Share the analysis as a downloaded file instead.",
                thousands(*len),
                thousands(MAX_FRAGMENT)
            ),
            ShareError::Damaged => f.write_str(
                "The link is damaged or incomplete: it may have been cut off. Copy the whole link and try again.",
            ),
            ShareError::Corrupt => f.write_str(
                "The link is damaged: its contents could not be unpacked. \
                 It may have been cut off or altered; copy the whole link and try again.",
            ),
            ShareError::TooBig => write!(
                f,
                "This link unpacks to more than {}, more than Slant opens from a link.",
                human_size(MAX_INFLATED)
            ),
            ShareError::NotText => f.write_str("The link is damaged: its contents are not text."),
            ShareError::Invalid { detail } => {
                write!(f, "This is not a Slant analysis that this version can read ({detail}).")
            }
            ShareError::TextTooLong { len } => write!(
                f,
                "The shared article is {} long; Slant opens shared articles of up to {}.",
                human_size(*len),
                human_size(MAX_TEXT)
            ),
            ShareError::NotAStateFile { found } => match found.as_deref() {
                Some("report") => f.write_str(
                    "This file is a Slant report export, not a saved analysis. \
                     Open the file that “Download this analysis” gives instead.",
                ),
                _ => f.write_str("This file is not a saved Slant analysis."),
            },
            ShareError::FileTooBig { len } => write!(
                f,
                "This file is {}, larger than a saved Slant analysis can be ({} at most).",
                human_size(*len),
                human_size(MAX_FILE)
            ),
        }
    }
}

impl std::error::Error for ShareError {}

/// `12345` as `12,345`: for messages (the app's too).
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A byte count for people: `512 bytes`, `3.5 KB`, `1.0 MB` (powers of 1024).
pub fn human_size(bytes: usize) -> String {
    const KB: f64 = 1024.0;
    let b = bytes as f64;
    if bytes < 1024 {
        format!("{bytes} bytes")
    } else if b < KB * KB {
        format!("{} KB", crate::fixed(b / KB, 1))
    } else {
        format!("{} MB", crate::fixed(b / (KB * KB), 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_groups_digits() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(12_345_678), "12,345,678");
    }

    #[test]
    fn sizes_read_naturally() {
        assert_eq!(human_size(10), "10 bytes");
        assert_eq!(human_size(3584), "3.5 KB");
        assert_eq!(human_size(MAX_INFLATED), "2.0 MB");
    }

    #[test]
    fn every_message_is_a_sentence() {
        let all = [
            ShareError::Empty,
            ShareError::NotALink,
            ShareError::NewerVersion { version: 2 },
            ShareError::LinkTooLong { len: 5_000_000 },
            ShareError::Damaged,
            ShareError::Corrupt,
            ShareError::TooBig,
            ShareError::NotText,
            ShareError::Invalid { detail: "x".into() },
            ShareError::TextTooLong { len: 2_000_000 },
            ShareError::NotAStateFile { found: None },
            ShareError::NotAStateFile {
                found: Some("report".into()),
            },
            ShareError::FileTooBig { len: 9_000_000 },
        ];
        for e in all {
            let m = e.to_string();
            assert!(m.starts_with(char::is_uppercase) && m.ends_with('.'), "{m}");
        }
        assert!(
            ShareError::NewerVersion { version: 2 }
                .to_string()
                .contains("made by a newer version of Slant")
        );
        assert!(ShareError::Damaged.to_string().contains("it may have been cut off"));
    }
}
