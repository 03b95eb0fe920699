//! Keeping the draft and following links, as a hook on the app's reducer.
//!
//! The draft is saved [`SAVE_DEBOUNCE_MS`] after the last change the reducer
//! counts in `edit_rev`, and at once when the page is hidden (closed,
//! reloaded, put in the background). Opening a link does not count, so the
//! stored draft is only rewritten once the user edits; the link's fragment
//! then leaves the address bar, so that a reload shows the draft. A link
//! pasted into the address bar of an open page (`hashchange`) opens like one
//! at start-up: any pending save is written first, and the stored draft is
//! offered back when it differs. Saving failures become a notice.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_events::EventListener;
use gloo_timers::callback::Timeout;
use yew::prelude::*;

use crate::keep::{self, SAVE_DEBOUNCE_MS};
use crate::state::{Action, Share, State};
use crate::web;

type Latest = Rc<RefCell<UseReducerHandle<State>>>;

/// Saves the newest state as the draft; `drop_hash` takes a share link that
/// no longer matches it off the address bar.
fn save(latest: &Latest, drop_hash: bool) {
    let state = latest.borrow().clone();
    let json = keep::draft_json(&state.to_shared());
    match web::save_draft(&json) {
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

    {
        let (latest, pending, timer) = (latest.clone(), pending.clone(), timer.clone());
        use_effect_with(state.doc.edit_rev, move |&rev| {
            if rev > 0 {
                *pending.borrow_mut() = true;
                let pending = pending.clone();
                // Replacing the previous timer cancels it.
                *timer.borrow_mut() = Some(Timeout::new(SAVE_DEBOUNCE_MS, move || {
                    if pending.replace(false) {
                        save(&latest, true);
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
                    let (latest, pending) = (latest.clone(), pending.clone());
                    EventListener::new(&window, "pagehide", move |_| {
                        if pending.replace(false) {
                            save(&latest, false);
                        }
                    })
                };
                let on_hash = EventListener::new(&window, "hashchange", move |_| {
                    if slant_share::is_share_fragment(&web::hash()) && pending.replace(false) {
                        save(&latest, false);
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
