// The permalink: the input, as UTF-8 in base64url, in the URL fragment (#input=…), which
// browsers never send to a server.

export const MAX_LINK_CHARS = 1_000_000;

export function toBase64Url(bytes) {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text) {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

/** The text of a #input=… fragment: { state: 'none' } | { state: 'ok', text } | { state: 'bad' }. */
export function fragmentInput(hash) {
  if (!hash.startsWith('#input=')) return { state: 'none' };
  try {
    const data = hash.slice('#input='.length);
    if (!/^[A-Za-z0-9_-]*$/.test(data)) throw new Error('not base64url');
    return { state: 'ok', text: fromBase64Url(data) };
  } catch {
    return { state: 'bad' };
  }
}

/** The fragment for `text`, or null when it would be longer than MAX_LINK_CHARS. */
export function fragmentFor(text) {
  const fragment = `input=${toBase64Url(new TextEncoder().encode(text))}`;
  return fragment.length > MAX_LINK_CHARS ? null : fragment;
}
