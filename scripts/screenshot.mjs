// Regenerates docs/screenshot.png, the picture of the page in README.md: a 5.1.1 reply
// pasted into the box, decoded, in the light theme, English, 1280 px wide.
//
//   bash scripts/build-wasm.sh            # www/pkg must be built first
//   node scripts/screenshot.mjs           # serves www/ itself on a free port of 127.0.0.1
//   node scripts/screenshot.mjs http://127.0.0.1:8099/   # or shoots a page already served
//
// Needs playwright-core (npm install) and Debian's chromium (/usr/bin/chromium, or set CHROMIUM).

import http from 'node:http';
import path from 'node:path';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WWW = path.join(ROOT, 'www');
const OUT = path.join(ROOT, 'docs', 'screenshot.png');
const INPUT = '550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown in virtual mailbox table';
const VIEWPORT = { width: 1280, height: 900 };
// The shot ends below the first explanation card (input, summary, one code explained):
// the whole page is about 3700 px tall, too much for a README picture.
const MAX_HEIGHT = 2400;

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
};

/** Serves www/ on a free loopback port; resolves to [base URL, server]. */
async function serveWww() {
  await stat(path.join(WWW, 'pkg', 'bounce_decoder_bg.wasm')).catch(() => {
    throw new Error('www/pkg is missing: run `bash scripts/build-wasm.sh` first');
  });
  const server = http.createServer(async (req, res) => {
    let pathname = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    if (pathname.endsWith('/')) pathname += 'index.html';
    const file = path.join(WWW, path.normalize(pathname));
    if (!file.startsWith(WWW)) return res.writeHead(403).end();
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'Content-Type': MIME[path.extname(file)] || 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return [`http://127.0.0.1:${server.address().port}/`, server];
}

const [base, server] = process.argv[2] ? [process.argv[2], null] : await serveWww();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
});
try {
  const context = await browser.newContext({
    viewport: VIEWPORT, deviceScaleFactor: 1, locale: 'en-US', colorScheme: 'light',
  });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => { if (message.type() === 'error') problems.push(message.text()); });
  await page.goto(base);
  // the decoder is ready once the first (empty) decode has been shown
  const decoded = () => page.getAttribute('#results', 'data-decoded').then(Number);
  const waitFor = (n) => page.waitForFunction((count) => {
    const results = document.getElementById('results');
    return Number(results.dataset.decoded) > count && results.getAttribute('aria-busy') === 'false';
  }, n, { timeout: 20_000 });
  await waitFor(0);
  const before = await decoded();
  await page.fill('#bounce-input', INPUT);
  await waitFor(before);
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
} finally {
  await browser.close();
  server?.close();
}
