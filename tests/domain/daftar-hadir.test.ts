// The daftar hadir as data, against a hand-made event: two batches meeting on 2–3 June
// (one venue each) and a third a week later, participants in every status, a walk-in
// without position or NIP, and check-ins with and without signatures on two days.
import { describe, expect, it } from 'vitest';
import { attendanceSheet, hasOfficial, narasumberOf, type SheetSource } from '#domain/daftar-hadir';
import { demoEvent } from '#domain/demo';
import type { Batch, Event, Participant, Session, VenueCheckIn } from '#domain/model';
import { participant } from '#tests/support/factories';

const event: Event = {
  ...demoEvent,
  id: 'ev',
  name: 'Bimtek Uji Daftar Hadir',
  venue: 'Banjarmasin',
  official: { name: 'Ketua Uji, S.Sos.', title: 'Ketua Panitia', nip: '197501012000031001' },
  committee: [
    { id: 'n1', role: 'narasumber', name: 'Zaki Narasumber, M.Hum.', position: 'Perpusnas RI' },
    { id: 'p1', role: 'panitia', name: 'Ketua Uji, S.Sos.', position: 'Ketua, Dispersip' },
    {
      id: 'n2',
      role: 'narasumber',
      name: 'Ani Fasilitator, S.IP.',
      nip: '198003152005011002',
      position: 'Pustakawan Ahli Muda, Dispersip Kalsel',
    },
    { id: 'p2', role: 'panitia', name: 'Anggota Uji', position: 'Anggota, Dispersip' },
  ],
};

const batch = (id: string, code: string, start: string, end: string, venue: string): Batch => ({
  id,
  eventId: 'ev',
  name: `Angkatan ${code}`,
  code,
  startDate: start,
  endDate: end,
  venue,
  capacity: 30,
});
const batches = [
  batch('A', 'A', '2025-06-02', '2025-06-03', 'Aula A'),
  batch('B', 'B', '2025-06-03', '2025-06-03', 'Aula B'),
  batch('C', 'C', '2025-06-10', '2025-06-10', ''),
];

const session = (id: string, batchId: string, title: string, start: string, end: string) =>
  ({
    id,
    eventId: 'ev',
    batchId,
    title,
    speaker: '',
    room: '',
    start: new Date(`${start}+08:00`).toISOString(),
    end: new Date(`${end}+08:00`).toISOString(),
    jp: 2,
    trainerDeviceIds: [],
  }) satisfies Session;
const sessions = [
  session('sA2', 'A', 'Materi Dua', '2025-06-02T10:00:00', '2025-06-02T11:30:00'),
  session('sA1', 'A', 'Materi Satu', '2025-06-02T08:00:00', '2025-06-02T09:30:00'),
  session('sB1', 'B', 'Materi B', '2025-06-03T08:00:00', '2025-06-03T09:30:00'),
  session('sC1', 'C', 'Materi C', '2025-06-10T08:00:00', '2025-06-10T09:30:00'),
];

const p = (id: string, batchId: string, fullName: string, extra: Partial<Participant> = {}) =>
  participant({ id, eventId: 'ev', batchId, fullName, ...extra });
const siti = p('siti', 'A', 'Dra. Siti Rahmah', {
  nip: '196803151993032002',
  position: 'pustakawan_ahli_madya',
  institution: 'Dispersip Kab. Banjar',
});
const ahmad = p('ahmad', 'A', 'Ahmad Fauzi, S.IP.', {
  nip: '198609262015051001',
  institution: 'Dispersip Kota Banjarmasin',
});
const {
  nip: _n,
  position: _p,
  ...bare
} = p('ali', 'A', 'Moh. Ali', {
  source: 'walkin',
  institution: 'SDN 1 Martapura',
});
const ali: Participant = bare;
const participants: Participant[] = [
  siti,
  ahmad,
  ali,
  p('zainal', 'A', 'Zainal Batal', { status: 'cancelled' }),
  p('budi', 'A', 'Budi Menunggu', { status: 'waitlisted' }),
  p('citra', 'B', 'Citra Dewi', { institution: 'SMAN 2 Banjarbaru' }),
  p('dedi', 'C', 'Dedi Datang Lebih Awal'),
];

const checkin = (id: string, who: string, day: string, time: string, signature?: string) =>
  ({
    id,
    eventId: 'ev',
    participantId: who,
    day,
    at: new Date(`${day}T${time}:00+08:00`).toISOString(),
    method: 'qr',
    deviceId: 'desk',
    ...(signature ? { signature } : {}),
  }) satisfies VenueCheckIn;
const checkins: VenueCheckIn[] = [
  checkin('c3', 'ahmad', '2025-06-02', '08:30', 'M9 9l1 1'), // a later repeat, signed again
  checkin('c1', 'ahmad', '2025-06-02', '07:40'), // first arrival, no signature
  checkin('c2', 'ahmad', '2025-06-02', '07:50', 'M1 1l2 2'), // the first signed one
  checkin('c4', 'siti', '2025-06-03', '07:45', 'M5 5l3 -3'),
  checkin('c5', 'dedi', '2025-06-03', '07:55'), // batch C, but came on 3 June
];

const data: SheetSource = { event, batches, sessions, participants, checkins };
const COLUMNS = ['No', 'Nama', 'NIP', 'Jabatan/Instansi', 'Tanda Tangan'];

describe('the participants’ sheet for a session', () => {
  const sheet = attendanceSheet(data, { kind: 'participants', sessionId: 'sA2' });

  it('has the fixed Indonesian title, header and columns', () => {
    expect(sheet.title).toBe('DAFTAR HADIR PESERTA');
    expect(sheet.header).toEqual([
      ['Kegiatan', 'Bimtek Uji Daftar Hadir'],
      ['Hari/tanggal', 'Senin, 2 Juni 2025'],
      ['Sesi', 'Materi Dua, 10.00–11.30 WITA'],
      ['Tempat', 'Aula A'],
    ]);
    expect(sheet.columns).toEqual(COLUMNS);
    // The second session of batch A by time, although listed first.
    expect(sheet.fileName).toBe('daftar-hadir-peserta-2025-06-02-a-sesi-2');
  });

  it('lists the batch’s registered people by name (titles ignored), with the first signature of the day', () => {
    expect(sheet.rows).toEqual([
      {
        no: 1,
        name: 'Ahmad Fauzi, S.IP.',
        nip: '19860926 201505 1 001',
        position: 'Pustakawan Ahli Pertama / Dispersip Kota Banjarmasin',
        signature: 'M1 1l2 2',
      },
      { no: 2, name: 'Moh. Ali', position: 'SDN 1 Martapura' },
      {
        no: 3,
        name: 'Dra. Siti Rahmah',
        nip: '19680315 199303 2 002',
        position: 'Pustakawan Ahli Madya / Dispersip Kab. Banjar',
        // Her signature was given on 3 June: not on this day's sheet.
      },
    ]);
  });

  it('is signed off by the event’s official at the venue on that day', () => {
    expect(sheet.footer).toEqual({
      placeAndDate: 'Aula A, 2 Juni 2025',
      title: 'Ketua Panitia',
      name: 'Ketua Uji, S.Sos.',
      nip: '19750101 200003 1 001',
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

  it('lists everyone registered in a batch meeting that day, and whoever checked in', () => {
    expect(sheet.rows.map((r) => [r.no, r.name, r.signature])).toEqual([
      [1, 'Ahmad Fauzi, S.IP.', undefined],
      [2, 'Citra Dewi', undefined],
      [3, 'Dedi Datang Lebih Awal', undefined],
      [4, 'Moh. Ali', undefined],
      [5, 'Dra. Siti Rahmah', 'M5 5l3 -3'],
    ]);
  });

  it('has no session line, and names the event’s venue when the batches meet apart', () => {
    expect(sheet.header).toEqual([
      ['Kegiatan', 'Bimtek Uji Daftar Hadir'],
      ['Hari/tanggal', 'Selasa, 3 Juni 2025'],
      ['Tempat', 'Banjarmasin'],
    ]);
    expect(sheet.footer.placeAndDate).toBe('Banjarmasin, 3 Juni 2025');
    expect(sheet.fileName).toBe('daftar-hadir-peserta-2025-06-03');
  });

  it('uses the event’s venue for a batch without one', () => {
    const c = attendanceSheet(data, { kind: 'participants', day: '2025-06-10' });
    expect(c.header.at(-1)).toEqual(['Tempat', 'Banjarmasin']);
    expect(c.rows.map((r) => r.name)).toEqual(['Dedi Datang Lebih Awal']);
  });
});

describe('the narasumber and panitia sheets', () => {
  it('lists the narasumber in the organiser’s order, without signatures', () => {
    const sheet = attendanceSheet(data, { kind: 'narasumber', day: '2025-06-02' });
    expect(sheet.title).toBe('DAFTAR HADIR NARASUMBER');
    expect(sheet.columns).toEqual(COLUMNS);
    expect(sheet.rows).toEqual([
      { no: 1, name: 'Zaki Narasumber, M.Hum.', position: 'Perpusnas RI' },
      {
        no: 2,
        name: 'Ani Fasilitator, S.IP.',
        nip: '19800315 200501 1 002',
        position: 'Pustakawan Ahli Muda, Dispersip Kalsel',
      },
    ]);
    // Only batch A meets on 2 June.
    expect(sheet.header.at(-1)).toEqual(['Tempat', 'Aula A']);
    expect(sheet.fileName).toBe('daftar-hadir-narasumber-2025-06-02');
  });

  it('lists the panitia under its own title', () => {
    const sheet = attendanceSheet(data, { kind: 'panitia', day: '2025-06-03' });
    expect(sheet.title).toBe('DAFTAR HADIR PANITIA');
    expect(sheet.rows.map((r) => r.name)).toEqual(['Ketua Uji, S.Sos.', 'Anggota Uji']);
    expect(sheet.rows.every((r) => r.signature === undefined)).toBe(true);
  });

  it('lists the day’s speakers first, in the order they speak, then the committee, each once', () => {
    const withSpeakers: SheetSource = {
      ...data,
      sessions: data.sessions.map((s) =>
        s.id === 'sA1'
          ? { ...s, speaker: 'Dr. Rudi Hartono; ani fasilitator' } // two people, one listed
          : s.id === 'sA2'
            ? { ...s, speaker: 'Rudi  Hartono, M.Si.' } // the same man, with his gelar
            : s.id === 'sB1'
              ? { ...s, speaker: 'Narasumber Hari Lain' } // 3 June: not on 2 June's sheet
              : s,
      ),
    };
    const sheet = attendanceSheet(withSpeakers, { kind: 'narasumber', day: '2025-06-02' });
    expect(sheet.rows).toEqual([
      { no: 1, name: 'Dr. Rudi Hartono', position: '' },
      {
        no: 2,
        name: 'Ani Fasilitator, S.IP.', // the committee's spelling, NIP and position
        nip: '19800315 200501 1 002',
        position: 'Pustakawan Ahli Muda, Dispersip Kalsel',
      },
      { no: 3, name: 'Zaki Narasumber, M.Hum.', position: 'Perpusnas RI' },
    ]);
    const third = attendanceSheet(withSpeakers, { kind: 'narasumber', day: '2025-06-03' });
    expect(third.rows.map((r) => r.name)).toEqual([
      'Narasumber Hari Lain',
      'Zaki Narasumber, M.Hum.',
      'Ani Fasilitator, S.IP.',
    ]);
  });

  it('has narasumber from the sessions alone when the committee lists none', () => {
    expect(
      narasumberOf(
        [],
        [
          { speaker: 'Budi Santoso', start: '2025-06-02T02:00:00.000Z' },
          { speaker: '', start: '2025-06-02T01:00:00.000Z' },
          { speaker: 'BUDI SANTOSO', start: '2025-06-02T03:00:00.000Z' },
        ],
      ),
    ).toEqual([{ name: 'Budi Santoso', position: '' }]);
  });

  it('knows when the event names nobody to sign its daftar hadir', () => {
    expect(hasOfficial(event)).toBe(true);
    expect(hasOfficial({})).toBe(false);
    expect(hasOfficial({ official: { name: ' ', title: 'Ketua', nip: '' } })).toBe(false);
  });

  it('leaves the official’s block blank when the event names no official', () => {
    const { official: _, ...rest } = event;
    const sheet = attendanceSheet({ ...data, event: rest }, { kind: 'panitia', day: '2025-06-02' });
    expect(sheet.footer).toEqual({ placeAndDate: 'Aula A, 2 Juni 2025', title: '', name: '' });
  });
});
