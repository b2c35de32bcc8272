import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { freePort, launchBrowser, serveApp } from './support';

// Two builds of the app that differ only in their build id, served in turn on one
// origin, as when a new version is deployed while a tablet has the old one open.
const builds = { a: '.e2e/dist-a', b: '.e2e/dist-b' } as const;

let browser: Browser;
beforeAll(async () => {
  for (const [id, outDir] of Object.entries(builds)) {
    execFileSync(
      'npx',
      ['vite', 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'],
      {
        stdio: 'inherit',
        env: { ...process.env, NODE_ENV: 'production', HADIR_BUILD_ID: id },
      },
    );
  }
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function appVersion(page: Page): Promise<string | null> {
  await page.goto(`${new URL(page.url()).origin}/#/device`);
  return page.getByTestId('app-version').textContent();
}

/** Open build A, then deploy build B on the same origin and let the browser notice. */
async function openAThenDeployB(page: Page, withUnsentChange: boolean) {
  const port = await freePort();
  let server = await serveApp(port, builds.a);
  await page.goto(server.url);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  expect(await appVersion(page)).toMatch(/\+a$/);
  if (withUnsentChange) {
    await page.goto(`${server.url}/#/participants`);
    await page.getByTestId('participant').first().getByRole('button', { name: 'Check-in' }).click();
    await expect.poll(() => page.getByTestId('sync-badge').textContent()).toBe('1 belum terkirim');
  }
  await server.close();
  server = await serveApp(port, builds.b);
  await page.reload(); // a navigation makes the browser check for a new service worker
  await expect.poll(() => page.getByText('Versi baru Hadir tersedia.').count()).toBe(1);
  return server;
}

describe('update prompt', () => {
  it('offers the new version and applies it when nothing is unsent', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const server = await openAThenDeployB(page, false);
    try {
      await page.getByRole('button', { name: 'Perbarui sekarang' }).click();
      await expect.poll(() => page.getByTestId('app-version').textContent()).toMatch(/\+b$/);
    } finally {
      await context.close();
      await server.close();
    }
  });

  it('fault 24: never reloads while the outbox holds unsent changes; it says so and waits', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const server = await openAThenDeployB(page, true);
    try {
      await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
      await page.getByRole('button', { name: 'Perbarui sekarang' }).click();
      await expect
        .poll(() => page.getByRole('status').filter({ hasText: 'Masih ada 1 perubahan' }).count())
        .toBe(1);
      // Give a wrongful reload every chance to happen before checking it did not.
      await page.waitForTimeout(1500);
      expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
      expect(
        await page.evaluate(
          async () => !!(await navigator.serviceWorker.getRegistration())?.waiting,
        ),
      ).toBe(true);
      await page.getByRole('link', { name: 'Perangkat' }).click(); // a hash change, no reload
      expect(await page.getByTestId('app-version').textContent()).toMatch(/\+a$/);
      expect(await page.getByTestId('unsent-count').textContent()).toBe('1');
    } finally {
      await context.close();
      await server.close();
    }
  });
});
