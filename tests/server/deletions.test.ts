// batch.delete and session.delete on the real server over real HTTP: a session with marks,
// or a batch with sessions, is refused (IN_USE) until the organiser confirms (`force`),
// and a batch with registrations always is; what is deleted becomes tombstones that every
// role pulls as `del`, that a device pulling afterwards never sees, and that no stale
// edit brings back.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Batch, Session } from '#domain/model';
import type { Db } from '#server/store/database';
import type { Change, PushResponse } from '#sync/protocol';
import {
  deleteBatch,
  deleteSession,
  enrolTrainer,
  enrollDevice,
  mark,
  patch,
  person,
  register,
  upsert,
  upsertSession,
  type TestDevice,
  type TestServer,
  startTestServer,
} from '#tests/server/support';
import { FIXTURE_EVENT_ID, fixture } from '#tests/support/fixture';

let server: TestServer;
let organiser: TestDevice;

beforeEach(async () => {
  server = await startTestServer();
  organiser = await enrollDevice(server, 'organiser');
});

afterEach(async () => {
  await server.close();
});

/** A batch of the test event with two sessions and nobody registered in it yet. */
const batch: Batch = {
  ...fixture.batches[1]!,
  id: `${FIXTURE_EVENT_ID}-a3`,
  code: 'A3',
  name: 'Angkatan III',
};
const sessions: Session[] = [0, 1].map((i) => ({
  ...fixture.sessions[5 + i]!,
  id: `${batch.id}-s${i + 1}`,
  batchId: batch.id,
  trainerDeviceIds: [],
}));

const outcome = (res: PushResponse) =>
  res.results.map((r) => (r.status === 'rejected' ? r.code : r.status));

/** Every stored row (tombstones too): equal snapshots mean nothing changed. */
const snapshot = (db: Db) =>
  JSON.stringify(db.prepare('SELECT tbl, id, data, deleted, v FROM rows ORDER BY tbl, id').all());

function stored(db: Db, tbl: string, id: string) {
  return db.prepare('SELECT data, deleted FROM rows WHERE tbl = ? AND id = ?').get(tbl, id) as
    { data: string; deleted: number } | undefined;
}

const isTombstone = (db: Db, tbl: string, id: string) =>
  stored(db, tbl, id)?.deleted === 1 && stored(db, tbl, id)?.data === '{}';

const dels = (changes: Change[], table: string) =>
  changes.filter((c) => c.table === table && c.op === 'del').map((c) => c.id);
const puts = (changes: Change[], table: string) =>
  changes.filter((c) => c.table === table && c.op === 'put').map((c) => c.id);

describe('session.delete', () => {
  it('refuses a session with marks (IN_USE) and changes nothing; confirmed, the marks go too', async () => {
    const session = fixture.sessions[2]!;
    const staff = await enrollDevice(server, 'staff');
    const marks = [
      mark(session.id, fixture.people[0]!.id),
      mark(session.id, fixture.people[2]!.id),
    ];
    const elsewhere = mark(fixture.sessions[1]!.id, fixture.people[0]!.id);
    expect(outcome(await staff.send(...marks, elsewhere))).toEqual([
      'applied',
      'applied',
      'applied',
    ]);

    const before = snapshot(server.db);
    expect(outcome(await organiser.send(deleteSession(session.id)))).toEqual(['IN_USE']);
    expect(snapshot(server.db), 'a refused deletion changes nothing').toBe(before);

    expect(outcome(await organiser.send(deleteSession(session.id, { force: true })))).toEqual([
      'applied',
    ]);
    expect(isTombstone(server.db, 'sessions', session.id)).toBe(true);
    for (const m of marks) {
      expect(isTombstone(server.db, 'marks', (m.args as { markId: string }).markId)).toBe(true);
    }
    // Another session's mark stays.
    const elsewhereId = (elsewhere.args as { markId: string }).markId;
    expect(stored(server.db, 'marks', elsewhereId)?.deleted).toBe(0);
  });

  it('deletes a session nobody marked without confirmation; again is done, not an error', async () => {
    const session = fixture.sessions[3]!;
    expect(outcome(await organiser.send(deleteSession(session.id)))).toEqual(['applied']);
    const after = snapshot(server.db);
    // A second organiser device that deleted it offline too: nothing for a person to fix.
    const other = await enrollDevice(server, 'organiser');
    expect(outcome(await other.send(deleteSession(session.id)))).toEqual(['applied']);
    expect(snapshot(server.db)).toBe(after);
  });

  it('every role pulls the deletion as del; a device that pulls afterwards never sees it', async () => {
    const session = fixture.sessions[0]!;
    const staff = await enrollDevice(server, 'staff');
    const trainer = await enrolTrainer(server, organiser, [session]);
    const phone = await enrollDevice(server, 'participant');
    expect(outcome(await phone.send(register(person())))).toEqual(['applied']);
    const m = mark(session.id, fixture.people[0]!.id);
    expect(outcome(await trainer.send(m))).toEqual(['applied']);
    const markId = (m.args as { markId: string }).markId;

    const cursors = new Map<TestDevice, Awaited<ReturnType<TestDevice['pullAll']>>>();
    for (const d of [organiser, staff, trainer, phone]) cursors.set(d, await d.pullAll());
    expect(puts(cursors.get(trainer)!.changes, 'marks')).toContain(markId);

    expect(outcome(await organiser.send(deleteSession(session.id, { force: true })))).toEqual([
      'applied',
    ]);

    for (const d of [organiser, staff, trainer, phone]) {
      const { changes } = await d.pullAll(cursors.get(d)!.cursor);
      expect(dels(changes, 'sessions'), d.role).toEqual([session.id]);
      // Who held the mark is told it is gone; a phone never held marks.
      if (d.role === 'participant') expect(dels(changes, 'marks')).toEqual([]);
      else expect(dels(changes, 'marks'), d.role).toEqual([markId]);
    }
    // The trainer lost its only session, so its roster leaves its phone.
    const trainerPull = await trainer.pullAll(cursors.get(trainer)!.cursor);
    expect(dels(trainerPull.changes, 'participants')).toContain(fixture.people[0]!.id);
    expect(puts(trainerPull.changes, 'participants')).toEqual([]);

    // A device enrolled afterwards starts from a snapshot: no tombstone, no row.
    const late = await enrollDevice(server, 'staff');
    const { changes } = await late.pullAll();
    expect(changes.filter((c) => c.id === session.id || c.id === markId)).toEqual([]);
    expect(changes.every((c) => c.op === 'put')).toBe(true);
  });

  it('refuses what a stale device sends for it afterwards: an edit, a mark', async () => {
    const session = fixture.sessions[4]!;
    const staff = await enrollDevice(server, 'staff');
    expect(outcome(await organiser.send(deleteSession(session.id)))).toEqual(['applied']);
    const after = snapshot(server.db);
    expect(outcome(await organiser.send(upsertSession({ ...session, title: 'Lama' })))).toEqual([
      'NOT_FOUND',
    ]);
    expect(outcome(await staff.send(mark(session.id, fixture.people[0]!.id)))).toEqual([
      'NOT_FOUND',
    ]);
    expect(snapshot(server.db)).toBe(after);
  });
});

describe('batch.delete', () => {
  it('refuses a batch with registrations even when confirmed; once moved out, deletes it with its sessions and marks', async () => {
    expect(
      outcome(
        await organiser.send(upsert('batch', batch), ...sessions.map((s) => upsertSession(s))),
      ),
    ).toEqual(['applied', 'applied', 'applied']);
    const staff = await enrollDevice(server, 'staff');
    const p = person({ batchId: batch.id, source: 'walkin' });
    expect(outcome(await staff.send(register(p)))).toEqual(['applied']);
    const m = mark(sessions[0]!.id, p.id);
    expect(outcome(await staff.send(m))).toEqual(['applied']);

    let before = snapshot(server.db);
    expect(outcome(await organiser.send(deleteBatch(batch.id, { force: true })))).toEqual([
      'IN_USE',
    ]);
    expect(snapshot(server.db)).toBe(before);

    // The person moves to another batch: the batch still has sessions, so it asks first.
    const hlc = organiser.tick();
    const move = patch(p.id, { batchId: { v: fixture.batches[0]!.id, hlc } }, hlc);
    expect(outcome(await organiser.send(move))).toEqual(['applied']);
    before = snapshot(server.db);
    expect(outcome(await organiser.send(deleteBatch(batch.id)))).toEqual(['IN_USE']);
    expect(snapshot(server.db)).toBe(before);

    const { cursor } = await staff.pullAll();
    expect(outcome(await organiser.send(deleteBatch(batch.id, { force: true })))).toEqual([
      'applied',
    ]);
    expect(isTombstone(server.db, 'batches', batch.id)).toBe(true);
    for (const s of sessions) expect(isTombstone(server.db, 'sessions', s.id)).toBe(true);
    expect(isTombstone(server.db, 'marks', (m.args as { markId: string }).markId)).toBe(true);
    // The person is kept, in the batch they were moved to.
    expect(JSON.parse(stored(server.db, 'participants', p.id)!.data)).toMatchObject({
      batchId: fixture.batches[0]!.id,
    });

    const { changes } = await staff.pullAll(cursor);
    expect(dels(changes, 'batches')).toEqual([batch.id]);
    expect(dels(changes, 'sessions').sort()).toEqual(sessions.map((s) => s.id).sort());
    expect(dels(changes, 'marks')).toEqual([(m.args as { markId: string }).markId]);
  });

  it('a deleted batch takes no one back: no registration, no move, no session', async () => {
    expect(outcome(await organiser.send(upsert('batch', batch)))).toEqual(['applied']);
    expect(outcome(await organiser.send(deleteBatch(batch.id)))).toEqual(['applied']);
    const staff = await enrollDevice(server, 'staff');
    const after = snapshot(server.db);
    const hlc = organiser.tick();
    expect(
      outcome(
        await organiser.send(
          upsert('batch', { ...batch, name: 'Kembali' }),
          upsertSession(sessions[0]!),
          patch(fixture.people[0]!.id, { batchId: { v: batch.id, hlc } }, hlc),
        ),
      ),
    ).toEqual(['NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND']);
    expect(
      outcome(await staff.send(register(person({ batchId: batch.id, source: 'walkin' })))),
    ).toEqual(['NOT_FOUND']);
    expect(snapshot(server.db)).toBe(after);
  });

  it('only the organiser deletes', async () => {
    expect(outcome(await organiser.send(upsert('batch', batch)))).toEqual(['applied']);
    for (const role of ['staff', 'trainer', 'participant'] as const) {
      const device = await enrollDevice(server, role);
      expect(
        outcome(await device.send(deleteBatch(batch.id), deleteSession(fixture.sessions[3]!.id))),
        role,
      ).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    }
    expect(stored(server.db, 'batches', batch.id)?.deleted).toBe(0);
  });
});
