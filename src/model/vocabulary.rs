//! The small closed sets a bounce is described with: the SMTP command a reply answered,
//! the class of a code, a DSN's Action, what a piece of evidence is about, and the codes
//! of the warnings about an input. Enums where strings and characters stood in, so that a
//! misspelt value is a compile error rather than a silent miss.

use serde::{Deserialize, Serialize};

/// The SMTP command (or stage) a server's reply answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "UPPERCASE")]
pub enum SmtpCommand {
    /// The connection and the server's greeting, before any command.
    Conn,
    /// `HELO`.
    Helo,
    /// `EHLO`.
    Ehlo,
    /// `STARTTLS`.
    Starttls,
    /// `MAIL FROM`: the envelope sender.
    Mail,
    /// `RCPT TO`: one recipient.
    Rcpt,
    /// `DATA` or the end of the message data.
    Data,
}

impl SmtpCommand {
    /// Every command, in the order of an SMTP session.
    pub const ALL: [SmtpCommand; 7] = [
        SmtpCommand::Conn,
        SmtpCommand::Helo,
        SmtpCommand::Ehlo,
        SmtpCommand::Starttls,
        SmtpCommand::Mail,
        SmtpCommand::Rcpt,
        SmtpCommand::Data,
    ];

    /// The name as data files and the JSON write it (`RCPT`).
    pub fn name(self) -> &'static str {
        match self {
            SmtpCommand::Conn => "CONN",
            SmtpCommand::Helo => "HELO",
            SmtpCommand::Ehlo => "EHLO",
            SmtpCommand::Starttls => "STARTTLS",
            SmtpCommand::Mail => "MAIL",
            SmtpCommand::Rcpt => "RCPT",
            SmtpCommand::Data => "DATA",
        }
    }

    /// The command of a name (`RCPT`, case-insensitive).
    pub fn parse(name: &str) -> Option<SmtpCommand> {
        SmtpCommand::ALL
            .into_iter()
            .find(|c| c.name().eq_ignore_ascii_case(name.trim()))
    }

    /// Whether the reply came before the envelope named anyone (greeting, HELO/EHLO).
    pub fn before_envelope(self) -> bool {
        matches!(
            self,
            SmtpCommand::Conn | SmtpCommand::Helo | SmtpCommand::Ehlo
        )
    }
}

/// The class of a reply or enhanced status code: its first digit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Class {
    /// 2: success.
    Success,
    /// 3: an intermediate reply (`354`), not a result.
    Intermediate,
    /// 4: a temporary failure of this message.
    Temporary,
    /// 5: a permanent failure of this message.
    Permanent,
}

impl Class {
    /// The class a code's first digit gives (`5.1.1`, `550`).
    pub fn of(code: &str) -> Option<Class> {
        match code.trim_start().as_bytes().first()? {
            b'2' => Some(Class::Success),
            b'3' => Some(Class::Intermediate),
            b'4' => Some(Class::Temporary),
            b'5' => Some(Class::Permanent),
            _ => None,
        }
    }

    /// The class of a reply code (`550`).
    pub fn of_reply(code: u16) -> Option<Class> {
        match code / 100 {
            2 => Some(Class::Success),
            3 => Some(Class::Intermediate),
            4 => Some(Class::Temporary),
            5 => Some(Class::Permanent),
            _ => None,
        }
    }

    /// The digit (`'5'`), as status codes are written.
    pub fn digit(self) -> char {
        match self {
            Class::Success => '2',
            Class::Intermediate => '3',
            Class::Temporary => '4',
            Class::Permanent => '5',
        }
    }
}

/// A DSN's `Action:` field (RFC 3464 2.3.3), plus `expired`, which some senders write.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DsnAction {
    /// `failed`: given up.
    Failed,
    /// `delayed`: still trying.
    Delayed,
    /// `delivered`.
    Delivered,
    /// `relayed` to a system that sends no reports.
    Relayed,
    /// `expanded` to several recipients (a list or alias).
    Expanded,
    /// `expired`: not in RFC 3464; SendGrid writes it for a message it gave up on.
    Expired,
}

impl DsnAction {
    /// The action a field's value names (case-insensitive).
    pub fn parse(value: &str) -> Option<DsnAction> {
        match value.trim().to_ascii_lowercase().as_str() {
            "failed" => Some(DsnAction::Failed),
            "delayed" => Some(DsnAction::Delayed),
            "delivered" => Some(DsnAction::Delivered),
            "relayed" => Some(DsnAction::Relayed),
            "expanded" => Some(DsnAction::Expanded),
            "expired" => Some(DsnAction::Expired),
            _ => None,
        }
    }

    /// The class the action implies.
    pub fn class(self) -> Class {
        match self {
            DsnAction::Failed | DsnAction::Expired => Class::Permanent,
            DsnAction::Delayed => Class::Temporary,
            DsnAction::Delivered | DsnAction::Relayed | DsnAction::Expanded => Class::Success,
        }
    }
}

/// What a piece of evidence supports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum EvidenceKind {
    /// The recipient's address.
    Address,
    /// The enhanced status code.
    Status,
    /// The SMTP reply code.
    ReplyCode,
    /// The words or code that gave the reason.
    Reason,
    /// The provider recognised.
    Provider,
    /// The receiving server.
    RemoteMta,
    /// What kind of message this is (a DSN Action, a feedback report, an auto-reply).
    Kind,
}

/// The warnings a report can carry about its input; their texts are data
/// (`data/<lang>/notices.toml`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum WarningCode {
    /// Nothing was given.
    EmptyInput,
    /// No code, reply or report was found.
    NoBounceFound,
    /// Recipients, but no code for them.
    NoCodeFound,
    /// A failure whose reason is unknown.
    ReasonUnknown,
    /// A forwarded bounce was read from its attachment.
    NestedReport,
    /// The input was cut at the size limit.
    InputTruncated,
    /// Recipients beyond the limit were left out.
    TooManyRecipients,
    /// Several messages' recipients were merged.
    SeveralMessages,
}

impl WarningCode {
    /// Every warning.
    pub const ALL: [WarningCode; 8] = [
        WarningCode::EmptyInput,
        WarningCode::NoBounceFound,
        WarningCode::NoCodeFound,
        WarningCode::ReasonUnknown,
        WarningCode::NestedReport,
        WarningCode::InputTruncated,
        WarningCode::TooManyRecipients,
        WarningCode::SeveralMessages,
    ];

    /// The code as the report's `warnings[].code` carries it.
    pub fn name(self) -> &'static str {
        match self {
            WarningCode::EmptyInput => "empty_input",
            WarningCode::NoBounceFound => "no_bounce_found",
            WarningCode::NoCodeFound => "no_code_found",
            WarningCode::ReasonUnknown => "reason_unknown",
            WarningCode::NestedReport => "nested_report",
            WarningCode::InputTruncated => "input_truncated",
            WarningCode::TooManyRecipients => "too_many_recipients",
            WarningCode::SeveralMessages => "several_messages",
        }
    }
}
