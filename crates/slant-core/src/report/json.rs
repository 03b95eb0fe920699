//! The report's JSON form: the records hold spans; these views write the
//! words beside them, so a reader of the JSON needs no offsets. It must not
//! compute anything the report does not hold.

use super::*;

/// A value with the report it belongs to, for serialising spans with their text.
struct With<'a, T: ?Sized>(&'a Report, &'a T);

impl Serialize for Report {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Report", 8)?;
        st.serialize_field("paragraphs", &self.paragraphs)?;
        st.serialize_field("sentences", &self.sentences)?;
        st.serialize_field("actors", &With(self, self.actors.as_slice()))?;
        st.serialize_field("cells", &With(self, self.cells.as_slice()))?;
        st.serialize_field("relations", &With(self, self.relations.as_slice()))?;
        st.serialize_field("words", &self.words)?;
        st.serialize_field("stats", &self.stats)?;
        st.serialize_field("gazetteer_as_of", &self.gazetteer_as_of)?;
        st.end()
    }
}

impl<T> Serialize for With<'_, [T]>
where
    for<'b> With<'b, T>: Serialize,
{
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.1.len()))?;
        for item in self.1 {
            seq.serialize_element(&With(self.0, item))?;
        }
        seq.end()
    }
}

impl Serialize for With<'_, ActorReport> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let a = self.1;
        let mut st = s.serialize_struct("Actor", 10)?;
        st.serialize_field("id", &a.id)?;
        st.serialize_field("name", &a.name)?;
        st.serialize_field("kind", &a.kind)?;
        st.serialize_field("origin", &a.origin)?;
        st.serialize_field("score", &a.score)?;
        st.serialize_field("label", &a.label)?;
        st.serialize_field("positive", &a.positive)?;
        st.serialize_field("negative", &a.negative)?;
        st.serialize_field("evidence", &a.evidence)?;
        st.serialize_field("mentions", &With(self.0, a.mentions.as_slice()))?;
        st.end()
    }
}

impl Serialize for With<'_, MentionReport> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let m = self.1;
        let mut st = s.serialize_struct("Mention", 6)?;
        st.serialize_field("paragraph", &m.paragraph)?;
        st.serialize_field("start", &m.span.start)?;
        st.serialize_field("end", &m.span.end)?;
        st.serialize_field("text", self.0.slice(m.span))?;
        st.serialize_field("kind", &m.kind)?;
        st.serialize_field("score", &m.score)?;
        st.end()
    }
}

impl Serialize for With<'_, Cell> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let c = self.1;
        let mut st = s.serialize_struct("Cell", 8)?;
        st.serialize_field("paragraph", &c.paragraph)?;
        st.serialize_field("actor", &self.0.actors[c.actor].id)?;
        st.serialize_field("score", &c.score)?;
        st.serialize_field("label", &c.label)?;
        st.serialize_field("mentions", &c.mentions)?;
        st.serialize_field("positive", &c.positive)?;
        st.serialize_field("negative", &c.negative)?;
        st.serialize_field("evidence", &With(self.0, c.evidence.as_slice()))?;
        st.end()
    }
}

impl Serialize for With<'_, Evidence> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let e = self.1;
        let (cause, source) = match e.cause {
            Cause::Word(source) => ("word", source.as_str()),
            Cause::Predicate(lemma) => ("predicate", lemma),
        };
        let mut st = s.serialize_struct("Evidence", 11)?;
        st.serialize_field("text", self.0.slice(e.words))?;
        st.serialize_field("start", &e.words.start)?;
        st.serialize_field("end", &e.words.end)?;
        st.serialize_field("mention", self.0.slice(e.mention))?;
        st.serialize_field("mention_start", &e.mention.start)?;
        st.serialize_field("mention_end", &e.mention.end)?;
        st.serialize_field("cause", cause)?;
        st.serialize_field("source", source)?;
        st.serialize_field("base", &e.base)?;
        st.serialize_field("weight", &e.weight)?;
        st.serialize_field("rules", &With(self.0, e.rules.as_slice()))?;
        st.end()
    }
}

impl Serialize for With<'_, Rule> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("rule", self.1.name())?;
        let by = |map: &mut S::SerializeMap, span: Span| -> Result<(), S::Error> {
            map.serialize_entry("by", self.0.slice(span))?;
            map.serialize_entry("start", &span.start)?;
            map.serialize_entry("end", &span.end)
        };
        match self.1 {
            Rule::Negated { by: b, factor }
            | Rule::Contrast { by: b, factor }
            | Rule::Concession { by: b, factor }
            | Rule::Oblique { by: b, factor }
            | Rule::Comparison { by: b, factor } => {
                by(&mut map, *b)?;
                map.serialize_entry("factor", &r4(*factor))?;
            }
            Rule::Boosted { by: b, delta } | Rule::Dampened { by: b, delta } => {
                by(&mut map, *b)?;
                map.serialize_entry("delta", &r4(*delta))?;
            }
            Rule::Caps { delta } | Rule::Exclamation { delta } => map.serialize_entry("delta", &r4(*delta))?,
            Rule::SameClause { factor }
            | Rule::OtherClause { factor }
            | Rule::InheritedSubject { factor }
            | Rule::Rival { factor } => map.serialize_entry("factor", &r4(*factor))?,
            Rule::Distance { tokens, factor } => {
                map.serialize_entry("tokens", tokens)?;
                map.serialize_entry("factor", &r4(*factor))?;
            }
            Rule::Agent {
                predicate,
                lemma,
                value,
            }
            | Rule::Target {
                predicate,
                lemma,
                value,
            } => {
                by(&mut map, *predicate)?;
                map.serialize_entry("lemma", lemma)?;
                map.serialize_entry("value", &r4(*value))?;
            }
            Rule::Passive { by: b } | Rule::InQuote { quote: b } => by(&mut map, *b)?,
            Rule::Shifted { by: b } => {
                by(&mut map, *b)?;
                map.serialize_entry("factor", &-1.0f32)?;
            }
            Rule::Speaker { quote, factor } => {
                by(&mut map, *quote)?;
                map.serialize_entry("factor", &r4(*factor))?;
            }
            Rule::Coreference {
                mention,
                antecedent,
                subject,
            } => {
                by(&mut map, *mention)?;
                map.serialize_entry("antecedent", self.0.slice(*antecedent))?;
                map.serialize_entry("antecedent_start", &antecedent.start)?;
                map.serialize_entry("antecedent_end", &antecedent.end)?;
                map.serialize_entry("subject", subject)?;
            }
        }
        map.end()
    }
}

impl Serialize for With<'_, Relation> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let r = self.1;
        let mut st = s.serialize_struct("Relation", 10)?;
        st.serialize_field("speaker", &self.0.actors[r.speaker].id)?;
        st.serialize_field("target", &self.0.actors[r.target].id)?;
        st.serialize_field("paragraph", &r.paragraph)?;
        st.serialize_field("kind", r.kind.as_str())?;
        st.serialize_field("start", &r.span.start)?;
        st.serialize_field("end", &r.span.end)?;
        st.serialize_field("text", self.0.slice(r.span))?;
        st.serialize_field("score", &r.score)?;
        st.serialize_field("label", &r.label)?;
        st.serialize_field("evidence", &r.evidence)?;
        st.end()
    }
}
