// What the sync badge and the device screen show: unsent changes, online or not, the
// engine's state, the last successful sync, and the changes that need a person.
import { pendingCount } from '#db/outbox';
import type { OutboxRow } from '#db/database';
import {
  dismiss,
  exportOutbox,
  getEnrollment,
  needsAttention,
  retry,
  wipeDevice,
  type Enrollment,
} from '#sync/local';
import type { EventMove, SyncEngine, SyncState } from '#sync/engine';
import type { SyncScheduler } from '#sync/scheduler';
import { LiveQuery } from '#state/live.svelte';

export class SyncStatus {
  #online = $state(typeof navigator === 'undefined' ? true : navigator.onLine);
  #unsent = new LiveQuery(pendingCount, 0);
  #attention = new LiveQuery<OutboxRow[]>(needsAttention, []);
  #enrollment = new LiveQuery<Enrollment | undefined>(getEnrollment, undefined);
  state = $state<SyncState>('idle');
  lastSyncAt = $state<string | undefined>(undefined);
  lastError = $state<string | undefined>(undefined);
  /** Whether the server answered the last attempt (undefined before the first). */
  reachable = $state<boolean | undefined>(undefined);
  /** The "pull now" stream is open: other devices' changes show within a second. */
  live = $state(false);
  #engine: SyncEngine | undefined;
  #scheduler: SyncScheduler | undefined;

  constructor() {
    if (typeof window !== 'undefined') {
      window.addEventListener('online', () => (this.#online = true));
      window.addEventListener('offline', () => (this.#online = false));
    }
  }

  /** Wire the engine in (main.ts); its status becomes this state. */
  attach(engine: SyncEngine, scheduler: SyncScheduler): void {
    this.#engine = engine;
    this.#scheduler = scheduler;
    engine.subscribe((s) => {
      this.state = s.state;
      this.lastSyncAt = s.lastSyncAt ?? this.lastSyncAt;
      this.lastError = s.lastError;
      this.reachable = s.reachable;
      this.live = s.live === true;
    });
  }

  /**
   * What the badge and the desk say about the connection: the browser knows it is offline
   * (`offline`), the server did not answer the last attempt though the browser thinks it
   * is online (`unreachable`: venue Wi-Fi without internet, a stopped server), or fine.
   * navigator.onLine alone is not believed: it stays true in both of those cases.
   */
  get connection(): 'offline' | 'unreachable' | 'ok' {
    if (!this.#online) return 'offline';
    return this.reachable === false ? 'unreachable' : 'ok';
  }

  get online(): boolean {
    return this.#online;
  }

  get unsent(): number {
    return this.#unsent.current;
  }

  /** Rejected or conflicting changes, kept until a person retries or dismisses them. */
  get attention(): OutboxRow[] {
    return this.#attention.current;
  }

  get rejected(): number {
    return this.#attention.current.length;
  }

  get enrollment(): Enrollment | undefined {
    return this.#enrollment.current;
  }

  syncNow(): void {
    void this.#scheduler?.trigger();
  }

  /** "Kirim sekarang": a person asks to send now, whatever the backoff says. */
  async sendNow(): Promise<void> {
    await this.#scheduler?.trigger();
  }

  async enroll(code: string, name?: string): Promise<string | undefined> {
    if (!this.#engine) return 'UNAVAILABLE';
    const result = await this.#engine.enroll(code, name);
    if ('error' in result) return result.error;
    this.syncNow();
    return undefined;
  }

  async signIn(password: string, eventId?: string): Promise<string | undefined> {
    if (!this.#engine) return 'UNAVAILABLE';
    const result = await this.#engine.signIn(password, eventId);
    if ('error' in result) return result.error;
    this.syncNow();
    return undefined;
  }

  /** The organiser moves to a new or another event (online, nothing unsent). */
  async switchEvent(to: EventMove): Promise<string | undefined> {
    if (!this.#engine) return 'UNAVAILABLE';
    const result = await this.#engine.switchEvent(to);
    if ('error' in result) return result.error;
    this.syncNow();
    return undefined;
  }

  retry = (seq: number) => retry(seq).then(() => this.syncNow());
  dismiss = (seq: number) => dismiss(seq);
  exportOutbox = () => exportOutbox();

  /** Sign out: end the token, stop syncing, delete every local table. The caller has
   * made sure nothing unsent is lost (sent, or saved to a file). */
  async wipe(): Promise<void> {
    this.#scheduler?.stop();
    await this.#engine?.signOut().catch(() => undefined);
    await wipeDevice();
  }
}

export const syncStatus = new SyncStatus();
