//! Reads bounces written for people, with no machine-readable report: the text parts of
//! Postfix, Exim, Sendmail, qmail, Exchange and many other servers' bounces, and pasted
//! reply lines. It finds the failed recipients and, for each, the server reply that
//! belongs to it, and stops where the returned original message begins, so addresses
//! quoted from the original are never taken for failed recipients.

use std::sync::OnceLock;

use super::Finding;
use crate::knowledge::vendors::Family;
use crate::knowledge::wording::{command_named, contains_any, is_system_sender, wording};
use crate::model::report::Evidence;
use crate::model::{EvidenceKind, SmtpCommand};
use crate::scan::address::find_addresses;
use crate::scan::codes::{find_replies, find_statuses, leading_code, names_a_failure};
use crate::scan::patterns::Patterns;

/// Lines that only carry header fields of a message, never a failed recipient.
const HEADER_LINE_PREFIXES: &[&str] = &[
    "from:",
    "to:",
    "cc:",
    "reply-to:",
    "return-path:",
    "sender:",
    "message-id:",
    "references:",
    "in-reply-to:",
    "subject:",
    "date:",
    "received:",
    "x-",
    "envelope-to:",
    "delivered-to:",
    "list-",
    "dkim-signature:",
    "authentication-results:",
    "arc-",
    "resent-",
];

/// Where the original message starts in a text bounce (byte offset), if a marker says so.
pub(crate) fn original_start(body: &str, family: Option<&Family>) -> Option<usize> {
    // the shared markers, searched for together in one pass
    static SHARED: OnceLock<Patterns> = OnceLock::new();
    let shared = SHARED.get_or_init(|| Patterns::new(wording().original_markers));
    let lower = body.to_ascii_lowercase();
    let own = family.map(|f| f.original_markers).unwrap_or_default();
    shared
        .first_in(&lower)
        .into_iter()
        .chain(own.iter().filter_map(|m| lower.find(m)))
        .min()
}

/// The report part of a text bounce: everything before the returned original.
fn report_part<'a>(body: &'a str, family: Option<&Family>) -> &'a str {
    match original_start(body, family) {
        Some(cut) => &body[..cut],
        None => body,
    }
}

/// True when a line carries codes or words of a server reply.
fn is_reply_line(line: &str) -> bool {
    !find_replies(line).is_empty() || !find_statuses(line).is_empty()
}

fn is_header_line(line: &str) -> bool {
    let lower = line.trim_start().to_ascii_lowercase();
    HEADER_LINE_PREFIXES.iter().any(|p| lower.starts_with(p))
}

/// Senders of bounces: never failed recipients in a report's text. (A postmaster address
/// can be one: mail to postmaster@ bounces like any other.)
fn is_machinery(address: &str) -> bool {
    is_system_sender(address) && !address.starts_with("postmaster@")
}

/// Whether the address at `span` in `line` may be a failed recipient: not part of a URL,
/// an ARN or a query string, and not introduced as a contact or an alias.
fn names_a_recipient(line: &str, span: &std::ops::Range<usize>) -> bool {
    let local = line[span.start..].split('@').next().unwrap_or("");
    if local.contains(['/', '=', '&', '?']) {
        return false;
    }
    let before = &line[..span.start];
    let window_start = before
        .char_indices()
        .rev()
        .nth(40)
        .map(|(i, _)| i)
        .unwrap_or(0);
    let before = before[window_start..].to_lowercase();
    !contains_any(&before, wording().not_recipient_cues)
}

/// A failed-recipient candidate: the address and the lines it appears on.
struct Anchor {
    address: String,
    lines: Vec<usize>,
}

/// The reply text that starts at `start`: the line and the lines that continue it
/// (indented, or not blank and not starting a new recipient), at most 6 lines.
fn reply_block(lines: &[&str], start: usize, anchor_lines: &[usize]) -> String {
    // anchor_lines is sorted: binary search keeps this linear in the reply's length
    let mut text = String::from(lines[start].trim());
    let mut prev = lines[start].trim_start();
    for (i, line) in lines.iter().enumerate().skip(start + 1).take(12) {
        let continues_multiline = continues_reply(prev, line.trim_start());
        if !continues_multiline
            && (i > start + 5
                || line.trim().is_empty()
                || anchor_lines.binary_search(&i).is_ok()
                || (is_reply_line(line) && !line.starts_with([' ', '\t'])))
        {
            break;
        }
        prev = line.trim_start();
        text.push(' ');
        text.push_str(line.trim());
    }
    text
}

/// The server that gave a reply, as text bounces name it: Postfix `host mx.example.com[192.0.2.1]
/// said:`, Exim `host mx.example.com [192.0.2.1]:`, qmail `remote host 192.0.2.1 said:`.
pub(crate) fn remote_host(reply: &str) -> Option<String> {
    let lower = reply.to_ascii_lowercase();
    let at = lower.find("host ")?;
    let rest = &reply[at + 5..];
    let name: String = rest
        .trim_start()
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':'))
        .collect();
    let name = name.trim_end_matches(['.', ':']);
    // a host name has a dot (or is an address); "host unknown" is not a host
    let plausible = name.contains('.') || name.contains(':');
    let said = lower[at..].find(" said").or_else(|| lower[at..].find("]:"));
    (plausible && said.is_some_and(|p| p < 140)).then(|| name.to_ascii_lowercase())
}

/// The command named by the line that introduces a reply: Exim's `SMTP error from remote
/// mail server after RCPT TO:<a@b>:`, DragonFly's `mx did not like our RCPT TO:`.
fn introduced_command(lines: &[&str], at: usize, family: Option<&Family>) -> Option<SmtpCommand> {
    let previous = lines.get(at.checked_sub(1)?)?.trim_end();
    if !previous.ends_with(':') {
        return None;
    }
    command_named(previous).or_else(|| family?.command_in(previous))
}

/// In a session transcript (`>>> DATA` / `<<< 550 ...`, Sendmail and Courier), the
/// command that the reply on line `at` answered.
fn transcript_command(lines: &[&str], at: usize) -> Option<SmtpCommand> {
    if !lines[at].trim_start().starts_with("<<<") {
        return None;
    }
    // with PIPELINING the replies to RCPT arrive after `>>> DATA`; a following
    // "no valid recipients" says this one answered RCPT
    let pipelined = lines
        .iter()
        .skip(at + 1)
        .take(3)
        .any(|l| contains_any(&l.to_ascii_lowercase(), wording().no_valid_recipients));
    if pipelined {
        return Some(SmtpCommand::Rcpt);
    }
    (at.saturating_sub(3)..at)
        .rev()
        .map(|i| lines[i].trim_start())
        .take_while(|l| l.starts_with("<<<") || l.starts_with(">>>"))
        .find(|l| l.starts_with(">>>"))
        .and_then(command_named)
}

/// Sendmail sums up each recipient in a line of its own (`554 <a@b>... Remote protocol
/// error`); when that summary quotes no reply of the server, the server's words are the
/// `<<< ` reply of the same `While talking to` section, above it. Returns that line.
fn section_reply(lines: &[&str], summary: usize) -> Option<usize> {
    let line = lines[summary].trim_start();
    let (_, said) = line.split_once("... ")?;
    if leading_code(said).is_some() || !line.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    (summary.saturating_sub(12)..summary)
        .rev()
        .map_while(|i| {
            let l = lines[i].trim_start();
            let lower = l.to_ascii_lowercase();
            let section_starts = wording()
                .transcript_section
                .iter()
                .any(|s| lower.starts_with(s));
            (!section_starts).then_some((i, l))
        })
        .find(|(_, l)| {
            l.strip_prefix("<<< ")
                .is_some_and(|reply| reply.starts_with(['4', '5']))
        })
        .map(|(i, _)| i)
}

/// Whether an address is only the display name of the one in angle brackets after it
/// (`ann@example.com <bob@example.net>`: the address is bob's).
fn is_display_name(line: &str, span: &std::ops::Range<usize>) -> bool {
    let rest = line[span.end..].trim_start_matches(['"', '\'']);
    rest.starts_with([' ', '\t'])
        && rest.trim_start().strip_prefix('<').is_some_and(|r| {
            r.split_once('>')
                .is_some_and(|(inside, _)| inside.contains('@') && !inside.contains(' '))
        })
}

/// Whether a line is led by an address, as the lines that list failed recipients are
/// (`<bob@example.com>: ...`, `  bob@example.com`), unlike a sentence that mentions one.
fn starts_with_address(line: &str) -> bool {
    let t = line.trim_start().trim_start_matches(['<', '"']);
    find_addresses(t).first().is_some_and(|h| h.span.start == 0)
}

/// Whether a line starts a recipient's paragraph as Postfix and qmail write it: the
/// address in angle brackets at the start of the line, then a colon (`<ann@b>: host ...`);
/// the lines indented under it continue its reply.
/// An address alone on its line leads one too, for the lines indented deeper under it:
/// Sendmail's `<ann@b>` over `    (reason: ...)`, Exim's `  ann@b` over `    host ...`.
fn leads_a_paragraph(line: &str) -> bool {
    (line.starts_with('<')
        && line
            .split_once('>')
            .is_some_and(|(inside, rest)| inside.contains('@') && rest.starts_with(':')))
        || is_address_only(line)
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

/// Whether a line holds one address and nothing else (`  bob@example.com`, `<bob@b.c>`),
/// as a list of failed recipients under a sentence writes them.
fn is_address_only(line: &str) -> bool {
    let t = line
        .trim()
        .trim_start_matches('<')
        .trim_end_matches(['>', ',', ';']);
    let hits = find_addresses(t);
    hits.len() == 1 && hits[0].span == (0..t.len())
}

/// The explanation next to an address in a bounce without codes: the rest of its line
/// and the lines indented under it, when they hold words other than addresses.
fn explanation(lines: &[&str], start: usize, anchor_lines: &[usize]) -> Option<String> {
    let indent = |l: &str| l.len() - l.trim_start().len();
    let base = indent(lines[start]);
    let mut text = String::from(lines[start].trim());
    for (i, line) in lines.iter().enumerate().skip(start + 1).take(4) {
        if line.trim().is_empty() || indent(line) <= base || anchor_lines.binary_search(&i).is_ok()
        {
            break;
        }
        text.push(' ');
        text.push_str(line.trim());
    }
    // the letters outside every address (the spans of two addresses can overlap: a quoted
    // local part reaches back over the address before it)
    let mut in_address = vec![false; text.len()];
    for hit in find_addresses(&text) {
        in_address[hit.span].fill(true);
    }
    let letters = text
        .char_indices()
        .filter(|&(i, c)| !in_address[i] && c.is_alphabetic())
        .count();
    (letters >= 12).then_some(text)
}

/// `550-5.1.1 first line` followed by `550-...` or `550 ...`: a multi-line SMTP reply
/// (RFC 5321 4.2.1) goes on.
fn continues_reply(prev: &str, line: &str) -> bool {
    match (leading_code(prev), leading_code(line)) {
        (Some(a), Some(b)) => {
            a == b
                && prev.as_bytes().get(3) == Some(&b'-')
                && matches!(line.as_bytes().get(3), Some(b'-' | b' ') | None)
        }
        _ => false,
    }
}

/// Reads a text bounce. `exclude` holds addresses that are not recipients unless a line
/// of the recipient list names them (the bounce's own From and To, the original sender);
/// `never` holds addresses that are not recipients wherever they stand (a mailing list's
/// command addresses).
pub(crate) fn read(
    body: &str,
    exclude: &[String],
    never: &[String],
    family: Option<&'static Family>,
) -> Vec<Finding> {
    read_report(report_part(body, family), exclude, never, family)
}

/// Like [`read`], for the report part of a text bounce, already cut before the returned
/// original (`original_start`).
pub(crate) fn read_report(
    report: &str,
    exclude: &[String],
    never: &[String],
    family: Option<&'static Family>,
) -> Vec<Finding> {
    let lines: Vec<&str> = report.lines().collect();
    let anchors = anchors(&lines, exclude, never);
    let reply_lines: Vec<usize> = (0..lines.len())
        .filter(|&i| is_reply_line(lines[i]))
        .collect();
    if anchors.is_empty() {
        return first_failure(&lines, &reply_lines, report, family)
            .into_iter()
            .collect();
    }
    let first_lines: Vec<usize> = anchors.iter().map(|a| a.lines[0]).collect();
    // which recipient each line names (the first one it names)
    let mut line_owner: Vec<Option<usize>> = vec![None; lines.len()];
    for (k, anchor) in anchors.iter().enumerate() {
        for &i in &anchor.lines {
            line_owner[i].get_or_insert(k);
        }
    }
    let text = Text {
        lines: &lines,
        reply_lines: &reply_lines,
        first_lines: &first_lines,
        line_owner: &line_owner,
        family,
    };
    anchors
        .iter()
        .enumerate()
        .map(|(k, anchor)| text.finding(k, anchor, anchors.len()))
        .collect()
}

/// The failed-recipient candidates of a report, in line order: every address on a line
/// that is not a header field, not the bounce machinery's, not excluded, not a display
/// name, a contact or the envelope sender.
fn anchors(lines: &[&str], exclude: &[String], never: &[String]) -> Vec<Anchor> {
    let mut anchors: Vec<Anchor> = Vec::new();
    let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    // a header field's continuation lines (`\tfor <a@b>; date` under Received:) belong
    // to the header too
    let mut in_header = false;
    // the recipient that leads the paragraph being read (`<a@b>: host ... said: ...`)
    let mut leader: Option<(String, usize)> = None;
    for (i, line) in lines.iter().enumerate() {
        leader = leader.filter(|(_, indent)| !line.trim().is_empty() && indent_of(line) > *indent);
        if is_header_line(line) {
            // only a field at the start of a line is a real header with continuations
            in_header = !line.starts_with([' ', '\t']);
            continue;
        }
        if in_header && line.starts_with([' ', '\t']) && !line.trim().is_empty() {
            continue;
        }
        in_header = false;
        let hits = find_addresses(line);
        // a display name stays one wherever else the line repeats it
        let display_names: Vec<&str> = hits
            .iter()
            .filter(|h| is_display_name(line, &h.span))
            .map(|h| h.address.as_str())
            .collect();
        if let Some(first) = hits.first().filter(|_| leads_a_paragraph(line)) {
            leader = Some((first.address.clone(), indent_of(line)));
        }
        for hit in &hits {
            // the bounce's own sender or receiver is no failed recipient, unless a line of
            // the recipient list names it (mail sent to oneself bounces too)
            let listed = hit.span.start == line.len() - line.trim_start().len()
                || (line.trim_start().starts_with('<') && starts_with_address(line));
            // another address in the reply under a recipient (`<ann@b>: host mx said:
            // 550 <ann.x@b>... unknown`) is the server's echo of what it saw, not one more
            // failed recipient, even on an indented line that the echo starts
            let echoed = leader.as_ref().is_some_and(|(l, _)| *l != hit.address);
            // in a session transcript, `<<< 553 <a@b>... refused` is the server's echo
            // of a command: it names no new recipient
            let transcript_echo =
                line.trim_start().starts_with("<<<") && !index.contains_key(&hit.address);
            if is_machinery(&hit.address)
                || echoed
                || transcript_echo
                || never.contains(&hit.address)
                || (exclude.contains(&hit.address) && !listed)
                || display_names.contains(&hit.address.as_str())
                || !names_a_recipient(line, &hit.span)
            {
                continue;
            }
            // `MAIL FROM:<a@b>` names the sender, not a recipient
            let before = line[..hit.span.start].to_ascii_lowercase();
            if before.trim_end().ends_with("mail from:<")
                || before.trim_end().ends_with("mail from:")
                || before.contains("envelope-from")
            {
                continue;
            }
            match index.get(&hit.address) {
                Some(&k) => anchors[k].lines.push(i),
                None => {
                    index.insert(hit.address.clone(), anchors.len());
                    anchors.push(Anchor {
                        address: hit.address.clone(),
                        lines: vec![i],
                    });
                }
            }
        }
    }
    anchors
}

/// A report that names no recipient: its first failure reply, rather than a number that
/// only looks like one (`(reason: 255)`).
fn first_failure(
    lines: &[&str],
    reply_lines: &[usize],
    report: &str,
    family: Option<&'static Family>,
) -> Option<Finding> {
    let start = reply_lines
        .iter()
        .copied()
        .find(|&i| names_a_failure(lines[i]))
        .or(reply_lines.first().copied())?;
    Some(Finding {
        diagnostic: Some(reply_block(lines, start, &[])),
        context: Some(report.to_string()),
        family,
        ..Finding::default()
    })
}

/// A report's lines, with where its replies and recipients stand.
struct Text<'a> {
    lines: &'a [&'a str],
    reply_lines: &'a [usize],
    /// The first line of each recipient, in order.
    first_lines: &'a [usize],
    /// Which recipient each line names first.
    line_owner: &'a [Option<usize>],
    family: Option<&'static Family>,
}

impl Text<'_> {
    /// The finding of recipient `k`: the reply that belongs to it, the command it
    /// answered, the host that gave it, and the lines around the address.
    fn finding(&self, k: usize, anchor: &Anchor, recipients: usize) -> Finding {
        let lines = self.lines;
        // 1. a line naming this address that carries a reply
        let own = anchor
            .lines
            .iter()
            .copied()
            .find(|&i| is_reply_line(lines[i]));
        // 2. the first reply after the address, before the next recipient's first line
        // (anchors are in line order, so the next one's first line follows)
        // (recipients named together on one line share the reply that follows them)
        // recipients listed one per line under a sentence ("Delivery to the following
        // recipients failed." then the addresses) share the reply after the list
        let mut listed_until = anchor.lines[0];
        if is_address_only(lines[listed_until]) {
            while let Some(next) = (listed_until + 1..lines.len())
                .find(|&i| !lines[i].trim().is_empty())
                .filter(|&i| is_address_only(lines[i]) && self.line_owner[i].is_some())
            {
                listed_until = next;
            }
        }
        let next_anchor = self.first_lines[k + 1..]
            .iter()
            .copied()
            .find(|&l| l > listed_until)
            .unwrap_or(lines.len());
        let after = || {
            let first_after = |line: usize| {
                let from = self.reply_lines.partition_point(|&i| i < line);
                self.reply_lines
                    .get(from)
                    .copied()
                    .filter(|&i| i < next_anchor || recipients == 1)
            };
            let first = first_after(anchor.lines[0]);
            // a status named in passing (`see DSN 5.7.129 ...`) gives way to the server's
            // reply under a later mention of the address (Exchange's "Diagnostic
            // information for administrators": `Remote server returned '550 5.7.129 ...'`)
            let has_reply = |i: usize| !find_replies(lines[i]).is_empty();
            match first {
                Some(i) if !has_reply(i) => anchor.lines[1..]
                    .iter()
                    .filter_map(|&l| first_after(l))
                    .find(|&i| has_reply(i))
                    .or(first),
                _ => first,
            }
        };
        // 3. a lone recipient listed before the replies
        let shared = || {
            (recipients == 1)
                .then(|| self.reply_lines.first().copied())
                .flatten()
        };
        let at = own
            .map(|i| section_reply(lines, i).unwrap_or(i))
            .or_else(after)
            .or_else(shared);
        // with no reply at all, the words the server wrote about this address are the
        // diagnostic (Exim's indented explanation, a sentence after `<addr>:`)
        let diagnostic = match at {
            Some(i) => Some(reply_block(lines, i, self.first_lines)),
            None if starts_with_address(lines[anchor.lines[0]]) => {
                explanation(lines, anchor.lines[0], self.first_lines)
            }
            None => None,
        };
        let command = at
            .and_then(|i| transcript_command(lines, i))
            .or_else(|| diagnostic.as_deref().and_then(command_named))
            .or_else(|| at.and_then(|i| introduced_command(lines, i, self.family)));
        let remote_mta = diagnostic.as_deref().and_then(remote_host);
        let paragraph_start = anchor.lines[0].saturating_sub(3);
        let paragraph_end = (anchor.lines[0] + 6).min(lines.len());
        // the text around the address, without lines that name another recipient: those
        // are about that one
        let context = (paragraph_start..paragraph_end)
            .filter(|&i| self.line_owner[i].is_none_or(|owner| owner == k))
            .map(|i| lines[i])
            .collect::<Vec<_>>()
            .join("\n");
        Finding {
            address: Some(anchor.address.clone()),
            diagnostic,
            command,
            remote_mta,
            context: Some(context),
            family: self.family,
            evidence: vec![Evidence::new(EvidenceKind::Address, &anchor.address)],
            ..Finding::default()
        }
    }
}
