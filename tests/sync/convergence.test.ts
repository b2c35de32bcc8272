// Randomised convergence: five simulated devices (an organiser, three check-in desks and
// a trainer) make thousands of random changes against the real server over real HTTP,
// with offline stretches, server restarts on the same SQLite file and port, and push
// requests delivered twice. At the end every device must hold what the server holds, as
// its role sees it; every device must agree on every attendance state; and every
// mutation any device made must be accounted for, exactly once, on the server.
//
// Seeded and reproducible: HADIR_SEED=<n> replays a run's choices (ids, clocks and thus
// last-writer-wins outcomes come from the real clock and crypto.randomUUID, so only the
// choices repeat). HADIR_CONVERGENCE_OPS=<n> shortens a run while reducing a failure. On
// failure the seed and the path of the full operation log are printed.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { winningMark } from '#domain/attendance';
import { DEMO_EVENT_ID, demoParticipants, demoSessions } from '#domain/demo';
import {
  attendanceStatuses,
  checkinMethods,
  type AttendanceMark,
  type Participant,
} from '#domain/model';
import { parseNip } from '#domain/nip';
import type { Gender } from '#domain/validation';
import { markAttendance } from '#db/attendance';
import { recordCheckin } from '#db/checkins';
import { syncedTables, type OutboxRow } from '#db/database';
import { saveSession } from '#db/events';
import { clientId } from '#db/meta';
import { cancelParticipant, patchParticipant, registerParticipant } from '#db/participants';
import { getEnrollment } from '#sync/local';
import type { RunResult } from '#sync/engine';
import { PushResponse, type Role } from '#sync/protocol';
import { serverSecret } from '#server/auth';
import { nationalIdHmac } from '#server/apply/participants';
import type { Db } from '#server/store/database';
import { participant } from '#tests/support/factories';
import { parseSeed, Random } from '#tests/support/random';
import { startTestServer, type TestServer } from '#tests/support/server';
import { TestDevice } from '#tests/support/device';

const SEED = parseSeed(process.env.HADIR_SEED) ?? 20250602;
const OPS = Number(process.env.HADIR_CONVERGENCE_OPS ?? 2000);

// Chances, per operation.
const SYNC_AFTER_OP = 0.25; // the acting device syncs right after its change
const BACKGROUND_SYNC = 0.12; // some other online device syncs
const GO_OFFLINE = 0.015; // the acting device starts an offline stretch
const REPLAY_AFTER_SYNC = 0.07; // its last push request is delivered a second time
const RESTART = 0.003; // the server stops and starts again
const FORCED_RESTARTS = new Set([Math.floor(OPS * 0.3), Math.floor(OPS * 0.65)]);
const NIP_REUSE = 0.2; // a registration reuses a NIP another device registered
const HOT = 0.35; // an operation picks one of the demo participants every device knows

/** No rejection is expected: every device acts within its role, on what it knows. */
const EXPECTED_REJECTIONS = new Set<string>();

/** What a trainer receives of a participant (docs/protocol.md, "What each role sees"). */
const TRAINER_PARTICIPANT_FIELDS = [
  'id',
  'eventId',
  'batchId',
  'fullName',
  'institution',
  'regionCode',
  'status',
];

const TIMEZONE = 'Asia/Makassar';
const GENDERS: readonly Gender[] = ['L', 'P'];
const BATCH_IDS = [`${DEMO_EVENT_ID}-a1`, `${DEMO_EVENT_ID}-a2`];
const SESSION_IDS = demoSessions.map((s) => s.id);
const TRAINER_SESSION_IDS = [SESSION_IDS[0]!, SESSION_IDS[1]!, SESSION_IDS[5]!];
const HOT_PARTICIPANTS = demoParticipants.map((p) => p.id);
const EVENT_DAY0 = Date.parse('2025-06-02T00:30:00.000Z');
const DAY_MS = 86_400_000;

type Table = keyof ReturnType<typeof syncedTables>;
const TABLES: Table[] = [
  'events',
  'batches',
  'sessions',
  'participants',
  'checkins',
  'marks',
  'aliases',
];
type Data = Record<string, unknown>;
type View = Record<Table, Map<string, Data>>;
type DeviceRole = Exclude<Role, 'participant'>;
type OpName = 'register' | 'patch' | 'checkin' | 'mark' | 'cancel';

const MENUS: Record<DeviceRole, Partial<Record<OpName, number>>> = {
  organiser: { register: 3, patch: 3, checkin: 3, mark: 3, cancel: 1 },
  staff: { register: 3, patch: 2.5, checkin: 3.5, mark: 2 },
  trainer: { mark: 1 },
};
const DEVICES: [string, DeviceRole, number][] = [
  ['org', 'organiser', 2],
  ['s1', 'staff', 3],
  ['s2', 'staff', 3],
  ['s3', 'staff', 3],
  ['tr', 'trainer', 2],
];

interface Sim {
  name: string;
  role: DeviceRole;
  device: TestDevice;
  deviceId: string;
  clientId: string;
  token: string;
  /** Participant ids in the local database (refreshed after each sync), plus new ones. */
  known: string[];
  knownSet: Set<string>;
  /** The operation index until which this device does not sync. */
  offlineUntil: number;
  /** The body of the last push the server answered 200 to. */
  lastPush?: string;
  /** This device's earlier check-ins, to repeat them. */
  checkins: { participantId: string; dayOffset: number }[];
}

/** The simulation: the server (restarted in place), the devices and the random choices. */
class World {
  readonly rng = new Random(SEED);
  readonly log: string[] = [];
  readonly sims: Sim[] = [];
  readonly stats = {
    ops: {} as Record<string, number>,
    syncs: 0,
    maxPushed: 0,
    maxPulled: 0,
    syncNotIdle: {} as Record<string, number>,
    offlineWindows: 0,
    restarts: 0,
    replays: 0,
    replayedMutations: 0,
    nipReuses: 0,
  };
  /** NIPs registered so far: the person's gender and the devices that registered it. */
  readonly nips = new Map<string, { gender: Gender; devices: Set<string> }>();
  #nextNipSeq: Record<Gender, number> = { L: 0, P: 0 };
  #registrations = 0;

  private constructor(
    public server: TestServer,
    readonly dataDir: string,
  ) {}

  static async start(): Promise<World> {
    const dataDir = mkdtempSync(join(tmpdir(), 'hadir-convergence-'));
    return new World(await startTestServer({ dataDir }), dataDir);
  }

  get db(): Db {
    return this.server.db;
  }

  async addDevice(name: string, role: DeviceRole): Promise<Sim> {
    const sim = {
      name,
      role,
      known: [],
      knownSet: new Set(),
      offlineUntil: 0,
      checkins: [],
    } as unknown as Sim;
    // Forwards to the real server and keeps the last push body it accepted.
    const recording: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (String(input).endsWith('/sync/push') && res.ok && typeof init?.body === 'string') {
        sim.lastPush = init.body;
      }
      return res;
    };
    sim.device = new TestDevice(this.server.url, { fetch: recording, name });
    await sim.device.enroll(this.server.code(role));
    const enrollment = (await sim.device.act(getEnrollment))!;
    sim.deviceId = enrollment.deviceId;
    sim.token = enrollment.token;
    sim.clientId = await sim.device.act(clientId);
    return sim;
  }

  async sync(sim: Sim): Promise<RunResult> {
    const run = await sim.device.sync();
    this.stats.syncs++;
    this.stats.maxPushed = Math.max(this.stats.maxPushed, run.pushed);
    this.stats.maxPulled = Math.max(this.stats.maxPulled, run.pulled);
    if (run.state !== 'idle') {
      const key = `${run.state}:${sim.device.engine.status.lastError ?? '?'}`;
      this.stats.syncNotIdle[key] = (this.stats.syncNotIdle[key] ?? 0) + 1;
      this.log.push(`   ${sim.name} sync → ${key}`);
    }
    const keys = await sim.device.act(() =>
      sim.device.db.participants.toCollection().primaryKeys(),
    );
    sim.known = keys.map(String);
    sim.knownSet = new Set(sim.known);
    return run;
  }

  /** Stop the server and start it again on the same file and port. */
  async restart(i: number): Promise<void> {
    const { url, port } = this.server;
    await this.server.close();
    this.server = await startTestServer({ dataDir: this.dataDir, port });
    expect(this.server.url).toBe(url);
    this.stats.restarts++;
    this.log.push(`#${i} server restart`);
  }

  /** Deliver a device's last accepted push again: all duplicates, nothing changes. */
  async replay(sim: Sim, i: number): Promise<void> {
    const body = sim.lastPush;
    if (!body) return;
    const sent = (JSON.parse(body) as { mutations: { seq: number }[] }).mutations;
    const before = fingerprint(this.db);
    let res: Response | undefined;
    for (let attempt = 0; attempt < 3 && !res; attempt++) {
      res = await fetch(`${this.server.url}/api/v1/sync/push`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${sim.token}` },
        body,
      }).catch(() => undefined);
    }
    const what = `replay at #${i} by ${sim.name}`;
    expect(res?.status, what).toBe(200);
    const reply = PushResponse.parse(await res!.json());
    expect(
      reply.results.map((r) => r.status),
      `${what}: every mutation a duplicate`,
    ).toEqual(sent.map(() => 'duplicate'));
    expect(fingerprint(this.db), `${what} changed the server`).toBe(before);
    this.stats.replays++;
    this.stats.replayedMutations += sent.length;
    this.log.push(`#${i} ${sim.name} replay of ${sent.length} mutations from seq ${sent[0]?.seq}`);
  }

  #count(kind: string): void {
    this.stats.ops[kind] = (this.stats.ops[kind] ?? 0) + 1;
  }

  #newNip(gender: Gender): string {
    const n = (this.#nextNipSeq[gender] += this.rng.int(1, 2)) - 1;
    // Born in January 1990, TMT 2015-01, the gender digit, a sequence 001–999: a
    // well-formed NIP (after 999 the birth day moves on).
    const birthDay = String(1 + Math.floor(n / 999)).padStart(2, '0');
    const seq = String((n % 999) + 1).padStart(3, '0');
    const nip = `199001${birthDay}201501${gender === 'L' ? '1' : '2'}${seq}`;
    const check = parseNip(nip, { gender });
    if (!check.ok) throw new Error(`test bug: invalid NIP ${nip} (${check.code})`);
    return nip;
  }

  #choose(sim: Sim): string | undefined {
    const hot = HOT_PARTICIPANTS.filter((id) => sim.knownSet.has(id));
    if (hot.length > 0 && this.rng.chance(HOT)) return this.rng.pick(hot);
    return sim.known.length > 0 ? this.rng.pick(sim.known) : undefined;
  }

  async register(sim: Sim, i: number): Promise<void> {
    const { rng } = this;
    const id = `cv-${sim.name}-${++this.#registrations}`;
    const others = [...this.nips].filter(([, o]) => [...o.devices].some((d) => d !== sim.name));
    let fields: Partial<Participant>;
    let note: string;
    if (others.length > 0 && rng.chance(NIP_REUSE)) {
      const [nip, owner] = rng.pick(others);
      fields = { nip, gender: owner.gender, employmentStatus: 'pns' };
      owner.devices.add(sim.name);
      this.stats.nipReuses++;
      note = `reuses NIP ${nip}`;
    } else if (rng.chance(0.1)) {
      fields = { employmentStatus: 'non_asn', gender: rng.pick(GENDERS) };
      note = 'non-ASN, no NIP';
    } else {
      const gender = rng.pick(GENDERS);
      const nip = this.#newNip(gender);
      fields = { nip, gender, employmentStatus: 'pns' };
      this.nips.set(nip, { gender, devices: new Set([sim.name]) });
      note = `new NIP ${nip}`;
    }
    const p = participant({
      id,
      batchId: rng.pick(BATCH_IDS),
      source: rng.weighted({ walkin: 6, import: 2, self: 2 }),
      ...fields,
    });
    if (!fields.nip) delete p.nip;
    await sim.device.act(() => registerParticipant(p));
    sim.known.push(id);
    sim.knownSet.add(id);
    this.#count('register');
    this.log.push(`#${i} ${sim.name} register ${id} ${p.source} (${note})`);
  }

  async patch(sim: Sim, i: number): Promise<void> {
    const { rng } = this;
    const id = this.#choose(sim);
    if (!id) return;
    const values: Partial<Participant> = {};
    const set = (field: string) => {
      if (field === 'institution') values.institution = `Instansi ${rng.int(1, 60)}`;
      if (field === 'phone')
        values.phone = `+62812${String(rng.int(0, 9_999_999)).padStart(7, '0')}`;
      if (field === 'fullName') values.fullName = `Nama ${rng.int(1, 999)}, S.IP.`;
    };
    set(rng.weighted({ institution: 3, phone: 2, fullName: 3 }));
    if (rng.chance(0.2)) set(rng.pick(['institution', 'phone', 'fullName']));
    await sim.device.act(() => patchParticipant(id, values));
    this.#count('patch');
    this.log.push(`#${i} ${sim.name} patch ${id} ${JSON.stringify(values)}`);
  }

  async checkin(sim: Sim, i: number): Promise<void> {
    const { rng } = this;
    const earlier = sim.checkins.filter((c) => sim.knownSet.has(c.participantId));
    const repeat = earlier.length > 0 && rng.chance(0.3) ? rng.pick(earlier) : undefined;
    const participantId = repeat?.participantId ?? this.#choose(sim);
    if (!participantId) return;
    const dayOffset = repeat?.dayOffset ?? rng.pick([0, 0, 1, 21]);
    const at = new Date(EVENT_DAY0 + dayOffset * DAY_MS + rng.int(0, 8 * 3600) * 1000);
    const method = rng.pick(checkinMethods);
    await sim.device.act(() =>
      recordCheckin({ eventId: DEMO_EVENT_ID, participantId, method, timezone: TIMEZONE, at }),
    );
    sim.checkins.push({ participantId, dayOffset });
    this.#count(repeat ? 'checkin (repeat)' : 'checkin');
    this.log.push(
      `#${i} ${sim.name} checkin ${participantId} ${at.toISOString()}${repeat ? ' (repeat)' : ''}`,
    );
  }

  async mark(sim: Sim, i: number): Promise<void> {
    const { rng } = this;
    const participantId = this.#choose(sim);
    if (!participantId) return;
    // Desks mark the trainer's sessions often, so their marks compete with the trainer's.
    const sessionId =
      sim.role === 'trainer' || rng.chance(0.6)
        ? rng.pick(TRAINER_SESSION_IDS)
        : rng.pick(SESSION_IDS);
    const status = rng.pick(attendanceStatuses);
    await sim.device.act(() =>
      markAttendance({ eventId: DEMO_EVENT_ID, sessionId, participantId, status }),
    );
    this.#count('mark');
    this.log.push(`#${i} ${sim.name} mark ${participantId} ${sessionId} ${status}`);
  }

  async cancel(sim: Sim, i: number): Promise<void> {
    const id = this.#choose(sim);
    if (!id) return;
    await sim.device.act(() => cancelParticipant(id, `Batal (operasi ${i})`));
    this.#count('cancel');
    this.log.push(`#${i} ${sim.name} cancel ${id}`);
  }

  /** One random step: maybe a restart, one device's change, and some syncing. */
  async step(i: number): Promise<void> {
    const { rng } = this;
    if (FORCED_RESTARTS.has(i) || rng.chance(RESTART)) await this.restart(i);
    const sim =
      this.sims[
        pickIndex(
          rng,
          DEVICES.map(([, , w]) => w),
        )
      ]!;
    if (sim.offlineUntil <= i && rng.chance(GO_OFFLINE)) {
      // Now and then a long one, so that pushes span batches and pulls span pages.
      sim.offlineUntil = i + (rng.chance(0.15) ? rng.int(600, 1000) : rng.int(30, 250));
      this.stats.offlineWindows++;
      this.log.push(`#${i} ${sim.name} offline until #${sim.offlineUntil}`);
    }
    const op = rng.weighted(MENUS[sim.role] as Record<OpName, number>);
    await this[op](sim, i);
    if (sim.offlineUntil <= i && rng.chance(SYNC_AFTER_OP)) {
      await this.sync(sim);
      if (rng.chance(REPLAY_AFTER_SYNC)) await this.replay(sim, i);
    }
    if (rng.chance(BACKGROUND_SYNC)) {
      const other = rng.pick(this.sims);
      if (other.offlineUntil <= i) await this.sync(other);
    }
  }
}

function pickIndex(rng: Random, weights: number[]): number {
  const key = rng.weighted(Object.fromEntries(weights.map((w, k) => [String(k), w])));
  return Number(key);
}

let world: World | undefined;

afterAll(async () => {
  await world?.server.stop();
  if (world) rmSync(world.dataDir, { recursive: true, force: true });
});

describe('randomised convergence', () => {
  it(
    `converges: ${DEVICES.length} devices × ${OPS} random operations (seed ${SEED})`,
    { timeout: 300_000 },
    async ({ onTestFailed }) => {
      const started = performance.now();
      const w = await World.start();
      world = w;
      onTestFailed(() => {
        const path = join(tmpdir(), `hadir-convergence-${SEED}.log`);
        writeFileSync(path, w.log.join('\n') + '\n');
        console.error(
          `convergence failed with seed ${SEED} (rerun: HADIR_SEED=${SEED}); ` +
            `operation log: ${path}\nlast operations:\n${w.log.slice(-40).join('\n')}`,
        );
      });

      for (const [name, role] of DEVICES) w.sims.push(await w.addDevice(name, role));
      const org = w.sims.find((s) => s.role === 'organiser')!;
      const trainer = w.sims.find((s) => s.role === 'trainer')!;
      // The organiser assigns three sessions to the trainer's device (its server id).
      await w.sync(org);
      for (const sessionId of TRAINER_SESSION_IDS) {
        const session = (await org.device.act(() => org.device.db.sessions.get(sessionId)))!;
        await org.device.act(() =>
          saveSession({ ...session, trainerDeviceIds: [trainer.deviceId] }),
        );
      }
      for (const sim of w.sims) await w.sync(sim);
      w.log.push(`setup: ${trainer.deviceId} marks ${TRAINER_SESSION_IDS.join(', ')}`);

      for (let i = 0; i < OPS; i++) await w.step(i);
      const operations = Object.values(w.stats.ops).reduce((s, n) => s + n, 0);
      w.log.push(`end of the random run: ${operations} operations`);

      // Every device online again: push and pull until a whole round moves nothing.
      for (const sim of w.sims) sim.offlineUntil = 0;
      let rounds = 0;
      for (let quiet = false; !quiet;) {
        expect(++rounds, 'devices did not settle in 10 rounds').toBeLessThanOrEqual(10);
        quiet = true;
        for (const sim of w.sims) {
          const run = await w.sync(sim);
          if (run.state !== 'idle' || run.pushed > 0 || run.pulled > 0) quiet = false;
        }
      }
      w.log.push(`settled after ${rounds} rounds`);

      // Fresh devices pull everything from a null cursor (the reset snapshot).
      const observers = [
        await w.addDevice('obs-staff', 'staff'),
        await w.addDevice('obs-trainer', 'trainer'),
      ];
      for (const o of observers) expect((await w.sync(o)).state).toBe('idle');
      const everyone = [...w.sims, ...observers];

      const views = new Map<Sim, View>();
      for (const sim of everyone) views.set(sim, await localView(sim.device));
      const outboxes = new Map<Sim, OutboxRow[]>();
      for (const sim of everyone) {
        outboxes.set(
          sim,
          await sim.device.act(() => sim.device.db.outbox.orderBy('seq').toArray()),
        );
      }
      const accounting = checkAccounting(w.db, outboxes);
      const failures = [
        ...checkViews(w.db, views),
        ...checkWinners(w.db, views),
        ...accounting.failures,
        ...checkDuplicates(w.db, [...outboxes.values()].flat(), w.nips.keys()),
      ];
      expect(
        winners(views.get(trainer)!.marks).size,
        'the trainer sees attendance states',
      ).toBeGreaterThan(0);

      const count = (tbl: Table) =>
        (
          w.db
            .prepare('SELECT count(*) AS n FROM rows WHERE tbl = ? AND event_id = ?')
            .get(tbl, DEMO_EVENT_ID) as { n: number }
        ).n;
      const summary = {
        seed: SEED,
        devices: everyone.map((s) => `${s.name}:${s.role}`),
        operations,
        byKind: w.stats.ops,
        nipReuses: w.stats.nipReuses,
        mutations: accounting.total,
        outcomes: accounting.outcomes,
        rejections: accounting.rejections,
        server: {
          participants: count('participants'),
          aliases: count('aliases'),
          checkins: count('checkins'),
          marks: count('marks'),
        },
        syncRuns: w.stats.syncs,
        largestSync: { pushed: w.stats.maxPushed, pulled: w.stats.maxPulled },
        syncNotIdle: w.stats.syncNotIdle,
        offlineWindows: w.stats.offlineWindows,
        restarts: w.stats.restarts,
        replays: `${w.stats.replays} (${w.stats.replayedMutations} mutations)`,
        settleRounds: rounds,
        seconds: Number(((performance.now() - started) / 1000).toFixed(1)),
      };
      console.log(`convergence summary ${JSON.stringify(summary, null, 2)}`);
      expect(failures.slice(0, 60), `${failures.length} failures (seed ${SEED})`).toEqual([]);
      expect(operations).toBeGreaterThanOrEqual(OPS * 0.95);
    },
  );
});

// ---------------------------------------------------------------------------------------
// Views: what a device holds, and what the server says a device of its role should hold.

function emptyView(): View {
  return Object.fromEntries(TABLES.map((t) => [t, new Map()])) as View;
}

/** The server's rows of the demo event as a device of `role` may see them. */
function serverView(db: Db, role: Role, deviceId: string): View {
  const raw = db
    .prepare('SELECT tbl, id, data FROM rows WHERE event_id = ? AND deleted = 0')
    .all(DEMO_EVENT_ID) as { tbl: Table; id: string; data: string }[];
  const rows = raw.map((r) => ({ ...r, data: JSON.parse(r.data) as Data }));
  const assigned = (r: { data: Data }) =>
    ((r.data.trainerDeviceIds as string[] | undefined) ?? []).includes(deviceId);
  const mineRows = rows.filter((r) => r.tbl === 'sessions' && assigned(r));
  const mine = new Set(mineRows.map((r) => r.id));
  // A trainer's roster: the people of its sessions' batches (and their arrivals).
  const batches = new Set(mineRows.map((r) => String(r.data.batchId)));
  const roster = new Set(
    rows
      .filter((r) => r.tbl === 'participants' && batches.has(String(r.data.batchId)))
      .map((r) => r.id),
  );
  const view = emptyView();
  for (const r of rows) {
    let data = r.data;
    if (r.tbl === 'events' && role !== 'organiser') {
      // Who signs (official, approver, signatory, committee) and the letterhead are the
      // organiser's only.
      const { official: _o, approver: _a, certificate: _c, letterhead: _l, ...event } = r.data;
      data = { ...event, committee: [] };
    } else if (role === 'trainer') {
      if (r.tbl === 'participants') {
        if (!roster.has(r.id)) continue;
        data = Object.fromEntries(
          TRAINER_PARTICIPANT_FIELDS.filter((f) => f in r.data).map((f) => [f, r.data[f]]),
        );
      } else if (r.tbl === 'checkins') {
        if (!roster.has(String(r.data.participantId))) continue;
        const { signature: _signature, ...rest } = r.data;
        data = rest;
      } else if (r.tbl === 'marks' && !mine.has(String(r.data.sessionId))) {
        continue;
      }
    }
    view[r.tbl].set(r.id, data);
  }
  return view;
}

async function localView(device: TestDevice): Promise<View> {
  return device.act(async () => {
    const view = emptyView();
    const tables = syncedTables(device.db);
    for (const t of TABLES) {
      for (const row of (await tables[t].toArray()) as unknown as Data[]) {
        // searchKey and searchTokens are local search keys, not synced data.
        const { searchKey: _key, searchTokens: _tokens, ...data } = row;
        view[t].set(String(row.id), t === 'participants' ? data : row);
      }
    }
    return view;
  });
}

/** JSON with sorted keys and without undefined values, to compare rows. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

function compareViews(who: string, expected: View, actual: View): string[] {
  const out: string[] = [];
  for (const t of TABLES) {
    const problems: string[] = [];
    for (const [id, want] of expected[t]) {
      const got = actual[t].get(id);
      if (!got) {
        problems.push(`missing ${id}`);
      } else if (canonical(got) !== canonical(want)) {
        const fields = [...new Set([...Object.keys(want), ...Object.keys(got)])]
          .filter((f) => canonical(got[f]) !== canonical(want[f]))
          .map((f) => `${f}: device ${canonical(got[f])}, server ${canonical(want[f])}`);
        problems.push(`${id} differs (${fields.join('; ')})`);
      }
    }
    for (const id of actual[t].keys()) if (!expected[t].has(id)) problems.push(`extra ${id}`);
    if (problems.length > 0) {
      out.push(`1. ${who} ${t}: ${problems.length} rows: ${problems.slice(0, 5).join(' | ')}`);
    }
  }
  return out;
}

/** session|participant → the winning mark's status and id. */
function winners(marks: Map<string, Data>): Map<string, string> {
  const groups = new Map<string, AttendanceMark[]>();
  for (const m of marks.values()) {
    const mark = m as unknown as AttendanceMark;
    const key = `${mark.sessionId}|${mark.participantId}`;
    groups.set(key, [...(groups.get(key) ?? []), mark]);
  }
  const out = new Map<string, string>();
  for (const [key, list] of groups) {
    const w = winningMark(list)!;
    out.set(key, `${w.status} (${w.id})`);
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// The four checks. Each returns its failures as lines, so one run reports all of them.

/** 1. Every device holds exactly the server's rows, as its role sees them. */
function checkViews(db: Db, views: Map<Sim, View>): string[] {
  return [...views].flatMap(([sim, local]) =>
    compareViews(`${sim.name} (${sim.role})`, serverView(db, sim.role, sim.deviceId), local),
  );
}

/** 2. For every session and participant, every device that sees the marks has one winner. */
function checkWinners(db: Db, views: Map<Sim, View>): string[] {
  const out: string[] = [];
  for (const [sim, local] of views) {
    const want = winners(serverView(db, sim.role, sim.deviceId).marks);
    const got = winners(local.marks);
    for (const [key, w] of want) {
      const g = got.get(key);
      if (g !== w) out.push(`2. ${sim.name}: the state of ${key} is ${g ?? 'none'}, server ${w}`);
    }
    for (const key of got.keys()) {
      if (!want.has(key)) out.push(`2. ${sim.name}: holds a state for ${key} it may not see`);
    }
  }
  return out;
}

interface ServerMutation {
  client_id: string;
  seq: number;
  id: string;
  name: string;
  status: string;
  code: string | null;
}

/** 3. Every mutation any device made has its outcome on the server, and none is pending. */
function checkAccounting(db: Db, outboxes: Map<Sim, OutboxRow[]>) {
  const failures: string[] = [];
  const outcomes: Record<string, number> = {};
  const rejections: Record<string, number> = {};
  const byClient = new Map<string, Map<number, ServerMutation>>();
  const all = db
    .prepare(
      `SELECT d.client_id AS client_id, m.seq, m.id, m.name, m.status, m.code
       FROM mutations m JOIN devices d ON d.id = m.device_id`,
    )
    .all() as ServerMutation[];
  for (const m of all) {
    if (!byClient.has(m.client_id)) byClient.set(m.client_id, new Map());
    byClient.get(m.client_id)!.set(m.seq, m);
  }
  const lastSeq = db.prepare(
    'SELECT s.last_seq FROM streams s JOIN devices d ON d.stream = s.id WHERE d.client_id = ?',
  );
  let total = 0;
  for (const [sim, rows] of outboxes) {
    total += rows.length;
    const onServer = byClient.get(sim.clientId) ?? new Map<number, ServerMutation>();
    byClient.delete(sim.clientId);
    if (onServer.size !== rows.length) {
      failures.push(
        `3. ${sim.name}: ${rows.length} mutations made, ${onServer.size} on the server`,
      );
    }
    const last = (lastSeq.get(sim.clientId) as { last_seq: number } | undefined)?.last_seq ?? 0;
    if (last !== rows.length)
      failures.push(`3. ${sim.name}: server lastSeq ${last}, ${rows.length} made`);
    rows.forEach((row, k) => {
      const where = `3. ${sim.name} seq ${row.seq} ${row.name}`;
      if (row.seq !== k + 1) failures.push(`${where}: a gap in the outbox`);
      if (row.status === 'pending') failures.push(`${where}: still pending`);
      const s = onServer.get(row.seq);
      if (!s) return void failures.push(`${where}: missing on the server`);
      outcomes[s.status] = (outcomes[s.status] ?? 0) + 1;
      if (s.id !== row.id || s.name !== row.name) {
        failures.push(`${where}: the server has ${s.name} ${s.id} there`);
      }
      if (!['applied', 'merged', 'rejected', 'conflict'].includes(s.status)) {
        failures.push(`${where}: server outcome ${s.status}`);
      }
      const agrees = row.status === 'acked' ? ['applied', 'merged'] : [row.status];
      if (!agrees.includes(s.status)) {
        failures.push(`${where}: the device says ${row.status}, the server ${s.status}`);
      }
      if (s.status === 'rejected') {
        const code = s.code ?? '(no code)';
        rejections[`${row.name} ${code}`] = (rejections[`${row.name} ${code}`] ?? 0) + 1;
        if (!s.code || !EXPECTED_REJECTIONS.has(s.code)) {
          failures.push(`${where}: rejected ${code}: ${row.error?.message ?? ''}`);
        }
      }
    });
  }
  for (const c of byClient.keys()) failures.push(`3. the server holds mutations of unknown ${c}`);
  return { failures, outcomes, rejections, total };
}

/** 4. Each check-in and mark stored once; each NIP held by exactly one participant. */
function checkDuplicates(db: Db, made: OutboxRow[], nips: Iterable<string>): string[] {
  const out: string[] = [];
  const rowsOf = (tbl: Table) =>
    (
      db
        .prepare('SELECT id, data FROM rows WHERE tbl = ? AND event_id = ?')
        .all(tbl, DEMO_EVENT_ID) as { id: string; data: string }[]
    ).map((r) => ({ id: r.id, data: JSON.parse(r.data) as Data }));
  const participants = rowsOf('participants');
  const participantIds = new Set(participants.map((p) => p.id));
  const aliases = new Map(rowsOf('aliases').map((a) => [a.id, String(a.data.canonicalId)]));

  for (const [tbl, name, key] of [
    ['checkins', 'checkin.record', 'checkinId'],
    ['marks', 'attendance.mark', 'markId'],
  ] as const) {
    const ids = made.filter((r) => r.name === name).map((r) => String((r.args as Data)[key]));
    const stored = rowsOf(tbl);
    const times = new Map<string, number>();
    for (const r of stored) times.set(String(r.data.id), (times.get(String(r.data.id)) ?? 0) + 1);
    if (new Set(ids).size !== ids.length) out.push(`4. two ${name} mutations share an id`);
    for (const id of ids) {
      if (times.get(id) !== 1) out.push(`4. ${tbl} ${id} is stored ${times.get(id) ?? 0} times`);
    }
    if (stored.length !== ids.length)
      out.push(`4. ${stored.length} ${tbl} stored, ${ids.length} made`);
    for (const r of stored) {
      if (r.id !== r.data.id) out.push(`4. ${tbl} row ${r.id} holds ${String(r.data.id)}`);
      if (!participantIds.has(String(r.data.participantId))) {
        out.push(`4. ${tbl} ${r.id} names ${String(r.data.participantId)}, not a participant`);
      }
    }
  }

  const byNip = new Map<string, string[]>();
  for (const p of participants) {
    const nip = p.data.nip;
    if (typeof nip === 'string') byNip.set(nip, [...(byNip.get(nip) ?? []), p.id]);
  }
  const secret = serverSecret(db);
  const claim = db.prepare(
    "SELECT participant_id FROM national_ids WHERE event_id = ? AND kind = 'nip' AND hmac = ?",
  );
  for (const [nip, ids] of byNip) {
    if (ids.length !== 1) out.push(`4. NIP ${nip} is held by ${ids.join(', ')}`);
    const row = claim.get(DEMO_EVENT_ID, nationalIdHmac(secret, 'nip', nip)) as
      { participant_id: string } | undefined;
    if (row?.participant_id !== ids[0]) {
      out.push(`4. NIP ${nip} is claimed by ${row?.participant_id ?? 'nobody'}, held by ${ids[0]}`);
    }
  }
  for (const nip of nips) {
    if (!byNip.has(nip)) out.push(`4. NIP ${nip} was registered but no participant holds it`);
  }
  for (const [alias, canonicalId] of aliases) {
    if (participantIds.has(alias)) out.push(`4. ${alias} is both an alias and a participant`);
    if (!participantIds.has(canonicalId)) out.push(`4. alias ${alias} → missing ${canonicalId}`);
  }
  for (const r of made.filter((x) => x.name === 'participant.register')) {
    const id = (r.args as { participant: Participant }).participant.id;
    if (participantIds.has(id) === aliases.has(id)) {
      out.push(
        `4. registration ${id}: participant ${participantIds.has(id)}, alias ${aliases.has(id)}`,
      );
    }
  }
  return out;
}

/** Everything a push could change, hashed: rows, outcomes, sequences, claims, audit. */
function fingerprint(db: Db): string {
  const h = createHash('sha256');
  for (const q of [
    'SELECT tbl, id, data, hlcs, v, deleted FROM rows ORDER BY tbl, id',
    'SELECT stream, seq, id, status, code, canonical_id, v FROM mutations ORDER BY stream, seq',
    'SELECT id, last_seq FROM streams ORDER BY id',
    'SELECT event_id, kind, hmac, participant_id FROM national_ids ORDER BY event_id, kind, hmac',
    'SELECT count(*) AS n, max(id) AS last FROM participant_audit',
  ]) {
    for (const row of db.prepare(q).iterate()) h.update(JSON.stringify(row));
  }
  return h.digest('hex');
}
