//! Reading the model file (layout documented in the crate docs) into weights.
//!
//! Owns: the byte layout, its checks and its error messages. Must not: panic on any input,
//! trust a length before checking it against the bytes left, or compute anything.

use crate::Error;

pub(crate) const MAGIC: &[u8; 8] = b"SLANTMDL";
pub(crate) const VERSION: u32 = 1;

/// The dimensions and special ids in the header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Dims {
    pub vocab: usize,
    pub hidden: usize,
    pub layers: usize,
    pub heads: usize,
    pub intermediate: usize,
    pub max_len: usize,
    pub labels: usize,
    pub cls: u32,
    pub sep: u32,
    pub unk: u32,
    pub open: u32,
    pub close: u32,
}

/// An int8 matrix with one f32 scale per row: `w[r][c] = scale[r] * data[r * cols + c]`.
#[derive(Debug)]
pub(crate) struct QMatrix {
    pub rows: usize,
    pub cols: usize,
    pub scales: Vec<f32>,
    pub data: Vec<i8>,
}

/// An f32 matrix, row-major.
#[derive(Debug)]
pub(crate) struct FMatrix {
    pub data: Vec<f32>,
}

/// `rows * cols`, or an error when that overflows (it can on wasm32).
fn area(name: &str, rows: usize, cols: usize) -> Result<usize, Error> {
    rows.checked_mul(cols)
        .ok_or_else(|| Error::Malformed(format!("Tensor {name:?} is too large.")))
}

/// A cursor over the file's bytes; every read checks what is left.
pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes, pos: 0 }
    }

    fn take(&mut self, n: usize, what: &str) -> Result<&'a [u8], Error> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.bytes.len());
        match end {
            Some(end) => {
                let s = &self.bytes[self.pos..end];
                self.pos = end;
                Ok(s)
            }
            None => Err(Error::Truncated {
                what: what.to_string(),
                offset: self.pos,
            }),
        }
    }

    pub fn u8(&mut self, what: &str) -> Result<u8, Error> {
        Ok(self.take(1, what)?[0])
    }

    pub fn u16(&mut self, what: &str) -> Result<u16, Error> {
        let b = self.take(2, what)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }

    pub fn u32(&mut self, what: &str) -> Result<u32, Error> {
        let b = self.take(4, what)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    pub fn f32(&mut self, what: &str) -> Result<f32, Error> {
        Ok(f32::from_bits(self.u32(what)?))
    }

    pub fn f32s(&mut self, n: usize, what: &str) -> Result<Vec<f32>, Error> {
        let bytes = n
            .checked_mul(4)
            .ok_or_else(|| Error::Malformed(format!("{what} is too large.")))?;
        let b = self.take(bytes, what)?;
        Ok(b.chunks_exact(4)
            .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect())
    }

    pub fn done(&self) -> Result<(), Error> {
        if self.pos == self.bytes.len() {
            Ok(())
        } else {
            Err(Error::Malformed(format!(
                "The model file has {} unexpected bytes after its last tensor.",
                self.bytes.len() - self.pos
            )))
        }
    }

    /// The header after the magic: version, dims, special ids and the LayerNorm epsilon.
    pub fn header(&mut self) -> Result<(Dims, f32), Error> {
        let magic = self.take(8, "the magic bytes")?;
        if magic != MAGIC {
            return Err(Error::Malformed(
                "This is not a Slant model file: it does not start with SLANTMDL.".to_string(),
            ));
        }
        let version = self.u32("the version")?;
        if version != VERSION {
            return Err(Error::Malformed(format!(
                "The model file has format version {version}; this build reads version {VERSION}."
            )));
        }
        let mut f = [0u32; 12];
        for (v, name) in f.iter_mut().zip([
            "vocab",
            "hidden",
            "layers",
            "heads",
            "intermediate",
            "max_len",
            "labels",
            "cls",
            "sep",
            "unk",
            "open",
            "close",
        ]) {
            *v = self.u32(name)?;
        }
        let d = Dims {
            vocab: f[0] as usize,
            hidden: f[1] as usize,
            layers: f[2] as usize,
            heads: f[3] as usize,
            intermediate: f[4] as usize,
            max_len: f[5] as usize,
            labels: f[6] as usize,
            cls: f[7],
            sep: f[8],
            unk: f[9],
            open: f[10],
            close: f[11],
        };
        let eps = self.f32("the LayerNorm epsilon")?;
        let sane = d.vocab > 0
            && d.vocab <= 1 << 20
            && d.hidden > 0
            && d.hidden <= 4096
            && d.heads > 0
            && d.hidden.is_multiple_of(d.heads)
            && d.layers <= 64
            && d.intermediate > 0
            && d.intermediate <= 16384
            && (4..=4096).contains(&d.max_len)
            && d.labels == 3
            && [d.cls, d.sep, d.unk, d.open, d.close]
                .iter()
                .all(|&i| (i as usize) < d.vocab)
            && eps.is_finite()
            && eps > 0.0;
        if !sane {
            return Err(Error::Malformed(format!(
                "The model file's header has impossible dimensions: {d:?}, epsilon {eps}."
            )));
        }
        Ok((d, eps))
    }

    /// `n` vocabulary entries, each a u16 length and UTF-8 bytes.
    pub fn vocab(&mut self, n: usize) -> Result<Vec<String>, Error> {
        let mut out = Vec::with_capacity(n.min(1 << 20));
        for i in 0..n {
            let len = self.u16("a vocabulary entry's length")? as usize;
            let b = self.take(len, "a vocabulary entry")?;
            let s = std::str::from_utf8(b)
                .map_err(|_| Error::Malformed(format!("Vocabulary entry {i} is not valid UTF-8.")))?;
            out.push(s.to_string());
        }
        Ok(out)
    }

    /// The kind, name and shape that start a tensor record, checked against what is expected.
    fn tensor_head(&mut self, name: &str, kind: u8, rows: usize, cols: usize) -> Result<(), Error> {
        let k = self.u8("a tensor's kind")?;
        let len = self.u16("a tensor's name length")? as usize;
        let got = self.take(len, "a tensor's name")?;
        if got != name.as_bytes() {
            return Err(Error::Malformed(format!(
                "Expected tensor {name:?} but found {:?}.",
                String::from_utf8_lossy(got)
            )));
        }
        if k != kind {
            return Err(Error::Malformed(format!(
                "Tensor {name:?} has kind {k}; expected {kind} ({}).",
                if kind == 0 { "f32" } else { "int8 rows" }
            )));
        }
        let r = self.u32("a tensor's rows")? as usize;
        let c = self.u32("a tensor's columns")? as usize;
        if (r, c) != (rows, cols) {
            return Err(Error::Malformed(format!(
                "Tensor {name:?} is {r}x{c}; the header implies {rows}x{cols}."
            )));
        }
        Ok(())
    }

    pub fn fmatrix(&mut self, name: &str, rows: usize, cols: usize) -> Result<FMatrix, Error> {
        self.tensor_head(name, 0, rows, cols)?;
        let data = self.f32s(area(name, rows, cols)?, name)?;
        if data.iter().any(|x| !x.is_finite()) {
            return Err(Error::Malformed(format!(
                "Tensor {name:?} holds a value that is not finite."
            )));
        }
        Ok(FMatrix { data })
    }

    pub fn vector(&mut self, name: &str, len: usize) -> Result<Vec<f32>, Error> {
        Ok(self.fmatrix(name, 1, len)?.data)
    }

    pub fn qmatrix(&mut self, name: &str, rows: usize, cols: usize) -> Result<QMatrix, Error> {
        self.tensor_head(name, 1, rows, cols)?;
        let scales = self.f32s(rows, name)?;
        if scales.iter().any(|x| !x.is_finite()) {
            return Err(Error::Malformed(format!(
                "Tensor {name:?} has a scale that is not finite."
            )));
        }
        let data = self
            .take(area(name, rows, cols)?, name)?
            .iter()
            .map(|&b| b as i8)
            .collect();
        Ok(QMatrix {
            rows,
            cols,
            scales,
            data,
        })
    }
}
