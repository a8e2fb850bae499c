//! Turns what the readers found for one recipient (codes, diagnostic text, DSN fields)
//! into a verdict: status, bounce type, reason, action, and the evidence for each.
//!
//! Order of trust for the reason: a provider token (S3150, TSS04) > the words of the
//! diagnostic > a specific status code > the SMTP command that was refused > a catch-all
//! status code > the reply code. A guess is never made where none of these speaks.

use crate::knowledge::{self, Lang};
use crate::providers;
use crate::report::{Evidence, Notice, Recipient};
use crate::scan::codes::{class_of, leading_code};
use crate::scan::reply::parse_diagnostic;
use std::sync::OnceLock;

use crate::scan::text::{normalize, truncate, Phrase};
use crate::taxonomy::{Action, BounceType, Party, Reason};

/// What a reader found for one recipient, before interpretation.
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
    pub command: Option<&'static str>,
    /// DSN `Action:` (failed, delayed, delivered, relayed, expanded).
    pub dsn_action: Option<String>,
    pub remote_mta: Option<String>,
    /// The reason the family states in a field of its own, with the value it wrote.
    pub category: Option<(Reason, String)>,
    /// The mail-server family that wrote the report, when recognised.
    pub family: Option<&'static crate::families::Family>,
    /// True when the finding comes from a whole report, which would name the refused
    /// command if it knew it; a pasted reply line says nothing by leaving it out.
    pub whole_report: bool,
    /// The class a message of this kind implies when no code says (a returned message is
    /// a permanent failure, a delay warning a temporary one).
    pub fallback_class: Option<char>,
    /// A reason the message type itself decides (vacation, feedback, delivered, expired).
    pub forced_reason: Option<Reason>,
    /// Evidence gathered by the reader (address, DSN fields).
    pub evidence: Vec<Evidence>,
    /// Remarks from the reader.
    pub notes: Vec<Notice>,
    /// Text around the recipient that may name the reason when the diagnostic does not.
    pub context: Option<String>,
}

/// The action for a reason and bounce type, per `reasons.toml`.
pub(crate) fn action_for(reason: Option<Reason>, bounce_type: BounceType) -> Action {
    let Some(rule) = reason.and_then(knowledge::reason_rule) else {
        return match bounce_type {
            BounceType::Soft => Action::Retry,
            BounceType::None => Action::None,
            BounceType::Hard | BounceType::Unknown => Action::Review,
        };
    };
    match bounce_type {
        BounceType::Soft => rule.when_temporary,
        BounceType::Hard | BounceType::Unknown => rule.when_permanent,
        BounceType::None => {
            if reason == Some(Reason::Feedback) {
                rule.when_permanent
            } else {
                Action::None
            }
        }
    }
}

/// A canonical status code for a reason, used only to infer a status the bounce lacks.
fn canonical_status(reason: Reason, class: char) -> Option<String> {
    let detail = match reason {
        Reason::UserUnknown => "1.1",
        Reason::HostUnknown => "1.2",
        Reason::HasMoved => "1.6",
        Reason::Rejected => "1.8",
        Reason::Suspend => "2.1",
        Reason::MailboxFull => "2.2",
        Reason::ExceedLimit => "2.3",
        Reason::SystemFull => "3.1",
        Reason::NotAccept => "3.2",
        Reason::MesgTooBig => "3.4",
        Reason::SystemError => "3.0",
        Reason::NetworkError => "4.0",
        Reason::Expired => "4.7",
        Reason::TooManyRecipients => "5.3",
        Reason::SyntaxError => "5.2",
        Reason::ContentError | Reason::NotCompliantRfc => "6.0",
        Reason::SpamDetected | Reason::VirusDetected | Reason::PolicyViolation => "7.1",
        Reason::Blocked | Reason::BadReputation | Reason::NoRelaying => "7.1",
        Reason::SecurityError | Reason::FailedStarttls => "7.0",
        Reason::AuthFailure => "7.26",
        Reason::RequirePtr => "7.25",
        Reason::Speeding | Reason::TooManyConn => "7.0",
        Reason::MailerError => "3.0",
        // a filter's refusal has no code of its own: only the catch-all is honest
        Reason::OnHold | Reason::Undefined | Reason::Filtered => "0.0",
        Reason::Delivered | Reason::Feedback | Reason::Vacation => return None,
    };
    Some(format!("{class}.{detail}"))
}

/// The class a DSN `Action:` implies.
pub(crate) fn dsn_action_class(action: Option<&str>) -> Option<char> {
    match action.map(str::to_ascii_lowercase).as_deref() {
        // `expired` is not in RFC 3464 but some senders (SendGrid) write it: given up
        Some("failed" | "expired") => Some('5'),
        Some("delayed") => Some('4'),
        Some("delivered" | "relayed" | "expanded") => Some('2'),
        _ => None,
    }
}

fn notice(code: &str, lang: Lang, en: String, de: String) -> Notice {
    Notice {
        code: code.to_string(),
        message: match lang {
            Lang::En => en,
            Lang::De => de,
        },
    }
}

/// The reason the words of a text reveal, with the phrase that revealed it.
pub(crate) fn reason_from_text(text: &str) -> Option<(Reason, String)> {
    // every rule's specific phrases in order, then every rule's weak ones, prepared once
    static PHRASES: OnceLock<Vec<(Reason, Phrase)>> = OnceLock::new();
    let phrases = PHRASES.get_or_init(|| {
        let rules = knowledge::reason_rules();
        let strong = rules
            .iter()
            .flat_map(|r| r.phrases.iter().map(|p| (r.reason, *p)));
        let weak = rules
            .iter()
            .flat_map(|r| r.weak_phrases.iter().map(|p| (r.reason, *p)));
        strong
            .chain(weak)
            .map(|(reason, p)| (reason, Phrase::new(p)))
            .collect()
    });
    let norm = normalize(truncate(text, 8192));
    phrases
        .iter()
        .find_map(|(reason, p)| p.find(&norm).map(|span| (*reason, norm[span].to_string())))
}

/// A reason read from the common wording, weighed against the command and the status:
/// - an address, host or policy refusal that a server replied to the greeting or
///   HELO/EHLO is of the sending host (`blocked`): no recipient or message was named yet;
/// - an address problem in answer to MAIL FROM, or with a sender-address status (X.1.7,
///   X.1.8), is the sender's address: `rejected`, never the recipient's fault;
/// - "user unknown" in a whole report that neither a refused RCPT nor an addressing status
///   (X.1.x, or one that means a bad mailbox such as Microsoft's 5.4.1) confirms is often a
///   content filter speaking in the words of a bad address (Sisimai's `filtered`), so the
///   address is not suppressed unseen. A pasted reply line is taken at its word. (A
///   family's own wording is trusted as it is, before this.)
fn weigh_common_wording(
    reason: Reason,
    command: Option<&str>,
    status: Option<&str>,
    status_entry: Option<&knowledge::Entry>,
    whole_report: bool,
    server_replied: bool,
) -> Reason {
    let detail = status.and_then(|s| s.get(1..));
    let about_sender = command == Some("MAIL") || matches!(detail, Some(".1.7" | ".1.8"));
    // a server that answers before MAIL FROM has not been told of any recipient: its
    // refusal is of the sending host (without a reply, the lookup failed on our side)
    let before_envelope = server_replied && matches!(command, Some("CONN" | "HELO" | "EHLO"));
    let says_bad_mailbox = detail.is_some_and(|d| d.starts_with(".1."))
        || status_entry.is_some_and(|e| e.reason == Some(Reason::UserUnknown));
    match reason {
        Reason::UserUnknown | Reason::HostUnknown | Reason::Filtered | Reason::PolicyViolation
            if before_envelope =>
        {
            Reason::Blocked
        }
        Reason::UserUnknown | Reason::HostUnknown | Reason::Filtered if about_sender => {
            Reason::Rejected
        }
        Reason::UserUnknown if whole_report && command != Some("RCPT") && !says_bad_mailbox => {
            Reason::Filtered
        }
        _ => reason,
    }
}

fn reason_from_command(command: &str, reply_class: Option<char>) -> Option<Reason> {
    match command {
        "MAIL" => Some(Reason::Rejected),
        "CONN" | "HELO" | "EHLO" => Some(Reason::Blocked),
        "STARTTLS" => Some(Reason::FailedStarttls),
        "DATA" if reply_class == Some('5') => Some(Reason::Filtered),
        _ => None,
    }
}

/// The part of a report's text that speaks of one recipient: from the line that first
/// names it to the next blank line, or to the next line that starts a reply of its own
/// (`550 ...`, another recipient's or host's). The lines before it may be about another
/// recipient, or about the whole message.
fn own_paragraph<'a>(context: &'a str, address: Option<&str>) -> &'a str {
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

/// Whether a code's reason says more than "undefined" (which the later rules, such as a
/// delay's expiry, can improve on).
fn has_meaning(reason: Option<Reason>) -> bool {
    reason.is_some_and(|r| r != Reason::Undefined)
}

/// Whether the report gave up on a temporary error: a `failed` Action whose Status is
/// still 4.x.x (Postfix's queue lifetime ran out while the error was temporary).
fn gave_up_retrying(action: Option<&str>, status: Option<&str>) -> bool {
    action.is_some_and(|a| a.eq_ignore_ascii_case("failed"))
        && status.and_then(class_of) == Some('4')
}

/// Whether the words that gave a reason speak of a time-out ("connection timed out").
fn names_a_timeout(phrase: &str) -> bool {
    let phrase = phrase.to_ascii_lowercase();
    phrase.contains("timed out") || phrase.contains("timeout")
}

/// Interprets one finding.
pub(crate) fn classify(finding: Finding, lang: Lang) -> Recipient {
    let mut evidence_list = finding.evidence;
    let mut notes = finding.notes;
    let diag = finding.diagnostic.as_deref().map(parse_diagnostic);
    let diag_text = diag
        .as_ref()
        .map(|d| d.text.clone())
        .filter(|t| !t.is_empty());

    // codes
    let reply_code = finding
        .reply_field
        .or(diag.as_ref().and_then(|d| d.reply_code));
    let scanned_status = diag.as_ref().and_then(|d| d.status.clone());
    let mut status = finding.status_field.clone().or(scanned_status.clone());
    if let (Some(field), Some(scanned)) = (&finding.status_field, &scanned_status) {
        if field != scanned && !scanned.ends_with(".0.0") && class_of(field) == class_of(scanned) {
            // the receiving server's own code in its reply is more precise than the
            // reporting MTA's Status, which is often a catch-all or its own guess
            status = Some(scanned.clone());
        } else if field != scanned
            && class_of(scanned) != class_of(field)
            && class_of(scanned) == dsn_action_class(finding.dsn_action.as_deref())
        {
            // the Status field contradicts both the server's reply and the report's own
            // Action (failed with 4.x.x, delayed with 5.x.x): the reply is right
            status = Some(scanned.clone());
        } else if field != scanned && class_of(field) != class_of(scanned) {
            notes.push(notice(
                "status_mismatch",
                lang,
                format!("The report's Status field says {field}, but the server's reply carries {scanned}."),
                format!("Das Status-Feld des Berichts nennt {field}, die Antwort des Servers aber {scanned}."),
            ));
        }
    }
    if finding.reply_field.is_none() {
        if let Some(d) = &diag {
            if let Some(code) = d.reply_code {
                evidence_list.push(Evidence::new("reply_code", &code.to_string()));
            }
        }
    }
    if let Some(s) = &status {
        evidence_list.push(Evidence::new("status", s));
    }
    // a status of class 2 in a failure report, or codes whose classes disagree
    if let (Some(s), Some(r)) = (&status, reply_code) {
        let sc = class_of(s);
        let rc = char::from_digit(u32::from(r / 100), 10);
        if sc != rc && sc.is_some() {
            notes.push(notice(
                "class_mismatch",
                lang,
                format!("The reply code {r} and the enhanced status {s} disagree: one says temporary or success, the other not. bounce-decoder follows the enhanced status."),
                format!("Der Antwortcode {r} und der erweiterte Status {s} widersprechen sich. bounce-decoder folgt dem erweiterten Status."),
            ));
        }
    }

    // the recipient's own reply, then its own paragraph (from the line that first names
    // it to the next blank line): the lines before it may be another recipient's
    let own_paragraph = finding
        .context
        .as_deref()
        .map(|c| own_paragraph(c, finding.address.as_deref()));
    let family_command = || {
        let f = finding.family?;
        diag_text
            .as_deref()
            .and_then(|t| f.command_in(t))
            .or_else(|| own_paragraph.and_then(|t| f.command_in(t)))
    };
    let command = finding
        .command
        .or(diag.as_ref().and_then(|d| d.command))
        .or_else(family_command);

    // provider and its tokens
    let provider = providers::detect(finding.remote_mta.as_deref(), diag_text.as_deref(), lang);
    let token_entry = provider
        .as_ref()
        .and_then(|p| p.tokens.iter().find_map(|t| knowledge::explain(t, lang)));

    // bounce type
    let reply_class = reply_code.and_then(|r| char::from_digit(u32::from(r / 100), 10));
    let class = status.as_deref().and_then(class_of).or(reply_class);
    let action_class = dsn_action_class(finding.dsn_action.as_deref());
    let class = class.or(action_class).or(finding.fallback_class);

    // reason
    // a status that only one provider gives its meaning (Microsoft's 5.4.1) keeps that
    // meaning only when the reply is not known to come from another provider
    let other_provider = |entry: &knowledge::Entry| match (entry.provider, &provider) {
        (Some(owner), Some(found)) => {
            let word = owner.split([' ', '/']).next().unwrap_or(owner);
            !found.name.starts_with(word)
        }
        _ => false,
    };
    let status_entry = status
        .as_deref()
        .and_then(|s| knowledge::explain(s, lang))
        .filter(|e| !other_provider(e));
    let reply_entry = reply_code.and_then(|r| knowledge::explain(&r.to_string(), lang));
    // the family's own wording first, then the common rules; the diagnostic before the
    // text around it. Each hit: (reason, phrase, whether the family's own wording said it)
    let family_reason = |t: &str| {
        finding
            .family
            .and_then(|f| f.reason_in(t))
            .map(|(r, p)| (r, p, true))
    };
    let common_reason = |t: &str| reason_from_text(t).map(|(r, p)| (r, p, false));
    let text_reason = diag_text
        .as_deref()
        .and_then(family_reason)
        .or_else(|| diag_text.as_deref().and_then(common_reason))
        .or_else(|| own_paragraph.and_then(family_reason))
        .or_else(|| own_paragraph.and_then(common_reason))
        .or_else(|| finding.context.as_deref().and_then(family_reason))
        .or_else(|| finding.context.as_deref().and_then(common_reason));
    let gave_up = gave_up_retrying(finding.dsn_action.as_deref(), status.as_deref());
    let mut reason = None;
    let mut reason_source = String::new();
    if let Some(forced) = finding.forced_reason {
        reason = Some(forced);
    } else if let Some(entry) = token_entry {
        reason = entry.reason;
        reason_source = entry.code.to_string();
    } else if let Some((r, value)) = &finding.category {
        reason = Some(*r);
        reason_source = value.clone();
    } else if class == Some('2') {
        reason = Some(Reason::Delivered);
    } else if let Some(action) = finding
        .dsn_action
        .as_deref()
        .filter(|a| a.eq_ignore_ascii_case("expired"))
    {
        reason = Some(Reason::Expired);
        reason_source = action.to_string();
    } else if let Some((r, phrase, family_says)) = text_reason {
        reason = Some(
            if r == Reason::NetworkError && gave_up && names_a_timeout(&phrase) {
                // the time-out was the last attempt's; what ended delivery was the queue time
                Reason::Expired
            } else if family_says {
                r
            } else {
                weigh_common_wording(
                    r,
                    command,
                    status.as_deref(),
                    status_entry,
                    finding.whole_report,
                    reply_code.is_some(),
                )
            },
        );
        reason_source = phrase;
    } else if let Some(entry) = status_entry.filter(|e| !e.reason_is_weak && has_meaning(e.reason))
    {
        reason = entry.reason;
        reason_source = entry.code.to_string();
    } else if let Some(r) = command.and_then(|c| reason_from_command(c, class)) {
        reason = Some(r);
        reason_source = command.unwrap_or_default().to_string();
    } else if let Some(entry) = status_entry.filter(|e| has_meaning(e.reason)) {
        reason = entry.reason;
        reason_source = entry.code.to_string();
    } else if let Some(entry) = reply_entry.filter(|e| has_meaning(e.reason)) {
        reason = entry.reason;
        reason_source = entry.code.to_string();
    } else if action_class == Some('4') {
        reason = Some(Reason::Expired);
    }
    if !reason_source.is_empty() {
        evidence_list.push(Evidence::new("reason", &reason_source));
    }

    // a status the bounce did not carry, inferred and marked as such
    let mut status_inferred = false;
    if status.is_none() {
        if let (Some(r), Some(c)) = (reason, class) {
            if let Some(s) = canonical_status(r, c) {
                status = Some(s);
                status_inferred = true;
            }
        }
    }

    let bounce_type = match class {
        Some('5') => BounceType::Hard,
        Some('4') => BounceType::Soft,
        Some('2') | Some('3') => BounceType::None,
        _ => match reason {
            Some(Reason::Vacation | Reason::Feedback | Reason::Delivered) => BounceType::None,
            _ => BounceType::Unknown,
        },
    };
    // a failure whose cause neither codes nor words reveal is named as such (after the
    // status inference, so that no status is made up from it)
    if reason.is_none() && bounce_type != BounceType::None {
        reason = Some(Reason::Undefined);
    }
    let action = action_for(reason, bounce_type);
    let party = reason
        .and_then(knowledge::reason_rule)
        .map(|r| r.party)
        .or(match bounce_type {
            BounceType::None => Some(Party::None),
            _ => None,
        });

    let mut codes = Vec::new();
    if let Some(s) = &status {
        codes.push(s.clone());
    }
    if let Some(r) = reply_code {
        codes.push(r.to_string());
    }
    if let Some(p) = &provider {
        for t in &p.tokens {
            if knowledge::explain(t, lang).is_some() {
                codes.push(t.clone());
            }
        }
        evidence_list.push(Evidence::new("provider", &p.name));
    }
    if let Some(m) = &finding.remote_mta {
        evidence_list.push(Evidence::new("remote_mta", m));
    }

    Recipient {
        address: finding.address,
        original_address: finding.original_address,
        status,
        status_inferred,
        reply_code,
        bounce_type,
        reason,
        party,
        action,
        dsn_action: finding.dsn_action,
        smtp_command: command.map(str::to_string),
        remote_mta: finding.remote_mta,
        provider,
        diagnostic: diag_text,
        codes,
        evidence: evidence_list,
        notes,
    }
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
