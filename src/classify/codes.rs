//! The codes of one recipient: the reply code and enhanced status code from the report's
//! fields and from the server's own reply, reconciled when they disagree, with a note
//! where the bounce contradicts itself.

use crate::input::Finding;
use crate::knowledge::notices::note;
use crate::model::report::{Evidence, Notice};
use crate::model::{Class, DsnAction, EvidenceKind, Lang};
use crate::scan::reply::{parse_diagnostic, Diagnostic};

/// The codes found for one recipient.
pub(super) struct Codes {
    /// The server's reply with white space folded, when there is one.
    pub diag_text: Option<String>,
    pub reply_code: Option<u16>,
    /// The enhanced status code that stands: the server's own where it is more precise
    /// than the report's Status field.
    pub status: Option<String>,
    /// Evidence for the codes (added to the reader's).
    pub evidence: Vec<Evidence>,
    /// Notes where the codes contradict each other.
    pub notes: Vec<Notice>,
}

/// Reads and reconciles the codes of a finding.
pub(super) fn reconcile(finding: &Finding, lang: Lang) -> Codes {
    let diag: Option<Diagnostic> = finding.diagnostic.as_deref().map(parse_diagnostic);
    let diag_text = diag
        .as_ref()
        .map(|d| d.text.clone())
        .filter(|t| !t.is_empty());
    let reply_code = finding
        .reply_field
        .or(diag.as_ref().and_then(|d| d.reply_code));
    let scanned = diag.as_ref().and_then(|d| d.status.clone());
    let mut notes = Vec::new();
    // the status stands right after the reply code, as the server wrote it (`421 4.4.2`)
    let quoted_with_its_reply = diag.as_ref().is_some_and(|d| {
        matches!((&d.reply_span, &d.status_span), (Some(r), Some(s)) if s.start >= r.end && s.start <= r.end + 3)
    });
    let status = match (&finding.status_field, &scanned) {
        (Some(field), Some(scanned)) if field != scanned => {
            let (fc, sc) = (Class::of(field), Class::of(scanned));
            let action_class = finding
                .dsn_action
                .as_deref()
                .and_then(DsnAction::parse)
                .map(DsnAction::class);
            let chosen = if !scanned.ends_with(".0.0") && fc == sc {
                // the receiving server's own code in its reply is more precise than the
                // reporting MTA's Status, which is often a catch-all or its own guess
                Some(scanned.clone())
            } else if sc != fc && (sc == action_class || quoted_with_its_reply) {
                // the receiving server's own reply (`421 4.4.2 ... timeout`) says what
                // happened; a Status field of another class is the reporting server's
                // summary of the outcome (`5.4.7` when it gave up), or contradicts the
                // report's own Action (failed with 4.x.x): the reply is right
                Some(scanned.clone())
            } else {
                Some(field.clone())
            };
            // classes that disagree are noted, unless the report's own Action settles it
            if fc != sc && sc != action_class {
                notes.push(note(
                    "status_mismatch",
                    lang,
                    &[("field", field), ("scanned", scanned)],
                ));
            }
            chosen
        }
        (field, scanned) => field.clone().or(scanned.clone()),
    };
    let mut evidence = Vec::new();
    if finding.reply_field.is_none() {
        if let Some(code) = diag.as_ref().and_then(|d| d.reply_code) {
            evidence.push(Evidence::new(EvidenceKind::ReplyCode, &code.to_string()));
        }
    }
    if let Some(s) = &status {
        evidence.push(Evidence::new(EvidenceKind::Status, s));
    }
    // a status of class 2 in a failure report, or codes whose classes disagree
    if let (Some(s), Some(r)) = (&status, reply_code) {
        let sc = Class::of(s);
        if sc.is_some() && sc != Class::of_reply(r) {
            notes.push(note(
                "class_mismatch",
                lang,
                &[("reply", &r.to_string()), ("status", s)],
            ));
        }
    }
    Codes {
        diag_text,
        reply_code,
        status,
        evidence,
        notes,
    }
}
