//! What the golden tests read off a report: an actor's mentions as text and
//! a cell's score, failing with the id when the actor or cell is missing.

use slant_core::Report;

/// The text of every mention of actor `id`, in text order.
pub fn mentions(r: &Report, id: &str) -> Vec<String> {
    let a = r.actor(id).unwrap_or_else(|| panic!("{id} not found"));
    a.mentions.iter().map(|m| r.slice(m.span).to_string()).collect()
}

/// The score of actor `id` in `paragraph`.
pub fn cell(r: &Report, paragraph: usize, id: &str) -> f32 {
    let a = r.actor_index(id).unwrap_or_else(|| panic!("{id} not found"));
    r.cell(paragraph, a)
        .unwrap_or_else(|| panic!("{id} not in paragraph {paragraph}"))
        .score
}
