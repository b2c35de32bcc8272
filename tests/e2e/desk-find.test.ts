// Issue 16: the desk finds people the way they identify themselves, and refuses a
// cancelled registration. An enrolled desk in Chromium, on the real server's demo event:
// a phone number typed in each way people write or say it, the registration number from
// the ticket with and without the province, the ticket's check code; then the camera
// reads the QR of a registration the organiser cancelled, and the desk refuses it with
// the reason, recording nothing.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoParticipants } from '#domain/demo';
import { ticketPayload } from '#domain/ticket';
import { enrollDevice } from '#tests/server/support';
import { enrolAsStaff, launchBrowser, openTablet, serveApp, serverCheckins } from './support';
import { qrY4m } from './y4m';

const AHMAD = demoParticipants[0]!; // +6281251230001, KS-A1-001, check code DEMO01
const YUSUF = demoParticipants[5]!; // cancelled by the organiser below
const REASON = 'Mengundurkan diri, diganti rekan satu instansi';

let browser: Browser;
let videoDir: string;
beforeAll(async () => {
  // The fake camera shows the cancelled person's ticket.
  videoDir = mkdtempSync(join(tmpdir(), 'hadir-camera-'));
  const video = join(videoDir, 'ticket.y4m');
  writeFileSync(video, qrY4m(ticketPayload(YUSUF.id, YUSUF.ticketCode)));
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

/** Type a query into the desk's field; the names of the results shown, best first. */
async function find(page: Page, query: string): Promise<string[]> {
  await page.getByTestId('desk-search').fill(query);
  const names = () => page.getByTestId('desk-result').locator('strong').allTextContents();
  await expect.poll(async () => (await names()).length).toBeGreaterThan(0);
  return names();
}

describe('the desk finds people the way they identify themselves', () => {
  it(
    'by every way of writing a phone number, by registration number and check code; a cancelled QR is refused',
    { timeout: 120_000 },
    async () => {
      const server = await serveApp();
      const tablet = await openTablet(browser, 'A');
      const { page, context } = tablet;
      try {
        const organiser = await enrollDevice(server, 'organiser');
        await organiser.send({
          name: 'participant.cancel',
          args: { participantId: YUSUF.id, reason: REASON },
        });
        await context.grantPermissions(['camera'], { origin: server.url });
        await enrolAsStaff(tablet, server);
        await page.goto(`${server.url}/#/checkin`);
        await expect
          .poll(() => page.getByTestId('count-registered').textContent())
          .toBe(String(demoParticipants.length - 1)); // the cancelled one is not expected

        for (const phone of [
          '081251230001',
          '0812-5123-0001',
          '0812 5123 0001',
          '+62 812 5123 0001',
          '+6281251230001',
          '6281251230001',
          '+62 (0)812-5123-0001',
        ]) {
          expect(await find(page, phone), phone).toEqual([AHMAD.fullName]);
        }
        for (const number of ['KS-A1-001', 'ks-a1-001', 'KS A1 001', 'A1-001', 'a1001']) {
          expect((await find(page, number))[0], number).toBe(AHMAD.fullName);
        }
        expect(await find(page, 'demo01')).toEqual([AHMAD.fullName]);

        // The cancelled registration is found, shown cancelled with its reason, no button.
        await page.getByTestId('desk-search').fill('KS-A2-003');
        const row = page.getByTestId('desk-result').filter({ hasText: YUSUF.fullName });
        await expect.poll(() => row.textContent()).toContain(`Alasan: ${REASON}`);
        expect(await row.getByRole('button', { name: 'Check-in' }).count()).toBe(0);
        await page.getByTestId('desk-search').fill('');

        // Its QR, read by the camera: refused in words; nothing recorded.
        await page.getByTestId('camera-toggle').click();
        const refused = page.getByTestId('desk-refused');
        await expect.poll(() => refused.textContent(), { timeout: 20_000 }).toContain('DITOLAK');
        const text = await refused.textContent();
        expect(text).toContain(`${YUSUF.fullName}: pendaftaran dibatalkan`);
        expect(text).toContain(`Alasan: ${REASON}`);
        expect(await page.getByTestId('confirmation').count()).toBe(0);
        expect(await page.getByTestId('count-arrived').textContent()).toBe('0');

        // The same by a keyboard-wedge scanner.
        await page.getByTestId('camera-toggle').click();
        const field = page.getByTestId('desk-search');
        await field.fill(ticketPayload(YUSUF.id, YUSUF.ticketCode));
        await field.press('Enter');
        await expect.poll(() => refused.textContent()).toContain(`Alasan: ${REASON}`);
        expect(await page.getByTestId('count-arrived').textContent()).toBe('0');

        // Nothing was queued to send, and the server holds no check-in.
        const queued = await page.evaluate(async () => {
          const open = indexedDB.open('hadir');
          const idb = await new Promise<IDBDatabase>((ok, fail) => {
            open.onsuccess = () => ok(open.result);
            open.onerror = () => fail(open.error);
          });
          const all = idb.transaction('outbox').objectStore('outbox').getAll();
          await new Promise((ok) => (all.onsuccess = ok));
          idb.close();
          return (all.result as { name: string }[]).filter((r) => r.name === 'checkin.record');
        });
        expect(queued).toEqual([]);
        expect(serverCheckins(server)).toEqual([]);
      } finally {
        await context.close();
        await server.stop();
      }
    },
  );
});
