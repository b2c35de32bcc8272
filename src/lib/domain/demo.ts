// The built-in demonstration event, so a newcomer sees a real screen. Every person in
// it is invented (names, NIP and phone numbers are fictitious but well-formed); the
// event is flagged `demo` and the UI says so.
import type { Batch, Event, FullParticipant, Session } from '#domain/model';
import { DEFAULT_TIMEZONE } from '#domain/time';

export const DEMO_EVENT_ID = 'demo-bimtek-2025';

export const demoEvent: Event = {
  id: DEMO_EVENT_ID,
  name: 'Bimtek Literasi Informasi Sertifikasi Pustakawan dan Pengelola Perpustakaan',
  organizer: 'Dinas Perpustakaan dan Kearsipan Provinsi Kalimantan Selatan',
  venue: 'Banjarmasin, Kalimantan Selatan',
  startDate: '2025-06-02',
  endDate: '2025-06-23',
  timezone: DEFAULT_TIMEZONE,
  provinceCode: '63',
  minutesPerJp: 45,
  certificateThreshold: 80,
  lateCountsAsPresent: true,
  collectNik: false,
  signatureAtCheckin: false,
  registrationOpen: true,
  participantsChooseBatch: true,
  privacyNotice:
    'Data Anda (nama, NIP, nomor HP, instansi) dipakai hanya untuk pendaftaran, daftar hadir, ' +
    'dan sertifikat kegiatan ini, dan dihapus setelah masa simpan berakhir (UU 27/2022).',
  retentionDays: 365,
  official: { name: 'Contoh Pejabat, S.Sos.', title: 'Ketua Panitia', nip: '197501012000031001' },
  approver: {
    name: 'Contoh Kuasa Pengguna Anggaran, S.E.',
    title: 'Kuasa Pengguna Anggaran',
    nip: '197203121998031004',
  },
  city: 'Banjarmasin',
  fiscalYear: 2025,
  fundingSource: 'APBD Provinsi Kalimantan Selatan',
  letterhead: {
    lines: ['PEMERINTAH PROVINSI KALIMANTAN SELATAN', 'DINAS PERPUSTAKAAN DAN KEARSIPAN'],
    address: '',
    logos: [],
  },
  committee: [
    {
      id: 'demo-n1',
      role: 'narasumber',
      name: 'Contoh Narasumber, M.Hum.',
      position: 'Pustakawan Ahli Madya, Perpusnas RI',
    },
    {
      id: 'demo-n2',
      role: 'narasumber',
      name: 'Contoh Fasilitator, S.IP.',
      nip: '198003152005011002',
      position: 'Pustakawan Ahli Muda, Dispersip Kalsel',
    },
    {
      id: 'demo-p1',
      role: 'panitia',
      name: 'Contoh Sekretaris Panitia',
      nip: '198507202010012003',
      position: 'Sekretaris, Dispersip Kalsel',
    },
    {
      id: 'demo-p2',
      role: 'panitia',
      name: 'Contoh Anggota Panitia',
      position: 'Anggota, Dispersip Kalsel',
    },
  ],
  certificate: {
    numberPattern: '{seq}/BIMTEK-LI/DISPERSIP/{year}',
    place: 'Banjarbaru',
    signatory: {
      name: 'Contoh Kepala Dinas, S.Sos., M.Si.',
      title: 'Kepala Dinas Perpustakaan dan Kearsipan Provinsi Kalimantan Selatan',
      nip: '197001011995031001',
    },
  },
  demo: true,
};

/** A one-day batch (Angkatan I or II) of an event, as the demo (and the tests' fixture) have. */
export const oneDayBatch = (
  eventId: string,
  n: 1 | 2,
  date: string,
  venue: string,
  capacity: number,
): Batch => ({
  id: `${eventId}-a${n}`,
  eventId,
  name: n === 1 ? 'Angkatan I' : 'Angkatan II',
  code: `A${n}`,
  startDate: date,
  endDate: date,
  venue,
  capacity,
});

export const demoBatches: Batch[] = [
  oneDayBatch(DEMO_EVENT_ID, 1, '2025-06-02', 'Banjarmasin', 50),
  oneDayBatch(
    DEMO_EVENT_ID,
    2,
    '2025-06-23',
    'Aula Dinas Perpustakaan dan Kearsipan Provinsi Kalimantan Selatan',
    50,
  ),
];

// One plausible Bimtek day, in WITA (UTC+8): 8 JP of 45 minutes, breaks between.
// prettier-ignore
const dayPlan = [
  ['07:30', '08:15', 'Pembukaan dan pengarahan Kepala Dinas', 'Kepala Dispersip Kalsel', 1],
  ['08:15', '09:45', 'Kebijakan pembinaan jabatan fungsional pustakawan', 'Narasumber Perpusnas RI', 2],
  ['10:00', '11:30', 'Literasi informasi dalam layanan perpustakaan', 'Widyaiswara (contoh)', 2],
  ['13:00', '14:30', 'Skema sertifikasi, APL-01 dan APL-02', 'Asesor LSP Pustakawan (contoh)', 2],
  ['14:45', '15:30', 'Praktik menyusun portofolio bukti kompetensi', 'Asesor LSP Pustakawan (contoh)', 1],
] as const;

/** [start, end, title, speaker, JP] of one day, in the event's time zone. */
export type DayPlan = readonly (readonly [string, string, string, string, number])[];

/** Every batch's day as the plan says, in `room`, at wall times of UTC+8 (WITA, the
 * demo's and the tests' zone, has no daylight saving). */
export function sessionsOfDay(batches: readonly Batch[], plan: DayPlan, room: string): Session[] {
  const wita = (date: string, time: string) => new Date(`${date}T${time}:00+08:00`).toISOString();
  return batches.flatMap((b) =>
    plan.map(([start, end, title, speaker, jp], i) => ({
      id: `${b.id}-s${i + 1}`,
      eventId: b.eventId,
      batchId: b.id,
      title,
      speaker,
      room,
      start: wita(b.startDate, start),
      end: wita(b.startDate, end),
      jp,
      trainerDeviceIds: [],
    })),
  );
}

export const demoSessions: Session[] = sessionsOfDay(demoBatches, dayPlan, 'Ruang utama');

// [name, status, nip, gender, position, institution, region, library type, phone]
// prettier-ignore
const people = [
  ['Ahmad Fauzi, S.IP.', 'pns', '198609262015051001', 'L', 'pustakawan_ahli_pertama', 'Dinas Perpustakaan dan Kearsipan Kota Banjarmasin', '63.71', 'umum_kabkota', '+6281251230001'],
  ['Dra. Siti Rahmah', 'pns', '196803151993032002', 'P', 'pustakawan_ahli_madya', 'Dinas Perpustakaan dan Kearsipan Kab. Banjar', '63.03', 'umum_kabkota', '+6281348760002'],
  ['Muhammad Rizky Ramadhan, S.Hum.', 'pppk', '199201102023211003', 'L', 'pustakawan_ahli_pertama', 'Perpustakaan Universitas Lambung Mangkurat (contoh)', '63.72', 'perguruan_tinggi', '+6285245670003'],
  ['Nur Aisyah, S.Pd.', 'non_asn', null, 'P', 'pengelola_perpustakaan', 'SMA Negeri 1 Martapura (contoh)', '63.03', 'sekolah', '+6282150120004'],
  ['Hj. Noorhayati, S.Sos.', 'pns', '197704222006042005', 'P', 'asisten_perpustakaan_penyelia', 'Dinas Perpustakaan Kab. Tabalong', '63.09', 'umum_kabkota', '+6281351890005'],
  ['Moh. Yusuf Hidayat', 'pppk_paruh_waktu', '198811052024211006', 'L', 'pengelola_perpustakaan', 'Perpustakaan Desa Sungai Rangas (contoh)', '63.03', 'umum_desa', '+6287815340006'],
] as const;

/** One registered person, as the demo (and the tests' fixture) list them. */
export type PersonRow = readonly [
  fullName: string,
  employmentStatus: FullParticipant['employmentStatus'],
  nip: string | null,
  gender: FullParticipant['gender'],
  position: FullParticipant['position'],
  institution: string,
  regionCode: string,
  libraryType: FullParticipant['libraryType'],
  phone: string,
];

/** Registered people of an event from rows, alternating between its first two batches,
 * numbered and ticketed in order (`ticket(i)`). */
export function registeredPeople(
  eventId: string,
  batches: readonly Batch[],
  rows: readonly PersonRow[],
  ticket: (i: number) => string,
): FullParticipant[] {
  return rows.map(
    (
      [
        fullName,
        employmentStatus,
        nip,
        gender,
        position,
        institution,
        regionCode,
        libraryType,
        phone,
      ],
      i,
    ) => ({
      id: `${eventId}-p${i + 1}`,
      eventId,
      batchId: batches[i % 2]!.id,
      fullName,
      employmentStatus,
      ...(nip ? { nip } : {}),
      gender,
      position,
      institution,
      regionCode,
      libraryType,
      phone,
      certificationIntention: i % 3 === 0 ? 'ragu' : 'ya',
      consentAt: '2025-05-20T02:00:00.000Z',
      source: 'self',
      status: 'registered',
      ticketCode: ticket(i),
      registrationNumber: `KS-A${(i % 2) + 1}-${String(Math.floor(i / 2) + 1).padStart(3, '0')}`,
      needsReview: false,
      createdAt: '2025-05-20T02:00:00.000Z',
      updatedAt: '2025-05-20T02:00:00.000Z',
    }),
  );
}

export const demoParticipants: FullParticipant[] = registeredPeople(
  DEMO_EVENT_ID,
  demoBatches,
  people,
  (i) => `DEMO${String(i + 1).padStart(2, '0')}`,
);
