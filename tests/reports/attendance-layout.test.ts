// The daftar hadir PDF's pages, read back with pdf.js: for every row count from 1 to 60,
// plain and with the kop and both signatories, no page holds the signatures alone, every
// row is printed once, nothing runs into the page number; later pages carry a running
// head that names the session and batch on one line; the kop (logo included) is on the
// first page only.
import { describe, expect, it } from 'vitest';
import { attendanceSheet, type SheetData, type SheetSource } from '#domain/daftar-hadir';
import type { Event } from '#domain/model';
import {
  attendancePdf,
  FIRST_PAGE_ROWS,
  KOP_FIRST_PAGE_ROWS,
  ROWS_PER_PAGE,
  tablePages,
} from '#reports/attendance-pdf';
import { participant } from '#tests/support/factories';
import { data, event, mark } from '#tests/domain/daftar-hadir-fixture';
import { readPdf, type Page } from '#tests/reports/attendance-read';

/** A 1×1 PNG: a logo as the event stores it. */
export const PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const KOP = {
  lines: ['PEMERINTAH PROVINSI KALIMANTAN SELATAN', 'DINAS PERPUSTAKAAN DAN KEARSIPAN'],
  address: 'Jl. A. Yani Km 6,4 Banjarmasin 70249, Telepon (0511) 3252476',
  logos: [PNG],
};
const APPROVER = {
  name: 'Dr. Kepala Dinas, M.Si.',
  title: 'Kuasa Pengguna Anggaran',
  nip: '197001011995031001',
};
// The longest header the domain makes: seven lines, the event's name over two rows.
const framed: Event = {
  ...event,
  name: 'Bimtek Literasi Informasi Sertifikasi Pustakawan dan Pengelola Perpustakaan Provinsi Kalimantan Selatan',
  letterhead: KOP,
  approver: APPROVER,
};

/** Batch A's session 2 with `n` people, all marked hadir. */
function sessionSheet(n: number, e: Event = event): SheetData {
  const people = Array.from({ length: n }, (_, i) =>
    participant({
      id: `q${i}`,
      eventId: 'ev',
      batchId: 'A',
      fullName: `Peserta Ke-${i + 1} Uji`,
      institution: 'Dinas Perpustakaan dan Kearsipan Kota Banjarmasin',
    }),
  );
  const source: SheetSource = {
    ...data,
    event: e,
    participants: people,
    checkins: [],
    marks: people.map((p) => mark('sA2', p.id, 'hadir')),
  };
  return attendanceSheet(source, { kind: 'participants', sessionId: 'sA2' });
}

const rowNames = (page: Page) => page.lines.filter((l) => /^Peserta Ke-\d+ Uji$/.test(l));

describe('the signatures never stand alone', () => {
  for (const [label, e] of [
    ['one signatory, no kop', event],
    ['the kop and two signatories', framed],
  ] as const) {
    it(`keeps a row with the signatures for every count from 1 to 60 (${label})`, async () => {
      for (let n = 1; n <= 60; n++) {
        const sheet = sessionSheet(n, e);
        const pages = await readPdf(attendancePdf(sheet));
        const where = `${n} rows`;
        pages.forEach((page, i) => {
          expect(rowNames(page).length, `${where}, page ${i + 1}`).toBeGreaterThan(0);
          expect(page.lines, where).toContain(`Halaman ${i + 1} dari ${pages.length}`);
          // Nothing but the page number below the bottom margin.
          for (const item of page.items.filter((it) => !it.str.startsWith('Halaman')))
            expect(item.y, `${where}: "${item.str}" on page ${i + 1}`).toBeLessThanOrEqual(277.5);
        });
        expect(pages.flatMap(rowNames), where).toEqual(sheet.rows.map((r) => r.name));
        expect(pages.length, where).toBeLessThanOrEqual(tablePages(n, !!e.letterhead) + 1);
        // The signatures on the last page only, under its last row.
        const last = pages.at(-1)!;
        const official = last.items.find((it) => it.str === 'Ketua Uji, S.Sos.');
        const lastRow = last.items.filter((it) => /^Peserta Ke-/.test(it.str)).at(-1)!;
        expect(official!.y, where).toBeGreaterThan(lastRow.y);
        expect(last.lines, where).toContain(`Jumlah hadir: ${n} orang`);
        for (const page of pages.slice(0, -1)) {
          expect(page.lines).not.toContain('Ketua Uji, S.Sos.');
          expect(page.lines).not.toContain('Mengetahui,');
        }
        if (e.approver) expect(last.lines).toContain('Mengetahui,');
      }
    }, 120_000);
  }

  it('carries the last row of a full first page over with the signatures', async () => {
    const pages = await readPdf(attendancePdf(sessionSheet(FIRST_PAGE_ROWS)));
    expect(pages.map((p) => rowNames(p).length)).toEqual([FIRST_PAGE_ROWS - 1, 1]);
    expect(pages[1]!.lines).toContain('Jabatan/Instansi'); // the table's header, then the row
    expect(pages[1]!.lines).toContain('Ketua Uji, S.Sos.');
  });

  it('fills pages: 16 rows on the first (14 under a kop), 20 on each next', async () => {
    expect([FIRST_PAGE_ROWS, KOP_FIRST_PAGE_ROWS, ROWS_PER_PAGE]).toEqual([16, 14, 20]);
    const plain = await readPdf(attendancePdf(sessionSheet(60)));
    expect(plain.map((p) => rowNames(p).length)).toEqual([16, 20, 20, 4]);
    const kop = await readPdf(attendancePdf(sessionSheet(60, framed)));
    expect(kop.map((p) => rowNames(p).length)).toEqual([14, 20, 20, 6]);
  });
});

describe('the kop and the running head', () => {
  it('draws the kop with its logo on the first page only', async () => {
    const pages = await readPdf(attendancePdf(sessionSheet(40, framed)));
    expect(pages[0]!.images).toBe(1);
    for (const line of [...KOP.lines, KOP.address]) expect(pages[0]!.lines).toContain(line);
    // The kop above the title, the title above the header lines.
    const y = (str: string) => pages[0]!.items.find((i) => i.str === str)!.y;
    expect(y(KOP.lines[1]!)).toBeLessThan(y('DAFTAR HADIR PESERTA'));
    expect(y('DAFTAR HADIR PESERTA')).toBeLessThan(y('Kegiatan'));
    for (const page of pages.slice(1)) {
      expect(page.images).toBe(0);
      expect(page.lines).not.toContain(KOP.lines[0]);
    }
  });

  it('names the sheet, batch and session on every later page, on one line inside the margins', async () => {
    const sheet = sessionSheet(40, framed);
    const pages = await readPdf(attendancePdf(sheet));
    expect(pages.length).toBeGreaterThan(2);
    for (const page of pages.slice(1)) {
      const head = page.items.reduce((a, b) => (b.y < a.y ? b : a));
      expect(head.str).toBe(
        'DAFTAR HADIR PESERTA · Angkatan A · Sesi 2: Materi Dua · Senin, 2 Juni 2025',
      );
      expect(head.x).toBeGreaterThanOrEqual(15);
      expect(head.right).toBeLessThanOrEqual(195.2);
    }
  });

  it('fits a long session title into one running-head line', async () => {
    const long = {
      ...data,
      sessions: data.sessions.map((s) =>
        s.id === 'sA2' ? { ...s, title: `Pengelolaan koleksi ${'dan layanan '.repeat(20)}` } : s,
      ),
    };
    const people = Array.from({ length: 30 }, (_, i) =>
      participant({ id: `r${i}`, eventId: 'ev', batchId: 'A', fullName: `Orang ${i + 1}` }),
    );
    const sheet = attendanceSheet(
      { ...long, participants: people },
      { kind: 'participants', sessionId: 'sA2' },
    );
    const second = (await readPdf(attendancePdf(sheet)))[1]!;
    const heads = second.items.filter((i) => i.y < 16);
    expect(heads).toHaveLength(1);
    expect(heads[0]!.str).toMatch(/^DAFTAR HADIR PESERTA · Angkatan A · Sesi 2: Pengelolaan/);
    expect(heads[0]!.str).toMatch(/…$/);
    expect(heads[0]!.right).toBeLessThanOrEqual(195.2);
  });
});
