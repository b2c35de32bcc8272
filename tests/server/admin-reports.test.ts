// The admin command line's reports against the real server's SQLite file: exports as
// XLSX and CSV files read back, and certificates as one PDF or a ZIP of PDFs parsed back.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import readXlsxFile from 'read-excel-file/node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runAdmin } from '#server/admin';
import { pdfText } from '#tests/support/pdf';
import {
  enrollDevice,
  mark,
  person,
  register,
  startTestServer,
  type TestServer,
} from '#tests/server/support';
import { FIXTURE_EVENT_ID, fixture } from '#tests/support/fixture';

let server: TestServer;
let dir: string;
beforeEach(async () => {
  server = await startTestServer();
  dir = mkdtempSync(join(tmpdir(), 'hadir-admin-reports-'));
});
afterEach(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

async function admin(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runAdmin(argv, {
    db: server.db,
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    readSecret: async () => '',
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** The admin CLI's --event defaults to the demo's: name the test event. */
const EVENT = ['--event', FIXTURE_EVENT_ID];
const a1 = fixture.sessions.filter((s) => s.batchId === fixture.batches[0]!.id);

/** Two people who attended every session of batch A1, registered by the organiser. */
async function twoEligible() {
  const organiser = await enrollDevice(server, 'organiser');
  const people = [
    person({
      fullName: 'Siti Aminah, S.IP.',
      nip: '198703122010012005',
      gender: 'P',
      source: 'import',
    }),
    person({ fullName: 'Budi Santoso, A.Md.', source: 'import' }),
  ];
  await organiser.send(...people.map(register));
  await organiser.send(...people.flatMap((p) => a1.map((s) => mark(s.id, p.id))));
  return people;
}

describe('admin CLI reports', () => {
  it('exports the recap of a batch as CSV with ";" and everything as XLSX', async () => {
    await twoEligible();
    const csvFile = join(dir, 'recap.csv');
    const csv = await admin(
      'export',
      'recap',
      '--batch',
      'A1',
      '--format',
      'csv',
      '--separator',
      'semicolon',
      ...EVENT,
      '--out',
      csvFile,
    );
    expect(csv.code, csv.err).toBe(0);
    const text = readFileSync(csvFile, 'utf8');
    const [header, ...rows] = text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(header!.split(';').slice(0, 3)).toEqual([
      'Kabupaten/kota',
      'Terdaftar',
      'Daftar tunggu',
    ]);
    // The total row counts batch A1's registered people: the test event's A1 people plus our two.
    const total = rows.at(-1)!.split(';');
    expect(total[0]).toBe('Jumlah');

    const xlsxFile = join(dir, 'all.xlsx');
    const xlsx = await admin('export', 'all', ...EVENT, '--out', xlsxFile, '--lang', 'en');
    expect(xlsx.code, xlsx.err).toBe(0);
    const sheets = await readXlsxFile(readFileSync(xlsxFile));
    expect(sheets.map((s) => s.sheet)).toEqual([
      'Participants',
      'Attendance matrix',
      'Check-in log',
      'Recap by regency-city',
      'Recap breakdown',
      'Certificate register',
    ]);
    const matrix = sheets[1]!.data;
    const siti = matrix.find((row) => row[1] === 'Siti Aminah, S.IP.')!;
    const columns = matrix.find((row) => row[0] === 'No')!;
    expect(siti[columns.indexOf('JP earned')]).toBe(8);
    expect(siti[columns.indexOf('Eligible for certificate')]).toBe('Yes');
  });

  it('issues and writes certificates as one PDF and as a ZIP of PDFs', async () => {
    await twoEligible();
    const pdfFile = join(dir, 'sertifikat.pdf');
    const noOrigin = await admin('certificates', ...EVENT, '--issue', '--out', pdfFile);
    expect(noOrigin.code).toBe(2);
    expect(noOrigin.err).toContain('--origin');
    const origin = [...EVENT, '--origin', 'https://hadir.example'];
    const none = await admin('certificates', ...origin, '--out', pdfFile);
    expect(none.code).toBe(1);
    expect(none.err).toContain('--issue');

    const issued = await admin(
      'certificates',
      ...origin,
      '--issue',
      '--date',
      '2025-06-02',
      '--out',
      pdfFile,
    );
    expect(issued.code, issued.err).toBe(0);
    const pages = await pdfText(readFileSync(pdfFile));
    // The test event's own people have no marks: only our two are eligible, numbered by name.
    expect(pages).toHaveLength(2);
    expect(pages[0]).toContain('Budi Santoso, A.Md.');
    expect(pages[0]).toContain('001/BIMTEK-UJI/2025');
    expect(pages[1]).toContain('Siti Aminah, S.IP.');
    expect(pages[1]).toContain('19870312 201001 2 005');
    expect(pages[1]).toContain('002/BIMTEK-UJI/2025');
    for (const page of pages) expect(page).toMatch(/8 \(delapan\) jam pelajaran/);

    const zipFile = join(dir, 'sertifikat.zip');
    expect((await admin('certificates', ...origin, '--out', zipFile)).code).toBe(0);
    const files = unzipSync(readFileSync(zipFile));
    expect(Object.keys(files)).toHaveLength(2);
    for (const bytes of Object.values(files)) expect(await pdfText(bytes)).toHaveLength(1);
  });

  it('refuses bad options with a usage error and a missing event with an error', async () => {
    expect((await admin('export', 'salaries', ...EVENT, '--out', join(dir, 'x'))).code).toBe(2);
    expect(
      (await admin('export', 'all', ...EVENT, '--format', 'csv', '--out', join(dir, 'x'))).code,
    ).toBe(2);
    expect((await admin('export', 'recap', ...EVENT)).code).toBe(2);
    const unknown = await admin('export', 'recap', '--event', 'nope', '--out', join(dir, 'x'));
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('Unknown event: nope');
    expect((await admin('certificates', ...EVENT, '--out', join(dir, 'x.txt'))).code).toBe(2);
  });
});
