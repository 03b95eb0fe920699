//! Paragraph segmentation.
//!
//! Blank lines always separate paragraphs. Inside a block of consecutive
//! non-blank lines, each line is its own paragraph (news copied from a web page
//! usually has one paragraph per line) unless the block looks hard-wrapped, as
//! plain-text mail and wire copy are: then the lines of a paragraph are joined
//! back. A line break is a wrap when the block's longest line is between
//! [`MIN_WRAP_WIDTH`] and [`MAX_WRAP_WIDTH`] characters and the first word of
//! the next line would not have fitted on this one (the reflow test that
//! `format=flowed` readers use).

use crate::types::Span;

/// Blocks whose longest line is shorter than this are never joined: short
/// lines are headings, lists or one-sentence paragraphs, not wrapped prose.
pub(crate) const MIN_WRAP_WIDTH: usize = 40;
/// Blocks whose longest line is longer than this are never joined: editors and
/// mailers wrap at 72-80 columns, so longer lines are whole paragraphs.
pub(crate) const MAX_WRAP_WIDTH: usize = 100;

/// One line of the input, without its terminator, trimmed of surrounding white space.
#[derive(Clone, Copy, Debug)]
struct Line {
    span: Span,
    chars: usize,
}

/// The paragraphs of `text`, in order, as trimmed, non-empty spans.
pub(crate) fn paragraphs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut block: Vec<Line> = Vec::new();
    for line in lines(text) {
        match line {
            Some(line) => block.push(line),
            None => flush_block(text, &mut block, &mut out),
        }
    }
    flush_block(text, &mut block, &mut out);
    out
}

/// Splits `text` into lines; `None` marks a blank line. A U+2029 paragraph
/// separator ends its line and counts as a blank line after it.
fn lines(text: &str) -> Vec<Option<Line>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut pos = 0;
    // Most texts break lines with "\n" alone: then a fast search for it finds every break.
    let only_newlines = !text.contains('\r') && !text.contains('\u{2028}') && !text.contains('\u{2029}');
    while pos < text.len() {
        // Line breaks are ASCII, or U+2028 / U+2029 (E2 80 A8 / E2 80 A9 in UTF-8):
        // scan bytes, not chars.
        let mut from = pos;
        let found = if only_newlines {
            text[pos..].find('\n').map(|i| (i, 1, false))
        } else {
            loop {
                // The next byte that may start a line break; most bytes are not.
                let Some(at) = bytes[from..].iter().position(|&b| matches!(b, b'\n' | b'\r' | 0xE2)) else {
                    break None;
                };
                let i = from + at - pos;
                match bytes[pos + i] {
                    b'\n' => break Some((i, 1, false)),
                    b'\r' => break Some((i, if bytes.get(pos + i + 1) == Some(&b'\n') { 2 } else { 1 }, false)),
                    _ if bytes.get(pos + i + 1) == Some(&0x80)
                        && matches!(bytes.get(pos + i + 2), Some(0xA8 | 0xA9)) =>
                    {
                        break Some((i, 3, bytes[pos + i + 2] == 0xA9));
                    }
                    _ => from = pos + i + 1,
                }
            }
        };
        let (len, term, para_sep) = found.unwrap_or((text.len() - pos, 0, false));
        let raw = &text[pos..pos + len];
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            out.push(None);
        } else {
            let start = pos + (raw.len() - raw.trim_start().len());
            // Only lines short enough to be hard-wrapped need counting in chars:
            // a line of more than four bytes per allowed char is too long anyway.
            let chars = if trimmed.len() > 4 * MAX_WRAP_WIDTH {
                trimmed.len()
            } else {
                trimmed.chars().count()
            };
            out.push(Some(Line {
                span: Span::new(start, start + trimmed.len()),
                chars,
            }));
        }
        if para_sep {
            out.push(None);
        }
        pos += len + term;
    }
    out
}

/// Turns a block of consecutive non-blank lines into paragraphs.
fn flush_block(text: &str, block: &mut Vec<Line>, out: &mut Vec<Span>) {
    if block.is_empty() {
        return;
    }
    let width = block.iter().map(|l| l.chars).max().unwrap_or(0);
    let wrapped = (MIN_WRAP_WIDTH..=MAX_WRAP_WIDTH).contains(&width);
    let mut start = block[0].span.start;
    for (i, line) in block.iter().enumerate() {
        let joins_next = wrapped
            && block.get(i + 1).is_some_and(|next| {
                let first_word = next.span.of(text).split_whitespace().next().unwrap_or("");
                line.chars + 1 + first_word.chars().count() > width
            });
        if !joins_next {
            out.push(Span::new(start, line.span.end));
            if let Some(next) = block.get(i + 1) {
                start = next.span.start;
            }
        }
    }
    block.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        paragraphs(text).into_iter().map(|s| s.of(text)).collect()
    }

    #[test]
    fn empty_and_blank_text_has_no_paragraphs() {
        assert!(paragraphs("").is_empty());
        assert!(paragraphs(" \n\t\n\r\n").is_empty());
    }

    #[test]
    fn blank_lines_separate_paragraphs() {
        assert_eq!(texts("One.\n\nTwo.\n\n\nThree."), ["One.", "Two.", "Three."]);
    }

    #[test]
    fn one_paragraph_per_line() {
        assert_eq!(
            texts("Russia attacked Ukraine.\nUkraine thanked France.\n"),
            ["Russia attacked Ukraine.", "Ukraine thanked France."]
        );
    }

    #[test]
    fn long_lines_are_paragraphs_even_without_blank_lines() {
        let a = "a".repeat(150);
        let b = "b ".repeat(80);
        let text = format!("{a}\n{b}");
        assert_eq!(paragraphs(&text).len(), 2);
    }

    #[test]
    fn hard_wrapped_text_is_joined() {
        let text = "The Prime Minister repeated the UK's steadfast commitment to support\n\
                    Ukraine for as long as needed and reiterated the importance of Ukraine\n\
                    being at the centre of any negotiations.\n\
                    \n\
                    Britain on Monday announced a move to widen travel sanctions for\n\
                    Kremlin-linked elites.";
        let got = texts(text);
        assert_eq!(got.len(), 2);
        assert!(got[0].starts_with("The Prime Minister") && got[0].ends_with("negotiations."));
        assert!(got[1].ends_with("elites."));
    }

    #[test]
    fn a_short_line_in_wrapped_text_ends_its_paragraph() {
        let text = "The UK and Europe must continue stepping up to meet their security\n\
                    needs, No 10 said.\n\
                    Britain on Monday announced a move to widen travel sanctions for\n\
                    Kremlin-linked elites.";
        let got = texts(text);
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(got[1].starts_with("Britain"));
    }

    #[test]
    fn windows_and_old_mac_line_endings() {
        assert_eq!(texts("One.\r\n\r\nTwo.\rThree."), ["One.", "Two.", "Three."]);
    }

    #[test]
    fn unicode_separators() {
        assert_eq!(texts("One.\u{2029}Two.\u{2028}Three."), ["One.", "Two.", "Three."]);
    }

    #[test]
    fn spans_are_trimmed_and_on_char_boundaries() {
        let text = "  « Élysée » — 🇫🇷  \n\n\t“Quote”\t";
        let spans = paragraphs(text);
        assert_eq!(texts(text), ["« Élysée » — 🇫🇷", "“Quote”"]);
        for s in spans {
            assert!(s.is_valid_in(text));
        }
    }

    #[test]
    fn the_seed_has_eighteen_paragraphs() {
        let seed = include_str!("../../../../seeds/macron-starmer-white-house.txt");
        let got = texts(seed);
        assert_eq!(got.len(), 18);
        assert!(got[0].starts_with("Emmanuel Macron and Keir Starmer"));
        assert!(got[17].starts_with("Europe would need to spend"));
    }
}
