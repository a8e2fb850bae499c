//! What `decode` returns: one result per recipient, with the evidence behind each
//! conclusion, plus what is known about the message as a whole. Everything here is owned
//! plain data, so it crosses into JSON and JavaScript unchanged.

use serde::{Deserialize, Serialize};

use super::code::{BreakdownPart, CodeKind};
use super::lang::Lang;
use super::taxonomy::{Action, BounceType, Outcome, Party, Reason};
use super::vocabulary::{EvidenceKind, SmtpCommand};

/// Options for `decode`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(default)]
pub struct Options {
    /// Language of explanations, labels and warnings.
    pub lang: Lang,
    /// Include the full knowledge-base explanation of every code found.
    pub explanations: bool,
    /// Stop reading after this many recipients (protects against hostile input).
    pub max_recipients: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            lang: Lang::En,
            explanations: true,
            max_recipients: 10_000,
        }
    }
}

/// What kind of message or text the input is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum MessageKind {
    /// A delivery failure.
    Bounce,
    /// A delay notice: the server is still trying.
    Delay,
    /// A success report (delivered, relayed, expanded).
    Delivered,
    /// A complaint or other feedback report (ARF, RFC 5965).
    Feedback,
    /// An automatic reply such as an out-of-office notice (RFC 3834).
    AutoReply,
    /// A message that is not a bounce.
    NotABounce,
    /// Nothing we could interpret.
    Unknown,
}

impl MessageKind {
    /// The snake_case name used in JSON and in labels.toml.
    pub fn name(self) -> &'static str {
        match self {
            MessageKind::Bounce => "bounce",
            MessageKind::Delay => "delay",
            MessageKind::Delivered => "delivered",
            MessageKind::Feedback => "feedback",
            MessageKind::AutoReply => "auto_reply",
            MessageKind::NotABounce => "not_a_bounce",
            MessageKind::Unknown => "unknown",
        }
    }
}

/// The shape of the input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum InputKind {
    /// Nothing but white space.
    Empty,
    /// A bare code such as `5.1.1` or `550`.
    Code,
    /// One or more SMTP reply lines or DSN fields, or free text.
    Text,
    /// One or more MTA log lines.
    Log,
    /// A whole email message.
    Email,
}

/// A span of the input that supports a conclusion.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(target_arch = "wasm32", tsify(missing_as_null))]
pub struct Evidence {
    /// Which conclusion it supports.
    pub about: EvidenceKind,
    /// The text as found (after MIME decoding).
    pub text: String,
    /// Byte offset of the text in the input, when it appears there verbatim.
    pub start: Option<usize>,
    /// Byte offset of the end of the text in the input.
    pub end: Option<usize>,
}

impl Evidence {
    /// Evidence whose place in the input is not known yet (filled in by `decode`).
    pub fn new(about: EvidenceKind, text: &str) -> Evidence {
        Evidence {
            about,
            text: text.to_string(),
            start: None,
            end: None,
        }
    }
}

/// A remark about the input or the result: a disagreement, a limit reached, a hint.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Notice {
    /// A stable machine-readable code, such as `class_mismatch` or `no_code_found`.
    pub code: String,
    /// The message for people, in the requested language.
    pub message: String,
}

/// A provider or gateway recognised in the bounce.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(target_arch = "wasm32", tsify(missing_as_null))]
pub struct Provider {
    /// Its name, such as `Google` or `Microsoft 365`.
    pub name: String,
    /// Provider-specific tokens found (`S3150`, `TSS04`, `gcdp`...).
    pub tokens: Vec<String>,
    /// What a sender should know and do about bounces from this provider.
    pub advice: Option<String>,
    /// Where the provider's facts and advice come from: its postmaster or support pages
    /// (URLs), RFCs or the mail server's documentation (names).
    pub sources: Vec<String>,
}

/// The result for one recipient.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(target_arch = "wasm32", tsify(missing_as_null))]
pub struct Recipient {
    /// The failed recipient, lower-cased, when the input names one.
    pub address: Option<String>,
    /// The address as originally given (DSN Original-Recipient), when it differs.
    pub original_address: Option<String>,
    /// The enhanced status code, such as `5.1.1`.
    pub status: Option<String>,
    /// True when the status was not in the input but inferred from the text or reply code.
    pub status_inferred: bool,
    /// The SMTP reply code, such as 550.
    pub reply_code: Option<u16>,
    /// What happened, as a person acts on it (bad address, sending refused, temporary,
    /// needs review...): follows `action`, and is what a result shows first.
    pub outcome: Outcome,
    /// The status class: hard (permanent for this message, 5.x.x) or soft (temporary,
    /// 4.x.x), not a failure, or unknown. A hard bounce is not always a bad address.
    pub bounce_type: BounceType,
    /// Why it failed; `None` when we cannot tell.
    pub reason: Option<Reason>,
    /// Which rule decided the reason, naming the data file and entry it used
    /// (`reasons.toml: user_unknown "no such user"`, `codes.toml: 5.7.26`, `DSN Action:
    /// delayed`), so anyone can see why the result says what it says.
    pub decided_by: Option<String>,
    /// Whose side the problem is on.
    pub party: Option<Party>,
    /// What to do.
    pub action: Action,
    /// The DSN Action field (failed, delayed, delivered, relayed, expanded), when present.
    pub dsn_action: Option<String>,
    /// The SMTP command the remote server answered (`RCPT`, `DATA`...), when known.
    pub smtp_command: Option<SmtpCommand>,
    /// The host that gave the answer.
    pub remote_mta: Option<String>,
    /// What email services would call this result (SparkPost, Amazon SES, Postmark,
    /// SendGrid, Mailgun), for teams that send through one of them.
    pub esp: Option<EspEquivalents>,
    /// The provider or gateway recognised, if any.
    pub provider: Option<Provider>,
    /// The diagnostic text (the server's reply), white space folded.
    pub diagnostic: Option<String>,
    /// The codes to look up in `explanations` (status, reply code, provider tokens).
    pub codes: Vec<String>,
    /// The spans of input behind the conclusions.
    pub evidence: Vec<Evidence>,
    /// Disagreements and remarks for this recipient.
    pub notes: Vec<Notice>,
}

/// The headers of the message that bounced, when the bounce carries them.
/// One result in the bounce classes of the email services (`data/esp.toml`); a field is
/// null where the service has no class for it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(target_arch = "wasm32", tsify(missing_as_null))]
pub struct EspEquivalents {
    /// SparkPost's bounce class number (`10`).
    pub sparkpost_class: Option<u16>,
    /// Its name (`Invalid Recipient`).
    pub sparkpost_name: Option<String>,
    /// Amazon SES's `bounceType` (`Permanent`, `Transient`, `Undetermined`).
    pub ses_bounce_type: Option<String>,
    /// Amazon SES's `bounceSubType` (`NoEmail`, `General`, `MailboxFull`...).
    pub ses_bounce_subtype: Option<String>,
    /// Postmark's bounce type (`HardBounce`, `SoftBounce`, `Blocked`...).
    pub postmark_type: Option<String>,
    /// SendGrid's bounce classification (`Invalid Address`, `Reputation`...).
    pub sendgrid_classification: Option<String>,
    /// Mailgun's `severity`: `permanent` or `temporary`.
    pub mailgun_severity: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(target_arch = "wasm32", tsify(missing_as_null))]
pub struct OriginalMessage {
    /// Message-ID.
    pub message_id: Option<String>,
    /// From.
    pub from: Option<String>,
    /// To.
    pub to: Option<String>,
    /// Subject.
    pub subject: Option<String>,
    /// Date.
    pub date: Option<String>,
}

/// Per-message facts of a delivery status notification.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(target_arch = "wasm32", tsify(missing_as_null))]
pub struct MessageInfo {
    /// Subject of the bounce itself.
    pub subject: Option<String>,
    /// From of the bounce itself.
    pub from: Option<String>,
    /// Date of the bounce.
    pub date: Option<String>,
    /// The MTA that wrote the report (DSN Reporting-MTA).
    pub reporting_mta: Option<String>,
    /// When the original arrived (DSN Arrival-Date).
    pub arrival_date: Option<String>,
    /// The mail server family that wrote the bounce (`postfix`, `exim`, `exchange`...).
    pub mta_family: Option<String>,
    /// The feedback type of a complaint report (`abuse`, `opt-out`...).
    pub feedback_type: Option<String>,
}

/// A knowledge-base entry as it appears in a report or from `explain`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(target_arch = "wasm32", tsify(missing_as_null))]
pub struct Explanation {
    /// The code, as the knowledge base writes it.
    pub code: String,
    /// Class, subject, detail, reply or provider.
    pub kind: CodeKind,
    /// The registry's own English name.
    pub name: String,
    /// Where the code is defined.
    pub reference: String,
    /// For provider codes: whose code it is.
    pub provider: Option<String>,
    /// Short name for people.
    pub title: String,
    /// What happened, in plain words.
    pub summary: String,
    /// The class / subject / detail (or digit) breakdown.
    pub breakdown: Vec<BreakdownPart>,
    /// What the code means for the sender, as a person acts on it (follows
    /// `recommended_action`).
    pub outcome: Outcome,
    /// The status class: hard (permanent), soft (temporary) or not a failure.
    pub bounce_type: BounceType,
    /// The reason the code stands for by itself.
    pub reason: Option<Reason>,
    /// The recommended action as a machine-readable value.
    pub recommended_action: Action,
    /// A short category label.
    pub category: String,
    /// What to do now.
    pub action: String,
    /// Likely causes.
    pub causes: Vec<String>,
    /// Steps for email marketers.
    pub resolution_marketers: Vec<String>,
    /// Steps for developers.
    pub resolution_developers: Vec<String>,
    /// The counterpart code (temporary vs permanent), if any.
    pub counterpart_code: Option<String>,
    /// How the counterpart differs.
    pub counterpart: String,
    /// Example bounce lines.
    pub examples: Vec<String>,
    /// Typical provider wording and advice.
    pub provider_responses: Vec<String>,
    /// Best practices.
    pub best_practices: Vec<String>,
    /// Investigation steps.
    pub investigation: Vec<String>,
    /// False when the registry does not list this detail for this class.
    pub registry: bool,
}

/// The whole result of `decode`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(target_arch = "wasm32", tsify(missing_as_null))]
pub struct Report {
    /// What the message is: bounce, delay, delivered, feedback, auto-reply...
    pub kind: MessageKind,
    /// The shape of the input.
    pub input: InputKind,
    /// The language of texts in this report.
    pub lang: Lang,
    /// One result per recipient found.
    pub recipients: Vec<Recipient>,
    /// Facts about the bounce message itself.
    pub message: MessageInfo,
    /// The message that bounced, when attached.
    pub original: Option<OriginalMessage>,
    /// Explanations of every code referenced by the recipients (when asked for).
    pub explanations: Vec<Explanation>,
    /// Warnings and hints about the input as a whole.
    pub warnings: Vec<Notice>,
}
