// Runs before the first paint (a classic script in <head>, as the CSP allows no inline
// script): applies the remembered theme and the language, so the page does not flash.
(function () {
  var root = document.documentElement;
  try {
    var theme = localStorage.getItem('bounce-decoder.theme');
    if (theme === 'light' || theme === 'dark') root.setAttribute('data-theme', theme);
  } catch (e) { /* storage blocked: follow the system */ }
  var lang = null;
  try { lang = new URLSearchParams(location.search).get('lang'); } catch (e) { /* ignore */ }
  if (!lang) { try { lang = localStorage.getItem('bounce-decoder.lang'); } catch (e) { /* ignore */ } }
  if (!lang) lang = (navigator.languages && navigator.languages[0]) || navigator.language || 'en';
  lang = String(lang).toLowerCase().slice(0, 2);
  root.setAttribute('lang', lang === 'de' ? 'de' : 'en');
})();
