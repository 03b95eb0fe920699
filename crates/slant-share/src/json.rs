//! A small JSON reader for the shared state (links, drafts and files).
//!
//! The state's shape is fixed and shallow, so its reader (in `state`) walks
//! the text with these few calls instead of a general deserializer: that
//! keeps serde_json's reading code and serde's derived visitors out of the
//! page. It reads strict JSON (RFC 8259): escapes and surrogate pairs
//! checked, no trailing commas, nothing after the value. Values the reader
//! does not want are skipped without recursion, so no nesting overflows the
//! stack. Errors name the line and column, and say whether the text ended early.
//!
//! This module owns JSON's syntax; it must not know the state's fields.

/// Why JSON could not be read, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct JsonError {
    /// What was wrong, with its line and column.
    pub detail: String,
    /// Whether the text ended before the value did.
    pub eof: bool,
}

/// A JSON text being read, and how far.
pub(crate) struct Json<'a> {
    text: &'a str,
    at: usize,
}

pub(crate) type Read<T> = Result<T, JsonError>;

impl<'a> Json<'a> {
    pub fn new(text: &'a str) -> Json<'a> {
        Json { text, at: 0 }
    }

    /// An error at the current position.
    pub fn fail<T>(&self, what: &str) -> Read<T> {
        let eof = self.at >= self.text.len();
        let before = &self.text.as_bytes()[..self.at.min(self.text.len())];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = before.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
        let what = if eof { "unexpected end of input" } else { what };
        Err(JsonError {
            detail: format!("{what} at line {line} column {column}"),
            eof,
        })
    }

    /// The next byte after whitespace, not taken.
    pub fn peek(&mut self) -> Option<u8> {
        while let Some(&b) = self.text.as_bytes().get(self.at) {
            if !matches!(b, b' ' | b'\t' | b'\n' | b'\r') {
                return Some(b);
            }
            self.at += 1;
        }
        None
    }

    fn eat(&mut self, b: u8, what: &str) -> Read<()> {
        if self.peek() == Some(b) {
            self.at += 1;
            Ok(())
        } else {
            self.fail(what)
        }
    }

    /// Nothing but whitespace is left.
    pub fn end(&mut self) -> Read<()> {
        match self.peek() {
            None => Ok(()),
            Some(_) => self.fail("trailing characters"),
        }
    }

    /// Takes `null` if it comes next.
    pub fn null(&mut self) -> Read<bool> {
        if self.peek() != Some(b'n') {
            return Ok(false);
        }
        self.word("null")?;
        Ok(true)
    }

    /// `true` or `false`.
    pub fn bool(&mut self) -> Read<bool> {
        match self.peek() {
            Some(b't') => self.word("true").map(|()| true),
            Some(b'f') => self.word("false").map(|()| false),
            _ => self.fail("expected true or false"),
        }
    }

    fn word(&mut self, word: &str) -> Read<()> {
        for &b in word.as_bytes() {
            match self.text.as_bytes().get(self.at) {
                Some(&c) if c == b => self.at += 1,
                _ => return self.fail("expected a value"),
            }
        }
        Ok(())
    }

    /// An object: `field` is called with each key, and must read its value.
    pub fn object(&mut self, field: &mut dyn FnMut(&mut Json<'a>, String) -> Read<()>) -> Read<()> {
        self.eat(b'{', "expected an object")?;
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Ok(());
        }
        loop {
            if self.peek() != Some(b'"') {
                return self.fail("expected a key");
            }
            let key = self.string()?;
            self.eat(b':', "expected `:`")?;
            field(self, key)?;
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b'}') => {
                    self.at += 1;
                    return Ok(());
                }
                _ => return self.fail("expected `,` or `}`"),
            }
        }
    }

    /// An array: `item` is called for each element, and must read it.
    pub fn array(&mut self, item: &mut dyn FnMut(&mut Json<'a>) -> Read<()>) -> Read<()> {
        self.eat(b'[', "expected an array")?;
        if self.peek() == Some(b']') {
            self.at += 1;
            return Ok(());
        }
        loop {
            item(self)?;
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b']') => {
                    self.at += 1;
                    return Ok(());
                }
                _ => return self.fail("expected `,` or `]`"),
            }
        }
    }

    /// An array of strings.
    pub fn strings(&mut self) -> Read<Vec<String>> {
        let mut out = Vec::new();
        self.array(&mut |j| {
            out.push(j.string()?);
            Ok(())
        })?;
        Ok(out)
    }

    /// A string, its escapes decoded.
    pub fn string(&mut self) -> Read<String> {
        self.eat(b'"', "expected a string")?;
        let bytes = self.text.as_bytes();
        let mut out = String::new();
        loop {
            let start = self.at;
            while let Some(&b) = bytes.get(self.at) {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.at += 1;
            }
            // Stops only at ASCII bytes, so these are char boundaries.
            out.push_str(&self.text[start..self.at]);
            match bytes.get(self.at) {
                Some(b'"') => {
                    self.at += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.at += 1;
                    let Some(&e) = bytes.get(self.at) else {
                        return self.fail("");
                    };
                    self.at += 1;
                    out.push(match e {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => self.escaped_char()?,
                        _ => return self.fail("invalid escape"),
                    });
                }
                Some(_) => return self.fail("control character in a string"),
                None => return self.fail(""),
            }
        }
    }

    /// The char of a `\u` escape (after the `u`), a surrogate pair joined.
    fn escaped_char(&mut self) -> Read<char> {
        let high = self.hex4()?;
        let code = if (0xd800..0xdc00).contains(&high) {
            if self.text.as_bytes().get(self.at..self.at + 2) != Some(b"\\u") {
                return self.fail("lone leading surrogate in a string");
            }
            self.at += 2;
            let low = self.hex4()?;
            if !(0xdc00..0xe000).contains(&low) {
                return self.fail("invalid surrogate pair in a string");
            }
            0x10000 + ((high - 0xd800) << 10) + (low - 0xdc00)
        } else {
            high
        };
        match char::from_u32(code) {
            Some(c) => Ok(c),
            None => self.fail("lone trailing surrogate in a string"),
        }
    }

    fn hex4(&mut self) -> Read<u32> {
        let mut v = 0;
        for _ in 0..4 {
            let Some(&b) = self.text.as_bytes().get(self.at) else {
                return self.fail("");
            };
            let Some(d) = (b as char).to_digit(16) else {
                return self.fail("invalid escape");
            };
            v = v * 16 + d;
            self.at += 1;
        }
        Ok(v)
    }

    /// A number as (negative, up to 19 significant digits, power of ten,
    /// integral): `-12.5e1` is (true, 125, 0, false).
    fn number(&mut self) -> Read<(bool, u64, i32, bool)> {
        self.peek();
        let bytes = self.text.as_bytes();
        let negative = bytes.get(self.at) == Some(&b'-');
        self.at += usize::from(negative);
        let (mut digits, mut power, mut integral) = (0u64, 0i32, true);
        let mut run = |j: &mut Json, after_point: bool| -> Read<usize> {
            let start = j.at;
            while let Some(d) = bytes.get(j.at).filter(|b| b.is_ascii_digit()) {
                if digits < 1_000_000_000_000_000_000 {
                    digits = digits * 10 + u64::from(d - b'0');
                    power -= i32::from(after_point);
                } else {
                    power += i32::from(!after_point);
                }
                j.at += 1;
            }
            match j.at - start {
                0 => j.fail("invalid number"),
                n => Ok(n),
            }
        };
        let leading_zero = bytes.get(self.at) == Some(&b'0');
        if run(self, false)? > 1 && leading_zero {
            return self.fail("invalid number");
        }
        if bytes.get(self.at) == Some(&b'.') {
            self.at += 1;
            integral = false;
            run(self, true)?;
        }
        if matches!(bytes.get(self.at), Some(b'e' | b'E')) {
            self.at += 1;
            integral = false;
            let minus = bytes.get(self.at) == Some(&b'-');
            self.at += usize::from(matches!(bytes.get(self.at), Some(b'-' | b'+')));
            let mut exponent = 0i32;
            let start = self.at;
            while let Some(d) = bytes.get(self.at).filter(|b| b.is_ascii_digit()) {
                exponent = exponent.saturating_mul(10).saturating_add(i32::from(d - b'0'));
                self.at += 1;
            }
            if self.at == start {
                return self.fail("invalid number");
            }
            power = power.saturating_add(if minus { -exponent } else { exponent });
        }
        Ok((negative, digits, power, integral && power == 0))
    }

    /// A non-negative integer.
    pub fn u64(&mut self) -> Read<u64> {
        if !matches!(self.peek(), Some(b'-' | b'0'..=b'9')) {
            return self.fail("expected an unsigned integer");
        }
        let start = self.at;
        match self.number()? {
            (false, digits, 0, true) => Ok(digits),
            (true, 0, 0, true) => Ok(0),
            _ => {
                self.at = start;
                self.fail("expected an unsigned integer")
            }
        }
    }

    /// A number, as the nearest `f32` to its nearest `f64`. Up to 15
    /// digits and ten to at most the 22nd, as every valence is, that `f64`
    /// is exact: the digits and the power are exact in `f64`, and one
    /// operation rounds once. Beyond that it is within a few units in the
    /// last place, as serde_json's default reading is.
    pub fn f32(&mut self) -> Read<f32> {
        if !matches!(self.peek(), Some(b'-' | b'0'..=b'9')) {
            return self.fail("expected a number");
        }
        let (negative, digits, power, _) = self.number()?;
        let scale = 10f64.powi(power.unsigned_abs().min(400) as i32);
        let value = if power < 0 {
            digits as f64 / scale
        } else {
            digits as f64 * scale
        };
        Ok(if negative { -value } else { value } as f32)
    }

    /// Skips one value of any kind, checking its syntax, without recursion.
    pub fn skip(&mut self) -> Read<()> {
        // The closing brackets still open, innermost last.
        let mut open: Vec<u8> = Vec::new();
        loop {
            match self.peek() {
                Some(b'{') => {
                    self.at += 1;
                    if self.peek() == Some(b'}') {
                        self.at += 1;
                    } else {
                        open.push(b'}');
                        self.key()?;
                        continue;
                    }
                }
                Some(b'[') => {
                    self.at += 1;
                    if self.peek() == Some(b']') {
                        self.at += 1;
                    } else {
                        open.push(b']');
                        continue;
                    }
                }
                Some(b'"') => drop(self.string()?),
                Some(b't') => self.word("true")?,
                Some(b'f') => self.word("false")?,
                Some(b'n') => self.word("null")?,
                Some(b'-' | b'0'..=b'9') => drop(self.number()?),
                _ => return self.fail("expected a value"),
            }
            // A value ended: close what it ends, or go on to the next.
            loop {
                let Some(&close) = open.last() else {
                    return Ok(());
                };
                match self.peek() {
                    Some(b',') => {
                        self.at += 1;
                        if close == b'}' {
                            self.key()?;
                        }
                        break;
                    }
                    Some(b) if b == close => {
                        self.at += 1;
                        open.pop();
                    }
                    _ => return self.fail("expected `,` or a closing bracket"),
                }
            }
        }
    }

    /// An object's key and its colon.
    fn key(&mut self) -> Read<()> {
        if self.peek() != Some(b'"') {
            return self.fail("expected a key");
        }
        self.string()?;
        self.eat(b':', "expected `:`")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn skipped(text: &str) -> Read<()> {
        let mut j = Json::new(text);
        j.skip()?;
        j.end()
    }

    #[test]
    fn strings_decode_escapes_and_refuse_bad_ones() {
        let read = |t: &str| Json::new(t).string();
        assert_eq!(read(r#""a\"b\\c\/\n\t\u00e9\ud83c\uddfa""#).unwrap(), "a\"b\\c/\n\té🇺");
        assert_eq!(read("\"Zoë 🇫🇷\"").unwrap(), "Zoë 🇫🇷");
        for bad in [
            r#""\ud800""#,
            r#""\udc00""#,
            r#""\ud800\u0041""#,
            r#""\x""#,
            "\"a\nb\"",
            r#""\u12"#,
        ] {
            assert!(read(bad).is_err(), "{bad}");
        }
        assert!(read("\"abc").unwrap_err().eof);
        assert!(!read("\"\\x\"").unwrap_err().eof);
    }

    #[test]
    fn numbers_read_as_serde_json_reads_them() {
        let f = |t: &str| Json::new(t).f32().unwrap();
        for (text, want) in [
            ("1", 1.0f32),
            ("-2.5", -2.5),
            ("0.3", 0.3),
            ("-1.3", -1.3),
            ("4e0", 4.0),
            ("25e-1", 2.5),
            ("1E2", 100.0),
            ("-0.1", -0.1),
        ] {
            assert_eq!(f(text), want, "{text}");
        }
        let u = |t: &str| Json::new(t).u64();
        assert_eq!(u("1"), Ok(1));
        assert_eq!(u("0"), Ok(0));
        assert_eq!(u("1234567890123456789"), Ok(1_234_567_890_123_456_789));
        for bad in ["1.0", "-1", "1e2", "\"1\"", "01", "-", "1.", ".5", "1e"] {
            assert!(u(bad).is_err() || Json::new(bad).end().is_err(), "{bad}");
        }
    }

    #[test]
    fn skipping_checks_syntax() {
        for good in [
            r#"{"a":[1,2,{"b":null}],"c":true,"d":false,"e":"x","f":-1.5e3}"#,
            "[]",
            "{}",
            " [ [ ] , { } ] ",
        ] {
            assert_eq!(skipped(good), Ok(()), "{good}");
        }
        for bad in [
            "[1,]",
            "{\"a\":1,}",
            "[1 2]",
            "{\"a\" 1}",
            "[}",
            "{]",
            "tru",
            "[",
            "{\"a\":",
            "1 2",
            "{1:2}",
        ] {
            assert!(skipped(bad).is_err(), "{bad}");
        }
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert_eq!(skipped(&deep), Ok(()));
        assert!(skipped(&deep[..150_000]).unwrap_err().eof);
    }

    #[test]
    fn errors_say_where() {
        let err = Json::new("{\n  \"a\": x}").object(&mut |j, _| j.skip()).unwrap_err();
        assert_eq!(err.detail, "expected a value at line 2 column 8");
        assert!(!err.eof);
    }
}
