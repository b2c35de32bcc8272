import { beforeEach, describe, expect, it } from 'vitest';
import { compareHlc } from '#domain/hlc';
import type { HadirDb } from '#db/database';
import { StorageError } from '#db/errors';
import { setMeta } from '#db/meta';
import { MAX_MUTATION_BYTES, enqueue, pendingCount, pendingMutations } from '#db/outbox';
import { registerParticipant } from '#db/participants';
import { saveEvent } from '#db/events';
import { freshDb } from '#tests/support/db';
import { participant } from '#tests/support/factories';
import { fixture } from '#tests/support/fixture';

let db: HadirDb;
beforeEach(() => {
  db = freshDb();
});

describe('outbox: a write and its mutation land together', () => {
  it('stores the participant and one pending mutation naming it', async () => {
    const p = participant();
    await registerParticipant(p);

    expect(await db.participants.get(p.id)).toMatchObject({ fullName: p.fullName });
    const [row] = await pendingMutations();
    expect(row).toMatchObject({ seq: 1, name: 'participant.register', status: 'pending' });
    expect((row!.args as { participant: { id: string } }).participant.id).toBe(p.id);
    expect(await pendingCount()).toBe(1);
  });

  it('numbers mutations 1, 2, 3 with increasing clock stamps', async () => {
    await registerParticipant(participant());
    await saveEvent({ ...fixture.event, name: 'Bimtek diubah' });
    await registerParticipant(participant());

    const rows = await pendingMutations();
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(compareHlc(rows[0]!.hlc, rows[1]!.hlc)).toBe(-1);
    expect(compareHlc(rows[1]!.hlc, rows[2]!.hlc)).toBe(-1);
    expect(new Set(rows.map((r) => r.id)).size).toBe(3);
  });

  it('when the outbox insert fails, the data write is rolled back too', async () => {
    db.outbox.hook('creating', () => {
      throw new Error('simulated outbox failure');
    });
    const p = participant();

    await expect(registerParticipant(p)).rejects.toBeInstanceOf(StorageError);
    expect(await db.participants.get(p.id)).toBeUndefined();
    expect(await db.outbox.count()).toBe(0);
  });

  it('when the seq collides with a queued row, neither the row nor the data lands', async () => {
    await registerParticipant(participant());
    await setMeta('outboxSeq', 0); // the next seq (1) is already taken
    const p = participant();

    await expect(registerParticipant(p)).rejects.toBeInstanceOf(StorageError);
    expect(await db.participants.get(p.id)).toBeUndefined();
    expect(await db.outbox.count()).toBe(1);
  });

  it('when the data write fails, no mutation is queued', async () => {
    const p = participant();
    await registerParticipant(p);

    // Same id again: the add() violates the primary key.
    await expect(registerParticipant(p)).rejects.toBeInstanceOf(StorageError);
    expect(await db.outbox.count()).toBe(1);
  });

  it('refuses an oversized mutation at enqueue and stores nothing', async () => {
    const p = participant();
    const write = db.transaction('rw', [db.participants, db.outbox, db.meta], async () => {
      await db.participants.add({ ...p, searchKey: '' });
      await enqueue('participant.patch', {
        participantId: p.id,
        fields: { institution: { v: 'y'.repeat(MAX_MUTATION_BYTES), hlc: 'h' } },
      });
    });

    const error = await write.catch((e: unknown) => e);
    expect((error as StorageError).kind).toBe('too_large');
    expect(await db.participants.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('refuses a mutation whose arguments break the schema', async () => {
    const bad = participant({ phone: '0812' });
    const error = await registerParticipant(bad).catch((e: unknown) => e);
    expect((error as StorageError).kind).toBe('invalid');
    expect(await db.participants.count()).toBe(0);
  });
});
