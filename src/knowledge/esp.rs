//! A result in the bounce classes of the email services senders use (SparkPost, Amazon
//! SES, Postmark, SendGrid, Mailgun), from `data/esp.toml`.

use super::ESP;
use crate::model::report::EspEquivalents;
use crate::model::{BounceType, Reason};

/// One service row of `esp.toml`.
pub(crate) struct EspRow {
    pub sparkpost: Option<(u16, &'static str)>,
    /// `Type/SubType`.
    pub ses: Option<&'static str>,
    pub postmark: Option<&'static str>,
    pub sendgrid: Option<&'static str>,
}

/// What the services would call a reason in a class. None for a success, and for a
/// failure whose class is unknown (the services' classes depend on it).
pub(crate) fn equivalents(
    reason: Option<Reason>,
    bounce_type: BounceType,
) -> Option<EspEquivalents> {
    let reason = reason?;
    let (_, permanent, temporary) = ESP.iter().find(|(r, _, _)| *r == reason)?;
    let (row, severity) = match bounce_type {
        BounceType::Hard => (permanent, Some("permanent")),
        BounceType::Soft => (temporary, Some("temporary")),
        // an auto-reply or a complaint is no failure, but the services name them
        BounceType::None if matches!(reason, Reason::Vacation | Reason::Feedback) => {
            (permanent, None)
        }
        BounceType::None | BounceType::Unknown => return None,
    };
    let (ses_type, ses_subtype) = match row.ses.and_then(|s| s.split_once('/')) {
        Some((t, s)) => (Some(t.to_string()), Some(s.to_string())),
        None => (None, None),
    };
    Some(EspEquivalents {
        sparkpost_class: row.sparkpost.map(|(n, _)| n),
        sparkpost_name: row.sparkpost.map(|(_, name)| name.to_string()),
        ses_bounce_type: ses_type,
        ses_bounce_subtype: ses_subtype,
        postmark_type: row.postmark.map(str::to_string),
        sendgrid_classification: row.sendgrid.map(str::to_string),
        mailgun_severity: severity.map(str::to_string),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_failure_reason_has_its_equivalents_and_a_temporary_one_never_reads_as_permanent() {
        for reason in Reason::ALL {
            if matches!(reason, Reason::Delivered) {
                assert!(equivalents(Some(*reason), BounceType::None).is_none());
                continue;
            }
            let hard = equivalents(Some(*reason), BounceType::Hard);
            let soft = equivalents(Some(*reason), BounceType::Soft);
            assert!(hard.is_some() && soft.is_some(), "{reason:?} has no row");
            let soft = soft.unwrap();
            // a temporary failure never becomes a class that removes the address
            assert_ne!(
                soft.ses_bounce_type.as_deref(),
                Some("Permanent"),
                "{reason:?}"
            );
            assert_ne!(
                soft.postmark_type.as_deref(),
                Some("HardBounce"),
                "{reason:?}"
            );
            assert_ne!(soft.sparkpost_class, Some(10), "{reason:?}");
            assert_eq!(soft.mailgun_severity.as_deref(), Some("temporary"));
        }
        let e = equivalents(Some(Reason::UserUnknown), BounceType::Hard).unwrap();
        assert_eq!(
            (
                e.sparkpost_class,
                e.sparkpost_name.as_deref(),
                e.ses_bounce_subtype.as_deref()
            ),
            (Some(10), Some("Invalid Recipient"), Some("NoEmail"))
        );
        assert!(equivalents(Some(Reason::UserUnknown), BounceType::Unknown).is_none());
    }
}
