//! Damaged input never panics: every corpus sample, cut short at many places and with
//! bytes overwritten, still decodes to a report. (Truncated downloads and pasted fragments
//! are what users really hand us.)

use bounce_decoder::{decode_bytes, Options};

fn samples() -> Vec<Vec<u8>> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/samples");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("tests/corpus/samples")
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    paths.iter().map(|p| std::fs::read(p).unwrap()).collect()
}

/// A small deterministic generator, so a failure can be replayed.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % below.max(1)
    }
}

#[test]
fn truncated_and_damaged_samples_decode_without_panic() {
    let options = Options::default();
    let mut rng = Lcg(7);
    let all = samples();
    assert!(all.len() > 300, "corpus copy is missing");
    for bytes in &all {
        for _ in 0..6 {
            let cut = rng.next(bytes.len());
            let _ = decode_bytes(&bytes[..cut], &options);
        }
        let mut damaged = bytes.clone();
        for _ in 0..8 {
            let at = rng.next(damaged.len());
            damaged[at] = [b'\n', b':', b'5', b'<', b'@', 0xff, b' ', b';'][rng.next(8)];
        }
        let report = decode_bytes(&damaged, &options);
        assert!(report.recipients.len() < 100_000);
    }
}
