// The Hadir server: the sync API and the PWA on one port, on one SQLite file; with HTTPS
// on, a second plain-HTTP port that sends devices to HTTPS and serves the certificate
// install page. Settings: src/server/config.ts (HADIR_PORT, HADIR_TLS, …).
import { pathToFileURL } from 'node:url';
import type { Server as HttpsServer } from 'node:https';
import { DEMO_EVENT_ID } from '#domain/demo';
import { announce } from '#server/announce';
import { createApp } from '#server/app';
import { LiveChannel } from '#server/live';
import { createEnrollCode, listDevices } from '#server/auth';
import { readConfig, StartupError } from '#server/config';
import { defaultEventId } from '#server/events';
import { redirectApp, installRoutes } from '#server/install/routes';
import { listen, type Listening, type Timeouts } from '#server/listen';
import { log } from '#server/log';
import { setTrustedProxies } from '#server/proxy';
import { seedDemo } from '#server/seed';
import { serverSecret } from '#server/auth';
import { hubSettings } from '#server/hub/replica';
import { Uplink } from '#server/hub/uplink';
import { openDatabase, type Db } from '#server/store/database';
import {
  keepLocalTlsCurrent,
  prepareTls,
  type NameSources,
  type TlsOption,
} from '#server/tls/setup';
import { origin, Site } from '#server/tls/site';

export type { Timeouts } from '#server/listen';

export interface ServerOptions {
  port?: number;
  host?: string;
  dataDir?: string;
  staticDir?: string;
  seed?: boolean;
  /** Shorter limits for tests; production uses TIMEOUTS. */
  timeouts?: Partial<Timeouts>;
  /**
   * HTTPS: the office's certificate and key (PEM), 'local' for this installation's own
   * CA, false for plain HTTP whatever the environment says. Unset: HADIR_TLS or
   * HADIR_TLS_CERT/HADIR_TLS_KEY, else plain HTTP.
   */
  tls?: TlsOption;
  /** The plain-HTTP port beside HTTPS (0: a free port). Default HADIR_HTTP_PORT, else 8080. */
  httpPort?: number;
  /** Extra names or addresses for the local certificate; default HADIR_TLS_NAMES. */
  names?: string[];
  /** The machine's LAN addresses (tests); default: the network interfaces, read anew on every check. */
  addresses?: string[] | (() => string[]);
  /** The machine's host name for the local certificate (tests); default os.hostname(). */
  hostname?: string;
  /** Default HADIR_PUBLIC_URL. */
  publicUrl?: string;
  /** How often local TLS checks its addresses and its certificate's end (tests: short). */
  tlsCheckMs?: number;
  /** The reverse proxies to believe (proxy.ts syntax); default HADIR_TRUST_PROXY. */
  trustProxy?: string;
  /** A venue hub's pause between rounds with upstream (tests: short); default 3 s. */
  uplinkMs?: number;
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
 *    stores each page before asking for the next), saving a TCP and TLS handshake of
 *    several round trips on a slow link; idle sockets of hundreds of phones go soon.
 *  - handshakeMs 10 s: a TLS handshake is two round trips and a few KB; Node's default
 *    (120 s) would let a socket that never says hello sit before any HTTP limit starts.
 */
export const TIMEOUTS: Timeouts = {
  headersMs: 10_000,
  requestMs: 20_000,
  checkMs: 2_000,
  keepAliveMs: 10_000,
  handshakeMs: 10_000,
};

/** Ports when none is set: 8080 for plain HTTP; with HTTPS, 8443 and 8080 beside it. */
const DEFAULT_PORTS = { http: 8080, https: 8443 } as const;

export interface RunningServer {
  /** The main port's address on this machine: https:// when TLS is on. */
  url: string;
  port: number;
  /** Set when TLS is on: the same as url. */
  httpsUrl?: string;
  /** The plain-HTTP port beside HTTPS (redirects and the install page). */
  httpUrl?: string;
  httpPort?: number;
  /** Where devices should go (HTTPS on); its `ca` is set with local TLS. */
  site?: Site;
  /** Local TLS: a new CA was made at this start. */
  caCreated?: boolean;
  /** When the served certificate ends (TLS on). */
  certNotAfter?: Date;
  db: Db;
  /** A venue hub's link to the office (this server was paired: `npm run admin -- hub join`). */
  uplink?: Uplink;
  close(): Promise<void>;
}

export async function startServer(opts: ServerOptions = {}): Promise<RunningServer> {
  const config = readConfig();
  setTrustedProxies(opts.trustProxy ?? config.trustProxy);
  const host = opts.host ?? config.host;
  const dataDir = opts.dataDir ?? config.dataDir;
  const publicUrl = opts.publicUrl ?? config.publicUrl;
  const sources: NameSources = {
    dataDir,
    host,
    extra: opts.names ?? config.tlsNames,
    addresses: opts.addresses,
    hostname: opts.hostname,
  };
  // The certificate before the database: a wrong path stops the start with nothing opened.
  const tls = await prepareTls(opts.tls, config.tls, sources);
  const port = opts.port ?? config.port ?? (tls ? DEFAULT_PORTS.https : DEFAULT_PORTS.http);
  const httpPort = opts.httpPort ?? config.httpPort ?? DEFAULT_PORTS.http;
  if (tls && port !== 0 && port === httpPort) {
    throw new StartupError(
      `HADIR_PORT dan HADIR_HTTP_PORT sama (${port}) / HADIR_PORT and HADIR_HTTP_PORT are the same (${port}).`,
    );
  }
  const site =
    tls &&
    new Site({
      kind: tls.kind,
      httpsPort: port,
      httpPort: undefined,
      names: tls.names,
      lan: tls.lan,
      publicUrl,
      ca: tls.local && {
        pem: tls.local.ca,
        der: tls.local.caDer,
        name: tls.local.caName,
        fingerprint256: tls.local.fingerprint256,
        fingerprint: tls.local.fingerprint,
      },
    });

  const db = openDatabase(dataDir);
  // A venue hub holds only its event (venue-hub.md rule 6): no demo beside it.
  const hub = hubSettings(db);
  if (!hub && (opts.seed ?? true)) seedDemo(db);
  const live = new LiveChannel();
  const uplink = hub
    ? new Uplink(db, {
        secret: serverSecret(db),
        live,
        ...(opts.uplinkMs ? { intervalMs: opts.uplinkMs } : {}),
      })
    : undefined;
  const app = createApp({
    db,
    live,
    uplink,
    staticDir: opts.staticDir ?? config.staticDir,
    publicUrl,
    links: () => ({
      httpsUrl: site ? site.httpsUrl() : publicUrl?.startsWith('https:') ? publicUrl : undefined,
      installUrl: site?.installUrl(),
    }),
    ...(site?.ca ? { routes: installRoutes(site) } : {}),
  });
  const limits = { ...TIMEOUTS, ...opts.timeouts };
  const opened: Listening[] = [];
  let stopChecks = () => {};
  try {
    const main = await listen({ fetch: app.fetch, port, host, limits, tls });
    opened.push(main);
    if (site) {
      site.state.httpsPort = main.port;
      const fetch = redirectApp(site, app.fetch).fetch;
      const plain = await listen({ fetch, port: httpPort, host, limits });
      opened.push(plain);
      site.state.httpPort = plain.port;
    }
    if (tls?.kind === 'local' && site) {
      const everyMs = opts.tlsCheckMs ?? 60_000;
      stopChecks = keepLocalTlsCurrent(main.server as HttpsServer, site, sources, everyMs);
    }
  } catch (e) {
    await Promise.all(opened.map((l) => l.close()));
    db.close();
    throw e;
  }
  const [main, plain] = opened as [Listening, Listening | undefined];
  uplink?.start();
  const local = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const url = origin(tls ? 'https' : 'http', local, main.port);
  let closing: Promise<void> | undefined;
  return {
    url,
    port: main.port,
    ...(tls ? { httpsUrl: url, certNotAfter: tls.notAfter } : {}),
    ...(plain ? { httpUrl: origin('http', local, plain.port), httpPort: plain.port } : {}),
    ...(site ? { site } : {}),
    ...(tls?.local ? { caCreated: tls.local.caCreated } : {}),
    db,
    ...(uplink ? { uplink } : {}),
    close() {
      // Stop accepting, let requests in flight finish (a push transaction is synchronous,
      // so one never stops half-way), then close the database.
      closing ??= (async () => {
        stopChecks();
        await uplink?.stop();
        // Live streams never end by themselves: end them, or they would hold the close.
        const ending = Promise.all(opened.map((l) => l.close()));
        live.closeAll();
        await ending;
        db.close();
      })();
      return closing;
    },
  };
}

async function main(): Promise<void> {
  let server: RunningServer;
  try {
    server = await startServer();
  } catch (e) {
    if (!(e instanceof StartupError)) throw e;
    console.error(`\nHadir tidak dapat berjalan / Hadir cannot start:\n${e.message}\n`);
    process.exit(1);
  }
  log('info', 'listening', {
    url: server.url,
    ...(server.httpUrl ? { http: server.httpUrl } : {}),
  });
  const config = readConfig();
  console.log(`\nHadir berjalan di / is running at ${server.url}`);
  for (const line of announce(server, {
    host: config.host,
    eventId: defaultEventId(server.db) ?? DEMO_EVENT_ID,
    publicUrl: config.publicUrl,
  }))
    console.log(line);
  console.log('');
  const organisers = listDevices(server.db).filter((d) => d.role === 'organiser' && !d.revokedAt);
  if (organisers.length === 0) {
    const { code, expiresAt } = createEnrollCode(server.db, {
      role: 'organiser',
      eventId: defaultEventId(server.db) ?? DEMO_EVENT_ID,
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
