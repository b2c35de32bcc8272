// What the reports worker answers (answer() is all its onmessage does), given a request as
// the page posts it: the request goes through structuredClone first, as postMessage
// would, and the bytes that come back are read back as a PDF, a ZIP of PDFs, a workbook
// and a CSV. The bytes own their whole buffer, so the worker can transfer it. Where there
// is no Worker (Node here), reportFile builds the same file on the calling thread.
import { strFromU8, unzipSync } from 'fflate';
import readXlsxFile from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';
import type { CertificateData } from '#domain/certificate';
import type { ReportData } from '#domain/event-data';
import { answer, type ReportJob, type ReportReply, type ReportRequest } from '#reports/build';
import { reportFile } from '#reports/worker-client';
import { fixture } from '#tests/support/fixture';
import { pdfText } from '#tests/support/pdf';

const certificate = (n: number, fullName: string): CertificateData => ({
  number: `00${n}/A1/DISPERSIP/VI/2025`,
  verifyUrl: `https://hadir.example/#/verify/ABCDEFGH2${n}`,
  fullName,
  institution: 'Dinas Perpustakaan Kota Banjarbaru',
  eventName: 'Literasi Informasi',
  organizer: 'Dinas Perpustakaan dan Kearsipan Provinsi Kalimantan Selatan',
  batchName: 'Angkatan I',
  startDate: '2025-06-02',
  endDate: '2025-06-03',
  jp: 16,
  place: 'Banjarmasin',
  issuedDate: '2025-06-03',
  signatory: { name: 'Dr. Siti Rahmah, M.Si.', title: 'Kepala Dinas', nip: '' },
});
const list = [certificate(1, 'Siti Aminah, S.IP.'), certificate(2, 'Ahmad Fauzi')];

const data: ReportData = {
  event: fixture.event,
  batches: fixture.batches,
  sessions: fixture.sessions,
  participants: fixture.people,
  checkins: [],
  marks: [],
};

/** The request as the worker receives it: a structured clone of what the page posted. */
async function ask(job: ReportJob): Promise<ReportReply> {
  const request: ReportRequest = structuredClone({ id: 7, job });
  const reply = await answer(request);
  expect(reply.id).toBe(7);
  return reply;
}

async function file(job: ReportJob) {
  const reply = await ask(job);
  if (!reply.ok) throw new Error(reply.error);
  const { bytes } = reply.file;
  // Transferable as it is: no other bytes share its buffer.
  expect(bytes.byteOffset).toBe(0);
  expect(bytes.byteLength).toBe(bytes.buffer.byteLength);
  return reply.file;
}

describe('the reports worker answers', () => {
  it('all certificates as one PDF, a page each, under the name asked for', async () => {
    const pdf = await file({ type: 'certificates', list, as: 'pdf', fileName: 'hadir-a.pdf' });
    expect(pdf).toMatchObject({ name: 'hadir-a.pdf', mime: 'application/pdf' });
    const pages = await pdfText(pdf.bytes);
    expect(pages).toHaveLength(2);
    expect(pages[0]).toContain('Siti Aminah');
    expect(pages[1]).toContain('Ahmad Fauzi');
  });

  it('one certificate named after its holder', async () => {
    const one = await file({ type: 'certificates', list: [list[1]!], as: 'one' });
    expect(one.name).toBe('002-Ahmad-Fauzi.pdf');
    expect(await pdfText(one.bytes)).toHaveLength(1);
  });

  it('a ZIP of one PDF each', async () => {
    const zip = await file({ type: 'certificates', list, as: 'zip', fileName: 'hadir-a.zip' });
    expect(zip).toMatchObject({ name: 'hadir-a.zip', mime: 'application/zip' });
    const files = unzipSync(zip.bytes);
    expect(Object.keys(files)).toEqual(['001-Siti-Aminah.pdf', '002-Ahmad-Fauzi.pdf']);
    expect((await pdfText(files['002-Ahmad-Fauzi.pdf']!)).join(' ')).toContain('Ahmad Fauzi');
  });

  it('all reports as one workbook, a sheet each', async () => {
    const xlsx = await file({ type: 'export', data, req: { kind: 'all' }, format: 'xlsx' });
    expect(xlsx.name).toMatch(/^hadir-all-.+\.xlsx$/);
    const sheets = await readXlsxFile(Buffer.from(xlsx.bytes));
    expect(sheets).toHaveLength(6);
    const names = sheets[0]!.data.flat();
    for (const p of fixture.people) expect(names).toContain(p.fullName);
  });

  it('one table as CSV with the separator asked for', async () => {
    const req = { kind: 'participants' } as const;
    const csv = await file({ type: 'export', data, req, format: 'csv', separator: ';' });
    expect(csv.mime).toBe('text/csv; charset=utf-8');
    const text = strFromU8(csv.bytes);
    expect(text).toContain(fixture.people[0]!.fullName);
    expect(text.split('\n').some((line) => line.includes(';'))).toBe(true);
  });

  it('a failure as an answer, not a throw', async () => {
    const none = await ask({ type: 'certificates', list: [], as: 'pdf' });
    expect(none).toMatchObject({ ok: false, error: expect.stringContaining('RangeError') });
    const csv = await ask({ type: 'export', data, req: { kind: 'all' }, format: 'csv' });
    expect(csv.ok).toBe(false);
  });
});

describe('without a Worker', () => {
  it('builds the same file on the calling thread', async () => {
    expect(typeof Worker).toBe('undefined');
    const job: ReportJob = { type: 'certificates', list, as: 'pdf', fileName: 'x.pdf' };
    const here = await reportFile(job);
    expect(here.name).toBe('x.pdf');
    expect(await pdfText(here.bytes)).toHaveLength(2);
    await expect(reportFile({ type: 'certificates', list: [], as: 'pdf' })).rejects.toThrow(
      RangeError,
    );
  });
});
