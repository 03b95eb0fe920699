//! Spreading: a sentiment word that is not a predicate reaches the mentions
//! of its sentence in the same voice, fully in its own clause, less through
//! an inherited subject, little in other clauses, fading with distance, and
//! only the nearest [`SPREAD_MENTIONS`] on each side. It must not find
//! predicates' arguments.

use super::*;

impl Attributor<'_> {
    /// Spreads a sentiment word, hit `h`, to the mentions of its sentence.
    pub(super) fn spread(&mut self, h: usize, hit: &Hit) {
        let shifted;
        // Only favourable words flip: "accused X of fraud" keeps fraud unfavourable.
        let hit = match self.shifted_by[h] {
            by if by == u32::MAX || hit.valence <= 0.0 => hit,
            by => {
                let mut h = hit.clone();
                h.valence = -h.valence;
                h.rules.push(Rule::Shifted {
                    by: self.doc.tokens[by as usize].span,
                });
                shifted = h;
                &shifted
            }
        };
        let at = hit.tokens.start;
        let s = self.doc.sentence_of(at);
        let Some(mentions) = self.sentence_mentions.get(s).cloned() else {
            return;
        };
        if mentions.is_empty() {
            return;
        }
        let hit_clause = self.clause(at);
        let inherited = self
            .subject(hit_clause as usize, 0)
            .filter(|(_, inh)| *inh)
            .map(|(m, _)| m);
        // The nearest mentions on each side, and the inherited subject wherever it is.
        let k = mentions.start
            + self.cast.mentions[mentions.clone()].partition_point(|m| m.tokens.start < hit.tokens.start);
        let lo = k.saturating_sub(SPREAD_MENTIONS).max(mentions.start);
        let hi = (k + SPREAD_MENTIONS).min(mentions.end);
        let before = inherited.filter(|&m| m >= mentions.start && m < lo);
        let after = inherited.filter(|&m| m >= hi && m < mentions.end);
        let mentions = before.into_iter().chain(lo..hi).chain(after);
        // The best (strongest) reach per actor, so two mentions of one actor count once.
        // The rules that reach a mention are gathered without allocating;
        // only the winners get a `Vec` when pushed.
        // The buffer is the attributor's, reused from word to word.
        let mut best = std::mem::take(&mut self.best);
        best.clear();
        let reported_from = self.reported_from[h] as usize;
        for m in mentions {
            let head = self.head(m);
            if !self.st.same_voice(at, head) {
                continue;
            }
            // "Zelenskyy said Trump lived in a bubble": the bubble is Trump's; the
            // speaker's side shares in it only as much as `quote_to_speaker` says.
            let speaker_side = reported_from != u32::MAX as usize && head < reported_from;
            if speaker_side && self.config.quote_to_speaker == 0.0 {
                continue;
            }
            let mt = &self.cast.mentions[m];
            let same_clause = self.clause(head) == hit_clause || self.clause(mt.tokens.start) == hit_clause;
            // A pronoun stands for its actor in its own clause only.
            if mt.kind == MentionKind::Pronoun && !same_clause {
                continue;
            }
            let (factor, scope) = if same_clause {
                (
                    self.config.same_clause,
                    Rule::SameClause {
                        factor: self.config.same_clause,
                    },
                )
            } else if inherited == Some(m) {
                (
                    self.config.inherited_subject,
                    Rule::InheritedSubject {
                        factor: self.config.inherited_subject,
                    },
                )
            } else {
                (
                    self.config.other_clause,
                    Rule::OtherClause {
                        factor: self.config.other_clause,
                    },
                )
            };
            if factor == 0.0 {
                continue;
            }
            let gap = if mt.tokens.end <= hit.tokens.start {
                hit.tokens.start - mt.tokens.end
            } else {
                mt.tokens.start.saturating_sub(hit.tokens.end)
            };
            // An inherited subject stands, in effect, at the start of the clause.
            let gap = if inherited == Some(m) && self.clause(head) != hit_clause {
                let clause_start = self.st.clauses[hit_clause as usize].tokens.start;
                hit.tokens.start.saturating_sub(clause_start)
            } else {
                gap
            };
            let decay = 1.0 / (1.0 + gap as f32 / self.config.decay_tokens.max(0.01));
            let mut weight = hit.valence * factor * decay;
            let mut rules: [Option<Rule>; 4] = [Some(scope), None, None, None];
            if speaker_side {
                let speech = self.doc.tokens[reported_from].span;
                let end = self.doc.sentences[mt.sentence].span.end;
                weight *= self.config.quote_to_speaker;
                rules[1] = Some(Rule::Speaker {
                    quote: Span::new(speech.start, end),
                    factor: self.config.quote_to_speaker,
                });
            }
            if decay < 1.0 {
                rules[2] = Some(Rule::Distance {
                    tokens: gap,
                    factor: decay,
                });
            }
            let than = mt.tokens.start.checked_sub(1).filter(|&t| self.word(t) == "than");
            if let Some(t) = than
                && self.clause(t) == hit_clause
            {
                weight *= -self.config.comparison;
                rules[3] = Some(Rule::Comparison {
                    by: self.doc.tokens[t].span,
                    factor: -self.config.comparison,
                });
            } else if self.config.oblique != 1.0
                && let Some(p) = self.preposition_before(m)
            {
                weight *= self.config.oblique;
                rules[3] = Some(Rule::Oblique {
                    by: self.doc.tokens[p].span,
                    factor: self.config.oblique,
                });
            }
            match best
                .iter_mut()
                .find(|(b, _, _)| self.cast.mentions[*b].actor == mt.actor)
            {
                Some(b) if b.1.abs() >= weight.abs() => {}
                Some(b) => *b = (m, weight, rules),
                None => best.push((m, weight, rules)),
            }
        }
        // Mentions compete for a word: the one it reaches most strongly takes
        // it whole, the others `rival` times what they would get alone.
        let strongest = best.iter().map(|b| b.1.abs()).fold(0.0f32, f32::max);
        let rival = self.config.rival;
        for (m, mut weight, extra) in best.drain(..) {
            // The word's own rules, then how it reached the mention, then the rivalry.
            let mut reach = [Rule::Rival { factor: rival }; 5];
            let mut n = 0;
            for rule in extra.into_iter().flatten() {
                reach[n] = rule;
                n += 1;
            }
            if rival != 1.0 && weight.abs() < strongest {
                weight *= rival;
                reach[n] = Rule::Rival { factor: rival };
                n += 1;
            }
            self.push(
                m,
                hit.span,
                Cause::Word(hit.source),
                hit.base,
                weight,
                [&hit.rules, &reach[..n]],
            );
        }
        self.best = best;
        // The speaker of a quotation, when configured to share in its words.
        if self.config.quote_to_speaker != 0.0
            && let Some(q) = self
                .st
                .quote_of
                .get(at)
                .copied()
                .filter(|&q| q != crate::segment::structure::NO_QUOTE)
            && let Some(speaker) = self.cached_quote_speaker(q as usize)
        {
            let factor = self.config.quote_to_speaker;
            let quote = self.st.quotes[q as usize].span;
            self.push(
                speaker,
                hit.span,
                Cause::Word(hit.source),
                hit.base,
                hit.valence * factor,
                [&hit.rules, &[Rule::Speaker { quote, factor }]],
            );
        }
    }
}
