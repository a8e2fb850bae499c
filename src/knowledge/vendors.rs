//! The vendor registry (`data/vendors/<id>.toml`): one file per vendor, holding what it is
//! as a mailbox provider or gateway (host names, reply markers, its own tokens, advice for
//! senders) and the bounce templates its mail software writes (families: how to recognise
//! one, where its report ends, how it names the refused command, its wording per reason).
//! Adding a vendor or a family means adding data, not code.

use std::sync::OnceLock;

use super::{explain, CodeKind, Lang};
use crate::model::report::Provider;
use crate::model::{Reason, SmtpCommand};
use crate::scan::patterns::Patterns;
use crate::scan::text::{normalize, truncate, Phrase};

/// One family of bounce templates (Postfix, Exim, Exchange...).
#[derive(Debug)]
pub(crate) struct Family {
    /// The vendor file it comes from (`vendors/<vendor>.toml`).
    pub vendor: &'static str,
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
    pub commands: &'static [(SmtpCommand, &'static [&'static str])],
    /// Wording this family uses for a reason, tried before the common rules.
    pub phrases: &'static [(Reason, &'static [&'static str])],
    /// A DSN field (lower case) where the family states its own bounce category.
    pub category_field: Option<&'static str>,
    /// Category value (lower case) -> reason.
    pub categories: &'static [(&'static str, Reason)],
}

/// A mailbox provider or filtering gateway.
#[derive(Debug)]
pub(crate) struct ProviderInfo {
    /// The vendor file it comes from (one vendor, one provider: checked by a test).
    #[cfg_attr(not(test), allow(dead_code))]
    pub vendor: &'static str,
    pub name: &'static str,
    /// Host-name suffixes of its receiving servers.
    pub hosts: &'static [&'static str],
    /// Lower-case text that only its replies contain.
    pub markers: &'static [&'static str],
    /// Lower-case tokens of its own that the knowledge base explains (`gcdp`).
    pub tokens: &'static [&'static str],
    /// Text after which one of its codes follows (`c=` before `r0201`).
    pub token_after: &'static [&'static str],
    /// The start of one of its codes, where `*` stands for digits that vary and are left
    /// out of the code's name (`ofr*_`: `OFR006_102` and `OFR_102` are both `OFR_102`).
    pub token_forms: &'static [&'static str],
    pub advice_en: &'static str,
    pub advice_de: &'static str,
    /// Where its facts come from: postmaster or support pages (URLs), RFCs, documentation.
    pub sources: &'static [&'static str],
}

include!(concat!(env!("OUT_DIR"), "/vendors.rs"));

/// What identifies the writer of a message: its From, Subject, headers and text.
pub(crate) struct Signs<'a> {
    pub from: &'a str,
    pub subject: &'a str,
    /// The message's header fields, names lower-cased.
    pub headers: &'a [(String, String)],
    /// The report's text as `scan::text::report_text` gives it.
    pub body: &'a str,
}

/// Every family's From, Subject and body signs, each prepared as one set searched in one
/// pass, with the family each sign belongs to.
struct FamilySigns {
    from: (Patterns, Vec<usize>),
    subject: (Patterns, Vec<usize>),
    body: (Patterns, Vec<usize>),
}

fn family_signs() -> &'static FamilySigns {
    static SIGNS: OnceLock<FamilySigns> = OnceLock::new();
    SIGNS.get_or_init(|| {
        let set = |signs: fn(&Family) -> &'static [&'static str]| {
            let (owners, patterns): (Vec<usize>, Vec<&'static str>) = FAMILIES
                .iter()
                .enumerate()
                .flat_map(|(k, f)| signs(f).iter().map(move |m| (k, *m)))
                .unzip();
            (Patterns::new(&patterns), owners)
        };
        FamilySigns {
            from: set(|f| f.from),
            subject: set(|f| f.subject),
            body: set(|f| f.body),
        }
    })
}

/// The family that wrote a message, the most specific first: the first family of
/// FAMILIES with a sign that holds.
pub(crate) fn detect_family(signs: &Signs<'_>) -> Option<&'static Family> {
    let from = signs.from.to_lowercase();
    let subject = signs.subject.to_lowercase();
    let prepared = family_signs();
    let mut holds = vec![false; FAMILIES.len()];
    for (text, (patterns, owners)) in [
        (from.as_str(), &prepared.from),
        (subject.as_str(), &prepared.subject),
        (signs.body, &prepared.body),
    ] {
        let found = patterns.found_in(text);
        for (i, &k) in owners.iter().enumerate() {
            holds[k] |= found.has(i);
        }
    }
    FAMILIES.iter().zip(holds).find_map(|(f, holds)| {
        (holds || f.headers.iter().any(|h| has_header(signs.headers, h))).then_some(f)
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

/// A family's phrase found in a text.
#[derive(Clone, Debug)]
pub(crate) struct FamilyHit {
    pub reason: Reason,
    /// The phrase as the vendor file writes it.
    pub phrase: &'static str,
    /// The words of the text it matched, normalised.
    pub matched: String,
}

impl Family {
    /// The reason this family's wording reveals in `norm` (a text as
    /// `scan::text::phrase_text` gives it).
    pub fn reason_in(&self, norm: &str) -> Option<FamilyHit> {
        // each family's phrases, prepared once, in the order of FAMILIES
        type Prepared = Vec<Vec<(Reason, &'static str, Phrase)>>;
        static PREPARED: OnceLock<Prepared> = OnceLock::new();
        let prepared = PREPARED.get_or_init(|| {
            FAMILIES
                .iter()
                .map(|f| {
                    f.phrases
                        .iter()
                        .flat_map(|(reason, list)| {
                            list.iter().map(|p| (*reason, *p, Phrase::new(p)))
                        })
                        .collect()
                })
                .collect()
        });
        let index = FAMILIES.iter().position(|f| std::ptr::eq(f, self))?;
        prepared[index].iter().find_map(|(reason, phrase, p)| {
            p.find(norm).map(|span| FamilyHit {
                reason: *reason,
                phrase,
                matched: norm[span].to_string(),
            })
        })
    }

    /// The reason the family's own category value states (`x-powermta-bouncecategory:
    /// bad-mailbox`), with the value.
    pub fn reason_of_category(&self, value: &str) -> Option<Reason> {
        let value = value.trim().to_ascii_lowercase();
        self.categories
            .iter()
            .find(|(v, _)| *v == value)
            .map(|(_, reason)| *reason)
    }

    /// The SMTP command this family's wording names in `text`.
    pub fn command_in(&self, text: &str) -> Option<SmtpCommand> {
        // each family's markers as one set, with the command each names, in order
        type Prepared = Vec<(Patterns, Vec<SmtpCommand>)>;
        static PREPARED: OnceLock<Prepared> = OnceLock::new();
        let prepared = PREPARED.get_or_init(|| {
            FAMILIES
                .iter()
                .map(|f| {
                    let (commands, markers): (Vec<SmtpCommand>, Vec<&'static str>) = f
                        .commands
                        .iter()
                        .flat_map(|(command, markers)| markers.iter().map(|m| (*command, *m)))
                        .unzip();
                    (Patterns::new(&markers), commands)
                })
                .collect()
        });
        if self.commands.is_empty() {
            return None;
        }
        let index = FAMILIES.iter().position(|f| std::ptr::eq(f, self))?;
        let (markers, commands) = &prepared[index];
        let norm = normalize(truncate(text, 8192));
        // the first command in order with a marker in the text
        let found = markers.found_in(&norm);
        (0..commands.len())
            .find(|&i| found.has(i))
            .map(|i| commands[i])
    }
}

impl ProviderInfo {
    /// The advice for senders in a language, when written.
    pub fn advice(&self, lang: Lang) -> Option<&'static str> {
        let text = match lang {
            Lang::En => self.advice_en,
            Lang::De => self.advice_de,
        };
        (!text.is_empty()).then_some(text)
    }
}

/// `host` is `suffix` or ends with `.suffix`.
fn host_matches(host: &str, suffix: &str) -> bool {
    host.strip_suffix(suffix)
        .is_some_and(|rest| rest.is_empty() || rest.ends_with('.'))
}

/// Every provider's reply markers as one set, with the provider each belongs to; and its
/// own tokens likewise.
struct ProviderSigns {
    markers: (Patterns, Vec<usize>),
    tokens: (Patterns, Vec<usize>),
}

fn provider_signs() -> &'static ProviderSigns {
    static SIGNS: OnceLock<ProviderSigns> = OnceLock::new();
    SIGNS.get_or_init(|| {
        let set = |signs: fn(&ProviderInfo) -> &'static [&'static str]| {
            let (owners, patterns): (Vec<usize>, Vec<&'static str>) = PROVIDERS
                .iter()
                .enumerate()
                .flat_map(|(k, p)| signs(p).iter().map(move |m| (k, *m)))
                .unzip();
            (Patterns::new(&patterns), owners)
        };
        ProviderSigns {
            markers: set(|p| p.markers),
            tokens: set(|p| p.tokens),
        }
    })
}

/// A provider recognised in a reply, with the sign that revealed it.
#[derive(Debug)]
pub(crate) struct Detected {
    pub provider: Provider,
    /// What in the input named it: the answering host, the marker or the token found;
    /// the evidence the report shows for the provider.
    pub sign: String,
}

/// The provider behind a reply, if any marker or host name reveals it, with its tokens.
pub(crate) fn detect_provider(
    remote_mta: Option<&str>,
    diagnostic: Option<&str>,
    lang: Lang,
) -> Option<Detected> {
    let host = remote_mta
        .map(|h| {
            h.trim()
                .trim_start_matches("dns;")
                .trim()
                .split(|c: char| c.is_whitespace() || c == '[' || c == '(')
                .next()
                .unwrap_or("")
                .trim_end_matches('.')
                .to_ascii_lowercase()
        })
        .unwrap_or_default();
    let text = diagnostic
        .map(|d| truncate(d, 4096).to_ascii_lowercase())
        .unwrap_or_default();
    let tokens = diagnostic.map(tokens).unwrap_or_default();
    // the most specific host suffix wins (`olc.protection.outlook.com` over
    // `protection.outlook.com`), the table's order between equally long ones
    let by_host = PROVIDERS
        .iter()
        .filter(|_| !host.is_empty())
        .filter_map(|s| {
            let len = s
                .hosts
                .iter()
                .filter(|h| host_matches(&host, h))
                .map(|h| h.len())
                .max()?;
            Some((len, s))
        })
        .fold(
            None,
            |best: Option<(usize, &ProviderInfo)>, (len, s)| match best {
                Some((b, _)) if b >= len => best,
                _ => Some((len, s)),
            },
        )
        .map(|(_, s)| (s, host.clone()));
    let by_text = || {
        // the first provider in order with a marker in the text, and that marker
        let (markers, owners) = &provider_signs().markers;
        let found = markers.found_in(&text);
        let first = (0..owners.len())
            .filter(|&i| found.has(i))
            .map(|i| owners[i])
            .min()?;
        let s = PROVIDERS.get(first)?;
        let marker = s.markers.iter().find(|m| text.contains(*m))?;
        Some((s, (*marker).to_string()))
    };
    let by_token = || {
        tokens.iter().find_map(|t| {
            let provider = explain(t, Lang::En)?.provider?;
            let first_word = provider.split(' ').next().unwrap_or(provider);
            let s = PROVIDERS.iter().find(|s| s.name.starts_with(first_word))?;
            Some((s, t.clone()))
        })
    };
    let signature = by_host.or_else(by_text).or_else(by_token);
    match signature {
        Some((s, sign)) => Some(Detected {
            provider: Provider {
                name: s.name.to_string(),
                tokens,
                advice: s.advice(lang).map(str::to_string),
                sources: s.sources.iter().map(|x| (*x).to_string()).collect(),
            },
            sign,
        }),
        None if !tokens.is_empty() => {
            let name = tokens
                .iter()
                .find_map(|t| explain(t, Lang::En).and_then(|e| e.provider))
                .unwrap_or("")
                .to_string();
            Some(Detected {
                sign: tokens[0].clone(),
                provider: Provider {
                    name,
                    tokens,
                    advice: None,
                    sources: Vec::new(),
                },
            })
        }
        None => None,
    }
}

/// Provider tokens in a reply that the knowledge base explains: bracketed or parenthesised
/// tags (`(S3150)`, `[TSS04]`, `(NOWL)`), and each provider's own tokens and codes after
/// a prefix (`gcdp`, GMX's `c=r0201`).
pub(crate) fn tokens(text: &str) -> Vec<String> {
    let text = truncate(text, 8192);
    let mut found: Vec<String> = Vec::new();
    let mut entries: Vec<&str> = Vec::new();
    let mut push = |t: &str| {
        if let Some(entry) = explain(t, Lang::En) {
            if entry.kind == CodeKind::Provider && !entries.contains(&entry.code) {
                entries.push(entry.code);
                // the name the reply used: the code or one of its aliases (`LPN_420`)
                let name = entry
                    .aliases
                    .iter()
                    .find(|a| a.eq_ignore_ascii_case(t))
                    .unwrap_or(&entry.code);
                found.push((*name).to_string());
            }
        }
    };
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'(' || b == b'[' {
            let close = if b == b'(' { ')' } else { ']' };
            if let Some(len) = text[i + 1..].find(close).filter(|&l| l > 0 && l <= 8) {
                let inner = &text[i + 1..i + 1 + len];
                // a number in brackets is a count or a size more often than a code
                // ("Too many recipients (1500)"): it is read as a provider's code
                // (Spectrum's 1500) only when it is all the text, as a code typed alone is
                let number = inner.bytes().all(|c| c.is_ascii_digit());
                if inner
                    .bytes()
                    .all(|c| c.is_ascii_alphanumeric() || c == b'-')
                    && (!number || text.trim().len() == len + 2)
                {
                    push(inner);
                }
            }
        }
    }
    let lower = text.to_ascii_lowercase();
    // every provider's own tokens, in PROVIDERS order: provider by provider from `offset`
    let present = provider_signs().tokens.0.found_in(&lower);
    let mut offset = 0;
    for p in PROVIDERS {
        for prefix in p.token_after {
            for (at, _) in lower.match_indices(prefix) {
                let code: String = lower[at + prefix.len()..]
                    .chars()
                    .take_while(char::is_ascii_alphanumeric)
                    .collect();
                push(&code);
            }
        }
        for form in p.token_forms {
            for name in in_form(&lower, form) {
                push(&name);
            }
        }
        for (j, token) in p.tokens.iter().enumerate() {
            if present.has(offset + j) {
                push(token);
            }
        }
        offset += p.tokens.len();
    }
    found
}

/// The codes written in `form` in a lower-case text, by their names: where a word starts,
/// the form's text, with any digits where it has `*`, and the letters and digits that
/// follow; the name leaves out the digits that `*` stood for (`ofr*_` finds `ofr006_102`
/// and `ofr_102`, both named `ofr_102`).
fn in_form(lower: &str, form: &str) -> Vec<String> {
    let (head, tail) = form.split_once('*').unwrap_or((form, ""));
    let mut names = Vec::new();
    for (at, _) in lower.match_indices(head) {
        let starts_word = lower[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_ascii_alphanumeric());
        if !starts_word {
            continue;
        }
        let mut rest = &lower[at + head.len()..];
        if form.contains('*') {
            rest = rest.trim_start_matches(|c: char| c.is_ascii_digit());
            match rest.strip_prefix(tail) {
                Some(r) => rest = r,
                None => continue,
            }
        }
        let code: String = rest
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect();
        if !code.is_empty() {
            names.push(format!("{head}{tail}{code}"));
        }
    }
    names
}

/// The codes a user typed with the text a provider writes before them (`AUP#In-1310` is
/// `1310`, `AUP#CXBL` is `CXBL`, `c=r0201` is `r0201`): for each `token_after` that starts
/// the typed text, in the order of PROVIDERS, the rest when it is one code.
pub(crate) fn named_after(typed: &str) -> Vec<String> {
    let lower = typed.trim().to_ascii_lowercase();
    PROVIDERS
        .iter()
        .flat_map(|p| p.token_after)
        .filter_map(|prefix| lower.strip_prefix(prefix))
        .filter(|rest| !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_alphanumeric()))
        .map(str::to_string)
        .collect()
}

/// The name of a provider's code that is written in one of its forms (`OFR006_102` ->
/// `ofr_102`), for a code typed by a user.
pub(crate) fn named_by_form(code: &str) -> Option<String> {
    let lower = code.to_ascii_lowercase();
    PROVIDERS
        .iter()
        .flat_map(|p| p.token_forms)
        .flat_map(|form| in_form(&lower, form))
        .find(|name| name != &lower)
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
    fn every_family_and_provider_can_be_recognised_and_has_a_unique_name() {
        assert!(FAMILIES.len() > 30 && PROVIDERS.len() > 10);
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
        for p in PROVIDERS {
            assert_eq!(PROVIDERS.iter().filter(|q| q.name == p.name).count(), 1);
            assert!(!(p.hosts.is_empty() && p.markers.is_empty()), "{}", p.name);
            // one vendor, one provider
            assert_eq!(PROVIDERS.iter().filter(|q| q.vendor == p.vendor).count(), 1);
        }
    }

    #[test]
    fn a_family_keeps_only_the_wording_that_is_its_own() {
        let shared = super::super::wording::wording();
        for f in FAMILIES {
            for (_, markers) in f.commands {
                for m in *markers {
                    assert!(
                        !shared
                            .commands
                            .iter()
                            .any(|(p, _)| m.trim_end_matches(':') == *p),
                        "{}: command marker {m:?} is in wording.toml already",
                        f.name
                    );
                }
            }
            for m in f.original_markers {
                assert!(
                    !shared.original_markers.iter().any(|p| m.starts_with(p)),
                    "{}: original marker {m:?} is in wording.toml already",
                    f.name
                );
            }
        }
    }

    #[test]
    fn a_vendor_is_both_a_provider_and_the_writer_of_its_bounces() {
        let gmail = FAMILIES.iter().find(|f| f.name == "Gmail").unwrap();
        let google = PROVIDERS.iter().find(|p| p.name == "Google").unwrap();
        assert_eq!(gmail.vendor, google.vendor);
    }

    #[test]
    fn finds_provider_tokens() {
        assert_eq!(tokens("550 5.7.1 Unfortunately, messages from [192.0.2.1] weren't sent. (S3150) [AM1EUR.prod]"), ["S3150"]);
        assert_eq!(
            tokens("421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred"),
            ["TSS04"]
        );
        assert_eq!(tokens("554 IP=192.0.2.1 - A problem occurred. (Ask your postmaster for help or to contact tosa@rx.t-online.de to clarify.) (BL)"), ["BL"]);
        assert_eq!(tokens("554-gmx.net (mxgmx) Nemesis ESMTP Service not available 554-Requested action aborted: Bad DNS PTR resource record. 554 For explanation visit https://postmaster.gmx.net/en/case?c=r0201&i=ip"), ["r0201"]);
        // Spectrum's four digits, whichever form precedes them, name one entry
        for reply in [
            "550 5.1.0 <a@example.com> sender rejected. AUP#In-1310",
            "550 5.1.0 <a@example.com> sender rejected. AUP#Out-1310",
            "550 5.1.0 <a@example.com> sender rejected. AUP#1310",
        ] {
            assert_eq!(tokens(reply), ["1310"], "{reply}");
        }
        assert!(tokens("452 4.5.3 Too many recipients (1500)").is_empty());
        assert_eq!(tokens("(1500)"), ["1500"]);
        assert!(tokens("550 5.1.1 (user unknown)").is_empty());
    }

    #[test]
    fn recognises_providers_by_host_and_marker() {
        let p = detect_provider(
            Some("dns; gmail-smtp-in.l.google.com"),
            Some("550 5.1.1 gsmtp"),
            Lang::En,
        )
        .unwrap();
        assert_eq!(p.provider.name, "Google");
        assert_eq!(p.sign, "gmail-smtp-in.l.google.com");
        let p = detect_provider(
            None,
            Some("421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred"),
            Lang::En,
        )
        .unwrap();
        assert_eq!(p.provider.name, "Yahoo");
        assert_eq!(p.sign, "[tss0");
    }
}
