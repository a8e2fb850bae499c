//! Reads a whole email with mail-parser (MIME structure, encoded words, quoted-printable,
//! base64, charsets) and sorts its parts into what a bounce reader needs: the human text,
//! the delivery-status and feedback-report parts, and the returned original message.

use std::sync::OnceLock;

use mail_parser::{HeaderName, Message, MessageParser, MimeHeaders, PartType};

use super::html::html_to_text;
use crate::model::report::OriginalMessage;

/// The parts of an email that matter for reading a bounce.
#[derive(Debug, Default)]
pub(crate) struct Email {
    /// Top-level headers, names lower-cased, values unfolded.
    pub headers: Vec<(String, String)>,
    /// Human-readable text parts of the report, in order (HTML turned into text).
    pub bodies: Vec<String>,
    /// message/delivery-status parts (RFC 3464), raw text.
    pub delivery_status: Vec<String>,
    /// message/feedback-report part (RFC 5965), raw text.
    pub feedback: Option<String>,
    /// The returned original message or its headers.
    pub original: Option<OriginalMessage>,
    /// Recipients named in the returned original's To/Cc (used only as a last resort).
    pub original_recipients: Vec<String>,
    /// `multipart/report; report-type=...` of the top level, lower-cased.
    pub report_type: Option<String>,
    /// The attached message when it is itself a delivery report: a gateway that forwards
    /// a bounce it received wraps it so, and says little of its own.
    pub nested_report: Option<Vec<u8>>,
}

impl Email {
    /// The first value of a top-level header (name in lower case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// The parser of every email and returned original: mail-parser's default parsing of
/// each header field it parses, except Received; Received and the fields it keeps raw are
/// skipped. Nothing here reads their parsed values (the header block is read raw, by
/// offsets: `headers_raw`, `header_raw`), and taking each Received field apart and
/// copying the others was a fifth of the parsing time. (Skipping a field ends where
/// reading it raw ends, and so does parsing a Received field; other fields keep their
/// parsers, whose ends can differ on broken input.)
fn parser() -> &'static MessageParser {
    static PARSER: OnceLock<MessageParser> = OnceLock::new();
    PARSER.get_or_init(|| {
        use HeaderName::*;
        let mut p = MessageParser::new().default_header_ignore();
        for h in [
            Subject,
            Comments,
            ContentDescription,
            ContentLocation,
            ContentTransferEncoding,
        ] {
            p = p.header_text(h);
        }
        for h in [
            From,
            To,
            Cc,
            Bcc,
            ReplyTo,
            Sender,
            ResentTo,
            ResentFrom,
            ResentBcc,
            ResentCc,
            ResentSender,
            ListArchive,
            ListHelp,
            ListId,
            ListOwner,
            ListPost,
            ListSubscribe,
            ListUnsubscribe,
        ] {
            p = p.header_address(h);
        }
        for h in [Date, ResentDate] {
            p = p.header_date(h);
        }
        for h in [
            MessageId,
            References,
            InReplyTo,
            ReturnPath,
            ContentId,
            ResentMessageId,
        ] {
            p = p.header_id(h);
        }
        for h in [Keywords, ContentLanguage] {
            p = p.header_comma_separated(h);
        }
        for h in [ContentType, ContentDisposition] {
            p = p.header_content_type(h);
        }
        // MIME-Version, Received and every other field: skipped
        p
    })
}

fn unfold(value: &str) -> String {
    crate::scan::text::fold(value)
}

fn addresses(message: &Message<'_>, to: bool) -> Vec<String> {
    let list = if to { message.to() } else { message.from() };
    list.map(|a| {
        a.iter()
            .filter_map(|x| x.address())
            .map(str::to_ascii_lowercase)
            .collect()
    })
    .unwrap_or_default()
}

fn original_of(message: &Message<'_>) -> OriginalMessage {
    let joined = |v: Vec<String>| {
        if v.is_empty() {
            None
        } else {
            Some(v.join(", "))
        }
    };
    OriginalMessage {
        message_id: message.message_id().map(str::to_string),
        from: joined(addresses(message, false)),
        to: joined(addresses(message, true)),
        subject: message.subject().map(str::to_string),
        date: message.header_raw("Date").map(unfold),
    }
}

/// The returned message when a text bounce quotes it after a marker line (Exim's "This
/// is a copy of the message, including all the headers", qmail's "Below this line"):
/// its header fields, when they read as a message's.
pub(crate) fn original_from_text(text: &str) -> Option<OriginalMessage> {
    let headers = text.trim_start_matches(['\r', '\n']);
    let message = parser().parse(headers.as_bytes())?;
    let original = original_of(&message);
    (original.message_id.is_some() || original.subject.is_some() || original.from.is_some())
        .then_some(original)
}

/// Parses `raw` as an email. Returns `None` when mail-parser finds no message at all.
/// Whether a message holds an RFC 3464 delivery-status part.
fn is_delivery_report(message: &Message<'_>) -> bool {
    message.parts.iter().any(|part| {
        part.content_type().is_some_and(|c| {
            c.ctype().eq_ignore_ascii_case("message")
                && c.subtype().is_some_and(|s| {
                    s.eq_ignore_ascii_case("delivery-status")
                        || s.eq_ignore_ascii_case("global-delivery-status")
                })
        })
    })
}

pub(crate) fn parse(raw: &[u8]) -> Option<Email> {
    let message = parser().parse(raw)?;
    let mut email = Email {
        headers: message
            .headers_raw()
            .map(|(n, v)| (n.to_ascii_lowercase(), unfold(v)))
            .collect(),
        ..Email::default()
    };
    // the subject as people read it: its encoded words (`=?utf-8?Q?...?=`, which hide
    // "Unzustellbar" or "Nicht zustellbar" from the bounce's wording) decoded
    if let Some(subject) = message.subject() {
        if let Some((_, value)) = email.headers.iter_mut().find(|(n, _)| n == "subject") {
            *value = unfold(subject);
        }
    }
    if let Some(ct) = message.root_part().content_type() {
        if ct.ctype().eq_ignore_ascii_case("multipart") {
            email.report_type = ct.attribute("report-type").map(str::to_ascii_lowercase);
        }
    }
    let single_part = message.parts.len() == 1;
    for (index, part) in message.parts.iter().enumerate() {
        let (ctype, subtype) = part
            .content_type()
            .map(|c| {
                (
                    c.ctype().to_ascii_lowercase(),
                    c.subtype().unwrap_or("").to_ascii_lowercase(),
                )
            })
            .unwrap_or_else(|| ("text".into(), "plain".into()));
        let text = || crate::scan::text::lossy(part.contents()).into_owned();
        match (&part.body, ctype.as_str(), subtype.as_str()) {
            (PartType::Multipart(_), _, _) => {}
            (PartType::Message(nested), _, _) if email.original.is_none() => {
                email.original = Some(original_of(nested));
                email.original_recipients = addresses(nested, true);
                if is_delivery_report(nested) {
                    email.nested_report = Some(nested.raw_message().to_vec());
                }
            }
            (_, "message", "delivery-status" | "global-delivery-status") => {
                email.delivery_status.push(text())
            }
            (_, "message", "feedback-report") => email.feedback = Some(text()),
            (_, "text", "rfc822-headers")
            | (_, "message", "rfc822-headers")
            | (_, "message", "rfc822")
            | (_, "message", "global") => {
                let raw_headers = text();
                if email.original.is_none() {
                    if let Some(headers) = parser().parse(raw_headers.as_bytes()) {
                        email.original = Some(original_of(&headers));
                        email.original_recipients = addresses(&headers, true);
                    }
                }
            }
            (PartType::Html(html), _, _) => email.bodies.push(html_to_text(html)),
            (PartType::Text(body), _, _) => email.bodies.push(body.to_string()),
            (PartType::Binary(_) | PartType::InlineBinary(_), _, _)
                if single_part || (index == 0) =>
            {
                // a body mail-parser could not classify as text: read what is readable
                let body = text();
                if body
                    .chars()
                    .filter(|c| c.is_control() && !c.is_whitespace())
                    .count()
                    < body.len() / 20 + 1
                {
                    email.bodies.push(body);
                }
            }
            _ => {}
        }
    }
    Some(email)
}
