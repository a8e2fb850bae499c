// Node CommonJS (a .cts file): require() is typed as well.
import bd = require('bounce-decoder');

const report: bd.Report = bd.decode('550 5.1.1 user unknown');
// @ts-expect-error a status may be missing
const status: string = report.recipients[0].status;
export = status;
