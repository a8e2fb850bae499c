//! Helpers shared by the integration tests: the corpus samples, how a sample's family is
//! named, and the options the accuracy and golden tests decode with.
#![allow(dead_code)] // each test file uses some of these

use std::path::{Path, PathBuf};

use bounce_decoder::Options;

/// The tests folder of this crate.
pub fn tests_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests")
}

/// Every sample of a corpus folder (`tests/corpus`, `tests/corpus-pasted`) as (file name,
/// bytes), sorted by name.
pub fn samples(corpus: &str) -> Vec<(String, Vec<u8>)> {
    let dir = tests_dir().join(corpus).join("samples");
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            (name, std::fs::read(&path).unwrap())
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    assert!(!out.is_empty(), "no samples in {}", dir.display());
    out
}

/// `lhost-postfix-07.eml` or `samples/lhost-postfix-07.eml` -> `lhost-postfix`.
pub fn family_of(file: &str) -> String {
    let name = file.rsplit('/').next().unwrap_or(file);
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    match stem.rsplit_once('-') {
        Some((family, n)) if n.bytes().all(|b| b.is_ascii_digit()) => family.to_string(),
        _ => stem.to_string(),
    }
}

/// English, without the explanations of each code (they are the knowledge base's, tested
/// in tests/knowledge.rs, and would repeat in every result).
pub fn plain() -> Options {
    Options {
        explanations: false,
        ..Options::default()
    }
}
