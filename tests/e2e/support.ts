// Real parts for end-to-end tests: Debian's Chromium driven by playwright-core, and the
// built app served by the real Hadir server on 127.0.0.1 (what `npm start` runs).
import { createServer } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { afterAll } from 'vitest';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer, type TestServer } from '#tests/support/server';

export { CHROMIUM, launchBrowser } from '#tests/support/chromium';

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
  dataDir = scratchDir(),
): Promise<AppServer> {
  return startTestServer({ dataDir, staticDir: outDir, port: port ?? (await freePort()) });
}

// Data directories made here outlive a stopped server (a test may restart on the same
// one); they are removed after the test file (Vitest isolates modules per file).
const scratch: string[] = [];
afterAll(() => {
  for (const d of scratch.splice(0)) rmSync(d, { recursive: true, force: true });
});

function scratchDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hadir-e2e-'));
  scratch.push(dir);
  return dir;
}
