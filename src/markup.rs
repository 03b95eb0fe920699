//! Markup written as text, for what is drawn in bulk or never changes (the
//! heatmap's labels and rows, its legend, the footer): the browser parses a
//! piece of markup in one call, where building it element by element takes a
//! call across the wasm boundary per element and per attribute.
//!
//! This module owns the escaping: every attribute value and every text goes
//! through it, so text from the article (names, words) is always text. Tags,
//! attribute names and [`Markup::raw`] take only literals. It must not decide
//! what is drawn; the components do.

use std::fmt::{self, Display, Write};

/// A value the markup writes: text, integers, and decimals made into text
/// first (the page's `num::Fixed` and `num::Short`), never a bare `f32` or
/// `f64`, whose formatting would bring the standard library's float code.
pub trait Val: Display {}

impl Val for str {}
impl Val for String {}
impl Val for fmt::Arguments<'_> {}
impl Val for std::rc::Rc<str> {}
impl Val for usize {}
impl Val for u64 {}
impl Val for u32 {}
impl Val for u8 {}
impl Val for i32 {}
impl Val for bool {}
impl Val for char {}
impl<T: Val + ?Sized> Val for &T {}

/// Markup under construction.
#[derive(Debug, Default)]
pub struct Markup(String);

/// Writes escaped text into a string: a `fmt::Write` so numbers and other
/// `Display` values are escaped as they are formatted, with no copy.
struct Escaped<'a>(&'a mut String);

impl Write for Escaped<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        escape_into(self.0, s);
        Ok(())
    }
}

/// Appends `s` to `out` with `&`, `<`, `>`, `"` and `'` escaped: safe as text
/// and inside a quoted attribute value.
fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
}

impl Markup {
    pub fn with_capacity(bytes: usize) -> Markup {
        Markup(String::with_capacity(bytes))
    }

    /// Markup from the source, written as is: only literals, never text from elsewhere.
    pub fn raw(&mut self, markup: &'static str) -> &mut Markup {
        self.0.push_str(markup);
        self
    }

    /// Starts an element: `<tag`. Attributes follow, then [`Markup::end_open`].
    pub fn open(&mut self, tag: &'static str) -> &mut Markup {
        self.0.push('<');
        self.0.push_str(tag);
        self
    }

    /// Markup that Precise mode's worker wrote with this module (its text escaped there).
    pub fn made(&mut self, markup: &str) -> &mut Markup {
        self.0.push_str(markup);
        self
    }

    /// An attribute, its value escaped.
    pub fn attr(&mut self, name: &'static str, value: impl Val) -> &mut Markup {
        self.write_attr(name, &value)
    }

    // One body for every type of value: a copy per type would only add weight to the page.
    fn write_attr(&mut self, name: &'static str, value: &dyn Display) -> &mut Markup {
        self.0.push(' ');
        self.0.push_str(name);
        self.0.push_str("=\"");
        // Writing into a String cannot fail.
        let _ = write!(Escaped(&mut self.0), "{value}");
        self.0.push('"');
        self
    }

    /// Ends the start tag: `>`.
    pub fn end_open(&mut self) -> &mut Markup {
        self.0.push('>');
        self
    }

    /// Text, escaped.
    pub fn text(&mut self, value: impl Val) -> &mut Markup {
        self.write_text(&value)
    }

    fn write_text(&mut self, value: &dyn Display) -> &mut Markup {
        let _ = write!(Escaped(&mut self.0), "{value}");
        self
    }

    /// Ends an element: `</tag>`.
    pub fn close(&mut self, tag: &'static str) -> &mut Markup {
        self.0.push_str("</");
        self.0.push_str(tag);
        self.0.push('>');
        self
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_attributes_are_escaped() {
        let mut m = Markup::default();
        m.open("text")
            .attr("data-actor", "a\"b' onload='x")
            .attr("x", crate::num::Short(12.5))
            .end_open()
            .text("<script>alert(1)</script> & more")
            .close("text");
        assert_eq!(
            m.into_string(),
            "<text data-actor=\"a&quot;b&#39; onload=&#39;x\" x=\"12.5\">\
             &lt;script&gt;alert(1)&lt;/script&gt; &amp; more</text>"
        );
    }

    #[test]
    fn plain_and_non_ascii_text_is_kept() {
        let mut out = String::new();
        escape_into(&mut out, "Élysée, P3: −0.42 “sharp”");
        assert_eq!(out, "Élysée, P3: −0.42 “sharp”");
        escape_into(&mut out, "");
        escape_into(&mut out, "&&");
        assert_eq!(out, "Élysée, P3: −0.42 “sharp”&amp;&amp;");
    }
}
