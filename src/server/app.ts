// HTTP: the API under /api/v1 and the built PWA. Every body is parsed with the shared
// protocol schemas; every failure answers { error: { code, message } } with its status.
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import { serveStatic } from '@hono/node-server/serve-static';
import { getConnInfo } from '@hono/node-server/conninfo';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  EnrollRequest,
  JoinRequest,
  MAX_BODY_BYTES,
  PROTOCOL_VERSION,
  PullRequest,
  PushRequest,
  type ErrorCode,
} from '#sync/protocol';
import { authenticate, enroll, joinAsParticipant, serverSecret, type Device } from '#server/auth';
import { HttpError } from '#server/errors';
import { log } from '#server/log';
import { pull } from '#server/pull';
import { push } from '#server/push';
import { RateLimiter } from '#server/rate-limit';
import type { Db } from '#server/store/database';
import { getRow } from '#server/store/rows';

type Env = { Variables: { device: Device } };

interface Schema<T> {
  safeParse(
    v: unknown,
  ):
    | { success: true; data: T }
    | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
}

async function body<T>(c: Context, schema: Schema<T>): Promise<T> {
  if (!/^application\/json\b/.test(c.req.header('content-type') ?? '')) {
    throw new HttpError('INVALID_REQUEST', 'Content-Type must be application/json');
  }
  let json: unknown;
  try {
    json = JSON.parse(await c.req.text());
  } catch {
    throw new HttpError('INVALID_REQUEST', 'Malformed JSON');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HttpError(
      'INVALID_REQUEST',
      `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`,
    );
  }
  return parsed.data;
}

const errorJson = (c: Context, code: ErrorCode, message: string, status: number) =>
  c.json({ error: { code, message } }, status as 400);

export interface AppOptions {
  db: Db;
  /** The built PWA (vite build output). */
  staticDir: string;
}

export function createApp({ db, staticDir }: AppOptions): Hono<Env> {
  const app = new Hono<Env>();
  const secret = serverSecret(db);
  const joins = new RateLimiter(20, 60_000); // 20 registrations a minute per address

  app.onError((e, c) => {
    if (e instanceof HttpError) return errorJson(c, e.code, e.message, e.status);
    log('error', 'request failed', { path: c.req.path, error: e.name });
    return errorJson(c, 'INTERNAL', 'Internal server error', 500);
  });

  app.use('*', async (c, next) => {
    const start = performance.now();
    await next();
    if (c.req.path.startsWith('/api/')) {
      log('info', 'request', {
        method: c.req.method,
        path: c.req.routePath === '*' ? c.req.path : c.req.routePath,
        status: c.res.status,
        ms: Math.round(performance.now() - start),
        device: c.get('device')?.id,
      });
    }
  });

  const api = new Hono<Env>();
  // Pull pages are repetitive JSON: gzip makes a 10,000-person snapshot several times smaller.
  api.use('*', compress());
  api.use(
    '*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) =>
        errorJson(c, 'PAYLOAD_TOO_LARGE', `Request body over ${MAX_BODY_BYTES} bytes`, 413),
    }),
  );

  api.get('/health', (c) => c.json({ ok: true, protocolVersion: PROTOCOL_VERSION }));

  api.post('/devices/enroll', async (c) => {
    const req = await body(c, EnrollRequest);
    const result = enroll(db, req.enrollCode, req.deviceInfo);
    if (!result)
      throw new HttpError('ENROLL_CODE_INVALID', 'The enrolment code is unknown, used or expired');
    log('info', 'device enrolled', { device: result.device.id, role: result.device.role });
    const { device, token } = result;
    return c.json({ deviceId: device.id, token, role: device.role, eventId: device.eventId });
  });

  api.post('/events/:eventId/join', async (c) => {
    const address = getConnInfo(c).remote.address ?? 'unknown';
    if (!joins.take(address))
      throw new HttpError('RATE_LIMITED', 'Too many registrations from this address');
    const req = await body(c, JoinRequest);
    const event = getRow<{ registrationOpen?: boolean }>(db, 'events', c.req.param('eventId'));
    if (!event || event.deleted) throw new HttpError('NOT_FOUND', 'Unknown event');
    if (event.data.registrationOpen === false)
      throw new HttpError('FORBIDDEN', 'Registration is closed');
    const { device, token } = joinAsParticipant(db, event.id, req.deviceInfo);
    return c.json({ deviceId: device.id, token, role: device.role, eventId: device.eventId });
  });

  // Everything below needs a device token.
  api.use('/sync/*', async (c, next) => {
    const auth = authenticate(db, c.req.header('authorization'));
    if (!auth.ok) {
      throw new HttpError(
        auth.code,
        auth.code === 'DEVICE_REVOKED'
          ? 'This device was revoked'
          : 'Missing, unknown or expired token',
      );
    }
    c.set('device', auth.device);
    await next();
  });

  api.post('/sync/push', async (c) => {
    const req = await body(c, PushRequest);
    if (req.protocolVersion !== PROTOCOL_VERSION) {
      throw new HttpError(
        'UNSUPPORTED_PROTOCOL',
        `This server speaks protocol ${PROTOCOL_VERSION}`,
      );
    }
    const result = push(db, c.get('device'), req, secret);
    if (result.status === 503) {
      return c.json(
        { error: { code: 'UNAVAILABLE', message: 'Try the rest again later' }, ...result.body },
        503,
      );
    }
    return c.json(result.body);
  });

  api.post('/sync/pull', async (c) => {
    const req = await body(c, PullRequest);
    if (req.protocolVersion !== undefined && req.protocolVersion !== PROTOCOL_VERSION) {
      throw new HttpError(
        'UNSUPPORTED_PROTOCOL',
        `This server speaks protocol ${PROTOCOL_VERSION}`,
      );
    }
    const device = c.get('device');
    const page = pull(db, device, req);
    // A tablet that only reads is in sync too: the organiser's device list says so.
    db.prepare('UPDATE devices SET last_sync_at = ? WHERE id = ?').run(page.serverTime, device.id);
    return c.json(page);
  });

  api.all('*', () => {
    throw new HttpError('NOT_FOUND', 'No such API route');
  });
  app.route('/api/v1', api);
  app.all('/api/*', () => {
    throw new HttpError('NOT_FOUND', 'No such API route');
  });

  // The PWA. Hashed assets never change; the shell and the service worker must be
  // revalidated on every load or an update would never be seen.
  app.use('*', async (c, next) => {
    await next();
    const immutable = c.req.path.startsWith('/assets/');
    c.header('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
  });
  const files = serveStatic({ root: staticDir });
  const shell = serveStatic({ root: staticDir, rewriteRequestPath: () => '/index.html' });
  const index = join(staticDir, 'index.html');
  app.get('*', async (c, next) => {
    // Not built (yet): say so rather than 404 every file.
    if (!existsSync(index)) return c.text('Hadir is not built: run `npm run build`', 503);
    return files(c, next);
  });
  // Unknown paths (e.g. a shared registration link) get the app shell.
  app.get('*', (c) => shell(c, async () => {}));
  return app;
}
