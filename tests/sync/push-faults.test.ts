// Client-side fault cases of the push (sync-protocol.md, "Fault cases"; fault 9 is in
// clock.test.ts): the real engine, Dexie on fake-indexeddb and the real server over HTTP;
// only the network edge misbehaves.
import { describe, expect, it } from 'vitest';
import { clientId } from '#db/meta';
import { MAX_MUTATION_BYTES, pendingCount } from '#db/outbox';
import { patchParticipant } from '#db/participants';
import {
  checkIns,
  engineFor,
  errorResponse,
  freshView,
  networkFailure,
  never,
  processed,
  pushStatuses,
  pushedSeqs,
  serverCounts,
  staffDevice,
  Wire,
  REAL_PARTS,
  useTestServer,
} from '#tests/sync/edge';
import { fixture } from '#tests/support/fixture';

const server = useTestServer();

const p1 = fixture.people[0]!;
const p2 = fixture.people[1]!;

describe('push fault cases (client side)', REAL_PARTS, () => {
  it('fault 5: a push the server refuses with 400 stops with an error and keeps the outbox intact', async () => {
    // A broken proxy reorders the batch, so the real server sees non-ascending seqs.
    let corrupt = true;
    const wire = new Wire(async (req, forward) => {
      if (req.path !== '/sync/push' || !corrupt) return forward();
      const mutations = [...(req.body.mutations as unknown[])].reverse();
      return forward(JSON.stringify({ ...req.body, mutations }));
    });
    const device = await staffDevice(server, 'f5', wire);
    await device.act(() => checkIns(p1.id, 3));
    const before = await device.act(() => device.db.outbox.toArray());

    const run = await device.sync();

    expect(wire.to('/sync/push')[0]).toMatchObject({ status: 400 });
    expect(run).toMatchObject({ state: 'error', retry: false, pushed: 0 });
    expect(device.engine.status.lastError).toBe('INVALID_REQUEST');
    expect(await device.act(() => device.db.outbox.toArray())).toEqual(before);
    expect(processed(server, await device.act(clientId))).toEqual([]);

    corrupt = false;
    expect(await device.sync()).toMatchObject({ state: 'idle', pushed: 3 });
    expect(await device.act(pendingCount)).toBe(0);
  });

  it('fault 12: a tab closed mid-push keeps its rows; the next start resends; no duplicates', async () => {
    const wire = new Wire(async (req, forward) => {
      if (req.path !== '/sync/push' || req.nth !== 1) return forward();
      // The request reaches the server and commits; the tab dies before the answer.
      await (await forward()).arrayBuffer();
      throw networkFailure();
    });
    const device = await staffDevice(server, 'f12', wire);
    const made = await device.act(() => checkIns(p1.id, 4));
    const id = await device.act(clientId);

    const run = await device.sync();

    expect(run).toMatchObject({ state: 'offline', retry: true });
    expect(processed(server, id)).toHaveLength(4); // the server did apply them
    const rows = await device.act(() => device.db.outbox.orderBy('seq').toArray());
    expect(rows.map((r) => r.status)).toEqual(['pending', 'pending', 'pending', 'pending']);

    // The app starts again: a new engine over the same database.
    const reopened = new Wire();
    const next = await device.act(() => engineFor(server, reopened).once());
    expect(next).toMatchObject({ state: 'idle', retry: false, pushed: 0 });
    expect(pushStatuses(reopened.to('/sync/push')[0])).toEqual(Array(4).fill('duplicate'));
    const after = await device.act(() => device.db.outbox.orderBy('seq').toArray());
    expect(after.map((r) => r.status)).toEqual(['acked', 'acked', 'acked', 'acked']);

    expect(processed(server, id).map((m) => m.seq)).toEqual([1, 2, 3, 4]);
    const view = await freshView(server);
    const ids = made.map((c) => c.id);
    const seen = await view.act(() => view.db.checkins.where('id').anyOf(ids).toArray());
    expect(seen.map((c) => c.id).sort()).toEqual([...ids].sort());
    expect(serverCounts(server, 'checkins', ids)).toEqual([1, 1, 1, 1]);
  });

  it('fault 12: a push that times out after the server committed is resent and answered duplicate', async () => {
    const wire = new Wire(async (req, forward) => {
      if (req.path !== '/sync/push' || req.nth !== 1) return forward();
      await (await forward()).arrayBuffer(); // committed; the answer is lost in the network
      return never(req.signal);
    });
    const device = await staffDevice(server, 'f12-timeout');
    const engine = engineFor(server, wire, { timeoutMs: 200 });
    const made = await device.act(() => checkIns(p2.id, 2));

    expect(await device.act(() => engine.once())).toMatchObject({ state: 'offline', retry: true });
    expect(engine.status.lastError).toBe('timeout');
    expect(await device.act(pendingCount)).toBe(2);

    expect(await device.act(() => engine.once())).toMatchObject({ state: 'idle', pushed: 0 });
    expect(pushStatuses(wire.to('/sync/push')[1])).toEqual(['duplicate', 'duplicate']);
    expect(await device.act(pendingCount)).toBe(0);
    expect(
      serverCounts(
        server,
        'checkins',
        made.map((c) => c.id),
      ),
    ).toEqual([1, 1]);
  });

  it(
    'fault 16: behind a proxy with a small body limit the client halves its batch; 300 check-ins arrive once',
    { timeout: 40_000 },
    async () => {
      const LIMIT = 20_000;
      const wire = new Wire(async (req, forward) =>
        req.path === '/sync/push' && req.raw.length > LIMIT
          ? errorResponse(413, 'PAYLOAD_TOO_LARGE', 'Request Entity Too Large')
          : forward(),
      );
      const device = await staffDevice(server, 'f16', wire);
      const made = await device.act(() => checkIns(p2.id, 300));

      const run = await device.sync();

      expect(run).toMatchObject({ state: 'idle', pushed: 300 });
      expect(await device.act(pendingCount)).toBe(0);
      const pushes = wire.to('/sync/push');
      const sizes = pushes.map((e) => pushedSeqs(e).length);
      expect(sizes[0]).toBe(200);
      expect(pushes.some((e) => e.status === 413)).toBe(true);
      pushes.forEach((e, i) => {
        if (e.status === 413) expect(sizes[i + 1]).toBe(Math.floor(sizes[i]! / 2));
        else expect(e.bytes).toBeLessThanOrEqual(LIMIT);
      });
      const accepted = pushes.filter((e) => e.status === 200).flatMap(pushedSeqs);
      expect(accepted).toEqual(Array.from({ length: 300 }, (_, i) => i + 1)); // each seq once

      const id = await device.act(clientId);
      expect(processed(server, id).filter((m) => m.status === 'applied')).toHaveLength(300);
      const counts = serverCounts(
        server,
        'checkins',
        made.map((c) => c.id),
      );
      expect(counts.every((n) => n === 1)).toBe(true);
    },
  );

  it('fault 16: one mutation over the size limit is refused at enqueue and nothing is written', async () => {
    const device = await staffDevice(server, 'f16b');
    await device.sync();
    const huge = 'x'.repeat(MAX_MUTATION_BYTES + 1);
    await device.act(async () => {
      await expect(patchParticipant(p1.id, { institution: huge })).rejects.toMatchObject({
        name: 'StorageError',
        kind: 'too_large',
      });
      expect(await device.db.outbox.count()).toBe(0);
      expect((await device.db.participants.get(p1.id))?.institution).toBe(p1.institution);
    });
  });

  it('fault 22: 503 twice keeps the outbox and asks for a retry; the third run succeeds', async () => {
    const wire = new Wire(async (req, forward) =>
      req.path === '/sync/push' && req.nth <= 2
        ? errorResponse(503, 'UNAVAILABLE', 'Service Unavailable')
        : forward(),
    );
    const device = await staffDevice(server, 'f22', wire);
    const made = await device.act(() => checkIns(p1.id, 2));

    for (let attempt = 1; attempt <= 2; attempt++) {
      const run = await device.sync();
      expect(run).toMatchObject({ state: 'error', retry: true, pushed: 0 });
      expect(device.engine.status).toMatchObject({ state: 'error', lastError: 'UNAVAILABLE' });
      expect(await device.act(pendingCount)).toBe(2);
    }

    expect(await device.sync()).toMatchObject({ state: 'idle', retry: false, pushed: 2 });
    expect(await device.act(pendingCount)).toBe(0);
    expect(
      serverCounts(
        server,
        'checkins',
        made.map((c) => c.id),
      ),
    ).toEqual([1, 1]);
  });
});
