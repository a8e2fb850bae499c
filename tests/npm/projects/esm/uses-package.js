// An ES module project ("type": "module") using the package.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import init, { decode, decodeBytes, explainAll, labels } from 'bounce-decoder';

test('import gives working functions at once, with the wasm read from disk', async () => {
  const r = decode('421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred').recipients[0];
  assert.equal(r.bounce_type, 'soft');
  assert.equal(r.outcome, 'sending_refused', 'a deferral of the sender is not a bad address');
  assert.equal(r.provider.name, 'Yahoo');
  assert.ok(r.provider.advice === null || typeof r.provider.advice === 'string');
  const eml = decodeBytes(readFileSync(new URL('./bounce.eml', import.meta.url)));
  assert.ok(eml.recipients.length > 0);
  assert.ok(explainAll('en').length > 230);
  // the package's wasm has the knowledge base's texts (the page's www/pkg loads them instead)
  const full = decode('550 5.1.1 <bob@example.com>: User unknown', { lang: 'de', explanations: true }).explanations[0];
  assert.equal(full.code, '5.1.1');
  for (const key of ['title', 'summary', 'action']) assert.match(full[key], /\S/, key);
  for (const key of ['causes', 'resolution_marketers', 'examples', 'investigation']) assert.ok(full[key].length >= 2, key);
  assert.match(full.breakdown.at(-1).meaning, /\S/);
  assert.ok(explainAll('de').every((e) => e.summary && e.examples.length), 'every entry has its texts');
  assert.equal(labels('en').actions.suppress.label.length > 0, true);
  await init(); // for code shared with browsers: resolves at once
});

test('require() in an ES module project gives the same', () => {
  const require = createRequire(import.meta.url);
  const { decode: decodeCjs } = require('bounce-decoder');
  assert.equal(decodeCjs('550 5.1.1 user unknown').recipients[0].reason, 'user_unknown');
});
