//! The matrix kernel of the forward pass: int16 activations times int8 weights, accumulated in
//! i32.
//!
//! Owns: the weights' layout in memory (int8 values widened to i16 once, at load time, rows
//! padded to a multiple of 8 columns and the row count to a multiple of 4), the quantisation of
//! activations (per token row, symmetric, dynamic), and the blocked product. Must not: read the
//! model file, know about layers, or panic on any shape it is given.
//!
//! Activations are quantised to i16, not i8: the 128-bit instruction sets the pass runs on
//! (SSE2 natively, `simd128` in wasm) multiply i16 pairs into i32 (`pmaddwd`,
//! `i32x4.dot_i16x8_s`) and have no faster int8 product, so i16 costs nothing over i8 and keeps
//! the logits within about 1e-3 of f32 activations, where int8 activations would add BERT's
//! outlier dimensions to the error. The largest quantised value is chosen per input width so
//! that no i32 sum can overflow (`128 * limit * width < 2^31`).
//!
//! The SIMD is written with safe code only: `safe_arch` natively (SSE2, part of every x86-64, or
//! AVX2 when the build targets it), `core::arch::wasm32` when the wasm build enables `simd128`,
//! and plain loops elsewhere.

use crate::format::QMatrix;

/// Columns per SIMD step.
const LANES: usize = simd::LANES;
/// Weight rows per block: each activation load is used four times.
const ROWS: usize = 4;
/// Tokens per block: each weight load is used this often.
const TOKENS: usize = 2;

/// A weight matrix in the kernel's layout: `w[r][c] = scales[r] * data[r * stride + c]`.
pub(crate) struct Packed {
    /// Real rows (outputs).
    pub rows: usize,
    stride: usize,
    /// One per padded row; padding rows have scale 0.
    scales: Vec<f32>,
    data: Vec<i16>,
}

impl Packed {
    pub fn new(q: &QMatrix) -> Packed {
        let stride = q.cols.next_multiple_of(LANES);
        let padded = q.rows.next_multiple_of(ROWS);
        let mut data = vec![0i16; padded * stride];
        if q.cols > 0 {
            for (dst, src) in data.chunks_exact_mut(stride).zip(q.data.chunks_exact(q.cols)) {
                dst.iter_mut().zip(src).for_each(|(d, &s)| *d = i16::from(s));
            }
        }
        let mut scales = q.scales.clone();
        scales.resize(padded, 0.0);
        Packed {
            rows: q.rows,
            stride,
            scales,
            data,
        }
    }
}

/// Activation rows quantised for the kernel: `x[t][c] ~ scales[t] * data[t * stride + c]`.
pub(crate) struct QRows {
    rows: usize,
    stride: usize,
    scales: Vec<f32>,
    data: Vec<i16>,
}

impl QRows {
    pub fn new() -> QRows {
        QRows {
            rows: 0,
            stride: 0,
            scales: Vec::new(),
            data: Vec::new(),
        }
    }

    /// Quantises the first `rows` rows of `x` (row-major, `cols` wide), each to its own scale.
    pub fn quantise(&mut self, x: &[f32], rows: usize, cols: usize) {
        let stride = cols.next_multiple_of(LANES);
        self.rows = rows;
        self.stride = stride;
        self.data.clear();
        self.data.resize(rows * stride, 0);
        self.scales.clear();
        let limit = limit(stride);
        if cols == 0 {
            self.scales.resize(rows, 0.0);
            return;
        }
        for (src, dst) in x.chunks_exact(cols).zip(self.data.chunks_exact_mut(stride)).take(rows) {
            let max = src.iter().fold(0f32, |m, v| m.max(v.abs()));
            if max > 0.0 && max.is_finite() {
                let inv = limit / max;
                for (d, &v) in dst.iter_mut().zip(src) {
                    *d = round(v * inv);
                }
                self.scales.push(max / limit);
            } else {
                self.scales.push(0.0);
            }
        }
        self.scales.resize(rows, 0.0);
    }
}

/// The largest quantised magnitude for rows `stride` wide: `128 * limit * stride` stays below
/// `2^31`, so that no i32 sum of products with int8 weights overflows.
fn limit(stride: usize) -> f32 {
    let by_width = (i32::MAX as usize / 128) / stride.max(1);
    by_width.min(i16::MAX as usize) as f32
}

/// Round to nearest (ties to even) for `|v| <= 32767`, without a library call: adding
/// `1.5 * 2^23` leaves the integer in the low mantissa bits.
fn round(v: f32) -> i16 {
    const MAGIC: f32 = 12_582_912.0;
    ((v + MAGIC).to_bits() as i32 - 0x4B40_0000) as i16
}

/// `y[t * w.rows + r] = b[r] + w.scales[r] * x.scales[t] * (w[r] . x[t])` for every row `t` of
/// `x` and `r < w.rows`. Rows of `w` are taken four at a time against two tokens at a time, so
/// each weight streams through the cache once per call and each load feeds two products.
pub(crate) fn matmul(x: &QRows, w: &Packed, b: &[f32], y: &mut [f32]) {
    if x.stride != w.stride || w.rows == 0 {
        return;
    }
    let (n_out, stride) = (w.rows, w.stride);
    for (blk, (wb, sw)) in w
        .data
        .chunks_exact(ROWS * stride)
        .zip(w.scales.chunks_exact(ROWS))
        .enumerate()
    {
        let r0 = blk * ROWS;
        let live = (n_out - r0).min(ROWS);
        let wr: [&[i16]; ROWS] = std::array::from_fn(|k| &wb[k * stride..(k + 1) * stride]);
        let mut t = 0;
        while t < x.rows {
            let n = (x.rows - t).min(TOKENS);
            // Missing tokens at the end repeat the last one; their sums are not written.
            let xs: [&[i16]; TOKENS] = std::array::from_fn(|k| {
                let r = t + k.min(n - 1);
                &x.data[r * stride..(r + 1) * stride]
            });
            let acc = block(xs, wr);
            for (ti, row) in acc.iter().enumerate().take(n) {
                let sx = x.scales[t + ti];
                let out = &mut y[(t + ti) * n_out + r0..(t + ti) * n_out + r0 + live];
                for (k, o) in out.iter_mut().enumerate() {
                    *o = b[r0 + k] + sw[k] * sx * row[k] as f32;
                }
            }
            t += TOKENS;
        }
    }
}

/// The dot products of `TOKENS` activation rows with `ROWS` weight rows, all `stride` long.
#[inline(always)]
fn block(x: [&[i16]; TOKENS], w: [&[i16]; ROWS]) -> [[i32; ROWS]; TOKENS] {
    let mut acc = [[simd::zero(); ROWS]; TOKENS];
    let steps = x[0].len() / LANES;
    let len = steps * LANES;
    // Cut every row to the same length first, so that the loop needs no bounds checks.
    let x = x.map(|r| &r[..len.min(r.len())]);
    let w = w.map(|r| &r[..len.min(r.len())]);
    for c in 0..steps {
        let o = c * LANES;
        let xv: [simd::V8; TOKENS] = std::array::from_fn(|k| simd::load(&x[k][o..o + LANES]));
        for (r, wr) in w.iter().enumerate() {
            let wv = simd::load(&wr[o..o + LANES]);
            for (a, xv) in acc.iter_mut().zip(&xv) {
                a[r] = simd::madd(a[r], *xv, wv);
            }
        }
    }
    acc.map(|a| a.map(simd::sum))
}

/// AVX2 through `safe_arch`, when the build enables it (`-C target-cpu=x86-64-v3` or newer):
/// sixteen products an instruction.
#[cfg(all(target_arch = "x86_64", target_feature = "avx2"))]
mod simd {
    use safe_arch::{add_i32_m256i, m256i, mul_i16_horizontal_add_m256i, zeroed_m256i};

    pub const LANES: usize = 16;
    pub type V = m256i;
    pub type V8 = m256i;

    #[inline(always)]
    pub fn zero() -> V {
        zeroed_m256i()
    }

    /// Sixteen i16 (the caller passes exactly sixteen).
    #[inline(always)]
    pub fn load(s: &[i16]) -> V {
        m256i::from(<[i16; 16]>::try_from(s).unwrap_or_default())
    }

    /// `acc + vpmaddwd(a, b)`.
    #[inline(always)]
    pub fn madd(acc: V, a: V, b: V) -> V {
        add_i32_m256i(acc, mul_i16_horizontal_add_m256i(a, b))
    }

    #[inline(always)]
    pub fn sum(v: V) -> i32 {
        let a: [i32; 8] = v.into();
        a.iter().fold(0i32, |s, &x| s.wrapping_add(x))
    }
}

/// SSE2 through `safe_arch`: part of every x86-64.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2", not(target_feature = "avx2")))]
mod simd {
    use safe_arch::{add_i32_m128i, m128i, mul_i16_horizontal_add_m128i, zeroed_m128i};

    pub const LANES: usize = 8;
    pub type V = m128i;
    pub type V8 = m128i;

    #[inline(always)]
    pub fn zero() -> V {
        zeroed_m128i()
    }

    /// Eight i16 (the caller passes exactly eight).
    #[inline(always)]
    pub fn load(s: &[i16]) -> V {
        m128i::from(<[i16; 8]>::try_from(s).unwrap_or_default())
    }

    /// `acc + pmaddwd(a, b)`.
    #[inline(always)]
    pub fn madd(acc: V, a: V, b: V) -> V {
        add_i32_m128i(acc, mul_i16_horizontal_add_m128i(a, b))
    }

    #[inline(always)]
    pub fn sum(v: V) -> i32 {
        let a: [i32; 4] = v.into();
        a[0].wrapping_add(a[1]).wrapping_add(a[2]).wrapping_add(a[3])
    }
}

/// wasm `simd128`.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod simd {
    use core::arch::wasm32::{i16x8, i32x4_add, i32x4_dot_i16x8, i32x4_extract_lane, i32x4_splat, v128};

    pub const LANES: usize = 8;
    pub type V = v128;
    pub type V8 = v128;

    #[inline(always)]
    pub fn zero() -> V {
        i32x4_splat(0)
    }

    /// Eight i16 (the caller passes exactly eight); compiles to one `v128.load`.
    #[inline(always)]
    pub fn load(s: &[i16]) -> V {
        let a = <[i16; 8]>::try_from(s).unwrap_or_default();
        i16x8(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7])
    }

    /// `acc + i32x4.dot_i16x8_s(a, b)`.
    #[inline(always)]
    pub fn madd(acc: V, a: V, b: V) -> V {
        i32x4_add(acc, i32x4_dot_i16x8(a, b))
    }

    #[inline(always)]
    pub fn sum(v: V) -> i32 {
        i32x4_extract_lane::<0>(v)
            .wrapping_add(i32x4_extract_lane::<1>(v))
            .wrapping_add(i32x4_extract_lane::<2>(v))
            .wrapping_add(i32x4_extract_lane::<3>(v))
    }
}

/// Plain loops with the same semantics, for every other target.
#[cfg(not(any(
    all(target_arch = "x86_64", target_feature = "sse2"),
    all(target_arch = "wasm32", target_feature = "simd128")
)))]
mod simd {
    pub const LANES: usize = 8;
    pub type V = [i32; 4];
    pub type V8 = [i16; 8];

    #[inline(always)]
    pub fn zero() -> V {
        [0; 4]
    }

    #[inline(always)]
    pub fn load(s: &[i16]) -> [i16; 8] {
        <[i16; 8]>::try_from(s).unwrap_or_default()
    }

    #[inline(always)]
    pub fn madd(mut acc: V, a: [i16; 8], b: [i16; 8]) -> V {
        for (k, v) in acc.iter_mut().enumerate() {
            let p = i32::from(a[2 * k]) * i32::from(b[2 * k]) + i32::from(a[2 * k + 1]) * i32::from(b[2 * k + 1]);
            *v = v.wrapping_add(p);
        }
        acc
    }

    #[inline(always)]
    pub fn sum(v: V) -> i32 {
        v.iter().fold(0i32, |s, &x| s.wrapping_add(x))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive(x: &[f32], t: usize, q: &QMatrix, b: &[f32]) -> Vec<f32> {
        let mut y = vec![0.0; t * q.rows];
        for ti in 0..t {
            for r in 0..q.rows {
                let d: f32 = (0..q.cols)
                    .map(|c| q.scales[r] * f32::from(q.data[r * q.cols + c]) * x[ti * q.cols + c])
                    .sum();
                y[ti * q.rows + r] = b[r] + d;
            }
        }
        y
    }

    #[test]
    fn matmul_agrees_with_the_float_product_for_odd_shapes() {
        for (n_in, n_out, t) in [(11, 7, 3), (16, 8, 2), (5, 1, 1), (40, 9, 5)] {
            let data: Vec<i8> = (0..n_in * n_out).map(|i| ((i * 37 % 256) as i32 - 128) as i8).collect();
            let scales: Vec<f32> = (0..n_out).map(|r| 0.01 * (r + 1) as f32).collect();
            let q = QMatrix {
                rows: n_out,
                cols: n_in,
                scales,
                data,
            };
            let b: Vec<f32> = (0..n_out).map(|r| r as f32).collect();
            let x: Vec<f32> = (0..t * n_in).map(|i| (i as f32 * 0.3).sin() * 3.0).collect();
            let mut qx = QRows::new();
            qx.quantise(&x, t, n_in);
            let mut y = vec![f32::NAN; t * n_out];
            matmul(&qx, &Packed::new(&q), &b, &mut y);
            let want = naive(&x, t, &q, &b);
            for (g, w) in y.iter().zip(&want) {
                assert!((g - w).abs() < 2e-3 * (1.0 + w.abs()), "{n_in}x{n_out}x{t}: {g} vs {w}");
            }
        }
    }

    #[test]
    fn the_widest_extremes_do_not_overflow() {
        let n = 1536;
        let q = QMatrix {
            rows: 4,
            cols: n,
            scales: vec![1.0; 4],
            data: vec![-128; 4 * n],
        };
        let x = vec![-1.0f32; 2 * n];
        let mut qx = QRows::new();
        qx.quantise(&x, 2, n);
        let mut y = vec![0.0; 2 * 4];
        matmul(&qx, &Packed::new(&q), &[0.0; 4], &mut y);
        for v in y {
            assert!((v - 128.0 * n as f32).abs() < 1.0, "{v}");
        }
    }

    #[test]
    fn zero_and_non_finite_rows_quantise_to_zero() {
        let mut qx = QRows::new();
        qx.quantise(&[0.0, 0.0, f32::INFINITY, 1.0], 2, 2);
        assert_eq!(qx.scales, vec![0.0, 0.0]);
        assert!(qx.data.iter().all(|&v| v == 0));
    }

    #[test]
    fn rounding_is_to_nearest() {
        for (v, want) in [
            (0.4, 0),
            (0.6, 1),
            (-0.6, -1),
            (2.5, 2),
            (3.5, 4),
            (32767.0, 32767),
            (-32767.2, -32767),
        ] {
            assert_eq!(round(v), want, "{v}");
        }
    }
}
