// Rendering of a report: the summary with one row per recipient, the explanations of the
// codes and the details of the message. Used by the page (app.js), the batch table
// (batch.js) and the <bounce-decoder> element (widget.js: badge, reasons, actions).
//
// Every function takes a rendering context (labels.js context()) and, for the page's
// interactive parts, ctx.hooks: { spanOk(ev), select(i, reveal), show(i, spanKey),
// rowsShown() } (evidence highlighting, highlight.js). Untrusted text becomes text nodes only.

import { h, present, code, dl, warningsList, section } from './dom.js';
import { BOUNCE_TYPES, OUTCOMES, outcomeOf } from './labels.js';

const ROW_BATCH = 100; // recipient rows rendered at once; "Show more" adds the next batch
const ABOUTS = ['address', 'status', 'reply_code', 'reason', 'kind', 'provider', 'remote_mta'];

export function renderEmpty(ctx) {
  return (
    h('div', { class: 'empty-state' },
      h('p', { class: 'empty-title', text: ctx.t('empty.title') }),
      h('p', { text: ctx.t('empty.text') })));
}

/**
 * The first thing a result shows: what happened to the sender (bad address, sending
 * refused, temporary, needs a look...), which follows the action, not the status class:
 * a permanent block of the sender is "Sending refused", never a bad address.
 */
export function badge(ctx, outcome, small) {
  const key = outcomeOf(outcome);
  const item = ctx.label('outcomes', key);
  return h('span', { class: `badge badge-${key}${small ? ' badge-small' : ''}`, 'data-outcome': key, title: item.explanation || null, text: item.label });
}

/** "Permanent failure" / "Temporary failure": the status class, with what it means. */
function failureType(ctx, bounceType) {
  const type = BOUNCE_TYPES.includes(bounceType) ? bounceType : 'unknown';
  const item = ctx.label('bounce_types', type);
  return h('span', { class: 'failure-type', 'data-bounce-type': type, title: item.explanation || null, text: item.label });
}

export function renderSummary(ctx, report) {
  const sec = section('summary', ctx.t('section.summary'));
  sec.append(messageSummary(ctx, report));

  if (!report.recipients.length) {
    sec.append(h('div', { class: 'notice notice-warn' },
      h('h3', { text: ctx.t('summary.noRecipients') }),
      h('p', { text: ctx.t('summary.noRecipientsText') }),
      warningsList(report.warnings)));
    return sec;
  }

  const recipients = report.recipients;
  if (recipients.length > 1) sec.append(countsLine(ctx, recipients));
  const list = h('ol', { class: `recipient-list${recipients.length > 1 ? ' is-many' : ''}`, 'aria-labelledby': 'summary-heading' });
  sec.append(list);
  const more = h('div', { class: 'more-rows' });
  const showRows = (from) => {
    const to = Math.min(recipients.length, from + ROW_BATCH);
    const frag = document.createDocumentFragment();
    for (let i = from; i < to; i += 1) frag.append(recipientRow(ctx, recipients[i], i, recipients.length));
    list.append(frag);
    list.dataset.shown = String(to);
    const left = recipients.length - to;
    more.replaceChildren();
    if (left > 0) {
      more.append(
        h('p', { class: 'muted', text: ctx.t('rows.shown', { shown: ctx.number(to), total: ctx.number(recipients.length) }) }),
        h('button', {
          type: 'button',
          class: 'button show-more',
          onclick: () => { showRows(to); list.children[to]?.querySelector('button, summary')?.focus(); },
          text: ctx.t('rows.more', { n: ctx.number(Math.min(ROW_BATCH, left)), left: ctx.number(left) }),
        }));
    }
    ctx.hooks?.rowsShown?.();
  };
  showRows(0);
  sec.append(more);

  if (report.warnings.length) {
    sec.append(h('div', { class: 'notice notice-warn' }, warningsList(report.warnings)));
  }
  return sec;
}

/** Kind of message, who wrote it, the complaint's feedback type and the returned message. */
function messageSummary(ctx, report) {
  const kind = ctx.label('kinds', report.kind);
  const m = report.message || {};
  const o = report.original || {};
  const feedback = present(m.feedback_type) ? feedbackLabel(ctx, m.feedback_type) : null;
  return h('div', { class: 'card message-summary' },
    dl([
      [ctx.t('summary.kind'), h('strong', { class: 'message-kind', 'data-kind': report.kind, title: kind.explanation || null, text: kind.label })],
      [ctx.t('summary.inputKind'), ctx.t(`inputKind.${report.input}`)],
      [ctx.t('summary.family'), present(m.mta_family) ? h('span', { class: 'mta-family', text: m.mta_family }) : null],
      [ctx.t('field.feedbackType'), feedback],
    ], 'facts facts-inline'),
    [o.subject, o.to, o.date, o.message_id].some(present)
      ? h('div', { class: 'returned' },
        h('h3', { text: ctx.t('summary.returned') }),
        dl([
          [ctx.t('field.subject'), present(o.subject) ? h('span', { class: 'returned-subject', text: o.subject }) : null],
          [ctx.t('field.to'), o.to],
          [ctx.t('field.date'), o.date],
          [ctx.t('field.messageId'), present(o.message_id) ? code(o.message_id) : null],
        ], 'facts facts-compact'))
      : null);
}

function feedbackLabel(ctx, type) {
  const key = `feedback.${String(type).toLowerCase()}`;
  const known = ctx.t(key);
  return h('span', { class: 'feedback-type', 'data-feedback-type': type },
    known !== key ? [h('strong', { text: known }), ' ', code(type)] : code(type));
}

/** "3 recipients: 2 × Bad address, 1 × Sending refused" as badges. */
function countsLine(ctx, recipients) {
  const counts = new Map();
  for (const r of recipients) {
    const key = outcomeOf(r.outcome);
    counts.set(key, (counts.get(key) || 0) + 1);
  }
  return h('p', { class: 'counts' },
    h('strong', { text: ctx.t('rows.total', { n: ctx.number(recipients.length) }) }),
    OUTCOMES.filter((key) => counts.has(key)).map((key) =>
      h('span', { class: 'count', 'data-outcome': key }, `${ctx.number(counts.get(key))} × `, badge(ctx, key, true))));
}

export function recipientRow(ctx, r, i, total) {
  const single = total === 1;
  const reason = r.reason ? ctx.label('reasons', r.reason) : { label: ctx.t('reason.none'), explanation: ctx.t('reason.noneText') };
  const action = ctx.label('actions', r.action);
  const type = BOUNCE_TYPES.includes(r.bounce_type) ? r.bounce_type : 'unknown';
  const outcome = outcomeOf(r.outcome);
  const advice = providerAdvice(ctx, r.provider);
  const selectable = (r.evidence || []).some((ev) => Number.isInteger(ev.start));
  // Built when first opened (a single recipient's is open from the start): thousands of
  // rows must not each build an evidence table nobody looks at.
  const more = h('details', { class: 'row-more', open: single },
    h('summary', { text: ctx.t('rows.details') }));
  const fill = () => {
    if (more.open && more.childElementCount === 1) more.append(...rowDetails(ctx, r, i, single ? null : reason, single ? null : action));
  };
  more.addEventListener('toggle', fill);
  fill();
  return h('li', { class: `card recipient-card outcome-${outcome}`, 'data-outcome': outcome, 'data-bounce-type': type, 'data-index': String(i) },
    h('div', { class: 'row-top' },
      single ? null : h('p', { class: 'eyebrow', text: ctx.t('summary.recipient', { n: ctx.number(i + 1) }) }),
      selectable && total > 1
        ? h('button', { type: 'button', class: 'button small select-recipient', 'aria-pressed': 'false', onclick: () => ctx.hooks?.select?.(i, true), text: ctx.t('rows.mark') })
        : null),
    h('div', { class: 'card-head' },
      badge(ctx, outcome),
      h('h3', { class: 'reason', 'data-reason': r.reason || '', title: single ? null : reason.explanation || null }, reason.label)),
    single && reason.explanation ? h('p', { class: 'reason-text', text: reason.explanation }) : null,
    dl([
      [ctx.t('field.address'), r.address ? code(r.address) : h('span', { class: 'muted', text: ctx.t('field.noAddress') })],
      [ctx.t('field.status'), r.status ? code(r.status) : null,
        r.status && r.status_inferred ? h('span', { class: 'chip chip-inferred', title: ctx.t('field.inferredTitle'), text: ctx.t('field.inferred') }) : null],
      [ctx.t('field.reply'), r.reply_code != null ? code(String(r.reply_code)) : null],
      [ctx.t('field.failure'), type === 'hard' || type === 'soft' ? failureType(ctx, type) : null],
      [ctx.t('field.remoteMta'), present(r.remote_mta) ? code(r.remote_mta) : null],
      [ctx.t('field.provider'), r.provider ? providerName(ctx, r.provider) : null],
    ], 'facts facts-inline'),
    advice.length
      ? h('details', { class: 'provider-advice', open: single },
        h('summary', { class: 'advice-term', text: ctx.t('field.providerAdvice', { provider: r.provider.name }) }),
        advice.length === 1 ? h('p', { class: 'advice-text', text: advice[0] }) : h('ul', { class: 'advice-text' }, advice.map((a) => h('li', { text: a }))),
        providerSources(ctx, r.provider))
      : null,
    h('p', { class: `action action-${r.action}` },
      h('span', { class: 'action-term', text: `${ctx.t('field.action')}: ` }),
      h('strong', { class: 'action-label', title: single ? null : action.explanation || null, text: action.label }),
      single && action.explanation ? h('span', { class: 'action-text', text: ` — ${action.explanation}` }) : null),
    more);
}

export function providerName(ctx, p) {
  return h('span', { class: 'provider-name' }, p.name, ...(p.tokens || []).map((tok) => [' ', h('span', { class: 'code-chip', text: tok })]).flat());
}

/** The provider's own advice, as a list of strings (the decoder gives a string or a list). */
export function providerAdvice(ctx, p) {
  if (!p) return [];
  const advice = p.advice;
  if (Array.isArray(advice)) return advice.filter((a) => typeof a === 'string' && a.trim());
  return typeof advice === 'string' && advice.trim() ? [advice] : [];
}

/** An http(s) URL as the page may link it, or null (javascript:, data:, relative...). */
export function linkable(text) {
  if (typeof text !== 'string' || !/^https?:\/\//i.test(text.trim())) return null;
  try {
    const url = new URL(text.trim());
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * Where the provider's facts come from: http(s) URLs become links, built with DOM calls
 * only; document names (an RFC, a vendor's manual) stay text. Null when there are none.
 */
export function providerSources(ctx, p) {
  const sources = (p && Array.isArray(p.sources) ? p.sources : []).filter((s) => typeof s === 'string' && s.trim());
  if (!sources.length) return null;
  const items = sources.map((s, i) => {
    const href = linkable(s);
    return [i ? ' · ' : null, href ? h('a', { href, rel: 'noopener noreferrer', target: '_blank', text: s }) : h('span', { text: s })];
  });
  return h('p', { class: 'provider-sources' }, h('span', { class: 'sources-term', text: `${ctx.t('field.providerSources')}: ` }), items.flat());
}

/** A result in the email services' bounce classes: `SparkPost 10 Invalid Recipient · ...`. */
export function espText(e) {
  const parts = [];
  if (e.sparkpost_class != null) parts.push(`SparkPost ${e.sparkpost_class} ${e.sparkpost_name || ''}`.trim());
  if (e.ses_bounce_type) parts.push(`Amazon SES ${e.ses_bounce_type}/${e.ses_bounce_subtype || ''}`);
  if (e.postmark_type) parts.push(`Postmark ${e.postmark_type}`);
  if (e.sendgrid_classification) parts.push(`SendGrid ${e.sendgrid_classification}`);
  if (e.mailgun_severity) parts.push(`Mailgun ${e.mailgun_severity}`);
  return parts.join(' · ');
}

/** The expandable part of a row, built when it is first opened. */
function rowDetails(ctx, r, i, reason, action) {
  const parts = [];
  if (reason && reason.explanation) parts.push(h('p', { class: 'reason-text', text: reason.explanation }));
  if (action && action.explanation) parts.push(h('p', { class: 'action-text', text: `${action.label}: ${action.explanation}` }));
  parts.push(dl([
    [ctx.t('field.diagnostic'), present(r.diagnostic) ? h('span', { class: 'diagnostic', text: r.diagnostic }) : null],
    [ctx.t('field.decidedBy'), present(r.decided_by) ? h('span', { class: 'decided-by', text: r.decided_by }) : null],
    [ctx.t('field.esp'), r.esp ? h('span', { class: 'esp', text: espText(r.esp) }) : null],
    [ctx.t('field.smtpCommand'), present(r.smtp_command) ? code(r.smtp_command) : null],
    [ctx.t('field.dsnAction'), present(r.dsn_action) ? code(r.dsn_action) : null],
    [ctx.t('field.party'), r.party ? ctx.t(`party.${r.party}`) : null],
    [ctx.t('field.originalAddress'), present(r.original_address) ? code(r.original_address) : null],
    [ctx.t('field.codes'), ...(r.codes || []).map((c) => [code(c), ' ']).flat()],
  ]));
  if (r.notes && r.notes.length) parts.push(h('h4', { text: ctx.t('field.notes') }), warningsList(r.notes));
  if (r.evidence && r.evidence.length) parts.push(h('div', { class: 'table-scroll' }, evidenceTable(ctx, r.evidence, i)));
  return parts;
}

/**
 * The explanation of every code found. With ctx.texts (a decoder built without the
 * knowledge base's texts: ui/texts.js), { sections(code), details() }: the cards list the
 * sections the code has (sections(code): their keys) and fill them when one is first opened
 * (details(): a promise that the texts have been merged into the report's explanations).
 */
export function renderExplanations(ctx, report) {
  if (!report.recipients.length && !report.explanations.length) return null;
  const sec = section('explanations', ctx.t('section.explanations'));
  if (!report.explanations.length) {
    sec.append(h('p', { class: 'muted', text: ctx.t('expl.none') }));
    return sec;
  }
  for (const e of report.explanations) sec.append(explanationCard(ctx, e));
  return sec;
}

/** The explanations' place while their texts are on the way. */
export function explanationsWaiting(ctx) {
  const sec = section('explanations', ctx.t('section.explanations'));
  sec.setAttribute('aria-busy', 'true');
  sec.append(h('p', { class: 'muted texts-loading', text: ctx.t('expl.waiting') }));
  return sec;
}

/** The sections of a card after its facts, in this order: the texts of `texts/<lang>-details.json`. */
const SECTIONS = [
  { key: 'causes', title: 'expl.causes' },
  { key: 'resolution_marketers', title: 'expl.marketers' },
  { key: 'resolution_developers', title: 'expl.developers' },
  { key: 'counterpart' },
  { key: 'examples', title: 'expl.examples', asCode: true },
  { key: 'provider_responses', title: 'expl.providers' },
  { key: 'best_practices', title: 'expl.best' },
  { key: 'investigation', title: 'expl.investigation' },
];

const hasText = (e, key) => (Array.isArray(e[key]) ? e[key].length > 0 : present(e[key]));

function sectionTitle(ctx, e, s) {
  if (s.key !== 'counterpart') return ctx.t(s.title);
  return e.counterpart_code ? ctx.t('expl.counterpart', { code: e.counterpart_code }) : ctx.t('expl.counterpartNoCode');
}

function sectionBody(e, s) {
  if (s.key === 'counterpart') return present(e.counterpart) ? h('p', { text: e.counterpart }) : null;
  return hasText(e, s.key) ? h('ul', {}, e[s.key].map((item) => h('li', {}, s.asCode ? code(item) : item))) : null;
}

/** A section whose text is there. */
function textSection(ctx, e, s) {
  return h('details', { 'data-section': s.key }, h('summary', { text: sectionTitle(ctx, e, s) }), sectionBody(e, s));
}

/** A section whose text comes with texts/<lang>-details.json, asked for when it is first opened. */
function lazySection(ctx, e, s) {
  const body = h('p', { class: 'muted texts-loading', text: ctx.t('expl.loading') });
  const el = h('details', { 'data-section': s.key }, h('summary', { text: sectionTitle(ctx, e, s) }), body);
  let filled = false;
  el.addEventListener('toggle', () => {
    if (!el.open || filled) return;
    el.setAttribute('aria-busy', 'true');
    ctx.texts.details().then(() => {
      el.removeAttribute('aria-busy');
      if (filled) return;
      filled = true;
      body.replaceWith(sectionBody(e, s) || h('p', { class: 'muted', text: ctx.t('field.none') }));
    }, (err) => {
      el.removeAttribute('aria-busy');
      body.textContent = ctx.t('expl.loadFailed', { message: err && err.message ? err.message : String(err) });
    });
  });
  return el;
}

function explanationSections(ctx, e) {
  const counterpartCode = (s) => s.key === 'counterpart' && present(e.counterpart_code);
  if (SECTIONS.some((s) => hasText(e, s.key)) || !ctx.texts) {
    return SECTIONS.filter((s) => hasText(e, s.key) || counterpartCode(s)).map((s) => textSection(ctx, e, s));
  }
  const keys = ctx.texts.sections(e.code) || [];
  return SECTIONS.filter((s) => keys.includes(s.key) || counterpartCode(s)).map((s) => lazySection(ctx, e, s));
}

function explanationCard(ctx, e) {
  const title = e.title || e.name || e.code;
  const kindText = ctx.t(`codeKind.${e.kind}`) + (e.provider ? ` · ${e.provider}` : '');
  const card = h('article', { class: 'card expl', 'data-code': e.code },
    h('div', { class: 'expl-head' },
      h('span', { class: 'code-chip', text: e.code }),
      h('h3', { text: title }),
      h('span', { class: 'chip', text: kindText })),
    present(e.reference) || present(e.name)
      ? h('p', { class: 'reference', text: ctx.t('expl.reference', { reference: e.reference || '', name: e.name || '' }) })
      : null,
    present(e.summary) ? h('p', { class: 'expl-summary', text: e.summary }) : null,
    e.registry === false ? h('p', { class: 'notice notice-info', text: ctx.t('expl.notRegistered') }) : null);

  const action = ctx.label('actions', e.recommended_action);
  card.append(dl([
    [ctx.t('expl.outcome'), badge(ctx, e.outcome, true)],
    [ctx.t('expl.bounceType'), e.bounce_type === 'hard' || e.bounce_type === 'soft' ? failureType(ctx, e.bounce_type) : null],
    [ctx.t('expl.category'), present(e.category) ? e.category : null],
    [ctx.t('expl.reason'), e.reason ? ctx.label('reasons', e.reason).label : null],
    [ctx.t('expl.action'), h('strong', { text: action.label }), present(e.action) ? ` — ${e.action}` : null],
  ]));

  if (e.breakdown && e.breakdown.length) {
    card.append(h('table', { class: 'breakdown' },
      h('caption', { text: ctx.t('expl.breakdown', { code: e.code }) }),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col', text: ctx.t('expl.part') }),
        h('th', { scope: 'col', text: ctx.t('expl.value') }),
        h('th', { scope: 'col', text: ctx.t('expl.meaning') }))),
      h('tbody', {}, e.breakdown.map((p) => h('tr', {},
        h('th', { scope: 'row', text: ctx.t(`part.${p.part}`) }),
        h('td', {}, code(p.value)),
        h('td', { text: present(p.meaning) ? p.meaning : ctx.t('field.none') }))))));
  }

  const sections = explanationSections(ctx, e);
  if (sections.length) card.append(h('div', { class: 'expl-more' }, sections));
  return card;
}

export function renderDetails(ctx, report) {
  const sec = section('details', ctx.t('section.details'));

  if (report.recipients.length && report.warnings.length) {
    sec.append(h('article', { class: 'card detail-card' },
      h('h3', { text: ctx.t('details.warnings') }), warningsList(report.warnings)));
  }

  const m = report.message || {};
  sec.append(h('article', { class: 'card detail-card' },
    h('h3', { text: ctx.t('details.message') }),
    dl([
      [ctx.t('summary.kind'), ctx.label('kinds', report.kind).label],
      [ctx.t('summary.inputKind'), ctx.t(`inputKind.${report.input}`)],
      [ctx.t('field.subject'), m.subject],
      [ctx.t('field.from'), m.from],
      [ctx.t('field.date'), m.date],
      [ctx.t('field.reportingMta'), present(m.reporting_mta) ? code(m.reporting_mta) : null],
      [ctx.t('field.arrivalDate'), m.arrival_date],
      [ctx.t('field.mtaFamily'), m.mta_family],
      [ctx.t('field.feedbackType'), m.feedback_type],
    ])));

  const o = report.original;
  if (o && [o.message_id, o.from, o.to, o.subject, o.date].some(present)) {
    sec.append(h('article', { class: 'card detail-card' },
      h('h3', { text: ctx.t('details.original') }),
      dl([
        [ctx.t('field.messageId'), present(o.message_id) ? code(o.message_id) : null],
        [ctx.t('field.from'), o.from],
        [ctx.t('field.to'), o.to],
        [ctx.t('field.subject'), o.subject],
        [ctx.t('field.date'), o.date],
      ])));
  }
  return sec;
}

function evidenceTable(ctx, evidence, index) {
  return h('table', { class: 'evidence' },
    h('caption', { text: ctx.t('field.evidence') }),
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col', text: ctx.t('evidence.about') }),
      h('th', { scope: 'col', text: ctx.t('evidence.text') }),
      h('th', { scope: 'col', text: ctx.t('evidence.where') }))),
    h('tbody', {}, evidence.map((ev) => {
      const where = ctx.hooks?.spanOk?.(ev)
        ? [ctx.t('evidence.bytes', { start: ev.start, end: ev.end }), ' ',
          h('button', { type: 'button', class: 'button small', onclick: () => ctx.hooks?.show?.(index, spanKey(ev)), text: ctx.t('button.show') })]
        : [h('span', { class: 'muted', text: ctx.t('evidence.notVerbatim') })];
      return h('tr', {},
        h('td', {}, h('span', { class: `swatch ev-${aboutClass(ev.about)}`, 'aria-hidden': 'true' }), aboutLabel(ctx, ev.about)),
        h('td', {}, code(ev.text)),
        h('td', {}, ...where));
    })));
}

export const aboutClass = (about) => (ABOUTS.includes(about) ? about : 'other');
export const aboutLabel = (ctx, about) => (ABOUTS.includes(about) ? ctx.t(`about.${about}`) : String(about));
export const spanKey = (ev) => `${ev.start}:${ev.end}:${ev.about}`;
