//! Sentence splitting: one paragraph's tokens into sentences.
//!
//! A sentence ends after a full stop, "!", "?" or an ellipsis, together with
//! the further stops, closing quotes and closing brackets right after it, when
//! the next token starts a sentence: a capitalised (or caseless) word or a
//! number, possibly after opening quotes and brackets. Context settles the hard
//! cases. Titles ("Mr.") never end a sentence; initials ("J."), dotted
//! abbreviations ("U.S.") and abbreviations such as "Inc." end one only before
//! a typical sentence starter ("The"); "No." does not end one before a number;
//! an ellipsis ends one only before a capital or an opening quote. A colon ends
//! a sentence at a line break before a capital (a line break alone does not:
//! hard-wrapped lines are joined into one paragraph). The full stops of
//! scripts without capitals (CJK, Devanagari, Urdu) always end a sentence, and
//! the paragraph end always does.
//!
//! This module owns sentence boundaries only. It reads the tokens and the text
//! between them, and must not change tokens, look outside its paragraph's token
//! range or allocate beyond the pushed sentences.

use std::ops::Range;

use super::{Sentence, Token, TokenKind};
use crate::types::Span;

/// Abbreviations that precede more of their sentence, mostly titles before a
/// name: a full stop after them never ends a sentence.
const NEVER_FINAL: &[&str] = &[
    "Mr", "Mrs", "Ms", "Mx", "Messrs", "Dr", "Prof", "Gen", "Sen", "Rep", "Gov", "Lt", "Col", "Capt", "Cmdr", "Sgt",
    "Cpl", "Pvt", "Maj", "Adm", "Rev", "Fr", "St", "Mt", "Hon", "Pres", "Supt", "Insp", "Det", "Rt", "vs", "Vs", "cf",
    "viz",
];
/// Abbreviations that often end a sentence as well ("shares of Apple Inc. The
/// company said"): a full stop after them ends one only before a word in
/// [`STARTERS`].
const OFTEN_FINAL: &[&str] = &[
    "Jr", "Sr", "Inc", "Ltd", "Co", "Corp", "Bros", "Ave", "Blvd", "Rd", "Dept", "Univ", "Jan", "Feb", "Mar", "Apr",
    "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
];
/// Abbreviations before a number ("No. 10", "approx. 30"): a full stop after
/// them does not end a sentence before a number, and follows the usual rule
/// otherwise.
const BEFORE_NUMBER: &[&str] = &[
    "No", "Nos", "Fig", "Vol", "vol", "Art", "pp", "approx", "Approx", "est", "Est", "ca",
];
/// Abbreviations for which the usual rule is right: "etc." goes on before a
/// lowercase word and ends the sentence before a capital.
const USUAL: &[&str] = &["etc", "Etc"];
/// Words that typically start a sentence. After an initial or an abbreviation
/// that may end a sentence, only these and [`LONG_STARTERS`] show that one did.
const STARTERS: &[&str] = &[
    "The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "His", "Her", "Its", "Their", "Our", "My", "This",
    "That", "These", "Those", "There", "Here", "But", "And", "Or", "So", "Yet", "In", "On", "At", "For", "If", "As",
    "When", "While", "After", "Before", "Since", "Still", "Then", "Now", "Some", "Many", "Most", "What", "Why", "How",
    "Who", "Where", "Mr", "Mrs", "Ms", "Dr",
];
/// Longer words that typically start a sentence (kept apart so that rustfmt
/// lays [`STARTERS`] out compactly).
const LONG_STARTERS: &[&str] = &["Although", "However", "Meanwhile", "Nevertheless"];
/// Punctuation that may come before the first word of a sentence.
const LEADING_PUNCT: &[&str] = &["(", "[", "{", "¿", "¡", "$", "€", "£", "¥"];
/// Closing brackets, which stay with the sentence end before them.
const CLOSING_BRACKETS: &[&str] = &[")", "]", "}"];
/// Chars that break a line inside a paragraph.
const LINE_BREAKS: [char; 5] = ['\n', '\r', '\u{85}', '\u{2028}', '\u{2029}'];

/// What a token that may end a sentence is, weakest first: in a run of them
/// ("?!", "....", "!”."), the strongest decides.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum End {
    /// A full stop: what it means depends on the word before it.
    Stop,
    /// A dotted abbreviation ("U.S."), whose last stop may end the sentence too.
    Dotted,
    /// An ellipsis, or two or more full stops.
    Ellipsis,
    /// "!" or "?".
    Bang,
    /// The full stop of a script without capitals: it always ends the sentence.
    Always,
}

/// How a full stop after an abbreviation is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Rule {
    Never,
    BeforeStarter,
    NotBeforeNumber,
    Usual,
}

/// The rule for a full stop after `word`, if `word` is an abbreviation.
fn abbreviation_rule(word: &str) -> Option<Rule> {
    if NEVER_FINAL.contains(&word) {
        Some(Rule::Never)
    } else if OFTEN_FINAL.contains(&word) {
        Some(Rule::BeforeStarter)
    } else if BEFORE_NUMBER.contains(&word) {
        Some(Rule::NotBeforeNumber)
    } else if USUAL.contains(&word) {
        Some(Rule::Usual)
    } else {
        None
    }
}

/// Splits the tokens `range` of paragraph `paragraph` into sentences, appended
/// to `out`. Every token of the range is in exactly one sentence, in order,
/// and the last sentence ends at the paragraph end. A range outside `tokens`
/// adds nothing.
pub(crate) fn split(text: &str, tokens: &[Token], range: Range<usize>, paragraph: usize, out: &mut Vec<Sentence>) {
    let Some(para) = tokens.get(range.clone()) else {
        return;
    };
    let mut first = 0;
    let mut i = 0;
    while i < para.len() {
        if i + 1 < para.len() && !may_end(text.as_bytes(), &para[i]) {
            i += 1;
            continue;
        }
        let (last, ends) = boundary(text, para, i);
        if ends || last + 1 == para.len() {
            out.push(Sentence {
                span: Span::new(para[first].span.start, para[last].span.end),
                tokens: range.start + first..range.start + last + 1,
                paragraph,
            });
            first = last + 1;
        }
        i = last + 1;
    }
}

/// Whether `t` may end a sentence or be a colon: a word that ends with a
/// full stop, an ellipsis, or punctuation that starts with ".", "!", "?", ":"
/// or a byte outside ASCII. Most tokens are none of these, and one byte of
/// the text tells.
#[inline]
fn may_end(text: &[u8], t: &Token) -> bool {
    match t.kind {
        TokenKind::Word => text.get(t.span.end.wrapping_sub(1)) == Some(&b'.'),
        TokenKind::Ellipsis => true,
        TokenKind::Punct => text
            .get(t.span.start)
            .is_some_and(|&b| matches!(b, b'.' | b'!' | b'?' | b':') || !b.is_ascii()),
        _ => false,
    }
}

/// Reads the possible sentence end at token `i`: returns the last token of
/// the run that belongs to it (the stops, closing quotes and brackets that
/// follow), and whether the sentence ends there.
fn boundary(text: &str, toks: &[Token], i: usize) -> (usize, bool) {
    let Some(mut kind) = end_kind(text, &toks[i]) else {
        return (i, colon_ends_line(text, toks, i));
    };
    let mut stops = usize::from(is_stop(text, &toks[i]));
    let mut last = i;
    while let Some(t) = toks.get(last + 1) {
        match end_kind(text, t) {
            Some(more) if more != End::Dotted => {
                kind = kind.max(more);
                stops += usize::from(is_stop(text, t));
            }
            _ if is_closer(text, t) => {}
            _ => break,
        }
        last += 1;
    }
    if stops > 1 {
        kind = kind.max(End::Ellipsis);
    }
    let rest = &toks[last + 1..];
    if rest.is_empty() {
        return (last, true);
    }
    let ends = match kind {
        End::Always => true,
        End::Bang => starts_sentence(text, rest),
        End::Ellipsis => rest[0].kind == TokenKind::OpenQuote || capital_follows(text, rest),
        End::Dotted => starter_follows(text, rest),
        End::Stop => {
            let before = i.checked_sub(1).map(|b| &toks[b]).filter(|_| !toks[i].space_before);
            stop_ends(text, before, rest)
        }
    };
    (last, ends)
}

/// Whether a full stop ends the sentence, given the token `before` it (when
/// there is no space between them) and the tokens `rest` after it.
fn stop_ends(text: &str, before: Option<&Token>, rest: &[Token]) -> bool {
    let word = before
        .filter(|t| t.kind == TokenKind::Word)
        .map_or("", |t| t.span.of(text));
    match abbreviation_rule(word) {
        Some(Rule::Never) => false,
        Some(Rule::BeforeStarter) => starter_follows(text, rest),
        Some(Rule::NotBeforeNumber) => rest[0].kind != TokenKind::Number && starts_sentence(text, rest),
        Some(Rule::Usual) => starts_sentence(text, rest),
        None if is_initial(word) => {
            // "Plan B. The army" ends, "J. K. Rowling" and "J. A. Smith" do not.
            starter_follows(text, rest) && first_word(text, rest).is_some_and(|w| w.chars().nth(1).is_some())
        }
        None => starts_sentence(text, rest),
    }
}

/// What kind of sentence end `t` may be, if any.
fn end_kind(text: &str, t: &Token) -> Option<End> {
    // Most tokens are words that do not end with a full stop: one byte tells.
    if t.kind == TokenKind::Word && text.as_bytes().get(t.span.end.wrapping_sub(1)) != Some(&b'.') {
        return None;
    }
    let s = t.span.of(text);
    match t.kind {
        TokenKind::Ellipsis => Some(End::Ellipsis),
        TokenKind::Word if s.len() > 1 && s.ends_with('.') => Some(End::Dotted),
        TokenKind::Punct => match s {
            "." => Some(End::Stop),
            "!" | "?" | "‼" | "⁇" | "⁈" | "⁉" | "؟" => Some(End::Bang),
            "。" | "｡" | "！" | "？" | "।" | "॥" | "۔" => Some(End::Always),
            _ => None,
        },
        _ => None,
    }
}

/// Whether `t` is a full stop.
fn is_stop(text: &str, t: &Token) -> bool {
    t.kind == TokenKind::Punct && t.span.of(text) == "."
}

/// Whether `t` closes a quote or a bracket, and so stays with a sentence end
/// before it.
fn is_closer(text: &str, t: &Token) -> bool {
    t.kind == TokenKind::CloseQuote || (t.kind == TokenKind::Punct && CLOSING_BRACKETS.contains(&t.span.of(text)))
}

/// Whether `t` may come before the first word of a sentence.
fn is_leading(text: &str, t: &Token) -> bool {
    t.kind == TokenKind::OpenQuote || (t.kind == TokenKind::Punct && LEADING_PUNCT.contains(&t.span.of(text)))
}

/// The first token of `rest` after any opening quotes and brackets.
fn first_content<'a>(text: &str, rest: &'a [Token]) -> Option<&'a Token> {
    rest.iter().find(|t| !is_leading(text, t))
}

/// The text of the first word of `rest` (after opening quotes and brackets),
/// if it starts with one.
fn first_word<'t>(text: &'t str, rest: &[Token]) -> Option<&'t str> {
    first_content(text, rest)
        .filter(|t| t.kind == TokenKind::Word)
        .map(|t| t.span.of(text))
}

/// Whether `rest` starts a sentence: a capitalised or caseless word, or a
/// number, maybe after opening quotes and brackets.
fn starts_sentence(text: &str, rest: &[Token]) -> bool {
    first_content(text, rest).is_some_and(|t| t.kind == TokenKind::Number) || capital_follows(text, rest)
}

/// Whether `rest` starts with a capitalised or caseless word, maybe after
/// opening quotes and brackets.
fn capital_follows(text: &str, rest: &[Token]) -> bool {
    first_word(text, rest).is_some_and(|w| w.chars().next().is_some_and(is_capital))
}

/// Whether `rest` starts with a word in [`STARTERS`] or [`LONG_STARTERS`],
/// maybe after opening quotes and brackets.
fn starter_follows(text: &str, rest: &[Token]) -> bool {
    first_word(text, rest).is_some_and(|w| STARTERS.contains(&w) || LONG_STARTERS.contains(&w))
}

/// Whether `c` can begin a sentence: a capital, or a letter of a script
/// without case.
fn is_capital(c: char) -> bool {
    c.is_uppercase() || (c.is_alphabetic() && !c.is_lowercase())
}

/// Whether `word` is a single capital letter, as an initial is.
fn is_initial(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.next().is_none()
}

/// Whether token `i` is a colon at the end of a line, with a capitalised word
/// starting the next line.
fn colon_ends_line(text: &str, toks: &[Token], i: usize) -> bool {
    let (t, Some(next)) = (&toks[i], toks.get(i + 1)) else {
        return false;
    };
    t.kind == TokenKind::Punct
        && matches!(t.span.of(text), ":" | "：")
        && text
            .get(t.span.end..next.span.start)
            .unwrap_or("")
            .contains(LINE_BREAKS)
        && capital_follows(text, &toks[i + 1..])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::{paragraphs, tokenize};

    /// Tokenizes `text` as one paragraph and splits it.
    fn split_all(text: &str) -> (Vec<Token>, Vec<Sentence>) {
        let mut tokens = Vec::new();
        tokenize(text, Span::new(0, text.len()), &mut tokens);
        let mut out = Vec::new();
        split(text, &tokens, 0..tokens.len(), 0, &mut out);
        (tokens, out)
    }

    fn sentences(text: &str) -> Vec<&str> {
        split_all(text).1.iter().map(|s| s.span.of(text)).collect()
    }

    /// Asserts that `out` splits `tokens[range]` into contiguous, non-empty
    /// sentences of paragraph `paragraph` whose spans match their tokens.
    fn assert_partition(text: &str, tokens: &[Token], range: Range<usize>, paragraph: usize, out: &[Sentence]) {
        let mut next = range.start;
        for s in out {
            assert_eq!(s.tokens.start, next, "{text:?}: {out:?}");
            assert!(s.tokens.start < s.tokens.end, "{text:?}: {out:?}");
            assert_eq!(s.paragraph, paragraph);
            let span = Span::new(tokens[s.tokens.start].span.start, tokens[s.tokens.end - 1].span.end);
            assert_eq!(s.span, span);
            assert!(s.span.is_valid_in(text));
            next = s.tokens.end;
        }
        assert_eq!(next, range.end, "{text:?}: {out:?}");
    }

    #[test]
    fn known_abbreviations() {
        for word in [
            "Mr", "Mrs", "Dr", "Gen", "St", "Inc", "Sept", "No", "etc", "vs", "approx",
        ] {
            assert!(abbreviation_rule(word).is_some(), "{word}");
        }
        for word in ["mr", "MR", "Trump", "The", "", "U", "US"] {
            assert!(abbreviation_rule(word).is_none(), "{word}");
        }
    }

    #[test]
    fn no_tokens_no_sentences() {
        let mut out = Vec::new();
        split("", &[], 0..0, 0, &mut out);
        assert!(out.is_empty());
        assert!(sentences("").is_empty());
    }

    #[test]
    fn a_range_outside_the_tokens_adds_nothing() {
        let mut out = Vec::new();
        split("a", &[], 0..3, 0, &mut out);
        assert!(out.is_empty());
    }

    #[test]
    fn simple_sentences() {
        assert_eq!(
            sentences("Russia attacked. Ukraine resisted."),
            ["Russia attacked.", "Ukraine resisted."]
        );
    }

    #[test]
    fn exclamation_and_question_marks_end_sentences() {
        assert_eq!(
            sentences("Stop! Now. Why? Because."),
            ["Stop!", "Now.", "Why?", "Because."]
        );
        assert_eq!(sentences("Really?! Yes."), ["Really?!", "Yes."]);
    }

    #[test]
    fn text_without_final_punctuation_is_a_sentence() {
        assert_eq!(sentences("Ukraine waited"), ["Ukraine waited"]);
        assert_eq!(sentences("One. Two"), ["One.", "Two"]);
    }

    #[test]
    fn a_single_word_paragraph_is_one_sentence() {
        assert_eq!(sentences("Ukraine"), ["Ukraine"]);
        assert_eq!(sentences("."), ["."]);
    }

    #[test]
    fn a_lowercase_word_does_not_start_a_sentence() {
        assert_eq!(
            sentences("See bbc.com for more. Or not."),
            ["See bbc.com for more.", "Or not."]
        );
        assert_eq!(sentences("It was late. and dark."), ["It was late. and dark."]);
    }

    #[test]
    fn a_number_starts_a_sentence() {
        assert_eq!(sentences("He paid. 30 people died."), ["He paid.", "30 people died."]);
    }

    #[test]
    fn titles_do_not_end_sentences() {
        assert_eq!(sentences("Mr. Trump met Mrs. May."), ["Mr. Trump met Mrs. May."]);
        assert_eq!(
            sentences("He met Dr. Smith in St. Petersburg."),
            ["He met Dr. Smith in St. Petersburg."]
        );
        assert_eq!(
            sentences("Mr. Macron met Mr. Trump. They talked."),
            ["Mr. Macron met Mr. Trump.", "They talked."]
        );
    }

    #[test]
    fn abbreviations_are_case_sensitive() {
        assert_eq!(sentences("He said MR. Then he left."), ["He said MR.", "Then he left."]);
    }

    #[test]
    fn initials_do_not_end_sentences() {
        assert_eq!(sentences("Donald J. Trump spoke."), ["Donald J. Trump spoke."]);
        assert_eq!(
            sentences("J. K. Rowling wrote. J. A. Smith read."),
            ["J. K. Rowling wrote.", "J. A. Smith read."]
        );
    }

    #[test]
    fn an_initial_before_a_starter_ends_a_sentence() {
        assert_eq!(
            sentences("They chose plan B. The army agreed."),
            ["They chose plan B.", "The army agreed."]
        );
    }

    #[test]
    fn dotted_abbreviations_end_sentences_only_before_starters() {
        assert_eq!(sentences("The U.S. President spoke."), ["The U.S. President spoke."]);
        assert_eq!(
            sentences("He lives in the U.S. The weather is fine."),
            ["He lives in the U.S.", "The weather is fine."]
        );
        assert_eq!(
            sentences("It is in the U.S. “We like it,” he said."),
            ["It is in the U.S.", "“We like it,” he said."]
        );
        assert_eq!(
            sentences("Talks, e.g. Paris, went on."),
            ["Talks, e.g. Paris, went on."]
        );
    }

    #[test]
    fn company_suffixes_and_months_end_sentences_only_before_starters() {
        assert_eq!(
            sentences("He owns Apple Inc. The firm grew."),
            ["He owns Apple Inc.", "The firm grew."]
        );
        assert_eq!(
            sentences("Apple Inc. Chief Executive Tim Cook spoke."),
            ["Apple Inc. Chief Executive Tim Cook spoke."]
        );
        assert_eq!(sentences("On Sept. 11 it fell."), ["On Sept. 11 it fell."]);
    }

    #[test]
    fn number_abbreviations_do_not_end_before_numbers() {
        assert_eq!(sentences("No. 10 said so."), ["No. 10 said so."]);
        assert_eq!(
            sentences("It grew approx. 30 per cent."),
            ["It grew approx. 30 per cent."]
        );
        assert_eq!(sentences("He said No. Then he left."), ["He said No.", "Then he left."]);
    }

    #[test]
    fn etc_ends_a_sentence_only_before_a_capital() {
        assert_eq!(
            sentences("Tanks, jets, etc. were sent."),
            ["Tanks, jets, etc. were sent."]
        );
        assert_eq!(
            sentences("Tanks, jets, etc. Mr Trump objected."),
            ["Tanks, jets, etc.", "Mr Trump objected."]
        );
    }

    #[test]
    fn decimals_never_split() {
        assert_eq!(
            sentences("The US spends 3.4 per cent. France spent 2.1 per cent."),
            ["The US spends 3.4 per cent.", "France spent 2.1 per cent."]
        );
        assert_eq!(sentences("It rose 2.5."), ["It rose 2.5."]);
    }

    #[test]
    fn an_ellipsis_before_a_lowercase_word_does_not_end_a_sentence() {
        assert_eq!(
            sentences("no troops or funds ... but a peace"),
            ["no troops or funds ... but a peace"]
        );
        assert_eq!(sentences("is … extremely dense."), ["is … extremely dense."]);
        assert_eq!(sentences("wait . . . then go"), ["wait . . . then go"]);
    }

    #[test]
    fn an_ellipsis_before_a_capital_or_a_quote_ends_a_sentence() {
        assert_eq!(
            sentences("He paused... Then he left."),
            ["He paused...", "Then he left."]
        );
        assert_eq!(sentences("He paused… “No,” he said."), ["He paused…", "“No,” he said."]);
        assert_eq!(
            sentences("He paused . . . Then he left."),
            ["He paused . . .", "Then he left."]
        );
        assert_eq!(sentences("It fell... 30 died."), ["It fell... 30 died."]);
    }

    #[test]
    fn a_closing_quote_after_the_stop_stays_in_the_sentence() {
        assert_eq!(
            sentences("He said: “We must act.” Then he left."),
            ["He said: “We must act.”", "Then he left."]
        );
        assert_eq!(
            sentences("“It was good.” “It was not,” she said."),
            ["“It was good.”", "“It was not,” she said."]
        );
        assert_eq!(
            sentences(r#""We will win." They left."#),
            [r#""We will win.""#, "They left."]
        );
    }

    #[test]
    fn a_comma_before_the_closing_quote_does_not_end_a_sentence() {
        assert_eq!(
            sentences("“To end the conflict,” No 10 said. “The UK must act.”"),
            ["“To end the conflict,” No 10 said.", "“The UK must act.”"]
        );
    }

    #[test]
    fn a_question_in_quotes_before_a_lowercase_word_does_not_end_a_sentence() {
        assert_eq!(
            sentences("“Why?” he asked. “Why not?” she said."),
            ["“Why?” he asked.", "“Why not?” she said."]
        );
        assert_eq!(sentences("“Stop!” he cried."), ["“Stop!” he cried."]);
    }

    #[test]
    fn closing_brackets_stay_with_the_sentence() {
        assert_eq!(
            sentences("He left. (Then he came back.) It rained."),
            ["He left.", "(Then he came back.)", "It rained."]
        );
        assert_eq!(sentences("[He left.] Then"), ["[He left.]", "Then"]);
    }

    #[test]
    fn scripts_without_capitals() {
        assert_eq!(sentences("北京很大。上海也很大。"), ["北京很大。", "上海也很大。"]);
        assert_eq!(
            sentences("Зеленський сказав. Путін мовчав."),
            ["Зеленський сказав.", "Путін мовчав."]
        );
        assert_eq!(sentences("قال الرئيس. ورد الوزير."), ["قال الرئيس.", "ورد الوزير."]);
    }

    #[test]
    fn a_line_break_alone_does_not_end_a_sentence() {
        assert_eq!(
            sentences("The talks went on\nThe leaders met"),
            ["The talks went on\nThe leaders met"]
        );
        assert_eq!(sentences("He met Mr.\nTrump today."), ["He met Mr.\nTrump today."]);
    }

    #[test]
    fn a_colon_at_a_line_break_before_a_capital_ends_a_sentence() {
        assert_eq!(sentences("He said:\nWe must act."), ["He said:", "We must act."]);
        assert_eq!(sentences("He said:\r\n“We must act.”"), ["He said:", "“We must act.”"]);
        assert_eq!(sentences("He said:\nwe must act."), ["He said:\nwe must act."]);
        assert_eq!(sentences("He said: We must act."), ["He said: We must act."]);
    }

    #[test]
    fn stops_at_line_ends_follow_the_usual_rules() {
        assert_eq!(
            sentences("They met in Washington.\nThe talks"),
            ["They met in Washington.", "The talks"]
        );
    }

    #[test]
    fn sentences_carry_their_paragraph_and_token_range() {
        let text = "One. Two.";
        let mut tokens = Vec::new();
        tokenize(text, Span::new(0, 4), &mut tokens);
        tokenize(text, Span::new(5, 9), &mut tokens);
        let mut out = Vec::new();
        split(text, &tokens, 2..4, 7, &mut out);
        assert_eq!(
            out,
            [Sentence {
                span: Span::new(5, 9),
                tokens: 2..4,
                paragraph: 7
            }]
        );
    }

    #[test]
    fn awkward_strings_keep_every_token_in_exactly_one_sentence() {
        for text in [
            "",
            "\"\"",
            "“”",
            "\"",
            "'",
            "’",
            "’’’",
            "...",
            "…",
            ". . .",
            "!!!",
            "?!.",
            "Mr.",
            "U.S.",
            "Mr. Mr. Mr.",
            "U.S. U.S. The",
            ".Hello",
            "“.”",
            "(.)",
            ")(",
            "A. B. C. D.",
            "No. No. 1.",
            "etc. etc.",
            ":\n:\nA",
            "北京。",
            "。。。",
            "Київ. 東京。 Paris! ¿Qué? ¡Sí!",
            "🇺🇦. 👍🏽! Зеленський?",
            "a\u{200B}.\u{AD}B",
            "“Why?” “Why?” “Why?”",
            "J.",
            "J. ",
            "... The",
            "— The end. —",
            "1. 2. 3.",
        ] {
            let (tokens, out) = split_all(text);
            assert_partition(text, &tokens, 0..tokens.len(), 0, &out);
        }
    }

    /// Tokenizes and splits every paragraph of `text`, as `Doc::new` does.
    fn split_paragraphs(text: &str) -> (Vec<Token>, Vec<Sentence>) {
        let mut tokens = Vec::new();
        let mut out = Vec::new();
        for (index, span) in paragraphs(text).into_iter().enumerate() {
            let first = tokens.len();
            tokenize(text, span, &mut tokens);
            let before = out.len();
            split(text, &tokens, first..tokens.len(), index, &mut out);
            assert_partition(text, &tokens, first..tokens.len(), index, &out[before..]);
        }
        (tokens, out)
    }

    #[test]
    fn the_seed_article() {
        let seed = include_str!("../../../../seeds/macron-starmer-white-house.txt");
        let (tokens, out) = split_paragraphs(seed);
        let of = |p: usize| -> Vec<&str> {
            out.iter()
                .filter(|s| s.paragraph == p)
                .map(|s| s.span.of(seed))
                .collect()
        };

        assert_eq!(out.len(), 33);
        assert_eq!(of(0).len(), 1);
        assert!(of(0)[0].ends_with("peace talks with Russia."));
        assert_eq!(of(1).len(), 2);
        assert!(of(1)[1].starts_with("Britain and France"));
        assert_eq!(of(5).len(), 2);
        assert!(of(5)[0].ends_with("to end the conflict,” No 10 said."));
        assert!(of(5)[1].ends_with("in the coming week.\""));
        assert_eq!(of(9).len(), 3);
        assert!(of(9)[0].ends_with("Gerard Araud."));
        assert!(of(9)[1].ends_with("magazine Le Point."));
        assert!(of(9)[2].starts_with("\"Yes to peace") && of(9)[2].contains("funds ... but"));
        assert_eq!(of(12).len(), 2);
        assert!(of(12)[1].starts_with("It's not you"));
        assert_eq!(of(14).len(), 3);
        assert!(of(14)[2].starts_with("They added:") && of(14)[2].contains("is ... extremely"));
        assert_eq!(of(16).len(), 2);
        assert!(of(16)[0].ends_with("to 5 per cent of their GDP."));
        assert!(of(16)[1].starts_with("The US currently spends 3.4 per cent"));
        assert!(of(16)[1].ends_with("and the UK 2.3 per cent."));
        assert_eq!(of(17).len(), 1);

        for s in &out {
            let text = s.span.of(seed);
            let first = text.chars().find(|c| c.is_alphabetic());
            assert!(!first.is_some_and(char::is_lowercase), "{text:?}");
        }

        let text = |i: usize| tokens[i].span.of(seed);
        let possessive = (1..tokens.len() - 1)
            .find(|&i| tokens[i].kind == TokenKind::Possessive && text(i - 1) == "Trump" && text(i + 1) == "pivot");
        assert!(possessive.is_some());
        let moscow = (0..tokens.len() - 1).find(|&i| text(i) == "Moscow");
        assert!(moscow.is_some_and(|i| tokens[i + 1].kind == TokenKind::Possessive && text(i + 1) == "’s"));
    }
}
