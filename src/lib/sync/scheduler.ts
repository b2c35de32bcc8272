// When to sync. Every trigger the platform offers, none of them the only one: app start,
// `online`, the page becoming visible, right after a local write, the server's "pull now"
// (live.ts: another device changed the event), a periodic pull while visible, backoff with jitter after a failure (capped at 60 s), and the service worker's
// Background Sync wake-up where the browser has it (sync-protocol.md, fault 23). While the
// server cannot be reached and changes wait to be sent, a cheap probe (GET /health) runs
// with backoff capped at 15 s, and the outbox goes as soon as the server answers.
import { observe } from '#db/live';
import { pendingCount } from '#db/outbox';
import type { RunResult, SyncEngine } from '#sync/engine';
import { BACKGROUND_SYNC_TAG, SYNC_WAKE_MESSAGE } from '#sync/wake';

export interface SchedulerOptions {
  pullIntervalMs?: number;
  writeDebounceMs?: number;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** The backoff's cap while the server is unreachable and changes wait to be sent. */
  maxProbeBackoffMs?: number;
  random?: () => number;
  /** Listen for the server's "pull now" (off in tests that count every request). */
  live?: boolean;
}

/** Exponential backoff with "equal jitter": half fixed, half random, capped. */
export function backoffDelay(attempt: number, min: number, max: number, random: () => number) {
  const ceiling = Math.min(max, min * 2 ** attempt);
  return ceiling / 2 + (random() * ceiling) / 2;
}

export class SyncScheduler {
  #engine: SyncEngine;
  #opts: Required<SchedulerOptions>;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #debounce: ReturnType<typeof setTimeout> | undefined;
  #failures = 0;
  #unsent = 0;
  #stopped = true;
  #cleanup: (() => void)[] = [];

  constructor(engine: SyncEngine, opts: SchedulerOptions = {}) {
    this.#engine = engine;
    this.#opts = {
      pullIntervalMs: 15_000,
      // Short: a check-in should be on the other desks within a second of the tap.
      writeDebounceMs: 50,
      minBackoffMs: 1_000,
      maxBackoffMs: 60_000,
      maxProbeBackoffMs: 15_000,
      random: Math.random,
      live: true,
      ...opts,
    };
  }

  start(): () => void {
    this.#stopped = false;
    const on = (target: EventTarget | undefined, type: string, fn: (e: Event) => void) => {
      target?.addEventListener(type, fn);
      this.#cleanup.push(() => target?.removeEventListener(type, fn));
    };
    const win = typeof window === 'undefined' ? undefined : window;
    on(win, 'online', () => this.trigger());
    on(win, 'focus', () => this.trigger());
    on(globalThis.document, 'visibilitychange', () => {
      if (document.visibilityState === 'visible') this.trigger();
    });
    on(globalThis.navigator?.serviceWorker, 'message', (e) => {
      if ((e as MessageEvent).data?.type === SYNC_WAKE_MESSAGE) this.trigger();
    });
    let last = -1;
    const sub = observe(pendingCount).subscribe({
      next: (count) => {
        if (count > last && last >= 0) this.#afterWrite();
        last = count;
        this.#unsent = count;
      },
    });
    this.#cleanup.push(() => sub.unsubscribe());
    if (this.#opts.live) {
      this.#cleanup.push(this.#engine.listenLive(() => void this.trigger(true)));
    }
    this.trigger();
    return () => this.stop();
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
    clearTimeout(this.#debounce);
    for (const fn of this.#cleanup.splice(0)) fn();
  }

  /** Sync now (a run already going absorbs this call). `wait`: the server said there is
   * news, so run even after another tab's run rather than skip (engine.once). */
  trigger(wait = false): Promise<RunResult> | undefined {
    if (this.#stopped) return undefined;
    clearTimeout(this.#timer);
    const run = this.#engine.once(wait);
    void run.then(
      (result) => this.#schedule(result),
      () => this.#schedule({ state: 'error', retry: true, pushed: 0, pulled: 0 }),
    );
    return run;
  }

  async #probe(): Promise<void> {
    if (this.#stopped) return;
    if (await this.#engine.probe()) void this.trigger();
    else this.#schedule({ state: 'offline', retry: true, pushed: 0, pulled: 0 });
  }

  #afterWrite(): void {
    clearTimeout(this.#debounce);
    this.#debounce = setTimeout(() => this.trigger(), this.#opts.writeDebounceMs);
    // Where the browser has Background Sync, also ask it to wake us once it is online.
    void globalThis.navigator?.serviceWorker?.ready
      .then((reg) =>
        (
          reg as ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }
        ).sync?.register(BACKGROUND_SYNC_TAG),
      )
      .catch(() => undefined);
  }

  #schedule(result: RunResult): void {
    if (this.#stopped) return;
    clearTimeout(this.#timer);
    if (result.retry) {
      // Unreachable with work waiting: probe often and cheaply; the outbox goes when the
      // server answers. Any other failure (a 503, a 429) waits the longer backoff.
      const unreachable = result.state === 'offline' && this.#unsent > 0;
      const cap = unreachable ? this.#opts.maxProbeBackoffMs : this.#opts.maxBackoffMs;
      const delay = backoffDelay(this.#failures++, this.#opts.minBackoffMs, cap, this.#opts.random);
      this.#timer = setTimeout(() => (unreachable ? this.#probe() : this.trigger()), delay);
      return;
    }
    this.#failures = 0;
    if (['unenrolled', 'unauthenticated', 'revoked', 'outdated'].includes(result.state)) return;
    this.#timer = setTimeout(() => {
      const hidden = globalThis.document?.visibilityState === 'hidden';
      if (hidden) this.#schedule(result);
      else void this.trigger();
    }, this.#opts.pullIntervalMs);
  }
}
