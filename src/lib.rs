//! bounce-decoder: explains email bounces. It reads a bare code, SMTP reply lines, MTA log
//! lines or whole bounce emails (MIME, RFC 3464 reports, vendor formats), and says for
//! each failed recipient what happened, whether it is hard or soft, why, and what to do,
//! in English or German. The same core runs natively (the `bounce-decoder` CLI) and in
//! the browser as WebAssembly; it knows nothing of JavaScript.
//!
//! The layers, each using only those below it: [`model`] (the vocabulary and the report
//! types), `scan` (codes, addresses and replies in text), [`knowledge`] (every table
//! generated from the data files, and every lookup over them), `input` (one reader per
//! shape of input; readers report what they saw), `classify` (codes, command, reason by
//! one ordered rule table, verdict, and the message's kind), `evidence` (where each
//! piece of evidence stands in the input), and on top this pipeline, the wasm binding and
//! the CLI.
//!
//! ```
//! use bounce_decoder::{decode, explain, Action, Lang, Options, Reason};
//! let report = decode("550 5.1.1 <bob@example.com>: User unknown", &Options::default());
//! let bob = &report.recipients[0];
//! assert_eq!(bob.status.as_deref(), Some("5.1.1"));
//! assert_eq!(bob.reason, Some(Reason::UserUnknown));
//! assert_eq!(bob.action, Action::Suppress);
//! assert!(bob.decided_by.as_deref().unwrap().starts_with("reasons.toml: user_unknown"));
//! assert!(explain("5.1.1", Lang::De).is_some());
//! ```

#![forbid(unsafe_code)]

/// The wasm build's allocator, when feature `talc` asks for it (the default is dlmalloc).
#[cfg(all(
    feature = "talc",
    target_family = "wasm",
    not(target_feature = "atomics")
))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

mod classify;
mod evidence;
mod input;
pub mod knowledge;
mod mbox;
pub mod model;
mod scan;

/// The WebAssembly binding (only in wasm32 builds).
#[cfg(target_arch = "wasm32")]
pub mod wasm_api;

pub use knowledge::{explain, Entry};
pub use mbox::MboxReader;
pub use model::report::{self, Explanation, Options, Recipient, Report};
pub use model::taxonomy;
pub use model::{Action, BounceType, Lang, Outcome, Reason};

use knowledge::notices::warning;
use model::WarningCode;

/// Inputs larger than this are cut, with a warning: no bounce is this big, and the page
/// must stay responsive whatever is pasted.
pub const MAX_INPUT_BYTES: usize = 8 * 1024 * 1024;

/// Decodes one input: a code, reply lines, log lines or a whole bounce email. When the
/// input holds several messages (an mbox), their recipients are merged into one report;
/// use [`decode_all`] to keep them apart.
pub fn decode(input: &str, options: &Options) -> Report {
    decode_bytes(input.as_bytes(), options)
}

/// Like [`decode`], for raw bytes (an .eml file in any charset).
pub fn decode_bytes(input: &[u8], options: &Options) -> Report {
    let messages = mbox::split(input);
    if messages.len() <= 1 {
        return decode_one(input, options);
    }
    let mut reports = decode_all(input, options);
    let count = reports.len();
    let mut merged = reports.remove(0);
    for r in reports {
        merged.recipients.extend(r.recipients);
        for e in r.explanations {
            if !merged.explanations.iter().any(|x| x.code == e.code) {
                merged.explanations.push(e);
            }
        }
    }
    merged.warnings.push(warning(
        WarningCode::SeveralMessages,
        options.lang,
        &count.to_string(),
    ));
    merged
}

/// Decodes every message of an input separately (an mbox gives one report per message).
/// Evidence offsets count from the start of the whole input, so they mark the right bytes
/// of the mbox.
pub fn decode_all(input: &[u8], options: &Options) -> Vec<Report> {
    mbox::split(input)
        .into_iter()
        .map(|range| decode_message(&input[range.clone()], range.start, options))
        .collect()
}

/// Decodes one message of a larger input (an mbox read message by message with
/// [`MboxReader`]) that starts at byte `offset` of it: evidence offsets count from the
/// start of the whole input, as [`decode_all`] gives them.
pub fn decode_message(message: &[u8], offset: usize, options: &Options) -> Report {
    let mut report = decode_one(message, options);
    for e in report.recipients.iter_mut().flat_map(|r| &mut r.evidence) {
        e.start = e.start.map(|s| s + offset);
        e.end = e.end.map(|t| t + offset);
    }
    report
}

/// The pipeline for one message: read, classify each recipient, decide the kind, locate
/// the evidence, explain the codes.
fn decode_one(input: &[u8], options: &Options) -> Report {
    let lang = options.lang;
    let mut warnings = Vec::new();
    let input = if input.len() > MAX_INPUT_BYTES {
        warnings.push(warning(
            WarningCode::InputTruncated,
            lang,
            &MAX_INPUT_BYTES.to_string(),
        ));
        &input[..MAX_INPUT_BYTES]
    } else {
        input
    };
    let text = scan::text::lossy(input);
    let read = input::read(input, &text);
    let mut findings = read.findings;
    if findings.len() > options.max_recipients {
        warnings.push(warning(
            WarningCode::TooManyRecipients,
            lang,
            &options.max_recipients.to_string(),
        ));
        findings.truncate(options.max_recipients);
    }
    let silent = findings.iter().all(|f| !f.says_something());
    let mut recipients: Vec<Recipient> = findings
        .into_iter()
        .map(|f| classify::classify(f, lang))
        .collect();
    let (kind, mut kind_warnings) = classify::message_kind(read.shape, &recipients, silent);
    evidence::locate_evidence(&text, &mut recipients);
    if let std::borrow::Cow::Owned(_) = text {
        evidence::to_raw_offsets(input, &mut recipients);
    }
    // what the recipients say comes last: the reason warning after the input's own
    let reason_unknown = kind_warnings
        .iter()
        .position(|w| *w == WarningCode::ReasonUnknown)
        .map(|i| kind_warnings.remove(i));
    for code in kind_warnings
        .into_iter()
        .chain(read.warnings)
        .chain(reason_unknown)
    {
        warnings.push(warning(code, lang, ""));
    }
    let explanations = if options.explanations {
        let mut codes: Vec<&str> = Vec::new();
        for r in &recipients {
            for c in &r.codes {
                if !codes.contains(&c.as_str()) {
                    codes.push(c);
                }
            }
        }
        codes
            .into_iter()
            .filter_map(|c| explain(c, lang))
            .map(Explanation::from)
            .collect()
    } else {
        Vec::new()
    };
    Report {
        kind,
        input: read.input,
        lang,
        recipients,
        message: read.message,
        original: read.original,
        explanations,
        warnings,
    }
}
