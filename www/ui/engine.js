// Starts the decoder as early as the page can: index.html loads this module on its own
// (async), so the wasm compiles and the worker loads its scripts while the rest of the page's
// scripts are still on their way; app.js imports the same instance and waits for `engine`.

import { compileWasm, DecoderWorker, errorMessage } from './worker-client.js';

/** Resolves to { decoder, module }: a started DecoderWorker and the compiled wasm module. */
export const engine = start();
engine.catch(() => {}); // app.js reports it

async function start() {
  // the worker starts (and loads its scripts) while the wasm compiles
  const compiling = compileWasm();
  compiling.catch(() => {}); // reported below
  const decoder = new DecoderWorker(compiling);
  decoder.start();
  let module;
  try {
    module = await compiling;
  } catch (err) {
    decoder.stop('load', errorMessage(err));
    throw err;
  }
  decoder.module = module;
  return { decoder, module };
}
