//! Resolution: the best of overlapping candidates, then actors for the
//! chosen ones, surnames joined to the people of the article, and role
//! references resolved to the one person holding the office. It must not
//! find candidates.

use super::*;

/// Keeps the best non-overlapping candidates: targets first, then longer
/// spans, then higher priority, then earlier ones. Candidates with priority
/// 0 are shapes that did not fit and never win.
pub(super) fn resolve_overlaps(cands: Vec<Candidate<'_>>) -> Vec<Candidate<'_>> {
    // Sort compact keys, not the candidates: one u64 says which wins.
    let key = |c: &Candidate| -> u64 {
        let not_target = u64::from(!matches!(c.key, Key::Target(_)));
        let shorter = u64::from(u16::MAX - c.tokens.len().min(usize::from(u16::MAX)) as u16);
        let lower = u64::from(u8::MAX - c.priority);
        (not_target << 63) | (shorter << 40) | (lower << 32) | (c.tokens.start as u64 & 0xFFFF_FFFF)
    };
    let valid = |c: &Candidate| c.priority > 0 && !c.tokens.is_empty();
    let end = cands
        .iter()
        .filter(|c| valid(c))
        .map(|c| c.tokens.end)
        .max()
        .unwrap_or(0);
    // The candidates by first token: overlapping ones then come in runs,
    // and only the candidates of one run compete. The candidates come in a
    // few sorted stretches (targets, the user's, the gazetteer's, discovery's),
    // which the stable sort merges.
    let mut by_start: Vec<(u64, u32)> = cands
        .iter()
        .enumerate()
        .filter(|(_, c)| valid(c))
        .map(|(i, c)| (c.tokens.start as u64, i as u32))
        .collect();
    // A stable sort, which merges sorted stretches (the wasm build sorts so anyway).
    crate::sort::sort_by(&mut by_start, <(u64, u32)>::cmp);
    let mut taken = vec![false; end];
    let mut kept: Vec<(usize, u32)> = Vec::new();
    let mut run: Vec<(u64, u32)> = Vec::new();
    let mut run_end = 0;
    // Within a run, the best first, as if all candidates were sorted at once.
    let mut settle = |run: &mut Vec<(u64, u32)>, kept: &mut Vec<(usize, u32)>| {
        crate::sort::sort(run);
        let from = kept.len();
        for &(_, i) in run.iter() {
            let tokens = cands[i as usize].tokens.clone();
            if taken[tokens.clone()].iter().any(|&t| t) {
                continue;
            }
            taken[tokens.clone()].fill(true);
            kept.push((tokens.start, i));
        }
        crate::sort::sort(&mut kept[from..]);
        run.clear();
    };
    for &(_, i) in &by_start {
        let c = &cands[i as usize];
        if !run.is_empty() && c.tokens.start >= run_end {
            // Most runs are one candidate, which nothing overlaps: it is kept as it is.
            if let [(_, one)] = run[..] {
                kept.push((cands[one as usize].tokens.start, one));
                run.clear();
            } else {
                settle(&mut run, &mut kept);
            }
        }
        run_end = if run.is_empty() {
            c.tokens.end
        } else {
            run_end.max(c.tokens.end)
        };
        run.push((key(c), i));
    }
    settle(&mut run, &mut kept);
    // The kept candidates are moved out one by one; a placeholder is left behind.
    let mut cands = cands;
    let placeholder = || Candidate {
        tokens: 0..0,
        key: Key::Target(0),
        kind: MentionKind::Given,
        priority: 0,
    };
    kept.into_iter()
        .map(|(_, i)| std::mem::replace(&mut cands[i as usize], placeholder()))
        .collect()
}

/// Turns keyed candidates into actors and mentions, resolving surnames and
/// roles, then applies the user's edits.
pub(super) fn assign(
    doc: &Doc,
    gaz: &Gazetteer,
    edits: &ActorEdits,
    targets: &[Target],
    chosen: Vec<Candidate<'_>>,
    titles: &[SeenTitle<'_>],
) -> Cast {
    let mut actors: Vec<Actor> = Vec::new();
    let mut index: FxHashMap<String, usize> = FxHashMap::default();
    // About one actor in five chosen candidates in news text: no rehash of the ids.
    index.reserve(chosen.len() / 5);
    // The actor of each gazetteer entry already seen (`usize::MAX`: none yet).
    let mut gaz_of: Vec<usize> = vec![usize::MAX; gaz.actors.len()];
    let intern = |actors: &mut Vec<Actor>, index: &mut FxHashMap<String, usize>, actor: Actor| -> usize {
        // One hash of the id: most ids are new.
        let i = *index.entry(actor.id.clone()).or_insert(actors.len());
        if i == actors.len() {
            actors.push(actor);
        }
        i
    };

    // Discovered names already interned (an id is a function of the name).
    let mut discovered_of: FxHashMap<&str, usize> = FxHashMap::default();

    // First pass: everything but surnames and roles.
    let mut people: Vec<(usize, &str)> = Vec::new();
    let mut resolved: Vec<Option<usize>> = vec![None; chosen.len()];
    for (n, c) in chosen.iter().enumerate() {
        // Most candidates name an actor already seen: skip building it again.
        let seen = match &c.key {
            Key::Gazetteer(g) => gaz_of.get(*g).filter(|&&i| i != usize::MAX),
            Key::Discovered(name, _) => discovered_of.get(name),
            _ => None,
        };
        if let Some(&i) = seen {
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
                name: name.to_string(),
                kind: *kind,
                origin: Origin::Discovered,
            }),
            Key::Surname(..) | Key::Role(..) => None,
        };
        if let Some(a) = actor {
            // A user actor with a gazetteer actor's id takes it over.
            let before = actors.len();
            let i = intern(&mut actors, &mut index, a);
            if actors.len() > before && actors[i].kind == ActorKind::Person {
                // The new actor's name, borrowed where it came from.
                let name = match &c.key {
                    Key::User(u) => edits.add[*u].name.trim(),
                    Key::Gazetteer(g) => gaz.actors[*g].name,
                    Key::Discovered(name, _) => name,
                    Key::Target(t) => targets[*t].name.as_str(),
                    Key::Surname(..) | Key::Role(..) => "",
                };
                people.push((i, name));
            }
            match &c.key {
                Key::Gazetteer(g) => {
                    if let Some(slot) = gaz_of.get_mut(*g) {
                        *slot = i;
                    }
                }
                Key::Discovered(name, _) => {
                    discovered_of.insert(name, i);
                }
                _ => {}
            }
            resolved[n] = Some(i);
        }
    }

    // Surnames: a person of this article whose name ends with it (or is it),
    // found through an index of people by last word, not a scan of actors.
    // Each key holds its one person, or `usize::MAX` once two people share it.
    let mut people_by_surname: FxHashMap<&str, usize> = FxHashMap::default();
    // Two keys at most per person, and a few surnames more: no rehashing on the way.
    people_by_surname.reserve(2 * people.len() + 16);
    for &(i, name) in &people {
        index_person(&mut people_by_surname, i, name);
    }
    for (n, c) in chosen.iter().enumerate() {
        let Key::Surname(surname, titled) = &c.key else {
            continue;
        };
        // A surname with particles ("von der Leyen") is found by its last word.
        resolved[n] = match people_by_surname
            .get(*surname)
            .or_else(|| people_by_surname.get(last_word(surname)))
        {
            Some(&one) => (one != usize::MAX).then_some(one),
            None if *titled => {
                let before = actors.len();
                let i = intern(
                    &mut actors,
                    &mut index,
                    Actor {
                        id: slug(surname),
                        name: surname.to_string(),
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
            Key::Gazetteer(g) => gaz_of.get(*g).copied().filter(|&i| i != usize::MAX),
            // An interned name's id is the slug of it: no slug needed again.
            Key::Discovered(name, _) => discovered_of.get(name).or_else(|| index.get(&slug(name))).copied(),
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
        for (g, &i) in gaz_of.iter().enumerate().filter(|&(_, &i)| i != usize::MAX) {
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
        crate::sort::sort(&mut fits);
        fits.dedup();
        resolved[n] = match fits[..] {
            [one] => Some(one),
            _ => None,
        };
        role_answers.insert((*country, title.as_str()), resolved[n]);
    }

    // Mentions, then the user's edits.
    let mut mentions: Vec<Mention> = Vec::with_capacity(chosen.len());
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
            antecedent: None,
        });
    }
    refer_back(doc, &actors, &mut mentions);
    apply_edits(doc, actors, mentions, edits)
}

/// Indexes person `i` by the last word of `name` and by the whole name.
fn index_person<'a>(by: &mut FxHashMap<&'a str, usize>, i: usize, name: &'a str) {
    let last = last_word(name);
    let mut add = |key| {
        let one = by.entry(key).or_insert(i);
        if *one != i {
            *one = usize::MAX;
        }
    };
    add(last);
    if last.len() != name.len() {
        add(name);
    }
}

/// The last word of a name: what follows its last space.
fn last_word(name: &str) -> &str {
    // Names are short: a byte loop, not a character search.
    match name.as_bytes().iter().rposition(|&b| b == b' ') {
        Some(at) => name.get(at + 1..).unwrap_or(name),
        None => name,
    }
}

pub(super) fn title_suffix(text_title: &str, office: &str) -> bool {
    text_title.ends_with(office) || office.ends_with(text_title)
}

/// Titles that make someone a country's leader.
pub(super) fn is_head_title(title: &str) -> bool {
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

pub(super) fn gaz_actor(gaz: &Gazetteer, g: usize) -> Actor {
    let a = &gaz.actors[g];
    Actor {
        id: a.id.to_string(),
        name: a.name.to_string(),
        kind: a.kind,
        origin: Origin::Gazetteer,
    }
}

pub(super) fn user_actor(spec: &ActorSpec) -> Actor {
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
