//! Keeping work: the draft's storage format, what the page opens with (a
//! share link, the saved draft or the seed), and cleaning up a shared state
//! that came from outside (a link, a draft or a file).
//!
//! Everything here is pure and tested natively; `web` does the storage and
//! address-bar calls. A link, a draft and a file are all treated as hostile
//! input: slant-share cleans every state it decodes, and a draft goes
//! through the same `slant_share::sanitize`.
//!
//! Drafts and links: a link opened over a different saved draft does not
//! replace the stored draft. The draft in storage is only rewritten when the
//! user edits (the edited shared article then becomes the draft); until then
//! the old draft stays in storage, and it is also kept in memory for the
//! "Restore it?" notice, so restoring works even after the shared article
//! was edited. This module must not touch the DOM.

pub use slant_share::{MAX_TERM_CHARS, clamp_valence, set_override};
use slant_share::{MAX_TEXT, SharedState, sanitize};

/// The localStorage key of the draft: a [`SharedState`] as compact JSON.
pub const DRAFT_KEY: &str = "slant.draft.v1";

/// The pause after the last change before the draft is saved.
pub const SAVE_DEBOUNCE_MS: u32 = 500;

/// A draft's JSON longer than this is stored in slices of at most this
/// many bytes, one per task: localStorage writes a value synchronously, and
/// one 2 MB value blocks the page for 70 to 130 ms.
pub const DRAFT_SLICE: usize = 256 * 1024;

/// With a sliced draft, this key names its slices' generation and count
/// (`a:8`: keys `slant.draft.v1.a.0` to `.a.7`), and the slices joined are
/// the draft's JSON, the same as [`DRAFT_KEY`] holds for a short draft. It
/// is written once every slice is, to the generation not in use, so a page
/// closed half-way through a save leaves the previous draft whole.
pub const PARTS_KEY: &str = "slant.draft.v1.parts";

/// The key of slice `i` of generation `generation` ('a' or 'b').
pub fn part_key(generation: char, i: usize) -> String {
    format!("{DRAFT_KEY}.{generation}.{i}")
}

/// Reads [`PARTS_KEY`]'s value: (generation, number of slices).
pub fn read_parts(value: &str) -> Option<(char, usize)> {
    let (generation, n) = value.split_once(':')?;
    let generation = match generation {
        "a" => 'a',
        "b" => 'b',
        _ => return None,
    };
    let n: usize = n.parse().ok()?;
    // A draft is capped well below this many slices (8 articles of 2 MB).
    (1..=256).contains(&n).then_some((generation, n))
}

/// [`PARTS_KEY`]'s value for `n` slices of `generation`.
pub fn parts_value(generation: char, n: usize) -> String {
    format!("{generation}:{n}")
}

/// The generation a new sliced draft is written to: not the stored one.
pub fn next_generation(stored: Option<(char, usize)>) -> char {
    match stored {
        Some(('a', _)) => 'b',
        _ => 'a',
    }
}

/// `json` cut into slices of at most [`DRAFT_SLICE`] bytes, on char boundaries.
pub fn slices(json: &str) -> Vec<&str> {
    let mut out = Vec::with_capacity(json.len() / DRAFT_SLICE + 1);
    let mut rest = json;
    while rest.len() > DRAFT_SLICE {
        let mut cut = DRAFT_SLICE;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        let (head, tail) = rest.split_at(cut);
        out.push(head);
        rest = tail;
    }
    if !rest.is_empty() || out.is_empty() {
        out.push(rest);
    }
    out
}

/// Whether a state holds anything worth offering back: some text or an edit.
pub fn has_work(state: &SharedState) -> bool {
    !state.text.trim().is_empty()
        || !state.actors.is_empty()
        || !state.lexicon.is_empty()
        || !state.switched_off.is_empty()
        || !state.articles.is_empty()
}

/// The draft as stored.
pub fn draft_json(state: &SharedState) -> String {
    state.to_json()
}

/// Reads a stored draft, or says why it cannot be read.
pub fn read_draft(json: &str) -> Result<SharedState, String> {
    SharedState::from_json(json).map(sanitize).map_err(|e| {
        let why = match e {
            slant_share::ShareError::Invalid { detail } => detail,
            other => other.to_string(),
        };
        format!("Your saved draft could not be read ({why}). Slant opened without it.")
    })
}

/// Reads a saved-analysis file (`slant-analysis.json`), which may carry an
/// article too long for a link (it is capped at `slant_share::MAX_FILE`).
pub fn read_state(text: &str) -> Result<SharedState, String> {
    slant_share::read_state_file(text).map_err(|e| e.to_string())
}

/// What the page opens with.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Opening {
    /// The state to show first; `None` is the seed.
    pub state: Option<SharedState>,
    /// The saved draft, when a link opened over a different one.
    pub restore: Option<SharedState>,
    /// A message for the error banner: a bad link or an unreadable draft.
    pub error: Option<String>,
    /// A message about storage: it is switched off or failed.
    pub storage: Option<String>,
}

/// Decides what to open from the address's fragment and the stored draft
/// (`Err` holds a message when storage could not be read). A share link
/// comes first; a bad one is reported and the draft (or the seed) is opened
/// instead, leaving the stored draft as it is.
pub fn opening(hash: &str, draft: Result<Option<String>, String>) -> Opening {
    let mut out = Opening::default();
    let mut draft_error = None;
    let draft = match draft {
        Ok(Some(json)) => match read_draft(&json) {
            Ok(state) => Some(state),
            Err(message) => {
                draft_error = Some(message);
                None
            }
        },
        Ok(None) => None,
        Err(message) => {
            out.storage = Some(message);
            None
        }
    };
    if slant_share::is_share_fragment(hash) {
        match slant_share::decode(hash) {
            Ok(link) => {
                out.restore = draft.filter(|d| *d != link && has_work(d));
                out.state = Some(link);
                return out;
            }
            Err(e) => out.error = Some(e.to_string()),
        }
    }
    out.error = out.error.or(draft_error);
    out.state = draft;
    out
}

/// The message when the draft cannot be kept: storage is switched off, or
/// full (`quota`), for a draft of `bytes`.
pub fn storage_message(quota: bool, bytes: usize) -> String {
    if quota {
        format!(
            "Your draft ({}) is too large for this browser’s storage, so it is not kept when you close the page. \
             Slant still works; use “Download this analysis” to keep it.",
            slant_share::human_size(bytes)
        )
    } else {
        "This browser does not let Slant keep a draft (site storage is switched off). Slant still works, \
         but your article is not kept when you close the page; use “Download this analysis” to keep it."
            .to_string()
    }
}

/// The message when an article is too long for a link.
pub fn too_long_for_link(bytes: usize) -> String {
    format!(
        "This article is too long for a link ({}; a link carries up to {}). \
         Download this analysis as a file instead: Slant opens it again.",
        slant_share::human_size(bytes),
        slant_share::human_size(MAX_TEXT)
    )
}

#[cfg(test)]
mod tests {
    use slant_core::{ActorEdits, ActorKind, ActorSpec, LexiconOverride};

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
    fn drafts_round_trip_and_bad_ones_say_so() {
        let s = edited();
        assert_eq!(read_draft(&draft_json(&s)), Ok(s.clone()));
        assert!(read_draft("{").unwrap_err().contains("could not be read"));
        assert!(read_draft(r#"{"v":9}"#).unwrap_err().contains("newer version"));
        // Valences from storage are clamped too.
        let hot = r#"{"v":1,"text":"x","lexicon":[{"term":"calm","valence":1e30}]}"#;
        assert_eq!(read_draft(hot).unwrap().lexicon[0].valence, Some(4.0));
    }

    #[test]
    fn saved_files_are_read_even_when_too_long_for_a_link() {
        let s = edited();
        assert_eq!(read_state(&slant_share::state_file(&s)), Ok(s.clone()));
        let long = SharedState {
            text: "Russia attacked Ukraine.\n".repeat(MAX_TEXT / 20),
            ..s
        };
        assert!(long.text.len() > MAX_TEXT);
        assert_eq!(read_state(&slant_share::state_file(&long)), Ok(long.clone()));
        assert!(
            read_state("Russia attacked Ukraine.")
                .unwrap_err()
                .contains("not a saved Slant analysis")
        );
        let report = r#"{"slant":"report","v":1,"report":{}}"#;
        assert!(read_state(report).unwrap_err().contains("report export"));
    }

    #[test]
    fn a_link_comes_first_and_keeps_a_different_draft_for_restoring() {
        let draft = edited();
        let link = SharedState {
            text: "Britain praised Ukraine.".into(),
            ..SharedState::default()
        };
        let fragment = slant_share::encode(&link);
        let o = opening(&fragment, Ok(Some(draft_json(&draft))));
        assert_eq!(o.state, Some(link.clone()));
        assert_eq!(o.restore, Some(draft));
        assert_eq!(o.error, None);
        // The same state as the draft: nothing to restore.
        let o = opening(&fragment, Ok(Some(draft_json(&link))));
        assert_eq!(o.restore, None);
        // An empty draft is not worth offering.
        let o = opening(&fragment, Ok(Some(draft_json(&SharedState::default()))));
        assert_eq!(o.restore, None);
    }

    #[test]
    fn without_a_link_the_draft_opens_and_anchors_are_ignored() {
        let draft = edited();
        let o = opening("", Ok(Some(draft_json(&draft))));
        assert_eq!(o.state, Some(draft.clone()));
        let o = opening("#section", Ok(Some(draft_json(&draft))));
        assert_eq!(o.state, Some(draft));
        assert_eq!(o.error, None);
        assert_eq!(opening("", Ok(None)), Opening::default());
    }

    #[test]
    fn bad_links_are_reported_and_the_draft_opens_instead() {
        let draft = edited();
        for hash in ["#v1.@@@", "#v2.abc", "#v1.AAAA", "#v1."] {
            let o = opening(hash, Ok(Some(draft_json(&draft))));
            assert_eq!(o.state, Some(draft.clone()), "{hash}");
            assert!(o.error.as_deref().is_some_and(|e| e.ends_with('.')), "{hash}: {o:?}");
            assert_eq!(o.restore, None);
        }
        let o = opening("#v2.abc", Ok(None));
        assert_eq!(o.state, None);
        assert!(o.error.unwrap().contains("newer version"));
    }

    #[test]
    fn storage_problems_are_reported_not_fatal() {
        let o = opening("", Err(storage_message(false, 0)));
        assert_eq!(o.state, None);
        assert!(o.storage.unwrap().contains("site storage is switched off"));
        let o = opening("", Ok(Some("{".into())));
        assert!(o.error.unwrap().contains("could not be read"));
        assert!(storage_message(true, 5 * 1024 * 1024).contains("(5.0 MB)"));
    }

    #[test]
    fn long_drafts_are_cut_into_slices_that_join_back() {
        let text = "Le président a salué l’accord. ".repeat(DRAFT_SLICE / 10);
        let json = draft_json(&SharedState { text, ..edited() });
        let parts = slices(&json);
        assert!(parts.len() > 2);
        assert!(parts.iter().all(|p| p.len() <= DRAFT_SLICE && !p.is_empty()));
        assert_eq!(parts.concat(), json);
        assert_eq!(
            read_draft(&parts.concat()).unwrap().text,
            read_draft(&json).unwrap().text
        );
        assert_eq!(slices("{}"), vec!["{}"]);
        assert_eq!(slices(""), vec![""]);
    }

    #[test]
    fn the_parts_key_names_a_generation_and_a_count() {
        assert_eq!(read_parts(&parts_value('b', 9)), Some(('b', 9)));
        for bad in ["", "a", "c:3", "a:0", "a:-1", "a:x", "b:100000"] {
            assert_eq!(read_parts(bad), None, "{bad}");
        }
        assert_eq!(next_generation(None), 'a');
        assert_eq!(next_generation(Some(('a', 3))), 'b');
        assert_eq!(next_generation(Some(('b', 3))), 'a');
        assert_eq!(part_key('a', 2), "slant.draft.v1.a.2");
    }

    #[test]
    fn messages_for_long_articles() {
        assert!(too_long_for_link(3 * 1024 * 1024).contains("(3.0 MB; a link carries up to 1.0 MB)"));
        assert_eq!(slant_share::human_size(10), "10 bytes");
        assert_eq!(slant_share::human_size(3584), "3.5 KB");
    }
}
