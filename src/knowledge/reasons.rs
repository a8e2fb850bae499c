//! The reason taxonomy's rules (`data/reasons.toml`): whose side each reason is on, what
//! to do for it when it is permanent or temporary, the status code that stands for it,
//! and the phrases that reveal it in a bounce's words.

use std::sync::OnceLock;

use super::{ReasonRule, REASON_RULES};
use crate::model::{Action, BounceType, Class, Reason};
use crate::scan::patterns::Patterns;
use crate::scan::text::Phrase;

/// The rule of a reason.
pub(crate) fn reason_rule(reason: Reason) -> Option<&'static ReasonRule> {
    REASON_RULES.iter().find(|r| r.reason == reason)
}

/// The action for a reason and bounce type, per `reasons.toml`.
pub fn action_for(reason: Option<Reason>, bounce_type: BounceType) -> Action {
    let Some(rule) = reason.and_then(reason_rule) else {
        return match bounce_type {
            BounceType::Soft => Action::Retry,
            BounceType::None => Action::None,
            BounceType::Hard | BounceType::Unknown => Action::Review,
        };
    };
    match bounce_type {
        BounceType::Soft => rule.when_temporary,
        BounceType::Hard | BounceType::Unknown => rule.when_permanent,
        BounceType::None => {
            if reason == Some(Reason::Feedback) {
                rule.when_permanent
            } else {
                Action::None
            }
        }
    }
}

/// The status code that stands for a reason in a class, used only to infer a status the
/// bounce lacks (`user_unknown`, permanent -> `5.1.1`).
pub(crate) fn canonical_status(reason: Reason, class: Class) -> Option<String> {
    let detail = reason_rule(reason)?.status?;
    Some(format!("{}.{detail}", class.digit()))
}

/// A phrase of `reasons.toml` found in a text.
#[derive(Clone, Debug)]
pub(crate) struct PhraseHit {
    pub reason: Reason,
    /// The phrase as the data file writes it (`user * unknown`).
    pub phrase: &'static str,
    /// The words of the text it matched, normalised.
    pub matched: String,
    /// One of the rule's weak phrases: generic wording that hints at the reason.
    pub weak: bool,
}

/// A phrase of a reason, as written and compiled.
type ReasonPhrase = (Reason, &'static str, Phrase);

/// Every rule's phrases in the order they are tried (the strong ones first), prepared,
/// and their first pieces (before any `*`) as one set: a phrase whose first piece is not
/// in a text cannot match.
struct Prepared {
    phrases: Vec<ReasonPhrase>,
    first_pieces: Patterns,
    strong_count: usize,
}

/// How far around a phrase's hit a longer phrase that contains it is looked for.
const AROUND: usize = 80;

/// The subject digit of the status code that stands for a reason (`user_unknown` -> '1'),
/// none for a reason with only the catch-all X.0.0.
pub(crate) fn reason_subject(reason: Reason) -> Option<char> {
    let detail = reason_rule(reason)?.status?;
    detail.chars().next().filter(|&c| c != '0')
}

/// The reason the words of a text reveal: every rule's specific phrases in rule order,
/// then every rule's weak ones. `norm` is the text as `scan::text::phrase_text` gives it.
/// - A phrase found inside a longer phrase of the same tier means what the longer one
///   means ("invalid recipient" inside "too many invalid recipients" is a complaint about
///   the sender's list, not about this recipient).
/// - Generic (weak) wording is read in the light of the status code's `subject`: the first
///   weak phrase whose reason has that subject ("banned" beside 5.7.511 rather than
///   "access denied"), else the first.
pub(crate) fn reason_in_text_under(norm: &str, subject: Option<char>) -> Option<PhraseHit> {
    static PREPARED: OnceLock<Prepared> = OnceLock::new();
    let prepared = PREPARED.get_or_init(|| {
        let strong: Vec<(Reason, &'static str)> = REASON_RULES
            .iter()
            .flat_map(|r| r.phrases.iter().map(|p| (r.reason, *p)))
            .collect();
        let weak = REASON_RULES
            .iter()
            .flat_map(|r| r.weak_phrases.iter().map(|p| (r.reason, *p)));
        let strong_count = strong.len();
        let phrases: Vec<ReasonPhrase> = strong
            .into_iter()
            .chain(weak)
            .map(|(reason, p)| (reason, p, Phrase::new(p)))
            .collect();
        let first_pieces: Vec<&'static str> = phrases
            .iter()
            .map(|(_, p, _)| p.split('*').next().unwrap_or(""))
            .collect();
        Prepared {
            first_pieces: Patterns::new(&first_pieces),
            phrases,
            strong_count,
        }
    });
    let (phrases, strong_count) = (&prepared.phrases, prepared.strong_count);
    // a phrase whose first piece is not in the text cannot match
    let present = prepared.first_pieces.found_in(norm);
    // generic phrases that only introduce an explanation the rules do not know
    let mut skipped: Vec<usize> = Vec::new();
    loop {
        let usable = |i: usize| present.has(i) && !skipped.contains(&i);
        let hit_from = |from: usize, wanted: &dyn Fn(Reason) -> bool| {
            phrases[from..]
                .iter()
                .enumerate()
                .filter(|(i, (reason, _, _))| usable(from + i) && wanted(*reason))
                .find_map(|(i, (_, _, p))| p.find(norm).map(|span| (from + i, span)))
        };
        let (index, span) = hit_from(0, &|_| true)?;
        let (index, span) = match subject {
            Some(subject) if index >= strong_count => {
                hit_from(index, &|r| reason_subject(r) == Some(subject)).unwrap_or((index, span))
            }
            _ => (index, span),
        };
        let tier = if index < strong_count {
            0..strong_count
        } else {
            strong_count..phrases.len()
        };
        let in_text = |i: usize| usable(tier.start + i);
        let (index, span) = containing_phrase(&phrases[tier.clone()], &in_text, norm, span.clone())
            .map_or((index, span), |(i, s)| (tier.start + i, s));
        let weak = index >= strong_count;
        if weak && introduces_an_explanation(&norm[span.end..]) && skipped.len() < 8 {
            // "recipient address rejected: greylisted": the words after the colon say
            // what happened, and no phrase knows them; the prefix alone proves nothing
            skipped.push(index);
            continue;
        }
        let (reason, phrase, _) = &phrases[index];
        return Some(PhraseHit {
            reason: *reason,
            phrase,
            matched: norm[span].to_string(),
            weak,
        });
    }
}

/// Whether the text after a generic phrase is an explanation of it: a colon, then words
/// (`: Greylisted, see ...`), not a code, an address or the end of the reply.
fn introduces_an_explanation(after: &str) -> bool {
    after
        .strip_prefix(':')
        .map(str::trim_start)
        .is_some_and(|rest| rest.starts_with(|c: char| c.is_alphabetic()))
}

/// The longest phrase of `tier` whose hit near `span` strictly contains it, with its span.
/// `in_text` says which phrases of the tier may occur in the text at all (their first
/// piece does), so that only those are looked for.
fn containing_phrase(
    tier: &[ReasonPhrase],
    in_text: &dyn Fn(usize) -> bool,
    norm: &str,
    span: std::ops::Range<usize>,
) -> Option<(usize, std::ops::Range<usize>)> {
    // a window that starts where a word starts, so phrases match as they would in the text
    let mut lo = span.start.saturating_sub(AROUND);
    while lo > 0 && !(norm.is_char_boundary(lo) && norm.as_bytes()[lo - 1] == b' ') {
        lo -= 1;
    }
    let mut hi = (span.end + AROUND).min(norm.len());
    while !norm.is_char_boundary(hi) {
        hi += 1;
    }
    let window = &norm[lo..hi];
    tier.iter()
        .enumerate()
        .filter(|(i, (_, phrase, _))| in_text(*i) && phrase.len() > span.len())
        .filter_map(|(i, (_, _, p))| {
            let found = p.find(window)?;
            let found = found.start + lo..found.end + lo;
            let contains =
                found.start <= span.start && found.end >= span.end && found.len() > span.len();
            contains.then_some((i, found))
        })
        .fold(
            None,
            |best: Option<(usize, std::ops::Range<usize>)>, hit| match best {
                Some(b) if b.1.len() >= hit.1.len() => Some(b),
                _ => Some(hit),
            },
        )
}
