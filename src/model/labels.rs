//! Translated labels of the taxonomy, as owned data for user interfaces.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// One translated label, keyed by its snake_case name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct LabelItem {
    /// The snake_case name (`user_unknown`, `suppress`, `hard`, `bounce`).
    pub key: String,
    /// A few words.
    pub label: String,
    /// One or two sentences.
    pub explanation: String,
}

/// All translated labels of a language, for user interfaces. Each group is keyed by the
/// snake_case value a report carries, so `reasons["user_unknown"].label` is the label of
/// `Reason::UserUnknown` (an object, not a `Map`, in JavaScript).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct LabelTable {
    /// Reasons.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Record<Reason, LabelItem>"))]
    pub reasons: BTreeMap<String, LabelItem>,
    /// Actions.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Record<Action, LabelItem>"))]
    pub actions: BTreeMap<String, LabelItem>,
    /// Outcomes: what happened, as a person acts on it.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Record<Outcome, LabelItem>"))]
    pub outcomes: BTreeMap<String, LabelItem>,
    /// Bounce types.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Record<BounceType, LabelItem>"))]
    pub bounce_types: BTreeMap<String, LabelItem>,
    /// Message kinds.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Record<MessageKind, LabelItem>"))]
    pub kinds: BTreeMap<String, LabelItem>,
}
