// <bounce-decoder lang="de">550 5.1.1 …</bounce-decoder>
// A small custom element: decodes its text content (or its `value` property) and shows
// the summary of each recipient (badge, reason, action, status) with the page's renderer
// (ui/render.js, ui/labels.js). It fires a `bounce-decoded` event whose detail is the whole
// report (`bounce-error` when it cannot decode); `updateComplete` settles with it. On a page
// whose CSP forbids WebAssembly it says, in its language, that the page needs
// 'wasm-unsafe-eval' in script-src. Untrusted text only ever becomes text nodes. The npm
// package ships it as bounce-decoder/element (scripts/npm-package.mjs).
//
// It decodes on the main thread, synchronously: it is meant for short texts (a reply, a log
// line, one bounce pasted into a helpdesk), which decode in milliseconds. The page (app.js)
// decodes in a Web Worker instead, as it takes whole files of up to 5 MB.
//
// With www/pkg, built without the knowledge base's texts, the report's explanations get their
// texts from texts/<lang>.json, <lang>-providers.json and <lang>-details.json next to it (ui/texts.js: whole
// files, the same for every input) before the event fires; the lines it shows need none of
// them, so they are drawn first. With the npm package's wasm, which has the texts, nothing is
// loaded. If the files cannot be had, the event carries the explanations without their texts.

import init, { decode, labels } from './pkg/bounce_decoder.js';
import { t, normLang, loadStrings, stringsLoaded } from './i18n.js';
import { h } from './ui/dom.js';
import { context, outcomeOf, reasonOf } from './ui/labels.js';
import { badge } from './ui/render.js';
import { withTexts } from './ui/texts.js';

let ready; // one wasm instance for every element of the page
const engine = () => (ready ||= init().then(() => ({ decode, labels }), (err) => { ready = null; throw err; }));
const labelCache = new Map();

const CSS = `
:host { display: block; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
:host([hidden]) { display: none; }
.r { border: 1px solid color-mix(in srgb, currentColor 20%, transparent); border-left-width: 4px; border-radius: 8px; padding: .6rem .8rem; margin: 0 0 .5rem; }
.bad_address, .complaint { border-left-color: #d0402b; } .sending_refused { border-left-color: #7d5bd6; }
.temporary { border-left-color: #d39b00; } .not_a_failure { border-left-color: #2e9e5f; }
.badge { display: inline-block; font-size: .8rem; font-weight: 700; padding: .1rem .5rem; border-radius: 99px; margin-right: .5rem;
  background: color-mix(in srgb, currentColor 10%, transparent); }
.badge-bad_address, .badge-complaint { background: #fde8e5; color: #8f1d0e; } .badge-sending_refused { background: #ece6fb; color: #4b2a8f; }
.badge-temporary { background: #fdf0cf; color: #6b4300; } .badge-not_a_failure { background: #d9f5e5; color: #05603a; }
.reason { font-weight: 650; }
.meta { font-size: .88rem; opacity: .8; margin-top: .2rem; }
code { font-family: ui-monospace, Menlo, Consolas, monospace; }
.warn { margin: 0; padding: .5rem .8rem; border-radius: 8px; background: color-mix(in srgb, #e0a21b 18%, transparent); }
`;

function sheet() {
  const s = new CSSStyleSheet();
  s.replaceSync(CSS); // a constructed sheet: allowed by a CSP without 'unsafe-inline'
  return s;
}

class BounceDecoderElement extends HTMLElement {
  static observedAttributes = ['lang'];

  #value = null;
  #report = null;
  #seq = 0;
  #observer = new MutationObserver(() => { if (this.#value === null) this.#update(); });

  constructor() {
    super();
    this.attachShadow({ mode: 'open' }).adoptedStyleSheets = [sheet()];
  }

  get value() { return this.#value ?? this.textContent; }
  set value(text) { this.#value = text == null ? null : String(text); this.#update(); }

  get report() { return this.#report; }

  /**
   * Settles once the latest update is shown: with its report (null for empty text), or
   * with the error it showed. An update that a newer one replaced resolves to undefined.
   */
  get updateComplete() { return this.#done; }

  #done = Promise.resolve(null);

  connectedCallback() {
    this.#observer.observe(this, { childList: true, characterData: true, subtree: true });
    this.#update();
  }

  disconnectedCallback() { this.#observer.disconnect(); }

  attributeChangedCallback() { if (this.isConnected) this.#update(); }

  #update() {
    this.#done = this.#run();
    this.#done.catch(() => {}); // shown in the element and sent as an event; not unhandled
    return this.#done;
  }

  async #run() {
    const seq = ++this.#seq;
    const lang = normLang(this.getAttribute('lang')) || 'en';
    const text = this.value.trim();
    const root = this.shadowRoot;
    if (!text) { root.replaceChildren(); this.#report = null; return null; }
    try {
      await loadStrings(lang).catch(() => loadStrings('en')); // English if its language's fail
      if (seq !== this.#seq) return undefined;
      root.replaceChildren(el('p', 'meta', t(lang, 'widget.loading')));
      const { decode: run, labels: getLabels } = await engine();
      if (seq !== this.#seq) return undefined;
      const report = run(text, { lang, explanations: true });
      if (!labelCache.has(lang)) labelCache.set(lang, getLabels(lang));
      this.#report = report;
      root.replaceChildren(...view(report, labelCache.get(lang), lang));
      await withTexts(report, lang).catch((err) => console.warn(`bounce-decoder: the explanations' texts: ${err?.message ?? err}`));
      if (seq !== this.#seq) return undefined;
      this.dispatchEvent(new CustomEvent('bounce-decoded', { detail: report, bubbles: true, composed: true }));
      return report;
    } catch (err) {
      if (seq !== this.#seq) return undefined;
      const reason = err?.message ?? String(err);
      const message = !stringsLoaded(lang) && !stringsLoaded('en') ? `bounce-decoder: ${reason}`
        : wasmBlocked() ? t(lang, 'widget.csp') : t(lang, 'widget.error', { message: reason });
      root.replaceChildren(el('p', 'warn', message));
      const error = new Error(message, { cause: err });
      this.dispatchEvent(new CustomEvent('bounce-error', { detail: error, bubbles: true, composed: true }));
      throw error;
    }
  }
}

/**
 * True when the page's Content-Security-Policy forbids compiling WebAssembly: the smallest
 * valid module (8 bytes) then fails to compile too. The browser's own message for that
 * names 'unsafe-eval', which would open JavaScript eval as well; the element names
 * 'wasm-unsafe-eval' instead (widget.csp).
 */
function wasmBlocked() {
  try {
    new WebAssembly.Module(new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]));
    return false;
  } catch {
    return true;
  }
}

function el(tag, className, ...children) {
  return h(tag, className ? { class: className } : null, ...children);
}

/** One line per recipient, with the page's badge and labels (ui/render.js, ui/labels.js). */
function view(report, table, lang) {
  const c = context(lang, table);
  if (!report.recipients.length) {
    return [el('p', 'warn', report.warnings.map((w) => w.message).join(' '))];
  }
  return report.recipients.map((r) => {
    const meta = [
      r.address,
      r.status && `${c.t('widget.status')} ${r.status}`,
      r.reply_code != null && `${c.t('widget.reply')} ${r.reply_code}`,
    ].filter(Boolean).join(' · ');
    return el('div', `r ${outcomeOf(r.outcome)}`,
      el('div', null, badge(c, r.outcome), el('span', 'reason', reasonOf(c, r).label)),
      el('div', 'action', `${c.t('field.action')}: `, el('b', null, c.label('actions', r.action).label)),
      meta ? el('div', 'meta', meta) : null);
  });
}

if (!customElements.get('bounce-decoder')) customElements.define('bounce-decoder', BounceDecoderElement);

export { BounceDecoderElement };
