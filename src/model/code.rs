//! What a code is (class, subject, detail, reply, provider tag) and the parts of its
//! breakdown, as the knowledge base and the report show them.

use serde::{Deserialize, Serialize};

/// What kind of code an entry explains.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum CodeKind {
    /// An enhanced status code class, such as `5.XXX.XXX`.
    Class,
    /// An enhanced status code subject within a class, such as `5.1.XXX`.
    Subject,
    /// A full enhanced status code, such as `5.1.1`.
    Detail,
    /// An RFC 5321 reply code, such as `550`.
    Reply,
    /// A code or tag a provider writes itself, such as Microsoft's `S3150`.
    Provider,
}

/// One part of a code's breakdown: the digit or element, and what it means.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct BreakdownPart {
    /// `class`, `subject`, `detail`, `first_digit`, `second_digit`, `third_digit` or `tag`.
    pub part: String,
    /// The digit(s) or tag.
    pub value: String,
    /// What it means.
    pub meaning: String,
}
