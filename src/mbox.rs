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

/// Reads an mbox message by message from a stream, holding one message at a time: the
/// same messages at the same offsets as [`split`] gives for the whole input (the input is
/// taken to start with `From `, as `split` requires for more than one message).
pub struct MboxReader<R> {
    reader: R,
    /// Bytes read so far.
    offset: usize,
    /// The separator line that ended the previous message, with its offset.
    next_separator: Option<(usize, Vec<u8>)>,
    done: bool,
}

impl<R: std::io::BufRead> MboxReader<R> {
    pub fn new(reader: R) -> MboxReader<R> {
        MboxReader {
            reader,
            offset: 0,
            next_separator: None,
            done: false,
        }
    }

    fn line(&mut self, line: &mut Vec<u8>) -> std::io::Result<usize> {
        line.clear();
        let n = self.reader.read_until(b'\n', line)?;
        let at = self.offset;
        self.offset += n;
        Ok(at)
    }

    /// The next message (without its `From ` line) and where it starts in the input.
    pub fn next_message(&mut self) -> std::io::Result<Option<(usize, Vec<u8>)>> {
        let (separator_at, separator) = match self.next_separator.take() {
            Some(s) => s,
            None => {
                if self.done {
                    return Ok(None);
                }
                let mut line = Vec::new();
                let at = self.line(&mut line)?;
                if line.is_empty() {
                    self.done = true;
                    return Ok(None);
                }
                (at, line)
            }
        };
        let start = separator_at + separator.len();
        let mut message = Vec::new();
        // whether the line before is blank: a `From ` line after one starts a message
        let mut blank_before = false;
        let mut line = Vec::new();
        loop {
            let at = self.line(&mut line)?;
            if line.is_empty() {
                self.done = true;
                break;
            }
            if blank_before && line.starts_with(b"From ") {
                self.next_separator = Some((at, std::mem::take(&mut line)));
                break;
            }
            blank_before = line == b"\n" || line == b"\r\n";
            message.extend_from_slice(&line);
        }
        Ok(Some((start, message)))
    }
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

    #[test]
    fn the_stream_reader_gives_the_messages_split_gives() {
        let inputs: [&[u8]; 9] = [
            b"From a@b Mon Jan 1 00:00:00 2024\nSubject: one\n\nbody\n\nFrom c@d Mon\nSubject: two\n\nbody From x\n",
            b"From a\n",
            b"From a",
            b"From a\nFrom b\n\nFrom c\r\n\r\nFrom d\nx\n\n\nFrom e\n",
            b"From a\r\nx\r\n\r\nFrom b\r\ny",
            b"From a\n\nFrom b\n\nFrom c",
            b"From a\nline\n \nFrom not-a-separator\n\nFrom  b\n",
            b"From a\n\n\n",
            b"From \n\nFrom \n\nFrom ",
        ];
        for input in inputs {
            let whole: Vec<(usize, Vec<u8>)> = split(input)
                .into_iter()
                .map(|r| (r.start, input[r].to_vec()))
                .collect();
            let mut reader = MboxReader::new(std::io::BufReader::with_capacity(3, input));
            let mut streamed = Vec::new();
            while let Some(m) = reader.next_message().unwrap() {
                streamed.push(m);
            }
            assert_eq!(streamed, whole, "{:?}", String::from_utf8_lossy(input));
        }
    }
}
