import { beforeEach, describe, expect, it } from 'vitest';
import { formatHlc } from '#domain/hlc';
import { markAttendance, sessionState } from '#db/attendance';
import { receiveStamp } from '#db/clock';
import { pendingMutations } from '#db/outbox';
import type { HadirDb } from '#db/database';
import { freshDb } from '#tests/support/db';
import { FIXTURE_EVENT_ID, fixture, seedFixtureLocally } from '#tests/support/fixture';

let db: HadirDb;
beforeEach(async () => {
  db = freshDb();
  await seedFixtureLocally();
});

const session = fixture.sessions[0]!;
const person = fixture.people[0]!;
const input = { eventId: FIXTURE_EVENT_ID, sessionId: session.id, participantId: person.id };

describe('attendance marks', () => {
  it('keeps every mark; the latest stamp is the state', async () => {
    const first = await markAttendance({ ...input, status: 'hadir' });
    const second = await markAttendance({ ...input, status: 'izin', note: 'rapat dinas' });

    expect(await db.marks.count()).toBe(2);
    expect(second.hlc > first.hlc).toBe(true);
    const state = await sessionState(session.id);
    expect(state.get(person.id)).toMatchObject({ status: 'izin', note: 'rapat dinas' });

    const queued = await pendingMutations();
    expect(queued.map((m) => m.name)).toEqual(['attendance.mark', 'attendance.mark']);
    // The mark row carries the same stamp as its queued mutation.
    expect(queued.map((m) => m.hlc)).toEqual([first.hlc, second.hlc]);
  });

  it('a mark made after seeing a later remote stamp sorts after it', async () => {
    const remote = formatHlc({ wall: Date.now() + 60_000, counter: 7, node: 'other-tablet' });
    await db.transaction('rw', db.meta, () => receiveStamp(remote));
    const mine = await markAttendance({ ...input, status: 'terlambat' });
    expect(mine.hlc > remote).toBe(true);
  });
});
