// bounce-decoder for Node.js (ESM): the .wasm is read from this package's folder and
// instantiated when the module is imported, so the functions work at once; init() is
// there for code shared with browsers and resolves immediately.

import { readFileSync } from 'node:fs';
import { initSync } from './index.js';

initSync(readFileSync(new URL('./pkg/bounce_decoder_bg.wasm', import.meta.url)));

export { default, initSync, decode, decodeBytes, explain, explainAll, labels } from './index.js';
