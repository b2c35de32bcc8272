// The participants' daftar hadir as data (fixture: daftar-hadir-fixture.ts): a session
// sheet is the trainer's record (Keterangan the mark, the day's arrival signature only
// beside hadir/terlambat and labelled so, boxes of the absent struck through), a day sheet
// the desk's (arrival time and signature), and the two are never the same page.
import { describe, expect, it } from 'vitest';
import { attendanceSheet, type SheetSource } from '#domain/daftar-hadir';
import { data, event, mark } from '#tests/domain/daftar-hadir-fixture';

const COLUMNS = ['No', 'Nama', 'NIP', 'Jabatan/Instansi', 'Keterangan', 'Tanda Tangan'];
const AHMAD = {
  name: 'Ahmad Fauzi, S.IP.',
  nip: '19860926 201505 1 001',
  position: 'Pustakawan Ahli Pertama / Dispersip Kota Banjarmasin',
};
const SITI = {
  name: 'Dra. Siti Rahmah',
  nip: '19680315 199303 2 002',
  position: 'Pustakawan Ahli Madya / Dispersip Kab. Banjar',
};

describe('the participants’ sheet for a session', () => {
  const sheet = attendanceSheet(data, { kind: 'participants', sessionId: 'sA2' });

  it('has the fixed Indonesian title, header and columns', () => {
    expect(sheet.title).toBe('DAFTAR HADIR PESERTA');
    expect(sheet.header).toEqual([
      ['Kegiatan', 'Bimtek Uji Daftar Hadir'],
      ['Angkatan', 'Angkatan A'],
      ['Hari/tanggal', 'Senin, 2 Juni 2025'],
      ['Sesi', 'Materi Dua, 10.00–11.30 WITA'],
      ['Tempat', 'Aula A'],
      ['Tahun Anggaran', '2025'],
      ['Sumber dana', 'DAK Non Fisik'],
    ]);
    expect(sheet.columns).toEqual(COLUMNS);
    // The second session of batch A by time, although listed first.
    expect(sheet.fileName).toBe('daftar-hadir-peserta-2025-06-02-a-sesi-2');
    expect(sheet.runningHead).toBe(
      'DAFTAR HADIR PESERTA · Angkatan A · Sesi 2: Materi Dua · Senin, 2 Juni 2025',
    );
    expect(sheet.demo).toBe(false);
  });

  it('says each person’s mark, shows the arrival signature only beside a present mark, and strikes the absent', () => {
    expect(sheet.rows).toEqual([
      {
        no: 1,
        ...AHMAD,
        note: 'Hadir',
        signature: 'M1 1l2 2', // the first signed check-in of the day, not the later repeat
        signatureLabel: 'TTD datang 07.50',
      },
      // Batch B, but marked in this session: whoever was there is on the sheet.
      {
        no: 2,
        name: 'Citra Dewi',
        nip: '19860926 201505 1 001',
        position: 'Pustakawan Ahli Pertama / SMAN 2 Banjarbaru',
        note: 'Terlambat',
      },
      { no: 3, name: 'Moh. Ali', position: 'SDN 1 Martapura', note: 'Belum dicatat' },
      // Marked hadir, then corrected to izin: the later mark counts.
      { no: 4, ...SITI, note: 'Izin', struck: true },
    ]);
    expect(sheet.tally).toBe('Jumlah hadir: 2 orang');
  });

  it('never carries a signature for someone not marked present', () => {
    for (const status of ['izin', 'sakit', 'tidak_hadir'] as const) {
      const marked = { ...data, marks: [...data.marks!, mark('sA2', 'ahmad', status)] };
      const row = attendanceSheet(marked, { kind: 'participants', sessionId: 'sA2' }).rows[0]!;
      expect(row).toMatchObject({ name: AHMAD.name, struck: true });
      expect(row.signature).toBeUndefined();
    }
  });

  it('is a blank form for wet ink while nobody is marked: no status, no signature, the count to fill in', () => {
    const first = attendanceSheet(data, { kind: 'participants', sessionId: 'sA1' });
    expect(first.rows.map((r) => [r.name, r.note, r.signature, r.struck])).toEqual([
      [AHMAD.name, undefined, undefined, undefined],
      ['Moh. Ali', undefined, undefined, undefined],
      [SITI.name, undefined, undefined, undefined],
    ]);
    expect(first.tally).toBe('Jumlah hadir: …… orang');
    expect(first.runningHead).toContain('Sesi 1: Materi Satu');
  });

  it('differs from the other session’s sheet and from the day’s', () => {
    const first = attendanceSheet(data, { kind: 'participants', sessionId: 'sA1' });
    const day = attendanceSheet(data, { kind: 'participants', day: '2025-06-02' });
    expect(first.rows).not.toEqual(sheet.rows);
    expect(day.rows).not.toEqual(sheet.rows);
    expect(new Set([first.runningHead, sheet.runningHead, day.runningHead]).size).toBe(3);
  });

  it('is signed at the event’s city (not the venue), with the approver when there is one', () => {
    expect(sheet.footer).toEqual({
      placeAndDate: 'Banjarmasin, 2 Juni 2025',
      title: 'Ketua Panitia',
      name: 'Ketua Uji, S.Sos.',
      nip: '19750101 200003 1 001',
    });
    expect(sheet.approver).toBeUndefined();
    const approved = attendanceSheet(
      {
        ...data,
        event: {
          ...event,
          approver: {
            name: 'Dr. Kepala Dinas, M.Si.',
            title: 'Kuasa Pengguna Anggaran',
            nip: '197001011995031001',
          },
        },
      },
      { kind: 'participants', sessionId: 'sA2' },
    );
    expect(approved.approver).toEqual({
      name: 'Dr. Kepala Dinas, M.Si.',
      title: 'Kuasa Pengguna Anggaran',
      nip: '19700101 199503 1 001',
    });
  });

  it('refuses a session the data does not hold', () => {
    expect(() => attendanceSheet(data, { kind: 'participants', sessionId: 'gone' })).toThrow(
      RangeError,
    );
  });
});

describe('the participants’ sheet for a whole day', () => {
  const sheet = attendanceSheet(data, { kind: 'participants', day: '2025-06-03' });

  it('lists everyone registered in a batch meeting that day and whoever checked in, with the arrival', () => {
    expect(sheet.rows.map((r) => [r.no, r.name, r.note, r.signature])).toEqual([
      [1, 'Ahmad Fauzi, S.IP.', undefined, undefined],
      [2, 'Citra Dewi', undefined, undefined],
      [3, 'Dedi Datang Lebih Awal', 'Datang 07.55', undefined],
      [4, 'Moh. Ali', undefined, undefined],
      [5, 'Dra. Siti Rahmah', 'Datang 07.45', 'M5 5l3 -3'],
    ]);
    // The day's arrival signature stands unlabelled: this is the sheet it was given for.
    expect(sheet.rows.every((r) => r.signatureLabel === undefined)).toBe(true);
    expect(sheet.tally).toBe('Jumlah hadir: 2 orang');
  });

  it('dates the arrival by the first check-in and signs with the first signature', () => {
    const day = attendanceSheet(data, { kind: 'participants', day: '2025-06-02' });
    expect(day.rows[0]).toEqual({ no: 1, ...AHMAD, note: 'Datang 07.40', signature: 'M1 1l2 2' });
    expect(day.tally).toBe('Jumlah hadir: 1 orang');
  });

  it('strikes the box of someone absent from every session of their batch that day', () => {
    const excused: SheetSource = {
      ...data,
      marks: [...data.marks!, mark('sA1', 'siti', 'sakit'), mark('sA1', 'ali', 'izin')],
    };
    const day = attendanceSheet(excused, { kind: 'participants', day: '2025-06-02' });
    expect(day.rows.find((r) => r.name === SITI.name)).toMatchObject({
      note: 'Sakit, Izin', // sakit in the first session, izin in the second
      struck: true,
    });
    // Ali was marked in one of the two sessions only: his box stays open for wet ink.
    expect(day.rows.find((r) => r.name === 'Moh. Ali')).toEqual({
      no: 2,
      name: 'Moh. Ali',
      position: 'SDN 1 Martapura',
    });
  });

  it('names the batches of the day and, when they meet apart, the event’s venue', () => {
    expect(sheet.header).toEqual([
      ['Kegiatan', 'Bimtek Uji Daftar Hadir'],
      ['Angkatan', 'Angkatan A, Angkatan B'],
      ['Hari/tanggal', 'Selasa, 3 Juni 2025'],
      ['Tempat', 'Gedung Dispersip Kalsel, Jl. A. Yani Km 6'],
      ['Tahun Anggaran', '2025'],
      ['Sumber dana', 'DAK Non Fisik'],
    ]);
    expect(sheet.footer.placeAndDate).toBe('Banjarmasin, 3 Juni 2025');
    expect(sheet.fileName).toBe('daftar-hadir-peserta-2025-06-03');
    expect(sheet.runningHead).toBe(
      'DAFTAR HADIR PESERTA · Angkatan A, Angkatan B · Selasa, 3 Juni 2025',
    );
  });

  it('uses the event’s venue for a batch without one', () => {
    const c = attendanceSheet(data, { kind: 'participants', day: '2025-06-10' });
    expect(c.header.find(([label]) => label === 'Tempat')).toEqual([
      'Tempat',
      'Gedung Dispersip Kalsel, Jl. A. Yani Km 6',
    ]);
    expect(c.rows.map((r) => r.name)).toEqual(['Dedi Datang Lebih Awal']);
  });
});
