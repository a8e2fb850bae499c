//! Golden results: for every sample of tests/corpus/samples, the whole report that
//! bounce-decoder gives (explanations off) is kept as pretty JSON in
//! tests/golden/<sample>.json. Any change to any field of any sample shows as a readable
//! diff of that file.
//!
//! After an intended change, regenerate with `UPDATE_GOLDEN=1 cargo test --test golden`
//! and review `git diff tests/golden` before committing it. The accuracy against the
//! curated expectations is tests/corpus.rs; this file guards everything else.

mod common;

use bounce_decoder::decode_bytes;
use similar::TextDiff;

#[test]
fn every_sample_gives_its_golden_report() {
    let dir = common::tests_dir().join("golden");
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let samples = common::samples("corpus");
    let mut expected_files = Vec::new();
    let mut changed = Vec::new();
    for (name, bytes) in &samples {
        let report = decode_bytes(bytes, &common::plain());
        let got = serde_json::to_string_pretty(&report).unwrap() + "\n";
        let file_name = format!("{}.json", name.trim_end_matches(".eml"));
        let file = dir.join(&file_name);
        expected_files.push(file_name);
        if update {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&file, &got).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&file).unwrap_or_default();
        if want != got {
            let diff = TextDiff::from_lines(&want, &got)
                .unified_diff()
                .context_radius(2)
                .header(
                    &format!("golden/{}", file.file_name().unwrap().to_string_lossy()),
                    "now",
                )
                .to_string();
            changed.push(diff);
        }
    }
    // a golden file whose sample is gone is stale
    let stale: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|f| !expected_files.contains(f))
        .collect();
    if update {
        for f in &stale {
            std::fs::remove_file(dir.join(f)).unwrap();
        }
        return;
    }
    assert!(stale.is_empty(), "golden files without a sample: {stale:?}");
    assert_eq!(expected_files.len(), samples.len());
    let shown: String = changed.iter().take(30).cloned().collect();
    assert!(
        changed.is_empty(),
        "{} of {} reports changed (UPDATE_GOLDEN=1 to accept after review):\n{shown}",
        changed.len(),
        samples.len()
    );
}
