// Reports built in the reports worker, in Chromium: the console's certificates (one PDF, a
// ZIP, one) and spreadsheets come from it (each of its answers is counted in the page),
// the service worker keeps its file once the reports tab has opened, and a console with
// no server at all still draws in it. Where the writers were never fetched, the page says
// what it said before: the certificate's and the export's own failure messages; a CSV,
// which needs no writer, is still made.
import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import readXlsxFile from 'read-excel-file/node';
import type { Browser, BrowserContext, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_EVENT_ID, demoBatches, demoParticipants, demoSessions } from '#domain/demo';
import { setOrganiserPassword } from '#server/auth';
import { pdfText } from '#tests/support/pdf';
import { enrollDevice, mark } from '#tests/server/support';
import { launchBrowser, serveApp, waitForServiceWorker, type AppServer } from './support';

const PASSWORD = 'rahasia-panitia-2025';
const [ahmad, , rizky] = demoParticipants; // both in batch A1
const a1 = demoSessions.filter((s) => s.batchId === demoBatches[0]!.id);

/** Before the app: the answers the reports worker gives, counted in `__reportsAnswers`. */
const COUNT_ANSWERS = `
  globalThis.__reportsAnswers = 0;
  const Native = globalThis.Worker;
  if (Native) globalThis.Worker = class extends Native {
    constructor(url, options) {
      super(url, options);
      if (String(url).includes('/assets/reports-worker-'))
        this.addEventListener('message', (e) => e.data?.ok && globalThis.__reportsAnswers++);
    }
  };`;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** The demo event with Ahmad and Rizky present at every A1 session: two certificates. */
async function seededServer(): Promise<AppServer> {
  const server = await serveApp();
  setOrganiserPassword(server.db, PASSWORD);
  const organiser = await enrollDevice(server, 'organiser');
  const demo = { eventId: DEMO_EVENT_ID };
  await organiser.send(
    ...a1.flatMap((s) => [
      mark(s.id, ahmad!.id, 'hadir', demo),
      mark(s.id, rizky!.id, 'hadir', demo),
    ]),
  );
  return server;
}

async function signIn(page: Page, server: AppServer): Promise<void> {
  await page.goto(`${server.url}/#/organiser`);
  await page.getByTestId('organiser-password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.getByRole('button', { name: 'Laporan' }).waitFor();
}

async function saved(page: Page, testId: string): Promise<{ name: string; bytes: Buffer }> {
  const [d] = (await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId(testId).click(),
  ])) as [Download, void];
  return { name: d.suggestedFilename(), bytes: readFileSync(await d.path()) };
}

const answers = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as { __reportsAnswers: number }).__reportsAnswers);

const kept = (page: Page) =>
  page.evaluate(async () =>
    (await (await caches.open('hadir-reports')).keys()).map((r) => new URL(r.url).pathname),
  );

describe('the reports worker', () => {
  it('draws certificates and exports, and is kept for a console with no server', async () => {
    const server = await seededServer();
    let context: BrowserContext | undefined;
    try {
      context = await browser.newContext({ acceptDownloads: true });
      await context.addInitScript({ content: COUNT_ANSWERS });
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      await signIn(page, server);
      await waitForServiceWorker(page);
      await page.reload(); // now through the service worker, which keeps what it fetches
      await page.getByRole('button', { name: 'Laporan' }).click();
      await expect
        .poll(async () => (await kept(page)).some((p) => p.startsWith('/assets/reports-worker-')))
        .toBe(true);

      const xlsx = await saved(page, 'export-all-xlsx');
      expect(xlsx.name).toMatch(/^hadir-all-.*\.xlsx$/);
      expect(await readXlsxFile(xlsx.bytes)).toHaveLength(6);
      expect(await answers(page)).toBe(1);

      await page.getByTestId('certificates-issue').click();
      await expect.poll(() => page.getByTestId('certificate-row').count()).toBe(2);
      const all = await saved(page, 'certificates-pdf');
      expect(all.name).toMatch(/^hadir-sertifikat-.*\.pdf$/);
      const pages = await pdfText(all.bytes);
      expect(pages).toHaveLength(2);
      expect(pages.join(' ')).toContain(ahmad!.fullName);
      expect(pages.join(' ')).toContain(rizky!.fullName);
      const zip = await saved(page, 'certificates-zip');
      expect(Object.keys(unzipSync(zip.bytes))).toHaveLength(2);
      const [one] = (await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('certificate-row').first().getByRole('button', { name: 'Unduh' }).click(),
      ])) as [Download, void];
      expect(one.suggestedFilename()).toMatch(/^001-.*\.pdf$/);
      // One certificate is drawn on the page (a phone would otherwise fetch the worker's own
      // copy of the PDF writer for a single page): the worker answered the three before.
      expect(await answers(page)).toBe(3);

      // The server goes for real; the console starts again from the service worker.
      await server.close();
      await page.reload();
      await page.getByRole('button', { name: 'Laporan' }).click();
      const matrix = await saved(page, 'export-matrix-xlsx');
      expect(await readXlsxFile(matrix.bytes)).toHaveLength(1);
      const again = await saved(page, 'certificates-pdf'); // the list kept on the device
      expect(await pdfText(again.bytes)).toHaveLength(2);
      expect(await answers(page)).toBe(2);
    } finally {
      await context?.close();
      await server.close().catch(() => undefined);
    }
  });

  it('says what it said before when the writers were never fetched; a CSV still comes', async () => {
    const server = await seededServer();
    // No service worker, and no report writer (jsPDF, the XLSX writer, the worker) ever
    // arrives: a device that has never had them and is offline now.
    const context = await browser.newContext({ acceptDownloads: true, serviceWorkers: 'block' });
    try {
      await context.route('**/assets/reports-*', (route) => route.abort('internetdisconnected'));
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      await signIn(page, server);
      await page.getByRole('button', { name: 'Laporan' }).click();

      await page.getByTestId('export-all-xlsx').click();
      await expect
        .poll(() => page.getByRole('alert').textContent())
        .toContain('tidak dapat dibuat');
      const csv = await saved(page, 'export-participants-csv');
      expect(csv.bytes.toString('utf8')).toContain(ahmad!.fullName);

      await page.getByTestId('certificates-issue').click();
      await expect.poll(() => page.getByTestId('certificate-row').count()).toBe(2);
      await page.getByTestId('certificates-pdf').click();
      await expect
        .poll(() => page.getByRole('alert').allTextContents())
        .toContainEqual(expect.stringContaining('PDF tidak dapat dibuat'));
    } finally {
      await context.close();
      await server.close();
    }
  });
});
