// A pulled page is written in bulk runs but keeps page order: a put then a delete of the
// same row leaves nothing, a delete then a put leaves the row, and an alias re-points
// what the device holds for the merged id before the rows after it are written.
import { beforeEach, describe, expect, it } from 'vitest';
import type { HadirDb } from '#db/database';
import { applyPulledPage, type PulledChange } from '#sync/pull-apply';
import { freshDb } from '#tests/support/db';
import { FIXTURE_EVENT_ID, fixture, seedFixtureLocally } from '#tests/support/fixture';

let db: HadirDb;
beforeEach(async () => {
  db = freshDb();
  await seedFixtureLocally();
});

const [a, b, c] = fixture.people;
const put = (table: PulledChange['table'], data: Record<string, unknown>): PulledChange => ({
  table,
  id: String(data.id),
  op: 'put',
  data,
});
const del = (table: PulledChange['table'], id: string): PulledChange => ({
  table,
  id,
  op: 'del',
  data: null,
});
const checkin = (id: string, participantId: string) => ({
  id,
  eventId: FIXTURE_EVENT_ID,
  participantId,
  day: '2025-06-03',
  at: '2025-06-03T00:00:00.000Z',
  method: 'qr',
  deviceId: 'x',
});

describe('applyPulledPage', () => {
  it('keeps page order across bulk runs, deletes and aliases', async () => {
    await applyPulledPage({
      cursor: { v: 9 },
      changes: [
        put('participants', { ...a!, fullName: 'Renamed A' }),
        del('participants', a!.id), // …then deleted: gone
        del('participants', b!.id),
        put('participants', { ...b!, fullName: 'Back B' }), // deleted then put: kept
        put('checkins', checkin('c1', 'merged-id')),
        put('aliases', { id: 'merged-id', eventId: FIXTURE_EVENT_ID, canonicalId: c!.id }),
        put('checkins', checkin('c2', c!.id)),
      ],
    });
    expect(await db.participants.get(a!.id)).toBeUndefined();
    expect((await db.participants.get(b!.id))?.fullName).toBe('Back B');
    // The check-in written before the alias was moved onto the canonical person.
    expect((await db.checkins.get('c1'))?.participantId).toBe(c!.id);
    expect((await db.checkins.get('c2'))?.participantId).toBe(c!.id);
    expect(await db.meta.get('cursor')).toMatchObject({ value: { v: 9 } });
  });

  it('writes a page larger than one slice completely', async () => {
    const many = Array.from({ length: 250 }, (_, i) =>
      put('participants', { ...a!, id: `bulk-${i}`, fullName: `Orang ${i}` }),
    );
    await applyPulledPage({ cursor: { v: 1 }, changes: many });
    expect(await db.participants.where('id').startsWith('bulk-').count()).toBe(250);
  });
});
