// Evidence highlighting: the input view with the evidence spans of the decoder marked, and
// the selection of one recipient whose evidence is marked.
//
// A view is { report, bytes, decoder, selected, focus, marks, section, results }: the report
// shown, the input's bytes (the decoder's offsets count these) and the TextDecoder that
// reads them, the selected recipient and (for a large report) the one whose spans are
// drawn, the <mark> of each span key, the input-view section, and the results container.

import { formatSize } from '../i18n.js';
import { h, section } from './dom.js';
import { aboutClass, aboutLabel, spanKey } from './render.js';

export const MARK_ALL_MAX = 200; // up to this many recipients, the evidence of all is marked at once
const FULL_VIEW_BYTES = 256 * 1024; // larger inputs are shown around the evidence only
const VIEW_CONTEXT_BYTES = 1500;

/** Scrolls the input view (not the page) so that mark is visible. */
export function scrollViewTo(mark) {
  if (!mark) return;
  const pre = mark.closest('pre');
  if (mark.offsetTop + mark.offsetHeight > pre.scrollTop + pre.clientHeight || mark.offsetTop < pre.scrollTop) {
    pre.scrollTop = Math.max(0, mark.offsetTop - 48); // .highlight is position: relative
  }
}

/** The "Show" button of an evidence row: select its recipient, then bring the span into view. */
export function showEvidence(ctx, view, index, key) {
  if (view.selected !== index) selectRecipient(ctx, view, index, false);
  const mark = view.marks.get(key);
  if (mark) revealMark(mark);
}

function revealMark(mark) {
  mark.scrollIntoView({ block: 'center', behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
  mark.focus({ preventScroll: true });
  mark.classList.remove('flash');
  void mark.offsetWidth; // restart the animation
  mark.classList.add('flash');
}


/**
 * True when an evidence span can be marked: the bytes there read as the evidence text,
 * so a wrong offset never marks something the decoder did not find.
 */
export function spanOk(ev, bytes, decoder) {
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
function appendMarked(ctx, parent, bytes, decoder, spans, from, to, marks) {
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
    const abouts = [...new Set(active.map((s) => aboutLabel(ctx, s.about)))].join(', ');
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
export function renderHighlight(ctx, view) {
  const { report, bytes, decoder } = view;
  const spans = validSpans(report, bytes, decoder, view.focus);
  const marks = new Map();
  const pre = h('pre', { class: 'highlight', id: 'highlight', tabindex: '0', 'aria-labelledby': 'input-view-heading' });
  const frag = document.createDocumentFragment();
  const windows = viewWindows(spans, bytes);
  const omitted = (size) => h('span', { class: 'omitted', text: ctx.t('highlight.omitted', { size: formatSize(ctx.lang, size) }) });
  let shown = 0;
  for (const [a, b] of windows) {
    if (a > shown) frag.append(omitted(a - shown));
    appendMarked(ctx, frag, bytes, decoder, spans, a, b, marks);
    shown = b;
  }
  if (shown < bytes.length) frag.append(omitted(bytes.length - shown));
  pre.append(frag);

  const sec = section('input-view', ctx.t('section.input'));
  const kinds = [...new Set(spans.map((s) => aboutClass(s.about)))];
  if (kinds.length) {
    sec.append(h('p', { class: 'legend' },
      h('span', { class: 'legend-title', text: ctx.t('highlight.legend') }),
      kinds.map((about) => h('span', { class: `legend-item ev ev-${about}`, text: aboutLabel(ctx, about) }))));
  } else {
    sec.append(h('p', { class: 'muted', text: ctx.t('highlight.none') }));
  }
  if (report.recipients.length > 1) sec.append(h('p', { class: 'selection-line', id: 'selection-line' }));
  if (windows.length !== 1 || windows[0][0] !== 0 || windows[0][1] !== bytes.length) {
    sec.append(h('p', { class: 'muted excerpt-note', text: ctx.t('highlight.excerpt', { size: formatSize(ctx.lang, bytes.length) }) }));
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
export function selectRecipient(ctx, view, index, reveal) {
  if (!view) return;
  const large = view.report.recipients.length > MARK_ALL_MAX;
  if (index == null && large) return;
  view.selected = view.selected === index && !large && reveal ? null : index; // a second click unselects
  if (large && view.focus !== view.selected) {
    view.focus = view.selected;
    const old = view.section;
    old.replaceWith(renderHighlight(ctx, view));
  }
  syncSelection(ctx, view);
  if (reveal && view.selected != null) {
    const first = [...view.section.querySelectorAll('mark.ev-selected')][0];
    if (first) revealMark(first);
  }
}

/** Brings rows, marks and the selection line in line with view.selected. */
export function syncSelection(ctx, view) {
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
  for (const row of view.results.querySelectorAll('.recipient-card')) {
    const on = row.dataset.index === String(selected);
    row.classList.toggle('is-selected', on);
    row.querySelector('.select-recipient')?.setAttribute('aria-pressed', String(on));
  }
  const line = view.section.querySelector('#selection-line');
  if (!line) return;
  const r = selected != null ? view.report.recipients[selected] : null;
  if (!r) {
    line.replaceChildren(h('span', { class: 'muted', text: ctx.t('select.all') }));
    return;
  }
  line.replaceChildren(h('span', {},
    ctx.t('select.one', { n: ctx.number(selected + 1), address: r.address || ctx.t('field.noAddress') }),
    large ? h('span', { class: 'muted', text: ` ${ctx.t('select.large', { n: ctx.number(view.report.recipients.length) })}` }) : null,
    large ? null : [' ', h('button', { type: 'button', class: 'button small', onclick: () => selectRecipient(ctx, view, null, false), text: ctx.t('select.clear') })]));
}
