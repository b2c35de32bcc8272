// The daftar hadir and certificate PDFs, read back with pdfjs (as a viewer would): the
// text each page carries, how many pages, the column header on every page, a captured
// signature drawn as strokes; certificates one page each, the ZIP one PDF per person, and
// the QR as drawn decoded back to the verification URL by jsQR.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';
import jsQR from 'jsqr';
import { getDocument, OPS, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { encode } from 'uqr';
import { describe, expect, it } from 'vitest';
import type { CertificateData } from '#domain/certificate';
import { attendanceSheet, type SheetData } from '#domain/daftar-hadir';
import { attendancePdf, FIRST_PAGE_ROWS, ROWS_PER_PAGE, tablePages } from '#reports/attendance-pdf';
import {
  certificateFileNames,
  certificatesPdf,
  certificatesZip,
  jpText,
  QR_CAPTION,
  qrSquares,
} from '#reports/certificate-pdf';
import { decimalComma } from '#reports/pdf';
import { formatDaySpan } from '#domain/time';
import { fixture } from '#tests/support/fixture';

const fonts = join(
  dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')),
  'standard_fonts/',
);

const open = (bytes: Uint8Array): Promise<PDFDocumentProxy> =>
  getDocument({
    data: bytes.slice(), // pdfjs may take the buffer over
    useSystemFonts: false,
    isEvalSupported: false,
    standardFontDataUrl: fonts,
  }).promise;

/** Each page's text, an item a line (pdfjs may join pieces drawn on one baseline, such as
 * ": value"), spaces (NBSP too) made plain. */
async function pageTexts(bytes: Uint8Array): Promise<string[]> {
  const pdf = await open(bytes);
  const out: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    out.push(
      content.items
        .map((i) => ('str' in i ? i.str.replace(/\s+/g, ' ').trim() : ''))
        .filter(Boolean)
        .join('\n'),
    );
  }
  return out;
}

const COLUMNS = ['No', 'Nama', 'NIP', 'Jabatan/Instansi', 'Tanda Tangan'];
const nipOf = (i: number) => `19860926 201505 1 ${String(i + 1).padStart(3, '0')}`;
const SIGNATURE = 'M10 60l40 -20 30 30 40 -40M200 80l0 0M220 30l20 60 20 -60';

function sheet(rows: number, signFirst = false): SheetData {
  return {
    title: 'DAFTAR HADIR PESERTA',
    header: [
      ['Kegiatan', 'Bimtek Literasi Informasi 2025'],
      ['Hari/tanggal', 'Senin, 2 Juni 2025'],
      ['Sesi', 'Katalogisasi, 08.00–09.30 WITA'],
      ['Tempat', 'Aula Dispersip Kalsel'],
    ],
    columns: COLUMNS,
    rows: Array.from({ length: rows }, (_, i) => ({
      no: i + 1,
      name: `Peserta Ke-${i + 1} Uji`,
      nip: nipOf(i),
      position: 'Pustakawan Ahli Pertama / Dispersip Kota Banjarmasin',
      ...(signFirst && i === 0 ? { signature: SIGNATURE } : {}),
    })),
    footer: {
      placeAndDate: 'Banjarmasin, 2 Juni 2025',
      title: 'Ketua Panitia',
      name: 'Contoh Pejabat, S.Sos.',
      nip: '19750101 200003 1 001',
    },
    fileName: 'daftar-hadir-peserta-2025-06-02',
  };
}

describe('the daftar hadir PDF', () => {
  it('spreads 60 rows over 4 pages (16, 20, 20, 4), the column header on every page', async () => {
    const texts = await pageTexts(attendancePdf(sheet(60)));
    // 12 mm rows on A4: 16 under the first page's header, 20 on the next pages.
    const expected = 4;
    expect(texts).toHaveLength(expected);
    const rowsOn = (i: number) =>
      texts[i]!.split('\n').filter((line) => /^Peserta Ke-\d+ Uji$/.test(line)).length;
    expect([0, 1, 2, 3].map(rowsOn)).toEqual([16, 20, 20, 4]);
    expect([FIRST_PAGE_ROWS, ROWS_PER_PAGE]).toEqual([16, 20]);
    texts.forEach((text, i) => {
      const lines = text.split('\n');
      for (const column of COLUMNS) expect(lines).toContain(column);
      expect(lines).toContain(`Halaman ${i + 1} dari ${expected}`);
    });
    const all = texts.join('\n').split('\n');
    for (let i = 0; i < 60; i++) {
      expect(all).toContain(`Peserta Ke-${i + 1} Uji`);
      expect(all).toContain(nipOf(i));
    }
    // The header on the first page, the official's block on the last.
    for (const value of [
      'DAFTAR HADIR PESERTA',
      'Bimtek Literasi Informasi 2025',
      'Senin, 2 Juni 2025',
      'Katalogisasi, 08.00–09.30 WITA',
      'Aula Dispersip Kalsel',
    ])
      expect(texts[0]).toContain(value);
    const last = texts.at(-1)!.split('\n');
    for (const line of [
      'Banjarmasin, 2 Juni 2025',
      'Ketua Panitia',
      'Contoh Pejabat, S.Sos.',
      'NIP. 19750101 200003 1 001',
    ])
      expect(last).toContain(line);
    expect(tablePages(60)).toBe(expected);
  });

  it('draws a captured signature as strokes, and leaves the number for wet ink otherwise', async () => {
    const paths = async (bytes: Uint8Array) => {
      const ops = await (await (await open(bytes)).getPage(1)).getOperatorList();
      return ops.fnArray.filter((f) => f === OPS.constructPath).length;
    };
    const signed = attendancePdf(sheet(1, true));
    const unsigned = attendancePdf(sheet(1));
    // Three strokes: two polylines and a dot.
    expect(await paths(signed)).toBe((await paths(unsigned)) + 3);
    expect((await pageTexts(unsigned))[0]!.split('\n')).toContain('1.');
    expect((await pageTexts(signed))[0]!.split('\n')).not.toContain('1.');
  });

  it('carries the batch’s people with their formatted NIP', async () => {
    const session = fixture.sessions[1]!;
    const data = {
      event: fixture.event,
      batches: fixture.batches,
      sessions: fixture.sessions,
      participants: fixture.people,
      checkins: [],
    };
    const pdf = attendancePdf(
      attendanceSheet(data, { kind: 'participants', sessionId: session.id }),
    );
    // Long names wrap in their cell: read the lines as running text.
    const text = (await pageTexts(pdf)).join('\n').replace(/\n/g, ' ');
    const people = fixture.people.filter((p) => p.batchId === session.batchId);
    for (const p of people) expect(text).toContain(p.fullName);
    expect(text).toContain('19870412 201403 1 001');
    expect(text).toContain(fixture.event.name);
  });
});

const certificate = (over: Partial<CertificateData>): CertificateData => ({
  number: '001/BIMTEK-LI/DISPERSIP/2025',
  verifyUrl: 'https://hadir.example.id/#/verify/ABCDEFGH23',
  fullName: 'Siti Aminah',
  institution: 'Dinas Perpustakaan Kota Banjarbaru',
  eventName: 'Bimtek Literasi Informasi',
  organizer: 'Dinas Perpustakaan dan Kearsipan Provinsi Kalimantan Selatan',
  batchName: 'Angkatan I',
  startDate: '2025-06-02',
  endDate: '2025-06-03',
  jp: 16,
  place: 'Banjarbaru',
  issuedDate: '2025-06-03',
  signatory: {
    name: 'Contoh Kepala Dinas, M.Si.',
    title: 'Kepala Dinas',
    nip: '197001011995031001',
  },
  ...over,
});
const three = [
  certificate({ fullName: 'Dra. Siti Aminah, M.Hum.', nip: '196803151993032002', jp: 7.5 }),
  certificate({
    number: '002/BIMTEK-LI/DISPERSIP/2025',
    verifyUrl: 'https://hadir.example.id/#/verify/BCDEFGH234',
    fullName: 'Ahmad Fauzi, S.IP.',
    nip: '198609262015051001',
    jp: 16,
  }),
  certificate({
    number: '003/BIMTEK-LI/DISPERSIP/2025',
    verifyUrl: 'https://hadir.example.id/#/verify/CDEFGH2345',
    fullName: 'Nur Aisyah, S.Pd.',
    jp: 12.25,
  }),
];
const expected = [
  ['Dra. Siti Aminah, M.Hum.', 'NIP. 19680315 199303 2 002', '7,5 (tujuh koma lima)', '001/'],
  ['Ahmad Fauzi, S.IP.', 'NIP. 19860926 201505 1 001', '16 (enam belas)', '002/'],
  ['Nur Aisyah, S.Pd.', undefined, '12,25 (dua belas koma dua lima)', '003/'],
] as const;

describe('the certificates PDF', () => {
  it('gives each person a page with their name, NIP, JP and number', async () => {
    const texts = (await pageTexts(certificatesPdf(three))).map((t) => t.replace(/\n/g, ' '));
    expect(texts).toHaveLength(3);
    texts.forEach((text, i) => {
      const [name, nip, jp, number] = expected[i]!;
      expect(text).toContain('SERTIFIKAT');
      expect(text).toContain(`Nomor: ${number}BIMTEK-LI/DISPERSIP/2025`);
      expect(text).toContain('diberikan kepada');
      expect(text).toContain(name);
      if (nip) expect(text).toContain(nip);
      else expect(text).not.toContain('NIP. 1968');
      expect(text).toContain(`selama ${jp} jam pelajaran`);
      expect(text).toContain('pada tanggal 2–3 Juni 2025');
      expect(text).toContain('Banjarbaru, 3 Juni 2025');
      expect(text).toContain('NIP. 19700101 199503 1 001'); // the signatory's
      expect(text).toContain(QR_CAPTION);
      for (const other of expected.filter((_, j) => j !== i)) expect(text).not.toContain(other[0]);
    });
  });

  it('prints on A4 landscape', async () => {
    const page = await (await open(certificatesPdf(three))).getPage(3);
    const [, , width, height] = page.view.map(Math.round);
    expect([width, height]).toEqual([842, 595]); // points: 297 × 210 mm
  });

  it('zips one single-page PDF per person, named by sequence and name', async () => {
    const files = unzipSync(certificatesZip(three));
    expect(Object.keys(files).sort()).toEqual([
      '001-Siti-Aminah.pdf',
      '002-Ahmad-Fauzi.pdf',
      '003-Nur-Aisyah.pdf',
    ]);
    for (const [i, name] of [
      '001-Siti-Aminah.pdf',
      '002-Ahmad-Fauzi.pdf',
      '003-Nur-Aisyah.pdf',
    ].entries()) {
      const texts = await pageTexts(files[name]!);
      expect(texts).toHaveLength(1);
      expect(texts[0]).toContain(expected[i]![0]);
    }
  });

  it('draws the QR as rectangles that decode back to the verification URL', async () => {
    const url = three[1]!.verifyUrl;
    const { size, squares } = qrSquares(url);
    // The drawn modules are exactly the encoder's matrix (as #reports/qr asks for it).
    const drawn = Array.from({ length: size }, () => Array<boolean>(size).fill(false));
    for (const s of squares) for (let x = s.x; x < s.x + s.w; x++) drawn[s.y]![x] = true;
    expect(drawn).toEqual(encode(url, { ecc: 'M', border: 2 }).data);

    // Rasterised at 6 px a module with a wide white margin, jsQR reads it.
    const px = 6;
    const margin = 4 * px;
    const side = size * px + 2 * margin;
    const rgba = new Uint8ClampedArray(side * side * 4).fill(255);
    for (const s of squares)
      for (let y = s.y * px; y < (s.y + 1) * px; y++)
        for (let x = s.x * px; x < (s.x + s.w) * px; x++) {
          const at = ((y + margin) * side + x + margin) * 4;
          rgba[at] = rgba[at + 1] = rgba[at + 2] = 0;
        }
    expect(jsQR(rgba, side, side)?.data).toBe(url);

    // And the page fills at least that many rectangles.
    const page = await (await open(certificatesPdf([three[1]!]))).getPage(1);
    const ops = await page.getOperatorList();
    expect(ops.fnArray.filter((f) => f === OPS.constructPath).length).toBeGreaterThanOrEqual(
      squares.length,
    );
  });

  it('refuses an empty list rather than print a blank page', () => {
    expect(() => certificatesPdf([])).toThrow(RangeError);
  });
});

describe('certificate wording and file names', () => {
  it('writes JP with a decimal comma and dates as one Indonesian span', () => {
    expect(jpText(7.5)).toBe('7,5\u00a0JP');
    expect(decimalComma(8)).toBe('8');
    expect(formatDaySpan('2025-06-02', '2025-06-03', 'id')).toBe('2–3 Juni 2025');
    expect(formatDaySpan('2025-06-02', '2025-06-02', 'id')).toBe('2 Juni 2025');
    expect(formatDaySpan('2025-06-30', '2025-07-02', 'id')).toBe('30 Juni – 2 Juli 2025');
    expect(formatDaySpan('2025-12-30', '2026-01-02', 'id')).toBe(
      '30 Desember 2025 – 2 Januari 2026',
    );
  });

  it('takes the zero-padded sequence wherever the pattern puts it, and never repeats a name', () => {
    const names = certificateFileNames([
      certificate({ number: 'A1-014/DISPERSIP/2026', fullName: 'Hj. Noorhayati, S.Sos.' }),
      certificate({ number: 'A1-014/DISPERSIP/2026', fullName: 'Hj. Noorhayati, S.Sos.' }),
      certificate({ number: 'tanpa nomor', fullName: 'Ma’ruf Élan / Ñ' }),
    ]);
    expect(names).toEqual(['014-Noorhayati.pdf', '014-Noorhayati-2.pdf', '003-Ma-ruf-Elan-N.pdf']);
  });
});
