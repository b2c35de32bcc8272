import { beforeEach, describe, expect, it } from 'vitest';
import { firstCheckins, isRepeat } from '#domain/checkins';
import { DEMO_EVENT_ID, demoParticipants } from '#domain/demo';
import { checkinsOn, recordCheckin } from '#db/checkins';
import { seedDemoIfEmpty } from '#db/events';
import { clientId } from '#db/meta';
import { pendingMutations } from '#db/outbox';
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
