//! Many fixed patterns searched for in one pass over a text: which of them occur, or
//! where the first occurrence of any of them starts. The answers are those of
//! `str::contains` and `str::find` for each pattern on its own (tested below), without a
//! pass over the text per pattern.
//!
//! Patterns of four bytes or more are put in buckets by their first four bytes; the text
//! is read once, and at each position only the patterns of that position's bucket are
//! compared. Shorter patterns are few and are searched for one by one.

use memchr::memmem::Finder;

/// A set of patterns prepared for searching.
pub struct Patterns {
    /// The patterns, in the order given.
    patterns: Vec<&'static [u8]>,
    /// Bucket `b` holds `entries[heads[b]..heads[b + 1]]` (pattern indices).
    heads: Vec<u32>,
    entries: Vec<u32>,
    /// `bits` of the bucket hash.
    bits: u32,
    /// One bit per bucket: whether it holds a pattern.
    nonempty: Vec<u64>,
    /// Patterns of one to three bytes, with their index.
    short: Vec<(usize, Finder<'static>)>,
    /// Indices of empty patterns (which every text contains).
    empty: Vec<usize>,
}

/// The indices of the patterns that occur in a text.
pub struct Found(Vec<u64>);

impl Found {
    /// Whether pattern `index` occurs.
    pub fn has(&self, index: usize) -> bool {
        self.0[index / 64] & (1 << (index % 64)) != 0
    }

    fn set(&mut self, index: usize) {
        self.0[index / 64] |= 1 << (index % 64);
    }
}

fn head(bytes: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
}

fn bucket(head: u32, bits: u32) -> usize {
    (head.wrapping_mul(0x9E37_79B1) >> (32 - bits)) as usize
}

impl Patterns {
    /// Prepares `patterns` (indices follow their order).
    pub fn new<'a>(patterns: impl IntoIterator<Item = &'a &'static str>) -> Patterns {
        let patterns: Vec<&'static [u8]> = patterns.into_iter().map(|p| p.as_bytes()).collect();
        let long: Vec<usize> = (0..patterns.len())
            .filter(|&i| patterns[i].len() >= 4)
            .collect();
        // about four buckets per pattern, at least 64
        let bits = (long.len() * 4)
            .next_power_of_two()
            .trailing_zeros()
            .clamp(6, 16);
        let mut counts = vec![0u32; (1 << bits) + 1];
        for &i in &long {
            counts[bucket(head(patterns[i], 0), bits) + 1] += 1;
        }
        for b in 1..counts.len() {
            counts[b] += counts[b - 1];
        }
        let heads = counts;
        let mut fill = heads.clone();
        let mut entries = vec![0u32; long.len()];
        for &i in &long {
            let b = bucket(head(patterns[i], 0), bits);
            entries[fill[b] as usize] = i as u32;
            fill[b] += 1;
        }
        let mut nonempty = vec![0u64; (1usize << bits).div_ceil(64)];
        for b in 0..1usize << bits {
            if heads[b] != heads[b + 1] {
                nonempty[b / 64] |= 1 << (b % 64);
            }
        }
        let short = (0..patterns.len())
            .filter(|&i| (1..4).contains(&patterns[i].len()))
            .map(|i| (i, Finder::new(patterns[i])))
            .collect();
        let empty = (0..patterns.len())
            .filter(|&i| patterns[i].is_empty())
            .collect();
        Patterns {
            patterns,
            heads,
            entries,
            bits,
            nonempty,
            short,
            empty,
        }
    }

    /// Calls `hit(at, b)` for each position `at` of `bytes` (before `end`) whose four
    /// bytes fall in a bucket `b` that holds patterns, until it returns true. The four
    /// bytes are rolled along, one byte read per position.
    fn scan(&self, bytes: &[u8], end: usize, mut hit: impl FnMut(usize, usize) -> bool) {
        if self.entries.is_empty() || bytes.len() < 4 || end == 0 {
            return;
        }
        let mut h = head(bytes, 0);
        let mut at = 0;
        loop {
            let b = bucket(h, self.bits);
            if self.nonempty[b / 64] & (1 << (b % 64)) != 0 && hit(at, b) {
                return;
            }
            at += 1;
            if at >= end || at + 4 > bytes.len() {
                return;
            }
            h = (h >> 8) | (u32::from(bytes[at + 3]) << 24);
        }
    }

    /// The long patterns of bucket `b` that start at `at` in `bytes`.
    fn long_at<'s>(
        &'s self,
        bytes: &'s [u8],
        at: usize,
        b: usize,
    ) -> impl Iterator<Item = usize> + 's {
        let (from, to) = (self.heads[b] as usize, self.heads[b + 1] as usize);
        self.entries[from..to]
            .iter()
            .map(|&i| i as usize)
            .filter(move |&i| bytes[at..].starts_with(self.patterns[i]))
    }

    /// Which patterns occur in `text`.
    pub fn found_in(&self, text: &str) -> Found {
        let bytes = text.as_bytes();
        let mut found = Found(vec![0; self.patterns.len().div_ceil(64)]);
        for &i in &self.empty {
            found.set(i);
        }
        for (i, finder) in &self.short {
            if finder.find(bytes).is_some() {
                found.set(*i);
            }
        }
        self.scan(bytes, bytes.len(), |at, b| {
            for i in self.long_at(bytes, at, b) {
                found.set(i);
            }
            false
        });
        found
    }

    /// Where the first occurrence of any pattern starts in `text`.
    pub fn first_in(&self, text: &str) -> Option<usize> {
        if !self.empty.is_empty() {
            return Some(0);
        }
        let bytes = text.as_bytes();
        let short = self
            .short
            .iter()
            .filter_map(|(_, finder)| finder.find(bytes))
            .min();
        let mut first = short;
        self.scan(bytes, short.unwrap_or(bytes.len()), |at, b| {
            let hit = self.long_at(bytes, at, b).next().is_some();
            if hit {
                first = Some(at);
            }
            hit
        });
        first
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PATTERNS: &[&str] = &[
        "user unknown",
        "unknown",
        "no such user",
        "abc",
        "x",
        "",
        "ünknown",
        "user",
        "mailbox full",
        "über",
        "a b",
        "abcd",
    ];

    fn texts() -> Vec<String> {
        let mut out: Vec<String> = [
            "",
            "x",
            "ab",
            "abc",
            "abcd",
            "550 user unknown",
            "the mailbox full of ünknown things über alles",
            "no such user here; a b c",
            "unknow",
            "useruser",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        // every cut of a longer text, so a pattern at the very end is found too
        let long = "mailbox full: no such user, user unknown über abcd x";
        for end in 0..=long.len() {
            if long.is_char_boundary(end) {
                out.push(long[..end].to_string());
                out.push(long[end..].to_string());
            }
        }
        out
    }

    #[test]
    fn answers_as_contains_and_find_do() {
        let set = Patterns::new(PATTERNS);
        for text in texts() {
            let found = set.found_in(&text);
            for (i, p) in PATTERNS.iter().enumerate() {
                assert_eq!(found.has(i), text.contains(p), "{p:?} in {text:?}");
            }
            let first = PATTERNS.iter().filter_map(|p| text.find(p)).min();
            assert_eq!(set.first_in(&text), first, "{text:?}");
        }
        let no_empty: Vec<&'static str> =
            PATTERNS.iter().copied().filter(|p| !p.is_empty()).collect();
        let set = Patterns::new(&no_empty);
        for text in texts() {
            let first = no_empty.iter().filter_map(|p| text.find(p)).min();
            assert_eq!(set.first_in(&text), first, "{text:?}");
        }
        let only_long = Patterns::new(&["user unknown", "mailbox full"]);
        assert_eq!(only_long.first_in("a mailbox full; user unknown"), Some(2));
        assert_eq!(only_long.first_in("abc"), None);
        assert!(!Patterns::new(&[])
            .found_in("anything")
            .0
            .iter()
            .any(|w| *w != 0));
    }
}
