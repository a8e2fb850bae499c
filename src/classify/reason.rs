//! The reason of one recipient, as one ordered table of rules. The order is the order of
//! trust, written once: what the message is (an auto-reply, a complaint) > a provider's
//! own token (S3150, TSS04) > a family's own category field > a program's exit status >
//! success > an expired DSN Action > the words (the family's, then the common ones; the
//! server's reply, then the recipient's paragraph, then the whole report) > a specific
//! status code > the refused SMTP command > a catch-all status code > the reply code > a
//! delay with no cause. The first rule that speaks decides, and names itself and the data
//! entry it used in `decided_by`. A guess is never made where none of them speaks.

use crate::input::{Finding, Nature};
use crate::knowledge::reasons::{reason_in_text_under, reason_subject, PhraseHit};
use crate::knowledge::wording::{contains_any, wording};
use crate::knowledge::Entry;
use crate::model::{Class, DsnAction, Reason, SmtpCommand};
use crate::scan::text::phrase_text;

/// What the rules look at for one recipient.
pub(super) struct Facts<'a> {
    pub finding: &'a Finding,
    /// The server's reply, folded.
    pub diag_text: Option<&'a str>,
    /// The recipient's own lines of the report.
    pub own_paragraph: Option<&'a str>,
    pub status: Option<&'a str>,
    pub reply_code: Option<u16>,
    pub command: Option<SmtpCommand>,
    /// The class the codes, the DSN Action or the message give.
    pub class: Option<Class>,
    pub action: Option<DsnAction>,
    /// The provider token's entry (S3150), when the reply carries one.
    pub token_entry: Option<&'static Entry>,
    /// The status code's entry, unless it is another provider's meaning.
    pub status_entry: Option<&'static Entry>,
    pub reply_entry: Option<&'static Entry>,
}

/// What decided a reason.
pub(super) struct Decision {
    pub reason: Option<Reason>,
    /// The rule and the data entry: `reasons.toml: user_unknown "no such user"`.
    pub decided_by: String,
    /// The words or code of the input that gave it, for the evidence.
    pub evidence: Option<String>,
}

/// One rule: a name for people and what it decides.
struct Rule {
    name: &'static str,
    decide: fn(&Facts<'_>) -> Option<Decision>,
}

/// The rules, in the order of trust.
const RULES: &[Rule] = &[
    Rule {
        name: "the message is not a delivery report",
        decide: by_nature,
    },
    Rule {
        name: "a provider token",
        decide: by_provider_token,
    },
    Rule {
        name: "the family's own category field",
        decide: by_category,
    },
    Rule {
        name: "a delivery program's exit status",
        decide: by_exit_status,
    },
    Rule {
        name: "a success code",
        decide: by_success,
    },
    Rule {
        name: "DSN Action: expired",
        decide: by_expired_action,
    },
    Rule {
        name: "the words of the bounce",
        decide: by_wording,
    },
    Rule {
        name: "a specific status code",
        decide: by_specific_status,
    },
    Rule {
        name: "the refused SMTP command",
        decide: by_command,
    },
    Rule {
        name: "a catch-all status code",
        decide: by_any_status,
    },
    Rule {
        name: "the reply code",
        decide: by_reply_code,
    },
    Rule {
        name: "a delay that gave no cause",
        decide: by_delay,
    },
];

/// The reason of one recipient, by the first rule that speaks.
pub(super) fn decide(facts: &Facts<'_>) -> Option<Decision> {
    RULES.iter().find_map(|rule| {
        (rule.decide)(facts).map(|mut d| {
            if d.decided_by.is_empty() {
                d.decided_by = rule.name.to_string();
            }
            d
        })
    })
}

/// The names of the rules in their order, for documentation and tests.
#[cfg(test)]
pub(super) fn rule_names() -> Vec<&'static str> {
    RULES.iter().map(|r| r.name).collect()
}

fn decision(reason: Option<Reason>, decided_by: String, evidence: Option<String>) -> Decision {
    Decision {
        reason,
        decided_by,
        evidence,
    }
}

/// `codes.toml: 5.7.26`
fn by_entry(entry: &Entry) -> Decision {
    decision(
        entry.reason,
        format!("codes.toml: {}", entry.code),
        Some(entry.code.to_string()),
    )
}

fn by_nature(f: &Facts<'_>) -> Option<Decision> {
    match f.finding.nature {
        Nature::Report => None,
        Nature::AutoReply => Some(decision(
            Some(Reason::Vacation),
            "message: an automatic reply".into(),
            None,
        )),
        Nature::Complaint => Some(decision(
            Some(Reason::Feedback),
            "message: a complaint (feedback report)".into(),
            None,
        )),
    }
}

fn by_provider_token(f: &Facts<'_>) -> Option<Decision> {
    f.token_entry.map(by_entry)
}

fn by_category(f: &Facts<'_>) -> Option<Decision> {
    let family = f.finding.family?;
    let value = f.finding.category.as_deref()?;
    let reason = family.reason_of_category(value)?;
    let value = value.trim().to_ascii_lowercase();
    Some(decision(
        Some(reason),
        format!(
            "vendors/{}.toml: category {:?} of {}",
            family.vendor,
            value,
            family.category_field.unwrap_or_default()
        ),
        Some(value),
    ))
}

fn by_exit_status(f: &Facts<'_>) -> Option<Decision> {
    let exit = f.finding.exit_status.as_deref()?;
    Some(decision(
        Some(Reason::MailerError),
        format!("DSN Diagnostic-Code: {exit} (a delivery program's exit status)"),
        Some(exit.to_string()),
    ))
}

fn by_success(f: &Facts<'_>) -> Option<Decision> {
    (f.class == Some(Class::Success)).then(|| {
        let by = match (f.status, f.reply_code, f.finding.dsn_action.as_deref()) {
            (Some(s), _, _) => format!("status {s}: success"),
            (None, Some(r), _) => format!("reply {r}: success"),
            (None, None, Some(a)) => format!("DSN Action: {a}"),
            _ => "success".to_string(),
        };
        decision(Some(Reason::Delivered), by, None)
    })
}

fn by_expired_action(f: &Facts<'_>) -> Option<Decision> {
    let action = f
        .finding
        .dsn_action
        .as_deref()
        .filter(|_| f.action == Some(DsnAction::Expired))?;
    Some(decision(
        Some(Reason::Expired),
        format!("DSN Action: {action}"),
        Some(action.to_string()),
    ))
}

/// A phrase hit and where it came from.
struct Words {
    reason: Reason,
    /// `vendors/exim.toml` or `reasons.toml`.
    file: String,
    phrase: &'static str,
    matched: String,
    /// The family's own wording (trusted as it is).
    family_says: bool,
    /// Generic wording (a weak phrase of `reasons.toml`).
    weak: bool,
}

/// The family's own wording first, then the common rules; the server's reply before the
/// recipient's paragraph before the whole report.
fn find_words(f: &Facts<'_>) -> Option<Words> {
    let family = |t: &str| {
        let fam = f.finding.family?;
        let hit = fam.reason_in(t)?;
        Some(Words {
            reason: hit.reason,
            file: format!("vendors/{}.toml", fam.vendor),
            phrase: hit.phrase,
            matched: hit.matched,
            family_says: true,
            weak: false,
        })
    };
    // the subject of a status with a detail of its own (5.7.511 -> '7'), in whose light
    // generic words are read; not where the refusal answered MAIL FROM or came before the
    // envelope, where the words are weighed as the sender's (weigh_common_wording)
    let of_sender = f
        .command
        .is_some_and(|c| c == SmtpCommand::Mail || c.before_envelope());
    let subject = f
        .status
        .filter(|s| !s.ends_with(".0") && !of_sender)
        .and_then(status_subject);
    let common = |t: &str| {
        reason_in_text_under(t, subject).map(
            |PhraseHit {
                 reason,
                 phrase,
                 matched,
                 weak,
             }| Words {
                reason,
                file: "reasons.toml".into(),
                phrase,
                matched,
                family_says: false,
                weak,
            },
        )
    };
    let context = f.finding.context.as_deref();
    // each text is normalised once, for the family's phrases and the common ones
    [f.diag_text, f.own_paragraph, context]
        .into_iter()
        .flatten()
        .find_map(|t| {
            let norm = phrase_text(t);
            family(&norm).or_else(|| common(&norm))
        })
}

fn by_wording(f: &Facts<'_>) -> Option<Decision> {
    let words = find_words(f)?;
    // a family's own wording is trusted as it is; the common wording is weighed once
    let weighing = if words.family_says {
        (words.reason, None)
    } else {
        weigh_common_wording(words.reason, words.weak, f)
    };
    let weighed = words.family_says || weighing.1.is_some();
    let overruled = (words.weak && !weighed)
        .then(|| status_overrules(words.reason, f))
        .flatten();
    if let Some(entry) = overruled {
        // generic wording ("access denied", "address rejected") does not overrule a status
        // code that says otherwise: the code decides
        let mut d = by_entry(entry);
        d.decided_by = format!(
            "{}, over the generic wording {:?} ({})",
            d.decided_by,
            words.phrase,
            words.reason.name()
        );
        return Some(d);
    }
    let source = format!("{}: {} {:?}", words.file, words.reason.name(), words.phrase);
    let gave_up = f.action.is_some_and(|a| a == DsnAction::Failed)
        && f.status.and_then(Class::of) == Some(Class::Temporary);
    let (reason, why) = if words.reason == Reason::NetworkError
        && gave_up
        && contains_any(&words.matched, wording().timeout_words)
    {
        // the time-out was the last attempt's; what ended delivery was the queue time
        (
            Reason::Expired,
            Some("expired: the report gave up on it while it was still temporary"),
        )
    } else {
        weighing
    };
    let decided_by = match why {
        Some(why) => format!("{source}, weighed as {}", why),
        None => source,
    };
    Some(decision(Some(reason), decided_by, Some(words.matched)))
}

/// A reason read from the common wording, weighed against the command and the status:
/// - an address, host or policy refusal that a server replied to the greeting or
///   HELO/EHLO is of the sending host (`blocked`): no recipient or message was named yet;
/// - an address problem in answer to MAIL FROM, or with a sender-address status (X.1.7,
///   X.1.8), is the sender's address: `rejected`, never the recipient's fault;
/// - "user unknown" in a whole report that neither a refused RCPT nor an addressing status
///   (X.1.x, or one that means a bad mailbox such as Microsoft's 5.4.1) confirms is often a
///   content filter speaking in the words of a bad address (Sisimai's `filtered`), so the
///   address is not suppressed unseen. A pasted reply line is taken at its word, and
///   generic words ("does not exist") beside a status code with a meaning of its own
///   (Microsoft's 5.4.310, domain not found) leave the decision to the code. (A family's
///   own wording is trusted as it is, before this.)
fn weigh_common_wording(
    reason: Reason,
    weak: bool,
    f: &Facts<'_>,
) -> (Reason, Option<&'static str>) {
    let detail = f.status.and_then(|s| s.get(1..));
    let about_sender =
        f.command == Some(SmtpCommand::Mail) || matches!(detail, Some(".1.7" | ".1.8"));
    // a server that answers before MAIL FROM has not been told of any recipient: its
    // refusal is of the sending host (without a reply, the lookup failed on our side)
    let before_envelope =
        f.reply_code.is_some() && f.command.is_some_and(SmtpCommand::before_envelope);
    let says_bad_mailbox = detail.is_some_and(|d| d.starts_with(".1."))
        || f.status_entry
            .is_some_and(|e| e.reason == Some(Reason::UserUnknown));
    match reason {
        Reason::UserUnknown | Reason::HostUnknown | Reason::Filtered | Reason::PolicyViolation
            if before_envelope =>
        {
            (
                Reason::Blocked,
                Some("blocked: refused before the envelope named a recipient"),
            )
        }
        Reason::UserUnknown | Reason::HostUnknown | Reason::Filtered if about_sender => (
            Reason::Rejected,
            Some("rejected: it is about the sender's address"),
        ),
        Reason::UserUnknown
            if f.finding.whole_report
                && f.command != Some(SmtpCommand::Rcpt)
                && !says_bad_mailbox
                && !(weak && status_overrules(reason, f).is_some()) =>
        {
            (
                Reason::Filtered,
                Some("filtered: neither a refused RCPT nor an X.1.x status confirms it"),
            )
        }
        _ => (reason, None),
    }
}

/// The subject digit of a status code (`5.7.511` -> '7').
fn status_subject(status: &str) -> Option<char> {
    status.split('.').nth(1).and_then(|d| d.chars().next())
}

/// The status code's entry when it overrules generic wording of another reason: a code
/// with a detail of its own (not a subject's catch-all X.Y.0, "other or undefined"),
/// given after the envelope named a recipient (a status before that cannot be about
/// one), whose reason differs. A code that many servers use loosely (5.7.1) still tells
/// its subject: generic words of another subject ("address rejected" beside 5.7.1) do not
/// overrule it.
fn status_overrules(reason: Reason, f: &Facts<'_>) -> Option<&'static Entry> {
    let status = f.status?;
    if status.ends_with(".0") || f.command.is_some_and(SmtpCommand::before_envelope) {
        return None;
    }
    let entry = f
        .status_entry
        .filter(|e| has_meaning(e.reason) && e.reason != Some(reason))?;
    if !entry.reason_is_weak {
        return Some(entry);
    }
    let differs = reason_subject(reason).is_some_and(|w| Some(w) != status_subject(status));
    differs.then_some(entry)
}

/// Whether a code's reason says more than "undefined" (which the later rules, such as a
/// delay's expiry, can improve on).
fn has_meaning(reason: Option<Reason>) -> bool {
    reason.is_some_and(|r| r != Reason::Undefined)
}

fn by_specific_status(f: &Facts<'_>) -> Option<Decision> {
    f.status_entry
        .filter(|e| !e.reason_is_weak && has_meaning(e.reason))
        .map(by_entry)
}

fn by_command(f: &Facts<'_>) -> Option<Decision> {
    let command = f.command?;
    let reason = match command {
        SmtpCommand::Mail => Reason::Rejected,
        SmtpCommand::Conn | SmtpCommand::Helo | SmtpCommand::Ehlo => Reason::Blocked,
        SmtpCommand::Starttls => Reason::FailedStarttls,
        SmtpCommand::Data if f.class == Some(Class::Permanent) => Reason::Filtered,
        _ => return None,
    };
    Some(decision(
        Some(reason),
        format!("refused command: {}", command.name()),
        Some(command.name().to_string()),
    ))
}

fn by_any_status(f: &Facts<'_>) -> Option<Decision> {
    f.status_entry
        .filter(|e| has_meaning(e.reason))
        .map(by_entry)
}

fn by_reply_code(f: &Facts<'_>) -> Option<Decision> {
    f.reply_entry
        .filter(|e| has_meaning(e.reason))
        .map(by_entry)
}

fn by_delay(f: &Facts<'_>) -> Option<Decision> {
    let action = f.finding.dsn_action.as_deref()?;
    (f.action.map(DsnAction::class) == Some(Class::Temporary)).then(|| {
        decision(
            Some(Reason::Expired),
            format!("DSN Action: {action}, with no cause given"),
            None,
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_order_of_trust_puts_structure_and_tokens_before_words_and_words_before_codes() {
        let names = rule_names();
        let at = |n: &str| names.iter().position(|x| x.contains(n)).unwrap();
        assert!(at("provider token") < at("words"));
        assert!(at("words") < at("specific status"));
        assert!(at("specific status") < at("refused SMTP command"));
        assert!(at("refused SMTP command") < at("catch-all status"));
        assert!(at("catch-all status") < at("reply code"));
    }
}
