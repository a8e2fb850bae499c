//! Complaint reports: RFC 5965 ARF (a message/feedback-report part) and Microsoft's JMRP
//! (the complained-of message attached, no feedback part). Their recipients are the
//! addresses that complained.

use super::{dsn, mime, Finding, Nature, Read, Shape};
use crate::knowledge::wording::is_system_sender;
use crate::model::report::Evidence;
use crate::model::EvidenceKind;
use crate::scan::address::from_field;

/// Reads the feedback fields of `report` into `r`.
pub(crate) fn read(mut r: Read, email: &mime::Email, report: &str) -> Read {
    r.shape = Shape::Complaint;
    let parsed = dsn::parse(report);
    let fields: Vec<(String, String)> = parsed
        .message
        .iter()
        .chain(parsed.recipients.iter().flatten())
        .cloned()
        .collect();
    r.message.feedback_type =
        dsn::field(&fields, "feedback-type").map(|v| v.trim().to_ascii_lowercase());
    r.message.reporting_mta = dsn::field(&fields, "reporting-mta").map(dsn::clean_mta);
    r.message.arrival_date = dsn::field(&fields, "arrival-date")
        .or_else(|| dsn::field(&fields, "received-date"))
        .map(str::to_string);
    let mut recipients: Vec<String> = fields
        .iter()
        .filter(|(n, _)| n == "original-rcpt-to" || n == "removal-recipient")
        .filter_map(|(_, v)| from_field(v))
        .collect();
    recipients.dedup();
    if recipients.is_empty() {
        recipients = email
            .original_recipients
            .iter()
            // a group name (`undisclosed recipients:;`) is not an address
            .filter(|a| a.contains('@') && !is_system_sender(a))
            .cloned()
            .collect();
    }
    if recipients.is_empty() {
        r.findings.push(Finding {
            nature: Nature::Complaint,
            ..Finding::default()
        });
    }
    for address in recipients {
        r.findings.push(Finding {
            address: Some(address.clone()),
            nature: Nature::Complaint,
            evidence: vec![
                Evidence::new(EvidenceKind::Address, &address),
                Evidence::new(EvidenceKind::Kind, "Feedback-Type"),
            ],
            ..Finding::default()
        });
    }
    r
}
