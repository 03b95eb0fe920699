//! Prepares the embedded data. The files in `data/` are written for people:
//! comment headers, a note on every lexicon entry, one fact per line. The
//! engine reads a denser form of the same facts, which this script writes
//! to `OUT_DIR`, so the WebAssembly build carries less:
//!
//! - lexicons (`vader`, `afinn`, `news`): one line per valence,
//!   `valence<TAB>term<TAB>term...` (notes dropped);
//! - `calibration`: one term per line;
//! - `gazetteer`: one line per actor, `id<TAB>kind<TAB>field=value<TAB>...`,
//!   keeping the "as of" comment, which the report quotes;
//! - `predicates`: one line per predicate,
//!   `lemma<TAB>pos<TAB>agent<TAB>target<TAB>preps<TAB>form:tags form:tags...`.
//!
//! The files in `data/` stay the source of truth; nothing here changes a fact.

use std::collections::BTreeMap;
use std::path::Path;

fn main() {
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let write = |name: &str, text: String| {
        std::fs::write(Path::new(&out).join(name), text).unwrap_or_else(|e| panic!("cannot write {name}: {e}"));
    };
    for name in ["vader.tsv", "afinn.tsv", "news.tsv"] {
        write(name, lexicon(&read(name)));
    }
    write(
        "calibration.tsv",
        rows(&read("calibration.tsv")).map(|r| format!("{}\n", r[0])).collect(),
    );
    write("gazetteer.tsv", gazetteer(&read("gazetteer.tsv")));
    write("predicates.tsv", predicates(&read("predicates.tsv")));
}

fn read(name: &str) -> String {
    let path = Path::new("data").join(name);
    println!("cargo:rerun-if-changed={}", path.display());
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// The tab-separated columns of every line that is not a comment or blank.
fn rows(text: &str) -> impl Iterator<Item = Vec<&str>> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').collect())
}

/// `term<TAB>valence[<TAB>note]` lines grouped by valence, terms in file order.
fn lexicon(text: &str) -> String {
    let mut by_valence: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for r in rows(text) {
        if let [term, valence, ..] = r[..] {
            by_valence.entry(valence.trim()).or_default().push(term);
        }
    }
    by_valence
        .into_iter()
        .map(|(v, terms)| format!("{v}\t{}\n", terms.join("\t")))
        .collect()
}

/// `id<TAB>kind<TAB>field<TAB>value` facts gathered into one line per actor, in file order.
fn gazetteer(text: &str) -> String {
    let mut out = String::new();
    for line in text
        .lines()
        .filter(|l| l.starts_with('#') && l.to_ascii_lowercase().contains("as of"))
        .take(1)
    {
        out.push_str(line);
        out.push('\n');
    }
    let mut current: Option<(&str, &str)> = None;
    for r in rows(text) {
        let [id, kind, field, value] = r[..] else { continue };
        if current != Some((id, kind)) {
            if current.is_some() {
                out.push('\n');
            }
            out.push_str(id);
            out.push('\t');
            out.push_str(kind);
            current = Some((id, kind));
        }
        out.push('\t');
        out.push_str(field);
        out.push('=');
        out.push_str(value);
    }
    out.push('\n');
    out
}

/// `form<TAB>lemma<TAB>pos<TAB>tag<TAB>agent<TAB>target<TAB>preps` lines
/// gathered into one line per predicate, in order of first appearance.
fn predicates(text: &str) -> String {
    let mut order: Vec<[&str; 5]> = Vec::new();
    let mut forms: BTreeMap<[&str; 5], Vec<String>> = BTreeMap::new();
    for r in rows(text) {
        let [form, lemma, pos, tag, agent, target, preps] = r[..] else {
            continue;
        };
        let key = [lemma, pos, agent, target, preps];
        if !forms.contains_key(&key) {
            order.push(key);
        }
        forms.entry(key).or_default().push(format!("{form}:{tag}"));
    }
    order
        .iter()
        .map(|key| format!("{}\t{}\n", key.join("\t"), forms[key].join(" ")))
        .collect()
}
