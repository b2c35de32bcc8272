// Issue 6, points 2 and 7 (camera): a check-in desk scans a participant's ticket QR with
// the camera. Chromium's fake camera plays a generated video of that QR. Debian's
// Chromium has no BarcodeDetector on Linux, so this runs the zxing-wasm path, with the
// wasm served by the app itself (never a CDN); the check-in reaches the server as 'qr'.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { demoParticipants } from '#domain/demo';
import { ticketPayload } from '#domain/ticket';
import { enrolAsStaff, launchBrowser, openTablet, serveApp, serverCheckins } from './support';
import { qrY4m } from './y4m';

const PERSON = demoParticipants[3]!;

let browser: Browser;
let videoDir: string;
beforeAll(async () => {
  videoDir = mkdtempSync(join(tmpdir(), 'hadir-camera-'));
  const video = join(videoDir, 'ticket.y4m');
  writeFileSync(video, qrY4m(ticketPayload(PERSON.id, PERSON.ticketCode)));
  browser = await launchBrowser([
    '--use-fake-device-for-media-stream',
    '--use-fake-ui-for-media-stream',
    `--use-file-for-fake-video-capture=${video}`,
  ]);
});
afterAll(async () => {
  await browser?.close();
  rmSync(videoDir, { recursive: true, force: true });
});

describe('camera scanning at the desk', () => {
  it('with the network gone, checks the person on the ticket in once; the server gets a QR check-in later', async () => {
    let server = await serveApp();
    const port = Number(new URL(server.url).port);
    const tablet = await openTablet(browser, 'A');
    const { page, context } = tablet;
    const wasmRequests: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('.wasm')) wasmRequests.push(r.url());
    });
    try {
      await context.grantPermissions(['camera'], { origin: server.url });
      await enrolAsStaff(tablet, server);
      await page.goto(`${server.url}/#/checkin`);
      await expect
        .poll(() => page.getByTestId('count-registered').textContent())
        .toBe(String(demoParticipants.length));
      // Opening the desk online fetched the QR reader's wasm into the worker's cache…
      await expect
        .poll(
          () => page.evaluate(async () => (await (await caches.open('hadir-wasm')).keys()).length),
          { timeout: 20_000 },
        )
        .toBe(1);

      // …so the camera reads tickets with the server (the whole network) gone.
      await server.stop();
      await page.getByTestId('camera-toggle').click();
      const scanner = page.getByTestId('scanner');
      // The zxing-wasm path ran (no BarcodeDetector in Debian's Chromium on Linux).
      await expect.poll(() => scanner.getAttribute('data-decoder')).toBe('zxing');
      expect(await page.getByRole('checkbox', { name: /Pindai cepat/ }).isChecked()).toBe(true);

      await expect
        .poll(() => page.getByTestId('confirmation').textContent(), { timeout: 20_000 })
        .toContain(PERSON.fullName);
      expect(wasmRequests.length).toBeGreaterThan(0);
      for (const url of wasmRequests) expect(url.startsWith(`${server.url}/assets/`)).toBe(true);

      // The ticket stays in front of the camera: rapid mode resumes after 2 s, and the
      // same QR is still ignored, so no repeat check-in is recorded.
      await expect.poll(() => scanner.getAttribute('data-phase')).toBe('scanning');
      await page.waitForTimeout(3_000);
      expect(await page.getByTestId('count-repeats').textContent()).toBe('0');
      expect(await page.getByTestId('count-arrived').textContent()).toBe('1');

      // The network comes back: the check-in reaches the server as a QR check-in.
      server = await serveApp(port, undefined, server.dataDir);
      await page.evaluate(() => window.dispatchEvent(new Event('online')));
      await expect
        .poll(() => serverCheckins(server).map((c) => [c.participantId, c.method]), {
          timeout: 30_000,
        })
        .toEqual([[PERSON.id, 'qr']]);
    } finally {
      await context.close();
      await server.stop();
      rmSync(server.dataDir, { recursive: true, force: true });
    }
  });
});
