//! Turns what the readers found into verdicts: for each recipient its codes, the refused
//! command, the provider, the reason (one ordered rule table, `reason.rs`), the bounce
//! type and the action; and for the message its kind, from the classified recipients.

mod codes;
mod command;
mod kind;
mod reason;
mod verdict;

pub(crate) use kind::message_kind;

use crate::input::{Finding, Presented};
use crate::knowledge::vendors::detect_provider;
use crate::knowledge::{self, action_for, Entry, Lang};
use crate::model::report::{Evidence, Provider, Recipient};
use crate::model::{Class, DsnAction, EvidenceKind, Outcome};

/// Interprets one finding.
pub(crate) fn classify(finding: Finding, lang: Lang) -> Recipient {
    let codes = codes::reconcile(&finding, lang);
    let own_paragraph = finding
        .context
        .as_deref()
        .map(|c| command::own_paragraph(c, finding.address.as_deref()));
    let command = command::refused(&finding, codes.diag_text.as_deref(), own_paragraph);
    let (provider, provider_sign) = match detect_provider(
        finding.remote_mta.as_deref(),
        codes.diag_text.as_deref(),
        lang,
    ) {
        Some(d) => (Some(d.provider), Some(d.sign)),
        None => (None, None),
    };
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
    let (reason, decided_by, reason_evidence) = match decision {
        Some(d) => (d.reason, Some(d.decided_by), d.evidence),
        None => (None, None, None),
    };
    let verdict = verdict::settle(codes.status, class, reason, decided_by);
    let codes_found = codes_found(
        verdict.status.as_deref(),
        codes.reply_code,
        provider.as_ref(),
        lang,
    );
    let mut evidence = finding.evidence;
    evidence.extend(codes.evidence);
    if let Some(text) = reason_evidence {
        evidence.push(Evidence::new(EvidenceKind::Reason, &text));
    }
    // the sign that named the provider (its host, marker or token), where the input has it
    if let Some(sign) = &provider_sign {
        evidence.push(Evidence::new(EvidenceKind::Provider, sign));
    }
    if let Some(m) = &finding.remote_mta {
        evidence.push(Evidence::new(EvidenceKind::RemoteMta, m));
    }
    let mut notes = finding.notes;
    notes.extend(codes.notes);
    let action = action_for(verdict.reason, verdict.bounce_type);
    Recipient {
        address: finding.address,
        original_address: finding.original_address,
        status: verdict.status,
        status_inferred: verdict.status_inferred,
        reply_code: codes.reply_code,
        outcome: Outcome::of(action, verdict.reason),
        bounce_type: verdict.bounce_type,
        reason: verdict.reason,
        decided_by: verdict.decided_by,
        party: verdict.party,
        action,
        esp: knowledge::esp::equivalents(verdict.reason, verdict.bounce_type),
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

/// The codes a recipient's explanations are about: its status, its reply code and the
/// provider tokens the knowledge base explains.
fn codes_found(
    status: Option<&str>,
    reply_code: Option<u16>,
    provider: Option<&Provider>,
    lang: Lang,
) -> Vec<String> {
    let mut found: Vec<String> = status.map(str::to_string).into_iter().collect();
    found.extend(reply_code.map(|r| r.to_string()));
    if let Some(p) = provider {
        found.extend(
            p.tokens
                .iter()
                .filter(|t| knowledge::explain(t, lang).is_some())
                .cloned(),
        );
    }
    found
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
