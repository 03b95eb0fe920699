//! The error banner: a clear message in the page, never a panic: files that
//! cannot be opened, and share links that are damaged, too big or too new.

use yew::prelude::*;

use super::Dispatch;
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct BannerProps {
    pub message: Option<String>,
    pub dispatch: Dispatch,
}

#[function_component(ErrorBanner)]
pub fn error_banner(props: &BannerProps) -> Html {
    let Some(message) = &props.message else {
        return html! {};
    };
    let dismiss = {
        let d = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::DismissError))
    };
    html! {
        <div class="error-banner" role="alert" data-testid="error-banner">
            <p>{ message }</p>
            <button type="button" class="button" onclick={dismiss}>{ "Dismiss" }</button>
        </div>
    }
}
