//! The app's state and the one reducer that changes it.
//!
//! The state has three parts: the [`Document`] (the text and the user's
//! edits: what a draft, a link or a file keeps), the [`View`] (selection,
//! sorting, paging: how the user looks at it) and the [`Session`] (the
//! report, the analysis under way, messages, Undo and Restore).
//!
//! The report is computed from the document and nowhere else, and kept as a
//! shared [`ReportRef`]; components read it and dispatch [`Action`]s. The
//! user's actor edits live in `config.actors`, except that switched-off and
//! removed actors are kept apart (so they can be switched back on) and folded
//! into `config.actors.remove` before each analysis.
//!
//! A change to the document (typing, a file, a link, the draft, lexicon and
//! actor edits) asks for a new report by bumping `session.analysis` (see
//! [`State::pending`]). The app sends that request to the analysis worker,
//! which answers with [`Action::Analysed`]; an answer to an older request
//! than the newest is dropped, so the newest edit always wins. `edit_rev`
//! counts the changes a draft keeps, `restore` holds the draft a link opened
//! over, and `undo` the article that New, the example, Clear or a file
//! replaced. This module must not touch the DOM.

use std::ops::Deref;
use std::rc::Rc;

use slant_core::compare::MAX_ARTICLES;
use slant_core::gazetteer::Gazetteer;
use slant_core::{ActorEdits, ActorKind, ActorSpec, Comparison, Config, Origin, Report};
use slant_share::{ShareError, SharedArticle, SharedState};
use yew::Reducible;

use crate::keep::{self, Opening};

/// Opening texts up to this long are analysed in the page (a few
/// milliseconds), so the first chart does not wait for the worker to start.
const OPEN_IN_PAGE: usize = 48 * 1024;

/// The article Slant opens with, embedded at compile time (no fetch).
pub const SEED: &str = include_str!("../seeds/macron-starmer-white-house.txt");

/// A shared report that compares by identity: cheap to pass as a prop.
#[derive(Clone, Debug, Default)]
pub struct ReportRef(pub Rc<Report>);

impl PartialEq for ReportRef {
    fn eq(&self, other: &ReportRef) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl Deref for ReportRef {
    type Target = Report;
    fn deref(&self) -> &Report {
        &self.0
    }
}

/// The selected cell: a paragraph (0-based) and an actor id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Selection {
    pub paragraph: usize,
    pub actor: String,
}

/// What the actor summary is sorted by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SortKey {
    /// The report's order: most mentioned first.
    #[default]
    Mentions,
    Score,
    Name,
}

/// The summary's sort: a key and a direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sort {
    pub key: SortKey,
    pub descending: bool,
}

impl Default for Sort {
    fn default() -> Sort {
        Sort {
            key: SortKey::Mentions,
            descending: true,
        }
    }
}

/// An actor left out of the analysis, remembered so it can be brought back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Excluded {
    pub id: String,
    pub name: String,
    pub kind: ActorKind,
    pub origin: Origin,
}

/// What the Share button made of the state as it was then. `serial` counts
/// the clicks, so that sharing the same state twice copies it twice.
#[derive(Clone, Debug, PartialEq)]
pub enum Share {
    /// The link's fragment, with its `#`.
    Link { fragment: Rc<str>, serial: u64 },
    /// No link: the article is too long for one; the message says so.
    TooLong { message: String, serial: u64 },
}

impl Share {
    pub fn serial(&self) -> u64 {
        match self {
            Share::Link { serial, .. } | Share::TooLong { serial, .. } => *serial,
        }
    }
}

/// An article an action replaced, kept so that Undo can bring it back.
#[derive(Clone, Debug, PartialEq)]
pub struct Replaced {
    /// What happened, for the notice: "Started a new article."
    pub what: &'static str,
    pub previous: Rc<SharedState>,
}

/// Everything the user can do.
// One action per user event, moved once into the reducer: two inline shared
// states (a link and a draft) cost nothing worth a box.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// The textarea's text changed (typed or pasted).
    SetText(String),
    /// Text from elsewhere (a file): replaces the textarea's content.
    LoadText(String),
    LoadExample,
    /// Empties the text and keeps the edits.
    Clear,
    /// Starts afresh: no text, no edits, no overrides.
    New,
    /// Brings back the article the last New, example, Clear, file or restore replaced.
    Undo,
    DismissUndo,
    /// A saved-analysis file: the text and every edit.
    LoadState(SharedState),
    /// A share link opened while the page is open, and the draft saved before it.
    OpenLink {
        link: SharedState,
        draft: Option<SharedState>,
    },
    /// Loads the draft that a link was opened over.
    RestoreDraft,
    DismissRestore,
    /// Sets a word's or phrase's valence; `None` switches it off.
    SetLexicon(String, Option<f32>),
    RemoveLexicon(String),
    /// Makes a share link for the state as it is now.
    Share,
    /// A problem keeping the draft, or `None` once it is solved or dismissed.
    Storage(Option<String>),
    SwitchOff(String),
    SwitchOn(String),
    Rename(String, String),
    UndoRename(String),
    /// (from, into).
    Merge(String, String),
    UndoMerge(usize),
    Add(ActorSpec),
    Remove(String),
    Restore(String),
    Select(Selection),
    Deselect,
    /// Opens a relation (index into `report.relations`) and selects its cell.
    OpenRelation(usize),
    Sort(SortKey),
    ToggleShowAll,
    ToggleTable,
    /// Shows the page of heatmap rows containing this paragraph.
    ShowRows(usize),
    Error(String),
    DismissError,
    DismissVersion,
    /// The worker's answer to analysis request `id`: the report or a message.
    Analysed {
        id: u64,
        report: Result<Rc<Report>, String>,
        ms: Option<f64>,
    },
    /// The worker's answer to a comparison request `id`: one report per
    /// article and their comparison, or a message.
    Compared {
        id: u64,
        result: Result<Compared, String>,
        ms: Option<f64>,
    },
    /// Adds an empty article (up to eight) and edits it.
    AddArticle,
    /// Edits article `i` (0-based).
    SelectArticle(usize),
    RemoveArticle(usize),
    /// Labels article `i`.
    LabelArticle(usize, String),
    /// Selects an actor's row in the comparison, or none.
    SelectCompared(Option<String>),
    /// Switches Precise mode on or off (kept in drafts and links).
    SetPrecise(bool),
    /// A message from Precise mode's model worker.
    Model(crate::precise::Msg),
}

/// A comparison's reports, one per article, and the comparison itself.
#[derive(Clone, Debug, PartialEq)]
pub struct Compared {
    pub reports: Vec<Rc<Report>>,
    pub comparison: Rc<Comparison>,
}

/// One article of the document: its label and text.
#[derive(Clone, Debug, PartialEq)]
pub struct Article {
    /// What the user typed; empty for the default ("Article 2").
    pub label: String,
    pub text: Rc<str>,
}

/// Every article of a comparison request, as (label, text).
pub type Articles = Vec<(String, Rc<str>)>;

/// The label an article shows: the user's, or "Article N".
pub fn label_of(label: &str, i: usize) -> String {
    if label.trim().is_empty() {
        format!("Article {}", i + 1)
    } else {
        label.to_string()
    }
}

/// The longest label kept, in characters.
pub const MAX_LABEL_CHARS: usize = 60;

/// The document: what a draft, a link or a saved file keeps. A change here
/// asks for a new analysis.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    /// The text of the article being edited (`articles[active]`).
    pub text: Rc<str>,
    /// Every article, at least one; the one being edited has `text` as its text.
    pub articles: Vec<Article>,
    /// The article being edited, 0-based.
    pub active: usize,
    /// Bumped whenever `text` changes from outside the textarea, so it is refilled.
    pub text_rev: u64,
    pub config: Config,
    /// Switched off: left out of the analysis until switched back on.
    pub off: Vec<Excluded>,
    /// Removed for good (they can still be restored from the edits list).
    pub removed: Vec<Excluded>,
    /// Bumped on every change a draft keeps (text, actors, lexicon). Opening
    /// a link does not bump it: the stored draft is rewritten only once the
    /// user edits.
    pub edit_rev: u64,
    /// Precise mode: the model checks every cell of the edited article.
    pub precise: bool,
}

/// The view: how the user is looking at the report. Never kept, never analysed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct View {
    pub selection: Option<Selection>,
    pub relation: Option<usize>,
    pub show_all: bool,
    pub table: bool,
    /// The first heatmap row asked for; the page containing it is shown.
    pub first_row: usize,
    pub sort: Sort,
    /// The actor whose evidence the comparison shows side by side.
    pub compared: Option<String>,
}

/// The session: this page's life with the document — its report and the
/// analysis under way, messages, the last share, what Undo and Restore offer.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Session {
    /// The report of the article being edited.
    pub report: ReportRef,
    /// With several articles: every article's report, and their comparison.
    pub reports: Vec<ReportRef>,
    pub comparison: Option<Rc<Comparison>>,
    /// The newest analysis request: bumped whenever the document changes.
    pub analysis: u64,
    /// True from a request until its report arrives: the chart shows progress.
    pub analysing: bool,
    /// How long the last analysis took, where there is a clock.
    pub analysed_ms: Option<f64>,
    pub error: Option<String>,
    /// The last Share, while the state is as it was shared.
    pub share: Option<Share>,
    /// The saved draft a link was opened over, offered back until restored or dismissed.
    pub restore: Option<Rc<SharedState>>,
    pub undo: Option<Replaced>,
    /// Why the draft cannot be kept, if it cannot.
    pub storage: Option<String>,
    /// The loaded state was made by another engine: its scores may differ.
    pub version: Option<String>,
    /// What Precise mode's model has said about the report.
    pub model: crate::precise::ModelRun,
}

/// The app's state: the document, the view and the session.
#[derive(Clone, Debug, PartialEq)]
pub struct State {
    pub doc: Document,
    pub view: View,
    pub session: Session,
}

impl Default for State {
    fn default() -> State {
        State::open(Opening::default())
    }
}

impl State {
    /// The state the page opens with: a link's or the draft's state, or the
    /// seed, with its first analysis requested.
    pub fn open(opening: Opening) -> State {
        let mut s = State::unanalysed(SEED);
        if let Some(state) = opening.state {
            s.load_shared(state);
        }
        s.session.restore = opening.restore.map(Rc::new);
        s.session.error = opening.error;
        s.session.storage = opening.storage;
        s.request_analysis();
        // A short opening text (the seed, most links and drafts) is analysed
        // here, so that the first render already has its chart; a long one,
        // or several articles, go to the worker like every later edit.
        if let Some((id, text, config)) = s.pending().filter(|(_, text, _)| text.len() <= OPEN_IN_PAGE) {
            crate::perf::mark("slant:analyse-start");
            let started = crate::perf::now();
            let report = crate::worker::analyse_here(&text, &config);
            let ms = started.zip(crate::perf::now()).map(|(a, b)| b - a);
            crate::perf::measure("slant:analyse", Some("slant:analyse-start"));
            s.apply(Action::Analysed {
                id,
                report: Ok(Rc::new(report)),
                ms,
            });
        }
        s
    }

    /// A state for `text` with the default config, analysed on the spot.
    #[cfg(test)]
    pub fn new(text: &str) -> State {
        let mut s = State::unanalysed(text);
        s.request_analysis();
        s.settle()
    }

    /// The state with its pending analysis answered here, as the worker would.
    #[cfg(test)]
    pub fn settle(self) -> State {
        if let Some((id, articles, config)) = self.pending_comparison() {
            let compared = crate::worker::compare_here(&articles, &config);
            let mut s = self;
            s.apply(Action::Compared {
                id,
                result: Ok(compared),
                ms: None,
            });
            return s;
        }
        match self.pending() {
            Some((id, text, config)) => {
                let report = crate::worker::analyse_here(&text, &config);
                let mut s = self;
                s.apply(Action::Analysed {
                    id,
                    report: Ok(Rc::new(report)),
                    ms: None,
                });
                s
            }
            None => self,
        }
    }

    fn unanalysed(text: &str) -> State {
        State {
            doc: Document {
                text: Rc::from(text),
                articles: vec![Article {
                    label: String::new(),
                    text: Rc::from(text),
                }],
                active: 0,
                text_rev: 0,
                config: Config::default(),
                off: Vec::new(),
                removed: Vec::new(),
                edit_rev: 0,
                precise: false,
            },
            view: View::default(),
            session: Session::default(),
        }
    }

    /// The text and the user's edits, as a link, a draft or a file carries them.
    pub fn to_shared(&self) -> SharedState {
        let ids = |list: &[Excluded]| list.iter().map(|e| e.id.clone()).collect::<Vec<_>>();
        let mut articles = self.doc.articles.iter().enumerate().map(|(i, a)| SharedArticle {
            label: a.label.clone(),
            text: if i == self.doc.active {
                self.doc.text.to_string()
            } else {
                a.text.to_string()
            },
        });
        let first = articles.next().unwrap_or_default();
        SharedState {
            text: first.text,
            label: first.label,
            articles: articles.collect(),
            actors: ActorEdits {
                add: self.doc.config.actors.add.clone(),
                rename: self.doc.config.actors.rename.clone(),
                merge: self.doc.config.actors.merge.clone(),
                remove: ids(&self.doc.removed),
            },
            lexicon: self.doc.config.lexicon.clone(),
            switched_off: ids(&self.doc.off),
            precise: self.doc.precise,
            made_by: slant_share::provenance(),
        }
    }

    /// Replaces the text and every edit with `shared` (cleaned up first: it
    /// may come from a hostile link). The caller re-analyses.
    fn load_shared(&mut self, shared: SharedState) {
        self.session.version = slant_share::version_notice(&shared);
        let shared = slant_share::sanitize(shared);
        self.doc.articles = shared
            .all_articles()
            .into_iter()
            .take(MAX_ARTICLES)
            .map(|(label, text)| Article {
                label: clean_label(label),
                text: Rc::from(text),
            })
            .collect();
        let excluded = |ids: &[String]| -> Vec<Excluded> {
            ids.iter()
                .map(|id| excluded_by_id(id, &shared.actors, &self.session.report))
                .collect()
        };
        self.doc.off = excluded(&shared.switched_off);
        self.doc.removed = excluded(&shared.actors.remove);
        let ActorEdits { add, rename, merge, .. } = shared.actors;
        self.doc.config.actors = ActorEdits {
            add,
            rename,
            merge,
            remove: Vec::new(),
        };
        self.doc.config.lexicon = shared.lexicon;
        self.doc.precise = shared.precise;
        self.doc.active = self.doc.active.min(self.doc.articles.len() - 1);
        self.doc.text = self.doc.articles[self.doc.active].text.clone();
        self.doc.text_rev += 1;
        self.view.compared = None;
        self.view.selection = None;
        self.view.relation = None;
        self.view.first_row = 0;
        self.session.error = None;
    }

    /// Loads `next` and keeps the current article for Undo when there is
    /// something in it; false when `next` is what is already shown.
    fn replace(&mut self, what: &'static str, next: SharedState) -> bool {
        let previous = self.to_shared();
        if previous == next {
            return false;
        }
        if keep::has_work(&previous) {
            self.session.undo = Some(Replaced {
                what,
                previous: Rc::new(previous),
            });
        }
        self.load_shared(next);
        true
    }

    /// The current articles and edits, with `text` in place of the edited article's text.
    fn with_text(&self, text: String) -> SharedState {
        let mut shared = self.to_shared();
        match self.doc.active.checked_sub(1).and_then(|i| shared.articles.get_mut(i)) {
            Some(article) => article.text = text,
            None => shared.text = text,
        }
        shared
    }

    /// Whether the document holds several articles, which are compared.
    pub fn comparing(&self) -> bool {
        self.doc.articles.len() > 1
    }

    /// Asks for a new report of (text, config): folds the excluded actors
    /// into the config and bumps the request id.
    fn request_analysis(&mut self) {
        let mut remove: Vec<String> = self
            .doc
            .off
            .iter()
            .chain(&self.doc.removed)
            .map(|e| e.id.clone())
            .collect();
        // Through the shared index sort: `sort()` would add a copy of the sort for strings to the page.
        let mut order: Vec<usize> = (0..remove.len()).collect();
        slant_share::sort_indices(&mut order, &|a, b| remove[a].cmp(&remove[b]));
        let mut sorted: Vec<String> = order.into_iter().map(|i| std::mem::take(&mut remove[i])).collect();
        sorted.dedup();
        self.doc.config.actors.remove = sorted;
        self.session.analysis += 1;
        self.session.analysing = true;
    }

    /// The analysis waiting for its report: (id, text, config).
    pub fn pending(&self) -> Option<(u64, Rc<str>, Config)> {
        (self.session.analysing && !self.comparing())
            .then(|| (self.session.analysis, self.doc.text.clone(), self.doc.config.clone()))
    }

    /// The comparison waiting for its reports: (id, every article as
    /// (label, text), config). None with a single article: see [`State::pending`].
    pub fn pending_comparison(&self) -> Option<(u64, Articles, Config)> {
        (self.session.analysing && self.comparing()).then(|| {
            let articles = self
                .doc
                .articles
                .iter()
                .enumerate()
                .map(|(i, a)| {
                    let text = if i == self.doc.active {
                        self.doc.text.clone()
                    } else {
                        a.text.clone()
                    };
                    (label_of(&a.label, i), text)
                })
                .collect();
            (self.session.analysis, articles, self.doc.config.clone())
        })
    }

    /// Takes the reports and comparison of request `id`, if it is the newest.
    fn compared(&mut self, id: u64, compared: Compared, ms: Option<f64>) {
        if id != self.session.analysis || compared.reports.len() != self.doc.articles.len() {
            return;
        }
        self.session.reports = compared.reports.into_iter().map(ReportRef).collect();
        self.session.comparison = Some(compared.comparison);
        let active = self.session.reports[self.doc.active].0.clone();
        self.analysed(id, active, ms);
        if let Some(actor) = &self.view.compared
            && !self
                .session
                .comparison
                .iter()
                .any(|c| c.actors.iter().any(|r| r.id == *actor))
        {
            self.view.compared = None;
        }
    }

    /// Makes article `i` the one being edited, with its report if it has one.
    fn edit_article(&mut self, i: usize) {
        let active = self.doc.active;
        self.doc.articles[active].text = self.doc.text.clone();
        self.doc.active = i;
        self.doc.text = self.doc.articles[i].text.clone();
        self.doc.text_rev += 1;
        self.view.selection = None;
        self.view.relation = None;
        self.view.first_row = 0;
        if let Some(report) = self.session.reports.get(i) {
            self.session.report = report.clone();
        }
    }

    /// Takes the report of request `id`, if it is the newest, and drops
    /// selections that no longer fit.
    fn analysed(&mut self, id: u64, report: Rc<Report>, ms: Option<f64>) {
        if id != self.session.analysis {
            return;
        }
        self.session.analysing = false;
        self.session.analysed_ms = ms;
        self.session.report = ReportRef(report);
        self.view.relation = None;
        if let Some(sel) = &self.view.selection
            && (sel.paragraph >= self.session.report.paragraphs.len()
                || self.session.report.actor_index(&sel.actor).is_none())
        {
            self.view.selection = None;
        }
        if self.view.first_row >= self.session.report.paragraphs.len() {
            self.view.first_row = 0;
        }
    }

    /// The excluded record of a current actor, if it is in the report.
    fn excluded(&self, id: &str) -> Option<Excluded> {
        self.session.report.actor(id).map(|a| Excluded {
            id: a.id.clone(),
            name: a.name.clone(),
            kind: a.kind,
            origin: a.origin,
        })
    }

    /// Applies an action; true when the text or config changed and the report must be rebuilt.
    fn apply(&mut self, action: Action) -> bool {
        match action {
            Action::SetText(text) => {
                if *self.doc.text == *text {
                    return false;
                }
                self.doc.text = Rc::from(text);
                self.doc.articles[self.doc.active].text = self.doc.text.clone();
                true
            }
            Action::AddArticle => {
                if self.doc.articles.len() >= MAX_ARTICLES {
                    self.session.error = Some(format!("Slant compares up to {MAX_ARTICLES} articles."));
                    return false;
                }
                self.doc.articles.push(Article {
                    label: String::new(),
                    text: Rc::from(""),
                });
                self.edit_article(self.doc.articles.len() - 1);
                true
            }
            Action::SelectArticle(i) => {
                if i < self.doc.articles.len() && i != self.doc.active {
                    self.edit_article(i);
                }
                false
            }
            Action::RemoveArticle(i) => {
                if i >= self.doc.articles.len() || self.doc.articles.len() < 2 {
                    return false;
                }
                let active = self.doc.active;
                self.doc.articles[active].text = self.doc.text.clone();
                self.doc.articles.remove(i);
                if self.session.reports.len() > i {
                    self.session.reports.remove(i);
                }
                self.session.comparison = None;
                let next = if active > i {
                    active - 1
                } else {
                    active.min(self.doc.articles.len() - 1)
                };
                self.doc.active = next;
                self.doc.text = self.doc.articles[next].text.clone();
                self.doc.text_rev += 1;
                self.view.selection = None;
                self.view.relation = None;
                self.view.compared = None;
                self.view.first_row = 0;
                if let Some(report) = self.session.reports.get(next) {
                    self.session.report = report.clone();
                }
                if !self.comparing() {
                    self.session.reports.clear();
                }
                true
            }
            Action::LabelArticle(i, label) => {
                let label = clean_label(&label);
                match self.doc.articles.get_mut(i) {
                    Some(a) if a.label != label => {
                        a.label = label;
                        // A label changes no score: the comparison takes it
                        // without a new analysis, and the draft keeps it.
                        if let Some(c) = &mut self.session.comparison
                            && i < c.articles.len()
                        {
                            Rc::make_mut(c).articles[i].label = label_of(&self.doc.articles[i].label, i);
                        }
                        self.doc.edit_rev += 1;
                        self.session.share = None;
                    }
                    _ => {}
                }
                false
            }
            Action::SelectCompared(actor) => {
                self.view.compared = actor;
                false
            }
            Action::SetPrecise(on) => {
                if self.doc.precise != on {
                    self.doc.precise = on;
                    // Kept like an edit, though the engine's report is the same.
                    self.doc.edit_rev += 1;
                    self.session.share = None;
                }
                if !on {
                    self.session.model = crate::precise::ModelRun::default();
                }
                false
            }
            Action::Model(msg) => {
                if self.doc.precise {
                    self.session.model.apply(msg);
                }
                false
            }
            Action::LoadText(text) => {
                let next = self.with_text(text);
                self.replace("Opened a file in place of your article.", next)
            }
            Action::LoadExample => {
                let next = self.with_text(SEED.to_string());
                self.replace("Loaded the example in place of your article.", next)
            }
            Action::Clear => {
                let next = self.with_text(String::new());
                self.replace("Cleared the text.", next)
            }
            Action::New => self.replace("Started a new article.", SharedState::default()),
            Action::Undo => match self.session.undo.take() {
                Some(r) => {
                    self.load_shared((*r.previous).clone());
                    true
                }
                None => false,
            },
            Action::DismissUndo => {
                self.session.undo = None;
                false
            }
            Action::LoadState(shared) => self.replace("Opened a saved analysis in place of your article.", shared),
            Action::OpenLink { link, draft } => {
                let link = slant_share::sanitize(link);
                self.session.error = None;
                if self.to_shared() == link {
                    return false;
                }
                self.session.restore = draft.filter(|d| *d != link && keep::has_work(d)).map(Rc::new);
                self.session.undo = None;
                self.load_shared(link);
                true
            }
            Action::RestoreDraft => match self.session.restore.take() {
                Some(draft) => self.replace(
                    "Restored your saved draft in place of the shared article.",
                    (*draft).clone(),
                ),
                None => false,
            },
            Action::DismissRestore => {
                self.session.restore = None;
                false
            }
            Action::SetLexicon(term, valence) => {
                if keep::set_override(&mut self.doc.config.lexicon, &term, valence) {
                    true
                } else {
                    self.session.error = Some(format!(
                        "Type a word or phrase of up to {} characters, and a valence from −4 to +4.",
                        keep::MAX_TERM_CHARS
                    ));
                    false
                }
            }
            Action::RemoveLexicon(term) => {
                let before = self.doc.config.lexicon.len();
                self.doc.config.lexicon.retain(|o| o.term != term);
                self.doc.config.lexicon.len() != before
            }
            Action::Share => {
                let shared = self.to_shared();
                let serial = self.session.share.as_ref().map_or(0, Share::serial) + 1;
                self.session.share = Some(match shared.check_limits() {
                    Ok(()) => Share::Link {
                        fragment: Rc::from(slant_share::encode(&shared)),
                        serial,
                    },
                    Err(ShareError::TextTooLong { len }) => Share::TooLong {
                        message: keep::too_long_for_link(len),
                        serial,
                    },
                    Err(e) => Share::TooLong {
                        message: format!("{e} Download this analysis as a file instead."),
                        serial,
                    },
                });
                false
            }
            Action::Storage(message) => {
                self.session.storage = message;
                false
            }
            Action::SwitchOff(id) => match self.excluded(&id) {
                Some(e) if !self.doc.off.iter().any(|o| o.id == id) => {
                    self.doc.off.push(e);
                    true
                }
                _ => false,
            },
            Action::SwitchOn(id) => {
                let before = self.doc.off.len();
                self.doc.off.retain(|o| o.id != id);
                self.doc.off.len() != before
            }
            Action::Rename(id, name) => {
                let name = name.trim().to_string();
                if name.is_empty() {
                    return false;
                }
                let renames = &mut self.doc.config.actors.rename;
                match renames.iter_mut().find(|(i, _)| *i == id) {
                    Some(entry) if entry.1 == name => return false,
                    Some(entry) => entry.1 = name,
                    None => renames.push((id, name)),
                }
                true
            }
            Action::UndoRename(id) => {
                let renames = &mut self.doc.config.actors.rename;
                let before = renames.len();
                renames.retain(|(i, _)| *i != id);
                renames.len() != before
            }
            Action::Merge(from, into) => {
                if from == into || from.is_empty() || into.is_empty() {
                    return false;
                }
                let merges = &mut self.doc.config.actors.merge;
                if merges.iter().any(|(f, i)| *f == from && *i == into) {
                    return false;
                }
                merges.push((from, into));
                true
            }
            Action::UndoMerge(i) => {
                if i < self.doc.config.actors.merge.len() {
                    self.doc.config.actors.merge.remove(i);
                    true
                } else {
                    false
                }
            }
            Action::Add(mut spec) => {
                spec.name = spec.name.trim().to_string();
                spec.aliases = spec
                    .aliases
                    .iter()
                    .map(|a| a.trim().to_string())
                    .filter(|a| !a.is_empty())
                    .collect();
                if spec.name.is_empty() {
                    self.session.error = Some("Give the actor a name before adding it.".to_string());
                    return false;
                }
                let base = slant_core::actors::slug(&spec.name);
                let taken = |id: &str, s: &State| s.doc.config.actors.add.iter().any(|a| a.id == id);
                let mut id = base.clone();
                let mut n = 2;
                while taken(&id, self) {
                    id = format!("{base}-{n}");
                    n += 1;
                }
                spec.id = id;
                self.doc.config.actors.add.push(spec);
                true
            }
            Action::Remove(id) => {
                let added = &mut self.doc.config.actors.add;
                if let Some(i) = added.iter().position(|a| a.id == id) {
                    added.remove(i);
                    self.doc.config.actors.rename.retain(|(i, _)| *i != id);
                    self.doc.config.actors.merge.retain(|(f, i)| *f != id && *i != id);
                    self.doc.off.retain(|o| o.id != id);
                    return true;
                }
                let Some(e) = self
                    .excluded(&id)
                    .or_else(|| self.doc.off.iter().find(|o| o.id == id).cloned())
                else {
                    return false;
                };
                self.doc.off.retain(|o| o.id != id);
                if !self.doc.removed.iter().any(|r| r.id == id) {
                    self.doc.removed.push(e);
                }
                true
            }
            Action::Restore(id) => {
                let before = self.doc.removed.len();
                self.doc.removed.retain(|r| r.id != id);
                self.doc.removed.len() != before
            }
            Action::Select(sel) => {
                if sel.paragraph < self.session.report.paragraphs.len()
                    && self.session.report.actor_index(&sel.actor).is_some()
                {
                    self.view.first_row = sel.paragraph;
                    self.view.selection = Some(sel);
                    self.view.relation = None;
                }
                false
            }
            Action::Deselect => {
                self.view.selection = None;
                self.view.relation = None;
                false
            }
            Action::OpenRelation(i) => {
                if let Some(r) = self.session.report.relations.get(i) {
                    self.view.selection = Some(Selection {
                        paragraph: r.paragraph,
                        actor: self.session.report.actors[r.target].id.clone(),
                    });
                    self.view.first_row = r.paragraph;
                    self.view.relation = Some(i);
                }
                false
            }
            Action::Sort(key) => {
                self.view.sort = if self.view.sort.key == key {
                    Sort {
                        key,
                        descending: !self.view.sort.descending,
                    }
                } else {
                    Sort {
                        key,
                        // Names read best A to Z; numbers biggest first.
                        descending: key != SortKey::Name,
                    }
                };
                false
            }
            Action::ToggleShowAll => {
                self.view.show_all = !self.view.show_all;
                false
            }
            Action::ToggleTable => {
                self.view.table = !self.view.table;
                false
            }
            Action::ShowRows(first) => {
                self.view.first_row = first.min(self.session.report.paragraphs.len().saturating_sub(1));
                false
            }
            Action::Error(message) => {
                self.session.error = Some(message);
                false
            }
            Action::DismissError => {
                self.session.error = None;
                false
            }
            Action::DismissVersion => {
                self.session.version = None;
                false
            }
            Action::Compared { id, result, ms } => {
                match result {
                    Ok(compared) => self.compared(id, compared, ms),
                    Err(message) if id == self.session.analysis => {
                        self.session.analysing = false;
                        self.session.error = Some(message);
                    }
                    Err(_) => {}
                }
                false
            }
            Action::Analysed { id, report, ms } => {
                match report {
                    Ok(report) if id == self.session.analysis => {
                        self.session.reports.clear();
                        self.session.comparison = None;
                        self.analysed(id, report, ms);
                    }
                    Ok(_) => {}
                    Err(message) if id == self.session.analysis => {
                        self.session.analysing = false;
                        self.session.error = Some(message);
                    }
                    Err(_) => {}
                }
                false
            }
        }
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let keeps = !matches!(action, Action::OpenLink { .. });
        let mut next = (*self).clone();
        if next.apply(action) {
            next.request_analysis();
            // A link made before this change no longer describes the state.
            next.session.share = None;
            if keeps {
                next.doc.edit_rev += 1;
            }
        }
        Rc::new(next)
    }
}

/// A label as kept: trimmed, at most [`MAX_LABEL_CHARS`] characters.
fn clean_label(label: &str) -> String {
    label.trim().chars().take(MAX_LABEL_CHARS).collect()
}

/// The record of an actor left out by a shared state, named from the
/// current report, the state's own edits or the gazetteer, in that order.
/// Actors found by discovery are named from their id ("bridget-phillipson"
/// reads "Bridget Phillipson") rather than by analysing the text twice.
fn excluded_by_id(id: &str, edits: &ActorEdits, report: &Report) -> Excluded {
    let renamed = edits.rename.iter().find(|(i, _)| i == id).map(|(_, n)| n.clone());
    if let Some(a) = report.actor(id) {
        return Excluded {
            id: id.to_string(),
            name: renamed.unwrap_or_else(|| a.name.clone()),
            kind: a.kind,
            origin: a.origin,
        };
    }
    if let Some(spec) = edits.add.iter().find(|s| s.id == id) {
        return Excluded {
            id: id.to_string(),
            name: renamed.unwrap_or_else(|| spec.name.clone()),
            kind: spec.kind,
            origin: Origin::User,
        };
    }
    let gazetteer = Gazetteer::builtin();
    if let Some(g) = gazetteer.by_id(id).and_then(|i| gazetteer.actors.get(i)) {
        return Excluded {
            id: id.to_string(),
            name: renamed.unwrap_or_else(|| g.name.to_string()),
            kind: g.kind,
            origin: Origin::Gazetteer,
        };
    }
    let humanised = id
        .split('-')
        .filter(|w| !w.is_empty())
        .map(capitalise)
        .collect::<Vec<_>>()
        .join(" ");
    Excluded {
        id: id.to_string(),
        name: renamed.unwrap_or(humanised),
        kind: ActorKind::Other,
        origin: Origin::Discovered,
    }
}

/// `word` with its first letter in upper case. In the page a non-ASCII
/// letter goes through JavaScript's `toUpperCase`, the same Unicode mapping:
/// `char::to_uppercase` would add its 12 KB case table to the page.
fn capitalise(word: &str) -> String {
    let mut rest = word.chars();
    let Some(first) = rest.next() else {
        return String::new();
    };
    let mut out = if first.is_ascii() {
        first.to_ascii_uppercase().to_string()
    } else {
        #[cfg(target_arch = "wasm32")]
        let upper = String::from(js_sys::JsString::from(first.to_string()).to_upper_case());
        #[cfg(not(target_arch = "wasm32"))]
        let upper = first.to_uppercase().collect();
        upper
    };
    out.push_str(rest.as_str());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_capitalised_as_unicode_says() {
        assert_eq!(capitalise("le"), "Le");
        assert_eq!(capitalise("élysée"), "Élysée");
        assert_eq!(capitalise("ßx"), "SSx");
        assert_eq!(capitalise("9th"), "9th");
        assert_eq!(capitalise(""), "");
    }

    /// Applies `actions` in turn, answering each analysis request as the worker would.
    fn run(state: State, actions: impl IntoIterator<Item = Action>) -> State {
        let mut s = Rc::new(state.settle());
        for a in actions {
            s = s.reduce(a);
            s = Rc::new(Rc::try_unwrap(s).unwrap_or_else(|rc| (*rc).clone()).settle());
        }
        Rc::try_unwrap(s).unwrap_or_else(|rc| (*rc).clone())
    }

    fn ids(s: &State) -> Vec<String> {
        s.session.report.actors.iter().map(|a| a.id.clone()).collect()
    }

    const SHORT: &str = "Russia attacked Ukraine.\n\nBritain praised Ukraine.";

    #[test]
    fn only_the_newest_request_is_taken() {
        let s = run(State::new(SHORT), []);
        let old = s.session.report.clone();
        // Two edits in a row; the first one's answer arrives late.
        let mut s = Rc::new(s).reduce(Action::SetText("Russia attacked.".into()));
        let first = s.pending().unwrap();
        s = s.reduce(Action::SetText("France praised Kenya.".into()));
        assert!(s.session.analysing);
        let (id, text, config) = s.pending().unwrap();
        assert_eq!(id, first.0 + 1);
        let late = crate::worker::analyse_here(&first.1, &first.2);
        s = s.reduce(Action::Analysed {
            id: first.0,
            report: Ok(Rc::new(late)),
            ms: None,
        });
        assert!(s.session.analysing, "a stale answer is dropped");
        assert_eq!(s.session.report, old);
        s = s.reduce(Action::Analysed {
            id,
            report: Ok(Rc::new(crate::worker::analyse_here(&text, &config))),
            ms: Some(1.5),
        });
        assert!(!s.session.analysing);
        assert!(s.session.report.actor("kenya").is_some());
        assert_eq!(s.session.analysed_ms, Some(1.5));
    }

    #[test]
    fn a_link_from_another_engine_says_its_scores_may_differ() {
        let mut shared = State::new(SHORT).to_shared();
        assert_eq!(shared.made_by, slant_share::provenance());
        let s = run(State::new(""), [Action::LoadState(shared.clone())]);
        assert_eq!(s.session.version, None);
        shared.made_by = "slant 0.0.1+data.000000000000".into();
        let s = run(State::new(""), [Action::LoadState(shared)]);
        assert!(s.session.version.as_deref().unwrap().contains("may differ"));
        let s = run(s, [Action::DismissVersion]);
        assert_eq!(s.session.version, None);
    }

    #[test]
    fn a_short_opening_text_is_charted_at_once_and_a_long_one_waits_for_the_worker() {
        let opened = State::open(Opening::default());
        assert!(!opened.session.analysing);
        assert_eq!(opened.session.report.paragraphs.len(), 18);
        let long = "Russia attacked Ukraine.\n\n".repeat(OPEN_IN_PAGE / 20);
        let opened = State::open(Opening {
            state: Some(SharedState {
                text: long,
                ..SharedState::default()
            }),
            ..Opening::default()
        });
        assert!(opened.session.analysing, "a long link goes to the worker");
        assert!(opened.pending().is_some());
        assert!(opened.session.report.paragraphs.is_empty());
    }

    #[test]
    fn a_failed_analysis_says_why_and_stops_waiting() {
        let s = Rc::new(State::new(SHORT)).reduce(Action::SetText("Russia attacked.".into()));
        let id = s.session.analysis;
        let s = s.reduce(Action::Analysed {
            id,
            report: Err("The analysis failed in its worker.".into()),
            ms: None,
        });
        assert!(!s.session.analysing);
        assert_eq!(s.session.error.as_deref(), Some("The analysis failed in its worker."));
    }

    #[test]
    fn the_seed_is_analysed_at_start() {
        let s = State::default().settle();
        assert_eq!(s.session.report.paragraphs.len(), 18);
        assert!(!s.session.report.actors.is_empty());
        assert_eq!(&*s.doc.text, SEED);
    }

    #[test]
    fn new_text_is_analysed_and_clear_empties() {
        let s = run(State::default(), [Action::SetText(SHORT.into())]);
        assert_eq!(s.session.report.paragraphs.len(), 2);
        assert_eq!(s.doc.text_rev, 0, "typing does not refill the textarea");
        for id in ["russia", "ukraine", "united-kingdom"] {
            assert!(ids(&s).contains(&id.to_string()), "{id} in {:?}", ids(&s));
        }
        let s = run(s, [Action::Clear]);
        assert!(s.session.report.paragraphs.is_empty());
        assert_eq!(s.doc.text_rev, 1);
        let s = run(s, [Action::LoadExample]);
        assert_eq!(s.session.report.paragraphs.len(), 18);
        assert_eq!(s.doc.text_rev, 2);
    }

    #[test]
    fn the_same_text_keeps_the_same_report() {
        let s = Rc::new(State::new(SHORT));
        let t = s.clone().reduce(Action::SetText(SHORT.into()));
        assert_eq!(s.session.report, t.session.report);
    }

    #[test]
    fn switching_off_and_on() {
        let s = run(State::new(SHORT), [Action::SwitchOff("russia".into())]);
        assert!(!ids(&s).contains(&"russia".to_string()));
        assert_eq!(s.doc.config.actors.remove, ["russia"]);
        assert_eq!(s.doc.off[0].name, "Russia");
        let s = run(s, [Action::SwitchOn("russia".into())]);
        assert!(ids(&s).contains(&"russia".to_string()));
        assert!(s.doc.config.actors.remove.is_empty());
    }

    #[test]
    fn removing_and_restoring() {
        let s = run(State::new(SHORT), [Action::Remove("ukraine".into())]);
        assert!(!ids(&s).contains(&"ukraine".to_string()));
        assert_eq!(s.doc.removed.len(), 1);
        let s = run(s, [Action::Restore("ukraine".into())]);
        assert!(ids(&s).contains(&"ukraine".to_string()));
    }

    #[test]
    fn renaming_and_merging() {
        let s = run(
            State::new(SHORT),
            [
                Action::Rename("united-kingdom".into(), "  Britain  ".into()),
                Action::Merge("russia".into(), "ukraine".into()),
            ],
        );
        assert_eq!(s.session.report.actor("united-kingdom").unwrap().name, "Britain");
        assert!(s.session.report.actor("russia").is_none());
        let s = run(s, [Action::UndoMerge(0), Action::UndoRename("united-kingdom".into())]);
        assert!(s.session.report.actor("russia").is_some());
        assert_eq!(s.session.report.actor("united-kingdom").unwrap().name, "United Kingdom");
        // Empty names and self-merges are ignored.
        let t = run(
            s.clone(),
            [
                Action::Rename("russia".into(), " ".into()),
                Action::Merge("x".into(), "x".into()),
            ],
        );
        assert_eq!(t.doc.config, s.doc.config);
    }

    #[test]
    fn adding_an_actor_with_aliases() {
        let text = "The Wagner group advanced. Wagner fighters were praised.";
        let spec = ActorSpec {
            id: String::new(),
            name: "Wagner Group".into(),
            kind: ActorKind::Organisation,
            aliases: vec![" Wagner ".into(), "".into()],
        };
        let s = run(State::new(text), [Action::Add(spec.clone())]);
        let a = s.session.report.actor("wagner-group").expect("added actor");
        assert_eq!(a.origin, Origin::User);
        assert_eq!(s.doc.config.actors.add[0].aliases, ["Wagner"]);
        // Adding another with the same name gets a fresh id; removing drops it from `add`.
        let s = run(s, [Action::Add(spec)]);
        assert_eq!(s.doc.config.actors.add[1].id, "wagner-group-2");
        let s = run(s, [Action::Remove("wagner-group".into())]);
        assert_eq!(s.doc.config.actors.add.len(), 1);
        assert!(s.doc.removed.is_empty());
    }

    #[test]
    fn adding_without_a_name_is_an_error() {
        let s = run(
            State::new(SHORT),
            [Action::Add(ActorSpec {
                id: String::new(),
                name: "  ".into(),
                kind: ActorKind::Other,
                aliases: vec![],
            })],
        );
        assert!(s.session.error.is_some());
        assert!(s.doc.config.actors.add.is_empty());
        let s = run(s, [Action::DismissError]);
        assert!(s.session.error.is_none());
    }

    #[test]
    fn selection_survives_reanalysis_only_while_it_fits() {
        let sel = Selection {
            paragraph: 1,
            actor: "ukraine".into(),
        };
        let s = run(State::new(SHORT), [Action::Select(sel.clone())]);
        assert_eq!(s.view.selection, Some(sel.clone()));
        let s = run(s, [Action::SetText(format!("{SHORT}\n\nMore text."))]);
        assert_eq!(s.view.selection, Some(sel));
        let s = run(s, [Action::SetText("Russia attacked.".into())]);
        assert_eq!(s.view.selection, None);
        // Selecting something that is not there does nothing.
        let s = run(
            s,
            [Action::Select(Selection {
                paragraph: 9,
                actor: "russia".into(),
            })],
        );
        assert_eq!(s.view.selection, None);
    }

    #[test]
    fn opening_a_relation_selects_its_target() {
        let s = State::default().settle();
        assert!(!s.session.report.relations.is_empty(), "the seed has speech");
        let r = s.session.report.relations[0].clone();
        let s = run(s, [Action::OpenRelation(0)]);
        assert_eq!(s.view.relation, Some(0));
        let sel = s.view.selection.unwrap();
        assert_eq!(sel.paragraph, r.paragraph);
        assert_eq!(sel.actor, s.session.report.actors[r.target].id);
    }

    #[test]
    fn sorting_toggles_direction_on_the_same_key() {
        let s = run(State::new(SHORT), [Action::Sort(SortKey::Name)]);
        assert_eq!(
            s.view.sort,
            Sort {
                key: SortKey::Name,
                descending: false
            }
        );
        let s = run(s, [Action::Sort(SortKey::Name), Action::Sort(SortKey::Score)]);
        assert_eq!(
            s.view.sort,
            Sort {
                key: SortKey::Score,
                descending: true
            }
        );
    }

    #[test]
    fn view_toggles_and_paging() {
        let s = run(
            State::default(),
            [Action::ToggleShowAll, Action::ToggleTable, Action::ShowRows(999)],
        );
        assert!(s.view.show_all && s.view.table);
        assert_eq!(s.view.first_row, 17);
    }

    fn scores(s: &State) -> Vec<(usize, String, String)> {
        s.session
            .report
            .cells
            .iter()
            .map(|c| {
                (
                    c.paragraph,
                    s.session.report.actors[c.actor].id.clone(),
                    c.score.to_string(),
                )
            })
            .collect()
    }

    fn edited() -> State {
        run(
            State::new(SHORT),
            [
                Action::Add(ActorSpec {
                    id: String::new(),
                    name: "Kremlin".into(),
                    kind: ActorKind::Organisation,
                    aliases: vec![],
                }),
                Action::SwitchOff("ukraine".into()),
                Action::Remove("united-kingdom".into()),
                Action::Rename("russia".into(), "Moscow".into()),
                Action::SetLexicon("Attacked".into(), Some(-3.5)),
            ],
        )
    }

    #[test]
    fn a_shared_state_opens_as_the_same_analysis() {
        let s = edited();
        let shared = s.to_shared();
        assert_eq!(shared.switched_off, ["ukraine"]);
        assert_eq!(shared.actors.remove, ["united-kingdom"]);
        assert_eq!(shared.lexicon[0].term, "attacked");
        let opened = State::open(Opening {
            state: Some(shared.clone()),
            ..Opening::default()
        })
        .settle();
        assert_eq!(opened.to_shared(), shared);
        assert_eq!(scores(&opened), scores(&s));
        assert_eq!(opened.doc.config.actors.remove, s.doc.config.actors.remove);
        // Switched-off and removed actors are named for the panels.
        assert_eq!(opened.doc.off[0].name, "Ukraine");
        assert_eq!(opened.doc.removed[0].name, "United Kingdom");
        assert_eq!(opened.doc.edit_rev, 0, "opening is not an edit");
    }

    #[test]
    fn actors_missing_from_the_report_are_named_from_their_ids() {
        let shared = SharedState {
            text: "Nothing here.".into(),
            switched_off: vec!["bridget-phillipson".into(), "france".into()],
            ..SharedState::default()
        };
        let s = State::open(Opening {
            state: Some(shared),
            ..Opening::default()
        });
        let names: Vec<&str> = s.doc.off.iter().map(|o| o.name.as_str()).collect();
        assert_eq!(names, ["Bridget Phillipson", "France"]);
        assert_eq!(s.doc.off[1].origin, Origin::Gazetteer);
    }

    #[test]
    fn lexicon_overrides_change_scores_and_are_clamped() {
        let base = State::new("Russia was cruel.");
        let russia = |s: &State| s.session.report.actor("russia").unwrap().score;
        let s = run(base.clone(), [Action::SetLexicon("Cruel".into(), Some(40.0))]);
        assert_eq!(s.doc.config.lexicon[0].valence, Some(4.0));
        assert!(russia(&s) > russia(&base), "{} > {}", russia(&s), russia(&base));
        let s = run(s, [Action::RemoveLexicon("cruel".into())]);
        assert_eq!(russia(&s), russia(&base));
        let s = run(s, [Action::SetLexicon("  ".into(), Some(1.0))]);
        assert!(s.session.error.is_some() && s.doc.config.lexicon.is_empty());
    }

    #[test]
    fn new_starts_afresh_and_undo_brings_the_article_back() {
        let s = edited();
        let before = s.to_shared();
        let s = run(s, [Action::New]);
        assert_eq!(s.to_shared(), SharedState::default());
        assert!(s.session.report.paragraphs.is_empty());
        assert_eq!(s.session.undo.as_ref().unwrap().what, "Started a new article.");
        let s = run(s, [Action::Undo]);
        assert_eq!(s.to_shared(), before);
        assert!(s.session.undo.is_none());
        // Nothing to undo after New on an empty article.
        let s = run(State::new(""), [Action::New]);
        assert!(s.session.undo.is_none());
    }

    #[test]
    fn edits_count_for_the_draft_and_views_do_not() {
        let s = run(State::new(SHORT), [Action::ToggleTable, Action::Sort(SortKey::Name)]);
        assert_eq!(s.doc.edit_rev, 0);
        let s = run(
            s,
            [
                Action::SetText("Russia attacked.".into()),
                Action::SwitchOff("russia".into()),
            ],
        );
        assert_eq!(s.doc.edit_rev, 2);
    }

    #[test]
    fn a_link_opened_later_keeps_the_draft_to_restore() {
        let draft = edited().to_shared();
        let link = SharedState {
            text: "Britain praised Ukraine.".into(),
            ..SharedState::default()
        };
        let s = run(
            State::new(SHORT),
            [Action::OpenLink {
                link: link.clone(),
                draft: Some(draft.clone()),
            }],
        );
        assert_eq!(s.to_shared(), link);
        assert_eq!(
            s.doc.edit_rev, 0,
            "the stored draft is not rewritten until the user edits"
        );
        assert_eq!(s.session.restore.as_deref(), Some(&draft));
        let s = run(s, [Action::SetText("Britain praised Ukraine again.".into())]);
        assert_eq!(s.doc.edit_rev, 1);
        let s = run(s, [Action::RestoreDraft]);
        assert_eq!(s.to_shared(), draft);
        assert!(s.session.restore.is_none());
        assert!(s.session.undo.is_some(), "the shared article can be brought back");
    }

    #[test]
    fn sharing_makes_a_link_until_the_next_edit() {
        let s = run(edited(), [Action::Share]);
        let Some(Share::Link { fragment, serial }) = s.session.share.clone() else {
            panic!("{:?}", s.session.share)
        };
        assert_eq!(serial, 1);
        assert_eq!(slant_share::decode(&fragment), Ok(s.to_shared()));
        let s = run(s, [Action::Share]);
        assert_eq!(s.session.share.as_ref().map(Share::serial), Some(2));
        let s = run(s, [Action::SetText("Russia attacked.".into())]);
        assert_eq!(s.session.share, None);
        let long = "Russia attacked Ukraine.\n\n".repeat(slant_share::MAX_TEXT / 20);
        let s = run(State::new(""), [Action::SetText(long), Action::Share]);
        let Some(Share::TooLong { message, .. }) = &s.session.share else {
            panic!("{:?}", s.session.share)
        };
        assert!(message.contains("too long for a link"), "{message}");
    }

    #[test]
    fn a_saved_file_replaces_everything() {
        let shared = edited().to_shared();
        let s = run(State::default(), [Action::LoadState(shared.clone())]);
        assert_eq!(s.to_shared(), shared);
        assert_eq!(s.session.undo.as_ref().map(|u| u.previous.text.as_str()), Some(SEED));
    }

    const OUTLET_A: &str = include_str!("../crates/slant-core/tests/fixtures/compare/outlet-a.txt");
    const OUTLET_B: &str = include_str!("../crates/slant-core/tests/fixtures/compare/outlet-b.txt");

    fn two_articles() -> State {
        run(
            State::new(OUTLET_A),
            [
                Action::AddArticle,
                Action::SetText(OUTLET_B.into()),
                Action::LabelArticle(0, "  Outlet A  ".into()),
                Action::LabelArticle(1, "Outlet B".into()),
            ],
        )
    }

    #[test]
    fn adding_an_article_edits_it_and_compares() {
        let s = run(State::new(OUTLET_A), [Action::AddArticle]);
        assert_eq!(s.doc.articles.len(), 2);
        assert_eq!(s.doc.active, 1);
        assert_eq!(&*s.doc.text, "", "the new article starts empty");
        assert_eq!(s.doc.text_rev, 1, "the textarea is refilled");
        assert!(s.pending().is_none() && s.pending_comparison().is_none());
        let s = two_articles();
        let c = s.session.comparison.as_ref().expect("a comparison");
        let labels: Vec<&str> = c.articles.iter().map(|a| a.label.as_str()).collect();
        assert_eq!(labels, ["Outlet A", "Outlet B"]);
        assert_eq!(s.session.reports.len(), 2);
        assert_eq!(s.session.report, s.session.reports[1], "the edited article's report");
        assert_eq!(&*s.session.reports[0].text, OUTLET_A);
        assert!(
            c.actors.iter().any(|r| r.scores.iter().all(Option::is_some)),
            "a shared actor"
        );
        // Switching tabs shows the other report without a new analysis.
        let before = s.session.analysis;
        let s = run(s, [Action::SelectArticle(0)]);
        assert_eq!(s.session.analysis, before);
        assert_eq!(&*s.doc.text, OUTLET_A);
        assert_eq!(s.session.report, s.session.reports[0]);
    }

    #[test]
    fn labels_are_trimmed_kept_and_need_no_analysis() {
        let s = two_articles();
        assert_eq!(s.doc.articles[0].label, "Outlet A");
        let (analysis, rev) = (s.session.analysis, s.doc.edit_rev);
        let s = run(s, [Action::LabelArticle(1, "x".repeat(200))]);
        assert_eq!(s.doc.articles[1].label.chars().count(), MAX_LABEL_CHARS);
        assert_eq!(s.session.analysis, analysis, "a label is not re-analysed");
        assert_eq!(s.doc.edit_rev, rev + 1, "but the draft keeps it");
        assert_eq!(s.session.comparison.as_ref().unwrap().articles[1].label, "x".repeat(60));
        assert_eq!(label_of("", 2), "Article 3");
        assert_eq!(label_of(" ", 0), "Article 1");
    }

    #[test]
    fn removing_articles_goes_back_to_one() {
        let s = run(
            two_articles(),
            [Action::AddArticle, Action::SetText("Russia attacked Ukraine.".into())],
        );
        assert_eq!(s.doc.articles.len(), 3);
        let s = run(s, [Action::RemoveArticle(0)]);
        assert_eq!(s.doc.articles.len(), 2);
        assert_eq!(s.doc.active, 1, "the edited article stays edited");
        assert_eq!(&*s.doc.text, "Russia attacked Ukraine.");
        assert_eq!(s.doc.articles[0].label, "Outlet B");
        assert_eq!(s.session.comparison.as_ref().unwrap().articles.len(), 2);
        let s = run(s, [Action::RemoveArticle(1)]);
        assert!(!s.comparing());
        assert_eq!(s.doc.active, 0);
        assert_eq!(&*s.doc.text, OUTLET_B);
        assert!(s.session.comparison.is_none() && s.session.reports.is_empty());
        assert_eq!(&*s.session.report.text, OUTLET_B);
        // The last article cannot be removed; removing past the end does nothing.
        let t = run(s.clone(), [Action::RemoveArticle(0), Action::RemoveArticle(5)]);
        assert_eq!(t.doc.articles, s.doc.articles);
    }

    #[test]
    fn at_most_eight_articles() {
        let mut s = State::new("");
        for _ in 0..10 {
            s = run(s, [Action::AddArticle]);
        }
        assert_eq!(s.doc.articles.len(), MAX_ARTICLES);
        assert!(s.session.error.as_deref().unwrap_or("").contains("up to 8"));
    }

    #[test]
    fn articles_and_labels_round_trip_through_a_shared_state() {
        let s = run(two_articles(), [Action::SwitchOff("ukraine".into())]);
        let shared = s.to_shared();
        assert_eq!(shared.text, OUTLET_A);
        assert_eq!(shared.label, "Outlet A");
        assert_eq!(shared.articles.len(), 1);
        assert_eq!(shared.articles[0].label, "Outlet B");
        assert_eq!(shared.articles[0].text, OUTLET_B);
        let fragment = slant_share::encode(&shared);
        let opened = State::open(Opening {
            state: Some(slant_share::decode(&fragment).unwrap()),
            ..Opening::default()
        })
        .settle();
        assert_eq!(opened.to_shared(), shared);
        assert_eq!(opened.doc.active, 0);
        assert_eq!(opened.session.comparison, s.session.comparison, "the same comparison");
        // The draft keeps them too.
        let draft = keep::read_draft(&keep::draft_json(&shared)).unwrap();
        assert_eq!(draft, shared);
        assert!(keep::has_work(&SharedState {
            articles: vec![SharedArticle::default()],
            ..SharedState::default()
        }));
    }

    #[test]
    fn loading_text_replaces_only_the_edited_article() {
        let s = run(two_articles(), [Action::LoadText("Kenya praised France.".into())]);
        assert_eq!(s.doc.active, 1);
        assert_eq!(&*s.doc.text, "Kenya praised France.");
        assert_eq!(&*s.doc.articles[0].text, OUTLET_A);
        let s = run(s, [Action::Undo]);
        assert_eq!(&*s.doc.text, OUTLET_B);
        let s = run(s, [Action::New]);
        assert_eq!(s.to_shared(), SharedState::default());
        assert!(!s.comparing());
    }

    #[test]
    fn a_stale_comparison_is_dropped() {
        let s = Rc::new(two_articles()).reduce(Action::SetText("Russia attacked.".into()));
        let (first, articles, config) = s.pending_comparison().unwrap();
        let s = s.reduce(Action::SetText("France praised Kenya.".into()));
        let old = s.session.comparison.clone();
        let s = s.reduce(Action::Compared {
            id: first,
            result: Ok(crate::worker::compare_here(&articles, &config)),
            ms: None,
        });
        assert!(s.session.analysing);
        assert_eq!(s.session.comparison, old);
        let s = Rc::try_unwrap(s).unwrap_or_else(|rc| (*rc).clone()).settle();
        assert!(!s.session.analysing);
        assert!(s.session.reports[1].actor("kenya").is_some());
    }

    #[test]
    fn report_refs_compare_by_identity() {
        let a = ReportRef(Rc::new(Report::default()));
        let b = ReportRef(Rc::new(Report::default()));
        assert_eq!(a, a.clone());
        assert_ne!(a, b);
    }
}
