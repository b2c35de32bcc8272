// What an auditor reads on the daftar hadir PDF, read back with pdf.js: a session's
// Keterangan and struck boxes, the arrival signature labelled as such, pages of two
// sessions and of the day that differ, the two signatories side by side with the place
// and date on one line, the narasumber's materi and JP, CONTOH on a demo event's pages,
// and a broken logo that does not stop the sheet.
import { describe, expect, it } from 'vitest';
import { attendanceSheet, type SheetData } from '#domain/daftar-hadir';
import { attendancePdf } from '#reports/attendance-pdf';
import { data, event } from '#tests/domain/daftar-hadir-fixture';
import { readPdf } from '#tests/reports/attendance-read';

const SIGNATURE = 'M10 60l40 -20 30 30 40 -40M200 80l0 0M220 30l20 60 20 -60';
const withSignature = {
  ...data,
  checkins: data.checkins.map((c) => (c.id === 'c2' ? { ...c, signature: SIGNATURE } : c)),
};
const session2 = attendanceSheet(withSignature, { kind: 'participants', sessionId: 'sA2' });
// The Tanda Tangan column of a participants' sheet: 167–195 mm.
const SIGN_X = 167;

describe('a session’s sheet as evidence', () => {
  it('says each mark in Keterangan and counts those present', async () => {
    const [page] = await readPdf(attendancePdf(session2));
    const lines = page!.lines;
    for (const word of ['Keterangan', 'Hadir', 'Terlambat', 'Izin', 'Jumlah hadir: 2 orang'])
      expect(lines).toContain(word);
    // "Belum dicatat" may wrap in its narrow cell.
    expect(page!.text.replace(/\n/g, ' ')).toMatch(/Belum\s+dicatat/);
  });

  it('labels the arrival signature with its time, in the signature’s box', async () => {
    const [page] = await readPdf(attendancePdf(session2));
    const label = page!.items.find((i) => i.str === 'TTD datang 07.50');
    expect(label!.x).toBeGreaterThanOrEqual(SIGN_X);
    const ahmad = page!.items.find((i) => i.str === 'Ahmad Fauzi, S.IP.')!;
    expect(Math.abs(label!.y - ahmad.y)).toBeLessThan(6); // in his row
  });

  it('strikes the box of someone not present instead of leaving it to sign', async () => {
    const one = (struck: boolean): SheetData => ({
      ...session2,
      rows: [{ no: 1, name: 'Dra. Siti Rahmah', position: 'Dispersip', note: 'Izin', struck }],
    });
    const [open] = await readPdf(attendancePdf(one(false)));
    const [struck] = await readPdf(attendancePdf(one(true)));
    // The open box has the number for wet ink; the struck one a line and no number.
    expect(open!.lines).toContain('1.');
    expect(struck!.lines).not.toContain('1.');
    expect(struck!.paths).toBe(open!.paths + 1);
  });

  it('differs between session 1, session 2 and the whole day', async () => {
    const text = async (sheet: SheetData) =>
      (await readPdf(attendancePdf(sheet))).map((p) => p.text).join('\n');
    const first = await text(
      attendanceSheet(withSignature, { kind: 'participants', sessionId: 'sA1' }),
    );
    const second = await text(session2);
    const day = await text(
      attendanceSheet(withSignature, { kind: 'participants', day: '2025-06-02' }),
    );
    expect(new Set([first, second, day]).size).toBe(3);
    expect(first).not.toContain('TTD datang'); // nobody marked yet: no signature at all
    expect(first).toContain('Jumlah hadir: …… orang');
    expect(day).toContain('Datang 07.40');
    expect(day).not.toContain('TTD datang');
  });
});

describe('the signatures', () => {
  const approved = {
    ...withSignature,
    event: {
      ...event,
      city: 'Kabupaten Hulu Sungai Selatan, Kandangan',
      approver: {
        name: 'Dr. Kepala Dinas, M.Si.',
        title: 'Kuasa Pengguna Anggaran',
        nip: '197001011995031001',
      },
    },
  };

  it('puts "Mengetahui" and the approver at the left, the place, date and official at the right', async () => {
    const sheet = attendanceSheet(approved, { kind: 'participants', sessionId: 'sA2' });
    const [page] = await readPdf(attendancePdf(sheet));
    const at = (str: string) => page!.items.find((i) => i.str === str)!;
    const place = at('Kabupaten Hulu Sungai Selatan, Kandangan, 2 Juni 2025'); // one line, whole
    expect(place.x).toBeGreaterThanOrEqual(105);
    expect(place.right).toBeLessThanOrEqual(195.5);
    expect(at('Mengetahui,').right).toBeLessThan(105);
    expect(at('Mengetahui,').y).toBeCloseTo(place.y, 1);
    expect(at('Kuasa Pengguna Anggaran').right).toBeLessThan(105);
    expect(at('Ketua Panitia').x).toBeGreaterThan(105);
    // Names level with each other, each over its NIP.
    expect(at('Dr. Kepala Dinas, M.Si.').y).toBeCloseTo(at('Ketua Uji, S.Sos.').y, 1);
    expect(at('NIP. 19700101 199503 1 001').y).toBeGreaterThan(at('Dr. Kepala Dinas, M.Si.').y);
    expect(at('NIP. 19750101 200003 1 001').x).toBeGreaterThan(105);
  });

  it('keeps the official alone at the right without an approver', async () => {
    const [page] = await readPdf(attendancePdf(session2));
    expect(page!.lines).not.toContain('Mengetahui,');
    const official = page!.items.find((i) => i.str === 'Ketua Uji, S.Sos.')!;
    expect(official.x).toBeGreaterThan(105);
    expect(page!.lines).toContain('Banjarmasin, 2 Juni 2025');
  });
});

describe('committee sheets, demo events and logos', () => {
  it('prints a narasumber’s materi and JP, and the NIP on one line', async () => {
    const scheduled = {
      ...data,
      sessions: data.sessions.map((s) =>
        s.id === 'sA1' ? { ...s, speaker: 'ani fasilitator', jp: 1.5 } : s,
      ),
    };
    const sheet = attendanceSheet(scheduled, { kind: 'narasumber', day: '2025-06-02' });
    const [page] = await readPdf(attendancePdf(sheet));
    for (const line of ['Materi', 'JP', 'Materi Satu', '1,5', '19800315 200501 1 002'])
      expect(page!.lines).toContain(line);
  });

  it('says CONTOH on every page of a demo event’s sheet, and nowhere else', async () => {
    const many = {
      ...data,
      event: { ...event, demo: true },
      participants: Array.from({ length: 30 }, (_, i) => ({
        ...data.participants[0]!,
        id: `d${i}`,
        fullName: `Orang Contoh ${i + 1}`,
      })),
    };
    const demo = await readPdf(
      attendancePdf(attendanceSheet(many, { kind: 'participants', day: '2025-06-02' })),
    );
    expect(demo.length).toBeGreaterThan(1);
    for (const page of demo) expect(page.lines).toContain('CONTOH');
    const [real] = await readPdf(attendancePdf(session2));
    expect(real!.lines).not.toContain('CONTOH');
  });

  it('prints the sheet with its kop when a logo cannot be decoded', async () => {
    const broken = {
      ...data,
      event: {
        ...event,
        letterhead: {
          lines: ['DINAS PERPUSTAKAAN DAN KEARSIPAN'],
          address: '',
          logos: ['data:image/png;base64,AAAA'],
        },
      },
    };
    const [page] = await readPdf(
      attendancePdf(attendanceSheet(broken, { kind: 'participants', sessionId: 'sA2' })),
    );
    expect(page!.images).toBe(0);
    expect(page!.lines).toContain('DINAS PERPUSTAKAAN DAN KEARSIPAN');
  });
});
