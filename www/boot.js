// Runs before the first paint (a classic script in <head>, as the CSP allows no inline
// script): applies the remembered theme and the language, so the page does not flash, and
// asks early for the texts and the strings of that language.
(function () {
  var root = document.documentElement;
  try {
    var theme = localStorage.getItem('bounce-decoder.theme');
    if (theme === 'light' || theme === 'dark') root.setAttribute('data-theme', theme);
  } catch (e) { /* storage blocked: follow the system */ }
  // as ui/prefs.js initialLang(): ?lang=, the remembered language, the browser's, English
  var known = function (value) {
    var code = String(value || '').toLowerCase().slice(0, 2);
    return code === 'en' || code === 'de' ? code : null;
  };
  var lang = null;
  try { lang = known(new URLSearchParams(location.search).get('lang')); } catch (e) { /* ignore */ }
  if (!lang) { try { lang = known(localStorage.getItem('bounce-decoder.lang')); } catch (e) { /* ignore */ } }
  var wanted = navigator.languages || [navigator.language];
  for (var i = 0; !lang && i < wanted.length; i += 1) lang = known(wanted[i]);
  lang = lang || 'en';
  root.setAttribute('lang', lang);
  // the texts a first answer shows, in this language, fetched while the scripts load
  // (ui/texts.js asks for the same URL, the same way)
  var link = document.createElement('link');
  link.rel = 'preload';
  link.as = 'fetch';
  link.crossOrigin = 'anonymous';
  link.href = 'texts/' + lang + '.json';
  document.head.appendChild(link);
  // and the page's strings in that language (i18n.js imports the same module)
  var strings = document.createElement('link');
  strings.rel = 'modulepreload';
  strings.href = 'i18n/' + lang + '.js';
  document.head.appendChild(strings);
})();
