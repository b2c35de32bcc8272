import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { demoEvent } from '#domain/demo';
import {
  launchBrowser,
  serveApp,
  UNREACHABLE,
  unreachable,
  waitForServiceWorker,
  type AppServer,
} from './support';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** The network goes as it does at a venue: every request fails and the server is
 * stopped, while the browser still believes it is online (navigator.onLine is not used:
 * Chromium 150 keeps it true after a reload under setOffline anyway). */
async function goOffline(context: BrowserContext, server: AppServer): Promise<void> {
  await context.route('**/*', (route) => route.abort('internetdisconnected'));
  await server.close();
}

describe('offline app shell', () => {
  it('opens offline after the first visit, and an offline change survives a reload as unsent', async () => {
    const server = await serveApp();
    const context = await browser.newContext({ viewport: { width: 800, height: 1100 } });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    // The server's Content-Security-Policy allows no inline script or style: the app must
    // run under it without a single violation.
    const cspViolations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
    });
    try {
      await page.goto(server.url);
      await expect.poll(() => page.getByTestId('event-name').textContent()).toBe(demoEvent.name);
      await expect.poll(() => page.getByTestId('sync-badge').textContent()).toBe('Semua tersimpan');
      await waitForServiceWorker(page);

      await goOffline(context, server);
      await page.reload();

      await expect.poll(() => page.getByTestId('event-name').textContent()).toBe(demoEvent.name);
      expect(await page.getByTestId('demo-banner').isVisible()).toBe(true);
      // Indonesian by default, dates in WITA and Indonesian style.
      expect(await page.locator('html').getAttribute('lang')).toBe('id');
      expect(await page.getByText('Senin, 2 Juni 2025', { exact: true }).count()).toBe(1);
      expect(await page.getByText('07.30–08.15 WITA').count()).toBe(2);
      await expect.poll(() => page.getByTestId('sync-badge').textContent()).toBe(UNREACHABLE);

      // A change made offline: check a participant in.
      await page.getByRole('link', { name: 'Peserta' }).click();
      const first = page.getByTestId('participant').first();
      await first.getByRole('button', { name: 'Check-in' }).click();
      await expect.poll(() => first.textContent()).toMatch(/Hadir \d{2}\.\d{2} WITA/);
      await expect.poll(() => page.getByTestId('sync-badge').textContent()).toBe(unreachable(1));

      await page.reload();
      await expect.poll(() => page.getByTestId('sync-badge').textContent()).toBe(unreachable(1));
      await expect
        .poll(() => page.getByTestId('participant').first().textContent())
        .toMatch(/Hadir \d{2}\.\d{2} WITA/);

      await page.getByRole('link', { name: 'Perangkat' }).click();
      await expect.poll(() => page.getByTestId('unsent-count').textContent()).toBe('1');
      await expect
        .poll(() => page.getByTestId('device-id').textContent())
        .toMatch(/^[0-9a-f-]{36}$/);
      expect(cspViolations).toEqual([]);
    } finally {
      await context.close();
      await server.close().catch(() => undefined);
    }
  });

  it('remembers the English switch on the device', async () => {
    const server = await serveApp();
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    try {
      await page.goto(`${server.url}/#/device`);
      await page.getByTestId('language').selectOption('en');
      await expect
        .poll(() => page.getByRole('heading', { level: 1 }).textContent())
        .toBe('Device status');
      await page.reload();
      await expect
        .poll(() => page.getByRole('heading', { level: 1 }).textContent())
        .toBe('Device status');
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      await page.getByRole('link', { name: 'Event' }).click();
      await expect
        .poll(() => page.getByText('Monday, 2 June 2025', { exact: true }).count())
        .toBe(1);
    } finally {
      await context.close();
      await server.close();
    }
  });
});

describe('web app manifest', () => {
  it('is linked, valid, and served with the manifest content type', async () => {
    const server = await serveApp();
    try {
      const html = await (await fetch(server.url)).text();
      const href = /<link rel="manifest" href="([^"]+)"/.exec(html)?.[1];
      expect(href).toBeDefined();

      const res = await fetch(new URL(href!, server.url));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/manifest\+json/);
      const manifest = (await res.json()) as Record<string, unknown> & {
        icons: { src: string; sizes: string; type: string; purpose?: string }[];
      };
      expect(manifest).toMatchObject({
        name: expect.stringContaining('Hadir'),
        short_name: 'Hadir',
        lang: 'id',
        display: 'standalone',
        start_url: '/',
        theme_color: '#0f766e',
      });
      expect(String(manifest.description).length).toBeGreaterThan(10);
      const sizes = manifest.icons.map((i) => `${i.sizes}:${i.purpose ?? 'any'}`);
      expect(sizes).toEqual(
        expect.arrayContaining(['192x192:any', '512x512:any', '512x512:maskable']),
      );
      for (const icon of manifest.icons) {
        const img = await fetch(new URL(icon.src, server.url));
        expect(img.headers.get('content-type')).toBe('image/png');
        const bytes = new Uint8Array(await img.arrayBuffer());
        // PNG signature, then the IHDR width and height match the declared size.
        expect([...bytes.slice(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
        const view = new DataView(bytes.buffer);
        expect(`${view.getUint32(16)}x${view.getUint32(20)}`).toBe(icon.sizes);
      }
    } finally {
      await server.close();
    }
  });
});
