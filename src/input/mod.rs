//! Decides what the input is (a bare code, reply lines, DSN fields, log lines, a whole
//! email) and sends it to the reader for that shape. Each reader returns findings, one per
//! recipient, and says what it saw; `crate::classify` interprets them.

pub(crate) mod autoreply;
pub(crate) mod dsn;
pub(crate) mod email;
pub(crate) mod feedback;
pub(crate) mod finding;
pub(crate) mod html;
pub(crate) mod log;
pub(crate) mod mime;
pub(crate) mod notification;
pub(crate) mod text;

pub(crate) use finding::{Finding, Nature, Presented};

use crate::knowledge::vendors::{detect_family, Signs};
use crate::knowledge::wording::promises_retry;
use crate::model::report::{Evidence, InputKind, MessageInfo, OriginalMessage};
use crate::model::{Class, EvidenceKind, WarningCode};
use crate::scan::text::report_text;

/// What shape the input had, as far as the message's kind depends on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Shape {
    /// Nothing but white space.
    Empty,
    /// One bare code, of this class (none for a provider tag such as `S3150`).
    Code(Option<Class>),
    /// Reply lines, DSN fields, log lines or a report: its kind follows from its
    /// recipients. `email` is true for a whole email read for its text (with no recipient,
    /// it is no bounce at all); `presented` is what the email says of itself.
    Report {
        email: bool,
        presented: Option<Presented>,
    },
    /// A complaint report (ARF or JMRP).
    Complaint,
    /// An automatic reply.
    AutoReply,
    /// An Amazon SES notification of this kind.
    Notification(notification::Notification),
}

/// What the readers found in the whole input.
#[derive(Debug)]
pub(crate) struct Read {
    pub shape: Shape,
    pub input: InputKind,
    pub findings: Vec<Finding>,
    pub message: MessageInfo,
    pub original: Option<OriginalMessage>,
    /// Warnings about the input (a forwarded report, an empty input).
    pub warnings: Vec<WarningCode>,
}

impl Read {
    fn new(input: InputKind, shape: Shape) -> Read {
        Read {
            shape,
            input,
            findings: Vec::new(),
            message: MessageInfo::default(),
            original: None,
            warnings: Vec::new(),
        }
    }
}

/// The shape of text whose kind follows from its recipients.
const REPORT: Shape = Shape::Report {
    email: false,
    presented: None,
};

/// True when the text starts with a block of RFC 5322 header fields that an email has.
fn looks_like_email(text: &str) -> bool {
    let mut names = Vec::new();
    for line in text.lines().take(60) {
        if line.trim().is_empty() {
            break;
        }
        if line.starts_with([' ', '\t']) || (names.is_empty() && line.starts_with("From ")) {
            continue;
        }
        match line.split_once(':') {
            Some((name, _))
                if !name.is_empty()
                    && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') =>
            {
                names.push(name.to_ascii_lowercase());
            }
            _ => return false,
        }
    }
    // RFC 5322 fields an email's own header block has (not bounce wording)
    let strong = [
        "from",
        "subject",
        "received",
        "return-path",
        "mime-version",
        "content-type",
        "message-id",
        "date",
        "delivered-to",
        "to",
        "x-failed-recipients",
    ];
    let strong_count = names
        .iter()
        .filter(|n| strong.contains(&n.as_str()))
        .count();
    // pasted DSN fields look like headers too; an email's own header block also has
    // Received, Message-ID or MIME-Version (some servers add Original-Recipient to it)
    strong_count >= 2
        && (strong_count >= 4 || !names.iter().any(|n| dsn::DSN_FIELDS.contains(&n.as_str())))
}

/// True when pasted text is made of DSN fields.
fn looks_like_dsn(text: &str) -> bool {
    text.lines().take(200).any(|l| {
        let lower = l.trim_start().to_ascii_lowercase();
        lower.starts_with("final-recipient:") || lower.starts_with("original-recipient:")
    }) || (text
        .lines()
        .any(|l| l.to_ascii_lowercase().starts_with("status:"))
        && text
            .lines()
            .any(|l| l.to_ascii_lowercase().starts_with("diagnostic-code:")))
}

/// True when the whole input is one bare code (`5.1.1`, `550`, `S3150`, `5.1.x`, or a
/// provider's code as its replies write it, `AUP#In-1310`).
fn bare_code(text: &str) -> Option<String> {
    let t = text.trim();
    if t.is_empty() || t.contains(char::is_whitespace) || t.len() > 16 {
        return None;
    }
    let key = match crate::knowledge::normalize_code(t) {
        Some(key) => key,
        // the code as the reply names it, `1310` of `AUP#In-1310`
        None => {
            return crate::knowledge::provider_code_after_prefix(t, crate::knowledge::Lang::En)
                .map(|(name, _)| name)
        }
    };
    let numeric = key.starts_with(|c: char| c.is_ascii_digit());
    let known = crate::knowledge::explain(&key, crate::knowledge::Lang::En).is_some();
    (known || (numeric && (key.len() == 3 || key.matches('.').count() == 2))).then_some(key)
}

/// Reads any input; `text` is `raw` read as UTF-8 (`scan::text::lossy`).
pub(crate) fn read(raw: &[u8], text: &str) -> Read {
    if text.trim().is_empty() {
        let mut r = Read::new(InputKind::Empty, Shape::Empty);
        r.warnings.push(WarningCode::EmptyInput);
        return r;
    }
    if let Some(code) = bare_code(text) {
        return read_code(&code);
    }
    if looks_like_email(text) {
        if let Some(parsed) = mime::parse(raw) {
            return email::read_email_or_nested_report(&parsed);
        }
    }
    if looks_like_dsn(text) {
        let mut r = Read::new(InputKind::Text, REPORT);
        let report = dsn::parse(text);
        r.message.reporting_mta = dsn::field(&report.message, "reporting-mta").map(dsn::clean_mta);
        r.findings = dsn::findings(&report, None);
        return r;
    }
    if log::looks_like_log(text) {
        let mut r = Read::new(InputKind::Log, REPORT);
        r.findings = log::read(text);
        return r;
    }
    let mut r = Read::new(InputKind::Text, REPORT);
    if notification::read_into(&mut r, text) {
        return r;
    }
    let report_text = report_text(text);
    let family = detect_family(&Signs {
        from: "",
        subject: "",
        headers: &[],
        body: &report_text,
    });
    r.message.mta_family = family.map(|f| f.name.to_string());
    r.findings = text::read(text, &[], &[], family);
    if promises_retry(&report_text) {
        for f in &mut r.findings {
            f.presented_as.get_or_insert(Presented::Delay);
        }
    }
    r
}

fn read_code(code: &str) -> Read {
    let mut r = Read::new(InputKind::Code, Shape::Code(Class::of(code)));
    let finding = if code.contains('.') {
        Finding {
            status_field: Some(code.to_string()),
            evidence: vec![Evidence::new(EvidenceKind::Status, code)],
            ..Finding::default()
        }
    } else if let Some(reply) = code.parse::<u16>().ok().filter(|_| code.len() == 3) {
        Finding {
            reply_field: Some(reply),
            evidence: vec![Evidence::new(EvidenceKind::ReplyCode, code)],
            ..Finding::default()
        }
    } else {
        Finding {
            diagnostic: Some(format!("({code})")),
            ..Finding::default()
        }
    };
    r.findings.push(finding);
    r
}
