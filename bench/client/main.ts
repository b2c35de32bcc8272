// The app's own database and sync engine in a page of their own, for bench/client.ts to
// drive in Chromium: the same code as the app, on the browser's real IndexedDB. Beside
// them, the bare IndexedDB work of a pull and of a drain (Dexie on a database of its own):
// the reference each is held against, measured in the same page of the same run.
import Dexie, { type Table } from 'dexie';
import { recordCheckin } from '#db/checkins';
import { db } from '#db/database';
import { effectTables } from '#db/mutations';
import { pendingCount } from '#db/outbox';
import { SyncEngine } from '#sync/engine';
import { Transport } from '#sync/transport';

/** When each API path was last answered (ms, performance.now), and how often. */
const answered = new Map<string, { last: number; count: number; waited: number }>();
const metered: typeof fetch = async (input, init) => {
  const t0 = performance.now();
  const res = await fetch(input, init);
  const body = await res.arrayBuffer(); // the whole answer, as the engine reads it
  const path = new URL(input instanceof Request ? input.url : input).pathname;
  const seen = answered.get(path) ?? { last: 0, count: 0, waited: 0 };
  const now = performance.now();
  answered.set(path, { last: now, count: seen.count + 1, waited: seen.waited + now - t0 });
  return new Response(body, res);
};

const engine = new SyncEngine({
  transport: new Transport({ baseUrl: location.origin, fetch: metered }),
  appVersion: 'bench',
});

/** The bare work's database: the app's indexes on the tables it writes. */
const bare = new Dexie('hadir-reference');
bare.version(1).stores({
  participants: 'id, eventId, batchId',
  checkins: 'id, participantId, [eventId+day]',
  outbox: 'seq, &id, status, ackedAt',
});
const table = (name: string) => bare.table(name) as Table<{ seq: number }>;
/** The queue as the desk left it, copied before a drain (the reference drains a copy). */
let queued: { seq: number }[] = [];

/** `rows` written as a pull writes them: pages of DEFAULT_PULL_LIMIT (500), one
 * transaction and one bulkPut each. */
async function putPages(name: string, rows: unknown[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await bare.transaction('rw', table(name), () =>
      table(name).bulkPut(rows.slice(i, i + 500) as { seq: number }[]),
    );
  }
}

const reference = {
  /** The participants this page's pull stored, written again by bare bulkPuts; ms. */
  async pull(): Promise<number> {
    const rows = await db().participants.toArray();
    await table('participants').clear();
    const t0 = performance.now();
    await putPages('participants', rows);
    return performance.now() - t0;
  },
  /** Copy the queue before the drain sends it. */
  async keepQueue(): Promise<void> {
    queued = await db().outbox.toArray();
  },
  /** What a drain must do in IndexedDB, bare: the queue read 200 at a time by key and
   * each batch marked acknowledged, then the check-ins it pulls back written; ms. */
  async drain(): Promise<number> {
    const checkins = await db().checkins.toArray();
    const outbox = table('outbox');
    await Promise.all([outbox.clear(), table('checkins').clear()]);
    await outbox.bulkPut(queued);
    const t0 = performance.now();
    for (let after = -Infinity; ;) {
      const rows = await outbox.where('seq').above(after).limit(200).toArray();
      if (rows.length === 0) break;
      after = rows.at(-1)!.seq;
      const ackedAt = new Date().toISOString();
      const acked = rows.map((r) => ({ ...r, status: 'acked', ackedAt }));
      await bare.transaction('rw', outbox, () => outbox.bulkPut(acked));
    }
    await putPages('checkins', checkins);
    return performance.now() - t0;
  },
};

const bench = {
  reference,
  async enroll(code: string): Promise<void> {
    const result = await engine.enroll(code);
    if ('error' in result) throw new Error(`enrol: ${result.error}`);
  },
  /** One sync run: push everything queued, then pull; its result and how long it took. */
  async sync() {
    answered.clear();
    const t0 = performance.now();
    const run = await engine.once();
    const ms = performance.now() - t0;
    const push = answered.get('/api/v1/sync/push');
    return {
      ms,
      /** Until the last push was answered: the queue was sent. */
      pushMs: push ? push.last - t0 : 0,
      pushes: push?.count ?? 0,
      pulls: answered.get('/api/v1/sync/pull')?.count ?? 0,
      /** Waiting for the server's answers (request, server, transfer). */
      pushWaited: push?.waited ?? 0,
      pullWaited: answered.get('/api/v1/sync/pull')?.waited ?? 0,
      pushed: run.pushed,
      pulled: run.pulled,
      state: run.state,
    };
  },
  /** Queue `count` check-ins as the desk records them, 500 to a transaction (one each,
   * as at the desk, takes minutes for 10,000; the queue is the same). */
  async queue(count: number, eventId: string, participantIds: string[], timezone: string) {
    const d = db();
    const t0 = performance.now();
    for (let start = 0; start < count; start += 500) {
      await d.transaction('rw', [...effectTables('checkin.record'), d.outbox, d.meta], async () => {
        for (let i = start; i < Math.min(count, start + 500); i++) {
          await recordCheckin({
            eventId,
            participantId: participantIds[i % participantIds.length]!,
            method: 'qr',
            timezone,
          });
        }
      });
    }
    return performance.now() - t0;
  },
  pending: () => pendingCount(),
  participants: () => db().participants.count(),
};

Object.assign(globalThis, { bench });
