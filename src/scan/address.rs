//! Email addresses in free text: `bob@example.com`, `<bob@example.com>`,
//! `rfc822; bob@example.com`, with the punctuation that surrounds them in bounces removed.

use std::ops::Range;

/// An address found in text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AddressHit {
    /// The address, lower-cased, without brackets or quotes.
    pub address: String,
    /// Where it stands in the scanned text (without brackets).
    pub span: Range<usize>,
}

fn is_local_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || b"!#$%&'*+-/=?^_`{|}~.".contains(&c)
}

fn is_domain_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'-' || c == b'.' || c == b'_'
}

/// Every plausible address in `text`, in order. The domain needs a dot (or brackets) and
/// a letter in its last label, so `user@localhost`-style names and `a@1.2` are skipped
/// unless they are in angle brackets.
pub fn find_addresses(text: &str) -> Vec<AddressHit> {
    let bytes = text.as_bytes();
    let mut hits = Vec::new();
    let mut at = 0;
    while let Some(pos) = text[at..].find('@') {
        let p = at + pos;
        at = p + 1;
        let mut start = p;
        while start > 0 && is_local_char(bytes[start - 1]) {
            start -= 1;
        }
        // a quoted local part: "john smith"@example.com
        if start == p && p > 0 && bytes[p - 1] == b'"' {
            if let Some(open) = text[..p - 1].rfind('"') {
                if p - 1 - open < 64 && !text[open..p].contains('\n') {
                    start = open;
                }
            }
        }
        while start < p && bytes[start] == b'.' {
            start += 1;
        }
        let mut end = p + 1;
        if bytes.get(end) == Some(&b'[') {
            // an address literal (`[192.0.2.1]`, `[IPv6:...]`): ASCII up to its bracket
            while end < bytes.len()
                && bytes[end] != b']'
                && bytes[end].is_ascii_graphic()
                && end - p < 48
            {
                end += 1;
            }
            end = if bytes.get(end) == Some(&b']') {
                end + 1
            } else {
                p + 1
            };
        } else {
            while end < bytes.len() && is_domain_char(bytes[end]) {
                end += 1;
            }
        }
        while end > p + 1 && matches!(bytes[end - 1], b'.' | b'-') {
            end -= 1;
        }
        if start == p || end <= p + 1 || end - start > 254 {
            continue;
        }
        let local = &text[start..p];
        let domain = &text[p + 1..end];
        let bracketed = start > 0 && bytes[start - 1] == b'<' && bytes.get(end) == Some(&b'>');
        let last_label = domain.rsplit('.').next().unwrap_or("");
        let good_domain = domain.starts_with('[')
            || (domain.contains('.') && last_label.bytes().any(|b| b.is_ascii_alphabetic()));
        if !(good_domain || bracketed) || local.len() > 64 {
            continue;
        }
        hits.push(AddressHit {
            // `local@domain` is the text itself from start to end
            address: text[start..end].to_ascii_lowercase(),
            span: start..end,
        });
        at = end.max(at);
    }
    hits
}

/// The address in a DSN recipient field value: `rfc822; bob@example.com` or `<bob@x>`.
pub fn from_field(value: &str) -> Option<String> {
    let v = value.trim();
    let v = match v.split_once(';') {
        Some((kind, rest)) if kind.trim().eq_ignore_ascii_case("rfc822") || !kind.contains('@') => {
            rest
        }
        _ => v,
    };
    // quotes stay for the search: they may belong to the local part (`"ann..lee"@x`)
    let v = v
        .trim()
        .trim_matches(|c: char| c == '<' || c == '>' || c.is_whitespace());
    if let Some(hit) = find_addresses(v).into_iter().next() {
        return Some(hit.address);
    }
    let v = v.trim_matches(|c: char| c == '"' || c.is_whitespace());
    if v.contains('@') && !v.contains(char::is_whitespace) && v.len() < 255 {
        return Some(v.to_ascii_lowercase());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_addresses_with_their_punctuation_removed() {
        let hits = find_addresses("<Bob@Example.com>: host mx said, and kijitora@neko.example.jp.");
        let found: Vec<_> = hits.iter().map(|h| h.address.as_str()).collect();
        assert_eq!(found, ["bob@example.com", "kijitora@neko.example.jp"]);
        assert_eq!(
            from_field("rfc822; <Alice@Example.ORG>"),
            Some("alice@example.org".into())
        );
        assert!(find_addresses("user@localhost").is_empty());
        assert_eq!(find_addresses("<root@localhost>").len(), 1);
        assert_eq!(
            find_addresses("<a@[192.0.2.1]>")[0].address,
            "a@[192.0.2.1]"
        );
        for field in [
            "rfc822; \"ann..lee\"@example.org",
            "rfc822;<\"ann..lee\"@example.org>",
        ] {
            assert_eq!(
                from_field(field),
                Some("\"ann..lee\"@example.org".into()),
                "{field}"
            );
        }
        assert_eq!(
            from_field("rfc822; \"bob@example.com\""),
            Some("bob@example.com".into())
        );
        // an unclosed literal followed by other scripts is no address, and no panic
        assert!(find_addresses("x@[\u{4e2d}\u{6587} and more").is_empty());
    }
}
