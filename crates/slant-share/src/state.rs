//! The shared state: what a link or a saved-analysis file carries, its JSON
//! form, and the file format.
//!
//! This module owns the JSON shape (see the crate docs for the schema) and
//! its version check. It must not know about links: compression and base64
//! belong to `link`.

use serde::{Serialize, Serializer};
use slant_core::{ActorEdits, ActorKind, ActorSpec, Config, LexiconOverride};

use crate::json::{Json, JsonError, Read};
use crate::{FORMAT_VERSION, MAX_FILE, MAX_INFLATED, MAX_TEXT, ShareError};

/// The most articles a state may carry: the first (`text`) and up to seven
/// more in `articles`, as many as the app compares.
const MAX_ARTICLES: usize = slant_core::compare::MAX_ARTICLES;

/// The `"slant"` field of a saved-analysis file.
pub const STATE_FILE_KIND: &str = "share-state";

/// What a share link or a saved-analysis file carries: the article (or the
/// articles of a comparison) and the user's edits, enough to redo the
/// analysis exactly.
///
/// Its serde form is the link's JSON: `"v": 1` first, then the fields, with
/// empty edits left out. Reading ([`SharedState::from_json`]) ignores unknown
/// fields and fills missing ones with their defaults, so later versions can
/// add fields without breaking older links; a `"v"` above 1 is refused.
#[derive(Clone, Debug, Default)]
pub struct SharedState {
    /// The article, as the user pasted it; in a comparison, the first article.
    pub text: String,
    /// The first article's label in a comparison; empty for one article
    /// (the app then shows its default, "Article 1").
    pub label: String,
    /// The second and later articles of a comparison, in order; empty for a
    /// single article. One set of edits applies to every article.
    pub articles: Vec<SharedArticle>,
    /// Actors added, renamed, merged or removed.
    pub actors: ActorEdits,
    /// Lexicon overrides.
    pub lexicon: Vec<LexiconOverride>,
    /// Ids of actors switched off in the UI, kept apart from removed ones so
    /// the app can offer to switch them back on.
    pub switched_off: Vec<String>,
    /// Whether Precise mode (the fine-tuned model's check of every cell) is
    /// on; a state without the field has it off, so older links open as
    /// they did. Opening a state with it on switches the mode on, which
    /// downloads the model.
    pub precise: bool,
    /// The engine that made it ([`crate::provenance`]), when the writer said;
    /// a reader with another engine can warn that scores may differ. It
    /// describes the state rather than being part of it, so two states that
    /// differ only here are equal.
    pub made_by: String,
}

impl PartialEq for SharedState {
    fn eq(&self, other: &SharedState) -> bool {
        self.text == other.text
            && self.label == other.label
            && self.articles == other.articles
            && self.actors == other.actors
            && self.lexicon == other.lexicon
            && self.switched_off == other.switched_off
            && self.precise == other.precise
    }
}

/// One more article of a comparison.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SharedArticle {
    /// What the user called it (outlet, date); empty for the app's default.
    pub label: String,
    /// The article, as the user pasted it.
    pub text: String,
}

impl SharedState {
    /// Every article as (label, text): the first (`label`, `text`), then `articles`.
    pub fn all_articles(&self) -> Vec<(&str, &str)> {
        std::iter::once((self.label.as_str(), self.text.as_str()))
            .chain(self.articles.iter().map(|a| (a.label.as_str(), a.text.as_str())))
            .collect()
    }

    /// Reads the compact JSON of a link or a draft (any JSON object of
    /// the state's shape): unknown fields are ignored, missing ones are
    /// empty, and a `"v"` other than 1 is refused. The state is not cleaned:
    /// see [`crate::sanitize`].
    pub fn from_json(json: &str) -> Result<SharedState, ShareError> {
        let mut j = Json::new(json);
        let (v, state) = read_state(&mut j)
            .and_then(|read| j.end().map(|()| read))
            .map_err(invalid)?;
        check_version(v)?;
        Ok(state)
    }

    /// The compact JSON that a link carries.
    pub fn to_json(&self) -> String {
        crate::write::to_json(self, false)
    }

    /// `base` with this state's edits: actor edits, lexicon overrides, and
    /// the switched-off actors left out of the analysis like removed ones.
    pub fn config(&self, base: Config) -> Config {
        let mut actors = self.actors.clone();
        for id in &self.switched_off {
            if !actors.remove.contains(id) {
                actors.remove.push(id.clone());
            }
        }
        Config {
            actors,
            lexicon: self.lexicon.clone(),
            ..base
        }
    }

    /// Whether [`crate::decode`] and [`read_state_file`] will accept this
    /// state: at most eight articles, each of at most [`MAX_TEXT`] bytes, and
    /// JSON of at most [`MAX_INFLATED`] bytes. The app can check before offering a link.
    pub fn check_limits(&self) -> Result<(), ShareError> {
        check_count(self)?;
        check_articles(self)?;
        if self.to_json().len() > MAX_INFLATED {
            return Err(ShareError::TooBig);
        }
        Ok(())
    }

    pub(crate) fn wire(&self, kind: Option<&'static str>) -> WireOut<'_> {
        WireOut {
            slant: kind,
            v: FORMAT_VERSION,
            text: &self.text,
            label: &self.label,
            articles: &self.articles,
            actors: &self.actors,
            lexicon: &self.lexicon,
            switched_off: &self.switched_off,
            precise: self.precise,
            made_by: &self.made_by,
        }
    }
}

impl Serialize for SharedState {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.wire(None).serialize(s)
    }
}

/// The written form: the version first, empty edits left out.
#[derive(Serialize)]
pub(crate) struct WireOut<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    slant: Option<&'static str>,
    v: u64,
    text: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    label: &'a str,
    #[serde(skip_serializing_if = "is_empty")]
    articles: &'a [SharedArticle],
    #[serde(skip_serializing_if = "no_edits")]
    actors: &'a ActorEdits,
    #[serde(skip_serializing_if = "is_empty")]
    lexicon: &'a [LexiconOverride],
    #[serde(skip_serializing_if = "is_empty")]
    switched_off: &'a [String],
    #[serde(skip_serializing_if = "is_false")]
    precise: bool,
    #[serde(skip_serializing_if = "str::is_empty")]
    made_by: &'a str,
}

fn no_edits(edits: &&ActorEdits) -> bool {
    edits.is_empty()
}

fn is_empty<T>(items: &&[T]) -> bool {
    items.is_empty()
}

fn is_false(on: &bool) -> bool {
    !on
}

fn invalid(e: JsonError) -> ShareError {
    ShareError::Invalid { detail: e.detail }
}

/// The state's fields and its `"v"` (1 when missing), every field
/// optional, unknown fields skipped.
fn read_state(j: &mut Json) -> Read<(u64, SharedState)> {
    let mut v = FORMAT_VERSION;
    let mut state = SharedState::default();
    j.object(&mut |j, key| {
        match key.as_str() {
            "v" => v = j.u64()?,
            "text" => state.text = j.string()?,
            "label" => state.label = j.string()?,
            "articles" => {
                state.articles.clear();
                j.array(&mut |j| {
                    let mut article = SharedArticle::default();
                    j.object(&mut |j, key| {
                        match key.as_str() {
                            "label" => article.label = j.string()?,
                            "text" => article.text = j.string()?,
                            _ => j.skip()?,
                        }
                        Ok(())
                    })?;
                    state.articles.push(article);
                    Ok(())
                })?
            }
            "actors" => state.actors = read_edits(j)?,
            "lexicon" => {
                state.lexicon.clear();
                j.array(&mut |j| {
                    let (mut term, mut valence) = (None, None);
                    j.object(&mut |j, key| {
                        match key.as_str() {
                            "term" => term = Some(j.string()?),
                            "valence" => valence = if j.null()? { None } else { Some(j.f32()?) },
                            _ => j.skip()?,
                        }
                        Ok(())
                    })?;
                    let Some(term) = term else {
                        return j.fail("missing field `term`");
                    };
                    state.lexicon.push(LexiconOverride { term, valence });
                    Ok(())
                })?
            }
            "switched_off" => state.switched_off = j.strings()?,
            "precise" => state.precise = j.bool()?,
            "made_by" => state.made_by = j.string()?,
            _ => j.skip()?,
        }
        Ok(())
    })?;
    Ok((v, state))
}

/// `slant_core::ActorEdits`: each list optional.
fn read_edits(j: &mut Json) -> Read<ActorEdits> {
    let mut edits = ActorEdits::default();
    j.object(&mut |j, key| {
        match key.as_str() {
            "add" => {
                edits.add.clear();
                j.array(&mut |j| {
                    let mut spec = ActorSpec {
                        id: String::new(),
                        name: String::new(),
                        kind: ActorKind::default(),
                        aliases: Vec::new(),
                    };
                    let mut named = false;
                    j.object(&mut |j, key| {
                        match key.as_str() {
                            "id" => spec.id = j.string()?,
                            "name" => (spec.name, named) = (j.string()?, true),
                            "kind" => {
                                let kind = j.string()?;
                                let kinds = [
                                    ActorKind::Person,
                                    ActorKind::Country,
                                    ActorKind::Organisation,
                                    ActorKind::Other,
                                ];
                                match kinds.into_iter().find(|k| k.as_str() == kind) {
                                    Some(k) => spec.kind = k,
                                    None => return j.fail("unknown actor kind"),
                                }
                            }
                            "aliases" => spec.aliases = j.strings()?,
                            _ => j.skip()?,
                        }
                        Ok(())
                    })?;
                    if !named {
                        return j.fail("missing field `name`");
                    }
                    edits.add.push(spec);
                    Ok(())
                })?
            }
            "rename" => edits.rename = read_pairs(j)?,
            "merge" => edits.merge = read_pairs(j)?,
            "remove" => edits.remove = j.strings()?,
            _ => j.skip()?,
        }
        Ok(())
    })?;
    Ok(edits)
}

/// A list of two-string arrays.
fn read_pairs(j: &mut Json) -> Read<Vec<(String, String)>> {
    let mut pairs = Vec::new();
    j.array(&mut |j| {
        let mut pair = Vec::new();
        j.array(&mut |j| {
            if pair.len() == 2 {
                return j.fail("expected a pair");
            }
            pair.push(j.string()?);
            Ok(())
        })?;
        let (Some(b), Some(a)) = (pair.pop(), pair.pop()) else {
            return j.fail("expected a pair");
        };
        pairs.push((a, b));
        Ok(())
    })?;
    Ok(pairs)
}

/// The two fields read before the rest, `"slant"` and `"v"`, so that a newer
/// version is reported as such even when the rest of its shape has changed.
fn read_header(j: &mut Json) -> Read<(Option<String>, Option<u64>)> {
    let (mut slant, mut v) = (None, None);
    j.object(&mut |j, key| {
        match key.as_str() {
            "slant" => slant = if j.null()? { None } else { Some(j.string()?) },
            "v" => v = if j.null()? { None } else { Some(j.u64()?) },
            _ => j.skip()?,
        }
        Ok(())
    })?;
    j.end()?;
    Ok((slant, v))
}

fn check_version(v: u64) -> Result<(), ShareError> {
    match v {
        FORMAT_VERSION => Ok(()),
        0 => Err(ShareError::Invalid {
            detail: "unknown format version 0".into(),
        }),
        version => Err(ShareError::NewerVersion { version }),
    }
}

/// Where JSON came from, for the wording of errors.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Origin {
    Link,
    File,
}

/// Reads the JSON of a link or a file: its header first (kind, version),
/// then the state, then the limits.
pub(crate) fn parse(json: &str, origin: Origin) -> Result<SharedState, ShareError> {
    let body = json.trim_start_matches('\u{feff}').trim();
    let not_a_file = || ShareError::NotAStateFile { found: None };
    if !body.starts_with('{') {
        return Err(match origin {
            Origin::File => not_a_file(),
            Origin::Link => ShareError::Invalid {
                detail: "it is not a JSON object".into(),
            },
        });
    }
    let (slant, v) = match read_header(&mut Json::new(body)) {
        Ok(header) => header,
        // A file that ends early was probably cut short; anything else is another kind of file.
        Err(e) if origin == Origin::File && !e.eof => return Err(not_a_file()),
        Err(e) => return Err(invalid(e)),
    };
    if origin == Origin::File && slant.as_deref() != Some(STATE_FILE_KIND) {
        return Err(ShareError::NotAStateFile { found: slant });
    }
    check_version(v.unwrap_or(FORMAT_VERSION))?;
    let state = SharedState::from_json(body)?;
    check_count(&state)?;
    // Links are capped; files, the way out for longer articles, only by MAX_FILE.
    if origin == Origin::Link {
        check_articles(&state)?;
    }
    Ok(state)
}

/// At most [`MAX_ARTICLES`] articles.
fn check_count(state: &SharedState) -> Result<(), ShareError> {
    let n = state.articles.len().saturating_add(1);
    if n > MAX_ARTICLES {
        return Err(ShareError::Invalid {
            detail: format!("it holds {n} articles; Slant compares up to {MAX_ARTICLES}"),
        });
    }
    Ok(())
}

/// Every article within [`MAX_TEXT`] bytes: the first too long is reported.
fn check_articles(state: &SharedState) -> Result<(), ShareError> {
    match state.all_articles().iter().find(|(_, text)| text.len() > MAX_TEXT) {
        Some((_, text)) => Err(ShareError::TextTooLong { len: text.len() }),
        None => Ok(()),
    }
}

/// The state as a saved-analysis file: pretty JSON with `"slant": "share-state"`
/// and `"v": 1` first, then the same fields as the link's JSON.
pub fn state_file(state: &SharedState) -> String {
    let mut out = crate::write::to_json(&state.wire(Some(STATE_FILE_KIND)), true);
    out.push('\n');
    out
}

/// Reads a file written by [`state_file`]. A leading byte-order mark and
/// surrounding whitespace are ignored; anything that is not such a file
/// (a report export, an article, a newer format) gives a clear error.
pub fn read_state_file(text: &str) -> Result<SharedState, ShareError> {
    if text.len() > MAX_FILE {
        return Err(ShareError::FileTooBig { len: text.len() });
    }
    parse(text, Origin::File).map(crate::sanitize)
}

#[cfg(test)]
pub(crate) mod tests {
    use slant_core::{ActorKind, ActorSpec};

    use super::*;

    /// A state with every kind of edit and multibyte text; the wire tests use it too.
    pub(crate) fn edited() -> SharedState {
        SharedState {
            text: "Élysée said “non”.\n\nRussia attacked Ukraine. 🇺🇦".into(),
            actors: ActorEdits {
                add: vec![ActorSpec {
                    id: String::new(),
                    name: "Élysée".into(),
                    kind: ActorKind::Organisation,
                    aliases: vec!["the Palace".into()],
                }],
                rename: vec![("russia".into(), "Moscow".into())],
                merge: vec![("kyiv".into(), "ukraine".into())],
                remove: vec!["nato".into()],
            },
            lexicon: vec![
                LexiconOverride {
                    term: "attacked".into(),
                    valence: Some(-1.5),
                },
                LexiconOverride {
                    term: "non".into(),
                    valence: None,
                },
            ],
            switched_off: vec!["france".into()],
            ..SharedState::default()
        }
    }

    fn compared() -> SharedState {
        SharedState {
            label: "Le Monde, 2 mai".into(),
            articles: vec![
                SharedArticle {
                    label: "BBC".into(),
                    text: "Macron’s “landmark” deal.\n\nZoë: 🇫🇷".into(),
                },
                SharedArticle {
                    label: String::new(),
                    text: String::new(),
                },
            ],
            ..edited()
        }
    }

    #[test]
    fn precise_mode_is_written_only_when_on_and_read_as_off_when_missing() {
        let off = edited();
        assert!(!off.to_json().contains("precise"), "{}", off.to_json());
        let on = SharedState {
            precise: true,
            ..edited()
        };
        assert_ne!(on, off, "the mode is part of the state");
        let json = on.to_json();
        assert!(json.contains("\"precise\":true"), "{json}");
        assert_eq!(SharedState::from_json(&json).unwrap(), on);
        assert!(read_state_file(&state_file(&on)).unwrap().precise);
        let old = SharedState::from_json(r#"{"v":1,"text":"a"}"#).unwrap();
        assert!(!old.precise);
        for bad in [r#"{"precise":"yes"}"#, r#"{"precise":1}"#, r#"{"precise":tru}"#] {
            assert!(
                matches!(parse(bad, Origin::Link), Err(ShareError::Invalid { .. })),
                "{bad}"
            );
        }
    }

    #[test]
    fn one_article_writes_no_article_fields() {
        let json = edited().to_json();
        assert!(!json.contains("\"label\"") && !json.contains("\"articles\""), "{json}");
        assert_eq!(edited().all_articles(), [("", edited().text.as_str())]);
    }

    #[test]
    fn articles_come_after_the_text_and_round_trip() {
        let state = compared();
        let json = state.to_json();
        let text_at = json.find("\"text\"").unwrap();
        let label_at = json.find("\"label\":\"Le Monde").unwrap();
        let articles_at = json.find("\"articles\"").unwrap();
        let actors_at = json.find("\"actors\"").unwrap();
        assert!(
            text_at < label_at && label_at < articles_at && articles_at < actors_at,
            "{json}"
        );
        let back = SharedState::from_json(&json).unwrap();
        assert_eq!(back, state);
        assert_eq!(
            back.all_articles(),
            [
                ("Le Monde, 2 mai", state.text.as_str()),
                ("BBC", "Macron’s “landmark” deal.\n\nZoë: 🇫🇷"),
                ("", "")
            ]
        );
        // A file comes back cleaned, as every decoded state does.
        assert_eq!(read_state_file(&state_file(&state)).unwrap(), crate::sanitize(state));
    }

    #[test]
    fn articles_read_leniently() {
        let state = parse(
            r#"{"v":1,"text":"a","articles":[{"text":"b"},{"label":"C","text":"c","font":"x"},{}]}"#,
            Origin::Link,
        )
        .unwrap();
        assert_eq!(state.all_articles(), [("", "a"), ("", "b"), ("C", "c"), ("", "")]);
        for bad in [r#"{"articles":{}}"#, r#"{"articles":[{"text":5}]}"#, r#"{"label":[]}"#] {
            assert!(
                matches!(parse(bad, Origin::Link), Err(ShareError::Invalid { .. })),
                "{bad}"
            );
        }
    }

    #[test]
    fn at_most_eight_articles() {
        let articles = |n: usize| SharedState {
            articles: vec![SharedArticle::default(); n],
            ..SharedState::default()
        };
        assert!(parse(&articles(MAX_ARTICLES - 1).to_json(), Origin::Link).is_ok());
        let err = parse(&articles(MAX_ARTICLES).to_json(), Origin::Link).unwrap_err();
        assert_eq!(
            err,
            ShareError::Invalid {
                detail: "it holds 9 articles; Slant compares up to 8".into()
            }
        );
        assert!(
            err.to_string()
                .ends_with("(it holds 9 articles; Slant compares up to 8).")
        );
        assert_eq!(articles(MAX_ARTICLES).check_limits(), Err(err.clone()));
        assert_eq!(read_state_file(&state_file(&articles(MAX_ARTICLES))), Err(err));
    }

    #[test]
    fn every_article_is_within_the_limit() {
        let mut state = compared();
        state.articles[1].text = "a".repeat(MAX_TEXT + 1);
        assert_eq!(state.check_limits(), Err(ShareError::TextTooLong { len: MAX_TEXT + 1 }));
        assert_eq!(
            parse(&state.to_json(), Origin::Link),
            Err(ShareError::TextTooLong { len: MAX_TEXT + 1 })
        );
        // A file may carry it.
        assert_eq!(read_state_file(&state_file(&state)), Ok(crate::sanitize(state)));
    }

    #[test]
    fn json_puts_the_version_first_and_leaves_out_empty_edits() {
        let state = SharedState {
            text: "Hi".into(),
            ..SharedState::default()
        };
        assert_eq!(state.to_json(), r#"{"v":1,"text":"Hi"}"#);
    }

    #[test]
    fn json_round_trips_with_edits() {
        let state = edited();
        let back = SharedState::from_json(&state.to_json()).unwrap();
        assert_eq!(back, state);
    }

    #[test]
    fn unknown_fields_are_ignored_and_missing_ones_default() {
        let state = parse(
            r#"{"v":1,"text":"x","future":{"a":[1,2]},"theme":"dark"}"#,
            Origin::Link,
        )
        .unwrap();
        assert_eq!(state.text, "x");
        assert_eq!(parse("{}", Origin::Link).unwrap(), SharedState::default());
    }

    #[test]
    fn a_newer_version_is_reported_even_with_a_new_shape() {
        let err = parse(r#"{"v":2,"text":{"paragraphs":[]}}"#, Origin::Link).unwrap_err();
        assert_eq!(err, ShareError::NewerVersion { version: 2 });
        let err = SharedState::from_json(r#"{"v":7}"#).unwrap_err();
        assert!(err.to_string().contains("newer version of Slant"));
    }

    #[test]
    fn wrong_shapes_are_invalid() {
        for json in [
            "[1,2]",
            "\"text\"",
            "{\"text\": 5}",
            "{\"v\": \"1\"}",
            "{\"v\": 0}",
            "{\"actors\": {\"add\": [{}]}}",
            "{\"lexicon\": [{\"valence\": 1}]}",
            "{\"text\": \"\\ud800\"}",
            "{\"text\": \"x\"} trailing",
            "{",
        ] {
            assert!(
                matches!(parse(json, Origin::Link), Err(ShareError::Invalid { .. })),
                "{json}"
            );
        }
    }

    #[test]
    fn deep_nesting_is_not_a_stack_overflow() {
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        // serde_json skips unknown fields without recursing, and caps recursion in known ones.
        let ignored = format!("{{\"x\":{deep}}}");
        assert_eq!(parse(&ignored, Origin::Link), Ok(SharedState::default()));
        let known = format!("{{\"actors\":{{\"add\":{deep}}}}}");
        assert!(matches!(parse(&known, Origin::Link), Err(ShareError::Invalid { .. })));
    }

    #[test]
    fn config_leaves_out_switched_off_actors_once() {
        let mut state = edited();
        state.switched_off.push("nato".into());
        let config = state.config(Config::default());
        assert_eq!(config.actors.remove, vec!["nato".to_string(), "france".to_string()]);
        assert_eq!(config.lexicon, state.lexicon);
        assert_eq!(config.smoothing, Config::default().smoothing);
    }

    #[test]
    fn limits_are_checked_before_sharing() {
        assert_eq!(edited().check_limits(), Ok(()));
        let long = SharedState {
            text: "a".repeat(MAX_TEXT + 1),
            ..SharedState::default()
        };
        assert_eq!(long.check_limits(), Err(ShareError::TextTooLong { len: MAX_TEXT + 1 }));
        let many = SharedState {
            switched_off: vec!["x".repeat(1000); 3000],
            ..SharedState::default()
        };
        assert_eq!(many.check_limits(), Err(ShareError::TooBig));
    }

    #[test]
    fn state_files_round_trip() {
        let state = edited();
        let file = state_file(&state);
        assert!(file.starts_with("{\n  \"slant\": \"share-state\",\n  \"v\": 1,\n  \"text\": "));
        assert!(file.ends_with("}\n"));
        // What comes back is cleaned: the added actor gets its id.
        let state = crate::sanitize(state);
        assert_eq!(state.actors.add[0].id, "elysee");
        assert_eq!(read_state_file(&file).unwrap(), state);
        // A byte-order mark and Windows line endings, as an editor may leave them.
        let edited_file = format!("\u{feff}{}", file.replace('\n', "\r\n"));
        assert_eq!(read_state_file(&edited_file).unwrap(), state);
    }

    #[test]
    fn other_files_are_refused_clearly() {
        let not = |found: Option<&str>| ShareError::NotAStateFile {
            found: found.map(String::from),
        };
        assert_eq!(read_state_file("Russia attacked Ukraine."), Err(not(None)));
        assert_eq!(read_state_file(""), Err(not(None)));
        assert_eq!(read_state_file(r#"{"v":1,"text":"x"}"#), Err(not(None)));
        assert_eq!(read_state_file(r#"{"text": 5, "b": }"#), Err(not(None)));
        let report = read_state_file(r#"{"slant":"report","v":1,"report":{}}"#).unwrap_err();
        assert_eq!(report, not(Some("report")));
        assert!(report.to_string().contains("report export"));
        assert_eq!(
            read_state_file(r#"{"slant":"share-state","v":3,"text":[]}"#),
            Err(ShareError::NewerVersion { version: 3 })
        );
        let cut = &state_file(&edited())[..40];
        assert!(matches!(read_state_file(cut), Err(ShareError::Invalid { .. })));
        let big = format!(r#"{{"slant":"share-state","text":"{}"}}"#, "a".repeat(MAX_FILE));
        assert_eq!(read_state_file(&big), Err(ShareError::FileTooBig { len: big.len() }));
        // A file may carry an article too long for a link: that is what it is for.
        let long = format!(r#"{{"slant":"share-state","text":"{}"}}"#, "a".repeat(MAX_TEXT + 1));
        assert_eq!(read_state_file(&long).map(|s| s.text.len()), Ok(MAX_TEXT + 1));
    }
}
