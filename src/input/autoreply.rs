//! Automatic replies (out of office, vacation): recognised by their headers
//! (RFC 3834 Auto-Submitted, X-Autoreply...) or their subject, and not bounces.

use super::{mime, Finding, Nature};
use crate::knowledge::wording::{contains_any, wording};
use crate::model::report::Evidence;
use crate::model::EvidenceKind;
use crate::scan::address::find_addresses;
use crate::scan::text::normalize;

/// Whether the email is an automatic reply. Its headers alone do not say so when its
/// subject speaks of a failed delivery.
pub(crate) fn is_auto_reply(email: &mime::Email) -> bool {
    let subject = normalize(email.header("subject").unwrap_or(""));
    let header_says = email.header("x-autoreply").is_some()
        || email.header("x-autorespond").is_some()
        || email
            .header("x-auto-response-suppress")
            .is_some_and(|_| subject.contains("auto"))
        || email
            .header("precedence")
            .is_some_and(|p| p.eq_ignore_ascii_case("auto_reply"))
        || email
            .header("auto-submitted")
            .is_some_and(|v| v.to_ascii_lowercase().starts_with("auto-replied"));
    contains_any(&subject, wording().vacation_subjects)
        || (header_says && !contains_any(&subject, wording().failure_subject_words))
}

/// The one finding of an auto-reply: its sender.
pub(crate) fn finding(email: &mime::Email) -> Finding {
    let who = email
        .header("from")
        .and_then(|v| find_addresses(v).into_iter().next())
        .map(|h| h.address);
    Finding {
        address: who,
        nature: Nature::AutoReply,
        evidence: vec![Evidence::new(
            EvidenceKind::Kind,
            email.header("subject").unwrap_or(""),
        )],
        ..Finding::default()
    }
}
