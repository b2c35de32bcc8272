// A client on a slow or stalled link, at the socket level: fetch cannot send a request
// slowly, and slow clients are what the server's timeouts are for. A real TCP connection
// to the real server; the request is written by hand, part at once and part at a rate.
import { connect } from 'node:net';

export interface SlowRequest {
  /** Written as soon as the connection is open (may be empty, or headers cut short). */
  head: string;
  /** Then these bytes at `bytesPerSecond`, evenly. */
  rest?: string | Buffer;
  bytesPerSecond?: number;
  /** The client gives up (and says so) after this long; the server should have acted. */
  giveUpMs?: number;
}

export interface SlowResult {
  /** ms from the connection being open until it closed. */
  closedMs: number;
  /** ms until the first byte of an answer, if one came. */
  answeredMs: number | undefined;
  /** The answer's status code, if one came (Node answers 408 when it cuts a request). */
  status: number | undefined;
  /** Everything the server sent. */
  response: string;
  /** Bytes of `rest` written before the end. */
  sent: number;
  /** True when the server closed the connection; false when the client gave up. */
  closedByServer: boolean;
}

/** Send a request slowly; resolves when the connection closes. Ask for `Connection: close`
 * in `head` to have a request that completes end with its answer. */
export function sendSlowly(url: string, req: SlowRequest): Promise<SlowResult> {
  const { hostname, port } = new URL(url);
  const rest = typeof req.rest === 'string' ? Buffer.from(req.rest) : (req.rest ?? Buffer.alloc(0));
  const rate = req.bytesPerSecond ?? 1;
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    let t0 = 0;
    let sent = 0;
    let answeredMs: number | undefined;
    let response = '';
    let gaveUp = false;
    let tick: ReturnType<typeof setInterval> | undefined;
    const giveUp = setTimeout(() => {
      gaveUp = true;
      socket.destroy();
    }, req.giveUpMs ?? 60_000);
    socket.on('connect', () => {
      t0 = performance.now();
      if (req.head) socket.write(req.head);
      if (rest.length === 0) return;
      // By the clock, not by counting ticks: a late timer sends more, never drifts slower.
      tick = setInterval(() => {
        const due = Math.min(rest.length, Math.floor(((performance.now() - t0) / 1000) * rate));
        if (due > sent && socket.writable) {
          socket.write(rest.subarray(sent, due));
          sent = due;
        }
        if (sent >= rest.length) clearInterval(tick);
      }, 20);
    });
    socket.on('data', (chunk: Buffer) => {
      answeredMs ??= performance.now() - t0;
      response += chunk.toString('latin1');
    });
    socket.on('error', () => {}); // a reset after the server cut us off is the point
    socket.on('close', () => {
      clearInterval(tick);
      clearTimeout(giveUp);
      const status = /^HTTP\/1\.1 (\d{3})/.exec(response)?.[1];
      resolve({
        closedMs: performance.now() - t0,
        answeredMs,
        status: status ? Number(status) : undefined,
        response,
        sent,
        closedByServer: !gaveUp,
      });
    });
  });
}
