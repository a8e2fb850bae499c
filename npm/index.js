// bounce-decoder for browsers and bundlers (Vite, webpack, esbuild, Rollup): call
// `await init()` once, then the functions. init() fetches the .wasm next to this file
// (new URL(..., import.meta.url), which bundlers copy as an asset); pass a URL, a Response,
// bytes or a WebAssembly.Module to load it from elsewhere.

import initWasm, * as wasm from './pkg/bounce_decoder.js';

let loading = null;
let ready = false;

/** Loads the WebAssembly module once; later calls return the same promise. */
export default function init(input) {
  if (!loading) {
    loading = initWasm(input === undefined ? undefined : { module_or_path: input }).then(
      () => { ready = true; },
      (err) => { loading = null; throw err; },
    );
  }
  return loading;
}

/** Loads the module from bytes or a compiled WebAssembly.Module, synchronously. */
export function initSync(module) {
  if (!ready) {
    wasm.initSync({ module });
    ready = true;
    loading = Promise.resolve();
  }
}

function loaded(name) {
  if (!ready) throw new Error(`bounce-decoder: call \`await init()\` before ${name}()`);
}

/** Decodes a bounce, reply line, log line or code. */
export function decode(input, options) {
  loaded('decode');
  return wasm.decode(input, options);
}

/** Decodes raw bytes (an .eml file as read from disk, in any charset). */
export function decodeBytes(input, options) {
  loaded('decodeBytes');
  return wasm.decodeBytes(input, options);
}

/** Explains a code; undefined for a code the knowledge base does not have. */
export function explain(code, lang) {
  loaded('explain');
  return wasm.explain(code, lang);
}

/** Every entry of the knowledge base in `lang`. */
export function explainAll(lang) {
  loaded('explainAll');
  return wasm.explainAll(lang);
}

/** Translated labels for reasons, actions, bounce types and message kinds. */
export function labels(lang) {
  loaded('labels');
  return wasm.labels(lang);
}
