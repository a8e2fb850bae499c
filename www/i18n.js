// The user interface's strings: t() looks them up in the tables of i18n/<lang>.js, which
// loadStrings() imports, so a visit downloads only its own language. Texts of the reports
// themselves (explanations, labels, warnings) come from the decoder in the chosen language.
// Placeholders are written {name} and filled in by t().

export const LANGS = ['en', 'de'];

// Written out (not import(`./i18n/${lang}.js`)) so bundlers and the npm package's build see
// every file; boot.js preloads the page's language under the same URL.
const LOADERS = {
  en: () => import('./i18n/en.js'),
  de: () => import('./i18n/de.js'),
};
const tables = new Map(); // lang -> its strings, once imported
const loading = new Map(); // lang -> the promise of its import

/**
 * Imports the strings of `lang` (once; later calls share the promise). Resolves when t()
 * can answer in that language; rejects when its file cannot be loaded.
 */
export function loadStrings(lang) {
  const code = normLang(lang) || 'en';
  if (!loading.has(code)) {
    const promise = LOADERS[code]().then((module) => { tables.set(code, module.default); });
    promise.catch(() => loading.delete(code)); // a later call tries again
    loading.set(code, promise);
  }
  return loading.get(code);
}

/** True once the strings of `lang` are loaded. */
export function stringsLoaded(lang) {
  return tables.has(lang);
}

/** The strings t() answers from: `lang`'s, else English, else any loaded language's. */
function tableFor(lang) {
  return tables.get(lang) || tables.get('en') || tables.values().next().value || {};
}

/** The keys of the loaded strings that start with `prefix`, in their file's order. */
export function keysStartingWith(lang, prefix) {
  return Object.keys(tableFor(lang)).filter((key) => key.startsWith(prefix));
}

/** Normalises anything to a supported language code, or null. */
export function normLang(value) {
  const code = String(value || '').toLowerCase().slice(0, 2);
  return LANGS.includes(code) ? code : null;
}

/** The translated string for key, with {placeholders} filled from vars. */
export function t(lang, key, vars) {
  // a language not loaded yet falls back to one that is (English, when the page loaded both)
  let text = tableFor(lang)[key] ?? key;
  if (vars) {
    text = text.replace(/\{(\w+)\}/g, (whole, name) => (name in vars ? String(vars[name]) : whole));
  }
  return text;
}

// The separators of each language: [thousands, decimal]. Written here rather than taken from
// Intl.NumberFormat, whose first use costs ~100 ms in Chromium (it loads the locale data),
// measured on the page's first answer (scripts/bench-page.mjs).
const SEPARATORS = { en: [',', '.'], de: ['.', ','] };

/** `value` with at most `digits` decimals, no trailing zeros, in the separators of `lang`. */
export function formatNumber(lang, value, digits) {
  const [thousands, decimal] = SEPARATORS[lang] || SEPARATORS.en;
  const [whole, fraction = ''] = value.toFixed(digits).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, thousands);
  const decimals = fraction.replace(/0+$/, '');
  return decimals ? `${grouped}${decimal}${decimals}` : grouped;
}

/** A size in bytes for people: 512 B, 12.3 kB, 3.1 MB. */
export function formatSize(lang, bytes) {
  if (bytes < 1000) return `${formatNumber(lang, bytes, 0)} B`;
  if (bytes < 1e6) return `${formatNumber(lang, bytes / 1e3, 1)} kB`;
  return `${formatNumber(lang, bytes / 1e6, 1)} MB`;
}
