//! The precise analysis in wasm, for timing under Node: a cdylib exporting `load` (the model
//! file's bytes) and `analyze` (a text: the engine's report, then every precise pass). Built
//! only for wasm32; `examples/wasm_bench.mjs` says how to build and run it.

#[cfg(target_arch = "wasm32")]
mod exports {
    use std::cell::RefCell;

    use slant_core::{Config, analyze as engine};
    use slant_model::{Model, precise};
    use wasm_bindgen::prelude::wasm_bindgen;

    thread_local! {
        static MODEL: RefCell<Option<Model>> = const { RefCell::new(None) };
    }

    /// Reads the model; an error message when the bytes are not a model file.
    #[wasm_bindgen]
    pub fn load(bytes: &[u8]) -> Result<(), String> {
        let model = Model::from_bytes(bytes).map_err(|e| e.to_string())?;
        MODEL.with(|m| *m.borrow_mut() = Some(model));
        Ok(())
    }

    /// The encoder passes `text` needs.
    #[wasm_bindgen]
    pub fn passes(text: &str) -> u32 {
        let report = engine(text, &Config::default());
        precise::plan(&report).iter().map(|j| j.targets.len() as u32).sum()
    }

    /// Runs the whole precise analysis of `text`; returns the number of scored cells.
    #[wasm_bindgen]
    pub fn analyze(text: &str) -> u32 {
        let config = Config::default();
        let report = engine(text, &config);
        MODEL.with(|m| {
            m.borrow().as_ref().map_or(0, |model| {
                let p = precise::analyze(model, &report, &config);
                p.cells.iter().filter(|c| c.score.is_some()).count() as u32
            })
        })
    }
}
