// <bounce-decoder lang="de">550 5.1.1 …</bounce-decoder>
// A small custom element: decodes its text content (or its `value` property) and shows
// the summary of each recipient (badge, reason, action, status). It fires a
// `bounce-decoded` event whose detail is the whole report. Untrusted text only ever
// becomes text nodes.
//
// It decodes on the main thread, synchronously: it is meant for short texts (a reply, a log
// line, one bounce pasted into a helpdesk), which decode in milliseconds. The page (app.js)
// decodes in a Web Worker instead, as it takes whole files of up to 5 MB.

import init, { decode, labels } from './pkg/bounce_decoder.js';
import { t, normLang } from './i18n.js';

let ready; // one wasm instance for every element of the page
const engine = () => (ready ||= init().then(() => ({ decode, labels })));
const labelCache = new Map();

const CSS = `
:host { display: block; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
:host([hidden]) { display: none; }
.r { border: 1px solid color-mix(in srgb, currentColor 20%, transparent); border-left-width: 4px; border-radius: 8px; padding: .6rem .8rem; margin: 0 0 .5rem; }
.hard { border-left-color: #d0402b; } .soft { border-left-color: #d39b00; } .none { border-left-color: #2e9e5f; }
.badge { display: inline-block; font-size: .8rem; font-weight: 700; padding: .1rem .5rem; border-radius: 99px; margin-right: .5rem;
  background: color-mix(in srgb, currentColor 10%, transparent); }
.hard .badge { background: #fde8e5; color: #8f1d0e; } .soft .badge { background: #fdf0cf; color: #6b4300; } .none .badge { background: #d9f5e5; color: #05603a; }
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

  connectedCallback() {
    this.#observer.observe(this, { childList: true, characterData: true, subtree: true });
    this.#update();
  }

  disconnectedCallback() { this.#observer.disconnect(); }

  attributeChangedCallback() { if (this.isConnected) this.#update(); }

  async #update() {
    const seq = ++this.#seq;
    const lang = normLang(this.getAttribute('lang')) || 'en';
    const text = this.value.trim();
    const root = this.shadowRoot;
    if (!text) { root.replaceChildren(); return; }
    root.replaceChildren(el('p', 'meta', t(lang, 'widget.loading')));
    try {
      const { decode: run, labels: getLabels } = await engine();
      if (seq !== this.#seq) return;
      const report = run(text, { lang, explanations: true });
      if (!labelCache.has(lang)) labelCache.set(lang, getLabels(lang));
      this.#report = report;
      root.replaceChildren(...view(report, labelCache.get(lang), lang));
      this.dispatchEvent(new CustomEvent('bounce-decoded', { detail: report, bubbles: true, composed: true }));
    } catch (err) {
      if (seq !== this.#seq) return;
      root.replaceChildren(el('p', 'warn', t(lang, 'widget.error', { message: err?.message ?? String(err) })));
      this.dispatchEvent(new CustomEvent('bounce-error', { detail: err, bubbles: true, composed: true }));
    }
  }
}

function el(tag, className, ...children) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  node.append(...children.filter((c) => c != null).map((c) => (c instanceof Node ? c : String(c))));
  return node;
}

function view(report, table, lang) {
  const find = (group, key) => (Object.hasOwn(table[group], key) && table[group][key].label) || String(key);
  if (!report.recipients.length) {
    return [el('p', 'warn', report.warnings.map((w) => w.message).join(' '))];
  }
  return report.recipients.map((r) => {
    const type = ['hard', 'soft', 'none'].includes(r.bounce_type) ? r.bounce_type : 'unknown';
    const meta = [
      r.address,
      r.status && `${t(lang, 'widget.status')} ${r.status}`,
      r.reply_code != null && `${t(lang, 'widget.reply')} ${r.reply_code}`,
    ].filter(Boolean).join(' · ');
    return el('div', `r ${type}`,
      el('div', null,
        el('span', 'badge', find('bounce_types', r.bounce_type)),
        el('span', 'reason', r.reason ? find('reasons', r.reason) : t(lang, 'reason.none'))),
      el('div', 'action', `${t(lang, 'field.action')}: `, el('b', null, find('actions', r.action))),
      meta ? el('div', 'meta', meta) : null);
  });
}

if (!customElements.get('bounce-decoder')) customElements.define('bounce-decoder', BounceDecoderElement);

export { BounceDecoderElement };
