//! The SMTP command a recipient's refusal answered: as the format states it, as the
//! server's reply names it, or as the family's wording in the recipient's own lines does.

use crate::input::Finding;
use crate::knowledge::wording::command_named;
use crate::model::SmtpCommand;
use crate::scan::codes::leading_code;

/// The refused command, when the bounce says.
pub(super) fn refused(
    finding: &Finding,
    diag_text: Option<&str>,
    own_paragraph: Option<&str>,
) -> Option<SmtpCommand> {
    let family_command = || {
        let f = finding.family?;
        diag_text
            .and_then(|t| f.command_in(t))
            .or_else(|| own_paragraph.and_then(|t| f.command_in(t)))
    };
    finding
        .command
        .or_else(|| finding.diagnostic.as_deref().and_then(command_named))
        .or_else(family_command)
}

/// The part of a report's text that speaks of one recipient: from the line that first
/// names it to the next blank line, or to the next line that starts a reply of its own
/// (`550 ...`, another recipient's or host's). The lines before it may be about another
/// recipient, or about the whole message.
pub(super) fn own_paragraph<'a>(context: &'a str, address: Option<&str>) -> &'a str {
    let at = address
        .and_then(|a| context.to_ascii_lowercase().find(&a.to_ascii_lowercase()))
        .map_or(0, |i| context[..i].rfind('\n').map_or(0, |n| n + 1));
    let own = &context[at..];
    let starts_a_reply = |line: &str| {
        leading_code(line).is_some() && matches!(line.as_bytes().get(3), Some(b' ' | b'-'))
    };
    let mut end = own.find('\n').map_or(own.len(), |n| n + 1);
    for line in own[end..].split_inclusive('\n') {
        if line.trim().is_empty() || starts_a_reply(line) {
            break;
        }
        end += line.len();
    }
    &own[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_recipients_paragraph_runs_from_its_line_to_a_blank_line_or_another_reply() {
        let context = "Message log: no valid recipients\nann@example.org ... unknown host\n  (lookup failed)\n550 bob@example.net ... user unknown\n";
        assert_eq!(
            own_paragraph(context, Some("ANN@example.org")),
            "ann@example.org ... unknown host\n  (lookup failed)\n"
        );
        assert_eq!(
            own_paragraph(context, Some("bob@example.net")),
            "550 bob@example.net ... user unknown\n"
        );
        // text in other scripts is cut at line ends only
        let japanese = "宛先 ann@example.jp は存在しません\nご連絡ください。\n\n次の段落";
        assert_eq!(
            own_paragraph(japanese, Some("ann@example.jp")),
            "宛先 ann@example.jp は存在しません\nご連絡ください。\n"
        );
        // an address not in the text: the whole first paragraph
        assert_eq!(own_paragraph("a\nb\n\nc", Some("x@y.z")), "a\nb\n");
    }
}
