//! Text helpers shared by the readers: folding white space, lower-casing for phrase
//! matching, and the small phrase language of `reasons.toml` (`*` = up to 40 characters).

/// The text of `bytes`, each invalid UTF-8 run replaced by U+FFFD, as
/// `String::from_utf8_lossy` gives it; valid input (nearly every input) is checked by the
/// faster `std::str::from_utf8` and borrowed.
pub fn lossy(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(text) => std::borrow::Cow::Borrowed(text),
        Err(_) => String::from_utf8_lossy(bytes),
    }
}

/// Collapses every run of white space to one space and trims the ends.
pub fn fold(text: &str) -> String {
    if folds_as_ascii(text) {
        return fold_ascii(text, false);
    }
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Lower-cases and folds, for phrase matching; typographic dashes and apostrophes read as
/// `-` and `'` (`Envelope blocked – User Entry`, `doesn’t exist`), as the phrases write them.
pub fn normalize(text: &str) -> String {
    if folds_as_ascii(text) {
        return fold_ascii(text, true);
    }
    let plain: String = text
        .to_lowercase()
        .chars()
        .map(|c| match c {
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            '\u{2018}' | '\u{2019}' | '\u{02bc}' => '\'',
            c => c,
        })
        .collect();
    fold(&plain)
}

/// Whether `fold_ascii` folds `text` as `split_whitespace` would: ASCII, and without the
/// one ASCII white space (vertical tab) that `split_ascii_whitespace` keeps.
fn folds_as_ascii(text: &str) -> bool {
    text.is_ascii() && memchr::memchr(0x0b, text.as_bytes()).is_none()
}

/// `fold` (and lower-casing) of an ASCII text: each run between white space is copied
/// whole and the result lower-cased in place, as `split_whitespace` plus a Unicode
/// `to_lowercase`, or a loop pushing one char at a time, were a tenth of the decoding time.
fn fold_ascii(text: &str, lower: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_ascii_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if lower {
        out.make_ascii_lowercase();
    }
    out
}

/// A report's text as the family signs and the delay statements are matched against it:
/// its first 64 KB, lower case, white space folded. Worked out once per message and
/// handed to both (normalising it twice was a fiftieth of the decoding time).
pub fn report_text(text: &str) -> String {
    normalize(truncate(text, 64 * 1024))
}

/// A text as phrases are matched against it: its first 8 KB, lower case, white space
/// folded.
pub fn phrase_text(text: &str) -> String {
    normalize(truncate(text, 8192))
}

/// A phrase of the phrase language, prepared once: searching a text with it builds no
/// searcher (building one per phrase per text was a sixth of the decoding time).
pub struct Phrase {
    first: memchr::memmem::Finder<'static>,
    first_len: usize,
    first_is_word: bool,
    rest: Vec<&'static str>,
}

impl Phrase {
    pub fn new(text: &'static str) -> Phrase {
        let mut pieces = text.split('*');
        let first = pieces.next().unwrap_or("");
        Phrase {
            first: memchr::memmem::Finder::new(first.as_bytes()),
            first_len: first.len(),
            first_is_word: first.starts_with(|c: char| c.is_alphanumeric()),
            rest: pieces.collect(),
        }
    }

    /// Where the phrase occurs in `haystack` (already normalised), starting at a word
    /// boundary; each `*` matches up to 40 characters.
    pub fn find(&self, haystack: &str) -> Option<std::ops::Range<usize>> {
        if self.first_len == 0 {
            return None;
        }
        let bytes = haystack.as_bytes();
        let mut from = 0;
        while let Some(pos) = self.first.find(&bytes[from..]) {
            let start = from + pos;
            from = start + self.first_len;
            while from < haystack.len() && !haystack.is_char_boundary(from) {
                from += 1;
            }
            let boundary = start == 0
                || !self.first_is_word
                || !haystack[..start]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric);
            if !boundary {
                continue;
            }
            if let Some(end) = rest_after(haystack, start + self.first_len, &self.rest) {
                return Some(start..end);
            }
        }
        None
    }
}

/// Where the `*`-separated `pieces` end when each follows the previous within 40
/// characters, starting at `end`.
fn rest_after(haystack: &str, mut end: usize, pieces: &[&str]) -> Option<usize> {
    for piece in pieces {
        let window_end = floor_boundary(haystack, (end + 40 + piece.len()).min(haystack.len()));
        end = end + haystack[end..window_end].find(piece)? + piece.len();
    }
    Some(end)
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
    fn ascii_folding_is_the_same_as_unicode_folding() {
        for text in [
            "  a\tb\r\n\x0cC  ",
            "x\x0by",
            "\x0b",
            "",
            " one ",
            "A\u{a0}b",
        ] {
            let words: Vec<&str> = text.split_whitespace().collect();
            assert_eq!(fold(text), words.join(" "), "{text:?}");
            assert_eq!(normalize(text), words.join(" ").to_lowercase(), "{text:?}");
        }
    }

    fn contains_phrase(haystack: &str, phrase: &'static str) -> bool {
        Phrase::new(phrase).find(haystack).is_some()
    }

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
        assert!(contains_phrase("(s3150) blocked", "(s3150)"));
        assert_eq!(
            Phrase::new("user * unknown").find("a user bob is unknown"),
            Some(2..21)
        );
        assert_eq!(fold("  a \n\t b  "), "a b");
        // the ASCII path folds as the general one does
        for text in [
            "  Ab \r\n\u{b}\u{c} cD ",
            "x",
            "",
            " \t ",
            "a\u{a0}b  C",
            "ÄB  c",
        ] {
            let general: Vec<&str> = text.split_whitespace().collect();
            assert_eq!(fold(text), general.join(" "), "{text:?}");
            assert_eq!(
                normalize(text),
                general.join(" ").to_lowercase(),
                "{text:?}"
            );
        }
        assert_eq!(
            normalize("Envelope blocked \u{2013} User Entry; doesn\u{2019}t"),
            "envelope blocked - user entry; doesn't"
        );
    }
}
