// The first table of the role matrix (roles.test.ts): every route × every kind of caller.
// ROUTES makes each call and says whether its effect took place; ROUTE_MATRIX says what
// each caller must get.
import { expect } from 'vitest';
import { createEnrollCode, normalizeCode, revokeDevice, sha256 } from '#server/auth';
import { PROTOCOL_VERSION, type Change } from '#sync/protocol';
import { enrollDevice, request, type RawReply } from '#tests/server/support';
import {
  countOf,
  deviceCount,
  EVENT_A,
  EVENT_B,
  eventB,
  eventOf,
  isRevoked,
  PASSWORD,
  type World,
} from '#tests/server/roles/world';
import { fixture } from '#tests/support/fixture';

export const CALLERS = [
  'organiser',
  'staff',
  'trainer',
  'participant',
  'other event', // the organiser of event B
  'no token',
  'garbage token',
  'revoked token', // an organiser device, revoked
  'expired token', // an organiser device, past expires_at
] as const;
export type Caller = (typeof CALLERS)[number];

export interface Credential {
  token?: string;
  clientId: string;
  deviceId?: string;
  eventId?: string;
}

export async function callersOf(w: World): Promise<Record<Caller, Credential>> {
  const revoked = await enrollDevice(w.server, 'organiser');
  revokeDevice(w.server.db, revoked.deviceId);
  const expired = await enrollDevice(w.server, 'organiser');
  w.server.db
    .prepare("UPDATE devices SET expires_at = '2000-01-01T00:00:00.000Z' WHERE id = ?")
    .run(expired.deviceId);
  return {
    organiser: w.organiser,
    staff: w.staff,
    trainer: w.trainer,
    participant: w.participant,
    'other event': w.foreign,
    'no token': { clientId: 'c-nobody' },
    'garbage token': { token: `garbage-${crypto.randomUUID()}`, clientId: 'c-garbage' },
    'revoked token': revoked,
    'expired token': expired,
  };
}

export interface Call {
  reply: RawReply;
  /** Whether the route's effect took place (it must exactly when the call was allowed). */
  happened?: () => boolean;
  /** Further checks on an allowed call. */
  check?: () => void;
}

const freshClient = () => `c-${crypto.randomUUID()}`;

/** Whether a one-time code (enrolment or hub) was redeemed. */
const codeUsed = (w: World, code: string) =>
  (
    w.server.db
      .prepare('SELECT used_at FROM enroll_codes WHERE code_hash = ?')
      .get(sha256(normalizeCode(code))) as { used_at: string | null }
  ).used_at !== null;

export const ROUTES: Record<string, (w: World, who: Credential) => Promise<Call>> = {
  'GET /api/v1/health': async (w, who) => ({
    reply: await request(w.server.url, '/api/v1/health', { token: who.token }),
  }),

  'POST /api/v1/devices/enroll (valid code)': async (w, who) => {
    const { code } = createEnrollCode(w.server.db, { role: 'staff', eventId: EVENT_A });
    const reply = await request(w.server.url, '/api/v1/devices/enroll', {
      token: who.token,
      body: { enrollCode: code, deviceInfo: { clientId: freshClient() } },
    });
    return { reply, happened: () => codeUsed(w, code) };
  },

  'GET /api/v1/events/{id} (public page data)': async (w, who) => {
    const reply = await request(w.server.url, `/api/v1/events/${EVENT_A}`, { token: who.token });
    const check = () => {
      expect(reply.json).toMatchObject({ event: { id: EVENT_A } });
      // Public rows and counts only: nobody's name, phone or NIP.
      for (const p of fixture.people) expect(reply.text).not.toContain(p.phone);
      expect(reply.text).not.toContain(w.own.fullName);
    };
    return { reply, check };
  },

  'POST /api/v1/events/{id}/join': async (w, who) => {
    const before = deviceCount(w.server.db);
    const reply = await request(w.server.url, `/api/v1/events/${EVENT_A}/join`, {
      token: who.token,
      body: { deviceInfo: { clientId: freshClient() } },
    });
    return { reply, happened: () => deviceCount(w.server.db) === before + 1 };
  },

  'POST /api/v1/admin/login (right password)': async (w, who) => {
    const before = deviceCount(w.server.db);
    const reply = await request(w.server.url, '/api/v1/admin/login', {
      token: who.token,
      body: { password: PASSWORD, eventId: EVENT_A, deviceInfo: { clientId: freshClient() } },
    });
    return { reply, happened: () => deviceCount(w.server.db) === before + 1 };
  },

  'POST /api/v1/sync/push': async (w, who) => ({
    reply: await request(w.server.url, '/api/v1/sync/push', {
      token: who.token,
      body: {
        protocolVersion: PROTOCOL_VERSION,
        schemaVersion: 1,
        clientId: who.clientId,
        mutations: [],
      },
    }),
  }),

  'POST /api/v1/sync/pull': async (w, who) => {
    const reply = await request(w.server.url, '/api/v1/sync/pull', {
      token: who.token,
      body: { clientId: who.clientId, cursor: null },
    });
    const check = () => {
      const { changes } = reply.json as { changes: Change[] };
      expect(changes.length).toBeGreaterThan(0);
      for (const c of changes) expect(eventOf(c)).toBe(who.eventId);
    };
    return { reply, check };
  },

  'GET /api/v1/admin/devices': async (w, who) => {
    const reply = await request(w.server.url, '/api/v1/admin/devices', { token: who.token });
    const check = () => {
      const { devices } = reply.json as { devices: { eventId: string }[] };
      expect(devices.length).toBeGreaterThan(0);
      for (const d of devices) expect(d.eventId).toBe(who.eventId);
    };
    return { reply, check };
  },

  'POST /api/v1/admin/devices': async (w, who) => {
    const codes = () =>
      (w.server.db.prepare('SELECT count(*) AS n FROM enroll_codes').get() as { n: number }).n;
    const before = codes();
    const reply = await request(w.server.url, '/api/v1/admin/devices', {
      token: who.token,
      body: { role: 'staff', name: 'Meja 2' },
    });
    return { reply, happened: () => codes() === before + 1 };
  },

  'POST /api/v1/admin/devices/{id}/revoke (a staff device of event A)': async (w, who) => {
    const target = await enrollDevice(w.server, 'staff');
    const reply = await request(w.server.url, `/api/v1/admin/devices/${target.deviceId}/revoke`, {
      token: who.token,
      body: {},
    });
    return { reply, happened: () => isRevoked(w.server.db, target.deviceId) };
  },

  'GET /api/v1/admin/events': async (w, who) => {
    const reply = await request(w.server.url, '/api/v1/admin/events', { token: who.token });
    const check = () => {
      const { events } = reply.json as { events: { id: string }[] };
      expect(events.map((e) => e.id).sort()).toEqual([EVENT_A, EVENT_B].sort());
    };
    return { reply, check };
  },

  'POST /api/v1/admin/events (a new event)': async (w, who) => {
    const id = `new-${crypto.randomUUID()}`;
    const reply = await request(w.server.url, '/api/v1/admin/events', {
      token: who.token,
      body: { event: { ...eventB, id, name: 'Bimtek Baru' } },
    });
    const check = () => expect(reply.json).toMatchObject({ eventId: id, role: 'organiser' });
    return { reply, happened: () => countOf(w.server.db, 'events', id) === 1, check };
  },

  'POST /api/v1/admin/events/{id}/open (event B)': async (w, who) => {
    const before = deviceCount(w.server.db);
    const reply = await request(w.server.url, `/api/v1/admin/events/${EVENT_B}/open`, {
      token: who.token,
      body: {},
    });
    const check = () => {
      expect(reply.json).toMatchObject({ eventId: EVENT_B, role: 'organiser' });
      expect(isRevoked(w.server.db, who.deviceId!)).toBe(true); // the old session ended
    };
    return { reply, happened: () => deviceCount(w.server.db) === before + 1, check };
  },

  'POST /api/v1/admin/events/{id}/purge (event A, retention over)': async (w, who) => {
    w.server.db
      .prepare(
        `UPDATE rows SET data = json_set(data, '$.startDate', '2020-01-01', '$.endDate',
           '2020-01-02', '$.retentionDays', 30) WHERE tbl = 'events' AND id = ?`,
      )
      .run(EVENT_A);
    const purgedAt = () =>
      (
        w.server.db
          .prepare(
            "SELECT json_extract(data, '$.purge.at') AS at FROM rows WHERE tbl = 'events' AND id = ?",
          )
          .get(EVENT_A) as { at: string | null }
      ).at;
    const before = purgedAt();
    const reply = await request(w.server.url, `/api/v1/admin/events/${EVENT_A}/purge`, {
      token: who.token,
      body: {},
    });
    const check = () => expect(countOf(w.server.db, 'participants', EVENT_A, false)).toBe(0);
    return { reply, happened: () => purgedAt() !== before, check };
  },

  'GET /api/v1/certificates/mine': async (w, who) => {
    const reply = await request(w.server.url, '/api/v1/certificates/mine', { token: who.token });
    const check = () => expect(reply.json).toEqual({ published: false, certificates: [] });
    return { reply, check };
  },

  // The proof a person holds: another phone's registration, by its number and check code.
  'POST /api/v1/certificates/ticket (the neighbour’s ticket)': async (w, who) => {
    const { number } = w.server.db
      .prepare("SELECT json_extract(data, '$.registrationNumber') AS number FROM rows WHERE id = ?")
      .get(w.neighbour.id) as { number: string };
    const reply = await request(w.server.url, '/api/v1/certificates/ticket', {
      token: who.token,
      body: { number, ticketCode: w.neighbour.ticketCode },
    });
    const check = () => expect(reply.json).toEqual({ published: false, certificates: [] });
    return { reply, check };
  },

  'POST /api/v1/admin/logout': async (w, who) => {
    const wasRevoked = who.deviceId ? isRevoked(w.server.db, who.deviceId) : true;
    const reply = await request(w.server.url, '/api/v1/admin/logout', {
      token: who.token,
      body: {},
    });
    return {
      reply,
      happened: () => !wasRevoked && isRevoked(w.server.db, who.deviceId!),
    };
  },

  // Venue hubs: pairing is public (a hub code, like an enrolment code); a relay is a hub's
  // only (no browser, whatever its role); the uplink's status exists at a hub only.
  'POST /api/v1/hub/pair (valid hub code)': async (w, who) => {
    const { code } = createEnrollCode(w.server.db, { role: 'hub', eventId: EVENT_A });
    const reply = await request(w.server.url, '/api/v1/hub/pair', {
      token: who.token,
      body: { hubCode: code, deviceInfo: { clientId: freshClient() } },
    });
    return { reply, happened: () => codeUsed(w, code) };
  },

  'POST /api/v1/hub/relay': async (w, who) => {
    const reply = await request(w.server.url, '/api/v1/hub/relay', {
      token: who.token,
      body: { devices: [], entries: [], queued: 0, blocksFor: [] },
    });
    return { reply };
  },

  'GET /api/v1/hub/uplink (not a hub)': async (w, who) => ({
    reply: await request(w.server.url, '/api/v1/hub/uplink', { token: who.token }),
  }),
};

export const OK = '200';
export const UNAUTH = '401 UNAUTHENTICATED';
export const REVOKED = '403 DEVICE_REVOKED';
export const DENIED = '403 FORBIDDEN';
export const MISSING = '404 NOT_FOUND';

/** Expected answer per route (rows) and caller (columns, in CALLERS order). */
// prettier-ignore
export const ROUTE_MATRIX: Record<keyof typeof ROUTES, readonly string[]> = {
  //                                                                     organiser  staff     trainer   participant  other event  no token  garbage token  revoked token  expired token
  'GET /api/v1/health':                                                 [OK,        OK,       OK,       OK,          OK,          OK,       OK,            OK,            OK],
  'POST /api/v1/devices/enroll (valid code)':                           [OK,        OK,       OK,       OK,          OK,          OK,       OK,            OK,            OK],
  'GET /api/v1/events/{id} (public page data)':                         [OK,        OK,       OK,       OK,          OK,          OK,       OK,            OK,            OK],
  'POST /api/v1/events/{id}/join':                                      [OK,        OK,       OK,       OK,          OK,          OK,       OK,            OK,            OK],
  'POST /api/v1/admin/login (right password)':                          [OK,        OK,       OK,       OK,          OK,          OK,       OK,            OK,            OK],
  'POST /api/v1/sync/push':                                             [OK,        OK,       OK,       OK,          OK,          UNAUTH,   UNAUTH,        REVOKED,       UNAUTH],
  'POST /api/v1/sync/pull':                                             [OK,        OK,       OK,       OK,          OK,          UNAUTH,   UNAUTH,        REVOKED,       UNAUTH],
  'GET /api/v1/admin/devices':                                          [OK,        DENIED,   DENIED,   DENIED,      OK,          UNAUTH,   UNAUTH,        REVOKED,       UNAUTH],
  'POST /api/v1/admin/devices':                                         [OK,        DENIED,   DENIED,   DENIED,      OK,          UNAUTH,   UNAUTH,        REVOKED,       UNAUTH],
  'POST /api/v1/admin/devices/{id}/revoke (a staff device of event A)': [OK,        DENIED,   DENIED,   DENIED,      MISSING,     UNAUTH,   UNAUTH,        REVOKED,       UNAUTH],
  'GET /api/v1/admin/events':                                           [OK,        DENIED,   DENIED,   DENIED,      OK,          UNAUTH,   UNAUTH,        REVOKED,       UNAUTH],
  'POST /api/v1/admin/events (a new event)':                            [OK,        DENIED,   DENIED,   DENIED,      OK,          UNAUTH,   UNAUTH,        REVOKED,       UNAUTH],
  'POST /api/v1/admin/events/{id}/open (event B)':                      [OK,        DENIED,   DENIED,   DENIED,      OK,          UNAUTH,   UNAUTH,        REVOKED,       UNAUTH],
  // The organiser's purge (first cell) ends the participant phones' tokens.
  'POST /api/v1/admin/events/{id}/purge (event A, retention over)':     [OK,        DENIED,   DENIED,   REVOKED,      DENIED,      UNAUTH,   UNAUTH,        REVOKED,       UNAUTH],
  'GET /api/v1/certificates/mine':                                      [DENIED,    DENIED,   DENIED,   OK,          DENIED,      UNAUTH,   UNAUTH,        REVOKED,       UNAUTH],
  'POST /api/v1/certificates/ticket (the neighbour’s ticket)':          [OK,        OK,       OK,       OK,          OK,          OK,       OK,            OK,            OK],
  'POST /api/v1/admin/logout':                                          [OK,        OK,       OK,       OK,          OK,          UNAUTH,   UNAUTH,        REVOKED,       UNAUTH],
  'POST /api/v1/hub/pair (valid hub code)':                             [OK,        OK,       OK,       OK,          OK,          OK,       OK,            OK,            OK],
  'POST /api/v1/hub/relay':                                             [DENIED,    DENIED,   DENIED,   DENIED,      DENIED,      UNAUTH,   UNAUTH,        REVOKED,       UNAUTH],
  'GET /api/v1/hub/uplink (not a hub)':                                 [MISSING,   DENIED,   DENIED,   DENIED,      MISSING,     UNAUTH,   UNAUTH,        REVOKED,       UNAUTH],
};

export const routeCases = Object.entries(ROUTE_MATRIX).flatMap(([route, row]) =>
  CALLERS.map((caller, i) => ({ route, caller, expected: row[i]! })),
);
