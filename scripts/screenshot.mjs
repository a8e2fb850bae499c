// Regenerates docs/screenshot.png, the picture of the page in README.md: a 5.1.1 reply
// pasted into the box, decoded, in the light theme, English, 1280 px wide; and
// docs/batch.png: the batch table of four corpus samples, one of them too large.
//
//   bash scripts/build-wasm.sh            # www/pkg must be built first
//   node scripts/screenshot.mjs           # serves www/ itself on a free port of 127.0.0.1
//   node scripts/screenshot.mjs http://127.0.0.1:8099/   # or shoots a page already served
//
// Needs playwright-core (npm install) and Debian's chromium (/usr/bin/chromium, or set CHROMIUM).

import path from 'node:path';
import { mkdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { serveWww } from './serve-www.mjs';
import { launchBrowser, pageHelpers, watchPage } from '../tests/e2e/harness.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = path.join(ROOT, 'docs', 'screenshot.png');
const BATCH_OUT = path.join(ROOT, 'docs', 'batch.png');
const INPUT = '550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown in virtual mailbox table';
const VIEWPORT = { width: 1280, height: 900 };
// The shot ends below the first explanation card (input, summary, one code explained):
// the whole page is about 3700 px tall, too much for a README picture.
const MAX_HEIGHT = 2400;

const server = process.argv[2] ? null : await serveWww();
const base = process.argv[2] ?? `${server.base}/`;
const browser = await launchBrowser();
const { waitForDecode, paste } = pageHelpers({ timeout: 20_000, paste: 'fill' });
try {
  const context = await browser.newContext({
    viewport: VIEWPORT, deviceScaleFactor: 1, locale: 'en-US', colorScheme: 'light',
  });
  const page = await context.newPage();
  const { problems } = watchPage(page);
  await page.goto(base);
  // the decoder is ready once the first (empty) decode has been shown
  await waitForDecode(page, 0);
  await paste(page, INPUT);
  await page.locator('.recipient-card[data-bounce-type="hard"]').waitFor({ timeout: 20_000 });
  if (problems.length) throw new Error(`the page logged errors:\n${problems.join('\n')}`);
  // no text cursor blinking in the box
  await page.locator('#bounce-input').blur();

  const [pageHeight, cardBottom] = await page.evaluate(() => {
    const card = document.querySelector('.expl');
    const bottom = card ? card.getBoundingClientRect().bottom + window.scrollY + 8 : Infinity;
    return [document.documentElement.scrollHeight, Math.ceil(bottom)];
  });
  const height = Math.min(pageHeight, cardBottom, MAX_HEIGHT);
  await mkdir(path.dirname(OUT), { recursive: true });
  await page.screenshot({ path: OUT, fullPage: true, clip: { x: 0, y: 0, width: VIEWPORT.width, height } });
  console.log(`${path.relative(ROOT, OUT)}: ${VIEWPORT.width}x${height} (the page is ${pageHeight} px tall)`);

  // the batch table
  const samples = ['lhost-exim-01.eml', 'lhost-postfix-02.eml', 'lhost-gmail-19.eml'];
  const files = await Promise.all(samples.map(async (name) => ({
    name, mimeType: 'message/rfc822', buffer: await readFile(path.join(ROOT, 'tests', 'corpus', 'samples', name)),
  })));
  files.push({ name: 'too-large.eml', mimeType: 'message/rfc822', buffer: Buffer.alloc(5_100_000, 0x41) });
  await page.setInputFiles('#file-input', files);
  await page.waitForSelector('section.batch[data-state="done"]', { timeout: 20_000 });
  if (problems.length) throw new Error(`the page logged errors:\n${problems.join('\n')}`);
  await page.locator('section.batch').screenshot({ path: BATCH_OUT });
  console.log(`${path.relative(ROOT, BATCH_OUT)}: the batch table`);
} finally {
  await browser.close();
  await server?.close();
}
