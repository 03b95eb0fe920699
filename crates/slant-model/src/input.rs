//! The model's input for one target: `[CLS] before < target > after [SEP]`.
//!
//! Owns: choosing the target's tokens (those overlapping its byte span), cutting a long
//! sentence to a window centred on the target, and placing the markers. Mirrors
//! `build_input` in scripts/train_model.py exactly. Must not: tokenise or run the model.

use crate::tokenizer::Token;

/// The special ids the input uses.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Specials {
    pub cls: u32,
    pub sep: u32,
    pub open: u32,
    pub close: u32,
}

/// The ids for the target `start..end` (bytes) and the index of the opening marker.
pub(crate) fn build(tokens: &[Token], start: usize, end: usize, max_len: usize, sp: Specials) -> (Vec<u32>, usize) {
    let n = tokens.len();
    let first = tokens.iter().position(|t| t.start < end && t.end > start);
    let (mut a, mut b) = match first {
        Some(a) => {
            let last = tokens.iter().rposition(|t| t.start < end && t.end > start).unwrap_or(a);
            (a, last + 1)
        }
        None => {
            let a = tokens.iter().position(|t| t.start >= start).unwrap_or(n);
            (a, a)
        }
    };
    let room = max_len.saturating_sub(4);
    let (mut lo, mut hi) = (0, n);
    if n > room {
        if b - a > room {
            b = a + room;
        }
        // Python's floor division on a possibly negative number, then the clamp.
        let centred = a as isize - ((room - (b - a)) / 2) as isize;
        lo = centred.clamp(0, (n - room) as isize) as usize;
        hi = lo + room;
        a = a.clamp(lo, hi);
        b = b.clamp(a, hi);
    }
    let mut ids = Vec::with_capacity(hi - lo + 4);
    ids.push(sp.cls);
    ids.extend(tokens[lo..a].iter().map(|t| t.id));
    ids.push(sp.open);
    ids.extend(tokens[a..b].iter().map(|t| t.id));
    ids.push(sp.close);
    ids.extend(tokens[b..hi].iter().map(|t| t.id));
    ids.push(sp.sep);
    (ids, 1 + (a - lo))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SP: Specials = Specials {
        cls: 101,
        sep: 102,
        open: 1,
        close: 2,
    };

    fn toks(n: usize) -> Vec<Token> {
        (0..n)
            .map(|i| Token {
                id: 1000 + i as u32,
                start: 2 * i,
                end: 2 * i + 1,
            })
            .collect()
    }

    #[test]
    fn marks_the_overlapping_tokens() {
        let (ids, m) = build(&toks(4), 2, 5, 128, SP);
        assert_eq!(ids, vec![101, 1000, 1, 1001, 1002, 2, 1003, 102]);
        assert_eq!(m, 2);
    }

    #[test]
    fn a_target_between_tokens_gets_empty_markers() {
        let (ids, m) = build(&toks(3), 1, 2, 128, SP);
        assert_eq!(ids, vec![101, 1000, 1, 2, 1001, 1002, 102]);
        assert_eq!(m, 2);
    }

    #[test]
    fn a_long_sentence_is_cut_around_the_target() {
        let (ids, m) = build(&toks(300), 400, 401, 128, SP);
        assert_eq!(ids.len(), 128);
        assert_eq!(ids[m], 1);
        assert_eq!(ids[m + 1], 1200);
        // At the end of the sentence the window is pushed back to fit.
        let (ids, m) = build(&toks(300), 598, 599, 128, SP);
        assert_eq!(ids.len(), 128);
        assert_eq!(ids[m + 1], 1299);
        assert_eq!(ids[ids.len() - 2], 2);
    }
}
