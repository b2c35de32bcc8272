import { describe, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import { HadirDb, SCHEMA_VERSION, schemaHistory } from '#db/database';
import { pendingMutations } from '#db/outbox';
import { resetDbInstance } from '#db/database';
import { participant } from '#tests/support/factories';

describe('schema upgrade', () => {
  it('fault 15: upgrading from v1 with mutations queued keeps them; search keys are added', async () => {
    const name = `hadir-upgrade-${crypto.randomUUID()}`;
    // Open the database exactly as a v1 build did, and queue work in it.
    const v1 = new Dexie(name);
    v1.version(1).stores(schemaHistory[0]!.stores);
    const p = participant({ fullName: 'Dra. Hj. Siti Rahmah, M.Hum.' });
    await v1.table('participants').add(p);
    await v1.table('outbox').bulkAdd([
      {
        seq: 1,
        id: 'm1',
        name: 'participant.register',
        args: { participant: p },
        hlc: '2025-06-02T00:00:00.000Z-0000-dev',
        createdAt: '2025-06-02T00:00:00.000Z',
        status: 'pending',
      },
      {
        seq: 2,
        id: 'm2',
        name: 'participant.cancel',
        args: { participantId: p.id, reason: 'sakit' },
        hlc: '2025-06-02T00:00:01.000Z-0000-dev',
        createdAt: '2025-06-02T00:00:01.000Z',
        status: 'pending',
      },
    ]);
    await v1.table('meta').put({ key: 'outboxSeq', value: 2 });
    v1.close();

    const v2 = new HadirDb(name);
    resetDbInstance(v2);
    await v2.open();

    expect(v2.verno).toBe(SCHEMA_VERSION);
    const queued = await pendingMutations();
    expect(queued.map((r) => [r.seq, r.id, r.name])).toEqual([
      [1, 'm1', 'participant.register'],
      [2, 'm2', 'participant.cancel'],
    ]);
    const row = await v2.participants.get(p.id);
    expect(row?.searchKey).toBe('siti rahmah');
    // v5 keeps only the indexes queries read; the name tokens went with theirs.
    expect(row).not.toHaveProperty('searchTokens');
    expect(v2.participants.schema.indexes.map((i) => i.name).sort()).toEqual([
      'batchId',
      'eventId',
    ]);
    expect(await v2.participants.where('batchId').equals(p.batchId).count()).toBe(1);
    v2.close();
  });
});
