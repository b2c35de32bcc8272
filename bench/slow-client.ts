// `npm run bench` (part 7): slow clients against the real server with its production
// limits (TIMEOUTS in src/server/main.ts), over real TCP on 127.0.0.1.
//   (a) a client trickling 1 byte/s is let go: one that never finishes its headers, and
//       one that sends its headers and then its body at that rate
//   (b) a full push batch (256 KB, MAX_BATCH_BYTES) sent at 50 KB/s, a weak 3G link, is
//       applied
// All three run at once, each on its own connection: about the body limit plus a check,
// some 22 s in all.
import { newId } from '#domain/ids';
import { SCHEMA_VERSION } from '#db/database';
import { DEMO_EVENT_ID, demoParticipants } from '#domain/demo';
import { formatHlc } from '#domain/hlc';
import { TIMEOUTS } from '#server/main';
import {
  MAX_BATCH_BYTES,
  MAX_BATCH_MUTATIONS,
  PROTOCOL_VERSION,
  PushResponse,
} from '#sync/protocol';
import { startTestServer, type TestServer } from '#tests/support/server';
import { sendSlowly, type SlowResult } from '#tests/support/trickle';
import { Report } from './support';

const FREED_BUDGET_MS = 30_000;
const WEAK_3G = 50 * 1024; // bytes per second
const TRICKLE = 1; // byte per second
const GIVE_UP_MS = 60_000; // the client's own patience: past it, the server never let go

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function enrolStaff(server: TestServer, clientId: string): Promise<string> {
  const res = await fetch(`${server.url}/api/v1/devices/enroll`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ enrollCode: server.code('staff'), deviceInfo: { clientId } }),
  });
  if (res.status !== 200) throw new Error(`enrol: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

/** A push as large as the app sends: 200 signed check-ins filling MAX_BATCH_BYTES. */
function fullBatch(clientId: string): string {
  const wall = Date.now();
  const body = (strokes: number) =>
    JSON.stringify({
      protocolVersion: PROTOCOL_VERSION,
      schemaVersion: SCHEMA_VERSION,
      clientId,
      mutations: Array.from({ length: MAX_BATCH_MUTATIONS }, (_, i) => ({
        seq: i + 1,
        id: newId(),
        name: 'checkin.record',
        args: {
          checkinId: newId(),
          eventId: DEMO_EVENT_ID,
          participantId: demoParticipants[i % demoParticipants.length]!.id,
          day: '2025-06-02',
          at: new Date(wall).toISOString(),
          method: 'qr',
          signature: `M1 1l${'1 1 '.repeat(strokes)}1 1`,
        },
        hlc: formatHlc({ wall, counter: i, node: clientId }),
        createdAt: new Date(wall).toISOString(),
      })),
    });
  // Each stroke is 4 bytes in each of the 200 mutations.
  const bare = Buffer.byteLength(body(0));
  return body(Math.floor((MAX_BATCH_BYTES - bare) / (4 * MAX_BATCH_MUTATIONS)));
}

const head = (lines: string[]) => [...lines, '', ''].join('\r\n');

const report = new Report();
// Measured on the demo event, as a new install holds it.
const server = await startTestServer({ seed: 'demo' });
try {
  const clientId = 'bench-slow-phone';
  const token = await enrolStaff(server, clientId);
  const batch = fullBatch(clientId);
  const bytes = Buffer.byteLength(batch);
  const push = (length: number) => [
    'POST /api/v1/sync/push HTTP/1.1',
    'Host: 127.0.0.1',
    `Authorization: Bearer ${token}`,
    'Content-Type: application/json',
    `Content-Length: ${length}`,
    'Connection: close',
  ];
  const [headers, body, upload] = await Promise.all([
    sendSlowly(server.url, {
      head: 'POST /api/v1/sync/push HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ',
      rest: 'a'.repeat(1_000),
      bytesPerSecond: TRICKLE,
      giveUpMs: GIVE_UP_MS,
    }),
    sendSlowly(server.url, {
      head: head(push(100_000)),
      rest: 'x'.repeat(100_000),
      bytesPerSecond: TRICKLE,
      giveUpMs: GIVE_UP_MS,
    }),
    sendSlowly(server.url, {
      head: head(push(bytes)),
      rest: batch,
      bytesPerSecond: WEAK_3G,
      giveUpMs: GIVE_UP_MS,
    }),
  ]);

  const freed = (what: string, r: SlowResult, limit: number) => {
    const by = r.closedByServer ? `answered ${r.status ?? 'nothing'}` : 'NOT freed: client gave up';
    report.row(what, `${s(r.closedMs)} (limit ${s(limit)}; ${r.sent} bytes taken; ${by})`);
    report.budget(what, r.closedByServer ? r.closedMs : Infinity, FREED_BUDGET_MS);
  };
  freed('(a) headers at 1 byte/s, freed after', headers, TIMEOUTS.headersMs);
  freed('(a) body at 1 byte/s, freed after', body, TIMEOUTS.requestMs);

  // Required to succeed: an upload cut short would be a phone that can never sync.
  const reply = upload.response.slice(upload.response.indexOf('\r\n\r\n') + 4);
  const applied = upload.status === 200 ? PushResponse.parse(JSON.parse(reply)).results : [];
  const ok = applied.length === MAX_BATCH_MUTATIONS && applied.every((r) => r.status === 'applied');
  report.row(
    `(b) ${(bytes / 1024).toFixed(0)} KB push at 50 KB/s, answered after`,
    `${s(upload.answeredMs ?? upload.closedMs)} (HTTP ${upload.status ?? 'none'}, ${applied.length} applied)`,
  );
  if (!ok) throw new Error(`(b) the 3G upload failed: ${upload.response.slice(0, 300)}`);
} finally {
  await server.stop();
}

report.print(
  'Hadir bench — slow clients against the production limits',
  `headers ${s(TIMEOUTS.headersMs)}, request ${s(TIMEOUTS.requestMs)}, checked every ${s(TIMEOUTS.checkMs)}; real TCP on 127.0.0.1`,
  `a slow client freed within ${s(FREED_BUDGET_MS)} · a full batch at 50 KB/s applied`,
);
