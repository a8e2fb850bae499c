//! The outcome is what a result shows first (the badge, the summary counts, the CLI's first
//! line, the knowledge entries): it follows the action, never the status class alone, so no
//! refusal of the sender and no temporary problem is presented as a bad address or as a
//! "hard bounce", in English or German. Checked on every sample of both corpora, on every
//! knowledge entry, and on the CLI's text.

mod common;

use std::process::Command;

use bounce_decoder::knowledge::{self, Lang};
use bounce_decoder::model::Party;
use bounce_decoder::{decode_bytes, Action, BounceType, Options, Outcome};

/// Words that would present a result as a hard (or soft) bounce, in either language.
fn says_hard_bounce(text: &str) -> bool {
    let lower = text.to_lowercase();
    ["hard bounce", "hard-bounce", "hardbounce", "harter bounce"]
        .iter()
        .any(|w| lower.contains(w))
}

#[test]
fn every_recipient_of_both_corpora_has_the_outcome_of_its_action() {
    let mut seen = std::collections::BTreeMap::new();
    for corpus in ["corpus", "corpus-pasted", "corpus-written"] {
        for (name, bytes) in common::samples(corpus) {
            let report = decode_bytes(&bytes, &common::plain());
            for r in &report.recipients {
                assert_eq!(r.outcome, Outcome::of(r.action, r.reason), "{name}");
                *seen.entry(r.outcome.name()).or_insert(0) += 1;
                // a reason on the sender's side is never a bad address
                if r.party == Some(Party::Sender) {
                    assert_ne!(r.outcome, Outcome::BadAddress, "{name}: {:?}", r.reason);
                }
                // a temporary failure never means "remove the address"
                if r.bounce_type == BounceType::Soft {
                    assert_ne!(r.action, Action::Suppress, "{name}: {:?}", r.reason);
                }
            }
        }
    }
    // the corpora hold each kind of outcome that a bounce can have
    for outcome in [
        "bad_address",
        "sending_refused",
        "temporary",
        "needs_review",
    ] {
        assert!(
            seen.get(outcome).copied().unwrap_or(0) > 5,
            "{outcome}: {seen:?}"
        );
    }
}

#[test]
fn no_label_presents_a_result_as_a_hard_bounce() {
    for lang in [Lang::En, Lang::De] {
        let table = knowledge::label_table(lang);
        for group in [&table.outcomes, &table.bounce_types, &table.actions] {
            for item in group.values() {
                assert!(!says_hard_bounce(&item.label), "{lang:?}: {}", item.label);
            }
        }
        for outcome in Outcome::ALL {
            assert!(
                table.outcomes.contains_key(outcome.name()),
                "{lang:?}: {} has no label",
                outcome.name()
            );
        }
    }
}

#[test]
fn knowledge_entries_follow_their_action() {
    for lang in [Lang::En, Lang::De] {
        for entry in knowledge::entries(lang) {
            let e = bounce_decoder::Explanation::from(entry);
            assert_eq!(e.outcome, Outcome::of(e.recommended_action, e.reason));
            if e.recommended_action != Action::Suppress {
                for text in [&e.title, &e.category] {
                    assert!(!says_hard_bounce(text), "{lang:?} {}: {text}", e.code);
                }
            }
        }
    }
}

/// The CLI's text of every sample whose recipients are not to be suppressed: no recipient
/// block (its first line, reason, action, provider advice and notes) says "hard bounce".
#[test]
fn the_cli_never_calls_a_refusal_of_the_sender_a_hard_bounce() {
    let mut checked = 0;
    for corpus in ["corpus", "corpus-pasted", "corpus-written"] {
        let dir = common::tests_dir().join(corpus).join("samples");
        for lang in ["en", "de"] {
            let out = Command::new(env!("CARGO_BIN_EXE_bounce-decoder"))
                .args(["--lang", lang])
                .arg(&dir)
                .output()
                .unwrap();
            let text = String::from_utf8_lossy(&out.stdout);
            let decoded: Vec<(String, Vec<u8>)> = common::samples(corpus);
            for (name, bytes) in decoded {
                let report = decode_bytes(&bytes, &Options::default());
                let Some(start) = text.find(&format!("{name}: ")) else {
                    panic!("{name} missing from the CLI's output")
                };
                let block = &text[start..];
                // up to the next message or the first explanation of a code (the knowledge
                // texts say when a code is *not* a hard bounce)
                let end = ["\n== ", "\n## "]
                    .iter()
                    .filter_map(|m| block.find(m))
                    .min()
                    .unwrap_or(block.len());
                let block = &block[..end];
                if report
                    .recipients
                    .iter()
                    .all(|r| r.action != Action::Suppress)
                {
                    assert!(!says_hard_bounce(block), "{lang} {name}:\n{block}");
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 200, "{checked}");
}
