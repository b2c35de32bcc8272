// The built PWA on the API's port: hashed assets, the service worker, the registration
// page for a shared link, and the app shell for every other path (the app routes itself).
// No file outside staticDir is ever served: a path is checked before any file is looked for.
import type { Context, Hono, MiddlewareHandler } from 'hono';
import { compress } from 'hono/compress';
import { serveStatic } from '@hono/node-server/serve-static';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib } from 'node:zlib';
import type { Env } from '#server/http';

/**
 * A raw request path that cannot name a file of the build: it does not decode, or decoded
 * it holds a way out of the folder or a spelling no file of ours has (a backslash, an
 * empty, '.' or '..' segment, a control character, a '%' left over from double encoding).
 */
function badStaticPath(rawPath: string): boolean {
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    return true;
  }
  return /[\\%]|\p{Cc}/u.test(path) || /\/\/|\/\.\.?(\/|$)/.test(path);
}

/**
 * The path as the client sent it. The request's URL is already normalised ('/%2e%2e/x'
 * became '/x'), which would hide a traversal attempt and answer it with the app shell.
 */
function sentPath(c: Context): string {
  const target = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming?.url;
  if (target === undefined) return new URL(c.req.url).pathname; // in-process app.request
  const path = target.replace(/^[a-z][a-z\d+.-]*:\/\/[^/?#]*/i, '').replace(/[?#].*$/s, '');
  return path || '/';
}

const brotli = promisify(brotliCompress);
const ASSET_TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
};
/** Hashed assets compressed once with Brotli at its best (a tenth smaller than gzip): kept
 * in memory, they never change. Keyed by folder and path; a missing file is not kept (any
 * path can be asked for). */
const brotliCache = new Map<string, Promise<Buffer | undefined>>();

/** A hashed script, style or image for a browser that takes Brotli, or undefined (then
 * the file is served as usual, gzipped on the fly). The path was checked by the caller. */
async function brotliAsset(staticDir: string, c: Context<Env>): Promise<Response | undefined> {
  const path = c.req.path;
  const type = ASSET_TYPES[/^\/assets\/[^/]+\.(\w+)$/.exec(path)?.[1] ?? ''];
  if (!type || !/\bbr\b/.test(c.req.header('accept-encoding') ?? '')) return undefined;
  const key = join(staticDir, path);
  let packing = brotliCache.get(key);
  if (!packing) {
    packing = readFile(key).then(
      (raw) => brotli(raw, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }),
      () => {
        brotliCache.delete(key);
        return undefined;
      },
    );
    brotliCache.set(key, packing);
  }
  const body = await packing;
  if (!body) return undefined;
  return c.body(new Uint8Array(body), 200, {
    'Content-Type': type,
    'Content-Encoding': 'br',
    Vary: 'Accept-Encoding',
  });
}

/** Mount the PWA's routes on `app`, after the API (they answer any other GET). */
export function servePwa(
  app: Hono<Env>,
  staticDir: string,
  eventFor: (c: Context<Env>, eventId: string) => unknown = () => undefined,
): void {
  // Compressed: a phone on 400 kbit/s waits for every byte of the first visit.
  app.use('*', compress());
  // Hashed assets never change; the shell and the service worker must be revalidated on
  // every load or an update would never be seen. Only a file found is cached for ever: an
  // error cached as immutable would stay broken for a year.
  app.use('*', async (c, next) => {
    await next();
    const immutable = c.req.path.startsWith('/assets/') && c.res.status === 200;
    c.header('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
  });
  // Made on first use: serveStatic warns at creation when the folder is missing, and a
  // server started before `npm run build` must stay quiet until there is something to serve.
  let files: MiddlewareHandler<Env> | undefined;
  let shell: MiddlewareHandler<Env> | undefined;
  const index = join(staticDir, 'index.html');
  app.get('*', async (c, next) => {
    // serveStatic refuses such a path by answering nothing, which became a bare 500; and a
    // traversal attempt must not get the app shell either.
    if (badStaticPath(sentPath(c))) return c.text('Bad request path', 400);
    if (!existsSync(index)) return c.text('Hadir is not built: run `npm run build`', 503);
    const packed = await brotliAsset(staticDir, c);
    if (packed) return packed;
    files ??= serveStatic<Env>({ root: staticDir });
    return files(c, next);
  });
  // A shared registration link gets the registration page; other unknown paths the app.
  // The page carries its event (the public face the API gives), so on a slow link the form
  // shows as soon as the script runs, with no request after it. Without it (an unknown
  // event, a busy address) the page asks the API itself, as it does offline.
  app.get('/r/:eventId', async (c) => {
    const html = await readFile(join(staticDir, 'register.html'), 'utf8');
    const event = eventFor(c, c.req.param('eventId'));
    if (event === undefined) return c.html(html);
    // In a <script> element only "</" could end it early; \u003c reads back the same.
    const json = JSON.stringify(event).replaceAll('<', '\\u003c');
    const data = `<script type="application/json" id="event-data">${json}</script>`;
    return c.html(html.replace('</body>', `    ${data}\n  </body>`));
  });
  // A hashed file that is not there is a page of an older build asking for its chunks: the
  // shell in its place would be HTML where a script is expected.
  app.get('/assets/*', (c) => c.text('Not found', 404));
  app.get('*', async (c) => {
    // The path was checked above; the shell is one fixed file whatever the path says.
    shell ??= serveStatic<Env>({ root: staticDir, path: 'index.html' });
    return (await shell(c, async () => {})) ?? c.text('Not found', 404);
  });
}
