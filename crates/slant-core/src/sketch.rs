//! A bit sketch of a word set: one bit per hash of a word's first two bytes,
//! last two bytes and length. A word whose bit is clear is not in the set, so the
//! hash-map lookups that run on every token (lexicon, predicate forms,
//! gazetteer phrases) turn most words away after a few instructions.
//!
//! It owns the sketch only: the words stay in their owners' maps, and a set
//! bit proves nothing. It must not hold word lists of its own.

/// Bits of a sketch: many times the largest set sketched (the lexicon's
/// twelve thousand words), for 8 KiB.
const BITS: usize = 1 << 16;

/// The sketch of a word set; see the module docs.
#[derive(Clone, Debug, Default)]
pub(crate) struct Sketch {
    /// Empty until the first word is added.
    bits: Vec<u64>,
}

impl Sketch {
    /// Adds `word` to the set.
    pub fn insert(&mut self, word: &str) {
        if self.bits.is_empty() {
            self.bits = vec![0; BITS / 64];
        }
        let bit = slot(word.as_bytes());
        self.bits[bit / 64] |= 1 << (bit % 64);
    }

    /// Whether `word` may be in the set: `false` means it is not.
    #[inline]
    pub fn may_contain(&self, word: &str) -> bool {
        let bit = slot(word.as_bytes());
        self.bits.get(bit / 64).is_some_and(|b| b & (1 << (bit % 64)) != 0)
    }
}

/// The bit of a word: its first two and last two bytes and its length,
/// mixed. The second-to-last byte turns away common words that share the
/// other three with a listed word ("with", "have", "president").
#[inline]
fn slot(word: &[u8]) -> usize {
    let at = |i: usize| u64::from(word.get(i).copied().unwrap_or(0));
    let n = word.len();
    let key = at(0) | (at(1) << 8) | (at(n.wrapping_sub(2)) << 16) | (at(n.wrapping_sub(1)) << 24) | ((n as u64) << 32);
    // Fibonacci hashing: the top 16 bits of the product.
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 48) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_added_are_found_and_most_others_are_not() {
        let mut sketch = Sketch::default();
        assert!(!sketch.may_contain("attack"));
        for w in ["attack", "praise", "Élysée", "a", ""] {
            sketch.insert(w);
        }
        for w in ["attack", "praise", "Élysée", "a", ""] {
            assert!(sketch.may_contain(w), "{w}");
        }
        let others = ["the", "of", "and", "to", "in", "said", "that", "was", "for", "on"];
        assert!(others.iter().filter(|w| sketch.may_contain(w)).count() <= 1);
    }
}
