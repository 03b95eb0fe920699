//! The report's wire format: how the app's analysis worker hands a
//! [`Report`] back to the page.
//!
//! A worker and its page share no memory, so the report crosses as bytes.
//! JSON would do, but the page must decode a 2 MB article's report in well
//! under one frame's budget, and the user-facing JSON writes the text beside
//! every span; this format is a compact, fast binary form instead. It never
//! leaves the browser and is not stored, so it has no compatibility promise
//! beyond "the page and its worker come from the same build": the header
//! names the format, and anything else is refused with [`WireError`].
//!
//! The text itself is not in the bytes: the page sent it to the worker and
//! still has it, so [`decode_report`] takes it back as an argument.
//!
//! Layout, all little-endian: the magic `SLW1`, then the report's fields in
//! declaration order. Integers are LEB128 varints, floats are 4-byte IEEE 754,
//! strings are a varint length and UTF-8 bytes, lists are a varint count and
//! their items, enums one byte (a variant's index in this module's tables),
//! and a [`Rule`] its tag byte and its fields.
//!
//! This module owns the encoding and its checks; it must not interpret a
//! report (no scores computed, no ordering changed).

use std::cell::RefCell;
use std::fmt;

use rustc_hash::FxHashSet;

use slant_core::compare::{ActorRow, ArticleSummary, ChosenWord, Omission, SharedParagraph, WordChoice};
use slant_core::lexicon::Source;
use slant_core::report::{ParagraphReport, Stats, WordReport};
use slant_core::{
    ActorEdits, ActorKind, ActorReport, ActorSpec, Cause, Cell, Comparison, Config, Evidence, Label, LexiconOverride,
    MentionKind, MentionReport, Origin, Relation, Report, Rule, SentenceReport, Span, SpeechKind,
};

const MAGIC: &[u8; 4] = b"SLW1";

/// Predicate lemmas are `&'static str` in the engine's types; decoded ones
/// are interned, each distinct lemma leaked once. These caps bound that.
const MAX_LEMMA: usize = 64;
const MAX_LEMMAS: usize = 20_000;

/// Why bytes could not be read as a report. Only a build mismatch or a bug
/// produces one, so the message says what to do: reload.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WireError {
    detail: &'static str,
}

impl fmt::Display for WireError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "The analysis could not be read back from its worker ({}). Reload the page to try again.",
            self.detail
        )
    }
}

impl std::error::Error for WireError {}

fn err<T>(detail: &'static str) -> Result<T, WireError> {
    Err(WireError { detail })
}

/// The report as bytes, without its text.
pub fn encode_report(report: &Report) -> Vec<u8> {
    let mut w = Writer(Vec::with_capacity(
        64 + report.cells.len() * 48 + report.words.len() * 16,
    ));
    w.0.extend_from_slice(MAGIC);
    w.list(&report.paragraphs, |w, p| {
        w.uint(p.index);
        w.uint(p.start);
        w.uint(p.end);
        w.uint(p.words);
    });
    w.list(&report.sentences, |w, s| {
        w.uint(s.paragraph);
        w.uint(s.start);
        w.uint(s.end);
    });
    w.list(&report.actors, |w, a| {
        w.str(&a.id);
        w.str(&a.name);
        w.byte(actor_kind(a.kind));
        w.byte(origin(a.origin));
        w.f32(a.score);
        w.byte(label(a.label));
        w.f32(a.positive);
        w.f32(a.negative);
        w.uint(a.evidence);
        w.list(&a.mentions, |w, m| {
            w.uint(m.paragraph);
            w.span(m.span);
            w.byte(mention_kind(m.kind));
            w.f32(m.score);
        });
    });
    w.list(&report.cells, |w, c| {
        w.uint(c.paragraph);
        w.uint(c.actor);
        w.f32(c.score);
        w.byte(label(c.label));
        w.uint(c.mentions);
        w.f32(c.positive);
        w.f32(c.negative);
        w.list(&c.evidence, |w, e| {
            w.span(e.words);
            w.span(e.mention);
            match e.cause {
                Cause::Word(s) => {
                    w.byte(0);
                    w.byte(source(s));
                }
                Cause::Predicate(lemma) => {
                    w.byte(1);
                    w.str(lemma);
                }
            }
            w.f32(e.base);
            w.f32(e.weight);
            w.list(&e.rules, Writer::rule);
        });
    });
    w.list(&report.relations, |w, r| {
        w.uint(r.speaker);
        w.uint(r.target);
        w.uint(r.paragraph);
        w.byte(speech_kind(r.kind));
        w.span(r.span);
        w.f32(r.score);
        w.byte(label(r.label));
        w.uint(r.evidence);
    });
    w.list(&report.words, |w, x| {
        w.uint(x.start);
        w.uint(x.end);
        w.f32(x.base);
        w.f32(x.valence);
        w.byte(source(x.source));
    });
    let s = &report.stats;
    w.uint(s.bytes);
    w.uint(s.analysed_bytes);
    w.byte(u8::from(s.truncated));
    w.uint(s.paragraphs);
    w.uint(s.sentences);
    w.uint(s.words);
    w.str(&report.gazetteer_as_of);
    w.0
}

/// Reads bytes written by [`encode_report`] for `text`, the text the worker
/// was given (the report keeps its first `stats.analysed_bytes`). Refuses a
/// wrong header, a short or overlong stream, and spans outside the text.
pub fn decode_report(bytes: &[u8], text: String) -> Result<Report, WireError> {
    let mut decoding = Decoding::new(bytes.to_vec(), text);
    loop {
        if let Some(done) = decoding.step(usize::MAX) {
            return done;
        }
    }
}

/// [`decode_report`] a piece at a time, so that a page can read a long
/// article's report over several tasks: each [`Decoding::step`] reads list
/// items until it has read about the bytes it was given, and the last step
/// checks the report. The result is the same as `decode_report`'s.
#[derive(Debug)]
pub struct Decoding {
    bytes: Vec<u8>,
    /// Where the next item starts, after the magic.
    at: usize,
    /// The list being read (0 paragraphs ... 5 words, 6 the rest), and its items left.
    stage: u8,
    left: Option<usize>,
    text: String,
    paragraphs: Vec<ParagraphReport>,
    sentences: Vec<SentenceReport>,
    actors: Vec<ActorReport>,
    cells: Vec<Cell>,
    relations: Vec<Relation>,
    words: Vec<WordReport>,
    /// Set once the report or an error was returned.
    over: bool,
}

impl Decoding {
    pub fn new(bytes: Vec<u8>, text: String) -> Decoding {
        Decoding {
            bytes,
            at: MAGIC.len(),
            stage: 0,
            left: None,
            text,
            paragraphs: Vec::new(),
            sentences: Vec::new(),
            actors: Vec::new(),
            cells: Vec::new(),
            relations: Vec::new(),
            words: Vec::new(),
            over: false,
        }
    }

    /// Reads on for about `budget` bytes; the report or an error once done.
    pub fn step(&mut self, budget: usize) -> Option<Result<Report, WireError>> {
        if self.over {
            return Some(err("read past its end"));
        }
        let done = self.try_step(budget).transpose();
        self.over = done.is_some();
        done
    }

    fn try_step(&mut self, budget: usize) -> Result<Option<Report>, WireError> {
        if !self.bytes.starts_with(MAGIC) {
            return err("unknown format");
        }
        let mut r = Reader {
            bytes: &self.bytes,
            at: self.at,
        };
        let until = self.at.saturating_add(budget);
        while self.stage < 6 {
            let left = match self.left {
                Some(n) => n,
                None => {
                    let n = r.count()?;
                    match self.stage {
                        0 => self.paragraphs.reserve(n),
                        1 => self.sentences.reserve(n),
                        2 => self.actors.reserve(n),
                        3 => self.cells.reserve(n),
                        4 => self.relations.reserve(n),
                        _ => self.words.reserve(n),
                    }
                    n
                }
            };
            let mut n = left;
            while n > 0 && r.at < until {
                match self.stage {
                    0 => self.paragraphs.push(paragraph(&mut r)?),
                    1 => self.sentences.push(sentence(&mut r)?),
                    2 => self.actors.push(actor(&mut r)?),
                    3 => self.cells.push(cell(&mut r)?),
                    4 => self.relations.push(relation(&mut r)?),
                    _ => self.words.push(word(&mut r)?),
                }
                n -= 1;
            }
            if n > 0 {
                self.left = Some(n);
                self.at = r.at;
                return Ok(None);
            }
            self.left = None;
            self.stage += 1;
        }
        let stats = Stats {
            bytes: r.uint()?,
            analysed_bytes: r.uint()?,
            truncated: r.byte()? != 0,
            paragraphs: r.uint()?,
            sentences: r.uint()?,
            words: r.uint()?,
        };
        let gazetteer_as_of = r.string()?;
        if r.at != r.bytes.len() {
            return err("trailing bytes");
        }
        let mut text = std::mem::take(&mut self.text);
        if stats.bytes != text.len() || !text.is_char_boundary(stats.analysed_bytes) {
            return err("the report belongs to another text");
        }
        text.truncate(stats.analysed_bytes);
        let report = Report {
            text,
            paragraphs: std::mem::take(&mut self.paragraphs),
            sentences: std::mem::take(&mut self.sentences),
            actors: std::mem::take(&mut self.actors),
            cells: std::mem::take(&mut self.cells),
            relations: std::mem::take(&mut self.relations),
            words: std::mem::take(&mut self.words),
            stats,
            gazetteer_as_of,
        };
        check(&report)?;
        Ok(Some(report))
    }
}

fn paragraph(r: &mut Reader<'_>) -> Result<ParagraphReport, WireError> {
    Ok(ParagraphReport {
        index: r.uint()?,
        start: r.uint()?,
        end: r.uint()?,
        words: r.uint()?,
    })
}

fn sentence(r: &mut Reader<'_>) -> Result<SentenceReport, WireError> {
    Ok(SentenceReport {
        paragraph: r.uint()?,
        start: r.uint()?,
        end: r.uint()?,
    })
}

fn actor(r: &mut Reader<'_>) -> Result<ActorReport, WireError> {
    Ok(ActorReport {
        id: r.string()?,
        name: r.string()?,
        kind: pick(ACTOR_KINDS, r.byte()?)?,
        origin: pick(ORIGINS, r.byte()?)?,
        score: r.f32()?,
        label: pick(LABELS, r.byte()?)?,
        positive: r.f32()?,
        negative: r.f32()?,
        evidence: r.uint()?,
        mentions: r.list(|r| {
            Ok(MentionReport {
                paragraph: r.uint()?,
                span: r.span()?,
                kind: pick(MENTION_KINDS, r.byte()?)?,
                score: r.f32()?,
            })
        })?,
    })
}

fn cell(r: &mut Reader<'_>) -> Result<Cell, WireError> {
    Ok(Cell {
        paragraph: r.uint()?,
        actor: r.uint()?,
        score: r.f32()?,
        label: pick(LABELS, r.byte()?)?,
        mentions: r.uint()?,
        positive: r.f32()?,
        negative: r.f32()?,
        evidence: r.list(|r| {
            Ok(Evidence {
                words: r.span()?,
                mention: r.span()?,
                cause: match r.byte()? {
                    0 => Cause::Word(pick(SOURCES, r.byte()?)?),
                    1 => Cause::Predicate(intern(r.str()?)?),
                    _ => return err("unknown cause"),
                },
                base: r.f32()?,
                weight: r.f32()?,
                rules: r.list(Reader::rule)?,
            })
        })?,
    })
}

fn relation(r: &mut Reader<'_>) -> Result<Relation, WireError> {
    Ok(Relation {
        speaker: r.uint()?,
        target: r.uint()?,
        paragraph: r.uint()?,
        kind: pick(SPEECH_KINDS, r.byte()?)?,
        span: r.span()?,
        score: r.f32()?,
        label: pick(LABELS, r.byte()?)?,
        evidence: r.uint()?,
    })
}

fn word(r: &mut Reader<'_>) -> Result<WordReport, WireError> {
    Ok(WordReport {
        start: r.uint()?,
        end: r.uint()?,
        base: r.f32()?,
        valence: r.f32()?,
        source: pick(SOURCES, r.byte()?)?,
    })
}

/// Every span on char boundaries of the text and every index in range, so
/// that the page can slice and index without a check of its own.
fn check(report: &Report) -> Result<(), WireError> {
    let text = report.text.as_str();
    let ok = |s: Span| s.is_valid_in(text);
    let range_ok = |start: usize, end: usize| ok(Span::new(start, end)) && start <= end;
    let n_actors = report.actors.len();
    let n_paragraphs = report.paragraphs.len();
    let spans_ok = report.paragraphs.iter().all(|p| range_ok(p.start, p.end))
        && report
            .sentences
            .iter()
            .all(|s| range_ok(s.start, s.end) && s.paragraph < n_paragraphs)
        && report
            .actors
            .iter()
            .flat_map(|a| &a.mentions)
            .all(|m| ok(m.span) && m.paragraph < n_paragraphs)
        && report.cells.iter().all(|c| {
            c.actor < n_actors && c.paragraph < n_paragraphs && c.evidence.iter().all(|e| ok(e.words) && ok(e.mention))
        })
        && report
            .relations
            .iter()
            .all(|r| ok(r.span) && r.speaker < n_actors && r.target < n_actors && r.paragraph < n_paragraphs)
        && report.words.iter().all(|w| range_ok(w.start, w.end));
    if spans_ok {
        Ok(())
    } else {
        err("a span or index out of range")
    }
}

/// The one interned copy of `lemma`.
fn intern(lemma: &str) -> Result<&'static str, WireError> {
    thread_local! {
        static LEMMAS: RefCell<FxHashSet<&'static str>> = RefCell::new(FxHashSet::default());
    }
    if lemma.len() > MAX_LEMMA {
        return err("a predicate too long");
    }
    LEMMAS.with(|set| {
        let mut set = set.borrow_mut();
        if let Some(&known) = set.get(lemma) {
            return Ok(known);
        }
        if set.len() >= MAX_LEMMAS {
            return err("too many predicates");
        }
        let leaked: &'static str = Box::leak(lemma.to_owned().into_boxed_str());
        set.insert(leaked);
        Ok(leaked)
    })
}

// Enum tables: a variant's byte is its index here. The encoders match
// exhaustively, so a new variant fails to compile until it is added to both.

const ACTOR_KINDS: &[ActorKind] = &[
    ActorKind::Person,
    ActorKind::Country,
    ActorKind::Organisation,
    ActorKind::Other,
];
fn actor_kind(k: ActorKind) -> u8 {
    match k {
        ActorKind::Person => 0,
        ActorKind::Country => 1,
        ActorKind::Organisation => 2,
        ActorKind::Other => 3,
    }
}

const ORIGINS: &[Origin] = &[Origin::Gazetteer, Origin::Discovered, Origin::User, Origin::Target];
fn origin(o: Origin) -> u8 {
    match o {
        Origin::Gazetteer => 0,
        Origin::Discovered => 1,
        Origin::User => 2,
        Origin::Target => 3,
    }
}

const MENTION_KINDS: &[MentionKind] = &[
    MentionKind::Name,
    MentionKind::Adjective,
    MentionKind::People,
    MentionKind::Metonym,
    MentionKind::Role,
    MentionKind::Given,
    MentionKind::Pronoun,
];
fn mention_kind(k: MentionKind) -> u8 {
    match k {
        MentionKind::Name => 0,
        MentionKind::Adjective => 1,
        MentionKind::People => 2,
        MentionKind::Metonym => 3,
        MentionKind::Role => 4,
        MentionKind::Given => 5,
        MentionKind::Pronoun => 6,
    }
}

const LABELS: &[Label] = &[Label::Positive, Label::Negative, Label::Neutral, Label::Mixed];
fn label(l: Label) -> u8 {
    match l {
        Label::Positive => 0,
        Label::Negative => 1,
        Label::Neutral => 2,
        Label::Mixed => 3,
    }
}

const SOURCES: &[Source] = &[Source::News, Source::Vader, Source::Afinn, Source::User];
fn source(s: Source) -> u8 {
    match s {
        Source::News => 0,
        Source::Vader => 1,
        Source::Afinn => 2,
        Source::User => 3,
    }
}

const SPEECH_KINDS: &[SpeechKind] = &[SpeechKind::Quote, SpeechKind::Reported];
fn speech_kind(k: SpeechKind) -> u8 {
    match k {
        SpeechKind::Quote => 0,
        SpeechKind::Reported => 1,
    }
}

fn pick<T: Copy>(table: &[T], byte: u8) -> Result<T, WireError> {
    match table.get(usize::from(byte)) {
        Some(&v) => Ok(v),
        None => err("unknown variant"),
    }
}

struct Writer(Vec<u8>);

impl Writer {
    fn byte(&mut self, b: u8) {
        self.0.push(b);
    }

    fn uint(&mut self, mut v: usize) {
        while v >= 0x80 {
            self.0.push((v as u8) | 0x80);
            v >>= 7;
        }
        self.0.push(v as u8);
    }

    fn f32(&mut self, v: f32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }

    fn str(&mut self, s: &str) {
        self.uint(s.len());
        self.0.extend_from_slice(s.as_bytes());
    }

    fn span(&mut self, s: Span) {
        self.uint(s.start);
        self.uint(s.end);
    }

    fn uints(&mut self, items: &[usize]) {
        self.list(items, |w, &i| w.uint(i));
    }

    fn opt_f32(&mut self, v: Option<f32>) {
        match v {
            Some(v) => {
                self.byte(1);
                self.f32(v);
            }
            None => self.byte(0),
        }
    }

    fn list<T>(&mut self, items: &[T], mut each: impl FnMut(&mut Writer, &T)) {
        self.uint(items.len());
        for item in items {
            each(self, item);
        }
    }

    fn rule(&mut self, rule: &Rule) {
        match *rule {
            Rule::Negated { by, factor } => self.tag_span_f32(0, by, factor),
            Rule::Boosted { by, delta } => self.tag_span_f32(1, by, delta),
            Rule::Dampened { by, delta } => self.tag_span_f32(2, by, delta),
            Rule::Caps { delta } => self.tag_f32(3, delta),
            Rule::Exclamation { delta } => self.tag_f32(4, delta),
            Rule::Contrast { by, factor } => self.tag_span_f32(5, by, factor),
            Rule::Concession { by, factor } => self.tag_span_f32(6, by, factor),
            Rule::SameClause { factor } => self.tag_f32(7, factor),
            Rule::OtherClause { factor } => self.tag_f32(8, factor),
            Rule::InheritedSubject { factor } => self.tag_f32(9, factor),
            Rule::Distance { tokens, factor } => {
                self.byte(10);
                self.uint(tokens);
                self.f32(factor);
            }
            Rule::Agent {
                predicate,
                lemma,
                value,
            } => {
                self.tag_span_f32(11, predicate, value);
                self.str(lemma);
            }
            Rule::Target {
                predicate,
                lemma,
                value,
            } => {
                self.tag_span_f32(12, predicate, value);
                self.str(lemma);
            }
            Rule::Passive { by } => {
                self.byte(13);
                self.span(by);
            }
            Rule::InQuote { quote } => {
                self.byte(14);
                self.span(quote);
            }
            Rule::Speaker { quote, factor } => self.tag_span_f32(15, quote, factor),
            Rule::Shifted { by } => {
                self.byte(16);
                self.span(by);
            }
            Rule::Comparison { by, factor } => self.tag_span_f32(17, by, factor),
            Rule::Rival { factor } => self.tag_f32(18, factor),
            Rule::Oblique { by, factor } => self.tag_span_f32(19, by, factor),
            Rule::Coreference {
                mention,
                antecedent,
                subject,
            } => {
                self.byte(20);
                self.span(mention);
                self.span(antecedent);
                self.byte(u8::from(subject));
            }
        }
    }

    fn tag_f32(&mut self, tag: u8, v: f32) {
        self.byte(tag);
        self.f32(v);
    }

    fn tag_span_f32(&mut self, tag: u8, span: Span, v: f32) {
        self.byte(tag);
        self.span(span);
        self.f32(v);
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn byte(&mut self) -> Result<u8, WireError> {
        let b = *self.bytes.get(self.at).ok_or(WireError { detail: "cut short" })?;
        self.at += 1;
        Ok(b)
    }

    fn uint(&mut self) -> Result<usize, WireError> {
        let mut v: u64 = 0;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return usize::try_from(v).or_else(|_| err("a number too large"));
            }
        }
        err("a number too large")
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], WireError> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.bytes.len());
        let Some(end) = end else {
            return err("cut short");
        };
        let out = &self.bytes[self.at..end];
        self.at = end;
        Ok(out)
    }

    fn f32(&mut self) -> Result<f32, WireError> {
        let b = self.take(4)?;
        Ok(f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn str(&mut self) -> Result<&'a str, WireError> {
        let n = self.uint()?;
        std::str::from_utf8(self.take(n)?).or_else(|_| err("a string not UTF-8"))
    }

    fn string(&mut self) -> Result<String, WireError> {
        self.str().map(str::to_owned)
    }

    fn span(&mut self) -> Result<Span, WireError> {
        Ok(Span::new(self.uint()?, self.uint()?))
    }

    /// A reader of `bytes` past `magic`, which they must start with.
    fn after(bytes: &'a [u8], magic: &[u8; 4]) -> Result<Reader<'a>, WireError> {
        if !bytes.starts_with(magic) {
            return err("not this build's format");
        }
        Ok(Reader { bytes, at: 4 })
    }

    /// Nothing is left.
    fn end(&self) -> Result<(), WireError> {
        if self.at == self.bytes.len() {
            Ok(())
        } else {
            err("bytes left over")
        }
    }

    fn pair(&mut self) -> Result<(String, String), WireError> {
        Ok((self.string()?, self.string()?))
    }

    fn opt_f32(&mut self) -> Result<Option<f32>, WireError> {
        match self.byte()? {
            0 => Ok(None),
            1 => self.f32().map(Some),
            _ => err("unknown variant"),
        }
    }

    /// A list's count, checked against the bytes left (every item takes at
    /// least one byte), so a damaged count cannot reserve a huge vector.
    fn count(&mut self) -> Result<usize, WireError> {
        let n = self.uint()?;
        if n > self.bytes.len() - self.at {
            return err("a list longer than its bytes");
        }
        Ok(n)
    }

    fn list<T>(&mut self, mut each: impl FnMut(&mut Reader<'a>) -> Result<T, WireError>) -> Result<Vec<T>, WireError> {
        let n = self.count()?;
        let mut out = Vec::with_capacity(n);
        for _ in 0..n {
            out.push(each(self)?);
        }
        Ok(out)
    }

    fn rule(&mut self) -> Result<Rule, WireError> {
        Ok(match self.byte()? {
            0 => Rule::Negated {
                by: self.span()?,
                factor: self.f32()?,
            },
            1 => Rule::Boosted {
                by: self.span()?,
                delta: self.f32()?,
            },
            2 => Rule::Dampened {
                by: self.span()?,
                delta: self.f32()?,
            },
            3 => Rule::Caps { delta: self.f32()? },
            4 => Rule::Exclamation { delta: self.f32()? },
            5 => Rule::Contrast {
                by: self.span()?,
                factor: self.f32()?,
            },
            6 => Rule::Concession {
                by: self.span()?,
                factor: self.f32()?,
            },
            7 => Rule::SameClause { factor: self.f32()? },
            8 => Rule::OtherClause { factor: self.f32()? },
            9 => Rule::InheritedSubject { factor: self.f32()? },
            10 => Rule::Distance {
                tokens: self.uint()?,
                factor: self.f32()?,
            },
            11 => {
                let (predicate, value) = (self.span()?, self.f32()?);
                Rule::Agent {
                    predicate,
                    value,
                    lemma: intern(self.str()?)?,
                }
            }
            12 => {
                let (predicate, value) = (self.span()?, self.f32()?);
                Rule::Target {
                    predicate,
                    value,
                    lemma: intern(self.str()?)?,
                }
            }
            13 => Rule::Passive { by: self.span()? },
            14 => Rule::InQuote { quote: self.span()? },
            15 => Rule::Speaker {
                quote: self.span()?,
                factor: self.f32()?,
            },
            16 => Rule::Shifted { by: self.span()? },
            17 => Rule::Comparison {
                by: self.span()?,
                factor: self.f32()?,
            },
            18 => Rule::Rival { factor: self.f32()? },
            19 => Rule::Oblique {
                by: self.span()?,
                factor: self.f32()?,
            },
            20 => Rule::Coreference {
                mention: self.span()?,
                antecedent: self.span()?,
                subject: self.byte()? != 0,
            },
            _ => return err("unknown rule"),
        })
    }
}

/// The worker's other messages: the analysis settings the page sends with
/// each request, a comparison's articles, and the comparison it sends back.
/// Like the report, each starts with its own magic and has no promise
/// beyond one build. Every struct is taken apart field by field, so a new
/// field is a compile error here rather than a setting the worker never sees.
const CONFIG_MAGIC: &[u8; 4] = b"SLC1";
const ARTICLES_MAGIC: &[u8; 4] = b"SLA1";
const COMPARISON_MAGIC: &[u8; 4] = b"SLK1";

/// The analysis settings as bytes, for the worker.
pub fn encode_config(config: &Config) -> Vec<u8> {
    let Config {
        same_clause,
        other_clause,
        inherited_subject,
        oblique,
        rival,
        shift,
        comparison,
        decay_tokens,
        agent_weight,
        target_weight,
        object_window,
        quote_to_speaker,
        smoothing,
        label_threshold,
        mixed_min_mass,
        mixed_ratio,
        max_bytes,
        calibration,
        actors,
        lexicon,
    } = config;
    let ActorEdits {
        add,
        rename,
        merge,
        remove,
    } = actors;
    let mut w = Writer(CONFIG_MAGIC.to_vec());
    for v in [
        same_clause,
        other_clause,
        inherited_subject,
        oblique,
        rival,
        comparison,
        decay_tokens,
        agent_weight,
        target_weight,
        quote_to_speaker,
        smoothing,
        label_threshold,
        mixed_min_mass,
        mixed_ratio,
    ] {
        w.f32(*v);
    }
    w.byte(u8::from(*shift));
    w.byte(u8::from(*calibration));
    w.uint(*object_window);
    w.uint(*max_bytes);
    w.list(add, |w, spec| {
        let ActorSpec {
            id,
            name,
            kind,
            aliases,
        } = spec;
        w.str(id);
        w.str(name);
        w.byte(actor_kind(*kind));
        w.list(aliases, |w, a| w.str(a));
    });
    for pairs in [rename, merge] {
        w.list(pairs, |w, (a, b)| {
            w.str(a);
            w.str(b);
        });
    }
    w.list(remove, |w, id| w.str(id));
    w.list(lexicon, |w, o| {
        let LexiconOverride { term, valence } = o;
        w.str(term);
        w.opt_f32(*valence);
    });
    w.0
}

/// Reads [`encode_config`]'s bytes.
pub fn decode_config(bytes: &[u8]) -> Result<Config, WireError> {
    let mut r = Reader::after(bytes, CONFIG_MAGIC)?;
    let config = Config {
        same_clause: r.f32()?,
        other_clause: r.f32()?,
        inherited_subject: r.f32()?,
        oblique: r.f32()?,
        rival: r.f32()?,
        comparison: r.f32()?,
        decay_tokens: r.f32()?,
        agent_weight: r.f32()?,
        target_weight: r.f32()?,
        quote_to_speaker: r.f32()?,
        smoothing: r.f32()?,
        label_threshold: r.f32()?,
        mixed_min_mass: r.f32()?,
        mixed_ratio: r.f32()?,
        shift: r.byte()? != 0,
        calibration: r.byte()? != 0,
        object_window: r.uint()?,
        max_bytes: r.uint()?,
        actors: ActorEdits {
            add: r.list(|r| {
                Ok(ActorSpec {
                    id: r.string()?,
                    name: r.string()?,
                    kind: pick(ACTOR_KINDS, r.byte()?)?,
                    aliases: r.list(Reader::string)?,
                })
            })?,
            rename: r.list(Reader::pair)?,
            merge: r.list(Reader::pair)?,
            remove: r.list(Reader::string)?,
        },
        lexicon: r.list(|r| {
            Ok(LexiconOverride {
                term: r.string()?,
                valence: r.opt_f32()?,
            })
        })?,
    };
    r.end()?;
    Ok(config)
}

/// A comparison's articles, (label, text) each, as bytes for the worker.
pub fn encode_articles(articles: &[(&str, &str)]) -> Vec<u8> {
    let mut w = Writer(ARTICLES_MAGIC.to_vec());
    w.list(articles, |w, (label, text)| {
        w.str(label);
        w.str(text);
    });
    w.0
}

/// Reads [`encode_articles`]'s bytes.
pub fn decode_articles(bytes: &[u8]) -> Result<Vec<(String, String)>, WireError> {
    let mut r = Reader::after(bytes, ARTICLES_MAGIC)?;
    let articles = r.list(Reader::pair)?;
    r.end()?;
    Ok(articles)
}

/// A comparison as bytes, with each row's `index` (which its JSON leaves out).
pub fn encode_comparison(comparison: &Comparison) -> Vec<u8> {
    let Comparison {
        articles,
        actors,
        omissions,
        shared_paragraphs,
        word_choice,
    } = comparison;
    let mut w = Writer(COMPARISON_MAGIC.to_vec());
    w.list(articles, |w, a| {
        let ArticleSummary {
            label,
            paragraphs,
            words,
            counted_elsewhere,
        } = a;
        w.str(label);
        w.uint(*paragraphs);
        w.uint(*words);
        w.uints(counted_elsewhere);
    });
    w.list(actors, |w, row| {
        let ActorRow {
            id,
            name,
            kind,
            scores,
            own_scores,
            mentions,
            difference,
            index,
        } = row;
        w.str(id);
        w.str(name);
        w.byte(actor_kind(*kind));
        for list in [scores, own_scores] {
            w.list(list, |w, s| w.opt_f32(*s));
        }
        w.uints(mentions);
        w.opt_f32(*difference);
        w.list(index, |w, i| w.uint(i.map_or(0, |i| i + 1)));
    });
    w.list(omissions, |w, o| {
        let Omission {
            actor,
            name,
            present_in,
            absent_from,
            quoted_in,
            not_quoted_in,
        } = o;
        w.str(actor);
        w.str(name);
        for list in [present_in, absent_from, quoted_in, not_quoted_in] {
            w.uints(list);
        }
    });
    w.list(shared_paragraphs, |w, s| {
        let SharedParagraph {
            articles,
            paragraphs,
            similarity,
        } = s;
        for i in articles.iter().chain(paragraphs) {
            w.uint(*i);
        }
        w.f32(*similarity);
    });
    w.list(word_choice, |w, c| {
        let WordChoice { actor, article, words } = c;
        w.str(actor);
        w.uint(*article);
        w.list(words, |w, x| {
            let ChosenWord { word, weight, count } = x;
            w.str(word);
            w.f32(*weight);
            w.uint(*count);
        });
    });
    w.0
}

/// Reads [`encode_comparison`]'s bytes.
pub fn decode_comparison(bytes: &[u8]) -> Result<Comparison, WireError> {
    let mut r = Reader::after(bytes, COMPARISON_MAGIC)?;
    let comparison = Comparison {
        articles: r.list(|r| {
            Ok(ArticleSummary {
                label: r.string()?,
                paragraphs: r.uint()?,
                words: r.uint()?,
                counted_elsewhere: r.list(Reader::uint)?,
            })
        })?,
        actors: r.list(|r| {
            Ok(ActorRow {
                id: r.string()?,
                name: r.string()?,
                kind: pick(ACTOR_KINDS, r.byte()?)?,
                scores: r.list(Reader::opt_f32)?,
                own_scores: r.list(Reader::opt_f32)?,
                mentions: r.list(Reader::uint)?,
                difference: r.opt_f32()?,
                index: r.list(|r| Ok(r.uint()?.checked_sub(1)))?,
            })
        })?,
        omissions: r.list(|r| {
            Ok(Omission {
                actor: r.string()?,
                name: r.string()?,
                present_in: r.list(Reader::uint)?,
                absent_from: r.list(Reader::uint)?,
                quoted_in: r.list(Reader::uint)?,
                not_quoted_in: r.list(Reader::uint)?,
            })
        })?,
        shared_paragraphs: r.list(|r| {
            Ok(SharedParagraph {
                articles: [r.uint()?, r.uint()?],
                paragraphs: [r.uint()?, r.uint()?],
                similarity: r.f32()?,
            })
        })?,
        word_choice: r.list(|r| {
            Ok(WordChoice {
                actor: r.string()?,
                article: r.uint()?,
                words: r.list(|r| {
                    Ok(ChosenWord {
                        word: r.string()?,
                        weight: r.f32()?,
                        count: r.uint()?,
                    })
                })?,
            })
        })?,
    };
    r.end()?;
    Ok(comparison)
}

#[cfg(test)]
mod tests {
    use super::*;
    use slant_core::{Config, analyze};

    const SEED: &str = include_str!("../../../seeds/macron-starmer-white-house.txt");

    fn round_trip(text: &str) {
        let report = analyze(text, &Config::default());
        let bytes = encode_report(&report);
        let back = decode_report(&bytes, text.to_string()).expect("decodes");
        assert_eq!(back, report);
    }

    #[test]
    fn the_seed_round_trips() {
        round_trip(SEED);
    }

    #[test]
    fn reading_a_piece_at_a_time_gives_the_same_report() {
        let report = analyze(SEED, &Config::default());
        let bytes = encode_report(&report);
        for budget in [1, 7, 64, 1000] {
            let mut decoding = Decoding::new(bytes.clone(), SEED.to_string());
            let mut steps = 1;
            let back = loop {
                match decoding.step(budget) {
                    Some(done) => break done.expect("decodes"),
                    None => steps += 1,
                }
            };
            assert_eq!(back, report, "budget {budget}");
            let items = report.paragraphs.len()
                + report.sentences.len()
                + report.actors.len()
                + report.cells.len()
                + report.relations.len()
                + report.words.len();
            if budget == 1 {
                // One item per step at the smallest budget.
                assert!(steps >= items, "{steps} steps for {items} items");
            }
            assert!(decoding.step(budget).unwrap().is_err(), "the report is taken once");
        }
        // Damage is found whatever the budget.
        for cut in [3, bytes.len() / 3, bytes.len() - 1] {
            let mut decoding = Decoding::new(bytes[..cut].to_vec(), SEED.to_string());
            let done = loop {
                if let Some(done) = decoding.step(16) {
                    break done;
                }
            };
            assert!(done.is_err(), "cut at {cut}");
        }
    }

    #[test]
    fn small_and_multibyte_texts_round_trip() {
        round_trip("");
        round_trip("Russia attacked Ukraine.");
        round_trip(
            "Zoë Müller praised «Élysée» officials. 北京 condemned Tokyo!\n\nMacron said: \"France won't back down.\"",
        );
    }

    #[test]
    fn pronouns_and_their_rule_cross() {
        let text =
            "Ursula von der Leyen arrived in Kyiv. She praised Ukraine's courage, and the Commission thanked her.";
        let report = analyze(text, &Config::default());
        let back = decode_report(&encode_report(&report), text.to_string()).unwrap();
        assert_eq!(back, report);
        let pronouns = back
            .actors
            .iter()
            .flat_map(|a| &a.mentions)
            .filter(|m| m.kind == MentionKind::Pronoun)
            .count();
        assert!(pronouns >= 1, "{:?}", back.actors);
    }

    #[test]
    fn a_truncated_text_keeps_its_prefix() {
        let text = "Russia attacked Ukraine.\nUkraine thanked France.\n";
        let config = Config {
            max_bytes: 30,
            ..Config::default()
        };
        let report = analyze(text, &config);
        let back = decode_report(&encode_report(&report), text.to_string()).unwrap();
        assert_eq!(back.text, "Russia attacked Ukraine.");
        assert_eq!(back, report);
    }

    #[test]
    fn every_enum_table_agrees_with_its_encoder() {
        assert!(
            ACTOR_KINDS
                .iter()
                .enumerate()
                .all(|(i, &k)| usize::from(actor_kind(k)) == i)
        );
        assert!(ORIGINS.iter().enumerate().all(|(i, &k)| usize::from(origin(k)) == i));
        assert!(
            MENTION_KINDS
                .iter()
                .enumerate()
                .all(|(i, &k)| usize::from(mention_kind(k)) == i)
        );
        assert!(LABELS.iter().enumerate().all(|(i, &k)| usize::from(label(k)) == i));
        assert!(SOURCES.iter().enumerate().all(|(i, &k)| usize::from(source(k)) == i));
        assert!(
            SPEECH_KINDS
                .iter()
                .enumerate()
                .all(|(i, &k)| usize::from(speech_kind(k)) == i)
        );
    }

    #[test]
    fn damage_is_refused_not_panicked_on() {
        let report = analyze(SEED, &Config::default());
        let bytes = encode_report(&report);
        assert!(decode_report(b"", SEED.into()).is_err());
        assert!(decode_report(b"SLW2", SEED.into()).is_err());
        // Every prefix is cut short.
        for end in (0..bytes.len()).step_by(97) {
            assert!(decode_report(&bytes[..end], SEED.into()).is_err(), "prefix {end}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(decode_report(&longer, SEED.into()).is_err());
        // Another text of another length is refused.
        let message = decode_report(&bytes, "Short.".into()).unwrap_err().to_string();
        assert!(message.contains("another text") && message.ends_with("Reload the page to try again."));
        // Flipping bytes never panics.
        for i in (4..bytes.len()).step_by(13) {
            let mut damaged = bytes.clone();
            damaged[i] ^= 0xa5;
            let _ = decode_report(&damaged, SEED.into());
        }
    }

    #[test]
    fn lemmas_are_interned_once() {
        let a = intern("attack").unwrap();
        let b = intern(&String::from("attack")).unwrap();
        assert!(std::ptr::eq(a, b));
        assert!(intern(&"x".repeat(MAX_LEMMA + 1)).is_err());
    }

    #[test]
    fn settings_and_articles_round_trip() {
        let edited = crate::state::tests::edited();
        let config = Config {
            same_clause: 0.5,
            other_clause: 0.1,
            inherited_subject: 0.2,
            oblique: 0.3,
            rival: 0.4,
            shift: false,
            comparison: 0.6,
            decay_tokens: 7.0,
            agent_weight: 0.7,
            target_weight: 0.8,
            object_window: 9,
            quote_to_speaker: 0.9,
            smoothing: 2.0,
            label_threshold: 0.25,
            mixed_min_mass: 1.5,
            mixed_ratio: 0.75,
            max_bytes: 1 << 30,
            calibration: false,
            actors: edited.actors,
            lexicon: edited.lexicon,
        };
        assert_ne!(config, Config::default());
        let bytes = encode_config(&config);
        assert_eq!(decode_config(&bytes), Ok(config));
        assert_eq!(decode_config(&encode_config(&Config::default())), Ok(Config::default()));
        let articles = [("Le Monde", "Zoë 🇫🇷"), ("", "")];
        let back = decode_articles(&encode_articles(&articles)).unwrap();
        assert_eq!(
            back,
            [
                ("Le Monde".to_string(), "Zoë 🇫🇷".to_string()),
                (String::new(), String::new())
            ]
        );
        for cut in 0..bytes.len() {
            assert!(decode_config(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        assert!(decode_config(&[bytes.as_slice(), &[0]].concat()).is_err());
        assert!(decode_articles(&bytes).is_err());
    }

    #[test]
    fn a_comparison_round_trips_with_its_indices() {
        let texts = [
            "Russia attacked Ukraine. France praised Ukraine.\n\nOfficials in Paris and Kyiv said the talks on a ceasefire would resume next week in Geneva, with Britain and Germany attending.",
            "Ukraine praised France. Macron said Russia lied.\n\nOfficials in Paris and Kyiv said the talks on a ceasefire would resume next week in Geneva, with Britain and Germany attending.",
        ];
        let config = Config::default();
        let reports: Vec<Report> = texts.iter().map(|t| slant_core::analyze(t, &config)).collect();
        let labelled: Vec<(&str, &Report)> = ["A", "B"].into_iter().zip(&reports).collect();
        let comparison = slant_core::compare(&labelled, &config);
        assert!(comparison.actors.iter().any(|r| r.index.iter().all(Option::is_some)));
        assert!(!comparison.shared_paragraphs.is_empty());
        let bytes = encode_comparison(&comparison);
        assert_eq!(decode_comparison(&bytes), Ok(comparison));
        for cut in [0, 3, 4, bytes.len() / 2, bytes.len() - 1] {
            assert!(decode_comparison(&bytes[..cut]).is_err(), "cut at {cut}");
        }
    }
}
