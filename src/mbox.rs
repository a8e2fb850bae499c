//! Splits an mbox (several messages, each starting with a `From ` line after a blank line)
//! into its messages. Anything that does not start with `From ` is one message.

/// Where each message of an mbox stands in the input (without its `From ` line), or the
/// whole input as one message.
pub(crate) fn split(input: &[u8]) -> Vec<std::ops::Range<usize>> {
    if !input.starts_with(b"From ") {
        return std::iter::once(0..input.len()).collect();
    }
    let mut starts = vec![0];
    let mut i = 0;
    while let Some(pos) = find(&input[i..], b"\nFrom ") {
        let at = i + pos + 1;
        // the separator follows a blank line (mboxrd/mboxo) and looks like `From addr date`
        let blank_before = at >= 2
            && (input[at - 2] == b'\n'
                || (at >= 3 && input[at - 2] == b'\r' && input[at - 3] == b'\n'));
        if blank_before {
            starts.push(at);
        }
        i = at;
    }
    let mut out = Vec::with_capacity(starts.len());
    for (k, &s) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(input.len());
        // skip the `From ` separator line itself
        let body_start = input[s..end]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(end, |p| s + p + 1);
        out.push(body_start..end);
    }
    out
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_messages() {
        let mbox = b"From a@b Mon Jan 1 00:00:00 2024\nSubject: one\n\nbody\n\nFrom c@d Mon Jan 1 00:00:00 2024\nSubject: two\n\nbody From x\n";
        let parts = split(mbox);
        assert_eq!(parts.len(), 2);
        assert!(mbox[parts[1].clone()].starts_with(b"Subject: two"));
        assert_eq!(split(b"550 5.1.1 x").len(), 1);
    }
}
