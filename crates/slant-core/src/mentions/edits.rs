//! The user's edits of actors: merges, renames and removals, then the
//! index of mentions by token. It must not find or resolve mentions.

use super::*;

/// Applies merges, renames and removals, drops actors without mentions, and
/// indexes mentions by token.
pub(super) fn apply_edits(doc: &Doc, mut actors: Vec<Actor>, mut mentions: Vec<Mention>, edits: &ActorEdits) -> Cast {
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
    // Each kept actor is moved out once, not copied.
    let kept: Vec<Actor> = order
        .iter()
        .map(|&old| {
            let a = &mut actors[old];
            Actor {
                id: std::mem::take(&mut a.id),
                name: std::mem::take(&mut a.name),
                kind: a.kind,
                origin: a.origin,
            }
        })
        .collect();
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
