// Accessibility: axe-core (npm) runs on the page in each of its states (empty, results,
// dark theme, German, the batch table) and on widget.html, and any violation fails.
// axe is evaluated through the browser's DevTools protocol, so the pages keep their strict
// CSP (no inline script is added). Run: node --test tests/e2e/

import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { useBrowser, watchPage, assertNoProblems } from './harness.mjs';

const require = createRequire(import.meta.url);
const AXE = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
const SAMPLES = fileURLToPath(new URL('../corpus/samples/', import.meta.url));
const TIMEOUT = 30_000;
const e2e = useBrowser({ timeout: TIMEOUT, paste: 'fill' });
const { withPage, paste, openFile } = e2e;

/** Runs axe on the page (or a frame); fails with every violation, its rule, help and nodes. */
async function assertAccessible(target, state) {
  await target.evaluate(AXE);
  const result = await target.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const problems = result.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join('\n    ')}`);
  assert.deepEqual(problems, [], `axe, ${state}:\n${problems.join('\n')}`);
  assert.ok(result.passes.length > 10, `axe ran its rules (${result.passes.length} passed)`);
}

const dsn = () => readFile(path.join(FIXTURES, 'multi-recipient-dsn.eml'));

test('axe: the empty page', () => withPage('/?lang=en', async ({ page }) => {
  await assertAccessible(page, 'empty');
}));

test('axe: results, with a row opened and a recipient marked', () => withPage('/?lang=en', async ({ page }) => {
  await openFile(page, 'multi-recipient-dsn.eml', await dsn());
  await page.locator('.recipient-card .row-more summary').first().click();
  await page.locator('.select-recipient').first().click();
  await assertAccessible(page, 'results');
}));

test('axe: results in the dark theme', () => withPage('/?lang=en', { colorScheme: 'dark' }, async ({ page }) => {
  await openFile(page, 'multi-recipient-dsn.eml', await dsn());
  await page.locator('.recipient-card .row-more summary').first().click();
  await assertAccessible(page, 'dark (system)');
  await page.click('#theme-toggle'); // light, chosen
  await page.click('#theme-toggle'); // dark, chosen
  assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
  await assertAccessible(page, 'dark (chosen)');
}));

test('axe: the German page with results', () => withPage('/?lang=de', { locale: 'de-DE' }, async ({ page }) => {
  await paste(page, '550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown in virtual mailbox table');
  assert.equal(await page.getAttribute('html', 'lang'), 'de');
  await assertAccessible(page, 'German');
}));

test('axe: the batch table, light and dark', () => withPage('/?lang=en', async ({ page }) => {
  const names = ['lhost-exim-01.eml', 'lhost-postfix-02.eml', 'lhost-gmail-19.eml'];
  const files = await Promise.all(names.map(async (name) => ({ name, mimeType: 'message/rfc822', buffer: await readFile(path.join(SAMPLES, name)) })));
  files.push({ name: 'too-large.eml', mimeType: 'message/rfc822', buffer: Buffer.alloc(5_100_000, 0x41) });
  await page.setInputFiles('#file-input', files);
  await page.waitForSelector('section.batch[data-state="done"]', { timeout: TIMEOUT });
  await page.click('button[data-sort="reason"]');
  await assertAccessible(page, 'batch');
  await page.click('#theme-toggle');
  await assertAccessible(page, 'batch, other theme');
}));

test('axe: widget.html, empty and with results, in both languages', async () => {
  for (const [lang, colorScheme] of [['en', 'light'], ['de', 'dark']]) {
    const context = await e2e.browser.newContext({ locale: lang, colorScheme, viewport: { width: 360, height: 700 } });
    try {
      const page = await context.newPage();
      const { problems } = watchPage(page);
      await page.goto(`${e2e.base}/widget.html`);
      await page.waitForFunction(() => customElements.get('bounce-decoder') !== undefined, null, { timeout: TIMEOUT });
      await assertAccessible(page, `widget ${lang}, empty`);
      // as the frame-script does for a request: the language, then the text
      const text = (await dsn()).toString('utf8');
      await page.evaluate(async ({ lang: l, text: value }) => {
        document.documentElement.lang = l;
        const el = document.getElementById('decoder');
        el.setAttribute('lang', l);
        el.value = value;
        await el.updateComplete;
      }, { lang, text });
      assert.ok((await page.evaluate(() => document.getElementById('decoder').report.recipients.length)) === 3);
      await assertAccessible(page, `widget ${lang}, results`);
      assertNoProblems(problems);
    } finally {
      await context.close();
    }
  }
});
