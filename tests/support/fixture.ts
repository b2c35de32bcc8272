// The tests' own event: explicit, named, and not the demo, so a test shows what it stands
// on and the demo may change without moving a test. Every person is invented (names, NIP
// and phone numbers fictitious but well-formed). Its calendar matches the dates the tests
// have always used: Angkatan I on Monday 2 June 2025, Angkatan II on Monday 23 June 2025,
// each one day of five sessions in WITA worth 1 + 2 + 2 + 2 + 1 = 8 JP (the threshold 80%).
// The people, by position: P1 PNS (A1), P2 PNS (A2), P3 PPPK (A1), P4 non-ASN without NIP
// (A2), P5 PNS (A1), P6 PPPK paruh waktu (A2); A2's three from Kab. Barito Kuala, the
// others from three more kabupaten/kota; all registered.
// The server's test harness writes it (`seedFixture`), a device's test database too
// (`seedFixtureLocally`); both through the functions that write the demo.
import { oneDayBatch, registeredPeople, sessionsOfDay } from '#domain/demo';
import type { Batch, Event, FullParticipant, Session } from '#domain/model';
import { DEFAULT_TIMEZONE } from '#domain/time';
import { putEventData } from '#db/events';
import { writeEventData } from '#server/seed';
import type { Db } from '#server/store/database';
import { rowExists } from '#server/store/rows';

export const FIXTURE_EVENT_ID = 'uji-bimtek';

const event: Event = {
  id: FIXTURE_EVENT_ID,
  name: 'Bimtek Uji Pengelolaan Perpustakaan',
  organizer: 'Dinas Perpustakaan Uji Provinsi Kalimantan Selatan',
  venue: 'Banjarbaru, Kalimantan Selatan',
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
    'Data uji (nama, NIP, nomor HP, instansi) dipakai hanya untuk pendaftaran, daftar hadir ' +
    'dan sertifikat Bimtek uji ini (UU 27/2022).',
  retentionDays: 365,
  official: { name: 'Ketua Bimtek Uji, S.Sos.', title: 'Ketua Panitia', nip: '197602142001121001' },
  approver: {
    name: 'Pejabat Anggaran Uji, S.E.',
    title: 'Pejabat Pembuat Komitmen',
    nip: '197311082000031002',
  },
  city: 'Banjarbaru',
  fiscalYear: 2025,
  fundingSource: 'APBD Provinsi Kalimantan Selatan',
  letterhead: {
    lines: ['PEMERINTAH PROVINSI KALIMANTAN SELATAN', 'DINAS PERPUSTAKAAN UJI'],
    address: '',
    logos: [],
  },
  committee: [
    {
      id: 'uji-n1',
      role: 'narasumber',
      name: 'Narasumber Uji, M.Hum.',
      position: 'Pustakawan Ahli Madya, Perpusnas RI',
    },
    {
      id: 'uji-n2',
      role: 'narasumber',
      name: 'Fasilitator Uji, S.IP.',
      nip: '198106302006041002',
      position: 'Pustakawan Ahli Muda, Dinas Perpustakaan Uji',
    },
    {
      id: 'uji-p1',
      role: 'panitia',
      name: 'Sekretaris Uji',
      nip: '198802112012122001',
      position: 'Sekretaris, Dinas Perpustakaan Uji',
    },
    {
      id: 'uji-p2',
      role: 'panitia',
      name: 'Anggota Panitia Uji',
      position: 'Anggota, Dinas Perpustakaan Uji',
    },
  ],
  certificate: {
    numberPattern: '{seq}/BIMTEK-UJI/{year}',
    place: 'Banjarbaru',
    signatory: {
      name: 'Kepala Dinas Uji, S.Sos., M.Si.',
      title: 'Kepala Dinas Perpustakaan Uji Provinsi Kalimantan Selatan',
      nip: '196905171996031003',
    },
  },
  demo: false,
};

const batches: Batch[] = [
  oneDayBatch(FIXTURE_EVENT_ID, 1, '2025-06-02', 'Aula Uji Banjarbaru', 40),
  oneDayBatch(FIXTURE_EVENT_ID, 2, '2025-06-23', 'Ruang Rapat Dinas Perpustakaan Uji', 40),
];

// [start, end, title, speaker, JP], WITA; the speakers are not the committee's narasumber
// prettier-ignore
const dayPlan = [
  ['07:30', '08:15', 'Pembukaan dan arahan Ketua Panitia Uji', 'Kepala Dinas Perpustakaan Uji', 1],
  ['08:15', '09:45', 'Kebijakan pengembangan koleksi perpustakaan daerah', 'Pustakawan Utama Uji', 2],
  ['10:00', '11:30', 'Layanan referensi dan penelusuran informasi', 'Widyaiswara Uji', 2],
  ['13:00', '14:30', 'Katalogisasi, klasifikasi dan metadata', 'Penguji Katalog Uji', 2],
  ['14:45', '15:30', 'Praktik menyusun rencana kerja perpustakaan', 'Penguji Katalog Uji', 1],
] as const;

const sessions: Session[] = sessionsOfDay(batches, dayPlan, 'Ruang uji');

// [name, status, nip, gender, position, institution, region, library type, phone]
// prettier-ignore
const rows = [
  ['Gusti Rahmadi, S.IP.', 'pns', '198704122014031001', 'L', 'pustakawan_ahli_pertama', 'Dinas Perpustakaan Uji Kota Banjarmasin', '63.71', 'umum_kabkota', '+6281349900101'],
  ['Dra. Masitah Ilmi', 'pns', '196907201994032002', 'P', 'pustakawan_ahli_madya', 'Dinas Perpustakaan Uji Kab. Barito Kuala', '63.04', 'umum_kabkota', '+6281349900102'],
  ['Muhammad Fikri Maulana, S.Hum.', 'pppk', '199305172023211001', 'L', 'pustakawan_ahli_pertama', 'Perpustakaan Universitas Uji Banjarbaru', '63.72', 'perguruan_tinggi', '+6285249900103'],
  ['Wulan Sari, S.Pd.', 'non_asn', null, 'P', 'pengelola_perpustakaan', 'SMA Negeri Uji Marabahan', '63.04', 'sekolah', '+6282149900104'],
  ['Hj. Salmiah, S.Sos.', 'pns', '197809032005022003', 'P', 'asisten_perpustakaan_penyelia', 'Dinas Perpustakaan Uji Kab. Tanah Bumbu', '63.10', 'umum_kabkota', '+6281349900105'],
  ['Yusran Noor', 'pppk_paruh_waktu', '198912152024211002', 'L', 'pengelola_perpustakaan', 'Perpustakaan Desa Uji Marabahan', '63.04', 'umum_desa', '+6287849900106'],
] as const;

const people: FullParticipant[] = registeredPeople(
  FIXTURE_EVENT_ID,
  batches,
  rows,
  (i) => `UJI${String(i + 1).padStart(3, '0')}`,
);

/** The test event and what it holds. */
export const fixture = { event, batches, sessions, people };

const data = () => ({ event, batches, sessions, participants: people });

/** Write the fixture into a server's database, as the demo is seeded (no device, no push)
 * and like it once: a server restarted on its data keeps what the tests changed.
 * Returns whether it wrote. */
export function seedFixture(db: Db): boolean {
  if (rowExists(db, 'events', FIXTURE_EVENT_ID)) return false;
  writeEventData(db, data());
  return true;
}

/** Write the fixture into the app's local database (db()), as reference data: no outbox. */
export function seedFixtureLocally(): Promise<void> {
  return putEventData(data());
}
