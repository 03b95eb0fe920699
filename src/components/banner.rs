//! The error banner: a clear message in the page, never a panic: files that
//! cannot be opened, and share links that are damaged, too big or too new.

use yew::prelude::*;

use super::Dispatch;
use crate::state::Action;

/// The banner with `message`, if there is one. A plain function, not a
/// component: a component type costs the page more code than it saves work.
pub fn error_banner(message: Option<&str>, dispatch: &Dispatch) -> Html {
    let Some(message) = message else {
        return html! {};
    };
    let dismiss = {
        let d = dispatch.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::DismissError))
    };
    html! {
        <div class="error-banner" role="alert" data-testid="error-banner">
            <p>{ message.to_string() }</p>
            <button type="button" class="button" onclick={dismiss}>{ "Dismiss" }</button>
        </div>
    }
}
