// Behind a reverse proxy: X-Forwarded-For and X-Forwarded-Proto are believed from the
// proxies HADIR_TRUST_PROXY names and from nobody else. Real HTTP to the real server on
// 127.0.0.1; different peers are different source addresses on 127.0.0.0/8 (127.0.0.5
// plays the office's proxy, 127.0.0.9 someone else). The join limit (20 a minute per
// address, in memory) is the behaviour that shows whom the server took for the client,
// so every test starts a fresh server.
import { request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { canonicalIp, parseTrustProxy, requestOrigin, setTrustedProxies } from '#server/proxy';
import { startTestServer, type TestServer } from '#tests/support/server';
import { FIXTURE_EVENT_ID } from '#tests/support/fixture';

const PROXY = '127.0.0.5';
const SOMEONE = '127.0.0.9';
const JOIN = `/api/v1/events/${FIXTURE_EVENT_ID}/join`;
const JOINS_PER_MINUTE = 20;

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
}

/** One request on its own connection from `from`, with the headers a proxy would add. */
function send(
  port: number,
  path: string,
  opts: { from: string; headers?: Record<string, string>; body?: unknown },
): Promise<Reply> {
  const body = opts.body === undefined ? undefined : JSON.stringify(opts.body);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path,
        method: body ? 'POST' : 'GET',
        localAddress: opts.from,
        agent: false,
        headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...opts.headers },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const join = (port: number, from: string, headers: Record<string, string> = {}) =>
  send(port, JOIN, {
    from,
    headers,
    body: { deviceInfo: { clientId: `c-${crypto.randomUUID()}` } },
  });

/** The statuses of `n` joins, one after another; `headers(i)` for the i-th. */
async function joins(
  port: number,
  from: string,
  n: number,
  headers: (i: number) => Record<string, string>,
): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < n; i++) statuses.push((await join(port, from, headers(i))).status);
  return statuses;
}

const limited = [...Array<number>(JOINS_PER_MINUTE).fill(200), 429];

let server: TestServer | undefined;

async function start(trust: string | undefined): Promise<number> {
  server = await startTestServer(trust ? { trustProxy: trust } : {});
  return Number(new URL(server.url).port);
}

afterEach(async () => {
  await server?.close();
  server = undefined;
  setTrustedProxies(undefined);
});

describe('HADIR_TRUST_PROXY', () => {
  it('takes IPs, CIDR ranges and "loopback", and refuses anything else', () => {
    const list = parseTrustProxy(' 10.0.0.0/8, 192.0.2.7 ,fd00::/8, loopback')!;
    for (const ip of ['10.1.2.3', '192.0.2.7', 'fd00::1', '127.0.0.1', '127.9.9.9', '::1']) {
      expect(
        requestOrigin({ peer: ip, encrypted: false, forwardedFor: '203.0.113.1' }, list),
      ).toEqual({ address: '203.0.113.1', https: false });
    }
    for (const ip of ['11.0.0.1', '192.0.2.8', 'fe80::1', '::2']) {
      expect(
        requestOrigin({ peer: ip, encrypted: false, forwardedFor: '203.0.113.1' }, list).address,
      ).toBe(canonicalIp(ip));
    }
    expect(parseTrustProxy(undefined)).toBeUndefined();
    expect(parseTrustProxy(' , ')).toBeUndefined();
    for (const bad of ['localhost', '10.0.0.0/33', '10.0.0.0/8/1', '::1/129', '10.0.0.0/x', '*']) {
      expect(() => parseTrustProxy(bad), bad).toThrow(/HADIR_TRUST_PROXY/);
    }
  });

  it('reads X-Forwarded-For right to left past trusted proxies; junk stops the walk', () => {
    const list = parseTrustProxy('127.0.0.5, 10.0.0.0/8');
    const from = (peer: string, forwardedFor?: string, forwardedProto?: string) =>
      requestOrigin({ peer, encrypted: false, forwardedFor, forwardedProto }, list);
    // A client's own "X-Forwarded-For: 1.1.1.1" stands left of what the proxy appended.
    expect(from(PROXY, '1.1.1.1, 203.0.113.7').address).toBe('203.0.113.7');
    // Two proxies of ours: the office's edge (10.x) before the local one.
    expect(from(PROXY, '1.1.1.1, 203.0.113.7, 10.0.0.2').address).toBe('203.0.113.7');
    expect(from(PROXY, '[2001:0db8::7]:443').address).toBe('2001:db8::7');
    expect(from(PROXY, '203.0.113.7:5123').address).toBe('203.0.113.7');
    expect(from(PROXY, '::ffff:203.0.113.7').address).toBe('203.0.113.7');
    expect(from(PROXY, '203.0.113.7, unknown').address).toBe(PROXY);
    expect(from(PROXY, '10.0.0.3').address).toBe('10.0.0.3'); // only proxies: the furthest
    expect(from(PROXY).address).toBe(PROXY);
    // IPv4-mapped peers are their IPv4 address, trusted or not.
    expect(from(`::ffff:${PROXY}`, '203.0.113.7').address).toBe('203.0.113.7');
    expect(from(`::ffff:${SOMEONE}`, '203.0.113.7').address).toBe(SOMEONE);
    // The last X-Forwarded-Proto is the one our proxy wrote.
    expect(from(PROXY, undefined, 'https').https).toBe(true);
    expect(from(PROXY, undefined, 'https, http').https).toBe(false);
    expect(from(SOMEONE, undefined, 'https').https).toBe(false);
    expect(requestOrigin({ peer: SOMEONE, encrypted: true }, list).https).toBe(true);
  });
});

describe('behind a trusted proxy, over real HTTP', () => {
  it('counts joins per forwarded client: 21 from one client are refused', async () => {
    const port = await start(PROXY);
    const statuses = await joins(port, PROXY, 21, () => ({ 'x-forwarded-for': '203.0.113.7' }));
    expect(statuses).toEqual(limited);
  });

  it('lets 21 phones behind the proxy join in the same minute', async () => {
    const port = await start(PROXY);
    const statuses = await joins(port, PROXY, 21, (i) => ({
      'x-forwarded-for': `203.0.113.${i + 1}`,
    }));
    expect(statuses).toEqual(Array(21).fill(200));
  });

  it('ignores X-Forwarded-For from a peer it does not trust', async () => {
    const port = await start(PROXY);
    const statuses = await joins(port, SOMEONE, 21, (i) => ({
      'x-forwarded-for': `203.0.113.${i + 1}`,
    }));
    expect(statuses).toEqual(limited);
  });

  it('counts a client that prepends fake addresses by its real one', async () => {
    const port = await start(PROXY);
    // What the proxy sends on: the client's header, then the address it saw.
    const statuses = await joins(port, PROXY, 21, (i) => ({
      'x-forwarded-for': `198.51.100.${i + 1}, 203.0.113.7`,
    }));
    expect(statuses).toEqual(limited);
  });

  it('trusts nobody when HADIR_TRUST_PROXY is unset', async () => {
    const port = await start(undefined);
    const statuses = await joins(port, PROXY, 21, (i) => ({
      'x-forwarded-for': `203.0.113.${i + 1}`,
    }));
    expect(statuses).toEqual(limited);
  });

  it('sends HSTS when the trusted proxy says the browser used HTTPS, and only then', async () => {
    const port = await start(PROXY);
    const hsts = async (from: string, headers: Record<string, string>, path = '/api/v1/health') =>
      (await send(port, path, { from, headers })).headers['strict-transport-security'];
    const https = { 'x-forwarded-proto': 'https' };
    expect(await hsts(PROXY, https)).toBe('max-age=31536000');
    expect(await hsts(PROXY, https, '/api/v1/no-such-route')).toBe('max-age=31536000');
    expect(await hsts(PROXY, { 'x-forwarded-proto': 'http' })).toBeUndefined();
    expect(await hsts(PROXY, {})).toBeUndefined();
    expect(await hsts(SOMEONE, https)).toBeUndefined();
  });

  it('knows the proxy behind an IPv4-mapped IPv6 peer (a dual-stack socket)', async () => {
    // Still 127.0.0.1 only, but through an IPv6 socket: peers read ::ffff:127.0.0.5.
    const mapped = await startTestServer({ host: '::ffff:127.0.0.1', trustProxy: PROXY });
    server = mapped;
    const one = { 'x-forwarded-for': '203.0.113.7' };
    expect(await joins(mapped.port, PROXY, 21, () => one)).toEqual(limited);
    // Another phone behind the same proxy is not held back by the first one's limit.
    expect((await join(mapped.port, PROXY, { 'x-forwarded-for': '203.0.113.8' })).status).toBe(200);
  });
});
