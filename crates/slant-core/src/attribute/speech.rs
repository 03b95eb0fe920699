//! Speech: who speaks a quotation ("“...,” No 10 said", "Mr Macron said:
//! “...”") and reported speech ("Zelenskyy said Trump lived in a bubble"),
//! so the report can show who says what about whom. It records speeches;
//! it must not weigh words.

use super::*;

impl Attributor<'_> {
    /// The speaker of quotation `q`, worked out once.
    pub(super) fn cached_quote_speaker(&mut self, q: usize) -> Option<usize> {
        if let Some(Some(known)) = self.quote_speakers.get(q) {
            return *known;
        }
        let quote = self.st.quotes.get(q)?;
        let found = self.quote_speaker(quote.open, quote.close);
        if let Some(slot) = self.quote_speakers.get_mut(q) {
            *slot = Some(found);
        }
        found
    }

    /// The speaker of the quotation opening at `open`: "“...,” No 10 said",
    /// "“...,” said Mr Macron", "Mr Macron said: “...”".
    pub(super) fn quote_speaker(&self, open: usize, close: Option<usize>) -> Option<usize> {
        if let Some(close) = close {
            let s = self.doc.sentence_of(close);
            let end = self.doc.sentences[s].tokens.end.min(close + 8);
            let mut verb = None;
            for i in close + 1..end {
                if self.says(i) {
                    verb = Some(i);
                    break;
                }
                if self.doc.tokens[i].kind == TokenKind::OpenQuote {
                    break;
                }
            }
            if let Some(v) = verb {
                // "No 10 said" / "an Elysee adviser said" / "said Mr Macron".
                let before = (close + 1..v).rev().find_map(|i| self.mention_index(i));
                let after = self.mention_after(v + 1, 3, s, &[]);
                if let Some(m) = before.or(after) {
                    return Some(m);
                }
            }
        }
        // A verb of saying before the opening mark, in the same sentence.
        let s = self.doc.sentence_of(open);
        let start = self.doc.sentences[s].tokens.start;
        let verb = self.prev_says(open)?;
        (verb.saturating_sub(6).max(start)..verb)
            .rev()
            .find_map(|i| self.mention_index(i))
    }

    /// The nearest verb of saying before token `i` in its sentence.
    pub(super) fn prev_says(&self, i: usize) -> Option<usize> {
        let k = self.says_at.partition_point(|&v| (v as usize) < i);
        let v = *self.says_at.get(k.checked_sub(1)?)? as usize;
        let tokens = &self.doc.sentences.get(self.doc.sentence_of(i))?.tokens;
        (tokens.contains(&i) && v >= tokens.start).then_some(v)
    }

    /// Whether token `i` is a verb of saying used as a verb: not "Trump’s
    /// claim" or "the statement".
    pub(super) fn says(&self, i: usize) -> bool {
        u32::try_from(i).is_ok_and(|i| self.says_at.binary_search(&i).is_ok())
    }

    /// Whether token `i` is a verb of saying used as a verb (see [`Attributor::says`]).
    pub(super) fn is_saying(&self, i: usize) -> bool {
        self.is_word(i)
            && is_verb_of_saying(self.doc.lower(i))
            && !(i > 0
                && (self.doc.tokens[i - 1].kind == TokenKind::Possessive
                    || matches!(
                        self.word(i - 1),
                        "the" | "a" | "an" | "his" | "her" | "their" | "its" | "this" | "that"
                    )))
    }

    pub(super) fn mention_index(&self, i: usize) -> Option<usize> {
        self.cast
            .mention_of
            .get(i)
            .copied()
            .filter(|&m| m != u32::MAX)
            .map(|m| m as usize)
    }

    /// Records speeches: quotations with a speaker, and reported speech.
    pub(super) fn speeches(&mut self) {
        for q in &self.st.quotes {
            if !q.is_speech {
                continue;
            }
            if let Some(speaker) = self.quote_speaker(q.open, q.close) {
                self.out.speeches.push(Speech {
                    speaker,
                    kind: SpeechKind::Quote,
                    tokens: q.inner.clone(),
                    span: q.span,
                });
            }
        }
        // Reported speech: "X said (that) ...", outside quotations, in the
        // sentences that have a verb of saying (found while indexing).
        let mut k = 0;
        while k < self.says_at.len() {
            let s = self.doc.sentence_of(self.says_at[k] as usize);
            let range = self.doc.sentences[s].tokens.clone();
            // The sentence's verbs of saying: `says_at[first..k]`.
            let first = k;
            while k < self.says_at.len() && (self.says_at[k] as usize) < range.end {
                k += 1;
            }
            // The verbs of saying with a speaker before them, as (speaker's
            // first token, verb), sorted, with the earliest verb from each on.
            let mut voiced: Vec<(usize, usize)> = Vec::new();
            for &j in &self.says_at[first..k] {
                let j = j as usize;
                if let Some(m) = self.mention_before(j, s) {
                    voiced.push((self.cast.mentions[m].tokens.start, j));
                }
            }
            crate::sort::sort(&mut voiced);
            let mut earliest_from = vec![usize::MAX; voiced.len() + 1];
            for k in (0..voiced.len()).rev() {
                earliest_from[k] = earliest_from[k + 1].min(voiced[k].1);
            }
            for verb in first..k {
                let v = self.says_at[verb] as usize;
                if self.st.quote(v).is_some() {
                    continue;
                }
                // A verb that attributes a quotation is not reported speech.
                // Only when the quotation follows at once ("said: “...”"), not
                // inside the reported clause ("said Russia “had lied”").
                let quote_next = (v + 1..range.end.min(v + 4))
                    .take_while(|&j| self.doc.tokens[j].kind != TokenKind::Word)
                    .any(|j| self.doc.tokens[j].kind == TokenKind::OpenQuote);
                let quote_before = v > range.start
                    && (range.start..v)
                        .rev()
                        .take(6)
                        .any(|j| self.doc.tokens[j].kind == TokenKind::CloseQuote);
                if quote_next || quote_before {
                    continue;
                }
                let Some(speaker) = self
                    .mention_before(v, s)
                    .or_else(|| self.subject(self.clause(v) as usize, 0).map(|(m, _)| m))
                else {
                    continue;
                };
                // The speech runs to the end of the sentence, or to the next
                // verb of saying with a speaker of its own ("..., Y said").
                // A later speaker starts after `v`, so its verb does too.
                let from = voiced.partition_point(|&(start, _)| start <= v);
                let end = match earliest_from[from] {
                    usize::MAX => range.end,
                    j => j,
                };

                // "asked Sanders if ...", "told the BBC that ...": the one spoken
                // to is not what is said; the speech starts after them.
                let mut start = v + 1;
                if matches!(
                    self.word(v),
                    "ask" | "asks" | "asked" | "tell" | "tells" | "told" | "urged" | "urges"
                ) && let Some(m) = self.mention_index(start)
                {
                    start = self.cast.mentions[m].tokens.end;
                }
                if end <= start {
                    continue;
                }
                let span = Span::new(self.doc.tokens[start].span.start, self.doc.tokens[end - 1].span.end);
                self.out.speeches.push(Speech {
                    speaker,
                    kind: SpeechKind::Reported,
                    tokens: start..end,
                    span,
                });
            }
        }
        self.according_to();
        crate::sort::sort_by_key(&mut self.out.speeches, |sp| (sp.tokens.start, sp.speaker));
        // One statement, one speech: a quotation inside its speaker's reported
        // clause ("He said Russia “had lied”") is part of that clause.
        let mut kept: Vec<Speech> = Vec::with_capacity(self.out.speeches.len());
        for sp in std::mem::take(&mut self.out.speeches) {
            let speaker = self.cast.mentions[sp.speaker].actor;
            let inside = kept.iter().rev().take(4).any(|k| {
                self.cast.mentions[k.speaker].actor == speaker
                    && k.tokens.start <= sp.tokens.start
                    && sp.tokens.end <= k.tokens.end
            });
            if !inside {
                kept.push(sp);
            }
        }
        self.out.speeches = kept;
    }

    /// "According to X, ..." and "..., according to X": X speaks the rest of
    /// the sentence, or what comes before the comma.
    fn according_to(&mut self) {
        // Only the tokens "according", found while indexing.
        for k in 0..self.according_at.len() {
            let a = self.according_at[k] as usize;
            let s = self.doc.sentence_of(a);
            let range = self.doc.sentences[s].tokens.clone();
            if self.word(a + 1) != "to" || self.st.quote(a).is_some() {
                continue;
            }
            let Some(m) = self.mention_index(a + 2).filter(|_| a + 2 < range.end) else {
                continue;
            };
            let after_speaker = self.cast.mentions[m].tokens.end;
            let tokens = if a == range.start {
                // "According to X, Russia lied.": skip the comma.
                let start = if self.doc.token_text(after_speaker) == "," {
                    after_speaker + 1
                } else {
                    after_speaker
                };
                start..range.end
            } else {
                // "Russia lied, according to X.": up to the comma.
                let end = if a > range.start && self.doc.token_text(a - 1) == "," {
                    a - 1
                } else {
                    a
                };
                range.start..end
            };
            if tokens.is_empty() || self.doc.sentence_of(tokens.end - 1) != s {
                continue;
            }
            let span = Span::new(
                self.doc.tokens[tokens.start].span.start,
                self.doc.tokens[tokens.end - 1].span.end,
            );
            self.out.speeches.push(Speech {
                speaker: m,
                kind: SpeechKind::Reported,
                tokens,
                span,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    /// The relation list as (speaker id, target id, sign).
    fn relations(text: &str) -> Vec<(String, String, i8)> {
        let r = crate::analyze(text, &crate::Config::default());
        r.relations
            .iter()
            .map(|x| {
                (
                    r.actors[x.speaker].id.clone(),
                    r.actors[x.target].id.clone(),
                    if x.score > 0.0 {
                        1
                    } else if x.score < 0.0 {
                        -1
                    } else {
                        0
                    },
                )
            })
            .collect()
    }

    fn rel(speaker: &str, target: &str, sign: i8) -> (String, String, i8) {
        (speaker.to_string(), target.to_string(), sign)
    }

    #[test]
    fn a_pronoun_speaks_for_its_person() {
        assert_eq!(
            relations("John Smith arrived. He said Russia had lied again."),
            [rel("john-smith", "russia", -1)]
        );
        assert_eq!(
            relations("Mary Jones arrived. She told reporters that Russia was a terrible partner."),
            [rel("mary-jones", "russia", -1)]
        );
    }

    #[test]
    fn a_spokesman_speaks_for_his_principal() {
        assert_eq!(
            relations("Mr Brown arrived late. His spokesman said Russia was wrong."),
            [rel("brown", "russia", -1)]
        );
    }

    #[test]
    fn the_speaker_may_follow_the_quote() {
        assert_eq!(
            relations("“Russia is a terrible partner,” Mr Brown said."),
            [rel("brown", "russia", -1)]
        );
    }

    #[test]
    fn according_to_names_the_speaker() {
        assert_eq!(
            relations("According to Mary Jones, Russia behaved badly."),
            [rel("mary-jones", "russia", -1)]
        );
        assert_eq!(
            relations("Russia behaved badly, according to Mary Jones."),
            [rel("mary-jones", "russia", -1)]
        );
    }

    #[test]
    fn one_line_per_statement() {
        // The quoted words inside the reported clause are one statement.
        assert_eq!(
            relations("Mr Brown said Russia “had lied badly”."),
            [rel("brown", "russia", -1)]
        );
    }

    #[test]
    fn never_an_actor_inside_the_reported_clause() {
        let got =
            relations("John Smith arrived. He said the European Commission had refused every offer from Zoë Ångström.");
        assert!(got.iter().all(|(s, ..)| s == "john-smith"), "{got:?}");
    }
}
