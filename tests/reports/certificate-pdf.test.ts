// Certificates in the standard form, read back with pdf.js as a viewer lays them out: the
// wording ("telah mengikuti Bimbingan Teknis … sebagai Peserta … selama 16 (enam belas)
// jam pelajaran"), the hours never split nor alone on a line however long the venue, an
// NI PPPK labelled as one, the code and address under the QR, the letterhead's logos
// (embedded once, drawn on every page, in proportion), the back page of materi, and the
// CONTOH mark on every page of the demo's.
import { deflateSync, crc32 } from 'node:zlib';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { getDocument, OPS, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { PLAIN_STYLE, type CertificateData, type CertificateStyle } from '#domain/certificate';
import { certificatesPdf, certificatesZip, jpClause, statement } from '#reports/certificate-pdf';
import { imageSize, prepareLogos } from '#reports/certificate-logos';
import { DEMO_MARK } from '#reports/pdf';
import { unzipSync } from 'fflate';

const fonts = join(
  dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')),
  'standard_fonts/',
);
const PT_PER_MM = 72 / 25.4;

const open = (bytes: Uint8Array): Promise<PDFDocumentProxy> =>
  getDocument({
    data: bytes.slice(),
    useSystemFonts: false,
    isEvalSupported: false,
    standardFontDataUrl: fonts,
  }).promise;

interface Line {
  text: string;
  /** mm from the left and from the top edge. */
  x: number;
  top: number;
}

/** Each page's text items, one per drawn line, spaces (NBSP too) made plain. */
async function pages(bytes: Uint8Array): Promise<Line[][]> {
  const pdf = await open(bytes);
  const out: Line[][] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const height = page.view[3]!;
    const content = await page.getTextContent();
    out.push(
      content.items.flatMap((i) =>
        'str' in i && i.str.trim()
          ? [
              {
                text: i.str.replace(/\s+/g, ' ').trim(),
                x: i.transform[4] / PT_PER_MM,
                top: (height - i.transform[5]) / PT_PER_MM,
              },
            ]
          : [],
      ),
    );
  }
  await pdf.destroy();
  return out;
}
const texts = async (bytes: Uint8Array) =>
  (await pages(bytes)).map((p) => p.map((l) => l.text).join('\n'));

const certificate = (over: Partial<CertificateData> = {}): CertificateData => ({
  number: '001/A1/DISPERSIP/VI/2025',
  verifyUrl: 'https://hadir.dispersip.kalselprov.go.id/#/verify/ABCDEFGH23',
  fullName: 'Siti Aminah, S.IP.',
  nip: '198703122010012005',
  nipLabel: 'NIP',
  institution: 'Dinas Perpustakaan Kota Banjarbaru',
  eventName: 'Literasi Informasi Sertifikasi Pustakawan',
  organizer: 'Dinas Perpustakaan dan Kearsipan Provinsi Kalimantan Selatan',
  batchName: 'Angkatan I',
  startDate: '2025-06-02',
  endDate: '2025-06-03',
  venue: 'Hotel Rattan Inn Banjarmasin',
  jp: 16,
  place: 'Banjarmasin',
  issuedDate: '2025-06-03',
  signatory: { name: 'Dr. Siti Rahmah, M.Si.', title: 'Kepala Dinas', nip: '197001011995031001' },
  materi: [
    { title: 'Kebijakan pembinaan jabatan fungsional pustakawan', day: '2025-06-02', jp: 4 },
    { title: 'Literasi informasi dalam layanan perpustakaan', day: '2025-06-02', jp: 4 },
    { title: 'Skema sertifikasi, APL-01 dan APL-02', day: '2025-06-03', jp: 4.5 },
    { title: 'Praktik menyusun portofolio bukti kompetensi', day: '2025-06-03', jp: 3.5 },
  ],
  ...over,
});

/** A real PNG, `width` × `height` pixels of one colour, as a data: URL. */
function png(width: number, height: number): string {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, 0x2a)]);
  const bytes = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(Array(height).fill(row) as Buffer[]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  return `data:image/png;base64,${bytes.toString('base64')}`;
}

const style = (over: Partial<CertificateStyle>): CertificateStyle => ({ ...PLAIN_STYLE, ...over });

describe('the standard wording', () => {
  it('says "telah mengikuti Bimbingan Teknis … sebagai Peserta" with the place and the JP in words', async () => {
    const [page] = await texts(certificatesPdf([certificate()]));
    const running = page!.replace(/\n/g, ' ');
    expect(running).toContain(
      'telah mengikuti Bimbingan Teknis Literasi Informasi Sertifikasi Pustakawan Angkatan I ' +
        'sebagai Peserta yang diselenggarakan oleh Dinas Perpustakaan dan Kearsipan Provinsi ' +
        'Kalimantan Selatan pada tanggal 2–3 Juni 2025 bertempat di Hotel Rattan Inn ' +
        'Banjarmasin selama 16 (enam belas) jam pelajaran.',
    );
    expect(running).toContain('Banjarmasin, 3 Juni 2025'); // signed in the city, on its date
    expect(running).toContain('NIP. 19870312 201001 2 005');
  });

  it('does not double a "Bimtek" the name already says, and writes halves with a comma', () => {
    const text = statement(certificate({ eventName: 'Bimtek Literasi Informasi', jp: 7.5 }));
    expect(text.replace(/\s/g, ' ')).toMatch(
      /^telah mengikuti Bimtek Literasi Informasi Angkatan I sebagai Peserta .* selama 7,5 \(tujuh koma lima\) jam pelajaran\.$/,
    );
    expect(text).not.toContain('Bimbingan Teknis');
  });

  it('keeps "selama 16 (enam belas) jam pelajaran" whole, never alone on a line, however long the venue', async () => {
    const clause = jpClause(16).replace(/\s/g, ' ');
    const words = ['Aula', 'Serbaguna', 'Lt.', 'Gedung', 'Perpustakaan', 'Daerah', 'Kalsel'];
    for (let n = 0; n < 14; n++) {
      const venue = [...Array(n).keys()].map((i) => words[i % words.length]).join(' ');
      const [lines] = await pages(certificatesPdf([certificate({ venue })]));
      const holding = lines!.filter((l) => l.text.includes('pelajaran'));
      expect(holding, venue).toHaveLength(1);
      const line = holding[0]!.text;
      expect(line, venue).toContain(clause);
      expect(line.startsWith('selama'), `"${line}" starts with the hours`).toBe(false);
    }
  });

  it('cuts over-long free text before the hours, never the hours, and stays inside the border', async () => {
    const long = 'Gedung Serbaguna Perpustakaan Daerah '.repeat(8);
    const c = certificate({
      eventName: long.slice(0, 300),
      venue: long.slice(0, 300),
      organizer: long.slice(0, 200),
      jp: 123.75,
    });
    const [lines] = await pages(certificatesPdf([c]));
    const clause = 'selama 123,75 (seratus dua puluh tiga koma tujuh lima) jam pelajaran.';
    const last = lines!.map((l) => l.text).find((t) => t.endsWith(clause));
    expect(last).toBeDefined();
    // Whole, and with the word before it: the hours never start a line alone.
    expect(last!.startsWith('selama'), `"${last}"`).toBe(false);
    for (const l of lines!) expect(l.x, l.text).toBeGreaterThanOrEqual(13);
  });
});

describe('the number under the name', () => {
  it('labels an NI PPPK as one, and a certificate from before the label as NIP', async () => {
    const [pppk, old] = await texts(
      certificatesPdf([
        certificate({ nip: '199201102023211003', nipLabel: 'NI PPPK' }),
        certificate({ nip: '198703122010012005', nipLabel: undefined }),
      ]),
    );
    expect(pppk).toContain('NI PPPK. 19920110 202321 1 003');
    expect(pppk).not.toContain('NIP. 19920110');
    expect(old).toContain('NIP. 19870312 201001 2 005');
    // The signatory is a civil servant: a NIP either way.
    expect(pppk).toContain('NIP. 19700101 199503 1 001');
  });
});

describe('a paper copy that can be checked', () => {
  it('prints the verification code and the address under the QR', async () => {
    const [lines] = await pages(certificatesPdf([certificate()]));
    const code = lines!.find((l) => l.text === 'Kode verifikasi: ABCDEFGH23');
    const url = lines!.find((l) => l.text === certificate().verifyUrl);
    expect(code).toBeDefined();
    expect(url).toBeDefined();
    // Under the 30 mm QR drawn from 140 mm, at its left edge (30 mm).
    for (const l of [code!, url!]) {
      expect(l.top).toBeGreaterThan(170);
      expect(l.top).toBeLessThan(197); // inside the inner border
      expect(l.x).toBeCloseTo(30, 0);
    }
    expect(url!.top).toBeGreaterThan(code!.top);
  });
});

/** Per page, the size (mm) each image is drawn at, from the transform before it. */
async function drawnImages(bytes: Uint8Array): Promise<{ w: number; h: number }[][]> {
  const pdf = await open(bytes);
  const out: { w: number; h: number }[][] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const ops = await (await pdf.getPage(n)).getOperatorList();
    const sizes: { w: number; h: number }[] = [];
    ops.fnArray.forEach((fn, i) => {
      if (fn !== OPS.paintImageXObject) return;
      let t = i - 1;
      while (t >= 0 && ops.fnArray[t] !== OPS.transform) t--;
      const [a, , , d] = ops.argsArray[t] as number[];
      sizes.push({ w: a! / PT_PER_MM, h: d! / PT_PER_MM });
    });
    out.push(sizes);
  }
  await pdf.destroy();
  return out;
}
const imageObjects = (bytes: Uint8Array) =>
  Buffer.from(bytes).toString('latin1').split('/Subtype /Image').length - 1;

describe('the letterhead’s logos', () => {
  const wide = png(60, 30);
  const tall = png(20, 40);

  it('are read from PNG and JPEG headers, and anything else is left out', () => {
    const bytes = (url: string) => Uint8Array.from(Buffer.from(url.split(',')[1]!, 'base64'));
    expect(imageSize(bytes(wide))).toEqual({ format: 'PNG', width: 60, height: 30 });
    // A JPEG's size sits in its start-of-frame segment, after an APP0 segment.
    const jpeg = Uint8Array.from([
      ...[0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00],
      ...[0x00, 0x01, 0x00, 0x01, 0x00, 0x00],
      ...[0xff, 0xc0, 0x00, 0x11, 0x08, 0x01, 0xe0, 0x02, 0x80, 0x03],
      ...[0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01, 0xff, 0xd9],
    ]);
    expect(imageSize(jpeg)).toEqual({ format: 'JPEG', width: 640, height: 480 });
    const gif = `data:image/png;base64,${Buffer.from('GIF89a\x01\x00\x01\x00').toString('base64')}`;
    expect(imageSize(bytes(gif))).toBeUndefined();
    expect(prepareLogos([gif, 'data:image/png;base64,@@@', wide]).map((l) => l.width)).toEqual([
      60,
    ]);
  });

  it('head every page in proportion, embedded once for all pages', async () => {
    const list = [
      certificate(),
      certificate({ number: '002/A1' }),
      certificate({ number: '003/A1' }),
    ];
    const bytes = certificatesPdf(list, style({ logos: [wide, tall] }));
    const drawn = await drawnImages(bytes);
    expect(drawn).toHaveLength(3);
    for (const page of drawn) {
      expect(page).toHaveLength(2);
      const [left, right] = page;
      expect(left!.w / left!.h).toBeCloseTo(2, 1);
      expect(right!.w / right!.h).toBeCloseTo(0.5, 1);
      expect(left!.h).toBeCloseTo(18, 0); // the kop's height
    }
    expect(imageObjects(bytes)).toBe(2);
    // Without the setting, none; an unreadable logo is left out, the page still drawn.
    expect((await drawnImages(certificatesPdf(list))).flat()).toEqual([]);
    const gif = `data:image/png;base64,${Buffer.from('GIF89a\x01\x00\x01\x00').toString('base64')}`;
    const broken = certificatesPdf([certificate()], style({ logos: [gif] }));
    expect((await texts(broken))[0]).toContain('Siti Aminah, S.IP.');
  });

  it('go into every file of the ZIP', async () => {
    const files = unzipSync(
      certificatesZip([certificate(), certificate({ fullName: 'Budi' })], style({ logos: [wide] })),
    );
    for (const bytes of Object.values(files)) expect(imageObjects(bytes)).toBe(1);
  });
});

describe('the back page', () => {
  it('follows each certificate with its materi, days, JP and the total', async () => {
    const two = [certificate(), certificate({ fullName: 'Budi Santoso', number: '002/A1' })];
    const all = await texts(certificatesPdf(two, style({ backPage: true })));
    expect(all).toHaveLength(4);
    expect(all[0]).toContain('Siti Aminah, S.IP.');
    expect(all[2]).toContain('Budi Santoso');
    const back = all[1]!.split('\n');
    expect(back).toContain('DAFTAR MATERI');
    expect(back).toContain(
      'Lampiran sertifikat nomor 001/A1/DISPERSIP/VI/2025 atas nama Siti Aminah, S.IP.',
    );
    for (const m of certificate().materi!) expect(back).toContain(m.title);
    for (const column of ['No', 'Materi', 'Tanggal', 'JP']) expect(back).toContain(column);
    expect(back).toContain('2 Juni 2025');
    expect(back).toContain('4,5');
    const total = back.indexOf('Jumlah');
    expect(back.slice(total, total + 2)).toEqual(['Jumlah', '16']);
  });

  it('runs on to another page when a batch has more sessions than one holds', async () => {
    const materi = Array.from({ length: 40 }, (_, i) => ({
      title: `Sesi ke-${i + 1}`,
      day: '2025-06-02',
      jp: 0.5,
    }));
    const all = await texts(
      certificatesPdf([certificate({ materi, jp: 20 })], style({ backPage: true })),
    );
    expect(all.length).toBeGreaterThan(2);
    const backs = all.slice(1).join('\n').split('\n');
    for (const m of materi) expect(backs).toContain(m.title);
    expect(backs.filter((l) => l === 'Jumlah')).toHaveLength(1);
    expect(backs[backs.indexOf('Jumlah') + 1]).toBe('20');
  });
});

describe('the demo event’s certificates', () => {
  it('carry CONTOH on every page, back pages too; real ones never do', async () => {
    const list = [certificate(), certificate({ number: '002/A1' })];
    const demo = await texts(certificatesPdf(list, style({ demo: true, backPage: true })));
    expect(demo).toHaveLength(4);
    for (const page of demo) expect(page.split('\n')).toContain(DEMO_MARK);
    const real = await texts(certificatesPdf(list, style({ backPage: true })));
    for (const page of real) expect(page.split('\n')).not.toContain(DEMO_MARK);
  });
});
