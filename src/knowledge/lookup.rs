//! Finding an entry for whatever a user types: `5.1.1`, `550`, `5.1.x`, `5.1`, `s3150`,
//! `#5.1.1`, `5.7.612` (within an entry's range, Microsoft's 5.7.606 to 5.7.649), `LPN_420`
//! (another name of an entry, `aliases` in codes.toml), `OFR006_102` (a provider's code as
//! its replies write it, named by the provider's `token_forms`), `AUP#In-1310` (a provider's
//! code with the text its replies write before it, the provider's `token_after`).

use super::{CodeKind, Entry, Lang, ENTRIES_DE, ENTRIES_EN};

/// Every entry in a language, in the order of `data/codes.toml`.
pub fn entries(lang: Lang) -> &'static [Entry] {
    match lang {
        Lang::En => ENTRIES_EN,
        Lang::De => ENTRIES_DE,
    }
}

/// The explanation of a code, or `None` when the code is not in the knowledge base.
pub fn explain(code: &str, lang: Lang) -> Option<&'static Entry> {
    let Some(key) = normalize_code(code) else {
        return provider_code_after_prefix(code, lang).map(|(_, entry)| entry);
    };
    let all = entries(lang);
    if let Some(entry) = by_name(all, &key) {
        return Some(entry);
    }
    // an entry that stands for a range of details (`up_to` in codes.toml)
    if let Some(entry) = all
        .iter()
        .find(|e| e.up_to.is_some_and(|last| in_range(&key, e.code, last)))
    {
        return Some(entry);
    }
    // a provider's code as its replies write it (`OFR006_102` is `OFR_102`)
    super::vendors::named_by_form(&key).and_then(|name| by_name(all, &name))
}

/// A provider's code typed with the text its replies write before it (`AUP#In-1310`): the
/// name the code goes by (`1310`, a code or an alias) and its entry.
pub(crate) fn provider_code_after_prefix(
    typed: &str,
    lang: Lang,
) -> Option<(String, &'static Entry)> {
    super::vendors::named_after(typed)
        .into_iter()
        .find_map(|name| {
            explain(&name, lang)
                .filter(|e| e.kind == CodeKind::Provider)
                .map(|e| (name, e))
        })
}

/// The entry with this code or alias.
fn by_name(all: &'static [Entry], key: &str) -> Option<&'static Entry> {
    all.iter().find(|e| {
        e.code.eq_ignore_ascii_case(key) || e.aliases.iter().any(|a| a.eq_ignore_ascii_case(key))
    })
}

/// Whether `code` lies from `first` to `last`, all of the same class and subject
/// (`5.7.612` in `5.7.606`..`5.7.649`).
fn in_range(code: &str, first: &str, last: &str) -> bool {
    let split = |c: &str| {
        let (head, detail) = c.rsplit_once('.')?;
        Some((head.to_string(), detail.parse::<u16>().ok()?))
    };
    match (split(code), split(first), split(last)) {
        (Some((h, d)), Some((h1, d1)), Some((h2, d2))) => {
            h == h1 && h == h2 && (d1..=d2).contains(&d)
        }
        _ => false,
    }
}

/// Brings a typed code into the form the knowledge base uses, or `None` if it is not
/// shaped like any code we know: `5.1.x` / `5.1` -> `5.1.XXX`, `5.x.x` / `5xx` -> `5.XXX.XXX`,
/// `#5.1.1` -> `5.1.1`, `(S3150)` -> `S3150`; a provider's code keeps its letters, digits,
/// `-` and `_` (`SC-001`, `OFR_416`).
pub fn normalize_code(code: &str) -> Option<String> {
    let trimmed = code
        .trim()
        .trim_matches(|c: char| matches!(c, '#' | '(' | ')' | '[' | ']' | '<' | '>' | '"' | '\''));
    if trimmed.is_empty() || trimmed.len() > 24 {
        return None;
    }
    let parts: Vec<&str> = trimmed.split('.').collect();
    let is_num = |s: &str| !s.is_empty() && s.len() <= 3 && s.bytes().all(|b| b.is_ascii_digit());
    let is_wild = |s: &str| !s.is_empty() && s.bytes().all(|b| b == b'x' || b == b'X');
    match parts.as_slice() {
        [class, subject, detail] if is_num(class) && class.len() == 1 => {
            if is_num(subject) && is_num(detail) {
                Some(format!(
                    "{class}.{}.{}",
                    strip_zeros(subject),
                    strip_zeros(detail)
                ))
            } else if is_num(subject) && is_wild(detail) {
                Some(format!("{class}.{}.XXX", strip_zeros(subject)))
            } else if is_wild(subject) && is_wild(detail) {
                Some(format!("{class}.XXX.XXX"))
            } else {
                None
            }
        }
        [class, subject] if is_num(class) && class.len() == 1 && is_num(subject) => {
            Some(format!("{class}.{}.XXX", strip_zeros(subject)))
        }
        [class, wild] if is_num(class) && class.len() == 1 && is_wild(wild) => {
            Some(format!("{class}.XXX.XXX"))
        }
        [single] => {
            let lower = single.to_ascii_lowercase();
            if lower.len() == 3 && lower.ends_with("xx") && lower.as_bytes()[0].is_ascii_digit() {
                Some(format!("{}.XXX.XXX", &lower[..1]))
            } else if single
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            {
                Some(single.to_string())
            } else {
                None
            }
        }
        _ => None,
    }
}

fn strip_zeros(s: &str) -> String {
    let t = s.trim_start_matches('0');
    if t.is_empty() {
        "0".to_string()
    } else {
        t.to_string()
    }
}
