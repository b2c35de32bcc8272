// What the sync badge shows: unsent changes and whether the device is online.
import { pendingCount, rejectedMutations } from '#db/outbox';
import { LiveQuery } from '#state/live.svelte';

export class SyncStatus {
  #online = $state(typeof navigator === 'undefined' ? true : navigator.onLine);
  #unsent = new LiveQuery(pendingCount, 0);
  #rejected = new LiveQuery(async () => (await rejectedMutations()).length, 0);

  constructor() {
    if (typeof window !== 'undefined') {
      window.addEventListener('online', () => (this.#online = true));
      window.addEventListener('offline', () => (this.#online = false));
    }
  }

  get online(): boolean {
    return this.#online;
  }

  get unsent(): number {
    return this.#unsent.current;
  }

  get rejected(): number {
    return this.#rejected.current;
  }
}

export const syncStatus = new SyncStatus();
