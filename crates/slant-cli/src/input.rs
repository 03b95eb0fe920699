//! Reading input files with clear messages.

use std::io::Read;
use std::path::Path;

use crate::Failure;

/// Reads `path` ("-" for standard input) as UTF-8 text.
pub fn read_text(path: &str) -> Result<String, Failure> {
    let (name, bytes) = if path == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| Failure::new(format!("cannot read standard input: {e}")))?;
        ("standard input".to_string(), buf)
    } else {
        let bytes = std::fs::read(Path::new(path)).map_err(|e| Failure::new(format!("cannot read {path}: {e}")))?;
        (path.to_string(), bytes)
    };
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        Failure::new(format!(
            "{name} is not valid UTF-8 (first bad byte at offset {at}); convert it to UTF-8 first"
        ))
    })
}

use slant_tables::MODEL_PATH;

/// The places `--precise` looks for the model without `--model`: the current directory's
/// repository path, then the repository this binary was built from.
fn model_candidates() -> Vec<std::path::PathBuf> {
    vec![
        Path::new(MODEL_PATH).to_path_buf(),
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(MODEL_PATH),
    ]
}

/// Loads the precise-mode model from `path`, or from its place in the repository.
pub fn load_model(path: Option<&str>) -> Result<slant_model::Model, Failure> {
    let path = match path {
        Some(p) => Path::new(p).to_path_buf(),
        None => slant_tables::find_model(&model_candidates(), "pass --model FILE").map_err(Failure::new)?,
    };
    slant_tables::load_model(&path).map_err(Failure::new)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_or_bad_model_file_is_a_clear_error() {
        let err = load_model(Some("/nonexistent/model.bin")).unwrap_err();
        assert!(
            err.message.starts_with("cannot read the model /nonexistent/model.bin"),
            "{}",
            err.message
        );
        let dir = std::env::temp_dir().join(format!("slant-model-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("bad.bin");
        std::fs::write(&file, b"not a model").unwrap();
        let err = load_model(file.to_str()).unwrap_err();
        assert!(err.message.contains("not a Slant model file"), "{}", err.message);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn missing_file() {
        let err = read_text("/nonexistent/article.txt").unwrap_err();
        assert!(
            err.message.starts_with("cannot read /nonexistent/article.txt"),
            "{}",
            err.message
        );
    }

    #[test]
    fn invalid_utf8_names_the_offset() {
        let dir = std::env::temp_dir().join(format!("slant-input-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("latin1.txt");
        std::fs::write(&file, b"caf\xe9").unwrap();
        let err = read_text(file.to_str().unwrap()).unwrap_err();
        assert!(
            err.message.contains("not valid UTF-8 (first bad byte at offset 3)"),
            "{}",
            err.message
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
