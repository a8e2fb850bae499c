// Serves www/ over node:http on 127.0.0.1 at a free port, for the browser tests
// (tests/e2e/) and scripts/screenshot.mjs:
//
//   const { base, close } = await serveWww();   // base: 'http://127.0.0.1:PORT', no slash
//   ...
//   await close();
//
// Every answer is sent with Cache-Control: no-store. `pages` adds pages that exist only
// for the caller: { '/__test__/x.html': ['text/html; charset=utf-8', body] }.

import http from 'node:http';
import path from 'node:path';
import { readFile, stat } from 'node:fs/promises';
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
export async function serveWww({ pages = {} } = {}) {
  await stat(path.join(WWW, 'pkg', 'bounce_decoder_bg.wasm')).catch(() => {
    throw new Error('www/pkg is missing: run `bash scripts/build-wasm.sh` first');
  });
  const server = http.createServer((req, res) => { answer(req, res, pages).catch(() => res.destroy()); });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${server.address().port}`,
    server,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

async function answer(req, res, pages) {
  const url = new URL(req.url, 'http://localhost');
  if (Object.hasOwn(pages, url.pathname)) {
    const [type, body] = pages[url.pathname];
    res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store' });
    res.end(body);
    return;
  }
  let pathname = decodeURIComponent(url.pathname);
  if (pathname.endsWith('/')) pathname += 'index.html';
  const file = path.join(WWW, path.normalize(pathname));
  if (!file.startsWith(WWW)) {
    res.writeHead(403).end();
    return;
  }
  try {
    const body = await readFile(file);
    const type = MIME[path.extname(file)] || 'application/octet-stream';
    res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store' });
    res.end(body);
  } catch {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
  }
}
