// Storage failures surfaced to people. A failed local write must be said out loud
// (sync-protocol.md fault 14): nothing was saved, and the person needs to know why.

export type StorageFailure = 'quota' | 'too_large' | 'invalid' | 'failed';

export class StorageError extends Error {
  constructor(
    readonly kind: StorageFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StorageError';
  }
}

/** Map whatever IndexedDB/Dexie threw into a StorageError the UI can name. */
export function toStorageError(e: unknown): StorageError {
  if (e instanceof StorageError) return e;
  const names = [e, (e as { inner?: unknown })?.inner].map((x) => (x as Error | undefined)?.name);
  if (names.includes('QuotaExceededError')) {
    return new StorageError('quota', 'Device storage is full', { cause: e });
  }
  return new StorageError('failed', (e as Error)?.message ?? String(e), { cause: e });
}
