//! The actors panel: switch actors on and off, rename, merge, add with
//! aliases, remove; and the list of the user's edits, each undoable. Every
//! change goes through the reducer, which re-analyses at once.

use slant_core::{ActorEdits, ActorKind, ActorSpec, Origin};
use yew::prelude::*;

use super::progressive::use_shown;
use super::{Dispatch, target_closest};
use crate::colour;
use crate::explain;
use crate::markup::Markup;
use crate::state::{Action, Excluded, ReportRef};
use crate::web;

#[derive(Properties, PartialEq)]
pub struct ActorsProps {
    pub report: ReportRef,
    pub off: Vec<Excluded>,
    pub removed: Vec<Excluded>,
    pub edits: ActorEdits,
    pub dispatch: Dispatch,
}

fn origin_class(o: Origin) -> &'static str {
    match o {
        Origin::User => "badge user",
        _ => "badge found",
    }
}

/// Splits a comma-separated alias list.
pub fn parse_aliases(s: &str) -> Vec<String> {
    s.split(',')
        .map(|a| a.trim().to_string())
        .filter(|a| !a.is_empty())
        .collect()
}

#[function_component(ActorsPanel)]
pub fn actors_panel(props: &ActorsProps) -> Html {
    let report = &props.report;
    let d = &props.dispatch;
    let renaming = use_state(|| None::<String>);
    let (shown, more) = use_shown(report.clone(), report.actors.len(), "more-actors");

    let on_merge = {
        let d = d.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            d.dispatch(Action::Merge(
                web::field_value("merge-from"),
                web::field_value("merge-into"),
            ));
        })
    };
    let on_add = {
        let d = d.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            d.dispatch(Action::Add(ActorSpec {
                id: String::new(),
                name: web::field_value("add-name"),
                kind: ActorKind::parse(&web::field_value("add-kind")),
                aliases: parse_aliases(&web::field_value("add-aliases")),
            }));
            web::clear_field("add-name");
            web::clear_field("add-aliases");
        })
    };

    // The actor list and the edits are markup; these listeners, on the
    // panel, act for their checkboxes, buttons and the rename form. Each
    // control's row carries the actor's id, each button what it does.
    let on_change = {
        let d = d.clone();
        Callback::from(move |e: Event| {
            // A checkbox's change, not the rename field's.
            let checkbox = target_closest(e.target(), "input[type=checkbox]");
            let Some(row) = checkbox.and_then(|c| c.closest("li[data-actor]").ok().flatten()) else {
                return;
            };
            let id = row.get_attribute("data-actor").unwrap_or_default();
            let off = row.get_attribute("class").is_some_and(|c| c.contains(" off"));
            d.dispatch(if off {
                Action::SwitchOn(id)
            } else {
                Action::SwitchOff(id)
            });
        })
    };
    let on_click = {
        let (d, renaming) = (d.clone(), renaming.clone());
        Callback::from(move |e: MouseEvent| {
            let Some(button) = target_closest(e.target(), "button[data-act]") else {
                return;
            };
            let id = || button.get_attribute("data-id").unwrap_or_default();
            match button.get_attribute("data-act").as_deref() {
                Some("rename") => renaming.set(Some(id())),
                Some("cancel") => renaming.set(None),
                Some("remove") => d.dispatch(Action::Remove(id())),
                Some("undo-rename") => d.dispatch(Action::UndoRename(id())),
                Some("undo-merge") => {
                    if let Ok(i) = id().parse() {
                        d.dispatch(Action::UndoMerge(i));
                    }
                }
                Some("restore") => d.dispatch(Action::Restore(id())),
                _ => {}
            }
        })
    };
    let on_rename = {
        let (d, renaming) = (d.clone(), renaming.clone());
        Callback::from(move |e: SubmitEvent| {
            let Some(row) = target_closest(e.target(), "li[data-actor]") else {
                return;
            };
            e.prevent_default();
            let id = row.get_attribute("data-actor").unwrap_or_default();
            d.dispatch(Action::Rename(id, web::field_value("rename-input")));
            renaming.set(None);
        })
    };
    let list = list_markup(props, shown, renaming.as_deref());
    let edits = edits_markup(props);

    // The merge lists offer the actors the list shows.
    let options = |selected: usize| {
        report
            .actors
            .iter()
            .take(shown)
            .enumerate()
            .map(|(i, a)| html! { <option key={a.id.clone()} value={a.id.clone()} selected={i == selected}>{ &a.name }</option> })
            .collect::<Html>()
    };

    html! {
        <section class="panel actors-panel" aria-labelledby="actors-heading" data-testid="actor-list"
            onchange={on_change} onclick={on_click} onsubmit={on_rename}>
            <h2 id="actors-heading">{ "Actors" }</h2>
            <p class="hint">{ "Untick an actor to leave it out; every change re-analyses at once. Found actors come from the bundled gazetteer or the text itself; yours are marked “added by you”." }</p>
            { Html::from_html_unchecked(AttrValue::from(list)) }
            { more }
            if report.actors.len() >= 2 {
                <form class="merge" onsubmit={on_merge}>
                    <label for="merge-from">{ "Merge" }</label>
                    <select id="merge-from">{ options(shown - 1) }</select>
                    <label for="merge-into">{ "into" }</label>
                    <select id="merge-into">{ options(0) }</select>
                    <button type="submit" class="button">{ "Merge" }</button>
                </form>
            }
            <form class="add-actor" onsubmit={on_add} data-testid="add-actor">
                <fieldset>
                    <legend>{ "Add an actor" }</legend>
                    <label for="add-name">{ "Name" }</label>
                    <input id="add-name" type="text" required=true placeholder="Wagner Group" />
                    <label for="add-kind">{ "Kind" }</label>
                    <select id="add-kind">
                        <option value="person">{ "person" }</option>
                        <option value="country">{ "country" }</option>
                        <option value="organisation">{ "organisation" }</option>
                        <option value="other" selected=true>{ "other" }</option>
                    </select>
                    <label for="add-aliases">{ "Aliases (comma-separated)" }</label>
                    <input id="add-aliases" type="text" placeholder="Wagner, PMC Wagner" />
                    <button type="submit" class="button">{ "Add" }</button>
                </fieldset>
            </form>
            { Html::from_html_unchecked(AttrValue::from(edits)) }
        </section>
    }
}

/// The actor list's markup: the first `shown` actors of the report, less
/// those just switched off or removed, then the switched-off ones; the
/// actor being renamed (`renaming`) has its form in place of its buttons.
fn list_markup(props: &ActorsProps, shown: usize, renaming: Option<&str>) -> String {
    let report = &props.report;
    // An actor just switched off or removed leaves the list at once, before
    // the new report (without it) comes back from the worker.
    let excluded = |id: &str| props.off.iter().chain(&props.removed).any(|e| e.id == id);
    let mut m = Markup::with_capacity(200 + shown.min(report.actors.len()) * 700);
    m.raw(r#"<ul class="actor-list">"#);
    for (i, a) in report.actors.iter().enumerate().take(shown) {
        if excluded(&a.id) {
            continue;
        }
        m.raw("<li")
            .attr("data-actor", &a.id)
            .raw(r#" class="actor-row"><input type="checkbox""#)
            .attr("id", format_args!("actor-on-{i}"))
            .raw(r#" checked=""><label"#)
            .attr("for", format_args!("actor-on-{i}"))
            .raw(r#"><span class="swatch""#)
            .attr("style", format_args!("background:{}", colour::actor_hex(i)))
            .raw(r#" aria-hidden="true"></span>"#)
            .text(&a.name)
            .raw(r#"</label><span class="kind">"#)
            .text(explain::kind(a.kind))
            .raw("</span><span")
            .attr("class", origin_class(a.origin))
            .end_open()
            .text(explain::origin(a.origin))
            .close("span");
        if renaming == Some(a.id.as_str()) {
            m.raw(r#"<form class="inline"><label class="visually-hidden" for="rename-input">"#)
                .text(format_args!("New name for {}", a.name))
                .raw(r#"</label><input id="rename-input" type="text""#)
                .attr("value", &a.name)
                .raw(concat!(
                    r#"><button type="submit" class="button">Save</button>"#,
                    r#"<button type="button" class="button" data-act="cancel">Cancel</button></form>"#,
                ));
        } else {
            m.raw(r#"<span class="row-actions"><button type="button" class="button small" data-act="rename""#)
                .attr("data-id", &a.id)
                .attr("aria-label", format_args!("Rename {}", a.name))
                .raw(r#">Rename</button><button type="button" class="button small" data-act="remove""#)
                .attr("data-id", &a.id)
                .attr("aria-label", format_args!("Remove {}", a.name))
                .raw(">Remove</button></span>");
        }
        m.raw("</li>");
    }
    for o in &props.off {
        m.raw("<li")
            .attr("data-actor", &o.id)
            .raw(r#" class="actor-row off"><input type="checkbox""#)
            .attr("id", format_args!("actor-off-{}", o.id))
            .raw("><label")
            .attr("for", format_args!("actor-off-{}", o.id))
            .end_open()
            .text(&o.name)
            .raw(r#"</label><span class="kind">"#)
            .text(explain::kind(o.kind))
            .raw("</span><span")
            .attr("class", origin_class(o.origin))
            .raw(">switched off</span></li>");
    }
    m.raw("</ul>");
    m.into_string()
}

/// The user's changes, each with its button to undo it; nothing when there are none.
fn edits_markup(props: &ActorsProps) -> String {
    let (edits, removed) = (&props.edits, &props.removed);
    if edits.add.is_empty() && edits.rename.is_empty() && edits.merge.is_empty() && removed.is_empty() {
        return String::new();
    }
    let name_of = |id: &str| {
        props
            .report
            .actor(id)
            .map(|a| a.name.clone())
            .or_else(|| edits.add.iter().find(|s| s.id == id).map(|s| s.name.clone()))
            .unwrap_or_else(|| id.to_string())
    };
    let mut m = Markup::with_capacity(400);
    let item = |m: &mut Markup,
                text: std::fmt::Arguments,
                act: &'static str,
                id: &dyn std::fmt::Display,
                button: &'static str| {
        m.raw("<li>")
            .text(text)
            .raw(r#"<button type="button" class="button small""#)
            .attr("data-act", act)
            .attr("data-id", format_args!("{id}"))
            .end_open()
            .text(button)
            .raw("</button></li>");
    };
    m.raw(r#"<h3>Your changes</h3><ul class="edits" data-testid="edits">"#);
    for s in &edits.add {
        let aliases = if s.aliases.is_empty() {
            String::new()
        } else {
            format!(", also “{}”", s.aliases.join("”, “"))
        };
        item(
            &mut m,
            format_args!("Added {} ({}){aliases}", s.name, explain::kind(s.kind)),
            "remove",
            &s.id,
            "Remove",
        );
    }
    for (id, name) in &edits.rename {
        item(
            &mut m,
            format_args!("Renamed {id} to {name}"),
            "undo-rename",
            id,
            "Undo",
        );
    }
    for (i, (from, into)) in edits.merge.iter().enumerate() {
        item(
            &mut m,
            format_args!("Merged {from} into {}", name_of(into)),
            "undo-merge",
            &i,
            "Undo",
        );
    }
    for r in removed {
        item(&mut m, format_args!("Removed {}", r.name), "restore", &r.id, "Restore");
    }
    m.raw("</ul>");
    m.into_string()
}
