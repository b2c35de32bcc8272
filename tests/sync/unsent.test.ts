// What the organiser's device list says a device has not sent, with the real engine,
// fake-indexeddb and the real server: after a sync it is what the device still holds (0
// once everything went; what a cut connection kept from the server counts), never what the
// push was delivering at that moment.
import { describe, expect, it } from 'vitest';
import { recordCheckin } from '#db/checkins';
import { pendingCount } from '#db/outbox';
import { getEnrollment } from '#sync/local';
import { networkFailure, REAL_PARTS, staffDevice, useTestServer, Wire } from '#tests/sync/edge';
import { FIXTURE_EVENT_ID, fixture } from '#tests/support/fixture';

const server = useTestServer();

const unsentOnServer = (deviceId: string) =>
  (server.db.prepare('SELECT unsent FROM devices WHERE id = ?').get(deviceId) as { unsent: number })
    .unsent;

describe('the unsent count a device reports', REAL_PARTS, () => {
  it('is what the device holds after the push settled, sent with the pull', async () => {
    const wire = new Wire();
    const desk = await staffDevice(server, 'unsent-desk', wire);
    const { deviceId } = (await desk.act(() => getEnrollment()))!;
    const checkIn = (i: number) =>
      desk.act(() =>
        recordCheckin({
          eventId: FIXTURE_EVENT_ID,
          participantId: fixture.people[i]!.id,
          method: 'search',
          timezone: 'Asia/Makassar',
        }),
      );
    await checkIn(0);
    await checkIn(1);
    expect((await desk.sync()).state).toBe('idle');
    expect(unsentOnServer(deviceId)).toBe(0);
    // The push carried its own count (2), the pull what was left (0).
    const last = (path: string) => wire.exchanges.filter((e) => e.path === path).at(-1)!;
    const push = last('/sync/push');
    const pull = last('/sync/pull');
    expect(push.body.unsent).toBe(2);
    expect(pull.body.unsent).toBe(0);

    // Two more; the next push delivers only the first (the rest of the body is lost on the
    // way) and then the connection drops: the list says 1, as the desk does.
    await checkIn(2);
    await checkIn(3);
    wire.intercept = async (req, forward) => {
      if (req.path !== '/sync/push') return forward();
      if (req.nth > 2) throw networkFailure();
      const mutations = (req.body.mutations as unknown[]).slice(0, 1);
      return forward(JSON.stringify({ ...req.body, mutations }));
    };
    expect((await desk.sync()).state).toBe('offline');
    expect(await desk.act(() => pendingCount())).toBe(1);
    expect(unsentOnServer(deviceId)).toBe(1);
  });
});
