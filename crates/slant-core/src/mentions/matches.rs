//! Matching known names: the user's actors and the gazetteer's forms
//! (countries, demonyms, capitals and seats as metonyms, leaders,
//! organisations), with role references such as "the Ukrainian leader".
//! It proposes candidates; it must not decide between overlapping ones.

use super::*;

/// Whole-word matches of the user's actors' names and aliases.
pub(super) fn user_matches(doc: &Doc, added: &[ActorSpec], cands: &mut Vec<Candidate<'_>>) {
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

pub(super) fn gazetteer_matches(doc: &Doc, gaz: &Gazetteer, cands: &mut Vec<Candidate<'_>>) {
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
pub(super) fn is_place_or_part_of_name(doc: &Doc, tokens: Range<usize>) -> bool {
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
pub(super) fn role_after(doc: &Doc, tokens: Range<usize>) -> Option<(String, usize)> {
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
pub(super) fn role_candidate<'t>(
    doc: &Doc,
    country: usize,
    tokens: Range<usize>,
    role: (String, usize),
) -> Candidate<'t> {
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
