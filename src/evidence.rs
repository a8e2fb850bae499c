//! Where each piece of evidence stands in the input: byte offsets into the input itself
//! (also when it is not UTF-8), next to the recipient it belongs to, so a page can mark
//! exactly the words a verdict rests on.

use std::collections::HashMap;

use memchr::memmem::{Finder, FinderRev};

use crate::model::report::Recipient;
use crate::model::EvidenceKind;
use crate::scan::address::find_addresses;

/// Fills in where each piece of evidence stands in the input, when it appears verbatim
/// (case-insensitively for addresses). Addresses are indexed once; other evidence is
/// looked for near the recipient's address, so a report with thousands of recipients
/// stays linear.
pub(crate) fn locate_evidence(text: &str, recipients: &mut [Recipient]) {
    // every place each address stands (a few per recipient: the text part, the DSN block)
    let mut seen: HashMap<String, Vec<usize>> = HashMap::new();
    for hit in find_addresses(text) {
        let places = seen.entry(hit.address).or_default();
        if places.len() < 16 {
            places.push(hit.span.start);
        }
    }
    let small = text.len() <= 256 * 1024;
    // ASCII lower-casing keeps byte offsets, so a phrase found in lower case ("user
    // unknown") is marked where the input says "User Unknown"
    let lower = text.to_ascii_lowercase();
    // one searcher each way per needle: most needles ("5.1.1", "failed") recur for every
    // recipient, and building a searcher costs more than a search of a short window
    let mut finders: HashMap<String, (Finder<'static>, FinderRev<'static>)> = HashMap::new();
    for r in recipients {
        let places: Vec<Place> = r
            .address
            .as_ref()
            .and_then(|a| seen.get(a))
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .map(|&at| Place::new(&lower, at))
            .collect();
        for e in &mut r.evidence {
            if e.text.is_empty() {
                continue;
            }
            let found = if e.about == EvidenceKind::Address {
                seen.get(&e.text.to_ascii_lowercase())
                    .and_then(|p| p.first().copied())
            } else {
                let needle = e.text.to_ascii_lowercase();
                let (finder, finder_rev) = finders.entry(needle).or_insert_with_key(|n| {
                    (
                        Finder::new(n.as_bytes()).into_owned(),
                        FinderRev::new(n.as_bytes()).into_owned(),
                    )
                });
                nearest(&lower, finder, finder_rev, &places).or_else(|| {
                    if small {
                        finder.find(lower.as_bytes())
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

/// One place a recipient's address stands, with the windows searched around it: its
/// line, the text after it and the text shortly before it. Worked out once per recipient,
/// not once per piece of evidence (a line can be the whole megabyte of the input).
struct Place {
    at: usize,
    line: std::ops::Range<usize>,
    ahead: usize,
    behind: usize,
}

impl Place {
    fn new(lower: &str, at: usize) -> Place {
        let line_start = lower[..at].rfind('\n').map_or(0, |i| i + 1);
        let line_end = lower[at..].find('\n').map_or(lower.len(), |i| at + i);
        Place {
            at,
            line: line_start..line_end,
            ahead: floor_char(lower, (at + 1536).min(lower.len())),
            behind: floor_char(lower, at.saturating_sub(512)),
        }
    }
}

/// Where `needle` stands closest to one of `places` (the recipient's address): on the
/// same line first (`550 5.1.1 <a@b>`), then after it (its DSN block, its reply), then
/// shortly before it; so evidence is never taken from another recipient's lines when its
/// own are there. A farther window is searched only when no nearer one holds the needle
/// at any place, as a hit in a nearer one always wins.
fn nearest(
    lower: &str,
    needle: &Finder<'_>,
    needle_rev: &FinderRev<'_>,
    places: &[Place],
) -> Option<usize> {
    let bytes = lower.as_bytes();
    // the closest hit of one window over all places (the first place of equally close ones)
    let closest = |hit: &dyn Fn(&Place) -> Option<(usize, usize)>| {
        places
            .iter()
            .filter_map(hit)
            .min_by_key(|&(distance, _)| distance)
            .map(|(_, offset)| offset)
    };
    closest(&|p| {
        let offset = p.line.start + needle.find(&bytes[p.line.clone()])?;
        Some((offset.abs_diff(p.at), offset))
    })
    .or_else(|| closest(&|p| needle.find(&bytes[p.at..p.ahead]).map(|d| (d, p.at + d))))
    .or_else(|| {
        closest(&|p| {
            let offset = p.behind + needle_rev.rfind(&bytes[p.behind..p.at])?;
            Some((p.at - offset, offset))
        })
    })
}

/// Evidence offsets count bytes of the input itself. When the input is not UTF-8 they
/// were found in its lossy reading, where each invalid run became U+FFFD (3 bytes); this
/// maps them back, and drops an offset that falls inside such a run.
pub(crate) fn to_raw_offsets(input: &[u8], recipients: &mut [Recipient]) {
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
