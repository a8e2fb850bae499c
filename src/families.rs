//! Mail-server families (Postfix, Exim, Exchange, Google Groups...): how to recognise a
//! bounce each one writes, where its report ends and the returned message begins, how it
//! names the SMTP command that failed, and the wording it uses for each reason.
//!
//! One data file per family in `src/knowledge/data/families/`, compiled by build.rs; the
//! readers ask this module, so adding a family means adding a file, not code.

use std::sync::OnceLock;

use crate::scan::text::{normalize, Phrase};
use crate::taxonomy::Reason;

/// One family, from `data/families/<name>.toml`.
#[derive(Debug)]
pub(crate) struct Family {
    /// Display name (`Postfix`, `Microsoft Exchange`).
    pub name: &'static str,
    /// Lower-case pieces of the From header that only this family writes.
    pub from: &'static [&'static str],
    /// Lower-case pieces of the Subject.
    pub subject: &'static [&'static str],
    /// Header names (lower case) that only this family adds, or `name: text` where the
    /// value of that header holds `text`.
    pub headers: &'static [&'static str],
    /// Lower-case pieces of the report's text.
    pub body: &'static [&'static str],
    /// Lines after which the returned original begins.
    pub original_markers: &'static [&'static str],
    /// Wording that names the SMTP command a reply answered, per command.
    pub commands: &'static [(&'static str, &'static [&'static str])],
    /// Wording this family uses for a reason, tried before the common rules.
    pub phrases: &'static [(Reason, &'static [&'static str])],
    /// A DSN field (lower case) where the family states its own bounce category.
    pub category_field: Option<&'static str>,
    /// Category value (lower case) -> reason.
    pub categories: &'static [(&'static str, Reason)],
}

include!(concat!(env!("OUT_DIR"), "/families.rs"));

/// What identifies the writer of a message: its From, Subject, headers and text.
pub(crate) struct Signs<'a> {
    pub from: &'a str,
    pub subject: &'a str,
    /// The message's header fields, names lower-cased.
    pub headers: &'a [(String, String)],
    pub body: &'a str,
}

/// The family that wrote a message, the most specific first.
pub(crate) fn detect(signs: &Signs<'_>) -> Option<&'static Family> {
    let from = signs.from.to_lowercase();
    let subject = signs.subject.to_lowercase();
    let body = normalize(crate::scan::text::truncate(signs.body, 64 * 1024));
    FAMILIES.iter().find(|f| {
        f.from.iter().any(|m| from.contains(m))
            || f.subject.iter().any(|m| subject.contains(m))
            || f.headers.iter().any(|h| has_header(signs.headers, h))
            || f.body.iter().any(|m| body.contains(m))
    })
}

/// Whether a header sign holds: `name` is present, or `name: text` is present with `text`
/// in its value (case-insensitive).
fn has_header(headers: &[(String, String)], sign: &str) -> bool {
    let (name, value) = match sign.split_once(':') {
        Some((n, v)) => (n, Some(v.trim())),
        None => (sign, None),
    };
    headers
        .iter()
        .any(|(n, v)| n == name && value.is_none_or(|want| v.to_lowercase().contains(want)))
}

impl Family {
    /// The reason this family's wording reveals in `text`, with the phrase.
    pub fn reason_in(&self, text: &str) -> Option<(Reason, String)> {
        // each family's phrases, prepared once, in the order of FAMILIES
        static PREPARED: OnceLock<Vec<Vec<(Reason, Phrase)>>> = OnceLock::new();
        let prepared = PREPARED.get_or_init(|| {
            FAMILIES
                .iter()
                .map(|f| {
                    f.phrases
                        .iter()
                        .flat_map(|(reason, list)| list.iter().map(|p| (*reason, Phrase::new(p))))
                        .collect()
                })
                .collect()
        });
        let index = FAMILIES.iter().position(|f| std::ptr::eq(f, self))?;
        let norm = normalize(crate::scan::text::truncate(text, 8192));
        prepared[index]
            .iter()
            .find_map(|(reason, p)| p.find(&norm).map(|span| (*reason, norm[span].to_string())))
    }

    /// The reason the family's own category field states, from DSN fields.
    pub fn reason_from_category(&self, fields: &[(String, String)]) -> Option<(Reason, String)> {
        let name = self.category_field?;
        let (_, value) = fields.iter().find(|(n, _)| n == name)?;
        let value = value.trim().to_ascii_lowercase();
        self.categories
            .iter()
            .find(|(v, _)| *v == value)
            .map(|(_, reason)| (*reason, value.clone()))
    }

    /// The SMTP command this family's wording names in `text`.
    pub fn command_in(&self, text: &str) -> Option<&'static str> {
        let norm = normalize(crate::scan::text::truncate(text, 8192));
        self.commands
            .iter()
            .find(|(_, markers)| markers.iter().any(|m| norm.contains(m)))
            .map(|(command, _)| *command)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_header_sign_can_ask_for_a_value() {
        let headers = [("x-mailer".to_string(), "<SMTP32 v8.22>".to_string())];
        assert!(has_header(&headers, "x-mailer"));
        assert!(has_header(&headers, "x-mailer: <smtp32 "));
        assert!(!has_header(&headers, "x-mailer: postfix"));
        assert!(!has_header(&headers, "x-mailer-version"));
    }

    #[test]
    fn every_family_can_be_recognised_and_has_a_unique_name() {
        assert!(!FAMILIES.is_empty());
        for f in FAMILIES {
            assert!(
                !(f.from.is_empty()
                    && f.subject.is_empty()
                    && f.headers.is_empty()
                    && f.body.is_empty()),
                "{} has no sign to recognise it by",
                f.name
            );
            assert_eq!(FAMILIES.iter().filter(|x| x.name == f.name).count(), 1);
        }
    }
}
