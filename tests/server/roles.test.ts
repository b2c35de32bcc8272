// The role matrix of issue 4, walked table by table against the real server over real
// HTTP: every route × every kind of caller, every mutation × every role, the named cases
// (a participant recording a check-in, a trainer marking someone else's session, a device
// of event A touching event B, a phone changing another person's registration), and what
// each role's pull may contain.
//
// The tables are in tests/server/roles/ (the world, the routes, the mutations and named
// cases); this file walks them.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mutationNames } from '#domain/mutations';
import { allowedRoles } from '#server/apply/index';
import { roles, type RejectionCode } from '#sync/protocol';
import {
  checkin,
  enrollDevice,
  latest,
  mark,
  person,
  register,
  request,
  upsert,
  upsertSession,
  type TestDevice,
} from '#tests/server/support';
import { APPLIED, MAY_SEND, MUTATION_MATRIX } from '#tests/support/permissions';
import { SECRET_FIELDS, seenBy, TRAINER_PARTICIPANT_FIELDS } from '#tests/support/visibility';
import {
  DRAFTS,
  mutationCases,
  NAMED_CASES,
  type MakeDraft,
  type Row,
  type Sender,
} from '#tests/server/roles/mutations';
import {
  callersOf,
  CALLERS,
  OK,
  REVOKED,
  ROUTE_MATRIX,
  routeCases,
  ROUTES,
  type Caller,
  type Credential,
} from '#tests/server/roles/routes';
import {
  batchB,
  buildWorld,
  countOf,
  EVENT_A,
  EVENT_B,
  eventOf,
  OTHER_BATCH_SESSION,
  OTHER_SESSION,
  OWN_SESSION,
  outcome,
  p1,
  sessionB,
  snapshot,
  expectApplied,
  type World,
} from '#tests/server/roles/world';
import { fixture } from '#tests/support/fixture';

// ---------------------------------------------------------------------------------------
// 1. Every route × every caller

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

describe('role matrix: every mutation × every role', () => {
  it('the table names every mutation and agrees with the server’s allowedRoles', () => {
    expect(Object.keys(MUTATION_MATRIX).sort()).toEqual([...mutationNames].sort());
    const fromServer = Object.fromEntries(
      Object.entries(allowedRoles).map(([name, allowed]) => [
        name,
        roles.filter((r) => allowed.includes(r)),
      ]),
    );
    expect(MAY_SEND).toEqual(fromServer);
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

interface NamedCase {
  sender: Sender;
  action: string;
  draft: MakeDraft;
  expected: RejectionCode | 'applied';
}

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

for (const [title, rows] of NAMED_CASES) runNamedCases(title, rows);

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
      upsertSession({ ...sessionB, eventId: EVENT_A, batchId: fixture.batches[0]!.id, title: 'X' }),
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
    const before = countOf(w.server.db, 'checkins', EVENT_A);
    const res = await w.staff.send(checkin(p1.id, { checkinId: idOfB('checkins') }));
    expect(
      countOf(w.server.db, 'checkins', EVENT_A) + (res.results[0]!.status === 'rejected' ? 1 : 0),
    ).toBe(before + 1);
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

// What each role sees: tests/support/visibility.ts (docs/protocol.md, "What each role sees").

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
        const at = k.indexOf(':');
        const row = { table: k.slice(0, at), id: k.slice(at + 1), data };
        expect(seen.get(k), k).toEqual(seenBy(role, row));
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
    for (const p of [...fixture.people, walkIn]) {
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
