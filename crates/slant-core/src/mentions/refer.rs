//! References back: pronouns ("he", "her", "they") and definite
//! descriptions ("the Commission", "the bloc") resolved to an actor named
//! earlier. One pass over the tokens keeps a running state of the people,
//! groups and organisations seen in the paragraph window, so no reference
//! scans the text. It adds mentions; it must not change the named ones.
//!
//! Policy: a wrong actor is worse than a missing one. "He"/"she" resolve to
//! the most recent compatible person of this paragraph or the previous one
//! (gender from an honorific, a title or an earlier pronoun; the last person
//! named as a subject preferred); "him"/"her" as objects never to the subject
//! of their own sentence; "they"/"their" only when exactly one group or
//! organisation fits; a description only to the most recent actor whose
//! name ends with its head noun or whose kind it names.

use super::*;

/// The most people the running state remembers: older ones are out of reach.
const RECENT_PEOPLE: usize = 8;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Gender {
    Unknown,
    Male,
    Female,
}

/// A person seen in the window, most recent last.
#[derive(Clone, Copy, Debug)]
struct Seen {
    actor: usize,
    /// The span of the mention that last named them (for the explanation).
    span: Span,
    sentence: usize,
    paragraph: usize,
    subject: bool,
}

/// Heads of definite descriptions and the nouns an actor's name must end with.
const DESCRIPTIONS: &[(&str, &[&str])] = &[
    ("agency", &["agency", "office", "administration"]),
    ("alliance", &["alliance"]),
    ("bank", &["bank"]),
    ("bloc", &["union", "bloc"]),
    ("commission", &["commission"]),
    ("committee", &["committee"]),
    (
        "company",
        &["company", "co", "corp", "corporation", "inc", "ltd", "group"],
    ),
    ("council", &["council"]),
    ("court", &["court"]),
    ("department", &["department"]),
    ("ministry", &["ministry"]),
    (
        "parliament",
        &["parliament", "bundestag", "assembly", "sejm", "knesset", "duma"],
    ),
    ("party", &["party"]),
];

/// Gazetteer ids a description names by kind: "the bloc" is the EU, "the alliance" NATO.
const DESCRIBED_IDS: &[(&str, &[&str])] = &[
    ("alliance", &["nato"]),
    (
        "bloc",
        &["eu", "european-union", "asean", "mercosur", "brics", "african-union"],
    ),
    ("court", &["us-supreme-court"]),
    ("parliament", &["uk-parliament"]),
    (
        "party",
        &[
            "de-afd",
            "de-cdu",
            "de-csu",
            "de-fdp",
            "de-spd",
            "fr-lfi",
            "fr-rassemblement-national",
            "fr-renaissance",
            "greens",
            "hu-fidesz",
            "pl-pis",
            "uk-liberal-democrats",
            "uk-reform",
            "uk-snp",
        ],
    ),
];

/// A filter of words by first byte (ASCII case ignored) and length: bit
/// `len` (31 for longer words) of entry `first & 31` is set for each word.
type Filter = [u32; 32];

/// The bit a word sets in a [`Filter`], with its entry.
const fn filter_bit(w: &[u8]) -> (usize, u32) {
    filter_bit_of(if w.is_empty() { 0 } else { w[0] }, w.len())
}

/// [`filter_bit`] of a word with this first byte and length.
const fn filter_bit_of(first: u8, len: usize) -> (usize, u32) {
    let len = if len < 31 { len } else { 31 };
    ((first & 31) as usize, 1 << len)
}

/// Whether `w` may be one of the words a filter was built from.
#[inline]
fn may_be_in(filter: &Filter, w: impl AsRef<[u8]>) -> bool {
    let w = w.as_ref();
    let (at, bit) = filter_bit(w);
    !w.is_empty() && filter[at] & bit != 0
}

/// The words of a table ([`DESCRIPTIONS`]' ends, [`DESCRIBED_IDS`]' ids) as a [`Filter`].
const fn filter_of(table: &[(&str, &[&str])]) -> Filter {
    let mut f = [0; 32];
    let mut d = 0;
    while d < table.len() {
        let words = table[d].1;
        let mut e = 0;
        while e < words.len() {
            let (at, bit) = filter_bit(words[e].as_bytes());
            f[at] |= bit;
            e += 1;
        }
        d += 1;
    }
    f
}

const END_FILTER: Filter = filter_of(DESCRIPTIONS);
/// The words that matter after "the": description heads and role nouns.
const NOUN_FILTER: Filter = {
    let mut f = [0; 32];
    let mut d = 0;
    while d < DESCRIPTIONS.len() {
        let (at, bit) = filter_bit(DESCRIPTIONS[d].0.as_bytes());
        f[at] |= bit;
        d += 1;
    }
    let mut r = 0;
    while r < ROLE_NOUNS.len() {
        let (at, bit) = filter_bit(ROLE_NOUNS[r].as_bytes());
        f[at] |= bit;
        r += 1;
    }
    f
};
const ID_FILTER: Filter = filter_of(DESCRIBED_IDS);

/// The description heads an actor answers to.
fn heads_of(actor: &Actor) -> Vec<&'static str> {
    // An ASCII name is compared without a lowercase copy; the ends are
    // lowercase ASCII, so ignoring ASCII case gives the same answer.
    let lower;
    let name = if actor.name.is_ascii() {
        actor.name.as_str()
    } else {
        lower = crate::lower(&actor.name);
        lower.as_str()
    };
    // "Ministry of Defence": the head comes before "of"; else the last word.
    let (mut before_of, mut seen_of, mut last) = (None, false, None);
    let bytes = name.as_bytes();
    let separator = |b: u8| b == b' ' || b == b'-';
    let mut k = 0;
    while k < bytes.len() {
        if separator(bytes[k]) {
            k += 1;
            continue;
        }
        let from = k;
        while k < bytes.len() && !separator(bytes[k]) {
            k += 1;
        }
        let w = bytes.get(from..k).unwrap_or_default();
        if !seen_of && w.eq_ignore_ascii_case(b"of") {
            seen_of = true;
            before_of = last;
        }
        last = Some(w);
    }
    let head: &[u8] = before_of.or(last).unwrap_or_default();
    // Most actors answer to no description: two bit tests tell.
    if !may_be_in(&END_FILTER, head) && !may_be_in(&ID_FILTER, &actor.id) && !actor.id.ends_with("-party") {
        return Vec::new();
    }
    let mut out = Vec::new();
    for &(noun, ends) in DESCRIPTIONS {
        let by_name = ends.iter().any(|e| e.as_bytes().eq_ignore_ascii_case(head));
        let by_id = DESCRIBED_IDS
            .iter()
            .any(|&(n, ids)| n == noun && ids.contains(&actor.id.as_str()));
        let party = noun == "party" && actor.id.ends_with("-party");
        if by_name || by_id || party {
            out.push(noun);
        }
    }
    out
}

fn gender_of_words(doc: &Doc, tokens: Range<usize>) -> Gender {
    for i in tokens {
        match doc.token_text(i) {
            "Mr" | "Sir" | "Lord" | "King" | "Prince" | "Congressman" | "Chairman" | "Spokesman" | "Emir"
            | "Sultan" | "Sheikh" | "Pope" => return Gender::Male,
            "Mrs" | "Ms" | "Miss" | "Dame" | "Lady" | "Queen" | "Princess" | "Congresswoman" | "Chairwoman"
            | "Spokeswoman" => return Gender::Female,
            _ => {}
        }
    }
    Gender::Unknown
}

/// The pronoun at token `i`: (gender it needs, object form, plural, possessive).
fn pronoun(doc: &Doc, i: usize) -> Option<(Gender, bool, bool, bool)> {
    // Most words are not pronouns: a byte test before any other.
    if !matches!(
        doc.token_text(i).as_bytes().first(),
        Some(b'h' | b'H' | b's' | b'S' | b't' | b'T')
    ) {
        return None;
    }
    Some(match doc.lower(i) {
        "he" => (Gender::Male, false, false, false),
        "him" => (Gender::Male, true, false, false),
        "his" => (Gender::Male, false, false, true),
        "she" => (Gender::Female, false, false, false),
        "her" => {
            // Only "her" needs the next word: "her plan" owns, "with her and" is an object.
            let next_is_word = doc.is_word(i + 1)
                && !matches!(
                    doc.lower(i + 1),
                    "and" | "or" | "but" | "to" | "in" | "on" | "at" | "as" | "that" | "with" | "for" | "by" | "of"
                );
            (Gender::Female, !next_is_word, false, next_is_word)
        }
        "hers" => (Gender::Female, false, false, false),
        "they" => (Gender::Unknown, false, true, false),
        "their" => (Gender::Unknown, false, true, true),
        _ => return None,
    })
}

/// The first token from `i` (before `stop`) that may change something in
/// [`refer_back`]: a quote, a word after "the", or a word that may be a
/// pronoun. Every other token is passed over reading its kind and bytes only.
#[inline(never)]
fn next_to_read(doc: &Doc, i: usize, stop: usize) -> usize {
    let text = doc.text.as_bytes();
    let mut after_the = i > 0 && doc.token_text(i - 1).eq_ignore_ascii_case("the");
    for (j, t) in (i..).zip(doc.tokens.get(i..stop).unwrap_or_default()) {
        match t.kind {
            TokenKind::Word => {
                // The first byte and the length tell most words apart before their text is read.
                let first = text.get(t.span.start).copied().unwrap_or(0);
                let (at, bit) = filter_bit_of(first, t.span.end.wrapping_sub(t.span.start));
                if after_the && NOUN_FILTER[at] & bit != 0 {
                    return j;
                }
                after_the = false;
                if matches!(first | 0x20, b'h' | b's' | b't') {
                    let w = text.get(t.span.start..t.span.end).unwrap_or_default();
                    if may_be_pronoun(w) {
                        return j;
                    }
                    after_the = w.eq_ignore_ascii_case(b"the");
                }
            }
            TokenKind::OpenQuote | TokenKind::CloseQuote => return j,
            _ => after_the = false,
        }
    }
    stop
}

/// Whether `w` may be a pronoun [`pronoun`] knows: its first bytes with
/// ASCII letters lowercased (other bytes may pass too) are one of theirs.
#[inline]
fn may_be_pronoun(w: &[u8]) -> bool {
    let at = |k: usize| w.get(k).map_or(0, |&b| b | 0x20);
    match at(0) {
        b'h' => matches!(w.len(), 2..=4) && matches!(at(1), b'e' | b'i'),
        b's' => w.len() == 3 && at(1) == b'h' && at(2) == b'e',
        b't' => matches!(w.len(), 4 | 5) && at(1) == b'h' && at(2) == b'e' && matches!(at(3), b'y' | b'i'),
        _ => false,
    }
}

/// Whether the mention at `tokens` is its sentence's subject: the first
/// mention of the sentence, not after a preposition.
fn is_subject(doc: &Doc, tokens: &Range<usize>, first_in_sentence: bool) -> bool {
    first_in_sentence
        && !(tokens.start > 0
            && doc.sentence_of(tokens.start - 1) == doc.sentence_of(tokens.start)
            && matches!(
                doc.lower(tokens.start - 1),
                "of" | "with" | "by" | "to" | "from" | "for" | "against" | "about" | "on" | "at" | "in"
            ))
}

/// Adds pronoun and description mentions to `mentions` (which stay in text order).
pub(super) fn refer_back(doc: &Doc, actors: &[Actor], mentions: &mut Vec<Mention>) {
    let mut gender = vec![Gender::Unknown; actors.len()];
    let heads: Vec<Vec<&'static str>> = actors.iter().map(heads_of).collect();
    let mut recent: Vec<Seen> = Vec::new();
    // Groups and organisations seen, most recent last: (actor, span, paragraph, sentence).
    let mut groups: Vec<(usize, Span, usize, usize)> = Vec::new();
    // The last actor each description head names, with its mention's span.
    let mut described: Vec<(&'static str, usize, Span)> = Vec::new();
    let mut added: Vec<Mention> = Vec::new();
    // Per actor, the lowercase title words of their titled mentions (a few at most).
    let mut titles: Vec<Vec<String>> = vec![Vec::new(); actors.len()];
    let mut m = 0;
    let mut last_sentence = usize::MAX;
    let mut in_quote = false;
    let mut quote_paragraph = 0;
    let (mut sentence, mut paragraph, mut current) = (0, 0, 0..0);
    let mut i = 0;
    while i < doc.tokens.len() {
        // Most tokens change nothing: they are passed over before the state
        // is brought up to date (a new paragraph is seen at the next token read).
        let next_mention = mentions.get(m).map_or(usize::MAX, |x| x.tokens.start);
        if i < next_mention {
            i = next_to_read(doc, i, next_mention.min(doc.tokens.len()));
            if i >= doc.tokens.len() {
                break;
            }
        }
        // The sentence and paragraph, looked up once per sentence.
        if !current.contains(&i) {
            sentence = doc.sentence_of(i);
            let s = doc.sentences.get(sentence);
            paragraph = s.map_or(0, |s| s.paragraph);
            current = s.map_or(0..0, |s| s.tokens.clone());
        }
        if paragraph != quote_paragraph {
            // A quotation left open does not run past its paragraph.
            in_quote = false;
            quote_paragraph = paragraph;
            // People and groups out of the window are forgotten.
            recent.retain(|s| s.paragraph + 1 >= paragraph);
            groups.retain(|g| g.2 + 1 >= paragraph);
        }
        if let Some(mention) = mentions.get(m).filter(|x| x.tokens.start == i) {
            let a = mention.actor;
            let first = sentence != last_sentence;
            last_sentence = sentence;
            match actors[a].kind {
                ActorKind::Person => {
                    if gender[a] == Gender::Unknown {
                        gender[a] = gender_of_words(doc, mention.tokens.clone());
                    }
                    // The title words the article gave them: "the minister" refers back.
                    // Only a mention longer than a two-word name can hold a title.
                    if mention.kind == MentionKind::Name && mention.tokens.len() > 2 {
                        for t in mention.tokens.clone() {
                            if has(TITLE_HEAD, doc.token_text(t)) || has(ROLE_NOUN, doc.lower(t)) {
                                let w = doc.lower(t).to_string();
                                if !titles[a].contains(&w) {
                                    titles[a].push(w);
                                }
                            }
                        }
                    }
                    recent.retain(|s| s.actor != a);
                    recent.push(Seen {
                        actor: a,
                        span: mention.span,
                        sentence,
                        paragraph,
                        subject: is_subject(doc, &mention.tokens, first),
                    });
                    if recent.len() > RECENT_PEOPLE {
                        recent.remove(0);
                    }
                }
                // A group "they" may stand for: an organisation, or a people named
                // as such ("Europeans"), never a caller's target of unknown kind.
                // A group named inside a quotation is the speaker's, not the narrator's.
                kind if !in_quote && (kind == ActorKind::Organisation || mention.kind == MentionKind::People) => {
                    groups.retain(|g| g.0 != a);
                    groups.push((a, mention.span, paragraph, sentence));
                    if groups.len() > RECENT_PEOPLE {
                        groups.remove(0);
                    }
                }
                _ => {}
            }
            for &h in &heads[a] {
                described.retain(|d| d.0 != h);
                described.push((h, a, mention.span));
            }
            i = mention.tokens.end.max(i + 1);
            m += 1;
            continue;
        }
        let kind = doc.kind(i);
        match kind {
            TokenKind::OpenQuote => in_quote = true,
            TokenKind::CloseQuote => in_quote = false,
            _ => {}
        }
        if kind != TokenKind::Word {
            i += 1;
            continue;
        }
        let after_the = i > 0 && doc.lower(i - 1) == "the";
        // A definite description: "the Commission", "the bloc".
        if after_the
            && let Some(&(_, a, antecedent)) = described.iter().rev().find(|d| d.0 == doc.lower(i))
            && !(doc.lower(i + 1) == "of"
                && doc
                    .tokens
                    .get(i + 2)
                    .is_some_and(|t| is_capitalised(t.span.of(doc.text))))
        {
            added.push(reference(
                doc,
                i,
                a,
                MentionKind::Role,
                (antecedent, false),
                sentence,
                paragraph,
            ));
            i += 1;
            continue;
        }
        // "the minister", "the leader": the last person of the window with that title.
        if after_the
            && !is_capitalised(doc.token_text(i))
            && has(ROLE_NOUN, doc.token_text(i))
            && !doc
                .tokens
                .get(i + 1)
                .is_some_and(|t| is_capitalised(t.span.of(doc.text)))
            && let Some(&seen) = recent
                .iter()
                .rev()
                .find(|s| titles[s.actor].iter().any(|w| w == doc.token_text(i)))
        {
            added.push(reference(
                doc,
                i,
                seen.actor,
                MentionKind::Role,
                (seen.span, false),
                sentence,
                paragraph,
            ));
            i += 1;
            continue;
        }
        let Some((need, object, plural, possessive)) = pronoun(doc, i) else {
            i += 1;
            continue;
        };
        let first = sentence != last_sentence;
        if plural {
            // Two people of this sentence or the last are a plural of their own.
            let people_here = recent.iter().filter(|s| s.sentence + 1 >= sentence).count();
            let mut fits = groups.iter().filter(|g| g.3 + 1 >= sentence || g.2 == paragraph);
            if let (Some(&(a, span, ..)), None) = (fits.next(), fits.next())
                && people_here < 2
            {
                let mut r = reference(doc, i, a, MentionKind::Pronoun, (span, false), sentence, paragraph);
                r.possessive = possessive;
                added.push(r);
            }
            i += 1;
            continue;
        }
        // "In his first meeting with Mr Trump, Mr Starmer ...": a pronoun in a
        // sentence's opening phrase may point forward; it stays unresolved.
        let sentence_start = doc.sentences.get(sentence).map_or(0, |s| s.tokens.start);
        if first
            && i > sentence_start
            && has(OPENING_PREPOSITION, doc.token_text(sentence_start))
            && !(sentence_start..i).any(|t| doc.token_text(t) == ",")
        {
            i += 1;
            continue;
        }
        // "his US counterpart": the possessor is not the one the next mention names.
        let owned = mentions
            .get(m)
            .filter(|x| possessive && x.tokens.start == i + 1)
            .map(|x| x.actor);
        let compatible =
            |s: &&Seen| (gender[s.actor] == Gender::Unknown || gender[s.actor] == need) && Some(s.actor) != owned;
        // An object pronoun is never the subject of its own sentence.
        let allowed = |s: &&Seen| !(object && s.sentence == sentence && s.subject);
        // Only a subject pronoun prefers the last subject: "who worked with Mr
        // Trump under his previous mandate" is Trump's mandate.
        let chosen = if object || possessive {
            recent.iter().rev().filter(compatible).find(allowed)
        } else {
            recent
                .iter()
                .rev()
                .filter(compatible)
                .find(|s| s.subject && s.sentence + 1 >= sentence)
                .or_else(|| recent.iter().rev().find(compatible))
        };
        if let Some(&seen) = chosen {
            let a = seen.actor;
            if gender[a] == Gender::Unknown {
                gender[a] = need;
            }
            let mut r = reference(
                doc,
                i,
                a,
                MentionKind::Pronoun,
                (seen.span, seen.subject),
                sentence,
                paragraph,
            );
            r.possessive = possessive;
            added.push(r);
            // The pronoun is now the last mention of that person.
            recent.retain(|s| s.actor != a);
            recent.push(Seen {
                actor: a,
                span: seen.span,
                sentence,
                paragraph,
                subject: first && !object && !possessive,
            });
            last_sentence = sentence;
        }
        i += 1;
    }
    if added.is_empty() {
        return;
    }
    merge(mentions, added);
}

/// Merges `added` (in text order) into `mentions` (in text order); a named
/// mention comes before a reference that starts with it.
fn merge(mentions: &mut Vec<Mention>, added: Vec<Mention>) {
    let named = std::mem::take(mentions);
    mentions.reserve_exact(named.len() + added.len());
    let mut a = named.into_iter().peekable();
    let mut b = added.into_iter().peekable();
    loop {
        let take_a = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) => x.tokens.start <= y.tokens.start,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => break,
        };
        let next = if take_a { a.next() } else { b.next() };
        mentions.extend(next);
    }
}

fn reference(
    doc: &Doc,
    i: usize,
    actor: usize,
    kind: MentionKind,
    antecedent: (Span, bool),
    sentence: usize,
    paragraph: usize,
) -> Mention {
    Mention {
        actor,
        span: doc.tokens[i].span,
        tokens: i..i + 1,
        kind,
        possessive: doc.tokens.get(i + 1).is_some_and(|t| t.kind == TokenKind::Possessive),
        sentence,
        paragraph,
        antecedent: Some(antecedent),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::Rule;

    /// (mention text, actor id, kind) for every pronoun and description.
    fn refs(text: &str) -> Vec<(String, String)> {
        let doc = Doc::new(text);
        let cast = find_builtin(&doc, &ActorEdits::default(), &[]);
        cast.mentions
            .iter()
            .filter(|m| m.antecedent.is_some())
            .map(|m| (m.span.of(text).to_string(), cast.actors[m.actor].id.clone()))
            .collect()
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
    }

    #[test]
    fn he_is_the_last_person_named() {
        assert_eq!(refs("John Smith spoke. He said more."), pairs(&[("He", "john-smith")]));
        assert_eq!(refs("Zoë Ångström spoke. She left."), pairs(&[("She", "zoe-angstrom")]));
    }

    #[test]
    fn honorifics_give_gender() {
        assert_eq!(
            refs("Mr Smith met Ms Jones. She thanked him."),
            pairs(&[("She", "jones"), ("him", "smith")])
        );
        assert_eq!(
            refs("Ms Jones met Mr Smith. He thanked her."),
            pairs(&[("He", "smith"), ("her", "jones")])
        );
    }

    #[test]
    fn an_earlier_pronoun_fixes_gender() {
        let got = refs("John Smith met Mary Jones. He left early. Later she spoke and he listened.");
        assert_eq!(
            got,
            pairs(&[("He", "john-smith"), ("she", "mary-jones"), ("he", "john-smith")])
        );
    }

    #[test]
    fn the_subject_is_preferred_for_a_subject_pronoun() {
        assert_eq!(
            refs("John Smith met Peter Brown on Monday. He said the talks went well."),
            pairs(&[("He", "john-smith")])
        );
    }

    #[test]
    fn an_object_pronoun_is_not_its_own_subject() {
        assert_eq!(
            refs("John Smith met Peter Brown and praised him."),
            pairs(&[("him", "peter-brown")])
        );
    }

    #[test]
    fn possessives_are_marked() {
        let text = "Mr Smith spoke. His spokesman said he would resign.";
        let doc = Doc::new(text);
        let cast = find_builtin(&doc, &ActorEdits::default(), &[]);
        let his = cast.mentions.iter().find(|m| m.span.of(text) == "His").unwrap();
        assert!(his.possessive && his.kind == MentionKind::Pronoun);
        assert_eq!(refs(text), pairs(&[("His", "smith"), ("he", "smith")]));
    }

    #[test]
    fn a_possessor_is_not_the_mention_it_owns() {
        let got = refs(
            "Volodymyr Zelenskyy criticised Donald Trump. After the Ukrainian leader spoke, his US counterpart answered.",
        );
        assert_eq!(got, pairs(&[("his", "volodymyr-zelenskyy")]));
    }

    #[test]
    fn pronouns_reach_back_one_paragraph_only() {
        assert_eq!(refs("John Smith spoke.\n\nHe left."), pairs(&[("He", "john-smith")]));
        assert!(refs("John Smith spoke.\n\nRain fell.\n\nHe left.").is_empty());
    }

    #[test]
    fn a_pronoun_in_an_opening_phrase_stays_unresolved() {
        assert_eq!(
            refs("Mr Putin waited. In his first meeting with Mr Trump, Mr Starmer spoke."),
            pairs(&[])
        );
    }

    #[test]
    fn nobody_named_means_nothing_resolved() {
        assert!(refs("He said she would go. They agreed.").is_empty());
        assert!(refs("").is_empty());
    }

    #[test]
    fn they_needs_exactly_one_group() {
        assert_eq!(
            refs("The Labour Party met. They voted against it."),
            pairs(&[("They", "uk-labour-party")])
        );
        // Two organisations: unresolved.
        assert!(refs("The BBC and the Kiel Institute for the World Economy met. They agreed.").is_empty());
        // Two people: a plural of their own, not the organisation.
        assert!(refs("The BBC filmed Keir Starmer and Emmanuel Macron. They agreed.").is_empty());
    }

    #[test]
    fn they_is_never_a_country_or_a_target() {
        assert!(refs("Russia attacked. They said nothing.").is_empty());
        assert_eq!(
            refs("Russians voted. They chose the Kremlin."),
            pairs(&[("They", "russia")])
        );
        let text = "The plan failed. They said so.";
        let doc = Doc::new(text);
        let targets = [Target {
            name: "plan".into(),
            span: Span::new(4, 8),
        }];
        let cast = find_builtin(&doc, &ActorEdits::default(), &targets);
        assert!(cast.mentions.iter().all(|m| m.kind != MentionKind::Pronoun));
    }

    #[test]
    fn a_group_inside_a_quotation_is_not_an_antecedent() {
        assert!(refs("His adviser said “we move forward as Europeans”. They added more.").is_empty());
        assert_eq!(
            refs("Europeans worried. “It is hard,” they said."),
            pairs(&[("they", "europe")])
        );
    }

    #[test]
    fn a_title_refers_back_to_its_holder() {
        assert_eq!(
            refs("Foreign Minister Zoë Ångström arrived. “Russia is a terrible partner,” the minister said."),
            pairs(&[("minister", "zoe-angstrom")])
        );
        assert_eq!(
            refs("Senate Majority Leader John Thune won. Later the leader spoke."),
            pairs(&[("leader", "john-thune")])
        );
        // Nobody with that title: unresolved.
        assert!(refs("John Smith arrived. The minister spoke.").is_empty());
    }

    #[test]
    fn descriptions_refer_back_by_head_noun() {
        assert_eq!(
            refs("The European Commission warned Hungary. The Commission said so."),
            pairs(&[("Commission", "european-commission")])
        );
        assert_eq!(
            refs("The Ministry of Defence spoke. Later the ministry denied it."),
            pairs(&[("ministry", "ministry-of-defence")])
        );
        assert_eq!(
            refs("The Labour Party met. The party lost."),
            pairs(&[("party", "uk-labour-party")])
        );
    }

    #[test]
    fn descriptions_refer_back_by_kind() {
        assert_eq!(
            refs("The European Union met. The bloc agreed."),
            pairs(&[("bloc", "eu")])
        );
        assert_eq!(refs("NATO met. The alliance agreed."), pairs(&[("alliance", "nato")]));
    }

    #[test]
    fn descriptions_need_an_antecedent() {
        assert!(refs("The company said the court would rule.").is_empty());
        // The most recent of two fitting actors wins.
        assert_eq!(
            refs("The Labour Party met the Conservative Party. The party said no."),
            pairs(&[("party", "uk-conservative-party")])
        );
        // "the Council of Europe" is a name of its own, not "the council".
        let got = refs("The European Council met. The Council of Europe did not.");
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn coreference_rules_explain_contributions() {
        let r = crate::analyze(
            "John Smith spoke. He praised the plan warmly.",
            &crate::Config::default(),
        );
        let rules: Vec<&Rule> = r
            .cells
            .iter()
            .flat_map(|c| &c.evidence)
            .flat_map(|e| e.rules.iter())
            .collect();
        assert!(
            rules
                .iter()
                .any(|r| matches!(r, Rule::Coreference { subject: true, .. })),
            "{rules:?}"
        );
    }
}
