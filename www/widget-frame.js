// The page inside widget.html, for a helpdesk sidebar or any host page's <iframe>.
//
// It takes requests only from its parent window, and when the frame's URL names allowed
// origins (widget.html?origins=https://a.example,https://b.example) only from a parent of
// one of those origins; messages from any other window (another frame of the host page, a
// popup, the frame itself) are ignored. Each answer goes to the window that asked, to its
// origin, and echoes the request's id. The message types are documented in widget.html.

import './widget.js';
import { normLang, t, loadStrings } from './i18n.js';

const decoder = document.getElementById('decoder');
const heading = document.querySelector('h1');
const parent = window.parent !== window ? window.parent : null;

/** The allowed origins of ?origins= (normalised; unparsable entries dropped); [] = any. */
const allowed = (new URLSearchParams(location.search).get('origins') || '')
  .split(',')
  .map((entry) => {
    try {
      const origin = new URL(entry.trim()).origin;
      return origin === 'null' ? null : origin;
    } catch {
      return null;
    }
  })
  .filter(Boolean);

function fromHost(event) {
  if (!parent || event.source !== parent) return false;
  return allowed.length === 0 || allowed.includes(event.origin);
}

/**
 * Where messages to the parent may go: to each allowed origin (the browser delivers only
 * to the one the parent has), or, with none named, to whatever the parent is ('*'): the
 * ready and height messages carry nothing of the bounce.
 */
function toParent(message) {
  if (!parent) return;
  for (const origin of allowed.length ? allowed : ['*']) parent.postMessage(message, origin);
}

let latest = 0;

window.addEventListener('message', async (event) => {
  if (!fromHost(event)) return;
  const data = event.data;
  if (!data || typeof data !== 'object' || data.type !== 'bounce-decoder:decode') return;
  const id = typeof data.id === 'string' || typeof data.id === 'number' ? data.id : null;
  // the answer goes back to the asking window only, and only while it shows the same origin
  // (a parent of an opaque origin, e.g. a sandboxed one, can only be answered with '*')
  const target = event.origin === 'null' ? '*' : event.origin;
  const answer = (message) => event.source.postMessage({ ...message, id }, target);
  if (typeof data.text !== 'string') {
    answer({ type: 'bounce-decoder:error', message: 'text must be a string' });
    return;
  }
  const seq = ++latest;
  const lang = normLang(data.lang) || 'en';
  document.documentElement.lang = lang;
  await loadStrings(lang).catch(() => {}); // the element says so when they cannot be loaded
  if (seq !== latest) return; // a newer request is on its way
  heading.textContent = t(lang, 'widget.heading');
  decoder.setAttribute('lang', lang);
  decoder.value = data.text;
  try {
    const report = await decoder.updateComplete;
    if (seq !== latest || report === undefined) {
      answer({ type: 'bounce-decoder:error', code: 'superseded', message: t(lang, 'widget.superseded') });
      return;
    }
    answer({ type: 'bounce-decoder:result', report });
  } catch (err) {
    if (seq !== latest) return;
    answer({ type: 'bounce-decoder:error', message: err?.message ?? String(err) });
  }
});

// The height of the content, whenever it changes, so the host can size the frame.
let lastHeight = -1;
new ResizeObserver(() => {
  const style = getComputedStyle(document.body);
  const height = Math.ceil(document.body.getBoundingClientRect().height
    + parseFloat(style.marginTop) + parseFloat(style.marginBottom));
  if (height === lastHeight) return;
  lastHeight = height;
  toParent({ type: 'bounce-decoder:height', height });
}).observe(document.body);

toParent({ type: 'bounce-decoder:ready' });
