// Test doubles for the network and browser EDGE only (architecture rule 7): a fetch that
// forwards to the real server and can fail the way a network, a proxy or a closed tab
// would, and an in-memory Web Locks manager shared by "tabs". Project code is never
// replaced; everything behind the edge is the real engine, Dexie and server.
import { afterAll, beforeAll } from 'vitest';
import { recordCheckin } from '#db/checkins';
import type { VenueCheckIn } from '#domain/model';
import { SyncEngine, type EngineOptions } from '#sync/engine';
import { Transport } from '#sync/transport';
import { enrolApp, type TestDevice } from '#tests/support/device';
import { startTestServer, type TestServer } from '#tests/support/server';
import { FIXTURE_EVENT_ID } from '#tests/support/fixture';

export interface Exchange {
  path: string;
  /** The parsed request body. */
  body: Record<string, unknown>;
  bytes: number;
  /** Undefined when the request never got an answer (a network failure). */
  status?: number;
  json?: unknown;
}

export interface Outgoing {
  path: string;
  body: Record<string, unknown>;
  raw: string;
  /** 1 for the first request to this path through this wire, 2 for the second… */
  nth: number;
  signal: AbortSignal | null | undefined;
}

/** Decide what happens to one request: `forward` lets it through to the server (with
 * another body if one is given). */
export type Intercept = (
  req: Outgoing,
  forward: (raw?: string) => Promise<Response>,
) => Promise<Response>;

/** A fetch that records every exchange and lets `intercept` fail or alter requests. */
export class Wire {
  readonly exchanges: Exchange[] = [];
  intercept: Intercept | undefined;
  #counts = new Map<string, number>();
  #inFlight = new Map<string, number>();
  #maxInFlight = new Map<string, number>();

  constructor(intercept?: Intercept) {
    this.intercept = intercept;
  }

  readonly fetch: typeof fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const path = new URL(url).pathname.replace(/^\/api\/v1/, '');
    const raw = typeof init?.body === 'string' ? init.body : '';
    const body = (raw ? JSON.parse(raw) : {}) as Record<string, unknown>;
    const nth = (this.#counts.get(path) ?? 0) + 1;
    this.#counts.set(path, nth);
    const exchange: Exchange = { path, body, bytes: new TextEncoder().encode(raw).length };
    this.exchanges.push(exchange);
    const inFlight = (this.#inFlight.get(path) ?? 0) + 1;
    this.#inFlight.set(path, inFlight);
    this.#maxInFlight.set(path, Math.max(inFlight, this.#maxInFlight.get(path) ?? 0));
    try {
      const forward = (other?: string) =>
        fetch(input, other === undefined ? init : { ...init, body: other });
      const res = await (this.intercept
        ? this.intercept({ path, body, raw, nth, signal: init?.signal }, forward)
        : forward());
      exchange.status = res.status;
      // A live stream never ends: its body is not waited for.
      const stream = res.headers.get('content-type')?.startsWith('text/event-stream');
      exchange.json = stream
        ? undefined
        : await res
            .clone()
            .json()
            .catch(() => undefined);
      return res;
    } finally {
      this.#inFlight.set(path, (this.#inFlight.get(path) ?? 1) - 1);
    }
  };

  to(path: string): Exchange[] {
    return this.exchanges.filter((e) => e.path === path);
  }

  maxInFlight(path: string): number {
    return this.#maxInFlight.get(path) ?? 0;
  }
}

/** The protocol's error body, as a proxy or the server would answer it. */
export function errorResponse(status: number, code: string, message = code): Response {
  return new Response(JSON.stringify({ error: { code, message } }), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

/** What fetch throws when the connection drops. */
export const networkFailure = () => new TypeError('fetch failed');

/** The result statuses of a recorded push exchange. */
export function pushStatuses(e: Exchange | undefined): string[] {
  const json = e?.json as { results?: { status: string }[] } | undefined;
  return (json?.results ?? []).map((r) => r.status);
}

/** The seqs a recorded push request carried. */
export function pushedSeqs(e: Exchange): number[] {
  return (e.body.mutations as { seq: number }[]).map((m) => m.seq);
}

/**
 * An in-memory Web Locks manager, shared by the engines of several "tabs" the way
 * navigator.locks is shared by a browser's tabs and its service worker.
 */
export class MemoryLocks implements Pick<LockManager, 'request'> {
  granted = 0;
  denied = 0;
  #held = new Set<string>();
  #waiting = new Map<string, (() => void)[]>();

  request<T>(name: string, callback: LockGrantedCallback<T>): Promise<Awaited<T>>;
  request<T>(
    name: string,
    options: LockOptions,
    callback: LockGrantedCallback<T>,
  ): Promise<Awaited<T>>;
  async request<T>(
    name: string,
    optionsOrCallback: LockOptions | LockGrantedCallback<T>,
    maybeCallback?: LockGrantedCallback<T>,
  ): Promise<Awaited<T>> {
    const options = typeof optionsOrCallback === 'function' ? {} : optionsOrCallback;
    const callback = typeof optionsOrCallback === 'function' ? optionsOrCallback : maybeCallback!;
    if (this.#held.has(name)) {
      if (options.ifAvailable) {
        this.denied++;
        return await callback(null);
      }
      // Wait for the holder to hand the lock over (it stays held in between).
      await new Promise<void>((resolve) =>
        this.#waiting.set(name, [...(this.#waiting.get(name) ?? []), resolve]),
      );
    }
    this.#held.add(name);
    this.granted++;
    try {
      return await callback({ name, mode: options.mode ?? 'exclusive' });
    } finally {
      const next = this.#waiting.get(name)?.shift();
      if (next) next();
      else this.#held.delete(name);
    }
  }
}

/** A sync engine of our own (another tab, a small page size…) over real HTTP. */
export function engineFor(
  server: TestServer,
  wire: Wire,
  opts: Omit<EngineOptions, 'transport'> & { timeoutMs?: number } = {},
): SyncEngine {
  const { timeoutMs, ...engine } = opts;
  return new SyncEngine({
    transport: new Transport({
      baseUrl: server.url,
      fetch: wire.fetch,
      ...(timeoutMs ? { timeoutMs } : {}),
    }),
    locks: null,
    appVersion: 'test',
    ...engine,
  });
}

/** A response that never comes: settles only when the request's signal aborts. */
export function never(signal: AbortSignal | null | undefined): Promise<Response> {
  return new Promise((_resolve, reject) =>
    signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
  );
}

/** An enrolled staff tablet, optionally behind a wire. */
export function staffDevice(server: TestServer, name: string, wire?: Wire): Promise<TestDevice> {
  return enrolApp(server, 'staff', { name, ...(wire ? { fetch: wire.fetch } : {}) });
}

/** A new staff tablet that pulls everything it may see: the server's state, as devices get it. */
export async function freshView(server: TestServer): Promise<TestDevice> {
  const device = await staffDevice(server, 'view');
  const run = await device.sync();
  if (run.state !== 'idle') throw new Error(`fresh view did not sync: ${run.state}`);
  return device;
}

/** Record `count` QR check-ins of a participant on this device (inside `device.act`). */
export async function checkIns(participantId: string, count: number): Promise<VenueCheckIn[]> {
  const out: VenueCheckIn[] = [];
  for (let i = 0; i < count; i++) {
    out.push(
      await recordCheckin({
        eventId: FIXTURE_EVENT_ID,
        participantId,
        method: 'qr',
        timezone: 'Asia/Makassar',
      }),
    );
  }
  return out;
}

/** How many times each id occurs among the server's synced rows of a table. */
export function serverCounts(server: TestServer, tbl: string, ids: string[]): number[] {
  const count = server.db.prepare('SELECT count(*) AS n FROM rows WHERE tbl = ? AND id = ?');
  return ids.map((id) => (count.get(tbl, id) as { n: number }).n);
}

/** The mutations the server has processed (once each) for a client id. */
export function processed(server: TestServer, clientId: string): { seq: number; status: string }[] {
  return server.db
    .prepare(
      `SELECT seq, status FROM mutations WHERE stream =
         (SELECT stream FROM devices WHERE client_id = ? ORDER BY created_at DESC LIMIT 1)
       ORDER BY seq`,
    )
    .all(clientId) as { seq: number; status: string }[];
}

/** Test options for suites that drive the real server and several devices: seconds on a
 * busy machine, never a hang (there are no sleeps to wait out). */
export const REAL_PARTS = { timeout: 20_000 };

let nips = 0;

/** An 18-digit NIP no fixture or demo participant and no other test uses. */
export function uniqueNip(): string {
  const n = ++nips;
  // A plausible NIP (male, TMT 2020-12), its birthday moving on every 999 people.
  const day = String(1 + (Math.floor(n / 999) % 28)).padStart(2, '0');
  return `199001${day}2020121${String((n % 999) + 1).padStart(3, '0')}`;
}

/**
 * One real server for a test file: started before its first test, stopped after its
 * last. The returned object stands for that server once it runs.
 */
export function useTestServer(): TestServer {
  let running: TestServer | undefined;
  beforeAll(async () => {
    running = await startTestServer();
  });
  afterAll(async () => {
    await running?.stop();
  });
  return new Proxy({} as TestServer, {
    get: (_, key) => {
      if (!running) throw new Error('useTestServer: the server is not started yet');
      return Reflect.get(running, key);
    },
  });
}
