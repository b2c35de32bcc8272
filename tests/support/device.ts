// A simulated device for sync tests: its own fake-indexeddb database and a real sync
// engine talking HTTP to a real server. The app's db() singleton points at whichever
// device is acting, so device actions must run one at a time (`act`).
import { HadirDb, resetDbInstance } from '#db/database';
import { SyncEngine, type RunResult } from '#sync/engine';
import { Transport } from '#sync/transport';

let n = 0;

export class TestDevice {
  readonly db: HadirDb;
  readonly engine: SyncEngine;
  readonly transport: Transport;

  constructor(baseUrl: string, opts: { fetch?: typeof fetch; name?: string } = {}) {
    this.db = new HadirDb(`hadir-device-${opts.name ?? 'd'}-${process.pid}-${++n}`);
    this.transport = new Transport({ baseUrl, ...(opts.fetch ? { fetch: opts.fetch } : {}) });
    this.engine = new SyncEngine({ transport: this.transport, locks: null, appVersion: 'test' });
  }

  /** Run `fn` with this device's database as the app's database. */
  async act<T>(fn: () => Promise<T>): Promise<T> {
    resetDbInstance(this.db);
    return fn();
  }

  sync(): Promise<RunResult> {
    return this.act(() => this.engine.once());
  }

  async enroll(code: string): Promise<void> {
    const result = await this.act(() => this.engine.enroll(code));
    if ('error' in result) throw new Error(`enroll failed: ${result.error}`);
  }
}
