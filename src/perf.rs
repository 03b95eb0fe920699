//! Timing: `performance.mark`/`measure` entries the browser tests read
//! ("slant:analyse", "slant:update", "slant:first-chart"; the marks
//! "slant:main" and "slant:opened" split the first chart's time), and a
//! clock for the analysis time shown in the summary.
//!
//! In the browser these call the Performance API; natively (unit tests, SSR)
//! they do nothing, so components can call them unconditionally. This module
//! must not keep state of its own.

/// Milliseconds since the page's time origin, or `None` where there is no clock.
pub fn now() -> Option<f64> {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window().and_then(|w| w.performance()).map(|p| p.now())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        None
    }
}

/// Sets a named mark.
pub fn mark(name: &str) {
    #[cfg(target_arch = "wasm32")]
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = name;
}

/// Records a measure from the mark `start` to now, or from the time origin when `start` is `None`.
pub fn measure(name: &str, start: Option<&str>) {
    #[cfg(target_arch = "wasm32")]
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = match start {
            Some(s) => p.measure_with_start_mark(name, s),
            None => p.measure(name),
        };
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (name, start);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn natively_there_is_no_clock_and_marks_do_nothing() {
        assert_eq!(now(), None);
        mark("slant:test");
        measure("slant:test", Some("slant:test"));
        measure("slant:test", None);
    }
}
