// Fault 19 on the device: an expired token and a revoked device stop syncing without
// losing the queue (the real engine, Dexie and server; the server's clock is not touched,
// the token's expiry is moved into the past instead).
import { describe, expect, it } from 'vitest';
import { pendingCount } from '#db/outbox';
import { exportOutbox, getEnrollment } from '#sync/local';
import { revokeDevice } from '#server/auth';
import {
  checkIns,
  networkFailure,
  pushStatuses,
  serverCounts,
  staffDevice,
  Wire,
  REAL_PARTS,
  useTestServer,
} from '#tests/sync/edge';
import { fixture } from '#tests/support/fixture';

const server = useTestServer();

const person = fixture.people[0]!;

describe('fault 19: expired token and revoked device', REAL_PARTS, () => {
  it('fault 19: an expired token stops with "unauthenticated", keeps the queue, and a new enrolment drains it', async () => {
    const wire = new Wire();
    const device = await staffDevice(server, 'f19-expired', wire);
    const { deviceId } = (await device.act(getEnrollment))!;
    server.db
      .prepare("UPDATE devices SET expires_at = '2000-01-01T00:00:00.000Z' WHERE id = ?")
      .run(deviceId);
    const made = await device.act(() => checkIns(person.id, 3));

    expect(await device.sync()).toMatchObject({ state: 'unauthenticated', retry: false });
    expect(device.engine.status.lastError).toBe('UNAUTHENTICATED');
    expect(wire.to('/sync/push').map((e) => e.status)).toEqual([401]);
    expect(await device.act(pendingCount)).toBe(3);

    // Syncing stays stopped until the device enrols again: no more requests.
    expect(await device.sync()).toMatchObject({ state: 'unauthenticated', retry: false });
    expect(wire.to('/sync/push')).toHaveLength(1);

    await device.enroll(server.code('staff'));
    expect(await device.sync()).toMatchObject({ state: 'idle', pushed: 3 });
    expect(await device.act(pendingCount)).toBe(0);
    expect(
      serverCounts(
        server,
        'checkins',
        made.map((c) => c.id),
      ),
    ).toEqual([1, 1, 1]);
  });

  it('fault 19: enrolling again goes on with the same sequence: a push whose answer was lost is not applied twice', async () => {
    // The answer to the first push never arrives (the server committed it).
    const wire = new Wire(async (req, forward) => {
      if (req.path === '/sync/push' && req.nth === 1) {
        await forward();
        throw networkFailure();
      }
      return forward();
    });
    const device = await staffDevice(server, 'f19-lost-answer', wire);
    const made = await device.act(() => checkIns(person.id, 2));
    expect(await device.sync()).toMatchObject({ state: 'offline' });
    expect(await device.act(pendingCount)).toBe(2);
    const before = (await device.act(getEnrollment))!;
    // The organiser revokes the tablet and gives it a new code.
    revokeDevice(server.db, before.deviceId);
    await device.enroll(server.code('staff'));
    const after = (await device.act(getEnrollment))!;
    expect(after.deviceId).not.toBe(before.deviceId);

    expect(await device.sync()).toMatchObject({ state: 'idle' });
    expect(pushStatuses(wire.to('/sync/push').at(-1))).toEqual(['duplicate', 'duplicate']);
    expect(await device.act(pendingCount)).toBe(0);
    expect(
      serverCounts(
        server,
        'checkins',
        made.map((c) => c.id),
      ),
    ).toEqual([1, 1]);
    const enroll = wire.to('/devices/enroll').at(-1)!;
    expect(enroll.body.deviceInfo).toMatchObject({ nextSeq: 1 });
  });

  it('fault 19: a revoked device stops with "revoked", keeps its outbox and can export it', async () => {
    const wire = new Wire();
    const device = await staffDevice(server, 'f19-revoked', wire);
    const made = await device.act(() => checkIns(person.id, 2));
    const { deviceId } = (await device.act(getEnrollment))!;
    expect(revokeDevice(server.db, deviceId)).toBe(true);

    expect(await device.sync()).toMatchObject({ state: 'revoked', retry: false });
    expect(device.engine.status.lastError).toBe('DEVICE_REVOKED');
    expect(await device.sync()).toMatchObject({ state: 'revoked', retry: false });
    expect(wire.to('/sync/push')).toHaveLength(1); // it stopped syncing
    expect(await device.act(pendingCount)).toBe(2);
    expect(
      serverCounts(
        server,
        'checkins',
        made.map((c) => c.id),
      ),
    ).toEqual([0, 0]);

    const exported = JSON.parse(await device.act(exportOutbox)) as {
      deviceId: string;
      mutations: { seq: number; status: string; name: string; args: { checkinId: string } }[];
    };
    expect(exported.deviceId).toBe(deviceId);
    const pending = exported.mutations.filter((m) => m.status === 'pending');
    expect(pending.map((m) => [m.seq, m.name, m.args.checkinId])).toEqual(
      made.map((c, i) => [i + 1, 'checkin.record', c.id]),
    );
  });
});
