// @vitest-environment jsdom
// Undo at the desk over the real server: a held check-in is not sent, nor anything after
// it; an undo closes the seq gap so the server takes the rest in order; a check-in whose
// hold ends is sent by the scheduler on its own, soon after, not at the next periodic pull.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEMO_EVENT_ID, demoParticipants } from '#domain/demo';
import { recordCheckin, undoCheckin } from '#db/checkins';
import { clientId } from '#db/meta';
import { pendingCount } from '#db/outbox';
import { SyncScheduler } from '#sync/scheduler';
import { processed, REAL_PARTS, serverCounts, staffDevice, useTestServer } from '#tests/sync/edge';

const server = useTestServer();
let stopScheduler: (() => void) | undefined;
afterEach(() => stopScheduler?.());

const checkIn = (i: number, holdMs?: number) =>
  recordCheckin({
    eventId: DEMO_EVENT_ID,
    participantId: demoParticipants[i]!.id,
    method: 'search',
    timezone: 'Asia/Makassar',
    ...(holdMs ? { holdMs } : {}),
  });

describe('undo of a desk check-in', REAL_PARTS, () => {
  it('sends nothing from the held row on; after an undo the rest goes out with no gap', async () => {
    const device = await staffDevice(server, 'undo');
    await device.act(async () => {
      const first = await checkIn(0);
      const wrong = await checkIn(1, 60_000);
      const next = await checkIn(2);
      expect(await device.engine.once()).toMatchObject({ state: 'idle', pushed: 1 });
      expect(serverCounts(server, 'checkins', [first.id, wrong.id, next.id])).toEqual([1, 0, 0]);
      expect(await pendingCount()).toBe(2);

      expect(await undoCheckin(wrong.id)).toBe(true);
      expect(await device.engine.once()).toMatchObject({ state: 'idle', pushed: 1 });
      expect(serverCounts(server, 'checkins', [first.id, wrong.id, next.id])).toEqual([1, 0, 1]);
      expect(processed(server, await clientId())).toEqual([
        { seq: 1, status: 'applied' },
        { seq: 2, status: 'applied' },
      ]);
      expect(await pendingCount()).toBe(0);
    });
  });

  it('the scheduler sends a held check-in as soon as its hold ends', async () => {
    const device = await staffDevice(server, 'undo-late');
    const c = await device.act(() => checkIn(3, 2_000));
    const scheduler = new SyncScheduler(device.engine, {
      pullIntervalMs: 3600_000,
      writeDebounceMs: 3600_000,
    });
    stopScheduler = scheduler.start();
    // The run at start finds the row held and sends nothing…
    await vi.waitFor(() => expect(device.engine.status.state).toBe('idle'));
    expect(await pendingCount()).toBe(1);
    // …and the next run comes when the hold ends (the periodic pull is an hour away).
    await vi.waitFor(async () => expect(await pendingCount()).toBe(0), { timeout: 10_000 });
    expect(serverCounts(server, 'checkins', [c.id])).toEqual([1]);
  });
});
