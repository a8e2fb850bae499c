// The page's size budget, checked after `bash scripts/build-wasm.sh` (scripts/test.sh runs it,
// and so CI): fails when
//
//   - www/pkg/bounce_decoder_bg.wasm, gzipped, is over WASM_BUDGET, or
//   - a first visit is over FIRST_VISIT_BUDGET: every file the empty page loads (index.html,
//     what it links, the module graph of its scripts and of the decoder's worker, the wasm)
//     plus what the page loads in its language, i18n/<lang>.js (the strings) and
//     texts/<lang>.json (what the first answer shows), in the larger of the languages.
//     What loads on demand (dynamic imports: examples.js, ui/batch.js) is not counted.
//     The files are found by reading the page, not listed by hand: src/href attributes,
//     static imports and new URL('…', import.meta.url).
//
// Sizes are gzip -9 of each file (zlib), the same every run: the budget does not depend on a
// browser, a server or the machine's load. scripts/bench-page.mjs measures a real visit.
// With twiggy installed (`cargo install twiggy`), it also prints the 20 largest items of the
// wasm (from the copy with names that build-wasm.sh leaves in target/wasm-size/); without
// it, it says so and checks the budget all the same.
//
// Run: node scripts/size-budget.mjs

import { readFileSync, existsSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const WASM_BUDGET = 300_000; // bytes, gzipped
export const FIRST_VISIT_BUDGET = 350_000; // bytes, gzipped
const LANGS = ['en', 'de'];

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WWW = path.join(ROOT, 'www');
const WASM = path.join(WWW, 'pkg', 'bounce_decoder_bg.wasm');
const NAMED = path.join(ROOT, 'target', 'wasm-size', 'bounce_decoder_bg.names.wasm');

const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;
const kb = (n) => `${(n / 1000).toFixed(1)} KB`;
const rel = (file) => path.relative(WWW, file);

/** Every file of www/ that loading `entry` (index.html) brings in, in the order found. */
export function pageFiles(entry) {
  const found = [];
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    if (!existsSync(file)) throw new Error(`${rel(file)} is missing (referenced by the page)`);
    found.push(file);
    const ext = path.extname(file);
    if (ext !== '.html' && ext !== '.js') return;
    const text = readFileSync(file, 'utf8');
    const refs = ext === '.html'
      ? [...text.matchAll(/\s(?:src|href)="([^"#?]+)"/g)].map((m) => m[1])
      : [
        ...[...text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]/gm)].map((m) => m[1]),
        ...[...text.matchAll(/^\s*import\s*['"]([^'"]+)['"]/gm)].map((m) => m[1]),
        ...[...text.matchAll(/new URL\(\s*'([^'`$]+)'\s*,\s*import\.meta\.url\s*\)/g)].map((m) => m[1]),
      ];
    for (const ref of refs) {
      if (/^(data:|[a-z]+:\/\/|\/\/)/i.test(ref)) continue; // not a file of the site
      visit(ref.startsWith('/') ? path.join(WWW, ref) : path.resolve(path.dirname(file), ref));
    }
  };
  visit(entry);
  return found;
}

function main() {
  if (!existsSync(WASM)) {
    console.error('[size-budget] www/pkg is missing: run `bash scripts/build-wasm.sh` first');
    process.exit(1);
  }
  const failures = [];
  const files = pageFiles(path.join(WWW, 'index.html'));
  if (!files.includes(WASM)) failures.push('the page no longer references pkg/bounce_decoder_bg.wasm: update this script');
  const rows = files.map((file) => ({ name: rel(file), raw: readFileSync(file).length, gz: gz(file) }));
  const page = rows.reduce((sum, r) => sum + r.gz, 0);
  console.log('[size-budget] a first visit: the empty page, then the first answer (gzip -9 of each file)');
  for (const r of [...rows].sort((a, b) => b.gz - a.gz)) {
    console.log(`  ${r.name.padEnd(34)} ${String(r.raw).padStart(9)} B raw ${String(r.gz).padStart(8)} B gzipped`);
  }
  let worst = 0;
  for (const lang of LANGS) {
    // what boot.js asks for in the page's language: the page's strings and the first texts
    let total = page;
    for (const name of [`i18n/${lang}.js`, `texts/${lang}.json`]) {
      const file = path.join(WWW, name);
      if (!existsSync(file)) {
        failures.push(`www/${name} is missing${name.startsWith('texts/') ? ': run `bash scripts/build-wasm.sh`' : ''}`);
        continue;
      }
      total += gz(file);
      console.log(`  ${name.padEnd(34)} ${String(readFileSync(file).length).padStart(9)} B raw ${String(gz(file)).padStart(8)} B gzipped (${lang})`);
    }
    worst = Math.max(worst, total);
    console.log(`  -> first visit in ${lang}: ${kb(total)}`);
  }
  for (const lang of LANGS) {
    for (const [part, when] of [['providers', "when an answer holds a provider's code"], ['details', 'when a section is opened']]) {
      const file = path.join(WWW, 'texts', `${lang}-${part}.json`);
      if (existsSync(file)) console.log(`  (later, ${when}: texts/${lang}-${part}.json, ${kb(gz(file))} gzipped)`);
    }
  }

  const wasm = gz(WASM);
  console.log(`[size-budget] wasm: ${kb(readFileSync(WASM).length)} raw, ${kb(wasm)} gzipped (budget ${kb(WASM_BUDGET)})`);
  console.log(`[size-budget] first visit: ${kb(worst)} gzipped (budget ${kb(FIRST_VISIT_BUDGET)})`);
  if (wasm > WASM_BUDGET) failures.push(`the wasm is ${kb(wasm)} gzipped, over its budget of ${kb(WASM_BUDGET)}`);
  if (worst > FIRST_VISIT_BUDGET) failures.push(`a first visit is ${kb(worst)} gzipped, over its budget of ${kb(FIRST_VISIT_BUDGET)}`);

  twiggy();
  if (failures.length) {
    for (const f of failures) console.error(`[size-budget] FAIL: ${f}`);
    process.exit(1);
  }
  console.log('[size-budget] within budget');
}

/** What takes the space in the wasm, if twiggy is there. */
function twiggy() {
  let version;
  try {
    version = execFileSync('twiggy', ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    console.log('[size-budget] twiggy is not installed (cargo install twiggy): no breakdown of the wasm');
    return;
  }
  // the copy with names is written by the same build, just before the wasm itself
  const file = existsSync(NAMED) && statSync(NAMED).mtimeMs >= statSync(WASM).mtimeMs - 120_000 ? NAMED : WASM;
  if (file === WASM) console.log('[size-budget] no copy with names in target/wasm-size/ (build-wasm.sh makes one when twiggy is installed): items are numbered only');
  console.log(`[size-budget] ${version}: the 20 largest items of ${path.relative(ROOT, file)} (raw bytes)`);
  try {
    console.log(execFileSync('twiggy', ['top', '-n', '20', file], { encoding: 'utf8', maxBuffer: 16 << 20 }));
  } catch (err) {
    console.log(`[size-budget] twiggy failed: ${err.message}`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) main();
