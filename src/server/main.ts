// The Hadir server: the sync API and the PWA on one port, on one SQLite file.
//   HADIR_PORT (8080) · HADIR_HOST (0.0.0.0) · HADIR_DATA_DIR (./data) · HADIR_STATIC_DIR (./dist)
import { serve, type ServerType } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { pathToFileURL } from 'node:url';
import { DEMO_EVENT_ID } from '#domain/demo';
import { createApp } from '#server/app';
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
}

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
  const server: ServerType = await new Promise((resolve) => {
    const s = serve(
      {
        fetch: app.fetch,
        port: opts.port ?? Number(process.env.HADIR_PORT ?? 8080),
        hostname: host,
      },
      () => resolve(s),
    );
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
