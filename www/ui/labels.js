// The words a renderer needs: the page's own strings (i18n.js) and the decoder's labels of
// reasons, actions, bounce types and kinds (labels(lang) of the wasm package), for one language.

import { t as translate } from '../i18n.js';

export const BOUNCE_TYPES = ['hard', 'soft', 'none', 'unknown'];
/** What happened, as a person acts on it; the order a summary lists them in. */
export const OUTCOMES = ['bad_address', 'complaint', 'sending_refused', 'temporary', 'needs_review', 'not_a_failure'];

/**
 * A rendering context for `lang`: t(key, vars), label(group, key) -> {key, label,
 * explanation} (the raw key when the table lacks it), number(n) formatted for the language.
 */
export function context(lang, table) {
  const labelTable = table || {};
  return {
    lang,
    t: (key, vars) => translate(lang, key, vars),
    label(group, key) {
      const items = labelTable[group] || {};
      return (Object.hasOwn(items, key) && items[key]) || { key, label: String(key), explanation: '' };
    },
    number: (n) => n.toLocaleString(lang === 'de' ? 'de-DE' : 'en-US'),
  };
}

/** 'hard' | 'soft' | 'none' | 'unknown' for any value. */
export const bounceType = (value) => (BOUNCE_TYPES.includes(value) ? value : 'unknown');

/** One of OUTCOMES for any value ('needs_review' for anything else). */
export const outcomeOf = (value) => (OUTCOMES.includes(value) ? value : 'needs_review');

/** The label of a recipient's reason, or the words for "no reason". */
export function reasonOf(ctx, r) {
  return r.reason ? ctx.label('reasons', r.reason) : { key: '', label: ctx.t('reason.none'), explanation: ctx.t('reason.noneText') };
}

/** The domain of an address ('' without one). */
export function domainOf(address) {
  if (typeof address !== 'string') return '';
  const at = address.lastIndexOf('@');
  return at >= 0 ? address.slice(at + 1).toLowerCase() : '';
}
