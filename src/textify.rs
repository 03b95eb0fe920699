//! Opening files: which files Slant reads, and turning HTML into plain text
//! with its paragraphs kept.
//!
//! The pure part (file kinds, the paragraph builder, binary detection) is
//! here and tested natively; the browser part parses HTML with DOMParser into
//! a detached document and walks it, never touching the live page. Script and
//! style contents are dropped. Nothing here uses `inner_html`.

/// What kind of file, by its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Text,
    Markdown,
    Html,
    /// A saved analysis (`slant-analysis.json`), read by `keep::read_state`.
    Saved,
}

/// Files larger than this are refused: an article is far smaller.
pub const MAX_FILE_BYTES: f64 = 8.0 * 1024.0 * 1024.0;

/// The kind of a file from its name, or a message saying why it cannot be read.
pub fn file_kind(name: &str) -> Result<FileKind, String> {
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "txt" | "text" => Ok(FileKind::Text),
        "md" | "markdown" => Ok(FileKind::Markdown),
        "html" | "htm" | "xhtml" => Ok(FileKind::Html),
        "json" => Ok(FileKind::Saved),
        "" => Err(format!(
            "Slant cannot tell what kind of file “{name}” is. Open a .txt, .md or .html file or a saved analysis (.json), or paste the text."
        )),
        other => Err(format!(
            "Slant reads .txt, .md and .html files and saved analyses (.json), not .{other} (“{name}”). Copy the article’s text and paste it instead."
        )),
    }
}

/// Whether decoded text looks like a binary file: NUL bytes, or many
/// replacement characters from invalid UTF-8.
pub fn looks_binary(text: &str) -> bool {
    let mut chars = 0usize;
    let mut bad = 0usize;
    for c in text.chars().take(64 * 1024) {
        chars += 1;
        if c == '\0' {
            return true;
        }
        if c == '\u{FFFD}' {
            bad += 1;
        }
    }
    bad > 0 && bad * 50 > chars
}

/// HTML elements whose content is never article text.
pub fn is_skipped(tag: &str) -> bool {
    matches!(
        tag.to_ascii_lowercase().as_str(),
        "script"
            | "style"
            | "noscript"
            | "template"
            | "head"
            | "svg"
            | "math"
            | "iframe"
            | "object"
            | "canvas"
            | "select"
            | "button"
            | "nav"
            | "form"
    )
}

/// HTML elements that start and end a paragraph.
pub fn is_block(tag: &str) -> bool {
    matches!(
        tag.to_ascii_lowercase().as_str(),
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "header"
            | "footer"
            | "aside"
            | "blockquote"
            | "pre"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "figure"
            | "figcaption"
            | "table"
            | "tr"
            | "td"
            | "th"
            | "caption"
            | "address"
            | "hr"
            | "br"
            | "body"
            | "html"
    )
}

/// Collects text into paragraphs: white space collapses to single spaces,
/// and a block boundary ends the current paragraph.
#[derive(Debug, Default)]
pub struct Paragraphs {
    done: Vec<String>,
    current: String,
}

impl Paragraphs {
    /// Adds a run of text to the current paragraph.
    pub fn text(&mut self, s: &str) {
        let mut first = true;
        let starts_with_space = s.starts_with(char::is_whitespace);
        for word in s.split_whitespace() {
            let space = if first { starts_with_space } else { true };
            if space && !self.current.is_empty() && !self.current.ends_with(' ') {
                self.current.push(' ');
            }
            self.current.push_str(word);
            first = false;
        }
        // White space at the end (or a run of only white space) separates what follows.
        if s.ends_with(char::is_whitespace) && !self.current.is_empty() && !self.current.ends_with(' ') {
            self.current.push(' ');
        }
    }

    /// Ends the current paragraph, if it has any text.
    pub fn block(&mut self) {
        let p = self.current.trim();
        if !p.is_empty() {
            self.done.push(p.to_string());
        }
        self.current.clear();
    }

    /// The paragraphs, separated by blank lines.
    pub fn finish(mut self) -> String {
        self.block();
        self.done.join("\n\n")
    }
}

/// Plain text from an HTML document parsed by the browser (detached: never
/// inserted into the page). Browser only.
pub fn html_to_text(html: &str) -> Result<String, String> {
    use web_sys::{DomParser, SupportedType};
    let parser = DomParser::new().map_err(|_| "This browser cannot parse HTML files.".to_string())?;
    let doc = parser
        .parse_from_string(html, SupportedType::TextHtml)
        .map_err(|_| "This HTML file could not be parsed.".to_string())?;
    let mut out = Paragraphs::default();
    if let Some(body) = doc.body() {
        walk(&body, &mut out, 0);
    }
    Ok(out.finish())
}

fn walk(node: &web_sys::Node, out: &mut Paragraphs, depth: usize) {
    use web_sys::Node;
    if depth > 256 {
        return;
    }
    let children = node.child_nodes();
    for i in 0..children.length() {
        let Some(child) = children.item(i) else { continue };
        match child.node_type() {
            Node::TEXT_NODE => {
                if let Some(t) = child.text_content() {
                    out.text(&t);
                }
            }
            Node::ELEMENT_NODE => {
                let tag = child.node_name();
                if is_skipped(&tag) {
                    continue;
                }
                let block = is_block(&tag);
                if block {
                    out.block();
                }
                walk(&child, out, depth + 1);
                if block {
                    out.block();
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_by_extension() {
        assert_eq!(file_kind("a.txt"), Ok(FileKind::Text));
        assert_eq!(file_kind("A.TXT"), Ok(FileKind::Text));
        assert_eq!(file_kind("notes.md"), Ok(FileKind::Markdown));
        assert_eq!(file_kind("page.HTML"), Ok(FileKind::Html));
        assert_eq!(file_kind("page.htm"), Ok(FileKind::Html));
        assert_eq!(file_kind("slant-analysis.JSON"), Ok(FileKind::Saved));
        let e = file_kind("report.pdf").unwrap_err();
        assert!(e.contains(".pdf") && e.contains(".txt"), "{e}");
        assert!(file_kind("README").unwrap_err().contains("README"));
        assert!(file_kind("Élysée.docx").unwrap_err().contains("Élysée.docx"));
    }

    #[test]
    fn binary_text_is_detected() {
        assert!(looks_binary("PK\u{3}\u{4}\0\0"));
        assert!(looks_binary(&"\u{FFFD}x".repeat(100)));
        assert!(!looks_binary(
            "Plain text with one odd \u{FFFD} among many words and many more words here, and still more words to read."
        ));
        assert!(!looks_binary("Élysée — “quotes”"));
        assert!(!looks_binary(""));
    }

    #[test]
    fn tags_are_classified_case_insensitively() {
        assert!(is_skipped("SCRIPT") && is_skipped("style") && is_skipped("noscript"));
        assert!(!is_skipped("p"));
        assert!(is_block("P") && is_block("li") && is_block("h2") && is_block("BR"));
        assert!(!is_block("span") && !is_block("a") && !is_block("em"));
    }

    #[test]
    fn paragraphs_collapse_white_space_and_break_at_blocks() {
        let mut p = Paragraphs::default();
        p.text("\n  Russia   attacked\n");
        p.text("Ukraine.");
        p.block();
        p.block();
        p.text("Britain ");
        p.text("praised");
        p.text(" ");
        p.text("Ukraine.");
        assert_eq!(p.finish(), "Russia attacked Ukraine.\n\nBritain praised Ukraine.");
    }

    #[test]
    fn inline_runs_join_without_inventing_spaces() {
        let mut p = Paragraphs::default();
        // <p>Zelensky<em>y</em>’s “plan”</p>
        p.text("Zelensky");
        p.text("y");
        p.text("’s “plan”");
        assert_eq!(p.finish(), "Zelenskyy’s “plan”");
    }

    #[test]
    fn empty_input_gives_empty_text() {
        assert_eq!(Paragraphs::default().finish(), "");
        let mut p = Paragraphs::default();
        p.text("   \n\t ");
        p.block();
        assert_eq!(p.finish(), "");
    }
}
