//! The knowledge base: every enhanced status code of the IANA registry, every RFC 5321
//! reply code and the providers' own codes, with texts in English and German.
//!
//! The tables are generated at build time from the TOML files in `data/` (see build.rs);
//! this module only looks them up and derives what can be derived (the breakdown).

pub(crate) mod esp;
mod lookup;
pub(crate) mod notices;
pub(crate) mod reasons;
pub(crate) mod vendors;
pub(crate) mod wording;

pub(crate) use lookup::provider_code_after_prefix;
pub use lookup::{entries, explain, normalize_code};
pub use reasons::action_for;

use serde::Serialize;

use crate::model::report::Explanation;
use crate::model::{Action, BounceType, Outcome, Party, Reason, SmtpCommand};
pub use crate::model::{BreakdownPart, CodeKind, LabelItem, LabelTable, Lang};
use esp::EspRow;
use notices::Notices;
use wording::Wording;

/// One explained code in one language. Facts come from `data/codes.toml`, texts from
/// `data/<lang>/*.toml`.
///
/// The texts (title to investigation) are compiled in with the cargo feature `texts` (on by
/// default, and in the CLI and the npm package). Without it, as in the page's wasm, they are
/// empty: the page loads them from the files that `cargo run --example texts` writes
/// (www/texts/), and the facts and the breakdown's structure stay.
#[derive(Debug, Serialize)]
pub struct Entry {
    /// The code as users write it: `5.1.1`, `550`, `5.1.XXX`, `S3150`.
    pub code: &'static str,
    /// What kind of code this is.
    pub kind: CodeKind,
    /// The registry's (or provider reference's) own English name.
    pub name: &'static str,
    /// Where the code is defined.
    pub reference: &'static str,
    /// For provider codes: whose code it is.
    pub provider: Option<&'static str>,
    /// The reason this code means when the text says nothing more specific.
    pub reason: Option<Reason>,
    /// The reason is only a guess (catch-all codes): context decides first.
    #[serde(skip)]
    pub reason_is_weak: bool,
    /// False when the registry does not list this detail for this class.
    pub registry: bool,
    /// The same condition in the other class, if any.
    pub counterpart_code: Option<&'static str>,
    /// The basic reply codes the registry associates with this code.
    pub basic_codes: Option<&'static str>,
    /// The last code of the range this entry also stands for (Microsoft's 5.7.606 for
    /// 5.7.606 to 5.7.649).
    #[serde(skip)]
    pub up_to: Option<&'static str>,
    /// Other names of the same code (`aliases` in codes.toml): La Poste's `LPN_420` for
    /// Orange's `OFR_420`.
    #[serde(skip)]
    pub aliases: &'static [&'static str],
    /// Hard, soft or not a failure.
    pub bounce_type: BounceType,
    /// The language of the texts below.
    pub lang: Lang,
    /// A short name for people.
    pub title: &'static str,
    /// What happened, in plain words.
    pub summary: &'static str,
    /// The meaning of the code's last element, for the breakdown.
    pub meaning: &'static str,
    /// A short category label.
    pub category: &'static str,
    /// What to do now.
    pub action: &'static str,
    /// How the temporary and permanent forms differ.
    pub counterpart: &'static str,
    /// Likely causes.
    pub causes: &'static [&'static str],
    /// Steps for email marketers.
    pub resolution_marketers: &'static [&'static str],
    /// Steps for developers and mail administrators.
    pub resolution_developers: &'static [&'static str],
    /// Example bounce lines.
    pub examples: &'static [&'static str],
    /// What providers typically write or recommend.
    pub provider_responses: &'static [&'static str],
    /// Best practices.
    pub best_practices: &'static [&'static str],
    /// Investigation steps.
    pub investigation: &'static [&'static str],
}

/// Translated labels for the taxonomy and the code structure, from `data/<lang>/labels.toml`.
pub(crate) struct Labels {
    pub reason: &'static [(&'static str, &'static str, &'static str)],
    pub action: &'static [(&'static str, &'static str, &'static str)],
    pub outcome: &'static [(&'static str, &'static str, &'static str)],
    pub bounce_type: &'static [(&'static str, &'static str, &'static str)],
    pub kind: &'static [(&'static str, &'static str, &'static str)],
    pub reply_first: &'static [(&'static str, &'static str)],
    pub reply_second: &'static [(&'static str, &'static str)],
    pub class: &'static [(&'static str, &'static str)],
    pub subject: &'static [(&'static str, &'static str)],
}

/// A reason with its phrases and actions, from `data/reasons.toml`, in priority order.
pub(crate) struct ReasonRule {
    pub reason: Reason,
    pub party: Party,
    pub when_permanent: Action,
    pub when_temporary: Action,
    /// subject.detail of the status that stands for this reason (`1.1`), to infer a status
    /// the bounce did not state.
    pub status: Option<&'static str>,
    pub phrases: &'static [&'static str],
    /// Generic wording ("address rejected", "access denied"), tried after every rule's
    /// specific phrases, so a precise phrase later in the text still wins.
    pub weak_phrases: &'static [&'static str],
}

include!(concat!(env!("OUT_DIR"), "/knowledge.rs"));

/// A label and its explanation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Label {
    /// A few words.
    pub label: &'static str,
    /// One or two sentences.
    pub explanation: &'static str,
}

fn labels(lang: Lang) -> &'static Labels {
    match lang {
        Lang::En => &LABELS_EN,
        Lang::De => &LABELS_DE,
    }
}

fn find3(table: &'static [(&str, &str, &str)], key: &str) -> Option<Label> {
    table
        .iter()
        .find(|(k, _, _)| *k == key)
        .map(|(_, label, explanation)| Label { label, explanation })
}

fn find2(table: &'static [(&str, &str)], key: &str) -> Option<&'static str> {
    table.iter().find(|(k, _)| *k == key).map(|(_, v)| *v)
}

/// The label of a reason in a language.
pub fn reason_label(reason: Reason, lang: Lang) -> Option<Label> {
    find3(labels(lang).reason, reason.name())
}

/// The label of an action in a language.
pub fn action_label(action: Action, lang: Lang) -> Option<Label> {
    find3(labels(lang).action, action.name())
}

/// The label of an outcome (bad address, sending refused...) in a language.
pub fn outcome_label(outcome: Outcome, lang: Lang) -> Option<Label> {
    find3(labels(lang).outcome, outcome.name())
}

/// The label of a bounce type in a language.
pub fn bounce_type_label(bounce_type: BounceType, lang: Lang) -> Option<Label> {
    find3(labels(lang).bounce_type, bounce_type.name())
}

/// The label of a message kind (`bounce`, `delay`, `feedback`...) in a language.
pub fn kind_label(kind: &str, lang: Lang) -> Option<Label> {
    find3(labels(lang).kind, kind)
}

impl Entry {
    /// The class / subject / detail (or digit-by-digit) breakdown of this code.
    pub fn breakdown(&self) -> Vec<BreakdownPart> {
        let labels = labels(self.lang);
        let part = |part: &str, value: &str, meaning: &str| BreakdownPart {
            part: part.to_string(),
            value: value.to_string(),
            meaning: meaning.to_string(),
        };
        match self.kind {
            CodeKind::Class | CodeKind::Subject | CodeKind::Detail => {
                let mut pieces = self.code.split('.');
                let class = pieces.next().unwrap_or_default();
                let subject = pieces.next().unwrap_or_default();
                let detail = pieces.next().unwrap_or_default();
                let mut parts = vec![part(
                    "class",
                    class,
                    find2(labels.class, class).unwrap_or(""),
                )];
                if self.kind == CodeKind::Class {
                    parts[0].meaning = self.meaning.to_string();
                    return parts;
                }
                let subject_meaning = if self.kind == CodeKind::Subject {
                    self.meaning
                } else {
                    find2(labels.subject, subject).unwrap_or("")
                };
                parts.push(part("subject", subject, subject_meaning));
                if self.kind == CodeKind::Detail {
                    parts.push(part("detail", detail, self.meaning));
                }
                parts
            }
            CodeKind::Reply => {
                let digits: Vec<String> = self.code.chars().map(String::from).collect();
                let first = digits.first().map(String::as_str).unwrap_or("");
                let second = digits.get(1).map(String::as_str).unwrap_or("");
                let third = digits.get(2).map(String::as_str).unwrap_or("");
                vec![
                    part(
                        "first_digit",
                        first,
                        find2(labels.reply_first, first).unwrap_or(""),
                    ),
                    part(
                        "second_digit",
                        second,
                        find2(labels.reply_second, second).unwrap_or(""),
                    ),
                    part("third_digit", third, self.meaning),
                ]
            }
            CodeKind::Provider => vec![part("tag", self.code, self.meaning)],
        }
    }

    /// What the sender should do, as a machine-readable action.
    pub fn recommended_action(&self) -> Action {
        action_for(self.reason, self.bounce_type)
    }
}

/// The labels of a language as owned data.
pub fn label_table(lang: Lang) -> LabelTable {
    let l = labels(lang);
    let items = |t: &[(&str, &str, &str)]| {
        t.iter()
            .map(|(k, label, explanation)| {
                let item = LabelItem {
                    key: (*k).into(),
                    label: (*label).into(),
                    explanation: (*explanation).into(),
                };
                ((*k).to_string(), item)
            })
            .collect()
    };
    LabelTable {
        reasons: items(l.reason),
        actions: items(l.action),
        outcomes: items(l.outcome),
        bounce_types: items(l.bounce_type),
        kinds: items(l.kind),
    }
}

/// Every provider bounce-decoder recognises, with its advice for senders in `lang`
/// (empty when not written yet).
pub fn provider_advice(lang: Lang) -> Vec<(&'static str, &'static str)> {
    vendors::PROVIDERS
        .iter()
        .map(|p| (p.name, p.advice(lang).unwrap_or("")))
        .collect()
}

/// Every provider bounce-decoder recognises, with the sources of its facts and advice
/// (postmaster or support pages, RFCs, documentation).
pub fn provider_sources() -> Vec<(&'static str, &'static [&'static str])> {
    vendors::PROVIDERS
        .iter()
        .map(|p| (p.name, p.sources))
        .collect()
}

impl From<&Entry> for Explanation {
    fn from(e: &Entry) -> Explanation {
        let owned = |v: &[&str]| v.iter().map(|s| (*s).to_string()).collect::<Vec<_>>();
        Explanation {
            code: e.code.to_string(),
            kind: e.kind,
            name: e.name.to_string(),
            reference: e.reference.to_string(),
            provider: e.provider.map(str::to_string),
            title: e.title.to_string(),
            summary: e.summary.to_string(),
            breakdown: e.breakdown(),
            outcome: Outcome::of(e.recommended_action(), e.reason),
            bounce_type: e.bounce_type,
            reason: e.reason,
            recommended_action: e.recommended_action(),
            category: e.category.to_string(),
            action: e.action.to_string(),
            causes: owned(e.causes),
            resolution_marketers: owned(e.resolution_marketers),
            resolution_developers: owned(e.resolution_developers),
            counterpart_code: e.counterpart_code.map(str::to_string),
            counterpart: e.counterpart.to_string(),
            examples: owned(e.examples),
            provider_responses: owned(e.provider_responses),
            best_practices: owned(e.best_practices),
            investigation: owned(e.investigation),
            registry: e.registry,
        }
    }
}
