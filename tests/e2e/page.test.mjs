// End-to-end tests of the web page (www/) in headless Chromium.
// Run: node --test tests/e2e/
//
// The test serves www/ itself (scripts/serve-www.mjs: node:http on 127.0.0.1, a free port)
// and drives Debian's Chromium through playwright-core (harness.mjs). Expected labels and
// explanations are read from the same wasm package in Node, so the assertions follow the
// knowledge base.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { EXAMPLES } from '../../www/examples.js';
import { STRINGS } from './strings.mjs';
import { useBrowser, loadDecoder, watchPage, assertNoProblems, WWW } from './harness.mjs';

const { decode, explain, label } = await loadDecoder();

const ui = (lang, key) => STRINGS[lang][key];
/** The only text files the page may fetch: whole per language, the same for every input. */
const TEXT_FILES = ['en', 'de'].flatMap((lang) => ['', '-providers', '-details'].map((part) => `/texts/${lang}${part}.json`));
const USER_UNKNOWN = '550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown in virtual mailbox table';
const TIMEOUT = 20_000;

// ------------------------------------------------------------------ server and browser

// Pages that exist only for the tests: a host page for the <bounce-decoder> element
// and the widget.html iframe, under the same CSP as the site.
const CSP = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'none'";
const TEST_PAGES = {
  '/__test__/embed.html': ['text/html; charset=utf-8', `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<link rel="icon" href="data:,">
<script type="module" src="/__test__/embed.js"></script></head>
<body>
<bounce-decoder id="element" lang="de">${USER_UNKNOWN.replace(/</g, '&lt;')}</bounce-decoder>
<iframe id="frame" src="/widget.html" title="widget"></iframe>
</body></html>`],
  '/__test__/embed.js': ['text/javascript; charset=utf-8', `
window.__events = [];
window.__messages = [];
document.addEventListener('bounce-decoded', (e) => window.__events.push(e.detail));
window.addEventListener('message', (e) => window.__messages.push(e.data));
await import('/widget.js');
`],
};

// Here paste() puts the text in with page.fill.
const e2e = useBrowser({ timeout: TIMEOUT, pages: TEST_PAGES, paste: 'fill' });
const { openPage, withPage, decodedCount, waitForDecode, decodeAfter, paste, openFile, dropFile, switchLanguage } = e2e;

// ------------------------------------------------------------------ helpers

async function errorText(page) {
  return (await page.textContent('#error')).trim();
}

function dsnEmail() {
  return [
    'Return-Path: <>',
    'Date: Thu, 11 Jan 2024 09:30:00 +0000',
    'From: Mail Delivery System <MAILER-DAEMON@mail.example.com>',
    'To: <sender@example.com>',
    'Subject: Delivery Status Notification (Failure)',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="BOUNDARY-42"',
    '',
    '--BOUNDARY-42',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Delivery to the following recipients failed or was delayed:',
    'dave@example.org, erin@example.net',
    '',
    '--BOUNDARY-42',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mail.example.com',
    'Arrival-Date: Thu, 11 Jan 2024 09:29:58 +0000',
    '',
    'Final-Recipient: rfc822; dave@example.org',
    'Action: failed',
    'Status: 5.1.1',
    'Remote-MTA: dns; mx.example.org',
    'Diagnostic-Code: smtp; 550 5.1.1 <dave@example.org>: Recipient address rejected: User unknown',
    '',
    'Final-Recipient: rfc822; erin@example.net',
    'Action: delayed',
    'Status: 4.2.2',
    'Remote-MTA: dns; mx.example.net',
    'Diagnostic-Code: smtp; 452 4.2.2 <erin@example.net>: Mailbox full',
    '',
    '--BOUNDARY-42',
    'Content-Type: text/rfc822-headers',
    '',
    'From: Sender <sender@example.com>',
    'To: dave@example.org, erin@example.net',
    'Subject: Quarterly report',
    'Message-ID: <q1-report@example.com>',
    '',
    '--BOUNDARY-42--',
    '',
  ].join('\r\n');
}

/** Checks the two recipient rows of dsnEmail(). */
async function assertTwoRecipients(page) {
  const cards = page.locator('.recipient-card');
  assert.equal(await cards.count(), 2);
  const rows = await cards.evaluateAll((nodes) => nodes.map((n) => ({
    type: n.dataset.bounceType,
    outcome: n.dataset.outcome,
    text: n.textContent,
    badge: n.querySelector('.badge').textContent,
  })));
  const dave = rows.find((r) => r.text.includes('dave@example.org'));
  const erin = rows.find((r) => r.text.includes('erin@example.net'));
  assert.ok(dave && erin, 'both recipients are shown');
  assert.equal(dave.type, 'hard');
  assert.equal(dave.outcome, 'bad_address');
  assert.equal(dave.badge, label('en', 'outcomes', 'bad_address'));
  assert.ok(dave.text.includes(label('en', 'bounce_types', 'hard')), 'the failure type is shown beside the outcome');
  assert.ok(dave.text.includes('5.1.1') && dave.text.includes(label('en', 'reasons', 'user_unknown')));
  assert.equal(erin.type, 'soft');
  assert.equal(erin.outcome, 'temporary');
  assert.equal(erin.badge, label('en', 'outcomes', 'temporary'));
  assert.ok(erin.text.includes('4.2.2') && erin.text.includes(label('en', 'reasons', 'mailbox_full')));
}

// ------------------------------------------------------------------ tests

test('1. a pasted 5.1.1 reply shows a bad address, its reason and the explanation', () => withPage('/', async ({ page }) => {
  await paste(page, USER_UNKNOWN);
  const card = page.locator('.recipient-card');
  assert.equal(await card.count(), 1);
  assert.equal(await card.getAttribute('data-bounce-type'), 'hard');
  assert.equal(await card.getAttribute('data-outcome'), 'bad_address');
  const badge = (await card.locator('.badge').textContent()).trim();
  assert.equal(badge, label('en', 'outcomes', 'bad_address'));
  assert.match(badge, /bad address/i);
  assert.equal((await card.locator('.failure-type').textContent()).trim(), label('en', 'bounce_types', 'hard'));
  assert.equal((await card.locator('h3.reason').textContent()).trim(), label('en', 'reasons', 'user_unknown'));
  const cardText = await card.textContent();
  for (const part of ['bob@example.com', '5.1.1', '550', label('en', 'actions', 'suppress')]) {
    assert.ok(cardText.includes(part), `summary shows ${part}`);
  }
  // The explanation of 5.1.1, with its breakdown and title from the knowledge base.
  const expl = page.locator('.expl[data-code="5.1.1"]');
  await expl.locator('.expl-summary').waitFor({ timeout: TIMEOUT }); // its texts, from texts/en.json
  assert.equal(await expl.count(), 1);
  assert.equal((await expl.locator('h3').textContent()).trim(), explain('5.1.1', 'en').title);
  assert.equal(await expl.locator('table.breakdown tbody tr').count(), 3);
  assert.ok(await expl.locator('details').first().isVisible());
  // Evidence: the byte spans are marked in the input view.
  const marks = await page.locator('#highlight mark').allTextContents();
  for (const part of ['550', '5.1.1', 'bob@example.com']) assert.ok(marks.includes(part), `${part} is marked`);
  assert.equal(await page.textContent('#highlight'), USER_UNKNOWN);
  // The live status line for screen readers.
  const status = await page.textContent('#live-status');
  assert.match(status, /^1 recipient: /);
  assert.ok(status.includes(label('en', 'reasons', 'user_unknown')));
  assert.equal(await errorText(page), '');
}));

test('2. German: the switch, the remembered choice, ?lang=de and the browser language', async () => {
  await withPage('/', async ({ page }) => {
    await paste(page, USER_UNKNOWN);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    await switchLanguage(page, 'de');
    assert.equal(await page.getAttribute('html', 'lang'), 'de');
    assert.equal(await page.getAttribute('button[data-lang="de"]', 'aria-pressed'), 'true');
    const card = page.locator('.recipient-card');
    assert.equal((await card.locator('.badge').textContent()).trim(), label('de', 'outcomes', 'bad_address'));
    assert.equal((await card.locator('.badge').textContent()).trim(), 'Adresse ungültig');
    assert.equal((await card.locator('.failure-type').textContent()).trim(), 'Dauerhafter Fehler');
    assert.equal((await card.locator('h3.reason').textContent()).trim(), label('de', 'reasons', 'user_unknown'));
    await page.locator('.expl[data-code="5.1.1"] .expl-summary').waitFor({ timeout: TIMEOUT });
    assert.equal((await page.locator('.expl[data-code="5.1.1"] h3').textContent()).trim(), explain('5.1.1', 'de').title);
    assert.equal((await page.textContent('#decode-button')).trim(), 'Auswerten');
    assert.match(await page.textContent('#live-status'), /^1 Empfänger: /);

    // Remembered: a reload without ?lang stays German.
    await page.reload();
    await waitForDecode(page, 0);
    assert.equal(await page.getAttribute('html', 'lang'), 'de');
  });

  // ?lang=de in a browser that prefers English.
  await withPage(`/?lang=de`, { locale: 'en-US' }, async ({ page }) => {
    assert.equal(await page.getAttribute('html', 'lang'), 'de');
    await paste(page, USER_UNKNOWN);
    assert.equal((await page.locator('.recipient-card h3.reason').textContent()).trim(), label('de', 'reasons', 'user_unknown'));
  });

  // No query, nothing remembered: the browser's language decides.
  const byLocale = await openPage('/', { locale: 'de-DE' });
  try {
    assert.equal(await byLocale.page.getAttribute('html', 'lang'), 'de');
    const english = await openPage('/', { locale: 'fr-FR' });
    assert.equal(await english.page.getAttribute('html', 'lang'), 'en');
    await english.context.close();
  } finally {
    await byLocale.context.close();
  }
});

// What each example must give: the bounce type and outcome of every recipient, or null for
// none. A permanent block of the sender is "sending refused", never a bad address.
const EXPECTED = {
  gmail: ['hard bad_address'],
  'microsoft-block': ['hard sending_refused'],
  'microsoft-access-denied': ['hard bad_address'],
  yahoo: ['soft sending_refused'],
  gmx: ['hard bad_address'],
  telekom: ['hard sending_refused'],
  'postfix-log': ['hard bad_address'],
  'mailbox-full': ['soft temporary'],
  success: ['none not_a_failure'],
  'no-code': null,
  'dsn-email': ['hard bad_address'],
};

test('3. every example decodes without an error', async () => {
  assert.ok(EXAMPLES.length >= 8);
  assert.deepEqual(EXAMPLES.map((e) => e.id).sort(), Object.keys(EXPECTED).sort(), 'every example has an expectation');
  await withPage('/', async ({ page }) => {
    assert.equal(await page.locator('#examples option').count(), EXAMPLES.length + 1);
    for (const example of EXAMPLES) {
      await decodeAfter(page, () => page.selectOption('#examples', example.id));
      assert.equal(await page.inputValue('#bounce-input'), example.text, example.id);
      assert.equal(await errorText(page), '', `${example.id}: no error`);
      const types = await page.locator('.recipient-card').evaluateAll((nodes) => nodes.map((n) => `${n.dataset.bounceType} ${n.dataset.outcome}`));
      const expected = EXPECTED[example.id];
      if (expected) {
        assert.deepEqual(types, expected, `${example.id}: recipients`);
        // the cards follow their texts (a provider's code waits for texts/<lang>-providers.json)
        await page.locator('.expl').first().waitFor({ timeout: TIMEOUT });
        assert.ok(await page.locator('.expl').count() >= 1, `${example.id}: explanations`);
      } else {
        assert.deepEqual(types, [], `${example.id}: no recipient`);
        const warning = decode(example.text, { lang: 'en' }).warnings[0].message;
        const notice = await page.textContent('.summary .notice');
        assert.ok(notice.includes(warning), `${example.id}: shows the warning "${warning}"`);
      }
    }
  });
});

test('3b. the Gmail example shows Google\'s advice with links to its sources', () => withPage('/?lang=en', async ({ page }) => {
  const example = EXAMPLES.find((e) => e.id === 'gmail');
  await decodeAfter(page, () => page.selectOption('#examples', 'gmail'));
  const provider = decode(example.text, { lang: 'en' }).recipients[0].provider;
  assert.equal(provider.name, 'Google');
  assert.ok(provider.sources.length >= 1, 'the decoder gives sources for Google');
  const advice = page.locator('.recipient-card .provider-advice');
  assert.equal((await advice.locator('.advice-text').textContent()).trim(), provider.advice);
  const links = await advice.locator('.provider-sources a').evaluateAll((nodes) => nodes.map((a) => ({
    href: a.getAttribute('href'), rel: a.getAttribute('rel'), text: a.textContent,
  })));
  const urls = provider.sources.filter((s) => /^https?:\/\//.test(s));
  assert.ok(urls.length >= 1 && links.length === urls.length, 'one link per http(s) source');
  for (const [i, link] of links.entries()) {
    assert.equal(link.text, urls[i]);
    assert.equal(new URL(link.href).href, new URL(urls[i]).href);
    assert.match(link.href, /^https?:\/\//);
    assert.equal(link.rel, 'noopener noreferrer');
  }
}));

test('4. bounce text is never interpreted as HTML', () => withPage('/', async ({ page }) => {
  const img = '<img src=x onerror="window.__xss=1">';
  const script = '<script>window.__xss=2</script>';
  const evil = `550 5.1.1 <eve@example.com>: ${img} Recipient address rejected: ${script} User unknown <b id="bold">x</b>`;
  await paste(page, evil);
  await page.waitForTimeout(300); // time for an injected handler to run
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  const injected = await page.evaluate(() => document.querySelectorAll(
    '#results img, #results script, #results b, #results iframe, #error *:not(p), #info *').length);
  assert.equal(injected, 0, 'no element was created from the input');
  assert.equal(await page.textContent('#highlight'), evil, 'the input is shown literally');
  const diagnostic = await page.textContent('.diagnostic');
  assert.ok(diagnostic.includes(img) && diagnostic.includes(script), 'the diagnostic is shown literally');
  assert.ok(await page.getByText(script, { exact: false }).first().isVisible());

  // The same through a file, where the markup sits in headers of the original message.
  const eml = dsnEmail().replace('Subject: Quarterly report', `Subject: ${img}${script}`);
  await openFile(page, 'evil.eml', Buffer.from(eml));
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  assert.equal(await page.evaluate(() => document.querySelectorAll('#results img, #results script').length), 0);
  assert.ok((await page.textContent('.details')).includes(`${img}${script}`));
}));

test('5. no request leaves the origin, and decoding makes none but whole text files', () => withPage('/', async ({ page, requests }) => {
  const origin = new URL(e2e.base).origin;
  for (const example of EXAMPLES) {
    await decodeAfter(page, () => page.selectOption('#examples', example.id));
  }
  assert.ok(requests.some((url) => url.endsWith('/pkg/bounce_decoder_bg.wasm')), 'the wasm was fetched');
  const foreign = requests.filter((url) => new URL(url).origin !== origin);
  assert.deepEqual(foreign, [], 'every request goes to the page origin');

  const count = requests.length;
  await page.fill('#bounce-input', '');
  await page.click('#bounce-input');
  await page.keyboard.type('452 4.2.2 <carol@example.org>: mailbox full', { delay: 5 });
  await page.waitForFunction(() => document.getElementById('results').getAttribute('aria-busy') === 'false'
    && document.querySelector('.recipient-card')?.textContent.includes('carol@example.org'), null, { timeout: TIMEOUT });
  assert.equal((await page.locator('.recipient-card').getAttribute('data-bounce-type')), 'soft');
  await paste(page, USER_UNKNOWN);
  await switchLanguage(page, 'de');
  // Later requests: only the explanations' text files, whole per language (ui/texts.js), and
  // the strings of the language switched to (i18n.js), when switched.
  const later = requests.slice(count).map((url) => new URL(url).pathname);
  assert.deepEqual(later.filter((p) => !TEXT_FILES.includes(p) && p !== '/i18n/de.js'), [], 'no request while typing and decoding but whole text files');
  assert.ok(later.includes('/i18n/de.js') && !later.includes('/i18n/en.js'), 'the German strings, when German was chosen');
}));

test('5b. the texts of the explanations come in whole files per language, the details when opened', () => withPage('/?lang=en', async ({ page, requests }) => {
  const paths = () => requests.map((url) => new URL(url).pathname);
  await paste(page, USER_UNKNOWN);
  const expected = explain('5.1.1', 'en');
  const expl = page.locator('.expl[data-code="5.1.1"]');
  await expl.locator('.expl-summary').waitFor({ timeout: TIMEOUT });
  assert.equal((await expl.locator('.expl-summary').textContent()).trim(), expected.summary);
  assert.ok((await expl.textContent()).includes(expected.action), 'the recommended action text');
  assert.equal((await expl.locator('table.breakdown tbody tr').last().locator('td').last().textContent()).trim(), expected.breakdown.at(-1).meaning);
  assert.ok(paths().includes('/texts/en.json'), 'the first texts were fetched');
  assert.ok(!paths().includes('/texts/en-details.json'), 'the details wait until a section is opened');
  assert.ok(!paths().includes('/texts/de.json'), 'the other language waits until it is chosen');

  // A section: its text arrives when it is opened, with the whole details file.
  const causes = expl.locator('details[data-section="causes"]');
  assert.equal((await causes.locator('summary').textContent()).trim(), ui('en', 'expl.causes'));
  await causes.locator('summary').click();
  await causes.locator('li').first().waitFor({ timeout: TIMEOUT });
  assert.equal((await causes.locator('li').first().textContent()).trim(), expected.causes[0]);
  await expl.locator('details[data-section="examples"] summary').click();
  assert.equal((await expl.locator('details[data-section="examples"] li code').first().textContent()), expected.examples[0]);
  assert.equal(paths().filter((p) => p === '/texts/en-details.json').length, 1, 'fetched once');

  // German: its own first file; the details again only when opened.
  await switchLanguage(page, 'de');
  const german = explain('5.1.1', 'de');
  await expl.locator('.expl-summary').waitFor({ timeout: TIMEOUT });
  assert.equal((await expl.locator('.expl-summary').textContent()).trim(), german.summary);
  assert.ok(!paths().includes('/texts/de-details.json'));
  await expl.locator('details[data-section="causes"] summary').click();
  await expl.locator('details[data-section="causes"] li').first().waitFor({ timeout: TIMEOUT });
  assert.equal((await expl.locator('details[data-section="causes"] li').first().textContent()).trim(), german.causes[0]);

  // Nothing asked for depends on the input: every request is a file of the site.
  for (const p of paths()) assert.ok(!p.includes('5.1.1') && !p.includes('bob'), p);
  const texts = paths().filter((p) => p.startsWith('/texts/'));
  assert.deepEqual(texts.filter((p) => !TEXT_FILES.includes(p)), []);
}));

test('5c. a provider\'s own code gets its texts from texts/<lang>-providers.json, asked for when an answer holds one', () => withPage('/?lang=en', async ({ page, requests }) => {
  const paths = () => requests.map((url) => new URL(url).pathname);
  await paste(page, USER_UNKNOWN);
  await page.locator('.expl[data-code="5.1.1"] .expl-summary').waitFor({ timeout: TIMEOUT });
  assert.ok(!paths().includes('/texts/en-providers.json'), 'an answer without a provider\'s code does not need the file');
  await paste(page, '554 5.7.1 192.0.2.9 rejected by cox: IP address blocked. AUP#CXBL');
  const expected = explain('CXBL', 'en');
  assert.ok(expected.provider && expected.summary, 'CXBL is a provider\'s code with texts');
  const expl = page.locator('.expl[data-code="CXBL"]');
  await expl.locator('.expl-summary').waitFor({ timeout: TIMEOUT });
  assert.equal((await expl.locator('.expl-summary').textContent()).trim(), expected.summary);
  // the registries' code of the same reply, from the other file
  assert.equal((await page.locator('.expl[data-code="5.7.1"] .expl-summary').textContent()).trim(), explain('5.7.1', 'en').summary);
  const causes = expl.locator('details[data-section="causes"]');
  await causes.locator('summary').click();
  await causes.locator('li').first().waitFor({ timeout: TIMEOUT });
  assert.equal((await causes.locator('li').first().textContent()).trim(), expected.causes[0]);
  assert.equal(paths().filter((p) => p === '/texts/en-providers.json').length, 1, 'fetched once');
}));

for (const [lang, other] of [['en', 'de'], ['de', 'en']]) {
  test(`5d. a first visit in ${lang} loads its own strings only, and the examples' texts when the menu is used`, () => withPage(`/?lang=${lang}`, async ({ page, requests }) => {
    const paths = () => requests.map((url) => new URL(url).pathname);
    await paste(page, USER_UNKNOWN);
    await page.locator('.recipient-card').waitFor({ timeout: TIMEOUT });
    assert.equal(await page.textContent('h1'), STRINGS[lang]['app.name']);
    assert.ok(paths().includes(`/i18n/${lang}.js`));
    assert.ok(!paths().includes(`/i18n/${other}.js`), `no ${other} strings`);
    assert.ok(!paths().includes('/examples.js'), 'no examples before the menu is used');
    // the menu lists the examples before their texts are there; choosing one loads them
    assert.equal(await page.locator('#examples option').count(), EXAMPLES.length + 1);
    await decodeAfter(page, () => page.selectOption('#examples', 'gmail'));
    assert.equal(await page.inputValue('#bounce-input'), EXAMPLES.find((e) => e.id === 'gmail').text);
    assert.equal(paths().filter((p) => p === '/examples.js').length, 1);
  }));
}

test('6. Ctrl+Enter decodes, and the permalink round-trips in the fragment only', async () => {
  const context = await e2e.browser.newContext({ locale: 'en-US', viewport: { width: 1200, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: e2e.base });
  const { page, problems } = await openPage('/?lang=en', { context });
  try {
    // Set the text without an input event: only Ctrl+Enter can decode it.
    await page.$eval('#bounce-input', (node, text) => { node.value = text; }, USER_UNKNOWN);
    await page.focus('#bounce-input');
    await decodeAfter(page, () => page.keyboard.press('Control+Enter'));
    assert.equal(await page.locator('.recipient-card').getAttribute('data-bounce-type'), 'hard');
    assert.equal(await page.inputValue('#bounce-input'), USER_UNKNOWN, 'Ctrl+Enter adds no line');

    const input = 'Müller & Söhne: 452 4.2.2 <jörg@example.org> mailbox full ✉\nsecond line ?a=b&c #hash +/=';
    await paste(page, input);
    await page.click('#copy-link');
    await page.waitForFunction(() => document.getElementById('info').textContent !== '');
    const shown = await page.inputValue('#link-output');
    const copied = await page.evaluate(() => navigator.clipboard.readText()).catch(() => shown);
    assert.equal(copied, shown);
    assert.equal(page.url(), shown, 'the address bar holds the link too');
    const link = new URL(shown);
    assert.equal(link.search, '?lang=en', 'the query keeps only the language');
    assert.match(link.hash, /^#input=[A-Za-z0-9_-]+$/);
    for (const word of ['ller', 'mailbox', 'example', '4.2.2']) {
      assert.ok(!link.search.includes(word) && !decodeURIComponent(link.search).includes(word));
    }

    await withPage(link.pathname + link.search + link.hash, async (other) => {
      assert.equal(await other.page.inputValue('#bounce-input'), input);
      assert.equal(await other.page.locator('.recipient-card').getAttribute('data-bounce-type'), 'soft');
      assert.equal(await errorText(other.page), '');
    });

    // Editing the input drops the stale link from the address bar.
    await page.fill('#bounce-input', `${input} edited`);
    assert.equal(await page.evaluate(() => location.hash), '');
    // A damaged link is reported, not decoded.
    for (const bad of ['%%%', '_w']) { // not base64url; not UTF-8
      const broken = await openPage(`/#input=${bad}`);
      assert.equal(await broken.page.inputValue('#bounce-input'), '');
      assert.notEqual(await errorText(broken.page), '', `#input=${bad} is reported`);
      await broken.context.close();
    }
    assertNoProblems(problems);
  } finally {
    await context.close();
  }
});

test('7. an .eml file, opened or dropped, shows one row per recipient', () => withPage('/', async ({ page }) => {
  const eml = dsnEmail();
  await openFile(page, 'bounce.eml', Buffer.from(eml));
  await assertTwoRecipients(page);
  assert.ok((await page.inputValue('#bounce-input')).includes('Final-Recipient: rfc822; erin@example.net'));
  assert.match(await page.textContent('#info'), /bounce\.eml/);
  assert.match(await page.textContent('#live-status'), /^2 recipients: /);
  // The CRLF file is highlighted at its byte offsets.
  const marks = await page.locator('#highlight mark').allTextContents();
  assert.ok(marks.includes('dave@example.org') && marks.includes('erin@example.net'));

  await page.click('#clear-button');
  await dropFile(page, 'dropped.eml', Buffer.from(eml));
  await assertTwoRecipients(page);

  // A Latin-1 file: shown with its umlauts, and the marks still land on the evidence
  // (the decoder counts offsets in its lossy UTF-8 reading of such a file).
  const latin1 = Buffer.from([
    'From: MAILER-DAEMON@example.com',
    'Subject: Unzustellbar: Grüße',
    'Content-Type: text/plain; charset=iso-8859-1',
    '',
    'Die Nachricht an Jürgen <juergen@example.org> konnte nicht zugestellt werden.',
    '550 5.1.1 <juergen@example.org>: Recipient address rejected: User unknown',
    '',
  ].join('\r\n'), 'latin1');
  await openFile(page, 'latin1.eml', latin1);
  assert.ok((await page.inputValue('#bounce-input')).includes('Jürgen <juergen@example.org>'));
  const latinMarks = await page.locator('#highlight mark').allTextContents();
  for (const part of ['juergen@example.org', '550', '5.1.1']) assert.ok(latinMarks.includes(part), `${part} is marked`);
  assert.ok((await page.textContent('#highlight')).includes('Grüße'));

  // Over the 5 MB cap: refused with a clear message.
  await page.setInputFiles('#file-input', { name: 'huge.eml', mimeType: 'message/rfc822', buffer: Buffer.alloc(5_100_000, 'a') });
  await page.waitForFunction(() => document.getElementById('error').textContent.includes('5 MB'));
  assert.match(await errorText(page), /huge\.eml.*5 MB/);
}));

test('8. a 3 MB input decodes without freezing the page', () => withPage('/', async ({ page }) => {
  const filler = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.\n';
  const tail = '452 4.2.2 <last@example.org>: mailbox full\n';
  const size = filler.repeat(Math.ceil(3_000_000 / filler.length)).length + tail.length;
  assert.ok(size > 3_000_000);
  // Watch the main thread: the longest gap between timer ticks while decoding.
  await page.evaluate(() => {
    window.__maxGap = 0;
    let last = performance.now();
    window.__ticker = setInterval(() => {
      const now = performance.now();
      window.__maxGap = Math.max(window.__maxGap, now - last);
      last = now;
    }, 20);
  });
  // A paste: the text lands in the box at once, with one input event. (page.fill
  // would type it through the input pipeline, which takes minutes for 3 MB.)
  const started = Date.now();
  const before = await decodedCount(page);
  await page.evaluate(({ filler, tail }) => {
    const box = document.getElementById('bounce-input');
    box.value = filler.repeat(Math.ceil(3_000_000 / filler.length)) + tail;
    box.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
  }, { filler, tail });
  await waitForDecode(page, before);
  const elapsed = Date.now() - started;
  const maxGap = await page.evaluate(() => { clearInterval(window.__ticker); return window.__maxGap; });
  console.log(`# 3 MB input: decoded and shown in ${elapsed} ms, longest main-thread pause ${Math.round(maxGap)} ms`);
  assert.ok(elapsed < 15_000, `took ${elapsed} ms`);
  assert.ok(maxGap < 5_000, `the page froze for ${maxGap} ms`);
  // The recipient at the very end was found: the whole input was read.
  const card = page.locator('.recipient-card');
  assert.equal(await card.count(), 1);
  assert.ok((await card.textContent()).includes('last@example.org'));
  // The input view shows the lines around the evidence, not megabytes of filler.
  const marks = await page.locator('#highlight mark').allTextContents();
  assert.ok(marks.includes('last@example.org') && marks.includes('4.2.2'));
  assert.ok(await page.locator('#highlight .omitted').count() >= 1);
  assert.ok(await page.evaluate(() => document.getElementById('highlight').textContent.length) < 20_000);
  // Still responsive: a key press gets through and decodes again.
  const t0 = Date.now();
  assert.equal(await page.evaluate(() => 1 + 1), 2);
  await decodeAfter(page, async () => {
    await page.focus('#bounce-input');
    await page.keyboard.press('Control+End');
    await page.keyboard.type('x');
  });
  assert.ok(Date.now() - t0 < 15_000);
  assert.equal(await errorText(page), '');
}));

test('8b. a paste of megabytes: decoded whole, the box shows its beginning, the page does not stop', () => withPage('/?lang=en', async ({ page }) => {
  const before = await decodedCount(page);
  // A real paste: the paste event with the text on its clipboardData. The page takes it
  // over (the browser would lay out megabytes in the box), so nothing else is simulated.
  const outcome = await page.evaluate(() => {
    const filler = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.\n';
    const text = filler.repeat(Math.ceil(4_000_000 / filler.length)) + '452 4.2.2 <last@example.org>: mailbox full\n';
    const data = new DataTransfer();
    data.setData('text/plain', text);
    window.__longest = 0;
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration); })
      .observe({ type: 'longtask' });
    const box = document.getElementById('bounce-input');
    const taken = !box.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    return { taken, length: text.length };
  });
  assert.ok(outcome.taken, 'the page took the paste over');
  await waitForDecode(page, before);
  const box = await page.inputValue('#bounce-input');
  assert.ok(box.length < 20_000 && box.includes('of the pasted text are not shown in this box, but decoded'), `${box.length} chars in the box`);
  const card = page.locator('.recipient-card');
  assert.equal(await card.count(), 1);
  assert.ok((await card.textContent()).includes('last@example.org'), 'the end of the paste was decoded');
  const marks = await page.locator('#highlight mark').allTextContents();
  assert.ok(marks.includes('last@example.org'), 'the evidence is marked: the worker handed back the bytes');
  console.log(`# 4 MB paste: longest main-thread task ${Math.round(await page.evaluate(() => window.__longest))} ms`);
  // A link cannot carry it.
  await page.click('#copy-link');
  assert.match(await errorText(page), /too long|zu lang/i);
  // Editing the box decodes what it shows.
  await decodeAfter(page, async () => {
    await page.focus('#bounce-input');
    await page.keyboard.press('Control+Home');
    await page.keyboard.type('550 5.1.1 <first@example.org>: user unknown\n');
  });
  assert.ok((await page.locator('.recipient-card').first().textContent()).includes('first@example.org'));
}));

test('9. the <bounce-decoder> element and the widget.html iframe', async () => {
  const context = await e2e.browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  const { problems } = watchPage(page);
  try {
    await page.goto(`${e2e.base}/__test__/embed.html`);
    // The element decodes its text content in German and fires bounce-decoded.
    await page.waitForFunction(() => window.__events.length > 0, null, { timeout: TIMEOUT });
    const event = await page.evaluate(() => window.__events[0]);
    assert.equal(event.lang, 'de');
    assert.equal(event.recipients[0].reason, 'user_unknown');
    // its explanations have their texts (from texts/de*.json, as www/pkg has none)
    const expectedDe = explain('5.1.1', 'de');
    const explained = event.explanations.find((e) => e.code === '5.1.1');
    assert.equal(explained.summary, expectedDe.summary);
    assert.deepEqual(explained.causes, expectedDe.causes);
    assert.deepEqual(explained.breakdown, expectedDe.breakdown);
    const shadow = await page.evaluate(() => document.getElementById('element').shadowRoot.textContent);
    assert.ok(shadow.includes(label('de', 'outcomes', 'bad_address')));
    assert.ok(shadow.includes(label('de', 'reasons', 'user_unknown')));
    assert.ok(shadow.includes('5.1.1'));
    const styled = await page.evaluate(() => getComputedStyle(document.getElementById('element').shadowRoot.querySelector('.badge')).fontWeight);
    assert.equal(styled, '700', 'the shadow styles apply under the CSP');
    // The value property replaces the text content.
    await page.evaluate(() => { document.getElementById('element').value = '250 2.0.0 OK queued'; });
    await page.waitForFunction(() => window.__events.length > 1);
    assert.equal(await page.evaluate(() => window.__events[1].recipients[0].bounce_type), 'none');

    // The iframe: announce, then answer a decode request by postMessage.
    await page.waitForFunction(() => window.__messages.some((m) => m.type === 'bounce-decoder:ready'), null, { timeout: TIMEOUT });
    await page.evaluate((text) => {
      document.getElementById('frame').contentWindow.postMessage({ type: 'bounce-decoder:decode', text, lang: 'en' }, '*');
    }, '421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred <img src=x onerror="window.__xss=1">');
    await page.waitForFunction(() => window.__messages.some((m) => m.type === 'bounce-decoder:result'), null, { timeout: TIMEOUT });
    const result = await page.evaluate(() => window.__messages.find((m) => m.type === 'bounce-decoder:result').report);
    assert.equal(result.lang, 'en');
    assert.equal(result.recipients[0].bounce_type, 'soft');
    assert.ok(result.explanations.length > 0);
    for (const e of result.explanations) assert.deepEqual(e, explain(e.code, 'en'), `${e.code}: the whole explanation`);
    const frame = page.frame({ url: /widget\.html/ });
    assert.ok((await frame.evaluate(() => document.getElementById('decoder').shadowRoot.textContent)).includes(label('en', 'outcomes', 'sending_refused')));
    assert.equal(await frame.evaluate(() => document.getElementById('decoder').shadowRoot.querySelectorAll('img').length), 0);
    assert.equal(await frame.evaluate(() => window.__xss), undefined);
    assertNoProblems(problems);
  } finally {
    await context.close();
  }
});

test('10. a crash inside the decoder is reported and the page recovers', async () => {
  // Serve a glue module whose decode() traps like a panicking wasm instance does
  // (panic = abort: a WebAssembly.RuntimeError) on one trigger word, and loops forever on
  // another. The decoder runs in a worker: the page must show the internal error or the
  // time limit, replace the worker with a fresh one and keep working.
  const context = await e2e.browser.newContext({ locale: 'en-US' });
  const glue = await readFile(path.join(WWW, 'pkg/bounce_decoder.js'), 'utf8');
  const head = 'export function decode(input, options) {';
  assert.ok(glue.includes(head));
  const trapping = glue.replace(head, `${head}
    if (String(input).includes('TRIGGER-TRAP')) throw new WebAssembly.RuntimeError('unreachable');
    if (String(input).includes('TRIGGER-HANG')) for (;;) { /* a decode that never ends */ }`);
  await context.route(/\/pkg\/bounce_decoder\.js$/, (route) => route.fulfill({ contentType: 'text/javascript', body: trapping }));
  const workers = [];
  context.on('page', (p) => p.on('worker', (worker) => workers.push(worker.url())));
  const { page, problems } = await openPage('/', { context });
  // Playwright reports a worker a little after it started.
  const workersStarted = async (n) => {
    for (let i = 0; i < 100 && workers.length < n; i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
    return workers.length;
  };
  try {
    assert.equal(await workersStarted(1), 1, 'the page decodes in a worker');
    assert.ok(workers[0].endsWith('/decode-worker.js'));
    await paste(page, `TRIGGER-TRAP ${USER_UNKNOWN}`);
    assert.match(await errorText(page), /internal error/i);
    assert.equal(await page.locator('.recipient-card').count(), 0);
    assert.equal(await workersStarted(2), 2, 'a fresh worker was started');
    // The next input goes to the fresh worker.
    await paste(page, USER_UNKNOWN);
    assert.equal(await errorText(page), '');
    assert.equal(await page.locator('.recipient-card').getAttribute('data-bounce-type'), 'hard');
    assert.ok(await page.locator('.expl[data-code="5.1.1"]').count() === 1);

    // A decode that never ends: stopped after the time limit (10 s for a short input), while
    // the page stays usable; the worker is replaced.
    const started = Date.now();
    const before = await decodedCount(page);
    await page.fill('#bounce-input', `TRIGGER-HANG ${USER_UNKNOWN}`);
    await page.locator('#decoding').waitFor({ state: 'visible', timeout: 5_000 });
    assert.match(await page.textContent('#decoding'), /^Decoding \d+ B…$/);
    assert.equal(await page.evaluate(() => 1 + 1), 2, 'the page answers meanwhile');
    await page.waitForFunction((n) => Number(document.getElementById('results').dataset.decoded) > n, before, { timeout: 30_000 });
    assert.ok(Date.now() - started >= 9_000, 'not stopped before the time limit');
    assert.match(await errorText(page), /longer than 10 seconds/);
    assert.ok(await page.locator('#decoding').isHidden());
    assert.equal(await workersStarted(3), 3, 'the hanging worker was replaced');
    await paste(page, USER_UNKNOWN);
    assert.equal(await errorText(page), '');
    assert.equal(await page.locator('.recipient-card').getAttribute('data-bounce-type'), 'hard');
    assertNoProblems(problems);
  } finally {
    await context.close();
  }
});
