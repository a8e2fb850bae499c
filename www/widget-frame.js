// The page inside widget.html: decodes what the parent window posts and answers it.
import './widget.js';
import { normLang } from './i18n.js';

const decoder = document.getElementById('decoder');
let replyTo = null; // { source, origin } of the latest request

window.addEventListener('message', (event) => {
  const data = event.data;
  if (!data || data.type !== 'bounce-decoder:decode' || typeof data.text !== 'string') return;
  replyTo = { source: event.source, origin: event.origin === 'null' ? '*' : event.origin };
  const lang = normLang(data.lang) || 'en';
  document.documentElement.lang = lang;
  decoder.setAttribute('lang', lang);
  decoder.value = data.text;
});

decoder.addEventListener('bounce-decoded', (event) => {
  replyTo?.source?.postMessage({ type: 'bounce-decoder:result', report: event.detail }, replyTo.origin);
});
decoder.addEventListener('bounce-error', (event) => {
  const message = event.detail?.message ?? String(event.detail);
  replyTo?.source?.postMessage({ type: 'bounce-decoder:error', message }, replyTo.origin);
});

if (window.parent !== window) window.parent.postMessage({ type: 'bounce-decoder:ready' }, '*');
