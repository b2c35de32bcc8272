// Listening for "pull now" (GET /sync/live, server-sent events): the server says so after
// another device's push changed this event, and the scheduler syncs at once. The stream
// carries no data; losing it costs only speed (the periodic pull remains), so it reconnects
// quietly with backoff, and after a refusal waits for another token (a new enrolment).
import { backoffDelay } from '#sync/scheduler';
import type { Transport } from '#sync/transport';

export interface LiveOptions {
  transport: Transport;
  /** The device's token now; undefined: not enrolled (yet), look again soon; null: this
   * device never listens (a participant's phone). */
  token: () => Promise<string | undefined | null>;
  /** Another device changed the event (or the stream came back after a gap): sync. */
  onPull: () => void;
  /** The stream opened (true) or ended (false): what the device status shows. */
  onState?: (open: boolean) => void;
  /** Web Locks where the browser has them: one tab of the device listens (the others see
   * what its sync writes through IndexedDB), so tabs never take each other's stream. */
  locks?: Pick<LockManager, 'request'> | null;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  random?: () => number;
}

const LIVE_LOCK = 'hadir-live';

/** How often a device without a usable token looks for one (an enrolment just made). */
const TOKEN_CHECK_MS = 2_000;

export interface LiveHandle {
  stop(): void;
  /** The token changed (a new enrolment, another event): reconnect with the new one now. */
  reconnect(): void;
}

/** Start listening. */
export function listenLive(opts: LiveOptions): LiveHandle {
  const { minBackoffMs = 1_000, maxBackoffMs = 30_000, random = Math.random } = opts;
  const controller = new AbortController();
  let connection: AbortController | undefined;
  let wake: (() => void) | undefined;
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const listen = async () => {
    let failures = 0;
    let refused: string | undefined;
    while (!controller.signal.aborted) {
      const token = await opts.token();
      if (token === null) return;
      // Not enrolled yet, or refused with this token: look again shortly (a local read).
      if (!token || token === refused) {
        await pause(TOKEN_CHECK_MS);
        continue;
      }
      const opened = Date.now();
      let open = false;
      // Its own controller: `reconnect` ends this stream only; `stop` ends it too.
      const current = (connection = new AbortController());
      const endCurrent = () => current.abort();
      controller.signal.addEventListener('abort', endCurrent);
      const ended = await stream(
        opts.transport,
        token,
        (data) => {
          // The first event says the stream is open: what changed before it is pulled.
          if (!open) {
            open = true;
            opts.onState?.(true);
          }
          if (data === 'open' || data === 'pull') opts.onPull();
        },
        current.signal,
      );
      controller.signal.removeEventListener('abort', endCurrent);
      if (open) opts.onState?.(false);
      if (controller.signal.aborted) return;
      if (current.signal.aborted) {
        refused = undefined; // asked to reconnect: a new token, try it at once
        continue;
      }
      if (ended === 'refused') {
        refused = token;
        continue;
      }
      // A stream that stayed up a while was fine: start the backoff over.
      if (Date.now() - opened > maxBackoffMs) failures = 0;
      await pause(backoffDelay(failures++, minBackoffMs, maxBackoffMs, random));
    }
  };
  if (opts.locks) {
    // Held while listening; a tab waiting for it takes over when the listening one closes.
    const { signal } = controller;
    void opts.locks.request(LIVE_LOCK, { signal }, listen).catch(() => undefined);
  } else void listen();

  return {
    stop() {
      controller.abort();
      wake?.();
    },
    reconnect() {
      connection?.abort();
      wake?.();
    },
  };
}

/**
 * Hold the stream open and hand each event's data to `onData` until it ends, fails or
 * `signal` aborts. 'refused' when the server answered with an error status (no token,
 * revoked, a participant): trying again with the same token would not help.
 */
async function stream(
  transport: Transport,
  token: string,
  onData: (data: string) => void,
  signal: AbortSignal,
): Promise<'ended' | 'refused'> {
  // Only the answer's headers are timed: the stream itself is meant to stay open.
  const connect = new AbortController();
  const timer = setTimeout(() => connect.abort(), transport.timeoutMs);
  const abort = () => connect.abort();
  signal.addEventListener('abort', abort);
  try {
    const res = await transport.open('/sync/live', token, connect.signal);
    clearTimeout(timer);
    if (!res.ok || !res.body) {
      await res.body?.cancel().catch(() => undefined);
      return res.status >= 500 || res.status === 429 ? 'ended' : 'refused';
    }
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return 'ended';
      buffer += value;
      // Events end with a blank line; a comment line (":") is a heartbeat.
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const event = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = event
          .split('\n')
          .filter((line) => line.startsWith('data:'))
          .map((line) => line.slice(5).trimStart())
          .join('\n');
        if (data) onData(data);
      }
    }
  } catch {
    return 'ended';
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', abort);
  }
}
