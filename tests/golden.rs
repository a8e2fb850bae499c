//! Golden pairs per mail-server family: for every sample of tests/corpus/samples, the
//! result bounce-decoder gives (address, status, reply code, hard/soft, reason, action,
//! family) is written in tests/golden/<family>.txt, one line per recipient. A change in
//! behaviour shows as a readable diff of the family it touches.
//!
//! After an intended change, regenerate with `UPDATE_GOLDEN=1 cargo test --test golden`
//! and review the diff before committing it. The accuracy against the curated
//! expectations is tests/corpus.rs; this file guards everything else the result says.

use std::collections::BTreeMap;
use std::path::Path;

use bounce_decoder::{decode_bytes, Options};

/// `lhost-postfix-07.eml` -> `lhost-postfix`.
fn family_of(name: &str) -> String {
    let stem = name.trim_end_matches(".eml");
    match stem.rsplit_once('-') {
        Some((family, n)) if n.bytes().all(|b| b.is_ascii_digit()) => family.to_string(),
        _ => stem.to_string(),
    }
}

fn show<T: std::fmt::Display>(v: Option<T>) -> String {
    v.map_or_else(|| "-".to_string(), |x| x.to_string())
}

/// The golden text of one family: a line per recipient, a line for a sample with none.
fn render(samples: &[(String, Vec<u8>)]) -> String {
    let options = Options {
        explanations: false,
        ..Options::default()
    };
    let mut out = String::new();
    for (name, bytes) in samples {
        let report = decode_bytes(bytes, &options);
        let family = show(report.message.mta_family.as_deref());
        if report.recipients.is_empty() {
            out.push_str(&format!(
                "{name} | no recipients | kind {:?}\n",
                report.kind
            ));
        }
        for r in &report.recipients {
            let status = match (&r.status, r.status_inferred) {
                (Some(s), true) => format!("{s} (inferred)"),
                (s, _) => show(s.as_deref()),
            };
            out.push_str(&format!(
                "{name} | {} | {status} | {} | {} | {} | {} | {family}\n",
                show(r.address.as_deref()),
                show(r.reply_code),
                r.bounce_type.name(),
                show(r.reason.map(|x| x.name())),
                r.action.name(),
            ));
        }
    }
    out
}

#[test]
fn every_family_gives_its_golden_results() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut families: BTreeMap<String, Vec<(String, Vec<u8>)>> = BTreeMap::new();
    for entry in std::fs::read_dir(root.join("corpus/samples")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let bytes = std::fs::read(&path).unwrap();
        families
            .entry(family_of(&name))
            .or_default()
            .push((name, bytes));
    }
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let dir = root.join("golden");
    let mut changed = Vec::new();
    for (family, mut samples) in families {
        samples.sort_by(|a, b| a.0.cmp(&b.0));
        let got = render(&samples);
        let file = dir.join(format!("{family}.txt"));
        if update {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&file, &got).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&file).unwrap_or_default();
        if want != got {
            let diff: Vec<String> = want
                .lines()
                .filter(|l| !got.lines().any(|g| g == *l))
                .map(|l| format!("  - {l}"))
                .chain(
                    got.lines()
                        .filter(|l| !want.lines().any(|w| w == *l))
                        .map(|l| format!("  + {l}")),
                )
                .collect();
            changed.push(format!("{family}:\n{}", diff.join("\n")));
        }
    }
    assert!(
        changed.is_empty(),
        "results changed (UPDATE_GOLDEN=1 to accept after review):\n{}",
        changed.join("\n")
    );
}
