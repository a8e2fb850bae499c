//! Arbitrary bytes: decoding never panics, and every evidence span lies inside the input
//! and holds the text it claims.
#![no_main]

use bounce_decoder::{decode_all, Options};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let options = Options::default();
    for report in decode_all(data, &options) {
        for e in report.recipients.iter().flat_map(|r| &r.evidence) {
            if let (Some(start), Some(end)) = (e.start, e.end) {
                assert!(
                    start <= end && end <= data.len(),
                    "span {start}..{end} outside the input"
                );
            }
        }
    }
});
