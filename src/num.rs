//! Decimal numbers as text without the standard library's float formatting:
//! `{}` and `{:.2}` on an `f32` or `f64` link some 14 KB of code into the
//! page (Grisu and Dragon). Every decimal the page writes goes through
//! [`Fixed`] or [`Short`], thin wrappers over `slant_share`'s formatter; the
//! markup builder takes neither `f32` nor `f64`, so a float written there by
//! mistake does not compile.

use std::fmt;

/// `x` with a fixed number of places (at most 6), exactly as
/// `format!("{:.2}", x)` writes it: `Fixed(2.345, 1)` is "2.3", `Fixed(-0.5, 0)`
/// is "-0". It writes through `slant_share::fixed`, the digits' one owner.
#[derive(Clone, Copy, Debug)]
pub struct Fixed(pub f64, pub u32);

/// `x` with at most four decimals and no trailing zeros: "12.5", "-0.75", "3".
/// Scores are rounded to four decimals by the engine, so they read as `{}` would.
#[derive(Clone, Copy, Debug)]
pub struct Short(pub f64);

impl fmt::Display for Fixed {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&slant_share::fixed(self.0, self.1.min(6) as usize))
    }
}

impl fmt::Display for Short {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let text = slant_share::fixed(self.0, 4);
        // Trailing zeros go, then a bare point: "12.5000" is "12.5", "3.0000" is "3".
        let digits = if text.contains('.') {
            text.trim_end_matches('0').trim_end_matches('.')
        } else {
            &text
        };
        f.write_str(digits)
    }
}

impl crate::markup::Val for Fixed {}
impl crate::markup::Val for Short {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_places_read_as_the_standard_formatting() {
        let xs = [
            0.0, 1.0, 0.5, 1.5, 2.5, 0.125, 0.375, 2.345, -0.004, -1.25, 12.0625, 99.96, 1234.5678, 0.25, 1e-7,
            23.134831, 277.4, 0.999,
        ];
        for x in xs {
            for places in 0..=4 {
                assert_eq!(
                    Fixed(x, places).to_string(),
                    format!("{:.*}", places as usize, x),
                    "{x} to {places}"
                );
            }
        }
        for x in [
            0.1f32, 0.7, -0.75, 0.4213, 1.8, 33.333332, 0.125, 0.625, 0.15, 0.35, 0.45, 0.05, -0.005,
        ] {
            for places in 0..=4 {
                assert_eq!(
                    Fixed(f64::from(x), places).to_string(),
                    format!("{:.*}", places as usize, x),
                    "{x} to {places}"
                );
            }
        }
    }

    #[test]
    fn short_numbers_drop_trailing_zeros() {
        for x in [0.0f32, 3.0, 12.5, -0.75, 0.4213, -0.1, 1.8, 3.6, 120.0, -0.0] {
            assert_eq!(Short(f64::from(x)).to_string(), format!("{x}"), "{x}");
        }
        assert_eq!(Short(33.333332).to_string(), "33.3333");
        assert_eq!(Short(f64::NAN).to_string(), "NaN");
    }
}
