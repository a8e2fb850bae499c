// Type-checked with tsc --strict: the types say exactly what arrives. Each @ts-expect-error
// must be an error, so a type that grew looser (say, `any`) fails the check.
import init, { decode, decodeBytes, explain, explainAll, labels, initSync } from 'bounce-decoder';
import type { Report, Recipient, Provider, Evidence, Explanation, Reason, Action, BounceType, Outcome, Options, LabelTable } from 'bounce-decoder';
import { BounceDecoderElement } from 'bounce-decoder/element';

await init();
await init(new URL('https://cdn.example/bounce_decoder_bg.wasm'));
initSync(new Uint8Array(8));

const options: Partial<Options> = { lang: 'de', explanations: false, max_recipients: 10 };
const report: Report = decode('550 5.1.1 user unknown', options);
const bytes: Report = decodeBytes(new Uint8Array([53, 53, 48]));
const r: Recipient = report.recipients[0];

const address: string | null = r.address;
// @ts-expect-error an address may be missing: null
const mustBeString: string = r.address;
const reply: number | null = r.reply_code;
const type: BounceType = r.bounce_type;
// @ts-expect-error bounce types are a closed set
const wrongType: BounceType = 'medium';
const outcome: Outcome = r.outcome;
// @ts-expect-error outcomes are a closed set ('hard' is a bounce type, not an outcome)
const wrongOutcome: Outcome = 'hard';
const reason: Reason | null = r.reason;
const action: Action = r.action;
const provider: Provider | null = r.provider;
const advice: string | null = provider ? provider.advice : null;
// @ts-expect-error advice arrives as null, not undefined
const adviceUndefined: string | undefined = provider!.advice;
const sources: string[] = provider ? provider.sources : [];
const evidence: Evidence[] = r.evidence;
const start: number | null = evidence[0].start;
const explained: Explanation | undefined = explain('5.1.1', 'en');
// @ts-expect-error explain() may find nothing
const surely: Explanation = explain('5.1.1');
const all: Explanation[] = explainAll('de');
const table: LabelTable = labels('de');
const label: string = table.reasons.user_unknown.label;
const badge: string = table.outcomes.sending_refused.label;
// @ts-expect-error not a reason
table.reasons.no_such_reason;
// @ts-expect-error decode takes text
decode(42);

const element = document.querySelector('bounce-decoder');
const typed: BounceDecoderElement | null = element;
if (element) {
  element.value = '452 4.2.2 mailbox full';
  const shown: Report | null = element.report;
  element.addEventListener('bounce-decoded', (event) => {
    const decoded: Report = event.detail;
    console.log(decoded.kind, shown);
  });
}

console.log(report, bytes, address, mustBeString, reply, type, wrongType, reason, action, advice, adviceUndefined, start, explained, surely, all, label, typed);
