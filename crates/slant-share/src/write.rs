//! A small JSON writer behind serde's `Serialize`: the link's compact JSON,
//! the saved-analysis file and the exports' pretty JSON, byte for byte what
//! `serde_json::to_string` and `to_string_pretty` write (two-space indent,
//! the same escapes, floats by `zmij`), without serde_json in the page.
//!
//! It owns the JSON text only: the shape of each document belongs to its
//! types' `Serialize`.

use serde::Serialize;
use serde::ser;
use std::fmt;

/// `value` as compact JSON (`pretty` false) or pretty JSON; empty when a
/// map key is not a string or a number (no type this crate writes has one).
pub(crate) fn to_json<T: Serialize + ?Sized>(value: &T, pretty: bool) -> String {
    let mut w = Writer {
        out: String::new(),
        pretty,
        depth: 0,
    };
    match value.serialize(&mut w) {
        Ok(()) => w.out,
        Err(Error) => String::new(),
    }
}

/// The one error: a map key that JSON cannot hold, or a type's own error.
#[derive(Debug)]
pub(crate) struct Error;

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("cannot write this value as JSON")
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(_msg: T) -> Self {
        Error
    }
}

/// The output and where it is: pretty or not, and the open containers' depth.
struct Writer {
    out: String,
    pretty: bool,
    depth: usize,
}

impl Writer {
    /// Opens an array or object (`[` or `{`).
    fn open(&mut self, bracket: char) -> Compound<'_> {
        self.out.push(bracket);
        self.depth += 1;
        Compound { w: self, first: true }
    }

    /// Starts an element or a key: the comma and, when pretty, the new line and indent.
    fn item(&mut self, first: bool) {
        if !first {
            self.out.push(',');
        }
        if self.pretty {
            self.out.push('\n');
            self.indent();
        }
    }

    fn indent(&mut self) {
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
    }

    /// Closes a container that `empty` says had no element.
    fn close(&mut self, bracket: char, empty: bool) {
        self.depth -= 1;
        if self.pretty && !empty {
            self.out.push('\n');
            self.indent();
        }
        self.out.push(bracket);
    }

    /// Writes the `: ` (or `:`) between a key and its value.
    fn colon(&mut self) {
        self.out.push_str(if self.pretty { ": " } else { ":" });
    }

    /// Writes `s` as a JSON string with serde_json's escapes.
    fn string(&mut self, s: &str) {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        self.out.push('"');
        let mut start = 0;
        for (i, b) in s.bytes().enumerate() {
            let escape: &str = match b {
                b'"' => "\\\"",
                b'\\' => "\\\\",
                0x08 => "\\b",
                0x0C => "\\f",
                b'\n' => "\\n",
                b'\r' => "\\r",
                b'\t' => "\\t",
                0..=0x1F => "",
                _ => continue,
            };
            self.out.push_str(&s[start..i]);
            if escape.is_empty() {
                self.out.push_str("\\u00");
                self.out.push(char::from(HEX[usize::from(b >> 4)]));
                self.out.push(char::from(HEX[usize::from(b & 0xF)]));
            } else {
                self.out.push_str(escape);
            }
            start = i + 1;
        }
        self.out.push_str(&s[start..]);
        self.out.push('"');
    }

    /// Writes an unsigned integer's digits, with a `-` before them when `negative`.
    fn integer(&mut self, negative: bool, mut n: u128) {
        let mut digits = [0u8; 40];
        let mut i = digits.len();
        loop {
            i -= 1;
            digits[i] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        if negative {
            self.out.push('-');
        }
        for &d in &digits[i..] {
            self.out.push(char::from(d));
        }
    }

    /// Opens `{"variant": ` for an enum variant that carries data.
    fn variant(&mut self, variant: &str) {
        self.out.push('{');
        self.depth += 1;
        self.item(true);
        self.string(variant);
        self.colon();
    }

    /// Closes what [`Writer::variant`] opened.
    fn end_variant(&mut self) {
        self.close('}', false);
    }
}

/// An open array or object.
struct Compound<'a> {
    w: &'a mut Writer,
    first: bool,
}

impl Compound<'_> {
    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.w.item(self.first);
        self.first = false;
        value.serialize(&mut *self.w)
    }

    fn field<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Result<(), Error> {
        self.w.item(self.first);
        self.first = false;
        self.w.string(key);
        self.w.colon();
        value.serialize(&mut *self.w)
    }
}

impl<'a> ser::Serializer for &'a mut Writer {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Compound<'a>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Compound<'a>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.out.push_str(if v { "true" } else { "false" });
        Ok(())
    }

    fn serialize_i8(self, v: i8) -> Result<(), Error> {
        self.serialize_i64(i64::from(v))
    }

    fn serialize_i16(self, v: i16) -> Result<(), Error> {
        self.serialize_i64(i64::from(v))
    }

    fn serialize_i32(self, v: i32) -> Result<(), Error> {
        self.serialize_i64(i64::from(v))
    }

    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        self.integer(v < 0, u128::from(v.unsigned_abs()));
        Ok(())
    }

    fn serialize_i128(self, v: i128) -> Result<(), Error> {
        self.integer(v < 0, v.unsigned_abs());
        Ok(())
    }

    fn serialize_u8(self, v: u8) -> Result<(), Error> {
        self.serialize_u64(u64::from(v))
    }

    fn serialize_u16(self, v: u16) -> Result<(), Error> {
        self.serialize_u64(u64::from(v))
    }

    fn serialize_u32(self, v: u32) -> Result<(), Error> {
        self.serialize_u64(u64::from(v))
    }

    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        self.integer(false, u128::from(v));
        Ok(())
    }

    fn serialize_u128(self, v: u128) -> Result<(), Error> {
        self.integer(false, v);
        Ok(())
    }

    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        if v.is_finite() {
            self.out.push_str(zmij::Buffer::new().format_finite(v));
        } else {
            self.out.push_str("null");
        }
        Ok(())
    }

    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        if v.is_finite() {
            self.out.push_str(zmij::Buffer::new().format_finite(v));
        } else {
            self.out.push_str("null");
        }
        Ok(())
    }

    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }

    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.string(v);
        Ok(())
    }

    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        let mut seq = self.open('[');
        for b in v {
            seq.element(b)?;
        }
        ser::SerializeSeq::end(seq)
    }

    fn serialize_none(self) -> Result<(), Error> {
        self.serialize_unit()
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), Error> {
        self.out.push_str("null");
        Ok(())
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }

    fn serialize_unit_variant(self, _name: &'static str, _index: u32, variant: &'static str) -> Result<(), Error> {
        self.string(variant);
        Ok(())
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _name: &'static str, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.variant(variant);
        value.serialize(&mut *self)?;
        self.end_variant();
        Ok(())
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'a>, Error> {
        Ok(self.open('['))
    }

    fn serialize_tuple(self, len: usize) -> Result<Compound<'a>, Error> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<Compound<'a>, Error> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a>, Error> {
        self.variant(variant);
        Ok(self.open('['))
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'a>, Error> {
        Ok(self.open('{'))
    }

    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Compound<'a>, Error> {
        Ok(self.open('{'))
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a>, Error> {
        self.variant(variant);
        Ok(self.open('{'))
    }
}

impl ser::SerializeSeq for Compound<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.element(value)
    }

    fn end(self) -> Result<(), Error> {
        self.w.close(']', self.first);
        Ok(())
    }
}

impl ser::SerializeTuple for Compound<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.element(value)
    }

    fn end(self) -> Result<(), Error> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleStruct for Compound<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.element(value)
    }

    fn end(self) -> Result<(), Error> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleVariant for Compound<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.element(value)
    }

    fn end(self) -> Result<(), Error> {
        self.w.close(']', self.first);
        self.w.end_variant();
        Ok(())
    }
}

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        // A key is written compact; numbers and booleans are quoted, as serde_json quotes them.
        let text = to_key(key)?;
        self.w.item(self.first);
        self.first = false;
        self.w.out.push_str(&text);
        self.w.colon();
        Ok(())
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        value.serialize(&mut *self.w)
    }

    fn end(self) -> Result<(), Error> {
        self.w.close('}', self.first);
        Ok(())
    }
}

/// A map key as its JSON string: strings as they are, numbers and booleans quoted.
fn to_key<T: Serialize + ?Sized>(key: &T) -> Result<String, Error> {
    let mut w = Writer {
        out: String::new(),
        pretty: false,
        depth: 0,
    };
    key.serialize(&mut w)?;
    match w.out.as_bytes().first() {
        Some(b'"') => Ok(w.out),
        Some(b'-' | b'0'..=b'9' | b't' | b'f') => {
            let mut quoted = String::from('"');
            quoted.push_str(&w.out);
            quoted.push('"');
            Ok(quoted)
        }
        _ => Err(Error),
    }
}

impl ser::SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
        self.field(key, value)
    }

    fn end(self) -> Result<(), Error> {
        ser::SerializeMap::end(self)
    }
}

impl ser::SerializeStructVariant for Compound<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
        self.field(key, value)
    }

    fn end(self) -> Result<(), Error> {
        self.w.close('}', self.first);
        self.w.end_variant();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde::Serialize;
    use slant_core::{Config, analyze};

    use super::to_json;
    use crate::state::tests::edited;
    use crate::{SharedArticle, SharedState};

    /// Checks `value` compact and pretty against serde_json, byte for byte.
    fn same<T: Serialize + ?Sized>(value: &T) {
        assert_eq!(to_json(value, false), serde_json::to_string(value).unwrap());
        assert_eq!(to_json(value, true), serde_json::to_string_pretty(value).unwrap());
    }

    #[derive(Serialize)]
    enum Shape {
        Unit,
        Newtype(u8),
        Tuple(i32, String),
        Empty(),
        Struct { a: Vec<u8>, b: Option<f32> },
    }

    #[derive(Serialize)]
    struct Nested {
        empty_list: Vec<Vec<u8>>,
        lists: Vec<Vec<u8>>,
        empty_map: BTreeMap<String, u8>,
        numbers: BTreeMap<i64, bool>,
        flags: BTreeMap<bool, ()>,
        pair: (u8, &'static str),
        unit: (),
        shapes: Vec<Shape>,
    }

    #[test]
    fn every_kind_of_value_is_written_as_serde_json_writes_it() {
        // Every control character, quotes, backslashes, DEL and multibyte text.
        let all: String = (0u8..0x80).map(char::from).collect();
        same(&all);
        same("Élysée said “non” — 🇺🇦\u{2028}\u{feff}");
        same(&['\0', '"', 'é', '🇫']);
        for x in [
            0.0f32,
            -0.0,
            1.0,
            -1.0,
            0.1,
            1e-7,
            1e-5,
            123_456_790.0,
            3.4e38,
            f32::NAN,
            f32::INFINITY,
            1e20,
        ] {
            same(&x);
            same(&Some(x));
        }
        for x in [0.0f64, -1.0, 0.1, 1e-7, 1e300, f64::NEG_INFINITY] {
            same(&x);
        }
        same(&[i64::MIN, -1, 0, i64::MAX]);
        same(&[u64::MAX]);
        same(&i128::MIN);
        same(&u128::MAX);
        same(&[-5i8, 7]);
        let nested = Nested {
            empty_list: Vec::new(),
            lists: vec![vec![], vec![1, 2], vec![]],
            empty_map: BTreeMap::new(),
            numbers: [(-3, true), (40, false)].into_iter().collect(),
            flags: [(true, ())].into_iter().collect(),
            pair: (1, "two"),
            unit: (),
            shapes: vec![
                Shape::Unit,
                Shape::Newtype(3),
                Shape::Tuple(-1, "x".into()),
                Shape::Empty(),
                Shape::Struct {
                    a: vec![],
                    b: Some(0.25),
                },
                Shape::Struct { a: vec![9], b: None },
            ],
        };
        same(&nested);
        same(&vec![nested.lists.clone(); 3]);
        // A map whose keys are not strings or numbers is refused, as serde_json refuses it.
        let bad: BTreeMap<Vec<u8>, u8> = [(vec![1], 1)].into_iter().collect();
        assert!(serde_json::to_string(&bad).is_err());
        assert_eq!(to_json(&bad, false), "");
    }

    #[test]
    fn states_are_written_as_serde_json_writes_them() {
        let compared = SharedState {
            label: "Le Monde\t\"2 mai\"".into(),
            articles: vec![
                SharedArticle {
                    label: "BBC\u{1}".into(),
                    text: "Macron’s “landmark” deal.\r\n\r\nZoë: 🇫🇷\\".into(),
                },
                SharedArticle::default(),
            ],
            precise: true,
            made_by: "slant 0.1.0".into(),
            ..edited()
        };
        for state in [SharedState::default(), edited(), compared] {
            assert_eq!(state.to_json(), serde_json::to_string(&state).unwrap());
            same(&state);
            let file = crate::state_file(&state);
            let mut pretty = serde_json::to_string_pretty(&state.wire(Some(crate::STATE_FILE_KIND))).unwrap();
            pretty.push('\n');
            assert_eq!(file, pretty);
        }
    }

    /// The exports' header, with the body's field renamed in the text.
    #[derive(Serialize)]
    struct File<'a, T> {
        slant: &'static str,
        v: u64,
        made_by: String,
        body: &'a T,
    }

    #[test]
    fn reports_and_comparisons_are_written_as_serde_json_writes_them() {
        let config = Config::default();
        let texts = [
            include_str!("../../../seeds/macron-starmer-white-house.txt"),
            include_str!("../../../tests/fixtures/domestic-politics.txt"),
            "Russia attacked Ukraine.\u{7}\n\n“Zoë”, said \"Macron\"\\, was not brave! He \tpraised France.",
            "",
        ];
        let reports: Vec<_> = texts.iter().map(|t| analyze(t, &config)).collect();
        assert!(
            reports[0].cells.iter().any(|c| !c.evidence.is_empty()),
            "the seed has evidence"
        );
        for report in &reports {
            same(report);
            let header = File {
                slant: "report",
                v: 1,
                made_by: crate::provenance(),
                body: report,
            };
            assert_eq!(
                crate::report_json(report),
                serde_json::to_string_pretty(&header)
                    .unwrap()
                    .replacen("\"body\"", "\"report\"", 1)
                    + "\n"
            );
        }
        let articles: Vec<(&str, &slant_core::Report)> = ["Seed", "Fixture\n", "Odd “one”", ""]
            .into_iter()
            .zip(&reports)
            .collect();
        let comparison = slant_core::compare(&articles, &config);
        assert!(!comparison.actors.is_empty());
        same(&comparison);
        let header = File {
            slant: "comparison",
            v: 1,
            made_by: crate::provenance(),
            body: &comparison,
        };
        let expected = serde_json::to_string_pretty(&header)
            .unwrap()
            .replacen("\"body\"", "\"comparison\"", 1)
            + "\n";
        assert_eq!(crate::comparison_json(&comparison), expected);
    }
}
