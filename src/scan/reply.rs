//! Reads one server reply or diagnostic text (`smtp; 550 5.1.1 <a@b>: User unknown`) into
//! its reply code, enhanced status code and the SMTP command it answered.

use std::ops::Range;

use super::codes::{find_replies, find_statuses};
use super::text::{fold, normalize};

/// The codes and context found in one diagnostic text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Diagnostic {
    /// The SMTP reply code.
    pub reply_code: Option<u16>,
    /// Where the reply code stands in the text given.
    pub reply_span: Option<Range<usize>>,
    /// The enhanced status code.
    pub status: Option<String>,
    /// Where the status stands in the text given.
    pub status_span: Option<Range<usize>>,
    /// The SMTP command the reply answered, when the text says (`RCPT`, `MAIL`, `DATA`...).
    pub command: Option<&'static str>,
    /// The text with white space folded.
    pub text: String,
}

/// Reads the codes out of a diagnostic text. The status code chosen is the one right
/// after the reply code when there is one (`550 5.1.1`), else the first one.
pub fn parse_diagnostic(text: &str) -> Diagnostic {
    let replies = find_replies(text);
    let statuses = find_statuses(text);
    let reply = replies.first().cloned();
    let status = reply
        .as_ref()
        .and_then(|r| {
            statuses
                .iter()
                .find(|s| s.span.start >= r.span.end && s.span.start <= r.span.end + 3)
                .cloned()
        })
        .or_else(|| statuses.iter().find(|s| !s.code.ends_with(".0.0")).cloned())
        .or_else(|| statuses.first().cloned());
    Diagnostic {
        reply_code: reply.as_ref().map(|r| r.code),
        reply_span: reply.map(|r| r.span),
        status: status.as_ref().map(|s| s.code.clone()),
        status_span: status.map(|s| s.span),
        command: smtp_command(text),
        text: fold(text),
    }
}

/// The SMTP command a reply answered, from the wording MTAs use around it
/// (Postfix `in reply to RCPT TO command`, Exim `after RCPT TO:`, Sendmail `>>> DATA`).
pub fn smtp_command(text: &str) -> Option<&'static str> {
    let t = normalize(text);
    const RULES: &[(&str, &str)] = &[
        ("in reply to rcpt to", "RCPT"),
        ("after rcpt to", "RCPT"),
        (">>> rcpt to", "RCPT"),
        ("in reply to mail from", "MAIL"),
        ("after mail from", "MAIL"),
        (">>> mail from", "MAIL"),
        ("in reply to end of data", "DATA"),
        ("after end of data", "DATA"),
        ("in reply to data", "DATA"),
        ("after data", "DATA"),
        (">>> data", "DATA"),
        ("after sending message", "DATA"),
        ("after end of message", "DATA"),
        ("in reply to ehlo", "EHLO"),
        ("in reply to helo", "HELO"),
        ("after ehlo", "EHLO"),
        ("after helo", "HELO"),
        ("after initial connection", "CONN"),
        ("in reply to starttls", "STARTTLS"),
        ("while connected to", "CONN"),
        ("after connecting", "CONN"),
        ("after pipelined rcpt", "RCPT"),
        ("after pipelined mail from", "MAIL"),
        ("after pipelined data", "DATA"),
    ];
    RULES.iter().find(|(p, _)| t.contains(p)).map(|(_, c)| *c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_codes_and_command() {
        let d = parse_diagnostic("smtp; 550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown (in reply to RCPT TO command)");
        assert_eq!(d.reply_code, Some(550));
        assert_eq!(d.status.as_deref(), Some("5.1.1"));
        assert_eq!(d.command, Some("RCPT"));
        let d = parse_diagnostic("host said: 421 Service not available");
        assert_eq!(d.reply_code, Some(421));
        assert_eq!(d.status, None);
    }
}
