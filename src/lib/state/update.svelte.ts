// The app update prompt. A new service worker waits until the person agrees AND the
// outbox is empty: reloading mid-sync is safe for IndexedDB, but we promise people that
// an update never interrupts unsent work (issue 2), so it says so and waits.
import { Workbox } from 'workbox-window';
import { pendingCount } from '#db/outbox';
import { observe, type Subscription } from '#db/live';
import { KEEP_ROLE_CODE } from '#sync/wake';

export class UpdatePrompt {
  /** A new version is installed and waiting. */
  available = $state(false);
  /** The person asked to update; we are waiting for the outbox to drain. */
  requested = $state(false);
  /** The first visit finished precaching: the app now opens offline. */
  offlineReady = $state(false);
  #wb: Workbox | undefined;
  #watch: Subscription | undefined;
  #roleCodeAsked = false;

  async start(url = '/sw.js'): Promise<void> {
    if (!('serviceWorker' in navigator)) return;
    const wb = new Workbox(url);
    this.#wb = wb;
    wb.addEventListener('waiting', () => (this.available = true));
    wb.addEventListener('installed', (e) => {
      if (!e.isUpdate) this.offlineReady = true;
    });
    wb.addEventListener('controlling', async (e) => {
      // Another tab may have accepted the update; still never reload over unsent work.
      if (e.isUpdate && (await pendingCount()) === 0) location.reload();
    });
    await wb.register();
  }

  /** Ask the service worker to keep this version's role screens (once per page). */
  async keepRoleCode(): Promise<void> {
    if (this.#roleCodeAsked || !('serviceWorker' in navigator)) return;
    this.#roleCodeAsked = true;
    const ready = await navigator.serviceWorker.ready;
    ready.active?.postMessage({ type: KEEP_ROLE_CODE });
  }

  /** Called when the person accepts the update. */
  apply(): void {
    this.requested = true;
    this.#watch ??= observe(pendingCount).subscribe({
      next: (unsent) => {
        if (unsent === 0) this.#activate();
      },
    });
  }

  dismiss(): void {
    this.available = false;
    this.requested = false;
    this.#watch?.unsubscribe();
    this.#watch = undefined;
  }

  #activate(): void {
    this.#watch?.unsubscribe();
    this.#watch = undefined;
    this.#wb?.messageSkipWaiting();
  }
}

export const updatePrompt = new UpdatePrompt();
