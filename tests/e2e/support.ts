// Real parts for end-to-end tests: Debian's Chromium driven by playwright-core, and the
// built app served by the real Hadir server on 127.0.0.1 (what `npm start` runs).
import { createServer } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { afterAll, expect } from 'vitest';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { DEMO_EVENT_ID, demoParticipants } from '#domain/demo';
import type { VenueCheckIn } from '#domain/model';
import { rowsOfEvent } from '#server/store/rows';
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
  // HADIR_E2E_DIST: a build of one's own (`vite build --outDir …`), so that several
  // people building at once in one work tree do not overwrite each other's dist/.
  outDir = process.env.HADIR_E2E_DIST ?? 'dist',
  dataDir = scratchDir(),
): Promise<AppServer> {
  // The app as `npm start` serves it: on the demo event it seeds.
  return startTestServer({
    dataDir,
    staticDir: outDir,
    port: port ?? (await freePort()),
    seed: 'demo',
  });
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

/** A check-in tablet: its own browser context (its own IndexedDB and network) and page. */
export interface Tablet {
  name: string;
  context: BrowserContext;
  page: Page;
}

export async function openTablet(browser: Browser, name: string): Promise<Tablet> {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { name, context, page };
}

export const badge = (page: Page) => page.getByTestId('sync-badge').textContent();

/** What the badge says after an attempt the server did not answer. */
export const UNREACHABLE = 'Tidak terhubung ke server';
export const unreachable = (unsent: number) => `${UNREACHABLE} · ${unsent} belum terkirim`;

/**
 * The server stops answering this device, as on venue Wi-Fi without internet or with the
 * laptop's server down: every API request fails, service-worker fetches included, while
 * navigator.onLine stays true (it does at a venue; setOffline is not used: Chromium 150
 * keeps onLine true after a reload under it anyway). The app must find out by trying.
 */
export async function cutServer(context: BrowserContext): Promise<void> {
  await context.route('**/api/**', (route) => route.abort('internetdisconnected'));
}

export async function restoreServer(context: BrowserContext): Promise<void> {
  await context.unroute('**/api/**');
}

/** A person taps the badge, then "Kirim sekarang", and closes the detail again. */
export async function sendNow(page: Page): Promise<void> {
  await page.getByTestId('sync-badge').click();
  await page.locator('#sync-detail').getByTestId('send-now').click();
  await page.getByTestId('sync-badge').click();
}

interface PullBody {
  reset?: boolean;
  changes: { table: string; id: string }[];
}

/**
 * Open the app un-enrolled (it shows the built-in local demo), then enrol as check-in
 * staff through the device screen. The first pull replaces the local demo with the
 * server's snapshot (the same demo ids, now mirrored from the server).
 */
export async function enrolAsStaff({ page }: Tablet, server: AppServer): Promise<void> {
  await page.goto(`${server.url}/#/participants`);
  await expect.poll(() => page.getByTestId('participant').count()).toBe(demoParticipants.length);
  expect(await page.getByTestId('demo-banner').isVisible()).toBe(true);

  await page.goto(`${server.url}/#/device`);
  await expect
    .poll(() => page.getByTestId('sync-state').textContent())
    .toBe('Perangkat belum didaftarkan');

  const firstPull = page.waitForResponse(
    (r: Response) => r.url().endsWith('/api/v1/sync/pull') && r.status() === 200,
  );
  await page.getByTestId('enroll-code').fill(server.code('staff'));
  await page.getByRole('button', { name: 'Daftarkan' }).click();
  await expect.poll(() => page.getByTestId('device-role').textContent()).toBe('Petugas check-in');

  // The data now comes from the server: a full snapshot holding the demo participants.
  const pull = (await (await firstPull).json()) as PullBody;
  expect(pull.reset).toBe(true);
  const pulledIds = pull.changes.filter((c) => c.table === 'participants').map((c) => c.id);
  expect(pulledIds.sort()).toEqual(demoParticipants.map((p) => p.id).sort());
  await expect.poll(() => page.getByTestId('sync-state').textContent()).toBe('Tersinkron');
  await expect.poll(() => badge(page)).toBe('Semua tersimpan');
}

/** The demo event's check-ins as the server holds them. */
export function serverCheckins(server: AppServer): VenueCheckIn[] {
  return rowsOfEvent<VenueCheckIn>(server.db, DEMO_EVENT_ID, 'checkins').map((r) => r.data);
}

/** The app's service worker controls the page: from now on it opens without the server. */
/** The service worker controls the page, and on the app (not the registration page) it
 * holds every role screen the build marked (the app asks for them once its role is known,
 * App.svelte): from then on the device works with the network gone. */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  if (new URL(page.url()).pathname.startsWith('/r/')) return;
  const kept = () =>
    page.evaluate(async () => {
      const sw = await (await fetch('/sw.js')).text();
      const marked = (sw.match(/"role":true/g) ?? []).length;
      const held = (await (await caches.open('hadir-role')).keys()).length;
      return marked > 0 && held >= marked;
    });
  await expect.poll(kept, { timeout: 20_000 }).toBe(true);
}
