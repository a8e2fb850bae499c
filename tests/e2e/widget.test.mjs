// End-to-end tests of the helpdesk widget (www/widget.html in an iframe) and of the
// <bounce-decoder> element under a host page's CSP, in headless Chromium.
//
// The host pages exist only for the tests (served next to www/). A "foreign" frame is
// another frame of the host page: same-origin with the host, or sandboxed (an opaque
// origin); both try to make the widget decode their own bounce and to read its answers.
// Run: node --test tests/e2e/

import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { STRINGS } from './strings.mjs';
import { useBrowser, loadDecoder, watchPage, assertNoProblems } from './harness.mjs';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
const ZENDESK = fileURLToPath(new URL('../../helpdesk/zendesk/', import.meta.url));
const { label } = await loadDecoder();
const TIMEOUT = 20_000;

const HOST_CSP = "default-src 'none'; script-src 'self'; frame-src 'self'; img-src data:; base-uri 'none'";
const js = (body) => ['text/javascript; charset=utf-8', body];
const html = (csp, body) => ['text/html; charset=utf-8', `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>test host</title>
<meta http-equiv="Content-Security-Policy" content="${csp}">
<link rel="icon" href="data:,"></head><body>${body}</body></html>`];

const PAGES = {
  // The host: the widget first (frames[0]), then two foreign frames. ?origins=… is handed on
  // to the widget's URL; the host sizes the frame to the height the widget reports.
  '/__test__/host.html': html(HOST_CSP, '<script src="/__test__/host.js"></script>'),
  '/__test__/host.js': js(`
window.__fromWidget = [];
window.__fromForeign = [];
window.__asking = new Set();
const params = new URLSearchParams(location.search);
const widget = document.createElement('iframe');
widget.id = 'widget';
widget.title = 'Bounce decoder';
widget.style.border = '0';
widget.style.width = '320px';
widget.style.height = '150px';
widget.src = '/widget.html' + (params.has('origins') ? '?origins=' + encodeURIComponent(params.get('origins')) : '');
document.body.append(widget);
for (const [id, sandbox] of [['sibling', null], ['sandboxed', 'allow-scripts']]) {
  const frame = document.createElement('iframe');
  frame.id = id;
  frame.title = id;
  if (sandbox) frame.setAttribute('sandbox', sandbox);
  frame.src = '/__test__/foreign.html';
  document.body.append(frame);
}
window.addEventListener('message', (event) => {
  if (event.source === widget.contentWindow) {
    window.__fromWidget.push(event.data);
    if (event.data.type === 'bounce-decoder:height') widget.style.height = event.data.height + 'px';
  } else if (event.data && event.data.type === 'foreign:received') {
    window.__fromForeign.push(event.data);
  } else if (event.data && event.data.type === 'foreign:asked') {
    for (const id of ['sibling', 'sandboxed']) {
      if (event.source === document.getElementById(id).contentWindow) window.__asking.add(id);
    }
  }
});
window.__ask = (id, text, lang) => widget.contentWindow.postMessage({ type: 'bounce-decoder:decode', id, text, lang }, location.origin);
`),
  '/__test__/foreign.html': html("default-src 'none'; script-src 'self'; img-src data:", '<script src="/__test__/foreign.js"></script>'),
  // A frame that asks the widget (its sibling, parent.frames[0]) to decode its own bounce,
  // again and again, and tells the host every message it receives.
  '/__test__/foreign.js': js(`
const widget = parent.frames[0];
window.addEventListener('message', (event) => {
  if (event.data && event.data.type && event.data.type.startsWith('bounce-decoder:')) {
    parent.postMessage({ type: 'foreign:received', data: event.data }, '*');
  }
});
const attack = () => {
  widget.postMessage({ type: 'bounce-decoder:decode', id: 'foreign', text: '550 5.1.1 <victim@example.com>: User unknown', lang: 'en' }, '*');
  parent.postMessage({ type: 'foreign:asked' }, '*');
};
attack();
setInterval(attack, 50);
`),
  // The element on pages whose CSP forbids WebAssembly (no 'wasm-unsafe-eval').
  '/__test__/nowasm.html': html("default-src 'none'; script-src 'self'; img-src data:", `
<bounce-decoder id="en" lang="en">550 5.1.1 &lt;bob@example.com&gt;: User unknown</bounce-decoder>
<bounce-decoder id="de" lang="de">550 5.1.1 &lt;bob@example.com&gt;: User unknown</bounce-decoder>
<script src="/__test__/nowasm.js" type="module"></script>`),
  '/__test__/nowasm.js': js(`
window.__errors = [];
document.addEventListener('bounce-error', (e) => window.__errors.push(e.target.id + ': ' + e.detail.message));
await import('/widget.js');
`),
};

// The Zendesk example app's assets, served as the app's own origin would serve them.
for (const [name, type] of [['iframe.html', 'text/html; charset=utf-8'], ['main.js', 'text/javascript; charset=utf-8'], ['main.css', 'text/css; charset=utf-8']]) {
  PAGES[`/__zendesk__/${name}`] = [type, await readFile(path.join(ZENDESK, 'assets', name))];
}

const e2e = useBrowser({ timeout: TIMEOUT, pages: PAGES });

/** Opens the host page; waits for the widget's ready message (or, if it is not for this host, its module). */
async function openHost(query = '', { ready = true } = {}) {
  const context = await e2e.browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  const watched = watchPage(page);
  await page.goto(`${e2e.base}/__test__/host.html${query}`);
  if (ready) {
    await page.waitForFunction(() => window.__fromWidget.some((m) => m.type === 'bounce-decoder:ready'), null, { timeout: TIMEOUT });
  } else {
    const frame = await (await page.$('#widget')).contentFrame();
    await frame.waitForFunction(() => customElements.get('bounce-decoder') !== undefined, null, { timeout: TIMEOUT });
  }
  return { context, page, ...watched };
}

const widgetText = (page) => page.frame({ url: /widget\.html/ }).evaluate(() => document.getElementById('decoder').shadowRoot.textContent);

test('the widget ignores other frames of the host page and answers only the host, with its id', async () => {
  const { context, page, problems } = await openHost();
  try {
    // the foreign frames have been asking since they loaded; the host asks once
    await page.evaluate(() => window.__ask('host-1', '452 4.2.2 <carol@example.net>: Mailbox full', 'en'));
    await page.waitForFunction(() => window.__fromWidget.some((m) => m.type === 'bounce-decoder:result'), null, { timeout: TIMEOUT });
    await page.waitForTimeout(600); // the foreign frames keep asking meanwhile
    const results = await page.evaluate(() => window.__fromWidget.filter((m) => m.type === 'bounce-decoder:result' || m.type === 'bounce-decoder:error'));
    assert.deepEqual(results.map((m) => m.id), ['host-1'], 'one answer, to the host, with its id');
    assert.equal(results[0].report.recipients[0].address, 'carol@example.net');
    assert.equal(results[0].report.recipients[0].reason, 'mailbox_full');
    // what the widget shows is the host's answer, not the foreign bounce
    const shown = await widgetText(page);
    assert.ok(shown.includes(label('en', 'reasons', 'mailbox_full')), shown);
    assert.ok(shown.includes('carol@example.net'), shown);
    assert.ok(!shown.includes('victim@example.com'), shown);
    // both foreign frames were asking all along
    assert.deepEqual(await page.evaluate(() => [...window.__asking].sort()), ['sandboxed', 'sibling']);
    // and were told nothing at all
    assert.deepEqual(await page.evaluate(() => window.__fromForeign), []);
    assertNoProblems(problems);
  } finally {
    await context.close();
  }
});

test('the widget reports its height whenever it changes, so the host can size the frame', async () => {
  const { context, page, problems } = await openHost();
  try {
    const heights = () => page.evaluate(() => window.__fromWidget.filter((m) => m.type === 'bounce-decoder:height').map((m) => m.height));
    await page.waitForFunction(() => window.__fromWidget.some((m) => m.type === 'bounce-decoder:height'), null, { timeout: TIMEOUT });
    const first = (await heights()).at(-1);
    assert.ok(first > 0 && first < 150, `empty widget: ${first}px`);
    const dsn = await readFile(path.join(FIXTURES, 'multi-recipient-dsn.eml'), 'utf8');
    await page.evaluate((text) => window.__ask('dsn', text, 'de'), dsn);
    await page.waitForFunction(() => window.__fromWidget.some((m) => m.id === 'dsn'), null, { timeout: TIMEOUT });
    await page.waitForFunction((h) => {
      const all = window.__fromWidget.filter((m) => m.type === 'bounce-decoder:height');
      return all.at(-1).height > h + 100;
    }, first, { timeout: TIMEOUT });
    const last = (await heights()).at(-1);
    const frame = page.frame({ url: /widget\.html/ });
    // the reported height is the content's: sized to it, the frame does not scroll
    const [scroll, client] = await frame.evaluate(() => [document.documentElement.scrollHeight, document.documentElement.clientHeight]);
    assert.equal(client, last);
    assert.ok(scroll <= client, `scrollHeight ${scroll} > ${client}`);
    // three recipients: a bad address, a full mailbox and a block of the sender, each with
    // the badge of what it means for the sender
    const shown = await widgetText(page);
    for (const outcome of ['bad_address', 'temporary', 'sending_refused']) {
      assert.equal(shown.split(label('de', 'outcomes', outcome)).length - 1, 1, outcome);
    }
    assert.equal(await frame.evaluate(() => document.documentElement.lang), 'de');
    assertNoProblems(problems);
  } finally {
    await context.close();
  }
});

test('with ?origins=, the widget answers only a parent of a named origin', async () => {
  // a parent whose origin is not named: ignored
  let host = await openHost('?origins=https://helpdesk.example', { ready: false });
  try {
    assert.deepEqual(await host.page.evaluate(() => window.__fromWidget), [], 'not even ready or height: they go to the named origin only');
    await host.page.evaluate(() => window.__ask('not-allowed', '452 4.2.2 Mailbox full', 'en'));
    await host.page.waitForTimeout(1500);
    const answers = await host.page.evaluate(() => window.__fromWidget.filter((m) => m.id !== undefined));
    assert.deepEqual(answers, []);
    assert.equal((await widgetText(host.page)).trim(), '', 'nothing decoded');
  } finally {
    await host.context.close();
  }
  // the same host, named among the allowed: answered
  host = await openHost(`?origins=${encodeURIComponent(`https://helpdesk.example, ${e2e.base}`)}`);
  try {
    await host.page.evaluate(() => window.__ask(7, '452 4.2.2 Mailbox full', 'en'));
    await host.page.waitForFunction(() => window.__fromWidget.some((m) => m.type === 'bounce-decoder:result'), null, { timeout: TIMEOUT });
    const result = await host.page.evaluate(() => window.__fromWidget.find((m) => m.type === 'bounce-decoder:result'));
    assert.equal(result.id, 7);
    assert.equal(result.report.recipients[0].reason, 'mailbox_full');
    assertNoProblems(host.problems);
  } finally {
    await host.context.close();
  }
});

test("the element on a page whose CSP forbids WebAssembly asks for 'wasm-unsafe-eval', in its language", async () => {
  const context = await e2e.browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  try {
    await page.goto(`${e2e.base}/__test__/nowasm.html`);
    await page.waitForFunction(() => window.__errors.length === 2, null, { timeout: TIMEOUT });
    for (const lang of ['en', 'de']) {
      const shown = await page.evaluate((id) => document.getElementById(id).shadowRoot.textContent, lang);
      assert.equal(shown, STRINGS[lang]['widget.csp']);
      assert.ok(shown.includes("'wasm-unsafe-eval'") && shown.includes('script-src'), shown);
      // never the broader 'unsafe-eval' the browser's own message names
      assert.doesNotMatch(shown, /(^|[^-])'unsafe-eval'/);
      assert.doesNotMatch(shown, /Refused|CompileError|WebAssembly\.instantiate/);
    }
    const errors = await page.evaluate(() => window.__errors);
    assert.ok(errors.some((e) => e.startsWith('en: ') && e.includes("'wasm-unsafe-eval'")), errors.join('\n'));
  } finally {
    await context.close();
  }
});

test('the Zendesk example app hands the latest comment to the widget and sizes the sidebar', async () => {
  const manifest = JSON.parse(await readFile(path.join(ZENDESK, 'manifest.json'), 'utf8'));
  assert.equal(manifest.location.support.ticket_sidebar.url, 'assets/iframe.html');
  assert.ok(manifest.parameters.some((p) => p.name === 'widget_url'));
  const context = await e2e.browser.newContext({ locale: 'de-DE' });
  const page = await context.newPage();
  const { problems } = watchPage(page);
  // Zendesk's client (ZAF SDK) stands in: settings, a ticket whose latest comment is a bounce
  // (as HTML, as ZAF gives it), a German agent, and resize calls recorded
  const comment = '<p>This is the mail system at host mx.example.com.</p><p>&lt;dave@example.org&gt;: host mx.example.org said: 452 4.2.2 Mailbox full</p>';
  await page.route('https://static.zdassets.com/**', (route) => route.fulfill({
    contentType: 'text/javascript',
    body: `window.__resized = [];
window.ZAFClient = { init: () => ({
  metadata: async () => ({ settings: { widget_url: location.origin + '/widget.html' } }),
  get: async () => ({ 'ticket.comments': [{ value: '<p>first</p>' }, { value: ${JSON.stringify(comment)} }], 'currentUser.locale': 'de' }),
  invoke: (name, arg) => { window.__resized.push([name, arg]); },
}) };`,
  }));
  try {
    await page.goto(`${e2e.base}/__zendesk__/iframe.html`);
    const widget = () => page.frame({ url: /widget\.html/ });
    await page.waitForFunction(() => !document.getElementById('status').textContent, null, { timeout: TIMEOUT });
    const src = await page.getAttribute('#decoder', 'src');
    assert.equal(new URL(src).searchParams.get('origins'), e2e.base, 'the widget takes requests from the app only');
    const shown = await widget().evaluate(() => document.getElementById('decoder').shadowRoot.textContent);
    assert.ok(shown.includes(label('de', 'reasons', 'mailbox_full')), shown);
    assert.ok(shown.includes('dave@example.org'), shown);
    await page.waitForFunction(() => window.__resized.length > 0, null, { timeout: TIMEOUT });
    const [name, size] = (await page.evaluate(() => window.__resized)).at(-1);
    assert.equal(name, 'resize');
    const frameHeight = await page.evaluate(() => document.getElementById('decoder').getBoundingClientRect().height);
    assert.ok(frameHeight > 60, `frame ${frameHeight}px`);
    assert.ok(parseInt(size.height, 10) >= frameHeight, JSON.stringify(size));
    assertNoProblems(problems);
  } finally {
    await context.close();
  }
});
