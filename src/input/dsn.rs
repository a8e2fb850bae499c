//! RFC 3464 delivery status notifications: the per-message fields and one block of fields
//! per recipient. Also reads the same fields when they are pasted as plain text, and copes
//! with reports that leave out the blank line between blocks.

use super::Finding;
use crate::knowledge::vendors::Family;
use crate::model::report::Evidence;
use crate::model::EvidenceKind;
use crate::scan::address::from_field;
use crate::scan::codes::find_statuses;

/// A block of `Name: value` fields, names lower-cased, values unfolded.
pub(crate) type Fields = Vec<(String, String)>;

/// A parsed delivery status notification.
#[derive(Debug, Default)]
pub(crate) struct Dsn {
    /// Reporting-MTA, Arrival-Date, Received-From-MTA, X-...
    pub message: Fields,
    /// One block per recipient (it has Final-Recipient or Original-Recipient).
    pub recipients: Vec<Fields>,
}

/// A typed field value split into its type and its text: `smtp; 550 ...` ->
/// (`Some("smtp")`, `550 ...`); a value without a type is all text.
pub(crate) fn split_type(value: &str) -> (Option<&str>, &str) {
    match value.split_once(';') {
        Some((kind, rest)) => (Some(kind.trim()), rest.trim()),
        None => (None, value.trim()),
    }
}

/// The value of the first field with this lower-case name.
pub(crate) fn field<'a>(fields: &'a Fields, name: &str) -> Option<&'a str> {
    fields
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
        .filter(|v| !v.is_empty())
}

const RECIPIENT_FIELDS: &[&str] = &[
    "final-recipient",
    "original-recipient",
    "x-actual-recipient",
];

/// Field names that only appear in DSN blocks: used to tell pasted DSN text from headers.
pub(crate) const DSN_FIELDS: &[&str] = &[
    "final-recipient",
    "original-recipient",
    "reporting-mta",
    "diagnostic-code",
    "remote-mta",
    "last-attempt-date",
    "will-retry-until",
    "arrival-date",
];

/// Splits text into field blocks. A line that starts with white space continues the
/// previous field; a line that is not `Name: value` ends the field.
fn blocks(text: &str) -> Vec<Fields> {
    let mut out: Vec<Fields> = Vec::new();
    let mut current: Fields = Vec::new();
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            continue;
        }
        if line.starts_with([' ', '\t']) {
            if let Some(last) = current.last_mut() {
                last.1.push(' ');
                last.1.push_str(line.trim());
            }
            continue;
        }
        match line.split_once(':') {
            Some((name, value))
                if !name.is_empty()
                    && name.len() < 64
                    && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') =>
            {
                current.push((name.to_ascii_lowercase(), value.trim().to_string()));
            }
            _ => {}
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Parses the text of a message/delivery-status part (or pasted DSN fields).
pub(crate) fn parse(text: &str) -> Dsn {
    let mut dsn = Dsn::default();
    for block in blocks(text) {
        // a block may hold several recipients when blank lines are missing: split it at
        // each recipient field that repeats one the current group already has
        let mut group: Fields = Vec::new();
        let mut groups: Vec<Fields> = Vec::new();
        for (name, value) in block {
            let is_recipient_field = RECIPIENT_FIELDS.contains(&name.as_str());
            // Original-Recipient normally comes first; after a Final-Recipient it starts
            // a new recipient only once that recipient has fields of its own
            let starts_next = if name == "original-recipient" {
                group.iter().any(|(n, _)| n == &name)
                    || (group.iter().any(|(n, _)| n == "final-recipient")
                        && group.last().is_some_and(|(n, _)| n != "final-recipient"))
            } else {
                group.iter().any(|(n, _)| n == &name)
            };
            if is_recipient_field && starts_next {
                groups.push(std::mem::take(&mut group));
            }
            group.push((name, value));
        }
        groups.push(group);
        for g in groups {
            let has_recipient = g
                .iter()
                .any(|(n, _)| RECIPIENT_FIELDS.contains(&n.as_str()));
            if has_recipient {
                // per-message fields that came before the first recipient field in this block
                dsn.recipients.push(g);
            } else if dsn.recipients.is_empty() {
                dsn.message.extend(g);
            } else if let Some(last) = dsn.recipients.last_mut() {
                // fields after a recipient block without a recipient field of their own
                if g.iter()
                    .any(|(n, _)| n == "status" || n == "action" || n == "diagnostic-code")
                    && !last.iter().any(|(n, _)| n == "status")
                {
                    last.extend(g);
                }
            }
        }
    }
    dsn
}

/// `dns; mx.example.com` -> `mx.example.com`.
pub(crate) fn clean_mta(value: &str) -> String {
    let (_, v) = split_type(value);
    v.split_whitespace()
        .next()
        .unwrap_or(v)
        .trim_matches(['[', ']'])
        .to_string()
}

/// Findings from the recipient blocks of a DSN, as the fields state them.
pub(crate) fn findings(report: &Dsn, family: Option<&'static Family>) -> Vec<Finding> {
    report
        .recipients
        .iter()
        .map(|fields| {
            let final_recipient = field(fields, "final-recipient").and_then(from_field);
            let original = field(fields, "original-recipient").and_then(from_field);
            // a source route (`@relay:user@host`) or a host-only domain in Final-Recipient
            // is the server's internal form; the Original-Recipient is the address sent to
            let plausible = |a: &String| {
                !a.starts_with('@') && a.rsplit('@').next().is_some_and(|d| d.contains('.'))
            };
            let address = final_recipient
                .clone()
                .filter(|a| plausible(a) || original.is_none())
                .or(original.clone())
                .or_else(|| field(fields, "x-actual-recipient").and_then(from_field));
            let status = field(fields, "status").map(|s| {
                find_statuses(s)
                    .first()
                    .map(|h| h.code.clone())
                    .unwrap_or_else(|| s.trim().to_string())
            });
            let action = field(fields, "action").map(|a| a.trim().to_ascii_lowercase());
            let diagnostic = field(fields, "diagnostic-code").map(str::to_string);
            let mut evidence = Vec::new();
            if let Some(a) = &address {
                evidence.push(Evidence::new(EvidenceKind::Address, a));
            }
            if let Some(a) = &action {
                evidence.push(Evidence::new(EvidenceKind::Kind, &format!("Action: {a}")));
            }
            // the family's own verdict in a field of its own (X-PowerMTA-BounceCategory)
            let category = family
                .and_then(|f| f.category_field)
                .and_then(|name| field(fields, name).or_else(|| field(&report.message, name)))
                .map(str::to_string);
            Finding {
                address,
                category,
                exit_status: diagnostic.as_deref().and_then(program_exit_status),
                original_address: original.filter(|o| Some(o) != final_recipient.as_ref()),
                status_field: status
                    .filter(|s| s.chars().next().is_some_and(|c| c.is_ascii_digit())),
                diagnostic,
                dsn_action: action,
                remote_mta: field(fields, "remote-mta").map(clean_mta),
                evidence,
                ..Finding::default()
            }
        })
        .collect()
}

/// A Diagnostic-Code that is only a delivery program's exit status (`X-Unix; 255`): the
/// message was handed to a local program (a pipe, procmail), and it failed.
fn program_exit_status(diagnostic: &str) -> Option<String> {
    let (kind, exit_status) = split_type(diagnostic);
    (kind.is_some_and(|k| k.eq_ignore_ascii_case("x-unix"))
        && !exit_status.is_empty()
        && exit_status.len() <= 3
        && exit_status.bytes().all(|b| b.is_ascii_digit()))
    .then(|| diagnostic.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_message_and_recipient_blocks() {
        let text = "Reporting-MTA: dns; mx.example.net\nArrival-Date: Mon, 1 Jan 2024 10:00:00 +0000\n\nFinal-Recipient: rfc822; a@example.com\nAction: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 user\n  unknown\n\nFinal-Recipient: rfc822; b@example.com\nAction: delayed\nStatus: 4.2.2\n";
        let dsn = parse(text);
        assert_eq!(
            field(&dsn.message, "reporting-mta"),
            Some("dns; mx.example.net")
        );
        assert_eq!(dsn.recipients.len(), 2);
        assert_eq!(
            field(&dsn.recipients[0], "diagnostic-code"),
            Some("smtp; 550 5.1.1 user unknown")
        );
        assert_eq!(field(&dsn.recipients[1], "action"), Some("delayed"));
    }

    #[test]
    fn splits_recipients_without_blank_lines() {
        let dsn = parse("Final-Recipient: rfc822; a@example.com\nStatus: 5.1.1\nFinal-Recipient: rfc822; b@example.com\nStatus: 5.2.2\n");
        assert_eq!(dsn.recipients.len(), 2);
    }

    #[test]
    fn original_recipient_after_final_recipient_stays_with_it() {
        let dsn = parse("Final-Recipient: rfc822; a@example.com\nOriginal-Recipient: rfc822; alias@example.com\nAction: failed\nStatus: 5.1.1\n");
        assert_eq!(dsn.recipients.len(), 1);
        assert_eq!(
            field(&dsn.recipients[0], "original-recipient"),
            Some("rfc822; alias@example.com")
        );
        let two = parse("Final-Recipient: rfc822; a@example.com\nAction: failed\nOriginal-Recipient: rfc822; b@example.com\nFinal-Recipient: rfc822; b@example.com\nAction: failed\n");
        assert_eq!(two.recipients.len(), 2);
    }
}
