// Assembles the npm package `bounce-decoder` from its wasm build in target/npm-pkg
// (`scripts/build-wasm.sh npm`: the knowledge base's texts compiled in, unlike the page's
// www/pkg) and the hand-maintained files in npm/, into target/npm/package (see
// scripts/build-npm.sh):
//
//   pkg/bounce_decoder.js, pkg/bounce_decoder_bg.wasm   wasm-bindgen's --target web output
//   pkg/bounce_decoder.cjs     the same glue as CommonJS, for require() (node.cjs)
//   types.d.ts, types.d.cts    the generated types and functions, less the init internals
//   index.js, node.mjs, node.cjs, *.d.ts   npm/ (entry points and their types)
//   element.js, i18n.js, ui/*  the <bounce-decoder> element of www/ and what it imports
//   package.json               npm/package.json with the crate's version

import { readFileSync, writeFileSync, mkdirSync, rmSync, copyFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WWW = path.join(ROOT, 'www');
const PKG = path.join(ROOT, 'target', 'npm-pkg');
const OUT = path.join(ROOT, 'target', 'npm', 'package');
const read = (...p) => readFileSync(path.join(ROOT, ...p), 'utf8');
const write = (rel, text) => {
  mkdirSync(path.dirname(path.join(OUT, rel)), { recursive: true });
  writeFileSync(path.join(OUT, rel), text);
};
const copy = (from, rel) => {
  mkdirSync(path.dirname(path.join(OUT, rel)), { recursive: true });
  copyFileSync(from, path.join(OUT, rel));
};
function fail(message) {
  console.error(`[npm-package] ${message}`);
  process.exit(1);
}

if (!existsSync(path.join(PKG, 'bounce_decoder_bg.wasm'))) fail('target/npm-pkg is missing: run `bash scripts/build-wasm.sh npm` first');
rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });

// ---------------------------------------------------------------- the wasm and its glue
const glue = readFileSync(path.join(PKG, 'bounce_decoder.js'), 'utf8');
copy(path.join(PKG, 'bounce_decoder_bg.wasm'), 'pkg/bounce_decoder_bg.wasm');
write('pkg/bounce_decoder.js', glue);

// The CommonJS twin of the ESM glue: the same code, with its exports as module.exports and
// the default wasm URL (unused: node.cjs passes the bytes) without import.meta.
const exported = [...glue.matchAll(/^export function (\w+)\(/gm)].map((m) => m[1]);
const tail = 'export { initSync, __wbg_init as default };';
if (!exported.includes('decode') || !glue.includes(tail) || (glue.match(/import\.meta\.url/g) || []).length !== 1 || /^import /m.test(glue)) {
  fail('the wasm-bindgen glue has an unexpected shape; check scripts/npm-package.mjs against its version');
}
const cjs = `'use strict';\n${glue
  .replace(/^export function (\w+)\(/gm, 'function $1(')
  .replace("new URL('bounce_decoder_bg.wasm', import.meta.url)", "require('node:url').pathToFileURL(require('node:path').join(__dirname, 'bounce_decoder_bg.wasm'))")
  .replace(tail, `module.exports = { ${[...exported, 'initSync'].join(', ')}, default: __wbg_init };`)}`;
write('pkg/bounce_decoder.cjs', cjs);

// ---------------------------------------------------------------- types
const dts = readFileSync(path.join(PKG, 'bounce_decoder.d.ts'), 'utf8');
const cut = dts.indexOf('export type InitInput');
if (cut < 0) fail('bounce_decoder.d.ts has no InitInput section');
const types = dts.slice(0, cut)
  .replace(/\/\*\*\n \* Installs the panic hook[^]*?\*\/\nexport function start\(\): void;\n/, '')
  .replace(/^\/\* tslint:disable \*\/\n\/\* eslint-disable \*\/\n/, '');
if (/export function start\(/.test(types)) fail('could not drop start() from the types');
const header = '// The values and functions of bounce-decoder (generated from the Rust types by tsify and\n// wasm-bindgen). A value the bounce does not give is null.\n';
write('types.d.ts', header + types);
write('types.d.cts', header + types);

// ---------------------------------------------------------------- entry points
for (const file of ['index.js', 'node.mjs', 'node.cjs', 'element.d.ts', 'README.md']) copy(path.join(ROOT, 'npm', file), file);
write('index.d.ts', `export * from './types.js';

/** What init() can load the WebAssembly module from. */
export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

/**
 * Loads the WebAssembly module (by default bounce_decoder_bg.wasm next to this module);
 * call it once before the other functions. Later calls return the same promise.
 */
export default function init(input?: InitInput | Promise<InitInput>): Promise<void>;

/** Loads the module synchronously from its bytes or a compiled WebAssembly.Module. */
export function initSync(module: BufferSource | WebAssembly.Module): void;
`);
const nodeTypes = (from) => `export * from '${from}';

/** Node loads the WebAssembly module when the package is imported: this resolves at once. */
export default function init(): Promise<void>;

/** Node loads the WebAssembly module when the package is imported: this does nothing. */
export function initSync(): void;
`;
write('node.d.ts', nodeTypes('./types.js'));
write('node.d.cts', nodeTypes('./types.cjs').replace('export default function init', 'export function init'));

// ---------------------------------------------------------------- the element
// www/widget.js and the modules it imports (relative imports, followed), with the wasm
// glue's import turned into the package's browser entry (one instance, init() shared).
const seen = new Set();
function copyModule(rel, as) {
  if (seen.has(rel)) return;
  seen.add(rel);
  let text = readFileSync(path.join(WWW, rel), 'utf8');
  // static imports, and dynamic ones written out (i18n.js: import('./i18n/en.js'))
  const imports = [...text.matchAll(/^import\s[^'"]*['"](\.{1,2}\/[^'"]+)['"]/gm), ...text.matchAll(/\bimport\(\s*'(\.{1,2}\/[^'`$]+)'\s*\)/g)];
  for (const m of imports) {
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(rel), m[1]));
    if (target.startsWith('pkg/')) continue;
    copyModule(target, target);
  }
  if (rel === 'widget.js') {
    text = text.replace("from './pkg/bounce_decoder.js';", "from './index.js';");
    if (!text.includes("from './index.js';")) fail('widget.js no longer imports ./pkg/bounce_decoder.js');
  }
  write(as, text);
}
copyModule('widget.js', 'element.js');

// ---------------------------------------------------------------- package.json
const cargo = read('Cargo.toml');
const version = /^version\s*=\s*"([^"]+)"/m.exec(cargo)?.[1];
if (!version) fail('no version in Cargo.toml');
const manifest = JSON.parse(read('npm', 'package.json'));
manifest.version = version;
// the repository the crate names (Cargo.toml package.repository), when it names one
const repository = /^repository\s*=\s*"([^"]+)"/m.exec(cargo)?.[1];
if (repository) manifest.repository = { type: 'git', url: `git+${repository.replace(/^git\+/, '')}`, directory: 'npm' };
else console.warn('[npm-package] Cargo.toml names no repository: package.json has none');
const files = [...new Set([...manifest.files, ...[...seen].filter((f) => f !== 'widget.js')])];
manifest.files = files;
write('package.json', `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`[npm-package] ${path.relative(ROOT, OUT)}: bounce-decoder ${version}, ${files.length} entries in "files"`);
