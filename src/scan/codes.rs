//! Finds SMTP reply codes (RFC 5321: `550`) and enhanced status codes (RFC 3463: `5.1.1`)
//! in free text, without mistaking IP addresses, dates, version numbers, times or phone
//! numbers for them.

use std::ops::Range;

/// An enhanced status code found in text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusHit {
    /// Normalised code, such as `5.1.1`.
    pub code: String,
    /// Where it stands in the scanned text.
    pub span: Range<usize>,
}

/// A reply code found in text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReplyHit {
    /// The three-digit code.
    pub code: u16,
    /// Where it stands in the scanned text.
    pub span: Range<usize>,
}

/// The three digits that lead `text`, as a reply line starts (`550 ...`, `550-...`), if any.
pub fn leading_code(text: &str) -> Option<&str> {
    text.get(..3)
        .filter(|c| c.bytes().all(|b| b.is_ascii_digit()))
}

fn is_digit(b: Option<&u8>) -> bool {
    b.is_some_and(u8::is_ascii_digit)
}

/// Whether a word before position `at` marks a version number (`v5.1.1`, `version 5.1.1`,
/// `Postfix 3.5.1`-like product versions are caught by the subject limit instead).
fn preceded_by_version_word(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end();
    let lower_tail: String = before
        .chars()
        .rev()
        .take(10)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect::<String>()
        .to_ascii_lowercase();
    lower_tail.ends_with("version")
        || lower_tail.ends_with("ver.")
        || lower_tail.ends_with("release")
}

/// Every enhanced status code in `text`, in order. A code is `[245].N.N`, with the subject
/// 0 to 7 (the subjects RFC 3463 defines) and up to three digits per part, standing alone:
/// no digit or dot joined to either side (so `10.5.1.1`, `5.1.1.4` and `4.5.2023` are not
/// codes), and no version marker before it.
pub fn find_statuses(text: &str) -> Vec<StatusHit> {
    let bytes = text.as_bytes();
    let mut hits = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if !(b == b'2' || b == b'4' || b == b'5') || bytes.get(i + 1).is_none_or(|&c| c != b'.') {
            i += 1;
            continue;
        }
        let prev = if i > 0 { bytes.get(i - 1) } else { None };
        let joined_before = is_digit(prev)
            || prev == Some(&b'.')
            || prev.is_some_and(u8::is_ascii_alphabetic)
            || (prev == Some(&b'-')
                && i >= 2
                && bytes[i - 2].is_ascii_alphanumeric()
                && !is_reply_prefix(bytes, i));
        if joined_before {
            i += 1;
            continue;
        }
        // subject
        let mut j = i + 2;
        let subject_start = j;
        while j < bytes.len() && bytes[j].is_ascii_digit() && j - subject_start < 4 {
            j += 1;
        }
        let subject_len = j - subject_start;
        if subject_len == 0 || subject_len > 3 || bytes.get(j) != Some(&b'.') {
            i += 1;
            continue;
        }
        let subject: u32 = text[subject_start..j].parse().unwrap_or(99);
        j += 1;
        let detail_start = j;
        while j < bytes.len() && bytes[j].is_ascii_digit() && j - detail_start < 4 {
            j += 1;
        }
        let detail_len = j - detail_start;
        let next = bytes.get(j);
        let joined_after = is_digit(next)
            || (next == Some(&b'.') && is_digit(bytes.get(j + 1)))
            || next.is_some_and(u8::is_ascii_alphabetic);
        if detail_len == 0
            || detail_len > 3
            || subject > 7
            || joined_after
            || preceded_by_version_word(text, i)
        {
            i = j.max(i + 1);
            continue;
        }
        let detail: u32 = text[detail_start..j].parse().unwrap_or(0);
        hits.push(StatusHit {
            code: format!("{}.{}.{}", b as char, subject, detail),
            span: i..j,
        });
        i = j;
    }
    hits
}

/// `550-5.1.1`: a dash right after a reply code still lets a status code follow.
fn is_reply_prefix(bytes: &[u8], at: usize) -> bool {
    at >= 4 && bytes[at - 1] == b'-' && bytes[at - 4..at - 1].iter().all(u8::is_ascii_digit)
}

/// Every SMTP reply code in `text`. A reply code is three digits, first 2 to 5 and second 0
/// to 5, that stands where a server's reply starts: at the start of the text or a line, or
/// after `:`, `;`, `(`, a quote or white space, and is followed by a space or dash and then
/// an enhanced status code or words, or by the end. `port 550 1234`, `10:55:21` and
/// `delay=250` are not reply codes.
pub fn find_replies(text: &str) -> Vec<ReplyHit> {
    let bytes = text.as_bytes();
    let mut hits = Vec::new();
    let mut i = 0;
    while i + 3 <= bytes.len() {
        let window = &bytes[i..i + 3];
        if !(window.iter().all(u8::is_ascii_digit)
            && (b'2'..=b'5').contains(&window[0])
            && window[1] <= b'5')
        {
            i += 1;
            continue;
        }
        let prev = if i > 0 { Some(bytes[i - 1]) } else { None };
        let prev_ok = match prev {
            None => true,
            Some(c) => matches!(
                c,
                b' ' | b'\t'
                    | b'\n'
                    | b'\r'
                    | b':'
                    | b';'
                    | b'('
                    | b'"'
                    | b'\''
                    | b'['
                    | b'<'
                    | b'>'
                    | b'='
                    // Exchange's diagnostic line: `#550 5.1.1 RESOLVER.ADR.RecipNotFound`
                    | b'#'
            ),
        };
        // `=` only in `status=550`-like log fields is rare; exclude `delay=250` shapes below.
        let prev_ok = prev_ok
            && (prev != Some(b'=') || (i >= 5 && bytes[i - 5..i].eq_ignore_ascii_case(b"code=")));
        let next = bytes.get(i + 3).copied();
        let next_ok = match next {
            None => true,
            Some(b'\n' | b'\r') => true,
            Some(b' ' | b'-' | b'\t') => follows_reply(bytes, i + 4),
            Some(b'\'' | b'"' | b')' | b']' | b',') => true,
            // `550: 5.2.2 ...`: some servers put a colon after the code
            Some(b':') => bytes.get(i + 4) == Some(&b' ') && follows_reply(bytes, i + 5),
            _ => false,
        };
        // a server's reply as the bounce quotes it (`host mx said: 550 ...`, qmail's
        // `Remote host said: 552 ...`) starts right after `said:`, whatever follows it
        // (a queue id, a bare digit: `said: 552 1 Requested mail action aborted`)
        let after_said = prev_ok
            && ends_with_said(&text[..i])
            && matches!(next, None | Some(b' ' | b'\t' | b'\n' | b'\r'));
        if prev_ok && (next_ok || after_said) {
            let code: u16 = text[i..i + 3].parse().unwrap_or(0);
            hits.push(ReplyHit {
                code,
                span: i..i + 3,
            });
            i += 3;
        } else {
            i += 1;
        }
    }
    hits
}

/// Whether `text` ends with `said:` (any case) before trailing white space; only its end
/// is read (lower-casing all the text before each candidate code made long texts
/// quadratic).
fn ends_with_said(text: &str) -> bool {
    let t = text.trim_end().as_bytes();
    t.len() >= 5 && t[t.len() - 5..].eq_ignore_ascii_case(b"said:")
}

/// Whether `text` carries a failure's reply or status (4xx, 5xx, 4.x.x, 5.x.x), rather
/// than only success codes or numbers that look like codes.
pub fn names_a_failure(text: &str) -> bool {
    find_replies(text).iter().any(|h| h.code >= 400)
        || find_statuses(text).iter().any(|h| !h.code.starts_with('2'))
}

/// What may follow `550 ` or `550-`: an enhanced code, a word, or an address or quote.
fn follows_reply(bytes: &[u8], at: usize) -> bool {
    match bytes.get(at) {
        None => true,
        Some(c) if c.is_ascii_alphabetic() => true,
        Some(
            b'<' | b'#' | b'(' | b'[' | b'"' | b'\'' | b'\n' | b'\r' | b' ' | b'-' | b'*' | b'.',
        ) => true,
        Some(c) if c.is_ascii_digit() => {
            // a digit is fine only when an enhanced status code starts here, or the client's
            // IP address and a word (`554 192.0.2.9 rejected by …`)
            let rest = std::str::from_utf8(&bytes[at..bytes.len().min(at + 12)]).unwrap_or("");
            find_statuses(rest)
                .first()
                .is_some_and(|h| h.span.start == 0)
                || ipv4_then_word(&bytes[at..])
        }
        // `550 : User unknown`
        Some(b':') => bytes.get(at + 1) == Some(&b' '),
        Some(c) => *c >= 0x80,
    }
}

/// Whether `bytes` start with an IPv4 address (four parts of one to three digits), a space
/// and a letter. The parts are not held to 255 (so not `Ipv4Addr`'s parser): pasted bounces
/// are often redacted into addresses such as `47.280.5.2`.
fn ipv4_then_word(bytes: &[u8]) -> bool {
    let mut i = 0;
    for part in 0..4 {
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() && i - start < 4 {
            i += 1;
        }
        if !(1..=3).contains(&(i - start)) {
            return false;
        }
        if part < 3 {
            if bytes.get(i) != Some(&b'.') {
                return false;
            }
            i += 1;
        }
    }
    bytes.get(i) == Some(&b' ') && bytes.get(i + 1).is_some_and(u8::is_ascii_alphabetic)
}

/// The class digit of a status code or reply code (`5` for `5.1.1` or `550`).
#[cfg(any())]
pub fn class_of(code: &str) -> Option<char> {
    code.chars()
        .next()
        .filter(|c| matches!(c, '2' | '3' | '4' | '5'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reply_quoted_after_said_is_a_reply_whatever_follows() {
        let codes = |t: &str| find_replies(t).iter().map(|h| h.code).collect::<Vec<_>>();
        assert_eq!(
            codes("host mx.example.com[192.0.2.1] said: 550 2f1c655f95f5cae-a1f55 User not found"),
            [550]
        );
        assert_eq!(codes("said: 552 1 Requested mail action aborted"), [552]);
        assert_eq!(codes("host mx said: 554 30 Sorry, your message"), [554]);
        // elsewhere a number followed by a number stays no reply
        assert!(codes("port 550 1234").is_empty());
    }

    fn statuses(t: &str) -> Vec<String> {
        find_statuses(t).into_iter().map(|h| h.code).collect()
    }
    fn replies(t: &str) -> Vec<u16> {
        find_replies(t).into_iter().map(|h| h.code).collect()
    }

    #[test]
    fn finds_codes_in_reply_lines() {
        assert_eq!(
            statuses("550 5.1.1 <bob@example.com>: User unknown"),
            ["5.1.1"]
        );
        assert_eq!(replies("550 5.1.1 <bob@example.com>: User unknown"), [550]);
        assert_eq!(statuses("550-5.7.26 Unauthenticated email"), ["5.7.26"]);
        assert_eq!(replies("550-5.7.26 Unauthenticated email"), [550]);
        assert_eq!(statuses("smtp; 550 #5.1.1 mailbox unknown"), ["5.1.1"]);
        assert_eq!(replies("smtp; 550 #5.1.1 mailbox unknown"), [550]);
        assert_eq!(statuses("Status: 5.7.606"), ["5.7.606"]);
        assert_eq!(replies("said: 452 4.2.2 over quota"), [452]);
        assert_eq!(replies("550"), [550]);
        assert_eq!(statuses("(5.1.1)"), ["5.1.1"]);
        // the client's IP address right after the code
        assert_eq!(replies("554 192.0.2.9 rejected by example.net"), [554]);
        assert!(replies("port 550 192.0.2.9").is_empty());
        assert!(replies("550 192.0.2.9.4 rejected").is_empty());
    }

    #[test]
    fn ignores_ip_addresses_dates_versions_times_and_phones() {
        assert!(statuses("host 192.0.2.5 said").is_empty());
        assert!(statuses("from [10.4.5.1]").is_empty());
        assert!(statuses("5.1.1.4 is an IP").is_empty());
        assert!(statuses("on 4.5.2023 at noon").is_empty());
        assert!(statuses("running version 5.1.1 of the software").is_empty());
        assert!(statuses("agent v5.2.1").is_empty());
        assert!(statuses("Postfix 2.11.3").is_empty());
        assert!(replies("at 10:55:21 +0200").is_empty());
        assert!(replies("call +49 551 1234567").is_empty());
        assert!(replies("delay=250, delays=0.1").is_empty());
        assert!(replies("port 25 and 2500 items").is_empty());
        assert!(replies("192.0.2.250 said").is_empty());
    }
}
