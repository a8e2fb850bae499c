//! The kind of the whole message (a bounce, a delay warning, a success report, a
//! complaint, an auto-reply, or no bounce at all), decided from the input's shape and
//! the classified recipients, with the warnings that follow from them.

use crate::input::{Presented, Shape};
use crate::model::report::{MessageKind, Recipient};
use crate::model::{BounceType, Class, DsnAction, Reason, WarningCode};

/// The message's kind, and warnings about what was (not) found. `silent` is true when
/// the readers found no code or reply for any recipient.
pub(crate) fn message_kind(
    shape: Shape,
    recipients: &[Recipient],
    silent: bool,
) -> (MessageKind, Vec<WarningCode>) {
    let mut warnings = Vec::new();
    let kind = match shape {
        Shape::Empty => MessageKind::Unknown,
        Shape::Code(class) => match class {
            Some(Class::Success) => MessageKind::Delivered,
            Some(Class::Intermediate) => MessageKind::NotABounce,
            _ => MessageKind::Bounce,
        },
        Shape::Complaint => MessageKind::Feedback,
        Shape::AutoReply => MessageKind::AutoReply,
        Shape::Notification(n) => match n {
            crate::input::notification::Notification::Complaint => MessageKind::Feedback,
            crate::input::notification::Notification::Delivery => MessageKind::Delivered,
            crate::input::notification::Notification::Bounce => {
                from_recipients(recipients, silent, MessageKind::Bounce, &mut warnings)
            }
        },
        Shape::Report { email, presented } => {
            let kind = from_recipients(recipients, silent, MessageKind::Unknown, &mut warnings);
            if email && recipients.is_empty() {
                MessageKind::NotABounce
            } else if presented == Some(Presented::Delay) && kind == MessageKind::Bounce {
                MessageKind::Delay
            } else {
                kind
            }
        }
    };
    if recipients.iter().any(|r| {
        matches!(r.reason, None | Some(Reason::Undefined)) && r.bounce_type != BounceType::None
    }) {
        warnings.push(WarningCode::ReasonUnknown);
    }
    (kind, warnings)
}

/// The kind the recipients' DSN Actions and codes give: all delivered, only delays, or a
/// bounce. With no recipient, `otherwise` (and a warning when nothing at all was found).
fn from_recipients(
    recipients: &[Recipient],
    silent: bool,
    otherwise: MessageKind,
    warnings: &mut Vec<WarningCode>,
) -> MessageKind {
    if recipients.is_empty() {
        if otherwise == MessageKind::Unknown {
            warnings.push(WarningCode::NoBounceFound);
        }
        return otherwise;
    }
    let classes: Vec<Option<Class>> = recipients
        .iter()
        .filter_map(|r| r.dsn_action.as_deref())
        .map(|a| DsnAction::parse(a).map(DsnAction::class))
        .collect();
    // pasted success replies (`250 2.0.0 Ok: queued`) carry no Action field
    let code_class = |r: &Recipient| {
        r.status
            .as_deref()
            .filter(|_| !r.status_inferred)
            .and_then(Class::of)
            .or_else(|| r.reply_code.and_then(Class::of_reply))
    };
    let all_success = classes.is_empty()
        && recipients
            .iter()
            .all(|r| code_class(r) == Some(Class::Success));
    let all_delivered = !classes.is_empty() && classes.iter().all(|c| *c == Some(Class::Success));
    let any_failed = classes.contains(&Some(Class::Permanent));
    let only_delays = !any_failed
        && !classes.is_empty()
        && classes
            .iter()
            .all(|c| matches!(c, Some(Class::Success | Class::Temporary)));
    if silent {
        warnings.push(WarningCode::NoCodeFound);
    }
    if all_success || all_delivered {
        MessageKind::Delivered
    } else if only_delays {
        MessageKind::Delay
    } else {
        MessageKind::Bounce
    }
}
