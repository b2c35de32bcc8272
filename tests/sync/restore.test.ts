// A server restored from a backup has forgotten mutations a device already saw acked.
// The device keeps acked rows for days so it can replay them (sync-protocol.md, "Client").
// The real server is stopped and started again on a real SQLite backup, on the same port.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pendingCount } from '#db/outbox';
import { cancelParticipant } from '#db/participants';
import { startTestServer, type TestServer } from '#tests/support/server';
import { checkIns, serverCounts, staffDevice, REAL_PARTS } from '#tests/sync/edge';
import { fixture } from '#tests/support/fixture';

let server: TestServer;
const dirs: string[] = [];
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await server.stop();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A consistent copy of the server's SQLite file, as an operator's backup job makes it. */
async function backup(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'hadir-backup-'));
  dirs.push(dir);
  await server.db.backup(join(dir, 'hadir.sqlite'));
  return dir;
}

/** Stop the server and start it again on the backup, at the same address. */
async function restore(dir: string): Promise<void> {
  const { port } = server;
  await server.stop();
  server = await startTestServer({ dataDir: dir, port });
}

const person = fixture.people[5]!;

describe('a server restored from a backup', REAL_PARTS, () => {
  it('the device replays its acked rows when it next pushes', async () => {
    const device = await staffDevice(server, 'restore');
    const saved = await backup();
    const before = await device.act(() => checkIns(person.id, 2));
    expect(await device.sync()).toMatchObject({ state: 'idle', pushed: 2 });

    await restore(saved);
    expect(serverCounts(server, 'checkins', [before[0]!.id, before[1]!.id])).toEqual([0, 0]);
    const [after] = await device.act(() => checkIns(person.id, 1));
    expect(await device.sync()).toMatchObject({ state: 'idle', pushed: 3 });

    expect(await device.act(pendingCount)).toBe(0);
    const ids = [...before, after!].map((c) => c.id);
    expect(serverCounts(server, 'checkins', ids)).toEqual([1, 1, 1]);
  });

  // The pull's lastProcessedSeq reveals a restored server even with nothing pending.
  it('a device with nothing pending replays its acked rows on its next sync', async () => {
    const device = await staffDevice(server, 'restore-idle');
    const saved = await backup();
    const before = await device.act(() => checkIns(person.id, 2));
    expect(await device.sync()).toMatchObject({ state: 'idle', pushed: 2 });

    await restore(saved);
    expect(await device.sync()).toMatchObject({ state: 'idle' });

    expect(
      serverCounts(
        server,
        'checkins',
        before.map((c) => c.id),
      ),
    ).toEqual([1, 1]);
  });

  // Refused seqs in the replayed range are resent too, or the restored server would stop
  // at their gap.
  it('a rejected seq inside the replayed range does not block the replay', async () => {
    const device = await staffDevice(server, 'restore-rejected');
    const saved = await backup();
    const [first] = await device.act(() => checkIns(person.id, 1));
    await device.act(() => cancelParticipant(person.id, 'staff may not cancel')); // rejected
    const [third] = await device.act(() => checkIns(person.id, 1));
    expect(await device.sync()).toMatchObject({ state: 'idle', pushed: 3 });

    await restore(saved);
    const [fourth] = await device.act(() => checkIns(person.id, 1));
    const run = await device.sync();

    expect(run).toMatchObject({ state: 'idle' });
    expect(serverCounts(server, 'checkins', [first!.id, third!.id, fourth!.id])).toEqual([1, 1, 1]);
  });
});
