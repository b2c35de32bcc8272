// @vitest-environment jsdom
// Undo at the desk over the real server: a check-in leaves the tablet at once (nothing is
// held back for an undo); the undo is a checkin.void of its own that follows it, takes it
// off every device and keeps it in the server's audit; a desk takes back only its own.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { recordCheckin, undoCheckin } from '#db/checkins';
import { db } from '#db/database';
import { clientId, getMeta } from '#db/meta';
import { commit, pendingCount } from '#db/outbox';
import { getRow } from '#server/store/rows';
import { checkinVoidsOf } from '#server/store/people';
import { SyncScheduler } from '#sync/scheduler';
import { processed, REAL_PARTS, staffDevice, useTestServer, Wire } from '#tests/sync/edge';
import { FIXTURE_EVENT_ID, fixture } from '#tests/support/fixture';

const server = useTestServer();
let stopScheduler: (() => void) | undefined;
afterEach(() => stopScheduler?.());

const checkIn = (i: number) =>
  recordCheckin({
    eventId: FIXTURE_EVENT_ID,
    participantId: fixture.people[i]!.id,
    method: 'search',
    timezone: 'Asia/Makassar',
  });

const live = (id: string) => getRow(server.db, 'checkins', id) !== undefined;

describe('undo of a desk check-in', REAL_PARTS, () => {
  it('the check-in goes at once; the void takes it off the server and the other desk, into the audit', async () => {
    const desk = await staffDevice(server, 'undo');
    const other = await staffDevice(server, 'undo-other');
    const [first, wrong] = await desk.act(async () => [await checkIn(0), await checkIn(1)]);
    await desk.act(async () => {
      expect(await desk.engine.once()).toMatchObject({ state: 'idle', pushed: 2 });
    });
    expect([live(first.id), live(wrong.id)]).toEqual([true, true]);
    await other.act(async () => {
      await other.sync();
      expect(await db().checkins.get(wrong.id)).toBeDefined();
    });

    await desk.act(async () => {
      expect(await undoCheckin(wrong.id)).toBe(true);
      expect(await desk.engine.once()).toMatchObject({ state: 'idle', pushed: 1 });
      expect(processed(server, await clientId())).toEqual([
        { seq: 1, status: 'applied' },
        { seq: 2, status: 'applied' },
        { seq: 3, status: 'applied' },
      ]);
      expect(await pendingCount()).toBe(0);
    });
    expect([live(first.id), live(wrong.id)]).toEqual([true, false]);
    const audit = checkinVoidsOf(server.db, FIXTURE_EVENT_ID);
    expect(audit.map((v) => [v.checkinId, v.participantId])).toEqual([
      [wrong.id, fixture.people[1]!.id],
    ]);
    expect(audit[0]!.data).toMatchObject({ id: wrong.id, method: 'search' });
    await other.act(async () => {
      await other.sync();
      expect(await db().checkins.get(wrong.id)).toBeUndefined();
      expect(await db().checkins.get(first.id)).toBeDefined();
    });
  });

  it('a desk cannot take back another desk’s check-in; the refusal puts it back on its screen', async () => {
    const desk = await staffDevice(server, 'undo-own');
    const other = await staffDevice(server, 'undo-thief');
    const c = await desk.act(() => checkIn(2));
    await desk.act(() => desk.engine.once());
    await other.act(async () => {
      await other.sync();
      const at = new Date().toISOString();
      await commit('checkin.void', { checkinId: c.id, eventId: FIXTURE_EVENT_ID, at });
      expect(await db().checkins.get(c.id)).toBeUndefined();
      await other.sync();
      // Refused: the snapshot that follows brings the check-in back.
      await other.sync();
      expect(await db().checkins.get(c.id)).toBeDefined();
      const [refused] = await db().outbox.where('status').equals('rejected').toArray();
      expect(refused?.error?.code).toBe('FORBIDDEN');
    });
    expect(live(c.id)).toBe(true);
  });

  it('the scheduler sends a check-in within moments of the tap, not at the next periodic pull', async () => {
    const desk = await staffDevice(server, 'undo-soon');
    const scheduler = new SyncScheduler(desk.engine, { pullIntervalMs: 3600_000 });
    await desk.act(async () => {
      stopScheduler = scheduler.start();
      await vi.waitFor(() => expect(desk.engine.status.state).toBe('idle'));
      const c = await checkIn(3);
      await vi.waitFor(async () => expect(await pendingCount()).toBe(0), { timeout: 3_000 });
      expect(live(c.id)).toBe(true);
    });
  });

  it('taking back a check-in the server refused settles quietly, without a full re-download', async () => {
    const wire = new Wire();
    const desk = await staffDevice(server, 'undo-refused', wire);
    await desk.act(async () => {
      await desk.engine.once();
      const pulls = wire.to('/sync/pull').length;
      const c = await recordCheckin({
        eventId: FIXTURE_EVENT_ID,
        participantId: 'no-such-participant',
        method: 'search',
        timezone: 'Asia/Makassar',
      });
      expect(await undoCheckin(c.id)).toBe(true);
      await desk.engine.once();
      const rows = await db().outbox.orderBy('seq').toArray();
      expect(rows.map((r) => [r.name, r.status, r.error?.code])).toEqual([
        ['checkin.record', 'rejected', 'NOT_FOUND'],
        ['checkin.void', 'rejected', 'NOT_FOUND'],
      ]);
      // The pull after the refusals went on from its cursor: no snapshot of everything.
      const after = wire.to('/sync/pull').slice(pulls);
      expect(after.length).toBeGreaterThan(0);
      for (const p of after) expect(p.body.cursor).not.toBeNull();
      expect(await getMeta('cursor')).not.toBeNull();
    });
  });
});
