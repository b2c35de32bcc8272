// Real parts for end-to-end tests: Debian's Chromium driven by playwright-core, and the
// built app served by the real Hadir server on 127.0.0.1 (what `npm start` runs).
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer, type TestServer } from '#tests/support/server';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export type AppServer = TestServer;

/**
 * Serve a built app directory with the sync API. Stopping it takes the network away for
 * real; starting again on the same port and data directory brings the same server back.
 */
export async function serveApp(
  port?: number,
  outDir = 'dist',
  dataDir = mkdtempSync(join(tmpdir(), 'hadir-e2e-')),
): Promise<AppServer> {
  return startTestServer({ dataDir, staticDir: outDir, port: port ?? (await freePort()) });
}
