//! Text helpers shared by the readers: folding white space, lower-casing for phrase
//! matching, and the small phrase language of `reasons.toml` (`*` = up to 40 characters).

/// Collapses every run of white space to one space and trims the ends.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Lower-cases and folds, for phrase matching.
pub fn normalize(text: &str) -> String {
    fold(&text.to_lowercase())
}

/// Whether `phrase` occurs in `haystack` (both already normalised), starting at a word
/// boundary. `*` in the phrase matches up to 40 characters.
#[cfg(test)]
pub fn contains_phrase(haystack: &str, phrase: &str) -> bool {
    find_phrase(haystack, phrase).is_some()
}

/// Where `phrase` occurs in `haystack` (byte range), as for `contains_phrase`.
pub fn find_phrase(haystack: &str, phrase: &str) -> Option<std::ops::Range<usize>> {
    let mut pieces = phrase.split('*');
    let first = pieces.next().unwrap_or("");
    let rest: Vec<&str> = pieces.collect();
    if first.is_empty() {
        return None;
    }
    let mut from = 0;
    while let Some(pos) = haystack[from..].find(first) {
        let start = from + pos;
        from = start + first.len().max(1);
        while from < haystack.len() && !haystack.is_char_boundary(from) {
            from += 1;
        }
        let boundary = start == 0
            || !haystack[..start]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
            || !first.starts_with(|c: char| c.is_alphanumeric());
        if !boundary {
            continue;
        }
        let mut end = start + first.len();
        let mut ok = true;
        for piece in &rest {
            let window_end = floor_boundary(haystack, (end + 40 + piece.len()).min(haystack.len()));
            match haystack[end..window_end].find(piece) {
                Some(p) => end = end + p + piece.len(),
                None => {
                    ok = false;
                    break;
                }
            }
        }
        if ok {
            return Some(start..end);
        }
    }
    None
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Cuts `text` to at most `max` bytes on a character boundary.
pub fn truncate(text: &str, max: usize) -> &str {
    if text.len() <= max {
        text
    } else {
        &text[..floor_boundary(text, max)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_match_at_word_starts_with_wildcards() {
        assert!(contains_phrase("550 user unknown here", "user unknown"));
        assert!(!contains_phrase("produce more", "uce"));
        assert!(contains_phrase("mail was throttled", "throttl"));
        assert!(contains_phrase("user bob is unknown", "user * unknown"));
        assert!(!contains_phrase(
            "user ........................................................ unknown",
            "user * unknown"
        ));
        assert_eq!(fold("  a \n\t b  "), "a b");
    }
}
