//! The root component.

use yew::prelude::*;

/// The article Slant opens with, embedded at compile time (no fetch).
pub const SEED: &str = include_str!("../seeds/macron-starmer-white-house.txt");

#[function_component(App)]
pub fn app() -> Html {
    let paragraphs = slant_core::text::paragraphs(SEED);
    html! {
        <>
            <header class="masthead">
                <h1>{ "Slant" }</h1>
                <p class="tagline">{ "How a news article treats the people, countries and organisations in it, paragraph by paragraph." }</p>
                <p class="privacy">{ "The analysis runs in this page; nothing is uploaded." }</p>
            </header>
            <main>
                <article class="article">
                    { for paragraphs.iter().map(|p| html! {
                        <p data-testid="paragraph">{ &SEED[p.start..p.end] }</p>
                    }) }
                </article>
            </main>
        </>
    }
}
