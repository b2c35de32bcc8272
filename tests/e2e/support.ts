// Real parts for end-to-end tests: Debian's Chromium driven by playwright-core, and the
// built app served by `vite preview` on 127.0.0.1 (the same server `npm start` runs).
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';

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

export interface AppServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Serve a built app directory. Stopping it takes the network away for real. */
export async function serveApp(port?: number, outDir = 'dist'): Promise<AppServer> {
  const p = port ?? (await freePort());
  const server: PreviewServer = await preview({
    logLevel: 'silent',
    build: { outDir },
    preview: { port: p, host: '127.0.0.1', strictPort: true },
  });
  return {
    url: `http://127.0.0.1:${p}`,
    port: p,
    close: () => server.close(),
  };
}
