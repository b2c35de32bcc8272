// The API's answers gzip-compressed, when worth it: a pull page of participants is
// repetitive JSON that gzip makes several times smaller for a phone on slow data, but a
// push's answer of a few results is smaller than gzip's own overhead. Hono's compress()
// put every answer through a web CompressionStream, which a profile of 50 desks pushing at
// once showed as a tenth of the server's time (issue 20); this reads the body once and
// compresses it in zlib's thread pool, off the event loop. Streams (the live "pull now"
// events) and binary files (PDF, XLSX, ZIP) pass untouched.
import type { MiddlewareHandler } from 'hono';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);
const TEXT = /^(application\/json|text\/csv|text\/plain)\b/i;
/** Below this, gzip's header and the work cost more than the bytes saved. */
const THRESHOLD = 1024;

export function compressText(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const res = c.res;
    if (
      c.req.method === 'HEAD' ||
      !res.body ||
      res.headers.has('content-encoding') ||
      !TEXT.test(res.headers.get('content-type') ?? '')
    ) {
      return;
    }
    c.header('Vary', 'Accept-Encoding', { append: true });
    if (!/\bgzip\b/i.test(c.req.header('accept-encoding') ?? '')) return;
    const body = Buffer.from(await res.arrayBuffer());
    if (body.length < THRESHOLD) {
      c.res = new Response(body, res);
      c.res.headers.set('content-length', String(body.length));
      return;
    }
    const zipped = await gzipAsync(body);
    c.res = new Response(zipped, res);
    c.res.headers.set('content-encoding', 'gzip');
    c.res.headers.set('content-length', String(zipped.length));
  };
}
