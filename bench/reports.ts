// `npm run bench` (part 6): the organiser's paperwork for 1,000 participants (issue 8).
// The real server on 127.0.0.1 holds the demo event with 1,000 people (the demo's 6 and
// 994 generated), each marked in every session of their batch (one in ten late to one),
// so all 1,000 earn a certificate. Measured twice:
//   - in Node, the way the API route and the admin CLI make them: the four export tables
//     as one XLSX; certificates issued (eligibility, numbers, codes in one transaction);
//     every certificate as one PDF, and as a ZIP of one PDF each;
//   - in Chromium on the organiser's device (1280×800, the data pulled into IndexedDB):
//     from the click until the browser has the file, for "all reports (XLSX)" and "all
//     certificates (one PDF)", the libraries loaded on the first click as in real use.
import { readFileSync } from 'node:fs';
import type { Download, Page } from 'playwright-core';
import { demoParticipants, demoSessions } from '#domain/demo';
import { certificatesPdf, certificatesZip } from '#reports/certificate-pdf';
import { exportTables } from '#reports/tables';
import { xlsxOf } from '#reports/xlsx';
import { issueCertificates } from '#server/certificates';
import { serverReportData } from '#server/reports';
import { launchBrowser } from '#tests/support/chromium';
import { startTestServer } from '#tests/support/server';
import {
  benchPeople,
  enrolAndPull,
  median,
  ms,
  pushMutations,
  Report,
  seedPeople,
} from './support';

const PEOPLE = 1_000;
const RUNS = 3; // each figure is the median of these
const XLSX_BUDGET_MS = 4_000; // click → file, all six sheets, in Chromium
const PDF_BUDGET_MS = 12_000; // click → file, 1,000 certificate pages, in Chromium

const report = new Report();
const row = report.row.bind(report);
const budget = report.budget.bind(report);

async function timed<T>(fn: () => T | Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

async function medianOf<T>(fn: () => T | Promise<T>) {
  const runs: number[] = [];
  let value!: T;
  for (let i = 0; i < RUNS; i++) ({ ms: runs[i]!, value } = await timed(fn));
  return { ms: median(runs), value };
}

/** ms from the click until the download has arrived, and its size. */
async function downloadTime(page: Page, testId: string) {
  const t0 = Date.now();
  const [download] = (await Promise.all([
    page.waitForEvent('download', { timeout: 120_000 }),
    page.getByTestId(testId).click(),
  ])) as [Download, void];
  const path = await download.path();
  return { ms: Date.now() - t0, bytes: readFileSync(path).length };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

// Measured on the demo event, as a new install holds it.
const server = await startTestServer({ seed: 'demo' });
const browser = await launchBrowser();
try {
  const people = benchPeople(PEOPLE - demoParticipants.length);
  seedPeople(server, people);
  const everyone = [...demoParticipants, ...people];
  const marks = everyone.flatMap((p, i) =>
    demoSessions
      .filter((s) => s.batchId === p.batchId)
      .map((s, j) => ({
        markId: `bench-mark-${i}-${j}`,
        eventId: p.eventId,
        sessionId: s.id,
        participantId: p.id,
        status: i % 10 === 0 && j === 1 ? 'terlambat' : 'hadir', // late still counts
        at: s.start,
      })),
  );
  pushMutations(server, 'attendance.mark', marks, 'bench-organiser-trainer');

  // Node: the API route's and the CLI's way.
  const data = serverReportData(server.db, 'demo-bimtek-2025')!;
  const xlsx = await medianOf(() => xlsxOf(exportTables(data, { kind: 'all' })));
  row(`Node: XLSX, 6 sheets, ${PEOPLE} people`, `${ms(xlsx.ms)} (${kb(xlsx.value.length)})`);
  const origin = server.url;
  const issued = await medianOf(() =>
    issueCertificates(server.db, data.event.id, { origin, issuedDate: '2025-06-23' })!,
  );
  const certs = issued.value.certificates;
  if (certs.length !== PEOPLE) throw new Error(`${certs.length} certificates, not ${PEOPLE}`);
  row(`Node: issue (then re-issue) ${certs.length} certificates`, ms(issued.ms));
  const pdf = await medianOf(() => certificatesPdf(certs));
  row(`Node: ${certs.length} certificates, one PDF`, `${ms(pdf.ms)} (${kb(pdf.value.length)})`);
  const zip = await medianOf(() => certificatesZip(certs));
  row(`Node: ${certs.length} certificates, ZIP of PDFs`, `${ms(zip.ms)} (${kb(zip.value.length)})`);

  // Chromium: the organiser's device.
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    acceptDownloads: true,
  });
  await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  const page = await context.newPage();
  const pulled = await enrolAndPull(page, server, everyone.length, 'organiser');
  row(`Chromium: enrol organiser + pull ${everyone.length} people`, ms(pulled.ms));
  await page.goto(`${server.url}/#/organiser`);
  await page.getByRole('button', { name: 'Laporan' }).click();

  const xlsxRuns: number[] = [];
  let xlsxBytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const d = await downloadTime(page, 'export-all-xlsx');
    xlsxRuns.push(d.ms);
    xlsxBytes = d.bytes;
  }
  row(
    `Chromium: click → XLSX file (first, then median of ${RUNS})`,
    `${ms(xlsxRuns[0]!)}, ${ms(median(xlsxRuns))} (${kb(xlsxBytes)})`,
  );
  budget('XLSX in Chromium (median)', median(xlsxRuns), XLSX_BUDGET_MS);

  await page.getByTestId('certificates-issue').click();
  await page
    .getByTestId('certificate-row')
    .nth(certs.length - 1)
    .waitFor({ timeout: 60_000 });
  const pdfRuns: number[] = [];
  let pdfBytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const d = await downloadTime(page, 'certificates-pdf');
    pdfRuns.push(d.ms);
    pdfBytes = d.bytes;
  }
  row(
    `Chromium: click → ${certs.length}-page certificate PDF (first, median)`,
    `${ms(pdfRuns[0]!)}, ${ms(median(pdfRuns))} (${kb(pdfBytes)})`,
  );
  budget('certificate PDF in Chromium (median)', median(pdfRuns), PDF_BUDGET_MS);
  await context.close();
} finally {
  await browser.close();
  await server.close();
}

report.print(
  `Reports for ${PEOPLE} participants (issue 8)`,
  'real server on 127.0.0.1; Node as the API route and CLI; Chromium as the organiser device',
  `XLSX in Chromium ≤ ${XLSX_BUDGET_MS} ms, certificate PDF ≤ ${PDF_BUDGET_MS} ms (medians)`,
);
