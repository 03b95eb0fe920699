//! Tokenization: one paragraph's text into words, numbers, quotes, dashes and
//! punctuation.
//!
//! This module owns token boundaries and kinds, as [`TokenKind`] documents
//! them. It reads each paragraph once: plain ASCII words and spaces eight
//! bytes at a time, everything else char by char, looking at most a few chars
//! ahead and at the tokens it has already pushed. With each token it pushes
//! its text, kind and flags, while its bytes are at hand. It must not
//! allocate beyond the pushed tokens and views, use regular expressions or
//! decide sentence boundaries: a full stop is its own token (except inside a
//! dotted abbreviation such as "U.S."), and `sentences` decides what it means.
//!
//! White space is never a token. Invisible format chars (soft hyphens,
//! zero-width spaces and joiners, direction marks, byte order marks) are
//! skipped, except that a soft hyphen or joiner between two letters stays
//! inside its word, so that the word is not cut in two. Combining marks, emoji
//! modifiers and variation selectors stay with the char before them, and a
//! flag or a zero-width-joined emoji sequence is one token.

use super::{CAPITALISED, NOT_ASCII, Token, TokenKind, View};
use crate::types::Span;

/// Quotation marks that always open.
const OPEN_QUOTES: [char; 7] = ['“', '«', '„', '‹', '‚', '「', '『'];
/// Quotation marks that always close. The right single quotation mark ’ is
/// not here: it is also the typographic apostrophe.
const CLOSE_QUOTES: [char; 5] = ['”', '»', '›', '」', '』'];
/// Chars that are always a dash: em, en and horizontal bar, and the two- and
/// three-em dashes.
const DASHES: [char; 5] = ['—', '–', '―', '⸺', '⸻'];
/// Opening brackets. A straight quote right after one opens.
const OPEN_BRACKETS: [char; 3] = ['(', '[', '{'];
/// A run of at least this many full stops is an ellipsis.
const MIN_ELLIPSIS_STOPS: usize = 3;
/// A run of at most this many hyphens is a dash when it has white space on
/// both sides ("-", "--", "---"), or when it has two or more hyphens.
const MAX_DASH_HYPHENS: usize = 3;
/// A dotted abbreviation has at least this many letters ("U.S."); a single
/// letter with a full stop is an initial ("J."), a word and a stop.
const MIN_DOTTED_LETTERS: usize = 2;
/// The zero-width joiner, which glues emoji into one picture.
const ZWJ: char = '\u{200D}';

/// Appends the tokens of `span` (one trimmed paragraph of `text`) to `out`.
/// The first token has `space_before` set. A span that is not a valid range of
/// `text` adds nothing.
pub(crate) fn tokenize(text: &str, span: Span, out: &mut Vec<Token>) {
    let mut sink = Tokens {
        tokens: std::mem::take(out),
        ..Tokens::default()
    };
    tokenize_into(text, span, &mut sink);
    *out = sink.tokens;
}

/// Appends the tokens of `span` (one trimmed paragraph of `text`) and their
/// views to `out`, as [`tokenize`] does.
pub(crate) fn tokenize_into<'t>(text: &'t str, span: Span, out: &mut Tokens<'t>) {
    let Some(text) = text.get(..span.end).filter(|_| span.is_valid_in(text)) else {
        return;
    };
    let mut lexer = Lexer {
        text,
        pos: span.start,
        first: out.tokens.len(),
        space: true,
        open_singles: 0,
        low_double: false,
        low_single: false,
    };
    lexer.run(out);
}

/// Tokens with the views of them that [`super::Doc`] keeps, appended
/// together while each token's bytes are at hand.
#[derive(Debug, Default)]
pub(crate) struct Tokens<'t> {
    pub tokens: Vec<Token>,
    /// The text of every token.
    pub words: Vec<&'t str>,
    /// The kind and flags of every token.
    pub views: Vec<View>,
}

impl<'t> Tokens<'t> {
    /// Room for `n` tokens.
    pub fn with_capacity(n: usize) -> Tokens<'t> {
        Tokens {
            tokens: Vec::with_capacity(n),
            words: Vec::with_capacity(n),
            views: Vec::with_capacity(n),
        }
    }

    #[inline]
    fn push(&mut self, word: &'t str, start: usize, kind: TokenKind, space_before: bool, flags: u8) {
        self.tokens.push(Token {
            span: Span {
                start,
                end: start + word.len(),
            },
            kind,
            space_before,
        });
        self.words.push(word);
        self.views.push(View { kind, flags });
    }
}

/// The flags of `word`, byte by byte without branches: a capital sets
/// [`CAPITALISED`], a byte of 0x80 or more [`NOT_ASCII`].
fn flags_of(word: &str) -> u8 {
    word.bytes().fold(0, |f, b| {
        f | (u8::from(b.is_ascii_uppercase()) * CAPITALISED) | ((b >> 7) * NOT_ASCII)
    })
}

/// The state of one paragraph's scan.
struct Lexer<'t> {
    /// The text up to the paragraph's end, so that looking ahead stops there.
    text: &'t str,
    /// The byte offset of the next char to read.
    pos: usize,
    /// The index in `out` of the paragraph's first token.
    first: usize,
    /// Whether white space (or the paragraph start) came since the last token.
    space: bool,
    /// How many single quotation marks are open.
    open_singles: usize,
    /// Whether a German „ is open, so that the next “ closes it.
    low_double: bool,
    /// Whether a German ‚ is open, so that the next ‘ closes it.
    low_single: bool,
}

impl<'t> Lexer<'t> {
    /// The char at byte offset `at`, or `None` at the paragraph end.
    fn at(&self, at: usize) -> Option<char> {
        let byte = *self.text.as_bytes().get(at)?;
        if byte.is_ascii() {
            Some(char::from(byte))
        } else {
            self.text.get(at..)?.chars().next()
        }
    }

    /// Scans the paragraph, pushing one token per iteration.
    fn run(&mut self, out: &mut Tokens<'t>) {
        let bytes = self.text.as_bytes();
        loop {
            self.ascii_words(out);
            let Some(&byte) = bytes.get(self.pos) else {
                return;
            };
            let start = self.pos;
            let kind = if byte.is_ascii() {
                // No ASCII char is ignorable.
                self.pos += 1;
                if matches!(byte, b'\t'..=b'\r') {
                    self.space = true;
                    continue;
                }
                self.token(char::from(byte), start, &out.tokens)
            } else {
                let Some(c) = self.at(start) else {
                    return;
                };
                self.pos += c.len_utf8();
                if c.is_whitespace() {
                    self.space = true;
                    continue;
                }
                if is_ignorable(c) {
                    continue;
                }
                self.token(c, start, &out.tokens)
            };
            // Neither a mark nor a joiner is ASCII.
            if bytes.get(self.pos).is_some_and(|b| !b.is_ascii()) {
                self.take_marks(kind);
            }
            let word = self.text.get(start..self.pos).unwrap_or("");
            out.push(word, start, kind, self.space, flags_of(word));
            self.space = false;
        }
    }

    /// Reads plain spaces and plain words: ASCII letters and digits that
    /// neither start a dotted abbreviation nor go on with an apostrophe or a
    /// char outside ASCII. They are the bulk of English text, read here eight
    /// bytes at a time with the scan's state in locals. Returns at anything
    /// else, for [`Lexer::run`] to read the general way.
    fn ascii_words(&mut self, out: &mut Tokens<'t>) {
        let text = self.text;
        // The text from `self.pos` on: slicing a word off its front checks
        // one char boundary, not two.
        let Some(mut rest) = text.get(self.pos..) else {
            return;
        };
        let mut space = self.space;
        while let Some(&byte) = rest.as_bytes().first() {
            let bytes = rest.as_bytes();
            if byte == b' ' {
                let spaces = bytes.iter().take_while(|&&b| b == b' ').count();
                rest = rest.get(spaces..).unwrap_or("");
                space = true;
                continue;
            }
            if !byte.is_ascii_alphabetic() || bytes.get(1) == Some(&b'.') {
                break;
            }
            let (end, capital) = ascii_alnum_end(bytes, 0);
            if bytes.get(end).is_some_and(|&b| b == b'\'' || !b.is_ascii()) {
                break;
            }
            let Some((word, tail)) = rest.split_at_checked(end) else {
                break;
            };
            out.push(
                word,
                text.len() - rest.len(),
                TokenKind::Word,
                space,
                u8::from(capital) * CAPITALISED,
            );
            space = false;
            rest = tail;
        }
        self.pos = text.len() - rest.len();
        self.space = space;
    }

    /// Reads the rest of the token that starts with `c` at `start` and
    /// returns its kind. `self.pos` is just after `c` on entry and at the
    /// token's end on return.
    fn token(&mut self, c: char, start: usize, out: &[Token]) -> TokenKind {
        // Quotation marks and dashes are General Punctuation, which has no
        // letters or digits to look up.
        let punctuation = is_general_punctuation(c);
        if !punctuation && c.is_alphabetic() {
            self.word(start);
            return TokenKind::Word;
        }
        if !punctuation && c.is_numeric() {
            self.number();
            return TokenKind::Number;
        }
        match c {
            '.' => self.full_stop(),
            '-' => self.hyphen(start),
            '"' => {
                if self.opens(out) {
                    TokenKind::OpenQuote
                } else {
                    TokenKind::CloseQuote
                }
            }
            '\'' | '’' => self.apostrophe(c, out),
            _ if c.is_ascii() => TokenKind::Punct,
            '…' => TokenKind::Ellipsis,
            '„' => {
                self.low_double = true;
                TokenKind::OpenQuote
            }
            '“' if self.low_double => {
                self.low_double = false;
                TokenKind::CloseQuote
            }
            '‚' => {
                self.low_single = true;
                self.open_singles += 1;
                TokenKind::OpenQuote
            }
            '‘' if self.low_single => {
                self.low_single = false;
                self.close_single()
            }
            '‘' => {
                self.open_singles += 1;
                TokenKind::OpenQuote
            }
            _ if OPEN_QUOTES.contains(&c) => TokenKind::OpenQuote,
            _ if CLOSE_QUOTES.contains(&c) => TokenKind::CloseQuote,
            _ if DASHES.contains(&c) => TokenKind::Dash,
            _ => {
                self.symbol(c);
                TokenKind::Punct
            }
        }
    }

    /// Reads a word: a dotted abbreviation, or letters and digits with
    /// internal apostrophes, stopping before a possessive "'s".
    fn word(&mut self, start: usize) {
        if self.dotted_abbreviation(start) {
            return;
        }
        // Fast path: ASCII letters and digits, the bulk of English text.
        self.pos = ascii_alnum_end(self.text.as_bytes(), self.pos).0;
        self.word_rest();
    }

    /// Reads the rest of a word from `self.pos`: letters, digits and marks,
    /// with internal apostrophes and joiners.
    fn word_rest(&mut self) {
        while let Some(c) = self.at(self.pos) {
            let len = c.len_utf8();
            if !is_general_punctuation(c) && (c.is_alphanumeric() || is_mark(c)) {
                self.pos += len;
                continue;
            }
            // Only an apostrophe or a joiner may go on with the word.
            let joins = match c {
                '\'' | '’' => {
                    self.at(self.pos + len).is_some_and(char::is_alphabetic) && !self.possessive_s_at(self.pos + len)
                }
                _ if c.is_ascii() => false,
                _ => is_word_joiner(c) && self.at(self.pos + len).is_some_and(char::is_alphabetic),
            };
            if !joins {
                break;
            }
            self.pos += len;
        }
    }

    /// Takes a run of single letters each followed by a full stop ("U.S.",
    /// "e.g.") starting at `start`, if it has at least [`MIN_DOTTED_LETTERS`].
    fn dotted_abbreviation(&mut self, start: usize) -> bool {
        let mut at = start;
        let mut letters = 0;
        while let Some(c) = self.at(at)
            && c.is_alphabetic()
            && self.at(at + c.len_utf8()) == Some('.')
        {
            letters += 1;
            at += c.len_utf8() + 1;
        }
        if letters >= MIN_DOTTED_LETTERS {
            self.pos = at;
            true
        } else {
            false
        }
    }

    /// Whether a possessive "s" or "S" is at `at`: one not followed by more
    /// of a word.
    fn possessive_s_at(&self, at: usize) -> bool {
        matches!(self.at(at), Some('s' | 'S')) && !self.at(at + 1).is_some_and(|c| c.is_alphanumeric() || is_mark(c))
    }

    /// Reads the rest of a number: digits, with a "." or "," between digits.
    fn number(&mut self) {
        while let Some(c) = self.at(self.pos) {
            let separated = matches!(c, '.' | ',') && self.at(self.pos + 1).is_some_and(char::is_numeric);
            if c.is_numeric() || is_mark(c) || separated {
                self.pos += c.len_utf8();
            } else {
                break;
            }
        }
    }

    /// A full stop, or an ellipsis when [`MIN_ELLIPSIS_STOPS`] or more follow
    /// one another.
    fn full_stop(&mut self) -> TokenKind {
        let run = 1 + self.text.as_bytes()[self.pos..]
            .iter()
            .take_while(|&&b| b == b'.')
            .count();
        if run >= MIN_ELLIPSIS_STOPS {
            self.pos += run - 1;
            TokenKind::Ellipsis
        } else {
            TokenKind::Punct
        }
    }

    /// A hyphen at `start`: a dash when spaced ("a - b") or doubled
    /// ("a--b"), else punctuation between the parts of a word.
    fn hyphen(&mut self, start: usize) -> TokenKind {
        let bytes = self.text.as_bytes();
        if start > 0 && bytes[start - 1] == b'-' {
            // The tail of a run too long to be a dash.
            return TokenKind::Punct;
        }
        let run = 1 + bytes[self.pos..].iter().take_while(|&&b| b == b'-').count();
        let end = start + run;
        let spaced = self.space && self.at(end).is_none_or(char::is_whitespace);
        if run <= MAX_DASH_HYPHENS && (spaced || run > 1) {
            self.pos = end;
            TokenKind::Dash
        } else {
            TokenKind::Punct
        }
    }

    /// A straight or typographic apostrophe that is not inside a word: a
    /// possessive, an elision ("’90s") or a single quotation mark.
    fn apostrophe(&mut self, c: char, out: &[Token]) -> TokenKind {
        let prev = out[self.first..].last().filter(|_| !self.space);
        if let Some(prev) = prev.filter(|t| matches!(t.kind, TokenKind::Word | TokenKind::Number)) {
            if self.possessive_s_at(self.pos) {
                self.pos += 1;
                return TokenKind::Possessive;
            }
            let plural = prev.span.of(self.text).ends_with(['s', 'S']);
            let word_follows = self.at(self.pos).is_some_and(|n| n.is_alphanumeric());
            if plural && !word_follows {
                // Inside single quotes, "the Russians’, he said" closes them,
                // but "the Russians’ fears" is still a possessive.
                if self.open_singles > 0 && !self.lowercase_word_follows() {
                    return self.close_single();
                }
                return TokenKind::Possessive;
            }
        }
        if self.space && self.short_year_follows() {
            return TokenKind::Punct;
        }
        if c == '\'' && self.opens(out) {
            self.open_singles += 1;
            return TokenKind::OpenQuote;
        }
        self.close_single()
    }

    /// Closes a single quotation mark.
    fn close_single(&mut self) -> TokenKind {
        self.open_singles = self.open_singles.saturating_sub(1);
        TokenKind::CloseQuote
    }

    /// Whether a straight quote read just now opens: it follows white space,
    /// the paragraph start, an opening quote, bracket or dash, and text
    /// follows it.
    fn opens(&self, out: &[Token]) -> bool {
        let after_opener = self.space
            || out[self.first..].last().is_some_and(|t| match t.kind {
                TokenKind::OpenQuote | TokenKind::Dash => true,
                TokenKind::Punct => t.span.of(self.text).starts_with(OPEN_BRACKETS),
                _ => false,
            });
        after_opener && self.at(self.pos).is_some_and(|n| !n.is_whitespace())
    }

    /// Whether white space and then a lowercase letter come next.
    fn lowercase_word_follows(&self) -> bool {
        let rest = self.text.get(self.pos..).unwrap_or("");
        let after = rest.trim_start();
        after.len() < rest.len() && after.chars().next().is_some_and(char::is_lowercase)
    }

    /// Whether exactly two digits come next, as in "’90s" or "'22".
    fn short_year_follows(&self) -> bool {
        let digits = self.text.as_bytes()[self.pos..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        digits == 2
    }

    /// Completes a symbol token: a flag is a pair of regional indicators.
    fn symbol(&mut self, c: char) {
        if is_regional_indicator(c) && self.at(self.pos).is_some_and(is_regional_indicator) {
            self.pos += c.len_utf8();
        }
    }

    /// Extends the token just read over the combining marks, emoji modifiers
    /// and variation selectors after it, and a symbol over a zero-width
    /// joiner and the symbol it joins.
    fn take_marks(&mut self, kind: TokenKind) {
        // Neither a mark nor a joiner is ASCII.
        if self.text.as_bytes().get(self.pos).is_none_or(u8::is_ascii) {
            return;
        }
        while let Some(c) = self.at(self.pos) {
            if is_mark(c) {
                self.pos += c.len_utf8();
                continue;
            }
            if kind == TokenKind::Punct
                && c == ZWJ
                && let Some(next) = self.at(self.pos + ZWJ.len_utf8())
                && !next.is_ascii()
                && !next.is_alphanumeric()
                && !next.is_whitespace()
                && !is_ignorable(next)
            {
                self.pos += ZWJ.len_utf8() + next.len_utf8();
                continue;
            }
            break;
        }
    }
}

/// The end of the run of ASCII letters and digits at `pos`, and whether it
/// has a capital, read eight bytes at a time: a word of up to seven more
/// bytes takes one test, not a hard-to-predict test per byte.
#[inline]
fn ascii_alnum_end(bytes: &[u8], mut pos: usize) -> (usize, bool) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut capitals = 0;
    while let Some(&chunk) = bytes.get(pos..).and_then(<[u8]>::first_chunk::<8>) {
        let x = u64::from_le_bytes(chunk);
        // Seven-bit bytes, so that no sum below carries into the next byte:
        // a byte's high bit after adding 0x80 - lo says it is at least lo.
        let v = x & !HIGH;
        let digit = (v + ONES * (0x80 - 0x30)) & !(v + ONES * (0x7F - 0x39));
        let folded = v | (ONES * 0x20);
        let letter = (folded + ONES * (0x80 - 0x61)) & !(folded + ONES * (0x7F - 0x7A)) & !x;
        // A capital is a letter whose 0x20 bit is clear.
        let capital = letter & !(x << 2) & HIGH;
        let stop = !((digit & !x) | letter) & HIGH;
        if stop != 0 {
            // Only the capitals before the first stop count.
            capitals |= capital & (stop ^ (stop - 1));
            return (pos + (stop.trailing_zeros() / 8) as usize, capitals != 0);
        }
        capitals |= capital;
        pos += 8;
    }
    let mut capital = capitals != 0;
    while let Some(b) = bytes.get(pos).filter(|b| b.is_ascii_alphanumeric()) {
        capital |= b.is_ascii_uppercase();
        pos += 1;
    }
    (pos, capital)
}

/// Whether `c` is an invisible format char that is skipped between tokens.
fn is_ignorable(c: char) -> bool {
    matches!(c, '\u{AD}' | '\u{FEFF}')
        || ('\u{200B}'..='\u{200F}').contains(&c)
        || ('\u{202A}'..='\u{202E}').contains(&c)
        || ('\u{2060}'..='\u{2064}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

/// Whether `c` is in the General Punctuation block (U+2000 to U+206F):
/// spaces, dashes, quotation marks, the ellipsis and format chars, but no
/// letter, digit or mark.
fn is_general_punctuation(c: char) -> bool {
    ('\u{2000}'..='\u{206F}').contains(&c)
}

/// Whether `c` stays inside a word when a letter follows it: soft hyphen,
/// zero-width (non-)joiner, word joiner, and the Hebrew geresh and gershayim
/// of acronyms.
fn is_word_joiner(c: char) -> bool {
    matches!(
        c,
        '\u{AD}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{5F3}' | '\u{5F4}'
    )
}

/// Whether `c` is a regional indicator, half of a flag emoji.
fn is_regional_indicator(c: char) -> bool {
    matches!(c, '\u{1F1E6}'..='\u{1F1FF}')
}

/// Whether `c` belongs to the char before it: a combining mark, a variation
/// selector, an emoji skin tone or a tag. The standard library has no general
/// category, so this lists the common blocks' mark ranges and treats every
/// other non-alphanumeric char of the Brahmic blocks (viramas, nuktas, vowel
/// signs) except their full stops as a mark.
fn is_mark(c: char) -> bool {
    let u = u32::from(c);
    if u < 0x300 {
        return false;
    }
    let listed = matches!(
        u,
        0x0300..=0x036F
            | 0x0483..=0x0489
            | 0x0591..=0x05BD
            | 0x05BF
            | 0x05C1..=0x05C2
            | 0x05C4..=0x05C5
            | 0x05C7
            | 0x0610..=0x061A
            | 0x064B..=0x065F
            | 0x0670
            | 0x06D6..=0x06DC
            | 0x06DF..=0x06E4
            | 0x06E7..=0x06E8
            | 0x06EA..=0x06ED
            | 0x0E31
            | 0x0E34..=0x0E3A
            | 0x0E47..=0x0E4E
            | 0x0EB1
            | 0x0EB4..=0x0EBC
            | 0x0EC8..=0x0ECD
            | 0x1AB0..=0x1AFF
            | 0x1DC0..=0x1DFF
            | 0x20D0..=0x20FF
            | 0x302A..=0x302F
            | 0x3099..=0x309A
            | 0xFE00..=0xFE0F
            | 0xFE20..=0xFE2F
            | 0x1F3FB..=0x1F3FF
            | 0xE0020..=0xE007F
            | 0xE0100..=0xE01EF
    );
    listed
        || ((0x0900..=0x0DFF).contains(&u) && !c.is_alphanumeric() && !matches!(u, 0x0964 | 0x0965 | 0x0970 | 0x0DF4))
}

#[cfg(test)]
mod tests {
    use super::*;
    use TokenKind::*;

    fn tokens(text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        tokenize(text, Span::new(0, text.len()), &mut out);
        out
    }

    fn pairs(text: &str) -> Vec<(&str, TokenKind)> {
        tokens(text).iter().map(|t| (t.span.of(text), t.kind)).collect()
    }

    fn texts(text: &str) -> Vec<&str> {
        tokens(text).iter().map(|t| t.span.of(text)).collect()
    }

    fn kinds(text: &str) -> Vec<TokenKind> {
        tokens(text).iter().map(|t| t.kind).collect()
    }

    /// Asserts that the tokens of `text` are valid, non-empty, in order, and
    /// cover everything but white space and invisible format chars.
    fn assert_covers(text: &str) {
        let mut end = 0;
        for t in tokens(text) {
            assert!(t.span.is_valid_in(text), "{t:?} in {text:?}");
            assert!(!t.span.is_empty(), "{t:?} in {text:?}");
            let gap = &text[end..t.span.start];
            assert!(
                gap.chars().all(|c| c.is_whitespace() || is_ignorable(c)),
                "gap {gap:?} in {text:?}"
            );
            assert_eq!(
                t.space_before,
                end == 0 || gap.chars().any(char::is_whitespace),
                "{t:?} in {text:?}"
            );
            end = t.span.end;
        }
        assert!(
            text[end..].chars().all(|c| c.is_whitespace() || is_ignorable(c)),
            "{text:?}"
        );
    }

    #[test]
    fn the_ascii_run_ends_where_the_bytewise_scan_does() {
        let text: Vec<u8> = (0u8..=255)
            .chain(
                b"abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                    .iter()
                    .copied(),
            )
            .collect();
        for start in 0..text.len() {
            for end in start..text.len().min(start + 20) {
                let bytes = &text[..end];
                let mut bytewise = start;
                while bytes.get(bytewise).is_some_and(u8::is_ascii_alphanumeric) {
                    bytewise += 1;
                }
                let capital = bytes[start..bytewise].iter().any(u8::is_ascii_uppercase);
                assert_eq!(ascii_alnum_end(bytes, start), (bytewise, capital), "{start}..{end}");
            }
        }
    }

    #[test]
    fn general_punctuation_has_no_letters_digits_or_marks() {
        for c in '\u{2000}'..='\u{206F}' {
            assert!(is_general_punctuation(c));
            assert!(!c.is_alphanumeric() && !is_mark(c), "{c:?}");
        }
        assert!(!is_general_punctuation('\u{1FFF}') && !is_general_punctuation('\u{2070}'));
    }

    #[test]
    fn empty_text_has_no_tokens() {
        assert!(tokens("").is_empty());
    }

    #[test]
    fn an_invalid_span_adds_nothing() {
        let mut out = Vec::new();
        tokenize("é", Span::new(0, 1), &mut out);
        tokenize("abc", Span::new(0, 9), &mut out);
        assert!(out.is_empty());
    }

    #[test]
    fn words_numbers_and_punctuation() {
        assert_eq!(
            pairs("Russia attacked, in 2022."),
            [
                ("Russia", Word),
                ("attacked", Word),
                (",", Punct),
                ("in", Word),
                ("2022", Number),
                (".", Punct)
            ]
        );
    }

    #[test]
    fn space_before_is_set_after_white_space_and_at_the_start() {
        let got: Vec<bool> = tokens("Hi, you (all)").iter().map(|t| t.space_before).collect();
        assert_eq!(got, [true, false, true, true, false, false]);
    }

    #[test]
    fn tokens_of_a_paragraph_inside_a_longer_text() {
        let text = "One.\n\nTwo words.";
        let mut out = vec![];
        tokenize(text, Span::new(6, text.len()), &mut out);
        let got: Vec<&str> = out.iter().map(|t| t.span.of(text)).collect();
        assert_eq!(got, ["Two", "words", "."]);
        assert!(out[0].space_before);
    }

    #[test]
    fn tokens_are_appended_after_earlier_paragraphs() {
        let text = "A b. “C";
        let mut out = Vec::new();
        tokenize(text, Span::new(0, 4), &mut out);
        tokenize(text, Span::new(5, text.len()), &mut out);
        assert_eq!(out.len(), 5);
        assert_eq!((out[3].kind, out[3].space_before), (OpenQuote, true));
    }

    #[test]
    fn digits_after_letters_stay_in_the_word() {
        assert_eq!(
            pairs("G7 F-16"),
            [("G7", Word), ("F", Word), ("-", Punct), ("16", Number)]
        );
    }

    #[test]
    fn numbers_keep_internal_separators() {
        assert_eq!(texts("30,000 men"), ["30,000", "men"]);
        assert_eq!(pairs("3.4 per cent"), [("3.4", Number), ("per", Word), ("cent", Word)]);
        assert_eq!(pairs("1,000.50"), [("1,000.50", Number)]);
    }

    #[test]
    fn a_trailing_separator_is_not_part_of_the_number() {
        assert_eq!(pairs("in 2022."), [("in", Word), ("2022", Number), (".", Punct)]);
        assert_eq!(pairs("5, 6"), [("5", Number), (",", Punct), ("6", Number)]);
    }

    #[test]
    fn currency_signs_and_percent_are_punctuation() {
        assert_eq!(
            pairs("€250 billion ($261.6 billion)"),
            [
                ("€", Punct),
                ("250", Number),
                ("billion", Word),
                ("(", Punct),
                ("$", Punct),
                ("261.6", Number),
                ("billion", Word),
                (")", Punct)
            ]
        );
        assert_eq!(pairs("5%"), [("5", Number), ("%", Punct)]);
        assert_eq!(pairs("-5"), [("-", Punct), ("5", Number)]);
    }

    #[test]
    fn unicode_digits_are_numbers() {
        assert_eq!(pairs("٢٠٢٢"), [("٢٠٢٢", Number)]);
    }

    #[test]
    fn hyphens_split_words() {
        assert_eq!(
            pairs("Kremlin-linked"),
            [("Kremlin", Word), ("-", Punct), ("linked", Word)]
        );
        assert_eq!(kinds("question-and-answer"), [Word, Punct, Word, Punct, Word]);
    }

    #[test]
    fn internal_apostrophes_stay_in_the_word() {
        assert_eq!(pairs("didn't"), [("didn't", Word)]);
        assert_eq!(pairs("didn’t"), [("didn’t", Word)]);
        assert_eq!(pairs("O'Brien"), [("O'Brien", Word)]);
        assert_eq!(pairs("rock'n'roll"), [("rock'n'roll", Word)]);
    }

    #[test]
    fn possessive_s_is_its_own_token() {
        assert_eq!(
            pairs("Moscow’s invasion"),
            [("Moscow", Word), ("’s", Possessive), ("invasion", Word)]
        );
        assert_eq!(
            pairs("Mr Trump's pivot"),
            [("Mr", Word), ("Trump", Word), ("'s", Possessive), ("pivot", Word)]
        );
        assert_eq!(pairs("IT'S"), [("IT", Word), ("'S", Possessive)]);
        assert_eq!(
            pairs("the UK’s."),
            [("the", Word), ("UK", Word), ("’s", Possessive), (".", Punct)]
        );
        assert_eq!(pairs("1990's"), [("1990", Number), ("'s", Possessive)]);
    }

    #[test]
    fn it_s_splits_like_a_possessive() {
        assert_eq!(pairs("It's"), [("It", Word), ("'s", Possessive)]);
    }

    #[test]
    fn plural_possessive_apostrophe() {
        assert_eq!(
            pairs("Europeans’ fears"),
            [("Europeans", Word), ("’", Possessive), ("fears", Word)]
        );
        assert_eq!(
            pairs("the Europeans'."),
            [("the", Word), ("Europeans", Word), ("'", Possessive), (".", Punct)]
        );
        assert_eq!(pairs("allies’"), [("allies", Word), ("’", Possessive)]);
    }

    #[test]
    fn apostrophe_after_a_word_not_ending_in_s_closes_a_quote() {
        assert_eq!(
            kinds("‘We will win’, he said."),
            [OpenQuote, Word, Word, Word, CloseQuote, Punct, Word, Word, Punct]
        );
    }

    #[test]
    fn plural_apostrophe_inside_single_quotes_closes_them_before_punctuation() {
        let got = kinds("‘We will defeat the Russians’, he said.");
        assert_eq!(got[6], CloseQuote);
        let got = kinds("‘Ask the Russians’ allies’, he said.");
        assert_eq!((got[4], got[6]), (Possessive, CloseQuote));
    }

    #[test]
    fn curly_quotes() {
        assert_eq!(
            pairs("“united leadership”"),
            [
                ("“", OpenQuote),
                ("united", Word),
                ("leadership", Word),
                ("”", CloseQuote)
            ]
        );
        assert_eq!(
            kinds("«non» ‹oui›"),
            [OpenQuote, Word, CloseQuote, OpenQuote, Word, CloseQuote]
        );
    }

    #[test]
    fn german_low_quotes_close_with_high_ones() {
        assert_eq!(
            kinds("„Ja“ und ‚nein‘"),
            [OpenQuote, Word, CloseQuote, Word, OpenQuote, Word, CloseQuote]
        );
    }

    #[test]
    fn straight_double_quotes_open_after_space_and_close_after_text() {
        assert_eq!(
            pairs(r#"a "last-ditch effort" by"#),
            [
                ("a", Word),
                ("\"", OpenQuote),
                ("last", Word),
                ("-", Punct),
                ("ditch", Word),
                ("effort", Word),
                ("\"", CloseQuote),
                ("by", Word)
            ]
        );
        assert_eq!(kinds(r#"contest," Mr"#), [Word, Punct, CloseQuote, Word]);
        assert_eq!(kinds(r#"unity." They"#), [Word, Punct, CloseQuote, Word]);
    }

    #[test]
    fn straight_double_quotes_open_after_brackets_dashes_and_quotes() {
        assert_eq!(kinds(r#"("Yes")"#), [Punct, OpenQuote, Word, CloseQuote, Punct]);
        assert_eq!(kinds(r#"—"Yes""#), [Dash, OpenQuote, Word, CloseQuote]);
        assert_eq!(
            kinds(r#""'Yes'""#),
            [OpenQuote, OpenQuote, Word, CloseQuote, CloseQuote]
        );
    }

    #[test]
    fn a_straight_quote_before_space_or_the_end_closes() {
        assert_eq!(kinds("said \" then"), [Word, CloseQuote, Word]);
        assert_eq!(kinds("end \""), [Word, CloseQuote]);
        assert_eq!(kinds("\""), [CloseQuote]);
    }

    #[test]
    fn straight_single_quotes() {
        assert_eq!(kinds("'Go' she said"), [OpenQuote, Word, CloseQuote, Word, Word]);
        assert_eq!(
            kinds("'No,' she said"),
            [OpenQuote, Word, Punct, CloseQuote, Word, Word]
        );
    }

    #[test]
    fn typographic_apostrophe_alone_is_a_closing_quote() {
        assert_eq!(kinds("x ’ y"), [Word, CloseQuote, Word]);
    }

    #[test]
    fn an_apostrophe_before_a_short_year_is_punctuation() {
        assert_eq!(
            pairs("the ’90s"),
            [("the", Word), ("’", Punct), ("90", Number), ("s", Word)]
        );
        assert_eq!(kinds("in '22"), [Word, Punct, Number]);
    }

    #[test]
    fn dashes() {
        assert_eq!(kinds("war — and peace"), [Word, Dash, Word, Word]);
        assert_eq!(kinds("2014–2022"), [Number, Dash, Number]);
        assert_eq!(pairs("war - peace"), [("war", Word), ("-", Dash), ("peace", Word)]);
        assert_eq!(pairs("war -- peace"), [("war", Word), ("--", Dash), ("peace", Word)]);
        assert_eq!(pairs("war--peace"), [("war", Word), ("--", Dash), ("peace", Word)]);
        assert_eq!(pairs("- item"), [("-", Dash), ("item", Word)]);
    }

    #[test]
    fn long_hyphen_runs_are_punctuation() {
        assert_eq!(kinds("-----"), [Punct; 5]);
    }

    #[test]
    fn ellipses() {
        assert_eq!(
            pairs("funds ... but"),
            [("funds", Word), ("...", Ellipsis), ("but", Word)]
        );
        assert_eq!(pairs("funds… but"), [("funds", Word), ("…", Ellipsis), ("but", Word)]);
        assert_eq!(pairs("wait....."), [("wait", Word), (".....", Ellipsis)]);
        assert_eq!(kinds("two.."), [Word, Punct, Punct]);
        assert_eq!(kinds(". . ."), [Punct, Punct, Punct]);
    }

    #[test]
    fn dotted_abbreviations_are_one_word() {
        assert_eq!(
            pairs("the U.S. President"),
            [("the", Word), ("U.S.", Word), ("President", Word)]
        );
        assert_eq!(texts("U.K. D.C. e.g. a.m."), ["U.K.", "D.C.", "e.g.", "a.m."]);
        assert_eq!(pairs("U.S.-led"), [("U.S.", Word), ("-", Punct), ("led", Word)]);
        assert_eq!(pairs("J.K. Rowling"), [("J.K.", Word), ("Rowling", Word)]);
    }

    #[test]
    fn an_initial_is_a_word_and_a_full_stop() {
        assert_eq!(
            pairs("Donald J. Trump"),
            [("Donald", Word), ("J", Word), (".", Punct), ("Trump", Word)]
        );
        assert_eq!(texts("Mr. Smith"), ["Mr", ".", "Smith"]);
    }

    #[test]
    fn a_stop_between_a_letter_and_a_word_is_not_an_abbreviation() {
        assert_eq!(texts("A.Smith"), ["A", ".", "Smith"]);
        assert_eq!(texts("a..."), ["a", "..."]);
    }

    #[test]
    fn multibyte_letters() {
        assert_eq!(pairs("Élysée café"), [("Élysée", Word), ("café", Word)]);
        assert_eq!(
            pairs("Зеленський сказав."),
            [("Зеленський", Word), ("сказав", Word), (".", Punct)]
        );
        assert_eq!(pairs("北京。"), [("北京", Word), ("。", Punct)]);
        assert_eq!(pairs("مرحبا"), [("مرحبا", Word)]);
    }

    #[test]
    fn combining_marks_stay_in_their_word() {
        let text = "Ele\u{301}onore Ki\u{307}yv";
        assert_eq!(texts(text), ["Ele\u{301}onore", "Ki\u{307}yv"]);
        assert_eq!(texts("हिन्दी भाषा।"), ["हिन्दी", "भाषा", "।"]);
    }

    #[test]
    fn emoji_are_symbols_kept_whole() {
        assert_eq!(pairs("🇺🇦 👍🏽"), [("🇺🇦", Punct), ("👍🏽", Punct)]);
        assert_eq!(pairs("Yes👍"), [("Yes", Word), ("👍", Punct)]);
        assert_eq!(pairs("👨‍👩‍👧"), [("👨‍👩‍👧", Punct)]);
        assert_eq!(pairs("❤️!"), [("❤️", Punct), ("!", Punct)]);
        assert_eq!(pairs("🇺🇦🇫🇷"), [("🇺🇦", Punct), ("🇫🇷", Punct)]);
    }

    #[test]
    fn invisible_chars_are_skipped_without_space() {
        let got = tokens("a\u{200B}b \u{FEFF}c\u{200E}");
        let got: Vec<(usize, usize, bool)> = got.iter().map(|t| (t.span.start, t.span.end, t.space_before)).collect();
        assert_eq!(got, [(0, 1, true), (4, 5, false), (9, 10, true)]);
    }

    #[test]
    fn a_soft_hyphen_or_joiner_between_letters_stays_in_the_word() {
        assert_eq!(texts("Krem\u{AD}lin"), ["Krem\u{AD}lin"]);
        assert_eq!(texts("می\u{200C}خواهم"), ["می\u{200C}خواهم"]);
        assert_eq!(texts("end\u{AD}."), ["end", "."]);
    }

    #[test]
    fn every_other_char_is_one_punct() {
        assert_eq!(
            pairs("a/b & c;"),
            [
                ("a", Word),
                ("/", Punct),
                ("b", Word),
                ("&", Punct),
                ("c", Word),
                (";", Punct)
            ]
        );
        assert_eq!(kinds("?!"), [Punct, Punct]);
        assert_eq!(kinds("§ © →"), [Punct, Punct, Punct]);
    }

    #[test]
    fn spans_cover_exactly_the_non_space_text() {
        for text in [
            "Emmanuel Macron and Keir Starmer will be making back-to-back visits.",
            "“The Prime Minister repeated the UK’s steadfast commitment,” No 10 said.",
            "€250 billion ($261.6 billion) — 🇺🇦 👍🏽 Зеленський 北京 é\u{301}",
            "  leading and trailing  ",
            "tab\tand\nline\r\nbreaks\u{2028}here",
            "\u{AD}\u{200B}\u{FEFF}",
            "a\u{200D}b 🏽 \u{301}x",
        ] {
            assert_covers(text);
        }
    }

    #[test]
    fn awkward_strings_never_panic_and_spans_stay_valid() {
        for text in [
            "",
            "\"",
            "'",
            "’",
            "’’’",
            "\"\"",
            "''",
            "“”",
            "...",
            "…",
            ".",
            "-",
            "--",
            "---",
            "- -",
            "U.S.",
            "Mr.",
            "e.g",
            "a'",
            "s'",
            "'s",
            "’s’",
            "9'",
            "9.",
            "9,",
            ".9",
            ",",
            "𝔘𝔫𝔦",
            "😀😀",
            "\u{1F1E6}",
            "\u{301}",
            "\u{200D}",
            "\u{200D}😀",
            "😀\u{200D}",
            "😀\u{200D}a",
            "x\u{AD}",
            "Зе'",
            "中文’s",
            "!?!?",
            "((()))",
            "\"'\"'",
            "‚‘’",
            "„“”",
            "U.S.A",
            "a.b.c.d.",
            "1.2.3",
            "1,,2",
            "1..2",
        ] {
            assert_covers(text);
        }
    }
}
