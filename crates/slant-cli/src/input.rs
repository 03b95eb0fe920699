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

#[cfg(test)]
mod tests {
    use super::*;

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
