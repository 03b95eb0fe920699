//! The sentiment lexicon: word and phrase valences on VADER's scale (-4..+4).
//!
//! Three bundled sources, embedded at compile time, in order of precedence:
//! 1. `data/news.tsv`, the news and geopolitics supplement written for this
//!    project (it also switches off VADER entries that misfire in news, such
//!    as "like" used as a preposition);
//! 2. `data/vader.tsv`, VADER's lexicon (MIT, Hutto & Gilbert 2014);
//! 3. `data/afinn.tsv`, AFINN-165 (Apache-2.0, Nielsen 2011), rescaled by
//!    [`AFINN_TO_VADER`], only for words the other two lack.
//!
//! User overrides (from [`Config::lexicon`]) come before all three; see
//! [`Lookup`]. Between the user and the bundled lists sits the calibration,
//! `data/calibration.tsv`: words that, used as evidence on the NewsMTSC train
//! split, pointed against the annotators' label most of the time, switched off
//! by `scripts/lexicon_audit.py` (see that file for the rule). It applies when
//! [`Config::calibration`] is on, as it is by default. This module owns loading and lookup only: the rules that turn
//! a looked-up valence into a contribution live in `sentiment`.

use std::borrow::Cow;
use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use crate::config::{AFINN_TO_VADER, Config};
use crate::data::{decimal, split_bytes};
use crate::segment::Doc;
use crate::sketch::Sketch;
use crate::types::Source;

const NEWS_TSV: &str = include_str!(concat!(env!("OUT_DIR"), "/news.tsv"));
const VADER_TSV: &str = include_str!(concat!(env!("OUT_DIR"), "/vader.tsv"));
const AFINN_TSV: &str = include_str!(concat!(env!("OUT_DIR"), "/afinn.tsv"));
const CALIBRATION_TSV: &str = include_str!(concat!(env!("OUT_DIR"), "/calibration.tsv"));

/// The terms of a lexicon `build.rs` packed, written out one a line. The
/// packed form is a line of valences, a line of codes, then the terms in byte
/// order, each a digit (the bytes it shares with the term before) and the
/// rest; sorted and front-coded, it is a quarter smaller gzipped than the
/// terms grouped by valence. Text that is not UTF-8 gives no terms, never a
/// panic.
fn unpack(packed: &str) -> String {
    let mut out: Vec<u8> = Vec::with_capacity(packed.len() * 2);
    let mut prev = 0..0;
    for line in split_bytes(packed, b'\n').skip(2) {
        let Some((&digit, rest)) = line.as_bytes().split_first() else {
            continue;
        };
        let shared = usize::from(digit.wrapping_sub(b'0')).min(prev.len());
        let start = out.len();
        out.extend_from_within(prev.start..prev.start + shared);
        out.extend_from_slice(rest);
        prev = start..out.len();
        out.push(b'\n');
    }
    String::from_utf8(out).unwrap_or_default()
}

/// One lexicon entry.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Entry {
    pub valence: f32,
    pub source: Source,
}

/// A multi-word entry: the words after the first, and the entry.
#[derive(Clone, Debug, PartialEq)]
pub struct Phrase {
    pub rest: Vec<Box<str>>,
    pub entry: Entry,
}

/// Everything the lexicon knows about one word: looked up once per token.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Slot {
    /// The word's own entry.
    pub entry: Option<Entry>,
    /// Multi-word entries that start with the word, longest first.
    pub phrases: Vec<Phrase>,
    /// Whether the calibration switches the word off.
    pub calibrated: bool,
    /// Whether the engine marked the word (see [`Lexicon::mark`]).
    pub marked: bool,
}

/// The merged lexicon.
#[derive(Debug, Default)]
pub struct Lexicon {
    /// Words, and the phrases they start. Keys borrow the embedded data where
    /// it is already normalized, as nearly all of it is, so building costs no
    /// allocation per word.
    words: FxHashMap<Cow<'static, str>, Slot>,
    /// The keys of `words`: most tokens are turned away without hashing.
    sketch: Sketch,
}

impl Lexicon {
    /// The bundled lexicon, as the [`Engine`](crate::Engine) built it once.
    pub fn builtin() -> &'static Lexicon {
        crate::Engine::builtin().lexicon()
    }

    /// Builds the bundled lexicon from the embedded data.
    pub(crate) fn bundled() -> Lexicon {
        {
            let mut lex = Lexicon {
                words: FxHashMap::with_capacity_and_hasher(12_000, Default::default()),
                sketch: Sketch::default(),
            };
            // The terms written out once per process: the keys borrow them.
            static TERMS: OnceLock<[String; 3]> = OnceLock::new();
            let [afinn, vader, news] = TERMS.get_or_init(|| [AFINN_TSV, VADER_TSV, NEWS_TSV].map(unpack));
            // Lowest precedence first: later sources overwrite earlier ones.
            lex.load(AFINN_TSV, afinn, Source::Afinn, AFINN_TO_VADER);
            lex.load(VADER_TSV, vader, Source::Vader, 1.0);
            lex.load(NEWS_TSV, news, Source::News, 1.0);
            lex.sort_phrases();
            for term in split_bytes(CALIBRATION_TSV, b'\n') {
                let term = normalize(term.split('\t').next().unwrap_or("").trim());
                if !term.is_empty() && !term.starts_with('#') {
                    lex.slot_mut(&term).calibrated = true;
                }
            }
            lex
        }
    }

    /// Reads a lexicon in the embedded form `build.rs` writes (see
    /// [`unpack`]): `packed`'s valences and codes, and `terms`, its terms
    /// written out. `build.rs` has checked every row (a code that names no
    /// valence is skipped, never a panic).
    fn load(&mut self, packed: &'static str, terms: &'static str, source: Source, scale: f32) {
        let mut lines = split_bytes(packed, b'\n');
        let valences: Vec<Option<f32>> = lines
            .next()
            .map(|l| split_bytes(l, b'\t').map(decimal).collect())
            .unwrap_or_default();
        let codes = lines.next().unwrap_or_default().bytes();
        for (term, code) in split_bytes(terms, b'\n').zip(codes) {
            if let Some(&Some(value)) = valences.get(usize::from(code.wrapping_sub(b'!'))) {
                self.add(
                    term,
                    Entry {
                        valence: value * scale,
                        source,
                    },
                );
            }
        }
    }

    /// Adds a term of an embedded lexicon; terms that do not start with a
    /// letter are skipped: the tokenizer never produces them.
    fn add(&mut self, term: &'static str, entry: Entry) {
        let starts_with_letter = match term.as_bytes().first() {
            Some(b) if b.is_ascii() => b.is_ascii_alphabetic(),
            _ => term.chars().next().is_some_and(char::is_alphabetic),
        };
        if starts_with_letter {
            self.insert(term, entry);
        }
    }

    /// Adds or replaces one entry. Phrases are split on spaces and hyphens.
    fn insert(&mut self, term: &'static str, entry: Entry) {
        // One pass over the bytes: already lowercase ASCII, and a single word?
        let plain = !term
            .bytes()
            .any(|b| b.is_ascii_uppercase() || b >= 0x80 || b == b' ' || b == b'-');
        if plain {
            if !term.is_empty() {
                self.sketch.insert(term);
                self.words.entry(Cow::Borrowed(term)).or_default().entry = Some(entry);
            }
            return;
        }
        self.insert_owned(&normalize(term), entry);
    }

    /// Adds or replaces one entry from a term that need not live forever.
    fn insert_owned(&mut self, term: &str, entry: Entry) {
        let norm = normalize(term);
        let mut words = norm.split([' ', '-']).filter(|w| !w.is_empty());
        let Some(first) = words.next() else { return };
        let rest: Vec<Box<str>> = words.map(Box::from).collect();
        let slot = self.slot_mut(first);
        if rest.is_empty() {
            slot.entry = Some(entry);
            return;
        }
        let list = &mut slot.phrases;
        match list.iter_mut().find(|p| p.rest == rest) {
            Some(p) => p.entry = entry,
            None => list.push(Phrase { rest, entry }),
        }
    }

    /// The slot of a word, made when missing. Only the few terms that are not
    /// already plain words come here (phrases, capitals, the calibration), so
    /// the owned key costs little.
    fn slot_mut(&mut self, word: &str) -> &mut Slot {
        self.sketch.insert(word);
        self.words.entry(Cow::Owned(word.to_string())).or_default()
    }

    fn sort_phrases(&mut self) {
        for slot in self.words.values_mut() {
            crate::sort::sort_by(&mut slot.phrases, |a, b| {
                b.rest.len().cmp(&a.rest.len()).then_with(|| a.rest.cmp(&b.rest))
            });
        }
    }

    /// Marks `words`, adding those it lacks (with no entry): the engine marks
    /// the directed predicates' forms, so that scoring's one lookup per word
    /// also finds them for attribution.
    pub(crate) fn mark<'w>(&mut self, words: impl Iterator<Item = &'w str>) {
        for word in words {
            self.slot_mut(word).marked = true;
        }
    }

    /// All the lexicon knows about a normalized word.
    pub fn slot(&self, word: &str) -> Option<&Slot> {
        if !self.sketch.may_contain(word) {
            return None;
        }
        self.find(word)
    }

    /// The slot of a word the sketch let through: out of line, so that the
    /// many words turned away cost no call.
    #[inline(never)]
    fn find(&self, word: &str) -> Option<&Slot> {
        self.words.get(word)
    }

    /// The entry for a normalized single word.
    pub fn word(&self, word: &str) -> Option<Entry> {
        self.slot(word).and_then(|s| s.entry)
    }

    /// The multi-word entries starting with a normalized word, longest first.
    pub fn phrases(&self, first: &str) -> &[Phrase] {
        self.slot(first).map_or(&[], |s| s.phrases.as_slice())
    }

    /// Whether the calibration switches `word` off.
    pub fn is_calibrated_off(&self, word: &str) -> bool {
        self.slot(word).is_some_and(|s| s.calibrated)
    }

    /// Number of single-word and multi-word entries.
    pub fn len(&self) -> usize {
        self.words
            .values()
            .map(|s| usize::from(s.entry.is_some()) + s.phrases.len())
            .sum()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// Lowercases a term and turns typographic apostrophes into ASCII ones, so
/// "Didn’t" and "didn't" look up the same entry.
pub fn normalize(term: &str) -> String {
    term.chars()
        .map(|c| if matches!(c, '’' | '‘' | 'ʼ') { '\'' } else { c })
        .flat_map(crate::lower_char)
        .collect()
}

/// Token `i` of `doc` as the lexicon spells its keys: lowercase, with ASCII
/// apostrophes. ASCII tokens are read from [`Doc::lower`] without copying.
pub fn token_key<'a>(doc: &'a Doc, i: usize, spill: &'a mut String) -> &'a str {
    if doc.is_ascii(i) {
        return doc.lower(i);
    }
    *spill = normalize(doc.token_text(i));
    spill.as_str()
}

/// The lexicon as one analysis sees it: the user's overrides over the bundled entries.
pub struct Lookup<'a> {
    base: &'a Lexicon,
    overrides: FxHashMap<String, Option<f32>>,
    phrase_overrides: Lexicon,
    calibration: bool,
}

impl<'a> Lookup<'a> {
    pub fn new(base: &'a Lexicon, config: &Config) -> Lookup<'a> {
        let mut overrides = FxHashMap::default();
        let mut phrase_overrides = Lexicon::default();
        for o in &config.lexicon {
            let term = normalize(o.term.trim());
            if term.contains([' ', '-']) {
                // A switched-off phrase is stored with valence 0 and skipped by the caller.
                let valence = o.valence.unwrap_or(0.0);
                phrase_overrides.insert_owned(
                    &term,
                    Entry {
                        valence,
                        source: Source::User,
                    },
                );
            } else if !term.is_empty() {
                overrides.insert(term, o.valence);
            }
        }
        phrase_overrides.sort_phrases();
        Lookup {
            base,
            overrides,
            phrase_overrides,
            calibration: config.calibration,
        }
    }

    /// Whether a normalized word is a lexicon word: one the user gave a
    /// value, or a bundled entry the user did not switch off (calibration
    /// aside: a calibrated word is still a word).
    pub fn knows(&self, word: &str) -> bool {
        match self.overrides.get(word) {
            Some(value) => value.is_some(),
            None => self.base.word(word).is_some(),
        }
    }

    /// The entry for a normalized word, or `None` when it has none or the user switched it off.
    #[cfg(test)]
    pub fn word(&self, word: &str) -> Option<Entry> {
        if !self.overrides.is_empty()
            && let Some(o) = self.overrides.get(word)
        {
            return o.map(|valence| Entry {
                valence,
                source: Source::User,
            });
        }
        if self.calibration && self.base.is_calibrated_off(word) {
            return None;
        }
        self.base.word(word).filter(|e| e.valence != 0.0)
    }

    /// Whether the engine marked `word` (see [`Lexicon::mark`]).
    pub fn marks(&self, word: &str) -> bool {
        self.base.slot(word).is_some_and(|s| s.marked)
    }

    /// What the lexicon says of `word`, found with one lookup: its phrases
    /// (the user's first) and its own entry, as [`Lookup::phrases`] and
    /// [`Lookup::word`] give them.
    pub fn at<'w>(&'w self, word: &'w str) -> At<'w> {
        At {
            lookup: self,
            word,
            // The sketch turns most words away here, without a call.
            slot: if self.base.sketch.may_contain(word) {
                self.base.find(word)
            } else {
                None
            },
        }
    }
}

/// One word's view of the lexicon; see [`Lookup::at`].
pub struct At<'w> {
    lookup: &'w Lookup<'w>,
    word: &'w str,
    slot: Option<&'w Slot>,
}

impl<'w> At<'w> {
    /// The multi-word entries starting with the word: the user's first, then the bundled ones.
    pub fn phrases(&self) -> impl Iterator<Item = &'w Phrase> + use<'w> {
        let user = if self.lookup.phrase_overrides.is_empty() {
            &[][..]
        } else {
            self.lookup.phrase_overrides.phrases(self.word)
        };
        user.iter().chain(self.slot.map_or(&[][..], |s| s.phrases.as_slice()))
    }

    /// Whether the lexicon says nothing of the word: no entry, no phrase, no
    /// value of the user's. Most words: their phrases and entry need no look.
    pub fn is_nothing(&self) -> bool {
        self.slot.is_none() && self.lookup.overrides.is_empty() && self.lookup.phrase_overrides.is_empty()
    }

    /// Whether the engine marked the word (see [`Lexicon::mark`]).
    pub fn is_marked(&self) -> bool {
        self.slot.is_some_and(|s| s.marked)
    }

    /// The word's own entry, or `None` when it has none or is switched off.
    pub fn entry(&self) -> Option<Entry> {
        if !self.lookup.overrides.is_empty()
            && let Some(o) = self.lookup.overrides.get(self.word)
        {
            return o.map(|valence| Entry {
                valence,
                source: Source::User,
            });
        }
        let slot = self.slot?;
        if self.lookup.calibration && slot.calibrated {
            return None;
        }
        slot.entry.filter(|e| e.valence != 0.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::LexiconOverride;

    fn lookup(word: &str) -> Option<Entry> {
        Lexicon::builtin().word(word)
    }

    /// The lexicon read straight from `data/` in the order the engine read
    /// it before the terms were packed (by valence as text, then file order).
    fn from_data_files() -> Lexicon {
        let mut lex = Lexicon::default();
        let files = [
            (include_str!("../../data/afinn.tsv"), Source::Afinn, AFINN_TO_VADER),
            (include_str!("../../data/vader.tsv"), Source::Vader, 1.0),
            (include_str!("../../data/news.tsv"), Source::News, 1.0),
        ];
        for (text, source, scale) in files {
            let mut by_valence: std::collections::BTreeMap<&str, Vec<&'static str>> = Default::default();
            for line in text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
                let cols: Vec<&'static str> = line.split('\t').collect();
                by_valence.entry(cols[1].trim()).or_default().push(cols[0]);
            }
            for (valence, terms) in by_valence {
                let valence: f32 = valence.parse().unwrap();
                for term in terms {
                    lex.add(
                        term,
                        Entry {
                            valence: valence * scale,
                            source,
                        },
                    );
                }
            }
        }
        lex
    }

    #[test]
    fn the_packed_lexicons_hold_what_the_data_files_hold() {
        let packed = Lexicon::bundled();
        let mut want = from_data_files();
        want.sort_phrases();
        for term in split_bytes(CALIBRATION_TSV, b'\n') {
            let term = normalize(term.split('\t').next().unwrap_or("").trim());
            if !term.is_empty() && !term.starts_with('#') {
                want.slot_mut(&term).calibrated = true;
            }
        }
        assert!(packed.words.len() > 7_000, "{}", packed.words.len());
        assert_eq!(packed.words, want.words);
        // Every term of the data files comes back from its packed form, in byte order.
        let vader: Vec<&str> = include_str!("../../data/vader.tsv")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .map(|l| l.split('\t').next().unwrap())
            .collect();
        let mut sorted = vader.clone();
        sorted.sort_unstable();
        let unpacked = unpack(VADER_TSV);
        assert_eq!(unpacked.lines().collect::<Vec<_>>(), sorted);
        // A count beyond the term before takes all of it; a cut inside a character gives nothing.
        assert_eq!(unpack("1\n!!\n0ab\n9c\n"), "ab\nabc\n");
        assert_eq!(unpack("1\n!!\n0\u{e9}\n1x\n"), "");
    }

    #[test]
    fn vader_words_are_present_with_their_valence() {
        let e = lookup("horrible").unwrap();
        assert_eq!(e.source, Source::Vader);
        assert!((e.valence - -2.5).abs() < 1e-6, "{e:?}");
    }

    #[test]
    fn news_supplement_covers_geopolitics() {
        for w in ["invasion", "aggression", "annexation", "ceasefire", "sanctions"] {
            let e = lookup(w).unwrap_or_else(|| panic!("{w} missing"));
            assert_eq!(e.source, Source::News, "{w}");
        }
        assert!(lookup("invasion").unwrap().valence < 0.0);
        assert!(lookup("ceasefire").unwrap().valence > 0.0);
    }

    #[test]
    fn afinn_fills_gaps_rescaled() {
        // Find one word only AFINN has, and check it was rescaled into VADER's range.
        let lex = Lexicon::builtin();
        let entries = || lex.words.values().filter_map(|s| s.entry);
        let afinn_only = entries().filter(|e| e.source == Source::Afinn).count();
        assert!(afinn_only > 100, "{afinn_only}");
        assert!(entries().all(|e| e.valence.abs() <= 4.0 + 1e-6));
    }

    #[test]
    fn phrases_are_indexed_by_first_word() {
        let lex = Lexicon::builtin();
        let p = lex.phrases("war");
        assert!(p.iter().any(|p| p.rest.len() == 1 && &*p.rest[0] == "crimes"), "{p:?}");
        assert!(lex.phrases("cover").iter().any(|p| &*p.rest[0] == "up"));
    }

    #[test]
    fn normalize_lowercases_and_straightens_apostrophes() {
        assert_eq!(normalize("Didn’t"), "didn't");
        assert_eq!(normalize("ÉLYSÉE"), "élysée");
        let doc = Doc::new("GREAT didn’t");
        let mut spill = String::new();
        assert_eq!(token_key(&doc, 0, &mut spill), "great");
        assert_eq!(token_key(&doc, 1, &mut spill), "didn't");
    }

    #[test]
    fn overrides_set_and_switch_off_words() {
        let config = Config {
            lexicon: vec![
                LexiconOverride {
                    term: "Reassurance".into(),
                    valence: Some(1.5),
                },
                LexiconOverride {
                    term: "horrible".into(),
                    valence: None,
                },
                LexiconOverride {
                    term: "mineral deal".into(),
                    valence: Some(-1.0),
                },
            ],
            ..Config::default()
        };
        let look = Lookup::new(Lexicon::builtin(), &config);
        assert_eq!(
            look.word("reassurance"),
            Some(Entry {
                valence: 1.5,
                source: Source::User
            })
        );
        assert_eq!(look.word("horrible"), None);
        assert!(look.word("terrible").is_some());
        let first = look.at("mineral").phrases().next().unwrap();
        assert_eq!((first.entry.valence, first.entry.source), (-1.0, Source::User));
    }
}
