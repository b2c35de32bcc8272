// A device for tests, against the real server over real HTTP (architecture rule 7). One
// driver for every test, used in one of two ways:
//  - on the wire, as a server test drives the protocol: enrolled with `enrollDevice` (or
//    wrapped round a token with `deviceFor`), it numbers and stamps mutations as the outbox
//    would (`stamp`, `send`) and pushes and pulls raw requests;
//  - as the app, as a sync test drives it: `new TestDevice(url)`, then `enroll(code)`; it
//    has its own fake-indexeddb database and the real sync engine, and `act` runs app
//    code with that database as the app's db() (so device actions run one at a time).
// Either way, once enrolled it knows its token, device id, client id, role and event.
// An app device pushes through its engine: stamping on the wire as well would take seqs
// its outbox does not know.
import { expect } from 'vitest';
import { HadirDb, resetDbInstance } from '#db/database';
import { clientId as localClientId } from '#db/meta';
import { createEnrollCode } from '#server/auth';
import type { Db } from '#server/store/database';
import { SyncEngine, type RunResult } from '#sync/engine';
import { getEnrollment } from '#sync/local';
import {
  EnrollResponse,
  PROTOCOL_VERSION,
  PullResponse,
  PushResponse,
  type Change,
  type Cursor,
  type Role,
  type WireMutation,
} from '#sync/protocol';
import { Transport } from '#sync/transport';
import type { FullParticipant, Session } from '#domain/model';
import { hlcAt, register, upsertSession, type Draft } from '#tests/support/drafts';
import { person } from '#tests/support/factories';
import { FIXTURE_EVENT_ID } from '#tests/support/fixture';
import { request, type RawReply } from '#tests/support/http';

/** Who a device is on the server, as enrolment answered. */
export interface Identity {
  token: string;
  deviceId: string;
  clientId: string;
  role: Role;
  eventId: string;
}

let n = 0;

export class TestDevice implements Identity {
  token!: string;
  deviceId!: string;
  clientId!: string;
  role!: Role;
  eventId!: string;
  /** The last seq this device numbered on the wire. */
  seq = 0;
  #wall = 0;
  #counter = 0;
  #app?: { db: HadirDb; transport: Transport; engine: SyncEngine };
  #opts: { fetch?: typeof fetch; name?: string };

  /** A device of the app (its database and engine made when first used); `enroll` it. */
  constructor(
    readonly url: string,
    opts: { fetch?: typeof fetch; name?: string } = {},
  ) {
    this.#opts = opts;
  }

  // --- as the app -----------------------------------------------------------------------

  #parts() {
    if (!this.#app) {
      const db = new HadirDb(`hadir-device-${this.#opts.name ?? 'd'}-${process.pid}-${++n}`);
      const { fetch } = this.#opts;
      const transport = new Transport({ baseUrl: this.url, ...(fetch ? { fetch } : {}) });
      const engine = new SyncEngine({ transport, locks: null, appVersion: 'test' });
      this.#app = { db, transport, engine };
    }
    return this.#app;
  }

  get db(): HadirDb {
    return this.#parts().db;
  }

  get transport(): Transport {
    return this.#parts().transport;
  }

  get engine(): SyncEngine {
    return this.#parts().engine;
  }

  /** Run `fn` with this device's database as the app's database. */
  async act<T>(fn: () => Promise<T>): Promise<T> {
    resetDbInstance(this.db);
    return fn();
  }

  sync(): Promise<RunResult> {
    return this.act(() => this.engine.once());
  }

  /** Enrol through the app's engine, as a tablet does with a code. */
  async enroll(code: string): Promise<void> {
    const result = await this.act(() => this.engine.enroll(code));
    if ('error' in result) throw new Error(`enroll failed: ${result.error}`);
    const enrolled = (await this.act(getEnrollment))!;
    Object.assign(this, {
      token: enrolled.token,
      deviceId: enrolled.deviceId,
      role: enrolled.role,
      eventId: enrolled.eventId,
      clientId: await this.act(localClientId),
    });
  }

  // --- on the wire ----------------------------------------------------------------------

  /** The next HLC stamp of this device's clock. */
  tick(): string {
    const now = Date.now();
    if (now > this.#wall) {
      this.#wall = now;
      this.#counter = 0;
    } else this.#counter++;
    return hlcAt(this.clientId, this.#wall, this.#counter);
  }

  /** Number and stamp drafts as the outbox would: seq + 1, a monotonic HLC. */
  stamp(...drafts: Draft[]): WireMutation[] {
    return drafts.map((d) => ({
      seq: ++this.seq,
      id: crypto.randomUUID(),
      name: d.name,
      args: d.args,
      hlc: d.hlc ?? this.tick(),
      createdAt: new Date().toISOString(),
    }));
  }

  pushRaw(mutations: WireMutation[], extra: Record<string, unknown> = {}): Promise<RawReply> {
    return request(this.url, '/api/v1/sync/push', {
      token: this.token,
      body: {
        protocolVersion: PROTOCOL_VERSION,
        schemaVersion: 1,
        clientId: this.clientId,
        mutations,
        ...extra,
      },
    });
  }

  /** POST /sync/push, expecting 200; the body parsed with the shared schema. */
  async push(mutations: WireMutation[], extra?: Record<string, unknown>): Promise<PushResponse> {
    const reply = await this.pushRaw(mutations, extra);
    expect(reply.status, reply.text).toBe(200);
    return PushResponse.parse(reply.json);
  }

  /** stamp + push. */
  send(...drafts: Draft[]): Promise<PushResponse> {
    return this.push(this.stamp(...drafts));
  }

  pullRaw(body: Record<string, unknown>): Promise<RawReply> {
    return request(this.url, '/api/v1/sync/pull', {
      token: this.token,
      body: { clientId: this.clientId, ...body },
    });
  }

  /** POST /sync/pull, expecting 200. */
  async pull(cursor: Cursor | null, limit?: number): Promise<PullResponse> {
    const reply = await this.pullRaw({ cursor, ...(limit ? { limit } : {}) });
    expect(reply.status, reply.text).toBe(200);
    return PullResponse.parse(reply.json);
  }

  /** Pull from `cursor` until hasMore is false; every change, in order. */
  async pullAll(
    cursor: Cursor | null = null,
    limit?: number,
  ): Promise<{ changes: Change[]; cursor: Cursor }> {
    const changes: Change[] = [];
    let at = cursor;
    for (;;) {
      const page = await this.pull(at, limit);
      changes.push(...page.changes);
      at = page.cursor;
      if (!page.hasMore) return { changes, cursor: page.cursor };
    }
  }
}

/** A device on the wire for an enrolment someone else made (a console, a browser). */
export function deviceFor(url: string, enrolled: Identity): TestDevice {
  const { token, deviceId, clientId, role, eventId } = enrolled;
  return Object.assign(new TestDevice(url), { token, deviceId, clientId, role, eventId });
}

/** The server a device enrols with. */
export interface Target {
  url: string;
  /** A connection to the server's database, for enrolment codes. */
  db: Db;
  /** The event it seeded (a TestServer's): what a device enrols in unless told. */
  eventId?: string | undefined;
}

export interface EnrollOptions {
  /** Default the target's seeded event, else the fixture's. */
  eventId?: string;
  clientId?: string;
  /** The token this browser held before: its push sequence goes on. */
  previousToken?: string;
  /** Where a new push sequence starts (the browser's next seq). */
  nextSeq?: number;
  /** An enrolment code made for it (a console's); default a fresh one for the role. */
  code?: string;
  /** The name the fresh code gives the device (as the console names a desk). */
  name?: string;
  /** More of what the device says about itself (name, appVersion, userAgent). */
  deviceInfo?: Record<string, unknown>;
}

/** Enrol on the wire the way a phone enrols: a code for staff, trainer and organiser, a
 * join for a participant. */
export async function enrollDevice(
  target: Target,
  role: Role,
  opts: EnrollOptions = {},
): Promise<TestDevice> {
  const eventId = opts.eventId ?? target.eventId ?? FIXTURE_EVENT_ID;
  const clientId = opts.clientId ?? `c-${role}-${crypto.randomUUID()}`;
  const deviceInfo = {
    clientId,
    ...opts.deviceInfo,
    ...(opts.nextSeq ? { nextSeq: opts.nextSeq } : {}),
  };
  const token = opts.previousToken;
  const reply =
    role === 'participant'
      ? await request(target.url, `/api/v1/events/${encodeURIComponent(eventId)}/join`, {
          body: { deviceInfo },
          ...(token ? { token } : {}),
        })
      : await request(target.url, '/api/v1/devices/enroll', {
          body: {
            enrollCode:
              opts.code ??
              createEnrollCode(target.db, {
                role,
                eventId,
                ...(opts.name ? { name: opts.name } : {}),
              }).code,
            deviceInfo,
          },
          ...(token ? { token } : {}),
        });
  expect(reply.status, reply.text).toBe(200);
  const enrolled = EnrollResponse.parse(reply.json);
  return deviceFor(target.url, { ...enrolled, clientId });
}

// ---------------------------------------------------------------------------------------
// Devices by role, as the tests keep making them

/** A check-in desk of the server's event (or `opts.eventId`), on the wire; `opts.name` names it
 * as the console names a desk. */
export const enrolStaff = (target: Target, opts?: EnrollOptions) =>
  enrollDevice(target, 'staff', opts);

/** A trainer's device, on the wire, that `organiser` assigned to mark `sessions` (each one's
 * trainerDeviceIds becomes this device alone). */
export async function enrolTrainer(
  target: Target,
  organiser: TestDevice,
  sessions: readonly Session[],
  opts?: EnrollOptions,
): Promise<TestDevice> {
  const trainer = await enrollDevice(target, 'trainer', opts);
  if (sessions.length > 0) {
    const res = await organiser.send(
      ...sessions.map((s) => upsertSession({ ...s, trainerDeviceIds: [trainer.deviceId] })),
    );
    expect(res.results.map((r) => r.status)).toEqual(sessions.map(() => 'applied'));
  }
  return trainer;
}

/** A participant's phone that joined the server's event and sent its own registration
 * (`person(over)`): the phone, the registration and the push's answer. */
export async function registerParticipant(
  target: Target,
  over: Partial<FullParticipant> = {},
  opts?: EnrollOptions,
): Promise<{ phone: TestDevice; participant: FullParticipant; res: PushResponse }> {
  const phone = await enrollDevice(target, 'participant', opts);
  const participant = person(over);
  const res = await phone.send(register(participant));
  return { phone, participant, res };
}

/** A device of the app (database and sync engine) enrolled with a fresh code for `role`. */
export async function enrolApp(
  server: Target & { code(role: Exclude<Role, 'participant'>): string },
  role: Exclude<Role, 'participant'>,
  opts: { fetch?: typeof fetch; name?: string } = {},
): Promise<TestDevice> {
  const device = new TestDevice(server.url, opts);
  await device.enroll(server.code(role));
  return device;
}
