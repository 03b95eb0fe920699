//! Discovery: names the gazetteer does not know, found as runs of
//! capitalised words with titles and honorifics split off ("UK Education
//! Secretary Bridget Phillipson", "Ms Phillipson"), names without a title,
//! organisations ("the Kiel Institute for the World Economy", "BBC"). It
//! proposes candidates and the titles it saw; it must not resolve them.

use super::*;

/// What discovery checks a name against: the gazetteer, the lexicon (with
/// the user's word values) and the user's actors' names.
#[derive(Clone, Copy)]
pub(super) struct Known<'a> {
    pub(super) gaz: &'a Gazetteer,
    pub(super) is_lexicon_word: &'a dyn Fn(&str) -> bool,
    pub(super) added: &'a FxHashMap<&'a str, usize>,
}

/// One run of capitalised words in a sentence, with title words split off.
pub(super) fn discover<'t>(
    doc: &Doc<'t>,
    known: &Known,
    sentence: usize,
    cands: &mut Vec<Candidate<'t>>,
    titles: &mut Vec<SeenTitle<'t>>,
) {
    let range = doc.sentences[sentence].tokens.clone();
    let mut i = range.start;
    while i < range.end {
        if !starts_name(doc, i) {
            // A surname with its particles, referring back: "von der Leyen said".
            if may_be_particle(doc.token_text(i))
                && let Some(head) = particle_chain(doc, i, range.end)
            {
                let run_end = extend_run(doc, head, range.end);
                classify_particle_surname(doc, i..run_end, cands);
                i = run_end;
                continue;
            }
            i += 1;
            continue;
        }
        let run_end = extend_run(doc, i, range.end);
        classify_run(doc, known, i..run_end, range.start, cands, titles);
        i = run_end.max(i + 1);
    }
}

pub(super) fn is_word(doc: &Doc, i: usize) -> bool {
    doc.is_word(i)
}

pub(super) fn starts_name(doc: &Doc, i: usize) -> bool {
    // Most words are lowercase ASCII: one byte per token tells, read first.
    doc.may_be_capitalised(i) && is_word(doc, i) && is_capitalised(doc.token_text(i))
}

/// The end (exclusive) of the capitalised run starting at `start`.
pub(super) fn extend_run(doc: &Doc, start: usize, limit: usize) -> usize {
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
            // The hyphen and the word after it: that word has no space before it.
            end += 2;
            continue;
        }
        // Particles inside a person's name: "Lula da Silva", "Ursula von der
        // Leyen", "Abu Bakr al-Baghdadi", "José Ángel de la Peña".
        if tok.kind == TokenKind::Word
            && tok.space_before
            && let Some(next) = particle_chain(doc, end, limit)
        {
            end = next + 1;
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

/// A lowercase particle and the capitalised words after it ("von der Leyen",
/// "de Gaulle"): a surname that refers back to a person of the article.
pub(super) fn classify_particle_surname<'t>(doc: &Doc<'t>, run: Range<usize>, cands: &mut Vec<Candidate<'t>>) {
    // Only a short surname: "de Gaulle", "van den Berg", not "de Gaulle Airport Authority".
    let capitalised = run.clone().filter(|&i| starts_name(doc, i)).count();
    if capitalised != 1 || run.clone().any(|i| has(ORG_WORD, doc.token_text(i))) {
        return;
    }
    let text = Span::new(doc.tokens[run.start].span.start, doc.tokens[run.end - 1].span.end).of(doc.text);
    cands.push(Candidate {
        tokens: run,
        key: Key::Surname(text, false),
        kind: MentionKind::Name,
        priority: 1,
    });
}

/// Whether token `i`, lowercased, is a name particle: "Von" is "von".
fn lower_is_particle(doc: &Doc, i: usize) -> bool {
    if doc.is_ascii(i) {
        has(PARTICLE, doc.lower(i))
    } else {
        has(PARTICLE, &crate::lower(doc.token_text(i)))
    }
}

/// Whether the name part is one surname, perhaps with particles before it:
/// "Leyen", "von der Leyen", "al-Baghdadi".
pub(super) fn is_one_surname(doc: &Doc, name: Range<usize>) -> bool {
    let Some(last) = name.end.checked_sub(1) else {
        return false;
    };
    (name.start..last).all(|i| {
        let w = doc.token_text(i);
        has(PARTICLE, w) || lower_is_particle(doc, i) || w == "-"
    })
}

/// Splits a run into its title part and its name part and records candidates.
pub(super) fn classify_run<'t>(
    doc: &Doc<'t>,
    known: &Known,
    run: Range<usize>,
    sentence_start: usize,
    cands: &mut Vec<Candidate<'t>>,
    titles: &mut Vec<SeenTitle<'t>>,
) {
    let Known {
        gaz,
        is_lexicon_word,
        added,
    } = *known;
    let mut start = run.start;
    // Leading function words: "The Prime Minister", "In Paris", and a joiner
    // left after them: "Meanwhile the Congressional Budget Office".
    while start < run.end && has(NOT_NAME, doc.token_text(start)) {
        start += 1;
    }
    while start > run.start && start < run.end && has(ORG_JOINER, doc.token_text(start)) {
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
        if is_word(doc, before) && has(ROLE_NOUN, word) && !has(GENERIC_ROLE, word) {
            let (noun, noun_start) = if word == "minister" && before >= 1 && doc.token_text(before - 1) == "prime" {
                ("prime minister".to_string(), before - 1)
            } else {
                (word.to_string(), before)
            };
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
    let mut org_before: Option<(usize, usize)> = None;
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
        // A hyphenated title is one title word: "Secretary-General", "Vice-President".
        if let Some(end) = hyphenated_title(doc, name_start, run.end) {
            has_head = true;
            let text = Span::new(doc.tokens[name_start].span.start, doc.tokens[end - 1].span.end).of(doc.text);
            title_words.push(text);
            name_start = end;
            continue;
        }
        if has(TITLE_HEAD, w) || has(OFFICE_WORD, w) {
            has_head |= has(TITLE_HEAD, w);
            title_words.push(w);
            name_start += 1;
            continue;
        }
        // The gazetteer is asked last: most runs are one word, with no title after it.
        if title_words.is_empty()
            && !has_honorific
            && name_start + 1 < run.end
            && let Some(c) = country_form(doc, gaz, name_start..name_start + 1)
            && (has(TITLE_HEAD, doc.token_text(name_start + 1))
                || has(OFFICE_WORD, doc.token_text(name_start + 1))
                || hyphenated_title(doc, name_start + 1, run.end).is_some())
        {
            // An organisation before a title is an actor of its own: "NATO
            // Secretary-General Mark Rutte" names NATO and Mark Rutte.
            if gaz.actors[c].kind == ActorKind::Organisation {
                org_before = Some((name_start, c));
            }
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
        org_before = None;
    }
    if let Some((at, org)) = org_before {
        cands.push(Candidate {
            tokens: at..at + 1,
            key: Key::Gazetteer(org),
            kind: MentionKind::Name,
            priority: 3,
        });
        start = at + 1;
    }
    let name = name_start..run.end;
    // Most runs have no title words: no string is built for them.
    let title_text = if title_words.is_empty() {
        String::new()
    } else {
        crate::lower(&title_words.join(" "))
    };

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
        _ if has_head => (start, Some((country, title_text))),
        _ => (start, None),
    };
    let titled = title.is_some() || has_honorific;

    // What the name part refers to: a user's actor, a gazetteer form, or a new name.
    let key = if let Some(&u) = added.get(name_text) {
        Key::User(u)
    } else if let Some(form) = gaz.form(name_text) {
        if !titled {
            return; // The gazetteer pass already has it.
        }
        Key::Gazetteer(form.actor)
    } else if titled && is_one_surname(doc, name.clone()) {
        Key::Surname(name_text, true)
    } else if titled {
        Key::Discovered(name_text, ActorKind::Person)
    } else if name.len() > 1 && name.clone().all(|i| gaz.form(doc.token_text(i)).is_some()) {
        // "House Democrats", "Senate Republicans": known words, each its own actor.
        return;
    } else {
        match untitled_kind(doc, is_lexicon_word, name.clone(), sentence_start) {
            Some(ActorKind::Other) => Key::Surname(name_text, false),
            Some(kind) => Key::Discovered(name_text, kind),
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

/// The end (exclusive) of a hyphenated title at `i`, or `None`:
/// "Secretary-General", "Vice-President", "Lieutenant-General", "President-Elect".
pub(super) fn hyphenated_title(doc: &Doc, i: usize, limit: usize) -> Option<usize> {
    if i + 2 >= limit {
        return None;
    }
    let joined = doc.token_text(i + 1) == "-"
        && !doc.tokens.get(i + 1)?.space_before
        && !doc.tokens.get(i + 2)?.space_before
        && is_word(doc, i)
        && is_word(doc, i + 2);
    if !joined {
        return None;
    }
    let (first, second) = (doc.token_text(i), doc.token_text(i + 2));
    let first_fits = has(TITLE_HEAD, first) || has(OFFICE_WORD, first) || has(TITLE_PREFIX, first);
    let second_fits = has(TITLE_HEAD, second) || second == "Elect";
    (first_fits && second_fits).then_some(i + 3)
}

/// The country a single-token gazetteer form names, if it is a country form.
pub(super) fn country_form(doc: &Doc, gaz: &Gazetteer, tokens: Range<usize>) -> Option<usize> {
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
pub(super) fn untitled_kind(
    doc: &Doc,
    is_lexicon_word: &dyn Fn(&str) -> bool,
    name: Range<usize>,
    sentence_start: usize,
) -> Option<ActorKind> {
    // The name's words, read in place: this runs for every capitalised run.
    let mut words = name.clone().map(|i| doc.token_text(i));
    let n = name.len();
    let first = doc.token_text(name.start);
    // "Tory MPs", "Labour MEPs": members of a party, which the gazetteer names.
    if words
        .clone()
        .any(|w| matches!(w, "MPs" | "MEPs" | "MSPs" | "MPP" | "MPs'"))
    {
        return None;
    }
    if n == 1 && has(NOT_NAME, first) {
        return None;
    }
    // "Von der Leyen said" at a sentence's start: a surname with particles.
    if (name.start == sentence_start || !is_capitalised(first))
        && n > 1
        && lower_is_particle(doc, name.start)
        && is_one_surname(doc, name.clone())
    {
        return Some(ActorKind::Other);
    }
    if n > 1 && words.clone().any(|w| has(ORG_WORD, w)) {
        return Some(ActorKind::Organisation);
    }
    let cue = name.start > sentence_start && has(ORG_CUE, doc.lower(name.start - 1));
    if cue {
        return Some(ActorKind::Organisation);
    }
    if n == 1 {
        let w = first;
        // An all-capitals lexicon word is emphasis ("GOOD"), not an organisation;
        // the user's word values count.
        // The lexicon is asked last: most single names are no acronym.
        let is_word = || {
            if doc.is_ascii(name.start) {
                is_lexicon_word(doc.lower(name.start))
            } else {
                is_lexicon_word(&crate::lower(w))
            }
        };
        if is_acronym(w) && !has(NOT_ACRONYM, w) && !is_word() {
            return Some(ActorKind::Organisation);
        }
        return Some(ActorKind::Other);
    }
    let name_like = words.clone().all(|w| {
        (is_capitalised(w) && !has(NOT_NAME, w) && !is_acronym(w)) || has(PARTICLE, w) || w == "." || w == "-"
    });
    // Particles do not count towards a name's length: "José Ángel de la Peña".
    let parts = words.by_ref().filter(|w| !has(PARTICLE, w) && *w != "-").count();
    (name_like && parts <= 4).then_some(ActorKind::Person)
}
