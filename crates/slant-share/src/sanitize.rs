//! Cleaning up a shared state that came from outside: a link, a saved file
//! or a draft. Every one is hostile input until cleaned: [`sanitize`] clamps
//! valences to VADER's -4..4, normalises lexicon terms, names added actors
//! and gives them unique ids, drops empty entries and caps every list, so
//! that whatever a caller of [`crate::decode`] or [`crate::read_state_file`]
//! gets is safe to load. This module must not parse or encode anything.

use slant_core::{ActorEdits, ActorSpec, LexiconOverride};

use crate::{SharedArticle, SharedState};

/// At most this many entries are kept of each list of edits (actors added,
/// renamed, merged, removed, switched off; lexicon overrides), so that a
/// hostile link cannot make the panels list tens of thousands of items.
pub const MAX_EDITS: usize = 500;

/// Article labels ("Outlet, date") are cut to this many characters.
pub const MAX_LABEL_CHARS: usize = 60;

/// Lexicon terms longer than this many characters are dropped.
pub const MAX_TERM_CHARS: usize = 80;

/// VADER's valence scale.
pub const MIN_VALENCE: f32 = -4.0;
pub const MAX_VALENCE: f32 = 4.0;

/// A valence clamped to VADER's -4..4; not-a-number has no valence.
pub fn clamp_valence(v: f32) -> Option<f32> {
    (!v.is_nan()).then(|| v.clamp(MIN_VALENCE, MAX_VALENCE))
}

/// A lexicon term as the editor stores it: lowercase, single spaces, trimmed.
/// A capital sigma becomes "σ" even at a word's end, as the engine's lexicon
/// lowercases a document's words (`slant_core::lower`).
pub fn normalize_term(term: &str) -> String {
    slant_core::lower(&term.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Adds or replaces the override for its term, in place; false when the term is empty or too long.
pub fn set_override(list: &mut Vec<LexiconOverride>, term: &str, valence: Option<f32>) -> bool {
    let term = normalize_term(term);
    if term.is_empty() || term.chars().count() > MAX_TERM_CHARS {
        return false;
    }
    let valence = match valence {
        Some(v) => match clamp_valence(v) {
            Some(v) => Some(v),
            None => return false,
        },
        None => None,
    };
    if let Some(o) = list.iter_mut().find(|o| o.term == term) {
        o.valence = valence;
    } else if list.len() < MAX_EDITS {
        list.push(LexiconOverride { term, valence });
    } else {
        return false;
    }
    true
}

/// A shared state made safe to load: valences clamped, lexicon terms
/// normalised and de-duplicated (the last wins), added actors named and given
/// unique ids, empty entries dropped, and every list capped at [`MAX_EDITS`].
pub fn sanitize(state: SharedState) -> SharedState {
    let mut lexicon = Vec::new();
    for o in state.lexicon {
        set_override(&mut lexicon, &o.term, o.valence);
    }
    let mut add: Vec<ActorSpec> = Vec::new();
    for mut spec in state.actors.add.into_iter().take(MAX_EDITS) {
        spec.name = spec.name.trim().to_string();
        if spec.name.is_empty() {
            continue;
        }
        spec.aliases = spec
            .aliases
            .iter()
            .map(|a| a.trim().to_string())
            .filter(|a| !a.is_empty())
            .take(MAX_EDITS)
            .collect();
        let base = match spec.id.trim() {
            "" => slant_core::actors::slug(&spec.name),
            id => id.to_string(),
        };
        let mut id = base.clone();
        let mut n = 2;
        while add.iter().any(|a| a.id == id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        spec.id = id;
        add.push(spec);
    }
    let pairs = |list: Vec<(String, String)>| -> Vec<(String, String)> {
        list.into_iter()
            .map(|(a, b)| (a.trim().to_string(), b.trim().to_string()))
            .filter(|(a, b)| !a.is_empty() && !b.is_empty())
            .take(MAX_EDITS)
            .collect()
    };
    let ids = |list: Vec<String>| -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for id in list {
            let id = id.trim().to_string();
            if !id.is_empty() && !out.contains(&id) && out.len() < MAX_EDITS {
                out.push(id);
            }
        }
        out
    };
    let remove = ids(state.actors.remove);
    // An actor both switched off and removed is removed.
    let switched_off = ids(state.switched_off)
        .into_iter()
        .filter(|id| !remove.contains(id))
        .collect();
    SharedState {
        text: state.text,
        actors: ActorEdits {
            add,
            rename: pairs(state.actors.rename),
            merge: pairs(state.actors.merge),
            remove,
        },
        lexicon,
        switched_off,
        precise: state.precise,
        made_by: state.made_by.chars().take(MAX_LABEL_CHARS).collect(),
        label: clean_label(&state.label),
        articles: state
            .articles
            .into_iter()
            .take(slant_core::compare::MAX_ARTICLES - 1)
            .map(|a| SharedArticle {
                label: clean_label(&a.label),
                text: a.text,
            })
            .collect(),
    }
}

/// An article's label as the tabs show it: one line, trimmed, at most
/// [`MAX_LABEL_CHARS`] characters.
fn clean_label(label: &str) -> String {
    label
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(MAX_LABEL_CHARS)
        .collect()
}

#[cfg(test)]
mod tests {
    use slant_core::ActorKind;

    use super::*;

    fn edited() -> SharedState {
        SharedState {
            text: "Russia attacked Ukraine.".into(),
            actors: ActorEdits {
                add: vec![ActorSpec {
                    id: "wagner-group".into(),
                    name: "Wagner Group".into(),
                    kind: ActorKind::Organisation,
                    aliases: vec!["Wagner".into()],
                }],
                ..ActorEdits::default()
            },
            lexicon: vec![LexiconOverride {
                term: "reassurance".into(),
                valence: Some(1.5),
            }],
            switched_off: vec!["ukraine".into()],
            ..SharedState::default()
        }
    }

    #[test]
    fn terms_lowercase_as_the_lexicon_reads_words() {
        assert_eq!(normalize_term("  Not   GOOD "), "not good");
        // A word-final capital sigma is "σ", as in a document's "ΚΑΚΟΣ".
        let term = normalize_term(" ΚΑΚΟΣ  ΛΟΓΟΣ");
        assert_eq!(term, "κακοσ λογοσ");
        assert_eq!(term, slant_core::lexicon::normalize("ΚΑΚΟΣ ΛΟΓΟΣ"));
    }

    #[test]
    fn a_clean_state_is_unchanged() {
        assert_eq!(sanitize(edited()), edited());
    }

    #[test]
    fn precise_mode_passes_through() {
        for precise in [false, true] {
            let s = SharedState { precise, ..edited() };
            assert_eq!(sanitize(s).precise, precise);
        }
    }

    #[test]
    fn labels_are_one_short_line() {
        let s = SharedState {
            label: "  Le   Monde,\n29 Nov  ".into(),
            articles: vec![SharedArticle {
                label: "Ö".repeat(MAX_LABEL_CHARS + 5),
                text: "Zweiter Artikel.".into(),
            }],
            ..edited()
        };
        let clean = sanitize(s);
        assert_eq!(clean.label, "Le Monde, 29 Nov");
        assert_eq!(clean.articles[0].label.chars().count(), MAX_LABEL_CHARS);
        assert_eq!(clean.articles[0].text, "Zweiter Artikel.");
    }

    #[test]
    fn valences_are_clamped_to_vaders_scale() {
        assert_eq!(clamp_valence(9.0), Some(4.0));
        assert_eq!(clamp_valence(-1e30), Some(-4.0));
        assert_eq!(clamp_valence(f32::INFINITY), Some(4.0));
        assert_eq!(clamp_valence(1.5), Some(1.5));
        assert_eq!(clamp_valence(f32::NAN), None);
    }

    #[test]
    fn overrides_are_set_in_place_and_normalised() {
        let mut list = Vec::new();
        assert!(set_override(&mut list, "  Reassurance ", Some(1.5)));
        assert!(set_override(&mut list, "peace   DEAL", None));
        assert!(set_override(&mut list, "reassurance", Some(7.0)));
        assert_eq!(list.len(), 2);
        assert_eq!(list[0].term, "reassurance");
        assert_eq!(list[0].valence, Some(4.0));
        assert_eq!(list[1].term, "peace deal");
        assert_eq!(list[1].valence, None);
        assert!(!set_override(&mut list, "   ", Some(1.0)));
        assert!(!set_override(&mut list, &"x".repeat(MAX_TERM_CHARS + 1), Some(1.0)));
        assert!(!set_override(&mut list, "calm", Some(f32::NAN)));
    }

    #[test]
    fn hostile_states_are_cleaned_up() {
        let mut s = edited();
        s.lexicon = vec![
            LexiconOverride {
                term: "Bad".into(),
                valence: Some(-400.0),
            },
            LexiconOverride {
                term: "bad".into(),
                valence: Some(99.0),
            },
            LexiconOverride {
                term: " ".into(),
                valence: Some(1.0),
            },
        ];
        s.actors.add.push(s.actors.add[0].clone());
        s.actors.add.push(ActorSpec {
            id: "x".into(),
            name: "  ".into(),
            kind: ActorKind::Other,
            aliases: vec![],
        });
        s.actors.rename = vec![("russia".into(), " ".into()), ("russia".into(), "Moscow".into())];
        s.actors.remove = vec!["nato".into(), "nato".into(), "ukraine".into()];
        s.switched_off = vec!["ukraine".into(), "france".into(), "".into()];
        let clean = sanitize(s);
        assert_eq!(
            clean.lexicon,
            vec![LexiconOverride {
                term: "bad".into(),
                valence: Some(4.0)
            }]
        );
        let ids: Vec<&str> = clean.actors.add.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["wagner-group", "wagner-group-2"]);
        assert_eq!(clean.actors.rename, vec![("russia".to_string(), "Moscow".to_string())]);
        assert_eq!(clean.actors.remove, ["nato", "ukraine"]);
        assert_eq!(clean.switched_off, ["france"]);
    }

    #[test]
    fn lists_are_capped() {
        let s = SharedState {
            lexicon: (0..2 * MAX_EDITS)
                .map(|i| LexiconOverride {
                    term: format!("w{i}"),
                    valence: Some(1.0),
                })
                .collect(),
            switched_off: (0..2 * MAX_EDITS).map(|i| format!("a{i}")).collect(),
            ..SharedState::default()
        };
        let clean = sanitize(s);
        assert_eq!(clean.lexicon.len(), MAX_EDITS);
        assert_eq!(clean.switched_off.len(), MAX_EDITS);
    }
}
