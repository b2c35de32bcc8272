// A venue hub for tests (venue-hub.md): a second real server on 127.0.0.1 with its own
// SQLite file, paired with an office server through a TCP proxy that is cut to take the
// uplink away; restartable on its data folder, as a laptop is.
import { expect, vi } from 'vitest';
import { createEnrollCode, serverSecret } from '#server/auth';
import { pairHub } from '#server/hub/pair';
import { Uplink } from '#server/hub/uplink';
import { seedDemo } from '#server/seed';
import { openDatabase } from '#server/store/database';
import { FIXTURE_EVENT_ID } from '#tests/support/fixture';
import { startTestServer, tempDataDir, type TestServer } from '#tests/support/server';
import { startTcpProxy, type TcpProxy } from '#tests/support/tcp-proxy';

export interface TestHub {
  /** The hub's server now (a restart makes a new one on the same folder). */
  server: TestServer;
  proxy: TcpProxy;
  dir: string;
  /** Stop the hub and start it again on its data folder. */
  restart(): Promise<void>;
  /** Upstream answered a whole round: all the hall did is there, and back. */
  settled(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** A hub paired with `office` for its event (on a laptop that ran `npm start` once before:
 * the demo goes), its first round done, started with a short pause between rounds. */
export async function startHub(
  office: TestServer,
  opts: { name?: string; eventId?: string; uplinkMs?: number } = {},
): Promise<TestHub> {
  const proxy = await startTcpProxy(office.url);
  const dir = tempDataDir();
  const db = openDatabase(dir);
  seedDemo(db);
  const eventId = opts.eventId ?? FIXTURE_EVENT_ID;
  const code = createEnrollCode(office.db, { role: 'hub', eventId }).code;
  await pairHub(db, proxy.url, code, { name: opts.name ?? 'Laptop aula' });
  expect(await new Uplink(db, { secret: serverSecret(db) }).syncOnce()).toBe(true);
  db.close();
  const start = () =>
    startTestServer({ dataDir: dir, seed: 'none', uplinkMs: opts.uplinkMs ?? 50 });
  const hub: TestHub = {
    server: await start(),
    proxy,
    dir,
    async restart() {
      await hub.server.close();
      hub.server = await start();
    },
    async settled(timeoutMs = 10_000) {
      const uplink = hub.server.uplink!;
      await vi.waitFor(
        async () => {
          // A round already running may have started before what the test just did.
          await uplink.syncOnce();
          expect(await uplink.syncOnce()).toBe(true);
          expect(uplink.status().queued).toBe(0);
        },
        { timeout: timeoutMs, interval: 50 },
      );
    },
    async close() {
      await hub.server.close();
      await proxy.close();
    },
  };
  return hub;
}
