// End-to-end tests of the page's batch table in headless Chromium, on real bounces of the
// corpus (tests/corpus/samples): several files opened or dropped, an mbox, a pasted log;
// one row per recipient, error rows, counts, filters, sorting, CSV and JSON export, progress,
// and evidence offsets that count from the start of the whole file.
// Expected values come from the same wasm package in Node (harness.mjs loadDecoder).
// Run: node --test tests/e2e/

import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFile, readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { STRINGS } from './strings.mjs';
import { useBrowser, loadDecoder } from './harness.mjs';

const SAMPLES = fileURLToPath(new URL('../corpus/samples/', import.meta.url));
const { decode, decodeBytes, label } = await loadDecoder();
const TIMEOUT = 60_000;
const sample = (name) => readFile(path.join(SAMPLES, name));
const file = async (name) => ({ name, mimeType: 'message/rfc822', buffer: await sample(name) });

const { withPage, waitForDecode, decodedCount } = useBrowser({ timeout: TIMEOUT });

const done = (page) => page.waitForSelector('section.batch[data-state="done"]', { timeout: TIMEOUT });

/** The table's rows as the page shows them. */
function tableRows(page) {
  return page.locator('.batch-table tbody tr').evaluateAll((trs) => trs.map((tr) => {
    const cells = [...tr.cells].map((td) => td.textContent.trim());
    return { error: tr.dataset.error === 'true', reason: tr.dataset.reason, outcome: tr.dataset.outcome, type: tr.dataset.bounceType, file: cells[0], message: cells[1], address: cells[2], domain: cells[3], status: cells[4], cells };
  }));
}

/** Clicks an export button; resolves to the downloaded file's name and text. */
async function exported(page, kind) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(`button[data-export="${kind}"]`)]);
  return { name: download.suggestedFilename(), text: await readFile(await download.path(), 'utf8') };
}

function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 1; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; } else if (c === '\n') { row.push(field); rows.push(row); row = []; field = ''; } else if (c !== '\r') field += c;
  }
  return rows;
}

const NAMES = ['lhost-exim-01.eml', 'lhost-postfix-02.eml', 'lhost-gmail-19.eml', 'arf-02.eml'];

test('several .eml files opened: one row per recipient, an error row for a bad file, counts, filters, sort, exports', () => withPage('/?lang=en', async ({ page }) => {
  const files = await Promise.all(NAMES.map(file));
  files.splice(2, 0, { name: 'too-large.eml', mimeType: 'message/rfc822', buffer: Buffer.alloc(5_100_000, 0x41) });
  await page.setInputFiles('#file-input', files);
  await done(page);

  // what the decoder says of each file alone
  const expected = [];
  for (const name of NAMES) {
    const report = decodeBytes(await sample(name), { lang: 'en' });
    if (!report.recipients.length) expected.push({ file: name, address: '' });
    for (const r of report.recipients) expected.push({ file: name, address: r.address ?? '', reason: r.reason ?? '', status: r.status ?? '' });
  }
  const rows = await tableRows(page);
  const good = rows.filter((r) => !r.error);
  assert.deepEqual(good.map((r) => [r.file, r.address === 'no address in the input' ? '' : r.address]), expected.map((e) => [e.file, e.address]));
  for (const e of expected.filter((x) => x.reason !== undefined)) {
    const row = good.find((r) => r.file === e.file && r.address === e.address);
    assert.equal(row.reason, e.reason, `${e.file} ${e.address}`);
    assert.equal(row.status, e.status);
    assert.ok(row.cells[6] === label('en', 'reasons', e.reason), row.cells.join(' | '));
  }
  // the bad file has its own row, in its place, and the files after it were decoded
  const errors = rows.filter((r) => r.error);
  assert.equal(errors.length, 1);
  assert.equal(errors[0].file, 'too-large.eml');
  assert.match(errors[0].cells[2], /too large/);
  assert.equal(rows.indexOf(errors[0]), rows.findIndex((r) => r.file === NAMES[2]) - 1);
  assert.equal(await page.getAttribute('section.batch', 'data-done'), String(files.length));

  // counts by reason
  const counts = await page.locator('.count-list li').evaluateAll((lis) => Object.fromEntries(lis.map((li) => [li.dataset.reason, Number(li.querySelector('.count-n').textContent)])));
  const byReason = {};
  for (const e of expected) if (e.reason !== undefined) byReason[e.reason] = (byReason[e.reason] || 0) + 1;
  assert.deepEqual(counts, { ...byReason, error: 1 });

  // filter by reason, then by domain
  await page.selectOption('#batch-filter-reason', 'user_unknown');
  let shown = await tableRows(page);
  assert.equal(shown.length, byReason.user_unknown);
  assert.ok(shown.every((r) => r.reason === 'user_unknown'));
  await page.selectOption('#batch-filter-reason', '');
  const domain = expected.find((e) => e.reason !== undefined).address.split('@')[1];
  await page.selectOption('#batch-filter-domain', domain);
  shown = await tableRows(page);
  assert.ok(shown.length >= 1 && shown.every((r) => r.domain === domain));
  await page.selectOption('#batch-filter-domain', '');
  // filter by outcome: the filter starts at "All", and a block of the sender is no bad address
  assert.equal(await page.$eval('#batch-filter-outcome', (s) => s.selectedOptions[0].textContent), 'All');
  await page.selectOption('#batch-filter-outcome', 'bad_address');
  shown = await tableRows(page);
  assert.ok(shown.length >= 1 && shown.every((r) => r.outcome === 'bad_address' && r.reason === 'user_unknown'));
  await page.selectOption('#batch-filter-outcome', '');

  // sort by address, twice for descending
  await page.click('button[data-sort="address"]');
  shown = (await tableRows(page)).filter((r) => !r.error && r.reason);
  const addresses = shown.map((r) => r.address);
  assert.deepEqual(addresses, [...addresses].sort((a, b) => a.localeCompare(b)));
  assert.equal(await page.getAttribute('th:has(button[data-sort="address"])', 'aria-sort'), 'ascending');
  await page.click('button[data-sort="address"]');
  assert.equal(await page.getAttribute('th:has(button[data-sort="address"])', 'aria-sort'), 'descending');

  // CSV: a header, one line per row (in the order shown), the error in its column
  const csv = await exported(page, 'csv');
  assert.equal(csv.name, 'bounces.csv');
  const lines = parseCsv(csv.text);
  // the CLI's --csv columns (with the rule and the email services' classes), then the error
  assert.deepEqual(lines[0], ['file', 'message', 'kind', 'address', 'domain', 'status', 'reply_code', 'outcome', 'bounce_type', 'reason', 'action', 'provider', 'remote_mta', 'diagnostic', 'decided_by', 'sparkpost_class', 'ses_bounce_type', 'ses_bounce_subtype', 'postmark_type', 'sendgrid_classification', 'mailgun_severity', 'error']);
  assert.equal(lines.length - 1, rows.length);
  const tooLarge = lines.find((l) => l[0] === 'too-large.eml');
  assert.match(tooLarge[21], /too large/);
  // a decoded row names its rule and its outcome, and a hard failure its Mailgun severity
  const decoded = lines.slice(1).filter((l) => l[9]);
  assert.ok(decoded.every((l) => l[14].length > 0), 'every reason names its rule');
  assert.ok(decoded.every((l) => l[7].length > 0), 'every decoded row has an outcome');
  assert.ok(decoded.filter((l) => l[10] === 'fix_sending').every((l) => l[7] === 'sending_refused'));
  assert.ok(decoded.filter((l) => l[8] === 'hard').every((l) => l[20] === 'permanent'));
  assert.deepEqual(lines.slice(1).filter((l) => l[9]).map((l) => l[3]).sort(), expected.filter((e) => e.reason).map((e) => e.address).sort());

  // JSON: every file's report as the decoder gives it
  const json = JSON.parse((await exported(page, 'json')).text);
  assert.equal(json.length, files.length);
  for (const name of NAMES) {
    const entry = json.find((m) => m.file === name);
    const report = decodeBytes(await sample(name), { lang: 'en', explanations: false, max_recipients: 10_000 });
    assert.deepEqual(entry.report.recipients, report.recipients, name);
    assert.equal(entry.message_index, null);
  }
  assert.match(json.find((m) => m.file === 'too-large.eml').error, /too large/);
}));

/** An mbox of real bounces, and where each message (after its From line) starts. */
async function mbox(names) {
  const parts = [];
  const starts = [];
  let at = 0;
  for (const name of names) {
    const from = Buffer.from('From MAILER-DAEMON Thu Jan  1 00:00:00 2024\n');
    const body = Buffer.concat([await sample(name), Buffer.from('\n\n')]);
    starts.push(at + from.length);
    parts.push(from, body);
    at += from.length + body.length;
  }
  return { bytes: Buffer.concat(parts), starts };
}

test('an mbox: one row per recipient of each message, numbered, with evidence offsets from the start of the file', () => withPage('/?lang=en', async ({ page }) => {
  const names = ['lhost-gmail-19.eml', 'lhost-gmx-01.eml', 'lhost-postfix-02.eml'];
  const box = await mbox(names);
  await page.setInputFiles('#file-input', { name: 'returned.mbox', mimeType: 'application/mbox', buffer: box.bytes });
  await done(page);
  const rows = await tableRows(page);
  const expected = [];
  for (const [k, name] of names.entries()) {
    for (const r of decodeBytes(await sample(name)).recipients) expected.push([String(k + 1), r.address]);
  }
  assert.deepEqual(rows.map((r) => [r.message, r.address]), expected);
  assert.ok(rows.every((r) => r.file === 'returned.mbox'));
  assert.equal(await page.locator('.recipient-card').count(), 0, 'no merged single report');

  const json = JSON.parse((await exported(page, 'json')).text);
  assert.deepEqual(json.map((m) => m.offset), box.starts);
  let later = 0;
  for (const [k, name] of names.entries()) {
    const alone = decodeBytes(await sample(name), { explanations: false });
    const got = json[k].report.recipients;
    assert.equal(got.length, alone.recipients.length);
    for (const [i, r] of got.entries()) {
      for (const [j, ev] of r.evidence.entries()) {
        const own = alone.recipients[i].evidence[j];
        if (!Number.isInteger(own.start)) continue;
        // shifted by the message's start, so the bytes of the whole file there are the evidence
        assert.equal(ev.start, own.start + box.starts[k]);
        assert.equal(box.bytes.subarray(ev.start, ev.end).toString('utf8').toLowerCase(), ev.text.toLowerCase());
        if (k > 0) later += 1;
      }
    }
  }
  assert.ok(later > 0, 'the later messages have evidence with offsets');
}));

test('several files dropped on the box, and German labels', () => withPage('/?lang=de', { locale: 'de-DE' }, async ({ page }) => {
  const names = ['lhost-gmail-19.eml', 'lhost-exim-01.eml'];
  const payload = await Promise.all(names.map(async (name) => ({ name, bytes: [...await sample(name)] })));
  await page.evaluate((items) => {
    const data = new DataTransfer();
    for (const { name, bytes } of items) data.items.add(new File([new Uint8Array(bytes)], name, { type: 'message/rfc822' }));
    document.getElementById('bounce-input').dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, payload);
  await done(page);
  const rows = await tableRows(page);
  assert.deepEqual(rows.map((r) => r.file), names);
  assert.equal(rows[0].cells[6], label('de', 'reasons', decodeBytes(await sample(names[0])).recipients[0].reason));
  assert.equal((await page.textContent('section.batch h2')).trim(), STRINGS.de['batch.title'].replace('{n}', '2'));
  assert.equal(await page.textContent('button[data-export="csv"]'), STRINGS.de['batch.exportCsv']);
  // the switch to English relabels the table (English labels are fetched for it)
  await page.click('button[data-lang="en"]');
  await page.waitForFunction((want) => document.querySelector('.batch-table tbody tr').cells[6].textContent === want,
    label('en', 'reasons', decodeBytes(await sample(names[0])).recipients[0].reason), { timeout: TIMEOUT });
  assert.equal(await page.textContent('button[data-export="csv"]'), STRINGS.en['batch.exportCsv']);
}));

test('a pasted log with many lines shows the table of its recipients', () => withPage('/?lang=en', async ({ page }) => {
  const lines = [];
  for (let i = 0; i < 12; i += 1) {
    const [code, text] = i % 3 ? ['550 5.1.1', 'User unknown'] : ['452 4.2.2', 'Mailbox full'];
    lines.push(`Jan 11 09:30:${String(i).padStart(2, '0')} mx postfix/smtp[4242]: ABC${i}: to=<user${i}@example${i % 4}.org>, relay=mx.example${i % 4}.org[192.0.2.${i + 1}]:25, delay=1, dsn=${code.split(' ')[1]}, status=bounced (host mx.example${i % 4}.org said: ${code} ${text})`);
  }
  const log = lines.join('\n');
  const report = decode(log);
  assert.equal(report.input, 'log');
  assert.equal(report.recipients.length, 12);
  const before = await decodedCount(page);
  await page.fill('#bounce-input', log);
  await waitForDecode(page, before);
  const rows = await tableRows(page);
  assert.deepEqual(rows.map((r) => r.address), report.recipients.map((r) => r.address));
  assert.deepEqual(rows.map((r) => r.reason), report.recipients.map((r) => r.reason));
  const counts = await page.locator('.count-list li').evaluateAll((lis) => lis.map((li) => [li.dataset.reason, li.querySelector('.count-n').textContent]));
  assert.deepEqual(counts, [['user_unknown', '8'], ['mailbox_full', '4']]);
  // the recipients' cards and the marked input follow as for any input
  assert.equal(await page.locator('.recipient-card').count(), 12);
}));

test('a long batch shows its progress and the page stays responsive', () => withPage('/?lang=en', async ({ page }) => {
  const names = (await readdir(SAMPLES)).filter((n) => n.endsWith('.eml')).slice(0, 120);
  const files = await Promise.all(names.map(file));
  await page.evaluate(() => {
    window.__progress = new Set();
    new MutationObserver(() => {
      const sec = document.querySelector('section.batch');
      if (sec) window.__progress.add(`${sec.dataset.done}/${sec.dataset.total}`);
    }).observe(document.getElementById('results'), { subtree: true, attributes: true, childList: true });
  });
  const started = Date.now();
  await page.setInputFiles('#file-input', files);
  // while it runs, the page answers at once
  let slowest = 0;
  while (await page.getAttribute('section.batch', 'data-state').catch(() => 'running') !== 'done' && Date.now() - started < TIMEOUT) {
    const t0 = Date.now();
    await page.evaluate(() => 1);
    slowest = Math.max(slowest, Date.now() - t0);
    await page.waitForTimeout(30);
  }
  await done(page);
  const seen = await page.evaluate(() => [...window.__progress]);
  assert.ok(seen.includes(`${names.length}/${names.length}`), seen.join(' '));
  assert.ok(seen.some((s) => { const [d, t] = s.split('/').map(Number); return d > 0 && d < t; }), `some progress between: ${seen.join(' ')}`);
  assert.ok(slowest < 500, `the page took ${slowest} ms to answer`);
  assert.match(await page.textContent('.batch-progress'), new RegExp(`${names.length} of ${names.length} files done`));
  const rows = await tableRows(page);
  assert.ok(rows.length >= names.length);
}));

test('a large mbox counts its messages as they are decoded', () => withPage('/?lang=en', async ({ page }) => {
  const names = (await readdir(SAMPLES)).filter((n) => n.startsWith('lhost-')).slice(0, 150);
  const box = await mbox(names);
  await page.evaluate(() => {
    window.__messages = new Set();
    new MutationObserver(() => {
      const line = document.querySelector('.batch-progress-messages');
      if (line) window.__messages.add(line.textContent);
    }).observe(document.getElementById('results'), { subtree: true, childList: true, characterData: true });
  });
  await page.setInputFiles('#file-input', { name: 'big.mbox', mimeType: 'application/mbox', buffer: box.bytes });
  await done(page);
  const seen = await page.evaluate(() => [...window.__messages]);
  const counts = seen.map((s) => /^big\.mbox: (\d+) of (\d+) messages$/.exec(s)).filter(Boolean);
  assert.ok(counts.length > 0, seen.join(' | '));
  assert.ok(counts.every((m) => m[2] === String(names.length)));
  assert.ok(counts.some((m) => Number(m[1]) > 0 && Number(m[1]) < names.length), seen.join(' | '));
  assert.equal(await page.locator('.batch-progress-messages').count(), 0, 'gone once done');
  let expected = 0;
  for (const name of names) expected += Math.max(1, decodeBytes(await sample(name)).recipients.length);
  assert.equal(await page.locator('.batch-table tbody tr').count(), Math.min(expected, 1000));
}));
