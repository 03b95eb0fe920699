//! Sorting with little code in the page's WebAssembly. The standard
//! library's sorts are generic: every element type and comparator is its own
//! copy of a sort of a few kilobytes. In the wasm build every sort here sorts
//! indices with one shared merge sort over a `dyn` comparator, then moves the
//! elements into place; natively the standard library sorts, for speed.
//!
//! Every sort here is stable, so both builds give the same order. [`sort`]
//! is unstable natively: it is only for elements whose equal values cannot be
//! told apart (integers, tuples of them, strings). It owns no ordering of its
//! own: callers give the comparator.

use std::cmp::Ordering;

/// Sorts `order`, a list of indices, by `cmp`, stably: one merge sort shared
/// by every caller (insertion sort on runs of 16, then merges through a
/// buffer of half the length).
pub fn sort_indices(order: &mut [usize], cmp: &mut dyn FnMut(usize, usize) -> Ordering) {
    const RUN: usize = 16;
    let n = order.len();
    for start in (0..n).step_by(RUN) {
        let end = (start + RUN).min(n);
        for i in start + 1..end {
            let mut j = i;
            while j > start && cmp(order[j - 1], order[j]) == Ordering::Greater {
                order.swap(j - 1, j);
                j -= 1;
            }
        }
    }
    let mut buf = Vec::new();
    let mut width = RUN;
    while width < n {
        let mut lo = 0;
        while lo + width < n {
            let mid = lo + width;
            let hi = (mid + width).min(n);
            // Already in order: nothing to merge.
            if cmp(order[mid - 1], order[mid]) != Ordering::Greater {
                lo = hi;
                continue;
            }
            buf.clear();
            buf.extend_from_slice(&order[lo..mid]);
            // The left run waits in `buf`; writes never pass the right run's next unread index.
            let (mut i, mut j, mut k) = (0, mid, lo);
            while i < buf.len() && j < hi {
                if cmp(order[j], buf[i]) == Ordering::Less {
                    order[k] = order[j];
                    j += 1;
                } else {
                    order[k] = buf[i];
                    i += 1;
                }
                k += 1;
            }
            order[k..k + buf.len() - i].copy_from_slice(&buf[i..]);
            lo = hi;
        }
        width *= 2;
    }
}

/// Moves `v`'s elements so that position `k` holds the element that was at
/// `order[k]`, following each cycle of the permutation once. `order` is used up.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn permute<T>(v: &mut [T], order: &mut [usize]) {
    for start in 0..order.len() {
        let mut at = start;
        while order[at] != at {
            let from = order[at];
            order[at] = at;
            if from == start {
                break;
            }
            v.swap(at, from);
            at = from;
        }
    }
}

/// Sorts `v` stably by `cmp`.
#[cfg(target_arch = "wasm32")]
pub(crate) fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let mut order: Vec<usize> = (0..v.len()).collect();
    sort_indices(&mut order, &mut |a, b| cmp(&v[a], &v[b]));
    permute(v, &mut order);
}

/// Sorts `v` stably by `cmp`.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn sort_by<T>(v: &mut [T], cmp: impl FnMut(&T, &T) -> Ordering) {
    v.sort_by(cmp);
}

/// Sorts `v` stably by the key `key` gives.
pub(crate) fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v`, whose equal elements cannot be told apart (see the module docs).
#[cfg(target_arch = "wasm32")]
pub(crate) fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// Sorts `v`, whose equal elements cannot be told apart (see the module docs).
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn sort<T: Ord>(v: &mut [T]) {
    v.sort_unstable();
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator of test keys.
    fn keys(n: usize, modulo: u64) -> Vec<u64> {
        let mut x = 0x9e37_79b9_7f4a_7c15_u64;
        (0..n)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                x % modulo
            })
            .collect()
    }

    #[test]
    fn index_sort_is_stable_and_matches_the_standard_sort() {
        for n in [0, 1, 2, 15, 16, 17, 33, 100, 1000, 4097] {
            for modulo in [1, 3, 50, u64::MAX] {
                let k = keys(n, modulo);
                let mut order: Vec<usize> = (0..n).collect();
                sort_indices(&mut order, &mut |a, b| k[a].cmp(&k[b]));
                let mut expected: Vec<usize> = (0..n).collect();
                expected.sort_by_key(|&i| k[i]);
                assert_eq!(order, expected, "n {n}, modulo {modulo}");
            }
        }
    }

    #[test]
    fn permute_moves_each_element_to_its_place() {
        for n in [0, 1, 2, 7, 64, 300] {
            let k = keys(n, 1000);
            let mut order: Vec<usize> = (0..n).collect();
            order.sort_by_key(|&i| k[i]);
            let expected: Vec<u64> = order.iter().map(|&i| k[i]).collect();
            let mut v = k.clone();
            permute(&mut v, &mut order);
            assert_eq!(v, expected);
        }
    }
}
