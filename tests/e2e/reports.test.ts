// The organiser's paperwork from the demo event after check-ins and session marks, in
// Chromium: the daftar hadir print view (screenshot kept as a test artifact) and its PDF,
// the spreadsheet download, certificates issued and downloaded, and the public check of
// a real certificate and of a forged code.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import readXlsxFile from 'read-excel-file/node';
import type { Browser, Download } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_EVENT_ID, demoBatches, demoParticipants, demoSessions } from '#domain/demo';
import { setOrganiserPassword } from '#server/auth';
import { pdfText } from '#tests/support/pdf';
import { checkin, enrollDevice, mark, person, register } from '#tests/server/support';
import { launchBrowser, serveApp, type AppServer } from './support';

const ARTIFACTS = process.env.HADIR_ARTIFACTS ?? '.ci-out/artifacts';
const PASSWORD = 'rahasia-panitia-2025';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

// Batch A1: Ahmad (all sessions, 8 JP), Rizky (izin in the last, 7 JP = 87.5%) and
// Noorhayati (absent from a 2-JP session, 6 JP = 75%, below the 80% threshold).
const a1 = demoSessions.filter((s) => s.batchId === demoBatches[0]!.id);
const [ahmad, , rizky, , noor] = demoParticipants;
/** The test drafts' default event is the test fixture's: these are the demo's. */
const demo = { eventId: DEMO_EVENT_ID };
const SIGNATURE = 'M10 60 l20 -30 l20 40 l30 -50 l25 45 M150 70 l60 0';

async function seed(server: AppServer) {
  const desk = await enrollDevice(server, 'staff');
  const at = (time: string) => new Date(`2025-06-02T${time}:00+08:00`).toISOString();
  await desk.send(
    checkin(ahmad!.id, { ...demo, at: at('07:10'), signature: SIGNATURE, method: 'search' }),
    checkin(rizky!.id, { ...demo, at: at('07:20') }),
    checkin(noor!.id, { ...demo, at: at('07:40') }),
  );
  const organiser = await enrollDevice(server, 'organiser');
  // Batch II is large: its day's sheet runs over several printed pages.
  const a2 = demoBatches[1]!.id;
  const many = Array.from({ length: 45 }, (_, i) =>
    person({ ...demo, fullName: `Peserta Angkatan Dua ${i + 1}`, batchId: a2, source: 'import' }),
  );
  await organiser.send(...many.map(register));
  await organiser.send(
    ...a1.map((s) => mark(s.id, ahmad!.id, 'hadir', demo)),
    ...a1.map((s, i) => mark(s.id, rizky!.id, i === 4 ? 'izin' : 'hadir', demo)),
    ...a1.map((s, i) => mark(s.id, noor!.id, i === 1 ? 'tidak_hadir' : 'hadir', demo)),
  );
}

async function saved(download: Promise<Download>): Promise<{ name: string; bytes: Buffer }> {
  const d = await download;
  const path = await d.path();
  return { name: d.suggestedFilename(), bytes: readFileSync(path) };
}

/** The seeded server, and the organiser signed in on a 1024×900 tablet that keeps downloads. */
async function signedInConsole() {
  const server = await serveApp();
  setOrganiserPassword(server.db, PASSWORD);
  await seed(server);
  const context = await browser.newContext({
    viewport: { width: 1024, height: 900 },
    acceptDownloads: true,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(`${server.url}/#/organiser`);
  await page.getByTestId('organiser-password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.getByRole('button', { name: 'Daftar hadir' }).waitFor();
  return { server, context, page };
}

describe('reports for the office', () => {
  it('prints the daftar hadir, downloads the spreadsheet, issues certificates that verify', async () => {
    const { server, context, page } = await signedInConsole();
    try {
      // Daftar hadir of the first session: the three A1 people, Ahmad's signature drawn.
      await page.getByRole('button', { name: 'Daftar hadir' }).click();
      await page.getByTestId('sheet-choice').selectOption(`s:${a1[0]!.id}`);
      await expect.poll(() => page.getByTestId('sheet-row').count()).toBe(3);
      await expect.poll(() => page.getByTestId('signature').count()).toBe(1);
      await page.emulateMedia({ media: 'print' });
      mkdirSync(ARTIFACTS, { recursive: true });
      const shot = await page.screenshot({
        path: join(ARTIFACTS, 'daftar-hadir.png'),
        fullPage: true,
      });
      expect(shot.length).toBeGreaterThan(10_000);
      // In print, the console around the sheet is gone.
      expect(await page.getByTestId('sheet-choice').isVisible()).toBe(false);
      // "Cetak (A4)" of batch II's day (48 people) prints the sheet's own PDF. Where a
      // browser cannot show a PDF in a page (a phone) it hands the same file over to print
      // from: that path is taken here, since headless Chromium's page dies printing a PDF
      // frame. Every page names the sheet, its angkatan and the columns; the two
      // signatories sign once, at the end, never on a page without rows.
      await page.evaluate(() =>
        Object.defineProperty(navigator, 'pdfViewerEnabled', { value: false }),
      );
      await page.emulateMedia({ media: 'screen' });
      await page.getByTestId('sheet-choice').selectOption(`d:${demoBatches[1]!.startDate}`);
      await expect.poll(() => page.getByTestId('sheet-row').count()).toBe(48);
      const forPrint = await saved(
        Promise.all([
          page.waitForEvent('download'),
          page.getByRole('button', { name: 'Cetak (A4)' }).click(),
        ]).then(([d]) => d),
      );
      const printed = await pdfText(forPrint.bytes);
      expect(printed.length).toBeGreaterThan(1);
      for (const text of printed) {
        for (const words of ['DAFTAR HADIR PESERTA', 'Angkatan II', 'Tanda Tangan', 'Keterangan'])
          expect(text).toContain(words);
      }
      expect(printed[0]).toContain('PEMERINTAH PROVINSI KALIMANTAN SELATAN'); // the kop
      expect(printed[0]).toContain('Tahun Anggaran');
      expect(printed.at(-1)).toContain('Contoh Pejabat, S.Sos.');
      expect(printed.at(-1)).toContain('Mengetahui');
      expect(printed.at(-1)).toMatch(/Banjarmasin, 23 Juni 2025/);
      expect(printed.at(-1)).toMatch(/Peserta Angkatan Dua/); // rows beside the signatures
      expect(printed.filter((t) => t.includes('Contoh Pejabat'))).toHaveLength(1);
      expect(printed.every((t) => t.includes('CONTOH'))).toBe(true);
      await page.emulateMedia({ media: 'screen' });
      await page.getByTestId('sheet-choice').selectOption(`s:${a1[0]!.id}`);

      const sheetPdf = await saved(
        Promise.all([
          page.waitForEvent('download'),
          page.getByRole('button', { name: 'Unduh PDF' }).click(),
        ]).then(([d]) => d),
      );
      expect(sheetPdf.name).toMatch(/\.pdf$/);
      const sheetText = (await pdfText(sheetPdf.bytes)).join(' ');
      for (const p of [ahmad!, rizky!, noor!]) expect(sheetText).toContain(p.fullName);
      expect(sheetText).toContain('DAFTAR HADIR PESERTA');
      expect(sheetText).toContain('19860926 201505 1 001');

      // The spreadsheet: every table; Rizky's JP and percentage in the matrix.
      await page.getByRole('button', { name: 'Laporan' }).click();
      const xlsx = await saved(
        Promise.all([
          page.waitForEvent('download'),
          page.getByTestId('export-all-xlsx').click(),
        ]).then(([d]) => d),
      );
      expect(xlsx.name).toMatch(/^hadir-all-.*\.xlsx$/);
      const sheets = await readXlsxFile(xlsx.bytes);
      expect(sheets.map((s) => s.sheet)).toEqual([
        'Peserta',
        'Matriks kehadiran',
        'Log check-in',
        'Rekap kabupaten-kota',
        'Rekap rincian',
        'Register sertifikat',
      ]);
      const matrix = sheets[1]!.data;
      const head = matrix.find((r) => r[0] === 'No')!;
      const row = matrix.find((r) => r[1] === rizky!.fullName)!;
      expect(row[head.indexOf('JP diperoleh')]).toBe(7);
      expect(row[head.indexOf('Persentase (%)')]).toBe(87.5);
      const log = sheets[2]!.data;
      const logHead = log.findIndex((r) => r[0] === 'Waktu (WITA)');
      expect(logHead).toBeGreaterThan(0); // under the title rows
      expect(log.slice(logHead + 1)).toHaveLength(3); // three check-ins

      // Certificates: issued by the server from the marks it holds.
      await page.getByTestId('certificates-issue').click();
      await expect.poll(() => page.getByTestId('certificate-row').count()).toBe(2);
      const rows = await page.getByTestId('certificate-row').allTextContents();
      expect(rows[0]).toContain('001/BIMTEK-LI/DISPERSIP/');
      expect(rows[0]).toContain(ahmad!.fullName);
      const noorRow = page.getByTestId('ineligible-row').filter({ hasText: noor!.fullName });
      expect(await noorRow.textContent()).toContain('6/8 · 75%');
      expect(await noorRow.textContent()).toContain('Kehadiran di bawah 80%');

      const cert = await saved(
        Promise.all([
          page.waitForEvent('download'),
          page
            .getByTestId('certificate-row')
            .first()
            .getByRole('button', { name: 'Unduh' })
            .click(),
        ]).then(([d]) => d),
      );
      const [certPage, ...more] = await pdfText(cert.bytes);
      expect(more).toHaveLength(0);
      expect(certPage).toContain(ahmad!.fullName);
      expect(certPage).toContain('19860926 201505 1 001');
      expect(certPage).toMatch(/selama 8 \(delapan\) jam pelajaran/);
      expect(certPage).toContain('CONTOH'); // the demo's documents say so

      // The public check: the real certificate's code, then a forged one.
      const { code } = server.db
        .prepare('SELECT code FROM certificates WHERE participant_id = ?')
        .get(ahmad!.id) as { code: string };
      const visitor = await browser.newContext();
      const v = await visitor.newPage();
      await v.goto(`${server.url}/#/verify/${code}`);
      // The demo event's certificates never verify as genuine.
      await expect
        .poll(() => v.getByTestId('verify-verdict').textContent())
        .toContain('bukan sertifikat asli');
      expect(await v.getByTestId('verify-name').textContent()).toBe(ahmad!.fullName);
      expect(await v.getByTestId('verify-dates').textContent()).toBe('2 Juni 2025');
      expect(await v.getByTestId('verify-signatory').textContent()).toContain(
        'Contoh Kepala Dinas',
      );
      expect(await v.getByTestId('verify-jp').textContent()).toBe('8 JP');
      await v.getByTestId('verify-code').fill('ABCD-EFGH-JK');
      await v.getByRole('button', { name: 'Periksa' }).click();
      await expect
        .poll(() => v.getByTestId('verify-verdict').textContent())
        .toContain('TIDAK DITEMUKAN');
      await visitor.close();
    } finally {
      await context.close();
      await server.close();
    }
  });

  it('exports and prints offline once the console has been opened online', async () => {
    const { server, context, page } = await signedInConsole();
    try {
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
      // With the worker in control, the console fetches the report writers, which it keeps.
      await page.reload();
      await page.getByRole('button', { name: 'Laporan' }).waitFor();
      const kept = () =>
        page.evaluate(async () =>
          (await (await caches.open('hadir-reports')).keys()).map((r) => new URL(r.url).pathname),
        );
      await expect.poll(async () => (await kept()).length).toBe(2);
      expect((await kept()).every((p) => p.startsWith('/assets/reports-'))).toBe(true);

      // The network goes for real, and the page starts again from the worker.
      await server.close();
      await page.reload();
      await page.getByRole('button', { name: 'Laporan' }).click();
      const xlsx = await saved(
        Promise.all([
          page.waitForEvent('download'),
          page.getByTestId('export-matrix-xlsx').click(),
        ]).then(([d]) => d),
      );
      const [matrix] = await readXlsxFile(xlsx.bytes);
      expect(matrix!.data.find((r) => r[1] === ahmad!.fullName)).toBeDefined();

      await page.getByRole('button', { name: 'Daftar hadir' }).click();
      await page.getByTestId('sheet-choice').selectOption(`s:${a1[0]!.id}`);
      const sheet = await saved(
        Promise.all([
          page.waitForEvent('download'),
          page.getByRole('button', { name: 'Unduh PDF' }).click(),
        ]).then(([d]) => d),
      );
      expect((await pdfText(sheet.bytes)).join(' ')).toContain(noor!.fullName);
    } finally {
      await context.close();
      await server.close().catch(() => undefined);
    }
  });
});
