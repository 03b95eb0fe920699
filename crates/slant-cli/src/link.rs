//! `slant link`: a share link for an article, the same `#v1.` fragment the app makes.

use lexopt::prelude::*;
use slant_share::{SharedState, encode, link_len_warning};

use crate::Failure;
use crate::analyze::read_actors;
use crate::input::read_text;

pub fn run(parser: &mut lexopt::Parser) -> Result<String, Failure> {
    let mut file: Option<String> = None;
    let mut actors: Option<String> = None;
    let mut base = String::new();
    while let Some(arg) = parser.next()? {
        match arg {
            Value(v) if file.is_none() => file = Some(v.string()?),
            Long("actors") => actors = Some(parser.value()?.string()?),
            Long("base") => base = parser.value()?.string()?,
            other => return Err(other.unexpected().into()),
        }
    }
    let text = read_text(file.as_deref().unwrap_or("-"))?;
    let mut state = SharedState {
        text,
        ..SharedState::default()
    };
    if let Some(path) = actors {
        state.actors = read_actors(&path)?;
    }
    state.check_limits().map_err(|e| Failure::new(e.to_string()))?;
    let link = format!("{}{}", base.trim_end_matches('#'), encode(&state));
    if let Some(warning) = link_len_warning(link.len()) {
        eprintln!("slant: {warning}");
    }
    Ok(format!("{link}\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_opens_back_to_the_same_article() {
        let dir = std::env::temp_dir().join(format!("slant-link-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("a.txt");
        std::fs::write(&file, "Russia attacked Ukraine.").unwrap();
        let args: Vec<std::ffi::OsString> = vec![
            file.clone().into(),
            "--base".into(),
            "https://example.org/slant/".into(),
        ];
        let out = run(&mut lexopt::Parser::from_args(args)).unwrap();
        assert!(out.starts_with("https://example.org/slant/#v1."), "{out}");
        let state = slant_share::decode(out.trim()).unwrap();
        assert_eq!(state.text, "Russia attacked Ukraine.");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
