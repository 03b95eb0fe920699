//! The BERT encoder's forward pass and the target head, over the kernel's int8 weights.
//!
//! Owns: embeddings with LayerNorm, post-LayerNorm self-attention layers with an exact-GELU
//! feed-forward, and the head over the final states of `[CLS]` and the opening marker. Every
//! weight matrix goes through [`kernel`] (int16 activations, int8 weights, i32 sums);
//! attention, softmax, GELU and LayerNorm stay f32. The last layer computes keys and values for
//! every position but queries, attention output and feed-forward only for the two positions the
//! head reads. Buffers live in a [`Scratch`] that a sentence's passes share. Single-threaded (it
//! runs in wasm32). Must not: tokenise, read bytes, or panic on ids the caller checked
//! (`Encoder::logits` is only given ids below the vocabulary size).

use crate::Error;
use crate::format::{Dims, FMatrix, QMatrix, Reader};
use crate::kernel::{self, Packed, QRows};

struct Layer {
    q: Packed,
    q_b: Vec<f32>,
    k: Packed,
    k_b: Vec<f32>,
    v: Packed,
    v_b: Vec<f32>,
    o: Packed,
    o_b: Vec<f32>,
    ln1_g: Vec<f32>,
    ln1_b: Vec<f32>,
    f1: Packed,
    f1_b: Vec<f32>,
    f2: Packed,
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
    /// Reads the tensors, in the documented order, after the vocabulary, and lays the layers'
    /// weights out for the kernel.
    pub fn read(r: &mut Reader<'_>, dims: Dims, eps: f32) -> Result<Encoder, Error> {
        let (h, i) = (dims.hidden, dims.intermediate);
        let word = r.qmatrix("word", dims.vocab, h)?;
        let pos = r.fmatrix("pos", dims.max_len, h)?;
        let emb_g = r.vector("emb_ln.g", h)?;
        let emb_b = r.vector("emb_ln.b", h)?;
        let mut layers = Vec::with_capacity(dims.layers);
        let packed = |r: &mut Reader<'_>, name: String, rows, cols| -> Result<Packed, Error> {
            Ok(Packed::new(&r.qmatrix(&name, rows, cols)?))
        };
        for n in 0..dims.layers {
            let q = packed(r, format!("{n}.q.w"), h, h)?;
            let q_b = r.vector(&format!("{n}.q.b"), h)?;
            let k = packed(r, format!("{n}.k.w"), h, h)?;
            let k_b = r.vector(&format!("{n}.k.b"), h)?;
            let v = packed(r, format!("{n}.v.w"), h, h)?;
            let v_b = r.vector(&format!("{n}.v.b"), h)?;
            let o = packed(r, format!("{n}.o.w"), h, h)?;
            let o_b = r.vector(&format!("{n}.o.b"), h)?;
            let ln1_g = r.vector(&format!("{n}.ln1.g"), h)?;
            let ln1_b = r.vector(&format!("{n}.ln1.b"), h)?;
            let f1 = packed(r, format!("{n}.f1.w"), i, h)?;
            let f1_b = r.vector(&format!("{n}.f1.b"), i)?;
            let f2 = packed(r, format!("{n}.f2.w"), h, i)?;
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
    /// the head at `[CLS]` (index 0) and at `marker`. `s` is reused between calls.
    pub fn logits(&self, ids: &[u32], marker: usize, s: &mut Scratch) -> [f32; 3] {
        let h = self.dims.hidden;
        let t = ids.len().min(self.dims.max_len);
        if t == 0 || h == 0 {
            return self.head_b.first_chunk().copied().unwrap_or([0.0; 3]);
        }
        s.reserve(t, h, self.dims.intermediate);
        let x = &mut s.x[..t * h];
        for (p, (&id, row)) in ids.iter().zip(x.chunks_exact_mut(h)).enumerate() {
            let id = (id as usize).min(self.word.rows - 1);
            let sc = self.word.scales[id];
            let q = &self.word.data[id * h..(id + 1) * h];
            let pe = &self.pos.data[p * h..(p + 1) * h];
            for ((o, &q), &pe) in row.iter_mut().zip(q).zip(pe) {
                *o = sc * f32::from(q) + pe;
            }
            layer_norm(row, &self.emb_g, &self.emb_b, self.eps);
        }
        let marker = marker.min(t - 1);
        let Some((last, rest)) = self.layers.split_last() else {
            let x = &s.x;
            return self.head(&x[..h], &x[marker * h..(marker + 1) * h]);
        };
        for layer in rest {
            self.layer(layer, t, None, s);
        }
        // The head reads two positions: the last layer computes keys and values for every
        // position, and everything else only for those two.
        self.layer(last, t, Some([0, marker]), s);
        self.head(&s.sel[..h], &s.sel[h..2 * h])
    }

    fn head(&self, cls: &[f32], mark: &[f32]) -> [f32; 3] {
        let h = self.dims.hidden;
        let mut out = [0f32; 3];
        for (k, o) in out.iter_mut().enumerate() {
            let w = &self.head_w.data[k * 2 * h..(k + 1) * 2 * h];
            *o = self.head_b[k] + dot(&w[..h], cls) + dot(&w[h..], mark);
        }
        out
    }

    /// One layer over the `t` states in `s.x`, in place; or, with `only`, just for those two
    /// positions, whose outputs go to `s.sel`.
    fn layer(&self, l: &Layer, t: usize, only: Option<[usize; 2]>, s: &mut Scratch) {
        let h = self.dims.hidden;
        let inter = self.dims.intermediate;
        let heads = self.dims.heads;
        let dh = h / heads;
        s.qx.quantise(&s.x, t, h);
        kernel::matmul(&s.qx, &l.k, &l.k_b, &mut s.k);
        kernel::matmul(&s.qx, &l.v, &l.v_b, &mut s.v);
        // The query rows: every position, or the two the head reads.
        let (n, xq): (usize, &mut [f32]) = match only {
            None => (t, &mut s.x[..t * h]),
            Some(rows) => {
                for (dst, &p) in s.sel.chunks_exact_mut(h).zip(&rows) {
                    dst.copy_from_slice(&s.x[p * h..(p + 1) * h]);
                }
                s.qx.quantise(&s.sel, 2, h);
                (2, &mut s.sel[..2 * h])
            }
        };
        kernel::matmul(&s.qx, &l.q, &l.q_b, &mut s.q);
        // Keys transposed (h x t), so that a query's scores against every key are one
        // vectorised loop over positions per head dimension.
        for (j, kj) in s.k.chunks_exact(h).take(t).enumerate() {
            for (c, &v) in kj.iter().enumerate() {
                s.kt[c * t + j] = v;
            }
        }
        let scale = 1.0 / (dh as f32).sqrt();
        for i in 0..n {
            for hd in 0..heads {
                let off = hd * dh;
                let qi = &s.q[i * h + off..i * h + off + dh];
                let probs = &mut s.probs[..t];
                probs.iter_mut().for_each(|p| *p = 0.0);
                for (d, &qd) in qi.iter().enumerate() {
                    let qd = qd * scale;
                    let row = &s.kt[(off + d) * t..(off + d + 1) * t];
                    probs.iter_mut().zip(row).for_each(|(p, &k)| *p += qd * k);
                }
                let max = probs.iter().fold(f32::NEG_INFINITY, |m, &p| m.max(p));
                let mut sum = 0.0;
                for p in probs.iter_mut() {
                    *p = (*p - max).exp();
                    sum += *p;
                }
                let inv = 1.0 / sum;
                let ctx = &mut s.ctx[i * h + off..i * h + off + dh];
                ctx.iter_mut().for_each(|c| *c = 0.0);
                for (&p, vj) in probs.iter().zip(s.v.chunks_exact(h)) {
                    let p = p * inv;
                    for (c, &v) in ctx.iter_mut().zip(&vj[off..off + dh]) {
                        *c += p * v;
                    }
                }
            }
        }
        s.qx.quantise(&s.ctx, n, h);
        kernel::matmul(&s.qx, &l.o, &l.o_b, &mut s.out);
        for (row, add) in xq.chunks_exact_mut(h).zip(s.out.chunks_exact(h)) {
            row.iter_mut().zip(add).for_each(|(a, b)| *a += b);
            layer_norm(row, &l.ln1_g, &l.ln1_b, self.eps);
        }
        s.qx.quantise(xq, n, h);
        kernel::matmul(&s.qx, &l.f1, &l.f1_b, &mut s.ff);
        s.ff[..n * inter].iter_mut().for_each(|v| *v = gelu(*v));
        s.qx.quantise(&s.ff, n, inter);
        kernel::matmul(&s.qx, &l.f2, &l.f2_b, &mut s.out);
        for (row, add) in xq.chunks_exact_mut(h).zip(s.out.chunks_exact(h)) {
            row.iter_mut().zip(add).for_each(|(a, b)| *a += b);
            layer_norm(row, &l.ln2_g, &l.ln2_b, self.eps);
        }
    }
}

/// Buffers for one pass, kept between passes so that a sentence's passes allocate once.
pub(crate) struct Scratch {
    x: Vec<f32>,
    qx: QRows,
    q: Vec<f32>,
    k: Vec<f32>,
    /// `k` transposed.
    kt: Vec<f32>,
    v: Vec<f32>,
    ctx: Vec<f32>,
    out: Vec<f32>,
    ff: Vec<f32>,
    probs: Vec<f32>,
    sel: Vec<f32>,
}

impl Scratch {
    pub fn new() -> Scratch {
        Scratch {
            x: Vec::new(),
            qx: QRows::new(),
            q: Vec::new(),
            k: Vec::new(),
            kt: Vec::new(),
            v: Vec::new(),
            ctx: Vec::new(),
            out: Vec::new(),
            ff: Vec::new(),
            probs: Vec::new(),
            sel: Vec::new(),
        }
    }

    /// Grows the buffers to hold `t` positions (they never shrink).
    fn reserve(&mut self, t: usize, h: usize, inter: usize) {
        for (v, n) in [
            (&mut self.x, t * h),
            (&mut self.q, t * h),
            (&mut self.k, t * h),
            (&mut self.kt, t * h),
            (&mut self.v, t * h),
            (&mut self.ctx, t * h),
            (&mut self.out, t * h),
            (&mut self.ff, t * inter),
            (&mut self.probs, t),
            (&mut self.sel, 2 * h),
        ] {
            if v.len() < n {
                v.resize(n, 0.0);
            }
        }
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

fn layer_norm(x: &mut [f32], g: &[f32], b: &[f32], eps: f32) {
    let n = x.len() as f32;
    let mean = x.iter().sum::<f32>() / n;
    let var = x.iter().map(|v| (v - mean) * (v - mean)).sum::<f32>() / n;
    let inv = 1.0 / (var + eps).sqrt();
    for ((v, &g), &b) in x.iter_mut().zip(g).zip(b) {
        *v = (*v - mean) * inv * g + b;
    }
}

/// Exact GELU, `x * Phi(x)`, through [`erf`].
fn gelu(x: f32) -> f32 {
    0.5 * x * (1.0 + erf(x * std::f32::consts::FRAC_1_SQRT_2))
}

/// erf in f32 as an odd rational function on `[-4, 4]` (the approximation Eigen and XLA use,
/// within a few ulp of erf); branch-free, so the GELU loop vectorises.
fn erf(x: f32) -> f32 {
    let x = x.clamp(-4.0, 4.0);
    let x2 = x * x;
    let mut p = -2.726_142_3e-10f32;
    for c in [
        2.770_681_4e-8,
        -2.101_024e-6,
        -5.692_506_4e-5,
        -7.349_906_3e-4,
        -2.954_6e-3,
        -1.609_603_3e-2,
    ] {
        p = p * x2 + c;
    }
    let mut q = -1.456_607_2e-5f32;
    for c in [-2.133_740_6e-4, -1.682_827e-3, -7.373_329e-3, -1.426_474e-2] {
        q = q * x2 + c;
    }
    x * p / q
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
}
