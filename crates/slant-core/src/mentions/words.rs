//! The word lists discovery and matching read: honorifics, titles, office
//! words, role nouns, organisation words and cues, words that are never
//! names, particles, joiners, locatives. It owns membership only, with one
//! hash lookup per word for every list.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

/// Honorifics: a following name is a person.
pub(super) const HONORIFICS: &[&str] = &[
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
pub(super) const TITLE_HEADS: &[&str] = &[
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
    "Marshal",
    "Mayor",
    "Minister",
    "Officer",
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
    "Whip",
];

/// Capitalised words that qualify a title: "Education Secretary", "Prime Minister".
pub(super) const OFFICE_WORDS: &[&str] = &[
    "Acting",
    "Assistant",
    "Associate",
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
    "Financial",
    "First",
    "Foreign",
    "Former",
    "General",
    "Grand",
    "Health",
    "High",
    "Home",
    "House",
    "Interim",
    "Interior",
    "Justice",
    "Labour",
    "Lieutenant",
    "Majority",
    "Managing",
    "Minority",
    "Operating",
    "Opposition",
    "Parliamentary",
    "Party",
    "Pensions",
    "Permanent",
    "Prime",
    "Republican",
    "Science",
    "Secretary-General",
    "Security",
    "Senate",
    "Senior",
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

/// Capitalised words that start a hyphenated title without being a title
/// alone: "Lieutenant-General", "Major-General", "Vice-President".
pub(super) const TITLE_PREFIXES: &[&str] = &[
    "Auditor",
    "Brigadier",
    "Comptroller",
    "Inspector",
    "Lieutenant",
    "Major",
    "Solicitor",
    "Surgeon",
    "Vice",
];

/// Lowercase role nouns that follow a country form: "the Ukrainian leader",
/// "his US counterpart", "Ukrainian president Volodymyr Zelenskyy".
pub(super) const ROLE_NOUNS: &[&str] = &[
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
pub(super) const GENERIC_ROLES: &[&str] = &["counterpart", "leader"];

/// Words that end an organisation's name: "Kiel Institute", "Bank of England".
pub(super) const ORG_WORDS: &[&str] = &[
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
pub(super) const ORG_CUES: &[&str] = &[
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
pub(super) const NOT_NAMES: &[&str] = &[
    "A",
    "AFP",
    "AP",
    "According",
    "After",
    "Against",
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
    "Despite",
    "During",
    "Each",
    "Earlier",
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
    "Instead",
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
    "Later",
    "Like",
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
    "Once",
    "Only",
    "Or",
    "Other",
    "Our",
    "Photo",
    "Read",
    "Reuters",
    "Saturday",
    "Sep",
    "Separately",
    "Sept",
    "September",
    "She",
    "Since",
    "So",
    "Some",
    "Speaking",
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
    "Under",
    "Unlike",
    "Until",
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
    "Yet",
    "You",
    "Your",
];

/// All-caps words that are not organisations.
pub(super) const NOT_ACRONYMS: &[&str] = &[
    "A", "AI", "AM", "BST", "CEO", "CET", "CFO", "COVID", "CT", "DC", "DIY", "EST", "ET", "EU", "EUR", "FAQ", "GBP",
    "GDP", "GMT", "I", "ID", "II", "III", "IV", "IX", "LOL", "MEP", "MEPS", "MP", "MPS", "NB", "OK", "OMG", "PM", "PR",
    "PS", "PST", "PT", "RIP", "TV", "UFO", "UK", "UN", "US", "USD", "UTC", "VI", "VII", "VIII", "VIP", "XI", "XX",
];

/// Name particles that may sit inside a person's name: "Lula da Silva".
pub(super) const PARTICLES: &[&str] = &[
    "al", "ben", "bin", "da", "das", "de", "del", "della", "den", "der", "di", "dos", "du", "el", "ibn", "la", "le",
    "ter", "van", "von",
];

/// The most particles one name holds in a row: "van der", "de la", "von und zu".
pub(super) const MAX_PARTICLES: usize = 3;

/// Words that may join parts of an organisation's name: "Bank of England".
pub(super) const ORG_JOINERS: &[&str] = &["&", "and", "for", "of", "on", "the"];

/// Locative words before a capital or seat that make it a place, not a government.
pub(super) const LOCATIVES: &[&str] = &[
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
pub(super) const ROLE_DETERMINERS: &[&str] = &["her", "his", "its", "my", "our", "the", "their", "your"];

/// Prepositions that open a sentence's opening phrase: "In his first meeting, ...".
pub(super) const OPENING_PREPOSITIONS: &[&str] = &[
    "After", "At", "Before", "Despite", "During", "For", "From", "In", "On", "Since", "Unlike", "Until", "With",
];

/// Membership bits of the word lists above, one per list.
pub(super) mod class {
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
    pub const TITLE_PREFIX: u16 = 1 << 13;
    pub const OPENING_PREPOSITION: u16 = 1 << 14;
}
pub(super) use class::*;

/// The word lists as one table: the lists each word is in, and a quick
/// test that turns most words away before any hashing.
struct Classes {
    map: FxHashMap<&'static str, u16>,
    /// The lists with a word of each [`sketch`] value: a word whose value
    /// has not the list's bit is not in the list.
    sketch: [u16; SKETCH],
}

/// Slots of [`Classes::sketch`]: a few times the number of listed words.
const SKETCH: usize = 2048;

/// A cheap hash of a word's first and last bytes and its length.
fn sketch(word: &[u8]) -> usize {
    let first = word.first().map_or(0, |&b| usize::from(b));
    let last = word.last().map_or(0, |&b| usize::from(b));
    (first.wrapping_mul(131) ^ last.wrapping_mul(17) ^ word.len().wrapping_mul(1031)) % SKETCH
}

/// Whether `word` is in the list `bit` stands for: a sketch of its first and
/// last bytes and length turns most words away, then one hash lookup finds
/// every list a word is in.
#[inline]
pub(super) fn has(bit: u16, word: &str) -> bool {
    let classes = classes();
    classes.sketch[sketch(word.as_bytes())] & bit != 0 && classes.lists(word) & bit != 0
}

impl Classes {
    /// The lists `word` is in, as bits.
    #[inline(never)]
    fn lists(&self, word: &str) -> u16 {
        self.map.get(word).copied().unwrap_or(0)
    }
}

/// The word lists' table, built on first use.
fn classes() -> &'static Classes {
    static CLASSES: OnceLock<Classes> = OnceLock::new();
    CLASSES.get_or_init(|| {
        let mut c = Classes {
            map: FxHashMap::default(),
            sketch: [0; SKETCH],
        };
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
            (TITLE_PREFIXES, TITLE_PREFIX),
            (OPENING_PREPOSITIONS, OPENING_PREPOSITION),
        ] {
            for &w in list {
                *c.map.entry(w).or_default() |= bit;
                c.sketch[sketch(w.as_bytes())] |= bit;
            }
        }
        c
    })
}

pub(super) fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// The end (exclusive) of a particle chain at `i` that leads into a
/// capitalised word, or `None`: "von der Leyen" (at "von" gives "Leyen"'s
/// index), "al-Baghdadi" (the hyphen after "al" belongs to the chain).
#[inline]
pub(super) fn particle_chain(doc: &crate::segment::Doc, i: usize, limit: usize) -> Option<usize> {
    // Most words stop here, before any other test.
    if !is_particle(doc.token_text(i)) {
        return None;
    }
    particle_chain_at(doc, i, limit)
}

/// A cheap test that `word` may be a particle: two, three or five bytes,
/// with a first and a last letter some particle has. Most words fail it.
#[inline(always)]
pub(super) fn may_be_particle(word: &str) -> bool {
    let b = word.as_bytes();
    matches!(b.len(), 2 | 3 | 5)
        && matches!(b[0], b'a' | b'b' | b'd' | b'e' | b'i' | b'l' | b't' | b'v')
        && matches!(b[b.len() - 1], b'a' | b'e' | b'i' | b'l' | b'n' | b'r' | b's' | b'u')
}

/// Whether `word` is in [`PARTICLES`], without hashing: this runs on most words.
#[inline]
pub(super) fn is_particle(word: &str) -> bool {
    // Byte arrays by length: compared as integers, not through `memcmp`.
    match *word.as_bytes() {
        [a, b] => matches!(&[a, b], b"al" | b"da" | b"de" | b"di" | b"du" | b"el" | b"la" | b"le"),
        [a, b, c] => matches!(
            &[a, b, c],
            b"ben" | b"bin" | b"das" | b"del" | b"den" | b"der" | b"dos" | b"ibn" | b"ter" | b"van" | b"von"
        ),
        [a, b, c, d, e] => &[a, b, c, d, e] == b"della",
        _ => false,
    }
}

/// [`particle_chain`] past its first test.
fn particle_chain_at(doc: &crate::segment::Doc, i: usize, limit: usize) -> Option<usize> {
    use crate::segment::TokenKind;
    let mut j = i;
    while j < limit && j - i < MAX_PARTICLES {
        let tok = doc.tokens.get(j)?;
        // Particles are short: a length test spares most words the lookup.
        if tok.kind != TokenKind::Word || !is_particle(doc.token_text(j)) {
            break;
        }
        j += 1;
        // "al-Baghdadi", "bin-Salman": a hyphen right after the particle, no spaces.
        if j + 1 < limit && doc.token_text(j) == "-" && !doc.tokens[j].space_before && !doc.tokens[j + 1].space_before {
            j += 1;
            break;
        }
    }
    let next = doc.tokens.get(j)?;
    (j > i && j < limit && next.kind == TokenKind::Word && is_capitalised(doc.token_text(j))).then_some(j)
}

pub(super) fn is_acronym(word: &str) -> bool {
    // Most names fail at their second letter, a lowercase one: that test comes first.
    word.chars().all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '.')
        && (2..=6).contains(&word.chars().filter(|c| c.is_alphabetic()).count())
}
