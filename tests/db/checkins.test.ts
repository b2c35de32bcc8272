import { beforeEach, describe, expect, it } from 'vitest';
import { firstCheckins, isRepeat } from '#domain/checkins';
import { DEMO_EVENT_ID, demoParticipants } from '#domain/demo';
import { checkinsOn, recordCheckin, undoCheckin } from '#db/checkins';
import { seedDemoIfEmpty } from '#db/events';
import { participantsInSlices, participantsOf } from '#db/participants';
import { clientId } from '#db/meta';
import { commit, pendingMutations } from '#db/outbox';
import { getMeta } from '#db/meta';
import { holdEnds, pendingBatch } from '#sync/local';
import type { HadirDb } from '#db/database';
import { freshDb } from '#tests/support/db';

let db: HadirDb;
beforeEach(async () => {
  db = freshDb();
  await seedDemoIfEmpty();
});

describe('check-ins', () => {
  it('stores a repeat scan instead of refusing it; the earliest counts', async () => {
    const person = demoParticipants[0]!;
    const input = {
      eventId: DEMO_EVENT_ID,
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
    const day = await checkinsOn(DEMO_EVENT_ID, '2025-06-03');
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
    eventId: DEMO_EVENT_ID,
    participantId: demoParticipants[i]!.id,
    timezone: 'Asia/Makassar',
    method: 'search' as const,
  });

  it('holds the check-in unsent, and undo removes it and closes the seq gap behind it', async () => {
    const before = await recordCheckin(input(0)); // not held: goes out at once
    const held = await recordCheckin({ ...input(1), holdMs: 5_000 });
    const after = await recordCheckin(input(2));
    await commit('participant.cancel', { participantId: demoParticipants[3]!.id, reason: 'x' });

    // Sending stops at the held row: what follows it waits too (seqs have no gaps).
    expect((await pendingBatch(100)).map((r) => r.seq)).toEqual([1]);
    const ends = await holdEnds();
    expect(ends).toBeGreaterThan(Date.now());
    expect(ends).toBeLessThanOrEqual(Date.now() + 5_000);

    expect(await undoCheckin(held.id)).toBe(true);
    expect(await db.checkins.get(held.id)).toBeUndefined();
    expect(await db.checkins.get(before.id)).toBeDefined();
    const rows = await pendingMutations();
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(rows.map((r) => (r.args as { checkinId?: string }).checkinId)).toEqual([
      before.id,
      after.id,
      undefined,
    ]);
    expect(await getMeta('outboxSeq')).toBe(3);
    expect(await holdEnds()).toBeUndefined();
    expect((await pendingBatch(100)).length).toBe(3);
    expect(await undoCheckin(held.id)).toBe(false); // gone already
  });

  it('refuses once the hold is over: the check-in stands and is sent', async () => {
    const c = await recordCheckin({ ...input(0), holdMs: 5_000 });
    const [row] = await pendingMutations();
    expect(await pendingBatch(100, Date.now() + 5_001)).toHaveLength(1);
    await db.outbox.update(row!.seq, { holdUntil: Date.now() - 1 });
    expect(await undoCheckin(c.id)).toBe(false);
    expect(await db.checkins.get(c.id)).toBeDefined();
    expect(await pendingMutations()).toHaveLength(1);
    // A check-in recorded without a hold (the participants screen) cannot be undone.
    const plain = await recordCheckin(input(1));
    expect(await undoCheckin(plain.id)).toBe(false);
  });
});

describe('undo and the clock', () => {
  const input = {
    eventId: DEMO_EVENT_ID,
    participantId: demoParticipants[0]!.id,
    timezone: 'Asia/Makassar',
    method: 'search' as const,
  };

  it('a row taken into a batch cannot be undone, even if the clock then steps back', async () => {
    const c = await recordCheckin({ ...input, holdMs: 5_000 });
    // The engine reads a batch once the hold is over (here: a clock 6 s ahead)…
    expect(await pendingBatch(100, Date.now() + 6_000)).toHaveLength(1);
    // …and undo, back on the real clock where the hold would still run, is refused.
    expect(await undoCheckin(c.id)).toBe(false);
    expect(await db.checkins.get(c.id)).toBeDefined();
    expect((await pendingMutations())[0]!.holdUntil).toBeUndefined();
  });

  it('a hold far in the future (the clock stepped back) does not stall the outbox', async () => {
    await recordCheckin({ ...input, holdMs: 5_000 });
    const [row] = await pendingMutations();
    await db.outbox.update(row!.seq, { holdUntil: Date.now() + 2 * 3600_000 });
    expect(await pendingBatch(100)).toHaveLength(1);
    expect(await holdEnds()).toBeUndefined();
  });
});

describe('demo seed', () => {
  it('seeds once, writes no outbox rows, and leaves existing data alone', async () => {
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
      ...(await db.participants.get(demoParticipants[0]!.id))!,
      id: 'other-event-person',
      eventId: 'lain',
    });
    const all = (await participantsOf(DEMO_EVENT_ID)).map((p) => p.id).sort();
    expect(all).toHaveLength(demoParticipants.length);
    for (const slice of [1, 2, 5, 6, 7, 1000]) {
      const ids = (await participantsInSlices(DEMO_EVENT_ID, slice)).map((p) => p.id).sort();
      expect(ids, `slice ${slice}`).toEqual(all);
    }
  });
});
