import init, { decode, labels } from 'bounce-decoder';
import 'bounce-decoder/element';

await init();
const report = decode('550 5.1.1 <bob@example.com>: User unknown', { lang: 'en' });
const r = report.recipients[0];
document.getElementById('reason').textContent = `${r.reason} | ${labels('en').reasons[r.reason].label}`;
document.body.dataset.done = 'true';
