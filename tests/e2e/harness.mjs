// What the browser tests share: Debian's Chromium through playwright-core, www/ served by
// scripts/serve-www.mjs, the wasm package in Node for expected values, and the helpers that
// drive the page. Not a test file itself (node --test runs *.test.mjs).
//
//   const e2e = useBrowser({ timeout: 20_000 });   // before(): serve www/, launch; after(): close
//   const { openPage, withPage, paste } = e2e;     // e2e.base and e2e.browser once before() ran

import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { chromium } from 'playwright-core';
import { serveWww, WWW } from '../../scripts/serve-www.mjs';

export { WWW };

/** Headless Chromium: /usr/bin/chromium, or the one CHROMIUM names. */
export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/**
 * The page's wasm package, instantiated in Node, plus `label(lang, group, key)`: the label the
 * decoder gives a bounce type, reason, action or kind (fails the test if there is none).
 * www/pkg is built without the knowledge base's texts, as the page loads them from
 * www/texts/: explain(), explainAll() and decode() here merge those files in, so they give
 * what the page shows once its texts have arrived.
 */
export async function loadDecoder() {
  const pkg = await import('../../www/pkg/bounce_decoder.js');
  pkg.initSync({ module: await readFile(path.join(WWW, 'pkg/bounce_decoder_bg.wasm')) });
  const LABELS = { en: pkg.labels('en'), de: pkg.labels('de') };
  const label = (lang, group, key) => {
    const item = Object.hasOwn(LABELS[lang][group], key) ? LABELS[lang][group][key] : undefined;
    assert.ok(item, `no ${lang} label for ${group}.${key}`);
    return item.label;
  };
  const TEXTS = {};
  for (const lang of ['en', 'de']) {
    const read = async (name) => JSON.parse(await readFile(path.join(WWW, 'texts', name), 'utf8')).explanations;
    TEXTS[lang] = [await read(`${lang}.json`), await read(`${lang}-providers.json`), await read(`${lang}-details.json`)];
  }
  const { mergeTexts } = await import('../../www/ui/texts.js');
  const withTexts = (e, lang) => {
    if (e) for (const file of TEXTS[lang || 'en']) mergeTexts([e], { explanations: file });
    return e;
  };
  return {
    ...pkg,
    label,
    explain: (code, lang) => withTexts(pkg.explain(code, lang), lang),
    explainAll: (lang) => pkg.explainAll(lang).map((e) => withTexts(e, lang)),
    decode: (input, options) => {
      const report = pkg.decode(input, options);
      for (const e of report.explanations) withTexts(e, report.lang);
      return report;
    },
  };
}

/**
 * Collects a page's requests and its problems: uncaught errors and console errors (CSP
 * violations land there).
 */
export function watchPage(page) {
  const requests = [];
  const problems = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => { if (message.type() === 'error') problems.push(`console: ${message.text()}`); });
  return { requests, problems };
}

export function assertNoProblems(problems) {
  assert.deepEqual(problems, [], 'the page logged errors');
}

/**
 * Helpers for the page in www/, waiting at most `timeout` ms for a decode. `paste` says how
 * paste() puts text into the box: 'event' sets the value and sends one input event of type
 * insertFromPaste; 'fill' goes through page.fill.
 */
export function pageHelpers({ timeout = 20_000, paste: pasteWith = 'event' } = {}) {
  const decodedCount = async (page) => Number(await page.getAttribute('#results', 'data-decoded'));

  /** Waits until the results were updated after `since` decodes and are no longer busy. */
  async function waitForDecode(page, since) {
    await page.waitForFunction((n) => {
      const results = document.getElementById('results');
      return Number(results.dataset.decoded) > n && results.getAttribute('aria-busy') === 'false';
    }, since, { timeout });
  }

  /** Runs `action` and waits for the decode it causes. */
  async function decodeAfter(page, action) {
    const before = await decodedCount(page);
    await action();
    await waitForDecode(page, before);
  }

  /** Puts text into the input box and waits for its result. */
  function paste(page, text) {
    if (pasteWith === 'fill') return decodeAfter(page, () => page.fill('#bounce-input', text));
    return decodeAfter(page, () => page.evaluate((value) => {
      const box = document.getElementById('bounce-input');
      box.value = value;
      box.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
    }, text));
  }

  /** Opens a file through the "Open .eml file…" input and waits for its result. */
  function openFile(page, name, buffer) {
    return decodeAfter(page, () => page.setInputFiles('#file-input', { name, mimeType: 'message/rfc822', buffer }));
  }

  /** Drops a file on the input box and waits for its result. */
  function dropFile(page, name, buffer) {
    return decodeAfter(page, () => page.evaluate(({ name, bytes }) => {
      const data = new DataTransfer();
      data.items.add(new File([new Uint8Array(bytes)], name, { type: 'message/rfc822' }));
      document.getElementById('bounce-input').dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, { name, bytes: [...buffer] }));
  }

  /** Clicks the language switch and waits for the results in that language. */
  function switchLanguage(page, lang) {
    return decodeAfter(page, () => page.click(`button[data-lang="${lang}"]`));
  }

  return { decodedCount, waitForDecode, decodeAfter, paste, openFile, dropFile, switchLanguage };
}

/**
 * Registers before() and after() hooks that serve www/ (with the extra `pages`) and launch
 * the browser; returns the pageHelpers() with `base` (the server's address, no slash),
 * `browser`, openPage() and withPage().
 */
export function useBrowser({ pages, ...options } = {}) {
  let server;
  const e2e = { ...pageHelpers(options), base: undefined, browser: undefined, openPage, withPage };

  before(async () => {
    server = await serveWww({ pages });
    e2e.base = server.base;
    e2e.browser = await launchBrowser();
  });

  after(async () => {
    await e2e.browser?.close();
    await server?.close();
  });

  /**
   * Opens a page (in a fresh context, or in `context`) and waits for the first decode (or
   * the empty state); resolves to { context, page, requests, problems }.
   */
  async function openPage(urlPath = '/', { locale = 'en-US', colorScheme = 'light', width = 1200, context } = {}) {
    const ctx = context ?? await e2e.browser.newContext({ locale, colorScheme, viewport: { width, height: 900 } });
    const page = await ctx.newPage();
    const { requests, problems } = watchPage(page);
    await page.goto(e2e.base + urlPath);
    await e2e.waitForDecode(page, 0);
    return { context: ctx, page, requests, problems };
  }

  /**
   * openPage(), then `body({ context, page, requests, problems })`; once it passed, asserts
   * that the page logged no errors. Closes the context in any case.
   */
  async function withPage(urlPath, options, body) {
    if (typeof options === 'function') [options, body] = [{}, options];
    const opened = await openPage(urlPath, options);
    try {
      await body(opened);
      assertNoProblems(opened.problems);
    } finally {
      await opened.context.close();
    }
  }

  return e2e;
}
