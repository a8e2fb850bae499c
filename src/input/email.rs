//! A whole email: a complaint report, an SES notification, a delivery report (its DSN
//! part, or DSN fields written into the text, merged with what the human text says), an
//! auto-reply, or a bounce written only for people. Each of those is a step below; the
//! email's own sender and receiver, and a mailing list's addresses, are never recipients.

use std::collections::HashMap;

use super::{autoreply, dsn, feedback, mime, notification, text};
use super::{Finding, Presented, Read, Shape};
use crate::knowledge::vendors::{detect_family, Family, Signs};
use crate::knowledge::wording::{contains_any, is_system_sender, promises_retry, wording};
use crate::model::report::{Evidence, InputKind};
use crate::model::{EvidenceKind, WarningCode};
use crate::scan::address::find_addresses;
use crate::scan::codes::names_a_failure;
use crate::scan::reply::parse_diagnostic;
use crate::scan::text::{normalize, report_text};

/// Reads an email; when its own text names no failure (no code, no diagnostic) but it
/// carries a delivery report as its attached message, that report is the bounce.
pub(crate) fn read_email_or_nested_report(email: &mime::Email) -> Read {
    let outer = read_email(email);
    let says_something = outer
        .findings
        .iter()
        .any(|f| f.status_field.is_some() || f.diagnostic.is_some() || f.reply_field.is_some());
    if says_something {
        return outer;
    }
    // one level only: a report inside a report inside a report is not followed further
    let inner = email
        .nested_report
        .as_deref()
        .and_then(mime::parse)
        .map(|nested| read_email(&nested))
        .filter(|inner| !inner.findings.is_empty());
    match inner {
        Some(mut inner) => {
            inner.warnings.push(WarningCode::NestedReport);
            inner
        }
        None => outer,
    }
}

/// The parts of an email every step reads.
struct Parts<'a> {
    email: &'a mime::Email,
    /// The text parts, joined.
    bodies: String,
    family: Option<&'static Family>,
    /// Where a returned original quoted as text begins in `bodies`.
    original_at: Option<usize>,
}

impl Parts<'_> {
    /// The report: the text before the quoted original.
    fn report(&self) -> &str {
        &self.bodies[..self.original_at.unwrap_or(self.bodies.len())]
    }
}

fn read_email(email: &mime::Email) -> Read {
    // the shape is settled below: by the feedback or notification reader, or once the
    // family (which the message's presentation depends on) is known
    let mut r = Read::new(
        InputKind::Email,
        Shape::Report {
            email: true,
            presented: None,
        },
    );
    r.original = email.original.clone();
    r.message.subject = email.header("subject").map(str::to_string);
    r.message.from = email.header("from").map(str::to_string);
    r.message.date = email.header("date").map(str::to_string);

    if let Some(report) = &email.feedback {
        return feedback::read(r, email, report);
    }
    // Microsoft's junk-mail reports (JMRP) attach the message with no feedback part
    let subject = normalize(email.header("subject").unwrap_or(""));
    if wording()
        .complaint_subjects
        .iter()
        .any(|s| subject.starts_with(s))
        && email.original.is_some()
    {
        return feedback::read(r, email, "Feedback-Type: abuse\n");
    }

    let bodies = email.bodies.join("\n\n");
    if notification::read_into(&mut r, &bodies) {
        return r;
    }
    // a person's answer that quotes a bounce: the quoted lines are not its text
    let answer = is_an_answer(&subject);
    let own_text = if answer {
        unquoted(&bodies)
    } else {
        bodies.clone()
    };
    let report_text = report_text(&own_text);
    let family = detect_family(&Signs {
        from: email.header("from").unwrap_or(""),
        subject: if answer {
            ""
        } else {
            email.header("subject").unwrap_or("")
        },
        headers: &email.headers,
        body: &report_text,
    });
    r.message.mta_family = family.map(|f| f.name.to_string());
    let original_at = text::original_start(&own_text, family);
    let parts = Parts {
        email,
        bodies: own_text,
        family,
        original_at,
    };
    if r.original.is_none() {
        // the original quoted as text after the report's marker line
        r.original = original_at
            .and_then(|start| parts.bodies[start..].split_once('\n'))
            .and_then(|(_, rest)| mime::original_from_text(rest));
    }
    let presented = presented_as(email, family, &report_text);
    r.shape = Shape::Report {
        email: true,
        presented,
    };
    let text_findings = text::read_report(
        parts.report(),
        &excluded_addresses(email),
        &list_addresses(email),
        family,
    );

    let from_dsn = delivery_report(&mut r, &parts, &text_findings);
    if !from_dsn.is_empty() {
        // the report's Actions speak for its kind, not the subject
        r.shape = Shape::Report {
            email: true,
            presented: None,
        };
        r.findings = from_dsn;
        for f in &mut r.findings {
            f.family = family;
            f.presented_as = presented;
            f.whole_report = true;
        }
        return r;
    }

    if autoreply::is_auto_reply(email) && text_findings.iter().all(|f| f.diagnostic.is_none()) {
        r.shape = Shape::AutoReply;
        r.findings.push(autoreply::finding(email));
        return r;
    }

    let mut findings = failed_recipients_header(email, text_findings, &parts);
    // findings with no diagnostic at all are addresses mentioned in passing, unless they
    // are all we have
    if findings.iter().any(|f| f.diagnostic.is_some()) {
        findings.retain(|f| f.diagnostic.is_some());
    }
    // a reply with no address: the original's recipient is the failed one when it is alone
    if findings.len() == 1 && findings[0].address.is_none() && email.original_recipients.len() == 1
    {
        findings[0].address = Some(email.original_recipients[0].clone());
    }
    if findings.is_empty() && presented.is_some() {
        findings.extend(returned_recipient(&parts));
    }
    // an ordinary message (a newsletter, a person's reply) that names addresses is no
    // bounce: without any sign of a failed delivery it has no failed recipients
    let failure_sign = email.header("x-failed-recipients").is_some()
        || (!is_a_mailing(email) && (presented.is_some() || findings.iter().any(quotes_a_failure)));
    if !failure_sign {
        findings.clear();
    }
    for f in &mut findings {
        f.presented_as = presented;
        f.whole_report = true;
    }
    r.findings = findings;
    r
}

/// Addresses that are no failed recipients unless the recipient list names them: the
/// bounce's own sender and receiver, and the original's sender.
fn excluded_addresses(email: &mime::Email) -> Vec<String> {
    let mut exclude: Vec<String> = Vec::new();
    for name in [
        "from",
        "to",
        "return-path",
        "delivered-to",
        "reply-to",
        "sender",
    ] {
        if let Some(v) = email.header(name) {
            exclude.extend(find_addresses(v).into_iter().map(|h| h.address));
        }
    }
    if let Some(from) = email.original.as_ref().and_then(|o| o.from.as_deref()) {
        exclude.extend(find_addresses(from).into_iter().map(|h| h.address));
    }
    exclude
}

/// A mailing list's command addresses (RFC 2369 List-* fields): a list's notices tell
/// the reader to write to them, and they never failed.
fn list_addresses(email: &mime::Email) -> Vec<String> {
    email
        .headers
        .iter()
        .filter(|(name, _)| name.starts_with("list-"))
        .flat_map(|(_, value)| find_addresses(value))
        .map(|h| h.address)
        .collect()
}

/// The findings of the email's delivery report (its message/delivery-status parts, or DSN
/// fields written into the text part, as old Sendmail does), each completed with what the
/// human text says of the same recipient: the reply the DSN left out, the paragraph
/// around it, the command, the remote host.
fn delivery_report(r: &mut Read, parts: &Parts<'_>, text_findings: &[Finding]) -> Vec<Finding> {
    let email = parts.email;
    let inline: Vec<String> = if email.delivery_status.is_empty() {
        inline_dsn(parts.report())
            .map(str::to_string)
            .into_iter()
            .collect()
    } else {
        Vec::new()
    };
    let delivery_status = if inline.is_empty() {
        &email.delivery_status
    } else {
        &inline
    };
    let mut findings = Vec::new();
    for part in delivery_status {
        let report = dsn::parse(part);
        if r.message.reporting_mta.is_none() {
            r.message.reporting_mta =
                dsn::field(&report.message, "reporting-mta").map(dsn::clean_mta);
            r.message.arrival_date =
                dsn::field(&report.message, "arrival-date").map(str::to_string);
        }
        findings.extend(dsn::findings(&report, parts.family));
    }
    // indexed: a report may name thousands of recipients
    let by_address: HashMap<&str, &Finding> = text_findings
        .iter()
        .rev()
        .filter_map(|t| t.address.as_deref().map(|a| (a, t)))
        .collect();
    let text_for = |f: &Finding| {
        f.address
            .as_deref()
            .and_then(|a| by_address.get(a).copied())
    };
    for f in &mut findings {
        let from_text = if lacks_a_reply(f) {
            let t = text_for(f).or_else(|| (text_findings.len() == 1).then(|| &text_findings[0]));
            if let Some(t) = t.filter(|t| t.diagnostic.is_some()) {
                f.diagnostic = t.diagnostic.clone();
            }
            t
        } else {
            let t = text_for(f);
            if let Some(t) = t.filter(|t| quotes_more_than_the_summary(f, t)) {
                f.diagnostic = t.diagnostic.clone();
            }
            t
        };
        if let Some(t) = from_text {
            f.context = t.context.clone();
            f.command = f.command.or(t.command);
            f.remote_mta = f.remote_mta.take().or_else(|| t.remote_mta.clone());
        }
    }
    findings
}

/// Whether a DSN finding's Diagnostic-Code is missing or says too little to be the reply
/// (a mailer's exit code, `X-Unix; 255`): the text's reply then stands in.
fn lacks_a_reply(f: &Finding) -> bool {
    match f.diagnostic.as_deref() {
        None => true,
        Some(d) => {
            let said = parse_diagnostic(d);
            let (_, words) = dsn::split_type(d);
            said.reply_code.is_none() && said.status.is_none() && words.len() < 8
        }
    }
}

/// Whether the report's text quotes the receiving server's own reply for a recipient
/// (`421 4.4.2 ... timeout exceeded`: a reply with a status of its own detail) where the
/// DSN's Diagnostic-Code holds only the reporting server's summary (`554 5.0.0`, a
/// catch-all status or none): the receiving server's reply says what happened.
fn quotes_more_than_the_summary(f: &Finding, t: &Finding) -> bool {
    let (Some(dsn), Some(text)) = (f.diagnostic.as_deref(), t.diagnostic.as_deref()) else {
        return false;
    };
    let (summary, quoted) = (parse_diagnostic(dsn), parse_diagnostic(text));
    let catch_all = |s: &Option<String>| s.as_deref().is_none_or(|s| s.ends_with(".0.0"));
    let specific = quoted.reply_code.is_some() && !catch_all(&quoted.status);
    specific && catch_all(&summary.status) && quoted.reply_code != summary.reply_code
}

/// Whether a finding's diagnostic holds a failure's reply or status (4xx, 5xx, 4.x.x,
/// 5.x.x).
/// A newsletter or a list's post (List-Unsubscribe, List-Id), not from the bounce
/// machinery and with no report inside: its words about bounces ("a 550 5.1.1 is not a
/// 421") and its subject ("why your bounces are rising") are its content, not a failed
/// delivery. No bounce of either corpus carries these fields at its top level.
fn is_a_mailing(email: &mime::Email) -> bool {
    let listed = email.header("list-unsubscribe").is_some() || email.header("list-id").is_some();
    listed
        && !from_the_machinery(email)
        && email.delivery_status.is_empty()
        && email.nested_report.is_none()
}

/// Whether the message comes from the bounce machinery: a system sender's address
/// (`mailer-daemon@`, `postmaster@`) or a From that names the mailer-daemon.
fn from_the_machinery(email: &mime::Email) -> bool {
    email
        .header("from")
        .and_then(|v| find_addresses(v).into_iter().next())
        .is_some_and(|h| is_system_sender(&h.address))
        || email
            .header("from")
            .is_some_and(|v| v.to_ascii_lowercase().contains("mailer-daemon"))
}

fn quotes_a_failure(f: &Finding) -> bool {
    f.diagnostic.as_deref().is_some_and(names_a_failure)
}

/// Exim and others name the failed recipients in a header of their own
/// (X-Failed-Recipients). The report's own list wins when it names as many other
/// addresses, each with a reply: the header then holds a rewritten form of them.
fn failed_recipients_header(
    email: &mime::Email,
    findings: Vec<Finding>,
    parts: &Parts<'_>,
) -> Vec<Finding> {
    let Some(failed) = email.header("x-failed-recipients") else {
        return findings;
    };
    let listed: Vec<String> = find_addresses(failed)
        .into_iter()
        .map(|h| h.address)
        .collect();
    let replied = findings
        .iter()
        .filter(|f| f.diagnostic.is_some() && f.address.is_some())
        .count();
    let none_listed = !findings
        .iter()
        .any(|f| f.address.as_ref().is_some_and(|a| listed.contains(a)));
    if listed.is_empty() || (none_listed && replied == listed.len()) {
        return findings;
    }
    let fallback = findings.iter().find(|f| f.diagnostic.is_some()).cloned();
    listed
        .iter()
        .map(|address| {
            match findings
                .iter()
                .find(|f| f.address.as_ref() == Some(address))
            {
                Some(f) => f.clone(),
                None => {
                    let mut f = fallback.clone().unwrap_or_else(|| Finding {
                        // the report's own words are all there is to go on
                        context: Some(parts.report().to_string()),
                        family: parts.family,
                        ..Finding::default()
                    });
                    f.address = Some(address.clone());
                    f.evidence = vec![Evidence::new(EvidenceKind::Address, address)];
                    f
                }
            }
        })
        .collect()
}

/// A report that names nobody (`Delivery report unavailable`): the returned message's
/// only recipient is the one that failed, and nothing more is known.
fn returned_recipient(parts: &Parts<'_>) -> Option<Finding> {
    let quoted = || {
        // the returned message quoted as text after the report: its `To:` lines
        let start = parts.original_at?;
        let to: Vec<String> = parts.bodies[start..]
            .lines()
            .filter(|l| l.trim_start().to_ascii_lowercase().starts_with("to:"))
            .flat_map(|l| find_addresses(l).into_iter().map(|h| h.address))
            .collect();
        (to.len() == 1).then(|| to[0].clone())
    };
    let address = match parts.email.original_recipients.as_slice() {
        [only] => Some(only.clone()),
        [] => quoted(),
        _ => None,
    }?;
    Some(Finding {
        evidence: vec![Evidence::new(EvidenceKind::Address, &address)],
        address: Some(address),
        context: Some(parts.report().to_string()),
        family: parts.family,
        ..Finding::default()
    })
}

/// DSN fields written into a text part: from the first per-message or per-recipient
/// field, when a `Final-Recipient:` line starts a line.
fn inline_dsn(body: &str) -> Option<&str> {
    let lower = body.to_ascii_lowercase();
    let recipient = line_start(&lower, "final-recipient:")?;
    let start = line_start(&lower, "reporting-mta:")
        .filter(|&s| s < recipient)
        .unwrap_or(recipient);
    Some(&body[start..])
}

/// Where a line starting with `prefix` begins in `text`.
fn line_start(text: &str, prefix: &str) -> Option<usize> {
    if text.starts_with(prefix) {
        return Some(0);
    }
    text.match_indices(prefix)
        .map(|(i, _)| i)
        .find(|&i| text[..i].ends_with('\n'))
}

/// Whether a subject is a person's answer (`Re: Undelivered Mail ...`).
fn is_an_answer(subject: &str) -> bool {
    wording()
        .answer_prefixes
        .iter()
        .any(|p| subject.starts_with(p))
}

/// A text without its quoted (`> `) lines.
fn unquoted(text: &str) -> String {
    text.lines()
        .filter(|l| !l.trim_start().starts_with('>'))
        .collect::<Vec<_>>()
        .join("\n")
}

/// What the email says of itself when no code does: a delay warning by its subject; a
/// returned message when it comes from the mail system, is a delivery report, is in a
/// known server's bounce template, or is titled as undeliverable; nothing for other mail.
/// `report_text` is its own text as `scan::text::report_text` gives it.
fn presented_as(
    email: &mime::Email,
    family: Option<&Family>,
    report_text: &str,
) -> Option<Presented> {
    let subject = normalize(email.header("subject").unwrap_or(""));
    if contains_any(&subject, wording().delay_subjects) || promises_retry(report_text) {
        return Some(Presented::Delay);
    }
    let from_system = from_the_machinery(email);
    let is_report = email
        .report_type
        .as_deref()
        .is_some_and(|t| t.contains("delivery-status"));
    let titled = !is_an_answer(&subject) && contains_any(&subject, wording().bounce_subjects);
    (from_system || is_report || family.is_some() || titled).then_some(Presented::Failure)
}
