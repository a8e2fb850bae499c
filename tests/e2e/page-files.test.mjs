// The page's files as a first visit gets them, in Node: index.html preloads exactly the
// modules its module scripts import statically (so they are fetched at once, and none is left out when
// an import is added), each language's strings load and have the examples menu's labels,
// and the page's own number format writes what Intl.NumberFormat would.
// Run: node --test tests/e2e/

import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { pageFiles } from '../../scripts/size-budget.mjs';
import { WWW } from './harness.mjs';
import { LANGS, loadStrings, stringsLoaded, keysStartingWith, formatNumber, formatSize, t } from '../../www/i18n.js';
import { EXAMPLES } from '../../www/examples.js';

const rel = (file) => path.relative(WWW, file).split(path.sep).join('/');

test("index.html preloads the modules its module scripts import, and no other", () => {
  const html = readFileSync(path.join(WWW, 'index.html'), 'utf8');
  const preloaded = [...html.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((m) => m[1]).sort();
  const scripts = [...html.matchAll(/<script type="module"[^>]* src="([^"]+)">/g)].map((m) => m[1]);
  assert.deepEqual(scripts.sort(), ['app.js', 'ui/engine.js']);
  // the worker's modules (decode-worker.js, pkg/) load in the worker, which the page's preloads
  // do not reach; the wasm has a preload of its own
  const worker = (f) => f === 'decode-worker.js' || f.startsWith('pkg/');
  const graph = [...new Set(scripts.flatMap((f) => pageFiles(path.join(WWW, f)).map(rel)))]
    .filter((f) => !scripts.includes(f) && !worker(f)).sort();
  assert.ok(graph.includes('i18n.js') && graph.includes('ui/worker-client.js'), graph.join(' '));
  assert.deepEqual(preloaded, graph);
});

test('what loads on demand is not in the static graph of a first visit', () => {
  const first = pageFiles(path.join(WWW, 'index.html')).map(rel);
  for (const later of ['examples.js', 'ui/batch.js', 'i18n/en.js', 'i18n/de.js']) assert.ok(!first.includes(later), later);
  assert.ok(first.includes('pkg/bounce_decoder_bg.wasm'));
});

test('the strings of each language load on demand; t() answers in the loaded one', async () => {
  assert.equal(t('de', 'app.name'), 'app.name', 'nothing loaded yet: the key');
  await loadStrings('de');
  assert.ok(stringsLoaded('de') && !stringsLoaded('en'));
  assert.equal(t('de', 'app.name'), 'Bounce-Decoder');
  assert.equal(t('en', 'app.name'), 'Bounce-Decoder', 'a language not loaded falls back to one that is');
  await Promise.all(LANGS.map(loadStrings));
  assert.equal(t('en', 'app.name'), 'Bounce decoder');
  assert.equal(t('en', 'batch.title', { n: 3 }), t('en', 'batch.title').replace('{n}', '3'));
  await loadStrings('xx'); // not a language of the page: English
});

test("the examples menu's labels are the examples, in their order, in both languages", async () => {
  await Promise.all(LANGS.map(loadStrings));
  for (const lang of LANGS) {
    assert.deepEqual(keysStartingWith(lang, 'example.').map((k) => k.slice('example.'.length)), EXAMPLES.map((e) => e.id), lang);
  }
});

test('formatNumber writes what Intl.NumberFormat writes, in both languages', () => {
  const values = [0, 1, 7.25, 999, 999.94, 999.96, 1000, 1049, 1050, 1234.5, 12345.678, 999949, 999950, 1e6, 4_990_000, 1_234_567_890];
  for (const lang of LANGS) {
    for (const digits of [0, 1]) {
      const intl = new Intl.NumberFormat(lang, { maximumFractionDigits: digits });
      for (const v of values) assert.equal(formatNumber(lang, v, digits), intl.format(v), `${lang} ${v} ${digits}`);
    }
  }
  assert.equal(formatSize('de', 4_990_000), '5 MB');
  assert.equal(formatSize('de', 12_345), '12,3 kB');
  assert.equal(formatSize('en', 512), '512 B');
});
