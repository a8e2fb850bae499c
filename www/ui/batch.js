// The batch table: several files, an mbox or a pasted log decoded into one table of
// recipients (file or message, address, domain, status, outcome, reason, action,
// provider), with sorting, filters by outcome, reason, action and domain, counts by reason, and CSV
// and JSON export, all in the browser. Files are decoded one after the other in a worker of
// their own, so the page stays responsive; a file that fails gets its own error row.
//
// An mbox is split (ui/mbox.js), as the decoder splits it (src/mbox.rs), and each message decoded
// alone; the evidence offsets of its report are shifted by the message's start, so they
// count from the start of the whole file, as the exports say.

import { formatSize } from '../i18n.js';
import { h, section } from './dom.js';
import { context, bounceType, outcomeOf, reasonOf, domainOf } from './labels.js';
import { badge } from './render.js';
import { DecoderWorker } from './worker-client.js';
import { MAX_BYTES } from './files.js';
import { splitMbox } from './mbox.js';

export { splitMbox, isMbox } from './mbox.js';

const MAX_ROWS_SHOWN = 1000; // the table shows this many rows; the exports have all
const RENDER_EVERY_MS = 250; // while decoding, the table is redrawn at most this often
const MAX_RECIPIENTS = 10_000;

export const COLUMNS = ['file', 'message', 'address', 'domain', 'status', 'outcome', 'reason', 'action', 'provider'];
// the same columns as the CLI's --csv, then the page's own error column
const ESP_COLUMNS = ['sparkpost_class', 'ses_bounce_type', 'ses_bounce_subtype', 'postmark_type', 'sendgrid_classification', 'mailgun_severity'];
const CSV_COLUMNS = ['file', 'message', 'kind', 'address', 'domain', 'status', 'reply_code', 'outcome', 'bounce_type', 'reason', 'action', 'provider', 'remote_mta', 'diagnostic', 'decided_by', ...ESP_COLUMNS, 'error'];
const FILTERS = ['outcome', 'reason', 'action', 'domain'];

/** The report with every evidence offset moved by `offset` bytes. */
function shifted(report, offset) {
  if (!offset) return report;
  for (const r of report.recipients) {
    for (const ev of r.evidence || []) {
      if (Number.isInteger(ev.start)) ev.start += offset;
      if (Number.isInteger(ev.end)) ev.end += offset;
    }
  }
  return report;
}

/** One RFC 4180 field; a field a spreadsheet would run as a formula gets a leading apostrophe. */
function csvField(value) {
  let text = value == null ? '' : String(value);
  if (text.length > 1 && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export class Batch {
  /**
   * module: the compiled wasm module (null for a table of one report made by ofReport);
   * labels(): the label table of the current language, if known; onLabels(lang, table);
   * onChange(text): a short status line for the page's live region.
   */
  constructor({ module, lang, labels, onLabels, onChange, title }) {
    this.module = module;
    this.lang = lang;
    this.labels = labels || (() => undefined);
    this.onLabels = onLabels || (() => {});
    this.onChange = onChange || (() => {});
    this.messages = []; // { file, message, offset, report } | { file, error }
    this.total = 0;
    this.done = 0;
    this.sort = { column: null, descending: false };
    this.filter = Object.fromEntries(FILTERS.map((f) => [f, '']));
    this.stopped = false;
    this.current = null; // { name, done, total } while an mbox's messages are decoded
    this.worker = null;
    this.renderTimer = 0;
    this.title = title || null;
    this.element = section('batch', '');
    this.element.dataset.state = 'idle';
    this.render();
  }

  /** A table of the recipients of one report already decoded (a pasted log). */
  static ofReport(ctx, report, name) {
    const batch = new Batch({ module: null, lang: ctx.lang, labels: () => undefined, title: ctx.t('batch.titleLog') });
    batch.ctx = () => ctx;
    batch.total = 1;
    batch.done = 1;
    batch.messages.push({ file: name, message: null, offset: 0, report });
    batch.element.dataset.state = 'done';
    batch.render();
    return batch;
  }

  ctx() {
    return context(this.lang, this.labels());
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.renderTimer);
    this.worker?.stop('superseded', 'a newer input');
    this.worker = null;
  }

  /** Shows the table in another language (the labels of a language not seen yet are fetched first). */
  setLang(lang) {
    this.lang = lang;
    if (!this.labels() && this.module) {
      // a worker of its own: a request to the batch's worker could make it drop a slow decode
      const worker = new DecoderWorker(this.module);
      worker.start();
      worker.decode({ text: '' }, { lang }, lang).then((answer) => {
        if (answer.labels) this.onLabels(lang, answer.labels);
      }, () => {}).finally(() => {
        worker.stop('superseded', 'labels fetched');
        if (!this.stopped) this.render();
      });
      return;
    }
    this.render();
  }

  /** inputs: [{ name, file } | { name, bytes }], decoded in order. */
  async run(inputs) {
    this.total = inputs.length;
    this.element.dataset.state = 'running';
    this.worker = new DecoderWorker(this.module);
    this.worker.start();
    const c = this.ctx();
    this.onChange(c.t('batch.started', { n: c.number(this.total) }));
    this.render();
    for (const input of inputs) {
      if (this.stopped) return;
      await this.decodeInput(input);
      if (this.stopped) return;
      this.done += 1;
      this.scheduleRender();
    }
    this.worker.stop('superseded', 'done');
    this.worker = null;
    clearTimeout(this.renderTimer);
    this.element.dataset.state = 'done';
    this.render();
    const d = this.ctx();
    this.onChange(d.t('batch.finished', { n: d.number(this.total), recipients: d.number(this.rows().length) }));
  }

  async decodeInput({ name, file, bytes }) {
    const c = this.ctx();
    try {
      if (!bytes) {
        if (file.size > MAX_BYTES) throw new Error(c.t('file.tooLarge', { name, size: formatSize(this.lang, file.size) }));
        bytes = new Uint8Array(await file.arrayBuffer());
      }
      const parts = splitMbox(bytes);
      for (const [k, part] of parts.entries()) {
        if (this.stopped) return;
        const message = parts.length > 1 ? k + 1 : null;
        // an mbox of many messages: the progress line counts its messages too
        this.current = parts.length > 1 ? { name, done: k, total: parts.length } : null;
        if (k) this.scheduleRender();
        try {
          const lang = this.lang;
          const answer = await this.worker.decode(
            { bytes: bytes.slice(part.start, part.end) },
            { lang, explanations: false, max_recipients: MAX_RECIPIENTS },
            this.labels() ? null : lang);
          if (answer.labels) this.onLabels(lang, answer.labels);
          this.messages.push({ file: name, message, offset: part.start, report: shifted(answer.report, parts.length > 1 ? part.start : 0) });
        } catch (err) {
          if (this.stopped) return;
          this.messages.push({ file: name, message, error: String(err?.message ?? err) });
        }
      }
    } catch (err) {
      this.messages.push({ file: name, message: null, error: String(err?.message ?? err) });
    }
    this.current = null;
  }

  /** One row per recipient, one per message without recipients, one per failed file. */
  rows() {
    const rows = [];
    for (const m of this.messages) {
      const base = { file: m.file, message: m.message };
      if (m.error) {
        rows.push({ ...base, error: m.error, kind: '', address: '', domain: '', status: '', outcome: '', bounce_type: '', reason: '', action: '', provider: '' });
        continue;
      }
      if (!m.report.recipients.length) {
        rows.push({ ...base, kind: m.report.kind, empty: true, address: '', domain: '', status: '', outcome: 'not_a_failure', bounce_type: 'none', reason: '', action: '', provider: '', warning: m.report.warnings.map((w) => w.message).join(' ') });
        continue;
      }
      for (const r of m.report.recipients) {
        rows.push({
          ...base,
          kind: m.report.kind,
          address: r.address || '',
          domain: domainOf(r.address),
          status: r.status || '',
          reply_code: r.reply_code,
          outcome: outcomeOf(r.outcome),
          bounce_type: bounceType(r.bounce_type),
          reason: r.reason || '',
          action: r.action || '',
          provider: r.provider?.name || '',
          remote_mta: r.remote_mta || '',
          diagnostic: r.diagnostic || '',
          decided_by: r.decided_by || '',
          ...Object.fromEntries(ESP_COLUMNS.map((c) => [c, r.esp?.[c] ?? ''])),
        });
      }
    }
    return rows;
  }

  /** The rows that pass the filters, in the chosen order. */
  visibleRows() {
    let rows = this.rows().filter((row) => FILTERS.every((f) => !this.filter[f] || row[f] === this.filter[f]));
    const { column, descending } = this.sort;
    if (column) {
      const key = (row) => (column === 'message' ? row.message ?? 0 : String(row[column] ?? ''));
      rows = rows
        .map((row, i) => ({ row, i }))
        .sort((a, b) => {
          const x = key(a.row);
          const y = key(b.row);
          const order = typeof x === 'number' ? x - y : x.localeCompare(y);
          return (descending ? -order : order) || a.i - b.i;
        })
        .map(({ row }) => row);
    }
    return rows;
  }

  csv() {
    const lines = [CSV_COLUMNS.join(',')];
    for (const row of this.visibleRows()) {
      lines.push(CSV_COLUMNS.map((col) => csvField(col === 'error' ? row.error : row[col])).join(','));
    }
    return `${lines.join('\r\n')}\r\n`;
  }

  /** Every message: its file, number in an mbox, start offset and report (offsets from the file's start). */
  json() {
    return JSON.stringify(this.messages.map((m) => (m.error
      ? { file: m.file, message_index: m.message, error: m.error }
      : { file: m.file, message_index: m.message, offset: m.offset, report: m.report })), null, 2);
  }

  scheduleRender() {
    if (this.renderTimer) return;
    this.renderTimer = setTimeout(() => {
      this.renderTimer = 0;
      this.render();
    }, RENDER_EVERY_MS);
  }

  render() {
    const c = this.ctx();
    const sec = this.element;
    const heading = sec.querySelector('h2');
    heading.textContent = this.title || c.t('batch.title', { n: c.number(this.total) });
    sec.dataset.done = String(this.done);
    sec.dataset.total = String(this.total);
    const all = this.rows();
    const shown = this.visibleRows();
    const parts = [heading];
    if (this.module) {
      parts.push(h('div', { class: 'batch-progress' },
        h('progress', { max: String(Math.max(1, this.total)), value: String(this.done), 'aria-labelledby': 'batch-progress-text' }),
        h('span', { id: 'batch-progress-text', text: c.t('batch.progress', { done: c.number(this.done), total: c.number(this.total) }) }),
        this.current ? h('span', { class: 'muted batch-progress-messages', text: c.t('batch.progressMessages', { done: c.number(this.current.done), total: c.number(this.current.total), name: this.current.name }) }) : null));
    }
    parts.push(this.countsByReason(c, all), this.controls(c, all, shown.length));
    parts.push(h('div', { class: 'table-scroll' }, this.table(c, shown)));
    if (shown.length > MAX_ROWS_SHOWN) {
      parts.push(h('p', { class: 'muted', text: c.t('batch.capped', { shown: c.number(MAX_ROWS_SHOWN), total: c.number(shown.length) }) }));
    }
    const focused = sec.contains(document.activeElement) ? document.activeElement.dataset.focusKey : null;
    sec.replaceChildren(...parts);
    if (focused) sec.querySelector(`[data-focus-key="${focused}"]`)?.focus();
  }

  countsByReason(c, rows) {
    const counts = new Map();
    for (const row of rows) {
      if (row.error || row.empty) continue;
      counts.set(row.reason, (counts.get(row.reason) || 0) + 1);
    }
    const errors = rows.filter((row) => row.error).length;
    const sorted = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    return h('div', { class: 'batch-counts' },
      h('h3', { text: c.t('batch.byReason') }),
      h('ul', { class: 'count-list' },
        sorted.map(([reason, n]) => h('li', { 'data-reason': reason },
          h('span', { class: 'count-n', text: c.number(n) }), ' ', reasonOf(c, { reason }).label)),
        errors ? h('li', { class: 'count-errors', 'data-reason': 'error' }, h('span', { class: 'count-n', text: c.number(errors) }), ' ', c.t('batch.errors')) : null));
  }

  controls(c, rows, shownCount) {
    const options = (field) => {
      const values = [...new Set(rows.filter((row) => !row.error && !row.empty).map((row) => row[field]))].sort();
      const label = (value) => {
        if (field === 'reason') return reasonOf(c, { reason: value }).label;
        if (field === 'action') return c.label('actions', value).label;
        if (field === 'outcome') return c.label('outcomes', value).label;
        return value || c.t('field.noAddress');
      };
      return [h('option', { value: '', text: c.t('batch.all') }),
        ...values.map((value) => h('option', { value, text: label(value) }))];
    };
    const filters = FILTERS.map((field) => {
      const id = `batch-filter-${field}`;
      const select = h('select', { id, 'data-filter': field, 'data-focus-key': id }, options(field));
      select.value = this.filter[field];
      select.addEventListener('change', () => { this.filter[field] = select.value; this.render(); });
      return h('div', { class: 'batch-filter' }, h('label', { for: id, text: c.t(`batch.filter.${field}`) }), select);
    });
    const download = (type, name, text) => {
      const url = URL.createObjectURL(new Blob([text], { type }));
      const a = h('a', { href: url, download: name, hidden: true });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    };
    return h('div', { class: 'batch-controls' },
      h('div', { class: 'batch-filters' }, filters),
      h('p', { class: 'batch-shown muted', text: c.t('batch.shown', { n: c.number(shownCount), total: c.number(rows.length) }) }),
      h('div', { class: 'toolbar' },
        h('button', { type: 'button', class: 'button', 'data-export': 'csv', 'data-focus-key': 'export-csv', onclick: () => download('text/csv;charset=utf-8', 'bounces.csv', this.csv()), text: c.t('batch.exportCsv') }),
        h('button', { type: 'button', class: 'button', 'data-export': 'json', 'data-focus-key': 'export-json', onclick: () => download('application/json', 'bounces.json', this.json()), text: c.t('batch.exportJson') })));
  }

  table(c, rows) {
    const head = COLUMNS.map((column) => {
      const sorted = this.sort.column === column;
      const th = h('th', { scope: 'col', 'aria-sort': sorted ? (this.sort.descending ? 'descending' : 'ascending') : null },
        h('button', {
          type: 'button',
          class: 'sort',
          'data-sort': column,
          'data-focus-key': `sort-${column}`,
          onclick: () => {
            this.sort = { column, descending: sorted ? !this.sort.descending : false };
            this.render();
          },
          text: c.t(`batch.col.${column}`),
        }));
      return th;
    });
    const body = rows.slice(0, MAX_ROWS_SHOWN).map((row) => {
      const fileCell = h('td', { class: 'batch-file' }, row.file);
      const messageCell = h('td', { text: row.message == null ? '' : c.number(row.message) });
      if (row.error) {
        return h('tr', { class: 'batch-error', 'data-error': 'true' }, fileCell, messageCell,
          h('td', { colspan: String(COLUMNS.length - 2) }, h('strong', { text: `${c.t('batch.error')}: ` }), row.error));
      }
      if (row.empty) {
        return h('tr', { class: 'batch-empty' }, fileCell, messageCell,
          h('td', { colspan: String(COLUMNS.length - 2), class: 'muted' }, `${c.label('kinds', row.kind).label}: ${row.warning || c.t('summary.noRecipients')}`));
      }
      return h('tr', { 'data-reason': row.reason, 'data-outcome': row.outcome, 'data-bounce-type': row.bounce_type },
        fileCell, messageCell,
        h('td', {}, row.address ? h('code', { text: row.address }) : h('span', { class: 'muted', text: c.t('field.noAddress') })),
        h('td', { text: row.domain }),
        h('td', {}, row.status ? h('code', { text: row.status }) : ''),
        h('td', {}, badge(c, row.outcome, true)),
        h('td', { class: 'batch-reason', text: reasonOf(c, row).label }),
        h('td', { class: 'batch-action', text: row.action ? c.label('actions', row.action).label : '' }),
        h('td', { text: row.provider }));
    });
    return h('table', { class: 'batch-table' },
      h('caption', { class: 'visually-hidden', text: c.t('batch.caption') }),
      h('thead', {}, h('tr', {}, head)),
      h('tbody', {}, body));
  }
}
