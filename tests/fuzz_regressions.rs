//! Every input the fuzz targets (fuzz/, see README "Fuzzing") found a crash, hang or
//! superlinear time with, kept as it was found in tests/fuzz-regressions/: each decodes,
//! through every entry point, in both languages, with its evidence inside the input.

use std::time::Instant;

use bounce_decoder::{decode_all, decode_bytes, Lang, Options};

mod common;

#[test]
fn every_input_the_fuzzers_found_decodes() {
    let dir = common::tests_dir().join("fuzz-regressions");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no inputs in {}", dir.display());
    for path in files {
        let input = std::fs::read(&path).unwrap();
        let t = Instant::now();
        for lang in [Lang::En, Lang::De] {
            let options = Options {
                lang,
                ..Options::default()
            };
            let mut reports = decode_all(&input, &options);
            reports.push(decode_bytes(&input, &options));
            for e in reports
                .iter()
                .flat_map(|r| &r.recipients)
                .flat_map(|r| &r.evidence)
            {
                if let (Some(start), Some(end)) = (e.start, e.end) {
                    assert!(start <= end && end <= input.len(), "{}", path.display());
                }
            }
        }
        println!(
            "{}: {} bytes in {:?}",
            path.display(),
            input.len(),
            t.elapsed()
        );
    }
}
