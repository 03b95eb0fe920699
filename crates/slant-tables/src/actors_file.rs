//! The actors file of `slant analyze --actors`, `slant batch --actors` and
//! the Python package's `actors=`: the user's actors and edits, read into
//! `slant_core::ActorEdits`. It owns the file's shape and its messages, and
//! must not apply the edits (the engine does).

use serde::Deserialize;
use slant_core::{ActorEdits, ActorKind, ActorSpec};

/// The `--actors` file: `[[actor]]` tables with `name`, `kind`, `aliases` and
/// an optional `id`, plus optional `merge = [["from", "into"]]`,
/// `rename = [["id", "New name"]]` and `remove = ["id"]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ActorsFile {
    #[serde(default)]
    actor: Vec<ActorEntry>,
    #[serde(default)]
    merge: Vec<(String, String)>,
    #[serde(default)]
    rename: Vec<(String, String)>,
    #[serde(default)]
    remove: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ActorEntry {
    name: String,
    #[serde(default)]
    id: String,
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
}

/// Reads an actors file written in TOML (`slant analyze --actors FILE.toml`).
pub fn parse_actors(toml_text: &str) -> Result<ActorEdits, String> {
    let file: ActorsFile = toml::from_str(toml_text).map_err(|e| e.to_string())?;
    edits(file)
}

/// Reads the same fields as JSON (the Python package's `actors={...}`).
pub fn parse_actors_json(json: &str) -> Result<ActorEdits, String> {
    let file: ActorsFile = serde_json::from_str(json).map_err(|e| e.to_string())?;
    edits(file)
}

fn edits(file: ActorsFile) -> Result<ActorEdits, String> {
    let mut add = Vec::new();
    for entry in file.actor {
        if entry.name.trim().is_empty() {
            return Err("an [[actor]] has an empty name".to_string());
        }
        let kind = match entry.kind.as_deref().map(str::trim) {
            None | Some("") => ActorKind::Other,
            Some(k @ ("person" | "country" | "organisation" | "organization" | "other")) => ActorKind::parse(k),
            Some(k) => {
                return Err(format!(
                    "actor `{}` has unknown kind `{k}`: use person, country, organisation or other",
                    entry.name
                ));
            }
        };
        add.push(ActorSpec {
            id: entry.id,
            name: entry.name,
            kind,
            aliases: entry.aliases,
        });
    }
    Ok(ActorEdits {
        add,
        rename: file.rename,
        merge: file.merge,
        remove: file.remove,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_and_toml_read_the_same() {
        let toml = "remove = [\"bbc\"]\n[[actor]]\nname = \"Zoë\"\nkind = \"person\"\naliases = [\"Z\"]\n";
        let json = r#"{"remove": ["bbc"], "actor": [{"name": "Zoë", "kind": "person", "aliases": ["Z"]}]}"#;
        let a = parse_actors(toml).unwrap();
        assert_eq!(a, parse_actors_json(json).unwrap());
        assert_eq!(a.add[0].kind, ActorKind::Person);
        let err = parse_actors_json(r#"{"actor": [{"name": " "}]}"#).unwrap_err();
        assert_eq!(err, "an [[actor]] has an empty name");
    }
}
