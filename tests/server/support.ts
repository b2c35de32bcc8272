// Real parts for server tests (architecture rule 7): the real server on a fresh SQLite
// file in a temp directory, real HTTP on 127.0.0.1, devices enrolled the way a phone
// enrols. Nothing here replaces project code; it only drives it.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { DEMO_EVENT_ID, demoBatches } from '#domain/demo';
import { formatHlc } from '#domain/hlc';
import type { FullParticipant, Participant, Session } from '#domain/model';
import type { MutationArgs, MutationName } from '#domain/mutations';
import { createEnrollCode } from '#server/auth';
import { setSilent } from '#server/log';
import { startServer, type RunningServer } from '#server/main';
import { openDatabase, type Db } from '#server/store/database';
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

process.env.HADIR_LOG = 'silent';
setSilent(true);

// ---------------------------------------------------------------------------------------
// Servers

export interface TestServer {
  url: string;
  db: Db;
  dataDir: string;
  close(): Promise<void>;
}

export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'hadir-server-test-'));
}

/** The real server, in-process, on a fresh data directory and a free port. */
export async function startTestServer(
  opts: { seed?: boolean; trustProxy?: string } = {},
): Promise<TestServer> {
  const dataDir = tempDataDir();
  const server: RunningServer = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    staticDir: 'dist',
    seed: opts.seed ?? true,
    ...(opts.trustProxy ? { trustProxy: opts.trustProxy } : {}),
  });
  return {
    url: server.url,
    db: server.db,
    dataDir,
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A child server process running src/server/main.ts under tsx, for the crash fault cases. */
export interface ChildServer {
  url: string;
  process: ChildProcess;
  /** Resolves with the exit code (or signal name) when the process tree's server exits. */
  exited: Promise<number | string>;
  /** SIGKILL the server's process group: a real `kill -9`. */
  kill(): Promise<void>;
}

const children = new Set<ChildServer>();

export async function startChildServer(
  dataDir: string,
  hooks?: string,
  /** More environment for the server (HADIR_TRUST_PROXY...). */
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<ChildServer> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...extraEnv,
    HADIR_PORT: '0', // the server picks a free port and prints its address
    HADIR_HOST: '127.0.0.1',
    HADIR_DATA_DIR: dataDir,
    HADIR_STATIC_DIR: 'dist',
    HADIR_LOG: 'silent',
  };
  delete env.HADIR_TEST_HOOKS;
  if (hooks) env.HADIR_TEST_HOOKS = hooks;
  // `node --import tsx` is what `npx tsx` ends up running, minus the npm and tsx wrapper
  // processes (seconds of start-up on a loaded machine): the server is this very process,
  // so SIGKILL lands on it. detached: its own process group, killed as a whole anyway.
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: process.cwd(),
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | string>((resolve) =>
    proc.once('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  );
  let output = '';
  proc.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  // main() prints its address once it listens: no polling needed.
  const url = await new Promise<string>((resolve, reject) => {
    proc.stdout!.on('data', (d: Buffer) => {
      output += d.toString();
      const m = /running at (http:\/\/\S+)/.exec(output);
      if (m) resolve(m[1]!);
    });
    void exited.then((code) =>
      reject(new Error(`child server exited (${code}) before listening:\n${output}`)),
    );
  });
  const child: ChildServer = {
    url,
    process: proc,
    exited,
    async kill() {
      children.delete(child);
      try {
        process.kill(-proc.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
      await exited;
    },
  };
  children.add(child);
  return child;
}

/** Kill every child server still running (afterEach / afterAll). */
export async function killChildren(): Promise<void> {
  await Promise.all([...children].map((c) => c.kill()));
}

/** Build the PWA once when dist/ is missing (static-file tests need it). */
export async function ensureBuilt(): Promise<void> {
  if (existsSync('dist/index.html') && existsSync('dist/sw.js')) return;
  await new Promise<void>((resolve, reject) => {
    const p = spawn('npx', ['vite', 'build', '--logLevel', 'warn'], {
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production' },
    });
    p.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`vite build: ${code}`))));
  });
}

// ---------------------------------------------------------------------------------------
// HTTP

export interface RawReply {
  status: number;
  headers: Headers;
  json: unknown;
  text: string;
}

export interface RequestOptions {
  method?: string;
  token?: string;
  /** Sent as JSON unless `raw` is given. */
  body?: unknown;
  /** Sent as is (malformed JSON, huge bodies, streams). */
  raw?: string | ReadableStream<Uint8Array>;
  contentType?: string | null;
}

export async function request(
  baseUrl: string,
  path: string,
  opts: RequestOptions = {},
): Promise<RawReply> {
  const headers: Record<string, string> = {};
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  const hasBody = opts.body !== undefined || opts.raw !== undefined;
  if (hasBody && opts.contentType !== null) {
    headers['content-type'] = opts.contentType ?? 'application/json';
  }
  const init: RequestInit & { duplex?: 'half' } = {
    method: opts.method ?? (hasBody ? 'POST' : 'GET'),
    headers,
  };
  if (opts.raw !== undefined) {
    init.body = opts.raw;
    if (typeof opts.raw !== 'string') init.duplex = 'half';
  } else if (opts.body !== undefined) {
    init.body = JSON.stringify(opts.body);
  }
  const res = await fetch(`${baseUrl}${path}`, init);
  const text = await res.text();
  let json: unknown = undefined;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON (static files)
  }
  return { status: res.status, headers: res.headers, json, text };
}

export function errorCode(reply: RawReply): string | undefined {
  return (reply.json as { error?: { code?: string } } | undefined)?.error?.code;
}

// ---------------------------------------------------------------------------------------
// HLC stamps and mutation factories

export function hlcAt(clientId: string, wall: number, counter = 0): string {
  return formatHlc({ wall, counter, node: clientId });
}

/** A mutation before a device numbers and stamps it. */
export interface Draft<N extends MutationName = MutationName> {
  name: N | string;
  args: unknown;
  /** A fixed stamp (clock-skew and last-writer-wins tests); else the device's clock. */
  hlc?: string;
}

export function checkin(
  participantId: string,
  over: Partial<MutationArgs<'checkin.record'>> = {},
): Draft<'checkin.record'> {
  return {
    name: 'checkin.record',
    args: {
      checkinId: crypto.randomUUID(),
      eventId: DEMO_EVENT_ID,
      participantId,
      day: '2025-06-02',
      at: new Date().toISOString(),
      method: 'qr',
      ...over,
    } satisfies MutationArgs<'checkin.record'>,
  };
}

export function mark(
  sessionId: string,
  participantId: string,
  status: MutationArgs<'attendance.mark'>['status'] = 'hadir',
  over: Partial<MutationArgs<'attendance.mark'>> = {},
): Draft<'attendance.mark'> {
  return {
    name: 'attendance.mark',
    args: {
      markId: crypto.randomUUID(),
      eventId: DEMO_EVENT_ID,
      sessionId,
      participantId,
      status,
      at: new Date().toISOString(),
      ...over,
    } satisfies MutationArgs<'attendance.mark'>,
  };
}

export function register(participant: Participant): Draft<'participant.register'> {
  return { name: 'participant.register', args: { participant } };
}

export function patch(
  participantId: string,
  fields: Record<string, { v: unknown; hlc: string }>,
  hlc?: string,
): Draft<'participant.patch'> {
  return {
    name: 'participant.patch',
    args: { participantId, fields },
    ...(hlc ? { hlc } : {}),
  };
}

export function closeSession(sessionId: string, closed: boolean): Draft<'session.close'> {
  const at = new Date().toISOString();
  return { name: 'session.close', args: { sessionId, eventId: DEMO_EVENT_ID, closed, at } };
}

export function upsertSession(session: Session): Draft<'session.upsert'> {
  return { name: 'session.upsert', args: { session } };
}

export function upsert(
  kind: 'event' | 'batch' | 'session',
  entity: Record<string, unknown>,
): Draft<'event.upsert' | 'batch.upsert' | 'session.upsert'> {
  return { name: `${kind}.upsert` as const, args: { [kind]: entity } };
}

/** batch.delete / session.delete of the demo event; `force` confirms what goes with it. */
export function deleteBatch(
  batchId: string,
  over: Partial<MutationArgs<'batch.delete'>> = {},
): Draft<'batch.delete'> {
  return { name: 'batch.delete', args: { batchId, eventId: DEMO_EVENT_ID, ...over } };
}

export function deleteSession(
  sessionId: string,
  over: Partial<MutationArgs<'session.delete'>> = {},
): Draft<'session.delete'> {
  return { name: 'session.delete', args: { sessionId, eventId: DEMO_EVENT_ID, ...over } };
}

let people = 0;

/** A valid 18-digit NIP nobody in the demo has (birth 1990-01-01, TMT 2015-03), its
 * gender digit agreeing with `gender` (the server checks it as the form does). */
export function freshNip(gender: 'L' | 'P' = 'L'): string {
  people++;
  const digit = gender === 'P' ? '2' : '1';
  return `19900101201503${digit}${String((people % 999) + 1).padStart(3, '0')}`;
}

/** A new participant of the demo event, valid by default. */
export function person(over: Partial<FullParticipant> = {}): FullParticipant {
  people++;
  return {
    id: crypto.randomUUID(),
    eventId: DEMO_EVENT_ID,
    batchId: demoBatches[0]!.id,
    fullName: `Peserta Uji ${people}, S.IP.`,
    employmentStatus: 'pns',
    nip: freshNip(over.gender ?? 'L'),
    gender: 'L',
    position: 'pustakawan_ahli_pertama',
    institution: 'Dinas Perpustakaan Kota Banjarbaru',
    regionCode: '63.72',
    libraryType: 'umum_kabkota',
    phone: '+6281234567890',
    email: `peserta${people}@example.org`,
    certificationIntention: 'ya',
    consentAt: '2025-05-20T02:00:00.000Z',
    source: 'self',
    status: 'registered',
    ticketCode: `T${String(people).padStart(6, '0')}`,
    needsReview: false,
    createdAt: '2025-05-20T02:00:00.000Z',
    updatedAt: '2025-05-20T02:00:00.000Z',
    ...over,
  };
}

// ---------------------------------------------------------------------------------------
// Devices

export interface Target {
  url: string;
  /** A connection to the server's database, for enrolment codes. */
  db: Db;
}

export interface TestDevice {
  token: string;
  deviceId: string;
  clientId: string;
  role: Role;
  eventId: string;
  url: string;
  /** The last seq this device numbered. */
  seq: number;
  /** Number and stamp drafts as the outbox would: seq + 1, a monotonic HLC. */
  stamp(...drafts: Draft[]): WireMutation[];
  /** The next HLC stamp of this device's clock. */
  tick(): string;
  /** POST /sync/push, expecting 200; the body parsed with the shared schema. */
  push(mutations: WireMutation[], extra?: Record<string, unknown>): Promise<PushResponse>;
  /** stamp + push. */
  send(...drafts: Draft[]): Promise<PushResponse>;
  pushRaw(mutations: WireMutation[], extra?: Record<string, unknown>): Promise<RawReply>;
  /** POST /sync/pull, expecting 200. */
  pull(cursor: Cursor | null, limit?: number): Promise<PullResponse>;
  pullRaw(body: Record<string, unknown>): Promise<RawReply>;
  /** Pull from `cursor` until hasMore is false; every change, in order. */
  pullAll(cursor?: Cursor | null, limit?: number): Promise<{ changes: Change[]; cursor: Cursor }>;
}

export async function enrollDevice(
  target: Target,
  role: Role,
  opts: {
    eventId?: string;
    clientId?: string;
    /** The token this browser held before: its push sequence goes on. */
    previousToken?: string;
    /** Where a new push sequence starts (the browser's next seq). */
    nextSeq?: number;
  } = {},
): Promise<TestDevice> {
  const eventId = opts.eventId ?? DEMO_EVENT_ID;
  const clientId = opts.clientId ?? `c-${role}-${crypto.randomUUID()}`;
  const deviceInfo = { clientId, ...(opts.nextSeq ? { nextSeq: opts.nextSeq } : {}) };
  const token = opts.previousToken;
  const reply =
    role === 'participant'
      ? await request(target.url, `/api/v1/events/${encodeURIComponent(eventId)}/join`, {
          body: { deviceInfo },
          ...(token ? { token } : {}),
        })
      : await request(target.url, '/api/v1/devices/enroll', {
          body: { enrollCode: createEnrollCode(target.db, { role, eventId }).code, deviceInfo },
          ...(token ? { token } : {}),
        });
  expect(reply.status, reply.text).toBe(200);
  const enrolled = EnrollResponse.parse(reply.json);
  return deviceFor(target.url, { ...enrolled, clientId });
}

export function deviceFor(
  url: string,
  enrolled: { token: string; deviceId: string; clientId: string; role: Role; eventId: string },
): TestDevice {
  let wall = 0;
  let counter = 0;
  const device: TestDevice = {
    ...enrolled,
    url,
    seq: 0,
    tick() {
      const now = Date.now();
      if (now > wall) {
        wall = now;
        counter = 0;
      } else counter++;
      return hlcAt(device.clientId, wall, counter);
    },
    stamp(...drafts) {
      return drafts.map((d) => ({
        seq: ++device.seq,
        id: crypto.randomUUID(),
        name: d.name,
        args: d.args,
        hlc: d.hlc ?? device.tick(),
        createdAt: new Date().toISOString(),
      }));
    },
    pushRaw(mutations, extra = {}) {
      return request(url, '/api/v1/sync/push', {
        token: device.token,
        body: {
          protocolVersion: PROTOCOL_VERSION,
          schemaVersion: 1,
          clientId: device.clientId,
          mutations,
          ...extra,
        },
      });
    },
    async push(mutations, extra) {
      const reply = await device.pushRaw(mutations, extra);
      expect(reply.status, reply.text).toBe(200);
      return PushResponse.parse(reply.json);
    },
    send(...drafts) {
      return device.push(device.stamp(...drafts));
    },
    pullRaw(body) {
      return request(url, '/api/v1/sync/pull', {
        token: device.token,
        body: { clientId: device.clientId, ...body },
      });
    },
    async pull(cursor, limit) {
      const reply = await device.pullRaw({ cursor, ...(limit ? { limit } : {}) });
      expect(reply.status, reply.text).toBe(200);
      return PullResponse.parse(reply.json);
    },
    async pullAll(cursor = null, limit) {
      const changes: Change[] = [];
      let at = cursor;
      for (;;) {
        const page = await device.pull(at, limit);
        changes.push(...page.changes);
        at = page.cursor;
        if (!page.hasMore) return { changes, cursor: page.cursor };
      }
    },
  };
  return device;
}

// ---------------------------------------------------------------------------------------
// Looking at the real database

export function countRows(db: Db, tbl: string, eventId = DEMO_EVENT_ID): number {
  return (
    db
      .prepare('SELECT count(*) AS n FROM rows WHERE tbl = ? AND event_id = ?')
      .get(tbl, eventId) as { n: number }
  ).n;
}

/** The last seq applied on a device's own stream (the token's device, whatever it declared). */
export function seqOfDevice(db: Db, deviceId: string): number {
  const row = db
    .prepare('SELECT s.last_seq FROM streams s JOIN devices d ON d.stream = s.id WHERE d.id = ?')
    .get(deviceId) as { last_seq: number } | undefined;
  return row?.last_seq ?? 0;
}

/** The push stream of the newest device that declared this client id. */
export function streamOf(db: Db, clientId: string): string | undefined {
  const row = db
    .prepare('SELECT stream FROM devices WHERE client_id = ? ORDER BY created_at DESC, rowid DESC')
    .get(clientId) as { stream: string } | undefined;
  return row?.stream;
}

/** The last seq the server applied for the device that declared this client id. */
export function lastSeq(db: Db, clientId: string): number {
  const row = db
    .prepare('SELECT last_seq FROM streams WHERE id = ?')
    .get(streamOf(db, clientId) ?? '') as { last_seq: number } | undefined;
  return row?.last_seq ?? 0;
}

/** Open the database of a data directory (a child server's), run `fn`, close it. */
export function withDb<T>(dataDir: string, fn: (db: Db) => T): T {
  const db = openDatabase(dataDir);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/** Latest data of every row in a list of changes, keyed `table:id`. */
export function latest(changes: Change[]): Map<string, Change> {
  const map = new Map<string, Change>();
  for (const c of changes) map.set(`${c.table}:${c.id}`, c);
  return map;
}

export function ofTable<T = Record<string, unknown>>(changes: Change[], table: string): T[] {
  return [...latest(changes).values()]
    .filter((c) => c.table === table && c.op === 'put')
    .map((c) => c.data as T);
}
