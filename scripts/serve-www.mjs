// Serves www/ over node:http on 127.0.0.1 at a free port, for the browser tests
// (tests/e2e/) and scripts/screenshot.mjs:
//
//   const { base, close } = await serveWww();   // base: 'http://127.0.0.1:PORT', no slash
//   ...
//   await close();
//
// Every answer is sent with Cache-Control: no-store. `pages` adds pages that exist only
// for the caller: { '/__test__/x.html': ['text/html; charset=utf-8', body] }. With
// `gzip: true` (scripts/bench-page.mjs) text, JSON and wasm are sent gzipped (level 6) to a
// browser that accepts it, as a static host does. `root` (a folder, with a trailing
// separator) serves another copy of the site, e.g. an older build to compare with.

import http from 'node:http';
import path from 'node:path';
import { readFile, stat } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

/** The site's folder, with a trailing separator. */
export const WWW = fileURLToPath(new URL('../www/', import.meta.url));

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.ts': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
};

/** Starts the server; resolves to { base, server, close }. */
export async function serveWww({ pages = {}, gzip = false, root = WWW } = {}) {
  await stat(path.join(root, 'pkg', 'bounce_decoder_bg.wasm')).catch(() => {
    throw new Error('www/pkg is missing: run `bash scripts/build-wasm.sh` first');
  });
  const server = http.createServer((req, res) => { answer(req, res, pages, gzip, root).catch(() => res.destroy()); });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${server.address().port}`,
    server,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

const gzipped = new Map(); // cache key -> gzipped body: compressed once, as a host precompresses

/** Sends a body, gzipped when `gzip` is on, the type compresses and the client accepts it. */
function send(req, res, type, body, gzip, key) {
  const headers = { 'Content-Type': type, 'Cache-Control': 'no-store' };
  const compressible = /^(text\/|application\/(json|wasm|javascript)|image\/svg)/.test(type);
  if (gzip && compressible && /\bgzip\b/.test(req.headers['accept-encoding'] || '')) {
    const cached = key && gzipped.get(key);
    body = cached || gzipSync(body, { level: 6 });
    if (key && !cached) gzipped.set(key, body);
    headers['Content-Encoding'] = 'gzip';
    headers.Vary = 'Accept-Encoding';
  }
  res.writeHead(200, headers);
  res.end(body);
}

async function answer(req, res, pages, gzip, root) {
  const url = new URL(req.url, 'http://localhost');
  if (Object.hasOwn(pages, url.pathname)) {
    const [type, body] = pages[url.pathname];
    send(req, res, type, body, gzip);
    return;
  }
  let pathname = decodeURIComponent(url.pathname);
  if (pathname.endsWith('/')) pathname += 'index.html';
  const file = path.join(root, path.normalize(pathname));
  if (!file.startsWith(root)) {
    res.writeHead(403).end();
    return;
  }
  try {
    const [body, info] = await Promise.all([readFile(file), stat(file)]);
    const type = MIME[path.extname(file)] || 'application/octet-stream';
    send(req, res, type, body, gzip, `${file}:${info.mtimeMs}:${info.size}`);
  } catch {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
  }
}
