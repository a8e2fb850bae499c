import init, { decode } from './node_modules/bounce-decoder/index.js';
import './node_modules/bounce-decoder/element.js';

try {
  decode('550 5.1.1 user unknown');
  document.body.dataset.beforeInit = 'decoded';
} catch (err) {
  document.body.dataset.beforeInit = err.message;
}
await init();
document.getElementById('reason').textContent = decode('452 4.2.2 Mailbox full').recipients[0].reason;
document.body.dataset.done = 'true';
