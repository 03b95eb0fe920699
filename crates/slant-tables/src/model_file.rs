//! Finding and reading precise mode's model file, for the CLI and the Python package alike.
//!
//! Owns: where the model lives in the repository, the choice among candidate paths, and the
//! messages when the file is missing or is not a model. Must not: decide the candidates (each
//! caller knows its own: a `--model` flag, a keyword, an environment variable, the source tree).

use std::path::{Path, PathBuf};

use slant_model::Model;

/// Where the model file lives in the repository.
pub const MODEL_PATH: &str = "static/model/slant-minilm-newsmtsc.bin";

/// The first of `candidates` that is a file, or a sentence naming every place tried and how to
/// give the model (`hint`, e.g. "pass --model FILE").
pub fn find_model(candidates: &[PathBuf], hint: &str) -> Result<PathBuf, String> {
    match candidates.iter().find(|p| p.is_file()) {
        Some(p) => Ok(p.clone()),
        None => {
            let tried: Vec<String> = candidates.iter().map(|p| p.display().to_string()).collect();
            let at = if tried.is_empty() {
                String::new()
            } else {
                format!(", which is not at {}", tried.join(" nor at "))
            };
            Err(format!("precise mode needs the model file {MODEL_PATH}{at}; {hint}"))
        }
    }
}

/// Reads the model file at `path`.
pub fn load_model(path: &Path) -> Result<Model, String> {
    let shown = path.display();
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read the model {shown}: {e}"))?;
    Model::from_bytes(&bytes).map_err(|e| format!("{shown}: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_model_names_the_places_tried() {
        let err = find_model(
            &[PathBuf::from("/nonexistent/a.bin"), PathBuf::from("/nonexistent/b.bin")],
            "pass --model FILE",
        )
        .unwrap_err();
        assert_eq!(
            err,
            format!(
                "precise mode needs the model file {MODEL_PATH}, which is not at /nonexistent/a.bin nor at /nonexistent/b.bin; pass --model FILE"
            )
        );
        let err = find_model(&[], "set SLANT_MODEL").unwrap_err();
        assert!(err.ends_with("slant-minilm-newsmtsc.bin; set SLANT_MODEL"), "{err}");
    }

    #[test]
    fn a_bad_model_file_is_a_clear_error() {
        let err = load_model(Path::new("/nonexistent/model.bin")).unwrap_err();
        assert!(err.starts_with("cannot read the model /nonexistent/model.bin"), "{err}");
        let dir = std::env::temp_dir().join(format!("slant-tables-model-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("bad.bin");
        std::fs::write(&file, b"not a model").unwrap();
        let err = load_model(&file).unwrap_err();
        assert!(err.contains("not a Slant model file"), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
