//! Notices under the header: a saved draft a link opened over (restore it or
//! keep the shared article), an article that was replaced (undo), and a
//! draft that cannot be kept (storage full or switched off), and an analysis
//! made by another version of the engine (its scores may differ). Each is a
//! polite status, not an alert: the app keeps working whatever they say.

use yew::prelude::*;

use super::Dispatch;
use crate::state::{Action, Replaced};

/// What the notices say.
pub struct NoticesProps<'a> {
    /// Whether a saved draft waits to be restored.
    pub restore: bool,
    pub undo: Option<&'a Replaced>,
    pub storage: Option<&'a str>,
    /// The analysis opened was made by another engine.
    pub version: Option<&'a str>,
    pub dispatch: &'a Dispatch,
}

/// The notices (a plain function, not a component: a component type costs
/// the page more code than it saves work).
pub fn notices(props: NoticesProps) -> Html {
    // A function that makes the action, not an action to clone: cloning the
    // whole `Action` enum in a callback costs the page some 2 KB of code.
    let send = |action: fn() -> Action| {
        let d = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(action()))
    };
    if !props.restore && props.undo.is_none() && props.storage.is_none() && props.version.is_none() {
        return html! {};
    }
    html! {
        <div class="notices" role="status" aria-live="polite">
            if props.restore {
                <div class="notice" data-testid="draft-notice">
                    <p>{ "You have a saved draft from before this link. Restore it?" }</p>
                    <span class="buttons">
                        <button type="button" class="button" data-testid="restore-draft" onclick={send(|| Action::RestoreDraft)}>{ "Restore my draft" }</button>
                        <button type="button" class="button" data-testid="dismiss-restore" onclick={send(|| Action::DismissRestore)}>{ "Keep the shared article" }</button>
                    </span>
                </div>
            }
            if let Some(undo) = props.undo {
                <div class="notice" data-testid="undo-notice">
                    <p>{ undo.what }</p>
                    <span class="buttons">
                        <button type="button" class="button" data-testid="undo" onclick={send(|| Action::Undo)}>{ "Undo" }</button>
                        <button type="button" class="button" onclick={send(|| Action::DismissUndo)}>{ "Dismiss" }</button>
                    </span>
                </div>
            }
            if let Some(message) = props.version {
                <div class="notice" data-testid="version-notice">
                    <p>{ message.to_string() }</p>
                    <span class="buttons">
                        <button type="button" class="button" onclick={send(|| Action::DismissVersion)}>{ "Dismiss" }</button>
                    </span>
                </div>
            }
            if let Some(message) = props.storage {
                <div class="notice storage" data-testid="storage-message">
                    <p>{ message.to_string() }</p>
                    <span class="buttons">
                        <button type="button" class="button" onclick={send(|| Action::Storage(None))}>{ "Dismiss" }</button>
                    </span>
                </div>
            }
        </div>
    }
}
