//! Turns what the readers found into verdicts: for each recipient its codes, the refused
//! command, the provider, the reason (one ordered rule table, `reason.rs`), the bounce
//! type and the action; and for the message its kind, from the classified recipients.

mod codes;
mod command;
mod kind;
mod reason;

pub(crate) use kind::message_kind;

use crate::input::{Finding, Presented};
use crate::knowledge::reasons::{canonical_status, reason_rule};
use crate::knowledge::vendors::detect_provider;
use crate::knowledge::{self, action_for, Entry, Lang};
use crate::model::report::{Evidence, Provider, Recipient};
use crate::model::{BounceType, Class, DsnAction, EvidenceKind, Party, Reason};

/// Interprets one finding.
pub(crate) fn classify(finding: Finding, lang: Lang) -> Recipient {
    let codes = codes::reconcile(&finding, lang);
    let own_paragraph = finding
        .context
        .as_deref()
        .map(|c| command::own_paragraph(c, finding.address.as_deref()));
    let command = command::refused(&finding, codes.diag_text.as_deref(), own_paragraph);
    let provider = detect_provider(
        finding.remote_mta.as_deref(),
        codes.diag_text.as_deref(),
        lang,
    );
    let action = finding.dsn_action.as_deref().and_then(DsnAction::parse);
    let class = codes
        .status
        .as_deref()
        .and_then(Class::of)
        .or(codes.reply_code.and_then(Class::of_reply))
        .or(action.map(DsnAction::class))
        .or(finding.presented_as.map(|p| match p {
            Presented::Failure => Class::Permanent,
            Presented::Delay => Class::Temporary,
        }));
    let decision = reason::decide(&reason::Facts {
        finding: &finding,
        diag_text: codes.diag_text.as_deref(),
        own_paragraph,
        status: codes.status.as_deref(),
        reply_code: codes.reply_code,
        command,
        class,
        action,
        token_entry: provider
            .as_ref()
            .and_then(|p| p.tokens.iter().find_map(|t| knowledge::explain(t, lang))),
        status_entry: status_entry(codes.status.as_deref(), provider.as_ref(), lang),
        reply_entry: codes
            .reply_code
            .and_then(|r| knowledge::explain(&r.to_string(), lang)),
    });
    let (mut reason, mut decided_by, reason_evidence) = match decision {
        Some(d) => (d.reason, Some(d.decided_by), d.evidence),
        None => (None, None, None),
    };

    // a status the bounce did not carry, inferred and marked as such
    let mut status = codes.status;
    let mut status_inferred = false;
    if status.is_none() {
        if let (Some(r), Some(c)) = (reason, class) {
            status = canonical_status(r, c);
            status_inferred = status.is_some();
        }
    }
    let bounce_type = match class {
        Some(Class::Permanent) => BounceType::Hard,
        Some(Class::Temporary) => BounceType::Soft,
        Some(Class::Success | Class::Intermediate) => BounceType::None,
        None => match reason {
            Some(Reason::Vacation | Reason::Feedback | Reason::Delivered) => BounceType::None,
            _ => BounceType::Unknown,
        },
    };
    // a failure whose cause neither codes nor words reveal is named as such (after the
    // status inference, so that no status is made up from it)
    if reason.is_none() && bounce_type != BounceType::None {
        reason = Some(Reason::Undefined);
        decided_by = Some(match decided_by {
            Some(rule) => format!("{rule}, which gives no reason"),
            None => "no rule: neither the codes nor the words found give a reason".into(),
        });
    }
    let party = reason
        .and_then(reason_rule)
        .map(|r| r.party)
        .or((bounce_type == BounceType::None).then_some(Party::None));

    let mut evidence = finding.evidence;
    evidence.extend(codes.evidence);
    if let Some(text) = reason_evidence {
        evidence.push(Evidence::new(EvidenceKind::Reason, &text));
    }
    let mut codes_found = Vec::new();
    if let Some(s) = &status {
        codes_found.push(s.clone());
    }
    if let Some(r) = codes.reply_code {
        codes_found.push(r.to_string());
    }
    if let Some(p) = &provider {
        for t in &p.tokens {
            if knowledge::explain(t, lang).is_some() {
                codes_found.push(t.clone());
            }
        }
        evidence.push(Evidence::new(EvidenceKind::Provider, &p.name));
    }
    if let Some(m) = &finding.remote_mta {
        evidence.push(Evidence::new(EvidenceKind::RemoteMta, m));
    }
    let mut notes = finding.notes;
    notes.extend(codes.notes);
    Recipient {
        address: finding.address,
        original_address: finding.original_address,
        status,
        status_inferred,
        reply_code: codes.reply_code,
        bounce_type,
        reason,
        decided_by,
        party,
        action: action_for(reason, bounce_type),
        esp: knowledge::esp::equivalents(reason, bounce_type),
        dsn_action: finding.dsn_action,
        smtp_command: command,
        remote_mta: finding.remote_mta,
        provider,
        diagnostic: codes.diag_text,
        codes: codes_found,
        evidence,
        notes,
    }
}

/// The entry of the status code, unless it gives one provider's own meaning (Microsoft's
/// 5.4.1) and the reply is known to come from another provider.
fn status_entry(
    status: Option<&str>,
    provider: Option<&Provider>,
    lang: Lang,
) -> Option<&'static Entry> {
    let entry = knowledge::explain(status?, lang)?;
    let other_provider = match (entry.provider, provider) {
        (Some(owner), Some(found)) => {
            let word = owner.split([' ', '/']).next().unwrap_or(owner);
            !found.name.starts_with(word)
        }
        _ => false,
    };
    (!other_provider).then_some(entry)
}
