// The client sync engine: push the outbox, then pull what changed, one run at a time
// (in this tab: a shared promise; across tabs: a Web Lock). It never deletes a pending
// mutation; it only marks what the server has settled (sync-protocol.md, "Client").
import type { Event } from '#domain/model';
import { SCHEMA_VERSION } from '#db/database';
import { clientId } from '#db/meta';
import { nextSeqToSend, pendingAfter, pendingCount } from '#db/outbox';
import {
  forgetMirror,
  getCursor,
  getEnrollment,
  highestSettledSeq,
  pruneAcked,
  refuseAllPending,
  replayAfter,
  restampPending,
  saveEnrollment,
  setLastSyncAt,
  settle,
  type Enrollment,
} from '#sync/local';
import { getMeta, setMeta } from '#db/meta';
import {
  DEFAULT_PULL_LIMIT,
  EnrollResponse,
  MAX_BATCH_BYTES,
  MAX_BATCH_MUTATIONS,
  PROTOCOL_VERSION,
  PullResponse,
  PushResponse,
  type Cursor,
  type MutationResult,
  type WireMutation,
} from '#sync/protocol';
import type { Reply, Transport } from '#sync/transport';
import type { LiveHandle } from '#sync/live';
import { applyPulledPage } from '#sync/pull-apply';

export type SyncState =
  | 'idle'
  | 'syncing'
  | 'offline'
  | 'error'
  | 'unenrolled'
  | 'unauthenticated'
  | 'revoked'
  | 'outdated';

export interface SyncStatus {
  state: SyncState;
  lastSyncAt?: string;
  /** The last failure's code (e.g. UNAVAILABLE, DEVICE_REVOKED, timeout). */
  lastError?: string;
  /** Whether the server answered the last request (any HTTP answer counts); undefined
   * before the first. Not navigator.onLine: venue Wi-Fi without internet, or a stopped
   * server, leaves that true. */
  reachable?: boolean;
  /** Whether the server's "pull now" stream is open (live.ts): other devices' changes show
   * at once; otherwise at the next periodic pull. */
  live?: boolean;
}

/** How a run ended; `retry` says whether the scheduler should back off and try again. */
/** Where the organiser goes: a new event (optionally with an earlier one's schedule
 * copied by the server) or one that exists. */
export type EventMove = { create: Event; copyScheduleFrom?: string } | { open: string };

export interface RunResult {
  state: SyncState;
  retry: boolean;
  pushed: number;
  pulled: number;
}

export interface EngineOptions {
  transport: Transport;
  /** Web Locks, shared by tabs (and the service worker); null where absent (Node tests). */
  locks?: Pick<LockManager, 'request'> | null;
  appVersion?: string;
  pullLimit?: number;
  /** Each pull answer as the server sent it, for what only the app reads (a venue hub's
   * account of its uplink); the registration page needs none of it. */
  onPullAnswer?: (json: unknown) => void;
}

const STOPPING: SyncState[] = ['unauthenticated', 'revoked', 'outdated'];
const LOCK_NAME = 'hadir-sync';

class Stop extends Error {
  constructor(
    readonly state: SyncState,
    readonly code: string,
    readonly retry: boolean,
  ) {
    super(code);
  }
}

export class SyncEngine {
  #transport: Transport;
  #locks: Pick<LockManager, 'request'> | null;
  #appVersion: string | undefined;
  #pullLimit: number;
  #onPullAnswer: ((json: unknown) => void) | undefined;
  #status: SyncStatus = { state: 'idle' };
  #listeners = new Set<(s: SyncStatus) => void>();
  #running: Promise<RunResult> | undefined;
  #live: LiveHandle | undefined;
  #next: Promise<RunResult> | undefined;

  constructor(opts: EngineOptions) {
    this.#transport = opts.transport;
    this.#locks = opts.locks === undefined ? (globalThis.navigator?.locks ?? null) : opts.locks;
    this.#appVersion = opts.appVersion;
    this.#pullLimit = opts.pullLimit ?? DEFAULT_PULL_LIMIT;
    this.#onPullAnswer = opts.onPullAnswer;
  }

  get status(): SyncStatus {
    return this.#status;
  }

  subscribe(fn: (s: SyncStatus) => void): () => void {
    this.#listeners.add(fn);
    fn(this.#status);
    return () => this.#listeners.delete(fn);
  }

  #set(next: Partial<SyncStatus>): void {
    this.#status = { ...this.#status, ...next };
    for (const fn of this.#listeners) fn(this.#status);
  }

  /** Listen for the server's "pull now" while enrolled (live.ts); returns what stops it.
   * Participants' phones do not listen: nothing another device does is theirs to see. */
  listenLive(onPull: () => void): () => void {
    const token = async () => {
      const enrollment = await getEnrollment();
      return enrollment?.role === 'participant' ? null : enrollment?.token;
    };
    // Loaded on first use: a participant's phone (the registration page) never listens.
    let stopped = false;
    void import('#sync/live').then(({ listenLive }) => {
      if (stopped) return;
      const onState = (live: boolean) => this.#set({ live });
      const transport = this.#transport;
      this.#live = listenLive({ transport, locks: this.#locks, token, onPull, onState });
    });
    return () => {
      stopped = true;
      this.#live?.stop();
      this.#live = undefined;
    };
  }

  /**
   * Whether the server answers at all: a GET of /health, small and quick, for trying again
   * often while the server is unreachable without sending the outbox each time.
   */
  async probe(timeoutMs = 5_000): Promise<boolean> {
    const reply = await this.#transport.get('/health', undefined, timeoutMs);
    const reachable = reply.kind !== 'network';
    if (reachable !== this.#status.reachable) this.#set({ reachable });
    return reachable;
  }

  async #deviceInfo() {
    return {
      clientId: await clientId(),
      // A new stream on the server starts where this outbox's numbering stands.
      nextSeq: await nextSeqToSend(),
      ...(this.#appVersion ? { appVersion: this.#appVersion } : {}),
      ...(typeof navigator !== 'undefined' ? { userAgent: navigator.userAgent.slice(0, 300) } : {}),
    };
  }

  async #adopt(reply: Reply): Promise<Enrollment | { error: string }> {
    if (reply.kind === 'network') return { error: reply.reason };
    if (reply.kind === 'error') return { error: reply.code };
    const parsed = EnrollResponse.safeParse(reply.json);
    if (!parsed.success) return { error: 'INVALID_RESPONSE' };
    await saveEnrollment(parsed.data);
    await setMeta('cursor', null); // a new enrolment starts from a full snapshot
    this.#live?.reconnect(); // the stream of the old token would tell of the old event
    this.#set({ state: 'idle', lastError: undefined });
    return parsed.data;
  }

  /**
   * Become a device. The token this browser held before (expired or revoked included) goes
   * along as proof: the server then continues that device's push sequence, so a mutation
   * sent just before the switch is still recognised as sent (exactly once).
   */
  async #become(path: string, body: Record<string, unknown>) {
    const previous = (await getEnrollment())?.token;
    return this.#adopt(await this.#transport.post(path, body, previous));
  }

  /** Redeem a one-time enrolment code from the organiser. */
  async enroll(enrollCode: string, name?: string): Promise<Enrollment | { error: string }> {
    const deviceInfo = { ...(await this.#deviceInfo()), ...(name ? { name } : {}) };
    return this.#become('/devices/enroll', { enrollCode, deviceInfo });
  }

  /** The organiser signs in with the password set on the server (a 12-hour session). */
  async signIn(password: string, eventId?: string): Promise<Enrollment | { error: string }> {
    const deviceInfo = await this.#deviceInfo();
    return this.#become('/admin/login', { password, ...(eventId ? { eventId } : {}), deviceInfo });
  }

  /**
   * The organiser moves to another event: a new one (created on the server, online only:
   * an event is a new scope for tokens; with `copyScheduleFrom`, the server copies that
   * event's batches and sessions into it) or one that exists. Only with nothing unsent:
   * what is queued was made for the event being left.
   */
  async switchEvent(to: EventMove): Promise<Enrollment | { error: string }> {
    const enrollment = await getEnrollment();
    if (enrollment?.role !== 'organiser') return { error: 'FORBIDDEN' };
    if ((await pendingCount()) > 0) return { error: 'UNSENT' };
    const { copyScheduleFrom } = 'create' in to ? to : {};
    const reply =
      'create' in to
        ? await this.#transport.post(
            '/admin/events',
            { event: to.create, ...(copyScheduleFrom ? { copyScheduleFrom } : {}) },
            enrollment.token,
          )
        : await this.#transport.post(
            `/admin/events/${encodeURIComponent(to.open)}/open`,
            {},
            enrollment.token,
          );
    const result = await this.#adopt(reply);
    if ('error' in result) return result;
    await forgetMirror();
    await this.once(); // the new event's rows, before the console shows it
    return result;
  }

  /** End this device's token on the server (best effort: the wipe happens regardless). */
  async signOut(): Promise<void> {
    const enrollment = await getEnrollment();
    if (enrollment) await this.#transport.post('/admin/logout', {}, enrollment.token);
  }

  /** A phone opening an event's public registration link. */
  async join(eventId: string): Promise<Enrollment | { error: string }> {
    const deviceInfo = await this.#deviceInfo();
    return this.#become(`/events/${encodeURIComponent(eventId)}/join`, { deviceInfo });
  }

  /**
   * Push then pull. A call during a run gets one follow-up run (so a change made while
   * the run was pulling still goes out now); further calls share that follow-up. Another
   * tab's run makes this one a no-op: that tab sends the same outbox.
   */
  once(wait = false): Promise<RunResult> {
    if (!this.#running) {
      this.#running = this.#locked(wait).finally(() => (this.#running = undefined));
      return this.#running;
    }
    this.#next ??= this.#running
      .catch(() => undefined)
      .then(() => {
        this.#next = undefined;
        return this.once(wait);
      });
    return this.#next;
  }

  /** `wait`: after another tab's run, run all the same (the server said there is news,
   * and that tab's pull may have been answered before it). */
  async #locked(wait: boolean): Promise<RunResult> {
    if (!this.#locks) return this.#run();
    if (wait) return this.#locks.request(LOCK_NAME, () => this.#run()) as Promise<RunResult>;
    const skipped: RunResult = { state: this.#status.state, retry: false, pushed: 0, pulled: 0 };
    return this.#locks.request(LOCK_NAME, { ifAvailable: true }, (lock) =>
      lock ? this.#run() : skipped,
    ) as Promise<RunResult>;
  }

  async #run(): Promise<RunResult> {
    let enrollment = await getEnrollment();
    // A phone that registered before it had a token joins the event now (it may have
    // been offline when the person pressed "Daftar"); a participant's phone registering
    // for another event joins that one.
    const pendingJoin = await getMeta('pendingJoin');
    const joinNow =
      pendingJoin &&
      (!enrollment || (enrollment.role === 'participant' && enrollment.eventId !== pendingJoin));
    if (joinNow) {
      const joined = await this.join(pendingJoin);
      if ('error' in joined) {
        // Closed or gone: no token will ever come, so the queue is refused, visibly.
        if (joined.error === 'FORBIDDEN' || joined.error === 'NOT_FOUND') {
          await refuseAllPending(joined.error, 'The event refused new registrations');
          this.#set({ state: 'error', lastError: joined.error });
          return { state: 'error', retry: false, pushed: 0, pulled: 0 };
        }
        const offline = ['offline', 'timeout', 'failed'].includes(joined.error);
        this.#set({
          state: offline ? 'offline' : 'error',
          lastError: joined.error,
          reachable: !offline,
        });
        return { state: this.#status.state, retry: true, pushed: 0, pulled: 0 };
      }
      enrollment = joined;
    }
    if (!enrollment) {
      // Nothing to sync with yet, but the badge still says whether the server answers.
      await this.probe();
      this.#set({ state: 'unenrolled' });
      return { state: 'unenrolled', retry: false, pushed: 0, pulled: 0 };
    }
    if (STOPPING.includes(this.#status.state)) {
      return { state: this.#status.state, retry: false, pushed: 0, pulled: 0 };
    }
    this.#set({ state: 'syncing' });
    const id = await clientId();
    let pushed = 0;
    let pulled = 0;
    try {
      pushed = await this.#push(enrollment.token, id);
      let pull = await this.#pull(enrollment.token, id);
      // The server knows fewer of our mutations than we saw settled: it was restored
      // from a backup. Send them again (the acked rows are kept a week for this).
      if (pull.lastProcessedSeq < (await highestSettledSeq())) {
        if ((await replayAfter(pull.lastProcessedSeq)) === 0)
          throw new Stop('error', 'SEQ_GAP', false);
        pushed += await this.#push(enrollment.token, id);
        pull = await this.#pull(enrollment.token, id);
      }
      pulled = pull.changes;
      const at = new Date().toISOString();
      await setLastSyncAt(at);
      await pruneAcked(); // acknowledged rows are kept a week, for replay to a restored server
      this.#set({
        state: 'idle',
        lastSyncAt: at,
        lastError: undefined,
        reachable: true,
      });
      return { state: 'idle', retry: false, pushed, pulled };
    } catch (e) {
      if (!(e instanceof Stop)) throw e;
      this.#set({ state: e.state, lastError: e.code, reachable: e.state !== 'offline' });
      return { state: e.state, retry: e.retry, pushed, pulled };
    }
  }

  #fail(reply: Exclude<Reply, { kind: 'ok' }>): never {
    if (reply.kind === 'network') throw new Stop('offline', reply.reason, true);
    if (reply.status === 401) throw new Stop('unauthenticated', reply.code, false);
    if (reply.code === 'DEVICE_REVOKED') throw new Stop('revoked', reply.code, false);
    if (reply.status === 426) throw new Stop('outdated', reply.code, false);
    // 5xx and 429 pass; anything else is a fault that retrying will not fix.
    throw new Stop('error', reply.code, reply.status >= 500 || reply.status === 429);
  }

  /**
   * Send the queue in batches. Each answer is written to the outbox while the next batch
   * is on its way (settling a batch of 200 took as long as the server's answer: issue 20);
   * the next batch is read before that write starts, as IndexedDB queues a read behind a
   * write of the same table. Everything answered is settled before this returns or throws.
   */
  async #push(token: string, id: string): Promise<number> {
    let size = MAX_BATCH_MUTATIONS;
    let restamps = 0;
    let sent = 0;
    let after = (await nextSeqToSend()) - 1;
    /** The last answer, not yet written to the outbox. */
    let answered: { results: MutationResult[]; lastProcessedSeq: number; rows: number } | null =
      null;
    let settling: Promise<unknown> = Promise.resolve();
    try {
      for (;;) {
        const [rows, pending] = await Promise.all([pendingAfter(after, size), pendingCount()]);
        // Only now: a write started before the reads would have held them back.
        const unsettled = answered?.rows ?? 0;
        if (answered) settling = settle(answered.results, answered.lastProcessedSeq);
        answered = null;
        if (rows.length === 0) return sent;
        const mutations = withinBytes(rows.map(toWire), MAX_BATCH_BYTES);
        const request = this.#transport.post(
          '/sync/push',
          {
            protocolVersion: PROTOCOL_VERSION,
            schemaVersion: SCHEMA_VERSION,
            clientId: id,
            mutations,
            unsent: Math.max(mutations.length, pending - unsettled),
            ...(this.#appVersion ? { appVersion: this.#appVersion } : {}),
          },
          token,
        );
        const [reply] = await Promise.all([request, settling]);
        if (reply.kind === 'error' && reply.status === 413 && mutations.length > 1) {
          size = Math.max(1, Math.floor(mutations.length / 2));
          continue;
        }
        if (reply.kind === 'error' && reply.status === 503) {
          // The server committed a prefix before failing: settle it, retry the rest later.
          const partial = PushResponse.safeParse(reply.json);
          if (partial.success) await settle(partial.data.results, partial.data.lastProcessedSeq);
        }
        if (reply.kind !== 'ok') this.#fail(reply);
        const res = PushResponse.safeParse(reply.json);
        if (!res.success) throw new Stop('error', 'INVALID_RESPONSE', true);
        const { results, lastProcessedSeq, serverTime } = res.data;
        const first = mutations[0]!.seq;
        if (lastProcessedSeq < first - 1) {
          // The server is behind what it acknowledged before (restored from a backup).
          if ((await replayAfter(lastProcessedSeq)) === 0)
            throw new Stop('error', 'SEQ_GAP', false);
          after = lastProcessedSeq;
          continue;
        }
        sent += results.filter((r) => r.status !== 'duplicate' && r.code !== 'CLOCK_SKEW').length;
        after = lastProcessedSeq;
        if (results.some((r) => r.code === 'CLOCK_SKEW')) {
          await settle(results, lastProcessedSeq);
          if (++restamps > 3) throw new Stop('error', 'CLOCK_SKEW', false);
          await restampPending(serverTime);
          continue;
        }
        // The batch size stays where a 413 left it for the rest of this run.
        if (lastProcessedSeq < first) {
          await settle(results, lastProcessedSeq);
          throw new Stop('error', 'NO_PROGRESS', true);
        }
        answered = { results, lastProcessedSeq, rows: lastProcessedSeq - first + 1 };
      }
    } finally {
      // Everything answered is written before this returns or throws; a failure of the
      // write leaves the rows pending, sent again and answered duplicate.
      await settling.catch(() => undefined);
      if (answered)
        await settle(answered.results, answered.lastProcessedSeq).catch(() => undefined);
    }
  }

  /** Pull every page. The next page is asked for while this one is written to
   * IndexedDB (the two took about as long: issue 20); pages are written in order, each with
   * its cursor, so a run stopped between them resumes where the last write left off. */
  async #pull(token: string, id: string): Promise<{ changes: number; lastProcessedSeq: number }> {
    // After the push settled: what the organiser's device list shows for this device.
    const unsent = await pendingCount();
    const ask = (cursor: Cursor | null) =>
      this.#transport.post(
        '/sync/pull',
        { protocolVersion: PROTOCOL_VERSION, clientId: id, cursor, limit: this.#pullLimit, unsent },
        token,
      );
    let next = ask((await getCursor()) ?? null);
    let changes = 0;
    for (;;) {
      const reply = await next;
      if (reply.kind !== 'ok') this.#fail(reply);
      const page = PullResponse.safeParse(reply.json);
      if (!page.success) throw new Stop('error', 'INVALID_RESPONSE', true);
      this.#onPullAnswer?.(reply.json);
      if (page.data.hasMore) {
        next = ask(page.data.cursor);
        next.catch(() => undefined); // answered after this run failed: nobody waits for it
      }
      await applyPulledPage(page.data);
      changes += page.data.changes.length;
      if (!page.data.hasMore) {
        return { changes, lastProcessedSeq: page.data.lastProcessedSeq };
      }
    }
  }
}

function toWire(row: {
  seq: number;
  id: string;
  name: string;
  args: unknown;
  hlc: string;
  createdAt: string;
}): WireMutation {
  const { seq, id, name, args, hlc, createdAt } = row;
  return { seq, id, name, args, hlc, createdAt };
}

/** The longest prefix within the byte budget (always at least one mutation). */
function withinBytes(mutations: WireMutation[], budget: number): WireMutation[] {
  let bytes = 0;
  const out: WireMutation[] = [];
  for (const m of mutations) {
    bytes += new TextEncoder().encode(JSON.stringify(m)).length + 1;
    if (out.length > 0 && bytes > budget) break;
    out.push(m);
  }
  return out;
}
