//! bounce-decoder: explains email bounces. It reads a bare code, SMTP reply lines, MTA log
//! lines or whole bounce emails (MIME, RFC 3464 reports, vendor formats), and says for
//! each failed recipient what happened, whether it is hard or soft, why, and what to do,
//! in English or German. The same core runs natively (the `bounce-decoder` CLI) and in
//! the browser as WebAssembly; it knows nothing of JavaScript.
//!
//! ```no_run
//! use bounce_decoder::{decode, explain, Lang, Options};
//! let report = decode("550 5.1.1 <bob@example.com>: User unknown", &Options::default());
//! assert_eq!(report.recipients[0].status.as_deref(), Some("5.1.1"));
//! assert!(explain("5.1.1", Lang::De).is_some());
//! ```

#![forbid(unsafe_code)]

mod classify;
mod families;
mod input;
pub mod knowledge;
mod mbox;
mod providers;
pub mod report;
mod scan;
pub mod taxonomy;

/// The WebAssembly binding (only in wasm32 builds).
#[cfg(target_arch = "wasm32")]
pub mod wasm_api;

pub use knowledge::{explain, Entry, Lang};
pub use report::{Explanation, Options, Recipient, Report};
pub use taxonomy::{Action, BounceType, Reason};

use report::Notice;

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
    let mut reports: Vec<Report> = messages.iter().map(|m| decode_one(m, options)).collect();
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
        "several_messages",
        options.lang,
        &count.to_string(),
    ));
    merged
}

/// Decodes every message of an input separately (an mbox gives one report per message).
pub fn decode_all(input: &[u8], options: &Options) -> Vec<Report> {
    mbox::split(input)
        .into_iter()
        .map(|m| decode_one(m, options))
        .collect()
}

fn decode_one(input: &[u8], options: &Options) -> Report {
    let lang = options.lang;
    let mut warnings = Vec::new();
    let input = if input.len() > MAX_INPUT_BYTES {
        warnings.push(warning(
            "input_truncated",
            lang,
            &MAX_INPUT_BYTES.to_string(),
        ));
        &input[..MAX_INPUT_BYTES]
    } else {
        input
    };
    let read = input::read(input);
    let mut findings = read.findings;
    if findings.len() > options.max_recipients {
        warnings.push(warning(
            "too_many_recipients",
            lang,
            &options.max_recipients.to_string(),
        ));
        findings.truncate(options.max_recipients);
    }
    let mut recipients: Vec<Recipient> = findings
        .into_iter()
        .map(|f| classify::classify(f, lang))
        .collect();
    let text = String::from_utf8_lossy(input);
    locate_evidence(&text, &mut recipients);
    if let std::borrow::Cow::Owned(_) = text {
        to_raw_offsets(input, &mut recipients);
    }
    for code in read.warnings {
        warnings.push(warning(code, lang, ""));
    }
    if recipients.iter().any(|r| {
        matches!(r.reason, None | Some(Reason::Undefined)) && r.bounce_type != BounceType::None
    }) {
        warnings.push(warning("reason_unknown", lang, ""));
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
        kind: read.kind,
        input: read.input,
        lang,
        recipients,
        message: read.message,
        original: read.original,
        explanations,
        warnings,
    }
}

/// Fills in where each piece of evidence stands in the input, when it appears verbatim
/// (case-insensitively for addresses). Addresses are indexed once; other evidence is
/// looked for near the recipient's address, so a report with thousands of recipients
/// stays linear.
fn locate_evidence(text: &str, recipients: &mut [Recipient]) {
    // every place each address stands (a few per recipient: the text part, the DSN block)
    let mut seen: std::collections::HashMap<String, Vec<usize>> = std::collections::HashMap::new();
    for hit in scan::address::find_addresses(text) {
        let places = seen.entry(hit.address).or_default();
        if places.len() < 16 {
            places.push(hit.span.start);
        }
    }
    let small = text.len() <= 256 * 1024;
    // ASCII lower-casing keeps byte offsets, so a phrase found in lower case ("user
    // unknown") is marked where the input says "User Unknown"
    let lower = text.to_ascii_lowercase();
    for r in recipients {
        let places: &[usize] = r
            .address
            .as_ref()
            .and_then(|a| seen.get(a))
            .map_or(&[], Vec::as_slice);
        for e in &mut r.evidence {
            if e.text.is_empty() {
                continue;
            }
            let found = if e.about == "address" {
                seen.get(&e.text.to_ascii_lowercase())
                    .and_then(|p| p.first().copied())
            } else {
                let needle = e.text.to_ascii_lowercase();
                nearest(&lower, &needle, places).or_else(|| {
                    if small {
                        lower.find(&needle)
                    } else {
                        None
                    }
                })
            };
            if let Some(start) = found {
                let end = start + e.text.len();
                e.start = Some(start);
                e.end = Some(end);
                // the evidence reads as the input does
                e.text = text[start..end].to_string();
            }
        }
    }
}

/// Where `needle` stands closest to one of `places` (the recipient's address): on the
/// same line first (`550 5.1.1 <a@b>`), then after it (its DSN block, its reply), then
/// shortly before it; so evidence is never taken from another recipient's lines when its
/// own are there.
fn nearest(lower: &str, needle: &str, places: &[usize]) -> Option<usize> {
    let mut best: Option<(u8, usize, usize)> = None; // (tier, distance, offset)
    for &at in places {
        let line_start = lower[..at].rfind('\n').map_or(0, |i| i + 1);
        let line_end = lower[at..].find('\n').map_or(lower.len(), |i| at + i);
        let mut candidates = Vec::new();
        if let Some(p) = lower[line_start..line_end].find(needle) {
            let p = line_start + p;
            candidates.push((0, p.abs_diff(at), p));
        }
        let ahead = floor_char(lower, (at + 1536).min(lower.len()));
        if let Some(p) = lower[at..ahead].find(needle) {
            candidates.push((1, p, at + p));
        }
        let behind = floor_char(lower, at.saturating_sub(512));
        if let Some(p) = lower[behind..at].rfind(needle) {
            candidates.push((2, at - (behind + p), behind + p));
        }
        for c in candidates {
            if best.is_none_or(|b| (c.0, c.1) < (b.0, b.1)) {
                best = Some(c);
            }
        }
    }
    best.map(|b| b.2)
}

/// Evidence offsets count bytes of the input itself. When the input is not UTF-8 they
/// were found in its lossy reading, where each invalid run became U+FFFD (3 bytes); this
/// maps them back, and drops an offset that falls inside such a run.
fn to_raw_offsets(input: &[u8], recipients: &mut [Recipient]) {
    // (lossy start, raw start, length, valid) per chunk
    let mut pieces = Vec::new();
    let (mut lossy, mut raw) = (0, 0);
    for chunk in input.utf8_chunks() {
        let valid = chunk.valid().len();
        pieces.push((lossy, raw, valid, true));
        lossy += valid;
        raw += valid;
        let invalid = chunk.invalid().len();
        if invalid > 0 {
            pieces.push((lossy, raw, invalid, false));
            lossy += '\u{FFFD}'.len_utf8();
            raw += invalid;
        }
    }
    let map = |offset: usize| -> Option<usize> {
        let k = pieces.partition_point(|p| p.0 <= offset).checked_sub(1)?;
        let (l, r, len, valid) = pieces[k];
        match (valid, offset - l) {
            (true, d) if d <= len => Some(r + d),
            (false, 0) => Some(r),
            _ => None,
        }
        .or((offset == lossy).then_some(raw))
    };
    for r in recipients {
        for e in &mut r.evidence {
            let (start, end) = (e.start.and_then(map), e.end.and_then(map));
            (e.start, e.end) = match (start, end) {
                (Some(s), Some(t)) => (Some(s), Some(t)),
                _ => (None, None),
            };
        }
    }
}

fn floor_char(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn warning(code: &str, lang: Lang, arg: &str) -> Notice {
    let (en, de) = match code {
        "empty_input" => ("Nothing to decode: paste a bounce, a reply line or a code.".to_string(), "Nichts zu entschlüsseln: Fügen Sie einen Bounce, eine Antwortzeile oder einen Code ein.".to_string()),
        "no_bounce_found" => (
            "No bounce found: the input holds no SMTP reply code, enhanced status code or delivery report. If this is a bounce, paste the whole message including its headers.".to_string(),
            "Kein Bounce gefunden: Die Eingabe enthält weder einen SMTP-Antwortcode noch einen erweiterten Statuscode oder Zustellbericht. Wenn es ein Bounce ist, fügen Sie die ganze Nachricht samt Kopfzeilen ein.".to_string(),
        ),
        "no_code_found" => (
            "The recipients were found, but no status or reply code for them: the result rests on the wording alone.".to_string(),
            "Die Empfänger wurden gefunden, aber kein Status- oder Antwortcode dazu: Das Ergebnis stützt sich nur auf den Wortlaut.".to_string(),
        ),
        "reason_unknown" => (
            "The reason could not be determined from the codes and words found; it is left open rather than guessed.".to_string(),
            "Der Grund ließ sich aus den gefundenen Codes und Worten nicht bestimmen; er bleibt offen, statt geraten zu werden.".to_string(),
        ),
        "nested_report" => (
            "This message forwards another bounce and says nothing of its own: the attached delivery report was read instead.".to_string(),
            "Diese Nachricht leitet einen anderen Bounce weiter und sagt selbst nichts: Stattdessen wurde der angehängte Zustellbericht gelesen.".to_string(),
        ),
        "input_truncated" => (format!("The input is larger than {arg} bytes; only the first {arg} bytes were read."), format!("Die Eingabe ist größer als {arg} Bytes; nur die ersten {arg} Bytes wurden gelesen.")),
        "too_many_recipients" => (format!("More than {arg} recipients; only the first {arg} are shown."), format!("Mehr als {arg} Empfänger; nur die ersten {arg} werden gezeigt.")),
        "several_messages" => (format!("The input holds {arg} messages; their recipients are listed together."), format!("Die Eingabe enthält {arg} Nachrichten; ihre Empfänger werden gemeinsam aufgeführt.")),
        _ => (code.to_string(), code.to_string()),
    };
    Notice {
        code: code.to_string(),
        message: match lang {
            Lang::En => en,
            Lang::De => de,
        },
    }
}

impl From<&Entry> for Explanation {
    fn from(e: &Entry) -> Explanation {
        let owned = |v: &[&str]| v.iter().map(|s| (*s).to_string()).collect::<Vec<_>>();
        Explanation {
            code: e.code.to_string(),
            kind: e.kind,
            name: e.name.to_string(),
            reference: e.reference.to_string(),
            provider: e.provider.map(str::to_string),
            title: e.title.to_string(),
            summary: e.summary.to_string(),
            breakdown: e.breakdown(),
            bounce_type: e.bounce_type,
            reason: e.reason,
            recommended_action: e.recommended_action(),
            category: e.category.to_string(),
            action: e.action.to_string(),
            causes: owned(e.causes),
            resolution_marketers: owned(e.resolution_marketers),
            resolution_developers: owned(e.resolution_developers),
            counterpart_code: e.counterpart_code.map(str::to_string),
            counterpart: e.counterpart.to_string(),
            examples: owned(e.examples),
            provider_responses: owned(e.provider_responses),
            best_practices: owned(e.best_practices),
            investigation: owned(e.investigation),
            registry: e.registry,
        }
    }
}
