//! Byte spans into the original text.
//!
//! Every position the engine reports is a [`Span`]: a half-open byte range
//! `start..end` into the text given to [`crate::analyze`], always on char
//! boundaries. The text itself is never copied or altered; spans are views.

use serde::{Deserialize, Serialize};

/// A half-open byte range `start..end` into the original text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`. `end` is clamped up to `start`.
    pub const fn new(start: usize, end: usize) -> Span {
        Span {
            start,
            end: if end < start { start } else { end },
        }
    }

    /// Length in bytes.
    pub const fn len(self) -> usize {
        self.end - self.start
    }

    pub const fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The text this span covers, or "" when it does not fit `text`.
    pub fn of(self, text: &str) -> &str {
        text.get(self.start..self.end).unwrap_or("")
    }

    /// Whether `other` lies entirely inside this span.
    pub const fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// Whether the two spans share at least one byte.
    pub const fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// Whether this span is a valid, char-aligned range of `text`.
    pub fn is_valid_in(self, text: &str) -> bool {
        self.start <= self.end
            && self.end <= text.len()
            && text.is_char_boundary(self.start)
            && text.is_char_boundary(self.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn of_returns_the_covered_text() {
        let text = "Élysée Palace";
        assert_eq!(Span::new(0, 8).of(text), "Élysée");
        assert_eq!(Span::new(9, 15).of(text), "Palace");
    }

    #[test]
    fn of_is_empty_off_a_char_boundary_or_out_of_range() {
        let text = "Élysée";
        assert_eq!(Span::new(1, 3).of(text), "");
        assert_eq!(Span::new(0, 99).of(text), "");
    }

    #[test]
    fn new_never_makes_a_negative_span() {
        let s = Span::new(5, 2);
        assert_eq!((s.start, s.end, s.len()), (5, 5, 0));
        assert!(s.is_empty());
    }

    #[test]
    fn containment_and_overlap() {
        let outer = Span::new(0, 10);
        assert!(outer.contains(Span::new(2, 10)));
        assert!(!outer.contains(Span::new(2, 11)));
        assert!(outer.overlaps(Span::new(9, 12)));
        assert!(!outer.overlaps(Span::new(10, 12)));
    }

    #[test]
    fn validity_checks_char_boundaries() {
        let text = "a—b";
        assert!(Span::new(0, 1).is_valid_in(text));
        assert!(Span::new(1, 4).is_valid_in(text));
        assert!(!Span::new(1, 2).is_valid_in(text));
        assert!(!Span::new(0, 6).is_valid_in(text));
    }
}
