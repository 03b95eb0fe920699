//! Prepares the embedded data. The files in `data/` are written for people:
//! comment headers, a note on every lexicon entry, one fact per line. The
//! engine reads a denser form of the same facts, which this script writes
//! to `OUT_DIR`, so the WebAssembly build carries less:
//!
//! - lexicons (`vader`, `afinn`, `news`): a line of the distinct valences
//!   (tab-separated), a line of one code byte per term (`!` for the first
//!   valence, `"` for the second, ...), then the terms in byte order, one a
//!   line, each front-coded against the one before (a digit, the bytes it
//!   shares with it, up to 9, then the rest); notes dropped. Sorted and
//!   front-coded, VADER gzips to about 19.8 KB instead of 25.8 KB;
//! - `calibration`: one term per line;
//! - `gazetteer`: one line per actor, `id<TAB>kind<TAB>f=value<TAB>...`, each
//!   field the engine reads named by one letter (`n`ame, `a`lias, `s`urname,
//!   ad`j`ective, `p`eople, `c`apital, sea`t`, `r`ole, s`i`nce; fields it
//!   does not read are dropped), a role's rank as `s` (head of state) or `g`
//!   (head of government), keeping the "as of" comment, which the report quotes;
//! - `predicates`: one line per predicate,
//!   `lemma<TAB>pos<TAB>agent<TAB>target<TAB>preps<TAB>form form...`, each
//!   form front-coded against the lemma (one digit, the bytes it shares with
//!   the lemma, up to 9, then the rest) and followed by `:p` (a past
//!   participle), `:g` (an "-ing" form) or `:pg` when its tags say so: the
//!   engine reads no other tag;
//! - `lower.rs`: the lowercase of every `char` as this toolchain's
//!   `char::to_lowercase` gives it, as runs with one offset each (Rust
//!   source for `src/lower.rs`, checked character by character here).
//!
//! The files in `data/` stay the source of truth; nothing here changes a fact.
//! A malformed row fails the build with its file and line, so the engine's
//! parsers may assume well-formed rows. `SLANT_DATA_HASH` (12 hex digits of
//! FNV-1a 64 over the data files read) names the data for provenance.

use std::collections::BTreeMap;
use std::path::Path;

fn main() {
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let mut hash = Fnv::default();
    let write = |name: &str, text: String| {
        std::fs::write(Path::new(&out).join(name), text).unwrap_or_else(|e| panic!("cannot write {name}: {e}"));
    };
    for name in ["vader.tsv", "afinn.tsv", "news.tsv"] {
        write(name, lexicon(name, &read(name, &mut hash)));
    }
    let calibration = read("calibration.tsv", &mut hash);
    write(
        "calibration.tsv",
        rows("calibration.tsv", &calibration)
            .map(|(line, r)| {
                let term = r[0].trim();
                if term.is_empty() {
                    fail("calibration.tsv", line, "the term is empty");
                }
                format!("{term}\n")
            })
            .collect(),
    );
    write("gazetteer.tsv", gazetteer(&read("gazetteer.tsv", &mut hash)));
    write("predicates.tsv", predicates(&read("predicates.tsv", &mut hash)));
    write("lower.rs", lower_table());
    println!("cargo:rustc-env=SLANT_DATA_HASH={}", &format!("{:016x}", hash.0)[..12]);
}

/// FNV-1a, 64 bits: a short, dependency-free fingerprint of the data.
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

fn read(name: &str, hash: &mut Fnv) -> String {
    let path = Path::new("data").join(name);
    println!("cargo:rerun-if-changed={}", path.display());
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    hash.write(name.as_bytes());
    hash.write(&[0]);
    hash.write(text.as_bytes());
    hash.write(&[0]);
    text
}

/// Stops the build at a malformed row, naming the file and line.
fn fail(name: &str, line: usize, what: &str) -> ! {
    panic!("data/{name} line {line} is malformed: {what}. Fix the row (or its generator) and build again.")
}

/// The tab-separated columns, with line numbers from 1, of every line that
/// is not a comment or blank.
fn rows<'t>(_name: &str, text: &'t str) -> impl Iterator<Item = (usize, Vec<&'t str>)> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty())
        .map(|(i, l)| (i + 1, l.split('\t').collect()))
}

/// `value` as a finite number, or a failed build.
fn number(name: &str, line: usize, column: &str, value: &str) -> f32 {
    match value.trim().parse::<f32>() {
        Ok(v) if v.is_finite() => v,
        _ => fail(name, line, &format!("the {column} `{value}` is not a number")),
    }
}

/// `term<TAB>valence[<TAB>note]` lines packed as the module documentation
/// says: valences, codes, front-coded terms. Equal terms keep their file order.
fn lexicon(name: &str, text: &str) -> String {
    let mut entries: Vec<(&str, &str)> = Vec::new();
    for (line, r) in rows(name, text) {
        let [term, valence, ..] = r[..] else {
            fail(name, line, "it needs a term and a valence separated by a tab")
        };
        if term.trim().is_empty() {
            fail(name, line, "the term is empty");
        }
        if term.contains('\n') {
            fail(name, line, "the term holds a line break");
        }
        number(name, line, "valence", valence);
        entries.push((term, valence.trim()));
    }
    entries.sort_by(|a, b| a.0.cmp(b.0));
    let mut valences: Vec<&str> = entries.iter().map(|e| e.1).collect();
    valences.sort_by(|a, b| {
        number(name, 0, "valence", a)
            .total_cmp(&number(name, 0, "valence", b))
            .then(a.cmp(b))
    });
    valences.dedup();
    if valences.len() > usize::from(b'~' - b'!') + 1 {
        fail(name, 0, "more distinct valences than one printable byte can name");
    }
    let mut out = valences.join("\t");
    out.push('\n');
    for (_, valence) in &entries {
        let i = valences.iter().position(|v| v == valence).unwrap_or_default();
        out.push(char::from(b'!' + i as u8));
    }
    out.push('\n');
    let mut prev = "";
    for (term, _) in &entries {
        let shared = shared_prefix(term, prev);
        out.push(char::from(b'0' + shared as u8));
        out.push_str(&term[shared..]);
        out.push('\n');
        prev = term;
    }
    out
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
    for (line, r) in rows("gazetteer.tsv", text) {
        let [id, kind, field, value] = r[..] else {
            fail("gazetteer.tsv", line, "it needs four columns: id, kind, field, value")
        };
        if field.contains('=') {
            fail("gazetteer.tsv", line, "the field name holds an `=`");
        }
        if [id, kind, field, value].iter().any(|c| c.trim().is_empty()) {
            fail("gazetteer.tsv", line, "a column is empty");
        }
        if current != Some((id, kind)) {
            if current.is_some() {
                out.push('\n');
            }
            out.push_str(id);
            out.push('\t');
            out.push_str(kind);
            current = Some((id, kind));
        }
        let Some(letter) = gazetteer_field(field) else {
            continue;
        };
        out.push('\t');
        out.push(letter);
        out.push('=');
        match value.rsplit_once(':') {
            Some((rest, "head-of-state")) if field == "role" => out.push_str(&format!("{rest}:s")),
            Some((rest, "head-of-government")) if field == "role" => out.push_str(&format!("{rest}:g")),
            _ => out.push_str(value),
        }
    }
    out.push('\n');
    out
}

/// The letter the engine reads a gazetteer field by, or `None` for a field
/// it does not read (such as an organisation's `country`).
fn gazetteer_field(field: &str) -> Option<char> {
    Some(match field {
        "name" => 'n',
        "alias" => 'a',
        "surname" => 's',
        "adj" => 'j',
        "people" => 'p',
        "capital" => 'c',
        "seat" => 't',
        "role" => 'r',
        "since" => 'i',
        _ => return None,
    })
}

/// `form<TAB>lemma<TAB>pos<TAB>tag<TAB>agent<TAB>target<TAB>preps` lines
/// gathered into one line per predicate, in order of first appearance.
fn predicates(text: &str) -> String {
    let mut order: Vec<[&str; 5]> = Vec::new();
    let mut forms: BTreeMap<[&str; 5], Vec<String>> = BTreeMap::new();
    for (line, r) in rows("predicates.tsv", text) {
        let [form, lemma, pos, tag, agent, target, preps] = r[..] else {
            fail(
                "predicates.tsv",
                line,
                "it needs seven columns: form, lemma, pos, tag, agent, target, preps",
            )
        };
        if [form, lemma, pos, tag, preps].iter().any(|c| c.trim().is_empty()) {
            fail(
                "predicates.tsv",
                line,
                "a column is empty (write `-` for no prepositions)",
            );
        }
        if !matches!(pos, "verb" | "noun" | "adj") {
            fail(
                "predicates.tsv",
                line,
                &format!("the part of speech `{pos}` is not verb, noun or adj"),
            );
        }
        number("predicates.tsv", line, "agent value", agent);
        number("predicates.tsv", line, "target value", target);
        let key = [lemma, pos, agent, target, preps];
        if !forms.contains_key(&key) {
            order.push(key);
        }
        forms.entry(key).or_default().push(front_coded(form, lemma, tag));
    }
    order
        .iter()
        .map(|key| format!("{}\t{}\n", key.join("\t"), forms[key].join(" ")))
        .collect()
}

/// How many leading bytes `word` shares with `other`, at most 9 (one digit in
/// the front-coded tables) and ending on a character boundary of `word`.
fn shared_prefix(word: &str, other: &str) -> usize {
    let mut shared = word
        .bytes()
        .zip(other.bytes())
        .take(9)
        .take_while(|(a, b)| a == b)
        .count();
    while !word.is_char_boundary(shared) {
        shared -= 1;
    }
    shared
}

/// A predicate's surface form as the engine reads it: the number of bytes it
/// shares with the lemma (one digit), the rest of the form, then `:p`, `:g`
/// or `:pg` for the tags `pastpart` and `ing` (joined with `+` in `tag`).
fn front_coded(form: &str, lemma: &str, tag: &str) -> String {
    let shared = shared_prefix(form, lemma);
    let participle = tag.split('+').any(|t| t == "pastpart");
    let gerund = tag.split('+').any(|t| t == "ing");
    let flags = match (participle, gerund) {
        (false, false) => "",
        (true, false) => ":p",
        (false, true) => ":g",
        (true, true) => ":pg",
    };
    format!("{shared}{}{flags}", &form[shared..])
}

/// The lowercase mappings of every `char`, as this toolchain's standard
/// library gives them (the same Unicode version as the engine's `core`), as
/// Rust source for `src/lower.rs`: `RANGES`, runs of characters with the same
/// offset to their lowercase, each `(start << 11 | length << 1 | stride - 1,
/// offset)` with a stride of 1 or 2 (every other character, the ones between
/// their own lowercase), sorted by start; and `MULTI`, the characters whose
/// lowercase is more than one character. Every character is checked against
/// the encoding before it is written.
fn lower_table() -> String {
    let map = |u: u32| -> Option<Vec<char>> {
        let c = char::from_u32(u)?;
        let l: Vec<char> = c.to_lowercase().collect();
        (l != [c]).then_some(l)
    };
    // The single-character mappings by code point, as offsets.
    let delta = |u: u32| -> Option<i32> {
        match map(u)?.as_slice() {
            [l] => Some(*l as i32 - u as i32),
            _ => None,
        }
    };
    let (mut ranges, mut multi) = (Vec::new(), Vec::new());
    let mut u = 0;
    while u <= 0x10FFFF {
        let Some(m) = map(u) else {
            u += 1;
            continue;
        };
        let Some(d) = delta(u) else {
            multi.push((u, m.into_iter().collect::<String>()));
            u += 1;
            continue;
        };
        let stride = if delta(u + 1) == Some(d) {
            1
        } else if map(u + 1).is_none() && delta(u + 2) == Some(d) {
            2
        } else {
            1
        };
        let mut len = 1;
        while len < 1023 {
            let next = u + len * stride;
            if delta(next) != Some(d) || (stride == 2 && map(next - 1).is_some()) {
                break;
            }
            len += 1;
        }
        ranges.push(((u << 11) | (len << 1) | (stride - 1), d));
        u += (len - 1) * stride + 1;
    }
    // The encoding read back as `src/lower.rs` reads it, for every character.
    for u in 0..=0x10FFFF_u32 {
        let Some(c) = char::from_u32(u) else { continue };
        let want: String = c.to_lowercase().collect();
        let got = match multi.iter().find(|(m, _)| *m == u) {
            Some((_, s)) => s.clone(),
            None => {
                let i = ranges.partition_point(|&(key, _)| key >> 11 <= u);
                let hit = i.checked_sub(1).map(|i| ranges[i]).and_then(|(key, d)| {
                    let (start, len, stride) = (key >> 11, (key >> 1) & 0x3FF, 1 + (key & 1));
                    let off = u - start;
                    (off % stride == 0 && off / stride < len).then(|| char::from_u32(u.wrapping_add_signed(d)))?
                });
                hit.unwrap_or(c).to_string()
            }
        };
        assert_eq!(got, want, "the lowercase table is wrong for U+{u:04X}");
    }
    let mut out = String::from("/// Runs of characters with one offset to their lowercase.\n");
    out += &format!("const RANGES: [(u32, i32); {}] = [\n", ranges.len());
    for (key, d) in &ranges {
        out += &format!("    (0x{key:08x}, {d}),\n");
    }
    out += "];\n/// The characters whose lowercase is more than one character.\n";
    out += &format!("const MULTI: [(char, &str); {}] = [\n", multi.len());
    for (u, s) in &multi {
        out += &format!("    ('\\u{{{u:x}}}', {s:?}),\n");
    }
    out + "];\n"
}
