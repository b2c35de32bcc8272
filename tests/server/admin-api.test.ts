// The organiser console API (/api/v1/admin/...) and the abuse limits of the public
// endpoints (issue 4, points 1, 3 and 5), against the real server over real HTTP. The
// rate limiters live in the server's memory and key on the remote address (127.0.0.1
// for every request here), so every test gets a fresh server: no limit leaks into the
// next test.
import { request as httpRequest } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createEnrollCode,
  normalizeCode,
  SESSION_TTL_HOURS,
  setOrganiserPassword,
  sha256,
} from '#server/auth';
import { EnrollResponse, type Role } from '#sync/protocol';
import {
  deviceFor,
  enrollDevice,
  errorCode,
  mark,
  ofTable,
  person,
  register,
  request,
  upsert,
  startTestServer,
  type RawReply,
  type TestDevice,
  type TestServer,
} from '#tests/server/support';
import { FIXTURE_EVENT_ID, fixture } from '#tests/support/fixture';

const PASSWORD = 'rahasia-panitia-2025';
const EVENT_B = 'event-b';
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const CODE = new RegExp(`^[${ALPHABET}]{4}-[${ALPHABET}]{4}$`);
const HOUR = 60 * 60_000;

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
  setOrganiserPassword(server.db, PASSWORD);
});
afterEach(async () => {
  await server.close();
});

// ---------------------------------------------------------------------------------------
// Helpers

const freshClient = () => `c-${crypto.randomUUID()}`;

function login(password: string, eventId = FIXTURE_EVENT_ID): Promise<RawReply> {
  return request(server.url, '/api/v1/admin/login', {
    body: { password, eventId, deviceInfo: { clientId: freshClient(), name: 'Laptop panitia' } },
  });
}

function enrollWith(code: string, clientId = freshClient()): Promise<RawReply> {
  return request(server.url, '/api/v1/devices/enroll', {
    body: { enrollCode: code, deviceInfo: { clientId } },
  });
}

function join(eventId = FIXTURE_EVENT_ID): Promise<RawReply> {
  return request(server.url, `/api/v1/events/${eventId}/join`, {
    body: { deviceInfo: { clientId: freshClient() } },
  });
}

/**
 * A join sent from another loopback address (all of 127.0.0.0/8 reaches the server on
 * 127.0.0.1): the only way to put more than one remote address behind the requests.
 */
function joinFrom(localAddress: string, eventId = FIXTURE_EVENT_ID): Promise<RawReply> {
  const { hostname, port } = new URL(server.url);
  const payload = JSON.stringify({ deviceInfo: { clientId: freshClient() } });
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: hostname,
        port,
        localAddress,
        method: 'POST',
        path: `/api/v1/events/${eventId}/join`,
        headers: { 'content-type': 'application/json' },
        agent: false,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          const headers = new Headers();
          for (const [k, v] of Object.entries(res.headers))
            if (typeof v === 'string') headers.set(k, v);
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers, json, text });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

interface NewDevice {
  code: string;
  expiresAt: string;
  enrollUrl: string;
}

async function newDevice(
  organiser: { token: string },
  body: Record<string, unknown> & { role: Exclude<Role, 'participant'> },
): Promise<NewDevice> {
  const reply = await request(server.url, '/api/v1/admin/devices', {
    token: organiser.token,
    body,
  });
  expect(reply.status, reply.text).toBe(200);
  return reply.json as NewDevice;
}

interface ListedDevice {
  id: string;
  role: Role;
  eventId: string;
  name: string;
  lastSyncAt: string | null;
  unsent: number | null;
  appVersion: string | null;
  revokedAt: string | null;
}

async function listDevices(organiser: { token: string }): Promise<ListedDevice[]> {
  const reply = await request(server.url, '/api/v1/admin/devices', { token: organiser.token });
  expect(reply.status, reply.text).toBe(200);
  return (reply.json as { devices: ListedDevice[] }).devices;
}

function revoke(organiser: { token: string }, deviceId: string): Promise<RawReply> {
  return request(server.url, `/api/v1/admin/devices/${encodeURIComponent(deviceId)}/revoke`, {
    token: organiser.token,
    body: {},
  });
}

/** Enrol from a console code the way a new device does: over HTTP. */
async function enrolFrom(code: string): Promise<TestDevice> {
  const clientId = freshClient();
  const reply = await enrollWith(code, clientId);
  expect(reply.status, reply.text).toBe(200);
  return deviceFor(server.url, { ...EnrollResponse.parse(reply.json), clientId });
}

function expectRateLimited(reply: RawReply, windowS: number): void {
  expect(reply.status, reply.text).toBe(429);
  expect(errorCode(reply)).toBe('RATE_LIMITED');
  const retryAfter = reply.headers.get('retry-after');
  expect(retryAfter).toMatch(/^\d+$/);
  expect(Number(retryAfter)).toBeGreaterThan(0);
  expect(Number(retryAfter)).toBeLessThanOrEqual(windowS);
}

const expiresAtOf = (deviceId: string) =>
  (
    server.db.prepare('SELECT expires_at FROM devices WHERE id = ?').get(deviceId) as {
      expires_at: string;
    }
  ).expires_at;

const deviceCount = () =>
  (server.db.prepare('SELECT count(*) AS n FROM devices').get() as { n: number }).n;

// ---------------------------------------------------------------------------------------

describe('POST /api/v1/admin/login', () => {
  it('the right password gives an organiser token that works on the console and expires after SESSION_TTL_HOURS', async () => {
    const before = Date.now();
    const reply = await login(PASSWORD);
    expect(reply.status, reply.text).toBe(200);
    const session = EnrollResponse.parse(reply.json);
    expect(session).toMatchObject({ role: 'organiser', eventId: FIXTURE_EVENT_ID });

    const devices = await listDevices(session);
    expect(devices.map((d) => d.id)).toContain(session.deviceId);

    const expires = Date.parse(expiresAtOf(session.deviceId));
    expect(expires).toBeGreaterThanOrEqual(before + SESSION_TTL_HOURS * HOUR);
    expect(expires).toBeLessThanOrEqual(Date.now() + SESSION_TTL_HOURS * HOUR);

    // The session runs out: the same token is then refused.
    server.db
      .prepare('UPDATE devices SET expires_at = ? WHERE id = ?')
      .run(new Date(Date.now() - 1000).toISOString(), session.deviceId);
    const after = await request(server.url, '/api/v1/admin/devices', { token: session.token });
    expect(after.status).toBe(401);
    expect(errorCode(after)).toBe('UNAUTHENTICATED');
  });

  it('a wrong password → 401 UNAUTHENTICATED and no device', async () => {
    const devices = deviceCount();
    const reply = await login('salah-sandi-123');
    expect(reply.status).toBe(401);
    expect(errorCode(reply)).toBe('UNAUTHENTICATED');
    expect(reply.text).not.toContain('token');
    expect(deviceCount()).toBe(devices);
  });

  it('an unknown event → 404 NOT_FOUND', async () => {
    const reply = await login(PASSWORD, 'no-such-event');
    expect(reply.status).toBe(404);
    expect(errorCode(reply)).toBe('NOT_FOUND');
  });

  it('fewer than 5 wrong passwords do not lock the address out', async () => {
    for (let i = 0; i < 4; i++) expect((await login(`salah-${i}-sandi`)).status).toBe(401);
    expect((await login(PASSWORD)).status).toBe(200);
  });

  it('after 5 wrong passwords from one address → 429 RATE_LIMITED with Retry-After, even for the right password', async () => {
    for (let i = 0; i < 5; i++) {
      const reply = await login(`salah-${i}-sandi`);
      expect(errorCode(reply), `attempt ${i + 1}`).toBe('UNAUTHENTICATED');
    }
    const devices = deviceCount();
    expectRateLimited(await login('salah-lagi-sandi'), 15 * 60);
    expectRateLimited(await login(PASSWORD), 15 * 60);
    expect(deviceCount()).toBe(devices);
  });
});

describe('POST /api/v1/admin/devices: a one-time enrolment code', () => {
  it('for staff: {code XXXX-XXXX, expiresAt, enrollUrl with #/device?code=}; the code enrols once', async () => {
    const organiser = await enrollDevice(server, 'organiser');
    const before = Date.now();
    const made = await newDevice(organiser, { role: 'staff', name: 'Meja registrasi 1' });
    expect(made.code).toMatch(CODE);
    const expires = Date.parse(made.expiresAt);
    expect(expires).toBeGreaterThanOrEqual(before + 24 * HOUR);
    expect(expires).toBeLessThanOrEqual(Date.now() + 24 * HOUR);
    expect(made.enrollUrl).toContain('#/device?code=');
    expect(made.enrollUrl).toBe(`${server.url}/#/device?code=${made.code}`);

    const first = await enrollWith(made.code);
    expect(first.status, first.text).toBe(200);
    const staff = EnrollResponse.parse(first.json);
    expect(staff).toMatchObject({ role: 'staff', eventId: FIXTURE_EVENT_ID });
    const listed = (await listDevices(organiser)).find((d) => d.id === staff.deviceId);
    expect(listed).toMatchObject({ role: 'staff', name: 'Meja registrasi 1' });

    const again = await enrollWith(made.code);
    expect(again.status).toBe(400);
    expect(errorCode(again)).toBe('ENROLL_CODE_INVALID');
  });

  it('the code is for the organiser’s own event, whatever the body says', async () => {
    const organiserB = await enrollDevice(server, 'organiser', { eventId: EVENT_B });
    const made = await newDevice(organiserB, { role: 'staff', eventId: FIXTURE_EVENT_ID });
    const staff = await enrolFrom(made.code);
    expect(staff.eventId).toBe(EVENT_B);
  });

  it('for a trainer with sessionIds: once enrolled, the session lists the trainer, who may mark it and no other', async () => {
    const [s1, s2] = [fixture.sessions[0]!, fixture.sessions[1]!];
    const organiser = await enrollDevice(server, 'organiser');
    const made = await newDevice(organiser, {
      role: 'trainer',
      name: 'HP narasumber',
      sessionIds: [s1.id],
    });
    const trainer = await enrolFrom(made.code);
    expect(trainer.role).toBe('trainer');

    const sessions = ofTable<{ id: string; trainerDeviceIds: string[] }>(
      (await organiser.pullAll(null)).changes,
      'sessions',
    );
    expect(sessions.find((s) => s.id === s1.id)!.trainerDeviceIds).toContain(trainer.deviceId);
    expect(sessions.find((s) => s.id === s2.id)!.trainerDeviceIds).not.toContain(trainer.deviceId);

    const participant = person();
    const staff = await enrollDevice(server, 'staff');
    expect((await staff.send(register(participant))).results[0]!.status).toBe('applied');
    const res = await trainer.send(mark(s1.id, participant.id), mark(s2.id, participant.id));
    expect(res.results.map((r) => r.code ?? r.status)).toEqual(['applied', 'FORBIDDEN']);
  });

  it('a trainer code naming a session of another event assigns nothing there', async () => {
    const organiserB = await enrollDevice(server, 'organiser', { eventId: EVENT_B });
    const organiser = await enrollDevice(server, 'organiser');
    const made = await newDevice(organiserB, {
      role: 'trainer',
      sessionIds: [fixture.sessions[0]!.id],
    });
    const trainer = await enrolFrom(made.code);
    const s1 = ofTable<{ id: string; trainerDeviceIds: string[] }>(
      (await organiser.pullAll(null)).changes,
      'sessions',
    ).find((s) => s.id === fixture.sessions[0]!.id)!;
    expect(s1.trainerDeviceIds).not.toContain(trainer.deviceId);
  });

  it('rejects a participant role or a bad body (400 INVALID_REQUEST)', async () => {
    const organiser = await enrollDevice(server, 'organiser');
    for (const body of [
      { role: 'participant' },
      { role: 'admin' },
      {},
      { role: 'staff', name: 'x'.repeat(101) },
    ]) {
      const reply = await request(server.url, '/api/v1/admin/devices', {
        token: organiser.token,
        body,
      });
      expect(reply.status, JSON.stringify(body)).toBe(400);
      expect(errorCode(reply)).toBe('INVALID_REQUEST');
    }
  });
});

describe('GET /api/v1/admin/devices', () => {
  it('lists only the organiser’s event’s devices, with last sync, unsent and app version, never clientId or token', async () => {
    const organiser = await enrollDevice(server, 'organiser');
    const staff = await enrollDevice(server, 'staff');
    const trainer = await enrollDevice(server, 'trainer');
    const phone = await enrollDevice(server, 'participant');
    const organiserB = await enrollDevice(server, 'organiser', { eventId: EVENT_B });
    const staffB = await enrollDevice(server, 'staff', { eventId: EVENT_B });
    await staff.push([], { unsent: 3, appVersion: '0.1.0' });

    const devices = await listDevices(organiser);
    expect(devices.map((d) => d.id).sort()).toEqual(
      [organiser, staff, trainer, phone].map((d) => d.deviceId).sort(),
    );
    for (const d of devices) {
      expect(d.eventId).toBe(FIXTURE_EVENT_ID);
      expect(d).not.toHaveProperty('clientId');
      expect(d).not.toHaveProperty('token');
      expect(d).not.toHaveProperty('tokenHash');
      expect(d).not.toHaveProperty('token_hash');
    }
    expect(devices.find((d) => d.id === staff.deviceId)).toMatchObject({
      role: 'staff',
      unsent: 3,
      appVersion: '0.1.0',
      lastSyncAt: expect.any(String),
      revokedAt: null,
    });
    const text = JSON.stringify(devices);
    for (const d of [organiser, staff, trainer, phone, organiserB, staffB]) {
      expect(text).not.toContain(d.token);
      expect(text).not.toContain(d.clientId);
    }

    const devicesB = await listDevices(organiserB);
    expect(devicesB.map((d) => d.id).sort()).toEqual(
      [organiserB, staffB].map((d) => d.deviceId).sort(),
    );
  });
});

describe('POST /api/v1/admin/devices/{id}/revoke', () => {
  it('revokes a device of the event: it then gets 403 DEVICE_REVOKED, and the list says so', async () => {
    const organiser = await enrollDevice(server, 'organiser');
    const staff = await enrollDevice(server, 'staff');
    expect((await staff.pullRaw({ cursor: null })).status).toBe(200);

    const reply = await revoke(organiser, staff.deviceId);
    expect(reply.status, reply.text).toBe(200);
    expect(reply.json).toEqual({ ok: true });

    for (const attempt of [await staff.pullRaw({ cursor: null }), await staff.pushRaw([])]) {
      expect(attempt.status).toBe(403);
      expect(errorCode(attempt)).toBe('DEVICE_REVOKED');
    }
    const listed = (await listDevices(organiser)).find((d) => d.id === staff.deviceId);
    expect(listed?.revokedAt).toEqual(expect.any(String));
    expect((await organiser.pullRaw({ cursor: null })).status).toBe(200);
  });

  it('a device of another event, or an unknown id → 404 NOT_FOUND, and nothing is revoked', async () => {
    const organiser = await enrollDevice(server, 'organiser');
    const organiserB = await enrollDevice(server, 'organiser', { eventId: EVENT_B });
    const staffB = await enrollDevice(server, 'staff', { eventId: EVENT_B });
    for (const id of [staffB.deviceId, organiserB.deviceId, 'no-such-device']) {
      const reply = await revoke(organiser, id);
      expect(reply.status, id).toBe(404);
      expect(errorCode(reply)).toBe('NOT_FOUND');
    }
    expect((await staffB.pullRaw({ cursor: null })).status).toBe(200);
    expect((await organiserB.pullRaw({ cursor: null })).status).toBe(200);
  });
});

describe('POST /api/v1/admin/logout', () => {
  it('revokes the caller’s own token and nobody else’s', async () => {
    const session = EnrollResponse.parse((await login(PASSWORD)).json);
    const other = await enrollDevice(server, 'organiser');
    const reply = await request(server.url, '/api/v1/admin/logout', {
      token: session.token,
      body: {},
    });
    expect(reply.status, reply.text).toBe(200);
    const after = await request(server.url, '/api/v1/admin/devices', { token: session.token });
    expect(after.status).toBe(403);
    expect(errorCode(after)).toBe('DEVICE_REVOKED');
    const listed = (await listDevices(other)).find((d) => d.id === session.deviceId);
    expect(listed?.revokedAt).toEqual(expect.any(String));
    expect((await other.pullRaw({ cursor: null })).status).toBe(200);
  });
});

describe('enrolment codes resist guessing', () => {
  it('codes are 8 characters of a 31-letter alphabet (no 0, O, 1, I, L), shown XXXX-XXXX, and differ', () => {
    expect(ALPHABET).toHaveLength(31);
    const codes = Array.from(
      { length: 50 },
      () => createEnrollCode(server.db, { role: 'staff', eventId: FIXTURE_EVENT_ID }).code,
    );
    for (const code of codes) {
      expect(code).toMatch(CODE);
      expect(code).not.toMatch(/[01OIL]/);
    }
    expect(codes[0]).not.toBe(codes[1]);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('matching ignores case and separators', async () => {
    const { code } = createEnrollCode(server.db, { role: 'staff', eventId: FIXTURE_EVENT_ID });
    const typed = ` ${code.toLowerCase().replace('-', ' ')} `;
    expect((await enrollWith(typed)).status).toBe(200);
  });

  it('an expired code → 400 ENROLL_CODE_INVALID', async () => {
    const { code } = createEnrollCode(server.db, { role: 'staff', eventId: FIXTURE_EVENT_ID });
    server.db
      .prepare('UPDATE enroll_codes SET expires_at = ? WHERE code_hash = ?')
      .run(new Date(Date.now() - 1000).toISOString(), sha256(normalizeCode(code)));
    const reply = await enrollWith(code);
    expect(reply.status).toBe(400);
    expect(errorCode(reply)).toBe('ENROLL_CODE_INVALID');
  });

  it('9 wrong codes do not lock the address out', async () => {
    for (let i = 0; i < 9; i++)
      expect(errorCode(await enrollWith('AAAA-AAAA'))).toBe('ENROLL_CODE_INVALID');
    const { code } = createEnrollCode(server.db, { role: 'staff', eventId: FIXTURE_EVENT_ID });
    expect((await enrollWith(code)).status).toBe(200);
  });

  it('after 10 wrong codes from one address the 11th attempt → 429 with Retry-After, even with a valid code, which stays unused', async () => {
    for (let i = 0; i < 10; i++) {
      const reply = await enrollWith(`AAAA-AAA${ALPHABET[i]!}`);
      expect(reply.status, `attempt ${i + 1}`).toBe(400);
      expect(errorCode(reply)).toBe('ENROLL_CODE_INVALID');
    }
    const { code } = createEnrollCode(server.db, { role: 'staff', eventId: FIXTURE_EVENT_ID });
    const devices = deviceCount();
    expectRateLimited(await enrollWith(code), 15 * 60);
    expect(deviceCount()).toBe(devices);
    const row = server.db
      .prepare('SELECT used_at FROM enroll_codes WHERE code_hash = ?')
      .get(sha256(normalizeCode(code))) as { used_at: string | null };
    expect(row.used_at).toBeNull();
  });
});

describe('POST /api/v1/events/{id}/join is rate-limited per address', () => {
  it('20 joins a minute pass; the 21st → 429 with Retry-After and no device', async () => {
    for (let i = 0; i < 20; i++) {
      const reply = await join();
      expect(reply.status, `join ${i + 1}: ${reply.text}`).toBe(200);
    }
    const devices = deviceCount();
    expectRateLimited(await join(), 60);
    expect(deviceCount()).toBe(devices);
  });

  it('per event: 300 joins a minute from many addresses pass; the 301st → 429; other events still join', async () => {
    const organiserB = await enrollDevice(server, 'organiser', { eventId: EVENT_B });
    const eventB = { id: EVENT_B, name: 'Bimtek B', organizer: 'Dispersip', venue: '' };
    const dates = { startDate: '2025-07-01', endDate: '2025-07-02' };
    expect((await organiserB.send(upsert('event', { ...eventB, ...dates }))).results).toEqual([
      { seq: 1, status: 'applied' },
    ]);
    // 15 addresses × 20 joins: each address stays within its own limit.
    for (let a = 1; a <= 15; a++) {
      const replies = await Promise.all(Array.from({ length: 20 }, () => joinFrom(`127.0.1.${a}`)));
      expect(replies.map((r) => r.status)).toEqual(replies.map(() => 200));
    }
    const devices = deviceCount();
    expectRateLimited(await joinFrom('127.0.2.1'), 60);
    expect(deviceCount()).toBe(devices);
    expect((await joinFrom('127.0.2.2', EVENT_B)).status).toBe(200);
  });

  it('the per-address limit counts joins to every event, unknown ones too', async () => {
    for (let i = 0; i < 10; i++) expect((await join('no-such-event')).status).toBe(404);
    for (let i = 0; i < 10; i++) expect((await join()).status).toBe(200);
    expectRateLimited(await join(), 60);
  });
});
