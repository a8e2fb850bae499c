// Node ESM (moduleResolution NodeNext, no DOM types): the package's Node types need none.
import init, { decode } from 'bounce-decoder';
import type { Report } from 'bounce-decoder';

await init();
const report: Report = decode('452 4.2.2 mailbox full');
const advice: string | null | undefined = report.recipients[0].provider?.advice;
export const result = advice;
