// The simulation of the randomised convergence test (convergence.test.ts): five devices
// of the app against the real server, each step a seeded random choice of who acts, what
// they change, whether they sync, go offline, replay a push or restart the server.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { attendanceStatuses, checkinMethods, type Participant } from '#domain/model';
import { parseNip } from '#domain/nip';
import type { Gender } from '#domain/validation';
import { markAttendance } from '#db/attendance';
import { recordCheckin, undoCheckin } from '#db/checkins';
import { cancelParticipant, patchParticipant, registerParticipant } from '#db/participants';
import type { RunResult } from '#sync/engine';
import { PushResponse, type Role } from '#sync/protocol';
import type { Db } from '#server/store/database';
import { participant } from '#tests/support/factories';
import { parseSeed, Random } from '#tests/support/random';
import { startTestServer, type TestServer } from '#tests/support/server';
import { enrolApp, type TestDevice } from '#tests/support/device';
import { fingerprint } from '#tests/sync/convergence/oracles';
import { FIXTURE_EVENT_ID, fixture } from '#tests/support/fixture';

export const SEED = parseSeed(process.env.HADIR_SEED) ?? 20250602;
export const OPS = Number(process.env.HADIR_CONVERGENCE_OPS ?? 2000);

// Chances, per operation.
const SYNC_AFTER_OP = 0.25; // the acting device syncs right after its change
const BACKGROUND_SYNC = 0.12; // some other online device syncs
const GO_OFFLINE = 0.015; // the acting device starts an offline stretch
const REPLAY_AFTER_SYNC = 0.07; // its last push request is delivered a second time
const RESTART = 0.003; // the server stops and starts again
const FORCED_RESTARTS = new Set([Math.floor(OPS * 0.3), Math.floor(OPS * 0.65)]);
const NIP_REUSE = 0.2; // a registration reuses a NIP another device registered
const HOT = 0.35; // an operation picks one of the test event's participants every device knows

const TIMEZONE = 'Asia/Makassar';
const GENDERS: readonly Gender[] = ['L', 'P'];
const BATCH_IDS = [`${FIXTURE_EVENT_ID}-a1`, `${FIXTURE_EVENT_ID}-a2`];
const SESSION_IDS = fixture.sessions.map((s) => s.id);
export const TRAINER_SESSION_IDS = [SESSION_IDS[0]!, SESSION_IDS[1]!, SESSION_IDS[5]!];
const HOT_PARTICIPANTS = fixture.people.map((p) => p.id);
const EVENT_DAY0 = Date.parse('2025-06-02T00:30:00.000Z');
const DAY_MS = 86_400_000;

export type DeviceRole = Exclude<Role, 'participant'>;
type OpName = 'register' | 'patch' | 'checkin' | 'undo' | 'mark' | 'cancel';

const MENUS: Record<DeviceRole, Partial<Record<OpName, number>>> = {
  organiser: { register: 3, patch: 3, checkin: 3, undo: 0.3, mark: 3, cancel: 1 },
  staff: { register: 3, patch: 2.5, checkin: 3.5, undo: 0.5, mark: 2 },
  trainer: { mark: 1 },
};
export const DEVICES: [string, DeviceRole, number][] = [
  ['org', 'organiser', 2],
  ['s1', 'staff', 3],
  ['s2', 'staff', 3],
  ['s3', 'staff', 3],
  ['tr', 'trainer', 2],
];

export interface Sim {
  name: string;
  role: DeviceRole;
  device: TestDevice;
  /** Participant ids in the local database (refreshed after each sync), plus new ones. */
  known: string[];
  knownSet: Set<string>;
  /** The operation index until which this device does not sync. */
  offlineUntil: number;
  /** The body of the last push the server answered 200 to. */
  lastPush?: string;
  /** This device's earlier check-ins, to repeat them (or take one back: `id`). */
  checkins: { id: string; participantId: string; dayOffset: number }[];
}

/** The simulation: the server (restarted in place), the devices and the random choices. */
export class World {
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
    sim.device = await enrolApp(this.server, role, { fetch: recording, name });
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
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${sim.device.token}`,
        },
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
    const { id } = await sim.device.act(() =>
      recordCheckin({ eventId: FIXTURE_EVENT_ID, participantId, method, timezone: TIMEZONE, at }),
    );
    sim.checkins.push({ id, participantId, dayOffset });
    this.#count(repeat ? 'checkin (repeat)' : 'checkin');
    this.log.push(
      `#${i} ${sim.name} checkin ${participantId} ${at.toISOString()}${repeat ? ' (repeat)' : ''}`,
    );
  }

  /** The desk takes back one of its own check-ins (a checkin.void), sent or not yet. */
  async undo(sim: Sim, i: number): Promise<void> {
    if (sim.checkins.length === 0) return;
    const k = this.rng.int(0, sim.checkins.length - 1);
    const [c] = sim.checkins.splice(k, 1);
    if (!(await sim.device.act(() => undoCheckin(c!.id)))) return;
    this.#count('undo');
    this.log.push(`#${i} ${sim.name} undo ${c!.id}`);
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
      markAttendance({ eventId: FIXTURE_EVENT_ID, sessionId, participantId, status }),
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
