// HTTP: the API under /api/v1 and the built PWA, on one port. Every body is parsed with
// the shared protocol schemas; every failure answers { error: { code, message } } with
// its status; every response carries the security headers; no response holding personal
// data or a token may be stored by a cache.
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { compressText } from '#server/compress';
import { cors } from 'hono/cors';
import { MAX_BODY_BYTES, PROTOCOL_VERSION } from '#sync/protocol';
import { serverSecret } from '#server/auth';
import { HttpError } from '#server/errors';
import { clientAddress, errorJson, requestOriginOf, type Env } from '#server/http';
import { log } from '#server/log';
import { LiveChannel } from '#server/live';
import { adminRoutes } from '#server/routes/admin';
import type { Uplink } from '#server/hub/uplink';
import { hubRoutes } from '#server/routes/hub';
import { deviceRoutes, publicReadLimiter } from '#server/routes/devices';
import { publicEvent } from '#server/events';
import { reportRoutes } from '#server/routes/reports';
import { syncRoutes } from '#server/routes/sync';
import { servePwa } from '#server/static';
import type { Db } from '#server/store/database';

/**
 * No inline script anywhere (the build has none); WebAssembly may compile, for the desk's
 * QR reader (zxing-wasm, served from this origin): 'wasm-unsafe-eval' allows that and still
 * no eval; the camera for QR scanning is this origin's only; nobody may frame the app
 * (clickjacking a check-in desk). Workers may come from blob: URLs: the XLSX writer's zip
 * (fflate) compresses a large sheet in a worker it makes from a blob, and without it an
 * export of a few hundred participants never finishes (scripts themselves stay 'self').
 */
export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    // "Cetak (A4)" prints the daftar hadir's own PDF from a blob: in a hidden frame, so
    // the paper matches the PDF row for row.
    "frame-src 'self' blob:",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; '),
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Permissions-Policy': 'camera=(self), microphone=(), geolocation=()',
};

/** Browsers honour it over HTTPS only, and a plain-HTTP LAN server must not claim it. */
const HSTS = 'max-age=31536000';

/** The security headers of a response; HSTS when the browser's connection is HTTPS. At a
 * venue hub the app may also reach the office server (`connect`): a desk whose hub died
 * sends to the office directly. */
export function securityHeaders(
  tls: boolean,
  connect: readonly string[] = [],
): Record<string, string> {
  const headers =
    connect.length === 0
      ? SECURITY_HEADERS
      : {
          ...SECURITY_HEADERS,
          'Content-Security-Policy': SECURITY_HEADERS['Content-Security-Policy']!.replace(
            "connect-src 'self'",
            `connect-src 'self' ${connect.join(' ')}`,
          ),
        };
  return tls ? { ...headers, 'Strict-Transport-Security': HSTS } : headers;
}

/**
 * Whether the browser's connection is HTTPS: the socket is TLS, or a proxy named in
 * HADIR_TRUST_PROXY says so (X-Forwarded-Proto); never a header anyone else sets.
 */
const overTls = (c: Context): boolean => requestOriginOf(c).https;

function secure(c: Context, connect: readonly string[]): void {
  for (const [name, value] of Object.entries(securityHeaders(overTls(c), connect))) {
    c.header(name, value);
  }
}

/**
 * Public answers without personal data, which a cache may keep. Every other API answer
 * is `no-store`, whether it succeeded or failed: a token, a roster, a certificate. A list
 * of what may be cached, not of what may not: a new route is private until said otherwise.
 */
const CACHEABLE = [/^\/api\/v1\/health$/, /^\/api\/v1\/events\/[^/]+$/];
const cacheable = (c: Context) =>
  c.req.method === 'GET' && CACHEABLE.some((path) => path.test(c.req.path));

export interface AppOptions {
  db: Db;
  /** The built PWA (vite build output). */
  staticDir: string;
  /** Where devices should go over HTTPS, for the health answer; read on every request,
   * since the server learns its port and addresses after the app is made. */
  links?: () => { httpsUrl?: string | undefined; installUrl?: string | undefined };
  /** Routes answered before the PWA's: the certificate install page, with local TLS. */
  routes?: Hono<Env>;
  /** HADIR_PUBLIC_URL: where certificates' QR codes point when behind a proxy. */
  publicUrl?: string | undefined;
  /** Who is told to pull after a push (GET /sync/live); its owner ends the streams. */
  live?: LiveChannel;
  /** This server is a venue hub: what its hall does goes up through this. */
  uplink?: Uplink | undefined;
}

export function createApp({
  db,
  staticDir,
  links,
  routes,
  publicUrl,
  live = new LiveChannel(),
  uplink,
}: AppOptions): Hono<Env> {
  const app = new Hono<Env>();
  // A hub's office: where its desks may send when the hub itself is gone.
  const upstream = uplink ? [new URL(uplink.status().upstream).origin] : [];

  app.onError((e, c) => {
    // A refused request's body may be unread (bad token, wrong type, limit): the Node
    // adapter cannot drain it and would reset the kept-alive connection under the next
    // request. Closing it ourselves makes the client open a fresh one.
    if (c.req.method !== 'GET') c.header('Connection', 'close');
    secure(c, upstream); // also when the middleware below never gets its turn
    if (e instanceof HttpError) {
      if (e.retryAfterS !== undefined) c.header('Retry-After', String(e.retryAfterS));
      return errorJson(c, e.code, e.message, e.status);
    }
    log('error', 'request failed', { path: c.req.routePath, error: e.name });
    return errorJson(c, 'INTERNAL', 'Internal server error', 500);
  });

  app.use('*', async (c, next) => {
    const start = performance.now();
    await next();
    secure(c, upstream);
    if (c.req.path.startsWith('/api/')) {
      // The route pattern, never the raw path or body: no personal data in logs.
      log('info', 'request', {
        method: c.req.method,
        route: c.req.routePath,
        status: c.res.status,
        ms: Math.round(performance.now() - start),
        device: c.get('device')?.id,
      });
    }
  });

  app.use('/api/*', async (c, next) => {
    await next();
    if (!cacheable(c)) c.header('Cache-Control', 'no-store');
  });

  const api = new Hono<Env>();
  // Devices of a venue hub may call the office from the hub's origin (a desk whose hub
  // died). Tokens travel in Authorization, never cookies: another origin holding no token
  // gains nothing.
  api.use(
    '*',
    cors({
      origin: '*',
      allowMethods: ['GET', 'POST'],
      allowHeaders: ['authorization', 'content-type', 'accept'],
      maxAge: 600,
    }),
  );
  // Pull pages are repetitive JSON: gzip makes a 10,000-person snapshot several times smaller.
  api.use('*', compressText());
  api.use(
    '*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => {
        c.header('Connection', 'close'); // the rest of the body is never read (see onError)
        return errorJson(c, 'PAYLOAD_TOO_LARGE', `Request body over ${MAX_BODY_BYTES} bytes`, 413);
      },
    }),
  );
  // JSON leaves out a link that is undefined (no HTTPS, no local CA).
  api.get('/health', (c) =>
    c.json({
      ok: true,
      protocolVersion: PROTOCOL_VERSION,
      ...links?.(),
      // At a venue hub: the office server, for a desk to send to when the hub is gone.
      ...(uplink ? { hub: { upstream: uplink.status().upstream } } : {}),
    }),
  );
  const publicReads = publicReadLimiter();
  api.route('/', deviceRoutes(db, publicReads));

  // Each route declares whether it needs a device token (`authenticated` in http.ts).
  api.route('/sync', syncRoutes(db, serverSecret(db), live, uplink));
  api.route('/hub', hubRoutes(db, serverSecret(db), live, uplink));
  api.route('/admin', adminRoutes(db, live));
  api.route('/', reportRoutes(db, publicUrl));
  api.all('*', () => {
    throw new HttpError('NOT_FOUND', 'No such API route');
  });
  app.route('/api/v1', api);
  app.all('/api/*', () => {
    throw new HttpError('NOT_FOUND', 'No such API route');
  });

  if (routes) app.route('/', routes);
  // The registration page carries its event (when this address may read it now), so a
  // phone on a weak link shows the form without another round trip.
  servePwa(app, staticDir, (c, eventId) =>
    publicReads.take(clientAddress(c)).ok ? publicEvent(db, eventId) : undefined,
  );
  return app;
}
