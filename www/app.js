// The bounce-decoder page: wires the input box, the files, the permalink, language and theme
// to the decoder worker and the renderers. Each job lives in its own module under ui/:
//   worker-client.js  the decoder in a Web Worker       render.js     a report as HTML
//   engine.js         the decoder started at once
//   highlight.js      evidence marked in the input      batch.js      the batch table
//   files.js          opening and dropping files        permalink.js  #input=… links
//   prefs.js          language and theme                dom.js, labels.js  shared helpers
//   texts.js          the knowledge base's texts, which the page's wasm is built without:
//                     whole files per language, loaded at start (what a first answer shows)
//                     and when a section of an explanation is opened (the rest)
// Everything that comes from the input (and so from the decoder's report) is untrusted: it
// only ever reaches the page as text nodes (textContent, append of strings), never as HTML.

import { LANGS, t as translate, formatSize, loadStrings, stringsLoaded, keysStartingWith } from './i18n.js';
import { h } from './ui/dom.js';
import { context } from './ui/labels.js';
import { DecodeFailure, errorMessage } from './ui/worker-client.js';
import { engine } from './ui/engine.js';
import { renderEmpty, renderSummary, renderExplanations, explanationsWaiting, renderDetails } from './ui/render.js';
import { firstTextsIfLoaded, loadFirstTexts, loadTexts, mergeTexts, sectionsOf } from './ui/texts.js';
import { MARK_ALL_MAX, renderHighlight, selectRecipient, showEvidence, spanOk, syncSelection, scrollViewTo } from './ui/highlight.js';
import { MAX_BYTES, pickDecoder, acceptDrops } from './ui/files.js';
import { fragmentInput, fragmentFor } from './ui/permalink.js';
import { initialLang, rememberLang, wireThemeButton } from './ui/prefs.js';
import { isMbox } from './ui/mbox.js';
// the batch table (ui/batch.js) is loaded when one is shown: most visits never need it
let batchModule = null;
const loadBatch = () => import('./ui/batch.js').then((m) => { batchModule = m; return m; });
// the examples' texts (examples.js) when the menu is used: the menu lists them by their
// labels (i18n "example.<id>"), and a first answer needs none of them
let examplesLoading = null;
const loadExamples = () => (examplesLoading ||= import('./examples.js').then((m) => m.EXAMPLES, (err) => { examplesLoading = null; throw err; }));
/** A pasted log with several recipients is shown as a table too. */
const wantsTable = (report) => report.input === 'log' && report.recipients.length > 1;

const MAX_RECIPIENTS = 10_000; // the decoder stops there and says so in a warning
const STATUS_ITEMS_MAX = 10; // beyond this, the live status line gives counts only
// An opened file larger than this goes into the box as its beginning only (the whole file is
// decoded): laying out megabytes of text in a textarea freezes the page for seconds.
const BOX_FULL_CHARS = 512 * 1024;
const BOX_PREVIEW_CHARS = 16 * 1024;
const DEBOUNCE_MS = 250;
const SLOW_MS = 300; // a decode not answered by then shows "Decoding…"

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

const state = {
  lang: 'en',
  module: null, // the compiled wasm module
  decoder: null, // the DecoderWorker of the box, once the wasm module is compiled
  labelCache: new Map(), // lang -> labels(lang), sent along by the worker
  langSeq: 0, // counts the languages chosen, so only the last one is applied
  // while the box holds an unedited opened file or large paste: { name, text (the box's value),
  // decoder, preview, and file and bytes (a file) or whole (the pasted text) }
  source: null,
  seq: 0,
  timer: 0,
  slowTimer: 0,
  decoded: 0,
  view: null, // the highlight view (highlight.js) of the results shown
  batch: null, // the Batch shown, while the results are a batch table
};

const t = (key, vars) => translate(state.lang, key, vars);

/** The rendering context of the page's language, with the hooks of the evidence view. */
function ctx() {
  const c = context(state.lang, state.labelCache.get(state.lang));
  const view = state.view;
  c.hooks = view && {
    spanOk: (ev) => spanOk(ev, view.bytes, view.decoder),
    select: (i, reveal) => selectRecipient(c, view, i, reveal),
    show: (i, key) => showEvidence(c, view, i, key),
    rowsShown: () => syncSelection(c, view),
  };
  // the explanations' sections, whose texts come when one is opened (ui/texts.js)
  const lang = view ? view.report.lang : state.lang;
  c.texts = view && {
    sections: (code) => sectionsOf(lang, code),
    details: () => loadTexts(lang, 'details').then((file) => { mergeTexts(view.report.explanations, file); }),
  };
  return c;
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

/** The size of a source in bytes (an opened file), or in characters (a large paste). */
const sourceSize = (source) => (source.file ? source.file.size : source.whole.length);

function tooLarge(size) {
  showError(t('input.tooLarge', { size: formatSize(state.lang, size) }));
  stopBatch();
  ui.results.replaceChildren(renderEmpty(ctx()));
  state.view = null;
  ui.live.textContent = t('status.error');
  finished();
}

async function runDecode() {
  clearTimeout(state.timer);
  const seq = ++state.seq;
  if (!state.decoder) return; // runs again once the decoder is ready
  const text = ui.input.value;
  const source = state.source && state.source.text === text ? state.source : null;
  if (!source) state.source = null;
  clearError();
  // the text to decode (the box's, or a large paste's whole text), or null for a file's bytes
  const whole = source ? source.whole ?? null : text;

  if (whole !== null && !/\S/.test(whole)) {
    stopBatch();
    ui.results.replaceChildren(renderEmpty(ctx()));
    state.view = null;
    ui.live.textContent = '';
    finished();
    return;
  }
  // A text is encoded here only when it may be an mbox; otherwise the worker encodes it (the
  // evidence offsets count its UTF-8 bytes), checks its size and hands the bytes back, so a
  // large paste costs this thread nothing.
  const textBytes = whole !== null && whole.startsWith('From ') ? encoder.encode(whole) : null;
  const size = source && source.file ? source.file.size : textBytes ? textBytes.length : null;
  if (size > MAX_BYTES) {
    tooLarge(size);
    return;
  }

  const wholeBytes = whole === null ? await sourceBytes(source).catch(() => null) : textBytes;
  if (seq !== state.seq) return;
  if (wholeBytes && isMbox(wholeBytes)) {
    // an mbox: one row per recipient of each message, in the batch table
    finished();
    runBatch([{ name: source ? source.name : t('batch.pasted'), bytes: wholeBytes }]);
    return;
  }
  setBusy(true, size ?? whole.length);
  const lang = state.lang;
  const options = { lang, explanations: true, max_recipients: MAX_RECIPIENTS };
  let input;
  if (whole === null) {
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
    input = { text: whole, maxBytes: MAX_BYTES };
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
  if (whole === null && answer.bytes && !source.bytes) source.bytes = answer.bytes;
  if (answer.labels) state.labelCache.set(lang, answer.labels);
  if (seq !== state.seq) return; // the input changed meanwhile: only the newest answer counts
  if (answer.tooLarge) {
    tooLarge(answer.tooLarge);
    return;
  }
  if (wantsTable(answer.report) && !batchModule) {
    await loadBatch().catch(() => {}); // without it, the cards alone
    if (seq !== state.seq) return;
  }
  try {
    render(answer.report, answer.bytes, source ? source.decoder : utf8);
    ui.live.textContent = statusLine(answer.report);
  } catch (err) {
    // A bug of this page: report it rather than show half a result.
    decodeFailed(new DecodeFailure('decode', errorMessage(err)));
  }
  finished();
}

function decodeFailed(failure) {
  stopBatch();
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
  const c = ctx();
  const recipients = report.recipients;
  if (!recipients.length) {
    const warning = report.warnings.length ? report.warnings[0].message : '';
    return t('status.none', { warning }).trim();
  }
  if (recipients.length > STATUS_ITEMS_MAX) {
    const counts = new Map();
    for (const r of recipients) counts.set(r.outcome, (counts.get(r.outcome) || 0) + 1);
    const items = [...counts].map(([outcome, n]) => `${c.number(n)} × ${c.label('outcomes', outcome).label}`).join(', ');
    return t('status.many', { n: c.number(recipients.length), items });
  }
  const items = recipients
    .map((r) => `${c.label('outcomes', r.outcome).label}, ${r.reason ? c.label('reasons', r.reason).label : t('reason.none')}`)
    .join('; ');
  return recipients.length === 1 ? t('status.one', { items }) : t('status.many', { n: recipients.length, items });
}

// ---------------------------------------------------------------- showing a report

function render(report, bytes, decoder) {
  stopBatch();
  const many = report.recipients.length > MARK_ALL_MAX;
  state.view = { report, bytes, decoder, selected: many ? 0 : null, focus: many ? 0 : null, marks: new Map(), section: null, results: ui.results };
  const c = ctx();
  const highlight = renderHighlight(c, state.view);
  const table = wantsTable(report) && batchModule ? batchModule.Batch.ofReport(c, report, t('batch.pasted')).element : null;
  ui.results.replaceChildren(
    table || '',
    renderSummary(c, report),
    explanations(c, report),
    renderDetails(c, report),
    highlight,
  );
  syncSelection(c, state.view);
  // Bring the first mark into the (scrollable) input view, without moving the page: in the
  // next frame, whose layout this then does, rather than in a layout forced now for it.
  const view = state.view;
  requestAnimationFrame(() => { if (state.view === view) scrollViewTo(highlight.querySelector('pre mark')); });
}

/**
 * The explanations of a report, with the texts of texts/<lang>.json. The first result does
 * not wait for that file: if it has not arrived yet, the cards follow when it does.
 */
function explanations(c, report) {
  const files = firstTextsIfLoaded(report.lang, report.explanations); // [] when none lacks its texts
  if (files) {
    for (const file of files) mergeTexts(report.explanations, file);
    return renderExplanations(c, report) || '';
  }
  const waiting = explanationsWaiting(c);
  loadFirstTexts(report.lang, report.explanations).then((loaded) => {
    if (!waiting.isConnected || state.view?.report !== report) return;
    for (const file of loaded) mergeTexts(report.explanations, file);
    waiting.replaceWith(renderExplanations(ctx(), report) || '');
  }, (err) => {
    if (!waiting.isConnected) return;
    waiting.removeAttribute('aria-busy');
    waiting.lastElementChild.textContent = t('expl.waitFailed', { message: errorMessage(err) });
  });
  return waiting;
}

// ---------------------------------------------------------------- batches

/** Decodes several files (or an mbox) into the batch table. */
async function runBatch(inputs) {
  stopBatch();
  clearTimeout(state.timer);
  const seq = ++state.seq; // a decode of the box still under way no longer counts
  state.view = null;
  clearError();
  setBusy(false);
  ui.results.setAttribute('aria-busy', 'true');
  let Batch;
  try {
    ({ Batch } = batchModule || await loadBatch());
  } catch (err) {
    if (seq !== state.seq) return;
    decodeFailed(new DecodeFailure('load', errorMessage(err)));
    finished();
    return;
  }
  if (seq !== state.seq) return; // another input came meanwhile
  const batch = new Batch({
    module: state.module,
    lang: state.lang,
    labels: () => state.labelCache.get(state.lang),
    onLabels: (lang, table) => state.labelCache.set(lang, table),
    onChange: (text) => { ui.live.textContent = text; },
  });
  state.batch = batch;
  ui.results.replaceChildren(batch.element);
  // the table is redrawn as files are done: the live region waits for the end (the live
  // status line says when it starts and ends)
  ui.results.setAttribute('aria-busy', 'true');
  batch.run(inputs).finally(() => {
    if (state.batch === batch) finished();
  });
}

function stopBatch() {
  state.batch?.stop();
  state.batch = null;
}

// ---------------------------------------------------------------- files

async function openFiles(files) {
  clearError();
  showInfo('');
  if (files.length > 1) {
    ui.input.value = '';
    state.source = null;
    ui.examples.value = '';
    forgetLink();
    showInfo(t('batch.opened', { n: files.length }));
    runBatch(files.map((file) => ({ name: file.name, file })));
    return;
  }
  openFile(files[0]);
}

async function openFile(file) {
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
  showSource({ name: file.name, file, bytes, decoder }, decoder.decode(bytes), (rest) => t('file.preview', { name: file.name, size: rest }));
  showInfo(t('file.loaded', { name: file.name, size: formatSize(state.lang, bytes.length) }));
  runDecode();
}

/**
 * Puts an input that is decoded whole into the box: all of it, or, over BOX_FULL_CHARS, its
 * beginning and the note `more(size of the rest)`; the box's value is remembered to notice edits.
 */
function showSource(source, text, more) {
  let preview = false;
  if (text.length > BOX_FULL_CHARS) {
    const cut = text.lastIndexOf('\n', BOX_PREVIEW_CHARS);
    const rest = text.length - (cut > 0 ? cut : BOX_PREVIEW_CHARS);
    ui.input.value = `${text.slice(0, cut > 0 ? cut : BOX_PREVIEW_CHARS)}\n\n${more(formatSize(state.lang, rest))}\n`;
    preview = true;
  } else {
    ui.input.value = text;
  }
  // The textarea normalises line ends; remember its own value to notice edits.
  state.source = { ...source, text: ui.input.value, preview };
  ui.examples.value = '';
  forgetLink();
}

/**
 * A paste of more than BOX_FULL_CHARS: the browser would lay all of it out in the box,
 * freezing the page for seconds. Like a large file, the box shows the beginning and the whole
 * text (with what the box already had around the cursor) is decoded.
 */
function pasteLarge(event) {
  const pasted = event.clipboardData ? event.clipboardData.getData('text/plain') : '';
  if (pasted.length <= BOX_FULL_CHARS) return; // the browser puts it into the box
  event.preventDefault();
  const box = ui.input;
  const old = state.source && state.source.text === box.value && state.source.preview ? null : box.value;
  const text = old === null ? pasted : old.slice(0, box.selectionStart) + pasted + old.slice(box.selectionEnd);
  showSource({ name: t('batch.pasted'), whole: text, decoder: utf8 }, text, (rest) => t('paste.preview', { size: rest }));
  showInfo(t('paste.loaded', { size: formatSize(state.lang, text.length) }));
  runDecode();
}

// ---------------------------------------------------------------- permalink

/** Puts the input of a #input=… fragment into the box: 'none', 'ok' or 'bad'. */
function readFragment() {
  const found = fragmentInput(location.hash);
  if (found.state === 'ok') {
    ui.input.value = found.text;
    state.source = null;
  }
  return found.state;
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
    showError(t('link.tooLong', { size: formatSize(state.lang, sourceSize(state.source)) }));
    return;
  }
  const fragment = fragmentFor(text);
  if (!fragment) {
    showError(t('link.tooLong', { size: formatSize(state.lang, encoder.encode(text).length * 4 / 3) }));
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

// ---------------------------------------------------------------- language

function applyStrings() {
  document.documentElement.lang = state.lang;
  // only what differs is written: the page's HTML already holds the English
  for (const node of document.querySelectorAll('[data-i18n]')) {
    const text = t(node.dataset.i18n);
    if (node.textContent !== text) node.textContent = text;
  }
  for (const node of document.querySelectorAll('[data-i18n-placeholder]')) {
    const text = t(node.dataset.i18nPlaceholder);
    if (node.placeholder !== text) node.placeholder = text;
  }
  for (const button of ui.langButtons) button.setAttribute('aria-pressed', String(button.dataset.lang === state.lang));
  const selected = ui.examples.value;
  ui.examples.replaceChildren(
    h('option', { value: '', text: t('examples.choose') }),
    ...keysStartingWith(state.lang, 'example.').map((key) => h('option', { value: key.slice('example.'.length), text: t(key) })));
  ui.examples.value = selected;
}

async function setLang(lang, chosen) {
  if (!LANGS.includes(lang)) return;
  const seq = ++state.langSeq;
  try {
    await loadStrings(lang);
  } catch (err) {
    if (seq === state.langSeq) showError(t('error.strings', { message: errorMessage(err) }));
    return;
  }
  if (seq !== state.langSeq) return; // another language was chosen meanwhile
  clearError();
  state.lang = lang;
  preloadTexts();
  if (chosen) rememberLang(lang);
  applyStrings();
  showInfo('');
  if (state.batch) state.batch.setLang(lang);
  else if (state.decoder) runDecode();
}

// ---------------------------------------------------------------- wiring

function wire() {
  ui.input.addEventListener('input', (event) => {
    ui.examples.value = '';
    forgetLink();
    // a paste or a drop is a whole input: decoded at once; typing waits for a pause
    if (event.inputType === 'insertFromPaste' || event.inputType === 'insertFromDrop') runDecode();
    else schedule();
  });
  ui.input.addEventListener('paste', pasteLarge);
  ui.input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      runDecode();
    }
  });
  ui.decodeButton.addEventListener('click', () => runDecode());
  const warmExamples = () => { loadExamples().catch(() => {}); }; // reported when one is chosen
  ui.examples.addEventListener('pointerenter', warmExamples);
  ui.examples.addEventListener('focus', warmExamples);
  ui.examples.addEventListener('change', async () => {
    const id = ui.examples.value;
    let examples;
    try {
      examples = await loadExamples();
    } catch (err) {
      showError(t('error.examples', { message: errorMessage(err) }));
      return;
    }
    const example = examples.find((ex) => ex.id === id);
    if (!example || ui.examples.value !== id) return; // none, or another was chosen meanwhile
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
    const files = [...(ui.fileInput.files || [])];
    ui.fileInput.value = ''; // the same file can be opened again
    if (files.length) openFiles(files);
  });
  acceptDrops(ui.dropZone, openFiles);

  ui.copyLink.addEventListener('click', copyLink);
  ui.linkOutput.addEventListener('focus', () => ui.linkOutput.select());
  window.addEventListener('hashchange', loadFragment);

  for (const button of ui.langButtons) {
    button.addEventListener('click', () => setLang(button.dataset.lang, true));
  }
  wireThemeButton(ui.themeToggle);
}

/** Asks for the texts a first answer in the page's language shows, while the decoder loads. */
function preloadTexts() {
  loadTexts(state.lang).catch(() => {}); // a failure shows where the texts are used
}

async function main() {
  state.lang = initialLang();
  preloadTexts();
  wire();
  // without its strings the page keeps the English of its HTML; English when the language's fail
  await loadStrings(state.lang).catch(() => loadStrings('en')).catch(() => {});
  if (stringsLoaded(state.lang) || stringsLoaded('en')) applyStrings();
  const fragment = readFragment();
  try {
    // the decoder started by ui/engine.js, taken into use only now, so that no answer is shown
    // before the strings are there to label it (a worker that fails to load says so at the
    // first decode)
    ({ decoder: state.decoder, module: state.module } = await engine);
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
