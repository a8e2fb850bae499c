// The knowledge base's texts for a decoder built without them. The page's wasm (www/pkg,
// built by scripts/build-wasm.sh without the cargo feature `texts`) explains each code with
// its facts (code, kind, name, reference, outcome, reason, recommended action) and empty
// texts; the texts are static files per language, written from the same TOML by
// `cargo run --example texts`:
//
//   texts/<lang>.json          { explanations: {code: {title, summary, category, action,
//                              meaning}}, sections: {code: [keys of its other texts]} }:
//                              what a first answer shows; the page asks for it at start.
//                              `meaning` is that of the code's own part of the breakdown,
//                              its last (the wasm has the others: they are labels)
//   texts/<lang>-details.json  { explanations: {code: {causes, resolution_marketers, ...}} }:
//                              loaded when the reader opens one of those sections
//
// Only whole files are fetched, each at most once per page (a failed one is tried again next
// time): no URL depends on the input, so the server never learns which code was pasted. A
// decoder built with the texts (the npm package's) needs none of this: lacksTexts() is false
// for its explanations.

const PARTS = { first: '', details: '-details' };
const files = new Map(); // url -> Promise of the file's JSON
const arrived = new Map(); // url -> the file's JSON, once it is there

function url(lang, part) {
  if (!Object.hasOwn(PARTS, part)) throw new Error(`unknown part of the texts: ${part}`);
  return new URL(`../texts/${lang}${PARTS[part]}.json`, import.meta.url).href;
}

/** Fetches one file of texts (once); resolves to its JSON. */
export function loadTexts(lang, part = 'first') {
  const href = url(lang, part);
  let file = files.get(href);
  if (!file) {
    file = fetch(href).then(async (response) => {
      if (!response.ok) throw new Error(`${response.status} ${response.statusText}: ${new URL(href).pathname}`);
      const json = await response.json();
      if (!json || typeof json.explanations !== 'object') throw new Error(`${new URL(href).pathname}: no explanations`);
      arrived.set(href, json);
      return json;
    });
    file.catch(() => files.delete(href));
    files.set(href, file);
  }
  return file;
}

/** The file if it has arrived, else undefined. */
export function textsIfLoaded(lang, part = 'first') {
  return arrived.get(url(lang, part));
}

/** True when an explanation came without its texts (every entry of the knowledge base has a title). */
export const lacksTexts = (e) => !e.title;

/** Copies a file's texts into the explanations it has an entry for. */
export function mergeTexts(explanations, file) {
  for (const e of explanations) {
    const texts = file && Object.hasOwn(file.explanations, e.code) ? file.explanations[e.code] : null;
    if (!texts) continue;
    const { meaning, ...fields } = texts;
    Object.assign(e, fields);
    const parts = e.breakdown || [];
    if (meaning !== undefined && parts.length) parts[parts.length - 1] = { ...parts[parts.length - 1], meaning };
  }
  return explanations;
}

/**
 * The keys of the texts that `texts/<lang>-details.json` has for a code (from the first
 * file), or undefined while that file has not arrived.
 */
export function sectionsOf(lang, code) {
  const file = textsIfLoaded(lang, 'first');
  return file && file.sections && Object.hasOwn(file.sections, code) ? file.sections[code] : file ? [] : undefined;
}

/**
 * Gives every explanation of a report its texts (both files), loading them if it lacks
 * them; resolves to the report. For a report whose explanations have their texts, loads nothing.
 */
export async function withTexts(report, lang) {
  const explanations = report.explanations || [];
  if (!explanations.some(lacksTexts)) return report;
  const [first, details] = await Promise.all([loadTexts(lang, 'first'), loadTexts(lang, 'details')]);
  mergeTexts(explanations, first);
  mergeTexts(explanations, details);
  return report;
}
