// Export tables and CSV against a small hand-made fixture: three of the test event's people (one
// with a NIK, one cancelled) and a walk-in with only the fields the desk asks for, whose
// name holds a comma, a quote and a newline. Expected cells are written out by hand.
import { describe, expect, it } from 'vitest';
import {
  checkinLogTable,
  matrixTable,
  participantsTable,
  recapTable,
  toCsv,
  type Table,
} from '#domain/exports';
import {
  Participant,
  type AttendanceMark,
  type AttendanceStatus,
  type VenueCheckIn,
} from '#domain/model';
import { attendanceMatrix, regionRecap } from '#domain/recap';
import { parseCsv } from '#tests/support/csv';
import { FIXTURE_EVENT_ID, fixture } from '#tests/support/fixture';

const tz = 'Asia/Makassar';
const [A1, A2] = fixture.batches.map((b) => b.id) as [string, string];
const [d1, d2, d3] = fixture.people as [Participant, Participant, Participant];
const p1: Participant = { ...d1, nik: '6371054107900001' }; // A1, Kota Banjarmasin
const p2 = d2; // A2, Kab. Barito Kuala
const p3: Participant = { ...d3, status: 'cancelled', cancelReason: 'Tugas dinas' }; // A1
const walkin = Participant.parse({
  id: 'w1',
  eventId: FIXTURE_EVENT_ID,
  batchId: A1,
  fullName: 'Dra. "Ina", S.Sos.\nBaru',
  institution: 'SDN 1 Banjarmasin',
  regionCode: '63.71',
  phone: '+6281211112222',
  consentAt: null,
  source: 'walkin',
  status: 'registered',
  ticketCode: 'WALK01',
  needsReview: true,
  createdAt: '2025-06-02T00:05:00.000Z',
  updatedAt: '2025-06-02T00:05:00.000Z',
});
const participants = [p1, p2, p3, walkin];

let n = 0;
const mark = (s: number, batch: string, p: Participant, status: AttendanceStatus) =>
  ({
    id: `m${++n}`,
    eventId: FIXTURE_EVENT_ID,
    sessionId: `${batch}-s${s}`,
    participantId: p.id,
    status,
    at: '2025-06-02T00:00:00.000Z',
    hlc: `2025-06-02T00:00:00.000Z-${String(n).padStart(4, '0')}-dev`,
    deviceId: 'dev',
  }) satisfies AttendanceMark;
// Batch JP: s1 1, s2 2, s3 2, s4 2, s5 1 = 8. p1 earns s1 + s2 (late counts) = 3 of 8 = 37.5%;
// p2 misses s1 and earns 7 of 8 = 87.5% (threshold 80%).
const marks = [
  mark(1, A1, p1, 'hadir'),
  mark(2, A1, p1, 'terlambat'),
  mark(3, A1, p1, 'izin'),
  mark(4, A1, p1, 'sakit'),
  mark(1, A2, p2, 'tidak_hadir'),
  ...[2, 3, 4, 5].map((s) => mark(s, A2, p2, 'hadir')),
];

const checkin = (id: string, p: Participant, day: string, at: string, extra = {}) =>
  ({
    id,
    eventId: FIXTURE_EVENT_ID,
    participantId: p.id,
    day,
    at,
    method: 'qr',
    deviceId: 'tab-1-3f9c2a',
    deviceName: 'Meja 1',
    ...extra,
  }) as VenueCheckIn;
// Given out of order; times in WITA in the comments.
const checkins = [
  checkin('c4', p2, '2025-06-23', '2025-06-22T23:05:00.000Z'), // 23 Jun 07:05
  checkin('c2', p1, '2025-06-02', '2025-06-01T23:40:00.000Z', { method: 'search' }), // 07:40, repeat
  checkin('c5', p1, '2025-06-03', '2025-06-02T23:00:00.000Z'), // next day 07:00: first again
  checkin('c1', p1, '2025-06-02', '2025-06-01T23:10:00.000Z', { signature: 'M1 2l3 4' }), // 07:10
  checkin('c3', walkin, '2025-06-02', '2025-06-01T23:20:00.000Z', {
    method: 'walkin',
    // Stored before the server kept device names: the log shows the end of its id (its random part).
    deviceId: '0192ab34-5678-7abc-8def-0000c7e21b',
    deviceName: undefined,
  }),
];

/** What a table's cells should read as in CSV, worked out independently of toCsv: WITA is
 * UTC+8 all year, so a UTC instant plus 8 hours is its wall time; an identifier is the
 * formula ="…" that Excel shows as that text; a column's note follows its header. */
function expectedCsvCells(table: Table, decimalComma: boolean): string[][] {
  const wita = (iso: string) =>
    new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
  return [
    table.columns.map((c) => (c.note ? `${c.header} ${c.note}` : c.header)),
    ...table.rows.map((row) =>
      row.map((v, i) =>
        v === null
          ? ''
          : typeof v === 'number'
            ? decimalComma
              ? String(v).replace('.', ',')
              : String(v)
            : table.columns[i]!.kind === 'datetime'
              ? wita(v)
              : table.columns[i]!.kind === 'code'
                ? `="${v}"`
                : v,
      ),
    ),
  ];
}

const byKey = (table: Table, row: number) =>
  Object.fromEntries(table.columns.map((c, i) => [c.key, table.rows[row]![i]]));

describe('participants table', () => {
  const table = participantsTable(participants, { batches: fixture.batches, timezone: tz });

  it('has Indonesian headers by default and names the zone of its times', () => {
    expect(table.name).toBe('Peserta');
    expect(table.columns.map((c) => c.header)).toEqual([
      'No',
      'Nomor registrasi',
      'Nama lengkap',
      'NIP/NI PPPK',
      'NIK',
      'Jenis kelamin',
      'Status kepegawaian',
      'Jabatan',
      'Pangkat/golongan',
      'Instansi/unit kerja',
      'Kabupaten/kota',
      'Jenis perpustakaan',
      'HP/WhatsApp',
      'Email',
      'Rencana sertifikasi 2026',
      'Angkatan',
      'Status',
      'Alasan batal',
      'Sumber',
      'Perlu dilengkapi',
      'Persetujuan data (WITA)',
      'Waktu daftar (WITA)',
    ]);
    expect(table.columns.filter((c) => c.kind === 'datetime').map((c) => c.key)).toEqual([
      'consentAt',
      'createdAt',
    ]);
  });

  it('writes a full registration with labels, a spaced NIP and a masked NIK', () => {
    expect(table.rows[0]).toEqual([
      1,
      'KS-A1-001',
      'Gusti Rahmadi, S.IP.',
      '19870412 201403 1 001',
      '6371••••••••••01',
      'Laki-laki',
      'PNS',
      'Pustakawan Ahli Pertama',
      null,
      'Dinas Perpustakaan Uji Kota Banjarmasin',
      'Kota Banjarmasin',
      'Perpustakaan Umum Kabupaten/Kota',
      '0813-4990-0101',
      null,
      'Belum tahu',
      'Angkatan I',
      'Terdaftar',
      null,
      'Daftar mandiri',
      'Tidak',
      '2025-05-20T02:00:00.000Z',
      '2025-05-20T02:00:00.000Z',
    ]);
    expect(byKey(table, 2)).toMatchObject({ status: 'Batal', cancelReason: 'Tugas dinas' });
  });

  it('reveals the NIK only when asked, and never exports the ticket code', () => {
    const revealed = participantsTable(participants, {
      batches: fixture.batches,
      timezone: tz,
      revealNik: true,
    });
    expect(byKey(revealed, 0).nik).toBe('6371054107900001');
    expect(JSON.stringify(revealed.rows)).not.toContain(p1.ticketCode);
  });

  it('words everything in English when chosen', () => {
    const en = participantsTable([p2], { batches: fixture.batches, timezone: tz, lang: 'en' });
    expect(en.columns[2]!.header).toBe('Full name');
    expect(en.rows[0]).toEqual([
      1,
      'KS-A2-001',
      'Dra. Masitah Ilmi',
      '19690720 199403 2 002',
      null,
      'Female',
      'Civil servant (PNS)',
      'Librarian, Middle Expert',
      null,
      'Dinas Perpustakaan Uji Kab. Barito Kuala',
      'Kab. Barito Kuala',
      'Public library (regency/city)',
      '0813-4990-0102',
      null,
      'Yes',
      'Angkatan II',
      'Registered',
      null,
      'Self-registered',
      'No',
      '2025-05-20T02:00:00.000Z',
      '2025-05-20T02:00:00.000Z',
    ]);
  });

  it('leaves a walk-in’s missing fields empty, never "undefined"', () => {
    expect(table.rows[3]).toEqual([
      4,
      null,
      'Dra. "Ina", S.Sos.\nBaru',
      null,
      null,
      null,
      null,
      null,
      null,
      'SDN 1 Banjarmasin',
      'Kota Banjarmasin',
      null,
      '0812-1111-2222',
      null,
      null,
      'Angkatan I',
      'Terdaftar',
      null,
      'Datang langsung',
      'Ya',
      null,
      '2025-06-02T00:05:00.000Z',
    ]);
    expect(toCsv(table)).not.toContain('undefined');
  });
});

describe('attendance matrix table', () => {
  const matrix = attendanceMatrix({
    event: fixture.event,
    sessions: fixture.sessions,
    participants: [p1, p2],
    marks,
  });
  const table = matrixTable(matrix, { timezone: tz });

  it('heads a session’s column short, with its full title and JP in the note under it', () => {
    const headers = table.columns.map((c) => c.header);
    expect(headers.slice(0, 3)).toEqual(['No', 'Nama', 'NIP/NI PPPK']);
    // 2 June 2025 was a Monday (Senin), 23 June too; 07.30 WITA.
    expect(headers.slice(3, 9)).toEqual([
      'Sen 2/6 07.30',
      'Sen 2/6 08.15',
      'Sen 2/6 10.00',
      'Sen 2/6 13.00',
      'Sen 2/6 14.45',
      'Sen 23/6 07.30',
    ]);
    expect(table.columns[3]!.note).toBe('Pembukaan dan arahan Ketua Panitia Uji (1 JP)');
    expect(table.columns[4]!.note).toBe(
      'Kebijakan pengembangan koleksi perpustakaan daerah (2 JP)',
    );
    expect(table.notes?.[0]).toMatch(/^Keterangan: kosong = belum dicatat; — = sesi angkatan lain/);
    expect(table.notes?.[0]).toContain('Jam sesi dalam WITA');
    expect(headers.slice(13)).toEqual([
      'JP diperoleh',
      'JP total',
      'Persentase (%)',
      'Memenuhi syarat sertifikat',
    ]);
    const en = matrixTable(matrix, { timezone: tz, lang: 'en' });
    expect(en.columns[4]!.header).toBe('Mon 2/6 08:15');
    expect(en.rows[0]!.slice(3, 8)).toEqual(['Present', 'Late', 'Excused', 'Sick', '']);
  });

  it('words statuses, leaves unmarked empty and dashes another batch’s sessions', () => {
    const dash = Array<string>(5).fill('—');
    // prettier-ignore
    expect(table.rows).toEqual([
      [1, 'Gusti Rahmadi, S.IP.', '19870412 201403 1 001', 'Hadir', 'Terlambat', 'Izin', 'Sakit', '', ...dash, 3, 8, 37.5, 'Tidak'],
      [2, 'Dra. Masitah Ilmi', '19690720 199403 2 002', ...dash, 'Tidak hadir', 'Hadir', 'Hadir', 'Hadir', 'Hadir', 7, 8, 87.5, 'Ya'],
    ]);
  });
});

describe('check-in log table', () => {
  const table = checkinLogTable(checkins, participants, { timezone: tz });

  it('lists every check-in in time order and marks a second one that day as a repeat', () => {
    expect(table.columns.map((c) => c.header)).toEqual([
      'Waktu (WITA)',
      'Tanggal',
      'Nama',
      'NIP/NI PPPK',
      'Cara',
      'Check-in ulang',
      'Datang langsung',
      'Tanda tangan',
      'Perangkat',
    ]);
    const nip1 = '19870412 201403 1 001';
    // prettier-ignore
    expect(table.rows).toEqual([
      ['2025-06-01T23:10:00.000Z', '2025-06-02', p1.fullName, nip1, 'Pindai QR', 'Tidak', 'Tidak', 'Ya', 'Meja 1'],
      ['2025-06-01T23:20:00.000Z', '2025-06-02', walkin.fullName, null, 'Datang langsung', 'Tidak', 'Ya', 'Tidak', 'perangkat c7e21b'],
      ['2025-06-01T23:40:00.000Z', '2025-06-02', p1.fullName, nip1, 'Cari nama', 'Ya', 'Tidak', 'Tidak', 'Meja 1'],
      ['2025-06-02T23:00:00.000Z', '2025-06-03', p1.fullName, nip1, 'Pindai QR', 'Tidak', 'Tidak', 'Tidak', 'Meja 1'],
      ['2025-06-22T23:05:00.000Z', '2025-06-23', p2.fullName, '19690720 199403 2 002', 'Pindai QR', 'Tidak', 'Tidak', 'Tidak', 'Meja 1'],
    ]);
  });

  it('names the desk by the name the server stored, else by the end of its id', () => {
    const en = checkinLogTable(checkins, participants, { timezone: tz, lang: 'en' });
    expect(en.rows.map((r) => r[8])).toEqual([
      'Meja 1',
      'device c7e21b',
      'Meja 1',
      'Meja 1',
      'Meja 1',
    ]);
  });

  it('writes local times in CSV', () => {
    const rows = parseCsv(toCsv(table, { bom: false }), ',');
    expect(rows.slice(1).map((r) => r[0])).toEqual([
      '2025-06-02 07:10:00',
      '2025-06-02 07:20:00',
      '2025-06-02 07:40:00',
      '2025-06-03 07:00:00',
      '2025-06-23 07:05:00',
    ]);
  });
});

describe('recap table', () => {
  const recap = regionRecap({
    event: fixture.event,
    sessions: fixture.sessions,
    participants,
    marks,
    checkins,
  });

  it('has a row per kabupaten/kota and the total last', () => {
    const table = recapTable(recap);
    expect(table.columns.map((c) => c.header)).toEqual([
      'Kabupaten/kota',
      'Terdaftar',
      'Daftar tunggu',
      'Batal',
      'Laki-laki',
      'Perempuan',
      'Datang langsung',
      'Hadir di lokasi',
      'Memenuhi syarat sertifikat',
      'Rencana sertifikasi: Ya',
      'Rencana sertifikasi: Belum tahu',
      'Rencana sertifikasi: Tidak',
      'Rencana sertifikasi: belum diisi',
    ]);
    // p2 (P) in Kab. Barito Kuala: eligible, intends to. Banjarmasin: p1 (L, undecided) and the
    // walk-in (no gender, intention not given), both arrived. Banjarbaru: p3 cancelled.
    // No JP column: a sum of JP over people measures nothing.
    expect(table.rows).toEqual([
      ['Kab. Barito Kuala', 1, 0, 0, 0, 1, 0, 1, 1, 1, 0, 0, 0],
      ['Kota Banjarmasin', 2, 0, 0, 1, 0, 1, 2, 0, 0, 1, 0, 1],
      ['Kota Banjarbaru', 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0],
      ['Jumlah', 3, 0, 1, 1, 1, 1, 3, 1, 1, 1, 0, 1],
    ]);
    expect(recapTable(recap, { lang: 'en' }).rows.at(-1)![0]).toBe('Total');
  });
});

describe('toCsv', () => {
  const people = participantsTable(participants, { batches: fixture.batches, timezone: tz });
  const matrix = matrixTable(
    attendanceMatrix({
      event: fixture.event,
      sessions: fixture.sessions,
      participants: [p1, p2],
      marks,
    }),
    { timezone: tz },
  );

  it.each([',', ';'] as const)('round-trips every cell with %j as separator', (separator) => {
    const decimalComma = separator === ';';
    for (const table of [people, matrix]) {
      const text = toCsv(table, { separator, bom: false });
      expect(parseCsv(text, separator)).toEqual(expectedCsvCells(table, decimalComma));
    }
    // The walk-in's name is quoted, its quotes doubled, its newline kept inside the field.
    expect(toCsv(people, { separator })).toContain(`${separator}"Dra. ""Ina"", S.Sos.\nBaru"`);
  });

  it('writes a decimal comma with ";" and a point with ","', () => {
    expect(parseCsv(toCsv(matrix, { separator: ';' }), ';')[1]!.slice(-2)).toEqual([
      '37,5',
      'Tidak',
    ]);
    expect(parseCsv(toCsv(matrix), ',')[1]!.slice(-2)).toEqual(['37.5', 'Tidak']);
  });

  it('ends every record with CRLF and starts with a BOM unless turned off', () => {
    const table: Table = {
      name: 't',
      columns: [
        { key: 'a', header: 'A', kind: 'text' },
        { key: 'b', header: 'B', kind: 'number' },
      ],
      rows: [
        ['x', 1],
        [null, 2],
      ],
    };
    expect(toCsv(table)).toBe('\uFEFFA,B\r\nx,1\r\n,2\r\n');
    expect(toCsv(table, { bom: false, separator: ';' })).toBe('A;B\r\nx;1\r\n;2\r\n');
    expect(toCsv(people).startsWith('\uFEFFNo,')).toBe(true);
    expect(toCsv(people, { bom: false }).startsWith('No,')).toBe(true);
  });

  it('quotes a field only for the separator, a quote, CR or LF', () => {
    const table: Table = {
      name: 't',
      columns: [{ key: 'a', header: 'A', kind: 'text' }],
      rows: [['line\nbreak'], ['carriage\rreturn'], ['say "hi"'], ['a,b'], ['a;b'], ['plain']],
    };
    expect(toCsv(table, { bom: false })).toBe(
      'A\r\n"line\nbreak"\r\n"carriage\rreturn"\r\n"say ""hi"""\r\n"a,b"\r\na;b\r\nplain\r\n',
    );
    expect(toCsv(table, { bom: false, separator: ';' }).split('\r\n').slice(4, 6)).toEqual([
      'a,b',
      '"a;b"',
    ]);
  });

  it('keeps datetimes as UTC ISO when the table has no timezone', () => {
    const table: Table = {
      name: 't',
      columns: [{ key: 'at', header: 'At', kind: 'datetime' }],
      rows: [['2025-06-02T00:05:00.000Z']],
    };
    expect(toCsv(table, { bom: false })).toBe('At\r\n2025-06-02T00:05:00.000Z\r\n');
  });

  it('defuses formula injection in text but leaves numbers and phone numbers alone', () => {
    const texts = ['=SUM(A1)', '+HYPERLINK("http://x")', '-2+3+cmd|x', '@SUM(1)', '\t=1', '\r=1'];
    const safe = ['+6281234567890', '+62 812-3456-7890', '0812-3456-7890', 'Ahmad', 'a=b'];
    const table: Table = {
      name: 't',
      columns: [
        { key: 'v', header: 'V', kind: 'text' },
        { key: 'n', header: 'N', kind: 'number' },
      ],
      rows: [...[...texts, ...safe].map((v) => [v, null]), [null, -5]],
    };
    const rows = parseCsv(toCsv(table, { bom: false }), ',').slice(1);
    expect(rows.map((r) => r[0])).toEqual([...texts.map((v) => `'${v}`), ...safe, '']);
    expect(rows.at(-1)).toEqual(['', '-5']);
  });
});
