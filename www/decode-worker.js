// The decoder's module Web Worker, started by app.js: it runs the wasm decoder off the page's
// main thread, so a huge or hostile input can't freeze the page. The page stops this worker
// (and starts a fresh one) when a decode traps, runs out of memory or takes too long.
//
// In:  {module}  once: the WebAssembly.Module app.js compiled (null: fetch and compile it
//                here). It may come after other messages: each waits for it, then for the
//                instance to be ready.
//      {id, text, options, maxBytes?, labels?}   decode(text, options); the text's UTF-8
//                bytes (the evidence offsets count them) are sent back as `bytes`; over
//                maxBytes of them, it is not decoded: the answer is {id, tooLarge: size}
//      {id, bytes, options, labels?}  decodeBytes(bytes, options); bytes is a Uint8Array whose
//                buffer was transferred, and it is transferred back with the answer
//      labels: a language whose label table (labels(lang)) to send along with the report
// Out: {id, report, bytes?, labels?}  or  {id, tooLarge}
//      {id, error: {message, name, fatal, load}}  fatal: the instance can't be trusted any
//                more (a trap such as a panic, or memory exhausted); load: init failed
//
// If the server sends a Content-Security-Policy header with this file, it must allow
// 'wasm-unsafe-eval' in script-src: a worker has its own policy, not the page's.

import init, { decode, decodeBytes, labels } from './pkg/bounce_decoder.js';

let ready = null;
let asked = false; // a decode was asked for: no warm-up any more
let moduleCame;
const moduleArrived = new Promise((resolve) => { moduleCame = resolve; });
const encoder = new TextEncoder();

self.onmessage = async ({ data }) => {
  if (!data || typeof data !== 'object') return;
  if ('module' in data) {
    ready = init(data.module ? { module_or_path: data.module } : undefined);
    ready.then(() => setTimeout(warmUp), () => {}); // a failure is reported to each request below
    moduleCame();
    return;
  }
  asked = true;
  const { id } = data;
  try {
    await moduleArrived;
    await ready;
  } catch (err) {
    self.postMessage({ id, error: describe(err, { load: true }) });
    return;
  }
  try {
    const text = data.bytes ? null : String(data.text ?? '');
    const bytes = data.bytes || encoder.encode(text);
    if (text !== null && data.maxBytes && bytes.length > data.maxBytes) {
      self.postMessage({ id, tooLarge: bytes.length });
      return;
    }
    const report = data.bytes ? decodeBytes(data.bytes, data.options) : decode(text, data.options);
    const answer = { id, report, bytes };
    if (data.labels) answer.labels = labels(data.labels);
    self.postMessage(answer, [bytes.buffer]);
  } catch (err) {
    const fatal = err instanceof WebAssembly.RuntimeError || err instanceof RangeError;
    self.postMessage({ id, error: describe(err, { fatal }), bytes: data.bytes }, data.bytes ? [data.bytes.buffer] : []);
  }
};

/**
 * One decode of a short reply when nothing has been asked for yet: the engine compiles a
 * wasm function when it first runs, which makes a first decode take ~100 ms instead of ~10,
 * so that cost is paid here, before the user's first paste. A request already waiting goes
 * first (it runs before this timer), and then this does nothing.
 */
function warmUp() {
  if (asked) return;
  try {
    decode('550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown', { lang: 'en' });
  } catch {
    // the real requests will say what is wrong
  }
}

function describe(err, flags) {
  const message = err && typeof err === 'object' && 'message' in err ? String(err.message) : String(err);
  return { message, name: err?.name ?? 'Error', fatal: false, load: false, ...flags };
}
