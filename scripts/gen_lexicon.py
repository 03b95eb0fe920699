#!/usr/bin/env python3
"""Generate the lexicon files that slant-core embeds at compile time.

Run from the repository root:

    python3 scripts/gen_lexicon.py            # write the generated files
    python3 scripts/gen_lexicon.py --check    # exit 1 if any would change

Inputs (read-only):
    ../shared/data/vader/vader_lexicon.txt            VADER, MIT
    ../shared/data/afinn-165/AFINN-en-165.txt         AFINN-165, Apache-2.0
    ../shared/data/verbal-polarity-shifters/...       shifter lexicon, CC BY 4.0
    crates/slant-core/data/news.tsv                   hand-written (checked only)
    crates/slant-core/data/predicates-source.tsv      hand-written

Outputs (in crates/slant-core/data/):
    vader.tsv, afinn.tsv, predicates.tsv,
    LICENSE-vader.txt, LICENSE-afinn.txt, LICENSE-shifters.txt

Standard library only (Python 3.11). Output is deterministic: the same
inputs always give byte-identical files. Nothing is written if any check
fails. See crates/slant-core/data/LEXICON.md for the formats.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "crates" / "slant-core" / "data"
DEFAULT_SHARED = ROOT.parent / "shared"

VADER_MIN, VADER_MAX = -4.0, 4.0
NEWS_MIN_ENTRIES, NEWS_MAX_ENTRIES = 250, 500


class Problems:
    """Collects errors (fatal) and warnings (reported) with file:line context."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.warnings: list[str] = []

    def error(self, where: str, msg: str) -> None:
        self.errors.append(f"error: {where}: {msg}")

    def warn(self, where: str, msg: str) -> None:
        self.warnings.append(f"warning: {where}: {msg}")


def fmt1(x: float) -> str:
    """One-decimal valence without a negative zero."""
    s = f"{x:.1f}"
    return "0.0" if s == "-0.0" else s


def source_commit(path: Path) -> str:
    """The 40-hex commit named in a shared/data/*/SOURCE.txt, or 'unknown'."""
    try:
        m = re.search(r"@ ([0-9a-f]{40})", path.read_text(encoding="utf-8"))
    except OSError:
        return "unknown"
    return m.group(1) if m else "unknown"


# --------------------------------------------------------------------------
# VADER and AFINN
# --------------------------------------------------------------------------

def read_vader(path: Path, pr: Problems) -> tuple[list[tuple[str, str]], list[str]]:
    """Return [(token, valence-as-written)] and the tokens listed more than once.

    vaderSentiment loads the file into a dict, so for a token listed twice
    the last line wins; we keep that line only, at its own position.
    """
    rows: list[tuple[int, str, str]] = []
    last: dict[str, int] = {}
    seen_twice: list[str] = []
    for n, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        if not line:
            continue
        cols = line.split("\t")
        if len(cols) != 4:
            pr.error(f"{path.name}:{n}", f"expected 4 tab-separated columns, got {len(cols)}")
            continue
        tok, val = cols[0], cols[1]
        try:
            v = float(val)
        except ValueError:
            pr.error(f"{path.name}:{n}", f"valence {val!r} is not a number")
            continue
        if not VADER_MIN <= v <= VADER_MAX:
            pr.error(f"{path.name}:{n}", f"valence {val} outside -4..4")
        if tok in last and tok not in seen_twice:
            seen_twice.append(tok)
        last[tok] = len(rows)
        rows.append((n, tok, val))
    kept = [(tok, val) for i, (_, tok, val) in enumerate(rows) if last[tok] == i]
    return kept, seen_twice


def read_afinn(path: Path, pr: Problems) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    seen: set[str] = set()
    for n, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        if not line:
            continue
        cols = line.split("\t")
        if len(cols) != 2:
            pr.error(f"{path.name}:{n}", f"expected 2 tab-separated columns, got {len(cols)}")
            continue
        term, val = cols
        if not re.fullmatch(r"-?[0-5]", val):
            pr.error(f"{path.name}:{n}", f"valence {val!r} is not an integer in -5..5")
            continue
        if term in seen:
            pr.error(f"{path.name}:{n}", f"duplicate term {term!r}")
            continue
        seen.add(term)
        out.append((term, int(val)))
    return out


def render_vader(rows: list[tuple[str, str]], dups: list[str], commit: str) -> str:
    head = [
        "# vader.tsv: the VADER sentiment lexicon, trimmed to token and mean valence.",
        f"# Source: github.com/cjhutto/vaderSentiment @ {commit} (vaderSentiment/vader_lexicon.txt)",
        "# Licence: MIT, (c) 2016 C.J. Hutto; see LICENSE-vader.txt.",
        "# Cite: Hutto, C.J. & Gilbert, E.E. (2014). VADER: A Parsimonious Rule-based Model for",
        "#   Sentiment Analysis of Social Media Text. Proc. ICWSM-14.",
        "# Format: token<TAB>valence. valence is the mean human rating, -4..+4, written as in the",
        "#   source. Entries that start with a letter are kept (the engine's tokenizer never",
        "#   produces emoticons, so they would only weigh down the WebAssembly build); the",
        "#   std-dev and raw-ratings columns are dropped.",
        f"# {len(dups)} tokens are listed twice in the source; as in vaderSentiment (which loads a dict)",
        "#   only the last line is kept: " + " ".join(dups),
        "# Generated by scripts/gen_lexicon.py; do not edit. news.tsv overrides entries here.",
    ]
    body = [f"{t}\t{v}" for t, v in rows if t[:1].isalpha()]
    return "\n".join(head + body) + "\n"


def render_afinn(rows: list[tuple[str, int]], vader: dict, commit: str) -> str:
    head = [
        "# afinn.tsv: the AFINN-165 English word list.",
        f"# Source: github.com/fnielsen/afinn @ {commit} (afinn/data/AFINN-en-165.txt)",
        "# Licence: Apache-2.0, Copyright Finn Aarup (Årup) Nielsen and Technical University of",
        "#   Denmark (DTU); see LICENSE-afinn.txt.",
        "# Cite: Nielsen, F. Å. (2011). A new ANEW: Evaluation of a word list for sentiment",
        "#   analysis in microblogs. Proc. ESWC2011 Workshop on Making Sense of Microposts.",
        "# Format: term<TAB>valence. valence is an integer -5..+5, unchanged from the source.",
        "#   slant-core uses a term only where news.tsv and vader.tsv both lack it, multiplied",
        "#   by 4/5 to VADER's -4..+4 range, so only the terms VADER lacks are kept here.",
        "# Generated by scripts/gen_lexicon.py; do not edit.",
    ]
    body = [f"{t}\t{v}" for t, v in rows if t not in vader]
    return "\n".join(head + body) + "\n"


# --------------------------------------------------------------------------
# news.tsv (hand-written, checked only)
# --------------------------------------------------------------------------

NEWS_TERM = re.compile(r"[a-z0-9']+(?:-[a-z0-9']+)*(?: [a-z0-9']+(?:-[a-z0-9']+)*)*")
NEWS_VALENCE = re.compile(r"-?[0-4]\.[0-9]")


def check_news(path: Path, vader: dict[str, float], afinn: dict[str, int],
               pr: Problems) -> dict[str, float]:
    """Validate news.tsv; return {term: valence}.

    Besides the format, the notes are checked against the sources they
    quote: "VADER lacks" must be true, "VADER x" and "AFINN n" must match,
    so the notes stay honest if an upstream file changes.
    """
    out: dict[str, float] = {}
    name = path.name
    for n, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        if not line or line.startswith("#"):
            continue
        where = f"{name}:{n}"
        cols = line.split("\t")
        if len(cols) != 3:
            pr.error(where, f"expected term<TAB>valence<TAB>note, got {len(cols)} columns")
            continue
        term, val, note = cols
        if not NEWS_TERM.fullmatch(term):
            pr.error(where, f"term {term!r} must be lowercase words separated by single spaces")
        if not NEWS_VALENCE.fullmatch(val):
            pr.error(where, f"valence {val!r} must have one decimal and lie in -4.9..4.9")
            continue
        v = float(val)
        if not VADER_MIN <= v <= VADER_MAX:
            pr.error(where, f"valence {val} outside -4..4")
        if not note.strip():
            pr.error(where, "empty note")
        if term in out:
            pr.error(where, f"duplicate term {term!r}")
            continue
        out[term] = v
        # Notes that quote the sources must agree with them.
        if "VADER lacks" in note and term in vader:
            pr.error(where, f"note says VADER lacks {term!r}, but VADER has {vader[term]}")
        m = re.search(r"VADER ([+-]?\d\.\d)", note)
        if m and (term not in vader or abs(vader[term] - float(m.group(1))) > 1e-9):
            pr.error(where, f"note quotes VADER {m.group(1)} for {term!r}, VADER has {vader.get(term)}")
        m = re.search(r"AFINN ([+-]?\d)\b", note)
        if m and (term not in afinn or afinn[term] != int(m.group(1))):
            pr.error(where, f"note quotes AFINN {m.group(1)} for {term!r}, AFINN has {afinn.get(term)}")
        if term in vader and abs(vader[term] - v) < 1e-9:
            pr.warn(where, f"{term!r} {val} is the same as VADER: entry is redundant")
    if not NEWS_MIN_ENTRIES <= len(out) <= NEWS_MAX_ENTRIES:
        pr.warn(name, f"{len(out)} entries; the target is {NEWS_MIN_ENTRIES}-{NEWS_MAX_ENTRIES}")
    return out


# --------------------------------------------------------------------------
# English inflection
# --------------------------------------------------------------------------

VOWELS = set("aeiou")

# Polysyllabic verbs stressed on the final syllable: the final consonant
# doubles (admitted, controlled). Unlisted polysyllables do not double
# (visited, targeted, threatened), except British -l doubling below.
FINAL_STRESS = {
    "abet", "abhor", "acquit", "admit", "allot", "annul", "befit", "beget",
    "commit", "compel", "concur", "confer", "control", "defer", "deter",
    "dispel", "distil", "embed", "emit", "enrol", "equip", "excel", "expel",
    "extol", "forget", "fulfil", "handicap", "incur", "infer", "instil",
    "kidnap", "occur", "omit", "outwit", "patrol", "permit", "prefer",
    "propel", "rebel", "rebut", "recur", "refer", "regret", "remit", "repel",
    "submit", "transfer", "transmit", "upset", "outbid", "unpin", "unzip",
}


def _vowel_mask(word: str) -> list[bool]:
    """True where a letter acts as a vowel: a e i o u, y between consonants or
    at the end after a consonant; u after q is consonantal (quit, acquit)."""
    mask = []
    for i, ch in enumerate(word):
        if ch in VOWELS:
            mask.append(not (ch == "u" and i > 0 and word[i - 1] == "q"))
        elif ch == "y":
            mask.append(i > 0 and word[i - 1] not in VOWELS)
        else:
            mask.append(False)
    return mask


def _syllables(word: str) -> int:
    mask = _vowel_mask(word)
    groups = sum(1 for i, v in enumerate(mask) if v and (i == 0 or not mask[i - 1]))
    if word.endswith("e") and not word.endswith(("ee", "ye", "oe", "le")) and groups > 1:
        groups -= 1  # silent final e
    return max(groups, 1)


def _ends_cvc(word: str) -> bool:
    """Single vowel letter between a consonant (or start) and a final consonant
    other than w, x, y: ban, snub, admit, quit; not jail, blast, tax, row."""
    if len(word) < 2:
        return False
    mask = _vowel_mask(word)
    last = word[-1]
    if mask[-1] or last in "wxy" or not last.isalpha():
        return False
    if not mask[-2]:
        return False
    return len(word) == 2 or not mask[-3]


def doubling(lemma: str) -> str:
    """'yes' (double in all spellings), 'brit' (British doubles, American
    does not: travel), or 'no'."""
    word = lemma.rsplit("-", 1)[-1]
    if not _ends_cvc(word):
        return "no"
    if _syllables(word) == 1 or word in FINAL_STRESS:
        return "yes"
    if word.endswith("l"):
        return "brit"
    return "no"


def verb_forms(lemma: str) -> dict[str, list[str]]:
    """Regular inflections of a verb: tag -> forms (British first where the
    spellings differ)."""
    w = lemma
    if re.search(r"[^aeiou]y$", w):
        third, past, ing = w[:-1] + "ies", w[:-1] + "ied", w + "ing"
        return {"base": [w], "3sg": [third], "past": [past], "pastpart": [past], "ing": [ing]}
    if re.search(r"(s|sh|ch|x|z|[^aeiou]o)$", w):
        third = w + "es"
    else:
        third = w + "s"
    if w.endswith("ie"):
        return {"base": [w], "3sg": [third], "past": [w + "d"], "pastpart": [w + "d"],
                "ing": [w[:-2] + "ying"]}
    if w.endswith("e"):
        ing = w + "ing" if w.endswith(("ee", "oe", "ye")) else w[:-1] + "ing"
        return {"base": [w], "3sg": [third], "past": [w + "d"], "pastpart": [w + "d"], "ing": [ing]}
    if w.endswith("ic"):
        return {"base": [w], "3sg": [third], "past": [w + "ked"], "pastpart": [w + "ked"],
                "ing": [w + "king"]}
    d = doubling(w)
    if d == "yes":
        past, ing = [w + w[-1] + "ed"], [w + w[-1] + "ing"]
    elif d == "brit":
        past, ing = [w + w[-1] + "ed", w + "ed"], [w + w[-1] + "ing", w + "ing"]
    else:
        past, ing = [w + "ed"], [w + "ing"]
    return {"base": [w], "3sg": [third], "past": past, "pastpart": list(past), "ing": ing}


def noun_plural(sg: str) -> str:
    if re.search(r"[^aeiou]y$", sg):
        return sg[:-1] + "ies"
    if re.search(r"(s|sh|ch|x|z)$", sg):
        return sg + "es"
    return sg + "s"


INFLECTION_TESTS: list[tuple[str, str, str, str, str]] = [
    # lemma, 3sg, past(s), ing(s)   (alternatives separated by "/")
    ("invade", "invades", "invaded", "invading", ""),
    ("ban", "bans", "banned", "banning", ""),
    ("stop", "stops", "stopped", "stopping", ""),
    ("visit", "visits", "visited", "visiting", ""),
    ("target", "targets", "targeted", "targeting", ""),
    ("admit", "admits", "admitted", "admitting", ""),
    ("commit", "commits", "committed", "committing", ""),
    ("rebut", "rebuts", "rebutted", "rebutting", ""),
    ("abet", "abets", "abetted", "abetting", ""),
    ("regret", "regrets", "regretted", "regretting", ""),
    ("control", "controls", "controlled", "controlling", ""),
    ("travel", "travels", "travelled/traveled", "travelling/traveling", ""),
    ("cancel", "cancels", "cancelled/canceled", "cancelling/canceling", ""),
    ("expel", "expels", "expelled", "expelling", ""),
    ("appeal", "appeals", "appealed", "appealing", ""),
    ("acquit", "acquits", "acquitted", "acquitting", ""),
    ("ally", "allies", "allied", "allying", ""),
    ("bully", "bullies", "bullied", "bullying", ""),
    ("spy", "spies", "spied", "spying", ""),
    ("obey", "obeys", "obeyed", "obeying", ""),
    ("punish", "punishes", "punished", "punishing", ""),
    ("tax", "taxes", "taxed", "taxing", ""),
    ("blast", "blasts", "blasted", "blasting", ""),
    ("veto", "vetoes", "vetoed", "vetoing", ""),
    ("echo", "echoes", "echoed", "echoing", ""),
    ("free", "frees", "freed", "freeing", ""),
    ("sue", "sues", "sued", "suing", ""),
    ("tie", "ties", "tied", "tying", ""),
    ("panic", "panics", "panicked", "panicking", ""),
    ("threaten", "threatens", "threatened", "threatening", ""),
    ("abandon", "abandons", "abandoned", "abandoning", ""),
    ("jail", "jails", "jailed", "jailing", ""),
    ("shell", "shells", "shelled", "shelling", ""),
    ("snub", "snubs", "snubbed", "snubbing", ""),
    ("deter", "deters", "deterred", "deterring", ""),
    ("open", "opens", "opened", "opening", ""),
    ("equip", "equips", "equipped", "equipping", ""),
    ("honour", "honours", "honoured", "honouring", ""),
    ("re-elect", "re-elects", "re-elected", "re-electing", ""),
    ("lash", "lashes", "lashed", "lashing", ""),
    ("besiege", "besieges", "besieged", "besieging", ""),
    ("row", "rows", "rowed", "rowing", ""),
]
PLURAL_TESTS = [("sanction", "sanctions"), ("atrocity", "atrocities"), ("threat", "threats"),
                ("crackdown", "crackdowns"), ("probe", "probes"), ("blitz", "blitzes"),
                ("alliance", "alliances"), ("ally", "allies"), ("day", "days"), ("crash", "crashes")]


def self_test(pr: Problems) -> None:
    for lemma, third, past, ing, _ in INFLECTION_TESTS:
        f = verb_forms(lemma)
        got = (f["3sg"], f["past"], f["ing"])
        want = ([third], past.split("/"), ing.split("/"))
        if got != want or f["pastpart"] != f["past"]:
            pr.error("inflection self-test", f"{lemma}: got {got}, want {want}")
    for sg, pl in PLURAL_TESTS:
        if noun_plural(sg) != pl:
            pr.error("inflection self-test", f"plural of {sg}: got {noun_plural(sg)}, want {pl}")


# --------------------------------------------------------------------------
# predicates-source.tsv -> predicates.tsv
# --------------------------------------------------------------------------

LEMMA_RE = re.compile(r"[a-z]+(?:-[a-z]+)*")
FORM_RE = re.compile(r"[a-z]+(?:-[a-z]+)*")
PREP_RE = re.compile(r"[a-z]+(?: [a-z]+)*")
VALUE_RE = re.compile(r"-?[0-4]\.[0-9]")
TAG_ORDER = ["base", "3sg", "past", "pastpart", "ing", "sg", "pl"]
POS_ORDER = ["verb", "noun", "adj"]


def read_shifters(path: Path) -> dict[str, set[str]]:
    scopes: dict[str, set[str]] = defaultdict(set)
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh):
            if len(row) == 3:
                scopes[row[0]].add(row[2])
    return scopes


class Entry:
    __slots__ = ("line", "lemma", "pos", "agent", "target", "preps", "irregular", "source", "note")

    def __init__(self, line: int, cols: list[str]) -> None:
        self.line = line
        (self.lemma, self.pos, agent, target, preps, self.irregular,
         self.source, self.note) = cols
        self.agent = float(agent)
        self.target = float(target)
        self.preps = [] if preps == "-" else preps.split(",")


def read_predicate_source(path: Path, shifters: dict[str, set[str]],
                          pr: Problems) -> tuple[list[Entry], dict[str, str]]:
    entries: list[Entry] = []
    collisions: dict[str, str] = {}
    seen: set[tuple[str, str]] = set()
    name = path.name
    for n, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        if not line:
            continue
        if line.startswith("#"):
            m = re.match(r"#\s*collision:\s*([a-z-]+)\s*:\s*(.+)", line)
            if m:
                collisions[m.group(1)] = m.group(2).strip()
            continue
        where = f"{name}:{n}"
        cols = line.split("\t")
        if len(cols) != 8:
            pr.error(where, f"expected 8 tab-separated columns, got {len(cols)}")
            continue
        lemma, pos, agent, target, preps, irregular, source, note = cols
        bad = False
        if not LEMMA_RE.fullmatch(lemma):
            pr.error(where, f"lemma {lemma!r} must be lowercase letters (hyphens allowed)")
            bad = True
        if pos not in POS_ORDER:
            pr.error(where, f"pos {pos!r} must be verb or noun")
            bad = True
        for label, v in (("agent", agent), ("target", target)):
            if not VALUE_RE.fullmatch(v):
                pr.error(where, f"{label} {v!r} must be a one-decimal number in -4.9..4.9")
                bad = True
            elif not VADER_MIN <= float(v) <= VADER_MAX:
                pr.error(where, f"{label} {v} outside -4..4")
                bad = True
        if preps != "-":
            # A leading "!" marks a predicate that only counts with one of its
            # prepositions ("hit out at", "vote for"), never with a bare object.
            items = preps.removeprefix("!").split(",")
            if any(not PREP_RE.fullmatch(p) for p in items) or len(set(items)) != len(items):
                pr.error(where, f"preps {preps!r} must be '-' or distinct comma-separated words")
                bad = True
        if pos == "verb" and irregular != "-":
            parts = irregular.split("|")
            if len(parts) != 4 or any(not FORM_RE.fullmatch(p) for p in parts):
                pr.error(where, f"irregular {irregular!r} must be past|past_participle|3sg|ing")
                bad = True
        if pos == "noun" and irregular not in ("-", "none") and not FORM_RE.fullmatch(irregular):
            pr.error(where, f"noun irregular {irregular!r} must be '-', 'none' or a plural form")
            bad = True
        if source not in ("shifter", "news"):
            pr.error(where, f"source {source!r} must be shifter or news")
            bad = True
        if not note.strip():
            pr.error(where, "empty note")
        if (lemma, pos) in seen:
            pr.error(where, f"duplicate entry for {lemma} ({pos})")
            bad = True
        if bad:
            continue
        seen.add((lemma, pos))
        e = Entry(n, cols)
        # The source column is checked against the shifter lexicon: a verb is
        # 'shifter' exactly when the lexicon lists it with a dobj or subj scope
        # and we use it in that against-the-target sense (target <= 0).
        in_lex = bool(shifters.get(lemma, set()) & {"dobj", "subj"})
        expect = "shifter" if pos == "verb" and in_lex and e.target <= 0 else "news"
        if source == "shifter" and not in_lex:
            pr.error(where, f"{lemma} is marked shifter but the shifter lexicon has no dobj/subj scope for it")
        elif source != expect:
            pr.error(where, f"{lemma} ({pos}): source should be {expect} "
                            f"(lexicon scopes {sorted(shifters.get(lemma, set())) or 'none'}, target {e.target})")
        entries.append(e)
    return entries, collisions


def inflect(e: Entry) -> dict[str, list[str]]:
    if e.pos == "verb":
        if e.irregular != "-":
            past, pp, third, ing = e.irregular.split("|")
            return {"base": [e.lemma], "3sg": [third], "past": [past], "pastpart": [pp], "ing": [ing]}
        return verb_forms(e.lemma)
    if e.pos == "adj":
        return {"base": [e.lemma]}
    if e.irregular == "none":
        return {"sg": [e.lemma]}
    plural = noun_plural(e.lemma) if e.irregular == "-" else e.irregular
    return {"sg": [e.lemma], "pl": [plural]}


def build_predicates(entries: list[Entry], collisions: dict[str, str],
                     pr: Problems) -> tuple[list[tuple[str, ...]], dict[str, int]]:
    """One output row per (form, lemma, pos). A form that is both a verb and
    a noun of one lemma ('attack', 'attacks') gets a row for each."""
    by_key: dict[tuple[str, str], dict] = {}
    for e in entries:
        for tag, forms in inflect(e).items():
            for form in forms:
                if not FORM_RE.fullmatch(form):
                    pr.error(f"predicates-source.tsv:{e.line}", f"bad form {form!r} for {e.lemma}")
                    continue
                key = (form, e.lemma, e.pos)
                row = by_key.get(key)
                if row is None:
                    by_key[key] = {"pos": {e.pos}, "tags": {tag}, "agent": e.agent,
                                   "target": e.target, "preps": list(e.preps), "lines": [e.line]}
                    continue
                if tag in row["tags"]:
                    pr.error(f"predicates-source.tsv:{e.line}",
                             f"form {form!r} emitted twice as {tag} of {e.lemma}")
                    continue
                if (row["agent"], row["target"]) != (e.agent, e.target):
                    pr.error(f"predicates-source.tsv:{e.line}",
                             f"form {form!r} of {e.lemma} has values {e.agent}/{e.target} as {e.pos} "
                             f"but {row['agent']}/{row['target']} on line {row['lines'][0]}")
                    continue
                row["pos"].add(e.pos)
                row["tags"].add(tag)
                row["lines"].append(e.line)
                for p in e.preps:
                    if p not in row["preps"]:
                        row["preps"].append(p)

    # Cross-lemma collisions: same form, different lemmas.
    lemmas_of: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for form, lemma, pos in by_key:
        lemmas_of[form].append((form, lemma, pos))
    stats = {"shared_forms": 0, "documented_collisions": 0}
    for form, keys in sorted(lemmas_of.items()):
        if len(keys) < 2:
            continue
        if len({k[1] for k in keys}) < 2:
            continue
        stats["shared_forms"] += 1
        values = {(by_key[k]["agent"], by_key[k]["target"]) for k in keys}
        if len(values) > 1:
            desc = ", ".join(f"{k[1]} {by_key[k]['agent']}/{by_key[k]['target']}" for k in sorted(keys))
            if form in collisions:
                stats["documented_collisions"] += 1
            else:
                pr.error("predicates-source.tsv",
                         f"form {form!r} maps to lemmas with different values ({desc}); "
                         f"add '# collision: {form}: reason' if intended")
    for form in collisions:
        if len(lemmas_of.get(form, [])) < 2:
            pr.warn("predicates-source.tsv", f"'# collision: {form}' documents no actual collision")

    rows = []
    for (form, lemma, pos), r in sorted(by_key.items()):
        tag = "+".join(t for t in TAG_ORDER if t in r["tags"])
        preps = ",".join(r["preps"]) if r["preps"] else "-"
        rows.append((form, lemma, pos, tag, fmt1(r["agent"]), fmt1(r["target"]), preps))
    return rows, stats


def render_predicates(rows: list[tuple[str, ...]], n_entries: int, n_lemmas: int) -> str:
    head = [
        "# predicates.tsv: Slant's directed predicate table, one line per surface form.",
        "# Generated by scripts/gen_lexicon.py from predicates-source.tsv; do not edit.",
        "# Written for this project (Slant). Licence: MIT OR Apache-2.0. Seeded in part from the",
        "#   Lexicon of English Verbal Polarity Shifters (Schulder et al., LREC 2018; CC BY 4.0).",
        f"# {len(rows)} forms from {n_entries} source entries ({n_lemmas} lemmas). Sorted by form, then lemma.",
        "# Columns: form<TAB>lemma<TAB>pos<TAB>tag<TAB>agent<TAB>target<TAB>preps",
        "#   pos:  verb or noun; a form that is both (attack, attacks) has one line for each",
        "#   tag:  base 3sg past pastpart ing (verbs), sg pl (nouns), joined by '+' when one form",
        "#         fills several slots (regular past+pastpart)",
        "#   agent/target: stance toward the doer / the one acted on, VADER scale (see LEXICON.md)",
        "#   preps: prepositions/particles that introduce the target ('-' = none; a verb's",
        "#         direct object is always a target slot)",
        "# form\tlemma\tpos\ttag\tagent\ttarget\tpreps",
    ]
    return "\n".join(head + ["\t".join(r) for r in rows]) + "\n"


# --------------------------------------------------------------------------
# Licence files
# --------------------------------------------------------------------------

def render_licences(shared: Path) -> dict[str, str]:
    vader = (shared / "data/vader/LICENSE.txt").read_text(encoding="utf-8")
    afinn_lic = (shared / "data/afinn-165/LICENSE").read_text(encoding="utf-8")
    afinn_copy = (shared / "data/afinn-165/COPYRIGHT").read_text(encoding="utf-8").strip()
    shift_lic = (shared / "data/verbal-polarity-shifters/LICENSE").read_text(encoding="utf-8")
    readme = (shared / "data/verbal-polarity-shifters/README.md").read_text(encoding="utf-8")
    m = re.search(r"```\n(@InProceedings\{schulder2018verbalshifter.*?)\n```", readme, re.S)
    bibtex = m.group(1) if m else "(BibTeX entry not found in README.md)"
    afinn_commit = source_commit(shared / "data/afinn-165/SOURCE.txt")
    shift_commit = source_commit(shared / "data/verbal-polarity-shifters/SOURCE.txt")

    afinn = (
        "AFINN-165 (afinn.tsv in this directory)\n"
        f"Source: https://github.com/fnielsen/afinn @ {afinn_commit}\n"
        "\n"
        "COPYRIGHT\n"
        "---------\n"
        f"{afinn_copy}\n"
        "\n"
        "LICENSE\n"
        "-------\n"
        f"{afinn_lic.rstrip()}\n"
    )
    shifters = (
        "Lexicon of English Verbal Polarity Shifters\n"
        "===========================================\n"
        "\n"
        "Slant's directed predicate table (predicates-source.tsv, predicates.tsv) was seeded in\n"
        "part from this lexicon: the rows marked source=shifter are verbs that the lexicon lists\n"
        "with a direct-object or subject shifting scope. Slant does not redistribute the lexicon\n"
        "itself; it adds its own stance values, prepositions, notes and many verbs of its own.\n"
        "\n"
        "Authors: Marc Schulder, Michael Wiegand, Josef Ruppenhofer and Stephanie Köser\n"
        f"Source:  https://github.com/uds-lsv/lexicon-of-english-verbal-polarity-shifters @ {shift_commit}\n"
        "DOI:     https://doi.org/10.5281/zenodo.3365287\n"
        "Licence: Creative Commons Attribution 4.0 International (CC BY 4.0),\n"
        "         https://creativecommons.org/licenses/by/4.0/\n"
        "Changes: verbs selected; the lexicon's shifting scopes were turned into agent/target\n"
        "         stance values by the Slant authors. Nothing else from the lexicon is used.\n"
        "\n"
        "Citation:\n"
        "  Marc Schulder, Michael Wiegand, Josef Ruppenhofer and Stephanie Köser (2018).\n"
        "  \"Introducing a Lexicon of Verbal Polarity Shifters for English\". Proceedings of the\n"
        "  11th Conference on Language Resources and Evaluation (LREC), pages 1393-1397,\n"
        "  Miyazaki, Japan, 7-12 May 2018. https://www.aclweb.org/anthology/L18-1222\n"
        "\n"
        f"{bibtex}\n"
        "\n"
        "Full licence text follows.\n"
        "\n"
        f"{shift_lic.rstrip()}\n"
    )
    return {"LICENSE-vader.txt": vader if vader.endswith("\n") else vader + "\n",
            "LICENSE-afinn.txt": afinn,
            "LICENSE-shifters.txt": shifters}


# --------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true",
                    help="do not write; exit 1 if a generated file is missing or out of date")
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED,
                    help=f"path to the shared data directory (default {DEFAULT_SHARED})")
    args = ap.parse_args(argv)
    shared: Path = args.shared
    pr = Problems()

    self_test(pr)

    vader_rows, vader_dups = read_vader(shared / "data/vader/vader_lexicon.txt", pr)
    afinn_rows = read_afinn(shared / "data/afinn-165/AFINN-en-165.txt", pr)
    vader = {t: float(v) for t, v in vader_rows}
    afinn = dict(afinn_rows)

    news = check_news(DATA / "news.tsv", vader, afinn, pr)

    shifters = read_shifters(shared / "data/verbal-polarity-shifters/shifter_lexicon.csv")
    entries, collisions = read_predicate_source(DATA / "predicates-source.tsv", shifters, pr)
    pred_rows, pred_stats = build_predicates(entries, collisions, pr)

    outputs = {
        "vader.tsv": render_vader(vader_rows, vader_dups,
                                  source_commit(shared / "data/vader/SOURCE.txt")),
        "afinn.tsv": render_afinn(afinn_rows, vader, source_commit(shared / "data/afinn-165/SOURCE.txt")),
        "predicates.tsv": render_predicates(pred_rows, len(entries),
                                            len({e.lemma for e in entries})),
        **render_licences(shared),
    }

    for w in pr.warnings:
        print(w, file=sys.stderr)
    if pr.errors:
        for e in pr.errors:
            print(e, file=sys.stderr)
        print(f"{len(pr.errors)} error(s); nothing written", file=sys.stderr)
        return 1

    stale = []
    for name, text in outputs.items():
        path = DATA / name
        old = path.read_text(encoding="utf-8") if path.exists() else None
        if old != text:
            stale.append(name)
            if not args.check:
                path.write_text(text, encoding="utf-8", newline="\n")

    n_news_vader = sum(1 for t in news if t in vader)
    n_news_afinn = sum(1 for t in news if t not in vader and t in afinn)
    n_off = sum(1 for v in news.values() if v == 0.0)
    n_shift = sum(1 for e in entries if e.source == "shifter")
    print(f"vader.tsv       {len(vader_rows)} tokens ({len(vader_dups)} duplicate source lines dropped)")
    print(f"afinn.tsv       {len(afinn_rows)} terms ({sum(1 for t, _ in afinn_rows if t not in vader)} not in VADER)")
    print(f"news.tsv        {len(news)} terms: {n_news_vader} override VADER, {n_news_afinn} override AFINN only, "
          f"{len(news) - n_news_vader - n_news_afinn} new; {n_off} switched off (0.0); "
          f"{sum(1 for t in news if ' ' in t)} phrases")
    print(f"predicates.tsv  {len(pred_rows)} forms from {len(entries)} entries "
          f"({sum(1 for e in entries if e.pos == 'verb')} verbs, {sum(1 for e in entries if e.pos == 'noun')} nouns, "
          f"{n_shift} from the shifter lexicon); {pred_stats['shared_forms']} forms shared by two lemmas "
          f"({pred_stats['documented_collisions']} with documented different values)")
    if args.check:
        if stale:
            print("out of date: " + ", ".join(stale), file=sys.stderr)
            return 1
        print("all generated files are up to date")
    else:
        print("wrote: " + (", ".join(stale) if stale else "nothing (all up to date)"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
