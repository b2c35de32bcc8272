// The HTTP surface of the real server: health, auth, request errors and the static PWA
// (sync-protocol.md "Transport"; fault cases 16, 17, 19).
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES, PROTOCOL_VERSION } from '#sync/protocol';
import { createEnrollCode, revokeDevice } from '#server/auth';
import {
  checkin,
  countRows,
  enrollDevice,
  ensureBuilt,
  errorCode,
  lastSeq,
  request,
  startTestServer,
  type TestServer,
} from '#tests/server/support';
import { FIXTURE_EVENT_ID, fixture } from '#tests/support/fixture';

const p1 = fixture.people[0]!.id;

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await server.close();
});

/** Everything a push could have changed, to show that a refused request changed nothing. */
const snapshot = () => ({
  rows: server.db.prepare('SELECT tbl, id, v FROM rows ORDER BY tbl, id').all(),
  streams: server.db.prepare('SELECT * FROM streams ORDER BY id').all(),
  mutations: server.db.prepare('SELECT count(*) AS n FROM mutations').get(),
});

describe('http', () => {
  it('health answers ok with the protocol version, without a token', async () => {
    const reply = await request(server.url, '/api/v1/health');
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ ok: true, protocolVersion: PROTOCOL_VERSION });
  });

  it('pull pages are gzip-compressed for clients that accept it; pulls count as a sync', async () => {
    const staff = await enrollDevice(server, 'staff');
    const res = await fetch(`${server.url}/api/v1/sync/pull`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${staff.token}`,
        'accept-encoding': 'gzip',
      },
      body: JSON.stringify({ clientId: staff.clientId, cursor: null }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(((await res.json()) as { changes: unknown[] }).changes.length).toBeGreaterThan(6);
    const row = server.db
      .prepare('SELECT last_sync_at FROM devices WHERE id = ?')
      .get(staff.deviceId);
    expect((row as { last_sync_at: string | null }).last_sync_at).not.toBeNull();
  });

  it('a short answer (a push of one) is sent as is: gzip would cost more than it saves', async () => {
    const staff = await enrollDevice(server, 'staff');
    const [mutation] = staff.stamp(checkin(fixture.people[0]!.id));
    const res = await fetch(`${server.url}/api/v1/sync/push`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${staff.token}`,
        'accept-encoding': 'gzip',
      },
      body: JSON.stringify({
        protocolVersion: PROTOCOL_VERSION,
        schemaVersion: 0,
        clientId: staff.clientId,
        mutations: [mutation],
      }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(res.headers.get('vary')).toMatch(/accept-encoding/i);
    const text = await res.text();
    expect(res.headers.get('content-length')).toBe(String(Buffer.byteLength(text)));
    expect((JSON.parse(text) as { results: { status: string }[] }).results).toEqual([
      expect.objectContaining({ status: 'applied' }),
    ]);
  });

  it('an unknown API route answers 404 NOT_FOUND as JSON', async () => {
    const reply = await request(server.url, '/api/v1/nothing-here');
    expect(reply.status).toBe(404);
    expect(errorCode(reply)).toBe('NOT_FOUND');
  });

  it('an enrolment code works once', async () => {
    const { code } = createEnrollCode(server.db, { role: 'staff', eventId: FIXTURE_EVENT_ID });
    const enroll = () =>
      request(server.url, '/api/v1/devices/enroll', {
        body: { enrollCode: code.toLowerCase(), deviceInfo: { clientId: crypto.randomUUID() } },
      });
    const first = await enroll();
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ role: 'staff', eventId: FIXTURE_EVENT_ID });
    const second = await enroll();
    expect(second.status).toBe(400);
    expect(errorCode(second)).toBe('ENROLL_CODE_INVALID');
  });

  it('joining an unknown event answers 404', async () => {
    const reply = await request(server.url, '/api/v1/events/tidak-ada/join', {
      body: { deviceInfo: { clientId: 'c1' } },
    });
    expect(reply.status).toBe(404);
    expect(errorCode(reply)).toBe('NOT_FOUND');
  });

  it('a push whose clientId is not the token’s device → 403 FORBIDDEN, nothing applied', async () => {
    const staff = await enrollDevice(server, 'staff');
    const before = snapshot();
    const reply = await staff.pushRaw(staff.stamp(checkin(p1)), { clientId: 'another-client' });
    expect(reply.status).toBe(403);
    expect(errorCode(reply)).toBe('FORBIDDEN');
    expect(snapshot()).toEqual(before);
  });

  it('fault 16: a body over 1 MB → 413 PAYLOAD_TOO_LARGE', async () => {
    const staff = await enrollDevice(server, 'staff');
    const before = snapshot();
    const [m] = staff.stamp(checkin(p1));
    const huge = {
      protocolVersion: PROTOCOL_VERSION,
      schemaVersion: 1,
      clientId: staff.clientId,
      mutations: [
        { ...m!, args: { ...(m!.args as object), signature: 'x'.repeat(MAX_BODY_BYTES) } },
      ],
    };
    const reply = await request(server.url, '/api/v1/sync/push', {
      token: staff.token,
      raw: JSON.stringify(huge),
    });
    expect(reply.status).toBe(413);
    expect(errorCode(reply)).toBe('PAYLOAD_TOO_LARGE');
    expect(snapshot()).toEqual(before);
  });

  it('fault 16: a streamed body over 1 MB without Content-Length → 413 too', async () => {
    const staff = await enrollDevice(server, 'staff');
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > MAX_BODY_BYTES + chunk.length) return controller.close();
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const reply = await request(server.url, '/api/v1/sync/push', {
      token: staff.token,
      raw: stream,
    });
    expect(reply.status).toBe(413);
    expect(errorCode(reply)).toBe('PAYLOAD_TOO_LARGE');
  });

  it('fault 16: a body just under the limit is not refused for its size', async () => {
    const staff = await enrollDevice(server, 'staff');
    const [m] = staff.stamp(checkin(p1, { signature: `M1 1l${'1 1 '.repeat(2_400)}1 1` }));
    const reply = await staff.pushRaw([m!], { padding: 'y'.repeat(MAX_BODY_BYTES - 20_000) });
    expect(reply.status).toBe(200);
  });

  it('fault 17: malformed JSON and wrong content type → 400 INVALID_REQUEST, no state change', async () => {
    const staff = await enrollDevice(server, 'staff');
    const [m] = staff.stamp(checkin(p1));
    const good = JSON.stringify({
      protocolVersion: PROTOCOL_VERSION,
      schemaVersion: 1,
      clientId: staff.clientId,
      mutations: [m],
    });
    const before = snapshot();
    const attempts = [
      { raw: good.slice(0, -5) }, // cut off mid-way
      { raw: '{"protocolVersion": 1,,}' },
      { raw: '' },
      { raw: good, contentType: 'text/plain' },
      { raw: good, contentType: 'application/x-www-form-urlencoded' },
      { raw: good, contentType: null },
      { raw: JSON.stringify({ clientId: staff.clientId, mutations: 'all of them' }) },
    ];
    for (const attempt of attempts) {
      for (const path of ['/api/v1/sync/push', '/api/v1/sync/pull']) {
        const reply = await request(server.url, path, { token: staff.token, ...attempt });
        expect(reply.status, `${path} ${JSON.stringify(attempt).slice(0, 80)}`).toBe(400);
        expect(errorCode(reply)).toBe('INVALID_REQUEST');
        expect(reply.json).toMatchObject({ error: { message: expect.any(String) } });
      }
    }
    expect(snapshot()).toEqual(before);
    // The same mutation, sent properly, still applies.
    expect((await staff.push([m!])).results[0]!.status).toBe('applied');
  });

  it('fault 19: an unknown or missing token → 401 UNAUTHENTICATED', async () => {
    const staff = await enrollDevice(server, 'staff');
    const before = snapshot();
    for (const token of ['not-a-real-token', undefined]) {
      for (const [path, body] of [
        [
          '/api/v1/sync/push',
          {
            protocolVersion: 1,
            schemaVersion: 1,
            clientId: staff.clientId,
            mutations: staff.stamp(checkin(p1)),
          },
        ],
        ['/api/v1/sync/pull', { clientId: staff.clientId, cursor: null }],
      ] as const) {
        const reply = await request(server.url, path, { token, body });
        expect(reply.status).toBe(401);
        expect(errorCode(reply)).toBe('UNAUTHENTICATED');
      }
    }
    expect(snapshot()).toEqual(before);
  });

  it('fault 19: an expired token → 401 UNAUTHENTICATED, queue kept: a new token resends it', async () => {
    const staff = await enrollDevice(server, 'staff');
    const queued = staff.stamp(checkin(p1), checkin(p1));
    server.db
      .prepare('UPDATE devices SET expires_at = ? WHERE id = ?')
      .run(new Date(Date.now() - 60_000).toISOString(), staff.deviceId);
    const reply = await staff.pushRaw(queued);
    expect(reply.status).toBe(401);
    expect(errorCode(reply)).toBe('UNAUTHENTICATED');
    expect((await staff.pullRaw({ cursor: null })).status).toBe(401);
    expect(countRows(server.db, 'checkins')).toBe(0);

    // Re-enrolled with the same client id, the device keeps its numbering and its outbox.
    const again = await enrollDevice(server, 'staff', { clientId: staff.clientId });
    const res = await again.push(queued);
    expect(res.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    expect(countRows(server.db, 'checkins')).toBe(2);
  });

  it('fault 19: a revoked device → 403 DEVICE_REVOKED, nothing applied', async () => {
    const staff = await enrollDevice(server, 'staff');
    await staff.send(checkin(p1));
    expect(revokeDevice(server.db, staff.deviceId)).toBe(true);
    const before = snapshot();
    const push = await staff.pushRaw(staff.stamp(checkin(p1)));
    expect(push.status).toBe(403);
    expect(errorCode(push)).toBe('DEVICE_REVOKED');
    const pull = await staff.pullRaw({ cursor: null });
    expect(pull.status).toBe(403);
    expect(errorCode(pull)).toBe('DEVICE_REVOKED');
    expect(snapshot()).toEqual(before);
    expect(lastSeq(server.db, staff.clientId)).toBe(1);
  });
});

describe('static files', () => {
  beforeAll(async () => {
    await ensureBuilt();
  }, 120_000);

  it('hashed assets are immutable; the shell and the service worker are revalidated', async () => {
    const index = await request(server.url, '/');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toMatch(/^text\/html/);
    expect(index.headers.get('cache-control')).toBe('no-cache');

    const asset = /\/assets\/[^"']+\.js/.exec(index.text)?.[0];
    expect(asset).toBeDefined();
    const js = await request(server.url, asset!);
    expect(js.status).toBe(200);
    expect(js.headers.get('cache-control')).toContain('immutable');
    expect(js.headers.get('cache-control')).toContain('max-age=31536000');

    const sw = await request(server.url, '/sw.js');
    expect(sw.status).toBe(200);
    expect(sw.headers.get('cache-control')).toBe('no-cache');
    expect(sw.headers.get('content-type')).toMatch(/javascript/);
  });

  it('the manifest is application/manifest+json', async () => {
    const reply = await request(server.url, '/manifest.webmanifest');
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toMatch(/^application\/manifest\+json/);
    expect(reply.json).toMatchObject({ name: expect.any(String) });
  });

  it('close() does not wait for a kept-alive client that keeps asking', async () => {
    // A streamed static response leaves its keep-alive connection busy for a moment after
    // the client has the whole body: close() must still shut that connection.
    await request(server.url, '/sw.js');
    const closing = server.close();
    let refused = false;
    for (let i = 0; i < 20 && !refused; i++) {
      refused = await request(server.url, '/sw.js').then(
        () => false,
        () => true,
      );
    }
    expect(refused).toBe(true);
    // Without that, it would wait for the client's keep-alive timeout (seconds).
    const first = await Promise.race([
      closing.then(() => 'closed'),
      new Promise((resolve) => setTimeout(resolve, 2000, 'still open')),
    ]);
    expect(first).toBe('closed');
  });

  it('an unknown path (a shared registration link) gets the app shell', async () => {
    const reply = await request(server.url, `/daftar/${FIXTURE_EVENT_ID}`);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toMatch(/^text\/html/);
    expect(reply.headers.get('cache-control')).toBe('no-cache');
    expect(reply.text).toBe((await request(server.url, '/')).text);
  });
});

describe('security headers', () => {
  it('every response carries the CSP (no inline script), nosniff, referrer policy and frame denial', async () => {
    await ensureBuilt();
    for (const path of ['/', '/api/v1/health', '/api/v1/nope', '/manifest.webmanifest']) {
      const res = await fetch(`${server.url}${path}`);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).not.toContain('unsafe-inline');
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), path).toBe('no-referrer');
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
    }
  });
});

describe('header names and values are matched as HTTP says', () => {
  it('accepts a lower-case "bearer" scheme and an upper-case JSON content type', async () => {
    const staff = await enrollDevice(server, 'staff');
    const res = await fetch(`${server.url}/api/v1/sync/pull`, {
      method: 'POST',
      headers: { 'content-type': 'APPLICATION/JSON', authorization: `bearer ${staff.token}` },
      body: JSON.stringify({ clientId: staff.clientId, cursor: null }),
    });
    expect(res.status).toBe(200);
  });
});

describe('the registration link', () => {
  it('/r/<event> serves the registration page carrying that event, safely encoded', async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'hadir-static-'));
    writeFileSync(join(dir, 'index.html'), '<html><head></head><body>app</body></html>');
    writeFileSync(join(dir, 'register.html'), '<html><head></head><body>form</body></html>');
    const site = await startTestServer({ staticDir: dir });
    try {
      // A name that would end the script element if written as it is.
      const organiser = await enrollDevice(site, 'organiser');
      const name = 'Bimtek </script><script>alert(1)</script>';
      await organiser.send({ name: 'event.upsert', args: { event: { ...fixture.event, name } } });
      const page = await fetch(`${site.url}/r/${FIXTURE_EVENT_ID}`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      const html = await page.text();
      expect(html).toContain('<body>form');
      const data = /<script type="application\/json" id="event-data">(.*)<\/script>/.exec(html);
      expect(data).not.toBeNull();
      expect(data![1]).not.toContain('<');
      const carried = JSON.parse(data![1]!) as { event: { name: string }; batches: unknown[] };
      expect(carried).toEqual((await request(site.url, `/api/v1/events/${FIXTURE_EVENT_ID}`)).json);
      expect(carried.event.name).toBe(name);
      expect(carried.batches).toHaveLength(fixture.batches.length);
      // An unknown event, or a hostile path: the page alone, nothing written into it.
      for (const path of ['/r/no-such-event', '/r/%22%3E%3Cscript%3Ex%3C%2Fscript%3E']) {
        const other = await (await fetch(`${site.url}${path}`)).text();
        expect(other, path).toBe('<html><head></head><body>form</body></html>');
      }
      // Other paths still get the app.
      expect(await (await fetch(`${site.url}/anything`)).text()).toContain('<body>app</body>');
    } finally {
      await site.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('serves hashed scripts with Brotli to a browser that takes it, gzip to one that does not', async () => {
    const { mkdtempSync, mkdirSync, writeFileSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const { brotliDecompressSync, gunzipSync } = await import('node:zlib');
    const dir = mkdtempSync(join(tmpdir(), 'hadir-static-'));
    const script = `export const words = ${JSON.stringify('kata '.repeat(2_000))};\n`;
    writeFileSync(join(dir, 'index.html'), '<html><body>app</body></html>');
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'assets', 'main-AbCd1234.js'), script);
    const site = await startTestServer({ staticDir: dir });
    try {
      const { request: raw } = await import('node:http');
      const get = (encoding: string, file = 'main-AbCd1234.js') =>
        new Promise<{ headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
          const req = raw(`${site.url}/assets/${file}`, {
            headers: { 'accept-encoding': encoding },
          });
          req.on('response', (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
          });
          req.on('error', reject);
          req.end();
        });
      for (let i = 0; i < 2; i++) {
        const br = await get('gzip, deflate, br'); // the second one from memory
        expect(br.headers['content-encoding']).toBe('br');
        expect(br.headers['content-type']).toMatch(/^text\/javascript/);
        expect(br.headers['cache-control']).toContain('immutable');
        expect(br.headers.vary).toMatch(/accept-encoding/i);
        expect(brotliDecompressSync(br.body).toString()).toBe(script);
      }
      const gz = await get('gzip');
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(gz.body).toString()).toBe(script);
      // A file not there is still a 404, not an empty Brotli answer.
      const missing = await get('br', 'gone-XyZw9876.js');
      expect(missing.headers['content-encoding']).toBeUndefined();
      expect(missing.body.toString()).toBe('Not found');
    } finally {
      await site.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
