//! Keeping the draft and following links, as a hook on the app's reducer.
//!
//! The draft is saved [`SAVE_DEBOUNCE_MS`] after the last change the reducer
//! counts in `edit_rev`, and at once when the page is hidden (closed,
//! reloaded, put in the background). Opening a link does not count, so the
//! stored draft is only rewritten once the user edits; the link's fragment
//! then leaves the address bar, so that a reload shows the draft. A link
//! pasted into the address bar of an open page (`hashchange`) opens like one
//! at start-up: any pending save is written first, and the stored draft is
//! offered back when it differs. Saving failures become a notice. A long
//! draft is written a slice per task (see [`keep::DRAFT_SLICE`]), so that
//! keeping a 2 MB article never blocks the page for long; when the page is
//! hidden, a save under way is finished at once.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo_events::EventListener;
use gloo_timers::callback::Timeout;
use yew::prelude::*;

use crate::keep::{self, SAVE_DEBOUNCE_MS};
use crate::state::{Action, Share, State};
use crate::web;

type Latest = Rc<RefCell<UseReducerHandle<State>>>;

/// The saves begun, so that a sliced save still under way stops when a
/// newer one begins, and whether a sliced save is under way.
#[derive(Default)]
struct SaveCount {
    begun: Cell<u64>,
    writing: Cell<bool>,
}

type Saves = Rc<SaveCount>;

/// Saves the newest state as the draft; `drop_hash` takes a share link that
/// no longer matches it off the address bar. A long draft is written a slice
/// per task (see [`keep::DRAFT_SLICE`]), unless `at_once` (the page is going).
fn save(latest: &Latest, drop_hash: bool, saves: &Saves, at_once: bool) {
    saves.begun.set(saves.begun.get() + 1);
    saves.writing.set(false);
    let state = latest.borrow().clone();
    let json = keep::draft_json(&state.to_shared());
    if json.len() <= keep::DRAFT_SLICE {
        saved(&state, web::save_draft(&json), drop_hash);
        return;
    }
    let sliced = match web::SlicedSave::new(json) {
        Ok(sliced) => sliced,
        Err(message) => return saved(&state, Err(message), drop_hash),
    };
    if at_once {
        let mut sliced = sliced;
        loop {
            match sliced.step() {
                Ok(false) => continue,
                done => return saved(&state, done.map(drop), drop_hash),
            }
        }
    }
    saves.writing.set(true);
    next_slice(sliced, state, drop_hash, saves.clone(), saves.begun.get());
}

/// Writes the next slice of `sliced` in a later task, unless a newer save began.
fn next_slice(mut sliced: web::SlicedSave, state: UseReducerHandle<State>, drop_hash: bool, saves: Saves, this: u64) {
    Timeout::new(0, move || {
        if saves.begun.get() != this {
            return;
        }
        match sliced.step() {
            Ok(false) => next_slice(sliced, state, drop_hash, saves, this),
            done => {
                saves.writing.set(false);
                saved(&state, done.map(drop), drop_hash);
            }
        }
    })
    .forget();
}

/// Reports how a save went.
fn saved(state: &UseReducerHandle<State>, result: Result<(), String>, drop_hash: bool) {
    match result {
        Ok(()) => {
            if state.session.storage.is_some() {
                state.dispatch(Action::Storage(None));
            }
            if drop_hash && !matches!(state.session.share, Some(Share::Link { .. })) {
                web::drop_share_hash();
            }
        }
        Err(message) => {
            if state.session.storage.as_ref() != Some(&message) {
                state.dispatch(Action::Storage(Some(message)));
            }
        }
    }
}

/// Opens the share link now in the address bar, if there is one.
fn follow_link(latest: &Latest) {
    let hash = web::hash();
    if !slant_share::is_share_fragment(&hash) {
        return;
    }
    let state = latest.borrow().clone();
    match slant_share::decode(&hash) {
        Ok(link) => {
            let stored = web::load_draft().ok().flatten().and_then(|j| keep::read_draft(&j).ok());
            // When the draft could not be saved, the work on screen is the draft.
            let draft = if state.session.storage.is_some() && state.doc.edit_rev > 0 {
                Some(state.to_shared())
            } else {
                stored
            };
            state.dispatch(Action::OpenLink { link, draft });
        }
        Err(e) => state.dispatch(Action::Error(e.to_string())),
    }
}

#[hook]
pub fn use_keeping(state: UseReducerHandle<State>) {
    // The newest state, for the timer and the listeners.
    let latest: Latest = use_mut_ref(|| state.clone());
    *latest.borrow_mut() = state.clone();
    // Whether a change waits to be saved, and the timer that will save it.
    let pending = use_mut_ref(|| false);
    let timer = use_mut_ref(|| None::<Timeout>);
    let saves: Saves = use_memo((), |_| SaveCount::default());

    {
        let (latest, pending, timer, saves) = (latest.clone(), pending.clone(), timer.clone(), saves.clone());
        use_effect_with(state.doc.edit_rev, move |&rev| {
            if rev > 0 {
                *pending.borrow_mut() = true;
                let pending = pending.clone();
                // Replacing the previous timer cancels it.
                *timer.borrow_mut() = Some(Timeout::new(SAVE_DEBOUNCE_MS, move || {
                    if pending.replace(false) {
                        save(&latest, true, &saves, false);
                    }
                }));
            }
        });
    }

    {
        let (latest, pending) = (latest.clone(), pending.clone());
        use_effect_with((), move |_| {
            let listeners = web_sys::window().map(|window| {
                let on_hide = {
                    let (latest, pending, saves) = (latest.clone(), pending.clone(), saves.clone());
                    EventListener::new(&window, "pagehide", move |_| {
                        // A save cut in slices is finished at once: the page is going.
                        if pending.replace(false) || saves.writing.get() {
                            save(&latest, false, &saves, true);
                        }
                    })
                };
                let on_hash = EventListener::new(&window, "hashchange", move |_| {
                    if slant_share::is_share_fragment(&web::hash()) && (pending.replace(false) || saves.writing.get()) {
                        save(&latest, false, &saves, true);
                    }
                    follow_link(&latest);
                });
                (on_hide, on_hash)
            });
            // Dropping the listeners removes them.
            move || drop(listeners)
        });
    }
}
