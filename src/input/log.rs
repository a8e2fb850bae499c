//! MTA log lines: Postfix (`to=<a@b>, relay=..., dsn=5.1.1, status=bounced (...)`),
//! Sendmail (`to=<a@b>, ... dsn=5.1.1, stat=User unknown`) and Exim (`** a@b R=... : 550 ...`).

use super::Finding;
use crate::model::report::Evidence;
use crate::model::EvidenceKind;
use crate::scan::address::{find_addresses, from_field};

/// The value of `key=` in a log line: up to the next `, ` (or the closing parenthesis of
/// a `(...)` value).
fn log_field<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    let needle = format!("{key}=");
    let mut search = 0;
    while let Some(pos) = line[search..].find(&needle) {
        let at = search + pos;
        search = at + needle.len();
        let boundary = at == 0 || matches!(line.as_bytes()[at - 1], b' ' | b',' | b'\t');
        if !boundary {
            continue;
        }
        let rest = &line[at + needle.len()..];
        let end = rest.find(", ").unwrap_or(rest.len());
        return Some(rest[..end].trim());
    }
    None
}

/// Whether the line looks like a Postfix or Sendmail delivery log line.
fn is_keyed_log(line: &str) -> bool {
    line.contains("to=")
        && (line.contains("status=") || line.contains("stat=") || line.contains("dsn="))
}

/// Exim's delivery markers: `**` failed, `==` deferred, `=>` delivered, `->` delivered.
fn exim_marker(line: &str) -> Option<(&'static str, usize)> {
    for (marker, action) in [
        (" ** ", "failed"),
        (" == ", "delayed"),
        (" => ", "delivered"),
        (" -> ", "delivered"),
    ] {
        if let Some(pos) = line.find(marker) {
            return Some((action, pos + marker.len()));
        }
    }
    None
}

/// True when some line of `text` is a delivery log line.
pub(crate) fn looks_like_log(text: &str) -> bool {
    text.lines().take(200).any(|l| {
        is_keyed_log(l)
            || (exim_marker(l).is_some() && !find_addresses(l).is_empty() && l.contains(" R="))
    })
}

/// One finding per delivery log line.
pub(crate) fn read(text: &str) -> Vec<Finding> {
    let mut findings = Vec::new();
    for line in text.lines().map(str::trim) {
        if is_keyed_log(line) {
            findings.push(keyed(line));
        } else if let Some((action, at)) = exim_marker(line) {
            let rest = &line[at..];
            let Some(address) = rest.split_whitespace().next().and_then(from_field) else {
                continue;
            };
            let diagnostic = rest.split_once(": ").map(|(_, d)| d.to_string());
            let host =
                log_field(rest, "H").map(|h| h.split_whitespace().next().unwrap_or(h).to_string());
            findings.push(Finding {
                address: Some(address.clone()),
                dsn_action: Some(action.to_string()),
                diagnostic,
                remote_mta: host,
                evidence: vec![Evidence::new(EvidenceKind::Address, &address)],
                ..Finding::default()
            });
        }
    }
    findings
}

fn keyed(line: &str) -> Finding {
    let address = log_field(line, "to").and_then(from_field);
    let status = log_field(line, "status").or_else(|| log_field(line, "stat"));
    let dsn = log_field(line, "dsn").map(str::to_string);
    // Postfix puts the remote reply in parentheses after status=bounced
    let diagnostic = match status {
        Some(s) => {
            let after = &line[line.find(s).unwrap_or(0)..];
            match after.find('(') {
                Some(open) if line.contains("status=") => {
                    Some(after[open + 1..].trim_end_matches(')').to_string())
                }
                _ => Some(s.to_string()),
            }
        }
        None => None,
    };
    let word = status.map(|s| {
        s.split_whitespace()
            .next()
            .unwrap_or("")
            .to_ascii_lowercase()
    });
    let dsn_action = match word.as_deref() {
        Some("bounced" | "reject" | "undeliverable") => Some("failed"),
        Some("deferred") => Some("delayed"),
        Some("sent" | "delivered") => Some("delivered"),
        Some("expired") => Some("failed"),
        _ => None,
    };
    let relay =
        log_field(line, "relay").map(|r| r.split(['[', ',']).next().unwrap_or(r).to_string());
    let mut evidence_list = Vec::new();
    if let Some(a) = &address {
        evidence_list.push(Evidence::new(EvidenceKind::Address, a));
    }
    if let Some(s) = status {
        evidence_list.push(Evidence::new(EvidenceKind::Kind, s));
    }
    Finding {
        address,
        status_field: dsn,
        diagnostic,
        dsn_action: dsn_action.map(str::to_string),
        remote_mta: relay.filter(|r| r != "none"),
        evidence: evidence_list,
        ..Finding::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_postfix_and_exim_lines() {
        let f = read("Jan 10 12:00:00 mx postfix/smtp[123]: 4F3A: to=<bob@example.com>, relay=mx.example.com[192.0.2.1]:25, delay=1.2, delays=0.1/0/0.5/0.6, dsn=5.1.1, status=bounced (host mx.example.com[192.0.2.1] said: 550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown (in reply to RCPT TO command))");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].address.as_deref(), Some("bob@example.com"));
        assert_eq!(f[0].status_field.as_deref(), Some("5.1.1"));
        assert_eq!(f[0].dsn_action.as_deref(), Some("failed"));
        assert!(f[0].diagnostic.as_deref().unwrap().contains("User unknown"));
        let f = read("2024-01-10 12:00:00 1rABCD-000123-AB ** bob@example.com R=dnslookup T=remote_smtp H=mx.example.com [192.0.2.1]: SMTP error from remote mail server after RCPT TO:<bob@example.com>: 550 5.1.1 User unknown");
        assert_eq!(f[0].address.as_deref(), Some("bob@example.com"));
        assert!(f[0].diagnostic.as_deref().unwrap().contains("550 5.1.1"));
    }
}
