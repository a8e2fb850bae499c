//! The reason taxonomy's rules (`data/reasons.toml`): whose side each reason is on, what
//! to do for it when it is permanent or temporary, the status code that stands for it,
//! and the phrases that reveal it in a bounce's words.

use std::sync::OnceLock;

use super::{ReasonRule, REASON_RULES};
use crate::model::{Action, BounceType, Class, Reason};
use crate::scan::patterns::Patterns;
use crate::scan::text::Phrase;

/// The rule of a reason.
pub(crate) fn reason_rule(reason: Reason) -> Option<&'static ReasonRule> {
    REASON_RULES.iter().find(|r| r.reason == reason)
}

/// The action for a reason and bounce type, per `reasons.toml`.
pub fn action_for(reason: Option<Reason>, bounce_type: BounceType) -> Action {
    let Some(rule) = reason.and_then(reason_rule) else {
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

/// The status code that stands for a reason in a class, used only to infer a status the
/// bounce lacks (`user_unknown`, permanent -> `5.1.1`).
pub(crate) fn canonical_status(reason: Reason, class: Class) -> Option<String> {
    let detail = reason_rule(reason)?.status?;
    Some(format!("{}.{detail}", class.digit()))
}

/// A phrase of `reasons.toml` found in a text.
#[derive(Clone, Debug)]
pub(crate) struct PhraseHit {
    pub reason: Reason,
    /// The phrase as the data file writes it (`user * unknown`).
    pub phrase: &'static str,
    /// The words of the text it matched, normalised.
    pub matched: String,
}

/// Every rule's phrases in the order they are tried, prepared, and their first pieces
/// (before any `*`) as one set: a phrase whose first piece is not in a text cannot match.
struct Prepared {
    phrases: Vec<(Reason, &'static str, Phrase)>,
    first_pieces: Patterns,
}

/// The reason the words of a text reveal: every rule's specific phrases in rule order,
/// then every rule's weak ones. `norm` is the text as `scan::text::phrase_text` gives it.
pub(crate) fn reason_in_text(norm: &str) -> Option<PhraseHit> {
    static PREPARED: OnceLock<Prepared> = OnceLock::new();
    let prepared = PREPARED.get_or_init(|| {
        let strong = REASON_RULES
            .iter()
            .flat_map(|r| r.phrases.iter().map(|p| (r.reason, *p)));
        let weak = REASON_RULES
            .iter()
            .flat_map(|r| r.weak_phrases.iter().map(|p| (r.reason, *p)));
        let phrases: Vec<(Reason, &'static str, Phrase)> = strong
            .chain(weak)
            .map(|(reason, p)| (reason, p, Phrase::new(p)))
            .collect();
        let first_pieces: Vec<&'static str> = phrases
            .iter()
            .map(|(_, p, _)| p.split('*').next().unwrap_or(""))
            .collect();
        Prepared {
            first_pieces: Patterns::new(&first_pieces),
            phrases,
        }
    });
    let present = prepared.first_pieces.found_in(norm);
    prepared
        .phrases
        .iter()
        .enumerate()
        .filter(|(i, _)| present.has(*i))
        .find_map(|(_, (reason, phrase, p))| {
            p.find(norm).map(|span| PhraseHit {
                reason: *reason,
                phrase,
                matched: norm[span].to_string(),
            })
        })
}
