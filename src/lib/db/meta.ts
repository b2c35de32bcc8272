// Small device-wide values: client id, outbox sequence, clock state, sync cursor.
import { newId } from '#domain/ids';
import { db } from '#db/database';

export async function getMeta<T>(key: string): Promise<T | undefined> {
  return (await db().meta.get(key))?.value as T | undefined;
}

export async function setMeta(key: string, value: unknown): Promise<void> {
  await db().meta.put({ key, value });
}

/**
 * This device's client id: created once, on first use, and never changed while the
 * local database lives (the server numbers mutations per client id).
 */
export async function clientId(): Promise<string> {
  return db().transaction('rw', db().meta, async () => {
    const existing = await getMeta<string>('clientId');
    if (existing) return existing;
    const id = newId();
    await setMeta('clientId', id);
    return id;
  });
}
