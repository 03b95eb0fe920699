//! Sentence structure without a parser: clauses and quotations.
//!
//! Attribution needs to know which words share a clause with a mention, and
//! which words sit inside someone's quotation. This module finds both from
//! punctuation and closed-class words (conjunctions, relative pronouns), in
//! one pass over the tokens.
//!
//! It owns clause and quote boundaries only. It knows nothing of actors or
//! sentiment; subjects inherited across clauses are resolved in `attribute`,
//! which knows where the mentions are.

use std::ops::Range;
use std::sync::OnceLock;

use rustc_hash::FxHashSet;

use crate::segment::{CAPITALISED, Doc, TokenKind};
use crate::sketch::Sketch;
use crate::types::Span;

/// Marks a token that is in no quotation.
pub(crate) const NO_QUOTE: u32 = u32::MAX;

/// Quotations shorter than this many words are phrases quoted inside the
/// writer's own sentence ("a “disinformation bubble”", scare quotes), not
/// speech: they do not open a scope of their own.
pub(crate) const MIN_SPEECH_WORDS: usize = 5;

/// How a clause is introduced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ClauseKind {
    /// The first clause of a sentence, or one after `;`, `:` or a dash.
    Main,
    /// After a comma with no conjunction.
    Comma,
    /// Introduced by "and", "or", "nor".
    Coordinate,
    /// Introduced by "who", "which", "that" (after a noun), "whose", "whom".
    Relative,
    /// Introduced by a subordinator: "because", "when", "after", "if"...
    Subordinate,
    /// Introduced by "although", "though", "despite", "whereas", "while":
    /// it concedes, and the rest of the sentence outweighs it.
    Concessive,
    /// Introduced by "but", "however", "yet": it outweighs what came before.
    Contrast,
    /// Inside parentheses or between dashes.
    Parenthetical,
}

/// A clause: a run of tokens of one sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Clause {
    pub tokens: Range<usize>,
    pub sentence: usize,
    pub kind: ClauseKind,
    /// The conjunction or pronoun that opened it, if any.
    pub opener: Option<usize>,
}

/// A quotation inside one paragraph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Quote {
    /// From the opening mark to the closing mark, inclusive.
    pub span: Span,
    /// The tokens between the marks.
    pub inner: Range<usize>,
    /// Index of the opening mark token.
    pub open: usize,
    /// Index of the closing mark token; `None` when the paragraph ends first.
    pub close: Option<usize>,
    pub paragraph: usize,
    /// Whether it is long enough to be speech rather than a quoted phrase.
    pub is_speech: bool,
}

/// Clauses and quotations of a document.
#[derive(Clone, Debug, Default)]
pub(crate) struct Structure {
    pub clauses: Vec<Clause>,
    /// The clause of every token.
    pub clause_of: Vec<u32>,
    pub quotes: Vec<Quote>,
    /// The innermost speech quotation of every token, or [`NO_QUOTE`].
    pub quote_of: Vec<u32>,
    /// The words that are verbs of saying (whatever their use), in text
    /// order: found while clauses are split, so later stages need not read
    /// every word again.
    pub saying_words: Vec<u32>,
}

impl Structure {
    // A pipeline stage: kept out of line so profiles show it whole.
    #[inline(never)]
    pub fn new(doc: &Doc) -> Structure {
        let n = doc.tokens.len();
        let mut s = Structure {
            // About one clause per ten tokens of news text.
            clauses: Vec::with_capacity(n / 8),
            clause_of: Vec::with_capacity(n),
            // About one quotation per seventy tokens, and one verb of saying per fifty.
            quotes: Vec::with_capacity(n / 64),
            quote_of: vec![NO_QUOTE; n],
            saying_words: Vec::with_capacity(n / 32),
        };
        let closed = Closed::get();
        for (index, sentence) in doc.sentences.iter().enumerate() {
            split_clauses(doc, closed, sentence.tokens.clone(), index, &mut s);
        }
        let mut scratch = QuoteScratch::default();
        for (index, paragraph) in doc.paragraphs.iter().enumerate() {
            let sentences = &doc.sentences[paragraph.sentences.clone()];
            let tokens = match (sentences.first(), sentences.last()) {
                (Some(a), Some(b)) => a.tokens.start..b.tokens.end,
                _ => continue,
            };
            find_quotes(doc, tokens, index, &mut scratch, &mut s);
        }
        s
    }

    /// The clause token `i` belongs to.
    pub fn clause(&self, i: usize) -> Option<&Clause> {
        self.clause_of.get(i).and_then(|&c| self.clauses.get(c as usize))
    }

    /// The speech quotation token `i` is in, if any.
    pub fn quote(&self, i: usize) -> Option<&Quote> {
        self.quote_of
            .get(i)
            .filter(|&&q| q != NO_QUOTE)
            .and_then(|&q| self.quotes.get(q as usize))
    }

    /// Whether tokens `a` and `b` are on the same side of every speech quotation.
    pub fn same_voice(&self, a: usize, b: usize) -> bool {
        self.quote_of.get(a) == self.quote_of.get(b)
    }
}

/// The kind of clause `word` (lowercase) opens, and whether only after a
/// comma: one match for both lists, as every word is looked up.
fn clause_word(word: &str) -> Option<(ClauseKind, bool)> {
    Some(match word {
        "but" | "however" | "yet" => (ClauseKind::Contrast, false),
        "although" | "though" | "whereas" | "despite" => (ClauseKind::Concessive, false),
        "who" | "whom" | "whose" | "which" => (ClauseKind::Relative, false),
        "because" | "unless" | "whether" => (ClauseKind::Subordinate, false),
        "and" | "or" | "nor" => (ClauseKind::Coordinate, true),
        "while" => (ClauseKind::Concessive, true),
        "after" | "before" | "when" | "if" | "as" | "since" | "until" | "where" | "saying" | "so" => {
            (ClauseKind::Subordinate, true)
        }
        _ => return None,
    })
}

/// The words [`clause_word`] knows, and "that", which opens a relative
/// clause after a noun.
const CLAUSE_WORDS: &[&str] = &[
    "but", "however", "yet", "although", "though", "whereas", "despite", "who", "whom", "whose", "which", "because",
    "unless", "whether", "and", "or", "nor", "while", "after", "before", "when", "if", "as", "since", "until", "where",
    "saying", "so", "that",
];

fn lower_is(doc: &Doc, i: usize, word: &str) -> bool {
    doc.token_text(i).eq_ignore_ascii_case(word)
}

/// What a token is to the token after it, when clauses are split.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Before {
    Word,
    Comma,
    /// ";" or ":".
    Break,
    OpenParen,
    CloseParen,
    Dash,
    Other,
}

/// Splits the tokens `range` of sentence `sentence` into clauses, and lists
/// its verbs of saying. `range` is a sentence's range of `doc.tokens`, and
/// sentences come in order, so `clause_of` grows by exactly `range`.
fn split_clauses(doc: &Doc, closed: &Closed, range: Range<usize>, sentence: usize, s: &mut Structure) {
    let mut start = range.start;
    let mut kind = ClauseKind::Main;
    let mut opener = None;
    let mut in_parens = false;
    let push = |s: &mut Structure, start: usize, end: usize, kind, opener| {
        if start < end {
            let id = s.clauses.len() as u32;
            s.clause_of.extend(std::iter::repeat_n(id, end - start));
            s.clauses.push(Clause {
                tokens: start..end,
                sentence,
                kind,
                opener,
            });
        }
    };
    let views = doc.views.get(range.clone()).unwrap_or(&[]);
    let words = doc.words.get(range.clone()).unwrap_or(&[]);
    let n = views.len().min(words.len());
    // A sentence may open with a concessive or subordinate word: "Although ...".
    if let Some(first) = views
        .iter()
        .position(|v| v.kind == TokenKind::Word)
        .map(|k| range.start + k)
        && let Some((k, _)) = clause_word(doc.lower(first))
        && k != ClauseKind::Coordinate
    {
        kind = k;
        opener = Some(first);
    }
    // What the token before `i` is; the first token has none before it.
    let mut before = None;
    for j in 0..n {
        let (i, view, text) = (range.start + j, views[j], words[j]);
        // A boundary before token i: which kind of clause does i open?
        let mut next: Option<(ClauseKind, Option<usize>)> = None;
        let this = match view.kind {
            TokenKind::Word => {
                // Every verb of saying is 3 to 12 bytes long, and every word
                // that may open a clause 2 to 8; one sketch holds both lists
                // and turns most other words away.
                let len = text.len();
                let lower = if view.flags & CAPITALISED != 0 {
                    doc.lower(i)
                } else {
                    text
                };
                if (2..=12).contains(&len) && closed.sketch.may_contain(lower) {
                    let clause = if len <= 8 { clause_word(lower) } else { None };
                    // Of the clause words, only "saying" is a verb of saying.
                    let maybe_saying = match clause {
                        Some(_) => lower == "saying",
                        None => lower != "that",
                    };
                    if maybe_saying && closed.is_saying(lower) {
                        s.saying_words.push(i as u32);
                    }
                    if len <= 8
                        && let Some(prev) = before
                    {
                        match clause {
                            // "but also" and "not only ... but" still contrast; "yet" after "not" does not.
                            Some((k, after_comma))
                                if !((after_comma && prev != Before::Comma)
                                    || (lower == "yet" && lower_is(doc, i - 1, "not"))) =>
                            {
                                next = Some((k, Some(i)));
                            }
                            Some(_) => {}
                            // "a policy that ..." is relative; "said that ..." is a complement.
                            None if lower == "that"
                                && prev == Before::Word
                                && !closed.is_saying(doc.lower(i - 1))
                                && !matches!(doc.lower(i - 1), "so" | "such" | "now" | "in" | "of" | "than") =>
                            {
                                next = Some((ClauseKind::Relative, Some(i)));
                            }
                            None => {}
                        }
                    }
                }
                Before::Word
            }
            TokenKind::Punct => match text {
                "," => Before::Comma,
                ";" | ":" => Before::Break,
                "(" => Before::OpenParen,
                ")" => Before::CloseParen,
                _ => Before::Other,
            },
            TokenKind::Dash => Before::Dash,
            _ => Before::Other,
        };
        if next.is_none()
            && let Some(prev) = before
        {
            match prev {
                Before::Dash => {
                    next = Some((
                        if in_parens {
                            ClauseKind::Main
                        } else {
                            ClauseKind::Parenthetical
                        },
                        None,
                    ));
                    in_parens = !in_parens;
                }
                Before::Break => next = Some((ClauseKind::Main, None)),
                Before::OpenParen => next = Some((ClauseKind::Parenthetical, None)),
                Before::CloseParen => next = Some((ClauseKind::Comma, None)),
                Before::Comma if !is_list_comma(doc, i - 1, range.clone()) => next = Some((ClauseKind::Comma, None)),
                _ => {}
            }
            if next.is_none() && this == Before::OpenParen {
                next = Some((ClauseKind::Parenthetical, None));
            }
        }
        if let Some((k, o)) = next {
            push(s, start, i, kind, opener);
            start = i;
            kind = k;
            opener = o;
        }
        before = Some(this);
    }
    push(s, start, range.end, kind, opener);
}

/// Whether the comma at `i` separates items of a list of names ("Britain,
/// France and Germany") rather than clauses: capitalised words on both sides.
fn is_list_comma(doc: &Doc, i: usize, range: Range<usize>) -> bool {
    let capitalised = |j: usize| {
        range.contains(&j)
            && doc.tokens[j].kind == TokenKind::Word
            && doc.token_text(j).chars().next().is_some_and(char::is_uppercase)
    };
    i > range.start && capitalised(i - 1) && capitalised(i + 1) && {
        // The item after the comma must be short and followed by another comma or "and"/"or".
        let mut j = i + 1;
        while j < range.end && capitalised(j) {
            j += 1;
        }
        j < range.end && (doc.token_text(j) == "," || lower_is(doc, j, "and") || lower_is(doc, j, "or"))
    }
}

/// Verbs that introduce speech or reported speech.
const VERBS_OF_SAYING: &[&str] = &[
    "according",
    "acknowledge",
    "acknowledged",
    "add",
    "added",
    "adds",
    "admit",
    "admits",
    "admitted",
    "argue",
    "argued",
    "argues",
    "ask",
    "asked",
    "asks",
    "believe",
    "believed",
    "believes",
    "claim",
    "claimed",
    "claims",
    "declare",
    "declared",
    "declares",
    "explain",
    "explained",
    "explains",
    "insist",
    "insisted",
    "insists",
    "note",
    "noted",
    "notes",
    "post",
    "posted",
    "recall",
    "recalled",
    "replied",
    "replies",
    "reply",
    "respond",
    "responded",
    "responds",
    "said",
    "say",
    "saying",
    "says",
    "state",
    "stated",
    "states",
    "stress",
    "stressed",
    "suggest",
    "suggested",
    "suggests",
    "tell",
    "tells",
    "think",
    "thinks",
    "thought",
    "told",
    "tweet",
    "tweeted",
    "tweets",
    "warn",
    "warned",
    "warns",
    "write",
    "writes",
    "wrote",
];

/// The verbs of saying as a set, and the shared word sketch (first two and
/// last two bytes and length) of the verbs of saying and [`CLAUSE_WORDS`],
/// which turns most other words away before a lookup.
struct Closed {
    saying: FxHashSet<&'static str>,
    sketch: Sketch,
}

impl Closed {
    /// The sets, built once.
    fn get() -> &'static Closed {
        static CLOSED: OnceLock<Closed> = OnceLock::new();
        CLOSED.get_or_init(|| {
            let mut sketch = Sketch::default();
            for w in VERBS_OF_SAYING.iter().chain(CLAUSE_WORDS) {
                sketch.insert(w);
            }
            Closed {
                saying: VERBS_OF_SAYING.iter().copied().collect(),
                sketch,
            }
        })
    }

    /// Whether `word` (lowercase) is a verb of saying: the length and the
    /// sketch reject most words before the one hash lookup.
    #[inline]
    fn is_saying(&self, word: &str) -> bool {
        // Every verb of saying is 3 to 12 bytes long.
        (3..=12).contains(&word.len()) && self.sketch.may_contain(word) && self.saying.contains(word)
    }
}

/// Whether `word` (lowercase) is a verb of saying.
pub(crate) fn is_verb_of_saying(word: &str) -> bool {
    Closed::get().is_saying(word)
}

/// Buffers that finding quotations reuses from one paragraph to the next.
#[derive(Default)]
struct QuoteScratch {
    /// The open quotation marks, each with the words before it.
    open: Vec<(usize, u32)>,
    /// The speeches open at a token.
    speeches: Vec<usize>,
}

fn find_quotes(doc: &Doc, range: Range<usize>, paragraph: usize, scratch: &mut QuoteScratch, s: &mut Structure) {
    let views = doc.views.get(range.clone()).unwrap_or(&[]);
    // Most paragraphs quote no one: `quote_of` already says so.
    if !views
        .iter()
        .any(|v| matches!(v.kind, TokenKind::OpenQuote | TokenKind::CloseQuote))
    {
        return;
    }
    // A stack of open quotation marks, so a single-quoted phrase inside a
    // double-quoted speech closes before the speech does.
    let QuoteScratch { open, speeches } = scratch;
    open.clear();
    let first = s.quotes.len();
    // The words so far: each open mark keeps the count at it, so a
    // quotation's words are counted in one step however many quotations
    // there are.
    let mut count = 0;
    let close_quote = |s: &mut Structure, (o, before): (usize, u32), close: Option<usize>, end: usize, count: u32| {
        let inner = o + 1..end;
        let span_end = close.map_or(doc.tokens[end - 1].span.end, |c| doc.tokens[c].span.end);
        let quote = Quote {
            span: Span::new(doc.tokens[o].span.start, span_end),
            inner,
            open: o,
            close,
            paragraph,
            is_speech: (count - before) as usize >= MIN_SPEECH_WORDS,
        };
        s.quotes.push(quote);
    };
    for (i, v) in (range.start..).zip(views) {
        match v.kind {
            TokenKind::Word => count += 1,
            TokenKind::OpenQuote => open.push((i, count)),
            TokenKind::CloseQuote => {
                if let Some(mark) = open.pop() {
                    close_quote(s, mark, Some(i), i, count);
                }
            }
            _ => {}
        }
    }
    // Quotations left open run to the end of the paragraph, as in news copy
    // where a quote continues into the next paragraph.
    while let Some(mark) = open.pop() {
        if mark.0 + 1 < range.end {
            close_quote(s, mark, None, range.end, count);
        }
    }
    // Keep this paragraph's quotations in text order, then index them.
    crate::sort::sort_by_key(&mut s.quotes[first..], |q| q.open);
    index_speeches(s, first, speeches);
}

/// Fills `quote_of` for the tokens of the speeches among the quotations from
/// index `first` on. They are sorted by where they open and nest (a stack
/// matched them), so a stack of the speeches open so far gives, between one
/// speech's start or end and the next, the innermost one; each token is
/// written once, however deep the nesting.
fn index_speeches(s: &mut Structure, first: usize, stack: &mut Vec<usize>) {
    stack.clear();
    // The first token not yet indexed.
    let mut done = 0;
    let fill = |quote_of: &mut [u32], done: &mut usize, end: usize, q: usize| {
        if let Some(run) = quote_of.get_mut(*done..end) {
            run.fill(q as u32);
        }
        *done = end;
    };
    for next in first..s.quotes.len() {
        let inner = s.quotes[next].inner.clone();
        if !s.quotes[next].is_speech || inner.is_empty() {
            continue;
        }
        while let Some(&top) = stack.last()
            && s.quotes[top].inner.end <= inner.start
        {
            fill(&mut s.quote_of, &mut done, s.quotes[top].inner.end, top);
            stack.pop();
        }
        match stack.last() {
            Some(&top) => fill(&mut s.quote_of, &mut done, inner.start, top),
            None => done = inner.start,
        }
        stack.push(next);
    }
    while let Some(top) = stack.pop() {
        fill(&mut s.quote_of, &mut done, s.quotes[top].inner.end, top);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clauses(text: &str) -> Vec<(String, ClauseKind)> {
        let doc = Doc::new(text);
        let s = Structure::new(&doc);
        s.clauses
            .iter()
            .map(|c| {
                let span = Span::new(
                    doc.tokens[c.tokens.start].span.start,
                    doc.tokens[c.tokens.end - 1].span.end,
                );
                (span.of(text).to_string(), c.kind)
            })
            .collect()
    }

    #[test]
    fn clause_words_are_known_and_only_saying_says() {
        for &w in CLAUSE_WORDS {
            assert_eq!(clause_word(w).is_some(), w != "that", "{w}");
            assert_eq!(is_verb_of_saying(w), w == "saying", "{w}");
            assert!(Closed::get().sketch.may_contain(w));
        }
        assert!(is_verb_of_saying("said") && !is_verb_of_saying("sad"));
    }

    #[test]
    fn every_word_that_opens_a_clause_passes_the_sketch() {
        // The converse of the test above, on every word of the seed, the
        // fixture and VADER's lexicon: a word added to `clause_word` but not
        // to `CLAUSE_WORDS` would be turned away by the sketch unread.
        let texts = [
            include_str!("../../../../seeds/macron-starmer-white-house.txt"),
            include_str!("../../../../tests/fixtures/domestic-politics.txt"),
            include_str!("../../data/vader.tsv"),
        ];
        let mut known = 0;
        for word in texts.iter().flat_map(|t| t.split(|c: char| !c.is_ascii_alphabetic())) {
            let word = word.to_ascii_lowercase();
            if clause_word(&word).is_some() {
                known += 1;
                assert!(CLAUSE_WORDS.contains(&word.as_str()), "{word}");
            }
        }
        assert!(known >= 20, "only {known} clause words read");
    }

    #[test]
    fn a_simple_sentence_is_one_clause() {
        assert_eq!(
            clauses("Russia attacked Ukraine."),
            [("Russia attacked Ukraine.".to_string(), ClauseKind::Main)]
        );
    }

    #[test]
    fn but_opens_a_contrast_clause() {
        let c = clauses("The talks went well but Russia walked out.");
        assert_eq!(c.len(), 2);
        assert_eq!(c[1], ("but Russia walked out.".to_string(), ClauseKind::Contrast));
    }

    #[test]
    fn relative_pronouns_open_relative_clauses() {
        let c = clauses("It would change the mind of Trump who always balks.");
        assert_eq!(
            c.last().unwrap(),
            &("who always balks.".to_string(), ClauseKind::Relative)
        );
    }

    #[test]
    fn said_that_is_not_a_relative_clause() {
        let c = clauses("Macron said that Europe must act.");
        assert_eq!(c.len(), 1, "{c:?}");
    }

    #[test]
    fn commas_split_clauses_but_not_lists_of_names() {
        let c = clauses("Britain, France and Germany backed Ukraine.");
        assert_eq!(c.len(), 1, "{c:?}");
        let c = clauses("In recent comments, Trump pushed for a deal, rejected by Zelenskyy, and echoed Russia.");
        let kinds: Vec<_> = c.iter().map(|c| c.1).collect();
        assert_eq!(
            kinds,
            [
                ClauseKind::Main,
                ClauseKind::Comma,
                ClauseKind::Comma,
                ClauseKind::Coordinate
            ],
            "{c:?}"
        );
    }

    #[test]
    fn concessive_and_parenthetical_clauses() {
        let c = clauses("Although sanctions hurt, Russia — isolated as never before — fought on.");
        let kinds: Vec<_> = c.iter().map(|c| c.1).collect();
        assert_eq!(kinds[0], ClauseKind::Concessive);
        assert!(kinds.contains(&ClauseKind::Parenthetical), "{c:?}");
    }

    #[test]
    fn speech_quotes_and_quoted_phrases() {
        let text = "Zelenskyy said Trump lived in a “disinformation bubble”. “We must all work together for peace now,” No 10 said.";
        let doc = Doc::new(text);
        let s = Structure::new(&doc);
        assert_eq!(s.quotes.len(), 2);
        assert!(!s.quotes[0].is_speech);
        assert!(s.quotes[1].is_speech);
        assert_eq!(s.quotes[1].span.of(text), "“We must all work together for peace now,”");
        let we = doc.tokens.iter().position(|t| t.span.of(text) == "We").unwrap();
        let bubble = doc.tokens.iter().position(|t| t.span.of(text) == "bubble").unwrap();
        assert_eq!(s.quote(we).map(|q| q.open), Some(s.quotes[1].open));
        assert!(s.quote(bubble).is_none(), "a quoted phrase is not a scope");
        assert!(!s.same_voice(we, bubble));
    }

    #[test]
    fn a_quote_may_run_across_sentences_and_stay_open() {
        let text =
            "“The UK stands with Ukraine. It always will,” No 10 said.\n\n“This one never closes and goes on and on";
        let doc = Doc::new(text);
        let s = Structure::new(&doc);
        assert_eq!(s.quotes.len(), 2);
        assert!(s.quotes[0].close.is_some());
        assert!(s.quotes[1].close.is_none());
        assert_eq!(s.quotes[1].paragraph, 1);
    }

    #[test]
    fn nested_quotes_give_each_token_its_innermost_speech() {
        let text = "“one two three four five “six seven eight nine ten ‘short’ “eleven twelve thirteen fourteen fifteen” sixteen";
        let doc = Doc::new(text);
        let s = Structure::new(&doc);
        let quote_of = |word: &str| {
            let i = (0..doc.tokens.len()).find(|&i| doc.token_text(i) == word).unwrap();
            s.quote(i)
                .map(|q| q.span.of(text).split_whitespace().next().unwrap_or("").to_string())
        };
        assert_eq!(quote_of("two").as_deref(), Some("“one"));
        assert_eq!(quote_of("seven").as_deref(), Some("“six"));
        // A quoted phrase is not speech: its words stay in the speech around it.
        assert_eq!(quote_of("short").as_deref(), Some("“six"));
        assert_eq!(quote_of("twelve").as_deref(), Some("“eleven"));
        // After the innermost closes, the words are back in the one still open.
        assert_eq!(quote_of("sixteen").as_deref(), Some("“six"));
    }

    #[test]
    fn thousands_of_open_quotes_are_indexed_in_one_pass() {
        let text = "“a b c d e ".repeat(3_000);
        let doc = Doc::new(&text);
        let s = Structure::new(&doc);
        assert_eq!(s.quotes.len(), 3_000);
        let last = doc.tokens.len() - 1;
        assert_eq!(s.quote_of[last], 2_999);
        assert!(s.quotes.iter().all(|q| q.is_speech));
    }

    #[test]
    fn every_token_has_a_clause_in_its_sentence() {
        let text = "“Yes to peace ... but a peace with guarantees,” he wrote; (Really?) — fine.\n\nNext — one.";
        let doc = Doc::new(text);
        let s = Structure::new(&doc);
        for (i, &c) in s.clause_of.iter().enumerate() {
            let clause = &s.clauses[c as usize];
            assert!(clause.tokens.contains(&i));
            assert!(doc.sentences[clause.sentence].tokens.contains(&i));
        }
    }
}
