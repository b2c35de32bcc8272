// `npm run bench` (part 9): a venue hub's uplink (issue 19). The office and a hub are two
// real servers on 127.0.0.1, each on its own SQLite file, the hub's uplink through a TCP
// proxy on loopback (cut to take the uplink away, as the e2e tests do).
//   (a) hall to office: a check-in pushed to the hub over HTTP, until the office holds it
//       (the hub relays at once when the hall changes something); 40 samples.
//   (b) a day's backlog: with the uplink cut, the hall records 2,000 check-ins and 8,000
//       marks; the uplink returns; until the office holds all 10,000 and the queue is empty.
import { newId } from '#domain/ids';
import { createEnrollCode, serverSecret } from '#server/auth';
import { DEMO_EVENT_ID, demoSessions } from '#domain/demo';
import { formatHlc } from '#domain/hlc';
import { localDay } from '#domain/time';
import { pairHub } from '#server/hub/pair';
import { Uplink } from '#server/hub/uplink';
import { openDatabase } from '#server/store/database';
import { getRow } from '#server/store/rows';
import { PROTOCOL_VERSION } from '#sync/protocol';
import { SCHEMA_VERSION } from '#db/database';
import { startTestServer, tempDataDir } from '#tests/support/server';
import { startTcpProxy } from '#tests/support/tcp-proxy';
import {
  benchPeople,
  ms,
  percentile,
  pushMutations,
  Report,
  seedPeople,
  spread,
  until,
} from './support';

const SAMPLES = 40;
const PEOPLE = 2_000;
/** Upstream's answer within a second, as the hall's desks have each other's. */
const LATENCY_BUDGET_MS = 1_000;
/** A day of a 2,000-person hall (10,000 mutations) at the office within 30 s of the
 * uplink's return: an organiser waiting at the laptop sees it done, not a progress bar. */
const BACKLOG_BUDGET_MS = 30_000;

const report = new Report();
const office = await startTestServer({ seed: 'demo' });
const people = benchPeople(PEOPLE);
seedPeople(office, people);

// The hub: paired through the proxy, its first round (the event whole) done, then served.
const proxy = await startTcpProxy(office.url);
const dir = tempDataDir();
{
  const db = openDatabase(dir);
  const code = createEnrollCode(office.db, { role: 'hub', eventId: DEMO_EVENT_ID }).code;
  await pairHub(db, proxy.url, code, { name: 'Laptop aula' });
  if (!(await new Uplink(db, { secret: serverSecret(db) }).syncOnce())) throw new Error('pair');
  db.close();
}
const hub = await startTestServer({ dataDir: dir, seed: 'none' });
try {
  // (a) A desk at the hub, on the wire.
  const code = createEnrollCode(hub.db, { role: 'staff', eventId: DEMO_EVENT_ID }).code;
  const enrolled = (await post(hub.url, '/devices/enroll', {
    enrollCode: code,
    deviceInfo: { clientId: 'bench-desk', name: 'Meja 1' },
  })) as { token: string };
  const latency: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const checkinId = newId();
    const wall = Date.now();
    const t0 = performance.now();
    await post(
      hub.url,
      '/sync/push',
      {
        protocolVersion: PROTOCOL_VERSION,
        schemaVersion: SCHEMA_VERSION,
        clientId: 'bench-desk',
        mutations: [
          {
            seq: i + 1,
            id: newId(),
            name: 'checkin.record',
            args: checkinArgs(checkinId, people[i]!.id, wall),
            hlc: formatHlc({ wall, counter: 0, node: 'bench-desk' }),
            createdAt: new Date(wall).toISOString(),
          },
        ],
      },
      enrolled.token,
    );
    while (!getRow(office.db, 'checkins', checkinId)) await new Promise((r) => setTimeout(r, 2));
    latency.push(performance.now() - t0);
  }
  report.row(`hall → office, ${SAMPLES} check-ins`, spread(latency));
  report.budget('hall → office p95', percentile(latency, 95), LATENCY_BUDGET_MS);

  // (b) The uplink goes; the hall goes on for a day; the uplink returns.
  proxy.cut();
  const at = Date.now();
  const checkins = people.map((p, i) => checkinArgs(newId(), p.id, at + i));
  const sessions = demoSessions.filter((s) => s.batchId === people[0]!.batchId).slice(0, 4);
  const marks = sessions.flatMap((s) =>
    people.map((p) => ({
      markId: newId(),
      eventId: DEMO_EVENT_ID,
      sessionId: s.id,
      participantId: p.id,
      status: 'hadir',
      at: new Date(at).toISOString(),
    })),
  );
  // Through the hub's own push path (as its devices' pushes arrive), by its own devices.
  const hall = {
    db: hub.db,
    code: (role: Parameters<typeof hub.code>[0]) => hub.code(role, DEMO_EVENT_ID),
  };
  pushMutations(hall, 'checkin.record', checkins, 'bench-hall-desk', { relay: true });
  pushMutations(hall, 'attendance.mark', marks, 'bench-hall-organiser', { relay: true });
  const total = checkins.length + marks.length;
  const queued = () => hub.uplink!.status().queued;
  if (queued() < total) throw new Error(`only ${queued()} of ${total} queued`);
  const officeCount = () =>
    (
      office.db
        .prepare(
          "SELECT count(*) AS n FROM rows WHERE tbl IN ('checkins', 'marks') AND deleted = 0",
        )
        .get() as { n: number }
    ).n;
  const before = officeCount();
  const t0 = performance.now();
  proxy.restore();
  hub.uplink!.nudge();
  await until(
    async () => queued() === 0 && officeCount() === before + total,
    'the backlog at the office',
    120_000,
  );
  const drained = performance.now() - t0;
  report.row(
    `backlog of ${total.toLocaleString('en')} to the office`,
    `${(drained / 1000).toFixed(2)} s · ${Math.round(total / (drained / 1000)).toLocaleString('en')} mutations/s`,
  );
  report.budget('backlog', drained, BACKLOG_BUDGET_MS);
} finally {
  await hub.close();
  await proxy.close();
  await office.close();
}
report.print(
  'Hadir bench — venue hub uplink',
  `office and hub on 127.0.0.1, each its own SQLite file; the uplink through a TCP proxy; ${PEOPLE.toLocaleString('en')} people`,
  `hall → office p95 ≤ ${ms(LATENCY_BUDGET_MS)}, backlog ≤ ${BACKLOG_BUDGET_MS / 1000} s`,
);

function checkinArgs(checkinId: string, participantId: string, wall: number) {
  const at = new Date(wall).toISOString();
  return {
    checkinId,
    eventId: DEMO_EVENT_ID,
    participantId,
    day: localDay(at, 'Asia/Makassar'),
    at,
    method: 'search',
  };
}

async function post(url: string, path: string, body: unknown, token?: string): Promise<unknown> {
  const res = await fetch(`${url}/api/v1${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
}
