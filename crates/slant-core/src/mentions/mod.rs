//! Actors and their mentions: who the article is about, and where.
//!
//! Mentions come from five sources, strongest claim first:
//! 1. target spans given by the caller (`slant eval` scores NewsMTSC targets so);
//! 2. actors the user added (names and aliases, matched as whole words);
//! 3. the gazetteer: countries, demonyms ("Russian aggression"), capitals and
//!    seats of government as metonyms ("Moscow’s invasion", "No 10 said"),
//!    leaders, organisations;
//! 4. discovery: capitalised name runs with titles and honorifics ("UK
//!    Education Secretary Bridget Phillipson", then "Ms Phillipson"), names
//!    without a title ("Roman Abramovich"), organisations ("the Kiel Institute
//!    for the World Economy", "BBC");
//! 5. role references ("the French President", "the Ukrainian leader", "his
//!    US counterpart"), resolved to a person named in this article.
//!
//! Overlaps go to the longer mention, so "Russian President Vladimir Putin" is
//! one mention of Putin, not also one of Russia.
//!
//! Role-reference policy: a role resolves only to a person named somewhere in
//! the same article who holds that office (per the gazetteer, or per a title
//! the article itself gave them), and only when exactly one person fits.
//! Otherwise it stays unresolved: a wrong actor is worse than a missing one.
//!
//! This module owns finding and naming: known names (`matches`), discovery
//! (`discover`), resolution (`resolve`) and the user's edits (`edits`). It
//! knows nothing of sentiment beyond the word test it is given (an
//! all-capitals sentiment word is emphasis, not an organisation).

use std::ops::Range;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::config::{ActorEdits, ActorSpec};
mod discover;
mod edits;
pub(crate) mod gazetteer;
mod matches;
pub(crate) mod phrases;
mod refer;
mod resolve;
mod words;

use discover::*;
use edits::*;
use matches::*;
use refer::*;
use resolve::*;
use words::*;

use crate::segment::{Doc, TokenKind};
use crate::types::Span;
use crate::types::{ActorKind, MentionKind, Origin, Target};
use gazetteer::{Field, Gazetteer};
use phrases::PhraseIndex;

/// One actor of the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Actor {
    pub id: String,
    pub name: String,
    pub kind: ActorKind,
    pub origin: Origin,
}

/// One mention of an actor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Mention {
    pub actor: usize,
    pub span: Span,
    pub tokens: Range<usize>,
    pub kind: MentionKind,
    /// Followed by a possessive "’s": "Moscow’s invasion".
    pub possessive: bool,
    pub sentence: usize,
    pub paragraph: usize,
    /// For a pronoun or a description, the mention it refers back to, and
    /// whether that mention was chosen as its sentence's subject.
    pub antecedent: Option<(Span, bool)>,
}

/// The actors of a text and their mentions, in text order.
#[derive(Clone, Debug, Default)]
pub(crate) struct Cast {
    pub actors: Vec<Actor>,
    pub mentions: Vec<Mention>,
    /// For every token, the mention covering it, or `u32::MAX`.
    pub mention_of: Vec<u32>,
}

impl Cast {
    /// Whether a mention covers token `i`, without reading the mention.
    #[inline]
    pub fn has_mention(&self, i: usize) -> bool {
        // One comparison: `u32::MAX` (no mention) is never below the bound.
        let bound = self.mentions.len().min(u32::MAX as usize);
        self.mention_of.get(i).is_some_and(|&m| (m as usize) < bound)
    }

    /// The mention covering token `i`.
    pub fn mention_at(&self, i: usize) -> Option<&Mention> {
        self.mention_of
            .get(i)
            .filter(|&&m| m != u32::MAX)
            .and_then(|&m| self.mentions.get(m as usize))
    }
}

/// A stable id from a display name: lowercase ASCII letters and digits joined by hyphens.
pub fn slug(name: &str) -> String {
    // Only ASCII letters, digits and hyphens are written.
    let mut out = String::with_capacity(name.len());
    // A run of other characters is one hyphen, written before the next
    // letter or digit: none leads and none trails.
    let mut gap = false;
    let mut push = |b: u8| {
        if b.is_ascii_alphanumeric() {
            if gap && !out.is_empty() {
                out.push('-');
            }
            gap = false;
            out.push(char::from(b.to_ascii_lowercase()));
        } else {
            gap = true;
        }
    };
    // Most names are ASCII: their bytes are read without decoding characters.
    if name.is_ascii() {
        name.bytes().for_each(&mut push);
    } else {
        for c in name.chars() {
            let c = if c.is_ascii() {
                c.to_ascii_lowercase()
            } else {
                crate::lower_char(c).next().unwrap_or(c)
            };
            let c = match c {
                'é' | 'è' | 'ê' | 'ë' | 'É' => 'e',
                'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => 'a',
                'í' | 'ì' | 'î' | 'ï' => 'i',
                'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
                'ú' | 'ù' | 'û' | 'ü' => 'u',
                'ç' => 'c',
                'ñ' => 'n',
                c => c,
            };
            // Any other character outside ASCII separates, as a space does.
            push(u8::try_from(c).unwrap_or(b' '));
        }
    }
    if out.is_empty() { "actor".to_string() } else { out }
}

/// What a candidate mention refers to, before actors are assigned. Names
/// are slices of the text (`'t`): most candidates never become actors.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Key<'t> {
    Target(usize),
    User(usize),
    Gazetteer(usize),
    /// A discovered name, with its kind.
    Discovered(&'t str, ActorKind),
    /// A bare surname after an honorific, or alone: resolved to a person with that surname.
    Surname(&'t str, bool),
    /// A role: country (gazetteer index) if given, lowercase title.
    Role(Option<usize>, String),
}

#[derive(Clone, Debug)]
struct Candidate<'t> {
    tokens: Range<usize>,
    key: Key<'t>,
    kind: MentionKind,
    /// Higher wins between overlapping candidates of the same length.
    priority: u8,
}

/// A title the article gave a person: "German Chancellor Olaf Scholz".
#[derive(Clone, Debug)]
struct SeenTitle<'t> {
    person: Key<'t>,
    country: Option<usize>,
    title: String,
}

/// Finds the actors of `doc` and their mentions.
// A pipeline stage: kept out of line so profiles show it whole.
#[inline(never)]
///
/// `is_lexicon_word` says whether a lowercase word is a sentiment word (with
/// the user's word values): an all-capitals one is emphasis, not a name.
pub(crate) fn find(
    doc: &Doc,
    gaz: &Gazetteer,
    is_lexicon_word: &dyn Fn(&str) -> bool,
    edits: &ActorEdits,
    targets: &[Target],
) -> Cast {
    // About one candidate in eight tokens of news text: the vector rarely grows.
    let mut cands: Vec<Candidate> = Vec::with_capacity(doc.tokens.len() / 8);
    let mut titles: Vec<SeenTitle> = Vec::new();

    for (i, t) in targets.iter().enumerate() {
        let tokens = doc.tokens_in(t.span);
        if !tokens.is_empty() {
            cands.push(Candidate {
                tokens,
                key: Key::Target(i),
                kind: MentionKind::Given,
                priority: 5,
            });
        }
    }
    user_matches(doc, &edits.add, &mut cands);
    gazetteer_matches(doc, gaz, &mut cands);
    // The user's names and aliases, first actor first.
    let mut user_names: FxHashMap<&str, usize> = FxHashMap::default();
    for (u, spec) in edits.add.iter().enumerate() {
        for form in std::iter::once(&spec.name).chain(&spec.aliases) {
            user_names.entry(form.as_str()).or_insert(u);
        }
    }
    let known = Known {
        gaz,
        is_lexicon_word,
        added: &user_names,
    };
    for s in 0..doc.sentences.len() {
        discover(doc, &known, s, &mut cands, &mut titles);
    }
    let chosen = resolve_overlaps(cands);
    assign(doc, gaz, edits, targets, chosen, &titles)
}

/// [`find`] with the bundled gazetteer and lexicon and no word values: for tests.
#[cfg(test)]
pub(crate) fn find_builtin(doc: &Doc, edits: &ActorEdits, targets: &[Target]) -> Cast {
    let engine = crate::Engine::builtin();
    let lookup = crate::score::lexicon::Lookup::new(engine.lexicon(), &crate::config::Config::default());
    find(doc, engine.gazetteer(), &|w| lookup.knows(w), edits, targets)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(String, String)> {
        let doc = Doc::new(text);
        let cast = find_builtin(&doc, &ActorEdits::default(), &[]);
        cast.mentions
            .iter()
            .map(|m| (m.span.of(text).to_string(), cast.actors[m.actor].id.clone()))
            .collect()
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
    }

    #[test]
    fn countries_and_adjectives() {
        assert_eq!(
            found("Russia attacked Ukraine. Russian aggression worried Europeans."),
            pairs(&[
                ("Russia", "russia"),
                ("Ukraine", "ukraine"),
                ("Russian", "russia"),
                ("Europeans", "europe")
            ])
        );
    }

    #[test]
    fn titled_names_are_one_mention() {
        assert_eq!(
            found("Russian President Vladimir Putin met US President Donald Trump."),
            pairs(&[
                ("Russian President Vladimir Putin", "vladimir-putin"),
                ("US President Donald Trump", "donald-trump")
            ])
        );
    }

    #[test]
    fn discovered_people_join_their_surnames() {
        let got = found("UK Education Secretary Bridget Phillipson spoke. Later Ms Phillipson said more.");
        assert_eq!(
            got,
            pairs(&[
                ("UK Education Secretary Bridget Phillipson", "bridget-phillipson"),
                ("Ms Phillipson", "bridget-phillipson")
            ])
        );
    }

    #[test]
    fn names_without_titles_and_organisations() {
        let got = found(
            "Travel bans hit figures such as Roman Abramovich, the BBC reported, citing research institute Bruegel.",
        );
        assert!(
            got.contains(&("Roman Abramovich".into(), "roman-abramovich".into())),
            "{got:?}"
        );
        assert!(got.contains(&("BBC".into(), "bbc".into())), "{got:?}");
        assert!(got.contains(&("Bruegel".into(), "bruegel".into())), "{got:?}");
    }

    #[test]
    fn a_fixture_gazetteer_is_all_the_stage_knows() {
        let gaz = Gazetteer::parse("# Leaders as of never.\nfreedonia\tcountry\tn=Freedonia\tj=Freedonian\n");
        let config = crate::config::Config::default();
        let lookup = crate::score::lexicon::Lookup::new(crate::Engine::builtin().lexicon(), &config);
        let text = "Freedonian troops entered Russia after Freedonia’s vote.";
        let doc = Doc::new(text);
        let cast = find(&doc, &gaz, &|w| lookup.knows(w), &ActorEdits::default(), &[]);
        let got: Vec<(&str, &str)> = cast
            .mentions
            .iter()
            .map(|m| (m.span.of(text), cast.actors[m.actor].id.as_str()))
            .collect();
        // Russia is in the bundled gazetteer, not in the fixture: a lone word it does not resolve.
        assert_eq!(got, [("Freedonian", "freedonia"), ("Freedonia", "freedonia")]);
        assert_eq!(gaz.as_of, "never");
    }

    #[test]
    fn discovery_reads_the_users_word_values() {
        let text = "ZORG backed the plan.";
        let ids = |config: &crate::config::Config| {
            let engine = crate::Engine::builtin();
            let lookup = crate::score::lexicon::Lookup::new(engine.lexicon(), config);
            let doc = Doc::new(text);
            let cast = find(&doc, engine.gazetteer(), &|w| lookup.knows(w), &config.actors, &[]);
            cast.actors.iter().map(|a| a.id.clone()).collect::<Vec<_>>()
        };
        // An unknown all-capitals word is an organisation...
        assert_eq!(ids(&crate::config::Config::default()), ["zorg"]);
        // ...but a word the user gave a value is shouted emphasis, not a name.
        let valued = crate::config::Config {
            lexicon: vec![crate::config::LexiconOverride {
                term: "zorg".into(),
                valence: Some(2.0),
            }],
            ..crate::config::Config::default()
        };
        assert!(ids(&valued).is_empty());
    }

    #[test]
    fn organisation_names_with_joiners() {
        let got = found("A study by the Kiel Institute for the World Economy found this.");
        assert!(
            got.contains(&(
                "Kiel Institute for the World Economy".into(),
                "kiel-institute-for-the-world-economy".into()
            )),
            "{got:?}"
        );
    }

    #[test]
    fn and_does_not_join_two_names() {
        let got = found("A study by research institute Bruegel and the Kiel Institute for the World Economy.");
        assert!(got.contains(&("Bruegel".into(), "bruegel".into())), "{got:?}");
        assert!(
            got.contains(&(
                "Kiel Institute for the World Economy".into(),
                "kiel-institute-for-the-world-economy".into()
            )),
            "{got:?}"
        );
    }

    #[test]
    fn role_references_resolve_to_people_named_in_the_article() {
        let got = found("Emmanuel Macron met Donald Trump. The French President praised the US President.");
        assert_eq!(
            got,
            pairs(&[
                ("Emmanuel Macron", "emmanuel-macron"),
                ("Donald Trump", "donald-trump"),
                ("French President", "emmanuel-macron"),
                ("US President", "donald-trump"),
            ])
        );
    }

    #[test]
    fn generic_roles_and_counterparts() {
        let got = found(
            "Volodymyr Zelenskyy criticised Donald Trump. The Ukrainian leader spoke, and his US counterpart answered.",
        );
        assert!(
            got.contains(&("Ukrainian leader".into(), "volodymyr-zelenskyy".into())),
            "{got:?}"
        );
        assert!(
            got.contains(&("US counterpart".into(), "donald-trump".into())),
            "{got:?}"
        );
    }

    #[test]
    fn unresolvable_roles_are_left_out() {
        // Nobody French is named, so "the French President" stays unresolved.
        let got = found("The French President spoke.");
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn lowercase_titles_before_names() {
        let got = found("Europe rallied behind Ukrainian president Volodymyr Zelenskyy.");
        assert!(
            got.contains(&(
                "Ukrainian president Volodymyr Zelenskyy".into(),
                "volodymyr-zelenskyy".into()
            )),
            "{got:?}"
        );
    }

    #[test]
    fn capitals_as_places_are_not_mentions() {
        let got = found("Talks took place in Riyadh and in Moscow. Moscow’s invasion went on.");
        assert_eq!(got, pairs(&[("Moscow", "russia")]));
    }

    #[test]
    fn seats_of_government_and_possessives() {
        let text = "No 10 Downing Street said so. Kremlin-linked elites and Moscow’s invasion.";
        let doc = Doc::new(text);
        let cast = find_builtin(&doc, &ActorEdits::default(), &[]);
        let ids: Vec<&str> = cast.mentions.iter().map(|m| cast.actors[m.actor].id.as_str()).collect();
        assert_eq!(ids, ["united-kingdom", "russia", "russia"]);
        assert!(cast.mentions[2].possessive);
    }

    #[test]
    fn user_actors_add_and_override() {
        let text = "The Wagner people and Kyiv met Mr Smith.";
        let doc = Doc::new(text);
        let edits = ActorEdits {
            add: vec![ActorSpec {
                id: String::new(),
                name: "Wagner people".into(),
                kind: ActorKind::Organisation,
                aliases: vec![],
            }],
            ..ActorEdits::default()
        };
        let cast = find_builtin(&doc, &edits, &[]);
        let names: Vec<&str> = cast.actors.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, ["Wagner people", "Ukraine", "Smith"]);
        assert_eq!(cast.actors[0].origin, Origin::User);
    }

    #[test]
    fn merge_rename_and_remove() {
        let text = "Gerard Araud wrote. Ukraine waited. Russia watched.";
        let doc = Doc::new(text);
        let edits = ActorEdits {
            merge: vec![("russia".into(), "ukraine".into())],
            rename: vec![("gerard-araud".into(), "G. Araud".into())],
            remove: vec![],
            add: vec![],
        };
        let cast = find_builtin(&doc, &edits, &[]);
        let names: Vec<&str> = cast.actors.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, ["G. Araud", "Ukraine"]);
        assert_eq!(cast.mentions.len(), 3);
        let edits = ActorEdits {
            remove: vec!["ukraine".into()],
            ..ActorEdits::default()
        };
        let cast = find_builtin(&doc, &edits, &[]);
        assert_eq!(cast.actors.len(), 2);
    }

    #[test]
    fn targets_win_over_everything() {
        let text = "She said Trump lied.";
        let doc = Doc::new(text);
        let targets = [Target {
            name: "She".into(),
            span: Span::new(0, 3),
        }];
        let cast = find_builtin(&doc, &ActorEdits::default(), &targets);
        assert_eq!(cast.actors[0].id, "target-0");
        assert_eq!(cast.mentions[0].kind, MentionKind::Given);
    }

    #[test]
    fn word_classes() {
        assert!(has(HONORIFIC, "Mr") && !has(HONORIFIC, "mr"));
        assert!(has(NOT_NAME, "Monday") && has(TITLE_HEAD, "General") && has(OFFICE_WORD, "General"));
        assert!(!has(ORG_WORD, "Macron"));
        // `particle_chain` reads the particles without the table: the same list.
        for p in PARTICLES {
            assert!(is_particle(p) && has(PARTICLE, p) && may_be_particle(p), "{p}");
        }
        assert!(!is_particle("the") && !is_particle("De") && !is_particle(""));
        // Every listed word passes its sketch, whatever the lists around it.
        for w in NOT_NAMES.iter().chain(PARTICLES).chain(ORG_WORDS).chain(LOCATIVES) {
            assert!(has(NOT_NAME | PARTICLE | ORG_WORD | LOCATIVE, w), "{w}");
        }
    }

    #[test]
    fn particles_join_a_name() {
        for (text, mention, id) in [
            (
                "Ursula von der Leyen spoke.",
                "Ursula von der Leyen",
                "ursula-von-der-leyen",
            ),
            ("Charles de Gaulle spoke.", "Charles de Gaulle", "charles-de-gaulle"),
            ("Then Mark van Bommel spoke.", "Mark van Bommel", "mark-van-bommel"),
            ("We met Joe da Costa.", "Joe da Costa", "joe-da-costa"),
            (
                "Abu Bakr al-Baghdadi was killed.",
                "Abu Bakr al-Baghdadi",
                "abu-bakr-al-baghdadi",
            ),
            (
                "Fans cheered Rafael van der Vaart.",
                "Rafael van der Vaart",
                "rafael-van-der-vaart",
            ),
            (
                "Mohammed bin Salman met them.",
                "Mohammed bin Salman",
                "mohammed-bin-salman",
            ),
            ("Gerard ter Horst wrote.", "Gerard ter Horst", "gerard-ter-horst"),
            ("Anna della Rovere wrote.", "Anna della Rovere", "anna-della-rovere"),
            ("Ana dos Santos wrote.", "Ana dos Santos", "ana-dos-santos"),
            (
                "José Ángel de la Peña won.",
                "José Ángel de la Peña",
                "jose-angel-de-la-pena",
            ),
            ("Zoë van den Berg won.", "Zoë van den Berg", "zoe-van-den-berg"),
        ] {
            assert_eq!(found(text), pairs(&[(mention, id)]), "{text}");
        }
    }

    #[test]
    fn a_surname_with_particles_refers_back() {
        let got = found("Ursula von der Leyen arrived. Later von der Leyen said more. Von der Leyen left.");
        assert_eq!(
            got,
            pairs(&[
                ("Ursula von der Leyen", "ursula-von-der-leyen"),
                ("von der Leyen", "ursula-von-der-leyen"),
                ("Von der Leyen", "ursula-von-der-leyen"),
            ])
        );
        let got = found("Charles de Gaulle spoke. Mrs de Gaulle did not. Critics of de Gaulle did.");
        assert_eq!(got.len(), 3, "{got:?}");
        assert!(got.iter().all(|(_, id)| id == "charles-de-gaulle"), "{got:?}");
    }

    #[test]
    fn particles_alone_name_nobody() {
        // Nobody with that surname is named: the particle surname stays unresolved.
        assert!(found("Later von der Leyen spoke.").is_empty());
        // Lowercase particles without a capitalised word after them are words.
        assert!(found("It was de facto a ban, la vie en rose.").is_empty());
        // A hyphenated surname after "al-" refers back.
        let got = found("Abu Bakr al-Baghdadi hid. Troops found al-Baghdadi.");
        assert!(
            got.iter().all(|(_, id)| id == "abu-bakr-al-baghdadi") && got.len() == 2,
            "{got:?}"
        );
    }

    #[test]
    fn hyphenated_titles_are_titles() {
        for (text, mention, id) in [
            ("Vice-President JD Vance spoke.", "Vice-President JD Vance", "jd-vance"),
            (
                "Lieutenant-General Keith Kellogg arrived.",
                "Lieutenant-General Keith Kellogg",
                "keith-kellogg",
            ),
            (
                "Attorney-General Pam Bondi sued.",
                "Attorney-General Pam Bondi",
                "pam-bondi",
            ),
            (
                "Governor-General Mary Simon read it.",
                "Governor-General Mary Simon",
                "mary-simon",
            ),
            (
                "Major-General Zoë Ångström led.",
                "Major-General Zoë Ångström",
                "zoe-angstrom",
            ),
            (
                "President-Elect Jan Novák spoke.",
                "President-Elect Jan Novák",
                "jan-novak",
            ),
        ] {
            assert_eq!(found(text), pairs(&[(mention, id)]), "{text}");
        }
    }

    #[test]
    fn an_organisation_before_a_title_is_its_own_actor() {
        assert_eq!(
            found("NATO Secretary-General Mark Rutte praised the deal."),
            pairs(&[("NATO", "nato"), ("Secretary-General Mark Rutte", "mark-rutte")])
        );
        let got = found("Then UN Secretary-General António Guterres warned.");
        assert_eq!(
            got[1],
            ("Secretary-General António Guterres".into(), "antonio-guterres".into())
        );
        assert_eq!(got.len(), 2, "{got:?}");
        // A country before a title stays part of the person's mention.
        assert_eq!(
            found("US Vice-President JD Vance spoke."),
            pairs(&[("US Vice-President JD Vance", "jd-vance")])
        );
    }

    #[test]
    fn hyphenated_names_stay_whole() {
        assert_eq!(
            found("Jean-Yves Le Drian spoke."),
            pairs(&[("Jean-Yves Le Drian", "jean-yves-le-drian")])
        );
        // Never an actor named by a hyphen alone.
        let got = found("WHO Director-General Tedros Adhanom Ghebreyesus spoke.");
        assert!(got.iter().all(|(m, id)| id != "actor" && !m.ends_with('-')), "{got:?}");
    }

    #[test]
    fn long_titles_before_names() {
        for (text, mention, id) in [
            (
                "House Minority Leader Hakeem Jeffries attacked the bill.",
                "House Minority Leader Hakeem Jeffries",
                "hakeem-jeffries",
            ),
            (
                "Senate Majority Leader John Thune agreed.",
                "Senate Majority Leader John Thune",
                "john-thune",
            ),
            (
                "Deputy Prime Minister Angela Rayner spoke.",
                "Deputy Prime Minister Angela Rayner",
                "angela-rayner",
            ),
            (
                "Chief Executive Tim Cook smiled.",
                "Chief Executive Tim Cook",
                "tim-cook",
            ),
            (
                "Chief Operating Officer Jane Doe quit.",
                "Chief Operating Officer Jane Doe",
                "jane-doe",
            ),
            (
                "House Speaker Mike Johnson balked.",
                "House Speaker Mike Johnson",
                "mike-johnson",
            ),
            (
                "Shadow Home Secretary Chris Philp spoke.",
                "Shadow Home Secretary Chris Philp",
                "chris-philp",
            ),
            (
                "Senate Minority Whip Dick Durbin spoke.",
                "Senate Minority Whip Dick Durbin",
                "dick-durbin",
            ),
        ] {
            assert_eq!(found(text), pairs(&[(mention, id)]), "{text}");
        }
    }

    #[test]
    fn parties_and_parliaments_are_actors() {
        for (text, mention, id) in [
            ("The Senate passed it.", "Senate", "us-senate"),
            ("But the House balked.", "House", "us-house"),
            ("Anger grew on Capitol Hill.", "Capitol Hill", "us-congress"),
            ("The Supreme Court ruled.", "Supreme Court", "us-supreme-court"),
            ("The Lib Dems gained.", "Lib Dems", "uk-liberal-democrats"),
            ("The SNP lost.", "SNP", "uk-snp"),
            ("The CDU/CSU won.", "CDU/CSU", "de-cdu-csu"),
            ("The SPD lost.", "SPD", "de-spd"),
            ("The Greens gained.", "Greens", "greens"),
            ("Voters backed AfD.", "AfD", "de-afd"),
            ("The FDP left.", "FDP", "de-fdp"),
            ("Voters left Renaissance.", "Renaissance", "fr-renaissance"),
            (
                "Voters backed Rassemblement National.",
                "Rassemblement National",
                "fr-rassemblement-national",
            ),
            ("Voters backed La France Insoumise.", "La France Insoumise", "fr-lfi"),
            ("The PiS government fell.", "PiS", "pl-pis"),
            ("Fidesz won.", "Fidesz", "hu-fidesz"),
            ("The Bundestag voted.", "Bundestag", "de-bundestag"),
            ("The Knesset voted.", "Knesset", "il-knesset"),
            ("The State Duma voted.", "State Duma", "ru-duma"),
            ("The House of Commons voted.", "House of Commons", "uk-parliament"),
        ] {
            assert_eq!(found(text), pairs(&[(mention, id)]), "{text}");
        }
    }

    #[test]
    fn members_adjectives_name_their_party() {
        assert_eq!(
            found("Democratic senators cheered."),
            pairs(&[("Democratic", "us-democratic-party")])
        );
        assert_eq!(
            found("Republican lawmakers balked."),
            pairs(&[("Republican", "us-republican-party")])
        );
        assert_eq!(found("Tory MPs rebelled."), pairs(&[("Tory", "uk-conservative-party")]));
        assert_eq!(
            found("Many Conservative MPs rebelled."),
            pairs(&[("Conservative", "uk-conservative-party")])
        );
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("Ángel Zoë"), "angel-zoe");
        assert_eq!(slug("Gérard Araud"), "gerard-araud");
        assert_eq!(slug("  "), "actor");
        assert_eq!(
            slug("Kiel Institute for the World Economy"),
            "kiel-institute-for-the-world-economy"
        );
    }

    #[test]
    fn mention_index_covers_tokens() {
        let text = "Mr Trump’s pivot towards Russia.";
        let doc = Doc::new(text);
        let cast = find_builtin(&doc, &ActorEdits::default(), &[]);
        assert_eq!(cast.mentions.len(), 2);
        let trump = doc.tokens.iter().position(|t| t.span.of(text) == "Trump").unwrap();
        assert_eq!(cast.mention_at(trump).map(|m| m.span.of(text)), Some("Mr Trump"));
        assert!(cast.mentions[0].possessive);
    }
}
