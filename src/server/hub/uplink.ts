// A venue hub's uplink to the office (venue-hub.md): whenever upstream answers, relay what
// the hall did (in the order it happened, each mutation under its own device), then pull
// what changed upstream. Whatever fails is tried again later; nothing leaves the queue
// until upstream has acknowledged it.
import { PROTOCOL_VERSION, type ResultStatus } from '#sync/protocol';
import { getDevice, revokeDevice } from '#server/auth';
import { OWN_BLOCKS } from '#server/apply/numbers';
import type { LiveChannel } from '#server/live';
import { listenLive, type LiveHandle } from '#sync/live';
import { Transport } from '#sync/transport';
import { log } from '#server/log';
import { getMeta, setMeta, type Db } from '#server/store/database';
import {
  acknowledge,
  addBlock,
  blocksOf,
  localDevicesForRelay,
  queued,
  queueSize,
} from '#server/store/hub';
import { liveIdsOf } from '#server/store/rows';
import { settledAs } from '#server/store/streams';
import {
  applyUpstream,
  hubSettings,
  needSnapshot,
  upstreamCursor,
  type HubSettings,
} from './replica.ts';
import { call, UplinkError, type Fetch } from './pair.ts';
import {
  BLOCK_SIZE,
  HubPullResponse,
  RELAY_BATCH,
  RelayResponse,
  type RelayRequest,
} from './wire.ts';

/** Ask for another block while fewer numbers than this are left for a batch. */
const LOW_NUMBERS = BLOCK_SIZE / 5;
const PULL_LIMIT = 1_000;

/** The hall's devices upstream does not have yet (new, or revoked here since). */
export const devicesToRelay = (db: Db, eventId: string) =>
  localDevicesForRelay(db, eventId, getMeta(db, 'hub_devices_sent'));

/** When upstream last answered this hub (kept, so `hub status` knows it too). */
export const lastContact = (db: Db): string | null => getMeta(db, 'hub_contact') ?? null;

export interface UplinkStatus {
  upstream: string;
  eventId: string;
  /** The last time upstream answered. */
  lastContact: string | null;
  /** Why the last try failed, while it is failing. */
  lastError: string | null;
  queued: number;
  oldestUnsent: string | null;
  /** Upstream revoked this hub: nothing more goes up until it is paired again. */
  revoked: boolean;
}

export class Uplink {
  readonly #db: Db;
  readonly #hub: HubSettings;
  readonly #secret: string;
  readonly #fetch: Fetch;
  readonly #live: LiveChannel | undefined;
  readonly #intervalMs: number;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<boolean> | undefined;
  #again = false;
  #stopped = false;
  #failures = 0;
  #lastError: string | null = null;
  #revoked = false;
  #upstreamLive: LiveHandle | undefined;

  constructor(
    db: Db,
    opts: { secret: string; live?: LiveChannel; fetch?: Fetch; intervalMs?: number },
  ) {
    const hub = hubSettings(db);
    if (!hub) throw new UplinkError('NOT_PAIRED', 'This server is not a hub');
    this.#db = db;
    this.#hub = hub;
    this.#secret = opts.secret;
    this.#fetch = opts.fetch ?? fetch;
    this.#live = opts.live;
    this.#intervalMs = opts.intervalMs ?? 3_000;
  }

  start(): void {
    this.#schedule(0);
    // Upstream's "pull now" (the same stream the hall's desks hear from the hub): a change
    // made at the office reaches the hall within a second while the uplink works. The
    // rounds every few seconds remain for when it does not.
    this.#upstreamLive = listenLive({
      transport: new Transport({ baseUrl: this.#hub.upstream, fetch: this.#fetch }),
      token: async () => (this.#revoked ? null : this.#hub.token),
      onPull: () => this.nudge(),
      locks: null,
    });
  }

  /** The hall changed something: send it up soon. */
  nudge(): void {
    if (this.#running) this.#again = true;
    else this.#schedule(50);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#upstreamLive?.stop();
    clearTimeout(this.#timer);
    await this.#running;
  }

  status(): UplinkStatus {
    const { count, oldest } = queueSize(this.#db);
    return {
      upstream: this.#hub.upstream,
      eventId: this.#hub.eventId,
      lastContact: lastContact(this.#db),
      lastError: this.#lastError,
      queued: count,
      oldestUnsent: oldest,
      revoked: this.#revoked,
    };
  }

  /** One round: relay everything, then pull everything. True when upstream answered all. */
  syncOnce(): Promise<boolean> {
    if (this.#running) return this.#running;
    const run = this.#round().finally(() => (this.#running = undefined));
    this.#running = run;
    return run;
  }

  #schedule(ms: number): void {
    if (this.#stopped) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      void this.syncOnce().then((ok) => {
        const again = this.#again;
        this.#again = false;
        const backoff = Math.min(30_000, this.#intervalMs * 2 ** Math.min(this.#failures, 4));
        this.#schedule(again ? 0 : ok ? this.#intervalMs : backoff);
      });
    }, ms);
  }

  async #round(): Promise<boolean> {
    if (this.#revoked) return false;
    try {
      await this.#relayAll();
      await this.#pullAll();
      this.#failures = 0;
      this.#lastError = null;
      return true;
    } catch (e) {
      this.#failures++;
      const err = e as Error;
      this.#lastError = err instanceof UplinkError ? `${err.code}: ${err.message}` : err.message;
      if (err instanceof UplinkError && err.code === 'DEVICE_REVOKED') this.#revoked = true;
      log('warn', 'hub uplink failed', { error: err instanceof UplinkError ? err.code : err.name });
      return false;
    }
  }

  #post(path: string, body: unknown): Promise<unknown> {
    return call(this.#fetch, `${this.#hub.upstream}/api/v1${path}`, body, this.#hub.token).then(
      (json) => {
        setMeta(this.#db, 'hub_contact', new Date().toISOString());
        return json;
      },
    );
  }

  /** Batches of the event with few block numbers left. */
  #blocksWanted(): string[] {
    const db = this.#db;
    return liveIdsOf(db, this.#hub.eventId, 'batches').filter((batchId) => {
      const left = blocksOf(db, OWN_BLOCKS, batchId).reduce(
        (n, b) => n + Math.max(0, b.last - b.next + 1),
        0,
      );
      return left < LOW_NUMBERS;
    });
  }

  async #relayAll(): Promise<void> {
    for (;;) {
      const db = this.#db;
      const entries = queued(db, RELAY_BATCH);
      // Devices enrolled or revoked since upstream last took the list (all, the first time);
      // taken from before the request, so a change during it goes again.
      const sentAt = new Date().toISOString();
      const req: RelayRequest = {
        devices: devicesToRelay(db, this.#hub.eventId),
        entries: entries.map((q) => ({
          device: q.deviceId,
          mutation: q.mutation,
          ...(q.number !== null ? { number: q.number } : {}),
        })),
        queued: queueSize(db).count,
        blocksFor: this.#blocksWanted(),
      };
      const answer = RelayResponse.parse(await this.#post('/hub/relay', req));
      this.#settle(answer);
      setMeta(db, 'hub_devices_sent', sentAt);
      if (answer.partial) throw new UplinkError('UNAVAILABLE', 'Upstream stopped the relay');
      if (entries.length < RELAY_BATCH || this.#stopped) return;
      // Nothing acknowledged of a full batch: do not spin; the next round tries again.
      if (queueSize(db).count >= req.queued) {
        throw new UplinkError('NO_PROGRESS', 'Upstream acknowledged nothing');
      }
    }
  }

  #settle(answer: RelayResponse): void {
    const db = this.#db;
    db.transaction(() => {
      for (const s of answer.streams) {
        const device = getDevice(db, s.device);
        if (!device) continue;
        for (const r of s.results) {
          if (differs(settledAs(db, device.stream, r.seq), r)) needSnapshot(db);
        }
        acknowledge(db, device.stream, s.lastProcessedSeq);
      }
      for (const b of answer.blocks) {
        addBlock(db, {
          holder: OWN_BLOCKS,
          batchId: b.batchId,
          first: b.first,
          last: b.last,
          next: b.first,
        });
      }
      for (const r of answer.revoked) revokeDevice(db, r.id, new Date(r.at));
    }).immediate();
  }

  async #pullAll(): Promise<void> {
    for (;;) {
      const page = HubPullResponse.parse(
        await this.#post('/sync/pull', {
          protocolVersion: PROTOCOL_VERSION,
          clientId: this.#hub.clientId,
          cursor: upstreamCursor(this.#db),
          limit: PULL_LIMIT,
        }),
      );
      const { applied, changed } = applyUpstream(this.#db, this.#hub, page, this.#secret);
      if (changed) this.#live?.poke(this.#hub.eventId);
      // A snapshot waits while the hall has something unsent: it goes up first.
      if (!applied || !page.hasMore) return;
    }
  }
}

/** Upstream decided otherwise than this hub (a refusal, a merge into someone the hall
 * never saw): the hub's copy is taken again. A duplicate there is the same answer. */
function differs(
  mine: { status: ResultStatus; canonicalId: string | null } | undefined,
  theirs: { status: ResultStatus; canonicalId?: string | undefined },
): boolean {
  if (!mine || theirs.status === 'duplicate' || mine.status === 'duplicate') return false;
  if (mine.status !== theirs.status) return true;
  return (mine.canonicalId ?? undefined) !== theirs.canonicalId;
}
