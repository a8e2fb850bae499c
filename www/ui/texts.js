// The knowledge base's texts for a decoder built without them. The page's wasm (www/pkg,
// built by scripts/build-wasm.sh without the cargo feature `texts`) explains each code with
// its facts (code, kind, name, reference, outcome, reason, recommended action) and empty
// texts; the texts are static files per language, written from the same TOML by
// `cargo run --example texts`:
//
//   texts/<lang>.json          { explanations: {code: {title, summary, category, action,
//                              meaning}}, sections: {code: [keys of its other texts]} }:
//                              what a first answer shows of the registries' codes; the
//                              page asks for it at start. `meaning` is that of the code's
//                              own part of the breakdown, its last (the wasm has the others:
//                              they are labels)
//   texts/<lang>-providers.json  the same for the providers' own codes (an explanation with
//                              a `provider`): asked for when an answer first holds such a
//                              code, which waits for it
//   texts/<lang>-details.json  { explanations: {code: {causes, resolution_marketers, ...}} }:
//                              loaded when the reader opens one of those sections
//
// Only whole files are fetched, each at most once per page (a failed one is tried again next
// time): no URL depends on the input, so the server never learns which code was pasted (that
// the providers' file was fetched says only that some answer held a provider's code). A
// decoder built with the texts (the npm package's) needs none of this: lacksTexts() is false
// for its explanations.

const PARTS = { first: '', providers: '-providers', details: '-details' };
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

/** The files of first texts that explanations without their texts need: 'first', and 'providers' for a provider's code. */
export function firstParts(explanations) {
  const lacking = explanations.filter(lacksTexts);
  if (!lacking.length) return [];
  return lacking.some((e) => e.provider) ? ['first', 'providers'] : ['first'];
}

/** The first texts those explanations need, if all have arrived (an array of files), else undefined. */
export function firstTextsIfLoaded(lang, explanations) {
  const files = firstParts(explanations).map((part) => textsIfLoaded(lang, part));
  return files.every(Boolean) ? files : undefined;
}

/** Loads the first texts those explanations need; resolves to an array of files. */
export function loadFirstTexts(lang, explanations) {
  return Promise.all(firstParts(explanations).map((part) => loadTexts(lang, part)));
}

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
 * files), or undefined while the file that would list it has not arrived.
 */
export function sectionsOf(lang, code) {
  const files = ['first', 'providers'].map((part) => textsIfLoaded(lang, part));
  for (const file of files) {
    if (file && file.sections && Object.hasOwn(file.sections, code)) return file.sections[code];
  }
  return files.every(Boolean) ? [] : undefined;
}

/**
 * Gives every explanation of a report its texts (both files), loading them if it lacks
 * them; resolves to the report. For a report whose explanations have their texts, loads nothing.
 */
export async function withTexts(report, lang) {
  const explanations = report.explanations || [];
  if (!explanations.some(lacksTexts)) return report;
  const [first, details] = await Promise.all([loadFirstTexts(lang, explanations), loadTexts(lang, 'details')]);
  for (const file of [...first, details]) mergeTexts(explanations, file);
  return report;
}
