//! Actors and their mentions: who the article is about, and where.
//!
//! Mentions come from five sources, strongest claim first:
//! 1. target spans given by the caller (`slant eval` scores NewsMTSC targets so);
//! 2. actors the user added (names and aliases, matched as whole words);
//! 3. the gazetteer: countries, demonyms ("Russian aggression"), capitals and
//!    seats of government as metonyms ("Moscow’s invasion", "No 10 said"),
//!    leaders, organisations;
//! 4. discovery: capitalised name runs with titles and honorifics ("UK
//!    Education Secretary Bridget Phillipson", then "Ms Phillipson"), names
//!    without a title ("Roman Abramovich"), organisations ("the Kiel Institute
//!    for the World Economy", "BBC");
//! 5. role references ("the French President", "the Ukrainian leader", "his
//!    US counterpart"), resolved to a person named in this article.
//!
//! Overlaps go to the longer mention, so "Russian President Vladimir Putin" is
//! one mention of Putin, not also one of Russia.
//!
//! Role-reference policy: a role resolves only to a person named somewhere in
//! the same article who holds that office (per the gazetteer, or per a title
//! the article itself gave them), and only when exactly one person fits.
//! Otherwise it stays unresolved: a wrong actor is worse than a missing one.
//!
//! This module owns finding and naming. It knows nothing of sentiment.

use std::ops::Range;
use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::config::{ActorEdits, ActorSpec};
pub mod gazetteer;
pub mod phrases;

use crate::score::lexicon::Lookup;
use crate::segment::{Doc, TokenKind};
use crate::types::Span;
use crate::types::{ActorKind, MentionKind, Origin, Target};
use gazetteer::{Field, Gazetteer};
use phrases::PhraseIndex;

/// One actor of the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    pub id: String,
    pub name: String,
    pub kind: ActorKind,
    pub origin: Origin,
}

/// One mention of an actor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    pub actor: usize,
    pub span: Span,
    pub tokens: Range<usize>,
    pub kind: MentionKind,
    /// Followed by a possessive "’s": "Moscow’s invasion".
    pub possessive: bool,
    pub sentence: usize,
    pub paragraph: usize,
}

/// The actors of a text and their mentions, in text order.
#[derive(Clone, Debug, Default)]
pub struct Cast {
    pub actors: Vec<Actor>,
    pub mentions: Vec<Mention>,
    /// For every token, the mention covering it, or `u32::MAX`.
    pub mention_of: Vec<u32>,
}

impl Cast {
    /// The mention covering token `i`.
    pub fn mention_at(&self, i: usize) -> Option<&Mention> {
        self.mention_of
            .get(i)
            .filter(|&&m| m != u32::MAX)
            .and_then(|&m| self.mentions.get(m as usize))
    }
}

/// Honorifics: a following name is a person.
const HONORIFICS: &[&str] = &[
    "Adm",
    "Capt",
    "Col",
    "Dame",
    "Dr",
    "Gen",
    "Gov",
    "Hon",
    "Lady",
    "Lord",
    "Lt",
    "Maj",
    "Miss",
    "Mr",
    "Mrs",
    "Ms",
    "Mx",
    "Prof",
    "Professor",
    "Rep",
    "Rev",
    "Sen",
    "Sgt",
    "Sir",
];

/// Capitalised title heads: "President", "Chancellor", "Secretary"...
const TITLE_HEADS: &[&str] = &[
    "Admiral",
    "Ambassador",
    "Attorney",
    "Ayatollah",
    "Chair",
    "Chairman",
    "Chairwoman",
    "Chancellor",
    "Chief",
    "Colonel",
    "Commander",
    "Commissioner",
    "Congressman",
    "Congresswoman",
    "Director",
    "Emir",
    "Envoy",
    "General",
    "Governor",
    "Judge",
    "Justice",
    "King",
    "Leader",
    "Mayor",
    "Minister",
    "Pope",
    "Premier",
    "President",
    "Prince",
    "Princess",
    "Queen",
    "Representative",
    "Secretary",
    "Senator",
    "Sheikh",
    "Speaker",
    "Spokesman",
    "Spokesperson",
    "Spokeswoman",
    "Sultan",
];

/// Capitalised words that qualify a title: "Education Secretary", "Prime Minister".
const OFFICE_WORDS: &[&str] = &[
    "Acting",
    "Attorney",
    "Business",
    "Chief",
    "Conservative",
    "Crown",
    "Culture",
    "Defence",
    "Defense",
    "Democratic",
    "Deputy",
    "Digital",
    "Economic",
    "Economy",
    "Education",
    "Energy",
    "Environment",
    "Executive",
    "Finance",
    "First",
    "Foreign",
    "Former",
    "General",
    "Grand",
    "Health",
    "High",
    "Home",
    "Interim",
    "Interior",
    "Justice",
    "Labour",
    "Opposition",
    "Pensions",
    "Prime",
    "Republican",
    "Science",
    "Secretary-General",
    "Security",
    "Shadow",
    "Special",
    "State",
    "Supreme",
    "Trade",
    "Transport",
    "Treasury",
    "Vice",
    "Work",
];

/// Lowercase role nouns that follow a country form: "the Ukrainian leader",
/// "his US counterpart", "Ukrainian president Volodymyr Zelenskyy".
const ROLE_NOUNS: &[&str] = &[
    "adviser",
    "advisor",
    "ambassador",
    "chancellor",
    "commander",
    "counterpart",
    "envoy",
    "general",
    "governor",
    "king",
    "leader",
    "mayor",
    "minister",
    "monarch",
    "official",
    "premier",
    "president",
    "queen",
    "secretary",
    "senator",
    "spokesman",
    "spokesperson",
    "spokeswoman",
];

/// Role nouns that mean "whoever leads the country" rather than one office.
const GENERIC_ROLES: &[&str] = &["counterpart", "leader"];

/// Words that end an organisation's name: "Kiel Institute", "Bank of England".
const ORG_WORDS: &[&str] = &[
    "Agency",
    "Alliance",
    "Army",
    "Assembly",
    "Association",
    "Authority",
    "Bank",
    "Board",
    "Center",
    "Centre",
    "Co",
    "Coalition",
    "College",
    "Commission",
    "Committee",
    "Company",
    "Corp",
    "Corporation",
    "Council",
    "Court",
    "Department",
    "Exchange",
    "Federation",
    "Forces",
    "Foundation",
    "Front",
    "Fund",
    "Group",
    "Guard",
    "Guardian",
    "Herald",
    "Inc",
    "Institute",
    "Institution",
    "International",
    "Journal",
    "Ltd",
    "Ministry",
    "Movement",
    "Navy",
    "Network",
    "News",
    "Office",
    "Organisation",
    "Organization",
    "Parliament",
    "Party",
    "Police",
    "Post",
    "Press",
    "Reserve",
    "Review",
    "School",
    "Service",
    "Telegraph",
    "Times",
    "Tribune",
    "Union",
    "University",
    "Watch",
];

/// Common nouns right before a name that make it an organisation: "magazine Le Point".
const ORG_CUES: &[&str] = &[
    "agency",
    "airline",
    "bank",
    "broadcaster",
    "carrier",
    "channel",
    "charity",
    "company",
    "daily",
    "firm",
    "giant",
    "group",
    "institute",
    "magazine",
    "militia",
    "network",
    "newspaper",
    "outlet",
    "paper",
    "party",
    "tabloid",
    "think-tank",
    "thinktank",
    "university",
    "website",
    "weekly",
];

/// Capitalised words that are not names even when capitalised.
const NOT_NAMES: &[&str] = &[
    "A",
    "AFP",
    "AP",
    "According",
    "After",
    "All",
    "Also",
    "Although",
    "An",
    "And",
    "Apr",
    "April",
    "As",
    "Asked",
    "At",
    "Aug",
    "August",
    "Because",
    "Before",
    "Both",
    "Breaking",
    "But",
    "By",
    "Christmas",
    "Covid",
    "Dec",
    "December",
    "Each",
    "Easter",
    "Even",
    "Every",
    "Feb",
    "February",
    "Federal",
    "For",
    "Former",
    "Friday",
    "From",
    "Getty",
    "God",
    "He",
    "Her",
    "Here",
    "His",
    "How",
    "However",
    "I",
    "If",
    "Images",
    "In",
    "Internet",
    "It",
    "Its",
    "Jan",
    "January",
    "Jul",
    "July",
    "Jun",
    "June",
    "Last",
    "Local",
    "Many",
    "Mar",
    "March",
    "May",
    "Meanwhile",
    "Monday",
    "More",
    "Most",
    "My",
    "Next",
    "Nov",
    "November",
    "Now",
    "Oct",
    "October",
    "Of",
    "On",
    "Only",
    "Or",
    "Other",
    "Our",
    "Photo",
    "Read",
    "Reuters",
    "Saturday",
    "Sep",
    "Sept",
    "September",
    "She",
    "Since",
    "So",
    "Some",
    "Still",
    "Such",
    "Sunday",
    "That",
    "The",
    "Their",
    "Then",
    "There",
    "These",
    "They",
    "This",
    "Those",
    "Though",
    "Thursday",
    "To",
    "Today",
    "Tomorrow",
    "Tuesday",
    "Update",
    "Video",
    "Watch",
    "We",
    "Wednesday",
    "What",
    "When",
    "Where",
    "Which",
    "While",
    "Who",
    "Why",
    "With",
    "Without",
    "Yes",
    "Yesterday",
    "You",
    "Your",
];

/// All-caps words that are not organisations.
const NOT_ACRONYMS: &[&str] = &[
    "A", "AI", "AM", "BST", "CEO", "CET", "CFO", "COVID", "CT", "DC", "DIY", "EST", "ET", "EU", "EUR", "FAQ", "GBP",
    "GDP", "GMT", "I", "ID", "II", "III", "IV", "IX", "LOL", "MEP", "MEPS", "MP", "MPS", "NB", "OK", "OMG", "PM", "PR",
    "PS", "PST", "PT", "RIP", "TV", "UFO", "UK", "UN", "US", "USD", "UTC", "VI", "VII", "VIII", "VIP", "XI", "XX",
];

/// Name particles that may sit inside a person's name: "Lula da Silva".
const PARTICLES: &[&str] = &[
    "al", "ben", "bin", "da", "das", "de", "del", "der", "di", "dos", "du", "ibn", "la", "le", "van", "von",
];

/// Words that may join parts of an organisation's name: "Bank of England".
const ORG_JOINERS: &[&str] = &["&", "and", "for", "of", "on", "the"];

/// Locative words before a capital or seat that make it a place, not a government.
const LOCATIVES: &[&str] = &[
    "across",
    "around",
    "arrive",
    "arrived",
    "arrives",
    "at",
    "based",
    "flew",
    "fly",
    "from",
    "headed",
    "heading",
    "in",
    "inside",
    "into",
    "near",
    "of",
    "outside",
    "returned",
    "through",
    "to",
    "toward",
    "towards",
    "traveled",
    "travelled",
    "via",
    "visit",
    "visited",
    "visiting",
    "visits",
];

/// Pronouns that may precede a role reference: "his US counterpart".
const ROLE_DETERMINERS: &[&str] = &["her", "his", "its", "my", "our", "the", "their", "your"];

/// Membership bits of the word lists above, one per list.
mod class {
    pub const HONORIFIC: u16 = 1 << 0;
    pub const TITLE_HEAD: u16 = 1 << 1;
    pub const OFFICE_WORD: u16 = 1 << 2;
    pub const ROLE_NOUN: u16 = 1 << 3;
    pub const GENERIC_ROLE: u16 = 1 << 4;
    pub const ORG_WORD: u16 = 1 << 5;
    pub const ORG_CUE: u16 = 1 << 6;
    pub const NOT_NAME: u16 = 1 << 7;
    pub const NOT_ACRONYM: u16 = 1 << 8;
    pub const PARTICLE: u16 = 1 << 9;
    pub const ORG_JOINER: u16 = 1 << 10;
    pub const LOCATIVE: u16 = 1 << 11;
    pub const ROLE_DETERMINER: u16 = 1 << 12;
}
use class::*;

/// Whether `word` is in the list `bit` stands for: one hash lookup finds every
/// list a word is in.
fn has(bit: u16, word: &str) -> bool {
    static CLASSES: OnceLock<FxHashMap<&'static str, u16>> = OnceLock::new();
    let map = CLASSES.get_or_init(|| {
        let mut map: FxHashMap<&'static str, u16> = FxHashMap::default();
        for (list, bit) in [
            (HONORIFICS, HONORIFIC),
            (TITLE_HEADS, TITLE_HEAD),
            (OFFICE_WORDS, OFFICE_WORD),
            (ROLE_NOUNS, ROLE_NOUN),
            (GENERIC_ROLES, GENERIC_ROLE),
            (ORG_WORDS, ORG_WORD),
            (ORG_CUES, ORG_CUE),
            (NOT_NAMES, NOT_NAME),
            (NOT_ACRONYMS, NOT_ACRONYM),
            (PARTICLES, PARTICLE),
            (ORG_JOINERS, ORG_JOINER),
            (LOCATIVES, LOCATIVE),
            (ROLE_DETERMINERS, ROLE_DETERMINER),
        ] {
            for &w in list {
                *map.entry(w).or_default() |= bit;
            }
        }
        map
    });
    map.get(word).is_some_and(|c| c & bit != 0)
}

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

fn is_acronym(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    (2..=6).contains(&letters) && word.chars().all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '.')
}

/// A stable id from a display name: lowercase ASCII letters and digits joined by hyphens.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        let c = match c {
            'é' | 'è' | 'ê' | 'ë' | 'É' => 'e',
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => 'a',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            'ñ' => 'n',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() { "actor".to_string() } else { out }
}

/// What a candidate mention refers to, before actors are assigned.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Key {
    Target(usize),
    User(usize),
    Gazetteer(usize),
    /// A discovered name, with its kind.
    Discovered(String, ActorKind),
    /// A bare surname after an honorific, or alone: resolved to a person with that surname.
    Surname(String, bool),
    /// A role: country (gazetteer index) if given, lowercase title.
    Role(Option<usize>, String),
}

#[derive(Clone, Debug)]
struct Candidate {
    tokens: Range<usize>,
    key: Key,
    kind: MentionKind,
    /// Higher wins between overlapping candidates of the same length.
    priority: u8,
}

/// What discovery checks a name against: the gazetteer, the lexicon (with
/// the user's word values) and the user's actors' names.
#[derive(Clone, Copy)]
struct Known<'a> {
    gaz: &'a Gazetteer,
    lexicon: &'a Lookup<'a>,
    added: &'a FxHashMap<&'a str, usize>,
}

/// A title the article gave a person: "German Chancellor Olaf Scholz".
#[derive(Clone, Debug)]
struct SeenTitle {
    person: Key,
    country: Option<usize>,
    title: String,
}

/// Finds the actors of `doc` and their mentions.
// A pipeline stage: kept out of line so profiles show it whole.
#[inline(never)]
pub fn find(doc: &Doc, gaz: &Gazetteer, lexicon: &Lookup, edits: &ActorEdits, targets: &[Target]) -> Cast {
    let mut cands: Vec<Candidate> = Vec::new();
    let mut titles: Vec<SeenTitle> = Vec::new();

    for (i, t) in targets.iter().enumerate() {
        let tokens = doc.tokens_in(t.span);
        if !tokens.is_empty() {
            cands.push(Candidate {
                tokens,
                key: Key::Target(i),
                kind: MentionKind::Given,
                priority: 5,
            });
        }
    }
    user_matches(doc, &edits.add, &mut cands);
    gazetteer_matches(doc, gaz, &mut cands);
    // The user's names and aliases, first actor first.
    let mut user_names: FxHashMap<&str, usize> = FxHashMap::default();
    for (u, spec) in edits.add.iter().enumerate() {
        for form in std::iter::once(&spec.name).chain(&spec.aliases) {
            user_names.entry(form.as_str()).or_insert(u);
        }
    }
    let known = Known {
        gaz,
        lexicon,
        added: &user_names,
    };
    for s in 0..doc.sentences.len() {
        discover(doc, &known, s, &mut cands, &mut titles);
    }
    let chosen = resolve_overlaps(cands);
    assign(doc, gaz, edits, targets, chosen, &titles)
}

/// Whole-word matches of the user's actors' names and aliases.
fn user_matches(doc: &Doc, added: &[ActorSpec], cands: &mut Vec<Candidate>) {
    let mut index = PhraseIndex::default();
    for (i, spec) in added.iter().enumerate() {
        for form in std::iter::once(&spec.name).chain(&spec.aliases) {
            index.insert(form, i);
        }
    }
    if index.is_empty() {
        return;
    }
    for (tokens, user) in index.find_iter(doc) {
        cands.push(Candidate {
            tokens,
            key: Key::User(user),
            kind: MentionKind::Name,
            priority: 4,
        });
    }
}

fn gazetteer_matches(doc: &Doc, gaz: &Gazetteer, cands: &mut Vec<Candidate>) {
    for (tokens, form) in gaz.matches(doc) {
        let kind = match form.field {
            Field::Name | Field::Alias | Field::Surname => MentionKind::Name,
            Field::Adjective => MentionKind::Adjective,
            Field::People => MentionKind::People,
            Field::Capital | Field::Seat => MentionKind::Metonym,
        };
        if kind == MentionKind::Metonym && is_place_or_part_of_name(doc, tokens.clone()) {
            continue;
        }
        // A capitalised country form followed by a lowercase role noun is a
        // role reference after "the"/"his": "the Ukrainian leader".
        if matches!(kind, MentionKind::Adjective | MentionKind::Name)
            && gaz.actors[form.actor].kind == ActorKind::Country
            && let Some(role) = role_after(doc, tokens.clone())
        {
            cands.push(role_candidate(doc, form.actor, tokens.clone(), role));
        }
        cands.push(Candidate {
            tokens,
            key: Key::Gazetteer(form.actor),
            kind,
            priority: 2,
        });
    }
}

/// Whether the capital or seat at `tokens` is a place ("talks in Riyadh",
/// "visits to the White House") or part of a longer name ("Washington Post").
fn is_place_or_part_of_name(doc: &Doc, tokens: Range<usize>) -> bool {
    let mut before = tokens.start;
    if before > 0 && doc.token_text(before - 1).eq_ignore_ascii_case("the") {
        before -= 1;
    }
    let sentence_start = doc
        .sentences
        .get(doc.sentence_of(tokens.start))
        .map_or(0, |s| s.tokens.start);
    // "from Moscow’s invasion" is Moscow acting, not a place.
    let possessive = doc
        .tokens
        .get(tokens.end)
        .is_some_and(|t| t.kind == TokenKind::Possessive);
    if before > sentence_start && has(LOCATIVE, doc.lower(before - 1)) && !possessive {
        return true;
    }
    let next = tokens.end;
    next < doc.tokens.len()
        && doc.tokens[next].kind == TokenKind::Word
        && doc.tokens[next].space_before
        && is_capitalised(doc.token_text(next))
        && !has(TITLE_HEAD, doc.token_text(next))
        && !has(OFFICE_WORD, doc.token_text(next))
        && doc.sentence_of(next) == doc.sentence_of(tokens.start)
}

/// A lowercase role noun right after `tokens` ("leader", "prime minister"),
/// returned with the index one past it.
fn role_after(doc: &Doc, tokens: Range<usize>) -> Option<(String, usize)> {
    let i = tokens.end;
    let word = doc.token_text(i);
    if doc.tokens.get(i)?.kind != TokenKind::Word || !word.chars().all(char::is_lowercase) {
        return None;
    }
    if word == "prime" && doc.token_text(i + 1) == "minister" {
        return Some(("prime minister".to_string(), i + 2));
    }
    if word == "foreign" && matches!(doc.token_text(i + 1), "minister" | "secretary") {
        return Some((format!("foreign {}", doc.token_text(i + 1)), i + 2));
    }
    has(ROLE_NOUN, word).then(|| (word.to_string(), i + 1))
}

/// A role-reference candidate for "<determiner> <country form> <role noun>",
/// or a placeholder that never wins when the shape does not fit.
fn role_candidate(doc: &Doc, country: usize, tokens: Range<usize>, role: (String, usize)) -> Candidate {
    let (title, end) = role;
    let determiner = tokens.start > 0 && has(ROLE_DETERMINER, doc.lower(tokens.start - 1));
    // Followed by a capitalised name, it is a title before a name, which
    // discovery handles ("Ukrainian president Volodymyr Zelenskyy").
    let name_follows =
        doc.tokens.get(end).is_some_and(|t| t.kind == TokenKind::Word) && is_capitalised(doc.token_text(end));
    Candidate {
        tokens: tokens.start..end,
        key: Key::Role(Some(country), title),
        kind: MentionKind::Role,
        // Without a determiner or with a name after it, the candidate is dropped in `resolve_overlaps`.
        priority: if determiner && !name_follows { 3 } else { 0 },
    }
}

/// One run of capitalised words in a sentence, with title words split off.
fn discover(doc: &Doc, known: &Known, sentence: usize, cands: &mut Vec<Candidate>, titles: &mut Vec<SeenTitle>) {
    let range = doc.sentences[sentence].tokens.clone();
    let mut i = range.start;
    while i < range.end {
        if !starts_name(doc, i) {
            i += 1;
            continue;
        }
        let run_end = extend_run(doc, i, range.end);
        classify_run(doc, known, i..run_end, range.start, cands, titles);
        i = run_end.max(i + 1);
    }
}

fn is_word(doc: &Doc, i: usize) -> bool {
    doc.tokens.get(i).is_some_and(|t| t.kind == TokenKind::Word)
}

fn starts_name(doc: &Doc, i: usize) -> bool {
    is_word(doc, i) && is_capitalised(doc.token_text(i))
}

/// The end (exclusive) of the capitalised run starting at `start`.
fn extend_run(doc: &Doc, start: usize, limit: usize) -> usize {
    let mut end = start + 1;
    let mut has_org_word = has(ORG_WORD, doc.token_text(start));
    loop {
        if end >= limit {
            break;
        }
        let tok = doc.tokens[end];
        let text = doc.token_text(end);
        if tok.kind == TokenKind::Word && is_capitalised(text) && tok.space_before {
            has_org_word |= has(ORG_WORD, text);
            end += 1;
            continue;
        }
        // An initial's full stop, or an honorific's: "Donald J. Trump", "Mr. Trump".
        if text == "." && !tok.space_before && end + 1 < limit && starts_name(doc, end + 1) {
            let prev = doc.token_text(end - 1);
            if (prev.chars().count() == 1 && is_capitalised(prev)) || has(HONORIFIC, prev) {
                end += 1;
                continue;
            }
        }
        // A hyphenated name: "Jean-Yves", "Sassou-Nguesso".
        if text == "-"
            && !tok.space_before
            && end + 1 < limit
            && starts_name(doc, end + 1)
            && !doc.tokens[end + 1].space_before
        {
            end += 1;
            continue;
        }
        // A particle inside a person's name: "Lula da Silva".
        if tok.kind == TokenKind::Word && has(PARTICLE, text) && end + 1 < limit && starts_name(doc, end + 1) {
            end += 1;
            continue;
        }
        // Joiners inside an organisation's name: "Kiel Institute for the World Economy".
        if tok.kind == TokenKind::Word && has(ORG_JOINER, text) {
            let mut j = end;
            while j < limit && is_word(doc, j) && has(ORG_JOINER, doc.token_text(j)) {
                j += 1;
            }
            if j < limit && starts_name(doc, j) {
                let mut k = j;
                let mut later_org = false;
                while k < limit && starts_name(doc, k) {
                    later_org |= has(ORG_WORD, doc.token_text(k));
                    k += 1;
                }
                // "and" joins two names into one only inside an organisation's
                // name already begun ("Department of Health and Human Services"),
                // never two separate names ("Bruegel and the Kiel Institute").
                let joins_two = (end..j).any(|x| matches!(doc.token_text(x), "and" | "&"));
                if has_org_word || (later_org && !joins_two) {
                    has_org_word = true;
                    end = k;
                    continue;
                }
            }
        }
        break;
    }
    end
}

/// Splits a run into its title part and its name part and records candidates.
fn classify_run(
    doc: &Doc,
    known: &Known,
    run: Range<usize>,
    sentence_start: usize,
    cands: &mut Vec<Candidate>,
    titles: &mut Vec<SeenTitle>,
) {
    let Known { gaz, lexicon, added } = *known;
    let mut start = run.start;
    // Leading function words: "The Prime Minister", "In Paris".
    while start < run.end && has(NOT_NAME, doc.token_text(start)) {
        start += 1;
    }
    // An honorific inside the run starts the name: "Later Ms Phillipson".
    if let Some(h) = (start + 1..run.end).find(|&i| has(HONORIFIC, doc.token_text(i))) {
        start = h;
    }
    // A sentence's first word before a title is not part of it: "Yesterday German Chancellor Olaf Scholz".
    if start == sentence_start
        && start + 1 < run.end
        && gaz.form(doc.token_text(start)).is_none()
        && !has(HONORIFIC, doc.token_text(start))
        && !has(TITLE_HEAD, doc.token_text(start))
        && !has(OFFICE_WORD, doc.token_text(start))
        && (has(TITLE_HEAD, doc.token_text(start + 1))
            || has(OFFICE_WORD, doc.token_text(start + 1))
            || gaz.form(doc.token_text(start + 1)).is_some())
    {
        start += 1;
    }
    if start >= run.end {
        return;
    }
    // A lowercase role noun with a country form before the run: "Ukrainian president Volodymyr Zelenskyy".
    let mut title_start = start;
    let mut lower_title: Option<(Option<usize>, String)> = None;
    if start == run.start && start >= 1 {
        let before = start - 1;
        let word = doc.token_text(before);
        let (noun, noun_start) = if word == "minister" && before >= 1 && doc.token_text(before - 1) == "prime" {
            ("prime minister".to_string(), before - 1)
        } else {
            (word.to_string(), before)
        };
        if is_word(doc, before) && has(ROLE_NOUN, word) && !has(GENERIC_ROLE, word) {
            let country = noun_start
                .checked_sub(1)
                .filter(|&c| c >= sentence_start)
                .and_then(|c| country_form(doc, gaz, c..c + 1));
            title_start = if country.is_some() { noun_start - 1 } else { noun_start };
            lower_title = Some((country, noun));
        }
    }
    // Title words at the front of the run: honorifics, country forms, office words, title heads.
    let mut name_start = start;
    let mut country: Option<usize> = None;
    let mut title_words: Vec<&str> = Vec::new();
    let mut has_head = false;
    let mut has_honorific = false;
    while name_start < run.end {
        let w = doc.token_text(name_start);
        if has(HONORIFIC, w) {
            has_honorific = true;
            name_start += 1;
            if doc.token_text(name_start) == "." {
                name_start += 1;
            }
            continue;
        }
        if has(TITLE_HEAD, w) || has(OFFICE_WORD, w) {
            has_head |= has(TITLE_HEAD, w);
            title_words.push(w);
            name_start += 1;
            continue;
        }
        if title_words.is_empty()
            && !has_honorific
            && let Some(c) = country_form(doc, gaz, name_start..name_start + 1)
            && name_start + 1 < run.end
            && (has(TITLE_HEAD, doc.token_text(name_start + 1)) || has(OFFICE_WORD, doc.token_text(name_start + 1)))
        {
            country = Some(c);
            name_start += 1;
            continue;
        }
        break;
    }
    if !(has_head || has_honorific) {
        name_start = start;
        title_words.clear();
        country = None;
    }
    let name = name_start..run.end;
    let title_text = title_words.join(" ").to_lowercase();

    if name.is_empty() {
        // A title alone: a role reference when a determiner comes before it.
        if has_head && start > 0 && has(ROLE_DETERMINER, doc.lower(start - 1)) {
            cands.push(Candidate {
                tokens: start..run.end,
                key: Key::Role(country, title_text),
                kind: MentionKind::Role,
                priority: 3,
            });
        }
        return;
    }

    let name_text = Span::new(doc.tokens[name.start].span.start, doc.tokens[name.end - 1].span.end).of(doc.text);
    let (span_start, title) = match lower_title {
        Some((c, noun)) if !has_head && !has_honorific => (title_start, Some((c, noun))),
        _ if has_head => (start, Some((country, title_text.clone()))),
        _ => (start, None),
    };
    let titled = title.is_some() || has_honorific;
    let single = name.len() == 1;

    // What the name part refers to: a user's actor, a gazetteer form, or a new name.
    let key = if let Some(&u) = added.get(name_text) {
        Key::User(u)
    } else if let Some(form) = gaz.form(name_text) {
        if !titled {
            return; // The gazetteer pass already has it.
        }
        Key::Gazetteer(form.actor)
    } else if single && titled {
        Key::Surname(name_text.to_string(), true)
    } else if titled {
        Key::Discovered(name_text.to_string(), ActorKind::Person)
    } else {
        match untitled_kind(doc, lexicon, name.clone(), sentence_start) {
            Some(ActorKind::Other) => Key::Surname(name_text.to_string(), false),
            Some(kind) => Key::Discovered(name_text.to_string(), kind),
            None => return,
        }
    };
    if let Some((country, title)) = title
        && !title.is_empty()
    {
        titles.push(SeenTitle {
            person: key.clone(),
            country,
            title,
        });
    }
    cands.push(Candidate {
        tokens: span_start..run.end,
        key,
        kind: MentionKind::Name,
        priority: if titled { 3 } else { 1 },
    });
}

/// The country a single-token gazetteer form names, if it is a country form.
fn country_form(doc: &Doc, gaz: &Gazetteer, tokens: Range<usize>) -> Option<usize> {
    let text = Span::new(
        doc.tokens.get(tokens.start)?.span.start,
        doc.tokens.get(tokens.end - 1)?.span.end,
    )
    .of(doc.text);
    let form = gaz.form(text)?;
    let kind = gaz.actors[form.actor].kind;
    (matches!(kind, ActorKind::Country | ActorKind::Organisation)
        && matches!(
            form.field,
            Field::Name | Field::Alias | Field::Adjective | Field::Seat | Field::Capital
        ))
    .then_some(form.actor)
}

/// The kind of a name found without a title, or `None` when it is not an
/// actor. `Some(Other)` means "only if it is the surname of someone found".
fn untitled_kind(doc: &Doc, lexicon: &Lookup, name: Range<usize>, sentence_start: usize) -> Option<ActorKind> {
    let words: Vec<&str> = name.clone().map(|i| doc.token_text(i)).collect();
    if words.iter().any(|w| has(NOT_NAME, w)) && words.len() == 1 {
        return None;
    }
    if words.iter().any(|w| has(ORG_WORD, w)) && words.len() > 1 {
        return Some(ActorKind::Organisation);
    }
    let cue = name.start > sentence_start && has(ORG_CUE, doc.lower(name.start - 1));
    if cue {
        return Some(ActorKind::Organisation);
    }
    if words.len() == 1 {
        let w = words[0];
        // An all-capitals lexicon word is emphasis ("GOOD"), not an organisation;
        // the user's word values count.
        let is_word = lexicon.knows(&w.to_lowercase());
        if is_acronym(w) && !has(NOT_ACRONYM, w) && !is_word {
            return Some(ActorKind::Organisation);
        }
        return Some(ActorKind::Other);
    }
    let name_like = words.iter().all(|w| {
        (is_capitalised(w) && !has(NOT_NAME, w) && !is_acronym(w)) || has(PARTICLE, w) || *w == "." || *w == "-"
    });
    (name_like && words.len() <= 4).then_some(ActorKind::Person)
}

/// Keeps the best non-overlapping candidates: targets first, then longer
/// spans, then higher priority, then earlier ones. Candidates with priority
/// 0 are shapes that did not fit and never win.
fn resolve_overlaps(cands: Vec<Candidate>) -> Vec<Candidate> {
    // Sort compact keys, not the candidates: one u64 says which wins.
    let key = |c: &Candidate| -> u64 {
        let not_target = u64::from(!matches!(c.key, Key::Target(_)));
        let shorter = u64::from(u16::MAX - c.tokens.len().min(usize::from(u16::MAX)) as u16);
        let lower = u64::from(u8::MAX - c.priority);
        (not_target << 63) | (shorter << 40) | (lower << 32) | (c.tokens.start as u64 & 0xFFFF_FFFF)
    };
    let mut order: Vec<(u64, u32)> = cands
        .iter()
        .enumerate()
        .filter(|(_, c)| c.priority > 0 && !c.tokens.is_empty())
        .map(|(i, c)| (key(c), i as u32))
        .collect();
    order.sort_unstable();
    let end = cands.iter().map(|c| c.tokens.end).max().unwrap_or(0);
    let mut taken = vec![false; end];
    let mut kept: Vec<(usize, u32)> = Vec::new();
    for &(_, i) in &order {
        let tokens = cands[i as usize].tokens.clone();
        if taken[tokens.clone()].iter().any(|&t| t) {
            continue;
        }
        taken[tokens.clone()].fill(true);
        kept.push((tokens.start, i));
    }
    kept.sort_unstable();
    let mut slots: Vec<Option<Candidate>> = cands.into_iter().map(Some).collect();
    kept.into_iter().filter_map(|(_, i)| slots[i as usize].take()).collect()
}

/// Turns keyed candidates into actors and mentions, resolving surnames and
/// roles, then applies the user's edits.
fn assign(
    doc: &Doc,
    gaz: &Gazetteer,
    edits: &ActorEdits,
    targets: &[Target],
    chosen: Vec<Candidate>,
    titles: &[SeenTitle],
) -> Cast {
    let mut actors: Vec<Actor> = Vec::new();
    let mut index: FxHashMap<String, usize> = FxHashMap::default();
    let mut gaz_of: FxHashMap<usize, usize> = FxHashMap::default();
    let intern = |actors: &mut Vec<Actor>, index: &mut FxHashMap<String, usize>, actor: Actor| -> usize {
        if let Some(&i) = index.get(&actor.id) {
            return i;
        }
        index.insert(actor.id.clone(), actors.len());
        actors.push(actor);
        actors.len() - 1
    };

    // First pass: everything but surnames and roles.
    let mut resolved: Vec<Option<usize>> = vec![None; chosen.len()];
    for (n, c) in chosen.iter().enumerate() {
        // Most candidates name an actor already seen: skip building it again.
        if let Key::Gazetteer(g) = c.key
            && let Some(&i) = gaz_of.get(&g)
        {
            resolved[n] = Some(i);
            continue;
        }
        let actor = match &c.key {
            Key::Target(i) => Some(Actor {
                id: format!("target-{i}"),
                name: targets[*i].name.clone(),
                kind: ActorKind::Other,
                origin: Origin::Target,
            }),
            Key::User(i) => Some(user_actor(&edits.add[*i])),
            Key::Gazetteer(g) => Some(gaz_actor(gaz, *g)),
            Key::Discovered(name, kind) => Some(Actor {
                id: slug(name),
                name: name.clone(),
                kind: *kind,
                origin: Origin::Discovered,
            }),
            Key::Surname(..) | Key::Role(..) => None,
        };
        if let Some(a) = actor {
            // A user actor with a gazetteer actor's id takes it over.
            let i = intern(&mut actors, &mut index, a);
            if let Key::Gazetteer(g) = c.key {
                gaz_of.insert(g, i);
            }
            resolved[n] = Some(i);
        }
    }

    // Surnames: a person of this article whose name ends with it (or is it),
    // found through an index of people by last word, not a scan of actors.
    let mut people_by_surname: FxHashMap<String, Vec<usize>> = FxHashMap::default();
    let index_person = |by: &mut FxHashMap<String, Vec<usize>>, i: usize, name: &str| {
        let last = name.rsplit(' ').next().unwrap_or(name);
        by.entry(last.to_string()).or_default().push(i);
        if last.len() != name.len() {
            by.entry(name.to_string()).or_default().push(i);
        }
    };
    for (i, a) in actors.iter().enumerate() {
        if a.kind == ActorKind::Person {
            index_person(&mut people_by_surname, i, &a.name);
        }
    }
    for (n, c) in chosen.iter().enumerate() {
        let Key::Surname(surname, titled) = &c.key else {
            continue;
        };
        let mut matches: Vec<usize> = people_by_surname.get(surname.as_str()).cloned().unwrap_or_default();
        matches.sort_unstable();
        matches.dedup();
        resolved[n] = match matches[..] {
            [one] => Some(one),
            [] if *titled => {
                let before = actors.len();
                let i = intern(
                    &mut actors,
                    &mut index,
                    Actor {
                        id: slug(surname),
                        name: surname.clone(),
                        kind: ActorKind::Person,
                        origin: Origin::Discovered,
                    },
                );
                if actors.len() > before {
                    index_person(&mut people_by_surname, i, surname);
                }
                Some(i)
            }
            _ => None,
        };
    }

    // Titles the article gave people, resolved to actors once and deduplicated.
    let mut seen_titles: Vec<(usize, Option<usize>, &str)> = Vec::new();
    let mut seen_set: FxHashSet<(usize, Option<usize>, &str)> = FxHashSet::default();
    for seen in titles {
        let person = match &seen.person {
            Key::Gazetteer(g) => gaz_of.get(g).copied(),
            Key::Discovered(name, _) => index.get(&slug(name)).copied(),
            Key::User(u) => index.get(&user_actor(&edits.add[*u]).id).copied(),
            Key::Surname(s, _) => index.get(&slug(s)).copied(),
            _ => None,
        };
        if let Some(person) = person {
            let entry = (person, seen.country, seen.title.as_str());
            if seen_set.insert(entry) {
                seen_titles.push(entry);
            }
        }
    }

    // Roles: exactly one person of this article holding the office. The
    // answer depends only on (country, title), so each pair is worked out once.
    let mut role_answers: FxHashMap<(Option<usize>, &str), Option<usize>> = FxHashMap::default();
    for (n, c) in chosen.iter().enumerate() {
        let Key::Role(country, title) = &c.key else { continue };
        if let Some(&known) = role_answers.get(&(*country, title.as_str())) {
            resolved[n] = known;
            continue;
        }
        let generic = has(GENERIC_ROLE, title);
        let mut fits: Vec<usize> = Vec::new();
        let mut consider = |i: usize| fits.push(i);
        for (&g, &i) in &gaz_of {
            let holds = gaz.actors[g].roles.iter().any(|r| {
                country.is_none_or(|c| r.country == c)
                    && (generic || *r.title == **title || title_suffix(title, r.title))
            });
            if holds && actors[i].kind == ActorKind::Person {
                consider(i);
            }
        }
        for &(person, seen_country, seen_title) in &seen_titles {
            let country_fits = match (country, seen_country) {
                (Some(a), Some(b)) => *a == b,
                (Some(_), None) => false,
                (None, _) => true,
            };
            let title_fits = if generic {
                is_head_title(seen_title)
            } else {
                seen_title == title || title_suffix(title, seen_title)
            };
            if country_fits && title_fits {
                consider(person);
            }
        }
        fits.sort_unstable();
        fits.dedup();
        resolved[n] = match fits[..] {
            [one] => Some(one),
            _ => None,
        };
        role_answers.insert((*country, title.as_str()), resolved[n]);
    }

    // Mentions, then the user's edits.
    let mut mentions: Vec<Mention> = Vec::new();
    for (c, actor) in chosen.into_iter().zip(resolved) {
        let Some(actor) = actor else { continue };
        let span = Span::new(
            doc.tokens[c.tokens.start].span.start,
            doc.tokens[c.tokens.end - 1].span.end,
        );
        let possessive = doc
            .tokens
            .get(c.tokens.end)
            .is_some_and(|t| t.kind == TokenKind::Possessive);
        let sentence = doc.sentence_of(c.tokens.start);
        mentions.push(Mention {
            actor,
            span,
            tokens: c.tokens,
            kind: c.kind,
            possessive,
            sentence,
            paragraph: doc.sentences.get(sentence).map_or(0, |s| s.paragraph),
        });
    }
    apply_edits(doc, actors, mentions, edits)
}

fn title_suffix(text_title: &str, office: &str) -> bool {
    text_title.ends_with(office) || office.ends_with(text_title)
}

/// Titles that make someone a country's leader.
fn is_head_title(title: &str) -> bool {
    [
        "president",
        "prime minister",
        "premier",
        "chancellor",
        "king",
        "queen",
        "leader",
        "emir",
        "sultan",
    ]
    .iter()
    .any(|t| title.ends_with(t))
}

fn gaz_actor(gaz: &Gazetteer, g: usize) -> Actor {
    let a = &gaz.actors[g];
    Actor {
        id: a.id.to_string(),
        name: a.name.to_string(),
        kind: a.kind,
        origin: Origin::Gazetteer,
    }
}

fn user_actor(spec: &ActorSpec) -> Actor {
    Actor {
        id: if spec.id.trim().is_empty() {
            slug(&spec.name)
        } else {
            spec.id.trim().to_string()
        },
        name: spec.name.trim().to_string(),
        kind: spec.kind,
        origin: Origin::User,
    }
}

/// Applies merges, renames and removals, drops actors without mentions, and
/// indexes mentions by token.
fn apply_edits(doc: &Doc, mut actors: Vec<Actor>, mut mentions: Vec<Mention>, edits: &ActorEdits) -> Cast {
    let find = |actors: &[Actor], id: &str| actors.iter().position(|a| a.id == id);
    for (from, into) in &edits.merge {
        if let (Some(f), Some(t)) = (find(&actors, from), find(&actors, into))
            && f != t
        {
            for m in &mut mentions {
                if m.actor == f {
                    m.actor = t;
                }
            }
        }
    }
    for (id, name) in &edits.rename {
        if let Some(i) = find(&actors, id)
            && !name.trim().is_empty()
        {
            actors[i].name = name.trim().to_string();
        }
    }
    let removed: Vec<usize> = edits.remove.iter().filter_map(|id| find(&actors, id)).collect();
    mentions.retain(|m| !removed.contains(&m.actor));

    // Keep actors with mentions, in order of first mention, and renumber.
    let mut order: Vec<usize> = Vec::new();
    let mut seen = vec![false; actors.len()];
    for m in &mentions {
        if !seen[m.actor] {
            seen[m.actor] = true;
            order.push(m.actor);
        }
    }
    let mut new_index = vec![usize::MAX; actors.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    let kept: Vec<Actor> = order.iter().map(|&old| actors[old].clone()).collect();
    actors = kept;
    for m in &mut mentions {
        m.actor = new_index[m.actor];
    }
    let mut mention_of = vec![u32::MAX; doc.tokens.len()];
    for (i, m) in mentions.iter().enumerate() {
        mention_of[m.tokens.clone()].fill(i as u32);
    }
    Cast {
        actors,
        mentions,
        mention_of,
    }
}

/// [`find`] with the bundled gazetteer and lexicon and no word values: for tests.
#[cfg(test)]
pub(crate) fn find_builtin(doc: &Doc, edits: &ActorEdits, targets: &[Target]) -> Cast {
    let engine = crate::Engine::builtin();
    let lookup = Lookup::new(engine.lexicon(), &crate::config::Config::default());
    find(doc, engine.gazetteer(), &lookup, edits, targets)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(String, String)> {
        let doc = Doc::new(text);
        let cast = find_builtin(&doc, &ActorEdits::default(), &[]);
        cast.mentions
            .iter()
            .map(|m| (m.span.of(text).to_string(), cast.actors[m.actor].id.clone()))
            .collect()
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
    }

    #[test]
    fn countries_and_adjectives() {
        assert_eq!(
            found("Russia attacked Ukraine. Russian aggression worried Europeans."),
            pairs(&[
                ("Russia", "russia"),
                ("Ukraine", "ukraine"),
                ("Russian", "russia"),
                ("Europeans", "europe")
            ])
        );
    }

    #[test]
    fn titled_names_are_one_mention() {
        assert_eq!(
            found("Russian President Vladimir Putin met US President Donald Trump."),
            pairs(&[
                ("Russian President Vladimir Putin", "vladimir-putin"),
                ("US President Donald Trump", "donald-trump")
            ])
        );
    }

    #[test]
    fn discovered_people_join_their_surnames() {
        let got = found("UK Education Secretary Bridget Phillipson spoke. Later Ms Phillipson said more.");
        assert_eq!(
            got,
            pairs(&[
                ("UK Education Secretary Bridget Phillipson", "bridget-phillipson"),
                ("Ms Phillipson", "bridget-phillipson")
            ])
        );
    }

    #[test]
    fn names_without_titles_and_organisations() {
        let got = found(
            "Travel bans hit figures such as Roman Abramovich, the BBC reported, citing research institute Bruegel.",
        );
        assert!(
            got.contains(&("Roman Abramovich".into(), "roman-abramovich".into())),
            "{got:?}"
        );
        assert!(got.contains(&("BBC".into(), "bbc".into())), "{got:?}");
        assert!(got.contains(&("Bruegel".into(), "bruegel".into())), "{got:?}");
    }

    #[test]
    fn a_fixture_gazetteer_is_all_the_stage_knows() {
        let gaz = Gazetteer::parse("# Leaders as of never.\nfreedonia\tcountry\tname=Freedonia\tadj=Freedonian\n");
        let config = crate::config::Config::default();
        let lookup = Lookup::new(crate::Engine::builtin().lexicon(), &config);
        let text = "Freedonian troops entered Russia after Freedonia’s vote.";
        let doc = Doc::new(text);
        let cast = find(&doc, &gaz, &lookup, &ActorEdits::default(), &[]);
        let got: Vec<(&str, &str)> = cast
            .mentions
            .iter()
            .map(|m| (m.span.of(text), cast.actors[m.actor].id.as_str()))
            .collect();
        // Russia is in the bundled gazetteer, not in the fixture: a lone word it does not resolve.
        assert_eq!(got, [("Freedonian", "freedonia"), ("Freedonia", "freedonia")]);
        assert_eq!(gaz.as_of, "never");
    }

    #[test]
    fn discovery_reads_the_users_word_values() {
        let text = "ZORG backed the plan.";
        let ids = |config: &crate::config::Config| {
            let engine = crate::Engine::builtin();
            let lookup = Lookup::new(engine.lexicon(), config);
            let doc = Doc::new(text);
            let cast = find(&doc, engine.gazetteer(), &lookup, &config.actors, &[]);
            cast.actors.iter().map(|a| a.id.clone()).collect::<Vec<_>>()
        };
        // An unknown all-capitals word is an organisation...
        assert_eq!(ids(&crate::config::Config::default()), ["zorg"]);
        // ...but a word the user gave a value is shouted emphasis, not a name.
        let valued = crate::config::Config {
            lexicon: vec![crate::config::LexiconOverride {
                term: "zorg".into(),
                valence: Some(2.0),
            }],
            ..crate::config::Config::default()
        };
        assert!(ids(&valued).is_empty());
    }

    #[test]
    fn organisation_names_with_joiners() {
        let got = found("A study by the Kiel Institute for the World Economy found this.");
        assert!(
            got.contains(&(
                "Kiel Institute for the World Economy".into(),
                "kiel-institute-for-the-world-economy".into()
            )),
            "{got:?}"
        );
    }

    #[test]
    fn and_does_not_join_two_names() {
        let got = found("A study by research institute Bruegel and the Kiel Institute for the World Economy.");
        assert!(got.contains(&("Bruegel".into(), "bruegel".into())), "{got:?}");
        assert!(
            got.contains(&(
                "Kiel Institute for the World Economy".into(),
                "kiel-institute-for-the-world-economy".into()
            )),
            "{got:?}"
        );
    }

    #[test]
    fn role_references_resolve_to_people_named_in_the_article() {
        let got = found("Emmanuel Macron met Donald Trump. The French President praised the US President.");
        assert_eq!(
            got,
            pairs(&[
                ("Emmanuel Macron", "emmanuel-macron"),
                ("Donald Trump", "donald-trump"),
                ("French President", "emmanuel-macron"),
                ("US President", "donald-trump"),
            ])
        );
    }

    #[test]
    fn generic_roles_and_counterparts() {
        let got = found(
            "Volodymyr Zelenskyy criticised Donald Trump. The Ukrainian leader spoke, and his US counterpart answered.",
        );
        assert!(
            got.contains(&("Ukrainian leader".into(), "volodymyr-zelenskyy".into())),
            "{got:?}"
        );
        assert!(
            got.contains(&("US counterpart".into(), "donald-trump".into())),
            "{got:?}"
        );
    }

    #[test]
    fn unresolvable_roles_are_left_out() {
        // Nobody French is named, so "the French President" stays unresolved.
        let got = found("The French President spoke.");
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn lowercase_titles_before_names() {
        let got = found("Europe rallied behind Ukrainian president Volodymyr Zelenskyy.");
        assert!(
            got.contains(&(
                "Ukrainian president Volodymyr Zelenskyy".into(),
                "volodymyr-zelenskyy".into()
            )),
            "{got:?}"
        );
    }

    #[test]
    fn capitals_as_places_are_not_mentions() {
        let got = found("Talks took place in Riyadh and in Moscow. Moscow’s invasion went on.");
        assert_eq!(got, pairs(&[("Moscow", "russia")]));
    }

    #[test]
    fn seats_of_government_and_possessives() {
        let text = "No 10 Downing Street said so. Kremlin-linked elites and Moscow’s invasion.";
        let doc = Doc::new(text);
        let cast = find_builtin(&doc, &ActorEdits::default(), &[]);
        let ids: Vec<&str> = cast.mentions.iter().map(|m| cast.actors[m.actor].id.as_str()).collect();
        assert_eq!(ids, ["united-kingdom", "russia", "russia"]);
        assert!(cast.mentions[2].possessive);
    }

    #[test]
    fn user_actors_add_and_override() {
        let text = "The Wagner people and Kyiv met Mr Smith.";
        let doc = Doc::new(text);
        let edits = ActorEdits {
            add: vec![ActorSpec {
                id: String::new(),
                name: "Wagner people".into(),
                kind: ActorKind::Organisation,
                aliases: vec![],
            }],
            ..ActorEdits::default()
        };
        let cast = find_builtin(&doc, &edits, &[]);
        let names: Vec<&str> = cast.actors.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, ["Wagner people", "Ukraine", "Smith"]);
        assert_eq!(cast.actors[0].origin, Origin::User);
    }

    #[test]
    fn merge_rename_and_remove() {
        let text = "Gerard Araud wrote. Ukraine waited. Russia watched.";
        let doc = Doc::new(text);
        let edits = ActorEdits {
            merge: vec![("russia".into(), "ukraine".into())],
            rename: vec![("gerard-araud".into(), "G. Araud".into())],
            remove: vec![],
            add: vec![],
        };
        let cast = find_builtin(&doc, &edits, &[]);
        let names: Vec<&str> = cast.actors.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, ["G. Araud", "Ukraine"]);
        assert_eq!(cast.mentions.len(), 3);
        let edits = ActorEdits {
            remove: vec!["ukraine".into()],
            ..ActorEdits::default()
        };
        let cast = find_builtin(&doc, &edits, &[]);
        assert_eq!(cast.actors.len(), 2);
    }

    #[test]
    fn targets_win_over_everything() {
        let text = "She said Trump lied.";
        let doc = Doc::new(text);
        let targets = [Target {
            name: "She".into(),
            span: Span::new(0, 3),
        }];
        let cast = find_builtin(&doc, &ActorEdits::default(), &targets);
        assert_eq!(cast.actors[0].id, "target-0");
        assert_eq!(cast.mentions[0].kind, MentionKind::Given);
    }

    #[test]
    fn word_classes() {
        assert!(has(HONORIFIC, "Mr") && !has(HONORIFIC, "mr"));
        assert!(has(NOT_NAME, "Monday") && has(TITLE_HEAD, "General") && has(OFFICE_WORD, "General"));
        assert!(!has(ORG_WORD, "Macron"));
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("Gérard Araud"), "gerard-araud");
        assert_eq!(slug("  "), "actor");
        assert_eq!(
            slug("Kiel Institute for the World Economy"),
            "kiel-institute-for-the-world-economy"
        );
    }

    #[test]
    fn mention_index_covers_tokens() {
        let text = "Mr Trump’s pivot towards Russia.";
        let doc = Doc::new(text);
        let cast = find_builtin(&doc, &ActorEdits::default(), &[]);
        assert_eq!(cast.mentions.len(), 2);
        let trump = doc.tokens.iter().position(|t| t.span.of(text) == "Trump").unwrap();
        assert_eq!(cast.mention_at(trump).map(|m| m.span.of(text)), Some("Mr Trump"));
        assert!(cast.mentions[0].possessive);
    }
}
