import { beforeEach, describe, expect, it } from 'vitest';
import type { HadirDb } from '#db/database';
import { StorageError, toStorageError } from '#db/errors';
import { registerParticipant } from '#db/participants';
import { freshDb } from '#tests/support/db';
import { participant } from '#tests/support/factories';

let db: HadirDb;
beforeEach(() => {
  db = freshDb();
});

describe('storage failures (fault 14: quota)', () => {
  it('a full disk aborts the whole local transaction and is named "quota"', async () => {
    db.participants.hook('creating', () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const error = await registerParticipant(participant()).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(StorageError);
    expect((error as StorageError).kind).toBe('quota');
    expect(await db.participants.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('recognises a quota error wrapped by Dexie', () => {
    const inner = new DOMException('full', 'QuotaExceededError');
    const wrapped = Object.assign(new Error('AbortError'), { name: 'AbortError', inner });
    expect(toStorageError(wrapped).kind).toBe('quota');
    expect(toStorageError(new Error('boom')).kind).toBe('failed');
  });
});
