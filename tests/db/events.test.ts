// Events, batches and sessions on the device: organiser writes go through the outbox.
import { beforeEach, describe, expect, it } from 'vitest';
import type { HadirDb } from '#db/database';
import { batchesOf, saveBatch } from '#db/events';
import { freshDb } from '#tests/support/db';
import { fixture, seedFixtureLocally } from '#tests/support/fixture';

let db: HadirDb;
beforeEach(async () => {
  db = freshDb();
  await seedFixtureLocally();
});

describe('batchesOf', () => {
  it('orders by first day, then by code, whatever the ids', async () => {
    const day = fixture.batches[0]!.startDate;
    await saveBatch({ ...fixture.batches[0]!, id: 'zzz', code: 'B1', startDate: day });
    await saveBatch({ ...fixture.batches[0]!, id: 'aaa', code: 'B2', startDate: day });
    const codes = (await batchesOf(fixture.event.id)).map((b) => b.code);
    expect(codes).toEqual(['A1', 'B1', 'B2', 'A2']);
    expect((await db.outbox.toArray()).map((r) => r.name)).toEqual([
      'batch.upsert',
      'batch.upsert',
    ]);
  });
});
