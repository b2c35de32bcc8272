// Fault 13 on the device: two tabs and the service worker flush one device's outbox at
// once. With Web Locks (an in-memory LockManager shared by the engines, the browser edge)
// only one sends; without them, the server's per-device seq deduplicates the double send.
import { describe, expect, it } from 'vitest';
import { clientId } from '#db/meta';
import { pendingCount } from '#db/outbox';
import {
  checkIns,
  engineFor,
  freshView,
  MemoryLocks,
  processed,
  pushStatuses,
  serverCounts,
  staffDevice,
  Wire,
  REAL_PARTS,
  useTestServer,
} from '#tests/sync/edge';
import { fixture } from '#tests/support/fixture';

const server = useTestServer();

const person = fixture.people[1]!;

describe('fault 13: two tabs plus the service worker flushing at once', REAL_PARTS, () => {
  it('a run asked for by the server’s “pull now” waits for another tab’s run instead of skipping', async () => {
    const device = await staffDevice(server, 'f13-live');
    const locks = new MemoryLocks();
    const wire = new Wire();
    const [tab1, tab2] = [1, 2].map(() => engineFor(server, wire, { locks }));
    await device.act(async () => {
      // An ordinary trigger while another tab runs is skipped: that tab's run will do.
      await Promise.all([tab1!.once(), tab2!.once()]);
      expect(wire.to('/sync/pull')).toHaveLength(1);
      // A poke is not: the other tab's pull may have been answered before the news.
      await Promise.all([tab1!.once(), tab2!.once(true)]);
      expect(wire.to('/sync/pull')).toHaveLength(3);
      expect(wire.maxInFlight('/sync/pull')).toBe(1);
    });
  });

  it('fault 13: with Web Locks only one engine pushes at a time; a call during a run gets one follow-up', async () => {
    const device = await staffDevice(server, 'f13-locks');
    const made = await device.act(() => checkIns(person.id, 5));
    const locks = new MemoryLocks();
    const wire = new Wire();
    const [tab1, tab2, worker] = [1, 2, 3].map(() => engineFor(server, wire, { locks }));

    const results = await device.act(() =>
      Promise.all([tab1!, tab1!, tab2!, tab2!, worker!, worker!].map((e) => e.once())),
    );

    // One run sends everything; no two runs ever overlap; the other tabs were refused the
    // lock, and each tab's second caller got a follow-up run that found nothing to send.
    expect(wire.to('/sync/push')).toHaveLength(1);
    expect(wire.maxInFlight('/sync/push')).toBe(1);
    expect(wire.maxInFlight('/sync/pull')).toBe(1);
    expect(locks.denied).toBeGreaterThanOrEqual(2);
    expect(results[0]).toMatchObject({ state: 'idle', pushed: 5 });
    expect(results.slice(1).map((r) => r.pushed)).toEqual([0, 0, 0, 0, 0]);
    expect(await device.act(pendingCount)).toBe(0);

    // The lock is free again: the next tab to ask gets it and finds nothing to send.
    const granted = locks.granted;
    expect(await device.act(() => tab2!.once())).toMatchObject({ state: 'idle', pushed: 0 });
    expect(locks.granted).toBe(granted + 1);
    expect(wire.to('/sync/push')).toHaveLength(1);
    expect(
      serverCounts(
        server,
        'checkins',
        made.map((c) => c.id),
      ),
    ).toEqual([1, 1, 1, 1, 1]);
  });

  it('fault 13: without Web Locks both tabs send the same rows and the server deduplicates them', async () => {
    const device = await staffDevice(server, 'f13-nolocks');
    const made = await device.act(() => checkIns(person.id, 4));
    // Hold the first push until the second arrives, so both tabs surely send the same rows.
    let release!: () => void;
    const bothSent = new Promise<void>((resolve) => (release = resolve));
    const wire = new Wire(async (req, forward) => {
      if (req.path === '/sync/push' && req.nth <= 2) {
        if (req.nth === 2) release();
        await bothSent;
      }
      return forward();
    });
    const [tab1, tab2] = [1, 2].map(() => engineFor(server, wire, { locks: null }));

    const results = await device.act(() => Promise.all([tab1!.once(), tab2!.once()]));

    const pushes = wire.to('/sync/push');
    expect(pushes).toHaveLength(2);
    expect(pushes[0]!.body.mutations).toEqual(pushes[1]!.body.mutations);
    const statuses = pushes.map(pushStatuses).sort();
    expect(statuses).toEqual([Array(4).fill('applied'), Array(4).fill('duplicate')]);
    expect(results.map((r) => r.state)).toEqual(['idle', 'idle']);
    expect(results.map((r) => r.pushed).sort()).toEqual([0, 4]);
    expect(await device.act(pendingCount)).toBe(0);

    const id = await device.act(clientId);
    expect(processed(server, id).map((m) => m.seq)).toEqual([1, 2, 3, 4]);
    const ids = made.map((c) => c.id);
    expect(serverCounts(server, 'checkins', ids)).toEqual([1, 1, 1, 1]);
    const view = await freshView(server);
    expect(await view.act(() => view.db.checkins.where('id').anyOf(ids).count())).toBe(4);
  });
});
