//! The vocabulary of a verdict: bounce type, reason, whose side the problem is on, and
//! what the sender should do. Kept apart from the parsers so every layer speaks the same
//! words (the JSON names are the snake_case names used in the data files).

use serde::{Deserialize, Serialize};

/// Whether a failure is permanent (hard), temporary (soft), or no failure at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum BounceType {
    /// Permanent failure (5.x.x / 5xx): retrying the same message will not help.
    Hard,
    /// Temporary failure (4.x.x / 4xx): the sender may retry.
    Soft,
    /// Not a failure: success, delivery report, auto-reply or complaint.
    None,
    /// No code and no clear text: we do not know.
    Unknown,
}

/// What the sender should do about a recipient.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Stop sending to the address (bad address, or the recipient complained).
    Suppress,
    /// Keep the address and try again later.
    Retry,
    /// The problem is on the sending side (authentication, reputation, content): fix it, keep the address.
    FixSending,
    /// Not enough information to decide automatically: a person should look.
    Review,
    /// Nothing to do (delivered, auto-reply).
    None,
}

/// What happened, in the words a person acts on: the first thing a result shows. It
/// follows the action, not the status class: a permanent block of the sender is
/// `sending_refused`, never a bad address, although its class is 5 (`bounce_type: hard`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The address is bad (does not exist, disabled, moved, its domain is gone): suppress it.
    BadAddress,
    /// The recipient marked the message as spam: suppress it.
    Complaint,
    /// The receiving side refused the sender (block list, authentication, reputation,
    /// content, rate, policy): keep the address, fix the sending.
    SendingRefused,
    /// A temporary problem (full mailbox, deferral, network): keep the address, retry.
    Temporary,
    /// The bounce does not say clearly enough: a person should read it.
    NeedsReview,
    /// Delivered, an auto-reply, or no failure at all.
    NotAFailure,
}

impl Outcome {
    /// The outcome of an action for a reason (a complaint is suppressed like a bad address
    /// but is not one).
    pub fn of(action: Action, reason: Option<Reason>) -> Outcome {
        match action {
            Action::Suppress if reason == Some(Reason::Feedback) => Outcome::Complaint,
            Action::Suppress => Outcome::BadAddress,
            Action::FixSending => Outcome::SendingRefused,
            Action::Retry => Outcome::Temporary,
            Action::Review => Outcome::NeedsReview,
            Action::None => Outcome::NotAFailure,
        }
    }

    /// The snake_case name used in JSON.
    pub fn name(self) -> &'static str {
        match self {
            Outcome::BadAddress => "bad_address",
            Outcome::Complaint => "complaint",
            Outcome::SendingRefused => "sending_refused",
            Outcome::Temporary => "temporary",
            Outcome::NeedsReview => "needs_review",
            Outcome::NotAFailure => "not_a_failure",
        }
    }

    /// Every outcome, in the order a summary lists them.
    pub const ALL: [Outcome; 6] = [
        Outcome::BadAddress,
        Outcome::Complaint,
        Outcome::SendingRefused,
        Outcome::Temporary,
        Outcome::NeedsReview,
        Outcome::NotAFailure,
    ];
}

/// Whose side a reason points to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Party {
    /// The recipient's address or mailbox.
    Recipient,
    /// The sender's setup: IP, domain, authentication, content.
    Sender,
    /// The path between them: network, queues, remote systems.
    Transit,
    /// Nobody: not a failure.
    None,
}

macro_rules! reasons {
    ($($variant:ident => $name:literal),+ $(,)?) => {
        /// Why a message failed, in a taxonomy at least as fine as Sisimai's.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
        #[serde(rename_all = "snake_case")]
        pub enum Reason { $(#[doc = $name] $variant),+ }

        impl Reason {
            /// Every reason, in declaration order.
            pub const ALL: &'static [Reason] = &[$(Reason::$variant),+];

            /// The snake_case name used in JSON and in the data files.
            pub fn name(self) -> &'static str {
                match self { $(Reason::$variant => $name),+ }
            }

            /// The reason with this snake_case name (underscores optional, any case).
            pub fn from_name(name: &str) -> Option<Reason> {
                let wanted: String = name.chars().filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_lowercase()).collect();
                Reason::ALL.iter().copied().find(|r| r.name().replace('_', "") == wanted)
            }
        }
    };
}

reasons! {
    UserUnknown => "user_unknown",
    HostUnknown => "host_unknown",
    Suspend => "suspend",
    HasMoved => "has_moved",
    NotAccept => "not_accept",
    MailboxFull => "mailbox_full",
    MesgTooBig => "mesg_too_big",
    ExceedLimit => "exceed_limit",
    SystemFull => "system_full",
    SystemError => "system_error",
    MailerError => "mailer_error",
    NetworkError => "network_error",
    Expired => "expired",
    TooManyConn => "too_many_conn",
    TooManyRecipients => "too_many_recipients",
    Speeding => "speeding",
    Blocked => "blocked",
    BadReputation => "bad_reputation",
    RequirePtr => "require_ptr",
    AuthFailure => "auth_failure",
    Rejected => "rejected",
    NoRelaying => "no_relaying",
    PolicyViolation => "policy_violation",
    SpamDetected => "spam_detected",
    VirusDetected => "virus_detected",
    ContentError => "content_error",
    Filtered => "filtered",
    SecurityError => "security_error",
    FailedStarttls => "failed_starttls",
    SyntaxError => "syntax_error",
    NotCompliantRfc => "not_compliant_rfc",
    OnHold => "on_hold",
    Undefined => "undefined",
    Delivered => "delivered",
    Feedback => "feedback",
    Vacation => "vacation",
}

impl BounceType {
    /// The snake_case name used in JSON.
    pub fn name(self) -> &'static str {
        match self {
            BounceType::Hard => "hard",
            BounceType::Soft => "soft",
            BounceType::None => "none",
            BounceType::Unknown => "unknown",
        }
    }
}

impl Action {
    /// The snake_case name used in JSON.
    pub fn name(self) -> &'static str {
        match self {
            Action::Suppress => "suppress",
            Action::Retry => "retry",
            Action::FixSending => "fix_sending",
            Action::Review => "review",
            Action::None => "none",
        }
    }
}
