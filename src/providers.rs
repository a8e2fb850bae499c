//! Recognises the mailbox provider or filtering gateway behind a reply (from the remote
//! host name and the reply's own markers), and pulls out the provider's own tokens such
//! as Microsoft `(S3150)`, Yahoo `[TSS04]`, Apple `[CS01]`, Telekom `(NOWL)`, GMX `c=r0201`
//! and Google `gcdp`, which the knowledge base explains.

use crate::knowledge::{self, CodeKind, Lang};
use crate::report::Provider;
use crate::scan::text::truncate;

/// A provider from `data/providers.toml`: host-name suffixes of its servers, markers in
/// its replies, and advice for senders in each language.
#[derive(Debug)]
pub(crate) struct ProviderInfo {
    pub name: &'static str,
    pub hosts: &'static [&'static str],
    pub markers: &'static [&'static str],
    pub advice_en: &'static str,
    pub advice_de: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/providers.rs"));

impl ProviderInfo {
    fn advice(&self, lang: Lang) -> Option<String> {
        let text = match lang {
            Lang::En => self.advice_en,
            Lang::De => self.advice_de,
        };
        (!text.is_empty()).then(|| text.to_string())
    }
}

/// Every provider bounce-decoder knows, for tests and documentation.
#[cfg(test)]
pub(crate) fn all() -> &'static [ProviderInfo] {
    PROVIDERS
}

fn host_matches(host: &str, suffix: &str) -> bool {
    host == suffix || host.ends_with(&format!(".{suffix}"))
}

/// The provider behind a reply, if any marker or host name reveals it, with its tokens.
pub(crate) fn detect(
    remote_mta: Option<&str>,
    diagnostic: Option<&str>,
    lang: Lang,
) -> Option<Provider> {
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
    let by_host = PROVIDERS
        .iter()
        .find(|s| !host.is_empty() && s.hosts.iter().any(|h| host_matches(&host, h)));
    let by_text = || {
        PROVIDERS
            .iter()
            .find(|s| s.markers.iter().any(|m| text.contains(m)))
    };
    let by_token = || {
        tokens.iter().find_map(|t| {
            let provider = knowledge::explain(t, Lang::En)?.provider?;
            let first_word = provider.split(' ').next().unwrap_or(provider);
            PROVIDERS.iter().find(|s| s.name.starts_with(first_word))
        })
    };
    let signature = by_host.or_else(by_text).or_else(by_token);
    match signature {
        Some(s) => Some(Provider {
            name: s.name.to_string(),
            tokens,
            advice: s.advice(lang),
        }),
        None if !tokens.is_empty() => {
            let name = tokens
                .iter()
                .find_map(|t| knowledge::explain(t, Lang::En).and_then(|e| e.provider))
                .unwrap_or("")
                .to_string();
            Some(Provider {
                name,
                tokens,
                advice: None,
            })
        }
        None => None,
    }
}

/// Provider tokens in a reply that the knowledge base explains: bracketed or parenthesised
/// tags (`(S3150)`, `[TSS04]`, `(NOWL)`), GMX case codes (`c=r0201`) and Google's `gcdp`.
pub(crate) fn tokens(text: &str) -> Vec<String> {
    let text = truncate(text, 8192);
    let mut found: Vec<String> = Vec::new();
    let mut push = |t: &str| {
        if let Some(entry) = knowledge::explain(t, Lang::En) {
            if entry.kind == CodeKind::Provider && !found.iter().any(|f| f == entry.code) {
                found.push(entry.code.to_string());
            }
        }
    };
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'(' || b == b'[' {
            let close = if b == b'(' { ')' } else { ']' };
            if let Some(len) = text[i + 1..].find(close).filter(|&l| l > 0 && l <= 8) {
                let inner = &text[i + 1..i + 1 + len];
                if inner
                    .bytes()
                    .all(|c| c.is_ascii_alphanumeric() || c == b'-')
                {
                    push(inner);
                }
            }
        }
    }
    let lower = text.to_ascii_lowercase();
    if let Some(pos) = lower.find("c=r") {
        let code: String = lower[pos + 2..]
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect();
        push(&code);
    }
    if lower.contains("gcdp") {
        push("gcdp");
    }
    for tag in ["SC-001", "OU-001", "DY-001"] {
        if text.contains(tag) {
            push(tag);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn provider_names_are_unique_and_signs_lower_case() {
        for p in all() {
            assert_eq!(
                all().iter().filter(|q| q.name == p.name).count(),
                1,
                "{}",
                p.name
            );
            assert!(!(p.hosts.is_empty() && p.markers.is_empty()), "{}", p.name);
        }
    }

    #[test]
    fn finds_provider_tokens() {
        assert_eq!(tokens("550 5.7.1 Unfortunately, messages from [192.0.2.1] weren't sent. (S3150) [AM1EUR.prod]"), ["S3150"]);
        assert_eq!(
            tokens("421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred"),
            ["TSS04"]
        );
        assert_eq!(tokens("554 IP=192.0.2.1 - A problem occurred. (Ask your postmaster for help or to contact tosa@rx.t-online.de to clarify.) (BL)"), ["BL"]);
        assert!(tokens("550 5.1.1 (user unknown)").is_empty());
    }

    #[test]
    fn recognises_providers_by_host_and_marker() {
        let p = detect(
            Some("dns; gmail-smtp-in.l.google.com"),
            Some("550 5.1.1 gsmtp"),
            Lang::En,
        )
        .unwrap();
        assert_eq!(p.name, "Google");
        let p = detect(
            None,
            Some("421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred"),
            Lang::En,
        )
        .unwrap();
        assert_eq!(p.name, "Yahoo");
    }
}
