//! Decimal numbers as text without the standard library's float formatting,
//! whose algorithms (Grisu, Dragon and their bignums) weigh about 10 KB of
//! the page's WebAssembly. [`fixed`] prints what `format!("{x:.N}")` prints;
//! [`short`] prints what `x.to_string()` prints for the numbers a report
//! holds. The app and this crate's exports format floats through them.
//!
//! It owns the digits only: which numbers are shown, and how many decimals,
//! belongs to the callers.

/// The most decimals [`fixed`] writes.
pub const MAX_PLACES: usize = 20;

/// `x` with `places` decimals (at most [`MAX_PLACES`]), exactly as
/// `format!("{x:.places$}")` writes it: the binary value's exact decimal
/// expansion rounded half to even, a `-` for every negative value (`-0.00`
/// included), `NaN`, `inf` and `-inf`.
pub fn fixed(x: f64, places: usize) -> String {
    let mut out = String::new();
    push_fixed(&mut out, x, places);
    out
}

/// Appends [`fixed`]`(x, places)` to `out`.
pub fn push_fixed(out: &mut String, x: f64, places: usize) {
    if x.is_nan() {
        out.push_str("NaN");
        return;
    }
    if x.is_sign_negative() {
        out.push('-');
    }
    if x.is_infinite() {
        out.push_str("inf");
        return;
    }
    let places = places.min(MAX_PLACES);
    let bits = x.abs().to_bits();
    let (exponent, fraction) = ((bits >> 52) as i32, bits & ((1 << 52) - 1));
    // x = m * 2^e exactly.
    let (m, e) = if exponent == 0 {
        (fraction, -1074)
    } else {
        (fraction | 1 << 52, exponent - 1075)
    };
    // The integer part's digits, least significant first, and the fraction's.
    let mut int: Vec<u8> = Vec::new();
    let mut frac: Vec<u8> = Vec::new();
    let mut round_up = false;
    if e >= 0 {
        push_digits(&mut int, m);
        for _ in 0..e {
            let mut carry = 0;
            for d in &mut int {
                let v = *d * 2 + carry;
                *d = v % 10;
                carry = v / 10;
            }
            if carry > 0 {
                int.push(carry);
            }
        }
        frac.resize(places, 0);
    } else {
        let shift = e.unsigned_abs();
        push_digits(&mut int, if shift >= 64 { 0 } else { m >> shift });
        if shift > 124 {
            // Below 2^-72: every decimal up to MAX_PLACES is 0 and the rest is under half a unit.
            frac.resize(places, 0);
        } else {
            let mask = (1u128 << shift) - 1;
            let mut rest = u128::from(m) & mask;
            for _ in 0..places {
                rest *= 10;
                frac.push((rest >> shift) as u8);
                rest &= mask;
            }
            let half = 1u128 << (shift - 1);
            let last_odd = frac.last().map_or(int[0], |&d| d) % 2 == 1;
            round_up = rest > half || (rest == half && last_odd);
        }
    }
    if round_up {
        let mut carry = true;
        for d in frac.iter_mut().rev() {
            *d += 1;
            carry = *d == 10;
            if !carry {
                break;
            }
            *d = 0;
        }
        if carry {
            for d in &mut int {
                *d += 1;
                carry = *d == 10;
                if !carry {
                    break;
                }
                *d = 0;
            }
            if carry {
                int.push(1);
            }
        }
    }
    out.extend(int.iter().rev().map(|&d| char::from(b'0' + d)));
    if places > 0 {
        out.push('.');
        out.extend(frac.iter().map(|&d| char::from(b'0' + d)));
    }
}

/// Pushes `n`'s decimal digits onto `digits`, least significant first (one
/// digit, 0, for zero).
fn push_digits(digits: &mut Vec<u8>, mut n: u64) {
    loop {
        digits.push((n % 10) as u8);
        n /= 10;
        if n == 0 {
            break;
        }
    }
}

/// `x` as `x.to_string()` writes it (the shortest decimal that reads back as
/// `x`) when that has at most 11 decimals and `x` is below 2^23 in magnitude:
/// every number a report holds (rounded to 4 decimals, and no mass that
/// large from a text of at most 2 MiB). From 2^23 on it is the exact integer
/// ([`fixed`] with no decimals); a shortest form with more decimals is cut to
/// [`fixed`] with 11, zeros trimmed.
pub fn short(x: f32) -> String {
    let wide = f64::from(x);
    if !x.is_finite() || x.abs() >= 8_388_608.0 {
        return fixed(wide, 0);
    }
    // Every decimal strictly inside (lo, hi) reads back as x; one on an end
    // does when x's last bit is 0 (ties to even). These are exact in f64.
    let bits = x.abs().to_bits();
    let magnitude = wide.abs();
    let up = f64::from(f32::from_bits(bits + 1));
    let down = if bits == 0 {
        -up
    } else {
        f64::from(f32::from_bits(bits - 1))
    };
    let (lo, hi) = ((magnitude + down) / 2.0, (magnitude + up) / 2.0);
    let even = bits.is_multiple_of(2);
    let mut scale = 1.0f64;
    for places in 0..=11 {
        // Exact: 24 significant bits times at most 26.
        let scaled = magnitude * scale;
        let floor = scaled.floor();
        // The nearest decimal with `places` decimals first (the upper one on
        // a tie, as the standard library's shortest form rounds), then the other.
        let candidates = if scaled - floor < 0.5 {
            [floor, floor + 1.0]
        } else {
            [floor + 1.0, floor]
        };
        for k in candidates {
            // k / scale against the ends, multiplied out: exact, since lo and
            // hi have 26 significant bits and 5^11 has 26.
            let (low, high) = (lo * scale, hi * scale);
            if (low < k && k < high) || (even && (k == low || k == high)) {
                let mut out = String::from(if x.is_sign_negative() { "-" } else { "" });
                let mut all = Vec::new();
                push_digits(&mut all, k as u64);
                all.resize(all.len().max(places + 1), 0);
                for (i, &d) in all.iter().enumerate().rev() {
                    out.push(char::from(b'0' + d));
                    if i == places && places > 0 {
                        out.push('.');
                    }
                }
                return out;
            }
        }
        scale *= 10.0;
    }
    let mut text = fixed(wide, 11);
    text.truncate(text.trim_end_matches('0').trim_end_matches('.').len());
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator of test bits.
    fn bits(n: usize, seed: u64) -> impl Iterator<Item = u64> {
        let mut x = seed | 1;
        (0..n).map(move |_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        })
    }

    #[test]
    fn fixed_writes_what_the_standard_library_writes() {
        let mut values = vec![
            0.0,
            -0.0,
            0.5,
            1.5,
            2.5,
            0.125,
            0.375,
            -0.004,
            1.005,
            2.675,
            9.995,
            99.5,
            1e15,
            1e300,
            f64::MAX,
            f64::MIN_POSITIVE,
            5e-324,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ];
        // Random magnitudes everywhere, and many near the numbers shown.
        values.extend(bits(300, 1).map(f64::from_bits));
        values.extend(bits(3000, 2).map(|b| (b % 2_000_000) as f64 / 1000.0 - 1000.0));
        values.extend(bits(3000, 3).map(|b| f64::from(f32::from_bits(b as u32))));
        values.extend(bits(3000, 4).map(|b| (b % 100_000) as f64 / 8192.0));
        for x in values {
            for places in 0..=MAX_PLACES {
                assert_eq!(fixed(x, places), format!("{x:.places$}"), "{x:e} with {places}");
            }
        }
    }

    #[test]
    fn short_writes_what_the_standard_library_writes() {
        // Every value a report can hold between -2 and 2, some beyond.
        let mut values: Vec<f32> = (-20_000..=20_000)
            .map(|k| (k as f32 / 10_000.0 * 10_000.0).round() / 10_000.0)
            .collect();
        values.extend(bits(20_000, 5).map(|b| ((b % 200_000_000) as f32 - 1e8) / 10_000.0));
        values.extend(bits(20_000, 6).map(|b| (((b % 2_000_000) as f32 - 1e6) * 10_000.0).round() / 10_000.0));
        values.extend([0.0, -0.0, 1.0, -1.0, 0.1, 0.0001, 1677.7216, 8_388_607.5, 3.0e-5]);
        for x in values {
            assert_eq!(short(x), x.to_string(), "{x:e}");
        }
        // Random f32 below 2^23 whose shortest form has at most 11 decimals.
        for b in bits(50_000, 7) {
            let x = f32::from_bits(b as u32);
            let std = x.to_string();
            if x.is_finite() && x.abs() < 8_388_608.0 && std.split('.').nth(1).is_none_or(|d| d.len() <= 11) {
                assert_eq!(short(x), std, "{x:e}");
            }
        }
        assert_eq!(short(f32::NAN), "NaN");
        assert_eq!(short(f32::INFINITY), "inf");
        assert_eq!(short(1e-20), "0");
    }
}
