// Telling and splitting an mbox, as the decoder does (src/mbox.rs). Apart from the batch
// table (batch.js), which the page loads only when it shows one, since every decode asks
// isMbox() first.

const FROM = [0x46, 0x72, 0x6f, 0x6d, 0x20]; // "From "

function fromAt(bytes, i) {
  for (let k = 0; k < FROM.length; k += 1) if (bytes[i + k] !== FROM[k]) return false;
  return true;
}

/**
 * The messages of an mbox as [{ start, end }] byte ranges (without their `From ` separator
 * line), or the whole input as one range: the same split as the decoder's src/mbox.rs.
 */
export function splitMbox(bytes) {
  if (!fromAt(bytes, 0)) return [{ start: 0, end: bytes.length }];
  const starts = [0];
  for (let i = 0; i + 5 < bytes.length; i += 1) {
    if (bytes[i] !== 0x0a || !fromAt(bytes, i + 1)) continue;
    const at = i + 1;
    const blankBefore = at >= 2 && (bytes[at - 2] === 0x0a || (at >= 3 && bytes[at - 2] === 0x0d && bytes[at - 3] === 0x0a));
    if (blankBefore) starts.push(at);
  }
  return starts.map((s, k) => {
    const end = k + 1 < starts.length ? starts[k + 1] : bytes.length;
    const nl = bytes.subarray(s, end).indexOf(0x0a);
    return { start: nl < 0 ? end : s + nl + 1, end };
  });
}

/** True for an mbox of more than one message. */
export const isMbox = (bytes) => fromAt(bytes, 0) && splitMbox(bytes).length > 1;
