// The page's client of the decoder worker (decode-worker.js): compiles the wasm module once,
// hands it to a module Web Worker, sends decodes and matches the answers, and replaces a
// worker that traps, dies or takes too long.

const SLOW_MS = 300; // a request older than this counts as slow when a newer one comes
const SLOW_INPUT_BYTES = 256 * 1024; // a decode of more is dropped, not waited for, once superseded
const TIME_LIMIT_MS = 10_000; // a decode taking longer than this (plus the next) is stopped
const TIME_LIMIT_MS_PER_MB = 4_000;

export async function compileWasm() {
  const url = new URL('../pkg/bounce_decoder_bg.wasm', import.meta.url);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${response.status} ${response.statusText}: ${url.pathname}`);
  if ((response.headers.get('Content-Type') || '').startsWith('application/wasm')) {
    return WebAssembly.compileStreaming(response);
  }
  return WebAssembly.compile(await response.arrayBuffer());
}

/** The message of anything thrown: an Error's message, or the value as text. */
export function errorMessage(err) {
  if (err && typeof err === 'object' && 'message' in err) return String(err.message);
  return String(err);
}

/** Why a decode gave no report: kind 'decode' | 'fatal' | 'load' | 'timeout' | 'died' | 'superseded'. */
export class DecodeFailure extends Error {
  constructor(kind, message) {
    super(message);
    this.kind = kind;
  }
}

/**
 * The decoder runs in a module Web Worker (decode-worker.js), so the page never waits for
 * it. The wasm module is compiled once here and handed to every worker. A worker that
 * traps, dies or takes too long is terminated and replaced by a fresh one.
 */
export class DecoderWorker {
  /** module: the compiled WebAssembly.Module, or a promise of it (the worker waits for it). */
  constructor(module) {
    this.module = module;
    this.worker = null;
    this.ready = false; // the current worker answered once: it loads
    this.pending = new Map(); // id -> { resolve, reject, timer, sent, size }
    this.nextId = 0;
    this.started = 0;
  }

  start() {
    const worker = new Worker(new URL('../decode-worker.js', import.meta.url), { type: 'module', name: 'bounce-decoder' });
    worker.addEventListener('message', (event) => { if (worker === this.worker) this.answer(event.data); });
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      if (worker === this.worker) this.fail('died', event.message || 'the worker stopped');
    });
    worker.addEventListener('messageerror', () => {
      if (worker === this.worker) this.fail('died', 'an answer could not be read');
    });
    Promise.resolve(this.module).then((module) => { if (this.worker === worker) worker.postMessage({ module }); }, () => {});
    this.worker = worker;
    this.ready = false;
    this.started += 1;
  }

  /** Terminates the worker; every request still waiting fails with `kind`. */
  stop(kind, message) {
    this.worker?.terminate();
    this.worker = null;
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const p of waiting) {
      clearTimeout(p.timer);
      p.reject(new DecodeFailure(kind, message));
    }
  }

  /** After a trap, a death or a timeout: a fresh worker, unless this one never loaded. */
  fail(kind, message) {
    const loaded = this.ready;
    this.stop(kind, message);
    if (loaded) this.start();
  }

  answer(data) {
    const p = data && this.pending.get(data.id);
    if (!p) return;
    this.ready = true;
    this.pending.delete(data.id);
    clearTimeout(p.timer);
    if (!data.error) {
      p.resolve(data);
      return;
    }
    const { message, fatal, load } = data.error;
    if (load) {
      this.ready = false;
      p.reject(new DecodeFailure('load', message));
    } else if (fatal) {
      p.reject(new DecodeFailure('fatal', message));
      this.fail('fatal', message); // the instance can't be trusted any more
    } else {
      p.reject(new DecodeFailure('decode', message));
    }
  }

  /**
   * Decodes { text } or { bytes } (a Uint8Array whose buffer is transferred, and comes back
   * as answer.bytes). Only the newest request matters: older ones still running for a while
   * (a large input) are dropped with their worker rather than waited for.
   */
  decode(input, options, labelsLang) {
    const now = performance.now();
    const slowAhead = [...this.pending.values()].some((p) => p.size > SLOW_INPUT_BYTES || now - p.sent > SLOW_MS);
    if (slowAhead) this.stop('superseded', 'a newer input');
    if (!this.worker) this.start();
    const id = ++this.nextId;
    const size = input.bytes ? input.bytes.length : input.text.length;
    return new Promise((resolve, reject) => {
      const limit = timeLimit(size);
      const timer = setTimeout(() => {
        if (this.pending.has(id)) this.fail('timeout', String(Math.round(limit / 1000)));
      }, limit);
      this.pending.set(id, { resolve, reject, timer, sent: now, size });
      const message = { id, options, labels: labelsLang || null, ...input };
      this.worker.postMessage(message, input.bytes ? [input.bytes.buffer] : []);
    });
  }
}

/** How long a decode may take before its worker is stopped: generous, as machines differ. */
export const timeLimit = (size) => TIME_LIMIT_MS + Math.round((size / 1e6) * TIME_LIMIT_MS_PER_MB);
