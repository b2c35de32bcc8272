// POST /sync/pull against the real server: cursor paging while pushes commit, reset,
// and what each role may see (sync-protocol.md, "Pull"; fault case 21).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Participant } from '#domain/model';
import type { Change, Cursor } from '#sync/protocol';
import {
  checkin,
  enrolTrainer,
  enrollDevice,
  errorCode,
  mark,
  ofTable,
  person,
  register,
  startTestServer,
  upsert,
  upsertSession,
  type TestServer,
} from '#tests/server/support';
import { SECRET_FIELDS } from '#tests/support/visibility';
import { FIXTURE_EVENT_ID, fixture } from '#tests/support/fixture';

const session = fixture.sessions[0]!;
const p1 = fixture.people[0]!.id;
/** events + batches + sessions + participants of the seeded test event. */
const SEEDED_ROWS = 1 + fixture.batches.length + fixture.sessions.length + fixture.people.length;

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await server.close();
});

const key = (c: Pick<Change, 'table' | 'id'>) => `${c.table}:${c.id}`;
const count = (changes: Change[], table: string) => changes.filter((c) => c.table === table).length;

describe('pull', () => {
  it('a first pull (cursor null) answers reset: true with the whole snapshot', async () => {
    const organiser = await enrollDevice(server, 'organiser');
    const page = await organiser.pull(null);
    expect(page.reset).toBe(true);
    expect(page.hasMore).toBe(false);
    expect(page.changes).toHaveLength(SEEDED_ROWS);
    expect(page.changes.every((c) => c.op === 'put')).toBe(true);
    expect(page.lastProcessedSeq).toBe(0);
    // Pulled again from its cursor: nothing new, no reset.
    const next = await organiser.pull(page.cursor);
    expect(next).toMatchObject({ changes: [], hasMore: false, cursor: page.cursor });
    expect(next.reset).toBeUndefined();
  });

  it('a cursor from the future (a server restored from backup) answers reset: true', async () => {
    const organiser = await enrollDevice(server, 'organiser');
    const { cursor } = await organiser.pullAll(null);
    const future = await organiser.pull({ v: cursor.v + 1000, k: 'participants:zzz' });
    expect(future.reset).toBe(true);
    expect(future.changes).toHaveLength(SEEDED_ROWS);
  });

  it('reports the device’s lastProcessedSeq', async () => {
    const staff = await enrollDevice(server, 'staff');
    await staff.send(checkin(p1), checkin(p1));
    expect((await staff.pull(null)).lastProcessedSeq).toBe(2);
  });

  it('fault 21: pull pages while pushes commit → every row received exactly once (limit 7)', async () => {
    const organiser = await enrollDevice(server, 'organiser');
    const staff = await enrollDevice(server, 'staff');
    const received: Change[] = [];
    let cursor: Cursor | null = null;
    let pushesLeft = 6;
    for (let pages = 1; ; pages++) {
      expect(pages).toBeLessThan(50);
      const page = await organiser.pull(cursor, 7);
      expect(page.changes.length).toBeLessThanOrEqual(7);
      received.push(...page.changes);
      cursor = page.cursor;
      // Between pages another device commits new rows.
      if (pushesLeft > 0) {
        pushesLeft--;
        await staff.send(checkin(p1), checkin(p1), mark(session.id, p1));
      } else if (!page.hasMore) break;
    }
    const keys = received.map(key);
    expect(new Set(keys).size).toBe(keys.length); // nothing twice
    const all = (
      server.db.prepare('SELECT tbl, id FROM rows WHERE event_id = ?').all(FIXTURE_EVENT_ID) as {
        tbl: string;
        id: string;
      }[]
    ).map((r) => `${r.tbl}:${r.id}`);
    expect(new Set(keys)).toEqual(new Set(all)); // nothing missed
    expect(count(received, 'checkins')).toBe(12);
    expect(count(received, 'marks')).toBe(6);
    // Versions never go backwards across pages.
    const vs = received.map((c) => c.v);
    expect(vs).toEqual([...vs].sort((a, b) => a - b));
  });

  it('fault 21: a page pulled again from the same cursor (connection dropped) is the same page', async () => {
    const organiser = await enrollDevice(server, 'organiser');
    const first = await organiser.pull(null, 7);
    const a = await organiser.pull(first.cursor, 7);
    const b = await organiser.pull(first.cursor, 7);
    expect(b.changes).toEqual(a.changes);
    expect(b.cursor).toEqual(a.cursor);
    expect(a.changes.map(key)).not.toContain(first.changes[0] && key(first.changes[0]));
  });

  it('refuses a clientId that is not the token’s with 403', async () => {
    const staff = await enrollDevice(server, 'staff');
    const reply = await staff.pullRaw({ clientId: 'someone-else', cursor: null });
    expect(reply.status).toBe(403);
    expect(errorCode(reply)).toBe('FORBIDDEN');
  });

  it('rejects a limit above the maximum with 400', async () => {
    const staff = await enrollDevice(server, 'staff');
    const reply = await staff.pullRaw({ cursor: null, limit: 100_000 });
    expect(reply.status).toBe(400);
    expect(errorCode(reply)).toBe('INVALID_REQUEST');
  });
});

describe('pull per role', () => {
  it('a trainer gets participants without nip, phone, email or nik, and marks of its own sessions only', async () => {
    const organiser = await enrollDevice(server, 'organiser');
    const own = fixture.sessions[1]!;
    const trainer = await enrolTrainer(server, organiser, [own]);
    await organiser.send(
      register(person({ source: 'import', nik: '6371010101900001', email: 'a@example.org' })),
      mark(own.id, p1),
      mark(session.id, p1),
      checkin(p1, { signature: 'M0 0l10 10' }),
    );

    const { changes } = await trainer.pullAll(null);
    const participants = ofTable<Record<string, unknown>>(changes, 'participants');
    // Its roster: the people of its session's batch (the new registration is one of them).
    const roster = fixture.people.filter((p) => p.batchId === own.batchId);
    expect(roster.length).toBeLessThan(fixture.people.length);
    expect(participants).toHaveLength(roster.length + 1);
    expect(participants.every((p) => p.batchId === own.batchId)).toBe(true);
    for (const p of participants) {
      for (const secret of SECRET_FIELDS) expect(p).not.toHaveProperty(secret);
      expect(p).toHaveProperty('fullName');
      expect(p).toHaveProperty('institution');
    }
    expect(JSON.stringify(changes)).not.toContain(fixture.people[0]!.nip!);
    expect(JSON.stringify(changes)).not.toContain('6371010101900001');
    const marks = ofTable<{ sessionId: string }>(changes, 'marks');
    expect(marks.map((m) => m.sessionId)).toEqual([own.id]);
    const checkins = ofTable<Record<string, unknown>>(changes, 'checkins');
    expect(checkins).toHaveLength(1);
    expect(checkins[0]).not.toHaveProperty('signature');
    expect(count(changes, 'sessions')).toBe(fixture.sessions.length);
  });

  it('a check-in desk gets check-ins without signatures; the organiser gets them', async () => {
    const organiser = await enrollDevice(server, 'organiser');
    const staff = await enrollDevice(server, 'staff');
    await staff.send(checkin(p1, { signature: 'M0 0l10 10' }));
    const atDesk = ofTable<Record<string, unknown>>(
      (await staff.pullAll(null)).changes,
      'checkins',
    );
    expect(atDesk).toHaveLength(1);
    expect(atDesk[0]).toMatchObject({ participantId: p1 });
    expect(atDesk[0]).not.toHaveProperty('signature');
    const forOrganiser = ofTable<Record<string, unknown>>(
      (await organiser.pullAll(null)).changes,
      'checkins',
    );
    expect(forOrganiser[0]).toMatchObject({ signature: 'M0 0l10 10' });
  });

  it('a walk-in from the desk: short record accepted, always flagged for the organiser', async () => {
    const staff = await enrollDevice(server, 'staff');
    const organiser = await enrollDevice(server, 'organiser');
    const full = person({ source: 'walkin' });
    const {
      phone: _phone,
      gender: _gender,
      position: _position,
      libraryType: _libraryType,
      employmentStatus: _employmentStatus,
      certificationIntention: _certificationIntention,
      ...walkin
    } = full;
    const sent = await staff.send(register({ ...walkin, needsReview: false } as Participant));
    expect(sent.results).toMatchObject([{ status: 'applied' }]);
    const people = ofTable<Record<string, unknown>>(
      (await organiser.pullAll(null)).changes,
      'participants',
    );
    expect(people.find((p) => p.id === full.id)).toMatchObject({
      source: 'walkin',
      needsReview: true,
      nip: full.nip,
    });
    // The same short record as a self-registration is refused: those need every field.
    const self = await staff.send(
      register({ ...walkin, id: 'self-short', source: 'self' } as Participant),
    );
    expect(self.results).toMatchObject([{ status: 'rejected', code: 'INVALID_MUTATION' }]);
  });

  it('a trainer’s roster follows its sessions: given another batch, it swaps people', async () => {
    const organiser = await enrollDevice(server, 'organiser');
    const trainer = await enrollDevice(server, 'trainer');
    const [a1, a2] = fixture.batches;
    const inA1 = fixture.people.filter((p) => p.batchId === a1!.id);
    const inA2 = fixture.people.filter((p) => p.batchId === a2!.id);
    const sessionA1 = fixture.sessions.find((x) => x.batchId === a1!.id)!;
    const sessionA2 = fixture.sessions.find((x) => x.batchId === a2!.id)!;
    await organiser.send(
      upsertSession({ ...sessionA1, trainerDeviceIds: [trainer.deviceId] }),
      checkin(inA1[0]!.id),
    );
    const first = await trainer.pullAll(null);
    const held = (changes: Change[]) =>
      ofTable<Participant>(changes, 'participants')
        .map((p) => p.id)
        .sort();
    expect(held(first.changes)).toEqual(inA1.map((p) => p.id).sort());
    expect(ofTable(first.changes, 'checkins')).toHaveLength(1);

    // The organiser moves the trainer to batch 2: batch 1's people and arrivals leave.
    await organiser.send(
      upsertSession({ ...sessionA1, trainerDeviceIds: [] }),
      upsertSession({ ...sessionA2, trainerDeviceIds: [trainer.deviceId] }),
    );
    const next = await trainer.pullAll(first.cursor);
    const last = new Map(next.changes.map((c) => [key(c), c.op]));
    for (const p of inA1) expect(last.get(`participants:${p.id}`), p.fullName).toBe('del');
    for (const p of inA2) expect(last.get(`participants:${p.id}`), p.fullName).toBe('put');
    expect([...last].filter(([k, op]) => k.startsWith('checkins:') && op === 'put')).toEqual([]);

    // Someone moved from batch 2 to batch 1 leaves it too.
    await organiser.send({
      name: 'participant.patch',
      args: {
        participantId: inA2[0]!.id,
        fields: { batchId: { v: a1!.id, hlc: organiser.tick() } },
      },
    });
    const moved = await trainer.pullAll(next.cursor);
    expect(moved.changes.map((c) => `${key(c)} ${c.op}`)).toEqual([
      `participants:${inA2[0]!.id} del`,
    ]);
  });

  it('staff and organiser get whole participant rows', async () => {
    const staff = await enrollDevice(server, 'staff');
    const { changes } = await staff.pullAll(null);
    const p = ofTable<Participant>(changes, 'participants').find((x) => x.id === p1);
    expect(p).toEqual({ ...fixture.people[0], needsReview: false });
  });

  it('a participant device sees the public event rows and only its own registration', async () => {
    const phone = await enrollDevice(server, 'participant');
    const otherPhone = await enrollDevice(server, 'participant');
    const desk = await enrollDevice(server, 'staff');
    const me = person({ source: 'self' });
    const someoneElse = person({ source: 'self' });
    await phone.send(register(me));
    await otherPhone.send(register(someoneElse));
    await desk.send(checkin(me.id), mark(session.id, me.id));

    const { changes } = await phone.pullAll(null);
    expect(count(changes, 'events')).toBe(1);
    expect(count(changes, 'batches')).toBe(fixture.batches.length);
    expect(count(changes, 'sessions')).toBe(fixture.sessions.length);
    expect(ofTable<Participant>(changes, 'participants')).toEqual([
      expect.objectContaining({ id: me.id, nip: me.nip, phone: me.phone }),
    ]);
    expect(count(changes, 'checkins')).toBe(0);
    expect(count(changes, 'marks')).toBe(0);
    expect(count(changes, 'aliases')).toBe(0);
  });

  it('a device of another event does not see the test event’s rows', async () => {
    const otherEventId = 'bimtek-lain-2025';
    const other = await enrollDevice(server, 'organiser', { eventId: otherEventId });
    const desk = await enrollDevice(server, 'staff');
    await other.send(
      upsert('event', { ...fixture.event, id: otherEventId, name: 'Bimtek Lain', demo: false }),
    );
    await desk.send(checkin(p1));

    const { changes, cursor } = await other.pullAll(null);
    expect(changes.map((c) => [c.table, c.id])).toEqual([['events', otherEventId]]);
    // The cursor still moved over the rows it may not see.
    const deskPage = await desk.pullAll(null);
    expect(cursor).toEqual(deskPage.cursor);
  });
});
