// The Hadir server: the sync API and the PWA on one port, on one SQLite file.
//   HADIR_PORT (8080) · HADIR_HOST (0.0.0.0) · HADIR_DATA_DIR (./data) · HADIR_STATIC_DIR (./dist)
import { serve, type ServerType } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { pathToFileURL } from 'node:url';
import { DEMO_EVENT_ID } from '#domain/demo';
import { createApp, securityHeaders } from '#server/app';
import { createEnrollCode, listDevices } from '#server/auth';
import { log } from '#server/log';
import { seedDemo } from '#server/seed';
import { openDatabase, type Db } from '#server/store/database';

export interface ServerOptions {
  port?: number;
  host?: string;
  dataDir?: string;
  staticDir?: string;
  seed?: boolean;
  /** Shorter limits for tests; production uses TIMEOUTS. */
  timeouts?: Partial<Timeouts>;
}

export interface Timeouts {
  /** The request line and headers must have arrived this long after the first byte. */
  headersMs: number;
  /** The whole request, body included, must have arrived this long after the first byte. */
  requestMs: number;
  /** How often Node looks for requests over those limits (they are not timers). */
  checkMs: number;
  /** How long a connection may sit idle between two requests. */
  keepAliveMs: number;
}

/**
 * A client that sends slowly, or stops, holds a connection and its memory: Node's own
 * limits (300 s for a request, looked at every 30 s) let a few phones that lost their
 * signal mid-upload, or someone doing it on purpose, hold the server for minutes. Here a
 * slow client is let go at most requestMs + checkMs = 22 s after its first byte.
 *  - requestMs 20 s: the app gives up on a request after 15 s itself (REQUEST_TIMEOUT_MS
 *    in src/lib/sync/transport.ts), so the server never cuts one the client still awaits;
 *    a full push batch (256 KB, MAX_BATCH_BYTES) needs 13 KB/s to arrive in time, a
 *    quarter of a weak 3G link (50 KB/s, about 5 s).
 *  - headersMs 10 s: headers are a few hundred bytes, one packet on any link.
 *  - checkMs 2 s: a walk over the open connections; cheap at a venue's few hundred.
 *  - keepAliveMs 10 s: one connection carries a push and the pull pages after it (a phone
 *    stores each page before asking for the next), saving a TCP (and soon TLS) handshake
 *    of several round trips on a slow link; idle sockets of hundreds of phones go soon.
 */
export const TIMEOUTS: Timeouts = {
  headersMs: 10_000,
  requestMs: 20_000,
  checkMs: 2_000,
  keepAliveMs: 10_000,
};

export interface RunningServer {
  url: string;
  port: number;
  db: Db;
  close(): Promise<void>;
}

/** How long shutdown waits for connections still open before closing them. */
const CLOSE_GRACE_MS = 3_000;

export async function startServer(opts: ServerOptions = {}): Promise<RunningServer> {
  const db = openDatabase(opts.dataDir ?? process.env.HADIR_DATA_DIR ?? './data');
  if (opts.seed ?? true) seedDemo(db);
  const app = createApp({
    db,
    staticDir: opts.staticDir ?? process.env.HADIR_STATIC_DIR ?? './dist',
  });
  const host = opts.host ?? process.env.HADIR_HOST ?? '0.0.0.0';
  const limits = { ...TIMEOUTS, ...opts.timeouts };
  const server: ServerType = await new Promise((resolve) => {
    const s = serve(
      {
        fetch: app.fetch,
        port: opts.port ?? Number(process.env.HADIR_PORT ?? 8080),
        hostname: host,
        serverOptions: {
          headersTimeout: limits.headersMs,
          requestTimeout: limits.requestMs,
          connectionsCheckingInterval: limits.checkMs,
          keepAliveTimeout: limits.keepAliveMs,
        },
      },
      () => resolve(s),
    );
    // Answers the app never sees (the adapter's own 400 for a request it cannot parse, a
    // 500 when the app throws) carry the security headers too; the app's own answers set
    // them again, to the same values.
    (s as Server).prependListener('request', (req, res) => {
      const tls = (req.socket as { encrypted?: boolean }).encrypted === true;
      for (const [name, value] of Object.entries(securityHeaders(tls))) res.setHeader(name, value);
    });
  });
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  const http = server as Server;
  // Once closing, a kept-alive connection closes as soon as its response is done: else
  // a client that keeps sending on it would hold the server and the database open.
  http.on('request', (_req, res) => {
    res.once('close', () => {
      if (closing) http.closeIdleConnections();
    });
  });
  return {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
    port,
    db,
    close() {
      // Stop accepting, let requests in flight finish (a push transaction is synchronous,
      // so one never stops half-way), then close the database.
      closing ??= new Promise<void>((resolve) => {
        // A client holding a connection open (a stalled upload, a browser that keeps one
        // for later) must not hold the shutdown: after a grace period, cut what is left.
        const grace = setTimeout(() => http.closeAllConnections(), CLOSE_GRACE_MS);
        server.close(() => {
          clearTimeout(grace);
          db.close();
          resolve();
        });
        http.closeIdleConnections();
      });
      return closing;
    },
  };
}

function lanAddresses(): string[] {
  if ((process.env.HADIR_HOST ?? '0.0.0.0') !== '0.0.0.0') return [];
  return Object.values(networkInterfaces())
    .flat()
    .filter((i) => i && i.family === 'IPv4' && !i.internal)
    .map((i) => i!.address);
}

async function main(): Promise<void> {
  const server = await startServer();
  const organisers = listDevices(server.db).filter((d) => d.role === 'organiser' && !d.revokedAt);
  log('info', 'listening', { url: server.url });
  console.log(`\nHadir berjalan di / is running at ${server.url}`);
  // Tablets and phones at the venue reach the server by its address on the local network.
  for (const address of lanAddresses())
    console.log(`  di jaringan lokal / on the LAN: http://${address}:${server.port}`);
  console.log('');
  if (organisers.length === 0) {
    const { code, expiresAt } = createEnrollCode(server.db, {
      role: 'organiser',
      eventId: DEMO_EVENT_ID,
      name: 'Panitia',
    });
    console.log(`Kode pendaftaran perangkat panitia / organiser enrolment code: ${code}`);
    console.log(`  (sekali pakai, berlaku sampai / single use, valid until ${expiresAt})`);
    console.log('  Buka aplikasi → Perangkat → Daftarkan perangkat, lalu masukkan kode ini.');
    console.log('  More codes: npm run admin -- enroll-code --role staff|trainer|organiser\n');
  }
  const stop = (signal: string) => {
    log('info', 'shutting down', { signal });
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) void main();
