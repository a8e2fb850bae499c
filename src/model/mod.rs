//! The bottom layer: the vocabulary of a verdict (taxonomy, languages, SMTP commands,
//! classes, DSN actions) and the types a report is made of. It depends on nothing else in
//! the crate; every other layer speaks these words.

pub mod code;
pub mod labels;
pub mod lang;
pub mod report;
pub mod taxonomy;
pub mod vocabulary;

pub use code::{BreakdownPart, CodeKind};
pub use labels::{LabelItem, LabelTable};
pub use lang::Lang;
pub use taxonomy::{Action, BounceType, Outcome, Party, Reason};
pub use vocabulary::{Class, DsnAction, EvidenceKind, SmtpCommand, WarningCode};
