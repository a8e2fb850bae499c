//! The verdict that follows from the class and the reason: the bounce type, a status the
//! bounce did not state (inferred, and marked so), the honest `undefined` where no rule
//! gave a reason, and whose side the problem is on.

use crate::knowledge::reasons::{canonical_status, reason_rule};
use crate::model::{BounceType, Class, Party, Reason};

/// One recipient's settled verdict.
pub(super) struct Verdict {
    pub status: Option<String>,
    pub status_inferred: bool,
    pub bounce_type: BounceType,
    pub reason: Option<Reason>,
    pub decided_by: Option<String>,
    pub party: Option<Party>,
}

/// Settles the verdict from the status found, the class and the reason decided.
pub(super) fn settle(
    status: Option<String>,
    class: Option<Class>,
    mut reason: Option<Reason>,
    mut decided_by: Option<String>,
) -> Verdict {
    // a status the bounce did not carry, inferred from the reason and the class
    let (status, status_inferred) = match (status, reason, class) {
        (Some(s), _, _) => (Some(s), false),
        (None, Some(r), Some(c)) => {
            let inferred = canonical_status(r, c);
            let is_inferred = inferred.is_some();
            (inferred, is_inferred)
        }
        _ => (None, false),
    };
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
    Verdict {
        status,
        status_inferred,
        bounce_type,
        reason,
        decided_by,
        party,
    }
}
