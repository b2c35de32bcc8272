// Pushes that arrive together are committed together (push-group.ts): each is applied as
// alone (in order, exactly once), one refused request is refused alone, and none is
// answered before its group is on disk. A real SQLite file; devices made by the server.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEnrollCode, enroll, serverSecret, type Device } from '#server/auth';
import { HttpError } from '#server/errors';
import { PushGroups } from '#server/push-group';
import { openDatabase, type Db } from '#server/store/database';
import { rowsOfEvent } from '#server/store/rows';
import { PROTOCOL_VERSION, type PushRequest } from '#sync/protocol';
import { checkin, hlcAt } from '#tests/support/drafts';
import { fixture, FIXTURE_EVENT_ID, seedFixture } from '#tests/support/fixture';
import { tempDataDir } from '#tests/support/server';

const open: Db[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
  vi.restoreAllMocks();
});

function setUp() {
  const dir = tempDataDir();
  const db = openDatabase(dir);
  open.push(db);
  seedFixture(db);
  const desk = (n: number) => {
    const code = createEnrollCode(db, { role: 'staff', eventId: FIXTURE_EVENT_ID }).code;
    return enroll(db, code, { clientId: `desk-${n}` })!.device;
  };
  return { dir, db, desk, groups: new PushGroups(db, serverSecret(db)) };
}

/** A desk's push of `count` check-ins, numbered from `from`. */
function pushOf(device: Device, count: number, from = 1): PushRequest {
  const wall = Date.now();
  return {
    protocolVersion: PROTOCOL_VERSION,
    schemaVersion: 0,
    clientId: device.clientId!,
    mutations: Array.from({ length: count }, (_, i) => {
      const { name, args } = checkin(fixture.people[i % fixture.people.length]!.id);
      return {
        seq: from + i,
        id: crypto.randomUUID(),
        name,
        args,
        hlc: hlcAt(device.clientId!, wall, i),
        createdAt: new Date(wall).toISOString(),
      };
    }),
  };
}

describe('pushes committed together', () => {
  it('applies every push of a group exactly once, in one transaction', async () => {
    const { db, desk, groups } = setUp();
    const desks = Array.from({ length: 10 }, (_, n) => desk(n));
    const transactions = vi.spyOn(db, 'transaction');
    const answers = await Promise.all(desks.map((d) => groups.push(d, pushOf(d, 5))));
    for (const a of answers) {
      expect(a.status).toBe(200);
      expect(a.body.lastProcessedSeq).toBe(5);
      expect(a.body.results.map((r) => r.status)).toEqual(Array(5).fill('applied'));
    }
    expect(rowsOfEvent(db, FIXTURE_EVENT_ID, 'checkins')).toHaveLength(50);
    // One for the group; each push makes its own two (its run and its per-mutation
    // savepoint), nested in the group's.
    expect(transactions).toHaveBeenCalledTimes(1 + 2 * desks.length);
  });

  it('answers only once the group is committed: another connection sees it all', async () => {
    const { dir, desk, groups } = setUp();
    const [a, b] = [desk(1), desk(2)];
    const other = openDatabase(dir);
    open.push(other);
    const first = groups.push(a, pushOf(a, 3));
    const second = groups.push(b, pushOf(b, 4));
    await first;
    expect(rowsOfEvent(other, FIXTURE_EVENT_ID, 'checkins')).toHaveLength(7);
    await second;
  });

  it('refuses one device’s bad request alone; the rest of the group is applied', async () => {
    const { db, desk, groups } = setUp();
    const [a, b, c] = [desk(1), desk(2), desk(3)];
    const stolen = { ...pushOf(b, 2), clientId: a.clientId! }; // b names a's id
    const results = await Promise.allSettled([
      groups.push(a, pushOf(a, 2)),
      groups.push(b, stolen),
      groups.push(c, pushOf(c, 2)),
    ]);
    expect(results[0]).toMatchObject({ status: 'fulfilled', value: { status: 200 } });
    expect(results[1]).toMatchObject({ status: 'rejected' });
    expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(HttpError);
    expect(results[2]).toMatchObject({ status: 'fulfilled', value: { status: 200 } });
    expect(rowsOfEvent(db, FIXTURE_EVENT_ID, 'checkins')).toHaveLength(4);
  });

  it('keeps a device’s own pushes in order within a group, and a resend a duplicate', async () => {
    const { db, desk, groups } = setUp();
    const a = desk(1);
    const first = pushOf(a, 3);
    const [one, two, again] = await Promise.all([
      groups.push(a, first),
      groups.push(a, pushOf(a, 2, 4)),
      groups.push(a, first),
    ]);
    expect(one.body.lastProcessedSeq).toBe(3);
    expect(two.body.lastProcessedSeq).toBe(5);
    expect(again.body.results.map((r) => r.status)).toEqual(Array(3).fill('duplicate'));
    expect(rowsOfEvent(db, FIXTURE_EVENT_ID, 'checkins')).toHaveLength(5);
  });

  it('splits a large arrival into several groups, each committed', async () => {
    const { db, desk, groups } = setUp();
    const desks = Array.from({ length: 15 }, (_, n) => desk(n));
    const transactions = vi.spyOn(db, 'transaction');
    const answers = await Promise.all(desks.map((d) => groups.push(d, pushOf(d, 200))));
    expect(answers.every((a) => a.body.lastProcessedSeq === 200)).toBe(true);
    expect(rowsOfEvent(db, FIXTURE_EVENT_ID, 'checkins')).toHaveLength(3_000);
    // 2,000 mutations a group at most: 10 pushes, then 5.
    expect(transactions).toHaveBeenCalledTimes(2 + 2 * desks.length);
  });
});
