//! Splits a paragraph's byte range into segments by the spans that cover it
//! (actor mentions, sentiment words, evidence), so the article view can mark
//! each piece. Spans may overlap or nest; each segment lists every span that
//! covers all of it.
//!
//! Pure and total: spans outside the range are clipped, and spans whose ends
//! do not fall on char boundaries of the text are ignored, so multibyte text
//! never panics. This module must not know what the spans mean.

use slant_core::Span;

/// A piece of the paragraph and the spans (indices into the input) covering it, ascending.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    pub start: usize,
    pub end: usize,
    pub covers: Vec<usize>,
}

/// Splits `range` of `text` into consecutive, non-empty segments at every
/// boundary of `spans`. The segments exactly tile `range` (when `range` is a
/// valid span of `text`; otherwise there are none).
pub fn split(text: &str, range: Span, spans: &[Span]) -> Vec<Segment> {
    if range.is_empty() || !range.is_valid_in(text) {
        return Vec::new();
    }
    // Clip to the range; drop empty and misaligned spans.
    let clipped: Vec<Option<Span>> = spans
        .iter()
        .map(|s| {
            let c = Span::new(s.start.max(range.start), s.end.min(range.end));
            (s.start < s.end && c.start < c.end && c.is_valid_in(text)).then_some(c)
        })
        .collect();
    let mut bounds: Vec<usize> = Vec::with_capacity(clipped.len() * 2 + 2);
    bounds.push(range.start);
    bounds.push(range.end);
    for c in clipped.iter().flatten() {
        bounds.push(c.start);
        bounds.push(c.end);
    }
    slant_share::sort_indices(&mut bounds, &|x, y| x.cmp(&y));
    bounds.dedup();

    let mut order: Vec<usize> = (0..clipped.len()).filter(|&i| clipped[i].is_some()).collect();
    let start = |i: usize| clipped[i].map(|c| c.start);
    slant_share::sort_indices(&mut order, &|x, y| start(x).cmp(&start(y)));
    let end_of = |i: usize| clipped[i].map_or(0, |c| c.end);
    let start_of = |i: usize| clipped[i].map_or(0, |c| c.start);

    let mut out = Vec::with_capacity(bounds.len());
    let mut active: Vec<usize> = Vec::new();
    let mut next = 0;
    for w in bounds.windows(2) {
        let (a, b) = (w[0], w[1]);
        active.retain(|&i| end_of(i) > a);
        while next < order.len() && start_of(order[next]) <= a {
            if end_of(order[next]) > a {
                active.push(order[next]);
            }
            next += 1;
        }
        let mut covers = active.clone();
        slant_share::sort_indices(&mut covers, &|x, y| x.cmp(&y));
        out.push(Segment {
            start: a,
            end: b,
            covers,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(start: usize, end: usize) -> Span {
        Span::new(start, end)
    }

    fn pieces<'a>(text: &'a str, segs: &[Segment]) -> Vec<(&'a str, Vec<usize>)> {
        segs.iter().map(|g| (&text[g.start..g.end], g.covers.clone())).collect()
    }

    #[test]
    fn no_spans_is_one_plain_segment() {
        let t = "Russia attacked Ukraine.";
        assert_eq!(pieces(t, &split(t, s(0, t.len()), &[])), [(t, vec![])]);
    }

    #[test]
    fn disjoint_spans_make_alternating_segments() {
        let t = "Russia attacked Ukraine.";
        let segs = split(t, s(0, t.len()), &[s(0, 6), s(7, 15), s(16, 23)]);
        assert_eq!(
            pieces(t, &segs),
            [
                ("Russia", vec![0]),
                (" ", vec![]),
                ("attacked", vec![1]),
                (" ", vec![]),
                ("Ukraine", vec![2]),
                (".", vec![])
            ]
        );
    }

    #[test]
    fn overlapping_spans_split_into_shared_and_own_parts() {
        let t = "peace talks began";
        // "peace talks" (a phrase) overlaps "talks began".
        let segs = split(t, s(0, t.len()), &[s(0, 11), s(6, 17)]);
        assert_eq!(
            pieces(t, &segs),
            [("peace ", vec![0]), ("talks", vec![0, 1]), (" began", vec![1])]
        );
    }

    #[test]
    fn nested_and_identical_spans_are_all_listed() {
        let t = "abcdef";
        let segs = split(t, s(0, 6), &[s(0, 6), s(2, 4), s(2, 4)]);
        assert_eq!(
            pieces(t, &segs),
            [("ab", vec![0]), ("cd", vec![0, 1, 2]), ("ef", vec![0])]
        );
    }

    #[test]
    fn spans_are_clipped_to_the_range() {
        let t = "one two three";
        let segs = split(t, s(4, 7), &[s(0, 5), s(6, 13), s(8, 13)]);
        assert_eq!(pieces(t, &segs), [("t", vec![0]), ("w", vec![]), ("o", vec![1])]);
    }

    #[test]
    fn segments_tile_the_range_exactly() {
        let t = "a b c d e f g h";
        let spans = [s(0, 3), s(2, 9), s(4, 5), s(10, 15), s(12, 13)];
        let segs = split(t, s(0, t.len()), &spans);
        assert_eq!(segs.first().unwrap().start, 0);
        assert_eq!(segs.last().unwrap().end, t.len());
        for w in segs.windows(2) {
            assert_eq!(w[0].end, w[1].start);
            assert!(w[0].start < w[0].end);
        }
        // Each segment lists exactly the spans that cover it.
        for g in &segs {
            for (i, sp) in spans.iter().enumerate() {
                let covers = sp.start <= g.start && g.end <= sp.end;
                assert_eq!(g.covers.contains(&i), covers, "segment {g:?}, span {i}");
            }
        }
    }

    #[test]
    fn multibyte_text_is_split_on_char_boundaries() {
        let t = "Élysée said “Zelenskyy’s” war — €5bn";
        let e = t.find("Élysée").unwrap();
        let z = t.find("Zelenskyy").unwrap();
        let w = t.find("war").unwrap();
        let spans = [s(e, e + "Élysée".len()), s(z, z + "Zelenskyy".len()), s(w, w + 3)];
        let segs = split(t, s(0, t.len()), &spans);
        let text: String = segs.iter().map(|g| &t[g.start..g.end]).collect();
        assert_eq!(text, t);
        assert_eq!(pieces(t, &segs)[0], ("Élysée", vec![0]));
        assert!(pieces(t, &segs).contains(&("Zelenskyy", vec![1])));
        assert!(pieces(t, &segs).contains(&("war", vec![2])));
    }

    #[test]
    fn misaligned_and_empty_spans_are_ignored() {
        let t = "é a";
        // 1 is inside "é" (2 bytes).
        let segs = split(t, s(0, t.len()), &[s(1, 3), s(3, 3), s(3, 4)]);
        assert_eq!(pieces(t, &segs), [("é ", vec![]), ("a", vec![2])]);
    }

    #[test]
    fn an_invalid_range_gives_nothing() {
        let t = "é";
        assert!(split(t, s(0, 1), &[]).is_empty());
        assert!(split(t, s(0, 9), &[]).is_empty());
        assert!(split(t, s(1, 1), &[]).is_empty());
    }

    #[test]
    fn a_range_inside_a_larger_text_uses_absolute_offsets() {
        let t = "First para.\n\nSecond: Россия attacked.";
        let start = t.find("Second").unwrap();
        let r = t.find("Россия").unwrap();
        let segs = split(t, s(start, t.len()), &[s(r, r + "Россия".len())]);
        assert_eq!(
            pieces(t, &segs),
            [("Second: ", vec![]), ("Россия", vec![0]), (" attacked.", vec![])]
        );
    }
}
