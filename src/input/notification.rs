//! Amazon SES event notifications (delivered by SNS as email or webhook): a JSON object
//! with `notificationType` (or `eventType`) Bounce, Complaint or Delivery and one entry
//! per recipient. They carry no DSN part, so the JSON is the report.

use serde_json::Value;

use super::{Finding, Nature, Presented, Read, Shape};
use crate::model::report::{Evidence, OriginalMessage};
use crate::model::EvidenceKind;

/// What kind of SES notification a body holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Notification {
    Bounce,
    Complaint,
    Delivery,
}

/// The JSON value that follows `"key":` in `text`, even when the text around it is
/// broken (a notification cut or re-wrapped by a mail client).
fn value_after(text: &str, key: &str) -> Option<Value> {
    let at = text.find(&format!("\"{key}\""))? + key.len() + 2;
    let rest = text[at..].trim_start().strip_prefix(':')?;
    serde_json::Deserializer::from_str(rest)
        .into_iter::<Value>()
        .next()?
        .ok()
}

/// A notification whose JSON does not parse as a whole: its parts that still do.
fn salvage(body: &str) -> Option<(Notification, Value)> {
    let kind = value_after(body, "notificationType").or_else(|| value_after(body, "eventType"))?;
    let mut part = serde_json::Map::new();
    for key in [
        "bounceType",
        "bouncedRecipients",
        "reportingMTA",
        "complainedRecipients",
        "complaintFeedbackType",
        "smtpResponse",
    ] {
        if let Some(v) = value_after(body, key) {
            part.insert(key.to_string(), v);
        }
    }
    // a delivery's `recipients` list; the mail's own `destination` list is another key
    if let Some(v) = value_after(body, "recipients") {
        part.insert("recipients".into(), v);
    }
    if !["bouncedRecipients", "complainedRecipients", "recipients"]
        .iter()
        .any(|k| part.contains_key(*k))
    {
        return None;
    }
    let (kind, name) = match kind.as_str()?.to_ascii_lowercase().as_str() {
        "bounce" => (Notification::Bounce, "bounce"),
        "complaint" => (Notification::Complaint, "complaint"),
        "delivery" => (Notification::Delivery, "delivery"),
        _ => return None,
    };
    let mut value = serde_json::Map::new();
    value.insert(name.into(), Value::Object(part));
    let mut mail = serde_json::Map::new();
    // not `timestamp`: the first one in the text is the bounce's, not the mail's
    for key in ["commonHeaders", "source", "messageId"] {
        if let Some(v) = value_after(body, key) {
            mail.insert(key.to_string(), v);
        }
    }
    value.insert("mail".into(), Value::Object(mail));
    Some((kind, Value::Object(value)))
}

/// The first JSON object in `body` that is an SES notification, with its kind.
fn find(body: &str) -> Option<(Notification, Value)> {
    find_whole(body).or_else(|| salvage(body)).or_else(|| {
        // a broken SNS envelope: the notification is an escaped string in `Message`
        body.contains("\\\"notificationType\\\"")
            .then(|| body.replace("\\\"", "\"").replace("\\\\", "\\"))
            .and_then(|unescaped| salvage(&unescaped))
    })
}

/// The first JSON object in `body` that parses whole and is an SES notification.
fn find_whole(body: &str) -> Option<(Notification, Value)> {
    let mut from = 0;
    while let Some(pos) = body[from..].find('{') {
        let start = from + pos;
        from = start + 1;
        // a notification is a top-level object: parse from here, ignore what follows it
        let mut stream = serde_json::Deserializer::from_str(&body[start..]).into_iter::<Value>();
        let Some(Ok(value)) = stream.next() else {
            continue;
        };
        let kind = value
            .get("notificationType")
            .or_else(|| value.get("eventType"))
            .and_then(Value::as_str)
            .map(str::to_ascii_lowercase);
        // SNS wraps the notification as a string in `Message`
        if kind.is_none() {
            if let Some(inner) = value.get("Message").and_then(Value::as_str) {
                if let Some(found) = find_whole(inner) {
                    return Some(found);
                }
            }
            continue;
        }
        let kind = match kind.as_deref() {
            Some("bounce") => Notification::Bounce,
            Some("complaint") => Notification::Complaint,
            Some("delivery") => Notification::Delivery,
            _ => continue,
        };
        return Some((kind, value));
    }
    None
}

fn text<'a>(value: &'a Value, key: &str) -> Option<&'a str> {
    value
        .get(key)
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
}

fn list<'a>(value: &'a Value, key: &str) -> impl Iterator<Item = &'a Value> {
    value
        .get(key)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
}

/// What an SES notification says.
pub(crate) struct SesReport {
    pub kind: Notification,
    pub findings: Vec<Finding>,
    /// A complaint's feedback type (`abuse`...).
    pub feedback_type: Option<String>,
    /// SES's own server that reported it.
    pub reporting_mta: Option<String>,
    /// The message the notification is about (`mail.commonHeaders`).
    pub original: Option<OriginalMessage>,
}

/// The message a notification is about, from `mail` (`commonHeaders`, `messageId`).
fn original_of(value: &Value) -> Option<OriginalMessage> {
    let mail = value.get("mail")?;
    let headers = mail.get("commonHeaders");
    let field = |key: &str| headers.and_then(|h| text(h, key)).map(str::to_string);
    let joined = |key: &str| {
        let all: Vec<&str> = headers
            .map(|h| list(h, key).filter_map(Value::as_str).collect())
            .unwrap_or_default();
        (!all.is_empty()).then(|| all.join(", "))
    };
    let original = OriginalMessage {
        message_id: field("messageId").or_else(|| text(mail, "messageId").map(str::to_string)),
        from: joined("from").or_else(|| text(mail, "source").map(str::to_string)),
        to: joined("to"),
        subject: field("subject"),
        date: field("date").or_else(|| text(mail, "timestamp").map(str::to_string)),
    };
    (original.message_id.is_some() || original.subject.is_some() || original.from.is_some())
        .then_some(original)
}

/// Reads an SES notification in `body`, if there is one.
pub(crate) fn read(body: &str) -> Option<SesReport> {
    if !body.contains("notificationType") && !body.contains("eventType") {
        return None;
    }
    let (kind, value) = find(body)?;
    let mut findings = Vec::new();
    let mut feedback_type = None;
    let reporting_mta = ["bounce", "delivery"]
        .iter()
        .find_map(|k| value.get(*k).and_then(|v| text(v, "reportingMTA")))
        .map(|m| {
            m.split_once(';')
                .map_or(m, |(_, name)| name)
                .trim()
                .to_string()
        });
    match kind {
        Notification::Bounce => {
            let bounce = value.get("bounce")?;
            // SES says Transient or Permanent when the recipient's server gave no status
            let presented = match text(bounce, "bounceType") {
                Some("Permanent") => Some(Presented::Failure),
                Some("Transient") => Some(Presented::Delay),
                _ => None,
            };
            for r in list(bounce, "bouncedRecipients") {
                let Some(address) = text(r, "emailAddress") else {
                    continue;
                };
                let address = address.to_ascii_lowercase();
                findings.push(Finding {
                    evidence: vec![Evidence::new(EvidenceKind::Address, &address)],
                    address: Some(address),
                    status_field: text(r, "status").map(str::to_string),
                    diagnostic: text(r, "diagnosticCode").map(str::to_string),
                    dsn_action: text(r, "action").map(str::to_ascii_lowercase),
                    // the receiving server: SES gives its address, not its name
                    remote_mta: text(bounce, "remoteMtaIp").map(str::to_string),
                    presented_as: presented,
                    ..Finding::default()
                });
            }
        }
        Notification::Complaint => {
            let complaint = value.get("complaint")?;
            feedback_type = text(complaint, "complaintFeedbackType").map(str::to_ascii_lowercase);
            for r in list(complaint, "complainedRecipients") {
                if let Some(address) = text(r, "emailAddress") {
                    let address = address.to_ascii_lowercase();
                    findings.push(Finding {
                        evidence: vec![Evidence::new(EvidenceKind::Address, &address)],
                        address: Some(address),
                        nature: Nature::Complaint,
                        ..Finding::default()
                    });
                }
            }
        }
        Notification::Delivery => {
            let delivery = value.get("delivery")?;
            let reply = text(delivery, "smtpResponse").map(str::to_string);
            for r in list(delivery, "recipients") {
                if let Some(address) = r.as_str() {
                    let address = address.to_ascii_lowercase();
                    findings.push(Finding {
                        evidence: vec![Evidence::new(EvidenceKind::Address, &address)],
                        address: Some(address),
                        diagnostic: reply.clone(),
                        dsn_action: Some("delivered".into()),
                        remote_mta: text(delivery, "remoteMtaIp").map(str::to_string),
                        ..Finding::default()
                    });
                }
            }
        }
    }
    Some(SesReport {
        kind,
        findings,
        feedback_type,
        reporting_mta,
        original: original_of(&value),
    })
}

/// An Amazon SES notification in the body, read as the report it is into `r`. False when
/// the body holds none (and `r` is untouched).
pub(crate) fn read_into(r: &mut Read, body: &str) -> bool {
    let Some(ses) = read(body) else {
        return false;
    };
    r.shape = Shape::Notification(ses.kind);
    r.message.feedback_type = ses.feedback_type;
    r.message.reporting_mta = ses.reporting_mta;
    r.message.mta_family = Some("Amazon SES".into());
    r.original = ses.original.or(r.original.take());
    r.findings = ses.findings;
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_bounce_notification_and_ignores_trailing_text() {
        let body = r#"{"notificationType":"Bounce","bounce":{"bounceType":"Permanent","bouncedRecipients":[{"emailAddress":"Bob@Example.com","action":"failed","status":"5.1.1","diagnosticCode":"smtp; 550 5.1.1 user unknown"}]},"mail":{"source":"me@example.org"}}
--
unsubscribe: https://sns.example/?Endpoint=me@example.org"#;
        let report = read(body).unwrap();
        assert_eq!(report.kind, Notification::Bounce);
        assert_eq!(report.findings.len(), 1);
        assert_eq!(
            report.findings[0].address.as_deref(),
            Some("bob@example.com")
        );
        assert_eq!(report.findings[0].status_field.as_deref(), Some("5.1.1"));
        assert_eq!(
            report.original.unwrap().from.as_deref(),
            Some("me@example.org")
        );
    }

    #[test]
    fn reads_a_complaint_with_its_feedback_type() {
        let body = r#"{"notificationType":"Complaint","complaint":{"complainedRecipients":[{"emailAddress":"c@example.com"}],"complaintFeedbackType":"abuse"}}"#;
        let report = read(body).unwrap();
        assert_eq!(report.kind, Notification::Complaint);
        assert_eq!(report.findings[0].nature, Nature::Complaint);
        assert_eq!(report.feedback_type.as_deref(), Some("abuse"));
    }

    #[test]
    fn a_broken_notification_still_gives_its_recipients() {
        let body = "{\"notificationType\":\"Bounce\",\"bounce\":{\"bounceType\":\"Permanent\",\"bouncedRecipients\":[{\"emailAddress\":\"b@example.com\",\"status\":\"5.1.1\"}],\"feedbackId\":\"01\n cut here\"}],\"mail\":{\"source\":\"me@example.org\"}}}";
        let report = read(body).unwrap();
        assert_eq!(report.kind, Notification::Bounce);
        assert_eq!(report.findings.len(), 1);
        assert_eq!(report.findings[0].address.as_deref(), Some("b@example.com"));
        assert_eq!(report.findings[0].presented_as, Some(Presented::Failure));
    }

    #[test]
    fn a_broken_sns_envelope_still_gives_its_recipients() {
        let body = r#"{"Type" : "Notification", "Message" : "{\"notificationType\":\"Bounce\",\"bounce\":{\"bounceType\":\"Permanent\",\"bouncedRecipients\":[{\"emailAddress\":\"b@example.com\",\"status\":\"5.1.1\"}],\"feedbackId\":\"01
 cut here"}"#;
        let report = read(body).unwrap();
        assert_eq!(report.findings.len(), 1);
        assert_eq!(report.findings[0].address.as_deref(), Some("b@example.com"));
    }

    #[test]
    fn truncated_json_is_not_a_notification() {
        assert!(read(r#"{"notificationType":"Bounce","bounce":{"bounceType":"#).is_none());
    }
}
