//! Every verdict names its rule: on every sample of the corpus, each recipient's
//! `decided_by` points at a rule and, where it names a data file, at an entry that file
//! really holds, so a reader can open that one file and see why.

mod common;

use bounce_decoder::{decode_bytes, explain, Lang, Reason};

/// The data file a `decided_by` names, read from the source tree.
fn data_file(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src/knowledge/data")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn every_reason_names_the_rule_and_the_data_entry_that_decided_it() {
    let mut by_file = std::collections::BTreeMap::<String, usize>::new();
    let mut checked = 0;
    for (name, bytes) in common::samples("corpus") {
        let report = decode_bytes(&bytes, &common::plain());
        for r in &report.recipients {
            let Some(reason) = r.reason else {
                assert!(r.decided_by.is_none(), "{name}: a rule without a reason");
                continue;
            };
            let rule = r
                .decided_by
                .as_deref()
                .unwrap_or_else(|| panic!("{name}: {reason:?} without decided_by"));
            checked += 1;
            let (file, entry) = rule.split_once(": ").unwrap_or((rule, ""));
            *by_file.entry(file.to_string()).or_default() += 1;
            if file == "reasons.toml" || file.starts_with("vendors/") {
                // `<reason> "<phrase>"` (or `category "<value>" of <field>`), quoted as
                // the file writes it
                let (named, rest) = entry.split_once(' ').unwrap();
                let quoted = rest.split('"').nth(1).unwrap();
                let text = data_file(file);
                assert!(
                    text.contains(&format!("\"{quoted}\""))
                        || text.lines().any(|l| l.starts_with(&format!("{quoted} ="))),
                    "{name}: {file} has no \"{quoted}\""
                );
                assert!(
                    named == "category" || Reason::from_name(named).is_some(),
                    "{name}: {named}"
                );
                // a weighed reason says what it became
                if rule.contains("weighed as") {
                    assert!(rule.contains(reason.name()), "{name}: {rule} vs {reason:?}");
                } else if file == "reasons.toml" {
                    assert_eq!(named, reason.name(), "{name}: {rule}");
                }
            } else if file == "codes.toml" {
                let code = entry.split(',').next().unwrap().trim();
                let known = explain(code, Lang::En).unwrap_or_else(|| panic!("{name}: {code}"));
                if reason == Reason::Undefined {
                    assert!(
                        rule.ends_with("which gives no reason") || known.reason == Some(reason)
                    );
                } else {
                    assert_eq!(known.reason, Some(reason), "{name}: {rule}");
                }
            }
        }
    }
    // the corpus exercises the words, the codes and the vendors' own data
    assert!(checked > 300, "{checked}");
    for file in ["reasons.toml", "codes.toml"] {
        assert!(by_file.get(file).is_some_and(|n| *n >= 3), "{by_file:?}");
    }
    assert!(
        by_file.keys().any(|f| f.starts_with("vendors/")),
        "{by_file:?}"
    );
}
