// The organiser's dashboard against a small hand-computed fixture: two batches, three
// sessions, nine people (one cancelled self-registration, one cancelled walk-in, one
// waitlisted, a walk-in to complete, a completed walk-in), check-ins over two days with
// and without signatures, and marks. Every number below is worked out in the comments.
// Completing a walk-in (#domain/completion) is tested in completion.test.ts.
import { describe, expect, it } from 'vitest';
import { dashboard, type DashboardData } from '#domain/dashboard';
import type {
  AttendanceMark,
  AttendanceStatus,
  Participant,
  Session,
  VenueCheckIn,
} from '#domain/model';
import { fixture } from '#tests/support/fixture';

const event = { ...fixture.event, id: 'e', lateCountsAsPresent: true, signatureAtCheckin: true };
const batch = (id: string, day: string) => ({
  id,
  eventId: 'e',
  name: `Angkatan ${id}`,
  code: id,
  startDate: day,
  endDate: day,
  venue: '',
  capacity: 50,
});
const session = (id: string, batchId: string, start: string, title: string): Session => ({
  id,
  eventId: 'e',
  batchId,
  title,
  speaker: '',
  room: '',
  start,
  end: start,
  jp: 1,
  trainerDeviceIds: [],
});
// Given out of order; held A1 (Satu), A2 (Dua) on 2 June, B1 (Tiga) on 23 June.
const sessions = [
  session('sA2', 'A', '2025-06-02T02:00:00.000Z', 'Dua'),
  session('sB1', 'B', '2025-06-23T00:00:00.000Z', 'Tiga'),
  session('sA1', 'A', '2025-06-02T00:00:00.000Z', 'Satu'),
];

const person = (
  id: string,
  batchId: string,
  regionCode: string,
  fullName: string,
  institution: string,
  phone: string,
  over: Partial<Participant> = {},
): Participant => ({
  id,
  eventId: 'e',
  batchId,
  fullName,
  employmentStatus: 'non_asn',
  gender: 'L',
  position: 'pengelola_perpustakaan',
  institution,
  regionCode,
  libraryType: 'umum_kabkota',
  phone,
  certificationIntention: 'ya',
  consentAt: '2025-05-20T02:00:00.000Z',
  source: 'self',
  status: 'registered',
  ticketCode: `T${id.toUpperCase()}`,
  needsReview: false,
  createdAt: '2025-05-20T02:00:00.000Z',
  updatedAt: '2025-05-20T02:00:00.000Z',
  ...over,
});
const NIP_L = '198609262015051001'; // digit 15 = 1: a man
const NIP_P = '197704222006042005'; // digit 15 = 2: a woman
const walkin = (over: Partial<Participant>): Partial<Participant> => ({
  source: 'walkin',
  needsReview: true,
  consentAt: null,
  employmentStatus: undefined,
  gender: undefined,
  position: undefined,
  libraryType: undefined,
  certificationIntention: undefined,
  ...over,
});
const KOTA = 'Dinas Perpustakaan Kota Banjarmasin';
const participants = [
  person('a1', 'A', '63.71', 'Ahmad Fauzi, S.IP.', KOTA, '+6281251230001', { nip: NIP_L }),
  // A walk-in, "Akhmad" one letter from a1's "Ahmad" at the same institution (punctuation
  // aside): a likely duplicate by name. Still to complete.
  person(
    'a2',
    'A',
    '63.71',
    'Akhmad Fauzi',
    `${KOTA}.`,
    '+6281251230002',
    walkin({ createdAt: '2025-06-02T01:00:00.000Z' }),
  ),
  person('a3', 'A', '63.03', 'Rudi Hartono', 'SMA Negeri 1 Martapura', '+6281251230003', {
    status: 'cancelled',
    libraryType: 'sekolah',
    certificationIntention: 'tidak',
  }),
  // a1's phone: a likely duplicate by phone.
  person('a4', 'A', '63.03', 'Nur Aisyah, S.Pd.', 'SMP Negeri 2 Banjarbaru', '+6281251230001', {
    libraryType: 'sekolah',
    certificationIntention: 'ragu',
    createdAt: '2025-05-21T02:00:00.000Z',
  }),
  // Registered, never came.
  person('a5', 'A', '63.71', 'Yusuf Hidayat', 'TBM Cahaya', '+6281251230005', {
    libraryType: 'tbm',
  }),
  // Waitlisted, the only person of Tabalong (63.09): no registered people there.
  person('b1', 'B', '63.09', 'Siti Rahmah', 'Perpustakaan Desa Maburai', '+6281251230004', {
    status: 'waitlisted',
  }),
  person(
    'b2',
    'B',
    '63.03',
    'Hj. Noorhayati, S.Sos.',
    'Dinas Perpustakaan Kab. Banjar',
    '+6281251230006',
    {
      nip: NIP_P,
      gender: 'P',
      certificationIntention: 'ragu',
      createdAt: '2025-05-22T02:00:00.000Z',
    },
  ),
  // A completed walk-in with b2's NIP and phone: one pair, listed once, by NIP.
  person('b3', 'B', '63.72', 'Muhammad Rizky', 'Universitas Lambung Mangkurat', '+6281251230006', {
    ...walkin({ needsReview: false, createdAt: '2025-06-23T00:30:00.000Z' }),
    nip: NIP_P,
    libraryType: 'perguruan_tinggi',
    certificationIntention: 'tidak',
  }),
  // A cancelled walk-in still flagged: nothing to complete. Same name as a1, but not
  // registered, so no duplicate either.
  person(
    'w9',
    'A',
    '63.71',
    'Ahmad Fauzi',
    KOTA,
    '+6281251230009',
    walkin({ status: 'cancelled' }),
  ),
];

let n = 0;
const checkin = (participantId: string, at: string, signed: boolean): VenueCheckIn => ({
  id: `c${++n}`,
  eventId: 'e',
  participantId,
  day: at.slice(0, 10), // the fixture's times are early morning: the same day in WITA
  at,
  method: 'qr',
  deviceId: 'desk',
  ...(signed ? { signature: 'M0 0L1 1' } : {}),
});
const checkins = [
  checkin('a1', '2025-06-02T00:05:00.000Z', true),
  checkin('a2', '2025-06-02T00:10:00.000Z', false), // first of the day, unsigned: listed
  checkin('a2', '2025-06-02T03:00:00.000Z', true), // a signed repeat does not undo that
  checkin('a4', '2025-06-02T00:20:00.000Z', true), // signed first...
  checkin('a4', '2025-06-02T01:00:00.000Z', false), // ...an unsigned repeat: not listed
  checkin('b2', '2025-06-23T00:01:00.000Z', false), // today, unsigned: listed
  checkin('b2', '2025-06-23T02:00:00.000Z', false), // repeat: b2 counts once today
  checkin('b3', '2025-06-23T00:30:00.000Z', true),
  checkin('a3', '2025-06-23T00:40:00.000Z', false), // cancelled: counted nowhere
  checkin('a1', '2025-06-23T05:00:00.000Z', true),
];
const TODAY = '2025-06-23';

let h = 0;
const mark = (sessionId: string, participantId: string, status: AttendanceStatus) =>
  ({
    id: `m${++h}`,
    eventId: 'e',
    sessionId,
    participantId,
    status,
    at: '2025-06-02T00:00:00.000Z',
    hlc: `2025-06-02T00:00:00.000Z-${String(h).padStart(4, '0')}-dev`,
    deviceId: 'dev',
  }) satisfies AttendanceMark;
const marks = [
  mark('sA1', 'a1', 'hadir'),
  mark('sA1', 'a2', 'hadir'),
  mark('sA1', 'a2', 'izin'), // the later mark wins: a2 izin
  mark('sA1', 'a4', 'terlambat'),
  mark('sA1', 'a3', 'hadir'), // cancelled: outside the roster
  mark('sA2', 'a1', 'terlambat'),
  mark('sA2', 'a4', 'sakit'),
  mark('sB1', 'b2', 'hadir'),
  mark('sB1', 'b3', 'tidak_hadir'),
  mark('sB1', 'b1', 'hadir'), // waitlisted: outside the roster
];

const data: DashboardData = {
  event,
  batches: [batch('A', '2025-06-02'), batch('B', '2025-06-23')],
  sessions,
  participants,
  checkins,
  marks,
};
const d = dashboard(data, TODAY);

describe('the dashboard counts', () => {
  it('counts people by status, and who arrived today out of today’s batch', () => {
    // Registered: a1 a2 a4 a5 b2 b3 = 6; waitlisted: b1; cancelled: a3 w9.
    // Registered walk-ins: a2 b3. Today (23 June) only batch B meets: b2 b3 expected, both
    // came (b2 twice); a1 came too, but batch A met on 2 June; a3 is cancelled.
    expect(d.counts).toEqual({
      registered: 6,
      waitlisted: 1,
      cancelled: 2,
      walkins: 2,
      arrivedToday: 2,
      expectedToday: 2,
      batchesToday: [data.batches[1]],
    });
  });

  it('expects batch A on its own day, and everyone on a day no batch meets', () => {
    // 2 June: batch A's a1 a2 a4 a5 are expected; a1 a2 a4 came.
    expect(dashboard(data, '2025-06-02').counts).toMatchObject({
      arrivedToday: 3,
      expectedToday: 4,
      batchesToday: [data.batches[0]],
    });
    // A session moved to 3 June puts batch A on that day too, though its dates say 2 June.
    const moved = [...sessions, session('sA3', 'A', '2025-06-03T00:00:00.000Z', 'Empat')];
    expect(
      dashboard({ ...data, sessions: moved }, '2025-06-03').counts.batchesToday.map((b) => b.id),
    ).toEqual(['A']);
    // 10 June, between the batches: nobody is expected; arrivals count over everyone.
    const between = dashboard(
      { ...data, checkins: [...checkins, { ...checkins[0]!, id: 'late', day: '2025-06-10' }] },
      '2025-06-10',
    );
    expect(between.counts).toMatchObject({ expectedToday: 0, batchesToday: [], arrivedToday: 1 });
  });

  it('counts each session over its batch’s registered people, late counting as present', () => {
    // Batch A roster: a1 a2 a4 a5 (4); batch B: b2 b3 (2).
    // Satu: a1 hadir, a4 terlambat, a2 izin, a5 unmarked → attended 1 + 1 = 2.
    // Dua: a1 terlambat, a4 sakit, a2 a5 unmarked → attended 1.
    // Tiga: b2 hadir, b3 tidak hadir → attended 1.
    const zero = { hadir: 0, terlambat: 0, izin: 0, sakit: 0, tidak_hadir: 0, unmarked: 0 };
    expect(d.sessions.map((s) => [s.session.id, s.roster, s.attended, s.counts])).toEqual([
      ['sA1', 4, 2, { ...zero, hadir: 1, terlambat: 1, izin: 1, unmarked: 1 }],
      ['sA2', 4, 1, { ...zero, terlambat: 1, sakit: 1, unmarked: 2 }],
      ['sB1', 2, 1, { ...zero, hadir: 1, tidak_hadir: 1 }],
    ]);
  });

  it('leaves terlambat out of attended when the event does not count it', () => {
    const strict = dashboard({ ...data, event: { ...event, lateCountsAsPresent: false } }, TODAY);
    // Satu: only a1's hadir; Dua: a1 was late, so nobody; Tiga: b2.
    expect(strict.sessions.map((s) => s.attended)).toEqual([1, 0, 1]);
    expect(strict.sessions[0]!.counts.terlambat).toBe(1); // still shown as late
  });

  it('compares registered and arrived per kabupaten/kota, without empty ones', () => {
    // 63.03: a4 b2 registered, both came (a3 cancelled). 63.71: a1 a2 a5, a5 never came
    // (w9 cancelled). 63.72: b3, came. 63.09 has only b1, waitlisted: left out.
    expect(d.regions).toEqual([
      { regionCode: '63.03', registered: 2, arrived: 2 },
      { regionCode: '63.71', registered: 3, arrived: 2 },
      { regionCode: '63.72', registered: 1, arrived: 1 },
    ]);
  });

  it('counts library types in the reference order, the not-yet-known last', () => {
    // umum_kabkota: a1 b2 (both came); tbm: a5 (never came); sekolah: a4; perguruan
    // tinggi: b3; unknown: a2, the walk-in. a3's sekolah is cancelled.
    expect(d.libraryTypes).toEqual([
      { code: 'umum_kabkota', registered: 2, arrived: 2 },
      { code: 'tbm', registered: 1, arrived: 0 },
      { code: 'sekolah', registered: 1, arrived: 1 },
      { code: 'perguruan_tinggi', registered: 1, arrived: 1 },
      { code: 'unknown', registered: 1, arrived: 1 },
    ]);
  });

  it('tallies the 2026 certification intention per kabupaten/kota', () => {
    // 63.03: a4 ragu, b2 ragu. 63.71: a1 ya, a5 ya, a2 not given. 63.72: b3 tidak.
    expect(d.intention).toEqual([
      { regionCode: '63.03', ya: 0, ragu: 2, tidak: 0, unknown: 0, total: 2 },
      { regionCode: '63.71', ya: 2, ragu: 0, tidak: 0, unknown: 1, total: 3 },
      { regionCode: '63.72', ya: 0, ragu: 0, tidak: 1, unknown: 0, total: 1 },
    ]);
    expect(d.intentionTotal).toEqual({
      regionCode: '',
      ya: 2,
      ragu: 2,
      tidak: 1,
      unknown: 1,
      total: 6,
    });
  });
});

describe('the attention list', () => {
  it('lists walk-ins to complete, not completed or cancelled ones', () => {
    // a2 needs review; b3 was completed; w9 is cancelled.
    expect(d.attention.walkins.map((p) => p.id)).toEqual(['a2']);
  });

  it('lists each likely duplicate pair once, the earlier registration first', () => {
    // b2–b3 share a NIP and a phone: one pair, by NIP (the strongest reason).
    // a1–a4 share a phone. a1–a2: similar names at the same institution.
    // w9 is a1's namesake but cancelled.
    expect(d.attention.duplicates.map((x) => [x.a.id, x.b.id, x.reason])).toEqual([
      ['b2', 'b3', 'nip'],
      ['a1', 'a4', 'phone'],
      ['a1', 'a2', 'name'],
    ]);
  });

  it('lists first check-ins of a day without a signature, by day', () => {
    // 2 June: a2's first was unsigned (a4's unsigned one was a repeat). 23 June: b2's
    // first was unsigned; a3's is a cancelled person's.
    expect(d.attention.unsigned.map((u) => [u.person.id, u.day])).toEqual([
      ['a2', '2025-06-02'],
      ['b2', '2025-06-23'],
    ]);
  });

  it('lists no unsigned check-ins when the event does not ask for signatures', () => {
    const paper = dashboard({ ...data, event: { ...event, signatureAtCheckin: false } }, TODAY);
    expect(paper.attention.unsigned).toEqual([]);
  });

  it('does not pair alike names at different institutions', () => {
    // 600 people at 600 institutions with near-identical names: none alike.
    const many = Array.from({ length: 600 }, (_, i) =>
      person(
        `x${i}`,
        'A',
        '63.71',
        `Peserta Nomor ${i}`,
        `Instansi ${i}`,
        `+62812512${String(i).padStart(5, '0')}`,
      ),
    );
    const r = dashboard({ ...data, participants: many, checkins: [], marks: [] }, TODAY);
    expect(r.attention.duplicates).toEqual([]);
    expect(r.counts.registered).toBe(600);
  });
});
