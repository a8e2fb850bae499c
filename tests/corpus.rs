//! Accuracy on real bounces: decodes every sample of tests/corpus and scores it the way
//! tests/corpus/score.py does (recipients per file; status, reply code, hard/soft and
//! reason per expected recipient). The thresholds are the figures reached so far: they
//! may only go up.

use std::collections::HashSet;

use bounce_decoder::{decode_bytes, BounceType};
use serde_json::Value;

mod common;
use common::family_of;

/// Minimum percentages; raise them when accuracy improves.
const THRESHOLDS: [(&str, f64); 5] = [
    ("recipients", 99.4),
    ("status", 98.8),
    ("reply", 99.5),
    ("hardsoft", 97.6),
    ("reason", 93.2),
];

fn norm_reason(r: &str) -> String {
    r.chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase()
}

fn is_pseudo_status(s: &str) -> bool {
    // Sisimai's own X.0.9NN codes are not RFC 3463 codes and are not scored
    let p: Vec<&str> = s.split('.').collect();
    p.len() == 3 && p[1] == "0" && p[2].len() == 3 && p[2].starts_with('9')
}

#[test]
fn accuracy_on_the_corpus_meets_the_thresholds() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let labels = std::fs::read_to_string(dir.join("labels.jsonl")).unwrap();
    let mut hit = std::collections::HashMap::<&str, (u32, u32)>::new();
    let mut misses = Vec::new();
    // per family (the sample's name without its number): checks passed and made
    let mut families = std::collections::BTreeMap::<String, (u32, u32)>::new();
    let options = common::plain();
    for line in labels.lines().filter(|l| !l.trim().is_empty()) {
        let gold: Value = serde_json::from_str(line).unwrap();
        let file = gold["file"].as_str().unwrap();
        let bytes = std::fs::read(dir.join(file)).unwrap();
        let family = family_of(file);
        let misses_before = misses.len();
        let checks_before: u32 = hit.values().map(|v| v.1).sum();
        let report = decode_bytes(&bytes, &options);
        let gold_recipients = gold["recipients"].as_array().unwrap();
        let gold_addrs: Vec<Option<String>> = gold_recipients
            .iter()
            .map(|r| r["address"].as_str().map(str::to_lowercase))
            .collect();
        if gold_recipients.is_empty() || gold_addrs.iter().all(Option::is_some) {
            let want: HashSet<String> = gold_addrs.iter().flatten().cloned().collect();
            let got: HashSet<String> = report
                .recipients
                .iter()
                .filter_map(|r| r.address.clone())
                .collect();
            let e = hit.entry("recipients").or_default();
            e.1 += 1;
            if want == got {
                e.0 += 1;
            } else {
                misses.push(format!("{file}: recipients {want:?} got {got:?}"));
            }
        }
        let mut pool: Vec<_> = report.recipients.iter().collect();
        for g in gold_recipients {
            let ga = g["address"].as_str().map(str::to_lowercase);
            let pos =
                pool.iter()
                    .position(|p| p.address == ga)
                    .or(if ga.is_none() && !pool.is_empty() {
                        Some(0)
                    } else {
                        None
                    });
            let pred = pos.map(|k| pool.remove(k));
            let mut check = |field: &'static str, want: Option<String>, got: Option<String>| {
                if let Some(w) = want {
                    let e = hit.entry(field).or_default();
                    e.1 += 1;
                    if Some(&w) == got.as_ref() {
                        e.0 += 1;
                    } else {
                        misses.push(format!("{file}: {field} want {w} got {got:?}"));
                    }
                }
            };
            let gs = g["status"]
                .as_str()
                .filter(|s| !is_pseudo_status(s))
                .map(str::to_string);
            check("status", gs, pred.and_then(|p| p.status.clone()));
            check(
                "reply",
                g["reply_code"].as_u64().map(|c| c.to_string()),
                pred.and_then(|p| p.reply_code.map(|c| c.to_string())),
            );
            let hard = |b: BounceType| match b {
                BounceType::Hard => Some("true".to_string()),
                BounceType::Soft => Some("false".to_string()),
                _ => None,
            };
            check(
                "hardsoft",
                g["hard"].as_bool().map(|h| h.to_string()),
                pred.and_then(|p| hard(p.bounce_type)),
            );
            check(
                "reason",
                g["reason"].as_str().map(norm_reason),
                pred.and_then(|p| p.reason.map(|r| norm_reason(r.name()))),
            );
        }
        let checks: u32 = hit.values().map(|v| v.1).sum::<u32>() - checks_before;
        let missed = (misses.len() - misses_before) as u32;
        let e = families.entry(family).or_default();
        e.0 += checks - missed;
        e.1 += checks;
    }
    let mut by_family: Vec<_> = families.into_iter().collect();
    by_family.sort_by(|a, b| {
        let rate = |x: &(u32, u32)| f64::from(x.0) / f64::from(x.1.max(1));
        rate(&a.1).total_cmp(&rate(&b.1))
    });
    let family_table: Vec<String> = by_family
        .iter()
        .filter(|(_, (h, t))| h < t)
        .map(|(f, (h, t))| format!("  {f}: {h}/{t} checks right"))
        .collect();
    println!(
        "families with misses, worst first:\n{}",
        family_table.join("\n")
    );
    let mut summary = Vec::new();
    let mut failed = Vec::new();
    for (field, min) in THRESHOLDS {
        let (h, t) = hit.get(field).copied().unwrap_or_default();
        let pct = 100.0 * f64::from(h) / f64::from(t.max(1));
        summary.push(format!("{field} {pct:.1}% ({h}/{t})"));
        if pct < min {
            failed.push(format!("{field} {pct:.1}% < {min}%"));
        }
    }
    println!("corpus accuracy: {}", summary.join(", "));
    assert!(
        failed.is_empty(),
        "below threshold: {failed:?}\n{}\nfamilies:\n{}\nfirst misses:\n{}",
        summary.join(", "),
        family_table.join("\n"),
        misses
            .iter()
            .take(40)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}
