// Deleting a session or a batch from the organiser's device (db/events.ts), end to end
// with the real engine, fake-indexeddb and the real server: a desk that held the session
// and its marks drops them on its next pull; a deletion the server refuses (IN_USE,
// because a mark arrived that the organiser's device had not seen) comes back on the
// organiser's device and waits there with its reason.
import { describe, expect, it } from 'vitest';
import { markAttendance } from '#db/attendance';
import { batchUsage, deleteBatch, deleteSession, saveBatch, sessionUsage } from '#db/events';
import { needsAttention } from '#sync/local';
import { enrolApp, type TestDevice } from '#tests/support/device';
import { REAL_PARTS, staffDevice, useTestServer } from '#tests/sync/edge';
import { FIXTURE_EVENT_ID, fixture } from '#tests/support/fixture';

const server = useTestServer();

async function organiserDevice(name: string): Promise<TestDevice> {
  const o = await enrolApp(server, 'organiser', { name });
  expect((await o.sync()).state).toBe('idle');
  return o;
}

describe('deleting from the schedule', REAL_PARTS, () => {
  it('a confirmed deletion takes the session and its marks off every device', async () => {
    const session = fixture.sessions[2]!;
    const desk = await staffDevice(server, 'delete-desk');
    await desk.act(() =>
      markAttendance({
        eventId: FIXTURE_EVENT_ID,
        sessionId: session.id,
        participantId: fixture.people[0]!.id,
        status: 'hadir',
      }),
    );
    expect((await desk.sync()).state).toBe('idle');

    const o = await organiserDevice('delete-organiser');
    expect(await o.act(() => sessionUsage(session.id))).toEqual({ marked: 1 });
    await o.act(() => deleteSession(session, true));
    expect(await o.db.sessions.get(session.id)).toBeUndefined();
    expect(await o.db.marks.where('sessionId').equals(session.id).count()).toBe(0);
    expect((await o.sync()).state).toBe('idle');
    expect(await o.act(() => needsAttention())).toEqual([]);

    expect((await desk.sync()).state).toBe('idle');
    expect(await desk.db.sessions.get(session.id)).toBeUndefined();
    expect(await desk.db.marks.where('sessionId').equals(session.id).count()).toBe(0);
  });

  it('a refused deletion comes back on the organiser’s device, with IN_USE to show', async () => {
    const session = fixture.sessions[3]!;
    const o = await organiserDevice('stale-organiser');
    // A mark the organiser's device has not pulled yet.
    const desk = await staffDevice(server, 'late-desk');
    await desk.act(() =>
      markAttendance({
        eventId: FIXTURE_EVENT_ID,
        sessionId: session.id,
        participantId: fixture.people[2]!.id,
        status: 'terlambat',
      }),
    );
    expect((await desk.sync()).state).toBe('idle');

    expect(await o.act(() => sessionUsage(session.id))).toEqual({ marked: 0 });
    await o.act(() => deleteSession(session)); // nothing to confirm, as far as it knows
    expect(await o.db.sessions.get(session.id)).toBeUndefined();
    await o.sync(); // refused: the next pull is a snapshot…
    await o.sync(); // …which brings the session, and its mark, back
    expect(await o.db.sessions.get(session.id)).toMatchObject({ title: session.title });
    expect(await o.db.marks.where('sessionId').equals(session.id).count()).toBe(1);
    const [refused] = await o.act(() => needsAttention());
    expect(refused).toMatchObject({ name: 'session.delete', error: { code: 'IN_USE' } });
  });

  it('a batch with registrations is not deleted on the device either; an empty one is', async () => {
    const o = await organiserDevice('batch-organiser');
    const usage = await o.act(() => batchUsage(fixture.batches[0]!.id));
    expect(usage.registrations).toBeGreaterThan(0);
    await expect(o.act(() => deleteBatch(fixture.batches[0]!))).rejects.toThrow(/registrations/);
    expect(await o.db.outbox.count()).toBe(0);

    const spare = { ...fixture.batches[1]!, id: `${FIXTURE_EVENT_ID}-kosong`, code: 'K1' };
    await o.act(() => saveBatch(spare));
    expect(await o.act(() => batchUsage(spare.id))).toEqual({
      registrations: 0,
      sessions: 0,
      marked: 0,
    });
    await o.act(() => deleteBatch(spare));
    expect((await o.sync()).state).toBe('idle');
    expect(await o.db.batches.get(spare.id)).toBeUndefined();
    expect(await o.act(() => needsAttention())).toEqual([]);
    const row = server.db.prepare('SELECT deleted FROM rows WHERE id = ?').get(spare.id);
    expect(row).toEqual({ deleted: 1 });
  });
});
