//! Decides what the input is (a bare code, reply lines, DSN fields, log lines, a whole
//! email) and sends it to the reader for that shape. Each reader returns findings, one per
//! recipient; `crate::classify` interprets them.

pub(crate) mod dsn;
pub(crate) mod html;
pub(crate) mod log;
pub(crate) mod mime;
pub(crate) mod notification;
pub(crate) mod text;

use crate::classify::Finding;
use crate::families;
use crate::report::{Evidence, InputKind, MessageInfo, MessageKind, OriginalMessage};
use crate::scan::address::{find_addresses, from_field, is_system_sender};
use crate::scan::text::normalize;
use crate::taxonomy::Reason;

/// What the readers found in the whole input.
#[derive(Debug)]
pub(crate) struct Read {
    pub kind: MessageKind,
    pub input: InputKind,
    pub findings: Vec<Finding>,
    pub message: MessageInfo,
    pub original: Option<OriginalMessage>,
    /// Machine codes of warnings about the input (`not_a_bounce`, `no_code_found`...).
    pub warnings: Vec<&'static str>,
}

impl Read {
    fn new(input: InputKind) -> Read {
        Read {
            kind: MessageKind::Unknown,
            input,
            findings: Vec::new(),
            message: MessageInfo::default(),
            original: None,
            warnings: Vec::new(),
        }
    }
}

/// True when the text starts with a block of RFC 5322 header fields that an email has.
fn looks_like_email(text: &str) -> bool {
    let mut names = Vec::new();
    for line in text.lines().take(60) {
        if line.trim().is_empty() {
            break;
        }
        if line.starts_with([' ', '\t']) || (names.is_empty() && line.starts_with("From ")) {
            continue;
        }
        match line.split_once(':') {
            Some((name, _))
                if !name.is_empty()
                    && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') =>
            {
                names.push(name.to_ascii_lowercase());
            }
            _ => return false,
        }
    }
    let strong = [
        "from",
        "subject",
        "received",
        "return-path",
        "mime-version",
        "content-type",
        "message-id",
        "date",
        "delivered-to",
        "to",
        "x-failed-recipients",
    ];
    let strong_count = names
        .iter()
        .filter(|n| strong.contains(&n.as_str()))
        .count();
    // pasted DSN fields look like headers too; an email's own header block also has
    // Received, Message-ID or MIME-Version (some servers add Original-Recipient to it)
    strong_count >= 2
        && (strong_count >= 4 || !names.iter().any(|n| dsn::DSN_FIELDS.contains(&n.as_str())))
}

/// True when pasted text is made of DSN fields.
fn looks_like_dsn(text: &str) -> bool {
    text.lines().take(200).any(|l| {
        let lower = l.trim_start().to_ascii_lowercase();
        lower.starts_with("final-recipient:") || lower.starts_with("original-recipient:")
    }) || (text
        .lines()
        .any(|l| l.to_ascii_lowercase().starts_with("status:"))
        && text
            .lines()
            .any(|l| l.to_ascii_lowercase().starts_with("diagnostic-code:")))
}

/// True when the whole input is one bare code (`5.1.1`, `550`, `S3150`, `5.1.x`).
fn bare_code(text: &str) -> Option<String> {
    let t = text.trim();
    if t.is_empty() || t.contains(char::is_whitespace) || t.len() > 16 {
        return None;
    }
    let key = crate::knowledge::normalize_code(t)?;
    let numeric = key.starts_with(|c: char| c.is_ascii_digit());
    let known = crate::knowledge::explain(&key, crate::knowledge::Lang::En).is_some();
    (known || (numeric && (key.len() == 3 || key.matches('.').count() == 2))).then_some(key)
}

/// Reads any input.
pub(crate) fn read(raw: &[u8]) -> Read {
    let text = String::from_utf8_lossy(raw);
    if text.trim().is_empty() {
        let mut r = Read::new(InputKind::Empty);
        r.warnings.push("empty_input");
        return r;
    }
    if let Some(code) = bare_code(&text) {
        return read_code(&code);
    }
    if looks_like_email(&text) {
        if let Some(email) = mime::parse(raw) {
            return read_email_or_nested_report(&email);
        }
    }
    if looks_like_dsn(&text) {
        let mut r = Read::new(InputKind::Text);
        let dsn = dsn::parse(&text);
        r.message.reporting_mta = dsn::field(&dsn.message, "reporting-mta").map(clean_mta);
        r.findings = from_dsn(&dsn, None);
        finish_kind(&mut r);
        return r;
    }
    if log::looks_like_log(&text) {
        let mut r = Read::new(InputKind::Log);
        r.findings = log::read(&text);
        finish_kind(&mut r);
        return r;
    }
    let mut r = Read::new(InputKind::Text);
    if read_notification(&mut r, &text) {
        return r;
    }
    let family = families::detect(&families::Signs {
        from: "",
        subject: "",
        headers: &[],
        body: &text,
    });
    r.message.mta_family = family.map(|f| f.name.to_string());
    r.findings = text::read(&text, &[], &[], family);
    finish_kind(&mut r);
    r
}

fn read_code(code: &str) -> Read {
    let mut r = Read::new(InputKind::Code);
    let finding = if code.contains('.') {
        Finding {
            status_field: Some(code.to_string()),
            evidence: vec![Evidence::new("status", code)],
            ..Finding::default()
        }
    } else if let Ok(reply) = code.parse::<u16>() {
        Finding {
            reply_field: Some(reply),
            evidence: vec![Evidence::new("reply_code", code)],
            ..Finding::default()
        }
    } else {
        Finding {
            diagnostic: Some(format!("({code})")),
            ..Finding::default()
        }
    };
    r.findings.push(finding);
    r.kind = match code.chars().next() {
        Some('2') => MessageKind::Delivered,
        Some('3') => MessageKind::NotABounce,
        _ => MessageKind::Bounce,
    };
    r
}

/// `dns; mx.example.com` -> `mx.example.com`.
fn clean_mta(value: &str) -> String {
    let (_, v) = dsn::split_type(value);
    v.split_whitespace()
        .next()
        .unwrap_or(v)
        .trim_matches(['[', ']'])
        .to_string()
}

/// Findings from the recipient blocks of a DSN.
fn from_dsn(report: &dsn::Dsn, family: Option<&families::Family>) -> Vec<Finding> {
    report
        .recipients
        .iter()
        .map(|fields| {
            let final_recipient = dsn::field(fields, "final-recipient").and_then(from_field);
            let original = dsn::field(fields, "original-recipient").and_then(from_field);
            // a source route (`@relay:user@host`) or a host-only domain in Final-Recipient
            // is the server's internal form; the Original-Recipient is the address sent to
            let plausible = |a: &String| {
                !a.starts_with('@') && a.rsplit('@').next().is_some_and(|d| d.contains('.'))
            };
            let address = final_recipient
                .clone()
                .filter(|a| plausible(a) || original.is_none())
                .or(original.clone())
                .or_else(|| dsn::field(fields, "x-actual-recipient").and_then(from_field));
            let status = dsn::field(fields, "status").map(|s| {
                crate::scan::codes::find_statuses(s)
                    .first()
                    .map(|h| h.code.clone())
                    .unwrap_or_else(|| s.trim().to_string())
            });
            let action = dsn::field(fields, "action").map(|a| a.trim().to_ascii_lowercase());
            let diagnostic = dsn::field(fields, "diagnostic-code").map(str::to_string);
            let mut evidence_list = Vec::new();
            if let Some(a) = &address {
                evidence_list.push(Evidence::new("address", a));
            }
            if let Some(a) = &action {
                evidence_list.push(Evidence::new("kind", &format!("Action: {a}")));
            }
            // the family's own verdict in a field of its own (X-PowerMTA-BounceCategory)
            let category = family
                .and_then(|f| {
                    f.reason_from_category(fields)
                        .or_else(|| f.reason_from_category(&report.message))
                })
                .or_else(|| diagnostic.as_deref().and_then(program_exit_status));
            Finding {
                address,
                category,
                original_address: original.filter(|o| Some(o) != final_recipient.as_ref()),
                status_field: status
                    .filter(|s| s.chars().next().is_some_and(|c| c.is_ascii_digit())),
                diagnostic,
                dsn_action: action,
                remote_mta: dsn::field(fields, "remote-mta").map(clean_mta),
                evidence: evidence_list,
                ..Finding::default()
            }
        })
        .collect()
}

/// A Diagnostic-Code that is only a delivery program's exit status (`X-Unix; 255`): the
/// message was handed to a local program (a pipe, procmail), and it failed. The transcript
/// may say more, but this is the report's own statement of what failed.
fn program_exit_status(diagnostic: &str) -> Option<(Reason, String)> {
    let (kind, exit_status) = dsn::split_type(diagnostic);
    (kind.is_some_and(|k| k.eq_ignore_ascii_case("x-unix"))
        && !exit_status.is_empty()
        && exit_status.len() <= 3
        && exit_status.bytes().all(|b| b.is_ascii_digit()))
    .then(|| (Reason::MailerError, diagnostic.trim().to_string()))
}

/// The message kind from the DSN actions and the findings.
fn finish_kind(r: &mut Read) {
    if r.findings.is_empty() {
        if r.kind == MessageKind::Unknown {
            r.warnings.push("no_bounce_found");
        }
        return;
    }
    let actions: Vec<&str> = r
        .findings
        .iter()
        .filter_map(|f| f.dsn_action.as_deref())
        .collect();
    let classes: Vec<Option<char>> = actions
        .iter()
        .map(|a| crate::classify::dsn_action_class(Some(a)))
        .collect();
    let any_failed = classes.contains(&Some('5'));
    // pasted success replies (`250 2.0.0 Ok: queued`) carry no Action field
    let all_success = actions.is_empty()
        && r.findings.iter().all(|f| {
            let d = f
                .diagnostic
                .as_deref()
                .map(crate::scan::reply::parse_diagnostic);
            let status = f
                .status_field
                .clone()
                .or_else(|| d.as_ref().and_then(|d| d.status.clone()));
            let reply = f
                .reply_field
                .or_else(|| d.as_ref().and_then(|d| d.reply_code));
            let class = status
                .as_deref()
                .and_then(crate::scan::codes::class_of)
                .or_else(|| reply.and_then(|c| char::from_digit(u32::from(c / 100), 10)));
            class == Some('2')
        });
    let all_delivered = !classes.is_empty() && classes.iter().all(|c| *c == Some('2'));
    let only_delays =
        !any_failed && !classes.is_empty() && classes.iter().all(|c| matches!(c, Some('2' | '4')));
    r.kind = if all_success || all_delivered {
        MessageKind::Delivered
    } else if only_delays {
        MessageKind::Delay
    } else {
        MessageKind::Bounce
    };
    if r.findings.iter().all(|f| {
        f.diagnostic.is_none()
            && f.status_field.is_none()
            && f.reply_field.is_none()
            && f.forced_reason.is_none()
    }) {
        r.warnings.push("no_code_found");
    }
}

const VACATION_SUBJECTS: &[&str] = &[
    "out of office",
    "out of the office",
    "automatic reply",
    "auto reply",
    "autoreply",
    "auto-reply",
    "auto response",
    "autoresponse",
    "vacation",
    "away from",
    "abwesenheit",
    "automatische antwort",
    "absence",
    "on leave",
    "réponse automatique",
    "risposta automatica",
    "respuesta automática",
    "自動応答",
];

fn is_auto_reply(email: &mime::Email) -> bool {
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
    let subject_says = VACATION_SUBJECTS.iter().any(|s| subject.contains(s));
    subject_says
        || (header_says
            && !subject.contains("deliver")
            && !subject.contains("undeliver")
            && !subject.contains("fail"))
}

/// Reads an email; when its own text names no failure (no code, no diagnostic) but it
/// carries a delivery report as its attached message, that report is the bounce.
fn read_email_or_nested_report(email: &mime::Email) -> Read {
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
            inner.warnings.push("nested_report");
            inner
        }
        None => outer,
    }
}

fn read_email(email: &mime::Email) -> Read {
    let mut r = Read::new(InputKind::Email);
    r.original = email.original.clone();
    r.message.subject = email.header("subject").map(str::to_string);
    r.message.from = email.header("from").map(str::to_string);
    r.message.date = email.header("date").map(str::to_string);

    // addresses that are never failed recipients: the bounce's own sender and receiver
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
    // a mailing list's command addresses (RFC 2369 List-* fields): a list's notices
    // tell the reader to write to them, and they never failed
    let list_addresses: Vec<String> = email
        .headers
        .iter()
        .filter(|(name, _)| name.starts_with("list-"))
        .flat_map(|(_, value)| find_addresses(value))
        .map(|h| h.address)
        .collect();

    // complaint reports (RFC 5965)
    if let Some(feedback) = &email.feedback {
        return read_feedback(r, email, feedback);
    }
    // Microsoft's junk-mail reports (JMRP) attach the message with no feedback part
    if normalize(email.header("subject").unwrap_or("")).starts_with("complaint about message from")
        && email.original.is_some()
    {
        return read_feedback(r, email, "Feedback-Type: abuse\n");
    }

    let bodies = email.bodies.join("\n\n");
    if read_notification(&mut r, &bodies) {
        return r;
    }
    let family = families::detect(&families::Signs {
        from: email.header("from").unwrap_or(""),
        subject: email.header("subject").unwrap_or(""),
        headers: &email.headers,
        body: &bodies,
    });
    r.message.mta_family = family.map(|f| f.name.to_string());
    // where a returned original quoted as text begins; the report is what comes before
    let original_at = text::original_start(&bodies, family);
    let report = &bodies[..original_at.unwrap_or(bodies.len())];
    if r.original.is_none() {
        // the original quoted as text after the report's marker line
        r.original = original_at
            .and_then(|start| bodies[start..].split_once('\n'))
            .and_then(|(_, rest)| mime::original_from_text(rest));
    }
    let text_findings = text::read(&bodies, &exclude, &list_addresses, family);

    // old Sendmail and others write the DSN fields into the text part itself
    let inline_dsn: Vec<String> = if email.delivery_status.is_empty() {
        inline_dsn(report).map(str::to_string).into_iter().collect()
    } else {
        Vec::new()
    };
    let delivery_status = if inline_dsn.is_empty() {
        &email.delivery_status
    } else {
        &inline_dsn
    };
    if !delivery_status.is_empty() {
        for part in delivery_status {
            let report = dsn::parse(part);
            if r.message.reporting_mta.is_none() {
                r.message.reporting_mta =
                    dsn::field(&report.message, "reporting-mta").map(clean_mta);
                r.message.arrival_date =
                    dsn::field(&report.message, "arrival-date").map(str::to_string);
            }
            r.findings.extend(from_dsn(&report, family));
        }
        // the human text often carries the reply the DSN left out (indexed: a report may
        // name thousands of recipients)
        let by_address: std::collections::HashMap<&str, &Finding> = text_findings
            .iter()
            .rev()
            .filter_map(|t| t.address.as_deref().map(|a| (a, t)))
            .collect();
        let text_for = |f: &Finding| {
            f.address
                .as_deref()
                .and_then(|a| by_address.get(a).copied())
        };
        for f in &mut r.findings {
            if f.diagnostic.is_none()
                || f.diagnostic.as_deref().is_some_and(|d| {
                    // no reply, only a few characters: a mailer's exit code (`X-Unix; 255`)
                    let said = crate::scan::reply::parse_diagnostic(d);
                    let (_, words) = dsn::split_type(d);
                    said.reply_code.is_none() && said.status.is_none() && words.len() < 8
                })
            {
                let from_text =
                    text_for(f).or_else(|| (text_findings.len() == 1).then(|| &text_findings[0]));
                if let Some(t) = from_text {
                    if t.diagnostic.is_some() {
                        f.diagnostic = t.diagnostic.clone();
                    }
                    f.context = t.context.clone();
                    f.command = f.command.or(t.command);
                    f.remote_mta = f.remote_mta.take().or_else(|| t.remote_mta.clone());
                }
            } else if let Some(t) = text_for(f) {
                f.context = t.context.clone();
                f.command = f.command.or(t.command);
                f.remote_mta = f.remote_mta.take().or_else(|| t.remote_mta.clone());
            }
        }
        let implied = implied_class(email, family);
        for f in &mut r.findings {
            f.family = family;
            f.fallback_class = implied;
            f.whole_report = true;
        }
        if !r.findings.is_empty() {
            finish_kind(&mut r);
            return r;
        }
    }

    if is_auto_reply(email) && text_findings.iter().all(|f| f.diagnostic.is_none()) {
        r.kind = MessageKind::AutoReply;
        let who = email
            .header("from")
            .and_then(|v| find_addresses(v).into_iter().next())
            .map(|h| h.address);
        r.findings.push(Finding {
            address: who.clone(),
            forced_reason: Some(Reason::Vacation),
            evidence: vec![Evidence::new("kind", email.header("subject").unwrap_or(""))],
            ..Finding::default()
        });
        return r;
    }

    let mut findings = text_findings;
    // Exim and others name the failed recipients in a header of their own
    if let Some(failed) = email.header("x-failed-recipients") {
        let listed: Vec<String> = find_addresses(failed)
            .into_iter()
            .map(|h| h.address)
            .collect();
        // the report's own list wins when it names as many other addresses, each with a
        // reply: the header then holds a rewritten form of them
        let replied = findings
            .iter()
            .filter(|f| f.diagnostic.is_some() && f.address.is_some())
            .count();
        let none_listed = !findings
            .iter()
            .any(|f| f.address.as_ref().is_some_and(|a| listed.contains(a)));
        let report_wins = none_listed && replied == listed.len();
        if !listed.is_empty() && !report_wins {
            let fallback = findings.iter().find(|f| f.diagnostic.is_some()).cloned();
            let mut kept: Vec<Finding> = Vec::new();
            for address in &listed {
                match findings
                    .iter()
                    .find(|f| f.address.as_ref() == Some(address))
                {
                    Some(f) => kept.push(f.clone()),
                    None => {
                        let mut f = fallback.clone().unwrap_or_else(|| Finding {
                            // the report's own words are all there is to go on
                            context: Some(report.to_string()),
                            family,
                            ..Finding::default()
                        });
                        f.address = Some(address.clone());
                        f.evidence = vec![Evidence::new("address", address)];
                        kept.push(f);
                    }
                }
            }
            findings = kept;
        }
    }
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
    // no code may say it, but a returned message is a failure and a delay warning is not
    let implied = implied_class(email, family);
    // a report that names nobody (`Delivery report unavailable`): the returned message's
    // only recipient is the one that failed, and nothing more is known
    let quoted_recipients = || {
        // the returned message quoted as text after the report: its `To:` lines
        let start = original_at?;
        let to: Vec<String> = bodies[start..]
            .lines()
            .filter(|l| l.trim_start().to_ascii_lowercase().starts_with("to:"))
            .flat_map(|l| find_addresses(l).into_iter().map(|h| h.address))
            .collect();
        (to.len() == 1).then(|| to[0].clone())
    };
    let returned_to = match email.original_recipients.as_slice() {
        [only] => Some(only.clone()),
        [] => quoted_recipients(),
        _ => None,
    };
    if let (true, Some(_), Some(address)) = (findings.is_empty(), implied, returned_to) {
        findings.push(Finding {
            evidence: vec![Evidence::new("address", &address)],
            address: Some(address),
            context: Some(report.to_string()),
            family,
            ..Finding::default()
        });
    }
    for f in &mut findings {
        f.fallback_class = implied;
        f.whole_report = true;
    }
    r.findings = findings;
    finish_kind(&mut r);
    if r.findings.is_empty() {
        r.kind = MessageKind::NotABounce;
    } else if implied == Some('4') && r.kind == MessageKind::Bounce {
        r.kind = MessageKind::Delay;
    }
    r
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

/// Subject words of delay warnings, which promise further attempts.
const DELAY_SUBJECTS: &[&str] = &[
    "delayed",
    "delay)",
    "warning: could not send",
    "warning: message",
    "still being retried",
    "not yet been delivered",
    "will retry",
    "verzögert",
    "retardé",
];

/// Subject words of messages that return mail as undeliverable.
const BOUNCE_SUBJECTS: &[&str] = &[
    "undeliver",
    "undelivered",
    "returned mail",
    "returned to sender",
    "delivery fail",
    "delivery status notification",
    "failure notice",
    "mail delivery",
    "delivery has failed",
    "could not be delivered",
    "not delivered",
    "non remis",
    "non recapitabile",
    "unzustellbar",
    "nicht zustellbar",
    "rejected",
    "bounce",
    "mail system error",
    "delivery problem",
    "nondeliverable",
    "non-deliverable",
    "no entregado",
    "error sending",
    "failed delivery",
    "message not sent",
    "mail error",
    "error notification",
    "メールエラー",
    "配信エラー",
    "配送エラー",
    "不達",
    "unzustellbare",
];

/// The class the kind of message implies for its recipients: 4 for a delay warning, 5
/// for a returned message (from the mail system, in a known server's template, or titled
/// as undeliverable), none for other mail.
fn implied_class(email: &mime::Email, family: Option<&families::Family>) -> Option<char> {
    let subject = normalize(email.header("subject").unwrap_or(""));
    if DELAY_SUBJECTS.iter().any(|s| subject.contains(s)) {
        return Some('4');
    }
    let from_system = email
        .header("from")
        .and_then(|v| find_addresses(v).into_iter().next())
        .is_some_and(|h| is_system_sender(&h.address))
        || email
            .header("from")
            .is_some_and(|v| v.to_ascii_lowercase().contains("mailer-daemon"));
    let is_report = email
        .report_type
        .as_deref()
        .is_some_and(|t| t.contains("delivery-status"));
    // a message in a mail server's bounce template is a bounce, whatever its subject
    (from_system
        || is_report
        || family.is_some()
        || BOUNCE_SUBJECTS.iter().any(|s| subject.contains(s)))
    .then_some('5')
}

/// An Amazon SES notification in the body, read as the report it is into `r`. False when
/// the body holds none (and `r` is untouched).
fn read_notification(r: &mut Read, body: &str) -> bool {
    let Some(ses) = notification::read(body) else {
        return false;
    };
    r.kind = match ses.kind {
        notification::Notification::Bounce => MessageKind::Bounce,
        notification::Notification::Complaint => MessageKind::Feedback,
        notification::Notification::Delivery => MessageKind::Delivered,
    };
    r.message.feedback_type = ses.feedback_type;
    r.message.reporting_mta = ses.reporting_mta;
    r.message.mta_family = Some("Amazon SES".into());
    r.original = ses.original.or(r.original.take());
    r.findings = ses.findings;
    if ses.kind == notification::Notification::Bounce {
        finish_kind(r);
    }
    true
}

fn read_feedback(mut r: Read, email: &mime::Email, feedback: &str) -> Read {
    r.kind = MessageKind::Feedback;
    let report = dsn::parse(feedback);
    let fields: Vec<(String, String)> = report
        .message
        .iter()
        .chain(report.recipients.iter().flatten())
        .cloned()
        .collect();
    r.message.feedback_type =
        dsn::field(&fields, "feedback-type").map(|v| v.trim().to_ascii_lowercase());
    r.message.reporting_mta = dsn::field(&fields, "reporting-mta").map(clean_mta);
    r.message.arrival_date = dsn::field(&fields, "arrival-date")
        .or_else(|| dsn::field(&fields, "received-date"))
        .map(str::to_string);
    let mut recipients: Vec<String> = fields
        .iter()
        .filter(|(n, _)| n == "original-rcpt-to" || n == "removal-recipient")
        .filter_map(|(_, v)| from_field(v))
        .collect();
    recipients.dedup();
    if recipients.is_empty() {
        recipients = email
            .original_recipients
            .iter()
            // a group name (`undisclosed recipients:;`) is not an address
            .filter(|a| a.contains('@') && !is_system_sender(a))
            .cloned()
            .collect();
    }
    if recipients.is_empty() {
        r.findings.push(Finding {
            forced_reason: Some(Reason::Feedback),
            ..Finding::default()
        });
    }
    for address in recipients {
        r.findings.push(Finding {
            address: Some(address.clone()),
            forced_reason: Some(Reason::Feedback),
            evidence: vec![
                Evidence::new("address", &address),
                Evidence::new("kind", "Feedback-Type"),
            ],
            ..Finding::default()
        });
    }
    r
}
