// The bounce-decoder page. Everything that comes from the input (and so from the
// decoder's report) is untrusted: it only ever reaches the page as text nodes
// (textContent, append of strings) — never as HTML.

import { LANGS, t as translate, normLang, formatSize } from './i18n.js';
import { EXAMPLES } from './examples.js';

const MAX_BYTES = 5_000_000; // "5 MB", as formatSize counts
const MAX_LINK_CHARS = 1_000_000;
const MAX_RECIPIENTS = 10_000; // the decoder stops there and says so in a warning
const ROW_BATCH = 100; // recipient rows rendered at once; "Show more" adds the next batch
const MARK_ALL_MAX = 200; // up to this many recipients, the evidence of all is marked at once
const STATUS_ITEMS_MAX = 10; // beyond this, the live status line gives counts only
const FULL_VIEW_BYTES = 256 * 1024; // larger inputs are shown around the evidence only
const VIEW_CONTEXT_BYTES = 1500;
// An opened file larger than this goes into the box as its beginning only (the whole file is
// decoded): laying out megabytes of text in a textarea freezes the page for seconds.
const BOX_FULL_CHARS = 512 * 1024;
const BOX_PREVIEW_CHARS = 64 * 1024;
const DEBOUNCE_MS = 250;
const SLOW_MS = 300; // a decode not answered by then shows "Decoding…"
const SLOW_INPUT_BYTES = 256 * 1024; // a decode of more is dropped, not waited for, once superseded
const TIME_LIMIT_MS = 10_000; // a decode taking longer than this (plus the next) is stopped
const TIME_LIMIT_MS_PER_MB = 4_000;
const STORE = { lang: 'bounce-decoder.lang', theme: 'bounce-decoder.theme' };
const ABOUTS = ['address', 'status', 'reply_code', 'reason', 'kind', 'provider', 'remote_mta'];
const BOUNCE_TYPES = ['hard', 'soft', 'none', 'unknown'];

const $ = (id) => document.getElementById(id);
const ui = {
  input: $('bounce-input'),
  dropZone: $('drop-zone'),
  examples: $('examples'),
  decodeButton: $('decode-button'),
  openButton: $('open-button'),
  fileInput: $('file-input'),
  clearButton: $('clear-button'),
  copyLink: $('copy-link'),
  linkBox: $('link-box'),
  linkOutput: $('link-output'),
  info: $('info'),
  error: $('error'),
  live: $('live-status'),
  decoding: $('decoding'),
  results: $('results'),
  themeToggle: $('theme-toggle'),
  langButtons: [...document.querySelectorAll('[data-lang]')],
};

const utf8 = new TextDecoder('utf-8');
const encoder = new TextEncoder();
const darkMedia = matchMedia('(prefers-color-scheme: dark)');

const state = {
  lang: 'en',
  decoder: null, // the DecoderWorker, once the wasm module is compiled
  labelCache: new Map(), // lang -> labels(lang), sent along by the worker
  source: null, // { file, bytes, text, decoder } while the input is an unedited opened file
  seq: 0,
  timer: 0,
  slowTimer: 0,
  decoded: 0,
  view: null, // { report, bytes, decoder, selected, focus, marks, section } of the results shown
};

const t = (key, vars) => translate(state.lang, key, vars);

// ---------------------------------------------------------------- storage

const storage = {
  get(key) {
    try { return localStorage.getItem(key); } catch { return null; }
  },
  set(key, value) {
    try { localStorage.setItem(key, value); } catch { /* private mode: not remembered */ }
  },
};

// ---------------------------------------------------------------- DOM helper

/** createElement with properties and children; strings become text nodes. */
function h(tag, props, ...children) {
  const node = document.createElement(tag);
  if (props) {
    for (const [key, value] of Object.entries(props)) {
      if (value == null || value === false) continue;
      if (key === 'class') node.className = value;
      else if (key === 'text') node.textContent = value;
      else if (key === 'onclick') node.addEventListener('click', value);
      else node.setAttribute(key, value === true ? '' : String(value));
    }
  }
  for (const child of children.flat()) {
    if (child == null || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

const present = (value) => value != null && value !== '';

// ---------------------------------------------------------------- the decoder

async function compileWasm() {
  const url = new URL('./pkg/bounce_decoder_bg.wasm', import.meta.url);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${response.status} ${response.statusText}: ${url.pathname}`);
  if ((response.headers.get('Content-Type') || '').startsWith('application/wasm')) {
    return WebAssembly.compileStreaming(response);
  }
  return WebAssembly.compile(await response.arrayBuffer());
}

/** Why a decode gave no report: kind 'decode' | 'fatal' | 'load' | 'timeout' | 'died' | 'superseded'. */
class DecodeFailure extends Error {
  constructor(kind, message) {
    super(message);
    this.kind = kind;
  }
}

/**
 * The decoder runs in a module Web Worker (decode-worker.js), so the page never waits for
 * it. The wasm module is compiled once here and handed to every worker. A worker that
 * traps, dies or takes too long is terminated and replaced by a fresh one.
 */
class DecoderWorker {
  constructor(module) {
    this.module = module;
    this.worker = null;
    this.ready = false; // the current worker answered once: it loads
    this.pending = new Map(); // id -> { resolve, reject, timer, sent, size }
    this.nextId = 0;
    this.started = 0;
  }

  start() {
    const worker = new Worker(new URL('./decode-worker.js', import.meta.url), { type: 'module', name: 'bounce-decoder' });
    worker.addEventListener('message', (event) => { if (worker === this.worker) this.answer(event.data); });
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      if (worker === this.worker) this.fail('died', event.message || 'the worker stopped');
    });
    worker.addEventListener('messageerror', () => {
      if (worker === this.worker) this.fail('died', 'an answer could not be read');
    });
    worker.postMessage({ module: this.module });
    this.worker = worker;
    this.ready = false;
    this.started += 1;
  }

  /** Terminates the worker; every request still waiting fails with `kind`. */
  stop(kind, message) {
    this.worker?.terminate();
    this.worker = null;
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const p of waiting) {
      clearTimeout(p.timer);
      p.reject(new DecodeFailure(kind, message));
    }
  }

  /** After a trap, a death or a timeout: a fresh worker, unless this one never loaded. */
  fail(kind, message) {
    const loaded = this.ready;
    this.stop(kind, message);
    if (loaded) this.start();
  }

  answer(data) {
    const p = data && this.pending.get(data.id);
    if (!p) return;
    this.ready = true;
    this.pending.delete(data.id);
    clearTimeout(p.timer);
    if (!data.error) {
      p.resolve(data);
      return;
    }
    const { message, fatal, load } = data.error;
    if (load) {
      this.ready = false;
      p.reject(new DecodeFailure('load', message));
    } else if (fatal) {
      p.reject(new DecodeFailure('fatal', message));
      this.fail('fatal', message); // the instance can't be trusted any more
    } else {
      p.reject(new DecodeFailure('decode', message));
    }
  }

  /**
   * Decodes { text } or { bytes } (a Uint8Array whose buffer is transferred, and comes back
   * as answer.bytes). Only the newest request matters: older ones still running for a while
   * (a large input) are dropped with their worker rather than waited for.
   */
  decode(input, options, labelsLang) {
    const now = performance.now();
    const slowAhead = [...this.pending.values()].some((p) => p.size > SLOW_INPUT_BYTES || now - p.sent > SLOW_MS);
    if (slowAhead) this.stop('superseded', 'a newer input');
    if (!this.worker) this.start();
    const id = ++this.nextId;
    const size = input.bytes ? input.bytes.length : input.text.length;
    return new Promise((resolve, reject) => {
      const limit = timeLimit(size);
      const timer = setTimeout(() => {
        if (this.pending.has(id)) this.fail('timeout', String(Math.round(limit / 1000)));
      }, limit);
      this.pending.set(id, { resolve, reject, timer, sent: now, size });
      const message = { id, options, labels: labelsLang || null, ...input };
      this.worker.postMessage(message, input.bytes ? [input.bytes.buffer] : []);
    });
  }
}

/** How long a decode may take before its worker is stopped: generous, as machines differ. */
const timeLimit = (size) => TIME_LIMIT_MS + Math.round((size / 1e6) * TIME_LIMIT_MS_PER_MB);

async function loadEngine() {
  const module = await compileWasm();
  state.decoder = new DecoderWorker(module);
  state.decoder.start();
}

/** labels() of the decoder: { reasons, actions, bounce_types, kinds }, each keyed by value. */
function labelTable(lang) {
  return state.labelCache.get(lang) || {};
}

/** The translated label of a report value; the raw key if the table lacks it. */
function labelOf(group, key) {
  const items = labelTable(state.lang)[group] || {};
  return (Object.hasOwn(items, key) && items[key]) || { key, label: String(key), explanation: '' };
}

// ---------------------------------------------------------------- messages

function showError(message) {
  ui.error.replaceChildren(h('p', { text: message }));
}
function clearError() {
  ui.error.replaceChildren();
}
function showInfo(message) {
  ui.info.textContent = message;
}
function errorMessage(err) {
  if (err && typeof err === 'object' && 'message' in err) return String(err.message);
  return String(err);
}

// ---------------------------------------------------------------- decoding

function schedule() {
  clearTimeout(state.timer);
  const delay = ui.input.value.length > 200_000 ? DEBOUNCE_MS * 3 : DEBOUNCE_MS;
  state.timer = setTimeout(runDecode, delay);
}

function setBusy(busy, size) {
  ui.results.setAttribute('aria-busy', String(busy));
  ui.results.classList.toggle('is-busy', busy);
  clearTimeout(state.slowTimer);
  ui.decoding.hidden = true;
  if (busy) {
    // Only a slow decode says so: small inputs keep feeling instant, without a flash.
    state.slowTimer = setTimeout(() => {
      ui.decoding.textContent = t('status.decodingSize', { size: formatSize(state.lang, size) });
      ui.decoding.hidden = false;
      ui.live.textContent = t('status.decoding');
    }, SLOW_MS);
  }
}

function finished() {
  setBusy(false);
  state.decoded += 1;
  ui.results.dataset.decoded = String(state.decoded);
}

/** The bytes of an opened file: kept, or read again if they were lent to a worker that was stopped. */
async function sourceBytes(source) {
  if (!source.bytes) source.bytes = new Uint8Array(await source.file.arrayBuffer());
  return source.bytes;
}

async function runDecode() {
  clearTimeout(state.timer);
  const seq = ++state.seq;
  if (!state.decoder) return; // runs again once the decoder is ready
  const text = ui.input.value;
  const source = state.source && state.source.text === text ? state.source : null;
  if (!source) state.source = null;
  clearError();

  if (!source && text.trim() === '') {
    renderEmpty();
    ui.live.textContent = '';
    finished();
    return;
  }
  const textBytes = source ? null : encoder.encode(text); // the evidence offsets count these
  const size = source ? source.file.size : textBytes.length;
  if (size > MAX_BYTES) {
    showError(t('input.tooLarge', { size: formatSize(state.lang, size) }));
    renderEmpty();
    ui.live.textContent = t('status.error');
    finished();
    return;
  }

  setBusy(true, size);
  const lang = state.lang;
  const options = { lang, explanations: true, max_recipients: MAX_RECIPIENTS };
  let input;
  if (source) {
    let bytes;
    try {
      bytes = await sourceBytes(source);
    } catch (err) {
      if (seq !== state.seq) return;
      showError(t('file.readError', { message: errorMessage(err) }));
      finished();
      return;
    }
    if (seq !== state.seq) return; // superseded while reading
    // The file's bytes are transferred to the worker, not copied, and come back with the
    // answer; only bytes the results on screen still use (decoding again in another
    // language) are copied first.
    const shown = state.view && state.view.bytes === bytes;
    input = { bytes: shown ? bytes.slice() : bytes };
    if (!shown) source.bytes = null;
  } else {
    input = { text };
  }

  let answer;
  try {
    answer = await state.decoder.decode(input, options, state.labelCache.has(lang) ? null : lang);
  } catch (failure) {
    if (seq !== state.seq) return; // a newer decode is under way
    decodeFailed(failure);
    finished();
    return;
  }
  if (source && answer.bytes && !source.bytes) source.bytes = answer.bytes;
  if (answer.labels) state.labelCache.set(lang, answer.labels);
  if (seq !== state.seq) return; // the input changed meanwhile: only the newest answer counts
  try {
    render(answer.report, source ? answer.bytes : textBytes, source ? source.decoder : utf8);
    ui.live.textContent = statusLine(answer.report);
  } catch (err) {
    // A bug of this page: report it rather than show half a result.
    decodeFailed(new DecodeFailure('decode', errorMessage(err)));
  }
  finished();
}

function decodeFailed(failure) {
  ui.results.replaceChildren();
  state.view = null;
  ui.live.textContent = t('status.error');
  const message = errorMessage(failure);
  switch (failure.kind) {
    case 'fatal': showError(t('error.internal', { message })); break;
    case 'timeout': showError(t('error.timeout', { seconds: message })); break;
    case 'died': showError(t('error.died', { message })); break;
    case 'load': showError(t('error.load', { message })); break;
    default: showError(t('error.decode', { message }));
  }
}

function statusLine(report) {
  const recipients = report.recipients;
  if (!recipients.length) {
    const warning = report.warnings.length ? report.warnings[0].message : '';
    return t('status.none', { warning }).trim();
  }
  if (recipients.length > STATUS_ITEMS_MAX) {
    const counts = new Map();
    for (const r of recipients) counts.set(r.bounce_type, (counts.get(r.bounce_type) || 0) + 1);
    const items = [...counts].map(([type, n]) => `${formatNumber(n)} × ${labelOf('bounce_types', type).label}`).join(', ');
    return t('status.many', { n: formatNumber(recipients.length), items });
  }
  const items = recipients
    .map((r) => `${labelOf('bounce_types', r.bounce_type).label}, ${r.reason ? labelOf('reasons', r.reason).label : t('reason.none')}`)
    .join('; ');
  return recipients.length === 1 ? t('status.one', { items }) : t('status.many', { n: recipients.length, items });
}

// ---------------------------------------------------------------- rendering

function renderEmpty() {
  ui.results.replaceChildren(
    h('div', { class: 'empty-state' },
      h('p', { class: 'empty-title', text: t('empty.title') }),
      h('p', { text: t('empty.text') })));
}

function section(id, title) {
  const heading = h('h2', { id: `${id}-heading`, text: title });
  return h('section', { class: `result-section ${id}`, 'aria-labelledby': `${id}-heading` }, heading);
}

function render(report, bytes, decoder) {
  const many = report.recipients.length > MARK_ALL_MAX;
  state.view = { report, bytes, decoder, selected: many ? 0 : null, focus: many ? 0 : null, marks: new Map(), section: null };
  const highlight = renderHighlight(state.view);
  ui.results.replaceChildren(
    renderSummary(report),
    renderExplanations(report) || '',
    renderDetails(report),
    highlight,
  );
  syncSelection();
  // Bring the first mark into the (scrollable) input view, without moving the page.
  scrollViewTo(highlight.querySelector('pre mark'));
}

/** Scrolls the input view (not the page) so that mark is visible. */
function scrollViewTo(mark) {
  if (!mark) return;
  const pre = mark.closest('pre');
  if (mark.offsetTop + mark.offsetHeight > pre.scrollTop + pre.clientHeight || mark.offsetTop < pre.scrollTop) {
    pre.scrollTop = Math.max(0, mark.offsetTop - 48); // .highlight is position: relative
  }
}

function badge(bounceType, small) {
  const type = BOUNCE_TYPES.includes(bounceType) ? bounceType : 'unknown';
  const item = labelOf('bounce_types', type);
  return h('span', { class: `badge badge-${type}${small ? ' badge-small' : ''}`, title: item.explanation || null, text: item.label });
}

function dl(rows, className = 'facts') {
  const list = h('dl', { class: className });
  for (const [term, ...values] of rows) {
    if (!values.length || values.every((v) => v == null || v === '')) continue;
    list.append(h('div', { class: 'fact' }, h('dt', { text: term }), h('dd', {}, ...values)));
  }
  return list;
}

function code(text) {
  return h('code', { text });
}

function warningsList(notices) {
  return h('ul', { class: 'notices' }, notices.map((n) => h('li', { 'data-code': n.code, text: n.message })));
}

function renderSummary(report) {
  const sec = section('summary', t('section.summary'));
  sec.append(messageSummary(report));

  if (!report.recipients.length) {
    sec.append(h('div', { class: 'notice notice-warn' },
      h('h3', { text: t('summary.noRecipients') }),
      h('p', { text: t('summary.noRecipientsText') }),
      warningsList(report.warnings)));
    return sec;
  }

  const recipients = report.recipients;
  if (recipients.length > 1) sec.append(countsLine(recipients));
  const list = h('ol', { class: `recipient-list${recipients.length > 1 ? ' is-many' : ''}`, 'aria-labelledby': 'summary-heading' });
  sec.append(list);
  const more = h('div', { class: 'more-rows' });
  const showRows = (from) => {
    const to = Math.min(recipients.length, from + ROW_BATCH);
    const frag = document.createDocumentFragment();
    for (let i = from; i < to; i += 1) frag.append(recipientRow(recipients[i], i, recipients.length));
    list.append(frag);
    list.dataset.shown = String(to);
    const left = recipients.length - to;
    more.replaceChildren();
    if (left > 0) {
      more.append(
        h('p', { class: 'muted', text: t('rows.shown', { shown: formatNumber(to), total: formatNumber(recipients.length) }) }),
        h('button', {
          type: 'button',
          class: 'button show-more',
          onclick: () => { showRows(to); list.children[to]?.querySelector('button, summary')?.focus(); },
          text: t('rows.more', { n: formatNumber(Math.min(ROW_BATCH, left)), left: formatNumber(left) }),
        }));
    }
    syncSelection();
  };
  showRows(0);
  sec.append(more);

  if (report.warnings.length) {
    sec.append(h('div', { class: 'notice notice-warn' }, warningsList(report.warnings)));
  }
  return sec;
}

const formatNumber = (n) => n.toLocaleString(state.lang === 'de' ? 'de-DE' : 'en-US');

/** Kind of message, who wrote it, the complaint's feedback type and the returned message. */
function messageSummary(report) {
  const kind = labelOf('kinds', report.kind);
  const m = report.message || {};
  const o = report.original || {};
  const feedback = present(m.feedback_type) ? feedbackLabel(m.feedback_type) : null;
  return h('div', { class: 'card message-summary' },
    dl([
      [t('summary.kind'), h('strong', { class: 'message-kind', 'data-kind': report.kind, title: kind.explanation || null, text: kind.label })],
      [t('summary.inputKind'), t(`inputKind.${report.input}`)],
      [t('summary.family'), present(m.mta_family) ? h('span', { class: 'mta-family', text: m.mta_family }) : null],
      [t('field.feedbackType'), feedback],
    ], 'facts facts-inline'),
    [o.subject, o.to, o.date, o.message_id].some(present)
      ? h('div', { class: 'returned' },
        h('h3', { text: t('summary.returned') }),
        dl([
          [t('field.subject'), present(o.subject) ? h('span', { class: 'returned-subject', text: o.subject }) : null],
          [t('field.to'), o.to],
          [t('field.date'), o.date],
          [t('field.messageId'), present(o.message_id) ? code(o.message_id) : null],
        ], 'facts facts-compact'))
      : null);
}

function feedbackLabel(type) {
  const key = `feedback.${String(type).toLowerCase()}`;
  const known = translate(state.lang, key);
  return h('span', { class: 'feedback-type', 'data-feedback-type': type },
    known !== key ? [h('strong', { text: known }), ' ', code(type)] : code(type));
}

/** "3 recipients: 2 × Hard bounce, 1 × Soft bounce" as badges. */
function countsLine(recipients) {
  const counts = new Map();
  for (const r of recipients) {
    const type = BOUNCE_TYPES.includes(r.bounce_type) ? r.bounce_type : 'unknown';
    counts.set(type, (counts.get(type) || 0) + 1);
  }
  return h('p', { class: 'counts' },
    h('strong', { text: t('rows.total', { n: formatNumber(recipients.length) }) }),
    BOUNCE_TYPES.filter((type) => counts.has(type)).map((type) =>
      h('span', { class: 'count', 'data-bounce-type': type }, `${formatNumber(counts.get(type))} × `, badge(type, true))));
}

function recipientRow(r, i, total) {
  const single = total === 1;
  const reason = r.reason ? labelOf('reasons', r.reason) : { label: t('reason.none'), explanation: t('reason.noneText') };
  const action = labelOf('actions', r.action);
  const type = BOUNCE_TYPES.includes(r.bounce_type) ? r.bounce_type : 'unknown';
  const advice = providerAdvice(r.provider);
  const selectable = (r.evidence || []).some((ev) => Number.isInteger(ev.start));
  // Built when first opened (a single recipient's is open from the start): thousands of
  // rows must not each build an evidence table nobody looks at.
  const more = h('details', { class: 'row-more', open: single },
    h('summary', { text: t('rows.details') }));
  const fill = () => {
    if (more.open && more.childElementCount === 1) more.append(...rowDetails(r, i, single ? null : reason, single ? null : action));
  };
  more.addEventListener('toggle', fill);
  fill();
  return h('li', { class: `card recipient-card type-${type}`, 'data-bounce-type': type, 'data-index': String(i) },
    h('div', { class: 'row-top' },
      single ? null : h('p', { class: 'eyebrow', text: t('summary.recipient', { n: formatNumber(i + 1) }) }),
      selectable && total > 1
        ? h('button', { type: 'button', class: 'button small select-recipient', 'aria-pressed': 'false', onclick: () => selectRecipient(i, true), text: t('rows.mark') })
        : null),
    h('div', { class: 'card-head' },
      badge(r.bounce_type),
      h('h3', { class: 'reason', 'data-reason': r.reason || '', title: single ? null : reason.explanation || null }, reason.label)),
    single && reason.explanation ? h('p', { class: 'reason-text', text: reason.explanation }) : null,
    dl([
      [t('field.address'), r.address ? code(r.address) : h('span', { class: 'muted', text: t('field.noAddress') })],
      [t('field.status'), r.status ? code(r.status) : null,
        r.status && r.status_inferred ? h('span', { class: 'chip chip-inferred', title: t('field.inferredTitle'), text: t('field.inferred') }) : null],
      [t('field.reply'), r.reply_code != null ? code(String(r.reply_code)) : null],
      [t('field.remoteMta'), present(r.remote_mta) ? code(r.remote_mta) : null],
      [t('field.provider'), r.provider ? providerName(r.provider) : null],
    ], 'facts facts-inline'),
    advice.length
      ? h('details', { class: 'provider-advice', open: single },
        h('summary', { class: 'advice-term', text: t('field.providerAdvice', { provider: r.provider.name }) }),
        advice.length === 1 ? h('p', { text: advice[0] }) : h('ul', {}, advice.map((a) => h('li', { text: a }))))
      : null,
    h('p', { class: `action action-${r.action}` },
      h('span', { class: 'action-term', text: `${t('field.action')}: ` }),
      h('strong', { class: 'action-label', title: single ? null : action.explanation || null, text: action.label }),
      single && action.explanation ? h('span', { class: 'action-text', text: ` — ${action.explanation}` }) : null),
    more);
}

function providerName(p) {
  return h('span', { class: 'provider-name' }, p.name, ...(p.tokens || []).map((tok) => [' ', h('span', { class: 'code-chip', text: tok })]).flat());
}

/** The provider's own advice, as a list of strings (the decoder gives a string or a list). */
function providerAdvice(p) {
  if (!p) return [];
  const advice = p.advice;
  if (Array.isArray(advice)) return advice.filter((a) => typeof a === 'string' && a.trim());
  return typeof advice === 'string' && advice.trim() ? [advice] : [];
}

/** The expandable part of a row, built when it is first opened. */
function rowDetails(r, i, reason, action) {
  const parts = [];
  if (reason && reason.explanation) parts.push(h('p', { class: 'reason-text', text: reason.explanation }));
  if (action && action.explanation) parts.push(h('p', { class: 'action-text', text: `${action.label}: ${action.explanation}` }));
  parts.push(dl([
    [t('field.diagnostic'), present(r.diagnostic) ? h('span', { class: 'diagnostic', text: r.diagnostic }) : null],
    [t('field.smtpCommand'), present(r.smtp_command) ? code(r.smtp_command) : null],
    [t('field.dsnAction'), present(r.dsn_action) ? code(r.dsn_action) : null],
    [t('field.party'), r.party ? t(`party.${r.party}`) : null],
    [t('field.originalAddress'), present(r.original_address) ? code(r.original_address) : null],
    [t('field.codes'), ...(r.codes || []).map((c) => [code(c), ' ']).flat()],
  ]));
  if (r.notes && r.notes.length) parts.push(h('h4', { text: t('field.notes') }), warningsList(r.notes));
  if (r.evidence && r.evidence.length) parts.push(h('div', { class: 'table-scroll' }, evidenceTable(r.evidence, i)));
  return parts;
}

function renderExplanations(report) {
  if (!report.recipients.length && !report.explanations.length) return null;
  const sec = section('explanations', t('section.explanations'));
  if (!report.explanations.length) {
    sec.append(h('p', { class: 'muted', text: t('expl.none') }));
    return sec;
  }
  report.explanations.forEach((e, i) => sec.append(explanationCard(e, i === 0)));
  return sec;
}

function listDetails(title, items, open, asCode) {
  if (!items || !items.length) return null;
  return h('details', { open: open || null },
    h('summary', { text: title }),
    h('ul', {}, items.map((item) => h('li', {}, asCode ? code(item) : item))));
}

function explanationCard(e, first) {
  const title = e.title || e.name || e.code;
  const kindText = t(`codeKind.${e.kind}`) + (e.provider ? ` · ${e.provider}` : '');
  const card = h('article', { class: 'card expl', 'data-code': e.code },
    h('div', { class: 'expl-head' },
      h('span', { class: 'code-chip', text: e.code }),
      h('h3', { text: title }),
      h('span', { class: 'chip', text: kindText })),
    present(e.reference) || present(e.name)
      ? h('p', { class: 'reference', text: t('expl.reference', { reference: e.reference || '', name: e.name || '' }) })
      : null,
    present(e.summary) ? h('p', { class: 'expl-summary', text: e.summary }) : null,
    e.registry === false ? h('p', { class: 'notice notice-info', text: t('expl.notRegistered') }) : null);

  const action = labelOf('actions', e.recommended_action);
  card.append(dl([
    [t('expl.bounceType'), badge(e.bounce_type, true)],
    [t('expl.category'), present(e.category) ? e.category : null],
    [t('expl.reason'), e.reason ? labelOf('reasons', e.reason).label : null],
    [t('expl.action'), h('strong', { text: action.label }), present(e.action) ? ` — ${e.action}` : null],
  ]));

  if (e.breakdown && e.breakdown.length) {
    card.append(h('table', { class: 'breakdown' },
      h('caption', { text: t('expl.breakdown', { code: e.code }) }),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col', text: t('expl.part') }),
        h('th', { scope: 'col', text: t('expl.value') }),
        h('th', { scope: 'col', text: t('expl.meaning') }))),
      h('tbody', {}, e.breakdown.map((p) => h('tr', {},
        h('th', { scope: 'row', text: t(`part.${p.part}`) }),
        h('td', {}, code(p.value)),
        h('td', { text: present(p.meaning) ? p.meaning : t('field.none') }))))));
  }

  const counterpart = present(e.counterpart) || present(e.counterpart_code)
    ? h('details', {},
      h('summary', { text: e.counterpart_code ? t('expl.counterpart', { code: e.counterpart_code }) : t('expl.counterpartNoCode') }),
      present(e.counterpart) ? h('p', { text: e.counterpart }) : null)
    : null;
  const sections = [
    listDetails(t('expl.causes'), e.causes, first),
    listDetails(t('expl.marketers'), e.resolution_marketers),
    listDetails(t('expl.developers'), e.resolution_developers),
    counterpart,
    listDetails(t('expl.examples'), e.examples, false, true),
    listDetails(t('expl.providers'), e.provider_responses),
    listDetails(t('expl.best'), e.best_practices),
    listDetails(t('expl.investigation'), e.investigation),
  ].filter(Boolean);
  if (sections.length) card.append(h('div', { class: 'expl-more' }, sections));
  return card;
}

function renderDetails(report) {
  const sec = section('details', t('section.details'));

  if (report.recipients.length && report.warnings.length) {
    sec.append(h('article', { class: 'card detail-card' },
      h('h3', { text: t('details.warnings') }), warningsList(report.warnings)));
  }

  const m = report.message || {};
  sec.append(h('article', { class: 'card detail-card' },
    h('h3', { text: t('details.message') }),
    dl([
      [t('summary.kind'), labelOf('kinds', report.kind).label],
      [t('summary.inputKind'), t(`inputKind.${report.input}`)],
      [t('field.subject'), m.subject],
      [t('field.from'), m.from],
      [t('field.date'), m.date],
      [t('field.reportingMta'), present(m.reporting_mta) ? code(m.reporting_mta) : null],
      [t('field.arrivalDate'), m.arrival_date],
      [t('field.mtaFamily'), m.mta_family],
      [t('field.feedbackType'), m.feedback_type],
    ])));

  const o = report.original;
  if (o && [o.message_id, o.from, o.to, o.subject, o.date].some(present)) {
    sec.append(h('article', { class: 'card detail-card' },
      h('h3', { text: t('details.original') }),
      dl([
        [t('field.messageId'), present(o.message_id) ? code(o.message_id) : null],
        [t('field.from'), o.from],
        [t('field.to'), o.to],
        [t('field.subject'), o.subject],
        [t('field.date'), o.date],
      ])));
  }
  return sec;
}

function evidenceTable(evidence, index) {
  const { bytes, decoder } = state.view;
  return h('table', { class: 'evidence' },
    h('caption', { text: t('field.evidence') }),
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col', text: t('evidence.about') }),
      h('th', { scope: 'col', text: t('evidence.text') }),
      h('th', { scope: 'col', text: t('evidence.where') }))),
    h('tbody', {}, evidence.map((ev) => {
      const where = spanOk(ev, bytes, decoder)
        ? [t('evidence.bytes', { start: ev.start, end: ev.end }), ' ',
          h('button', { type: 'button', class: 'button small', onclick: () => showEvidence(index, spanKey(ev)), text: t('button.show') })]
        : [h('span', { class: 'muted', text: t('evidence.notVerbatim') })];
      return h('tr', {},
        h('td', {}, h('span', { class: `swatch ev-${aboutClass(ev.about)}`, 'aria-hidden': 'true' }), aboutLabel(ev.about)),
        h('td', {}, code(ev.text)),
        h('td', {}, ...where));
    })));
}

/** The "Show" button of an evidence row: select its recipient, then bring the span into view. */
function showEvidence(index, key) {
  if (state.view.selected !== index) selectRecipient(index, false);
  const mark = state.view.marks.get(key);
  if (mark) revealMark(mark);
}

function revealMark(mark) {
  mark.scrollIntoView({ block: 'center', behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
  mark.focus({ preventScroll: true });
  mark.classList.remove('flash');
  void mark.offsetWidth; // restart the animation
  mark.classList.add('flash');
}

const aboutClass = (about) => (ABOUTS.includes(about) ? about : 'other');
const aboutLabel = (about) => (ABOUTS.includes(about) ? t(`about.${about}`) : String(about));
const spanKey = (ev) => `${ev.start}:${ev.end}:${ev.about}`;

// ---------------------------------------------------------------- evidence highlighting

/**
 * True when an evidence span can be marked: the bytes there read as the evidence text,
 * so a wrong offset never marks something the decoder did not find.
 */
function spanOk(ev, bytes, decoder) {
  // the decoder gives offsets into the input's own bytes, whatever its charset
  if (!Number.isInteger(ev.start) || !Number.isInteger(ev.end) || typeof ev.text !== 'string') return false;
  const { start, end } = ev;
  if (start < 0 || end <= start || end > bytes.length) return false;
  const found = decoder.decode(bytes.subarray(start, end));
  const expected = decoder.encoding === 'utf-8' ? ev.text : ev.text.replace(/\uFFFD/g, '');
  return decoder.encoding === 'utf-8'
    ? found.toLowerCase() === expected.toLowerCase()
    : found.replace(/[^\x00-\x7f]/g, '').toLowerCase() === expected.replace(/[^\x00-\x7f]/g, '').toLowerCase();
}

/**
 * The evidence spans to mark, of every recipient or (for a large report) of the recipient
 * in focus only. A span several recipients share is marked once and remembers them all.
 */
function validSpans(report, bytes, decoder, focus) {
  const byKey = new Map();
  const indices = focus == null ? report.recipients.keys() : [focus];
  for (const i of indices) {
    const r = report.recipients[i];
    if (!r) continue;
    for (const ev of r.evidence || []) {
      const key = spanKey(ev);
      const known = byKey.get(key);
      if (known) {
        if (!known.owners.includes(i)) known.owners.push(i);
        continue;
      }
      if (!spanOk(ev, bytes, decoder)) continue;
      byKey.set(key, { start: ev.start, end: ev.end, about: ev.about, key, owners: [i] });
    }
  }
  return [...byKey.values()].sort((a, b) => a.start - b.start || b.end - a.end);
}

/**
 * The windows of the input to show: all of it, or for a large input only the lines
 * around the evidence (laying out megabytes of text would stall the page).
 */
function viewWindows(spans, bytes) {
  if (bytes.length <= FULL_VIEW_BYTES) return [[0, bytes.length]];
  const lineStart = (i) => {
    const floor = Math.max(0, i - 400);
    for (let j = i; j > floor; j -= 1) if (bytes[j - 1] === 0x0a) return j;
    while (i > 0 && (bytes[i] & 0xc0) === 0x80) i -= 1; // no line start near: a character start
    return i;
  };
  const lineEnd = (i) => {
    const ceil = Math.min(bytes.length, i + 400);
    for (let j = i; j < ceil; j += 1) if (bytes[j] === 0x0a) return j + 1;
    while (i < bytes.length && (bytes[i] & 0xc0) === 0x80) i += 1;
    return Math.min(i, bytes.length);
  };
  const wanted = spans.length ? spans : [{ start: 0, end: 0 }];
  const windows = [];
  for (const s of wanted) {
    const a = lineStart(Math.max(0, s.start - VIEW_CONTEXT_BYTES));
    const b = lineEnd(Math.min(bytes.length, s.end + VIEW_CONTEXT_BYTES));
    const last = windows[windows.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else windows.push([a, b]);
  }
  return windows;
}

/** Appends bytes [from, to) to parent, the evidence spans in it as <mark>s. */
function appendMarked(parent, bytes, decoder, spans, from, to, marks) {
  const inside = spans.filter((s) => s.start < to && s.end > from);
  const points = new Set([from, to]);
  for (const s of inside) { points.add(Math.max(s.start, from)); points.add(Math.min(s.end, to)); }
  const cuts = [...points].sort((a, b) => a - b);
  let active = [];
  let next = 0;
  for (let i = 0; i + 1 < cuts.length; i += 1) {
    const a = cuts[i];
    const b = cuts[i + 1];
    active = active.filter((s) => s.end > a);
    while (next < inside.length && inside[next].start <= a) {
      if (inside[next].end > a) active.push(inside[next]);
      next += 1;
    }
    const text = decoder.decode(bytes.subarray(a, b));
    if (!active.length) {
      parent.append(text);
      continue;
    }
    const inner = active.reduce((x, y) => (y.end - y.start < x.end - x.start ? y : x));
    const abouts = [...new Set(active.map((s) => aboutLabel(s.about)))].join(', ');
    const owners = [...new Set(active.flatMap((s) => s.owners || []))].join(' ');
    const mark = h('mark', { class: `ev ev-${aboutClass(inner.about)}`, title: abouts, tabindex: '-1', 'data-owners': owners || null }, text);
    for (const s of active) if (!marks.has(s.key)) marks.set(s.key, mark);
    parent.append(mark);
  }
}

/**
 * The input view with the evidence marked: of all recipients, or of view.focus only when
 * the report is too large to mark everything. Fills view.marks (span key -> <mark>).
 */
function renderHighlight(view) {
  const { report, bytes, decoder } = view;
  const spans = validSpans(report, bytes, decoder, view.focus);
  const marks = new Map();
  const pre = h('pre', { class: 'highlight', id: 'highlight', tabindex: '0', 'aria-labelledby': 'input-view-heading' });
  const frag = document.createDocumentFragment();
  const windows = viewWindows(spans, bytes);
  const omitted = (size) => h('span', { class: 'omitted', text: t('highlight.omitted', { size: formatSize(state.lang, size) }) });
  let shown = 0;
  for (const [a, b] of windows) {
    if (a > shown) frag.append(omitted(a - shown));
    appendMarked(frag, bytes, decoder, spans, a, b, marks);
    shown = b;
  }
  if (shown < bytes.length) frag.append(omitted(bytes.length - shown));
  pre.append(frag);

  const sec = section('input-view', t('section.input'));
  const kinds = [...new Set(spans.map((s) => aboutClass(s.about)))];
  if (kinds.length) {
    sec.append(h('p', { class: 'legend' },
      h('span', { class: 'legend-title', text: t('highlight.legend') }),
      kinds.map((about) => h('span', { class: `legend-item ev ev-${about}`, text: aboutLabel(about) }))));
  } else {
    sec.append(h('p', { class: 'muted', text: t('highlight.none') }));
  }
  if (report.recipients.length > 1) sec.append(h('p', { class: 'selection-line', id: 'selection-line' }));
  if (windows.length !== 1 || windows[0][0] !== 0 || windows[0][1] !== bytes.length) {
    sec.append(h('p', { class: 'muted excerpt-note', text: t('highlight.excerpt', { size: formatSize(state.lang, bytes.length) }) }));
  }
  sec.append(pre);
  view.marks = marks;
  view.section = sec;
  return sec;
}

// ---------------------------------------------------------------- selecting a recipient

/**
 * Marks the evidence of recipient `index` in the input view (null: of everyone again). A
 * large report marks one recipient at a time, so its input view is redrawn for it.
 */
function selectRecipient(index, reveal) {
  const view = state.view;
  if (!view) return;
  const large = view.report.recipients.length > MARK_ALL_MAX;
  if (index == null && large) return;
  view.selected = view.selected === index && !large && reveal ? null : index; // a second click unselects
  if (large && view.focus !== view.selected) {
    view.focus = view.selected;
    const old = view.section;
    old.replaceWith(renderHighlight(view));
  }
  syncSelection();
  if (reveal && view.selected != null) {
    const first = [...view.section.querySelectorAll('mark.ev-selected')][0];
    if (first) revealMark(first);
  }
}

/** Brings rows, marks and the selection line in line with state.view.selected. */
function syncSelection() {
  const view = state.view;
  if (!view || !view.section) return;
  const selected = view.selected;
  const large = view.report.recipients.length > MARK_ALL_MAX;
  const pre = view.section.querySelector('pre');
  pre.classList.toggle('has-selection', selected != null && !large);
  for (const mark of pre.querySelectorAll('mark.ev-selected')) mark.classList.remove('ev-selected');
  if (selected != null) {
    for (const mark of pre.querySelectorAll('mark[data-owners]')) {
      if (mark.dataset.owners.split(' ').includes(String(selected))) mark.classList.add('ev-selected');
    }
  }
  for (const row of ui.results.querySelectorAll('.recipient-card')) {
    const on = row.dataset.index === String(selected);
    row.classList.toggle('is-selected', on);
    row.querySelector('.select-recipient')?.setAttribute('aria-pressed', String(on));
  }
  const line = view.section.querySelector('#selection-line');
  if (!line) return;
  const r = selected != null ? view.report.recipients[selected] : null;
  if (!r) {
    line.replaceChildren(h('span', { class: 'muted', text: t('select.all') }));
    return;
  }
  line.replaceChildren(h('span', {},
    t('select.one', { n: formatNumber(selected + 1), address: r.address || t('field.noAddress') }),
    large ? h('span', { class: 'muted', text: ` ${t('select.large', { n: formatNumber(view.report.recipients.length) })}` }) : null,
    large ? null : [' ', h('button', { type: 'button', class: 'button small', onclick: () => selectRecipient(null, false), text: t('select.clear') })]));
}

// ---------------------------------------------------------------- files

function pickDecoder(bytes) {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return utf8;
  } catch {
    return new TextDecoder('windows-1252');
  }
}

async function openFile(file) {
  clearError();
  showInfo('');
  if (file.size > MAX_BYTES) {
    showError(t('file.tooLarge', { name: file.name, size: formatSize(state.lang, file.size) }));
    return;
  }
  let buffer;
  try {
    buffer = await file.arrayBuffer();
  } catch (err) {
    showError(t('file.readError', { message: errorMessage(err) }));
    return;
  }
  const bytes = new Uint8Array(buffer);
  const decoder = pickDecoder(bytes);
  const text = decoder.decode(bytes);
  let preview = false;
  if (text.length > BOX_FULL_CHARS) {
    const cut = text.lastIndexOf('\n', BOX_PREVIEW_CHARS);
    const rest = text.length - (cut > 0 ? cut : BOX_PREVIEW_CHARS);
    ui.input.value = `${text.slice(0, cut > 0 ? cut : BOX_PREVIEW_CHARS)}\n\n${t('file.preview', { name: file.name, size: formatSize(state.lang, rest) })}\n`;
    preview = true;
  } else {
    ui.input.value = text;
  }
  // The textarea normalises line ends; remember its own value to notice edits.
  state.source = { file, bytes, text: ui.input.value, decoder, preview };
  ui.examples.value = '';
  forgetLink();
  showInfo(t('file.loaded', { name: file.name, size: formatSize(state.lang, bytes.length) }));
  runDecode();
}

const hasFiles = (event) => [...(event.dataTransfer?.types || [])].includes('Files');

// ---------------------------------------------------------------- permalink

function toBase64Url(bytes) {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text) {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

/** Puts the input of a #input=… fragment into the box: 'none', 'ok' or 'bad'. */
function readFragment() {
  if (!location.hash.startsWith('#input=')) return 'none';
  try {
    const data = location.hash.slice('#input='.length);
    if (!/^[A-Za-z0-9_-]*$/.test(data)) throw new Error('not base64url');
    ui.input.value = fromBase64Url(data);
    state.source = null;
    return 'ok';
  } catch {
    return 'bad';
  }
}

async function loadFragment() {
  const result = readFragment();
  if (result === 'none') return;
  await runDecode();
  if (result === 'bad') showError(t('link.bad'));
}

async function copyLink() {
  clearError();
  const text = ui.input.value;
  if (!text) {
    showInfo(t('link.empty'));
    return;
  }
  if (state.source && state.source.preview && state.source.text === text) {
    showError(t('link.tooLong', { size: formatSize(state.lang, state.source.file.size) }));
    return;
  }
  const fragment = `input=${toBase64Url(encoder.encode(text))}`;
  if (fragment.length > MAX_LINK_CHARS) {
    showError(t('link.tooLong', { size: formatSize(state.lang, fragment.length) }));
    return;
  }
  const url = new URL(location.href);
  url.hash = fragment; // the fragment only: it is never sent to a server
  history.replaceState(null, '', url);
  ui.linkOutput.value = url.href;
  ui.linkBox.hidden = false;
  try {
    await navigator.clipboard.writeText(url.href);
    showInfo(t('link.copied'));
  } catch {
    showInfo(t('link.copyFailed'));
    ui.linkOutput.focus();
    ui.linkOutput.select();
  }
}

/** Once the input changes, the link in the address bar no longer matches it. */
function forgetLink() {
  ui.linkBox.hidden = true;
  if (location.hash.startsWith('#input=')) {
    history.replaceState(null, '', location.pathname + location.search);
  }
}

// ---------------------------------------------------------------- language and theme

function initialLang() {
  const fromUrl = normLang(new URLSearchParams(location.search).get('lang'));
  if (fromUrl) return fromUrl;
  const stored = normLang(storage.get(STORE.lang));
  if (stored) return stored;
  for (const candidate of navigator.languages || [navigator.language]) {
    const lang = normLang(candidate);
    if (lang) return lang;
  }
  return 'en';
}

function applyStrings() {
  document.documentElement.lang = state.lang;
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  for (const node of document.querySelectorAll('[data-i18n-placeholder]')) node.placeholder = t(node.dataset.i18nPlaceholder);
  for (const button of ui.langButtons) button.setAttribute('aria-pressed', String(button.dataset.lang === state.lang));
  const selected = ui.examples.value;
  ui.examples.replaceChildren(
    h('option', { value: '', text: t('examples.choose') }),
    ...EXAMPLES.map((ex) => h('option', { value: ex.id, text: t(`example.${ex.id}`) })));
  ui.examples.value = selected;
}

function setLang(lang, chosen) {
  if (!LANGS.includes(lang)) return;
  state.lang = lang;
  if (chosen) {
    storage.set(STORE.lang, lang);
    const url = new URL(location.href);
    if (url.searchParams.has('lang')) {
      url.searchParams.set('lang', lang);
      history.replaceState(null, '', url);
    }
  }
  applyStrings();
  showInfo('');
  if (state.decoder) runDecode();
}

function effectiveTheme() {
  return document.documentElement.dataset.theme || (darkMedia.matches ? 'dark' : 'light');
}

function updateThemeButton() {
  ui.themeToggle.setAttribute('aria-pressed', String(effectiveTheme() === 'dark'));
}

function toggleTheme() {
  const theme = effectiveTheme() === 'dark' ? 'light' : 'dark';
  document.documentElement.dataset.theme = theme;
  storage.set(STORE.theme, theme);
  updateThemeButton();
}

// ---------------------------------------------------------------- wiring

function wire() {
  ui.input.addEventListener('input', () => {
    ui.examples.value = '';
    forgetLink();
    schedule();
  });
  ui.input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      runDecode();
    }
  });
  ui.decodeButton.addEventListener('click', () => runDecode());
  ui.examples.addEventListener('change', () => {
    const example = EXAMPLES.find((ex) => ex.id === ui.examples.value);
    if (!example) return;
    ui.input.value = example.text;
    state.source = null;
    forgetLink();
    showInfo('');
    runDecode();
  });
  ui.clearButton.addEventListener('click', () => {
    ui.input.value = '';
    ui.examples.value = '';
    state.source = null;
    forgetLink();
    showInfo('');
    runDecode();
    ui.input.focus();
  });
  ui.openButton.addEventListener('click', () => ui.fileInput.click());
  ui.fileInput.addEventListener('change', () => {
    const file = ui.fileInput.files && ui.fileInput.files[0];
    ui.fileInput.value = ''; // the same file can be opened again
    if (file) openFile(file);
  });

  ui.dropZone.addEventListener('dragover', (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    ui.dropZone.classList.add('dragging');
  });
  ui.dropZone.addEventListener('dragleave', (event) => {
    if (!ui.dropZone.contains(event.relatedTarget)) ui.dropZone.classList.remove('dragging');
  });
  ui.dropZone.addEventListener('drop', (event) => {
    ui.dropZone.classList.remove('dragging');
    if (!hasFiles(event)) return;
    event.preventDefault();
    const file = event.dataTransfer.files[0];
    if (file) openFile(file);
  });
  // A file dropped next to the box must not make the browser leave the page.
  window.addEventListener('dragover', (event) => { if (hasFiles(event)) event.preventDefault(); });
  window.addEventListener('drop', (event) => { if (hasFiles(event)) event.preventDefault(); });

  ui.copyLink.addEventListener('click', copyLink);
  ui.linkOutput.addEventListener('focus', () => ui.linkOutput.select());
  window.addEventListener('hashchange', loadFragment);

  for (const button of ui.langButtons) {
    button.addEventListener('click', () => setLang(button.dataset.lang, true));
  }
  ui.themeToggle.addEventListener('click', toggleTheme);
  darkMedia.addEventListener('change', updateThemeButton);
}

async function main() {
  state.lang = initialLang();
  applyStrings();
  updateThemeButton();
  wire();
  const fragment = readFragment();
  try {
    await loadEngine(); // a worker that fails to load says so at the first decode
  } catch (err) {
    showError(t('error.load', { message: errorMessage(err) }));
    ui.results.replaceChildren();
    finished();
    return;
  }
  ui.live.textContent = ui.input.value.trim() ? '' : t('status.ready');
  await runDecode();
  if (fragment === 'bad') showError(t('link.bad'));
}

main();
