//! Accuracy on real bounces: runs tests/corpus/score.py (the one scorer, shared with
//! anyone scoring the CLI by hand) over the release-built CLI on both corpora, with the
//! figures reached so far as minimums: they may only go up.
//!
//! - tests/corpus: 341 bounce emails from Sisimai's set-of-emails, with curated labels;
//! - tests/corpus-pasted: 108 bounce texts as people paste them, without headers;
//! - tests/corpus-written: 98 bounces written for this project in formats the public
//!   corpus lacks (old servers, today's providers, pasted texts, non-bounces), scored on
//!   the fields whose labels the bounce states (recipients, codes, hard/soft).
//!
//! `cargo test --test corpus -- --nocapture` prints the scorer's report (figures, the
//! worst files and their misses).

use std::process::Command;

mod common;

/// Minimum percentages per corpus; raise them when accuracy improves.
const THRESHOLDS: [(&str, &[(&str, f64)]); 3] = [
    (
        "corpus",
        &[
            ("recipients", 99.4),
            ("status", 98.8),
            ("reply", 99.5),
            ("hardsoft", 97.6),
            ("reason", 93.9),
            // 95.4: two samples whose Sisimai labels the issues overrule (#10: 554 5.7.1
            // "Recipient address rejected: Access denied" is no unknown user; #13: Gmail's
            // "out of storage space and inactive" is an abandoned account to suppress)
            ("action", 95.3),
        ],
    ),
    (
        "corpus-pasted",
        &[
            ("recipients", 99.0),
            ("status", 98.5),
            ("reply", 97.9),
            ("hardsoft", 98.9),
        ],
    ),
    (
        "corpus-written",
        &[
            ("recipients", 97.9),
            ("status", 97.8),
            ("reply", 98.7),
            ("hardsoft", 97.9),
        ],
    ),
];

fn score(corpus: &str, minimums: &[(&str, f64)]) -> (bool, String) {
    let dir = common::tests_dir();
    let mut cmd = Command::new("python3");
    cmd.arg(dir.join("corpus/score.py"))
        .arg(dir.join(corpus))
        .args(["--worst", "40"]);
    for (field, min) in minimums {
        cmd.arg("--min").arg(format!("{field}={min}"));
    }
    cmd.arg("--")
        .arg(env!("CARGO_BIN_EXE_bounce-decoder"))
        .arg("--jsonl");
    let out = cmd
        .output()
        .expect("python3 runs tests/corpus/score.py (scripts/setup.sh installs it)");
    let report =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert_ne!(
        out.status.code(),
        Some(2),
        "score.py could not run:\n{report}"
    );
    (out.status.success(), report)
}

#[test]
fn accuracy_on_both_corpora_meets_the_thresholds() {
    let mut failed = Vec::new();
    for (corpus, minimums) in THRESHOLDS {
        let (ok, report) = score(corpus, minimums);
        println!("=== {corpus}\n{report}");
        // every field the scorer prints for this corpus is held to a minimum
        for (field, _) in minimums {
            assert!(
                report.contains(&format!("  {field} ")),
                "{corpus}: no {field} figure"
            );
        }
        if !ok {
            failed.push(format!("=== {corpus} below a threshold:\n{report}"));
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}
