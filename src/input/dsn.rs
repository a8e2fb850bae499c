//! RFC 3464 delivery status notifications: the per-message fields and one block of fields
//! per recipient. Also reads the same fields when they are pasted as plain text, and copes
//! with reports that leave out the blank line between blocks.

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
