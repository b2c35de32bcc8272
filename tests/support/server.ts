// The real sync server in-process on 127.0.0.1 with a fresh SQLite file, for tests that
// need one. Its logs stay quiet.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_EVENT_ID } from '#domain/demo';
import { createEnrollCode } from '#server/auth';
import { setSilent } from '#server/log';
import { startServer, type RunningServer, type ServerOptions } from '#server/main';

export interface TestServer extends RunningServer {
  dataDir: string;
  /** A fresh one-time enrolment code for a role in the demo event (or another). */
  code(role: 'organiser' | 'staff' | 'trainer', eventId?: string): string;
  stop(): Promise<void>;
}

export async function startTestServer(
  opts: { dataDir?: string; staticDir?: string; port?: number } & Pick<
    ServerOptions,
    'tls' | 'httpPort' | 'names' | 'addresses' | 'publicUrl'
  > = {},
): Promise<TestServer> {
  setSilent(true);
  const { dataDir, staticDir, port, ...rest } = opts;
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'hadir-test-'));
  const server = await startServer({
    port: port ?? 0,
    host: '127.0.0.1',
    dataDir: dir,
    staticDir: staticDir ?? process.env.HADIR_E2E_DIST ?? 'dist',
    // Tests never depend on the machine's own network: no LAN address unless given.
    addresses: [],
    tls: false,
    ...rest,
  });
  return {
    ...server,
    dataDir: dir,
    code: (role, eventId = DEMO_EVENT_ID) => createEnrollCode(server.db, { role, eventId }).code,
    close: () => server.close(),
    async stop() {
      await server.close();
      if (!dataDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
