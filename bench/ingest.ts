// `npm run bench` (part 3): the server's ingest, as `npm start` runs it (its own process,
// SQLite with synchronous=FULL), over HTTP on 127.0.0.1 from this process: the two cores
// split between the server and the devices, as on the office's 2-core machine.
//   (a) check-ins, (b) marks, (c) registrations: 10,000 each in batches of 200, first from
//       one device alone, then in three rounds from 8 devices at once (the server's
//       ingest: a device alone waits for its own round trips, and the server for it);
//   (d) 50 desks pushing at once, each 20 pushes of 10 check-ins (a desk's push after a
//       tap holds one; after a short outage, a handful): every push's time.
// Each is held against the same pushes (the same bodies, devices and concurrency) sent to a
// bare node:http + SQLite server measured in the same run (bench/reference.ts): the rounds
// alternate between the two, and (d) runs on the bare server before and after ours.
import { newId } from '#domain/ids';
import { createEnrollCode } from '#server/auth';
import { DEMO_EVENT_ID, demoParticipants, demoSessions } from '#domain/demo';
type Role = 'staff' | 'organiser';
import { openDatabase } from '#server/store/database';
import { killChildren, startChildServer, tempDataDir } from '#tests/support/server';
import { startReferenceServer } from './reference';
import { median, percentile, Report, spread } from './support';
import {
  checkinArgs,
  enrollRaw,
  type PreparedPush,
  prepareAll,
  registrationArgs,
  sendAll,
  wireDevice,
} from './wire';

const N = 10_000;
const ROUNDS = 5;
/** Devices pushing at once in a round of (a)–(c): enough to keep the server busy. */
const SENDERS = 8;
const DESKS = 50;
const PUSHES = 20;
const PER_PUSH = 10;
/** The goals (issue 20), on this 2-core machine. */
const FACTS_PER_S = 20_000;
const REGISTRATIONS_PER_S = 5_000;
const PUSH_P95_MS = 100;
/** The bare server's figures (bench/reference.ts) on this machine unshared, which is what
 * the goals are for: medians of 3 runs of this bench on 2026-12-03 at 19:35 UTC, when no
 * other session was running (range in brackets; our ratios to them: check-ins 0.195–0.222,
 * marks 0.175–0.179, registrations 0.074–0.076, push p95 1.63–1.73). While another
 * session ran tests and browsers on the same 2 cores (load 4–6, 11 runs at 18:52–19:13),
 * the bare server fell to a third (check-ins 35,000–80,000/s) and ours to half, so the
 * ratios rose (check-ins 0.22–0.32: the verdict eases; push p95 1.2–3.2: it tightens): a
 * nominal must come from an unshared machine, not from a median of shared runs. */
const NOMINAL = {
  checkins: 114_000, // mutations/s [104,600–122,600]
  marks: 123_000, // [118,700–130,300]
  registrations: 75_000, // [72,900–76,700]
  pushP95: 37, // ms [35.9–45.0]
};
/** Under the scaled goal by no more than this share is said, not failed: the ratios' spread
 * between the unshared runs (±7% about their median, check-ins once +14%), doubled. */
const TOLERANCE = 0.15;

const dir = tempDataDir();
const server = await startChildServer(dir);
const bare = await startReferenceServer(dir);
/** A device of the bare server: any token, the same bodies. */
const bareDevice = (clientId: string) => wireDevice(bare.url, 'reference', clientId);
const db = openDatabase(dir);
const code = (role: Role) => createEnrollCode(db, { role, eventId: DEMO_EVENT_ID }).code;
const people = demoParticipants.map((p) => p.id);
const report = new Report();
let devices = 0;

/** One device alone (its own round trips bound it), then rounds of SENDERS devices at once
 * (the server kept busy: its ingest). Each round's pushes go to the bare server before
 * and after ours (bracketed: the machine's speed on both sides of our figure); the
 * figures are the medians of our rounds and of the bare server's. */
async function rounds(
  what: string,
  role: Role,
  name: string,
  args: (round: number, i: number) => unknown,
): Promise<{ rate: number; reference: number }> {
  const ready = async (round: number, count: number, offset: number) => {
    const clientId = `bench-${role}-${++devices}`;
    const token = await enrollRaw(server.url, code(role), clientId);
    const list = Array.from({ length: count }, (_, i) => args(round, offset + i));
    return prepareAll(server.url, token, clientId, name, list);
  };
  const first = await ready(0, N, 0);
  const alone = await sendAll(first);
  // The bare server warmed up on the same bodies (its first pass was a third slower).
  await sendAll({ device: bareDevice(`${role}-warm-${devices}`), batches: first.batches });
  const rates: number[] = [];
  const references: number[] = [];
  const batches: number[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const senders = await Promise.all(
      Array.from({ length: SENDERS }, (_, d) => ready(round, N / SENDERS, (d * N) / SENDERS)),
    );
    const ours = async () => {
      const t0 = performance.now();
      const runs = await Promise.all(senders.map(sendAll));
      rates.push(N / ((performance.now() - t0) / 1000));
      for (const run of runs) batches.push(...run.batchMs);
    };
    const reference = async () => {
      const t0 = performance.now();
      await Promise.all(
        senders.map((s, d) => sendAll({ device: bareDevice(`${role}-${d}`), batches: s.batches })),
      );
      references.push(N / ((performance.now() - t0) / 1000));
    };
    await reference();
    await ours();
    await reference();
  }
  const n = (x: number) => Math.round(x).toLocaleString('en');
  report.row(
    what,
    `${n(median(rates))}/s (rounds ${rates.map(n).join(', ')}; one device alone ${n(N / alone.seconds)}/s) · per batch ${spread(batches)}`,
  );
  report.row(
    '    the bare server, before and after each round',
    `${n(median(references))}/s (${references.map(n).join(', ')})`,
  );
  return { rate: median(rates), reference: median(references) };
}

try {
  const checkins = await rounds(
    '(a) check-ins, batches of 200',
    'staff',
    'checkin.record',
    (_, i) => checkinArgs(i, people),
  );
  report.ratio('check-ins ingest', {
    value: checkins.rate,
    reference: checkins.reference,
    nominal: NOMINAL.checkins,
    goal: FACTS_PER_S,
    unit: 'mutations/s',
    tolerance: TOLERANCE,
  });
  const sessions = demoSessions.map((s) => s.id);
  const marks = await rounds(
    '(b) marks, batches of 200',
    'organiser',
    'attendance.mark',
    (_, i) => ({
      markId: newId(),
      eventId: DEMO_EVENT_ID,
      sessionId: sessions[i % sessions.length]!,
      participantId: people[Math.floor(i / sessions.length) % people.length]!,
      status: i % 7 === 0 ? 'terlambat' : 'hadir',
      at: new Date().toISOString(),
    }),
  );
  report.ratio('marks ingest', {
    value: marks.rate,
    reference: marks.reference,
    nominal: NOMINAL.marks,
    goal: FACTS_PER_S,
    unit: 'mutations/s',
    tolerance: TOLERANCE,
  });
  const registrations = await rounds(
    '(c) registrations, batches of 200',
    'organiser',
    'participant.register',
    (round, i) => {
      const { participant } = registrationArgs(round * N + i);
      return { participant: { ...participant, id: `bench-r${round}-${i}` } };
    },
  );
  report.ratio('registrations ingest', {
    value: registrations.rate,
    reference: registrations.reference,
    nominal: NOMINAL.registrations,
    goal: REGISTRATIONS_PER_S,
    unit: 'per s',
    tolerance: TOLERANCE,
  });

  // (d) Fifty desks, all pushing at once.
  const desks = await Promise.all(
    Array.from({ length: DESKS }, async (_, d) => {
      const clientId = `bench-desk-${d}`;
      return wireDevice(server.url, await enrollRaw(server.url, code('staff'), clientId), clientId);
    }),
  );
  // Each desk's pushes made ready first (see PreparedPush), then all sent at once.
  const ready = desks.map((desk, d) =>
    Array.from({ length: PUSHES }, (_, p) =>
      desk.prepare(
        'checkin.record',
        Array.from({ length: PER_PUSH }, (_, i) => checkinArgs(d + p + i, people)),
      ),
    ),
  );
  /** Every desk's pushes sent at once, each desk's one after another: every push's time. */
  const pushAll = async (send: (d: number, push: PreparedPush) => Promise<{ ms: number }>) => {
    const times: number[] = [];
    const t0 = performance.now();
    await Promise.all(
      ready.map(async (pushes, d) => {
        for (const push of pushes) times.push((await send(d, push)).ms);
      }),
    );
    return { times, seconds: (performance.now() - t0) / 1000 };
  };
  const bareDesks = desks.map((_, d) => bareDevice(`desk-${d}`));
  const toBare = (d: number, push: PreparedPush) => bareDesks[d]!.send(push);
  const before = await pushAll(toBare);
  const { times, seconds } = await pushAll((d, push) => desks[d]!.send(push));
  const after = await pushAll(toBare);
  const bareTimes = [...before.times, ...after.times];
  const total = DESKS * PUSHES * PER_PUSH;
  report.row(
    `(d) ${DESKS} desks at once, pushes of ${PER_PUSH}`,
    `${spread(times)} · ${Math.round(total / seconds).toLocaleString('en')} mutations/s`,
  );
  report.row('    the bare server, before and after', spread(bareTimes));
  report.ratio('push p95 with 50 desks', {
    value: percentile(times, 95),
    reference: percentile(bareTimes, 95),
    nominal: NOMINAL.pushP95,
    goal: PUSH_P95_MS,
    unit: 'ms',
    tolerance: TOLERANCE,
  });
} finally {
  db.close();
  await bare.stop();
  await killChildren();
}
report.print(
  'Hadir bench — server ingest',
  'the server as `npm start` runs it, its own process; devices on raw HTTP from this one, 127.0.0.1',
  `check-ins and marks ≥ ${FACTS_PER_S.toLocaleString('en')}/s, registrations ≥ ${REGISTRATIONS_PER_S.toLocaleString('en')}/s, push p95 ≤ ${PUSH_P95_MS} ms with ${DESKS} desks`,
);
