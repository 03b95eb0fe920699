//! The actors panel: switch actors on and off, rename, merge, add with
//! aliases, remove; and the list of the user's edits, each undoable. Every
//! change goes through the reducer, which re-analyses at once.

use slant_core::{ActorEdits, ActorKind, ActorSpec, Origin};
use yew::prelude::*;

use super::Dispatch;
use super::progressive::use_shown;
use crate::colour;
use crate::explain;
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

    // An actor just switched off or removed leaves the list at once, before
    // the new report (without it) comes back from the worker.
    let excluded = |id: &str| props.off.iter().chain(&props.removed).any(|e| e.id == id);
    let rows = report
        .actors
        .iter()
        .enumerate()
        .take(shown)
        .filter(|(_, a)| !excluded(&a.id))
        .map(|(i, a)| {
        let id = a.id.clone();
        let toggle = {
            let d = d.clone();
            let id = id.clone();
            Callback::from(move |_: Event| d.dispatch(Action::SwitchOff(id.clone())))
        };
        let remove = {
            let d = d.clone();
            let id = id.clone();
            Callback::from(move |_: MouseEvent| d.dispatch(Action::Remove(id.clone())))
        };
        let start_rename = {
            let renaming = renaming.clone();
            let id = id.clone();
            Callback::from(move |_: MouseEvent| renaming.set(Some(id.clone())))
        };
        let is_renaming = renaming.as_deref() == Some(a.id.as_str());
        let on_rename = {
            let d = d.clone();
            let renaming = renaming.clone();
            let id = id.clone();
            Callback::from(move |e: SubmitEvent| {
                e.prevent_default();
                d.dispatch(Action::Rename(id.clone(), web::field_value("rename-input")));
                renaming.set(None);
            })
        };
        let cancel = {
            let renaming = renaming.clone();
            Callback::from(move |_: MouseEvent| renaming.set(None))
        };
        let check_id = format!("actor-on-{i}");
        html! {
            <li key={a.id.clone()} data-actor={a.id.clone()} class="actor-row">
                <input type="checkbox" id={check_id.clone()} checked=true onchange={toggle} />
                <label for={check_id}>
                    <span class="swatch" style={format!("background:{}", colour::actor_hex(i))} aria-hidden="true"></span>
                    { &a.name }
                </label>
                <span class="kind">{ explain::kind(a.kind) }</span>
                <span class={origin_class(a.origin)}>{ explain::origin(a.origin) }</span>
                if is_renaming {
                    <form class="inline" onsubmit={on_rename}>
                        <label class="visually-hidden" for="rename-input">{ format!("New name for {}", a.name) }</label>
                        <input id="rename-input" type="text" value={a.name.clone()} />
                        <button type="submit" class="button">{ "Save" }</button>
                        <button type="button" class="button" onclick={cancel}>{ "Cancel" }</button>
                    </form>
                } else {
                    <span class="row-actions">
                        <button type="button" class="button small" aria-label={format!("Rename {}", a.name)} onclick={start_rename}>{ "Rename" }</button>
                        <button type="button" class="button small" aria-label={format!("Remove {}", a.name)} onclick={remove}>{ "Remove" }</button>
                    </span>
                }
            </li>
        }
    });
    let off_rows = props.off.iter().map(|o| {
        let on = {
            let d = d.clone();
            let id = o.id.clone();
            Callback::from(move |_: Event| d.dispatch(Action::SwitchOn(id.clone())))
        };
        let check_id = format!("actor-off-{}", o.id);
        html! {
            <li key={format!("off-{}", o.id)} data-actor={o.id.clone()} class="actor-row off">
                <input type="checkbox" id={check_id.clone()} checked=false onchange={on} />
                <label for={check_id}>{ &o.name }</label>
                <span class="kind">{ explain::kind(o.kind) }</span>
                <span class={origin_class(o.origin)}>{ "switched off" }</span>
            </li>
        }
    });

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

    let name_of = |id: &str| {
        report
            .actor(id)
            .map(|a| a.name.clone())
            .or_else(|| props.edits.add.iter().find(|s| s.id == id).map(|s| s.name.clone()))
            .unwrap_or_else(|| id.to_string())
    };
    let undo = |action: Action| {
        let d = d.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(action.clone()))
    };
    let has_edits = !props.edits.add.is_empty()
        || !props.edits.rename.is_empty()
        || !props.edits.merge.is_empty()
        || !props.removed.is_empty();

    html! {
        <section class="panel actors-panel" aria-labelledby="actors-heading" data-testid="actor-list">
            <h2 id="actors-heading">{ "Actors" }</h2>
            <p class="hint">{ "Untick an actor to leave it out; every change re-analyses at once. Found actors come from the bundled gazetteer or the text itself; yours are marked “added by you”." }</p>
            <ul class="actor-list">
                { for rows }
                { for off_rows }
            </ul>
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
            if has_edits {
                <h3>{ "Your changes" }</h3>
                <ul class="edits" data-testid="edits">
                    { for props.edits.add.iter().map(|s| html! {
                        <li key={format!("add-{}", s.id)}>
                            { format!("Added {} ({}){}", s.name, explain::kind(s.kind),
                                if s.aliases.is_empty() { String::new() } else { format!(", also “{}”", s.aliases.join("”, “")) }) }
                            <button type="button" class="button small" onclick={undo(Action::Remove(s.id.clone()))}>{ "Remove" }</button>
                        </li>
                    }) }
                    { for props.edits.rename.iter().map(|(id, name)| html! {
                        <li key={format!("rename-{id}")}>
                            { format!("Renamed {id} to {name}") }
                            <button type="button" class="button small" onclick={undo(Action::UndoRename(id.clone()))}>{ "Undo" }</button>
                        </li>
                    }) }
                    { for props.edits.merge.iter().enumerate().map(|(i, (from, into))| html! {
                        <li key={format!("merge-{i}")}>
                            { format!("Merged {from} into {}", name_of(into)) }
                            <button type="button" class="button small" onclick={undo(Action::UndoMerge(i))}>{ "Undo" }</button>
                        </li>
                    }) }
                    { for props.removed.iter().map(|r| html! {
                        <li key={format!("removed-{}", r.id)}>
                            { format!("Removed {}", r.name) }
                            <button type="button" class="button small" onclick={undo(Action::Restore(r.id.clone()))}>{ "Restore" }</button>
                        </li>
                    }) }
                </ul>
            }
        </section>
    }
}
