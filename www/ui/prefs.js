// Language and theme: the remembered choice (localStorage), ?lang=, the browser's language,
// and the light/dark switch (by default the system setting).

import { normLang } from '../i18n.js';

const STORE = { lang: 'bounce-decoder.lang', theme: 'bounce-decoder.theme' };
const darkMedia = matchMedia('(prefers-color-scheme: dark)');

const storage = {
  get(key) {
    try { return localStorage.getItem(key); } catch { return null; }
  },
  set(key, value) {
    try { localStorage.setItem(key, value); } catch { /* private mode: not remembered */ }
  },
};

/** ?lang=, else the remembered language, else the browser's, else English. */
export function initialLang() {
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

/** Remembers a language the user chose, and keeps ?lang= of the address in step. */
export function rememberLang(lang) {
  storage.set(STORE.lang, lang);
  const url = new URL(location.href);
  if (url.searchParams.has('lang')) {
    url.searchParams.set('lang', lang);
    history.replaceState(null, '', url);
  }
}

export function effectiveTheme() {
  return document.documentElement.dataset.theme || (darkMedia.matches ? 'dark' : 'light');
}

/** Keeps `button`'s aria-pressed in step with the theme and switches it on click. */
export function wireThemeButton(button) {
  const update = () => button.setAttribute('aria-pressed', String(effectiveTheme() === 'dark'));
  button.addEventListener('click', () => {
    const theme = effectiveTheme() === 'dark' ? 'light' : 'dark';
    document.documentElement.dataset.theme = theme;
    storage.set(STORE.theme, theme);
    update();
  });
  darkMedia.addEventListener('change', update);
  update();
}
