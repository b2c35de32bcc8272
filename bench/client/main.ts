// The app's own database and sync engine in a page of their own, for bench/client.ts to
// drive in Chromium: the same code as the app, on the browser's real IndexedDB.
import { recordCheckin } from '#db/checkins';
import { db } from '#db/database';
import { pendingCount } from '#db/outbox';
import { SyncEngine } from '#sync/engine';
import { Transport } from '#sync/transport';

const engine = new SyncEngine({
  transport: new Transport({ baseUrl: location.origin }),
  appVersion: 'bench',
});

const bench = {
  async enroll(code: string): Promise<void> {
    const result = await engine.enroll(code);
    if ('error' in result) throw new Error(`enrol: ${result.error}`);
  },
  /** One sync run: push everything queued, then pull; its result and how long it took. */
  async sync(): Promise<{ ms: number; pushed: number; pulled: number; state: string }> {
    const t0 = performance.now();
    const run = await engine.once();
    return { ms: performance.now() - t0, pushed: run.pushed, pulled: run.pulled, state: run.state };
  },
  /** Queue `count` check-ins as the desk does (each its own transaction). */
  async queue(count: number, eventId: string, participantIds: string[], timezone: string) {
    const t0 = performance.now();
    for (let i = 0; i < count; i++) {
      await recordCheckin({
        eventId,
        participantId: participantIds[i % participantIds.length]!,
        method: 'qr',
        timezone,
      });
    }
    return performance.now() - t0;
  },
  pending: () => pendingCount(),
  participants: () => db().participants.count(),
};

Object.assign(globalThis, { bench });
