// Registrations that merge, pending edits rebased over pulled rows, and refused changes
// that wait for a person: the real engine and Dexie against the real server.
import { describe, expect, it } from 'vitest';
import { pendingCount } from '#db/outbox';
import { cancelParticipant, patchParticipant, registerParticipant } from '#db/participants';
import { dismiss, needsAttention, retry } from '#sync/local';
import { participant } from '#tests/support/factories';
import type { TestDevice } from '#tests/support/device';
import {
  checkIns,
  freshView,
  pushStatuses,
  staffDevice,
  uniqueNip,
  Wire,
  REAL_PARTS,
  useTestServer,
} from '#tests/sync/edge';
import { fixture } from '#tests/support/fixture';

const server = useTestServer();

/** What a device holds for one NIP: its participant rows and where its check-ins point. */
async function holdings(device: TestDevice, nip: string, checkinIds: string[]) {
  return device.act(async () => ({
    participants: (await device.db.participants.filter((p) => p.nip === nip).toArray()).map(
      (p) => p.id,
    ),
    checkins: (await device.db.checkins.bulkGet(checkinIds)).map((c) => c?.participantId),
  }));
}

describe('merged registrations (fault 10)', REAL_PARTS, () => {
  it('fault 10: the same NIP registered on two offline devices ends as one participant plus an alias', async () => {
    const nip = uniqueNip();
    const a = await staffDevice(server, 'f10a');
    const wireB = new Wire();
    const b = await staffDevice(server, 'f10b', wireB);
    const first = participant({ nip, source: 'walkin', fullName: 'Rina Marlina, S.IP.' });
    const second = participant({ nip, source: 'walkin', fullName: 'Rina Marlina' });

    // Both offline: each desk registers the same person and B checks her in at once.
    await a.act(() => registerParticipant(first));
    const [offline] = await b.act(async () => {
      await registerParticipant(second);
      return checkIns(second.id, 1);
    });

    expect((await a.sync()).state).toBe('idle');
    expect((await b.sync()).state).toBe('idle');
    const results = (wireB.to('/sync/push')[0]!.json as { results: unknown[] }).results;
    expect(results[0]).toMatchObject({ status: 'merged', canonicalId: first.id });
    const registered = await b.act(() => b.db.outbox.get(1));
    expect(registered).toMatchObject({
      status: 'acked',
      result: { status: 'merged', canonicalId: first.id },
    });

    // Later, B scans the ticket it printed for its own (now alias) id.
    const [later] = await b.act(() => checkIns(second.id, 1));
    expect(later!.participantId).toBe(first.id); // the pulled alias re-points locally
    await b.sync();
    await a.sync();

    const ids = [offline!.id, later!.id];
    const expected = { participants: [first.id], checkins: [first.id, first.id] };
    expect(await holdings(a, nip, ids)).toEqual(expected);
    expect(await holdings(b, nip, ids)).toEqual(expected);
    expect(await b.act(() => b.db.participants.get(second.id))).toBeUndefined();
    expect(await a.act(() => a.db.aliases.get(second.id))).toMatchObject({
      canonicalId: first.id,
    });
    // The server stored the later check-in, sent for the alias, on the canonical person.
    const view = await freshView(server);
    expect(await holdings(view, nip, ids)).toEqual(expected);
  });
});

describe('rebase: pending work stays on top of pulled rows', REAL_PARTS, () => {
  it('a pending participant.patch survives a pull that brings the server’s older row', async () => {
    const person = fixture.people[2]!;
    let editDuringPull = false;
    const wireA = new Wire(async (req, forward) => {
      if (req.path === '/sync/pull' && editDuringPull) {
        // The person edits while the sync is between its push and its pull.
        editDuringPull = false;
        await patchParticipant(person.id, { institution: 'Perpustakaan Daerah Baru' });
      }
      return forward();
    });
    const a = await staffDevice(server, 'rebase-a', wireA);
    const b = await staffDevice(server, 'rebase-b');
    await a.sync();
    await b.sync();
    // Meanwhile the server's row changes in another field (a newer version for A to pull).
    await b.act(() => patchParticipant(person.id, { phone: '+6281399990000' }));
    expect(await b.sync()).toMatchObject({ state: 'idle', pushed: 1 });

    editDuringPull = true;
    const run = await a.sync();

    expect(run).toMatchObject({ state: 'idle', pushed: 0 });
    const pulledRow = (wireA.to('/sync/pull').at(-1)!.json as { changes: { id: string }[] })
      .changes;
    expect(pulledRow.map((c) => c.id)).toContain(person.id); // the pull did bring the row
    await a.act(async () => {
      expect(await pendingCount()).toBe(1);
      expect(await a.db.participants.get(person.id)).toMatchObject({
        institution: 'Perpustakaan Daerah Baru', // the pending patch, on top
        phone: '+6281399990000', // the server's change underneath
      });
    });

    expect(await a.sync()).toMatchObject({ state: 'idle', pushed: 1 });
    expect(await a.act(pendingCount)).toBe(0);
    expect(await a.act(() => a.db.participants.get(person.id))).toMatchObject({
      institution: 'Perpustakaan Daerah Baru',
      phone: '+6281399990000',
    });
    await b.sync();
    expect(await b.act(() => b.db.participants.get(person.id))).toMatchObject({
      institution: 'Perpustakaan Daerah Baru',
      phone: '+6281399990000',
    });
  });
});

describe('needs attention: a refused change waits for a person', REAL_PARTS, () => {
  it('a rejected participant.cancel is listed with its code; retry sends it as a new seq; dismiss clears it', async () => {
    const person = fixture.people[3]!;
    const wire = new Wire();
    const device = await staffDevice(server, 'attention', wire);
    await device.sync();
    await device.act(() => cancelParticipant(person.id, 'Tidak jadi hadir'));

    expect(await device.sync()).toMatchObject({ state: 'idle' });
    expect(pushStatuses(wire.to('/sync/push')[0])).toEqual(['rejected']);
    const [refused] = await device.act(needsAttention);
    expect(refused).toMatchObject({
      seq: 1,
      name: 'participant.cancel',
      status: 'rejected',
      error: { code: 'FORBIDDEN' },
    });

    await device.act(() => retry(1));
    await device.act(async () => {
      expect(await needsAttention()).toEqual([]);
      expect(await pendingCount()).toBe(1);
      expect((await device.db.outbox.get(2))?.args).toEqual(refused!.args);
    });
    expect(await device.sync()).toMatchObject({ state: 'idle' });
    const pushes = wire.to('/sync/push');
    expect(pushes.at(-1)!.body.mutations).toMatchObject([{ seq: 2, name: 'participant.cancel' }]);
    const again = await device.act(needsAttention);
    expect(again).toMatchObject([{ seq: 2, status: 'rejected', error: { code: 'FORBIDDEN' } }]);

    await device.act(() => dismiss(2));
    expect(await device.act(needsAttention)).toEqual([]);
    expect(await device.act(() => device.db.outbox.get(2))).toMatchObject({
      status: 'dismissed',
    });
  });

  // A refused change's local effect, applied when it was recorded, must not stay behind:
  // the server's row is unchanged, so only a resync rewrites it.
  it('a refused change does not leave its local effect behind (the device converges)', async () => {
    const person = fixture.people[4]!;
    const device = await staffDevice(server, 'attention-local', new Wire());
    await device.sync();
    await device.act(() => cancelParticipant(person.id, 'Tidak jadi hadir'));
    await device.sync();
    await device.act(() => dismiss(1));
    await device.sync();

    const view = await freshView(server);
    const serverStatus = await view.act(async () => (await view.db.participants.get(person.id))!);
    expect(serverStatus.status).toBe('registered');
    expect((await device.act(() => device.db.participants.get(person.id)))!.status).toBe(
      serverStatus.status,
    );
  });
});
