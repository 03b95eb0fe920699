//! Progressive rendering for long lists: a short list renders at once; a long
//! one renders its first items now and more in each later task, as many as
//! fit a time budget, so a 2 MB article never blocks the page in one long
//! task.

use gloo_timers::callback::Timeout;
use yew::prelude::*;

use crate::perf;

/// Texts longer than this render nothing new in the task that analysed them:
/// the analysis alone takes tens of milliseconds there, so rendering waits for
/// the next task.
pub const LARGE_TEXT: usize = 48 * 1024;

/// The first batch for a text of `bytes`: `first`, or none for a large text.
pub fn first_batch(bytes: usize, first: usize) -> usize {
    if bytes > LARGE_TEXT { 0 } else { first }
}

/// The script time a progressive step aims at, in milliseconds: with the
/// browser's own style, layout and paint of what it added, the step's task
/// stays well under 50 ms.
pub const STEP_BUDGET_MS: f64 = 12.0;

/// The next step's size after a step of `step` items took `ms`: scaled to
/// [`STEP_BUDGET_MS`], at least one item and at most `most`.
pub fn next_step(step: usize, ms: Option<f64>, most: usize) -> usize {
    let Some(ms) = ms.filter(|ms| ms.is_finite() && *ms >= 0.0) else {
        return step;
    };
    let scaled = (step as f64 * STEP_BUDGET_MS / ms.max(0.5)).floor() as usize;
    // Grow by at most double per step, so one fast step on a cold page does not overshoot.
    scaled.clamp(1, (2 * step).min(most.max(1)))
}

/// How many of `total` items to render: `first` at once, then more in each
/// later task until all are shown, starting at `step` per task and scaled
/// to the time each step's render took (see [`next_step`]), so that a busy
/// machine draws fewer per task. Starts again from `first` when `key` changes.
#[hook]
pub fn use_progressive<K>(key: K, total: usize, first: usize, step: usize) -> usize
where
    K: PartialEq + Clone + 'static,
{
    use_stepped(key, total, first, step, true)
}

/// [`use_progressive`] with `step` items per task whatever they take: for
/// the chart, whose SVG the browser lays out and paints whole whenever a
/// row is added, so that fewer, larger steps cost less than many small ones.
#[hook]
pub fn use_progressive_fixed<K>(key: K, total: usize, first: usize, step: usize) -> usize
where
    K: PartialEq + Clone + 'static,
{
    use_stepped(key, total, first, step, false)
}

#[hook]
fn use_stepped<K>(key: K, total: usize, first: usize, step: usize, adapt: bool) -> usize
where
    K: PartialEq + Clone + 'static,
{
    let state = use_state(|| (key.clone(), first, step));
    let (limit, size) = if state.0 == key {
        (state.1, state.2)
    } else {
        (first, step)
    };
    // When the task that asked for the current step began.
    let began = use_mut_ref(|| None::<f64>);
    {
        let state = state.clone();
        use_effect_with((key, limit, total), move |(key, limit, total)| {
            let took = began.borrow_mut().take().zip(perf::now()).map(|(a, b)| b - a);
            let size = if adapt { next_step(size, took, 4 * step) } else { step };
            let timer = (*limit < *total).then(|| {
                let key = key.clone();
                let next = *limit + size.max(1);
                Timeout::new(0, move || {
                    *began.borrow_mut() = perf::now();
                    state.set((key, next, size));
                })
            });
            // Dropping the timer cancels it when the key changes first.
            move || drop(timer)
        });
    }
    limit.min(total)
}

/// Mounting in stages: returns 0 until `go` is first set (the first report
/// is there), then 1, 2, ... up to `stages`, one per task, so the first paint
/// of the chart is not held up by the panels below it.
#[hook]
pub fn use_stages(stages: usize, go: bool) -> usize {
    let stage = use_state(|| 0usize);
    {
        let stage = stage.clone();
        use_effect_with((*stage, go || *stage > 0), move |&(now, go)| {
            let timer = (go && now < stages).then(|| Timeout::new(0, move || stage.set(now + 1)));
            move || drop(timer)
        });
    }
    *stage
}

/// `value`, or while `defer` is set, the value of the previous render for one
/// more task: the task that analysed a large text then renders nothing new.
#[hook]
pub fn use_deferred<T>(value: T, defer: bool) -> T
where
    T: Clone + PartialEq + 'static,
{
    let shown = use_state(|| value.clone());
    let out = if defer { (*shown).clone() } else { value.clone() };
    {
        let shown = shown.clone();
        use_effect_with(value, move |v| {
            let v = v.clone();
            let timer = (*shown != v).then(|| Timeout::new(0, move || shown.set(v)));
            move || drop(timer)
        });
    }
    out
}

/// Long lists (the actor summary, the actors panel) show this many rows,
/// then this many more each time the user asks: a text naming thousands of
/// actors must not render thousands of rows in one task.
pub const LIST_PAGE: usize = 60;

/// A list longer than a page draws its first page this many rows at a
/// time, over a few tasks, as the article and the chart do.
pub const LIST_FIRST: usize = 20;

/// How many of `total` rows a long list shows, and the button that shows
/// more (none once all are shown). Starts again at one page when `key`
/// changes (a new report).
#[hook]
pub fn use_shown<K>(key: K, total: usize, testid: &'static str) -> (usize, Html)
where
    K: PartialEq + Clone + 'static,
{
    let shown = use_state(|| (key.clone(), LIST_PAGE));
    let limit = if shown.0 == key { shown.1 } else { LIST_PAGE };
    let first = if total > LIST_PAGE { LIST_FIRST } else { LIST_PAGE };
    let grown = use_progressive(key.clone(), LIST_PAGE.min(total), first, LIST_FIRST);
    let button = if limit < total {
        let onclick = {
            let shown = shown.clone();
            Callback::from(move |_: MouseEvent| shown.set((key.clone(), limit + LIST_PAGE)))
        };
        let more = LIST_PAGE.min(total - limit);
        html! {
            <button type="button" class="button more" data-testid={testid} {onclick}>
                { format!("Show {more} more ({limit} of {total} shown)") }
            </button>
        }
    } else {
        html! {}
    };
    let visible = if limit <= LIST_PAGE { grown.min(limit) } else { limit };
    (visible.min(total), button)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_follow_the_time_they_take() {
        assert_eq!(next_step(40, None, 160), 40, "no clock: as asked");
        assert_eq!(next_step(40, Some(48.0), 160), 10, "four times over budget: a quarter");
        assert_eq!(next_step(40, Some(1.0), 160), 80, "fast: at most double");
        assert_eq!(next_step(120, Some(1.0), 160), 160, "never over the most");
        assert_eq!(next_step(3, Some(500.0), 160), 1, "at least one");
        assert_eq!(next_step(40, Some(f64::NAN), 160), 40);
    }

    #[test]
    fn large_texts_render_nothing_in_the_analysing_task() {
        assert_eq!(first_batch(6_000, 40), 40);
        assert_eq!(first_batch(LARGE_TEXT, 40), 40);
        assert_eq!(first_batch(200 * 1024, 40), 0);
    }
}
