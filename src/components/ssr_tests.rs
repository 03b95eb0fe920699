//! Components rendered to HTML natively with Yew's server renderer. Attribute
//! order is not kept by SSR, so these assert with `contains` and counts.

use yew::LocalServerRenderer;
use yew::prelude::*;

use crate::app::App;

fn render<C: BaseComponent>(props: C::Properties) -> String {
    let rt = tokio::runtime::Builder::new_current_thread().build().expect("runtime");
    rt.block_on(LocalServerRenderer::<C>::with_props(props).render())
}

fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

#[test]
fn the_app_renders_the_seed() {
    let html = render::<App>(());
    assert_eq!(count(&html, "data-testid=\"paragraph\""), 18);
    assert!(html.contains("data-testid=\"heatmap\""));
    assert!(html.contains("data-testid=\"article-input\""));
    assert!(html.contains("data-testid=\"load-example\""));
    assert!(html.contains("data-testid=\"actor-summary\""));
    assert!(html.contains("data-testid=\"evidence-panel\""));
    assert!(html.contains("data-testid=\"actor-list\""));
    assert!(html.contains("nothing is uploaded"));
    assert!(html.contains("Hutto"));
}
