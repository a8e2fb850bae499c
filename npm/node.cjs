// bounce-decoder for Node.js (CommonJS, require): the .wasm is read from this package's
// folder and instantiated when the package is required, so the functions work at once;
// init() is there for code shared with browsers and resolves immediately.
'use strict';

const { readFileSync } = require('node:fs');
const path = require('node:path');
const wasm = require('./pkg/bounce_decoder.cjs');

wasm.initSync({ module: readFileSync(path.join(__dirname, 'pkg', 'bounce_decoder_bg.wasm')) });

module.exports = {
  init: () => Promise.resolve(),
  initSync: () => {},
  decode: wasm.decode,
  decodeBytes: wasm.decodeBytes,
  explain: wasm.explain,
  explainAll: wasm.explainAll,
  labels: wasm.labels,
};
