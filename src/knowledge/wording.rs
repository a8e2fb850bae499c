//! The wording all bounces share (`data/wording.toml`): subjects of auto-replies, delay
//! warnings and bounces, the lines before a returned original, the phrases that name the
//! refused SMTP command. The readers ask here instead of holding lists of their own.

use std::sync::OnceLock;

use crate::model::SmtpCommand;
use crate::scan::patterns::Patterns;
use crate::scan::text::normalize;

/// The lists of `data/wording.toml`, lower case.
pub(crate) struct Wording {
    pub vacation_subjects: &'static [&'static str],
    pub failure_subject_words: &'static [&'static str],
    pub delay_subjects: &'static [&'static str],
    pub delay_statements: &'static [&'static str],
    pub bounce_subjects: &'static [&'static str],
    pub complaint_subjects: &'static [&'static str],
    pub answer_prefixes: &'static [&'static str],
    pub original_markers: &'static [&'static str],
    pub not_recipient_cues: &'static [&'static str],
    pub system_senders: &'static [&'static str],
    pub no_valid_recipients: &'static [&'static str],
    pub transcript_section: &'static [&'static str],
    pub timeout_words: &'static [&'static str],
    /// Phrase -> the command it names, in the order they are tried.
    pub commands: &'static [(&'static str, SmtpCommand)],
}

/// The shared wording.
pub(crate) fn wording() -> &'static Wording {
    &super::WORDING
}

/// Whether a report's text (as `scan::text::report_text` gives it) promises further
/// attempts, as a delay warning does.
pub(crate) fn promises_retry(report_text: &str) -> bool {
    contains_any(report_text, wording().delay_statements)
}

/// Whether `text` (already lower case) contains one of `list`.
pub(crate) fn contains_any(text: &str, list: &[&str]) -> bool {
    list.iter().any(|item| text.contains(item))
}

/// The SMTP command a reply answered, from the wording MTAs use around it (Postfix `in
/// reply to RCPT TO command`, Exim `after RCPT TO:`, Sendmail `>>> DATA`).
pub(crate) fn command_named(text: &str) -> Option<SmtpCommand> {
    // the phrases as one set; the first in order that the text holds names the command
    static PHRASES: OnceLock<Patterns> = OnceLock::new();
    let commands = wording().commands;
    let phrases = PHRASES.get_or_init(|| Patterns::new(commands.iter().map(|(phrase, _)| phrase)));
    let found = phrases.found_in(&normalize(text));
    (0..commands.len())
        .find(|&i| found.has(i))
        .map(|i| commands[i].1)
}

/// Addresses that belong to the bounce machinery itself (`mailer-daemon@`), never failed
/// recipients.
pub(crate) fn is_system_sender(address: &str) -> bool {
    let local = address.split('@').next().unwrap_or("");
    wording().system_senders.contains(&local)
}
