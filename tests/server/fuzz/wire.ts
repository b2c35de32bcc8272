// Raw HTTP for the fuzz: any path, any header, any bytes, from any loopback address.
import http from 'node:http';
import { FIXTURE_EVENT_ID } from '#tests/support/fixture';

export type Endpoint = 'push' | 'pull' | 'enroll' | 'join';

export const PATHS: Record<Endpoint, string> = {
  push: '/api/v1/sync/push',
  pull: '/api/v1/sync/pull',
  enroll: '/api/v1/devices/enroll',
  join: `/api/v1/events/${FIXTURE_EVENT_ID}/join`,
};

export interface Wire {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** Send the body without Content-Length (Transfer-Encoding: chunked). */
  chunked?: boolean;
  /** A source address on 127.0.0.0/8: another client as far as the join rate limit goes. */
  from?: string;
}

export interface Reply {
  status: number;
  contentType: string;
  text: string;
  json: unknown;
}

/** Where requests go: the server's address and the pool of kept-alive connections. */
export interface Target {
  url: URL;
  agent: http.Agent;
  /** Every request on `agent`, whatever its size or source (the defect pins). */
  pinned?: boolean;
}

/** A server's address with a pool of one kept-alive connection, as a browser holds one. */
export function target(url: string, pinned = false): Target {
  return { url: new URL(url), agent: new http.Agent({ keepAlive: true, maxSockets: 1 }), pinned };
}

/** Send one request; a pinned target keeps it on its connection pool. */
export function send(w: Wire, to: Target): Promise<Reply> {
  const headers = { ...w.headers };
  if (w.body && !w.chunked) headers['content-length'] = String(w.body.length);
  // A big body the server refuses unread (413 included) drops the kept-alive connection
  // (defect D4, pinned at the end): big bodies, and other source addresses, get a
  // connection of their own.
  const fresh = w.from !== undefined || (w.body?.length ?? 0) > 64 * 1024;
  const url = to.url;
  return new Promise<Reply>((resolve, reject) => {
    let answered = false;
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        method: w.method,
        path: w.path,
        headers,
        agent: to.pinned ? to.agent : fresh ? false : to.agent,
        ...(w.from ? { localAddress: w.from } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('error', reject);
        res.on('end', () => {
          answered = true;
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({
            status: res.statusCode ?? 0,
            contentType: String(res.headers['content-type'] ?? ''),
            text,
            json,
          });
        });
      },
    );
    // The server may answer (413, 401) before it has read the whole body, and then hang up
    // on the rest: that is fine once the answer is in.
    req.on('error', (e) => {
      if (!answered) setTimeout(() => reject(e), 50);
    });
    req.setTimeout(20_000, () => req.destroy(new Error('no answer within 20 s')));
    if (w.body && w.chunked) {
      for (let i = 0; i < w.body.length; i += 64 * 1024)
        req.write(w.body.subarray(i, i + 64 * 1024));
      req.end();
    } else req.end(w.body);
  });
}

export const json = (v: unknown) => Buffer.from(JSON.stringify(v) ?? '');

export function headersFor(contentType: string | null, token?: string): Record<string, string> {
  const h: Record<string, string> = {};
  if (contentType !== null) h['content-type'] = contentType;
  if (token !== undefined) h.authorization = `Bearer ${token}`;
  return h;
}
