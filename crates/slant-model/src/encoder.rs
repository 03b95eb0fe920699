//! The BERT encoder's forward pass and the target head, over int8-row weights.
//!
//! Owns: embeddings with LayerNorm, post-LayerNorm self-attention layers with an exact-GELU
//! feed-forward, and the head over the final states of `[CLS]` and the opening marker.
//! Activations are f32, weights int8 with one f32 scale per output row; a row is widened to f32
//! once per call and dotted with every token, so the weights stream through the cache once.
//! Single-threaded (it runs in wasm32). Must not: tokenise, read bytes, or panic on ids the
//! caller checked (`Encoder::logits` is only given ids below the vocabulary size).

use crate::Error;
use crate::format::{Dims, FMatrix, QMatrix, Reader};

struct Layer {
    q: QMatrix,
    q_b: Vec<f32>,
    k: QMatrix,
    k_b: Vec<f32>,
    v: QMatrix,
    v_b: Vec<f32>,
    o: QMatrix,
    o_b: Vec<f32>,
    ln1_g: Vec<f32>,
    ln1_b: Vec<f32>,
    f1: QMatrix,
    f1_b: Vec<f32>,
    f2: QMatrix,
    f2_b: Vec<f32>,
    ln2_g: Vec<f32>,
    ln2_b: Vec<f32>,
}

pub(crate) struct Encoder {
    pub dims: Dims,
    eps: f32,
    word: QMatrix,
    /// Position embeddings with the token-type-0 row already added.
    pos: FMatrix,
    emb_g: Vec<f32>,
    emb_b: Vec<f32>,
    layers: Vec<Layer>,
    head_w: FMatrix,
    head_b: Vec<f32>,
}

impl Encoder {
    /// Reads the tensors, in the documented order, after the vocabulary.
    pub fn read(r: &mut Reader<'_>, dims: Dims, eps: f32) -> Result<Encoder, Error> {
        let (h, i) = (dims.hidden, dims.intermediate);
        let word = r.qmatrix("word", dims.vocab, h)?;
        let pos = r.fmatrix("pos", dims.max_len, h)?;
        let emb_g = r.vector("emb_ln.g", h)?;
        let emb_b = r.vector("emb_ln.b", h)?;
        let mut layers = Vec::with_capacity(dims.layers);
        for n in 0..dims.layers {
            let q = r.qmatrix(&format!("{n}.q.w"), h, h)?;
            let q_b = r.vector(&format!("{n}.q.b"), h)?;
            let k = r.qmatrix(&format!("{n}.k.w"), h, h)?;
            let k_b = r.vector(&format!("{n}.k.b"), h)?;
            let v = r.qmatrix(&format!("{n}.v.w"), h, h)?;
            let v_b = r.vector(&format!("{n}.v.b"), h)?;
            let o = r.qmatrix(&format!("{n}.o.w"), h, h)?;
            let o_b = r.vector(&format!("{n}.o.b"), h)?;
            let ln1_g = r.vector(&format!("{n}.ln1.g"), h)?;
            let ln1_b = r.vector(&format!("{n}.ln1.b"), h)?;
            let f1 = r.qmatrix(&format!("{n}.f1.w"), i, h)?;
            let f1_b = r.vector(&format!("{n}.f1.b"), i)?;
            let f2 = r.qmatrix(&format!("{n}.f2.w"), h, i)?;
            let f2_b = r.vector(&format!("{n}.f2.b"), h)?;
            let ln2_g = r.vector(&format!("{n}.ln2.g"), h)?;
            let ln2_b = r.vector(&format!("{n}.ln2.b"), h)?;
            layers.push(Layer {
                q,
                q_b,
                k,
                k_b,
                v,
                v_b,
                o,
                o_b,
                ln1_g,
                ln1_b,
                f1,
                f1_b,
                f2,
                f2_b,
                ln2_g,
                ln2_b,
            });
        }
        let head_w = r.fmatrix("head.w", dims.labels, 2 * h)?;
        let head_b = r.vector("head.b", dims.labels)?;
        Ok(Encoder {
            dims,
            eps,
            word,
            pos,
            emb_g,
            emb_b,
            layers,
            head_w,
            head_b,
        })
    }

    /// The three logits for `ids` (at most `max_len`, each below the vocabulary size), reading
    /// the head at `[CLS]` (index 0) and at `marker`.
    pub fn logits(&self, ids: &[u32], marker: usize) -> [f32; 3] {
        let h = self.dims.hidden;
        let t = ids.len().min(self.dims.max_len);
        let mut x = vec![0f32; t * h];
        for (p, (&id, row)) in ids.iter().zip(x.chunks_exact_mut(h)).enumerate() {
            let id = (id as usize).min(self.word.rows - 1);
            let s = self.word.scales[id];
            let q = &self.word.data[id * h..(id + 1) * h];
            let pe = &self.pos.data[p * h..(p + 1) * h];
            for ((o, &q), &pe) in row.iter_mut().zip(q).zip(pe) {
                *o = s * f32::from(q) + pe;
            }
            layer_norm(row, &self.emb_g, &self.emb_b, self.eps);
        }
        let mut scratch = Scratch::new(t, h, self.dims.intermediate);
        for layer in &self.layers {
            self.layer(layer, &mut x, t, &mut scratch);
        }
        let marker = marker.min(t.saturating_sub(1));
        let cls = &x[..h];
        let mark = &x[marker * h..(marker + 1) * h];
        let mut out = [0f32; 3];
        for (k, o) in out.iter_mut().enumerate() {
            let w = &self.head_w.data[k * 2 * h..(k + 1) * 2 * h];
            *o = self.head_b[k] + dot(&w[..h], cls) + dot(&w[h..], mark);
        }
        out
    }

    fn layer(&self, l: &Layer, x: &mut [f32], t: usize, s: &mut Scratch) {
        let h = self.dims.hidden;
        let heads = self.dims.heads;
        let dh = h / heads;
        matmul(x, t, &l.q, &l.q_b, &mut s.q, &mut s.row);
        matmul(x, t, &l.k, &l.k_b, &mut s.k, &mut s.row);
        matmul(x, t, &l.v, &l.v_b, &mut s.v, &mut s.row);
        let scale = 1.0 / (dh as f32).sqrt();
        s.ctx.iter_mut().for_each(|c| *c = 0.0);
        for hd in 0..heads {
            let off = hd * dh;
            for i in 0..t {
                let qi = &s.q[i * h + off..i * h + off + dh];
                let mut max = f32::NEG_INFINITY;
                for (j, p) in s.probs[..t].iter_mut().enumerate() {
                    *p = dot(qi, &s.k[j * h + off..j * h + off + dh]) * scale;
                    max = max.max(*p);
                }
                let mut sum = 0.0;
                for p in &mut s.probs[..t] {
                    *p = (*p - max).exp();
                    sum += *p;
                }
                let inv = 1.0 / sum;
                let ctx = &mut s.ctx[i * h + off..i * h + off + dh];
                for (j, &p) in s.probs[..t].iter().enumerate() {
                    let p = p * inv;
                    for (c, &v) in ctx.iter_mut().zip(&s.v[j * h + off..j * h + off + dh]) {
                        *c += p * v;
                    }
                }
            }
        }
        matmul(&s.ctx, t, &l.o, &l.o_b, &mut s.q, &mut s.row);
        for (row, add) in x.chunks_exact_mut(h).zip(s.q.chunks_exact(h)) {
            row.iter_mut().zip(add).for_each(|(a, b)| *a += b);
            layer_norm(row, &l.ln1_g, &l.ln1_b, self.eps);
        }
        matmul(x, t, &l.f1, &l.f1_b, &mut s.ff, &mut s.row);
        s.ff.iter_mut().for_each(|v| *v = gelu(*v));
        matmul(&s.ff, t, &l.f2, &l.f2_b, &mut s.q, &mut s.row);
        for (row, add) in x.chunks_exact_mut(h).zip(s.q.chunks_exact(h)) {
            row.iter_mut().zip(add).for_each(|(a, b)| *a += b);
            layer_norm(row, &l.ln2_g, &l.ln2_b, self.eps);
        }
    }
}

/// Buffers reused across layers for one sequence.
struct Scratch {
    q: Vec<f32>,
    k: Vec<f32>,
    v: Vec<f32>,
    ctx: Vec<f32>,
    ff: Vec<f32>,
    probs: Vec<f32>,
    row: Vec<f32>,
}

impl Scratch {
    fn new(t: usize, h: usize, inter: usize) -> Scratch {
        Scratch {
            q: vec![0.0; t * h],
            k: vec![0.0; t * h],
            v: vec![0.0; t * h],
            ctx: vec![0.0; t * h],
            ff: vec![0.0; t * inter],
            probs: vec![0.0; t],
            row: vec![0.0; 4 * h.max(inter)],
        }
    }
}

/// `y[t][r] = b[r] + scale[r] * (q[r] . x[t])` for `t` rows of `x`. Four weight rows are
/// widened at a time and each token's activations are read once for the four.
fn matmul(x: &[f32], t: usize, w: &QMatrix, b: &[f32], y: &mut [f32], row: &mut [f32]) {
    let (n_in, n_out) = (w.cols, w.rows);
    let mut r = 0;
    while r < n_out {
        let block = (n_out - r).min(4);
        for k in 0..block {
            let src = &w.data[(r + k) * n_in..(r + k + 1) * n_in];
            for (d, &q) in row[k * n_in..(k + 1) * n_in].iter_mut().zip(src) {
                *d = f32::from(q);
            }
        }
        if block == 4 {
            let (r0, rest) = row.split_at(n_in);
            let (r1, rest) = rest.split_at(n_in);
            let (r2, r3) = rest.split_at(n_in);
            for ti in 0..t {
                let xt = &x[ti * n_in..(ti + 1) * n_in];
                let d = dot4(xt, r0, r1, &r2[..n_in], &r3[..n_in]);
                let out = &mut y[ti * n_out + r..ti * n_out + r + 4];
                for k in 0..4 {
                    out[k] = b[r + k] + w.scales[r + k] * d[k];
                }
            }
        } else {
            for k in 0..block {
                let wr = &row[k * n_in..(k + 1) * n_in];
                for ti in 0..t {
                    let xt = &x[ti * n_in..(ti + 1) * n_in];
                    y[ti * n_out + r + k] = b[r + k] + w.scales[r + k] * dot(xt, wr);
                }
            }
        }
        r += block;
    }
}

/// A dot product with eight independent lanes, so that it vectorises.
fn dot(a: &[f32], b: &[f32]) -> f32 {
    let mut acc = [0f32; 8];
    let ca = a.chunks_exact(8);
    let cb = b.chunks_exact(8);
    let tail: f32 = ca.remainder().iter().zip(cb.remainder()).map(|(x, y)| x * y).sum();
    for (x, y) in ca.zip(cb) {
        for i in 0..8 {
            acc[i] += x[i] * y[i];
        }
    }
    acc.iter().sum::<f32>() + tail
}

/// Four dot products of `x` with four rows at once.
fn dot4(x: &[f32], r0: &[f32], r1: &[f32], r2: &[f32], r3: &[f32]) -> [f32; 4] {
    let mut a = [[0f32; 8]; 4];
    let n = x.len() / 8 * 8;
    for c in (0..n).step_by(8) {
        let xs = &x[c..c + 8];
        for (acc, r) in a.iter_mut().zip([r0, r1, r2, r3]) {
            let rs = &r[c..c + 8];
            for i in 0..8 {
                acc[i] += xs[i] * rs[i];
            }
        }
    }
    let mut out = [0f32; 4];
    for (k, (o, r)) in out.iter_mut().zip([r0, r1, r2, r3]).enumerate() {
        let tail: f32 = x[n..].iter().zip(&r[n..]).map(|(p, q)| p * q).sum();
        *o = a[k].iter().sum::<f32>() + tail;
    }
    out
}

fn layer_norm(x: &mut [f32], g: &[f32], b: &[f32], eps: f32) {
    let n = x.len() as f32;
    let mean = x.iter().sum::<f32>() / n;
    let var = x.iter().map(|v| (v - mean) * (v - mean)).sum::<f32>() / n;
    let inv = 1.0 / (var + eps).sqrt();
    for ((v, &g), &b) in x.iter_mut().zip(g).zip(b) {
        *v = (*v - mean) * inv * g + b;
    }
}

/// Exact GELU, `x * Phi(x)`, through an erf accurate to about 1e-7.
fn gelu(x: f32) -> f32 {
    0.5 * x * (1.0 + erf(x * std::f32::consts::FRAC_1_SQRT_2))
}

/// erf by Abramowitz and Stegun 7.1.26 (absolute error below 1.5e-7), in f64.
fn erf(x: f32) -> f32 {
    let x = f64::from(x);
    let s = x.signum();
    let a = x.abs();
    let t = 1.0 / (1.0 + 0.327_591_1 * a);
    let y = 1.0
        - (((((1.061_405_429 * t - 1.453_152_027) * t) + 1.421_413_741) * t - 0.284_496_736) * t + 0.254_829_592)
            * t
            * (-a * a).exp();
    (s * y) as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn erf_matches_known_values() {
        for (x, want) in [(0.0, 0.0), (0.5, 0.520_499_9), (1.0, 0.842_700_8), (-2.0, -0.995_322_3)] {
            assert!((erf(x) - want).abs() < 1e-6, "erf({x}) = {}", erf(x));
        }
        assert!((gelu(1.0) - 0.841_344_7).abs() < 1e-6);
    }

    #[test]
    fn layer_norm_centres_and_scales() {
        let mut x = vec![1.0, 2.0, 3.0, 4.0];
        layer_norm(&mut x, &[1.0; 4], &[0.5; 4], 1e-12);
        assert!((x.iter().sum::<f32>() - 2.0).abs() < 1e-5);
        assert!((x[3] - x[0] - 2.0 * 1.5 / 1.25f32.sqrt()).abs() < 1e-4);
    }

    #[test]
    fn matmul_agrees_with_the_naive_product() {
        let (n_in, n_out, t) = (11, 7, 3);
        let data: Vec<i8> = (0..n_in * n_out).map(|i| ((i * 37 % 255) as i32 - 127) as i8).collect();
        let scales: Vec<f32> = (0..n_out).map(|r| 0.01 * (r + 1) as f32).collect();
        let w = QMatrix {
            rows: n_out,
            cols: n_in,
            scales: scales.clone(),
            data: data.clone(),
        };
        let b: Vec<f32> = (0..n_out).map(|r| r as f32).collect();
        let x: Vec<f32> = (0..t * n_in).map(|i| (i as f32 * 0.3).sin()).collect();
        let mut y = vec![0.0; t * n_out];
        let mut row = vec![0.0; 4 * n_in];
        matmul(&x, t, &w, &b, &mut y, &mut row);
        for ti in 0..t {
            for r in 0..n_out {
                let want: f32 = b[r]
                    + (0..n_in)
                        .map(|c| scales[r] * f32::from(data[r * n_in + c]) * x[ti * n_in + c])
                        .sum::<f32>();
                assert!((y[ti * n_out + r] - want).abs() < 1e-4);
            }
        }
    }
}
