//! Writes the text bundles of the page, whose WebAssembly is built without the `texts`
//! feature and so carries no long texts (see scripts/build-wasm.sh):
//!
//!   <dir>/<lang>.json          what a first answer shows of each code of the registries
//!                              (IANA, RFC 5321): title, summary, category, action and
//!                              `meaning`, the meaning of the code's own part, the last of
//!                              its breakdown (`explanations`), and the keys of the texts the
//!                              details file has for it (`sections`)
//!   <dir>/<lang>-providers.json  the same for the providers' own codes (S3150, OFR_505 …),
//!                              which few answers need: the page asks for it when an answer
//!                              first holds one, so it is not part of a first visit
//!   <dir>/<lang>-details.json  the rest (`explanations`): causes, resolutions, counterpart,
//!                              examples, provider responses, best practices, investigation
//!
//! `explanations` is keyed by the code as explanations carry it (`5.1.1`, `S3150`); its
//! values hold fields of `Explanation` (and `meaning`, which goes into the breakdown's last
//! part), which the page merges in (www/ui/texts.js). tests/e2e/texts.test.mjs checks that
//! the page's wasm with these files gives the explanations of the build with the texts. The page loads whole files only: no URL it asks for depends on the input.
//!
//! Run: `cargo run --example texts -- www/texts`

use std::collections::BTreeMap;
use std::path::PathBuf;

use bounce_decoder::{knowledge, Explanation, Lang};
use serde_json::{Map, Value};

/// The fields of the first file (besides `meaning`).
const FIRST: [&str; 4] = ["title", "summary", "category", "action"];
/// The fields of the details file, in the order the page shows them.
const DETAILS: [&str; 8] = [
    "causes",
    "resolution_marketers",
    "resolution_developers",
    "counterpart",
    "examples",
    "provider_responses",
    "best_practices",
    "investigation",
];

fn empty(v: &Value) -> bool {
    match v {
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Null => true,
        _ => false,
    }
}

fn main() {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "www/texts".into()),
    );
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for (lang, tag) in [(Lang::En, "en"), (Lang::De, "de")] {
        // [registries' codes, providers' codes]: (first fields, sections)
        let mut first = [BTreeMap::new(), BTreeMap::new()];
        let mut sections = [BTreeMap::new(), BTreeMap::new()];
        let mut details = BTreeMap::new();
        for entry in knowledge::entries(lang) {
            let Value::Object(all) =
                serde_json::to_value(Explanation::from(entry)).expect("serialize")
            else {
                unreachable!("an explanation is an object")
            };
            let pick = |fields: &[&str]| -> Map<String, Value> {
                fields
                    .iter()
                    .filter_map(|f| {
                        all.get(*f)
                            .filter(|v| !empty(v))
                            .map(|v| ((*f).into(), v.clone()))
                    })
                    .collect()
            };
            let more = pick(&DETAILS);
            let keys: Vec<&str> = DETAILS
                .into_iter()
                .filter(|f| more.contains_key(*f))
                .collect();
            let mut head = pick(&FIRST);
            // the breakdown's other parts come from the labels, which the wasm has
            let last = entry
                .breakdown()
                .pop()
                .map(|p| p.meaning)
                .unwrap_or_default();
            assert_eq!(
                last, entry.meaning,
                "{}: the last part of the breakdown",
                entry.code
            );
            head.insert("meaning".into(), Value::from(entry.meaning));
            let file = usize::from(entry.provider.is_some());
            first[file].insert(entry.code, head);
            sections[file].insert(entry.code, keys);
            details.insert(entry.code, more);
        }
        let [first, providers] = [0, 1]
            .map(|i| serde_json::json!({ "explanations": first[i], "sections": sections[i] }));
        let details = serde_json::json!({ "explanations": details });
        for (name, bundle) in [
            (format!("{tag}.json"), &first),
            (format!("{tag}-providers.json"), &providers),
            (format!("{tag}-details.json"), &details),
        ] {
            let path = dir.join(name);
            let json = serde_json::to_string(bundle).expect("serialize");
            std::fs::write(&path, json).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            println!("{}", path.display());
        }
    }
}
