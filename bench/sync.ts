import 'fake-indexeddb/auto'; // before anything imports Dexie
// `npx tsx bench/sync.ts` (part of `npm run bench`): sync throughput against the real
// server, in-process on 127.0.0.1, over real HTTP. Printed figures, no budgets.
//   (a) server ingest: 10,000 check-ins pushed by one staff device in batches of 200
//   (b) one client draining 10,000 queued check-ins (the real engine on fake-indexeddb)
//   (c) an empty device pulling 10,000 participants (seeded by an organiser device)
// Each part gets its own fresh server and SQLite file.
import { gzipSync } from 'node:zlib';
import { recordCheckin } from '#db/checkins';
import { SCHEMA_VERSION } from '#db/database';
import { pendingCount } from '#db/outbox';
import { DEMO_EVENT_ID, demoBatches, demoParticipants } from '#domain/demo';
import { formatHlc } from '#domain/hlc';
import type { Participant } from '#domain/model';
import type { MutationArgs } from '#domain/mutations';
import { parseNip } from '#domain/nip';
import { PROTOCOL_VERSION, PushResponse, type WireMutation } from '#sync/protocol';
import { TestDevice } from '#tests/support/device';
import { startTestServer, type TestServer } from '#tests/support/server';

const N = 10_000;
const BATCH = 200;
const TZ = 'Asia/Makassar';

// ---------------------------------------------------------------------------------------
// Helpers

const now = () => performance.now();

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((x, y) => x - y);
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

async function api(
  server: TestServer,
  path: string,
  body: unknown,
  token?: string,
): Promise<{ status: number; json: unknown; ms: number; bytesOut: number }> {
  const text = JSON.stringify(body);
  const t0 = now();
  const res = await fetch(`${server.url}/api/v1${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: text,
  });
  const json: unknown = await res.json();
  return { status: res.status, json, ms: now() - t0, bytesOut: Buffer.byteLength(text) };
}

/** A device enrolled with raw HTTP, as an integrator's client would. */
async function enrollRaw(server: TestServer, role: 'organiser' | 'staff', clientId: string) {
  const reply = await api(server, '/devices/enroll', {
    enrollCode: server.code(role),
    deviceInfo: { clientId, name: `bench ${role}` },
  });
  if (reply.status !== 200) throw new Error(`enrol: ${reply.status} ${JSON.stringify(reply.json)}`);
  return (reply.json as { token: string }).token;
}

interface PushRun {
  seconds: number;
  batchMs: number[];
  bytesPerBatch: number;
}

/** Push `args` as mutations `name` in batches of 200 (seq 1…n); every one must apply. */
async function pushAll(
  server: TestServer,
  token: string,
  clientId: string,
  name: string,
  args: unknown[],
): Promise<PushRun> {
  const batchMs: number[] = [];
  let bytes = 0;
  const t0 = now();
  for (let start = 0; start < args.length; start += BATCH) {
    const wall = Date.now();
    const mutations: WireMutation[] = args.slice(start, start + BATCH).map((a, i) => ({
      seq: start + i + 1,
      id: crypto.randomUUID(),
      name,
      args: a,
      hlc: formatHlc({ wall, counter: i, node: clientId }),
      createdAt: new Date(wall).toISOString(),
    }));
    const reply = await api(
      server,
      '/sync/push',
      { protocolVersion: PROTOCOL_VERSION, schemaVersion: SCHEMA_VERSION, clientId, mutations },
      token,
    );
    const res = PushResponse.parse(reply.json);
    const bad = res.results.find((r) => r.status !== 'applied');
    if (reply.status !== 200 || bad || res.lastProcessedSeq !== start + mutations.length) {
      throw new Error(`push: ${reply.status} ${JSON.stringify(bad ?? res).slice(0, 300)}`);
    }
    batchMs.push(reply.ms);
    bytes += reply.bytesOut;
  }
  return { seconds: (now() - t0) / 1000, batchMs, bytesPerBatch: bytes / batchMs.length };
}

function checkinArgs(i: number): MutationArgs<'checkin.record'> {
  const at = new Date().toISOString();
  return {
    checkinId: crypto.randomUUID(),
    eventId: DEMO_EVENT_ID,
    participantId: demoParticipants[i % demoParticipants.length]!.id,
    day: '2025-06-02',
    at,
    method: 'qr',
  };
}

/** A distinct, well-formed PNS NIP per i: birth date, TMT 25 years later, gender, sequence. */
function nipFor(i: number): string {
  const birth = new Date(Date.UTC(1965, 0, 1) + i * 86_400_000);
  const y = birth.getUTCFullYear();
  const mm = String(birth.getUTCMonth() + 1).padStart(2, '0');
  const dd = String(birth.getUTCDate()).padStart(2, '0');
  const tmt = `${y + 25}${String((i % 12) + 1).padStart(2, '0')}`;
  const nip = `${y}${mm}${dd}${tmt}${i % 2 ? 2 : 1}${String((i % 999) + 1).padStart(3, '0')}`;
  const check = parseNip(nip, { gender: i % 2 ? 'P' : 'L' });
  if (!check.ok) throw new Error(`bench NIP ${nip} is invalid: ${check.code}`);
  return nip;
}

function registrationArgs(i: number): MutationArgs<'participant.register'> {
  const participant: Participant = {
    id: `bench-p${i}`,
    eventId: DEMO_EVENT_ID,
    batchId: demoBatches[i % demoBatches.length]!.id,
    fullName: `Peserta Bench ${i + 1}, S.IP.`,
    employmentStatus: 'pns',
    nip: nipFor(i),
    gender: i % 2 ? 'P' : 'L',
    position: 'pustakawan_ahli_pertama',
    institution: 'Dinas Perpustakaan dan Kearsipan Kota Banjarmasin',
    regionCode: '63.71',
    libraryType: 'umum_kabkota',
    phone: `+62812${String(10_000_000 + i).padStart(8, '0')}`,
    certificationIntention: 'ya',
    consentAt: '2025-05-20T02:00:00.000Z',
    source: 'import',
    status: 'registered',
    ticketCode: `B${String(i).padStart(6, '0')}`,
    needsReview: false,
    createdAt: '2025-05-20T02:00:00.000Z',
    updatedAt: '2025-05-20T02:00:00.000Z',
  };
  return { participant };
}

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
// (a) Server ingest: 10,000 check-ins of the demo participants, one staff device, raw HTTP

async function benchIngest(): Promise<void> {
  // Measured on the demo event, as a new install holds it.
  const server = await startTestServer({ seed: 'demo' });
  try {
    const clientId = 'bench-ingest';
    const token = await enrollRaw(server, 'staff', clientId);
    const args = Array.from({ length: N }, (_, i) => checkinArgs(i));
    const run = await pushAll(server, token, clientId, 'checkin.record', args);
    const stored = server.db
      .prepare("SELECT count(*) AS n FROM rows WHERE tbl = 'checkins'")
      .get() as { n: number };
    if (stored.n !== N) throw new Error(`expected ${N} check-ins, server has ${stored.n}`);
    row(
      '(a) server ingest, checkin.record',
      `${fmt(N / run.seconds)} mutations/s`,
      `${fmt(N)} in ${fmt(run.seconds, 2)} s, ${run.batchMs.length} batches of ${BATCH}`,
    );
    row(
      '    ms per batch of 200',
      `p50 ${fmt(percentile(run.batchMs, 50), 1)} · p95 ${fmt(percentile(run.batchMs, 95), 1)}`,
      `max ${fmt(Math.max(...run.batchMs), 1)} ms, ${kb(run.bytesPerBatch)} request body`,
    );
  } finally {
    await server.stop();
  }
}

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
    const token = await enrollRaw(server, 'organiser', clientId);
    const args = Array.from({ length: N }, (_, i) => registrationArgs(i));
    const seed = await pushAll(server, token, clientId, 'participant.register', args);

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
  ['(a) server ingest', benchIngest],
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
  `\n(a) pushes check-ins (checkin.record) of the 6 demo participants; (c) seeds imports with` +
    `\ndistinct valid NIPs. (b) and (c) run the app's engine on fake-indexeddb, which is much` +
    `\nslower than a browser's IndexedDB: read them as an upper bound.` +
    ` Node ${process.version},` +
    ` total ${fmt((now() - started) / 1000, 1)} s.`,
);
