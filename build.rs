//! Compiles the knowledge base (src/knowledge/data/*.toml) into static Rust tables.
//!
//! The data files are the source of truth that a deliverability expert edits; turning them
//! into `static` arrays here means the WebAssembly build carries no TOML parser and does no
//! work at start-up. A malformed file or an unknown reason name fails the build with a
//! message naming the file; completeness (every field in both languages) is checked by the
//! tests in tests/knowledge.rs, so a half-written entry still builds.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::Deserialize;

const DATA: &str = "src/knowledge/data";
const LANGS: [&str; 2] = ["en", "de"];

#[derive(Deserialize)]
struct Facts {
    code: Vec<Fact>,
}

#[derive(Deserialize)]
struct Fact {
    code: String,
    kind: String,
    name: String,
    reference: String,
    provider: Option<String>,
    reason: Option<String>,
    #[serde(default = "yes")]
    registry: bool,
    #[serde(default)]
    weak: bool,
    counterpart: Option<String>,
    basic_codes: Option<String>,
    bounce_type: Option<String>,
}

fn yes() -> bool {
    true
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Text {
    #[serde(default)]
    title: String,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    meaning: String,
    #[serde(default)]
    category: String,
    #[serde(default)]
    action: String,
    #[serde(default)]
    causes: Vec<String>,
    #[serde(default)]
    resolution_marketers: Vec<String>,
    #[serde(default)]
    resolution_developers: Vec<String>,
    #[serde(default)]
    counterpart: String,
    #[serde(default)]
    examples: Vec<String>,
    #[serde(default)]
    provider_responses: Vec<String>,
    #[serde(default)]
    best_practices: Vec<String>,
    #[serde(default)]
    investigation: Vec<String>,
}

#[derive(Deserialize)]
struct Reasons {
    reason: Vec<ReasonRule>,
}

#[derive(Deserialize)]
struct ReasonRule {
    name: String,
    party: String,
    when_permanent: String,
    when_temporary: String,
    phrases: Vec<String>,
    /// Generic phrases, tried only when no rule's own phrases match.
    #[serde(default)]
    weak_phrases: Vec<String>,
}

/// One mail-server family (src/knowledge/data/families/<name>.toml).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Family {
    name: String,
    #[serde(default = "middle")]
    priority: u32,
    #[serde(default)]
    from: Vec<String>,
    #[serde(default)]
    subject: Vec<String>,
    #[serde(default)]
    headers: Vec<String>,
    #[serde(default)]
    body: Vec<String>,
    #[serde(default)]
    original_markers: Vec<String>,
    #[serde(default)]
    commands: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    phrases: BTreeMap<String, Vec<String>>,
    /// A DSN field in which the family states its own bounce category.
    category_field: Option<String>,
    /// Category value -> reason name.
    #[serde(default)]
    categories: BTreeMap<String, String>,
}

/// src/knowledge/data/providers.toml
#[derive(Deserialize)]
struct Providers {
    provider: Vec<ProviderFacts>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProviderFacts {
    name: String,
    #[serde(default)]
    hosts: Vec<String>,
    #[serde(default)]
    markers: Vec<String>,
    #[serde(default)]
    advice: BTreeMap<String, String>,
}

/// The provider table: names, recognition signs and advice per language.
fn write_providers(out: &mut String) {
    let path = Path::new(DATA).join("providers.toml");
    let providers: Providers = read_toml(&path);
    out.push_str("pub(crate) static PROVIDERS: &[ProviderInfo] = &[\n");
    for p in &providers.provider {
        for m in p.hosts.iter().chain(&p.markers) {
            if m != &m.to_lowercase() || m.trim().is_empty() {
                panic!(
                    "{}: {}: {m:?} must be non-empty lower case",
                    path.display(),
                    p.name
                );
            }
        }
        let advice = |lang: &str| p.advice.get(lang).cloned().unwrap_or_default();
        writeln!(
            out,
            "    ProviderInfo {{ name: {:?}, hosts: &{:?}, markers: &{:?}, advice_en: {:?}, advice_de: {:?} }},",
            p.name, p.hosts, p.markers, advice("en"), advice("de")
        )
        .unwrap();
    }
    out.push_str("];\n");
}

fn middle() -> u32 {
    50
}

#[derive(Deserialize, Default)]
struct LabelText {
    #[serde(default)]
    label: String,
    #[serde(default)]
    explanation: String,
}

#[derive(Deserialize, Default)]
struct Labels {
    #[serde(default)]
    reason: BTreeMap<String, LabelText>,
    #[serde(default)]
    action: BTreeMap<String, LabelText>,
    #[serde(default)]
    bounce_type: BTreeMap<String, LabelText>,
    #[serde(default)]
    kind: BTreeMap<String, LabelText>,
    #[serde(default)]
    reply_first: BTreeMap<String, String>,
    #[serde(default)]
    reply_second: BTreeMap<String, String>,
    #[serde(default)]
    class: BTreeMap<String, String>,
    #[serde(default)]
    subject: BTreeMap<String, String>,
}

fn main() {
    println!("cargo:rerun-if-changed={DATA}");
    let facts: Facts = read_toml(&Path::new(DATA).join("codes.toml"));
    let reasons: Reasons = read_toml(&Path::new(DATA).join("reasons.toml"));
    let mut out = String::new();
    out.push_str(
        "// @generated by build.rs from src/knowledge/data: edit the TOML files, not this.\n",
    );

    for lang in LANGS {
        let texts = read_texts(lang);
        let lang_variant = camel(lang);
        let upper = lang.to_uppercase();
        writeln!(out, "pub(crate) static ENTRIES_{upper}: &[Entry] = &[").unwrap();
        for fact in &facts.code {
            let text = texts.get(&fact.code);
            let empty = Text::default();
            write_entry(&mut out, fact, text.unwrap_or(&empty), &lang_variant);
        }
        out.push_str("];\n");
        let labels: Labels = read_toml_or_default(&Path::new(DATA).join(lang).join("labels.toml"));
        write_labels(&mut out, &upper, &labels);
    }

    out.push_str("pub(crate) static REASON_RULES: &[ReasonRule] = &[\n");
    for rule in &reasons.reason {
        writeln!(
            out,
            "    ReasonRule {{ reason: Reason::{}, party: Party::{}, when_permanent: Action::{}, when_temporary: Action::{}, phrases: &{:?}, weak_phrases: &{:?} }},",
            camel(&rule.name),
            camel(&rule.party),
            camel(&rule.when_permanent),
            camel(&rule.when_temporary),
            rule.phrases,
            rule.weak_phrases
        )
        .unwrap();
    }
    out.push_str("];\n");

    let out_dir = PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR"));
    std::fs::write(out_dir.join("knowledge.rs"), out).expect("write generated knowledge tables");
    let mut families =
        String::from("// @generated by build.rs from src/knowledge/data/families.\n");
    write_families(&mut families, &reasons);
    std::fs::write(out_dir.join("families.rs"), families).expect("write generated family table");
    let mut providers =
        String::from("// @generated by build.rs from src/knowledge/data/providers.toml.\n");
    write_providers(&mut providers);
    std::fs::write(out_dir.join("providers.rs"), providers)
        .expect("write generated provider table");
}

fn write_entry(out: &mut String, fact: &Fact, text: &Text, lang: &str) {
    let opt = |v: &Option<String>| match v {
        Some(s) => format!("Some({s:?})"),
        None => "None".to_string(),
    };
    let bounce_type = fact.bounce_type.clone().unwrap_or_else(|| {
        match fact.code.chars().next() {
            Some('5') => "hard",
            Some('4') => "soft",
            Some('2' | '3') => "none",
            _ => "unknown",
        }
        .to_string()
    });
    writeln!(
        out,
        "    Entry {{ code: {:?}, kind: CodeKind::{}, name: {:?}, reference: {:?}, provider: {}, reason: {}, reason_is_weak: {}, registry: {}, counterpart_code: {}, basic_codes: {}, bounce_type: BounceType::{}, lang: Lang::{lang},",
        fact.code,
        camel(&fact.kind),
        fact.name,
        fact.reference,
        opt(&fact.provider),
        match &fact.reason {
            Some(r) => format!("Some(Reason::{})", camel(r)),
            None => "None".into(),
        },
        fact.weak,
        fact.registry,
        opt(&fact.counterpart),
        opt(&fact.basic_codes),
        camel(&bounce_type),
    )
    .unwrap();
    writeln!(
        out,
        "        title: {:?}, summary: {:?}, meaning: {:?}, category: {:?}, action: {:?}, counterpart: {:?},",
        text.title, text.summary, text.meaning, text.category, text.action, text.counterpart
    )
    .unwrap();
    writeln!(
        out,
        "        causes: &{:?}, resolution_marketers: &{:?}, resolution_developers: &{:?}, examples: &{:?}, provider_responses: &{:?}, best_practices: &{:?}, investigation: &{:?} }},",
        text.causes,
        text.resolution_marketers,
        text.resolution_developers,
        text.examples,
        text.provider_responses,
        text.best_practices,
        text.investigation
    )
    .unwrap();
}

fn write_labels(out: &mut String, upper: &str, labels: &Labels) {
    let pairs = |m: &BTreeMap<String, LabelText>| {
        m.iter()
            .map(|(k, v)| format!("({k:?}, {:?}, {:?})", v.label, v.explanation))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let plain = |m: &BTreeMap<String, String>| {
        m.iter()
            .map(|(k, v)| format!("({k:?}, {v:?})"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    writeln!(
        out,
        "pub(crate) static LABELS_{upper}: Labels = Labels {{ reason: &[{}], action: &[{}], bounce_type: &[{}], kind: &[{}], reply_first: &[{}], reply_second: &[{}], class: &[{}], subject: &[{}] }};",
        pairs(&labels.reason),
        pairs(&labels.action),
        pairs(&labels.bounce_type),
        pairs(&labels.kind),
        plain(&labels.reply_first),
        plain(&labels.reply_second),
        plain(&labels.class),
        plain(&labels.subject),
    )
    .unwrap();
}

/// All text files of one language (every *.toml but labels.toml), merged by code.
fn read_texts(lang: &str) -> BTreeMap<String, Text> {
    let dir = Path::new(DATA).join(lang);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .filter(|p| p.file_name().is_some_and(|n| n != "labels.toml"))
        .collect();
    files.sort();
    let mut all = BTreeMap::new();
    for file in files {
        let texts: BTreeMap<String, Text> = read_toml(&file);
        for (code, text) in texts {
            if all.insert(code.clone(), text).is_some() {
                panic!("{}: code {code} is written twice in {lang}", file.display());
            }
        }
    }
    all
}

/// The family files, most specific first (by `priority`, then name).
fn write_families(out: &mut String, reasons: &Reasons) {
    let dir = Path::new(DATA).join("families");
    let mut families: Vec<(PathBuf, Family)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .map(|p| {
            let family = read_toml(&p);
            (p, family)
        })
        .collect();
    families.sort_by(|a, b| (a.1.priority, &a.1.name).cmp(&(b.1.priority, &b.1.name)));
    let lower = |list: &[String], path: &Path, what: &str| {
        for item in list {
            if item != &item.to_lowercase() || item.trim().is_empty() {
                panic!(
                    "{}: {what} {item:?} must be non-empty lower case",
                    path.display()
                );
            }
        }
    };
    out.push_str("pub(crate) static FAMILIES: &[Family] = &[\n");
    for (path, f) in &families {
        for (what, list) in [
            ("from", &f.from),
            ("subject", &f.subject),
            ("headers", &f.headers),
            ("body", &f.body),
            ("original_markers", &f.original_markers),
        ] {
            lower(list, path, what);
        }
        let mut commands = String::new();
        for (command, markers) in &f.commands {
            if !["RCPT", "MAIL", "DATA", "CONN", "HELO", "EHLO", "STARTTLS"]
                .contains(&command.as_str())
            {
                panic!("{}: unknown SMTP command {command}", path.display());
            }
            lower(markers, path, "command marker");
            write!(commands, "(\"{command}\", &{markers:?}), ").unwrap();
        }
        let mut phrases = String::new();
        for (reason, list) in &f.phrases {
            if !reasons.reason.iter().any(|r| &r.name == reason) {
                panic!("{}: unknown reason {reason}", path.display());
            }
            lower(list, path, "phrase");
            write!(phrases, "(Reason::{}, &{list:?}), ", camel(reason)).unwrap();
        }
        let mut categories = String::new();
        for (value, reason) in &f.categories {
            if !reasons.reason.iter().any(|r| &r.name == reason) {
                panic!("{}: unknown reason {reason}", path.display());
            }
            lower(std::slice::from_ref(value), path, "category");
            write!(categories, "({value:?}, Reason::{}), ", camel(reason)).unwrap();
        }
        writeln!(
            out,
            "    Family {{ name: {:?}, from: &{:?}, subject: &{:?}, headers: &{:?}, body: &{:?}, original_markers: &{:?}, commands: &[{commands}], phrases: &[{phrases}], category_field: {:?}, categories: &[{categories}] }},",
            f.name, f.from, f.subject, f.headers, f.body, f.original_markers, f.category_field
        )
        .unwrap();
    }
    out.push_str("];\n");
}

fn read_toml<T: for<'de> Deserialize<'de>>(path: &Path) -> T {
    let raw = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    toml::from_str(&raw).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn read_toml_or_default<T: for<'de> Deserialize<'de> + Default>(path: &Path) -> T {
    if path.exists() {
        read_toml(path)
    } else {
        T::default()
    }
}

/// `user_unknown` -> `UserUnknown`, `en` -> `En`: the Rust variant for a data-file name.
fn camel(name: &str) -> String {
    name.split(['_', '-'])
        .map(|part| {
            let mut chars = part.chars();
            match chars.next() {
                Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
                None => String::new(),
            }
        })
        .collect()
}
