// What a black-box attack on the real server found, each reproduced here over real HTTP
// on 127.0.0.1 against a real SQLite file: static paths the file server refuses (a bare
// 500), answers without the security headers, personal data a cache could keep, and slow
// clients holding connections for minutes. Paths go out through node:http exactly as
// written: fetch would normalise '/%2e%2e/' and '//' away before the server saw them.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { createServer as createHttpsServer, request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { REQUEST_TIMEOUT_MS } from '#sync/transport';
import { MAX_BATCH_BYTES, MAX_BODY_BYTES, PROTOCOL_VERSION } from '#sync/protocol';
import { createApp, SECURITY_HEADERS } from '#server/app';
import { setSilent } from '#server/log';
import { startServer, TIMEOUTS, type RunningServer, type Timeouts } from '#server/main';
import { openDatabase } from '#server/store/database';
import {
  checkin,
  countRows,
  enrollDevice,
  ensureBuilt,
  request,
  tempDataDir,
} from '#tests/server/support';
import { sendSlowly } from '#tests/support/trickle';
import { FIXTURE_EVENT_ID, fixture, seedFixture } from '#tests/support/fixture';

// ---------------------------------------------------------------------------------------
// Helpers

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** One request with its path sent verbatim (node:http does not normalise it). */
function raw(
  url: string,
  path: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Reply> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: hostname, port, path, method: opts.method ?? 'GET', headers: opts.headers },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** Every security header, with its value; no HSTS over plain HTTP. */
function expectSecure(reply: { headers: IncomingHttpHeaders }, what: string): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
    expect(reply.headers[name.toLowerCase()], `${name} on ${what}`).toBe(value);
  }
  expect(reply.headers['strict-transport-security'], `HSTS on ${what}`).toBeUndefined();
}

interface LogEntry {
  level: string;
  msg: string;
  [field: string]: unknown;
}

/** Run `fn` with the server's log on; the structured entries it wrote (in-process server). */
async function logged<T>(fn: () => Promise<T>): Promise<{ result: T; entries: LogEntry[] }> {
  const out: string[] = [];
  const keep = (chunk: unknown) => (out.push(String(chunk)), true);
  const spies = [
    vi.spyOn(process.stdout, 'write').mockImplementation(keep),
    vi.spyOn(process.stderr, 'write').mockImplementation(keep),
  ];
  setSilent(false);
  try {
    const result = await fn();
    const entries = out
      .join('')
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as LogEntry);
    return { result, entries };
  } finally {
    setSilent(true);
    for (const spy of spies) spy.mockRestore();
  }
}

interface Started {
  server: RunningServer;
  dataDir: string;
  stop(): Promise<void>;
}

async function start(opts: { staticDir?: string; timeouts?: Partial<Timeouts> } = {}) {
  const dataDir = tempDataDir();
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    staticDir: opts.staticDir ?? 'dist',
    ...(opts.timeouts ? { timeouts: opts.timeouts } : {}),
    seed: false,
  });
  seedFixture(server.db);
  return {
    server,
    dataDir,
    async stop() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  } satisfies Started;
}

/** A folder standing in for dist/: only the files given. */
function staticDirWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'hadir-static-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const PACKAGE_JSON = readFileSync('package.json', 'utf8');
const p1 = fixture.people[0]!.id;

// ---------------------------------------------------------------------------------------

let main: Started;
let shell: string;

beforeAll(async () => {
  await ensureBuilt();
  main = await start();
  shell = (await raw(main.server.url, '/')).body;
  expect(shell).toContain('<html');
}, 120_000);
afterAll(async () => {
  await main.stop();
});

describe('static paths the file server refuses', () => {
  // Undecodable, double-encoded, backslashes, empty and dot segments, NUL: each one a way
  // out of dist/ or a spelling no file of the build has.
  const refused = [
    '/%2F',
    '//etc/passwd',
    '/..%2fpackage.json',
    '/%ff',
    '/%25',
    '/a%5cb',
    '/assets/%E0%A4%A',
    '/%2e%2e/package.json',
    '/%2E%2E%2Fpackage.json',
    '/assets/..%2f..%2fpackage.json',
    '/assets/%2e%2e/%2e%2e/package.json',
    '/..%5cpackage.json',
    '/a/../package.json',
    '/./package.json',
    '/%252e%252e/package.json',
    '/%00',
    '/assets/x.js%00.html',
    '/a\\b',
    '/..\\package.json',
    '/r/..%2f..%2fpackage.json',
  ];

  it('answer 400 with the security headers, never a file outside dist/ nor the app shell, and log no error', async () => {
    const { result, entries } = await logged(() =>
      Promise.all(refused.map((path) => raw(main.server.url, path))),
    );
    result.forEach((reply, i) => {
      const path = refused[i]!;
      expect(reply.status, path).toBe(400);
      expectSecure(reply, path);
      expect(reply.headers['cache-control'] ?? '', path).not.toContain('immutable');
      expect(reply.body, path).not.toContain('"name": "hadir"');
      expect(reply.body, path).not.toBe(PACKAGE_JSON);
      expect(reply.body, path).not.toContain('root:');
      expect(reply.body, path).not.toBe(shell);
    });
    expect(entries.filter((e) => e.level === 'error')).toEqual([]);
  });

  it('a missing hashed asset is 404 (not the shell, never immutable); a client route with escapes still gets the shell', async () => {
    const missing = await raw(main.server.url, '/assets/index-00000000.js');
    expect(missing.status).toBe(404);
    expect(missing.body).not.toBe(shell);
    expect(missing.headers['cache-control']).toBe('no-cache');
    expectSecure(missing, 'a missing asset');

    for (const path of ['/daftar/caf%C3%A9', '/daftar/a%20b', `/r/${FIXTURE_EVENT_ID}?x=%ff`]) {
      const page = await raw(main.server.url, path);
      expect(page.status, path).toBe(200);
      expect(page.headers['content-type'], path).toMatch(/^text\/html/);
    }
    expect((await raw(main.server.url, '/daftar/caf%C3%A9')).body).toBe(shell);
  });

  it('a genuine unexpected error still answers 500 INTERNAL with the headers and is logged as an error', async () => {
    // A broken build: the shell is there, the registration page is not.
    const dir = staticDirWith({ 'index.html': '<html><head></head><body>app</body></html>' });
    const broken = await start({ staticDir: dir });
    try {
      const { result: reply, entries } = await logged(() =>
        raw(broken.server.url, `/r/${FIXTURE_EVENT_ID}`),
      );
      expect(reply.status).toBe(500);
      expect(JSON.parse(reply.body)).toMatchObject({ error: { code: 'INTERNAL' } });
      expectSecure(reply, 'a 500');
      const errors = entries.filter((e) => e.level === 'error');
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ msg: 'request failed', error: 'Error' });
    } finally {
      await broken.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('security headers on every kind of answer', () => {
  it('static files, API answers and errors of every kind carry them; HSTS never over plain HTTP', async () => {
    const url = main.server.url;
    const asset = /\/assets\/[^"']+\.js/.exec(shell)?.[0];
    expect(asset).toBeDefined();
    const forged = { 'x-forwarded-proto': 'https', forwarded: 'proto=https' };
    const samples: [string, Promise<Reply>, number][] = [
      ['the shell', raw(url, '/', { headers: forged }), 200],
      ['a hashed asset', raw(url, asset!), 200],
      ['the service worker', raw(url, '/sw.js'), 200],
      ['the manifest', raw(url, '/manifest.webmanifest'), 200],
      ['the registration page', raw(url, `/r/${FIXTURE_EVENT_ID}`), 200],
      ['health', raw(url, '/api/v1/health', { headers: forged }), 200],
      ['an unknown API route', raw(url, '/api/v1/nothing-here'), 404],
      ['an unknown path outside the API', raw(url, '/api/nothing'), 404],
      [
        'a pull without a token',
        raw(url, '/api/v1/sync/pull', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        }),
        401,
      ],
      ['a refused static path', raw(url, '/..%2fpackage.json'), 400],
      ['the adapter’s own 400 (a backslash)', raw(url, '/a\\b'), 400],
      ['a missing asset', raw(url, '/assets/gone.css'), 404],
      ['a POST to a page', raw(url, '/daftar', { method: 'POST', body: 'x' }), 404],
    ];
    for (const [what, pending, status] of samples) {
      const reply = await pending;
      expect(reply.status, what).toBe(status);
      expectSecure(reply, what);
    }

    const tooBig = await request(url, '/api/v1/sync/push', { raw: 'x'.repeat(MAX_BODY_BYTES + 1) });
    expect(tooBig.status).toBe(413);
    for (const name of Object.keys(SECURITY_HEADERS))
      expect(tooBig.headers.get(name), `${name} on a 413`).toBe(SECURITY_HEADERS[name]);
  });

  it('the 503 of a server whose PWA is not built carries them', async () => {
    const dir = staticDirWith({});
    const unbuilt = await start({ staticDir: dir });
    try {
      const reply = await raw(unbuilt.server.url, '/');
      expect(reply.status).toBe(503);
      expectSecure(reply, 'the 503');
    } finally {
      await unbuilt.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('over TLS every answer adds Strict-Transport-Security', async () => {
    // A throwaway certificate for 127.0.0.1; the app as main.ts builds it, served by HTTPS.
    const dir = mkdtempSync(join(tmpdir(), 'hadir-tls-'));
    const [key, cert] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
    execFileSync('openssl', [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ]);
    const dataDir = tempDataDir();
    const db = openDatabase(dataDir);
    const ca = readFileSync(cert);
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve(
        {
          fetch: createApp({ db, staticDir: 'dist' }).fetch,
          port: 0,
          hostname: '127.0.0.1',
          createServer: createHttpsServer,
          serverOptions: { key: readFileSync(key), cert: ca },
        },
        () => resolve(s),
      );
    });
    const { port } = server.address() as AddressInfo;
    const get = (path: string) =>
      new Promise<Reply>((resolve, reject) => {
        const req = httpsRequest({ host: '127.0.0.1', port, path, ca }, (res) => {
          let body = '';
          res.on('data', (d: Buffer) => (body += d.toString()));
          res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
        });
        req.on('error', reject);
        req.end();
      });
    try {
      for (const [path, status] of [
        ['/api/v1/health', 200],
        ['/', 200],
        ['/api/v1/nope', 404],
        ['/%2F', 400],
      ] as const) {
        const reply = await get(path);
        expect(reply.status, path).toBe(status);
        expect(reply.headers['strict-transport-security'], path).toBe('max-age=31536000');
        expect(reply.headers['content-security-policy'], path).toBe(
          SECURITY_HEADERS['Content-Security-Policy'],
        );
      }
    } finally {
      await new Promise((resolve) => server.close(resolve));
      db.close();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('no-store on everything that carries personal data or a token', () => {
  it('authenticated answers, verification and their errors are no-store; health and the public event are not', async () => {
    const url = main.server.url;
    const target = { url, db: main.server.db };
    const organiser = await enrollDevice(target, 'organiser');
    const staff = await enrollDevice(target, 'staff');
    const phone = await enrollDevice(target, 'participant');
    const pull = (token?: string) =>
      request(url, '/api/v1/sync/pull', {
        ...(token ? { token } : {}),
        body: { clientId: staff.clientId, cursor: null },
      });
    const answers: [string, ReturnType<typeof request>, number][] = [
      ['admin devices', request(url, '/api/v1/admin/devices', { token: organiser.token }), 200],
      [
        'admin certificates',
        request(url, '/api/v1/admin/certificates', { token: organiser.token }),
        200,
      ],
      ['my certificates', request(url, '/api/v1/certificates/mine', { token: phone.token }), 200],
      ['a pull', pull(staff.token), 200],
      ['a pull without a token', pull(), 401],
      [
        'admin devices for staff',
        request(url, '/api/v1/admin/devices', { token: staff.token }),
        403,
      ],
      ['an unknown verification code', request(url, '/api/v1/verify/ABCD-EFGH'), 404],
      [
        'an enrolment (a token)',
        request(url, '/api/v1/devices/enroll', {
          body: { enrollCode: 'NOPE-NOPE', deviceInfo: { clientId: 'c-x' } },
        }),
        400,
      ],
    ];
    for (const [what, pending, status] of answers) {
      const reply = await pending;
      expect(reply.status, `${what}: ${reply.text}`).toBe(status);
      expect(reply.headers.get('cache-control'), what).toBe('no-store');
    }
    for (const path of ['/api/v1/health', `/api/v1/events/${FIXTURE_EVENT_ID}`]) {
      const reply = await request(url, path);
      expect(reply.status, path).toBe(200);
      expect(reply.headers.get('cache-control'), path).not.toBe('no-store');
    }
  });
});

describe('slow clients', () => {
  const limits = { headersMs: 1_000, requestMs: 1_500, checkMs: 250 };
  /** Time Node may take past a limit: its check interval, plus a loaded runner's slack. */
  const late = limits.checkMs + 1_000;
  let slow: Started;
  let token: string;
  beforeAll(async () => {
    slow = await start({ timeouts: limits });
    token = (await enrollDevice({ url: slow.server.url, db: slow.server.db }, 'staff')).token;
  });
  afterAll(async () => {
    await slow.stop();
  });

  const pushHead = (length: number) =>
    [
      'POST /api/v1/sync/push HTTP/1.1',
      'Host: 127.0.0.1',
      `Authorization: Bearer ${token}`,
      'Content-Type: application/json',
      `Content-Length: ${length}`,
      'Connection: close',
      '',
      '',
    ].join('\r\n');

  it('a client that never finishes its headers, or sends nothing, is let go after headersMs', async () => {
    const [trickling, silent] = await Promise.all([
      sendSlowly(slow.server.url, {
        head: 'GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ',
        rest: 'a'.repeat(10_000),
        bytesPerSecond: 20,
        giveUpMs: 10_000,
      }),
      sendSlowly(slow.server.url, { head: '', giveUpMs: 10_000 }),
    ]);
    for (const [what, r] of [
      ['trickling headers', trickling],
      ['silent', silent],
    ] as const) {
      expect(r.closedByServer, what).toBe(true);
      expect(r.closedMs, what).toBeGreaterThanOrEqual(limits.headersMs - 50);
      expect(r.closedMs, what).toBeLessThanOrEqual(limits.headersMs + late);
    }
    expect(trickling.status).toBe(408);
  });

  it('a client trickling its body is let go after requestMs, and the server carries on', async () => {
    const { result: r, entries } = await logged(async () => {
      const result = await sendSlowly(slow.server.url, {
        head: pushHead(100_000),
        rest: 'x'.repeat(100_000),
        bytesPerSecond: 50,
        giveUpMs: 10_000,
      });
      await new Promise((resolve) => setTimeout(resolve, 100)); // the handler's own ending
      return result;
    });
    expect(r.closedByServer).toBe(true);
    expect(r.status).toBe(408);
    expect(r.closedMs).toBeGreaterThanOrEqual(limits.requestMs - 50);
    expect(r.closedMs).toBeLessThanOrEqual(limits.requestMs + late);
    expect(r.sent).toBeLessThan(200);
    expect(entries.filter((e) => e.level === 'error')).toEqual([]);
    expect((await request(slow.server.url, '/api/v1/health')).status).toBe(200);
  });

  it('a push trickled at a steady rate that arrives inside requestMs is applied', async () => {
    const staff = await enrollDevice({ url: slow.server.url, db: slow.server.db }, 'staff');
    const body = JSON.stringify({
      protocolVersion: PROTOCOL_VERSION,
      schemaVersion: 1,
      clientId: staff.clientId,
      mutations: staff.stamp(...Array.from({ length: 5 }, () => checkin(p1))),
    });
    const before = countRows(slow.server.db, 'checkins');
    const r = await sendSlowly(slow.server.url, {
      head: pushHead(Buffer.byteLength(body)).replace(token, staff.token),
      rest: body,
      bytesPerSecond: Math.ceil(Buffer.byteLength(body) / 0.6), // 0.6 s of 1.5 s
      giveUpMs: 10_000,
    });
    expect(r.status, r.response).toBe(200);
    expect(r.sent).toBe(Buffer.byteLength(body));
    expect(r.answeredMs).toBeGreaterThan(500);
    expect(countRows(slow.server.db, 'checkins')).toBe(before + 5);
  });

  it('the production limits free a slow client within 30 s, and leave a full batch on weak 3G room', () => {
    const freedWithinMs = Math.max(TIMEOUTS.headersMs, TIMEOUTS.requestMs) + TIMEOUTS.checkMs;
    expect(freedWithinMs).toBeLessThanOrEqual(30_000);
    expect(TIMEOUTS.headersMs).toBeLessThanOrEqual(TIMEOUTS.requestMs); // Node requires it
    // A full push batch at 50 KB/s (about 5 s) with room to spare, and never a cut of a
    // request the app itself still waits for.
    const weak3gMs = (MAX_BATCH_BYTES / (50 * 1024)) * 1000;
    expect(TIMEOUTS.requestMs).toBeGreaterThanOrEqual(3 * weak3gMs);
    expect(TIMEOUTS.requestMs).toBeGreaterThan(REQUEST_TIMEOUT_MS);
    // The bench (bench/slow-client.ts) measures both with these defaults over real HTTP.
  });
});
