//! Mutations of the real samples (seed the corpus from tests/corpus and
//! tests/corpus-pasted, see README "Fuzzing"): the same checks as decode_bytes, through
//! the single-report entry point, in English or German (by the input's length: the
//! language only changes texts).
#![no_main]

use bounce_decoder::{decode_bytes, Lang, Options};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let lang = if data.len() % 2 == 0 {
        Lang::En
    } else {
        Lang::De
    };
    let options = Options {
        lang,
        ..Options::default()
    };
    let report = decode_bytes(data, &options);
    for e in report.recipients.iter().flat_map(|r| &r.evidence) {
        if let (Some(start), Some(end)) = (e.start, e.end) {
            assert!(
                start <= end && end <= data.len(),
                "span {start}..{end} outside the input"
            );
        }
    }
});
