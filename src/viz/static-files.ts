import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServerResponse } from 'node:http';

/**
 * Where `scripts/build-web.mjs` writes the page: `dist/web` at the project root. This file sits two folders below the
 * root both as source (src/viz) and compiled (dist/viz), so one relative path serves `tsx` and `node dist` alike.
 */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../dist/web/', import.meta.url));

// Only these names are ever read from disk: no path from the request reaches the file system.
const PAGE_FILES: Record<string, { file: string; contentType: string }> = {
  '/': { file: 'index.html', contentType: 'text/html; charset=utf-8' },
  '/index.html': { file: 'index.html', contentType: 'text/html; charset=utf-8' },
  '/app.js': { file: 'app.js', contentType: 'text/javascript; charset=utf-8' },
  '/app.js.map': { file: 'app.js.map', contentType: 'application/json; charset=utf-8' },
  '/app.css': { file: 'app.css', contentType: 'text/css; charset=utf-8' },
};

// The page loads only its own script and style and talks only to its own server.
const CONTENT_SECURITY_POLICY = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'";

/** Serves one of the page's files; answers 404 for any other path and 503 when the page has not been built. */
export async function servePageFile(webRoot: string, pathname: string, response: ServerResponse): Promise<void> {
  const entry = PAGE_FILES[pathname];
  if (entry === undefined) {
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
    return;
  }
  let body: Buffer;
  try {
    body = await readFile(join(webRoot, entry.file));
  } catch {
    response.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' })
      .end(`the page is not built (no ${join(webRoot, entry.file)}); run: npm run build\n`);
    return;
  }
  response.writeHead(200, {
    'content-type': entry.contentType,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'content-security-policy': CONTENT_SECURITY_POLICY,
  }).end(body);
}
