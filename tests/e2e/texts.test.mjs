// The page's wasm (www/pkg) is built without the knowledge base's texts; www/texts/ holds them
// (scripts/build-wasm.sh). Here, in Node: its explanations with those files merged in are
// exactly those of the npm package's wasm (target/npm-pkg, built with the texts), in both
// languages, and the files hold nothing but explanation fields. Needs both builds:
// `bash scripts/build-wasm.sh && bash scripts/build-wasm.sh npm`.
// Run: node --test tests/e2e/

import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { loadDecoder, WWW } from './harness.mjs';

const NPM_PKG = fileURLToPath(new URL('../../target/npm-pkg/', import.meta.url));

const page = await loadDecoder(); // www/pkg, the texts merged from www/texts/
const raw = await import('../../www/pkg/bounce_decoder.js'); // the same instance, unmerged
const full = await import(path.join(NPM_PKG, 'bounce_decoder.js')).catch(() => {
  throw new Error('target/npm-pkg is missing: run `bash scripts/build-wasm.sh npm`');
});
full.initSync({ module: await readFile(path.join(NPM_PKG, 'bounce_decoder_bg.wasm')) });

for (const lang of ['en', 'de']) {
  test(`${lang}: every explanation of the page's wasm, with www/texts/ merged, is the npm package's`, () => {
    const expected = full.explainAll(lang);
    const merged = page.explainAll(lang);
    assert.ok(expected.length > 230);
    assert.equal(merged.length, expected.length);
    for (let i = 0; i < expected.length; i += 1) assert.deepEqual(merged[i], expected[i], expected[i].code);
    // and decode() gives the same explanations
    const text = '550 5.1.1 <bob@example.com>: User unknown\n421 4.7.0 [TSS04] deferred';
    assert.deepEqual(page.decode(text, { lang, explanations: true }), full.decode(text, { lang, explanations: true }));
  });

  test(`${lang}: the page's wasm carries the facts, not the texts`, () => {
    const e = raw.explain('5.1.1', lang);
    assert.equal(e.code, '5.1.1');
    assert.equal(e.kind, 'detail');
    assert.equal(e.reason, 'user_unknown');
    assert.equal(e.title, '');
    assert.equal(e.summary, '');
    assert.deepEqual(e.causes, []);
    assert.equal(e.breakdown.length, 3, 'the breakdown has its parts');
    assert.equal(e.breakdown[2].meaning, '', '…the meaning of the code itself comes with the texts');
  });

  test(`${lang}: the text files hold explanation fields only, for codes the wasm knows`, async () => {
    const byCode = new Map(raw.explainAll(lang).map((e) => [e.code, e]));
    const codes = new Set(byCode.keys());
    const fields = new Set(Object.keys(full.explain('5.1.1', lang)));
    const read = async (name) => JSON.parse(await readFile(path.join(WWW, 'texts', name), 'utf8'));
    const first = await read(`${lang}.json`);
    const providers = await read(`${lang}-providers.json`);
    const details = await read(`${lang}-details.json`);
    assert.deepEqual(Object.keys(first).sort(), ['explanations', 'sections']);
    assert.deepEqual(Object.keys(providers).sort(), ['explanations', 'sections']);
    assert.deepEqual(Object.keys(details), ['explanations']);
    for (const file of [first, providers, details]) {
      for (const [code, texts] of Object.entries(file.explanations)) {
        assert.ok(codes.has(code), code);
        for (const key of Object.keys(texts)) assert.ok(fields.has(key) || (file !== details && key === 'meaning'), `${code}: ${key}`);
      }
    }
    // every code is in one of the first files: the providers' codes in theirs, the rest in the first
    for (const code of codes) {
      const own = byCode.get(code).provider ? providers : first;
      const other = own === first ? providers : first;
      assert.ok(Object.hasOwn(own.explanations, code) && !Object.hasOwn(other.explanations, code), `${code}: in its first file only`);
    }
    for (const [code, keys] of [...Object.entries(first.sections), ...Object.entries(providers.sections)]) {
      assert.deepEqual([...keys].sort(), Object.keys(details.explanations[code] || {}).sort(), `${code}: sections`);
    }
    // the first file has what a first answer shows, the details the rest
    assert.deepEqual(Object.keys(first.explanations['5.1.1']).sort(), ['action', 'category', 'meaning', 'summary', 'title']);
    assert.ok(!('causes' in first.explanations['5.1.1']));
  });
}
