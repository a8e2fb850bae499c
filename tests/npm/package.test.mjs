// The npm package as its users get it: the tarball that `npm pack` made (scripts/build-npm.sh;
// its path in BD_TARBALL, else the one in target/npm/) is installed into fresh projects in a
// temporary folder, copied from tests/npm/projects/:
//   cjs/, esm/   "type": "commonjs" and "type": "module": require and import under node --test
//   vite/        a Vite app (vite build), loaded in headless Chromium
//   html/        a plain page with <script type="module"> and a strict CSP, in Chromium
//   ts/          tsc --strict on TypeScript that uses the types (bundler and NodeNext)
// Run: node --test tests/npm/

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { cp, mkdtemp, readdir, rm, readFile, stat } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser, watchPage, assertNoProblems } from '../e2e/harness.mjs';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PROJECTS = fileURLToPath(new URL('./projects/', import.meta.url));
const BIN = path.join(ROOT, 'node_modules', '.bin');
const SAMPLE = path.join(ROOT, 'tests', 'corpus', 'samples', 'lhost-postfix-02.eml');
const TIMEOUT = 30_000;

async function tarball() {
  if (process.env.BD_TARBALL) return process.env.BD_TARBALL;
  const dir = path.join(ROOT, 'target', 'npm');
  const found = (await readdir(dir).catch(() => [])).filter((f) => /^bounce-decoder-.*\.tgz$/.test(f));
  assert.equal(found.length, 1, 'run `bash scripts/build-npm.sh` first (one tarball in target/npm/)');
  return path.join(dir, found[0]);
}

let tmp;
let tgz;
let browser;

before(async () => {
  tgz = await tarball();
  tmp = await mkdtemp(path.join(os.tmpdir(), 'bd-npm-'));
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

/** Copies tests/npm/projects/<name> into the temporary folder and installs the tarball there. */
async function project(name) {
  const dir = path.join(tmp, name);
  await cp(path.join(PROJECTS, name), dir, { recursive: true });
  await run('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error', tgz], { cwd: dir });
  const installed = JSON.parse(await readFile(path.join(dir, 'node_modules', 'bounce-decoder', 'package.json'), 'utf8'));
  assert.equal(installed.name, 'bounce-decoder');
  return dir;
}

/** Runs node --test in a project; asserts every test passed and that there were some. */
async function nodeTest(dir) {
  // a clean environment: the runner of this file tells its children (NODE_TEST_CONTEXT) to
  // report to it instead of printing
  const env = { ...process.env };
  delete env.NODE_TEST_CONTEXT;
  const { stdout } = await run(process.execPath, ['--test', '--test-reporter=tap', 'uses-package.js'], { cwd: dir, env }).catch((err) => {
    assert.fail(`node --test failed in ${path.basename(dir)}:\n${err.stdout}\n${err.stderr}`);
  });
  const pass = Number(/^# pass (\d+)/m.exec(stdout)?.[1]);
  const fail = Number(/^# fail (\d+)/m.exec(stdout)?.[1]);
  assert.ok(pass >= 2, stdout);
  assert.equal(fail, 0, stdout);
}

/** Serves a folder on 127.0.0.1 (wasm as application/wasm); resolves to { base, close }. */
async function serve(root) {
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json' };
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    const file = path.join(root, path.normalize(decodeURIComponent(url.pathname.endsWith('/') ? `${url.pathname}index.html` : url.pathname)));
    try {
      if (!file.startsWith(root)) throw new Error('outside');
      const body = await readFile(file);
      res.writeHead(200, { 'Content-Type': types[path.extname(file)] || 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { base: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) };
}

/** Opens a page in Chromium, waits for body[data-done], returns { page, requests, problems, close }. */
async function openInBrowser(url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const watched = watchPage(page);
  await page.goto(url);
  await page.waitForSelector('body[data-done="true"]', { timeout: TIMEOUT });
  return { page, ...watched, close: () => context.close() };
}

test('a "type": "commonjs" project requires and imports it under node --test', async () => {
  const dir = await project('cjs');
  await cp(SAMPLE, path.join(dir, 'bounce.eml'));
  await nodeTest(dir);
});

test('a "type": "module" project imports and requires it under node --test', async () => {
  const dir = await project('esm');
  await cp(SAMPLE, path.join(dir, 'bounce.eml'));
  await nodeTest(dir);
});

test('a Vite app bundles it (wasm as an asset) and decodes in Chromium', async () => {
  const dir = await project('vite');
  await run(path.join(BIN, 'vite'), ['build', '--logLevel', 'warn'], { cwd: dir }).catch((err) => {
    assert.fail(`vite build failed:\n${err.stdout}\n${err.stderr}`);
  });
  const assets = await readdir(path.join(dir, 'dist', 'assets'));
  const wasm = assets.filter((f) => f.endsWith('.wasm'));
  assert.equal(wasm.length, 1, `one .wasm asset: ${assets}`);
  assert.ok((await stat(path.join(dir, 'dist', 'assets', wasm[0]))).size > 100_000);
  const server = await serve(path.join(dir, 'dist'));
  const opened = await openInBrowser(`${server.base}/`);
  try {
    const { page, requests, problems } = opened;
    assert.equal(await page.textContent('#reason'), 'user_unknown | Unknown recipient');
    // the element from bounce-decoder/element, in German, on the same instance
    await page.waitForFunction(() => document.getElementById('element').report !== null, null, { timeout: TIMEOUT });
    const shadow = await page.evaluate(() => document.getElementById('element').shadowRoot.textContent);
    assert.match(shadow, /Postfach voll/);
    assert.ok(requests.some((u) => u.endsWith('.wasm')));
    assert.ok(requests.every((u) => u.startsWith(server.base)), requests.join('\n'));
    assertNoProblems(problems);
  } finally {
    await opened.close();
    await server.close();
  }
});

test('a plain HTML page loads it with <script type="module"> under a strict CSP', async () => {
  const dir = await project('html');
  const server = await serve(dir);
  const opened = await openInBrowser(`${server.base}/`);
  try {
    const { page, problems } = opened;
    assert.equal(await page.getAttribute('body', 'data-before-init'), 'bounce-decoder: call `await init()` before decode()');
    assert.equal(await page.textContent('#reason'), 'mailbox_full');
    await page.waitForFunction(() => document.getElementById('element').report !== null, null, { timeout: TIMEOUT });
    const shadow = await page.evaluate(() => document.getElementById('element').shadowRoot.textContent);
    assert.match(shadow, /Unknown recipient/);
    assertNoProblems(problems);
  } finally {
    await opened.close();
    await server.close();
  }
});

test('tsc --strict accepts typed use and rejects what the types forbid', async () => {
  const dir = await project('ts');
  for (const config of ['tsconfig.json', 'tsconfig.node.json']) {
    await run(path.join(BIN, 'tsc'), ['-p', config], { cwd: dir }).catch((err) => {
      assert.fail(`tsc -p ${config}:\n${err.stdout}\n${err.stderr}`);
    });
  }
  // and a wrong use is an error indeed
  const { writeFile } = await import('node:fs/promises');
  await writeFile(path.join(dir, 'app.ts'), "import { decode } from 'bounce-decoder';\nconst address: string = decode('x').recipients[0].address;\nconsole.log(address);\n");
  const wrong = await run(path.join(BIN, 'tsc'), ['-p', 'tsconfig.json'], { cwd: dir }).then(() => null, (err) => err);
  assert.ok(wrong, 'tsc must reject string = string | null');
  assert.match(wrong.stdout, /Type 'string \| null' is not assignable to type 'string'/);
});
