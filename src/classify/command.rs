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
        .or_else(|| diag_text.and_then(command_word))
}

/// A command that the server's reply names in capitals (`550 5.1.1 RCPT TO:<a@b> user
/// unknown`, `554 5.7.1 DATA rejected`, a transcript's `In: DATA`): servers echo the
/// command they refuse, and MTAs write the command they sent that way. The last one
/// named is the one refused. `MAIL FROM` counts only as the command with its colon: "the
/// MAIL FROM domain" in a reply to DATA is the sender's domain, not the refused command.
fn command_word(text: &str) -> Option<SmtpCommand> {
    const WORDS: [(&str, SmtpCommand); 6] = [
        ("EHLO", SmtpCommand::Ehlo),
        ("HELO", SmtpCommand::Helo),
        ("MAIL FROM:", SmtpCommand::Mail),
        ("RCPT", SmtpCommand::Rcpt),
        ("DATA", SmtpCommand::Data),
        ("STARTTLS", SmtpCommand::Starttls),
    ];
    let is_word_edge = |c: Option<char>| !c.is_some_and(|c| c.is_ascii_alphanumeric());
    WORDS
        .iter()
        .filter_map(|(word, command)| {
            text.match_indices(word)
                .filter(|(at, _)| {
                    is_word_edge(text[..*at].chars().next_back())
                        && (word.ends_with(':')
                            || is_word_edge(text[at + word.len()..].chars().next()))
                })
                .map(|(at, _)| at)
                .last()
                .map(|at| (at, *command))
        })
        .max_by_key(|(at, _)| *at)
        .map(|(_, command)| command)
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
    fn a_command_named_in_capitals_is_the_refused_one() {
        assert_eq!(
            command_word("550 5.1.1 RCPT TO:<ann@example.org> User unknown"),
            Some(SmtpCommand::Rcpt)
        );
        assert_eq!(
            command_word("In: RCPT TO:<ann@example.org> Out: 250 Ok In: DATA Out: 451 4.3.0 Error"),
            Some(SmtpCommand::Data)
        );
        assert_eq!(
            command_word("550 5.7.26 The MAIL FROM domain [example.jp] has an SPF record"),
            None
        );
        assert_eq!(
            command_word("550 5.7.1 METADATA rejected, see data policy"),
            None
        );
    }

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
