// A hand-made event for the daftar hadir tests: two batches meeting on 2–3 June (one
// venue each) and a third a week later, participants in every status, a walk-in without
// position or NIP, check-ins with and without signatures on two days, and a trainer's
// marks (one corrected) in one session of 2 June while the other is still unmarked.
import type { SheetSource } from '#domain/daftar-hadir';
import type {
  AttendanceMark,
  AttendanceStatus,
  Batch,
  Event,
  Participant,
  Session,
  VenueCheckIn,
} from '#domain/model';
import { participant } from '#tests/support/factories';
import { fixture } from '#tests/support/fixture';

// The test event's frame (kop, approver) left out: the tests that want one add it.
const { letterhead: _l, approver: _a, ...base } = fixture.event;
export const event: Event = {
  ...base,
  id: 'ev',
  name: 'Bimtek Uji Daftar Hadir',
  venue: 'Gedung Dispersip Kalsel, Jl. A. Yani Km 6',
  city: 'Banjarmasin',
  fiscalYear: 2025,
  fundingSource: 'DAK Non Fisik',
  demo: false,
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
export const batches = [
  batch('A', 'A', '2025-06-02', '2025-06-03', 'Aula A'),
  batch('B', 'B', '2025-06-03', '2025-06-03', 'Aula B'),
  batch('C', 'C', '2025-06-10', '2025-06-10', ''),
];

export const session = (
  id: string,
  batchId: string,
  title: string,
  start: string,
  end: string,
  extra: Partial<Session> = {},
) =>
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
    ...extra,
  }) satisfies Session;
export const sessions = [
  session('sA2', 'A', 'Materi Dua', '2025-06-02T10:00:00', '2025-06-02T11:30:00'),
  session('sA1', 'A', 'Materi Satu', '2025-06-02T08:00:00', '2025-06-02T09:30:00'),
  session('sB1', 'B', 'Materi B', '2025-06-03T08:00:00', '2025-06-03T09:30:00'),
  session('sC1', 'C', 'Materi C', '2025-06-10T08:00:00', '2025-06-10T09:30:00'),
];

const p = (id: string, batchId: string, fullName: string, extra: Partial<Participant> = {}) =>
  participant({ id, eventId: 'ev', batchId, fullName, ...extra });
export const siti = p('siti', 'A', 'Dra. Siti Rahmah', {
  nip: '196803151993032002',
  position: 'pustakawan_ahli_madya',
  institution: 'Dispersip Kab. Banjar',
});
export const ahmad = p('ahmad', 'A', 'Ahmad Fauzi, S.IP.', {
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
export const ali: Participant = bare;
export const participants: Participant[] = [
  siti,
  ahmad,
  ali,
  p('zainal', 'A', 'Zainal Batal', { status: 'cancelled' }),
  p('budi', 'A', 'Budi Menunggu', { status: 'waitlisted' }),
  p('citra', 'B', 'Citra Dewi', { institution: 'SMAN 2 Banjarbaru' }),
  p('dedi', 'C', 'Dedi Datang Lebih Awal'),
];

export const checkin = (id: string, who: string, day: string, time: string, signature?: string) =>
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
export const checkins: VenueCheckIn[] = [
  checkin('c3', 'ahmad', '2025-06-02', '08:30', 'M9 9l1 1'), // a later repeat, signed again
  checkin('c1', 'ahmad', '2025-06-02', '07:40'), // first arrival, no signature
  checkin('c2', 'ahmad', '2025-06-02', '07:50', 'M1 1l2 2'), // the first signed one
  checkin('c4', 'siti', '2025-06-03', '07:45', 'M5 5l3 -3'),
  checkin('c5', 'dedi', '2025-06-03', '07:55'), // batch C, but came on 3 June
];

let hlc = 0;
export const mark = (sessionId: string, who: string, status: AttendanceStatus): AttendanceMark => ({
  id: `m${++hlc}`,
  eventId: 'ev',
  sessionId,
  participantId: who,
  status,
  at: '2025-06-02T03:00:00.000Z',
  hlc: `${String(hlc).padStart(6, '0')}`,
  deviceId: 'trainer',
});
export const marks: AttendanceMark[] = [
  mark('sA2', 'siti', 'hadir'), // corrected below: the later mark wins
  mark('sA2', 'ahmad', 'hadir'),
  mark('sA2', 'siti', 'izin'),
  mark('sA2', 'citra', 'terlambat'), // batch B, yet the trainer saw her in this session
  // Ali is not marked in sA2; nobody is marked in sA1 yet.
];

export const data: SheetSource = { event, batches, sessions, participants, checkins, marks };
