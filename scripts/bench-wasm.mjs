// The wasm build (www/pkg, from scripts/build-wasm.sh) in Node over the given files:
// decodes them all again and again for about BENCH_SECONDS seconds (2 by default), after
// one warm-up pass, and prints messages/s and MB/s. The report objects are built as the
// page gets them (decodeBytes, explanations off, as the CLI's --jsonl).
// Run: node scripts/bench-wasm.mjs FILE...
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const pkg = await import(join(root, "www/pkg/bounce_decoder.js"));
pkg.initSync({ module: readFileSync(join(root, "www/pkg/bounce_decoder_bg.wasm")) });

const files = process.argv.slice(2).map((f) => readFileSync(f));
const bytes = files.reduce((n, f) => n + f.length, 0);
const options = { explanations: false };
const pass = () => {
  for (const f of files) pkg.decodeBytes(f, options);
};
pass();
const seconds = Number(process.env.BENCH_SECONDS || 2);
const start = process.hrtime.bigint();
let passes = 0;
let elapsed = 0;
while (passes < 3 || elapsed < seconds) {
  pass();
  passes += 1;
  elapsed = Number(process.hrtime.bigint() - start) / 1e9;
}
const msgs = (files.length * passes) / elapsed;
const mbs = (bytes * passes) / elapsed / 1e6;
console.log(
  `wasm in Node: ${files.length} files, ${(bytes / 1e6).toFixed(2)} MB, ${passes} passes in ${elapsed.toFixed(2)} s: ${msgs.toFixed(0)} messages/s, ${mbs.toFixed(1)} MB/s`,
);
