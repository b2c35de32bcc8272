// Text stays in its box: a 300-character name, a 60-letter word and an emoji on the
// daftar hadir, and a long name and number pattern on a certificate, read back with pdf.js
// (positions and widths as a viewer lays them out), never run into the next column or off
// the page, and never print as "Ø=Þ". A sheet without an official is refused.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import type { CertificateData } from '#domain/certificate';
import type { SheetData } from '#domain/daftar-hadir';
import { attendancePdf } from '#reports/attendance-pdf';
import { certificatesPdf } from '#reports/certificate-pdf';
import { printable } from '#reports/pdf';

const fonts = join(
  dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')),
  'standard_fonts/',
);
const PT_PER_MM = 72 / 25.4;

interface Item {
  str: string;
  x: number;
  y: number;
  right: number;
}

/** Page 1's text items in millimetres from the left and bottom edges. */
async function items(bytes: Uint8Array): Promise<Item[]> {
  const pdf = await getDocument({
    data: bytes.slice(),
    useSystemFonts: false,
    isEvalSupported: false,
    standardFontDataUrl: fonts,
  }).promise;
  const content = await (await pdf.getPage(1)).getTextContent();
  await pdf.destroy();
  return content.items.flatMap((i) =>
    'str' in i && i.str.trim()
      ? [
          {
            str: i.str,
            x: i.transform[4] / PT_PER_MM,
            y: i.transform[5] / PT_PER_MM,
            right: (i.transform[4] + i.width) / PT_PER_MM,
          },
        ]
      : [],
  );
}

// The daftar hadir's columns (attendance-pdf.ts): No 15–25, Nama 25–77, NIP 77–113,
// Jabatan/Instansi 113–160, Tanda Tangan 160–195 mm.
const EDGES = [15, 25, 77, 113, 160, 195];
const LONG_WORD = 'Sangatpanjangsekalinamanyatanpaspasiyangtidakpernahberhenti'; // 60 letters
const LONG_NAME = `Prof. Dr. ${LONG_WORD} 😀 ${'Siti Nur Aisyah Rahmawati '.repeat(9)}S.Hum., M.IP.`;

const sheet = (name: string, footerName = 'Drs. Ahmad Fauzi, M.Si.'): SheetData => ({
  title: 'DAFTAR HADIR PESERTA',
  header: [
    ['Kegiatan', 'Bimtek'],
    ['Hari/tanggal', 'Senin, 2 Juni 2025'],
    ['Tempat', 'Aula'],
  ],
  columns: ['No', 'Nama', 'NIP', 'Jabatan/Instansi', 'Tanda Tangan'],
  rows: [
    {
      no: 1,
      name,
      nip: '19860926 201505 1 001',
      position: `Pustakawan Ahli Pertama / ${'Dinas Perpustakaan dan Kearsipan '.repeat(8)}`,
    },
  ],
  footer: { placeAndDate: 'Banjarmasin, 2 Juni 2025', title: 'Ketua Panitia', name: footerName },
  fileName: 'uji',
});

describe('text in the daftar hadir’s cells', () => {
  it('keeps a 300-character name with a long word and an emoji inside the Nama column', async () => {
    expect(LONG_NAME.length).toBeGreaterThan(290);
    const all = await items(attendancePdf(sheet(LONG_NAME)));
    // The row: everything level with its "No" cell (a 12 mm row, lines above and below).
    const no = all.find((i) => i.str === '1' && i.x < EDGES[1]!)!;
    const row = all.filter((i) => Math.abs(i.y - no.y) < 6);
    const column = (i: Item) => EDGES.findIndex((edge, k) => i.x >= edge && i.x < EDGES[k + 1]!);
    const names = row.filter((i) => column(i) === 1);
    expect(names.length).toBeGreaterThan(0);
    expect(names.length).toBeLessThanOrEqual(3);
    for (const i of row) {
      const c = column(i);
      expect(c, i.str).toBeGreaterThanOrEqual(0);
      expect(i.right, `"${i.str}" runs past its column`).toBeLessThanOrEqual(EDGES[c + 1]! + 0.2);
    }
    // The NIP column holds the NIP alone, whole; the cut name ends with an ellipsis.
    expect(row.filter((i) => column(i) === 2).map((i) => i.str)).toEqual(['19860926 201505 1 001']);
    expect(names.at(-1)!.str).toMatch(/…$/);
    const text = all.map((i) => i.str).join(' ');
    expect(text).not.toMatch(/Ø|Þ/);
    expect(text).not.toContain(String.fromCharCode(0));
    expect(text).toContain('Prof. Dr. Sangatpanjang');
  });

  it('refuses a sheet nobody is named to sign', () => {
    expect(() => attendancePdf(sheet('Siti Aminah', ' '))).toThrow(RangeError);
  });
});

describe('text on a certificate', () => {
  const certificate: CertificateData = {
    number: `001/${'BIMTEK-LITERASI-INFORMASI/'.repeat(4)}2025`,
    verifyUrl: 'https://hadir.example.id/#/verify/ABCDEFGH23',
    fullName: LONG_NAME.slice(0, 200),
    institution: 'Dinas Perpustakaan Kota Banjarbaru',
    eventName: 'Bimtek Literasi Informasi',
    organizer: 'Dinas Perpustakaan dan Kearsipan Provinsi Kalimantan Selatan',
    batchName: 'Angkatan I',
    startDate: '2025-06-02',
    endDate: '2025-06-03',
    jp: 16,
    place: 'Banjarbaru',
    issuedDate: '2025-06-03',
    signatory: { name: 'Dr. Siti Rahmah, M.Si.', title: 'Kepala Dinas', nip: '' },
  };

  it('fits a long name and a long number pattern inside the border', async () => {
    const all = await items(certificatesPdf([certificate]));
    // A4 landscape, the inner border 13 mm from each edge.
    for (const i of all) {
      expect(i.x, i.str).toBeGreaterThanOrEqual(13);
      expect(i.right, `"${i.str}" runs past the border`).toBeLessThanOrEqual(297 - 13);
    }
    expect(all.find((i) => i.str.startsWith('Nomor: 001/'))).toBeDefined();
    expect(all.map((i) => i.str).join(' ')).not.toMatch(/Ø|Þ/);
  });
});

describe('printable', () => {
  it('keeps what WinAnsi prints and replaces the rest', () => {
    expect(printable('Dra. Siti Ma’ruf – José Müller, S.Hum. €')).toBe(
      'Dra. Siti Ma’ruf – José Müller, S.Hum. €',
    );
    expect(printable('Budi 😀 Łukasz 王')).toBe('Budi ? ?ukasz ?');
    expect(printable('Budi\u200bSantoso\tAli')).toBe('BudiSantoso Ali');
    expect(printable('Jose\u0301')).toBe('José');
  });
});
