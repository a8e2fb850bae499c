// A CommonJS project ("type": "commonjs", as `npm init -y` writes) using the package.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { readFileSync } = require('node:fs');
const path = require('node:path');

test('require() gives working functions, with the wasm read from disk', () => {
  const { decode, decodeBytes, explain, labels, init } = require('bounce-decoder');
  const report = decode('550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown');
  assert.equal(report.recipients.length, 1);
  const r = report.recipients[0];
  assert.equal(r.address, 'bob@example.com');
  assert.equal(r.status, '5.1.1');
  assert.equal(r.bounce_type, 'hard');
  assert.equal(r.reason, 'user_unknown');
  assert.equal(r.action, 'suppress');
  assert.equal(r.remote_mta, null, 'a missing value is null');
  const eml = decodeBytes(readFileSync(path.join(__dirname, 'bounce.eml')), { lang: 'de' });
  assert.equal(eml.lang, 'de');
  assert.ok(eml.recipients.length > 0);
  assert.equal(explain('9.9.9'), undefined);
  assert.match(explain('5.2.2', 'de').title, /\S/);
  assert.equal(labels('de').reasons.user_unknown.label, 'Unbekannter Empfänger');
  assert.throws(() => decode('x', { lang: 'fr' }), Error);
  return init();
});

test('import() from CommonJS gives the same', async () => {
  const pkg = await import('bounce-decoder');
  await pkg.default();
  assert.equal(pkg.decode('452 4.2.2 Mailbox full').recipients[0].reason, 'mailbox_full');
});
