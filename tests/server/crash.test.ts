// The server as a real child process (src/server/main.ts under tsx), killed and restarted
// on the same data directory, with the fault hooks of src/server/hooks.ts (sync-protocol.md,
// fault cases 2, 3, 22).
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { getMeta, openDatabase, type Db } from '#server/store/database';
import type { WireMutation } from '#sync/protocol';
import {
  checkin,
  countRows,
  deviceFor,
  enrollDevice,
  errorCode,
  killChildren,
  lastSeq,
  startChildServer,
  tempDataDir,
  withDb,
  type ChildServer,
  type TestDevice,
} from '#tests/server/support';
import { fixture } from '#tests/support/fixture';

let dataDir: string;
beforeEach(() => {
  dataDir = tempDataDir();
});
afterEach(async () => {
  await killChildren();
  rmSync(dataDir, { recursive: true, force: true });
});
afterAll(killChildren);

/** Enrol a staff device on a child server through its own database file. */
async function staffOn(child: ChildServer): Promise<TestDevice> {
  const db = openDatabase(dataDir);
  try {
    return await enrollDevice({ url: child.url, db }, 'staff');
  } finally {
    db.close();
  }
}

function checkins(device: TestDevice, n: number): WireMutation[] {
  return device.stamp(
    ...Array.from({ length: n }, (_, i) => checkin(fixture.people[i % fixture.people.length]!.id)),
  );
}

/** True while another connection (the child's push) holds the write transaction. */
function writerBusy(db: Db): boolean {
  try {
    db.prepare('BEGIN IMMEDIATE').run();
  } catch (e) {
    if ((e as { code?: string }).code === 'SQLITE_BUSY') return true;
    throw e;
  }
  db.prepare('ROLLBACK').run();
  return false;
}

const waitMs = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a server that dies', () => {
  it('fault 2: kill -9 mid-batch → nothing half-applied; the resend applies each exactly once', async () => {
    const slow = await startChildServer(dataDir, 'slow-apply:20');
    const staff = await staffOn(slow);
    const batch = checkins(staff, 200); // 200 × 20 ms: about 4 s inside one transaction
    const versionBefore = withDb(dataDir, (db) => getMeta(db, 'version'));

    const probe = openDatabase(dataDir);
    probe.pragma('busy_timeout = 0');
    let inFlight: Promise<unknown>;
    try {
      inFlight = staff.pushRaw(batch).then(
        () => 'answered',
        () => 'connection lost',
      );
      // Poll until the child holds the write lock, i.e. its transaction has begun…
      const deadline = Date.now() + 20_000;
      while (!writerBusy(probe)) {
        expect(Date.now(), 'the push never started its transaction').toBeLessThan(deadline);
        await waitMs(5);
      }
      // …then let it apply some of the batch (about 50 of 200) before killing it.
      await waitMs(1000);
      expect(writerBusy(probe)).toBe(true);
    } finally {
      probe.close();
    }
    await slow.kill();
    expect(await slow.exited).toBe('SIGKILL');
    expect(await inFlight).toBe('connection lost');

    // Nothing of that batch survived: no rows, no lastSeq, no version, no log entries.
    withDb(dataDir, (db) => {
      expect(countRows(db, 'checkins')).toBe(0);
      expect(lastSeq(db, staff.clientId)).toBe(0);
      expect(getMeta(db, 'version')).toBe(versionBefore);
      expect(db.prepare('SELECT count(*) AS n FROM mutations').get()).toEqual({ n: 0 });
    });

    const normal = await startChildServer(dataDir);
    const device = deviceFor(normal.url, staff);
    const before = await device.pull(null);
    expect(before.lastProcessedSeq).toBe(0);
    expect(before.changes.filter((c) => c.table === 'checkins')).toEqual([]);

    const resent = await device.push(batch);
    expect(resent.lastProcessedSeq).toBe(200);
    expect(resent.results.filter((r) => r.status === 'applied')).toHaveLength(200);
    const again = await device.push(batch);
    expect(again.results.every((r) => r.status === 'duplicate')).toBe(true);

    const { changes } = await device.pullAll(null);
    const ids = changes.filter((c) => c.table === 'checkins').map((c) => c.id);
    expect(ids).toHaveLength(200);
    expect(new Set(ids)).toEqual(
      new Set(batch.map((m) => (m.args as { checkinId: string }).checkinId)),
    );
  }, 60_000);

  it('fault 3: crash after commit, before the response → the resend comes back duplicate', async () => {
    const crashing = await startChildServer(dataDir, 'crash-after-commit');
    const staff = await staffOn(crashing);
    const batch = checkins(staff, 5);

    const reply = await staff.pushRaw(batch).then(
      () => 'answered',
      () => 'connection lost',
    );
    expect(reply).toBe('connection lost');
    expect(await crashing.exited).toBe(99);
    withDb(dataDir, (db) => {
      expect(countRows(db, 'checkins')).toBe(5); // committed before the crash
      expect(lastSeq(db, staff.clientId)).toBe(5);
    });

    const normal = await startChildServer(dataDir);
    const device = deviceFor(normal.url, staff);
    const res = await device.push(batch);
    expect(res.lastProcessedSeq).toBe(5);
    expect(res.results).toEqual(batch.map((m) => ({ seq: m.seq, status: 'duplicate' })));
    withDb(dataDir, (db) => expect(countRows(db, 'checkins')).toBe(5));
    expect((await device.pull(null)).lastProcessedSeq).toBe(5);
  }, 60_000);

  it('fault 22: a transient failure at seq 3 → 503 with lastProcessedSeq 2; after a restart the rest applies', async () => {
    const failing = await startChildServer(dataDir, 'fail-at-seq:3');
    const staff = await staffOn(failing);
    const batch = checkins(staff, 5);

    const reply = await staff.pushRaw(batch);
    expect(reply.status).toBe(503);
    expect(errorCode(reply)).toBe('UNAVAILABLE');
    expect(reply.json).toMatchObject({
      lastProcessedSeq: 2,
      results: [
        { seq: 1, status: 'applied' },
        { seq: 2, status: 'applied' },
      ],
    });
    // Still failing: the prefix is duplicate, seq 3 is not consumed.
    const still = await staff.pushRaw(batch.slice(2));
    expect(still.status).toBe(503);
    expect(still.json).toMatchObject({ lastProcessedSeq: 2, results: [] });
    withDb(dataDir, (db) => {
      expect(countRows(db, 'checkins')).toBe(2);
      expect(lastSeq(db, staff.clientId)).toBe(2);
    });

    await failing.kill();
    const normal = await startChildServer(dataDir);
    const device = deviceFor(normal.url, staff);
    const res = await device.push(batch.slice(2));
    expect(res.lastProcessedSeq).toBe(5);
    expect(res.results.map((r) => [r.seq, r.status])).toEqual([
      [3, 'applied'],
      [4, 'applied'],
      [5, 'applied'],
    ]);
    withDb(dataDir, (db) => expect(countRows(db, 'checkins')).toBe(5));
  }, 60_000);
});

describe('a server asked to stop', () => {
  it(
    'SIGTERM lets the push in flight finish, then exits 0 with the database closed',
    { timeout: 30_000 },
    async () => {
      const child = await startChildServer(dataDir, 'slow-apply:10');
      const staff = await staffOn(child);
      const inFlight = staff.push(checkins(staff, 40)); // ~400 ms inside one transaction
      const probe = openDatabase(dataDir);
      probe.pragma('busy_timeout = 0'); // ask, never wait: is the child inside its transaction?
      try {
        await expect.poll(() => writerBusy(probe), { timeout: 10_000, interval: 5 }).toBe(true);
      } finally {
        probe.close();
      }
      child.process.kill('SIGTERM');
      const reply = await inFlight;
      expect(reply.lastProcessedSeq).toBe(40);
      expect(await child.exited).toBe(0);
      // Closed cleanly: the last connection checkpointed the WAL into the main file.
      expect(existsSync(join(dataDir, 'hadir.sqlite-wal'))).toBe(false);
      withDb(dataDir, (db) => expect(countRows(db, 'checkins')).toBe(40));
    },
  );
});
