// The role matrix of issue 4, walked table by table against the real server over real
// HTTP: every route × every kind of caller, every mutation × every role, the named cases
// (a participant recording a check-in, a trainer marking someone else's session, a device
// of event A touching event B, a phone changing another person's registration), and what
// each role's pull may contain.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  DEMO_EVENT_ID,
  demoBatches,
  demoEvent,
  demoParticipants,
  demoSessions,
} from '#domain/demo';
import type { Participant } from '#domain/model';
import { mutationNames, type MutationName } from '#domain/mutations';
import { allowedRoles } from '#server/apply/index';
import {
  createEnrollCode,
  normalizeCode,
  revokeDevice,
  setOrganiserPassword,
  sha256,
} from '#server/auth';
import type { Db } from '#server/store/database';
import {
  PROTOCOL_VERSION,
  roles,
  type Change,
  type RejectionCode,
  type Role,
} from '#sync/protocol';
import {
  closeSession,
  checkin,
  deleteBatch,
  deleteSession,
  enrollDevice,
  errorCode,
  latest,
  mark,
  patch,
  person,
  register,
  request,
  startTestServer,
  upsert,
  upsertSession,
  type Draft,
  type RawReply,
  type TestDevice,
  type TestServer,
} from '#tests/server/support';

// ---------------------------------------------------------------------------------------
// The world every table runs in: event A (the demo) with one device of each role, and
// event B with its own organiser, batch, session, participant, check-in and mark.

const EVENT_A = DEMO_EVENT_ID;
const EVENT_B = 'event-b';
const PASSWORD = 'rahasia-panitia-2025';

const eventB = { ...demoEvent, id: EVENT_B, name: 'Bimtek Pengelolaan Arsip', demo: false };
const batchB = { ...demoBatches[0]!, id: `${EVENT_B}-a1`, eventId: EVENT_B };
const sessionB = {
  ...demoSessions[0]!,
  id: `${EVENT_B}-a1-s1`,
  eventId: EVENT_B,
  batchId: batchB.id,
};

/** Assigned to the world's trainer by the organiser. */
const OWN_SESSION = demoSessions[0]!;
/** Same batch, nobody's. */
const OTHER_SESSION = demoSessions[1]!;
/** Another batch, nobody's. */
const OTHER_BATCH_SESSION = demoSessions[7]!;
/** A batch of event A without people or sessions, and a session nobody marked: what the
 * organiser may delete without confirming (batch.delete, session.delete). */
const SPARE_BATCH = { ...demoBatches[1]!, id: `${EVENT_A}-spare`, code: 'SP', name: 'Cadangan' };
const SPARE_SESSION = demoSessions[9]!;

interface World {
  server: TestServer;
  organiser: TestDevice;
  staff: TestDevice;
  trainer: TestDevice;
  participant: TestDevice;
  /** The participant phone's own registration. */
  own: Participant;
  /** Another phone's registration in event A. */
  neighbour: Participant;
  /** The organiser of event B: a device of another event. */
  foreign: TestDevice;
  /** Event B's participant. */
  participantB: Participant;
}

function expectApplied(res: { results: { status: string; code?: string }[] }): void {
  expect(res.results.map((r) => `${r.status}${r.code ? ` ${r.code}` : ''}`)).toEqual(
    res.results.map(() => 'applied'),
  );
}

async function buildWorld(): Promise<World> {
  const server = await startTestServer();
  setOrganiserPassword(server.db, PASSWORD);
  const organiser = await enrollDevice(server, 'organiser');
  const staff = await enrollDevice(server, 'staff');
  const trainer = await enrollDevice(server, 'trainer');
  const participant = await enrollDevice(server, 'participant');
  expectApplied(
    await organiser.send(
      upsertSession({ ...OWN_SESSION, trainerDeviceIds: [trainer.deviceId] }),
      upsert('batch', SPARE_BATCH),
    ),
  );
  const own = person();
  expectApplied(await participant.send(register(own)));
  const neighbour = person({ phone: '+6281299990002', email: 'tetangga@example.org' });
  expectApplied(await (await enrollDevice(server, 'participant')).send(register(neighbour)));

  // Event B exists only through its own organiser's pushes (an enrolment code may name
  // an event before its row exists; event.upsert then creates it).
  const foreign = await enrollDevice(server, 'organiser', { eventId: EVENT_B });
  const participantB = person({ eventId: EVENT_B, batchId: batchB.id, source: 'import' });
  expectApplied(
    await foreign.send(
      upsert('event', eventB),
      upsert('batch', batchB),
      upsert('session', sessionB),
      register(participantB),
      checkin(participantB.id, { eventId: EVENT_B }),
      mark(sessionB.id, participantB.id, 'hadir', { eventId: EVENT_B }),
    ),
  );
  return { server, organiser, staff, trainer, participant, own, neighbour, foreign, participantB };
}

/** Every synced row, as stored: equal snapshots mean a request changed nothing. */
function snapshot(db: Db): string {
  return JSON.stringify(
    db.prepare('SELECT tbl, id, event_id, owner, data, deleted FROM rows ORDER BY tbl, id').all(),
  );
}

/** Rows of a table in an event; `withTombstones: false` counts only live rows. */
const countOf = (db: Db, tbl: string, eventId: string, withTombstones = true): number =>
  (
    db
      .prepare(
        `SELECT count(*) AS n FROM rows WHERE tbl = ? AND event_id = ?${withTombstones ? '' : ' AND deleted = 0'}`,
      )
      .get(tbl, eventId) as { n: number }
  ).n;

const deviceCount = (db: Db): number =>
  (db.prepare('SELECT count(*) AS n FROM devices').get() as { n: number }).n;

const isRevoked = (db: Db, deviceId: string): boolean =>
  (
    db.prepare('SELECT revoked_at FROM devices WHERE id = ?').get(deviceId) as {
      revoked_at: string | null;
    }
  ).revoked_at !== null;

/** "200", or "<status> <error code>": what a table cell says. */
function outcome(reply: RawReply): string {
  return reply.status === 200 ? '200' : `${reply.status} ${errorCode(reply) ?? '?'}`;
}

// ---------------------------------------------------------------------------------------
// 1. Every route × every caller

const CALLERS = [
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
type Caller = (typeof CALLERS)[number];

interface Credential {
  token?: string;
  clientId: string;
  deviceId?: string;
  eventId?: string;
}

async function callersOf(w: World): Promise<Record<Caller, Credential>> {
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

interface Call {
  reply: RawReply;
  /** Whether the route's effect took place (it must exactly when the call was allowed). */
  happened?: () => boolean;
  /** Further checks on an allowed call. */
  check?: () => void;
}

const freshClient = () => `c-${crypto.randomUUID()}`;

const ROUTES: Record<string, (w: World, who: Credential) => Promise<Call>> = {
  'GET /api/v1/health': async (w, who) => ({
    reply: await request(w.server.url, '/api/v1/health', { token: who.token }),
  }),

  'POST /api/v1/devices/enroll (valid code)': async (w, who) => {
    const { code } = createEnrollCode(w.server.db, { role: 'staff', eventId: EVENT_A });
    const reply = await request(w.server.url, '/api/v1/devices/enroll', {
      token: who.token,
      body: { enrollCode: code, deviceInfo: { clientId: freshClient() } },
    });
    const used = () =>
      (
        w.server.db
          .prepare('SELECT used_at FROM enroll_codes WHERE code_hash = ?')
          .get(sha256(normalizeCode(code))) as { used_at: string | null }
      ).used_at !== null;
    return { reply, happened: used };
  },

  'GET /api/v1/events/{id} (public page data)': async (w, who) => {
    const reply = await request(w.server.url, `/api/v1/events/${EVENT_A}`, { token: who.token });
    const check = () => {
      expect(reply.json).toMatchObject({ event: { id: EVENT_A } });
      // Public rows and counts only: nobody's name, phone or NIP.
      for (const p of demoParticipants) expect(reply.text).not.toContain(p.phone);
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
};

const OK = '200';
const UNAUTH = '401 UNAUTHENTICATED';
const REVOKED = '403 DEVICE_REVOKED';
const DENIED = '403 FORBIDDEN';
const MISSING = '404 NOT_FOUND';

/** Expected answer per route (rows) and caller (columns, in CALLERS order). */
// prettier-ignore
const ROUTE_MATRIX: Record<keyof typeof ROUTES, readonly string[]> = {
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
};

const routeCases = Object.entries(ROUTE_MATRIX).flatMap(([route, row]) =>
  CALLERS.map((caller, i) => ({ route, caller, expected: row[i]! })),
);

/** The event a pulled row belongs to. */
function eventOf(c: Change): unknown {
  return c.table === 'events' ? c.id : c.data?.eventId;
}

describe('role matrix: every route × every caller', () => {
  it('the table has one row per route and one cell per caller', () => {
    expect(Object.keys(ROUTE_MATRIX)).toEqual(Object.keys(ROUTES));
    for (const row of Object.values(ROUTE_MATRIX)) expect(row).toHaveLength(CALLERS.length);
  });

  // One server per route: a logout or revoke in one row never leaks into another route,
  // and the joins of one route stay under the per-address join limit.
  describe.each(Object.keys(ROUTES))('%s', (route) => {
    let w: World;
    let callers: Record<Caller, Credential>;
    beforeAll(async () => {
      w = await buildWorld();
      callers = await callersOf(w);
    });
    afterAll(async () => {
      await w.server.close();
    });

    it.each(routeCases.filter((c) => c.route === route))(
      '$caller → $expected',
      async ({ caller, expected }) => {
        const call = await ROUTES[route]!(w, callers[caller]);
        expect(outcome(call.reply), call.reply.text).toBe(expected);
        if (call.happened) expect(call.happened()).toBe(expected === OK);
        if (expected === OK) call.check?.();
      },
    );
  });

  it('after logout the same token is refused (DEVICE_REVOKED); other devices keep working', async () => {
    const w = await buildWorld();
    try {
      expect(
        outcome(
          await request(w.server.url, '/api/v1/admin/logout', { token: w.staff.token, body: {} }),
        ),
      ).toBe(OK);
      expect(outcome(await w.staff.pullRaw({ cursor: null }))).toBe(REVOKED);
      expect(outcome(await w.organiser.pullRaw({ cursor: null }))).toBe(OK);
    } finally {
      await w.server.close();
    }
  });
});

// ---------------------------------------------------------------------------------------
// 2. Every mutation × every role, pushed for the sender's own event

const APPLIED = 'applied';
const REFUSED = 'FORBIDDEN';

/** What each role may send (issue 4). Columns: organiser, staff, trainer, participant. */
// prettier-ignore
const MUTATION_MATRIX: Record<MutationName, readonly [string, string, string, string]> = {
  //                       organiser staff    trainer  participant
  'event.upsert':         [APPLIED, REFUSED, REFUSED, REFUSED],
  'batch.upsert':         [APPLIED, REFUSED, REFUSED, REFUSED],
  'session.upsert':       [APPLIED, REFUSED, REFUSED, REFUSED],
  'batch.delete':         [APPLIED, REFUSED, REFUSED, REFUSED],
  'session.delete':       [APPLIED, REFUSED, REFUSED, REFUSED],
  'participant.register': [APPLIED, APPLIED, REFUSED, APPLIED], // participant: as self
  'participant.patch':    [APPLIED, APPLIED, REFUSED, APPLIED], // participant: its own
  'participant.cancel':   [APPLIED, REFUSED, REFUSED, APPLIED], // participant: its own
  'participant.delete':   [APPLIED, REFUSED, REFUSED, REFUSED],
  'checkin.record':       [APPLIED, APPLIED, REFUSED, REFUSED],
  'attendance.mark':      [APPLIED, APPLIED, APPLIED, REFUSED], // trainer: its own session
  // Last: once finished, the session takes marks from the organiser only.
  'session.close':        [APPLIED, REFUSED, APPLIED, REFUSED], // trainer: finish its own
};
const SENDERS = ['organiser', 'staff', 'trainer', 'participant'] as const satisfies Role[];

const mutationCases = Object.entries(MUTATION_MATRIX).flatMap(([mutation, row]) =>
  SENDERS.map((role, i) => ({ mutation: mutation as MutationName, role, expected: row[i]! })),
);

const tag = () => crypto.randomUUID().slice(0, 8);

/** The registration a sender would legitimately touch: a phone its own, others a demo one. */
const targetOf = (w: World, sender: TestDevice, demo: Participant) =>
  sender.role === 'participant' ? w.own.id : demo.id;

/** A valid mutation of each kind, as the sender would make it for its own event. */
const DRAFTS: Record<MutationName, (w: World, sender: TestDevice) => Draft> = {
  'event.upsert': () => upsert('event', { ...demoEvent, name: `Bimtek Literasi ${tag()}` }),
  'batch.upsert': () => upsert('batch', { ...demoBatches[1]!, name: `Angkatan ${tag()}` }),
  'session.upsert': () => upsertSession({ ...demoSessions[4]!, id: `session-${tag()}` }),
  'batch.delete': () => deleteBatch(SPARE_BATCH.id),
  'session.delete': () => deleteSession(SPARE_SESSION.id),
  'participant.register': (_w, sender) =>
    register(person({ source: sender.role === 'participant' ? 'self' : 'walkin' })),
  'participant.patch': (w, sender) => {
    const hlc = sender.tick();
    const id = targetOf(w, sender, demoParticipants[1]!);
    return patch(id, { institution: { v: `Perpustakaan ${tag()}`, hlc } }, hlc);
  },
  'participant.cancel': (w, sender) => ({
    name: 'participant.cancel',
    args: { participantId: targetOf(w, sender, demoParticipants[5]!), reason: 'Berhalangan' },
  }),
  'participant.delete': (w, sender) => ({
    name: 'participant.delete',
    args: { participantId: targetOf(w, sender, demoParticipants[3]!) },
  }),
  'checkin.record': () => checkin(demoParticipants[0]!.id),
  'attendance.mark': () => mark(OWN_SESSION.id, demoParticipants[0]!.id),
  'session.close': () => closeSession(OWN_SESSION.id, true),
};

describe('role matrix: every mutation × every role', () => {
  it('the table names every mutation and agrees with the server’s allowedRoles', () => {
    expect(Object.keys(MUTATION_MATRIX).sort()).toEqual([...mutationNames].sort());
    const fromTable = Object.fromEntries(
      Object.entries(MUTATION_MATRIX).map(([name, row]) => [
        name,
        SENDERS.filter((_, i) => row[i] === APPLIED),
      ]),
    );
    const fromServer = Object.fromEntries(
      Object.entries(allowedRoles).map(([name, allowed]) => [
        name,
        roles.filter((r) => allowed.includes(r)),
      ]),
    );
    expect(fromTable).toEqual(fromServer);
  });

  let w: World;
  beforeAll(async () => {
    w = await buildWorld();
  });
  afterAll(async () => {
    await w.server.close();
  });

  it.each(mutationCases)(
    '$role sends $mutation → $expected',
    async ({ mutation, role, expected }) => {
      // A phone registers once: the register row gets a phone of its own.
      const sender =
        role === 'participant' && mutation === 'participant.register'
          ? await enrollDevice(w.server, 'participant')
          : w[role];
      const before = snapshot(w.server.db);
      const res = await sender.send(DRAFTS[mutation](w, sender));
      const result = res.results[0]!;
      expect(result.status === 'rejected' ? result.code : result.status, result.message).toBe(
        expected,
      );
      if (expected === APPLIED) expect(snapshot(w.server.db)).not.toBe(before);
      else expect(snapshot(w.server.db), 'a refused mutation changes nothing').toBe(before);
    },
  );
});

// ---------------------------------------------------------------------------------------
// 3. The named cases

type Sender = 'organiser' | 'staff' | 'trainer' | 'participant' | 'foreign';
type MakeDraft = (w: World, sender: TestDevice) => Draft;

interface NamedCase {
  sender: Sender;
  action: string;
  draft: MakeDraft;
  expected: RejectionCode | 'applied';
}

/** Rows as [sender, action, draft, expected]: one line per case. */
type Row = [Sender, string, MakeDraft, RejectionCode | 'applied'];

function runNamedCases(title: string, rows: Row[]): void {
  const cases: NamedCase[] = rows.map(([sender, action, draft, expected]) => ({
    sender,
    action,
    draft,
    expected,
  }));
  describe(title, () => {
    let w: World;
    beforeEach(async () => {
      w = await buildWorld();
    });
    afterEach(async () => {
      await w.server.close();
    });

    it.each(cases)('$sender: $action → $expected', async ({ sender, draft, expected }) => {
      const device = w[sender];
      const before = snapshot(w.server.db);
      const res = await device.send(draft(w, device));
      const result = res.results[0]!;
      expect(result.status === 'rejected' ? result.code : result.status, result.message).toBe(
        expected,
      );
      if (expected === 'applied') expect(snapshot(w.server.db)).not.toBe(before);
      else expect(snapshot(w.server.db), 'a refused mutation changes nothing').toBe(before);
    });
  });
}

const p1 = demoParticipants[0]!;

/** participant.patch of one field, stamped by the sender's clock. */
const patchOf =
  (id: (w: World) => string, field: string, v: unknown): MakeDraft =>
  (w, sender) => {
    const hlc = sender.tick();
    return patch(id(w), { [field]: { v, hlc } }, hlc);
  };

const cancelOf =
  (id: (w: World) => string): MakeDraft =>
  (w) => ({ name: 'participant.cancel', args: { participantId: id(w), reason: 'Berhalangan' } });

const own = (w: World) => w.own.id;
const neighbour = (w: World) => w.neighbour.id;
const demo = () => p1.id;
const inB = (w: World) => w.participantB.id;

const newSessionIn = (eventId: string, batchId: string) => ({
  ...demoSessions[2]!,
  id: `session-${tag()}`,
  eventId,
  batchId,
});

// prettier-ignore
runNamedCases('a participant token', [
  ['participant', 'checkin.record',                           () => checkin(p1.id),                              'FORBIDDEN'],
  ['participant', 'checkin.record of its own registration',   (w) => checkin(w.own.id),                          'FORBIDDEN'],
  ['participant', 'attendance.mark',                          (w) => mark(OWN_SESSION.id, w.own.id),             'FORBIDDEN'],
  ['participant', 'participant.register as a walk-in',        () => register(person({ source: 'walkin' })),      'FORBIDDEN'],
]);

// prettier-ignore
runNamedCases('a trainer', [
  ['trainer', 'marks its own (assigned) session',             () => mark(OWN_SESSION.id, p1.id),                 'applied'],
  ['trainer', 'marks another session of the same batch',      () => mark(OTHER_SESSION.id, p1.id),               'FORBIDDEN'],
  ['trainer', 'marks a session of another batch',             () => mark(OTHER_BATCH_SESSION.id, p1.id),         'FORBIDDEN'],
  ['trainer', 'records a check-in',                           () => checkin(p1.id),                              'FORBIDDEN'],
  ['trainer', 'patches a participant',                        patchOf(demo, 'institution', 'Perpustakaan X'),    'FORBIDDEN'],
]);

// prettier-ignore
runNamedCases('a participant and registrations', [
  ['participant', 'patches its own registration',             patchOf(own, 'phone', '+6281200001111'),           'applied'],
  ['participant', 'cancels its own registration',             cancelOf(own),                                     'applied'],
  ['participant', 'patches another person’s (imported) registration', patchOf(demo, 'phone', '+6281200001111'),  'FORBIDDEN'],
  ['participant', 'cancels another person’s (imported) registration', cancelOf(demo),                            'FORBIDDEN'],
  ['participant', 'patches another phone’s registration',     patchOf(neighbour, 'email', 'bukan@example.org'),  'FORBIDDEN'],
  ['participant', 'cancels another phone’s registration',     cancelOf(neighbour),                               'FORBIDDEN'],
]);

// prettier-ignore
runNamedCases('a device of event A touching event B (and B’s organiser touching A)', [
  ['organiser',   'event.upsert of event B',                  () => upsert('event', { ...eventB, name: 'Diambil alih' }),                    'EVENT_MISMATCH'],
  ['organiser',   'batch.upsert of B’s batch',                () => upsert('batch', { ...batchB, capacity: 1 }),                             'EVENT_MISMATCH'],
  ['organiser',   'session.upsert of B’s session',            () => upsertSession({ ...sessionB, title: 'Diambil alih' }),                   'EVENT_MISMATCH'],
  ['organiser',   'a new session of A in B’s batch',          () => upsertSession(newSessionIn(EVENT_A, batchB.id)),                         'NOT_FOUND'],
  ['organiser',   'participant.patch of B’s participant',     patchOf(inB, 'fullName', 'Diubah'),                                            'NOT_FOUND'],
  ['organiser',   'participant.cancel of B’s participant',    cancelOf(inB),                                                                 'NOT_FOUND'],
  ['staff',       'participant.register into event B',        () => register(person({ eventId: EVENT_B, batchId: batchB.id, source: 'walkin' })), 'EVENT_MISMATCH'],
  ['staff',       'participant.register into A, B’s batch',   () => register(person({ batchId: batchB.id, source: 'walkin' })),              'NOT_FOUND'],
  ['staff',       'participant.patch of B’s participant',     patchOf(inB, 'phone', '+6281200002222'),                                       'NOT_FOUND'],
  ['staff',       'checkin.record naming event B',            (w) => checkin(w.participantB.id, { eventId: EVENT_B }),                       'EVENT_MISMATCH'],
  ['staff',       'checkin.record in A of B’s participant',   (w) => checkin(w.participantB.id),                                             'NOT_FOUND'],
  ['staff',       'attendance.mark naming event B',           (w) => mark(sessionB.id, w.participantB.id, 'hadir', { eventId: EVENT_B }),    'EVENT_MISMATCH'],
  ['staff',       'attendance.mark in A of B’s session',      () => mark(sessionB.id, p1.id),                                                'NOT_FOUND'],
  ['staff',       'attendance.mark in A of B’s participant',  (w) => mark(OWN_SESSION.id, w.participantB.id),                                'NOT_FOUND'],
  ['trainer',     'attendance.mark naming event B',           (w) => mark(sessionB.id, w.participantB.id, 'hadir', { eventId: EVENT_B }),    'EVENT_MISMATCH'],
  ['participant', 'participant.register into event B',        () => register(person({ eventId: EVENT_B, batchId: batchB.id })),              'EVENT_MISMATCH'],
  ['participant', 'participant.patch of B’s participant',     patchOf(inB, 'phone', '+6281200003333'),                                       'NOT_FOUND'],
  ['foreign',     'event.upsert of event A',                  () => upsert('event', { ...demoEvent, registrationOpen: false }),             'EVENT_MISMATCH'],
  ['foreign',     'checkin.record naming event A',            () => checkin(p1.id),                                                          'EVENT_MISMATCH'],
  ['foreign',     'checkin.record in B of A’s participant',   () => checkin(p1.id, { eventId: EVENT_B }),                                    'NOT_FOUND'],
  ['foreign',     'participant.cancel of A’s participant',    cancelOf(demo),                                                                'NOT_FOUND'],
  ['organiser',   'batch.delete naming event B',              () => deleteBatch(batchB.id, { eventId: EVENT_B, force: true }),               'EVENT_MISMATCH'],
  ['organiser',   'batch.delete in A of B’s batch',           () => deleteBatch(batchB.id, { force: true }),                                 'NOT_FOUND'],
  ['organiser',   'session.delete in A of B’s session',       () => deleteSession(sessionB.id, { force: true }),                             'NOT_FOUND'],
  ['foreign',     'session.delete of A’s session',            () => deleteSession(SPARE_SESSION.id, { eventId: EVENT_B }),                   'NOT_FOUND'],
]);

// The rest of deleting (sessions, marks, force, tombstones) is in deletions.test.ts.
// prettier-ignore
runNamedCases('deleting what is still in use', [
  ['organiser',   'a batch with registrations, confirmed',    () => deleteBatch(demoBatches[0]!.id, { force: true }),                        'IN_USE'],
  ['organiser',   'a session that never existed',             () => deleteSession(`${EVENT_A}-no-such-session`),                             'NOT_FOUND'],
]);

/** A stamp of another device's clock: what a pulled row's `hlc` shows of its writer. */
const stampedAs =
  (other: (w: World) => TestDevice, draft: (w: World) => Draft): MakeDraft =>
  (w) => ({ ...draft(w), hlc: `${new Date().toISOString()}-0000-${other(w).clientId}` });

const implausibleNip = '199013452015001000';

// prettier-ignore
runNamedCases('identifiers the server checks itself', [
  ['staff',       'a check-in stamped in the organiser’s name', stampedAs((w) => w.organiser, () => checkin(p1.id)),           'INVALID_MUTATION'],
  ['trainer',     'a mark stamped in the desk’s name',          stampedAs((w) => w.staff, () => mark(OWN_SESSION.id, p1.id)),  'INVALID_MUTATION'],
  ['organiser',   'an import with NIP month 13, day 45',        () => register(person({ nip: implausibleNip, source: 'import' })), 'INVALID_MUTATION'],
  ['staff',       'a walk-in with region 99.99',                () => register(person({ regionCode: '99.99', source: 'walkin' })), 'INVALID_MUTATION'],
  ['staff',       'a walk-in with a 0841 phone',                () => register(person({ phone: '+62841234567', source: 'walkin' })), 'INVALID_MUTATION'],
  ['participant', 'a NIK of a province that does not exist',    () => register(person({ nik: '9901011501900001' })),        'INVALID_MUTATION'],
  ['organiser',   'a patch giving a child’s NIK',               patchOf(demo, 'nik', '6371011501120001'),                   'INVALID_MUTATION'],
  ['staff',       'a patch giving a pensioner’s NIP',           patchOf(demo, 'nip', '195001011975031001'),                 'INVALID_MUTATION'],
  ['participant', 'a patch of its own phone to 0841',           patchOf(own, 'phone', '+62841234567'),                      'INVALID_MUTATION'],
  ['organiser',   'an official with an implausible NIP',        () => upsert('event', { ...demoEvent, official: { name: 'X', title: 'Y', nip: implausibleNip } }), 'INVALID_MUTATION'],
]);

describe('knowing another device’s id or another person’s NIP reaches nothing', () => {
  let w: World;
  beforeEach(async () => {
    w = await buildWorld();
  });
  afterEach(async () => {
    await w.server.close();
  });

  it('a phone joining with the desk’s client id pushes on a sequence of its own', async () => {
    const first = await w.staff.send(checkin(p1.id));
    const seq = first.lastProcessedSeq;
    const thief = await enrollDevice(w.server, 'participant', { clientId: w.staff.clientId });
    await thief.send(...Array.from({ length: 5 }, () => checkin(p1.id)));
    expect((await w.staff.pull(null)).lastProcessedSeq).toBe(seq);
    const next = await w.staff.send(checkin(p1.id));
    expect(next.results).toEqual([{ seq: seq + 1, status: 'applied' }]);
  });

  it('a phone that types the neighbour’s NIP is told only “merged” and sees nothing of them', async () => {
    const phone = await enrollDevice(w.server, 'participant');
    const res = await phone.send(register(person({ nip: w.neighbour.nip!, fullName: 'Penyamar' })));
    expect(res.results[0]).toEqual({ seq: 1, status: 'merged' });
    const text = JSON.stringify(await phone.pullAll(null));
    for (const value of [w.neighbour.id, w.neighbour.fullName, w.neighbour.phone!])
      expect(text).not.toContain(value);
    const mine = await request(w.server.url, '/api/v1/certificates/mine', { token: phone.token });
    expect(mine.json).toEqual({ published: false, certificates: [] });
  });
});

describe('a device of event A reusing the id of an event-B row', () => {
  let w: World;
  beforeEach(async () => {
    w = await buildWorld();
  });
  afterEach(async () => {
    await w.server.close();
  });

  const rowOf = (tbl: string, id: string) =>
    w.server.db.prepare('SELECT event_id, data FROM rows WHERE tbl = ? AND id = ?').get(tbl, id) as
      { event_id: string; data: string } | undefined;

  // An id belongs to its event for good: reusing event B's batch id from event A is
  // refused, and B's batch stays in B (it must not move into A with A's values).
  it('batch.upsert with B’s batch id is refused and leaves B’s batch in B', async () => {
    const res = await w.organiser.send(
      upsert('batch', { ...batchB, eventId: EVENT_A, name: 'Diambil alih', capacity: 1 }),
    );
    expect(rowOf('batches', batchB.id)?.event_id).toBe(EVENT_B);
    expect(res.results[0]!.status).toBe('rejected');
  });

  // The same for sessions.
  it('session.upsert with B’s session id is refused and leaves B’s session in B', async () => {
    const res = await w.organiser.send(
      upsertSession({ ...sessionB, eventId: EVENT_A, batchId: demoBatches[0]!.id, title: 'X' }),
    );
    expect(rowOf('sessions', sessionB.id)?.event_id).toBe(EVENT_B);
    expect(res.results[0]!.status).toBe('rejected');
  });

  // A registration reusing the id of another event's participant is refused, never
  // acknowledged as if it were a resend.
  it('participant.register with the id of B’s participant is not acknowledged as applied', async () => {
    const res = await w.staff.send(register(person({ id: w.participantB.id, source: 'walkin' })));
    expect(res.results[0]!.status).toBe('rejected');
  });

  const idOfB = (tbl: 'checkins' | 'marks') =>
    (
      w.server.db
        .prepare('SELECT id FROM rows WHERE tbl = ? AND event_id = ?')
        .get(tbl, EVENT_B) as {
        id: string;
      }
    ).id;

  // A check-in or mark reusing an id of another event is refused, never silently dropped
  // under a false `applied` ("a scan is a fact").
  it('checkin.record reusing the id of B’s check-in is stored in A or refused', async () => {
    const res = await w.staff.send(checkin(p1.id, { checkinId: idOfB('checkins') }));
    expect(
      countOf(w.server.db, 'checkins', EVENT_A) + (res.results[0]!.status === 'rejected' ? 1 : 0),
    ).toBe(1);
  });

  it('attendance.mark reusing the id of B’s mark is stored in A or refused', async () => {
    const res = await w.staff.send(
      mark(OWN_SESSION.id, p1.id, 'hadir', { markId: idOfB('marks') }),
    );
    expect(
      countOf(w.server.db, 'marks', EVENT_A) + (res.results[0]!.status === 'rejected' ? 1 : 0),
    ).toBe(1);
  });
});

// ---------------------------------------------------------------------------------------
// 4. Pull filtering per role

const TRAINER_PARTICIPANT_FIELDS = [
  'id',
  'eventId',
  'batchId',
  'fullName',
  'institution',
  'regionCode',
  'status',
];
const SECRET_FIELDS = ['nip', 'nik', 'phone', 'email', 'ticketCode', 'consentAt', 'signature'];

describe('pull filtering per role follows the matrix', () => {
  let w: World;
  /** A walk-in with a NIK and an email, registered at the desk. */
  const walkIn = person({ source: 'walkin', nik: '6371010101900001', email: 'walkin@example.org' });

  beforeAll(async () => {
    w = await buildWorld();
    expectApplied(
      await w.staff.send(
        register(walkIn),
        checkin(p1.id, { signature: 'M10 10l10 10' }),
        checkin(walkIn.id),
        mark(OWN_SESSION.id, p1.id, 'hadir'),
        mark(OTHER_SESSION.id, p1.id, 'terlambat'),
        mark(OTHER_BATCH_SESSION.id, walkIn.id, 'izin'),
      ),
    );
    expectApplied(await w.trainer.send(mark(OWN_SESSION.id, walkIn.id, 'sakit')));
  });
  afterAll(async () => {
    await w.server.close();
  });

  /** Every live row of an event as stored: `table:id` → data. */
  function stored(eventId: string): Map<string, Record<string, unknown>> {
    const rows = w.server.db
      .prepare('SELECT tbl, id, data FROM rows WHERE event_id = ? AND deleted = 0')
      .all(eventId) as { tbl: string; id: string; data: string }[];
    return new Map(
      rows.map((r) => [`${r.tbl}:${r.id}`, JSON.parse(r.data) as Record<string, unknown>]),
    );
  }

  async function pulled(device: TestDevice): Promise<Map<string, Record<string, unknown>>> {
    const { changes } = await device.pullAll(null);
    for (const c of changes) expect(eventOf(c), `${c.table}:${c.id}`).toBe(device.eventId);
    return new Map([...latest(changes)].map(([k, c]) => [k, c.data as Record<string, unknown>]));
  }

  const keysOf = (m: Map<string, unknown>, table?: string) =>
    [...m.keys()].filter((k) => !table || k.startsWith(`${table}:`)).sort();

  it.each(['organiser', 'staff'] as const)(
    '%s gets every row of its event, every field (a desk: no signatures), and nothing of event B',
    async (role) => {
      const seen = await pulled(w[role]);
      const all = stored(EVENT_A);
      expect(keysOf(seen)).toEqual(keysOf(all));
      for (const [k, data] of all) {
        // A desk needs who arrived, not how they signed, nor who signs the sheets and
        // certificates (their NIPs): only the organiser gets those.
        const { signature: _signature, ...unsigned } = data as { signature?: string };
        const {
          official: _o,
          approver: _a,
          certificate: _c,
          letterhead: _l,
          ...event
        } = data as Record<string, unknown>;
        const forStaff = k.startsWith('checkins:')
          ? unsigned
          : k.startsWith('events:')
            ? { ...event, committee: [] }
            : data;
        expect(seen.get(k), k).toEqual(role === 'staff' ? forStaff : data);
      }
      expect(seen.get(`participants:${walkIn.id}`)).toMatchObject({
        nik: walkIn.nik,
        phone: walkIn.phone,
        email: walkIn.email,
        ticketCode: walkIn.ticketCode,
      });
      expect(keysOf(seen)).not.toContain(`participants:${w.participantB.id}`);
    },
  );

  it('the organiser of event B gets every row of event B and nothing of event A', async () => {
    const seen = await pulled(w.foreign);
    expect(keysOf(seen)).toEqual(keysOf(stored(EVENT_B)));
  });

  it('a trainer gets participants with name, institution and kabupaten/kota only, and marks of its sessions only', async () => {
    const seen = await pulled(w.trainer);
    const all = stored(EVENT_A);

    // Its roster: the participants of its session's batch, reduced to the allowed fields;
    // nobody of another batch.
    const roster = keysOf(all, 'participants').filter(
      (k) => all.get(k)!.batchId === OWN_SESSION.batchId,
    );
    expect(roster.length).toBeLessThan(keysOf(all, 'participants').length);
    expect(keysOf(seen, 'participants')).toEqual(roster);
    for (const k of roster) {
      const data = seen.get(k)!;
      expect(
        Object.keys(data).every((f) => TRAINER_PARTICIPANT_FIELDS.includes(f)),
        k,
      ).toBe(true);
      for (const f of SECRET_FIELDS) expect(data, `${k} ${f}`).not.toHaveProperty(f);
      expect(data).toMatchObject({
        fullName: all.get(k)!.fullName,
        institution: all.get(k)!.institution,
        regionCode: all.get(k)!.regionCode,
      });
    }
    const text = JSON.stringify([...seen.values()]);
    for (const p of [...demoParticipants, walkIn]) {
      expect(text).not.toContain(p.phone);
      if (p.nip) expect(text).not.toContain(p.nip);
    }
    expect(text).not.toContain(walkIn.nik!);

    // Marks: only those of the session assigned to it (by anyone), none of the others.
    const marks = [...seen].filter(([k]) => k.startsWith('marks:')).map(([, d]) => d);
    expect(marks.map((m) => m.sessionId)).toEqual([OWN_SESSION.id, OWN_SESSION.id]);
    const ownSessionMarks = [...all]
      .filter(([k, d]) => k.startsWith('marks:') && d.sessionId === OWN_SESSION.id)
      .map(([k]) => k);
    expect(keysOf(seen, 'marks')).toEqual(ownSessionMarks.sort());

    // The public event rows, all of them; check-ins without signatures (docs/protocol.md).
    for (const table of ['events', 'batches', 'sessions']) {
      expect(keysOf(seen, table)).toEqual(keysOf(all, table));
    }
    for (const k of keysOf(seen, 'checkins')) expect(seen.get(k)).not.toHaveProperty('signature');
  });

  it('a participant gets the public event rows and its own registration only', async () => {
    const seen = await pulled(w.participant);
    const all = stored(EVENT_A);
    const publicKeys = ['events', 'batches', 'sessions'].flatMap((t) => keysOf(all, t));
    expect(keysOf(seen)).toEqual([...publicKeys, `participants:${w.own.id}`].sort());
    expect(seen.get(`participants:${w.own.id}`)).toEqual(all.get(`participants:${w.own.id}`));
    const text = JSON.stringify([...seen.values()]);
    expect(text).not.toContain(p1.phone);
    expect(text).not.toContain(w.neighbour.phone);
    expect(text).not.toContain(w.neighbour.nip!);
    expect(text).not.toContain(w.neighbour.ticketCode);
  });
});
