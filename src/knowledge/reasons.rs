//! The reason taxonomy's rules (`data/reasons.toml`): whose side each reason is on, what
//! to do for it when it is permanent or temporary, the status code that stands for it,
//! and the phrases that reveal it in a bounce's words.

use std::sync::OnceLock;

use super::{ReasonRule, REASON_RULES};
use crate::model::{Action, BounceType, Class, Reason};
use crate::scan::text::{normalize, truncate, Phrase};

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

/// The reason the words of a text reveal: every rule's specific phrases in rule order,
/// then every rule's weak ones.
pub(crate) fn reason_in_text(text: &str) -> Option<PhraseHit> {
    static PHRASES: OnceLock<Vec<(Reason, &'static str, Phrase)>> = OnceLock::new();
    let phrases = PHRASES.get_or_init(|| {
        let strong = REASON_RULES
            .iter()
            .flat_map(|r| r.phrases.iter().map(|p| (r.reason, *p)));
        let weak = REASON_RULES
            .iter()
            .flat_map(|r| r.weak_phrases.iter().map(|p| (r.reason, *p)));
        strong
            .chain(weak)
            .map(|(reason, p)| (reason, p, Phrase::new(p)))
            .collect()
    });
    let norm = normalize(truncate(text, 8192));
    phrases.iter().find_map(|(reason, phrase, p)| {
        p.find(&norm).map(|span| PhraseHit {
            reason: *reason,
            phrase,
            matched: norm[span].to_string(),
        })
    })
}
