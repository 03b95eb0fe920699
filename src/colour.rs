//! Colour scales: the diverging stance scale, the actors' categorical palette
//! and the ink that stays readable on them.
//!
//! The stance scale is ColorBrewer's PuOr (colorous::PURPLE_ORANGE), which is
//! colour-blind safe: orange is unfavourable (-1), purple favourable (+1), and
//! its pale grey midpoint is neutral. This module owns the mapping from numbers
//! to colours; it must not decide what a score is (the engine does).

use colorous::Color;

/// Formats a colour as `#rrggbb`.
pub fn hex(c: Color) -> String {
    format!("#{c:x}")
}

/// The scale's position for a score: PuOr runs purple (0) to orange (1), so
/// favourable scores sit near 0. Scores outside [-1, 1] and NaN are clamped
/// (NaN counts as neutral).
pub fn scale_position(score: f32) -> f64 {
    let s = if score.is_nan() { 0.0 } else { score.clamp(-1.0, 1.0) };
    f64::from((1.0 - s) / 2.0)
}

/// The stance colour of a score in [-1, 1].
pub fn score_colour(score: f32) -> Color {
    colorous::PURPLE_ORANGE.eval_continuous(scale_position(score))
}

/// The stance colour of a score as `#rrggbb`.
pub fn score_hex(score: f32) -> String {
    hex(score_colour(score))
}

/// The colour of the actor at `index` in the report's order: Tableau 10, cycling.
pub fn actor_colour(index: usize) -> Color {
    colorous::TABLEAU10[index % colorous::TABLEAU10.len()]
}

/// The colour of the actor at `index` as `#rrggbb`.
pub fn actor_hex(index: usize) -> String {
    hex(actor_colour(index))
}

/// The class that gives a mention its actor's colour (`--actor`): the
/// stylesheet has one rule per colour of [`actor_colour`]'s cycle, so the
/// article's thousands of marks share their styles instead of each carrying
/// its own.
pub fn actor_class(index: usize) -> &'static str {
    const CLASSES: [&str; 10] = [
        "actor-c0", "actor-c1", "actor-c2", "actor-c3", "actor-c4", "actor-c5", "actor-c6", "actor-c7", "actor-c8",
        "actor-c9",
    ];
    CLASSES[index % CLASSES.len()]
}

/// The class that gives a sentiment word its tint (`--tint`, [`word_tint`]), by sign.
pub fn word_tint_class(valence: f32) -> &'static str {
    if valence > 0.0 {
        "tint-pos"
    } else if valence < 0.0 {
        "tint-neg"
    } else {
        "tint-zero"
    }
}

/// The tint of a sentiment word of this sign, as `#rrggbb`: the value the
/// stylesheet's `tint-*` classes carry (a test checks it). The stylesheet
/// mixes it with transparency (more in dark mode), so the page's ink keeps
/// its contrast on top of it.
#[cfg(test)]
pub fn word_tint(valence: f32) -> String {
    let score = if valence > 0.0 {
        0.8
    } else if valence < 0.0 {
        -0.8
    } else {
        0.0
    };
    score_hex(score)
}

/// The legend's stops from -1 to +1 (inclusive), `n` of them (at least two).
pub fn legend_stops(n: usize) -> Vec<(f32, String)> {
    let n = n.max(2);
    (0..n)
        .map(|i| {
            let score = -1.0 + 2.0 * i as f32 / (n - 1) as f32;
            (score, score_hex(score))
        })
        .collect()
}

/// `x` to the power 2.4 for `x` in (0, 1], as `x² · y` with `y`, the fifth
/// root of `x²`, found by Newton's method from `x^(3/8)`. It stands in for
/// `powf`, whose libm code would be the page's only use of it.
fn pow_2_4(x: f64) -> f64 {
    let x2 = x * x;
    let mut y = (x2 * x).sqrt().sqrt().sqrt();
    for _ in 0..6 {
        let y2 = y * y;
        y = (4.0 * y + x2 / (y2 * y2)) / 5.0;
    }
    x2 * y
}

/// WCAG 2 relative luminance of a colour.
pub fn luminance(c: Color) -> f64 {
    let channel = |v: u8| {
        let v = f64::from(v) / 255.0;
        if v <= 0.04045 {
            v / 12.92
        } else {
            pow_2_4((v + 0.055) / 1.055)
        }
    };
    0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b)
}

/// WCAG 2 contrast ratio between two colours (1 to 21).
pub fn contrast(a: Color, b: Color) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

const BLACK: Color = Color { r: 0, g: 0, b: 0 };
const WHITE: Color = Color {
    r: 0xff,
    g: 0xff,
    b: 0xff,
};

/// The ink (black or white) with the better contrast on `background`: one of
/// the two always reaches WCAG AA (4.5:1).
pub fn ink_on(background: Color) -> &'static str {
    if contrast(BLACK, background) >= contrast(WHITE, background) {
        "#000000"
    } else {
        "#ffffff"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pow_2_4_matches_powf() {
        for i in 1..=1000 {
            let x = f64::from(i) / 1000.0;
            let (got, want) = (pow_2_4(x), x.powf(2.4));
            assert!((got - want).abs() <= want * 1e-14, "{x}: {got} vs {want}");
        }
    }

    #[test]
    fn favourable_is_purple_and_unfavourable_is_orange() {
        let fav = score_colour(1.0);
        let unfav = score_colour(-1.0);
        assert!(fav.b > fav.g && fav.r < 0x80, "purple at +1: {fav:?}");
        assert!(unfav.r > unfav.b, "orange/brown at -1: {unfav:?}");
    }

    #[test]
    fn neutral_is_the_pale_midpoint() {
        let mid = score_colour(0.0);
        assert!(mid.r > 0xe8 && mid.g > 0xe8 && mid.b > 0xe8, "{mid:?}");
        assert_eq!(score_hex(0.0), hex(mid));
    }

    #[test]
    fn scores_are_clamped_and_nan_is_neutral() {
        assert_eq!(score_hex(5.0), score_hex(1.0));
        assert_eq!(score_hex(-3.0), score_hex(-1.0));
        assert_eq!(score_hex(f32::NAN), score_hex(0.0));
        assert_eq!(scale_position(1.0), 0.0);
        assert_eq!(scale_position(-1.0), 1.0);
        assert_eq!(scale_position(0.0), 0.5);
    }

    #[test]
    fn the_scale_is_monotone_in_lightness_toward_the_middle() {
        // Stronger scores are darker on both sides.
        let l = |s: f32| luminance(score_colour(s));
        assert!(l(0.0) > l(0.5) && l(0.5) > l(1.0));
        assert!(l(0.0) > l(-0.5) && l(-0.5) > l(-1.0));
    }

    #[test]
    fn the_stylesheet_has_every_mark_colour() {
        let css = include_str!("../static/slant.css");
        assert_eq!(colorous::TABLEAU10.len(), 10);
        for i in 0..10 {
            let rule = format!(".{} {{ --actor: {}; }}", actor_class(i), actor_hex(i));
            assert!(css.contains(&rule), "{rule}");
            assert_eq!(actor_class(i + 10), actor_class(i));
        }
        for valence in [1.5, -0.3, 0.0] {
            let rule = format!(".{} {{ --tint: {}; }}", word_tint_class(valence), word_tint(valence));
            assert!(css.contains(&rule), "{rule}");
        }
    }

    #[test]
    fn hex_is_lowercase_six_digits() {
        let h = score_hex(0.3);
        assert_eq!(h.len(), 7);
        assert!(h.starts_with('#'));
        assert!(h[1..].chars().all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
    }

    #[test]
    fn actor_colours_cycle_through_ten() {
        assert_eq!(actor_hex(0), actor_hex(10));
        assert_ne!(actor_hex(0), actor_hex(1));
        assert_eq!(actor_hex(0), "#4e79a7");
    }

    #[test]
    fn legend_runs_from_minus_one_to_plus_one() {
        let stops = legend_stops(5);
        assert_eq!(stops.len(), 5);
        assert_eq!(stops[0].0, -1.0);
        assert_eq!(stops[2].0, 0.0);
        assert_eq!(stops[4].0, 1.0);
        assert_eq!(legend_stops(0).len(), 2);
    }

    #[test]
    fn ink_on_every_scale_colour_meets_wcag_aa() {
        for i in 0..=40 {
            let bg = score_colour(-1.0 + i as f32 / 20.0);
            let ink = if ink_on(bg) == "#ffffff" { WHITE } else { BLACK };
            assert!(contrast(ink, bg) >= 4.5, "score step {i}: {:.2}", contrast(ink, bg));
        }
    }

    #[test]
    fn contrast_of_black_on_white_is_21() {
        let black = Color { r: 0, g: 0, b: 0 };
        assert!((contrast(black, WHITE) - 21.0).abs() < 0.01);
        assert!((contrast(WHITE, WHITE) - 1.0).abs() < 1e-9);
    }

    #[test]
    fn word_tints_differ_by_sign() {
        assert_ne!(word_tint(1.0), word_tint(-1.0));
        assert_eq!(word_tint(2.0), score_hex(0.8));
        assert_eq!(word_tint(-0.1), score_hex(-0.8));
        assert_eq!(word_tint(0.0), score_hex(0.0));
    }
}
