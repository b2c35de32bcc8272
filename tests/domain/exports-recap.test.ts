// The laporan kegiatan's sheets: regions by name (never a code), every kabupaten/kota of the
// province with its zeros, the breakdown by gender, status, position and batch, the
// certificate register (and what it says when it cannot list), the matrix's cancelled
// people, and the title lines. Expected cells are written out by hand.
import { describe, expect, it } from 'vitest';
import { demoBatches, demoEvent } from '#domain/demo';
import {
  breakdownTable,
  certificateRegisterTable,
  matrixTable,
  recapTable,
  regionLabel,
  titleLines,
  toCsv,
  verificationCode,
  type RegisterCertificate,
} from '#domain/exports';
import { registerSource } from '#domain/exports-recap';
import type { Participant } from '#domain/model';
import { attendanceMatrix, recapBreakdown, regionRecap } from '#domain/recap';
import { fixture } from '#tests/support/fixture';

const tz = 'Asia/Makassar';
const [A1] = fixture.batches.map((b) => b.id) as [string];
const [d1, d2, d3] = fixture.people as [Participant, Participant, Participant];

describe('regionLabel', () => {
  it('names a region, with its province when it lies outside the event’s', () => {
    expect(regionLabel('63.71', '63', 'id')).toBe('Kota Banjarmasin');
    expect(regionLabel('6371', '63', 'id')).toBe('Kota Banjarmasin');
    // A Kalimantan Timur event with a participant from Banjarmasin.
    expect(regionLabel('63.71', '64', 'id')).toBe('Kota Banjarmasin (Kalimantan Selatan)');
    expect(regionLabel('63.71', undefined, 'id')).toBe('Kota Banjarmasin');
  });

  it('never shows a code: an unknown region by its province, else as unknown', () => {
    expect(regionLabel('64.72', '63', 'id')).toBe('Kabupaten/kota lain di Kalimantan Timur');
    expect(regionLabel('64.72', '63', 'en')).toBe('Another regency/city in Kalimantan Timur');
    expect(regionLabel('99.99', '63', 'id')).toBe('Kabupaten/kota tidak dikenal');
    expect(regionLabel('', '63', 'id')).toBe('Kabupaten/kota tidak dikenal');
  });
});

describe('recap sheet of the province', () => {
  const stranger: Participant = { ...d3, id: 'x', regionCode: '64.72', status: 'registered' };
  const input = {
    event: fixture.event,
    sessions: fixture.sessions,
    participants: [d1, d2, stranger],
    marks: [],
    checkins: [],
  };
  const table = recapTable(regionRecap(input, { provinceCode: '63' }), { provinceCode: '63' });

  it('lists all 13 kabupaten/kota with zero rows, then those from elsewhere, then the total', () => {
    const names = table.rows.map((r) => r[0]);
    expect(names).toEqual([
      'Kab. Tanah Laut',
      'Kab. Kotabaru',
      'Kab. Banjar',
      'Kab. Barito Kuala',
      'Kab. Tapin',
      'Kab. Hulu Sungai Selatan',
      'Kab. Hulu Sungai Tengah',
      'Kab. Hulu Sungai Utara',
      'Kab. Tabalong',
      'Kab. Tanah Bumbu',
      'Kab. Balangan',
      'Kota Banjarmasin',
      'Kota Banjarbaru',
      'Kabupaten/kota lain di Kalimantan Timur',
      'Jumlah',
    ]);
    expect(table.rows[0]!.slice(1).every((n) => n === 0)).toBe(true);
    expect(JSON.stringify(table.rows)).not.toMatch(/\d\d\.\d\d/);
    expect(table.columns.map((c) => c.key)).not.toContain('jpEarned');
  });
});

describe('breakdown sheet', () => {
  it('words each group and item, the total last', () => {
    const walkin: Participant = {
      ...d3,
      id: 'w',
      source: 'walkin',
      gender: undefined,
      employmentStatus: undefined,
      position: undefined,
    } as Participant;
    const input = {
      event: fixture.event,
      sessions: fixture.sessions,
      participants: [d1, d2, walkin],
      marks: [],
      checkins: [{ participantId: d1.id }],
    };
    const table = breakdownTable(recapBreakdown(input, fixture.batches), {
      batches: fixture.batches,
    });
    expect(table.name).toBe('Rekap rincian');
    expect(table.columns.map((c) => c.header)).toEqual([
      'Kelompok',
      'Uraian',
      'Terdaftar',
      'Hadir di lokasi',
      'Memenuhi syarat sertifikat',
    ]);
    // d1 Gusti: L, PNS, Ahli Pertama, Angkatan I, came. d2 Masitah: P, PNS, Ahli Madya,
    // Angkatan II. The walk-in: Angkatan I, nothing else given yet.
    expect(table.rows).toEqual([
      ['Jenis kelamin', 'Laki-laki', 1, 1, 0],
      ['Jenis kelamin', 'Perempuan', 1, 0, 0],
      ['Jenis kelamin', 'Belum diisi', 1, 0, 0],
      ['Status kepegawaian', 'PNS', 2, 1, 0],
      ['Status kepegawaian', 'PPPK', 0, 0, 0],
      ['Status kepegawaian', 'PPPK Paruh Waktu', 0, 0, 0],
      ['Status kepegawaian', 'Non-ASN', 0, 0, 0],
      ['Status kepegawaian', 'Belum diisi', 1, 0, 0],
      ['Jabatan', 'Pustakawan Ahli Pertama', 1, 1, 0],
      ['Jabatan', 'Pustakawan Ahli Madya', 1, 0, 0],
      ['Jabatan', 'Belum diisi', 1, 0, 0],
      ['Angkatan', 'Angkatan I', 2, 1, 0],
      ['Angkatan', 'Angkatan II', 1, 0, 0],
      ['Jumlah', 'Seluruh peserta terdaftar', 3, 1, 0],
    ]);
  });
});

const cert = (n: number, over: Partial<RegisterCertificate> = {}): RegisterCertificate => ({
  number: `00${n}/BIMTEK-LI/DISPERSIP/VI/2025`,
  fullName: `Peserta ${n}`,
  nip: '19860926 201505 1 001'.replace(/ /g, ''),
  batchName: 'Angkatan I',
  jp: 16,
  verifyUrl: `https://hadir.example/#/verify/23456789A${n}`,
  ...over,
});

describe('certificate register', () => {
  it('lists number, name, NIP, batch, JP, verification code and revoked', () => {
    const source = {
      certificates: [cert(1), cert(2, { revoked: true, nip: undefined })],
      revoked: 1,
    };
    const table = certificateRegisterTable(source);
    expect(table.name).toBe('Register sertifikat');
    expect(table.columns.map((c) => c.header)).toEqual([
      'No',
      'Nomor sertifikat',
      'Nama lengkap',
      'NIP/NI PPPK',
      'Angkatan',
      'JP',
      'Kode verifikasi',
      'Dicabut',
    ]);
    expect(table.rows).toEqual([
      [
        1,
        '001/BIMTEK-LI/DISPERSIP/VI/2025',
        'Peserta 1',
        '19860926 201505 1 001',
        'Angkatan I',
        16,
        '23456789A1',
        'Tidak',
      ],
      [
        2,
        '002/BIMTEK-LI/DISPERSIP/VI/2025',
        'Peserta 2',
        null,
        'Angkatan I',
        16,
        '23456789A2',
        'Ya',
      ],
    ]);
    // The code is text to Excel: an all-digit code keeps its digits.
    expect(table.columns.find((c) => c.key === 'verificationCode')?.kind).toBe('code');
    expect(toCsv(table, { bom: false })).toContain(',"=""23456789A1""",Tidak\r\n');
  });

  it('says in a row when there is no list, none issued, or revoked ones it cannot list', () => {
    const message = (source: Parameters<typeof certificateRegisterTable>[0]) =>
      certificateRegisterTable(source).rows.map((r) => r.filter((c) => c !== null));
    expect(message(undefined)).toEqual([
      [
        'Daftar sertifikat tidak tersedia di perangkat ini: belum pernah diambil dari server (buka Laporan › Sertifikat saat tersambung).',
      ],
    ]);
    expect(message({ certificates: [], revoked: 0 })).toEqual([
      ['Belum ada sertifikat yang diterbitkan.'],
    ]);
    // The server's list holds the valid ones only, and a count of the revoked.
    const rows = message({ certificates: [cert(1)], revoked: 2 });
    expect(rows).toHaveLength(2);
    expect(rows[1]).toEqual([
      '2 sertifikat yang dicabut tidak tercantum: daftar dari server hanya memuat sertifikat yang berlaku.',
    ]);
  });

  it('keeps one batch’s certificates when asked', () => {
    const source = {
      certificates: [cert(1), cert(2, { batchName: 'Angkatan II' })],
      revoked: 0,
    };
    const table = certificateRegisterTable(source, { batchNames: ['Angkatan II'] });
    expect(table.rows.map((r) => r[2])).toEqual(['Peserta 2']);
    expect(certificateRegisterTable(source, { batchNames: ['Angkatan III'] }).rows[0]![1]).toBe(
      'Belum ada sertifikat yang diterbitkan.',
    );
  });

  it('lists the revoked certificates the server’s list carries, flagged, after the valid ones', () => {
    const source = registerSource({
      certificates: [cert(1)],
      revoked: 1,
      revokedCertificates: [cert(2)],
    });
    const rows = certificateRegisterTable(source).rows;
    expect(rows.map((r) => [r[2], r[7]])).toEqual([
      ['Peserta 1', 'Tidak'],
      ['Peserta 2', 'Ya'],
    ]);
    // A list from an older server (a count only) still says how many it cannot list.
    const old = certificateRegisterTable(registerSource({ certificates: [cert(1)], revoked: 1 }));
    expect(old.rows).toHaveLength(2);
  });

  it('reads the verification code from the verify URL', () => {
    expect(verificationCode('https://hadir.example/#/verify/ABCDEF2345')).toBe('ABCDEF2345');
    expect(verificationCode('http://10.0.0.2:8080/#/verify/2345678923?x=1')).toBe('2345678923');
  });
});

describe('the matrix of a cancelled person', () => {
  it('says Batal in their unmarked sessions and eligibility, never a bare Tidak', () => {
    const cancelled: Participant = { ...d1, status: 'cancelled' };
    const waiting: Participant = { ...d2, batchId: A1, status: 'waitlisted' };
    const matrix = attendanceMatrix({
      event: fixture.event,
      sessions: fixture.sessions.filter((s) => s.batchId === A1),
      participants: [cancelled, waiting],
      marks: [],
    });
    const table = matrixTable(matrix, { timezone: tz });
    const batal = Array<string>(5).fill('Batal');
    expect(table.rows).toEqual([
      [1, d1.fullName, '19870412 201403 1 001', ...batal, 0, 8, 0, 'Batal'],
      [2, d2.fullName, '19690720 199403 2 002', '', '', '', '', '', 0, 8, 0, 'Daftar tunggu'],
    ]);
  });
});

describe('title lines', () => {
  const event = { ...fixture.event, demo: false, fiscalYear: 2025, fundingSource: 'DAK Non Fisik' };

  it('name the sheet, the kegiatan, the angkatan with its dates, and the budget', () => {
    expect(titleLines('matrixHeading', event, [fixture.batches[0]!], 'id', false)).toEqual([
      'MATRIKS KEHADIRAN PESERTA PER SESI',
      fixture.event.name,
      'Angkatan I · 2 Juni 2025', // a one-day batch
      'Tahun Anggaran 2025 · DAK Non Fisik',
    ]);
    const plain = { ...fixture.event, demo: false, fiscalYear: undefined, fundingSource: '' };
    expect(titleLines('recapHeading', plain, fixture.batches, 'id', true)).toEqual([
      'REKAP PESERTA PER KABUPATEN/KOTA',
      fixture.event.name,
      'Semua angkatan (Angkatan I, Angkatan II) · 2–23 Juni 2025',
    ]);
  });

  // The built-in demo itself: its sheets must say they hold invented data.
  it('mark the demo event’s sheets as a sample, first thing', () => {
    expect(titleLines('recapHeading', demoEvent, demoBatches, 'id', true)[0]).toBe(
      'CONTOH (data rekaan) · REKAP PESERTA PER KABUPATEN/KOTA',
    );
    expect(titleLines('recapHeading', demoEvent, demoBatches, 'en', true)[0]).toMatch(
      /^SAMPLE \(invented data\) · /,
    );
  });
});
