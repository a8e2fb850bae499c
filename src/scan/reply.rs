//! Reads one server reply or diagnostic text (`smtp; 550 5.1.1 <a@b>: User unknown`) into
//! its reply code and enhanced status code. (The command it answered is named in words,
//! which are data: `knowledge::wording::command_named`.)

use std::ops::Range;

use super::codes::{find_replies, find_statuses};
use super::text::fold;

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
    /// The text with white space folded.
    pub text: String,
}

/// Reads the codes out of a diagnostic text. The status code chosen is the one right
/// after the reply code when there is one (`550 5.1.1`), else the first one.
pub fn parse_diagnostic(text: &str) -> Diagnostic {
    // `X-Unix; 255` is a program's exit status, not an SMTP reply
    let replies = if is_non_smtp_type(text) {
        Vec::new()
    } else {
        find_replies(text)
    };
    let statuses = find_statuses(text);
    // a transcript (`Out: 250 2.1.5 Ok ... Out: 451 4.3.0 Error`) or a banner before the
    // reply (`220-mx 421 ...`): the failure is the first 4xx/5xx reply, when there is one
    let chosen = replies.iter().position(|r| r.code >= 400).unwrap_or(0);
    let reply = replies.get(chosen).cloned();
    // Sendmail quotes the remote reply after its own: `554 <a@b>... 550 Host unknown`
    let reply = match (&reply, replies.get(chosen + 1)) {
        (Some(first), Some(second))
            if second.code >= 400
                && text[first.span.end..second.span.start]
                    .trim_end()
                    .ends_with("...") =>
        {
            Some(second.clone())
        }
        _ => reply,
    };
    let statuses: Vec<_> = match &reply {
        Some(r) if r.code >= 400 => {
            let failing: Vec<_> = statuses
                .iter()
                .filter(|s| !s.code.starts_with('2'))
                .cloned()
                .collect();
            if failing.is_empty() {
                statuses
            } else {
                failing
            }
        }
        _ => statuses,
    };
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
        text: fold(text),
    }
}

/// Whether a Diagnostic-Code names a type other than SMTP (`X-Unix; 255`).
fn is_non_smtp_type(text: &str) -> bool {
    let head = text.trim_start().get(..7).unwrap_or("");
    head.eq_ignore_ascii_case("x-unix;") || head.eq_ignore_ascii_case("x-local")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_codes() {
        let d = parse_diagnostic("smtp; 550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown (in reply to RCPT TO command)");
        assert_eq!(d.reply_code, Some(550));
        assert_eq!(d.status.as_deref(), Some("5.1.1"));
        let d = parse_diagnostic("host said: 421 Service not available");
        assert_eq!(d.reply_code, Some(421));
        assert_eq!(d.status, None);
        let d = parse_diagnostic("smtp; 220-mx 421 4.2.1 Service refused");
        assert_eq!(
            (d.reply_code, d.status.as_deref()),
            (Some(421), Some("4.2.1"))
        );
        let d = parse_diagnostic("554 <a@example.org>... 550 Host unknown");
        assert_eq!(d.reply_code, Some(550));
        let d = parse_diagnostic(
            "Out: 250 2.1.5 Ok In: DATA Out: 451 4.3.0 Error: queue file write error",
        );
        assert_eq!(
            (d.reply_code, d.status.as_deref()),
            (Some(451), Some("4.3.0"))
        );
        assert_eq!(parse_diagnostic("X-Unix; 255").reply_code, None);
        assert_eq!(
            parse_diagnostic("smtp; 550 : User unknown").reply_code,
            Some(550)
        );
    }
}
