//! The contract between the readers and the classifier: what a reader saw for one
//! recipient, before any interpretation. Readers fill it in from the input's structure
//! and words; they decide no reason, class or kind (that is `crate::classify`).

use crate::knowledge::vendors::Family;
use crate::model::report::{Evidence, Notice};
use crate::model::SmtpCommand;

/// What kind of message a finding comes from, when it is not a delivery report.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Nature {
    /// A delivery report, a reply line, a log line: the usual case.
    #[default]
    Report,
    /// An automatic reply (out of office).
    AutoReply,
    /// A complaint (an ARF feedback report, a JMRP report, an SES complaint).
    Complaint,
}

/// What a message says of itself when no code does: a returned message, or a warning
/// that delivery is still being tried.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Presented {
    /// Returned as undeliverable (from the mail system, in a bounce template, titled so,
    /// or SES's `Permanent`).
    Failure,
    /// A delay warning (its subject, or SES's `Transient`).
    Delay,
}

/// What a reader found for one recipient.
#[derive(Clone, Debug, Default)]
pub(crate) struct Finding {
    pub address: Option<String>,
    pub original_address: Option<String>,
    /// Status from a DSN `Status:` field or a log's `dsn=`.
    pub status_field: Option<String>,
    /// Reply code given separately (a log's or vendor format's own field).
    pub reply_field: Option<u16>,
    /// The server's reply or the reader's best diagnostic text.
    pub diagnostic: Option<String>,
    /// The SMTP command, when the format states it outside the diagnostic.
    pub command: Option<SmtpCommand>,
    /// DSN `Action:` (failed, delayed, delivered, relayed, expanded), lower case.
    pub dsn_action: Option<String>,
    pub remote_mta: Option<String>,
    /// The value of the family's own bounce-category field (PowerMTA's
    /// `X-PowerMTA-BounceCategory: bad-mailbox`), as written.
    pub category: Option<String>,
    /// A Diagnostic-Code that is only a delivery program's exit status (`X-Unix; 255`).
    pub exit_status: Option<String>,
    /// The mail-server family that wrote the report, when recognised.
    pub family: Option<&'static Family>,
    /// True when the finding comes from a whole report, which would name the refused
    /// command if it knew it; a pasted reply line says nothing by leaving it out.
    pub whole_report: bool,
    /// What the message says of itself when no code does.
    pub presented_as: Option<Presented>,
    /// What kind of message it comes from.
    pub nature: Nature,
    /// Evidence gathered by the reader (address, DSN fields).
    pub evidence: Vec<Evidence>,
    /// Remarks from the reader.
    pub notes: Vec<Notice>,
    /// Text around the recipient that may name the reason when the diagnostic does not.
    pub context: Option<String>,
}

impl Finding {
    /// Whether the reader found any code or reply for it (or it needs none: an auto-reply
    /// or a complaint).
    pub fn says_something(&self) -> bool {
        self.diagnostic.is_some()
            || self.status_field.is_some()
            || self.reply_field.is_some()
            || self.nature != Nature::Report
    }
}
