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
    /// The last code of a range this entry stands for.
    up_to: Option<String>,
    /// Other names of the same code (La Poste's `LPN_420` for Orange's `OFR_420`).
    #[serde(default)]
    aliases: Vec<String>,
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

impl Text {
    /// Only the fields of SLIM_FIELDS; the others empty.
    fn slim(&self) -> Text {
        let keep = |field: &str| SLIM_FIELDS.contains(&field);
        let s = |field: &str, v: &String| {
            if keep(field) {
                v.clone()
            } else {
                String::new()
            }
        };
        let l = |field: &str, v: &Vec<String>| if keep(field) { v.clone() } else { Vec::new() };
        Text {
            title: s("title", &self.title),
            summary: s("summary", &self.summary),
            meaning: s("meaning", &self.meaning),
            category: s("category", &self.category),
            action: s("action", &self.action),
            causes: l("causes", &self.causes),
            resolution_marketers: l("resolution_marketers", &self.resolution_marketers),
            resolution_developers: l("resolution_developers", &self.resolution_developers),
            counterpart: s("counterpart", &self.counterpart),
            examples: l("examples", &self.examples),
            provider_responses: l("provider_responses", &self.provider_responses),
            best_practices: l("best_practices", &self.best_practices),
            investigation: l("investigation", &self.investigation),
        }
    }
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
    /// subject.detail of the status that stands for this reason.
    status: Option<String>,
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

/// One vendor (src/knowledge/data/vendors/<id>.toml): what it is as a mailbox provider or
/// gateway, and the bounce templates (families) its software writes.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Vendor {
    provider: Option<ProviderFacts>,
    #[serde(default)]
    family: Vec<Family>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProviderFacts {
    name: String,
    #[serde(default = "middle")]
    priority: u32,
    #[serde(default)]
    hosts: Vec<String>,
    #[serde(default)]
    markers: Vec<String>,
    /// Literal tokens of this provider's that the knowledge base explains (`gcdp`).
    #[serde(default)]
    tokens: Vec<String>,
    /// Text after which one of this provider's codes follows (GMX's `c=` in `c=r0201`).
    #[serde(default)]
    token_after: Vec<String>,
    /// The start of a code of this provider's, where `*` stands for digits that vary and are
    /// left out of the code's name (`ofr*_` finds `OFR006_102` and names it `OFR_102`).
    #[serde(default)]
    token_forms: Vec<String>,
    #[serde(default)]
    advice: BTreeMap<String, String>,
    /// Where the facts of the provider's entry and advice come from: its postmaster or
    /// support page (a URL), an RFC, or the mail server's documentation.
    #[serde(default)]
    sources: Vec<String>,
}

/// Every vendor file, by id (its file name).
fn read_vendors() -> Vec<(String, PathBuf, Vendor)> {
    let dir = Path::new(DATA).join("vendors");
    let mut vendors: Vec<(String, PathBuf, Vendor)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .map(|p| {
            let id = p.file_stem().unwrap().to_string_lossy().to_string();
            let vendor = read_toml(&p);
            (id, p, vendor)
        })
        .collect();
    vendors.sort_by(|a, b| a.0.cmp(&b.0));
    vendors
}

/// The provider table, in the order its `priority` gives: names, recognition signs and
/// advice per language.
fn write_providers(out: &mut String, vendors: &[(String, PathBuf, Vendor)]) {
    let mut providers: Vec<(&String, &PathBuf, &ProviderFacts)> = vendors
        .iter()
        .filter_map(|(id, path, v)| v.provider.as_ref().map(|p| (id, path, p)))
        .collect();
    providers.sort_by(|a, b| (a.2.priority, &a.2.name).cmp(&(b.2.priority, &b.2.name)));
    out.push_str("pub(crate) static PROVIDERS: &[ProviderInfo] = &[\n");
    for (id, path, p) in providers {
        for m in p.hosts.iter().chain(&p.markers) {
            if m != &m.to_lowercase() || m.trim().is_empty() {
                panic!(
                    "{}: {}: {m:?} must be non-empty lower case",
                    path.display(),
                    p.name
                );
            }
        }
        for source in &p.sources {
            if source.trim().is_empty() || source.trim() != source {
                panic!(
                    "{}: {}: source {source:?} must be non-empty and trimmed",
                    path.display(),
                    p.name
                );
            }
        }
        for form in &p.token_forms {
            if form != &form.to_lowercase()
                || form.trim() != form
                || form.matches('*').count() > 1
                || !form.starts_with(|c: char| c.is_ascii_alphanumeric())
            {
                panic!(
                    "{}: {}: token form {form:?} must be lower case, start with a letter or digit and hold at most one *",
                    path.display(),
                    p.name
                );
            }
        }
        let advice = |lang: &str| p.advice.get(lang).cloned().unwrap_or_default();
        writeln!(
            out,
            "    ProviderInfo {{ vendor: {id:?}, name: {:?}, hosts: &{:?}, markers: &{:?}, tokens: &{:?}, token_after: &{:?}, token_forms: &{:?}, advice_en: {:?}, advice_de: {:?}, sources: &{:?} }},",
            p.name, p.hosts, p.markers, p.tokens, p.token_after, p.token_forms, advice("en"), advice("de"), p.sources
        )
        .unwrap();
    }
    out.push_str("];\n");
}

/// Wording all bounces share (src/knowledge/data/wording.toml).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Wording {
    vacation_subjects: Vec<String>,
    failure_subject_words: Vec<String>,
    delay_subjects: Vec<String>,
    delay_statements: Vec<String>,
    bounce_subjects: Vec<String>,
    complaint_subjects: Vec<String>,
    answer_prefixes: Vec<String>,
    original_markers: Vec<String>,
    not_recipient_cues: Vec<String>,
    system_senders: Vec<String>,
    no_valid_recipients: Vec<String>,
    transcript_section: Vec<String>,
    timeout_words: Vec<String>,
    commands: Vec<(String, String)>,
}

fn write_wording(out: &mut String) {
    let path = Path::new(DATA).join("wording.toml");
    let w: Wording = read_toml(&path);
    let lists = [
        &w.vacation_subjects,
        &w.failure_subject_words,
        &w.delay_subjects,
        &w.delay_statements,
        &w.bounce_subjects,
        &w.complaint_subjects,
        &w.answer_prefixes,
        &w.original_markers,
        &w.not_recipient_cues,
        &w.system_senders,
        &w.no_valid_recipients,
        &w.transcript_section,
        &w.timeout_words,
    ];
    for item in lists
        .iter()
        .flat_map(|l| l.iter())
        .chain(w.commands.iter().map(|c| &c.0))
    {
        if item != &item.to_lowercase() || item.trim().is_empty() {
            panic!("{}: {item:?} must be non-empty lower case", path.display());
        }
    }
    let mut commands = String::new();
    for (phrase, command) in &w.commands {
        if !COMMANDS.contains(&command.as_str()) {
            panic!("{}: unknown SMTP command {command}", path.display());
        }
        write!(
            commands,
            "({phrase:?}, SmtpCommand::{}), ",
            camel(&command.to_lowercase())
        )
        .unwrap();
    }
    writeln!(
        out,
        "pub(crate) static WORDING: Wording = Wording {{ vacation_subjects: &{:?}, failure_subject_words: &{:?}, delay_subjects: &{:?}, delay_statements: &{:?}, bounce_subjects: &{:?}, complaint_subjects: &{:?}, answer_prefixes: &{:?}, original_markers: &{:?}, not_recipient_cues: &{:?}, system_senders: &{:?}, no_valid_recipients: &{:?}, transcript_section: &{:?}, timeout_words: &{:?}, commands: &[{commands}] }};",
        w.vacation_subjects, w.failure_subject_words, w.delay_subjects, w.delay_statements, w.bounce_subjects,
        w.complaint_subjects, w.answer_prefixes, w.original_markers, w.not_recipient_cues, w.system_senders,
        w.no_valid_recipients, w.transcript_section, w.timeout_words
    )
    .unwrap();
}

/// What each reason is called by email services (src/knowledge/data/esp.toml).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Esp {
    sparkpost_classes: BTreeMap<String, String>,
    reason: BTreeMap<String, EspPair>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EspPair {
    permanent: EspClasses,
    temporary: EspClasses,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EspClasses {
    sparkpost: Option<u16>,
    ses: Option<String>,
    postmark: Option<String>,
    sendgrid: Option<String>,
}

fn write_esp(out: &mut String, reasons: &Reasons) {
    let path = Path::new(DATA).join("esp.toml");
    let esp: Esp = read_toml(&path);
    let row = |c: &EspClasses, reason: &str| {
        let sparkpost = match c.sparkpost {
            Some(n) => {
                let name = esp
                    .sparkpost_classes
                    .get(&n.to_string())
                    .unwrap_or_else(|| {
                        panic!(
                            "{}: {reason}: SparkPost class {n} is not in [sparkpost_classes]",
                            path.display()
                        )
                    });
                format!("Some(({n}, {name:?}))")
            }
            None => "None".into(),
        };
        if let Some(ses) = &c.ses {
            if ses.split('/').count() != 2 {
                panic!(
                    "{}: {reason}: ses {ses:?} must be Type/SubType",
                    path.display()
                );
            }
        }
        format!(
            "EspRow {{ sparkpost: {sparkpost}, ses: {:?}, postmark: {:?}, sendgrid: {:?} }}",
            c.ses, c.postmark, c.sendgrid
        )
    };
    out.push_str("pub(crate) static ESP: &[(Reason, EspRow, EspRow)] = &[\n");
    for (reason, pair) in &esp.reason {
        if !reasons.reason.iter().any(|r| &r.name == reason) {
            panic!("{}: unknown reason {reason}", path.display());
        }
        writeln!(
            out,
            "    (Reason::{}, {}, {}),",
            camel(reason),
            row(&pair.permanent, reason),
            row(&pair.temporary, reason)
        )
        .unwrap();
    }
    out.push_str("];\n");
}

/// A map of strings as the elements of a static `&[(&str, &str)]`.
fn string_pairs(m: &BTreeMap<String, String>) -> String {
    m.iter()
        .map(|(k, v)| format!("({k:?}, {v:?})"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The SMTP commands data files may name.
const COMMANDS: [&str; 7] = ["RCPT", "MAIL", "DATA", "CONN", "HELO", "EHLO", "STARTTLS"];

/// Warnings and notes of one language (src/knowledge/data/<lang>/notices.toml).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Notices {
    warning: BTreeMap<String, String>,
    note: BTreeMap<String, String>,
}

fn write_notices(out: &mut String, lang: &str) {
    let path = Path::new(DATA).join(lang).join("notices.toml");
    let n: Notices = read_toml(&path);
    let pairs = string_pairs;
    writeln!(
        out,
        "pub(crate) static NOTICES_{}: Notices = Notices {{ warnings: &[{}], notes: &[{}] }};",
        lang.to_uppercase(),
        pairs(&n.warning),
        pairs(&n.note)
    )
    .unwrap();
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
    outcome: BTreeMap<String, LabelText>,
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

/// The texts every build carries (the page's wasm too): what a first answer shows. The other
/// fields of an entry are compiled in only with the `texts` feature (the CLI, the npm
/// package); without it they are empty, and the page loads them from www/texts/<lang>.json
/// (written from the same TOML by `cargo run --example texts`, see scripts/build-wasm.sh).
const SLIM_FIELDS: &[&str] = &[];

fn main() {
    println!("cargo:rerun-if-changed={DATA}");
    let all_texts = std::env::var_os("CARGO_FEATURE_TEXTS").is_some();
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
            let empty = Text::default();
            let text = texts.get(&fact.code).unwrap_or(&empty);
            if all_texts {
                write_entry(&mut out, fact, text, &lang_variant);
            } else {
                write_entry(&mut out, fact, &text.slim(), &lang_variant);
            }
        }
        out.push_str("];\n");
        let labels: Labels = read_toml_or_default(&Path::new(DATA).join(lang).join("labels.toml"));
        write_labels(&mut out, &upper, &labels);
        write_notices(&mut out, lang);
    }

    out.push_str("pub(crate) static REASON_RULES: &[ReasonRule] = &[\n");
    for rule in &reasons.reason {
        writeln!(
            out,
            "    ReasonRule {{ reason: Reason::{}, party: Party::{}, when_permanent: Action::{}, when_temporary: Action::{}, status: {:?}, phrases: &{:?}, weak_phrases: &{:?} }},",
            camel(&rule.name),
            camel(&rule.party),
            camel(&rule.when_permanent),
            camel(&rule.when_temporary),
            rule.status,
            rule.phrases,
            rule.weak_phrases
        )
        .unwrap();
    }
    out.push_str("];\n");
    write_wording(&mut out);
    write_esp(&mut out, &reasons);

    let out_dir = PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR"));
    std::fs::write(out_dir.join("knowledge.rs"), out).expect("write generated knowledge tables");
    let vendors = read_vendors();
    let mut tables = String::from("// @generated by build.rs from src/knowledge/data/vendors.\n");
    write_families(&mut tables, &vendors, &reasons);
    write_providers(&mut tables, &vendors);
    std::fs::write(out_dir.join("vendors.rs"), tables).expect("write generated vendor tables");
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
        "    Entry {{ code: {:?}, kind: CodeKind::{}, name: {:?}, reference: {:?}, provider: {}, reason: {}, reason_is_weak: {}, registry: {}, counterpart_code: {}, basic_codes: {}, up_to: {}, aliases: &{:?}, bounce_type: BounceType::{}, lang: Lang::{lang},",
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
        opt(&fact.up_to),
        fact.aliases,
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
    let plain = string_pairs;
    writeln!(
        out,
        "pub(crate) static LABELS_{upper}: Labels = Labels {{ reason: &[{}], action: &[{}], outcome: &[{}], bounce_type: &[{}], kind: &[{}], reply_first: &[{}], reply_second: &[{}], class: &[{}], subject: &[{}] }};",
        pairs(&labels.reason),
        pairs(&labels.action),
        pairs(&labels.outcome),
        pairs(&labels.bounce_type),
        pairs(&labels.kind),
        plain(&labels.reply_first),
        plain(&labels.reply_second),
        plain(&labels.class),
        plain(&labels.subject),
    )
    .unwrap();
}

/// All text files of one language (every *.toml but labels.toml and notices.toml), merged
/// by code.
fn read_texts(lang: &str) -> BTreeMap<String, Text> {
    let dir = Path::new(DATA).join(lang);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n != "labels.toml" && n != "notices.toml")
        })
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

/// The families of every vendor, most specific first (by `priority`, then name).
fn write_families(out: &mut String, vendors: &[(String, PathBuf, Vendor)], reasons: &Reasons) {
    let mut families: Vec<(&String, &PathBuf, &Family)> = vendors
        .iter()
        .flat_map(|(id, path, v)| v.family.iter().map(move |f| (id, path, f)))
        .collect();
    families.sort_by(|a, b| (a.2.priority, &a.2.name).cmp(&(b.2.priority, &b.2.name)));
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
    for (id, path, f) in &families {
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
            if !COMMANDS.contains(&command.as_str()) {
                panic!("{}: unknown SMTP command {command}", path.display());
            }
            lower(markers, path, "command marker");
            write!(
                commands,
                "(SmtpCommand::{}, &{markers:?}), ",
                camel(&command.to_lowercase())
            )
            .unwrap();
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
            "    Family {{ vendor: {id:?}, name: {:?}, from: &{:?}, subject: &{:?}, headers: &{:?}, body: &{:?}, original_markers: &{:?}, commands: &[{commands}], phrases: &[{phrases}], category_field: {:?}, categories: &[{categories}] }},",
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
