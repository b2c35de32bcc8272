import { beforeEach, describe, expect, it } from 'vitest';
import { firstCheckins, isRepeat } from '#domain/checkins';
import { demoParticipants } from '#domain/demo';
import { checkinsOn, recordCheckin, undoCheckin } from '#db/checkins';
import { seedDemoIfEmpty } from '#db/events';
import { participantsInSlices, participantsOf } from '#db/participants';
import { clientId } from '#db/meta';
import { pendingMutations } from '#db/outbox';
import { getMeta } from '#db/meta';
import { applyPulledPage } from '#sync/pull-apply';
import type { HadirDb } from '#db/database';
import { freshDb } from '#tests/support/db';
import { FIXTURE_EVENT_ID, fixture, seedFixtureLocally } from '#tests/support/fixture';

let db: HadirDb;
beforeEach(async () => {
  db = freshDb();
  await seedFixtureLocally();
});

describe('check-ins', () => {
  it('stores a repeat scan instead of refusing it; the earliest counts', async () => {
    const person = fixture.people[0]!;
    const input = {
      eventId: FIXTURE_EVENT_ID,
      participantId: person.id,
      timezone: 'Asia/Makassar',
    } as const;
    const first = await recordCheckin({
      ...input,
      method: 'qr',
      at: new Date('2025-06-02T23:40:00Z'),
    });
    const second = await recordCheckin({
      ...input,
      method: 'search',
      at: new Date('2025-06-02T23:55:00Z'),
    });

    // 23:40 UTC on 2 June is 07:40 WITA on 3 June: the day follows the event's timezone.
    expect(first.day).toBe('2025-06-03');
    const day = await checkinsOn(FIXTURE_EVENT_ID, '2025-06-03');
    expect(day.map((c) => c.id)).toEqual([first.id, second.id]);
    const counted = firstCheckins(day);
    expect(counted.get(person.id)?.id).toBe(first.id);
    expect(isRepeat(second, counted)).toBe(true);
    expect(isRepeat(first, counted)).toBe(false);

    const queued = await pendingMutations();
    expect(queued.map((m) => m.name)).toEqual(['checkin.record', 'checkin.record']);
    expect(queued[0]!.args).toMatchObject({ checkinId: first.id, method: 'qr', day: '2025-06-03' });
    expect(first.deviceId).toBe(await clientId());
  });
});

describe('undo of a desk check-in', () => {
  const input = (i: number) => ({
    eventId: FIXTURE_EVENT_ID,
    participantId: fixture.people[i]!.id,
    timezone: 'Asia/Makassar',
    method: 'search' as const,
  });

  it('sends the check-in at once; undo is a checkin.void after it, and the check-in leaves this desk', async () => {
    const before = await recordCheckin(input(0));
    const wrong = await recordCheckin(input(1));
    const after = await recordCheckin(input(2));
    // Nothing is held back: every row is in the next batch, in seq order.
    expect((await pendingMutations(100)).map((r) => r.seq)).toEqual([1, 2, 3]);

    expect(await undoCheckin(wrong.id)).toBe(true);
    expect(await db.checkins.get(wrong.id)).toBeUndefined();
    expect(await db.checkins.get(before.id)).toBeDefined();
    expect(await db.checkins.get(after.id)).toBeDefined();
    const rows = await pendingMutations();
    expect(rows.map((r) => [r.seq, r.name])).toEqual([
      [1, 'checkin.record'],
      [2, 'checkin.record'],
      [3, 'checkin.record'],
      [4, 'checkin.void'],
    ]);
    expect(rows[3]!.args).toMatchObject({ checkinId: wrong.id, eventId: FIXTURE_EVENT_ID });
    expect(await getMeta('outboxSeq')).toBe(4);
    // Taken back already: a second tap records nothing more.
    expect(await undoCheckin(wrong.id)).toBe(false);
    expect(await pendingMutations()).toHaveLength(4);
  });

  it('takes back a check-in already sent (acknowledged) as well: the void follows it', async () => {
    const c = await recordCheckin(input(0));
    const [row] = await pendingMutations();
    await db.outbox.update(row!.seq, { status: 'acked', ackedAt: new Date().toISOString() });
    expect(await undoCheckin(c.id)).toBe(true);
    expect((await pendingMutations()).map((r) => r.name)).toEqual(['checkin.void']);
    expect(await db.checkins.get(c.id)).toBeUndefined();
  });
});

describe('undo and the rebase', () => {
  it('a pending void stays applied when a pull brings the check-in back from the server', async () => {
    const c = await recordCheckin({
      eventId: FIXTURE_EVENT_ID,
      participantId: fixture.people[0]!.id,
      timezone: 'Asia/Makassar',
      method: 'search',
    });
    const stored = (await db.checkins.get(c.id))!;
    expect(await undoCheckin(c.id)).toBe(true);
    // The server had the check-in (sent before the undo); a pull writes it again, then
    // re-applies what is still pending on top: the void removes it once more.
    await applyPulledPage({
      changes: [{ table: 'checkins', id: c.id, op: 'put', data: { ...stored } }],
      cursor: { v: 1 },
    });
    expect(await db.checkins.get(c.id)).toBeUndefined();
  });

  it('undo of a check-in this desk does not hold is refused, recording nothing', async () => {
    expect(await undoCheckin('no-such-checkin')).toBe(false);
    expect(await pendingMutations()).toHaveLength(0);
  });
});

describe('demo seed', () => {
  // The built-in demo itself: what a device shows before it is enrolled (src/main.ts).
  it('seeds once, writes no outbox rows, and leaves existing data alone', async () => {
    expect(await seedDemoIfEmpty()).toBe(false); // the test event is there already
    expect(await db.events.count()).toBe(1);
    db = freshDb();
    expect(await seedDemoIfEmpty()).toBe(true);
    expect(await db.events.count()).toBe(1);
    expect(await db.batches.count()).toBe(2);
    expect(await db.participants.count()).toBe(demoParticipants.length);
    expect(await db.outbox.count()).toBe(0);
    expect(await seedDemoIfEmpty()).toBe(false);
    expect(await db.events.count()).toBe(1);
  });
});

describe('the desk’s people, read in slices', () => {
  it('gives the event’s people, every one once, whatever the slice size', async () => {
    await db.participants.put({
      ...(await db.participants.get(fixture.people[0]!.id))!,
      id: 'other-event-person',
      eventId: 'lain',
    });
    const all = (await participantsOf(FIXTURE_EVENT_ID)).map((p) => p.id).sort();
    expect(all).toHaveLength(fixture.people.length);
    for (const slice of [1, 2, 5, 6, 7, 1000]) {
      const ids = (await participantsInSlices(FIXTURE_EVENT_ID, slice)).map((p) => p.id).sort();
      expect(ids, `slice ${slice}`).toEqual(all);
    }
  });
});
