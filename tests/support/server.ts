// The real sync server for tests (architecture rule 7): in-process on 127.0.0.1 with a
// fresh SQLite file in a temp directory, or as a child process to kill -9. One driver for
// every test (server, sync, component and end-to-end tests, and the benchmarks). Its logs
// stay quiet. Nothing here replaces project code; it only drives it.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_EVENT_ID } from '#domain/demo';
import { createEnrollCode } from '#server/auth';
import { setSilent } from '#server/log';
import { startServer, type RunningServer, type ServerOptions } from '#server/main';
import { openDatabase } from '#server/store/database';
import { FIXTURE_EVENT_ID, seedFixture } from '#tests/support/fixture';

process.env.HADIR_LOG = 'silent';
setSilent(true);

export interface TestServer extends RunningServer {
  dataDir: string;
  /** The event it seeded (the fixture's or the demo's); undefined when it seeded none. */
  eventId: string | undefined;
  /** A fresh one-time enrolment code for a role in the seeded event (or another). */
  code(role: 'organiser' | 'staff' | 'trainer', eventId?: string): string;
  /** Stop the server; its data directory goes with it unless the test gave one. */
  close(): Promise<void>;
  /** The same as close(). */
  stop(): Promise<void>;
}

export type TestServerOptions = {
  /** A data directory to (re)start on, kept after close; default a fresh temp one. */
  dataDir?: string;
  /** The built app; default HADIR_E2E_DIST, else dist/. */
  staticDir?: string;
  /** Default a free port. */
  port?: number;
  /**
   * What the server holds from the start: the tests' own event (tests/support/fixture.ts,
   * the default); the built-in demo, as `npm start` seeds it, for tests of the demo itself
   * and of what a newcomer sees; or nothing. Either is written once per data directory.
   */
  seed?: 'fixture' | 'demo' | 'none';
} & Pick<
  ServerOptions,
  | 'host'
  | 'trustProxy'
  | 'timeouts'
  | 'tls'
  | 'httpPort'
  | 'names'
  | 'addresses'
  | 'hostname'
  | 'publicUrl'
  | 'tlsCheckMs'
  | 'uplinkMs'
>;

export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'hadir-test-'));
}

/** The real server, in-process, on 127.0.0.1 (or `host`) and a fresh data directory. */
export async function startTestServer(opts: TestServerOptions = {}): Promise<TestServer> {
  const { dataDir, staticDir, port, seed = 'fixture', ...rest } = opts;
  const dir = dataDir ?? tempDataDir();
  const server = await startServer({
    port: port ?? 0,
    host: '127.0.0.1',
    dataDir: dir,
    staticDir: staticDir ?? process.env.HADIR_E2E_DIST ?? 'dist',
    // Tests never depend on the machine's own network: no LAN address unless given.
    addresses: [],
    tls: false,
    ...rest,
    seed: seed === 'demo',
  });
  // Written before the test's first request: startServer returns once it listens.
  if (seed === 'fixture') seedFixture(server.db);
  const eventId = { fixture: FIXTURE_EVENT_ID, demo: DEMO_EVENT_ID, none: undefined }[seed];
  async function stop() {
    await server.close();
    if (!dataDir) rmSync(dir, { recursive: true, force: true });
  }
  return {
    ...server,
    dataDir: dir,
    eventId,
    code: (role, event = eventId) => {
      if (!event) throw new Error('code(): this server seeded no event; name one');
      return createEnrollCode(server.db, { role, eventId: event }).code;
    },
    close: stop,
    stop,
  };
}

/** A child server process running src/server/main.ts under tsx, for the crash fault cases. */
export interface ChildServer {
  url: string;
  process: ChildProcess;
  /** Resolves with the exit code (or signal name) when the process tree's server exits. */
  exited: Promise<number | string>;
  /** SIGKILL the server's process group: a real `kill -9`. */
  kill(): Promise<void>;
}

const children = new Set<ChildServer>();

/** The child is `npm start`: it seeds the demo itself. The fixture is written into its data
 * first (once per data directory), so tests have their own event there too. */
export async function startChildServer(
  dataDir: string,
  hooks?: string,
  /** More environment for the server (HADIR_TRUST_PROXY...). */
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<ChildServer> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...extraEnv,
    // The server picks a free port and prints its address, unless the test names one (a
    // restart on the same address: the same origin for the browsers using it).
    HADIR_PORT: extraEnv.HADIR_PORT ?? '0',
    HADIR_HOST: '127.0.0.1',
    HADIR_DATA_DIR: dataDir,
    HADIR_STATIC_DIR: 'dist',
    HADIR_LOG: 'silent',
  };
  delete env.HADIR_TEST_HOOKS;
  if (hooks) env.HADIR_TEST_HOOKS = hooks;
  const db = openDatabase(dataDir);
  try {
    seedFixture(db);
  } finally {
    db.close();
  }
  // `node --import tsx` is what `npx tsx` ends up running, minus the npm and tsx wrapper
  // processes (seconds of start-up on a loaded machine): the server is this very process,
  // so SIGKILL lands on it. detached: its own process group, killed as a whole anyway.
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: process.cwd(),
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | string>((resolve) =>
    proc.once('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  );
  let output = '';
  proc.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  // main() prints its address once it listens: no polling needed.
  const url = await new Promise<string>((resolve, reject) => {
    proc.stdout!.on('data', (d: Buffer) => {
      output += d.toString();
      const m = /running at (http:\/\/\S+)/.exec(output);
      if (m) resolve(m[1]!);
    });
    void exited.then((code) =>
      reject(new Error(`child server exited (${code}) before listening:\n${output}`)),
    );
  });
  const child: ChildServer = {
    url,
    process: proc,
    exited,
    async kill() {
      children.delete(child);
      try {
        process.kill(-proc.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
      await exited;
    },
  };
  children.add(child);
  return child;
}

/** Kill every child server still running (afterEach / afterAll). */
export async function killChildren(): Promise<void> {
  await Promise.all([...children].map((c) => c.kill()));
}

/** Build the PWA once when dist/ is missing (static-file tests need it). */
export async function ensureBuilt(): Promise<void> {
  if (existsSync('dist/index.html') && existsSync('dist/sw.js')) return;
  await new Promise<void>((resolve, reject) => {
    const p = spawn('npx', ['vite', 'build', '--logLevel', 'warn'], {
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production' },
    });
    p.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`vite build: ${code}`))));
  });
}
