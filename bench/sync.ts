import 'fake-indexeddb/auto'; // before anything imports Dexie
// `npx tsx bench/sync.ts` (part of `npm run bench`): the app's sync engine against the
// real server, in-process on 127.0.0.1, over real HTTP. Printed figures, no budgets (the
// server's ingest is bench/ingest.ts; the same in Chromium's IndexedDB, bench/client.ts).
//   (b) one client draining 10,000 queued check-ins (the real engine on fake-indexeddb)
//   (c) an empty device pulling 10,000 participants (seeded by an organiser device)
// Each part gets its own fresh server and SQLite file.
import { gzipSync } from 'node:zlib';
import { recordCheckin } from '#db/checkins';
import { pendingCount } from '#db/outbox';
import { DEMO_EVENT_ID, demoParticipants } from '#domain/demo';
import { TestDevice } from '#tests/support/device';
import { startTestServer } from '#tests/support/server';
import { percentile } from './support';
import { enrollRaw, pushAll, registrationArgs } from './wire';

const N = 10_000;
const TZ = 'Asia/Makassar';

// ---------------------------------------------------------------------------------------
// Helpers

const now = () => performance.now();

interface PathStats {
  requests: number;
  ms: number;
  bytesIn: number;
  bodies: Buffer[];
  /** performance.now() when the first request started and the last response ended. */
  first: number;
  last: number;
}

const emptyStats = (): PathStats => ({
  requests: 0,
  ms: 0,
  bytesIn: 0,
  bodies: [],
  first: Infinity,
  last: 0,
});

/** A fetch for TestDevice that counts requests, time and response body bytes per path. */
function meteredFetch() {
  const stats = new Map<string, PathStats>();
  const metered = async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : input);
    const path = url.pathname.replace(/^\/api\/v1/, '');
    const t0 = now();
    const res = await fetch(input, init);
    const body = Buffer.from(await res.arrayBuffer());
    const s = stats.get(path) ?? emptyStats();
    s.requests++;
    s.ms += now() - t0;
    s.first = Math.min(s.first, t0);
    s.last = now();
    s.bytesIn += body.length;
    s.bodies.push(body);
    stats.set(path, s);
    return new Response(body, {
      status: res.status,
      statusText: res.statusText,
      headers: res.headers,
    });
  };
  const get = (path: string) => stats.get(path) ?? emptyStats();
  return { fetch: metered as typeof fetch, stats, get, reset: () => stats.clear() };
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const kb = (bytes: number) => `${fmt(bytes / 1024, 1)} KB`;
const mb = (bytes: number) => `${fmt(bytes / 1024 / 1024, 2)} MB`;

const table: [string, string, string][] = [];
const row = (what: string, figure: string, detail = '') => table.push([what, figure, detail]);

// ---------------------------------------------------------------------------------------
// (b) One client draining 10,000 queued check-ins through the real sync engine

async function benchDrain(): Promise<void> {
  const server = await startTestServer({ seed: 'demo' });
  try {
    const meter = meteredFetch();
    const device = new TestDevice(server.url, { name: 'drain', fetch: meter.fetch });
    await device.enroll(server.code('staff'));
    await device.sync(); // the demo event arrives; from here on only the queue counts
    meter.reset();

    const q0 = now();
    await device.act(async () => {
      for (let i = 0; i < N; i++) {
        await recordCheckin({
          eventId: DEMO_EVENT_ID,
          participantId: demoParticipants[i % demoParticipants.length]!.id,
          method: 'qr',
          timezone: TZ,
        });
      }
    });
    const queueSeconds = (now() - q0) / 1000;
    if ((await device.act(pendingCount)) !== N) throw new Error('queue is not 10,000');

    const t0 = now();
    const run = await device.sync();
    const t1 = now();
    const seconds = (t1 - t0) / 1000;
    const left = await device.act(pendingCount);
    if (run.state !== 'idle' || run.pushed !== N || left !== 0) {
      throw new Error(`drain: ${JSON.stringify(run)}, ${left} still pending`);
    }
    const push = meter.get('/sync/push');
    const pull = meter.get('/sync/pull');
    const pushSeconds = (push.last - t0) / 1000;
    row(
      '(b) client drain, 10,000 queued',
      `${fmt(N / seconds)} mutations/s`,
      `device.sync() ${fmt(seconds, 2)} s in all (push, pull back, housekeeping)`,
    );
    row(
      '    push phase',
      `${fmt(N / pushSeconds)} mutations/s`,
      `${fmt(pushSeconds, 2)} s, ${push.requests} batches, ${fmt(push.ms / 1000, 2)} s of it waiting on HTTP`,
    );
    row(
      '    pull back its own check-ins',
      `${fmt((pull.last - push.last) / 1000, 2)} s`,
      `${fmt(run.pulled)} rows in ${pull.requests} pages, ${mb(pull.bytesIn)}, ${fmt(pull.ms / 1000, 2)} s HTTP`,
    );
    row(
      '    after the last response',
      `${fmt((t1 - pull.last) / 1000, 2)} s`,
      'housekeeping (pruning settled rows runs at most hourly, by the ackedAt index)',
    );
    row(
      '    queueing 10,000 (recordCheckin)',
      `${fmt(N / queueSeconds)} /s`,
      `${fmt(queueSeconds, 2)} s, one Dexie transaction each (not part of the drain)`,
    );
  } finally {
    await server.stop();
  }
}

// ---------------------------------------------------------------------------------------
// (c) An empty device pulling 10,000 participants

async function benchPull(): Promise<void> {
  const server = await startTestServer({ seed: 'demo' });
  try {
    // Seed: 10,000 imports with distinct valid NIPs, pushed by an organiser device.
    const clientId = 'bench-organiser';
    const token = await enrollRaw(server.url, server.code('organiser'), clientId);
    const args = Array.from({ length: N }, (_, i) => registrationArgs(i));
    const seed = await pushAll(server.url, token, clientId, 'participant.register', args);

    const meter = meteredFetch();
    const device = new TestDevice(server.url, { name: 'pull', fetch: meter.fetch });
    const t0 = now();
    await device.enroll(server.code('staff'));
    const run = await device.sync();
    const seconds = (now() - t0) / 1000;
    const total = N + demoParticipants.length;
    const local = await device.act(() => device.db.participants.count());
    if (run.state !== 'idle' || local !== total) {
      throw new Error(`pull: ${JSON.stringify(run)}, ${local} participants on the device`);
    }
    const pull = meter.get('/sync/pull');
    const gzip = pull.bodies.reduce((sum, b) => sum + gzipSync(b).length, 0);
    const all = [...meter.stats.values()].reduce((sum, s) => sum + s.bytesIn, 0);
    row(
      '(c) empty device pulls 10,000',
      `${fmt(seconds, 2)} s`,
      `enrol + sync, ${fmt(run.pulled)} rows, ${fmt(total / seconds)} participants/s`,
    );
    row(
      '    pull pages',
      `${pull.requests}`,
      `${fmt(pull.ms / 1000, 2)} s waiting on HTTP; the rest is the engine + IndexedDB`,
    );
    row(
      '    bytes received',
      mb(all),
      `decoded JSON ${mb(pull.bytesIn)}; sent gzip-compressed, about ${mb(gzip)} on the wire`,
    );
    row(
      '    bytes per participant',
      `${fmt(pull.bytesIn / total)} B`,
      `${fmt(gzip / total)} B gzipped (flattering: bench rows are alike)`,
    );
    row(
      '    seeding: participant.register ingest',
      `${fmt(N / seed.seconds)} mutations/s`,
      `p50 ${fmt(percentile(seed.batchMs, 50), 1)} · p95 ${fmt(percentile(seed.batchMs, 95), 1)} ms/batch, ${kb(seed.bytesPerBatch)} body`,
    );
  } finally {
    await server.stop();
  }
}

// ---------------------------------------------------------------------------------------

const started = now();
console.log(`Hadir bench — sync against the real server (in-process, HTTP on 127.0.0.1)\n`);
for (const [label, part] of [
  ['(b) client drain', benchDrain],
  ['(c) empty device pull', benchPull],
] as const) {
  const t0 = now();
  await part();
  console.log(`  ${label} done in ${fmt((now() - t0) / 1000, 1)} s`);
}
console.log();

const widths = [0, 1, 2].map((c) =>
  Math.max(...table.map((r) => r[c]!.length), ['what', 'figure', 'detail'][c]!.length),
);
const line = (r: [string, string, string]) =>
  `${r[0].padEnd(widths[0]!)}  ${r[1].padStart(widths[1]!)}  ${r[2]}`;
console.log(line(['what', 'figure', 'detail']));
console.log('-'.repeat(widths[0]! + widths[1]! + widths[2]! + 4));
for (const r of table) console.log(line(r));
console.log(
  `\n(c) seeds imports with` +
    `\ndistinct valid NIPs. (b) and (c) run the app's engine on fake-indexeddb, which is much` +
    `\nslower than a browser's IndexedDB: read them as an upper bound.` +
    ` Node ${process.version},` +
    ` total ${fmt((now() - started) / 1000, 1)} s.`,
);
